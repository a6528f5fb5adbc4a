// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QSqlDatabase>

namespace ledgerguard::schema {

// Reads PRAGMA user_version without writing. Errors: Corruption when the file is not an SQLite database.
Result<int> readVersion(QSqlDatabase& db);

// Brings an open connection's file from `fromVersion` to `toVersion` in one transaction, each step in order.
// REQUIRES: fromVersion <= toVersion
Status migrate(QSqlDatabase& db, int fromVersion, int toVersion);

// PostgreSQL: the version in the meta row 'schema_version'; 0 for a database without tables. Errors: Unsupported for a
// database with tables but no LedgerGuard schema.
Result<int> readPostgresVersion(QSqlDatabase& db);

// PostgreSQL: creates the schema at Database::kSchemaVersion in one transaction on an empty database (fromVersion 0),
// or records the later version of a ledger from version 8 on (no PostgreSQL table changed since). Errors: the mapped
// error; Internal for a step this build does not have.
Status migratePostgres(QSqlDatabase& db, int fromVersion, int toVersion);

// PostgreSQL: replaces the change notices' trigger function (ChangeFeed.cpp kPostgresNotifyFunction) when the ledger's
// is not this build's (a ledger created by an earlier build, whose function planned a query for every notice) and the
// connected user may (a member of the function's owner role). Otherwise it leaves it: an earlier function sends the
// same notices. Never fails; a replacement that fails is logged.
void refreshPostgresFunctions(QSqlDatabase& db);

// PostgreSQL: creates the functions a read-write session calls in its own temporary schema (pg_temp: no schema change,
// gone with the session): pg_temp.ledgerguard_add_transaction, Ledger::addTransaction in one round trip. Errors: the
// mapped error (a role without the TEMP privilege): the session then writes statement by statement.
Status createPostgresSessionFunctions(QSqlDatabase& db);
// True when createPostgresSessionFunctions succeeded on this connection.
bool hasPostgresSessionFunctions(const QSqlDatabase& db);

} // namespace ledgerguard::schema
