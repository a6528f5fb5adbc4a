// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
// account's name and type can be edited, and its balance over time is charted.
class AccountsView : public QWidget
{
    Q_OBJECT
public:
    explicit AccountsView(Ledger& ledger, QWidget* parent = nullptr);
    AccountTableModel* model() const { return m_model; }
    QChartView* chart() const { return m_chart; }
    void selectAccount(qint64 accountId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onSelectionChanged();
    void saveEdit();

    Ledger& m_ledger;
    AccountTableModel* m_model;
    QTableView* m_table;
    QLineEdit* m_name;
    QComboBox* m_type;
    QPushButton* m_save;
    QLabel* m_message;
    QChartView* m_chart;
    qint64 m_selected = 0;
};

} // namespace ledgerguard
