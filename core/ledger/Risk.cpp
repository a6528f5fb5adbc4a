// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Risk.h"

#include <atomic>
#include <cmath>

namespace ledgerguard {

namespace {

// Both thresholds in one atomic word (millionths in 32 bits each), so a reader never sees half a change.
constexpr double kScale = 1'000'000.0;

constexpr quint64 pack(const RiskThresholds& t)
{
    return (quint64(quint32(t.mediumFrom * kScale + 0.5)) << 32) | quint64(quint32(t.highAbove * kScale + 0.5));
}

std::atomic<quint64>& current()
{
    static std::atomic<quint64> value {pack(RiskThresholds {})};
    return value;
}

} // namespace

RiskThresholds riskThresholds()
{
    const quint64 v = current().load(std::memory_order_acquire);
    return RiskThresholds {double(quint32(v >> 32)) / kScale, double(quint32(v)) / kScale};
}

void setRiskThresholds(const RiskThresholds& t)
{
    Q_ASSERT(isValid(t));
    current().store(pack(t), std::memory_order_release);
}

} // namespace ledgerguard
