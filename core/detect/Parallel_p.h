// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// parallelFor: runs task(i) for i in [0, count) on up to `threads` threads (0 = all cores). Tasks are handed out
// in order through an atomic counter; callers make each task write only its own output, so results never depend
// on the thread count. Plain std::thread rather than the global QThreadPool: fit and score are themselves called
// from QtConcurrent workers by the pipeline, and a nested wait on the same pool could starve it.

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

namespace ledgerguard::detail {

inline int resolveThreads(int threads)
{
    if (threads > 0)
        return threads;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

template<typename Task> void parallelFor(int count, int threads, const Task& task)
{
    const int workers = std::min(resolveThreads(threads), count);
    if (workers <= 1) {
        for (int i = 0; i < count; ++i)
            task(i);
        return;
    }
    std::atomic<int> nextTask {0};
    auto work = [&] {
        for (int i = nextTask.fetch_add(1, std::memory_order_relaxed); i < count;
             i = nextTask.fetch_add(1, std::memory_order_relaxed))
            task(i);
    };
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    for (int w = 1; w < workers; ++w) {
        try {
            pool.emplace_back(work);
        } catch (const std::system_error&) {
            break; // no more threads available: the threads we have (at least this one) finish the work
        }
    }
    work();
    for (std::thread& t : pool)
        t.join();
}

} // namespace ledgerguard::detail
