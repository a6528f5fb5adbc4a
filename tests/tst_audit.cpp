// SPDX-License-Identifier: GPL-3.0-or-later
// The classic audit tests (core/audit): each test on data with a known answer and at its boundary, the settings'
// JSON and validation, the stored settings, and the score part provider on a real ledger.
#include "audit/AuditScoreParts.h"
#include "audit/AuditSettings.h"
#include "audit/AuditTests.h"
#include "ledger/Ledger.h"
#include "ledger_fixture.h"

#include <QJsonDocument>
#include <QTest>
#include <cmath>
#include <random>

using namespace ledgerguard;

namespace {

const QTimeZone kUtc = QTimeZone::utc();

qint64 at(int y, int m, int d, int hh = 10, int mm = 0, const QTimeZone& zone = kUtc)
{
    return QDateTime(QDate(y, m, d), QTime(hh, mm), zone).toMSecsSinceEpoch();
}

AuditRow row(qint64 amount, qint64 timestamp, const QString& counterparty = QStringLiteral("Acme"),
             const QString& description = QStringLiteral("Invoice"), const QString& currency = QStringLiteral("EUR"))
{
    static int n = 0;
    return AuditRow {QStringLiteral("t%1").arg(++n), 1, amount, currency, timestamp, counterparty, description,
                     Category::SupplierPayment};
}

QList<qsizetype> hitRows(const AuditResults& r, const QString& key)
{
    QList<qsizetype> rows;
    for (const AuditHit& h : r.test(key)->hits)
        rows << h.row;
    return rows;
}

AuditResults run(std::vector<AuditRow> rows, const AuditSettings& s = AuditSettings::defaults(),
                 const QTimeZone& zone = kUtc)
{
    return runAuditTests(std::move(rows), s, zone);
}

// Amounts in minor units drawn log-uniformly over four decades (1.00 .. 10,000.00): their digits follow Benford's law.
std::vector<qint64> benfordAmounts(int n, unsigned seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 4.0);
    std::vector<qint64> out;
    for (int i = 0; i < n; ++i)
        out.push_back(-std::max<qint64>(100, qint64(std::floor(100.0 * std::pow(10.0, u(rng))))));
    return out;
}

} // namespace

class TestAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void benfordConformsOnBenfordData()
    {
        for (unsigned seed : {1u, 2u, 3u}) {
            const auto amounts = benfordAmounts(5000, seed);
            const std::vector<int> decimals(amounts.size(), 2);
            const BenfordResult first = benfordTest(amounts, decimals, 1);
            QVERIFY(first.enoughData);
            QCOMPARE(first.count, 5000);
            QVERIFY2(first.conformity <= BenfordConformity::Acceptable, qPrintable(QString::number(first.mad)));
            const BenfordResult two = benfordTest(amounts, decimals, 2);
            QVERIFY(two.enoughData);
            QVERIFY2(two.conformity <= BenfordConformity::Acceptable, qPrintable(QString::number(two.mad)));
            QCOMPARE(two.digit.front(), 10);
            QCOMPARE(two.digit.back(), 99);
            QCOMPARE(two.expected.front(), std::log10(1.0 + 1.0 / 10));
        }
        std::vector<AuditRow> rows;
        qint64 t = at(2024, 1, 1);
        for (qint64 a : benfordAmounts(3000, 7))
            rows.push_back(row(a, t += kHourMs, QStringLiteral("P%1").arg(rows.size())));
        const AuditResults r = run(rows);
        QCOMPARE(r.test(QStringLiteral("benford_first"))->outcome, AuditOutcome::Conforms);
        QCOMPARE(r.test(QStringLiteral("benford_first_two"))->outcome, AuditOutcome::Conforms);
        QVERIFY(r.test(QStringLiteral("benford_first"))->hits.isEmpty());
    }

    void benfordNonconformingOnUniformData()
    {
        std::mt19937_64 rng(11);
        std::uniform_int_distribution<qint64> u(1000, 999999); // 10.00 .. 9,999.99
        std::vector<AuditRow> rows;
        qint64 t = at(2024, 1, 1);
        for (int i = 0; i < 3000; ++i)
            rows.push_back(row(-u(rng), t += kHourMs, QStringLiteral("P%1").arg(i)));
        const AuditResults r = run(rows);
        QCOMPARE(r.firstDigit.conformity, BenfordConformity::Nonconformity);
        QVERIFY(r.firstDigit.mad > 0.04);
        QCOMPARE(r.firstTwoDigits.conformity, BenfordConformity::Nonconformity);
        const AuditTestResult* first = r.test(QStringLiteral("benford_first"));
        QCOMPARE(first->outcome, AuditOutcome::Finding);
        // Uniform data over-represents the high digits: 9 stands out, 1 never does.
        QVERIFY(first->hits.size() > 0);
        bool nine = false;
        for (const AuditHit& h : first->hits) {
            const qint64 a = -r.rows[size_t(h.row)].amount;
            QVERIFY(QString::number(a).front() != QLatin1Char('1'));
            nine = nine || QString::number(a).front() == QLatin1Char('9');
            QVERIFY(h.text.contains(QStringLiteral("expected by Benford's law")));
            if (QString::number(a).front() == QLatin1Char('9'))
                QVERIFY2(h.text.contains(QStringLiteral(" of the amounts begin with 9 (first digit) against ")),
                         qPrintable(h.text));
        }
        QVERIFY(nine);
        QVERIFY(r.firstDigit.z[8] > kBenfordDigitZ);
        QVERIFY(r.firstDigit.observed[8] > r.firstDigit.expected[8]);
    }

    void benfordNotEnoughDataBelowItsMinimum()
    {
        std::vector<AuditRow> rows;
        qint64 t = at(2024, 1, 1);
        for (qint64 a : benfordAmounts(int(kBenfordMinimumFirst) - 1, 5))
            rows.push_back(row(a, t += kHourMs, QStringLiteral("P%1").arg(rows.size())));
        // Amounts below 1.00 never count.
        rows.push_back(row(-99, t += kHourMs, QStringLiteral("small")));
        AuditResults r = run(rows);
        QCOMPARE(r.firstDigit.count, kBenfordMinimumFirst - 1);
        QCOMPARE(r.test(QStringLiteral("benford_first"))->outcome, AuditOutcome::NotEnoughData);
        QVERIFY(r.test(QStringLiteral("benford_first"))->summary.contains(QStringLiteral("needs 500")));
        rows.push_back(row(-150, t += kHourMs, QStringLiteral("one more")));
        r = run(rows);
        QCOMPARE(r.firstDigit.count, kBenfordMinimumFirst);
        QVERIFY(r.test(QStringLiteral("benford_first"))->outcome != AuditOutcome::NotEnoughData);
        QCOMPARE(r.test(QStringLiteral("benford_first_two"))->outcome, AuditOutcome::NotEnoughData);
    }

    void benfordZStatistic()
    {
        // 100 amounts, 40 with first digit 1: z = (|0.40 - 0.30103| - 1/200) / sqrt(0.30103 * 0.69897 / 100).
        std::vector<qint64> amounts;
        for (int i = 0; i < 40; ++i)
            amounts.push_back(100);
        for (int i = 0; i < 60; ++i)
            amounts.push_back(500);
        const BenfordResult b = benfordTest(amounts, std::vector<int>(amounts.size(), 2), 1);
        const double pe = std::log10(2.0);
        QCOMPARE(b.observed[0], 0.4);
        QVERIFY(std::abs(b.z[0] - (0.4 - pe - 0.005) / std::sqrt(pe * (1 - pe) / 100)) < 1e-12);
        double mad = 0;
        for (size_t d = 0; d < 9; ++d)
            mad += std::abs(b.observed[d] - b.expected[d]);
        QVERIFY(std::abs(b.mad - mad / 9) < 1e-15);
    }

    void exactDuplicatesWithinTheWindow()
    {
        AuditSettings s = AuditSettings::defaults();
        s.duplicateWindowDays = 3;
        const AuditResults r
            = run({row(-420000, at(2024, 11, 2)), row(-420000, at(2024, 11, 5), QStringLiteral(" acme ")),
                   row(-420000, at(2024, 11, 9)), row(-420001, at(2024, 11, 9)), row(420000, at(2024, 11, 9)),
                   row(-420000, at(2024, 11, 9), QStringLiteral("Other"))},
                  s);
        const AuditTestResult* d = r.test(QStringLiteral("duplicate_payment"));
        QCOMPARE(d->outcome, AuditOutcome::Finding);
        // Day 3 is inside the window; the payment 4 days after the second is not; another amount, a receipt and
        // another counterparty are no duplicates.
        QCOMPARE(hitRows(r, QStringLiteral("duplicate_payment")), QList<qsizetype>({1}));
        QCOMPARE(d->hits[0].text,
                 QStringLiteral("second payment of 4,200.00 EUR to acme within 3 days (first on 2 Nov 2024)"));
        QCOMPARE(d->hits[0].related, QList<qsizetype>({0}));
        QCOMPARE(d->tested, 5);
        QCOMPARE(d->summary, QStringLiteral("1 of 5 payments repeat an earlier one."));
    }

    // A counterparty paid the same amount again by habit (a daily fee): its repeats are listed at a fifth of the
    // strength, with the habit in words; a repeat at a counterparty paid varying amounts keeps its full strength.
    void routineRepeatsAreWeak()
    {
        std::vector<AuditRow> rows;
        for (int day = 1; day <= 10; ++day)
            rows.push_back(row(-2500, at(2024, 11, day), QStringLiteral("Daily Fee Co")));
        for (int day = 1; day <= 10; ++day)
            rows.push_back(row(-10000 - day * 1371, at(2024, 11, day)));
        rows.push_back(row(-11371, at(2024, 11, 3)));
        const AuditResults r = run(rows);
        const AuditTestResult* d = r.test(QStringLiteral("duplicate_payment"));
        QCOMPARE(d->hits.size(), 10);
        for (const AuditHit& h : d->hits) {
            if (rows[size_t(h.row)].counterparty == QLatin1String("Acme")) {
                QCOMPARE(h.strength, 1.0);
            } else {
                QCOMPARE(h.strength, 0.2);
                QVERIFY2(h.text.endsWith(QLatin1String("; 9 of the 10 payments to Daily Fee Co repeat an earlier one")),
                         qPrintable(h.text));
            }
        }
    }

    void nearDuplicates()
    {
        const AuditResults r = run({
            row(-99900, at(2024, 5, 1), QStringLiteral("ACME Ltd")),
            row(-99900, at(2024, 5, 2), QStringLiteral("Acme Ltd.")), // same counterparty but for punctuation
            row(-99900, at(2024, 5, 3), QStringLiteral("Bolt GmbH")), // another payee
            row(-5000, at(2024, 5, 1), QStringLiteral("Shop A"), QStringLiteral("Card payment")),
            row(-5000, at(2024, 5, 1), QStringLiteral("Shop B"), QStringLiteral("Card payment")), // no reference
            row(-7000, at(2024, 5, 1), QStringLiteral("Kappa"), QStringLiteral("Invoice 2024-4711")),
            row(-7000, at(2024, 5, 4), QStringLiteral("Omega"), QStringLiteral("invoice 2024/4711")),
            row(-7000, at(2024, 5, 20), QStringLiteral("Kappa Ltd"), QStringLiteral("Invoice 2024-4711")), // too late
        });
        QCOMPARE(hitRows(r, QStringLiteral("near_duplicate")), QList<qsizetype>({1, 6}));
        const AuditTestResult* n = r.test(QStringLiteral("near_duplicate"));
        QCOMPARE(n->hits[0].strength, 1.0);
        QVERIFY2(n->hits[0].text.contains(QStringLiteral("to \"Acme Ltd.\" 1 day after one of the same amount to "
                                                         "\"ACME Ltd\" on 1 May 2024")),
                 qPrintable(n->hits[0].text));
        QVERIFY(n->hits[1].text.contains(QStringLiteral("descriptions 100 % similar")));
        QCOMPARE(hitRows(r, QStringLiteral("duplicate_payment")), QList<qsizetype>());
        QCOMPARE(textSimilarity(QStringLiteral("kitten"), QStringLiteral("sitting")), 0.0); // one word each, unlike
        QCOMPARE(textSimilarity(QStringLiteral("Acme Limited"), QStringLiteral("ACME Lmited")), 1.0 - 1.0 / 12.0);
        QCOMPARE(textSimilarity(QStringLiteral("Shop A"), QStringLiteral("Shop B")), 0.5);
        QCOMPARE(textSimilarity(QStringLiteral("Invoice 4711"), QStringLiteral("Invoice 4712")), 0.5);
        QCOMPARE(textSimilarity(QString(), QStringLiteral("a")), 0.0);
    }

    void roundAmounts()
    {
        const AuditResults r = run({row(-10000, at(2024, 5, 1)), row(-100000, at(2024, 5, 2)),
                                    row(-9999, at(2024, 5, 3)), row(100000, at(2024, 5, 4)),
                                    row(-100, at(2024, 5, 5), QStringLiteral("Tokyo"), {}, QStringLiteral("JPY")),
                                    row(-150, at(2024, 5, 6), QStringLiteral("Tokyo"), {}, QStringLiteral("JPY"))});
        QCOMPARE(hitRows(r, QStringLiteral("round_amount")), QList<qsizetype>({0, 1, 4}));
        const AuditTestResult* t = r.test(QStringLiteral("round_amount"));
        QCOMPARE(t->hits[0].strength, 0.5);
        QCOMPARE(t->hits[1].strength, 1.0);
        QCOMPARE(t->hits[1].text, QStringLiteral("round amount 1,000.00 EUR (a multiple of 1,000)"));
        QCOMPARE(t->tested, 5);
    }

    void justBelowTheLimitAndSplits()
    {
        AuditSettings s = AuditSettings::defaults(); // limit 10,000, 5 %
        const AuditResults r = run(
            {row(-950000, at(2024, 5, 1), QStringLiteral("A")), row(-949999, at(2024, 5, 1), QStringLiteral("B")),
             row(-1000000, at(2024, 5, 1), QStringLiteral("C")), row(-999999, at(2024, 5, 8), QStringLiteral("A")),
             row(-960000, at(2024, 5, 9), QStringLiteral("D")), row(-960000, at(2024, 5, 17), QStringLiteral("D"))},
            s);
        QCOMPARE(hitRows(r, QStringLiteral("just_below_limit")), QList<qsizetype>({0, 3, 4, 5}));
        const AuditTestResult* b = r.test(QStringLiteral("just_below_limit"));
        QCOMPARE(b->hits[0].strength, 0.5);
        QVERIFY(b->hits[1].strength > 0.99);
        QCOMPARE(b->hits[1].text,
                 QStringLiteral("amount 9,999.99 EUR is 0.0 % below the approval limit 10,000.00 EUR"));
        // A's two are 7 days apart (inside the window); D's are 8 days apart (outside).
        QCOMPARE(hitRows(r, QStringLiteral("split_payment")), QList<qsizetype>({0, 3}));
        QCOMPARE(r.test(QStringLiteral("split_payment"))->hits[0].text,
                 QStringLiteral("one of 2 payments just below the approval limit 10,000.00 EUR to A within 7 days, "
                                "together 19,499.99 EUR"));
        s.splitCount = 3;
        QVERIFY(run(r.rows, s).test(QStringLiteral("split_payment"))->hits.isEmpty());
    }

    void calendar()
    {
        const AuditResults r = run({
            row(-100, at(2024, 11, 2)), // Saturday
            row(-100, at(2024, 12, 25)), // Wednesday, Christmas
            row(-100, at(2024, 3, 29)), // Good Friday 2024
            row(-100, at(2024, 4, 2, 7, 59)), // Tuesday, before 08:00
            row(-100, at(2024, 4, 2, 8, 0)), row(-100, at(2024, 4, 2, 17, 59)),
            row(-100, at(2024, 4, 2, 18, 0)), // from 18:00 on
            row(-100, at(2024, 4, 6, 23, 0)), // Saturday night: a weekend posting, not also off-hours
            row(-100, at(2024, 4, 3, 12, 0)), // date-only (12:00 UTC): no time of day
        });
        QCOMPARE(hitRows(r, QStringLiteral("weekend")), QList<qsizetype>({0, 7}));
        QCOMPARE(r.test(QStringLiteral("weekend"))->hits[0].text, QStringLiteral("booked on a Saturday, 2 Nov 2024"));
        QCOMPARE(hitRows(r, QStringLiteral("holiday")), QList<qsizetype>({1, 2}));
        QCOMPARE(r.test(QStringLiteral("holiday"))->hits[1].text, QStringLiteral("booked on 29 Mar 2024, Good Friday"));
        QCOMPARE(hitRows(r, QStringLiteral("off_hours")), QList<qsizetype>({3, 6}));
        QCOMPARE(r.test(QStringLiteral("off_hours"))->tested, 8);
        QCOMPARE(r.test(QStringLiteral("off_hours"))->hits[0].text,
                 QStringLiteral("booked at 07:59 on 2 Apr 2024, outside business hours 08:00-18:00"));

        // In Berlin 16:30 UTC in June is 18:30: outside business hours there, not in UTC.
        const QTimeZone berlin("Europe/Berlin");
        QVERIFY(berlin.isValid());
        const std::vector<AuditRow> late {row(-100, at(2024, 6, 3, 16, 30))};
        QCOMPARE(hitRows(run(late, AuditSettings::defaults(), berlin), QStringLiteral("off_hours")).size(), 1);
        QCOMPARE(hitRows(run(late), QStringLiteral("off_hours")).size(), 0);

        // Statement lines with dates only: not enough data for the hours test.
        const AuditResults dates = run({row(-100, at(2024, 4, 3, 12, 0)), row(-100, at(2024, 4, 4, 12, 0))});
        QCOMPARE(dates.test(QStringLiteral("off_hours"))->outcome, AuditOutcome::NotEnoughData);
        QCOMPARE(dates.test(QStringLiteral("weekend"))->outcome, AuditOutcome::Conforms);
    }

    void easterAndHolidays()
    {
        QCOMPARE(easterSunday(2024), QDate(2024, 3, 31));
        QCOMPARE(easterSunday(2025), QDate(2025, 4, 20));
        QCOMPARE(easterSunday(2026), QDate(2026, 4, 5));
        QCOMPARE(easterSunday(2000), QDate(2000, 4, 23));
        QCOMPARE(easterSunday(2019), QDate(2019, 4, 21));
        QCOMPARE(holidayPresetDate(QStringLiteral("whit_monday"), 2024), QDate(2024, 5, 20));
        QCOMPARE(holidayPresetDate(QStringLiteral("ascension"), 2024), QDate(2024, 5, 9));
        AuditSettings s = AuditSettings::defaults();
        s.fixedHolidays = {QStringLiteral("05-01"), QStringLiteral("2024-10-03"), QStringLiteral("02-29")};
        s.holidayPresets = {QStringLiteral("easter_monday")};
        const auto y2024 = s.holidaysIn(2024);
        QCOMPARE(y2024.size(), 4);
        QVERIFY(y2024.contains(QDate(2024, 10, 3)));
        QVERIFY(y2024.contains(QDate(2024, 2, 29)));
        QCOMPARE(y2024.value(QDate(2024, 4, 1)), QStringLiteral("Easter Monday"));
        const auto y2025 = s.holidaysIn(2025);
        QCOMPARE(y2025.size(), 2);
        QVERIFY(!y2025.contains(QDate(2025, 10, 3)));
    }

    void periodEnd()
    {
        // One posting a day through 2024: spread evenly, no concentration.
        std::vector<AuditRow> rows;
        for (QDate d(2024, 1, 1); d.year() == 2024; d = d.addDays(1))
            rows.push_back(row(-1000, at(d.year(), d.month(), d.day()), QStringLiteral("P%1").arg(rows.size())));
        const qint64 from = at(2024, 1, 1, 0, 0);
        const qint64 to = at(2025, 1, 1, 0, 0);
        AuditResults r = runAuditTests(rows, AuditSettings::defaults(), kUtc, from, to);
        QCOMPARE(r.test(QStringLiteral("period_end_month"))->outcome, AuditOutcome::Conforms);
        QCOMPARE(r.test(QStringLiteral("period_end_quarter"))->outcome, AuditOutcome::Conforms);
        QVERIFY2(r.test(QStringLiteral("period_end_month"))->summary.startsWith(QStringLiteral("36 of 366 postings")),
                 qPrintable(r.test(QStringLiteral("period_end_month"))->summary));
        // Three more postings on each of the last three days of every month: 4 times their share.
        for (int m = 1; m <= 12; ++m) {
            const int last = QDate(2024, m, 1).daysInMonth();
            for (int d = last - 2; d <= last; ++d)
                for (int k = 0; k < 3; ++k)
                    rows.push_back(row(-1000, at(2024, m, d, 11), QStringLiteral("E%1").arg(rows.size())));
        }
        std::stable_sort(rows.begin(), rows.end(),
                         [](const AuditRow& a, const AuditRow& b) { return a.timestamp < b.timestamp; });
        r = runAuditTests(rows, AuditSettings::defaults(), kUtc, from, to);
        const AuditTestResult* month = r.test(QStringLiteral("period_end_month"));
        QCOMPARE(month->outcome, AuditOutcome::Finding);
        QCOMPARE(month->hits.size(), 36 * 4);
        QVERIFY(month->summary.contains(QStringLiteral("p < 0.0001")));
        QCOMPARE(r.test(QStringLiteral("period_end_quarter"))->outcome, AuditOutcome::Finding);
        QCOMPARE(r.test(QStringLiteral("period_end_quarter"))->hits.size(), 12 * 4);
        // Too few postings for an expected count of 5 in the period ends.
        r = runAuditTests({rows.begin(), rows.begin() + 40}, AuditSettings::defaults(), kUtc, from, to);
        QCOMPARE(r.test(QStringLiteral("period_end_month"))->outcome, AuditOutcome::NotEnoughData);
    }

    void binomialTail()
    {
        QCOMPARE(binomialUpperTail(10, 8, 0.5), 56.0 / 1024);
        QVERIFY(std::abs(binomialUpperTail(10, 3, 0.5) - (1 - 56.0 / 1024)) < 1e-12);
        QCOMPARE(binomialUpperTail(10, 0, 0.5), 1.0);
        QCOMPARE(binomialUpperTail(10, 11, 0.5), 0.0);
        QVERIFY(binomialUpperTail(1'000'000, 600'000, 0.5) < 1e-300);
        QVERIFY(std::abs(binomialUpperTail(1'000'000, 500'000, 0.5) - 0.5) < 0.001);
    }

    void openingBalancesAndEmptyInput()
    {
        AuditRow opening = row(-100000, at(2024, 5, 4));
        opening.category = Category::OpeningBalance;
        const AuditResults r = run({opening});
        for (const AuditTestResult& t : r.tests) {
            QCOMPARE(t.outcome, AuditOutcome::NotEnoughData);
            QVERIFY(t.hits.isEmpty());
            QVERIFY2(!t.summary.isEmpty(), qPrintable(t.key));
        }
        QCOMPARE(run({}).tests.size(), auditTestKeys().size());
    }

    void settingsJsonAndValidation()
    {
        const AuditSettings d = AuditSettings::defaults();
        auto back = AuditSettings::fromJson(d.toJson());
        QVERIFY(back.isOk());
        QCOMPARE(back->toJson(), d.toJson());
        QCOMPARE(d.weights.size(), auditTestKeys().size());
        QCOMPARE(d.weight(QStringLiteral("duplicate_payment")), 0.6);

        auto partial = AuditSettings::fromJson(
            QJsonObject {{QStringLiteral("approvalLimit"), 5000},
                         {QStringLiteral("weights"), QJsonObject {{QStringLiteral("round_amount"), 0}}}});
        QVERIFY(partial.isOk());
        QCOMPARE(partial->approvalLimit, 5000);
        QCOMPARE(partial->weight(QStringLiteral("round_amount")), 0.0);
        QCOMPARE(partial->weight(QStringLiteral("weekend")), d.weight(QStringLiteral("weekend")));

        const QList<std::pair<QJsonObject, QString>> bad {
            {{{QStringLiteral("weights"), QJsonObject {{QStringLiteral("round_amount"), 1.5}}}},
             QStringLiteral("weights.round_amount")},
            {{{QStringLiteral("weights"), QJsonObject {{QStringLiteral("nope"), 0.5}}}},
             QStringLiteral("weights.nope")},
            {{{QStringLiteral("approvalLimit"), 0}}, QStringLiteral("approvalLimit")},
            {{{QStringLiteral("approvalLimit"), 10.5}}, QStringLiteral("approvalLimit")},
            {{{QStringLiteral("approvalLimit"), QStringLiteral("10000")}}, QStringLiteral("approvalLimit")},
            {{{QStringLiteral("justBelowPercent"), 0}}, QStringLiteral("justBelowPercent")},
            {{{QStringLiteral("duplicateWindowDays"), 366}}, QStringLiteral("duplicateWindowDays")},
            {{{QStringLiteral("businessHours"),
               QJsonObject {{QStringLiteral("start"), QStringLiteral("18:00")},
                            {QStringLiteral("end"), QStringLiteral("08:00")}}}},
             QStringLiteral("businessHours.end")},
            {{{QStringLiteral("businessHours"), QJsonObject {{QStringLiteral("start"), QStringLiteral("8h")}}}},
             QStringLiteral("businessHours.start")},
            {{{QStringLiteral("weekendDays"), QJsonArray {6, 8}}}, QStringLiteral("weekendDays[1]")},
            {{{QStringLiteral("weekendDays"), QJsonArray {1, 2, 3, 4, 5, 6, 7}}}, QStringLiteral("weekendDays")},
            {{{QStringLiteral("fixedHolidays"), QJsonArray {QStringLiteral("12-25"), QStringLiteral("13-01")}}},
             QStringLiteral("fixedHolidays[1]")},
            {{{QStringLiteral("holidayPresets"), QJsonArray {QStringLiteral("diwali")}}},
             QStringLiteral("holidayPresets[0]")},
            {{{QStringLiteral("colour"), QStringLiteral("red")}}, QStringLiteral("colour")},
        };
        for (const auto& [json, field] : bad) {
            auto r = AuditSettings::fromJson(json);
            QVERIFY2(!r.isOk(), qPrintable(field));
            QVERIFY(r.status().isInvalidArgument());
            QCOMPARE(r.status().field(), field);
            QVERIFY(!r.status().message().isEmpty());
        }
    }

    void storedSettings()
    {
        std::unique_ptr<QTemporaryDir> dir;
        std::unique_ptr<ManualClock> clock;
        std::unique_ptr<Ledger> ledger;
        qint64 account = 0;
        QVERIFY(test::openLedgerFixture(at(2024, 6, 1), dir, clock, ledger, account).isOk());
        auto loaded = loadAuditSettings(*ledger);
        QVERIFY(loaded.isOk());
        QCOMPARE(loaded->toJson(), AuditSettings::defaults().toJson());
        AuditSettings s = AuditSettings::defaults();
        s.approvalLimit = 2500;
        s.weights[QStringLiteral("weekend")] = 0.9;
        QVERIFY(saveAuditSettings(*ledger, s).isOk());
        QCOMPARE(loadAuditSettings(*ledger)->toJson(), s.toJson());
        AuditSettings wrong = s;
        wrong.splitCount = 1;
        const Status st = saveAuditSettings(*ledger, wrong);
        QCOMPARE(st.field(), QStringLiteral("splitCount"));
        QCOMPARE(loadAuditSettings(*ledger)->splitCount, 2); // nothing written
        QVERIFY(ledger->setMeta(kAuditSettingsKey, QStringLiteral("{\"approvalLimit\": -1}")).isOk());
        QVERIFY(loadAuditSettings(*ledger).status().isCorruption());
        QVERIFY(loadAuditSettings(*ledger).status().message().contains(QStringLiteral("approvalLimit")));
    }

    void providerAndLedgerRead()
    {
        std::unique_ptr<QTemporaryDir> dir;
        std::unique_ptr<ManualClock> clock;
        std::unique_ptr<Ledger> ledger;
        qint64 account = 0;
        QVERIFY(test::openLedgerFixture(at(2024, 12, 1), dir, clock, ledger, account).isOk());
        QList<NewTransaction> input;
        auto add = [&](qint64 amount, qint64 ts, const QString& cp) {
            NewTransaction t;
            t.accountId = account;
            t.amount = amount;
            t.description = QStringLiteral("Invoice");
            t.category = QStringLiteral("supplier_payment");
            t.counterparty = cp;
            t.timestamp = ts;
            input << t;
        };
        add(-420000, at(2024, 11, 4), QStringLiteral("Acme")); // Monday
        add(-420000, at(2024, 11, 6), QStringLiteral("Acme")); // duplicate, Wednesday
        add(-12345, at(2024, 11, 9), QStringLiteral("Bolt")); // Saturday
        add(-5000, at(2024, 11, 12), QStringLiteral("Cato"));
        QVERIFY(ledger->addTransactions(input).isOk());

        auto results = runAuditTests(*ledger, account, std::nullopt, std::nullopt);
        QVERIFY(results.isOk());
        QCOMPARE(results->rows.size(), size_t(4));
        QCOMPARE(results->rows[1].description, QStringLiteral("Invoice"));
        QCOMPARE(hitRows(*results, QStringLiteral("duplicate_payment")), QList<qsizetype>({1}));
        // A period that leaves the first payment out leaves no duplicate.
        results = runAuditTests(*ledger, account, at(2024, 11, 5, 0, 0), at(2024, 12, 1, 0, 0));
        QCOMPARE(results->rows.size(), size_t(3));
        QVERIFY(hitRows(*results, QStringLiteral("duplicate_payment")).isEmpty());

        auto columns = ledger->transactionColumns(account);
        QVERIFY(columns.isOk());
        AuditScorePartProvider provider(*ledger, kUtc);
        std::vector<std::vector<ScorePart>> out(size_t(columns->size()));
        provider.partsFor(account, *columns, {1, 2, 3}, out);
        QVERIFY(out[0].empty()); // not asked for
        // The duplicate is also a round amount (a multiple of 100).
        QCOMPARE(out[1].size(), size_t(2));
        const ScorePart& dup = out[1][0];
        QCOMPARE(out[1][1].key, QStringLiteral("round_amount"));
        QCOMPARE(dup.source, ScorePart::Source::Test);
        QCOMPARE(dup.effect, ScorePart::Effect::Raise);
        QCOMPARE(dup.key, QStringLiteral("duplicate_payment"));
        QCOMPARE(dup.name, QStringLiteral("Duplicate payment"));
        QCOMPARE(dup.weight, 0.6);
        QCOMPARE(dup.strength, 1.0);
        QCOMPARE(dup.text,
                 QStringLiteral("second payment of 4,200.00 EUR to Acme within 2 days (first on 4 Nov 2024)"));
        QCOMPARE(out[2].size(), size_t(1));
        QCOMPARE(out[2][0].key, QStringLiteral("weekend"));
        QCOMPARE(out[2][0].weight, 0.15);
        QVERIFY(out[3].empty());

        // A test weighted 0 gives no part; weights come from the stored settings.
        AuditSettings s = AuditSettings::defaults();
        s.weights[QStringLiteral("weekend")] = 0;
        s.weights[QStringLiteral("duplicate_payment")] = 0.25;
        QVERIFY(saveAuditSettings(*ledger, s).isOk());
        out.assign(size_t(columns->size()), {});
        provider.partsFor(account, *columns, {0, 1, 2, 3}, out);
        QVERIFY(out[2].empty());
        QCOMPARE(out[1].size(), size_t(2));
        QCOMPARE(out[1][0].weight, 0.25);
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
