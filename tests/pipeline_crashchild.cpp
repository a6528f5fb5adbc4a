// SPDX-License-Identifier: GPL-3.0-or-later
// Child process of tst_pipeline's crash test: runs detection on the ledger FILE given as the first argument and
// prints "progress <done>" after each account, so the parent can kill it in the middle of the run.
#include "pipeline/DetectionPipeline.h"

#include <QCoreApplication>
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
    QObject::connect(&pipeline, &DetectionPipeline::progress, [](int done, int) {
        std::printf("progress %d\n", done);
        std::fflush(stdout);
    });
    auto r = pipeline.runNow();
    return r.isOk() ? 0 : 1;
}
