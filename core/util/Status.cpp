// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Status.h"

namespace ledgerguard {

QString Status::codeName(Code code)
{
    switch (code) {
    case Code::Ok:
        return QStringLiteral("Ok");
    case Code::InvalidArgument:
        return QStringLiteral("InvalidArgument");
    case Code::NotFound:
        return QStringLiteral("NotFound");
    case Code::Conflict:
        return QStringLiteral("Conflict");
    case Code::Busy:
        return QStringLiteral("Busy");
    case Code::Corruption:
        return QStringLiteral("Corruption");
    case Code::IoError:
        return QStringLiteral("IoError");
    case Code::Unsupported:
        return QStringLiteral("Unsupported");
    case Code::Internal:
        return QStringLiteral("Internal");
    case Code::ReadOnly:
        return QStringLiteral("ReadOnly");
    }
    return QStringLiteral("Unknown");
}

QString Status::toString() const
{
    if (isOk())
        return QStringLiteral("Ok");
    QString s = codeName(m_code) + QStringLiteral(": ");
    if (!m_field.isEmpty())
        s += m_field + QStringLiteral(": ");
    return s + m_message;
}

} // namespace ledgerguard
