// SPDX-License-Identifier: GPL-3.0-or-later
// The risk rule's thresholds stored in the ledger and the re-labelling of stored risks when they change.
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"
#include "util/Text.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace ledgerguard {

namespace {

const QString kThresholdsKey = QStringLiteral("risk_thresholds");

double sixDecimals(double v)
{
    return std::round(v * 1e6) / 1e6;
}

// The SQL risk of `column` under the thresholds bound as (highAbove, mediumFrom).
QString riskCase(const char* column)
{
    return QStringLiteral("CASE WHEN %1 > ? THEN 'HIGH' WHEN %1 >= ? THEN 'MEDIUM' ELSE 'LOW' END")
        .arg(QLatin1String(column));
}

} // namespace

Result<std::optional<RiskThresholds>> Ledger::storedRiskThresholds() const
{
    auto text = meta(kThresholdsKey);
    if (!text)
        return text.status();
    if (text->isEmpty())
        return std::optional<RiskThresholds>();
    const QJsonObject o = QJsonDocument::fromJson(text->toUtf8()).object();
    const RiskThresholds t {o.value(QLatin1String("mediumFrom")).toDouble(-1),
                            o.value(QLatin1String("highAbove")).toDouble(-1)};
    if (!isValid(t))
        return Status::corruption(QStringLiteral("the stored risk thresholds are not valid: %1").arg(*text));
    return std::optional(t);
}

Result<qint64> Ledger::setRiskThresholds(const RiskThresholds& input, const QString& actor)
{
    const RiskThresholds t {sixDecimals(input.mediumFrom), sixDecimals(input.highAbove)};
    if (!(t.mediumFrom > 0 && t.mediumFrom < 1))
        return Status::invalidArgument(QStringLiteral("mediumFrom"), QStringLiteral("must be between 0 and 1"));
    if (!(t.highAbove > t.mediumFrom && t.highAbove < 1))
        return Status::invalidArgument(QStringLiteral("highAbove"),
                                       QStringLiteral("must be above the MEDIUM threshold and below 1"));
    const QString named = normalizedText(actor);
    if (Status s = checkText(actor, QStringLiteral("actor")); !s.isOk())
        return s;
    if (named.isEmpty() || named.size() > kMaxActorLength)
        return Status::invalidArgument(QStringLiteral("actor"),
                                       QStringLiteral("must be 1 to %1 characters").arg(kMaxActorLength));
    const QString who = m_database->recordedActor(named);
    const RiskThresholds before = riskThresholds();
    qint64 transactions = 0;
    qint64 cases = 0;
    QList<qint64> accountIds;
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        const QString tx = riskCase("score");
        QSqlQuery q(db);
        Status s = sql::exec(
            q, QStringLiteral("UPDATE transaction_scores SET risk = %1 WHERE risk IS DISTINCT FROM %1").arg(tx),
            {t.highAbove, t.mediumFrom, t.highAbove, t.mediumFrom}, QStringLiteral("re-label transactions"));
        if (!s.isOk())
            return s;
        transactions = q.numRowsAffected();
        const QString cs = riskCase("score");
        s = sql::exec(
            q,
            QStringLiteral("UPDATE anomalies SET risk = %1 WHERE score IS NOT NULL AND risk IS DISTINCT FROM %1")
                .arg(cs),
            {t.highAbove, t.mediumFrom, t.highAbove, t.mediumFrom}, QStringLiteral("re-label cases"));
        if (!s.isOk())
            return s;
        cases = q.numRowsAffected();
        const QJsonObject stored {{QStringLiteral("mediumFrom"), t.mediumFrom},
                                  {QStringLiteral("highAbove"), t.highAbove}};
        s = sql::run(db,
                     QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                                    "value = excluded.value"),
                     {kThresholdsKey, QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact))},
                     QStringLiteral("store risk thresholds"));
        if (!s.isOk())
            return s;
        s = sql::run(db,
                     QStringLiteral("INSERT INTO audit_log (anomaly_id, transaction_id, at, actor, action, from_value, "
                                    "to_value, note) VALUES (NULL, NULL, ?, ?, 'risk_thresholds', ?, ?, ?)"),
                     {m_clock.nowMs(), who, riskRuleText(before), riskRuleText(t),
                      QStringLiteral("%1 transactions and %2 cases re-labelled").arg(transactions).arg(cases)},
                     QStringLiteral("audit risk thresholds"));
        if (!s.isOk())
            return s;
        auto ids
            = sql::rows(db, QStringLiteral("SELECT id FROM accounts ORDER BY id"), {}, QStringLiteral("list accounts"),
                        [](const QSqlQuery& r) { return r.value(0).toLongLong(); });
        if (!ids)
            return ids.status();
        accountIds = *ids;
        return Status::ok();
    });
    if (!s.isOk())
        return s;
    ledgerguard::setRiskThresholds(t);
    Q_EMIT anomaliesChanged(accountIds);
    return transactions;
}

void Ledger::applyStoredRiskThresholds()
{
    auto stored = storedRiskThresholds();
    if (stored && *stored)
        ledgerguard::setRiskThresholds(**stored);
    else if (!stored)
        qWarning("ledgerguard.ledger: %s", qPrintable(stored.status().toString()));
}

} // namespace ledgerguard
