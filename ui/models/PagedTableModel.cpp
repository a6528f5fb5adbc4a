// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/PagedTableModel.h"

#include <QTimer>

namespace ledgerguard {

PagedTableModel::PagedTableModel(Ledger& ledger, LedgerChanges changes, QObject* parent)
    : QAbstractTableModel(parent)
    , m_ledger(ledger)
    , m_liveTimer(reloadOnLedgerChanges(ledger, this, changes, kLiveReloadMs,
                                        [this] { load(qBound(kPageSize, loadedRowCount(), int(kMaxPageSize))); }))
{ }

PagedTableModel::~PagedTableModel()
{
    for (auto* watcher : findChildren<QFutureWatcherBase*>(Qt::FindDirectChildrenOnly))
        watcher->waitForFinished();
}

void PagedTableModel::reload()
{
    load(kPageSize);
}

void PagedTableModel::load(int limit)
{
    m_liveTimer->stop();
    ++m_generation; // a next page still being read belongs to the old rows
    m_fetching = false;
    m_resetPending = true;
    requestPage(limit, QString(), true, m_generation);
}

bool PagedTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void PagedTableModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_atEnd || isLoading())
        return;
    m_fetching = true;
    requestPage(kPageSize, m_cursor, false, m_generation);
}

void PagedTableModel::pageArrived(bool reset, bool ok, const QString& nextCursor)
{
    (reset ? m_resetPending : m_fetching) = false;
    m_cursor = nextCursor;
    m_atEnd = !ok || nextCursor.isEmpty();
}

void PagedTableModel::pageApplied(const Status& status)
{
    if (!status.isOk())
        Q_EMIT loadFailed(status.message());
    Q_EMIT loaded();
}

} // namespace ledgerguard
