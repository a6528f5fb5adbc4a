// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/Services.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace ledgerguard {

class AccountsView;
class AnomaliesView;
class DashboardView;
class ImportDialog;
class NewTransactionView;
class TestsView;
class TransactionsView;
class TrayNotifier;

// The analyst's main window: left navigation (Dashboard, Transactions, Anomalies, Accounts, New transaction, Tests), a
// status bar with the ledger file, the generator and detector schedule with countdowns and a progress bar while
// detection, a generator run or an export runs, menus and shortcuts for every action, and a banner when a new HIGH
// anomaly is found that leads to it. Statement files are imported through File > Import… or by dropping a file on
// the window. Geometry and the last view are restored from QSettings ("window/geometry",
// "window/view").
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class View { Dashboard, Transactions, Anomalies, Accounts, NewTransaction, Tests };

    explicit MainWindow(const Services& services, QWidget* parent = nullptr);
    ~MainWindow() override;

    void showView(View view);
    View currentView() const;
    // Renders every view (and each dashboard chart) to one PNG each in `dir`, then the dashboard, transactions and
    // anomalies again in a dark palette ("*-dark.png"). Returns the files written.
    QStringList saveScreenshots(const QString& dir);

    DashboardView* dashboard() const { return m_dashboard; }
    TransactionsView* transactions() const { return m_transactions; }
    AnomaliesView* anomalies() const { return m_anomalies; }
    AccountsView* accounts() const { return m_accounts; }
    NewTransactionView* newTransaction() const { return m_newTransaction; }
    TestsView* tests() const { return m_tests; }
    // The HIGH-risk banner's text, or empty while it is hidden. The banner announces the anomalies the detector
    // reported as newly HIGH that are open HIGH cases in the ledger now (checked on the background pool after each
    // burst of reports and each change of the cases), and hides when none is left.
    QString alertText() const;
    // The anomalies the banner announces, newest detection first; empty while it is hidden.
    QStringList alertAnomalies() const;
    // Follows the banner: shows the Anomalies view filtered to open HIGH cases with exactly the announced anomalies
    // selected (the newest current), hides the banner.
    void openAlert();
    // The system-tray notifications of new HIGH anomalies (see TrayNotifier).
    TrayNotifier* trayNotifier() const { return m_trayNotifier; }
    // The status bar's schedule text ("Generator 4:59 · Detector paused").
    QString scheduleText() const;
    QAction* action(const QString& objectName) const;
    // File > Import…: opens the import dialog (modeless, one at a time) with `path` previewed (empty: the dialog
    // asks for a file). After an import, detection runs over the imported accounts. Returns the dialog.
    ImportDialog* openImport(const QString& path = {});
    // File > Import history…: the import batches with undo (modal).
    void openImportHistory();
    // The status bar's ledger text (ledgerStatusText: the file, or the URL and who is connected).
    QString ledgerText() const;

Q_SIGNALS:
    // File > Open ledger… was accepted with this location (a file path or a postgresql:// URL): the application
    // opens it and replaces this window with one on it, or keeps this one and shows why it could not.
    void openLedgerRequested(const QString& location);

protected:
    void closeEvent(QCloseEvent* event) override;
    // A drop of one local file opens the import dialog with it.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createViews();
    void setUpNavigation();
    void setUpAlertBar();
    void setUpLayout();
    void setUpStatusBar();
    void buildMenus();
    void exportReport(); // File > Export report…: ReportDialog
    void connectViews();
    void connectPipeline();
    void connectScheduler();
    void restoreSettings();
    // Whether a view is still reading on a worker (pages, the count, the accounts, the balance chart).
    bool viewsLoading() const;
    // Runs the event loop until viewsLoading() is false, so that a screenshot shows every view filled.
    void waitForViews();
    void updateStatus();
    struct AlertCase
    {
        QString id;
        qint64 accountId = 0;
        QString accountName;
        qint64 detectedAt = 0;
    };
    void showAlert(const QString& anomalyId);
    // Checks the reported and announced anomalies against the ledger (on the background pool), then shows the
    // banner for the open HIGH ones (or hides it).
    void updateAlert();
    void alertChecked();
    void hideAlert();
    void setBusy(const QString& task, bool busy);

    Services m_services;
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QWidget* m_alertBar;
    QPushButton* m_alert;
    QTimer* m_alertTimer; // coalesces a burst of highRiskDetected
    QStringList m_alertReported; // reported by highRiskDetected since the last check
    QList<AlertCase> m_alertCases; // announced by the banner, newest first
    QFutureWatcher<QList<AlertCase>>* m_alertCheck;
    bool m_openAlertWhenChecked = false; // openAlert() waits for the running check
    DashboardView* m_dashboard;
    TransactionsView* m_transactions;
    AnomaliesView* m_anomalies;
    AccountsView* m_accounts;
    NewTransactionView* m_newTransaction;
    TestsView* m_tests;
    QLabel* m_fileLabel;
    QLabel* m_scheduleLabel;
    QProgressBar* m_progress;
    QStringList m_busy; // tasks shown by the progress bar
    QAction* m_pauseGenerator = nullptr;
    QAction* m_pauseDetector = nullptr;
    QPointer<ImportDialog> m_import;
    TrayNotifier* m_trayNotifier = nullptr;
};

} // namespace ledgerguard
