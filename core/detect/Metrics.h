// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Ranking metrics for judging a detector against known labels (the CLI tool, the benchmark, the tests).
// Both match scikit-learn's roc_auc_score and average_precision_score, including the handling of ties.

#include <Eigen/Core>
#include <vector>

namespace ledgerguard {

// Area under the ROC curve of `scores` (higher = more anomalous) against labels (1 = anomaly): the probability
// that a random anomaly outscores a random normal row, ties counting one half. NaN when either class is absent
// or the sizes differ.
double rocAuc(const Eigen::VectorXd& scores, const std::vector<int>& labels);

// Average precision: sum over score thresholds (descending) of precision x increase in recall. NaN when there
// is no anomaly or the sizes differ.
double averagePrecision(const Eigen::VectorXd& scores, const std::vector<int>& labels);

} // namespace ledgerguard
