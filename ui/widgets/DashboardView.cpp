// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DashboardView.h"

#include "Background.h"
#include "LedgerTime.h"
#include "ledger/Ledger.h"
#include "models/AccountTableModel.h"
#include "models/LiveReload.h"
#include "money/Money.h"
#include "util/Plural.h"
#include "widgets/Charts.h"
#include "widgets/ColumnFit.h"
#include "widgets/RiskBadgeDelegate.h"
#include "widgets/SortHeader.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace ledgerguard {

namespace {

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
    , m_watcher(new QFutureWatcher<Snapshot>(this))
{
    setObjectName(QStringLiteral("DashboardView"));
    auto* content = new QWidget;
    auto* grid = new QGridLayout(content);
    auto* title = new QLabel(tr("Dashboard"), content);
    title->setObjectName(QStringLiteral("viewTitle"));
    auto* kpis = new QGridLayout;
    m_high = kpi(tr("open HIGH anomalies, any age"), content, kpis, 0);
    m_high->setProperty("risk", QStringLiteral("HIGH"));
    m_medium = kpi(tr("open MEDIUM anomalies, any age"), content, kpis, 1);
    m_medium->setProperty("risk", QStringLiteral("MEDIUM"));
    // One definition with /health: every open case, whatever its age (account health looks at 30 days only).
    for (QLabel* card : {m_high, m_medium})
        card->setToolTip(tr("Every open case of this risk, of any age"));
    m_atRisk = kpi(tr("accounts at risk"), content, kpis, 2);
    m_atRisk->setToolTip(
        tr("Accounts with an open HIGH case on a transaction of their last %1 days (before today, or before their "
           "newest transaction when that is older)")
            .arg(kHealthWindowDays));
    m_total = kpi(tr("total balance"), content, kpis, 3);

    m_riskiest = new QTableWidget(0, 4, content);
    m_riskiest->setHorizontalHeaderLabels({tr("Account"), tr("Health"), tr("HIGH\n(30 d)"), tr("MEDIUM\n(30 d)")});
    m_riskiest->setToolTip(
        tr("Open anomalies on each account's transactions of its last %1 days, by account").arg(kHealthWindowDays));
    SortHeader::installFixed(m_riskiest, 2, Qt::DescendingOrder); // the most HIGH cases first
    m_riskiest->verticalHeader()->hide();
    m_riskiest->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_riskiest->setSelectionBehavior(QAbstractItemView::SelectRows);
    fitColumns(m_riskiest, {{1, 2, 3}, 0, 9, {}, 6}); // the counts and health never elide, the name takes the rest
    m_riskiest->setWordWrap(false);
    m_riskiest->setItemDelegateForColumn(1, new RiskBadgeDelegate(AccountTableModel::HealthRole, m_riskiest));

    m_perDay = charts::makeView(content);
    m_scores = charts::makeView(content);
    m_balance = charts::makeView(content);

    grid->addWidget(title, 0, 0, 1, 2);
    grid->addLayout(kpis, 1, 0, 1, 2);
    m_grid = grid;
    arrange(2);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    // Bursts of change signals (a generator run, a detection run) coalesce into one refresh.
    reloadOnLedgerChanges(m_ledger, this, LedgerChange::Transactions | LedgerChange::Anomalies | LedgerChange::Accounts,
                          300, [this] { refreshWhenShown(); });
    connect(m_watcher, &QFutureWatcher<Snapshot>::finished, this, [this] {
        display(m_watcher->result());
        if (m_again) {
            m_again = false;
            refresh();
        }
    });
    connect(m_riskiest, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const qint64 id = m_riskiest->item(row, 0)->data(Qt::UserRole).toLongLong();
        if (id > 0) // not the "No accounts yet" row
            Q_EMIT accountActivated(id);
    });
    refresh(); // the first figures arrive after the first frame
}

DashboardView::~DashboardView()
{
    // The worker reads through the Ledger, which outlives this view; wait so that no read outlives the process's
    // teardown order (a refresh is a few small queries).
    m_watcher->waitForFinished();
}

void DashboardView::refreshWhenShown()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    refresh();
}

void DashboardView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refresh();
    }
}

void DashboardView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // Charts take their colours from the palette when built: rebuild them for a new (light / dark) palette.
    if (event->type() == QEvent::PaletteChange && m_refreshCount > 0)
        display(m_last);
}

void DashboardView::refresh()
{
    if (m_watcher->isRunning()) {
        m_again = true;
        return;
    }
    const Ledger* ledger = &m_ledger;
    m_watcher->setFuture(runInBackground([ledger] { return load(*ledger); }));
}

void DashboardView::refreshNow()
{
    m_watcher->waitForFinished();
    display(load(m_ledger));
}

DashboardView::Snapshot DashboardView::load(const Ledger& ledger)
{
    Snapshot s;
    const qint64 now = ledger.clock().nowMs();
    s.todayEndMs = (now / kDayMs + 1) * kDayMs;
    auto accounts = ledger.accounts();
    if (!accounts) {
        s.status = accounts.status();
        return s;
    }
    s.accounts = *accounts;
    if (const std::optional<qint64> newest = newestActivity(s.accounts);
        newest && *newest < s.todayEndMs - 30 * kDayMs) {
        s.todayEndMs = (*newest / kDayMs + 1) * kDayMs;
        s.endsAtNewest = true;
    }
    auto open = ledger.openCaseCounts();
    if (!open) {
        s.status = open.status();
        return s;
    }
    s.openHigh = open->high;
    s.openMedium = open->medium;
    const qint64 from = s.todayEndMs - 30 * kDayMs;
    auto perDay = ledger.anomaliesPerDay(from, s.todayEndMs);
    if (!perDay) {
        s.status = perDay.status();
        return s;
    }
    // One bar per day, days without anomalies included.
    for (qint64 d = from; d < s.todayEndMs; d += kDayMs) {
        DailyCount c {d, 0, 0, 0};
        for (const DailyCount& x : *perDay) {
            if (x.dayStartMs == d)
                c = x;
        }
        s.perDay.append(c);
    }
    auto bins = ledger.scoreHistogram(10);
    if (!bins) {
        s.status = bins.status();
        return s;
    }
    s.scoreBins = *bins;
    QMap<QString, int> perCurrency;
    for (const Account& a : std::as_const(s.accounts))
        ++perCurrency[a.currency];
    for (auto it = perCurrency.cbegin(); it != perCurrency.cend(); ++it)
        if (s.balanceCurrency.isEmpty() || it.value() > perCurrency.value(s.balanceCurrency))
            s.balanceCurrency = it.key();
    s.severalCurrencies = perCurrency.size() > 1;
    const qint64 fromMs = s.todayEndMs - 90 * kDayMs;
    // With several currencies, the chart sums the accounts of the currency most accounts hold.
    auto balance
        = ledger.dailyBalances(std::nullopt, fromMs, s.todayEndMs, s.severalCurrencies ? s.balanceCurrency : QString());
    if (!balance) {
        s.status = balance.status();
        return s;
    }
    s.balance = *balance;
    return s;
}

void DashboardView::arrange(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget* w : std::initializer_list<QWidget*> {m_perDay, m_riskiest, m_balance, m_scores})
        m_grid->removeWidget(w);
    if (columns == 2) {
        m_grid->addWidget(m_perDay, 2, 0);
        m_grid->addWidget(m_riskiest, 2, 1);
        // The histogram in the wide column: its ten bins each carry a count, and its axis title is long.
        m_grid->addWidget(m_scores, 3, 0);
        m_grid->addWidget(m_balance, 3, 1);
        m_grid->setColumnStretch(0, 3);
        m_grid->setColumnStretch(1, 2);
    } else {
        m_grid->addWidget(m_perDay, 2, 0, 1, 2);
        m_grid->addWidget(m_riskiest, 3, 0, 1, 2);
        m_grid->addWidget(m_balance, 4, 0, 1, 2);
        m_grid->addWidget(m_scores, 5, 0, 1, 2);
        m_grid->setColumnStretch(0, 1);
        m_grid->setColumnStretch(1, 0);
    }
    fitAccountTable();
}

void DashboardView::fitAccountTable()
{
    // Side by side the table is as tall as the chart beside it; in one column it shows every account (up to 12)
    // before it scrolls.
    const int rows = m_columns == 1 ? qMin(m_riskiest->rowCount(), 12) : 0;
    const int height = m_riskiest->horizontalHeader()->sizeHint().height()
        + rows * m_riskiest->verticalHeader()->defaultSectionSize() + 2 * m_riskiest->frameWidth();
    m_riskiest->setMinimumHeight(qMax(fontMetrics().height() * 10, height));
}

void DashboardView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrange(width() >= kTwoColumnsEm * fontMetrics().height() ? 2 : 1);
}

QList<QChartView*> DashboardView::charts() const
{
    return {m_perDay, m_scores, m_balance};
}

void DashboardView::display(const Snapshot& snapshot)
{
    m_last = snapshot;
    ++m_refreshCount;
    if (!snapshot.status.isOk()) {
        // Shown, never swallowed: the figures keep their last values and say why they are not current.
        m_total->setToolTip(snapshot.status.toString());
        m_high->setText(QStringLiteral("?"));
        m_medium->setText(QStringLiteral("?"));
        Q_EMIT refreshed();
        return;
    }
    m_total->setToolTip(QString());
    const QLocale locale;
    const QList<Account>* accounts = &snapshot.accounts;
    int atRisk = 0;
    QHash<QString, qint64> totals;
    for (const Account& a : *accounts) {
        atRisk += a.health == Health::AtRisk ? 1 : 0;
        totals[a.currency] += a.balance;
    }
    m_high->setText(locale.toString(snapshot.openHigh));
    m_medium->setText(locale.toString(snapshot.openMedium));
    auto caption
        = [](QLabel* value) { return value->parentWidget()->findChild<QLabel*>(QStringLiteral("kpiCaption")); };
    caption(m_high)->setText(
        plural(snapshot.openHigh, tr("open HIGH anomaly, any age"), tr("open HIGH anomalies, any age")));
    caption(m_medium)->setText(
        plural(snapshot.openMedium, tr("open MEDIUM anomaly, any age"), tr("open MEDIUM anomalies, any age")));
    m_atRisk->setText(tr("%1 of %2").arg(atRisk).arg(accounts->size()));
    // One line per currency, the chart's first, at most three lines: three currencies each on its own, more as two
    // and "and N more currencies" (a third currency hidden behind "and 1 more" took the line it needed); every total
    // in the tooltip (the card keeps its width).
    QStringList codes = totals.keys();
    std::sort(codes.begin(), codes.end(), [&](const QString& a, const QString& b) {
        return (a == snapshot.balanceCurrency) != (b == snapshot.balanceCurrency) ? a == snapshot.balanceCurrency
                                                                                  : a < b;
    });
    QStringList totalText;
    for (const QString& code : std::as_const(codes))
        totalText << Money(totals.value(code), code).formatWithCurrency(locale);
    QStringList shown = totalText.mid(0, totalText.size() > 3 ? 2 : 3);
    if (totalText.size() > 3)
        shown << plural(totalText.size() - 2, tr("and %n more currency"), tr("and %n more currencies"));
    m_total->setText(totalText.isEmpty() ? QStringLiteral("\u2014") : shown.join(QLatin1Char('\n')));
    m_total->setToolTip(totalText.size() > 1 ? totalText.join(QLatin1Char('\n')) : QString());
    caption(m_total)->setText(accounts->isEmpty()    ? tr("total balance: no accounts yet")
                                  : codes.size() > 1 ? tr("total balance by currency")
                                                     : tr("total balance"));

    QList<Account> riskiest = *accounts;
    // Every account, the riskiest first (then by name); the table scrolls when they do not fit.
    std::sort(riskiest.begin(), riskiest.end(), [](const Account& a, const Account& b) {
        if (std::pair(a.openHigh, a.openMedium) != std::pair(b.openHigh, b.openMedium))
            return std::pair(a.openHigh, a.openMedium) > std::pair(b.openHigh, b.openMedium);
        return a.name.localeAwareCompare(b.name) < 0;
    });
    m_riskiest->clearSpans();
    m_riskiest->setRowCount(int(riskiest.size()));
    if (riskiest.isEmpty()) { // an empty ledger says what to do instead of showing an empty table
        m_riskiest->setRowCount(1);
        auto* none = new QTableWidgetItem(tr("No accounts yet"));
        none->setFlags(Qt::ItemIsEnabled);
        none->setToolTip(
            tr("Create an account under Accounts, or import a bank statement with File > Import statement (Ctrl+I)"));
        m_riskiest->setItem(0, 0, none);
        m_riskiest->setSpan(0, 0, 1, m_riskiest->columnCount());
    }
    for (int r = 0; r < int(riskiest.size()); ++r) {
        const Account& a = riskiest[r];
        auto* name = new QTableWidgetItem(a.name);
        name->setData(Qt::UserRole, a.id);
        m_riskiest->setItem(r, 0, name);
        auto* health = new QTableWidgetItem(healthLabel(a.health));
        health->setData(AccountTableModel::HealthRole, healthKey(a.health));
        m_riskiest->setItem(r, 1, health);
        for (int c : {2, 3}) {
            auto* count = new QTableWidgetItem(locale.toString(c == 2 ? a.openHigh : a.openMedium));
            count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_riskiest->setItem(r, c, count);
        }
    }

    fitAccountTable();
    // A ledger of past months: the charts end at its newest transaction's day, and say so.
    const QString newestDay = QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(snapshot.todayEndMs - 1, Qt::UTC).date(), QStringLiteral("d MMM yyyy"));
    charts::showAnomaliesPerDay(m_perDay, snapshot.perDay,
                                snapshot.endsAtNewest ? tr(", 30 days to %1 (the newest transaction)").arg(newestDay)
                                                      : QString());
    charts::showScoreHistogram(m_scores, snapshot.scoreBins);
    const QString currency = snapshot.balanceCurrency.isEmpty() ? QStringLiteral("EUR") : snapshot.balanceCurrency;
    const QString days
        = snapshot.endsAtNewest ? tr("90 days to %1 (the newest transaction)").arg(newestDay) : tr("last 90 days");
    charts::showBalance(m_balance,
                        snapshot.severalCurrencies ? tr("Total balance of the %1 accounts, %2").arg(currency, days)
                                                   : tr("Total balance, %1").arg(days),
                        snapshot.balance, currency);
    Q_EMIT refreshed();
}

} // namespace ledgerguard
