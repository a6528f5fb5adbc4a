// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;

namespace ledgerguard {

class Ledger;
class TransactionTableModel;

// Transactions with filters (account, period presets or a custom range, text, category, risk), lazily paged from
// SQL, and export of the filtered rows to CSV.
class TransactionsView : public QWidget
{
    Q_OBJECT
public:
    explicit TransactionsView(Ledger& ledger, QWidget* parent = nullptr);

    TransactionTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* searchField() const { return m_text; }
    // Writes every row matching the current filter to `path` (streamed page by page). Errors: IoError.
    bool exportCsv(const QString& path, QString* error);
    void focusFilter();
    void showAccount(qint64 accountId);

private:
    void applyFilter();
    void refreshAccounts();
    void updateSummary();

    Ledger& m_ledger;
    TransactionTableModel* m_model;
    QTableView* m_table;
    QComboBox* m_account;
    QComboBox* m_period;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QLineEdit* m_text;
    QComboBox* m_category;
    QComboBox* m_risk;
    QLabel* m_summary;
};

} // namespace ledgerguard
