// SPDX-License-Identifier: GPL-3.0-or-later
// A throw-away PostgreSQL cluster for the tests (library lg_pgtest).
//
// start() finds the server binaries (initdb and pg_ctl on PATH, in `pg_config --bindir`, then
// /usr/lib/postgresql/<version>/bin newest first), makes a new cluster directory lg-pgtest-XXXXXX and starts the
// server with pg_ctl on a free 127.0.0.1 port (its Unix socket in that directory, trust authentication for the
// superuser "ledgerguard", fsync off), waiting until it accepts connections. The cluster is a copy of an initdb'd
// template, lg-pgtemplate-<key> (the key names the binaries and the user), which the first start makes. Both live
// under LG_TEST_PG_DIR, else /dev/shm when it is a tmpfs with 1 GiB free, else the temporary directory. When the
// process runs as root (initdb refuses root) the binaries run as the `postgres` system user and the directories are
// chowned to it. Before starting, clusters left by test processes that no longer run are stopped and removed.
//
// With LG_TEST_PG_URL set (a postgresql://USER@HOST[:PORT]/DBNAME[?sslmode=...] URL of a role that may CREATE
// DATABASE, its password, if any, in the password file) no cluster is started: createDatabase() creates its databases
// on that server and stop() drops them.
//
// stop() shuts the cluster down (`pg_ctl stop -m immediate` semantics: SIGQUIT to the postmaster) and removes its
// directory; the destructor calls it. A process-exit hook (atexit) and fatal-signal hooks (SIGSEGV, SIGABRT, SIGBUS,
// SIGILL, SIGFPE, SIGTERM, SIGINT, SIGHUP; chained to the handlers installed before) stop every running cluster when
// a test crashes; the directory of a crashed or killed run is removed by the next start().
//
// Errors (start() false, createDatabase() empty) are in error(): missing binaries name the Debian packages to
// install (postgresql, libqt6sql6-psql); a failed initdb or server start carries its output. Tests fail on them,
// never skip. Thread-safe.
#pragma once

#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ledgerguard::test {

class PgTestServer
{
public:
    PgTestServer() = default;
    ~PgTestServer();
    PgTestServer(const PgTestServer&) = delete;
    PgTestServer& operator=(const PgTestServer&) = delete;

    // The process's one server, started on first use and stopped at process exit.
    static PgTestServer& shared();

    // Starts the cluster (or checks LG_TEST_PG_URL's server). True when running; idempotent.
    bool start();
    // A fresh empty database's postgresql:// URL (starting the server when needed); empty on error.
    QString createDatabase();
    // Stops the cluster and removes its directory (with LG_TEST_PG_URL: drops the databases created). Idempotent.
    void stop();

    QString error() const;
    // The cluster's directory (empty with LG_TEST_PG_URL or before start()).
    QString directory() const;
    // True when the databases live on LG_TEST_PG_URL's server.
    bool isExternal() const;
    // A QPSQL connection named `connectionName` (opened; check isOpen()) to the database of a URL createDatabase()
    // returned, for tests that look at a database below the Ledger.
    static QSqlDatabase openConnection(const QString& url, const QString& connectionName);
    // The directory holding initdb and pg_ctl, or empty with the reason in *why.
    static QString findBinaries(QString* why);

private:
    bool startLocked();
    bool startCluster();
    QString makeOwnedDirectory(const QString& pattern);
    bool initCluster(const QString& data);
    QString clusterTemplate();
    bool runTool(const QString& program, const QStringList& args, QString* output, int timeoutMs);
    QString adminConnection();

    mutable QMutex m_mutex;
    bool m_started = false;
    bool m_external = false;
    QString m_error;
    QString m_dir;
    QString m_binDir;
    QString m_user;
    QString m_host;
    int m_port = 0;
    QString m_adminDatabase;
    QString m_options;
    QString m_query;
    qint64 m_postmasterPid = 0;
    int m_uid = -1; // the user the server binaries run as (-1: this process's)
    int m_gid = -1;
    int m_databases = 0;
    QStringList m_created;
};

} // namespace ledgerguard::test
