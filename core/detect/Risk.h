// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <optional>

namespace ledgerguard {

// Risk level of an anomaly score s in [0, 1]:
//   HIGH   when s >  0.8
//   MEDIUM when 0.5 <= s <= 0.8   (both boundaries are MEDIUM)
//   LOW    when s <  0.5
enum class Risk { Low, Medium, High };

inline constexpr double kHighRiskAbove = 0.8;
inline constexpr double kMediumRiskFrom = 0.5;

constexpr Risk riskForScore(double score)
{
    if (score > kHighRiskAbove)
        return Risk::High;
    if (score >= kMediumRiskFrom)
        return Risk::Medium;
    return Risk::Low;
}

// "LOW", "MEDIUM", "HIGH": the form used in the database, the REST API and the UI badges.
inline QString riskName(Risk risk)
{
    switch (risk) {
    case Risk::High:
        return QStringLiteral("HIGH");
    case Risk::Medium:
        return QStringLiteral("MEDIUM");
    case Risk::Low:
        break;
    }
    return QStringLiteral("LOW");
}

// Parses riskName()'s output, case-insensitively; nullopt for anything else.
inline std::optional<Risk> riskFromName(const QString& name)
{
    const QString n = name.trimmed().toUpper();
    if (n == QLatin1String("HIGH"))
        return Risk::High;
    if (n == QLatin1String("MEDIUM"))
        return Risk::Medium;
    if (n == QLatin1String("LOW"))
        return Risk::Low;
    return std::nullopt;
}

} // namespace ledgerguard
