// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Compact JSON text written straight into a byte buffer: the escaping of strings (shared with core/api's JsonWriter)
// and a writer for QJsonValue trees that reads back to the same values as QJsonDocument::toJson(Compact), without
// its reallocation per token (the detection run stores thousands of cases' features and explanations).

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>

namespace ledgerguard {

// Appends `text` as a JSON string (quotes included) in UTF-8: '"' and '\\' escaped, \n \r \t and the other
// control characters as \u00XX, everything else as its UTF-8; a lone surrogate becomes U+FFFD.
void appendJsonString(QByteArray& out, QStringView text);

// Appends `value` as compact JSON: objects in QJsonObject's key order, integral numbers that fit qint64 as integers,
// other numbers as the shortest text that reads back as the same double, non-finite numbers and undefined as null.
void appendCompactJson(QByteArray& out, const QJsonValue& value);

// appendCompactJson into a new buffer.
QByteArray compactJson(const QJsonValue& value);

} // namespace ledgerguard
