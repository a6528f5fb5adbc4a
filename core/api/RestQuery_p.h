// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/api: query parameters declared as one table per route (name, type, allowed values) and
// checked in two steps, so that a route can look up what a value depends on (the account whose currency an amount
// is in) between them:
//  1. Query::read: every name at most once and only the names in the table (400 naming the first that is not);
//  2. Query::values: every given value checked by its type (422 naming every bad one in "fields").
// Thread-safe: plain values.

#include "api/RestRoutes_p.h"

#include <QHash>

namespace ledgerguard::api {

enum class ParamType {
    Text, // any text
    Id, // a positive integer in canonical form: "must be a positive integer"
    Integer, // an integer (parseInteger)
    Timestamp, // ISO 8601 or epoch milliseconds (parseTimestamp)
    MajorAmount, // a decimal amount in the currency Query::values is given (parseMajorAmount)
    Limit, // a page size from 1 to kMaxPageSize
    Choice, // exactly one of `allowed`: "must be a, b or c"
    Risk, // LOW, MEDIUM or HIGH as riskFromName reads them (any case, trimmed)
    Category, // a category key (categoryFromKey): "is not a known category"
};

struct QueryParam
{
    QString name;
    ParamType type = ParamType::Text;
    QStringList allowed; // Choice: the values, in the order the error message names them
    QString exclusiveWith; // another parameter that may not be given together with this one (error on this one)
};
// The parameters of one route, in the order the 400 message lists them.
using QueryTable = QList<QueryParam>;

// The checked values of one request: integers for Id, Integer, Timestamp, MajorAmount and Limit (minor units,
// milliseconds), the text for the others.
class QueryValues
{
public:
    bool has(const QString& name) const { return m_integers.contains(name) || m_texts.contains(name); }
    std::optional<qint64> integer(const QString& name) const;
    QString text(const QString& name) const; // empty when not given

private:
    friend class Query;
    QHash<QString, qint64> m_integers;
    QHash<QString, QString> m_texts;
};

// A positive integer id in canonical form ("12", not "012" or "+12"); nullopt otherwise.
std::optional<qint64> parseId(const QString& text);

class Query
{
public:
    // Step 1. Errors: 400 BadRequest naming the first parameter that is not in `table` or is given more than once.
    static Result<Query, Reply> read(const Request& request, const QueryTable& table);

    bool has(const QString& name) const;
    QString raw(const QString& name) const; // the text as given; empty when not given

    // Step 2: checks every given value by its type, MajorAmount in `currency`. `errors` holds field errors the
    // route found itself (they are reported with the others). Errors: 422 InvalidArgument with every bad field.
    Result<QueryValues, Reply> values(const QString& currency, QJsonObject errors = {}) const;

private:
    Query(const QueryTable& table, const QList<QPair<QString, QString>>& items)
        : m_table(table)
        , m_items(items)
    { }
    QueryTable m_table;
    QList<QPair<QString, QString>> m_items;
};

} // namespace ledgerguard::api
