// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace ledgerguard {

// A new UUID (RFC 9562 version 7) as lower-case text with dashes: the first 48 bits are `unixMs`, so ids created
// later sort later (which keeps the primary-key index append-only), followed by a per-process counter and random
// bits. Unique across threads and processes. Thread-safe.
QString newUuidV7(qint64 unixMs);

// True for text in the 8-4-4-4-12 hexadecimal UUID form (any version).
bool isUuid(const QString& text);

} // namespace ledgerguard
