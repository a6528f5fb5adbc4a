// SPDX-License-Identifier: GPL-3.0-or-later
// Copying a whole ledger between engines (`ledgerguard migrate`; docs/TEAM.md "Moving a ledger"): an SQLite file to
// a PostgreSQL database, back, or between two of either.
#pragma once

#include "ledger/Database.h"
#include "util/Status.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ledgerguard {

struct MigratedTable
{
    QString name;
    qint64 rows = 0; // copied; verified equal on both sides
};

struct MigrationReport
{
    QString from; // Database::path() of each side (a URL never holds a password)
    QString to;
    QList<MigratedTable> tables; // in copy order
    qint64 accounts = 0; // each one's balance verified equal on both sides and equal to the sum of its transactions
    qint64 auditEntries = 0; // the audit trail, verified row for row
    qint64 elapsedMs = 0;

    // A few lines for a terminal: the tables and their rows, then the checks.
    QString toText() const;
    QJsonObject toJson() const;
};

// Copies every table of `from` into `to` exactly: the same rows with the same ids and keys, in key order (an
// anomaly's scores keep their order), in one write transaction on `to`. `to` must be a ledger with no rows (a new
// file or an empty database opened with Database::open, which created its schema); `from` is only read. On
// PostgreSQL the identity columns continue past the copied maximum. After the commit, every table's rows are
// compared in key order on both sides (count and a digest of every value), every account's balance with the sum of
// its transactions, and the audit trail row for row.
// Errors: InvalidArgument("to") when `to` has rows (naming the first table that does) or is `from`; Unsupported
// when the two schemas do not have the same tables; the engines' errors (nothing is written on failure);
// Corruption naming the table when the verification finds a difference.
Result<MigrationReport> migrateLedger(const Database& from, const Database& to);

} // namespace ledgerguard
