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

// A ledger's database and its connections: an SQLite file, or a PostgreSQL database named by a URL
// (ledger/DatabaseUrl.h; docs/LEDGER.md "Engines"). A QSqlDatabase connection may only be used on the thread that
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
// behind. Threads not started by Qt (std::thread) should call closeThreadConnection() before they end (Qt reports
// the end of such a thread from the thread itself only on some platforms); else theirs stays until the Database is
// destroyed.
//
// PostgreSQL: open() connects through Qt's QPSQL driver, creates the schema at kSchemaVersion in an empty database
// (refusing a database with other tables), and refuses one of a newer version. Every connection runs in UTC with a
// lock timeout of Options::busyTimeoutMs. The password, when the server wants one, comes from libpq's password file
// (PGPASSFILE, else ~/.pgpass) or from Options::askPassword; it is kept in memory for this Database's connections
// only and appears in no message. path() is the URL without a password. A server in recovery (a standby) opens
// read-only. The file options (quick check, cache size, beforeMigration, file modes) do not apply.
//
// Thread-safe: connection() may be called from any thread.
class Database
{
public:
    // The schema version this build writes (PRAGMA user_version).
    static constexpr int kSchemaVersion = 9;

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
        // PostgreSQL: called once, on the calling thread of open(), when the server asks for a password that the
        // password file does not give, with the URL (no password); returns the password, or a null string to give
        // up (open() then fails with the server's authentication error). Unset: no prompt.
        std::function<QString(const QString& url)> askPassword;
    };

    // Page cache bound, KiB, for connections opened later on the calling thread (0: Options::cacheSizeKiB).
    // The desktop's background readers use a small cache: the operating system caches the file anyway, and
    // each connection's own cache would otherwise grow to the full bound on the first scan.
    static void setThreadCacheSizeKiB(int kib);

    // Opens (creating if needed) the ledger at `path`, a file path or a postgresql:// URL, and migrates it to
    // kSchemaVersion. Errors: InvalidArgument("url") for a malformed URL; IoError when the file cannot be opened or
    // created or the server cannot be reached or refuses the login; Corruption when the file is not an SQLite
    // database; Unsupported when it was written by a newer schema version (or, PostgreSQL, holds other tables).
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

    // While alive, commits on one SQLite connection skip SQLite's automatic checkpoint, so that the commit of a large
    // write transaction returns once its WAL frames are durable instead of also copying them into the file. When
    // destroyed it restores the connection's setting and, when it held the checkpoint back, copies the committed WAL
    // into the file (PRAGMA wal_checkpoint(PASSIVE)) on a thread of Qt's global pool through a connection of its
    // own, which never creates the file and does not block readers or writers; a checkpoint that cannot run leaves
    // the frames to SQLite's next automatic one. Does nothing on PostgreSQL. Use it on the connection's thread.
    class CheckpointHold
    {
    public:
        CheckpointHold(QSqlDatabase db, QString path);
        ~CheckpointHold();
        CheckpointHold(const CheckpointHold&) = delete;
        CheckpointHold& operator=(const CheckpointHold&) = delete;

    private:
        QSqlDatabase m_db;
        const QString m_path;
        int m_pages = 0; // the connection's wal_autocheckpoint before, 0 when unchanged
    };
    // A CheckpointHold on the calling thread's connection; null on PostgreSQL and when the connection cannot be
    // opened. It must end before the thread's connection is closed (closeThreadConnection).
    std::unique_ptr<CheckpointHold> holdCheckpoints() const;

    // The file's absolute path, or the PostgreSQL URL (without a password).
    const QString& path() const { return m_path; }
    bool isPostgres() const { return m_postgres; }
    // The database user the connections log in as (PostgreSQL's current_user), for the status bar and the audit
    // trail; empty for an SQLite file (the caller names the actor).
    const QString& user() const { return m_user; }
    // The actor an audit entry, decision or rule change records for a caller's `actor`: as given on SQLite and when
    // it is the database user; on PostgreSQL otherwise "actor (user)", so the database login that made the change is
    // always on record (a REST token's name or "detector" stays readable beside it).
    QString recordedActor(const QString& actor) const
    {
        return m_user.isEmpty() || actor == m_user ? actor : actor + QStringLiteral(" (") + m_user + QLatin1Char(')');
    }
    // True when the ledger was opened read-only; readOnlyReason() says why ("the file ... is read-only").
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    const QString& readOnlyReason() const { return m_readOnlyReason; }

    // Where the backups of the ledger at `ledgerPath` live: the directory "backups" beside it.
    static QString backupDirectory(const QString& ledgerPath);
    // Creates `dir` and its missing parents owner-only (0700 on Unix) and makes `dir` itself owner-only.
    // Errors: IoError naming the directory.
    static Status makePrivateDirectory(const QString& dir);
    // The jobs of which only one may run at a time on a ledger, across every instance that has it open.
    enum class Job { Detection, Generator };
    // Held while such a job runs; released when destroyed (on the thread that took it) or when the process dies.
    class JobLock
    {
    public:
        // connectionName: the PostgreSQL connection that tried for the lock; lockKey: the advisory lock it holds, or 0.
        explicit JobLock(QString connectionName = {}, qint64 lockKey = 0)
            : m_name(std::move(connectionName))
            , m_key(lockKey)
        { }
        ~JobLock();
        JobLock(const JobLock&) = delete;
        JobLock& operator=(const JobLock&) = delete;

    private:
        QString m_name; // PostgreSQL: the connection holding the session-level advisory lock
        qint64 m_key; // released explicitly: the server ends a closed session after the client has moved on
    };
    // Takes the job's lock without waiting. PostgreSQL: pg_try_advisory_lock on a connection of its own (session
    // level, so a crashed instance's lock goes with its session). SQLite: nothing to take (the write lock orders the
    // job's batches; in one process the callers keep their own run mutex). Errors: Busy naming the job when another
    // instance holds it; the connection's error.
    Result<std::unique_ptr<JobLock>> tryLockJob(Job job) const;

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
    bool m_postgres = false; // set once by open()
    QString m_user; // set once by open()
    // PostgreSQL: the connection parameters (no password in m_path); the password given by Options::askPassword.
    struct PgLogin
    {
        QString host, user, database, sslMode, password;
        int port = 5432;
    };
    PgLogin m_login; // set once by open()
    static Result<std::shared_ptr<Database>> openPostgres(const QString& url, const Options& options);
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
// The same mapping for a PostgreSQL SQLSTATE: Busy for serialization failures, deadlocks and lock or statement
// timeouts (40001, 40P01, 55P03, 57014), Conflict for integrity violations (class 23), ReadOnly for 25006,
// Corruption for XX001/XX002, IoError otherwise.
Status postgresErrorStatus(const QString& sqlState, const QString& message, const QString& what);
// The same mapping for an SQLite result code (primary or extended) and its message.
Status sqliteErrorStatus(int code, const QString& message, const QString& what);

} // namespace ledgerguard
