// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/JsonMapping.h"
#include "api/JsonWriter_p.h"
#include "api/RestRoutes_p.h"
#include "ledger/Ledger.h"
#include "money/Money.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace ledgerguard::api {

namespace {

const QString kDefaultCurrencyForFilters = QStringLiteral("EUR"); // 2 decimals when no account is given

// Field names of Ledger errors -> wire names.
QString wireField(const QString& field)
{
    if (field == QLatin1String("name"))
        return QStringLiteral("accountName");
    if (field == QLatin1String("type"))
        return QStringLiteral("accountType");
    return field;
}

Reply fieldErrors(const QJsonObject& fields)
{
    const QString first = fields.begin().key() + QStringLiteral(": ") + fields.begin().value().toString();
    QJsonObject o {{QLatin1String("error"), fields.size() == 1 ? first : QStringLiteral("invalid values: ") + first},
                   {QLatin1String("code"), QStringLiteral("InvalidArgument")},
                   {QLatin1String("fields"), fields}};
    return jsonReply(422, o);
}

Reply ledgerError(const Status& s)
{
    if (s.isInvalidArgument() && !s.field().isEmpty())
        return fieldErrors(QJsonObject {{wireField(s.field()), s.message()}});
    return errorReply(s);
}

// {"items": [...], "nextCursor": "..." | null}
template<typename T> QByteArray pageJson(const QList<T>& items, const QString& nextCursor)
{
    QByteArray out;
    out.reserve(int(items.size()) * 420 + 64);
    JsonWriter w(&out);
    w.beginObject();
    w.key("items");
    w.beginArray();
    for (const T& item : items)
        writeJson(w, item);
    w.endArray();
    w.key("nextCursor");
    if (nextCursor.isEmpty())
        w.null();
    else
        w.string(nextCursor);
    w.endObject();
    return out;
}

template<typename T> QByteArray objectJson(const T& value)
{
    QByteArray out;
    JsonWriter w(&out);
    writeJson(w, value);
    return out;
}

bool parseLimit(const QueryParams& params, PageRequest* page, QJsonObject* errors)
{
    if (params.has(QStringLiteral("limit"))) {
        auto limit = parseInteger(params.value(QStringLiteral("limit")), QStringLiteral("limit"));
        if (!limit || *limit < 1 || *limit > kMaxPageSize) {
            errors->insert(QStringLiteral("limit"),
                           QStringLiteral("must be an integer from 1 to %1").arg(kMaxPageSize));
            return false;
        }
        page->limit = int(*limit);
    }
    page->cursor = params.value(QStringLiteral("cursor"));
    return true;
}

std::optional<qint64> parseId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || text != QString::number(id))
        return std::nullopt;
    return id;
}

// For routes without query parameters: true with *error set to a 400 naming the first one given.
bool rejectsQuery(const Request& request, Reply* error)
{
    return !QueryParams(request.query).check({}, error);
}

Reply accountNotFound(const QString& id)
{
    return errorReply(Status::notFound(QStringLiteral("account %1 does not exist").arg(id)));
}

// The path's account for the by-account routes: false with *error set to 404 (or the ledger's error).
bool pathAccount(const Ledger& ledger, const Request& request, Account* account, Reply* error)
{
    const auto id = parseId(request.captures.value(0));
    if (!id) {
        *error = accountNotFound(request.captures.value(0));
        return false;
    }
    auto found = ledger.account(*id);
    if (!found) {
        *error = errorReply(found.status());
        return false;
    }
    *account = *found;
    return true;
}

// "from" and "to" query parameters.
void parseRange(const QueryParams& params, std::optional<qint64>* from, std::optional<qint64>* to, QJsonObject* errors)
{
    for (const QString& name : {QStringLiteral("from"), QStringLiteral("to")}) {
        if (!params.has(name))
            continue;
        auto ms = parseTimestamp(params.value(name), name);
        if (!ms)
            errors->insert(name, ms.status().message());
        else
            *(name == QLatin1String("from") ? from : to) = *ms;
    }
}

// 200 with the object, or the ledger's error.
template<typename T> Reply objectReply(const Result<T>& result)
{
    if (!result)
        return ledgerError(result.status());
    return Reply {200, objectJson(*result), {}};
}

template<typename T> Reply pageReply(const Result<Page<T>>& result)
{
    if (!result)
        return ledgerError(result.status());
    return Reply {200, pageJson(result->items, result->nextCursor), {}};
}

} // namespace

Reply jsonReply(int status, const QJsonObject& object)
{
    return Reply {status, QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

Reply errorReply(const Status& status)
{
    return jsonReply(httpStatusFor(status), errorJson(status));
}

Reply httpError(int status, const QString& code, const QString& message, const QJsonObject& fields)
{
    QJsonObject o {{QLatin1String("error"), message}, {QLatin1String("code"), code}};
    if (!fields.isEmpty())
        o.insert(QLatin1String("fields"), fields);
    return jsonReply(status, o);
}

bool parseObject(const Request& request, const QStringList& allowed, QJsonObject* out, Reply* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = httpError(
            400, QStringLiteral("BadRequest"),
            QStringLiteral("malformed JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
        return false;
    }
    if (!doc.isObject()) {
        *error = httpError(400, QStringLiteral("BadRequest"), QStringLiteral("the body must be a JSON object"));
        return false;
    }
    *out = doc.object();
    QJsonObject unknown;
    for (auto it = out->begin(); it != out->end(); ++it) {
        if (!allowed.contains(it.key()))
            unknown.insert(it.key(), QStringLiteral("unknown field"));
    }
    if (!unknown.isEmpty()) {
        *error = fieldErrors(unknown);
        return false;
    }
    return true;
}

bool QueryParams::check(const QStringList& allowed, Reply* error) const
{
    QSet<QString> seen;
    for (const auto& [name, value] : m_items) {
        Q_UNUSED(value);
        if (!allowed.contains(name)) {
            const QString hint = allowed.isEmpty() ? QStringLiteral("this route takes no query parameters")
                                                   : QStringLiteral("allowed: ") + allowed.join(QStringLiteral(", "));
            *error = httpError(400, QStringLiteral("BadRequest"),
                               QStringLiteral("unknown query parameter '%1' (%2)").arg(name, hint),
                               QJsonObject {{name, QStringLiteral("unknown query parameter")}});
            return false;
        }
        if (seen.contains(name)) {
            *error = httpError(400, QStringLiteral("BadRequest"),
                               QStringLiteral("query parameter '%1' is given more than once").arg(name),
                               QJsonObject {{name, QStringLiteral("given more than once")}});
            return false;
        }
        seen.insert(name);
    }
    return true;
}

bool QueryParams::has(const QString& name) const
{
    for (const auto& item : m_items) {
        if (item.first == name)
            return true;
    }
    return false;
}

QString QueryParams::value(const QString& name) const
{
    for (const auto& item : m_items) {
        if (item.first == name)
            return item.second;
    }
    return QString();
}

// ---- Accounts ----

Reply getAccounts(const Ledger& ledger, const Request& request)
{
    if (Reply error; rejectsQuery(request, &error))
        return error;
    auto accounts = ledger.accounts();
    if (!accounts)
        return errorReply(accounts.status());
    return Reply {200, pageJson(*accounts, QString()), {}};
}

Reply getAccount(const Ledger& ledger, const Request& request)
{
    if (Reply error; rejectsQuery(request, &error))
        return error;
    Account account;
    if (Reply error; !pathAccount(ledger, request, &account, &error))
        return error;
    return Reply {200, objectJson(account), {}};
}

Reply putAccount(Ledger& ledger, const Request& request)
{
    if (Reply error; rejectsQuery(request, &error))
        return error;
    const auto id = parseId(request.captures.value(0));
    if (!id)
        return accountNotFound(request.captures.value(0));
    QJsonObject body;
    Reply error;
    if (!parseObject(request, {QStringLiteral("accountName"), QStringLiteral("accountType")}, &body, &error))
        return error;
    QJsonObject errors;
    const QJsonValue name = body.value(QLatin1String("accountName"));
    const QJsonValue type = body.value(QLatin1String("accountType"));
    if (!name.isString())
        errors.insert(QStringLiteral("accountName"), QStringLiteral("is required and must be a string"));
    std::optional<AccountType> accountType;
    if (!type.isString()) {
        errors.insert(QStringLiteral("accountType"), QStringLiteral("is required and must be a string"));
    } else if (!(accountType = accountTypeFromKey(type.toString()))) {
        QStringList keys;
        for (AccountType t : allAccountTypes())
            keys.append(accountTypeKey(t));
        errors.insert(
            QStringLiteral("accountType"),
            QStringLiteral("'%1' is not one of %2").arg(type.toString().left(64), keys.join(QStringLiteral(", "))));
    }
    if (!errors.isEmpty())
        return fieldErrors(errors);
    return objectReply(ledger.updateAccount(*id, name.toString(), *accountType));
}

// ---- Transactions ----

Reply getTransactions(const Ledger& ledger, const Request& request, bool byAccount)
{
    const QueryParams params(request.query);
    QStringList allowed {QStringLiteral("from"),
                         QStringLiteral("to"),
                         QStringLiteral("q"),
                         QStringLiteral("category"),
                         QStringLiteral("minAmount"),
                         QStringLiteral("maxAmount"),
                         QStringLiteral("minAmountMinor"),
                         QStringLiteral("maxAmountMinor"),
                         QStringLiteral("risk"),
                         QStringLiteral("sort"),
                         QStringLiteral("order"),
                         QStringLiteral("limit"),
                         QStringLiteral("cursor")};
    if (!byAccount)
        allowed.append(QStringLiteral("accountId"));
    Reply error;
    if (!params.check(allowed, &error))
        return error;

    TransactionFilter filter;
    QJsonObject errors;
    QString currency = kDefaultCurrencyForFilters;
    if (byAccount) {
        Account account;
        if (!pathAccount(ledger, request, &account, &error))
            return error;
        filter.accountId = account.id;
        currency = account.currency;
    } else if (params.has(QStringLiteral("accountId"))) {
        const auto id = parseId(params.value(QStringLiteral("accountId")));
        if (!id) {
            errors.insert(QStringLiteral("accountId"), QStringLiteral("must be a positive integer"));
        } else {
            filter.accountId = *id;
            if (params.has(QStringLiteral("minAmount")) || params.has(QStringLiteral("maxAmount"))) {
                auto account = ledger.account(*id);
                if (account)
                    currency = account->currency;
                else if (account.status().isNotFound())
                    errors.insert(QStringLiteral("accountId"), account.status().message());
                else
                    return errorReply(account.status());
            }
        }
    }
    parseRange(params, &filter.fromMs, &filter.toMs, &errors);
    filter.text = params.value(QStringLiteral("q"));
    if (params.has(QStringLiteral("category"))) {
        filter.category = categoryFromKey(params.value(QStringLiteral("category")));
        if (!filter.category)
            errors.insert(QStringLiteral("category"), QStringLiteral("is not a known category"));
    }
    for (const QString& name : {QStringLiteral("minAmount"), QStringLiteral("maxAmount")}) {
        const QString minorName = name + QStringLiteral("Minor");
        std::optional<qint64>& target = name == QLatin1String("minAmount") ? filter.minAmount : filter.maxAmount;
        if (params.has(name) && params.has(minorName)) {
            errors.insert(name, QStringLiteral("give either %1 or %2, not both").arg(name, minorName));
        } else if (params.has(name)) {
            auto v = parseMajorAmount(params.value(name), currency, name);
            if (!v)
                errors.insert(name, v.status().message());
            else
                target = *v;
        } else if (params.has(minorName)) {
            auto v = parseInteger(params.value(minorName), minorName);
            if (!v)
                errors.insert(minorName, v.status().message());
            else
                target = *v;
        }
    }
    if (params.has(QStringLiteral("risk"))) {
        filter.risk = riskFromName(params.value(QStringLiteral("risk")));
        if (!filter.risk)
            errors.insert(QStringLiteral("risk"), QStringLiteral("must be LOW, MEDIUM or HIGH"));
    }
    if (params.has(QStringLiteral("sort"))) {
        const QString sort = params.value(QStringLiteral("sort"));
        if (sort == QLatin1String("amount"))
            filter.sortKey = SortKey::Amount;
        else if (sort != QLatin1String("timestamp"))
            errors.insert(QStringLiteral("sort"), QStringLiteral("must be timestamp or amount"));
    }
    if (params.has(QStringLiteral("order"))) {
        const QString order = params.value(QStringLiteral("order"));
        if (order == QLatin1String("asc"))
            filter.ascending = true;
        else if (order != QLatin1String("desc"))
            errors.insert(QStringLiteral("order"), QStringLiteral("must be asc or desc"));
    }
    PageRequest page;
    parseLimit(params, &page, &errors);
    if (!errors.isEmpty())
        return fieldErrors(errors);

    return pageReply(ledger.transactions(filter, page));
}

Reply getTransaction(const Ledger& ledger, const Request& request)
{
    if (Reply error; rejectsQuery(request, &error))
        return error;
    return objectReply(ledger.transaction(request.captures.value(0)));
}

Reply postTransaction(Ledger& ledger, const Request& request)
{
    if (Reply error; rejectsQuery(request, &error))
        return error;
    QJsonObject body;
    Reply error;
    if (!parseObject(request,
                     {QStringLiteral("accountId"), QStringLiteral("amount"), QStringLiteral("amountMinor"),
                      QStringLiteral("currency"), QStringLiteral("description"), QStringLiteral("category"),
                      QStringLiteral("counterparty"), QStringLiteral("timestamp")},
                     &body, &error))
        return error;

    NewTransaction t;
    t.source = Source::Api;
    QJsonObject errors;
    std::optional<Account> account;
    const QJsonValue accountId = body.value(QLatin1String("accountId"));
    if (accountId.isUndefined()) {
        errors.insert(QStringLiteral("accountId"), QStringLiteral("is required"));
    } else if (auto id = parseMinorAmount(accountId, QStringLiteral("accountId")); !id || *id <= 0) {
        errors.insert(QStringLiteral("accountId"), QStringLiteral("must be a positive integer"));
    } else {
        auto a = ledger.account(*id);
        if (a)
            account = *a;
        else if (a.status().isNotFound())
            errors.insert(QStringLiteral("accountId"), a.status().message());
        else
            return errorReply(a.status());
        t.accountId = *id;
    }

    const bool hasMajor = body.contains(QLatin1String("amount"));
    const bool hasMinor = body.contains(QLatin1String("amountMinor"));
    if (hasMajor == hasMinor) {
        errors.insert(QStringLiteral("amount"),
                      hasMajor ? QStringLiteral("give either amount or amountMinor, not both")
                               : QStringLiteral("is required (amount or amountMinor)"));
    } else if (hasMinor) {
        auto v = parseMinorAmount(body.value(QLatin1String("amountMinor")), QStringLiteral("amountMinor"));
        if (!v)
            errors.insert(QStringLiteral("amountMinor"), v.status().message());
        else
            t.amount = *v;
    } else if (account) {
        auto v = parseMajorAmount(body.value(QLatin1String("amount")), account->currency, QStringLiteral("amount"));
        if (!v)
            errors.insert(QStringLiteral("amount"), v.status().message());
        else
            t.amount = *v;
    }
    if (body.contains(QLatin1String("currency")) && account
        && body.value(QLatin1String("currency")).toString() != account->currency)
        errors.insert(
            QStringLiteral("currency"),
            QStringLiteral("the account's currency is %1; amounts are in that currency").arg(account->currency));

    const auto stringField = [&](const char* name, bool required, QString* target) {
        const QJsonValue v = body.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                errors.insert(QLatin1String(name), QStringLiteral("is required"));
        } else if (!v.isString()) {
            errors.insert(QLatin1String(name), QStringLiteral("must be a string"));
        } else {
            *target = v.toString();
        }
    };
    stringField("description", true, &t.description);
    stringField("category", true, &t.category);
    stringField("counterparty", false, &t.counterparty);
    const QJsonValue timestamp = body.value(QLatin1String("timestamp"));
    if (!timestamp.isUndefined() && !timestamp.isNull()) {
        auto ms = parseTimestamp(timestamp, QStringLiteral("timestamp"));
        if (!ms)
            errors.insert(QStringLiteral("timestamp"), ms.status().message());
        else
            t.timestamp = *ms;
    }
    if (!errors.isEmpty())
        return fieldErrors(errors);

    auto stored = ledger.addTransaction(t);
    if (!stored)
        return ledgerError(stored.status());
    QByteArray out;
    JsonWriter w(&out);
    w.beginObject();
    writeFields(w, *stored);
    // The balance read just after the commit (a concurrent write may already be included).
    if (auto after = ledger.account(stored->accountId)) {
        w.key("newBalance");
        w.decimal(after->balance, Money::decimalsFor(after->currency));
        w.key("newBalanceMinor");
        w.integer(after->balance);
    }
    w.endObject();
    Reply reply {201, out, {}};
    reply.headers.append({QByteArrayLiteral("Location"), "/transactions/" + stored->id.toLatin1()});
    return reply;
}

// ---- Anomalies ----

Reply getAnomalies(const Ledger& ledger, const Request& request, bool byAccount)
{
    const QueryParams params(request.query);
    QStringList allowed {QStringLiteral("risk"), QStringLiteral("status"), QStringLiteral("from"),
                         QStringLiteral("to"),   QStringLiteral("limit"),  QStringLiteral("cursor")};
    if (!byAccount)
        allowed.append(QStringLiteral("accountId"));
    Reply error;
    if (!params.check(allowed, &error))
        return error;

    AnomalyFilter filter;
    QJsonObject errors;
    if (byAccount) {
        Account account;
        if (!pathAccount(ledger, request, &account, &error))
            return error;
        filter.accountId = account.id;
    } else if (params.has(QStringLiteral("accountId"))) {
        filter.accountId = parseId(params.value(QStringLiteral("accountId")));
        if (!filter.accountId)
            errors.insert(QStringLiteral("accountId"), QStringLiteral("must be a positive integer"));
    }
    if (params.has(QStringLiteral("risk"))) {
        filter.risk = riskFromName(params.value(QStringLiteral("risk")));
        if (!filter.risk)
            errors.insert(QStringLiteral("risk"), QStringLiteral("must be LOW, MEDIUM or HIGH"));
    }
    if (params.has(QStringLiteral("status"))) {
        filter.status = anomalyStatusFromKey(params.value(QStringLiteral("status")));
        if (!filter.status)
            errors.insert(QStringLiteral("status"), QStringLiteral("must be open, confirmed or dismissed"));
    }
    parseRange(params, &filter.fromMs, &filter.toMs, &errors);
    PageRequest page;
    parseLimit(params, &page, &errors);
    if (!errors.isEmpty())
        return fieldErrors(errors);

    return pageReply(ledger.anomalies(filter, page));
}

Reply getAnomaly(const Ledger& ledger, const Request& request)
{
    if (Reply error; rejectsQuery(request, &error))
        return error;
    return objectReply(ledger.anomaly(request.captures.value(0)));
}

Reply patchAnomaly(Ledger& ledger, const Request& request)
{
    if (Reply error; rejectsQuery(request, &error))
        return error;
    QJsonObject body;
    Reply error;
    if (!parseObject(request, {QStringLiteral("status")}, &body, &error))
        return error;
    const QJsonValue status = body.value(QLatin1String("status"));
    const auto parsed = status.isString() ? anomalyStatusFromKey(status.toString()) : std::nullopt;
    if (!parsed)
        return fieldErrors(
            QJsonObject {{QStringLiteral("status"),
                          status.isUndefined() ? QStringLiteral("is required (open, confirmed or dismissed)")
                                               : QStringLiteral("must be open, confirmed or dismissed")}});
    return objectReply(ledger.setAnomalyStatus(request.captures.value(0), *parsed));
}

QByteArray openApiDocument()
{
    static const QByteArray document = [] {
        QFile file(QStringLiteral(":/ledgerguard/api/openapi.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return document;
}

} // namespace ledgerguard::api
