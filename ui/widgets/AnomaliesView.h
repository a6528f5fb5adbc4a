// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace ledgerguard {

class Ledger;
class AnomalyTableModel;
class CsvExportButton;

// Anomalies with risk badges, filters (risk, account, status, period), a detail pane explaining why each was
// flagged, confirm / dismiss / reopen actions stored in the ledger, and export of the filtered anomalies to CSV on a
// worker thread.
class AnomaliesView : public QWidget
{
    Q_OBJECT
public:
    explicit AnomaliesView(Ledger& ledger, QWidget* parent = nullptr);
    AnomalyTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // Selects the anomaly, clearing filters that hide it; when it is not among the loaded rows, the pages are read
    // (on the model's workers) until it is, and it is selected then.
    void showAnomaly(const QString& id);
    // The id of the selected anomaly, or empty.
    QString selectedId() const;
    // Writes every anomaly matching the current filter to `path` as CSV (writeAnomaliesCsv(), core/export) on a
    // worker thread; exportFinished() reports the outcome. False if an export is already running.
    bool startExport(const QString& path);
    bool isExporting() const;
    // Asks for a file name and starts the export.
    void exportWithDialog();

public Q_SLOTS:
    // Review actions on the selected anomaly, stored through Ledger::setAnomalyStatus with the time.
    void confirmSelected();
    void dismissSelected();
    void reopenSelected();

Q_SIGNALS:
    void exportStarted();
    void exportFinished(bool ok, const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyFilter();
    // Fills the account chooser (a query that grows with the anomalies): only while shown, unless `force`.
    void refreshAccounts(bool force = false);
    void updateDetail();
    void setStatus(int status);
    void selectId(const QString& id);
    // Selects m_showId once the rows hold it, asking for the next page while they do not.
    void continueShowing();

    Ledger& m_ledger;
    bool m_accountsStale = true; // the account chooser waits until the view is shown
    AnomalyTableModel* m_model;
    QTableView* m_table;
    QComboBox* m_risk;
    QComboBox* m_account;
    QComboBox* m_status;
    QComboBox* m_period;
    QTextBrowser* m_detail;
    QPushButton* m_confirm;
    QPushButton* m_dismiss;
    QPushButton* m_reopen;
    CsvExportButton* m_exportButton;
    QString m_keepId; // the selection across live reloads
    int m_keepRow = 0;
    bool m_selectFirst = false; // the next reset comes from a new filter
    QString m_showId; // showAnomaly() waits for this anomaly's page
};

} // namespace ledgerguard
