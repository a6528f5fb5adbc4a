// SPDX-License-Identifier: GPL-3.0-or-later
// Ledger benchmark: bulk insert throughput, single validated insert latency and list-page latency, for the Ledger
// (balances and running balances maintained) and, in the same run, for raw SQLite through its C API (prepared
// statement, one transaction, an (account, time) index, WAL, synchronous=FULL) as the reference.
//
//   bench_ledger [--rows N] [--dir DIR]      (default 1,000,000 rows; see docs/PERFORMANCE.md)
#include "ledger/Ledger.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;
constexpr qint64 kDay = 86'400'000;
constexpr int kAccounts = 8;

struct Latency
{
    double medianMs = 0;
    double p99Ms = 0;
};

Latency summarize(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.99))]};
}

// ---- raw SQLite reference ----
struct RawResult
{
    double rowsPerSecond = 0;
    Latency page;
    Latency single;
};

bool execRaw(sqlite3* db, const char* sql)
{
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: %s\n", err);
        sqlite3_free(err);
        return false;
    }
    return true;
}

RawResult runRaw(const QString& path, qint64 rows, int samples)
{
    RawResult r;
    sqlite3* db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    execRaw(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    execRaw(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, amount INTEGER NOT NULL, "
                "description TEXT NOT NULL, category TEXT NOT NULL, timestamp INTEGER NOT NULL);"
                "CREATE INDEX t_account_time ON t (account_id, timestamp);");
    std::mt19937_64 rng(7);
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t (account_id, amount, description, category, timestamp) VALUES (?,?,?,?,?)",
        -1, &ins, nullptr);
    QElapsedTimer timer;
    timer.start();
    execRaw(db, "BEGIN");
    for (qint64 i = 0; i < rows; ++i) {
        sqlite3_bind_int64(ins, 1, 1 + qint64(rng() % kAccounts));
        sqlite3_bind_int64(ins, 2, qint64(rng() % 200000) - 100000 + 1);
        sqlite3_bind_text(ins, 3, "Supplier payment", -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, "supplier_payment", -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 5, kNow - 90 * kDay + i * (90 * kDay / rows));
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    execRaw(db, "COMMIT");
    r.rowsPerSecond = double(rows) / (double(timer.nsecsElapsed()) / 1e9);

    sqlite3_stmt* page = nullptr;
    sqlite3_prepare_v2(db,
        "SELECT id, account_id, amount, description, category, timestamp FROM t WHERE account_id = ? AND timestamp >= ? "
        "AND timestamp < ? ORDER BY timestamp DESC LIMIT 100",
        -1, &page, nullptr);
    std::vector<double> ms;
    for (int i = 0; i < samples; ++i) {
        timer.restart();
        sqlite3_bind_int64(page, 1, 1 + i % kAccounts);
        sqlite3_bind_int64(page, 2, kNow - 60 * kDay);
        sqlite3_bind_int64(page, 3, kNow - 30 * kDay);
        int n = 0;
        while (sqlite3_step(page) == SQLITE_ROW)
            n += sqlite3_column_int(page, 0) != 0;
        sqlite3_reset(page);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    r.page = summarize(ms);
    ms.clear();
    for (int i = 0; i < samples; ++i) {
        timer.restart();
        execRaw(db, "BEGIN");
        sqlite3_bind_int64(ins, 1, 1);
        sqlite3_bind_int64(ins, 2, 100);
        sqlite3_bind_text(ins, 3, "single", -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, "fees", -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 5, kNow);
        sqlite3_step(ins);
        sqlite3_reset(ins);
        execRaw(db, "COMMIT");
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    r.single = summarize(ms);
    sqlite3_finalize(ins);
    sqlite3_finalize(page);
    sqlite3_close(db);
    return r;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Transactions to insert."),
        QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Directory for the ledger files."),
        QStringLiteral("DIR"));
    const QCommandLineOption samplesOption(QStringLiteral("samples"), QStringLiteral("Latency samples."),
        QStringLiteral("N"), QStringLiteral("1000"));
    parser.addOptions({rowsOption, dirOption, samplesOption});
    parser.process(app);
    const qint64 rows = parser.value(rowsOption).toLongLong();
    const int samples = parser.value(samplesOption).toInt();
    QTemporaryDir tmp;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : tmp.path();

    ManualClock clock(kNow);
    auto opened = Ledger::open(dir + QStringLiteral("/bench-ledger.sqlite"), clock);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.status().toString()));
        return 1;
    }
    Ledger& ledger = **opened;
    QList<qint64> accounts;
    for (int i = 0; i < kAccounts; ++i)
        accounts.append(
            ledger.createAccount({QStringLiteral("Account %1").arg(i), AccountType::Checking, QStringLiteral("EUR")})->id);

    // Bulk: batches of 100,000 in time order (as the generator's backfill writes them).
    std::mt19937_64 rng(7);
    QElapsedTimer timer;
    qint64 written = 0;
    qint64 bulkNs = 0;
    const qint64 batchSize = 100'000;
    while (written < rows) {
        QList<NewTransaction> batch;
        const qint64 n = std::min(batchSize, rows - written);
        batch.reserve(n);
        for (qint64 i = 0; i < n; ++i) {
            NewTransaction t;
            t.accountId = accounts[int(rng() % kAccounts)];
            t.amount = qint64(rng() % 200000) - 100000;
            if (t.amount == 0)
                t.amount = 1;
            t.description = QStringLiteral("Supplier payment");
            t.category = QStringLiteral("supplier_payment");
            t.timestamp = kNow - 90 * kDay + (written + i) * (90 * kDay / rows);
            t.source = Source::Import;
            batch.append(std::move(t));
        }
        timer.start();
        auto r = ledger.addTransactions(batch);
        bulkNs += timer.nsecsElapsed();
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.status().toString()));
            return 1;
        }
        written += n;
    }
    const double bulkRate = double(rows) / (double(bulkNs) / 1e9);

    std::vector<double> ms;
    TransactionFilter filter;
    filter.fromMs = kNow - 60 * kDay;
    filter.toMs = kNow - 30 * kDay;
    for (int i = 0; i < samples; ++i) {
        filter.accountId = accounts[i % kAccounts];
        timer.restart();
        auto page = ledger.transactions(filter, {100, {}});
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!page || page->items.size() != 100) {
            std::fprintf(stderr, "page query failed\n");
            return 1;
        }
    }
    const Latency page = summarize(ms);
    ms.clear();
    for (int i = 0; i < samples; ++i) {
        NewTransaction t;
        t.accountId = accounts[i % kAccounts];
        t.amount = 100 + i;
        t.description = QStringLiteral("Single insert");
        t.category = QStringLiteral("fees");
        t.timestamp = kNow;
        timer.restart();
        auto r = ledger.addTransaction(t);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!r)
            return 1;
    }
    const Latency single = summarize(ms);

    const RawResult raw = runRaw(dir + QStringLiteral("/bench-raw.sqlite"), rows, samples);
    std::printf("rows: %lld\n\n", rows);
    std::printf("| operation | LedgerGuard | raw SQLite C API | ratio (raw / ours) |\n|---|---:|---:|---:|\n");
    std::printf("| bulk insert, rows/s | %.0f | %.0f | %.2f |\n", bulkRate, raw.rowsPerSecond, raw.rowsPerSecond / bulkRate);
    std::printf("| page of 100 by account and date range, median ms | %.3f | %.3f | %.2f |\n", page.medianMs,
        raw.page.medianMs, raw.page.medianMs / page.medianMs);
    std::printf("| page of 100, p99 ms | %.3f | %.3f | |\n", page.p99Ms, raw.page.p99Ms);
    std::printf("| single insert committed, median ms | %.3f | %.3f | %.2f |\n", single.medianMs, raw.single.medianMs,
        raw.single.medianMs / single.medianMs);
    std::printf("| single insert, p99 ms | %.3f | %.3f | |\n", single.p99Ms, raw.single.p99Ms);
    return 0;
}
