// SPDX-License-Identifier: GPL-3.0-or-later
// core/backup: backups (VACUUM INTO, owner-only, rotation, daily), restore (checks, lock, kept copy) and the ledger
// check (integrity, balances, running balances, foreign keys, audit triggers), each by damaging a copy; and the
// demo ledger file that is complete or absent.
#include "backup/Backup.h"
#include "backup/Check.h"
#include "file_mode.h"
#include "generate/DemoLedger.h"
#include "import/ImportService.h"
#include "ledger/Ledger.h"
#include "ledger/Schema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace ledgerguard;

namespace {

// Runs `sql` on the file with a connection of its own (as another program would).
bool rawExec(const QString& path, const QString& sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql) && (!sql.startsWith(QLatin1String("UPDATE")) || q.numRowsAffected() == 1);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return ok;
}

qint64 rawCount(const QString& path, const QString& table)
{
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM ") + table) && q.next())
                n = q.value(0).toLongLong();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("count"));
    return n;
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void backupIsOwnerOnlyAndComplete();
    void keepsTheNewest();
    void backupsOfOneSecondTakeTheirOwnNames();
    void dailyBackupOnlyWhenDue();
    void backsUpBeforeImport();
    void restoreRoundTrip();
    void restoreRefusesWhileOpen();
    void restoreRefusesDamagedBackup();
    void checkPassesIntactLedger();
    void checkNamesChangedAmount();
    void checkFindsFlippedBytes();
    void checkAuditTriggers();
    void checkNamesBrokenReversalLinks();
    void checkRollsBackAHotJournal();
    void demoLedgerFileIsCompleteAndRemovesStaleTemps();

private:
    // A demo ledger of `days` days at m_path, closed.
    void makeLedger(int days = 5);

    QTemporaryDir m_dir;
    QString m_path;
    ManualClock m_clock {QDateTime::currentMSecsSinceEpoch()};
};

void TestBackup::init()
{
    m_path = QDir(m_dir.path()).filePath(QStringLiteral("%1/books.sqlite").arg(QTest::currentTestFunction()));
    QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
}

void TestBackup::makeLedger(int days)
{
    auto ledger = Ledger::open(m_path, m_clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    QVERIFY(createDemoLedger(**ledger, days, 3).isOk());
}

// A writer killed while the file was in rollback-journal mode leaves a hot journal, which only a read-write
// connection may roll back: the check does so first (as it rebuilds a dead writer's WAL index), then finds the ledger
// as it was before the killed transaction.
void TestBackup::checkRollsBackAHotJournal()
{
    makeLedger();
    const qint64 transactions = rawCount(m_path, QStringLiteral("transactions"));
    const QString killed = QDir(m_dir.path()).filePath(QStringLiteral("killed/books.sqlite"));
    QVERIFY(QDir().mkpath(QFileInfo(killed).absolutePath()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hot"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA cache_size = 8"))); // the transaction spills pages into the file
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM transaction_scores")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE scratch (v BLOB)")));
        for (int i = 0; i < 200; ++i)
            QVERIFY(q.exec(QStringLiteral("INSERT INTO scratch VALUES (randomblob(8000))")));
        // The file and its journal as a SIGKILL now would leave them.
        QVERIFY(QFileInfo::exists(m_path + QStringLiteral("-journal")));
        QVERIFY(QFile::copy(m_path, killed));
        QVERIFY(QFile::copy(m_path + QStringLiteral("-journal"), killed + QStringLiteral("-journal")));
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("hot"));
    auto report = backup::checkLedger(killed);
    QVERIFY2(report.isOk(), qPrintable(report.status().toString()));
    QVERIFY2(report->isOk(), qPrintable(report->problems.value(0).message));
    QCOMPARE(report->transactions, transactions);
    QVERIFY(!QFileInfo::exists(killed + QStringLiteral("-journal")));
}

void TestBackup::backupIsOwnerOnlyAndComplete()
{
    makeLedger();
#ifdef Q_OS_UNIX
    const mode_t before = ::umask(022);
#endif
    auto ledger = Ledger::open(m_path, m_clock);
    QVERIFY(ledger.isOk());
    auto made = backup::create(*(*ledger)->database(), m_clock);
#ifdef Q_OS_UNIX
    ::umask(before);
#endif
    QVERIFY2(made.isOk(), qPrintable(made.status().toString()));
    const QString name = QFileInfo(*made).fileName();
    QVERIFY2(QRegularExpression(QStringLiteral("^books-\\d{8}-\\d{6}\\.lgbackup$")).match(name).hasMatch(),
             qPrintable(name));
    QCOMPARE(QFileInfo(*made).absolutePath(), Database::backupDirectory(m_path));
#ifdef Q_OS_UNIX
    QCOMPARE(fileMode(*made), 0600);
    QCOMPARE(fileMode(Database::backupDirectory(m_path)), 0700);
#endif
    QVERIFY(backup::verify(*made).isOk());
    QCOMPARE(rawCount(*made, QStringLiteral("transactions")), rawCount(m_path, QStringLiteral("transactions")));
    QVERIFY(rawCount(*made, QStringLiteral("transactions")) > 0);
}

void TestBackup::keepsTheNewest()
{
    makeLedger(1);
    auto ledger = Ledger::open(m_path, m_clock);
    QVERIFY(ledger.isOk());
    QStringList made;
    for (int i = 0; i < 6; ++i) {
        if (i != 3) // two in the same second: the second gets "-2"
            m_clock.advanceMs(kHourMs);
        auto b = backup::create(*(*ledger)->database(), m_clock, 3);
        QVERIFY2(b.isOk(), qPrintable(b.status().toString()));
        made.append(*b);
    }
    QVERIFY(made[3].endsWith(QStringLiteral("-2.lgbackup")));
    const QFileInfoList kept = backup::list(m_path);
    QCOMPARE(kept.size(), 3);
    QCOMPARE(kept[0].absoluteFilePath(), made[5]);
    QCOMPARE(kept[1].absoluteFilePath(), made[4]);
    QCOMPARE(kept[2].absoluteFilePath(), made[3]);
    // Another ledger's backups in the same directory are not counted or deleted.
    QFile other(QDir(Database::backupDirectory(m_path)).filePath(QStringLiteral("books-old-20200101-000000.lgbackup")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    // Partial files of killed backups: never listed; deleted once a day old.
    const QDir backups(Database::backupDirectory(m_path));
    QFile stale(backups.filePath(QStringLiteral("books-20200101-000000.lgbackup.partial")));
    QFile fresh(backups.filePath(QStringLiteral("books-20990101-000000.lgbackup.partial")));
    for (QFile* f : {&stale, &fresh}) {
        QVERIFY(f->open(QIODevice::ReadWrite));
        f->write("partial");
        QVERIFY(f->flush());
    }
    QVERIFY(stale.setFileTime(QDateTime::currentDateTimeUtc().addDays(-2), QFileDevice::FileModificationTime));
    stale.close();
    fresh.close();
    QCOMPARE(backup::list(m_path).size(), 3);
    QVERIFY(backup::prune(m_path, 1).isOk());
    QCOMPARE(backup::list(m_path).size(), 1);
    QVERIFY(other.exists());
    QVERIFY(!stale.exists());
    QVERIFY(fresh.exists());
}

void TestBackup::backupsOfOneSecondTakeTheirOwnNames()
{
    makeLedger(1);
    auto ledger = Ledger::open(m_path, m_clock);
    QVERIFY(ledger.isOk());
    const Database& database = *(*ledger)->database();
    // A name whose backup another process is writing (its ".partial" exists) is not taken.
    const QString stamp = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC).toString("yyyyMMdd-HHmmss");
    QVERIFY(QDir().mkpath(Database::backupDirectory(m_path)));
    QFile writing(
        QDir(Database::backupDirectory(m_path)).filePath(QStringLiteral("books-%1.lgbackup.partial").arg(stamp)));
    QVERIFY(writing.open(QIODevice::WriteOnly));
    writing.close();
    auto first = backup::create(database, m_clock, 100);
    QVERIFY2(first.isOk(), qPrintable(first.status().toString()));
    QVERIFY2(first->endsWith(QStringLiteral("books-%1-2.lgbackup").arg(stamp)), qPrintable(*first));
    QVERIFY(writing.exists());
    // Threads backing up in the same second (imports sent at once) each write a whole backup of their own.
    constexpr int kThreads = 4;
    constexpr int kEach = 3;
    QList<QList<Result<QString>>> made(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i)
                made[t].append(backup::create(database, m_clock, 100));
        });
    for (std::thread& t : threads)
        t.join();
    QSet<QString> names {*first};
    for (const auto& list : std::as_const(made))
        for (const Result<QString>& b : list) {
            QVERIFY2(b.isOk(), qPrintable(b.status().toString()));
            QVERIFY(backup::verify(*b).isOk());
            names.insert(*b);
        }
    QCOMPARE(names.size(), kThreads * kEach + 1);
    QCOMPARE(backup::list(m_path).size(), kThreads * kEach + 1);
}

void TestBackup::dailyBackupOnlyWhenDue()
{
    makeLedger(1);
    auto ledger = Ledger::open(m_path, m_clock);
    QVERIFY(ledger.isOk());
    const Database& db = *(*ledger)->database();
    auto first = backup::createIfDue(db, m_clock);
    QVERIFY(first.isOk());
    QVERIFY(!first->isEmpty()); // none yet: due
    m_clock.advanceMs(23 * kHourMs);
    auto second = backup::createIfDue(db, m_clock);
    QVERIFY(second.isOk());
    QVERIFY(second->isEmpty()); // 23 h old: not due
    m_clock.advanceMs(2 * kHourMs);
    auto third = backup::createIfDue(db, m_clock);
    QVERIFY(third.isOk());
    QVERIFY(!third->isEmpty());
    QCOMPARE(backup::list(m_path).size(), 2);
}

void TestBackup::backsUpBeforeImport()
{
    makeLedger(1);
    auto ledger = Ledger::open(m_path, m_clock);
    QVERIFY(ledger.isOk());
    const qint64 before = rawCount(m_path, QStringLiteral("transactions"));
    const QByteArray csv = "Date,Amount,Description,Counterparty,Id\n2026-05-01,-12.50,Coffee,Cafe,T1\n";
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    options.dryRun = true;
    QVERIFY(importStatementData(**ledger, csv, QStringLiteral("s.csv"), options).isOk());
    QCOMPARE(backup::list(m_path).size(), 0); // a dry run writes nothing, backs nothing up
    options.dryRun = false;
    auto summary = importStatementData(**ledger, csv, QStringLiteral("s.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, 1);
    const QFileInfoList backups = backup::list(m_path);
    QCOMPARE(backups.size(), 1);
    QCOMPARE(rawCount(backups[0].absoluteFilePath(), QStringLiteral("transactions")), before); // the state before
}

void TestBackup::restoreRoundTrip()
{
    makeLedger();
    QString saved;
    qint64 countAtBackup = 0;
    {
        auto ledger = Ledger::open(m_path, m_clock);
        QVERIFY(ledger.isOk());
        auto b = backup::create(*(*ledger)->database(), m_clock);
        QVERIFY(b.isOk());
        saved = *b;
        auto accounts = (*ledger)->accounts();
        for (const Account& a : *accounts)
            countAtBackup += a.transactionCount;
        NewTransaction later;
        later.accountId = accounts->first().id;
        later.amount = 4242;
        later.description = QStringLiteral("after the backup");
        later.category = QStringLiteral("other");
        QVERIFY((*ledger)->addTransaction(later));
    }
    m_clock.advanceMs(kMinuteMs);
    auto kept = backup::restore(saved, m_path, m_clock);
    QVERIFY2(kept.isOk(), qPrintable(kept.status().toString()));
    QVERIFY(QFileInfo::exists(*kept));
    QCOMPARE(rawCount(m_path, QStringLiteral("transactions")), countAtBackup);
    QCOMPARE(rawCount(*kept, QStringLiteral("transactions")), countAtBackup + 1); // the replaced state is kept
#ifdef Q_OS_UNIX
    QCOMPARE(fileMode(m_path), 0600);
#endif
    auto ledger = Ledger::open(m_path, m_clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    auto report = backup::checkLedger(m_path);
    QVERIFY(report.isOk());
    QVERIFY(report->isOk());
    QCOMPARE(report->transactions, countAtBackup);
}

void TestBackup::restoreRefusesWhileOpen()
{
    makeLedger(1);
    auto ledger = Ledger::open(m_path, m_clock);
    QVERIFY(ledger.isOk());
    QVERIFY((*ledger)->accounts().isOk()); // a connection in use
    auto b = backup::create(*(*ledger)->database(), m_clock);
    QVERIFY(b.isOk());
    auto refused = backup::restore(*b, m_path, m_clock);
    QVERIFY(!refused.isOk());
    QVERIFY2(refused.status().isBusy(), qPrintable(refused.status().toString()));
    QVERIFY(refused.status().message().contains(QStringLiteral("open")));
    QVERIFY((*ledger)->accounts().isOk()); // untouched
    ledger->reset();
    QVERIFY(backup::restore(*b, m_path, m_clock).isOk());
}

void TestBackup::restoreRefusesDamagedBackup()
{
    makeLedger(1);
    const QString bad = QDir(m_dir.path()).filePath(QStringLiteral("not-a-backup.lgbackup"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    const qint64 before = rawCount(m_path, QStringLiteral("transactions"));
    auto refused = backup::restore(bad, m_path, m_clock);
    QVERIFY(!refused.isOk());
    QVERIFY2(refused.status().isCorruption(), qPrintable(refused.status().toString()));
    QVERIFY(refused.status().message().contains(bad));
    QCOMPARE(rawCount(m_path, QStringLiteral("transactions")), before);
    QVERIFY(backup::restore(QDir(m_dir.path()).filePath(QStringLiteral("missing.lgbackup")), m_path, m_clock)
                .status()
                .isNotFound());
}

void TestBackup::checkPassesIntactLedger()
{
    makeLedger();
    auto report = backup::checkLedger(m_path);
    QVERIFY2(report.isOk(), qPrintable(report.status().toString()));
    QVERIFY2(report->isOk(), qPrintable(report->problems.value(0).message));
    QCOMPARE(report->accounts, 8);
    QVERIFY(report->transactions > 0);
    QVERIFY(backup::checkLedger(QDir(m_dir.path()).filePath(QStringLiteral("none.sqlite"))).status().isNotFound());
}

void TestBackup::checkNamesChangedAmount()
{
    makeLedger();
    // Another program changes one transaction's amount by 5.00 behind the ledger's back.
    QVERIFY(rawExec(m_path,
                    QStringLiteral("UPDATE transactions SET amount = amount + 500 WHERE id = (SELECT id FROM "
                                   "transactions WHERE account_id = 1 ORDER BY timestamp, id LIMIT 1 OFFSET 3)")));
    auto report = backup::checkLedger(m_path);
    QVERIFY(report.isOk());
    QVERIFY(!report->isOk());
    const backup::CheckProblem& first = report->problems.constFirst();
    QCOMPARE(first.kind, QStringLiteral("balance"));
    QCOMPARE(first.accountId, 1);
    QCOMPARE(first.differenceMinor, -500);
    QVERIFY2(first.message.contains(QStringLiteral("account 1 (Operating)"))
                 && first.message.contains(QStringLiteral("-5.00")),
             qPrintable(first.message));
    bool running = false;
    for (const backup::CheckProblem& p : report->problems)
        running
            = running || (p.kind == QStringLiteral("running_balance") && p.accountId == 1 && p.differenceMinor == -500);
    QVERIFY(running);
    QCOMPARE(report->problems.size(), 2); // one per kind for that account, nothing else
}

void TestBackup::checkFindsFlippedBytes()
{
    makeLedger(30);
    {
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 20 * 4096);
        QVERIFY(f.seek(10 * 4096 + 8)); // a page's header and cell pointers
        QByteArray bytes = f.read(64);
        for (char& c : bytes)
            c = char(~uchar(c));
        QVERIFY(f.seek(10 * 4096 + 8));
        f.write(bytes);
    }
    auto report = backup::checkLedger(m_path);
    QVERIFY(report.isOk());
    QVERIFY(!report->isOk());
    QCOMPARE(report->problems.constFirst().kind, QStringLiteral("integrity"));
}

void TestBackup::checkAuditTriggers()
{
    makeLedger(1);
    QVERIFY(backup::checkLedger(m_path)->isOk()); // the schema's audit_log comes with both triggers
    QVERIFY(rawExec(m_path, QStringLiteral("DROP TRIGGER audit_log_no_update")));
    QVERIFY(rawExec(m_path, QStringLiteral("DROP TRIGGER audit_log_no_delete")));
    auto report = backup::checkLedger(m_path);
    QVERIFY(report.isOk());
    QCOMPARE(report->problems.size(), 1);
    QCOMPARE(report->problems[0].kind, QStringLiteral("audit"));
    QVERIFY(report->problems[0].message.contains(QStringLiteral("UPDATE and DELETE")));
    QVERIFY(rawExec(m_path,
                    QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                                   "SELECT RAISE(ABORT, 'append-only'); END")));
    report = backup::checkLedger(m_path);
    QCOMPARE(report->problems.size(), 1);
    QVERIFY(report->problems[0].message.contains(QStringLiteral("refusing DELETE")));
    QVERIFY(rawExec(m_path,
                    QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
                                   "SELECT RAISE(ABORT, 'append-only'); END")));
    report = backup::checkLedger(m_path);
    QVERIFY(report->isOk());
}

// A reversal whose original lost its link, and a link naming a row that reverses something else, are named.
void TestBackup::checkNamesBrokenReversalLinks()
{
    QString original;
    QString reversal;
    QString other;
    {
        auto ledger = Ledger::open(m_path, m_clock);
        QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
        // A week, not a day: a day's demo before the wall clock's time of day (the test's clock) can leave the
        // account fewer than two rows.
        QVERIFY(createDemoLedger(**ledger, 7, 3).isOk());
        TransactionFilter f;
        f.accountId = 1;
        auto page = (*ledger)->transactions(f, PageRequest {2, {}});
        QVERIFY(page.isOk() && page->items.size() == 2);
        original = page->items[0].id;
        other = page->items[1].id;
        auto r = (*ledger)->reverseTransaction(original);
        QVERIFY2(r.isOk(), qPrintable(r.status().toString()));
        reversal = r->id;
    }
    QVERIFY(backup::checkLedger(m_path)->isOk());
    QVERIFY(
        rawExec(m_path, QStringLiteral("UPDATE transactions SET reversed_by = NULL WHERE id = '%1'").arg(original)));
    QVERIFY(rawExec(m_path,
                    QStringLiteral("UPDATE transactions SET reversed_by = '%1' WHERE id = '%2'").arg(reversal, other)));
    auto report = backup::checkLedger(m_path);
    QVERIFY(report.isOk());
    QCOMPARE(report->problems.size(), 2);
    QCOMPARE(report->problems[0].kind, QStringLiteral("reversal"));
    QCOMPARE(
        report->problems[0].message,
        QStringLiteral("transaction %1 is reversed by %2 but names nothing as its reversal").arg(original, reversal));
    QCOMPARE(report->problems[1].kind, QStringLiteral("reversal"));
    QCOMPARE(report->problems[1].message,
             QStringLiteral("transaction %1 names %2 as its reversal, which does not reverse it").arg(other, reversal));
}

void TestBackup::demoLedgerFileIsCompleteAndRemovesStaleTemps()
{
    const QDir dir(QFileInfo(m_path).absolutePath());
    // What a start killed mid-creation leaves behind.
    for (const QString& stale :
         {QStringLiteral("books.sqlite.tmp-AbC123"), QStringLiteral("books.sqlite.tmp-AbC123-wal")}) {
        QFile f(dir.filePath(stale));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("partial");
    }
    QVERIFY(createDemoLedgerFile(m_path, m_clock, 3, 5).isOk());
    QCOMPARE(dir.entryList(QDir::Files), QStringList {QStringLiteral("books.sqlite")}); // no -wal: folded in
#ifdef Q_OS_UNIX
    QCOMPARE(fileMode(m_path), 0600);
#endif
    auto report = backup::checkLedger(m_path);
    QVERIFY(report.isOk());
    QVERIFY(report->isOk());
    QCOMPARE(report->accounts, 8);
    QVERIFY(report->transactions > 0);
    QVERIFY(createDemoLedgerFile(m_path, m_clock, 3, 5).isConflict()); // never over an existing ledger
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
