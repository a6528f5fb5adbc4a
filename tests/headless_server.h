// SPDX-License-Identifier: GPL-3.0-or-later
// For tests and benchmarks that drive the real binary: `ledgerguard --headless --serve --port 0` as a child
// process on a given ledger file, its log in a file (so a busy access log never blocks it on a full pipe), its URL,
// its resident memory, and `ledgerguard check` on the file; the demo ledger it starts on, the body of a valid
// POST /transactions, reading a stopped server's ledger file; integer settings from the environment.
#pragma once

#include "generate/DemoLedger.h"
#include "ledger/Ledger.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

namespace ledgerguard::testing {

class HeadlessServer
{
public:
    // `app`: the ledgerguard binary; `home`: a directory used as HOME and XDG_DATA_HOME (never the user's own).
    HeadlessServer(QString app, QString home)
        : m_app(std::move(app))
        , m_home(std::move(home))
    { }
    ~HeadlessServer() { kill(); }

    // Starts the server on `ledger` with `extraArguments` and waits (at most `timeoutMs`) for the URL it prints.
    // Returns the URL, or an empty string (the reason in log()).
    QString start(const QString& ledger, const QStringList& extraArguments, int timeoutMs = 30000)
    {
        kill();
        m_logPath = m_home + QStringLiteral("/server-%1.log").arg(++m_starts);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("HOME"), m_home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home + QStringLiteral("/config"));
        m_process.setProcessEnvironment(env);
        m_process.setStandardOutputFile(m_logPath);
        m_process.setStandardErrorFile(m_logPath, QIODevice::Append);
        m_process.start(m_app,
                        QStringList {QStringLiteral("--headless"), QStringLiteral("--serve"), QStringLiteral("--port"),
                                     QStringLiteral("0"), QStringLiteral("--db"), ledger}
                            + extraArguments);
        if (!m_process.waitForStarted(10000))
            return {};
        static const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs && m_process.state() == QProcess::Running) {
            if (const auto match = listening.match(QString::fromUtf8(log())); match.hasMatch())
                return match.captured(1);
            QThread::msleep(20);
        }
        return {};
    }

    // SIGKILL (no shutdown code runs) and wait for the process to be gone.
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(10000);
    }

    // SIGTERM and wait for a clean exit; true when it exited with code 0.
    bool stop(int timeoutMs = 30000)
    {
        if (m_process.state() == QProcess::NotRunning)
            return false;
        m_process.terminate();
        return m_process.waitForFinished(timeoutMs) && m_process.exitStatus() == QProcess::NormalExit
            && m_process.exitCode() == 0;
    }

    bool isRunning() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }

    // VmRSS of the server process in KiB; 0 when it is not running.
    qint64 residentKiB() const
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
        if (!isRunning() || !status.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        return 0;
    }

    // What the server has written to stdout and stderr so far.
    QByteArray log() const
    {
        QFile file(m_logPath);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // `ledgerguard check --db ledger`: exit code 0 and its output, or the exit code and output of the failure.
    QPair<int, QByteArray> check(const QString& ledger) const
    {
        QProcess check;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home + QStringLiteral("/config"));
        check.setProcessEnvironment(env);
        check.setProcessChannelMode(QProcess::MergedChannels);
        check.start(m_app, {QStringLiteral("check"), QStringLiteral("--db"), ledger});
        if (!check.waitForFinished(120000))
            return {-1, QByteArrayLiteral("ledgerguard check did not finish")};
        return {check.exitStatus() == QProcess::NormalExit ? check.exitCode() : -1, check.readAll()};
    }

private:
    QString m_app;
    QString m_home;
    QString m_logPath;
    int m_starts = 0;
    QProcess m_process;
};

// Creates a demo ledger of `days` days at `path` (seeded) and returns its account ids; empty when that failed.
inline QList<qint64> createDemoLedgerAt(const QString& path, int days, quint64 seed)
{
    QList<qint64> ids;
    auto ledger = Ledger::open(path);
    if (!ledger || !createDemoLedger(**ledger, days, seed).isOk())
        return ids;
    for (const Account& a : *(*ledger)->accounts())
        ids.append(a.id);
    return ids;
}

// The JSON body of a valid POST /transactions: a payment of `cents` (> 0) minor units out of `accountId`.
inline QByteArray paymentBody(qint64 accountId, qint64 cents, const QString& description, const QString& counterparty)
{
    return QJsonDocument(
               QJsonObject {{QStringLiteral("accountId"), accountId},
                            {QStringLiteral("amount"),
                             QStringLiteral("-%1.%2").arg(cents / 100).arg(cents % 100, 2, 10, QLatin1Char('0'))},
                            {QStringLiteral("description"), description},
                            {QStringLiteral("category"), QStringLiteral("supplier_payment")},
                            {QStringLiteral("counterparty"), counterparty}})
        .toJson(QJsonDocument::Compact);
}

// An integer from the environment variable `name`, or `fallback` when it is unset or not a number.
inline int envInt(const char* name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

// How often each transaction description starting with `prefix` is stored in the ledger file at `path`, read with a
// plain SQLite connection (while no server has the file open).
inline QHash<QString, int> countsByDescription(const QString& path, const QString& prefix)
{
    QHash<QString, int> counts;
    const QString name = QStringLiteral("counts-by-description");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT description, count(*) FROM transactions WHERE description LIKE ? "
                                     "GROUP BY description"));
            q.addBindValue(QString(prefix + QLatin1Char('%')));
            if (q.exec()) {
                while (q.next())
                    counts.insert(q.value(0).toString(), q.value(1).toInt());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return counts;
}

} // namespace ledgerguard::testing
