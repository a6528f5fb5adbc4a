// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QTableWidget;

namespace ledgerguard {

class Ledger;

// The main window: accounts with their balances and the latest transactions of the ledger.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Ledger& ledger, QWidget* parent = nullptr);

private:
    void onLedgerChanged();

    Ledger& m_ledger;
    QTableWidget* m_accounts;
    QTableWidget* m_transactions;
};

} // namespace ledgerguard
