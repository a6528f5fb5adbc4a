// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger file's safety end to end through the `ledgerguard` binary: a first start killed (SIGKILL) at many
// points never leaves a partial demo ledger; `ledgerguard check|backup|restore` exit codes and messages on damaged
// copies; a read-only ledger served read-only (/health readOnly, writes 503 ReadOnly).
#include "backup/Check.h"
#include "generate/DemoLedger.h"
#include "util/Clock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace ledgerguard;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

struct HttpReply
{
    int status = 0;
    QJsonObject json;
};

HttpReply request(const QString& url, const QByteArray& method, const QByteArray& body = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest r {QUrl(url)};
    if (!body.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* reply = nam.sendCustomRequest(r, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply out {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                   QJsonDocument::fromJson(reply->readAll()).object()};
    delete reply;
    return out;
}

} // namespace

class TestIntegrity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void demoLedgerSurvivesKills();
    void checkBackupRestoreCommands();
    void restoreRefusedWhileServed();
    void readOnlyLedgerServedReadOnly();

private:
    QProcessEnvironment environment() const;
    Run run(const QStringList& arguments);
    // Starts `ledgerguard --headless --serve --port 0` with `arguments`; returns its URL or an empty string.
    QString serve(QProcess& process, const QStringList& arguments);
    void stop(QProcess& process);
    // A demo ledger of `days` days at <dir>/<sub>/books.sqlite; empty when it could not be made.
    QString demoLedger(const QString& sub, int days) const;
    QString demoLedgerPath() const
    {
        return m_dir.filePath(QStringLiteral("data/LedgerGuard/LedgerGuard/ledger.sqlite"));
    }

    QTemporaryDir m_dir;
};

QProcessEnvironment TestIntegrity::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("HOME"), m_dir.path()); // never the user's own data directory
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    return env;
}

Run TestIntegrity::run(const QStringList& arguments)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(QStringLiteral(LG_APP_PATH), arguments);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString TestIntegrity::serve(QProcess& process, const QStringList& arguments)
{
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(LG_APP_PATH),
                  QStringList {QStringLiteral("--headless"), QStringLiteral("--serve"), QStringLiteral("--port"),
                               QStringLiteral("0")}
                      + arguments);
    if (!process.waitForStarted(10000))
        return {};
    const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    QString err;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000 && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        err += QString::fromUtf8(process.readAllStandardError());
        if (const auto match = listening.match(err); match.hasMatch())
            return match.captured(1);
    }
    qWarning("%s", qPrintable(err));
    return {};
}

QString TestIntegrity::demoLedger(const QString& sub, int days) const
{
    const QString ledger = m_dir.filePath(sub + QStringLiteral("/books.sqlite"));
    QDir().mkpath(QFileInfo(ledger).absolutePath());
    ManualClock clock(QDateTime::currentMSecsSinceEpoch());
    return createDemoLedgerFile(ledger, clock, days, 9).isOk() ? ledger : QString();
}

void TestIntegrity::stop(QProcess& process)
{
    process.terminate();
    if (!process.waitForFinished(20000))
        process.kill();
    process.waitForFinished(5000);
}

void TestIntegrity::demoLedgerSurvivesKills()
{
#ifndef Q_OS_UNIX
    QSKIP("SIGKILL is Unix");
#else
    const QString ledger = demoLedgerPath();
    const QDir dir = QFileInfo(ledger).absoluteDir();
    int midCreation = 0;
    // Kills spread over the first start, and (delay -1) one as soon as the creation's temporary file appears, so
    // that one kill lands during the creation however loaded the machine is; after each, the ledger is absent or
    // complete, never partial.
    const auto creating = [&] {
        return !dir.entryList({QStringLiteral("ledger.sqlite.tmp-*")}, QDir::Files).isEmpty()
            && !QFileInfo::exists(ledger);
    };
    for (int delayMs : {0, 40, 120, 250, 400, 600, 900, 1300, 1800, 2500, 3500, -1}) {
        QFile::remove(ledger);
        for (const QString& tmp : dir.entryList({QStringLiteral("ledger.sqlite.tmp-*")}, QDir::Files))
            QFile::remove(dir.filePath(tmp));
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(LG_APP_PATH),
                {QStringLiteral("--headless"), QStringLiteral("--generator-interval"), QStringLiteral("0"),
                 QStringLiteral("--detector-interval"), QStringLiteral("0")});
        QVERIFY(p.waitForStarted(10000));
        if (delayMs >= 0) {
            QThread::msleep(delayMs);
        } else {
            QElapsedTimer waited;
            waited.start();
            while (!creating() && !QFileInfo::exists(ledger) && waited.elapsed() < 30000)
                QThread::msleep(2);
        }
        if (creating())
            ++midCreation;
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(10000));
        if (!QFileInfo::exists(ledger))
            continue;
        auto report = backup::checkLedger(ledger);
        QVERIFY2(report.isOk(), qPrintable(report.status().toString()));
        QVERIFY2(report->isOk(), qPrintable(report->problems.value(0).message));
        QVERIFY2(report->accounts == 8 && report->transactions > 0,
                 qPrintable(QStringLiteral("after a kill at %1 ms: %2 accounts, %3 transactions")
                                .arg(delayMs)
                                .arg(report->accounts)
                                .arg(report->transactions)));
    }
    QVERIFY2(midCreation > 0, "no kill landed during the creation; the test proves nothing");
    // A normal start after the last kill gives a complete demo ledger and removes the temporary files left.
    QFile::remove(ledger);
    QFile stale(dir.filePath(QStringLiteral("ledger.sqlite.tmp-Xy12Zq")));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();
    QProcess server;
    QVERIFY(!serve(server,
                   {QStringLiteral("--generator-interval"), QStringLiteral("0"), QStringLiteral("--detector-interval"),
                    QStringLiteral("0")})
                 .isEmpty());
    stop(server);
    QVERIFY(dir.entryList({QStringLiteral("ledger.sqlite.tmp-*")}, QDir::Files).isEmpty());
    auto report = backup::checkLedger(ledger);
    QVERIFY(report.isOk());
    QVERIFY(report->isOk());
    QCOMPARE(report->accounts, 8);
    QVERIFY(report->transactions > 0);
#endif
}

void TestIntegrity::checkBackupRestoreCommands()
{
    const QString ledger = demoLedger(QStringLiteral("cmd"), 5);
    QVERIFY(!ledger.isEmpty());

    Run r = run({QStringLiteral("check"), QStringLiteral("--db"), ledger});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("ok: ")), qPrintable(r.out + r.err));
    QCOMPARE(run({QStringLiteral("check"), QStringLiteral("--db"), ledger, QStringLiteral("--bogus")}).code, 2);
    QCOMPARE(run({QStringLiteral("check"), QStringLiteral("extra"), QStringLiteral("--db"), ledger}).code, 2);
    r = run({QStringLiteral("check"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("cmd/none.sqlite"))});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("does not exist")));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("cmd/none.sqlite")))); // check never creates one
    // A PostgreSQL ledger is refused before any connection is made: the server's own tools do these.
    const QString url = QStringLiteral("postgresql://nobody@127.0.0.1:1/none");
    for (const QStringList& args : {QStringList {QStringLiteral("check"), QStringLiteral("--db"), url},
                                    QStringList {QStringLiteral("backup"), QStringLiteral("--db"), url},
                                    QStringList {QStringLiteral("restore"), ledger, QStringLiteral("--db"), url}}) {
        r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("pg_dump")) && r.err.contains(url), qPrintable(r.err));
    }
    // A malformed database URL is a bad argument (exit 2), refused before any connection; its password is not
    // echoed.
    r = run(
        {QStringLiteral("detect"), QStringLiteral("--db"), QStringLiteral("postgresql://alice:hunter2@127.0.0.1:1/x")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("password")) && !r.err.contains(QStringLiteral("hunter2")),
             qPrintable(r.err));

    r = run({QStringLiteral("backup"), QStringLiteral("--db"), ledger});
    QCOMPARE(r.code, 0);
    const QString saved = r.out.trimmed();
    QVERIFY2(saved.endsWith(QStringLiteral(".lgbackup")) && QFileInfo::exists(saved), qPrintable(r.out + r.err));
    const QString out = m_dir.filePath(QStringLiteral("cmd/copy.lgbackup"));
    QCOMPARE(run({QStringLiteral("backup"), QStringLiteral("--db"), ledger, QStringLiteral("--out"), out}).code, 0);
    QVERIFY(QFileInfo(out).size() > 0);
    QCOMPARE(run({QStringLiteral("backup"), QStringLiteral("--db"), ledger, QStringLiteral("--out"), out}).code, 2);

    // Damage: one transaction of account 1 changed by 12.34 with raw SQL.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(ledger);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE transactions SET amount = amount - 1234 WHERE id = (SELECT id FROM "
                                      "transactions WHERE account_id = 1 ORDER BY timestamp LIMIT 1)")));
        QCOMPARE(q.numRowsAffected(), 1);
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    r = run({QStringLiteral("check"), QStringLiteral("--db"), ledger});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.startsWith(QStringLiteral("balance: account 1 (Operating)"))
                 && r.out.contains(QStringLiteral("12.34")),
             qPrintable(r.out));
    r = run({QStringLiteral("check"), QStringLiteral("--db"), ledger, QStringLiteral("--json")});
    QCOMPARE(r.code, 1);
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("ok")).toBool(true), false);
    const QJsonArray problems = json.value(QStringLiteral("problems")).toArray();
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems[0].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("balance"));
    QCOMPARE(problems[0].toObject().value(QStringLiteral("differenceMinor")).toString(), QStringLiteral("1234"));
    QCOMPARE(problems[1].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("running_balance"));

    r = run({QStringLiteral("restore"), saved, QStringLiteral("--db"), ledger});
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(QStringLiteral("kept as")));
    QCOMPARE(run({QStringLiteral("check"), QStringLiteral("--db"), ledger}).code, 0);
    QCOMPARE(run({QStringLiteral("restore"), QStringLiteral("--db"), ledger}).code, 2);
    r = run({QStringLiteral("restore"), m_dir.filePath(QStringLiteral("cmd/none.lgbackup")), QStringLiteral("--db"),
             ledger});
    QCOMPARE(r.code, 1);
}

void TestIntegrity::restoreRefusedWhileServed()
{
    const QString ledger = demoLedger(QStringLiteral("served"), 2);
    QVERIFY(!ledger.isEmpty());
    Run r = run({QStringLiteral("backup"), QStringLiteral("--db"), ledger});
    QCOMPARE(r.code, 0);
    QProcess server;
    const QString url = serve(server, {QStringLiteral("--db"), ledger});
    QVERIFY(!url.isEmpty());
    QCOMPARE(request(url + QStringLiteral("/health"), "GET").status, 200);
    r = run({QStringLiteral("restore"), r.out.trimmed(), QStringLiteral("--db"), ledger});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("is open")), qPrintable(r.err));
    QCOMPARE(request(url + QStringLiteral("/health"), "GET").status, 200);
    stop(server);
}

void TestIntegrity::readOnlyLedgerServedReadOnly()
{
    const QString ledger = demoLedger(QStringLiteral("ro"), 2);
    QVERIFY(!ledger.isEmpty());
    QVERIFY(QFile::setPermissions(ledger, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QProcess server;
    const QString url = serve(server, {QStringLiteral("--db"), ledger});
    QVERIFY(!url.isEmpty());
    const HttpReply health = request(url + QStringLiteral("/health"), "GET");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json.value(QStringLiteral("readOnly")).toBool(), true);
    QVERIFY(health.json.value(QStringLiteral("readOnlyReason")).toString().contains(QStringLiteral("read-only")));
    const HttpReply write
        = request(url + QStringLiteral("/transactions"), "POST",
                  R"({"accountId": 1, "amountMinor": -1234, "description": "x", "category": "fees"})");
    QCOMPARE(write.status, 503);
    QCOMPARE(write.json.value(QStringLiteral("code")).toString(), QStringLiteral("ReadOnly"));
    QVERIFY(write.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("read-only")));
    stop(server);
    QFile::setPermissions(ledger, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

QTEST_GUILESS_MAIN(TestIntegrity)
#include "tst_integrity.moc"
