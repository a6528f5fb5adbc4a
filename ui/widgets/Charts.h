// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"

#include <QChartView>
#include <QDate>
#include <vector>

namespace ledgerguard {

// Flat, palette-aware charts over the ledger's aggregates (Qt Charts).
namespace charts {

QChartView* makeView(QWidget* parent);
// The one date format of every chart's date axis ("d MMM": "3 Dec", "12 Nov"), and a date written with it in the
// default locale.
QString dateFormat();
QString dateLabel(QDate date);
// Stacked bars of anomalies per day by risk (HIGH, MEDIUM, LOW in the badge colours); `note` follows the title.
void showAnomaliesPerDay(QChartView* view, const QList<DailyCount>& days, const QString& note = QString());
// Histogram of anomaly scores over [0, 1] with the MEDIUM and HIGH thresholds.
void showScoreHistogram(QChartView* view, const QList<qint64>& bins);
// A balance line over time (minor units shown in major units of `currency`).
void showBalance(QChartView* view, const QString& title, const QList<BalancePoint>& points, const QString& currency);

// Benford's law: observed proportions per digit as bars, expected ones as a line (digits `first`, `first` + 1, ...;
// proportions in [0, 1], shown in percent). With many digits only every tenth is labelled.
void showBenford(QChartView* view, const QString& title, int first, const std::vector<double>& observed,
                 const std::vector<double>& expected);

} // namespace charts

} // namespace ledgerguard
