// SPDX-License-Identifier: GPL-3.0-or-later
// The lean read for feature extraction: only the columns the detector needs, counterparties interned, no
// per-row Transaction values.
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
    // Category and risk come back as integers (a CASE over the keys): two strings fewer to convert per row. The
    // text is the same on every call: built once.
    static const QString select = [] {
        QString categoryCase = QStringLiteral("CASE category");
        for (Category c : allCategories())
            categoryCase += QStringLiteral(" WHEN '%1' THEN %2").arg(categoryKey(c)).arg(int(c));
        categoryCase += QStringLiteral(" ELSE %1 END").arg(int(Category::Other));
        return QStringLiteral("SELECT id, amount, timestamp, %1, counterparty, anomaly_score, CASE risk WHEN "
                              "'LOW' THEN %2 WHEN 'MEDIUM' THEN %3 WHEN 'HIGH' THEN %4 ELSE -1 END "
                              "FROM transactions WHERE account_id = ?")
            .arg(categoryCase)
            .arg(int(Risk::Low))
            .arg(int(Risk::Medium))
            .arg(int(Risk::High));
    }();
    QString text = select;
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
    TransactionColumns out;
    QHash<QString, qint32> counterparties;
    Status s = sql::forEachRow(
        *m_database, text, values, QStringLiteral("read transaction columns"), [&](const QSqlQuery& q) {
            out.ids.append(q.value(0).toString());
            out.amount.push_back(q.value(1).toLongLong());
            out.timestamp.push_back(q.value(2).toLongLong());
            out.category.push_back(q.value(3).toInt());
            const QString cp = q.value(4).toString();
            auto it = counterparties.constFind(cp);
            if (it == counterparties.cend()) {
                it = counterparties.insert(cp, qint32(out.counterparties.size()));
                out.counterparties.append(cp);
            }
            out.counterparty.push_back(*it);
            const QVariant score = q.value(5);
            out.score.push_back(score.isNull() ? std::numeric_limits<double>::quiet_NaN() : score.toDouble());
            out.risk.push_back(score.isNull() ? qint8(-1) : qint8(q.value(6).toInt()));
        });
    if (!s.isOk())
        return s;
    return out;
}

} // namespace ledgerguard
