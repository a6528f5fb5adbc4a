// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// readWholeFile: the bytes of the file at `path`. Errors: IoError naming the path and the reason.

#include "util/Status.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace ledgerguard::detail {

inline Result<QByteArray> readWholeFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Status::ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return bytes;
}

} // namespace ledgerguard::detail
