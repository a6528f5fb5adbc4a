// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/IsolationForest.h"
#include "ledger/TransactionColumns.h"
#include "ledger/Types.h"
#include "util/Clock.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <array>

namespace ledgerguard {

// Transaction features for the detector, computed from one account's own history. Every feature is documented
// in docs/DETECTION.md. Each is built so that the usual transactions of an account spread over a range and the
// anomaly it is meant for lies beyond that range (an Isolation Forest cannot split on a feature that is constant
// in a tree's sample). Columns:
enum FeatureColumn : int {
    kLogAmount, // ln(1 + |amount| in major units)
    kDirection, // +1 credit, -1 debit
    kAmountZ, // robust z-score of kLogAmount against the account: (x - median) / (1.4826 MAD)
    kAmountZCategory, // the same against the account's transactions of the same category
    kHourRarity, // -ln(density of the account's transactions at this time of day, on the 24-hour circle)
    kWeekdayRarity, // -ln(share of the account's transactions on this day of the week)
    kLogGap, // ln(1 + seconds since the account's previous transaction)
    kCounterpartyRarity, // -ln(share of the account's transactions with this counterparty)
    kCategoryRarity, // -ln(share of the category in the account) - ln(share of it among this counterparty's)
    kBurst, // the account's other payments to the same counterparty within 10 minutes before or after
    kDuplicate, // 4..5 for a repeat of an earlier payment (same amount and counterparty within 48 h), else 0..3
    kRoundAmount, // trailing zeros of the amount in minor units
    kFeatureCount
};

QString featureName(int column); // "log_amount", ...

// The neighbourhood a row's features read besides the row before it (kLogGap): the rows up to kFeatureLookbackMs
// earlier (repeats, bursts) and up to kFeatureLookaheadMs later (bursts, identical payments within the hour). A row
// computed among the rows from its predecessor or kFeatureLookbackMs earlier, whichever is earlier, to
// kFeatureLookaheadMs later has the features it has among the account's whole history.
inline constexpr qint64 kFeatureLookbackMs = 48 * kHourMs;
inline constexpr qint64 kFeatureLookaheadMs = kHourMs;

// The columns the Isolation Forest is fitted on (see docs/DETECTION.md, "Features"); the others are computed,
// stored with each anomaly and shown, but not modelled.
const std::vector<int>& modelColumns();
// The model columns of `features`, in modelColumns() order, each mapped by modelValue().
FeatureMatrix modelInput(const FeatureMatrix& features);
// What the forest sees of a feature value: the surprise features (-ln share, trailing zeros) are turned back into
// odds (1 / share, 10^zeros), so that a one-in-a-thousand event lies ten times farther out than a one-in-a-hundred
// one, and an exact duplicate far beyond any near-duplicate. featureValue() is the inverse.
double modelValue(int column, double value);
double featureValue(int column, double modelValue);
// The anomaly family a feature column points at (amount columns at AmountSpike, time at UnusualHour, ...): an
// anomaly's type is the family of its top explanation feature.
AnomalyType anomalyTypeForFeature(int column);

// The account-level statistics the features are read against. Built by the bulk pass over the whole history and
// stored with the account's model, so that instant scoring of a new transaction needs only the last 48 hours.
struct FeatureContext
{
    struct Centre
    {
        double median = 0;
        double mad = 0; // 1.4826 x median absolute deviation, floored
        int count = 0;
    };
    qint64 rows = 0;
    Centre amount; // of ln(1 + |amount|)
    double medianAbsAmountMajor = 0;
    QHash<qint32, Centre> categories; // by int(Category)
    // Of each named counterparty with at least kCounterpartyCentreRows transactions: amount_z_category is read
    // against its amounts rather than its category's (a supplier paid 690.00 a month and now 12,400.00, an amount
    // ordinary for the account's other suppliers).
    QHash<QString, Centre> counterpartyAmounts;
    static constexpr int kCounterpartyCentreRows = 8;
    // Of each counterparty with repeats: its transactions that repeat an earlier amount of it within 48 hours (for
    // isRoutineRepeat, read alike by the bulk pass and by instant scoring of a few new rows).
    QHash<QString, int> counterpartyRepeats;
    QHash<QString, int> counterpartyCounts;
    QHash<QString, int> counterpartyCategoryCounts; // key: counterparty + '\x1f' + int(Category)
    static constexpr int kTimeBins = 288; // 5-minute bins of the day
    std::array<double, kTimeBins> timeCounts {}; // transactions per 5-minute bin of the day (UTC)
    std::array<double, 7> weekdayCounts {};

    QByteArray serialize() const;
    // Errors: Corruption when `bytes` is not a serialized context.
    static Result<FeatureContext> deserialize(const QByteArray& bytes);
};

// The statistics of `rows` (all of one account).
FeatureContext buildFeatureContext(const TransactionColumns& rows);

// One feature row per row of `rows` (in (timestamp, id) order, all of one account), read against `context`.
// Rows before and after a row serve as its neighbourhood (gap, burst, duplicate): pass at least the 48 hours
// before the rows that matter. `rowsInContext`: true when `context` was built from these rows (the bulk pass);
// false when the rows are new to it (instant scoring), which counts each row once more.
FeatureMatrix computeFeatures(const TransactionColumns& rows, const FeatureContext& context, bool rowsInContext);

// True when a feature's contribution to a row's score is a reason an analyst can be given: a one-sided feature
// (rarities, burst, duplicate, round amount) only when the row's value lies above the typical one, a round amount
// only from a multiple of 100 in major units (docs/DETECTION.md), a near-duplicate only within 10 % of the earlier
// payment's amount; a two-sided one (amounts, direction, the gap) when `clearly` only when it lies clearly apart
// from the typical (a robust z of at least 2, an amount 2.5 times or 40 % of the typical, a gap ten times longer or
// shorter, the other direction), else always. An anomaly's type and its explanation's forest entries are its clear
// reasons, or where it has none its reasons.
bool isReason(const IsolationForest::FeatureContribution& contribution, qint64 amountMinor, const QString& currency,
              bool clearly = true);

// The explanation of row `i` of `rows`: [{feature, contribution, value, typical, text}] for the `topFeatures`
// largest contributions, in words an analyst reads ("amount 14x the account's median (85.00)").
QJsonArray explainRow(const TransactionColumns& rows, qsizetype i, const QString& currency,
                      const Eigen::Ref<const Eigen::RowVectorXd>& features,
                      const std::vector<IsolationForest::FeatureContribution>& contributions,
                      const FeatureContext& context, int topFeatures);

// The features of one row as {name: value}.
QJsonObject featureObject(const Eigen::Ref<const Eigen::RowVectorXd>& row);

} // namespace ledgerguard
