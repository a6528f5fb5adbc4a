// SPDX-License-Identifier: GPL-3.0-or-later
// Bulk decisions benchmark: Ledger::labelTransactions over N transactions in one call (one SQL transaction,
// statements prepared once), half of them with an existing detector case, then the same N labels again (every case
// exists: all updates). Target: 1,000,000 decisions in under 15 s (docs/PERFORMANCE.md, "Decisions").
//
//   bench_labels [--rows N] [--dir DIR]
//
// Prints the wall and CPU seconds of each pass and checks the counts; exits 1 when a call fails or a count is wrong.
#include "cpu_seconds.h"
#include "ledger/Ledger.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;

int failWith(const Status& s)
{
    std::fprintf(stderr, "bench_labels: %s\n", qPrintable(s.toString()));
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Decisions (default 1000000)."),
                                        QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Directory for the ledger file."),
                                       QStringLiteral("DIR"));
    parser.addOptions({rowsOption, dirOption});
    parser.process(app);
    const qint64 rows = parser.value(rowsOption).toLongLong();
    QTemporaryDir tmp(parser.isSet(dirOption) ? parser.value(dirOption) + QStringLiteral("/bench_labels-XXXXXX")
                                              : QString());
    ManualClock clock(kNow);
    auto ledger = Ledger::open(tmp.filePath(QStringLiteral("labels.sqlite")), clock);
    if (!ledger)
        return failWith(ledger.status());
    auto account = (*ledger)->createAccount({QStringLiteral("Bench"), AccountType::Checking, QStringLiteral("EUR")});
    if (!account)
        return failWith(account.status());
    QList<NewTransaction> batch;
    batch.reserve(rows);
    for (qint64 i = 0; i < rows; ++i) {
        NewTransaction t;
        t.accountId = account->id;
        t.amount = -(i % 5000 + 1);
        t.timestamp = kNow - 90LL * 86'400'000 + i * 7;
        t.description = QStringLiteral("Card payment %1").arg(i % 997);
        t.category = QStringLiteral("card_spend");
        batch.append(t);
    }
    if (auto added = (*ledger)->addTransactions(batch); !added)
        return failWith(added.status());
    batch.clear();
    auto ids = (*ledger)->transactionColumns(account->id);
    if (!ids)
        return failWith(ids.status());
    // Half the transactions get a detector case first.
    QList<TransactionScore> scores;
    QList<Anomaly> anomalies;
    for (qint64 i = 0; i < rows; i += 2) {
        Anomaly a;
        a.accountId = account->id;
        a.transactionId = ids->ids[i];
        a.score = 0.85;
        a.risk = Risk::High;
        anomalies.append(a);
    }
    if (Status s = (*ledger)->storeDetectionResults(account->id, scores, anomalies, std::nullopt); !s.isOk())
        return failWith(s);
    anomalies.clear();
    QList<LabelRequest> requests;
    requests.reserve(rows);
    for (qint64 i = 0; i < rows; ++i) {
        LabelRequest r;
        r.transactionId = ids->ids[i];
        r.label = i % 3 == 0 ? Label::Fraud : Label::Normal;
        r.actor = QStringLiteral("chargebacks");
        r.note = QStringLiteral("chargeback list 2026-05");
        requests.append(r);
    }
    for (const char* pass : {"first (half new cases)", "second (all existing)"}) {
        QElapsedTimer wall;
        wall.start();
        const double cpu0 = cpuSeconds();
        auto summary = (*ledger)->labelTransactions(requests);
        if (!summary)
            return failWith(summary.status());
        const double seconds = wall.nsecsElapsed() / 1e9;
        std::printf("%s: %lld decisions in %.2f s wall, %.2f s CPU (%.0f per second); %lld created, %lld updated\n",
                    pass, summary->labelled, seconds, cpuSeconds() - cpu0, double(summary->labelled) / seconds,
                    summary->created, summary->updated);
        if (summary->labelled != rows)
            return failWith(Status::internal(QStringLiteral("wrong count")));
    }
    std::printf("counts: ok\n");
    return 0;
}
