// SPDX-License-Identifier: GPL-3.0-or-later
#include "Headless.h"

#include "Runtime.h"
#include "schedule/Scheduler.h"

#include <QCoreApplication>
#include <QDateTime>
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

    CommandLine commandLine(CommandLine::Mode::Headless);
    commandLine.process(app);
    const auto config = commandLine.config(defaultLedgerPath);
    if (!config)
        return fail(config.status().message(), 2);
    auto runtime = Runtime::open(*config, Runtime::Intervals::Defaults);
    if (!runtime)
        return fail(runtime.status().toString());
    RestServer& rest = (*runtime)->rest();

    if (!installStopSignals(&app))
        qWarning("cannot install the SIGINT/SIGTERM handlers; stop the process another way");

    if (config->serve) {
        if (Status s = rest.start(config->rest); !s.isOk())
            return fail(s.message());
        // One stable line for scripts and tests that start the server on port 0.
        const QStringList urls = rest.reachableUrls();
        const QString reachable = urls.size() == 1 && urls.constFirst() == rest.url()
            ? QString()
            : QStringLiteral(" (reachable as %1)").arg(urls.join(QStringLiteral(", ")));
        std::fprintf(stderr, "ledgerguard: listening on %s%s (ledger %s)\n", qPrintable(rest.url()),
                     qPrintable(reachable), qPrintable(config->ledgerPath));
        std::fflush(stderr);
    }

    (*runtime)->startScheduling();
    const int code = app.exec();
    (*runtime)->stop();
    std::fprintf(stderr, "ledgerguard: stopped\n");
    return code;
}

} // namespace ledgerguard
