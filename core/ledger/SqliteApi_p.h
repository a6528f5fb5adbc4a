// SPDX-License-Identifier: GPL-3.0-or-later
// SQLite's C API on a Qt Sql connection, for the ledger's bulk write path. Private to core/ledger.
#pragma once

#include "util/Status.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
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
// Text is bound as UTF-8 kept by the statement until the next bind of the same index.
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

    // Runs the statement to completion and resets it for the next bindings. Errors: the mapped SQLite error
    // (Conflict for a constraint, Busy, ReadOnly, Corruption, else IoError) naming `what`; *extendedCode (when
    // given) receives SQLite's extended result code.
    Status step(const QString& what, int* extendedCode = nullptr);

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    std::vector<QByteArray> m_text; // by binding index
};

} // namespace ledgerguard::sqlite
