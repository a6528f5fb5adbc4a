// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Database.h"
#include "util/Clock.h"
#include "util/Status.h"

#include <QFileInfoList>
#include <QSqlDatabase>
#include <QString>
#include <functional>

namespace ledgerguard::backup {

// Backups of a ledger file, above core/ledger. A backup is a complete, consistent SQLite copy written with
// VACUUM INTO while the ledger stays in use, named <backup directory>/<ledger base name>-YYYYMMDD-HHMMSS.lgbackup
// (UTC; "-2", "-3", ... when that name is taken), where the directory is Database::backupDirectory (the "backups"
// directory beside the ledger). Directory and files are owner-only (0700/0600). After every automatic backup only
// the newest `keep` backups of that ledger are kept.

inline constexpr int kDefaultKeep = 7;
inline constexpr qint64 kDefaultMaxAgeMs = kDayMs;

// The backups of the ledger at `ledgerPath`, newest first (by name, which sorts by time).
QFileInfoList list(const QString& ledgerPath);

// Writes a copy of the ledger open on `db` to `out` (owner-only; must not exist or be empty): to "<out>.partial",
// flushed to disk, then renamed to `out`.
// Errors: IoError naming `out`; the mapped SQLite error.
Status writeCopy(QSqlDatabase& db, const QString& out);

// Backs up `database` into its backup directory at clock.nowMs(), then keeps the newest `keep` (>= 1).
// Returns the backup's path; an empty string for a PostgreSQL ledger, which its server backs up (pg_dump, base
// backups; docs/LEDGER.md "Engines"). Errors: those of writeCopy and of creating the directory.
Result<QString> create(const Database& database, const Clock& clock, int keep = kDefaultKeep);

// The daily backup: create() when the newest backup is older than `maxAgeMs` (by the time in its name, compared
// with `clock`) or there is none. Returns the new backup's path, or an empty string when none was due (always for a
// PostgreSQL ledger).
Result<QString> createIfDue(const Database& database, const Clock& clock, int keep = kDefaultKeep,
                            qint64 maxAgeMs = kDefaultMaxAgeMs);

// Deletes all but the newest `keep` (>= 1) backups of the ledger, and its ".partial" files older than a day (left by
// a killed backup). Errors: IoError naming a file it could not delete.
Status prune(const QString& ledgerPath, int keep);

// A Database::Options::beforeMigration hook that backs the ledger at `ledgerPath` up (as create() does) before its
// schema is migrated. `clock` must outlive the hook.
std::function<Status(QSqlDatabase&, int)> beforeMigration(const QString& ledgerPath, const Clock& clock,
                                                          int keep = kDefaultKeep);

// Checks that `file` is an intact ledger this build can open: an SQLite file that passes PRAGMA integrity_check,
// with a schema version from 1 to Database::kSchemaVersion and an accounts table. Errors: NotFound, Corruption,
// Unsupported, each naming the file.
Status verify(const QString& file);

// Replaces the ledger at `ledgerPath` with the backup `file`: verifies the backup, refuses (Busy) while another
// connection (this or another process) has the ledger open, keeps the replaced ledger as a backup (VACUUM INTO; a
// byte copy when the ledger is too damaged for that), then writes the backup's bytes to a temporary file beside the
// ledger, flushes it to disk and renames it over the ledger (owner-only), removing the old -wal/-shm files.
// Returns the path of the kept copy of the replaced ledger (empty when there was no ledger file).
// Errors: those of verify; Busy; IoError naming the file.
Result<QString> restore(const QString& file, const QString& ledgerPath, const Clock& clock, int keep = kDefaultKeep);

} // namespace ledgerguard::backup
