// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Database.h"
#include "ledger/SqliteApi_p.h"

#include <QMutex>
#include <QSqlDriver>
#include <QStringEncoder>
#include <QVariant>
#include <map>
#include <memory>

#if LEDGERGUARD_HAVE_SQLITE3_API
#include <sqlite3.h>
#if defined(Q_OS_UNIX)
#include <dlfcn.h>
#endif
#endif

namespace ledgerguard::sqlite {

namespace {

#if LEDGERGUARD_HAVE_SQLITE3_API && defined(Q_OS_UNIX)
// True when the shared object that holds `driver`'s code resolves SQLite's functions to the very ones this program
// calls: Qt's plugin links the system's libsqlite3 and so do we.
bool driverSharesOurSqlite(const QSqlDriver* driver)
{
    const void* vtable = *reinterpret_cast<void* const*>(driver);
    Dl_info info {};
    if (dladdr(vtable, &info) == 0 || info.dli_fname == nullptr)
        return false;
    void* plugin = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (plugin == nullptr)
        return false;
    void* theirs = dlsym(plugin, "sqlite3_libversion_number");
    dlclose(plugin);
    return theirs == reinterpret_cast<void*>(&sqlite3_libversion_number)
        && sqlite3_libversion_number() >= SQLITE_VERSION_NUMBER;
}
#endif

} // namespace

sqlite3* nativeHandle(const QSqlDatabase& db)
{
#if LEDGERGUARD_HAVE_SQLITE3_API && defined(Q_OS_UNIX)
    if (!db.isOpen() || db.driverName() != QLatin1String("QSQLITE"))
        return nullptr;
    static const bool shared = driverSharesOurSqlite(db.driver());
    if (!shared)
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
#else
    Q_UNUSED(db);
    return nullptr;
#endif
}

#if LEDGERGUARD_HAVE_SQLITE3_API

Statement::~Statement()
{
    if (m_stmt != nullptr)
        sqlite3_finalize(m_stmt);
}

Status Statement::prepare(sqlite3* db, const char* sql, const QString& what)
{
    m_db = db;
    const int rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        return sqliteErrorStatus(rc, QString::fromUtf8(sqlite3_errmsg(db)), what);
    return Status::ok();
}

void Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bindDouble(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void Statement::bind(int index, const QString& text)
{
    // UTF-8, the ledger's encoding: SQLite stores it as given instead of translating UTF-16 on every bind. Each
    // index keeps its buffer, so a statement bound row after row allocates only when a text is longer than before.
    if (index >= int(m_text.size()))
        m_text.resize(index + 1);
    QByteArray& utf8 = m_text[index];
    QStringEncoder encoder(QStringEncoder::Utf8);
    const qsizetype capacity = encoder.requiredSpace(text.size());
    if (utf8.size() < capacity)
        utf8.resize(capacity);
    const char* end = encoder.appendToBuffer(utf8.data(), text);
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(end - utf8.constData()), SQLITE_STATIC);
}

void Statement::bindStatic(int index, const QByteArray& utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

void Statement::bindTextOrNull(int index, const QString& text)
{
    if (text.isEmpty())
        sqlite3_bind_null(m_stmt, index);
    else
        bind(index, text);
}

void Statement::bind(int index, const QVariant& value)
{
    if (value.typeId() == QMetaType::UnknownType || value.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::UChar:
        sqlite3_bind_int64(m_stmt, index, value.toLongLong());
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        sqlite3_bind_double(m_stmt, index, value.toDouble());
        return;
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        if (bytes.isNull())
            sqlite3_bind_null(m_stmt, index);
        else
            sqlite3_bind_blob64(m_stmt, index, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
        return;
    }
    default:
        if (const QString text = value.toString(); text.isNull())
            sqlite3_bind_null(m_stmt, index);
        else
            bind(index, text);
    }
}

void Statement::bindAll(const QVariantList& values)
{
    for (int i = 0; i < values.size(); ++i)
        bind(i + 1, values[i]);
}

Result<bool> Statement::next(const QString& what)
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(m_stmt);
        return false;
    }
    const int extended = sqlite3_extended_errcode(m_db);
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_reset(m_stmt);
    return sqliteErrorStatus(extended, message, what);
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

bool Statement::isBusy() const
{
    return m_stmt != nullptr && sqlite3_stmt_busy(m_stmt) != 0;
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    const int bytes = sqlite3_column_bytes(m_stmt, column);
    return data == nullptr ? QString() : QString::fromUtf8(data, bytes);
}

QByteArrayView Statement::utf8(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return data == nullptr ? QByteArrayView() : QByteArrayView(data, sqlite3_column_bytes(m_stmt, column));
}

Status Statement::step(const QString& what, int* extendedCode)
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        sqlite3_reset(m_stmt);
        return Status::ok();
    }
    const int extended = sqlite3_extended_errcode(m_db);
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_reset(m_stmt);
    if (extendedCode != nullptr)
        *extendedCode = extended;
    return sqliteErrorStatus(extended, message, what);
}

#else

Statement::~Statement() = default;

Status Statement::prepare(sqlite3*, const char*, const QString& what)
{
    return Status::ioError(what + QStringLiteral(": SQLite's C API is not available in this build"));
}

void Statement::bind(int, qint64) { }
void Statement::bindDouble(int, double) { }
void Statement::bind(int, const QVariant&) { }
void Statement::bindAll(const QVariantList&) { }
Result<bool> Statement::next(const QString& what)
{
    return Status::ioError(what + QStringLiteral(": SQLite's C API is not available in this build"));
}
void Statement::reset() { }
bool Statement::isBusy() const
{
    return false;
}
bool Statement::isNull(int) const
{
    return true;
}
qint64 Statement::int64(int) const
{
    return 0;
}
double Statement::real(int) const
{
    return 0;
}
QString Statement::text(int) const
{
    return {};
}
QByteArrayView Statement::utf8(int) const
{
    return {};
}
void Statement::bind(int, const QString&) { }
void Statement::bindStatic(int, const QByteArray&) { }
void Statement::bindTextOrNull(int, const QString&) { }

Status Statement::step(const QString& what, int*)
{
    return Status::ioError(what + QStringLiteral(": SQLite's C API is not available in this build"));
}

#endif

namespace {

constexpr qsizetype kMaxCachedStatements = 128;

struct ConnectionCache
{
    sqlite3* handle = nullptr;
    std::map<QString, std::unique_ptr<Statement>> statements;
    std::map<QString, std::unique_ptr<KeptQtQuery>> queries; // connections without a native handle
};

struct Registry
{
    QMutex mutex;
    std::map<QString, ConnectionCache> connections; // GUARDED_BY(mutex), by Qt connection name
};

Registry& registry()
{
    static Registry r;
    return r;
}

} // namespace

Result<Statement*> cachedStatement(const QSqlDatabase& db, sqlite3* handle, const QString& sql, const QString& what)
{
    Registry& r = registry();
    QMutexLocker lock(&r.mutex);
    auto found = r.connections.find(db.connectionName());
    if (found == r.connections.end())
        return static_cast<Statement*>(nullptr);
    ConnectionCache& cache = found->second;
    if (cache.handle != handle) {
        // A connection under a name whose old one closed without dropping its statements: SQLite kept the old
        // handle open for them (it refuses to close one with statements left), so finalizing them is safe.
        cache.statements.clear();
        cache.handle = handle;
    }
    auto it = cache.statements.find(sql);
    if (it != cache.statements.end())
        return it->second.get();
    if (qsizetype(cache.statements.size()) >= kMaxCachedStatements) {
        for (auto i = cache.statements.begin(); i != cache.statements.end();)
            i = i->second->isBusy() ? std::next(i) : cache.statements.erase(i);
    }
    auto statement = std::make_unique<Statement>();
    if (Status s = statement->prepare(handle, sql.toUtf8().constData(), what); !s.isOk())
        return s;
    return cache.statements.emplace(sql, std::move(statement)).first->second.get();
}

KeptQtQuery* cachedQtQuery(const QSqlDatabase& db, const QString& sql)
{
    Registry& r = registry();
    QMutexLocker lock(&r.mutex);
    auto found = r.connections.find(db.connectionName());
    if (found == r.connections.end())
        return nullptr;
    auto& queries = found->second.queries;
    auto it = queries.find(sql);
    if (it != queries.end())
        return it->second->inUse ? nullptr : it->second.get();
    if (qsizetype(queries.size()) >= kMaxCachedStatements) {
        // Dropped by this thread, the connection's owner (each sends DEALLOCATE): under the registry's lock, but at
        // most once per kMaxCachedStatements new texts.
        for (auto i = queries.begin(); i != queries.end();)
            i = i->second->inUse ? std::next(i) : queries.erase(i);
    }
    return queries.emplace(sql, std::make_unique<KeptQtQuery>(db)).first->second.get();
}

void enableStatementCache(const QString& connectionName)
{
    Registry& r = registry();
    QMutexLocker lock(&r.mutex);
    r.connections[connectionName];
}

void dropCachedStatements(const QString& connectionName)
{
    Registry& r = registry();
    ConnectionCache dropped; // finalized (Qt queries: deallocated on the server) after the registry's lock is let go
    {
        QMutexLocker lock(&r.mutex);
        auto it = r.connections.find(connectionName);
        if (it == r.connections.end())
            return;
        dropped = std::move(it->second);
        r.connections.erase(it);
    }
}

} // namespace ledgerguard::sqlite
