// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the detector's helpers: the CSV reader (detect/FeatureCsv.h) and the metrics (detect/Metrics.h).
#include "detect/FeatureCsv.h"
#include "detect/Metrics.h"

#include <QTest>
#include <cmath>

using namespace ledgerguard;

class TestIsolationForestTools : public QObject
{
    Q_OBJECT

private slots:
    void parsesTableWithLabel();
    void parsesTableWithoutLabel();
    void rejectsBadCsv_data();
    void rejectsBadCsv();
    void rocAuc_data();
    void rocAuc();
    void averagePrecision();
};

void TestIsolationForestTools::parsesTableWithLabel()
{
    const auto t = parseFeatureCsv("f0,label,\"f1\"\r\n1.5,0,-2\r\n\r\n0.1,1,3e2\r\n");
    QVERIFY2(t.isOk(), qPrintable(t.status().toString()));
    QCOMPARE(t->columns, QStringList({QStringLiteral("f0"), QStringLiteral("f1")}));
    QCOMPARE(t->X.rows(), Eigen::Index(2));
    QCOMPARE(t->X(0, 0), 1.5);
    QCOMPARE(t->X(0, 1), -2.0);
    QCOMPARE(t->X(1, 1), 300.0);
    QCOMPARE(t->labels, std::vector<int>({0, 1}));
    // Exact parsing: the double nearest to the text, as std::from_chars promises.
    QCOMPARE(parseFeatureCsv("x\n0.1000000000000000055511151231257827\n")->X(0, 0), 0.1);
}

void TestIsolationForestTools::parsesTableWithoutLabel()
{
    const auto t = parseFeatureCsv("a,b\n1,2\n3,4");
    QVERIFY(t.isOk());
    QVERIFY(t->labels.empty());
    QCOMPARE(t->X(1, 0), 3.0);
}

void TestIsolationForestTools::rejectsBadCsv_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("fragment");
    QTest::addRow("empty") << QByteArray() << "no header";
    QTest::addRow("label only") << QByteArray("label\n1\n") << "no feature column";
    QTest::addRow("text value") << QByteArray("a,b\n1,2\n3,x\n") << "line 3, column 'b': 'x'";
    QTest::addRow("nan") << QByteArray("a\nnan\n") << "not a finite number";
    QTest::addRow("empty field") << QByteArray("a,b\n1,\n") << "line 2, column 'b'";
    QTest::addRow("short line") << QByteArray("a,b\n1\n") << "line 2 has 1 fields; the header has 2";
    QTest::addRow("long line") << QByteArray("a,b\n1,2,3\n") << "line 2 has 3 fields";
}

void TestIsolationForestTools::rejectsBadCsv()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, fragment);
    const auto t = parseFeatureCsv(text);
    QVERIFY(!t.isOk());
    QVERIFY2(t.status().isInvalidArgument() && t.status().message().contains(fragment),
             qPrintable(t.status().toString()));
}

void TestIsolationForestTools::rocAuc_data()
{
    QTest::addColumn<QList<double>>("scores");
    QTest::addColumn<QList<int>>("labels");
    QTest::addColumn<double>("expected");
    QTest::addRow("perfect") << QList<double> {0.9, 0.8, 0.2, 0.1} << QList<int> {1, 1, 0, 0} << 1.0;
    QTest::addRow("inverted") << QList<double> {0.9, 0.8, 0.2, 0.1} << QList<int> {0, 0, 1, 1} << 0.0;
    // sklearn: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    QTest::addRow("sklearn example") << QList<double> {0.1, 0.4, 0.35, 0.8} << QList<int> {0, 0, 1, 1} << 0.75;
    QTest::addRow("all tied") << QList<double> {0.5, 0.5, 0.5} << QList<int> {1, 0, 0} << 0.5;
}

void TestIsolationForestTools::rocAuc()
{
    QFETCH(QList<double>, scores);
    QFETCH(QList<int>, labels);
    QFETCH(double, expected);
    const Eigen::VectorXd s = Eigen::Map<const Eigen::VectorXd>(scores.data(), scores.size());
    QCOMPARE(ledgerguard::rocAuc(s, std::vector<int>(labels.begin(), labels.end())), expected);
}

void TestIsolationForestTools::averagePrecision()
{
    // sklearn: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333...
    const Eigen::Vector4d s(0.1, 0.4, 0.35, 0.8);
    QVERIFY(std::abs(ledgerguard::averagePrecision(s, {0, 0, 1, 1}) - 5.0 / 6.0) < 1e-15);
    QVERIFY(std::isnan(ledgerguard::averagePrecision(s, {0, 0, 0, 0})));
    QVERIFY(std::isnan(ledgerguard::rocAuc(s, {1, 1, 1, 1})));
    QVERIFY(std::isnan(ledgerguard::rocAuc(s, {1, 0})));
}

QTEST_GUILESS_MAIN(TestIsolationForestTools)
#include "tst_isolationforest_tools.moc"
