// SPDX-License-Identifier: GPL-3.0-or-later
// Pipeline benchmark: backfill a demo ledger to about N transactions in one batch, then one detection run over all
// of it (read, features, fit, score, write), a scheduled run after a generator run, then instant-scoring latency of
// single new transactions. The run's log line (ledgerguard.pipeline) splits the run into read, features and write.
// Afterwards it checks that every transaction is scored, no account is stale after the runs, the first run wrote a
// score for every row, and balances and running balances are exact ("invariants after the run: ok"; exit 1 otherwise).
//
//   bench_pipeline [--scale S] [--days D]     (scale 700 x 90 days is about 1,000,000 transactions)
#include "bench_util.h"
#include "cpu_seconds.h"
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "pipeline/DetectionPipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

using namespace ledgerguard;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption scale(QStringLiteral("scale"), QStringLiteral("Daily volume multiplier."),
                                   QStringLiteral("S"), QStringLiteral("700"));
    const QCommandLineOption days(QStringLiteral("days"), QStringLiteral("Days of history."), QStringLiteral("D"),
                                  QStringLiteral("90"));
    parser.addOptions({scale, days});
    parser.process(app);

    QTemporaryDir dir;
    auto opened = Ledger::open(dir.filePath(QStringLiteral("bench-pipeline.sqlite")));
    if (!opened)
        return 1;
    Ledger& ledger = **opened;
    if (!createDemoLedger(ledger, 1, 1).isOk())
        return 1;
    TransactionGenerator generator(ledger);
    QElapsedTimer timer;
    timer.start();
    auto backfill = generator.backfill(parser.value(days).toInt(), parser.value(scale).toDouble());
    if (!backfill) {
        std::fprintf(stderr, "%s\n", qPrintable(backfill.status().toString()));
        return 1;
    }
    const double backfillS = double(timer.nsecsElapsed()) / 1e9;
    const qint64 rows = ledger.countTransactions({}).value();

    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(ledger, options);
    double cpu = cpuSeconds();
    timer.restart();
    auto run = pipeline.runNow(true);
    const double runS = double(timer.nsecsElapsed()) / 1e9;
    const double runCpu = cpuSeconds() - cpu;
    if (!run) {
        std::fprintf(stderr, "%s\n", qPrintable(run.status().toString()));
        return 1;
    }

    // A scheduled run after a generator run: the stale accounts' new rows are scored with their stored models
    // (docs/DETECTION.md, "Scheduled runs").
    TransactionGenerator live(ledger);
    auto generated = live.runOnce();
    if (!generated)
        return 1;
    cpu = cpuSeconds();
    timer.restart();
    auto rerun = pipeline.runNow();
    const double rerunS = double(timer.nsecsElapsed()) / 1e9;
    const double rerunCpu = cpuSeconds() - cpu;
    if (!rerun)
        return 1;
    const auto staleAfterRuns = ledger.staleAccountIds();

    // Instant scoring: from the write to the stored risk of one new transaction.
    DetectionPipeline instant(ledger);
    std::vector<double> latencies;
    const Account card = ledger.accounts()->at(3);
    for (int i = 0; i < 5; ++i) {
        QSignalSpy scored(&instant, &DetectionPipeline::transactionsScored);
        NewTransaction t;
        t.accountId = card.id;
        t.amount = -1234 - i;
        t.description = QStringLiteral("Taxi");
        t.category = QStringLiteral("card_spend");
        t.counterparty = QStringLiteral("Uber");
        timer.restart();
        auto added = ledger.addTransaction(t);
        if (!added || !scored.wait(30000))
            return 1;
        latencies.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(latencies.begin(), latencies.end());
    std::printf("| measure | value |\n|---|---:|\n");
    std::printf("| transactions | %lld |\n", rows);
    std::printf("| backfill (generate + one batch insert), s | %.2f |\n", backfillS);
    std::printf("| backfill rate, transactions/s | %.0f |\n", double(rows) / backfillS);
    std::printf("| detection run over all accounts (read, features, fit, score, write), s | %.2f |\n", runS);
    std::printf("| ... its CPU time (all threads), s | %.2f |\n", runCpu);
    const auto phase
        = [](const char* what, qint64 ns) { std::printf("| ... %s, s | %.2f |\n", what, double(ns) / 1e9); };
    phase("read (Ledger::transactionColumns)", run->readNs);
    phase("features", run->featuresNs);
    phase("fit and score (IsolationForest::fit, the raw scores)", run->fitNs);
    phase("explain and store (Ledger::storeDetectionResults)", run->storeNs);
    std::printf("| scores written | %lld |\n", run->transactionsScored);
    std::printf("| HIGH / MEDIUM | %d / %d |\n", run->high, run->medium);
    std::printf("| scheduled run after a generator run (%lld new rows in %d stale accounts, %lld scores written), s | "
                "%.3f |\n",
                generated->transactions, rerun->accounts, rerun->transactionsScored, rerunS);
    std::printf("| ... its CPU time, s | %.3f |\n", rerunCpu);
    std::printf("| instant scoring latency (write to stored risk), median ms, account of %lld rows | %.0f |\n",
                card.transactionCount, latencies[latencies.size() / 2]);

    QStringList broken;
    if (run->transactionsScored != rows)
        broken
            << QStringLiteral("first run wrote %1 scores for %2 transactions").arg(run->transactionsScored).arg(rows);
    if (run->high + run->medium != run->anomalies)
        broken << QStringLiteral("HIGH + MEDIUM != anomalies in the run summary");
    if (const qint64 unscored = unscoredTransactions(ledger); unscored != 0)
        broken << QStringLiteral("%1 transactions without a score").arg(unscored);
    if (!staleAfterRuns || !staleAfterRuns->isEmpty())
        broken << QStringLiteral("stale accounts left after the scheduled run");
    if (const qint64 bad = invariantViolations(ledger); bad != 0)
        broken << QStringLiteral("%1 balance or running-balance violations").arg(bad);
    if (!broken.isEmpty()) {
        std::fprintf(stderr, "invariants broken: %s\n", qPrintable(broken.join(QStringLiteral("; "))));
        return 1;
    }
    std::printf("\ninvariants after the run: ok\n");
    return 0;
}
