// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace ledgerguard::api {

// The REST API's wire format (docs/API.md), shared by the server, its tests and any other JSON exporter.
// Money goes out twice: `amount` as a JSON number in major units, parsed from the exact decimal string
// Money::toDecimalString() (never computed by division), and `amountMinor` as the exact integer. Times go out as
// ISO 8601 UTC text with milliseconds ("2026-11-25T07:30:20.123Z").
//
// Pure functions; thread-safe.

// ---- Values ----
// The JSON number for `minor` units of `currency`: toDecimalString() read as a double, so "1234.56" becomes the
// double nearest to 1234.56 and is written back as 1234.56.
double majorUnits(qint64 minor, const QString& currency);
// "2026-11-25T07:30:20.123Z".
QString isoUtc(qint64 ms);

// A timestamp from a query parameter or a JSON field: ISO 8601 with a zone ("...Z", "...+02:00"; no zone means
// UTC) or an integer count of milliseconds since the epoch. Errors: InvalidArgument(field).
Result<qint64> parseTimestamp(const QString& text, const QString& field);
Result<qint64> parseTimestamp(const QJsonValue& value, const QString& field);

// An amount in major units of `currency`, converted exactly to minor units:
//  - a JSON number: its shortest round-trip decimal text (for example 12.34 -> "12.34") is parsed;
//  - a string: a plain decimal ("-1234.5", no exponent, no group separators).
// At most Money::decimalsFor(currency) fraction digits. Errors: InvalidArgument(field).
Result<qint64> parseMajorAmount(const QJsonValue& value, const QString& currency, const QString& field);
Result<qint64> parseMajorAmount(const QString& text, const QString& currency, const QString& field);
// An integer count of minor units (a JSON integer, or digits in a query parameter). Errors: InvalidArgument(field).
Result<qint64> parseMinorAmount(const QJsonValue& value, const QString& field);
// An integer written as plain ASCII digits with an optional leading '-' (no '+', spaces, other characters or more
// than 18 digits). Errors: InvalidArgument(field).
Result<qint64> parseInteger(const QString& text, const QString& field);

// ---- JSON text checks (QJsonDocument keeps the last of duplicate keys and forgets how a number was written) ----
struct JsonTextScan
{
    QString duplicateKey; // the first key given twice in one object (at any depth); empty when none
    QHash<QString, QByteArray> topLevelNumbers; // the text of each number member of the top-level object
};
// Scans JSON text that QJsonDocument already accepted. Linear in the text's length.
JsonTextScan scanJsonText(const QByteArray& json);

// ---- Domain objects ----
// One writer produces the wire format (writeJson/writeFields, used by the routes).
class JsonWriter;
void writeFields(JsonWriter& writer, const Account& account); // the members, without the braces
void writeFields(JsonWriter& writer, const Transaction& transaction);
void writeFields(JsonWriter& writer, const Anomaly& anomaly);
void writeFields(JsonWriter& writer, const AuditEntry& entry); // id, at, actor, action, from, to, note
void writeFields(JsonWriter& writer, const AnomalyHistory& history); // scores, audit, notes (arrays, oldest first)
template<typename T>
void writeJson(JsonWriter& writer, const T& value); // Account, Transaction, Anomaly or AnomalyHistory as one object

// ---- Errors ----
// The one mapping from Status to an HTTP status code: InvalidArgument -> 422, NotFound -> 404, Conflict -> 409,
// Busy -> 503, everything else -> 500.
int httpStatusFor(const Status& status);
// {"error": message, "code": "InvalidArgument", "fields": {field: message}} ("fields" only for InvalidArgument
// with a field).
QJsonObject errorJson(const Status& status);

} // namespace ledgerguard::api
