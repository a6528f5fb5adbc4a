// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/ledger: how the instances that have one PostgreSQL ledger open learn of each other's writes
// (docs/LEDGER.md "Live across machines").
//
// Sending: statement-level triggers (kPostgresChangeTriggers, part of the PostgreSQL schema) call pg_notify on the
// channel kChannel inside the writing transaction, so a notice is delivered when, and only when, the transaction
// commits. Its payload is "<origin> <kind> <ids>": the writer's origin (the transaction-local setting
// ledgerguard.origin, set when the write transaction takes the write lock, Dialect::beginWriteLock; empty for a write
// made elsewhere), the kind (transactions, accounts, anomalies, rules) and the comma-separated ids of the accounts
// concerned ("*" when their list would pass kMaxIdsLength, so a payload stays far below PostgreSQL's 8000 bytes; empty
// for rules). PostgreSQL folds identical notices of one transaction into one.
//
// Receiving: relayTo(ledger) turns other instances' notices into the Ledger's change signals. A Listener subscribes on
// one connection (the Ledger's, on the thread that owns the Ledger, whose event loop delivers the notices) and reports
// the notices of other origins: those of its own origin were already signalled in-process.
#pragma once

#include "util/Status.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QString>
#include <QTimer>
#include <optional>

namespace ledgerguard {
class Ledger;
}

namespace ledgerguard::changes {

inline constexpr char kChannel[] = "ledgerguard_changes";
inline constexpr int kMaxIdsLength = 7000;

// The trigger function (CREATE OR REPLACE: schema version 9 replaces version 8's) and the triggers, in the order
// they are created.
extern const char* const kPostgresNotifyFunction;
extern const char* const kPostgresChangeTriggers[];
extern const size_t kPostgresChangeTriggerCount;

// The origin of the writes made on `db`: this process's random token and the Database the connection belongs to
// (every connection of one Database has the same origin, those of another Database, here or elsewhere, another).
QString originOf(const QSqlDatabase& db);
// Sets ledgerguard.origin to originOf(db) for the open transaction on `db` (PostgreSQL only; a write transaction
// sets it with its lock, Dialect::beginWriteLock, a writer of its own with this). Errors: the
// statement's mapped error.
Status setOrigin(QSqlDatabase& db);

struct Notice
{
    enum class Kind { Transactions, Accounts, Anomalies, Rules };
    QString origin;
    Kind kind = Kind::Rules;
    bool allAccounts = false; // "*": every account may have changed
    QList<qint64> accountIds;
};

// The notice in a payload, or nullopt when it is not one (an unknown kind, a malformed id list).
std::optional<Notice> parseNotice(const QString& payload);

class Listener : public QObject
{
    Q_OBJECT
public:
    // Subscribes to kChannel on `db` (a PostgreSQL connection of the calling thread; the Listener keeps no handle on
    // it, so its Database may remove it first). Notices whose origin is `ownOrigin` are not reported.
    Listener(QSqlDatabase db, QString ownOrigin, QObject* parent = nullptr);
    ~Listener() override;
    // False when the subscription failed (the connection was closed or is not PostgreSQL's).
    bool isListening() const { return m_listening; }
    // Listening on a connection that its Database has not removed.
    bool isAlive() const { return m_listening && m_driver; }

Q_SIGNALS:
    void noticed(const ledgerguard::changes::Notice& notice);

private:
    void onNotification(const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload);

    QPointer<QSqlDriver> m_driver; // the connection's driver: gone when its Database removes the connection
    QString m_ownOrigin;
    bool m_listening = false;
};

// How often a Relay checks that its listening connection is still there.
constexpr int kRelayCheckIntervalMs = 5000;

// Relays other instances' notices to a ledger's change signals (relayTo) through a Listener on the calling thread's
// connection, and every checkIntervalMs checks that connection (one SELECT 1): when the server ended it, or the
// thread's connection was reopened after it was lost, it listens on a new one and reports every account as
// changed (notices sent in between are lost). A child of `ledger`.
class Relay : public QObject
{
    Q_OBJECT
public:
    Relay(Ledger& ledger, int checkIntervalMs);

private:
    bool listen();
    void check();

    Ledger& m_ledger;
    QPointer<Listener> m_listener;
    QTimer m_check;
};

// On a PostgreSQL ledger: a Relay (kRelayCheckIntervalMs) that emits the ledger's change signals for the other
// instances' notices (transactions: transactionsAdded with no transaction ids and the accounts; accounts:
// accountChanged for each, then accountsChanged; anomalies: anomaliesChanged; rules: rulesChanged; "*": every
// account). On SQLite, or on a thread without an event dispatcher (which could deliver no notice): nothing.
void relayTo(Ledger& ledger);

} // namespace ledgerguard::changes
