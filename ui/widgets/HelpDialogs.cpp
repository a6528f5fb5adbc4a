// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/HelpDialogs.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ledgerguard {

namespace {

// "&Import statement…" -> "Import statement"; "&&" stays one "&".
QString plainText(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    else if (text.endsWith(QLatin1String("...")))
        text.chop(3);
    return text.trimmed();
}

QString keysText(const QList<QKeySequence>& keys)
{
    QStringList out;
    for (const QKeySequence& k : keys) {
        if (!k.isEmpty())
            out.append(k.toString(QKeySequence::NativeText));
    }
    return out.join(QStringLiteral(", "));
}

void collectMenu(const QMenu* menu, const QString& area, QList<ShortcutEntry>* out)
{
    for (const QAction* a : menu->actions()) {
        if (a->menu()) {
            collectMenu(a->menu(), area, out);
            continue;
        }
        if (a->isSeparator() || a->shortcuts().isEmpty())
            continue;
        out->append({area, plainText(a->text()), keysText(a->shortcuts())});
    }
}

// `content` above a Close button.
void layOut(QDialog* dialog, QWidget* content)
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(content);
    layout->addWidget(buttons);
}

} // namespace

QList<ShortcutEntry> collectShortcuts(const QWidget* window)
{
    QList<ShortcutEntry> out;
    const auto* main = qobject_cast<const QMainWindow*>(window);
    if (main && main->menuWidget()) {
        if (const auto* bar = qobject_cast<const QMenuBar*>(main->menuWidget())) {
            for (const QAction* a : bar->actions()) {
                if (a->menu())
                    collectMenu(a->menu(), plainText(a->text()), &out);
            }
        }
    }
    for (const QShortcut* s : window->findChildren<QShortcut*>()) {
        if (s->whatsThis().isEmpty() || s->key().isEmpty())
            continue;
        const QString named = s->property("shortcutArea").toString();
        const QString area = named.isEmpty() ? KeyboardShortcutsDialog::tr("Anywhere in the view") : named;
        out.append({area, s->whatsThis(), keysText(s->keys())});
    }
    return out;
}

KeyboardShortcutsDialog::KeyboardShortcutsDialog(const QWidget* window, QWidget* parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("KeyboardShortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    const QList<ShortcutEntry> entries = collectShortcuts(window);
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Where"), tr("Command"), tr("Keys")});
    m_table->setRowCount(int(entries.size()));
    for (int r = 0; r < entries.size(); ++r) {
        const ShortcutEntry& e = entries[r];
        const QStringList cells {e.area, e.command, e.keys};
        for (int c = 0; c < 3; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_table->setItem(r, c, item);
        }
    }
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    layOut(this, m_table);
    resize(640, 560);
}

UserGuideDialog::UserGuideDialog(QWidget* parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("UserGuideDialog"));
    setWindowTitle(tr("LedgerGuard user guide"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(QUrl(QString::fromLatin1(kUserGuideUrl)), QTextDocument::MarkdownResource);
    layOut(this, m_browser);
    resize(900, 720);
}

} // namespace ledgerguard
