// SPDX-License-Identifier: GPL-3.0-or-later
// Import benchmark: writes a seeded bank-export CSV (tests/import_csv_generator.h) with an account column, reads it
// once with readCsv counting rows (the reference: parsing alone), imports it into a fresh ledger through
// importStatementFile (accounts created, one import batch) and reports wall time, rows/s, the ratio to the reference
// and the import's peak resident memory (VmHWM, reset before the import). Then checks that every row was imported,
// each balance is the sum of its account's generated amounts and the running balances are exact; measures SQLite's
// floor for the same write (the imported rows copied by one INSERT ... SELECT into a fresh ledger) and, with
// --detect, times the first detection run over the imported ledger (DetectionPipeline::runNow).
//
//   bench_import [--rows N] [--accounts K] [--newest-first] [--detect]     (full size: 1,000,000 rows)
#include "bench_util.h"
#include "import/Csv.h"
#include "import/ImportService.h"
#include "import_csv_generator.h"
#include "pipeline/DetectionPipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>

using namespace ledgerguard;

namespace {

// Resets the process's peak resident memory (VmHWM) to the current one (Linux 4.0 and later).
void resetPeakMemory()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

double seconds(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// CPU seconds of the whole process (all threads) so far.
double cpuSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows of the CSV."), QStringLiteral("N"),
                                        QStringLiteral("1000000"));
    const QCommandLineOption accountsOption(QStringLiteral("accounts"), QStringLiteral("Accounts in the file."),
                                            QStringLiteral("K"), QStringLiteral("4"));
    const QCommandLineOption newestFirst(QStringLiteral("newest-first"),
                                         QStringLiteral("Write the rows newest first (every chunk back-dated)."));
    const QCommandLineOption detect(QStringLiteral("detect"), QStringLiteral("Time the first detection run."));
    parser.addOptions({rowsOption, accountsOption, newestFirst, detect});
    parser.process(app);
    const qint64 rows = parser.value(rowsOption).toLongLong();
    const int accounts = parser.value(accountsOption).toInt();
    if (rows <= 0 || accounts <= 0) {
        std::fprintf(stderr, "--rows and --accounts must be positive\n");
        return 2;
    }

    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("statement.csv"));
    GeneratedCsv generated;
    if (!writeGeneratedCsv(csvPath, rows, accounts, 20261202, parser.isSet(newestFirst), &generated)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(csvPath));
        return 1;
    }
    std::printf("CSV: %lld rows, %d accounts, %.1f MiB, %s\n", rows, accounts, double(generated.bytes) / 1048576.0,
                parser.isSet(newestFirst) ? "newest first" : "oldest first");

    ImportOptions parse;
    parse.defaultCurrency = QStringLiteral("EUR");
    QElapsedTimer timer;
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly))
        return 1;
    qint64 parsed = 0;
    double cpu = cpuSeconds();
    timer.start();
    auto reference = readCsv(&file, parse, [&](const ImportedRow&) {
        ++parsed;
        return true;
    });
    const double parseS = seconds(timer);
    const double parseCpu = cpuSeconds() - cpu;
    file.close();
    if (!reference || parsed != rows) {
        std::fprintf(stderr, "reference parse failed: %s\n", qPrintable(reference.status().toString()));
        return 1;
    }

    auto opened = Ledger::open(dir.filePath(QStringLiteral("ledger.sqlite")));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.status().toString()));
        return 1;
    }
    Ledger& ledger = **opened;
    ImportServiceOptions options;
    options.parse = parse;
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("EUR");
    resetPeakMemory();
    const double rssBefore = procMiB("VmRSS:");
    cpu = cpuSeconds();
    timer.restart();
    auto summary = importStatementFile(ledger, csvPath, options);
    const double importS = seconds(timer);
    const double importCpu = cpuSeconds() - cpu;
    const double peak = procMiB("VmHWM:");
    if (!summary) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(summary.status().toString()));
        return 1;
    }
    std::printf("reference (readCsv counting rows): %.2f s wall (%.0f rows/s), %.2f s CPU\n", parseS,
                double(rows) / parseS, parseCpu);
    std::printf("import (importStatementFile into a fresh ledger): %.2f s wall (%.0f rows/s), %.2f x the reference; "
                "%.2f s CPU, %.2f x the reference\n",
                importS, double(rows) / importS, importS / parseS, importCpu, importCpu / parseCpu);
    std::printf("peak resident memory during the import (VmHWM): %.0f MiB (%.0f MiB before it)\n", peak, rssBefore);
    std::printf("imported %lld, duplicates %lld, probable duplicates %lld, skipped %lld, errors %lld\n",
                summary->imported, summary->duplicates, summary->probableDuplicates, summary->skipped,
                qint64(summary->errors.size()));

    bool ok = summary->imported == rows && summary->errors.isEmpty()
        && summary->accounts.size() == generated.sumPerAccount.size();
    for (const ImportAccountSummary& a : std::as_const(summary->accounts)) {
        const auto account = ledger.account(a.accountId);
        ok = ok && account && account->balance == generated.sumPerAccount.value(a.accountName, -1)
            && a.closingBalanceMinor == account->balance;
    }
    const qint64 violations = invariantViolations(ledger);
    ok = ok && violations == 0;
    if (!ok) {
        std::fprintf(stderr, "invariants broken (%lld running balance / balance violations)\n", violations);
        return 1;
    }

    // SQLite's floor for the same write: a fresh ledger (same schema, same connection settings), its accounts
    // copied untimed, then the imported transaction rows copied in import order by one INSERT ... SELECT in one
    // transaction, so SQLite writes the same rows into the same table and indexes with no row mapping at all.
    auto floorLedger = Ledger::open(dir.filePath(QStringLiteral("floor.sqlite")));
    if (!floorLedger) {
        std::fprintf(stderr, "%s\n", qPrintable(floorLedger.status().toString()));
        return 1;
    }
    auto floorDb = (*floorLedger)->database()->connection();
    if (!floorDb) {
        std::fprintf(stderr, "%s\n", qPrintable(floorDb.status().toString()));
        return 1;
    }
    const auto exec = [&](const QString& statement) {
        QSqlQuery q(*floorDb);
        if (!q.exec(statement)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(statement), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    };
    const QString columns = QStringLiteral("id, account_id, amount, description, category, counterparty, timestamp, "
                                           "running_balance, source, created_at, external_id, import_batch");
    if (!exec(QStringLiteral("ATTACH DATABASE '%1' AS imported").arg(dir.filePath(QStringLiteral("ledger.sqlite"))))
        || !exec(QStringLiteral("INSERT INTO accounts SELECT * FROM imported.accounts")))
        return 1;
    cpu = cpuSeconds();
    timer.restart();
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"))
        || !exec(QStringLiteral("INSERT INTO transactions (%1) SELECT %1 FROM imported.transactions ORDER BY seq")
                     .arg(columns))
        || !exec(QStringLiteral("COMMIT")))
        return 1;
    const double floorS = seconds(timer);
    const double floorCpu = cpuSeconds() - cpu;
    std::printf("SQLite floor (the same rows by one INSERT ... SELECT into a fresh ledger, one transaction): %.2f s "
                "wall, %.2f s CPU; the import is %.2f x it (wall), %.2f x (CPU)\n",
                floorS, floorCpu, importS / floorS, importCpu / floorCpu);

    if (parser.isSet(detect)) {
        DetectionPipelineOptions detection;
        detection.instantScoring = false;
        DetectionPipeline pipeline(ledger, detection);
        timer.restart();
        auto run = pipeline.runNow();
        const double runS = seconds(timer);
        if (!run) {
            std::fprintf(stderr, "%s\n", qPrintable(run.status().toString()));
            return 1;
        }
        std::printf("first detection run over the imported accounts (stale after the import): %.2f s, %lld "
                    "transactions scored\n",
                    runS, qint64(run->transactionsScored));
    }
    std::printf("\ninvariants after the run: ok\n");
    return 0;
}
