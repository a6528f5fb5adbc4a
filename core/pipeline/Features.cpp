// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipeline/Features.h"

#include "money/Money.h"

#include <QDataStream>
#include <QDateTime>
#include <QIODevice>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace ledgerguard {

namespace {

constexpr double kTwoPi = 6.283185307179586;
constexpr qint64 kDuplicateWindowMs = kFeatureLookbackMs;
constexpr qint64 kBurstWindowMs = 10 * kMinuteMs;
static_assert(kBurstWindowMs <= kFeatureLookaheadMs && kHourMs <= kFeatureLookaheadMs);
constexpr int kDuplicateLookback = 16; // earlier payments to the same counterparty compared with
constexpr double kMadFloor = 0.05;
// A counterparty's amounts may not vary at all (a fixed fee): one robust deviation of its centre is at least a change
// of a quarter (e^0.25), so that a 10 % dearer invoice is no outlier while a tenfold one is far out (z 9).
constexpr double kPayeeMadFloor = 0.25;
constexpr double kExactDuplicate = 4.0;
constexpr quint32 kContextMagic = 0x4C474643; // "LGFC"
constexpr quint32 kContextVersion = 2; // 1: without counterpartyAmounts and counterpartyRepeats

const char* const kNames[kFeatureCount]
    = {"log_amount", "direction",           "amount_z",        "amount_z_category", "hour_rarity", "weekday_rarity",
       "log_gap",    "counterparty_rarity", "category_rarity", "burst_10m",         "duplicate",   "round_amount"};

double median(std::vector<double>& v)
{
    if (v.empty())
        return 0;
    const auto mid = v.begin() + qsizetype(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

// Median and scaled MAD (1.4826 MAD estimates the standard deviation of normal data); the floor keeps constant
// histories (a fixed monthly rent) from dividing by zero.
FeatureContext::Centre robustCentre(std::vector<double> v)
{
    FeatureContext::Centre c;
    c.count = int(v.size());
    c.median = median(v);
    for (double& x : v)
        x = std::abs(x - c.median);
    c.mad = std::max(1.4826 * median(v), kMadFloor);
    return c;
}

// True when a row's amount is read against its counterparty's amounts rather than its category's: the counterparty's
// are far tighter (a supplier paid about the same each time, among suppliers of every size); where they spread as
// widely as the category's (a card's merchants), the category's centre of many more rows is the steadier.
bool usePayeeCentre(const FeatureContext::Centre& payee, const FeatureContext::Centre& category)
{
    return category.count < 3 || std::max(payee.mad, kPayeeMadFloor) < 0.5 * std::max(category.mad, kMadFloor);
}

double logAmount(qint64 minor)
{
    return std::log1p(double(minor < 0 ? -minor : minor) / 100.0);
}

int timeBinOf(qint64 ms) // 5-minute bin of the day
{
    return int((((ms % kDayMs) + kDayMs) % kDayMs) / (kDayMs / FeatureContext::kTimeBins));
}

int weekdayOf(qint64 ms) // 0 = Monday; 1970-01-01 was a Thursday
{
    const qint64 day = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
    return int(((day + 3) % 7 + 7) % 7);
}

QString pairKey(const QString& counterparty, qint32 category)
{
    return counterparty + QChar(0x1f) + QString::number(category);
}

int trailingZeros(qint64 minor)
{
    qint64 a = minor < 0 ? -minor : minor;
    int zeros = 0;
    while (a > 0 && a % 10 == 0 && zeros < 12) {
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

const std::vector<int>& modelColumns()
{
    // The columns the forest is fitted on (docs/DETECTION.md): the account-wide amount features (log_amount,
    // direction, amount_z) are multi-modal in an account with several streams (salaries and fees, receipts and
    // refunds) and make every monthly item an outlier; weekday_rarity and log_gap mostly flag weekends and quiet
    // nights. Those are left out of the model.
    static const std::vector<int> columns {kAmountZCategory, kHourRarity, kCounterpartyRarity, kCategoryRarity,
                                           kBurst,           kDuplicate,  kRoundAmount};
    return columns;
}

double modelValue(int column, double value)
{
    switch (column) {
    case kHourRarity:
    case kCounterpartyRarity:
    case kCategoryRarity:
        return std::exp(value);
    case kRoundAmount:
        return std::pow(10.0, value);
    case kDuplicate:
        return value >= kExactDuplicate ? 100.0 * value : value;
    case kBurst:
        return std::exp2(value);
    case kAmountZCategory: // the odds of a normal deviate this far out, with its sign
        return std::copysign(std::exp(std::min(value * value, 60.0) / 2.0), value);
    default:
        return value;
    }
}

double featureValue(int column, double v)
{
    switch (column) {
    case kHourRarity:
    case kCounterpartyRarity:
    case kCategoryRarity:
        return std::log(v);
    case kRoundAmount:
        return std::log10(v);
    case kDuplicate:
        return v >= 100.0 * kExactDuplicate ? v / 100.0 : v;
    case kBurst:
        return std::log2(v);
    case kAmountZCategory:
        return std::copysign(std::sqrt(2.0 * std::log(std::max(std::abs(v), 1.0))), v);
    default:
        return v;
    }
}

FeatureMatrix modelInput(const FeatureMatrix& features)
{
    const std::vector<int>& columns = modelColumns();
    FeatureMatrix out(features.rows(), qsizetype(columns.size()));
    // Most columns take few distinct values (a rarity per time bin, counterparty or category; a count of zeros):
    // each column remembers modelValue of the values it saw last in a small table keyed by the value's bits. Not for
    // instant scoring's few rows, where the table would cost more than it saves.
    constexpr size_t kSlots = 1024;
    struct Slot
    {
        quint64 bits;
        double value;
        bool used;
    };
    const bool remember = features.rows() >= 4096;
    std::vector<Slot> memo(remember ? columns.size() * kSlots : 0, Slot {0, 0.0, false});
    for (qsizetype r = 0; r < features.rows(); ++r)
        for (size_t c = 0; c < columns.size(); ++c) {
            const double in = features(r, columns[c]);
            if (!remember) {
                out(r, qsizetype(c)) = modelValue(columns[c], in);
                continue;
            }
            quint64 bits = 0;
            std::memcpy(&bits, &in, sizeof bits);
            Slot& slot = memo[c * kSlots + size_t((bits * 0x9e3779b97f4a7c15ULL) >> 54)];
            if (!slot.used || slot.bits != bits)
                slot = Slot {bits, modelValue(columns[c], in), true};
            out(r, qsizetype(c)) = slot.value;
        }
    return out;
}

AnomalyType anomalyTypeForFeature(int column)
{
    switch (column) {
    case kHourRarity:
    case kWeekdayRarity:
        return AnomalyType::UnusualHour;
    case kCounterpartyRarity:
        return AnomalyType::NewCounterparty;
    case kCategoryRarity:
        return AnomalyType::NewCategory;
    case kBurst:
    case kLogGap:
        return AnomalyType::RapidBurst;
    case kDuplicate:
        return AnomalyType::DuplicatePayment;
    case kRoundAmount:
        return AnomalyType::RoundAmount;
    default:
        return AnomalyType::AmountSpike;
    }
}

QByteArray FeatureContext::serialize() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kContextMagic << kContextVersion << rows << amount.median << amount.mad << amount.count
        << medianAbsAmountMajor;
    out << quint32(categories.size());
    for (auto it = categories.cbegin(); it != categories.cend(); ++it)
        out << it.key() << it->median << it->mad << it->count;
    out << counterpartyCounts << counterpartyCategoryCounts;
    for (double h : timeCounts)
        out << h;
    for (double d : weekdayCounts)
        out << d;
    out << quint32(counterpartyAmounts.size());
    for (auto it = counterpartyAmounts.cbegin(); it != counterpartyAmounts.cend(); ++it)
        out << it.key() << it->median << it->mad << it->count;
    out << counterpartyRepeats;
    return bytes;
}

Result<FeatureContext> FeatureContext::deserialize(const QByteArray& bytes)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0, categoryCount = 0;
    FeatureContext c;
    in >> magic >> version;
    // (A version 1 context, of a model stored before, has no counterparty centres: its rows are read against their
    // categories, as its forest was fitted.)
    if (magic != kContextMagic || (version != kContextVersion && version != 1))
        return Status::corruption(QStringLiteral("not a feature context"));
    in >> c.rows >> c.amount.median >> c.amount.mad >> c.amount.count >> c.medianAbsAmountMajor >> categoryCount;
    for (quint32 i = 0; i < categoryCount && in.status() == QDataStream::Ok; ++i) {
        qint32 key = 0;
        Centre centre;
        in >> key >> centre.median >> centre.mad >> centre.count;
        c.categories.insert(key, centre);
    }
    in >> c.counterpartyCounts >> c.counterpartyCategoryCounts;
    for (double& h : c.timeCounts)
        in >> h;
    for (double& d : c.weekdayCounts)
        in >> d;
    quint32 counterpartyCentres = 0;
    if (version >= 2)
        in >> counterpartyCentres;
    for (quint32 i = 0; i < counterpartyCentres && in.status() == QDataStream::Ok; ++i) {
        QString name;
        Centre centre;
        in >> name >> centre.median >> centre.mad >> centre.count;
        c.counterpartyAmounts.insert(name, centre);
    }
    if (version >= 2)
        in >> c.counterpartyRepeats;
    if (in.status() != QDataStream::Ok)
        return Status::corruption(QStringLiteral("truncated feature context"));
    return c;
}

FeatureContext buildFeatureContext(const TransactionColumns& rows)
{
    FeatureContext c;
    const qsizetype n = rows.size();
    c.rows = n;
    std::vector<double> logs(static_cast<size_t>(n));
    std::vector<double> absMajor(static_cast<size_t>(n));
    QHash<qint32, std::vector<double>> byCategory;
    std::vector<int> counterpartyCounts(size_t(rows.counterparties.size()), 0);
    for (qsizetype i = 0; i < n; ++i) {
        const size_t k = size_t(i);
        logs[k] = logAmount(rows.amount[k]);
        absMajor[k] = double(std::abs(rows.amount[k])) / 100.0;
        byCategory[rows.category[k]].push_back(logs[k]);
        ++counterpartyCounts[size_t(rows.counterparty[k])];
        c.timeCounts[size_t(timeBinOf(rows.timestamp[k]))] += 1;
        c.weekdayCounts[size_t(weekdayOf(rows.timestamp[k]))] += 1;
    }
    c.amount = robustCentre(std::move(logs));
    c.medianAbsAmountMajor = median(absMajor);
    for (auto it = byCategory.begin(); it != byCategory.end(); ++it)
        c.categories.insert(it.key(), robustCentre(std::move(it.value())));
    for (qsizetype i = 0; i < rows.counterparties.size(); ++i)
        c.counterpartyCounts.insert(rows.counterparties[i], counterpartyCounts[size_t(i)]);
    // The amounts of each named counterparty with enough rows for a centre, and its repeats: rows of the same amount
    // as one of it at most 48 hours before.
    std::vector<std::vector<double>> byCounterparty(size_t(rows.counterparties.size()));
    std::vector<QHash<qint64, qint64>> lastOfAmount(size_t(rows.counterparties.size()));
    std::vector<int> repeats(size_t(rows.counterparties.size()), 0);
    for (qsizetype i = 0; i < n; ++i) {
        const size_t k = size_t(i);
        const size_t cp = size_t(rows.counterparty[k]);
        if (counterpartyCounts[cp] >= FeatureContext::kCounterpartyCentreRows
            && !rows.counterparties[qsizetype(cp)].isEmpty())
            byCounterparty[cp].push_back(logAmount(rows.amount[k]));
        if (counterpartyCounts[cp] < 2)
            continue;
        auto last = lastOfAmount[cp].find(rows.amount[k]);
        if (last != lastOfAmount[cp].end()) {
            if (rows.timestamp[k] - *last <= kDuplicateWindowMs)
                ++repeats[cp];
            *last = rows.timestamp[k];
        } else {
            lastOfAmount[cp].insert(rows.amount[k], rows.timestamp[k]);
        }
    }
    for (size_t cp = 0; cp < repeats.size(); ++cp)
        if (repeats[cp] > 0)
            c.counterpartyRepeats.insert(rows.counterparties[qsizetype(cp)], repeats[cp]);
    for (size_t cp = 0; cp < byCounterparty.size(); ++cp)
        if (!byCounterparty[cp].empty())
            c.counterpartyAmounts.insert(rows.counterparties[qsizetype(cp)],
                                         robustCentre(std::move(byCounterparty[cp])));
    QHash<qint64, int> pairs; // (counterparty index, category) -> count
    for (qsizetype i = 0; i < n; ++i)
        ++pairs[(qint64(rows.counterparty[size_t(i)]) << 8) | rows.category[size_t(i)]];
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it)
        c.counterpartyCategoryCounts.insert(pairKey(rows.counterparties[it.key() >> 8], qint32(it.key() & 0xff)),
                                            it.value());
    return c;
}

FeatureMatrix computeFeatures(const TransactionColumns& rows, const FeatureContext& context, bool rowsInContext)
{
    const qsizetype n = rows.size();
    FeatureMatrix m(n, kFeatureCount);
    if (n == 0)
        return m;
    const double extra = rowsInContext ? 0.0 : 1.0; // a new row counts itself once
    const double total = double(context.rows) + extra;

    // Counterparty and category counts by interned index, and the hour density on the 24-hour circle.
    std::vector<double> counterpartyCount(size_t(rows.counterparties.size()));
    for (qsizetype i = 0; i < rows.counterparties.size(); ++i)
        counterpartyCount[size_t(i)] = double(context.counterpartyCounts.value(rows.counterparties[i])) + extra;
    std::vector<const FeatureContext::Centre*> payeeCentre(size_t(rows.counterparties.size()), nullptr);
    for (qsizetype i = 0; i < rows.counterparties.size(); ++i)
        if (auto it = context.counterpartyAmounts.constFind(rows.counterparties[i]);
            it != context.counterpartyAmounts.cend())
            payeeCentre[size_t(i)] = &*it;
    // Time of day: a Gaussian kernel density (sigma 45 minutes) on the 24-hour circle over 5-minute bins, so that
    // usual transactions get a continuous spread of values (hour bins give a few values only, and the forest
    // cannot split a 02:00 booking from the rows of the account's quietest usual hour).
    constexpr int bins = FeatureContext::kTimeBins;
    constexpr int reach = 36; // 3 hours
    std::array<double, 2 * reach + 1> kernel {};
    for (int d = -reach; d <= reach; ++d)
        kernel[size_t(d + reach)] = std::exp(-0.5 * (d / 9.0) * (d / 9.0)) / (9.0 * std::sqrt(kTwoPi));
    std::array<double, bins> timeRarity {};
    for (int b = 0; b < bins; ++b) {
        double density = extra * kernel[size_t(reach)];
        for (int d = -reach; d <= reach; ++d)
            density += kernel[size_t(d + reach)] * context.timeCounts[size_t((b + d + bins) % bins)];
        timeRarity[size_t(b)] = -std::log((density + 0.01) / (total + 0.01 * bins));
    }
    std::array<double, 7> weekdayRarity {};
    for (int d = 0; d < 7; ++d)
        weekdayRarity[size_t(d)] = -std::log((context.weekdayCounts[size_t(d)] + extra + 0.5) / (total + 3.5));

    // For bursts and duplicates: each row's previous row with the same counterparty (a chain back in time), so
    // memory stays one index per row even when every transaction has a counterparty of its own.
    std::vector<qsizetype> lastOf(size_t(rows.counterparties.size()), -1);
    std::vector<qsizetype> previousSame(size_t(n), -1);
    // The rarities of a counterparty and of a (counterparty, category) pair, each computed once.
    std::vector<double> counterpartyRarity(counterpartyCount.size());
    for (size_t i = 0; i < counterpartyCount.size(); ++i)
        counterpartyRarity[i] = -std::log(std::max(counterpartyCount[i], 1.0) / std::max(total, 1.0));
    QHash<qint64, double> pairRarity; // (counterparty index, category) -> the pair's part of category_rarity
    std::vector<int> near(size_t(n), 0), identical(size_t(n), 0), identicalHour(size_t(n), 0);
    std::vector<qint64> lastIdentical(size_t(n), 0);
    std::vector<double> closest(size_t(n), 0.0);
    QHash<qint32, double> categoryRarity; // category -> its part of category_rarity
    for (qsizetype i = 0; i < n; ++i) {
        const size_t k = size_t(i);
        const qint64 t = rows.timestamp[k];
        const qint64 amount = rows.amount[k];
        auto row = m.row(i);
        const double x = logAmount(amount);
        row(kLogAmount) = x;
        row(kDirection) = amount < 0 ? -1.0 : 1.0;
        row(kAmountZ) = (x - context.amount.median) / std::max(context.amount.mad, kMadFloor);
        const FeatureContext::Centre cat = context.categories.value(rows.category[k]);
        // Against the counterparty's amounts where it has enough of them, else the category's; a category with too
        // few rows for a robust centre says nothing (0).
        if (const FeatureContext::Centre* payee = payeeCentre[size_t(rows.counterparty[k])];
            payee && usePayeeCentre(*payee, cat))
            row(kAmountZCategory) = (x - payee->median) / std::max(payee->mad, kPayeeMadFloor);
        else
            row(kAmountZCategory) = cat.count >= 3 ? (x - cat.median) / std::max(cat.mad, kMadFloor) : 0.0;
        row(kHourRarity) = timeRarity[size_t(timeBinOf(t))];
        row(kWeekdayRarity) = weekdayRarity[size_t(weekdayOf(t))];
        row(kLogGap) = i == 0 ? std::log1p(86400.0) : std::log1p(double(t - rows.timestamp[k - 1]) / 1000.0);
        row(kCounterpartyRarity) = counterpartyRarity[size_t(rows.counterparty[k])];
        // Category: rare in the account, and more so when this counterparty is never booked under it (a known
        // supplier's invoice booked as tax), which sets a new category apart from a rare but regular one (rent).
        auto rareCategory = categoryRarity.constFind(rows.category[k]);
        if (rareCategory == categoryRarity.cend())
            rareCategory = categoryRarity.insert(
                rows.category[k], -std::log(std::max(double(cat.count) + extra, 1.0) / std::max(total, 1.0)));
        const qint64 pair = (qint64(rows.counterparty[k]) << 8) | rows.category[k];
        auto known = pairRarity.constFind(pair);
        if (known == pairRarity.cend()) {
            const double pairCount = double(context.counterpartyCategoryCounts.value(
                                         pairKey(rows.counterparties[rows.counterparty[k]], rows.category[k])))
                + extra;
            known = pairRarity.insert(
                pair,
                -std::log(std::max(pairCount, 1.0) / std::max(counterpartyCount[size_t(rows.counterparty[k])], 1.0)));
        }
        row(kCategoryRarity) = *rareCategory + *known;

        // Neighbours to the same counterparty, up to kDuplicateLookback of them back along the chain: a later row
        // adds itself to the earlier row's counts, so both directions are counted in one pass.
        const qint32 cp = rows.counterparty[k];
        previousSame[k] = lastOf[size_t(cp)];
        lastOf[size_t(cp)] = i;
        qsizetype jj = previousSame[k];
        // The smallest relative difference to an earlier payment of another amount (-1: none); -log10 decreases,
        // so the largest -log10 over the neighbours is -log10 of the smallest difference, taken once per row.
        double nearestRelative = -1.0;
        for (int steps = 0; jj >= 0 && steps < kDuplicateLookback; ++steps, jj = previousSame[size_t(jj)]) {
            const size_t j = size_t(jj);
            const qint64 dt = t - rows.timestamp[j];
            if (dt > kDuplicateWindowMs)
                break;
            // Two statement lines with a date only (isDateOnlyTimestamp) have no minutes between them to count: the
            // same day is no burst, and their repeats are repeats, not a burst.
            const bool untimed = isDateOnlyTimestamp(t) && isDateOnlyTimestamp(rows.timestamp[j]);
            if (dt <= kBurstWindowMs && !untimed) {
                ++near[k];
                ++near[j];
            }
            if (rows.amount[j] == amount) {
                ++identical[k];
                lastIdentical[k] = std::max(lastIdentical[k], rows.timestamp[j]);
                if (dt <= kHourMs && !untimed) {
                    ++identicalHour[k];
                    ++identicalHour[j];
                }
            } else {
                const double rel = std::abs(double(amount - rows.amount[j])) / std::abs(double(amount));
                if (nearestRelative < 0 || rel < nearestRelative)
                    nearestRelative = rel;
            }
        }
        if (nearestRelative >= 0)
            closest[k] = std::max(0.0, -std::log10(std::max(nearestRelative, 1e-3)));

        row(kRoundAmount) = trailingZeros(amount);
    }
    // Whether each counterparty is paid the same amount again by habit (isRoutineRepeat), from the account's counts in
    // the context: a row of the bulk pass is counted there itself (a repeat, as asked only of repeats), a new one not.
    std::vector<char> routine(size_t(rows.counterparties.size()), 0);
    for (qsizetype i = 0; i < rows.counterparties.size(); ++i) {
        const QString& name = rows.counterparties[i];
        const int own = rowsInContext ? 1 : 0;
        routine[size_t(i)] = isRoutineRepeat(context.counterpartyRepeats.value(name) - own,
                                             context.counterpartyCounts.value(name) - own);
    }
    for (qsizetype i = 0; i < n; ++i) {
        const size_t k = size_t(i);
        // Burst: payments to the same counterparty within 10 minutes before or after (a busy account's
        // payroll run pays forty people at once, which is no burst).
        m(i, kBurst) = near[k];
        // Duplicate: a repeat of an earlier payment (same amount, same counterparty, within 48 h) scores 4..5,
        // closer in time higher. Three or more identical payments within the hour are a burst, not a duplicate;
        // then, as for any other payment, the value is how close the amount is to an earlier one to this
        // counterparty (-log10 of the relative difference, 0..3), which gives usual payments a spread the forest
        // can split on.
        // A repeat at a counterparty paid the same amount again by habit (isRoutineRepeat) is as close as an amount
        // gets (3), not a duplicate.
        const size_t cp = size_t(rows.counterparty[k]);
        const bool repeat = identical[k] > 0 && identicalHour[k] < 2;
        m(i, kDuplicate) = repeat && !routine[cp]
            ? kExactDuplicate + 1.0 - double(rows.timestamp[k] - lastIdentical[k]) / double(kDuplicateWindowMs)
            : repeat ? 3.0
                     : std::clamp(closest[k], 0.0, 3.0);
    }
    return m;
}

QJsonObject featureObject(const Eigen::Ref<const Eigen::RowVectorXd>& row)
{
    QJsonObject o;
    for (int c = 0; c < kFeatureCount && c < row.size(); ++c)
        o.insert(featureName(c), row(c));
    return o;
}

namespace {

// "1 transaction", "12 transactions".
QString transactionCount(qint64 n)
{
    return n == 1 ? QStringLiteral("1 transaction") : QStringLiteral("%1 transactions").arg(n);
}

QString describe(int column, const TransactionColumns& rows, qsizetype i, const QString& currency,
                 const Eigen::Ref<const Eigen::RowVectorXd>& row, double typical, const FeatureContext& ctx)
{
    const QLocale c = QLocale::c();
    const size_t k = size_t(i);
    const qint64 amount = rows.amount[k];
    // Rows without a counterparty (many bank statements name none) count as one counterparty: named so in words.
    const QString named = rows.counterparties.value(rows.counterparty[k]);
    const QString counterparty = named.isEmpty() ? QStringLiteral("an unnamed counterparty") : named;
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(rows.timestamp[k], Qt::UTC);
    switch (column) {
    case kAmountZCategory: {
        const double z = row(kAmountZCategory);
        if (const auto payee = ctx.counterpartyAmounts.constFind(named);
            payee != ctx.counterpartyAmounts.cend() && usePayeeCentre(*payee, ctx.categories.value(rows.category[k]))) {
            const QString usual
                = Money(qint64(std::llround(std::expm1(payee->median) * 100.0)), currency).formatWithCurrency(c);
            if (std::abs(z) < 0.5)
                return QStringLiteral("amount is typical of the account's %1 transactions with %2 (usually %3)")
                    .arg(c.toString(payee->count), counterparty, usual);
            return QStringLiteral("amount is %1 robust deviations %2 the account's usual amount with %3 (%4, %5 "
                                  "transactions)")
                .arg(c.toString(std::abs(z), 'f', 1), z > 0 ? QStringLiteral("above") : QStringLiteral("below"),
                     counterparty, usual, c.toString(payee->count));
        }
        const QString category = categoryLabel(Category(rows.category[k]));
        if (std::abs(z) < 0.5)
            return QStringLiteral("amount is typical of the account's amounts in category %1").arg(category);
        return QStringLiteral("amount is %1 robust deviations %2 the account's usual amounts in category %3")
            .arg(c.toString(std::abs(z), 'f', 1), z > 0 ? QStringLiteral("above") : QStringLiteral("below"), category);
    }
    case kLogAmount:
    case kAmountZ:
    case kDirection: {
        const double major = double(amount < 0 ? -amount : amount) / 100.0;
        const double ratio = ctx.medianAbsAmountMajor > 0 ? major / ctx.medianAbsAmountMajor : 0;
        const QString median
            = Money(qint64(std::llround(ctx.medianAbsAmountMajor * 100.0)), currency).formatWithCurrency(c);
        if (ratio >= 1)
            return QStringLiteral("amount %1 times the account's median (%2)")
                .arg(c.toString(ratio, 'f', ratio < 10 ? 1 : 0), median);
        return QStringLiteral("amount %1% of the account's median (%2)").arg(c.toString(100.0 * ratio, 'f', 0), median);
    }
    case kHourRarity: {
        double inHour = 0;
        for (int b = 0; b < FeatureContext::kTimeBins / 24; ++b)
            inHour += ctx.timeCounts[size_t(when.time().hour() * (FeatureContext::kTimeBins / 24) + b)];
        const double share = ctx.rows > 0 ? 100.0 * inHour / double(ctx.rows) : 0;
        return QStringLiteral("booked at %1 UTC; %2% of the account's transactions fall in that hour")
            .arg(when.time().toString(QStringLiteral("HH:mm")), c.toString(share, 'f', 1));
    }
    case kWeekdayRarity: {
        const int d = when.date().dayOfWeek();
        const double share = ctx.rows > 0 ? 100.0 * ctx.weekdayCounts[size_t(d - 1)] / double(ctx.rows) : 0;
        return QStringLiteral("booked on a %1; %2% of the account's transactions fall on that day")
            .arg(c.dayName(d), c.toString(share, 'f', 1));
    }
    case kLogGap:
        return QStringLiteral("%1 s after the previous transaction (typically %2 s)")
            .arg(c.toString(std::expm1(row(kLogGap)), 'f', 0), c.toString(std::expm1(typical), 'f', 0));
    case kCounterpartyRarity: {
        const int seen = ctx.counterpartyCounts.value(named);
        return seen <= 1 ? QStringLiteral("new counterparty for this account: %1").arg(counterparty)
                         : QStringLiteral("rare counterparty %1 (%2 of the account's %3)")
                               .arg(counterparty)
                               .arg(seen)
                               .arg(transactionCount(ctx.rows));
    }
    case kCategoryRarity: {
        const int seen = ctx.categories.value(rows.category[k]).count;
        const int withPayee = ctx.counterpartyCategoryCounts.value(pairKey(named, rows.category[k]));
        const int payee = ctx.counterpartyCounts.value(named);
        const QString category = categoryLabel(Category(rows.category[k]));
        // "Rare" only when it is: under 5 % of the account's transactions; else the payee makes it unusual.
        if (ctx.rows > 0 && seen * 20 < ctx.rows)
            return QStringLiteral("category %1 is rare for this account (%2 of its %3)")
                .arg(category)
                .arg(seen)
                .arg(transactionCount(ctx.rows));
        // "Unusual with the payee" only when under half of the payee's transactions have it.
        if (withPayee * 2 < payee)
            return QStringLiteral(
                       "category %1 is unusual with %2: %3 of the %4 with %2 have it (%5 of the account's %6)")
                .arg(category, counterparty)
                .arg(withPayee)
                .arg(transactionCount(payee))
                .arg(seen)
                .arg(transactionCount(ctx.rows));
        return QStringLiteral("category %1 is in %2 of the account's %3")
            .arg(category)
            .arg(seen)
            .arg(transactionCount(ctx.rows));
    }
    case kBurst:
        return QStringLiteral("%1 to %2 within 10 minutes (typically %3)")
            .arg(row(kBurst) == 1.0 ? QStringLiteral("1 other payment")
                                    : QStringLiteral("%1 other payments").arg(c.toString(row(kBurst), 'f', 0)),
                 counterparty, c.toString(typical, 'f', 0));
    case kDuplicate:
        if (row(kDuplicate) >= kExactDuplicate) {
            const qint64 minutes = std::llround((kExactDuplicate + 1.0 - row(kDuplicate)) * 48 * 60);
            // A statement line with a date only: whole days, not minutes the file never stated.
            if (isDateOnlyTimestamp(rows.timestamp[k]) && minutes % (24 * 60) == 0)
                return minutes == 0
                    ? QStringLiteral("same amount to %1 the same day: possible duplicate payment").arg(counterparty)
                    : QStringLiteral("same amount to %1 %2 earlier: possible duplicate payment")
                          .arg(counterparty,
                               minutes == 24 * 60 ? QStringLiteral("1 day")
                                                  : QStringLiteral("%1 days").arg(minutes / (24 * 60)));
            return QStringLiteral("same amount to %1 %2 min earlier: possible duplicate payment")
                .arg(counterparty, c.toString(double(minutes), 'f', 0));
        }
        return QStringLiteral("amount close to an earlier payment to %1").arg(counterparty);
    case kRoundAmount:
        return QStringLiteral("round amount %1").arg(Money(amount, currency).formatWithCurrency(c));
    default:
        return featureName(column);
    }
}

} // namespace

bool isReason(const IsolationForest::FeatureContribution& contribution, qint64 amountMinor, const QString& currency,
              bool clearly)
{
    const double apart = std::abs(contribution.value - contribution.typical);
    switch (contribution.feature) {
    case kAmountZ: // robust z-scores: "typical" below 2
    case kAmountZCategory:
        return !clearly || std::abs(contribution.value) >= 2.0;
    case kLogAmount: // at least 2.5 times the typical amount, or at most 40 % of it
        return !clearly || apart >= std::log(2.5);
    case kLogGap: // at least ten times longer or shorter than the typical gap
        return !clearly || apart >= std::log(10.0);
    case kDirection:
        return !clearly || contribution.value != contribution.typical;
    case kRoundAmount:
        return contribution.value > contribution.typical
            && trailingZeros(amountMinor) >= Money::decimalsFor(currency) + 2;
    case kDuplicate: // "close" from within 10 % (-log10 of the relative difference at least 1)
        return contribution.value > contribution.typical && contribution.value >= 1.0;
    case kHourRarity:
    case kWeekdayRarity:
    case kCounterpartyRarity:
    case kCategoryRarity:
    case kBurst:
        return contribution.value > contribution.typical;
    default:
        return true;
    }
}

QJsonArray explainRow(const TransactionColumns& rows, qsizetype i, const QString& currency,
                      const Eigen::Ref<const Eigen::RowVectorXd>& features,
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
        o.insert(QStringLiteral("text"), describe(fc.feature, rows, i, currency, features, fc.typical, context));
        out.append(o);
    }
    return out;
}

} // namespace ledgerguard
