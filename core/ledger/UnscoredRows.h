// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

namespace ledgerguard {

// The account's transactions that have no stored score or a row key (TransactionColumns::key) above `afterKey`:
// how many, the earliest and latest timestamp among them, and the timestamp of the account's last transaction
// before the earliest (fromMs when none); all 0 when there are none. The detection pipeline's scheduled run scores
// these rows with the stored model (docs/DETECTION.md, "Scheduled runs").
struct UnscoredSpan
{
    qint64 count = 0;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 previousMs = 0;
};

// Errors: database errors. Unknown accounts have none. Implemented in LedgerFeatures.cpp.
Result<UnscoredSpan> unscoredTransactionSpan(const Ledger& ledger, qint64 accountId, qint64 afterKey);

} // namespace ledgerguard
