// SPDX-License-Identifier: GPL-3.0-or-later
#include "decisions/Feedback.h"

#include "ledger/Risk.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ledgerguard {

namespace {

// Decisions further back than this many half-lives count for nothing (2^-12 < 0.001).
constexpr double kMaxHalfLives = 12.0;
// At most this many of a counterparty's or an account's latest decisions are summed per transaction; an account's
// evidence saturates long before (1 - exp(-8) > 0.999), a counterparty's rate is settled by then.
constexpr int kMaxEventsSummed = 256;
constexpr double kSaturatedEvidence = 8.0;
// A counterparty's breadth counts the accounts of its confirmed cases decided within this many half-lives.
constexpr double kBreadthHalfLives = 2.0;
constexpr double kUnsaturated = std::numeric_limits<double>::infinity();
constexpr double kLogitEpsilon = 1e-9;

// The forest's own score of a decided transaction: the "forest" entry of its explanation when feedback moved its
// score, else its latest score (NaN when never scored).
double forestScoreOf(const StandingDecision& d)
{
    if (d.explanation.contains(QLatin1String("\"forest\""))) {
        const QJsonArray entries = QJsonDocument::fromJson(d.explanation.toUtf8()).array();
        for (const QJsonValue& v : entries) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("feature")).toString() == feedbackPartKey(FeedbackPart::Forest))
                return o.value(QStringLiteral("value")).toDouble();
        }
    }
    return d.score;
}

// How much a confirmed case says about its counterparty: a fraud the forest scored HIGH on its own is explained by
// something unusual in its account (an amount, an hour, a burst), so it says nothing about the payee; one the forest
// scored LOW (found through feedback, or reported by an analyst as a miss) says the most; MEDIUM in between.
double counterpartyWeight(const StandingDecision& d)
{
    const double forest = forestScoreOf(d);
    if (std::isnan(forest))
        return 1.0;
    return std::clamp((kHighRiskAbove - forest) / (kHighRiskAbove - kMediumRiskFrom), 0.0, 1.0);
}

double logit(double p)
{
    p = std::clamp(p, kLogitEpsilon, 1.0 - kLogitEpsilon);
    return std::log(p / (1.0 - p));
}

double logistic(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

} // namespace

QString feedbackPartKey(FeedbackPart part)
{
    switch (part) {
    case FeedbackPart::CounterpartyFeedback:
        return QStringLiteral("counterparty_feedback");
    case FeedbackPart::AccountFeedback:
        return QStringLiteral("account_feedback");
    case FeedbackPart::Suppression:
        return QStringLiteral("suppression");
    case FeedbackPart::Supervised:
        return QStringLiteral("supervised");
    case FeedbackPart::Forest:
        break;
    }
    return QStringLiteral("forest");
}

Feedback::Feedback(const QList<StandingDecision>& decisions, const FeedbackOptions& options)
    : m_options(options)
    , m_decisionCount(decisions.size())
{
    QList<const StandingDecision*> ordered;
    for (const StandingDecision& d : decisions)
        ordered.append(&d);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const StandingDecision* a, const StandingDecision* b) { return a->decidedAt < b->decidedAt; });
    for (const StandingDecision* p : std::as_const(ordered)) {
        const StandingDecision& d = *p;
        if (d.label == Label::Fraud) {
            // Cases of one account at one counterparty decided within an hour are one incident (a burst of six
            // payments is one fraud), counted with its largest weight: a later case adds only what it weighs more,
            // from its own decision time.
            const double weight = counterpartyWeight(d);
            std::vector<Event>& events = m_counterparties[qMakePair(d.counterparty, d.amount < 0)];
            double incident = 0;
            bool inIncident = false;
            for (auto it = events.rbegin(); it != events.rend() && d.decidedAt - it->decidedAt <= kHourMs; ++it) {
                if (it->accountId == d.accountId) {
                    incident += it->weight;
                    inIncident = true;
                }
            }
            if (inIncident) {
                if (weight > incident)
                    events.push_back({d.decidedAt, weight - incident, d.accountId});
                continue;
            }
            events.push_back({d.decidedAt, weight, d.accountId});
            m_accounts[d.accountId].push_back({d.decidedAt, 1.0, d.accountId});
        } else {
            m_dismissed[qMakePair(d.accountId, d.counterparty)].push_back({d.decidedAt, d.amount, d.anomalyType});
            m_counterpartyDismissed[qMakePair(d.counterparty, d.amount < 0)].push_back({d.decidedAt, 1.0, d.accountId});
        }
    }
}

FeedbackAdjustment Feedback::adjustment(qint64 accountId, const QString& counterparty, qint64 amount, qint64 bookedAt,
                                        double counterpartyShare, const QString& anomalyType) const
{
    FeedbackAdjustment out;
    if (isEmpty())
        return out;
    // The evidence of the events decided strictly before `bookedAt`, each halved per `halfLife`, newest first.
    // Returns the evidence and the number of events summed with at least 1/16 of their weight.
    auto evidence = [&](const std::vector<Event>& events, qint64 halfLife, QList<qint64>* accounts, int* before,
                        double sameAccount, double saturated) {
        const auto end = std::lower_bound(events.begin(), events.end(), bookedAt,
                                          [](const Event& e, qint64 t) { return e.decidedAt < t; });
        *before = int(end - events.begin());
        double sum = 0;
        int summed = 0;
        for (auto it = end; it != events.begin() && summed < kMaxEventsSummed && sum < saturated;) {
            --it;
            const double halfLives = double(bookedAt - it->decidedAt) / double(halfLife);
            if (halfLives > kMaxHalfLives)
                break;
            sum += it->weight * (it->accountId == accountId ? sameAccount : 1.0) * std::exp2(-halfLives);
            ++summed;
            if (accounts && it->weight > 0 && halfLives <= kBreadthHalfLives && !accounts->contains(it->accountId))
                accounts->append(it->accountId);
        }
        return sum;
    };
    qint64 lastUnexplainedFraud = std::numeric_limits<qint64>::min(); // voids earlier dismissals at the payee
    if (auto it = m_counterparties.constFind(qMakePair(counterparty, amount < 0)); it != m_counterparties.cend()) {
        QList<qint64> accounts;
        const double confirmed = evidence(*it, m_options.counterpartyHalfLifeMs, &accounts, &out.counterpartyCases,
                                          m_options.sameAccountWeight, kUnsaturated);
        double dismissed = 0;
        if (auto d = m_counterpartyDismissed.constFind(qMakePair(counterparty, amount < 0));
            d != m_counterpartyDismissed.cend())
            dismissed = evidence(*d, m_options.counterpartyHalfLifeMs, nullptr, &out.counterpartyDismissed, 1.0,
                                 kUnsaturated);
        const double prior = m_options.counterpartyPriorCases
            * (1.0 + m_options.counterpartyShareScale * std::clamp(counterpartyShare, 0.0, 1.0));
        // Fraud at a payee seen from one account is mostly that account's; a compromised payee defrauds several.
        const double breadth = double(accounts.size()) / double(accounts.size() + 1);
        out.counterpartyRisk = confirmed > 0 ? breadth * confirmed / (confirmed + dismissed + prior) : 0.0;
        out.counterpartyAccounts = int(accounts.size());
        if (out.counterpartyRisk == 0) {
            out.counterpartyCases = 0;
            out.counterpartyDismissed = 0;
        }
        for (auto e = std::lower_bound(it->begin(), it->end(), bookedAt,
                                       [](const Event&x, qint64 t) { return x.decidedAt < t; });
             e != it->begin();) {
            --e;
            if (e->weight > 0) {
                lastUnexplainedFraud = e->decidedAt;
                break;
            }
        }
    }
    if (auto it = m_accounts.constFind(accountId); it != m_accounts.cend()) {
        const double e
            = evidence(*it, m_options.accountHalfLifeMs, nullptr, &out.accountCases, 1.0, kSaturatedEvidence);
        out.accountLogOdds = e > 0 ? std::log(m_options.accountMaxOddsFactor) * (1.0 - std::exp(-e)) : 0.0;
        if (out.accountLogOdds == 0)
            out.accountCases = 0;
    }
    if (auto it = m_dismissed.constFind(qMakePair(accountId, counterparty)); it != m_dismissed.cend()) {
        const double band = std::log(m_options.amountBandFactor);
        for (const Dismissal& d : *it) {
            if (d.decidedAt < bookedAt && d.decidedAt > lastUnexplainedFraud
                && (anomalyType.isEmpty() || d.anomalyType.isEmpty() || d.anomalyType == anomalyType)
                && (d.amount < 0) == (amount < 0) && d.amount != 0 && amount != 0
                && std::abs(std::log(double(std::abs(amount)) / double(std::abs(d.amount)))) <= band)
                ++out.similarDismissed;
        }
        out.suppressionLogOdds = std::log(m_options.suppressionOddsFactor)
            * double(std::min(out.similarDismissed, m_options.maxSuppressingCases));
    }
    return out;
}

FeedbackScore Feedback::apply(double forestScore, const FeedbackAdjustment& a, double supervisedProbability)
{
    FeedbackScore out;
    out.forest = std::clamp(forestScore, 0.0, 1.0);
    double s = out.forest;
    if (a.counterpartyRisk > 0) {
        const double raised = 1.0 - (1.0 - s) * (1.0 - std::clamp(a.counterpartyRisk, 0.0, 1.0));
        out.counterparty = raised - s;
        s = raised;
    }
    if (a.accountLogOdds > 0) {
        const double raised = logistic(logit(s) + a.accountLogOdds);
        out.account = std::max(0.0, raised - s);
        s += out.account;
    }
    const double beforeSuppression = s;
    if (a.suppressionLogOdds > 0) {
        const double lowered = logistic(logit(s) - a.suppressionLogOdds);
        out.suppression = std::min(0.0, lowered - s);
        s += out.suppression;
    }
    const double beforeSupervised = s;
    if (supervisedProbability >= 0) {
        out.supervisedProbability = std::clamp(supervisedProbability, 0.0, 1.0);
        out.supervised = std::max(0.0, out.supervisedProbability - s);
        s += out.supervised;
    }
    out.score = std::clamp(s, 0.0, 1.0);
    const Risk risk = riskForScore(out.score);
    if (riskForScore(beforeSupervised) < risk)
        out.spoke = FeedbackPart::Supervised;
    else if (riskForScore(beforeSuppression) > risk)
        out.spoke = FeedbackPart::Suppression;
    else if (riskForScore(out.forest) >= risk)
        out.spoke = FeedbackPart::Forest;
    else if (riskForScore(out.forest + out.counterparty) >= risk)
        out.spoke = FeedbackPart::CounterpartyFeedback;
    else
        out.spoke = FeedbackPart::AccountFeedback;
    return out;
}

QJsonArray Feedback::explanation(const FeedbackScore& score, const FeedbackAdjustment& a, const QString& counterparty)
{
    constexpr double kShown = 0.005;
    const double total = std::max(score.score, 1e-9);
    auto entry = [&](FeedbackPart part, double delta, double value, const QString& text) {
        return QJsonObject {{QStringLiteral("feature"), feedbackPartKey(part)},
                            {QStringLiteral("contribution"), delta / total},
                            {QStringLiteral("value"), value},
                            {QStringLiteral("typical"), 0},
                            {QStringLiteral("text"), text}};
    };
    QList<std::pair<FeedbackPart, QJsonObject>> parts;
    if (score.counterparty > kShown)
        parts.append({FeedbackPart::CounterpartyFeedback,
                      entry(FeedbackPart::CounterpartyFeedback, score.counterparty, a.counterpartyCases,
                            QStringLiteral("confirmed fraud at %1: %2 case(s) in %3 account(s), %4 dismissed, "
                                           "decided before this payment (compromised payee?)")
                                .arg(counterparty)
                                .arg(a.counterpartyCases)
                                .arg(a.counterpartyAccounts)
                                .arg(a.counterpartyDismissed))});
    if (score.account > kShown)
        parts.append({FeedbackPart::AccountFeedback,
                      entry(FeedbackPart::AccountFeedback, score.account, a.accountCases,
                            QStringLiteral("recent confirmed fraud on this account: %1 case(s) before this "
                                           "transaction")
                                .arg(a.accountCases))});
    if (score.supervised > kShown)
        parts.append({FeedbackPart::Supervised,
                      entry(FeedbackPart::Supervised, score.supervised, score.supervisedProbability,
                            QStringLiteral("supervised model: fraud probability %1 from the decided transactions "
                                           "before this one")
                                .arg(score.supervisedProbability, 0, 'f', 2))});
    if (score.suppression < -kShown)
        parts.append({FeedbackPart::Suppression,
                      entry(FeedbackPart::Suppression, score.suppression, a.similarDismissed,
                            QStringLiteral("suppressed: similar to %1 dismissed case(s) (same account, "
                                           "counterparty and amount band)")
                                .arg(a.similarDismissed))});
    QJsonArray out;
    if (parts.isEmpty())
        return out;
    // The part that decided the risk level first, then the forest's own score, then the others.
    for (const auto& [part, o] : std::as_const(parts))
        if (part == score.spoke)
            out.append(o);
    out.append(entry(FeedbackPart::Forest, score.forest, score.forest,
                     QStringLiteral("Isolation Forest score %1 before feedback").arg(score.forest, 0, 'f', 3)));
    for (const auto& [part, o] : std::as_const(parts))
        if (part != score.spoke)
            out.append(o);
    return out;
}

} // namespace ledgerguard
