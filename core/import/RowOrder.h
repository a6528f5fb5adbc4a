// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"

#include <QHash>
#include <QList>
#include <functional>
#include <optional>

namespace ledgerguard {

// Puts the rows of a statement that share an account and a time (a day's rows in a file without times, a payment and
// its fee at one second) in the order they happened, which is the order the ledger books rows of one time in: their
// running balances then follow the bank's. Rows are given in the file's order and handed on (`handOn`) with each such
// run in order:
// - where every row of the run states the balance after it (a CSV balance column) and exactly one order chains those
//   balances, in that order;
// - else, in a file that lists the account's newest rows first (most of its changes of time so far, the one that ends
//   the run included, go to an older time), reversed;
// - else as the file lists them.
// Rows of different accounts are independent: a run is held until its account's next row of another time, or
// finish(). A run longer than kMaxRun is handed on in the file's order as it fills, so at most kMaxRun rows of each
// account are held.
class RowOrder
{
public:
    static constexpr qsizetype kMaxRun = 4096;
    // `handOn(account, row)` returns false to stop (add and finish then return false).
    explicit RowOrder(std::function<bool(int, ImportedRow&&)> handOn);

    // `account` identifies the row's account (a number the caller gives each account: no hashing of text per row).
    bool add(int account, ImportedRow&& row);
    // Hands on every held run.
    bool finish();

private:
    struct Run
    {
        QList<ImportedRow> rows;
        std::optional<qint64> time; // of the rows held (or handed on already, when spilled)
        bool spilled = false; // rows of this time were handed on already (a run past kMaxRun)
        qint64 newer = 0; // the account's changes of time so far to a newer time
        qint64 older = 0; // ... and to an older one
        int direction() const { return newer > older ? 1 : older > newer ? -1 : 0; }
    };
    bool flush(int account, Run& run);

    std::function<bool(int, ImportedRow&&)> m_emit;
    QHash<int, Run> m_runs;
};

} // namespace ledgerguard
