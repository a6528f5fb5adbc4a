// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluate/Evaluation.h"

#include "detect/Metrics.h"
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "pipeline/Combination.h"
#include "pipeline/DetectionPipeline.h"
#include "rules/RuleBook.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <random>

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

QJsonObject scoresJson(const EvaluationScores& s)
{
    QJsonObject types;
    for (auto it = s.byType.cbegin(); it != s.byType.cend(); ++it)
        types.insert(it.key(), metricsJson(it.value(), false));
    return {{QStringLiteral("high"), s.highCount},
            {QStringLiteral("overall"), metricsJson(s.overall, true)},
            {QStringLiteral("by_type"), types}};
}

// Calls `visit` with each account's transaction columns (Ledger::transactionColumns), account by account.
template<typename Visit> Status forEachAccountColumns(const Ledger& ledger, Visit&& visit)
{
    auto accounts = ledger.accounts();
    if (!accounts)
        return accounts.status();
    for (const Account& a : *accounts) {
        auto columns = ledger.transactionColumns(a.id);
        if (!columns)
            return columns.status();
        visit(*columns);
    }
    return Status::ok();
}

// The stored scores of every transaction of `ledger` against the injected labels.
Result<EvaluationScores> measureScores(const Ledger& ledger, const QHash<QString, QString>& labels,
                                       qint64* transactions)
{
    // Scores and the anomaly type of each flagged transaction.
    QHash<QString, QString> flaggedType;
    for (PageRequest page {kMaxPageSize, {}};;) {
        auto p = ledger.anomalies({}, page);
        if (!p)
            return p.status();
        for (const Anomaly& a : p->items) {
            if (a.risk != Risk::Low)
                flaggedType.insert(a.transactionId, a.anomalyType);
        }
        if (p->nextCursor.isEmpty())
            break;
        page.cursor = p->nextCursor;
    }
    std::vector<double> normalScores;
    QMap<QString, std::vector<double>> typeScores;
    QMap<QString, QPair<int, int>> typeMatches; // flagged, matching
    EvaluationScores report;
    qint64 highLabelled = 0;
    *transactions = 0;
    // The lean columns: only id, score and risk are read here (NaN score and -1 risk when unscored).
    Status read = forEachAccountColumns(ledger, [&](const TransactionColumns& c) {
        for (qsizetype i = 0; i < c.size(); ++i) {
            const QString& id = c.ids[i];
            const double score = std::isnan(c.score[size_t(i)]) ? 0.0 : c.score[size_t(i)];
            ++*transactions;
            const bool high = c.risk[size_t(i)] == qint8(Risk::High);
            report.highCount += high ? 1 : 0;
            const auto label = labels.constFind(id);
            if (label == labels.cend()) {
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
    });
    if (!read.isOk())
        return read;
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
    return report;
}

// The labelled transactions that reach the simulated analyst as missed-fraud reports should the detector not flag
// them: each with probability `rate`, drawn from `seed` in a fixed order (account, then booking), whatever the
// scores.
Result<QSet<QString>> drawMissedReports(const Ledger& ledger, const QHash<QString, QString>& labels, double rate,
                                        quint64 seed)
{
    QSet<QString> out;
    std::mt19937_64 rng(seed ^ 0x5DEECE66DULL);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    Status read = forEachAccountColumns(ledger, [&](const TransactionColumns& c) {
        for (qsizetype i = 0; i < c.size(); ++i) {
            if (labels.contains(c.ids[i]) && uniform(rng) < rate)
                out.insert(c.ids[i]);
        }
    });
    if (!read.isOk())
        return read;
    return out;
}

// One week (one `delayMs`) of the simulated analyst: decides every transaction booked in [fromMs, fromMs + delayMs)
// and not after the ledger's now - delay, at booked + delay: a flagged one (MEDIUM or HIGH) is confirmed when
// labelled and dismissed when not; an unflagged labelled one in `reported` is confirmed as a missed-fraud report.
// Returns how many it decided, and counts them in `replay`'s confirmed, dismissed and reported.
Result<qint64> reviewBand(Ledger& ledger, const QHash<QString, QString>& labels, const QSet<QString>& reported,
                          qint64 fromMs, qint64 delayMs, FeedbackReplay& replay)
{
    const qint64 now = ledger.clock().nowMs();
    QList<LabelRequest> requests;
    Status read = forEachAccountColumns(ledger, [&](const TransactionColumns& c) {
        for (qsizetype i = 0; i < c.size(); ++i) {
            const size_t r = size_t(i);
            if (c.timestamp[r] < fromMs || c.timestamp[r] >= fromMs + delayMs || c.timestamp[r] + delayMs > now)
                continue;
            const bool flagged = c.risk[r] >= qint8(Risk::Medium);
            const bool labelled = labels.contains(c.ids[i]);
            if (!flagged && !(labelled && reported.contains(c.ids[i])))
                continue;
            LabelRequest request;
            request.transactionId = c.ids[i];
            request.label = labelled ? Label::Fraud : Label::Normal;
            request.decidedAt = c.timestamp[r] + delayMs;
            request.actor = QStringLiteral("evaluation analyst");
            if (!flagged)
                request.note = QStringLiteral("missed fraud reported");
            (labelled ? (flagged ? replay.confirmed : replay.reported) : replay.dismissed) += 1;
            requests.append(request);
        }
    });
    if (!read.isOk())
        return read;
    if (requests.isEmpty())
        return 0;
    auto summary = ledger.labelTransactions(requests);
    if (!summary)
        return summary.status();
    return summary->labelled;
}

// Saves the default rules for every currency of the ledger's accounts, runs detection with them on every account and
// measures the scores.
Result<EvaluationScores> measureDefaultRules(Ledger& ledger, DetectionPipelineOptions options)
{
    auto accounts = ledger.accounts();
    if (!accounts)
        return accounts.status();
    QSet<QString> currencies;
    for (const Account& a : *accounts)
        currencies.insert(a.currency);
    rules::RuleBook book(ledger);
    for (const QString& currency : std::as_const(currencies)) {
        for (const QJsonObject& rule : rules::RuleBook::defaultRules(currency)) {
            if (auto saved = book.save(rule, QStringLiteral("evaluation")); !saved)
                return saved.status();
        }
    }
    options.scorePartProviders = defaultScorePartProviders(ledger);
    DetectionPipeline pipeline(ledger, options);
    if (auto run = pipeline.runNow(true); !run)
        return run.status();
    auto labels = ledger.injectedLabels();
    if (!labels)
        return labels.status();
    qint64 transactions = 0;
    return measureScores(ledger, *labels, &transactions);
}

} // namespace

QJsonObject EvaluationReport::toJson() const
{
    QJsonObject types;
    for (auto it = byType.cbegin(); it != byType.cend(); ++it)
        types.insert(it.key(), metricsJson(it.value(), false));
    QJsonObject out {{QStringLiteral("days"), days},
                     {QStringLiteral("seed"), QString::number(seed)},
                     {QStringLiteral("transactions"), transactions},
                     {QStringLiteral("high"), highCount},
                     {QStringLiteral("seconds"), seconds},
                     {QStringLiteral("overall"), metricsJson(overall, true)},
                     {QStringLiteral("by_type"), types}};
    if (feedback) {
        QJsonObject f = scoresJson(feedback->scores);
        f.insert(QStringLiteral("decisions"), feedback->decisions);
        f.insert(QStringLiteral("confirmed"), feedback->confirmed);
        f.insert(QStringLiteral("dismissed"), feedback->dismissed);
        f.insert(QStringLiteral("reported"), feedback->reported);
        f.insert(QStringLiteral("missed_report_rate"), feedback->missedReportRate);
        f.insert(QStringLiteral("supervised"), feedback->supervised);
        f.insert(QStringLiteral("rounds"), feedback->rounds);
        f.insert(QStringLiteral("delay_days"), feedback->delayDays);
        out.insert(QStringLiteral("feedback"), f);
    }
    if (withRules)
        out.insert(QStringLiteral("rules"), scoresJson(*withRules));
    return out;
}

namespace {

// The lift of the default rules: a table of the forest's and the combined scores' figures.
QString rulesTable(const EvaluationReport& r)
{
    const EvaluationScores& w = *r.withRules;
    QString out = QStringLiteral("\nDefault rules (docs/DETECTION.md \"Default rules\"): %1 HIGH with the rules, %2 "
                                 "without; precision of HIGH %3 with, %4 without\n\n")
                      .arg(w.highCount)
                      .arg(r.highCount)
                      .arg(w.overall.precisionHigh, 0, 'f', 3)
                      .arg(r.overall.precisionHigh, 0, 'f', 3);
    out += QStringLiteral("| type | anomalies | AUC | AUC with rules | recall at 1% FPR | recall with rules |\n"
                          "|---|---:|---:|---:|---:|---:|\n");
    auto row = [](const QString& name, const EvaluationMetrics& m, const EvaluationMetrics& with) {
        return QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
            .arg(name)
            .arg(m.anomalies)
            .arg(m.auc, 0, 'f', 3)
            .arg(with.auc, 0, 'f', 3)
            .arg(m.recallAt1PctFpr, 0, 'f', 3)
            .arg(with.recallAt1PctFpr, 0, 'f', 3);
    };
    for (auto it = r.byType.cbegin(); it != r.byType.cend(); ++it)
        out += row(it.key(), it.value(), w.byType.value(it.key()));
    out += row(QStringLiteral("**overall**"), r.overall, w.overall);
    return out;
}

} // namespace

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
    if (!feedback) {
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
        if (withRules)
            out += rulesTable(*this);
        return out;
    }
    out += QStringLiteral("Feedback: a simulated analyst reviewed every alert %1 days after booking, confirmed %2 and "
                          "dismissed %3, and confirmed %4 missed-fraud reports (%5 of missed fraud reported) in %6 "
                          "rounds; %7 HIGH with feedback\n\n")
               .arg(feedback->delayDays)
               .arg(feedback->confirmed)
               .arg(feedback->dismissed)
               .arg(feedback->reported)
               .arg(feedback->missedReportRate, 0, 'f', 2)
               .arg(feedback->rounds)
               .arg(feedback->scores.highCount);
    out += QStringLiteral("| type | anomalies | AUC | AUC with feedback | recall at 1% FPR | recall with feedback | "
                          "top feature matches | with feedback |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    auto row = [](const QString& name, const EvaluationMetrics& m, const EvaluationMetrics& f) {
        return QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |\n")
            .arg(name)
            .arg(m.anomalies)
            .arg(m.auc, 0, 'f', 3)
            .arg(f.auc, 0, 'f', 3)
            .arg(m.recallAt1PctFpr, 0, 'f', 3)
            .arg(f.recallAt1PctFpr, 0, 'f', 3)
            .arg(m.topFeatureMatch, 0, 'f', 3)
            .arg(f.topFeatureMatch, 0, 'f', 3);
    };
    for (auto it = byType.cbegin(); it != byType.cend(); ++it)
        out += row(it.key(), it.value(), feedback->scores.byType.value(it.key()));
    out += row(QStringLiteral("**overall**"), overall, feedback->scores.overall);
    out += QStringLiteral("\nPrecision of HIGH: %1 without feedback, %2 with feedback\n")
               .arg(overall.precisionHigh, 0, 'f', 3)
               .arg(feedback->scores.overall.precisionHigh, 0, 'f', 3);
    if (withRules)
        out += rulesTable(*this);
    return out;
}

Result<EvaluationReport> evaluateDetection(const EvaluationOptions& options)
{
    if (options.days < 7)
        return Status::invalidArgument(QStringLiteral("days"), QStringLiteral("must be at least 7"));
    if (options.feedbackDelayDays < 1)
        return Status::invalidArgument(QStringLiteral("feedbackDelayDays"), QStringLiteral("must be at least 1"));
    if (!(options.missedReportRate >= 0 && options.missedReportRate <= 1))
        return Status::invalidArgument(QStringLiteral("missedReportRate"), QStringLiteral("must be in [0, 1]"));
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
    if (Status s = createDemoLedger(ledger, 1, options.seed); !s.isOk())
        return s;
    TransactionGeneratorOptions genOptions;
    genOptions.seed = options.seed;
    genOptions.anomalyRate = options.anomalyRate;
    genOptions.compromisedCounterparty = options.feedback; // the kind only feedback can find
    TransactionGenerator generator(ledger, genOptions);
    if (auto run = generator.backfill(options.days, options.dailyScale); !run)
        return run.status();

    DetectionPipelineOptions pipelineOptions;
    pipelineOptions.instantScoring = false;
    pipelineOptions.forest.seed = options.seed;
    pipelineOptions.supervised = options.supervised;
    DetectionPipeline pipeline(ledger, pipelineOptions);
    if (auto run = pipeline.runNow(true); !run)
        return run.status();

    auto labels = ledger.injectedLabels();
    if (!labels)
        return labels.status();
    EvaluationReport report;
    report.days = options.days;
    report.seed = options.seed;
    auto scores = measureScores(ledger, *labels, &report.transactions);
    if (!scores)
        return scores.status();
    report.highCount = scores->highCount;
    report.overall = scores->overall;
    report.byType = scores->byType;
    if (options.rules) {
        auto withRules = measureDefaultRules(ledger, pipelineOptions);
        if (!withRules)
            return withRules.status();
        report.withRules = *withRules;
        if (options.feedback) { // the replay starts from the forest's own scores
            if (auto run = pipeline.runNow(true); !run)
                return run.status();
        }
    }
    if (options.feedback) {
        FeedbackReplay replay;
        replay.delayDays = options.feedbackDelayDays;
        replay.missedReportRate = options.missedReportRate;
        replay.supervised = options.supervised;
        auto reported = drawMissedReports(ledger, *labels, options.missedReportRate, options.seed);
        if (!reported)
            return reported.status();
        // Week by week from the first booking: a transaction booked at b is scored with the decisions made before
        // b, i.e. on bookings before b - delay, all decided in earlier weeks, so each week is decided on the scores
        // the analyst would have seen at the time.
        const qint64 delayMs = options.feedbackDelayDays * kDayMs;
        const qint64 first = kEvaluationNowMs - qint64(options.days + 1) * kDayMs;
        for (qint64 from = first; from + delayMs <= kEvaluationNowMs; from += delayMs) {
            auto decided = reviewBand(ledger, *labels, *reported, from, delayMs, replay);
            if (!decided)
                return decided.status();
            if (*decided == 0)
                continue;
            replay.decisions += *decided;
            ++replay.rounds;
            if (auto run = pipeline.runNow(true); !run)
                return run.status();
        }
        qint64 transactions = 0;
        auto withFeedback = measureScores(ledger, *labels, &transactions);
        if (!withFeedback)
            return withFeedback.status();
        replay.scores = *withFeedback;
        report.feedback = replay;
    }
    report.seconds = double(timer.elapsed()) / 1000.0;
    return report;
}

} // namespace ledgerguard
