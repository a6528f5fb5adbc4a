// SPDX-License-Identifier: GPL-3.0-or-later
// Import benchmark: writes a seeded bank-export CSV (tests/import_csv_generator.h) with an account column, reads it
// once with readCsv counting rows (the reference: parsing alone), imports it into a fresh ledger through
// importStatementFile (accounts created, one import batch) and reports wall time, rows/s, the ratio to the reference
// and the import's peak resident memory (VmHWM, reset before the import), then waits for the checkpoint the import
// leaves running in the background and reports its time. Then checks that every row was imported,
// each balance is the sum of its account's generated amounts and the running balances are exact; measures SQLite's
// floor for the same write (the imported rows copied by one INSERT ... SELECT into a fresh ledger, and the same rows
// bound from memory through SQLite's C API alone) and, with
// --detect, times the first detection run over the imported ledger (DetectionPipeline::runNow).
//
//   bench_import [--rows N] [--accounts K] [--newest-first] [--detect]     (full size: 1,000,000 rows)
//   bench_import --detect-only LEDGER     (the detection run alone, on a copy of a kept ledger)
#include "bench_util.h"
#include "import/Csv.h"
#include "import/ImportService.h"
#include "import_csv_generator.h"
#include "ledger/SqliteApi_p.h"
#include "pipeline/DetectionPipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThreadPool>
#include <cstdio>
#include <ctime>
#include <optional>
#include <vector>
#if LG_BENCH_SQLITE_API
#include <sqlite3.h>
#endif

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

// The imported transaction rows, as the ledger stores them, packed as UTF-8 in one buffer.
struct StoredRows
{
    static constexpr int kTexts = 7; // id, description, category, counterparty, source, external_id, import_batch
    struct Row
    {
        qint64 accountId, amount, timestamp, runningBalance, createdAt;
        qsizetype text[kTexts]; // offsets into `bytes`; -1 for NULL
        int length[kTexts];
    };
    QByteArray bytes;
    std::vector<Row> rows;
};

// SQLite's floor through its C API alone: the imported rows are read (untimed) into memory as UTF-8, then written
// into a fresh ledger at `path` (same schema, same connection settings, its accounts copied untimed) by one prepared
// INSERT bound with sqlite3_bind_* (SQLITE_STATIC) and stepped per row, in one transaction. Returns the wall and
// CPU seconds of that transaction, or nullopt (with a message) when it cannot be measured: no SQLite headers at
// build time, a Qt SQLite driver with its own copy of SQLite, or an error.
std::optional<std::pair<double, double>> cApiFloor(Ledger& imported, const QString& path, const QString& importedPath)
{
#if !LG_BENCH_SQLITE_API
    Q_UNUSED(imported);
    Q_UNUSED(path);
    Q_UNUSED(importedPath);
    std::printf("SQLite's C API alone: not measured (built without SQLite's headers)\n");
    return std::nullopt;
#else
    StoredRows stored;
    {
        auto db = imported.database()->connection();
        if (!db)
            return std::nullopt;
        QSqlQuery q(*db);
        q.setForwardOnly(true);
        if (!q.exec(
                QStringLiteral("SELECT account_id, amount, timestamp, running_balance, created_at, id, description, "
                               "category, counterparty, source, external_id, import_batch FROM transactions "
                               "ORDER BY seq"))) {
            std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
            return std::nullopt;
        }
        while (q.next()) {
            StoredRows::Row r {q.value(0).toLongLong(),
                               q.value(1).toLongLong(),
                               q.value(2).toLongLong(),
                               q.value(3).toLongLong(),
                               q.value(4).toLongLong(),
                               {},
                               {}};
            for (int t = 0; t < StoredRows::kTexts; ++t) {
                const QVariant v = q.value(5 + t);
                const QByteArray utf8 = v.isNull() ? QByteArray() : v.toString().toUtf8();
                r.text[t] = v.isNull() ? -1 : stored.bytes.size();
                r.length[t] = int(utf8.size());
                stored.bytes += utf8;
            }
            stored.rows.push_back(r);
        }
    }
    auto opened = Ledger::open(path);
    if (!opened)
        return std::nullopt;
    auto db = (*opened)->database()->connection();
    if (!db)
        return std::nullopt;
    QSqlQuery copy(*db);
    if (!copy.exec(QStringLiteral("ATTACH DATABASE '%1' AS imported").arg(importedPath))
        || !copy.exec(QStringLiteral("INSERT INTO accounts SELECT * FROM imported.accounts"))
        || !copy.exec(QStringLiteral("DETACH DATABASE imported"))) {
        std::fprintf(stderr, "%s\n", qPrintable(copy.lastError().text()));
        return std::nullopt;
    }
    sqlite3* handle = sqlite::nativeHandle(*db);
    if (!handle) {
        std::printf("SQLite's C API alone: not measured (Qt's SQLite driver does not run on this program's "
                    "libsqlite3)\n");
        return std::nullopt;
    }
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v2(handle,
                           "INSERT INTO transactions (account_id, amount, timestamp, running_balance, created_at, id, "
                           "description, category, counterparty, source, external_id, import_batch) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &insert, nullptr)
        != SQLITE_OK) {
        std::fprintf(stderr, "%s\n", sqlite3_errmsg(handle));
        return std::nullopt;
    }
    const double cpu = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    bool ok = sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    const char* const bytes = stored.bytes.constData();
    for (const StoredRows::Row& r : stored.rows) {
        if (!ok)
            break;
        sqlite3_bind_int64(insert, 1, r.accountId);
        sqlite3_bind_int64(insert, 2, r.amount);
        sqlite3_bind_int64(insert, 3, r.timestamp);
        sqlite3_bind_int64(insert, 4, r.runningBalance);
        sqlite3_bind_int64(insert, 5, r.createdAt);
        for (int t = 0; t < StoredRows::kTexts; ++t) {
            if (r.text[t] < 0)
                sqlite3_bind_null(insert, 6 + t);
            else
                sqlite3_bind_text(insert, 6 + t, bytes + r.text[t], r.length[t], SQLITE_STATIC);
        }
        ok = sqlite3_step(insert) == SQLITE_DONE;
        sqlite3_reset(insert);
    }
    ok = ok && sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    const std::pair<double, double> result {seconds(timer), cpuSeconds() - cpu};
    if (!ok)
        std::fprintf(stderr, "C API floor: %s\n", sqlite3_errmsg(handle));
    sqlite3_finalize(insert);
    if (!ok)
        return std::nullopt;
    return result;
#endif
}

// Times the first detection run over the ledger's stale (imported) accounts and prints it.
bool firstDetection(Ledger& ledger)
{
    DetectionPipelineOptions detection;
    detection.instantScoring = false;
    DetectionPipeline pipeline(ledger, detection);
    QElapsedTimer timer;
    timer.start();
    const double cpu = cpuSeconds();
    auto run = pipeline.runNow();
    const double runS = seconds(timer);
    const double runCpu = cpuSeconds() - cpu;
    if (!run) {
        std::fprintf(stderr, "%s\n", qPrintable(run.status().toString()));
        return false;
    }
    std::printf("first detection run over the imported accounts (stale after the import): %.2f s wall, %.2f s CPU, "
                "%lld transactions scored\n",
                runS, runCpu, qint64(run->transactionsScored));
    return true;
}

// --detect-only: the first detection run on a copy of a kept ledger (the import's WAL checkpointed into it).
int detectOnCopy(const QString& source)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.sqlite"));
    if (!QFile::copy(source, path)) {
        std::fprintf(stderr, "cannot copy %s\n", qPrintable(source));
        return 1;
    }
    auto opened = Ledger::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.status().toString()));
        return 1;
    }
    return firstDetection(**opened) ? 0 : 1;
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
    const QCommandLineOption keep(QStringLiteral("keep"),
                                  QStringLiteral("Keep the CSV and the ledgers (their folder is printed at the end)."));
    const QCommandLineOption detectOnly(
        QStringLiteral("detect-only"),
        QStringLiteral(
            "Only time the first detection run, on a copy of LEDGER (a kept ledger.sqlite before detection)."),
        QStringLiteral("LEDGER"));
    parser.addOptions({rowsOption, accountsOption, newestFirst, detect, keep, detectOnly});
    parser.process(app);
    if (parser.isSet(detectOnly))
        return detectOnCopy(parser.value(detectOnly));
    const qint64 rows = parser.value(rowsOption).toLongLong();
    const int accounts = parser.value(accountsOption).toInt();
    if (rows <= 0 || accounts <= 0) {
        std::fprintf(stderr, "--rows and --accounts must be positive\n");
        return 2;
    }

    QTemporaryDir dir;
    dir.setAutoRemove(!parser.isSet(keep));
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
    // The import's WAL is copied into the file on Qt's global thread pool after the import returns: waited for
    // here, so that the measurements below do not share the machine with it.
    QElapsedTimer checkpointTimer;
    checkpointTimer.start();
    const double checkpointCpu = cpuSeconds();
    QThreadPool::globalInstance()->waitForDone();
    const double checkpointS = seconds(checkpointTimer);
    const double checkpointCpuS = cpuSeconds() - checkpointCpu;
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
    std::printf("the import's checkpoint after it returned (background, waited for): %.2f s wall, %.2f s CPU\n",
                checkpointS, checkpointCpuS);
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
    if (const auto cApi
        = cApiFloor(ledger, dir.filePath(QStringLiteral("capi.sqlite")), dir.filePath(QStringLiteral("ledger.sqlite"))))
        std::printf("SQLite's C API alone (the same rows read into memory as UTF-8 first, then one prepared INSERT "
                    "bound and stepped per row into a fresh ledger, one transaction): %.2f s wall, %.2f s CPU; the "
                    "import is %.2f x it (wall), %.2f x (CPU)\n",
                    cApi->first, cApi->second, importS / cApi->first, importCpu / cApi->second);

    if (parser.isSet(detect) && !firstDetection(ledger))
        return 1;
    std::printf("\ninvariants after the run: ok\n");
    if (parser.isSet(keep))
        std::printf("kept: %s\n", qPrintable(dir.path()));
    return 0;
}
