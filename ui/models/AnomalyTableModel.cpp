// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/AnomalyTableModel.h"

#include "Background.h"
#include "Theme.h"
#include "models/LiveReload.h"
#include "money/Money.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLocale>
#include <QTimer>

namespace ledgerguard {

QString AnomalyTableModel::statusLabel(AnomalyStatus status)
{
    switch (status) {
    case AnomalyStatus::Open:
        return tr("Open");
    case AnomalyStatus::Confirmed:
        return tr("Confirmed");
    case AnomalyStatus::Dismissed:
        return tr("Dismissed");
    }
    return {};
}

AnomalyTableModel::AnomalyTableModel(Ledger& ledger, QObject* parent)
    : QAbstractTableModel(parent)
    , m_ledger(ledger)
    , m_liveTimer(
          reloadOnLedgerChanges(ledger, this, LedgerChange::Anomalies | LedgerChange::Accounts, kLiveReloadMs,
                                [this] { loadInBackground(qBound(kPageSize, int(m_rows.size()), int(kMaxPageSize))); }))
{
    reload();
}

void AnomalyTableModel::setFilter(const AnomalyFilter& filter)
{
    m_filter = filter;
    reload();
}

void AnomalyTableModel::reload()
{
    load(kPageSize);
}

AnomalyTableModel::Loaded AnomalyTableModel::read(const Ledger& ledger, const AnomalyFilter& filter, int limit)
{
    Loaded out;
    if (auto accounts = ledger.accounts()) {
        for (const ledgerguard::Account& a : *accounts)
            out.accountNames.insert(a.id, a.name);
    }
    out.page = ledger.anomalies(filter, {limit, {}});
    return out;
}

void AnomalyTableModel::load(int limit)
{
    m_liveTimer->stop();
    ++m_generation;
    apply(read(m_ledger, m_filter, limit));
}

void AnomalyTableModel::loadInBackground(int limit)
{
    const quint64 generation = ++m_generation;
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            apply(watcher->result());
    });
    watcher->setFuture(
        runInBackground([ledger = &m_ledger, filter = m_filter, limit] { return read(*ledger, filter, limit); }));
}

void AnomalyTableModel::apply(Loaded loaded)
{
    // The first page is replaced inside one reset, so views and testers see one consistent change.
    beginResetModel();
    m_rows.clear();
    m_cursor.clear();
    m_accountNames = std::move(loaded.accountNames);
    if (loaded.page) {
        m_rows = std::move(loaded.page->items);
        m_cursor = loaded.page->nextCursor;
        m_atEnd = m_cursor.isEmpty();
    } else {
        m_atEnd = true;
    }
    endResetModel();
    if (!loaded.page)
        Q_EMIT loadFailed(loaded.page.status().message());
}

int AnomalyTableModel::rowOf(const QString& id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return i;
    }
    return -1;
}

int AnomalyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AnomalyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool AnomalyTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void AnomalyTableModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    auto page = m_ledger.anomalies(m_filter, {kPageSize, m_cursor});
    if (!page) {
        m_atEnd = true;
        Q_EMIT loadFailed(page.status().message());
        return;
    }
    if (!page->items.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->items.size() - 1));
        m_rows.append(page->items);
        endInsertRows();
    }
    m_cursor = page->nextCursor;
    m_atEnd = m_cursor.isEmpty();
}

QVariant AnomalyTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Anomaly& a = m_rows.at(index.row());
    const QLocale locale;
    if (role == RiskRole)
        return riskName(a.risk);
    if (role == Qt::TextAlignmentRole)
        return index.column() == Amount || index.column() == Score ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Amount && a.amount < 0)
        return QBrush(theme::negative(QGuiApplication::palette()));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Risk:
        return riskName(a.risk);
    case Score:
        return locale.toString(a.score, 'f', 3);
    case Account:
        return m_accountNames.value(a.accountId);
    case Transaction:
        return a.description;
    case Amount:
        return Money(a.amount, a.currency).format(locale);
    case DetectedAt:
        return locale.toString(QDateTime::fromMSecsSinceEpoch(a.detectedAt).toLocalTime(), QLocale::ShortFormat);
    case Type:
        return QString(a.anomalyType).replace(QLatin1Char('_'), QLatin1Char(' '));
    case Status:
        return statusLabel(a.status);
    }
    return {};
}

QVariant AnomalyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const char* names[] = {"Risk", "Score", "Account", "Transaction", "Amount", "Detected", "Type", "Status"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

AccountTableModel::AccountTableModel(Ledger& ledger, QObject* parent)
    : QAbstractTableModel(parent)
    , m_ledger(ledger)
    , m_liveTimer(reloadOnLedgerChanges(ledger, this,
                                        LedgerChange::Transactions | LedgerChange::Anomalies | LedgerChange::Accounts,
                                        AnomalyTableModel::kLiveReloadMs, [this] { reload(); }))
{
    reload();
}

void AccountTableModel::reload()
{
    m_liveTimer->stop();
    auto accounts = m_ledger.accounts();
    if (!accounts) {
        Q_EMIT loadFailed(accounts.status().message());
        return;
    }
    if (accounts->size() == m_rows.size()) {
        // Same accounts: update in place so selections survive live updates.
        m_rows = *accounts;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = *accounts;
    endResetModel();
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
        return a.name;
    case Type:
        return accountTypeLabel(a.type);
    case Currency:
        return a.currency;
    case Balance:
        return Money(a.balance, a.currency).format(locale);
    case LastActivity:
        return a.lastActivity
            ? locale.toString(QDateTime::fromMSecsSinceEpoch(*a.lastActivity).toLocalTime(), QLocale::ShortFormat)
            : tr("never");
    case Stale:
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
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const char* names[] = {"Account",   "Type",   "Currency",    "Balance",       "Last activity",
                           "Detection", "Health", "HIGH (30 d)", "MEDIUM (30 d)", "Transactions"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace ledgerguard
