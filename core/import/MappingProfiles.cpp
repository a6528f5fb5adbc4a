// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/MappingProfiles.h"

#include "import/Csv.h"
#include "import/ImportService.h"

#include <QUrl>
#include <algorithm>

namespace ledgerguard {

namespace {

constexpr std::pair<DateOrder, const char16_t*> kDateOrders[] = {{DateOrder::Auto, u"auto"},
                                                                 {DateOrder::DayMonthYear, u"dmy"},
                                                                 {DateOrder::MonthDayYear, u"mdy"},
                                                                 {DateOrder::YearMonthDay, u"ymd"}};
constexpr std::pair<DecimalSeparator, const char16_t*> kSeparators[]
    = {{DecimalSeparator::Auto, u"auto"}, {DecimalSeparator::Point, u"point"}, {DecimalSeparator::Comma, u"comma"}};

template<typename E, std::size_t N> QString keyOf(const std::pair<E, const char16_t*> (&table)[N], E value)
{
    for (const auto& [e, key] : table)
        if (e == value)
            return QString::fromUtf16(key);
    return QString::fromUtf16(table[0].second);
}

template<typename E, std::size_t N> E valueOf(const std::pair<E, const char16_t*> (&table)[N], const QString& key)
{
    for (const auto& [e, k] : table)
        if (key == QString::fromUtf16(k))
            return e;
    return table[0].first;
}

QString groupOf(const QString& name)
{
    return QString::fromLatin1(kMappingProfilesGroup) + QLatin1Char('/')
        + QString::fromLatin1(QUrl::toPercentEncoding(name.trimmed()));
}

QStringList savedNames(QSettings& settings)
{
    settings.beginGroup(QString::fromLatin1(kMappingProfilesGroup));
    QStringList names;
    for (const QString& g : settings.childGroups())
        names.append(QUrl::fromPercentEncoding(g.toLatin1()));
    settings.endGroup();
    std::sort(names.begin(), names.end(),
              [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return names;
}

Status settingsStatus(const QSettings& settings)
{
    return settings.status() == QSettings::NoError
        ? Status::ok()
        : Status::ioError(QStringLiteral("cannot write the settings file %1").arg(settings.fileName()));
}

} // namespace

bool isBuiltInMappingProfile(const QString& name)
{
    return name.trimmed() == QLatin1String(kLedgerGuardCsvProfile);
}

QStringList mappingProfileNames(QSettings& settings)
{
    QStringList names {QString::fromLatin1(kLedgerGuardCsvProfile)};
    for (const QString& n : savedNames(settings))
        if (!isBuiltInMappingProfile(n))
            names.append(n);
    return names;
}

Result<MappingProfile> loadMappingProfile(QSettings& settings, const QString& name)
{
    MappingProfile p;
    p.name = name.trimmed();
    if (isBuiltInMappingProfile(p.name)) {
        p.mapping = ledgerGuardCsvMapping();
        return p;
    }
    if (!savedNames(settings).contains(p.name))
        return Status::notFound(QStringLiteral("no import profile '%1' (known profiles: %2)")
                                    .arg(p.name, mappingProfileNames(settings).join(QStringLiteral(", "))));
    settings.beginGroup(groupOf(p.name));
    const QString delimiter = settings.value(QStringLiteral("delimiter")).toString();
    p.mapping.delimiter = delimiter.size() == 1 ? delimiter.front() : QChar();
    p.mapping.headerLine = settings.value(QStringLiteral("headerLine"), 0).toInt();
    p.mapping.dateOrder = valueOf(kDateOrders, settings.value(QStringLiteral("dateOrder")).toString());
    p.mapping.dateFormat = settings.value(QStringLiteral("dateFormat")).toString();
    p.mapping.negateAmount = settings.value(QStringLiteral("negateAmount"), false).toBool();
    p.mapping.decimalSeparator = valueOf(kSeparators, settings.value(QStringLiteral("decimalSeparator")).toString());
    p.encoding = settings.value(QStringLiteral("encoding")).toString();
    p.defaultCurrency = settings.value(QStringLiteral("defaultCurrency")).toString();
    settings.beginGroup(QStringLiteral("columns"));
    // Fields in their enum order, so a loaded profile compares equal to the saved one.
    for (int f = int(CsvField::Date); f <= int(CsvField::Currency); ++f) {
        const QString value = settings.value(csvFieldName(CsvField(f))).toString();
        CsvColumn c;
        if (value.startsWith(QLatin1String("index:")))
            c.index = value.mid(6).toInt();
        else if (value.startsWith(QLatin1String("header:")))
            c.header = value.mid(7);
        if (c.isSet())
            p.mapping.columns.append({CsvField(f), c});
    }
    settings.endGroup();
    settings.endGroup();
    return p;
}

Status saveMappingProfile(QSettings& settings, const MappingProfile& profile)
{
    const QString name = profile.name.trimmed();
    if (name.isEmpty())
        return Status::invalidArgument(QStringLiteral("name"), QStringLiteral("a profile needs a name"));
    if (name.size() > kMaxProfileNameLength)
        return Status::invalidArgument(
            QStringLiteral("name"),
            QStringLiteral("a profile name has at most %1 characters").arg(kMaxProfileNameLength));
    if (isBuiltInMappingProfile(name))
        return Status::invalidArgument(QStringLiteral("name"),
                                       QStringLiteral("'%1' is built in and cannot be changed").arg(name));
    const CsvMapping& m = profile.mapping;
    settings.remove(groupOf(name));
    settings.beginGroup(groupOf(name));
    settings.setValue(QStringLiteral("delimiter"), m.delimiter.isNull() ? QString() : QString(m.delimiter));
    settings.setValue(QStringLiteral("headerLine"), m.headerLine);
    settings.setValue(QStringLiteral("dateOrder"), keyOf(kDateOrders, m.dateOrder));
    settings.setValue(QStringLiteral("dateFormat"), m.dateFormat);
    settings.setValue(QStringLiteral("negateAmount"), m.negateAmount);
    settings.setValue(QStringLiteral("decimalSeparator"), keyOf(kSeparators, m.decimalSeparator));
    settings.setValue(QStringLiteral("encoding"), profile.encoding);
    settings.setValue(QStringLiteral("defaultCurrency"), profile.defaultCurrency);
    settings.beginGroup(QStringLiteral("columns"));
    for (const auto& [field, column] : m.columns) {
        if (column.index > 0)
            settings.setValue(csvFieldName(field), QStringLiteral("index:%1").arg(column.index));
        else if (column.isSet())
            settings.setValue(csvFieldName(field), QString(QStringLiteral("header:") + column.header.trimmed()));
    }
    settings.endGroup();
    settings.endGroup();
    settings.sync();
    return settingsStatus(settings);
}

Status removeMappingProfile(QSettings& settings, const QString& name)
{
    if (isBuiltInMappingProfile(name))
        return Status::invalidArgument(QStringLiteral("name"),
                                       QStringLiteral("'%1' is built in and cannot be removed").arg(name.trimmed()));
    if (!savedNames(settings).contains(name.trimmed()))
        return Status::notFound(QStringLiteral("no import profile '%1'").arg(name.trimmed()));
    settings.remove(groupOf(name));
    settings.sync();
    return settingsStatus(settings);
}

CsvMapping overrideMapping(const CsvMapping& mapping, const CsvMapping& overrides)
{
    CsvMapping m = mapping;
    if (!overrides.delimiter.isNull())
        m.delimiter = overrides.delimiter;
    if (overrides.headerLine != 0)
        m.headerLine = overrides.headerLine;
    if (overrides.dateOrder != DateOrder::Auto)
        m.dateOrder = overrides.dateOrder;
    if (!overrides.dateFormat.isEmpty())
        m.dateFormat = overrides.dateFormat;
    if (overrides.decimalSeparator != DecimalSeparator::Auto)
        m.decimalSeparator = overrides.decimalSeparator;
    m.negateAmount = m.negateAmount || overrides.negateAmount;
    for (const auto& [field, column] : overrides.columns) {
        m.columns.removeIf([f = field](const std::pair<CsvField, CsvColumn>& c) { return c.first == f; });
        m.columns.append({field, column});
    }
    return m;
}

} // namespace ledgerguard
