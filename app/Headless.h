// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QString>
#include <memory>

namespace ledgerguard {

class Ledger;

// Shared by the desktop, headless and evaluate modes.
// The application and organization names and the version (QSettings and the data directory are named after them).
void setApplicationNames();
// Opens (creating if needed) the ledger at `path`; a new file gets the demo data unless it was named on the
// command line (`explicitPath`).
Result<std::unique_ptr<Ledger>> openLedger(const QString& path, bool explicitPath);

// True when the command line asks for the headless mode (--headless): decided before any QApplication exists,
// so the headless mode never needs a display.
bool isHeadlessCommandLine(int argc, char* argv[]);

// `ledgerguard --headless [--serve] [--port N] [--bind ADDR] [--token T] [--db FILE]`: runs the ledger, the
// detection pipeline, the scheduler and (with --serve) the REST API under a QCoreApplication, logs to stderr and
// stops cleanly on SIGINT/SIGTERM (Ctrl+C / console close on Windows). Returns the process exit code: 0 after a
// clean stop, 1 when the ledger cannot be opened or the server cannot listen, 2 for a bad command line.
// `defaultLedgerPath` gives the ledger file when --db is not given (a new one gets the demo data).
int runHeadless(int argc, char* argv[], QString (*defaultLedgerPath)());

} // namespace ledgerguard
