// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QDate>
#include <QHash>
#include <QStringList>
#include <QStringView>
#include <QTime>
#include <optional>

namespace ledgerguard {

// Amount and date parsing shared by the statement parsers. No double anywhere: amounts go from decimal text to
// integer minor units digit by digit.

// A decimal amount as written, before the currency (and so the number of minor digits) is known.
struct DecimalText
{
    bool negative = false;
    QString integerDigits; // ASCII digits without grouping, no leading sign; at least "0"
    QString fractionDigits; // ASCII digits after the decimal separator; may be empty
    QString currency; // ISO code written in the cell ("EUR", or "€" -> "EUR", "£" -> "GBP", "¥" -> "JPY",
                      // "$" -> "USD"); empty when the cell names none
    bool currencyFromSymbol = false; // currency came from a symbol (ambiguous "$"), not an ISO code
};

// Parses an amount cell: optional sign before or after ('-', U+2212, '+'), parentheses for negative, a "CR"/"DR"
// suffix (DR = negative), currency symbols or ISO codes before or after, group separators (',' '.' '\'' space,
// NBSP, thin and narrow spaces) and one decimal separator as `separator` says (Auto decides for this one value:
// the last of '.'/',' when both occur, a repeated one is grouping, a lone ',' before exactly three digits is
// grouping). Errors: Status::invalidArgument("amount", ...).
Result<DecimalText> parseDecimalText(QStringView text, DecimalSeparator separator);

// Exact conversion to minor units for a currency exponent (0..4): more fraction digits than the exponent are an
// error unless the extra digits are zeros; overflow of qint64 is an error. Errors name the field "amount".
Result<qint64> decimalToMinor(const DecimalText& value, int exponent);

// `value` in minor units for a currency exponent (0..4), rounded half away from zero where it has more fraction digits
// (an app's amount converted at full precision: "-224.50413312"); overflow of qint64 is an error.
Result<qint64> roundedToMinor(DecimalText value, int exponent);

// parseDecimalText + decimalToMinor with Money::decimalsFor(currency); the currency written in the cell (when it is
// an ISO code) wins over `currency`. *usedCurrency receives the currency the amount is in.
Result<qint64> parseAmount(QStringView text, DecimalSeparator separator, const QString& currency,
                           QString* usedCurrency = nullptr);

// Collects the decimal separator evidence of one column (or one file) and decides Point or Comma.
class DecimalEvidence
{
public:
    void add(QStringView text);
    // Comma when commas were seen as decimal separators (or points as grouping) and points were not; Point
    // otherwise (also with no evidence at all), but for a currency without decimals (`currencyDecimals` 0) whose
    // amounts show only single points before three digits ("-185.000" Icelandic krónur): Comma, the points grouping.
    DecimalSeparator decide(int currencyDecimals = 2) const;
    // True when no text added told either separator.
    bool empty() const { return m_point == 0 && m_comma == 0 && m_pointBeforeThree == 0; }
    // True when the only evidence is single points before three digits ("1.000", "-2.000"): grouping of whole
    // amounts in a decimal-comma file as much as three decimals in a decimal-point one.
    bool onlyPointsBeforeThree() const { return m_point == 0 && m_comma == 0 && m_pointBeforeThree > 0; }

private:
    qint64 m_point = 0;
    qint64 m_comma = 0;
    qint64 m_pointBeforeThree = 0; // a single '.' with exactly three digits after it
};

// A date, an optional time of day and an optional UTC offset, as written.
struct DateParts
{
    QDate date;
    std::optional<QTime> time;
    std::optional<int> offsetSeconds;
};

// Parses a date (and optional time of day) in the forms banks write: ISO 8601 ("2024-01-05", "2024-01-05T10:30:00Z",
// "2024-01-05 10:30+01:00"), yyyymmdd, numeric d/m/y m/d/y y/m/d with '/', '.', '-' or QIF's "'" before the year
// and spaces around the parts, 2-digit years (00-79 -> 20xx, 80-99 -> 19xx), month names and abbreviations in
// English, German, French, Dutch, Spanish and Italian ("01-Jan-2024", "5 Januar 2024", "Jan 5, 2024"), each with
// an optional "HH:MM[:SS]" (and AM/PM). `order` decides d/m versus m/d (Auto = day first); `explicitFormat`, when
// given, is a QDateTime format that must match instead. A Buddhist Era year (2400-2700, Thai banks: 2567 is 2024) and
// a Minguo year of three digits before the month (Taiwanese banks: "113/03/02" is 2024-03-02) are turned into the
// Gregorian year. Errors: Status::invalidArgument("date", ...).
Result<DateParts> parseDateParts(QStringView text, DateOrder order, const QString& explicitFormat = {});
// A date written without its year ("03/01", "3.1.", "03 Jan", "'03/01") in a statement that ends on `statementEnd`
// (a date its other lines state: "Periode : 01/01/2025 - 31/01/2025"): the latest year that puts the date no more than
// a month after that end. nullopt for other text or without a valid end.
std::optional<QDate> parseYearlessDate(QStringView text, DateOrder order, QDate statementEnd);
// A time of day alone ("14:05", "14:05:59", "2:05 PM").
std::optional<QTime> parseTimeOfDay(QStringView text);
// UTC milliseconds following the time convention of ImportTypes.h.
qint64 toUtcMs(const DateParts& parts, const QTimeZone& zone);

// Collects d/m versus m/d evidence over the numeric dates of a column or file.
class DateEvidence
{
public:
    void add(QStringView text);
    // DayMonthYear / MonthDayYear by the evidence (majority when it conflicts), YearMonthDay when every numeric date
    // starts with a 4-digit year; when no date decides (every day 12 or less), the reading under which the '/' or
    // '-' dates lie clearly closer to the date before them (closerReading); else `fallback`.
    DateOrder decide(DateOrder fallback = DateOrder::DayMonthYear) const;
    // True when decide() has only the distances to go by (the caller says so to the user).
    bool guessedFromDistances() const;
    // The order the dates whose day is above 12 show (the majority of them), else nullopt.
    std::optional<DateOrder> orderByDays() const;
    // True when decide() returns its fallback for numeric dates: none of them and no distance decides (false without
    // numeric dates, whose order nothing guesses).
    bool undecided() const;

private:
    qint64 m_dayFirst = 0;
    qint64 m_monthFirst = 0;
    qint64 m_numeric = 0;
    qint64 m_yearFirst = 0;
    qint64 m_dayFirstGap = 0; // sum of the days between neighbouring ambiguous dates read d/m
    qint64 m_monthFirstGap = 0; // the same read m/d
    qint64 m_lastDayFirst = 0; // Julian day of the last ambiguous date read d/m, 0 before the first
    qint64 m_lastMonthFirst = 0;
    qint64 m_gaps = 0; // neighbouring pairs summed

    std::optional<DateOrder> closerReading() const;
};

// Stable external ids for rows whose file gives none: a hash of the account, booking time, amount, currency,
// description and counterparty, plus the occurrence number of that same tuple within the file, so two identical
// payments on one day stay two rows and re-importing the same file gives the same ids. Format "lg1:<32 hex digits>".
class DerivedIds
{
public:
    QString next(const ImportedRow& row);

private:
    QHash<quint64, int> m_seen; // occurrences per tuple hash (8 bytes a row, not the row)
};

// Ids for rows whose file gives a payer's reference but no id of its own (Starling's "Reference": the same
// standing order's "RENT" every month): the reference with the row's booking date and amount, "RENT 2026-10-01
// -95000", and " #2", " #3" for the further rows of the file with all three the same (two equal coffees).
class ReferenceIds
{
public:
    QString next(const ImportedRow& row, const QString& reference);

private:
    QHash<size_t, int> m_seen; // occurrences per id hash
};

// The text an import stores for a bank's value (a description, a counterparty): util/Text.h's sanitizedText on one
// line (control characters become spaces; bidirectional controls, lone surrogates, U+FFFD and noncharacters are
// removed; only invisible characters become empty; NFC), runs of spaces collapsed, and cut to at most maxLength
// UTF-16 units without splitting a character. When characters were replaced or removed, a warning
// (line, field) is added to *warnings (capped as addIssue). The row is kept: bank files are imported, not refused,
// for a stray character.
QString importedText(const QString& text, qsizetype maxLength, int line, const QString& field,
                     QList<ImportIssue>* warnings);

// True for a bank's "no reference" placeholder in a reference field: SEPA's NOTPROVIDED, SWIFT's NONREF, and "none",
// "n/a", "null", "-" (case-insensitive, surrounding spaces ignored); and a long number a spreadsheet rounded to its
// scientific notation ("1,82092E+30": Danamon's references after Excel saved the file), which every row of a
// file may share. Such a value is no external id: every transfer without a reference carries the same one.
bool isPlaceholderReference(QStringView text);

// True for an IBAN whose check digits hold (ISO 13616: the number moved to start at its fifth character, letters as
// 10-35, is 1 modulo 97); upper case, no spaces.
bool isValidIban(QStringView text);

// True for a field that is only a statement's balance label, as some banks write their opening, closing or daily
// balances as rows with a date and an amount (Volksbank: "Anfangssaldo", "Endsaldo"; "Closing balance: ..."; Brazilian
// banks' OFX rows "SALDO ANTERIOR", "SALDO DO DIA"), unlike a looser label test never a transaction's text ("Saldo
// Abschluss", "Balance transfer").
bool isBalanceRowLabel(const QString& text);

// True for a cell that holds a digit other than 0: an amount that is there and not zero.
bool hasNonZeroDigit(QStringView text);

// Adds an issue to `list` unless it already holds kMaxImportIssues, and counts it in *count.
void addIssue(QList<ImportIssue>* list, qint64* count, ImportIssue issue);

// The error for a file larger than options.maxBytes, naming the limit.
Status importTooLarge(const ImportOptions& options);

// A statement file of a line-based format (QIF, MT940) decoded (options.encoding, else declared or detected) into
// lines, CR LF and CR read as LF ends, and the ParsedFile to fill: its format, its encoding and the decoding's
// warnings. A file over options.maxBytes, or one that does not decode, is an error.
struct DecodedLines
{
    ParsedFile file;
    QString text; // with LF ends
    QStringList lines;
};
Result<DecodedLines> decodeLines(const QByteArray& data, const ImportOptions& options, ImportFormat format);

// `s` with the five XML entities (&amp; &lt; &gt; &quot; &apos;) and numeric character references decoded; anything
// else stays as written.
QString decodeEntities(QStringView s);

} // namespace ledgerguard
