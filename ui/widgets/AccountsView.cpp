// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AccountsView.h"

#include "Background.h"
#include "ledger/Ledger.h"
#include "models/AccountTableModel.h"
#include "widgets/Charts.h"
#include "widgets/ColumnFit.h"
#include "widgets/NewAccountDialog.h"
#include "widgets/RiskBadgeDelegate.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace ledgerguard {

AccountsView::AccountsView(Ledger& ledger, QWidget* parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_model(new AccountTableModel(ledger, this))
    , m_table(new QTableView(this))
    , m_name(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_save(new QPushButton(tr("Save changes"), this))
    , m_new(new QPushButton(tr("New account…"), this))
    , m_close(new QPushButton(tr("Close account"), this))
    , m_message(new QLabel(this))
    , m_chart(charts::makeView(this))
    , m_chartWatcher(new QFutureWatcher<ChartData>(this))
{
    setObjectName(QStringLiteral("AccountsView"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(AccountTableModel::Health,
                                      new RiskBadgeDelegate(AccountTableModel::HealthRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    // Figures, currency and health never elide (nor do their headers); the name takes the rest; the type and the
    // detection state give way first.
    using C = AccountTableModel::Column;
    fitColumns(m_table,
               {{C::Balance, C::LastActivity, C::Currency, C::Health, C::High, C::Medium, C::Transactions},
                C::Name,
                7,
                {C::Type, C::Stale},
                4});
    m_table->setAlternatingRowColors(true);
    for (AccountType t : allAccountTypes())
        m_type->addItem(accountTypeLabel(t), int(t));
    m_name->setPlaceholderText(tr("Account name"));

    auto* edit = new QHBoxLayout;
    edit->addWidget(new QLabel(tr("Name"), this));
    edit->addWidget(m_name, 1);
    edit->addWidget(new QLabel(tr("Type"), this));
    edit->addWidget(m_type);
    edit->addWidget(m_save);
    edit->addWidget(m_message, 1);
    edit->addWidget(m_new);
    edit->addWidget(m_close);
    m_new->setObjectName(QStringLiteral("newAccountButton"));
    m_close->setObjectName(QStringLiteral("closeAccountButton"));
    m_close->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("Accounts"), this);
    title->setObjectName(QStringLiteral("viewTitle"));
    layout->addWidget(title);
    layout->addWidget(m_table, 2);
    layout->addLayout(edit);
    layout->addWidget(m_chart, 3);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AccountsView::onSelectionChanged);
    connect(m_save, &QPushButton::clicked, this, &AccountsView::saveEdit);
    connect(m_new, &QPushButton::clicked, this, &AccountsView::newAccount);
    connect(m_close, &QPushButton::clicked, this, &AccountsView::closeOrReopen);
    connect(m_chartWatcher, &QFutureWatcher<ChartData>::finished, this,
            [this] { showChart(m_chartWatcher->result()); });
    connect(m_name, &QLineEdit::returnPressed, this, &AccountsView::saveEdit);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (m_selected)
            onSelectionChanged();
    });
    // The accounts arrive from a worker: the first one is selected when they do.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        for (int r = 0; m_selectAfterReset && r < m_model->rowCount(); ++r) {
            if (m_model->accountAt(r).id == m_selectAfterReset) {
                m_table->selectRow(r);
                m_selectAfterReset = 0;
            }
        }
        if (!m_table->selectionModel()->currentIndex().isValid() && m_model->rowCount() > 0)
            m_table->selectRow(0);
        updateCloseButton();
    });
}

AccountsView::~AccountsView()
{
    m_chartWatcher->waitForFinished(); // the worker reads through the Ledger, which outlives this view
}

void AccountsView::selectAccount(qint64 accountId)
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->accountAt(r).id == accountId)
            m_table->selectRow(r);
    }
}

void AccountsView::onSelectionChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const Account& a = m_model->accountAt(current.row());
    if (a.id != m_selected) {
        m_name->setText(a.name);
        m_type->setCurrentIndex(m_type->findData(int(a.type)));
        m_message->clear();
    }
    m_selected = a.id;
    updateCloseButton();
    loadChart();
}

void AccountsView::updateCloseButton()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const bool any = current.isValid() && current.row() < m_model->rowCount();
    const bool closed = any && m_model->accountAt(current.row()).closedAt.has_value();
    m_close->setEnabled(any);
    m_close->setText(closed ? tr("Reopen account") : tr("Close account"));
    m_close->setToolTip(closed ? tr("The account takes transactions again")
                               : tr("A closed account takes no new transactions; only a zero balance can be closed"));
}

QString AccountsView::message() const
{
    return m_message->text();
}

void AccountsView::newAccount()
{
    NewAccountDialog dialog(m_ledger, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_selectAfterReset = dialog.createdAccountId();
    showResult(tr("Account created."), false);
}

void AccountsView::closeOrReopen()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const Account a = m_model->accountAt(current.row());
    auto r = a.closedAt ? m_ledger.reopenAccount(a.id) : m_ledger.closeAccount(a.id);
    if (!r) {
        showResult(r.status().message(), true);
        return;
    }
    showResult(r->closedAt ? tr("Account closed: it takes no new transactions.") : tr("Account reopened."), false);
}

void AccountsView::loadChart()
{
    // A scan of the account's history (its cost grows with the account): on a worker thread, only while shown.
    m_chartStale = !isVisible();
    if (m_chartStale || !m_selected)
        return;
    const Ledger* ledger = &m_ledger;
    const qint64 id = m_selected;
    const qint64 day = kDayMs;
    qint64 end = (m_ledger.clock().nowMs() / day + 1) * day;
    qint64 seq = -1;
    for (const Account& a : m_model->accounts()) {
        if (a.id != id)
            continue;
        seq = a.changeSeq;
        // An account of statements of past months: its 90 days end at its newest transaction's day.
        if (a.lastActivity && *a.lastActivity < end - 90 * day)
            end = (*a.lastActivity / day + 1) * day;
    }
    // Live updates that did not write to the account (anomalies, stale flags, a rename) keep its balances: the
    // chart is shown again (with the current name) without another scan.
    if (m_chartData.accountId == id && m_chartData.changeSeq == seq && m_chartData.endMs == end
        && !m_chartWatcher->isRunning()) {
        showChart(m_chartData);
        return;
    }
    if (m_chartWatcher->isRunning()) {
        m_chartAgain = true;
        return;
    }
    m_chartDelivering = true;
    m_chartWatcher->setFuture(runInBackground([ledger, id, seq, end, day] {
        ChartData out;
        out.accountId = id;
        out.changeSeq = seq;
        out.endMs = end;
        auto points = ledger->dailyBalances(id, end - 90 * day, end);
        if (points)
            out.points = *points;
        else
            out.status = points.status();
        return out;
    }));
}

void AccountsView::showChart(const ChartData& data)
{
    m_chartDelivering = false;
    if (m_chartAgain) {
        m_chartAgain = false;
        loadChart();
        return;
    }
    for (const Account& a : m_model->accounts()) {
        if (a.id != data.accountId)
            continue;
        if (!data.status.isOk()) {
            m_message->setText(data.status.message()); // shown, never swallowed
            return;
        }
        m_chartData = data;
        const bool past = data.endMs < (m_ledger.clock().nowMs() / kDayMs + 1) * kDayMs;
        charts::showBalance(
            m_chart,
            past ? tr("%1: balance, 90 days to %2 (the newest transaction)")
                       .arg(a.name,
                            QLocale().toString(QDateTime::fromMSecsSinceEpoch(data.endMs - 1, Qt::UTC).date(),
                                               QStringLiteral("d MMM yyyy")))
                 : tr("%1: balance, last 90 days").arg(a.name),
            data.points, a.currency);
        Q_EMIT chartShown(a.id);
    }
}

void AccountsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_chartStale)
        loadChart();
}

bool AccountsView::isChartLoading() const
{
    return m_chartWatcher->isRunning() || m_chartAgain || m_chartDelivering;
}

void AccountsView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The chart takes its colours from the palette when built: rebuild it for a new (light / dark) palette.
    if (event->type() == QEvent::PaletteChange && m_chartData.accountId)
        showChart(m_chartData);
}

void AccountsView::saveEdit()
{
    if (!m_selected)
        return;
    auto r = m_ledger.updateAccount(m_selected, m_name->text(), AccountType(m_type->currentData().toInt()));
    showResult(r ? tr("Saved.") : r.status().message(), !r);
}

void AccountsView::showResult(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setObjectName(error ? QStringLiteral("fieldError") : QStringLiteral("formResult"));
    m_message->style()->unpolish(m_message);
    m_message->style()->polish(m_message);
}

} // namespace ledgerguard
