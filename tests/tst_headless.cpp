// SPDX-License-Identifier: GPL-3.0-or-later
// The headless binary end to end: `ledgerguard --headless --serve --port 0 --db FILE` starts with no display, prints
// the URL it listens on, answers HTTP, and exits with code 0 on SIGTERM and SIGINT.
#include "ledger/Database.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

class TestHeadless : public QObject
{
    Q_OBJECT

private slots:
    void serveAndStop_data();
    void serveAndStop();
    void badCommandLine_data();
    void badCommandLine();
    void detectsStaleAccountsAtStart();
    void helpListsEverything();

private:
    // Starts the binary and returns the URL it prints, or an empty string.
    QString start(QProcess& process, const QStringList& extraArguments);
    QPair<int, QJsonObject> get(const QString& url, const QByteArray& token = {});

    QTemporaryDir m_dir;
    QString m_stderr;
};

QString TestHeadless::start(QProcess& process, const QStringList& extraArguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // must not need one
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("HOME"), m_dir.path()); // never the user's own data directory
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LG_APP_PATH),
                  QStringList {QStringLiteral("--headless"), QStringLiteral("--serve"), QStringLiteral("--port"),
                               QStringLiteral("0"), QStringLiteral("--db"),
                               m_dir.filePath(QStringLiteral("ledger.sqlite"))}
                      + extraArguments);
    if (!process.waitForStarted(10000))
        return {};
    m_stderr.clear();
    const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000 && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        m_stderr += QString::fromUtf8(process.readAllStandardError());
        if (const auto match = listening.match(m_stderr); match.hasMatch())
            return match.captured(1);
    }
    return {};
}

QPair<int, QJsonObject> TestHeadless::get(const QString& url, const QByteArray& token)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(url + QStringLiteral("/health")));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply* reply = nam.get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return {status, json};
}

void TestHeadless::serveAndStop_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<bool>("withToken");
#ifdef Q_OS_UNIX
    QTest::addRow("SIGTERM") << int(SIGTERM) << false;
    QTest::addRow("SIGINT") << int(SIGINT) << false;
    QTest::addRow("SIGTERM with token") << int(SIGTERM) << true;
#else
    QTest::addRow("terminate") << 0 << false;
#endif
}

void TestHeadless::serveAndStop()
{
    QFETCH(int, signal);
    QFETCH(bool, withToken);
    QVERIFY(m_dir.isValid());
    QProcess process;
    const QStringList extra = withToken ? QStringList {QStringLiteral("--token"), QStringLiteral("t0ken"),
                                                       QStringLiteral("--generator-interval"), QStringLiteral("120")}
                                        : QStringList {};
    const QString url = start(process, extra);
    QVERIFY2(!url.isEmpty(), qPrintable(m_stderr + QString::fromUtf8(process.readAllStandardError())));
    QVERIFY(url.startsWith(QLatin1String("http://127.0.0.1:")));

    auto [status, json] = get(url, withToken ? QByteArray("t0ken") : QByteArray());
    QCOMPARE(status, 200);
    QCOMPARE(json.value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(json.value("schemaVersion").toInt(), ledgerguard::Database::kSchemaVersion);
    // A ledger of one's own (--db): the generator books no made-up rows unless asked; detection runs as always.
    QCOMPARE(json.value("generator").toObject().value("intervalSeconds").toInt(), withToken ? 120 : 0);
    QCOMPARE(json.value("detector").toObject().value("intervalSeconds").toInt(), 600);
    if (withToken)
        QCOMPARE(get(url).first, 401);

#ifdef Q_OS_UNIX
    ::kill(pid_t(process.processId()), signal);
#else
    // A console control event cannot be sent to a child without a shared console from here.
    Q_UNUSED(signal);
    process.kill();
    process.waitForFinished(20000);
    QSKIP("the clean stop is tested with POSIX signals only");
#endif
    QVERIFY(process.waitForFinished(20000));
    m_stderr += QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(m_stderr));
    QVERIFY2(m_stderr.contains(QLatin1String("ledgerguard: stopped")), qPrintable(m_stderr));
    // The access log: one JSON line per request.
    QVERIFY2(m_stderr.contains(QLatin1String("\"path\":\"/health\"")), qPrintable(m_stderr));
}

void TestHeadless::badCommandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addRow("port text") << QStringList {QStringLiteral("--port"), QStringLiteral("http")} << 2;
    QTest::addRow("port too large") << QStringList {QStringLiteral("--port"), QStringLiteral("70000")} << 2;
    QTest::addRow("bind name") << QStringList {QStringLiteral("--bind"), QStringLiteral("example.org")} << 2;
    QTest::addRow("bind foreign address") << QStringList {QStringLiteral("--bind"), QStringLiteral("192.0.2.1"),
                                                          QStringLiteral("--token"), QStringLiteral("t0ken")}
                                          << 1;
    QTest::addRow("bind all without token") << QStringList {QStringLiteral("--bind"), QStringLiteral("0.0.0.0")} << 2;
    QTest::addRow("bind :: without token") << QStringList {QStringLiteral("--bind"), QStringLiteral("::")} << 2;
    QTest::addRow("empty token") << QStringList {QStringLiteral("--token"), QString()} << 2;
}

void TestHeadless::badCommandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QProcess process;
    process.start(QStringLiteral(LG_APP_PATH),
                  QStringList {QStringLiteral("--headless"), QStringLiteral("--serve"), QStringLiteral("--db"),
                               m_dir.filePath(QStringLiteral("bad.sqlite"))}
                      + arguments);
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), exitCode);
    QVERIFY(process.readAllStandardError().startsWith("ledgerguard: "));
}

void TestHeadless::detectsStaleAccountsAtStart()
{
    // A ledger with a never-scored account (imported without detection), then a server with the default
    // 10-minute detection interval: the server scores it at start, as the desktop does, not 10 minutes later.
    QTemporaryDir dir;
    const QString ledger = dir.filePath(QStringLiteral("stale.sqlite"));
    QString csv = QStringLiteral("Date,Amount,Description,Payee\n");
    for (int i = 0; i < 40; ++i)
        csv += QStringLiteral("2026-0%1-%2,-%3.50,Supplies %4,Shop %5\n")
                   .arg(1 + i % 6)
                   .arg(10 + i % 18)
                   .arg(20 + (i * 37) % 90)
                   .arg(i)
                   .arg(i % 4);
    QFile file(dir.filePath(QStringLiteral("s.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv.toUtf8());
    file.close();
    QProcess import;
    import.start(QStringLiteral(LG_APP_PATH),
                 {QStringLiteral("import"), file.fileName(), QStringLiteral("--db"), ledger,
                  QStringLiteral("--account"), QStringLiteral("Supplies"), QStringLiteral("--create-accounts"),
                  QStringLiteral("--currency"), QStringLiteral("EUR"), QStringLiteral("--no-detect")});
    QVERIFY(import.waitForFinished(60000));
    QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());

    QProcess server;
    const QString url = start(server, {QStringLiteral("--db"), ledger});
    QVERIFY2(!url.isEmpty(), qPrintable(m_stderr));
    QElapsedTimer waited;
    waited.start();
    QJsonObject health;
    do {
        health = get(url).second;
        // The run's record is written after its scores, so the stale count can reach 0 a moment before it.
        if (health.value("counts").toObject().value("staleAccounts").toInt(-1) == 0
            && !health.value("lastDetectionRun").isNull())
            break;
        QTest::qWait(200);
    } while (waited.elapsed() < 60000);
    QCOMPARE(health.value("counts").toObject().value("staleAccounts").toInt(-1), 0);
    QVERIFY(!health.value("lastDetectionRun").isNull());
    server.terminate();
    QVERIFY(server.waitForFinished(20000));
}

void TestHeadless::helpListsEverything()
{
    // The README says --help lists every option and command: the headless ones included, one line per command.
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LG_APP_PATH), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const char* option : {"--db", "--generator-interval", "--detector-interval", "--screenshots", "--headless",
                               "--serve", "--port", "--bind", "--token"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
    for (const char* command :
         {"import", "export", "label", "report", "detect", "evaluate", "backup", "restore", "check"}) {
        const QRegularExpression line(QStringLiteral("\\n  %1 [^\\n]*\\S").arg(QLatin1String(command)));
        QVERIFY2(help.contains(line), command);
    }
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
