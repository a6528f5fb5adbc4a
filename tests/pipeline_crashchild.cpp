// SPDX-License-Identifier: GPL-3.0-or-later
// Child process of tst_pipeline's crash test: `pipeline_crashchild FILE [--no-pause]` runs detection on the ledger
// FILE and prints "progress <done>" after each account, so the parent can kill it in the middle of the run. After
// the first account it pauses two seconds (unless --no-pause), so that the kill lands before the run is over.
#include "pipeline/DetectionPipeline.h"

#include <QCoreApplication>
#include <QThread>
#include <cstdio>

using namespace ledgerguard;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    auto ledger = Ledger::open(QString::fromLocal8Bit(argv[1]));
    if (!ledger)
        return 3;
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(**ledger, options);
    const bool pause = !(argc > 2 && qstrcmp(argv[2], "--no-pause") == 0);
    QObject::connect(&pipeline, &DetectionPipeline::progress, [pause](int done, int) {
        std::printf("progress %d\n", done);
        std::fflush(stdout);
        // Give the parent time to kill us before the run ends, however loaded the machine (the parent kills at
        // once, so this does not slow the test down).
        if (pause && done == 1)
            QThread::msleep(2000);
    });
    auto r = pipeline.runNow();
    return r.isOk() ? 0 : 1;
}
