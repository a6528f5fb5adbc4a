// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the benchmarks: the CPU time of this process, the steadier figure on a shared machine.
#pragma once

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

// User plus system CPU seconds of this process so far; 0 where getrusage is missing.
inline double cpuSeconds()
{
#ifdef Q_OS_UNIX
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
#else
    return 0;
#endif
}
