// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/JsonMapping.h"

#include "money/Money.h"

#include <QDateTime>
#include <QJsonArray>
#include <charconv>
#include <cmath>

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

QString isoUtc(qint64 ms)
{
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse): exact, no time zone database,
    // and much cheaper than QDateTime::toString on the list routes' hot path.
    qint64 days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    qint64 msOfDay = ms - days * 86400000;
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
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    char buf[25];
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
    return QString::fromLatin1(buf, 24);
}

Result<qint64> parseTimestamp(const QString& text, const QString& field)
{
    const QString s = text.trimmed();
    if (s.isEmpty())
        return Status::invalidArgument(field, QStringLiteral("must be an ISO 8601 time or milliseconds since 1970"));
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
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || text.trimmed() != text)
        return Status::invalidArgument(field, QStringLiteral("'%1' is not an integer").arg(text.left(64)));
    return n;
}

QJsonObject toJson(const Account& a)
{
    QJsonObject o;
    o.insert(QLatin1String("accountId"), a.id);
    o.insert(QLatin1String("accountName"), a.name);
    o.insert(QLatin1String("accountType"), accountTypeKey(a.type));
    o.insert(QLatin1String("currency"), a.currency);
    o.insert(QLatin1String("currentBalance"), majorUnits(a.balance, a.currency));
    o.insert(QLatin1String("currentBalanceMinor"), a.balance);
    o.insert(QLatin1String("isStale"), a.isStale);
    o.insert(QLatin1String("lastUpdated"), isoUtc(a.updatedAt));
    o.insert(QLatin1String("health"), healthKey(a.health));
    o.insert(QLatin1String("transactionCount"), a.transactionCount);
    o.insert(QLatin1String("lastActivity"), a.lastActivity ? QJsonValue(isoUtc(*a.lastActivity)) : QJsonValue());
    o.insert(QLatin1String("openAnomalies"),
             QJsonObject {{QLatin1String("HIGH"), a.openHigh},
                          {QLatin1String("MEDIUM"), a.openMedium},
                          {QLatin1String("LOW"), a.openLow}});
    return o;
}

QJsonObject toJson(const Transaction& t)
{
    QJsonObject o;
    o.insert(QLatin1String("transactionId"), t.id);
    o.insert(QLatin1String("accountId"), t.accountId);
    o.insert(QLatin1String("amount"), majorUnits(t.amount, t.currency));
    o.insert(QLatin1String("amountMinor"), t.amount);
    o.insert(QLatin1String("currency"), t.currency);
    o.insert(QLatin1String("description"), t.description);
    o.insert(QLatin1String("category"), categoryKey(t.category));
    o.insert(QLatin1String("counterparty"), t.counterparty);
    o.insert(QLatin1String("timestamp"), isoUtc(t.timestamp));
    o.insert(QLatin1String("runningBalance"), majorUnits(t.runningBalance, t.currency));
    o.insert(QLatin1String("runningBalanceMinor"), t.runningBalance);
    o.insert(QLatin1String("source"), sourceKey(t.source));
    if (t.anomalyScore)
        o.insert(QLatin1String("anomalyScore"), *t.anomalyScore);
    if (t.risk)
        o.insert(QLatin1String("risk"), riskName(*t.risk));
    return o;
}

QJsonObject toJson(const Anomaly& a)
{
    QJsonObject o;
    o.insert(QLatin1String("anomalyId"), a.id);
    o.insert(QLatin1String("accountId"), a.accountId);
    o.insert(QLatin1String("transactionId"), a.transactionId);
    o.insert(QLatin1String("anomalyScore"), a.score);
    o.insert(QLatin1String("risk"), riskName(a.risk));
    o.insert(QLatin1String("detectedAt"), isoUtc(a.detectedAt));
    o.insert(QLatin1String("anomalyType"), a.anomalyType);
    o.insert(QLatin1String("features"), a.features);
    o.insert(QLatin1String("explanation"), a.explanation);
    o.insert(QLatin1String("status"), anomalyStatusKey(a.status));
    o.insert(QLatin1String("statusChangedAt"),
             a.statusChangedAt ? QJsonValue(isoUtc(*a.statusChangedAt)) : QJsonValue());
    o.insert(QLatin1String("amount"), majorUnits(a.amount, a.currency));
    o.insert(QLatin1String("amountMinor"), a.amount);
    o.insert(QLatin1String("currency"), a.currency);
    o.insert(QLatin1String("description"), a.description);
    o.insert(QLatin1String("transactionTimestamp"), isoUtc(a.transactionTimestamp));
    return o;
}

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
