// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger's import batches: writing one import with its duplicate checks, undoing it, and reading its record.
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"
#include "util/Ids.h"

#include <QSet>

namespace ledgerguard {

namespace {

// A description compared case- and space-insensitively.
QString normalised(const QString& description)
{
    return description.simplified().toCaseFolded();
}

bool similar(const QString& a, const QString& b)
{
    if (a.isEmpty() || b.isEmpty())
        return a == b;
    return a == b || a.contains(b) || b.contains(a);
}

// True when the account holds a transaction of `amount` booked within `windowMs` of `timestamp` whose description is
// similar to `description` (already normalised).
Result<bool> hasProbableDuplicate(QSqlQuery& q, qint64 accountId, qint64 amount, qint64 timestamp, qint64 windowMs,
                                  const QString& description)
{
    if (Status s = sql::execPrepared(q, {accountId, amount, timestamp - windowMs, timestamp + windowMs},
                                     QStringLiteral("look for probable duplicates"));
        !s.isOk())
        return s;
    bool found = false;
    while (!found && q.next())
        found = similar(normalised(q.value(0).toString()), description);
    if (q.lastError().isValid())
        return sqlErrorStatus(q.lastError(), QStringLiteral("look for probable duplicates"));
    q.finish();
    return found;
}

ImportBatchRecord readBatch(const QSqlQuery& q)
{
    ImportBatchRecord r;
    r.id = q.value(0).toString();
    r.createdAt = q.value(1).toLongLong();
    r.fileName = q.value(2).toString();
    r.format = q.value(3).toString();
    r.encoding = q.value(4).toString();
    r.rows = q.value(5).toLongLong();
    r.imported = q.value(6).toLongLong();
    r.duplicates = q.value(7).toLongLong();
    r.probableDuplicates = q.value(8).toLongLong();
    r.skipped = q.value(9).toLongLong();
    if (!q.isNull(10))
        r.undoneAt = q.value(10).toLongLong();
    return r;
}

const char* const kBatchColumns = "id, created_at, file_name, format, encoding, rows, imported, duplicates, "
                                  "probable_duplicates, skipped, undone_at";

} // namespace

Result<ImportBatchResult> Ledger::importBatch(const QList<ImportRow>& input, const ImportBatchOptions& options)
{
    const qint64 now = m_clock.nowMs();
    ImportBatchResult result;
    result.batchId = newUuidV7(now);
    result.rows = input.size() + options.skippedRows;
    result.skipped = options.skippedRows;
    result.outcomes.reserve(input.size());

    auto connection = m_database->connection();
    if (!connection)
        return connection.status();
    QSqlDatabase db = *connection;
    QList<qint64> accountIds;
    QStringList ids;
    QMutexLocker lock(&m_writeMutex);
    sql::WriteTransaction tx(db);
    if (Status s = tx.begin(); !s.isOk())
        return s;

    QSqlQuery exact(db);
    if (Status s = sql::prepare(exact,
                                QStringLiteral("SELECT 1 FROM transactions WHERE account_id = ? AND external_id = ? "
                                               "LIMIT 1"),
                                QStringLiteral("prepare duplicate check"));
        !s.isOk())
        return s;
    QSqlQuery probable(db);
    probable.setForwardOnly(true);
    if (Status s = sql::prepare(probable,
                                QStringLiteral("SELECT description FROM transactions WHERE account_id = ? AND "
                                               "amount = ? AND timestamp BETWEEN ? AND ?"),
                                QStringLiteral("prepare probable duplicate check"));
        !s.isOk())
        return s;

    QList<NewTransaction> toWrite;
    toWrite.reserve(input.size());
    QSet<std::pair<qint64, QString>> seenIds;
    for (const ImportRow& row : input) {
        const NewTransaction& t = row.transaction;
        ImportOutcome outcome = ImportOutcome::Imported;
        if (!t.externalId.isEmpty()) {
            const std::pair<qint64, QString> key {t.accountId, t.externalId};
            bool duplicate = seenIds.contains(key);
            if (!duplicate) {
                if (Status s = sql::execPrepared(exact, {t.accountId, t.externalId}, QStringLiteral("check duplicate"));
                    !s.isOk())
                    return s;
                duplicate = exact.next();
                exact.finish();
            }
            seenIds.insert(key);
            if (duplicate)
                outcome = ImportOutcome::Duplicate;
        }
        if (outcome == ImportOutcome::Imported && (t.externalId.isEmpty() || row.externalIdDerived)) {
            auto found = hasProbableDuplicate(probable, t.accountId, t.amount, t.timestamp.value_or(now),
                                              kProbableDuplicateDays * kDayMs, normalised(t.description));
            if (!found)
                return found.status();
            if (*found)
                outcome = options.allowProbableDuplicates ? ImportOutcome::ProbableDuplicateImported
                                                          : ImportOutcome::ProbableDuplicateSkipped;
        }
        result.outcomes.append(outcome);
        switch (outcome) {
        case ImportOutcome::Duplicate:
            ++result.duplicates;
            ++result.skipped;
            continue;
        case ImportOutcome::ProbableDuplicateSkipped:
            ++result.probableDuplicates;
            ++result.skipped;
            continue;
        case ImportOutcome::ProbableDuplicateImported:
            ++result.probableDuplicates;
            break;
        case ImportOutcome::Imported:
            break;
        }
        NewTransaction write = t;
        write.source = Source::Import;
        write.importBatch = result.batchId;
        toWrite.append(std::move(write));
        ++result.importedPerAccount[t.accountId];
    }
    result.imported = toWrite.size();

    if (!toWrite.isEmpty()) {
        if (Status s = writeBatchLocked(db, toWrite, now, &accountIds, &ids); !s.isOk())
            return s;
    }
    if (Status s = sql::run(db,
                            QStringLiteral("INSERT INTO import_batches (id, created_at, file_name, format, encoding, "
                                           "rows, imported, duplicates, probable_duplicates, skipped) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                            {result.batchId, now, sql::text(options.fileName), sql::text(options.format),
                             sql::text(options.encoding), result.rows, result.imported, result.duplicates,
                             result.probableDuplicates, result.skipped},
                            QStringLiteral("record import batch"));
        !s.isOk())
        return s;
    if (options.dryRun)
        return result; // tx rolls back on destruction
    if (Status s = tx.commit(); !s.isOk())
        return s;
    lock.unlock();
    if (!accountIds.isEmpty()) {
        Q_EMIT transactionsAdded(ids, accountIds);
        for (qint64 id : std::as_const(accountIds))
            Q_EMIT accountChanged(id);
    }
    return result;
}

Result<QList<qint64>> Ledger::undoImportBatch(const QString& batchId)
{
    const qint64 now = m_clock.nowMs();
    QList<qint64> accountIds;
    Status status = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        auto batch = sql::oneRow(
            db, QStringLiteral("SELECT %1 FROM import_batches WHERE id = ?").arg(QLatin1String(kBatchColumns)),
            {batchId.toLower()}, QStringLiteral("read import batch"), readBatch,
            Status::notFound(QStringLiteral("import batch %1 does not exist").arg(batchId)));
        if (!batch)
            return batch.status();
        if (batch->undoneAt)
            return Status::conflict(QStringLiteral("import batch %1 is already undone").arg(batchId));
        const QString id = batch->id;
        // Per account, the first of the batch's transactions in (timestamp, id) order: running balances from there
        // on change.
        struct First
        {
            qint64 accountId;
            qint64 timestamp;
            QString id;
        };
        auto firsts = sql::rows(
            db,
            QStringLiteral("SELECT account_id, timestamp, id FROM (SELECT account_id, timestamp, id, row_number() "
                           "OVER (PARTITION BY account_id ORDER BY timestamp, id) AS n FROM transactions "
                           "WHERE import_batch = ?) WHERE n = 1"),
            {id}, QStringLiteral("read import batch transactions"), [](const QSqlQuery& q) {
                return First {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString()};
            });
        if (!firsts)
            return firsts.status();
        // The batch's cases go with their transactions; their audit trail and score history stay, and each case
        // gets a last audit entry "deleted" naming the batch.
        Status s = sql::run(
            db,
            QStringLiteral("INSERT INTO audit_log (anomaly_id, transaction_id, at, actor, action, from_value, "
                           "to_value, note) SELECT x.id, x.transaction_id, ?, 'import undo', 'deleted', x.status, '', "
                           "? FROM anomalies x JOIN transactions t ON t.id = x.transaction_id WHERE t.import_batch = ? "
                           "ORDER BY x.id"),
            {now, QStringLiteral("import batch %1 undone").arg(id), id}, QStringLiteral("audit undo import batch"));
        if (!s.isOk())
            return s;
        for (const char* const statement :
             {"DELETE FROM anomalies WHERE transaction_id IN (SELECT id FROM transactions WHERE import_batch = ?)",
              "DELETE FROM injected_labels WHERE transaction_id IN "
              "(SELECT id FROM transactions WHERE import_batch = ?)",
              "DELETE FROM transactions WHERE import_batch = ?"}) {
            if (Status s = sql::run(db, QString::fromUtf8(statement), {id}, QStringLiteral("undo import batch"));
                !s.isOk())
                return s;
        }
        for (const First& f : std::as_const(*firsts)) {
            if (Status s = sql::recomputeRunningBalancesFrom(db, f.accountId, f.timestamp, f.id); !s.isOk())
                return s;
            Status s = sql::run(
                db,
                QStringLiteral("UPDATE accounts SET balance = (SELECT coalesce(sum(amount), 0) FROM transactions "
                               "WHERE account_id = accounts.id), transaction_count = (SELECT count(*) FROM "
                               "transactions WHERE account_id = accounts.id), last_activity = (SELECT "
                               "max(timestamp) FROM transactions WHERE account_id = accounts.id), is_stale = 1, "
                               "change_seq = change_seq + 1, updated_at = ? WHERE id = ?"),
                {now, f.accountId}, QStringLiteral("update account"));
            if (!s.isOk())
                return s;
            accountIds.append(f.accountId);
        }
        return sql::run(db, QStringLiteral("UPDATE import_batches SET undone_at = ? WHERE id = ?"), {now, id},
                        QStringLiteral("mark import batch undone"));
    });
    if (!status.isOk())
        return status;
    if (!accountIds.isEmpty()) {
        Q_EMIT anomaliesChanged(accountIds);
        for (qint64 id : std::as_const(accountIds))
            Q_EMIT accountChanged(id);
        Q_EMIT accountsChanged();
    }
    return accountIds;
}

Result<ImportBatchRecord> Ledger::importBatchRecord(const QString& batchId) const
{
    return sql::oneRow(*m_database,
                       QStringLiteral("SELECT %1 FROM import_batches WHERE id = ?").arg(QLatin1String(kBatchColumns)),
                       {batchId.toLower()}, QStringLiteral("read import batch"), readBatch,
                       Status::notFound(QStringLiteral("import batch %1 does not exist").arg(batchId)));
}

Result<QList<ImportBatchRecord>> Ledger::importBatches() const
{
    return sql::rows(*m_database,
                     QStringLiteral("SELECT %1 FROM import_batches ORDER BY created_at DESC, id DESC")
                         .arg(QLatin1String(kBatchColumns)),
                     {}, QStringLiteral("read import batches"), readBatch);
}

} // namespace ledgerguard
