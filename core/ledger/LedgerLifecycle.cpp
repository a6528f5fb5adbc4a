// SPDX-License-Identifier: GPL-3.0-or-later
// Closing and reopening accounts, and reversing transactions (docs/LEDGER.md, "Closing accounts" and "Reversals"):
// each a change on the one write path, in one SQL transaction.
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"
#include "money/Money.h"
#include "util/Ids.h"

namespace ledgerguard {

namespace {

// The prefix of a reversing entry's description; the original's description follows, cut to the length limit.
const QString kReversalPrefix = QStringLiteral("Reversal of ");

} // namespace

Result<Account> Ledger::closeAccount(qint64 id)
{
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        auto row = sql::accountState(db, id);
        if (!row)
            return row.status();
        if (row->closed)
            return Status::conflict(QStringLiteral("account %1 is already closed").arg(id));
        if (row->balance != 0)
            return Status::conflict(
                QStringLiteral("account %1 has a balance of %2; only an account with a zero balance can be closed")
                    .arg(id)
                    .arg(Money(row->balance, row->currency).formatWithCurrency()));
        const qint64 now = m_clock.nowMs();
        return sql::run(db, QStringLiteral("UPDATE accounts SET closed_at = ?, updated_at = ? WHERE id = ?"),
                        {now, now, id}, QStringLiteral("close account"));
    });
    if (!s.isOk())
        return s;
    Q_EMIT accountChanged(id);
    Q_EMIT accountsChanged();
    return account(id);
}

Result<Account> Ledger::reopenAccount(qint64 id)
{
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        auto row = sql::accountState(db, id);
        if (!row)
            return row.status();
        if (!row->closed)
            return Status::conflict(QStringLiteral("account %1 is not closed").arg(id));
        return sql::run(db, QStringLiteral("UPDATE accounts SET closed_at = NULL, updated_at = ? WHERE id = ?"),
                        {m_clock.nowMs(), id}, QStringLiteral("reopen account"));
    });
    if (!s.isOk())
        return s;
    Q_EMIT accountChanged(id);
    Q_EMIT accountsChanged();
    return account(id);
}

Result<Transaction> Ledger::reverseTransaction(const QString& id, Source source)
{
    const qint64 now = m_clock.nowMs();
    const QString originalId = id.toLower();
    const QString reversalId = newUuidV7(now);
    QList<qint64> accountIds;
    QStringList ids;
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        struct Original
        {
            NewTransaction reversal;
            QString reverses;
            QString reversedBy;
        };
        auto original = sql::oneRow(
            db,
            QStringLiteral("SELECT account_id, amount, description, category, counterparty, reverses, reversed_by "
                           "FROM transactions WHERE id = ?"),
            {originalId}, QStringLiteral("read transaction"),
            [&](const QSqlQuery& q) {
                Original o;
                o.reversal.accountId = q.value(0).toLongLong();
                o.reversal.amount = -q.value(1).toLongLong();
                o.reversal.description = QString(kReversalPrefix + q.value(2).toString()).left(kMaxDescriptionLength);
                o.reversal.category = q.value(3).toString();
                o.reversal.counterparty = q.value(4).toString();
                o.reverses = q.value(5).toString();
                o.reversedBy = q.value(6).toString();
                return o;
            },
            Status::notFound(QStringLiteral("transaction %1 does not exist").arg(id)));
        if (!original)
            return original.status();
        if (!original->reverses.isEmpty())
            return Status::conflict(QStringLiteral("transaction %1 is the reversal of %2 and cannot be reversed")
                                        .arg(originalId, original->reverses));
        if (!original->reversedBy.isEmpty())
            return Status::conflict(
                QStringLiteral("transaction %1 was already reversed by %2").arg(originalId, original->reversedBy));
        NewTransaction& r = original->reversal;
        r.id = reversalId;
        r.timestamp = now;
        r.source = source;
        // The batch path names the row ("row 0: ..."): a reversal is one entry, so the message goes without it.
        if (Status s = writeBatchLocked(db, {r}, now, &accountIds, &ids); !s.isOk())
            return s.isInvalidArgument() && s.message().startsWith(QLatin1String("row 0: "))
                ? Status::invalidArgument(s.field(), s.message().mid(7))
                : s;
        if (Status s = sql::run(db, QStringLiteral("UPDATE transactions SET reverses = ? WHERE id = ?"),
                                {originalId, reversalId}, QStringLiteral("link reversal"));
            !s.isOk())
            return s;
        return sql::run(db, QStringLiteral("UPDATE transactions SET reversed_by = ? WHERE id = ?"),
                        {reversalId, originalId}, QStringLiteral("link reversal"));
    });
    if (!s.isOk())
        return s;
    Q_EMIT transactionsAdded(ids, accountIds);
    for (qint64 a : std::as_const(accountIds))
        Q_EMIT accountChanged(a);
    return transaction(reversalId);
}

} // namespace ledgerguard
