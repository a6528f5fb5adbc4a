// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QJsonObject>
#include <QMap>
#include <optional>

namespace ledgerguard {

// How well the detector finds one kind of labelled anomaly (or all of them, in EvaluationReport::overall).
struct EvaluationMetrics
{
    qint64 anomalies = 0; // labelled transactions of this type
    double auc = 0; // ROC AUC of this type's anomalies against all normal transactions
    double recallAt1PctFpr = 0; // share scoring above the normal transactions' 99th percentile
    double precisionHigh = 0; // overall only: labelled share of the HIGH transactions
    double topFeatureMatch = 0; // share of flagged ones whose top explanation feature points at this type
};

// What one scoring of the evaluation ledger achieved: HIGH count, the metrics over all labelled anomalies and per
// anomaly type (keyed by anomalyTypeKey()).
struct EvaluationScores
{
    qint64 highCount = 0;
    EvaluationMetrics overall;
    QMap<QString, EvaluationMetrics> byType;
};

// The simulated analyst of `evaluate --feedback`: how many decisions it made and in how many replay rounds.
struct FeedbackReplay
{
    EvaluationScores scores; // the final scores, every decision applied
    qint64 decisions = 0; // confirmed + dismissed + reported
    qint64 confirmed = 0; // flagged labelled transactions confirmed
    qint64 dismissed = 0; // flagged unlabelled transactions dismissed
    qint64 reported = 0; // unflagged labelled transactions confirmed from a missed-fraud report
    int rounds = 0; // detection runs after the first
    qint64 delayDays = 0;
    double missedReportRate = 0;
    bool supervised = false; // the pipeline fitted the supervised model
};

// The result of evaluateDetection(): the run's parameters and size, the forest's scores (no decisions) and, with
// feedback, the scores once the simulated analyst's decisions are learned from; the run's wall-clock time.
struct EvaluationReport
{
    int days = 0;
    quint64 seed = 0;
    qint64 transactions = 0;
    qint64 highCount = 0;
    EvaluationMetrics overall;
    QMap<QString, EvaluationMetrics> byType;
    std::optional<FeedbackReplay> feedback;
    // The scores with the default rules (rules::RuleBook::defaultRules, enabled for each account currency) combined
    // with the forest (docs/DETECTION.md "Combined score"), no decisions; its lift is against the fields above.
    std::optional<EvaluationScores> withRules;
    double seconds = 0;

    // The fields above, byType as an object keyed by type; "feedback" when replayed, "rules" when measured.
    QJsonObject toJson() const;
    QString toTable() const; // Markdown
};

struct EvaluationOptions
{
    int days = 90;
    quint64 seed = 1;
    double anomalyRate = 0.01;
    // Multiplies the demo company's daily volume (more transactions, steadier statistics). Default: 20.
    double dailyScale = 20.0;
    // Replays the history with a simulated analyst who reviews every alert (MEDIUM or HIGH) `feedbackDelayDays`
    // after it was booked, confirming the labelled ones and dismissing the others, and measures again. Default: off.
    bool feedback = false;
    qint64 feedbackDelayDays = 7;
    // Share of the labelled transactions the detector did not flag that reach the analyst anyway, as a chargeback or
    // a payee chasing an unpaid invoice, `feedbackDelayDays` after booking (confirmed as missed fraud). Default: 0.5.
    double missedReportRate = 0.5;
    // Run the pipeline with the supervised model (DetectionPipelineOptions::supervised). Default: off, as the
    // pipeline's default.
    bool supervised = false;
    // Also measure the scores with the default rules (EvaluationReport::withRules). Default: on.
    bool rules = true;
};

// Backfills a labelled demo ledger (in a temporary file) for `days` days with `seed`, runs the detection pipeline
// on every account and measures it against the injected labels. With `feedback`, then replays the analyst week by
// week (one `feedbackDelayDays` band of bookings per round, from the first booking): the transactions booked in the
// band are decided at booked + delay (never after the ledger's now) on the scores of the latest run (flagged ones
// confirmed when labelled, dismissed when not; unflagged labelled ones confirmed when drawn as missed-fraud
// reports), and detection runs again. A booking is scored with the decisions made before it, on bookings at least
// a delay earlier, all made in earlier rounds: the result is what an analyst working along would have seen. With
// `rules`, before the replay, the default rules are saved and detection runs with them once (measured as
// withRules); the replay then starts again from the forest's own scores.
// Errors: InvalidArgument("days") below 7, ("feedbackDelayDays") below 1, ("missedReportRate") outside [0, 1].
Result<EvaluationReport> evaluateDetection(const EvaluationOptions& options);
inline Result<EvaluationReport> evaluateDetection(int days, quint64 seed, double anomalyRate = 0.01,
                                                  double dailyScale = 20.0)
{
    return evaluateDetection(EvaluationOptions {days, seed, anomalyRate, dailyScale, false, 7, 0.5});
}

} // namespace ledgerguard
