// SPDX-License-Identifier: GPL-3.0-or-later
// The throw-away PostgreSQL cluster of the tests (support/PgTestServer.h): start, two fresh databases reached with
// QPSQL, stop removing the directory, and a crashed test process's cluster stopped by the signal hook and removed
// by the next start.
#include "PgTestServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <csignal>
#include <cstdio>

using namespace ledgerguard::test;

namespace {

// A postgres process that has not finished (a zombie nobody reaped yet has).
bool postgresRuns(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray s = stat.readAll();
    const qsizetype close = s.lastIndexOf(')');
    return s.contains("(postgres)") && close + 2 < s.size() && s.at(close + 2) != 'Z';
}

qint64 postmasterPid(const QString& clusterDir)
{
    QFile f(clusterDir + QStringLiteral("/data/postmaster.pid"));
    return f.open(QIODevice::ReadOnly) ? f.readLine().trimmed().toLongLong() : 0;
}

// Run as `tst_pgserver --crash-child`: starts a cluster, prints its directory and postmaster's pid, then crashes.
int crashChild(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    PgTestServer server;
    if (!server.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error()));
        return 2;
    }
    std::printf("%s\n%lld\n", qPrintable(server.directory()), postmasterPid(server.directory()));
    std::fflush(stdout);
    std::raise(SIGSEGV);
    return 3;
}

} // namespace

class TestPgServer : public QObject
{
    Q_OBJECT

private slots:
    void startCreateConnectStop()
    {
        PgTestServer server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        const QString first = server.createDatabase();
        QVERIFY2(!first.isEmpty(), qPrintable(server.error()));
        const QString second = server.createDatabase();
        QVERIFY2(!second.isEmpty(), qPrintable(server.error()));
        QVERIFY(first.startsWith(QLatin1String("postgresql://")));
        QVERIFY(first != second);
        {
            QSqlDatabase a = PgTestServer::openConnection(first, QStringLiteral("a"));
            QVERIFY2(a.isOpen(), qPrintable(a.lastError().text()));
            QSqlDatabase b = PgTestServer::openConnection(second, QStringLiteral("b"));
            QVERIFY2(b.isOpen(), qPrintable(b.lastError().text()));
            QSqlQuery qa(a);
            QVERIFY2(qa.exec(QStringLiteral("CREATE TABLE t (v bigint)")), qPrintable(qa.lastError().text()));
            QVERIFY(qa.exec(QStringLiteral("INSERT INTO t VALUES (9007199254740993)")));
            QVERIFY(qa.exec(QStringLiteral("SELECT v FROM t")) && qa.next());
            QCOMPARE(qa.value(0).toLongLong(), 9007199254740993LL);
            // Each database starts empty.
            QSqlQuery qb(b);
            QVERIFY(qb.exec(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) && qb.next());
            QCOMPARE(qb.value(0).toInt(), 0);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("a"));
        QSqlDatabase::removeDatabase(QStringLiteral("b"));
        if (server.isExternal()) {
            server.stop();
            return; // LG_TEST_PG_URL: no cluster of ours to check
        }
        const QString dir = server.directory();
        QVERIFY(QDir(dir).exists());
        const qint64 pid = postmasterPid(dir);
        QVERIFY(postgresRuns(pid));
        server.stop();
        QVERIFY(!QDir(dir).exists());
        QVERIFY(!postgresRuns(pid));
        QVERIFY(server.directory().isEmpty());
    }

    void crashedRunIsStoppedAndRemoved()
    {
        if (!qEnvironmentVariableIsEmpty("LG_TEST_PG_URL"))
            QSKIP("LG_TEST_PG_URL: no cluster is started");
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-child")});
        QVERIFY(child.waitForFinished(90000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const QStringList lines = QString::fromLocal8Bit(child.readAllStandardOutput()).split(QLatin1Char('\n'));
        QVERIFY2(lines.size() >= 2, qPrintable(QString::fromLocal8Bit(child.readAllStandardError())));
        const QString dir = lines.at(0);
        const qint64 pid = lines.at(1).toLongLong();
        QVERIFY(dir.contains(QLatin1String("lg-pgtest-")));
        QVERIFY(pid > 0);
        // The fatal-signal hook sent the postmaster its immediate shutdown.
        QTRY_VERIFY_WITH_TIMEOUT(!postgresRuns(pid), 10000);
        QVERIFY(QDir(dir).exists());
        // The next start removes the dead process's directory.
        PgTestServer server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        QVERIFY(!QDir(dir).exists());
        server.stop();
    }

    void sharedServerServesDatabases()
    {
        const QString url = PgTestServer::shared().createDatabase();
        QVERIFY2(!url.isEmpty(), qPrintable(PgTestServer::shared().error()));
        {
            QSqlDatabase db = PgTestServer::openConnection(url, QStringLiteral("s"));
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("s"));
    }
};

int main(int argc, char** argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--crash-child") == 0)
        return crashChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestPgServer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_pgserver.moc"
