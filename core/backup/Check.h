// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QList>
#include <QString>

namespace ledgerguard::backup {

// One problem `ledgerguard check` found. `kind` is one of "integrity" (PRAGMA integrity_check), "balance" (an
// account's balance differs from the sum of its transactions), "running_balance" (a transaction's running balance
// differs from the prefix sum of its account in (timestamp, id) order; the first per account), "foreign_key"
// (PRAGMA foreign_key_check), "reversal" (a reversed transaction's reversed_by and its reversal's reverses disagree),
// "audit" (an audit table without its append-only triggers) or "error" (a check that
// could not run). accountId is set (> 0) for the balance kinds, differenceMinor to the stored value minus the
// computed one, in the account's minor units.
struct CheckProblem
{
    QString kind;
    QString message;
    qint64 accountId = 0;
    qint64 differenceMinor = 0;
};

struct CheckReport
{
    QList<CheckProblem> problems; // in the order found: integrity, balances, running balances, keys, reversals, audit
    qint64 accounts = 0;
    qint64 transactions = 0;
    bool isOk() const { return problems.isEmpty(); }
};

// Checks the ledger file `path` read-only (it may be damaged, so it is not opened through Database): integrity,
// every account's balance = the sum of its transactions, every running balance = the prefix sum (one ordered scan
// per account over the (account_id, timestamp) index, ties by id, streaming), foreign keys, and, for each table whose
// name starts with "audit", that a trigger refuses UPDATE and one refuses DELETE on it. Errors (the check could not
// start): NotFound when the file does not exist; IoError when it cannot be opened.
Result<CheckReport> checkLedger(const QString& path);

} // namespace ledgerguard::backup
