// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>

class QTableView;

namespace ledgerguard {

// How a table's columns share its width, so that nothing a reader needs is cut off at any window size.
//   keep:    money, times, risk and status: always as wide as their widest loaded text (and header); they never
//            elide.
//   stretch: the one column that takes the room left (a description), never narrower than stretchMinEm.
//   shrink:  names that may elide when room is short: as wide as their text while it fits, else they give up width
//            in proportion, down to shrinkMinEm each.
// Widths in em are multiples of the table's font height. Columns named nowhere keep their width. When even the
// minimums do not fit, the table scrolls horizontally (the stretch column at its minimum).
struct ColumnFit
{
    QList<int> keep;
    int stretch = -1;
    int stretchMinEm = 10;
    QList<int> shrink;
    int shrinkMinEm = 6;
};

// Applies `fit` to `table` now and again whenever its viewport is resized or its model is reset, gains rows or changes
// data (the measuring reads every loaded row's text in the kept columns, the first 100 in the shrinkable ones). The
// columns are interactive: a user may drag them; the next resize or reload fits them again. Returns the fitter (a child
// of the table).
QObject* fitColumns(QTableView* table, const ColumnFit& fit);

} // namespace ledgerguard
