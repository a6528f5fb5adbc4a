// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QLocale>
#include <QString>

namespace ledgerguard {

// An exact amount of money: a count of minor units (cents for EUR/USD, yen for JPY, fils for BHD) plus an
// ISO 4217 currency code. There is no double anywhere on this path: amounts are parsed from text and formatted
// to text digit by digit, and arithmetic is overflow-checked.
//
// A plain copyable value; safe to share between threads.
class Money
{
public:
    Money() = default;
    Money(qint64 minorUnits, QString currency)
        : m_minor(minorUnits)
        , m_currency(std::move(currency))
    { }

    qint64 minorUnits() const { return m_minor; }
    const QString& currency() const { return m_currency; }
    bool isZero() const { return m_minor == 0; }
    bool isNegative() const { return m_minor < 0; }

    // Overflow-checked arithmetic. Mixing currencies is InvalidArgument("currency"); an overflow of qint64 is
    // InvalidArgument("amount").
    Result<Money> plus(const Money& other) const;
    Result<Money> minus(const Money& other) const;
    Result<Money> negated() const;

    bool operator==(const Money& other) const = default;

    // Number of decimal places of an ISO 4217 currency (2 by default, 0 for JPY/KRW/..., 3 for BHD/KWD/...).
    static int decimalsFor(const QString& currency);
    // True for a syntactically valid, known ISO 4217 code (three upper-case letters from the built-in list).
    static bool isKnownCurrency(const QString& currency);
    // The letter code of a known currency's ISO 4217 numeric code ("978" -> "EUR", "360" -> "IDR"), as some banks'
    // exports write it; empty for any other text.
    static QString currencyForNumericCode(QStringView digits);

    // Parses a decimal amount in `locale` ("1,234.56" in en_US, "1.234,56" in de_DE, "12,34,567.89" in en_IN,
    // "-0.01"): an optional sign (the locale's, '-', U+2212 or '+'), decimal digits (the locale's own digits too,
    // but not "²"), group separators only where the locale puts them or between groups of three, and at most
    // decimalsFor(currency) fraction digits. Also accepts the plain script form "1234.56" (no group separators)
    // whatever the locale. Errors are InvalidArgument("amount"): required, not a valid amount, too many decimal
    // places, too large for qint64.
    static Result<Money> parse(const QString& text, const QString& currency, const QLocale& locale = QLocale::c());

    // Formats as a plain number in `locale` with its group separators, digits and minus sign and exactly
    // decimalsFor(currency) fraction digits, e.g. "-1,234.56"; no currency symbol. The integer part is what
    // QLocale::toString makes of the integer (never a double). With QLocale::c() there are no group separators.
    QString format(const QLocale& locale = QLocale::c()) const;
    // format() followed by a space and the currency code: "1,234.56 EUR".
    QString formatWithCurrency(const QLocale& locale = QLocale::c()) const;

    // The amount as a decimal string in major units with '.' and no grouping, e.g. "-1234.56": exact, for JSON
    // and CSV. (JSON numbers are produced from this string, never from a double computed by division.)
    QString toDecimalString() const;

private:
    qint64 m_minor = 0;
    QString m_currency;
};

// Checked helpers on raw minor units, for bulk paths that do not build Money objects.
// Return false on overflow and leave *out unspecified.
bool checkedAdd(qint64 a, qint64 b, qint64* out);
bool checkedMul(qint64 a, qint64 b, qint64* out);

} // namespace ledgerguard
