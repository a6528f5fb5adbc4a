// SPDX-License-Identifier: GPL-3.0-or-later
#include "backup/Backup.h"

#include "ledger/Schema.h"
#include "ledger/SqlRows_p.h"
#include "util/Files.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <algorithm>

namespace ledgerguard::backup {

namespace {

QAtomicInteger<quint64> g_connectionSerial;

// Suffix of a backup being written (writeCopy); left behind only by a killed process.
constexpr const char* kPartialSuffix = ".partial";

QString baseName(const QString& ledgerPath)
{
    return QFileInfo(ledgerPath).completeBaseName();
}

// <base>-YYYYMMDD-HHMMSS[-N].lgbackup: captures the time stamp and the counter.
QRegularExpression backupPattern(const QString& ledgerPath)
{
    return QRegularExpression(QStringLiteral("^%1-(\\d{8}-\\d{6})(?:-(\\d+))?\\.lgbackup$")
                                  .arg(QRegularExpression::escape(baseName(ledgerPath))));
}

// A backup name for a backup taken at `nowMs`, reserved by creating its "<name>.partial" (owner-only, empty): two
// backups of one second, of two threads or two processes, take different names.
// Errors: IoError (the directory cannot be written).
Result<QString> reservePath(const QString& ledgerPath, qint64 nowMs)
{
    const QDir dir(Database::backupDirectory(ledgerPath));
    const QString stem = QStringLiteral("%1-%2").arg(
        baseName(ledgerPath),
        QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd-HHmmss")));
    for (int n = 1; n <= 100000; ++n) {
        const QString path = n == 1 ? dir.filePath(stem + QStringLiteral(".lgbackup"))
                                    : dir.filePath(QStringLiteral("%1-%2.lgbackup").arg(stem).arg(n));
        if (QFileInfo::exists(path))
            continue;
        const Status s = createPrivateFile(path + QLatin1String(kPartialSuffix));
        if (s.isOk())
            return path;
        if (!s.isConflict())
            return s;
    }
    return Status::ioError(QStringLiteral("no free backup name for %1 in %2").arg(stem, dir.path()));
}

// writeCopy into a name whose "<out>.partial" exists and is empty (reservePath's, or writeCopy's). The rename to
// `out` never replaces a file (QFile::rename), so a backup another process finished under the name stays;
// `replaceEmpty`: an empty file at `out` that writeCopy's caller created is removed first.
Status writeReserved(QSqlDatabase& db, const QString& out, bool replaceEmpty)
{
    const QString partial = out + QLatin1String(kPartialSuffix);
    QSqlQuery q(db);
    Status s = sql::exec(q, QStringLiteral("VACUUM INTO ?"), {partial}, QStringLiteral("back up to %1").arg(out));
    if (s.isOk())
        s = syncFile(partial);
    if (s.isOk()) {
        if (replaceEmpty && QFileInfo(out).exists() && QFileInfo(out).size() == 0)
            QFile::remove(out);
        if (!QFile::rename(partial, out))
            s = Status::ioError(QStringLiteral("cannot rename %1 to %2").arg(partial, out));
    }
    if (s.isOk())
        s = syncDirectory(QFileInfo(out).absolutePath());
    QFile::remove(partial);
    return s;
}

// A connection of its own to `file` (not a Database: the file may be damaged or of another version), removed
// from Qt's registry when it goes out of scope.
class FileConnection
{
public:
    FileConnection(const QString& file, bool readOnly, int busyTimeoutMs = 0)
        : m_name(QStringLiteral("ledgerguard-backup-%1").arg(g_connectionSerial.fetchAndAddRelaxed(1)))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(file);
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs);
        if (readOnly)
            options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        m_db.setConnectOptions(options);
        if (!m_db.open())
            m_error = Status::ioError(QStringLiteral("cannot open %1: %2").arg(file, m_db.lastError().text()));
    }
    ~FileConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(FileConnection)

    QSqlDatabase& db() { return m_db; }
    const Status& error() const { return m_error; }

private:
    QString m_name;
    QSqlDatabase m_db;
    Status m_error;
};

Result<QString> createFrom(QSqlDatabase& db, const QString& ledgerPath, const Clock& clock, int keep)
{
    if (Status s = Database::makePrivateDirectory(Database::backupDirectory(ledgerPath)); !s.isOk())
        return s;
    const Result<QString> out = reservePath(ledgerPath, clock.nowMs());
    if (!out)
        return out.status();
    if (Status s = writeReserved(db, *out, false); !s.isOk())
        return s;
    if (Status s = prune(ledgerPath, keep); !s.isOk())
        return s;
    return out;
}

} // namespace

QFileInfoList list(const QString& ledgerPath)
{
    const QRegularExpression pattern = backupPattern(ledgerPath);
    struct Entry
    {
        QFileInfo info;
        QString stamp;
        int counter;
    };
    QList<Entry> entries;
    const QDir dir(Database::backupDirectory(ledgerPath));
    for (const QFileInfo& info : dir.entryInfoList({QStringLiteral("*.lgbackup")}, QDir::Files)) {
        const QRegularExpressionMatch m = pattern.match(info.fileName());
        if (m.hasMatch())
            entries.append({info, m.captured(1), m.captured(2).isEmpty() ? 1 : m.captured(2).toInt()});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.stamp != b.stamp ? a.stamp > b.stamp : a.counter > b.counter;
    });
    QFileInfoList out;
    for (const Entry& e : std::as_const(entries))
        out.append(e.info);
    return out;
}

Status writeCopy(QSqlDatabase& db, const QString& out)
{
    if (QFileInfo(out).exists() && QFileInfo(out).size() > 0)
        return Status::ioError(QStringLiteral("backup file %1 already exists").arg(out));
    // Written under another name and renamed when complete: a process killed meanwhile leaves no truncated backup
    // under a backup's name.
    const QString partial = out + QLatin1String(kPartialSuffix);
    QFile::remove(partial);
    if (Status s = createPrivateFile(partial); !s.isOk())
        return s;
    return writeReserved(db, out, true);
}

Result<QString> create(const Database& database, const Clock& clock, int keep)
{
    if (database.isPostgres())
        return QString();
    auto db = database.connection();
    if (!db)
        return db.status();
    return createFrom(*db, database.path(), clock, keep);
}

Result<QString> createIfDue(const Database& database, const Clock& clock, int keep, qint64 maxAgeMs)
{
    if (database.isPostgres())
        return QString();
    const QFileInfoList existing = list(database.path());
    if (!existing.isEmpty()) {
        // The time in the newest name: the same clock that named it.
        const QRegularExpressionMatch m = backupPattern(database.path()).match(existing.constFirst().fileName());
        QDateTime newest = QDateTime::fromString(m.captured(1), QStringLiteral("yyyyMMdd-HHmmss"));
        newest.setTimeSpec(Qt::UTC);
        if (newest.isValid() && clock.nowMs() - newest.toMSecsSinceEpoch() < maxAgeMs)
            return QString();
    }
    return create(database, clock, keep);
}

Status prune(const QString& ledgerPath, int keep)
{
    // Partial backups of killed processes (a day old: not one being written now).
    const QDir dir(Database::backupDirectory(ledgerPath));
    const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
    for (const QFileInfo& partial : dir.entryInfoList(
             {baseName(ledgerPath) + QStringLiteral("-*.lgbackup") + QLatin1String(kPartialSuffix)}, QDir::Files)) {
        if (partial.lastModified() < dayAgo)
            QFile::remove(partial.absoluteFilePath());
    }
    const QFileInfoList all = list(ledgerPath);
    for (qsizetype i = qMax(1, keep); i < all.size(); ++i) {
        if (!QFile::remove(all[i].absoluteFilePath()))
            return Status::ioError(QStringLiteral("cannot delete old backup %1").arg(all[i].absoluteFilePath()));
    }
    return Status::ok();
}

std::function<Status(QSqlDatabase&, int)> beforeMigration(const QString& ledgerPath, const Clock& clock, int keep)
{
    const QString path = QFileInfo(ledgerPath).absoluteFilePath();
    return [path, &clock, keep](QSqlDatabase& db, int) -> Status {
        auto made = createFrom(db, path, clock, keep);
        return made ? Status::ok() : made.status();
    };
}

Status verify(const QString& file)
{
    const QFileInfo info(file);
    if (!info.isFile())
        return Status::notFound(QStringLiteral("backup %1 does not exist").arg(file));
    FileConnection c(info.absoluteFilePath(), true);
    if (!c.error().isOk())
        return c.error();
    auto version = schema::readVersion(c.db());
    if (!version)
        return Status::corruption(
            QStringLiteral("%1 is not a LedgerGuard backup: %2").arg(file, version.status().message()));
    QStringList problems;
    Status s = sql::forEachRow(c.db(), QStringLiteral("PRAGMA integrity_check(10)"), {},
                               QStringLiteral("check %1").arg(file),
                               [&](const QSqlQuery& q) { problems.append(q.value(0).toString()); });
    if (!s.isOk())
        return Status::corruption(QStringLiteral("backup %1 is damaged: %2").arg(file, s.message()));
    if (problems != QStringList {QStringLiteral("ok")})
        return Status::corruption(
            QStringLiteral("backup %1 is damaged: %2").arg(file, problems.join(QStringLiteral("; "))));
    if (*version < 1 || *version > Database::kSchemaVersion)
        return Status::unsupported(QStringLiteral("backup %1 has schema version %2; this LedgerGuard reads 1 to %3")
                                       .arg(file)
                                       .arg(*version)
                                       .arg(Database::kSchemaVersion));
    auto tables = sql::integer(c.db(),
                               QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                                              "'accounts'"),
                               {}, QStringLiteral("read the schema of %1").arg(file));
    if (!tables)
        return tables.status();
    if (*tables != 1)
        return Status::corruption(QStringLiteral("%1 has no accounts table: not a LedgerGuard ledger").arg(file));
    return Status::ok();
}

Result<QString> restore(const QString& file, const QString& ledgerPath, const Clock& clock, int keep)
{
    if (Status s = verify(file); !s.isOk())
        return s;
    const QFileInfo ledger(ledgerPath);
    const QString target = ledger.absoluteFilePath();
    if (QFileInfo(file).absoluteFilePath() == target)
        return Status::invalidArgument(QStringLiteral("file"), QStringLiteral("the backup is the ledger itself"));
    QString kept;
    if (ledger.exists()) {
        // An exclusive lock fails at once while any other connection has the file open (in WAL mode each one
        // holds a shared lock on it for as long as it is open).
        FileConnection lock(target, false, 0);
        if (!lock.error().isOk())
            return lock.error();
        QSqlQuery q(lock.db());
        if (!q.exec(QStringLiteral("PRAGMA locking_mode = EXCLUSIVE")) || !q.exec(QStringLiteral("BEGIN EXCLUSIVE"))
            || !q.exec(QStringLiteral("COMMIT"))) {
            Status s = sqlErrorStatus(q.lastError(), QStringLiteral("lock %1").arg(target));
            if (s.isBusy())
                return Status::busy(QStringLiteral("the ledger %1 is open in another LedgerGuard (or another "
                                                   "program); close it and restore again")
                                        .arg(target));
            if (!s.isCorruption())
                return s;
        }
        if (Status s = Database::makePrivateDirectory(Database::backupDirectory(target)); !s.isOk())
            return s;
        const Result<QString> reserved = reservePath(target, clock.nowMs());
        if (!reserved)
            return reserved.status();
        kept = *reserved;
        if (Status s = writeReserved(lock.db(), kept, false); !s.isOk()) {
            // Too damaged to read through SQLite: keep its bytes.
            if (!QFile::copy(target, kept))
                return Status::ioError(QStringLiteral("cannot keep a copy of %1 at %2").arg(target, kept));
            QFile::setPermissions(kept, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        q = QSqlQuery();
    }
    QFile source(file);
    if (!source.open(QIODevice::ReadOnly))
        return Status::ioError(QStringLiteral("cannot read %1: %2").arg(file, source.errorString()));
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return Status::ioError(QStringLiteral("cannot write %1: %2").arg(target, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(1 << 20);
        if (chunk.isEmpty() || out.write(chunk) != chunk.size()) {
            out.cancelWriting();
            return Status::ioError(QStringLiteral("cannot copy %1 to %2: %3").arg(file, target, out.errorString()));
        }
    }
    // The old file's -wal must not be applied to the restored one.
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        QFile::remove(target + QLatin1String(suffix));
    if (!out.commit())
        return Status::ioError(QStringLiteral("cannot replace %1: %2").arg(target, out.errorString()));
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (Status s = syncDirectory(ledger.absolutePath()); !s.isOk())
        return s;
    if (Status s = prune(target, keep); !s.isOk())
        return s;
    return kept;
}

} // namespace ledgerguard::backup
