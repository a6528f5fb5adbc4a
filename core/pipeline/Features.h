// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/IsolationForest.h"
#include "ledger/Types.h"

#include <QJsonArray>
#include <QStringList>

namespace ledgerguard {

// Transaction features for the detector, computed in bulk from one account's history in (timestamp, id) order.
// Every feature is documented in docs/DETECTION.md. Columns:
enum FeatureColumn : int {
    kLogAmount, // ln(1 + |amount| in major units)
    kDirection, // +1 credit, -1 debit
    kAmountZ, // robust z-score of kLogAmount against the account (median, 1.4826 * MAD)
    kAmountZCategory, // the same within the account's category
    kHourSin, // hour of day (UTC), cyclic
    kHourCos,
    kWeekdaySin, // day of week, cyclic
    kWeekdayCos,
    kLogGap, // ln(1 + seconds since the account's previous transaction)
    kCounterpartyRarity, // -ln(share of the account's transactions with this counterparty)
    kCategoryRarity, // -ln(share of the account's transactions in this category)
    kBurst, // the account's transactions in the preceding hour
    kDuplicate, // 1 - minutes since an earlier identical amount to the same counterparty / (48 h), else 0
    kRoundAmount, // trailing zeros of the amount in major units / 6 (0 when it has cents)
    kFeatureCount
};

QString featureName(int column); // "log_amount", ...
// The injected-anomaly family a feature points at ("amount_spike", "unusual_hour", ...).
QString anomalyTypeForFeature(int column);

// The account-level statistics a feature value is read against, for explanations.
struct FeatureContext
{
    double medianLogAmount = 0;
    double medianAbsAmountMajor = 0;
    QHash<QString, int> counterpartyCounts;
    QHash<int, int> categoryCounts;
    qint64 rows = 0;
};

struct AccountFeatures
{
    FeatureMatrix matrix; // one row per transaction, in the history's order
    FeatureContext context;
};

// REQUIRES: history in (timestamp, id) order, all of one account.
AccountFeatures computeFeatures(const QList<Transaction>& history);

// The explanation of one scored row: [{feature, contribution, value, typical, text}], in words an analyst reads
// ("amount 14x the account's median").
QJsonArray explainRow(const Transaction& t, const Eigen::Ref<const Eigen::RowVectorXd>& row,
                      const std::vector<IsolationForest::FeatureContribution>& contributions,
                      const FeatureContext& context, int topFeatures);

// The features of one row as {name: value}.
QJsonObject featureObject(const Eigen::Ref<const Eigen::RowVectorXd>& row);

} // namespace ledgerguard
