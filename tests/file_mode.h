// SPDX-License-Identifier: GPL-3.0-or-later
// For the tests of file modes: the permission bits of a file (Unix).
#pragma once

#include <QFile>
#include <QString>

#ifdef Q_OS_UNIX
#include <sys/stat.h>

// The permission bits of `path` (07777 mask), or -1 when it does not exist.
inline int fileMode(const QString& path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}
#endif
