// SPDX-License-Identifier: GPL-3.0-or-later
// Desktop responsiveness on a large ledger: time from start to the main window's first painted frame, resident
// memory after it, and the longest stall of the GUI event loop while a detection run goes on in the background.
//
//   bench_ui [--db FILE] [--scale S]     (creates FILE with about 1,000,000 transactions when it does not exist)
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace ledgerguard;

namespace {

// Resident set size in MiB (Linux /proc; 0 elsewhere).
double rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Ledger file."), QStringLiteral("FILE"));
    const QCommandLineOption scale(QStringLiteral("scale"), QStringLiteral("Daily volume when creating."),
                                   QStringLiteral("S"), QStringLiteral("700"));
    parser.addOptions({db, scale});
    parser.process(app);
    QTemporaryDir tmp;
    const QString path = parser.isSet(db) ? parser.value(db) : tmp.filePath(QStringLiteral("big.sqlite"));
    if (!QFileInfo::exists(path)) {
        auto ledger = Ledger::open(path);
        if (!ledger || !createDemoLedger(**ledger, 1, 1).isOk())
            return 1;
        TransactionGenerator generator(**ledger);
        if (!generator.backfill(90, parser.value(scale).toDouble()))
            return 1;
    }

    QElapsedTimer timer;
    timer.start();
    auto ledger = Ledger::open(path);
    if (!ledger)
        return 1;
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(**ledger, options);
    Services services {ledger->get(), nullptr, &pipeline, nullptr, nullptr};
    MainWindow window(services);
    window.show();
    window.grab(); // forces the first full paint
    const double firstFrameMs = double(timer.nsecsElapsed()) / 1e6;
    const double rssAfterFrame = rssMiB();
    const qint64 rows = (*ledger)->countTransactions({}).value();

    // Event-loop stalls during a full detection run: a 10 ms heartbeat measures the longest gap.
    double longestGapMs = 0;
    QElapsedTimer beat;
    beat.start();
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        longestGapMs = qMax(longestGapMs, double(beat.nsecsElapsed()) / 1e6);
        beat.restart();
    });
    heartbeat.start(10);
    QElapsedTimer runTimer;
    runTimer.start();
    QObject::connect(&pipeline, &DetectionPipeline::runFinished, &app, &QApplication::quit);
    beat.restart();
    pipeline.start(true);
    app.exec();
    std::printf("| measure | value |\n|---|---:|\n");
    std::printf("| transactions in the ledger | %lld |\n", rows);
    std::printf("| start to first painted frame, ms | %.0f |\n", firstFrameMs);
    std::printf("| resident memory after the first frame, MiB | %.0f |\n", rssAfterFrame);
    std::printf("| detection run in the background, s | %.1f |\n", double(runTimer.elapsed()) / 1000.0);
    std::printf("| longest GUI event-loop gap during it, ms (10 ms heartbeat) | %.0f |\n", longestGapMs);
    std::printf("| peak resident memory, MiB | %.0f |\n", rssMiB());
    return 0;
}
