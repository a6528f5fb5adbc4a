// SPDX-License-Identifier: GPL-3.0-or-later
// The REST server's route table and the checks every request passes before its route runs.
#include "api/RestRoutes_p.h"

#include <QHttpServerRequest>

namespace ledgerguard::api {

namespace {

// Compares in time that depends only on the expected token's length.
bool constantTimeEquals(const QByteArray& given, const QByteArray& expected)
{
    unsigned diff = unsigned(given.size() ^ expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        diff |= unsigned(uchar(expected.at(i)) ^ uchar(i < given.size() ? given.at(i) : 0));
    return diff == 0;
}

// Splits "host:port" / "[v6]:port" into its parts; port -1 when absent.
bool splitHost(const QByteArray& value, QByteArray* host, int* port)
{
    *port = -1;
    qsizetype colon = -1;
    if (value.startsWith('[')) {
        const qsizetype close = value.indexOf(']');
        if (close < 0)
            return false;
        *host = value.left(close + 1);
        if (close + 1 < value.size()) {
            if (value.at(close + 1) != ':')
                return false;
            colon = close + 1;
        }
    } else {
        colon = value.lastIndexOf(':');
        *host = colon < 0 ? value : value.left(colon);
    }
    if (colon >= 0) {
        bool ok = false;
        *port = value.mid(colon + 1).toInt(&ok);
        if (!ok || *port < 0 || *port > 65535)
            return false;
    }
    return !host->isEmpty();
}

} // namespace

const QList<RouteDef>& routes()
{
    // Order matters: QHttpServer tries the rules in this order.
    static const QList<RouteDef> table = {
        {RouteId::Health, "/health", {"GET"}},
        {RouteId::OpenApi, "/openapi.json", {"GET"}},
        {RouteId::Accounts, "/accounts", {"GET"}},
        {RouteId::Account, "/accounts/<arg>", {"GET", "PUT"}},
        {RouteId::Transactions, "/transactions", {"GET", "POST"}},
        {RouteId::TransactionsByAccount, "/transactions/by-account/<arg>", {"GET"}},
        {RouteId::Transaction, "/transactions/<arg>", {"GET"}},
        {RouteId::Anomalies, "/anomalies", {"GET"}},
        {RouteId::AnomaliesByAccount, "/anomalies/by-account/<arg>", {"GET"}},
        {RouteId::Anomaly, "/anomalies/<arg>", {"GET", "PATCH"}},
        {RouteId::AnomalyHistory, "/anomalies/<arg>/history", {"GET"}},
        {RouteId::TransactionLabel, "/transactions/<arg>/label", {"POST"}},
        {RouteId::Labels, "/labels", {"POST"}},
        {RouteId::DetectionRun, "/detection/run", {"POST"}},
        {RouteId::Imports, "/imports", {"GET", "POST"}},
        {RouteId::Import, "/imports/<arg>", {"DELETE"}},
    };
    return table;
}

const RouteDef* routeDef(RouteId id)
{
    for (const RouteDef& r : routes()) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

QByteArray methodName(int method)
{
    switch (QHttpServerRequest::Method(method)) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        break;
    }
    return "UNKNOWN";
}

const char* reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 421:
        return "Misdirected Request";
    case 422:
        return "Unprocessable Entity";
    case 503:
        return "Service Unavailable";
    default:
        break;
    }
    return status >= 500 ? "Internal Server Error" : "Error";
}

std::optional<QString> tokenName(const QHttpServerRequest& http, const Limits& limits)
{
    if (limits.token.isEmpty() && limits.namedTokens.isEmpty())
        return QStringLiteral("api");
    const QByteArray authorization = http.value("Authorization").trimmed();
    const QByteArray prefix = "Bearer ";
    if (authorization.size() <= prefix.size()
        || authorization.left(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QByteArray given = authorization.mid(prefix.size()).trimmed();
    std::optional<QString> name; // every token is compared, so the time does not tell which one matched
    if (!limits.token.isEmpty() && constantTimeEquals(given, limits.token.toUtf8()))
        name = QStringLiteral("api");
    for (const auto& [tokenName, secret] : limits.namedTokens) {
        if (constantTimeEquals(given, secret.toUtf8()) && !name)
            name = tokenName;
    }
    return name;
}

Result<const RouteDef*, Reply> checkRequest(const QHttpServerRequest& http, const Request& request, RouteId route,
                                            const Limits& limits)
{
    QByteArray hostName;
    int hostPort = -1;
    const QByteArray host = http.value("Host").trimmed().toLower();
    bool hostOk = splitHost(host, &hostName, &hostPort) && (hostPort == -1 || hostPort == limits.port);
    if (hostOk) {
        hostOk = hostName == "localhost" || hostName == "127.0.0.1" || hostName == "[::1]";
        const QHostAddress bound = limits.address;
        if (!hostOk && !bound.isLoopback() && bound != QHostAddress::Any && bound != QHostAddress::AnyIPv4
            && bound != QHostAddress::AnyIPv6) {
            const QByteArray literal = bound.protocol() == QAbstractSocket::IPv6Protocol
                ? "[" + bound.toString().toLatin1().toLower() + "]"
                : bound.toString().toLatin1();
            hostOk = hostName == literal;
        }
    }
    if (!hostOk) {
        return httpError(
            421, QStringLiteral("MisdirectedRequest"),
            QStringLiteral("the Host header must name this server by a loopback name (localhost, 127.0.0.1 or "
                           "[::1]) and port %1")
                .arg(limits.port));
    }
    const QByteArray origin = http.value("Origin").trimmed().toLower();
    if (!origin.isEmpty()) {
        const QByteArray port = ":" + QByteArray::number(limits.port);
        if (origin != "http://localhost" + port && origin != "http://127.0.0.1" + port
            && origin != "http://[::1]" + port) {
            return httpError(403, QStringLiteral("Forbidden"), QStringLiteral("cross-origin requests are not allowed"));
        }
    }
    if (!limits.token.isEmpty() || !limits.namedTokens.isEmpty()) {
        if (!tokenName(http, limits)) {
            Reply reply = httpError(401, QStringLiteral("Unauthorized"),
                                    QStringLiteral("a valid bearer token is required (Authorization: Bearer <token>)"));
            reply.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
            return reply;
        }
    }
    const RouteDef* def = routeDef(route);
    if (!def) {
        return httpError(404, QStringLiteral("NotFound"), QStringLiteral("no route %1").arg(request.path.left(200)));
    }
    const QByteArray allow = def->methods.join(", ");
    if (request.method == "OPTIONS") {
        Reply reply {204, {}, {{QByteArrayLiteral("Allow"), allow}}};
        return reply;
    }
    if (!def->methods.contains(request.method)) {
        Reply reply = httpError(
            405, QStringLiteral("MethodNotAllowed"),
            QStringLiteral("%1 is not allowed on %2 (allowed: %3)")
                .arg(QString::fromLatin1(request.method), request.path.left(200), QString::fromLatin1(allow)));
        reply.headers.append({QByteArrayLiteral("Allow"), allow});
        return reply;
    }
    bool lengthOk = false;
    const qint64 declared = http.value("Content-Length").trimmed().toLongLong(&lengthOk);
    if ((lengthOk && declared > limits.maxBodyBytes) || request.body.size() > limits.maxBodyBytes) {
        return httpError(413, QStringLiteral("PayloadTooLarge"),
                         QStringLiteral("the request body is larger than %1 bytes").arg(limits.maxBodyBytes));
    }
    const bool takesBody = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
    if (takesBody && !(route == RouteId::DetectionRun && request.body.isEmpty())) {
        const QByteArray type = request.contentType;
        if (route == RouteId::Imports) {
            if (!isImportMediaType(type))
                return httpError(415, QStringLiteral("UnsupportedMediaType"),
                                 QStringLiteral("the body must be a statement file with Content-Type text/csv, "
                                                "application/x-ofx, application/xml, application/qif or "
                                                "application/octet-stream"));
        } else if (route == RouteId::Labels && type == "text/csv") {
        } else if (type != "application/json") {
            return httpError(415, QStringLiteral("UnsupportedMediaType"),
                             QStringLiteral("the body must be JSON with Content-Type: application/json"));
        }
    }

    return def;
}

} // namespace ledgerguard::api
