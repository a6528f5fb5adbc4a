// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace ledgerguard {

// True when the command line asks for the headless mode (--headless): decided before any QApplication exists,
// so the headless mode never needs a display.
bool isHeadlessCommandLine(int argc, char* argv[]);

// `ledgerguard --headless [--serve] [--port N] [--bind ADDR] [--token T] [--db FILE] ...` (the options:
// CommandLine in Runtime.h): runs the ledger, the
// detection pipeline, the scheduler and (with --serve) the REST API under a QCoreApplication, logs to stderr and
// stops cleanly on SIGINT/SIGTERM (Ctrl+C / console close on Windows). Returns the process exit code: 0 after a
// clean stop, 1 when the ledger cannot be opened or the server cannot listen, 2 for a bad command line.
// `defaultLedgerPath` gives the ledger file when --db is not given (a new one gets the demo data).
int runHeadless(int argc, char* argv[], QString (*defaultLedgerPath)());

} // namespace ledgerguard
