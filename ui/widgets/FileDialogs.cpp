// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/FileDialogs.h"

#include <QCoreApplication>
#include <QMimeDatabase>

namespace ledgerguard {

namespace {

QMimeType mimeByName(const QFileInfo& info)
{
    return QMimeDatabase().mimeTypeForFile(info, QMimeDatabase::MatchExtension);
}

QString chosenFile(QFileDialog& dialog)
{
    NameOnlyIconProvider provider;
    dialog.setIconProvider(&provider);
    const QString file = dialog.exec() == QDialog::Accepted ? dialog.selectedFiles().value(0) : QString();
    dialog.setIconProvider(nullptr);
    return file;
}

} // namespace

QIcon NameOnlyIconProvider::icon(const QFileInfo& info) const
{
    if (info.isDir())
        return icon(QAbstractFileIconProvider::Folder);
    const QMimeType mime = mimeByName(info);
    const QIcon generic = icon(QAbstractFileIconProvider::File);
    return QIcon::fromTheme(mime.iconName(), QIcon::fromTheme(mime.genericIconName(), generic));
}

QString NameOnlyIconProvider::type(const QFileInfo& info) const
{
    if (info.isDir())
        return QFileIconProvider::type(info); // "Folder", without reading anything
    const QMimeType mime = mimeByName(info);
    return mime.isDefault() ? QCoreApplication::translate("QAbstractFileIconProvider", "File") : mime.comment();
}

QString openFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter)
{
    QFileDialog dialog(parent, caption, dir, filter);
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setFileMode(QFileDialog::ExistingFile);
    return chosenFile(dialog);
}

QString saveFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter,
                     QFileDialog::Options options)
{
    QFileDialog dialog(parent, caption, dir, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setOptions(options);
    return chosenFile(dialog);
}

} // namespace ledgerguard
