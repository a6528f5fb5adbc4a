// SPDX-License-Identifier: GPL-3.0-or-later
// Desktop responsiveness on a large ledger: time from opening the ledger to the main window's first painted frame,
// the dashboard's figures arriving (worker thread), the queries behind each view, scrolling the transactions table
// through lazily fetched pages, resident memory, and the longest stall of the GUI event loop while a detection run
// goes on in the background.
//
//   bench_ui [--db FILE] [--scale S] [--days N] [--scroll PAGES] [--no-detect]
//   (creates FILE with the generator's backfill when it does not exist: --scale 700 --days 90 is about 1,000,000
//   transactions)
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "models/TransactionTableModel.h"
#include "pipeline/DetectionPipeline.h"
#include "widgets/DashboardView.h"
#include "widgets/MainWindow.h"
#include "widgets/TransactionsView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace ledgerguard;

namespace {

// A field of /proc/self/status in MiB ("VmRSS", "VmHWM"; 0 off Linux).
double procMiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field)) + 1).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

template<typename F> double timeMs(F&& f)
{
    QElapsedTimer t;
    t.start();
    f();
    return msSince(t);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Ledger file (created when missing)."),
                                QStringLiteral("FILE"));
    const QCommandLineOption scale(QStringLiteral("scale"), QStringLiteral("Times the demo volume when creating."),
                                   QStringLiteral("S"), QStringLiteral("700"));
    const QCommandLineOption days(QStringLiteral("days"), QStringLiteral("Days of history when creating."),
                                  QStringLiteral("N"), QStringLiteral("90"));
    const QCommandLineOption scroll(QStringLiteral("scroll"), QStringLiteral("Pages to scroll through."),
                                    QStringLiteral("PAGES"), QStringLiteral("50"));
    const QCommandLineOption noDetect(QStringLiteral("no-detect"), QStringLiteral("Skip the detection run."));
    parser.addOptions({db, scale, days, scroll, noDetect});
    parser.process(app);
    QTemporaryDir tmp;
    const QString path = parser.isSet(db) ? parser.value(db) : tmp.filePath(QStringLiteral("big.sqlite"));
    if (!QFileInfo::exists(path)) {
        QElapsedTimer t;
        t.start();
        auto ledger = Ledger::open(path);
        if (!ledger || !createDemoLedger(**ledger, 1, 1).isOk())
            return 1;
        TransactionGenerator generator(**ledger);
        if (!generator.backfill(parser.value(days).toInt(), parser.value(scale).toDouble()))
            return 1;
        std::fprintf(stderr, "created %s in %.1f s\n", qPrintable(path), msSince(t) / 1000);
    }

    // Start to first frame: open the ledger, build the window with every view, paint it.
    QElapsedTimer timer;
    timer.start();
    auto ledger = Ledger::open(path);
    if (!ledger)
        return 1;
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(**ledger, options);
    Services services {ledger->get(), nullptr, &pipeline, nullptr, nullptr};
    MainWindow window(services);
    window.resize(1400, 900);
    window.showView(MainWindow::View::Dashboard);
    window.show();
    window.grab(); // a full paint of the window as shown
    const double firstFrameMs = msSince(timer);
    const double rssAfterFrame = procMiB("VmRSS:");
    // The dashboard's figures come from a worker thread after the first frame.
    if (window.dashboard()->refreshCount() == 0) {
        QEventLoop wait;
        QObject::connect(window.dashboard(), &DashboardView::refreshed, &wait, &QEventLoop::quit);
        wait.exec();
    }
    const double dashboardMs = msSince(timer);
    const qint64 rows = (*ledger)->countTransactions({}).value();

    // What each view asks of the ledger on the GUI thread (a page) or on a worker (counts, aggregates).
    Ledger& l = **ledger;
    const qint64 now = l.clock().nowMs();
    const qint64 day = 86'400'000;
    struct Query
    {
        const char* what;
        const char* thread;
        double ms;
    };
    QList<Query> queries;
    TransactionFilter uber;
    uber.text = QStringLiteral("Uber");
    queries.append({"first page of 200 transactions, newest first", "GUI", timeMs([&] {
                        (void)l.transactions({}, {200, {}});
                    })});
    TransactionFilter byAmount;
    byAmount.sortKey = SortKey::Amount;
    queries.append({"first page of 200, sorted by amount", "GUI", timeMs([&] {
                        (void)l.transactions(byAmount, {200, {}});
                    })});
    queries.append({"first page of 200, text filter \"Uber\"", "GUI", timeMs([&] {
                        (void)l.transactions(uber, {200, {}});
                    })});
    queries.append({"first page of 200 anomalies", "GUI", timeMs([&] { (void)l.anomalies({}, {200, {}}); })});
    queries.append({"accounts with health and counts", "GUI", timeMs([&] { (void)l.accounts(); })});
    queries.append({"one account's daily balances, 90 days (accounts chart)", "GUI",
                    timeMs([&] { (void)l.dailyBalances(l.accounts()->first().id, now - 90 * day, now); })});
    queries.append({"count of all transactions", "worker", timeMs([&] { (void)l.countTransactions({}); })});
    queries.append({"count for text filter \"Uber\"", "worker", timeMs([&] { (void)l.countTransactions(uber); })});
    queries.append({"dashboard snapshot (accounts, open counts, per day, histogram, 90-day balance)", "worker",
                    timeMs([&] { (void)DashboardView::load(l); })});

    // Scrolling: the transactions table fetches a page each time the view reaches the end of what is loaded.
    window.showView(MainWindow::View::Transactions);
    QApplication::processEvents();
    QTableView* table = window.transactions()->table();
    QList<double> steps;
    const int pages = parser.value(scroll).toInt();
    for (int i = 0; i < pages; ++i) {
        steps.append(timeMs([&] {
            table->scrollToBottom(); // reaching the end makes the view call fetchMore()
            QApplication::processEvents();
            table->viewport()->repaint();
        }));
    }
    std::sort(steps.begin(), steps.end());
    const int loaded = window.transactions()->model()->rowCount();
    window.showView(MainWindow::View::Dashboard);
    QApplication::processEvents();

    // Event-loop stalls during a full detection run: a 10 ms heartbeat measures the longest gap.
    double longestGapMs = 0;
    int gapsOver50 = 0;
    QElapsedTimer beat;
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const double gap = msSince(beat);
        longestGapMs = qMax(longestGapMs, gap);
        gapsOver50 += gap > 50 ? 1 : 0;
        beat.restart();
    });
    double detectionS = 0;
    if (!parser.isSet(noDetect)) {
        heartbeat.start(10);
        QElapsedTimer runTimer;
        runTimer.start();
        QObject::connect(&pipeline, &DetectionPipeline::runFinished, &app, &QApplication::quit);
        beat.start();
        pipeline.start(true);
        app.exec();
        detectionS = double(runTimer.elapsed()) / 1000.0;
        heartbeat.stop();
    }

    std::printf("| measure | value |\n|---|---:|\n");
    std::printf("| transactions in the ledger | %lld |\n", rows);
    std::printf("| open the ledger and build the window to its first painted frame, ms | %.0f |\n", firstFrameMs);
    std::printf("| ... to the dashboard's figures and charts (worker thread), ms | %.0f |\n", dashboardMs);
    std::printf("| resident memory after the first frame, MiB | %.0f |\n", rssAfterFrame);
    std::printf("| scrolling: %d pages of 200 (%d rows loaded), median / max ms per page | %.1f / %.1f |\n", pages,
                loaded, steps.isEmpty() ? 0.0 : steps[steps.size() / 2], steps.isEmpty() ? 0.0 : steps.last());
    std::printf("| resident memory after scrolling, MiB | %.0f |\n", procMiB("VmRSS:"));
    if (!parser.isSet(noDetect)) {
        std::printf("| detection run over all accounts in the background, s | %.1f |\n", detectionS);
        std::printf("| longest GUI event-loop gap during it, ms (10 ms heartbeat) | %.0f |\n", longestGapMs);
        std::printf("| heartbeat gaps over 50 ms during it | %d |\n", gapsOver50);
    }
    std::printf("| peak resident memory of the process (VmHWM), MiB | %.0f |\n", procMiB("VmHWM:"));
    std::printf("\n| query (%lld rows) | thread | ms |\n|---|---|---:|\n", rows);
    for (const Query& q : std::as_const(queries))
        std::printf("| %s | %s | %.1f |\n", q.what, q.thread, q.ms);
    return 0;
}
