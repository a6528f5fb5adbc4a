// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "ledger/Ledger.h"
#include "util/Status.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace ledgerguard {

// The import service: parses a statement file (Importer.h), maps its statements onto ledger accounts and writes
// the rows as one import batch (Ledger::importBatch). It sits above core/ledger; the parsers below it do not.

// What the command line's `ledgerguard import` options set.
struct ImportServiceOptions
{
    ImportOptions parse; // format, encoding, default currency, CSV mapping and date format
    // The account every statement goes to: a numeric account id or an exact account name. Empty: each statement's
    // account is the one named exactly like its accountRef or accountName.
    QString account;
    // Create a missing account (named after `account`, else accountName, else accountRef); not in a dry run, nor
    // when the file's parse errors refuse it.
    bool createAccounts = false;
    QString newAccountCurrency; // currency of a created account; empty: the statement's, else EUR
    // The type of a created account; nullopt: the kind the statement states (statementAccountType), else checking.
    std::optional<AccountType> newAccountType;
    bool dryRun = false; // report exact counts, write nothing (and create no account)
    bool skipErrors = false; // import the good rows of a file with row errors (else import nothing)
    bool allowProbableDuplicates = false;
};

// One account's part of an import.
struct ImportAccountSummary
{
    qint64 accountId = 0; // 0 for an account a dry run (or a refused file) would create
    QString accountName;
    qint64 imported = 0; // rows of the account's statements that were (or, in a dry run, would be) imported
    std::optional<qint64> statedClosingBalanceMinor; // the statement's closing balance, when it states one
    qint64 closingBalanceMinor = 0; // the account's balance after the import (in a dry run: as it would be)
};

// A row of the file the import did not simply import, for a preview to mark: a row error (left out), an exact
// duplicate (skipped) or a probable duplicate (skipped, or imported with allowProbableDuplicates; the message says
// which).
struct ImportRowMark
{
    enum class Kind { Error, Duplicate, ProbableDuplicate };
    int line = 0; // 1-based line where the row starts (0 = not known)
    Kind kind = Kind::Error;
    QString message;
};

// The outcome of one import. `errors` are row errors (each left out of the import); with any error and without
// skipErrors nothing is imported (refused) and batchId is empty. warnings include statements whose stated balances
// do not add up (opening + rows != closing).
struct ImportSummary
{
    QString batchId; // the recorded import batch (also when every row was a duplicate); empty for a dry run,
                     // a refused file or a file without rows
    QString format;
    QString encoding;
    qint64 rows = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 probableDuplicates = 0;
    qint64 skipped = 0;
    bool refused = false; // row errors and no skipErrors: nothing imported
    QList<ImportAccountSummary> accounts;
    QList<ImportIssue> errors;
    QList<ImportIssue> warnings;
    QList<qint64> writtenAccountIds; // accounts that got transactions (empty for a dry run)
    // Errors, duplicates and probable duplicates by line, at most kMaxImportIssues (errors first), also in a dry
    // run and a refused file.
    QList<ImportRowMark> marks;

    // {"batchId","format","encoding","rows","imported","duplicates","probableDuplicates","skipped",
    //  "accounts":[{"accountId","accountName","imported","statedClosingBalanceMinor","closingBalanceMinor"}],
    //  "errors":[{"line","column","message"}],"warnings":[{"line","column","message"}]}; batchId is null when
    // empty, statedClosingBalanceMinor null when the statement states none.
    QJsonObject toJson() const;
};

// The summary of an import that failed as a whole (importStatementFile/importStatementData returned `status`):
// nothing imported, `status` as the one entry of "errors" (its line and column when the message begins with
// "line N[, column M]: "), plus "error" (the status as text) and "code" (Status::codeName) as the REST API's error
// answers have, and "fields" for an InvalidArgument naming a field. `format` as requested (empty: detected).
QJsonObject refusedImportJson(const Status& status, const QString& format);

// Adds mapping columns from "FIELD=COLUMN,..." (FIELD a csvFieldName, COLUMN a 1-based index or a header name).
// Errors: InvalidArgument("map") naming the bad part.
Status applyColumnMap(const QString& spec, CsvMapping* mapping);

// Sets mapping->headerLine from "N" (the 1-based line of the header row) or "none" (the file has no header row: map
// its columns by number). Errors: InvalidArgument("headerLine").
Status applyHeaderLine(const QString& spec, CsvMapping* mapping);

// The type of account a statement says it is for: credit_card for an OFX credit-card statement (CCSTMTRS), a QIF
// CCard section or a camt CARD account; savings for OFX SAVINGS/MONEYMRKT or camt SVGS/MOMA; else checking (current
// accounts, and files that state no kind). A camt CASH account is a current account for cash payments.
AccountType statementAccountType(const ImportedStatement& statement);

// The account `ref` names: by numeric id, else by exact name; nullopt when there is none (or `ref` is blank).
std::optional<Account> findAccount(const QList<Account>& accounts, const QString& ref);

// A file the parsers refuse (malformed, truncated, an encoding Qt has no converter for) fails as
// InvalidArgument("file") or InvalidArgument("encoding"): the caller's input, not the ledger's failure.
// Parses the file at `path` and imports it: a CSV file is streamed (rows go from readCsv to the ledger's import
// session in chunks, so memory does not grow with the file's rows), other formats are parsed whole first. One
// import is one SQL transaction: accounts created for it, its rows and its batch record all commit together, or
// nothing does (a dry run, a refused file, an error). Rows whose file names no currency get
// options.parse.defaultCurrency, else the currency of the account `options.account` names, else newAccountCurrency.
// Errors: the parser's fatal error (nothing imported), InvalidArgument
// ("account") when a statement has no account and createAccounts is off, the ledger's write errors.
Result<ImportSummary> importStatementFile(Ledger& ledger, const QString& path, const ImportServiceOptions& options);
// The same for a file's bytes in memory (`fileName`, may be empty, is recorded in the batch and helps format
// detection).
Result<ImportSummary> importStatementData(Ledger& ledger, const QByteArray& data, const QString& fileName,
                                          const ImportServiceOptions& options);
// The same for a parsed file (`fileName` is recorded in the batch).
Result<ImportSummary> importParsedFile(Ledger& ledger, const ParsedFile& file, const QString& fileName,
                                       const ImportServiceOptions& options);

} // namespace ledgerguard
