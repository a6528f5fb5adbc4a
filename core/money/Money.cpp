// SPDX-License-Identifier: GPL-3.0-or-later
#include "money/Money.h"

#include <QHash>
#include <QSet>
#include <QtNumeric>
#include <algorithm>
#include <array>
#include <limits>

namespace ledgerguard {

namespace {

// ISO 4217 codes whose minor unit is not 2 digits.
int nonDefaultDecimals(const QString& c)
{
    // Compared as three packed characters: this runs for every amount a list writes, and hashing the code for a set
    // lookup cost a tenth of the REST list page's CPU.
    if (c.size() != 3)
        return 2;
    const auto packed
        = [](const char* code) { return (quint64(code[0]) << 32) | (quint64(code[1]) << 16) | quint64(code[2]); };
    const quint64 key = (quint64(c[0].unicode()) << 32) | (quint64(c[1].unicode()) << 16) | quint64(c[2].unicode());
    static const std::array<quint64, 23> zero = [&] {
        std::array<quint64, 23> out;
        const char* codes[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                               "VND", "VUV", "XAF", "XOF", "XPF", "BEF", "ESP", "GRD", "ITL", "LUF", "PTE"};
        for (size_t i = 0; i < out.size(); ++i)
            out[i] = packed(codes[i]);
        return out;
    }();
    static const std::array<quint64, 7> three = [&] {
        std::array<quint64, 7> out;
        const char* codes[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
        for (size_t i = 0; i < out.size(); ++i)
            out[i] = packed(codes[i]);
        return out;
    }();
    if (std::find(zero.cbegin(), zero.cend(), key) != zero.cend())
        return 0;
    if (std::find(three.cbegin(), three.cend(), key) != three.cend())
        return 3;
    return 2;
}

const QSet<QString>& knownCurrencies()
{
    // The actively used ISO 4217 codes (a conservative list; extend as customers need).
    static const QSet<QString> codes = [] {
        const char* list[]
            = {"AED", "ARS", "AUD", "BGN", "BHD", "BIF", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DJF", "DKK",
               "EGP", "EUR", "GBP", "GNF", "HKD", "HUF", "IDR", "ILS", "INR", "IQD", "ISK", "JOD", "JPY", "KES", "KMF",
               "KRW", "KWD", "LYD", "MAD", "MXN", "MYR", "NGN", "NOK", "NZD", "OMR", "PEN", "PHP", "PKR", "PLN", "PYG",
               "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SEK", "SGD", "THB", "TND", "TRY", "TWD", "UAH", "UGX", "USD",
               "UYI", "UYU", "VND", "VUV", "XAF", "XOF", "XPF", "ZAR",
               // The other active codes of two decimals.
               "AFN", "ALL", "AMD", "ANG", "AOA", "AWG", "AZN", "BAM", "BBD", "BDT", "BMD", "BND", "BOB", "BSD", "BTN",
               "BWP", "BYN", "BZD", "CDF", "CRC", "CUP", "CVE", "DOP", "DZD", "ERN", "ETB", "FJD", "FKP", "GEL", "GHS",
               "GIP", "GMD", "GTQ", "GYD", "HNL", "HTG", "IRR", "JMD", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP",
               "LKR", "LRD", "LSL", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MZN", "NAD",
               "NIO", "NPR", "PAB", "PGK", "SBD", "SCR", "SDG", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
               "SZL", "TJS", "TMT", "TOP", "TTD", "TZS", "UZS", "VES", "WST", "XCD", "YER", "ZMW", "ZWL",
               // Withdrawn for the euro since 2009, still on the statements of those years: the Croatian kuna, the
               // Lithuanian litas, the Latvian lats, the Estonian kroon and the Slovak koruna.
               "HRK", "LTL", "LVL", "EEK", "SKK",
               // Withdrawn for the euro in 1999-2008, on the statements and the personal-finance files (QIF, MT940)
               // of those years: ISO 4217's historic codes and minor units.
               "ATS", "BEF", "CYP", "DEM", "ESP", "FIM", "FRF", "GRD", "IEP", "ITL", "LUF", "MTL", "NLG", "PTE", "SIT"};
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

QString Money::currencyForNumericCode(QStringView digits)
{
    static const QHash<QString, QString> codes = [] {
        const std::pair<const char*, const char*> pairs[]
            = {{"784", "AED"}, {"971", "AFN"}, {"008", "ALL"}, {"051", "AMD"}, {"032", "ARS"}, {"036", "AUD"},
               {"944", "AZN"}, {"977", "BAM"}, {"050", "BDT"}, {"975", "BGN"}, {"048", "BHD"}, {"068", "BOB"},
               {"986", "BRL"}, {"933", "BYN"}, {"124", "CAD"}, {"976", "CDF"}, {"756", "CHF"}, {"152", "CLP"},
               {"156", "CNY"}, {"170", "COP"}, {"188", "CRC"}, {"203", "CZK"}, {"208", "DKK"}, {"214", "DOP"},
               {"012", "DZD"}, {"818", "EGP"}, {"230", "ETB"}, {"978", "EUR"}, {"826", "GBP"}, {"981", "GEL"},
               {"936", "GHS"}, {"320", "GTQ"}, {"344", "HKD"}, {"340", "HNL"}, {"191", "HRK"}, {"348", "HUF"},
               {"360", "IDR"}, {"376", "ILS"}, {"356", "INR"}, {"368", "IQD"}, {"352", "ISK"}, {"388", "JMD"},
               {"400", "JOD"}, {"392", "JPY"}, {"404", "KES"}, {"417", "KGS"}, {"116", "KHR"}, {"410", "KRW"},
               {"414", "KWD"}, {"398", "KZT"}, {"422", "LBP"}, {"144", "LKR"}, {"434", "LYD"}, {"504", "MAD"},
               {"498", "MDL"}, {"807", "MKD"}, {"496", "MNT"}, {"484", "MXN"}, {"458", "MYR"}, {"566", "NGN"},
               {"578", "NOK"}, {"524", "NPR"}, {"554", "NZD"}, {"512", "OMR"}, {"604", "PEN"}, {"608", "PHP"},
               {"586", "PKR"}, {"985", "PLN"}, {"600", "PYG"}, {"634", "QAR"}, {"946", "RON"}, {"941", "RSD"},
               {"643", "RUB"}, {"682", "SAR"}, {"752", "SEK"}, {"702", "SGD"}, {"764", "THB"}, {"972", "TJS"},
               {"934", "TMT"}, {"788", "TND"}, {"949", "TRY"}, {"780", "TTD"}, {"901", "TWD"}, {"834", "TZS"},
               {"980", "UAH"}, {"800", "UGX"}, {"840", "USD"}, {"858", "UYU"}, {"860", "UZS"}, {"928", "VES"},
               {"704", "VND"}, {"950", "XAF"}, {"951", "XCD"}, {"952", "XOF"}, {"953", "XPF"}, {"710", "ZAR"},
               {"967", "ZMW"}};
        QHash<QString, QString> out;
        for (const auto& [number, code] : pairs)
            out.insert(QString::fromLatin1(number), QString::fromLatin1(code));
        return out;
    }();
    return digits.size() == 3 ? codes.value(digits.toString()) : QString();
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

namespace {

// The locale's digits for the ASCII digits of `ascii` (Arabic-Indic in ar_EG, ...); other characters are kept.
QString localizeDigits(const QString& ascii, const QLocale& locale)
{
    const QList<uint> zero = locale.zeroDigit().toUcs4();
    if (zero.size() != 1 || zero.first() == '0')
        return ascii;
    QString out;
    out.reserve(ascii.size());
    for (const QChar ch : ascii) {
        if (ch >= QLatin1Char('0') && ch <= QLatin1Char('9')) {
            const char32_t cp = char32_t(zero.first() + (ch.unicode() - '0'));
            out += QString::fromUcs4(&cp, 1);
        } else {
            out += ch;
        }
    }
    return out;
}

// `digits` (ASCII, no leading zeros unless "0") with `separator` between groups of three from the right.
QString groupByThree(const QString& digits, QChar separator)
{
    QString out;
    for (qsizetype k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0)
            out += separator;
        out += digits.at(k);
    }
    return out;
}

// The integer part as `locale` writes it (its own grouping, e.g. 12,34,567 in en_IN), with ASCII digits and ','
// for every group separator, so that it can be compared with what the user typed.
QString canonicalGrouping(quint64 value, const QLocale& locale)
{
    QLocale grouped = locale;
    grouped.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    const QString text = grouped.toString(qulonglong(value));
    QString out;
    for (const QChar ch : text) {
        if (ch.isDigit())
            out += QChar(u'0' + ch.digitValue());
        else
            out += QLatin1Char(',');
    }
    return out;
}

struct Parsed
{
    bool ok = false;
    quint64 minor = 0; // magnitude in minor units
    bool negative = false;
    QString error;
};

// One attempt at reading `s` in `locale`. With `allowGroups` false only the plain form "-1234.56" is accepted.
Parsed parseIn(const QString& s, const QString& currency, int decimals, const QLocale& locale, bool allowGroups)
{
    Parsed p;
    const QString invalid = QStringLiteral("'%1' is not a valid amount").arg(s);
    const QString decimalPoint = locale.decimalPoint();
    const QString group = locale.groupSeparator();
    const QString minus = locale.negativeSign();
    const QString plusSign = locale.positiveSign();

    qsizetype i = 0;
    if (!minus.isEmpty() && s.startsWith(minus)) {
        p.negative = true;
        i = minus.size();
    } else if (s.startsWith(QLatin1Char('-')) || s.startsWith(QChar(0x2212))) {
        p.negative = true;
        i = 1;
    } else if (!plusSign.isEmpty() && s.startsWith(plusSign)) {
        i = plusSign.size();
    } else if (s.startsWith(QLatin1Char('+'))) {
        i = 1;
    }

    QString integerText; // as typed, with ASCII digits and ',' for group separators
    QString integerDigits; // ASCII digits only
    QString fractionDigits;
    bool inFraction = false;
    bool sawGroup = false;
    for (; i < s.size(); ++i) {
        const QChar ch = s.at(i);
        // isDigit() is the decimal-digit category only: "²" or "½" are not digits here.
        if (ch.isDigit()) {
            const QChar ascii(u'0' + ch.digitValue());
            if (inFraction) {
                fractionDigits += ascii;
            } else {
                integerDigits += ascii;
                integerText += ascii;
            }
        } else if (!inFraction && s.mid(i, decimalPoint.size()) == decimalPoint) {
            inFraction = true;
            i += decimalPoint.size() - 1;
        } else if (allowGroups && !inFraction && !group.isEmpty() && !integerDigits.isEmpty()
                   && (s.mid(i, group.size()) == group || (ch.isSpace() && group.at(0).isSpace()))) {
            if (integerText.endsWith(QLatin1Char(','))) { // two separators in a row
                p.error = invalid;
                return p;
            }
            integerText += QLatin1Char(',');
            sawGroup = true;
            i += (s.mid(i, group.size()) == group ? group.size() : 1) - 1;
        } else {
            p.error = invalid;
            return p;
        }
    }
    if (integerDigits.isEmpty() && fractionDigits.isEmpty()) {
        p.error = invalid;
        return p;
    }
    if (fractionDigits.size() > decimals) {
        p.error = decimals == 0 ? QStringLiteral("%1 has no fraction digits").arg(currency)
                                : QStringLiteral("at most %1 decimal places for %2").arg(decimals).arg(currency);
        return p;
    }
    quint64 integer = 0;
    for (const QChar d : std::as_const(integerDigits)) {
        if (qMulOverflow(integer, quint64(10), &integer)
            || qAddOverflow(integer, quint64(d.unicode() - '0'), &integer)) {
            p.error = QStringLiteral("is too large");
            return p;
        }
    }
    if (sawGroup) {
        // Group separators must sit where the locale puts them ("1,234,567"; "12,34,567" in en_IN) or between
        // groups of three, so that "1.234" is not read as 1234 where '.' is not the group separator, and
        // "1,23" is no amount at all.
        QString stripped = integerDigits;
        while (stripped.size() > 1 && stripped.startsWith(QLatin1Char('0')))
            stripped.remove(0, 1);
        if (integerText.endsWith(QLatin1Char(','))
            || (integerText != canonicalGrouping(integer, locale)
                && integerText != groupByThree(stripped, QLatin1Char(',')))) {
            p.error = invalid;
            return p;
        }
    }
    quint64 minor = integer;
    for (int k = 0; k < decimals; ++k) {
        const int digit = k < fractionDigits.size() ? fractionDigits.at(k).unicode() - '0' : 0;
        if (qMulOverflow(minor, quint64(10), &minor) || qAddOverflow(minor, quint64(digit), &minor)) {
            p.error = QStringLiteral("is too large");
            return p;
        }
    }
    // qint64 holds magnitudes up to 2^63 - 1, and 2^63 when negative.
    const quint64 limit = quint64(std::numeric_limits<qint64>::max()) + (p.negative ? 1 : 0);
    if (minor > limit) {
        p.error = QStringLiteral("is too large");
        return p;
    }
    p.minor = minor;
    p.ok = true;
    return p;
}

} // namespace

Result<Money> Money::parse(const QString& text, const QString& currency, const QLocale& locale)
{
    const QString s = text.trimmed();
    if (s.isEmpty())
        return amountError(QStringLiteral("is required"));
    const int decimals = decimalsFor(currency);

    // The given locale first (with its group separators), then the plain script form "-1234.56" whatever the
    // locale. The fallback takes no group separators: "1,234" typed in de_DE (where it would mean 1.234 with
    // too many decimals) must not become 1234.
    Parsed p = parseIn(s, currency, decimals, locale, true);
    if (!p.ok && locale != QLocale::c()) {
        const Parsed plain = parseIn(s, currency, decimals, QLocale::c(), false);
        if (plain.ok)
            p = plain;
    }
    if (!p.ok)
        return amountError(p.error);
    const qint64 value = p.negative ? qint64(quint64(0) - p.minor) : qint64(p.minor);
    return Money(value, currency);
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
    const bool negative = m_minor < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(m_minor) : quint64(m_minor);
    quint64 scale = 1;
    for (int k = 0; k < decimals; ++k)
        scale *= 10;
    const quint64 integer = magnitude / scale;
    QString fraction = QString::number(magnitude % scale);
    fraction = QString(decimals - fraction.size(), QLatin1Char('0')) + fraction;

    // The integer part is formatted by QLocale from the integer (never a double): its grouping and digits.
    // The C locale writes no group separators.
    QString out = locale == QLocale::c() ? QString::number(integer) : locale.toString(qulonglong(integer));
    if (decimals > 0)
        out += locale.decimalPoint() + localizeDigits(fraction, locale);
    return negative ? locale.negativeSign() + out : out;
}

QString Money::formatWithCurrency(const QLocale& locale) const
{
    return format(locale) + QLatin1Char(' ') + m_currency;
}

} // namespace ledgerguard
