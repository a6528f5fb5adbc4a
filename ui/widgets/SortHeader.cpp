// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/SortHeader.h"

#include <QMouseEvent>
#include <QTableView>

namespace ledgerguard {

SortHeader::SortHeader(QWidget* parent)
    : QHeaderView(Qt::Horizontal, parent)
{ }

QStyleOptionHeader::SortIndicator SortHeader::arrow(int section) const
{
    QStyleOptionHeader option;
    initStyleOption(&option);
    initStyleOptionForIndex(&option, section);
    return option.sortIndicator;
}

void SortHeader::initStyleOptionForIndex(QStyleOptionHeader* option, int logicalIndex) const
{
    QHeaderView::initStyleOptionForIndex(option, logicalIndex);
    if (!isSortIndicatorShown() || sortIndicatorSection() != logicalIndex)
        option->sortIndicator = QStyleOptionHeader::None;
    else
        option->sortIndicator
            = sortIndicatorOrder() == Qt::AscendingOrder ? QStyleOptionHeader::SortUp : QStyleOptionHeader::SortDown;
}

void SortHeader::setSortableSections(const QList<int>& sections)
{
    m_sortable = sections;
}

void SortHeader::mouseReleaseEvent(QMouseEvent* event)
{
    const int section = logicalIndexAt(event->position().toPoint());
    if (m_sortable.isEmpty() || m_sortable.contains(section) || !sectionsClickable()) {
        QHeaderView::mouseReleaseEvent(event);
        return;
    }
    setSectionsClickable(false); // ends a press or a resize as usual, without a sort by this section
    QHeaderView::mouseReleaseEvent(event);
    setSectionsClickable(true);
}

SortHeader* SortHeader::install(QTableView* table)
{
    auto* header = new SortHeader(table);
    header->setSectionsClickable(true);
    header->setHighlightSections(true);
    table->setHorizontalHeader(header);
    return header;
}

SortHeader* SortHeader::installFixed(QTableView* table, int section, Qt::SortOrder order)
{
    SortHeader* header = install(table);
    header->setSectionsClickable(false);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(section, order);
    return header;
}

} // namespace ledgerguard
