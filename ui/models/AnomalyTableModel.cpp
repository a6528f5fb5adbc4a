// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/AnomalyTableModel.h"

#include "LedgerTime.h"
#include "Theme.h"
#include "money/Money.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QLocale>

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
    case AnomalyStatus::Cleared:
        return tr("Cleared");
    }
    return {};
}

AnomalyTableModel::AnomalyTableModel(Ledger& ledger, QObject* parent)
    : PagedRowsModel(ledger, LedgerChange::Anomalies | LedgerChange::Accounts, parent)
{
    reload();
}

void AnomalyTableModel::setFilter(const AnomalyFilter& filter)
{
    m_filter = filter;
    reload();
}

AnomalyTableModel::PageReader AnomalyTableModel::pageReader() const
{
    return [filter = m_filter](const Ledger& ledger, const PageRequest& request) {
        return ledger.anomalies(filter, request);
    };
}

int AnomalyTableModel::rowOf(const QString& id) const
{
    for (int i = 0; i < rowCount(); ++i) {
        if (anomalyAt(i).id == id)
            return i;
    }
    return -1;
}

int AnomalyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnomalyTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Anomaly& a = anomalyAt(index.row());
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
        return accountName(a.accountId);
    case Transaction:
        return a.description;
    case Amount:
        return Money(a.amount, a.currency).format(locale);
    case DetectedAt:
        return shortLocalTime(locale, a.detectedAt);
    case Type: // the family's label ("Unusual amount"); a rule's or a test's key in words
        if (const std::optional<AnomalyType> type = anomalyTypeFromKey(a.anomalyType))
            return anomalyTypeLabel(*type);
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

} // namespace ledgerguard
