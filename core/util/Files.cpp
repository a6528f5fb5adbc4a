// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Files.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace ledgerguard {

namespace {

constexpr QFileDevice::Permissions kOwnerFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

Status createPrivateFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerFile)) {
        if (QFileInfo::exists(path))
            return Status::conflict(QStringLiteral("%1 already exists").arg(path));
        return Status::ioError(QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
    }
    file.close();
    // The umask may have taken bits away; set exactly owner read and write.
    if (!file.setPermissions(kOwnerFile))
        return Status::ioError(QStringLiteral("cannot make %1 owner-only: %2").arg(path, file.errorString()));
    return Status::ok();
}

Status syncFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return Status::ioError(QStringLiteral("cannot open %1 to flush it: %2").arg(path, file.errorString()));
#ifdef Q_OS_UNIX
    if (::fsync(file.handle()) != 0)
        return Status::ioError(QStringLiteral("cannot flush %1 to disk").arg(path));
#endif
    return Status::ok();
}

Status syncDirectory(const QString& dir)
{
#ifdef Q_OS_UNIX
    const QByteArray name = QFile::encodeName(dir);
    const int fd = ::open(name.constData(), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return Status::ioError(QStringLiteral("cannot open directory %1 to flush it").arg(dir));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return Status::ioError(QStringLiteral("cannot flush directory %1 to disk").arg(dir));
#else
    Q_UNUSED(dir);
#endif
    return Status::ok();
}

} // namespace ledgerguard
