// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/PagedTableModel.h"

namespace ledgerguard {

// Anomaly records for a filter, newest detection first, paged lazily (PagedTableModel). Reloads live on anomaly
// results and reviews and on account changes. GUI thread only.
class AnomalyTableModel : public PagedRowsModel<Anomaly>
{
    Q_OBJECT
public:
    enum Column { Risk, Score, Account, Transaction, Amount, DetectedAt, Type, Status, ColumnCount };
    // Item data role with the risk level name ("HIGH", "MEDIUM"), for the badge delegate.
    static constexpr int RiskRole = Qt::UserRole + 2;

    explicit AnomalyTableModel(Ledger& ledger, QObject* parent = nullptr);

    void setFilter(const AnomalyFilter& filter);
    const AnomalyFilter& filter() const { return m_filter; }
    const Anomaly& anomalyAt(int row) const { return rows().at(row); }
    // "Open", "Confirmed", "Dismissed" (translated).
    static QString statusLabel(AnomalyStatus status);
    // The row of the anomaly with this id among the loaded rows, or -1.
    int rowOf(const QString& id) const;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PageReader pageReader() const override;

    AnomalyFilter m_filter;
};

} // namespace ledgerguard
