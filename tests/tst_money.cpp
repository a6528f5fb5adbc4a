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
    QTest::addRow("en grouped") << "1,234.56" << "EUR" << "en_US" << qint64(123456);
    QTest::addRow("negative cent") << "-0.01" << "EUR" << "en_US" << qint64(-1);
    QTest::addRow("de grouped") << "1.234,56" << "EUR" << "de_DE" << qint64(123456);
    QTest::addRow("de plain") << "-12,5" << "EUR" << "de_DE" << qint64(-1250);
    QTest::addRow("de script form") << "1234.56" << "EUR" << "de_DE" << qint64(123456);
    QTest::addRow("c locale") << "1234.5" << "USD" << "C" << qint64(123450);
    QTest::addRow("integer") << "42" << "USD" << "en_US" << qint64(4200);
    QTest::addRow("plus sign") << "+7.00" << "USD" << "en_US" << qint64(700);
    QTest::addRow("leading dot") << ".5" << "USD" << "C" << qint64(50);
    QTest::addRow("jpy no decimals") << "1,500" << "JPY" << "en_US" << qint64(1500);
    QTest::addRow("bhd three") << "1.234" << "BHD" << "C" << qint64(1234);
    QTest::addRow("spaces") << "  10.10 " << "EUR" << "en_US" << qint64(1010);
    QTest::addRow("large") << "9,999,999,999.99" << "EUR" << "en_US" << qint64(999999999999);
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
    QTest::addRow("empty") << "" << "EUR";
    QTest::addRow("letters") << "12a" << "EUR";
    QTest::addRow("three decimals") << "1.234" << "EUR";
    QTest::addRow("jpy decimals") << "1.5" << "JPY";
    QTest::addRow("two points") << "1.2.3" << "EUR";
    QTest::addRow("only sign") << "-" << "EUR";
    QTest::addRow("overflow") << "99999999999999999999" << "EUR";
    QTest::addRow("overflow after scale") << "99999999999999999" << "EUR";
}

void TestMoney::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    auto m = Money::parse(text, currency, QLocale(QStringLiteral("en_US")));
    QVERIFY(!m.isOk());
    QVERIFY(m.status().isInvalidArgument());
    QCOMPARE(m.status().field(), QStringLiteral("amount"));
    QVERIFY(!m.status().message().isEmpty());
}

void TestMoney::format_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");
    QTest::addRow("en") << qint64(123456) << "EUR" << "en_US" << "1,234.56";
    QTest::addRow("de") << qint64(123456) << "EUR" << "de_DE" << "1.234,56";
    QTest::addRow("negative cent") << qint64(-1) << "EUR" << "en_US" << "-0.01";
    QTest::addRow("c no grouping") << qint64(123456789) << "USD" << "C" << "1234567.89";
    QTest::addRow("jpy") << qint64(1234567) << "JPY" << "en_US" << "1,234,567";
    QTest::addRow("bhd") << qint64(-5) << "BHD" << "C" << "-0.005";
    QTest::addRow("zero") << qint64(0) << "EUR" << "en_US" << "0.00";
    QTest::addRow("int64 min") << std::numeric_limits<qint64>::min() << "EUR" << "C" << "-92233720368547758.08";
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
    QVERIFY(!Money(std::numeric_limits<qint64>::min(), QStringLiteral("EUR")).minus(Money(1, QStringLiteral("EUR"))).isOk());
    qint64 out = 0;
    QVERIFY(!checkedMul(max / 2 + 1, 2, &out));
    QVERIFY(checkedAdd(max - 1, 1, &out));
    QCOMPARE(out, max);
}

void TestMoney::currencies()
{
    QVERIFY(Money::isKnownCurrency(QStringLiteral("EUR")));
    QVERIFY(Money::isKnownCurrency(QStringLiteral("JPY")));
    QVERIFY(!Money::isKnownCurrency(QStringLiteral("XYZ")));
    QVERIFY(!Money::isKnownCurrency(QStringLiteral("eur")));
    QCOMPARE(Money::decimalsFor(QStringLiteral("JPY")), 0);
    QCOMPARE(Money::decimalsFor(QStringLiteral("KWD")), 3);
    QCOMPARE(Money::decimalsFor(QStringLiteral("USD")), 2);
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
