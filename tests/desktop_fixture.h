// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the desktop's tests (tst_transactionmodel, tst_anomalymodel, tst_transactionsview, tst_anomaliesview,
// tst_newtransactionform, tst_mainwindow): a demo ledger in a temporary directory on a ManualClock, detection run
// once, and QSettings kept in that directory so that tests never touch the user's settings.
#pragma once

#include "generate/DemoLedger.h"
#include "ledger/Ledger.h"
#include "pipeline/DetectionPipeline.h"
#include "util/Clock.h"

#include <QSettings>
#include <QTemporaryDir>
#include <memory>

namespace ledgerguard::uitest {

// 2026-03-16 12:00:00 UTC, a Monday.
inline constexpr qint64 kNowMs = 1773662400000LL;

struct DemoLedger
{
    QTemporaryDir dir;
    ManualClock clock {kNowMs};
    std::unique_ptr<Ledger> ledger;

    // Creates the ledger (`days` of the demo company's history, seed 4) and scores it. False on any error.
    bool open(int days = 45)
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
        auto opened = Ledger::open(dir.filePath(QStringLiteral("ui.sqlite")), clock);
        if (!opened)
            return false;
        ledger = std::move(*opened);
        if (!createDemoLedger(*ledger, days, 4).isOk())
            return false;
        DetectionPipelineOptions options;
        options.instantScoring = false;
        DetectionPipeline pipeline(*ledger, options);
        return pipeline.runNow().isOk();
    }
};

} // namespace ledgerguard::uitest
