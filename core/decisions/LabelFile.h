// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace ledgerguard {

class Ledger;

// A bulk decision file (a card processor's chargeback list, another tool's case export): CSV with a header naming,
// case-insensitively, `transactionId` or `externalId` (with `accountId` or `accountName` when external ids repeat
// across accounts), `label` (fraud | normal, or 1 | 0, true | false), and optionally `decidedAt` (ISO 8601; default:
// now), `decidedBy` (default: the caller's actor) and `note`. Other columns are ignored. A labelled data set is read
// as it was published: without a `label` column its is_fraud, isFraud, fraud, Class, is_anomaly, anomaly or outlier
// column is the label, and without id columns of those names the column the CSV import reads as the id (trans_num,
// Transaction ID) holds the external ids. Read with the import CSV reader (any delimiter it detects, UTF-8 or
// Windows-1252).

// A problem with one row: 1-based physical line, the column's header name, the message.
struct LabelFileError
{
    int line = 0;
    QString column;
    QString message;
};

struct LabelImport
{
    LabelSummary summary; // all zero when errors is not empty
    QList<LabelFileError> errors; // empty when the labels were written

    // {labelled, created, updated, errors: [{line, column, message}]}: `ledgerguard label --json` and POST /labels.
    QJsonObject toJson() const;
};

// Reads `bytes` and applies every row with Ledger::labelTransactions in one SQL transaction: all rows or none.
// Row errors (a missing or unknown label, a bad decidedAt, an unknown transaction or account, an ambiguous
// externalId) are collected per line; any error writes nothing. Errors (Status): IoError/Busy of the ledger,
// InvalidArgument("file") for an empty file or a header without `label` or without `transactionId`/`externalId`.
// At most kMaxLabelErrors row errors are listed.
Result<LabelImport> importLabelFile(Ledger& ledger, const QByteArray& bytes, const QString& defaultActor,
                                    const QHash<QString, qint64>& accountsByName);
inline constexpr int kMaxLabelErrors = 100;

} // namespace ledgerguard
