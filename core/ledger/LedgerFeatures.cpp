// SPDX-License-Identifier: GPL-3.0-or-later
// The lean read for feature extraction: only the columns the detector needs, counterparties interned, no
// per-row Transaction values (accountHistory() reads 13 columns and several strings per row).
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"

#include <cmath>
#include <limits>

namespace ledgerguard {

void TransactionColumns::append(const QString& id, qint64 amountMinor, qint64 timestampMs, qint32 categoryValue,
                                const QString& counterpartyName)
{
    qsizetype cp = counterparties.indexOf(counterpartyName);
    if (cp < 0) {
        cp = counterparties.size();
        counterparties.append(counterpartyName);
    }
    ids.append(id);
    amount.push_back(amountMinor);
    timestamp.push_back(timestampMs);
    category.push_back(categoryValue);
    counterparty.push_back(qint32(cp));
    score.push_back(std::numeric_limits<double>::quiet_NaN());
    risk.push_back(-1);
}

Result<TransactionColumns> Ledger::transactionColumns(qint64 accountId, std::optional<qint64> fromMs,
                                                      std::optional<qint64> toMs) const
{
    auto db = m_database->connection();
    if (!db)
        return db.status();
    QSqlQuery q(*db);
    q.setForwardOnly(true);
    QString text = QStringLiteral("SELECT id, amount, timestamp, category, counterparty, anomaly_score, risk "
                                  "FROM transactions WHERE account_id = ?");
    QVariantList values {accountId};
    if (fromMs) {
        text += QStringLiteral(" AND timestamp >= ?");
        values.append(*fromMs);
    }
    if (toMs) {
        text += QStringLiteral(" AND timestamp < ?");
        values.append(*toMs);
    }
    text += QStringLiteral(" ORDER BY timestamp, id");
    Status s = sql::exec(q, text, values, QStringLiteral("read transaction columns"));
    if (!s.isOk())
        return s;

    TransactionColumns out;
    QHash<QString, qint32> categories;
    for (Category c : allCategories())
        categories.insert(categoryKey(c), qint32(c));
    QHash<QString, qint32> counterparties;
    while (q.next()) {
        out.ids.append(q.value(0).toString());
        out.amount.push_back(q.value(1).toLongLong());
        out.timestamp.push_back(q.value(2).toLongLong());
        out.category.push_back(categories.value(q.value(3).toString(), qint32(Category::Other)));
        const QString cp = q.value(4).toString();
        auto it = counterparties.constFind(cp);
        if (it == counterparties.cend()) {
            it = counterparties.insert(cp, qint32(out.counterparties.size()));
            out.counterparties.append(cp);
        }
        out.counterparty.push_back(*it);
        const QVariant score = q.value(5);
        if (score.isNull()) {
            out.score.push_back(std::numeric_limits<double>::quiet_NaN());
            out.risk.push_back(-1);
        } else {
            out.score.push_back(score.toDouble());
            out.risk.push_back(qint8(riskFromName(q.value(6).toString()).value_or(Risk::Low)));
        }
    }
    if (q.lastError().isValid())
        return sqlErrorStatus(q.lastError(), QStringLiteral("read transaction columns"));
    return out;
}

} // namespace ledgerguard
