// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <memory>

namespace ledgerguard {

// An SQLite ledger file and its connections. A QSqlDatabase connection may only be used on the thread that
// opened it, so connection() hands every thread its own named connection, opened on first use with the
// ledger's pragmas (WAL, synchronous=FULL, foreign_keys=ON, busy timeout).
//
// open() checks the schema version before anything writes to the file: a file from a newer LedgerGuard is
// refused with Status::unsupported and left untouched; an older one is migrated in one transaction.
//
// Thread-safe: connection() may be called from any thread.
class Database
{
public:
    // The schema version this build writes (PRAGMA user_version).
    static constexpr int kSchemaVersion = 1;

    struct Options
    {
        // How long a connection waits for another writer before failing with Busy. Default: 5000 ms.
        int busyTimeoutMs = 5000;
    };

    // Opens (creating if needed) the ledger file at `path` and migrates it to kSchemaVersion.
    // Errors: IoError when the file cannot be opened or created; Corruption when it is not an SQLite database;
    // Unsupported when it was written by a newer schema version.
    static Result<std::shared_ptr<Database>> open(const QString& path, const Options& options);
    static Result<std::shared_ptr<Database>> open(const QString& path) { return open(path, Options()); }

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // The calling thread's connection, opened on first use. Errors: IoError.
    Result<QSqlDatabase> connection() const;

    const QString& path() const { return m_path; }
    // The file's schema version after open() (always kSchemaVersion).
    int schemaVersion() const { return kSchemaVersion; }

private:
    Database(QString path, Options options);
    Result<QSqlDatabase> openConnection(const QString& name) const;

    const QString m_path;
    const Options m_options;
    const QString m_prefix; // unique per Database instance
    mutable QMutex m_mutex;
    mutable QSet<QString> m_names; // GUARDED_BY(m_mutex)
};

// Maps the last error of a query or connection to a Status (Busy for SQLITE_BUSY/LOCKED, Corruption for
// SQLITE_CORRUPT/NOTADB, Conflict for constraint violations, IoError otherwise).
Status sqlErrorStatus(const class QSqlError& error, const QString& what);

} // namespace ledgerguard
