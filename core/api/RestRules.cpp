// SPDX-License-Identifier: GPL-3.0-or-later
// The rule routes (docs/API.md "Rules"): GET/POST /rules, GET/PUT/DELETE /rules/{id}, POST /rules/preview,
// GET /rule-lists, GET/PUT /rule-lists/{name}. Rules are validated by core/rules (422 naming the JSON path).
#include "api/JsonMapping.h"
#include "api/JsonWriter_p.h"
#include "api/RestQuery_p.h"
#include "api/RestRoutes_p.h"
#include "ledger/Ledger.h"
#include "rules/RuleBook.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ledgerguard::api {

namespace {

const QueryTable kNoParams;
const QueryTable kPreviewQuery {
    {QStringLiteral("limit"), ParamType::Limit, {}, {}},
    {QStringLiteral("offset"), ParamType::Integer, {}, {}},
};
const QStringList kRuleFields {QStringLiteral("id"),        QStringLiteral("name"),      QStringLiteral("enabled"),
                               QStringLiteral("version"),   QStringLiteral("condition"), QStringLiteral("effect"),
                               QStringLiteral("createdAt"), QStringLiteral("updatedAt"), QStringLiteral("updatedBy"),
                               QStringLiteral("hits")};

// A rule as the API shows it: its JSON (rules::toJson) with the stored metadata and its hits (cases naming it).
QJsonObject ruleJson(const rules::Rule& rule, const StoredRule* stored, qint64 hits)
{
    QJsonObject o = rules::toJson(rule);
    if (stored) {
        o.insert(QStringLiteral("createdAt"), isoUtc(stored->createdAt));
        o.insert(QStringLiteral("updatedAt"), isoUtc(stored->updatedAt));
        o.insert(QStringLiteral("updatedBy"), stored->updatedBy);
    }
    o.insert(QStringLiteral("hits"), hits);
    return o;
}

Reply ruleReply(const Ledger& ledger, const QString& id, int status)
{
    auto stored = ledger.storedRule(id);
    if (!stored)
        return errorReply(stored.status());
    auto rule = rules::RuleBook(const_cast<Ledger&>(ledger)).rule(id);
    if (!rule)
        return errorReply(rule.status());
    auto hits = ledger.ruleHits();
    if (!hits)
        return errorReply(hits.status());
    Reply reply = jsonReply(status, ruleJson(*rule, &*stored, hits->value(id)));
    if (status == 201)
        reply.headers.append({"Location", "/rules/" + id.toUtf8()});
    return reply;
}

QJsonObject listJson(const RuleList& l)
{
    return {{QStringLiteral("name"), l.name},
            {QStringLiteral("entries"), QJsonArray::fromStringList(l.entries)},
            {QStringLiteral("updatedAt"), isoUtc(l.updatedAt)},
            {QStringLiteral("updatedBy"), l.updatedBy}};
}

} // namespace

Reply getRules(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoParams); !query)
        return query.status();
    auto stored = ledger.storedRules();
    if (!stored)
        return errorReply(stored.status());
    auto hits = ledger.ruleHits();
    if (!hits)
        return errorReply(hits.status());
    QJsonArray items;
    for (const StoredRule& s : *stored) {
        auto rule = rules::parseRule(QJsonDocument::fromJson(s.definition.toUtf8()).object());
        if (!rule)
            return errorReply(Status::corruption(QStringLiteral("stored rule %1 does not parse").arg(s.id)));
        rule->id = s.id;
        rule->version = s.version;
        rule->enabled = s.enabled;
        items.append(ruleJson(*rule, &s, hits->value(s.id)));
    }
    return jsonReply(200, {{QStringLiteral("items"), items}});
}

Reply getRule(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoParams); !query)
        return query.status();
    return ruleReply(ledger, request.captures.value(0), 200);
}

Reply saveRule(Ledger& ledger, const Request& request, bool create)
{
    if (const auto query = Query::read(request, kNoParams); !query)
        return query.status();
    auto body = parseObject(request, kRuleFields, {QStringLiteral("version")});
    if (!body)
        return body.status();
    QJsonObject json = *body;
    json.remove(QStringLiteral("hits"));
    const QString id = create ? QString() : request.captures.value(0);
    if (!create && json.contains(QStringLiteral("id")) && json.value(QStringLiteral("id")).toString() != id)
        return fieldErrors({{QStringLiteral("id"), QStringLiteral("must be the rule's id in the path")}});
    auto saved = rules::RuleBook(ledger).save(json, request.actor, id);
    if (!saved)
        return errorReply(saved.status());
    return ruleReply(ledger, saved->id, create ? 201 : 200);
}

Reply deleteRule(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoParams); !query)
        return query.status();
    if (Status s = ledger.deleteRule(request.captures.value(0), request.actor); !s.isOk())
        return errorReply(s);
    return Reply {204, {}, {}};
}

Reply previewRule(const Ledger& ledger, const Request& request)
{
    const auto query = Query::read(request, kPreviewQuery);
    if (!query)
        return query.status();
    const auto values = query->values(QString());
    if (!values)
        return values.status();
    const qint64 offset = values->integer(QStringLiteral("offset")).value_or(0);
    if (offset < 0)
        return fieldErrors({{QStringLiteral("offset"), QStringLiteral("must be at least 0")}});
    auto body = parseObject(request, kRuleFields, {QStringLiteral("version")});
    if (!body)
        return body.status();
    QJsonObject json = *body;
    json.remove(QStringLiteral("hits"));
    rules::RuleBook book(const_cast<Ledger&>(ledger));
    auto lists = ledger.ruleLists();
    if (!lists)
        return errorReply(lists.status());
    QStringList names;
    for (const RuleList& l : *lists)
        names.append(l.name);
    auto rule = rules::parseRule(json, names);
    if (!rule)
        return errorReply(rule.status());
    auto preview = book.preview(*rule, offset, values->integer(QStringLiteral("limit")).value_or(50));
    if (!preview)
        return errorReply(preview.status());
    QByteArray out;
    JsonWriter w(&out);
    w.beginObject();
    w.key("total");
    w.integer(preview->total);
    w.key("offset");
    w.integer(offset);
    w.key("items");
    w.beginArray();
    for (const rules::PreviewHit& h : std::as_const(preview->hits)) {
        w.beginObject();
        w.key("transaction");
        writeJson(w, h.transaction);
        w.key("matched");
        w.string(h.text);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return Reply {200, out, {}};
}

Reply getRuleLists(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoParams); !query)
        return query.status();
    auto lists = ledger.ruleLists();
    if (!lists)
        return errorReply(lists.status());
    QJsonArray items;
    for (const RuleList& l : *lists)
        items.append(listJson(l));
    return jsonReply(200, {{QStringLiteral("items"), items}});
}

Reply getRuleList(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoParams); !query)
        return query.status();
    auto list = ledger.ruleList(request.captures.value(0));
    if (!list)
        return errorReply(list.status());
    return jsonReply(200, listJson(*list));
}

Reply putRuleList(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoParams); !query)
        return query.status();
    auto body = parseObject(
        request,
        {QStringLiteral("name"), QStringLiteral("entries"), QStringLiteral("updatedAt"), QStringLiteral("updatedBy")});
    if (!body)
        return body.status();
    const QString name = request.captures.value(0);
    if (body->contains(QStringLiteral("name")) && body->value(QStringLiteral("name")).toString() != name)
        return fieldErrors({{QStringLiteral("name"), QStringLiteral("must be the list's name in the path")}});
    const QJsonValue entries = body->value(QStringLiteral("entries"));
    if (!entries.isArray())
        return fieldErrors({{QStringLiteral("entries"),
                             entries.isUndefined() ? QStringLiteral("required")
                                                   : QStringLiteral("must be an array of counterparty names")}});
    QStringList names;
    const QJsonArray items = entries.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isString())
            return fieldErrors({{QStringLiteral("entries[%1]").arg(i), QStringLiteral("must be a string")}});
        names.append(items[i].toString());
    }
    auto saved = ledger.saveRuleList(name, names, request.actor);
    if (!saved)
        return errorReply(saved.status());
    return jsonReply(200, listJson(*saved));
}

} // namespace ledgerguard::api
