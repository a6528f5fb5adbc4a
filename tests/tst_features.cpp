// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipeline/Features.h"

#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kMonday = 1'780'272'000'000; // 2026-06-01 00:00 UTC, a Monday

// Sixty usual supplier payments: weekdays at 10:00 or 14:00, amounts around 100.00 with cents, alternating
// between two suppliers, in category SupplierPayment.
TransactionColumns usualHistory()
{
    TransactionColumns rows;
    int n = 0;
    for (int day = 0; n < 60; ++day) {
        if (day % 7 >= 5)
            continue;
        for (int k = 0; k < 2 && n < 60; ++k, ++n) {
            const qint64 amount = -(9'000 + (n * 737) % 2'000 + 1); // 90.01 .. 110.00, never round
            rows.append(QStringLiteral("t%1").arg(n, 3, 10, QLatin1Char('0')), amount,
                        kMonday + day * kDay + (k == 0 ? 10 : 14) * kHour, int(Category::SupplierPayment),
                        n % 2 ? QStringLiteral("Initech Ltd") : QStringLiteral("Globex GmbH"));
        }
    }
    return rows;
}

// Inserts `row` into `rows` keeping (timestamp, id) order; returns its index.
qsizetype insertOrdered(TransactionColumns& rows, const QString& id, qint64 amount, qint64 timestamp, Category category,
                        const QString& counterparty)
{
    TransactionColumns out;
    qsizetype at = -1;
    for (qsizetype i = 0; i <= rows.size(); ++i) {
        if (at < 0 && (i == rows.size() || rows.timestamp[size_t(i)] > timestamp)) {
            at = out.size();
            out.append(id, amount, timestamp, int(category), counterparty);
        }
        if (i < rows.size())
            out.append(rows.ids[i], rows.amount[size_t(i)], rows.timestamp[size_t(i)], rows.category[size_t(i)],
                       rows.counterparties[rows.counterparty[size_t(i)]]);
    }
    rows = out;
    return at;
}

} // namespace

class TestFeatures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plantedRowStandsOut_data();
    void plantedRowStandsOut();
    void categorySentenceIsTrue();
    void basicColumns();
    void routineRepeatIsNoDuplicate();
    void amountAgainstThePayeesOwn();
    void contextOfVersionOneReads();
    void burstIsNotDuplicate();
    void statementLinesOfADayAreNoBurst();
    void contextRoundTrip();
    void incrementalMatchesBulk();
    void modelColumnsAndTypes();
    void reasonsLieAboveTypical();
};

// Each planted transaction differs from the usual history in one respect; its feature for that respect must lie
// beyond every usual transaction's value.
void TestFeatures::plantedRowStandsOut_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<qint64>("offset"); // from the Monday of the third week
    QTest::addColumn<int>("category");
    QTest::addColumn<QString>("counterparty");
    QTest::addColumn<int>("column");
    const QString usual = QStringLiteral("Initech Ltd");
    const int supplier = int(Category::SupplierPayment);
    QTest::addRow("amount spike") << qint64(-250'037) << 11 * kHour << supplier << usual << int(kAmountZCategory);
    QTest::addRow("unusual hour") << qint64(-10'133) << 3 * kHour << supplier << usual << int(kHourRarity);
    QTest::addRow("new counterparty") << qint64(-10'133) << 11 * kHour << supplier
                                      << QStringLiteral("Offshore Trading Ltd") << int(kCounterpartyRarity);
    QTest::addRow("new category") << qint64(-10'133) << 11 * kHour << int(Category::Tax) << usual
                                  << int(kCategoryRarity);
    QTest::addRow("duplicate") << qint64(-9'738) << 10 * kHour + 5 * kMinute << supplier
                               << QStringLiteral("Globex GmbH") << int(kDuplicate);
    QTest::addRow("round amount") << qint64(-10'000'00) << 11 * kHour << supplier << usual << int(kRoundAmount);
}

void TestFeatures::plantedRowStandsOut()
{
    QFETCH(qint64, amount);
    QFETCH(qint64, offset);
    QFETCH(int, category);
    QFETCH(QString, counterparty);
    QFETCH(int, column);
    TransactionColumns rows = usualHistory();
    const qint64 week3 = kMonday + 14 * kDay;
    // The "duplicate" row repeats the usual 10:00 payment of that Monday (row 20: n = 20, Globex).
    if (column == kDuplicate)
        amount = rows.amount[20];
    const qsizetype planted
        = insertOrdered(rows, QStringLiteral("planted"), amount, week3 + offset, Category(category), counterparty);
    const FeatureContext context = buildFeatureContext(rows);
    const FeatureMatrix m = computeFeatures(rows, context, true);
    QCOMPARE(m.rows(), rows.size());
    double usualMax = -1e300;
    for (qsizetype i = 0; i < m.rows(); ++i)
        if (i != planted)
            usualMax = std::max(usualMax, m(i, column));
    QVERIFY2(m(planted, column) > usualMax,
             qPrintable(QStringLiteral("%1: planted %2, usual max %3")
                            .arg(featureName(column))
                            .arg(m(planted, column))
                            .arg(usualMax)));
}

void TestFeatures::basicColumns()
{
    TransactionColumns rows;
    rows.append(QStringLiteral("a"), -12'345, kMonday + 9 * kHour, int(Category::Fees), QStringLiteral("Bank"));
    rows.append(QStringLiteral("b"), 50'000, kMonday + 9 * kHour + 30'000, int(Category::Transfer),
                QStringLiteral("Bank"));
    const FeatureMatrix m = computeFeatures(rows, buildFeatureContext(rows), true);
    QCOMPARE(m.cols(), qsizetype(kFeatureCount));
    QCOMPARE(m(0, kLogAmount), std::log1p(123.45));
    QCOMPARE(m(0, kDirection), -1.0);
    QCOMPARE(m(1, kDirection), 1.0);
    QCOMPARE(m(1, kLogGap), std::log1p(30.0));
    QCOMPARE(m(0, kBurst), 1.0); // each sees the other within 10 minutes
    QCOMPARE(m(0, kRoundAmount), 0.0);
    QCOMPARE(m(1, kRoundAmount), 4.0); // 500.00 = 50000 minor units
    QCOMPARE(m(0, kCounterpartyRarity), 0.0); // the only counterparty
    QCOMPARE(m(0, kCategoryRarity), -2 * std::log(0.5)); // half the account, half of the counterparty
    for (qsizetype i = 0; i < m.size(); ++i)
        QVERIFY(std::isfinite(m.data()[i]));
}

// Identical payments a minute apart are a burst: the repeats after the first show up in burst_10m, not as
// duplicates.
void TestFeatures::burstIsNotDuplicate()
{
    TransactionColumns rows = usualHistory();
    const qint64 at = kMonday + 15 * kDay + 11 * kHour;
    for (int k = 0; k < 6; ++k)
        insertOrdered(rows, QStringLiteral("burst%1").arg(k), -4'999, at + k * kMinute, Category::SupplierPayment,
                      QStringLiteral("Initech Ltd"));
    const FeatureMatrix m = computeFeatures(rows, buildFeatureContext(rows), true);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (!rows.ids[i].startsWith(QLatin1String("burst")))
            continue;
        QCOMPARE(m(i, kBurst), 5.0);
        if (rows.ids[i] != QLatin1String("burst0") && rows.ids[i] != QLatin1String("burst1"))
            QVERIFY2(m(i, kDuplicate) < 4.0, qPrintable(rows.ids[i]));
    }
}

// Statement lines with a date only (12:00:00.000 UTC, as the importers book them): three payments to one party on
// one day are no burst within 10 minutes, and two equal ones a day apart are a repeat "1 day earlier".
void TestFeatures::statementLinesOfADayAreNoBurst()
{
    TransactionColumns rows = usualHistory();
    const qint64 noon = kMonday + 15 * kDay + 12 * kHour;
    QVERIFY(isDateOnlyTimestamp(noon) && !isDateOnlyTimestamp(noon + 1));
    for (int k = 0; k < 3; ++k)
        insertOrdered(rows, QStringLiteral("day%1").arg(k), -4'999 - k, noon, Category::SupplierPayment,
                      QStringLiteral("Initech Ltd"));
    insertOrdered(rows, QStringLiteral("again"), -4'999, noon + kDay, Category::SupplierPayment,
                  QStringLiteral("Initech Ltd"));
    const FeatureContext context = buildFeatureContext(rows);
    const FeatureMatrix m = computeFeatures(rows, context, true);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows.ids[i].startsWith(QLatin1String("day")))
            QCOMPARE(m(i, kBurst), 0.0);
        if (rows.ids[i] == QLatin1String("again")) {
            QVERIFY(m(i, kDuplicate) >= 4.0);
            const std::vector<IsolationForest::FeatureContribution> parts {{kDuplicate, 1.0, m(i, kDuplicate), 0.0}};
            const QString words = explainRow(rows, i, QStringLiteral("EUR"), m.row(i), parts, context, 1)
                                      .at(0)
                                      .toObject()
                                      .value(QLatin1String("text"))
                                      .toString();
            QVERIFY2(words.contains(QLatin1String("1 day earlier")), qPrintable(words));
        }
    }
}

void TestFeatures::contextRoundTrip()
{
    const TransactionColumns rows = usualHistory();
    const FeatureContext context = buildFeatureContext(rows);
    auto back = FeatureContext::deserialize(context.serialize());
    QVERIFY(back.isOk());
    QCOMPARE(back->rows, context.rows);
    QCOMPARE(back->amount.median, context.amount.median);
    QCOMPARE(back->counterpartyCounts, context.counterpartyCounts);
    QCOMPARE(back->categories.size(), context.categories.size());
    QVERIFY(back->timeCounts == context.timeCounts);
    QVERIFY(computeFeatures(rows, *back, true) == computeFeatures(rows, context, true));
    QVERIFY(FeatureContext::deserialize(QByteArray("junk")).status().isCorruption());
}

// Instant scoring reads a new row against the stored statistics and only its last 48 hours; the result is close
// to the bulk pass over the whole history with the row in it.
void TestFeatures::incrementalMatchesBulk()
{
    TransactionColumns history = usualHistory();
    const FeatureContext context = buildFeatureContext(history);
    TransactionColumns withNew = history;
    const qint64 t = history.timestamp.back() + 2 * kHour;
    const qsizetype at
        = insertOrdered(withNew, QStringLiteral("new"), -10'234, t, Category::SupplierPayment, QStringLiteral("Acme"));
    const FeatureMatrix bulk = computeFeatures(withNew, buildFeatureContext(withNew), true);

    TransactionColumns window;
    for (qsizetype i = 0; i < withNew.size(); ++i)
        if (withNew.timestamp[size_t(i)] >= t - 48 * kHour)
            window.append(withNew.ids[i], withNew.amount[size_t(i)], withNew.timestamp[size_t(i)],
                          withNew.category[size_t(i)], withNew.counterparties[withNew.counterparty[size_t(i)]]);
    const FeatureMatrix instant = computeFeatures(window, context, false);
    const qsizetype last = window.size() - 1;
    QCOMPARE(window.ids[last], QStringLiteral("new"));
    for (int c : {int(kLogAmount), int(kDirection), int(kLogGap), int(kBurst), int(kDuplicate), int(kRoundAmount),
                  int(kCounterpartyRarity), int(kCategoryRarity)})
        QVERIFY2(std::abs(instant(last, c) - bulk(at, c)) < 0.05, qPrintable(featureName(c)));
}

void TestFeatures::modelColumnsAndTypes()
{
    QVERIFY(!modelColumns().empty());
    for (int c : modelColumns()) {
        QVERIFY(c >= 0 && c < kFeatureCount);
        QVERIFY(!featureName(c).isEmpty());
        QVERIFY(allAnomalyTypes().contains(anomalyTypeForFeature(c)));
    }
    QCOMPARE(anomalyTypeForFeature(kDuplicate), AnomalyType::DuplicatePayment);
    QCOMPARE(anomalyTypeForFeature(kBurst), AnomalyType::RapidBurst);
    QCOMPARE(anomalyTypeForFeature(kRoundAmount), AnomalyType::RoundAmount);
    FeatureMatrix m = FeatureMatrix::Random(3, kFeatureCount);
    const FeatureMatrix in = modelInput(m);
    QCOMPARE(in.cols(), qsizetype(modelColumns().size()));
    QCOMPARE(in(2, 0), modelValue(modelColumns()[0], m(2, modelColumns()[0])));
    // modelValue() and featureValue() are inverses, and keep the order of values.
    for (int c : modelColumns()) {
        for (double v : {-3.0, 0.0, 0.5, 2.0, 4.5, 6.0}) {
            if (v < 0 && c != kAmountZCategory)
                continue;
            QVERIFY2(std::abs(featureValue(c, modelValue(c, v)) - v) < 1e-9, qPrintable(featureName(c)));
            QVERIFY(modelValue(c, v + 0.25) > modelValue(c, v));
        }
    }
}

void TestFeatures::reasonsLieAboveTypical()
{
    using FC = IsolationForest::FeatureContribution;
    const QString eur = QStringLiteral("EUR");
    // A round amount: a multiple of 100 in major units, and rounder than the account's usual amounts.
    QVERIFY(isReason(FC {kRoundAmount, 0.3, 4.0, 0.0}, -500'00, eur));
    QVERIFY(!isReason(FC {kRoundAmount, 0.3, 1.0, 0.0}, 12121'50, eur)); // one trailing zero is no round amount
    QVERIFY(!isReason(FC {kRoundAmount, 0.3, 2.0, 0.0}, 181'00, eur));
    QVERIFY(!isReason(FC {kRoundAmount, 0.3, 4.0, 4.0}, 500'00, eur)); // as round as the account's usual ones
    QVERIFY(isReason(FC {kRoundAmount, 0.3, 2.0, 0.0}, 500, QStringLiteral("JPY")));
    // One-sided features only above typical; two-sided ones either way.
    QVERIFY(!isReason(FC {kHourRarity, 0.3, 3.93, 4.27}, 4240, eur));
    QVERIFY(isReason(FC {kHourRarity, 0.3, 6.0, 4.27}, 4240, eur));
    QVERIFY(!isReason(FC {kCounterpartyRarity, 0.3, 1.0, 1.0}, 4240, eur));
    QVERIFY(!isReason(FC {kBurst, 0.3, 0.0, 0.0}, 4240, eur));
    QVERIFY(!isReason(FC {kDuplicate, 0.3, 0.46, 0.0}, 4240, eur)); // 35 % apart: not close
    QVERIFY(isReason(FC {kDuplicate, 0.3, 1.5, 0.0}, 4240, eur));
    QVERIFY(isReason(FC {kDuplicate, 0.3, 4.9, 3.0}, 4240, eur)); // an exact repeat within 48 h
    QVERIFY(isReason(FC {kAmountZ, 0.3, -3.0, 0.0}, 4240, eur));
    QVERIFY(isReason(FC {kLogGap, 0.3, 0.5, 9.0}, 4240, eur));
    // Two-sided features clearly apart from the typical, or, where a row has no clear reason, at all.
    QVERIFY(!isReason(FC {kAmountZCategory, 0.3, 0.4, 0.0}, 4240, eur)); // "typical of the account's amounts"
    QVERIFY(isReason(FC {kAmountZCategory, 0.3, 0.4, 0.0}, 4240, eur, false));
    QVERIFY(!isReason(FC {kAmountZ, 0.3, -1.2, 0.0}, 4240, eur));
    QVERIFY(!isReason(FC {kLogAmount, 0.3, 4.0, 3.5}, 4240, eur));
    QVERIFY(isReason(FC {kLogAmount, 0.3, 6.0, 3.5}, 4240, eur));
    QVERIFY(!isReason(FC {kLogGap, 0.3, 8.0, 9.0}, 4240, eur));
    QVERIFY(!isReason(FC {kDirection, 0.3, -1.0, -1.0}, 4240, eur));
    QVERIFY(isReason(FC {kDirection, 0.3, 1.0, -1.0}, 4240, eur));
    QVERIFY(!isReason(FC {kRoundAmount, 0.3, 1.0, 0.0}, 12121'50, eur, false)); // one-sided rules hold either way
}

// A counterparty paid the same amount every day: its repeats are its habit (duplicate 3, an amount as close as can
// be), not duplicates; a repeat at a counterparty paid varying amounts still is one.
void TestFeatures::routineRepeatIsNoDuplicate()
{
    TransactionColumns rows = usualHistory();
    for (int day = 0; day < 12; ++day)
        insertOrdered(rows, QStringLiteral("fee%1").arg(day, 2, 10, QLatin1Char('0')), -2'500,
                      kMonday + day * kDay + 6 * kHour, Category::Fees, QStringLiteral("Daily Fee Co"));
    insertOrdered(rows, QStringLiteral("first"), -12'345, kMonday + 15 * kDay + 11 * kHour, Category::SupplierPayment,
                  QStringLiteral("Globex GmbH"));
    const qsizetype repeat = insertOrdered(rows, QStringLiteral("repeat"), -12'345, kMonday + 15 * kDay + 16 * kHour,
                                           Category::SupplierPayment, QStringLiteral("Globex GmbH"));
    const FeatureMatrix m = computeFeatures(rows, buildFeatureContext(rows), true);
    bool sawFee = false;
    for (qsizetype i = 0; i < rows.size(); ++i)
        if (rows.ids[i].startsWith(QLatin1String("fee")) && rows.ids[i] != QLatin1String("fee00")) {
            QCOMPARE(m(i, kDuplicate), 3.0);
            sawFee = true;
        }
    QVERIFY(sawFee);
    QVERIFY2(m(repeat, kDuplicate) >= 4.0, qPrintable(QString::number(m(repeat, kDuplicate))));

    // A new fee scored on its own against the stored context (instant scoring) reads alike.
    const FeatureContext context = buildFeatureContext(rows);
    TransactionColumns fresh;
    fresh.append(QStringLiteral("fee11"), -2'500, kMonday + 11 * kDay + 6 * kHour, int(Category::Fees),
                 QStringLiteral("Daily Fee Co"));
    fresh.append(QStringLiteral("fee12"), -2'500, kMonday + 12 * kDay + 6 * kHour, int(Category::Fees),
                 QStringLiteral("Daily Fee Co"));
    QCOMPARE(computeFeatures(fresh, context, false)(1, kDuplicate), 3.0);

    // A small supplier that billed twice on 2 of its 5 invoices: no habit, both repeats are duplicates.
    TransactionColumns small = usualHistory();
    for (int n = 0; n < 5; ++n) {
        const qint64 amount = n < 2 ? -50'000 : n < 4 ? -61'000 : -70'000;
        insertOrdered(small, QStringLiteral("inv%1").arg(n), amount,
                      kMonday + (10 + 3 * (n / 2)) * kDay + (9 + n) * kHour, Category::SupplierPayment,
                      QStringLiteral("Small Supplier"));
    }
    const FeatureMatrix ms = computeFeatures(small, buildFeatureContext(small), true);
    for (qsizetype i = 0; i < small.size(); ++i)
        if (small.ids[i] == QLatin1String("inv1") || small.ids[i] == QLatin1String("inv3"))
            QVERIFY2(ms(i, kDuplicate) >= 4.0, qPrintable(small.ids[i]));
}

// A supplier paid about 690.00 each time, among suppliers of every size: 12,400.00 to it stands out against its own
// amounts, though it is ordinary for the category; the explanation names the supplier and its usual amount.
void TestFeatures::amountAgainstThePayeesOwn()
{
    TransactionColumns rows;
    for (int n = 0; n < 40; ++n) {
        const qint64 t = kMonday + n * kDay + 10 * kHour;
        rows.append(QStringLiteral("big%1").arg(n, 2, 10, QLatin1Char('0')), -(100'000 + (n * 977'713) % 2'000'000), t,
                    int(Category::SupplierPayment), QStringLiteral("Supplier %1").arg(n % 5));
        if (n % 3 == 0)
            rows.append(QStringLiteral("small%1").arg(n, 2, 10, QLatin1Char('0')), -(69'000 + (n % 4) * 50), t + kHour,
                        int(Category::SupplierPayment), QStringLiteral("Acme Small"));
    }
    const qsizetype spike = insertOrdered(rows, QStringLiteral("spike"), -1'240'000, kMonday + 41 * kDay + 11 * kHour,
                                          Category::SupplierPayment, QStringLiteral("Acme Small"));
    const FeatureContext context = buildFeatureContext(rows);
    QVERIFY(context.counterpartyAmounts.contains(QStringLiteral("Acme Small")));
    const FeatureMatrix m = computeFeatures(rows, context, true);
    QVERIFY2(m(spike, kAmountZCategory) > 8.0, qPrintable(QString::number(m(spike, kAmountZCategory))));
    // Against the category alone it would be within the suppliers' spread.
    const FeatureContext::Centre category = context.categories.value(int(Category::SupplierPayment));
    QVERIFY(std::abs((std::log1p(12'400.0) - category.median) / category.mad) < 3.0);
    const std::vector<IsolationForest::FeatureContribution> parts {
        {kAmountZCategory, 1.0, m(spike, kAmountZCategory), 0.0}};
    const QString words = explainRow(rows, spike, QStringLiteral("EUR"), m.row(spike), parts, context, 1)
                              .at(0)
                              .toObject()
                              .value(QLatin1String("text"))
                              .toString();
    QVERIFY2(words.contains(
                 QLatin1String("11.5 robust deviations above the account's usual amount with Acme Small (691.00 EUR, "
                               "15 transactions)")),
             qPrintable(words));
    auto back = FeatureContext::deserialize(context.serialize());
    QVERIFY(back.isOk());
    QCOMPARE(back->counterpartyAmounts.size(), context.counterpartyAmounts.size());
    QCOMPARE(back->counterpartyAmounts.value(QStringLiteral("Acme Small")).median,
             context.counterpartyAmounts.value(QStringLiteral("Acme Small")).median);
}

// A context stored before the counterparties' centres (version 1) still reads: its rows are read against their
// categories, as its forest was fitted.
void TestFeatures::contextOfVersionOneReads()
{
    const TransactionColumns rows = usualHistory();
    FeatureContext context = buildFeatureContext(rows);
    context.counterpartyAmounts.clear();
    QByteArray bytes = context.serialize();
    bytes.chop(4); // the count of counterparty centres, 0
    bytes[7] = 1; // the version (big-endian quint32 after the magic)
    auto back = FeatureContext::deserialize(bytes);
    QVERIFY2(back.isOk(), qPrintable(back.status().toString()));
    QVERIFY(back->counterpartyAmounts.isEmpty());
    QCOMPARE(back->rows, context.rows);
    QCOMPARE(back->weekdayCounts, context.weekdayCounts);
}

QTEST_GUILESS_MAIN(TestFeatures)
// The category sentence says "rare" only under 5 % of the account, "unusual with" a payee only when under half of
// the payee's transactions have the category, and otherwise only the counts.
void TestFeatures::categorySentenceIsTrue()
{
    TransactionColumns rows = usualHistory(); // 60 supplier payments
    for (int i = 0; i < 6; ++i) // 6 of 66 (9 %): not rare; every Hooli row is Interest
        rows.append(QStringLiteral("i%1").arg(i), 2'000 + i, kMonday + (90 + i) * kDay, int(Category::Interest),
                    QStringLiteral("Hooli Bank"));
    rows.append(QStringLiteral("z"), -9'500, kMonday + 100 * kDay, int(Category::Interest),
                QStringLiteral("Globex GmbH")); // Interest from a supplier: 1 of its 31
    const FeatureContext context = buildFeatureContext(rows);
    const FeatureMatrix m = computeFeatures(rows, context, true);
    const auto sentence = [&](qsizetype i) {
        const std::vector<IsolationForest::FeatureContribution> parts {
            {kCategoryRarity, 1.0, m(i, kCategoryRarity), 0.0}};
        return explainRow(rows, i, QStringLiteral("EUR"), m.row(i), parts, context, 1)
            .at(0)
            .toObject()
            .value(QLatin1String("text"))
            .toString();
    };
    const QString usual = sentence(rows.size() - 2); // the last Hooli row
    QVERIFY2(!usual.contains(QLatin1String("unusual")) && !usual.contains(QLatin1String("rare")), qPrintable(usual));
    QVERIFY2(usual.contains(QLatin1String("7 of the account's 67 transactions")), qPrintable(usual));
    const QString odd = sentence(rows.size() - 1);
    QVERIFY2(odd.contains(QLatin1String("unusual with Globex GmbH: 1 of the 31 transactions")), qPrintable(odd));
    // The amount against its category's names the category as the ledger labels it.
    const std::vector<IsolationForest::FeatureContribution> amount {{kAmountZCategory, 1.0, 0.0, 0.0}};
    const QString words
        = explainRow(rows, rows.size() - 1, QStringLiteral("EUR"), m.row(rows.size() - 1), amount, context, 1)
              .at(0)
              .toObject()
              .value(QLatin1String("text"))
              .toString();
    QVERIFY2(words.contains(QLatin1String("amounts in category Interest")), qPrintable(words));
}

#include "tst_features.moc"
