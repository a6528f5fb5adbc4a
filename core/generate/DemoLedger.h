// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

namespace ledgerguard {

// Fills an empty ledger with the demo company: eight accounts (Operating, Payroll, Savings, Corporate card,
// Accounts receivable, Accounts payable, Tax reserve, Petty cash) and `days` days of plausible history up to the
// ledger clock's now, written in one batch. Deterministic for a seed.
// Errors: Conflict when the ledger already has accounts; anything Ledger::addTransactions returns.
Status createDemoLedger(Ledger& ledger, int days = 90, quint64 seed = 1);

// Creates the demo ledger file `path` so that it either exists complete or not at all: the ledger is built in a
// temporary file beside it ("<file name>.tmp-XXXXXX", owner-only), its WAL folded into the file, flushed to disk and
// renamed into place. Temporary files of earlier attempts that were killed are deleted first.
// Errors: Conflict when `path` exists (also when another process created it meanwhile); IoError; those of
// Ledger::open and createDemoLedger.
Status createDemoLedgerFile(const QString& path, const Clock& clock, int days = 90, quint64 seed = 1);

} // namespace ledgerguard
