// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Risk.h"
#include "ledger/TransactionColumns.h"

#include <QString>
#include <vector>

namespace ledgerguard {

// One part of a transaction's combined score beside the Isolation Forest: a user's rule that matched or a classic
// audit test that fired (docs/DETECTION.md "Combined score" documents how the parts combine with the forest and
// the analysts' feedback). Each part names itself in the explanation with `text`.
struct ScorePart
{
    enum class Source {
        Rule, // a rule the user wrote (core/rules)
        Test, // a classic audit test (core/audit)
    };
    // What the part does to the combined score. Tests only raise.
    enum class Effect {
        Raise, // raises the score by strength * weight
        Lower, // lowers the score by strength * weight
        Flag, // the transaction's risk is at least `flagRisk`
        Suppress, // no alert for the transaction (its score is still stored)
    };
    Source source = Source::Test;
    Effect effect = Effect::Raise;
    Risk flagRisk = Risk::Low; // for Effect::Flag
    // Stable key: the rule's id, or the test's key ("benford", "duplicate_payment", "round_amount", ...).
    QString key;
    // Shown to the analyst: the rule's name, or the test's name in words.
    QString name;
    // How strongly the part fires, in [0, 1] (1: fully).
    double strength = 0;
    // The part's weight in the combination, in [0, 1] (rules: the rule's effect; tests: the settings' weight).
    double weight = 0;
    // The values that matched, in words ("amount 9,950.00 EUR is within 1 % below the approval limit 10,000.00").
    QString text;
};

// Computes score parts for one account's transactions. Implementations are called by the detection pipeline (on the
// run's thread, its fitting thread or an instant-scoring thread) with the account's rows (all of its transactions in
// booking order, as the pipeline reads them) and the indices to score; they append to out[i] for each scored row i (out
// has rows.size() entries). `rows` holds no descriptions or categories' names; a provider that needs more of a row
// reads it itself, for the `only` rows.
//
// Thread-safety: partsFor may run on any thread, one call at a time per provider object.
class ScorePartProvider
{
public:
    virtual ~ScorePartProvider() = default;
    virtual void partsFor(qint64 accountId, const TransactionColumns& rows, const std::vector<qsizetype>& only,
                          std::vector<std::vector<ScorePart>>& out)
        = 0;
};

} // namespace ledgerguard
