// SPDX-License-Identifier: GPL-3.0-or-later
// The lean read for feature extraction: only the columns the detector needs, counterparties interned, no
// per-row Transaction values.
#include "ledger/Dialect_p.h"
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"
#include "ledger/UnscoredRows.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ledgerguard {

namespace {

// Interns counterparty names into `names` (TransactionColumns::counterparties) by their UTF-8 bytes as read, so that
// a name seen before costs no QString.
class CounterpartyNames
{
public:
    explicit CounterpartyNames(QStringList& names)
        : m_names(names)
    { }

    qint32 index(std::string_view utf8)
    {
        if (const auto it = m_index.find(utf8); it != m_index.end())
            return it->second;
        return add(std::string(utf8), QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
    }
    qint32 index(const QString& name)
    {
        const QByteArray utf8 = name.toUtf8();
        const std::string_view view(utf8.constData(), size_t(utf8.size()));
        if (const auto it = m_index.find(view); it != m_index.end())
            return it->second;
        return add(std::string(view), name);
    }

private:
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    qint32 add(std::string utf8, const QString& name)
    {
        const qint32 at = qint32(m_names.size());
        m_names.append(name);
        m_index.emplace(std::move(utf8), at);
        return at;
    }

    QStringList& m_names;
    std::unordered_map<std::string, qint32, Hash, std::equal_to<>> m_index;
};

// Rows read in timestamp order, those of one time in any order, into (timestamp, id) order: each run of equal
// timestamps is sorted by id (ids compare as SQLite's BINARY collation does for the ASCII ids the ledger issues).
void putTiesInIdOrder(TransactionColumns& rows)
{
    const qsizetype n = rows.size();
    std::vector<qsizetype> order;
    for (qsizetype from = 0; from < n;) {
        qsizetype to = from + 1;
        while (to < n && rows.timestamp[size_t(to)] == rows.timestamp[size_t(from)])
            ++to;
        // Ids issued in time order (UUID v7) are mostly in seq order already: checked before sorting.
        if (to - from > 1 && !std::is_sorted(rows.ids.cbegin() + from, rows.ids.cbegin() + to)) {
            order.resize(size_t(to - from));
            for (qsizetype i = from; i < to; ++i)
                order[size_t(i - from)] = i;
            std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return rows.ids[a] < rows.ids[b]; });
            const auto permute = [&](auto& column) {
                std::vector<std::decay_t<decltype(column[0])>> copy;
                for (qsizetype i : order)
                    copy.push_back(column[i]);
                for (qsizetype i = from; i < to; ++i)
                    column[i] = copy[size_t(i - from)];
            };
            permute(rows.ids);
            permute(rows.key);
            permute(rows.amount);
            permute(rows.category);
            permute(rows.counterparty);
            permute(rows.score);
            permute(rows.risk);
        }
        from = to;
    }
}

} // namespace

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
    // The (account_id, timestamp) index gives the rows in timestamp order, rows of the same time in seq order; the
    // ties are put in id order afterwards (putTiesInIdOrder), which spares SQLite sorting the whole read.
    text += QStringLiteral(" ORDER BY t.timestamp");
    TransactionColumns out;
    CounterpartyNames counterparties(out.counterparties);
    const QString what = QStringLiteral("read transaction columns");
    // One row; `score` is null when unscored.
    const auto add = [&](const QString& id, qint64 key, qint64 amount, qint64 timestamp, qint32 category,
                         qint32 counterparty, std::optional<double> score, qint8 risk) {
        out.ids.append(id);
        out.key.push_back(key);
        out.amount.push_back(amount);
        out.timestamp.push_back(timestamp);
        out.category.push_back(category);
        out.counterparty.push_back(counterparty);
        out.score.push_back(score.value_or(std::numeric_limits<double>::quiet_NaN()));
        out.risk.push_back(score ? risk : qint8(-1));
    };
    auto k = sql::kept(*m_database, text, what);
    if (!k)
        return k.status();
    Status s = k->statement != nullptr
        ? sql::visitKeptRows(*k->statement, values, what,
                             [&](const sqlite::Statement& q) {
                                 const QByteArrayView name = q.utf8(4);
                                 add(q.text(0), q.int64(7), q.int64(1), q.int64(2), qint32(q.int64(3)),
                                     counterparties.index(std::string_view(name.data(), size_t(name.size()))),
                                     q.isNull(5) ? std::nullopt : std::optional(q.real(5)), qint8(q.int64(6)));
                                 return true;
                             })
        : sql::forEachRow(k->db, text, values, what, [&](const QSqlQuery& q) {
              add(q.value(0).toString(), q.value(7).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                  qint32(q.value(3).toInt()), counterparties.index(q.value(4).toString()),
                  q.isNull(5) ? std::nullopt : std::optional(q.value(5).toDouble()), qint8(q.value(6).toInt()));
          });
    if (!s.isOk())
        return s;
    putTiesInIdOrder(out);
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

Result<QString> caseIdForTransaction(const Ledger& ledger, const QString& transactionId)
{
    const QString text = QStringLiteral("SELECT id FROM anomalies WHERE transaction_id = ?");
    const QString what = QStringLiteral("read case id");
    const QVariantList values {transactionId.toLower()};
    std::optional<QString> id;
    auto k = sql::kept(*ledger.database(), text, what);
    if (!k)
        return k.status();
    Status s = k->statement != nullptr
        ? sql::visitKeptRows(*k->statement, values, what,
                             [&](const sqlite::Statement& q) {
                                 id = q.text(0);
                                 return false;
                             })
        : sql::forEachRow(k->db, text, values, what, [&](const QSqlQuery& q) { id = q.value(0).toString(); });
    if (!s.isOk())
        return s;
    if (!id)
        return Status::notFound(QStringLiteral("transaction %1 has no case").arg(transactionId));
    return *id;
}

} // namespace ledgerguard
