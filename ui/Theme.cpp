// SPDX-License-Identifier: GPL-3.0-or-later
#include "Theme.h"

#include <QApplication>
#include <QFile>
#include <QFont>

namespace ledgerguard::theme {

namespace {

bool isHigh(const QString& key)
{
    return key == QLatin1String("HIGH") || key == QLatin1String("AT_RISK");
}

bool isMedium(const QString& key)
{
    return key == QLatin1String("MEDIUM") || key == QLatin1String("WATCH");
}

bool isLow(const QString& key)
{
    return key == QLatin1String("LOW") || key == QLatin1String("HEALTHY");
}

} // namespace

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor riskFill(const QString& key)
{
    if (isHigh(key))
        return QColor(0xD5, 0x5E, 0x00); // Okabe-Ito vermillion
    if (isMedium(key))
        return QColor(0xE6, 0x9F, 0x00); // Okabe-Ito orange
    if (isLow(key))
        return QColor(0x00, 0x72, 0xB2); // Okabe-Ito blue
    return {};
}

QColor riskText(const QString& key)
{
    // Contrast: black on vermillion 5.4:1 (white only 3.9:1), black on orange 9.6:1, white on blue 5.1:1.
    return isLow(key) ? QColor(Qt::white) : QColor(Qt::black);
}

QColor riskOnBase(const QString& key, const QPalette& palette)
{
    const bool dark = isDark(palette);
    if (isHigh(key))
        return dark ? QColor(0xFF, 0x7A, 0x45) : QColor(0xB3, 0x47, 0x00); // vermillion: 6.4:1 / 5.5:1
    if (isMedium(key))
        return dark ? QColor(0xE6, 0x9F, 0x00) : QColor(0x94, 0x68, 0x00);
    if (isLow(key))
        return dark ? QColor(0x56, 0xB4, 0xE9) : QColor(0x00, 0x72, 0xB2);
    return palette.color(QPalette::Text);
}

QColor negative(const QPalette& palette)
{
    // Red, the accounting convention for debits: 6.5:1 on white, 7:1 on a dark base (#161719).
    return isDark(palette) ? QColor(0xFF, 0x7B, 0x72) : QColor(0xB3, 0x26, 0x1E);
}

namespace {

// A font size `factor` times the application font's, in the unit that font uses.
QString scaledFontSize(double factor)
{
    const QFont font = QApplication::font();
    if (font.pointSizeF() > 0)
        return QStringLiteral("%1pt").arg(font.pointSizeF() * factor, 0, 'f', 1);
    return QStringLiteral("%1px").arg(qRound(font.pixelSize() * factor));
}

} // namespace

QString styleSheet(const QPalette& palette)
{
    QFile file(QStringLiteral(":/style/ledgerguard.qss"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString qss = QString::fromUtf8(file.readAll());
    qss.replace(QLatin1String("@negative@"), negative(palette).name());
    qss.replace(QLatin1String("@high@"), riskOnBase(QStringLiteral("HIGH"), palette).name());
    qss.replace(QLatin1String("@medium@"), riskOnBase(QStringLiteral("MEDIUM"), palette).name());
    // Titles and key figures scale with the system font, never a fixed size.
    qss.replace(QLatin1String("@title-size@"), scaledFontSize(1.6));
    qss.replace(QLatin1String("@kpi-size@"), scaledFontSize(2.0));
    // The alert banner: white on a deep vermillion (6.5:1) in both palettes.
    qss.replace(QLatin1String("@alert@"), QColor(0xA6, 0x3A, 0x00).name());
    return qss;
}

void apply(QApplication& app)
{
    app.setStyleSheet(styleSheet(QApplication::palette()));
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x20, 0x22, 0x25), base(0x16, 0x17, 0x19), text(0xF0, 0xF0, 0xF0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x24, 0x26, 0x2A));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2C, 0x2E, 0x33));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x3D, 0x8E, 0xE0));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Light, QColor(0x50, 0x53, 0x58));
    p.setColor(QPalette::Midlight, QColor(0x3A, 0x3D, 0x42));
    p.setColor(QPalette::Mid, QColor(0x8A, 0x8D, 0x93));
    p.setColor(QPalette::Dark, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xA8, 0xAB, 0xB0));
    p.setColor(QPalette::Link, QColor(0x56, 0xB4, 0xE9));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace ledgerguard::theme
