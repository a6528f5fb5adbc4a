// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Database.h"
#include "ledger/SqliteApi_p.h"

#include <QSqlDriver>
#include <QVariant>

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

void Statement::bind(int index, const QString& text)
{
    // UTF-8, the ledger's encoding: SQLite stores it as given instead of translating UTF-16 on every bind.
    if (index >= int(m_text.size()))
        m_text.resize(index + 1);
    QByteArray& utf8 = m_text[index];
    utf8 = text.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

void Statement::bindTextOrNull(int index, const QString& text)
{
    if (text.isEmpty())
        sqlite3_bind_null(m_stmt, index);
    else
        bind(index, text);
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
void Statement::bind(int, const QString&) { }
void Statement::bindTextOrNull(int, const QString&) { }

Status Statement::step(const QString& what, int*)
{
    return Status::ioError(what + QStringLiteral(": SQLite's C API is not available in this build"));
}

#endif

} // namespace ledgerguard::sqlite
