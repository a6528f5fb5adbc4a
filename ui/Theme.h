// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QApplication;

namespace ledgerguard::theme {

// The desktop's colours. Risk fills are Okabe-Ito (colour-blind safe) and are always drawn with a text label; text
// colours are derived from the palette so that they keep at least 4.5:1 contrast on the light and the dark system
// palettes alike. Call from the GUI thread.

// True when the palette's window colour is dark (a dark system theme).
bool isDark(const QPalette& palette);
// Badge / bar fill for a risk level or health key ("HIGH"/"AT_RISK", "MEDIUM"/"WATCH", "LOW"/"HEALTHY"); invalid for
// anything else.
QColor riskFill(const QString& key);
// Text drawn on riskFill(key): black on vermillion and orange, white on blue (each at least 4.5:1).
QColor riskText(const QString& key);
// Text colour for a risk level on the palette's base colour (KPI figures): vermillion / amber, darker on light
// palettes, lighter on dark ones.
QColor riskOnBase(const QString& key, const QPalette& palette);
// Text colour for negative amounts (debits) on the palette's base colour.
QColor negative(const QPalette& palette);
// The application style sheet (resources/style/ledgerguard.qss) with its @tokens@ replaced by colours for
// `palette`. Empty if the resource is missing.
QString styleSheet(const QPalette& palette);
// Sets the style sheet for the application's current palette.
void apply(QApplication& app);
// A dark palette (for rendering dark screenshots and tests of the dark look).
QPalette darkPalette();

} // namespace ledgerguard::theme
