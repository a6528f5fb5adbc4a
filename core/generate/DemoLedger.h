// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

namespace ledgerguard {

// Fills an empty ledger with the demo company: eight accounts (Operating, Payroll, Savings, Corporate card,
// Accounts receivable, Accounts payable, Tax reserve, Petty cash) and `days` days of plausible history up to the
// ledger clock's now, written in one batch. Deterministic for a seed.
// Errors: Conflict when the ledger already has accounts; anything Ledger::addTransactions returns.
Status createDemoLedger(Ledger& ledger, int days = 90, quint64 seed = 1);

} // namespace ledgerguard
