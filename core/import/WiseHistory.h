// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <array>

namespace ledgerguard {

// Wise's "transaction history" export (ID, Status, Direction, Created on, ..., Source amount (after fees), Source
// currency, Target amount (after fees), Target currency, ...): one record per transfer, card payment or conversion
// between the customer's own balances, each with what left the source balance and what reached the target one. Read
// as the plain table it stands for, one row per balance a record moves:
// - OUT: money out of the source currency's balance, the source amount after fees plus the source fee (where the fee
//   is in the source currency);
// - IN: money in of the target amount after fees, in the target currency;
// - NEUTRAL: a conversion (or a move) between two of the customer's balances: both rows, ids "<ID>:out" and "<ID>:in";
// - only COMPLETED records move money: CANCELLED and REFUNDED ones (a payment returned in full) are skipped with a
//   warning.

// True when `header` is the export's header row (its status, direction, created, source and target amount and currency
// columns named as Wise names them).
bool isWiseHistoryHeader(const QStringList& header);

// The export as a CSV table of one header row ("Date,Currency,Amount,Description,Counterparty,Category,ID") and one
// row per balance moved, and where each table line came from. Row-level problems (an amount that does not read, a
// direction other than IN, OUT or NEUTRAL) leave the record out, in `errors`; skipped records are in `warnings`; both
// name the export's own lines and columns.
struct WiseTable
{
    static constexpr int kFields = 7;

    // One line of `csv`: the export's line it came from, and for each of its fields the column it starts at in `csv`
    // and the export's column of the value it was read from (0: made from several).
    struct Origin
    {
        int line = 0;
        std::array<int, kFields> tableColumns {};
        std::array<int, kFields> columns {};
    };

    QString csv;
    QList<Origin> origins; // origins[i] is the table's line i + 1
    QList<ImportIssue> errors;
    QList<ImportIssue> warnings;

    // The export's line of the table's line `tableLine`.
    int lineOf(int tableLine) const;
    // `issue` (of the table's lines and columns) as of the export's.
    ImportIssue mapped(ImportIssue issue) const;
};

// Reads the export's decoded `text`, its fields separated by `delimiter`; a record the CSV reader cannot read (a quote
// left open) is the error.
Result<WiseTable> wiseHistoryAsTable(const QString& text, QChar delimiter);

} // namespace ledgerguard
