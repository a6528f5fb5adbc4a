// SPDX-License-Identifier: GPL-3.0-or-later
// Desktop responsiveness on a large ledger: time from opening the ledger to the main window's first painted frame,
// the dashboard's figures arriving (worker thread), the queries behind each view, scrolling the transactions table
// through lazily fetched pages, resident memory, and the longest stall of the GUI event loop while a detection run
// goes on in the background. Afterwards it checks what it measured: each scroll step loaded more rows, the sorted
// page is in descending amount order, and (with detection) every transaction is scored, no account is stale and
// the balances are exact ("invariants after the run: ok"; exit 1 otherwise).
//
//   bench_ui [--db FILE] [--scale S] [--days N] [--scroll PAGES] [--no-detect] [--settle SECONDS]
//   (creates FILE with the generator's backfill when it does not exist: --scale 700 --days 90 is about 1,000,000
//   transactions)
#include "Background.h"
#include "bench_util.h"
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
#include <QEventLoop>
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

// Runs the event loop until the model has applied the page it is reading.
void waitForPage(TransactionTableModel* model)
{
    while (model->isLoading()) {
        QEventLoop loop;
        QObject::connect(model, &TransactionTableModel::loaded, &loop, &QEventLoop::quit);
        loop.exec();
    }
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

// Times each event the GUI thread handles while `recording` is set, to name what a stall was spent on (the class
// of the receiver and the event type of each event that took more than 40 ms).
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool recording = false;
    QStringList slowEvents;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!recording || depth > 0)
            return QApplication::notify(receiver, event);
        QString what = QStringLiteral("%1 (event %2)")
                           .arg(QLatin1String(receiver->metaObject()->className()))
                           .arg(int(event->type()));
        if (receiver->parent())
            what += QStringLiteral(" of %1").arg(QLatin1String(receiver->parent()->metaObject()->className()));
        ++depth;
        QElapsedTimer t;
        t.start();
        const bool result = QApplication::notify(receiver, event);
        --depth;
        if (t.elapsed() > 40)
            slowEvents.append(QStringLiteral("%1 ms: %2").arg(t.elapsed()).arg(what));
        return result;
    }

private:
    int depth = 0;
};

} // namespace

int main(int argc, char* argv[])
{
    TimingApplication app(argc, argv);
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
    const QCommandLineOption settle(QStringLiteral("settle"),
                                    QStringLiteral("Seconds to wait after detection before reading memory again "
                                                   "(the detector's idle thread and its connection expire after 30)."),
                                    QStringLiteral("S"), QStringLiteral("0"));
    parser.addOptions({db, scale, days, scroll, noDetect, settle});
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
    Services services {ledger->get(), &pipeline, nullptr, nullptr};
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

    // A 10 ms heartbeat on the GUI thread: the longest gap between beats is the longest freeze of the window.
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
    auto startHeartbeat = [&] {
        longestGapMs = 0;
        gapsOver50 = 0;
        beat.start();
        heartbeat.start(10);
    };
    auto stopHeartbeat = [&] {
        heartbeat.stop();
        longestGapMs = qMax(longestGapMs, msSince(beat)); // the gap still open at the end counts too
    };

    // Scrolling: the transactions table asks for the next page (read on a worker) each time the view reaches the
    // end of what is loaded; measured from reaching the end to the page on screen.
    window.showView(MainWindow::View::Transactions);
    TransactionTableModel* model = window.transactions()->model();
    waitForPage(model);
    QApplication::processEvents();
    QTableView* table = window.transactions()->table();
    QList<double> steps;
    QStringList broken;
    const int pages = parser.value(scroll).toInt();
    startHeartbeat();
    for (int i = 0; i < pages && model->canFetchMore({}); ++i) {
        const int before = model->rowCount();
        steps.append(timeMs([&] {
            table->scrollToBottom(); // reaching the end makes the view call fetchMore()
            QApplication::processEvents();
            waitForPage(model);
            table->viewport()->repaint();
        }));
        if (model->rowCount() <= before)
            broken << QStringLiteral("scroll step %1 loaded no rows (%2 loaded)").arg(i + 1).arg(before);
    }
    stopHeartbeat();
    const double scrollGapMs = longestGapMs;
    std::sort(steps.begin(), steps.end());
    const int loaded = model->rowCount();
    const double rssAfterScroll = procMiB("VmRSS:");
    // Sorting by amount: no index serves it, so the page takes a full sort; the window stays live meanwhile.
    startHeartbeat();
    const double sortMs = timeMs([&] {
        table->sortByColumn(TransactionTableModel::Amount, Qt::DescendingOrder);
        waitForPage(model);
    });
    stopHeartbeat();
    const double sortGapMs = longestGapMs;
    for (int r = 1; r < model->rowCount(); ++r) {
        if (model->transactionAt(r).amount > model->transactionAt(r - 1).amount) {
            broken << QStringLiteral("sorted by amount, row %1 is larger than row %2").arg(r).arg(r - 1);
            break;
        }
    }
    if (model->rowCount() == 0 || model->rowCount() > rows)
        broken << QStringLiteral("%1 rows loaded of %2").arg(model->rowCount()).arg(rows);
    window.showView(MainWindow::View::Dashboard);
    QApplication::processEvents();

    // What the views ask of the ledger, timed one by one on the thread the "thread" column names.
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
    TransactionFilter byAmount;
    byAmount.sortKey = SortKey::Amount;
    // The worker queries run on the views' background pool (with its page cache), as in the window; the pool's
    // task is waited for here, outside the heartbeat phases.
    runInBackground([&] {
        queries.append({"first page of 200 transactions, newest first", "worker", timeMs([&] {
                            (void)l.transactions({}, {200, {}});
                        })});
        queries.append({"first page of 200, sorted by amount", "worker", timeMs([&] {
                            (void)l.transactions(byAmount, {200, {}});
                        })});
        queries.append({"first page of 200, text filter \"Uber\"", "worker", timeMs([&] {
                            (void)l.transactions(uber, {200, {}});
                        })});
        queries.append({"count of all transactions", "worker", timeMs([&] { (void)l.countTransactions({}); })});
        queries.append({"count for text filter \"Uber\"", "worker", timeMs([&] { (void)l.countTransactions(uber); })});
        queries.append({"one account's daily balances, 90 days (accounts chart)", "worker",
                        timeMs([&] { (void)l.dailyBalances(l.accounts()->first().id, now - 90 * day, now); })});
        queries.append({"dashboard snapshot (accounts, open counts, per day, histogram, 90-day balance)", "worker",
                        timeMs([&] { (void)DashboardView::load(l); })});
    }).waitForFinished();
    queries.append({"first page of 200 anomalies", "GUI", timeMs([&] { (void)l.anomalies({}, {200, {}}); })});
    queries.append({"accounts with health and counts", "GUI", timeMs([&] { (void)l.accounts(); })});

    // Event-loop stalls during a full detection run, with the dashboard on screen.
    double detectionS = 0;
    double rssAfterDetection = 0;
    double rssSettled = 0;
    if (!parser.isSet(noDetect)) {
        QElapsedTimer runTimer;
        runTimer.start();
        QObject::connect(&pipeline, &DetectionPipeline::runFinished, &app, &QApplication::quit);
        startHeartbeat();
        app.recording = true;
        pipeline.start(true);
        app.exec();
        app.recording = false;
        detectionS = double(runTimer.elapsed()) / 1000.0;
        stopHeartbeat();
        {
            QEventLoop settle; // the views' reloads after the run
            QTimer::singleShot(500, &settle, &QEventLoop::quit);
            settle.exec();
        }
        rssAfterDetection = procMiB("VmRSS:");
        if (const qint64 unscored = unscoredTransactions(**ledger); unscored != 0)
            broken << QStringLiteral("%1 transactions without a score after the run").arg(unscored);
        if (const auto stale = (*ledger)->staleAccountIds(); !stale || !stale->isEmpty())
            broken << QStringLiteral("stale accounts left after the run");
        if (const int seconds = parser.value(settle).toInt(); seconds > 0) {
            QEventLoop idle;
            QTimer::singleShot(seconds * 1000, &idle, &QEventLoop::quit);
            idle.exec();
            rssSettled = procMiB("VmRSS:");
        }
    }

    std::printf("| measure | value |\n|---|---:|\n");
    std::printf("| transactions in the ledger | %lld |\n", rows);
    std::printf("| open the ledger and build the window to its first painted frame, ms | %.0f |\n", firstFrameMs);
    std::printf("| ... to the dashboard's figures and charts (worker thread), ms | %.0f |\n", dashboardMs);
    std::printf("| resident memory after the first frame, MiB | %.0f |\n", rssAfterFrame);
    std::printf("| scrolling to the end of the loaded rows %d times (%d rows loaded): next page on screen, median / "
                "max ms | %.1f / %.1f |\n",
                int(steps.size()), loaded, steps.isEmpty() ? 0.0 : steps[steps.size() / 2],
                steps.isEmpty() ? 0.0 : steps.last());
    std::printf("| longest GUI event-loop gap while scrolling, ms | %.0f |\n", scrollGapMs);
    std::printf("| resident memory after scrolling, MiB | %.0f |\n", rssAfterScroll);
    std::printf("| sort by amount: first page on screen, ms | %.0f |\n", sortMs);
    std::printf("| longest GUI event-loop gap meanwhile, ms | %.0f |\n", sortGapMs);
    if (!parser.isSet(noDetect)) {
        std::printf("| detection run over all accounts in the background, s | %.1f |\n", detectionS);
        std::printf("| longest GUI event-loop gap during it, ms (10 ms heartbeat) | %.0f |\n", longestGapMs);
        std::printf("| heartbeat gaps over 50 ms during it | %d |\n", gapsOver50);
        std::printf("| resident memory 0.5 s after it, MiB | %.0f |\n", rssAfterDetection);
        if (rssSettled > 0)
            std::printf("| resident memory %s s after it, MiB | %.0f |\n", qPrintable(parser.value(settle)),
                        rssSettled);
    }
    std::printf("| peak resident memory of the process (VmHWM), MiB | %.0f |\n", procMiB("VmHWM:"));
    if (!app.slowEvents.isEmpty())
        std::printf("\nEvents over 40 ms on the GUI thread during detection: %s\n",
                    qPrintable(app.slowEvents.join(QStringLiteral("; "))));
    std::printf("\n| query (%lld rows) | thread | ms |\n|---|---|---:|\n", rows);
    for (const Query& q : std::as_const(queries))
        std::printf("| %s | %s | %.1f |\n", q.what, q.thread, q.ms);
    if (const qint64 bad = invariantViolations(**ledger); bad != 0)
        broken << QStringLiteral("%1 balance or running-balance violations").arg(bad);
    if (!broken.isEmpty()) {
        std::fprintf(stderr, "invariants broken: %s\n", qPrintable(broken.join(QStringLiteral("; "))));
        return 1;
    }
    std::printf("\ninvariants after the run: ok\n");
    return 0;
}
