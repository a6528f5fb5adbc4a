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

} // namespace ledgerguard::schema
