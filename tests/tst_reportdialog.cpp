// SPDX-License-Identifier: GPL-3.0-or-later
// File > Export report… in the desktop, offscreen: the dialog's defaults, its account selection, writing the PDF on
// the background pool (busy bar, then the dialog closes), non-blocking error boxes, and the main window's menu entry.
#include "api/RestServer.h"
#include "desktop_fixture.h"
#include "generate/TransactionGenerator.h"
#include "schedule/Scheduler.h"
#include "util/Clock.h"
#include "widgets/MainWindow.h"
#include "widgets/ReportDialog.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ledgerguard;

class TestReportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultsAndSelection();
    void defaultPeriodEndsAtTheNewestTransaction();
    void writesOffTheGuiThread();
    void errorsShowABoxWithoutBlocking();
    void menuEntryWritesTheReport();

private:
    static bool isPdf(const QString& path);

    uitest::DemoLedger m_demo;
};

void TestReportDialog::initTestCase()
{
    QVERIFY(m_demo.open(30));
}

bool TestReportDialog::isPdf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = file.readAll();
    return bytes.startsWith("%PDF-") && bytes.trimmed().endsWith("%%EOF");
}

void TestReportDialog::defaultsAndSelection()
{
    ReportDialog dialog(*m_demo.ledger);
    const QDate today = QDateTime::fromMSecsSinceEpoch(uitest::kNowMs).toLocalTime().date();
    ReportOptions o = dialog.options();
    QCOMPARE(o.to, today);
    QCOMPARE(o.from, today.addDays(-29));
    QVERIFY(o.accountIds.isEmpty());
    QCOMPARE(o.generatedAtMs, uitest::kNowMs);
    QCOMPARE(o.ledgerName, QStringLiteral("ui.sqlite"));

    const QList<Account> accounts = m_demo.ledger->accounts().value();
    dialog.setAccounts({accounts[1].id, accounts[3].id});
    o = dialog.options();
    QCOMPARE(o.accountIds, (QList<qint64> {accounts[1].id, accounts[3].id}));
    dialog.setAccounts({});
    QVERIFY(dialog.options().accountIds.isEmpty());
}

void TestReportDialog::defaultPeriodEndsAtTheNewestTransaction()
{
    // Statements of past months imported today: the default period is the 30 days up to the newest transaction.
    QTemporaryDir dir;
    ManualClock clock {uitest::kNowMs};
    auto ledger = Ledger::open(dir.filePath(QStringLiteral("old.sqlite")), clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    auto account = (*ledger)->createAccount({QStringLiteral("Giro"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(account.isOk());
    NewTransaction t;
    t.accountId = account->id;
    t.amount = -1250;
    t.timestamp = uitest::kNowMs - 100 * kDayMs;
    t.description = QStringLiteral("Rent");
    t.category = QStringLiteral("other");
    QVERIFY((*ledger)->addTransaction(t).isOk());
    ReportDialog dialog(**ledger);
    const QDate last = QDateTime::fromMSecsSinceEpoch(*t.timestamp).toLocalTime().date();
    QCOMPARE(dialog.options().to, last);
    QCOMPARE(dialog.options().from, last.addDays(-29));
}

void TestReportDialog::writesOffTheGuiThread()
{
    ReportDialog dialog(*m_demo.ledger);
    dialog.show();
    const QString path = m_demo.dir.filePath(QStringLiteral("dialog.pdf"));
    dialog.setOutputPath(path);
    QSignalSpy finished(&dialog, &ReportDialog::finished);
    QVERIFY(dialog.startWriting());
    QVERIFY(dialog.isWriting());
    QVERIFY(dialog.findChild<QProgressBar*>()->isVisible()); // busy while writing
    dialog.reject(); // ignored while writing
    QVERIFY(dialog.isVisible());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY(finished.first().at(1).toString().contains(QStringLiteral("pages")));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(isPdf(path));
}

void TestReportDialog::errorsShowABoxWithoutBlocking()
{
    ReportDialog dialog(*m_demo.ledger);
    dialog.show();
    // A reversed period is refused before anything starts.
    dialog.setPeriod(QDate(2026, 3, 10), QDate(2026, 3, 1));
    QVERIFY(!dialog.startWriting());
    auto* box = dialog.findChild<QMessageBox*>(QStringLiteral("reportMessage"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("before")));
    box->close();
    QTRY_VERIFY(!dialog.findChild<QMessageBox*>(QStringLiteral("reportMessage")));

    // A file that cannot be written: the error names it and the dialog stays open.
    dialog.setPeriod(QDate(2026, 3, 1), QDate(2026, 3, 10));
    const QString bad = m_demo.dir.filePath(QStringLiteral("no/such/dir/r.pdf"));
    dialog.setOutputPath(bad);
    QSignalSpy finished(&dialog, &ReportDialog::finished);
    QVERIFY(dialog.startWriting());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    box = dialog.findChild<QMessageBox*>(QStringLiteral("reportMessage"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(bad), qPrintable(box->text()));
    QVERIFY(dialog.isVisible());
    QVERIFY(!QFile::exists(bad));
}

void TestReportDialog::menuEntryWritesTheReport()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    TransactionGenerator generator(*m_demo.ledger);
    DetectionPipeline pipeline(*m_demo.ledger, options);
    Scheduler scheduler(&generator, &pipeline);
    RestServer rest(*m_demo.ledger, &pipeline, &scheduler);
    MainWindow window(Services {m_demo.ledger.get(), &pipeline, &scheduler, &rest});
    window.show();
    auto* action = window.findChild<QAction*>(QStringLiteral("exportReportAction"));
    QVERIFY(action);
    const QString path = m_demo.dir.filePath(QStringLiteral("menu.pdf"));
    bool sawDialog = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<ReportDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        sawDialog = true;
        dialog->setOutputPath(path);
        dialog->startWriting();
    });
    action->trigger(); // returns when the dialog closes after writing
    QVERIFY(sawDialog);
    QVERIFY(isPdf(path));
}

QTEST_MAIN(TestReportDialog)
#include "tst_reportdialog.moc"
