// SPDX-License-Identifier: GPL-3.0-or-later
// Rules, named lists and the ledger's time zone (docs/DETECTION.md "Rules"): their tables, versions and audit
// entries. What a rule means is core/rules' concern; the ledger stores its validated JSON.
#include "ledger/Dialect_p.h"
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"
#include "util/Ids.h"
#include "util/Text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ledgerguard {

namespace {

const QString kTimeZoneKey = QStringLiteral("time_zone");
constexpr int kMaxListNameLength = 100;
const char* const kRuleColumns = "id, name, enabled, version, definition, lists, created_at, updated_at, updated_by";

StoredRule readRule(const QSqlQuery& q)
{
    StoredRule r;
    r.id = q.value(0).toString();
    r.name = q.value(1).toString();
    r.enabled = q.value(2).toInt() != 0;
    r.version = q.value(3).toInt();
    r.definition = q.value(4).toString();
    for (const QJsonValue& v : QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array())
        r.lists.append(v.toString());
    r.createdAt = q.value(6).toLongLong();
    r.updatedAt = q.value(7).toLongLong();
    r.updatedBy = q.value(8).toString();
    return r;
}

RuleList readList(const QSqlQuery& q)
{
    RuleList l;
    l.name = q.value(0).toString();
    for (const QJsonValue& v : QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array())
        l.entries.append(v.toString());
    l.updatedAt = q.value(2).toLongLong();
    l.updatedBy = q.value(3).toString();
    return l;
}

QString compact(const QJsonArray& a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

// The actor of a change, normalized, as `database` records it (Database::recordedActor). Errors:
// InvalidArgument("actor") when empty, too long or not storable text.
Result<QString> actorOf(const QString& actor, const Database& database)
{
    if (Status s = checkText(actor, QStringLiteral("actor")); !s.isOk())
        return s;
    const QString who = normalizedText(actor).trimmed();
    if (who.isEmpty() || who.size() > kMaxActorLength)
        return Status::invalidArgument(QStringLiteral("actor"),
                                       QStringLiteral("must be 1 to %1 characters").arg(kMaxActorLength));
    return database.recordedActor(who);
}

Status audit(QSqlDatabase& db, qint64 at, const QString& actor, const QString& action, const QString& from,
             const QString& to, const QString& note)
{
    return sql::run(db,
                    QStringLiteral("INSERT INTO audit_log (anomaly_id, transaction_id, at, actor, action, from_value, "
                                   "to_value, note) VALUES (NULL, NULL, ?, ?, ?, ?, ?, ?)"),
                    {at, actor, action, sql::text(from), sql::text(to), sql::text(note)},
                    QStringLiteral("audit %1").arg(action));
}

} // namespace

Result<QList<StoredRule>> Ledger::storedRules() const
{
    return sql::rows(*m_database,
                     QStringLiteral("SELECT %1 FROM rules ORDER BY name, id").arg(QLatin1String(kRuleColumns)), {},
                     QStringLiteral("list rules"), readRule);
}

Result<StoredRule> Ledger::storedRule(const QString& id) const
{
    return sql::oneRow(
        *m_database, QStringLiteral("SELECT %1 FROM rules WHERE id = ?").arg(QLatin1String(kRuleColumns)), {id},
        QStringLiteral("read rule"), readRule, Status::notFound(QStringLiteral("no rule with id %1").arg(id)));
}

Result<StoredRule> Ledger::saveRule(const StoredRule& input, const QString& actor)
{
    auto who = actorOf(actor, *m_database);
    if (!who)
        return who.status();
    StoredRule r = input;
    r.name = normalizedText(r.name).trimmed();
    if (Status s = checkText(input.name, QStringLiteral("name")); !s.isOk())
        return s;
    if (r.name.isEmpty() || r.name.size() > 100)
        return Status::invalidArgument(QStringLiteral("name"), QStringLiteral("must be 1 to 100 characters"));
    if (!QJsonDocument::fromJson(r.definition.toUtf8()).isObject())
        return Status::invalidArgument(QStringLiteral("definition"), QStringLiteral("must be a JSON object"));
    r.lists.sort();
    r.lists.removeDuplicates();
    const qint64 now = m_clock.nowMs();
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) -> Status {
        for (const QString& list : std::as_const(r.lists)) {
            auto entries = sql::firstRow(db, QStringLiteral("SELECT entries FROM rule_lists WHERE name = ?"), {list},
                                         QStringLiteral("read named list"),
                                         [](const QSqlQuery& q) { return q.value(0).toString(); });
            if (!entries)
                return entries.status();
            if (!*entries || QJsonDocument::fromJson((*entries)->toUtf8()).array().isEmpty())
                return Status::invalidArgument(QStringLiteral("lists"),
                                               QStringLiteral("no named list \"%1\" with entries").arg(list));
        }
        QString before;
        if (r.id.isEmpty()) {
            r.id = newUuidV7(now);
            r.version = 1;
            r.createdAt = now;
        } else {
            auto old = sql::firstRow(
                db, QStringLiteral("SELECT %1 FROM rules WHERE id = ?").arg(QLatin1String(kRuleColumns)), {r.id},
                QStringLiteral("read rule"), readRule);
            if (!old)
                return old.status();
            if (!*old)
                return Status::notFound(QStringLiteral("no rule with id %1").arg(r.id));
            r.version = (*old)->version + 1;
            r.createdAt = (*old)->createdAt;
            before = QStringLiteral("%1 v%2").arg((*old)->name).arg((*old)->version);
        }
        r.updatedAt = now;
        r.updatedBy = *who;
        const QString lists = compact(QJsonArray::fromStringList(r.lists));
        Status s
            = sql::run(db,
                       QStringLiteral("INSERT INTO rules (id, name, enabled, version, definition, lists, created_at, "
                                      "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) "
                                      "DO UPDATE SET name = excluded.name, enabled = excluded.enabled, version = "
                                      "excluded.version, definition = excluded.definition, lists = excluded.lists, "
                                      "updated_at = excluded.updated_at, updated_by = excluded.updated_by"),
                       {r.id, r.name, r.enabled ? 1 : 0, r.version, r.definition, lists, r.createdAt, now, *who},
                       QStringLiteral("store rule"));
        if (!s.isOk())
            return s;
        s = sql::run(db,
                     QStringLiteral("INSERT INTO rule_versions (rule_id, version, name, definition, deleted, saved_at, "
                                    "saved_by) VALUES (?, ?, ?, ?, 0, ?, ?)"),
                     {r.id, r.version, r.name, r.definition, now, *who}, QStringLiteral("store rule version"));
        if (!s.isOk())
            return s;
        return audit(db, now, *who, QStringLiteral("rule_saved"), before,
                     QStringLiteral("%1 v%2").arg(r.name).arg(r.version), r.definition);
    });
    if (!s.isOk())
        return s;
    Q_EMIT rulesChanged();
    return r;
}

Status Ledger::deleteRule(const QString& id, const QString& actor)
{
    auto who = actorOf(actor, *m_database);
    if (!who)
        return who.status();
    const qint64 now = m_clock.nowMs();
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) -> Status {
        auto old
            = sql::firstRow(db, QStringLiteral("SELECT %1 FROM rules WHERE id = ?").arg(QLatin1String(kRuleColumns)),
                            {id}, QStringLiteral("read rule"), readRule);
        if (!old)
            return old.status();
        if (!*old)
            return Status::notFound(QStringLiteral("no rule with id %1").arg(id));
        const StoredRule& r = **old;
        Status s = sql::run(db, QStringLiteral("DELETE FROM rules WHERE id = ?"), {id}, QStringLiteral("delete rule"));
        if (!s.isOk())
            return s;
        s = sql::run(db,
                     QStringLiteral("INSERT INTO rule_versions (rule_id, version, name, definition, deleted, saved_at, "
                                    "saved_by) VALUES (?, ?, ?, '', 1, ?, ?)"),
                     {id, r.version + 1, r.name, now, *who}, QStringLiteral("store rule version"));
        if (!s.isOk())
            return s;
        return audit(db, now, *who, QStringLiteral("rule_deleted"), QStringLiteral("%1 v%2").arg(r.name).arg(r.version),
                     QString(), r.definition);
    });
    if (!s.isOk())
        return s;
    Q_EMIT rulesChanged();
    return Status::ok();
}

Result<QList<RuleList>> Ledger::ruleLists() const
{
    return sql::rows(*m_database,
                     QStringLiteral("SELECT name, entries, updated_at, updated_by FROM rule_lists ORDER BY name"), {},
                     QStringLiteral("list named lists"), readList);
}

Result<RuleList> Ledger::ruleList(const QString& name) const
{
    return sql::oneRow(*m_database,
                       QStringLiteral("SELECT name, entries, updated_at, updated_by FROM rule_lists WHERE name = ?"),
                       {name}, QStringLiteral("read named list"), readList,
                       Status::notFound(QStringLiteral("no named list \"%1\"").arg(name)));
}

Result<RuleList> Ledger::saveRuleList(const QString& name, const QStringList& entries, const QString& actor)
{
    auto who = actorOf(actor, *m_database);
    if (!who)
        return who.status();
    if (Status s = checkText(name, QStringLiteral("name")); !s.isOk())
        return s;
    RuleList l;
    l.name = normalizedText(name).trimmed();
    if (l.name.isEmpty() || l.name.size() > kMaxListNameLength)
        return Status::invalidArgument(QStringLiteral("name"),
                                       QStringLiteral("must be 1 to %1 characters").arg(kMaxListNameLength));
    QSet<QString> seen;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString field = QStringLiteral("entries[%1]").arg(i);
        if (Status s = checkText(entries[i], field); !s.isOk())
            return s;
        const QString e = normalizedText(entries[i]).trimmed();
        if (e.size() > kMaxCounterpartyLength)
            return Status::invalidArgument(field,
                                           QStringLiteral("must be at most %1 characters").arg(kMaxCounterpartyLength));
        if (e.isEmpty() || seen.contains(e.toCaseFolded()))
            continue;
        seen.insert(e.toCaseFolded());
        l.entries.append(e);
    }
    if (l.entries.isEmpty())
        return Status::invalidArgument(QStringLiteral("entries"), QStringLiteral("a list needs at least one entry"));
    const qint64 now = m_clock.nowMs();
    l.updatedAt = now;
    l.updatedBy = *who;
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) -> Status {
        auto old = sql::firstRow(db, QStringLiteral("SELECT entries FROM rule_lists WHERE name = ?"), {l.name},
                                 QStringLiteral("read named list"),
                                 [](const QSqlQuery& q) { return q.value(0).toString(); });
        if (!old)
            return old.status();
        const QString text = compact(QJsonArray::fromStringList(l.entries));
        Status s
            = sql::run(db,
                       QStringLiteral("INSERT INTO rule_lists (name, entries, updated_at, updated_by) VALUES (?, ?, "
                                      "?, ?) ON CONFLICT (name) DO UPDATE SET entries = excluded.entries, "
                                      "updated_at = excluded.updated_at, updated_by = excluded.updated_by"),
                       {l.name, text, now, *who}, QStringLiteral("store named list"));
        if (!s.isOk())
            return s;
        return audit(db, now, *who, QStringLiteral("rule_list_saved"), old->value_or(QString()), text, l.name);
    });
    if (!s.isOk())
        return s;
    Q_EMIT rulesChanged();
    return l;
}

Status Ledger::deleteRuleList(const QString& name, const QString& actor)
{
    auto who = actorOf(actor, *m_database);
    if (!who)
        return who.status();
    const qint64 now = m_clock.nowMs();
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) -> Status {
        auto old = sql::firstRow(db, QStringLiteral("SELECT entries FROM rule_lists WHERE name = ?"), {name},
                                 QStringLiteral("read named list"),
                                 [](const QSqlQuery& q) { return q.value(0).toString(); });
        if (!old)
            return old.status();
        if (!*old)
            return Status::notFound(QStringLiteral("no named list \"%1\"").arg(name));
        auto users
            = sql::rows(db,
                        QStringLiteral("SELECT name FROM rules WHERE EXISTS (SELECT 1 FROM %1 WHERE l.value = ?) "
                                       "ORDER BY name")
                            .arg(sql::dialect(db).jsonTexts(QStringLiteral("rules.lists"), "l")),
                        {name}, QStringLiteral("find rules using the list"),
                        [](const QSqlQuery& q) { return q.value(0).toString(); });
        if (!users)
            return users.status();
        if (!users->isEmpty())
            return Status::conflict(QStringLiteral("the list \"%1\" is used by the rule(s) %2")
                                        .arg(name, QStringList(*users).join(QStringLiteral(", "))));
        Status s = sql::run(db, QStringLiteral("DELETE FROM rule_lists WHERE name = ?"), {name},
                            QStringLiteral("delete named list"));
        if (!s.isOk())
            return s;
        return audit(db, now, *who, QStringLiteral("rule_list_deleted"), **old, QString(), name);
    });
    if (!s.isOk())
        return s;
    Q_EMIT rulesChanged();
    return Status::ok();
}

Result<QHash<QString, qint64>> Ledger::ruleHits() const
{
    QHash<QString, qint64> out;
    const sql::Dialect& d = sql::dialect(*m_database);
    const QString rule = d.jsonMember(QStringLiteral("e.value"), "rule");
    Status s = sql::forEachRow(*m_database,
                               QStringLiteral("SELECT %1 AS r, count(DISTINCT x.id) FROM anomalies x, %2 WHERE %1 IS "
                                              "NOT NULL GROUP BY r")
                                   .arg(rule, d.jsonElements(d.jsonArrayOrEmpty(QStringLiteral("x.explanation")), "e")),
                               {}, QStringLiteral("count rule hits"),
                               [&](const QSqlQuery& q) { out.insert(q.value(0).toString(), q.value(1).toLongLong()); });
    if (!s.isOk())
        return s;
    return out;
}

Result<QHash<QString, QString>> Ledger::transactionDescriptions(qint64 accountId, const QStringList& ids) const
{
    QHash<QString, QString> out;
    auto read = [&](const QSqlQuery& q) { out.insert(q.value(0).toString(), q.value(1).toString()); };
    if (ids.isEmpty()) {
        if (Status s = sql::forEachRow(*m_database,
                                       QStringLiteral("SELECT id, description FROM transactions WHERE account_id = ?"),
                                       {accountId}, QStringLiteral("read descriptions"), read);
            !s.isOk())
            return s;
        return out;
    }
    constexpr qsizetype kChunk = 500;
    for (qsizetype at = 0; at < ids.size(); at += kChunk) {
        const QStringList chunk = ids.mid(at, kChunk);
        QVariantList values {accountId};
        for (const QString& id : chunk)
            values.append(id);
        QStringList marks(chunk.size(), QStringLiteral("?"));
        if (Status s = sql::forEachRow(*m_database,
                                       QStringLiteral("SELECT id, description FROM transactions WHERE account_id = ? "
                                                      "AND id IN (%1)")
                                           .arg(marks.join(u',')),
                                       values, QStringLiteral("read descriptions"), read);
            !s.isOk())
            return s;
    }
    return out;
}

Result<QSet<QString>> Ledger::paidCounterpartiesBefore(qint64 accountId, const QStringList& counterparties,
                                                       qint64 beforeMs) const
{
    QSet<QString> out;
    for (const QString& c : counterparties) {
        auto found = sql::integer(*m_database,
                                  QStringLiteral("SELECT EXISTS (SELECT 1 FROM transactions WHERE account_id = ? AND "
                                                 "timestamp < ? AND amount < 0 AND lower(counterparty) = lower(?))"),
                                  {accountId, beforeMs, c}, QStringLiteral("find earlier payments"));
        if (!found)
            return found.status();
        if (*found)
            out.insert(c);
    }
    return out;
}

QTimeZone Ledger::timeZone() const
{
    auto stored = meta(kTimeZoneKey);
    if (stored && !stored->isEmpty()) {
        const QTimeZone zone(stored->toUtf8());
        if (zone.isValid())
            return zone;
    }
    return QTimeZone::systemTimeZone();
}

Status Ledger::setTimeZone(const QString& ianaId, const QString& actor)
{
    auto who = actorOf(actor, *m_database);
    if (!who)
        return who.status();
    if (!QTimeZone::isTimeZoneIdAvailable(ianaId.toUtf8()))
        return Status::invalidArgument(QStringLiteral("timeZone"),
                                       QStringLiteral("\"%1\" is not a time zone this system knows (an IANA id such "
                                                      "as Europe/Berlin)")
                                           .arg(ianaId));
    auto before = meta(kTimeZoneKey);
    if (!before)
        return before.status();
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) -> Status {
        Status s
            = sql::run(db,
                       QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                                      "value = excluded.value"),
                       {kTimeZoneKey, ianaId}, QStringLiteral("store time zone"));
        if (!s.isOk())
            return s;
        return audit(db, m_clock.nowMs(), *who, QStringLiteral("time_zone"), *before, ianaId, QString());
    });
    if (!s.isOk())
        return s;
    Q_EMIT rulesChanged();
    return Status::ok();
}

} // namespace ledgerguard
