// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/ChangeFeed_p.h"
#include "ledger/Database.h"
#include "ledger/Ledger.h"

#include <QAbstractEventDispatcher>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace ledgerguard::changes {

// TG_ARGV: [0] the kind; [1] the column of the changed rows naming their account ('seq': the transaction's, looked up
// in transactions; empty: no ids); [2] with no ids, the meta key whose change is the notice (empty: any change).
// Static SQL for each column (PL/pgSQL keeps a plan per table the function triggers on), not EXECUTE format(...),
// which parsed and planned its query on every write (docs/PERFORMANCE.md, "Team mode", Session 16).
const char* const kPostgresNotifyFunction = R"(CREATE OR REPLACE FUNCTION ledgerguard_notify_changes() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            ids TEXT := '';
        BEGIN
            IF TG_ARGV[1] = 'seq' THEN
                SELECT string_agg(DISTINCT t.account_id::text, ',') INTO ids
                    FROM changed_rows c JOIN transactions t ON t.seq = c.seq;
            ELSIF TG_ARGV[1] = 'account_id' THEN
                SELECT string_agg(DISTINCT c.account_id::text, ',') INTO ids FROM changed_rows c;
            ELSIF TG_ARGV[1] = 'id' THEN
                SELECT string_agg(DISTINCT c.id::text, ',') INTO ids FROM changed_rows c;
            ELSIF TG_ARGV[1] <> '' THEN
                RAISE EXCEPTION 'ledgerguard_notify_changes: no account column %', TG_ARGV[1];
            ELSIF TG_ARGV[2] <> '' THEN
                IF NOT EXISTS (SELECT 1 FROM changed_rows WHERE key = TG_ARGV[2]) THEN
                    RETURN NULL;
                END IF;
            END IF;
            IF ids IS NULL THEN
                RETURN NULL; -- the statement changed no rows
            END IF;
            IF length(ids) > 7000 THEN
                ids := '*';
            END IF;
            PERFORM pg_notify('ledgerguard_changes',
                left(coalesce(current_setting('ledgerguard.origin', true), ''), 200) || ' ' || TG_ARGV[0] || ' '
                    || ids);
            RETURN NULL;
        END $$)";

const char* const kPostgresChangeTriggers[] = {
    kPostgresNotifyFunction,
    "CREATE TRIGGER ledgerguard_transactions_insert AFTER INSERT ON transactions REFERENCING NEW TABLE AS "
    "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('transactions', 'account_id', '')",
    "CREATE TRIGGER ledgerguard_transactions_update AFTER UPDATE ON transactions REFERENCING NEW TABLE AS "
    "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('accounts', 'account_id', '')",
    "CREATE TRIGGER ledgerguard_transactions_delete AFTER DELETE ON transactions REFERENCING OLD TABLE AS "
    "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('accounts', 'account_id', '')",
    "CREATE TRIGGER ledgerguard_accounts_insert AFTER INSERT ON accounts REFERENCING NEW TABLE AS changed_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('accounts', 'id', '')",
    "CREATE TRIGGER ledgerguard_accounts_update AFTER UPDATE ON accounts REFERENCING NEW TABLE AS changed_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('accounts', 'id', '')",
    "CREATE TRIGGER ledgerguard_anomalies_insert AFTER INSERT ON anomalies REFERENCING NEW TABLE AS changed_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('anomalies', 'account_id', '')",
    "CREATE TRIGGER ledgerguard_anomalies_update AFTER UPDATE ON anomalies REFERENCING NEW TABLE AS changed_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('anomalies', 'account_id', '')",
    "CREATE TRIGGER ledgerguard_anomalies_delete AFTER DELETE ON anomalies REFERENCING OLD TABLE AS changed_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('anomalies', 'account_id', '')",
    "CREATE TRIGGER ledgerguard_scores_insert AFTER INSERT ON transaction_scores REFERENCING NEW TABLE AS "
    "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('anomalies', 'seq', '')",
    "CREATE TRIGGER ledgerguard_scores_update AFTER UPDATE ON transaction_scores REFERENCING NEW TABLE AS "
    "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('anomalies', 'seq', '')",
    "CREATE TRIGGER ledgerguard_rules_change AFTER INSERT OR UPDATE OR DELETE ON rules FOR EACH STATEMENT "
    "EXECUTE FUNCTION ledgerguard_notify_changes('rules', '', '')",
    "CREATE TRIGGER ledgerguard_rule_lists_change AFTER INSERT OR UPDATE OR DELETE ON rule_lists FOR EACH STATEMENT "
    "EXECUTE FUNCTION ledgerguard_notify_changes('rules', '', '')",
    "CREATE TRIGGER ledgerguard_meta_insert AFTER INSERT ON meta REFERENCING NEW TABLE AS changed_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('rules', '', 'time_zone')",
    "CREATE TRIGGER ledgerguard_meta_update AFTER UPDATE ON meta REFERENCING NEW TABLE AS changed_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledgerguard_notify_changes('rules', '', 'time_zone')",
};
const size_t kPostgresChangeTriggerCount = std::size(kPostgresChangeTriggers);

namespace {

const QString& processToken()
{
    static const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return token;
}

} // namespace

QString originOf(const QSqlDatabase& db)
{
    // Database names each connection "<its prefix><thread or role>", the prefix ending in '-' and unique per
    // Database in this process.
    const QString name = db.connectionName();
    return processToken() + QLatin1Char('/') + name.left(name.lastIndexOf(QLatin1Char('-')));
}

Status setOrigin(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral("SELECT set_config('ledgerguard.origin', ?, true)")))
        return sqlErrorStatus(q.lastError(), QStringLiteral("set the change origin"));
    q.addBindValue(originOf(db));
    if (!q.exec())
        return sqlErrorStatus(q.lastError(), QStringLiteral("set the change origin"));
    return Status::ok();
}

std::optional<Notice> parseNotice(const QString& payload)
{
    const QStringList parts = payload.split(QLatin1Char(' '));
    if (parts.size() != 3)
        return std::nullopt;
    Notice n;
    n.origin = parts[0];
    const QString& kind = parts[1];
    if (kind == QLatin1String("transactions"))
        n.kind = Notice::Kind::Transactions;
    else if (kind == QLatin1String("accounts"))
        n.kind = Notice::Kind::Accounts;
    else if (kind == QLatin1String("anomalies"))
        n.kind = Notice::Kind::Anomalies;
    else if (kind == QLatin1String("rules"))
        n.kind = Notice::Kind::Rules;
    else
        return std::nullopt;
    const QString& ids = parts[2];
    if (ids == QLatin1String("*")) {
        n.allAccounts = true;
        return n;
    }
    if (ids.isEmpty())
        return n.kind == Notice::Kind::Rules ? std::optional<Notice>(n) : std::nullopt;
    for (const QString& id : ids.split(QLatin1Char(','))) {
        bool ok = false;
        const qint64 value = id.toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        n.accountIds.append(value);
    }
    return n;
}

Listener::Listener(QSqlDatabase db, QString ownOrigin, QObject* parent)
    : QObject(parent)
    , m_driver(db.driver())
    , m_ownOrigin(std::move(ownOrigin))
{
    if (!m_driver || !db.isOpen() || !m_driver->hasFeature(QSqlDriver::EventNotifications))
        return;
    m_listening = m_driver->subscribeToNotification(QString::fromLatin1(kChannel));
    if (m_listening)
        connect(m_driver, &QSqlDriver::notification, this, &Listener::onNotification);
}

Listener::~Listener()
{
    if (m_listening && m_driver)
        m_driver->unsubscribeFromNotification(QString::fromLatin1(kChannel));
}

void Listener::onNotification(const QString& name, QSqlDriver::NotificationSource, const QVariant& payload)
{
    if (name != QLatin1String(kChannel))
        return;
    const std::optional<Notice> notice = parseNotice(payload.toString());
    if (!notice || notice->origin == m_ownOrigin)
        return;
    Q_EMIT noticed(*notice);
}

namespace {

// Emits on `ledger` the change signals for `notice` (relayTo).
void emitNotice(Ledger& ledger, const Notice& notice)
{
    QList<qint64> ids = notice.accountIds;
    if (notice.allAccounts) {
        auto accounts = ledger.accounts();
        if (!accounts) {
            qWarning("ledgerguard: %s", qPrintable(accounts.status().toString()));
            return;
        }
        for (const Account& a : std::as_const(*accounts))
            ids.append(a.id);
    }
    switch (notice.kind) {
    case Notice::Kind::Transactions:
        Q_EMIT ledger.transactionsAdded({}, ids);
        break;
    case Notice::Kind::Accounts:
        for (qint64 id : std::as_const(ids))
            Q_EMIT ledger.accountChanged(id);
        Q_EMIT ledger.accountsChanged();
        break;
    case Notice::Kind::Anomalies:
        Q_EMIT ledger.anomaliesChanged(ids);
        break;
    case Notice::Kind::Rules:
        Q_EMIT ledger.rulesChanged();
        break;
    }
}

} // namespace

Relay::Relay(Ledger& ledger, int checkIntervalMs)
    : QObject(&ledger)
    , m_ledger(ledger)
{
    listen();
    m_check.setInterval(checkIntervalMs);
    connect(&m_check, &QTimer::timeout, this, &Relay::check);
    m_check.start();
}

bool Relay::listen()
{
    delete m_listener;
    auto db = m_ledger.database()->connection();
    if (!db)
        return false;
    m_listener = new Listener(*db, originOf(*db), this);
    if (!m_listener->isListening()) {
        qWarning("ledgerguard: cannot listen for other instances' changes on %s: %s", qPrintable(db->connectionName()),
                 qPrintable(db->lastError().text()));
        return false;
    }
    connect(m_listener, &Listener::noticed, this, [this](const Notice& notice) { emitNotice(m_ledger, notice); });
    return true;
}

void Relay::check()
{
    if (m_listener && m_listener->isAlive()) {
        auto db = m_ledger.database()->connection();
        if (db) {
            QSqlQuery ping(*db);
            if (ping.exec(QStringLiteral("SELECT 1")))
                return;
            sqlErrorStatus(ping.lastError(), QString()); // marks a lost connection, which connection() replaces
        }
    }
    // The listening connection is gone (the server ended it, or this thread reopened its connection): listen on a new
    // one, and since notices sent meanwhile are lost, report every account as changed.
    if (!listen())
        return;
    Notice all;
    all.allAccounts = true;
    for (Notice::Kind kind :
         {Notice::Kind::Transactions, Notice::Kind::Accounts, Notice::Kind::Anomalies, Notice::Kind::Rules}) {
        all.kind = kind;
        emitNotice(m_ledger, all);
    }
}

void relayTo(Ledger& ledger)
{
    // A thread without an event dispatcher (a std::thread) could deliver no notice and run no check: listening would
    // only make the server signal this session for every other instance's commit.
    if (QAbstractEventDispatcher::instance() == nullptr)
        return;
    auto db = ledger.database()->connection();
    if (!db || db->driverName() != QLatin1String("QPSQL"))
        return;
    new Relay(ledger, kRelayCheckIntervalMs);
}

} // namespace ledgerguard::changes
