// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/RiskBadgeDelegate.h"

#include "Theme.h"

#include <QApplication>
#include <QPainter>

namespace ledgerguard {

RiskBadgeDelegate::RiskBadgeDelegate(int role, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
{ }

QColor RiskBadgeDelegate::colorFor(const QString& key)
{
    return theme::riskFill(key);
}

QString RiskBadgeDelegate::labelFor(const QString& key)
{
    if (key == QLatin1String("AT_RISK"))
        return tr("AT RISK");
    return key;
}

void RiskBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // Background and selection only: the item's own text would show behind the badge.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.features &= ~QStyleOptionViewItem::HasDisplay;
    opt.icon = QIcon();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QString key = index.data(m_role).toString();
    const QColor fill = colorFor(key);
    if (!fill.isValid())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = badgeFont(option.font);
    painter->setFont(font);
    const QString label = labelFor(key);
    const QFontMetrics fm(font);
    const int h = fm.height() + 2;
    const int w = qMin(fm.horizontalAdvance(label) + fm.height(), option.rect.width() - 2 * kMargin);
    const QRect badge(option.rect.left() + kMargin, option.rect.center().y() - h / 2 + 1, w, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
    painter->setPen(theme::riskText(key));
    painter->drawText(badge, Qt::AlignCenter, label);
    painter->restore();
}

QSize RiskBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QSize s = QStyledItemDelegate::sizeHint(option, index);
    // Wide enough for the widest label of any level, so that every badge in a column has room.
    const QFontMetrics fm(badgeFont(option.font));
    int widest = 0;
    for (const char* key : {"HIGH", "MEDIUM", "LOW", "AT_RISK", "WATCH", "HEALTHY"})
        widest = qMax(widest, fm.horizontalAdvance(labelFor(QLatin1String(key))));
    return {qMax(s.width(), widest + fm.height() + 2 * kMargin + 2), qMax(s.height(), fm.height() + 8)};
}

QFont RiskBadgeDelegate::badgeFont(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

} // namespace ledgerguard
