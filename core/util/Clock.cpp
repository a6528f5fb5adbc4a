// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Clock.h"

namespace ledgerguard {

const Clock& SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

} // namespace ledgerguard
