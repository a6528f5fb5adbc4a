// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/RiskBadgeDelegate.h"

#include <QPainter>

namespace ledgerguard {

RiskBadgeDelegate::RiskBadgeDelegate(int role, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
{ }

QColor RiskBadgeDelegate::colorFor(const QString& key)
{
    if (key == QLatin1String("HIGH") || key == QLatin1String("AT_RISK"))
        return QColor(0xD5, 0x5E, 0x00); // vermillion
    if (key == QLatin1String("MEDIUM") || key == QLatin1String("WATCH"))
        return QColor(0xE6, 0x9F, 0x00); // orange
    if (key == QLatin1String("LOW") || key == QLatin1String("HEALTHY"))
        return QColor(0x00, 0x72, 0xB2); // blue
    return {};
}

QString RiskBadgeDelegate::labelFor(const QString& key)
{
    if (key == QLatin1String("AT_RISK"))
        return tr("AT RISK");
    return key;
}

void RiskBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyledItemDelegate::paint(painter, opt, QModelIndex()); // selection background only
    const QString key = index.data(m_role).toString();
    const QColor fill = colorFor(key);
    if (!fill.isValid())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = option.font;
    font.setBold(true);
    painter->setFont(font);
    const QString label = labelFor(key);
    const QFontMetrics fm(font);
    const int w = fm.horizontalAdvance(label) + fm.height();
    const int h = fm.height() + 2;
    const QRect badge(option.rect.left() + 4, option.rect.center().y() - h / 2, w, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
    painter->setPen(key == QLatin1String("MEDIUM") || key == QLatin1String("WATCH") ? Qt::black : Qt::white);
    painter->drawText(badge, Qt::AlignCenter, label);
    painter->restore();
}

QSize RiskBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(option.font);
    return {qMax(s.width(), fm.horizontalAdvance(QStringLiteral("AT RISK")) + fm.height() + 16),
            qMax(s.height(), fm.height() + 8)};
}

} // namespace ledgerguard
