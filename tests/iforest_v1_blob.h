// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test helper: turns a serialized Isolation Forest model (format version 2) into the version-1 form written
// before models carried their score calibration: the same bytes without the two calibration doubles at the end
// of the payload, version 1 in the header, the payload length and the FNV-1a 64 checksum redone.
#include <QByteArray>
#include <QtEndian>

namespace ledgerguard::test {

inline QByteArray toFormatVersion1(QByteArray bytes)
{
    constexpr qsizetype kChecksumBytes = 8, kCalibrationBytes = 16;
    bytes.chop(kChecksumBytes + kCalibrationBytes);
    qToLittleEndian<quint32>(1, bytes.data() + 8);
    const quint64 payload = qFromLittleEndian<quint64>(bytes.constData() + 16) - kCalibrationBytes;
    qToLittleEndian<quint64>(payload, bytes.data() + 16);
    quint64 h = 0xcbf29ce484222325ULL;
    for (char c : std::as_const(bytes)) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    char sum[kChecksumBytes];
    qToLittleEndian<quint64>(h, sum);
    bytes.append(sum, kChecksumBytes);
    return bytes;
}

} // namespace ledgerguard::test
