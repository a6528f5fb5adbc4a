// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ledgerguard {

class Ledger;

// File > Import history…: every import batch (Ledger::importBatches, newest first) with its time, file, rows,
// imported rows and whether it was undone, and "Undo batch" for the selected one after a confirmation naming the
// file and the number of transactions (Ledger::undoImportBatch; its change signals refresh the views). Failures are
// shown in a message box.
class ImportHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportHistoryDialog(Ledger& ledger, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    QPushButton* undoButton() const { return m_undo; }
    // Re-reads the batches.
    void refresh();
    // Undoes the selected batch; `confirm` asks first. True when it was undone.
    bool undoSelected(bool confirm = true);

private:
    void updateButtons();

    Ledger& m_ledger;
    QTableWidget* m_table;
    QLabel* m_empty;
    QPushButton* m_undo;
};

} // namespace ledgerguard
