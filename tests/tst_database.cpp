// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Database.h"
#include "ledger/Ledger.h"
#include "ledger/Schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ledgerguard;

namespace {

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QVariant pragma(QSqlDatabase db, const QString& name)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA ") + name) || !q.next())
        return {};
    return q.value(0);
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void migratesEmptyFile();
    void migratesVersion1();
    void connectionPragmas();
    void refusesNewerVersion();
    void refusesNonDatabase();
    void connectionPerThread();
    void closeThreadConnection();
    void reopenKeepsData();
};

void TestDatabase::migratesEmptyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.sqlite"));
    auto db = Database::open(path);
    QVERIFY2(db.isOk(), qPrintable(db.status().toString()));
    auto conn = (*db)->connection();
    QVERIFY(conn.isOk());
    QCOMPARE(pragma(*conn, QStringLiteral("user_version")).toInt(), Database::kSchemaVersion);
    QSqlQuery q(*conn);
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    for (const char* expected :
         {"accounts", "transactions", "anomalies", "injected_labels", "models", "meta", "transactions_account_time",
          "transactions_time", "anomalies_account_time", "anomalies_health"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
}

// A ledger written by schema version 1 (no transaction time on anomaly rows) is migrated on open: the new column is
// filled from the transactions, and the health counts, which now read only that column, see the old anomalies.
void TestDatabase::migratesVersion1()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
    const qint64 now = 1'780'000'000'000;
    const qint64 day = 86'400'000;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(schema::migrate(db, 0, 1).isOk());
        QSqlQuery q(db);
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO accounts (id, name, type, currency, balance, transaction_count, "
                                  "created_at, updated_at) VALUES (1, 'Operating', 'checking', 'EUR', 300, 2, 0, 0)")));
        // One transaction 2 days old, one 40 days old (outside the 30-day health window); a HIGH anomaly on each.
        for (const auto& [id, ts, balance] :
             {std::tuple {"t-recent", now - 2 * day, 300}, std::tuple {"t-old", now - 40 * day, 150}}) {
            QVERIFY(q.exec(QStringLiteral("INSERT INTO transactions (id, account_id, amount, description, category, "
                                          "timestamp, running_balance, source, created_at) VALUES ('%1', 1, 150, "
                                          "'x', 'other', %2, %3, 'manual', 0)")
                               .arg(QLatin1String(id))
                               .arg(ts)
                               .arg(balance)));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO anomalies (id, account_id, transaction_id, score, risk, "
                                          "detected_at, anomaly_type) VALUES ('a-%1', 1, '%1', 0.9, 'HIGH', %2, "
                                          "'amount_spike')")
                               .arg(QLatin1String(id))
                               .arg(now)));
        }
        QCOMPARE(pragma(db, QStringLiteral("user_version")).toInt(), 1);
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));

    ManualClock clock(now);
    auto ledger = Ledger::open(path, clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    auto conn = (*ledger)->database()->connection();
    QCOMPARE(pragma(*conn, QStringLiteral("user_version")).toInt(), Database::kSchemaVersion);
    QSqlQuery q(*conn);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM anomalies x JOIN transactions t ON t.id = x.transaction_id "
                                  "WHERE x.transaction_time = t.timestamp")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    auto account = (*ledger)->account(1);
    QVERIFY(account.isOk());
    QCOMPARE(account->openHigh, 1); // the 40-day-old transaction's anomaly is outside the window
    QCOMPARE(account->health, Health::AtRisk);
}

void TestDatabase::connectionPragmas()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("l.sqlite")));
    QVERIFY(db.isOk());
    auto conn = (*db)->connection();
    QVERIFY(conn.isOk());
    QCOMPARE(pragma(*conn, QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(pragma(*conn, QStringLiteral("foreign_keys")).toInt(), 1);
    QCOMPARE(pragma(*conn, QStringLiteral("synchronous")).toInt(), 2); // FULL
    QVERIFY(pragma(*conn, QStringLiteral("busy_timeout")).toInt() > 0);
}

void TestDatabase::refusesNewerVersion()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        auto db = Database::open(path);
        QVERIFY(db.isOk());
        auto conn = (*db)->connection();
        QSqlQuery q(*conn);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(Database::kSchemaVersion + 1)));
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    const QByteArray before = fileHash(path);
    QVERIFY(!before.isEmpty());
    auto again = Database::open(path);
    QVERIFY(!again.isOk());
    QCOMPARE(again.status().code(), Status::Code::Unsupported);
    QVERIFY2(again.status().message().contains(QStringLiteral("newer")), qPrintable(again.status().message()));
    QCOMPARE(fileHash(path), before);
    auto ledger = Ledger::open(path);
    QVERIFY(!ledger.isOk());
    QCOMPARE(fileHash(path), before);
}

void TestDatabase::refusesNonDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    const QByteArray before = fileHash(path);
    auto db = Database::open(path);
    QVERIFY(!db.isOk());
    QVERIFY2(db.status().isCorruption(), qPrintable(db.status().toString()));
    QCOMPARE(fileHash(path), before);
}

void TestDatabase::connectionPerThread()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY(ledger.isOk());
    auto account
        = (*ledger)->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(account.isOk());
    QString mainName = (*ledger)->database()->connection()->connectionName();
    QString threadName;
    bool threadOk = false;
    bool registered = false;
    QVariantList threadPragmas;
    QThread* thread = QThread::create([&] {
        // A smaller page cache for connections opened later on this thread (the desktop's background readers).
        Database::setThreadCacheSizeKiB(2048);
        auto conn = (*ledger)->database()->connection();
        threadName = conn.isOk() ? conn->connectionName() : QString();
        registered = QSqlDatabase::connectionNames().contains(threadName);
        threadPragmas.append(pragma(*conn, QStringLiteral("cache_size")));
        // Every connection, not only the first, gets the ledger's settings.
        for (const char* name : {"journal_mode", "foreign_keys", "synchronous", "busy_timeout"})
            threadPragmas.append(pragma(*conn, QString::fromLatin1(name)));
        NewTransaction t;
        t.accountId = account->id;
        t.amount = 500;
        t.description = QStringLiteral("from a worker");
        t.category = QStringLiteral("other");
        threadOk = (*ledger)->addTransaction(t).isOk();
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY(threadOk);
    QCOMPARE(threadPragmas.size(), 5);
    QCOMPARE(threadPragmas[0].toInt(), -2048);
    QCOMPARE(threadPragmas[1].toString(), QStringLiteral("wal"));
    QCOMPARE(threadPragmas[2].toInt(), 1);
    QCOMPARE(threadPragmas[3].toInt(), 2); // FULL
    QVERIFY(threadPragmas[4].toInt() > 0);
    QCOMPARE(pragma(*(*ledger)->database()->connection(), QStringLiteral("cache_size")).toInt(), -65536);
    QVERIFY(!threadName.isEmpty());
    QVERIFY(threadName != mainName);
    // The worker's connection was closed when its thread finished; the main thread's stays.
    QVERIFY(registered);
    QVERIFY(!QSqlDatabase::connectionNames().contains(threadName));
    QVERIFY(QSqlDatabase::connectionNames().contains(mainName));
    QCOMPARE((*ledger)->account(account->id)->balance, qint64(500));
}

// A worker that finished a large job closes its connection (and its page cache) while its thread lives on; the
// next use opens a new one with the same settings, and the thread's one finished handler still closes it.
void TestDatabase::closeThreadConnection()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("c.sqlite")));
    QVERIFY(db.isOk());
    QString name;
    bool open = false;
    bool closed = false;
    bool reopened = false;
    QThread* thread = QThread::create([&] {
        {
            auto conn = (*db)->connection();
            name = conn.isOk() ? conn->connectionName() : QString();
            open = QSqlDatabase::connectionNames().contains(name);
        }
        (*db)->closeThreadConnection();
        closed = !QSqlDatabase::connectionNames().contains(name);
        auto again = (*db)->connection();
        reopened = again.isOk() && pragma(*again, QStringLiteral("foreign_keys")).toInt() == 1;
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY(!name.isEmpty());
    QVERIFY(open);
    QVERIFY(closed);
    QVERIFY(reopened);
    // The reopened connection is still closed when its thread finishes (by the handler of the first opening).
    QVERIFY(!QSqlDatabase::connectionNames().contains(name));
}

void TestDatabase::reopenKeepsData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.sqlite"));
    qint64 id = 0;
    {
        auto ledger = Ledger::open(path);
        QVERIFY(ledger.isOk());
        auto a = (*ledger)->createAccount({QStringLiteral("Savings"), AccountType::Savings, QStringLiteral("USD")});
        id = a->id;
        NewTransaction t;
        t.accountId = id;
        t.amount = -1234;
        t.description = QStringLiteral("fee");
        t.category = QStringLiteral("fees");
        QVERIFY((*ledger)->addTransaction(t).isOk());
    }
    auto ledger = Ledger::open(path);
    QVERIFY(ledger.isOk());
    auto a = (*ledger)->account(id);
    QVERIFY(a.isOk());
    QCOMPARE(a->name, QStringLiteral("Savings"));
    QCOMPARE(a->currency, QStringLiteral("USD"));
    QCOMPARE(a->balance, qint64(-1234));
    QCOMPARE(a->transactionCount, qint64(1));
    QVERIFY(a->isStale);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
