// SPDX-License-Identifier: GPL-3.0-or-later
// Pipeline benchmark: backfill a demo ledger to about N transactions in one batch, then one detection run over all
// of it (read, features, fit, score, write), a scheduled run after a generator run, then instant-scoring latency of
// single new transactions. The run's log line (ledgerguard.pipeline) splits the run into read, features and write.
// Afterwards it checks that every transaction is scored, no account is stale after the runs, the first run wrote a
// score for every row, and balances and running balances are exact ("invariants after the run: ok"; exit 1 otherwise).
//
//   bench_pipeline [--scale S] [--days D] [--ledger FILE]     (scale 700 x 90 days is about 1,000,000 transactions)
//
// --ledger FILE: a backfilled ledger no detection has run on, copied in instead of the backfill (when FILE does not
// exist, the backfill is run and its ledger copied to FILE first), so that repeated runs measure the same rows.
#include "bench_util.h"
#include "cpu_seconds.h"
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "pipeline/DetectionPipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
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
    const QCommandLineOption saved(
        QStringLiteral("ledger"), QStringLiteral("Backfilled ledger to copy in (written by the backfill when absent)."),
        QStringLiteral("FILE"));
    parser.addOptions({scale, days, saved});
    parser.process(app);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench-pipeline.sqlite"));
    const QString savedPath = parser.value(saved);
    const bool reuse = !savedPath.isEmpty() && QFile::exists(savedPath);
    if (reuse && !QFile::copy(savedPath, path)) {
        std::fprintf(stderr, "cannot copy %s\n", qPrintable(savedPath));
        return 1;
    }
    QElapsedTimer timer;
    double backfillS = 0;
    {
        auto opened = Ledger::open(path);
        if (!opened)
            return 1;
        if (!reuse) {
            Ledger& ledger = **opened;
            if (!createDemoLedger(ledger, 1, 1).isOk())
                return 1;
            TransactionGenerator generator(ledger);
            timer.start();
            auto backfill = generator.backfill(parser.value(days).toInt(), parser.value(scale).toDouble());
            if (!backfill) {
                std::fprintf(stderr, "%s\n", qPrintable(backfill.status().toString()));
                return 1;
            }
            backfillS = double(timer.nsecsElapsed()) / 1e9;
        }
    }
    // Closed, so that the file holds everything (no WAL) when it is copied out.
    if (!reuse && !savedPath.isEmpty() && !QFile::copy(path, savedPath)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(savedPath));
        return 1;
    }
    auto opened = Ledger::open(path);
    if (!opened)
        return 1;
    Ledger& ledger = **opened;
    const qint64 rows = ledger.countTransactions({}).value();

    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(ledger, options);
    resetPeakResidentMemory();
    const double rssBefore = procMiB("VmRSS:");
    double cpu = cpuSeconds();
    timer.restart();
    auto run = pipeline.runNow(true);
    const double runS = double(timer.nsecsElapsed()) / 1e9;
    const double runCpu = cpuSeconds() - cpu;
    const double runPeak = procMiB("VmHWM:");
    if (!run) {
        std::fprintf(stderr, "%s\n", qPrintable(run.status().toString()));
        return 1;
    }

    // What the first run stored, summed, so that runs over the same --ledger file can be compared for identical
    // results.
    QString digest;
    {
        QSqlQuery q(*ledger.database()->connection());
        if (q.exec(QStringLiteral(
                "SELECT (SELECT printf('%d scores, sum %.9f, seq-weighted %.6e, %d HIGH, %d MEDIUM', count(*), "
                "total(score), total(score * seq), total(risk = 'HIGH'), total(risk = 'MEDIUM')) FROM "
                "transaction_scores), (SELECT printf('%d cases, sum %.9f, %d bytes of features and explanations, "
                "types %s', count(*), total(score), total(length(features) + length(explanation)), "
                "group_concat(DISTINCT anomaly_type)) FROM anomalies)"))
            && q.next())
            digest = q.value(0).toString() + QStringLiteral("; ") + q.value(1).toString();
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
    if (!reuse) {
        std::printf("| backfill (generate + one batch insert), s | %.2f |\n", backfillS);
        std::printf("| backfill rate, transactions/s | %.0f |\n", double(rows) / backfillS);
    }
    std::printf("| detection run over all accounts (read, features, fit, score, write), s | %.2f |\n", runS);
    std::printf("| ... its CPU time (all threads), s | %.2f |\n", runCpu);
    const auto phase
        = [](const char* what, qint64 ns) { std::printf("| ... %s, s | %.2f |\n", what, double(ns) / 1e9); };
    phase("read (Ledger::transactionColumns)", run->readNs);
    phase("features", run->featuresNs);
    phase("fit and score (IsolationForest::fit, the raw scores)", run->fitNs);
    phase("explain and store (Ledger::storeDetectionResults)", run->storeNs);
    std::printf("| ... peak resident memory of the process during it (VmHWM), MiB (before it: %.0f) | %.0f |\n",
                rssBefore, runPeak);
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
    std::printf("\nfirst run's results: %s\n", qPrintable(digest));
    std::printf("invariants after the run: ok\n");
    return 0;
}
