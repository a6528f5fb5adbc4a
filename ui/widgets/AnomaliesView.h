// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"
#include "widgets/TableSelection.h"

#include <QFutureWatcher>
#include <QKeySequence>
#include <QStringList>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;

namespace ledgerguard {

class Ledger;
class AnomalyTableModel;
class CasePane;
class CsvExportButton;
class RowCountLabel;

// Anomalies with risk badges; filters (text search, risk, account, status with Cleared, assignee, period) applied
// in the paged SQL query, and the filter's row count read on a worker; a case pane (CasePane: why it was flagged,
// the case timeline, assignee, notes); review actions on the selected anomalies (extended selection): Confirm,
// Dismiss, Reopen and Assign to…, each one Ledger::decideAnomalies call (one SQL transaction, audited with the
// operating-system user) run on the views' background pool, so the window never waits for the write; and export of
// the filtered anomalies to CSV on a worker thread. The selection survives live reloads.
class AnomaliesView : public QWidget
{
    Q_OBJECT
public:
    enum class Review { Confirm, Dismiss, Reopen, Assign };
    // The keyboard shortcut of a review action (held by the main window's Review menu; shown in the buttons'
    // tooltips and the table's context menu): Ctrl+Shift+C, D, O and A.
    static QKeySequence shortcut(Review review);

    explicit AnomaliesView(Ledger& ledger, QWidget* parent = nullptr);
    ~AnomaliesView() override;

    AnomalyTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    CasePane* casePane() const { return m_case; }
    QLineEdit* searchField() const { return m_search; }
    // Selects the anomaly, clearing filters that hide it; when it is not among the loaded rows, the pages are read
    // (on the model's workers) until it is, and it is selected then.
    void showAnomaly(const QString& id);
    // Shows the open cases of `risk` (any account, period, assignee and text) with exactly the anomalies `ids`
    // selected, the newest of them current; pages are read until every one is loaded or the list ends. Ids no longer
    // open at `risk` are not selected.
    void showOpenCases(const QStringList& ids, Risk risk);
    // The id of the current anomaly, or empty.
    QString selectedId() const;
    // The ids of the selected anomalies in row order (the current one when no row is selected).
    QStringList selectedIds() const;
    // The row count line ("1,234 anomalies" for the current filter), filled in when the count arrives.
    QString summary() const;
    bool isCounting() const;
    // True while a review, assignment or note is being written.
    bool isWriting() const { return m_writing; }
    // Writes every anomaly matching the current filter to `path` as CSV (writeAnomaliesCsv(), core/export) on a
    // worker thread; exportFinished() reports the outcome. False if an export is already running.
    bool startExport(const QString& path);
    bool isExporting() const;
    // Asks for a file name and starts the export.
    void exportWithDialog();
    // The case pane beside the table, or under it while the view is narrower than kSideBySideEm font heights (a
    // splitter either way; the pane can be collapsed by dragging the handle).
    static constexpr int kSideBySideEm = 76;
    Qt::Orientation caseOrientation() const;
    QSplitter* splitter() const { return m_splitter; }

public Q_SLOTS:
    // Review actions on the selected anomalies, stored by one Ledger::decideAnomalies call with the OS user.
    void confirmSelected();
    void dismissSelected();
    void reopenSelected();
    // Asks for a name (the assignees present offered), then assignSelected().
    void assignSelectedWithDialog();
    // Assigns the selected anomalies to `assignee` (empty: nobody).
    void assignSelected(const QString& assignee);

Q_SIGNALS:
    void exportStarted();
    void exportFinished(bool ok, const QString& message);
    // A review, assignment or note was written (ok) or refused (the message in words, also shown in a box).
    void writeFinished(bool ok, const QString& message);

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct AssigneeList
    {
        QStringList names;
    };

    QPushButton* reviewButton(Review review, const QString& text, const QString& name, const QString& tip);
    void applyFilter();
    // Fills the account chooser (a query that grows with the anomalies): only while shown, unless `force`.
    void refreshAccounts(bool force = false);
    // Reads the assignees present on a worker and refills the assignee filter and the case pane's choices.
    void refreshAssignees();
    void updateDetail();
    void updateActions();
    void setStatus(int status);
    // Runs `write` (a Ledger call) on the background pool, one at a time; `what` names it in an error message;
    // `noteOf`: the case whose typed note the write stores (cleared once stored).
    void runWrite(std::function<Status()> write, const QString& what, const QString& noteOf = QString());
    void selectId(const QString& id);
    // Selects m_showIds once the rows hold them, asking for the next page while some are missing.
    void continueShowing();
    void showContextMenu(const QPoint& pos);

    Ledger& m_ledger;
    bool m_accountsStale = true; // the account chooser waits until the view is shown
    AnomalyTableModel* m_model;
    QTableView* m_table;
    QLineEdit* m_search;
    QComboBox* m_risk;
    QComboBox* m_account;
    QComboBox* m_status;
    QComboBox* m_assignee;
    QComboBox* m_period;
    CasePane* m_case;
    QSplitter* m_splitter;
    QPushButton* m_confirm;
    QPushButton* m_dismiss;
    QPushButton* m_reopen;
    QPushButton* m_assign;
    QLabel* m_selected;
    RowCountLabel* m_count;
    CsvExportButton* m_exportButton;
    QFutureWatcher<Status>* m_write;
    QFutureWatcher<AssigneeList>* m_assignees;
    QString m_writeWhat;
    bool m_writing = false;
    QString m_noteWritten; // the case whose note the running write stores
    bool m_assigneesAgain = false;
    bool m_filterChanged = false;
    TableSelection m_keep; // the selection across live reloads
    bool m_selectFirst = false; // the next reset comes from a new filter
    QStringList m_showIds; // showAnomaly() and showOpenCases() wait for these anomalies' pages
};

} // namespace ledgerguard
