// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

#include <QAbstractTableModel>

class QTimer;

namespace ledgerguard {

// The ledger's transactions for a filter, fetched lazily from SQL a page at a time (canFetchMore / fetchMore with
// keyset cursors), filtered and sorted in SQL, so a million rows scroll without being loaded. Reacts to the
// ledger's change signals (no polling): bursts coalesce in a short single-shot timer into one reload, which keeps
// as many rows loaded as before (up to kMaxPageSize) so that a scrolled view stays where it was.
//
// Pages are read on worker threads (QtConcurrent on backgroundPool(), Background.h; the Ledger gives each thread its
// own connection) and applied on the GUI thread, so that a slow query (a sort no index serves, a text search over a
// million rows) never freezes the window: the rows on screen stay until the new ones arrive; loaded() says when they
// have. A newer request supersedes an older one (its result is dropped). GUI thread only.
class TransactionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Account, Description, Counterparty, Category, Amount, RunningBalance, Risk, ColumnCount };
    static constexpr int kPageSize = 200;
    // Delay that coalesces the ledger's change signals into one reload.
    static constexpr int kLiveReloadMs = 150;
    // Item data role with the row's Transaction id.
    static constexpr int IdRole = Qt::UserRole + 1;
    // Item data role with the risk level name ("HIGH", ...) or an empty string, for the badge delegate.
    static constexpr int RiskRole = Qt::UserRole + 2;

    explicit TransactionTableModel(Ledger& ledger, QObject* parent = nullptr);
    ~TransactionTableModel() override;

    void setFilter(const TransactionFilter& filter);
    const TransactionFilter& filter() const { return m_filter; }
    // Total rows matching the filter (a COUNT query), for the view's summary line.
    qint64 totalCount() const;
    const Transaction& transactionAt(int row) const { return m_rows.at(row); }
    // The last error from the ledger, if any (shown by the view; never swallowed).
    // True while a page is being read.
    bool isLoading() const { return m_resetPending || m_fetching; }
    // Runs the event loop until no page is being read (tests, screenshots, benchmarks).
    void waitForLoaded();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order) override;

public Q_SLOTS:
    // Reads the first page again now (filter changes).
    void reload();

Q_SIGNALS:
    void loadFailed(const QString& message);
    // A requested page has been applied (or failed).
    void loaded();

private:
    struct Loaded
    {
        Status status;
        QList<Transaction> rows;
        QString cursor;
        QHash<qint64, QString> accountNames; // read with a first page
    };
    void load(int limit);
    void request(int limit, const QString& cursor, bool reset);
    void apply(const Loaded& page, bool reset);

    Ledger& m_ledger;
    QTimer* m_liveTimer;
    TransactionFilter m_filter;
    QList<Transaction> m_rows;
    QString m_cursor;
    bool m_atEnd = false;
    bool m_resetPending = false; // a first page is being read
    bool m_fetching = false; // a next page is being read
    int m_generation = 0; // bumped by every reset; older results are dropped
    QHash<qint64, QString> m_accountNames;
};

} // namespace ledgerguard
