// SPDX-License-Identifier: GPL-3.0-or-later
// For benchmarks: the ledger's invariants and the scores' coverage checked in SQL over the whole file, and the
// process's memory figures.
#pragma once

#include "ledger/Ledger.h"

#include <QFile>
#include <QSqlQuery>
#if defined(__GLIBC__)
#include <malloc.h> // malloc_trim
#endif

namespace ledgerguard {

// The number of transactions whose running balance is not the prefix sum of their account in (timestamp, id) order
// plus the number of accounts whose balance is not the sum of their transactions; -1 when the query fails.
inline qint64 invariantViolations(Ledger& ledger)
{
    QSqlQuery q(*ledger.database()->connection());
    if (!q.exec(QStringLiteral(
            "SELECT (SELECT count(*) FROM (SELECT running_balance - SUM(amount) OVER (PARTITION BY account_id "
            "ORDER BY timestamp, id) AS d FROM transactions) AS r WHERE d <> 0) + (SELECT count(*) FROM accounts a "
            "WHERE a.balance <> (SELECT coalesce(sum(amount), 0) FROM transactions t WHERE t.account_id = a.id))"))
        || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// The number of transactions without a stored anomaly score; -1 when the query fails.
inline qint64 unscoredTransactions(Ledger& ledger)
{
    QSqlQuery q(*ledger.database()->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM transactions t WHERE NOT EXISTS (SELECT 1 FROM transaction_scores "
                               "s WHERE s.seq = t.seq)"))
        || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// A field of /proc/self/status in MiB ("VmRSS", "VmHWM"; 0 off Linux).
inline double procMiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field)) + 1).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// Resets the process's peak resident memory (VmHWM) to the current one (Linux 4.0 and later), after giving the heap
// freed so far back to the system (glibc keeps it mapped), so that the peak is what comes after.
inline void resetPeakResidentMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

} // namespace ledgerguard
