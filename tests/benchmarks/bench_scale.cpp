// SPDX-License-Identifier: GPL-3.0-or-later
// Scale benchmark (issue 15 item 4): builds a ledger of about N transactions through the ledger's bulk path (the
// generator's backfill, written in chunks of at most --chunk rows, each after the last, with the demo company's eight
// accounts) and reports, each on that ledger: the file's size, the page of 100 by account and date range, a
// detection run over all accounts (wall time, phases, peak resident memory of the run), the import of a 1,000,000-row
// CSV into it (tests/import_csv_generator.h, as bench_import), and, from the other benchmarks run on the same file as
// child processes, the REST list page (bench_api: an in-process RestServer on 127.0.0.1 driven by wrk's keep-alive
// connections) and the desktop's first frame and memory (bench_ui, offscreen). Then it checks the ledger: every
// transaction scored, balances and running balances exact ("invariants after the run: ok"; exit 1 otherwise).
//
//   bench_scale [--transactions N] [--days D] [--chunk ROWS] [--import-rows R] [--dir DIR] [--rest-seconds S]
//               [--no-children]
//   (docs/PERFORMANCE.md, "Scale": --transactions 1000000 and 10000000; the 10M file takes about 2 GB in DIR)
#include "bench_util.h"
#include "cpu_seconds.h"
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "import/ImportService.h"
#include "import_csv_generator.h"
#include "pipeline/DetectionPipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace ledgerguard;

namespace {

// Transactions the demo company's eight accounts book per day at daily scale 1 (measured: 936,490 over 90 days at
// scale 700).
constexpr double kRowsPerScaleDay = 14.86;

double seconds(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

double fileMiB(const QString& path)
{
    return double(QFileInfo(path).size()) / 1048576.0;
}

// The ledger file's size once its WAL is written back into it.
double checkpointedMiB(Ledger& ledger, const QString& path)
{
    QSqlQuery q(*ledger.database()->connection());
    if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
        return -1;
    return fileMiB(path);
}

// Runs another benchmark on the ledger file and prints its report under a heading. False when it fails.
bool runChild(const QString& heading, const QString& program, const QStringList& arguments)
{
    std::printf("\n### %s\n\n`%s %s`\n\n", qPrintable(heading), qPrintable(QFileInfo(program).fileName()),
                qPrintable(arguments.join(QLatin1Char(' '))));
    std::fflush(stdout);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(environment);
    child.start(program, arguments);
    if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit) {
        std::fprintf(stderr, "%s did not finish\n", qPrintable(program));
        return false;
    }
    std::printf("%s\n", child.readAllStandardOutput().constData());
    return child.exitCode() == 0 || child.exitCode() == 77; // 77: bench_api without wrk
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption transactionsOption(QStringLiteral("transactions"),
                                                QStringLiteral("Transactions to build (about)."), QStringLiteral("N"),
                                                QStringLiteral("10000000"));
    const QCommandLineOption daysOption(QStringLiteral("days"), QStringLiteral("Days of history."), QStringLiteral("D"),
                                        QStringLiteral("365"));
    const QCommandLineOption chunkOption(QStringLiteral("chunk"), QStringLiteral("Rows per bulk write (at most)."),
                                         QStringLiteral("ROWS"), QStringLiteral("500000"));
    const QCommandLineOption importOption(QStringLiteral("import-rows"), QStringLiteral("Rows of the imported CSV."),
                                          QStringLiteral("R"), QStringLiteral("1000000"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Directory for the ledger and the CSV."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption restOption(QStringLiteral("rest-seconds"), QStringLiteral("Seconds of each wrk run."),
                                        QStringLiteral("S"), QStringLiteral("5"));
    const QCommandLineOption noChildren(QStringLiteral("no-children"),
                                        QStringLiteral("Skip the REST and desktop figures (bench_api, bench_ui)."));
    parser.addOptions({transactionsOption, daysOption, chunkOption, importOption, dirOption, restOption, noChildren});
    parser.process(app);
    const qint64 target = parser.value(transactionsOption).toLongLong();
    const int days = parser.value(daysOption).toInt();
    const qint64 chunk = parser.value(chunkOption).toLongLong();
    const qint64 importRows = parser.value(importOption).toLongLong();
    if (target <= 0 || days <= 0 || chunk <= 0 || importRows < 0) {
        std::fprintf(stderr, "--transactions, --days and --chunk must be positive\n");
        return 2;
    }
    QTemporaryDir temporary(parser.isSet(dirOption)
                                ? QDir(parser.value(dirOption)).filePath(QStringLiteral("scale-XXXXXX"))
                                : QDir::tempPath() + QStringLiteral("/bench-scale-XXXXXX"));
    if (!temporary.isValid()) {
        std::fprintf(stderr, "cannot create a directory for the ledger\n");
        return 1;
    }
    const QString path = temporary.filePath(QStringLiteral("scale.sqlite"));

    // Build: history in chunks of days, each written by one backfill (one bulk write) after the one before, with a
    // manual clock that ends at the system's now.
    const double scale = double(target) / (kRowsPerScaleDay * days);
    const int chunkDays = std::max(1, int(double(chunk) / (kRowsPerScaleDay * scale)));
    const qint64 endMs = SystemClock().nowMs();
    ManualClock clock(endMs - qint64(days) * kDayMs);
    QElapsedTimer timer;
    double buildS = 0;
    double buildCpu = cpuSeconds();
    {
        auto opened = Ledger::open(path, clock);
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.status().toString()));
            return 1;
        }
        Ledger& ledger = **opened;
        if (Status s = createDemoLedger(ledger, 1, 1); !s.isOk()) {
            std::fprintf(stderr, "%s\n", qPrintable(s.toString()));
            return 1;
        }
        TransactionGenerator generator(ledger);
        timer.start();
        for (int done = 0; done < days;) {
            const int step = std::min(chunkDays, days - done);
            clock.advanceMs(qint64(step) * kDayMs);
            auto written = generator.backfill(step, scale);
            if (!written) {
                std::fprintf(stderr, "backfill: %s\n", qPrintable(written.status().toString()));
                return 1;
            }
            done += step;
            std::fprintf(stderr, "built %d of %d days (%.0f s)\n", done, days, seconds(timer));
        }
        buildS = seconds(timer);
    } // closed: the WAL is checkpointed into the file
    buildCpu = cpuSeconds() - buildCpu;
    const double fileSize = fileMiB(path);

    auto opened = Ledger::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.status().toString()));
        return 1;
    }
    Ledger& ledger = **opened;
    const qint64 rows = ledger.countTransactions({}).value();
    const QList<Account> accounts = *ledger.accounts();
    qint64 largest = 0;
    for (const Account& a : accounts)
        largest = std::max(largest, a.transactionCount);

    // The page of 100 by account and date range (a week at a random point of the history), as the views ask it.
    std::mt19937_64 rng(15);
    std::vector<double> pageMs;
    for (int i = 0; i < 400; ++i) {
        TransactionFilter filter;
        filter.accountId = accounts[qsizetype(rng() % quint64(accounts.size()))].id;
        filter.fromMs = endMs - qint64(days) * kDayMs + qint64(rng() % quint64(std::max(1, days - 7))) * kDayMs;
        filter.toMs = *filter.fromMs + 7 * kDayMs;
        timer.restart();
        auto page = ledger.transactions(filter, {100, {}});
        pageMs.push_back(seconds(timer) * 1e3);
        if (!page)
            return 1;
    }
    std::sort(pageMs.begin(), pageMs.end());

    // Detection over all accounts.
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(ledger, options);
    resetPeakResidentMemory();
    const double rssBeforeRun = procMiB("VmRSS:");
    double cpu = cpuSeconds();
    timer.restart();
    auto run = pipeline.runNow(true);
    const double runS = seconds(timer);
    const double runCpu = cpuSeconds() - cpu;
    const double runPeak = procMiB("VmHWM:");
    if (!run) {
        std::fprintf(stderr, "detection: %s\n", qPrintable(run.status().toString()));
        return 1;
    }
    const qint64 unscored = unscoredTransactions(ledger);
    const double fileScored = checkpointedMiB(ledger, path);

    bool childrenOk = true;
    if (!parser.isSet(noChildren)) {
        childrenOk = runChild(QStringLiteral("REST API on this ledger (bench_api)"), QStringLiteral(LG_BENCH_API),
                              {QStringLiteral("--db"), path, QStringLiteral("--transactions"), QStringLiteral("1"),
                               QStringLiteral("--accounts"), QStringLiteral("8"), QStringLiteral("--duration"),
                               parser.value(restOption)});
        childrenOk
            = runChild(QStringLiteral("Desktop on this ledger (bench_ui, offscreen)"), QStringLiteral(LG_BENCH_UI),
                       {QStringLiteral("--db"), path, QStringLiteral("--no-detect"), QStringLiteral("--scroll"),
                        QStringLiteral("5")})
            && childrenOk;
    }

    // Import of a generated bank CSV into the large ledger (new accounts, one import batch).
    double importS = 0, importPeak = 0;
    qint64 imported = 0;
    if (importRows > 0) {
        const QString csvPath = temporary.filePath(QStringLiteral("statement.csv"));
        GeneratedCsv generated;
        if (!writeGeneratedCsv(csvPath, importRows, 4, 20261202, false, &generated)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(csvPath));
            return 1;
        }
        ImportServiceOptions importOptions;
        importOptions.parse.defaultCurrency = QStringLiteral("EUR");
        importOptions.createAccounts = true;
        importOptions.newAccountCurrency = QStringLiteral("EUR");
        resetPeakResidentMemory();
        timer.restart();
        auto summary = importStatementFile(ledger, csvPath, importOptions);
        importS = seconds(timer);
        importPeak = procMiB("VmHWM:");
        if (!summary || !summary->errors.isEmpty()) {
            std::fprintf(stderr, "import failed: %s\n",
                         summary ? "row errors" : qPrintable(summary.status().toString()));
            return 1;
        }
        imported = summary->imported;
        QFile::remove(csvPath);
    }
    const qint64 violations = invariantViolations(ledger);
    const double fileAfter = checkpointedMiB(ledger, path);

    std::printf("| measure | value |\n|---|---:|\n");
    std::printf("| transactions built (8 accounts, %d days; largest account) | %lld (%lld) |\n", days, rows, largest);
    std::printf(
        "| build through the bulk path (backfill in chunks of %d days), s; rows/s; CPU s | %.1f; %.0f; %.1f |\n",
        chunkDays, buildS, double(rows) / buildS, buildCpu);
    std::printf("| ledger file after the build, MiB (bytes per transaction) | %.0f (%.0f) |\n", fileSize,
                fileSize * 1048576.0 / double(rows));
    std::printf("| page of 100 by account and week, median / p99, ms | %.3f / %.3f |\n", pageMs[pageMs.size() / 2],
                pageMs[pageMs.size() * 99 / 100]);
    std::printf("| detection over all accounts (read, features, fit, score, store), s; CPU s | %.1f; %.1f |\n", runS,
                runCpu);
    std::printf("| ... read / features / fit and score / explain and store, s | %.1f / %.1f / %.1f / %.1f |\n",
                double(run->readNs) / 1e9, double(run->featuresNs) / 1e9, double(run->fitNs) / 1e9,
                double(run->storeNs) / 1e9);
    std::printf("| ... scores written; HIGH / MEDIUM | %lld; %d / %d |\n", run->transactionsScored, run->high,
                run->medium);
    std::printf("| ... peak resident memory of the process during it (VmHWM), MiB (before it: %.0f) | %.0f |\n",
                rssBeforeRun, runPeak);
    std::printf("| ledger file with the scores (checkpointed), MiB (bytes per transaction) | %.0f (%.0f) |\n",
                fileScored, fileScored * 1048576.0 / double(rows));
    if (importRows > 0) {
        std::printf("| import of a %lld-row CSV into it (importStatementFile), s; rows/s | %.1f; %.0f |\n", importRows,
                    importS, double(imported) / importS);
        std::printf("| ... peak resident memory during the import, MiB | %.0f |\n", importPeak);
    }
    std::printf("| ledger file after the import (checkpointed), MiB | %.0f |\n", fileAfter);
    std::fflush(stdout);

    QStringList broken;
    if (unscored != 0)
        broken << QStringLiteral("%1 transactions without a score after the run").arg(unscored);
    if (violations != 0)
        broken << QStringLiteral("%1 balance or running-balance violations").arg(violations);
    if (importRows > 0 && imported != importRows)
        broken << QStringLiteral("%1 of %2 CSV rows imported").arg(imported).arg(importRows);
    if (!childrenOk)
        broken << QStringLiteral("a child benchmark failed");
    if (!broken.isEmpty()) {
        std::fprintf(stderr, "invariants broken: %s\n", qPrintable(broken.join(QStringLiteral("; "))));
        return 1;
    }
    std::printf("\ninvariants after the run: ok\n");
    return 0;
}
