// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/RestServer.h"

#include "api/HttpGuard_p.h"
#include "api/JsonMapping.h"
#include "api/RestQuery_p.h"
#include "ledger/Ledger.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <deque>

static void initApiResources()
{
    Q_INIT_RESOURCE(api);
}

namespace ledgerguard {

Q_LOGGING_CATEGORY(lcApiAccess, "ledgerguard.api.access", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApi, "ledgerguard.api", QtInfoMsg)

using namespace api;

namespace {

QJsonValue jobJson(const Scheduler* scheduler, Scheduler::Job job)
{
    if (!scheduler)
        return QJsonValue();
    const auto iso = [](std::optional<qint64> ms) { return ms ? QJsonValue(isoUtc(*ms)) : QJsonValue(); };
    return QJsonObject {{QLatin1String("lastRun"), iso(scheduler->lastRunMs(job))},
                        {QLatin1String("nextRun"), iso(scheduler->nextRunMs(job))},
                        {QLatin1String("intervalSeconds"), scheduler->interval(job)},
                        {QLatin1String("paused"), scheduler->isPaused(job)},
                        {QLatin1String("running"), scheduler->isRunning(job)}};
}

// The pipeline's record of its last run (ledger meta "last_detection_run"), with finishedAt as ISO text.
QJsonValue lastDetectionRunJson(const QString& meta)
{
    QJsonObject record = QJsonDocument::fromJson(meta.toUtf8()).object();
    if (record.isEmpty())
        return QJsonValue();
    if (record.value(QLatin1String("finishedAt")).isDouble())
        record.insert(QLatin1String("finishedAt"), isoUtc(record.value(QLatin1String("finishedAt")).toInteger()));
    return record;
}

} // namespace

// Per-connection state: responses go out in request order, even when a later request finishes first.
struct RestServer::Connection
{
    struct Pending
    {
        std::unique_ptr<QHttpServerResponder> responder; // null for a request the connection layer refused
        Request request; // for the access log (body dropped)
        std::optional<Reply> reply;
        bool refusal = false; // the connection closes after this answer
    };
    quint64 nextSeq = 0;
    quint64 nextToSend = 0;
    std::map<quint64, Pending> pending;
    // Requests are handled one after the other in the order they came, each when the one before it has its reply
    // (RFC 9112 9.3.2: a pipelined request sees the writes of those before it, and writes apply in the order sent).
    bool handling = false;
    std::deque<std::function<void()>> waiting;
};

// Counts for GET /health, recomputed when the ledger signals a change or after at most one second (another process
// may write the same file), so /health stays cheap at thousands of requests per second.
class RestServer::HealthCache
{
public:
    QJsonObject counts;
    qint64 computedAtMs = 0;
    bool dirty = true;
};

static QElapsedTimer& serverClock()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer;
}

RestServer::RestServer(Ledger& ledger, DetectionPipeline* pipeline, Scheduler* scheduler, QObject* parent)
    : QObject(parent)
    , m_ledger(ledger)
    , m_pipeline(pipeline)
    , m_scheduler(scheduler)
    , m_health(std::make_unique<HealthCache>())
{
    initApiResources();
    serverClock();
    m_pool.setExpiryTimeout(-1); // keep worker threads (and their SQLite connections) alive
    const auto markDirty = [this] { m_health->dirty = true; };
    connect(&m_ledger, &Ledger::transactionsAdded, this, markDirty);
    connect(&m_ledger, &Ledger::accountChanged, this, markDirty);
    connect(&m_ledger, &Ledger::accountsChanged, this, markDirty);
    connect(&m_ledger, &Ledger::anomaliesChanged, this, markDirty);
}

RestServer::~RestServer()
{
    stop();
    m_pool.waitForDone();
}

QString RestServer::generateToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The query string for the access log, with the values of token parameters replaced.
static QString redactedQuery(const QString& rawQuery)
{
    QStringList items = rawQuery.split(QLatin1Char('&'));
    for (QString& item : items) {
        const QString name = item.section(QLatin1Char('='), 0, 0).toLower();
        if (name == QLatin1String("token") || name == QLatin1String("access_token"))
            item = name + QLatin1String("=REDACTED");
    }
    return items.join(QLatin1Char('&'));
}

Status RestServer::start(const Options& options)
{
    const std::pair<const char*, qint64> positive[] = {
        {"maxBodyBytes", options.maxBodyBytes},         {"maxImportBodyBytes", options.maxImportBodyBytes},
        {"maxHeaderBytes", options.maxHeaderBytes},     {"unauthenticatedBodyBytes", options.unauthenticatedBodyBytes},
        {"maxConnections", options.maxConnections},     {"idleTimeoutMs", options.idleTimeoutMs},
        {"requestTimeoutMs", options.requestTimeoutMs}, {"headerTimeoutMs", options.headerTimeoutMs},
        {"acceptRetryMs", options.acceptRetryMs},
    };
    for (const auto& [name, value] : positive) {
        if (value < 1)
            return Status::invalidArgument(QString::fromLatin1(name), QStringLiteral("must be at least 1"));
    }
    if (!options.address.isLoopback() && options.token.isEmpty() && options.namedTokens.isEmpty()) {
        return Status::invalidArgument(
            QStringLiteral("token"),
            QStringLiteral("listening on %1 exposes the API to other machines: it requires a token (--token or "
                           "LEDGERGUARD_API_TOKEN)")
                .arg(options.address.toString()));
    }
    stop();
    m_options = options;
    m_pool.setMaxThreadCount(options.workerThreads > 0 ? options.workerThreads : QThread::idealThreadCount());

    m_http = new QHttpServer(this);
    registerRoutes();
    GuardLimits limits;
    limits.maxHeaderBytes = options.maxHeaderBytes;
    limits.maxBodyBytes = options.maxBodyBytes;
    limits.maxImportBodyBytes = options.maxImportBodyBytes;
    limits.unauthenticatedBodyBytes = options.unauthenticatedBodyBytes;
    limits.idleTimeoutMs = options.idleTimeoutMs;
    limits.requestTimeoutMs = options.requestTimeoutMs;
    limits.headerTimeoutMs = options.headerTimeoutMs;
    const auto check
        = [this](const QTcpSocket& socket, RequestHead& head, qint64* bodyLimit) -> std::optional<Refusal> {
        if (!head.target.startsWith('/')) { // absolute form, "http://authority/path?query"
            const QByteArray rest = head.target.mid(7);
            qsizetype end = 0;
            while (end < rest.size() && rest.at(end) != '/' && rest.at(end) != '?')
                ++end;
            if (!hostNamesServer(rest.left(end), socket.localAddress(), m_port)) {
                return Refusal {421, QStringLiteral("MisdirectedRequest"),
                                QStringLiteral("the request target names another server")};
            }
            head.target = end < rest.size() && rest.at(end) == '/' ? rest.mid(end) : "/" + rest.mid(end);
        }
        const QByteArray path = head.target.left(head.target.indexOf('?'));
        *bodyLimit
            = head.method == "POST" && path == "/imports" ? m_options.maxImportBodyBytes : m_options.maxBodyBytes;
        if (!tokenName(head.value("authorization"), m_options.token, m_options.namedTokens)) {
            const qint64 declared = head.value("content-length").toLongLong();
            if (!head.value("transfer-encoding").isEmpty() || declared > m_options.unauthenticatedBodyBytes) {
                return Refusal {401, QStringLiteral("Unauthorized"),
                                QStringLiteral("a valid bearer token is required (Authorization: Bearer <token>)")};
            }
            *bodyLimit = std::min(*bodyLimit, m_options.unauthenticatedBodyBytes);
        }
        return std::nullopt;
    };
    auto* tcp = new GuardedServer(limits, check, options.maxConnections, options.acceptRetryMs, m_http);
    // Refusals from the connection layer are answered here, in request order.
    connect(tcp, &GuardedServer::socketAccepted, this, [this](GuardedSocket* socket) {
        connect(socket, &GuardedSocket::refused, this, [this, socket](const Refusal& refusal) {
            const std::shared_ptr<Connection> connection = connectionFor(socket);
            const quint64 seq = connection->nextSeq++;
            Connection::Pending& pending = connection->pending[seq];
            pending.refusal = true;
            pending.request.startedNs = serverClock().nsecsElapsed();
            pending.request.method = "-";
            pending.request.remote = socket->peerAddress();
            Reply reply = httpError(refusal.status, refusal.code, refusal.message);
            if (refusal.status == 401)
                reply.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
            finish(QPointer<QTcpSocket>(socket), seq, std::move(reply));
        });
    });
    if (!tcp->listen(options.address, options.port)) {
        const QString message = QStringLiteral("cannot listen on %1:%2: %3")
                                    .arg(options.address.toString())
                                    .arg(options.port)
                                    .arg(tcp->errorString());
        delete m_http;
        m_http = nullptr;
        return Status::invalidArgument(QStringLiteral("port"), message);
    }
    m_http->bind(tcp);
    m_port = tcp->serverPort();
    qCInfo(lcApi, "REST API listening on %s%s", qPrintable(reachableUrls().join(QStringLiteral(", "))),
           options.token.isEmpty() && options.namedTokens.isEmpty() ? "" : " (bearer token required)");
    Q_EMIT listeningChanged(true);
    return Status::ok();
}

void RestServer::stop()
{
    if (!m_http)
        return;
    delete m_http; // closes the listening socket and every connection
    m_http = nullptr;
    m_connections.clear();
    m_port = 0;
    Q_EMIT listeningChanged(false);
}

bool RestServer::isListening() const
{
    return m_http != nullptr;
}

quint16 RestServer::port() const
{
    return m_port;
}

static QString urlFor(const QHostAddress& a, quint16 port)
{
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + a.toString() + QLatin1Char(']')
        : a.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(port);
}

QString RestServer::url() const
{
    if (!m_http)
        return QString();
    QHostAddress a = m_options.address;
    if (a == QHostAddress::Any)
        a = QHostAddress::AnyIPv6;
    return urlFor(a, m_port);
}

QStringList RestServer::reachableUrls() const
{
    if (!m_http)
        return {};
    const QHostAddress bound = m_options.address;
    const bool any4 = bound == QHostAddress::AnyIPv4 || bound == QHostAddress::Any || bound == QHostAddress::AnyIPv6;
    const bool any6 = bound == QHostAddress::AnyIPv6 || bound == QHostAddress::Any;
    if (!any4 && !any6)
        return {url()};
    QStringList urls;
    for (const QHostAddress& a : QNetworkInterface::allAddresses()) {
        if (!a.scopeId().isEmpty())
            continue; // link-local IPv6 needs a zone in the URL
        if ((a.protocol() == QAbstractSocket::IPv4Protocol && any4)
            || (a.protocol() == QAbstractSocket::IPv6Protocol && any6))
            urls.append(urlFor(a, m_port));
    }
    return urls;
}

void RestServer::registerRoutes()
{
    for (const RouteDef& r : routes()) {
        const RouteId id = r.id;
        const QString pattern = QString::fromLatin1(r.pattern);
        bool ok = false;
        if (pattern.contains(QLatin1String("<arg>"))) {
            ok = m_http->route(
                pattern, QHttpServerRequest::Method::AnyKnown,
                [this, id](const QString& arg, const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                    dispatch(id, {arg}, request, std::move(responder));
                });
        } else {
            ok = m_http->route(pattern, QHttpServerRequest::Method::AnyKnown,
                               [this, id](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                                   dispatch(id, {}, request, std::move(responder));
                               });
        }
        if (!ok)
            qCCritical(lcApi, "cannot register the route %s", r.pattern);
        Q_ASSERT(ok);
    }
    m_http->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        dispatch(RouteId::NotFound, {}, request, std::move(responder));
    });
}

void RestServer::dispatch(RouteId route, const QStringList& captures, const QHttpServerRequest& http,
                          QHttpServerResponder&& responder)
{
    QTcpSocket* socket = responder.socket();
    const std::shared_ptr<Connection> connection = connectionFor(socket);
    const quint64 seq = connection->nextSeq++;

    Request request;
    request.startedNs = serverClock().nsecsElapsed();
    request.method = methodName(int(http.method()));
    const QUrl url = http.url();
    request.path = url.path();
    request.rawQuery = url.query(QUrl::FullyEncoded);
    // A '+' in a query is a space, as HTML forms and Python's urlencode write one (a plus is sent as %2B).
    request.query = QUrlQuery(QString(request.rawQuery).replace(QLatin1Char('+'), QLatin1String("%20")))
                        .queryItems(QUrl::FullyDecoded);
    request.captures = captures;
    request.remote = http.remoteAddress();
    request.local = socket->localAddress();
    request.body = http.body();
    request.contentType = http.value("Content-Type").split(';').value(0).trimmed().toLower();

    Connection::Pending& pending = connection->pending[seq];
    pending.responder = std::make_unique<QHttpServerResponder>(std::move(responder));
    pending.request = request;
    pending.request.body.clear();
    const QPointer<QTcpSocket> guard(socket);

    const Limits limits {m_port, m_options.token, m_options.namedTokens, m_options.maxBodyBytes,
                         m_options.maxImportBodyBytes};
    if (auto checked = checkRequest(http, request, route, limits); !checked) {
        finish(guard, seq, checked.status());
        return;
    }
    request.actor
        = tokenName(http.value("Authorization"), limits.token, limits.namedTokens).value_or(QStringLiteral("api"));
    if (request.method == "HEAD")
        request.method = "GET"; // answered as GET; finish() sends the head only

    // ---- The route, after the connection's earlier requests ----
    const std::weak_ptr<Connection> weak = connection;
    handleInOrder(*connection, [this, guard, seq, route, weak, request = std::move(request)]() mutable {
        handle(route, std::move(request), guard, seq, weak);
    });
}

void RestServer::handleInOrder(Connection& connection, std::function<void()> handler)
{
    if (connection.handling) {
        connection.waiting.push_back(std::move(handler));
        return;
    }
    connection.handling = true;
    handler();
}

void RestServer::handleNext(const std::weak_ptr<Connection>& weak)
{
    const std::shared_ptr<Connection> connection = weak.lock();
    if (!connection) // the connection closed: requests still waiting are not handled
        return;
    if (connection->waiting.empty()) {
        connection->handling = false;
        return;
    }
    std::function<void()> next = std::move(connection->waiting.front());
    connection->waiting.pop_front();
    next();
}

void RestServer::handle(RouteId route, Request request, const QPointer<QTcpSocket>& guard, quint64 seq,
                        const std::weak_ptr<Connection>& connection)
{
    if (route == RouteId::Health || route == RouteId::OpenApi || route == RouteId::DetectionRun) {
        finish(guard, seq, handleOnOwnerThread(route, request));
        handleNext(connection);
        return;
    }
    Ledger* ledger = &m_ledger;
    QtConcurrent::run(&m_pool, [ledger, route, request = std::move(request)]() -> Reply {
        const bool get = request.method == "GET";
        switch (route) {
        case RouteId::Accounts:
            return get ? getAccounts(*ledger, request) : postAccount(*ledger, request);
        case RouteId::AccountClose:
            return postAccountClose(*ledger, request, true);
        case RouteId::AccountReopen:
            return postAccountClose(*ledger, request, false);
        case RouteId::TransactionReverse:
            return postTransactionReverse(*ledger, request);
        case RouteId::Account:
            return get ? getAccount(*ledger, request) : putAccount(*ledger, request);
        case RouteId::Transactions:
            return get ? getTransactions(*ledger, request, false) : postTransaction(*ledger, request);
        case RouteId::TransactionsByAccount:
            return getTransactions(*ledger, request, true);
        case RouteId::Transaction:
            return getTransaction(*ledger, request);
        case RouteId::Anomalies:
            return getAnomalies(*ledger, request, false);
        case RouteId::AnomaliesByAccount:
            return getAnomalies(*ledger, request, true);
        case RouteId::Anomaly:
            return get ? getAnomaly(*ledger, request) : patchAnomaly(*ledger, request);
        case RouteId::Imports:
            return get ? getImports(*ledger, request) : postImport(*ledger, request);
        case RouteId::Import:
            return deleteImport(*ledger, request);
        case RouteId::AnomalyHistory:
            return getAnomalyHistory(*ledger, request);
        case RouteId::TransactionLabel:
            return postTransactionLabel(*ledger, request);
        case RouteId::Labels:
            return postLabels(*ledger, request);
        case RouteId::Rules:
            return get ? getRules(*ledger, request) : saveRule(*ledger, request, true);
        case RouteId::RulesPreview:
            return previewRule(*ledger, request);
        case RouteId::Rule:
            return get                    ? getRule(*ledger, request)
                : request.method == "PUT" ? saveRule(*ledger, request, false)
                                          : deleteRule(*ledger, request);
        case RouteId::RuleLists:
            return getRuleLists(*ledger, request);
        case RouteId::RuleList:
            return get ? getRuleList(*ledger, request) : putRuleList(*ledger, request);
        default:
            break;
        }
        return errorReply(Status::internal(QStringLiteral("no handler")));
    }).then(this, [this, guard, seq, connection](Reply reply) {
        const bool detect = reply.startDetection;
        finish(guard, seq, std::move(reply));
        if (detect && m_pipeline)
            m_pipeline->start(false);
        handleNext(connection);
    });
}

std::shared_ptr<RestServer::Connection> RestServer::connectionFor(QTcpSocket* socket)
{
    auto& connection = m_connections[socket];
    if (!connection) {
        connection = std::make_shared<Connection>();
        // Answers are written from a continuation in several writes; without TCP_NODELAY, Nagle's algorithm holds
        // the tail of each answer until the client acknowledges the previous write, which its delayed ACK postpones.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    }
    return connection;
}

Reply RestServer::handleOnOwnerThread(RouteId route, const Request& request)
{
    if (auto query = Query::read(request, {}); !query)
        return query.status();
    switch (route) {
    case RouteId::OpenApi: {
        const QByteArray document = openApiDocument();
        if (document.isEmpty())
            return errorReply(Status::internal(QStringLiteral("the OpenAPI document is missing from the build")));
        return Reply {200, document, {}};
    }
    case RouteId::Health: {
        Ledger& ledger = m_ledger;
        // Ask the database on every call (a primary-key read), so /health fails when the ledger does.
        const auto lastRun = ledger.meta(QStringLiteral("last_detection_run"));
        if (!lastRun) {
            QJsonObject body = errorJson(lastRun.status());
            body.insert(QLatin1String("status"), QStringLiteral("error"));
            return jsonReply(503, body);
        }
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        if (m_health->dirty || nowMs - m_health->computedAtMs > 1000 || nowMs < m_health->computedAtMs) {
            auto accounts = ledger.accounts();
            if (!accounts) {
                QJsonObject body = errorJson(accounts.status());
                body.insert(QLatin1String("status"), QStringLiteral("error"));
                return jsonReply(503, body);
            }
            qint64 transactions = 0;
            int stale = 0;
            for (const Account& a : *accounts) {
                transactions += a.transactionCount;
                stale += a.isStale ? 1 : 0;
            }
            auto open = ledger.openCaseCounts(); // every open case, as the dashboard's cards count them
            if (!open) {
                QJsonObject body = errorJson(open.status());
                body.insert(QLatin1String("status"), QStringLiteral("error"));
                return jsonReply(503, body);
            }
            const qint64 high = open->high, medium = open->medium, low = open->low;
            m_health->counts = QJsonObject {{QLatin1String("accounts"), accounts->size()},
                                            {QLatin1String("transactions"), transactions},
                                            {QLatin1String("staleAccounts"), stale},
                                            {QLatin1String("openAnomalies"),
                                             QJsonObject {{QLatin1String("HIGH"), high},
                                                          {QLatin1String("MEDIUM"), medium},
                                                          {QLatin1String("LOW"), low}}}};
            m_health->computedAtMs = nowMs;
            m_health->dirty = false;
        }
        const Scheduler* scheduler = m_scheduler;
        const bool detectionRunning = m_pipeline && m_pipeline->isRunning();
        return jsonReply(200,
                         QJsonObject {{QLatin1String("status"), QStringLiteral("ok")},
                                      {QLatin1String("version"), QStringLiteral(LEDGERGUARD_VERSION)},
                                      {QLatin1String("schemaVersion"), ledger.database()->schemaVersion()},
                                      {QLatin1String("time"), isoUtc(ledger.clock().nowMs())},
                                      {QLatin1String("counts"), m_health->counts},
                                      {QLatin1String("generator"), jobJson(scheduler, Scheduler::Job::Generator)},
                                      {QLatin1String("detector"), jobJson(scheduler, Scheduler::Job::Detector)},
                                      {QLatin1String("detectionRunning"), detectionRunning},
                                      {QLatin1String("lastDetectionRun"), lastDetectionRunJson(*lastRun)},
                                      {QLatin1String("readOnly"), ledger.isReadOnly()},
                                      {QLatin1String("readOnlyReason"), ledger.database()->readOnlyReason()}});
    }
    case RouteId::DetectionRun: {
        QJsonObject body;
        if (!request.body.isEmpty()) {
            auto parsed = parseObject(request, {QStringLiteral("allAccounts")});
            if (!parsed)
                return parsed.status();
            body = *parsed;
            if (const QJsonValue all = body.value(QLatin1String("allAccounts")); !all.isUndefined() && !all.isBool())
                return httpError(422, QStringLiteral("InvalidArgument"), QStringLiteral("invalid values"),
                                 QJsonObject {{QLatin1String("allAccounts"), QStringLiteral("must be true or false")}});
        }
        const bool allAccounts = body.value(QLatin1String("allAccounts")).toBool(false);
        DetectionPipeline* pipeline = m_pipeline;
        if (!pipeline)
            return errorReply(Status::busy(QStringLiteral("detection is not available in this process")));
        if (!pipeline->start(allAccounts))
            return errorReply(Status::conflict(QStringLiteral("a detection run is already in progress")));
        return jsonReply(202,
                         QJsonObject {{QLatin1String("status"), QStringLiteral("started")},
                                      {QLatin1String("allAccounts"), allAccounts}});
    }
    default:
        break;
    }
    return errorReply(Status::internal(QStringLiteral("no handler")));
}

void RestServer::finish(QPointer<QTcpSocket> socket, quint64 seq, Reply reply)
{
    if (!socket)
        return;
    const auto it = m_connections.constFind(socket.data());
    if (it == m_connections.constEnd())
        return;
    const std::shared_ptr<Connection> connection = *it;
    const auto slot = connection->pending.find(seq);
    if (slot == connection->pending.end())
        return;
    slot->second.reply = std::move(reply);

    // Send every finished response that is next in line.
    for (auto next = connection->pending.find(connection->nextToSend);
         next != connection->pending.end() && next->second.reply;
         next = connection->pending.find(connection->nextToSend)) {
        Connection::Pending& p = next->second;
        const Reply& r = *p.reply;
        auto* guarded = qobject_cast<GuardedSocket*>(socket.data());
        const bool close = p.refusal || (guarded && guarded->closesAfterNextAnswer());
        if (socket && socket->state() == QAbstractSocket::ConnectedState) {
            // One write per answer (the responder's helpers write each header separately).
            QByteArray out;
            out.reserve(r.body.size() + 256);
            out.append("HTTP/1.1 ").append(QByteArray::number(r.status)).append(' ').append(reasonPhrase(r.status));
            if (!r.body.isEmpty())
                out.append("\r\nContent-Type: application/json");
            out.append("\r\nContent-Length: ").append(QByteArray::number(r.body.size()));
            out.append("\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff");
            for (const auto& [name, value] : r.headers)
                out.append("\r\n").append(name).append(": ").append(value);
            if (close)
                out.append("\r\nConnection: close");
            out.append("\r\n\r\n");
            if (p.request.method != "HEAD")
                out.append(r.body);
            socket->write(out);
        }
        if (guarded) {
            if (p.refusal)
                guarded->closeAfterWrite();
            else
                guarded->answered();
        }
        logAccess(p.request, r);
        connection->pending.erase(next);
        ++connection->nextToSend;
    }
}

void RestServer::logAccess(const Request& request, const Reply& reply) const
{
    if (!m_options.accessLog || !lcApiAccess().isInfoEnabled())
        return;
    const double ms = double(serverClock().nsecsElapsed() - request.startedNs) / 1e6;
    const QJsonObject line {{QLatin1String("time"), isoUtc(QDateTime::currentMSecsSinceEpoch())},
                            {QLatin1String("remote"), request.remote.toString()},
                            {QLatin1String("method"), QString::fromLatin1(request.method)},
                            {QLatin1String("path"), request.path},
                            {QLatin1String("query"), redactedQuery(request.rawQuery)},
                            {QLatin1String("status"), reply.status},
                            {QLatin1String("bytes"), reply.body.size()},
                            {QLatin1String("ms"), std::round(ms * 1000) / 1000}};
    qCInfo(lcApiAccess, "%s", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
}

} // namespace ledgerguard
