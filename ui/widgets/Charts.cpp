// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/Charts.h"

#include "money/Money.h"
#include "widgets/RiskBadgeDelegate.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPalette>
#include <QStackedBarSeries>
#include <QValueAxis>

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

void showAnomaliesPerDay(QChartView* view, const QList<DailyCount>& days)
{
    QChart* chart = freshChart(view, QObject::tr("Anomalies per day by risk (not dismissed)"));
    auto* high = new QBarSet(QStringLiteral("HIGH"));
    auto* medium = new QBarSet(QStringLiteral("MEDIUM"));
    high->setColor(RiskBadgeDelegate::colorFor(QStringLiteral("HIGH")));
    medium->setColor(RiskBadgeDelegate::colorFor(QStringLiteral("MEDIUM")));
    high->setBorderColor(Qt::transparent);
    medium->setBorderColor(Qt::transparent);
    QStringList labels;
    int maxTotal = 1;
    for (const DailyCount& d : days) {
        *high << d.high;
        *medium << d.medium;
        maxTotal = qMax(maxTotal, d.high + d.medium);
        labels << QDateTime::fromMSecsSinceEpoch(d.dayStartMs, Qt::UTC).date().toString(QStringLiteral("d"));
    }
    auto* series = new QStackedBarSeries;
    series->append(high);
    series->append(medium);
    series->setBarWidth(0.8);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(labels);
    x->setTitleText(QObject::tr("day of month"));
    x->setTitleBrush(QApplication::palette().color(QPalette::Text));
    auto* y = new QValueAxis;
    y->setRange(0, maxTotal);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(qMax(1, (maxTotal + 4) / 5));
    y->setLabelFormat(QStringLiteral("%d"));
    styleAxis(x);
    styleAxis(y);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

void showScoreHistogram(QChartView* view, const QList<qint64>& bins)
{
    QChart* chart = freshChart(view, QObject::tr("Score distribution (all scored transactions)"));
    auto* set = new QBarSet(QObject::tr("transactions"));
    set->setColor(QApplication::palette().color(QPalette::Highlight));
    set->setBorderColor(Qt::transparent);
    QStringList labels;
    qint64 maxCount = 1;
    for (int i = 0; i < bins.size(); ++i) {
        *set << double(bins[i]);
        maxCount = qMax(maxCount, bins[i]);
        labels << QString::number(double(i) / bins.size(), 'f', 1);
    }
    auto* series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.95);
    chart->addSeries(series);
    chart->legend()->hide();
    auto* x = new QBarCategoryAxis;
    x->append(labels);
    x->setTitleText(QObject::tr("score (MEDIUM from 0.50, HIGH above 0.80)"));
    x->setTitleBrush(QApplication::palette().color(QPalette::Text));
    auto* y = new QValueAxis;
    y->setRange(0, double(maxCount));
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%d"));
    styleAxis(x);
    styleAxis(y);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

void showBalance(QChartView* view, const QString& title, const QList<BalancePoint>& points, const QString& currency)
{
    QChart* chart = freshChart(view, title);
    chart->legend()->hide();
    auto* series = new QLineSeries;
    QPen pen(QApplication::palette().color(QPalette::Highlight));
    pen.setWidthF(2.0);
    series->setPen(pen);
    const double scale = std::pow(10.0, Money::decimalsFor(currency));
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
    x->setFormat(QStringLiteral("dd MMM"));
    x->setTickCount(7);
    auto* y = new QValueAxis;
    const double pad = qMax(1.0, (hi - lo) * 0.05);
    y->setRange(lo - pad, hi + pad);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(currency);
    y->setTitleBrush(QApplication::palette().color(QPalette::Text));
    styleAxis(x);
    styleAxis(y);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace ledgerguard::charts
