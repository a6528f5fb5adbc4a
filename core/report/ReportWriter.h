// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/AuditTests.h"
#include "ledger/Ledger.h"
#include "util/Status.h"

#include <QDate>
#include <QImage>
#include <QList>
#include <QLocale>
#include <QMap>
#include <QString>
#include <QStringList>
#include <array>
#include <memory>

namespace ledgerguard {

class IsolationForest;

// The findings report: a PDF for a period and a set of accounts, written with Qt Gui only (QPdfWriter,
// QTextDocument, QPainter; never Qt Widgets or Charts), so the desktop (off the GUI thread) and the headless
// `ledgerguard report` command write the same file. Pages, in order:
//   1. summary: ledger, period, accounts, generation time, transactions in the period and scored, anomalies by
//      status and risk, per-account counts;
//   2. trend: transactions per day (or per bucket of days for long periods) and anomalies per day by risk;
//   3. cases: per account (each on a new page) the open and confirmed anomalies whose transaction lies in the
//      period, highest score first, at most maxCasesPerAccount of them (a line says how many more exist), each with
//      its transaction (time, amount, counterparty, description), score, risk, decision and explanation in words;
//      After the cases of each account, its "Classic tests" (core/audit, over the account's transactions in the
//      period): each test's result, counts and summary, up to kReportHitsPerTest of a finding's transactions, and
//      the Benford digit chart (first digit, first two digits: observed bars, expected line);
//   4. methods: the stored Isolation Forest models (trees, sample size, height limit, seed, calibration), the risk
//      rule (riskRuleText), the data range covered and the number of transactions scored.
// Every page has a header (title, ledger name, period) and a footer (generation time, "Page X of N").
//
// Reading is bounded for large ledgers: anomalies are read page by page (keyset paging of Ledger::anomalies) keeping
// only the top cases per account, transactions are counted, never loaded, and only listed cases load their
// transaction. Money is formatted from integer minor units (Money::formatWithCurrency), never through a double.

struct ReportOptions
{
    QDate from; // first day of the period (UTC), inclusive; required
    QDate to; // last day of the period (UTC), inclusive; required, not before `from`
    QList<qint64> accountIds; // empty: every account
    QString title = QStringLiteral("Findings report");
    QString ledgerName; // shown in the header, e.g. the ledger file's name
    qint64 generatedAtMs = 0; // UTC ms; required: the caller reads it from its Clock
    int maxCasesPerAccount = 200; // 1..10000
    QLocale locale = QLocale(QLocale::English, QLocale::UnitedStates); // numbers and amounts
    bool classicTests = true; // the "Classic tests" section of each account
};

// Transactions of a test's finding listed in the report's "Classic tests" section.
inline constexpr int kReportHitsPerTest = 3;

// One listed case: the anomaly and its transaction.
struct ReportCase
{
    Anomaly anomaly;
    Transaction transaction;
};

// Who decided a case and when, as the report shows it. `by` is empty while the ledger does not record the decider.
struct CaseDecision
{
    QString status; // anomalyStatusKey()
    std::optional<qint64> at;
    QString by;
};
CaseDecision caseDecision(const Anomaly& anomaly);

// Risk index into the count arrays: 0 LOW, 1 MEDIUM, 2 HIGH (the order of Risk).
using RiskCounts = std::array<qint64, 3>;

struct ReportAccount
{
    Account account;
    qint64 transactions = 0; // in the period
    qint64 scored = 0; // of those, scored by the detector (all of them when the account is not stale)
    QMap<QString, RiskCounts> anomalies; // status key -> counts by risk, anomalies whose transaction is in the period
    qint64 openOrConfirmed = 0; // the cases that could be listed
    QList<ReportCase> cases; // the listed ones, highest score first (ties: newer transaction first)
    std::shared_ptr<const IsolationForest> model; // the stored model; null when the account has none
    // The classic tests over the account's transactions in the period (with ReportOptions::classicTests): each test
    // keeps at most kReportHitsPerTest hits, `rows` only the rows those hits name.
    std::optional<AuditResults> classicTests;
};

struct TrendBucket
{
    qint64 startMs = 0;
    qint64 transactions = 0;
    RiskCounts anomalies {}; // not dismissed
};

// Everything the report shows, read from the ledger.
struct ReportData
{
    qint64 fromMs = 0; // inclusive
    qint64 toMs = 0; // exclusive (the day after `to`)
    qint64 bucketDays = 1; // days per trend bucket
    QList<ReportAccount> accounts;
    QList<TrendBucket> trend;
    std::optional<qint64> firstTransactionMs; // of the selected accounts in the period
    std::optional<qint64> lastTransactionMs;

    qint64 transactions() const;
    qint64 scored() const;
    QMap<QString, RiskCounts> anomalies() const; // summed over the accounts
};

struct ReportResult
{
    int pages = 0;
    qint64 casesListed = 0;
};

// Reads the report's data. Errors: InvalidArgument("from"/"to") for a missing or reversed period,
// ("accountIds") naming an unknown account, ("maxCasesPerAccount") out of range, ("generatedAtMs") when unset; the
// ledger's read errors.
Result<ReportData> readReportData(const Ledger& ledger, const ReportOptions& options);

// The report's pages as HTML documents, for the PDF and for checking text.
struct ReportHtml
{
    QString summary;
    QStringList cases; // one per account of ReportData::accounts, its classic tests included
    QString methods;
};
// The Benford chart of an account's classic tests as the report draws it (`name` is the image's name in the
// account's HTML), at the size it has on the page; empty without classic tests.
std::pair<QString, QImage> benfordChart(const ReportAccount& account);
ReportHtml reportHtml(const ReportData& data, const ReportOptions& options);

// Reads the data and writes the PDF to `path` atomically (the file appears complete or not at all). Safe on any
// thread (no widgets). Errors: those of readReportData; IoError when the file cannot be written.
Result<ReportResult> writeReport(const Ledger& ledger, const ReportOptions& options, const QString& path);

} // namespace ledgerguard
