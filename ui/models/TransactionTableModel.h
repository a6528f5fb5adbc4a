// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/PagedTableModel.h"

namespace ledgerguard {

// The ledger's transactions for a filter, filtered and sorted in SQL and paged lazily (PagedTableModel), so a
// million rows scroll without being loaded. Reloads live on new transactions, anomaly results and account changes.
// Sorting: by time or by amount (the other columns keep the time order); a new order reads the first page again.
// GUI thread only.
class TransactionTableModel : public PagedRowsModel<Transaction>
{
    Q_OBJECT
public:
    enum Column { Time, Account, Description, Counterparty, Category, Amount, RunningBalance, Risk, ColumnCount };
    // Item data role with the row's Transaction id.
    static constexpr int IdRole = Qt::UserRole + 1;
    // Item data role with the risk level name ("HIGH", ...) or an empty string, for the badge delegate.
    static constexpr int RiskRole = Qt::UserRole + 2;

    explicit TransactionTableModel(Ledger& ledger, QObject* parent = nullptr);

    void setFilter(const TransactionFilter& filter);
    const TransactionFilter& filter() const { return m_filter; }
    const Transaction& transactionAt(int row) const { return rows().at(row); }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order) override;

private:
    PageReader pageReader() const override;

    TransactionFilter m_filter;
};

} // namespace ledgerguard
