// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/Charts.h"

#include "ledger/Risk.h"
#include "money/Money.h"
#include "widgets/RiskBadgeDelegate.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLocale>
#include <QPalette>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace ledgerguard::charts {

namespace {

void styleChart(QChart* chart, const QString& title)
{
    const QPalette pal = QApplication::palette();
    chart->setTitle(title);
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(pal.color(QPalette::Text));
    QFont font = QApplication::font();
    font.setBold(true);
    chart->setTitleFont(font);
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
}

void styleAxis(QAbstractAxis* axis)
{
    const QPalette pal = QApplication::palette();
    axis->setLabelsBrush(pal.color(QPalette::Text));
    axis->setGridLineColor(pal.color(QPalette::Mid));
    axis->setLinePenColor(pal.color(QPalette::Mid));
    axis->setLabelsFont(QApplication::font());
}

void attachAxes(QChart* chart, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y)
{
    styleAxis(x);
    styleAxis(y);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

QChart* freshChart(QChartView* view, const QString& title)
{
    auto* chart = new QChart;
    styleChart(chart, title);
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
    return chart;
}

} // namespace

QChartView* makeView(QWidget* parent)
{
    auto* view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(QFontMetrics(QApplication::font()).height() * 14);
    view->setFrameShape(QFrame::NoFrame);
    return view;
}

QString dateFormat()
{
    return QStringLiteral("d MMM");
}

QString dateLabel(QDate date)
{
    return QLocale().toString(date, dateFormat());
}

void showAnomaliesPerDay(QChartView* view, const QList<DailyCount>& days, const QString& note)
{
    QChart* chart = freshChart(view, QObject::tr("Anomalies per day by risk (not dismissed)") + note);
    auto* high = new QBarSet(QStringLiteral("HIGH"));
    auto* medium = new QBarSet(QStringLiteral("MEDIUM"));
    high->setColor(RiskBadgeDelegate::colorFor(QStringLiteral("HIGH")));
    medium->setColor(RiskBadgeDelegate::colorFor(QStringLiteral("MEDIUM")));
    high->setBorderColor(Qt::transparent);
    medium->setBorderColor(Qt::transparent);
    int maxTotal = 1;
    for (const DailyCount& d : days) {
        *high << d.high;
        *medium << d.medium;
        maxTotal = qMax(maxTotal, d.high + d.medium);
    }
    auto* series = new QStackedBarSeries;
    series->append(high);
    series->append(medium);
    series->setBarWidth(0.8);
    chart->addSeries(series);
    // Bars sit at 0..n-1; a category axis labels one day a week ("12 Nov"), which stays legible at any width
    // where a label under every bar would be elided.
    auto* x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setRange(-0.5, double(days.size()) - 0.5);
    // Today's bar is labelled, then every seventh day before it (boundaries must be added in increasing order).
    const int n = int(days.size());
    for (int i = (n - 1) % 7; i < n; i += 7) {
        const QDate date = QDateTime::fromMSecsSinceEpoch(days[i].dayStartMs, Qt::UTC).date();
        x->append(dateLabel(date), double(i));
    }
    x->setGridLineVisible(false);
    auto* y = new QValueAxis;
    y->setRange(0, maxTotal);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(qMax(1, (maxTotal + 4) / 5));
    y->setLabelFormat(QStringLiteral("%d"));
    attachAxes(chart, series, x, y);
}

void showScoreHistogram(QChartView* view, const QList<qint64>& bins)
{
    QChart* chart = freshChart(view, QObject::tr("Score distribution (all scored transactions)"));
    // One bar per bin, coloured by the risk level its scores fall in (Risk.h).
    QBarSet* sets[3] = {new QBarSet(QStringLiteral("LOW")), new QBarSet(QStringLiteral("MEDIUM")),
                        new QBarSet(QStringLiteral("HIGH"))};
    for (QBarSet* set : sets) {
        set->setColor(RiskBadgeDelegate::colorFor(set->label()));
        set->setBorderColor(Qt::transparent);
    }
    QStringList labels;
    qint64 maxCount = 1;
    const RiskThresholds rule = riskThresholds();
    for (int i = 0; i < bins.size(); ++i) {
        const double from = double(i) / bins.size();
        const int band = from >= rule.highAbove - 1e-9 ? 2 : from >= rule.mediumFrom - 1e-9 ? 1 : 0;
        for (int b = 0; b < 3; ++b)
            *sets[b] << (b == band ? double(bins[i]) : 0.0);
        maxCount = qMax(maxCount, bins[i]);
        // The count under each bin too: the rare high-score bins are too short to see next to the common ones.
        // Thousands as "12k": a bin is only a few characters wide on the dashboard.
        const QString count = bins[i] >= 1000 ? QObject::tr("%1k").arg(bins[i] / 1000) : QLocale().toString(bins[i]);
        labels << QStringLiteral("%1<br><b>%2</b>").arg(QLocale().toString(from, 'f', 1), count);
    }
    auto* series = new QStackedBarSeries;
    for (QBarSet* set : sets)
        series->append(set);
    series->setBarWidth(0.95);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(labels);
    x->setTitleText(QObject::tr("score, bins of 0.1 (%1)").arg(riskRuleText()));
    x->setTitleBrush(QApplication::palette().color(QPalette::Text));
    auto* y = new QValueAxis;
    if (maxCount < 10) { // a tick per transaction: nice numbers would put several ticks labelled "0" below 1
        y->setRange(0, double(qMax<qint64>(1, maxCount)));
        y->setTickType(QValueAxis::TicksDynamic);
        y->setTickAnchor(0);
        y->setTickInterval(1);
    } else {
        y->setRange(0, double(maxCount));
        y->applyNiceNumbers();
    }
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(QObject::tr("transactions"));
    y->setTitleBrush(QApplication::palette().color(QPalette::Text));
    attachAxes(chart, series, x, y);
}

void showBalance(QChartView* view, const QString& title, const QList<BalancePoint>& points, const QString& currency)
{
    QChart* chart = freshChart(view, title);
    chart->legend()->hide();
    auto* series = new QLineSeries;
    QPen pen(QApplication::palette().color(QPalette::Highlight));
    pen.setWidthF(2.0);
    series->setPen(pen);
    // Amounts in thousands once they reach six figures, so that axis labels stay short and readable.
    qint64 largest = 0;
    for (const BalancePoint& p : points)
        largest = qMax(largest, qAbs(p.balance));
    const double major = std::pow(10.0, Money::decimalsFor(currency));
    const bool thousands = double(largest) / major >= 100'000;
    const double scale = thousands ? major * 1000 : major;
    double lo = 0, hi = 0;
    bool first = true;
    for (const BalancePoint& p : points) {
        const double v = double(p.balance) / scale; // display only; the ledger stays exact
        series->append(double(p.timestamp), v);
        lo = first ? v : qMin(lo, v);
        hi = first ? v : qMax(hi, v);
        first = false;
    }
    chart->addSeries(series);
    auto* x = new QDateTimeAxis;
    x->setFormat(dateFormat());
    x->setTickCount(7);
    auto* y = new QValueAxis;
    // From zero when every balance is positive (or to zero when all are negative), so that the line's height means
    // something; nice round ticks either way.
    const double pad = qMax(1.0, (hi - lo) * 0.05);
    const double bottom = lo >= 0 ? 0.0 : lo - pad;
    const double top = hi <= 0 ? 0.0 : hi + pad;
    if (top > bottom) {
        y->setRange(bottom, top);
        y->applyNiceNumbers();
    } else { // a flat zero line (or none): 0 and 1, not nice fractions that the labels round to "0" and "1"
        y->setRange(bottom, bottom + 1.0);
        y->setTickCount(2);
    }
    if (points.isEmpty())
        chart->setTitle(QObject::tr("%1: no transactions yet").arg(title));
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(thousands ? QObject::tr("thousand %1").arg(currency) : currency);
    y->setTitleBrush(QApplication::palette().color(QPalette::Text));
    attachAxes(chart, series, x, y);
}

void showBenford(QChartView* view, const QString& title, int first, const std::vector<double>& observed,
                 const std::vector<double>& expected)
{
    QChart* chart = freshChart(view, title);
    const QPalette pal = QApplication::palette();
    auto* bars = new QBarSet(QObject::tr("observed"));
    bars->setColor(pal.color(QPalette::Highlight));
    bars->setBorderColor(Qt::transparent);
    auto* line = new QLineSeries;
    line->setName(QObject::tr("expected (Benford)"));
    QPen pen(pal.color(QPalette::Text));
    pen.setWidthF(2.0);
    line->setPen(pen);
    double top = 0.01;
    const qsizetype n = qsizetype(std::min(observed.size(), expected.size()));
    for (qsizetype i = 0; i < n; ++i) {
        *bars << 100.0 * observed[size_t(i)];
        line->append(double(i), 100.0 * expected[size_t(i)]);
        top = std::max({top, observed[size_t(i)], expected[size_t(i)]});
    }
    auto* series = new QBarSeries;
    series->append(bars);
    series->setBarWidth(0.8);
    chart->addSeries(series);
    chart->addSeries(line);
    auto* x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setRange(-0.5, double(n) - 0.5);
    const int step = n > 20 ? 10 : 1;
    for (qsizetype i = 0; i < n; i += step)
        x->append(QString::number(first + i), double(i));
    x->setGridLineVisible(false);
    x->setTitleText(n > 20 ? QObject::tr("first two digits") : QObject::tr("first digit"));
    x->setTitleBrush(pal.color(QPalette::Text));
    auto* y = new QValueAxis;
    y->setRange(0, 100.0 * top * 1.1);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(QObject::tr("% of amounts"));
    y->setTitleBrush(pal.color(QPalette::Text));
    attachAxes(chart, series, x, y);
    line->attachAxis(x);
    line->attachAxis(y);
}

} // namespace ledgerguard::charts
