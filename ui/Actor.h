// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

namespace ledgerguard {

// Who decides on the desktop and on the command line: the operating-system user (USER, else LOGNAME, else
// USERNAME, else on Unix the account of the process's user id), or "unknown" when none is known. Passed as the
// `actor` of every Ledger decision call (docs/LEDGER.md, "Cases").
inline QString operatingSystemUser()
{
    QString user;
    for (const char* variable : {"USER", "LOGNAME", "USERNAME"}) {
        user = qEnvironmentVariable(variable).trimmed();
        if (!user.isEmpty())
            return user.left(100);
    }
#if defined(Q_OS_UNIX)
    if (const passwd* account = getpwuid(geteuid()); account != nullptr && account->pw_name != nullptr)
        user = QString::fromLocal8Bit(account->pw_name).trimmed();
#endif
    return user.isEmpty() ? QStringLiteral("unknown") : user.left(100);
}

} // namespace ledgerguard
