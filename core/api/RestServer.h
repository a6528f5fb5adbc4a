// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schedule/Settings.h"
#include "util/Status.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <functional>
#include <map>
#include <memory>

QT_BEGIN_NAMESPACE
class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;
QT_END_NAMESPACE

namespace ledgerguard {

class Ledger;
class DetectionPipeline;
class Scheduler;

namespace api {
struct Request;
struct Reply;
enum class RouteId : int;
} // namespace api

// The local REST API (docs/API.md, GET /openapi.json): JSON routes over HTTP/1.1 that call the same Ledger and
// DetectionPipeline functions as the GUI.
//
// Security (docs/SECURITY.md): listens on 127.0.0.1 unless Options::address says otherwise, and any address that
// is not loopback requires a token; checks the Host header against the address the client connected to (localhost
// names only over loopback) to stop DNS rebinding; refuses cross-origin browser requests (an Origin that does not
// name this server) and sends no CORS headers; with a token set, every request needs "Authorization: Bearer
// <token>" (compared in constant time; a token in the query string is refused and never logged). The token's name
// (Options::namedTokens; "api" for Options::token) is the actor of the decisions the request makes. Every response is
// JSON, every request is written as one JSON line to the "ledgerguard.api.access" logging category.
//
// Connections: QHttpServer keeps the routes, but it reads from the server's own QTcpServer and QTcpSocket
// subclasses (api/HttpGuard_p.h), which frame each HTTP/1.1 request as its bytes arrive and enforce the limits
// below before QHttpServer buffers anything: header bytes (431), body bytes per route, also for chunked bodies
// (413, answered as soon as a declared length is too big), the token before the body (401 and close when the body
// is larger than Options::unauthenticatedBodyBytes), the request line and header syntax (400; 501 for unknown
// methods and transfer codings; 505 for other HTTP versions; absolute-form targets only for this server, else
// 421), idle and slow-request timeouts (408 when a request is cut short), a connection cap (503) and a pause in
// accepting when descriptors run out. HTTP/1.0 and "Connection: close" requests are answered with
// "Connection: close" and the connection is closed after the answer. A refused request is answered in order and
// then the connection is closed.
//
// Threads: the server lives on the thread that created it (the GUI or main thread) and answers there; read and
// write handlers run on the server's own thread pool (each worker thread uses its own SQLite connection through
// Database::connection()), so reads use every core. Responses on one connection keep the order of its requests.
//
// Not thread-safe: call every method on the thread that owns the object.
class RestServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        // Address to listen on. Default: QHostAddress::LocalHost (127.0.0.1). An address that is not loopback
        // (a LAN address, 0.0.0.0, ::) answers other machines too and requires a token (start() refuses otherwise).
        QHostAddress address = QHostAddress::LocalHost;
        // TCP port; 0 picks a free port (see port()). Default: settings::kDefaultApiPort (8765).
        quint16 port = settings::kDefaultApiPort;
        // Bearer token required on every request when not empty. Default: empty (no token). Its name is "api".
        QString token;
        // More tokens, each with a name (name, secret): any of them (or `token`) is accepted, and the name is the
        // actor of the decisions made with it (the audit trail's "who"). Default: none.
        QList<QPair<QString, QString>> namedTokens;
        // Largest accepted request body in bytes; larger bodies get 413. Default: 64 KiB.
        qint64 maxBodyBytes = 65536;
        // Largest POST /imports body (a statement file) in bytes. Default: 64 MiB.
        qint64 maxImportBodyBytes = qint64(64) * 1024 * 1024;
        // Largest request line plus header fields in bytes; more gets 431 and the connection closed. Default: 16 KiB.
        qint64 maxHeaderBytes = 16 * 1024;
        // Largest body read from a request whose token is missing or wrong before its 401; a larger declared or
        // chunked body is answered 401 at once and the connection closed. Default: 4 KiB.
        qint64 unauthenticatedBodyBytes = 4096;
        // Open connections at most; more are answered 503 and closed. Default: 128.
        int maxConnections = 128;
        // A connection with no request in progress and no answer owed is closed after this. Default: 30 s.
        int idleTimeoutMs = 30000;
        // A request whose bytes pause longer than this is answered 408 and the connection closed. Default: 30 s.
        int requestTimeoutMs = 30000;
        // A request head not complete this long after its first byte gets 408. Default: 10 s.
        int headerTimeoutMs = 10000;
        // After an error accepting a connection (no descriptors left), accepting pauses this long. Default: 500 ms.
        int acceptRetryMs = 500;
        // Write one JSON line per request to the "ledgerguard.api.access" category. Default: true.
        bool accessLog = true;
        // Worker threads for the handlers; 0 means QThread::idealThreadCount(). Default: 0.
        int workerThreads = 0;
    };

    // `pipeline` (POST /detection/run, 503 without it; the detection run after a POST /imports) and `scheduler` (the
    // job times in /health; null there without it) are optional. The ledger and every non-null pointer must outlive
    // this object.
    explicit RestServer(Ledger& ledger, DetectionPipeline* pipeline = nullptr, Scheduler* scheduler = nullptr,
                        QObject* parent = nullptr);
    ~RestServer() override;
    Q_DISABLE_COPY_MOVE(RestServer)

    // Starts listening (stopping first if already listening). Errors: InvalidArgument("port") when the address
    // or port cannot be bound (in use, not a local address), InvalidArgument("token") for an address that is not
    // loopback without a token, InvalidArgument(<the option>) for a limit or timeout < 1.
    Status start(const Options& options);
    // Closes the listening socket and every connection; pending handlers finish and their answers are dropped.
    void stop();
    bool isListening() const;
    // The bound port (useful with Options::port = 0); 0 when not listening.
    quint16 port() const;
    // "http://127.0.0.1:8765" (IPv6 addresses in brackets), the bound address as it is ("http://0.0.0.0:8765" for
    // all interfaces); empty when not listening.
    QString url() const;
    // The URLs clients can use: url() for one address; for 0.0.0.0 or :: one per local address of that family.
    QStringList reachableUrls() const;
    const Options& options() const { return m_options; }

    // A new random bearer token (256 bits from the system CSPRNG, base64url without padding: 43 characters).
    static QString generateToken();

Q_SIGNALS:
    void listeningChanged(bool listening);

private:
    struct Connection;
    void registerRoutes();
    void dispatch(api::RouteId route, const QStringList& captures, const QHttpServerRequest& request,
                  QHttpServerResponder&& responder);
    void finish(QPointer<QTcpSocket> socket, quint64 seq, api::Reply reply);
    std::shared_ptr<Connection> connectionFor(QTcpSocket* socket);
    // Runs `handler` now when no request of the connection is being handled, else after those before it.
    void handleInOrder(Connection& connection, std::function<void()> handler);
    // The connection's request handled: starts its next waiting one.
    void handleNext(const std::weak_ptr<Connection>& connection);
    // Handles a checked request (on the owner thread or the pool) and answers it as `seq` of the connection.
    void handle(api::RouteId route, api::Request request, const QPointer<QTcpSocket>& guard, quint64 seq,
                const std::weak_ptr<Connection>& connection);
    api::Reply handleOnOwnerThread(api::RouteId route, const api::Request& request);
    void logAccess(const api::Request& request, const api::Reply& reply) const;

    Ledger& m_ledger;
    DetectionPipeline* m_pipeline;
    Scheduler* m_scheduler;
    Options m_options;
    QHttpServer* m_http = nullptr; // owned (child); recreated by start()
    quint16 m_port = 0;
    QThreadPool m_pool;
    QHash<QTcpSocket*, std::shared_ptr<Connection>> m_connections;
    class HealthCache;
    std::unique_ptr<HealthCache> m_health;
};

} // namespace ledgerguard
