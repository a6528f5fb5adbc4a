// SPDX-License-Identifier: GPL-3.0-or-later
// The lean read for feature extraction: only the columns the detector needs, counterparties interned, no
// per-row Transaction values.
#include "ledger/Dialect_p.h"
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"
#include "ledger/UnscoredRows.h"

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
    // One row; `score` is null when unscored.
    const auto add = [&](const QString& id, qint64 key, qint64 amount, qint64 timestamp, qint32 category,
                         const QString& counterparty, std::optional<double> score, qint8 risk) {
        out.ids.append(id);
        out.key.push_back(key);
        out.amount.push_back(amount);
        out.timestamp.push_back(timestamp);
        out.category.push_back(category);
        auto it = counterparties.constFind(counterparty);
        if (it == counterparties.cend()) {
            it = counterparties.insert(counterparty, qint32(out.counterparties.size()));
            out.counterparties.append(counterparty);
        }
        out.counterparty.push_back(*it);
        out.score.push_back(score.value_or(std::numeric_limits<double>::quiet_NaN()));
        out.risk.push_back(score ? risk : qint8(-1));
    };
    auto k = sql::kept(*m_database, text, what);
    if (!k)
        return k.status();
    Status s = k->statement != nullptr
        ? sql::visitKeptRows(*k->statement, values, what,
                             [&](const sqlite::Statement& q) {
                                 add(q.text(0), q.int64(7), q.int64(1), q.int64(2), qint32(q.int64(3)), q.text(4),
                                     q.isNull(5) ? std::nullopt : std::optional(q.real(5)), qint8(q.int64(6)));
                                 return true;
                             })
        : sql::forEachRow(k->db, text, values, what, [&](const QSqlQuery& q) {
              add(q.value(0).toString(), q.value(7).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                  qint32(q.value(3).toInt()), q.value(4).toString(),
                  q.isNull(5) ? std::nullopt : std::optional(q.value(5).toDouble()), qint8(q.value(6).toInt()));
          });
    if (!s.isOk())
        return s;
    return out;
}

Result<UnscoredSpan> unscoredTransactionSpan(const Ledger& ledger, qint64 accountId, qint64 afterKey)
{
    const Database& database = *ledger.database();
    const QString what = QStringLiteral("read unscored transactions");
    // While the account's row at afterKey is there with a score, no key at or below it has been freed and given to
    // a new row (that needs every higher key deleted first), so the rows to find are those above it: a walk of the
    // rowid range when fewer rows of the whole table lie above it than the account holds, else of the account's
    // (account_id, timestamp) index, which holds seq. Otherwise the index walk probes transaction_scores per row.
    auto scored = sql::integer(database,
                               QStringLiteral("SELECT count(*) FROM transactions t JOIN transaction_scores s ON "
                                              "s.seq = t.seq WHERE t.seq = ? AND t.account_id = ?"),
                               {afterKey, accountId}, what);
    if (!scored)
        return scored.status();
    const QString accountIndex = sql::dialect(database).indexedBy("transactions_account_time");
    QString text;
    if (*scored == 0) {
        text = QStringLiteral("SELECT count(*), min(t.timestamp), max(t.timestamp), max(t.seq) FROM transactions t%1 "
                              "WHERE t.account_id = ? AND (t.seq > ? OR NOT EXISTS (SELECT 1 "
                              "FROM transaction_scores s WHERE s.seq = t.seq))")
                   .arg(accountIndex);
    } else {
        auto above = sql::integer(database, QStringLiteral("SELECT coalesce(max(seq), 0) - ? FROM transactions"),
                                  {afterKey}, what);
        auto held = sql::integer(database, QStringLiteral("SELECT transaction_count FROM accounts WHERE id = ?"),
                                 {accountId}, what);
        if (!above || !held)
            return !above ? above.status() : held.status();
        text = *above <= *held
            ? QStringLiteral("SELECT count(*), min(t.timestamp), max(t.timestamp), max(t.seq) FROM transactions t "
                             "WHERE +t.account_id = ? AND t.seq > ?")
            : QStringLiteral("SELECT count(*), min(t.timestamp), max(t.timestamp), max(t.seq) FROM transactions t%1 "
                             "WHERE t.account_id = ? AND t.seq > ?")
                  .arg(accountIndex);
    }
    UnscoredSpan span;
    auto k = sql::kept(database, text, what);
    if (!k)
        return k.status();
    Status s = k->statement != nullptr
        ? sql::visitKeptRows(*k->statement, {accountId, afterKey}, what,
                             [&](const sqlite::Statement& q) {
                                 span = {q.int64(0), q.int64(1), q.int64(2), 0, q.int64(3)};
                                 return false;
                             })
        : sql::forEachRow(k->db, text, {accountId, afterKey}, what, [&](const QSqlQuery& q) {
              span = {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), 0,
                      q.value(3).toLongLong()};
          });
    if (!s.isOk())
        return s;
    if (span.count == 0)
        return span;
    auto previous = sql::integer(database,
                                 QStringLiteral("SELECT coalesce(max(timestamp), ?) FROM transactions "
                                                "WHERE account_id = ? AND timestamp < ?"),
                                 {span.fromMs, accountId, span.fromMs}, what, span.fromMs);
    if (!previous)
        return previous.status();
    span.previousMs = *previous;
    return span;
}

} // namespace ledgerguard
