// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Migrate.h"

#include "ledger/SqlRows_p.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>

namespace ledgerguard {

namespace {

// Parents before children (foreign keys): the rest follow by name.
const QStringList kFirstTables
    = {QStringLiteral("accounts"), QStringLiteral("import_batches"), QStringLiteral("transactions")};
// Bound values per multi-row INSERT stay below both engines' limits (SQLite 32766, PostgreSQL 65535).
constexpr int kMaxValuesPerInsert = 30000;
constexpr int kMaxRowsPerInsert = 500;

bool isPostgres(const QSqlDatabase& db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

QStringList ledgerTables(const QSqlDatabase& db)
{
    QStringList names;
    const QStringList all = db.tables(QSql::Tables);
    for (const QString& t : all) {
        if (!t.startsWith(QLatin1String("sqlite_")))
            names << t;
    }
    std::sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        const qsizetype ia = kFirstTables.indexOf(a);
        const qsizetype ib = kFirstTables.indexOf(b);
        if (ia != ib)
            return (ia < 0 ? kFirstTables.size() : ia) < (ib < 0 ? kFirstTables.size() : ib);
        return a < b;
    });
    return names;
}

QStringList columnsOf(const QSqlDatabase& db, const QString& table)
{
    QStringList names;
    const QSqlRecord r = db.record(table);
    for (int i = 0; i < r.count(); ++i)
        names << r.fieldName(i);
    return names;
}

// The order rows are copied and compared in, the same on both engines: the transactions' integer key, else the
// primary key (text in byte order on both), else the insertion order (SQLite's rowid; PostgreSQL's rowid column).
QString orderOf(const QSqlDatabase& db, const QString& table, const QStringList& columns)
{
    if (columns.contains(QLatin1String("seq")))
        return QStringLiteral("seq");
    const QSqlIndex pk = db.primaryIndex(table);
    if (!pk.isEmpty()) {
        QStringList keys;
        for (int i = 0; i < pk.count(); ++i)
            keys << pk.fieldName(i);
        return keys.join(QStringLiteral(", "));
    }
    return QStringLiteral("rowid");
}

// Rows read for copying and comparing: `columns` of `table` in its copy order, the meta table without its
// schema_version row (PostgreSQL keeps the version there, SQLite in the file header).
QString selectText(const QSqlDatabase& db, const QString& table, const QStringList& columns)
{
    QString text = QStringLiteral("SELECT %1 FROM %2").arg(columns.join(QStringLiteral(", ")), table);
    if (table == QLatin1String("meta"))
        text += QStringLiteral(" WHERE key <> 'schema_version'");
    return text + QStringLiteral(" ORDER BY ") + orderOf(db, table, columns);
}

// One value in a form both engines give alike (integers as integers, reals to 17 digits, bytes as hex).
void digestValue(QCryptographicHash& hash, const QVariant& v)
{
    if (v.isNull()) {
        hash.addData(QByteArrayView("\x01N", 2));
        return;
    }
    QByteArray bytes;
    switch (v.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
        bytes = "r" + QByteArray::number(v.toDouble(), 'g', 17);
        break;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
        bytes = "i" + QByteArray::number(v.toLongLong());
        break;
    case QMetaType::QByteArray:
        bytes = "b" + v.toByteArray().toHex();
        break;
    default:
        bytes = "t" + v.toString().toUtf8();
        break;
    }
    hash.addData(QByteArray(QByteArray::number(bytes.size()) + ':' + bytes));
}

struct TableDigest
{
    qint64 rows = 0;
    QByteArray hash;
};

Result<TableDigest> digestTable(QSqlDatabase& db, const QString& table, const QStringList& columns)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(selectText(db, table, columns)))
        return sqlErrorStatus(q.lastError(), QStringLiteral("read %1").arg(table));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    TableDigest d;
    while (q.next()) {
        for (int i = 0; i < columns.size(); ++i)
            digestValue(hash, q.value(i));
        ++d.rows;
    }
    if (q.lastError().isValid())
        return sqlErrorStatus(q.lastError(), QStringLiteral("read %1").arg(table));
    d.hash = hash.result();
    return d;
}

Result<qint64> countRows(QSqlDatabase& db, const QString& table)
{
    QString text = QStringLiteral("SELECT count(*) FROM ") + table;
    if (table == QLatin1String("meta"))
        text += QStringLiteral(" WHERE key <> 'schema_version'");
    return sql::integer(db, text, {}, QStringLiteral("count %1").arg(table));
}

Status insertRows(QSqlDatabase& db, const QString& table, const QStringList& columns, const QList<QVariantList>& rows)
{
    const QString one
        = QLatin1Char('(') + QStringList(columns.size(), QStringLiteral("?")).join(QLatin1Char(',')) + QLatin1Char(')');
    QString text = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, columns.join(QStringLiteral(", ")));
    QVariantList values;
    values.reserve(rows.size() * columns.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        text += (i ? QStringLiteral(",") : QString()) + one;
        values += rows[i];
    }
    QSqlQuery q(db);
    return sql::exec(q, text, values, QStringLiteral("copy %1").arg(table));
}

Status copyTable(QSqlDatabase& from, QSqlDatabase& to, const QString& table, const QStringList& columns, qint64* rows)
{
    QSqlQuery q(from);
    q.setForwardOnly(true);
    if (!q.exec(selectText(from, table, columns)))
        return sqlErrorStatus(q.lastError(), QStringLiteral("read %1").arg(table));
    const int perInsert
        = std::clamp(kMaxValuesPerInsert / int(std::max<qsizetype>(1, columns.size())), 1, kMaxRowsPerInsert);
    QList<QVariantList> batch;
    batch.reserve(perInsert);
    while (q.next()) {
        QVariantList row;
        row.reserve(columns.size());
        for (int i = 0; i < columns.size(); ++i)
            row << q.value(i);
        batch << row;
        ++*rows;
        if (batch.size() == perInsert) {
            if (Status s = insertRows(to, table, columns, batch); !s.isOk())
                return s;
            batch.clear();
        }
    }
    if (q.lastError().isValid())
        return sqlErrorStatus(q.lastError(), QStringLiteral("read %1").arg(table));
    return batch.isEmpty() ? Status::ok() : insertRows(to, table, columns, batch);
}

// PostgreSQL: every identity column continues after the largest copied value.
Status advanceIdentities(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT table_name, column_name FROM information_schema.columns "
                               "WHERE table_schema = current_schema() AND is_identity = 'YES'")))
        return sqlErrorStatus(q.lastError(), QStringLiteral("read the identity columns"));
    QList<std::pair<QString, QString>> identities;
    while (q.next())
        identities.append({q.value(0).toString(), q.value(1).toString()});
    for (const auto& [table, column] : std::as_const(identities)) {
        QSqlQuery set(db);
        if (!set.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', '%2'), "
                                     "COALESCE((SELECT max(%2) FROM %1), 0) + 1, false)")
                          .arg(table, column)))
            return sqlErrorStatus(set.lastError(), QStringLiteral("continue %1.%2").arg(table, column));
    }
    return Status::ok();
}

// Each account's id, balance and sum of transactions, by id.
Result<QList<std::array<qint64, 3>>> balances(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT a.id, a.balance, (SELECT COALESCE(SUM(t.amount), 0) FROM transactions t "
                               "WHERE t.account_id = a.id) FROM accounts a ORDER BY a.id")))
        return sqlErrorStatus(q.lastError(), QStringLiteral("read the balances"));
    QList<std::array<qint64, 3>> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    return out;
}

} // namespace

Result<MigrationReport> migrateLedger(const Database& from, const Database& to)
{
    QElapsedTimer timer;
    timer.start();
    if (from.path() == to.path())
        return Status::invalidArgument(QStringLiteral("to"), QStringLiteral("the target is the source ledger"));
    auto source = from.connection();
    if (!source)
        return source.status();
    auto target = to.connection();
    if (!target)
        return target.status();
    QSqlDatabase src = *source;
    QSqlDatabase dst = *target;

    MigrationReport report;
    report.from = from.path();
    report.to = to.path();
    const QStringList tables = ledgerTables(src);
    const QStringList targetTables = ledgerTables(dst);
    if (tables != targetTables)
        return Status::unsupported(QStringLiteral("the two ledgers' schemas differ: %1 has tables %2, %3 has %4")
                                       .arg(from.path(), tables.join(QStringLiteral(", ")), to.path(),
                                            targetTables.join(QStringLiteral(", "))));
    QHash<QString, QStringList> columns;
    for (const QString& table : tables) {
        const QStringList targetColumns = columnsOf(dst, table);
        QStringList copied;
        for (const QString& c : columnsOf(src, table)) {
            if (c == QLatin1String("rowid"))
                continue; // an insertion order, given again by inserting in that order
            if (!targetColumns.contains(c))
                return Status::unsupported(
                    QStringLiteral("the column %1.%2 of %3 is missing in %4").arg(table, c, from.path(), to.path()));
            copied << c;
        }
        columns.insert(table, copied);
        auto rows = countRows(dst, table);
        if (!rows)
            return rows.status();
        // A ledger opened once but never written to (a command run on the empty database first) holds only its
        // settings in meta: they make way for the source's.
        if (table == QLatin1String("meta"))
            continue;
        if (*rows > 0)
            return Status::invalidArgument(
                QStringLiteral("to"),
                QStringLiteral("%1 is not empty (its table %2 has %3 rows): migrate into a new file or an empty "
                               "database")
                    .arg(to.path(), table)
                    .arg(*rows));
    }

    static QMutex copyMutex; // the target's write transaction, serialised with this process's other copies
    Status s = sql::inWriteTransaction(dst, copyMutex, [&](QSqlDatabase& db) {
        if (Status m = sql::run(db, QStringLiteral("DELETE FROM meta WHERE key <> 'schema_version'"), {},
                                QStringLiteral("clear the target's settings"));
            !m.isOk())
            return m;
        for (const QString& table : tables) {
            MigratedTable t;
            t.name = table;
            if (Status c = copyTable(src, db, table, columns.value(table), &t.rows); !c.isOk())
                return c;
            report.tables << t;
        }
        return isPostgres(db) ? advanceIdentities(db) : Status::ok();
    });
    if (!s.isOk())
        return s;

    for (const MigratedTable& t : std::as_const(report.tables)) {
        auto a = digestTable(src, t.name, columns.value(t.name));
        if (!a)
            return a.status();
        auto b = digestTable(dst, t.name, columns.value(t.name));
        if (!b)
            return b.status();
        if (a->rows != b->rows || a->rows != t.rows || a->hash != b->hash)
            return Status::corruption(QStringLiteral("verification failed: the table %1 differs after the copy "
                                                     "(%2 rows in %3, %4 in %5)")
                                          .arg(t.name)
                                          .arg(a->rows)
                                          .arg(from.path())
                                          .arg(b->rows)
                                          .arg(to.path()));
        if (t.name == QLatin1String("audit_log"))
            report.auditEntries = b->rows;
    }
    auto before = balances(src);
    if (!before)
        return before.status();
    auto after = balances(dst);
    if (!after)
        return after.status();
    if (*before != *after)
        return Status::corruption(QStringLiteral("verification failed: the account balances differ after the copy"));
    for (const auto& [id, balance, sum] : std::as_const(*after)) {
        if (balance != sum)
            return Status::corruption(
                QStringLiteral("verification failed: account %1's balance %2 is not the sum of its transactions %3")
                    .arg(id)
                    .arg(balance)
                    .arg(sum));
    }
    report.accounts = after->size();
    report.elapsedMs = timer.elapsed();
    return report;
}

QString MigrationReport::toText() const
{
    QString out = QStringLiteral("Copied %1\n    to %2\n").arg(from, to);
    int width = 0;
    for (const MigratedTable& t : tables)
        width = std::max(width, int(t.name.size()));
    for (const MigratedTable& t : tables)
        out += QStringLiteral("  %1 %2\n").arg(t.name, -width).arg(t.rows, 12);
    out += QStringLiteral("Verified: every table row for row, %1 account balances (each the sum of its "
                          "transactions), %2 audit entries. %3 s.\n")
               .arg(accounts)
               .arg(auditEntries)
               .arg(double(elapsedMs) / 1000.0, 0, 'f', 1);
    return out;
}

QJsonObject MigrationReport::toJson() const
{
    QJsonArray list;
    for (const MigratedTable& t : tables)
        list.append(QJsonObject {{QStringLiteral("table"), t.name}, {QStringLiteral("rows"), t.rows}});
    return QJsonObject {{QStringLiteral("from"), from},
                        {QStringLiteral("to"), to},
                        {QStringLiteral("tables"), list},
                        {QStringLiteral("accounts"), accounts},
                        {QStringLiteral("auditEntries"), auditEntries},
                        {QStringLiteral("verified"), true},
                        {QStringLiteral("elapsedMs"), elapsedMs}};
}

} // namespace ledgerguard
