// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <vector>

namespace ledgerguard {

// How strongly analysts' decisions move later scores (docs/DETECTION.md, "Feedback").
struct FeedbackOptions
{
    // Confirmed fraud at a counterparty counts half as much this much later. Default: 14 days.
    qint64 counterpartyHalfLifeMs = 14 * kDayMs;
    // A counterparty's risk is its decided-fraud rate C / (C + D + prior), C the weighted, decayed confirmed
    // cases at it and D its decayed dismissed cases (any account), `prior` this many cases times the volume factor
    // of adjustment(). Default: 1 (one fresh case the forest could not explain and nothing dismissed: 0.5).
    double counterpartyPriorCases = 1.0;
    // See adjustment(). Default: 20.
    double counterpartyShareScale = 20;
    // Confirmed fraud at the counterparty in the same account counts this much (fraud seen from other accounts is
    // what marks a compromised payee; the account's own is mostly the account's). Default: 0.25.
    double sameAccountWeight = 0.25;
    // Confirmed fraud on an account counts half as much this much later. Default: 7 days.
    qint64 accountHalfLifeMs = 7 * kDayMs;
    // The most an account's recent confirmed fraud multiplies the odds of its later transactions. Default: 1.1
    // (larger factors lifted the usual transactions of every account with confirmed cases above injected rapid
    // bursts in `ledgerguard evaluate --feedback`).
    double accountMaxOddsFactor = 1.1;
    // Each similar dismissed case divides the odds of a later alert by this factor, up to
    // `maxSuppressingCases` cases. Default: e (one dismissal: MEDIUM 0.6 becomes 0.36).
    double suppressionOddsFactor = 2.718281828459045;
    int maxSuppressingCases = 4;
    // Amounts within this factor of a dismissed case's amount (same sign) are in its amount band. Default: 1.5.
    double amountBandFactor = 1.5;
};

// The part of the scoring that decided an anomaly's risk level, named in its explanation.
enum class FeedbackPart { Forest, CounterpartyFeedback, AccountFeedback, Suppression, Supervised };
// "forest", "counterparty_feedback", "account_feedback", "suppression", "supervised"
QString feedbackPartKey(FeedbackPart part);

// What the decisions made before a transaction was booked say about it.
struct FeedbackAdjustment
{
    // Decided cases at the transaction's counterparty in the same direction (paid or received), in any account: the
    // chance the counterparty is compromised, its decided-fraud rate C / (C + D + prior) where each confirmed case adds
    // its weight to C (1 when the forest could not explain it, down to 0 when the forest scored it HIGH on its own) and
    // each dismissed case 1 to D, all halved per counterpartyHalfLifeMs.
    double counterpartyRisk = 0;
    int counterpartyCases = 0; // confirmed cases at the counterparty decided before the booking
    int counterpartyAccounts = 0; // accounts they were booked in
    int counterpartyDismissed = 0; // dismissed cases at the counterparty decided before the booking
    // Recent confirmed fraud on the account: log of the odds factor, in [0, ln accountMaxOddsFactor].
    double accountLogOdds = 0;
    int accountCases = 0;
    // Dismissed cases of the same kind, account, counterparty and amount band decided after the counterparty's latest
    // confirmed case the forest could not explain (a later fraud at the payee voids earlier "normal" verdicts on
    // it): log of the odds divisor.
    double suppressionLogOdds = 0;
    int similarDismissed = 0;

    bool isEmpty() const { return counterpartyRisk == 0 && accountLogOdds == 0 && suppressionLogOdds == 0; }
};

// A forest score with decisions applied, and how each part moved it (score differences, summing to
// score - forest).
struct FeedbackScore
{
    double forest = 0;
    double score = 0; // in [0, 1]; its risk is riskForScore(score)
    double counterparty = 0; // >= 0
    double account = 0; // >= 0
    double suppression = 0; // <= 0
    double supervised = 0; // >= 0: the supervised probability above the score before it
    double supervisedProbability = -1; // SupervisedModel::probability(); -1 when no model scored it
    FeedbackPart spoke = FeedbackPart::Forest;
};

// Learning from analysts' decisions (issue 12): pure logic over the standing decisions (Ledger::standingDecisions), no
// SQL. Causal: a decision affects only transactions booked after its decidedAt, so scoring a replayed history
// with the decisions of today gives every transaction the score it had when it was booked. Reversible: a reopened
// case is no decision, and its effect is gone at the next scoring.
//  - Confirmed fraud at a counterparty raises that counterparty's later transactions in every account (a
//    compromised merchant or payee, which the per-account forest cannot see) as a rate: dismissed cases at the
//    counterparty lower it, so a busy payee with chance alerts is told apart from a compromised one:
//    score = 1 - (1 - forest)(1 - risk).
//  - Recent confirmed fraud on an account multiplies the odds of its later transactions, decaying.
//  - Dismissed cases lower later alerts of the same kind, account, counterparty and amount band (odds divided per
//    case).
// Thread-safety: const after construction; share freely.
class Feedback
{
public:
    Feedback() = default;
    explicit Feedback(const QList<StandingDecision>& decisions, const FeedbackOptions& options = {});

    bool isEmpty() const { return m_decisionCount == 0; }
    qsizetype decisionCount() const { return m_decisionCount; }

    // `counterpartyShare`: the counterparty's share of the account's transactions (0..1); the prior of the
    // counterparty's rate is counterpartyPriorCases x (1 + counterpartyShareScale x share) cases, since a payee the
    // account pays all the time holds more chance alerts.
    // `anomalyType`: the kind of alert the forest makes of the transaction (anomalyTypeKey() of its top feature);
    // only dismissed cases of that kind suppress it (a dismissed unusual hour says nothing about a burst). Empty:
    // dismissed cases of any kind.
    FeedbackAdjustment adjustment(qint64 accountId, const QString& counterparty, qint64 amount, qint64 bookedAt,
                                  double counterpartyShare = 0, const QString& anomalyType = QString()) const;
    // Applies `adjustment` to a calibrated forest score (in [0, 1]), then the supervised model's probability when
    // given (>= 0, SupervisedModel): score = max(adjusted score, probability), so the model raises a transaction it
    // finds likelier fraud than the adjusted score says, and never lowers one.
    static FeedbackScore apply(double forestScore, const FeedbackAdjustment& adjustment,
                               double supervisedProbability = -1);
    // Explanation entries {feature, contribution, value, typical, text} for the parts that moved the score by more
    // than 0.005 ("suppressed: similar to 3 dismissed cases"); `feature` is a feedbackPartKey(), `contribution`
    // the part's share of the final score (negative for suppression), `value` its number of cases.
    static QJsonArray explanation(const FeedbackScore& score, const FeedbackAdjustment& adjustment,
                                  const QString& counterparty);

private:
    struct Event
    {
        qint64 decidedAt = 0;
        double weight = 0;
        qint64 accountId = 0;
    };
    struct Dismissal
    {
        qint64 decidedAt = 0;
        qint64 amount = 0;
        QString anomalyType;
    };
    FeedbackOptions m_options;
    qsizetype m_decisionCount = 0;
    // By counterparty and direction (payments to it, or money from it: a compromised payee says nothing about
    // receipts from the same name), in decidedAt order: confirmed and dismissed cases.
    QHash<QPair<QString, bool>, std::vector<Event>> m_counterparties;
    QHash<QPair<QString, bool>, std::vector<Event>> m_counterpartyDismissed;
    QHash<qint64, std::vector<Event>> m_accounts; // confirmed, by account
    QHash<QPair<qint64, QString>, std::vector<Dismissal>> m_dismissed; // by (account, counterparty)
};

} // namespace ledgerguard
