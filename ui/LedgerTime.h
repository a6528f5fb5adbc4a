// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>

namespace ledgerguard {

// "Now" and "today" in local time by the ledger's clock (a ManualClock in tests), never the wall clock directly,
// so that the views' period presets and the form's default time agree with the core.
inline QDateTime ledgerNow(const Ledger& ledger)
{
    return QDateTime::fromMSecsSinceEpoch(ledger.clock().nowMs()).toLocalTime();
}

inline QDate ledgerToday(const Ledger& ledger)
{
    return ledgerNow(ledger).date();
}

// The newest transaction's timestamp among `accounts` (Account::lastActivity), if any has one: where the views'
// periods end for a ledger of statements of past months.
inline std::optional<qint64> newestActivity(const QList<Account>& accounts)
{
    std::optional<qint64> newest;
    for (const Account& a : accounts)
        if (a.lastActivity && (!newest || *a.lastActivity > *newest))
            newest = a.lastActivity;
    return newest;
}

// A ledger timestamp (UTC milliseconds since the epoch) as a short local date and time in `locale`.
inline QString shortLocalTime(const QLocale& locale, qint64 ms)
{
    return locale.toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

// When a transaction was booked, as the views show it: a statement line with a date only (isDateOnlyTimestamp, the
// importers' 12:00:00.000 UTC) as that date alone, never a time of day its file did not state; others as
// shortLocalTime.
inline QString bookingTime(const QLocale& locale, qint64 ms)
{
    if (isDateOnlyTimestamp(ms))
        return locale.toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date(), QLocale::ShortFormat);
    return shortLocalTime(locale, ms);
}

} // namespace ledgerguard
