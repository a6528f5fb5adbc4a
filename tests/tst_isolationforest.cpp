// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of IsolationForest, after scikit-learn's sklearn/ensemble/tests/test_iforest.py.
#include "detect/FeatureCsv.h"
#include "detect/IsolationForest.h"
#include "detect/Metrics.h"
#include "iforest_v1_blob.h"
#include "ledger/Risk.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>

using namespace ledgerguard;

namespace {

// Gaussian-ish cluster around 0 (sum of uniforms, so the test does not depend on std::normal_distribution) plus
// `outliers` rows far away in feature `outlierFeature` only. Outliers are the last rows.
FeatureMatrix clusterWithOutliers(int inliers, int outliers, int d, int outlierFeature, quint64 seed)
{
    std::mt19937_64 rng(seed);
    auto unit = [&rng] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
    FeatureMatrix X(inliers + outliers, d);
    for (int r = 0; r < X.rows(); ++r)
        for (int f = 0; f < d; ++f)
            X(r, f) = unit() + unit() + unit() - 1.5;
    for (int r = inliers; r < X.rows(); ++r)
        X(r, outlierFeature) = 8.0 + r - inliers;
    return X;
}

FeatureMatrix uniformMatrix(int rows, int d, quint64 seed)
{
    std::mt19937_64 rng(seed);
    FeatureMatrix X(rows, d);
    for (int r = 0; r < rows; ++r)
        for (int f = 0; f < d; ++f)
            X(r, f) = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    return X;
}

IsolationForest fitOrFail(const FeatureMatrix& X, const IsolationForest::Options& options = {})
{
    Result<IsolationForest> model = IsolationForest::fit(X, options);
    if (!model)
        qFatal("fit failed: %s", qPrintable(model.status().toString()));
    return std::move(*model);
}

Eigen::VectorXd scoreOrFail(const IsolationForest& model, const FeatureMatrix& X, int threads = 0)
{
    Result<Eigen::VectorXd> scores = model.score(X, threads);
    if (!scores)
        qFatal("score failed: %s", qPrintable(scores.status().toString()));
    return *scores;
}

bool bitIdentical(const Eigen::VectorXd& a, const Eigen::VectorXd& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0;
}

// FNV-1a 64, as the model format uses, to forge files whose checksum is right but whose content is not.
quint64 fnv1a(const QByteArray& bytes, qsizetype size)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (qsizetype i = 0; i < size; ++i) {
        h ^= static_cast<unsigned char>(bytes[i]);
        h *= 0x100000001b3ULL;
    }
    return h;
}

void resealChecksum(QByteArray& bytes)
{
    const quint64 h = fnv1a(bytes, bytes.size() - 8);
    for (int i = 0; i < 8; ++i)
        bytes[bytes.size() - 8 + i] = static_cast<char>((h >> (8 * i)) & 0xff);
}

// E[h(x)] over the trees, read back from s(x) = 2^(-E[h(x)] / c(psi)).
Eigen::VectorXd meanPathLengths(const IsolationForest& model, const FeatureMatrix& X)
{
    const double c = averagePathLength(model.options().sampleSize);
    return -scoreOrFail(model, X).array().log() / std::log(2.0) * c;
}

} // namespace

class TestIsolationForest : public QObject
{
    Q_OBJECT

private slots:
    void averagePathLength_data();
    void averagePathLength();
    void toyOutliersRankHighest();
    void plantedOutliersRankHighest();
    void uniformDataHasNoHigh();
    void constantDataScoresOneHalf();
    void defaultsFollowThePaper();
    void sameScoresForAnyThreadCount_data();
    void sameScoresForAnyThreadCount();
    void kernelsGiveIdenticalScores_data();
    void kernelsGiveIdenticalScores();
    void automaticKernelFollowsTheEnvironment();
    void seedChangesTheModel();
    void badOptionsRejected_data();
    void badOptionsRejected();
    void badInputRejected();
    void explainNamesTheOutlyingFeature();
    void calibrationCurveHoldsItsPoints();
    void calibrationIsLearnedFromTheTrainingScores();
    void calibrationPlacesTheRiskBands();
    void pathLengthsOfKnownDepths();
    void heightLimitStopsGrowth_data();
    void heightLimitStopsGrowth();
    void saveLoadRoundTrip();
    void version1ModelNeedsItsCalibration();
    void corruptModelRejected_data();
    void corruptModelRejected();
    void modelIsSmall();
    void aucMatchesScikitLearn_data();
    void aucMatchesScikitLearn();
};

void TestIsolationForest::averagePathLength_data()
{
    QTest::addColumn<double>("n");
    QTest::addColumn<double>("expected");
    const double euler = 0.5772156649015329;
    QTest::addRow("0") << 0.0 << 0.0;
    QTest::addRow("1") << 1.0 << 0.0;
    QTest::addRow("2") << 2.0 << 1.0;
    QTest::addRow("5") << 5.0 << 2.0 * (std::log(4.0) + euler) - 2.0 * 4.0 / 5.0;
    QTest::addRow("256") << 256.0 << 2.0 * (std::log(255.0) + euler) - 2.0 * 255.0 / 256.0;
    QTest::addRow("999") << 999.0 << 2.0 * (std::log(998.0) + euler) - 2.0 * 998.0 / 999.0;
}

void TestIsolationForest::averagePathLength()
{
    QFETCH(double, n);
    QFETCH(double, expected);
    QCOMPARE(ledgerguard::averagePathLength(n), expected);
}

void TestIsolationForest::toyOutliersRankHighest()
{
    // test_iforest.py: test_iforest_performance's toy set; the last two rows are the outliers.
    FeatureMatrix X(8, 2);
    X << -2, -1, -1, -1, -1, -2, 1, 1, 1, 2, 2, 1, 6, 3, -4, 7;
    const IsolationForest model = fitOrFail(X, {.trees = 200, .seed = 0});
    const Eigen::VectorXd s = scoreOrFail(model, X);
    for (int outlier : {6, 7})
        for (int inlier = 0; inlier < 6; ++inlier)
            QVERIFY2(s[outlier] > s[inlier], qPrintable(QStringLiteral("row %1 vs %2").arg(outlier).arg(inlier)));
}

void TestIsolationForest::plantedOutliersRankHighest()
{
    // Two features, a small group of outliers far out in one of them. scikit-learn scores this group at about
    // 0.78 (a group isolates later than a single point), so the test asks for MEDIUM or more, not HIGH.
    FeatureMatrix X = clusterWithOutliers(1000, 5, 2, 1, 7);
    for (int r = 1000; r < 1005; ++r)
        X(r, 1) = 30.0 + r;
    const IsolationForest model = fitOrFail(X);
    const Eigen::VectorXd s = scoreOrFail(model, X);
    const double worstInlier = s.head(1000).maxCoeff();
    for (int r = 1000; r < 1005; ++r) {
        QVERIFY2(s[r] > worstInlier, qPrintable(QString::number(s[r])));
        QVERIFY(s[r] >= 0.5);
        // Calibrated against the cluster's own scores, the group is far in the upper tail.
        QVERIFY2(model.calibratedScore(s[r]) > 0.8, qPrintable(QString::number(model.calibratedScore(s[r]))));
    }
    QVERIFY((s.array() > 0.0).all() && (s.array() <= 1.0).all());
}

void TestIsolationForest::uniformDataHasNoHigh()
{
    // Raw scores of structureless data stay below 0.8; calibrated, only the upper tail (z >= 2, a few percent of
    // the rows) reaches 0.5.
    const FeatureMatrix X = uniformMatrix(2000, 3, 11);
    const IsolationForest model = fitOrFail(X);
    const Eigen::VectorXd s = scoreOrFail(model, X);
    for (Eigen::Index r = 0; r < s.size(); ++r)
        QVERIFY2(s[r] < 0.8, qPrintable(QStringLiteral("row %1: %2").arg(r).arg(s[r])));
    const Eigen::VectorXd calibrated = model.calibrate(s);
    const auto atLeastHalf = (calibrated.array() >= 0.5).count();
    QVERIFY2(atLeastHalf > 0 && atLeastHalf < s.size() / 20, qPrintable(QString::number(atLeastHalf)));
}

void TestIsolationForest::constantDataScoresOneHalf()
{
    // No feature can be split: every tree is one leaf of psi rows, h = c(psi), so s = 2^-1 (up to the rounding
    // of the mean over trees).
    const FeatureMatrix X = FeatureMatrix::Constant(300, 3, 4.25);
    const IsolationForest model = fitOrFail(X);
    const Eigen::VectorXd s = scoreOrFail(model, X);
    QVERIFY(((s.array() - 0.5).abs() < 1e-12).all());
    QCOMPARE(model.nodeCount(), model.treeCount());
    const auto explained = model.explain(X.row(0));
    QVERIFY(explained.isOk());
    for (const auto& c : *explained)
        QCOMPARE(c.contribution, 0.0);
    // One row: psi = 1, c(1) = 0; scikit-learn also gives 0.5 here.
    const FeatureMatrix one = FeatureMatrix::Constant(1, 2, 1.0);
    QCOMPARE(scoreOrFail(fitOrFail(one), one)[0], 0.5);
}

void TestIsolationForest::defaultsFollowThePaper()
{
    const IsolationForest big = fitOrFail(uniformMatrix(1000, 2, 1));
    QCOMPARE(big.options().sampleSize, 256);
    QCOMPARE(big.options().maxDepth, 8);
    QCOMPARE(big.treeCount(), 100);
    const IsolationForest small = fitOrFail(uniformMatrix(100, 2, 1));
    QCOMPARE(small.options().sampleSize, 100);
    QCOMPARE(small.options().maxDepth, 7);
    QCOMPARE(fitOrFail(uniformMatrix(1000, 2, 1), {.maxDepth = 3}).options().maxDepth, 3);
}

void TestIsolationForest::sameScoresForAnyThreadCount_data()
{
    QTest::addColumn<int>("threads");
    QTest::addRow("2") << 2;
    QTest::addRow("3") << 3;
    QTest::addRow("8") << 8;
    QTest::addRow("all cores") << 0;
}

void TestIsolationForest::sameScoresForAnyThreadCount()
{
    // test_iforest_parallel_regression: the same seed gives the same model and scores with 1 and N threads.
    QFETCH(int, threads);
    const FeatureMatrix X = clusterWithOutliers(3000, 10, 5, 0, 3);
    const IsolationForest one = fitOrFail(X, {.seed = 5, .threads = 1});
    const IsolationForest many = fitOrFail(X, {.seed = 5, .threads = threads});
    QCOMPARE(many.serialize(), one.serialize());
    QVERIFY(bitIdentical(scoreOrFail(many, X, threads), scoreOrFail(one, X, 1)));
}

void TestIsolationForest::kernelsGiveIdenticalScores_data()
{
    QTest::addColumn<int>("d");
    QTest::addColumn<int>("fitRows");
    QTest::addColumn<int>("scoreRows");
    QTest::addColumn<int>("sampleSize");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<bool>("integers");
    QTest::addColumn<quint64>("seed");
    // Row counts around the kernels' group sizes (4 and 16 rows) and the 256-row block.
    QTest::addRow("1 feature, 1 row") << 1 << 50 << 1 << 256 << 0 << false << quint64(1);
    QTest::addRow("3 features, 3 rows") << 3 << 400 << 3 << 256 << 0 << false << quint64(2);
    QTest::addRow("5 features, 17 rows, integers") << 5 << 2000 << 17 << 256 << 0 << true << quint64(3);
    QTest::addRow("10 features, 255 rows") << 10 << 3000 << 255 << 256 << 0 << false << quint64(4);
    QTest::addRow("10 features, 257 rows, integers") << 10 << 3000 << 257 << 256 << 0 << true << quint64(5);
    QTest::addRow("37 features, 1000 rows") << 37 << 1500 << 1000 << 128 << 0 << false << quint64(6);
    QTest::addRow("deep trees") << 4 << 5000 << 999 << 4096 << 40 << false << quint64(7);
    QTest::addRow("deep trees, integers") << 6 << 5000 << 1001 << 2048 << 30 << true << quint64(8);
    QTest::addRow("single-leaf trees") << 2 << 1 << 33 << 256 << 0 << false << quint64(9);
    QTest::addRow("depth 1") << 3 << 500 << 71 << 256 << 1 << true << quint64(10);
}

void TestIsolationForest::kernelsGiveIdenticalScores()
{
    if (!IsolationForest::scoringKernelAvailable(IsolationForest::ScoringKernel::Avx2))
        QSKIP("this CPU or build has no AVX2 kernel; the portable kernel is the only one");
    QFETCH(int, d);
    QFETCH(int, fitRows);
    QFETCH(int, scoreRows);
    QFETCH(int, sampleSize);
    QFETCH(int, maxDepth);
    QFETCH(bool, integers);
    QFETCH(quint64, seed);
    std::mt19937_64 rng(seed);
    auto value = [&] {
        return integers ? static_cast<double>(static_cast<int>(rng() % 7) - 3)
                        : static_cast<double>(static_cast<std::int64_t>(rng() >> 11)) * 0x1.0p-50 - 4.0;
    };
    FeatureMatrix fitX(fitRows, d);
    for (Eigen::Index i = 0; i < fitX.size(); ++i)
        fitX.data()[i] = value();
    // Scored rows: fresh draws, training rows (values on the tree's sample), and finite edge values.
    const double edges[] = {-std::numeric_limits<double>::max(),
                            -1e300,
                            -1.0,
                            -0.0,
                            0.0,
                            std::numeric_limits<double>::denorm_min(),
                            std::numeric_limits<double>::min(),
                            1.0,
                            1e300,
                            std::numeric_limits<double>::max()};
    FeatureMatrix X(scoreRows, d);
    for (int r = 0; r < scoreRows; ++r)
        for (int f = 0; f < d; ++f) {
            switch (rng() % 4) {
            case 0:
                X(r, f) = value();
                break;
            case 1:
                X(r, f) = fitX(static_cast<Eigen::Index>(rng() % fitRows), f);
                break;
            case 2:
                X(r, f) = edges[rng() % std::size(edges)];
                break;
            default:
                X(r, f)
                    = std::nextafter(fitX(static_cast<Eigen::Index>(rng() % fitRows), f), rng() % 2 ? 1e308 : -1e308);
            }
        }
    const IsolationForest model
        = fitOrFail(fitX, {.trees = 37, .sampleSize = sampleSize, .maxDepth = maxDepth, .seed = seed});
    // Values equal to the model's split thresholds and next to them, where `>` and `>=` would part: the thresholds
    // read from the saved format (IsolationForestFormat.cpp: after the 24-byte header, five i32 and a u64 of
    // options, treeStart[trees + 1] and treeDepth[trees], the nodes of 16 bytes, threshold first).
    const QByteArray blob = model.serialize();
    const int trees = model.treeCount();
    const qsizetype nodesAt = 24 + 4 * 5 + 8 + 4 * (2 * trees + 1);
    std::vector<std::pair<int, double>> splits; // (feature, threshold)
    for (int i = 0; i < model.nodeCount(); ++i) {
        double threshold;
        qint32 feature;
        std::memcpy(&threshold, blob.constData() + nodesAt + 16 * i, 8);
        std::memcpy(&feature, blob.constData() + nodesAt + 16 * i + 8, 4);
        if (std::isfinite(threshold))
            splits.emplace_back(feature, threshold);
    }
    if (!splits.empty()) {
        for (int r = 0; r < scoreRows; r += 2) {
            for (int k = 0; k < d; ++k) {
                const auto& [feature, threshold] = splits[rng() % splits.size()];
                const int pick = static_cast<int>(rng() % 3);
                X(r, feature) = pick == 0 ? threshold : std::nextafter(threshold, pick == 1 ? 1e308 : -1e308);
            }
        }
    }
    for (int threads : {1, 2}) {
        Result<Eigen::VectorXd> portable = model.score(X, threads, IsolationForest::ScoringKernel::Portable);
        Result<Eigen::VectorXd> avx2 = model.score(X, threads, IsolationForest::ScoringKernel::Avx2);
        QVERIFY(portable && avx2);
        QVERIFY2(bitIdentical(*portable, *avx2), qPrintable(QStringLiteral("threads %1").arg(threads)));
        QVERIFY(bitIdentical(scoreOrFail(model, X, threads), *portable));
    }
}

void TestIsolationForest::automaticKernelFollowsTheEnvironment()
{
    const FeatureMatrix X = clusterWithOutliers(2000, 10, 4, 1, 11);
    const IsolationForest model = fitOrFail(X, {.seed = 11});
    const QByteArray saved = qgetenv("LEDGERGUARD_SCORING_KERNEL");
    qputenv("LEDGERGUARD_SCORING_KERNEL", "portable");
    const Eigen::VectorXd forcedPortable = scoreOrFail(model, X, 1);
    if (saved.isNull())
        qunsetenv("LEDGERGUARD_SCORING_KERNEL");
    else
        qputenv("LEDGERGUARD_SCORING_KERNEL", saved);
    Result<Eigen::VectorXd> portable = model.score(X, 1, IsolationForest::ScoringKernel::Portable);
    QVERIFY(portable);
    QVERIFY(bitIdentical(forcedPortable, *portable));
    QVERIFY(IsolationForest::scoringKernelAvailable(IsolationForest::ScoringKernel::Automatic));
    QVERIFY(IsolationForest::scoringKernelAvailable(IsolationForest::ScoringKernel::Portable));
    if (!IsolationForest::scoringKernelAvailable(IsolationForest::ScoringKernel::Avx2)) {
        Result<Eigen::VectorXd> avx2 = model.score(X, 1, IsolationForest::ScoringKernel::Avx2);
        QVERIFY(!avx2);
        QCOMPARE(avx2.status().code(), Status::Code::Unsupported);
    }
}

void TestIsolationForest::seedChangesTheModel()
{
    const FeatureMatrix X = uniformMatrix(500, 3, 2);
    QCOMPARE(fitOrFail(X, {.seed = 9}).serialize(), fitOrFail(X, {.seed = 9}).serialize());
    QVERIFY(fitOrFail(X, {.seed = 9}).serialize() != fitOrFail(X, {.seed = 10}).serialize());
}

void TestIsolationForest::badOptionsRejected_data()
{
    QTest::addColumn<int>("trees");
    QTest::addColumn<int>("sampleSize");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<int>("threads");
    QTest::addColumn<QString>("field");
    QTest::addRow("no trees") << 0 << 256 << 0 << 0 << "trees";
    QTest::addRow("negative trees") << -3 << 256 << 0 << 0 << "trees";
    QTest::addRow("too many trees") << 100001 << 256 << 0 << 0 << "trees";
    QTest::addRow("sample size 0") << 100 << 0 << 0 << 0 << "sampleSize";
    QTest::addRow("negative depth") << 100 << 256 << -1 << 0 << "maxDepth";
    QTest::addRow("huge depth") << 100 << 256 << 5000 << 0 << "maxDepth";
    QTest::addRow("negative threads") << 100 << 256 << 0 << -1 << "threads";
}

void TestIsolationForest::badOptionsRejected()
{
    QFETCH(int, trees);
    QFETCH(int, sampleSize);
    QFETCH(int, maxDepth);
    QFETCH(int, threads);
    QFETCH(QString, field);
    const auto r = IsolationForest::fit(
        uniformMatrix(50, 2, 1), {.trees = trees, .sampleSize = sampleSize, .maxDepth = maxDepth, .threads = threads});
    QVERIFY(!r.isOk());
    QVERIFY(r.status().isInvalidArgument());
    QCOMPARE(r.status().field(), field);
}

void TestIsolationForest::badInputRejected()
{
    auto expectX = [](const Status& s, const QString& fragment) {
        QVERIFY2(s.isInvalidArgument() && s.field() == QLatin1String("X") && s.message().contains(fragment),
                 qPrintable(s.toString()));
    };
    expectX(IsolationForest::fit(FeatureMatrix(0, 3)).status(), QStringLiteral("0 rows"));
    expectX(IsolationForest::fit(FeatureMatrix(5, 0)).status(), QStringLiteral("0 columns"));
    FeatureMatrix X = uniformMatrix(20, 3, 1);
    X(2, 1) = std::nan("");
    expectX(IsolationForest::fit(X).status(), QStringLiteral("row 2, column 1 holds NaN"));
    X(2, 1) = -INFINITY;
    expectX(IsolationForest::fit(X).status(), QStringLiteral("row 2, column 1 holds an infinity"));

    const IsolationForest model = fitOrFail(uniformMatrix(20, 3, 1));
    expectX(model.score(X).status(), QStringLiteral("row 2, column 1"));
    expectX(model.score(uniformMatrix(4, 2, 1)).status(), QStringLiteral("has 2 columns; the model was fitted on 3"));
    QVERIFY(model.score(uniformMatrix(4, 3, 1), -1).status().isInvalidArgument());
    QCOMPARE(scoreOrFail(model, FeatureMatrix(0, 3)).size(), Eigen::Index(0));
    QCOMPARE(model.explain(Eigen::RowVectorXd::Zero(2)).status().field(), QStringLiteral("row"));
    Eigen::RowVectorXd bad = Eigen::RowVectorXd::Zero(3);
    bad[0] = std::nan("");
    QVERIFY(model.explain(bad).status().message().contains(QStringLiteral("NaN")));
}

void TestIsolationForest::explainNamesTheOutlyingFeature()
{
    const FeatureMatrix X = clusterWithOutliers(1000, 3, 5, 3, 21);
    const IsolationForest model = fitOrFail(X);
    const auto explained = model.explain(X.row(1001));
    QVERIFY(explained.isOk());
    const auto& c = *explained;
    QCOMPARE(int(c.size()), 5);
    QCOMPARE(c[0].feature, 3);
    QVERIFY2(c[0].contribution > 0.5, qPrintable(QString::number(c[0].contribution)));
    QCOMPARE(c[0].value, X(1001, 3));
    QVERIFY(std::abs(c[0].typical) < 0.5); // the cluster's median, not the outlier's value
    double total = 0.0;
    for (std::size_t i = 0; i < c.size(); ++i) {
        total += c[i].contribution;
        if (i > 0)
            QVERIFY(c[i - 1].contribution >= c[i].contribution);
    }
    QVERIFY(std::abs(total - 1.0) < 1e-12);
}

// The curve of ScoreCalibration: 0.5 at median + 2 spread, 0.8 at median + 3 spread, increasing, in [0, 1].
void TestIsolationForest::calibrationCurveHoldsItsPoints()
{
    const FeatureMatrix X = clusterWithOutliers(1500, 6, 4, 2, 5);
    const IsolationForest model = fitOrFail(X);
    const ScoreCalibration c = model.calibration();
    QVERIFY(c.spread >= 0.005);
    QVERIFY(std::abs(model.calibratedScore(c.median + 2.0 * c.spread) - 0.5) < 1e-12);
    QVERIFY(std::abs(model.calibratedScore(c.median + 3.0 * c.spread) - 0.8) < 1e-12);
    QVERIFY(std::abs(model.calibratedScore(c.median) - 1.0 / 17.0) < 1e-12); // z = 0: 1 / (1 + 4^2)
    double previous = 0.0;
    for (double raw = 0.0; raw <= 1.0; raw += 1.0 / 64) {
        const double v = model.calibratedScore(raw);
        QVERIFY(v >= 0.0 && v <= 1.0);
        QVERIFY(v >= previous);
        previous = v;
    }
    const Eigen::VectorXd raw = scoreOrFail(model, X);
    const Eigen::VectorXd calibrated = model.calibrate(raw);
    for (Eigen::Index r = 0; r < raw.size(); r += 97)
        QCOMPARE(calibrated[r], model.calibratedScore(raw[r]));
    // An explicit calibration follows the same curve.
    const ScoreCalibration other {0.4, 0.02};
    QVERIFY(std::abs(other.apply(0.44) - 0.5) < 1e-12);
    QVERIFY(std::abs(other.apply(0.46) - 0.8) < 1e-12);
}

// fit() learns the calibration from the raw scores of its own rows: the median (upper median) and the spread
// (99th percentile - median) / 2.326, and hands those scores out when asked.
void TestIsolationForest::calibrationIsLearnedFromTheTrainingScores()
{
    const FeatureMatrix X = clusterWithOutliers(1000, 4, 3, 0, 19);
    Eigen::VectorXd training;
    const auto fitted = IsolationForest::fit(X, {.trees = 60, .seed = 3}, &training);
    QVERIFY(fitted.isOk());
    QVERIFY(bitIdentical(training, scoreOrFail(*fitted, X)));
    std::vector<double> sorted(training.data(), training.data() + training.size());
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    const double q99 = sorted[std::size_t(double(sorted.size()) * 0.99)];
    QCOMPARE(fitted->calibration().median, median);
    QCOMPARE(fitted->calibration().spread, std::max((q99 - median) / 2.326, 0.005));
    QCOMPARE(ScoreCalibration::fromScores(training), fitted->calibration());
    // The same model without the out-parameter.
    QCOMPARE(fitOrFail(X, {.trees = 60, .seed = 3}).serialize(), fitted->serialize());
    // Constant data: every raw score is 0.5, the spread is its floor.
    const IsolationForest flat = fitOrFail(FeatureMatrix::Constant(50, 2, 1.0));
    QVERIFY(std::abs(flat.calibration().median - 0.5) < 1e-12);
    QCOMPARE(flat.calibration().spread, 0.005);
}

// Risk bands on the calibrated scale (ledger/Risk.h): MEDIUM from z = 2 (median + 2 spread), HIGH above z = 3.
void TestIsolationForest::calibrationPlacesTheRiskBands()
{
    // 101 raw scores 0.00 .. 1.00: median 0.50 (index 50), q99 = index floor(0.99 * 101) = 99 -> 0.99.
    Eigen::VectorXd raw(101);
    for (int i = 0; i < 101; ++i)
        raw[100 - i] = i / 100.0; // unsorted on purpose
    const ScoreCalibration c = ScoreCalibration::fromScores(raw);
    QCOMPARE(c.median, 0.5);
    QVERIFY(std::abs(c.spread - (0.99 - 0.5) / 2.326) < 1e-15);
    const double eps = 1e-6;
    auto riskAt = [&](double z) { return riskForScore(c.apply(c.median + z * c.spread)); };
    QCOMPARE(riskAt(0.0), Risk::Low);
    QCOMPARE(riskAt(2.0 - eps), Risk::Low);
    QCOMPARE(riskAt(2.0 + eps), Risk::Medium);
    QCOMPARE(riskAt(2.5), Risk::Medium);
    QCOMPARE(riskAt(3.0 - eps), Risk::Medium);
    QCOMPARE(riskAt(3.0 + eps), Risk::High);
    // The logistic curve between and beyond: 1 / (1 + 4^(2 - z)).
    for (double z : {-1.0, 1.0, 2.5, 4.0, 6.0})
        QVERIFY(std::abs(c.apply(c.median + z * c.spread) - 1.0 / (1.0 + std::pow(4.0, 2.0 - z))) < 1e-12);
    // A narrow upper tail: the spread is held at its floor 0.005.
    const ScoreCalibration flat = ScoreCalibration::fromScores(Eigen::VectorXd::Constant(10, 0.3));
    QCOMPARE(flat.median, 0.3);
    QCOMPARE(flat.spread, 0.005);
    // An even count takes the upper median.
    Eigen::VectorXd even(4);
    even << 0.4, 0.1, 0.3, 0.2;
    QCOMPARE(ScoreCalibration::fromScores(even).median, 0.3);
}

// Seven equal rows and one apart in the only feature: every tree splits the root once, the lone row is a leaf of
// one row at depth 1 (h = 1) and the seven are a leaf of seven equal rows at depth 1 (h = 1 + c(7)).
void TestIsolationForest::pathLengthsOfKnownDepths()
{
    FeatureMatrix X = FeatureMatrix::Zero(8, 1);
    X(7, 0) = 1.0;
    const IsolationForest model = fitOrFail(X, {.trees = 50});
    QCOMPARE(model.options().sampleSize, 8);
    QCOMPARE(model.options().maxDepth, 3);
    QCOMPARE(model.nodeCount(), 3 * 50);
    const Eigen::VectorXd h = meanPathLengths(model, X);
    for (int r = 0; r < 7; ++r)
        QVERIFY2(std::abs(h[r] - (1.0 + ledgerguard::averagePathLength(7))) < 1e-9, qPrintable(QString::number(h[r])));
    QVERIFY2(std::abs(h[7] - 1.0) < 1e-9, qPrintable(QString::number(h[7])));
    const Eigen::VectorXd s = scoreOrFail(model, X);
    QVERIFY(std::abs(s[7] - std::exp2(-1.0 / ledgerguard::averagePathLength(8))) < 1e-12);
}

void TestIsolationForest::heightLimitStopsGrowth_data()
{
    QTest::addColumn<int>("maxDepth"); // 0: the default, ceil(log2(psi))
    QTest::addColumn<int>("depth");
    QTest::addRow("default (log2 16)") << 0 << 4;
    for (int d : {1, 2, 3, 6, 14, 15})
        QTest::addRow("limit %d", d) << d << d;
    QTest::addRow("limit beyond the data") << 40 << 15;
}

// One-hot rows (row i has a 1 in column i): every split isolates one row and passes the rest down, so a tree is a
// chain. With a height limit D the rows isolated at depths 1..D have h = 1..D and the n - D rows left form a leaf
// at depth D (h = D + c(n - D)), whichever rows the tree picks: the sum of h over the rows is exactly
// D(D + 1) / 2 + (n - D)(D + c(n - D)) in every tree, and the tree has 2D + 1 nodes.
void TestIsolationForest::heightLimitStopsGrowth()
{
    QFETCH(int, maxDepth);
    QFETCH(int, depth);
    const int n = 16;
    const FeatureMatrix X = FeatureMatrix::Identity(n, n);
    const IsolationForest model = fitOrFail(X, {.trees = 30, .maxDepth = maxDepth});
    QCOMPARE(model.options().sampleSize, n);
    const int limit = std::min(depth, n - 1); // a chain ends at n - 1 splits: the last two rows part there
    QCOMPARE(model.nodeCount(), 30 * (2 * limit + 1));
    const double expected
        = limit * (limit + 1) / 2.0 + (n - limit) * (limit + ledgerguard::averagePathLength(double(n - limit)));
    const double sum = meanPathLengths(model, X).sum();
    QVERIFY2(std::abs(sum - expected) < 1e-9,
             qPrintable(QStringLiteral("sum of path lengths %1, expected %2").arg(sum).arg(expected)));
    for (double h : meanPathLengths(model, X))
        QVERIFY(h >= 1.0 - 1e-12 && h <= limit + ledgerguard::averagePathLength(double(n - limit)) + 1e-9);
}

void TestIsolationForest::saveLoadRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const FeatureMatrix X = clusterWithOutliers(800, 4, 6, 4, 12);
    const IsolationForest model = fitOrFail(X, {.trees = 50, .sampleSize = 128, .seed = 77});
    const QString path = dir.filePath(QStringLiteral("model.lgif"));
    QVERIFY(model.save(path).isOk());
    const auto loaded = IsolationForest::load(path);
    QVERIFY2(loaded.isOk(), qPrintable(loaded.status().toString()));
    QVERIFY(bitIdentical(scoreOrFail(*loaded, X), scoreOrFail(model, X)));
    QCOMPARE(loaded->options().trees, 50);
    QCOMPARE(loaded->options().sampleSize, 128);
    QCOMPARE(loaded->options().seed, quint64(77));
    QCOMPARE(loaded->featureCount(), 6);
    QCOMPARE(loaded->typicalValues(), model.typicalValues());
    QCOMPARE(loaded->calibration(), model.calibration());
    const Eigen::VectorXd raw = scoreOrFail(model, X);
    QVERIFY(bitIdentical(loaded->calibrate(raw), model.calibrate(raw)));
    QCOMPARE(loaded->serialize(), model.serialize());
    const auto fromBytes = IsolationForest::deserialize(model.serialize());
    QVERIFY(fromBytes.isOk());
    QVERIFY(bitIdentical(fromBytes->calibrate(scoreOrFail(*fromBytes, X)), model.calibrate(raw)));
    // A loaded model explains a row exactly as the fitted one (its per-node bits are rebuilt on load).
    for (const Eigen::Index r : {Eigen::Index(0), X.rows() / 2, X.rows() - 1}) {
        const auto fitted = model.explain(X.row(r));
        const auto reloaded = loaded->explain(X.row(r));
        QVERIFY(fitted.isOk() && reloaded.isOk());
        QCOMPARE(reloaded->size(), fitted->size());
        for (std::size_t i = 0; i < fitted->size(); ++i) {
            QCOMPARE((*reloaded)[i].feature, (*fitted)[i].feature);
            QCOMPARE((*reloaded)[i].contribution, (*fitted)[i].contribution);
        }
    }
    QVERIFY(IsolationForest::load(dir.filePath(QStringLiteral("missing.lgif"))).status().isIoError());
    QVERIFY(model.save(dir.filePath(QStringLiteral("no/such/dir/model.lgif"))).isIoError());
}

// A version-1 model (no calibration) is read only with the calibration its caller kept beside it (the pipeline's
// version-1 blobs); without one it is Unsupported, from memory and from a file.
void TestIsolationForest::version1ModelNeedsItsCalibration()
{
    const FeatureMatrix X = clusterWithOutliers(500, 3, 3, 1, 23);
    const IsolationForest model = fitOrFail(X, {.trees = 30});
    const QByteArray v1 = test::toFormatVersion1(model.serialize());
    QCOMPARE(qFromLittleEndian<quint32>(v1.constData() + 8), quint32(1));

    const auto bare = IsolationForest::deserialize(v1);
    QCOMPARE(bare.status().code(), Status::Code::Unsupported);
    QVERIFY2(bare.status().message().contains(QStringLiteral("calibration")), qPrintable(bare.status().toString()));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.lgif"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(v1) == v1.size());
    file.close();
    QCOMPARE(IsolationForest::load(path).status().code(), Status::Code::Unsupported);

    const ScoreCalibration kept {0.41, 0.031};
    const auto withKept = IsolationForest::deserialize(v1, kept);
    QVERIFY2(withKept.isOk(), qPrintable(withKept.status().toString()));
    QCOMPARE(withKept->calibration(), kept);
    const Eigen::VectorXd raw = scoreOrFail(model, X);
    QVERIFY(bitIdentical(scoreOrFail(*withKept, X), raw));
    QCOMPARE(withKept->calibratedScore(raw[0]), kept.apply(raw[0]));
    // Saved again, it is a version-2 model with that calibration.
    const auto again = IsolationForest::deserialize(withKept->serialize());
    QVERIFY(again.isOk());
    QCOMPARE(again->calibration(), kept);
    // A version-2 model ignores a calibration offered for version 1.
    QCOMPARE(IsolationForest::deserialize(model.serialize(), kept)->calibration(), model.calibration());
    QVERIFY(IsolationForest::deserialize(v1, ScoreCalibration {0.5, 0.0}).status().isCorruption());
}

void TestIsolationForest::corruptModelRejected_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("unsupported");
    QTest::addRow("empty") << "empty" << false;
    QTest::addRow("bad magic") << "magic" << false;
    QTest::addRow("newer version") << "version" << true;
    QTest::addRow("truncated") << "truncate" << false;
    QTest::addRow("flipped byte") << "flip" << false;
    QTest::addRow("feature out of range, checksum resealed") << "feature" << false;
    QTest::addRow("child loop, checksum resealed") << "child" << false;
    QTest::addRow("negative calibration spread, checksum resealed") << "spread" << false;
}

void TestIsolationForest::corruptModelRejected()
{
    QFETCH(QString, damage);
    QFETCH(bool, unsupported);
    const IsolationForest model = fitOrFail(uniformMatrix(300, 3, 4), {.trees = 5});
    QByteArray bytes = model.serialize();
    // Header is 24 bytes, then 5 x 4 + 8 bytes of fields, then (trees + 1 + trees) x 4 bytes of offsets and
    // depths; the first node (the root of tree 0, an internal node) follows.
    const qsizetype firstNode = 24 + 28 + (5 + 1 + 5) * 4;
    if (damage == QLatin1String("empty"))
        bytes.clear();
    else if (damage == QLatin1String("magic"))
        bytes[0] = 'X';
    else if (damage == QLatin1String("version"))
        bytes[8] = IsolationForest::kFormatVersion + 1;
    else if (damage == QLatin1String("truncate"))
        bytes.chop(100);
    else if (damage == QLatin1String("flip"))
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
    else if (damage == QLatin1String("feature")) {
        bytes[firstNode + 8] = 3; // feature index 3 of 3 features
        resealChecksum(bytes);
    } else if (damage == QLatin1String("child")) {
        bytes[firstNode + 12] = 0; // right child of the root = the root itself
        bytes[firstNode + 13] = 0;
        resealChecksum(bytes);
    } else if (damage == QLatin1String("spread")) {
        qToLittleEndian<quint64>(std::bit_cast<quint64>(-0.05), bytes.data() + bytes.size() - 16);
        resealChecksum(bytes);
    }
    const auto loaded = IsolationForest::deserialize(bytes);
    QVERIFY(!loaded.isOk());
    if (unsupported)
        QCOMPARE(loaded.status().code(), Status::Code::Unsupported);
    else
        QVERIFY2(loaded.status().isCorruption(), qPrintable(loaded.status().toString()));
}

void TestIsolationForest::modelIsSmall()
{
    const IsolationForest model = fitOrFail(uniformMatrix(5000, 10, 3));
    QVERIFY2(model.memoryBytes() < 1024 * 1024, qPrintable(QString::number(model.memoryBytes())));
    QVERIFY(model.serialize().size() < 1024 * 1024);
}

void TestIsolationForest::aucMatchesScikitLearn_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("sklearnAuc");
    // scikit-learn 1.2.1 means over seeds 0-4, from ../shared/bench-data/README.md.
    QTest::addRow("breastw") << "breastw" << 0.9876;
    QTest::addRow("ionosphere") << "ionosphere" << 0.8569;
}

void TestIsolationForest::aucMatchesScikitLearn()
{
    QFETCH(QString, name);
    QFETCH(double, sklearnAuc);
    const QString path = QStringLiteral(LG_BENCH_DATA_DIR "/odds/%1.csv").arg(name);
    if (!QFile::exists(path) && qEnvironmentVariable("CI") == QLatin1String("true"))
        QFAIL(qPrintable(QStringLiteral("benchmark data not found at %1: CI clones have it beside the repository")
                             .arg(QDir::cleanPath(path))));
    if (!QFile::exists(path))
        QSKIP(qPrintable(QStringLiteral("benchmark data not found at %1 (it sits beside the repository in the "
                                        "project's workspace, not in a clone)")
                             .arg(QDir::cleanPath(path))));
    const auto table = readFeatureCsv(path);
    QVERIFY2(table.isOk(), qPrintable(table.status().toString()));
    double sum = 0.0;
    for (quint64 seed = 0; seed < 5; ++seed) {
        const IsolationForest model = fitOrFail(table->X, {.seed = seed});
        sum += rocAuc(scoreOrFail(model, table->X), table->labels);
    }
    const double mean = sum / 5.0;
    QVERIFY2(std::abs(mean - sklearnAuc) <= 0.02,
             qPrintable(QStringLiteral("mean AUC %1, scikit-learn %2").arg(mean).arg(sklearnAuc)));
}

QTEST_GUILESS_MAIN(TestIsolationForest)
#include "tst_isolationforest.moc"
