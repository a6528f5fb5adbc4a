// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/TransactionTableModel.h"

#include "LedgerTime.h"
#include "Theme.h"
#include "money/Money.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QLocale>

namespace ledgerguard {

TransactionTableModel::TransactionTableModel(Ledger& ledger, QObject* parent)
    : PagedRowsModel(ledger, LedgerChange::Transactions | LedgerChange::Anomalies | LedgerChange::Accounts, parent)
{
    reload();
}

void TransactionTableModel::setFilter(const TransactionFilter& filter)
{
    m_filter = filter;
    reload();
}

TransactionTableModel::PageReader TransactionTableModel::pageReader() const
{
    return [filter = m_filter](const Ledger& ledger, const PageRequest& request) {
        return ledger.transactions(filter, request);
    };
}

int TransactionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void TransactionTableModel::sort(int column, Qt::SortOrder order)
{
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
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Transaction& t = transactionAt(index.row());
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
    if (role == Qt::ToolTipRole && index.column() == Description && !(t.reversedBy.isEmpty() && t.reverses.isEmpty()))
        return t.reversedBy.isEmpty() ? tr("Reversal of transaction %1").arg(t.reverses)
                                      : tr("Reversed by transaction %1").arg(t.reversedBy);
    if (role == Qt::ToolTipRole && index.column() == Risk && t.anomalyScore)
        return tr("Anomaly score %1").arg(locale.toString(*t.anomalyScore, 'f', 3));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return bookingTime(locale, t.timestamp);
    case Account:
        return accountName(t.accountId);
    case Description:
        return t.reversedBy.isEmpty() ? t.description : tr("%1 (reversed)").arg(t.description);
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
