// SPDX-License-Identifier: GPL-3.0-or-later
// The engine a parameterised suite runs on (docs/LEDGER.md "Engines"): SQLite files unless the environment says
// LG_TEST_ENGINE=postgresql, then a fresh PostgreSQL database for every ledger a test opens, on the throw-away
// cluster the test process starts (tests/support/PgTestServer.h; or LG_TEST_PG_URL's server). tests/CMakeLists.txt
// registers such suites a second time as <name>_pg with that environment.
#pragma once

#include "PgTestServer.h"
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

// A URL of a new, empty PostgreSQL database (C collation, UTF-8) on the test server: the throw-away cluster this
// process starts (PgTestServer), or LG_TEST_PG_URL's server. Errors: IoError saying what is missing or what failed
// (the test fails; it never skips).
inline Result<QString> createPostgresDatabase()
{
    PgTestServer& server = PgTestServer::shared();
    const QString url = server.createDatabase();
    if (url.isEmpty())
        return Status::ioError(server.error());
    return url;
}

// Where a test's fresh ledger lives: `sqliteFile` on SQLite, a new database's URL on PostgreSQL.
inline Result<QString> freshLedgerLocation(const QString& sqliteFile)
{
    if (!onPostgres())
        return sqliteFile;
    return createPostgresDatabase();
}

// Ends every other session on the PostgreSQL database at `location`, as a server restart or fail-over would, from a
// connection of its own; returns how many it ended, -1 when the statement failed.
inline int endOtherSessions(const QString& location)
{
    const QString name = QStringLiteral("lg-test-end-sessions");
    int ended = -1;
    {
        QSqlDatabase admin = addLedgerConnection(name, location);
        QSqlQuery q(admin);
        if (admin.open()
            && q.exec(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                                     "datname = current_database() AND pid <> pg_backend_pid()"))
            && q.next())
            ended = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(name);
    return ended;
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
