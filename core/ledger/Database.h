// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <memory>

namespace ledgerguard {

// An SQLite ledger file and its connections. A QSqlDatabase connection may only be used on the thread that
// opened it, so connection() hands every thread its own named connection, opened on first use with the
// ledger's pragmas (WAL, synchronous=FULL, foreign_keys=ON, busy timeout).
//
// open() checks the schema version before anything writes to the file: a file from a newer LedgerGuard is
// refused with Status::unsupported and left untouched; an older one is migrated in one transaction. It checks the
// file first (Options::quickCheck) and refuses a damaged one with Corruption, naming the file, the command that
// restores it and where its backups are (backupDirectory).
//
// Files: a ledger file open() creates is owner-only (0600 on Unix, whatever the umask); SQLite gives its -wal and
// -shm files the main file's mode. A ledger whose file or directory is not writable, or whose file lacks the owner
// write permission (chmod a-w, which holds even for root), opens read-only: isReadOnly() is true, every connection
// is opened with SQLITE_OPEN_READONLY and every write fails with Status::ReadOnly. A read-only ledger is never
// migrated (open() refuses one that would need it).
//
// A connection is closed when its thread finishes (QThread::finished, e.g. a thread pool's expired worker) or when
// the Database is destroyed, so short-lived worker threads do not leave open connections and their page caches
// behind. Threads not started by Qt (std::thread) keep theirs until the Database is destroyed.
//
// Thread-safe: connection() may be called from any thread.
class Database
{
public:
    // The schema version this build writes (PRAGMA user_version).
    static constexpr int kSchemaVersion = 8;

    struct Options
    {
        // How long a connection waits for another writer before failing with Busy. Default: 5000 ms.
        int busyTimeoutMs = 5000;
        // Upper bound of each connection's page cache, KiB. Default: 65536 (64 MiB), for the writers and the
        // detector's scans; see setThreadCacheSizeKiB for connections that only page through results.
        int cacheSizeKiB = 65536;
        // Run PRAGMA quick_check (page and b-tree structure, no index cross-check) before the file is used, on files
        // up to quickCheckMaxBytes (it reads the whole file: about 1.5 s for 1,000,000 transactions, 238 MiB).
        // Larger files get the cheap checks only: the header, the schema and the page count against the file size;
        // `ledgerguard check` and every backup (VACUUM INTO reads every page) cover them fully.
        bool quickCheck = true;
        qint64 quickCheckMaxBytes = qint64(64) << 20;
        // Called on the setup connection before an existing ledger of an older schema version is migrated, with
        // nothing written yet; an error stops open() and leaves the file unchanged. Unset: not called.
        std::function<Status(QSqlDatabase& db, int fromVersion)> beforeMigration;
    };

    // Page cache bound, KiB, for connections opened later on the calling thread (0: Options::cacheSizeKiB).
    // The desktop's background readers use a small cache: the operating system caches the file anyway, and
    // each connection's own cache would otherwise grow to the full bound on the first scan.
    static void setThreadCacheSizeKiB(int kib);

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
    // Closes the calling thread's connection now (it is opened again on next use), releasing its page cache; for a
    // worker that has finished a large job but whose thread lives on. No query of it may still be active.
    void closeThreadConnection() const;

    const QString& path() const { return m_path; }
    // True when the ledger was opened read-only; readOnlyReason() says why ("the file ... is read-only").
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    const QString& readOnlyReason() const { return m_readOnlyReason; }

    // Where the backups of the ledger at `ledgerPath` live: the directory "backups" beside it.
    static QString backupDirectory(const QString& ledgerPath);
    // Creates `dir` and its missing parents owner-only (0700 on Unix) and makes `dir` itself owner-only.
    // Errors: IoError naming the directory.
    static Status makePrivateDirectory(const QString& dir);
    // The file's schema version after open() (always kSchemaVersion).
    int schemaVersion() const { return kSchemaVersion; }

private:
    Database(QString path, Options options);
    Result<QSqlDatabase> openConnection(const QString& name) const;
    // This Database's connection name for the calling thread (named after the thread object).
    QString threadConnectionName() const;

    const QString m_path;
    const Options m_options;
    QString m_readOnlyReason; // set once by open()
    const QString m_prefix; // unique per Database instance
    // The names of the open connections, and of those whose thread has a finished handler (a connection closed
    // by closeThreadConnection() keeps its handler); shared with the handlers, which may outlive the Database.
    struct Names
    {
        QMutex mutex;
        QSet<QString> names; // GUARDED_BY(mutex)
        QSet<QString> handled; // GUARDED_BY(mutex)
    };
    const std::shared_ptr<Names> m_names = std::make_shared<Names>();
};

// Maps the last error of a query or connection to a Status (Busy for SQLITE_BUSY/LOCKED, Corruption for
// SQLITE_CORRUPT/NOTADB, Conflict for constraint violations, ReadOnly for SQLITE_READONLY, IoError otherwise).
Status sqlErrorStatus(const class QSqlError& error, const QString& what);
// The same mapping for an SQLite result code (primary or extended) and its message.
Status sqliteErrorStatus(int code, const QString& message, const QString& what);

} // namespace ledgerguard
