// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluate/Evaluation.h"

#include "detect/Metrics.h"
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "pipeline/DetectionPipeline.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>

namespace ledgerguard {

namespace {

constexpr qint64 kEvaluationNowMs = 1'780'315'200'000; // 2026-06-01 12:00 UTC

QJsonObject metricsJson(const EvaluationMetrics& m, bool overall)
{
    QJsonObject o {{QStringLiteral("anomalies"), m.anomalies},
                   {QStringLiteral("auc"), m.auc},
                   {QStringLiteral("recall_at_1pct_fpr"), m.recallAt1PctFpr},
                   {QStringLiteral("top_feature_match"), m.topFeatureMatch}};
    if (overall)
        o.insert(QStringLiteral("precision_high"), m.precisionHigh);
    return o;
}

} // namespace

QJsonObject EvaluationReport::toJson() const
{
    QJsonObject types;
    for (auto it = byType.cbegin(); it != byType.cend(); ++it)
        types.insert(it.key(), metricsJson(it.value(), false));
    return {{QStringLiteral("days"), days},
            {QStringLiteral("seed"), QString::number(seed)},
            {QStringLiteral("transactions"), transactions},
            {QStringLiteral("high"), highCount},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("overall"), metricsJson(overall, true)},
            {QStringLiteral("by_type"), types}};
}

QString EvaluationReport::toTable() const
{
    QString out
        = QStringLiteral("Evaluation: %1 days, seed %2, %3 transactions, %4 labelled anomalies, %5 HIGH (%6 s)\n\n")
              .arg(days)
              .arg(seed)
              .arg(transactions)
              .arg(overall.anomalies)
              .arg(highCount)
              .arg(seconds, 0, 'f', 1);
    out += QStringLiteral(
        "| type | anomalies | AUC | recall at 1% FPR | top feature matches |\n|---|---:|---:|---:|---:|\n");
    auto row = [](const QString& name, const EvaluationMetrics& m) {
        return QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
            .arg(name)
            .arg(m.anomalies)
            .arg(m.auc, 0, 'f', 3)
            .arg(m.recallAt1PctFpr, 0, 'f', 3)
            .arg(m.topFeatureMatch, 0, 'f', 3);
    };
    for (auto it = byType.cbegin(); it != byType.cend(); ++it)
        out += row(it.key(), it.value());
    out += row(QStringLiteral("**overall**"), overall);
    out += QStringLiteral("\nPrecision of HIGH: %1\n").arg(overall.precisionHigh, 0, 'f', 3);
    return out;
}

Result<EvaluationReport> evaluateDetection(int days, quint64 seed, double anomalyRate, double dailyScale)
{
    if (days < 7)
        return Status::invalidArgument(QStringLiteral("days"), QStringLiteral("must be at least 7"));
    QElapsedTimer timer;
    timer.start();
    QTemporaryDir dir;
    if (!dir.isValid())
        return Status::ioError(QStringLiteral("cannot create a temporary directory"));
    // A fixed clock: the same seed gives the same ledger, and the same figures, whenever it runs.
    const ManualClock clock(kEvaluationNowMs);
    auto opened = Ledger::open(dir.filePath(QStringLiteral("evaluation.sqlite")), clock);
    if (!opened)
        return opened.status();
    Ledger& ledger = **opened;
    // The accounts, and one day of history that stays: the backfill below adds to it, it does not replace it.
    if (Status s = createDemoLedger(ledger, 1, seed); !s.isOk())
        return s;
    TransactionGeneratorOptions genOptions;
    genOptions.seed = seed;
    genOptions.anomalyRate = anomalyRate;
    TransactionGenerator generator(ledger, genOptions);
    if (auto run = generator.backfill(days, dailyScale); !run)
        return run.status();

    DetectionPipelineOptions options;
    options.instantScoring = false;
    options.forest.seed = seed;
    DetectionPipeline pipeline(ledger, options);
    if (auto run = pipeline.runNow(true); !run)
        return run.status();

    auto labels = ledger.injectedLabels();
    if (!labels)
        return labels.status();
    auto accounts = ledger.accounts();
    if (!accounts)
        return accounts.status();
    // Scores and the anomaly type of each flagged transaction.
    QHash<QString, QString> flaggedType;
    for (PageRequest page {kMaxPageSize, {}};;) {
        auto p = ledger.anomalies({}, page);
        if (!p)
            return p.status();
        for (const Anomaly& a : p->items)
            flaggedType.insert(a.transactionId, a.anomalyType);
        if (p->nextCursor.isEmpty())
            break;
        page.cursor = p->nextCursor;
    }
    std::vector<double> normalScores;
    QMap<QString, std::vector<double>> typeScores;
    QMap<QString, QPair<int, int>> typeMatches; // flagged, matching
    EvaluationReport report;
    report.days = days;
    report.seed = seed;
    qint64 highLabelled = 0;
    for (const Account& a : *accounts) {
        // The lean columns: only id, score and risk are read here (NaN score and -1 risk when unscored).
        auto columns = ledger.transactionColumns(a.id);
        if (!columns)
            return columns.status();
        const TransactionColumns& c = *columns;
        for (qsizetype i = 0; i < c.size(); ++i) {
            const QString& id = c.ids[i];
            const double score = std::isnan(c.score[size_t(i)]) ? 0.0 : c.score[size_t(i)];
            ++report.transactions;
            const bool high = c.risk[size_t(i)] == qint8(Risk::High);
            report.highCount += high ? 1 : 0;
            const auto label = labels->constFind(id);
            if (label == labels->cend()) {
                normalScores.push_back(score);
                continue;
            }
            highLabelled += high ? 1 : 0;
            typeScores[*label].push_back(score);
            if (const auto f = flaggedType.constFind(id); f != flaggedType.cend()) {
                typeMatches[*label].first += 1;
                typeMatches[*label].second += *f == *label ? 1 : 0;
            }
        }
    }
    if (normalScores.empty())
        return Status::internal(QStringLiteral("no normal transactions to compare with"));
    std::vector<double> sortedNormal = normalScores;
    std::sort(sortedNormal.begin(), sortedNormal.end());
    const double threshold
        = sortedNormal[std::min(sortedNormal.size() - 1, size_t(double(sortedNormal.size()) * 0.99))];

    auto measure = [&](const std::vector<double>& positives, QPair<int, int> matches) {
        EvaluationMetrics m;
        m.anomalies = qint64(positives.size());
        if (positives.empty())
            return m;
        Eigen::VectorXd scores(qsizetype(positives.size() + normalScores.size()));
        std::vector<int> y;
        y.reserve(size_t(scores.size()));
        qsizetype k = 0;
        for (double s : positives) {
            scores(k++) = s;
            y.push_back(1);
        }
        for (double s : normalScores) {
            scores(k++) = s;
            y.push_back(0);
        }
        m.auc = rocAuc(scores, y);
        m.recallAt1PctFpr
            = double(std::count_if(positives.begin(), positives.end(), [&](double s) { return s > threshold; }))
            / double(positives.size());
        m.topFeatureMatch = matches.first > 0 ? double(matches.second) / double(matches.first) : 0.0;
        return m;
    };
    std::vector<double> allPositives;
    QPair<int, int> allMatches {0, 0};
    for (auto it = typeScores.cbegin(); it != typeScores.cend(); ++it) {
        report.byType.insert(it.key(), measure(it.value(), typeMatches.value(it.key())));
        allPositives.insert(allPositives.end(), it.value().begin(), it.value().end());
        allMatches.first += typeMatches.value(it.key()).first;
        allMatches.second += typeMatches.value(it.key()).second;
    }
    report.overall = measure(allPositives, allMatches);
    report.overall.precisionHigh = report.highCount > 0 ? double(highLabelled) / double(report.highCount) : 0.0;
    report.seconds = double(timer.elapsed()) / 1000.0;
    return report;
}

} // namespace ledgerguard
