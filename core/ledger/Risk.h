// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <optional>

namespace ledgerguard {

// The one risk rule. A risk level is read off a *calibrated* anomaly score s in [0, 1]
// (IsolationForest::calibratedScore, never the forest's raw score) with two thresholds, by default:
//   HIGH   when s >  0.8
//   MEDIUM when 0.5 <= s <= 0.8   (both boundaries are MEDIUM)
//   LOW    when s <  0.5
// The thresholds in force are the process's RiskThresholds (riskThresholds()): the defaults until the ledger's
// stored ones are applied (Ledger applies them when it is constructed and when Ledger::setRiskThresholds changes
// them). Everything that shows or applies the rule (pipeline, CLI, charts, About text) reads it from here.
enum class Risk { Low, Medium, High };

// The default thresholds.
inline constexpr double kHighRiskAbove = 0.8;
inline constexpr double kMediumRiskFrom = 0.5;

struct RiskThresholds
{
    double mediumFrom = kMediumRiskFrom; // MEDIUM from this score on (inclusive)
    double highAbove = kHighRiskAbove; // HIGH above this score (exclusive)
    friend bool operator==(const RiskThresholds&, const RiskThresholds&) = default;
};

// Valid thresholds: 0 < mediumFrom < highAbove < 1.
constexpr bool isValid(const RiskThresholds& t)
{
    return t.mediumFrom > 0 && t.mediumFrom < t.highAbove && t.highAbove < 1;
}

// The thresholds in force in this process (thread-safe; both values are read together). Kept with 6 decimals.
RiskThresholds riskThresholds();
// Sets the thresholds in force. REQUIRES: isValid(t). Thread-safe.
void setRiskThresholds(const RiskThresholds& t);

constexpr Risk riskForScore(double score, const RiskThresholds& t)
{
    if (score > t.highAbove)
        return Risk::High;
    if (score >= t.mediumFrom)
        return Risk::Medium;
    return Risk::Low;
}

// The risk of a score under the thresholds in force.
inline Risk riskForScore(double score)
{
    return riskForScore(score, riskThresholds());
}

// The rule in words for people: "HIGH above 0.80, MEDIUM from 0.50 to 0.80, LOW below 0.50".
inline QString riskRuleText(const RiskThresholds& t = riskThresholds())
{
    return QStringLiteral("HIGH above %1, MEDIUM from %2 to %1, LOW below %2")
        .arg(QString::number(t.highAbove, 'f', 2), QString::number(t.mediumFrom, 'f', 2));
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
