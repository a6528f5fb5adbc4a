// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/JsonMapping.h"
#include "api/RestQuery_p.h"
#include "ledger/Risk.h"

#include <QSet>
#include <algorithm>

namespace ledgerguard::api {

namespace {

const QueryParam* find(const QueryTable& table, const QString& name)
{
    for (const QueryParam& p : table) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

// "a", "a or b", "a, b or c".
QString alternatives(const QStringList& values)
{
    if (values.size() < 2)
        return values.value(0);
    return values.mid(0, values.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + values.last();
}

// One value by its type: the integer (or nullopt for the text types), or the field's error message.
Result<std::optional<qint64>, QString> check(const QueryParam& param, const QString& text, const QString& currency)
{
    const auto number = [](const Result<qint64>& r) -> Result<std::optional<qint64>, QString> {
        if (!r)
            return r.status().message();
        return std::optional<qint64>(*r);
    };
    switch (param.type) {
    case ParamType::Text:
        if (std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; }))
            return QStringLiteral("must not contain control characters");
        break;
    case ParamType::Id:
        if (const auto id = parseId(text))
            return std::optional<qint64>(*id);
        return QStringLiteral("must be a positive integer");
    case ParamType::Integer:
        return number(parseInteger(text, param.name));
    case ParamType::Timestamp:
        return number(parseTimestamp(text, param.name));
    case ParamType::MajorAmount:
        return number(parseMajorAmount(text, currency, param.name));
    case ParamType::Limit: {
        const auto limit = parseInteger(text, param.name);
        if (!limit || *limit < 1 || *limit > kMaxPageSize)
            return QStringLiteral("must be an integer from 1 to %1").arg(kMaxPageSize);
        return std::optional<qint64>(*limit);
    }
    case ParamType::Choice:
        if (!param.allowed.contains(text, Qt::CaseInsensitive))
            return QString(QStringLiteral("must be ") + alternatives(param.allowed));
        break;
    case ParamType::Risk:
        if (!riskFromName(text))
            return QStringLiteral("must be LOW, MEDIUM or HIGH");
        break;
    case ParamType::Category:
        if (!categoryFromKey(text))
            return QStringLiteral("is not a known category");
        break;
    }
    return std::optional<qint64>();
}

} // namespace

std::optional<qint64> QueryValues::integer(const QString& name) const
{
    const auto it = m_integers.constFind(name);
    return it == m_integers.constEnd() ? std::nullopt : std::optional<qint64>(*it);
}

QString QueryValues::text(const QString& name) const
{
    return m_texts.value(name);
}

std::optional<qint64> parseId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || text != QString::number(id))
        return std::nullopt;
    return id;
}

Result<Query, Reply> Query::read(const Request& request, const QueryTable& table)
{
    QSet<QString> seen;
    for (const auto& [name, value] : request.query) {
        Q_UNUSED(value);
        if (!find(table, name)) {
            QStringList names;
            for (const QueryParam& p : table)
                names.append(p.name);
            const QString hint = names.isEmpty() ? QStringLiteral("this route takes no query parameters")
                                                 : QStringLiteral("allowed: ") + names.join(QStringLiteral(", "));
            return httpError(400, QStringLiteral("BadRequest"),
                             QStringLiteral("unknown query parameter '%1' (%2)").arg(name, hint),
                             QJsonObject {{name, QStringLiteral("unknown query parameter")}});
        }
        if (seen.contains(name)) {
            return httpError(400, QStringLiteral("BadRequest"),
                             QStringLiteral("query parameter '%1' is given more than once").arg(name),
                             QJsonObject {{name, QStringLiteral("given more than once")}});
        }
        seen.insert(name);
    }
    return Query(table, request.query);
}

bool Query::has(const QString& name) const
{
    for (const auto& item : m_items) {
        if (item.first == name)
            return true;
    }
    return false;
}

QString Query::raw(const QString& name) const
{
    for (const auto& item : m_items) {
        if (item.first == name)
            return item.second;
    }
    return QString();
}

Result<QueryValues, Reply> Query::values(const QString& currency, QJsonObject errors) const
{
    QueryValues values;
    for (const QueryParam& param : m_table) {
        if (!has(param.name))
            continue;
        if (!param.exclusiveWith.isEmpty() && has(param.exclusiveWith)) {
            errors.insert(param.name,
                          QStringLiteral("give either %1 or %2, not both").arg(param.name, param.exclusiveWith));
            continue;
        }
        const bool excluded = std::any_of(m_table.begin(), m_table.end(), [&](const QueryParam& other) {
            return other.exclusiveWith == param.name && has(other.name);
        });
        if (excluded)
            continue; // reported on the other one
        const QString text = raw(param.name);
        const auto checked = check(param, text, currency);
        if (!checked)
            errors.insert(param.name, checked.status());
        else if (*checked)
            values.m_integers.insert(param.name, **checked);
        else if (param.type == ParamType::Choice) // stored as the table spells it
            values.m_texts.insert(param.name,
                                  *std::find_if(param.allowed.cbegin(), param.allowed.cend(), [&](const QString& a) {
                                      return a.compare(text, Qt::CaseInsensitive) == 0;
                                  }));
        else
            values.m_texts.insert(param.name, text);
    }
    if (!errors.isEmpty())
        return fieldErrors(errors);
    return values;
}

} // namespace ledgerguard::api
