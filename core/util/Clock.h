// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <atomic>

namespace ledgerguard {

// Lengths of time in milliseconds, the unit of every timestamp in core.
inline constexpr qint64 kMinuteMs = 60'000;
inline constexpr qint64 kHourMs = 60 * kMinuteMs;
inline constexpr qint64 kDayMs = 24 * kHourMs;

// The time the importers give a statement line that has only a date: 12:00:00.000 UTC of that date. A timestamp at
// exactly that time of day is read as a date without a time (the audit tests, the detector's bursts and repeats, the
// import's look-alike rule), so that no rule sees minutes a file never stated.
inline constexpr qint64 kDateOnlyTimeOfDayMs = kDayMs / 2;
inline constexpr bool isDateOnlyTimestamp(qint64 ms)
{
    return ((ms % kDayMs) + kDayMs) % kDayMs == kDateOnlyTimeOfDayMs;
}

// The source of "now" for everything in core that depends on time (validation of future timestamps, the
// generator, the scheduler, detected_at). Production code uses SystemClock; tests use ManualClock.
// Implementations must be safe to call from any thread.
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
};

// The system's wall clock (QDateTime::currentMSecsSinceEpoch).
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    // A process-wide instance, for callers that are not given a clock.
    static const Clock& instance();
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 0)
        : m_ms(startMs)
    { }
    qint64 nowMs() const override { return m_ms.load(); }
    void setMs(qint64 ms) { m_ms.store(ms); }
    void advanceMs(qint64 deltaMs) { m_ms.fetch_add(deltaMs); }

private:
    std::atomic<qint64> m_ms;
};

} // namespace ledgerguard
