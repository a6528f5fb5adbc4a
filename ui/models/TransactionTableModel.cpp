// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/TransactionTableModel.h"

#include "Background.h"
#include "Theme.h"
#include "models/LiveReload.h"
#include "money/Money.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLocale>
#include <QTimer>

namespace ledgerguard {

TransactionTableModel::TransactionTableModel(Ledger& ledger, QObject* parent)
    : QAbstractTableModel(parent)
    , m_ledger(ledger)
    , m_liveTimer(reloadOnLedgerChanges(
          ledger, this, LedgerChange::Transactions | LedgerChange::Anomalies | LedgerChange::Accounts, kLiveReloadMs,
          [this] { load(qBound(kPageSize, int(m_rows.size()), int(kMaxPageSize))); }))
{
    reload();
}

TransactionTableModel::~TransactionTableModel()
{
    // Workers read through the Ledger, which outlives this model: let them finish first.
    for (auto* watcher : findChildren<QFutureWatcher<Loaded>*>())
        watcher->waitForFinished();
}

void TransactionTableModel::setFilter(const TransactionFilter& filter)
{
    m_filter = filter;
    reload();
}

void TransactionTableModel::reload()
{
    load(kPageSize);
}

void TransactionTableModel::load(int limit)
{
    m_liveTimer->stop();
    ++m_generation; // a next page still being read belongs to the old list
    m_fetching = false;
    request(limit, QString(), true);
}

void TransactionTableModel::request(int limit, const QString& cursor, bool reset)
{
    (reset ? m_resetPending : m_fetching) = true;
    const int generation = m_generation;
    const Ledger* ledger = &m_ledger;
    const TransactionFilter filter = m_filter;
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, generation, reset] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // superseded by a newer reset
        apply(watcher->result(), reset);
    });
    watcher->setFuture(runInBackground([ledger, filter, limit, cursor, reset] {
        Loaded out;
        auto page = ledger->transactions(filter, {limit, cursor});
        if (!page) {
            out.status = page.status();
            return out;
        }
        out.rows = page->items;
        out.cursor = page->nextCursor;
        if (reset) {
            if (auto accounts = ledger->accounts()) {
                for (const ledgerguard::Account& a : *accounts)
                    out.accountNames.insert(a.id, a.name);
            }
        }
        return out;
    }));
}

void TransactionTableModel::apply(const Loaded& page, bool reset)
{
    (reset ? m_resetPending : m_fetching) = false;
    if (!page.status.isOk()) {
        if (reset) {
            beginResetModel();
            m_rows.clear();
            m_cursor.clear();
            m_atEnd = true;
            endResetModel();
        } else {
            m_atEnd = true;
        }
        Q_EMIT loadFailed(page.status.message());
        Q_EMIT loaded();
        return;
    }
    if (reset) {
        beginResetModel();
        m_rows = page.rows;
        m_accountNames = page.accountNames;
        m_cursor = page.cursor;
        m_atEnd = m_cursor.isEmpty();
        endResetModel();
    } else {
        // The cursor moves before the insert: a view (or a model tester) may ask for the next page from its
        // rowsInserted handler.
        m_cursor = page.cursor;
        m_atEnd = m_cursor.isEmpty();
        if (!page.rows.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size() - 1));
            m_rows.append(page.rows);
            endInsertRows();
        }
    }
    Q_EMIT loaded();
}

void TransactionTableModel::waitForLoaded()
{
    while (isLoading()) {
        QEventLoop loop;
        connect(this, &TransactionTableModel::loaded, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

qint64 TransactionTableModel::totalCount() const
{
    auto n = m_ledger.countTransactions(m_filter);
    return n ? *n : -1;
}

int TransactionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TransactionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool TransactionTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void TransactionTableModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_atEnd || isLoading())
        return;
    request(kPageSize, m_cursor, false);
}

void TransactionTableModel::sort(int column, Qt::SortOrder order)
{
    // Sorting happens in SQL: by time or by amount (the other columns keep the time order).
    const SortKey key = column == Amount ? SortKey::Amount : SortKey::Timestamp;
    const bool ascending = order == Qt::AscendingOrder;
    if (key == m_filter.sortKey && ascending == m_filter.ascending)
        return; // the rows are in this order already (the view asks for its default order when set up)
    m_filter.sortKey = key;
    m_filter.ascending = ascending;
    reload();
}

QVariant TransactionTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Transaction& t = m_rows.at(index.row());
    const QLocale locale;
    if (role == IdRole)
        return t.id;
    if (role == RiskRole)
        return t.risk ? riskName(*t.risk) : QString();
    if (role == Qt::TextAlignmentRole)
        return index.column() == Amount || index.column() == RunningBalance
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole
        && ((index.column() == Amount && t.amount < 0) || (index.column() == RunningBalance && t.runningBalance < 0)))
        return QBrush(theme::negative(QGuiApplication::palette()));
    if (role == Qt::ToolTipRole && index.column() == Risk && t.anomalyScore)
        return tr("Anomaly score %1").arg(locale.toString(*t.anomalyScore, 'f', 3));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return locale.toString(QDateTime::fromMSecsSinceEpoch(t.timestamp).toLocalTime(), QLocale::ShortFormat);
    case Account:
        return m_accountNames.value(t.accountId, QString::number(t.accountId));
    case Description:
        return t.description;
    case Counterparty:
        return t.counterparty;
    case Category:
        return categoryLabel(t.category);
    case Amount:
        return Money(t.amount, t.currency).format(locale);
    case RunningBalance:
        return Money(t.runningBalance, t.currency).format(locale);
    case Risk:
        return t.risk ? riskName(*t.risk) : QString();
    }
    return {};
}

QVariant TransactionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Account:
        return tr("Account");
    case Description:
        return tr("Description");
    case Counterparty:
        return tr("Counterparty");
    case Category:
        return tr("Category");
    case Amount:
        return tr("Amount");
    case RunningBalance:
        return tr("Balance");
    case Risk:
        return tr("Risk");
    }
    return {};
}

} // namespace ledgerguard
