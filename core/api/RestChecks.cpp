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
        {RouteId::Accounts, "/accounts", {"GET", "POST"}},
        {RouteId::Account, "/accounts/<arg>", {"GET", "PUT"}},
        {RouteId::AccountClose, "/accounts/<arg>/close", {"POST"}},
        {RouteId::AccountReopen, "/accounts/<arg>/reopen", {"POST"}},
        {RouteId::Transactions, "/transactions", {"GET", "POST"}},
        {RouteId::TransactionsByAccount, "/transactions/by-account/<arg>", {"GET"}},
        {RouteId::Transaction, "/transactions/<arg>", {"GET"}},
        {RouteId::Anomalies, "/anomalies", {"GET"}},
        {RouteId::AnomaliesByAccount, "/anomalies/by-account/<arg>", {"GET"}},
        {RouteId::Anomaly, "/anomalies/<arg>", {"GET", "PATCH"}},
        {RouteId::AnomalyHistory, "/anomalies/<arg>/history", {"GET"}},
        {RouteId::TransactionLabel, "/transactions/<arg>/label", {"POST"}},
        {RouteId::TransactionReverse, "/transactions/<arg>/reverse", {"POST"}},
        {RouteId::Labels, "/labels", {"POST"}},
        {RouteId::DetectionRun, "/detection/run", {"POST"}},
        {RouteId::Imports, "/imports", {"GET", "POST"}},
        {RouteId::Import, "/imports/<arg>", {"DELETE"}},
        {RouteId::Rules, "/rules", {"GET", "POST"}},
        {RouteId::RulesPreview, "/rules/preview", {"POST"}},
        {RouteId::Rule, "/rules/<arg>", {"GET", "PUT", "DELETE"}},
        {RouteId::RuleLists, "/rule-lists", {"GET"}},
        {RouteId::RuleList, "/rule-lists/<arg>", {"GET", "PUT"}},
    };
    return table;
}

// The route whose pattern matches `path` (one path segment for each <arg>), in the order QHttpServer tries them;
// null when none does.
const RouteDef* routeForPath(const QString& path)
{
    const QList<QStringView> segments = QStringView(path).split(QLatin1Char('/'));
    for (const RouteDef& r : routes()) {
        const QString text = QString::fromLatin1(r.pattern);
        const QList<QStringView> pattern = QStringView(text).split(QLatin1Char('/'));
        if (pattern.size() != segments.size())
            continue;
        bool match = true;
        for (qsizetype i = 0; i < pattern.size() && match; ++i)
            match = pattern[i] == u"<arg>" ? !segments[i].isEmpty() : pattern[i] == segments[i];
        if (match)
            return &r;
    }
    return nullptr;
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
    case 408:
        return "Request Timeout";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        break;
    }
    return status >= 500 ? "Internal Server Error" : "Error";
}

std::optional<QString> tokenName(const QByteArray& authorization, const QString& token,
                                 const QList<QPair<QString, QString>>& namedTokens)
{
    if (token.isEmpty() && namedTokens.isEmpty())
        return QStringLiteral("api");
    std::optional<QString> name; // every token is compared, so the time does not tell which one matched
    if (!token.isEmpty() && bearerMatches(authorization, token))
        name = QStringLiteral("api");
    for (const auto& [tokenName, secret] : namedTokens) {
        if (bearerMatches(authorization, secret) && !name)
            name = tokenName;
    }
    return name;
}

bool hostNamesServer(const QByteArray& value, const QHostAddress& local, quint16 port)
{
    QByteArray hostName;
    int hostPort = -1;
    if (!splitHost(value.trimmed().toLower(), &hostName, &hostPort) || (hostPort != -1 && hostPort != port))
        return false;
    bool v4 = false;
    const quint32 ipv4 = local.toIPv4Address(&v4); // also an IPv4-mapped IPv6 address
    const QHostAddress address = v4 ? QHostAddress(ipv4) : local;
    if (address.isLoopback() && (hostName == "localhost" || hostName == "127.0.0.1" || hostName == "[::1]"))
        return true;
    if (address.isNull())
        return false;
    const QByteArray literal = address.protocol() == QAbstractSocket::IPv6Protocol
        ? "[" + address.toString().toLatin1().toLower() + "]"
        : address.toString().toLatin1();
    return hostName == literal;
}

bool bearerMatches(const QByteArray& authorization, const QString& token)
{
    const QByteArray value = authorization.trimmed();
    const QByteArray prefix = "Bearer ";
    return value.size() > prefix.size() && value.left(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0
        && constantTimeEquals(value.mid(prefix.size()).trimmed(), token.toUtf8());
}

Result<const RouteDef*, Reply> checkRequest(const QHttpServerRequest& http, const Request& request, RouteId route,
                                            const Limits& limits)
{
    if (!hostNamesServer(http.value("Host"), request.local, limits.port)) {
        return httpError(421, QStringLiteral("MisdirectedRequest"),
                         QStringLiteral("the Host header must name this server as the client reached it (the "
                                        "address it connected to; localhost only over loopback) and port %1")
                             .arg(limits.port));
    }
    const QByteArray origin = http.value("Origin").trimmed().toLower();
    if (!origin.isEmpty()
        && (!origin.startsWith("http://") || !hostNamesServer(origin.mid(7), request.local, limits.port)
            || !origin.mid(7).contains(':'))) {
        return httpError(403, QStringLiteral("Forbidden"), QStringLiteral("cross-origin requests are not allowed"));
    }
    for (const auto& item : request.query) {
        if (item.first == QLatin1String("token") || item.first == QLatin1String("access_token"))
            return httpError(400, QStringLiteral("BadRequest"),
                             QStringLiteral("a token is never accepted in the URL; send Authorization: Bearer <token>"),
                             QJsonObject {{item.first, QStringLiteral("not accepted in the URL")}});
    }
    if (!limits.token.isEmpty() || !limits.namedTokens.isEmpty()) {
        if (!tokenName(http.value("Authorization"), limits.token, limits.namedTokens)) {
            Reply reply = httpError(401, QStringLiteral("Unauthorized"),
                                    QStringLiteral("a valid bearer token is required (Authorization: Bearer <token>)"));
            reply.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
            return reply;
        }
    }
    const RouteDef* def = routeDef(route);
    if (!def) {
        // A method QHttpServer does not route (TRACE) reaches no route's handler, though the path names a route:
        // answered 405 below.
        def = routeForPath(request.path);
        if (!def || def->methods.contains(request.method) || request.method == "OPTIONS" || request.method == "HEAD")
            return httpError(404, QStringLiteral("NotFound"),
                             QStringLiteral("no route %1").arg(request.path.left(200)));
    }
    // HEAD is GET without the body, wherever GET is allowed (RFC 9110, 9.3.2).
    const bool hasGet = def->methods.contains("GET");
    const QByteArray allow = def->methods.join(", ") + (hasGet ? QByteArrayLiteral(", HEAD") : QByteArray());
    if (request.method == "OPTIONS") {
        Reply reply {204, {}, {{QByteArrayLiteral("Allow"), allow}}};
        return reply;
    }
    if (!def->methods.contains(request.method) && !(request.method == "HEAD" && hasGet)) {
        Reply reply = httpError(
            405, QStringLiteral("MethodNotAllowed"),
            QStringLiteral("%1 is not allowed on %2 (allowed: %3)")
                .arg(request.method == "UNKNOWN" ? QStringLiteral("this method") : QString::fromLatin1(request.method),
                     request.path.left(200), QString::fromLatin1(allow)));
        reply.headers.append({QByteArrayLiteral("Allow"), allow});
        return reply;
    }
    const qint64 maxBody = route == RouteId::Imports ? limits.maxImportBodyBytes : limits.maxBodyBytes;
    bool lengthOk = false;
    const qint64 declared = http.value("Content-Length").trimmed().toLongLong(&lengthOk);
    if ((lengthOk && declared > maxBody) || request.body.size() > maxBody) {
        return httpError(413, QStringLiteral("PayloadTooLarge"),
                         QStringLiteral("the request body is larger than %1 bytes").arg(maxBody));
    }
    const bool takesBody = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
    const bool bodyOptional = route == RouteId::DetectionRun || route == RouteId::AccountClose
        || route == RouteId::AccountReopen || route == RouteId::TransactionReverse;
    if (takesBody && !(bodyOptional && request.body.isEmpty())) {
        const QByteArray type = request.contentType;
        // A compressed body is not read as it is (gzip bytes parsed as a statement, or as JSON).
        if (const QByteArray coding = http.value("Content-Encoding").trimmed().toLower();
            !coding.isEmpty() && coding != "identity")
            return httpError(415, QStringLiteral("UnsupportedMediaType"),
                             QStringLiteral("Content-Encoding %1 is not supported: send the body uncompressed")
                                 .arg(QString::fromLatin1(coding.left(40))));
        if (route == RouteId::Imports && (type == "multipart/form-data" || type == "application/x-www-form-urlencoded"))
            return httpError(415, QStringLiteral("UnsupportedMediaType"),
                             QStringLiteral("send the statement file itself as the body (curl --data-binary @FILE with "
                                            "its Content-Type, e.g. text/csv), not a form"));
        if (route == RouteId::Imports) {
            if (!isImportMediaType(type))
                return httpError(415, QStringLiteral("UnsupportedMediaType"),
                                 QStringLiteral("the body must be a statement file with Content-Type text/csv, "
                                                "application/x-ofx, application/xml, application/qif, text/plain or "
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
