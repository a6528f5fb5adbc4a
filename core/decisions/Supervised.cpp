// SPDX-License-Identifier: GPL-3.0-or-later
#include "decisions/Supervised.h"

#include "decisions/Feedback.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace ledgerguard {

namespace {

constexpr int kParams = SupervisedRow::kFeatures + 1; // intercept first
constexpr int kNewtonSteps = 25;
constexpr double kLogitEpsilon = 1e-6;
using Vector = Eigen::Matrix<double, kParams, 1>;
using Matrix = Eigen::Matrix<double, kParams, kParams>;

double logistic(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

Vector inputOf(const std::array<double, SupervisedRow::kFeatures>& x)
{
    Vector v;
    v(0) = 1.0;
    for (int k = 0; k < SupervisedRow::kFeatures; ++k)
        v(k + 1) = x[size_t(k)];
    return v;
}

} // namespace

std::array<double, SupervisedRow::kFeatures> supervisedFeatures(double forestScore,
                                                                const FeedbackAdjustment& adjustment)
{
    const double f = std::clamp(forestScore, kLogitEpsilon, 1.0 - kLogitEpsilon);
    const FeedbackOptions defaults;
    return {std::log(f / (1.0 - f)), std::clamp(adjustment.counterpartyRisk, 0.0, 1.0),
            std::clamp(adjustment.accountLogOdds / std::log(defaults.accountMaxOddsFactor), 0.0, 1.0),
            double(std::min(adjustment.similarDismissed, defaults.maxSuppressingCases))
                / double(defaults.maxSuppressingCases)};
}

SupervisedModel::SupervisedModel(std::vector<SupervisedRow> rows, const SupervisedOptions& options)
{
    qint64 firstDecision = std::numeric_limits<qint64>::max();
    qint64 lastBooking = std::numeric_limits<qint64>::min();
    for (const SupervisedRow& r : rows) {
        if (r.decided)
            firstDecision = std::min(firstDecision, r.decidedAt);
        lastBooking = std::max(lastBooking, r.bookedAt);
    }
    if (firstDecision == std::numeric_limits<qint64>::max() || options.refitMs <= 0)
        return;
    std::stable_sort(rows.begin(), rows.end(),
                     [](const SupervisedRow& a, const SupervisedRow& b) { return a.bookedAt < b.bookedAt; });
    std::vector<const SupervisedRow*> used;
    std::vector<double> label, weight;
    Vector w = Vector::Zero();
    // Cutoffs on a fixed grid (multiples of refitMs since the epoch), whatever the decisions.
    for (qint64 cutoff = (firstDecision / options.refitMs + 1) * options.refitMs; cutoff <= lastBooking;
         cutoff += options.refitMs) {
        const auto end = std::lower_bound(rows.begin(), rows.end(), cutoff,
                                          [](const SupervisedRow& r, qint64 t) { return r.bookedAt < t; });
        int confirmed = 0, dismissed = 0;
        qint64 undecided = 0;
        for (auto r = rows.begin(); r != end; ++r) {
            if (r->decided && r->decidedAt < cutoff)
                ++(r->fraud ? confirmed : dismissed);
            else if (r->bookedAt <= cutoff - options.reviewDelayMs)
                ++undecided;
        }
        if (confirmed < options.minConfirmed || dismissed < options.minDismissed)
            continue;
        const qint64 stride
            = std::max<qint64>(1, (undecided + options.maxUndecidedRows - 1) / std::max(1, options.maxUndecidedRows));
        used.clear();
        label.clear();
        weight.clear();
        qint64 seen = 0;
        for (auto r = rows.begin(); r != end; ++r) {
            if (r->decided && r->decidedAt < cutoff) {
                used.push_back(&*r);
                label.push_back(r->fraud ? 1.0 : 0.0);
                weight.push_back(1.0);
            } else if (r->bookedAt <= cutoff - options.reviewDelayMs && seen++ % stride == 0) {
                used.push_back(&*r);
                label.push_back(0.0);
                weight.push_back(double(stride));
            }
        }
        // Newton's method on the L2-penalised weighted log-likelihood, from the previous cutoff's weights.
        for (int step = 0; step < kNewtonSteps; ++step) {
            Matrix h = Matrix::Zero();
            Vector g = Vector::Zero();
            for (size_t i = 0; i < used.size(); ++i) {
                const Vector x = inputOf(used[i]->x);
                const double p = logistic(w.dot(x));
                g += weight[i] * (label[i] - p) * x;
                h += weight[i] * std::max(p * (1.0 - p), 1e-12) * x * x.transpose();
            }
            for (int k = 1; k < kParams; ++k) {
                g(k) -= options.l2 * w(k);
                h(k, k) += options.l2;
            }
            h(0, 0) += 1e-9;
            const Vector delta = h.ldlt().solve(g);
            if (!delta.allFinite())
                break;
            w += delta;
            if (delta.norm() < 1e-8)
                break;
        }
        Model m;
        m.cutoff = cutoff;
        for (int k = 0; k < kParams; ++k)
            m.weights[size_t(k)] = w(k);
        m_models.push_back(m);
    }
}

const SupervisedModel::Model* SupervisedModel::modelAt(qint64 bookedAt) const
{
    const auto after = std::upper_bound(m_models.begin(), m_models.end(), bookedAt,
                                        [](qint64 t, const Model& m) { return t < m.cutoff; });
    return after == m_models.begin() ? nullptr : &*(after - 1);
}

double SupervisedModel::probability(const std::array<double, SupervisedRow::kFeatures>& x, qint64 bookedAt) const
{
    const Model* m = modelAt(bookedAt);
    if (!m)
        return -1;
    double z = m->weights[0];
    for (int k = 0; k < SupervisedRow::kFeatures; ++k)
        z += m->weights[size_t(k + 1)] * x[size_t(k)];
    return logistic(z);
}

std::vector<double> SupervisedModel::weightsAt(qint64 bookedAt) const
{
    const Model* m = modelAt(bookedAt);
    return m ? std::vector<double>(m->weights.begin(), m->weights.end()) : std::vector<double>();
}

} // namespace ledgerguard
