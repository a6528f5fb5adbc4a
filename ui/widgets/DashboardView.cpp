// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DashboardView.h"

#include "ledger/Ledger.h"
#include "money/Money.h"
#include "widgets/Charts.h"
#include "widgets/RiskBadgeDelegate.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace ledgerguard {

namespace {

constexpr qint64 kDayMs = 86'400'000;

QLabel* kpi(const QString& caption, QWidget* parent, QGridLayout* grid, int column)
{
    auto* box = new QWidget(parent);
    box->setObjectName(QStringLiteral("kpiCard"));
    auto* layout = new QVBoxLayout(box);
    auto* value = new QLabel(QStringLiteral("–"), box);
    value->setObjectName(QStringLiteral("kpiValue"));
    auto* label = new QLabel(caption, box);
    label->setObjectName(QStringLiteral("kpiCaption"));
    layout->addWidget(value);
    layout->addWidget(label);
    grid->addWidget(box, 0, column);
    return value;
}

} // namespace

DashboardView::DashboardView(Ledger& ledger, QWidget* parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_throttle(new QTimer(this))
{
    setObjectName(QStringLiteral("DashboardView"));
    auto* content = new QWidget;
    auto* grid = new QGridLayout(content);
    auto* title = new QLabel(tr("Dashboard"), content);
    title->setObjectName(QStringLiteral("viewTitle"));
    auto* kpis = new QGridLayout;
    m_high = kpi(tr("open HIGH anomalies"), content, kpis, 0);
    m_high->setProperty("risk", QStringLiteral("HIGH"));
    m_medium = kpi(tr("open MEDIUM anomalies"), content, kpis, 1);
    m_medium->setProperty("risk", QStringLiteral("MEDIUM"));
    m_atRisk = kpi(tr("accounts at risk"), content, kpis, 2);
    m_total = kpi(tr("total balance"), content, kpis, 3);

    m_riskiest = new QTableWidget(0, 4, content);
    m_riskiest->setHorizontalHeaderLabels(
        {tr("Account most at risk"), tr("Health"), tr("Open HIGH"), tr("Open MEDIUM")});
    m_riskiest->verticalHeader()->hide();
    m_riskiest->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_riskiest->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_riskiest->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_riskiest->setItemDelegateForColumn(1, new RiskBadgeDelegate(Qt::UserRole + 2, m_riskiest));
    m_riskiest->setMinimumHeight(fontMetrics().height() * 10);

    m_perDay = charts::makeView(content);
    m_scores = charts::makeView(content);
    m_balance = charts::makeView(content);

    grid->addWidget(title, 0, 0, 1, 2);
    grid->addLayout(kpis, 1, 0, 1, 2);
    grid->addWidget(m_perDay, 2, 0);
    grid->addWidget(m_riskiest, 2, 1);
    grid->addWidget(m_balance, 3, 0);
    grid->addWidget(m_scores, 3, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    // Bursts of change signals (a generator run, a detection run) coalesce into one refresh.
    m_throttle->setSingleShot(true);
    m_throttle->setInterval(300);
    connect(m_throttle, &QTimer::timeout, this, &DashboardView::refresh);
    auto schedule = [this] { m_throttle->start(); };
    connect(&m_ledger, &Ledger::transactionsAdded, this, schedule);
    connect(&m_ledger, &Ledger::anomaliesChanged, this, schedule);
    connect(&m_ledger, &Ledger::accountsChanged, this, schedule);
    connect(m_riskiest, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        Q_EMIT accountActivated(m_riskiest->item(row, 0)->data(Qt::UserRole).toLongLong());
    });
    refresh();
}

QList<QChartView*> DashboardView::charts() const
{
    return {m_perDay, m_scores, m_balance};
}

void DashboardView::refresh()
{
    const QLocale locale;
    auto accounts = m_ledger.accounts();
    if (!accounts)
        return;
    int high = 0, medium = 0, atRisk = 0;
    QHash<QString, qint64> totals;
    for (const Account& a : *accounts) {
        high += a.openHigh;
        medium += a.openMedium;
        atRisk += a.health == Health::AtRisk ? 1 : 0;
        totals[a.currency] += a.balance;
    }
    m_high->setText(locale.toString(high));
    m_medium->setText(locale.toString(medium));
    m_atRisk->setText(tr("%1 of %2").arg(atRisk).arg(accounts->size()));
    QStringList totalText;
    for (auto it = totals.cbegin(); it != totals.cend(); ++it)
        totalText << Money(it.value(), it.key()).formatWithCurrency(locale);
    m_total->setText(totalText.join(QStringLiteral(" · ")));

    QList<Account> riskiest = *accounts;
    std::sort(riskiest.begin(), riskiest.end(), [](const Account& a, const Account& b) {
        return std::pair(a.openHigh, a.openMedium) > std::pair(b.openHigh, b.openMedium);
    });
    m_riskiest->setRowCount(int(qMin<qsizetype>(riskiest.size(), 6)));
    for (int r = 0; r < m_riskiest->rowCount(); ++r) {
        const Account& a = riskiest[r];
        auto* name = new QTableWidgetItem(a.name);
        name->setData(Qt::UserRole, a.id);
        m_riskiest->setItem(r, 0, name);
        auto* health = new QTableWidgetItem(healthLabel(a.health));
        health->setData(Qt::UserRole + 2, healthKey(a.health));
        m_riskiest->setItem(r, 1, health);
        m_riskiest->setItem(r, 2, new QTableWidgetItem(locale.toString(a.openHigh)));
        m_riskiest->setItem(r, 3, new QTableWidgetItem(locale.toString(a.openMedium)));
    }

    const qint64 now = m_ledger.clock().nowMs();
    const qint64 today = (now / kDayMs + 1) * kDayMs;
    if (auto perDay = m_ledger.anomaliesPerDay(today - 30 * kDayMs, today)) {
        // One bar per day, days without anomalies included.
        QList<DailyCount> days;
        for (qint64 d = today - 30 * kDayMs; d < today; d += kDayMs) {
            DailyCount c {d, 0, 0, 0};
            for (const DailyCount& x : *perDay) {
                if (x.dayStartMs == d)
                    c = x;
            }
            days.append(c);
        }
        charts::showAnomaliesPerDay(m_perDay, days);
    }
    if (auto bins = m_ledger.scoreHistogram(10))
        charts::showScoreHistogram(m_scores, *bins);
    const QString currency = totals.isEmpty() ? QStringLiteral("EUR") : totals.cbegin().key();
    if (auto balance = m_ledger.dailyBalances(std::nullopt, today - 90 * kDayMs, today))
        charts::showBalance(m_balance, tr("Total balance, last 90 days"), *balance, currency);
}

} // namespace ledgerguard
