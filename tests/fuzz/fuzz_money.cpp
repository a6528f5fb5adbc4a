// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the money parser (Money::parse) in several locales and currency exponents, with the round trips a
// parsed amount must survive: format() in the same locale and toDecimalString() parse back to the same amount.
// The first byte picks the locale and the currency; the rest is the text (UTF-8).
#include "FuzzTarget.h"
#include "money/Money.h"

#include <QLocale>

using namespace ledgerguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    static const QList<QLocale> locales = {QLocale::c(),
                                           QLocale(QLocale::English, QLocale::UnitedStates),
                                           QLocale(QLocale::German, QLocale::Germany),
                                           QLocale(QLocale::English, QLocale::India),
                                           QLocale(QLocale::French, QLocale::Switzerland),
                                           QLocale(QLocale::French, QLocale::France),
                                           QLocale(QLocale::Arabic, QLocale::Egypt),
                                           QLocale(QLocale::Hindi, QLocale::India)};
    static const char* const currencies[] = {"EUR", "JPY", "BHD", "USD"};
    const QLocale& locale = locales[data[0] % locales.size()];
    const QString currency = QString::fromLatin1(currencies[(data[0] >> 3) % 4]);
    const QString text
        = QString::fromUtf8(reinterpret_cast<const char*>(data) + 1, qsizetype(std::min<size_t>(size - 1, 256)));

    const Result<Money> parsed = Money::parse(text, currency, locale);
    if (!parsed) {
        if (parsed.status().field() != QLatin1String("amount"))
            __builtin_trap(); // every parse error names the amount
        return 0;
    }
    const Money& m = *parsed;
    if (m.currency() != currency)
        __builtin_trap();
    const Result<Money> again = Money::parse(m.format(locale), currency, locale);
    if (!again || again->minorUnits() != m.minorUnits())
        __builtin_trap(); // format() in a locale must parse back in that locale
    const Result<Money> plain = Money::parse(m.toDecimalString(), currency, QLocale::c());
    if (!plain || plain->minorUnits() != m.minorUnits())
        __builtin_trap(); // the exact decimal string must parse back
    (void)m.formatWithCurrency(locale);
    (void)m.negated();
    (void)m.plus(m);
    (void)m.minus(m);
    return 0;
}
