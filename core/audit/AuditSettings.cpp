// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/AuditSettings.h"

#include "ledger/Ledger.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <cmath>

namespace ledgerguard {

namespace {

struct TestInfo
{
    const char* key;
    const char* name;
    double weight;
};

// Weights: a test that points at money leaving twice or around a control weighs most; population tests (Benford,
// period ends) and habits that are often legitimate (round sums, weekend or late postings) weigh little.
constexpr TestInfo kTests[] = {
    {"benford_first", "Benford's law, first digit", 0.1},
    {"benford_first_two", "Benford's law, first two digits", 0.15},
    {"duplicate_payment", "Duplicate payment", 0.6},
    {"near_duplicate", "Near-duplicate payment", 0.35},
    {"round_amount", "Round amount", 0.1},
    {"just_below_limit", "Just below the approval limit", 0.3},
    {"split_payment", "Split payment", 0.6},
    {"weekend", "Weekend posting", 0.15},
    {"holiday", "Public holiday posting", 0.15},
    {"off_hours", "Posting outside business hours", 0.1},
    {"period_end_month", "Month-end concentration", 0.1},
    {"period_end_quarter", "Quarter-end concentration", 0.15},
};

struct PresetInfo
{
    const char* key;
    const char* label;
    int daysAfterEaster;
};

constexpr PresetInfo kPresets[] = {
    {"easter_sunday", "Easter Sunday", 0}, {"good_friday", "Good Friday", -2}, {"easter_monday", "Easter Monday", 1},
    {"ascension", "Ascension Day", 39},    {"whit_monday", "Whit Monday", 50}, {"corpus_christi", "Corpus Christi", 60},
};

QString hhmm(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

// "HH:MM" -> minutes after midnight (0..1440, "24:00" allowed); -1 when malformed.
int parseHhmm(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,2}):([0-9]{2})$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return -1;
    const int h = m.captured(1).toInt();
    const int min = m.captured(2).toInt();
    if (min > 59 || h > 24 || (h == 24 && min != 0))
        return -1;
    return h * 60 + min;
}

// A fixed holiday: "MM-DD" (every year) or "YYYY-MM-DD" (once). Returns the month and day, and the year (0: every
// year); false when malformed or not a date (29 February is accepted every year and skipped in common years).
bool parseFixedHoliday(const QString& text, int* year, int* month, int* day)
{
    static const QRegularExpression re(QStringLiteral("^(?:([0-9]{4})-)?([0-9]{2})-([0-9]{2})$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return false;
    *year = m.captured(1).isEmpty() ? 0 : m.captured(1).toInt();
    *month = m.captured(2).toInt();
    *day = m.captured(3).toInt();
    return QDate(*year ? *year : 2000, *month, *day).isValid();
}

Status checkInteger(const QJsonValue& v, const QString& field, qint64 lo, qint64 hi, qint64* out)
{
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::isnan(d) || d != std::floor(d) || d < double(lo) || d > double(hi))
        return Status::invalidArgument(field, QStringLiteral("must be a whole number from %1 to %2").arg(lo).arg(hi));
    *out = qint64(d);
    return Status::ok();
}

Status checkNumber(const QJsonValue& v, const QString& field, double lo, double hi, bool openLo, bool openHi,
                   double* out)
{
    const double d = v.toDouble(std::nan(""));
    const bool below = openLo ? d <= lo : d < lo;
    const bool above = openHi ? d >= hi : d > hi;
    if (!v.isDouble() || std::isnan(d) || below || above)
        return Status::invalidArgument(field,
                                       QStringLiteral("must be a number %1 %2 and %3 %4")
                                           .arg(openLo ? QStringLiteral("above") : QStringLiteral("from"))
                                           .arg(lo)
                                           .arg(openHi ? QStringLiteral("below") : QStringLiteral("up to"))
                                           .arg(hi));
    *out = d;
    return Status::ok();
}

} // namespace

const QStringList& auditTestKeys()
{
    static const QStringList keys = [] {
        QStringList k;
        for (const auto& t : kTests)
            k << QLatin1String(t.key);
        return k;
    }();
    return keys;
}

QString auditTestName(const QString& key)
{
    for (const auto& t : kTests)
        if (key == QLatin1String(t.key))
            return QLatin1String(t.name);
    return {};
}

QMap<QString, double> AuditSettings::defaultWeights()
{
    QMap<QString, double> w;
    for (const auto& t : kTests)
        w.insert(QLatin1String(t.key), t.weight);
    return w;
}

AuditSettings AuditSettings::defaults()
{
    AuditSettings s;
    s.weights = defaultWeights();
    return s;
}

QStringList holidayPresetKeys()
{
    QStringList k;
    for (const auto& p : kPresets)
        k << QLatin1String(p.key);
    return k;
}

QString holidayPresetLabel(const QString& key)
{
    for (const auto& p : kPresets)
        if (key == QLatin1String(p.key))
            return QLatin1String(p.label);
    return {};
}

QDate easterSunday(int year)
{
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = ((h + l - 7 * m + 114) % 31) + 1;
    return QDate(year, month, day);
}

QDate holidayPresetDate(const QString& key, int year)
{
    for (const auto& p : kPresets)
        if (key == QLatin1String(p.key))
            return easterSunday(year).addDays(p.daysAfterEaster);
    return {};
}

QHash<QDate, QString> AuditSettings::holidaysIn(int year) const
{
    QHash<QDate, QString> days;
    for (const QString& text : fixedHolidays) {
        int y = 0, m = 0, d = 0;
        if (!parseFixedHoliday(text, &y, &m, &d) || (y != 0 && y != year))
            continue;
        const QDate date(year, m, d);
        if (date.isValid())
            days.insert(date, QStringLiteral("a public holiday"));
    }
    for (const QString& key : holidayPresets) {
        const QDate date = holidayPresetDate(key, year);
        if (date.isValid())
            days.insert(date, holidayPresetLabel(key));
    }
    return days;
}

QJsonObject AuditSettings::toJson() const
{
    QJsonObject w;
    for (auto it = weights.cbegin(); it != weights.cend(); ++it)
        w.insert(it.key(), it.value());
    QJsonArray weekend;
    for (int d : weekendDays)
        weekend.append(d);
    return QJsonObject {
        {QStringLiteral("weights"), w},
        {QStringLiteral("duplicateWindowDays"), duplicateWindowDays},
        {QStringLiteral("nearDuplicateSimilarity"), nearDuplicateSimilarity},
        {QStringLiteral("roundUnit"), double(roundUnit)},
        {QStringLiteral("approvalLimit"), double(approvalLimit)},
        {QStringLiteral("justBelowPercent"), justBelowPercent},
        {QStringLiteral("splitCount"), splitCount},
        {QStringLiteral("splitWindowDays"), splitWindowDays},
        {QStringLiteral("businessHours"),
         QJsonObject {{QStringLiteral("start"), hhmm(businessStartMinute)},
                      {QStringLiteral("end"), hhmm(businessEndMinute)}}},
        {QStringLiteral("weekendDays"), weekend},
        {QStringLiteral("fixedHolidays"), QJsonArray::fromStringList(fixedHolidays)},
        {QStringLiteral("holidayPresets"), QJsonArray::fromStringList(holidayPresets)},
        {QStringLiteral("periodEndDays"), periodEndDays},
    };
}

Result<AuditSettings> AuditSettings::fromJson(const QJsonObject& json)
{
    AuditSettings s = defaults();
    static const QStringList known {
        QStringLiteral("weights"),
        QStringLiteral("duplicateWindowDays"),
        QStringLiteral("nearDuplicateSimilarity"),
        QStringLiteral("roundUnit"),
        QStringLiteral("approvalLimit"),
        QStringLiteral("justBelowPercent"),
        QStringLiteral("splitCount"),
        QStringLiteral("splitWindowDays"),
        QStringLiteral("businessHours"),
        QStringLiteral("weekendDays"),
        QStringLiteral("fixedHolidays"),
        QStringLiteral("holidayPresets"),
        QStringLiteral("periodEndDays"),
    };
    for (auto it = json.begin(); it != json.end(); ++it)
        if (!known.contains(it.key()))
            return Status::invalidArgument(it.key(), QStringLiteral("is not an audit setting"));

    if (json.contains(QLatin1String("weights"))) {
        const QJsonValue wv = json.value(QLatin1String("weights"));
        if (!wv.isObject())
            return Status::invalidArgument(QStringLiteral("weights"),
                                           QStringLiteral("must be an object of test weights"));
        const QJsonObject w = wv.toObject();
        for (auto it = w.begin(); it != w.end(); ++it) {
            const QString field = QStringLiteral("weights.") + it.key();
            if (!auditTestKeys().contains(it.key()))
                return Status::invalidArgument(field, QStringLiteral("is not an audit test"));
            double v = 0;
            if (Status st = checkNumber(it.value(), field, 0, 1, false, false, &v); !st.isOk())
                return st;
            s.weights[it.key()] = v;
        }
    }
    auto integer = [&](const char* name, qint64 lo, qint64 hi, auto* out) -> Status {
        const QString key = QLatin1String(name);
        if (!json.contains(key))
            return Status::ok();
        qint64 v = 0;
        if (Status st = checkInteger(json.value(key), key, lo, hi, &v); !st.isOk())
            return st;
        *out = std::remove_pointer_t<decltype(out)>(v);
        return Status::ok();
    };
    auto number = [&](const char* name, double lo, double hi, bool openLo, bool openHi, double* out) -> Status {
        const QString key = QLatin1String(name);
        if (!json.contains(key))
            return Status::ok();
        return checkNumber(json.value(key), key, lo, hi, openLo, openHi, out);
    };
    for (Status st :
         {integer("duplicateWindowDays", 1, 365, &s.duplicateWindowDays),
          number("nearDuplicateSimilarity", 0.5, 1, false, false, &s.nearDuplicateSimilarity),
          integer("roundUnit", 1, 1'000'000'000, &s.roundUnit),
          integer("approvalLimit", 1, 1'000'000'000, &s.approvalLimit),
          number("justBelowPercent", 0, 100, true, true, &s.justBelowPercent),
          integer("splitCount", 2, 100, &s.splitCount), integer("splitWindowDays", 1, 365, &s.splitWindowDays),
          integer("periodEndDays", 1, 10, &s.periodEndDays)})
        if (!st.isOk())
            return st;

    if (json.contains(QLatin1String("businessHours"))) {
        const QJsonValue hv = json.value(QLatin1String("businessHours"));
        if (!hv.isObject())
            return Status::invalidArgument(QStringLiteral("businessHours"),
                                           QStringLiteral("must be an object with start and end (\"HH:MM\")"));
        const QJsonObject h = hv.toObject();
        for (auto it = h.begin(); it != h.end(); ++it)
            if (it.key() != QLatin1String("start") && it.key() != QLatin1String("end"))
                return Status::invalidArgument(QStringLiteral("businessHours.") + it.key(),
                                               QStringLiteral("is not an audit setting"));
        for (const char* part : {"start", "end"}) {
            const QString key = QLatin1String(part);
            if (!h.contains(key))
                continue;
            const int minute = parseHhmm(h.value(key).toString());
            if (!h.value(key).isString() || minute < 0)
                return Status::invalidArgument(QStringLiteral("businessHours.") + key,
                                               QStringLiteral("must be a time of day \"HH:MM\" from 00:00 to 24:00"));
            (key == QLatin1String("start") ? s.businessStartMinute : s.businessEndMinute) = minute;
        }
        if (s.businessStartMinute >= s.businessEndMinute)
            return Status::invalidArgument(QStringLiteral("businessHours.end"),
                                           QStringLiteral("must be after businessHours.start"));
    }
    if (json.contains(QLatin1String("weekendDays"))) {
        const QJsonValue v = json.value(QLatin1String("weekendDays"));
        if (!v.isArray())
            return Status::invalidArgument(QStringLiteral("weekendDays"),
                                           QStringLiteral("must be a list of days 1 (Monday) to 7 (Sunday)"));
        s.weekendDays.clear();
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            qint64 d = 0;
            if (Status st = checkInteger(a.at(i), QStringLiteral("weekendDays[%1]").arg(i), 1, 7, &d); !st.isOk())
                return st;
            if (!s.weekendDays.contains(int(d)))
                s.weekendDays << int(d);
        }
        if (s.weekendDays.size() == 7)
            return Status::invalidArgument(QStringLiteral("weekendDays"),
                                           QStringLiteral("must leave at least one business day"));
        std::sort(s.weekendDays.begin(), s.weekendDays.end());
    }
    auto stringList = [&](const char* name, QStringList* out, auto check, const QString& expected) -> Status {
        const QString key = QLatin1String(name);
        if (!json.contains(key))
            return Status::ok();
        const QJsonValue v = json.value(key);
        if (!v.isArray())
            return Status::invalidArgument(key, QStringLiteral("must be a list, each item %1").arg(expected));
        out->clear();
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString text = a.at(i).toString();
            if (!a.at(i).isString() || !check(text))
                return Status::invalidArgument(QStringLiteral("%1[%2]").arg(key).arg(i),
                                               QStringLiteral("must be %1").arg(expected));
            if (!out->contains(text))
                *out << text;
        }
        return Status::ok();
    };
    if (Status st = stringList(
            "fixedHolidays", &s.fixedHolidays,
            [](const QString& t) {
                int y = 0, m = 0, d = 0;
                return parseFixedHoliday(t, &y, &m, &d);
            },
            QStringLiteral("a date \"MM-DD\" (every year) or \"YYYY-MM-DD\" (once)"));
        !st.isOk())
        return st;
    if (Status st = stringList(
            "holidayPresets", &s.holidayPresets, [](const QString& t) { return holidayPresetKeys().contains(t); },
            QStringLiteral("one of %1").arg(holidayPresetKeys().join(QStringLiteral(", "))));
        !st.isOk())
        return st;
    return s;
}

Status AuditSettings::validate() const
{
    auto r = fromJson(toJson());
    return r ? Status::ok() : r.status();
}

Result<AuditSettings> loadAuditSettings(const Ledger& ledger)
{
    auto text = ledger.meta(kAuditSettingsKey);
    if (!text)
        return text.status();
    if (text->isEmpty())
        return AuditSettings::defaults();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text->toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Status::corruption(QStringLiteral("stored audit settings (meta \"%1\") are not a JSON object: %2")
                                      .arg(kAuditSettingsKey, error.errorString()));
    auto settings = AuditSettings::fromJson(doc.object());
    if (!settings)
        return Status::corruption(QStringLiteral("stored audit settings (meta \"%1\"): %2: %3")
                                      .arg(kAuditSettingsKey, settings.status().field(), settings.status().message()));
    return settings;
}

Status saveAuditSettings(Ledger& ledger, const AuditSettings& settings)
{
    if (Status st = settings.validate(); !st.isOk())
        return st;
    return ledger.setMeta(kAuditSettingsKey,
                          QString::fromUtf8(QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact)));
}

QTimeZone auditTimeZone(const Ledger& ledger)
{
    return ledger.timeZone();
}

} // namespace ledgerguard
