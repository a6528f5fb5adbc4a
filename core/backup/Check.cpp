// SPDX-License-Identifier: GPL-3.0-or-later
#include "backup/Check.h"

#include "ledger/SqlRows_p.h"
#include "money/Money.h"

#include <QAtomicInteger>
#include <QFileInfo>

namespace ledgerguard::backup {

namespace {

QAtomicInteger<quint64> g_checkSerial;

QString money(qint64 minor, const QString& currency)
{
    return Money(minor, currency).formatWithCurrency();
}

void checkIntegrity(QSqlDatabase& db, CheckReport& report)
{
    Status s = sql::forEachRow(db, QStringLiteral("PRAGMA integrity_check(100)"), {}, QStringLiteral("integrity_check"),
                               [&](const QSqlQuery& q) {
                                   const QString line = q.value(0).toString();
                                   if (line != QLatin1String("ok"))
                                       report.problems.append({QStringLiteral("integrity"), line});
                               });
    if (!s.isOk())
        report.problems.append({QStringLiteral("integrity"), s.message()});
}

void checkBalances(QSqlDatabase& db, CheckReport& report)
{
    Status s = sql::forEachRow(
        db,
        QStringLiteral("SELECT a.id, a.name, a.currency, a.balance, "
                       "(SELECT COALESCE(SUM(t.amount), 0) FROM transactions t WHERE t.account_id = a.id), "
                       "(SELECT count(*) FROM transactions t WHERE t.account_id = a.id) FROM accounts a ORDER BY a.id"),
        {}, QStringLiteral("read account balances"), [&](const QSqlQuery& q) {
            ++report.accounts;
            const qint64 id = q.value(0).toLongLong();
            const QString currency = q.value(2).toString();
            const qint64 stored = q.value(3).toLongLong();
            const qint64 sum = q.value(4).toLongLong();
            report.transactions += q.value(5).toLongLong();
            if (stored != sum) {
                report.problems.append(
                    {QStringLiteral("balance"),
                     QStringLiteral("account %1 (%2): balance %3 but its transactions sum to %4 (difference %5)")
                         .arg(id)
                         .arg(q.value(1).toString(), money(stored, currency), money(sum, currency),
                              money(stored - sum, currency)),
                     id, stored - sum});
            }
        });
    if (!s.isOk())
        report.problems.append({QStringLiteral("error"), s.message()});
}

void checkRunningBalances(QSqlDatabase& db, CheckReport& report)
{
    qint64 account = 0;
    qint64 sum = 0;
    bool reported = false;
    Status s = sql::forEachRow(
        db,
        QStringLiteral("SELECT t.account_id, t.id, t.amount, t.running_balance, a.currency FROM transactions t "
                       "INDEXED BY transactions_account_time JOIN accounts a ON a.id = t.account_id "
                       "ORDER BY t.account_id, t.timestamp, t.id"),
        {}, QStringLiteral("read running balances"), [&](const QSqlQuery& q) {
            const qint64 id = q.value(0).toLongLong();
            if (id != account) {
                account = id;
                sum = 0;
                reported = false;
            }
            sum += q.value(2).toLongLong();
            const qint64 running = q.value(3).toLongLong();
            if (running != sum && !reported) {
                reported = true;
                const QString currency = q.value(4).toString();
                report.problems.append({QStringLiteral("running_balance"),
                                        QStringLiteral("account %1: transaction %2 has running balance %3 but the "
                                                       "sum up to it is %4 (difference %5)")
                                            .arg(id)
                                            .arg(q.value(1).toString(), money(running, currency), money(sum, currency),
                                                 money(running - sum, currency)),
                                        id, running - sum});
            }
        });
    if (!s.isOk())
        report.problems.append({QStringLiteral("error"), s.message()});
}

void checkForeignKeys(QSqlDatabase& db, CheckReport& report)
{
    Status s = sql::forEachRow(db, QStringLiteral("PRAGMA foreign_key_check"), {}, QStringLiteral("foreign_key_check"),
                               [&](const QSqlQuery& q) {
                                   report.problems.append(
                                       {QStringLiteral("foreign_key"),
                                        QStringLiteral("%1 row %2 refers to a missing row of %3")
                                            .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString())});
                               });
    if (!s.isOk())
        report.problems.append({QStringLiteral("error"), s.message()});
}

// Each reversal's original names it in reversed_by and each reversed_by names a reversal of its row. Files before
// schema version 8 have no reversed_by and nothing to compare.
void checkReversals(QSqlDatabase& db, CheckReport& report)
{
    auto columns = sql::integer(
        db, QStringLiteral("SELECT count(*) FROM pragma_table_info('transactions') WHERE name = 'reversed_by'"), {},
        QStringLiteral("read the transactions' columns"));
    if (!columns) {
        report.problems.append({QStringLiteral("error"), columns.status().message()});
        return;
    }
    if (*columns == 0)
        return;
    Status s = sql::forEachRow(
        db,
        QStringLiteral(
            "SELECT o.id, o.reversed_by, r.id FROM transactions r JOIN transactions o ON o.id = r.reverses "
            "WHERE r.reverses IS NOT NULL AND o.reversed_by IS NOT r.id "
            "UNION ALL SELECT o.id, o.reversed_by, NULL FROM transactions o WHERE o.reversed_by IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM transactions r WHERE r.id = o.reversed_by AND r.reverses = o.id)"),
        {}, QStringLiteral("read reversal links"), [&](const QSqlQuery& q) {
            const QString original = q.value(0).toString();
            const QString named = q.value(1).toString();
            report.problems.append(
                {QStringLiteral("reversal"),
                 q.isNull(2)
                     ? QStringLiteral("transaction %1 names %2 as its reversal, which does not reverse it")
                           .arg(original, named)
                     : QStringLiteral("transaction %1 is reversed by %2 but names %3 as its reversal")
                           .arg(original, q.value(2).toString(), named.isEmpty() ? QStringLiteral("nothing") : named)});
        });
    if (!s.isOk())
        report.problems.append({QStringLiteral("error"), s.message()});
}

void checkAudit(QSqlDatabase& db, CheckReport& report)
{
    auto tables
        = sql::rows(db,
                    QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE "
                                   "'audit%' ORDER BY name"),
                    {}, QStringLiteral("list audit tables"), [](const QSqlQuery& q) { return q.value(0).toString(); });
    if (!tables) {
        report.problems.append({QStringLiteral("error"), tables.status().message()});
        return;
    }
    for (const QString& table : std::as_const(*tables)) {
        bool update = false, del = false;
        Status s = sql::forEachRow(
            db, QStringLiteral("SELECT upper(sql) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"), {table},
            QStringLiteral("list the triggers of %1").arg(table), [&](const QSqlQuery& q) {
                const QString text = q.value(0).toString().simplified();
                if (!text.contains(QLatin1String("RAISE")))
                    return;
                update = update || text.contains(QLatin1String(" UPDATE "));
                del = del || text.contains(QLatin1String(" DELETE "));
            });
        if (!s.isOk()) {
            report.problems.append({QStringLiteral("error"), s.message()});
            continue;
        }
        if (!update || !del) {
            report.problems.append(
                {QStringLiteral("audit"),
                 QStringLiteral("audit table %1 has no trigger refusing %2: its rows can be changed")
                     .arg(table,
                          !update && !del ? QStringLiteral("UPDATE and DELETE")
                                          : (update ? QStringLiteral("DELETE") : QStringLiteral("UPDATE")))});
        }
    }
}

} // namespace

Result<CheckReport> checkLedger(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return Status::notFound(QStringLiteral("ledger %1 does not exist").arg(path));
    const QString name = QStringLiteral("ledgerguard-check-%1").arg(g_checkSerial.fetchAndAddRelaxed(1));
    CheckReport report;
    Status status;
    if (QFileInfo::exists(info.absoluteFilePath() + QStringLiteral("-wal"))
        || QFileInfo::exists(info.absoluteFilePath() + QStringLiteral("-journal"))) {
        // A writer that died left its write-ahead log, whose index only a read-write connection may rebuild, or a
        // hot rollback journal (killed while the file was still in rollback mode, e.g. while its first open
        // switched it to WAL), which only a read-write connection may roll back; a read-only one fails with
        // "attempt to write a readonly database". Opening and reading once rebuilds or rolls back without changing
        // any committed row; where the file is not writable this is a no-op and the check reports what SQLite says.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(info.absoluteFilePath());
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open())
                QSqlQuery(QStringLiteral("PRAGMA schema_version"), db).finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(info.absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            status = Status::ioError(QStringLiteral("cannot open ledger %1: %2").arg(path, db.lastError().text()));
        } else {
            checkIntegrity(db, report);
            checkBalances(db, report);
            checkRunningBalances(db, report);
            checkForeignKeys(db, report);
            checkReversals(db, report);
            checkAudit(db, report);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!status.isOk())
        return status;
    return report;
}

} // namespace ledgerguard::backup
