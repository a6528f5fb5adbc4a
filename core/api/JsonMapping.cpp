// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/JsonMapping.h"

#include "api/JsonWriter_p.h"
#include "money/Money.h"
#include "util/Json.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <charconv>
#include <cmath>
#include <cstring>

namespace ledgerguard::api {

namespace {

bool isPlainDecimal(const QString& s)
{
    // [+-]?digits(.digits)? : no exponent, no group separators, no spaces.
    qsizetype i = 0;
    if (i < s.size() && (s.at(i) == QLatin1Char('-') || s.at(i) == QLatin1Char('+')))
        ++i;
    qsizetype digits = 0;
    while (i < s.size() && s.at(i).isDigit() && s.at(i).unicode() < 128) {
        ++i;
        ++digits;
    }
    if (digits == 0)
        return false;
    if (i == s.size())
        return true;
    if (s.at(i) != QLatin1Char('.'))
        return false;
    ++i;
    qsizetype fraction = 0;
    while (i < s.size() && s.at(i).isDigit() && s.at(i).unicode() < 128) {
        ++i;
        ++fraction;
    }
    return fraction > 0 && i == s.size();
}

Status withField(const Status& s, const QString& field)
{
    if (s.isInvalidArgument() && s.field() != field)
        return Status::invalidArgument(field, s.message());
    return s;
}

} // namespace

double majorUnits(qint64 minor, const QString& currency)
{
    const QByteArray text = Money(minor, currency).toDecimalString().toLatin1();
    double value = 0;
    std::from_chars(text.constData(), text.constData() + text.size(), value);
    return value;
}

static int formatIsoUtc(qint64 ms, char* buf)
{
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse): exact, no time zone database,
    // and much cheaper than QDateTime::toString on the list routes' hot path.
    qint64 days = ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
    qint64 msOfDay = ms - days * kDayMs;
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999)
        return 0;
    const auto put = [&buf](int at, qint64 value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            buf[at + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    buf[4] = '-';
    put(5, month, 2);
    buf[7] = '-';
    put(8, day, 2);
    buf[10] = 'T';
    put(11, msOfDay / 3600000, 2);
    buf[13] = ':';
    put(14, msOfDay / 60000 % 60, 2);
    buf[16] = ':';
    put(17, msOfDay / 1000 % 60, 2);
    buf[19] = '.';
    put(20, msOfDay % 1000, 3);
    buf[23] = 'Z';
    return 24;
}

QString isoUtc(qint64 ms)
{
    char buf[24];
    if (formatIsoUtc(ms, buf) == 0)
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    return QString::fromLatin1(buf, 24);
}

Result<qint64> parseTimestamp(const QString& text, const QString& field)
{
    QString s = text.trimmed();
    // A zone's '+' sent unencoded in a query string arrives as a space: "2026-01-31T09:30:00 02:00".
    static const QRegularExpression spacedZone(QStringLiteral(R"(^(\d{4}-\d\d-\d\dT[\d:.]+) (\d\d(:?\d\d)?)$)"));
    if (const QRegularExpressionMatch m = spacedZone.match(s); m.hasMatch())
        s = m.captured(1) + QLatin1Char('+') + m.captured(2);
    if (s.isEmpty())
        return Status::invalidArgument(field, QStringLiteral("must be an ISO 8601 time or milliseconds since 1970"));
    // Digits of a second beyond the millisecond are cut, not rounded (Qt rounds them: 23:59:59.9996 on 31 January
    // became 1 February, outside a January filter).
    static const QRegularExpression longFraction(QStringLiteral(R"((T\d\d:\d\d:\d\d[.,]\d{3})\d+)"));
    s.replace(longFraction, QStringLiteral("\\1"));
    bool isNumber = false;
    const qint64 ms = s.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(s, Qt::ISODate);
    if (!dt.isValid() || !s.contains(QLatin1Char('T')))
        return Status::invalidArgument(
            field,
            QStringLiteral("'%1' is not an ISO 8601 time (e.g. 2026-01-31T09:30:00Z) or milliseconds since 1970")
                .arg(s.left(64)));
    if (dt.timeSpec() == Qt::LocalTime) // no zone given: UTC, never the server's local time
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

Result<qint64> parseTimestamp(const QJsonValue& value, const QString& field)
{
    if (value.isString())
        return parseTimestamp(value.toString(), field);
    if (value.isDouble()) {
        const double d = value.toDouble();
        const qint64 ms = value.toInteger();
        if (double(ms) == d)
            return ms;
    }
    return Status::invalidArgument(field, QStringLiteral("must be an ISO 8601 time string or integer milliseconds"));
}

Result<qint64> parseMajorAmount(const QString& text, const QString& currency, const QString& field)
{
    if (!isPlainDecimal(text))
        return Status::invalidArgument(field,
                                       QStringLiteral("'%1' is not a decimal amount like 1234.56").arg(text.left(64)));
    auto money = Money::parse(text, currency, QLocale::c());
    if (!money)
        return withField(money.status(), field);
    return money->minorUnits();
}

Result<qint64> parseMajorAmount(const QJsonValue& value, const QString& currency, const QString& field)
{
    if (value.isString())
        return parseMajorAmount(value.toString(), currency, field);
    if (!value.isDouble())
        return Status::invalidArgument(field, QStringLiteral("must be a number or a decimal string"));
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::fabs(d) > 1e15)
        return Status::invalidArgument(field, QStringLiteral("is too large"));
    // The shortest decimal text that reads back as the same double: what the client most likely wrote.
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed);
    if (r.ec != std::errc())
        return Status::invalidArgument(field, QStringLiteral("is not a valid amount"));
    return parseMajorAmount(QString::fromLatin1(buffer, r.ptr - buffer), currency, field);
}

Result<qint64> parseMinorAmount(const QJsonValue& value, const QString& field)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        const qint64 n = value.toInteger();
        if (double(n) == d && std::fabs(d) < 9.0e15)
            return n;
    }
    return Status::invalidArgument(field, QStringLiteral("must be an integer count of minor units"));
}

Result<qint64> parseInteger(const QString& text, const QString& field)
{
    const qsizetype start = text.startsWith(QLatin1Char('-')) ? 1 : 0;
    bool ok = text.size() > start && text.size() - start <= 18;
    for (qsizetype i = start; ok && i < text.size(); ++i)
        ok = text.at(i) >= QLatin1Char('0') && text.at(i) <= QLatin1Char('9');
    if (!ok) {
        QString shown = text.left(64);
        for (QChar& c : shown) {
            if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
                c = QChar(0xFFFD);
        }
        return Status::invalidArgument(field,
                                       QStringLiteral("'%1' is not an integer (plain digits expected)").arg(shown));
    }
    return text.toLongLong();
}

JsonTextScan scanJsonText(const QByteArray& json)
{
    JsonTextScan scan;
    struct Level
    {
        bool object = false;
        bool expectKey = false;
        QSet<QString> keys;
    };
    QList<Level> stack;
    QString pendingKey; // the top-level key whose value comes next
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = json.at(i);
        if (c == '{' || c == '[') {
            stack.append(Level {c == '{', c == '{', {}});
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.removeLast();
        } else if (c == ',') {
            if (!stack.isEmpty() && stack.last().object)
                stack.last().expectKey = true;
        } else if (c == '"') {
            const qsizetype begin = i;
            bool escaped = false;
            for (++i; i < n; ++i) {
                if (json.at(i) == '\\')
                    escaped = true, ++i;
                else if (json.at(i) == '"')
                    break;
            }
            if (stack.isEmpty() || !stack.last().object || !stack.last().expectKey)
                continue;
            const QByteArray raw = json.mid(begin, i - begin + 1);
            const QString key = escaped ? QJsonDocument::fromJson("[" + raw + "]").array().at(0).toString()
                                        : QString::fromUtf8(raw.mid(1, raw.size() - 2));
            Level& level = stack.last();
            level.expectKey = false;
            if (level.keys.contains(key)) {
                if (scan.duplicateKey.isNull())
                    scan.duplicateKey = key;
            } else {
                level.keys.insert(key);
            }
            if (stack.size() == 1)
                pendingKey = key;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const qsizetype begin = i;
            while (i + 1 < n && json.at(i + 1) != '\0' && std::strchr("0123456789+-.eE", json.at(i + 1)) != nullptr)
                ++i;
            if (stack.size() == 1 && stack.last().object && !pendingKey.isNull())
                scan.topLevelNumbers.insert(pendingKey, json.mid(begin, i - begin + 1));
        }
    }
    return scan;
}

void JsonWriter::number(double value)
{
    if (!std::isfinite(value)) {
        null();
        return;
    }
    separate();
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    put(buf, r.ptr - buf);
}

void JsonWriter::decimal(qint64 minor, int decimals)
{
    separate();
    // The exact decimal of Money::toDecimalString(), without trailing fraction zeros.
    quint64 magnitude = minor < 0 ? quint64(0) - quint64(minor) : quint64(minor);
    quint64 scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    const quint64 integer = magnitude / scale;
    quint64 fraction = magnitude % scale;
    char buf[48];
    char* p = buf;
    if (minor < 0)
        *p++ = '-';
    p = std::to_chars(p, buf + sizeof buf, integer).ptr;
    if (fraction != 0) {
        int digits = decimals;
        while (fraction % 10 == 0) {
            fraction /= 10;
            --digits;
        }
        *p++ = '.';
        char* end = p + digits;
        for (char* q = end - 1; q >= p; --q, fraction /= 10)
            *q = char('0' + fraction % 10);
        p = end;
    }
    put(buf, p - buf);
}

void JsonWriter::timestamp(qint64 ms)
{
    char buf[26];
    if (formatIsoUtc(ms, buf + 1) == 0) {
        string(isoUtc(ms));
        return;
    }
    separate();
    buf[0] = '"';
    buf[25] = '"';
    put(buf, 26);
}

void JsonWriter::appendEscaped(const QString& value)
{
    appendJsonString(m_out, value);
}

namespace {

void money(JsonWriter& w, const char* major, const char* minor, qint64 value, int decimals)
{
    w.key(major);
    w.decimal(value, decimals);
    w.key(minor);
    w.integer(value);
}

void optionalTime(JsonWriter& w, const char* name, std::optional<qint64> ms)
{
    w.key(name);
    if (ms)
        w.timestamp(*ms);
    else
        w.null();
}

// A text member that is null when empty.
void optionalText(JsonWriter& w, const char* name, const QString& text)
{
    w.key(name);
    if (text.isEmpty())
        w.null();
    else
        w.string(text);
}

} // namespace

void writeFields(JsonWriter& w, const Account& a)
{
    w.key("accountId");
    w.integer(a.id);
    w.key("accountName");
    w.string(a.name);
    w.key("accountType");
    w.string(accountTypeKey(a.type));
    w.key("currency");
    w.string(a.currency);
    money(w, "currentBalance", "currentBalanceMinor", a.balance, Money::decimalsFor(a.currency));
    w.key("isStale");
    w.boolean(a.isStale);
    w.key("lastUpdated");
    w.timestamp(a.updatedAt);
    w.key("health");
    w.string(healthKey(a.health));
    w.key("transactionCount");
    w.integer(a.transactionCount);
    optionalTime(w, "lastActivity", a.lastActivity);
    w.key("openAnomalies");
    w.beginObject();
    w.key("HIGH");
    w.integer(a.openHigh);
    w.key("MEDIUM");
    w.integer(a.openMedium);
    w.key("LOW");
    w.integer(a.openLow);
    w.endObject();
    w.key("closed");
    w.boolean(a.closedAt.has_value());
    optionalTime(w, "closedAt", a.closedAt);
}

void writeFields(JsonWriter& w, const Transaction& t)
{
    w.key("transactionId");
    w.string(t.id);
    w.key("accountId");
    w.integer(t.accountId);
    const int decimals = Money::decimalsFor(t.currency);
    money(w, "amount", "amountMinor", t.amount, decimals);
    w.key("currency");
    w.string(t.currency);
    w.key("description");
    w.string(t.description);
    w.key("category");
    w.string(categoryKey(t.category));
    w.key("counterparty");
    w.string(t.counterparty);
    w.key("timestamp");
    w.timestamp(t.timestamp);
    money(w, "runningBalance", "runningBalanceMinor", t.runningBalance, decimals);
    w.key("source");
    w.string(sourceKey(t.source));
    optionalText(w, "externalId", t.externalId);
    optionalText(w, "importBatch", t.importBatch);
    optionalText(w, "reverses", t.reverses);
    optionalText(w, "reversedBy", t.reversedBy);
    if (t.anomalyScore) {
        w.key("anomalyScore");
        w.number(*t.anomalyScore);
    }
    if (t.risk) {
        w.key("risk");
        w.string(riskName(*t.risk));
    }
}

void writeFields(JsonWriter& w, const Anomaly& a)
{
    w.key("anomalyId");
    w.string(a.id);
    w.key("accountId");
    w.integer(a.accountId);
    w.key("transactionId");
    w.string(a.transactionId);
    w.key("anomalyScore");
    a.scored ? w.number(a.score) : w.null();
    w.key("risk");
    a.scored ? w.string(riskName(a.risk)) : w.null();
    optionalTime(w, "scoredAt", a.scoredAt);
    w.key("firstScore");
    a.firstScore ? w.number(*a.firstScore) : w.null();
    w.key("firstRisk");
    a.firstRisk ? w.string(riskName(*a.firstRisk)) : w.null();
    w.key("detectedAt");
    w.timestamp(a.detectedAt);
    w.key("source");
    w.string(caseSourceKey(a.source));
    w.key("anomalyType");
    w.string(a.anomalyType);
    w.key("features");
    w.raw(QJsonDocument(a.features).toJson(QJsonDocument::Compact));
    w.key("explanation");
    w.raw(QJsonDocument(a.explanation).toJson(QJsonDocument::Compact));
    w.key("status");
    w.string(anomalyStatusKey(a.status));
    optionalTime(w, "statusChangedAt", a.statusChangedAt);
    w.key("assignee");
    w.string(a.assignee);
    w.key("decidedBy");
    a.decidedBy.isEmpty() ? w.null() : w.string(a.decidedBy);
    optionalTime(w, "decidedAt", a.decidedAt);
    money(w, "amount", "amountMinor", a.amount, Money::decimalsFor(a.currency));
    w.key("currency");
    w.string(a.currency);
    w.key("description");
    w.string(a.description);
    w.key("counterparty");
    w.string(a.counterparty);
    w.key("transactionTimestamp");
    w.timestamp(a.transactionTimestamp);
}

void writeFields(JsonWriter& w, const AuditEntry& e)
{
    w.key("id");
    w.integer(e.id);
    w.key("at");
    w.timestamp(e.at);
    w.key("actor");
    w.string(e.actor);
    w.key("action");
    w.string(e.action);
    w.key("from");
    w.string(e.from);
    w.key("to");
    w.string(e.to);
    w.key("note");
    w.string(e.note);
}

void writeFields(JsonWriter& w, const AnomalyHistory& h)
{
    w.key("scores");
    w.beginArray();
    for (const ScoreEntry& s : h.scores) {
        w.beginObject();
        w.key("scoredAt");
        w.timestamp(s.scoredAt);
        w.key("score");
        w.number(s.score);
        w.key("risk");
        w.string(riskName(s.risk));
        w.key("model");
        w.string(s.model);
        w.endObject();
    }
    w.endArray();
    for (const auto& [name, entries] : {std::pair("audit", &h.audit), std::pair("notes", &h.notes)}) {
        w.key(name);
        w.beginArray();
        for (const AuditEntry& e : *entries) {
            w.beginObject();
            writeFields(w, e);
            w.endObject();
        }
        w.endArray();
    }
}

template<typename T> void writeJson(JsonWriter& w, const T& value)
{
    w.beginObject();
    writeFields(w, value);
    w.endObject();
}
template void writeJson(JsonWriter&, const Account&);
template void writeJson(JsonWriter&, const Transaction&);
template void writeJson(JsonWriter&, const Anomaly&);
template void writeJson(JsonWriter&, const AnomalyHistory&);

int httpStatusFor(const Status& status)
{
    switch (status.code()) {
    case Status::Code::Ok:
        return 200;
    case Status::Code::InvalidArgument:
        return 422;
    case Status::Code::NotFound:
        return 404;
    case Status::Code::Conflict:
        return 409;
    case Status::Code::Busy:
    case Status::Code::ReadOnly:
        return 503;
    case Status::Code::Corruption:
    case Status::Code::IoError:
    case Status::Code::Unsupported:
    case Status::Code::Internal:
        break;
    }
    return 500;
}

QJsonObject errorJson(const Status& status)
{
    QJsonObject o {{QLatin1String("error"), status.message()},
                   {QLatin1String("code"), Status::codeName(status.code())}};
    if (status.isInvalidArgument() && !status.field().isEmpty())
        o.insert(QLatin1String("fields"), QJsonObject {{status.field(), status.message()}});
    return o;
}

} // namespace ledgerguard::api
