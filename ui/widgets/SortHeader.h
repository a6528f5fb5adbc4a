// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHeaderView>
#include <QStyleOptionHeader>

class QTableView;

namespace ledgerguard {

// A horizontal table header whose sort arrow follows the usual convention: an up arrow for ascending order
// (smallest or oldest first), a down arrow for descending order (largest or newest first). QHeaderView on its
// own asks the style for the opposite arrow (SortDown for Qt::AscendingOrder).
class SortHeader : public QHeaderView
{
    Q_OBJECT
public:
    explicit SortHeader(QWidget* parent = nullptr);

    // The arrow the header asks the style to draw in `section`: SortUp, SortDown or None.
    QStyleOptionHeader::SortIndicator arrow(int section) const;

    // The sections a click sorts by (empty, the default: every section); a click on another one changes nothing.
    void setSortableSections(const QList<int>& sections);

    // Gives `table` a SortHeader, clickable; call before setting resize modes (they belong to the header).
    static SortHeader* install(QTableView* table);
    // For a table in a fixed order (not sortable by the user): shows that order's arrow in `section`.
    static SortHeader* installFixed(QTableView* table, int section, Qt::SortOrder order);

protected:
    void initStyleOptionForIndex(QStyleOptionHeader* option, int logicalIndex) const override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QList<int> m_sortable;
};

} // namespace ledgerguard
