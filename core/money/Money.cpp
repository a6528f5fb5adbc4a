// SPDX-License-Identifier: GPL-3.0-or-later
#include "money/Money.h"

#include <QSet>
#include <QtNumeric>

#include <limits>

namespace ledgerguard {

namespace {

// ISO 4217 codes whose minor unit is not 2 digits.
int nonDefaultDecimals(const QString& c)
{
    static const QSet<QString> zero = {QStringLiteral("BIF"), QStringLiteral("CLP"), QStringLiteral("DJF"),
        QStringLiteral("GNF"), QStringLiteral("ISK"), QStringLiteral("JPY"), QStringLiteral("KMF"),
        QStringLiteral("KRW"), QStringLiteral("PYG"), QStringLiteral("RWF"), QStringLiteral("UGX"),
        QStringLiteral("UYI"), QStringLiteral("VND"), QStringLiteral("VUV"), QStringLiteral("XAF"),
        QStringLiteral("XOF"), QStringLiteral("XPF")};
    static const QSet<QString> three = {QStringLiteral("BHD"), QStringLiteral("IQD"), QStringLiteral("JOD"),
        QStringLiteral("KWD"), QStringLiteral("LYD"), QStringLiteral("OMR"), QStringLiteral("TND")};
    if (zero.contains(c))
        return 0;
    if (three.contains(c))
        return 3;
    return 2;
}

const QSet<QString>& knownCurrencies()
{
    // The actively used ISO 4217 codes (a conservative list; extend as customers need).
    static const QSet<QString> codes = [] {
        const char* list[] = {"AED", "ARS", "AUD", "BGN", "BHD", "BIF", "BRL", "CAD", "CHF", "CLP", "CNY", "COP",
            "CZK", "DJF", "DKK", "EGP", "EUR", "GBP", "GNF", "HKD", "HUF", "IDR", "ILS", "INR", "IQD", "ISK", "JOD",
            "JPY", "KES", "KMF", "KRW", "KWD", "LYD", "MAD", "MXN", "MYR", "NGN", "NOK", "NZD", "OMR", "PEN", "PHP",
            "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SEK", "SGD", "THB", "TND", "TRY", "TWD",
            "UAH", "UGX", "USD", "UYI", "UYU", "VND", "VUV", "XAF", "XOF", "XPF", "ZAR"};
        QSet<QString> s;
        for (const char* c : list)
            s.insert(QString::fromLatin1(c));
        return s;
    }();
    return codes;
}

Status amountError(const QString& message)
{
    return Status::invalidArgument(QStringLiteral("amount"), message);
}

} // namespace

bool checkedAdd(qint64 a, qint64 b, qint64* out)
{
    return !qAddOverflow(a, b, out);
}

bool checkedMul(qint64 a, qint64 b, qint64* out)
{
    return !qMulOverflow(a, b, out);
}

int Money::decimalsFor(const QString& currency)
{
    return nonDefaultDecimals(currency);
}

bool Money::isKnownCurrency(const QString& currency)
{
    return knownCurrencies().contains(currency);
}

Result<Money> Money::plus(const Money& other) const
{
    if (m_currency != other.m_currency)
        return Status::invalidArgument(QStringLiteral("currency"),
            QStringLiteral("cannot add %1 to %2").arg(other.m_currency, m_currency));
    qint64 sum = 0;
    if (!checkedAdd(m_minor, other.m_minor, &sum))
        return amountError(QStringLiteral("the sum is too large"));
    return Money(sum, m_currency);
}

Result<Money> Money::minus(const Money& other) const
{
    auto neg = other.negated();
    if (!neg)
        return neg.status();
    return plus(*neg);
}

Result<Money> Money::negated() const
{
    if (m_minor == std::numeric_limits<qint64>::min())
        return amountError(QStringLiteral("the amount is too large to negate"));
    return Money(-m_minor, m_currency);
}

Result<Money> Money::parse(const QString& text, const QString& currency, const QLocale& locale)
{
    const QString s = text.trimmed();
    if (s.isEmpty())
        return amountError(QStringLiteral("is required"));
    const int decimals = decimalsFor(currency);

    // Try the given locale first, then the C locale (scripts type "1234.56" whatever the user's locale).
    const QLocale c = QLocale::c();
    const QLocale* locales[] = {&locale, &c};
    QString firstError;
    for (const QLocale* loc : locales) {
        const QString decimalPoint = loc->decimalPoint();
        const QString group = loc->groupSeparator();
        const QString minus = loc->negativeSign();
        const QString plusSign = loc->positiveSign();

        int i = 0;
        bool negative = false;
        if (s.startsWith(minus) || s.startsWith(QLatin1Char('-'))) {
            negative = true;
            i = s.startsWith(minus) ? int(minus.size()) : 1;
        } else if (s.startsWith(plusSign) || s.startsWith(QLatin1Char('+'))) {
            i = s.startsWith(plusSign) ? int(plusSign.size()) : 1;
        }

        qint64 units = 0;
        int fractionDigits = 0;
        int integerDigits = 0;
        int groupDigits = 0; // digits since the last group separator
        bool inFraction = false;
        bool sawGroup = false;
        QString error;
        const QString invalid = QStringLiteral("'%1' is not a valid amount").arg(s);
        // Group separators must sit between groups of three digits ("1,234,567"), so that "1234.56" is not read
        // as 123456 in a locale whose group separator is '.'.
        auto groupsValid = [&] { return !sawGroup || groupDigits == 3; };
        for (; i < s.size() && error.isEmpty(); ++i) {
            const QChar ch = s.at(i);
            const int digit = ch.digitValue();
            if (digit >= 0 && digit <= 9) {
                if (inFraction && ++fractionDigits > decimals) {
                    error = decimals == 0
                        ? QStringLiteral("%1 has no fraction digits").arg(currency)
                        : QStringLiteral("at most %1 decimal places for %2").arg(decimals).arg(currency);
                    break;
                }
                if (!inFraction) {
                    ++integerDigits;
                    ++groupDigits;
                }
                if (!checkedMul(units, 10, &units) || !checkedAdd(units, digit, &units))
                    error = QStringLiteral("is too large");
            } else if (!inFraction && decimals > 0 && s.mid(i, decimalPoint.size()) == decimalPoint) {
                if (!groupsValid())
                    error = invalid;
                inFraction = true;
                i += int(decimalPoint.size()) - 1;
            } else if (!inFraction && !group.isEmpty() && integerDigits > 0
                && (s.mid(i, group.size()) == group || (ch.isSpace() && group.at(0).isSpace()))) {
                if ((!sawGroup && groupDigits > 3) || (sawGroup && groupDigits != 3))
                    error = invalid;
                sawGroup = true;
                groupDigits = 0;
                i += int(group.size()) - 1;
            } else {
                error = invalid;
            }
        }
        if (error.isEmpty() && !inFraction && !groupsValid())
            error = invalid;
        if (error.isEmpty() && integerDigits == 0 && fractionDigits == 0)
            error = invalid;
        if (error.isEmpty()) {
            for (int k = fractionDigits; k < decimals; ++k) {
                if (!checkedMul(units, 10, &units)) {
                    error = QStringLiteral("is too large");
                    break;
                }
            }
        }
        if (error.isEmpty())
            return Money(negative ? -units : units, currency);
        if (firstError.isEmpty())
            firstError = error;
    }
    return amountError(firstError);
}

QString Money::toDecimalString() const
{
    const int decimals = decimalsFor(m_currency);
    // Work on the magnitude as unsigned so that INT64_MIN formats correctly.
    const bool negative = m_minor < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(m_minor) : quint64(m_minor);
    QString digits = QString::number(magnitude);
    if (decimals > 0) {
        if (digits.size() <= decimals)
            digits = QString(decimals - digits.size() + 1, QLatin1Char('0')) + digits;
        digits.insert(digits.size() - decimals, QLatin1Char('.'));
    }
    return negative ? QLatin1Char('-') + digits : digits;
}

QString Money::format(const QLocale& locale) const
{
    const int decimals = decimalsFor(m_currency);
    const QString plain = toDecimalString();
    const bool negative = plain.startsWith(QLatin1Char('-'));
    const QString body = negative ? plain.mid(1) : plain;
    const qsizetype dot = body.indexOf(QLatin1Char('.'));
    const QString integer = dot < 0 ? body : body.left(dot);
    const QString fraction = dot < 0 ? QString() : body.mid(dot + 1);

    QString grouped;
    const bool useGroups = !(locale.numberOptions() & QLocale::OmitGroupSeparator) && locale != QLocale::c();
    const QString group = locale.groupSeparator();
    for (qsizetype k = 0; k < integer.size(); ++k) {
        if (useGroups && k > 0 && (integer.size() - k) % 3 == 0)
            grouped += group;
        grouped += integer.at(k);
    }
    QString out = negative ? locale.negativeSign() + grouped : grouped;
    if (decimals > 0)
        out += locale.decimalPoint() + fraction;
    return out;
}

QString Money::formatWithCurrency(const QLocale& locale) const
{
    return format(locale) + QLatin1Char(' ') + m_currency;
}

} // namespace ledgerguard
