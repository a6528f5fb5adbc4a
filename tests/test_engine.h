// SPDX-License-Identifier: GPL-3.0-or-later
// The engine a parameterised suite runs on (docs/LEDGER.md "Engines"): SQLite files unless the environment says
// LG_TEST_ENGINE=postgresql, then a fresh PostgreSQL database for every ledger a test opens, created on the server
// named by LG_TEST_PG_URL (a URL of a database where the test may CREATE DATABASE) and dropped when the test
// process ends. tests/CMakeLists.txt registers such suites a second time as <name>_pg with that environment.
#pragma once

#include "ledger/DatabaseUrl.h"
#include "ledger/Dialect_p.h"
#include "util/Status.h"

#include <QCoreApplication>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace ledgerguard::test {

inline bool onPostgres()
{
    return qgetenv("LG_TEST_ENGINE") == "postgresql";
}

// Adds the Qt connection `name` (not yet open) to the database at `location`: an SQLite file or a PostgreSQL URL.
inline QSqlDatabase addLedgerConnection(const QString& name, const QString& location)
{
    if (!DatabaseUrl::isPostgres(location)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(location);
        return db;
    }
    const DatabaseUrl url = *DatabaseUrl::parse(location);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host);
    db.setPort(url.port);
    db.setUserName(url.user);
    db.setDatabaseName(url.database);
    return db;
}

namespace detail {

// Runs `statement` on a connection of its own to the server's administration database.
inline Status adminExec(const DatabaseUrl& admin, const QString& statement)
{
    const QString name = QStringLiteral("lg-test-admin");
    QString error;
    {
        QSqlDatabase db = addLedgerConnection(name, admin.toString());
        QSqlQuery q(db);
        if (!db.open())
            error = db.lastError().text();
        else if (!q.exec(statement))
            error = q.lastError().text();
    }
    QSqlDatabase::removeDatabase(name);
    return error.isEmpty() ? Status::ok() : Status::ioError(statement + QStringLiteral(": ") + error);
}

struct CreatedDatabases
{
    QMutex mutex;
    DatabaseUrl admin;
    QStringList names;
};

inline CreatedDatabases& created()
{
    static CreatedDatabases c;
    return c;
}

inline void dropCreatedDatabases()
{
    CreatedDatabases& c = created();
    QMutexLocker lock(&c.mutex);
    for (const QString& name : std::as_const(c.names))
        adminExec(c.admin, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    c.names.clear();
}

} // namespace detail

// A URL of a new, empty PostgreSQL database (C collation, UTF-8) on the test server. Errors: IoError when
// LG_TEST_PG_URL is unset or the server refuses.
inline Result<QString> createPostgresDatabase()
{
    const QString adminUrl = qEnvironmentVariable("LG_TEST_PG_URL");
    if (adminUrl.isEmpty())
        return Status::ioError(QStringLiteral("LG_TEST_ENGINE=postgresql needs LG_TEST_PG_URL (a database where the "
                                              "test may CREATE DATABASE)"));
    auto admin = DatabaseUrl::parse(adminUrl);
    if (!admin)
        return admin.status();
    detail::CreatedDatabases& c = detail::created();
    QString name;
    {
        QMutexLocker lock(&c.mutex);
        if (c.names.isEmpty()) {
            c.admin = *admin;
            qAddPostRoutine(detail::dropCreatedDatabases);
        }
        name = QStringLiteral("lg_test_%1_%2_%3")
                   .arg(QCoreApplication::applicationPid())
                   .arg(QDateTime::currentMSecsSinceEpoch())
                   .arg(c.names.size());
        c.names.append(name);
    }
    if (Status s = detail::adminExec(*admin,
                                     QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8' "
                                                    "LC_COLLATE 'C' LC_CTYPE 'C'")
                                         .arg(name));
        !s.isOk())
        return s;
    DatabaseUrl url = *admin;
    url.database = name;
    return url.toString();
}

// Where a test's fresh ledger lives: `sqliteFile` on SQLite, a new database's URL on PostgreSQL.
inline Result<QString> freshLedgerLocation(const QString& sqliteFile)
{
    if (!onPostgres())
        return sqliteFile;
    return createPostgresDatabase();
}

// Holds the write lock of the ledger at `location` from a connection of its own, as another process writing to it
// would (SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory write lock in an open transaction), until destroyed.
class WriteLockHolder
{
public:
    explicit WriteLockHolder(const QString& location)
    {
        const bool postgres = DatabaseUrl::isPostgres(location);
        QSqlDatabase db = addLedgerConnection(kName, location);
        QSqlQuery q(db);
        m_held = db.open()
            && (postgres ? q.exec(QStringLiteral("BEGIN"))
                        && q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(sql::kWriteLockKey))
                         : q.exec(QStringLiteral("BEGIN IMMEDIATE")));
    }
    ~WriteLockHolder()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(kName, false);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(kName);
    }
    WriteLockHolder(const WriteLockHolder&) = delete;
    WriteLockHolder& operator=(const WriteLockHolder&) = delete;
    bool isHeld() const { return m_held; }

private:
    static constexpr const char* kName = "lg-test-write-lock";
    bool m_held = false;
};

} // namespace ledgerguard::test
