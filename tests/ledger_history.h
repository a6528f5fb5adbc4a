// SPDX-License-Identifier: GPL-3.0-or-later
// For tests: an account's whole history read through the public paged query (Ledger::transactions).
#pragma once

#include "ledger/Ledger.h"

namespace ledgerguard {

// All of the account's transactions in (timestamp, id) order, read page by page. Errors: those of
// Ledger::transactions.
inline Result<QList<Transaction>> accountHistory(const Ledger& ledger, qint64 accountId)
{
    TransactionFilter filter;
    filter.accountId = accountId;
    filter.ascending = true;
    PageRequest page;
    page.limit = kMaxPageSize;
    QList<Transaction> out;
    for (;;) {
        auto result = ledger.transactions(filter, page);
        if (!result)
            return result.status();
        out.append(result->items);
        if (result->nextCursor.isEmpty())
            return out;
        page.cursor = result->nextCursor;
    }
}

} // namespace ledgerguard
