// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the ledger tests: a fresh ledger (a file in a new temporary directory, or a new PostgreSQL database when
// the suite runs on it, tests/test_engine.h) on a manual clock, with one EUR checking account named "Operating"; a
// case opened as a detection run would; the raw bytes of a stored column.
#pragma once

#include "ledger/Ledger.h"
#include "test_engine.h"
#include "util/Clock.h"
#include "util/Status.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <memory>

namespace ledgerguard::test {

// Replaces dir, clock and ledger with new ones (the clock at nowMs) and sets account to the new account's id.
// Errors: the ledger's open or createAccount error.
inline Status openLedgerFixture(qint64 nowMs, std::unique_ptr<QTemporaryDir>& dir, std::unique_ptr<ManualClock>& clock,
                                std::unique_ptr<Ledger>& ledger, qint64& account)
{
    ledger.reset();
    dir = std::make_unique<QTemporaryDir>();
    clock = std::make_unique<ManualClock>(nowMs);
    auto location = freshLedgerLocation(dir->filePath(QStringLiteral("l.sqlite")));
    if (!location)
        return location.status();
    auto opened = Ledger::open(*location, *clock);
    if (!opened)
        return opened.status();
    ledger = std::move(*opened);
    auto a = ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    if (!a)
        return a.status();
    account = a->id;
    return Status::ok();
}

// Opens a HIGH case (amount_spike, score 0.9) on the transaction as a detection run would; returns the case's id.
inline Result<QString> openTestCase(Ledger& ledger, qint64 accountId, const QString& transactionId)
{
    Anomaly a;
    a.accountId = accountId;
    a.transactionId = transactionId;
    a.score = 0.9;
    a.risk = Risk::High;
    a.anomalyType = QStringLiteral("amount_spike");
    if (Status s = ledger.storeDetectionResults(accountId, {{transactionId, 0.9, Risk::High}}, {a}, std::nullopt);
        !s.isOk())
        return s;
    auto found = ledger.anomalyForTransaction(transactionId);
    if (!found)
        return found.status();
    return found->id;
}

// The bytes the database stores in `column` of every row of `table`, read through a connection of its own to the
// ledger at `location` (a file: CAST(column AS BLOB); PostgreSQL: convert_to(column, 'UTF8'), its text as stored in
// the UTF-8 database).
inline Result<QByteArrayList> rawColumn(const QString& location, const QString& table, const QString& column)
{
    const QString name = QStringLiteral("raw-") + table + column;
    QByteArrayList out;
    QString error;
    {
        const bool postgres = DatabaseUrl::isPostgres(location);
        QSqlDatabase db = addLedgerConnection(name, location);
        const QString select = postgres ? QStringLiteral("SELECT convert_to(%1, 'UTF8') FROM %2")
                                        : QStringLiteral("SELECT CAST(%1 AS BLOB) FROM %2");
        QSqlQuery q(db);
        if (!db.open() || !q.exec(select.arg(column, table)))
            error = db.lastError().text() + q.lastError().text();
        while (error.isEmpty() && q.next())
            out.append(q.value(0).toByteArray());
    }
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty())
        return Status::ioError(error);
    return out;
}

// The value of `countSql` (one row, one column; `values` bound in order) on a copy of the SQLite ledger file alone,
// without its WAL: what a checkpoint has put into the file. The copy is made in `dir`. Errors: IoError when the copy
// cannot be made, opened or queried.
inline Result<qint64> countInFileAlone(const Ledger& ledger, const QTemporaryDir& dir, const QString& countSql,
                                       const QVariantList& values = {})
{
    const QString copy = dir.filePath(QStringLiteral("file-only.sqlite"));
    QFile::remove(copy);
    if (!QFile::copy(ledger.database()->path(), copy))
        return Status::ioError(QStringLiteral("cannot copy the ledger file"));
    Result<qint64> count = Status::ioError(QStringLiteral("cannot open the copy"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("file-only"));
        db.setDatabaseName(copy);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(countSql);
            for (const QVariant& v : values)
                q.addBindValue(v);
            count = q.exec() && q.next() ? Result<qint64>(q.value(0).toLongLong())
                                         : Result<qint64>(Status::ioError(q.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("file-only"));
    return count;
}

} // namespace ledgerguard::test
