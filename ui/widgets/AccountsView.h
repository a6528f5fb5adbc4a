// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QFutureWatcher>
#include <QWidget>

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace ledgerguard {

class Ledger;
class AccountTableModel;

// Accounts with balance, type, currency, last activity, stale flag, health and open anomaly counts; the selected
// account's name and type can be edited, and its balance over time is charted. "New account…" opens
// NewAccountDialog; "Close account" closes the selected account (Ledger::closeAccount: only at a zero balance, the
// core's reason shown otherwise) and, for a closed account, "Reopen account" reopens it.
class AccountsView : public QWidget
{
    Q_OBJECT
public:
    explicit AccountsView(Ledger& ledger, QWidget* parent = nullptr);
    ~AccountsView() override;
    AccountTableModel* model() const { return m_model; }
    QChartView* chart() const { return m_chart; }
    void selectAccount(qint64 accountId);
    // True while the selected account's balance chart is being read (chartShown() follows).
    bool isChartLoading() const;
    QPushButton* newAccountButton() const { return m_new; }
    // "Close account" or, for a closed account, "Reopen account".
    QPushButton* closeButton() const { return m_close; }
    // The message beside the edit row ("Saved.", "Account closed.", or the core's error).
    QString message() const;

public Q_SLOTS:
    // Opens NewAccountDialog (modal while open); the new account is selected once it is listed.
    void newAccount();
    // Closes the selected account, or reopens it when it is closed.
    void closeOrReopen();

Q_SIGNALS:
    // The balance chart now shows this account.
    void chartShown(qint64 accountId);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    struct ChartData
    {
        qint64 accountId = 0;
        qint64 changeSeq = 0; // the account's Account::changeSeq when read
        qint64 endMs = 0; // the 90 days end here
        QList<BalancePoint> points;
        Status status;
    };
    void onSelectionChanged();
    void loadChart();
    void showChart(const ChartData& data);
    void saveEdit();
    void showResult(const QString& text, bool error);
    // The close button's text and state for the selected account.
    void updateCloseButton();

    Ledger& m_ledger;
    AccountTableModel* m_model;
    QTableView* m_table;
    QLineEdit* m_name;
    QComboBox* m_type;
    QPushButton* m_save;
    QPushButton* m_new;
    QPushButton* m_close;
    qint64 m_selectAfterReset = 0; // an account created here, selected when the list shows it
    QLabel* m_message;
    QChartView* m_chart;
    qint64 m_selected = 0;
    QFutureWatcher<ChartData>* m_chartWatcher;
    ChartData m_chartData; // what the chart shows
    bool m_chartStale = false; // reload when shown
    bool m_chartAgain = false; // the selection changed while a query ran
    bool m_chartDelivering = false; // a query's result is not shown yet
};

} // namespace ledgerguard
