// SPDX-License-Identifier: GPL-3.0-or-later
#include "Headless.h"

#include "api/RestServer.h"
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "ledger/Ledger.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHostAddress>
#include <QSocketNotifier>
#include <cstdio>
#include <cstring>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace ledgerguard {

namespace {

// Every log line goes to stderr (never journald or a debugger channel): the access log as its JSON line, other
// messages as "<time> <level> <category>: <message>".
void stderrMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QByteArray text = message.toUtf8();
    if (context.category && std::strcmp(context.category, "ledgerguard.api.access") == 0) {
        std::fprintf(stderr, "%s\n", text.constData());
    } else {
        static const char* const levels[] = {"debug", "warning", "critical", "fatal", "info"};
        const char* level = type >= QtDebugMsg && type <= QtInfoMsg ? levels[type] : "log";
        const QByteArray time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
        std::fprintf(stderr, "%s %s %s: %s\n", time.constData(), level, context.category ? context.category : "default",
                     text.constData());
    }
    std::fflush(stderr);
}

#ifdef Q_OS_UNIX
// Self-pipe: the signal handler only writes one byte (async-signal-safe); a QSocketNotifier on the other end quits
// the event loop on the main thread.
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

bool installStopSignals(QObject* context)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return false;
    auto* notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalFds[1], &byte, 1);
        qInfo("stop signal received; shutting down");
        QCoreApplication::quit();
    });
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}
#elif defined(Q_OS_WIN)
BOOL WINAPI onConsoleEvent(DWORD)
{
    QCoreApplication::quit(); // thread-safe: posts the quit to the main thread
    return TRUE;
}

bool installStopSignals(QObject*)
{
    return SetConsoleCtrlHandler(onConsoleEvent, TRUE) != 0;
}
#else
bool installStopSignals(QObject*)
{
    return false;
}
#endif

int fail(const QString& message, int code = 1)
{
    std::fprintf(stderr, "ledgerguard: %s\n", qPrintable(message));
    return code;
}

} // namespace

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("LedgerGuard"));
    QCoreApplication::setOrganizationName(QStringLiteral("LedgerGuard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEDGERGUARD_VERSION));
}

Result<std::unique_ptr<Ledger>> openLedger(const QString& path, bool explicitPath)
{
    const bool isNew = !QFileInfo::exists(path);
    auto ledger = Ledger::open(path);
    if (!ledger)
        return ledger.status();
    if (isNew && !explicitPath) {
        if (Status s = createDemoLedger(**ledger); !s.isOk())
            return s;
    }
    return ledger;
}

bool isHeadlessCommandLine(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0 || std::strcmp(argv[i], "-headless") == 0)
            return true;
    }
    return false;
}

int runHeadless(int argc, char* argv[], QString (*defaultLedgerPath)())
{
#ifdef Q_OS_WIN
    // The executable is a GUI-subsystem program; borrow the console of the shell that started it, if any.
    if (AttachConsole(ATTACH_PARENT_PROCESS)) {
        [[maybe_unused]] FILE* out = std::freopen("CONOUT$", "w", stdout);
        [[maybe_unused]] FILE* err = std::freopen("CONOUT$", "w", stderr);
    }
#endif
    QCoreApplication app(argc, argv);
    setApplicationNames();
    qInstallMessageHandler(stderrMessageHandler);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("LedgerGuard headless mode: the ledger, the scheduler and the REST API without a display."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Run without a window."));
    const QCommandLineOption serve(QStringLiteral("serve"), QStringLiteral("Serve the REST API (docs/API.md)."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port of the REST API; 0 picks a free one (default 8765)."),
                                  QStringLiteral("N"), QStringLiteral("8765"));
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QStringLiteral("Address to listen on (default 127.0.0.1). Another address exposes the API to other "
                       "machines: set a token."),
        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption token(
        QStringLiteral("token"),
        QStringLiteral("Require 'Authorization: Bearer T' on every request (default: the LEDGERGUARD_API_TOKEN "
                       "environment variable, else no token)."),
        QStringLiteral("T"));
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral("Open or create the ledger FILE (default: the demo ledger in the user's data directory)."),
        QStringLiteral("FILE"));
    const QCommandLineOption generatorInterval(
        QStringLiteral("generator-interval"),
        QStringLiteral("Seconds between generator runs; 0 turns the generator off (default %1).")
            .arg(Scheduler::kDefaultGeneratorIntervalS),
        QStringLiteral("S"), QString::number(Scheduler::kDefaultGeneratorIntervalS));
    const QCommandLineOption detectorInterval(
        QStringLiteral("detector-interval"),
        QStringLiteral("Seconds between detection runs; 0 turns them off (default %1).")
            .arg(Scheduler::kDefaultDetectorIntervalS),
        QStringLiteral("S"), QString::number(Scheduler::kDefaultDetectorIntervalS));
    const QCommandLineOption noAccessLog(QStringLiteral("no-access-log"),
                                         QStringLiteral("Do not write the JSON access log line of each request."));
    parser.addOptions({headless, serve, port, bind, token, db, generatorInterval, detectorInterval, noAccessLog});
    parser.process(app);

    bool portOk = false;
    const uint portNumber = parser.value(port).toUInt(&portOk);
    if (!portOk || portNumber > 65535)
        return fail(QStringLiteral("--port must be a number from 0 to 65535"), 2);
    bool intervalsOk = false;
    const int generatorSeconds = parser.value(generatorInterval).toInt(&intervalsOk);
    bool detectorOk = false;
    const int detectorSeconds = parser.value(detectorInterval).toInt(&detectorOk);
    if (!intervalsOk || !detectorOk || generatorSeconds < 0 || detectorSeconds < 0)
        return fail(QStringLiteral("--generator-interval and --detector-interval take seconds (0 = off)"), 2);
    const QHostAddress address(parser.value(bind));
    if (address.isNull())
        return fail(QStringLiteral("--bind must be an IP address such as 127.0.0.1 or ::1"), 2);

    const bool explicitDb = parser.isSet(db);
    const QString path = explicitDb ? parser.value(db) : defaultLedgerPath();
    auto ledger = openLedger(path, explicitDb);
    if (!ledger)
        return fail(ledger.status().toString());

    TransactionGenerator generator(**ledger);
    DetectionPipeline pipeline(**ledger);
    Scheduler scheduler(&generator, &pipeline);
    scheduler.setInterval(Scheduler::Job::Generator, generatorSeconds);
    scheduler.setInterval(Scheduler::Job::Detector, detectorSeconds);
    Services services;
    services.ledger = ledger->get();
    services.generator = &generator;
    services.pipeline = &pipeline;
    services.scheduler = &scheduler;
    RestServer rest(services);
    services.rest = &rest;

    if (!installStopSignals(&app))
        qWarning("cannot install the SIGINT/SIGTERM handlers; stop the process another way");

    if (parser.isSet(serve)) {
        RestServer::Options options;
        options.address = address;
        options.port = quint16(portNumber);
        options.token = parser.isSet(token) ? parser.value(token) : qEnvironmentVariable("LEDGERGUARD_API_TOKEN");
        options.accessLog = !parser.isSet(noAccessLog);
        if (Status s = rest.start(options); !s.isOk())
            return fail(s.message());
        // One stable line for scripts and tests that start the server on port 0.
        std::fprintf(stderr, "ledgerguard: listening on %s (ledger %s)\n", qPrintable(rest.url()), qPrintable(path));
        std::fflush(stderr);
    }

    scheduler.start();
    const int code = app.exec();
    scheduler.stop();
    rest.stop();
    pipeline.waitForFinished();
    std::fprintf(stderr, "ledgerguard: stopped\n");
    return code;
}

} // namespace ledgerguard
