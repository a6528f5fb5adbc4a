// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

namespace ledgerguard {

// The account's transactions that have no stored score or a row key (TransactionColumns::key) above `afterKey`:
// how many, the earliest and latest timestamp among them, the timestamp of the account's last transaction before
// the earliest (fromMs when none), and the highest key among them; all 0 when there are none. The detection pipeline's
// scheduled run scores these rows with the stored model (docs/DETECTION.md, "Scheduled runs"). REQUIRES: `afterKey` is
// the key of one of the account's rows that was stored with a score when every row of the account at or below it had
// one (the highest key a detection run read), or 0. While that row keeps its score only the rows above it are looked
// at; once it is gone or unscored, every row of the account is.
struct UnscoredSpan
{
    qint64 count = 0;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 previousMs = 0;
    qint64 lastKey = 0;
};

// Errors: database errors. Unknown accounts have none. Implemented in LedgerFeatures.cpp.
Result<UnscoredSpan> unscoredTransactionSpan(const Ledger& ledger, qint64 accountId, qint64 afterKey);

// The id of the transaction's case, as Ledger::anomalyForTransaction(transactionId)->id, through one kept statement
// (the detector's alerts of new HIGH cases). Errors: NotFound when the transaction has none; database errors.
Result<QString> caseIdForTransaction(const Ledger& ledger, const QString& transactionId);

} // namespace ledgerguard
