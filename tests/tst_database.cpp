// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Database.h"
#include "ledger/Ledger.h"

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
    void connectionPragmas();
    void refusesNewerVersion();
    void refusesNonDatabase();
    void connectionPerThread();
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
    for (const char* expected : {"accounts", "transactions", "anomalies", "injected_labels", "models", "meta",
                                 "transactions_account_time", "transactions_time", "anomalies_account_time"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
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
    QVariantList threadPragmas;
    QThread* thread = QThread::create([&] {
        auto conn = (*ledger)->database()->connection();
        threadName = conn.isOk() ? conn->connectionName() : QString();
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
    QCOMPARE(threadPragmas.size(), 4);
    QCOMPARE(threadPragmas[0].toString(), QStringLiteral("wal"));
    QCOMPARE(threadPragmas[1].toInt(), 1);
    QCOMPARE(threadPragmas[2].toInt(), 2); // FULL
    QVERIFY(threadPragmas[3].toInt() > 0);
    QVERIFY(!threadName.isEmpty());
    QVERIFY(threadName != mainName);
    QCOMPARE((*ledger)->account(account->id)->balance, qint64(500));
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
