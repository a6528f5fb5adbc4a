// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/AccountTableModel.h"

#include "Background.h"
#include "LedgerTime.h"
#include "Theme.h"
#include "models/LiveReload.h"
#include "models/PagedTableModel.h"
#include "money/Money.h"

#include <QBrush>
#include <QGuiApplication>
#include <QLocale>
#include <QTimer>

namespace ledgerguard {

AccountTableModel::AccountTableModel(Ledger& ledger, QObject* parent)
    : QAbstractTableModel(parent)
    , m_ledger(ledger)
    , m_liveTimer(reloadOnLedgerChanges(ledger, this,
                                        LedgerChange::Transactions | LedgerChange::Anomalies | LedgerChange::Accounts,
                                        PagedTableModel::kLiveReloadMs, [this] { reload(); }))
{
    reload();
}

AccountTableModel::~AccountTableModel()
{
    for (auto* watcher : findChildren<QFutureWatcherBase*>(Qt::FindDirectChildrenOnly))
        watcher->waitForFinished();
}

void AccountTableModel::reload()
{
    m_liveTimer->stop();
    m_reading = true;
    const int generation = ++m_generation;
    using Accounts = Result<QList<ledgerguard::Account>>;
    auto* watcher = new QFutureWatcher<Accounts>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            apply(watcher->result());
    });
    watcher->setFuture(runInBackground([ledger = &m_ledger]() -> Accounts { return ledger->accounts(); }));
}

void AccountTableModel::apply(const Result<QList<ledgerguard::Account>>& accounts)
{
    m_reading = false;
    if (!accounts) {
        Q_EMIT loadFailed(accounts.status().message());
    } else if (accounts->size() == m_rows.size()) {
        m_rows = *accounts;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_rows = *accounts;
        endResetModel();
    }
    Q_EMIT loaded();
}

int AccountTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AccountTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccountTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ledgerguard::Account& a = m_rows.at(index.row());
    const QLocale locale;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Balance || index.column() >= High ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Balance && a.balance < 0)
        return QBrush(theme::negative(QGuiApplication::palette()));
    if (role == HealthRole && index.column() == Health)
        return healthKey(a.health);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return a.closedAt ? tr("%1 (closed)").arg(a.name) : a.name;
    case Type:
        return accountTypeLabel(a.type);
    case Currency:
        return a.currency;
    case Balance:
        return Money(a.balance, a.currency).format(locale);
    case LastActivity:
        return a.lastActivity ? bookingTime(locale, *a.lastActivity) : tr("never");
    case Stale:
        if (a.closedAt)
            return tr("closed");
        return a.isStale ? tr("awaiting detection") : tr("checked");
    case Health:
        return healthLabel(a.health);
    case High:
        return a.openHigh;
    case Medium:
        return a.openMedium;
    case Transactions:
        return locale.toString(a.transactionCount);
    }
    return {};
}

QVariant AccountTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    // Two-line labels where one line would make a narrow column of figures wide; the tooltip says it in full.
    const char* names[] = {"Account",      "Type",   "Currency",     "Balance",        "Last\nactivity",
                           "Detec-\ntion", "Health", "HIGH\n(30 d)", "MEDIUM\n(30 d)", "Trans-\nactions"};
    const char* tips[] = {"The account's name",
                          "The account's type",
                          "The account's currency",
                          "The balance: the sum of the account's transactions",
                          "When the account's last transaction was booked",
                          "Whether detection has checked the account's latest transactions",
                          "The account's health: At risk with an open HIGH case of the last 30 days, Watch with an "
                          "open MEDIUM one",
                          "Open HIGH cases on transactions of the last 30 days",
                          "Open MEDIUM cases on transactions of the last 30 days",
                          "How many transactions the account has"};
    if (role == Qt::DisplayRole)
        return tr(names[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return {};
}

} // namespace ledgerguard
