// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Database.h"

#include "ledger/Schema.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace ledgerguard {

namespace {

QAtomicInteger<quint64> g_databaseSerial;
thread_local int t_cacheSizeKiB = 0;

// SQLite primary result codes (sqlite3.h), read from QSqlError::nativeErrorCode().
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteConstraint = 19;
constexpr int kSqliteNotADb = 26;

// Drops the connection `name` from Qt's registry, closing it first when `close` (only the thread that owns a
// connection may fetch it). The caller holds no QSqlDatabase of it.
void removeConnection(const QString& name, bool close = true)
{
    if (close) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

Status sqlErrorStatus(const QSqlError& error, const QString& what)
{
    const QString text = what + QStringLiteral(": ") + error.text();
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok)
        return Status::ioError(text);
    switch (code) {
    case kSqliteBusy:
    case kSqliteLocked:
        return Status::busy(text);
    case kSqliteCorrupt:
    case kSqliteNotADb:
        return Status::corruption(text);
    case kSqliteConstraint:
        return Status::conflict(text);
    case kSqliteFull:
    default:
        return Status::ioError(text);
    }
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
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Status::ioError(QStringLiteral("%1 is not a file").arg(path));
    std::shared_ptr<Database> database(new Database(info.absoluteFilePath(), options));

    // The first connection checks and migrates the schema. Nothing is written before the version is known to be
    // one this build understands (setting WAL mode writes to the file, so it waits until after the check).
    const QString name = database->m_prefix + QStringLiteral("setup");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(database->m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
        Status status;
        if (!db.open()) {
            status = Status::ioError(QStringLiteral("cannot open ledger %1: %2").arg(path, db.lastError().text()));
        } else {
            auto version = schema::readVersion(db);
            if (!version) {
                status = version.status();
            } else if (*version > kSchemaVersion) {
                status = Status::unsupported(
                    QStringLiteral("ledger %1 has schema version %2, written by a newer LedgerGuard; this version "
                                   "reads up to %3. The file was not changed.")
                        .arg(path)
                        .arg(*version)
                        .arg(kSchemaVersion));
            } else {
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
                    status = sqlErrorStatus(q.lastError(), QStringLiteral("enable WAL"));
                else if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
                    status = sqlErrorStatus(q.lastError(), QStringLiteral("enable foreign keys"));
                else
                    status = schema::migrate(db, *version, kSchemaVersion);
            }
        }
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

Result<QSqlDatabase> Database::connection() const
{
    // One connection per thread, named after the thread object. A QThread's address may be reused after it is
    // destroyed; the connection is then owned by a dead thread and Qt refuses it, so it is replaced.
    const QString name = threadConnectionName();
    {
        QMutexLocker lock(&m_names->mutex);
        if (m_names->names.contains(name)) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid() && db.isOpen())
                return db;
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            m_names->names.remove(name);
            m_names->handled.remove(name); // perhaps a new thread at a dead one's address: give it a handler
        }
    }
    auto db = openConnection(name);
    if (!db)
        return db;
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

Result<QSqlDatabase> Database::openConnection(const QString& name) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs));
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
    return db;
}

} // namespace ledgerguard
