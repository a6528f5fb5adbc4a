// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ColumnFit.h"

#include <QAbstractItemDelegate>
#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QSet>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTimer>
#include <limits>

namespace ledgerguard {

namespace {

class ColumnFitter : public QObject
{
public:
    ColumnFitter(QTableView* table, const ColumnFit& fit)
        : QObject(table)
        , m_table(table)
        , m_fit(fit)
    {
        m_delay.setSingleShot(true);
        m_delay.setInterval(0);
        connect(&m_delay, &QTimer::timeout, this, [this] { apply(); });
        table->viewport()->installEventFilter(this);
        QHeaderView* header = table->horizontalHeader();
        header->setStretchLastSection(false);
        header->setSectionResizeMode(QHeaderView::Interactive);
        header->setTextElideMode(Qt::ElideRight); // a narrowed name column's label elides like its cells
        QAbstractItemModel* model = table->model();
        connect(model, &QAbstractItemModel::modelReset, &m_delay, qOverload<>(&QTimer::start));
        connect(model, &QAbstractItemModel::rowsInserted, &m_delay, qOverload<>(&QTimer::start));
        connect(model, &QAbstractItemModel::dataChanged, &m_delay, qOverload<>(&QTimer::start)); // live balances
        apply();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Resize && watched == m_table->viewport())
            m_delay.start();
        return QObject::eventFilter(watched, event);
    }

private:
    // Rows a shrinkable column's natural width is read from (its texts may elide, so a sample is enough).
    static constexpr int kShrinkSampleRows = 100;

    int contentWidth(int column, int rowLimit = std::numeric_limits<int>::max()) const
    {
        // The widest text of the loaded rows (the first rowLimit), or the header's own label and arrow. Measured
        // text by text with the font, then the delegate's size hint, which adds what the style draws around the
        // text, for the widest one; a column with its own delegate (a badge) asks it once per distinct text.
        const QAbstractItemModel* model = m_table->model();
        const QFontMetrics metrics = m_table->fontMetrics();
        QAbstractItemDelegate* own = m_table->itemDelegateForColumn(column);
        QStyleOptionViewItem option;
        option.initFrom(m_table);
        option.widget = m_table;
        option.font = m_table->font();
        const int grid = m_table->showGrid() ? 1 : 0; // the cell's text rectangle leaves out the grid line
        QSet<QString> seen;
        int widest = m_table->horizontalHeader()->sectionSizeHint(column);
        int widestRow = -1, widestAdvance = -1;
        for (int row = 0; row < qMin(rowLimit, model->rowCount()); ++row) {
            const QModelIndex index = model->index(row, column);
            const QString text = index.data(Qt::DisplayRole).toString();
            if (own) {
                if (!seen.contains(text)) {
                    seen.insert(text);
                    widest = qMax(widest, own->sizeHint(option, index).width() + grid);
                }
                continue;
            }
            const QVariant font = index.data(Qt::FontRole);
            const int advance = font.isValid() ? QFontMetrics(font.value<QFont>()).horizontalAdvance(text)
                                               : metrics.horizontalAdvance(text);
            if (advance > widestAdvance) {
                widestAdvance = advance;
                widestRow = row;
            }
        }
        if (widestRow >= 0) {
            const QModelIndex index = model->index(widestRow, column);
            widest = qMax(widest, m_table->itemDelegateForIndex(index)->sizeHint(option, index).width() + grid);
        }
        return widest;
    }

    void apply()
    {
        QAbstractItemModel* model = m_table->model();
        if (!model)
            return;
        const int em = m_table->fontMetrics().height();
        const int available = m_table->viewport()->width();
        int used = 0;
        for (int c = 0; c < model->columnCount(); ++c) {
            if (m_table->isColumnHidden(c))
                continue;
            if (m_fit.keep.contains(c)) {
                const int w = contentWidth(c);
                m_table->setColumnWidth(c, w);
                used += w;
            } else if (c != m_fit.stretch && !m_fit.shrink.contains(c)) {
                used += m_table->columnWidth(c);
            }
        }
        QList<int> wants, mins;
        int wanted = 0, slack = 0;
        for (int c : std::as_const(m_fit.shrink)) {
            const int w = contentWidth(c, kShrinkSampleRows);
            const int min = qMin(w, m_fit.shrinkMinEm * em);
            wants << w;
            mins << min;
            wanted += w;
            slack += w - min;
        }
        const int stretchMin = m_fit.stretch >= 0 ? m_fit.stretchMinEm * em : 0;
        const int deficit = qMax(0, used + wanted + stretchMin - available);
        // Each shrinkable column gives up width in proportion to what it can give; the rounding remainder goes to
        // the first that can still give, so the columns end exactly at the viewport's edge.
        const int toGive = qMin(deficit, slack);
        QList<int> widths;
        int given = 0;
        for (int i = 0; i < m_fit.shrink.size(); ++i) {
            const int give = slack > 0 ? int(qint64(toGive) * (wants[i] - mins[i]) / slack) : 0;
            widths << wants[i] - give;
            given += give;
        }
        for (int i = 0; i < widths.size() && given < toGive; ++i) {
            const int more = qMin(toGive - given, widths[i] - mins[i]);
            widths[i] -= more;
            given += more;
        }
        int shrinkTotal = 0;
        for (int i = 0; i < widths.size(); ++i) {
            m_table->setColumnWidth(m_fit.shrink[i], widths[i]);
            shrinkTotal += widths[i];
        }
        if (m_fit.stretch >= 0)
            m_table->setColumnWidth(m_fit.stretch, qMax(stretchMin, available - used - shrinkTotal));
    }

    QTableView* m_table;
    ColumnFit m_fit;
    QTimer m_delay;
};

} // namespace

QObject* fitColumns(QTableView* table, const ColumnFit& fit)
{
    return new ColumnFitter(table, fit);
}

} // namespace ledgerguard
