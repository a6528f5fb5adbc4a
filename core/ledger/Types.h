// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Risk.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace ledgerguard {

// Plain domain values of the ledger. Money is always integer minor units of the account's currency.
// Timestamps are UTC milliseconds since the Unix epoch.

enum class AccountType { Checking, Savings, CreditCard, Receivable, Payable, TaxReserve, Cash };

enum class Category {
    Payroll,
    Rent,
    Utilities,
    CardSpend,
    CustomerReceipt,
    SupplierPayment,
    Tax,
    Fees,
    Transfer,
    Interest,
    Refund,
    Other,
    OpeningBalance // the opening transaction of an account created with a balance (Ledger::createAccount)
};

enum class Source { Manual, Generator, Api, Import };

// A case's status (docs/LEDGER.md, "Cases"): Open awaits review; Confirmed and Dismissed are an analyst's decision
// (never changed by a detection run); Cleared is an open case whose latest score fell below MEDIUM (a detection run
// reopens it when the score rises to MEDIUM again; an analyst may reopen or decide it).
enum class AnomalyStatus { Open, Confirmed, Dismissed, Cleared };

// Who opened a case: the detector (a MEDIUM or HIGH score) or an analyst labelling a transaction
// (Ledger::labelTransaction), which needs no score.
enum class CaseSource { Detector, Analyst };

// An analyst's verdict on a transaction: Fraud confirms its case, Normal dismisses it.
enum class Label { Fraud, Normal };

// What kind of unusual a transaction is: the anomaly types the generator injects (and labels) and the detector
// names from an anomaly's top explanation feature (Anomaly::anomalyType holds the key).
enum class AnomalyType {
    AmountSpike,
    UnusualHour,
    NewCounterparty,
    NewCategory,
    RapidBurst,
    DuplicatePayment,
    RoundAmount,
    // Payments to a payee whose account was taken over: ordinary in every feature of the account, so only
    // decisions reveal it (counterparty feedback, core/decisions/Feedback.h); the generator labels every payment to
    // one payee over some weeks with it.
    CompromisedCounterparty
};

// True when a payment repeating an earlier one (same counterparty and amount, within the detector's 48 hours or the
// duplicate test's window) is the counterparty's habit rather than a duplicate: of its other payments (`others`, at
// least 9) at least a third (`otherRepeats`) repeat an earlier one too (a fixed fee paid daily, a retainer paid in
// equal instalments). A supplier that billed twice on 2 of its 5 invoices is no habit. The forest's duplicate
// feature and the duplicate payment test both ask it.
constexpr bool isRoutineRepeat(qint64 otherRepeats, qint64 others)
{
    return others >= 9 && otherRepeats * 3 >= others;
}

// Derived from the account's open anomalies of the last 30 days (see docs/DETECTION.md):
// AtRisk with any open HIGH, Watch with any open MEDIUM, else Healthy.
enum class Health { Healthy, Watch, AtRisk };

// Stable machine keys ("checking", "card_spend", "manual", "open", "HEALTHY", ...) used in the database, the REST API
// and CSV files, and readable labels ("Checking", "Card spend", ...) for the UI.
QString accountTypeKey(AccountType type);
QString accountTypeLabel(AccountType type);
std::optional<AccountType> accountTypeFromKey(const QString& key);
QList<AccountType> allAccountTypes();

QString categoryKey(Category category);
QString categoryLabel(Category category);
std::optional<Category> categoryFromKey(const QString& key);
QList<Category> allCategories();

QString sourceKey(Source source);
std::optional<Source> sourceFromKey(const QString& key);

QString anomalyStatusKey(AnomalyStatus status); // "open", "confirmed", "dismissed", "cleared"
std::optional<AnomalyStatus> anomalyStatusFromKey(const QString& key);
QList<AnomalyStatus> allAnomalyStatuses();
QString caseSourceKey(CaseSource source); // "detector", "analyst"
QString labelKey(Label label); // "fraud", "normal"
std::optional<Label> labelFromKey(const QString& key); // case-insensitive

QString anomalyTypeKey(AnomalyType type); // "amount_spike", "unusual_hour", "new_counterparty", ...
// "Unusual amount" (above or below the usual), "Unusual hour", "New counterparty", ...
QString anomalyTypeLabel(AnomalyType type);
std::optional<AnomalyType> anomalyTypeFromKey(const QString& key);
QList<AnomalyType> allAnomalyTypes();

QString healthKey(Health health); // "HEALTHY", "WATCH", "AT_RISK"
QString healthLabel(Health health); // "Healthy", "Watch", "At risk"

// Validation limits (documented in docs/LEDGER.md).
inline constexpr qint64 kMaxAbsAmountMinor = 1'000'000'000'000LL; // |amount| <= 10^12 minor units
inline constexpr int kMaxDescriptionLength = 500;
inline constexpr int kMaxCounterpartyLength = 200;
inline constexpr int kMaxAccountNameLength = 100;
inline constexpr qint64 kMaxFutureMs = kDayMs; // a timestamp may be at most one day ahead of now
inline constexpr int kHealthWindowDays = 30;
inline constexpr int kMaxNoteLength = 2000; // a case note or a decision's reason
inline constexpr int kMaxAssigneeLength = 100;
inline constexpr int kMaxActorLength = 100;

struct Account
{
    qint64 id = 0;
    QString name;
    AccountType type = AccountType::Checking;
    QString currency; // ISO 4217
    qint64 balance = 0; // minor units; always the sum of the account's transactions
    bool isStale = false; // written since the last detection run
    qint64 changeSeq = 0; // incremented by every write to the account (used to clear stale flags safely)
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    std::optional<qint64> lastActivity; // newest transaction timestamp
    qint64 transactionCount = 0;
    // Open anomalies on the account's transactions of its last kHealthWindowDays days (before now, or before its
    // newest transaction when that is older), by risk.
    int openHigh = 0;
    int openMedium = 0;
    int openLow = 0;
    Health health = Health::Healthy;
    std::optional<qint64> closedAt; // set while the account is closed (it then refuses new transactions)
};

// Input to Ledger::createAccount. A non-zero openingBalance (minor units of `currency`, |value| <= 10^12) is booked
// as the account's first transaction (category OpeningBalance, description "Opening balance", at the creation time
// or at openingDate when given), so the balance stays the sum of the transactions.
struct NewAccount
{
    QString name;
    AccountType type = AccountType::Checking;
    QString currency = QStringLiteral("EUR");
    qint64 openingBalance = 0;
    std::optional<qint64> openingDate {};
    Source source = Source::Manual; // the opening transaction's source
};

struct Transaction
{
    QString id; // UUID (version 7: time-ordered)
    qint64 accountId = 0;
    qint64 amount = 0; // minor units; negative = debit
    QString currency;
    QString description;
    Category category = Category::Other;
    QString counterparty;
    qint64 timestamp = 0;
    qint64 runningBalance = 0; // balance after this transaction in (timestamp, id) order
    Source source = Source::Manual;
    qint64 createdAt = 0;
    std::optional<double> anomalyScore; // latest detector score, once scored
    std::optional<Risk> risk;
    QString externalId; // the statement's id of an imported row; empty when none
    QString importBatch; // the import batch (UUID) that wrote the transaction; empty when not imported
    QString reverses; // a reversing entry: the id of the transaction it reverses; empty otherwise
    QString reversedBy; // the id of the reversing entry of this transaction; empty while not reversed
};

// Input to Ledger::addTransaction. Fields are validated in this order and the first error names its field:
// accountId (exists), amount (non-zero, |amount| <= 10^12), description (1..500 characters after trimming),
// category (a known key), counterparty (<= 200 characters), timestamp (<= now + 1 day).
struct NewTransaction
{
    qint64 accountId = 0;
    qint64 amount = 0;
    QString description;
    QString category; // a categoryKey()
    QString counterparty;
    std::optional<qint64> timestamp; // default: the ledger clock's now
    Source source = Source::Manual;
    QString id; // optional: a UUID chosen by the caller (import); generated when empty
    QString externalId; // import: the statement's id of the row; empty when none
    QString importBatch; // the import batch writing the row: set by Ledger::importBatch, empty otherwise
    QString injectedLabel; // evaluation only: the anomalyTypeKey() the generator injected; never read by the detector
};

// A case: an anomaly the detector found (source Detector) or a transaction an analyst labelled (source Analyst).
// Score fields: `score`/`risk`/`scoredAt` are the latest scoring (a detection run updates them); `firstScore`/
// `firstRisk`/`detectedAt` are the first scoring that opened the case and never change afterwards. A case an
// analyst opened on an unscored transaction has no score (`scored` false, score 0, risk Low) until a run scores it.
// Status fields: `status` (see AnomalyStatus), `statusChangedAt` (any status change, also by the detector),
// `decidedBy`/`decidedAt` (the analyst's latest status change or label), `assignee` (empty: nobody).
struct Anomaly
{
    QString id; // UUID
    qint64 accountId = 0;
    QString transactionId;
    double score = 0;
    Risk risk = Risk::Low;
    qint64 detectedAt = 0; // when the case was opened (first detection or the label's decidedAt); never changes
    QString anomalyType; // an anomalyTypeKey(): the family of the top explanation feature; empty for analyst cases
    QJsonObject features; // feature name -> value
    QJsonArray explanation; // [{feature, contribution, value, typical, text}]
    AnomalyStatus status = AnomalyStatus::Open;
    std::optional<qint64> statusChangedAt;
    // Joined from the transaction, for display.
    qint64 amount = 0;
    QString currency;
    QString description;
    qint64 transactionTimestamp = 0;
    // The case record (schema version 4).
    CaseSource source = CaseSource::Detector;
    bool scored = true;
    std::optional<double> firstScore;
    std::optional<Risk> firstRisk;
    std::optional<qint64> scoredAt;
    QString assignee;
    QString decidedBy;
    std::optional<qint64> decidedAt;
    // Joined from the transaction, for display and export.
    QString counterparty;
    QString externalId;
    Category category = Category::Other;
    qint64 runningBalance = 0;
    QString importBatch;
};

// An analyst's change to a case (Ledger::decideAnomaly): each given field is applied; at least one is required.
struct Decision
{
    std::optional<AnomalyStatus> status;
    QString note; // appended to the case's audit trail with the change (or alone); empty: none
    std::optional<QString> assignee; // empty string: unassign
};

// One entry of the append-only audit trail (table audit_log). `action` is one of: "detected" (the detector opened
// the case), "status" (status from -> to; actor "detector" for cleared/reopened by a re-score), "assignee",
// "note", "label" (an analyst's label: from -> to status), "label_superseded" (a label older than the case's
// current decision: recorded, status kept), "deleted" (the case's transaction was removed by an import undo),
// "migrated" (the case existed before schema version 4). `note` is the analyst's text (empty when none).
struct AuditEntry
{
    qint64 id = 0; // increasing in write order
    QString anomalyId;
    QString transactionId;
    qint64 at = 0;
    QString actor;
    QString action;
    QString from;
    QString to;
    QString note;
};

// One scoring of a case's transaction by a detection run.
struct ScoreEntry
{
    qint64 scoredAt = 0;
    double score = 0;
    Risk risk = Risk::Low;
    QString model; // the model that scored (e.g. "account:3@1733000000000"); empty when unknown
};

// Everything recorded about a case, oldest first: its scorings, its audit trail and, of that trail, the entries
// carrying a note.
struct AnomalyHistory
{
    QList<ScoreEntry> scores;
    QList<AuditEntry> audit;
    QList<AuditEntry> notes;
};

// One decision for Ledger::labelTransactions. The transaction is named by `transactionId`, or by `externalId`
// (the statement's id) with `accountId` when external ids repeat across accounts.
struct LabelRequest
{
    QString transactionId;
    QString externalId;
    std::optional<qint64> accountId;
    Label label = Label::Fraud;
    std::optional<qint64> decidedAt; // default: the ledger clock's now
    QString actor;
    QString note;
};

struct LabelSummary
{
    qint64 labelled = 0;
    qint64 created = 0; // cases opened by these labels
    qint64 updated = 0; // labels on existing cases (also a second label on a case this call opened)
};

// An analyst's standing decision on a transaction (a confirmed or dismissed case), with what feedback needs of the
// transaction and of the case (Ledger::caseDecisions). `firstScore` is NaN for a case never scored.
struct StandingDecision
{
    qint64 accountId = 0;
    QString counterparty;
    qint64 amount = 0; // minor units
    qint64 bookedAt = 0; // the transaction's timestamp
    qint64 decidedAt = 0;
    Label label = Label::Fraud; // Fraud: confirmed; Normal: dismissed
    CaseSource source = CaseSource::Detector;
    QString anomalyType; // the case's anomalyTypeKey(); empty when the detector never flagged it
    double score = 0; // the case's latest score; NaN when never scored
    QString explanation; // the case's explanation as stored (a JSON array); empty when none
};

// The detector's verdict on one transaction, written by Ledger::storeDetectionResults.
struct TransactionScore
{
    QString transactionId;
    double score = 0;
    Risk risk = Risk::Low;
    // The row's key from Ledger::transactionColumns of the same account (TransactionColumns::key), which lets the
    // score be written without looking the id up; 0 when not known.
    qint64 rowKey = 0;
};

enum class SortKey { Timestamp, Amount };

struct TransactionFilter
{
    std::optional<qint64> accountId;
    std::optional<qint64> fromMs; // inclusive
    std::optional<qint64> toMs; // exclusive
    QString text; // substring of description or counterparty, case-insensitive
    std::optional<Category> category;
    std::optional<qint64> minAmount; // inclusive, minor units
    std::optional<qint64> maxAmount; // inclusive, minor units
    std::optional<Risk> risk; // exactly this risk level (scored transactions only)
    SortKey sortKey = SortKey::Timestamp;
    bool ascending = false; // default newest (or largest) first
};

struct AnomalyFilter
{
    std::optional<Risk> risk;
    std::optional<qint64> accountId;
    std::optional<AnomalyStatus> status;
    std::optional<qint64> fromMs; // detected_at, inclusive
    std::optional<qint64> toMs; // detected_at, exclusive
    std::optional<QString> assignee; // exactly this assignee (empty string: unassigned cases)
    QString text; // substring of the description, counterparty, account name, explanation or a note, case-insensitive
};

// Keyset pagination: pass the previous page's nextCursor to get the next page. A cursor is opaque text.
struct PageRequest
{
    int limit = 100; // 1..kMaxPageSize
    QString cursor;
};
inline constexpr int kMaxPageSize = 1000;

template<typename T> struct Page
{
    QList<T> items;
    QString nextCursor; // empty when this is the last page
};

// Aggregates for the dashboard and health.
// Every open case by its latest risk, whatever its age: the one definition the dashboard's cards and /health use
// (an account's own open counts and its health cover cases on transactions of the last 30 days).
struct OpenCaseCounts
{
    qint64 high = 0;
    qint64 medium = 0;
    qint64 low = 0;
};

struct DailyCount
{
    qint64 dayStartMs = 0;
    int high = 0;
    int medium = 0;
    int low = 0;
};

struct BalancePoint
{
    qint64 timestamp = 0;
    qint64 balance = 0;
};

} // namespace ledgerguard
