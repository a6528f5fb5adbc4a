// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Ids.h"

#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace ledgerguard {

QString newUuidV7(qint64 unixMs)
{
    // Monotonic within the process: if the clock stands still or goes back, keep the last millisecond and count
    // up in the 12-bit rand_a field; carry into the millisecond when it overflows.
    static QMutex mutex;
    static quint64 lastMs = 0;
    static quint32 counter = 0;
    quint64 ms = quint64(qMax<qint64>(unixMs, 0)) & 0xFFFFFFFFFFFFULL;
    quint32 seq;
    {
        QMutexLocker lock(&mutex);
        if (ms > lastMs) {
            lastMs = ms;
            counter = QRandomGenerator::global()->bounded(0x400u); // leave room to count up
        } else {
            if (++counter > 0xFFF) {
                ++lastMs;
                counter = 0;
            }
            ms = lastMs;
        }
        seq = counter;
    }
    const quint64 randB = QRandomGenerator::global()->generate64();
    const quint64 hi = (ms << 16) | (0x7ULL << 12) | seq;
    const quint64 lo = (0x2ULL << 62) | (randB & 0x3FFFFFFFFFFFFFFFULL);
    char buf[37];
    static const char* hex = "0123456789abcdef";
    int p = 0;
    for (int i = 15; i >= 0; --i) {
        buf[p++] = hex[(hi >> (i * 4)) & 0xF];
        if (p == 8 || p == 13)
            buf[p++] = '-';
    }
    buf[p++] = '-';
    for (int i = 15; i >= 0; --i) {
        buf[p++] = hex[(lo >> (i * 4)) & 0xF];
        if (p == 23)
            buf[p++] = '-';
    }
    buf[36] = '\0';
    return QString::fromLatin1(buf, 36);
}

bool isUuid(const QString& text)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return re.match(text).hasMatch();
}

} // namespace ledgerguard
