// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger's schema and its migrations. The statements that use it are in Ledger.cpp, LedgerQueries.cpp,
// LedgerFeatures.cpp and LedgerModels.cpp (see Ledger.cpp).
#include "ledger/Schema.h"

#include "ledger/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace ledgerguard::schema {

namespace {

// Version 1: accounts, transactions, anomalies, the evaluation labels, stored models and a key/value table.
// Timestamps are UTC milliseconds since the epoch; money is INTEGER minor units.
//
// Choices for write speed (measured in docs/PERFORMANCE.md, "Ledger"):
// - CHECK constraints compare with OR, never `x IN (...)`: SQLite builds a temporary table for an IN list each
//   time a statement runs, i.e. for every inserted or updated row.
// - transactions is a WITHOUT ROWID table keyed by its UUID: one B-tree fewer to write per row than a rowid
//   table plus a separate primary-key index; the secondary indexes end in the primary key, so
//   (account_id, timestamp, id) and (timestamp, id) are still the orders the queries use.
const char* const kVersion1[] = {
    R"(CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        type TEXT NOT NULL CHECK (type = 'checking' OR type = 'savings' OR type = 'credit_card'
            OR type = 'receivable' OR type = 'payable' OR type = 'tax_reserve' OR type = 'cash'),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        balance INTEGER NOT NULL DEFAULT 0,
        is_stale INTEGER NOT NULL DEFAULT 0 CHECK (is_stale = 0 OR is_stale = 1),
        change_seq INTEGER NOT NULL DEFAULT 0,
        last_activity INTEGER,
        transaction_count INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL))",
    R"(CREATE TABLE transactions (
        id TEXT PRIMARY KEY NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        amount INTEGER NOT NULL CHECK (amount <> 0 AND amount BETWEEN -1000000000000 AND 1000000000000),
        description TEXT NOT NULL,
        category TEXT NOT NULL,
        counterparty TEXT NOT NULL DEFAULT '',
        timestamp INTEGER NOT NULL,
        running_balance INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source = 'manual' OR source = 'generator' OR source = 'api'
            OR source = 'import'),
        created_at INTEGER NOT NULL,
        anomaly_score REAL,
        risk TEXT CHECK (risk IS NULL OR risk = 'LOW' OR risk = 'MEDIUM' OR risk = 'HIGH'),
        scored_at INTEGER) WITHOUT ROWID)",
    "CREATE INDEX transactions_account_time ON transactions (account_id, timestamp, id)",
    "CREATE INDEX transactions_time ON transactions (timestamp, id)",
    R"(CREATE TABLE anomalies (
        id TEXT PRIMARY KEY NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        transaction_id TEXT NOT NULL UNIQUE REFERENCES transactions (id),
        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        risk TEXT NOT NULL CHECK (risk = 'LOW' OR risk = 'MEDIUM' OR risk = 'HIGH'),
        detected_at INTEGER NOT NULL,
        anomaly_type TEXT NOT NULL,
        features TEXT NOT NULL DEFAULT '{}',
        explanation TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'confirmed' OR status = 'dismissed'),
        status_changed_at INTEGER))",
    "CREATE INDEX anomalies_account_time ON anomalies (account_id, detected_at, id)",
    "CREATE INDEX anomalies_time ON anomalies (detected_at, id)",
    // Evaluation labels of injected anomalies: kept apart from transactions and never read by the detector.
    R"(CREATE TABLE injected_labels (
        transaction_id TEXT PRIMARY KEY NOT NULL REFERENCES transactions (id),
        anomaly_type TEXT NOT NULL))",
    // Fitted detector models, per account ("account:<id>") or pooled ("pooled"), for audit and instant scoring.
    R"(CREATE TABLE models (
        scope TEXT PRIMARY KEY NOT NULL,
        fitted_at INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        model BLOB NOT NULL))",
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
};

// Version 2: each anomaly row carries its transaction's time (transactions never change), so the health counts
// ("open HIGH / MEDIUM / LOW anomalies on transactions of the last 30 days", for every account on every accounts
// list) are range counts in one index, not a lookup of each anomaly's transaction by its UUID (docs/PERFORMANCE.md,
// "Desktop").
const char* const kVersion2[] = {
    "ALTER TABLE anomalies ADD COLUMN transaction_time INTEGER NOT NULL DEFAULT 0",
    "UPDATE anomalies SET transaction_time = (SELECT t.timestamp FROM transactions t "
    "WHERE t.id = anomalies.transaction_id)",
    "CREATE INDEX anomalies_health ON anomalies (account_id, status, risk, transaction_time)",
};

// Version 3: imported statements. A transaction may carry the bank's id of its statement row (external_id, unique per
// account among imported rows, checked by the import) and the import batch that wrote it; import_batches records
// each import's counts and whether it was undone.
const char* const kVersion3[] = {
    "ALTER TABLE transactions ADD COLUMN external_id TEXT",
    "ALTER TABLE transactions ADD COLUMN import_batch TEXT",
    "CREATE INDEX transactions_external_id ON transactions (account_id, external_id) WHERE external_id IS NOT NULL",
    "CREATE INDEX transactions_import_batch ON transactions (import_batch) WHERE import_batch IS NOT NULL",
    R"(CREATE TABLE import_batches (
        id TEXT PRIMARY KEY NOT NULL,
        created_at INTEGER NOT NULL,
        file_name TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL DEFAULT '',
        encoding TEXT NOT NULL DEFAULT '',
        rows INTEGER NOT NULL DEFAULT 0,
        imported INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        probable_duplicates INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        undone_at INTEGER))",
};

// Version 4: cases and the audit trail (docs/LEDGER.md, "Cases"). The anomalies table is rebuilt (SQLite cannot
// change a CHECK constraint): status gains 'cleared'; a case opened by an analyst (source 'analyst') may have no
// score; detected_at is the first detection, first_score/first_risk its score, scored_at/score/risk the latest
// scoring. anomaly_scores keeps every scoring of a case; audit_log every change to a case, append-only (triggers
// abort any UPDATE or DELETE). Existing anomalies keep their status, get first score = score and one scoring.
// For bulk labels (docs/PERFORMANCE.md, "Decisions"): anomalies is WITHOUT ROWID (no separate key index) and
// audit_log has one index, by case.
const char* const kVersion4[] = {
    R"(CREATE TABLE anomalies_v4 (
        id TEXT PRIMARY KEY NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        transaction_id TEXT NOT NULL UNIQUE REFERENCES transactions (id),
        source TEXT NOT NULL DEFAULT 'detector' CHECK (source = 'detector' OR source = 'analyst'),
        score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
        risk TEXT CHECK (risk IS NULL OR risk = 'LOW' OR risk = 'MEDIUM' OR risk = 'HIGH'),
        scored_at INTEGER,
        first_score REAL,
        first_risk TEXT,
        detected_at INTEGER NOT NULL,
        anomaly_type TEXT NOT NULL DEFAULT '',
        features TEXT NOT NULL DEFAULT '{}',
        explanation TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'confirmed' OR status = 'dismissed'
            OR status = 'cleared'),
        status_changed_at INTEGER,
        transaction_time INTEGER NOT NULL DEFAULT 0,
        assignee TEXT NOT NULL DEFAULT '',
        decided_by TEXT,
        decided_at INTEGER) WITHOUT ROWID)",
    "INSERT INTO anomalies_v4 (id, account_id, transaction_id, source, score, risk, scored_at, first_score, "
    "first_risk, "
    "detected_at, anomaly_type, features, explanation, status, status_changed_at, transaction_time, decided_at) "
    "SELECT id, account_id, transaction_id, 'detector', score, risk, detected_at, score, risk, detected_at, "
    "anomaly_type, features, explanation, status, status_changed_at, transaction_time, "
    "CASE WHEN status = 'open' THEN NULL ELSE status_changed_at END FROM anomalies",
    "DROP TABLE anomalies",
    "ALTER TABLE anomalies_v4 RENAME TO anomalies",
    "CREATE INDEX anomalies_account_time ON anomalies (account_id, detected_at, id)",
    "CREATE INDEX anomalies_time ON anomalies (detected_at, id)",
    "CREATE INDEX anomalies_health ON anomalies (account_id, status, risk, transaction_time)",
    "CREATE INDEX anomalies_assignee ON anomalies (assignee) WHERE assignee <> ''",
    R"(CREATE TABLE anomaly_scores (
        anomaly_id TEXT NOT NULL,
        scored_at INTEGER NOT NULL,
        score REAL NOT NULL,
        risk TEXT NOT NULL,
        model TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX anomaly_scores_anomaly ON anomaly_scores (anomaly_id, scored_at)",
    "INSERT INTO anomaly_scores (anomaly_id, scored_at, score, risk) SELECT id, detected_at, score, risk FROM "
    "anomalies",
    R"(CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        anomaly_id TEXT,
        transaction_id TEXT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        from_value TEXT NOT NULL DEFAULT '',
        to_value TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX audit_log_anomaly ON audit_log (anomaly_id, id)",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "INSERT INTO audit_log (anomaly_id, transaction_id, at, actor, action, to_value) "
    "SELECT id, transaction_id, coalesce(status_changed_at, detected_at), 'migration', 'migrated', status "
    "FROM anomalies ORDER BY detected_at, id",
};

// Version 5: the schema for speed (docs/PERFORMANCE.md, "Ledger" and "Pipeline"). transactions becomes a rowid table
// with an integer row key (seq); the UUID stays the public id, stored once with one unique index, and the secondary
// indexes are (account_id, timestamp) and (timestamp), each ending in seq, so every row writes narrow integer
// keys. Rows are copied in (timestamp, id) order, so seq follows that order for the existing rows. Scores and risk
// move to transaction_scores, one narrow row per scored transaction keyed by seq (deleted with its transaction by
// a trigger): a detection run writes only that table. The (timestamp, id) order of running balances and pages is
// unchanged.
const char* const kVersion5[] = {
    R"(CREATE TABLE transactions_v5 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        amount INTEGER NOT NULL CHECK (amount <> 0 AND amount BETWEEN -1000000000000 AND 1000000000000),
        description TEXT NOT NULL,
        category TEXT NOT NULL,
        counterparty TEXT NOT NULL DEFAULT '',
        timestamp INTEGER NOT NULL,
        running_balance INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source = 'manual' OR source = 'generator' OR source = 'api'
            OR source = 'import'),
        created_at INTEGER NOT NULL,
        external_id TEXT,
        import_batch TEXT))",
    "INSERT INTO transactions_v5 (id, account_id, amount, description, category, counterparty, timestamp, "
    "running_balance, source, created_at, external_id, import_batch) SELECT id, account_id, amount, description, "
    "category, counterparty, timestamp, running_balance, source, created_at, external_id, import_batch "
    "FROM transactions ORDER BY timestamp, id",
    R"(CREATE TABLE transaction_scores (
        seq INTEGER PRIMARY KEY,
        score REAL NOT NULL,
        risk TEXT NOT NULL CHECK (risk = 'LOW' OR risk = 'MEDIUM' OR risk = 'HIGH'),
        scored_at INTEGER NOT NULL))",
    "INSERT INTO transaction_scores (seq, score, risk, scored_at) SELECT n.seq, o.anomaly_score, o.risk, "
    "coalesce(o.scored_at, 0) FROM transactions o JOIN transactions_v5 n ON n.id = o.id "
    "WHERE o.anomaly_score IS NOT NULL AND o.risk IS NOT NULL ORDER BY n.seq",
    "DROP TABLE transactions",
    "ALTER TABLE transactions_v5 RENAME TO transactions",
    // A score goes with its transaction (a key freed by a delete may be given to a new row). A trigger, not a foreign
    // key: a key would look up the wide transaction row for every score written.
    "CREATE TRIGGER transactions_delete_score AFTER DELETE ON transactions BEGIN "
    "DELETE FROM transaction_scores WHERE seq = old.seq; END",
    "CREATE INDEX transactions_account_time ON transactions (account_id, timestamp)",
    "CREATE INDEX transactions_time ON transactions (timestamp)",
    "CREATE INDEX transactions_external_id ON transactions (account_id, external_id) WHERE external_id IS NOT NULL",
    "CREATE INDEX transactions_import_batch ON transactions (import_batch) WHERE import_batch IS NOT NULL",
};

Status migrateSteps(QSqlDatabase& db, int fromVersion, int toVersion);

// A step that rebuilt a table leaves its old pages free inside the file (version 5 on 1,000,000 transactions: half of
// a 420 MB file): when more than a quarter of the pages are free, VACUUM gives them back. Best effort: a VACUUM that
// cannot run (another connection reading) leaves the file as it is, already migrated.
void compactAfterRebuild(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT (SELECT freelist_count FROM pragma_freelist_count), "
                               "(SELECT page_count FROM pragma_page_count)"))
        || !q.next())
        return;
    const qint64 free = q.value(0).toLongLong();
    const qint64 pages = q.value(1).toLongLong();
    q.finish();
    if (free * 4 > pages)
        q.exec(QStringLiteral("VACUUM"));
}

// Version 6: closing accounts and reversing transactions (docs/LEDGER.md, "Accounts" and "Reversals"). An account
// with closed_at refuses new transactions; a reversing transaction names the one it reverses in `reverses`, and the
// unique index lets a transaction be reversed at most once (and finds the reversal of a transaction).
const char* const kVersion6[] = {
    "ALTER TABLE accounts ADD COLUMN closed_at INTEGER",
    "ALTER TABLE transactions ADD COLUMN reverses TEXT REFERENCES transactions (id)",
    "CREATE UNIQUE INDEX transactions_reverses ON transactions (reverses) WHERE reverses IS NOT NULL",
};

// Version 7: the user's rules (docs/DETECTION.md "Rules"). `rules` holds each rule's current version (its JSON
// definition as core/rules validated it, and the named lists it uses as a JSON array, so a list in use cannot be
// removed); `rule_versions` every saved version, a deletion included (definition '' and deleted 1); `rule_lists`
// the named lists of counterparties (a JSON array of strings).
const char* const kVersion7[] = {
    R"(CREATE TABLE rules (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        enabled INTEGER NOT NULL CHECK (enabled = 0 OR enabled = 1),
        version INTEGER NOT NULL CHECK (version >= 1),
        definition TEXT NOT NULL,
        lists TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL))",
    R"(CREATE TABLE rule_versions (
        rule_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted = 0 OR deleted = 1),
        saved_at INTEGER NOT NULL,
        saved_by TEXT NOT NULL,
        PRIMARY KEY (rule_id, version)) WITHOUT ROWID)",
    R"(CREATE TABLE rule_lists (
        name TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        entries TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL))",
};

// Version 8: a transaction carries the id of its reversing entry (`reversed_by`, set when the reversal is written),
// so a read of transactions gets reversedBy from the row instead of a lookup of the reversal per row. Existing
// reversed transactions get it from the reversals' `reverses`. A deleted reversal (none is deleted today: the only
// deletion is an import's undo, and reversals belong to no import) takes the link off its original with it.
const char* const kVersion8[] = {
    "ALTER TABLE transactions ADD COLUMN reversed_by TEXT",
    "UPDATE transactions SET reversed_by = (SELECT r.id FROM transactions r WHERE r.reverses = transactions.id) "
    "WHERE id IN (SELECT reverses FROM transactions WHERE reverses IS NOT NULL)",
    "CREATE TRIGGER transactions_delete_reversal AFTER DELETE ON transactions WHEN old.reverses IS NOT NULL BEGIN "
    "UPDATE transactions SET reversed_by = NULL WHERE id = old.reverses; END",
};

// Version 9: `anomalies` becomes a rowid table again (the same columns and indexes; `id` stays the primary key, now an
// index of its own). A case row carries its features and explanation (about 1.6 KB as JSON), more than a
// WITHOUT ROWID table keeps in its B-tree cell (about a quarter of a page), so every case spilled onto an overflow
// page; a rowid table keeps the whole row in its leaf (docs/PERFORMANCE.md, "Detection", Session 16).
const char* const kVersion9[] = {
    R"(CREATE TABLE anomalies_v9 (
        id TEXT PRIMARY KEY NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        transaction_id TEXT NOT NULL UNIQUE REFERENCES transactions (id),
        source TEXT NOT NULL DEFAULT 'detector' CHECK (source = 'detector' OR source = 'analyst'),
        score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
        risk TEXT CHECK (risk IS NULL OR risk = 'LOW' OR risk = 'MEDIUM' OR risk = 'HIGH'),
        scored_at INTEGER,
        first_score REAL,
        first_risk TEXT,
        detected_at INTEGER NOT NULL,
        anomaly_type TEXT NOT NULL DEFAULT '',
        features TEXT NOT NULL DEFAULT '{}',
        explanation TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'confirmed' OR status = 'dismissed'
            OR status = 'cleared'),
        status_changed_at INTEGER,
        transaction_time INTEGER NOT NULL DEFAULT 0,
        assignee TEXT NOT NULL DEFAULT '',
        decided_by TEXT,
        decided_at INTEGER))",
    "INSERT INTO anomalies_v9 (id, account_id, transaction_id, source, score, risk, scored_at, first_score, "
    "first_risk, "
    "detected_at, anomaly_type, features, explanation, status, status_changed_at, transaction_time, assignee, "
    "decided_by, decided_at) SELECT id, account_id, transaction_id, source, score, risk, scored_at, first_score, "
    "first_risk, detected_at, anomaly_type, features, explanation, status, status_changed_at, transaction_time, "
    "assignee, decided_by, decided_at FROM anomalies ORDER BY detected_at, id",
    "DROP TABLE anomalies",
    "ALTER TABLE anomalies_v9 RENAME TO anomalies",
    "CREATE INDEX anomalies_account_time ON anomalies (account_id, detected_at, id)",
    "CREATE INDEX anomalies_time ON anomalies (detected_at, id)",
    "CREATE INDEX anomalies_health ON anomalies (account_id, status, risk, transaction_time)",
    "CREATE INDEX anomalies_assignee ON anomalies (assignee) WHERE assignee <> ''",
};

Status execAll(QSqlDatabase& db, const char* const* statements, size_t count)
{
    QSqlQuery q(db);
    for (size_t i = 0; i < count; ++i) {
        if (!q.exec(QString::fromUtf8(statements[i])))
            return sqlErrorStatus(q.lastError(), QStringLiteral("migration"));
    }
    return Status::ok();
}

} // namespace

Result<int> readVersion(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Status::corruption(
            QStringLiteral("cannot read the schema version (not a LedgerGuard ledger?): %1").arg(q.lastError().text()));
    return q.value(0).toInt();
}

Status migrate(QSqlDatabase& db, int fromVersion, int toVersion)
{
    Q_ASSERT(fromVersion <= toVersion);
    if (fromVersion == toVersion)
        return Status::ok();
    // Steps rebuild tables that others reference (the 12-step procedure of SQLite's ALTER TABLE documentation):
    // foreign keys are off while they run (the pragma has no effect inside a transaction); the steps copy rows
    // as they are, so references stay as they were (`ledgerguard check` reports any that were already broken).
    QSqlQuery pragma(db);
    const bool foreignKeys
        = pragma.exec(QStringLiteral("PRAGMA foreign_keys")) && pragma.next() && pragma.value(0).toInt() == 1;
    pragma.finish();
    if (foreignKeys && !pragma.exec(QStringLiteral("PRAGMA foreign_keys = OFF")))
        return sqlErrorStatus(pragma.lastError(), QStringLiteral("migration"));
    const Status result = migrateSteps(db, fromVersion, toVersion);
    if (foreignKeys && !pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON")) && result.isOk())
        return sqlErrorStatus(pragma.lastError(), QStringLiteral("migration"));
    if (result.isOk())
        compactAfterRebuild(db);
    return result;
}

namespace {

Status migrateSteps(QSqlDatabase& db, int fromVersion, int toVersion)
{
    if (!db.transaction())
        return sqlErrorStatus(db.lastError(), QStringLiteral("begin migration"));
    Status status;
    for (int v = fromVersion + 1; v <= toVersion && status.isOk(); ++v) {
        switch (v) {
        case 1:
            status = execAll(db, kVersion1, std::size(kVersion1));
            break;
        case 2:
            status = execAll(db, kVersion2, std::size(kVersion2));
            break;
        case 3:
            status = execAll(db, kVersion3, std::size(kVersion3));
            break;
        case 4:
            status = execAll(db, kVersion4, std::size(kVersion4));
            break;
        case 5:
            status = execAll(db, kVersion5, std::size(kVersion5));
            break;
        case 6:
            status = execAll(db, kVersion6, std::size(kVersion6));
            break;
        case 7:
            status = execAll(db, kVersion7, std::size(kVersion7));
            break;
        case 8:
            status = execAll(db, kVersion8, std::size(kVersion8));
            break;
        case 9:
            status = execAll(db, kVersion9, std::size(kVersion9));
            break;
        default:
            status = Status::internal(QStringLiteral("no migration to schema version %1").arg(v));
        }
    }
    if (status.isOk()) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(toVersion)))
            status = sqlErrorStatus(q.lastError(), QStringLiteral("set schema version"));
    }
    if (!status.isOk()) {
        db.rollback();
        return status;
    }
    if (!db.commit())
        return sqlErrorStatus(db.lastError(), QStringLiteral("commit migration"));
    return Status::ok();
}

} // namespace

} // namespace ledgerguard::schema
