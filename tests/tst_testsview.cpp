// SPDX-License-Identifier: GPL-3.0-or-later
// The Tests view offscreen: the classic tests of a demo ledger listed with their results, a duplicate payment added
// through the ledger found live with its transactions, the Benford chart for one and two digits, the account and
// period pickers, double-click leading to the transaction from the main window, and the view at the two screenshot
// sizes with no result, count, time or amount cut off.
#include "Theme.h"
#include "desktop_fixture.h"
#include "view_checks.h"
#include "widgets/AuditSettingsDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/Services.h"
#include "widgets/SettingsDialog.h"
#include "widgets/TestsView.h"
#include "widgets/TransactionsView.h"

#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using namespace ledgerguard;

namespace {

QBarSeries* bars(QChartView* view)
{
    for (QAbstractSeries* s : view->chart()->series())
        if (auto* b = qobject_cast<QBarSeries*>(s))
            return b;
    return nullptr;
}

QLineSeries* line(QChartView* view)
{
    for (QAbstractSeries* s : view->chart()->series())
        if (auto* l = qobject_cast<QLineSeries*>(s))
            return l;
    return nullptr;
}

} // namespace

class TestTestsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_demo.open(45));
        auto accounts = m_demo.ledger->accounts();
        QVERIFY(accounts.isOk() && !accounts->isEmpty());
        m_account = accounts->first().id;
        m_accountName = accounts->first().name;
    }

    // A ledger of statements of past months: the default period is the twelve months up to its newest transaction,
    // not an empty last year; a period the analyst chose stays.
    void periodEndsAtTheNewestTransaction()
    {
        QTemporaryDir dir;
        auto ledger = Ledger::open(dir.filePath(QStringLiteral("history.sqlite")));
        QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
        auto a = (*ledger)->createAccount({QStringLiteral("Giro"), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY(a.isOk());
        const qint64 when = QDateTime::currentMSecsSinceEpoch() - 500 * kDayMs;
        NewTransaction t;
        t.accountId = a->id;
        t.amount = -12'50;
        t.description = QStringLiteral("Taxi");
        t.category = QStringLiteral("card_spend");
        t.timestamp = when;
        QVERIFY((*ledger)->addTransaction(t).isOk());
        const QDate last = QDateTime::fromMSecsSinceEpoch(when).toLocalTime().date();
        TestsView view(**ledger);
        view.resize(1000, 700);
        view.show();
        QCOMPARE(view.toEdit()->date(), last);
        QCOMPARE(view.fromEdit()->date(), last.addYears(-1).addDays(1));
        view.hide();
        view.fromEdit()->setDate(last.addDays(-10)); // the analyst's choice
        t.timestamp = when + 30 * kDayMs;
        QVERIFY((*ledger)->addTransaction(t).isOk());
        view.show();
        QCOMPARE(view.fromEdit()->date(), last.addDays(-10));
        QCOMPARE(view.toEdit()->date(), last);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 20000);
    }

    void listsEveryTestWithItsResult()
    {
        TestsView view(*m_demo.ledger);
        view.resize(1000, 700);
        QSignalSpy refreshed(&view, &TestsView::refreshed);
        view.show(); // the first run starts when shown
        QVERIFY(refreshed.wait(20000));
        QTableWidget* tests = view.testsTable();
        QCOMPARE(tests->rowCount(), auditTestKeys().size());
        for (int r = 0; r < tests->rowCount(); ++r) {
            const QString key = tests->item(r, 0)->data(Qt::UserRole).toString();
            QCOMPARE(key, auditTestKeys().at(r));
            QCOMPARE(tests->item(r, 0)->text(), auditTestName(key));
            const AuditTestResult* result = view.results()->test(key);
            QCOMPARE(tests->item(r, 1)->text(), auditOutcomeLabel(result->outcome));
            QCOMPARE(tests->item(r, 2)->text(), QLocale().toString(qint64(result->hits.size())));
            QCOMPARE(tests->item(r, 3)->text(), QLocale().toString(result->tested));
        }
        // All accounts, then each account by name.
        QCOMPARE(view.accountChooser()->itemText(0), QStringLiteral("All accounts"));
        QCOMPARE(view.accountChooser()->count(), m_demo.ledger->accounts()->size() + 1);
        QVERIFY(!view.summaryLabel()->text().isEmpty());
    }

    void findsADuplicateLiveWithItsTransactions()
    {
        TestsView view(*m_demo.ledger);
        view.resize(1000, 700);
        view.show();
        view.setAccount(m_account);
        QTRY_VERIFY(!view.isLoading() && view.results());
        const qsizetype before = view.results()->test(QStringLiteral("duplicate_payment"))->hits.size();
        // A payment booked twice, two days apart (amounts no demo payment has).
        const qint64 day = uitest::kNowMs - 3 * kDayMs;
        QStringList ids;
        for (qint64 t : {day, day + 2 * kDayMs}) {
            NewTransaction n;
            n.accountId = m_account;
            n.amount = -777'123;
            n.description = QStringLiteral("Invoice 90210");
            n.category = QStringLiteral("supplier_payment");
            n.counterparty = QStringLiteral("Duplicate Supplies Ltd");
            n.timestamp = t;
            auto added = m_demo.ledger->addTransaction(n);
            QVERIFY(added.isOk());
            ids << added->id;
        }
        const int count = view.refreshCount();
        QTRY_VERIFY_WITH_TIMEOUT(view.refreshCount() > count && !view.isLoading(), 20000);
        const AuditTestResult* dup = view.results()->test(QStringLiteral("duplicate_payment"));
        QCOMPARE(dup->hits.size(), before + 1);
        QCOMPARE(dup->outcome, AuditOutcome::Finding);

        view.selectTest(QStringLiteral("duplicate_payment"));
        QTableWidget* hits = view.hitsTable();
        QCOMPARE(hits->rowCount(), int(dup->hits.size()));
        int found = -1;
        for (int r = 0; r < hits->rowCount(); ++r)
            if (hits->item(r, 0)->data(Qt::UserRole).toString() == ids[1])
                found = r;
        QVERIFY(found >= 0);
        QCOMPARE(hits->item(found, 1)->text(), m_accountName);
        QCOMPARE(hits->item(found, 2)->text(), QStringLiteral("-7,771.23 EUR"));
        QCOMPARE(hits->item(found, 3)->text(), QStringLiteral("Duplicate Supplies Ltd"));
        QVERIFY2(hits->item(found, 4)->text().startsWith(
                     QStringLiteral("second payment of 7,771.23 EUR to Duplicate Supplies Ltd within 2 days")),
                 qPrintable(hits->item(found, 4)->text()));
        QVERIFY(view.summaryLabel()->text().contains(QStringLiteral("Finding")));

        hits->setCurrentCell(found, 0);
        QVERIFY(view.findChildren<QLabel*>().size() > 0);
        bool full = false;
        for (QLabel* label : view.findChildren<QLabel*>())
            full = full || label->text().startsWith(hits->item(found, 4)->text() + QStringLiteral(". Double-click"));
        QVERIFY(full); // the finding in full under the table
        QSignalSpy activated(&view, &TestsView::transactionActivated);
        const QRect cell = hits->visualItemRect(hits->item(found, 0));
        QTest::mouseClick(hits->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(hits->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated[0][0].toString(), ids[1]);
        QCOMPARE(activated[0][1].toLongLong(), m_account);
        QCOMPARE(activated[0][2].toString(), QStringLiteral("Duplicate Supplies Ltd"));

        // A period that ends before the second payment: no such duplicate.
        const QDate today = QDateTime::fromMSecsSinceEpoch(uitest::kNowMs).toLocalTime().date();
        view.setPeriod(today.addDays(-60), today.addDays(-3));
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading() && view.results()
                                     && view.results()->test(QStringLiteral("duplicate_payment"))->hits.size()
                                         == before,
                                 20000);
    }

    void benfordChart()
    {
        TestsView view(*m_demo.ledger);
        view.resize(1000, 700);
        view.show();
        view.refreshNow();
        QBarSeries* observed = bars(view.chart());
        QVERIFY(observed);
        QCOMPARE(observed->barSets().size(), 1);
        QCOMPARE(observed->barSets()[0]->count(), 9);
        QCOMPARE(line(view.chart())->count(), 9);
        const BenfordResult& first = view.results()->firstDigit;
        QCOMPARE(observed->barSets()[0]->at(0), 100.0 * first.observed[0]);
        QCOMPARE(line(view.chart())->at(0).y(), 100.0 * std::log10(2.0));
        view.digitsChooser()->setCurrentIndex(1);
        QCOMPARE(bars(view.chart())->barSets()[0]->count(), 90);
        QCOMPARE(line(view.chart())->count(), 90);
        // Selecting a Benford test shows its digits.
        view.selectTest(QStringLiteral("benford_first"));
        QCOMPARE(bars(view.chart())->barSets()[0]->count(), 9);
    }

    void auditSettingsDialog()
    {
        AuditSettingsDialog dialog(*m_demo.ledger);
        dialog.show();
        QCOMPARE(dialog.weightBox(QStringLiteral("duplicate_payment"))->value(), 0.6);
        QCOMPARE(dialog.approvalLimit()->value(), 10000);
        QVERIFY(dialog.fixedHolidays()->text().contains(QStringLiteral("12-25")));
        dialog.approvalLimit()->setValue(2500);
        dialog.weightBox(QStringLiteral("weekend"))->setValue(0);
        dialog.fixedHolidays()->setText(QStringLiteral("12-25, 13-40"));
        dialog.buttons()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog.isVisible()); // refused, naming the field; nothing stored
        QVERIFY2(dialog.error().startsWith(QStringLiteral("fixedHolidays[1]: ")), qPrintable(dialog.error()));
        QCOMPARE(loadAuditSettings(*m_demo.ledger)->approvalLimit, 10000);
        dialog.businessStart()->setTime(QTime(19, 0));
        dialog.fixedHolidays()->setText(QStringLiteral("12-25, 2026-10-03"));
        QVERIFY(!dialog.apply());
        QVERIFY2(dialog.error().startsWith(QStringLiteral("businessHours.end: ")), qPrintable(dialog.error()));
        dialog.businessStart()->setTime(QTime(7, 30));
        dialog.buttons()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const AuditSettings stored = *loadAuditSettings(*m_demo.ledger);
        QCOMPARE(stored.approvalLimit, 2500);
        QCOMPARE(stored.weight(QStringLiteral("weekend")), 0.0);
        QCOMPARE(stored.businessStartMinute, 7 * 60 + 30);
        QCOMPARE(stored.fixedHolidays, QStringList({QStringLiteral("12-25"), QStringLiteral("2026-10-03")}));
        // Back to the defaults for the tests that follow.
        AuditSettingsDialog again(*m_demo.ledger);
        for (QAbstractButton* b : again.buttons()->buttons())
            if (b->text() == QStringLiteral("Defaults"))
                b->click();
        QVERIFY(again.apply());
        QCOMPARE(loadAuditSettings(*m_demo.ledger)->toJson(), AuditSettings::defaults().toJson());
        // Reached from File > Settings.
        Services services;
        services.ledger = m_demo.ledger.get();
        SettingsDialog settings(services);
        QVERIFY(settings.findChild<QPushButton*>(QStringLiteral("auditSettings")));
    }

    // From the main window: Tests in the navigation, and a double-clicked transaction shown among the account's.
    void mainWindowNavigationAndScreenshots()
    {
        theme::apply(*qApp);
        Services services;
        services.ledger = m_demo.ledger.get();
        MainWindow window(services);
        window.show();
        auto* nav = window.findChild<QListWidget*>(QStringLiteral("navigation"));
        QVERIFY(nav);
        QCOMPARE(nav->item(int(MainWindow::View::Tests))->text(), QStringLiteral("Tests"));
        window.showView(MainWindow::View::Tests);
        TestsView* view = window.tests();
        view->setAccount(m_account);
        QTRY_VERIFY_WITH_TIMEOUT(!view->isLoading() && view->results() && view->refreshCount() > 0, 20000);
        view->selectTest(QStringLiteral("duplicate_payment"));
        QVERIFY(view->hitsTable()->rowCount() > 0);

        const QString dir = qEnvironmentVariable("LG_SCREENSHOT_DIR", m_demo.dir.path());
        for (const QSize size : {QSize(1024, 700), QSize(1280, 820)}) {
            window.resize(size);
            QCoreApplication::processEvents();
            QTRY_VERIFY(!view->isLoading());
            QCoreApplication::processEvents();
            const QPixmap shot = window.grab();
            QCOMPARE(shot.size(), size);
            QVERIFY(shot.save(QStringLiteral("%1/tests-%2x%3.png").arg(dir).arg(size.width()).arg(size.height())));
            // Results, counts, times and amounts fit their columns, inside the viewport.
            for (auto [table, keep] : {std::pair {view->testsTable(), QList<int> {1, 2, 3}},
                                       std::pair {view->hitsTable(), QList<int> {0, 2}}}) {
                for (int c : keep) {
                    const QString where
                        = QStringLiteral("%1x%2, column %3").arg(size.width()).arg(size.height()).arg(c);
                    QVERIFY2(table->columnViewportPosition(c) >= 0
                                 && table->columnViewportPosition(c) + table->columnWidth(c)
                                     <= table->viewport()->width(),
                             qPrintable(where));
                    for (int r = 0; r < table->rowCount(); ++r) {
                        const QString cut = uitest::cutOffText(table, r, c);
                        QVERIFY2(cut.isEmpty(), qPrintable(where + QStringLiteral(": ") + cut));
                    }
                }
            }
            // Every test's name is readable in full.
            for (int r = 0; r < view->testsTable()->rowCount(); ++r)
                QVERIFY2(uitest::cutOffText(view->testsTable(), r, 0).isEmpty(),
                         qPrintable(uitest::cutOffText(view->testsTable(), r, 0)));
        }

        // Double-click: a transaction without a case opens the account's transactions found by counterparty.
        const AuditTestResult* dup = view->results()->test(QStringLiteral("duplicate_payment"));
        int row = -1;
        for (int r = 0; r < view->hitsTable()->rowCount(); ++r) {
            const QString id = view->hitsTable()->item(r, 0)->data(Qt::UserRole).toString();
            if (!m_demo.ledger->anomalyForTransaction(id))
                row = r;
        }
        QVERIFY(dup && row >= 0);
        const QString counterparty = view->hitsTable()->item(row, 3)->text();
        const QPoint at = view->hitsTable()->visualItemRect(view->hitsTable()->item(row, 0)).center();
        QTest::mouseClick(view->hitsTable()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(view->hitsTable()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(window.currentView(), MainWindow::View::Transactions);
        QCOMPARE(window.transactions()->searchField()->text(), counterparty);
    }

private:
    uitest::DemoLedger m_demo;
    qint64 m_account = 0;
    QString m_accountName;
};

QTEST_MAIN(TestTestsView)
#include "tst_testsview.moc"
