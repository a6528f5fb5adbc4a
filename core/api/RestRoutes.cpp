// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/JsonMapping.h"
#include "api/JsonWriter_p.h"
#include "api/RestQuery_p.h"
#include "decisions/LabelFile.h"
#include "import/ImportOptionText.h"
#include "import/ImportService.h"
#include "import/MappingProfiles.h"
#include "ledger/Ledger.h"
#include "money/Money.h"
#include "util/Plural.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSettings>

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

// The routes that take no query parameters.
const QueryTable kNoQuery;

Reply accountNotFound(const QString& id)
{
    return errorReply(Status::notFound(QStringLiteral("account %1 does not exist").arg(id)));
}

// The path's account for the by-account routes. Errors: 404 (or the ledger's error).
Result<Account, Reply> pathAccount(const Ledger& ledger, const Request& request)
{
    const auto id = parseId(request.captures.value(0));
    if (!id)
        return accountNotFound(request.captures.value(0));
    auto found = ledger.account(*id);
    if (!found)
        return errorReply(found.status());
    return *found;
}

// The query parameters of the list routes (the by-account routes take the account from the path instead of
// "accountId").
QueryTable withoutAccountId(QueryTable table)
{
    table.removeIf([](const QueryParam& p) { return p.name == QLatin1String("accountId"); });
    return table;
}

const QueryTable& transactionsQuery(bool byAccount)
{
    static const QueryTable all {
        {QStringLiteral("from"), ParamType::Timestamp, {}, {}},
        {QStringLiteral("to"), ParamType::Timestamp, {}, {}},
        {QStringLiteral("q"), ParamType::Text, {}, {}},
        {QStringLiteral("category"), ParamType::Category, {}, {}},
        {QStringLiteral("minAmount"), ParamType::MajorAmount, {}, QStringLiteral("minAmountMinor")},
        {QStringLiteral("maxAmount"), ParamType::MajorAmount, {}, QStringLiteral("maxAmountMinor")},
        {QStringLiteral("minAmountMinor"), ParamType::Integer, {}, {}},
        {QStringLiteral("maxAmountMinor"), ParamType::Integer, {}, {}},
        {QStringLiteral("risk"), ParamType::Risk, {}, {}},
        {QStringLiteral("sort"), ParamType::Choice, {QStringLiteral("timestamp"), QStringLiteral("amount")}, {}},
        {QStringLiteral("order"), ParamType::Choice, {QStringLiteral("asc"), QStringLiteral("desc")}, {}},
        {QStringLiteral("limit"), ParamType::Limit, {}, {}},
        {QStringLiteral("cursor"), ParamType::Text, {}, {}},
        {QStringLiteral("accountId"), ParamType::Id, {}, {}},
    };
    static const QueryTable byAccountOnly = withoutAccountId(all);
    return byAccount ? byAccountOnly : all;
}

const QueryTable& anomaliesQuery(bool byAccount)
{
    static const QueryTable all {
        {QStringLiteral("risk"), ParamType::Risk, {}, {}},
        {QStringLiteral("status"),
         ParamType::Choice,
         {QStringLiteral("open"), QStringLiteral("confirmed"), QStringLiteral("dismissed"), QStringLiteral("cleared")},
         {}},
        {QStringLiteral("from"), ParamType::Timestamp, {}, {}},
        {QStringLiteral("to"), ParamType::Timestamp, {}, {}},
        {QStringLiteral("limit"), ParamType::Limit, {}, {}},
        {QStringLiteral("cursor"), ParamType::Text, {}, {}},
        {QStringLiteral("accountId"), ParamType::Id, {}, {}},
        {QStringLiteral("assignee"), ParamType::Text, {}, {}},
        {QStringLiteral("q"), ParamType::Text, {}, {}},
    };
    static const QueryTable byAccountOnly = withoutAccountId(all);
    return byAccount ? byAccountOnly : all;
}

PageRequest pageOf(const QueryValues& values)
{
    PageRequest page;
    if (const auto limit = values.integer(QStringLiteral("limit")))
        page.limit = int(*limit);
    page.cursor = values.text(QStringLiteral("cursor"));
    return page;
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
    // Messages from SQLite never reach a client: a constraint is a value the client sent (422 naming the field when
    // the constraint names a column), anything else is the server's (its text goes to the log only), as is the text
    // of every 500 (IoError, Corruption, Unsupported, Internal: the answer keeps only the code).
    const QString message = status.message();
    const bool fromSql = message.contains(QLatin1String("constraint failed"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("SQL"), Qt::CaseSensitive)
        || message.contains(QLatin1String("database"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("sqlite"), Qt::CaseInsensitive) || httpStatusFor(status) == 500;
    if (status.isInvalidArgument() || status.isNotFound() || !fromSql)
        return jsonReply(httpStatusFor(status), errorJson(status));
    if (status.code() == Status::Code::ReadOnly)
        return errorReply(Status::readOnly(QStringLiteral("the ledger is read-only; writes are refused")));
    qWarning("ledgerguard.api: %s", qPrintable(status.toString()));
    if (message.contains(QLatin1String("constraint failed"), Qt::CaseInsensitive)) {
        static const QRegularExpression column(QStringLiteral(
            "\\b(name|type|description|counterparty|category|currency|amount_minor|timestamp_ms|note|status)\\b"));
        const QRegularExpressionMatch m = column.match(message.section(QLatin1String("constraint failed"), 1));
        const QString field = m.hasMatch() ? wireField(m.captured(1)) : QStringLiteral("body");
        return fieldErrors(QJsonObject {{field, QStringLiteral("is not a valid value")}});
    }
    if (status.code() == Status::Code::Busy)
        return errorReply(Status::busy(QStringLiteral("the ledger is busy; try again")));
    return httpError(500, Status::codeName(status.code()),
                     QStringLiteral("the ledger could not complete the request (see the server log)"));
}

Reply httpError(int status, const QString& code, const QString& message, const QJsonObject& fields)
{
    QJsonObject o {{QLatin1String("error"), message}, {QLatin1String("code"), code}};
    if (!fields.isEmpty())
        o.insert(QLatin1String("fields"), fields);
    return jsonReply(status, o);
}

Reply fieldErrors(const QJsonObject& fields)
{
    const QString first = fields.begin().key() + QStringLiteral(": ") + fields.begin().value().toString();
    QJsonObject o {{QLatin1String("error"), fields.size() == 1 ? first : QStringLiteral("invalid values: ") + first},
                   {QLatin1String("code"), QStringLiteral("InvalidArgument")},
                   {QLatin1String("fields"), fields}};
    return jsonReply(422, o);
}

Result<QJsonObject, Reply> parseObject(const Request& request, const QStringList& allowed,
                                       const QStringList& integerFields)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return httpError(
            400, QStringLiteral("BadRequest"),
            QStringLiteral("malformed JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return httpError(400, QStringLiteral("BadRequest"), QStringLiteral("the body must be a JSON object"));
    const JsonTextScan scan = scanJsonText(request.body);
    if (!scan.duplicateKey.isNull()) {
        return httpError(400, QStringLiteral("BadRequest"),
                         QStringLiteral("the key '%1' is given more than once").arg(scan.duplicateKey.left(64)),
                         QJsonObject {{scan.duplicateKey.left(64), QStringLiteral("given more than once")}});
    }
    QJsonObject object = doc.object();
    QJsonObject notIntegers;
    for (const QString& field : integerFields) {
        const QByteArray text = scan.topLevelNumbers.value(field);
        if (!text.isEmpty() && !parseInteger(QString::fromLatin1(text), field))
            notIntegers.insert(field, QStringLiteral("must be an integer written as plain digits"));
    }
    if (!notIntegers.isEmpty())
        return fieldErrors(notIntegers);
    QJsonObject unknown;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key()))
            unknown.insert(it.key(), QStringLiteral("unknown field"));
    }
    if (!unknown.isEmpty())
        return fieldErrors(unknown);
    return object;
}

// ---- Accounts ----

Reply getAccounts(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    auto accounts = ledger.accounts();
    if (!accounts)
        return errorReply(accounts.status());
    return Reply {200, pageJson(*accounts, QString()), {}};
}

Reply getAccount(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const auto account = pathAccount(ledger, request);
    if (!account)
        return account.status();
    return Reply {200, objectJson(*account), {}};
}

namespace {

// The accountType field: a known key. Errors go to `errors`.
std::optional<AccountType> accountTypeField(const QJsonValue& type, QJsonObject* errors)
{
    std::optional<AccountType> accountType;
    if (!type.isString()) {
        errors->insert(QStringLiteral("accountType"), QStringLiteral("is required and must be a string"));
    } else if (!(accountType = accountTypeFromKey(type.toString()))) {
        QStringList keys;
        for (AccountType t : allAccountTypes())
            keys.append(accountTypeKey(t));
        errors->insert(
            QStringLiteral("accountType"),
            QStringLiteral("'%1' is not one of %2").arg(type.toString().left(64), keys.join(QStringLiteral(", "))));
    }
    return accountType;
}

// An optional timestamp member of the body: nullopt when absent or null; an invalid one goes to `errors`.
std::optional<qint64> optionalTimestamp(const QJsonObject& body, const char* name, QJsonObject* errors)
{
    const QJsonValue value = body.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    auto ms = parseTimestamp(value, QLatin1String(name));
    if (!ms) {
        errors->insert(QLatin1String(name), ms.status().message());
        return std::nullopt;
    }
    return *ms;
}

// Routes that take no fields: the body is empty or an empty JSON object. Errors: those of parseObject.
std::optional<Reply> refuseBodyFields(const Request& request)
{
    if (request.body.isEmpty())
        return std::nullopt;
    if (const auto parsed = parseObject(request, {}); !parsed)
        return parsed.status();
    return std::nullopt;
}

} // namespace

Reply postAccount(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const auto parsed = parseObject(request,
                                    {QStringLiteral("accountName"), QStringLiteral("accountType"),
                                     QStringLiteral("currency"), QStringLiteral("openingBalance"),
                                     QStringLiteral("openingBalanceMinor"), QStringLiteral("openingDate")},
                                    {QStringLiteral("openingBalanceMinor")});
    if (!parsed)
        return parsed.status();
    const QJsonObject& body = *parsed;
    QJsonObject errors;
    NewAccount account;
    account.source = Source::Api;
    const QJsonValue name = body.value(QLatin1String("accountName"));
    if (!name.isString())
        errors.insert(QStringLiteral("accountName"), QStringLiteral("is required and must be a string"));
    account.name = name.toString();
    account.type = accountTypeField(body.value(QLatin1String("accountType")), &errors).value_or(AccountType::Checking);
    const QJsonValue currency = body.value(QLatin1String("currency"));
    bool currencyOk = false;
    if (!currency.isString())
        errors.insert(QStringLiteral("currency"), QStringLiteral("is required and must be a string"));
    else if (!Money::isKnownCurrency(currency.toString()))
        errors.insert(QStringLiteral("currency"),
                      QStringLiteral("'%1' is not a known ISO 4217 code").arg(currency.toString().left(16)));
    else
        currencyOk = true;
    account.currency = currency.toString();
    const bool hasMajor = body.contains(QLatin1String("openingBalance"));
    const bool hasMinor = body.contains(QLatin1String("openingBalanceMinor"));
    if (hasMajor && hasMinor) {
        errors.insert(QStringLiteral("openingBalance"),
                      QStringLiteral("give either openingBalance or openingBalanceMinor, not both"));
    } else if (hasMinor) {
        auto v
            = parseMinorAmount(body.value(QLatin1String("openingBalanceMinor")), QStringLiteral("openingBalanceMinor"));
        if (!v)
            errors.insert(QStringLiteral("openingBalanceMinor"), v.status().message());
        else
            account.openingBalance = *v;
    } else if (hasMajor && currencyOk) {
        auto v = parseMajorAmount(body.value(QLatin1String("openingBalance")), account.currency,
                                  QStringLiteral("openingBalance"));
        if (!v)
            errors.insert(QStringLiteral("openingBalance"), v.status().message());
        else
            account.openingBalance = *v;
    }
    account.openingDate = optionalTimestamp(body, "openingDate", &errors);
    if (!errors.isEmpty())
        return fieldErrors(errors);
    auto created = ledger.createAccount(account);
    if (!created)
        return ledgerError(created.status());
    Reply reply {201, objectJson(*created), {}};
    reply.headers.append({QByteArrayLiteral("Location"), "/accounts/" + QByteArray::number(created->id)});
    return reply;
}

Reply postAccountClose(Ledger& ledger, const Request& request, bool close)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const auto id = parseId(request.captures.value(0));
    if (!id)
        return accountNotFound(request.captures.value(0));
    if (auto refused = refuseBodyFields(request))
        return *refused;
    return objectReply(close ? ledger.closeAccount(*id) : ledger.reopenAccount(*id));
}

Reply putAccount(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const auto id = parseId(request.captures.value(0));
    if (!id)
        return accountNotFound(request.captures.value(0));
    const auto parsed = parseObject(request, {QStringLiteral("accountName"), QStringLiteral("accountType")});
    if (!parsed)
        return parsed.status();
    const QJsonObject& body = *parsed;
    QJsonObject errors;
    const QJsonValue name = body.value(QLatin1String("accountName"));
    const QJsonValue type = body.value(QLatin1String("accountType"));
    if (!name.isString())
        errors.insert(QStringLiteral("accountName"), QStringLiteral("is required and must be a string"));
    const std::optional<AccountType> accountType = accountTypeField(type, &errors);
    if (!errors.isEmpty())
        return fieldErrors(errors);
    return objectReply(ledger.updateAccount(*id, name.toString(), *accountType));
}

// ---- Transactions ----

// The account an `accountId` query filter names, nullopt when the query has none (or an invalid one, which the
// query's own check reports). An unknown account is an error on the field (422), as everywhere a request names an
// account in its query or body; only an unknown account in the path is a 404.
Result<std::optional<Account>, Reply> filterAccount(const Ledger& ledger, const Query& query, QJsonObject* errors)
{
    const auto id = parseId(query.raw(QStringLiteral("accountId")));
    if (!id)
        return std::optional<Account>();
    auto account = ledger.account(*id);
    if (account)
        return std::optional<Account>(*account);
    if (!account.status().isNotFound())
        return errorReply(account.status());
    errors->insert(QStringLiteral("accountId"), account.status().message());
    return std::optional<Account>();
}

Reply getTransactions(const Ledger& ledger, const Request& request, bool byAccount)
{
    const auto query = Query::read(request, transactionsQuery(byAccount));
    if (!query)
        return query.status();

    TransactionFilter filter;
    QJsonObject errors;
    // Amounts in major units are in the account's currency.
    QString currency = kDefaultCurrencyForFilters;
    if (byAccount) {
        const auto account = pathAccount(ledger, request);
        if (!account)
            return account.status();
        filter.accountId = account->id;
        currency = account->currency;
    } else {
        auto account = filterAccount(ledger, *query, &errors);
        if (!account)
            return account.status();
        if (*account)
            currency = (*account)->currency;
    }
    const auto values = query->values(currency, errors);
    if (!values)
        return values.status();

    if (const auto id = values->integer(QStringLiteral("accountId")))
        filter.accountId = *id;
    filter.fromMs = values->integer(QStringLiteral("from"));
    filter.toMs = values->integer(QStringLiteral("to"));
    filter.text = values->text(QStringLiteral("q"));
    if (values->has(QStringLiteral("category")))
        filter.category = categoryFromKey(values->text(QStringLiteral("category")));
    filter.minAmount = values->integer(QStringLiteral("minAmount"));
    if (!filter.minAmount)
        filter.minAmount = values->integer(QStringLiteral("minAmountMinor"));
    filter.maxAmount = values->integer(QStringLiteral("maxAmount"));
    if (!filter.maxAmount)
        filter.maxAmount = values->integer(QStringLiteral("maxAmountMinor"));
    if (values->has(QStringLiteral("risk")))
        filter.risk = riskFromName(values->text(QStringLiteral("risk")));
    if (values->text(QStringLiteral("sort")) == QLatin1String("amount"))
        filter.sortKey = SortKey::Amount;
    if (values->text(QStringLiteral("order")) == QLatin1String("asc"))
        filter.ascending = true;
    return pageReply(ledger.transactions(filter, pageOf(*values)));
}

Reply getTransaction(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    return objectReply(ledger.transaction(request.captures.value(0)));
}

namespace {
// 201 with the stored transaction, the account's balance read just after and Location, or the ledger's error.
Reply createdTransactionReply(const Ledger& ledger, const Result<Transaction>& stored);
} // namespace

Reply postTransaction(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const auto parsed
        = parseObject(request,
                      {QStringLiteral("accountId"), QStringLiteral("amount"), QStringLiteral("amountMinor"),
                       QStringLiteral("currency"), QStringLiteral("description"), QStringLiteral("category"),
                       QStringLiteral("counterparty"), QStringLiteral("timestamp")},
                      {QStringLiteral("accountId"), QStringLiteral("amountMinor")});
    if (!parsed)
        return parsed.status();
    const QJsonObject& body = *parsed;

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
    t.timestamp = optionalTimestamp(body, "timestamp", &errors);
    // An opening balance is booked with its account (POST /accounts' openingBalance) or by an import; one posted on
    // its own would be left out of detection and the classic tests, as opening balances are.
    if (!errors.contains(QLatin1String("category")) && categoryFromKey(t.category) == Category::OpeningBalance)
        errors.insert(QStringLiteral("category"),
                      QStringLiteral("opening_balance is booked with the account (openingBalance of POST /accounts), "
                                     "not posted"));
    if (!errors.isEmpty())
        return fieldErrors(errors);

    const Result<Transaction> stored = ledger.addTransaction(t);
    // The ledger names its amount "amount"; the client may have sent it as amountMinor.
    if (!stored && hasMinor && stored.status().isInvalidArgument()
        && stored.status().field() == QLatin1String("amount"))
        return fieldErrors(QJsonObject {{QStringLiteral("amountMinor"), stored.status().message()}});
    return createdTransactionReply(ledger, stored);
}

Reply postTransactionReverse(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    if (auto refused = refuseBodyFields(request))
        return *refused;
    return createdTransactionReply(ledger, ledger.reverseTransaction(request.captures.value(0), Source::Api));
}

namespace {

Reply createdTransactionReply(const Ledger& ledger, const Result<Transaction>& stored)
{
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

} // namespace

// ---- Anomalies ----

Reply getAnomalies(const Ledger& ledger, const Request& request, bool byAccount)
{
    const auto query = Query::read(request, anomaliesQuery(byAccount));
    if (!query)
        return query.status();

    AnomalyFilter filter;
    QJsonObject errors;
    if (byAccount) {
        const auto account = pathAccount(ledger, request);
        if (!account)
            return account.status();
        filter.accountId = account->id;
    } else if (auto account = filterAccount(ledger, *query, &errors); !account) {
        return account.status();
    }
    const auto values = query->values(kDefaultCurrencyForFilters, errors);
    if (!values)
        return values.status();

    if (const auto id = values->integer(QStringLiteral("accountId")))
        filter.accountId = *id;
    if (values->has(QStringLiteral("risk")))
        filter.risk = riskFromName(values->text(QStringLiteral("risk")));
    if (values->has(QStringLiteral("status")))
        filter.status = anomalyStatusFromKey(values->text(QStringLiteral("status")));
    filter.fromMs = values->integer(QStringLiteral("from"));
    filter.toMs = values->integer(QStringLiteral("to"));
    if (values->has(QStringLiteral("assignee")))
        filter.assignee = values->text(QStringLiteral("assignee"));
    filter.text = values->text(QStringLiteral("q"));
    return pageReply(ledger.anomalies(filter, pageOf(*values)));
}

Reply getAnomaly(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    return objectReply(ledger.anomaly(request.captures.value(0)));
}

Reply patchAnomaly(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const auto body
        = parseObject(request, {QStringLiteral("status"), QStringLiteral("note"), QStringLiteral("assignee")});
    if (!body)
        return body.status();
    Decision decision;
    QJsonObject errors;
    const QJsonValue status = body->value(QLatin1String("status"));
    if (!status.isUndefined()) {
        decision.status = status.isString() ? anomalyStatusFromKey(status.toString()) : std::nullopt;
        if (!decision.status)
            errors.insert(QStringLiteral("status"), QStringLiteral("must be open, confirmed, dismissed or cleared"));
    }
    const QJsonValue note = body->value(QLatin1String("note"));
    if (!note.isUndefined() && !note.isString())
        errors.insert(QStringLiteral("note"), QStringLiteral("must be a string"));
    decision.note = note.toString();
    const QJsonValue assignee = body->value(QLatin1String("assignee"));
    if (assignee.isString())
        decision.assignee = assignee.toString();
    else if (assignee.isNull())
        decision.assignee = QString();
    else if (!assignee.isUndefined())
        errors.insert(QStringLiteral("assignee"), QStringLiteral("must be a string or null"));
    if (errors.isEmpty() && !decision.status && !decision.assignee && decision.note.trimmed().isEmpty())
        errors.insert(QStringLiteral("status"), QStringLiteral("give a status, a note or an assignee"));
    if (!errors.isEmpty())
        return fieldErrors(errors);
    return objectReply(ledger.decideAnomaly(request.captures.value(0), decision, request.actor));
}

Reply getAnomalyHistory(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    return objectReply(ledger.anomalyHistory(request.captures.value(0)));
}

// ---- Labels ----

namespace {

// One label object of POST /transactions/{id}/label or POST /labels: {transactionId?, label, note?, decidedAt?}.
// Errors are keyed by `prefix` + field.
LabelRequest labelOf(const QJsonObject& o, const QString& prefix, const QString& actor, QJsonObject* errors)
{
    LabelRequest r;
    r.actor = actor;
    for (auto it = o.begin(); it != o.end(); ++it) {
        static const QStringList allowed {QStringLiteral("transactionId"), QStringLiteral("label"),
                                          QStringLiteral("note"), QStringLiteral("decidedAt")};
        if (!allowed.contains(it.key()))
            errors->insert(prefix + it.key(), QStringLiteral("is not a field of a label"));
    }
    r.transactionId = o.value(QLatin1String("transactionId")).toString();
    const QJsonValue label = o.value(QLatin1String("label"));
    const auto parsed = label.isString() ? labelFromKey(label.toString()) : std::nullopt;
    if (!parsed)
        errors->insert(prefix + QStringLiteral("label"),
                       label.isUndefined() ? QStringLiteral("is required (fraud or normal)")
                                           : QStringLiteral("must be fraud or normal"));
    else
        r.label = *parsed;
    const QJsonValue note = o.value(QLatin1String("note"));
    if (!note.isUndefined() && !note.isString())
        errors->insert(prefix + QStringLiteral("note"), QStringLiteral("must be a string"));
    r.note = note.toString();
    const QJsonValue decidedAt = o.value(QLatin1String("decidedAt"));
    if (!decidedAt.isUndefined()) {
        auto ms = parseTimestamp(decidedAt, prefix + QStringLiteral("decidedAt"));
        if (!ms)
            errors->insert(prefix + QStringLiteral("decidedAt"), ms.status().message());
        else
            r.decidedAt = *ms;
    }
    return r;
}

} // namespace

Reply postTransactionLabel(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const auto body
        = parseObject(request, {QStringLiteral("label"), QStringLiteral("note"), QStringLiteral("decidedAt")});
    if (!body)
        return body.status();
    QJsonObject errors;
    LabelRequest r = labelOf(*body, QString(), request.actor, &errors);
    if (!errors.isEmpty())
        return fieldErrors(errors);
    r.transactionId = request.captures.value(0);
    auto done = ledger.labelTransactions({r});
    if (!done) {
        if (done.status().isInvalidArgument() && done.status().field() == QLatin1String("transactionId"))
            return errorReply(Status::notFound(done.status().message()));
        return ledgerError(done.status());
    }
    return objectReply(ledger.anomalyForTransaction(r.transactionId));
}

Reply postLabels(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    LabelImport result;
    if (request.contentType == "text/csv") {
        QHash<QString, qint64> byName;
        if (auto accounts = ledger.accounts()) {
            for (const Account& a : std::as_const(*accounts))
                byName.insert(a.name, a.id);
        }
        auto read = importLabelFile(ledger, request.body, request.actor, byName);
        if (!read)
            return ledgerError(read.status());
        result = std::move(*read);
    } else {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isArray())
            return httpError(400, QStringLiteral("BadRequest"),
                             QStringLiteral("the body must be a JSON array of labels or a text/csv file"));
        const QJsonArray items = doc.array();
        if (items.size() > kMaxLabelsPerRequest)
            return fieldErrors(QJsonObject {
                {QStringLiteral("labels"), QStringLiteral("at most %1 labels per request").arg(kMaxLabelsPerRequest)}});
        QList<LabelRequest> requests;
        QJsonObject fields;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString prefix = QStringLiteral("[%1].").arg(i);
            if (!items[i].isObject()) {
                fields.insert(QStringLiteral("[%1]").arg(i), QStringLiteral("must be an object"));
                continue;
            }
            LabelRequest r = labelOf(items[i].toObject(), prefix, request.actor, &fields);
            if (r.transactionId.isEmpty())
                fields.insert(prefix + QStringLiteral("transactionId"), QStringLiteral("is required"));
            requests.append(r);
        }
        if (!fields.isEmpty())
            return fieldErrors(fields);
        qsizetype failed = -1;
        auto done = ledger.labelTransactions(requests, &failed);
        if (!done) {
            if (done.status().isInvalidArgument() && failed >= 0)
                return fieldErrors(QJsonObject {
                    {QStringLiteral("[%1].%2").arg(failed).arg(done.status().field()), done.status().message()}});
            return ledgerError(done.status());
        }
        result.summary = *done;
    }
    if (result.errors.isEmpty())
        return jsonReply(200, result.toJson());
    // Refused as a whole: the summary with the errors of every line, and the error object every 422 has.
    QJsonObject body = result.toJson();
    body.insert(QStringLiteral("error"),
                plural(result.errors.size(), QStringLiteral("nothing labelled: %n row has errors"),
                       QStringLiteral("nothing labelled: %n rows have errors"), QLocale::c()));
    body.insert(QStringLiteral("code"), QStringLiteral("InvalidArgument"));
    QJsonObject fields;
    for (const LabelFileError& e : std::as_const(result.errors))
        if (const QString field = e.column.isEmpty() ? QStringLiteral("file") : e.column; !fields.contains(field))
            fields.insert(field, QStringLiteral("line %1: %2").arg(e.line).arg(e.message));
    body.insert(QStringLiteral("fields"), fields);
    return jsonReply(422, body);
}

// ---- Imports ----

namespace {

const QStringList kFlag {QStringLiteral("true"), QStringLiteral("false")};

const QueryTable& importQuery()
{
    static const QueryTable table = [] {
        QStringList types;
        for (AccountType t : allAccountTypes())
            types.append(accountTypeKey(t));
        return QueryTable {
            {QStringLiteral("format"),
             ParamType::Choice,
             {QStringLiteral("csv"), QStringLiteral("ofx"), QStringLiteral("qif"), QStringLiteral("camt"),
              QStringLiteral("mt940")},
             {}},
            {QStringLiteral("account"), ParamType::Text, {}, {}},
            {QStringLiteral("createAccounts"), ParamType::Choice, kFlag, {}},
            {QStringLiteral("currency"), ParamType::Text, {}, {}},
            {QStringLiteral("accountType"), ParamType::Choice, types, {}},
            {QStringLiteral("profile"), ParamType::Text, {}, {}},
            {QStringLiteral("map"), ParamType::Text, {}, {}},
            {QStringLiteral("dateFormat"), ParamType::Text, {}, {}},
            {QStringLiteral("headerLine"), ParamType::Text, {}, {}},
            {QStringLiteral("encoding"), ParamType::Text, {}, {}},
            {QStringLiteral("dryRun"), ParamType::Choice, kFlag, {}},
            {QStringLiteral("skipErrors"), ParamType::Choice, kFlag, {}},
            {QStringLiteral("allowProbableDuplicates"), ParamType::Choice, kFlag, {}},
        };
    }();
    return table;
}

// The format a media type names, with the names clients and browsers give the same files (a browser on Windows sends
// a .csv as application/vnd.ms-excel, a .qfx as application/vnd.intu.qfx); Auto for application/octet-stream and
// text/plain, whose content says which it is (as the command line's detection without --format).
ImportFormat formatForMediaType(const QByteArray& type)
{
    if (type == "text/csv" || type == "application/csv" || type == "text/comma-separated-values"
        || type == "application/vnd.ms-excel" || type == "text/tab-separated-values")
        return ImportFormat::Csv;
    if (type == "application/x-ofx" || type == "application/ofx" || type == "application/vnd.intu.qfx"
        || type == "application/x-qfx" || type == "application/vnd.intu.qbo" || type == "application/x-qbo")
        return ImportFormat::Ofx;
    if (type == "application/xml" || type == "text/xml")
        return ImportFormat::Camt;
    if (type == "application/qif" || type == "application/x-qif")
        return ImportFormat::Qif;
    return ImportFormat::Auto;
}

// A bad import option: 400 with the field.
Reply badParameter(const QString& field, const QString& message)
{
    return httpError(400, QStringLiteral("BadRequest"), QStringLiteral("%1: %2").arg(field, message),
                     QJsonObject {{field, message}});
}

void writeBatch(JsonWriter& w, const ImportBatchRecord& b)
{
    w.beginObject();
    w.key("batchId");
    w.string(b.id);
    w.key("createdAt");
    w.timestamp(b.createdAt);
    w.key("fileName");
    w.string(b.fileName);
    w.key("format");
    w.string(b.format);
    w.key("encoding");
    w.string(b.encoding);
    w.key("rows");
    w.integer(b.rows);
    w.key("imported");
    w.integer(b.imported);
    w.key("duplicates");
    w.integer(b.duplicates);
    w.key("probableDuplicates");
    w.integer(b.probableDuplicates);
    w.key("skipped");
    w.integer(b.skipped);
    w.key("undoneAt");
    if (b.undoneAt)
        w.timestamp(*b.undoneAt);
    else
        w.null();
    w.endObject();
}

} // namespace

bool isImportMediaType(const QByteArray& type)
{
    return formatForMediaType(type) != ImportFormat::Auto || type == "application/octet-stream" || type == "text/plain";
}

namespace {

// An import message as this API names its options: the query parameters ("use --create-accounts" -> "use
// createAccounts=true"), in `body`'s error, fields, errors and warnings. (Options with a value are named as the
// parameter, so that a sentence around them still reads.)
QJsonObject restWorded(QJsonObject body)
{
    const auto worded = [](const QString& text) {
        return rewordImportOptions(text, [](ImportOptionMention mention) {
            switch (mention) {
            case ImportOptionMention::Account:
                return QStringLiteral("the account parameter");
            case ImportOptionMention::CreateAccounts:
                return QStringLiteral("createAccounts=true");
            case ImportOptionMention::Currency:
                return QStringLiteral("the currency parameter");
            case ImportOptionMention::AllowProbableDuplicates:
                return QStringLiteral("allowProbableDuplicates=true");
            case ImportOptionMention::HeaderLine:
                return QStringLiteral("headerLine=N");
            case ImportOptionMention::Map:
                return QStringLiteral("the map parameter");
            case ImportOptionMention::MapDateByNumber:
                return QStringLiteral("map=date=1");
            case ImportOptionMention::MapDateAndAmountByNumber:
                return QStringLiteral("map=date=1,amount=3");
            case ImportOptionMention::MapAccountColumn:
                return QStringLiteral("map=account=COLUMN");
            }
            return importOptionText(mention);
        });
    };
    if (body.contains(QLatin1String("error")))
        body.insert(QStringLiteral("error"), worded(body.value(QLatin1String("error")).toString()));
    QJsonObject fields = body.value(QLatin1String("fields")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        it.value() = worded(it.value().toString());
    if (body.contains(QLatin1String("fields")))
        body.insert(QStringLiteral("fields"), fields);
    for (const QLatin1String list : {QLatin1String("errors"), QLatin1String("warnings")}) {
        QJsonArray issues = body.value(list).toArray();
        for (qsizetype i = 0; i < issues.size(); ++i) {
            QJsonObject issue = issues[i].toObject();
            issue.insert(QStringLiteral("message"), worded(issue.value(QLatin1String("message")).toString()));
            issues[i] = issue;
        }
        body.insert(list, issues);
    }
    return body;
}

} // namespace

Reply postImport(Ledger& ledger, const Request& request)
{
    const auto query = Query::read(request, importQuery());
    if (!query)
        return query.status();
    auto values = query->values(QString());
    if (!values) { // a bad option value: 400 BadRequest, as the other bad options (badParameter)
        QJsonObject body = QJsonDocument::fromJson(values.status().body).object();
        body.insert(QStringLiteral("code"), QStringLiteral("BadRequest"));
        return jsonReply(400, body);
    }
    const QueryValues& v = *values;
    const auto flag = [&](const char* name) { return v.text(QLatin1String(name)) == QLatin1String("true"); };
    if (const QString currency = v.text(QStringLiteral("currency")).toUpper();
        !currency.isEmpty() && !Money::isKnownCurrency(currency))
        return badParameter(
            QStringLiteral("currency"),
            QStringLiteral("'%1' is not an ISO 4217 currency code").arg(v.text(QStringLiteral("currency"))));

    ImportServiceOptions options;
    if (v.has(QStringLiteral("format"))) {
        for (ImportFormat f :
             {ImportFormat::Csv, ImportFormat::Ofx, ImportFormat::Qif, ImportFormat::Camt, ImportFormat::Mt940}) {
            if (importFormatName(f) == v.text(QStringLiteral("format")))
                options.parse.format = f;
        }
    } else {
        options.parse.format = formatForMediaType(request.contentType);
    }
    if (v.has(QStringLiteral("accountType")))
        options.newAccountType = *accountTypeFromKey(v.text(QStringLiteral("accountType")));
    // A saved mapping profile (the server's user's, as the desktop saved it), then the columns and options given.
    if (v.has(QStringLiteral("profile"))) {
        QSettings settings;
        auto p = loadMappingProfile(settings, v.text(QStringLiteral("profile")));
        if (!p)
            return badParameter(QStringLiteral("profile"), p.status().message());
        if (!v.has(QStringLiteral("format")))
            options.parse.format = ImportFormat::Csv;
        options.parse.csv = p->mapping;
        options.parse.encoding = p->encoding;
        options.parse.defaultCurrency = p->defaultCurrency;
    }
    CsvMapping overrides;
    if (v.has(QStringLiteral("map"))) {
        if (Status s = applyColumnMap(v.text(QStringLiteral("map")), &overrides); !s.isOk())
            return badParameter(QStringLiteral("map"), s.message());
    }
    overrides.dateFormat = v.text(QStringLiteral("dateFormat"));
    if (v.has(QStringLiteral("headerLine"))) {
        if (Status s = applyHeaderLine(v.text(QStringLiteral("headerLine")), &overrides); !s.isOk())
            return badParameter(QStringLiteral("headerLine"), s.message());
    }
    options.parse.csv = overrideMapping(options.parse.csv, overrides);
    options.account = v.text(QStringLiteral("account"));
    options.createAccounts = flag("createAccounts");
    if (v.has(QStringLiteral("currency")))
        options.parse.defaultCurrency = v.text(QStringLiteral("currency")).toUpper();
    options.newAccountCurrency = options.parse.defaultCurrency;
    if (v.has(QStringLiteral("encoding")))
        options.parse.encoding = v.text(QStringLiteral("encoding"));
    options.dryRun = flag("dryRun");
    options.skipErrors = flag("skipErrors");
    options.allowProbableDuplicates = flag("allowProbableDuplicates");

    auto summary = importStatementData(ledger, request.body, QString(), options);
    if (!summary && summary.status().isInvalidArgument()) // the file or an option: the summary with the error
        return jsonReply(422, restWorded(refusedImportJson(summary.status(), v.text(QStringLiteral("format")))));
    if (!summary)
        return errorReply(summary.status());
    QJsonObject body = summary->toJson();
    if (summary->refused) {
        body.insert(QStringLiteral("error"),
                    plural(summary->errors.size(),
                           QStringLiteral("nothing imported: %n row has errors (fix it or use skipErrors=true)"),
                           QStringLiteral("nothing imported: %n rows have errors (fix them or use skipErrors=true)"),
                           QLocale::c()));
        body.insert(QStringLiteral("code"), QStringLiteral("InvalidArgument"));
        // The first error of each field, as every 422 names them ("amount": "line 3, column 2: ...").
        QJsonObject fields;
        for (const ImportIssue& e : std::as_const(summary->errors))
            if (const QString field = e.field.isEmpty() ? QStringLiteral("file") : e.field; !fields.contains(field))
                fields.insert(field, QStringLiteral("line %1, column %2: %3").arg(e.line).arg(e.column).arg(e.message));
        body.insert(QStringLiteral("fields"), fields);
        return jsonReply(422, restWorded(body));
    }
    Reply reply = jsonReply(options.dryRun ? 200 : 201, restWorded(body));
    reply.startDetection = !options.dryRun && summary->imported > 0;
    return reply;
}

Reply getImports(const Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const auto batches = ledger.importBatches();
    if (!batches)
        return errorReply(batches.status());
    QByteArray out;
    JsonWriter w(&out);
    w.beginObject();
    w.key("items");
    w.beginArray();
    for (const ImportBatchRecord& b : *batches)
        writeBatch(w, b);
    w.endArray();
    w.endObject();
    return Reply {200, out, {}};
}

Reply deleteImport(Ledger& ledger, const Request& request)
{
    if (const auto query = Query::read(request, kNoQuery); !query)
        return query.status();
    const QString id = request.captures.value(0);
    const auto undone = ledger.undoImportBatch(id);
    if (!undone)
        return errorReply(undone.status());
    const auto record = ledger.importBatchRecord(id);
    if (!record)
        return errorReply(record.status());
    QByteArray out;
    JsonWriter w(&out);
    writeBatch(w, *record);
    return Reply {200, out, {}};
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
