// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFileDialog>
#include <QFileIconProvider>

namespace ledgerguard {

// Icons and type names of the files a file dialog lists, told by their names alone. Qt's own provider tells a file's
// type from its first bytes: it opens and closes each file listed, and closing any descriptor of a file drops every
// POSIX lock this process holds on it - SQLite's locks on the open ledger when the dialog lists its folder, after
// which another process (the command line's check or backup) deletes the ledger's WAL under it and the ledger is
// corrupted.
class NameOnlyIconProvider : public QFileIconProvider
{
public:
    QIcon icon(const QFileInfo& info) const override;
    QString type(const QFileInfo& info) const override;
    using QFileIconProvider::icon;
};

// QFileDialog::getOpenFileName and getSaveFileName with NameOnlyIconProvider (a native dialog, where the platform has
// one, lists the files itself).
QString openFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter);
QString saveFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter,
                     QFileDialog::Options options = {});

} // namespace ledgerguard
