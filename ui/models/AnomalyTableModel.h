// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

#include <QAbstractTableModel>

class QTimer;

namespace ledgerguard {

// Anomaly records for a filter, newest detection first, fetched lazily a page at a time. Reloads on
// Ledger::anomaliesChanged (bursts coalesce in a short single-shot timer; as many rows as were loaded, up to
// kMaxPageSize, are read again on the background pool and applied in one reset, so a detection run does not stall
// the window). reload() and setFilter() read at once: the user asked, and the page is there when they return.
class AnomalyTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Risk, Score, Account, Transaction, Amount, DetectedAt, Type, Status, ColumnCount };
    static constexpr int kPageSize = 200;
    static constexpr int kLiveReloadMs = 150;
    static constexpr int RiskRole = Qt::UserRole + 2;

    explicit AnomalyTableModel(Ledger& ledger, QObject* parent = nullptr);

    void setFilter(const AnomalyFilter& filter);
    const AnomalyFilter& filter() const { return m_filter; }
    const Anomaly& anomalyAt(int row) const { return m_rows.at(row); }
    // "Open", "Confirmed", "Dismissed" (translated).
    static QString statusLabel(AnomalyStatus status);
    // The row of the anomaly with this id among the loaded rows, or -1.
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loadFailed(const QString& message);

private:
    struct Loaded
    {
        Result<Page<Anomaly>> page = Page<Anomaly> {};
        QHash<qint64, QString> accountNames;
    };
    static Loaded read(const Ledger& ledger, const AnomalyFilter& filter, int limit);
    void load(int limit);
    void loadInBackground(int limit);
    void apply(Loaded loaded);

    Ledger& m_ledger;
    quint64 m_generation = 0; // a background result older than the last load is dropped
    QTimer* m_liveTimer;
    AnomalyFilter m_filter;
    QList<Anomaly> m_rows;
    QString m_cursor;
    bool m_atEnd = false;
    QHash<qint64, QString> m_accountNames;
};

// Accounts with balance, health and anomaly counts; reloads on account and anomaly changes (coalesced like the
// others). The same accounts are updated in place (dataChanged), so selections survive live updates.
class AccountTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Type, Currency, Balance, LastActivity, Stale, Health, High, Medium, Transactions, ColumnCount };
    // The Health column's key ("HEALTHY", "WATCH", "AT_RISK"), for RiskBadgeDelegate.
    static constexpr int HealthRole = Qt::UserRole + 2;
    explicit AccountTableModel(Ledger& ledger, QObject* parent = nullptr);

    const ledgerguard::Account& accountAt(int row) const { return m_rows.at(row); }
    const QList<ledgerguard::Account>& accounts() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loadFailed(const QString& message);

private:
    Ledger& m_ledger;
    QTimer* m_liveTimer;
    QList<ledgerguard::Account> m_rows;
};

} // namespace ledgerguard
