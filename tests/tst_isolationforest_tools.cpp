// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the detector's helpers: the CSV reader (detect/FeatureCsv.h), the metrics (detect/Metrics.h) and the
// ledgerguard-iforest command-line tool (app/ledgerguard_iforest.cpp), run as a process.
#include "detect/FeatureCsv.h"
#include "detect/IsolationForest.h"
#include "detect/Metrics.h"
#include "iforest_v1_blob.h"
#include "ledger/Risk.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <random>

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
    void cliRiskFollowsTheCalibratedScore();
    void cliRejectsVersion1Model();
    void cliNamesOutOfRangeOptions_data();
    void cliNamesOutOfRangeOptions();
};

namespace {

// A CSV of `inliers` rows around 0 in two features and `outliers` rows far out in the first, with a label.
QByteArray clusterCsv(int inliers, int outliers)
{
    std::mt19937_64 rng(5);
    auto unit = [&rng] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
    QByteArray csv = "a,b,label\n";
    for (int r = 0; r < inliers + outliers; ++r) {
        const bool outlier = r >= inliers;
        const double a = outlier ? 20.0 + r - inliers : unit() + unit() - 1.0;
        csv += QByteArray::number(a, 'g', 17) + ',' + QByteArray::number(unit() + unit() - 1.0, 'g', 17) + ','
            + (outlier ? "1" : "0") + '\n';
    }
    return csv;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

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
    // A quoted header name may hold the delimiter: it is one column, not two.
    const auto quoted = parseFeatureCsv("\"amount, EUR\",b\n1,2\n");
    QVERIFY2(quoted.isOk(), qPrintable(quoted.status().toString()));
    QCOMPARE(quoted->columns, (QStringList {QStringLiteral("amount, EUR"), QStringLiteral("b")}));
    QCOMPARE(quoted->X(0, 1), 2.0);
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

// --scores writes the raw and the calibrated score of each row, and the risk of the calibrated one (the rule of
// ledger/Risk.h); the summary counts those risks and reports the calibration.
void TestIsolationForestTools::cliRiskFollowsTheCalibratedScore()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("data.csv"));
    const QString out = dir.filePath(QStringLiteral("scores.csv"));
    QVERIFY(writeFile(csv, clusterCsv(1000, 4)));
    QProcess cli;
    cli.start(QStringLiteral(LG_IFOREST_CLI),
              {csv, QStringLiteral("--trees"), QStringLiteral("50"), QStringLiteral("--scores"), out,
               QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QJsonObject summary = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const double median = summary.value(QStringLiteral("calibration_median")).toDouble(-1);
    const double spread = summary.value(QStringLiteral("calibration_spread")).toDouble(-1);
    QVERIFY(median > 0.0 && spread >= 0.005);

    QFile scores(out);
    QVERIFY(scores.open(QIODevice::ReadOnly | QIODevice::Text));
    QCOMPARE(scores.readLine().trimmed(), QByteArray("raw_score,calibrated_score,risk"));
    int counts[3] = {0, 0, 0};
    int row = 0;
    for (QByteArray line = scores.readLine(); !line.isEmpty(); line = scores.readLine(), ++row) {
        const QList<QByteArray> cells = line.trimmed().split(',');
        QCOMPARE(cells.size(), 3);
        const double raw = cells[0].toDouble(), calibrated = cells[1].toDouble();
        const double expected = 1.0 / (1.0 + std::exp(-std::log(4.0) * ((raw - median) / spread - 2.0)));
        QVERIFY2(std::abs(calibrated - expected) < 1e-9, qPrintable(QStringLiteral("row %1").arg(row)));
        const Risk risk = riskForScore(calibrated);
        QCOMPARE(QString::fromLatin1(cells[2]), riskName(risk));
        ++counts[int(risk)];
        if (row >= 1000) // the planted outliers
            QCOMPARE(risk, Risk::High);
    }
    QCOMPARE(row, 1004);
    QCOMPARE(summary.value(QStringLiteral("high")).toInt(), counts[int(Risk::High)]);
    QCOMPARE(summary.value(QStringLiteral("medium")).toInt(), counts[int(Risk::Medium)]);
    QCOMPARE(summary.value(QStringLiteral("low")).toInt(), counts[int(Risk::Low)]);
    // Calibrated against the data's own scores, only its upper tail is MEDIUM or HIGH.
    QVERIFY(counts[int(Risk::Low)] > 950);
}

// A model file of format version 1 has no calibration: the tool refuses it (exit 1) and says why.
void TestIsolationForestTools::cliRejectsVersion1Model()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("data.csv"));
    QVERIFY(writeFile(csv, clusterCsv(200, 2)));
    const auto table = readFeatureCsv(csv);
    QVERIFY(table.isOk());
    const auto model = IsolationForest::fit(table->X, {.trees = 10});
    QVERIFY(model.isOk());
    const QString v1 = dir.filePath(QStringLiteral("v1.lgif"));
    QVERIFY(writeFile(v1, test::toFormatVersion1(model->serialize())));
    QProcess cli;
    cli.start(QStringLiteral(LG_IFOREST_CLI), {csv, QStringLiteral("--model"), v1});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY(cli.readAllStandardError().contains("calibration"));
}

void TestIsolationForestTools::cliNamesOutOfRangeOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative trees") << QStringList {QStringLiteral("--trees"), QStringLiteral("-5")}
                                    << QStringLiteral("--trees: must be between 1 and 100000 (got -5)");
    QTest::newRow("zero trees") << QStringList {QStringLiteral("--trees"), QStringLiteral("0")}
                                << QStringLiteral("--trees: must be between 1 and 100000 (got 0)");
    QTest::newRow("zero sample") << QStringList {QStringLiteral("--sample-size"), QStringLiteral("0")}
                                 << QStringLiteral("--sample-size: must be between 1 and");
    QTest::newRow("negative threads") << QStringList {QStringLiteral("--threads"), QStringLiteral("-2")}
                                      << QStringLiteral("--threads: must be between 0 and");
    QTest::newRow("text") << QStringList {QStringLiteral("--max-depth"), QStringLiteral("deep")}
                          << QStringLiteral("--max-depth: 'deep' is not an integer");
}

void TestIsolationForestTools::cliNamesOutOfRangeOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("data.csv"));
    QVERIFY(writeFile(csv, clusterCsv(50, 2)));
    QProcess cli;
    cli.start(QStringLiteral(LG_IFOREST_CLI), QStringList {csv} + args);
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 2);
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestIsolationForestTools)
#include "tst_isolationforest_tools.moc"
