// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/RestServer.h"
#include "util/Status.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

namespace ledgerguard {

class Ledger;
class TransactionGenerator;
class DetectionPipeline;
class Scheduler;

// What one process runs, read from its command line (CommandLine::config).
struct RuntimeConfig
{
    QString ledgerPath;
    bool explicitLedger = false; // named by --db: a new file stays empty (no demo data)
    // Seconds between runs (0 = off); unset when the command line does not give them (see Runtime::open).
    std::optional<int> generatorIntervalS;
    std::optional<int> detectorIntervalS;
    bool serve = false; // --serve: start the REST API right away with `rest`
    RestServer::Options rest;
    QString screenshotsDir; // --screenshots (desktop only); empty when not given
    // Asked for a PostgreSQL ledger's password when the password file has none (Database::Options::askPassword);
    // unset: no prompt (headless: the password file only).
    std::function<QString(const QString& url)> askPassword;
};

// The command line of `ledgerguard`, every option defined once and shared by the desktop and the headless mode.
// Each mode accepts its subset:
//   both:     --db FILE, --generator-interval SECONDS, --detector-interval SECONDS, --help, --version
//   desktop:  --screenshots DIR
//   headless: --headless, --serve, --port N, --bind ADDR, --token T, --no-access-log
class CommandLine
{
public:
    enum class Mode { Desktop, Headless };
    explicit CommandLine(Mode mode);
    Q_DISABLE_COPY_MOVE(CommandLine)

    // Parses the application's arguments; --help, --version and unknown options print and exit, as
    // QCommandLineParser::process does.
    void process(const QCoreApplication& app);
    // The configuration after process(). `defaultLedgerPath` gives the ledger file when --db is not given.
    // Errors: InvalidArgument(option name) with the message to print for a bad value.
    Result<RuntimeConfig> config(QString (*defaultLedgerPath)()) const;

private:
    Mode m_mode;
    QCommandLineParser m_parser;
    QCommandLineOption m_headless, m_db, m_generatorInterval, m_detectorInterval, m_screenshots, m_serve, m_port,
        m_bind, m_token, m_noAccessLog;
};

// The application and organization names and the version (QSettings and the data directory are named after them).
void setApplicationNames();

// The core objects of one process, assembled in one place for the desktop and the headless mode: the ledger, the
// generator, the detection pipeline, the scheduler (intervals set, not started) and the REST server (not
// listening). Owns them; destroys them in reverse order. Lives on, and must be used from, the main thread.
class Runtime
{
public:
    // How the intervals the command line does not give are chosen.
    enum class Intervals {
        Defaults, // Scheduler's defaults
        Settings, // the QSettings keys (schedule/Settings.h), else the defaults
    };
    // Opens (creating if needed) the ledger at config.ledgerPath; a new file gets the demo data unless it was named
    // on the command line (createDemoLedgerFile: complete or absent). The ledger is backed up before a schema
    // migration and daily (core/backup: at open and checked hourly), keeping settings::kBackupKeep backups in
    // Intervals::Settings mode, else backup::kDefaultKeep. Errors: those of Database::open and createDemoLedgerFile.
    static Result<std::unique_ptr<Runtime>> open(const RuntimeConfig& config, Intervals intervals);
    ~Runtime();
    Q_DISABLE_COPY_MOVE(Runtime)

    Ledger& ledger() const { return *m_ledger; }
    TransactionGenerator& generator() const { return *m_generator; }
    DetectionPipeline& pipeline() const { return *m_pipeline; }
    Scheduler& scheduler() const { return *m_scheduler; }
    RestServer& rest() const { return *m_rest; }

    // Starts the scheduler, after a first detection run right away when the ledger has stale (new or never
    // scored) accounts and detection is not off, so that a fresh desktop and a fresh server alike have their
    // anomalies without waiting for the first interval. Call on the thread that owns the runtime, in its event loop.
    void startScheduling();
    // Stops the scheduler and the REST server and waits for a detection run in progress: call before the event
    // loop's objects go away. The destructor calls it too.
    void stop();

private:
    Runtime() = default;

    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<QTimer> m_backupTimer;
    std::unique_ptr<TransactionGenerator> m_generator;
    std::unique_ptr<DetectionPipeline> m_pipeline;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<RestServer> m_rest;
};

} // namespace ledgerguard
