// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QtGlobal>
#include <vector>

namespace ledgerguard {

// One account's transactions as columns, in (timestamp, id) order: the lean read behind feature extraction
// (Ledger::transactionColumns). Counterparties are interned: `counterparty[i]` indexes `counterparties`.
struct TransactionColumns
{
    QStringList ids;
    std::vector<qint64> key; // the ledger's integer row key of each row (0 for rows appended by hand)
    std::vector<qint64> amount; // minor units
    std::vector<qint64> timestamp; // UTC ms
    std::vector<qint32> category; // int(Category)
    std::vector<qint32> counterparty; // index into counterparties
    QStringList counterparties; // distinct names, in order of first appearance
    std::vector<double> score; // latest stored score; NaN when unscored
    std::vector<qint8> risk; // int(Risk) of the stored score; -1 when unscored

    qsizetype size() const { return qsizetype(amount.size()); }
    // Appends one row (for tests and callers that build columns themselves).
    void append(const QString& id, qint64 amountMinor, qint64 timestampMs, qint32 categoryValue,
                const QString& counterpartyName);
};

} // namespace ledgerguard
