// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/api: the request/reply values the REST server passes to its route handlers, and the
// handlers themselves. Handlers are plain functions of (Ledger, Request) -> Reply: thread-safe, run on the
// server's worker pool, and they never touch QHttpServer objects.

#include "util/Status.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace ledgerguard {
class Ledger;
}

namespace ledgerguard::api {

enum class RouteId : int {
    Health,
    OpenApi,
    Accounts,
    Account,
    Transactions,
    Transaction,
    TransactionsByAccount,
    Anomalies,
    Anomaly,
    AnomaliesByAccount,
    DetectionRun,
    Imports,
    Import,
    AnomalyHistory,
    TransactionLabel,
    Labels,
    AccountClose,
    AccountReopen,
    TransactionReverse,
    Rules,
    RulesPreview,
    Rule,
    RuleLists,
    RuleList,
    NotFound,
};

// One request, copied out of QHttpServerRequest on the server's thread.
struct Request
{
    QByteArray method; // "GET", "POST", ...
    QString path;
    QString rawQuery;
    QList<QPair<QString, QString>> query; // decoded, in order
    QStringList captures; // path parameters
    QByteArray body;
    QByteArray contentType; // the Content-Type header's media type, lower case, without parameters
    QHostAddress remote;
    QString actor; // who decides: the name of the bearer token that authenticated the request ("api" without one)
    QHostAddress local; // the address the client connected to (names this server in Host and Origin)
    qint64 startedNs = 0; // QElapsedTimer::nsecsElapsed() of the server's clock
};

struct Reply
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Type and the common ones
    bool startDetection = false; // the server starts a detection run over the stale accounts after answering
};

Reply jsonReply(int status, const QJsonObject& object);
// Status -> HTTP code (httpStatusFor) with the error JSON.
Reply errorReply(const Status& status);
// An HTTP-level error (400, 401, 403, 405, 413, 415, 421) with a machine code such as "MethodNotAllowed".
Reply httpError(int status, const QString& code, const QString& message, const QJsonObject& fields = {});
// {"error": ..., "code": "InvalidArgument", "fields": fields} with 422: the message names the first field (and says
// "invalid values: " before it when there are more).
Reply fieldErrors(const QJsonObject& fields);
// Parses the body as one JSON object. Errors: 400 when it is not one or a key is given twice in one object; 422
// naming the fields outside `allowed`, or the `integerFields` whose numbers are not written as plain digits
// ("1e3", "1000.0").
Result<QJsonObject, Reply> parseObject(const Request& request, const QStringList& allowed,
                                       const QStringList& integerFields = {});

// ---- Routing and the checks common to every route (RestChecks.cpp) ----
struct RouteDef
{
    RouteId id;
    const char* pattern; // QHttpServer pattern; <arg> is one path segment
    QList<QByteArray> methods;
};
// Every route, in the order QHttpServer tries them.
const QList<RouteDef>& routes();
const RouteDef* routeDef(RouteId id); // null for RouteId::NotFound
QByteArray methodName(int method); // a QHttpServerRequest::Method -> "GET", ...
const char* reasonPhrase(int status);

struct Limits
{
    quint16 port = 0; // the bound port, for the Host and Origin checks
    QString token; // empty: no token (its name is "api")
    QList<QPair<QString, QString>> namedTokens; // (name, secret); any of them (or `token`) authenticates
    qint64 maxBodyBytes = 0;
    qint64 maxImportBodyBytes = 0; // POST /imports
};
// Whether a Host header value (or an Origin without its scheme) names this server: the address the client
// connected to (`local`, as a literal; IPv6 in brackets) or, only when that address is loopback, localhost,
// 127.0.0.1 or [::1]; with `port` or no port.
bool hostNamesServer(const QByteArray& value, const QHostAddress& local, quint16 port);
// Whether an Authorization header value is "Bearer <token>" (compared in constant time).
bool bearerMatches(const QByteArray& authorization, const QString& token);
// The name of the bearer token an Authorization header value carries ("api" for `token`, and when no token is
// required at all), or nullopt when it carries none of them. Compares against every token in constant time.
std::optional<QString> tokenName(const QByteArray& authorization, const QString& token,
                                 const QList<QPair<QString, QString>>& namedTokens);
// The checks every request passes, in order: Host (421), Origin (403), a token in the query (400), token (401),
// route (404), method (405; OPTIONS answers 204 with Allow), body size (413, the route's limit), content type
// (415). Returns the route when it may run, else the answer to send instead.
Result<const RouteDef*, Reply> checkRequest(const QHttpServerRequest& http, const Request& request, RouteId route,
                                            const Limits& limits);

// ---- Route handlers (worker threads) ----
Reply getAccounts(const Ledger& ledger, const Request& request);
Reply getAccount(const Ledger& ledger, const Request& request);
Reply putAccount(Ledger& ledger, const Request& request);
// POST /accounts: {accountName, accountType, currency, openingBalance? | openingBalanceMinor?, openingDate?} -> 201
// with the account and Location.
Reply postAccount(Ledger& ledger, const Request& request);
// POST /accounts/{id}/close and /reopen (no body, or an empty JSON object) -> the account; 409 when the balance is
// not zero or the account is already closed (not closed).
Reply postAccountClose(Ledger& ledger, const Request& request, bool close);
// POST /transactions/{id}/reverse (no body, or an empty JSON object) -> 201 with the reversing entry, the account's
// new balance and Location; 409 when already reversed or itself a reversal; 422 (accountId) when the account is
// closed.
Reply postTransactionReverse(Ledger& ledger, const Request& request);
Reply getTransactions(const Ledger& ledger, const Request& request, bool byAccount);
Reply getTransaction(const Ledger& ledger, const Request& request);
Reply postTransaction(Ledger& ledger, const Request& request);
Reply getAnomalies(const Ledger& ledger, const Request& request, bool byAccount);
Reply getAnomaly(const Ledger& ledger, const Request& request);
// PATCH /anomalies/{id}: {status?, note?, assignee?} -> Ledger::decideAnomaly by request.actor.
Reply patchAnomaly(Ledger& ledger, const Request& request);
// GET /anomalies/{id}/history: {scores, audit, notes}.
Reply getAnomalyHistory(const Ledger& ledger, const Request& request);
// POST /transactions/{id}/label: {label, note?, decidedAt?} -> the case (404 for an unknown transaction).
Reply postTransactionLabel(Ledger& ledger, const Request& request);
// POST /labels: a JSON array of {transactionId, label, note?, decidedAt?} (at most kMaxLabelsPerRequest) or a
// text/csv decisions file (importLabelFile), all or nothing -> {labelled, created, updated, errors}.
Reply postLabels(Ledger& ledger, const Request& request);
inline constexpr int kMaxLabelsPerRequest = 10000;
// POST /imports: the body is the statement file, the query the import options; GET /imports, DELETE /imports/{id}.
Reply postImport(Ledger& ledger, const Request& request);
Reply getImports(const Ledger& ledger, const Request& request);
Reply deleteImport(Ledger& ledger, const Request& request);
// Rules (RestRules.cpp; docs/API.md "Rules"): GET /rules -> {items}; POST /rules (a rule) -> 201 with the rule;
// GET, PUT (the rule's next version), DELETE (204) /rules/{id}; POST /rules/preview?limit&offset (a rule, saved or
// not) -> {total, offset, items: [{transaction, matched}]} newest first; 422 naming the JSON path of what is wrong.
Reply getRules(const Ledger& ledger, const Request& request);
Reply getRule(const Ledger& ledger, const Request& request);
Reply saveRule(Ledger& ledger, const Request& request, bool create);
Reply deleteRule(Ledger& ledger, const Request& request);
Reply previewRule(const Ledger& ledger, const Request& request);
// GET /rule-lists -> {items}; GET /rule-lists/{name}; PUT /rule-lists/{name} {entries: [names]} -> the list.
Reply getRuleLists(const Ledger& ledger, const Request& request);
Reply getRuleList(const Ledger& ledger, const Request& request);
Reply putRuleList(Ledger& ledger, const Request& request);
// The media types POST /imports takes.
bool isImportMediaType(const QByteArray& type);

// The OpenAPI document (compiled-in resource :/ledgerguard/api/openapi.json).
QByteArray openApiDocument();

} // namespace ledgerguard::api
