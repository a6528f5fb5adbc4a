// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"
#include "widgets/TableSelection.h"

#include <QFutureWatcher>
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
// text search) and the CSV export run on worker threads; the table itself only ever reads short pages. The rows'
// context menu marks the selected transactions (extended selection) as fraud or normal: one
// Ledger::labelTransactions call with the operating-system user on the views' background pool, which opens or
// decides their cases (the anomalies view follows through the ledger's anomaliesChanged). "Reverse transaction…"
// books, after a confirmation, the reversing entry of the row's transaction (Ledger::reverseTransaction); a reversed
// transaction and a reversal say so in their description.
class TransactionsView : public QWidget
{
    Q_OBJECT
    struct LabelOutcome
    {
        Result<LabelSummary> summary = LabelSummary {};
        Label label = Label::Fraud;
        qsizetype count = 0;
    };

public:
    explicit TransactionsView(Ledger& ledger, QWidget* parent = nullptr);
    ~TransactionsView() override;

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
    // The ids of the selected transactions in row order.
    QStringList selectedIds() const;
    // True while labels are being written (labelFinished() follows).
    bool isLabelling() const { return m_labelling; }

public Q_SLOTS:
    // Marks the selected transactions as fraud (a confirmed case) or normal (a dismissed case), now, by the OS user.
    void markSelected(ledgerguard::Label label);
    // Asks for confirmation (a modal box naming the transaction, its amount and the reversing amount), then books
    // the reversal; reversalFinished() reports the outcome (nothing when the analyst cancels).
    void reverseTransaction(const QString& id);

Q_SIGNALS:
    void exportStarted();
    void exportFinished(bool ok, const QString& message);
    void summaryChanged(const QString& text);
    // Labels were written (ok; the message says what became of the cases) or refused (the error, also in a box).
    void labelFinished(bool ok, const QString& message);
    // A reversal was booked (ok; the message names it) or refused (the core's reason, also in a box).
    void reversalFinished(bool ok, const QString& message);

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
    void showContextMenu(const QPoint& pos);
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
    QLabel* m_labelMessage;
    QFutureWatcher<LabelOutcome>* m_label;
    bool m_labelling = false;
    bool m_filterChanged = false;
    TableSelection m_keep; // the selection across live reloads
};

} // namespace ledgerguard
