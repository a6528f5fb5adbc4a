// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger's write path. The imports are in LedgerImport.cpp, account closing and reversals in LedgerLifecycle.cpp,
// detection results, cases and their audit trail in LedgerCases.cpp, the reads in LedgerQueries.cpp,
// LedgerFeatures.cpp and LedgerModels.cpp, the risk thresholds in LedgerRisk.cpp, the schema in Schema.cpp and the
// connection pragmas in Database.cpp: these ten files are the only places in core that hold SQL.
#include "ledger/Ledger.h"

#include "ledger/ChangeFeed_p.h"
#include "ledger/Dialect_p.h"
#include "ledger/Schema.h"
#include "ledger/SqlRows_p.h"
#include "ledger/SqliteApi_p.h"
#include "money/Money.h"
#include "util/Ids.h"
#include "util/Text.h"

#include <QJsonDocument>
#include <QSet>
#include <algorithm>
#include <array>

namespace ledgerguard {

namespace sql {

Status prepare(QSqlQuery& q, const QString& text, const QString& what)
{
    if (!q.prepare(text))
        return sqlErrorStatus(q.lastError(), what);
    return Status::ok();
}

Status execPrepared(QSqlQuery& q, const QVariantList& values, const QString& what)
{
    // PostgreSQL has no implicit cast from boolean to the integer columns that hold flags: a bool binds as 0 or 1
    // there, as SQLite stores it.
    const bool postgres = engineOf(q.driver()) == Engine::Postgres;
    for (int i = 0; i < values.size(); ++i) {
        if (postgres && values[i].typeId() == QMetaType::Bool)
            q.bindValue(i, qint64(values[i].toBool()));
        else
            q.bindValue(i, values[i]);
    }
    if (!q.exec())
        return sqlErrorStatus(q.lastError(), what);
    return Status::ok();
}

Status exec(QSqlQuery& q, const QString& text, const QVariantList& values, const QString& what)
{
    // PostgreSQL prepares only queries and data changes (not BEGIN, SET, ...): a statement without values runs as it
    // is.
    if (values.isEmpty() && engineOf(q.driver()) == Engine::Postgres) {
        if (!q.exec(text))
            return sqlErrorStatus(q.lastError(), what);
        return Status::ok();
    }
    if (Status s = prepare(q, text, what); !s.isOk())
        return s;
    return execPrepared(q, values, what);
}

Result<sqlite::Statement*> cached(const QSqlDatabase& db, const QString& text, const QString& what)
{
    sqlite3* handle = sqlite::nativeHandle(db);
    if (handle == nullptr)
        return static_cast<sqlite::Statement*>(nullptr);
    return sqlite::cachedStatement(db, handle, text, what);
}

Result<KeptStatement> kept(const Database& database, const QString& text, const QString& what)
{
    auto db = database.connection();
    if (!db)
        return db.status();
    auto statement = cached(*db, text, what);
    if (!statement)
        return statement.status();
    return KeptStatement {*db, *statement};
}

QueryScope::~QueryScope()
{
    if (m_kept != nullptr) {
        // The rows a caller left unread are read to their end (as a query's destructor would), so the connection
        // is free and the server's statement ends now, not at this thread's next statement.
        QSqlQuery& q = m_kept->query;
        while (q.isActive() && q.next()) { }
        q.finish();
        m_kept->inUse = false;
    }
}

Status QueryScope::exec(const QString& text, const QVariantList& values, const QString& what)
{
    if (!values.isEmpty() && engineOf(m_db) == Engine::Postgres)
        m_kept = sqlite::cachedQtQuery(m_db, text);
    if (m_kept == nullptr) {
        m_own.setForwardOnly(true);
        return sql::exec(m_own, text, values, what);
    }
    m_kept->inUse = true;
    if (!m_kept->prepared) {
        m_kept->query.setForwardOnly(true);
        if (Status s = prepare(m_kept->query, text, what); !s.isOk())
            return s;
        m_kept->prepared = true;
    }
    Status s = execPrepared(m_kept->query, values, what);
    if (!s.isOk())
        m_kept->prepared = false; // prepared anew next time (the server may have dropped the statement)
    return s;
}

Status run(Connection c, const QString& text, const QVariantList& values, const QString& what)
{
    if (!c.db())
        return c.db().status();
    auto statement = cached(*c.db(), text, what);
    if (!statement)
        return statement.status();
    if (*statement) {
        (*statement)->bindAll(values);
        return (*statement)->step(what);
    }
    QueryScope scope(*c.db());
    return scope.exec(text, values, what);
}

Result<qint64> integer(Connection c, const QString& text, const QVariantList& values, const QString& what,
                       qint64 fallback)
{
    if (!c.db())
        return c.db().status();
    auto statement = cached(*c.db(), text, what);
    if (!statement)
        return statement.status();
    if (sqlite::Statement* st = *statement) {
        st->bindAll(values);
        auto row = st->next(what);
        if (!row)
            return row.status();
        if (!*row)
            return fallback;
        const qint64 value = st->int64(0);
        st->reset();
        return value;
    }
    auto value = firstRow(c, text, values, what, [](const QSqlQuery& q) { return q.value(0).toLongLong(); });
    if (!value)
        return value.status();
    return value->value_or(fallback);
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
    const Dialect& d = dialect(m_db);
    Status s = run(m_db, QString::fromLatin1(d.beginWrite), {}, QStringLiteral("begin transaction"));
    m_open = s.isOk();
    if (s.isOk() && d.beginWriteLock != nullptr)
        s = run(m_db, QString::fromLatin1(d.beginWriteLock), {changes::originOf(m_db)},
                QStringLiteral("begin transaction"));
    return s;
}

Status WriteTransaction::commit()
{
    Status s = run(m_db, QStringLiteral("COMMIT"), {}, QStringLiteral("commit"));
    if (s.isOk())
        m_open = false;
    return s;
}

} // namespace sql

namespace {

// The stored form of an account name (util/Text.h) or InvalidArgument("name").
Result<QString> validateName(const QString& name)
{
    auto cleaned = cleanText(name, QStringLiteral("name"));
    if (!cleaned)
        return cleaned;
    const QString& n = *cleaned;
    if (n.isEmpty())
        return Status::invalidArgument(QStringLiteral("name"), QStringLiteral("is required"));
    if (n.size() > kMaxAccountNameLength)
        return Status::invalidArgument(QStringLiteral("name"),
                                       QStringLiteral("must be at most %1 characters").arg(kMaxAccountNameLength));
    return cleaned;
}

} // namespace

Result<AccountState> sql::accountState(QSqlDatabase& db, qint64 accountId)
{
    const QString text = QStringLiteral("SELECT currency, balance, closed_at IS NOT NULL FROM accounts WHERE id = ?");
    const QString what = QStringLiteral("read account");
    const Status missing = Status::notFound(QStringLiteral("account %1 does not exist").arg(accountId));
    auto statement = sql::cached(db, text, what);
    if (!statement)
        return statement.status();
    if (*statement == nullptr) {
        return sql::oneRow(
            db, text, {accountId}, what,
            [](const QSqlQuery& q) {
                return AccountState {q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toBool()};
            },
            missing);
    }
    std::optional<AccountState> state;
    Status s = sql::visitKeptRows(**statement, {accountId}, what, [&](const sqlite::Statement& q) {
        state = AccountState {q.text(0), q.int64(1), q.int64(2) != 0};
        return false;
    });
    if (!s.isOk())
        return s;
    if (!state)
        return missing;
    return *state;
}

namespace {

// The running balance just before (timestamp, id) in the account's order, or 0.
Result<qint64> balanceBefore(QSqlDatabase& db, qint64 accountId, qint64 timestamp, const QString& id)
{
    return sql::integer(
        db,
        QStringLiteral("SELECT running_balance FROM transactions WHERE account_id = ? AND timestamp <= ? "
                       "AND (timestamp, id) < (?, ?) ORDER BY timestamp DESC, id DESC LIMIT 1"),
        {accountId, timestamp, timestamp, id}, QStringLiteral("read running balance"));
}

// The (timestamp, id, running balance) of an account's last transaction in (timestamp, id) order.
struct LastRow
{
    qint64 timestamp;
    QString id;
    qint64 runningBalance;
};

// The account's last transaction, or nullopt when it has none.
Result<std::optional<LastRow>> lastRow(QSqlDatabase& db, qint64 accountId)
{
    static const QString text
        = QStringLiteral("SELECT timestamp, id, running_balance FROM transactions WHERE account_id = ? "
                         "ORDER BY timestamp DESC, id DESC LIMIT 1");
    const QString what = QStringLiteral("read last transaction");
    auto kept = sql::cached(db, text, what);
    if (!kept)
        return kept.status();
    if (*kept == nullptr)
        return sql::firstRow(db, text, {accountId}, what, [](const QSqlQuery& q) {
            return LastRow {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()};
        });
    std::optional<LastRow> last;
    Status s = sql::visitKeptRows(**kept, {accountId}, what, [&](const sqlite::Statement& q) {
        last = LastRow {q.int64(0), q.text(1), q.int64(2)};
        return false;
    });
    if (!s.isOk())
        return s;
    return last;
}

// Recomputes the running balances of the account's transactions from (timestamp, id) on, in one statement.
Status recomputeRunningFrom(QSqlDatabase& db, qint64 accountId, qint64 timestamp, const QString& id)
{
    auto before = balanceBefore(db, accountId, timestamp, id);
    if (!before)
        return before.status();
    return sql::run(
        db,
        QStringLiteral("WITH r AS (SELECT seq, ? + SUM(amount) OVER (ORDER BY timestamp, id) AS rb FROM transactions "
                       "WHERE account_id = ? AND timestamp >= ? AND (timestamp, id) >= (?, ?)) "
                       "UPDATE transactions SET running_balance = r.rb FROM r WHERE transactions.seq = r.seq"),
        {*before, accountId, timestamp, timestamp, id}, QStringLiteral("recompute running balances"));
}

// Adds `count` transactions summing to `delta` to the account's balance and count, marks it stale and moves its
// last activity to at least `lastTimestamp`.
Status touchAccount(QSqlDatabase& db, qint64 accountId, qint64 delta, qint64 count, qint64 lastTimestamp, qint64 now)
{
    return sql::run(
        db,
        QStringLiteral("UPDATE accounts SET balance = balance + ?, transaction_count = transaction_count + ?, "
                       "is_stale = 1, change_seq = change_seq + 1, "
                       "last_activity = CASE WHEN last_activity IS NULL OR last_activity < ? THEN ? "
                       "ELSE last_activity END, updated_at = ? WHERE id = ?"),
        {delta, count, lastTimestamp, lastTimestamp, now, accountId}, QStringLiteral("update account"));
}

// An optional text column: SQL NULL when empty.
QVariant nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

// Columns of a transactions INSERT, in the order insertSql lists them.
constexpr int kInsertColumns = 12;

// An INSERT of `rows` transactions: kInsertColumns positional parameters per row.
QString insertSql(int rows)
{
    QString sql = QStringLiteral(
        "INSERT INTO transactions (id, account_id, amount, description, category, counterparty, timestamp, "
        "running_balance, source, created_at, external_id, import_batch) VALUES ");
    for (int r = 0; r < rows; ++r)
        sql += r == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return sql;
}

QString insertLabelSql()
{
    return QStringLiteral("INSERT INTO injected_labels (transaction_id, anomaly_type) VALUES (?, ?)");
}

} // namespace

Status sql::recomputeRunningBalancesFrom(QSqlDatabase& db, qint64 accountId, qint64 timestamp, const QString& id)
{
    return recomputeRunningFrom(db, accountId, timestamp, id);
}

Ledger::Ledger(std::shared_ptr<Database> database, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_clock(clock)
{
    applyStoredRiskThresholds();
    changes::relayTo(*this);
}

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
    const qint64 now = m_clock.nowMs();
    qint64 id = 0;
    QList<qint64> accountIds;
    QStringList ids;
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        auto inserted = insertAccountLocked(db, account, now);
        id = inserted.isOk() ? *inserted : 0;
        if (!inserted)
            return inserted.status();
        return bookOpeningLocked(db, id, account, now, &accountIds, &ids);
    });
    if (!s.isOk())
        return s;
    if (!ids.isEmpty())
        Q_EMIT transactionsAdded(ids, accountIds);
    Q_EMIT accountChanged(id);
    Q_EMIT accountsChanged();
    return this->account(id);
}

Status Ledger::bookOpeningLocked(QSqlDatabase& db, qint64 id, const NewAccount& account, qint64 now,
                                 QList<qint64>* accountIds, QStringList* ids, LastRows* lastRows,
                                 const QString& importBatch) const
{
    if (account.openingBalance == 0)
        return Status::ok();
    NewTransaction opening;
    opening.importBatch = importBatch;
    opening.accountId = id;
    opening.amount = account.openingBalance;
    opening.description = QStringLiteral("Opening balance");
    opening.category = categoryKey(Category::OpeningBalance);
    opening.timestamp = account.openingDate.value_or(now);
    opening.source = account.source;
    return writeBatchLocked(db, {opening}, now, accountIds, ids, nullptr, lastRows);
}

Result<qint64> Ledger::insertAccountLocked(QSqlDatabase& db, const NewAccount& account, qint64 now) const
{
    if (account.openingBalance > kMaxAbsAmountMinor || account.openingBalance < -kMaxAbsAmountMinor)
        return Status::invalidArgument(
            QStringLiteral("openingBalance"),
            QStringLiteral("must be within ±%1").arg(Money(kMaxAbsAmountMinor, account.currency).formatWithCurrency()));
    if (account.openingDate && (*account.openingDate < 0 || *account.openingDate > now + kMaxFutureMs))
        return Status::invalidArgument(QStringLiteral("openingDate"),
                                       *account.openingDate < 0
                                           ? QStringLiteral("must not be before 1970")
                                           : QStringLiteral("must not be more than one day in the future"));
    const auto name = validateName(account.name);
    if (!name)
        return name.status();
    if (!Money::isKnownCurrency(account.currency))
        return Status::invalidArgument(QStringLiteral("currency"),
                                       QStringLiteral("'%1' is not a known ISO 4217 code").arg(account.currency));
    return sql::integer(db,
                        QStringLiteral("INSERT INTO accounts (name, type, currency, created_at, updated_at) VALUES "
                                       "(?, ?, ?, ?, ?) RETURNING id"),
                        {*name, accountTypeKey(account.type), account.currency, now, now},
                        QStringLiteral("create account"));
}

Result<Account> Ledger::updateAccount(qint64 id, const QString& name, AccountType type)
{
    const auto cleaned = validateName(name);
    if (!cleaned)
        return cleaned.status();
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        Status s = sql::exec(q, QStringLiteral("UPDATE accounts SET name = ?, type = ?, updated_at = ? WHERE id = ?"),
                             {*cleaned, accountTypeKey(type), m_clock.nowMs(), id}, QStringLiteral("update account"));
        if (s.isOk() && q.numRowsAffected() != 1)
            return Status::notFound(QStringLiteral("account %1 does not exist").arg(id));
        return s;
    });
    if (!s.isOk())
        return s;
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

namespace {

// The checks of a transaction against the account it is booked on (nullopt: no such account):
// InvalidArgument("accountId") or InvalidArgument("amount").
Status checkAccountFor(const NewTransaction& t, const std::optional<AccountState>& state)
{
    if (!state)
        return Status::invalidArgument(QStringLiteral("accountId"),
                                       QStringLiteral("account %1 does not exist").arg(t.accountId));
    if (state->closed)
        return Status::invalidArgument(
            QStringLiteral("accountId"),
            QStringLiteral("account %1 is closed; reopen it to book transactions").arg(t.accountId));
    if (t.amount == 0)
        return Status::invalidArgument(QStringLiteral("amount"), QStringLiteral("must not be zero"));
    if (t.amount > kMaxAbsAmountMinor || t.amount < -kMaxAbsAmountMinor)
        return Status::invalidArgument(
            QStringLiteral("amount"),
            QStringLiteral("must be within ±%1").arg(Money(kMaxAbsAmountMinor, state->currency).formatWithCurrency()));
    return Status::ok();
}

// The checks of a new transaction that need no account: its texts, category, time and id.
Status checkFields(const NewTransaction& t, qint64 now)
{
    if (Status s = checkText(t.description, QStringLiteral("description")); !s.isOk())
        return s;
    if (Status s = checkText(t.counterparty, QStringLiteral("counterparty")); !s.isOk())
        return s;
    const QString description = normalizedText(t.description);
    if (description.isEmpty())
        return Status::invalidArgument(QStringLiteral("description"), QStringLiteral("is required"));
    if (description.size() > kMaxDescriptionLength)
        return Status::invalidArgument(QStringLiteral("description"),
                                       QStringLiteral("must be at most %1 characters").arg(kMaxDescriptionLength));
    if (!categoryFromKey(t.category))
        return Status::invalidArgument(QStringLiteral("category"),
                                       QStringLiteral("'%1' is not a known category").arg(t.category));
    if (normalizedText(t.counterparty).size() > kMaxCounterpartyLength)
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

// True for an insert refused because a transaction with its id exists: SQLite names the column ("transactions.id"),
// PostgreSQL the unique index ("transactions_id_key"; two single inserts of one id into different accounts pass the
// function's id check side by side).
bool isDuplicateTransactionId(const Status& s)
{
    return s.isConflict()
        && (s.message().contains(QLatin1String("transactions.id"))
            || s.message().contains(QLatin1String("transactions_id_key")));
}

// The stored form of a checked new transaction, but for its currency and running balance.
Transaction newRow(const NewTransaction& t, qint64 now)
{
    Transaction out;
    out.id = t.id.isEmpty() ? newUuidV7(now) : t.id.toLower();
    out.accountId = t.accountId;
    out.amount = t.amount;
    out.description = normalizedText(t.description);
    out.category = *categoryFromKey(t.category);
    out.counterparty = sql::text(normalizedText(t.counterparty));
    out.timestamp = t.timestamp.value_or(now);
    out.source = t.source;
    out.createdAt = now;
    out.externalId = t.externalId;
    out.importBatch = t.importBatch;
    return out;
}

} // namespace

Status Ledger::validateLocked(const NewTransaction& t, QSqlDatabase& db, qint64 now, AccountState* stateOut) const
{
    if (t.accountId <= 0)
        return Status::invalidArgument(QStringLiteral("accountId"), QStringLiteral("is required"));
    auto state = sql::accountState(db, t.accountId);
    if (!state && !state.status().isNotFound())
        return state.status();
    const std::optional<AccountState> found = state ? std::optional<AccountState>(*state) : std::nullopt;
    if (Status s = checkAccountFor(t, found); !s.isOk())
        return s;
    if (stateOut)
        *stateOut = *state;
    return checkFields(t, now);
}

Result<Transaction> Ledger::addTransaction(const NewTransaction& t)
{
    const qint64 now = m_clock.nowMs();
    if (m_database->isPostgres()) {
        auto db = m_database->connection();
        if (db && schema::hasPostgresSessionFunctions(*db))
            return addTransactionInOneCall(t, now);
    }
    Transaction out;
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        AccountState state;
        if (Status s = validateLocked(t, db, now, &state); !s.isOk())
            return s;
        qint64 newBalance = 0;
        if (!checkedAdd(state.balance, t.amount, &newBalance))
            return Status::invalidArgument(QStringLiteral("amount"),
                                           QStringLiteral("the account balance would overflow"));

        out = newRow(t, now);
        out.currency = state.currency;

        // Most inserts come after the account's last row: its running balance is the one before, and no later row
        // needs shifting.
        auto last = lastRow(db, t.accountId);
        if (!last)
            return last.status();
        const bool atEnd = !*last || out.timestamp > (*last)->timestamp
            || (out.timestamp == (*last)->timestamp && out.id > (*last)->id);
        qint64 before = 0;
        if (atEnd) {
            before = *last ? (*last)->runningBalance : 0;
        } else {
            auto read = balanceBefore(db, t.accountId, out.timestamp, out.id);
            if (!read)
                return read.status();
            before = *read;
        }
        out.runningBalance = before + t.amount;

        Status s = sql::run(db, insertSql(1),
                            {out.id, out.accountId, out.amount, out.description, t.category, out.counterparty,
                             out.timestamp, out.runningBalance, sourceKey(out.source), now, nullIfEmpty(out.externalId),
                             nullIfEmpty(out.importBatch)},
                            QStringLiteral("insert transaction"));
        if (isDuplicateTransactionId(s))
            return Status::conflict(QStringLiteral("a transaction with id %1 already exists").arg(out.id));
        if (!s.isOk())
            return s;
        // A back-dated transaction shifts the running balances of the ones after it.
        if (!atEnd) {
            s = sql::run(db,
                         QStringLiteral("UPDATE transactions SET running_balance = running_balance + ? "
                                        "WHERE account_id = ? AND timestamp >= ? AND (timestamp, id) > (?, ?)"),
                         {t.amount, t.accountId, out.timestamp, out.timestamp, out.id},
                         QStringLiteral("shift running balances"));
            if (!s.isOk())
                return s;
        }
        if (Status a = touchAccount(db, t.accountId, t.amount, 1, out.timestamp, now); !a.isOk())
            return a;
        if (!t.injectedLabel.isEmpty())
            return sql::run(db, insertLabelSql(), {out.id, t.injectedLabel}, QStringLiteral("store label"));
        return Status::ok();
    });
    if (!s.isOk())
        return s;
    Q_EMIT transactionsAdded({out.id}, {out.accountId});
    Q_EMIT accountChanged(out.accountId);
    return out;
}

Result<Transaction> Ledger::addTransactionInOneCall(const NewTransaction& t, qint64 now)
{
    if (t.accountId <= 0)
        return Status::invalidArgument(QStringLiteral("accountId"), QStringLiteral("is required"));
    if (t.amount == 0 || t.amount > kMaxAbsAmountMinor || t.amount < -kMaxAbsAmountMinor) {
        // The message names the account's currency.
        sql::Connection c(*m_database);
        if (!c.db())
            return c.db().status();
        QSqlDatabase db = *c.db();
        auto state = sql::accountState(db, t.accountId);
        if (!state && !state.status().isNotFound())
            return state.status();
        return checkAccountFor(t, state ? std::optional<AccountState>(*state) : std::nullopt);
    }
    if (Status s = checkFields(t, now); !s.isOk())
        return s;
    Transaction out = newRow(t, now);

    static const QString text = QStringLiteral(
        "SELECT outcome, currency, running_balance FROM pg_temp.ledgerguard_add_transaction(?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?)");
    const QString what = QStringLiteral("insert transaction");
    struct Outcome
    {
        int code;
        QString currency;
        qint64 runningBalance;
    };
    QMutexLocker lock(&m_writeMutex);
    sql::Connection c(*m_database);
    auto call = [&]() -> Result<std::optional<Outcome>> {
        if (!c.db())
            return c.db().status();
        return sql::firstRow(c, text,
                             {changes::originOf(*c.db()), out.id, out.accountId, out.amount, out.description,
                              t.category, out.counterparty, out.timestamp, sourceKey(out.source), now,
                              nullIfEmpty(out.externalId), nullIfEmpty(out.importBatch), nullIfEmpty(t.injectedLabel)},
                             what, [](const QSqlQuery& q) {
                                 return Outcome {q.value(0).toInt(), q.value(1).toString(), q.value(2).toLongLong()};
                             });
    };
    auto row = call();
    if (!row && row.status().code() == Status::Code::IoError && c.reopen()) {
        // The server ended the session: the call may or may not have committed. The row with this id tells.
        auto written
            = sql::firstRow(c, QStringLiteral("SELECT account_id, amount, timestamp FROM transactions WHERE id = ?"),
                            {out.id}, QStringLiteral("read transaction"), [](const QSqlQuery& q) {
                                return std::array<qint64, 3> {q.value(0).toLongLong(), q.value(1).toLongLong(),
                                                              q.value(2).toLongLong()};
                            });
        if (!written)
            return written.status();
        if (!*written) {
            row = call();
        } else if (**written == std::array<qint64, 3> {out.accountId, out.amount, out.timestamp}) {
            lock.unlock();
            auto stored = transaction(out.id);
            if (stored) {
                Q_EMIT transactionsAdded({out.id}, {out.accountId});
                Q_EMIT accountChanged(out.accountId);
            }
            return stored;
        } else {
            return Status::conflict(QStringLiteral("a transaction with id %1 already exists").arg(out.id));
        }
    }
    if (!row && isDuplicateTransactionId(row.status()))
        return Status::conflict(QStringLiteral("a transaction with id %1 already exists").arg(out.id));
    if (!row)
        return row.status();
    if (!*row)
        return Status::internal(QStringLiteral("insert transaction: the server returned no outcome"));
    const Outcome& o = **row;
    switch (o.code) {
    case 0:
        break;
    case 1:
        return checkAccountFor(t, std::nullopt);
    case 2:
        return checkAccountFor(t, AccountState {o.currency, 0, true});
    case 3:
        return Status::invalidArgument(QStringLiteral("amount"), QStringLiteral("the account balance would overflow"));
    case 4:
        return Status::conflict(QStringLiteral("a transaction with id %1 already exists").arg(out.id));
    default:
        return Status::internal(QStringLiteral("insert transaction: unknown outcome %1").arg(o.code));
    }
    lock.unlock();
    out.currency = o.currency;
    out.runningBalance = o.runningBalance;
    Q_EMIT transactionsAdded({out.id}, {out.accountId});
    Q_EMIT accountChanged(out.accountId);
    return out;
}

namespace {

// Rows per multi-row INSERT on the bulk path: one statement execution (and one trip through Qt's binding code)
// per 50 rows instead of per row. 50 x 12 parameters stays far below SQLite's limit of 32766.
constexpr int kRowsPerInsert = 50;
// PostgreSQL: rows per statement of the bulk path, which binds each column as one array (insertRowsArrays).
constexpr int kRowsPerArrayInsert = 5000;

// One row of a batch with the values computed once: id, timestamp, trimmed text and (after planRunningBalances)
// its running balance.
struct BatchRow
{
    qsizetype index; // in the input batch
    qint64 accountId;
    qint64 timestamp;
    qint64 amount;
    QString id;
    QString description;
    QString counterparty;
    qint64 runningBalance = 0;
    bool generatedId = false; // id made by batchRows (newUuidV7 ids increase in the order they are made)
};

// The last (timestamp, id) of accounts (Ledger::writeBatchLocked's lastRows).
using LastRows = QHash<qint64, std::pair<qint64, QString>>;

// The batch's rows in per-account (timestamp, id) order. Errors: InvalidArgument("id") naming the row when an id
// given in the batch is repeated. `writeReady`: as Ledger::writeBatchLocked's.
Result<QList<BatchRow>> batchRows(const QList<NewTransaction>& input, qint64 now, bool writeReady)
{
    QList<BatchRow> rows;
    rows.reserve(input.size());
    QSet<QString> seenIds;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const NewTransaction& t = input[i];
        if (writeReady) {
            rows.append(BatchRow {i, t.accountId, t.timestamp.value_or(now), t.amount, newUuidV7(now), t.description,
                                  sql::text(t.counterparty), 0, true});
            continue;
        }
        BatchRow r {i,
                    t.accountId,
                    t.timestamp.value_or(now),
                    t.amount,
                    t.id.isEmpty() ? newUuidV7(now) : t.id.toLower(),
                    normalizedText(t.description),
                    sql::text(normalizedText(t.counterparty)),
                    0,
                    t.id.isEmpty()};
        if (!t.id.isEmpty()) {
            if (seenIds.contains(r.id))
                return Status::invalidArgument(QStringLiteral("id"), QStringLiteral("row %1: duplicate id").arg(i));
            seenIds.insert(r.id);
        }
        rows.append(std::move(r));
    }
    // Sorts narrow keys and moves each row once, instead of moving rows (four texts each) inside the sort.
    struct Key
    {
        qint64 accountId;
        qint64 timestamp;
        qsizetype index;
    };
    std::vector<Key> keys;
    keys.reserve(size_t(rows.size()));
    for (const BatchRow& r : std::as_const(rows))
        keys.push_back({r.accountId, r.timestamp, r.index});
    std::sort(keys.begin(), keys.end(), [&rows](const Key& a, const Key& b) {
        if (a.accountId != b.accountId)
            return a.accountId < b.accountId;
        if (a.timestamp != b.timestamp)
            return a.timestamp < b.timestamp;
        const BatchRow& ra = rows[a.index];
        const BatchRow& rb = rows[b.index];
        return ra.generatedId && rb.generatedId ? a.index < b.index : ra.id < rb.id;
    });
    QList<BatchRow> sorted;
    sorted.reserve(rows.size());
    for (const Key& k : keys)
        sorted.append(std::move(rows[k.index]));
    return sorted;
}

// True when the row passes every check of Ledger::validate that does not need the database (the account is
// known to exist). `knownCategory` is a category key known to be valid (the previous row's), or empty.
// `writeReady`: as Ledger::writeBatchLocked's (the texts need no check, and there is no id to check).
bool passesRowChecks(const BatchRow& r, const NewTransaction& t, qint64 now, const QString& knownCategory,
                     bool writeReady)
{
    return r.amount != 0 && r.amount <= kMaxAbsAmountMinor && r.amount >= -kMaxAbsAmountMinor
        && !r.description.isEmpty() && r.description.size() <= kMaxDescriptionLength
        && ((!knownCategory.isEmpty() && t.category == knownCategory) || categoryFromKey(t.category))
        && r.counterparty.size() <= kMaxCounterpartyLength && r.timestamp <= now + kMaxFutureMs && r.timestamp >= 0
        && (writeReady
            || ((t.id.isEmpty() || isUuid(t.id)) && isAcceptedText(t.description) && isAcceptedText(t.counterparty)));
}

// Validates every row in input order and returns the state (currency, balance) of each account the batch writes.
// `validate(t, state)` is the full check of one row (Ledger::validateLocked), filling `state` when not null: it
// runs for the first row of each account and, to get the exact error, for a row that fails passesRowChecks.
// Errors: the first failing row's, an InvalidArgument prefixed with "row <index>: ".
template<typename Validate>
Result<QHash<qint64, AccountState>> validateBatch(const QList<NewTransaction>& input, const QList<BatchRow>& rows,
                                                  qint64 now, bool writeReady, Validate&& validate)
{
    QHash<qint64, AccountState> states;
    QList<const BatchRow*> inInputOrder(rows.size());
    for (const BatchRow& r : rows)
        inInputOrder[r.index] = &r;
    QString knownCategory; // of the last row that passed
    for (const BatchRow* r : std::as_const(inInputOrder)) {
        const NewTransaction& t = input[r->index];
        Status s;
        if (!states.contains(r->accountId)) {
            AccountState state;
            s = validate(t, &state);
            if (s.isOk())
                states.insert(r->accountId, state);
        } else if (!passesRowChecks(*r, t, now, knownCategory, writeReady)) {
            s = validate(t, nullptr);
        }
        if (s.isOk())
            knownCategory = t.category;
        if (s.isInvalidArgument())
            return Status::invalidArgument(s.field(), QStringLiteral("row %1: %2").arg(r->index).arg(s.message()));
        if (!s.isOk())
            return s;
    }
    return states;
}

// Sets the running balances of one account's rows (in (timestamp, id) order) continuing from `balance`, and
// returns their sum. Errors: InvalidArgument("amount") when the balance or the sum would overflow.
Result<qint64> planRunningBalances(BatchRow* begin, BatchRow* end, qint64 balance)
{
    qint64 delta = 0;
    for (BatchRow* r = begin; r != end; ++r) {
        if (!checkedAdd(balance, r->amount, &balance) || !checkedAdd(delta, r->amount, &delta))
            return Status::invalidArgument(
                QStringLiteral("amount"),
                QStringLiteral("the balance of account %1 would overflow").arg(begin->accountId));
        r->runningBalance = balance;
    }
    return delta;
}

// True when the account has no transaction at or after `first` in (timestamp, id) order, so running balances
// planned from its balance are already right. `lastRows` (may be null) holds the last (timestamp, id) of accounts
// known to the caller; an account not in it is read.
Result<bool> appendsAtEnd(QSqlDatabase& db, const BatchRow& first, LastRows* lastRows)
{
    std::optional<std::pair<qint64, QString>> last;
    if (lastRows && lastRows->contains(first.accountId)) {
        last = lastRows->value(first.accountId);
    } else {
        auto read = lastRow(db, first.accountId);
        if (!read)
            return read.status();
        if (*read)
            last = std::make_pair((*read)->timestamp, (*read)->id);
        if (lastRows && last)
            lastRows->insert(first.accountId, *last);
    }
    if (!last)
        return true;
    const auto& [lastTs, lastId] = *last;
    return first.timestamp > lastTs || (first.timestamp == lastTs && first.id > lastId);
}

// SQLITE_CONSTRAINT_UNIQUE (sqlite3.h): the extended code of a duplicate transaction id.
constexpr int kSqliteConstraintUnique = 19 | (8 << 8);

// The bulk path's INSERT statements, each prepared once on first use and reused for every account of a batch;
// through SQLite's C API when the connection allows it (ledger/SqliteApi_p.h), else through Qt Sql.
class BatchInserter
{
public:
    BatchInserter(QSqlDatabase& db, const QList<NewTransaction>& input, qint64 now)
        : m_db(db)
        , m_input(input)
        , m_now(now)
        , m_native(sqlite::nativeHandle(db))
        , m_postgres(sql::engineOf(db) == sql::Engine::Postgres)
        , m_many(db)
        , m_one(db)
        , m_arrays(db)
        , m_label(db)
    {
        for (Source s : {Source::Manual, Source::Generator, Source::Api, Source::Import}) {
            m_sourceKeys[int(s)] = sourceKey(s);
            m_sourceKeysUtf8[int(s)] = m_sourceKeys[int(s)].toUtf8();
        }
    }

    // Inserts the rows [begin, end) with their planned running balances: kRowsPerInsert rows per statement, the
    // rest one by one (PostgreSQL: kRowsPerArrayInsert rows per statement). Errors: Conflict when an id already exists,
    // else the mapped SQL error.
    Status insertRows(const BatchRow* begin, const BatchRow* end)
    {
        if (m_native != nullptr)
            return insertRowsNative(begin, end);
        if (m_postgres)
            return insertRowsArrays(begin, end);
        for (const BatchRow* r = begin; r != end;) {
            const bool many = end - r >= kRowsPerInsert;
            const int chunk = many ? kRowsPerInsert : 1;
            QSqlQuery& insert = many ? m_many : m_one;
            if (Status s = prepareOnce(insert, many ? m_manyPrepared : m_onePrepared, insertSql(chunk),
                                       QStringLiteral("prepare insert"));
                !s.isOk())
                return s;
            for (int c = 0; c < chunk; ++c, ++r)
                bindRow(QtSink {insert, m_sourceKeys}, c * kInsertColumns, *r);
            if (!insert.exec())
                return insertError(insert);
        }
        return Status::ok();
    }

    // Stores the evaluation labels of the rows [begin, end) that carry one.
    Status insertLabels(const BatchRow* begin, const BatchRow* end)
    {
        for (const BatchRow* r = begin; r != end; ++r) {
            const NewTransaction& t = m_input[r->index];
            if (t.injectedLabel.isEmpty())
                continue;
            if (Status s = prepareOnce(m_label, m_labelPrepared, insertLabelSql(), QStringLiteral("prepare label"));
                !s.isOk())
                return s;
            if (Status s = sql::execPrepared(m_label, {r->id, t.injectedLabel}, QStringLiteral("store label"));
                !s.isOk())
                return s;
        }
        return Status::ok();
    }

private:
    // insertRows through SQLite's C API: kRowsPerInsert rows per statement (SQLite opens the table's and the
    // indexes' cursors once per statement), the rest one by one; values bound without QVariant.
    Status insertRowsNative(const BatchRow* begin, const BatchRow* end)
    {
        for (const BatchRow* r = begin; r != end;) {
            const bool many = end - r >= kRowsPerInsert;
            const int chunk = many ? kRowsPerInsert : 1;
            auto insert = nativeInsert(chunk);
            if (!insert)
                return insert.status();
            for (int c = 0; c < chunk; ++c, ++r)
                bindRow(NativeSink {**insert, m_sourceKeysUtf8}, c * kInsertColumns + 1, *r);
            int code = 0;
            if (Status s = (*insert)->step(QStringLiteral("insert transaction"), &code); !s.isOk())
                return code == kSqliteConstraintUnique
                    ? Status::conflict(QStringLiteral("a transaction id of the batch already exists"))
                    : s;
        }
        return Status::ok();
    }

    // The native INSERT of `rows` rows (1 or kRowsPerInsert): the one kept on the connection when it keeps
    // statements (prepared once per connection, not once per batch), else this inserter's own.
    Result<sqlite::Statement*> nativeInsert(int rows)
    {
        static const QString oneRow = insertSql(1);
        static const QString manyRows = insertSql(kRowsPerInsert);
        auto kept = sql::cached(m_db, rows == 1 ? oneRow : manyRows, QStringLiteral("prepare insert"));
        if (!kept || *kept != nullptr)
            return kept;
        sqlite::Statement& own = rows == 1 ? m_direct : m_directMany;
        if (!own.isPrepared()) {
            if (Status s
                = own.prepare(m_native, insertSql(rows).toUtf8().constData(), QStringLiteral("prepare insert"));
                !s.isOk())
                return s;
        }
        return &own;
    }

    // insertRows on PostgreSQL: up to kRowsPerArrayInsert rows per statement, each column bound as one array
    // literal and the rows read back by unnest (in order), so a statement is parsed with 12 values instead of 12
    // per row and the rows cross to the server in one round trip.
    Status insertRowsArrays(const BatchRow* begin, const BatchRow* end)
    {
        if (Status s = prepareOnce(m_arrays, m_arraysPrepared,
                                   QStringLiteral("INSERT INTO transactions (id, account_id, amount, description, "
                                                  "category, counterparty, timestamp, running_balance, source, "
                                                  "created_at, external_id, import_batch) SELECT * FROM unnest("
                                                  "?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], "
                                                  "?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], "
                                                  "?::text[], ?::text[])"),
                                   QStringLiteral("prepare insert"));
            !s.isOk())
            return s;
        for (const BatchRow* r = begin; r != end;) {
            const BatchRow* chunkEnd = r + std::min<qsizetype>(end - r, kRowsPerArrayInsert);
            QString columns[kInsertColumns];
            for (QString& c : columns) {
                c.reserve(int(chunkEnd - r) * 12);
                c += QLatin1Char('{');
            }
            for (; r != chunkEnd; ++r)
                bindRow(ArraySink {columns, m_sourceKeys}, 0, *r);
            for (int c = 0; c < kInsertColumns; ++c)
                m_arrays.bindValue(c, QString(columns[c] + QLatin1Char('}')));
            if (!m_arrays.exec())
                return insertError(m_arrays);
        }
        return Status::ok();
    }

    static Status prepareOnce(QSqlQuery& q, bool& prepared, const QString& text, const QString& what)
    {
        if (prepared)
            return Status::ok();
        Status s = sql::prepare(q, text, what);
        prepared = s.isOk();
        return s;
    }

    // Binds the row's values in insertSql's column order, the first at index `p`, through `sink` (QtSink or
    // NativeSink): the one list of the columns for both ways of binding.
    template<typename Sink> void bindRow(Sink&& sink, int p, const BatchRow& r) const
    {
        const NewTransaction& t = m_input[r.index];
        sink.text(p, r.id);
        sink.integer(p + 1, r.accountId);
        sink.integer(p + 2, r.amount);
        sink.text(p + 3, r.description);
        sink.text(p + 4, t.category);
        sink.text(p + 5, r.counterparty);
        sink.integer(p + 6, r.timestamp);
        sink.integer(p + 7, r.runningBalance);
        sink.source(p + 8, t.source);
        sink.integer(p + 9, m_now);
        sink.textOrNull(p + 10, t.externalId);
        sink.textOrNull(p + 11, t.importBatch);
    }

    // Binding through Qt Sql (0-based indexes).
    struct QtSink
    {
        QSqlQuery& q;
        const QString* sourceKeys;
        void integer(int i, qint64 v) { q.bindValue(i, v); }
        void text(int i, const QString& v) { q.bindValue(i, v); }
        void textOrNull(int i, const QString& v) { q.bindValue(i, nullIfEmpty(v)); }
        void source(int i, Source s) { q.bindValue(i, sourceKeys[int(s)]); }
    };

    // Appending to PostgreSQL array literals, one per column (0-based indexes; each begins with '{'): texts quoted
    // with '"' and '\\' escaped, an empty optional text as NULL (as nullIfEmpty).
    struct ArraySink
    {
        QString* columns;
        const QString* sourceKeys;
        void separate(int i)
        {
            if (columns[i].size() > 1)
                columns[i] += QLatin1Char(',');
        }
        void integer(int i, qint64 v)
        {
            separate(i);
            columns[i] += QString::number(v);
        }
        void text(int i, const QString& v)
        {
            separate(i);
            QString& out = columns[i];
            out += QLatin1Char('"');
            for (QChar c : v) {
                if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                    out += QLatin1Char('\\');
                out += c;
            }
            out += QLatin1Char('"');
        }
        void textOrNull(int i, const QString& v)
        {
            if (!v.isEmpty())
                return text(i, v);
            separate(i);
            columns[i] += QLatin1String("NULL");
        }
        void source(int i, Source s) { text(i, sourceKeys[int(s)]); }
    };

    // Binding through SQLite's C API (1-based indexes).
    struct NativeSink
    {
        sqlite::Statement& statement;
        const QByteArray* sourceKeys;
        void integer(int i, qint64 v) { statement.bind(i, v); }
        void text(int i, const QString& v) { statement.bind(i, v); }
        void textOrNull(int i, const QString& v) { statement.bindTextOrNull(i, v); }
        void source(int i, Source s) { statement.bindStatic(i, sourceKeys[int(s)]); }
    };

    static Status insertError(const QSqlQuery& q)
    {
        const Status e = sqlErrorStatus(q.lastError(), QStringLiteral("insert transaction"));
        if (isDuplicateTransactionId(e))
            return Status::conflict(QStringLiteral("a transaction id of the batch already exists"));
        return e;
    }

    QSqlDatabase& m_db;
    const QList<NewTransaction>& m_input;
    const qint64 m_now;
    sqlite3* const m_native; // nullptr: Qt Sql
    sqlite::Statement m_direct; // one row
    sqlite::Statement m_directMany; // kRowsPerInsert rows
    QString m_sourceKeys[4];
    QByteArray m_sourceKeysUtf8[4];
    const bool m_postgres;
    QSqlQuery m_many;
    QSqlQuery m_one;
    QSqlQuery m_arrays; // PostgreSQL
    QSqlQuery m_label;
    bool m_manyPrepared = false;
    bool m_onePrepared = false;
    bool m_arraysPrepared = false;
    bool m_labelPrepared = false;
};

// Writes one account's rows [begin, end) (in (timestamp, id) order) whose account had `state` before the batch:
// plans their running balances, inserts them and their labels, recomputes the running balances after them when
// the rows are not all after the account's last transaction, and updates the account (balance, count, stale).
// With `deferred`, instead of recomputing, the earliest back-dated (timestamp, id) of the account is kept in it.
Status writeAccountRows(QSqlDatabase& db, BatchInserter& inserter, BatchRow* begin, BatchRow* end,
                        const AccountState& state, qint64 now, QHash<qint64, std::pair<qint64, QString>>* deferred,
                        LastRows* lastRows)
{
    auto appendOnly = appendsAtEnd(db, *begin, lastRows);
    if (!appendOnly)
        return appendOnly.status();
    auto delta = planRunningBalances(begin, end, state.balance);
    if (!delta)
        return delta.status();
    if (Status s = inserter.insertRows(begin, end); !s.isOk())
        return s;
    if (Status s = inserter.insertLabels(begin, end); !s.isOk())
        return s;
    if (!*appendOnly && deferred) {
        const std::pair<qint64, QString> from {begin->timestamp, begin->id};
        auto it = deferred->find(begin->accountId);
        if (it == deferred->end())
            deferred->insert(begin->accountId, from);
        else if (from < *it)
            *it = from;
    } else if (!*appendOnly) {
        if (Status s = recomputeRunningFrom(db, begin->accountId, begin->timestamp, begin->id); !s.isOk())
            return s;
    }
    if (lastRows) {
        const BatchRow& newest = *(end - 1);
        auto known = lastRows->find(begin->accountId);
        if (known == lastRows->end())
            lastRows->insert(begin->accountId, {newest.timestamp, newest.id});
        else if (std::make_pair(newest.timestamp, newest.id) > *known)
            *known = {newest.timestamp, newest.id};
    }
    return touchAccount(db, begin->accountId, *delta, end - begin, (end - 1)->timestamp, now);
}

} // namespace

Status Ledger::writeBatchLocked(QSqlDatabase& db, const QList<NewTransaction>& input, qint64 now,
                                QList<qint64>* accountIds, QStringList* ids,
                                QHash<qint64, std::pair<qint64, QString>>* deferredRecompute, LastRows* lastRows,
                                bool writeReady) const
{
    auto planned = batchRows(input, now, writeReady);
    if (!planned)
        return planned.status();
    QList<BatchRow>& rows = *planned;
    auto states = validateBatch(input, rows, now, writeReady, [&](const NewTransaction& t, AccountState* state) {
        return validateLocked(t, db, now, state);
    });
    if (!states)
        return states.status();
    BatchInserter inserter(db, input, now);
    BatchRow* const last = rows.data() + rows.size();
    for (BatchRow* begin = rows.data(); begin != last;) {
        BatchRow* end = std::find_if(begin, last, [&](const BatchRow& r) { return r.accountId != begin->accountId; });
        if (Status s = writeAccountRows(db, inserter, begin, end, states->value(begin->accountId), now,
                                        deferredRecompute, lastRows);
            !s.isOk())
            return s;
        accountIds->append(begin->accountId);
        begin = end;
    }
    if (rows.size() <= kMaxIdsInSignal) {
        ids->reserve(rows.size());
        for (const BatchRow& r : std::as_const(rows))
            ids->append(r.id);
    }
    return Status::ok();
}

Result<qint64> Ledger::addTransactions(const QList<NewTransaction>& input)
{
    if (input.isEmpty())
        return qint64(0);
    const qint64 now = m_clock.nowMs();
    QList<qint64> accountIds;
    QStringList ids;
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        return writeBatchLocked(db, input, now, &accountIds, &ids);
    });
    if (!s.isOk())
        return s;
    Q_EMIT transactionsAdded(ids, accountIds);
    for (qint64 id : std::as_const(accountIds))
        Q_EMIT accountChanged(id);
    return qint64(input.size());
}

Status Ledger::setMeta(const QString& key, const QString& value)
{
    QMutexLocker lock(&m_writeMutex);
    return sql::run(
        *m_database,
        QStringLiteral(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
        {key, value}, QStringLiteral("store metadata"));
}

} // namespace ledgerguard
