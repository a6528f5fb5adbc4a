// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/Services.h"

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
class TransactionsView;
class TrayNotifier;

// The analyst's main window: left navigation (Dashboard, Transactions, Anomalies, Accounts, New transaction), a
// status bar with the ledger file, the generator and detector schedule with countdowns and a progress bar while
// detection, a generator run or an export runs, menus and shortcuts for every action, and a banner when a new HIGH
// anomaly is found that leads to it. Statement files are imported through File > Import… or by dropping a file on
// the window. Geometry and the last view are restored from QSettings ("window/geometry",
// "window/view").
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class View { Dashboard, Transactions, Anomalies, Accounts, NewTransaction };

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
    // The HIGH-risk banner's text, or empty while it is hidden.
    QString alertText() const;
    // Follows the banner: shows the Anomalies view with the newest HIGH anomaly selected, hides the banner.
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
    void showAlert(const QString& anomalyId, qint64 accountId);
    void updateAlert();
    void setBusy(const QString& task, bool busy);

    Services m_services;
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QWidget* m_alertBar;
    QPushButton* m_alert;
    QTimer* m_alertTimer; // coalesces a burst of highRiskDetected
    QString m_alertAnomaly;
    qint64 m_alertAccount = 0;
    int m_alertCount = 0;
    DashboardView* m_dashboard;
    TransactionsView* m_transactions;
    AnomaliesView* m_anomalies;
    AccountsView* m_accounts;
    NewTransactionView* m_newTransaction;
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
