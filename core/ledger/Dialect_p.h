// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/ledger: the SQL that differs between the two engines a ledger may live on (SQLite, PostgreSQL
// through Qt's QPSQL driver), in one place. Call sites write portable SQL and take from here only what has no
// common spelling; docs/LEDGER.md "Engines" lists the differences.
#pragma once

#include "ledger/Database.h"
#include "util/Status.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QString>

namespace ledgerguard::sql {

enum class Engine { Sqlite, Postgres };

// The engine behind a connection or a query's driver (PostgreSQL for QPSQL, SQLite otherwise).
Engine engineOf(const QSqlDatabase& db);
Engine engineOf(const QSqlDriver* driver);

struct Dialect
{
    Engine engine;
    // Starts the one write transaction of a change. SQLite: BEGIN IMMEDIATE (the file's write lock). PostgreSQL:
    // BEGIN, then the ledger's transaction-level advisory lock (kWriteLockKey), so writers take turns exactly as on
    // SQLite and every balance and running balance is computed from committed rows (docs/LEDGER.md "Engines").
    const char* beginWrite;
    // Second statement of beginWrite, or nullptr. PostgreSQL: takes the lock and sets ledgerguard.origin for the
    // transaction's change notices, the origin bound as its one value (ChangeFeed_p.h originOf).
    const char* beginWriteLock;
    // " INDEXED BY <index>" where SQLite needs the hint; empty on PostgreSQL (its planner chooses).
    QString indexedBy(const char* index) const;
    // The case-insensitive LIKE operator (ASCII letters on SQLite, all letters on PostgreSQL).
    const char* likeNoCase;
    // Scalar minimum and maximum of two values.
    const char* least;
    const char* greatest;
    // `expr` (a non-negative real) truncated to an integer.
    QString truncate(const QString& expr) const;
    // A FROM item `alias` listing the elements of the JSON array in the text expression `json` as rows with a
    // column `value`: JSON values (jsonElements; read a member with jsonMember) or, for an array of strings, their
    // texts (jsonTexts).
    QString jsonElements(const QString& json, const char* alias) const;
    QString jsonTexts(const QString& json, const char* alias) const;
    // The text of the member `key` of the JSON object `element` (NULL when missing).
    QString jsonMember(const QString& element, const char* key) const;
    // `json` when it is a JSON array, else '[]'.
    QString jsonArrayOrEmpty(const QString& json) const;
};

const Dialect& dialect(Engine engine);
inline const Dialect& dialect(const QSqlDatabase& db)
{
    return dialect(engineOf(db));
}
inline const Dialect& dialect(const Database& database)
{
    return dialect(database.isPostgres() ? Engine::Postgres : Engine::Sqlite);
}

// The advisory lock keys of a PostgreSQL ledger (one database is one ledger): the write lock every change holds for
// its transaction, and the session locks of the jobs that must not run twice at once across instances.
inline constexpr qint64 kWriteLockKey = 0x4c47'0001; // "LG" 1
inline constexpr qint64 kDetectionLockKey = 0x4c47'0002;
inline constexpr qint64 kGeneratorLockKey = 0x4c47'0003;
inline constexpr qint64 kSchemaLockKey = 0x4c47'0004; // held while open() reads and creates the schema

} // namespace ledgerguard::sql
