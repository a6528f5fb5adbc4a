// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace ledgerguard {

class Ledger;
class CsvExportButton;
class RowCountLabel;
class TransactionTableModel;

// Transactions with filters (account, period presets or a custom range, text, category, risk), lazily paged from
// SQL, and export of the filtered rows to CSV. The row count of the filter (a COUNT that can scan the table for a
// text search) and the CSV export run on worker threads; the table itself only ever reads short pages.
class TransactionsView : public QWidget
{
    Q_OBJECT
public:
    explicit TransactionsView(Ledger& ledger, QWidget* parent = nullptr);

    TransactionTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* searchField() const { return m_text; }
    // Writes every row matching the current filter to `path` as CSV (writeTransactionsCsv(), core/export) on a
    // worker thread; exportFinished() reports the outcome. False if an export is already running.
    bool startExport(const QString& path);
    bool isExporting() const;
    // Asks for a file name and starts the export.
    void exportWithDialog();
    void focusFilter();
    void showAccount(qint64 accountId);
    // The summary line under the table ("1,234 transactions"), filled in when the count arrives.
    QString summary() const;
    // True while the filter's count is being read (summaryChanged() follows).
    bool isCounting() const;

Q_SIGNALS:
    void exportStarted();
    void exportFinished(bool ok, const QString& message);
    void summaryChanged(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void setUpFilters();
    void setUpTable();
    void setUpLayout();
    void connectFilters();
    void connectModel();
    void connectWorkers();
    void showBusy();
    void applyFilter();
    // Fills the account chooser (a query that grows with the anomalies): only while shown, unless `force`.
    void refreshAccounts(bool force = false);

    Ledger& m_ledger;
    bool m_accountsStale = true; // the account chooser waits until the view is shown
    TransactionTableModel* m_model;
    QTableView* m_table;
    QComboBox* m_account;
    QComboBox* m_period;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QLineEdit* m_text;
    QComboBox* m_category;
    QComboBox* m_risk;
    RowCountLabel* m_summary;
    CsvExportButton* m_exportButton;
    bool m_filterChanged = false;
    QString m_selectedId; // kept across live reloads
};

} // namespace ledgerguard
