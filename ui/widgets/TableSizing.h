// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QTableView>
#include <memory>

namespace ledgerguard {

// Sizes the table's columns to their contents once, as soon as its model has rows (now, or at the first reset or
// insert that brings some). QHeaderView::ResizeToContents would measure every loaded row again on the GUI thread
// after each change, which a live reload of up to 1,000 rows makes noticeable.
inline void resizeColumnsOnceFilled(QTableView* table)
{
    auto connections = std::make_shared<QList<QMetaObject::Connection>>();
    auto resize = [table, connections] {
        if (table->model()->rowCount() == 0)
            return;
        table->resizeColumnsToContents();
        for (const QMetaObject::Connection& c : std::as_const(*connections))
            QObject::disconnect(c);
    };
    QAbstractItemModel* model = table->model();
    connections->append(QObject::connect(model, &QAbstractItemModel::modelReset, table, resize));
    connections->append(QObject::connect(model, &QAbstractItemModel::rowsInserted, table, resize));
    resize();
}

} // namespace ledgerguard
