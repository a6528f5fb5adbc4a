// SPDX-License-Identifier: GPL-3.0-or-later
// Concurrent writers on one ledger (bench_ledger; docs/PERFORMANCE.md "Team mode"): `writers` threads, each with a
// Ledger of its own on the same file or PostgreSQL database (as separate servers or scripts would have; threads
// without an event loop, so they do not listen for each other's notices), commit single validated transactions on
// shared accounts for a fixed time, while the calling thread's ledger receives the notices. Reports committed
// transactions per second in total, the writes refused as Busy (retried by the caller in real use), and the lost ones:
// rows missing from the ledger although their commit succeeded, or invariants broken (both must be 0).
#pragma once

#include "bench_util.h"
#include "ledger/Ledger.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <QTimer>
#include <atomic>
#include <thread>
#include <vector>

namespace ledgerguard::bench {

// Appended: each write is the newest of its account (live entries from desktops and servers). BackDated: 49 of 50
// writes land inside the last 50 minutes of their account, so each shifts the running balances of the later rows.
enum class WriterTimes { Appended, BackDated };

struct WriterFigures
{
    double committedPerSecond = 0;
    qint64 committed = 0;
    qint64 busy = 0;
    qint64 lost = -1; // committed writes not found afterwards, plus invariant violations; -1 when not checked
};

// Errors: the first writer's open or write error other than Busy (printed), then `false`.
inline bool runWriters(const QString& location, int writers, double seconds, WriterTimes times, WriterFigures* out)
{
    const qint64 now = 1'780'000'000'000;
    ManualClock clock(now);
    auto opened = Ledger::open(location, clock);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.status().toString()));
        return false;
    }
    Ledger& checker = **opened;
    QList<qint64> accounts;
    for (int i = 0; i < 4; ++i) {
        auto a = checker.createAccount(
            {QStringLiteral("Writers %1 %2").arg(writers).arg(i), AccountType::Checking, QStringLiteral("EUR")});
        if (!a) {
            std::fprintf(stderr, "%s\n", qPrintable(a.status().toString()));
            return false;
        }
        accounts.append(a->id);
    }
    auto countRows = [&]() -> qint64 {
        QSqlQuery q(*checker.database()->connection());
        return q.exec(QStringLiteral("SELECT count(*) FROM transactions")) && q.next() ? q.value(0).toLongLong() : -1;
    };
    const qint64 before = countRows();
    std::atomic<qint64> nextStamp {now};
    std::atomic<qint64> committed {0};
    std::atomic<qint64> busy {0};
    std::atomic<bool> failed {false};
    std::atomic<int> ready {0};
    std::atomic<int> finished {0};
    std::atomic<bool> go {false};
    QElapsedTimer timer;
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            auto ledger = Ledger::open(location, clock);
            ++ready;
            if (!ledger) {
                std::fprintf(stderr, "writer %d: %s\n", w, qPrintable(ledger.status().toString()));
                failed = true;
                ++finished;
                return;
            }
            while (!go)
                std::this_thread::yield();
            for (qint64 i = 0; !failed && timer.elapsed() < qint64(seconds * 1000); ++i) {
                NewTransaction t;
                t.accountId = accounts[int((w + i) % accounts.size())];
                t.amount = (i % 2 ? 1 : -1) * (100 + w);
                t.description = QStringLiteral("writer %1").arg(w);
                t.category = QStringLiteral("other");
                t.timestamp = times == WriterTimes::Appended ? nextStamp.fetch_add(1) : now - (i % 50) * 60'000;
                auto r = (*ledger)->addTransaction(t);
                if (r)
                    ++committed;
                else if (r.status().isBusy())
                    ++busy;
                else {
                    std::fprintf(stderr, "writer %d: %s\n", w, qPrintable(r.status().toString()));
                    failed = true;
                }
            }
            (*ledger)->database()->closeThreadConnection();
            ++finished;
        });
    }
    while (ready < writers)
        std::this_thread::yield();
    timer.start();
    go = true;
    // The checking ledger's thread runs its event loop meanwhile, as a desktop does: on PostgreSQL it receives the
    // writers' change notices (a listener that never reads them would hold back the server's notice queue).
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (finished == writers)
            loop.quit();
    });
    poll.start(10);
    loop.exec();
    for (std::thread& t : threads)
        t.join();
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    if (failed)
        return false;
    out->committed = committed;
    out->busy = busy;
    out->committedPerSecond = double(committed) / elapsed;
    const qint64 violations = invariantViolations(checker);
    const qint64 after = countRows();
    if (violations < 0 || after < 0 || before < 0)
        return false;
    out->lost = (before + committed - after) + violations;
    return true;
}

} // namespace ledgerguard::bench
