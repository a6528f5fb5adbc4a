// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TableSelection.h"

#include <QHash>
#include <QItemSelectionModel>
#include <QTableView>
#include <algorithm>

namespace ledgerguard {

TableSelection tableSelection(const QTableView* table, const RowId& idAt)
{
    TableSelection out;
    const QAbstractItemModel* model = table->model();
    QModelIndexList rows = table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : std::as_const(rows)) {
        if (index.row() < model->rowCount())
            out.ids.append(idAt(index.row()));
    }
    const QModelIndex current = table->selectionModel()->currentIndex();
    if (current.isValid() && current.row() < model->rowCount()) {
        out.currentRow = current.row();
        out.currentId = idAt(current.row());
    }
    return out;
}

bool restoreTableSelection(QTableView* table, const TableSelection& selection, const RowId& idAt)
{
    if (selection.ids.isEmpty() && selection.currentId.isEmpty())
        return false;
    const QAbstractItemModel* model = table->model();
    QHash<QString, int> rowOf;
    for (int r = 0; r < model->rowCount(); ++r)
        rowOf.insert(idAt(r), r);
    const int lastColumn = model->columnCount() - 1;
    QItemSelection kept;
    for (const QString& id : selection.ids) {
        if (const auto it = rowOf.constFind(id); it != rowOf.constEnd())
            kept.select(model->index(*it, 0), model->index(*it, lastColumn));
    }
    const int current = rowOf.value(selection.currentId, -1);
    if (kept.isEmpty() && current < 0)
        return false;
    QItemSelectionModel* selectionModel = table->selectionModel();
    if (kept.isEmpty())
        kept.select(model->index(current, 0), model->index(current, lastColumn));
    selectionModel->setCurrentIndex(current >= 0 ? model->index(current, 0) : QModelIndex(kept.first().topLeft()),
                                    QItemSelectionModel::NoUpdate);
    selectionModel->select(kept, QItemSelectionModel::ClearAndSelect);
    return true;
}

} // namespace ledgerguard
