// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger's read queries (the write path is Ledger.cpp).
#include "ledger/Dialect_p.h"
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"

#include <QJsonDocument>
#include <algorithm>

namespace ledgerguard {

namespace sql {

Transaction readTransaction(const QSqlQuery& q)
{
    Transaction t;
    t.id = q.value(0).toString();
    t.accountId = q.value(1).toLongLong();
    t.amount = q.value(2).toLongLong();
    t.currency = q.value(3).toString();
    t.description = q.value(4).toString();
    t.category = categoryFromKey(q.value(5).toString()).value_or(Category::Other);
    t.counterparty = q.value(6).toString();
    t.timestamp = q.value(7).toLongLong();
    t.runningBalance = q.value(8).toLongLong();
    t.source = sourceFromKey(q.value(9).toString()).value_or(Source::Manual);
    t.createdAt = q.value(10).toLongLong();
    if (!q.isNull(11))
        t.anomalyScore = q.value(11).toDouble();
    if (!q.isNull(12))
        t.risk = riskFromName(q.value(12).toString());
    t.externalId = q.value(13).toString();
    t.importBatch = q.value(14).toString();
    t.reverses = q.value(15).toString();
    t.reversedBy = q.value(16).toString();
    return t;
}

namespace {

template<typename E> using StoredKeys = QList<std::pair<QByteArray, E>>; // each value with its key in UTF-8

template<typename E, typename Key> StoredKeys<E> storedKeys(const QList<E>& values, Key key)
{
    StoredKeys<E> table;
    for (E value : values)
        table.append({key(value).toUtf8(), value});
    return table;
}

// The value whose key the bytes spell exactly (as the write path stores keys), else `fromKey(text)`'s reading
// (which also accepts other letter cases).
template<typename E, typename FromKey>
std::optional<E> fromStoredKey(QByteArrayView stored, const StoredKeys<E>& table, FromKey fromKey)
{
    for (const auto& [key, value] : table) {
        if (stored == QByteArrayView(key))
            return value;
    }
    return fromKey(QString::fromUtf8(stored));
}

} // namespace

Transaction readTransactionRow(const sqlite::Statement& q, const Transaction* previous)
{
    Transaction t;
    t.id = q.text(0);
    t.accountId = q.int64(1);
    t.amount = q.int64(2);
    t.currency = previous && previous->accountId == t.accountId ? previous->currency : q.text(3);
    t.description = q.text(4);
    static const StoredKeys<Category> categories = storedKeys(allCategories(), categoryKey);
    t.category = fromStoredKey(q.utf8(5), categories, categoryFromKey).value_or(Category::Other);
    t.counterparty = q.text(6);
    t.timestamp = q.int64(7);
    t.runningBalance = q.int64(8);
    static const StoredKeys<Source> sources
        = storedKeys(QList<Source> {Source::Manual, Source::Generator, Source::Api, Source::Import}, sourceKey);
    t.source = fromStoredKey(q.utf8(9), sources, sourceFromKey).value_or(Source::Manual);
    t.createdAt = q.int64(10);
    if (!q.isNull(11))
        t.anomalyScore = q.real(11);
    if (!q.isNull(12)) {
        static const StoredKeys<Risk> risks = storedKeys(QList<Risk> {Risk::Low, Risk::Medium, Risk::High}, riskName);
        t.risk = fromStoredKey(q.utf8(12), risks, riskFromName);
    }
    t.externalId = q.text(13);
    t.importBatch = q.text(14);
    t.reverses = q.text(15);
    t.reversedBy = q.text(16);
    return t;
}

Anomaly readAnomaly(const QSqlQuery& q)
{
    Anomaly a;
    a.id = q.value(0).toString();
    a.accountId = q.value(1).toLongLong();
    a.transactionId = q.value(2).toString();
    a.score = q.value(3).toDouble();
    a.risk = riskFromName(q.value(4).toString()).value_or(Risk::Low);
    a.detectedAt = q.value(5).toLongLong();
    a.anomalyType = q.value(6).toString();
    a.features = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
    a.explanation = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array();
    a.status = anomalyStatusFromKey(q.value(9).toString()).value_or(AnomalyStatus::Open);
    if (!q.isNull(10))
        a.statusChangedAt = q.value(10).toLongLong();
    a.amount = q.value(11).toLongLong();
    a.currency = q.value(12).toString();
    a.description = q.value(13).toString();
    a.transactionTimestamp = q.value(14).toLongLong();
    a.source = q.value(15).toString() == QLatin1String("analyst") ? CaseSource::Analyst : CaseSource::Detector;
    a.scored = !q.isNull(3);
    if (!q.isNull(16))
        a.firstScore = q.value(16).toDouble();
    if (!q.isNull(17))
        a.firstRisk = riskFromName(q.value(17).toString());
    if (!q.isNull(18))
        a.scoredAt = q.value(18).toLongLong();
    a.assignee = q.value(19).toString();
    a.decidedBy = q.value(20).toString();
    if (!q.isNull(21))
        a.decidedAt = q.value(21).toLongLong();
    a.counterparty = q.value(22).toString();
    a.externalId = q.value(23).toString();
    a.category = categoryFromKey(q.value(24).toString()).value_or(Category::Other);
    a.runningBalance = q.value(25).toLongLong();
    a.importBatch = q.value(26).toString();
    return a;
}

} // namespace sql

namespace {

Health healthFor(int openHigh, int openMedium)
{
    if (openHigh > 0)
        return Health::AtRisk;
    if (openMedium > 0)
        return Health::Watch;
    return Health::Healthy;
}

QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// A case-insensitive substring test of a column against `text`: the operator with its placeholder ("LIKE ? ESCAPE
// '\\'") and the pattern to bind. LIKE (SQLite) and ILIKE under the schema's "C" collation (PostgreSQL) fold ASCII
// letters only, so a text with other cased letters ("Äpfel") is matched with a pattern that gives each letter the
// set of its cases: a GLOB on SQLite ("*[äÄ][pP][fF][eE][lL]*"), a regular expression on PostgreSQL.
struct TextMatch
{
    QString op;
    QString pattern;
};

TextMatch textMatch(const QString& text, const sql::Dialect& d)
{
    const bool otherCases = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.unicode() > 0x7F && (c.toLower() != c || c.toUpper() != c || c.toTitleCase() != c);
    });
    if (!otherCases)
        return {QStringLiteral("%1 ? ESCAPE '\\'").arg(QLatin1String(d.likeNoCase)), likePattern(text)};
    const bool glob = d.engine == sql::Engine::Sqlite;
    const QStringView special = glob ? QStringView(u"*?[]") : QStringView(u".^$*+?()[]{}|\\");
    QString pattern = glob ? QStringLiteral("*") : QString();
    for (const QChar c : text) {
        // (Each case the letter has: a digraph's title case "ǅ" is neither its lower "ǆ" nor its upper "Ǆ".)
        QString cases;
        for (const QChar variant : {c, c.toLower(), c.toUpper(), c.toTitleCase()})
            if (!cases.contains(variant))
                cases += variant;
        if (cases.size() > 1) {
            pattern += QLatin1Char('[');
            pattern += cases;
            pattern += QLatin1Char(']');
        } else if (special.contains(c) && glob) {
            pattern += QLatin1Char('[');
            pattern += c;
            pattern += QLatin1Char(']');
        } else if (special.contains(c)) {
            pattern += QLatin1Char('\\');
            pattern += c;
        } else {
            pattern += c;
        }
    }
    if (glob)
        pattern += QLatin1Char('*');
    return {glob ? QStringLiteral("GLOB ?") : QStringLiteral("~ ?"), pattern};
}

// Cursor text: base64url of "<order>|<key>|<id>", where key is the last row's sort value and order names the sort
// the cursor belongs to ("t-"/"t+" timestamp descending/ascending, "a-"/"a+" amount, "x-" anomalies), so that a
// cursor passed back with another sort is refused instead of silently skipping or repeating rows.
QString encodeCursor(const char* order, qint64 key, const QString& id)
{
    const QByteArray raw = QByteArray(order) + '|' + QByteArray::number(key) + '|' + id.toLatin1();
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Status decodeCursor(const QString& cursor, const char* order, qint64* key, QString* id)
{
    const QByteArray raw = QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding);
    const QList<QByteArray> parts = raw.split('|');
    bool ok = parts.size() == 3 && !parts[2].isEmpty();
    if (ok)
        *key = parts[1].toLongLong(&ok);
    if (!ok)
        return Status::invalidArgument(QStringLiteral("cursor"), QStringLiteral("is not a valid page cursor"));
    if (parts[0] != order)
        return Status::invalidArgument(QStringLiteral("cursor"),
                                       QStringLiteral("belongs to another sort order; start again without a cursor"));
    *id = QString::fromLatin1(parts[2]);
    return Status::ok();
}

const char* transactionOrder(const TransactionFilter& f)
{
    if (f.sortKey == SortKey::Amount)
        return f.ascending ? "a+" : "a-";
    return f.ascending ? "t+" : "t-";
}

struct Where
{
    QStringList clauses;
    QVariantList values;
    void add(const QString& clause, const QVariantList& v = {})
    {
        clauses.append(clause);
        values.append(v);
    }
    QString sql() const
    {
        return clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
};

Where transactionWhere(const TransactionFilter& f, const sql::Dialect& d)
{
    Where w;
    if (f.accountId)
        w.add(QStringLiteral("t.account_id = ?"), {*f.accountId});
    if (f.fromMs)
        w.add(QStringLiteral("t.timestamp >= ?"), {*f.fromMs});
    if (f.toMs)
        w.add(QStringLiteral("t.timestamp < ?"), {*f.toMs});
    if (!f.text.trimmed().isEmpty()) {
        const TextMatch m = textMatch(f.text.trimmed(), d);
        w.add(QStringLiteral("(t.description %1 OR t.counterparty %1)").arg(m.op), {m.pattern, m.pattern});
    }
    if (f.category)
        w.add(QStringLiteral("t.category = ?"), {categoryKey(*f.category)});
    if (f.minAmount)
        w.add(QStringLiteral("t.amount >= ?"), {*f.minAmount});
    if (f.maxAmount)
        w.add(QStringLiteral("t.amount <= ?"), {*f.maxAmount});
    if (f.risk)
        w.add(QStringLiteral("s.risk = ?"), {riskName(*f.risk)});
    return w;
}

Where anomalyWhere(const AnomalyFilter& f, const sql::Dialect& d)
{
    Where w;
    if (f.risk)
        w.add(QStringLiteral("x.risk = ?"), {riskName(*f.risk)});
    if (f.accountId)
        w.add(QStringLiteral("x.account_id = ?"), {*f.accountId});
    if (f.status)
        w.add(QStringLiteral("x.status = ?"), {anomalyStatusKey(*f.status)});
    if (f.fromMs)
        w.add(QStringLiteral("x.detected_at >= ?"), {*f.fromMs});
    if (f.toMs)
        w.add(QStringLiteral("x.detected_at < ?"), {*f.toMs});
    if (f.assignee)
        w.add(QStringLiteral("x.assignee = ?"), {sql::text(*f.assignee)});
    if (!f.text.isEmpty()) {
        // The explanation's words are its entries' "text" values. A LIKE on the whole JSON first skips the parsing
        // of rows that cannot match; it is left out for text that JSON escapes (quotes, backslashes, controls).
        const TextMatch m = textMatch(f.text, d);
        const QString& pattern = m.pattern;
        const bool jsonEscapes = std::any_of(f.text.cbegin(), f.text.cend(), [](QChar c) {
            return c == QLatin1Char('"') || c == QLatin1Char('\\') || c.unicode() < 0x20;
        });
        w.add(QStringLiteral("(EXISTS (SELECT 1 FROM transactions d WHERE d.id = x.transaction_id AND "
                             "(d.description %1 OR d.counterparty %1)) OR EXISTS "
                             "(SELECT 1 FROM audit_log n WHERE n.anomaly_id = x.id AND n.note %1) OR "
                             "EXISTS (SELECT 1 FROM accounts m WHERE m.id = x.account_id AND m.name %1) OR "
                             "((? = 1 OR x.explanation %1) AND EXISTS (SELECT 1 FROM %2 WHERE %3 %1)))")
                  .arg(m.op, d.jsonElements(QStringLiteral("x.explanation"), "e"),
                       d.jsonMember(QStringLiteral("e.value"), "text")),
              {pattern, pattern, pattern, pattern, int(jsonEscapes), pattern, pattern});
    }
    return w;
}

Status checkLimit(int limit)
{
    if (limit < 1 || limit > kMaxPageSize)
        return Status::invalidArgument(QStringLiteral("limit"),
                                       QStringLiteral("must be between 1 and %1").arg(kMaxPageSize));
    return Status::ok();
}

QString accountSelect()
{
    // Open anomaly counts by risk over transactions of the account's last kHealthWindowDays days: those before the
    // clock's now, or before the account's newest transaction when that is older (statements of past months: their
    // cases still tell the account's health). Range counts in the anomalies_health index (schema version 2).
    // Binds healthWindowValues() once per count.
    const QString since = QStringLiteral("(CASE WHEN a.last_activity < ? THEN a.last_activity ELSE ? END - ?)");
    return QStringLiteral(
               "SELECT a.id, a.name, a.type, a.currency, a.balance, a.is_stale, a.change_seq, a.created_at, "
               "a.updated_at, a.last_activity, a.transaction_count, "
               "(SELECT count(*) FROM anomalies x WHERE x.account_id = a.id AND x.status = 'open' AND x.risk = 'HIGH' "
               " AND x.transaction_time >= %1), "
               "(SELECT count(*) FROM anomalies x WHERE x.account_id = a.id AND x.status = 'open' AND x.risk = "
               "'MEDIUM' AND x.transaction_time >= %1), "
               "(SELECT count(*) FROM anomalies x WHERE x.account_id = a.id AND x.status = 'open' AND x.risk = 'LOW' "
               " AND x.transaction_time >= %1), a.closed_at "
               "FROM accounts a")
        .arg(since);
}

// The values accountSelect()'s counts bind, for the clock's now.
QVariantList healthWindowValues(qint64 nowMs)
{
    const qint64 window = kHealthWindowDays * kDayMs;
    return {nowMs, nowMs, window, nowMs, nowMs, window, nowMs, nowMs, window};
}

// The columns of accountSelect() from a Qt Sql row, read the way a kept statement's row reads them.
struct QtRow
{
    const QSqlQuery& q;
    qint64 int64(int column) const { return q.value(column).toLongLong(); }
    QString text(int column) const { return q.value(column).toString(); }
    bool isNull(int column) const { return q.isNull(column); }
};

// An account from the columns of accountSelect(): `q` is a kept statement's row or a QtRow.
template<typename Row> Account readAccountFrom(const Row& q)
{
    Account a;
    a.id = q.int64(0);
    a.name = q.text(1);
    a.type = accountTypeFromKey(q.text(2)).value_or(AccountType::Checking);
    a.currency = q.text(3);
    a.balance = q.int64(4);
    a.isStale = q.int64(5) != 0;
    a.changeSeq = q.int64(6);
    a.createdAt = q.int64(7);
    a.updatedAt = q.int64(8);
    if (!q.isNull(9))
        a.lastActivity = q.int64(9);
    a.transactionCount = q.int64(10);
    a.openHigh = int(q.int64(11));
    a.openMedium = int(q.int64(12));
    a.openLow = int(q.int64(13));
    a.health = healthFor(a.openHigh, a.openMedium);
    if (!q.isNull(14))
        a.closedAt = q.int64(14);
    return a;
}

Account readAccount(const QSqlQuery& q)
{
    return readAccountFrom(QtRow {q});
}

} // namespace

Result<Account> Ledger::account(qint64 id) const
{
    static const QString text = accountSelect() + QStringLiteral(" WHERE a.id = ?");
    const QString what = QStringLiteral("read account");
    const QVariantList values = healthWindowValues(m_clock.nowMs()) + QVariantList {id};
    const auto missing = [id] { return Status::notFound(QStringLiteral("account %1 does not exist").arg(id)); };
    auto k = sql::kept(*m_database, text, what);
    if (!k)
        return k.status();
    if (k->statement == nullptr)
        return sql::oneRow(k->db, text, values, what, readAccount, missing());
    std::optional<Account> found;
    Status s = sql::visitKeptRows(*k->statement, values, what, [&](const sqlite::Statement& row) {
        found = readAccountFrom(row);
        return false;
    });
    if (!s.isOk())
        return s;
    if (!found)
        return missing();
    return *found;
}

Result<QList<Account>> Ledger::accounts() const
{
    return sql::rows(*m_database, accountSelect() + QStringLiteral(" ORDER BY a.id"),
                     healthWindowValues(m_clock.nowMs()), QStringLiteral("list accounts"), readAccount);
}

Result<QList<qint64>> Ledger::staleAccountIds() const
{
    return sql::rows(*m_database,
                     QStringLiteral("SELECT id FROM accounts WHERE is_stale = 1 AND closed_at IS NULL ORDER BY id"), {},
                     QStringLiteral("list stale accounts"), [](const QSqlQuery& q) { return q.value(0).toLongLong(); });
}

Result<Transaction> Ledger::transaction(const QString& id) const
{
    return sql::oneRow(*m_database,
                       QStringLiteral("SELECT %1 FROM transactions t%2 WHERE t.id = ?")
                           .arg(QLatin1String(sql::kTransactionColumns), QLatin1String(sql::kTransactionJoins)),
                       {id.toLower()}, QStringLiteral("read transaction"), sql::readTransaction,
                       Status::notFound(QStringLiteral("transaction %1 does not exist").arg(id)));
}

namespace {

// Reads up to page.limit rows of `text` (which selects page.limit + 1 rows in page order); when the extra row is
// there, the page gets the cursor `cursorOf(last item of the page)`.
template<typename T, typename Read, typename CursorOf>
Result<Page<T>> readPage(sql::Connection c, const QString& text, const QVariantList& values, const QString& what,
                         int limit, Read read, CursorOf cursorOf)
{
    Page<T> out;
    out.items.reserve(limit);
    bool more = false;
    Status s = sql::forEachRow(c, text, values, what, [&](const QSqlQuery& q) {
        if (out.items.size() == limit)
            more = true;
        else
            out.items.append(read(q));
    });
    if (!s.isOk())
        return s;
    if (more)
        out.nextCursor = cursorOf(out.items.constLast());
    return out;
}

} // namespace

namespace {

// The (timestamp, id) a page cursor continues after.
struct CursorKey
{
    qint64 timestamp;
    QString id;
};

// A page of transactions in (timestamp, id) order (descending unless filter.ascending) matching `filter` and, after
// `cursor`, `where` (the filter's clauses and the cursor's): up to limit + 1 rows, the last one only telling that
// there are more. Errors: the mapped SQL error.
Result<QList<Transaction>> transactionsByTime(const Database& database, const TransactionFilter& filter,
                                              const Where& where, const std::optional<CursorKey>& cursor, int limit,
                                              const QString& what)
{
    const bool ascending = filter.ascending;
    // The secondary indexes end in the row key (seq), so (timestamp, seq) order comes straight from the index while
    // (timestamp, id) order would sort every run of equal timestamps. The rows are read in (timestamp, seq) order and
    // the runs put in id order here; when the run at the end of the page may continue past the rows read, that
    // run's rows are read again in id order.
    const QString dir = ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    const qsizetype wanted = qsizetype(limit) + 1;
    QList<Transaction> rows;
    rows.reserve(wanted);
    // Appends up to `count` rows matching `w` in `order`: through the connection's kept statement, else Qt Sql.
    const auto read = [&](const Where& w, const QString& order, qsizetype count) -> Status {
        const QString text
            = QStringLiteral("SELECT %1 FROM transactions t%2%3 ORDER BY %4 LIMIT ?")
                  .arg(QLatin1String(sql::kTransactionColumns), QLatin1String(sql::kTransactionJoins), w.sql(), order);
        auto k = sql::kept(database, text, what);
        if (!k)
            return k.status();
        if (k->statement == nullptr)
            return sql::forEachRow(k->db, text, w.values + QVariantList {count}, what,
                                   [&](const QSqlQuery& row) { rows.append(sql::readTransaction(row)); });
        return sql::visitKeptRows(
            *k->statement, w.values + QVariantList {count}, what, [&](const sqlite::Statement& row) {
                rows.append(sql::readTransactionRow(row, rows.isEmpty() ? nullptr : &rows.constLast()));
                return true;
            });
    };
    if (Status s = read(where, QStringLiteral("t.timestamp %1, t.seq %1").arg(dir), wanted); !s.isOk())
        return s;
    const auto before = [ascending](const Transaction& a, const Transaction& b) {
        if (a.timestamp != b.timestamp)
            return ascending ? a.timestamp < b.timestamp : a.timestamp > b.timestamp;
        return ascending ? a.id < b.id : a.id > b.id;
    };
    if (rows.size() < wanted || rows[limit - 1].timestamp != rows[limit].timestamp) {
        // Every run that reaches into the page was read whole.
        if (!std::is_sorted(rows.cbegin(), rows.cend(), before))
            std::sort(rows.begin(), rows.end(), before);
        return rows;
    }
    const qint64 last = rows.constLast().timestamp;
    const auto runBegin
        = std::find_if(rows.cbegin(), rows.cend(), [last](const Transaction& t) { return t.timestamp == last; });
    rows.erase(runBegin, rows.cend());
    std::sort(rows.begin(), rows.end(), before);
    // The run's rows: the filter without its date range (the run lies inside it), the timestamp by equality (so
    // SQLite seeks it instead of scanning a range) and, in the cursor's own run, the ids after the cursor's.
    TransactionFilter inRun = filter;
    inRun.fromMs.reset();
    inRun.toMs.reset();
    Where run = transactionWhere(inRun, sql::dialect(database));
    run.add(QStringLiteral("t.timestamp = ?"), {last});
    if (cursor && cursor->timestamp == last)
        run.add(ascending ? QStringLiteral("t.id > ?") : QStringLiteral("t.id < ?"), {cursor->id});
    if (Status s = read(run, QStringLiteral("t.id ") + dir, wanted - rows.size()); !s.isOk())
        return s;
    return rows;
}

} // namespace

Result<Page<Transaction>> Ledger::transactions(const TransactionFilter& filter, const PageRequest& page) const
{
    if (Status s = checkLimit(page.limit); !s.isOk())
        return s;
    Where w = transactionWhere(filter, sql::dialect(*m_database));
    const bool byAmount = filter.sortKey == SortKey::Amount;
    const QString key = byAmount ? QStringLiteral("t.amount") : QStringLiteral("t.timestamp");
    const QString dir = filter.ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    std::optional<CursorKey> cursor;
    if (!page.cursor.isEmpty()) {
        qint64 k = 0;
        QString id;
        if (Status s = decodeCursor(page.cursor, transactionOrder(filter), &k, &id); !s.isOk())
            return s;
        // The bound on the key alone lets SQLite range-scan the index; the row value breaks ties by id.
        const QString op = filter.ascending ? QStringLiteral(">") : QStringLiteral("<");
        w.add(QStringLiteral("%1 %2= ? AND (%1, t.id) %2 (?, ?)").arg(key, op), {k, k, id});
        cursor = CursorKey {k, id};
    }
    const QString what = QStringLiteral("list transactions");
    const auto cursorOf = [&](const Transaction& last) {
        return encodeCursor(transactionOrder(filter), byAmount ? last.amount : last.timestamp, last.id);
    };
    if (!byAmount) {
        auto byTime = transactionsByTime(*m_database, filter, w, cursor, page.limit, what);
        if (!byTime)
            return byTime.status();
        Page<Transaction> out;
        out.items = std::move(*byTime);
        if (out.items.size() > page.limit) {
            out.items.resize(page.limit);
            out.nextCursor = cursorOf(out.items.constLast());
        }
        return out;
    }
    const QString text
        = QStringLiteral("SELECT %1 FROM transactions t%2%3 ORDER BY %4 %5, t.id %5 LIMIT ?")
              .arg(QLatin1String(sql::kTransactionColumns), QLatin1String(sql::kTransactionJoins), w.sql(), key, dir);
    const QVariantList values = w.values + QVariantList {page.limit + 1};
    auto k = sql::kept(*m_database, text, what);
    if (!k)
        return k.status();
    if (k->statement == nullptr)
        return readPage<Transaction>(k->db, text, values, what, page.limit, sql::readTransaction, cursorOf);
    Page<Transaction> out;
    out.items.reserve(page.limit);
    Status s = sql::visitKeptRows(*k->statement, values, what, [&](const sqlite::Statement& row) {
        if (out.items.size() == page.limit) {
            out.nextCursor = cursorOf(out.items.constLast());
            return false;
        }
        out.items.append(sql::readTransactionRow(row, out.items.isEmpty() ? nullptr : &out.items.constLast()));
        return true;
    });
    if (!s.isOk())
        return s;
    return out;
}

Result<qint64> Ledger::countTransactions(const TransactionFilter& filter) const
{
    const Where w = transactionWhere(filter, sql::dialect(*m_database));
    const QString join = filter.risk ? QStringLiteral(" JOIN transaction_scores s ON s.seq = t.seq") : QString();
    return sql::integer(*m_database, QStringLiteral("SELECT count(*) FROM transactions t%1%2").arg(join, w.sql()),
                        w.values, QStringLiteral("count transactions"));
}

Result<qint64> Ledger::sumOfTransactions(qint64 accountId) const
{
    return sql::integer(*m_database,
                        QStringLiteral("SELECT coalesce(sum(amount), 0) FROM transactions WHERE account_id = ?"),
                        {accountId}, QStringLiteral("sum transactions"));
}

Result<Anomaly> Ledger::anomaly(const QString& id) const
{
    return sql::oneRow(*m_database,
                       QStringLiteral("SELECT %1 FROM anomalies x JOIN transactions t ON t.id = x.transaction_id "
                                      "JOIN accounts a ON a.id = x.account_id WHERE x.id = ?")
                           .arg(QLatin1String(sql::kAnomalyColumns)),
                       {id}, QStringLiteral("read anomaly"), sql::readAnomaly,
                       Status::notFound(QStringLiteral("anomaly %1 does not exist").arg(id)));
}

Result<Page<Anomaly>> Ledger::anomalies(const AnomalyFilter& filter, const PageRequest& page) const
{
    if (Status s = checkLimit(page.limit); !s.isOk())
        return s;
    Where w = anomalyWhere(filter, sql::dialect(*m_database));
    if (!page.cursor.isEmpty()) {
        qint64 k = 0;
        QString id;
        if (Status s = decodeCursor(page.cursor, "x-", &k, &id); !s.isOk())
            return s;
        w.add(QStringLiteral("(x.detected_at, x.id) < (?, ?)"), {k, id});
    }
    return readPage<Anomaly>(
        *m_database,
        QStringLiteral("SELECT %1 FROM anomalies x JOIN transactions t ON t.id = x.transaction_id "
                       "JOIN accounts a ON a.id = x.account_id%2 ORDER BY x.detected_at DESC, x.id DESC LIMIT ?")
            .arg(QLatin1String(sql::kAnomalyColumns), w.sql()),
        w.values + QVariantList {page.limit + 1}, QStringLiteral("list anomalies"), page.limit, sql::readAnomaly,
        [](const Anomaly& last) { return encodeCursor("x-", last.detectedAt, last.id); });
}

Result<qint64> Ledger::countAnomalies(const AnomalyFilter& filter) const
{
    const Where w = anomalyWhere(filter, sql::dialect(*m_database));
    return sql::integer(*m_database, QStringLiteral("SELECT count(*) FROM anomalies x%1").arg(w.sql()), w.values,
                        QStringLiteral("count anomalies"));
}

Result<OpenCaseCounts> Ledger::openCaseCounts() const
{
    auto row = sql::firstRow(
        *m_database,
        QStringLiteral("SELECT sum(CASE WHEN risk = 'HIGH' THEN 1 ELSE 0 END), sum(CASE WHEN risk = 'MEDIUM' THEN 1 "
                       "ELSE 0 END), sum(CASE WHEN risk = 'LOW' THEN 1 ELSE 0 END) FROM "
                       "anomalies WHERE status = 'open'"),
        {}, QStringLiteral("count open anomalies"), [](const QSqlQuery& q) {
            return OpenCaseCounts {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
        });
    if (!row)
        return row.status();
    return row->value_or(OpenCaseCounts {});
}

Result<QStringList> Ledger::anomalyAssignees() const
{
    return sql::rows(*m_database,
                     QStringLiteral("SELECT DISTINCT assignee FROM anomalies WHERE assignee <> '' ORDER BY assignee"),
                     {}, QStringLiteral("list assignees"), [](const QSqlQuery& q) { return q.value(0).toString(); });
}

Result<QList<DailyCount>> Ledger::anomaliesPerDay(qint64 fromMs, qint64 toMs) const
{
    return sql::rows(
        *m_database,
        QStringLiteral("SELECT (x.transaction_time / ?) * ? AS day, sum(CASE WHEN x.risk = 'HIGH' THEN 1 ELSE 0 END), "
                       "sum(CASE WHEN x.risk = 'MEDIUM' THEN 1 ELSE 0 END), "
                       "sum(CASE WHEN x.risk = 'LOW' THEN 1 ELSE 0 END) FROM anomalies x WHERE x.transaction_time >= ? "
                       "AND x.transaction_time < ? "
                       "AND x.status <> 'dismissed' AND x.status <> 'cleared' GROUP BY day ORDER BY day"),
        {kDayMs, kDayMs, fromMs, toMs}, QStringLiteral("count anomalies per day"), [](const QSqlQuery& q) {
            return DailyCount {q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toInt(), q.value(3).toInt()};
        });
}

Result<QList<qint64>> Ledger::scoreHistogram(int bins) const
{
    if (bins < 1 || bins > 1000)
        return Status::invalidArgument(QStringLiteral("bins"), QStringLiteral("must be between 1 and 1000"));
    QList<qint64> out(bins, 0);
    Status s
        = sql::forEachRow(*m_database,
                          QStringLiteral("SELECT %1(%2, ? - 1) AS bin, count(*) FROM transaction_scores GROUP BY bin")
                              .arg(QLatin1String(sql::dialect(*m_database).least),
                                   sql::dialect(*m_database).truncate(QStringLiteral("score * ?"))),
                          {bins, bins}, QStringLiteral("score histogram"), [&](const QSqlQuery& q) {
                              const int bin = q.value(0).toInt();
                              if (bin >= 0 && bin < bins)
                                  out[bin] += q.value(1).toLongLong();
                          });
    if (!s.isOk())
        return s;
    return out;
}

Result<QList<BalancePoint>> Ledger::dailyBalances(std::optional<qint64> accountId, qint64 fromMs, qint64 toMs,
                                                  const QString& currency) const
{
    auto db = m_database->connection();
    if (!db)
        return db.status();
    // Per account: the balance before fromMs, then the day's net change, accumulated day by day.
    Where w;
    if (accountId)
        w.add(QStringLiteral("account_id = ?"), {*accountId});
    if (!currency.isEmpty())
        w.add(QStringLiteral("account_id IN (SELECT id FROM accounts WHERE currency = ?)"), {currency});
    Where before = w;
    before.add(QStringLiteral("timestamp < ?"), {fromMs});
    auto opening
        = sql::integer(*db, QStringLiteral("SELECT coalesce(sum(amount), 0) FROM transactions%1").arg(before.sql()),
                       before.values, QStringLiteral("opening balance"));
    if (!opening)
        return opening.status();
    qint64 balance = *opening;
    Where range = w;
    range.add(QStringLiteral("timestamp >= ?"), {fromMs});
    range.add(QStringLiteral("timestamp < ?"), {toMs});
    QHash<qint64, qint64> change;
    Status s = sql::forEachRow(
        *db,
        QStringLiteral("SELECT (timestamp / ?) AS day, sum(amount) FROM transactions%1 GROUP BY day ORDER BY day")
            .arg(range.sql()),
        QVariantList {kDayMs} + range.values, QStringLiteral("daily balances"),
        [&](const QSqlQuery& q) { change.insert(q.value(0).toLongLong(), q.value(1).toLongLong()); });
    if (!s.isOk())
        return s;
    QList<BalancePoint> out;
    for (qint64 day = fromMs / kDayMs; day * kDayMs < toMs; ++day) {
        balance += change.value(day, 0);
        out.append({qMin((day + 1) * kDayMs, toMs), balance});
    }
    return out;
}

Result<QString> Ledger::meta(const QString& key) const
{
    auto value
        = sql::firstRow(*m_database, QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key},
                        QStringLiteral("read metadata"), [](const QSqlQuery& q) { return q.value(0).toString(); });
    if (!value)
        return value.status();
    return value->value_or(QString());
}

Result<QHash<QString, QString>> Ledger::injectedLabels() const
{
    QHash<QString, QString> out;
    Status s = sql::forEachRow(*m_database, QStringLiteral("SELECT transaction_id, anomaly_type FROM injected_labels"),
                               {}, QStringLiteral("read labels"),
                               [&](const QSqlQuery& q) { out.insert(q.value(0).toString(), q.value(1).toString()); });
    if (!s.isOk())
        return s;
    return out;
}

} // namespace ledgerguard
