// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"

#include <array>
#include <limits>
#include <vector>

namespace ledgerguard {

struct FeedbackAdjustment;

// The supervised model's settings (docs/DETECTION.md, "Supervised model").
struct SupervisedOptions
{
    // A model is fitted for a cutoff only when at least this many confirmed and this many dismissed cases were
    // decided before it. Default: 20 each.
    int minConfirmed = 20;
    int minDismissed = 20;
    // A transaction booked this long before a cutoff and undecided by it counts as normal (the analysts' review
    // delay: an alert is decided within it, a miss reported within it). Default: 7 days.
    qint64 reviewDelayMs = 7 * kDayMs;
    // Cutoffs every this long (multiples of it since the epoch), from the first after the first decision; a transaction
    // is scored by the model of the latest cutoff not after its booking. Default: 7 days.
    qint64 refitMs = 7 * kDayMs;
    // L2 penalty of the weights (not the intercept), in units of weighted rows. Default: 1.
    double l2 = 1.0;
    // At most this many undecided rows per fit; more are subsampled evenly and weighted up. Default: 20,000.
    int maxUndecidedRows = 20000;
};

// One transaction as the model sees it: its features as at its booking (supervisedFeatures()) and what is known
// about it.
struct SupervisedRow
{
    static constexpr int kFeatures = 4;
    qint64 bookedAt = 0;
    std::array<double, kFeatures> x {};
    bool decided = false;
    qint64 decidedAt = 0; // when decided
    bool fraud = false; // when decided: confirmed (true) or dismissed
};

// The model's inputs for a transaction: logit of its calibrated forest score, its counterparty's decided-fraud risk,
// its account's attention (share of the most) and its similar dismissals (share of the most counted), from
// Feedback::adjustment() at its booking.
std::array<double, SupervisedRow::kFeatures> supervisedFeatures(double forestScore,
                                                                const FeedbackAdjustment& adjustment);

// A logistic model (L2, Newton's method) of "this transaction is fraud" over the whole ledger, refitted at weekly
// cutoffs (issue 12 item 4). The fit for cutoff c uses only what is known at c, as positive-unlabelled data:
// transactions booked before c and confirmed before c are 1; those dismissed before c, and those booked at least
// reviewDelayMs before c and undecided by c, are 0 (never flagged nor reported: normal as far as anyone knows).
// Transactions booked later and undecided are left out. So a decision at T changes only the models of cutoffs after
// T, which score only transactions booked after T. No model exists before enough decisions (SupervisedOptions).
// Thread-safety: const after construction; share freely.
class SupervisedModel
{
public:
    SupervisedModel() = default;
    // `rows` in any order.
    SupervisedModel(std::vector<SupervisedRow> rows, const SupervisedOptions& options = {});

    bool isEmpty() const { return m_models.empty(); }
    qsizetype modelCount() const { return qsizetype(m_models.size()); }
    // The fraud probability of a transaction booked at `bookedAt` with inputs `x`, from the latest cutoff not after
    // `bookedAt`; -1 when there is no such model.
    double probability(const std::array<double, SupervisedRow::kFeatures>& x, qint64 bookedAt) const;
    // The weights (intercept first) of the model that scores `bookedAt`; empty when none.
    std::vector<double> weightsAt(qint64 bookedAt) const;

private:
    struct Model
    {
        qint64 cutoff = 0;
        std::array<double, SupervisedRow::kFeatures + 1> weights {};
    };
    const Model* modelAt(qint64 bookedAt) const;
    std::vector<Model> m_models; // by cutoff
};

} // namespace ledgerguard
