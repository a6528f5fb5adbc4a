// SPDX-License-Identifier: GPL-3.0-or-later
// Ledger benchmark: bulk insert throughput, single validated insert latency and list-page latency of the Ledger
// (validation, balances and running balances maintained), and in the same run the same operations through
// SQLite's C API as the reference:
//   - "raw, minimal schema": the reference (prepared statement, one transaction, an (account, time)
//     index, WAL, synchronous=FULL) on a table with an integer key;
//   - "raw, ledger schema": the same C API loop on the ledger's own schema (created by Database::open), so the
//     cost of the schema (UUID key, two indexes, constraints) and the cost of the Ledger code can be told apart.
//
//   bench_ledger [--rows N] [--batch N] [--accounts N] [--samples N] [--dir DIR] [--db postgresql://...]
//
// With --db (an empty PostgreSQL database) the same Ledger operations run there too, side by side with the SQLite
// file, and both engines take 2 and 8 concurrent writers (bench_writers.h).
//
// Default: 1,000,000 rows in batches of 100,000 over 8 accounts and 90 days; 1000 latency samples. Rates are
// given per wall-clock second and per CPU second of this process (the machine may be shared). Exits 1 when an
// operation fails or an invariant does not hold after the run. See docs/PERFORMANCE.md.
#include "bench_util.h"
#include "bench_writers.h"
#include "cpu_seconds.h"
#include "ledger/Ledger.h"
#include "util/Ids.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <random>
#include <sqlite3.h>
#include <vector>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;
constexpr qint64 kDay = 86'400'000;

struct Latency
{
    double medianMs = 0;
    double p99Ms = 0;
};

Latency summarize(std::vector<double> ms)
{
    if (ms.empty())
        return {};
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.99))]};
}

struct Rate
{
    double wall = 0; // rows per wall-clock second
    double cpu = 0; // rows per CPU second of this process
};

struct Figures
{
    Rate bulk;
    Latency single;
    Latency page;
    Latency nextPage;
};

// The benchmark's transactions: deterministic, in time order over `days` days, spread over the accounts.
struct Generator
{
    qint64 rows;
    int accounts;
    std::mt19937_64 rng {7};
    const QStringList descriptions {QStringLiteral("Supplier payment"), QStringLiteral("Invoice 2231"),
                                    QStringLiteral("Card purchase"),    QStringLiteral("Payroll March"),
                                    QStringLiteral("Bank fee"),         QStringLiteral("Office rent")};
    const QStringList categories {QStringLiteral("supplier_payment"),
                                  QStringLiteral("customer_receipt"),
                                  QStringLiteral("card_spend"),
                                  QStringLiteral("payroll"),
                                  QStringLiteral("fees"),
                                  QStringLiteral("rent")};
    const QStringList counterparties {
        QStringLiteral("ACME Ltd"), QStringLiteral("Globex GmbH"), QString(),
        QStringLiteral("Initech"),  QStringLiteral("Bank"),        QStringLiteral("Landlord")};

    qint64 timestamp(qint64 i) const { return kNow - 90 * kDay + i * (90 * kDay / rows); }
    NewTransaction next(qint64 i, const QList<qint64>& accountIds)
    {
        NewTransaction t;
        t.accountId = accountIds[int(rng() % quint64(accounts))];
        t.amount = qint64(rng() % 200'000) - 100'000;
        if (t.amount == 0)
            t.amount = 1;
        const int k = int(rng() % 6);
        t.description = descriptions[k];
        t.category = categories[k];
        t.counterparty = counterparties[k];
        t.timestamp = timestamp(i);
        t.source = Source::Import;
        return t;
    }
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

// The C API loop. With `ledgerSchema` the file was created by Database::open and rows get a UUID and running
// balances (computed in memory, as the ledger's append path does); otherwise the minimal table.
bool runRaw(const QString& path, bool ledgerSchema, qint64 rows, int accounts, int samples, Figures* out)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    bool ok = execRaw(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    if (!ledgerSchema) {
        ok = ok
            && execRaw(db,
                       "CREATE TABLE t (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, amount INTEGER NOT NULL, "
                       "description TEXT NOT NULL, category TEXT NOT NULL, counterparty TEXT NOT NULL, "
                       "timestamp INTEGER NOT NULL);"
                       "CREATE INDEX t_account_time ON t (account_id, timestamp);");
    }
    const char* insertSql = ledgerSchema
        ? "INSERT INTO transactions (id, account_id, amount, description, category, counterparty, timestamp, "
          "running_balance, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        : "INSERT INTO t (account_id, amount, description, category, counterparty, timestamp) VALUES (?,?,?,?,?,?)";
    const char* pageSql = ledgerSchema
        ? "SELECT id, account_id, amount, description, category, counterparty, timestamp, running_balance FROM "
          "transactions WHERE account_id = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp DESC, id DESC "
          "LIMIT 100"
        : "SELECT id, account_id, amount, description, category, counterparty, timestamp FROM t WHERE account_id = ? "
          "AND timestamp >= ? AND timestamp < ? ORDER BY timestamp DESC LIMIT 100";
    sqlite3_stmt* ins = nullptr;
    sqlite3_stmt* page = nullptr;
    ok = ok && sqlite3_prepare_v2(db, insertSql, -1, &ins, nullptr) == SQLITE_OK
        && sqlite3_prepare_v2(db, pageSql, -1, &page, nullptr) == SQLITE_OK;
    if (!ok) {
        std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        sqlite3_close(db);
        return false;
    }
    QList<qint64> accountIds;
    for (int a = 1; a <= accounts; ++a)
        accountIds.append(a);
    std::vector<qint64> balances(size_t(accounts) + 1, 0);
    Generator gen {rows, accounts};
    // The ledger's values are UTF-8 bound once per row, like any C API caller would.
    auto bindRow = [&](const NewTransaction& t) {
        int k = 1;
        QByteArray id;
        if (ledgerSchema) {
            id = newUuidV7(kNow).toLatin1();
            sqlite3_bind_text(ins, k++, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        }
        const QByteArray description = t.description.toUtf8();
        const QByteArray category = t.category.toUtf8();
        const QByteArray counterparty = t.counterparty.toUtf8();
        sqlite3_bind_int64(ins, k++, t.accountId);
        sqlite3_bind_int64(ins, k++, t.amount);
        sqlite3_bind_text(ins, k++, description.constData(), int(description.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, k++, category.constData(), int(category.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, k++, counterparty.constData(), int(counterparty.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, k++, *t.timestamp);
        if (ledgerSchema) {
            balances[size_t(t.accountId)] += t.amount;
            sqlite3_bind_int64(ins, k++, balances[size_t(t.accountId)]);
            sqlite3_bind_text(ins, k++, "import", -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins, k++, kNow);
        }
        const int rc = sqlite3_step(ins);
        sqlite3_reset(ins);
        return rc == SQLITE_DONE;
    };

    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuSeconds();
    ok = execRaw(db, "BEGIN IMMEDIATE");
    for (qint64 i = 0; i < rows && ok; ++i)
        ok = bindRow(gen.next(i, accountIds));
    ok = ok && execRaw(db, "COMMIT");
    out->bulk = {double(rows) / (double(timer.nsecsElapsed()) / 1e9), double(rows) / (cpuSeconds() - cpu0)};

    std::vector<double> ms;
    for (int i = 0; i < samples && ok; ++i) {
        timer.restart();
        sqlite3_bind_int64(page, 1, 1 + i % accounts);
        sqlite3_bind_int64(page, 2, kNow - 60 * kDay);
        sqlite3_bind_int64(page, 3, kNow - 30 * kDay);
        int n = 0;
        while (sqlite3_step(page) == SQLITE_ROW) {
            n += sqlite3_column_int64(page, 0) != 0 || sqlite3_column_bytes(page, 0) > 0;
            (void)sqlite3_column_text(page, 3);
        }
        sqlite3_reset(page);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        ok = n == 100;
    }
    out->page = summarize(ms);
    ms.clear();
    for (int i = 0; i < samples && ok; ++i) {
        NewTransaction t = gen.next(rows + i, accountIds);
        t.timestamp = kNow + i;
        timer.restart();
        ok = execRaw(db, "BEGIN IMMEDIATE") && bindRow(t) && execRaw(db, "COMMIT");
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    out->single = summarize(ms);
    sqlite3_finalize(ins);
    sqlite3_finalize(page);
    sqlite3_close(db);
    return ok;
}

// Rows whose running balance is not the prefix sum plus accounts whose balance is not the sum (one query).
bool runLedger(const QString& path, qint64 rows, qint64 batchSize, int accounts, int samples, Figures* out)
{
    ManualClock clock(kNow);
    auto opened = Ledger::open(path, clock);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.status().toString()));
        return false;
    }
    Ledger& ledger = **opened;
    QList<qint64> accountIds;
    for (int i = 0; i < accounts; ++i)
        accountIds.append(
            ledger.createAccount({QStringLiteral("Account %1").arg(i), AccountType::Checking, QStringLiteral("EUR")})
                ->id);

    // Bulk: batches in time order over all accounts, as the generator's backfill and imports write them. Building
    // the batch (the caller's work) is not timed.
    Generator gen {rows, accounts};
    qint64 written = 0;
    qint64 wallNs = 0;
    double cpu = 0;
    QElapsedTimer timer;
    while (written < rows) {
        QList<NewTransaction> batch;
        const qint64 n = std::min(batchSize, rows - written);
        batch.reserve(n);
        for (qint64 i = 0; i < n; ++i)
            batch.append(gen.next(written + i, accountIds));
        timer.start();
        const double cpu0 = cpuSeconds();
        auto r = ledger.addTransactions(batch);
        wallNs += timer.nsecsElapsed();
        cpu += cpuSeconds() - cpu0;
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.status().toString()));
            return false;
        }
        written += n;
    }
    out->bulk = {double(rows) / (double(wallNs) / 1e9), double(rows) / cpu};
    if (ledger.database()->isPostgres()) {
        // The reads below measure the steady state: the table vacuumed and analysed, as autovacuum leaves it some
        // time after a load (while it runs, it competes with them for this machine's two cores).
        auto db = ledger.database()->connection();
        if (!db || !QSqlQuery(*db).exec(QStringLiteral("VACUUM (ANALYZE) transactions"))) {
            std::fprintf(stderr, "VACUUM ANALYZE failed\n");
            return false;
        }
    }

    // A page of 100 of one account in a 30-day range (about 1/3 of the history), then the page after it.
    std::vector<double> first;
    std::vector<double> next;
    TransactionFilter filter;
    filter.fromMs = kNow - 60 * kDay;
    filter.toMs = kNow - 30 * kDay;
    for (int i = 0; i < samples; ++i) {
        filter.accountId = accountIds[i % accounts];
        timer.restart();
        auto page = ledger.transactions(filter, {100, {}});
        first.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!page || page->items.size() != 100) {
            std::fprintf(stderr, "page query failed\n");
            return false;
        }
        timer.restart();
        auto second = ledger.transactions(filter, {100, page->nextCursor});
        next.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!second || second->items.size() != 100 || second->items.first().timestamp > page->items.last().timestamp) {
            std::fprintf(stderr, "next page query failed\n");
            return false;
        }
    }
    out->page = summarize(first);
    out->nextPage = summarize(next);

    // Single validated inserts, each committed (synchronous=FULL), at the end of a random account's history.
    std::vector<double> ms;
    for (int i = 0; i < samples; ++i) {
        NewTransaction t = gen.next(rows + i, accountIds);
        t.timestamp = kNow + i;
        t.source = Source::Manual;
        timer.restart();
        auto r = ledger.addTransaction(t);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.status().toString()));
            return false;
        }
    }
    out->single = summarize(ms);

    const qint64 bad = invariantViolations(ledger);
    if (bad != 0) {
        std::fprintf(stderr, "invariants broken: %lld violations\n", bad);
        return false;
    }
    return true;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("n/a");
    return QString::fromLatin1(f.readAll().split(' ').mid(0, 3).join(' '));
}

// The same Ledger operations on the PostgreSQL database at `url` beside the SQLite file's figures, then 2 and 8
// concurrent writers on each engine; prints both tables.
bool runPostgres(const QString& url, const QString& dir, const Figures& sqlite, qint64 rows, qint64 batch, int accounts,
                 int samples, double writerSeconds)
{
    Figures pg;
    if (!runLedger(url, rows, batch, accounts, samples, &pg))
        return false;
    std::printf("\n| operation | SQLite file | PostgreSQL | PostgreSQL / SQLite |\n|---|---:|---:|---:|\n");
    std::printf("| bulk insert, rows/s (wall) | %.0f | %.0f | %.2f |\n", sqlite.bulk.wall, pg.bulk.wall,
                pg.bulk.wall / sqlite.bulk.wall);
    std::printf("| single insert committed, median ms | %.3f | %.3f | %.2f |\n", sqlite.single.medianMs,
                pg.single.medianMs, pg.single.medianMs / sqlite.single.medianMs);
    std::printf("| single insert committed, p99 ms | %.3f | %.3f | |\n", sqlite.single.p99Ms, pg.single.p99Ms);
    std::printf("| page of 100, median ms | %.3f | %.3f | %.2f |\n", sqlite.page.medianMs, pg.page.medianMs,
                pg.page.medianMs / sqlite.page.medianMs);
    std::printf("| page of 100, p99 ms | %.3f | %.3f | |\n", sqlite.page.p99Ms, pg.page.p99Ms);
    std::printf("| next page, median ms | %.3f | %.3f | |\n", sqlite.nextPage.medianMs, pg.nextPage.medianMs);

    std::printf("\n| concurrent writers (%.0f s each) | SQLite file, tx/s | PostgreSQL, tx/s | PostgreSQL / SQLite | "
                "busy (SQLite / PostgreSQL) | lost (SQLite / PostgreSQL) |\n|---|---:|---:|---:|---:|---:|\n",
                writerSeconds);
    const QString file = dir + QStringLiteral("/bench-writers.sqlite");
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(file + suffix);
    for (bench::WriterTimes times : {bench::WriterTimes::Appended, bench::WriterTimes::BackDated}) {
        for (int writers : {2, 8}) {
            bench::WriterFigures onFile, onPg;
            if (!bench::runWriters(file, writers, writerSeconds, times, &onFile)
                || !bench::runWriters(url, writers, writerSeconds, times, &onPg))
                return false;
            std::printf("| %d writers, %s | %.0f | %.0f | %.2f | %lld / %lld | %lld / %lld |\n", writers,
                        times == bench::WriterTimes::Appended ? "appended" : "back-dated", onFile.committedPerSecond,
                        onPg.committedPerSecond, onPg.committedPerSecond / onFile.committedPerSecond,
                        static_cast<long long>(onFile.busy), static_cast<long long>(onPg.busy),
                        static_cast<long long>(onFile.lost), static_cast<long long>(onPg.lost));
            if (onFile.lost != 0 || onPg.lost != 0) {
                std::fprintf(stderr, "concurrent writers lost writes\n");
                return false;
            }
        }
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("LedgerGuard ledger benchmark (see docs/PERFORMANCE.md)"));
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"),
                                        QStringLiteral("Transactions to insert (default "
                                                       "1000000)."),
                                        QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Rows per Ledger::addTransactions call (default 100000)."),
                                         QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption accountsOption(QStringLiteral("accounts"), QStringLiteral("Accounts (default 8)."),
                                            QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption samplesOption(QStringLiteral("samples"),
                                           QStringLiteral("Latency samples per operation (default 1000)."),
                                           QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Directory for the database files (default: a temporary directory)."),
        QStringLiteral("DIR"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("Also run on this empty PostgreSQL database (postgresql://USER@HOST[:PORT]/DBNAME)."),
        QStringLiteral("URL"));
    const QCommandLineOption writerSecondsOption(QStringLiteral("writer-seconds"),
                                                 QStringLiteral("With --db: seconds per concurrent-writers run "
                                                                "(default 5)."),
                                                 QStringLiteral("S"), QStringLiteral("5"));
    parser.addOptions(
        {rowsOption, batchOption, accountsOption, samplesOption, dirOption, dbOption, writerSecondsOption});
    parser.process(app);
    const qint64 rows = parser.value(rowsOption).toLongLong();
    const qint64 batch = parser.value(batchOption).toLongLong();
    const int accounts = parser.value(accountsOption).toInt();
    const int samples = parser.value(samplesOption).toInt();
    // Each account needs at least 200 rows in the page's 30-day range for two full pages.
    if (rows < 800LL * accounts || batch < 1 || accounts < 1 || samples < 1) {
        std::fprintf(stderr, "need --rows >= 800 x --accounts, --batch >= 1, --samples >= 1\n");
        return 2;
    }
    QTemporaryDir tmp;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : tmp.path();
    const QString ledgerPath = dir + QStringLiteral("/bench-ledger.sqlite");
    const QString rawLedgerPath = dir + QStringLiteral("/bench-raw-ledger-schema.sqlite");
    const QString rawPath = dir + QStringLiteral("/bench-raw-minimal.sqlite");
    for (const QString& p : {ledgerPath, rawLedgerPath, rawPath}) {
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(p + suffix);
    }

    Figures ledger, rawLedger, raw;
    if (!runLedger(ledgerPath, rows, batch, accounts, samples, &ledger))
        return 1;
    {
        // The ledger's schema, created by the code under test; accounts 1..N as the raw loop expects.
        auto schema = Ledger::open(rawLedgerPath);
        if (!schema)
            return 1;
        for (int i = 0; i < accounts; ++i)
            (*schema)->createAccount(
                {QStringLiteral("Account %1").arg(i), AccountType::Checking, QStringLiteral("EUR")});
    }
    if (!runRaw(rawLedgerPath, true, rows, accounts, samples, &rawLedger)
        || !runRaw(rawPath, false, rows, accounts, samples, &raw)) {
        std::fprintf(stderr, "raw SQLite reference failed\n");
        return 1;
    }

    std::printf("rows: %lld, batch: %lld, accounts: %d, samples: %d, SQLite %s, load average 1/5/15 min: %s\n\n", rows,
                batch, accounts, samples, sqlite3_libversion(), qPrintable(loadAverage()));
    std::printf("| operation | LedgerGuard | raw C API, ledger schema | raw C API, minimal schema | minimal / "
                "LedgerGuard |\n|---|---:|---:|---:|---:|\n");
    std::printf("| bulk insert, rows/s (wall) | %.0f | %.0f | %.0f | %.2f |\n", ledger.bulk.wall, rawLedger.bulk.wall,
                raw.bulk.wall, raw.bulk.wall / ledger.bulk.wall);
    std::printf("| bulk insert, rows per CPU second | %.0f | %.0f | %.0f | %.2f |\n", ledger.bulk.cpu,
                rawLedger.bulk.cpu, raw.bulk.cpu, raw.bulk.cpu / ledger.bulk.cpu);
    std::printf("| single insert committed, median ms | %.3f | %.3f | %.3f | %.2f |\n", ledger.single.medianMs,
                rawLedger.single.medianMs, raw.single.medianMs, raw.single.medianMs / ledger.single.medianMs);
    std::printf("| single insert committed, p99 ms | %.3f | %.3f | %.3f | |\n", ledger.single.p99Ms,
                rawLedger.single.p99Ms, raw.single.p99Ms);
    std::printf("| page of 100 by account and date range, median ms | %.3f | %.3f | %.3f | %.2f |\n",
                ledger.page.medianMs, rawLedger.page.medianMs, raw.page.medianMs,
                raw.page.medianMs / ledger.page.medianMs);
    std::printf("| page of 100, p99 ms | %.3f | %.3f | %.3f | |\n", ledger.page.p99Ms, rawLedger.page.p99Ms,
                raw.page.p99Ms);
    std::printf("| next page (cursor), median / p99 ms | %.3f / %.3f | | | |\n", ledger.nextPage.medianMs,
                ledger.nextPage.p99Ms);
    if (parser.isSet(dbOption)
        && !runPostgres(parser.value(dbOption), dir, ledger, rows, batch, accounts, samples,
                        parser.value(writerSecondsOption).toDouble()))
        return 1;
    std::printf("\ninvariants after the run: ok\n");
    return 0;
}
