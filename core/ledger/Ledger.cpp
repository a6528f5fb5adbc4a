// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger's write path. Reads are in LedgerQueries.cpp; the schema in Schema.cpp. These three files are the
// only places in core that hold SQL.
#include "ledger/Ledger.h"

#include "ledger/SqlRows_p.h"
#include "money/Money.h"
#include "util/Ids.h"

#include <QJsonDocument>
#include <QSet>
#include <algorithm>

namespace ledgerguard {

namespace sql {

Status exec(QSqlQuery& q, const QString& text, const QVariantList& values, const QString& what)
{
    if (!q.prepare(text))
        return sqlErrorStatus(q.lastError(), what);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return sqlErrorStatus(q.lastError(), what);
    return Status::ok();
}

WriteTransaction::WriteTransaction(QSqlDatabase& db)
    : m_db(db)
{ }

WriteTransaction::~WriteTransaction()
{
    if (m_open) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK"));
    }
}

Status WriteTransaction::begin()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlErrorStatus(q.lastError(), QStringLiteral("begin transaction"));
    m_open = true;
    return Status::ok();
}

Status WriteTransaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return sqlErrorStatus(q.lastError(), QStringLiteral("commit"));
    m_open = false;
    return Status::ok();
}

} // namespace sql

struct AccountState
{
    QString currency;
    qint64 balance = 0;
};

namespace {

Status validateName(const QString& name)
{
    const QString n = name.trimmed();
    if (n.isEmpty())
        return Status::invalidArgument(QStringLiteral("name"), QStringLiteral("is required"));
    if (n.size() > kMaxAccountNameLength)
        return Status::invalidArgument(QStringLiteral("name"),
                                       QStringLiteral("must be at most %1 characters").arg(kMaxAccountNameLength));
    return Status::ok();
}

Result<AccountState> accountState(QSqlDatabase& db, qint64 accountId)
{
    QSqlQuery q(db);
    Status s = sql::exec(q, QStringLiteral("SELECT currency, balance FROM accounts WHERE id = ?"), {accountId},
                         QStringLiteral("read account"));
    if (!s.isOk())
        return s;
    if (!q.next())
        return Status::notFound(QStringLiteral("account %1 does not exist").arg(accountId));
    return AccountState {q.value(0).toString(), q.value(1).toLongLong()};
}

// The running balance just before (timestamp, id) in the account's order, or 0.
Result<qint64> balanceBefore(QSqlDatabase& db, qint64 accountId, qint64 timestamp, const QString& id)
{
    QSqlQuery q(db);
    Status s = sql::exec(
        q,
        QStringLiteral("SELECT running_balance FROM transactions WHERE account_id = ? AND (timestamp, id) < (?, ?) "
                       "ORDER BY timestamp DESC, id DESC LIMIT 1"),
        {accountId, timestamp, id}, QStringLiteral("read running balance"));
    if (!s.isOk())
        return s;
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

// Recomputes the running balances of the account's transactions from (timestamp, id) on, in one statement.
Status recomputeRunningFrom(QSqlDatabase& db, qint64 accountId, qint64 timestamp, const QString& id)
{
    auto before = balanceBefore(db, accountId, timestamp, id);
    if (!before)
        return before.status();
    QSqlQuery q(db);
    return sql::exec(
        q,
        QStringLiteral("WITH r AS (SELECT id, ? + SUM(amount) OVER (ORDER BY timestamp, id) AS rb FROM transactions "
                       "WHERE account_id = ? AND (timestamp, id) >= (?, ?)) "
                       "UPDATE transactions SET running_balance = r.rb FROM r WHERE transactions.id = r.id"),
        {*before, accountId, timestamp, id}, QStringLiteral("recompute running balances"));
}

Status touchAccount(QSqlDatabase& db, qint64 accountId, qint64 delta, qint64 count, qint64 lastTimestamp, qint64 now)
{
    QSqlQuery q(db);
    return sql::exec(
        q,
        QStringLiteral("UPDATE accounts SET balance = balance + ?, transaction_count = transaction_count + ?, "
                       "is_stale = 1, change_seq = change_seq + 1, "
                       "last_activity = max(coalesce(last_activity, ?), ?), updated_at = ? WHERE id = ?"),
        {delta, count, lastTimestamp, lastTimestamp, now, accountId}, QStringLiteral("update account"));
}

} // namespace

Ledger::Ledger(std::shared_ptr<Database> database, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_clock(clock)
{ }

Ledger::~Ledger() = default;

Result<std::unique_ptr<Ledger>> Ledger::open(const QString& path, const Clock& clock)
{
    auto db = Database::open(path);
    if (!db)
        return db.status();
    return std::make_unique<Ledger>(*db, clock);
}

Result<Account> Ledger::createAccount(const NewAccount& account)
{
    if (Status s = validateName(account.name); !s.isOk())
        return s;
    if (!Money::isKnownCurrency(account.currency))
        return Status::invalidArgument(QStringLiteral("currency"),
                                       QStringLiteral("'%1' is not a known ISO 4217 code").arg(account.currency));
    auto db = m_database->connection();
    if (!db)
        return db.status();
    qint64 id = 0;
    {
        QMutexLocker lock(&m_writeMutex);
        sql::WriteTransaction tx(*db);
        if (Status s = tx.begin(); !s.isOk())
            return s;
        const qint64 now = m_clock.nowMs();
        QSqlQuery q(*db);
        Status s = sql::exec(
            q,
            QStringLiteral(
                "INSERT INTO accounts (name, type, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"),
            {account.name.trimmed(), accountTypeKey(account.type), account.currency, now, now},
            QStringLiteral("create account"));
        if (!s.isOk())
            return s;
        id = q.lastInsertId().toLongLong();
        if (Status c = tx.commit(); !c.isOk())
            return c;
    }
    Q_EMIT accountChanged(id);
    Q_EMIT accountsChanged();
    return this->account(id);
}

Result<Account> Ledger::updateAccount(qint64 id, const QString& name, AccountType type)
{
    if (Status s = validateName(name); !s.isOk())
        return s;
    auto db = m_database->connection();
    if (!db)
        return db.status();
    {
        QMutexLocker lock(&m_writeMutex);
        sql::WriteTransaction tx(*db);
        if (Status s = tx.begin(); !s.isOk())
            return s;
        QSqlQuery q(*db);
        Status s
            = sql::exec(q, QStringLiteral("UPDATE accounts SET name = ?, type = ?, updated_at = ? WHERE id = ?"),
                        {name.trimmed(), accountTypeKey(type), m_clock.nowMs(), id}, QStringLiteral("update account"));
        if (!s.isOk())
            return s;
        if (q.numRowsAffected() != 1)
            return Status::notFound(QStringLiteral("account %1 does not exist").arg(id));
        if (Status c = tx.commit(); !c.isOk())
            return c;
    }
    Q_EMIT accountChanged(id);
    Q_EMIT accountsChanged();
    return account(id);
}

Status Ledger::validate(const NewTransaction& transaction) const
{
    auto db = m_database->connection();
    if (!db)
        return db.status();
    return validateLocked(transaction, *db, m_clock.nowMs(), nullptr);
}

Status Ledger::validateLocked(const NewTransaction& t, QSqlDatabase& db, qint64 now, AccountState* stateOut) const
{
    if (t.accountId <= 0)
        return Status::invalidArgument(QStringLiteral("accountId"), QStringLiteral("is required"));
    auto state = accountState(db, t.accountId);
    if (!state) {
        if (state.status().isNotFound())
            return Status::invalidArgument(QStringLiteral("accountId"),
                                           QStringLiteral("account %1 does not exist").arg(t.accountId));
        return state.status();
    }
    if (stateOut)
        *stateOut = *state;
    if (t.amount == 0)
        return Status::invalidArgument(QStringLiteral("amount"), QStringLiteral("must not be zero"));
    if (t.amount > kMaxAbsAmountMinor || t.amount < -kMaxAbsAmountMinor)
        return Status::invalidArgument(QStringLiteral("amount"),
                                       QStringLiteral("must be within ±%1 minor units").arg(kMaxAbsAmountMinor));
    const QString description = t.description.trimmed();
    if (description.isEmpty())
        return Status::invalidArgument(QStringLiteral("description"), QStringLiteral("is required"));
    if (description.size() > kMaxDescriptionLength)
        return Status::invalidArgument(QStringLiteral("description"),
                                       QStringLiteral("must be at most %1 characters").arg(kMaxDescriptionLength));
    if (!categoryFromKey(t.category))
        return Status::invalidArgument(QStringLiteral("category"),
                                       QStringLiteral("'%1' is not a known category").arg(t.category));
    if (t.counterparty.trimmed().size() > kMaxCounterpartyLength)
        return Status::invalidArgument(QStringLiteral("counterparty"),
                                       QStringLiteral("must be at most %1 characters").arg(kMaxCounterpartyLength));
    if (t.timestamp && *t.timestamp > now + kMaxFutureMs)
        return Status::invalidArgument(QStringLiteral("timestamp"),
                                       QStringLiteral("must not be more than one day in the future"));
    if (t.timestamp && *t.timestamp < 0)
        return Status::invalidArgument(QStringLiteral("timestamp"), QStringLiteral("must not be before 1970"));
    if (!t.id.isEmpty() && !isUuid(t.id))
        return Status::invalidArgument(QStringLiteral("id"), QStringLiteral("must be a UUID"));
    return Status::ok();
}

Result<Transaction> Ledger::addTransaction(const NewTransaction& t)
{
    auto db = m_database->connection();
    if (!db)
        return db.status();
    const qint64 now = m_clock.nowMs();
    Transaction out;
    {
        QMutexLocker lock(&m_writeMutex);
        sql::WriteTransaction tx(*db);
        if (Status s = tx.begin(); !s.isOk())
            return s;
        AccountState state;
        if (Status s = validateLocked(t, *db, now, &state); !s.isOk())
            return s;
        qint64 newBalance = 0;
        if (!checkedAdd(state.balance, t.amount, &newBalance))
            return Status::invalidArgument(QStringLiteral("amount"),
                                           QStringLiteral("the account balance would overflow"));

        out.id = t.id.isEmpty() ? newUuidV7(now) : t.id.toLower();
        out.accountId = t.accountId;
        out.amount = t.amount;
        out.currency = state.currency;
        out.description = t.description.trimmed();
        out.category = *categoryFromKey(t.category);
        out.counterparty = sql::text(t.counterparty.trimmed());
        out.timestamp = t.timestamp.value_or(now);
        out.source = t.source;
        out.createdAt = now;

        auto before = balanceBefore(*db, t.accountId, out.timestamp, out.id);
        if (!before)
            return before.status();
        out.runningBalance = *before + t.amount;

        QSqlQuery q(*db);
        Status s = sql::exec(
            q,
            QStringLiteral("INSERT INTO transactions (id, account_id, amount, description, category, counterparty, "
                           "timestamp, running_balance, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {out.id, out.accountId, out.amount, out.description, t.category, out.counterparty, out.timestamp,
             out.runningBalance, sourceKey(out.source), now},
            QStringLiteral("insert transaction"));
        if (s.isConflict() && s.message().contains(QLatin1String("transactions.id")))
            return Status::conflict(QStringLiteral("a transaction with id %1 already exists").arg(out.id));
        if (!s.isOk())
            return s;
        // A back-dated transaction shifts the running balances of the ones after it.
        s = sql::exec(q,
                      QStringLiteral("UPDATE transactions SET running_balance = running_balance + ? "
                                     "WHERE account_id = ? AND (timestamp, id) > (?, ?)"),
                      {t.amount, t.accountId, out.timestamp, out.id}, QStringLiteral("shift running balances"));
        if (!s.isOk())
            return s;
        if (Status a = touchAccount(*db, t.accountId, t.amount, 1, out.timestamp, now); !a.isOk())
            return a;
        if (!t.injectedLabel.isEmpty()) {
            s = sql::exec(q, QStringLiteral("INSERT INTO injected_labels (transaction_id, anomaly_type) VALUES (?, ?)"),
                          {out.id, t.injectedLabel}, QStringLiteral("store label"));
            if (!s.isOk())
                return s;
        }
        if (Status c = tx.commit(); !c.isOk())
            return c;
    }
    Q_EMIT transactionsAdded({out.id}, {out.accountId});
    Q_EMIT accountChanged(out.accountId);
    return out;
}

namespace {

// Rows per multi-row INSERT on the bulk path: one statement execution (and one trip through Qt's binding code)
// per 50 rows instead of per row. 50 x 10 parameters stays far below SQLite's limit of 32766.
constexpr int kRowsPerInsert = 50;
constexpr int kInsertColumns = 10;

QString insertSql(int rows)
{
    QString sql = QStringLiteral(
        "INSERT INTO transactions (id, account_id, amount, description, category, counterparty, timestamp, "
        "running_balance, source, created_at) VALUES ");
    for (int r = 0; r < rows; ++r)
        sql += r == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return sql;
}

} // namespace

Result<qint64> Ledger::addTransactions(const QList<NewTransaction>& input)
{
    if (input.isEmpty())
        return qint64(0);
    auto db = m_database->connection();
    if (!db)
        return db.status();
    const qint64 now = m_clock.nowMs();

    // Each row's values are computed once (trimmed text, id, timestamp) and the rows are sorted in per-account
    // (timestamp, id) order, so running balances can be computed in memory.
    struct Row
    {
        qsizetype index; // in `input`
        qint64 accountId;
        qint64 timestamp;
        qint64 amount;
        QString id;
        QString description;
        QString counterparty;
    };
    QList<Row> rows;
    rows.reserve(input.size());
    QSet<QString> seenIds;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const NewTransaction& t = input[i];
        Row r {i,
               t.accountId,
               t.timestamp.value_or(now),
               t.amount,
               t.id.isEmpty() ? newUuidV7(now) : t.id.toLower(),
               t.description.trimmed(),
               sql::text(t.counterparty.trimmed())};
        if (!t.id.isEmpty()) {
            if (seenIds.contains(r.id))
                return Status::invalidArgument(QStringLiteral("id"), QStringLiteral("row %1: duplicate id").arg(i));
            seenIds.insert(r.id);
        }
        rows.append(std::move(r));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.accountId != b.accountId)
            return a.accountId < b.accountId;
        if (a.timestamp != b.timestamp)
            return a.timestamp < b.timestamp;
        return a.id < b.id;
    });
    const QString sourceKeys[]
        = {sourceKey(Source::Manual), sourceKey(Source::Generator), sourceKey(Source::Api), sourceKey(Source::Import)};

    QStringList ids;
    QList<qint64> accountIds;
    {
        QMutexLocker lock(&m_writeMutex);
        sql::WriteTransaction tx(*db);
        if (Status s = tx.begin(); !s.isOk())
            return s;

        // Validate every row, in input order, before writing any. The first row of each account goes through
        // validateLocked (one query for the account); the others are checked in memory, and only a failing one
        // is run through validateLocked again to get the exact error.
        QHash<qint64, AccountState> states;
        QList<const Row*> inInputOrder(rows.size());
        for (const Row& r : std::as_const(rows))
            inInputOrder[r.index] = &r;
        for (const Row* row : std::as_const(inInputOrder)) {
            const Row& r = *row;
            const NewTransaction& t = input[r.index];
            const auto rowError = [&](const Status& s) {
                return Status::invalidArgument(s.field(), QStringLiteral("row %1: %2").arg(r.index).arg(s.message()));
            };
            if (!states.contains(r.accountId)) {
                AccountState st;
                if (Status s = validateLocked(t, *db, now, &st); !s.isOk())
                    return s.isInvalidArgument() ? rowError(s) : s;
                states.insert(r.accountId, st);
                continue;
            }
            if (r.amount == 0 || r.amount > kMaxAbsAmountMinor || r.amount < -kMaxAbsAmountMinor
                || r.description.isEmpty() || r.description.size() > kMaxDescriptionLength
                || !categoryFromKey(t.category) || r.counterparty.size() > kMaxCounterpartyLength
                || r.timestamp > now + kMaxFutureMs || r.timestamp < 0 || (!t.id.isEmpty() && !isUuid(t.id))) {
                const Status s = validateLocked(t, *db, now, nullptr);
                return s.isInvalidArgument() ? rowError(s) : s;
            }
        }

        QSqlQuery many(*db);
        QSqlQuery one(*db);
        bool manyPrepared = false;
        bool onePrepared = false;
        QSqlQuery label(*db);
        bool labelPrepared = false;
        const auto insertError = [](const QSqlQuery& q) {
            const Status e = sqlErrorStatus(q.lastError(), QStringLiteral("insert transaction"));
            if (e.isConflict() && e.message().contains(QLatin1String("transactions.id")))
                return Status::conflict(QStringLiteral("a transaction id of the batch already exists"));
            return e;
        };

        const bool keepIds = rows.size() <= kMaxIdsInSignal;
        if (keepIds)
            ids.reserve(rows.size());
        qsizetype i = 0;
        while (i < rows.size()) {
            const qint64 accountId = rows[i].accountId;
            qsizetype end = i;
            while (end < rows.size() && rows[end].accountId == accountId)
                ++end;
            // Is every new row after the account's current last row? Then running balances continue from the
            // balance; otherwise they are recomputed from the earliest new row after the insert.
            QSqlQuery last(*db);
            Status s = sql::exec(last,
                                 QStringLiteral("SELECT timestamp, id FROM transactions WHERE account_id = ? "
                                                "ORDER BY timestamp DESC, id DESC LIMIT 1"),
                                 {accountId}, QStringLiteral("read last transaction"));
            if (!s.isOk())
                return s;
            bool appendOnly = true;
            if (last.next()) {
                const qint64 lastTs = last.value(0).toLongLong();
                const QString lastId = last.value(1).toString();
                appendOnly = rows[i].timestamp > lastTs || (rows[i].timestamp == lastTs && rows[i].id > lastId);
            }
            last.finish();

            qint64 running = states[accountId].balance;
            qint64 delta = 0;
            qsizetype k = i;
            while (k < end) {
                const int chunk = end - k >= kRowsPerInsert ? kRowsPerInsert : 1;
                QSqlQuery& insert = chunk == 1 ? one : many;
                bool& prepared = chunk == 1 ? onePrepared : manyPrepared;
                if (!prepared) {
                    if (!insert.prepare(insertSql(chunk)))
                        return sqlErrorStatus(insert.lastError(), QStringLiteral("prepare insert"));
                    prepared = true;
                }
                for (int c = 0; c < chunk; ++c, ++k) {
                    const Row& r = rows[k];
                    const NewTransaction& t = input[r.index];
                    if (!checkedAdd(running, r.amount, &running) || !checkedAdd(delta, r.amount, &delta))
                        return Status::invalidArgument(
                            QStringLiteral("amount"),
                            QStringLiteral("the balance of account %1 would overflow").arg(accountId));
                    const int p = c * kInsertColumns;
                    insert.bindValue(p, r.id);
                    insert.bindValue(p + 1, accountId);
                    insert.bindValue(p + 2, r.amount);
                    insert.bindValue(p + 3, r.description);
                    insert.bindValue(p + 4, t.category);
                    insert.bindValue(p + 5, r.counterparty);
                    insert.bindValue(p + 6, r.timestamp);
                    insert.bindValue(p + 7, running);
                    insert.bindValue(p + 8, sourceKeys[int(t.source)]);
                    insert.bindValue(p + 9, now);
                    if (keepIds)
                        ids.append(r.id);
                }
                if (!insert.exec())
                    return insertError(insert);
            }
            for (k = i; k < end; ++k) {
                const NewTransaction& t = input[rows[k].index];
                if (t.injectedLabel.isEmpty())
                    continue;
                if (!labelPrepared) {
                    if (!label.prepare(
                            QStringLiteral("INSERT INTO injected_labels (transaction_id, anomaly_type) VALUES (?, ?)")))
                        return sqlErrorStatus(label.lastError(), QStringLiteral("prepare label"));
                    labelPrepared = true;
                }
                label.bindValue(0, rows[k].id);
                label.bindValue(1, t.injectedLabel);
                if (!label.exec())
                    return sqlErrorStatus(label.lastError(), QStringLiteral("store label"));
            }
            if (!appendOnly) {
                if (Status r = recomputeRunningFrom(*db, accountId, rows[i].timestamp, rows[i].id); !r.isOk())
                    return r;
            }
            if (Status a = touchAccount(*db, accountId, delta, end - i, rows[end - 1].timestamp, now); !a.isOk())
                return a;
            accountIds.append(accountId);
            i = end;
        }
        if (Status c = tx.commit(); !c.isOk())
            return c;
    }
    Q_EMIT transactionsAdded(ids, accountIds);
    for (qint64 id : std::as_const(accountIds))
        Q_EMIT accountChanged(id);
    return qint64(input.size());
}

Status Ledger::storeDetectionResults(qint64 accountId, const QList<TransactionScore>& scores,
                                     const QList<Anomaly>& anomalies, std::optional<qint64> clearStaleAtSeq)
{
    auto db = m_database->connection();
    if (!db)
        return db.status();
    const qint64 now = m_clock.nowMs();
    {
        QMutexLocker lock(&m_writeMutex);
        sql::WriteTransaction tx(*db);
        if (Status s = tx.begin(); !s.isOk())
            return s;
        QSqlQuery score(*db);
        if (!score.prepare(QStringLiteral(
                "UPDATE transactions SET anomaly_score = ?, risk = ?, scored_at = ? WHERE id = ? AND account_id = ?")))
            return sqlErrorStatus(score.lastError(), QStringLiteral("prepare score"));
        QSqlQuery drop(*db);
        if (!drop.prepare(QStringLiteral("DELETE FROM anomalies WHERE transaction_id = ? AND status = 'open'")))
            return sqlErrorStatus(drop.lastError(), QStringLiteral("prepare delete"));
        for (const TransactionScore& s : scores) {
            if (!(s.score >= 0.0 && s.score <= 1.0))
                return Status::invalidArgument(QStringLiteral("score"), QStringLiteral("must be within [0, 1]"));
            score.bindValue(0, s.score);
            score.bindValue(1, riskName(s.risk));
            score.bindValue(2, now);
            score.bindValue(3, s.transactionId);
            score.bindValue(4, accountId);
            if (!score.exec())
                return sqlErrorStatus(score.lastError(), QStringLiteral("store score"));
            if (s.risk == Risk::Low) {
                drop.bindValue(0, s.transactionId);
                if (!drop.exec())
                    return sqlErrorStatus(drop.lastError(), QStringLiteral("delete anomaly"));
            }
        }
        QSqlQuery upsert(*db);
        if (!upsert.prepare(QStringLiteral(
                "INSERT INTO anomalies (id, account_id, transaction_id, score, risk, detected_at, anomaly_type, "
                "features, explanation, transaction_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "(SELECT timestamp FROM transactions WHERE id = ? AND account_id = ?)) "
                "ON CONFLICT (transaction_id) DO UPDATE SET score = excluded.score, risk = excluded.risk, "
                "detected_at = excluded.detected_at, anomaly_type = excluded.anomaly_type, "
                "features = excluded.features, explanation = excluded.explanation")))
            return sqlErrorStatus(upsert.lastError(), QStringLiteral("prepare anomaly"));
        for (const Anomaly& a : anomalies) {
            if (a.accountId != accountId)
                return Status::invalidArgument(QStringLiteral("accountId"),
                                               QStringLiteral("anomaly belongs to another account"));
            upsert.bindValue(0, a.id.isEmpty() ? newUuidV7(now) : a.id);
            upsert.bindValue(1, accountId);
            upsert.bindValue(2, a.transactionId);
            upsert.bindValue(3, a.score);
            upsert.bindValue(4, riskName(a.risk));
            upsert.bindValue(5, a.detectedAt ? a.detectedAt : now);
            upsert.bindValue(6, a.anomalyType);
            upsert.bindValue(7, QString::fromUtf8(QJsonDocument(a.features).toJson(QJsonDocument::Compact)));
            upsert.bindValue(8, QString::fromUtf8(QJsonDocument(a.explanation).toJson(QJsonDocument::Compact)));
            upsert.bindValue(9, a.transactionId);
            upsert.bindValue(10, accountId);
            if (!upsert.exec())
                return sqlErrorStatus(upsert.lastError(), QStringLiteral("store anomaly"));
        }
        if (clearStaleAtSeq) {
            QSqlQuery q(*db);
            Status s = sql::exec(q, QStringLiteral("UPDATE accounts SET is_stale = 0 WHERE id = ? AND change_seq = ?"),
                                 {accountId, *clearStaleAtSeq}, QStringLiteral("clear stale flag"));
            if (!s.isOk())
                return s;
        }
        if (Status c = tx.commit(); !c.isOk())
            return c;
    }
    Q_EMIT anomaliesChanged({accountId});
    if (clearStaleAtSeq)
        Q_EMIT accountChanged(accountId);
    return Status::ok();
}

Result<Anomaly> Ledger::setAnomalyStatus(const QString& id, AnomalyStatus status)
{
    auto db = m_database->connection();
    if (!db)
        return db.status();
    qint64 accountId = 0;
    {
        QMutexLocker lock(&m_writeMutex);
        sql::WriteTransaction tx(*db);
        if (Status s = tx.begin(); !s.isOk())
            return s;
        QSqlQuery q(*db);
        Status s = sql::exec(q, QStringLiteral("SELECT account_id FROM anomalies WHERE id = ?"), {id},
                             QStringLiteral("read anomaly"));
        if (!s.isOk())
            return s;
        if (!q.next())
            return Status::notFound(QStringLiteral("anomaly %1 does not exist").arg(id));
        accountId = q.value(0).toLongLong();
        q.finish();
        s = sql::exec(q, QStringLiteral("UPDATE anomalies SET status = ?, status_changed_at = ? WHERE id = ?"),
                      {anomalyStatusKey(status), m_clock.nowMs(), id}, QStringLiteral("update anomaly"));
        if (!s.isOk())
            return s;
        if (Status c = tx.commit(); !c.isOk())
            return c;
    }
    Q_EMIT anomaliesChanged({accountId});
    return anomaly(id);
}

Status Ledger::setMeta(const QString& key, const QString& value)
{
    auto db = m_database->connection();
    if (!db)
        return db.status();
    QMutexLocker lock(&m_writeMutex);
    QSqlQuery q(*db);
    return sql::exec(
        q,
        QStringLiteral(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
        {key, value}, QStringLiteral("store metadata"));
}

} // namespace ledgerguard
