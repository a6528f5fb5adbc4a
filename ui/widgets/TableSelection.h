// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <functional>

class QTableView;

namespace ledgerguard {

// A table's selected rows and current row, by the id of each row (a transaction's or an anomaly's), so that a
// multi-selection survives a model reset (a live reload).
struct TableSelection
{
    QStringList ids; // the selected rows' ids, in row order
    QString currentId; // empty when there is no current row
    int currentRow = -1;
};

// The id of the row `row` of the table's model.
using RowId = std::function<QString(int row)>;

TableSelection tableSelection(const QTableView* table, const RowId& idAt);
// Selects the rows whose ids are in `selection` (rows of the model now) and makes the kept current row current
// again (without changing the selection). Returns false when none of the ids is among the rows.
bool restoreTableSelection(QTableView* table, const TableSelection& selection, const RowId& idAt);

} // namespace ledgerguard
