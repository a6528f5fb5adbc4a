// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Database.h"

#include "ledger/DatabaseUrl.h"
#include "ledger/Dialect_p.h"
#include "ledger/Schema.h"
#include "ledger/SqlRows_p.h"
#include "ledger/SqliteApi_p.h"
#include "util/Files.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <QUrl>

namespace ledgerguard {

namespace {

QAtomicInteger<quint64> g_databaseSerial;
thread_local int t_cacheSizeKiB = 0;
// Set when a statement on this thread found its PostgreSQL connection gone (the server restarted, failed over or
// ended the session): the thread's connections are opened anew by their next Database::connection().
thread_local bool t_postgresConnectionLost = false;

// SQLite primary result codes (sqlite3.h), read from QSqlError::nativeErrorCode().
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteConstraint = 19;
constexpr int kSqliteNotADb = 26;

// Drops the connection `name` from Qt's registry, closing it first when `close` (only the thread that owns a
// connection may fetch it). The caller holds no QSqlDatabase of it.
void removeConnection(const QString& name, bool close = true)
{
    sqlite::dropCachedStatements(name);
    if (close) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

constexpr QFileDevice::Permissions kOwnerFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerDir = kOwnerFile | QFileDevice::ExeOwner;

// Why the existing ledger `file` can only be read; empty when it can be written. The owner write bit counts
// even for a process that could write anyway (root): clearing it is how a user marks a ledger read-only.
QString whyReadOnly(const QFileInfo& file)
{
    if (!file.isWritable() || !(file.permissions() & QFileDevice::WriteOwner))
        return QStringLiteral("the file %1 is read-only").arg(file.absoluteFilePath());
    const QFileInfo dir(file.absolutePath());
    if (!dir.isWritable() || !(dir.permissions() & QFileDevice::WriteOwner))
        return QStringLiteral("its directory %1 is read-only").arg(dir.absoluteFilePath());
    return {};
}

// The name and connect options of a connection to `path`. A read-only ledger in a read-only directory without a
// -wal file is opened immutable, since SQLite could not create the -shm file there.
void configure(QSqlDatabase& db, const QString& path, int busyTimeoutMs, bool readOnly)
{
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs);
    QString name = path;
    if (readOnly) {
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        const QFileInfo dir(QFileInfo(path).absolutePath());
        if (!dir.isWritable() && !QFileInfo::exists(path + QStringLiteral("-wal"))) {
            options += QStringLiteral(";QSQLITE_OPEN_URI");
            name = QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1");
        }
    }
    db.setDatabaseName(name);
    db.setConnectOptions(options);
}

// How to get a damaged ledger back: the restore command and the newest backup, if any.
QString restoreHint(const QString& path)
{
    const QString dir = Database::backupDirectory(path);
    const QFileInfoList backups
        = QDir(dir).entryInfoList({QStringLiteral("*.lgbackup")}, QDir::Files, QDir::Name | QDir::Reversed);
    if (backups.isEmpty()) {
        return QStringLiteral("No backup was found in %1; restore a copy of the file from elsewhere with "
                              "`ledgerguard restore FILE --db %2`.")
            .arg(dir, path);
    }
    return QStringLiteral("Restore it from a backup with `ledgerguard restore BACKUP --db %1`; the newest is %2 "
                          "(backups are in %3).")
        .arg(path, backups.constFirst().absoluteFilePath(), dir);
}

// The first value of `pragma` as a string; an error mapped to Corruption with the restore hint when SQLite says
// the file is damaged.
Result<QString> pragmaValue(QSqlDatabase& db, const QString& path, const QString& pragma)
{
    QSqlQuery q(db);
    if (!q.exec(pragma)) {
        Status s = sqlErrorStatus(q.lastError(), QStringLiteral("check ledger %1").arg(path));
        if (!s.isCorruption())
            return s;
        return Status::corruption(s.message() + QStringLiteral(". ") + restoreHint(path));
    }
    return q.next() ? q.value(0).toString() : QString();
}

// PRAGMA quick_check(1) on files up to `maxBytes`; above, the schema is read and the page count compared with the
// file's size. Ok, or Corruption naming the file, the first problem found and how to restore it.
Status checkFile(QSqlDatabase& db, const QString& path, qint64 maxBytes)
{
    const auto damaged = [&](const QString& what) {
        return Status::corruption(
            QStringLiteral("the ledger %1 is damaged (%2) and was not opened. %3").arg(path, what, restoreHint(path)));
    };
    const qint64 size = QFileInfo(path).size();
    if (size <= maxBytes) {
        auto result = pragmaValue(db, path, QStringLiteral("PRAGMA quick_check(1)"));
        if (!result)
            return result.status();
        return *result == QLatin1String("ok") ? Status::ok() : damaged(QStringLiteral("quick_check: ") + *result);
    }
    auto tables = pragmaValue(db, path, QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!tables)
        return tables.status();
    auto pages = pragmaValue(db, path, QStringLiteral("PRAGMA page_count"));
    auto pageSize = pages ? pragmaValue(db, path, QStringLiteral("PRAGMA page_size")) : pages;
    if (!pageSize)
        return pageSize.status();
    // In WAL mode the newest pages may still be in the -wal file; the main file is never longer than its pages.
    const qint64 walSize = QFileInfo(path + QStringLiteral("-wal")).size();
    if (pages->toLongLong() * pageSize->toLongLong() > size + walSize)
        return damaged(QStringLiteral("%1 pages of %2 bytes but the file has %3 bytes: truncated")
                           .arg(*pages, *pageSize)
                           .arg(size));
    return Status::ok();
}

// The first writes to a checked file: WAL mode, then the migration to Database::kSchemaVersion.
Status enableWalAndMigrate(QSqlDatabase& db, int version)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
        return sqlErrorStatus(q.lastError(), QStringLiteral("enable WAL"));
    if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        return sqlErrorStatus(q.lastError(), QStringLiteral("enable foreign keys"));
    return schema::migrate(db, version, Database::kSchemaVersion);
}

// Checks the file on its first connection and brings it to the build's schema (see Database::open). `path` as given
// for messages, `file` absolute; `readOnlyReason` empty when the file may be written.
Status setUp(QSqlDatabase& db, const QString& path, const QString& file, const Database::Options& options,
             const QString& readOnlyReason)
{
    auto version = schema::readVersion(db);
    if (!version) {
        if (!version.status().isCorruption())
            return version.status();
        return Status::corruption(QStringLiteral("%1. %2").arg(version.status().message(), restoreHint(file)));
    }
    if (*version > Database::kSchemaVersion) {
        return Status::unsupported(QStringLiteral("ledger %1 has schema version %2, written by a newer LedgerGuard; "
                                                  "this version reads up to %3. The file was not changed.")
                                       .arg(path)
                                       .arg(*version)
                                       .arg(Database::kSchemaVersion));
    }
    const bool readOnly = !readOnlyReason.isEmpty();
    if (readOnly && *version < Database::kSchemaVersion) {
        return Status::readOnly(
            QStringLiteral("ledger %1 has schema version %2 and needs an upgrade to %3, but %4; make it writable "
                           "to open it")
                .arg(path)
                .arg(*version)
                .arg(Database::kSchemaVersion)
                .arg(readOnlyReason));
    }
    if (options.quickCheck && *version > 0) {
        if (Status s = checkFile(db, file, options.quickCheckMaxBytes); !s.isOk())
            return s;
    }
    if (readOnly)
        return Status::ok();
    if (*version > 0 && *version < Database::kSchemaVersion && options.beforeMigration) {
        if (Status s = options.beforeMigration(db, *version); !s.isOk())
            return s;
    }
    return enableWalAndMigrate(db, *version);
}

} // namespace

Status sqlErrorStatus(const QSqlError& error, const QString& what)
{
    // PostgreSQL reports a five-character SQLSTATE; SQLite's result codes have at most four digits.
    if (const QString code = error.nativeErrorCode(); code.size() == 5)
        return postgresErrorStatus(code, error.databaseText().isEmpty() ? error.text() : error.databaseText(), what);
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (!ok) {
        // libpq's own errors (a reset connection, a closed socket, TLS) carry no SQLSTATE: the connection may be
        // gone, which Database::connection() checks before replacing it.
        t_postgresConnectionLost = true;
        return Status::ioError(what + QStringLiteral(": ") + error.text());
    }
    return sqliteErrorStatus(code, error.text(), what);
}

Status sqliteErrorStatus(int code, const QString& message, const QString& what)
{
    const QString text = what + QStringLiteral(": ") + message;
    switch (code & 0xff) {
    case kSqliteBusy:
    case kSqliteLocked:
        return Status::busy(text);
    case kSqliteCorrupt:
    case kSqliteNotADb:
        return Status::corruption(text);
    case kSqliteConstraint:
        return Status::conflict(text);
    case kSqliteReadOnly:
        return Status::readOnly(what + QStringLiteral(": the ledger is read-only (") + message + QStringLiteral(")"));
    case kSqliteFull:
    default:
        return Status::ioError(text);
    }
}

Status postgresErrorStatus(const QString& sqlState, const QString& message, const QString& what)
{
    const QString text = what + QStringLiteral(": ") + message.trimmed();
    const QStringView cls = QStringView(sqlState).left(2);
    if (sqlState == QLatin1String("40001") || sqlState == QLatin1String("40P01") || sqlState == QLatin1String("55P03")
        || sqlState == QLatin1String("57014"))
        return Status::busy(text); // serialization failure, deadlock, lock timeout, statement timeout
    if (cls == QLatin1String("23"))
        return Status::conflict(text); // integrity constraint violation
    if (sqlState == QLatin1String("25006"))
        return Status::readOnly(what + QStringLiteral(": the ledger is read-only (") + message.trimmed()
                                + QStringLiteral(")"));
    if (cls == QLatin1String("XX") && sqlState != QLatin1String("XX000"))
        return Status::corruption(text); // data_corrupted, index_corrupted
    // connection exception; admin_shutdown, crash_shutdown, cannot_connect_now
    if (cls == QLatin1String("08") || sqlState == QLatin1String("57P01") || sqlState == QLatin1String("57P02")
        || sqlState == QLatin1String("57P03"))
        t_postgresConnectionLost = true;
    return Status::ioError(text);
}

bool sql::postgresConnectionLost()
{
    return t_postgresConnectionLost;
}

Database::Database(QString path, Options options)
    : m_path(std::move(path))
    , m_options(options)
    , m_prefix(QStringLiteral("ledgerguard-%1-").arg(g_databaseSerial.fetchAndAddRelaxed(1)))
{ }

QString Database::threadConnectionName() const
{
    return m_prefix + QString::number(quintptr(QThread::currentThread()), 16);
}

void Database::setThreadCacheSizeKiB(int kib)
{
    t_cacheSizeKiB = qMax(0, kib);
}

QString Database::backupDirectory(const QString& ledgerPath)
{
    return QFileInfo(ledgerPath).absoluteDir().filePath(QStringLiteral("backups"));
}

Status Database::makePrivateDirectory(const QString& dir)
{
    const QString absolute = QDir(dir).absolutePath();
    QStringList missing;
    for (QString d = absolute; !QFileInfo::exists(d);) {
        missing.prepend(d);
        const QString parent = QFileInfo(d).absolutePath();
        if (parent == d)
            break;
        d = parent;
    }
    for (const QString& d : std::as_const(missing)) {
        if (!QDir().mkdir(d) && !QFileInfo(d).isDir())
            return Status::ioError(QStringLiteral("cannot create directory %1").arg(d));
        QFile::setPermissions(d, kOwnerDir);
    }
    if (!QFileInfo(absolute).isDir())
        return Status::ioError(QStringLiteral("%1 is not a directory").arg(absolute));
    if ((QFile::permissions(absolute) & ~kOwnerDir) != 0 && !QFile::setPermissions(absolute, kOwnerDir))
        return Status::ioError(QStringLiteral("cannot make directory %1 owner-only").arg(absolute));
    return Status::ok();
}

Database::~Database()
{
    QMutexLocker lock(&m_names->mutex);
    // Only this thread's connection may be fetched here (Qt refuses, with a warning, a connection of another
    // thread); the others are closed when removeDatabase drops the last reference to their driver.
    const QString own = threadConnectionName();
    for (const QString& name : std::as_const(m_names->names))
        removeConnection(name, name == own);
    m_names->names.clear();
}

Result<std::shared_ptr<Database>> Database::open(const QString& path, const Options& options)
{
    if (path.isEmpty())
        return Status::invalidArgument(QStringLiteral("path"), QStringLiteral("no ledger file given"));
    if (DatabaseUrl::isPostgres(path))
        return openPostgres(path, options);
    if (Status s = DatabaseUrl::checkScheme(path); !s.isOk())
        return s;
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Status::ioError(QStringLiteral("%1 is not a file").arg(path));
    std::shared_ptr<Database> database(new Database(info.absoluteFilePath(), options));
    if (info.exists()) {
        database->m_readOnlyReason = whyReadOnly(info);
    } else if (Status s = createPrivateFile(database->m_path); !s.isOk() && !s.isConflict()) {
        // Created before SQLite opens it, owner-only: SQLite would create it 0644 & ~umask.
        return s;
    }
    const bool readOnly = database->isReadOnly();

    // The first connection checks and migrates the schema. Nothing is written before the version is known to be
    // one this build understands and the file passed the quick check (setting WAL mode writes to the file, so it
    // waits until after both).
    const QString name = database->m_prefix + QStringLiteral("setup");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        configure(db, database->m_path, options.busyTimeoutMs, readOnly);
        const Status status = db.open()
            ? setUp(db, path, database->m_path, options, database->m_readOnlyReason)
            : Status::ioError(QStringLiteral("cannot open ledger %1: %2").arg(path, db.lastError().text()));
        sqlite::dropCachedStatements(name);
        db.close();
        if (!status.isOk()) {
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return status;
        }
    }
    QSqlDatabase::removeDatabase(name);
    return database;
}

namespace {

// After a statement on this thread found a PostgreSQL connection gone: whether `db` (perhaps another ledger's, or one
// in an open transaction) still answers. Only a lost connection counts as dead: an error of the open transaction
// (25P02, a statement after a failed one) leaves it alive, so a transaction never moves to a new connection.
bool isAlive(const QSqlDatabase& db)
{
    QSqlQuery ping(db);
    if (ping.exec(QStringLiteral("SELECT 1")))
        return true;
    const QString code = ping.lastError().nativeErrorCode();
    return code.size() == 5 && !code.startsWith(QLatin1String("08")) && code != QLatin1String("57P01")
        && code != QLatin1String("57P02") && code != QLatin1String("57P03");
}

} // namespace

Result<QSqlDatabase> Database::connection() const
{
    // One connection per thread, named after the thread object. A QThread's address may be reused after it is
    // destroyed; the connection is then owned by a dead thread and Qt refuses it, so it is replaced.
    const QString name = threadConnectionName();
    {
        QMutexLocker lock(&m_names->mutex);
        if (m_names->names.contains(name)) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid() && db.isOpen()) {
                if (!(m_postgres && t_postgresConnectionLost))
                    return db;
                if (isAlive(db)) {
                    t_postgresConnectionLost = false; // another connection's loss, or none: it asks again if so
                    return db;
                }
            }
            const bool deadThread = !db.isValid();
            db = QSqlDatabase();
            sqlite::dropCachedStatements(name);
            QSqlDatabase::removeDatabase(name);
            m_names->names.remove(name);
            if (deadThread)
                m_names->handled.remove(name); // perhaps a new thread at a dead one's address: give it a handler
        }
    }
    auto db = openConnection(name);
    if (!db)
        return db;
    if (m_postgres)
        t_postgresConnectionLost = false; // this thread's connection to this ledger is new
    {
        QMutexLocker lock(&m_names->mutex);
        m_names->names.insert(name);
        // A connection reopened after closeThreadConnection() on a living thread: its handler is still there.
        if (m_names->handled.contains(name))
            return db;
        m_names->handled.insert(name);
    }
    // Closed on this thread when it finishes (emitted by the finishing thread itself), once. The handler holds
    // the names weakly: a Database destroyed first has already closed the connection.
    QThread* thread = QThread::currentThread();
    QObject::connect(
        thread, &QThread::finished, thread,
        [names = std::weak_ptr<Names>(m_names), name] {
            if (auto shared = names.lock()) {
                QMutexLocker lock(&shared->mutex);
                shared->names.remove(name);
                shared->handled.remove(name);
            }
            sqlite::dropCachedStatements(name);
            QSqlDatabase::removeDatabase(name);
        },
        Qt::ConnectionType(Qt::DirectConnection | Qt::SingleShotConnection));
    return db;
}

void Database::closeThreadConnection() const
{
    const QString name = threadConnectionName();
    QMutexLocker lock(&m_names->mutex);
    if (!m_names->names.remove(name))
        return;
    removeConnection(name);
}

namespace {

// Configures the QPSQL connection `db` for `login`. libpq reads the password file itself when no password is set.
void configurePostgres(QSqlDatabase& db, const QString& host, int port, const QString& user, const QString& database,
                       const QString& sslMode, const QString& password)
{
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setDatabaseName(database);
    if (!password.isNull())
        db.setPassword(password);
    QStringList options {QStringLiteral("connect_timeout=10"), QStringLiteral("application_name=ledgerguard")};
    if (!sslMode.isEmpty())
        options << QStringLiteral("sslmode=") + sslMode;
    db.setConnectOptions(options.join(QLatin1Char(';')));
}

// The session settings of every PostgreSQL connection: UTC, the busy timeout as lock timeout, read-only when asked,
// and a plan for each execution's values: the connection keeps its prepared queries (sqlite::cachedQtQuery), and
// the generic plan PostgreSQL would switch them to cannot use the (account, timestamp) range of a keyset page or of
// a back-dated insert's running-balance shift (measured: next page 21 ms instead of 1 ms).
Status setUpPostgresSession(QSqlDatabase& db, int busyTimeoutMs, bool readOnly)
{
    QSqlQuery q(db);
    QStringList settings {
        QStringLiteral("SET TIME ZONE 'UTC'"), QStringLiteral("SET lock_timeout = %1").arg(qMax(1, busyTimeoutMs)),
        QStringLiteral("SET client_min_messages = warning"), QStringLiteral("SET plan_cache_mode = force_custom_plan")};
    if (readOnly)
        settings << QStringLiteral("SET default_transaction_read_only = on");
    for (const QString& setting : std::as_const(settings)) {
        if (!q.exec(setting))
            return sqlErrorStatus(q.lastError(), setting);
    }
    return Status::ok();
}

// True when the server refused the login for want of a (right) password.
bool needsPassword(const QSqlError& error)
{
    const QString text = error.text();
    return text.contains(QLatin1String("no password supplied"))
        || text.contains(QLatin1String("password authentication failed"));
}

} // namespace

Result<std::shared_ptr<Database>> Database::openPostgres(const QString& location, const Options& options)
{
    auto url = DatabaseUrl::parse(location);
    if (!url)
        return url.status();
    std::shared_ptr<Database> database(new Database(url->toString(), options));
    database->m_postgres = true;
    PgLogin& login = database->m_login;
    login = {url->host, url->user, url->database, url->sslMode, QString(), url->port};
    const QString& shown = database->m_path;
    const QString name = database->m_prefix + QStringLiteral("setup");
    Status status;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        if (!db.isValid()) {
            status = Status::unsupported(
                QStringLiteral("cannot open ledger %1: Qt's PostgreSQL driver (QPSQL) is not installed").arg(shown));
        } else {
            configurePostgres(db, login.host, login.port, login.user, login.database, login.sslMode, QString());
            bool open = db.open();
            if (!open && needsPassword(db.lastError()) && options.askPassword) {
                login.password = options.askPassword(shown);
                if (!login.password.isNull()) {
                    configurePostgres(db, login.host, login.port, login.user, login.database, login.sslMode,
                                      login.password);
                    open = db.open();
                }
            }
            if (!open) {
                // libpq's message names host, port and user, never the password.
                status = Status::ioError(
                    QStringLiteral("cannot open ledger %1: %2").arg(shown, db.lastError().databaseText().trimmed()));
            }
        }
        if (status.isOk())
            status = setUpPostgresSession(db, options.busyTimeoutMs, false);
        QSqlQuery q(db);
        if (status.isOk()) {
            if (!q.exec(QStringLiteral("SELECT current_user, pg_is_in_recovery()")) || !q.next()) {
                status = sqlErrorStatus(q.lastError(), QStringLiteral("open ledger %1").arg(shown));
            } else {
                database->m_user = q.value(0).toString();
                if (q.value(1).toBool())
                    database->m_readOnlyReason = QStringLiteral("the server is a standby in recovery");
            }
            q.finish();
        }
        // Two instances opening a new database at once: the schema lock makes the second wait and find the schema.
        const qint64 schemaLock = sql::kSchemaLockKey;
        if (status.isOk() && !q.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(schemaLock)))
            status = sqlErrorStatus(q.lastError(), QStringLiteral("open ledger %1").arg(shown));
        if (status.isOk()) {
            q.finish();
            auto version = schema::readPostgresVersion(db);
            if (!version) {
                status = Status(version.status().code() == Status::Code::Unsupported ? Status::unsupported(
                                    QStringLiteral("ledger %1: %2").arg(shown, version.status().message()))
                                                                                     : version.status());
            } else if (*version > kSchemaVersion) {
                status = Status::unsupported(
                    QStringLiteral("ledger %1 has schema version %2, written by a newer LedgerGuard; this version "
                                   "reads up to %3. The database was not changed.")
                        .arg(shown)
                        .arg(*version)
                        .arg(kSchemaVersion));
            } else if (*version < kSchemaVersion && database->isReadOnly()) {
                status = Status::readOnly(QStringLiteral("ledger %1 needs an upgrade to schema version %2, but %3")
                                              .arg(shown)
                                              .arg(kSchemaVersion)
                                              .arg(database->m_readOnlyReason));
            } else {
                status = schema::migratePostgres(db, *version, kSchemaVersion);
                if (status.isOk() && !database->isReadOnly())
                    schema::refreshPostgresFunctions(db);
            }
            q.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(schemaLock));
        }
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!status.isOk())
        return status;
    return database;
}

Database::JobLock::~JobLock()
{
    if (m_name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isValid() && db.isOpen() && m_key != 0) {
            // Unlocked before the close returns: a session's locks go only when its server process exits, which
            // can be after the next run has already tried for the lock. Closing still frees it if this fails.
            QSqlQuery q(db);
            (void)q.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(m_key));
        }
        if (db.isValid())
            db.close(); // ends the session and with it the advisory lock
    }
    QSqlDatabase::removeDatabase(m_name);
}

Database::CheckpointHold::CheckpointHold(QSqlDatabase db, QString path)
    : m_db(std::move(db))
    , m_path(std::move(path))
{
    if (m_db.driverName() != QLatin1String("QSQLITE")) {
        m_db = QSqlDatabase(); // no copy of a connection it does not hold back
        return;
    }
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && q.next())
        m_pages = q.value(0).toInt();
    if (m_pages > 0 && !q.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0")))
        m_pages = 0;
}

Database::CheckpointHold::~CheckpointHold()
{
    if (m_pages <= 0)
        return;
    if (m_db.isOpen()) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(m_pages));
    }
    static QAtomicInteger<quint64> next = 0;
    const QString name = QStringLiteral("ledgerguard-checkpoint-%1").arg(next.fetchAndAddRelaxed(1));
    QThreadPool::globalInstance()->start([path = m_path, name] {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?mode=rw"));
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open()) {
                QSqlQuery q(db);
                q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
            }
        }
        QSqlDatabase::removeDatabase(name);
    });
}

std::unique_ptr<Database::CheckpointHold> Database::holdCheckpoints() const
{
    if (m_postgres)
        return nullptr;
    auto db = connection();
    if (!db)
        return nullptr;
    return std::make_unique<CheckpointHold>(*db, m_path);
}

Result<std::unique_ptr<Database::JobLock>> Database::tryLockJob(Job job) const
{
    if (!m_postgres)
        return std::make_unique<JobLock>();
    static QAtomicInteger<quint64> serial;
    const QString name = m_prefix + QStringLiteral("job-%1").arg(serial.fetchAndAddRelaxed(1));
    const bool detection = job == Job::Detection;
    const qint64 key = detection ? sql::kDetectionLockKey : sql::kGeneratorLockKey;
    Status status;
    bool acquired = false;
    {
        auto db = openConnection(name);
        if (!db)
            return db.status();
        QSqlQuery q(*db);
        if (!q.exec(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(key)) || !q.next())
            status = sqlErrorStatus(q.lastError(), QStringLiteral("lock the ledger for a run"));
        else
            acquired = q.value(0).toBool();
    }
    // Closes the connection, also when returning an error below.
    auto lock = std::make_unique<JobLock>(name, acquired ? key : 0);
    if (!status.isOk())
        return status;
    if (!acquired)
        return Status::busy(
            QStringLiteral("another LedgerGuard instance is running %1 on ledger %2")
                .arg(detection ? QStringLiteral("detection") : QStringLiteral("the generator"), m_path));
    return lock;
}

Result<QSqlDatabase> Database::openConnection(const QString& name) const
{
    if (m_postgres) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        configurePostgres(db, m_login.host, m_login.port, m_login.user, m_login.database, m_login.sslMode,
                          m_login.password);
        Status status = db.open()
            ? setUpPostgresSession(db, m_options.busyTimeoutMs, isReadOnly())
            : Status::ioError(
                QStringLiteral("cannot open ledger %1: %2").arg(m_path, db.lastError().databaseText().trimmed()));
        if (!status.isOk()) {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return status;
        }
        sqlite::enableStatementCache(name); // kept Qt queries (sqlite::cachedQtQuery)
        // Without them (a role without the TEMP privilege) the connection writes statement by statement.
        if (!isReadOnly())
            (void)schema::createPostgresSessionFunctions(db);
        return db;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    configure(db, m_path, m_options.busyTimeoutMs, isReadOnly());
    if (!db.open()) {
        const QString error = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return Status::ioError(QStringLiteral("cannot open ledger %1: %2").arg(m_path, error));
    }
    QSqlQuery q(db);
    const int cacheKiB = t_cacheSizeKiB > 0 ? t_cacheSizeKiB : m_options.cacheSizeKiB;
    for (const QString& pragma :
         {QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("PRAGMA synchronous = FULL"),
          QStringLiteral("PRAGMA temp_store = MEMORY"), QStringLiteral("PRAGMA cache_size = -%1").arg(cacheKiB)}) {
        if (!q.exec(pragma)) {
            Status status = sqlErrorStatus(q.lastError(), pragma);
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return status;
        }
    }
    sqlite::enableStatementCache(name);
    return db;
}

} // namespace ledgerguard
