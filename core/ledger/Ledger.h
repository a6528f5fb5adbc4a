// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Database.h"
#include "ledger/TransactionColumns.h"
#include "ledger/Types.h"
#include "util/Clock.h"
#include "util/Status.h"

#include <QMutex>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimeZone>
#include <memory>

namespace ledgerguard {

struct AccountState; // internal to core/ledger (SqlRows_p.h)

// A user's rule as the ledger stores it (Ledger::saveRule; core/rules parses and validates `definition`).
struct StoredRule
{
    QString id; // UUIDv7
    QString name;
    bool enabled = true;
    int version = 0; // 1 for the first saved version
    QString definition; // the rule's JSON (core/rules toJson), without id and version
    QStringList lists; // the named lists the definition uses
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;
};

// A named list of counterparties for rules (matched case-insensitively).
struct RuleList
{
    QString name;
    QStringList entries;
    qint64 updatedAt = 0;
    QString updatedBy;
};

// One statement row for Ledger::importBatch: the transaction (source Import; externalId when the statement has one)
// and whether that id was derived from the row's contents rather than given by the bank (a derived id proves
// nothing about a row the ledger got another way, so such a row is also checked for probable duplicates).
struct ImportRow
{
    NewTransaction transaction;
    bool externalIdDerived = false;
    // The balance the statement states after this row (a CSV balance column), if any: rows of one import with
    // different stated balances are never each other's probable duplicates.
    std::optional<qint64> statedBalance;
    // What the duplicate checks compute from the row alone, filled by prepareImportRow (a streamed import does
    // that on its parsing thread); left unset, the import computes them.
    bool prepared = false;
    quint64 externalIdDigest = 0; // of transaction.externalId
    QString comparableDescription; // transaction.description as the probable-duplicate check compares it
    // Set by prepareImportRow only, so that the write does no per-row text work: transaction.id is empty (the ledger
    // makes it), and transaction.description and counterparty were accepted texts (isAcceptedText) and are now
    // normalizedText's.
    bool writeReady = false;
};

// Fills the row's prepared fields from its transaction (call after setting its externalId, description,
// counterparty and id, if it has one).
void prepareImportRow(ImportRow* row);

// What Ledger::importBatch records about the import and how it treats duplicates.
struct ImportBatchOptions
{
    QString fileName;
    QString format; // "csv", "ofx", "qif", "camt"
    QString encoding;
    qint64 skippedRows = 0; // rows the caller left out (bad rows), counted in rows and skipped
    bool allowProbableDuplicates = false; // import probable duplicates instead of skipping them
    bool dryRun = false; // run the same SQL transaction, then roll it back: exact counts, nothing written
};

// What became of one ImportRow. RepeatedInFile: like an earlier row of the same import (same account and amount,
// similar description within kProbableDuplicateDays) and like no transaction the account had before; imported, as a
// statement lists each booking once (two coffees of one day are two bookings); not counted as a probable duplicate.
// Rows at different times (neither at 12:00 UTC, a date without a time) are never alike in this sense.
// SharedId: its external id is shared, that is an earlier row of the same import has it, or the account holds
// transactions written under "ID~..." forms of it; and no transaction with the id (or its forms) has the row's amount
// and description on its UTC day: another transaction the producer gave the same id (a bank's FITID "0" on every
// row, a reused end-to-end reference). Imported under "ID~AMOUNT~YYYY-MM-DD~DIGEST" (DIGEST: of the description),
// which a later import of the same file finds again. An id of a transaction from before the import that is not
// shared keeps meaning a duplicate, whatever the row's amount.
enum class ImportOutcome {
    Imported,
    Duplicate,
    ProbableDuplicateSkipped,
    ProbableDuplicateImported,
    RepeatedInFile,
    SharedId
};

struct ImportBatchResult
{
    QString batchId; // UUIDv7 of the batch (also in a dry run, where nothing keeps it)
    qint64 rows = 0; // input rows + skippedRows
    qint64 imported = 0;
    qint64 duplicates = 0; // exact: the account (or an earlier row of the batch) has the external id
    qint64 probableDuplicates = 0; // like the account's transactions, whether imported or not
    qint64 skipped = 0; // duplicates, skipped probable duplicates and skippedRows
    QList<ImportOutcome> outcomes; // per input row, in input order
    QHash<qint64, qint64> importedPerAccount; // account id -> rows imported
};

class Ledger;

// One import written as a stream of chunks (Ledger::beginImport): the same SQL transaction, batch id, duplicate
// checks and result as Ledger::importBatch, for files too large to hold whole. The session holds the ledger's
// write lock from beginImport until finish(), cancel() or its destruction; use it on the thread that began it.
// Nothing is visible to readers before finish() commits; cancel(), the destructor of an unfinished session, any
// error returned by add() or finish() and a dry run's finish() roll everything back (rows, created accounts, the
// batch record).
//
// Duplicate checks per account, with every lookup answered from memory: the account's external ids are read once
// (one query) when its first row arrives; its transactions' amounts, timestamps and descriptions are read once
// when its first row that needs a probable-duplicate check arrives. Rows of the session join the sets as they are
// classified: an exact id repeated within the session is a duplicate; a row without an id (or with a derived one)
// is a probable duplicate when a ledger transaction, or an earlier row of the session without an id (or with a
// derived one) that was neither a duplicate nor a probable duplicate, matches (same amount, within
// kProbableDuplicateDays days, similar description). Memory grows with the session's ids and id-less rows.
// Running balances: rows booked after the account's last transaction get their exact running balance on insert;
// when any row of the session is back-dated, the account's running balances from its earliest such row on are
// recomputed once, in finish().
class ImportWriter
{
public:
    ~ImportWriter();
    Q_DISABLE_COPY_MOVE(ImportWriter)

    // Creates an account inside the import's transaction (gone again if the import rolls back), with its opening
    // balance booked as Ledger::createAccount does (tagged with the batch: undoing the import takes it back). Errors:
    // those of Ledger::createAccount; a failed opening balance ends the import.
    Result<Account> createAccount(const NewAccount& account);
    // Books the opening balance of an account this import created, or of one with no transaction but this
    // import's, dated `timestamp`, as createAccount books one: for a statement whose opening balance is known only
    // once all its rows are read (a CSV's balance column), or an account made beforehand to import into. Errors:
    // InvalidArgument("accountId") for an account with transactions from before the import; those of the write
    // (after which the import is rolled back).
    Status bookOpening(qint64 accountId, qint64 amount, qint64 timestamp);
    // Classifies and writes one chunk of rows; returns their outcomes in input order. Errors: those of
    // Ledger::addTransactions for the chunk (the row index in the message is the index within the chunk); after an
    // error the session is rolled back and every later call fails.
    Result<QList<ImportOutcome>> add(const QList<ImportRow>& rows);
    // add() taking the rows over: the rows it writes are moved, not copied, into the ledger's batch.
    Result<QList<ImportOutcome>> add(QList<ImportRow>&& rows);
    // The encoding recorded with the batch, when the caller learns it after beginImport.
    void setEncoding(const QString& encoding);
    // Counts rows the caller left out (bad rows) in rows and skipped.
    void addSkippedRows(qint64 count);
    // The counts so far (outcomes stay empty: add() returns them).
    const ImportBatchResult& result() const;
    // Recomputes back-dated running balances, records the batch and commits (a dry run rolls back instead), then
    // emits the ledger's change signals. Returns the counts (outcomes empty).
    Result<ImportBatchResult> finish();
    // Rolls the import back.
    void cancel();

private:
    friend class Ledger;
    struct State;
    explicit ImportWriter(std::unique_ptr<State> state);
    // Books `account`'s opening balance (bookOpeningLocked) into an account of this import; an error rolls it back.
    Status writeOpening(qint64 accountId, const NewAccount& account);
    Result<QList<ImportOutcome>> add(QList<ImportRow>& rows, bool movable);
    std::unique_ptr<State> d;
};

// One row of import_batches.
struct ImportBatchRecord
{
    QString id;
    qint64 createdAt = 0;
    QString fileName;
    QString format;
    QString encoding;
    qint64 rows = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 probableDuplicates = 0;
    qint64 skipped = 0;
    std::optional<qint64> undoneAt;
};

// The ledger service: the one write path for accounts, transactions, detection results and anomaly reviews,
// and the read queries that views and the REST API share.
//
// Every write validates its input, runs in one SQL transaction (BEGIN IMMEDIATE ... COMMIT) and, only after the
// commit, emits a change signal. A failed write changes nothing. Invariants kept by every write:
//   - an account's balance equals the sum of its transactions' amounts;
//   - each transaction's running_balance equals the sum of the amounts of its account's transactions up to and
//     including it in (timestamp, id) order (a back-dated transaction shifts the running balances after it).
//
// Thread-safe: every method may be called from any thread; each thread uses its own connection (see Database).
// Writes from this process are serialised by a mutex; other processes are handled by SQLite's locking and the
// busy timeout (Busy when it expires). Signals are emitted on the calling thread.
class Ledger : public QObject
{
    Q_OBJECT
public:
    // Puts the risk thresholds stored in the ledger in force (see setRiskThresholds), when it has any.
    Ledger(std::shared_ptr<Database> database, const Clock& clock = SystemClock::instance(), QObject* parent = nullptr);
    ~Ledger() override;
    Q_DISABLE_COPY_MOVE(Ledger)

    // Opens (or creates) the ledger file at `path`; see Database::open for errors.
    static Result<std::unique_ptr<Ledger>> open(const QString& path, const Clock& clock = SystemClock::instance());

    const std::shared_ptr<Database>& database() const { return m_database; }
    // See Database::isReadOnly: every write then fails with Status::ReadOnly.
    bool isReadOnly() const { return m_database->isReadOnly(); }
    const Clock& clock() const { return m_clock; }

    // ---- Accounts ----
    // Creates the account and, for a non-zero opening balance, its opening transaction, in one SQL transaction.
    // Errors: InvalidArgument("name") for an empty or too long name, ("currency") for an unknown ISO 4217 code,
    // ("openingBalance") beyond ±10^12 minor units, ("openingDate") before 1970 or more than kMaxFutureMs ahead.
    Result<Account> createAccount(const NewAccount& account);
    // Closes an account (LedgerLifecycle.cpp): it then refuses new transactions (InvalidArgument("accountId") from
    // every write path), the generator and scheduled detection skip it, and its history stays readable.
    // Errors: NotFound; Conflict when it is already closed or its balance is not zero (the message gives the
    // balance).
    Result<Account> closeAccount(qint64 id);
    // Reopens a closed account. Errors: NotFound; Conflict when it is not closed.
    Result<Account> reopenAccount(qint64 id);
    // Errors: NotFound.
    Result<Account> account(qint64 id) const;
    // All accounts by id, with anomaly counts and health.
    Result<QList<Account>> accounts() const;
    // Changes name and type. Errors: NotFound, InvalidArgument("name").
    Result<Account> updateAccount(qint64 id, const QString& name, AccountType type);
    // Ids of open (not closed) accounts written since their last detection run.
    Result<QList<qint64>> staleAccountIds() const;

    // ---- Transactions ----
    // Validates (see NewTransaction), inserts, updates the balance and running balances, marks the account stale.
    // Errors: InvalidArgument naming the field, NotFound("accountId") style errors as InvalidArgument("accountId"),
    // Busy, IoError.
    Result<Transaction> addTransaction(const NewTransaction& transaction);
    // Checks a NewTransaction without writing (for live form validation). Same errors as addTransaction.
    Status validate(const NewTransaction& transaction) const;
    // Inserts many transactions in one SQL transaction (backfill, import). All are validated first; the first
    // invalid one fails the whole batch with InvalidArgument whose message names its index. Returns the count.
    // Emits transactionsAdded with the ids when there are at most kMaxIdsInSignal of them, else with no ids.
    Result<qint64> addTransactions(const QList<NewTransaction>& transactions);
    static constexpr int kMaxIdsInSignal = 10000;

    // Books the reversing entry of a transaction (LedgerLifecycle.cpp): same account, category and counterparty,
    // the amount negated, booked now, description "Reversal of <description>", `reverses` = the original's id; the
    // original is never changed (it shows the reversal as reversedBy). Balance and running balances follow as for
    // addTransaction. Errors: NotFound; Conflict when the transaction was already reversed or is itself a reversal;
    // InvalidArgument("accountId") when its account is closed.
    Result<Transaction> reverseTransaction(const QString& id, Source source = Source::Manual);

    // ---- Imports (LedgerImport.cpp) ----
    // Writes one import in one SQL transaction tagged with a new batch id (the transactions' importBatch and a
    // row of import_batches). Per account: a row whose externalId the account already has, or that an earlier row
    // of the batch has, is an exact duplicate and skipped. A row without an id or with a derived one is a probable
    // duplicate when the account has a transaction of the same amount booked within kProbableDuplicateDays days
    // whose description is similar (equal, or one containing the other, ignoring case and runs of spaces); it is
    // imported only with allowProbableDuplicates. The rows to import are validated and written as by
    // addTransactions (the first invalid row fails the whole import). A dry run returns the same result and writes
    // nothing. Errors: those of addTransactions.
    Result<ImportBatchResult> importBatch(const QList<ImportRow>& rows, const ImportBatchOptions& options);
    // Starts a streamed import (ImportWriter): begins the SQL transaction and takes the write lock.
    // Errors: Busy, IoError.
    Result<std::unique_ptr<ImportWriter>> beginImport(const ImportBatchOptions& options);
    static constexpr int kProbableDuplicateDays = 3;
    // Deletes the batch's transactions with their cases (anomalies) and evaluation labels, recomputes the affected
    // accounts' balances and running balances, marks them stale and records the undo time, in one SQL transaction.
    // Each deleted case gets a last audit entry "deleted" (actor "import undo"); its audit trail and score history
    // are kept. Returns the affected account ids. Errors: NotFound (no such batch), Conflict (already undone, a
    // transaction of the batch was reversed, or an account of the batch is closed).
    Result<QList<qint64>> undoImportBatch(const QString& batchId);
    // Errors: NotFound.
    Result<ImportBatchRecord> importBatchRecord(const QString& batchId) const;
    // Every import batch, undone ones included, newest first (created_at, then id, descending).
    Result<QList<ImportBatchRecord>> importBatches() const;

    // Errors: NotFound.
    Result<Transaction> transaction(const QString& id) const;
    // One page in the filter's order (default newest first). Errors: InvalidArgument("cursor"), ("limit").
    Result<Page<Transaction>> transactions(const TransactionFilter& filter, const PageRequest& page = {}) const;
    Result<qint64> countTransactions(const TransactionFilter& filter) const;
    // The columns the detector reads (id, amount, timestamp, category, counterparty, stored score and risk) of the
    // account's transactions with timestamp in [fromMs, toMs), in (timestamp, id) order: the lean read for
    // feature extraction (LedgerFeatures.cpp). Unknown accounts give no rows.
    Result<TransactionColumns> transactionColumns(qint64 accountId, std::optional<qint64> fromMs = std::nullopt,
                                                  std::optional<qint64> toMs = std::nullopt) const;
    // Sum of the account's transaction amounts, computed from the transactions (for checks and tests).
    Result<qint64> sumOfTransactions(qint64 accountId) const;

    // ---- Detection results, cases and the audit trail (LedgerCases.cpp; docs/LEDGER.md, "Cases") ----
    // Stores one detection run's scores for some of an account's transactions, in one SQL transaction. `scores`
    // update the transactions' latest score; `anomalies` are the run's MEDIUM and HIGH records with explanations
    // (a transaction may be in both; the record's score is then used). For each scored transaction that has a case,
    // or whose record is MEDIUM or HIGH, one scoring is appended to the case's score history and:
    //   - no case yet, MEDIUM/HIGH: a case opens (status open, first score = this score, audit "detected");
    //   - the case's latest score, risk and scoredAt become this scoring's (first score and detectedAt never change;
    //     a record's explanation replaces the stored one);
    //   - open and now LOW: status cleared; cleared and now MEDIUM/HIGH: status open (audit "status" by "detector");
    //   - confirmed or dismissed: status and decision never change.
    // `model` names the model that scored (kept in the score history). When `clearStaleAtSeq` is given, the
    // account's stale flag is cleared if its change_seq still equals it (a write during the run keeps it stale).
    // Errors: InvalidArgument("score") outside [0, 1], ("accountId") for a record of another account,
    // ("transactionId") for a record whose transaction is not the account's.
    Status storeDetectionResults(qint64 accountId, const QList<TransactionScore>& scores,
                                 const QList<Anomaly>& anomalies, std::optional<qint64> clearStaleAtSeq,
                                 const QString& model = QString());
    // Errors: NotFound.
    Result<Anomaly> anomaly(const QString& id) const;
    // The case of a transaction. Errors: NotFound when the transaction has none.
    Result<Anomaly> anomalyForTransaction(const QString& transactionId) const;
    Result<Page<Anomaly>> anomalies(const AnomalyFilter& filter, const PageRequest& page = {}) const;
    Result<qint64> countAnomalies(const AnomalyFilter& filter) const;
    // Every open case by risk, in one query (see OpenCaseCounts).
    Result<OpenCaseCounts> openCaseCounts() const;
    // The assignees of all cases, without the empty one, sorted (for the desktop's assignee filter).
    Result<QStringList> anomalyAssignees() const;
    // An analyst's change to a case by `actor` (who: the OS user on the desktop and command line, the token's name
    // on REST), in one SQL transaction with one audit entry per changed field: "status" (from -> to; sets decidedBy
    // and decidedAt, the note is its reason), "assignee", or "note" for a note alone. A status or assignee equal to
    // the current one is no change. Errors: NotFound; InvalidArgument("actor") when empty or longer than
    // kMaxActorLength, ("note") longer than kMaxNoteLength, ("assignee") longer than kMaxAssigneeLength, ("status")
    // when the decision gives nothing.
    Result<Anomaly> decideAnomaly(const QString& id, const Decision& decision, const QString& actor);
    // decideAnomaly for many cases in one SQL transaction (the desktop's bulk actions): all or nothing, the first
    // unknown id fails the whole call with NotFound; one anomaliesChanged after the commit. Same errors otherwise.
    Status decideAnomalies(const QStringList& ids, const Decision& decision, const QString& actor);
    // decideAnomaly with only a status.
    Result<Anomaly> setAnomalyStatus(const QString& id, AnomalyStatus status, const QString& actor);
    // decideAnomaly with only a note (InvalidArgument("note") when empty).
    Result<Anomaly> addNote(const QString& id, const QString& note, const QString& actor);
    // The case's score history, audit trail and notes, oldest first; also for a case whose transaction an import
    // undo removed (its audit entries stay). Errors: NotFound when nothing was ever recorded for the id.
    Result<AnomalyHistory> anomalyHistory(const QString& id) const;
    // The audit entries of a transaction's case(s), oldest first (empty when none); also after an import undo removed
    // the transaction. Scans the trail (it is indexed by case only): for occasional look-ups.
    Result<QList<AuditEntry>> transactionAudit(const QString& transactionId) const;

    // An analyst's label on a transaction: Fraud confirms, Normal dismisses its case, which is opened (source
    // Analyst, no detector score needed) when the transaction has none; decidedBy/decidedAt are `actor` and
    // `decidedAt`. One audit entry "label" (from -> to status, the note). A label whose decidedAt is before the
    // case's current decidedAt does not change the case and is recorded as "label_superseded". Same errors as
    // labelTransactions.
    Result<Anomaly> labelTransaction(const QString& transactionId, Label label, qint64 decidedAt, const QString& actor,
                                     const QString& note = QString());
    // Applies many labels in order, in one SQL transaction: all or nothing, statements prepared once. Errors
    // (`failedIndex`, when given, is set to the failing request's index): InvalidArgument("transactionId") for an
    // unknown transaction or an unknown externalId, ("accountId") for an externalId that several accounts have and
    // no accountId, ("actor"), ("note"), ("decidedAt") for a time before 1970 or more than kMaxFutureMs ahead.
    Result<LabelSummary> labelTransactions(const QList<LabelRequest>& requests, qsizetype* failedIndex = nullptr);
    // Every standing decision (confirmed or dismissed case with a decidedAt), in decidedAt order: what detection
    // feedback learns from (core/decisions/Feedback.h). A reopened case is no decision.
    Result<QList<StandingDecision>> standingDecisions() const;

    // ---- Aggregates for the dashboard ----
    // Anomalies per UTC day of their transaction's timestamp, in [fromMs, toMs), excluding dismissed and cleared
    // ones.
    Result<QList<DailyCount>> anomaliesPerDay(qint64 fromMs, qint64 toMs) const;
    // Histogram of the latest scores of scored transactions in `bins` equal bins over [0, 1].
    Result<QList<qint64>> scoreHistogram(int bins) const;
    // Balance over time: the account's (or, with no account, the sum of all accounts') balance at the end of each
    // UTC day in [fromMs, toMs). A non-empty `currency` keeps only that currency's accounts, so that the sum is of one
    // currency's minor units; without it, mixing currencies is the caller's concern.
    Result<QList<BalancePoint>> dailyBalances(std::optional<qint64> accountId, qint64 fromMs, qint64 toMs,
                                              const QString& currency = QString()) const;

    // ---- The risk rule (LedgerRisk.cpp) ----
    // The thresholds stored in this ledger (meta "risk_thresholds"); nullopt while never changed (the defaults).
    Result<std::optional<RiskThresholds>> storedRiskThresholds() const;
    // Changes the risk rule (values rounded to 6 decimals). In one SQL transaction: stores the thresholds,
    // re-labels the latest risk of every scored transaction and of every scored case from its latest score, and
    // appends one audit entry (action "risk_thresholds", no case; from/to the rule in words; the note counts the
    // re-labelled rows) by `actor`. Then puts them in force (setRiskThresholds) and emits anomaliesChanged for every
    // account. Decisions are never rewritten: status, decidedBy/decidedAt, assignee, first score and risk, the score
    // history and the audit trail of each case stay as they were (a detection run applies the new rule to status as
    // it does to new scores). Returns the number of transactions whose risk changed. Errors:
    // InvalidArgument("mediumFrom") unless 0 < mediumFrom < 1, ("highAbove") unless mediumFrom < highAbove < 1,
    // ("actor") when empty or too long.
    Result<qint64> setRiskThresholds(const RiskThresholds& thresholds, const QString& actor);

    // ---- Key/value metadata (last generator and detector runs, ...) ----
    Status setMeta(const QString& key, const QString& value);
    Result<QString> meta(const QString& key) const; // empty string when unset

    // ---- Fitted detector models (scope "account:<id>" or "pooled:<hash>"; see LedgerModels.cpp) ----
    Status saveModel(const QString& scope, qint64 rowCount, const QByteArray& model);
    // Errors: NotFound when no model is stored for the scope.
    Result<QByteArray> loadModel(const QString& scope) const;
    // The stored models without their blobs, in no particular order.
    struct StoredModel
    {
        QString scope;
        qint64 storedAtMs = 0;
        qint64 bytes = 0; // the blob's size
    };
    Result<QList<StoredModel>> modelScopes() const;
    // Removes the model of this scope; none stored is no error.
    Status removeModel(const QString& scope);

    // ---- Evaluation labels (generator-injected anomalies; never read by the detector) ----
    Result<QHash<QString, QString>> injectedLabels() const;

Q_SIGNALS:
    // After a commit that added transactions. `ids` may be empty for large batches.
    void transactionsAdded(const QStringList& ids, const QList<qint64>& accountIds);
    void accountChanged(qint64 accountId);
    void accountsChanged();
    // Scores or anomaly records (including review status) of these accounts changed.
    void anomaliesChanged(const QList<qint64>& accountIds);

private:
    // Puts the ledger's stored thresholds in force when it has any (at construction; a read error is logged).
    void applyStoredRiskThresholds();
    Status validateLocked(const NewTransaction& t, QSqlDatabase& db, qint64 now, AccountState* state) const;
    // addTransaction on a PostgreSQL connection with its session functions (schema::createPostgresSessionFunctions):
    // the checks that need no account here, the rest and the write in one call under the write lock.
    Result<Transaction> addTransactionInOneCall(const NewTransaction& t, qint64 now);
    // Validates and writes `input` as addTransactions does, inside the caller's write transaction; appends the
    // written account ids and (for at most kMaxIdsInSignal rows) the transaction ids.
    // With `deferredRecompute`, running balances after back-dated rows are not recomputed here: the earliest
    // back-dated (timestamp, id) of each account is kept in it for the caller to recompute once. With `lastRows`
    // (the last (timestamp, id) of the accounts the caller has written in this write transaction), an account's
    // last transaction is taken from it instead of read, and it is kept up to date.
    using LastRows = QHash<qint64, std::pair<qint64, QString>>;
    // With `writeReady`, every row of `input` is as ImportRow::writeReady describes (no id; accepted, normalized
    // texts): the rows' texts are taken as they are.
    Status writeBatchLocked(QSqlDatabase& db, const QList<NewTransaction>& input, qint64 now, QList<qint64>* accountIds,
                            QStringList* ids, QHash<qint64, std::pair<qint64, QString>>* deferredRecompute = nullptr,
                            LastRows* lastRows = nullptr, bool writeReady = false) const;
    // Books the non-zero opening balance of the account `id` (just inserted from `account`) as its first transaction
    // (category OpeningBalance, at account.openingDate or `now`), inside the caller's write transaction; an import's
    // opening is of its batch (`importBatch`), so that undoing the batch takes it back with the rows.
    Status bookOpeningLocked(QSqlDatabase& db, qint64 id, const NewAccount& account, qint64 now,
                             QList<qint64>* accountIds, QStringList* ids, LastRows* lastRows = nullptr,
                             const QString& importBatch = {}) const;
    // Inserts an account inside the caller's write transaction (its name, currency, opening balance and date checked
    // with createAccount's errors; the opening balance is booked by bookOpeningLocked); returns its id.
    Result<qint64> insertAccountLocked(QSqlDatabase& db, const NewAccount& account, qint64 now) const;
    friend class ImportWriter;

    std::shared_ptr<Database> m_database;
    const Clock& m_clock;
    QMutex m_writeMutex; // serialises this process's write transactions

public:
    // ---- Rules and named lists (LedgerRules.cpp; docs/DETECTION.md "Rules") ----
    // Every rule by name (then id).
    Result<QList<StoredRule>> storedRules() const;
    // Errors: NotFound.
    Result<StoredRule> storedRule(const QString& id) const;
    // Saves a rule whose definition the caller validated (core/rules parseRule): a new one (empty id: a new UUIDv7,
    // version 1) or a new version of an existing one (version + 1), in one SQL transaction with its row in
    // rule_versions and one audit entry (action "rule_saved", to_value "<name> v<version>", note the definition)
    // by `actor`. Returns the stored rule. Emits rulesChanged. Errors: NotFound for an unknown id;
    // InvalidArgument("name") empty or longer than 100, ("actor"), ("definition") when not a JSON object,
    // ("lists") naming a list that does not exist or has no entries.
    Result<StoredRule> saveRule(const StoredRule& rule, const QString& actor);
    // Deletes a rule (its versions stay, with a "deleted" version appended) with one audit entry ("rule_deleted").
    // Cases its hits opened stay. Emits rulesChanged. Errors: NotFound, InvalidArgument("actor").
    Status deleteRule(const QString& id, const QString& actor);
    // Every named list by name.
    Result<QList<RuleList>> ruleLists() const;
    // Errors: NotFound.
    Result<RuleList> ruleList(const QString& name) const;
    // Creates or replaces a named list (entries trimmed, empty ones and repeats, ignoring case, dropped), in one
    // SQL transaction with an audit entry ("rule_list_saved"). Emits rulesChanged. Errors:
    // InvalidArgument("name") empty or longer than 100, ("entries") with no entry left or an entry longer than
    // kMaxCounterpartyLength, ("actor").
    Result<RuleList> saveRuleList(const QString& name, const QStringList& entries, const QString& actor);
    // Deletes a named list with an audit entry ("rule_list_deleted"). Errors: NotFound; Conflict when a rule uses
    // it (the message names the rules).
    Status deleteRuleList(const QString& name, const QString& actor);
    // Cases whose explanation names each rule (its hits), by rule id.
    Result<QHash<QString, qint64>> ruleHits() const;
    // The descriptions of the account's transactions with these ids (all of the account's when `ids` is empty), by
    // id.
    Result<QHash<QString, QString>> transactionDescriptions(qint64 accountId, const QStringList& ids) const;
    // Of `counterparties`, those the account paid (amount < 0) before `beforeMs`, compared ignoring case.
    Result<QSet<QString>> paidCounterpartiesBefore(qint64 accountId, const QStringList& counterparties,
                                                   qint64 beforeMs) const;
    // The ledger's time zone, in which rules read weekdays, times of day and days of the month: meta "time_zone"
    // (an IANA id), the system's zone while unset or when this system does not know the stored id.
    QTimeZone timeZone() const;
    // Stores the ledger's time zone with an audit entry ("time_zone"). Emits rulesChanged. Errors:
    // InvalidArgument("timeZone") for an id this system does not know, ("actor").
    Status setTimeZone(const QString& ianaId, const QString& actor);

Q_SIGNALS:
    // A rule, a named list or the time zone changed (after the commit).
    void rulesChanged();
};

} // namespace ledgerguard
