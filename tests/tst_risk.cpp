// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the risk levels (ledger/Risk.h): HIGH > 0.8, MEDIUM 0.5 to 0.8 inclusive, LOW < 0.5, read off the
// detector's calibrated score.
#include "detect/IsolationForest.h"
#include "ledger/Risk.h"

#include <QTest>
#include <cmath>

using namespace ledgerguard;

class TestRisk : public QObject
{
    Q_OBJECT

private slots:
    void riskForScore_data();
    void riskForScore();
    void namesRoundTrip();
    void bandsOfTheCalibratedScore();
};

void TestRisk::riskForScore_data()
{
    QTest::addColumn<double>("score");
    QTest::addColumn<Risk>("risk");
    QTest::addRow("0") << 0.0 << Risk::Low;
    QTest::addRow("just below 0.5") << std::nextafter(0.5, 0.0) << Risk::Low;
    QTest::addRow("exactly 0.5") << 0.5 << Risk::Medium;
    QTest::addRow("0.65") << 0.65 << Risk::Medium;
    QTest::addRow("exactly 0.8") << 0.8 << Risk::Medium;
    QTest::addRow("just above 0.8") << std::nextafter(0.8, 1.0) << Risk::High;
    QTest::addRow("1") << 1.0 << Risk::High;
}

void TestRisk::riskForScore()
{
    QFETCH(double, score);
    QFETCH(Risk, risk);
    QCOMPARE(ledgerguard::riskForScore(score), risk);
}

void TestRisk::namesRoundTrip()
{
    for (Risk r : {Risk::Low, Risk::Medium, Risk::High})
        QCOMPARE(riskFromName(riskName(r).toLower()), std::optional<Risk>(r));
    QCOMPARE(riskName(Risk::High), QStringLiteral("HIGH"));
    QCOMPARE(riskFromName(QStringLiteral("severe")), std::nullopt);
}

// On a model's calibration (median m, spread d), MEDIUM starts at the raw score m + 2d and HIGH just above m + 3d.
void TestRisk::bandsOfTheCalibratedScore()
{
    const ScoreCalibration c {0.45, 0.03};
    auto riskOfRaw = [&c](double raw) { return ledgerguard::riskForScore(c.apply(raw)); };
    QCOMPARE(riskOfRaw(0.45), Risk::Low);
    QCOMPARE(riskOfRaw(0.51 - 1e-6), Risk::Low);
    QCOMPARE(riskOfRaw(0.51 + 1e-6), Risk::Medium);
    QCOMPARE(riskOfRaw(0.54 - 1e-6), Risk::Medium);
    QCOMPARE(riskOfRaw(0.54 + 1e-6), Risk::High);
    QCOMPARE(riskOfRaw(1.0), Risk::High);
}

QTEST_GUILESS_MAIN(TestRisk)
#include "tst_risk.moc"
