// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace ledgerguard {

// The one-shot subcommands of `ledgerguard` (no display needed). Each parses its own arguments (argv[1] is the
// subcommand), prints to stdout (one JSON object with --json), errors to stderr, and returns the process exit code:
// 0 done, 1 the command failed (nothing written), 2 bad arguments. `defaultLedgerPath` gives the ledger file when
// --db is not given.

// `ledgerguard import FILE [--db LEDGER] [--format csv|ofx|qif|camt|mt940] [--account NAME_OR_ID] [--create-accounts]
//  [--currency EUR] [--account-type checking] [--map FIELD=COLUMN,...] [--date-format FMT] [--encoding NAME]
//  [--dry-run] [--skip-errors] [--allow-probable-duplicates] [--no-detect] [--ledgerguard-csv] [--json]`
// (--ledgerguard-csv: the file is an `ledgerguard export`; ledgerGuardCsvMapping) and `ledgerguard import --undo BATCH
// [--db LEDGER] [--json]`. After an import that wrote rows, a detection run scores the stale accounts unless
// --no-detect (its counts go to stderr with --json, so stdout holds exactly ImportSummary::toJson). Exit 0 also when
// every row was a duplicate; 1 when a row error (without --skip-errors) or a fatal error left the ledger unchanged.
int runImportCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard export --out FILE.csv [--db LEDGER] [--what transactions|anomalies] [--account ID] [--from ISO]
// [--to ISO] [--risk LEVEL]`: the matching transactions (writeTransactionsCsv; --from/--to on their time) or
// anomalies (writeAnomaliesCsv; --from/--to on the detection time) as CSV; --from inclusive, --to exclusive, ISO
// 8601 dates or times (UTC unless they name an offset).
int runExportCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard detect [--db LEDGER] [--all] [--json]`: one detection run over the stale accounts (all with --all);
// prints the accounts run, the transactions scored, how many of their stored scores changed and the count per risk
// (JSON: accounts, rowsScored, transactionsScored = the scores written, anomalies, high, medium, low).
int runDetectCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard label FILE.csv [--db LEDGER] [--json]`: analyst decisions in bulk (importLabelFile: columns
// transactionId or externalId [+ accountId | accountName], label fraud|normal, decidedAt, decidedBy (default: the OS
// user), note), all or nothing. Prints the counts (JSON: labelled, created, updated, errors [{line, column,
// message}]). Exit 0 written, 1 row errors or a ledger error (nothing written), 2 bad arguments or unreadable FILE.
int runLabelCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard backup [--db LEDGER] [--out FILE]`: a consistent copy of the ledger (VACUUM INTO, also while
// LedgerGuard runs) into its backups directory, keeping the newest backup::kDefaultKeep, or to FILE (which must not
// exist). Prints the backup's path. Exit 1 when the ledger does not exist or cannot be read.
int runBackupCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard restore FILE [--db LEDGER]`: backup::restore (checks the backup, refuses while the ledger is open,
// keeps the replaced ledger as a backup). Prints what it restored and where the replaced ledger went.
int runRestoreCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard check [--db LEDGER] [--json]`: backup::checkLedger, read-only. Exit 0 when every check passes; 1 with
// the first problem printed (--json: {ledger, ok, accounts, transactions, problems: [{kind, message, accountId,
// differenceMinor}]}, differenceMinor a decimal string of minor units) or when the ledger does not exist.
int runCheckCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard report --from DATE --to DATE --out FILE.pdf [--db LEDGER] [--account NAME_OR_ID ...] [--title TEXT]
// [--max-cases N]`: the findings report (writeReport) of the days from..to (UTC, both inclusive) for the named accounts
// (default all); prints the page count. Runs on a QGuiApplication, on the offscreen platform when there is no display.
int runReportCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard rules list|add FILE.json|remove ID|preview FILE.json [--db LEDGER] [--limit N] [--json]`: the ledger's
// rules (docs/DETECTION.md "Rules"). list: id, version, enabled, effect, cases and name of each rule; add: validates
// and saves the rule in FILE (a new rule, or the next version of the stored rule its "id" names); remove: deletes a
// rule; preview: how many and which (the first N, newest first) transactions the rule in FILE would flag. Changes are
// audited with the OS user. Exit 1 for a rule the ledger refuses (the message names the JSON path, e.g.
// "condition.any[2].pattern: invalid regular expression: ..."), 2 for bad arguments or a FILE that is not JSON.
int runRulesCommand(int argc, char* argv[], QString (*defaultLedgerPath)());

// `ledgerguard migrate --from LEDGER --to LEDGER [--json]`: copies a whole ledger (migrateLedger) between a file and a
// postgresql:// URL, either way (or file to file, database to database). --from must exist; --to must be a file that
// does not exist yet or an empty PostgreSQL database. Prints the tables and rows copied and what was verified (JSON:
// MigrationReport::toJson). Exit 1 when the copy or its verification fails (a new --to file is removed), 2 for bad
// arguments.
int runMigrateCommand(int argc, char* argv[]);

} // namespace ledgerguard
