// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ImportHistoryDialog.h"

#include "LedgerTime.h"
#include "ledger/Ledger.h"
#include "util/Plural.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ledgerguard {

ImportHistoryDialog::ImportHistoryDialog(Ledger& ledger, QWidget* parent)
    : QDialog(parent)
    , m_ledger(ledger)
    , m_table(new QTableWidget(this))
    , m_empty(new QLabel(tr("No statement has been imported into this ledger yet."), this))
    , m_undo(new QPushButton(tr("Undo batch…"), this))
{
    setWindowTitle(tr("Import history"));
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Imported at"), tr("File"), tr("Format"), tr("Rows"), tr("Imported"), tr("Undone at")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_undo, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_undo, &QPushButton::clicked, this, [this] { undoSelected(true); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ImportHistoryDialog::updateButtons);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, 420);
    refresh();
}

void ImportHistoryDialog::refresh()
{
    auto batches = m_ledger.importBatches();
    if (!batches) {
        QMessageBox::warning(this, tr("Import history"),
                             tr("Could not read the import batches: %1").arg(batches.status().message()));
        return;
    }
    m_table->setRowCount(0);
    m_table->setRowCount(batches->size());
    const QLocale locale;
    for (int r = 0; r < batches->size(); ++r) {
        const ImportBatchRecord& b = batches->at(r);
        const QStringList cells {shortLocalTime(locale, b.createdAt),
                                 b.fileName,
                                 b.format.toUpper(),
                                 locale.toString(b.rows),
                                 locale.toString(b.imported),
                                 b.undoneAt ? shortLocalTime(locale, *b.undoneAt) : QString()};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 3 || c == 4)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 0) {
                item->setData(Qt::UserRole, b.id);
                item->setData(Qt::UserRole + 1, b.undoneAt.has_value());
                item->setData(Qt::UserRole + 2, b.imported);
            }
            item->setToolTip(tr("Batch %1").arg(b.id));
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_empty->setVisible(batches->isEmpty());
    updateButtons();
}

void ImportHistoryDialog::updateButtons()
{
    const int row = m_table->currentRow();
    const QTableWidgetItem* item
        = row >= 0 && m_table->selectionModel()->hasSelection() ? m_table->item(row, 0) : nullptr;
    m_undo->setEnabled(item && !item->data(Qt::UserRole + 1).toBool());
}

bool ImportHistoryDialog::undoSelected(bool confirm)
{
    const int row = m_table->currentRow();
    const QTableWidgetItem* item = row >= 0 ? m_table->item(row, 0) : nullptr;
    if (!item || item->data(Qt::UserRole + 1).toBool())
        return false;
    const QString id = item->data(Qt::UserRole).toString();
    const QString file = m_table->item(row, 1)->text();
    const qint64 count = item->data(Qt::UserRole + 2).toLongLong();
    if (confirm
        && QMessageBox::question(this, tr("Undo import"),
                                 tr("Remove the %1 imported from “%2”, with their anomalies? The balances are "
                                    "recomputed.")
                                     .arg(plural(count, tr("%n transaction"), tr("%n transactions")), file),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return false;
    auto undone = m_ledger.undoImportBatch(id);
    if (!undone) {
        QMessageBox::warning(this, tr("Undo import"),
                             tr("The import of “%1” was not undone: %2").arg(file, undone.status().message()));
        return false;
    }
    refresh();
    return true;
}

} // namespace ledgerguard
