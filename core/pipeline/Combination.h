// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decisions/Feedback.h"
#include "ledger/Ledger.h"
#include "ledger/ScoreParts.h"

#include <QJsonArray>
#include <memory>
#include <vector>

namespace ledgerguard {

// The combined score of one transaction (docs/DETECTION.md "Combined score"): the feedback-adjusted forest score
// (Feedback::apply: forest, analysts' feedback, the supervised part when on) moved by the score parts beside the
// forest (rules, classic tests; ScoreParts.h), in log-odds:
//   L = logit(base) + K * sum(strength * weight of Raise parts) - K * sum(strength * weight of Lower parts),
//   K = ln 9 (a full-weight raise multiplies the odds by 9: 0.5 becomes 0.9),
// score = logistic(L); then each Flag part lifts the score to at least its risk's floor (HIGH: halfway between the
// HIGH threshold and 1; MEDIUM: halfway between the two thresholds); a Suppress part keeps the score but opens no
// alert. Each part's contribution is the score difference it made, applied in this order (raises, lowers, flags),
// so the base's parts and these differences sum to the score.
struct CombinedScore
{
    FeedbackScore base; // Feedback::apply's result
    double score = 0; // in [0, 1]
    Risk risk = Risk::Low; // riskForScore(score)
    bool suppressed = false; // a Suppress part: no alert opens
    std::vector<double> deltas; // per part, in the parts' order: the score difference it made (0 for Suppress)
    // The part whose effect decided the risk level (lifted it above the base's), or -1 when the base decided.
    qsizetype decisive = -1;
};

// The log-odds a full-strength, full-weight Raise or Lower part moves the score by: ln 9.
inline constexpr double kPartLogOdds = 2.1972245773362196;

// Combines the base with the parts under the thresholds in force.
CombinedScore combineScore(const FeedbackScore& base, const std::vector<ScorePart>& parts);
// The lowest score a Flag part of `risk` lifts a transaction to under the thresholds in force (0 for LOW).
double flagFloor(Risk risk);

// The explanation entries of the combination: one per part ({"source": "rule" | "test", "name", "rule" or "test":
// the part's key, "feature": the source, "contribution": its difference's share of the score, "value": its weight,
// "typical": 0, "text": the matched values}), with the feedback entries (Feedback::explanation) marked "source":
// "forest" | "feedback" | "supervised" and a "name"; the forest's entry is always present when there are parts.
// The decisive part comes first. Empty when there are no parts and feedback moved nothing (the forest's feature
// entries then explain the score alone).
QJsonArray combinedExplanation(const CombinedScore& combined, const std::vector<ScorePart>& parts,
                               const FeedbackAdjustment& adjustment, const QString& counterparty);
// The anomaly type of a combined score: "rule" when a rule's part decided the risk, the test's key when a test's did,
// else `forestType`.
QString combinedAnomalyType(const CombinedScore& combined, const std::vector<ScorePart>& parts,
                            const QString& forestType);

// Instant scoring of an account without a stored model (before its first detection run): opens a case for each row
// of `only` whose parts reach MEDIUM or HIGH on their own (a base score of 0: Flag parts), its explanation the parts
// alone. Stores no scores (the first run scores every row). Returns the transactions that became HIGH.
// Errors: those of Ledger::storeDetectionResults.
Result<QStringList> storeFlagsWithoutModel(Ledger& ledger, const Account& account, const TransactionColumns& rows,
                                           const std::vector<qsizetype>& only,
                                           const std::vector<std::vector<ScorePart>>& parts);

// The providers of score parts the app, headless mode and `ledgerguard evaluate` run (one list): the ledger's rules
// and the classic audit tests (AuditScorePartProvider, weighted by the ledger's audit settings).
std::vector<std::shared_ptr<ScorePartProvider>> defaultScorePartProviders(Ledger& ledger);

// Runs every provider over rows `only` (all rows when empty) of one account's rows; returns the parts of each row
// (rows.size() entries; none when there are no providers). Calls are serialised process-wide, so each provider sees
// one call at a time (ScoreParts.h) while a detection run and instant scoring run side by side.
std::vector<std::vector<ScorePart>> scoreParts(const std::vector<std::shared_ptr<ScorePartProvider>>& providers,
                                               qint64 accountId, const TransactionColumns& rows,
                                               const std::vector<qsizetype>& only);

} // namespace ledgerguard
