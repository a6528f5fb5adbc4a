// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "import/TextDecoding.h"
#include "util/Status.h"

#include <QDate>
#include <QIODevice>
#include <QStringList>
#include <functional>
#include <optional>

namespace ledgerguard {

// Bank CSV exports (RFC 4180 plus the quirks banks add), streamed: the file is read in chunks and rows are handed
// to a callback, so a file of a million rows never sits in memory whole.

// One record: its fields and the 1-based physical line and column where each field starts.
struct CsvRecord
{
    int line = 0;
    QStringList fields;
    QList<int> columns;
};

// A pull reader of RFC 4180 records: fields separated by `delimiter`, quoted fields with doubled quotes, delimiters
// and line breaks inside quotes, records ended by CRLF, LF or CR. Blank lines are skipped. Text after a closing
// quote up to the next delimiter is kept (a lenient reading of `"a"b`). A quote that is still open at the end of
// the input, or a record longer than kMaxRecordChars, is a fatal error naming the line and column of the opening
// quote / the record start.
class CsvReader
{
public:
    static constexpr qsizetype kMaxRecordChars = 1 << 20;

    // Reads from `device` (not owned) through `decoder` (not owned), from the device's current position.
    CsvReader(QIODevice* device, TextDecoder* decoder, QChar delimiter);
    // Reads already decoded text.
    CsvReader(QString text, QChar delimiter);

    enum class Next { Record, End, Error };
    Next next(CsvRecord* record);
    // The fatal error after next() returned Error.
    const Status& error() const { return m_error; }

private:
    bool fill(qsizetype need);
    QChar take();
    // The number of characters from the current position, within the buffer, before the next quote, CR or LF (and,
    // when `unquoted`, the delimiter): text that goes into the field as it is.
    qsizetype plainRun(bool unquoted) const;

    QIODevice* m_device = nullptr;
    TextDecoder* m_decoder = nullptr;
    QChar m_delimiter;
    QString m_buf;
    qsizetype m_pos = 0;
    bool m_eof = false;
    int m_line = 1;
    int m_column = 1;
    Status m_error;
};

// `field` as one RFC 4180 field: in double quotes, its own quotes doubled.
QString csvQuoted(QString field);

// Guesses the delimiter (',', ';', '\t', '|') of decoded text: the one that splits the most lines of the sample
// into the same number (> 1) of fields; ',' when none does.
QChar detectCsvDelimiter(const QString& sample);

// What the CSV reader decided (or was told): useful to show in an import preview and to save as a profile.
struct CsvLayout
{
    QString encoding;
    QChar delimiter;
    int headerLine = 0; // -1 when the file has no header row
    QStringList headers; // the header row's cells
    QList<std::pair<CsvField, int>> columns; // resolved 0-based column of each mapped field
    DateOrder dateOrder = DateOrder::DayMonthYear;
    DecimalSeparator decimalSeparator = DecimalSeparator::Point; // of the amount / debit / credit columns
    QString preambleAccount; // account number / IBAN found in the lines above the header, if any
    QString preambleCurrency; // the currency a line above the header names beside the account, if any
    QDate statementEnd; // the latest date the lines above the header state (the statement's period), if any
};

// A balance the file states on a line of its own rather than in a column: above the header ("Neuer
// Kontostand";"2.345,67 EUR"), below the rows ("Kontostand;31.01.2024;;;2.626,55;EUR") or as a dated row of the
// table (Volksbank's "Anfangssaldo" and "Endsaldo").
struct CsvStatedBalance
{
    qint64 minor = 0;
    int line = 0;
};

// The balances a file of several accounts' sections states for one of them (its rows' accountRef).
struct CsvSectionBalances
{
    QString accountRef;
    std::optional<CsvStatedBalance> opening;
    std::optional<CsvStatedBalance> closing;
};

struct CsvSummary
{
    CsvLayout layout;
    // The balance before the file's rows ("Alter Kontostand", "Opening balance", "Anfangssaldo", "Solde initial")
    // and after them ("Neuer Kontostand", "Kontostand vom ...", "Closing balance", "Endsaldo", "Solde final"): the
    // first line of each kind whose value reads as an amount. Not read from a file whose amounts are read with their
    // signs turned (a card's or a general ledger's export, where a balance may be what is owed).
    std::optional<CsvStatedBalance> statedOpening;
    std::optional<CsvStatedBalance> statedClosing;
    // A file of several accounts' sections (comdirect's, each under its title "Umsätze Girokonto" and with a header of
    // its own): each section's balances, statedOpening and statedClosing being empty.
    QList<CsvSectionBalances> sectionBalances;
    qint64 rowCount = 0; // rows handed to the callback
    QList<ImportIssue> rowErrors;
    QList<ImportIssue> warnings;
    qint64 rowErrorCount = 0;
    qint64 warningCount = 0;
};

// Called once per good row, in file order; return false to stop reading (the summary covers the rows so far).
using CsvRowHandler = std::function<bool(const ImportedRow&)>;

// Reads a CSV statement from `device` (opened for reading; seekable for the whole-column decisions below).
//
// Steps: choose the encoding (TextDecoding.h: override, BOM, else valid UTF-8 over the whole file, else
// Windows-1252); detect the delimiter and the header row from the first 64 KiB (the header is the first record
// naming at least a date and an amount / debit / credit column by one of the known names, so preamble lines with
// account number and period above it are skipped; lines above it that read "<account label>;<value>", or a cell
// holding an IBAN, give preambleAccount); map the columns (options.csv.columns override by index or header name, the
// rest by the known header names in English, German, French, Dutch, Spanish and Italian); decide the date order and the
// decimal separator from the whole column (one streamed pass) unless options.csv says; then parse every row (second
// streamed pass).
//
// Row values: the amount column (with an indicator column, its magnitude signed by the indicator: S/Soll, D, DR,
// Debit, Lastschrift are money out; H/Haben, C, CR, Credit, Gutschrift money in; an empty indicator keeps the
// amount's own sign; any other value is a row error), else credit minus the magnitude of debit (a debit written as a
// positive or a negative number is money out; an empty cell counts as zero, both empty is a row error); the currency
// column, else an ISO code written in the amount cell, else options.defaultCurrency, else a row error ("currency"); the
// id column, else a DerivedIds id; the account column, else preambleAccount (a bare "IBAN" column is not taken as the
// account when preambleAccount is known: it is the other party's); the counterparty column, or, when the header
// has both a payer column (Auftraggeber, Zahlungspflichtige*r, Payer, ...) and a payee column (Empfänger,
// Zahlungsempfänger*in, Payee, Beneficiary, ...) and no counterparty column was given, the payee of money out and
// the payer of money in. Bad dates and amounts are row errors
// (line, column, field) and reading goes on; a record with another number of fields than the header whose date
// does not parse (a trailer such as "Closing balance;...") is skipped with a warning, and so is a record with an
// empty date cell and a cell naming a balance ("Anfangssaldo", "Endsaldo", "Closing balance"); the balances such
// lines state are the summary's statedOpening and statedClosing.
// An indicator column is mapped from its header ("Soll/Haben", "S/H", "Debit/Credit Indicator", "CR/DR", "Type",
// ...) or, without one, from an empty header right after the amount column, and kept only when every dated row's
// cell in it is an indicator value (so a "Type" column holding "Card payment" stays unmapped).
//
// Fatal errors (Result error): an unsupported encoding, no header row and no explicit columns, no date or no
// amount column, an unterminated quote (line and column), a file over options.maxBytes, a read error.
Result<CsvSummary> readCsv(QIODevice* device, const ImportOptions& options, const CsvRowHandler& onRow);

// readCsv with the rows grouped into one statement per account (order of first appearance), each statement's
// currency set when all its rows share one.
Result<ParsedFile> readCsvStatements(QIODevice* device, const ImportOptions& options);
// readCsv over bytes in memory, with the rows grouped into one statement per account (order of first appearance).
Result<ParsedFile> parseCsv(const QByteArray& data, const ImportOptions& options);

// The mapping of the CSV files writeTransactionsCsv writes ("LedgerGuard CSV"): timestamp, amount, currency,
// description, counterparty, category, externalId as the id and accountName as the account, so an export imports
// back (with createAccounts, into accounts of the same names) as the same rows. readCsv takes it by itself for a
// file whose header begins with the export's columns and whose columns options.csv does not map.
CsvMapping ledgerGuardCsvMapping();

// The field a header cell names, by the built-in list of header names (case-, accent-spacing- and
// punctuation-insensitive; "Betrag (EUR)" names Amount).
std::optional<CsvField> csvFieldForHeader(const QString& header);

} // namespace ledgerguard
