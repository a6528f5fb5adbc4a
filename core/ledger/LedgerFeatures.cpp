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
    key.push_back(0);
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
        QString categoryCase = QStringLiteral("CASE t.category");
        for (Category c : allCategories())
            categoryCase += QStringLiteral(" WHEN '%1' THEN %2").arg(categoryKey(c)).arg(int(c));
        categoryCase += QStringLiteral(" ELSE %1 END").arg(int(Category::Other));
        return QStringLiteral("SELECT t.id, t.amount, t.timestamp, %1, t.counterparty, s.score, CASE s.risk WHEN "
                              "'LOW' THEN %2 WHEN 'MEDIUM' THEN %3 WHEN 'HIGH' THEN %4 ELSE -1 END, t.seq "
                              "FROM transactions t LEFT JOIN transaction_scores s ON s.seq = t.seq "
                              "WHERE t.account_id = ?")
            .arg(categoryCase)
            .arg(int(Risk::Low))
            .arg(int(Risk::Medium))
            .arg(int(Risk::High));
    }();
    QString text = select;
    QVariantList values {accountId};
    if (fromMs) {
        text += QStringLiteral(" AND t.timestamp >= ?");
        values.append(*fromMs);
    }
    if (toMs) {
        text += QStringLiteral(" AND t.timestamp < ?");
        values.append(*toMs);
    }
    text += QStringLiteral(" ORDER BY t.timestamp, t.id");
    TransactionColumns out;
    QHash<QString, qint32> counterparties;
    const QString what = QStringLiteral("read transaction columns");
    auto db = m_database->connection();
    if (!db)
        return db.status();
    auto statement = sql::cached(*db, text, what);
    if (!statement)
        return statement.status();
    if (sqlite::Statement* st = *statement) {
        // The kept statement, columns read without a QVariant each.
        st->bindAll(values);
        for (;;) {
            auto row = st->next(what);
            if (!row)
                return row.status();
            if (!*row)
                break;
            out.ids.append(st->text(0));
            out.amount.push_back(st->int64(1));
            out.timestamp.push_back(st->int64(2));
            out.category.push_back(qint32(st->int64(3)));
            const QString cp = st->text(4);
            auto it = counterparties.constFind(cp);
            if (it == counterparties.cend()) {
                it = counterparties.insert(cp, qint32(out.counterparties.size()));
                out.counterparties.append(cp);
            }
            out.counterparty.push_back(*it);
            const bool scored = !st->isNull(5);
            out.score.push_back(scored ? st->real(5) : std::numeric_limits<double>::quiet_NaN());
            out.risk.push_back(scored ? qint8(st->int64(6)) : qint8(-1));
            out.key.push_back(st->int64(7));
        }
        return out;
    }
    Status s = sql::forEachRow(*db, text, values, what, [&](const QSqlQuery& q) {
        out.ids.append(q.value(0).toString());
        out.key.push_back(q.value(7).toLongLong());
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
