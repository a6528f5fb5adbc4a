// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QTableWidget;
class QTextBrowser;

namespace ledgerguard {

// One keyboard shortcut as Help > Keyboard shortcuts lists it.
struct ShortcutEntry
{
    QString area; // the menu ("File", "Review", ...) or, for a QShortcut, its widget's area
    QString command; // the action's text without mnemonics and ellipsis
    QString keys; // every key sequence in the platform's notation, ", "-separated
};

// The shortcuts of `window`, read from the live objects so the list cannot drift from what the keys do: every
// action with a shortcut in the menu bar's menus (and their submenus), in menu order, then every QShortcut below
// `window` whose whatsThis describes it (its area is the QShortcut's "shortcutArea" property, else "Anywhere in the
// view").
QList<ShortcutEntry> collectShortcuts(const QWidget* window);

// Help > Keyboard shortcuts: collectShortcuts(window) in a three-column table (area, command, keys).
class KeyboardShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KeyboardShortcutsDialog(const QWidget* window, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table;
};

// Help > User guide: docs/USER-GUIDE.md (compiled in as the resource kUserGuideUrl, with its screenshots) rendered
// with QTextBrowser's Markdown support; links to other sites open in the desktop's browser.
class UserGuideDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr const char* kUserGuideUrl = "qrc:/ledgerguard/docs/USER-GUIDE.md";
    explicit UserGuideDialog(QWidget* parent = nullptr);
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
};

} // namespace ledgerguard
