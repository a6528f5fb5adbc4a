// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QJsonObject>
#include <QMap>

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

// The result of evaluateDetection(): the run's parameters and size, the metrics over all labelled anomalies and
// per anomaly type (keyed by anomalyTypeKey()), and the run's wall-clock time.
struct EvaluationReport
{
    int days = 0;
    quint64 seed = 0;
    qint64 transactions = 0;
    qint64 highCount = 0;
    EvaluationMetrics overall;
    QMap<QString, EvaluationMetrics> byType;
    double seconds = 0;

    QJsonObject toJson() const; // the fields above, byType as an object keyed by type
    QString toTable() const; // Markdown
};

// Backfills a labelled demo ledger (in a temporary file) for `days` days with `seed`, runs the detection pipeline
// on every account and measures it against the injected labels.
// `dailyScale` multiplies the demo company's daily volume (more transactions, steadier statistics).
Result<EvaluationReport> evaluateDetection(int days, quint64 seed, double anomalyRate = 0.01, double dailyScale = 20.0);

} // namespace ledgerguard
