// SPDX-License-Identifier: GPL-3.0-or-later
// ledgerguard-iforest: fit an Isolation Forest on a CSV file and score its rows.
//
//   ledgerguard-iforest FILE.csv [--trees N] [--sample-size N] [--max-depth N] [--seed S] [--threads T]
//                       [--repeat R] [--scores OUT.csv] [--save-model OUT.lgif] [--model IN.lgif] [--json]
//
// The CSV has a header and numeric columns; a column named "label" (1 = anomaly) is never used for fitting and,
// when present, the tool reports ROC AUC and average precision (of the raw scores) against it. Risk levels are
// read off the calibrated score (IsolationForest::calibratedScore, the rule of ledger/Risk.h), as in the
// application. The benchmark in tests/benchmarks drives this tool. Exit status: 0 on success, 1 on an error
// (printed to stderr), 2 on bad usage.
#include "detect/FeatureCsv.h"
#include "detect/IsolationForest.h"
#include "detect/Metrics.h"
#include "ledger/Risk.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

using namespace ledgerguard;

namespace {

int fail(const Status& status)
{
    std::fprintf(stderr, "ledgerguard-iforest: %s\n", qPrintable(status.toString()));
    return 1;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
}

// The integer value of option `name` (plain decimal digits) in minimum..maximum, else an error naming the option
// and the value as given.
std::optional<qint64> intOption(const QCommandLineParser& parser, const QString& name, qint64 fallback, qint64 minimum,
                                qint64 maximum = std::numeric_limits<int>::max())
{
    if (!parser.isSet(name))
        return fallback;
    const QString text = parser.value(name);
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok) {
        std::fprintf(stderr, "ledgerguard-iforest: --%s: '%s' is not an integer\n", qPrintable(name), qPrintable(text));
        return std::nullopt;
    }
    if (v < minimum || v > maximum) {
        std::fprintf(stderr, "ledgerguard-iforest: --%s: must be between %lld and %lld (got %s)\n", qPrintable(name),
                     static_cast<long long>(minimum), static_cast<long long>(maximum), qPrintable(text));
        return std::nullopt;
    }
    return v;
}

// One line per row: the raw score s(x), the calibrated score and the risk level of the calibrated score.
Status writeScores(const QString& path, const Eigen::VectorXd& raw, const Eigen::VectorXd& calibrated)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Status::ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    out << "raw_score,calibrated_score,risk\n";
    for (Eigen::Index i = 0; i < raw.size(); ++i)
        out << QString::number(raw[i], 'g', 17) << ',' << QString::number(calibrated[i], 'g', 17) << ','
            << riskName(riskForScore(calibrated[i])) << '\n';
    out.flush();
    if (!file.commit())
        return Status::ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Status::ok();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ledgerguard-iforest"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEDGERGUARD_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fits an Isolation Forest on a CSV file (header, numeric columns; a 'label' column is not used for fitting "
        "and, when present, gives ROC AUC and average precision) and scores every row."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("CSV file to fit and score."));
    parser.addOptions({
        {QStringLiteral("trees"), QStringLiteral("Number of trees (default 100)."), QStringLiteral("N")},
        {QStringLiteral("sample-size"), QStringLiteral("Rows per tree (default 256)."), QStringLiteral("N")},
        {QStringLiteral("max-depth"), QStringLiteral("Height limit, 0 = ceil(log2(psi)) (default 0)."),
         QStringLiteral("N")},
        {QStringLiteral("seed"), QStringLiteral("Random seed (default 42)."), QStringLiteral("S")},
        {QStringLiteral("threads"), QStringLiteral("Threads, 0 = all cores (default 0)."), QStringLiteral("T")},
        {QStringLiteral("repeat"), QStringLiteral("Fit and score R times; report the median times (default 1)."),
         QStringLiteral("R")},
        {QStringLiteral("scores"),
         QStringLiteral("Write 'raw_score,calibrated_score,risk' for each row to OUT.csv (the risk of the "
                        "calibrated score)."),
         QStringLiteral("OUT.csv")},
        {QStringLiteral("save-model"), QStringLiteral("Save the fitted model to this file."), QStringLiteral("OUT")},
        {QStringLiteral("model"), QStringLiteral("Score with this saved model instead of fitting."),
         QStringLiteral("IN")},
        {QStringLiteral("json"), QStringLiteral("Print the summary as one JSON object.")},
    });
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "%s", qPrintable(parser.helpText()));
        return 2;
    }

    IsolationForest::Options options;
    const auto trees = intOption(parser, QStringLiteral("trees"), options.trees, 1, 100000);
    const auto sampleSize = intOption(parser, QStringLiteral("sample-size"), options.sampleSize, 1);
    const auto maxDepth = intOption(parser, QStringLiteral("max-depth"), options.maxDepth, 0);
    const auto seed = intOption(parser, QStringLiteral("seed"), static_cast<qint64>(options.seed), 0,
                                std::numeric_limits<qint64>::max());
    const auto threads = intOption(parser, QStringLiteral("threads"), options.threads, 0);
    const auto repeat = intOption(parser, QStringLiteral("repeat"), 1, 1);
    if (!trees || !sampleSize || !maxDepth || !seed || !threads || !repeat)
        return 2;
    auto toInt = [](qint64 v) { return static_cast<int>(std::clamp<qint64>(v, -1, 1 << 30)); };
    options.trees = toInt(*trees);
    options.sampleSize = toInt(*sampleSize);
    options.maxDepth = toInt(*maxDepth);
    options.seed = static_cast<quint64>(*seed);
    options.threads = toInt(*threads);

    const QString path = parser.positionalArguments().constFirst();
    const auto readStart = std::chrono::steady_clock::now();
    Result<FeatureTable> table = readFeatureCsv(path);
    if (!table)
        return fail(table.status());
    const double readSeconds = secondsSince(readStart);

    std::optional<IsolationForest> model;
    Eigen::VectorXd scores;
    std::vector<double> fitTimes, scoreTimes;
    for (qint64 run = 0; run < std::max<qint64>(1, *repeat); ++run) {
        auto start = std::chrono::steady_clock::now();
        Result<IsolationForest> fitted = parser.isSet(QStringLiteral("model"))
            ? IsolationForest::load(parser.value(QStringLiteral("model")))
            : IsolationForest::fit(table->X, options);
        if (!fitted)
            return fail(fitted.status());
        fitTimes.push_back(secondsSince(start));
        model = std::move(*fitted);
        start = std::chrono::steady_clock::now();
        Result<Eigen::VectorXd> scored = model->score(table->X, options.threads);
        if (!scored)
            return fail(scored.status());
        scoreTimes.push_back(secondsSince(start));
        scores = std::move(*scored);
    }
    if (parser.isSet(QStringLiteral("save-model"))) {
        if (Status s = model->save(parser.value(QStringLiteral("save-model"))); !s.isOk())
            return fail(s);
    }
    const Eigen::VectorXd calibrated = model->calibrate(scores);
    if (parser.isSet(QStringLiteral("scores"))) {
        if (Status s = writeScores(parser.value(QStringLiteral("scores")), scores, calibrated); !s.isOk())
            return fail(s);
    }

    int risks[3] = {0, 0, 0};
    for (Eigen::Index i = 0; i < calibrated.size(); ++i)
        ++risks[static_cast<int>(riskForScore(calibrated[i]))];
    QJsonObject summary {
        {QStringLiteral("file"), path},
        {QStringLiteral("rows"), static_cast<qint64>(table->X.rows())},
        {QStringLiteral("columns"), static_cast<qint64>(table->X.cols())},
        {QStringLiteral("trees"), model->treeCount()},
        {QStringLiteral("sample_size"), model->options().sampleSize},
        {QStringLiteral("max_depth"), model->options().maxDepth},
        {QStringLiteral("seed"), QString::number(model->options().seed)},
        {QStringLiteral("threads"), options.threads},
        {QStringLiteral("read_seconds"), readSeconds},
        {QStringLiteral("fit_seconds"), median(fitTimes)},
        {QStringLiteral("score_seconds"), median(scoreTimes)},
        {QStringLiteral("nodes"), model->nodeCount()},
        {QStringLiteral("model_bytes"), model->memoryBytes()},
        {QStringLiteral("calibration_median"), model->calibration().median},
        {QStringLiteral("calibration_spread"), model->calibration().spread},
        {QStringLiteral("high"), risks[static_cast<int>(Risk::High)]},
        {QStringLiteral("medium"), risks[static_cast<int>(Risk::Medium)]},
        {QStringLiteral("low"), risks[static_cast<int>(Risk::Low)]},
    };
    if (!table->labels.empty()) {
        const double auc = rocAuc(scores, table->labels);
        const double ap = averagePrecision(scores, table->labels);
        summary.insert(QStringLiteral("auc"), std::isnan(auc) ? QJsonValue() : QJsonValue(auc));
        summary.insert(QStringLiteral("average_precision"), std::isnan(ap) ? QJsonValue() : QJsonValue(ap));
    }

    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json"))) {
        out << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
        return 0;
    }
    out << "file:          " << path << '\n'
        << "rows:          " << table->X.rows() << ", columns: " << table->X.cols() << '\n'
        << "model:         " << model->treeCount() << " trees, sample size " << model->options().sampleSize
        << ", max depth " << model->options().maxDepth << ", seed " << model->options().seed << ", "
        << model->nodeCount() << " nodes, " << model->memoryBytes() << " bytes\n"
        << "fit seconds:   " << median(fitTimes) << '\n'
        << "score seconds: " << median(scoreTimes) << " (threads " << options.threads << ")\n"
        << "calibration:   median " << model->calibration().median << ", spread " << model->calibration().spread
        << " (raw score at 0.5: median + 2 spread, at 0.8: median + 3 spread)\n"
        << "risk:          HIGH " << risks[2] << ", MEDIUM " << risks[1] << ", LOW " << risks[0] << '\n';
    if (summary.contains(QStringLiteral("auc")))
        out << "ROC AUC:       " << summary.value(QStringLiteral("auc")).toDouble() << '\n'
            << "avg precision: " << summary.value(QStringLiteral("average_precision")).toDouble() << '\n';
    return 0;
}
