// SPDX-License-Identifier: GPL-3.0-or-later
// SQLite's C API on a Qt Sql connection, for the ledger's bulk write path. Private to core/ledger.
#pragma once

#include "util/Status.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ledgerguard::sqlite {

// The sqlite3 connection under `db` when Qt's SQLite driver runs on the same SQLite library this program links
// (one shared object, checked through the dynamic linker, and the same version), else nullptr: then, e.g. with a
// Qt whose plugin has SQLite compiled in, callers go through Qt Sql. The handle belongs to `db`: use it only on
// the thread that owns `db`, while `db` is open, and never close it.
sqlite3* nativeHandle(const QSqlDatabase& db);

// A prepared statement on a native handle, finalized when destroyed. Binding indexes are 1-based as in SQLite.
// Text is bound as UTF-8 kept by the statement (one reused buffer per index) until the next bind of the same index.
class Statement
{
public:
    Statement() = default;
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Errors: the mapped SQLite error naming `what`.
    Status prepare(sqlite3* db, const char* sql, const QString& what);
    bool isPrepared() const { return m_stmt != nullptr; }

    void bind(int index, qint64 value);
    void bind(int index, const QString& text); // an empty text binds ''
    void bindTextOrNull(int index, const QString& text); // an empty text binds NULL
    // Binds UTF-8 text that the caller keeps unchanged until the statement's next step (e.g. a constant).
    void bindStatic(int index, const QByteArray& utf8);

    void bindDouble(int index, double value);
    // By the value's type: integers and booleans, doubles, text (UTF-8), bytes as a BLOB; SQL NULL for a null
    // variant, a null QString or a null QByteArray (as Qt's SQLite driver binds them).
    void bind(int index, const QVariant& value);
    // bind(i + 1, values[i]) for each value.
    void bindAll(const QVariantList& values);

    // Steps once: true when a row is ready to read with the column readers (0-based columns), false when the
    // statement is done (it is then reset for the next bindings). Errors as step(); the statement is reset.
    Result<bool> next(const QString& what);
    // Ends a statement read only partly, so that it holds no read lock.
    void reset();
    bool isBusy() const; // stepped and not yet reset or done
    bool isNull(int column) const;
    qint64 int64(int column) const; // 0 for NULL
    double real(int column) const; // 0 for NULL
    QString text(int column) const; // empty for NULL
    // The column's text as UTF-8 bytes, valid until the statement steps or resets; empty for NULL.
    QByteArrayView utf8(int column) const;

    // Runs the statement to completion and resets it for the next bindings. Errors: the mapped SQLite error
    // (Conflict for a constraint, Busy, ReadOnly, Corruption, else IoError) naming `what`; *extendedCode (when
    // given) receives SQLite's extended result code.
    Status step(const QString& what, int* extendedCode = nullptr);

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    std::vector<QByteArray> m_text; // by binding index
};

// The prepared statement for `sql` on the connection `db` (whose native handle is `handle`, from nativeHandle(db)),
// prepared on first use and kept for the connection's lifetime: a hot path prepares its statements once per
// connection. Only connections given to enableStatementCache have a cache: for the others the result is nullptr
// (the caller goes through Qt Sql). Past 128 statements, those not being read are dropped. The statement belongs
// to the connection's thread, like the handle. Errors: the mapped error of preparing.
Result<Statement*> cachedStatement(const QSqlDatabase& db, sqlite3* handle, const QString& sql, const QString& what);

// A Qt prepared query kept on a connection that has no SQLite handle (PostgreSQL): prepared once, then executed
// with new values (no PREPARE and DEALLOCATE round trips per call). `inUse` is set while a caller reads it.
struct KeptQtQuery
{
    explicit KeptQtQuery(const QSqlDatabase& db)
        : query(db)
    { }
    QSqlQuery query;
    bool prepared = false;
    bool inUse = false;
};

// The kept Qt query for `sql` on the connection `db` (one without a native SQLite handle), created on first use;
// nullptr when the connection has no cache (enableStatementCache) or the query for `sql` is in use (a nested
// call: the caller prepares a query of its own). Past 128 queries, those not in use are dropped. The query
// belongs to the connection's thread.
KeptQtQuery* cachedQtQuery(const QSqlDatabase& db, const QString& sql);

// Gives the Qt connection `connectionName` a statement cache (Database's per-thread connections); its owner calls
// dropCachedStatements before the connection closes.
void enableStatementCache(const QString& connectionName);

// Finalizes the statements (and drops the Qt queries) cached for the Qt connection `connectionName` and ends its
// cache (any thread); called before the connection closes, since SQLite refuses to close a connection with
// statements left.
void dropCachedStatements(const QString& connectionName);

} // namespace ledgerguard::sqlite
