// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <optional>

namespace ledgerguard {

// The one risk rule. A risk level is read off a *calibrated* anomaly score s in [0, 1]
// (IsolationForest::calibratedScore, never the forest's raw score):
//   HIGH   when s >  0.8
//   MEDIUM when 0.5 <= s <= 0.8   (both boundaries are MEDIUM)
//   LOW    when s <  0.5
// Everything that shows or applies the thresholds (pipeline, CLI, charts, About text) reads them from here.
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

// The rule in words for people: "HIGH above 0.80, MEDIUM from 0.50 to 0.80, LOW below 0.50".
inline QString riskRuleText()
{
    return QStringLiteral("HIGH above %1, MEDIUM from %2 to %1, LOW below %2")
        .arg(QString::number(kHighRiskAbove, 'f', 2), QString::number(kMediumRiskFrom, 'f', 2));
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
