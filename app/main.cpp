// SPDX-License-Identifier: GPL-3.0-or-later
// LedgerGuard's entry point: parse the command line, open the ledger, build the core objects, then run the GUI,
// the headless server or a one-shot command.
#include "Commands.h"
#include "Headless.h"
#include "Runtime.h"
#include "Theme.h"
#include "evaluate/Evaluation.h"
#include "ledger/Database.h"
#include "ledger/Ledger.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"
#include "widgets/MainWindow.h"
#include "widgets/OpenLedgerDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QJsonDocument>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>

using namespace ledgerguard;

namespace {

QString defaultLedgerPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    // Owner-only (0700): the books of a company are no business of other local users. A failure shows when the
    // ledger file cannot be created in it.
    Database::makePrivateDirectory(dir);
    return QDir(dir).filePath(QStringLiteral("ledger.sqlite"));
}

int fail(const QString& message, bool gui, int code = 1)
{
    std::fprintf(stderr, "ledgerguard: %s\n", qPrintable(message));
    if (gui)
        QMessageBox::critical(nullptr, QStringLiteral("LedgerGuard"), message);
    return code;
}

// `ledgerguard evaluate [--days N] [--seed S] [--feedback [--missed-report-rate R] [--supervised]] [--json]`: no
// display needed.
int runEvaluate(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Backfills a labelled demo ledger with a fixed seed, runs detection and measures it against the labels."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("evaluate"), QStringLiteral("The command."));
    const QCommandLineOption days(QStringLiteral("days"), QStringLiteral("Days of history (default 90)."),
                                  QStringLiteral("N"), QStringLiteral("90"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed (default 1)."), QStringLiteral("S"),
                                  QStringLiteral("1"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption feedback(
        QStringLiteral("feedback"),
        QStringLiteral("Also replay a simulated analyst who reviews every alert 7 days after booking (confirms the "
                       "injected ones, dismisses the others), and measure again with the detector learning from those "
                       "decisions."));
    const QCommandLineOption missed(QStringLiteral("missed-report-rate"),
                                    QStringLiteral("With --feedback: share of the missed injected anomalies reported "
                                                   "to the analyst anyway (default 0.5)."),
                                    QStringLiteral("R"), QStringLiteral("0.5"));
    const QCommandLineOption supervised(QStringLiteral("supervised"),
                                        QStringLiteral("With --feedback: also fit the supervised model on the "
                                                       "decisions (off by default)."));
    parser.addOptions({days, seed, feedback, missed, supervised, json});
    parser.process(app);
    bool daysOk = false;
    bool seedOk = false;
    const int dayCount = parser.value(days).toInt(&daysOk);
    const quint64 seedValue = parser.value(seed).toULongLong(&seedOk);
    if (!daysOk)
        return fail(QStringLiteral("--days: '%1' is not a whole number of days").arg(parser.value(days)), false, 2);
    if (!seedOk)
        return fail(QStringLiteral("--seed: '%1' is not a non-negative integer").arg(parser.value(seed)), false, 2);
    EvaluationOptions options;
    options.days = dayCount;
    options.seed = seedValue;
    options.feedback = parser.isSet(feedback);
    options.supervised = parser.isSet(supervised);
    bool missedOk = false;
    options.missedReportRate = parser.value(missed).toDouble(&missedOk);
    if (!missedOk)
        return fail(QStringLiteral("--missed-report-rate: '%1' is not a number").arg(parser.value(missed)), false, 2);
    auto report = evaluateDetection(options);
    if (!report)
        return fail(report.status().toString(), false);
    if (parser.isSet(json))
        std::printf("%s\n", QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented).constData());
    else
        std::printf("%s", qPrintable(report->toTable()));
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    // Decided before any QApplication exists: the headless mode runs on QCoreApplication, with no display.
    if (isHeadlessCommandLine(argc, argv))
        return runHeadless(argc, argv, &defaultLedgerPath);

    if (argc > 1 && std::strcmp(argv[1], "evaluate") == 0)
        return runEvaluate(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "import") == 0)
        return runImportCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "export") == 0)
        return runExportCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "backup") == 0)
        return runBackupCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "restore") == 0)
        return runRestoreCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "check") == 0)
        return runCheckCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "detect") == 0)
        return runDetectCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "label") == 0)
        return runLabelCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "rules") == 0)
        return runRulesCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "report") == 0)
        return runReportCommand(argc, argv, &defaultLedgerPath);
    if (argc > 1 && std::strcmp(argv[1], "migrate") == 0)
        return runMigrateCommand(argc, argv);

    // --help and --version print and exit: they must work without a display (scripts, package tests).
    for (int i = 1; i < argc; ++i) {
        const bool infoOnly = std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0
            || std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0;
        if (infoOnly && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    setApplicationNames();
    // Desktop integration of the installed package (packaging/): the Wayland app id names the .desktop file, and
    // the window icon comes from the icon theme (hicolor) where the package put it; the exe and bundle carry theirs.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.ledgerguard.LedgerGuard"));
    if (const QIcon icon = QIcon::fromTheme(QStringLiteral("io.github.ledgerguard.LedgerGuard")); !icon.isNull())
        QApplication::setWindowIcon(icon);

    CommandLine commandLine(CommandLine::Mode::Desktop);
    commandLine.process(app);
    theme::apply(app); // resources/style/ledgerguard.qss with colours for the system palette
    auto config = commandLine.config(&defaultLedgerPath);
    if (!config)
        return fail(config.status().message(), true, 2);
    config->askPassword = [](const QString& url) { return askLedgerPassword(nullptr, url); };
    auto opened = Runtime::open(*config, Runtime::Intervals::Settings);
    if (!opened)
        return fail(opened.status().toString(), true);
    std::unique_ptr<Runtime> runtime = std::move(*opened);
    runtime->startScheduling();

    // The REST server listens only when started (the settings dialog; docs/API.md).
    const auto services = [](Runtime& r) { return Services {&r.ledger(), &r.pipeline(), &r.scheduler(), &r.rest()}; };
    std::unique_ptr<MainWindow> window = std::make_unique<MainWindow>(services(*runtime));
    if (!config->screenshotsDir.isEmpty()) {
        // Show the ledger as detection leaves it: wait for the first run, then render and exit.
        runtime->pipeline().waitForFinished();
        QCoreApplication::processEvents();
        window->resize(1400, 900);
        window->show();
        QCoreApplication::processEvents();
        const QStringList files = window->saveScreenshots(config->screenshotsDir);
        for (const QString& f : files)
            std::printf("%s\n", qPrintable(f));
        runtime->stop();
        return files.isEmpty() ? 1 : 0;
    }
    // File > Open ledger…: the other ledger is opened first; only when it opens do its runtime and a window on it
    // replace the current ones (after the menu's event has returned), else the current window stays and says why.
    std::function<void()> connectOpen = [&] {
        QObject::connect(window.get(), &MainWindow::openLedgerRequested, &app, [&](const QString& location) {
            RuntimeConfig next = *config;
            next.ledgerPath = location;
            next.explicitLedger = true; // a new file stays empty
            auto other = Runtime::open(next, Runtime::Intervals::Settings);
            if (!other) {
                QMessageBox::critical(window.get(), QStringLiteral("LedgerGuard"),
                                      QObject::tr("Could not open the ledger.\n\n%1").arg(other.status().message()));
                return;
            }
            auto replacement = std::make_shared<std::unique_ptr<Runtime>>(std::move(*other));
            QTimer::singleShot(0, &app, [&, replacement] {
                const QByteArray geometry = window->saveGeometry();
                app.setQuitOnLastWindowClosed(false); // the window is replaced, not closed
                runtime->stop();
                window.reset();
                runtime = std::move(*replacement);
                runtime->startScheduling();
                window = std::make_unique<MainWindow>(services(*runtime));
                window->restoreGeometry(geometry);
                connectOpen();
                window->show();
                app.setQuitOnLastWindowClosed(true);
            });
        });
    };
    connectOpen();
    window->show();
    const int rc = app.exec();
    runtime->stop();
    window.reset();
    return rc;
}
