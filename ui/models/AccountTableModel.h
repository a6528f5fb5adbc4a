// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>

class QTimer;

namespace ledgerguard {

// Accounts with balance, health and anomaly counts (Ledger::accounts(), a handful of rows, not paged). Read on a
// worker thread (runInBackground(), Background.h) and applied on the GUI thread; reloads live on transactions,
// anomalies and account changes, coalesced in a PagedTableModel::kLiveReloadMs timer like the paged models. When the
// same number of accounts arrives the rows are updated in place (dataChanged), so selections survive live updates;
// otherwise the rows are replaced in one reset. A newer reload supersedes one still running. isLoading() says
// whether a read is running, loaded() when one has been applied (or failed, after loadFailed()). GUI thread only;
// the destructor waits for a running read (the Ledger must outlive the model).
class AccountTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Type, Currency, Balance, LastActivity, Stale, Health, High, Medium, Transactions, ColumnCount };
    // The Health column's key ("HEALTHY", "WATCH", "AT_RISK"), for RiskBadgeDelegate.
    static constexpr int HealthRole = Qt::UserRole + 2;

    explicit AccountTableModel(Ledger& ledger, QObject* parent = nullptr);
    ~AccountTableModel() override;

    const ledgerguard::Account& accountAt(int row) const { return m_rows.at(row); }
    const QList<ledgerguard::Account>& accounts() const { return m_rows; }
    bool isLoading() const { return m_reading; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    // Reads the accounts again now.
    void reload();

Q_SIGNALS:
    void loadFailed(const QString& message);
    void loaded();

private:
    void apply(const Result<QList<ledgerguard::Account>>& accounts);

    Ledger& m_ledger;
    QTimer* m_liveTimer;
    QList<ledgerguard::Account> m_rows;
    bool m_reading = false;
    int m_generation = 0; // bumped by every reload; older results are dropped
};

} // namespace ledgerguard
