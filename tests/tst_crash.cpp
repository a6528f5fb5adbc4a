// SPDX-License-Identifier: GPL-3.0-or-later
// Crash test: the headless server (`ledgerguard --headless --serve`, generator and detector every second) on a demo
// ledger takes concurrent POSTs, detection runs and a CSV import over 127.0.0.1 and is killed with SIGKILL at a
// random moment, then started again, for N cycles. After every kill: each acknowledged (201) POST is in the ledger
// exactly once and each unacknowledged one at most once; an acknowledged import has all its rows once and an
// unacknowledged one all or none; `ledgerguard check` (integrity, balances = sums, running balances = prefix sums,
// foreign keys, audit trail) passes; the restarted server answers /health.
//
// Environment: LG_CRASH_CYCLES (default 4), LG_CRASH_SEED (default: a fresh seed, printed so a failure can be
// replayed).
#include "headless_server.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ledgerguard;

namespace {

constexpr int kImportRows = 40;

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedServerLosesNoAcknowledgedWrite();
};

void TestCrash::killedServerLosesNoAcknowledgedWrite()
{
    const int cycles = testing::envInt("LG_CRASH_CYCLES", 4);
    const quint32 seed = quint32(testing::envInt("LG_CRASH_SEED", int(QRandomGenerator::system()->bounded(1 << 30))));
    qInfo("LG_CRASH_CYCLES=%d LG_CRASH_SEED=%u", cycles, seed);
    QRandomGenerator random(seed);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("crash.sqlite"));
    const QList<qint64> accounts = testing::createDemoLedgerAt(path, 20, 7);
    QVERIFY(!accounts.isEmpty());
    const qint64 accountId = accounts.first();
    testing::HeadlessServer server(QStringLiteral(LG_APP_PATH), dir.path());
    QNetworkAccessManager nam;
    qint64 acknowledgedTotal = 0;
    int importsAcknowledged = 0;

    for (int cycle = 0; cycle < cycles; ++cycle) {
        const QString url = server.start(path,
                                         {QStringLiteral("--generator-interval"), QStringLiteral("1"),
                                          QStringLiteral("--detector-interval"), QStringLiteral("1")});
        QVERIFY2(!url.isEmpty(), server.log().right(2000).constData());

        // Six POST streams (the client's connections per host), a detection run now and then, one import.
        const QString tag = QStringLiteral("crash c%1 n").arg(cycle);
        QSet<QString> acknowledged, sent;
        bool importAcknowledged = false;
        bool stopping = false;
        int next = 0;
        std::function<void()> post = [&] {
            if (stopping)
                return;
            const QString description = tag + QString::number(next++);
            const qint64 cents = 100 + qint64(random.bounded(900000));
            const QByteArray body
                = testing::paymentBody(accountId, cents, description, QStringLiteral("Crash Test Ltd"));
            QNetworkRequest request(QUrl(url + QStringLiteral("/transactions")));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            sent.insert(description);
            QNetworkReply* reply = nam.post(request, body);
            connect(reply, &QNetworkReply::finished, this, [&, reply, description] {
                reply->deleteLater();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 201 && reply->error() == QNetworkReply::NoError)
                    acknowledged.insert(description);
                else if (status != 0 && status != 503)
                    qWarning("POST answered %d: %s", status, reply->readAll().constData());
                post();
            });
        };
        for (int i = 0; i < 5; ++i)
            post();
        QByteArray csv = "Date,Amount,Description,Counterparty,Id\n";
        for (int r = 0; r < kImportRows; ++r)
            csv += QStringLiteral("2026-01-%1,-%2.00,import c%3 r%4,Importer Ltd,imp-c%3-r%4\n")
                       .arg(1 + r % 28, 2, 10, QLatin1Char('0'))
                       .arg(10 + r)
                       .arg(cycle)
                       .arg(r)
                       .toUtf8();
        QNetworkRequest importRequest(QUrl(url + QStringLiteral("/imports?account=%1").arg(accountId)));
        importRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/csv"));
        QTimer::singleShot(int(random.bounded(400)), this, [&] {
            QNetworkReply* reply = nam.post(importRequest, csv);
            connect(reply, &QNetworkReply::finished, this, [&, reply] {
                reply->deleteLater();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                importAcknowledged = status == 201;
                if (status != 0 && status != 201 && status != 503)
                    qWarning("import answered %d: %s", status, reply->readAll().constData());
            });
        });
        QTimer detection;
        connect(&detection, &QTimer::timeout, this, [&] {
            QNetworkRequest request(QUrl(url + QStringLiteral("/detection/run")));
            QNetworkReply* reply = nam.post(request, QByteArray());
            connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
        });
        detection.start(250);

        // The kill: at a random moment while all of it goes on.
        QEventLoop loop;
        QTimer::singleShot(300 + int(random.bounded(1200)), &loop, &QEventLoop::quit);
        loop.exec();
        server.kill();
        stopping = true;
        detection.stop();
        // Let the client see every connection fail, so no reply arrives after the counts are read.
        QEventLoop drain;
        QTimer::singleShot(300, &drain, &QEventLoop::quit);
        drain.exec();
        nam.clearConnectionCache();

        const QHash<QString, int> posted = testing::countsByDescription(path, tag);
        for (const QString& d : std::as_const(acknowledged))
            QVERIFY2(posted.value(d) == 1,
                     qPrintable(QStringLiteral("cycle %1: acknowledged %2 stored %3 times")
                                    .arg(cycle)
                                    .arg(d)
                                    .arg(posted.value(d))));
        for (auto it = posted.begin(); it != posted.end(); ++it) {
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("%1 stored %2 times").arg(it.key()).arg(it.value())));
            QVERIFY2(sent.contains(it.key()), qPrintable(it.key()));
        }
        const QHash<QString, int> imported
            = testing::countsByDescription(path, QStringLiteral("import c%1 r").arg(cycle));
        for (auto it = imported.begin(); it != imported.end(); ++it)
            QCOMPARE(it.value(), 1);
        if (importAcknowledged)
            QCOMPARE(int(imported.size()), kImportRows);
        else
            QVERIFY2(
                imported.isEmpty() || imported.size() == kImportRows,
                qPrintable(
                    QStringLiteral("cycle %1: %2 of %3 import rows").arg(cycle).arg(imported.size()).arg(kImportRows)));
        const auto [code, output] = server.check(path);
        QVERIFY2(
            code == 0,
            qPrintable(QStringLiteral("cycle %1: ledgerguard check: %2").arg(cycle).arg(QString::fromUtf8(output))));
        acknowledgedTotal += acknowledged.size();
        importsAcknowledged += importAcknowledged ? 1 : 0;
        qInfo("cycle %d: %lld POSTs acknowledged, %lld stored, import %s", cycle, qint64(acknowledged.size()),
              qint64(posted.size()), importAcknowledged ? "acknowledged" : "not acknowledged");
    }

    // A last start: the ledger opens and answers after the last kill.
    const QString url = server.start(path,
                                     {QStringLiteral("--generator-interval"), QStringLiteral("0"),
                                      QStringLiteral("--detector-interval"), QStringLiteral("0")});
    QVERIFY2(!url.isEmpty(), server.log().right(2000).constData());
    QNetworkReply* reply = nam.get(QNetworkRequest(QUrl(url + QStringLiteral("/health"))));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete reply;
    QVERIFY(server.stop());
    qInfo("%d cycles: %lld acknowledged POSTs, %d acknowledged imports, none lost or doubled", cycles,
          acknowledgedTotal, importsAcknowledged);
    QVERIFY(acknowledgedTotal > 0);
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
