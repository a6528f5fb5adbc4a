// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipeline/Features.h"

#include "money/Money.h"

#include <QDateTime>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace ledgerguard {

namespace {

constexpr double kTwoPi = 6.283185307179586;
constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kDuplicateWindowMs = 48 * kHourMs;

const char* const kNames[kFeatureCount]
    = {"log_amount",      "direction",   "amount_z",    "amount_z_category", "hour_sin",
       "hour_cos",        "weekday_sin", "weekday_cos", "log_gap",           "counterparty_rarity",
       "category_rarity", "burst_1h",    "duplicate",   "round_amount"};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + qsizetype(mid), v.end());
    return v[mid];
}

// Median and scaled MAD; the MAD has a floor so that constant histories do not divide by zero.
std::pair<double, double> robustCentre(const std::vector<double>& v)
{
    const double m = median(v);
    std::vector<double> dev(v.size());
    for (size_t i = 0; i < v.size(); ++i)
        dev[i] = std::abs(v[i] - m);
    return {m, std::max(1.4826 * median(std::move(dev)), 0.05)};
}

int trailingZerosMajor(qint64 minor)
{
    qint64 a = minor < 0 ? -minor : minor;
    if (a % 100 != 0)
        return 0;
    a /= 100;
    int zeros = 0;
    while (a > 0 && a % 10 == 0 && zeros < 6) {
        a /= 10;
        ++zeros;
    }
    return zeros;
}

} // namespace

QString featureName(int column)
{
    return column >= 0 && column < kFeatureCount ? QLatin1String(kNames[column]) : QString();
}

QString anomalyTypeForFeature(int column)
{
    switch (column) {
    case kHourSin:
    case kHourCos:
    case kWeekdaySin:
    case kWeekdayCos:
        return QStringLiteral("unusual_hour");
    case kCounterpartyRarity:
        return QStringLiteral("new_counterparty");
    case kCategoryRarity:
        return QStringLiteral("new_category");
    case kBurst:
    case kLogGap:
        return QStringLiteral("rapid_burst");
    case kDuplicate:
        return QStringLiteral("duplicate_payment");
    case kRoundAmount:
        return QStringLiteral("round_amount");
    default:
        return QStringLiteral("amount_spike");
    }
}

AccountFeatures computeFeatures(const QList<Transaction>& history)
{
    AccountFeatures out;
    const qsizetype n = history.size();
    out.matrix.resize(n, kFeatureCount);
    out.context.rows = n;
    if (n == 0)
        return out;

    std::vector<double> logAmount(static_cast<size_t>(n));
    std::vector<double> absMajor(static_cast<size_t>(n));
    QHash<int, std::vector<double>> byCategory;
    for (qsizetype i = 0; i < n; ++i) {
        const Transaction& t = history[i];
        const double major = double(t.amount < 0 ? -t.amount : t.amount) / 100.0;
        absMajor[size_t(i)] = major;
        logAmount[size_t(i)] = std::log1p(major);
        byCategory[int(t.category)].push_back(logAmount[size_t(i)]);
        out.context.counterpartyCounts[t.counterparty] += 1;
        out.context.categoryCounts[int(t.category)] += 1;
    }
    const auto [accountMedian, accountMad] = robustCentre(logAmount);
    out.context.medianLogAmount = accountMedian;
    out.context.medianAbsAmountMajor = median(absMajor);
    QHash<int, std::pair<double, double>> categoryCentre;
    for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it)
        categoryCentre.insert(it.key(), robustCentre(it.value()));

    // Recent (amount, counterparty) -> last timestamp, for duplicates; a sliding window for bursts.
    QHash<QPair<qint64, QString>, qint64> lastSeen;
    qsizetype windowStart = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const Transaction& t = history[i];
        auto row = out.matrix.row(i);
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(t.timestamp, Qt::UTC);
        const double hour = double(t.timestamp % kDayMs) / double(kHourMs);
        const int weekday = when.date().dayOfWeek() - 1;
        const auto [cm, cmad] = categoryCentre.value(int(t.category));
        row(kLogAmount) = logAmount[size_t(i)];
        row(kDirection) = t.amount < 0 ? -1.0 : 1.0;
        row(kAmountZ) = (logAmount[size_t(i)] - accountMedian) / accountMad;
        row(kAmountZCategory) = (logAmount[size_t(i)] - cm) / cmad;
        row(kHourSin) = std::sin(kTwoPi * hour / 24.0);
        row(kHourCos) = std::cos(kTwoPi * hour / 24.0);
        row(kWeekdaySin) = std::sin(kTwoPi * weekday / 7.0);
        row(kWeekdayCos) = std::cos(kTwoPi * weekday / 7.0);
        row(kLogGap)
            = i == 0 ? std::log1p(86400.0) : std::log1p(double(t.timestamp - history[i - 1].timestamp) / 1000.0);
        row(kCounterpartyRarity) = -std::log(double(out.context.counterpartyCounts.value(t.counterparty)) / double(n));
        row(kCategoryRarity) = -std::log(double(out.context.categoryCounts.value(int(t.category))) / double(n));
        while (history[windowStart].timestamp < t.timestamp - kHourMs)
            ++windowStart;
        row(kBurst) = double(i - windowStart);
        const QPair<qint64, QString> key(t.amount, t.counterparty);
        const auto seen = lastSeen.constFind(key);
        row(kDuplicate) = seen != lastSeen.cend() && t.timestamp - *seen <= kDuplicateWindowMs
            ? 1.0 - double(t.timestamp - *seen) / double(kDuplicateWindowMs)
            : 0.0;
        lastSeen.insert(key, t.timestamp);
        row(kRoundAmount) = trailingZerosMajor(t.amount) / 6.0;
    }
    return out;
}

QJsonObject featureObject(const Eigen::Ref<const Eigen::RowVectorXd>& row)
{
    QJsonObject o;
    for (int c = 0; c < kFeatureCount && c < row.size(); ++c)
        o.insert(featureName(c), row(c));
    return o;
}

namespace {

QString describe(int column, const Transaction& t, const Eigen::Ref<const Eigen::RowVectorXd>& row, double typical,
                 const FeatureContext& ctx)
{
    const QLocale c = QLocale::c();
    switch (column) {
    case kLogAmount:
    case kAmountZ:
    case kAmountZCategory:
    case kDirection: {
        const double major = double(t.amount < 0 ? -t.amount : t.amount) / 100.0;
        const double ratio = ctx.medianAbsAmountMajor > 0 ? major / ctx.medianAbsAmountMajor : 0;
        if (column == kAmountZCategory)
            return QStringLiteral("amount is %1 robust deviations from the account's usual %2 amounts")
                .arg(c.toString(row(kAmountZCategory), 'f', 1), categoryLabel(t.category).toLower());
        if (ratio >= 1)
            return QStringLiteral("amount %1x the account's median (%2)")
                .arg(c.toString(ratio, 'f', ratio < 10 ? 1 : 0), c.toString(ctx.medianAbsAmountMajor, 'f', 2));
        return QStringLiteral("amount %1 of the account's median (%2)")
            .arg(c.toString(ratio, 'f', 2), c.toString(ctx.medianAbsAmountMajor, 'f', 2));
    }
    case kHourSin:
    case kHourCos: {
        const QTime time = QDateTime::fromMSecsSinceEpoch(t.timestamp, Qt::UTC).time();
        return QStringLiteral("booked at %1 UTC, outside the account's usual hours")
            .arg(time.toString(QStringLiteral("HH:mm")));
    }
    case kWeekdaySin:
    case kWeekdayCos:
        return QStringLiteral("booked on a %1, unusual for this account")
            .arg(c.dayName(QDateTime::fromMSecsSinceEpoch(t.timestamp, Qt::UTC).date().dayOfWeek()));
    case kLogGap:
        return QStringLiteral("%1 s after the previous transaction (typically %2 s)")
            .arg(c.toString(std::expm1(row(kLogGap)), 'f', 0), c.toString(std::expm1(typical), 'f', 0));
    case kCounterpartyRarity: {
        const int seen = ctx.counterpartyCounts.value(t.counterparty);
        return seen <= 1 ? QStringLiteral("new counterparty for this account: %1").arg(t.counterparty)
                         : QStringLiteral("rare counterparty %1 (%2 of %3 transactions)")
                               .arg(t.counterparty)
                               .arg(seen)
                               .arg(ctx.rows);
    }
    case kCategoryRarity: {
        const int seen = ctx.categoryCounts.value(int(t.category));
        return QStringLiteral("category %1 is rare for this account (%2 of %3 transactions)")
            .arg(categoryLabel(t.category))
            .arg(seen)
            .arg(ctx.rows);
    }
    case kBurst:
        return QStringLiteral("%1 transactions in the preceding hour (typically %2)")
            .arg(c.toString(row(kBurst), 'f', 0), c.toString(typical, 'f', 0));
    case kDuplicate:
        return QStringLiteral("same amount to %1 %2 min earlier: possible duplicate payment")
            .arg(t.counterparty, c.toString((1.0 - row(kDuplicate)) * 48 * 60, 'f', 0));
    case kRoundAmount:
        return QStringLiteral("round amount %1").arg(Money(t.amount, t.currency).format(c));
    default:
        return featureName(column);
    }
}

} // namespace

QJsonArray explainRow(const Transaction& t, const Eigen::Ref<const Eigen::RowVectorXd>& row,
                      const std::vector<IsolationForest::FeatureContribution>& contributions,
                      const FeatureContext& context, int topFeatures)
{
    QJsonArray out;
    for (const auto& fc : contributions) {
        if (out.size() >= topFeatures)
            break;
        if (fc.contribution <= 0)
            continue;
        QJsonObject o;
        o.insert(QStringLiteral("feature"), featureName(fc.feature));
        o.insert(QStringLiteral("contribution"), fc.contribution);
        o.insert(QStringLiteral("value"), fc.value);
        o.insert(QStringLiteral("typical"), fc.typical);
        o.insert(QStringLiteral("text"), describe(fc.feature, t, row, fc.typical, context));
        out.append(o);
    }
    return out;
}

} // namespace ledgerguard
