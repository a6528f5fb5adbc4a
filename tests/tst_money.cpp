// SPDX-License-Identifier: GPL-3.0-or-later
#include "money/Money.h"

#include <QTest>
#include <limits>

using namespace ledgerguard;

class TestMoney : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void format_data();
    void format();
    void formatMatchesQLocale_data();
    void formatMatchesQLocale();
    void arithmetic();
    void overflow();
    void currencies();
};

void TestMoney::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("minor");
    QTest::addRow("en grouped") << "1,234.56"
                                << "EUR"
                                << "en_US" << qint64(123456);
    QTest::addRow("negative cent") << "-0.01"
                                   << "EUR"
                                   << "en_US" << qint64(-1);
    QTest::addRow("de grouped") << "1.234,56"
                                << "EUR"
                                << "de_DE" << qint64(123456);
    QTest::addRow("de plain") << "-12,5"
                              << "EUR"
                              << "de_DE" << qint64(-1250);
    QTest::addRow("de script form") << "1234.56"
                                    << "EUR"
                                    << "de_DE" << qint64(123456);
    QTest::addRow("c locale") << "1234.5"
                              << "USD"
                              << "C" << qint64(123450);
    QTest::addRow("integer") << "42"
                             << "USD"
                             << "en_US" << qint64(4200);
    QTest::addRow("plus sign") << "+7.00"
                               << "USD"
                               << "en_US" << qint64(700);
    QTest::addRow("leading dot") << ".5"
                                 << "USD"
                                 << "C" << qint64(50);
    QTest::addRow("jpy no decimals") << "1,500"
                                     << "JPY"
                                     << "en_US" << qint64(1500);
    QTest::addRow("bhd three") << "1.234"
                               << "BHD"
                               << "C" << qint64(1234);
    QTest::addRow("spaces") << "  10.10 "
                            << "EUR"
                            << "en_US" << qint64(1010);
    QTest::addRow("large") << "9,999,999,999.99"
                           << "EUR"
                           << "en_US" << qint64(999999999999);
    QTest::addRow("en_IN lakh grouping") << "12,34,567.89"
                                         << "INR"
                                         << "en_IN" << qint64(123456789);
    QTest::addRow("fr narrow no-break space") << QString::fromUtf8("1\u202f234,56") << "EUR"
                                              << "fr_FR" << qint64(123456);
    QTest::addRow("fr typed space") << "-1 234,5"
                                    << "EUR"
                                    << "fr_FR" << qint64(-123450);
    QTest::addRow("de_CH apostrophe") << QString::fromUtf8("1\u2019234.56") << "CHF"
                                      << "de_CH" << qint64(123456);
    QTest::addRow("sv unicode minus") << QString::fromUtf8("\u22121 234,50") << "SEK"
                                      << "sv_SE" << qint64(-123450);
    QTest::addRow("arabic-indic digits") << QString::fromUtf8("\u0661\u0662\u0663\u066b\u0664\u0665") << "EGP"
                                         << "ar_EG" << qint64(12345);
    QTest::addRow("jpy grouped de") << "1.500"
                                    << "JPY"
                                    << "de_DE" << qint64(1500);
    QTest::addRow("bhd de") << "-1.234,567"
                            << "BHD"
                            << "de_DE" << qint64(-1234567);
    QTest::addRow("int64 max") << "9223372036854775807"
                               << "JPY"
                               << "C" << std::numeric_limits<qint64>::max();
    QTest::addRow("int64 min") << "-9223372036854775808"
                               << "JPY"
                               << "C" << std::numeric_limits<qint64>::min();
}

void TestMoney::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(QString, locale);
    QFETCH(qint64, minor);
    auto m = Money::parse(text, currency, QLocale(locale));
    QVERIFY2(m.isOk(), qPrintable(m.status().toString()));
    QCOMPARE(m->minorUnits(), minor);
    QCOMPARE(m->currency(), currency);
}

void TestMoney::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("message"); // a part of the error message
    const QString invalid = QStringLiteral("not a valid amount");
    QTest::addRow("empty") << ""
                           << "EUR"
                           << "en_US"
                           << "required";
    QTest::addRow("blank") << "   "
                           << "EUR"
                           << "en_US"
                           << "required";
    QTest::addRow("letters") << "12a"
                             << "EUR"
                             << "en_US" << invalid;
    QTest::addRow("garbage") << "abc"
                             << "EUR"
                             << "en_US" << invalid;
    QTest::addRow("exponent") << "1e5"
                              << "EUR"
                              << "en_US" << invalid;
    QTest::addRow("hex") << "0x10"
                         << "EUR"
                         << "en_US" << invalid;
    QTest::addRow("superscript digit") << QString::fromUtf8("1\u00b2") << "EUR"
                                       << "en_US" << invalid;
    QTest::addRow("fraction char") << QString::fromUtf8("1\u00bd") << "EUR"
                                   << "en_US" << invalid;
    QTest::addRow("three decimals") << "1.234"
                                    << "EUR"
                                    << "en_US"
                                    << "at most 2 decimal places";
    QTest::addRow("three decimals de") << "1,234"
                                       << "EUR"
                                       << "de_DE"
                                       << "at most 2 decimal places";
    QTest::addRow("four decimals bhd") << "1.2345"
                                       << "BHD"
                                       << "C"
                                       << "at most 3 decimal places";
    QTest::addRow("jpy decimals") << "1.5"
                                  << "JPY"
                                  << "en_US"
                                  << "JPY has no fraction digits";
    QTest::addRow("two points") << "1.2.3"
                                << "EUR"
                                << "en_US" << invalid;
    QTest::addRow("only sign") << "-"
                               << "EUR"
                               << "en_US" << invalid;
    QTest::addRow("double sign") << "--1"
                                 << "EUR"
                                 << "en_US" << invalid;
    QTest::addRow("inner space") << "- 5"
                                 << "EUR"
                                 << "en_US" << invalid;
    QTest::addRow("bad grouping") << "1,23"
                                  << "EUR"
                                  << "en_US" << invalid;
    QTest::addRow("double separator") << "1,,234"
                                      << "EUR"
                                      << "en_US" << invalid;
    QTest::addRow("trailing separator") << "1,234,"
                                        << "EUR"
                                        << "en_US" << invalid;
    QTest::addRow("leading separator") << ",123"
                                       << "EUR"
                                       << "en_US" << invalid;
    QTest::addRow("grouping after point") << "1.234,5"
                                          << "EUR"
                                          << "en_US" << invalid;
    QTest::addRow("en grouping in de") << "1,234.56"
                                       << "EUR"
                                       << "de_DE" << invalid;
    QTest::addRow("overflow") << "99999999999999999999"
                              << "EUR"
                              << "en_US"
                              << "too large";
    QTest::addRow("overflow after scale") << "99999999999999999"
                                          << "EUR"
                                          << "en_US"
                                          << "too large";
    QTest::addRow("int64 max + 1") << "9223372036854775808"
                                   << "JPY"
                                   << "C"
                                   << "too large";
    QTest::addRow("int64 min - 1") << "-9223372036854775809"
                                   << "JPY"
                                   << "C"
                                   << "too large";
}

void TestMoney::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(QString, locale);
    QFETCH(QString, message);
    auto m = Money::parse(text, currency, QLocale(locale));
    QVERIFY2(!m.isOk(), qPrintable(QString::number(m.isOk() ? m->minorUnits() : 0)));
    QVERIFY(m.status().isInvalidArgument());
    QCOMPARE(m.status().field(), QStringLiteral("amount"));
    QVERIFY2(m.status().message().contains(message), qPrintable(m.status().message()));
}

void TestMoney::format_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");
    QTest::addRow("en") << qint64(123456) << "EUR"
                        << "en_US"
                        << "1,234.56";
    QTest::addRow("de") << qint64(123456) << "EUR"
                        << "de_DE"
                        << "1.234,56";
    QTest::addRow("negative cent") << qint64(-1) << "EUR"
                                   << "en_US"
                                   << "-0.01";
    QTest::addRow("c no grouping") << qint64(123456789) << "USD"
                                   << "C"
                                   << "1234567.89";
    QTest::addRow("jpy") << qint64(1234567) << "JPY"
                         << "en_US"
                         << "1,234,567";
    QTest::addRow("bhd") << qint64(-5) << "BHD"
                         << "C"
                         << "-0.005";
    QTest::addRow("zero") << qint64(0) << "EUR"
                          << "en_US"
                          << "0.00";
    QTest::addRow("int64 min") << std::numeric_limits<qint64>::min() << "EUR"
                               << "C"
                               << "-92233720368547758.08";
    QTest::addRow("en_IN lakh") << qint64(-123456789) << "INR"
                                << "en_IN"
                                << "-12,34,567.89";
    QTest::addRow("fr") << qint64(-123456789) << "EUR"
                        << "fr_FR" << QString::fromUtf8("-1\u202f234\u202f567,89");
    QTest::addRow("de_CH") << qint64(123456) << "CHF"
                           << "de_CH" << QString::fromUtf8("1\u2019234.56");
    QTest::addRow("sv minus") << qint64(-5) << "SEK"
                              << "sv_SE" << QString::fromUtf8("\u22120,05");
    QTest::addRow("ar_EG digits") << qint64(123456) << "EGP"
                                  << "ar_EG" << QString::fromUtf8("\u0661\u066c\u0662\u0663\u0664\u066b\u0665\u0666");
    QTest::addRow("ja jpy") << qint64(-1000) << "JPY"
                            << "ja_JP"
                            << "-1,000";
    QTest::addRow("kwd de") << qint64(1234567) << "KWD"
                            << "de_DE"
                            << "1.234,567";
}

void TestMoney::formatMatchesQLocale_data()
{
    QTest::addColumn<QString>("locale");
    for (const char* name : {"en_US", "de_DE", "fr_FR", "de_CH", "en_IN", "sv_SE", "ar_EG", "ja_JP", "es_ES", "pt_BR"})
        QTest::addRow("%s", name) << QString::fromLatin1(name);
}

void TestMoney::formatMatchesQLocale()
{
    // For a currency without decimals the text is exactly what QLocale makes of the integer, and parses back.
    QFETCH(QString, locale);
    const QLocale l(locale);
    for (qint64 v : {qint64(0), qint64(7), qint64(-42), qint64(999), qint64(1000), qint64(-12345), qint64(1234567),
                     qint64(-100000000), qint64(123456789012345)}) {
        const Money m(v, QStringLiteral("JPY"));
        QCOMPARE(m.format(l), l.toString(v));
        auto back = Money::parse(m.format(l), QStringLiteral("JPY"), l);
        QVERIFY2(back.isOk(), qPrintable(back.status().toString()));
        QCOMPARE(back->minorUnits(), v);
    }
}

void TestMoney::format()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    const Money m(minor, currency);
    QCOMPARE(m.format(QLocale(locale)), expected);
    // Round trip through the same locale (except the value that has no positive counterpart).
    if (minor != std::numeric_limits<qint64>::min()) {
        auto back = Money::parse(expected, currency, QLocale(locale));
        QVERIFY2(back.isOk(), qPrintable(back.status().toString()));
        QCOMPARE(back->minorUnits(), minor);
    }
}

void TestMoney::arithmetic()
{
    const Money a(1050, QStringLiteral("EUR"));
    const Money b(-2000, QStringLiteral("EUR"));
    QCOMPARE(a.plus(b)->minorUnits(), qint64(-950));
    QCOMPARE(a.minus(b)->minorUnits(), qint64(3050));
    QCOMPARE(b.negated()->minorUnits(), qint64(2000));
    QCOMPARE(a.toDecimalString(), QStringLiteral("10.50"));
    QCOMPARE(a.formatWithCurrency(QLocale(QStringLiteral("en_US"))), QStringLiteral("10.50 EUR"));
    auto mixed = a.plus(Money(1, QStringLiteral("USD")));
    QVERIFY(!mixed.isOk());
    QCOMPARE(mixed.status().field(), QStringLiteral("currency"));
}

void TestMoney::overflow()
{
    const qint64 max = std::numeric_limits<qint64>::max();
    const Money big(max, QStringLiteral("EUR"));
    auto sum = big.plus(Money(1, QStringLiteral("EUR")));
    QVERIFY(!sum.isOk());
    QCOMPARE(sum.status().field(), QStringLiteral("amount"));
    QVERIFY(!Money(std::numeric_limits<qint64>::min(), QStringLiteral("EUR")).negated().isOk());
    QVERIFY(!Money(std::numeric_limits<qint64>::min(), QStringLiteral("EUR"))
                 .minus(Money(1, QStringLiteral("EUR")))
                 .isOk());
    qint64 out = 0;
    QVERIFY(!checkedMul(max / 2 + 1, 2, &out));
    QVERIFY(checkedAdd(max - 1, 1, &out));
    QCOMPARE(out, max);
}

void TestMoney::currencies()
{
    QVERIFY(Money::isKnownCurrency(QStringLiteral("EUR")));
    QVERIFY(Money::isKnownCurrency(QStringLiteral("JPY")));
    QVERIFY(Money::isKnownCurrency(QStringLiteral("KZT")));
    QVERIFY(Money::isKnownCurrency(QStringLiteral("HRK"))); // withdrawn in 2023: Croatian statements of 2022
    QCOMPARE(Money::decimalsFor(QStringLiteral("LTL")), 2);
    // The euro's predecessors, on QIF and MT940 files before 2002: the franc in centimes, the lira and the peseta
    // without minor units.
    QVERIFY(Money::isKnownCurrency(QStringLiteral("FRF")));
    QCOMPARE(Money::decimalsFor(QStringLiteral("FRF")), 2);
    QCOMPARE(Money::decimalsFor(QStringLiteral("DEM")), 2);
    QCOMPARE(Money::decimalsFor(QStringLiteral("ITL")), 0);
    QCOMPARE(Money::decimalsFor(QStringLiteral("ESP")), 0);
    QVERIFY(!Money::isKnownCurrency(QStringLiteral("XYZ")));
    QVERIFY(!Money::isKnownCurrency(QStringLiteral("eur")));
    QCOMPARE(Money::decimalsFor(QStringLiteral("JPY")), 0);
    QCOMPARE(Money::decimalsFor(QStringLiteral("KWD")), 3);
    QCOMPARE(Money::decimalsFor(QStringLiteral("USD")), 2);
    // ISO 4217's numeric codes, as some banks' exports write the currency; every one names a known currency.
    QCOMPARE(Money::currencyForNumericCode(u"978"), QStringLiteral("EUR"));
    QCOMPARE(Money::currencyForNumericCode(u"360"), QStringLiteral("IDR"));
    QCOMPARE(Money::currencyForNumericCode(u"008"), QStringLiteral("ALL"));
    QCOMPARE(Money::currencyForNumericCode(u"999"), QString());
    QCOMPARE(Money::currencyForNumericCode(u"97"), QString());
    for (int n = 0; n < 1000; ++n) {
        const QString code = Money::currencyForNumericCode(QStringLiteral("%1").arg(n, 3, 10, QLatin1Char('0')));
        QVERIFY2(code.isEmpty() || Money::isKnownCurrency(code), qPrintable(code));
    }
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
