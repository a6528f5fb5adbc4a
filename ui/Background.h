// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Database.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <utility>

namespace ledgerguard {

// The pool the views' background queries run on (pages, counts, the dashboard snapshot, charts, CSV export).
//
// Never QThreadPool::globalInstance(): Qt 6.4's raster paint engine splits large fills over the global pool and
// waits for the pieces on the GUI thread, so a long query holding a global-pool thread would freeze painting for
// as long as the query runs (docs/PERFORMANCE.md, "Desktop"). Its threads never expire, so the pool keeps a fixed set
// of SQLite connections, each with a page cache of kBackgroundCacheKiB (they page through results; the operating system
// caches the file). Created on first use, on the GUI thread, as a child of the application object, so it is joined
// before the application goes away.
QThreadPool* backgroundPool();

inline constexpr int kBackgroundCacheKiB = 8 * 1024;

// Runs `function` on backgroundPool(); the result arrives through the returned QFuture.
template<typename F> auto runInBackground(F&& function)
{
    return QtConcurrent::run(backgroundPool(), [f = std::forward<F>(function)]() mutable {
        Database::setThreadCacheSizeKiB(kBackgroundCacheKiB);
        return f();
    });
}

} // namespace ledgerguard
