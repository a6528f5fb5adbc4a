// SPDX-License-Identifier: GPL-3.0-or-later
#include "PgTestServer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <QVersionNumber>
#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <grp.h>
#include <mutex>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ledgerguard::test {

namespace {

const QString kPackages = QStringLiteral("install the Debian packages postgresql and libqt6sql6-psql "
                                         "(apt-get install postgresql libqt6sql6-psql), or set LG_TEST_PG_URL to a "
                                         "postgresql:// URL of a server where that role may CREATE DATABASE");
const QString kDirPrefix = QStringLiteral("lg-pgtest-");
// Changes whenever initCluster's settings change, so that an older template is not reused.
const QByteArray kTemplateVersion = "1";
constexpr int kToolTimeoutMs = 60000;

// The postmasters of the clusters this process runs, for the exit and fatal-signal hooks (which may not lock).
std::array<std::atomic<pid_t>, 16> g_postmasters {};
constexpr std::array kFatalSignals {SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTERM, SIGINT, SIGHUP};
std::array<struct sigaction, kFatalSignals.size()> g_previous {};

// Where clusters live: LG_TEST_PG_DIR, else /dev/shm when it is a writable tmpfs with 1 GiB free (a cluster's
// writes then never wait for a disk shared with builds), else the temporary directory.
QString clusterBase()
{
    static const QString base = [] {
        const QString configured = qEnvironmentVariable("LG_TEST_PG_DIR");
        if (!configured.isEmpty())
            return configured;
        const QStorageInfo shm(QStringLiteral("/dev/shm"));
        if (shm.isValid() && shm.isReady() && !shm.isReadOnly() && shm.bytesAvailable() >= (qint64(1) << 30)
            && shm.rootPath() == QLatin1String("/dev/shm") && QFileInfo(QStringLiteral("/dev/shm")).isWritable())
            return QStringLiteral("/dev/shm");
        return QDir::tempPath();
    }();
    return base;
}

bool isPostgresProcess(pid_t pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return false;
    return comm.readAll().startsWith("postgres");
}

bool processRuns(pid_t pid)
{
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    // A zombie nobody reaps (a container's init may not) has finished.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray s = stat.readAll();
        const qsizetype close = s.lastIndexOf(')');
        if (close >= 0 && close + 2 < s.size() && s.at(close + 2) == 'Z')
            return false;
    }
    return true;
}

// Immediate shutdown (what `pg_ctl stop -m immediate` sends), then waits up to 10 s for the postmaster to go.
void stopPostmaster(pid_t pid)
{
    if (pid <= 0 || !isPostgresProcess(pid))
        return;
    ::kill(pid, SIGQUIT);
    for (int i = 0; i < 1000 && processRuns(pid); ++i)
        QThread::msleep(10);
}

void stopAllAtExit()
{
    for (auto& slot : g_postmasters) {
        const pid_t pid = slot.exchange(0);
        if (pid > 0)
            stopPostmaster(pid);
    }
}

void onFatalSignal(int sig)
{
    for (auto& slot : g_postmasters) {
        const pid_t pid = slot.load();
        if (pid > 0)
            ::kill(pid, SIGQUIT);
    }
    for (size_t i = 0; i < kFatalSignals.size(); ++i) {
        if (kFatalSignals[i] == sig) {
            sigaction(sig, &g_previous[i], nullptr);
            break;
        }
    }
    // The signal is blocked while its handler runs: it reaches the previous handler when this one returns.
    ::raise(sig);
}

void installHooks()
{
    static std::once_flag once;
    std::call_once(once, [] {
        std::atexit(stopAllAtExit);
        for (size_t i = 0; i < kFatalSignals.size(); ++i) {
            sigaction(kFatalSignals[i], nullptr, &g_previous[i]);
            if (g_previous[i].sa_handler == SIG_IGN)
                continue; // an ignored signal does not end the process
            struct sigaction action = {};
            action.sa_handler = onFatalSignal;
            sigemptyset(&action.sa_mask);
            sigaction(kFatalSignals[i], &action, nullptr);
        }
    });
}

void registerPostmaster(pid_t pid)
{
    for (auto& slot : g_postmasters) {
        pid_t expected = 0;
        if (slot.compare_exchange_strong(expected, pid))
            return;
    }
}

void unregisterPostmaster(pid_t pid)
{
    for (auto& slot : g_postmasters) {
        pid_t expected = pid;
        slot.compare_exchange_strong(expected, 0);
    }
}

qint64 firstLineNumber(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readLine().trimmed().toLongLong();
}

// Stops and removes the clusters of test processes that no longer run (killed, or crashed past the hooks).
void removeStaleClusters()
{
    QDir temp(clusterBase());
    const QStringList names = temp.entryList({kDirPrefix + QLatin1Char('*')}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        const QString dir = temp.filePath(name);
        const qint64 owner = firstLineNumber(dir + QStringLiteral("/owner"));
        if (owner > 0 && processRuns(pid_t(owner)))
            continue;
        if (owner <= 0 && QFileInfo(dir).lastModified().secsTo(QDateTime::currentDateTime()) < 600)
            continue; // a cluster being set up right now by another process
        stopPostmaster(pid_t(firstLineNumber(dir + QStringLiteral("/data/postmaster.pid"))));
        // The stopped server's last processes may still write into the directory for a moment: a removal that
        // leaves something behind is tried again, for up to two seconds.
        for (int i = 0; i < 200 && !QDir(dir).removeRecursively(); ++i)
            QThread::msleep(10);
    }
    // A template whose initdb was cut short.
    const QStringList building
        = temp.entryList({QStringLiteral("lg-pgtemplate-new-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : building) {
        if (QFileInfo(temp.filePath(name)).lastModified().secsTo(QDateTime::currentDateTime()) > 600)
            QDir(temp.filePath(name)).removeRecursively();
    }
}

int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

bool hasTools(const QString& dir)
{
    return !dir.isEmpty() && QFileInfo(dir + QStringLiteral("/initdb")).isExecutable()
        && QFileInfo(dir + QStringLiteral("/pg_ctl")).isExecutable();
}

QString lastLines(const QString& text, int count)
{
    QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    if (lines.size() > count)
        lines = lines.mid(lines.size() - count);
    return lines.join(QLatin1Char('\n'));
}

QString readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

PgTestServer::~PgTestServer()
{
    stop();
}

PgTestServer& PgTestServer::shared()
{
    static PgTestServer server;
    // Stopped while the application still exists (dropping an external server's databases needs the SQL driver).
    static std::once_flag once;
    std::call_once(once, [] {
        if (QCoreApplication::instance())
            qAddPostRoutine([] { server.stop(); });
    });
    return server;
}

QString PgTestServer::findBinaries(QString* why)
{
    QStringList candidates;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("pg_ctl"));
    if (!onPath.isEmpty())
        candidates << QFileInfo(QFileInfo(onPath).canonicalFilePath()).absolutePath()
                   << QFileInfo(onPath).absolutePath();
    const QString pgConfig = QStandardPaths::findExecutable(QStringLiteral("pg_config"));
    if (!pgConfig.isEmpty()) {
        QProcess p;
        p.start(pgConfig, {QStringLiteral("--bindir")});
        if (p.waitForFinished(10000) && p.exitCode() == 0)
            candidates << QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
    }
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList names = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString& v : names)
        candidates << versions.filePath(v + QStringLiteral("/bin"));
    for (const QString& dir : candidates) {
        if (hasTools(dir))
            return dir;
    }
    if (why)
        *why = QStringLiteral("PostgreSQL server binaries (initdb, pg_ctl) not found on PATH, in `pg_config --bindir` "
                              "or /usr/lib/postgresql/*/bin: %1")
                   .arg(kPackages);
    return {};
}

bool PgTestServer::start()
{
    QMutexLocker lock(&m_mutex);
    return startLocked();
}

bool PgTestServer::startLocked()
{
    if (m_started)
        return true;
    m_error.clear();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        m_error = QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not available: %1").arg(kPackages);
        return false;
    }
    const QString external = qEnvironmentVariable("LG_TEST_PG_URL");
    if (!external.isEmpty()) {
        const QUrl url(external);
        if (!url.isValid() || (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
            || url.host().isEmpty() || url.userName().isEmpty()) {
            m_error = QStringLiteral("LG_TEST_PG_URL is not a postgresql://USER@HOST[:PORT]/DBNAME URL: %1")
                          .arg(url.toString(QUrl::RemovePassword));
            return false;
        }
        if (!url.password().isEmpty()) {
            m_error = QStringLiteral("LG_TEST_PG_URL carries a password: ledger URLs never do; put it in the password "
                                     "file (PGPASSFILE, else ~/.pgpass) instead");
            return false;
        }
        m_external = true;
        m_user = url.userName();
        m_host = url.host();
        m_port = url.port(5432);
        m_adminDatabase = url.path().mid(1).isEmpty() ? QStringLiteral("postgres") : url.path().mid(1);
        m_query = url.query();
        QStringList options;
        const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
        for (const auto& [key, value] : items)
            options << key + QLatin1Char('=') + value;
        m_options = options.join(QLatin1Char(';'));
        if (adminConnection().isEmpty())
            return false;
        QSqlDatabase::removeDatabase(adminConnection());
        m_started = true;
        return true;
    }
    m_started = startCluster();
    return m_started;
}

bool PgTestServer::runTool(const QString& program, const QStringList& args, QString* output, int timeoutMs)
{
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    p.setWorkingDirectory(m_dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.remove(QStringLiteral("PGDATA"));
    p.setProcessEnvironment(env);
    if (m_uid >= 0) {
        const uid_t uid = uid_t(m_uid);
        const gid_t gid = gid_t(m_gid);
        p.setChildProcessModifier([uid, gid] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
                ::_exit(126);
        });
    }
    p.start();
    const bool finished = p.waitForFinished(timeoutMs);
    *output = QString::fromLocal8Bit(p.readAll());
    if (!finished) {
        p.kill();
        p.waitForFinished(5000);
        *output += QStringLiteral("\n(%1 did not finish within %2 s)").arg(program).arg(timeoutMs / 1000);
        return false;
    }
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool PgTestServer::startCluster()
{
    m_binDir = findBinaries(&m_error);
    if (m_binDir.isEmpty())
        return false;
    if (::geteuid() == 0) {
        const passwd* pw = ::getpwnam("postgres");
        if (!pw) {
            m_error = QStringLiteral("running as root, and initdb refuses root: the `postgres` system user to run "
                                     "the test cluster as is missing (%1)")
                          .arg(kPackages);
            return false;
        }
        m_uid = int(pw->pw_uid);
        m_gid = int(pw->pw_gid);
    }
    installHooks();
    removeStaleClusters();

    m_user = QStringLiteral("ledgerguard");
    m_host = QStringLiteral("127.0.0.1");
    m_adminDatabase = QStringLiteral("postgres");
    m_dir = makeOwnedDirectory(kDirPrefix + QStringLiteral("XXXXXX"));
    if (m_dir.isEmpty())
        return false;
    const QString data = m_dir + QStringLiteral("/data");
    QFile owner(m_dir + QStringLiteral("/owner"));
    bool ready = owner.open(QIODevice::WriteOnly) && owner.write(QByteArray::number(qint64(::getpid())) + '\n') > 0;
    owner.close();
    if (!ready) {
        m_error = QStringLiteral("cannot write %1: %2").arg(owner.fileName(), owner.errorString());
    } else {
        QString output;
        const QString cached = clusterTemplate();
        if (!cached.isEmpty()) {
            ready = runTool(QStandardPaths::findExecutable(QStringLiteral("cp")),
                            {QStringLiteral("-a"), cached + QStringLiteral("/data"), data}, &output, kToolTimeoutMs);
            if (!ready)
                m_error = QStringLiteral("copying the cluster template %1 failed: %2").arg(cached, output);
        } else {
            ready = initCluster(data);
        }
        QFile conf(data + QStringLiteral("/postgresql.conf"));
        if (ready
            && (!conf.open(QIODevice::Append)
                || conf.write("unix_socket_directories = '" + QFile::encodeName(m_dir) + "'\n") < 0)) {
            m_error = QStringLiteral("cannot write %1: %2").arg(conf.fileName(), conf.errorString());
            ready = false;
        }
    }
    if (!ready) {
        QDir(m_dir).removeRecursively();
        m_dir.clear();
        return false;
    }
    QString output;
    // The free port is found before pg_ctl binds it: another process may take it in between, so a few tries.
    for (int attempt = 0; attempt < 4; ++attempt) {
        m_port = freeLoopbackPort();
        if (runTool(m_binDir + QStringLiteral("/pg_ctl"),
                    {QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                     QStringLiteral("-D"), data, QStringLiteral("-l"), m_dir + QStringLiteral("/server.log"),
                     QStringLiteral("-o"), QStringLiteral("-p %1").arg(m_port)},
                    &output, kToolTimeoutMs + 5000)) {
            m_postmasterPid = firstLineNumber(data + QStringLiteral("/postmaster.pid"));
            registerPostmaster(pid_t(m_postmasterPid));
            const QString connection = adminConnection();
            if (connection.isEmpty())
                break;
            QSqlDatabase::removeDatabase(connection);
            return true;
        }
        m_error
            = QStringLiteral("pg_ctl start (%1) failed:\n%2\n%3")
                  .arg(m_binDir, lastLines(output, 10), lastLines(readFile(m_dir + QStringLiteral("/server.log")), 20));
        stopPostmaster(pid_t(firstLineNumber(data + QStringLiteral("/postmaster.pid"))));
    }
    stopPostmaster(pid_t(m_postmasterPid));
    unregisterPostmaster(pid_t(m_postmasterPid));
    m_postmasterPid = 0;
    QDir(m_dir).removeRecursively();
    m_dir.clear();
    return false;
}

// A new directory under the temporary directory from a mkdtemp pattern, owned by the user the server runs as.
QString PgTestServer::makeOwnedDirectory(const QString& pattern)
{
    QByteArray buffer = QFile::encodeName(clusterBase() + QLatin1Char('/') + pattern);
    if (!::mkdtemp(buffer.data())) {
        m_error = QStringLiteral("cannot create a directory under %1: %2")
                      .arg(clusterBase(), QString::fromLocal8Bit(strerror(errno)));
        return {};
    }
    const QString dir = QFile::decodeName(buffer);
    if (m_uid >= 0 && ::chown(buffer.constData(), uid_t(m_uid), gid_t(m_gid)) != 0) {
        m_error = QStringLiteral("cannot hand %1 to the postgres user: %2")
                      .arg(dir, QString::fromLocal8Bit(strerror(errno)));
        QDir(dir).removeRecursively();
        return {};
    }
    return dir;
}

// initdb into `data` with the settings every test cluster shares (all but its socket directory and port).
bool PgTestServer::initCluster(const QString& data)
{
    QString output;
    if (!runTool(m_binDir + QStringLiteral("/initdb"),
                 {QStringLiteral("-D"), data, QStringLiteral("-U"), m_user, QStringLiteral("-A"),
                  QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C"),
                  QStringLiteral("--no-sync")},
                 &output, kToolTimeoutMs)) {
        m_error = QStringLiteral("initdb (%1) failed:\n%2").arg(m_binDir, lastLines(output, 20));
        return false;
    }
    QFile conf(data + QStringLiteral("/postgresql.conf"));
    const QByteArray settings = "\n# lg_pgtest: a throw-away cluster for the tests\n"
                                "listen_addresses = '127.0.0.1'\n"
                                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                                "max_connections = 100\nlog_min_messages = warning\n";
    if (!conf.open(QIODevice::Append) || conf.write(settings) < 0) {
        m_error = QStringLiteral("cannot write %1: %2").arg(conf.fileName(), conf.errorString());
        return false;
    }
    return true;
}

// The initdb'd cluster every test process copies (copying is several times faster than initdb):
// lg-pgtemplate-<key> under the temporary directory, the key naming these binaries and the user; made once, in a
// directory of its own renamed into place when complete. Empty when it cannot be made (the caller runs initdb).
QString PgTestServer::clusterTemplate()
{
    const QFileInfo initdb(m_binDir + QStringLiteral("/initdb"));
    const QByteArray identity = QFile::encodeName(initdb.canonicalFilePath()) + '\n'
        + QByteArray::number(initdb.lastModified().toMSecsSinceEpoch()) + '\n' + QByteArray::number(m_uid) + '\n'
        + kTemplateVersion;
    const QByteArray key = QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(16);
    const QString path = clusterBase() + QStringLiteral("/lg-pgtemplate-") + QString::fromLatin1(key);
    const uint expectedOwner = m_uid >= 0 ? uint(m_uid) : uint(::geteuid());
    const QFileInfo existing(path);
    if (existing.isDir() && existing.ownerId() == expectedOwner
        && QFileInfo::exists(path + QStringLiteral("/data/PG_VERSION")))
        return path;
    const QString error = m_error;
    const QString building = makeOwnedDirectory(QStringLiteral("lg-pgtemplate-new-XXXXXX"));
    if (building.isEmpty() || !initCluster(building + QStringLiteral("/data"))) {
        QDir(building).removeRecursively();
        m_error = error;
        return {};
    }
    if (::rename(QFile::encodeName(building).constData(), QFile::encodeName(path).constData()) != 0)
        QDir(building).removeRecursively(); // another process made it first (or it cannot be made: initdb's copy)
    const QFileInfo made(path);
    return made.isDir() && made.ownerId() == expectedOwner ? path : QString();
}

// Opens a connection to the administrative database on the calling thread; returns its name (empty: m_error).
QString PgTestServer::adminConnection()
{
    const QString name = QStringLiteral("lg_pgtest_admin_%1").arg(quintptr(QThread::currentThreadId()), 0, 16);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name);
        if (db.isOpen())
            return name;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_host);
        db.setPort(m_port);
        db.setUserName(m_user);
        db.setDatabaseName(m_adminDatabase);
        db.setConnectOptions(m_options);
        if (db.open())
            return name;
        m_error = QStringLiteral("cannot connect to PostgreSQL at %1:%2 as %3: %4")
                      .arg(m_host)
                      .arg(m_port)
                      .arg(m_user, db.lastError().text());
    }
    QSqlDatabase::removeDatabase(name);
    return {};
}

QString PgTestServer::createDatabase()
{
    QMutexLocker lock(&m_mutex);
    if (!startLocked())
        return {};
    const QString connection = adminConnection();
    if (connection.isEmpty())
        return {};
    const QString name = QStringLiteral("lg_test_%1_%2").arg(qint64(::getpid())).arg(++m_databases);
    bool created = false;
    {
        QSqlQuery q(QSqlDatabase::database(connection));
        created = q.exec(QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'").arg(name));
        if (!created)
            m_error = QStringLiteral("CREATE DATABASE %1 failed: %2").arg(name, q.lastError().text());
    }
    QSqlDatabase::removeDatabase(connection);
    if (!created)
        return {};
    m_created << name;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_user);
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(QLatin1Char('/') + name);
    url.setQuery(m_query);
    return url.toString(QUrl::FullyEncoded);
}

void PgTestServer::stop()
{
    QMutexLocker lock(&m_mutex);
    if (!m_started)
        return;
    m_started = false;
    if (m_external) {
        if (!m_created.isEmpty()) {
            const QString connection = adminConnection();
            if (!connection.isEmpty()) {
                {
                    QSqlQuery q(QSqlDatabase::database(connection));
                    for (const QString& name : std::as_const(m_created))
                        q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
                }
                QSqlDatabase::removeDatabase(connection);
            }
        }
        m_created.clear();
        return;
    }
    stopPostmaster(pid_t(m_postmasterPid));
    unregisterPostmaster(pid_t(m_postmasterPid));
    m_postmasterPid = 0;
    QDir(m_dir).removeRecursively();
    m_dir.clear();
    m_created.clear();
}

QSqlDatabase PgTestServer::openConnection(const QString& url, const QString& connectionName)
{
    const QUrl u(url);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(u.host());
    db.setPort(u.port(5432));
    db.setUserName(u.userName());
    db.setDatabaseName(u.path().mid(1));
    QStringList options;
    const auto items = QUrlQuery(u).queryItems(QUrl::FullyDecoded);
    for (const auto& [key, value] : items)
        options << key + QLatin1Char('=') + value;
    db.setConnectOptions(options.join(QLatin1Char(';')));
    db.open();
    return db;
}

QString PgTestServer::error() const
{
    QMutexLocker lock(&m_mutex);
    return m_error;
}

QString PgTestServer::directory() const
{
    QMutexLocker lock(&m_mutex);
    return m_dir;
}

bool PgTestServer::isExternal() const
{
    QMutexLocker lock(&m_mutex);
    return m_external;
}

} // namespace ledgerguard::test
