// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/WiseHistory.h"

#include "import/Csv.h"
#include "import/ImportValues.h"
#include "money/Money.h"

#include <algorithm>
#include <utility>

namespace ledgerguard {

namespace {

enum WiseColumn {
    Id,
    StatusCol,
    Direction,
    CreatedOn,
    FinishedOn,
    SourceFee,
    SourceFeeCurrency,
    SourceName,
    SourceAmount,
    SourceCurrency,
    TargetName,
    TargetAmount,
    TargetCurrency,
    Reference,
    Category,
    kColumns
};

// The export's header names, in WiseColumn order: English, then German (its export in German: "Richtung",
// "Ausgangsbetrag (nach Gebühren)").
const std::array<std::array<QStringView, 2>, kColumns> kNames {{
    {u"id", u"id"},
    {u"status", u"status"},
    {u"direction", u"richtung"},
    {u"created on", u"erstellt am"},
    {u"finished on", u"abgeschlossen am"},
    {u"source fee amount", u"betrag der ausgangsgebühr"},
    {u"source fee currency", u"währung der ausgangsgebühr"},
    {u"source name", u"quellenname"},
    {u"source amount (after fees)", u"ausgangsbetrag (nach gebühren)"},
    {u"source currency", u"ausgangswährung"},
    {u"target name", u"name des empfängers"},
    {u"target amount (after fees)", u"zielbetrag (nach gebühren)"},
    {u"target currency", u"zielwährung"},
    {u"reference", u"referenz"},
    {u"category", u"kategorie"},
}};

using Columns = std::array<int, kColumns>;

Columns columnsOf(const QStringList& header)
{
    Columns at;
    at.fill(-1);
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header[i].trimmed().toLower();
        for (int c = 0; c < kColumns; ++c)
            if (at[c] < 0 && (name == kNames[c][0] || name == kNames[c][1]))
                at[c] = i;
    }
    return at;
}

bool hasRequired(const Columns& at)
{
    static constexpr std::array<WiseColumn, 7> required {StatusCol,      Direction,    CreatedOn,     SourceAmount,
                                                         SourceCurrency, TargetAmount, TargetCurrency};
    return std::all_of(required.cbegin(), required.cend(), [&at](WiseColumn c) { return at[c] >= 0; });
}

} // namespace

bool isWiseHistoryHeader(const QStringList& header)
{
    return hasRequired(columnsOf(header));
}

int WiseTable::lineOf(int tableLine) const
{
    return tableLine >= 1 && tableLine <= origins.size() ? origins[tableLine - 1].line : tableLine;
}

ImportIssue WiseTable::mapped(ImportIssue issue) const
{
    if (issue.line < 1 || issue.line > origins.size())
        return issue;
    const Origin& o = origins[issue.line - 1];
    issue.line = o.line;
    if (issue.column > 0) {
        int field = 0;
        while (field + 1 < kFields && o.tableColumns[field + 1] <= issue.column)
            ++field;
        issue.column = o.columns[field];
    }
    return issue;
}

Result<WiseTable> wiseHistoryAsTable(const QString& text, QChar delimiter)
{
    WiseTable out;
    CsvReader reader(text, delimiter);
    CsvRecord rec;
    Columns at;
    at.fill(-1);
    bool haveHeader = false;
    QStringList header;
    // One line of the table: its fields, each with the export's column it was read from.
    const auto addLine = [&out](int line, const std::array<std::pair<QString, int>, WiseTable::kFields>& fields) {
        WiseTable::Origin origin;
        origin.line = line;
        int column = 1;
        for (int k = 0; k < WiseTable::kFields; ++k) {
            if (k > 0) {
                out.csv += QLatin1Char(',');
                ++column;
            }
            // (on one line: a table record's line is its export record's)
            const QString cell = csvQuoted(QString(fields[k].first)
                                               .replace(QStringLiteral("\r\n"), QStringLiteral(" "))
                                               .replace(QLatin1Char('\n'), QLatin1Char(' '))
                                               .replace(QLatin1Char('\r'), QLatin1Char(' ')));
            origin.tableColumns[k] = column;
            origin.columns[k] = fields[k].second;
            out.csv += cell;
            column += int(cell.size());
        }
        out.csv += QLatin1Char('\n');
        out.origins.append(origin);
    };
    CsvReader::Next n;
    while ((n = reader.next(&rec)) == CsvReader::Next::Record) {
        const auto cell
            = [&rec, &at](WiseColumn c) { return at[c] >= 0 ? rec.fields.value(at[c]).trimmed() : QString(); };
        const auto col = [&rec, &at](WiseColumn c) { return at[c] >= 0 ? rec.columns.value(at[c]) : 0; };
        if (!haveHeader) {
            at = columnsOf(rec.fields);
            if (!hasRequired(at))
                continue; // a line above the header
            haveHeader = true;
            header = rec.fields;
            addLine(rec.line,
                    {{{QStringLiteral("Date"), col(CreatedOn)},
                      {QStringLiteral("Currency"), 0},
                      {QStringLiteral("Amount"), 0},
                      {QStringLiteral("Description"), 0},
                      {QStringLiteral("Counterparty"), 0},
                      {QStringLiteral("Category"), col(Category)},
                      {QStringLiteral("ID"), col(Id)}}});
            continue;
        }
        if (std::all_of(rec.fields.cbegin(), rec.fields.cend(), [](const QString& f) { return f.trimmed().isEmpty(); }))
            continue;
        const QString status = cell(StatusCol).toUpper();
        if (status != u"COMPLETED") {
            out.warnings.append(
                {rec.line,
                 col(StatusCol),
                 {},
                 status == u"REFUNDED"
                     ? QStringLiteral("skipped: the row is REFUNDED, returned in full: it moves nothing")
                     : QStringLiteral("skipped: the row is %1, not booked")
                           .arg(status.isEmpty() ? QStringLiteral("without a status") : status)});
            continue;
        }
        const QString direction = cell(Direction).toUpper();
        if (direction != u"IN" && direction != u"OUT" && direction != u"NEUTRAL") {
            out.errors.append({rec.line, col(Direction), QStringLiteral("amount"),
                               QStringLiteral("direction: \"%1\" is not IN, OUT or NEUTRAL").arg(cell(Direction))});
            continue;
        }
        const QString date = cell(CreatedOn).isEmpty() ? cell(FinishedOn) : cell(CreatedOn);
        const int dateCol = cell(CreatedOn).isEmpty() ? col(FinishedOn) : col(CreatedOn);
        const QString id = cell(Id);
        const QString reference = cell(Reference);
        // An amount of the record in minor units of `currency`, or an error naming its column.
        bool failed = false;
        const auto amount = [&](WiseColumn c, const QString& currency) -> qint64 {
            const Result<qint64> a = parseAmount(cell(c), DecimalSeparator::Point, currency);
            if (!a) {
                out.errors.append({rec.line, col(c), QStringLiteral("amount"),
                                   QStringLiteral("%1: %2").arg(header.value(at[c]).trimmed(), a.status().message())});
                failed = true;
                return 0;
            }
            return *a < 0 ? -*a : *a;
        };
        // What left the source balance: the amount after fees, and the fee where it was taken in the same currency.
        const auto sourceMinor = [&]() -> qint64 {
            const QString currency = cell(SourceCurrency);
            qint64 total = amount(SourceAmount, currency);
            const QString feeCurrency = cell(SourceFeeCurrency);
            if (!cell(SourceFee).isEmpty()
                && (feeCurrency.isEmpty() || feeCurrency.compare(currency, Qt::CaseInsensitive) == 0)) {
                const qint64 fee = amount(SourceFee, currency);
                if (!checkedAdd(total, fee, &total)) {
                    out.errors.append({rec.line, col(SourceAmount), QStringLiteral("amount"),
                                       QStringLiteral("the amount is too large")});
                    failed = true;
                }
            } else if (!failed && !cell(SourceFee).isEmpty() && amount(SourceFee, feeCurrency) != 0) {
                out.warnings.append({rec.line,
                                     col(SourceFee),
                                     {},
                                     QStringLiteral("the fee of %1 %2 is in another currency than the amount's (%3): "
                                                    "not booked")
                                         .arg(cell(SourceFee), feeCurrency, currency)});
            }
            return -total;
        };
        const auto money
            = [](qint64 minor, const QString& currency) { return Money(minor, currency).toDecimalString(); };
        using Text = std::pair<QString, int>; // a text and the export's column it was read from
        // A row of the table: the balance of the currency in `currencyCol` moved by `minor`.
        const auto addRow = [&](WiseColumn currencyCol, WiseColumn amountCol, qint64 minor, Text text, Text party,
                                const QString& idSuffix) {
            const QString currency = cell(currencyCol);
            addLine(rec.line,
                    {{{date, dateCol},
                      {currency, col(currencyCol)},
                      {money(minor, currency), col(amountCol)},
                      std::move(text),
                      std::move(party),
                      {cell(Category), col(Category)},
                      {id.isEmpty() ? id : id + idSuffix, col(Id)}}});
        };
        const auto textOf = [&](WiseColumn c) { return Text {cell(c), col(c)}; };
        // The reference describes the row where it is given.
        const auto described = [&](Text fallback) {
            return reference.isEmpty() ? std::move(fallback) : Text {reference, col(Reference)};
        };
        if (direction == u"OUT") {
            const qint64 minor = sourceMinor();
            if (failed)
                continue;
            addRow(SourceCurrency, SourceAmount, minor, described(textOf(TargetName)), textOf(TargetName), {});
        } else if (direction == u"IN") {
            const qint64 minor = amount(TargetAmount, cell(TargetCurrency));
            if (failed)
                continue;
            addRow(TargetCurrency, TargetAmount, minor, described(textOf(SourceName)), textOf(SourceName), {});
        } else {
            const QString from = cell(SourceCurrency), to = cell(TargetCurrency);
            const qint64 outMinor = sourceMinor();
            const qint64 inMinor = amount(TargetAmount, to);
            if (failed)
                continue;
            const bool conversion = from.compare(to, Qt::CaseInsensitive) != 0;
            const QString outText = conversion ? QStringLiteral("Converted to %1 %2").arg(money(inMinor, to), to)
                                               : QStringLiteral("Moved to %1").arg(cell(TargetName)).trimmed();
            const QString inText = conversion ? QStringLiteral("Converted from %1 %2").arg(money(-outMinor, from), from)
                                              : QStringLiteral("Moved from %1").arg(cell(SourceName)).trimmed();
            addRow(SourceCurrency, SourceAmount, outMinor, described({outText, 0}), {}, QStringLiteral(":out"));
            addRow(TargetCurrency, TargetAmount, inMinor, described({inText, 0}), {}, QStringLiteral(":in"));
        }
    }
    if (n == CsvReader::Next::Error)
        return reader.error();
    return out;
}

} // namespace ledgerguard
