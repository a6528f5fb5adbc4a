// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace ledgerguard {

// Paints a risk level ("HIGH", "MEDIUM", "LOW") or a health key ("AT_RISK", "WATCH", "HEALTHY") read from `role`
// as a flat badge: a colour-blind-safe fill (Okabe-Ito vermillion, orange, blue) always with its text label.
class RiskBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit RiskBadgeDelegate(int role, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QColor colorFor(const QString& key);
    static QString labelFor(const QString& key);

private:
    static constexpr int kMargin = 4;
    static QFont badgeFont(const QFont& base);
    int m_role;
};

} // namespace ledgerguard
