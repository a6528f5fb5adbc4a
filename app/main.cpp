// SPDX-License-Identifier: GPL-3.0-or-later
// LedgerGuard's entry point: parse the command line, open the ledger, build the core objects, then run the GUI,
// the headless server or a one-shot command.
#include "generate/DemoLedger.h"
#include "ledger/Ledger.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

#include <cstdio>

using namespace ledgerguard;

namespace {

QString defaultLedgerPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("ledger.sqlite"));
}

int fail(const QString& message, bool gui)
{
    std::fprintf(stderr, "ledgerguard: %s\n", qPrintable(message));
    if (gui)
        QMessageBox::critical(nullptr, QStringLiteral("LedgerGuard"), message);
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LedgerGuard"));
    QApplication::setOrganizationName(QStringLiteral("LedgerGuard"));
    QApplication::setApplicationVersion(QStringLiteral(LEDGERGUARD_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ledger with Isolation Forest anomaly detection."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral("Open or create the ledger FILE (default: the demo ledger in the user's data directory)."),
        QStringLiteral("FILE"));
    parser.addOption(dbOption);
    parser.process(app);

    const bool explicitDb = parser.isSet(dbOption);
    const QString path = explicitDb ? parser.value(dbOption) : defaultLedgerPath();
    const bool isNew = !QFileInfo::exists(path);
    auto ledger = Ledger::open(path);
    if (!ledger)
        return fail(ledger.status().toString(), true);
    if (isNew && !explicitDb) {
        if (Status s = createDemoLedger(**ledger); !s.isOk())
            return fail(s.toString(), true);
    }

    MainWindow window(**ledger);
    window.show();
    return app.exec();
}
