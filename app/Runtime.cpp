// SPDX-License-Identifier: GPL-3.0-or-later
#include "Runtime.h"

#include "backup/Backup.h"
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "ledger/DatabaseUrl.h"
#include "ledger/Ledger.h"
#include "pipeline/Combination.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"
#include "schedule/Settings.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QThreadPool>
#include <QTimer>

namespace ledgerguard {

namespace {

// A whole number of seconds >= 0; nullopt otherwise.
std::optional<int> seconds(const QString& text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 0 ? std::optional<int>(value) : std::nullopt;
}

} // namespace

CommandLine::CommandLine(Mode mode)
    : m_mode(mode)
    , m_headless(QStringLiteral("headless"), QStringLiteral("Run without a window."))
    , m_db(QStringLiteral("db"),
           QStringLiteral("Open or create the ledger FILE (default: the demo ledger in the user's data directory)."),
           QStringLiteral("FILE"))
    , m_generatorInterval(
          QStringLiteral("generator-interval"),
          QStringLiteral("Seconds between runs of the generator of made-up transactions; 0 turns it off "
                         "(default %1 on the demo ledger, off on a ledger given with --db).")
              .arg(settings::kDefaultGeneratorIntervalS),
          QStringLiteral("SECONDS"))
    , m_detectorInterval(QStringLiteral("detector-interval"),
                         QStringLiteral("Seconds between detection runs; 0 turns them off (default %1).")
                             .arg(settings::kDefaultDetectorIntervalS),
                         QStringLiteral("SECONDS"))
    , m_screenshots(QStringLiteral("screenshots"),
                    QStringLiteral("Render every view and chart to one PNG each in DIR, then exit."),
                    QStringLiteral("DIR"))
    , m_serve(QStringLiteral("serve"), QStringLiteral("Serve the REST API (docs/API.md)."))
    , m_port(
          QStringLiteral("port"),
          QStringLiteral("TCP port of the REST API; 0 picks a free one (default %1).").arg(settings::kDefaultApiPort),
          QStringLiteral("N"), QString::number(settings::kDefaultApiPort))
    , m_bind(QStringLiteral("bind"),
             QStringLiteral("Address to listen on (default 127.0.0.1). An address that is not loopback (a LAN "
                            "address, 0.0.0.0, ::) exposes the API to other machines and requires a token."),
             QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"))
    , m_token(QStringLiteral("token"),
              QStringLiteral("Require 'Authorization: Bearer T' on every request (default: the LEDGERGUARD_API_TOKEN "
                             "environment variable, else no token; never empty). NAME=T names the token: decisions "
                             "made with it are recorded as NAME (a plain T is named 'api'). Repeatable; "
                             "LEDGERGUARD_API_TOKENS adds comma-separated NAME=T pairs."),
              QStringLiteral("T"))
    , m_noAccessLog(QStringLiteral("no-access-log"),
                    QStringLiteral("Do not write the JSON access log line of each request."))
{
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    if (mode == Mode::Desktop) {
        m_parser.setApplicationDescription(QStringLiteral(
            "Ledger with Isolation Forest anomaly detection. Without a command it opens the desktop.\n"
            "\n"
            "Commands (ledgerguard COMMAND --help shows each one's options):\n"
            "  import FILE     import a bank statement (CSV, OFX/QFX, QIF, camt.05x) as one batch, or undo one\n"
            "  export          write the transactions or anomalies as CSV\n"
            "  label FILE      import analysts' decisions (fraud / normal per transaction) from a CSV file\n"
            "  rules ACTION    list, add FILE.json, remove ID or preview FILE.json the ledger's rules\n"
            "  report          write the findings report (PDF) of a period\n"
            "  detect          run detection once over the stale (or all) accounts\n"
            "  evaluate        measure the detector on a labelled, generated ledger (--feedback: with an analyst)\n"
            "  backup          write a consistent copy of the ledger\n"
            "  restore FILE    replace the ledger with a checked backup\n"
            "  check           check the ledger's integrity and balances, read-only\n"
            "  migrate         copy a whole ledger between a file and PostgreSQL (--from LEDGER --to LEDGER)\n"
            "\n"
            "Headless mode (no window; ledgerguard --headless --help shows all its options):\n"
            "  --headless      run the ledger and the scheduler without a window\n"
            "  --serve         with --headless: also serve the REST API (docs/API.md)\n"
            "  --port N        the REST API's TCP port (default 8765)\n"
            "  --bind ADDR     the address to listen on (default 127.0.0.1; any other needs --token)\n"
            "  --token [NAME=]T  require 'Authorization: Bearer T'; repeatable"));
        m_parser.addOptions({m_db, m_generatorInterval, m_detectorInterval, m_screenshots});
    } else {
        m_parser.setApplicationDescription(
            QStringLiteral("LedgerGuard headless mode: the ledger, the scheduler and the REST API without a display."));
        m_parser.addOptions({m_headless, m_serve, m_port, m_bind, m_token, m_db, m_generatorInterval,
                             m_detectorInterval, m_noAccessLog});
    }
}

void CommandLine::process(const QCoreApplication& app)
{
    m_parser.process(app);
}

Result<RuntimeConfig> CommandLine::config(QString (*defaultLedgerPath)()) const
{
    RuntimeConfig config;
    config.explicitLedger = m_parser.isSet(m_db);
    config.ledgerPath = config.explicitLedger ? m_parser.value(m_db) : defaultLedgerPath();
    for (const QCommandLineOption* option : {&m_generatorInterval, &m_detectorInterval}) {
        if (!m_parser.isSet(*option))
            continue;
        const std::optional<int> value = seconds(m_parser.value(*option));
        if (!value) {
            return Status::invalidArgument(
                option->names().constFirst(),
                QStringLiteral("--generator-interval and --detector-interval take seconds (0 = off)"));
        }
        (option == &m_generatorInterval ? config.generatorIntervalS : config.detectorIntervalS) = value;
    }
    if (m_mode == Mode::Desktop) {
        config.screenshotsDir = m_parser.value(m_screenshots);
        return config;
    }

    bool portOk = false;
    const uint port = m_parser.value(m_port).toUInt(&portOk);
    if (!portOk || port > 65535)
        return Status::invalidArgument(QStringLiteral("port"),
                                       QStringLiteral("--port must be a number from 0 to 65535"));
    const QHostAddress address(m_parser.value(m_bind));
    if (address.isNull())
        return Status::invalidArgument(QStringLiteral("bind"),
                                       QStringLiteral("--bind must be an IP address such as 127.0.0.1 or ::1"));
    config.serve = m_parser.isSet(m_serve);
    config.rest.address = address;
    config.rest.port = quint16(port);
    const QStringList tokens = m_parser.values(m_token);
    for (const QString& t : tokens) {
        if (t.isEmpty())
            return Status::invalidArgument(QStringLiteral("token"),
                                           QStringLiteral("--token must not be empty (leave it out for no token)"));
    }
    if (tokens.isEmpty() && qEnvironmentVariableIsSet("LEDGERGUARD_API_TOKEN")
        && qEnvironmentVariable("LEDGERGUARD_API_TOKEN").isEmpty())
        return Status::invalidArgument(
            QStringLiteral("token"), QStringLiteral("LEDGERGUARD_API_TOKEN is set but empty (unset it for no token)"));
    // NAME=SECRET names a token when NAME is a plain name; anything else is a plain secret.
    static const QRegularExpression named(QStringLiteral("^([A-Za-z0-9_.@-]{1,64})=(.+)$"));
    auto addToken = [&config](const QString& value) {
        const QRegularExpressionMatch m = named.match(value);
        if (m.hasMatch())
            config.rest.namedTokens.append({m.captured(1), m.captured(2)});
        else
            config.rest.token = value;
    };
    if (tokens.isEmpty())
        config.rest.token = qEnvironmentVariable("LEDGERGUARD_API_TOKEN");
    for (const QString& t : tokens)
        addToken(t);
    for (const QString& t : qEnvironmentVariable("LEDGERGUARD_API_TOKENS").split(QLatin1Char(','), Qt::SkipEmptyParts))
        addToken(t.trimmed());
    if (!address.isLoopback() && config.rest.token.isEmpty() && config.rest.namedTokens.isEmpty())
        return Status::invalidArgument(
            QStringLiteral("bind"),
            QStringLiteral("--bind %1 exposes the API to other machines: set a token with --token or "
                           "LEDGERGUARD_API_TOKEN")
                .arg(address.toString()));
    config.rest.accessLog = !m_parser.isSet(m_noAccessLog);
    return config;
}

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("LedgerGuard"));
    QCoreApplication::setOrganizationName(QStringLiteral("LedgerGuard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEDGERGUARD_VERSION));
}

Result<std::unique_ptr<Runtime>> Runtime::open(const RuntimeConfig& config, Intervals intervals)
{
    const Clock& clock = SystemClock::instance();
    const bool onServer = DatabaseUrl::isPostgres(config.ledgerPath);
    if (!config.explicitLedger && !onServer && !QFileInfo::exists(config.ledgerPath)) {
        // Built beside the file and renamed into place: a start killed meanwhile leaves no partial ledger.
        if (Status s = createDemoLedgerFile(config.ledgerPath, clock); !s.isOk() && !s.isConflict())
            return s;
    }
    int keep = backup::kDefaultKeep;
    if (intervals == Intervals::Settings) {
        bool ok = false;
        const int stored = QSettings().value(settings::kBackupKeep, keep).toInt(&ok);
        if (ok && stored >= 1)
            keep = stored;
    }
    Database::Options options;
    if (!onServer)
        options.beforeMigration = backup::beforeMigration(config.ledgerPath, clock, keep);
    options.askPassword = config.askPassword;
    auto database = Database::open(config.ledgerPath, options);
    if (!database)
        return database.status();

    std::unique_ptr<Runtime> runtime(new Runtime);
    runtime->m_ledger = std::make_unique<Ledger>(*database, clock);
    if (runtime->m_ledger->isReadOnly())
        qWarning("ledger %s opened read-only: %s", qPrintable(config.ledgerPath),
                 qPrintable(runtime->m_ledger->database()->readOnlyReason()));
    // The daily backup, on a worker thread (about 5 s for a million transactions): at open, then checked hourly.
    const auto dailyBackup = [database = *database, keep, &clock] {
        auto made = backup::createIfDue(*database, clock, keep);
        if (!made)
            qWarning("automatic backup failed: %s", qPrintable(made.status().message()));
        database->closeThreadConnection();
    };
    QThreadPool::globalInstance()->start(dailyBackup);
    runtime->m_backupTimer = std::make_unique<QTimer>();
    runtime->m_backupTimer->setInterval(int(kHourMs));
    QObject::connect(runtime->m_backupTimer.get(), &QTimer::timeout, runtime->m_backupTimer.get(),
                     [dailyBackup] { QThreadPool::globalInstance()->start(dailyBackup); });
    runtime->m_backupTimer->start();
    runtime->m_generator = std::make_unique<TransactionGenerator>(*runtime->m_ledger);
    DetectionPipelineOptions detection;
    detection.scorePartProviders = defaultScorePartProviders(*runtime->m_ledger);
    runtime->m_pipeline = std::make_unique<DetectionPipeline>(*runtime->m_ledger, detection);
    runtime->m_scheduler = std::make_unique<Scheduler>(runtime->m_generator.get(), runtime->m_pipeline.get());
    runtime->m_rest
        = std::make_unique<RestServer>(*runtime->m_ledger, runtime->m_pipeline.get(), runtime->m_scheduler.get());

    const auto interval = [&](const std::optional<int>& given, QLatin1String key, int fallback) {
        if (given)
            return *given;
        if (intervals == Intervals::Settings) {
            bool ok = false;
            const int stored = QSettings().value(key, fallback).toInt(&ok);
            if (ok && stored >= 0)
                return stored;
        }
        return fallback;
    };
    // The generator books made-up transactions: into the demo ledger by default; into a ledger of the analyst's own
    // (--db, File > Open ledger…), whose accounts hold real statements, only when asked for this run
    // (--generator-interval, or Settings while it runs): an interval saved while exploring the demo does not apply.
    runtime->m_scheduler->setInterval(
        Scheduler::Job::Generator,
        config.explicitLedger
            ? config.generatorIntervalS.value_or(0)
            : interval(config.generatorIntervalS, settings::kGeneratorIntervalS, settings::kDefaultGeneratorIntervalS));
    runtime->m_scheduler->setInterval(
        Scheduler::Job::Detector,
        interval(config.detectorIntervalS, settings::kDetectorIntervalS, settings::kDefaultDetectorIntervalS));
    if (runtime->m_ledger->isReadOnly()) {
        // Both jobs write; a read-only ledger is only shown and served.
        runtime->m_scheduler->setInterval(Scheduler::Job::Generator, 0);
        runtime->m_scheduler->setInterval(Scheduler::Job::Detector, 0);
    }
    return Result<std::unique_ptr<Runtime>>(std::move(runtime));
}

Runtime::~Runtime()
{
    stop();
}

void Runtime::startScheduling()
{
    if (m_scheduler->interval(Scheduler::Job::Detector) > 0 && !m_ledger->isReadOnly()) {
        if (auto stale = m_ledger->staleAccountIds(); stale && !stale->isEmpty())
            m_pipeline->start();
    }
    m_scheduler->start();
}

void Runtime::stop()
{
    m_backupTimer->stop();
    m_scheduler->stop();
    m_rest->stop();
    m_pipeline->waitForFinished();
}

} // namespace ledgerguard
