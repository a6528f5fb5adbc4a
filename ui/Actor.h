// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

namespace ledgerguard {

// Who decides on the desktop and on the command line: the operating-system user (USER, else USERNAME), or
// "unknown" when neither is set. Passed as the `actor` of every Ledger decision call (docs/LEDGER.md, "Cases").
inline QString operatingSystemUser()
{
    QString user = qEnvironmentVariable("USER").trimmed();
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME").trimmed();
    return user.isEmpty() ? QStringLiteral("unknown") : user.left(100);
}

} // namespace ledgerguard
