// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/ledger: row mapping and the SQL helpers shared by the Ledger*.cpp files. Every helper maps a
// failure with sqlErrorStatus(error, what), so a caller's Status names the operation it was doing.
#pragma once

#include "ledger/Database.h"
#include "ledger/SqliteApi_p.h"
#include "ledger/Types.h"

#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <optional>
#include <type_traits>

namespace ledgerguard::sql {

// Column lists matching readTransaction / readAnomaly. kTransactionColumns reads `transactions t` joined with
// kTransactionJoins (the account `a` and the latest score `s`).
inline constexpr const char* kTransactionColumns
    = "t.id, t.account_id, t.amount, a.currency, t.description, t.category, t.counterparty, t.timestamp, "
      "t.running_balance, t.source, t.created_at, s.score, s.risk, t.external_id, t.import_batch, t.reverses, "
      "t.reversed_by";
inline constexpr const char* kTransactionJoins
    = " JOIN accounts a ON a.id = t.account_id LEFT JOIN transaction_scores s ON s.seq = t.seq";
inline constexpr const char* kAnomalyColumns
    = "x.id, x.account_id, x.transaction_id, x.score, x.risk, x.detected_at, x.anomaly_type, x.features, "
      "x.explanation, x.status, x.status_changed_at, t.amount, a.currency, t.description, t.timestamp, x.source, "
      "x.first_score, x.first_risk, x.scored_at, x.assignee, x.decided_by, x.decided_at, t.counterparty, "
      "t.external_id, t.category, t.running_balance, t.import_batch";

Transaction readTransaction(const QSqlQuery& q);
// The same columns from a kept statement. `previous` (a row of the same read, or null) lends its currency to a row of
// the same account, so a page of one account converts the currency once.
Transaction readTransactionRow(const sqlite::Statement& q, const Transaction* previous = nullptr);

} // namespace ledgerguard::sql

namespace ledgerguard {
// What the write path reads of an account before writing to it.
struct AccountState
{
    QString currency;
    qint64 balance = 0;
    bool closed = false;
};
} // namespace ledgerguard

namespace ledgerguard::sql {

// The account's state. Errors: NotFound.
Result<AccountState> accountState(QSqlDatabase& db, qint64 accountId);

// Qt binds a null QString as SQL NULL; NOT NULL text columns get an empty string instead.
inline QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}
Anomaly readAnomaly(const QSqlQuery& q);

// Prepares `text` on `q`. Errors: the mapped error.
Status prepare(QSqlQuery& q, const QString& text, const QString& what);

// Executes the prepared `q` with `values` bound positionally (a statement prepared once and run for many rows).
// Errors: the mapped error.
Status execPrepared(QSqlQuery& q, const QVariantList& values, const QString& what);

// Prepares `text` on `q`'s connection, binds `values` positionally and executes. On failure returns the mapped
// Status.
Status exec(QSqlQuery& q, const QString& text, const QVariantList& values, const QString& what);

// True when a statement on this thread found its PostgreSQL connection gone since the thread's connection was last
// opened (SQLSTATE class 08, 57P01-57P03, or libpq's "no connection" errors); Database::connection() then opens a new
// one.
bool postgresConnectionLost();

// The connection a helper below runs on: a given one (inside a write transaction) or the calling thread's
// connection to a Database (Database::connection, whose error the helper then returns).
class Connection
{
public:
    Connection(QSqlDatabase& db)
        : m_db(db)
    { }
    Connection(const Database& database)
        : m_db(database.connection())
        , m_database(&database)
    { }
    const Result<QSqlDatabase>& db() const { return m_db; }
    // After a statement found the PostgreSQL connection gone (postgresConnectionLost): takes the Database's new
    // connection for this thread and returns true; false when there is no Database to ask or nothing was lost.
    bool reopen()
    {
        if (m_database == nullptr || !postgresConnectionLost())
            return false;
        m_db = Status::ioError(QStringLiteral("reconnecting")); // no reference left to the lost connection
        m_db = m_database->connection();
        return m_db.isOk();
    }

private:
    Result<QSqlDatabase> m_db;
    const Database* m_database = nullptr;
};

// The statement for `text` kept on the connection `db` (ledger/SqliteApi_p.h, cachedStatement), or nullptr when the
// connection has no statement cache or SQLite's C API is not usable on it (then use Qt Sql). Errors: the mapped
// error of preparing.
Result<sqlite::Statement*> cached(const QSqlDatabase& db, const QString& text, const QString& what);

// The calling thread's connection to `database` and the statement for `text` kept on it (nullptr when it has
// none: use Qt Sql on `db`). Errors: the connection's, or the mapped error of preparing.
struct KeptStatement
{
    QSqlDatabase db;
    sqlite::Statement* statement = nullptr;
};
Result<KeptStatement> kept(const Database& database, const QString& text, const QString& what);

// Binds `values` to a kept statement and calls `visit(statement)` for each row while it returns true (the columns
// are read with the statement's readers, without a QVariant each). Errors: the mapped error of stepping.
template<typename Visit>
Status visitKeptRows(sqlite::Statement& statement, const QVariantList& values, const QString& what, Visit&& visit)
{
    statement.bindAll(values);
    for (;;) {
        auto row = statement.next(what);
        if (!row)
            return row.status();
        if (!*row)
            return Status::ok();
        if (!visit(static_cast<const sqlite::Statement&>(statement))) {
            statement.reset();
            return Status::ok();
        }
    }
}

// The query a helper below runs `text` on: the connection's kept prepared query when it keeps Qt queries
// (PostgreSQL, sqlite::cachedQtQuery) and there are values to bind, else a query of its own prepared for this call.
// A kept query is finished and released when the scope ends.
class QueryScope
{
public:
    explicit QueryScope(const QSqlDatabase& db)
        : m_db(db)
        , m_own(db)
    { }
    ~QueryScope();
    QueryScope(const QueryScope&) = delete;
    QueryScope& operator=(const QueryScope&) = delete;

    // Prepares (a kept query only the first time) and executes `text` with `values`, forward only. Errors: the
    // mapped error.
    Status exec(const QString& text, const QVariantList& values, const QString& what);
    QSqlQuery& query() { return m_kept != nullptr ? m_kept->query : m_own; }

private:
    QSqlDatabase m_db;
    QSqlQuery m_own;
    sqlite::KeptQtQuery* m_kept = nullptr;
};

// Runs one statement and discards any rows: Ok or the mapped error. Through the connection's kept statement when it
// has one (cached), else prepared through Qt Sql.
Status run(Connection c, const QString& text, const QVariantList& values, const QString& what);

// Runs a query (forward only) and calls `visit(row)` for each row in order while it returns true. Errors: the
// mapped error of preparing, executing or stepping.
template<typename Visit>
Status visitRows(Connection c, const QString& text, const QVariantList& values, const QString& what, Visit&& visit)
{
    if (!c.db())
        return c.db().status();
    QueryScope scope(*c.db());
    if (Status s = scope.exec(text, values, what); !s.isOk())
        return s;
    QSqlQuery& q = scope.query();
    while (q.next()) {
        if (!visit(q))
            return Status::ok();
    }
    if (q.lastError().isValid())
        return sqlErrorStatus(q.lastError(), what);
    return Status::ok();
}

// Calls `read(row)` for each row of a query, in order.
template<typename Read>
Status forEachRow(Connection c, const QString& text, const QVariantList& values, const QString& what, Read&& read)
{
    return visitRows(c, text, values, what, [&](const QSqlQuery& q) {
        read(q);
        return true;
    });
}

// All rows of a query, each mapped by `read(row)`, in order.
template<typename Read, typename T = std::decay_t<std::invoke_result_t<Read&, const QSqlQuery&>>>
Result<QList<T>> rows(Connection c, const QString& text, const QVariantList& values, const QString& what, Read read)
{
    QList<T> out;
    if (Status s = forEachRow(c, text, values, what, [&](const QSqlQuery& q) { out.append(read(q)); }); !s.isOk())
        return s;
    return out;
}

// The first row of a query mapped by `read(row)`, or nullopt when the query has no rows.
template<typename Read, typename T = std::decay_t<std::invoke_result_t<Read&, const QSqlQuery&>>>
Result<std::optional<T>> firstRow(Connection c, const QString& text, const QVariantList& values, const QString& what,
                                  Read read)
{
    std::optional<T> row;
    Status s = visitRows(c, text, values, what, [&](const QSqlQuery& q) {
        row = read(q);
        return false;
    });
    if (!s.isOk())
        return s;
    return row;
}

// The first row of a query mapped by `read(row)`; `missing` (an error) when the query has no rows.
template<typename Read, typename T = std::decay_t<std::invoke_result_t<Read&, const QSqlQuery&>>>
Result<T> oneRow(Connection c, const QString& text, const QVariantList& values, const QString& what, Read read,
                 const Status& missing)
{
    auto row = firstRow(c, text, values, what, std::move(read));
    if (!row)
        return row.status();
    if (!*row)
        return missing;
    return std::move(**row);
}

// The first column of the first row as an integer (0 for NULL); `fallback` when the query has no rows. Through
// the kept statement as run().
Result<qint64> integer(Connection c, const QString& text, const QVariantList& values, const QString& what,
                       qint64 fallback = 0);

// Recomputes the running balances of the account's transactions from (timestamp, id) on in (timestamp, id) order,
// continuing from the running balance of the transaction before it (0 when none).
Status recomputeRunningBalancesFrom(QSqlDatabase& db, qint64 accountId, qint64 timestamp, const QString& id);

// A (BEGIN IMMEDIATE ... COMMIT) scope: rolls back unless commit() succeeded.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase& db);
    ~WriteTransaction();
    Status begin();
    Status commit();

private:
    QSqlDatabase& m_db;
    bool m_open = false;
};

// Runs `body(db)` in one write transaction on the connection while holding `writeMutex`: commits when it returns
// Ok, rolls back otherwise. Returns body's error, or the error of the connection, BEGIN or COMMIT.
template<typename Body> Status inWriteTransaction(Connection c, QMutex& writeMutex, Body&& body)
{
    if (!c.db())
        return c.db().status();
    QSqlDatabase db = *c.db();
    QMutexLocker lock(&writeMutex);
    std::optional<WriteTransaction> tx(std::in_place, db);
    Status begun = tx->begin();
    if (begun.code() == Status::Code::IoError && postgresConnectionLost()) {
        // The server dropped the connection before anything was written: once more on a new one.
        tx.reset();
        db = QSqlDatabase();
        if (c.reopen()) {
            db = *c.db();
            tx.emplace(db);
            begun = tx->begin();
        }
    }
    if (!begun.isOk())
        return begun;
    if (Status s = body(db); !s.isOk())
        return s;
    return tx->commit();
}

} // namespace ledgerguard::sql
