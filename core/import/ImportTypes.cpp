// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportTypes.h"

#include <array>

namespace ledgerguard {

namespace {
constexpr std::array<std::pair<CsvField, const char16_t*>, 13> kFieldNames = {{
    {CsvField::Date, u"date"},
    {CsvField::Time, u"time"},
    {CsvField::ValueDate, u"valueDate"},
    {CsvField::Amount, u"amount"},
    {CsvField::Debit, u"debit"},
    {CsvField::Credit, u"credit"},
    {CsvField::Description, u"description"},
    {CsvField::Counterparty, u"counterparty"},
    {CsvField::Category, u"category"},
    {CsvField::Id, u"id"},
    {CsvField::Account, u"account"},
    {CsvField::Currency, u"currency"},
    {CsvField::Indicator, u"indicator"},
}};
} // namespace

QString importFormatName(ImportFormat format)
{
    switch (format) {
    case ImportFormat::Auto:
        return QStringLiteral("auto");
    case ImportFormat::Csv:
        return QStringLiteral("csv");
    case ImportFormat::Ofx:
        return QStringLiteral("ofx");
    case ImportFormat::Camt:
        return QStringLiteral("camt");
    case ImportFormat::Qif:
        return QStringLiteral("qif");
    case ImportFormat::Mt940:
        return QStringLiteral("mt940");
    }
    return {};
}

QString ImportIssue::toString() const
{
    QString where;
    if (line > 0)
        where = column > 0 ? QStringLiteral("line %1, column %2: ").arg(line).arg(column)
                           : QStringLiteral("line %1: ").arg(line);
    // (Not "account: account 1234 created ...": a message that begins with its field's word names it already.)
    const bool named = field.isEmpty() || message.startsWith(field + QLatin1Char(' '));
    return where + (named ? QString() : field + QStringLiteral(": ")) + message;
}

qint64 ParsedFile::rowCount() const
{
    qint64 n = 0;
    for (const ImportedStatement& s : statements)
        n += s.rows.size();
    return n;
}

QString csvFieldName(CsvField field)
{
    for (const auto& [f, name] : kFieldNames)
        if (f == field)
            return QString::fromUtf16(name);
    return {};
}

std::optional<CsvField> csvFieldFromName(const QString& name)
{
    for (const auto& [f, n] : kFieldNames)
        if (name.compare(QString::fromUtf16(n), Qt::CaseInsensitive) == 0)
            return f;
    return std::nullopt;
}

} // namespace ledgerguard
