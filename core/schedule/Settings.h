// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schedule/Scheduler.h"

#include <QString>

namespace ledgerguard::settings {

// The QSettings keys of the application and their defaults, in one place for the desktop, the headless mode and
// the REST server. The desktop reads the schedule keys when the command line does not give the intervals, and the
// settings dialog writes every key; the headless mode reads none of them (its command line and defaults only).

// Seconds between generator runs; 0 = off. Default: Scheduler::kDefaultGeneratorIntervalS.
inline constexpr QLatin1String kGeneratorIntervalS {"schedule/generatorIntervalS"};
// Seconds between detection runs; 0 = off. Default: Scheduler::kDefaultDetectorIntervalS.
inline constexpr QLatin1String kDetectorIntervalS {"schedule/detectorIntervalS"};

// TCP port of the REST API. Default: kDefaultApiPort.
inline constexpr QLatin1String kApiPort {"api/port"};
// The bearer token the desktop's REST API requires (generated on first use).
inline constexpr QLatin1String kApiToken {"api/token"};
// Whether the desktop's REST API requires the token. Default: kDefaultApiRequireToken.
inline constexpr QLatin1String kApiRequireToken {"api/requireToken"};
// How many automatic backups of the ledger are kept (the newest; core/backup). Default: backup::kDefaultKeep (7).
inline constexpr QLatin1String kBackupKeep {"backup/keep"};
// Whether the desktop shows a system-tray notification for new HIGH anomalies while its window is not active.
// Default: kDefaultTrayNotifications.
inline constexpr QLatin1String kTrayNotifications {"notify/trayHigh"};

inline constexpr int kDefaultGeneratorIntervalS = Scheduler::kDefaultGeneratorIntervalS;
inline constexpr int kDefaultDetectorIntervalS = Scheduler::kDefaultDetectorIntervalS;
inline constexpr quint16 kDefaultApiPort = 8765;
inline constexpr bool kDefaultApiRequireToken = true;
inline constexpr bool kDefaultTrayNotifications = true;

} // namespace ledgerguard::settings
