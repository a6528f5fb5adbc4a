// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schedule/Services.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace ledgerguard {

class AccountsView;
class AnomaliesView;
class DashboardView;
class NewTransactionView;
class TransactionsView;

// The analyst's main window: left navigation (Dashboard, Transactions, Anomalies, Accounts, New transaction), a
// status bar with the ledger file, the generator and detector schedule with countdowns and a progress bar while
// detection runs, menus and shortcuts for every action, and a banner when a new HIGH anomaly is found. Geometry
// and the last view are restored from QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class View { Dashboard, Transactions, Anomalies, Accounts, NewTransaction };

    explicit MainWindow(const Services& services, QWidget* parent = nullptr);
    ~MainWindow() override;

    void showView(View view);
    View currentView() const;
    // Renders every view (and each dashboard chart) to one PNG each in `dir`. Returns the files written.
    QStringList saveScreenshots(const QString& dir);

    DashboardView* dashboard() const { return m_dashboard; }
    TransactionsView* transactions() const { return m_transactions; }
    AnomaliesView* anomalies() const { return m_anomalies; }
    AccountsView* accounts() const { return m_accounts; }
    NewTransactionView* newTransaction() const { return m_newTransaction; }
    QString alertText() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void updateStatus();
    void showAlert(const QString& anomalyId, qint64 accountId);

    Services m_services;
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QPushButton* m_alert;
    QString m_alertAnomaly;
    DashboardView* m_dashboard;
    TransactionsView* m_transactions;
    AnomaliesView* m_anomalies;
    AccountsView* m_accounts;
    NewTransactionView* m_newTransaction;
    QLabel* m_fileLabel;
    QLabel* m_scheduleLabel;
    QProgressBar* m_progress;
};

} // namespace ledgerguard
