// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QTimeZone>
#include <optional>

namespace ledgerguard {

// The values every statement parser (CSV, OFX, camt, QIF) produces. They are plain copyable values with no link to
// the ledger: the import integration maps them onto accounts and transactions. Amounts are integer minor units of
// the row's currency (Money::decimalsFor), timestamps are UTC milliseconds since the epoch.
//
// Time convention of every parser: a date without a time of day (most bank files) becomes 12:00 UTC of that day,
// so that it shows on the same calendar day in every time zone from UTC-11 to UTC+11; a time of day is the bank's
// wall clock in ImportOptions::timeZone (UTC unless the caller sets another), and an offset written after it (CSV's
// and camt's "+01:00", OFX's "[-5:EST]") is not applied, so that a booking keeps the bank's day: "2025-03-03T00:30
// +01:00" is booked on 3 March. OFX and camt times of 00:00:00 (how many banks write a date alone) are dates without
// a time.

// Files larger than this are refused before any parsing (Status::invalidArgument("file")).
inline constexpr qint64 kMaxImportBytes = 512LL * 1024 * 1024;
// At most this many row errors and this many warnings are kept in a ParsedFile / CsvSummary; the totals are still
// counted (rowErrorCount, warningCount), and a final warning says how many were left out.
inline constexpr int kMaxImportIssues = 1000;

enum class ImportFormat { Auto, Csv, Ofx, Camt, Qif, Mt940 };

// "csv", "ofx", "camt", "qif", "mt940" ("auto" for Auto).
QString importFormatName(ImportFormat format);

// A problem in one place of the file. line and column are 1-based physical positions in the decoded text
// (0 = not known / the whole file). field names the value that is wrong ("date", "amount", "currency", ...)
// and is empty for warnings about the file as a whole.
struct ImportIssue
{
    int line = 0;
    int column = 0;
    QString field;
    QString message;

    // "line 12, column 3: amount: ..." for logs, dialogs and tests.
    QString toString() const;
};

// One booked transaction as the bank wrote it.
struct ImportedRow
{
    int line = 0; // 1-based physical line where the row (CSV record, STMTTRN, Ntry, QIF item) starts
    qint64 bookedAtMs = 0; // booking / posting date (UTC ms, see the time convention above)
    std::optional<qint64> valueDateMs; // value date when the file states one
    qint64 amountMinor = 0; // signed: negative = money out of the account
    QString currency; // ISO 4217 code of amountMinor
    QString description; // memo / remittance information / Verwendungszweck
    QString counterparty; // payee / the other party
    QString category; // QIF L, CSV category column; empty when the format has none
    QString externalId; // FITID, AcctSvcrRef, EndToEndId, id column, or a derived id (below)
    bool externalIdDerived = false; // true when externalId is derivedExternalId(), not the bank's own id
    QString accountRef; // IBAN / ACCTID / account column value / QIF account name; may be empty
    std::optional<qint64> balanceAfterMinor; // the balance the file states after this row (CSV balance column)
    // CSV: the currency most of the file's rows are in, where this row's differs and the file is one account's without
    // a balance column (a card's purchase abroad in its own currency): the row goes to an account of its own, named
    // with its currency after the name of its account (accountRef's); empty for every other row.
    QString mainCurrency;
};

// One account's statement (one STMTRS, one camt Stmt/Rpt/Ntfctn, one QIF account section, or all CSV rows with
// the same account column value).
struct ImportedStatement
{
    QString accountRef; // IBAN, ACCTID, account column value or QIF account name; empty when the file names none
    QString accountName; // camt Acct/Nm or Ownr/Nm, QIF N of !Account; may be empty
    // OFX ACCTTYPE (CHECKING, SAVINGS, CREDITLINE, ...) or "CREDITCARD", QIF type ("Bank", "CCard"), camt Acct/Tp/Cd
    // (CACC, SVGS, CARD, ...); empty when the file states none.
    QString accountType;
    QString bankId; // OFX BANKID, camt Svcr BIC; may be empty
    QString statementId; // camt Stmt/Id; may be empty
    QString currency; // statement currency (OFX CURDEF, camt Acct/Ccy); may be empty for CSV/QIF
    std::optional<qint64> openingBalanceMinor; // camt OPBD/PRCD
    std::optional<qint64> closingBalanceMinor; // camt CLBD, OFX LEDGERBAL BALAMT
    std::optional<qint64> closingBalanceAtMs; // date of the closing balance (camt Dt, OFX DTASOF)
    QList<ImportedRow> rows; // in file order
};

// The result of parsing one file. Row errors are rows that were left out (bad date, bad amount); warnings are
// things that were skipped or guessed (pending entries, investment sections, invalid bytes replaced by U+FFFD).
struct ParsedFile
{
    QString format; // importFormatName(): "csv", "ofx", "camt", "qif", "mt940"
    QString encoding; // canonical name of the text encoding used: "UTF-8", "UTF-16LE", "Windows-1252", ...
    QList<ImportedStatement> statements;
    QList<ImportIssue> rowErrors;
    QList<ImportIssue> warnings;
    qint64 rowErrorCount = 0; // all row errors, including those beyond kMaxImportIssues
    qint64 warningCount = 0;

    qint64 rowCount() const;
};

// Day/month order of numeric dates such as 03/04/2024. Auto decides from the whole column (CSV) or file (QIF):
// a first number above 12 means DayMonthYear, a second number above 12 means MonthDayYear; "d.m.y" with dots is
// DayMonthYear; with no evidence, DayMonthYear.
enum class DateOrder { Auto, DayMonthYear, MonthDayYear, YearMonthDay };

// Decimal separator of amounts. Auto decides per column (CSV) or file (QIF) from the sample: the separator that
// comes last in "1.234,56" / "1,234.56", a separator followed by one or two digits, a repeated one is grouping.
enum class DecimalSeparator { Auto, Point, Comma };

enum class CsvField {
    Date, // booking date (with or without a time of day)
    Time, // a separate time-of-day column
    ValueDate, // value date (Valuta); also the booking date when there is no date column
    Amount, // signed amount
    Debit, // money out (a positive or negative number, both mean out)
    Credit, // money in
    Description, // memo / purpose
    Counterparty,
    Category,
    Id, // bank reference / transaction id (becomes externalId)
    Account, // account number / IBAN of a multi-account export
    Currency, // ISO code per row
    Indicator, // debit/credit indicator beside an unsigned amount: S/H (Soll/Haben), D/C, DR/CR, Debit/Credit, ...
};
// "date", "time", "valueDate", "amount", "debit", "credit", "description", "counterparty", "category", "id",
// "account", "currency", "indicator": the names used in ImportIssue::field, in --map and in saved profiles.
QString csvFieldName(CsvField field);
std::optional<CsvField> csvFieldFromName(const QString& name);

// Where a field is: a 1-based column index, or a header name (matched case-insensitively after trimming).
// index wins when both are set.
struct CsvColumn
{
    int index = 0;
    QString header;
    bool isSet() const { return index > 0 || !header.trimmed().isEmpty(); }
    bool operator==(const CsvColumn&) const = default;
};

// The column mapping and layout of a CSV file. Every member left at its default is detected; a value set here
// overrides detection. A plain value (fields are named by csvFieldName), so it can be stored as a named bank
// profile.
struct CsvMapping
{
    QChar delimiter; // ',', ';', '\t' or '|'; null = detect
    int headerLine = 0; // 1-based physical line of the header row; 0 = detect; -1 = the file has no header
    QList<std::pair<CsvField, CsvColumn>> columns; // explicit columns; fields not listed are mapped from the header
    DateOrder dateOrder = DateOrder::Auto;
    QString dateFormat; // explicit QDate/QDateTime format ("dd.MM.yyyy"), overrides dateOrder
    DecimalSeparator decimalSeparator = DecimalSeparator::Auto;
    // The amount column counts money out as positive (American Express, some card exports): its values are negated
    // (`--map amount=-COLUMN`). Debit and credit columns are not affected.
    bool negateAmount = false;

    bool operator==(const CsvMapping&) const = default;
};

// Options shared by all parsers.
struct ImportOptions
{
    ImportFormat format = ImportFormat::Auto; // Auto = detectFormat()
    QString encoding; // explicit encoding name ("windows-1252"); empty = declared/detected
    QString defaultCurrency; // ISO code for rows whose file names no currency (CSV without currency column, QIF)
    QTimeZone timeZone = QTimeZone::utc(); // for times of day without an offset
    DateOrder dateOrder = DateOrder::Auto; // QIF (CSV takes CsvMapping::dateOrder)
    DecimalSeparator decimalSeparator = DecimalSeparator::Auto; // QIF (CSV takes CsvMapping)
    bool includePending = false; // camt: import PDNG entries instead of skipping them with a warning
    // The rows go to a credit card account (chosen, or to be created as one): a CSV balance column is what is owed,
    // which rises with the card's debits.
    bool cardAccount = false;
    // The caller chose the account every row goes to: a CSV file of several accounts told apart by their currency
    // or by headings above their rows is read as it is, and said to be so, instead of into an account each.
    bool accountChosen = false;
    CsvMapping csv;
    qint64 maxBytes = kMaxImportBytes;
};

} // namespace ledgerguard
