// SPDX-License-Identifier: GPL-3.0-or-later
#include "backup/Check.h"
#include "file_mode.h"
#include "ledger/Database.h"
#include "ledger/Ledger.h"
#include "ledger/Schema.h"
#include "ledger/SqliteApi_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ledgerguard;

namespace {

// A manual transaction of `amount` minor units on `account` ("other" category).
NewTransaction row(qint64 account, qint64 amount, const QString& description, std::optional<qint64> timestamp = {})
{
    NewTransaction t;
    t.accountId = account;
    t.amount = amount;
    t.description = description;
    t.category = QStringLiteral("other");
    t.timestamp = timestamp;
    return t;
}

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

// A ledger at `path` with `accounts` accounts and `perAccount` transactions each, closed (its WAL folded in).
bool fillLedger(const QString& path, int accounts, int perAccount)
{
    ManualClock clock(1'780'000'000'000);
    auto ledger = Ledger::open(path, clock);
    if (!ledger)
        return false;
    for (int a = 0; a < accounts; ++a) {
        auto account = (*ledger)->createAccount(
            {QStringLiteral("Account %1").arg(a), AccountType::Checking, QStringLiteral("EUR")});
        if (!account)
            return false;
        QList<NewTransaction> rows;
        for (int i = 0; i < perAccount; ++i)
            rows.append(row(account->id, 100 + i, QStringLiteral("row %1 of a long enough description").arg(i),
                            clock.nowMs() - qint64(perAccount - i) * 60'000));
        if (!(*ledger)->addTransactions(rows))
            return false;
    }
    return true;
}

// An empty ledger of schema version 1 at `path`, as an old LedgerGuard left it.
bool schemaVersion1File(const QString& path)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("version1"));
        db.setDatabaseName(path);
        ok = db.open() && schema::migrate(db, 0, 1).isOk();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("version1"));
    return ok;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void migratesEmptyFile();
    void migratesVersion1();
    void migratesVersion4KeepingRowsScoresAndCases();
    void connectionPragmas();
    void bulkWritesThroughSqliteApi();
    void refusesNewerVersion();
    void refusesNonDatabase();
    void connectionPerThread();
    void closeThreadConnection();
    void keptStatementsCloseWithTheirConnection();
    void reopenKeepsData();
    void createsOwnerOnlyFiles();
    void refusesDamagedLedger();
    void opensReadOnlyFile();
    void opensInReadOnlyDirectory();
    void backsUpBeforeMigration();
    void checksLargeFilesCheaply();
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

// A version 4 ledger (text-keyed transactions with their scores inside) moves to integer row keys and a separate
// score table: every row, running balance, score, case, label and audit entry is kept, rows keep their (timestamp,
// id) order (two share a timestamp), and the file passes the check and takes new writes afterwards.
void TestDatabase::migratesVersion4KeepingRowsScoresAndCases()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v4.sqlite"));
    const qint64 now = 1'780'000'000'000;
    struct Row
    {
        const char* id;
        qint64 timestamp;
        qint64 amount;
        qint64 running;
        double score; // < 0: unscored
        const char* risk;
    };
    // (timestamp, id) order: ...01, ...03 (tie at now - 3000, ids out of insertion order), ...02, ...04.
    const Row rows[] = {
        {"00000000-0000-7000-8000-000000000004", now - 1000, 400, 700, 0.91, "HIGH"},
        {"00000000-0000-7000-8000-000000000003", now - 3000, 200, 100, 0.20, "LOW"},
        {"00000000-0000-7000-8000-000000000001", now - 3000, -100, -100, -1, nullptr},
        {"00000000-0000-7000-8000-000000000002", now - 2000, 200, 300, 0.55, "MEDIUM"},
    };
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v4"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(schema::migrate(db, 0, 4).isOk());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 4")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO accounts (id, name, type, currency, balance, transaction_count, "
                                      "created_at, updated_at) VALUES (1, 'Operating', 'checking', 'EUR', 700, 4, "
                                      "0, 0)")));
        for (const Row& r : rows) {
            QVERIFY(q.prepare(QStringLiteral(
                "INSERT INTO transactions (id, account_id, amount, description, category, counterparty, timestamp, "
                "running_balance, source, created_at, anomaly_score, risk, scored_at, external_id) VALUES (?, 1, ?, "
                "'x', 'other', 'Acme', ?, ?, 'import', 0, ?, ?, ?, ?)")));
            q.addBindValue(QString::fromLatin1(r.id));
            q.addBindValue(r.amount);
            q.addBindValue(r.timestamp);
            q.addBindValue(r.running);
            q.addBindValue(r.score < 0 ? QVariant(QMetaType::fromType<double>()) : QVariant(r.score));
            q.addBindValue(r.risk ? QVariant(QString::fromLatin1(r.risk)) : QVariant(QMetaType::fromType<QString>()));
            q.addBindValue(r.score < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(now));
            q.addBindValue(QString(QStringLiteral("ext-") + QString::fromLatin1(r.id).right(1)));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QVERIFY(q.exec(QStringLiteral("INSERT INTO anomalies (id, account_id, transaction_id, score, risk, scored_at, "
                                      "first_score, first_risk, "
                                      "detected_at, anomaly_type, status, transaction_time) VALUES ('case-1', 1, "
                                      "'00000000-0000-7000-8000-000000000004', 0.91, 'HIGH', %1, 0.91, 'HIGH', %1, "
                                      "'amount_spike', 'open', %2)")
                           .arg(now)
                           .arg(now - 1000)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO anomaly_scores (anomaly_id, scored_at, score, risk) VALUES "
                                      "('case-1', %1, 0.91, 'HIGH')")
                           .arg(now)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO audit_log (anomaly_id, transaction_id, at, actor, action, to_value) "
                                      "VALUES ('case-1', '00000000-0000-7000-8000-000000000004', %1, 'detector', "
                                      "'detected', 'open')")
                           .arg(now)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO injected_labels (transaction_id, anomaly_type) VALUES "
                                      "('00000000-0000-7000-8000-000000000002', 'amount_spike')")));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v4"));

    ManualClock clock(now);
    {
        auto ledger = Ledger::open(path, clock);
        QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
        auto conn = (*ledger)->database()->connection();
        QCOMPARE(pragma(*conn, QStringLiteral("user_version")).toInt(), Database::kSchemaVersion);
        QCOMPARE(pragma(*conn, QStringLiteral("foreign_keys")).toInt(), 1);
        for (const Row& r : rows) {
            auto t = (*ledger)->transaction(QString::fromLatin1(r.id));
            QVERIFY2(t.isOk(), r.id);
            QCOMPARE(t->amount, r.amount);
            QCOMPARE(t->timestamp, r.timestamp);
            QCOMPARE(t->runningBalance, r.running);
            QCOMPARE(t->externalId, QStringLiteral("ext-") + QString::fromLatin1(r.id).right(1));
            QCOMPARE(t->anomalyScore.has_value(), r.score >= 0);
            if (r.score >= 0) {
                QCOMPARE(*t->anomalyScore, r.score);
                QCOMPARE(riskName(*t->risk), QString::fromLatin1(r.risk));
            }
        }
        QSqlQuery q(*conn);
        // Integer keys follow (timestamp, id) order.
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM transactions ORDER BY seq")));
        QStringList bySeq;
        while (q.next())
            bySeq.append(q.value(0).toString().right(1));
        QCOMPARE(bySeq, QStringList({"1", "3", "2", "4"}));
        // Version 9: the cases are a rowid table again, keyed by their id (a case's JSON fits its leaf).
        QVERIFY(q.exec(QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'anomalies'")) && q.next());
        QVERIFY(!q.value(0).toString().contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM pragma_index_list('anomalies')")) && q.next());
        QCOMPARE(q.value(0).toInt(), 6); // id, transaction_id, and the four of version 4
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT count(*) FROM transaction_scores), (SELECT count(*) FROM "
                                      "anomaly_scores), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM "
                                      "injected_labels)")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toInt(), 1);
        QCOMPARE(q.value(3).toInt(), 1);
        q.finish();
        auto a = (*ledger)->anomaly(QStringLiteral("case-1"));
        QVERIFY2(a.isOk(), qPrintable(a.status().toString()));
        QCOMPARE(a->transactionId, QStringLiteral("00000000-0000-7000-8000-000000000004"));
        QCOMPARE(a->amount, qint64(400));
        QCOMPARE((*ledger)->injectedLabels()->size(), 1);
        QCOMPARE((*ledger)->scoreHistogram(10)->value(9), qint64(1));
        TransactionFilter high;
        high.risk = Risk::High;
        QCOMPARE(*(*ledger)->countTransactions(high), qint64(1));

        // New writes after the migration: a back-dated row between the tie and the next, and a rescoring.
        NewTransaction t;
        t.accountId = 1;
        t.amount = 50;
        t.description = QStringLiteral("late");
        t.category = QStringLiteral("other");
        t.timestamp = now - 2500;
        auto added = (*ledger)->addTransaction(t);
        QVERIFY2(added.isOk(), qPrintable(added.status().toString()));
        QCOMPARE(added->runningBalance, qint64(150));
        QCOMPARE((*ledger)->transaction(QStringLiteral("00000000-0000-7000-8000-000000000004"))->runningBalance,
                 qint64(750));
        QVERIFY((*ledger)
                    ->storeDetectionResults(1, {TransactionScore {added->id, 0.3, Risk::Low}}, {}, std::nullopt, {})
                    .isOk());
        QCOMPARE(*(*ledger)->transaction(added->id)->anomalyScore, 0.3);
        // A score goes with its transaction (an undone import deletes rows).
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM transaction_scores")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
        q.finish();
        QVERIFY(q.exec(QStringLiteral("DELETE FROM transactions WHERE id = '%1'").arg(added->id)));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM transaction_scores")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        q.finish();
        QVERIFY(q.exec(QStringLiteral("UPDATE accounts SET balance = 700, transaction_count = 4")));
        QVERIFY(q.exec(QStringLiteral("UPDATE transactions SET running_balance = running_balance - 50 WHERE "
                                      "timestamp > %1")
                           .arg(now - 2500)));
    }
    auto report = backup::checkLedger(path);
    QVERIFY2(report.isOk(), qPrintable(report.status().toString()));
    for (const auto& p : report->problems)
        qWarning() << p.kind << p.message;
    QVERIFY(report->isOk());
    QCOMPARE(report->transactions, qint64(4));
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

void TestDatabase::bulkWritesThroughSqliteApi()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.filePath(QStringLiteral("bulk.sqlite")));
    QVERIFY(ledger.isOk());
    auto conn = (*ledger)->database()->connection();
    QVERIFY(conn.isOk());
#if defined(Q_OS_LINUX)
    // Debian's Qt SQLite driver links the system's libsqlite3, as this program does: the bulk path must use it.
    QVERIFY(sqlite::nativeHandle(*conn) != nullptr);
#endif
    auto account
        = (*ledger)->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(account.isOk());
    const QString text = QStringLiteral("Caf\u00e9 \u20ac \U0001F600 \u4e2d\u6587");
    QList<NewTransaction> rows;
    for (int i = 0; i < 120; ++i) {
        NewTransaction t = row(account->id, 100 + i, text + QString::number(i), 1700000000000 + i);
        t.counterparty = i % 2 ? text : QString();
        t.externalId = i % 3 ? QStringLiteral("ext-%1").arg(i) : QString();
        rows.append(t);
    }
    QVERIFY((*ledger)->addTransactions(rows).isOk());
    QSqlQuery q(*conn);
    QVERIFY(q.exec(QStringLiteral("SELECT description, counterparty, external_id, amount, running_balance, "
                                  "typeof(external_id) FROM transactions ORDER BY timestamp")));
    qint64 balance = 0;
    for (int i = 0; i < 120; ++i) {
        QVERIFY(q.next());
        balance += 100 + i;
        QCOMPARE(q.value(0).toString(), text + QString::number(i));
        QCOMPARE(q.value(1).toString(), i % 2 ? text : QString());
        QCOMPARE(q.value(5).toString(), i % 3 ? QStringLiteral("text") : QStringLiteral("null"));
        QCOMPARE(q.value(3).toLongLong(), 100 + i);
        QCOMPARE(q.value(4).toLongLong(), balance);
    }
    QVERIFY(!q.next());
    // An id that exists already: Conflict, and nothing of the batch is written.
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM transactions LIMIT 1")) && q.next());
    NewTransaction again = row(account->id, 5, QStringLiteral("again"));
    again.id = q.value(0).toString();
    q.finish();
    auto refused = (*ledger)->addTransactions({row(account->id, 7, QStringLiteral("first")), again});
    QVERIFY(!refused.isOk());
    QCOMPARE(refused.status().code(), Status::Code::Conflict);
    QVERIFY2(refused.status().message().contains(QStringLiteral("already exists")),
             qPrintable(refused.status().message()));
    QCOMPARE((*ledger)->account(account->id)->transactionCount, qint64(120));
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

namespace {

// How many of this process's open file descriptors refer to `path` (Linux: /proc/self/fd).
int openDescriptorsOf(const QString& path)
{
    int count = 0;
    const QString target = QFileInfo(path).canonicalFilePath();
    for (const QFileInfo& fd : QDir(QStringLiteral("/proc/self/fd")).entryInfoList(QDir::System | QDir::Files))
        count += fd.symLinkTarget() == target ? 1 : 0;
    return count;
}

} // namespace

// A worker's connection keeps its prepared statements (the same statement for the same text) and still closes
// when the thread finishes: SQLite refuses to close a connection whose statements are not finalized, which would
// leave the file open.
void TestDatabase::keptStatementsCloseWithTheirConnection()
{
#ifndef Q_OS_LINUX
    QSKIP("counts open files through /proc");
#else
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("k.sqlite"));
    auto ledger = Ledger::open(path);
    QVERIFY(ledger.isOk());
    // Opening reads the stored settings on this thread's connection. Closed here: while any connection of the
    // process holds the file, SQLite keeps a closed connection's descriptor for reuse (POSIX locks are per process).
    (*ledger)->database()->closeThreadConnection();
    const int before = openDescriptorsOf(path);
    QCOMPARE(before, 0);
    bool same = false;
    bool added = false;
    int openMeanwhile = 0;
    QThread* thread = QThread::create([&] {
        auto account = (*ledger)->createAccount({QStringLiteral("Ops"), AccountType::Checking, QStringLiteral("EUR")});
        NewTransaction t;
        t.accountId = account.isOk() ? account->id : 0;
        t.amount = 100;
        t.description = QStringLiteral("x");
        t.category = QStringLiteral("other");
        added = (*ledger)->addTransaction(t).isOk() && (*ledger)->addTransaction(t).isOk();
        auto conn = (*ledger)->database()->connection();
        sqlite3* handle = sqlite::nativeHandle(*conn);
        const QString text = QStringLiteral("SELECT count(*) FROM transactions");
        auto first = sqlite::cachedStatement(*conn, handle, text, QStringLiteral("test"));
        auto second = sqlite::cachedStatement(*conn, handle, text, QStringLiteral("test"));
        same = first.isOk() && second.isOk() && *first != nullptr && *first == *second;
        openMeanwhile = openDescriptorsOf(path);
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY(added);
    QVERIFY(same);
    QVERIFY(openMeanwhile > before);
    QCOMPARE(openDescriptorsOf(path), before);
#endif
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

void TestDatabase::createsOwnerOnlyFiles()
{
#ifdef Q_OS_UNIX
    const mode_t before = ::umask(022);
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data/LedgerGuard"));
    QVERIFY(Database::makePrivateDirectory(data).isOk());
    const QString path = QDir(data).filePath(QStringLiteral("ledger.sqlite"));
    {
        auto ledger = Ledger::open(path);
        QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
        QVERIFY((*ledger)->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")}));
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        QCOMPARE(fileMode(path), 0600);
        QCOMPARE(fileMode(path + QStringLiteral("-wal")), 0600);
        QCOMPARE(fileMode(path + QStringLiteral("-shm")), 0600);
    }
    QCOMPARE(fileMode(data), 0700);
    QCOMPARE(fileMode(dir.filePath(QStringLiteral("data"))), 0700);
    // An existing data directory made by someone else's umask is made owner-only too.
    QVERIFY(QFile::setPermissions(data, QFileDevice::Permissions(0x7755)));
    QVERIFY(Database::makePrivateDirectory(data).isOk());
    QCOMPARE(fileMode(data), 0700);
    ::umask(before);
#else
    QSKIP("file modes are Unix");
#endif
}

void TestDatabase::refusesDamagedLedger()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("books.sqlite"));
    QVERIFY(fillLedger(path, 3, 400));
    QVERIFY(Database::open(path).isOk()); // intact
    const QString copy = dir.filePath(QStringLiteral("damaged.sqlite"));
    QVERIFY(QFile::copy(path, copy));
    QFile::remove(copy + QStringLiteral("-wal"));
    {
        // Random bytes over a few whole pages after the schema page (seeded: the same damage every run).
        QFile f(copy);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pageSize = 4096;
        QVERIFY(f.size() > 8 * pageSize);
        QRandomGenerator random(13);
        for (qint64 page : {3, 5, 6}) {
            QByteArray noise(pageSize, Qt::Uninitialized);
            for (char& c : noise)
                c = char(random.bounded(256));
            QVERIFY(f.seek(page * pageSize));
            QCOMPARE(f.write(noise), pageSize);
        }
    }
    const QByteArray before = fileHash(copy);
    auto db = Database::open(copy);
    QVERIFY(!db.isOk());
    QVERIFY2(db.status().isCorruption(), qPrintable(db.status().toString()));
    const QString message = db.status().message();
    QVERIFY2(message.contains(QFileInfo(copy).absoluteFilePath()), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("ledgerguard restore")), qPrintable(message));
    QVERIFY2(message.contains(Database::backupDirectory(copy)), qPrintable(message));
    QCOMPARE(fileHash(copy), before); // nothing written

    // With a backup beside it, the message names the newest one.
    QVERIFY(QDir().mkpath(Database::backupDirectory(copy)));
    const QString backup
        = QDir(Database::backupDirectory(copy)).filePath(QStringLiteral("damaged-20260101-000000.lgbackup"));
    QVERIFY(QFile::copy(path, backup));
    db = Database::open(copy);
    QVERIFY(!db.isOk());
    QVERIFY2(db.status().message().contains(backup), qPrintable(db.status().message()));
}

void TestDatabase::opensReadOnlyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("books.sqlite"));
    QVERIFY(fillLedger(path, 2, 10));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const QByteArray before = fileHash(path);
    {
        auto ledger = Ledger::open(path);
        QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
        QVERIFY((*ledger)->isReadOnly());
        QVERIFY2((*ledger)->database()->readOnlyReason().contains(QStringLiteral("read-only")),
                 qPrintable((*ledger)->database()->readOnlyReason()));
        auto accounts = (*ledger)->accounts();
        QVERIFY(accounts.isOk());
        QCOMPARE(accounts->size(), 2);
        auto added = (*ledger)->addTransaction(row(accounts->first().id, 5, QStringLiteral("x")));
        QVERIFY(!added.isOk());
        QVERIFY2(added.status().isReadOnly(), qPrintable(added.status().toString()));
        auto created = (*ledger)->createAccount({QStringLiteral("New"), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY(created.status().isReadOnly());
    }
    QCOMPARE(fileHash(path), before);
    // Writable again: opens read-write.
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    auto ledger = Ledger::open(path);
    QVERIFY(ledger.isOk());
    QVERIFY(!(*ledger)->isReadOnly());
}

void TestDatabase::opensInReadOnlyDirectory()
{
    QTemporaryDir dir;
    const QString sub = dir.filePath(QStringLiteral("archive"));
    QVERIFY(QDir().mkpath(sub));
    const QString path = QDir(sub).filePath(QStringLiteral("books.sqlite"));
    QVERIFY(fillLedger(path, 1, 5));
    const auto dirMode = QFileDevice::ReadOwner | QFileDevice::ExeOwner;
    QVERIFY(QFile::setPermissions(sub, dirMode));
    {
        auto ledger = Ledger::open(path);
        QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
        QVERIFY((*ledger)->isReadOnly());
        QVERIFY((*ledger)->database()->readOnlyReason().contains(QStringLiteral("directory")));
        QCOMPARE((*ledger)->accounts()->size(), 1);
        QVERIFY((*ledger)
                    ->createAccount({QStringLiteral("New"), AccountType::Checking, QStringLiteral("EUR")})
                    .status()
                    .isReadOnly());
    }
    QVERIFY(QFile::setPermissions(sub, dirMode | QFileDevice::WriteOwner));
}

void TestDatabase::backsUpBeforeMigration()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    QVERIFY(schemaVersion1File(path));
    QList<int> calls;
    Database::Options options;
    options.beforeMigration = [&](QSqlDatabase& db, int from) {
        calls.append(from);
        return pragma(db, QStringLiteral("user_version")).toInt() == 1 ? Status::ok()
                                                                       : Status::internal(QStringLiteral("written"));
    };
    auto db = Database::open(path, options);
    QVERIFY2(db.isOk(), qPrintable(db.status().toString()));
    QCOMPARE(calls, QList<int> {1});
    db = Database::open(path, options); // up to date: no call
    QCOMPARE(calls, QList<int> {1});

    // A failing hook stops the open and leaves the file as it was.
    const QString path2 = dir.filePath(QStringLiteral("old2.sqlite"));
    QVERIFY(schemaVersion1File(path2));
    const QByteArray before = fileHash(path2);
    options.beforeMigration = [](QSqlDatabase&, int) { return Status::ioError(QStringLiteral("disk full")); };
    auto refused = Database::open(path2, options);
    QVERIFY(!refused.isOk());
    QCOMPARE(refused.status().message(), QStringLiteral("disk full"));
    QCOMPARE(fileHash(path2), before);
}

void TestDatabase::checksLargeFilesCheaply()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("books.sqlite"));
    QVERIFY(fillLedger(path, 2, 300));
    Database::Options options;
    options.quickCheckMaxBytes = 0; // every file counts as large
    QVERIFY(Database::open(path, options).isOk());
    // Cut off the last pages: found without the quick check.
    const QString copy = dir.filePath(QStringLiteral("cut.sqlite"));
    QVERIFY(QFile::copy(path, copy));
    QVERIFY(QFile::resize(copy, QFileInfo(path).size() - 3 * 4096));
    auto db = Database::open(copy, options);
    QVERIFY(!db.isOk());
    QVERIFY2(db.status().isCorruption(), qPrintable(db.status().toString()));
    QVERIFY(db.status().message().contains(QStringLiteral("ledgerguard restore")));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
