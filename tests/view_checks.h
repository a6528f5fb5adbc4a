// SPDX-License-Identifier: GPL-3.0-or-later
// Checks of what a table shows, shared by the desktop's view tests: which way a header's sort arrow is drawn, and
// whether a column's texts fit it.
#pragma once

#include <QAbstractItemModel>
#include <QFontMetrics>
#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QSignalBlocker>
#include <QStyleOptionViewItem>
#include <QTableView>

namespace ledgerguard::uitest {

// Which way the sort arrow drawn in the header's `section` points, as the style paints it: 1 up, -1 down, 0 none.
// Found by rendering the header as it is and with the opposite order.
inline int drawnSortArrow(QHeaderView* header, int section)
{
    if (!header->isSortIndicatorShown() || header->sortIndicatorSection() != section)
        return 0;
    const QRect rect(header->sectionViewportPosition(section), 0, header->sectionSize(section), header->height());
    auto render = [&] {
        QImage image(header->size(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        header->render(&image);
        return image.copy(rect);
    };
    const QImage arrow = render();
    const Qt::SortOrder order = header->sortIndicatorOrder();
    {
        const QSignalBlocker quiet(header); // no sort: only the arrow is drawn the other way
        header->setSortIndicator(section, order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
    const QImage opposite = render();
    {
        const QSignalBlocker quiet(header);
        header->setSortIndicator(section, order);
    }
    // The pixels only this arrow inks and those only the opposite one inks: a triangle pointing down has its
    // own ink at the top, where the opposite one is narrow.
    qint64 ownY = 0, own = 0, otherY = 0, other = 0;
    for (int y = 0; y < arrow.height(); ++y) {
        for (int x = 0; x < arrow.width(); ++x) {
            const int a = qGray(arrow.pixel(x, y)), b = qGray(opposite.pixel(x, y));
            if (a + 16 < b) {
                ownY += y;
                ++own;
            } else if (b + 16 < a) {
                otherY += y;
                ++other;
            }
        }
    }
    if (own == 0 || other == 0)
        return 0;
    const qint64 ownCentre = ownY * other, otherCentre = otherY * own; // compared without dividing
    return ownCentre > otherCentre ? 1 : (ownCentre < otherCentre ? -1 : 0);
}

// The text of the table's column `column` at `row` when it does not fit the column, or an empty string when it fits:
// the font's advance plus the item margins, and the cell's delegate's size hint (what the style draws around the
// text), each with the grid line, are within the column's width.
inline QString cutOffText(const QTableView* table, int row, int column)
{
    const QModelIndex index = table->model()->index(row, column);
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty())
        return {};
    const int margin = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
    const QVariant font = index.data(Qt::FontRole);
    const QFontMetrics metrics = font.isValid() ? QFontMetrics(font.value<QFont>()) : table->fontMetrics();
    QStyleOptionViewItem option;
    option.initFrom(table);
    option.widget = table;
    option.font = table->font();
    const int grid = table->showGrid() ? 1 : 0; // the grid line is drawn inside the column
    const int needed = qMax(metrics.horizontalAdvance(text) + margin,
                            table->itemDelegateForIndex(index)->sizeHint(option, index).width())
        + grid;
    return needed > table->columnWidth(column)
        ? QStringLiteral("%1 (%2 px in %3 px)").arg(text).arg(needed).arg(table->columnWidth(column))
        : QString();
}

} // namespace ledgerguard::uitest
