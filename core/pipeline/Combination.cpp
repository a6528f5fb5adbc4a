// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipeline/Combination.h"

#include "audit/AuditScoreParts.h"
#include "rules/RuleBook.h"
#include "util/Ids.h"

#include <QJsonObject>
#include <QMutex>
#include <algorithm>
#include <cmath>

namespace ledgerguard {

namespace {

double logit(double p)
{
    const double q = std::clamp(p, 1e-9, 1.0 - 1e-9);
    return std::log(q / (1.0 - q));
}

double logistic(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

QString sourceKey(ScorePart::Source s)
{
    return s == ScorePart::Source::Rule ? QStringLiteral("rule") : QStringLiteral("test");
}

// The source and name of an entry of Feedback::explanation.
std::pair<QString, QString> feedbackSource(const QString& feature)
{
    if (feature == feedbackPartKey(FeedbackPart::Forest))
        return {QStringLiteral("forest"), QStringLiteral("Isolation Forest")};
    if (feature == feedbackPartKey(FeedbackPart::Supervised))
        return {QStringLiteral("supervised"), QStringLiteral("Supervised model")};
    if (feature == feedbackPartKey(FeedbackPart::CounterpartyFeedback))
        return {QStringLiteral("feedback"), QStringLiteral("Counterparty feedback")};
    if (feature == feedbackPartKey(FeedbackPart::AccountFeedback))
        return {QStringLiteral("feedback"), QStringLiteral("Account feedback")};
    return {QStringLiteral("feedback"), QStringLiteral("Similar dismissed cases")};
}

} // namespace

double flagFloor(Risk risk)
{
    const RiskThresholds t = riskThresholds();
    switch (risk) {
    case Risk::High:
        return (t.highAbove + 1.0) / 2.0;
    case Risk::Medium:
        return (t.mediumFrom + t.highAbove) / 2.0;
    case Risk::Low:
        break;
    }
    return 0;
}

CombinedScore combineScore(const FeedbackScore& base, const std::vector<ScorePart>& parts)
{
    CombinedScore c;
    c.base = base;
    c.deltas.assign(parts.size(), 0.0);
    double score = std::clamp(base.score, 0.0, 1.0);
    double logOdds = logit(score);
    auto move = [&](ScorePart::Effect effect, double sign) {
        for (size_t i = 0; i < parts.size(); ++i) {
            if (parts[i].effect != effect)
                continue;
            const double by = std::clamp(parts[i].strength, 0.0, 1.0) * std::clamp(parts[i].weight, 0.0, 1.0);
            if (by <= 0)
                continue;
            logOdds += sign * kPartLogOdds * by;
            const double next = logistic(logOdds);
            c.deltas[i] = next - score;
            score = next;
        }
    };
    move(ScorePart::Effect::Raise, 1.0);
    const double raised = score;
    move(ScorePart::Effect::Lower, -1.0);
    const Risk beforeFlags = riskForScore(score);
    qsizetype strongestFlag = -1;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].effect == ScorePart::Effect::Suppress)
            c.suppressed = true;
        if (parts[i].effect != ScorePart::Effect::Flag)
            continue;
        const double floor = flagFloor(parts[i].flagRisk);
        if (floor > score) {
            c.deltas[i] = floor - score;
            score = floor;
        }
        if (strongestFlag < 0 || parts[i].flagRisk > parts[size_t(strongestFlag)].flagRisk)
            strongestFlag = qsizetype(i);
    }
    c.score = std::clamp(score, 0.0, 1.0);
    c.risk = riskForScore(c.score);
    const Risk baseRisk = riskForScore(base.score);
    // A flag that reaches the final risk names it (a rule's hit is the reason even where the forest agrees).
    if (strongestFlag >= 0 && (c.risk > beforeFlags || parts[size_t(strongestFlag)].flagRisk >= c.risk)) {
        c.decisive = strongestFlag;
    } else if (c.risk > baseRisk && riskForScore(raised) > baseRisk) {
        // The raise that moved the score most.
        for (size_t i = 0; i < parts.size(); ++i)
            if (parts[i].effect == ScorePart::Effect::Raise
                && (c.decisive < 0 || c.deltas[i] > c.deltas[size_t(c.decisive)]))
                c.decisive = qsizetype(i);
    } else if (c.risk < baseRisk) {
        for (size_t i = 0; i < parts.size(); ++i)
            if (parts[i].effect == ScorePart::Effect::Lower
                && (c.decisive < 0 || c.deltas[i] < c.deltas[size_t(c.decisive)]))
                c.decisive = qsizetype(i);
    }
    if (c.suppressed && c.decisive < 0)
        for (size_t i = 0; i < parts.size() && c.decisive < 0; ++i)
            if (parts[i].effect == ScorePart::Effect::Suppress)
                c.decisive = qsizetype(i);
    return c;
}

QJsonArray combinedExplanation(const CombinedScore& c, const std::vector<ScorePart>& parts,
                               const FeedbackAdjustment& adjustment, const QString& counterparty)
{
    QJsonArray base = Feedback::explanation(c.base, adjustment, counterparty);
    if (parts.empty() && base.isEmpty())
        return base;
    const double total = std::max(c.score, 1e-9);
    QJsonArray out;
    auto partEntry = [&](size_t i) {
        const ScorePart& p = parts[i];
        QString effect;
        switch (p.effect) {
        case ScorePart::Effect::Flag:
            effect = QStringLiteral("flags %1").arg(riskName(p.flagRisk));
            break;
        case ScorePart::Effect::Raise:
            effect = QStringLiteral("raises the score");
            break;
        case ScorePart::Effect::Lower:
            effect = QStringLiteral("lowers the score");
            break;
        case ScorePart::Effect::Suppress:
            effect = QStringLiteral("suppresses the alert");
            break;
        }
        const QString source = sourceKey(p.source);
        QJsonObject o {{QStringLiteral("source"), source},
                       {QStringLiteral("name"), p.name},
                       {source, p.key},
                       {QStringLiteral("feature"), source},
                       {QStringLiteral("contribution"), c.deltas[i] / total},
                       {QStringLiteral("value"), p.weight},
                       {QStringLiteral("typical"), 0},
                       {QStringLiteral("text"),
                        QStringLiteral("%1 \"%2\" %3: %4")
                            .arg(p.source == ScorePart::Source::Rule ? QStringLiteral("rule") : QStringLiteral("test"),
                                 p.name, effect, p.text)}};
        return o;
    };
    if (c.decisive >= 0)
        out.append(partEntry(size_t(c.decisive)));
    bool forest = false;
    for (const QJsonValue& v : std::as_const(base)) {
        QJsonObject o = v.toObject();
        const auto [source, name] = feedbackSource(o.value(QStringLiteral("feature")).toString());
        forest = forest || source == QLatin1String("forest");
        o.insert(QStringLiteral("source"), source);
        o.insert(QStringLiteral("name"), name);
        // Feedback's shares are of its own score; here of the combined one.
        o.insert(QStringLiteral("contribution"),
                 o.value(QStringLiteral("contribution")).toDouble() * c.base.score / total);
        out.append(o);
    }
    if (!forest)
        out.append(QJsonObject {
            {QStringLiteral("source"), QStringLiteral("forest")},
            {QStringLiteral("name"), QStringLiteral("Isolation Forest")},
            {QStringLiteral("feature"), feedbackPartKey(FeedbackPart::Forest)},
            {QStringLiteral("contribution"), c.base.forest / total},
            {QStringLiteral("value"), c.base.forest},
            {QStringLiteral("typical"), 0},
            {QStringLiteral("text"), QStringLiteral("Isolation Forest score %1").arg(c.base.forest, 0, 'f', 3)}});
    for (size_t i = 0; i < parts.size(); ++i)
        if (qsizetype(i) != c.decisive)
            out.append(partEntry(i));
    return out;
}

QString combinedAnomalyType(const CombinedScore& c, const std::vector<ScorePart>& parts, const QString& forestType)
{
    if (c.decisive < 0 || parts[size_t(c.decisive)].effect == ScorePart::Effect::Lower
        || parts[size_t(c.decisive)].effect == ScorePart::Effect::Suppress)
        return forestType;
    const ScorePart& p = parts[size_t(c.decisive)];
    return p.source == ScorePart::Source::Rule ? QStringLiteral("rule") : p.key;
}

Result<QStringList> storeFlagsWithoutModel(Ledger& ledger, const Account& account, const TransactionColumns& rows,
                                           const std::vector<qsizetype>& only,
                                           const std::vector<std::vector<ScorePart>>& parts)
{
    QList<Anomaly> anomalies;
    QStringList newHigh;
    const qint64 now = ledger.clock().nowMs();
    for (qsizetype i : only) {
        const size_t r = size_t(i);
        if (r >= parts.size() || parts[r].empty())
            continue;
        FeedbackScore none;
        const CombinedScore c = combineScore(none, parts[r]);
        if (c.risk == Risk::Low || c.suppressed)
            continue;
        Anomaly a;
        a.id = newUuidV7(now);
        a.accountId = account.id;
        a.transactionId = rows.ids[i];
        a.score = c.score;
        a.risk = c.risk;
        a.detectedAt = now;
        a.anomalyType = combinedAnomalyType(c, parts[r], QStringLiteral("rule"));
        const QJsonArray entries = combinedExplanation(c, parts[r], {}, QString());
        for (const QJsonValue& v : entries)
            if (v.toObject().value(QStringLiteral("source")).toString() != QLatin1String("forest"))
                a.explanation.append(v);
        anomalies.append(a);
        if (a.risk == Risk::High && rows.risk[r] != qint8(Risk::High))
            newHigh.append(a.transactionId);
    }
    if (anomalies.isEmpty())
        return newHigh;
    if (Status s = ledger.storeDetectionResults(account.id, {}, anomalies, std::nullopt, QStringLiteral("rules"));
        !s.isOk())
        return s;
    return newHigh;
}

std::vector<std::shared_ptr<ScorePartProvider>> defaultScorePartProviders(Ledger& ledger)
{
    return {std::make_shared<rules::RuleScorer>(ledger), std::make_shared<AuditScorePartProvider>(ledger)};
}

std::vector<std::vector<ScorePart>> scoreParts(const std::vector<std::shared_ptr<ScorePartProvider>>& providers,
                                               qint64 accountId, const TransactionColumns& rows,
                                               const std::vector<qsizetype>& only)
{
    std::vector<std::vector<ScorePart>> out;
    if (providers.empty())
        return out;
    out.resize(size_t(rows.size()));
    std::vector<qsizetype> indices = only;
    if (indices.empty()) {
        indices.resize(size_t(rows.size()));
        for (qsizetype i = 0; i < rows.size(); ++i)
            indices[size_t(i)] = i;
    }
    // ScoreParts.h: one call at a time per provider, while a detection run and instant scoring may both be scoring.
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    for (const auto& provider : providers)
        if (provider)
            provider->partsFor(accountId, rows, indices, out);
    return out;
}

} // namespace ledgerguard
