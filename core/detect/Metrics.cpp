// SPDX-License-Identifier: GPL-3.0-or-later
#include "detect/Metrics.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace ledgerguard {

namespace {

// Row indices ordered by score, descending.
std::vector<Eigen::Index> byScoreDescending(const Eigen::VectorXd& scores)
{
    std::vector<Eigen::Index> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return scores[a] > scores[b]; });
    return order;
}

} // namespace

double rocAuc(const Eigen::VectorXd& scores, const std::vector<int>& labels)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (static_cast<std::size_t>(scores.size()) != labels.size())
        return nan;
    const std::vector<Eigen::Index> order = byScoreDescending(scores);
    // Walk groups of tied scores from the top: every normal row in a group is beaten by the anomalies above the
    // group, and ties with the anomalies inside it.
    double positivesAbove = 0.0, wins = 0.0, positives = 0.0, negatives = 0.0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        double pos = 0.0, neg = 0.0;
        while (j < order.size() && scores[order[j]] == scores[order[i]])
            (labels[order[j++]] != 0 ? pos : neg) += 1.0;
        wins += neg * (positivesAbove + 0.5 * pos);
        positivesAbove += pos;
        positives += pos;
        negatives += neg;
        i = j;
    }
    if (positives == 0.0 || negatives == 0.0)
        return nan;
    return wins / (positives * negatives);
}

double averagePrecision(const Eigen::VectorXd& scores, const std::vector<int>& labels)
{
    if (static_cast<std::size_t>(scores.size()) != labels.size())
        return std::numeric_limits<double>::quiet_NaN();
    const double positives
        = static_cast<double>(std::count_if(labels.begin(), labels.end(), [](int l) { return l != 0; }));
    if (positives == 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    const std::vector<Eigen::Index> order = byScoreDescending(scores);
    double truePositives = 0.0, ap = 0.0, lastRecall = 0.0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]])
            truePositives += labels[order[j++]] != 0 ? 1.0 : 0.0;
        const double recall = truePositives / positives;
        ap += (recall - lastRecall) * (truePositives / static_cast<double>(j));
        lastRecall = recall;
        i = j;
    }
    return ap;
}

} // namespace ledgerguard
