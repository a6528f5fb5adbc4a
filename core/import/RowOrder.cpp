// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/RowOrder.h"

#include <QMultiHash>
#include <QtNumeric>
#include <algorithm>
#include <utility>

namespace ledgerguard {

namespace {

// The one order of `rows` in which each row's stated balance is the one before it plus its amount, as indexes into
// `rows`; empty when a row states no balance or when no such order or more than one exists.
QList<qsizetype> balanceChain(const QList<ImportedRow>& rows)
{
    const qsizetype n = rows.size();
    QList<qint64> before(n);
    QHash<qint64, qsizetype> afters; // balance after -> rows stating it
    QMultiHash<qint64, qsizetype> byBefore; // balance before -> rows
    for (qsizetype i = 0; i < n; ++i) {
        if (!rows[i].balanceAfterMinor || qSubOverflow(*rows[i].balanceAfterMinor, rows[i].amountMinor, &before[i]))
            return {};
        ++afters[*rows[i].balanceAfterMinor];
        byBefore.insert(before[i], i);
    }
    // The first row's balance before it is no other row's balance after it.
    qsizetype first = -1;
    for (qsizetype i = 0; i < n; ++i) {
        if (afters.value(before[i]) - (*rows[i].balanceAfterMinor == before[i] ? 1 : 0) > 0)
            continue;
        if (first >= 0)
            return {}; // two rows could begin the run
        first = i;
    }
    if (first < 0)
        return {};
    QList<qsizetype> order {first};
    QList<bool> used(n, false);
    used[first] = true;
    while (order.size() < n) {
        qsizetype next = -1;
        const auto [from, to] = byBefore.equal_range(*rows[order.last()].balanceAfterMinor);
        for (auto it = from; it != to; ++it) {
            if (used[*it])
                continue;
            if (next >= 0)
                return {}; // two rows could come next: the file's order is as good
            next = *it;
        }
        if (next < 0)
            return {};
        used[next] = true;
        order.append(next);
    }
    return order;
}

} // namespace

RowOrder::RowOrder(std::function<bool(int, ImportedRow&&)> handOn)
    : m_emit(std::move(handOn))
{ }

bool RowOrder::add(int account, ImportedRow&& row)
{
    Run& run = m_runs[account];
    if (run.time && *run.time != row.bookedAtMs) {
        ++(row.bookedAtMs > *run.time ? run.newer : run.older);
        if (!flush(account, run))
            return false;
        run.spilled = false;
    }
    run.time = row.bookedAtMs;
    run.rows.append(std::move(row));
    if (run.rows.size() >= kMaxRun) {
        run.spilled = true;
        for (ImportedRow& r : run.rows)
            if (!m_emit(account, std::move(r)))
                return false;
        run.rows.clear();
    }
    return true;
}

bool RowOrder::finish()
{
    QList<int> accounts = m_runs.keys();
    std::sort(accounts.begin(), accounts.end()); // the same order in every run of the same file
    for (int account : std::as_const(accounts))
        if (!flush(account, m_runs[account]))
            return false;
    m_runs.clear();
    return true;
}

bool RowOrder::flush(int account, Run& run)
{
    QList<ImportedRow>& rows = run.rows;
    if (rows.size() > 1 && !run.spilled) {
        if (const QList<qsizetype> chain = balanceChain(rows); !chain.isEmpty()) {
            QList<ImportedRow> ordered;
            ordered.reserve(rows.size());
            for (qsizetype i : chain)
                ordered.append(std::move(rows[i]));
            rows = std::move(ordered);
        } else if (run.direction() < 0) {
            std::reverse(rows.begin(), rows.end());
        }
    }
    for (ImportedRow& r : rows)
        if (!m_emit(account, std::move(r)))
            return false;
    rows.clear();
    return true;
}

} // namespace ledgerguard
