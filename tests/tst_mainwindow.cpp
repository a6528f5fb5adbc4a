// SPDX-License-Identifier: GPL-3.0-or-later
// The main window offscreen with the real core objects: navigation and shortcuts, geometry and last view restored
// from QSettings, the schedule in the status bar and the pause actions, the progress bar during detection, the
// HIGH-risk banner leading to its anomaly, the dashboard updating live, the settings dialog starting and stopping
// the REST API, and --screenshots rendering every view.
#include "api/RestServer.h"
#include "desktop_fixture.h"
#include "generate/TransactionGenerator.h"
#include "models/AccountTableModel.h"
#include "models/AnomalyTableModel.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"
#include "view_checks.h"
#include "widgets/AccountsView.h"
#include "widgets/AnomaliesView.h"
#include "widgets/Charts.h"
#include "widgets/DashboardView.h"
#include "widgets/MainWindow.h"
#include "widgets/NewTransactionView.h"
#include "widgets/SettingsDialog.h"
#include "widgets/SortHeader.h"
#include "widgets/TransactionsView.h"

#include <QAction>
#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using namespace ledgerguard;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void shortcuts_data();
    void shortcuts();
    void restoresGeometryAndView();
    void scheduleAndPause();
    void progressDuringDetection();
    void highRiskBannerCountsAndOpensExactlyItsCases();
    void highRiskReportNamesTheStoredCase();
    void detectionSummarySaysOneOrMany();
    void dashboardCardsSayOneOrMany();
    void accountBalanceGrowsLiveWithoutEliding();
    void dashboardListsEveryAccount();
    void emptyLedgerDashboardSaysSo();
    void dashboardBalanceKeepsOneCurrency();
    void dashboardOfPastMonthsEndsAtItsNewestDay();
    void dashboardUpdatesLive();
    void chartsWriteDatesAlike();
    void settingsStartsAndStopsRestApi();
    void settingsKeepCommandLineOverrides();
    void settingsHasAShortcut();
    void screenshots();

private:
    uitest::DemoLedger m_demo;
    std::unique_ptr<TransactionGenerator> m_generator;
    std::unique_ptr<DetectionPipeline> m_pipeline;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<RestServer> m_rest;
    Services m_services;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_demo.open(30));
    DetectionPipelineOptions options;
    options.instantScoring = false;
    m_generator = std::make_unique<TransactionGenerator>(*m_demo.ledger);
    m_pipeline = std::make_unique<DetectionPipeline>(*m_demo.ledger, options);
    m_scheduler = std::make_unique<Scheduler>(m_generator.get(), m_pipeline.get());
    m_services = {m_demo.ledger.get(), m_pipeline.get(), m_scheduler.get(), nullptr};
    m_rest = std::make_unique<RestServer>(*m_demo.ledger, m_pipeline.get(), m_scheduler.get());
    m_services.rest = m_rest.get();
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::cleanup()
{
    m_pipeline->waitForFinished();
    if (m_rest->isListening())
        m_rest->stop();
}

void TestMainWindow::shortcuts_data()
{
    QTest::addColumn<QKeySequence>("keys");
    QTest::addColumn<int>("view");
    QTest::addRow("Ctrl+N new transaction") << QKeySequence(QKeySequence::New) << int(MainWindow::View::NewTransaction);
    QTest::addRow("Ctrl+F filter") << QKeySequence(QKeySequence::Find) << int(MainWindow::View::Transactions);
    QTest::addRow("Ctrl+3 anomalies") << QKeySequence(QStringLiteral("Ctrl+3")) << int(MainWindow::View::Anomalies);
    QTest::addRow("Ctrl+4 accounts") << QKeySequence(QStringLiteral("Ctrl+4")) << int(MainWindow::View::Accounts);
}

void TestMainWindow::shortcuts()
{
    QFETCH(QKeySequence, keys);
    QFETCH(int, view);
    MainWindow window(m_services);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.showView(MainWindow::View::Dashboard);
    QTest::keySequence(&window, keys);
    QCOMPARE(int(window.currentView()), view);
    if (view == int(MainWindow::View::Transactions))
        QCOMPARE(QApplication::focusWidget(), window.transactions()->searchField());
    if (view == int(MainWindow::View::NewTransaction))
        QCOMPARE(QApplication::focusWidget(), window.newTransaction()->amountField());
}

void TestMainWindow::restoresGeometryAndView()
{
    const QRect free = QGuiApplication::primaryScreen()->availableGeometry();
    QSize fits = QSize(1111, 777).boundedTo(free.size() - QSize(40, 40));
    {
        MainWindow window(m_services);
        fits = fits.expandedTo(window.minimumSizeHint()); // (the offscreen screen is narrower than the window can be)
        window.show();
        window.resize(fits);
        window.showView(MainWindow::View::Accounts);
        window.close();
    }
    {
        MainWindow again(m_services);
        again.show();
        QCOMPARE(again.currentView(), MainWindow::View::Accounts);
        QCOMPARE(again.size(), fits);
        // A size saved on a larger screen than this one comes back within this one's free area (as far as the
        // window's own minimum size allows), and on it.
        again.resize(free.size() + QSize(400, 300));
        again.close();
    }
    MainWindow small(m_services);
    small.show();
    QVERIFY2(small.width() <= qMax(free.width(), small.minimumSizeHint().width())
                 && small.height() <= qMax(free.height(), small.minimumSizeHint().height()),
             qPrintable(QStringLiteral("%1x%2 on %3x%4")
                            .arg(small.width())
                            .arg(small.height())
                            .arg(free.width())
                            .arg(free.height())));
    QVERIFY(free.contains(small.geometry().topLeft()));
}

void TestMainWindow::scheduleAndPause()
{
    m_scheduler->setInterval(Scheduler::Job::Generator, 300);
    m_scheduler->setInterval(Scheduler::Job::Detector, 0);
    m_scheduler->start();
    MainWindow window(m_services);
    QVERIFY(window.scheduleText().contains(QStringLiteral("Detector off")));
    QVERIFY(window.scheduleText().contains(QRegularExpression(QStringLiteral("Generator \\d+:\\d\\d"))));
    // Pausing through the menu action, and the action following a pause made elsewhere.
    window.action(QStringLiteral("pauseGeneratorAction"))->trigger();
    QVERIFY(m_scheduler->isPaused(Scheduler::Job::Generator));
    QVERIFY(window.scheduleText().contains(QStringLiteral("Generator paused")));
    m_scheduler->setPaused(Scheduler::Job::Generator, false);
    QVERIFY(!window.action(QStringLiteral("pauseGeneratorAction"))->isChecked());
    m_scheduler->stop();
}

void TestMainWindow::progressDuringDetection()
{
    MainWindow window(m_services);
    window.show();
    auto* progress = window.findChild<QProgressBar*>();
    QVERIFY(progress && !progress->isVisible());
    bool shownWhileRunning = false;
    // Connected after the window's own handlers, so these see the bar as the window left it.
    bool textFits = true;
    connect(m_pipeline.get(), &DetectionPipeline::progress, &window, [&] {
        shownWhileRunning = shownWhileRunning || progress->isVisible();
        // The bar is never narrower than its text ("Detection 3/8 accounts").
        textFits = textFits
            && progress->minimumWidth()
                >= progress->fontMetrics().horizontalAdvance(progress->text()) + progress->fontMetrics().height();
    });
    QSignalSpy finished(m_pipeline.get(), &DetectionPipeline::runFinished);
    window.action(QStringLiteral("detectAction"))->trigger(); // F5 (through the scheduler)
    QVERIFY(finished.wait(20000));
    QVERIFY(shownWhileRunning);
    QVERIFY(textFits);
    QVERIFY(!progress->isVisible());
}

namespace {

// The open cases of `risk`, newest first.
QList<Anomaly> openCases(const Ledger& ledger, Risk risk)
{
    AnomalyFilter filter;
    filter.risk = risk;
    filter.status = AnomalyStatus::Open;
    auto page = ledger.anomalies(filter, {kMaxPageSize, {}});
    return page ? page->items : QList<Anomaly> {};
}

QStringList sorted(QStringList ids)
{
    ids.sort();
    return ids;
}

} // namespace

void TestMainWindow::highRiskBannerCountsAndOpensExactlyItsCases()
{
    MainWindow window(m_services);
    window.show();
    QVERIFY(window.alertText().isEmpty());
    const QList<Anomaly> highs = openCases(*m_demo.ledger, Risk::High);
    const QList<Anomaly> mediums = openCases(*m_demo.ledger, Risk::Medium);
    QVERIFY(highs.size() >= 2 && !mediums.isEmpty());
    const Anomaly high = highs.first();
    Anomaly otherHigh = highs.last();
    for (const Anomaly& a : highs)
        if (a.accountId != high.accountId)
            otherHigh = a;
    QVERIFY(otherHigh.accountId != high.accountId);
    Anomaly medium = mediums.first();
    for (const Anomaly& a : mediums)
        if (a.accountId != high.accountId)
            medium = a;
    const QString name = m_demo.ledger->account(high.accountId)->name;

    // Reports of one HIGH case (three times, as a burst gives), of a case rescored MEDIUM since and of an id the
    // ledger does not hold: the banner announces the one HIGH case.
    for (int i = 0; i < 3; ++i)
        Q_EMIT m_pipeline->highRiskDetected(high.id, high.accountId);
    Q_EMIT m_pipeline->highRiskDetected(medium.id, medium.accountId);
    Q_EMIT m_pipeline->highRiskDetected(QStringLiteral("0190a000-0000-7000-8000-000000000000"), medium.accountId);
    QTRY_VERIFY(!window.alertText().isEmpty());
    QCOMPARE(window.alertAnomalies(), QStringList {high.id});
    QCOMPARE(window.alertText(), QStringLiteral("HIGH risk: a new anomaly in %1. Review it (Ctrl+Shift+H)").arg(name));
    auto* banner = window.findChild<QPushButton*>(QStringLiteral("alertBanner"));
    QVERIFY(banner && banner->isVisible());
    QTest::mouseClick(banner, Qt::LeftButton);
    QCOMPARE(window.currentView(), MainWindow::View::Anomalies);
    QTRY_COMPARE(window.anomalies()->selectedIds(), QStringList {high.id}); // once the anomaly's page has arrived
    QCOMPARE(window.anomalies()->selectedId(), high.id);
    QCOMPARE(window.anomalies()->model()->filter().risk, std::optional(Risk::High));
    QCOMPARE(window.anomalies()->model()->filter().status, std::optional(AnomalyStatus::Open));
    QVERIFY(window.alertText().isEmpty());

    // Two HIGH cases of two accounts: Ctrl+Shift+H selects exactly those two, never the MEDIUM one.
    window.showView(MainWindow::View::Dashboard);
    Q_EMIT m_pipeline->highRiskDetected(high.id, high.accountId);
    Q_EMIT m_pipeline->highRiskDetected(medium.id, medium.accountId);
    Q_EMIT m_pipeline->highRiskDetected(otherHigh.id, otherHigh.accountId);
    QTRY_VERIFY(!window.alertText().isEmpty());
    QVERIFY2(window.alertText().startsWith(QStringLiteral("HIGH risk: 2 new anomalies in 2 accounts, the latest in ")),
             qPrintable(window.alertText()));
    QCOMPARE(sorted(window.alertAnomalies()), sorted({high.id, otherHigh.id}));
    QTest::keySequence(&window, QKeySequence(QStringLiteral("Ctrl+Shift+H")));
    QCOMPARE(window.currentView(), MainWindow::View::Anomalies);
    QTRY_COMPARE(sorted(window.anomalies()->selectedIds()), sorted({high.id, otherHigh.id}));
    QVERIFY(!window.anomalies()->selectedIds().contains(medium.id));

    // A case the banner announces and the analyst dismisses elsewhere leaves the count.
    Q_EMIT m_pipeline->highRiskDetected(high.id, high.accountId);
    Q_EMIT m_pipeline->highRiskDetected(otherHigh.id, otherHigh.accountId);
    QTRY_COMPARE(window.alertAnomalies().size(), 2);
    QVERIFY(m_demo.ledger->setAnomalyStatus(otherHigh.id, AnomalyStatus::Dismissed, QStringLiteral("tester")).isOk());
    QTRY_COMPARE(window.alertAnomalies(), QStringList {high.id});
    QVERIFY(window.alertText().contains(QStringLiteral("a new anomaly in %1").arg(name)));
    QVERIFY(m_demo.ledger->setAnomalyStatus(high.id, AnomalyStatus::Dismissed, QStringLiteral("tester")).isOk());
    QTRY_VERIFY(window.alertText().isEmpty());
    for (const Anomaly& a : {high, otherHigh})
        QVERIFY(m_demo.ledger->setAnomalyStatus(a.id, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
}

void TestMainWindow::highRiskReportNamesTheStoredCase()
{
    // A transaction far beyond its account's history, with a case already (an analyst's label, reopened): when the
    // detector scores it HIGH, it reports that case, which the banner announces. Tried on each account in turn until
    // one scores it HIGH (the demo ledger and the detector are seeded: the same account every time).
    MainWindow window(m_services);
    window.show();
    QSignalSpy reported(m_pipeline.get(), &DetectionPipeline::highRiskDetected);
    QString caseId;
    for (const Account& account : *m_demo.ledger->accounts()) {
        NewTransaction t;
        t.accountId = account.id;
        t.amount = -9'500'000'000; // 95,000,000.00
        t.timestamp = uitest::kNowMs - 9 * 3'600'000; // 03:00 UTC
        t.description = QStringLiteral("Wire transfer");
        t.category = QStringLiteral("transfer");
        t.counterparty = QStringLiteral("Unknown Holdings SA");
        auto added = m_demo.ledger->addTransaction(t);
        QVERIFY(added.isOk());
        auto labelled
            = m_demo.ledger->labelTransaction(added->id, Label::Fraud, uitest::kNowMs, QStringLiteral("tester"));
        QVERIFY(labelled.isOk());
        QVERIFY(m_demo.ledger->setAnomalyStatus(labelled->id, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
        reported.clear();
        QVERIFY(m_pipeline->runNow().isOk());
        if (m_demo.ledger->anomaly(labelled->id)->risk == Risk::High) {
            caseId = labelled->id;
            break;
        }
    }
    QVERIFY2(!caseId.isEmpty(), "no account scored the wire HIGH");
    QStringList ids;
    for (const QList<QVariant>& args : std::as_const(reported)) {
        ids << args.at(0).toString();
        QVERIFY2(m_demo.ledger->anomaly(args.at(0).toString()).isOk(), qPrintable(args.at(0).toString()));
    }
    QVERIFY(ids.contains(caseId));
    QTRY_VERIFY(window.alertAnomalies().contains(caseId));
}

void TestMainWindow::detectionSummarySaysOneOrMany()
{
    MainWindow window(m_services);
    window.show();
    DetectionPipeline::RunSummary summary;
    summary.accounts = 1;
    summary.high = 1;
    summary.medium = 2;
    Q_EMIT m_pipeline->runFinished(summary);
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Detection: 1 account, 1 HIGH, 2 MEDIUM"));
    summary.accounts = 2;
    Q_EMIT m_pipeline->runFinished(summary);
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Detection: 2 accounts, 1 HIGH, 2 MEDIUM"));
}

void TestMainWindow::dashboardCardsSayOneOrMany()
{
    MainWindow window(m_services);
    window.show();
    auto caption = [&](int card) -> QString {
        window.dashboard()->refreshNow();
        QLabel* value = window.dashboard()->findChildren<QLabel*>(QStringLiteral("kpiValue")).at(card);
        return value->text() + QLatin1Char(' ')
            + value->parentWidget()->findChild<QLabel*>(QStringLiteral("kpiCaption"))->text();
    };
    // One open MEDIUM case left (the others dismissed for the moment), then two.
    const QList<Anomaly> mediums = openCases(*m_demo.ledger, Risk::Medium);
    QVERIFY(mediums.size() >= 2);
    QStringList others;
    for (qsizetype i = 1; i < mediums.size(); ++i)
        others << mediums[i].id;
    const QString actor = QStringLiteral("tester");
    QVERIFY(m_demo.ledger->decideAnomalies(others, {AnomalyStatus::Dismissed, {}, std::nullopt}, actor).isOk());
    QCOMPARE(caption(1), QStringLiteral("1 open MEDIUM anomaly, any age"));
    QVERIFY(m_demo.ledger->setAnomalyStatus(others.first(), AnomalyStatus::Open, actor).isOk());
    QCOMPARE(caption(1), QStringLiteral("2 open MEDIUM anomalies, any age"));
    QVERIFY(m_demo.ledger->decideAnomalies(others, {AnomalyStatus::Open, {}, std::nullopt}, actor).isOk());
}

void TestMainWindow::accountBalanceGrowsLiveWithoutEliding()
{
    MainWindow window(m_services);
    window.resize(1024, 700);
    window.show();
    window.showView(MainWindow::View::Accounts);
    auto* table = window.accounts()->findChild<QTableView*>();
    QVERIFY(table);
    QTRY_VERIFY(table->model()->rowCount() > 0);
    // A balance far wider than any before, arriving by a live update (the same accounts, new figures).
    const Account account = m_demo.ledger->accounts()->first();
    NewTransaction t;
    t.accountId = account.id;
    t.amount = 99'999'999'999; // 999,999,999.99
    t.description = QStringLiteral("Wide");
    t.category = QStringLiteral("interest");
    QVERIFY(m_demo.ledger->addTransaction(t).isOk());
    const QString wide = QLocale().toString(double(account.balance + t.amount) / 100, 'f', 2);
    QTRY_VERIFY(table->model()->index(0, AccountTableModel::Balance).data().toString() == wide);
    QTRY_VERIFY2(uitest::cutOffText(table, 0, AccountTableModel::Balance).isEmpty(),
                 qPrintable(uitest::cutOffText(table, 0, AccountTableModel::Balance)));
    t.amount = -t.amount;
    QVERIFY(m_demo.ledger->addTransaction(t).isOk());
}

void TestMainWindow::dashboardListsEveryAccount()
{
    MainWindow window(m_services);
    window.resize(1280, 820);
    window.show();
    window.dashboard()->refreshNow();
    QTRY_VERIFY(window.dashboard()->refreshCount() > 0);
    auto* table = window.dashboard()->findChild<QTableWidget*>();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), int(m_demo.ledger->accounts()->size()));
    QVERIFY(table->rowCount() >= 8);
    // The riskiest first: descending by the HIGH column, and a down arrow says so.
    auto* header = qobject_cast<SortHeader*>(table->horizontalHeader());
    QVERIFY(header);
    QCOMPARE(header->sortIndicatorSection(), 2);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    const QLocale locale;
    for (int r = 1; r < table->rowCount(); ++r)
        QVERIFY(locale.toLongLong(table->item(r - 1, 2)->text()) >= locale.toLongLong(table->item(r, 2)->text()));
    QTRY_COMPARE(uitest::drawnSortArrow(header, 2), -1); // once the columns are fitted to their texts
}

void TestMainWindow::dashboardBalanceKeepsOneCurrency()
{
    // Two EUR accounts and one CHF account: the balance chart sums the EUR accounts (the currency most accounts
    // keep) and says so; CHF is not added to them.
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.filePath(QStringLiteral("currencies.sqlite")));
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    const qint64 now = (*ledger)->clock().nowMs();
    const auto account = [&](const char* name, const char* currency, qint64 amount) {
        auto a = (*ledger)->createAccount(
            {QString::fromLatin1(name), AccountType::Checking, QString::fromLatin1(currency)});
        QVERIFY(a.isOk());
        NewTransaction t;
        t.accountId = a->id;
        t.amount = amount;
        t.timestamp = now - 10 * kDayMs;
        t.description = QStringLiteral("Opening");
        t.category = QStringLiteral("other");
        QVERIFY((*ledger)->addTransaction(t).isOk());
    };
    account("Giro", "EUR", 100000);
    account("Savings", "EUR", 250000);
    account("Zurich", "CHF", 9900000);
    const DashboardView::Snapshot s = DashboardView::load(**ledger);
    QVERIFY2(s.status.isOk(), qPrintable(s.status.toString()));
    QCOMPARE(s.balanceCurrency, QStringLiteral("EUR"));
    QVERIFY(s.severalCurrencies);
    QVERIFY(!s.balance.isEmpty());
    QCOMPARE(s.balance.last().balance, qint64(350000));
    DashboardView dashboard(**ledger);
    dashboard.resize(1024, 700);
    dashboard.show();
    dashboard.refreshNow();
    const QList<QChartView*> charts = dashboard.charts();
    QVERIFY(std::any_of(charts.cbegin(), charts.cend(), [](QChartView* v) {
        return v->chart()->title().contains(QStringLiteral("Total balance of the EUR accounts"));
    }));
    // The total card: one line per currency, the chart's first (the card keeps its width).
    const QStringList lines = dashboard.findChildren<QLabel*>(QStringLiteral("kpiValue")).at(3)->text().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].contains(u"EUR") && lines[1].contains(u"CHF"), qPrintable(lines.join(u'|')));
    // A third currency has a line of its own (not "and 1 more currency"); a fourth makes "and 2 more currencies".
    QLabel* total = dashboard.findChildren<QLabel*>(QStringLiteral("kpiValue")).at(3);
    account("Chase", "USD", 500000);
    dashboard.refreshNow();
    QTRY_VERIFY2(total->text().split(u'\n').size() == 3 && total->text().split(u'\n')[2].contains(u"USD"),
                 qPrintable(total->text()));
    account("Barclays", "GBP", 700000);
    dashboard.refreshNow();
    QTRY_VERIFY2(total->text().endsWith(QStringLiteral("\nand 2 more currencies")), qPrintable(total->text()));
    QCOMPARE(total->text().split(u'\n').size(), 3);
}

void TestMainWindow::dashboardOfPastMonthsEndsAtItsNewestDay()
{
    // Statements of past months only: the charts end at the newest transaction's day, and their titles say so.
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.filePath(QStringLiteral("history.sqlite")));
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    const qint64 now = (*ledger)->clock().nowMs();
    auto a = (*ledger)->createAccount({QStringLiteral("Giro"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(a.isOk());
    const qint64 newest = (now / kDayMs - 400) * kDayMs + 12 * 3600'000;
    for (qint64 day : {newest - 20 * kDayMs, newest}) {
        NewTransaction t;
        t.accountId = a->id;
        t.amount = 125000;
        t.timestamp = day;
        t.description = QStringLiteral("Invoice");
        t.category = QStringLiteral("customer_receipt");
        QVERIFY((*ledger)->addTransaction(t).isOk());
    }
    const DashboardView::Snapshot s = DashboardView::load(**ledger);
    QVERIFY2(s.status.isOk(), qPrintable(s.status.toString()));
    QVERIFY(s.endsAtNewest);
    QCOMPARE(s.todayEndMs, (newest / kDayMs + 1) * kDayMs);
    QCOMPARE(s.perDay.size(), qsizetype(30));
    QCOMPARE(s.balance.last().balance, qint64(250000));
    QCOMPARE(s.balance.at(s.balance.size() - 21).balance, qint64(125000));
    DashboardView dashboard(**ledger);
    dashboard.resize(1024, 700);
    dashboard.show();
    dashboard.refreshNow();
    const QList<QChartView*> charts = dashboard.charts();
    QCOMPARE(std::count_if(charts.cbegin(), charts.cend(),
                           [](QChartView* v) { return v->chart()->title().contains(u"(the newest transaction)"); }),
             2);
    // A ledger with a transaction today keeps today as the right edge.
    NewTransaction today;
    today.accountId = a->id;
    today.amount = -100;
    today.timestamp = now;
    today.description = QStringLiteral("Coffee");
    today.category = QStringLiteral("card_spend");
    QVERIFY((*ledger)->addTransaction(today).isOk());
    QVERIFY(!DashboardView::load(**ledger).endsAtNewest);
}

void TestMainWindow::emptyLedgerDashboardSaysSo()
{
    // A new, empty ledger: the balance card and the account table say there are no accounts (instead of a blank card
    // and an empty table), and the charts' axes count in whole transactions.
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.filePath(QStringLiteral("empty.sqlite")));
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    DashboardView dashboard(**ledger);
    dashboard.resize(1024, 700);
    dashboard.show();
    dashboard.refreshNow();
    QTRY_VERIFY(dashboard.refreshCount() > 0);
    const QList<QLabel*> values = dashboard.findChildren<QLabel*>(QStringLiteral("kpiValue"));
    QLabel* total = values.at(3);
    QCOMPARE(total->text(), QStringLiteral("\u2014"));
    QCOMPARE(total->parentWidget()->findChild<QLabel*>(QStringLiteral("kpiCaption"))->text(),
             QStringLiteral("total balance: no accounts yet"));
    auto* table = dashboard.findChild<QTableWidget*>();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("No accounts yet"));
    QCOMPARE(table->columnSpan(0, 0), table->columnCount());
    QSignalSpy activated(&dashboard, &DashboardView::accountActivated);
    emit table->cellDoubleClicked(0, 0);
    QCOMPARE(activated.size(), 0);
    for (auto* view : dashboard.findChildren<QChartView*>()) {
        for (QAbstractAxis* axis : view->chart()->axes(Qt::Vertical)) {
            auto* y = qobject_cast<QValueAxis*>(axis);
            QVERIFY(y);
            QCOMPARE(y->min(), 0.0);
            QCOMPARE(y->max(), 1.0); // 0 and 1, no fractions labelled "0"
        }
    }
}

void TestMainWindow::dashboardUpdatesLive()
{
    MainWindow window(m_services);
    window.show();
    window.showView(MainWindow::View::Dashboard);
    QSignalSpy refreshed(window.dashboard(), &DashboardView::refreshed);
    if (window.dashboard()->refreshCount() == 0)
        QVERIFY(refreshed.wait(10000)); // the first figures, from a worker thread
    refreshed.clear();
    NewTransaction t;
    t.accountId = m_demo.ledger->accounts()->first().id;
    t.amount = 100;
    t.description = QStringLiteral("Live");
    t.category = QStringLiteral("interest");
    QVERIFY(m_demo.ledger->addTransaction(t).isOk());
    QVERIFY(refreshed.wait(10000)); // no polling: the ledger's signal, coalesced, then a worker read
}

void TestMainWindow::chartsWriteDatesAlike()
{
    MainWindow window(m_services);
    window.show();
    window.dashboard()->refreshNow();
    QTRY_VERIFY(window.dashboard()->refreshCount() > 0);
    const QList<QChartView*> views = window.dashboard()->charts();
    QCOMPARE(views.size(), 3);
    // Anomalies per day: one label a week, each a date in the charts' one format.
    auto* days = qobject_cast<QCategoryAxis*>(views[0]->chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(days && !days->categoriesLabels().isEmpty());
    for (const QString& label : days->categoriesLabels()) {
        const QDate date = QLocale().toDate(label, charts::dateFormat());
        QVERIFY2(date.isValid() && charts::dateLabel(date) == label, qPrintable(label));
    }
    // The balance line: the same format.
    auto* time = qobject_cast<QDateTimeAxis*>(views[2]->chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(time);
    QCOMPARE(time->format(), charts::dateFormat());
    QCOMPARE(charts::dateLabel(QDate(2026, 3, 2)), QLocale().toString(QDate(2026, 3, 2), QStringLiteral("d MMM")));
}

void TestMainWindow::settingsStartsAndStopsRestApi()
{
    QTcpServer probe; // a free port for the API
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QSettings().setValue(QStringLiteral("api/port"), port);
    SettingsDialog dialog(m_services);
    QVERIFY(!dialog.token().isEmpty());
    QVERIFY(dialog.serverUrl().isEmpty());
    QTest::mouseClick(dialog.serverButton(), Qt::LeftButton);
    QVERIFY(m_rest->isListening());
    QCOMPARE(dialog.serverUrl(), QStringLiteral("http://127.0.0.1:%1").arg(port));
    QTest::mouseClick(dialog.serverButton(), Qt::LeftButton);
    QVERIFY(!m_rest->isListening());
}

void TestMainWindow::settingsKeepCommandLineOverrides()
{
    // Stored: the defaults. This run: 5 s and 15 s, as `--generator-interval 5 --detector-interval 15` sets them.
    QSettings().remove(QStringLiteral("schedule"));
    m_services.scheduler->setInterval(Scheduler::Job::Generator, 5);
    m_services.scheduler->setInterval(Scheduler::Job::Detector, 15);
    {
        SettingsDialog dialog(m_services);
        const QList<QSpinBox*> spins = dialog.findChildren<QSpinBox*>();
        QVERIFY(spins.size() >= 2);
        QCOMPARE(spins[0]->value(), Scheduler::kDefaultGeneratorIntervalS);
        QCOMPARE(spins[1]->value(), Scheduler::kDefaultDetectorIntervalS);
        auto* note = dialog.findChild<QLabel*>(QStringLiteral("overrideNote"));
        QVERIFY(note);
        QVERIFY2(note->text().contains(QStringLiteral("every 5 s")), qPrintable(note->text()));
        dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    }
    // OK without a change stores nothing and keeps this run's override.
    QVERIFY(!QSettings().contains(QStringLiteral("schedule/generatorIntervalS")));
    QCOMPARE(m_services.scheduler->interval(Scheduler::Job::Generator), 5);
    QCOMPARE(m_services.scheduler->interval(Scheduler::Job::Detector), 15);
    {
        SettingsDialog dialog(m_services);
        dialog.findChildren<QSpinBox*>()[1]->setValue(900);
        dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    }
    // A changed value is stored and applied; the other keeps this run's value and stays unstored.
    QCOMPARE(QSettings().value(QStringLiteral("schedule/detectorIntervalS")).toInt(), 900);
    QCOMPARE(m_services.scheduler->interval(Scheduler::Job::Detector), 900);
    QVERIFY(!QSettings().contains(QStringLiteral("schedule/generatorIntervalS")));
    QCOMPARE(m_services.scheduler->interval(Scheduler::Job::Generator), 5);
    // A ledger of one's own runs without the generator: choosing the stored interval again turns it on for this run,
    // and stores nothing new.
    m_services.scheduler->setInterval(Scheduler::Job::Generator, 0);
    {
        SettingsDialog dialog(m_services);
        QSpinBox* generator = dialog.findChildren<QSpinBox*>()[0];
        generator->setValue(generator->value() + 1);
        generator->setValue(Scheduler::kDefaultGeneratorIntervalS);
        dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    }
    QCOMPARE(m_services.scheduler->interval(Scheduler::Job::Generator), Scheduler::kDefaultGeneratorIntervalS);
    QVERIFY(!QSettings().contains(QStringLiteral("schedule/generatorIntervalS")));
    m_services.scheduler->setInterval(Scheduler::Job::Generator, Scheduler::kDefaultGeneratorIntervalS);
    QSettings().remove(QStringLiteral("schedule"));
}

void TestMainWindow::settingsHasAShortcut()
{
    MainWindow window(m_services);
    auto* settings = window.findChild<QAction*>(QStringLiteral("settingsAction"));
    QVERIFY(settings);
    QVERIFY(!settings->shortcut().isEmpty()); // shown in the menu, and it works on every platform
#if !defined(Q_OS_MACOS)
    QCOMPARE(settings->shortcut(), QKeySequence(QStringLiteral("Ctrl+,")));
#endif
}

void TestMainWindow::screenshots()
{
    MainWindow window(m_services);
    window.resize(1200, 800);
    window.show();
    window.showView(MainWindow::View::Anomalies);
    const QStringList files = window.saveScreenshots(m_demo.dir.filePath(QStringLiteral("shots")));
    QCOMPARE(files.size(), 12); // six views, three charts, three dark views
    for (const QString& f : files)
        QVERIFY2(QFileInfo(f).size() > 5000, qPrintable(f));
    QCOMPARE(window.currentView(), MainWindow::View::Anomalies);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
