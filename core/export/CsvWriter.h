// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QStringList>
#include <functional>

class QIODevice;

namespace ledgerguard {

class Ledger;

// CSV records in UTF-8, written to a device one record at a time (RFC 4180 quoting; records end with "\n").
//
// quoted(): a field containing a comma, a double quote, CR or LF is enclosed in double quotes, its quotes doubled;
// any other field is written as it is. text(): the same for text a user typed (descriptions, names), which a
// spreadsheet would otherwise run as a formula when it starts with '=', '+', '-', '@', TAB or CR: such text gets a
// leading apostrophe first (OWASP "CSV injection"). Numbers and keys go through quoted(), so "-12.50" stays a
// number. Errors: status() is IoError once the device fails a write. Not thread-safe; one writer per device.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice& device);

    static QString quoted(const QString& field);
    static QString text(const QString& text);

    // Writes one record of already prepared fields (each passed through quoted() or text() by the caller).
    void writeRecord(const QStringList& fields);
    const Status& status() const { return m_status; }

private:
    QIODevice& m_device;
    Status m_status;
};

// The header record of writeTransactionsCsv(): transactionId, externalId, accountId, accountName, timestamp
// (ISO 8601 UTC, whole seconds), amount (decimal), amountMinor, currency, counterparty, category (key),
// description, runningBalance (decimal), anomalyScore, risk, importBatch. The import side reads it back with
// ledgerGuardCsvMapping() (import/Csv.h).
QStringList transactionCsvHeader();

// Writes every transaction matching `filter`, in the filter's order, as CSV to the file at `path` (created or
// truncated): transactionCsvHeader(), then one record per transaction with money as exact decimal strings and
// times in UTC (ISO 8601) and account names. Reads the ledger in keyset pages of kMaxPageSize and calls
// `progress(rowsWritten)` after each page. Any thread (the Ledger gives each thread its own connection). Errors:
// IoError when the file cannot be opened or written, otherwise the ledger's status; a failed export may leave a partial
// file.
Status writeTransactionsCsv(const Ledger& ledger, const TransactionFilter& filter, const QString& path,
                            const std::function<void(qint64)>& progress = {});

// The header record of writeAnomaliesCsv(): anomalyId, transactionId, accountId, accountName, timestamp (of the
// transaction, ISO 8601 UTC), amount, amountMinor, currency, description, score, risk, type (the anomaly type's
// label), explanation (the explanation's sentences joined by "; "), status, decidedAt (ISO 8601 UTC, empty while
// open and never reviewed).
QStringList anomalyCsvHeader();

// Writes every anomaly matching `filter` (newest detection first) as CSV to the file at `path`, in pages of
// kMaxPageSize. Errors as writeTransactionsCsv.
Status writeAnomaliesCsv(const Ledger& ledger, const AnomalyFilter& filter, const QString& path);

} // namespace ledgerguard
