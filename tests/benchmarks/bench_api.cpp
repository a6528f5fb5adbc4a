// SPDX-License-Identifier: GPL-3.0-or-later
// REST API benchmark: fills a ledger with N transactions (default 1,000,000), serves it with RestServer in this
// process (the same objects as `ledgerguard --headless --serve`), and drives it with wrk (Debian package `wrk`):
//   1. GET /transactions?accountId=..&limit=100   (target >= 3,000 requests/s, p99 < 20 ms at 32 connections)
//   2. GET /health                                (target >= 10,000 requests/s)
//   3. POST /transactions                         (throughput; every write is a durable SQLite commit)
// and prints a Markdown table (docs/PERFORMANCE.md, "REST API").
//
//   bench_api [--transactions N] [--accounts A] [--connections C] [--duration S] [--wrk-threads T] [--db FILE]
//
// Exit code 77 (CTest: skipped) when wrk is not installed; 1 under CI (environment CI=true), where ./bootstrap.sh
// installs it.
#include "api/RestServer.h"
#include "ledger/Ledger.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;
constexpr qint64 kDay = 86'400'000;

struct WrkResult
{
    bool ok = false;
    double requestsPerSecond = 0;
    double p50Ms = 0, p90Ms = 0, p99Ms = 0;
    qint64 requests = 0;
    qint64 non2xx = 0;
    qint64 socketErrors = 0;
    QString raw;
};

double toMs(const QString& value, const QString& unit)
{
    const double v = value.toDouble();
    if (unit == QLatin1String("us"))
        return v / 1000;
    if (unit == QLatin1String("s"))
        return v * 1000;
    if (unit == QLatin1String("m"))
        return v * 60000;
    return v;
}

WrkResult parseWrk(const QString& out)
{
    WrkResult r;
    r.raw = out;
    const auto rps = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(out);
    if (!rps.hasMatch())
        return r;
    r.ok = true;
    r.requestsPerSecond = rps.captured(1).toDouble();
    const QRegularExpression percentile(QStringLiteral("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s|m)\\s*$"),
                                        QRegularExpression::MultilineOption);
    for (auto it = percentile.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        const double ms = toMs(m.captured(2), m.captured(3));
        (m.captured(1) == QLatin1String("50")       ? r.p50Ms
             : m.captured(1) == QLatin1String("90") ? r.p90Ms
                                                    : r.p99Ms)
            = ms;
    }
    if (const auto m = QRegularExpression(QStringLiteral("(\\d+) requests in")).match(out); m.hasMatch())
        r.requests = m.captured(1).toLongLong();
    if (const auto m = QRegularExpression(QStringLiteral("Non-2xx or 3xx responses: (\\d+)")).match(out); m.hasMatch())
        r.non2xx = m.captured(1).toLongLong();
    if (const auto m
        = QRegularExpression(QStringLiteral("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)"))
              .match(out);
        m.hasMatch())
        r.socketErrors = m.captured(1).toLongLong() + m.captured(2).toLongLong() + m.captured(3).toLongLong()
            + m.captured(4).toLongLong();
    return r;
}

// CPU time (user + system) this process has used so far, in microseconds: the server's cost, wrk excluded.
double processCpuUs()
{
#ifdef Q_OS_UNIX
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
#else
    return 0;
#endif
}

// Runs wrk while this thread's event loop keeps serving.
WrkResult runWrk(const QString& wrk, const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    process.start(wrk, arguments);
    loop.exec();
    return parseWrk(QString::fromLocal8Bit(process.readAll()));
}

Status fill(Ledger& ledger, qint64 transactions, int accounts)
{
    auto existing = ledger.accounts();
    if (!existing)
        return existing.status();
    qint64 have = 0;
    for (const Account& a : *existing)
        have += a.transactionCount;
    QList<qint64> ids;
    for (const Account& a : *existing)
        ids.append(a.id);
    for (int i = int(ids.size()); i < accounts; ++i) {
        auto a = ledger.createAccount(
            {QStringLiteral("Account %1").arg(i + 1), AccountType::Checking, QStringLiteral("EUR")});
        if (!a)
            return a.status();
        ids.append(a->id);
    }
    static const char* const categories[] = {"supplier_payment", "customer_receipt", "fees", "card_spend", "payroll"};
    quint64 x = 0x9E3779B97F4A7C15ULL; // deterministic xorshift data
    const qint64 span = 365 * kDay;
    for (qint64 done = have; done < transactions;) {
        QList<NewTransaction> batch;
        const qint64 n = std::min<qint64>(100'000, transactions - done);
        batch.reserve(n);
        for (qint64 i = 0; i < n; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            NewTransaction t;
            t.accountId = ids.at(int((done + i) % ids.size()));
            t.amount = qint64(x % 2'000'000) - 1'000'000;
            if (t.amount == 0)
                t.amount = 1;
            t.description = QStringLiteral("Invoice %1").arg(done + i);
            t.category = QString::fromLatin1(categories[(x >> 20) % 5]);
            t.counterparty = QStringLiteral("Counterparty %1").arg((x >> 32) % 500);
            t.timestamp = kNow - span + (done + i) * span / transactions;
            t.source = Source::Import;
            batch.append(t);
        }
        auto added = ledger.addTransactions(batch);
        if (!added)
            return added.status();
        done += n;
        std::fprintf(stderr, "\r  filled %lld / %lld", static_cast<long long>(done),
                     static_cast<long long>(transactions));
    }
    std::fprintf(stderr, "\n");
    return Status::ok();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("REST API benchmark (wrk against an in-process RestServer)."));
    parser.addHelpOption();
    const QCommandLineOption transactionsOption(QStringLiteral("transactions"), QStringLiteral("Ledger size."),
                                                QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption accountsOption(QStringLiteral("accounts"), QStringLiteral("Accounts."),
                                            QStringLiteral("A"), QStringLiteral("20"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"), QStringLiteral("Concurrent connections."),
                                               QStringLiteral("C"), QStringLiteral("32"));
    const QCommandLineOption durationOption(QStringLiteral("duration"), QStringLiteral("Seconds per read scenario."),
                                            QStringLiteral("S"), QStringLiteral("15"));
    const QCommandLineOption wrkThreadsOption(QStringLiteral("wrk-threads"), QStringLiteral("wrk threads."),
                                              QStringLiteral("T"), QStringLiteral("1"));
    const QCommandLineOption workersOption(QStringLiteral("workers"),
                                           QStringLiteral("Server worker threads (0 = one per core)."),
                                           QStringLiteral("W"), QStringLiteral("0"));
    const QCommandLineOption onlyOption(QStringLiteral("only"),
                                        QStringLiteral("Run only the scenarios whose name contains TEXT."),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QStringLiteral("Ledger file to fill (once) and serve; default: a temporary file."),
        QStringLiteral("FILE"));
    parser.addOptions({transactionsOption, accountsOption, connectionsOption, durationOption, wrkThreadsOption,
                       workersOption, onlyOption, dbOption});
    parser.process(app);
    QLoggingCategory::setFilterRules(QStringLiteral("ledgerguard.*=false"));

    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    if (wrk.isEmpty()) {
        const bool ci = qEnvironmentVariable("CI") == QLatin1String("true");
        std::fprintf(stderr, "bench_api: wrk is not installed (apt-get install wrk); %s\n",
                     ci ? "failed (CI=true: ./bootstrap.sh installs it)" : "skipped");
        return ci ? 1 : 77;
    }
    const qint64 transactions = parser.value(transactionsOption).toLongLong();
    const int accounts = parser.value(accountsOption).toInt();
    const QString connections = parser.value(connectionsOption);
    const QString duration = parser.value(durationOption);
    const QString wrkThreads = parser.value(wrkThreadsOption);

    QTemporaryDir dir;
    const QString path = parser.isSet(dbOption) ? parser.value(dbOption) : dir.filePath(QStringLiteral("bench.sqlite"));
    auto ledger = Ledger::open(path);
    if (!ledger) {
        std::fprintf(stderr, "bench_api: %s\n", qPrintable(ledger.status().toString()));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    if (Status s = fill(**ledger, transactions, accounts); !s.isOk()) {
        std::fprintf(stderr, "bench_api: fill: %s\n", qPrintable(s.toString()));
        return 1;
    }
    std::fprintf(stderr, "ledger ready: %lld transactions in %s (%.1f s)\n", static_cast<long long>(transactions),
                 qPrintable(QFileInfo(path).fileName()), double(timer.elapsed()) / 1000);

    RestServer server(**ledger);
    RestServer::Options options;
    options.port = 0;
    options.accessLog = false;
    options.workerThreads = parser.value(workersOption).toInt();
    if (Status s = server.start(options); !s.isOk()) {
        std::fprintf(stderr, "bench_api: %s\n", qPrintable(s.toString()));
        return 1;
    }
    const QString url = server.url();
    const qint64 accountId = (*(*ledger)->accounts()).at(accounts / 2).id;

    QTemporaryDir scripts;
    const QString postScript = scripts.filePath(QStringLiteral("post.lua"));
    {
        QFile f(postScript);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(QStringLiteral("wrk.method = \"POST\"\n"
                               "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                               "wrk.body = '{\"accountId\":%1,\"amount\":\"-12.34\",\"description\":\"Bench payment\","
                               "\"category\":\"supplier_payment\",\"counterparty\":\"ACME\"}'\n")
                    .arg(accountId)
                    .toUtf8());
    }

    struct Scenario
    {
        QString name;
        QStringList arguments;
        QString target;
    };
    const QStringList common {QStringLiteral("-t"),       wrkThreads,
                              QStringLiteral("-c"),       connections,
                              QStringLiteral("-d"),       duration + QLatin1Char('s'),
                              QStringLiteral("--latency")};
    const QList<Scenario> scenarios {
        {QStringLiteral("GET /transactions?accountId=%1&limit=100").arg(accountId),
         common + QStringList {url + QStringLiteral("/transactions?accountId=%1&limit=100").arg(accountId)},
         QStringLiteral(">= 3,000 req/s, p99 < 20 ms")},
        {QStringLiteral("GET /health"), common + QStringList {url + QStringLiteral("/health")},
         QStringLiteral(">= 10,000 req/s")},
        {QStringLiteral("POST /transactions"),
         QStringList {QStringLiteral("-t"), wrkThreads, QStringLiteral("-c"), connections, QStringLiteral("-d"),
                      duration + QLatin1Char('s'), QStringLiteral("--latency"), QStringLiteral("-s"), postScript,
                      url + QStringLiteral("/transactions")},
         QStringLiteral("throughput")},
    };

    // Warm up the worker threads' connections and SQLite's page cache.
    runWrk(wrk,
           QStringList {QStringLiteral("-t1"), QStringLiteral("-c4"), QStringLiteral("-d1s"),
                        url + QStringLiteral("/transactions?accountId=%1&limit=100").arg(accountId)});

    std::printf(
        "| scenario | connections | requests/s | p50 ms | p90 ms | p99 ms | requests | errors | server CPU us/request "
        "| target |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
    int failures = 0;
    for (const Scenario& s : scenarios) {
        if (parser.isSet(onlyOption) && !s.name.contains(parser.value(onlyOption)))
            continue;
        const qint64 before = *(*ledger)->countTransactions({});
        const double cpuBefore = processCpuUs();
        const WrkResult r = runWrk(wrk, s.arguments);
        const double cpuPerRequest = r.requests > 0 ? (processCpuUs() - cpuBefore) / double(r.requests) : 0;
        if (!r.ok) {
            std::fprintf(stderr, "bench_api: wrk failed for %s:\n%s\n", qPrintable(s.name), qPrintable(r.raw));
            ++failures;
            continue;
        }
        std::printf("| %s | %s | %.0f | %.2f | %.2f | %.2f | %lld | %lld | %.0f | %s |\n", qPrintable(s.name),
                    qPrintable(connections), r.requestsPerSecond, r.p50Ms, r.p90Ms, r.p99Ms,
                    static_cast<long long>(r.requests), static_cast<long long>(r.non2xx + r.socketErrors),
                    cpuPerRequest, qPrintable(s.target));
        std::fflush(stdout);
        if (r.non2xx + r.socketErrors > 0)
            ++failures;
        if (s.name.startsWith(QLatin1String("POST"))) {
            // Requests still in flight when wrk stops commit after it; the balance and the sum are compared once
            // the count has stopped moving, or a commit between the two reads would look like a mismatch.
            qint64 settled = -1;
            for (int stable = 0, round = 0; stable < 3 && round < 200; ++round) {
                QCoreApplication::processEvents();
                QThread::msleep(25);
                const qint64 now = *(*ledger)->countTransactions({});
                stable = now == settled ? stable + 1 : 0;
                settled = now;
            }
            const qint64 added = settled - before;
            const auto account = (*ledger)->account(accountId);
            const bool exact = account && *(*ledger)->sumOfTransactions(accountId) == account->balance;
            std::printf(
                "\nPOST check: %lld transactions committed (%lld answers read by wrk within the window; requests "
                "in flight at its end commit too); balance equals the sum of the transactions: %s\n",
                static_cast<long long>(added), static_cast<long long>(r.requests), exact ? "yes" : "NO");
            if (!exact)
                ++failures;
        }
    }
    const int workers = options.workerThreads > 0 ? options.workerThreads : QThread::idealThreadCount();
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QByteArray load = loadavg.open(QIODevice::ReadOnly) ? loadavg.readAll().trimmed() : QByteArray("n/a");
    std::printf("\nMachine: %d cores (QThread::idealThreadCount), server worker threads = %d, wrk -t%s; "
                "/proc/loadavg at the end: %s.\n",
                QThread::idealThreadCount(), workers, qPrintable(wrkThreads), load.constData());
    server.stop();
    return failures == 0 ? 0 : 1;
}
