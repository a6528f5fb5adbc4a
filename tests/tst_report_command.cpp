// SPDX-License-Identifier: GPL-3.0-or-later
// `ledgerguard report` end to end, with no display: exit codes (0 written, 1 failed, 2 bad arguments), errors naming
// the option, accounts by name or id, and a PDF on disk only when the command succeeded.
#include "generate/DemoLedger.h"
#include "pipeline/DetectionPipeline.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

class TestReportCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writesThePdf();
    void badArguments_data();
    void badArguments();
    void unwritableOutputFails();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& arguments);

    QTemporaryDir m_dir;
    QString m_db;
};

void TestReportCommand::initTestCase()
{
    m_db = m_dir.filePath(QStringLiteral("cmd.sqlite"));
    ManualClock clock {QDateTime(QDate(2026, 3, 31), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch()};
    auto ledger = Ledger::open(m_db, clock);
    QVERIFY(ledger.isOk());
    QVERIFY(createDemoLedger(**ledger, 45, 5).isOk());
    DetectionPipeline pipeline(**ledger);
    QVERIFY(pipeline.runNow(true).isOk());
}

TestReportCommand::Run TestReportCommand::run(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // must not need one
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LG_APP_PATH),
                  QStringList {QStringLiteral("report"), QStringLiteral("--db"), m_db} + arguments);
    Run r;
    if (!process.waitForFinished(120000))
        return r;
    r.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

void TestReportCommand::writesThePdf()
{
    const QString out = m_dir.filePath(QStringLiteral("all.pdf"));
    const Run all = run({QStringLiteral("--from"), QStringLiteral("2026-02-15"), QStringLiteral("--to"),
                         QStringLiteral("2026-03-31"), QStringLiteral("--out"), out});
    QVERIFY2(all.code == 0, qPrintable(all.err));
    QVERIFY2(all.out.startsWith(QStringLiteral("report: ")), qPrintable(all.out));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    const int pagesAll = all.out.section(u' ', 1, 1).toInt();
    QVERIFY(pagesAll >= 2 + 8 + 1); // summary, trend, a page per account, methods

    // Two accounts, one by name and one by id: a page for each instead of eight.
    const QString two = m_dir.filePath(QStringLiteral("two.pdf"));
    const Run some = run({QStringLiteral("--from"), QStringLiteral("2026-02-15"), QStringLiteral("--to"),
                          QStringLiteral("2026-03-31"), QStringLiteral("--account"), QStringLiteral("Operating"),
                          QStringLiteral("--account"), QStringLiteral("2"), QStringLiteral("--out"), two});
    QVERIFY2(some.code == 0, qPrintable(some.err));
    const int pagesTwo = some.out.section(u' ', 1, 1).toInt();
    QVERIFY(pagesTwo >= 2 + 2 + 1);
    QVERIFY(pagesTwo < pagesAll);
}

void TestReportCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");
    const QString out = m_dir.filePath(QStringLiteral("bad.pdf"));
    QTest::newRow("no from") << QStringList {QStringLiteral("--to"), QStringLiteral("2026-03-31"),
                                             QStringLiteral("--out"), out}
                             << QStringLiteral("--from");
    QTest::newRow("bad from") << QStringList {QStringLiteral("--from"), QStringLiteral("2026-02-30"),
                                              QStringLiteral("--to"),   QStringLiteral("2026-03-31"),
                                              QStringLiteral("--out"),  out}
                              << QStringLiteral("--from");
    QTest::newRow("bad to") << QStringList {QStringLiteral("--from"), QStringLiteral("2026-02-01"),
                                            QStringLiteral("--to"),   QStringLiteral("31/03/2026"),
                                            QStringLiteral("--out"),  out}
                            << QStringLiteral("--to");
    QTest::newRow("reversed") << QStringList {QStringLiteral("--from"), QStringLiteral("2026-03-01"),
                                              QStringLiteral("--to"),   QStringLiteral("2026-02-01"),
                                              QStringLiteral("--out"),  out}
                              << QStringLiteral("--to");
    QTest::newRow("no out") << QStringList {QStringLiteral("--from"), QStringLiteral("2026-02-01"),
                                            QStringLiteral("--to"), QStringLiteral("2026-03-01")}
                            << QStringLiteral("--out");
    QTest::newRow("unknown account") << QStringList {QStringLiteral("--from"),    QStringLiteral("2026-02-01"),
                                                     QStringLiteral("--to"),      QStringLiteral("2026-03-01"),
                                                     QStringLiteral("--account"), QStringLiteral("Nope"),
                                                     QStringLiteral("--out"),     out}
                                     << QStringLiteral("--account");
    QTest::newRow("max cases") << QStringList {QStringLiteral("--from"),      QStringLiteral("2026-02-01"),
                                               QStringLiteral("--to"),        QStringLiteral("2026-03-01"),
                                               QStringLiteral("--max-cases"), QStringLiteral("0"),
                                               QStringLiteral("--out"),       out}
                               << QStringLiteral("--max-cases");
}

void TestReportCommand::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    const Run r = run(arguments);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(named), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.pdf"))));
}

void TestReportCommand::unwritableOutputFails()
{
    const Run r = run({QStringLiteral("--from"), QStringLiteral("2026-02-01"), QStringLiteral("--to"),
                       QStringLiteral("2026-03-01"), QStringLiteral("--out"),
                       m_dir.filePath(QStringLiteral("missing/dir/r.pdf"))});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("missing/dir/r.pdf")), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestReportCommand)
#include "tst_report_command.moc"
