// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schedule/Settings.h"
#include "util/Status.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
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
// Security: listens on 127.0.0.1 unless Options::address says otherwise; checks the Host header against the
// loopback names (and the bound address) to stop DNS rebinding; refuses cross-origin browser requests (an Origin
// header that is not a loopback origin) and sends no CORS headers; with a token set, every request needs
// "Authorization: Bearer <token>" (compared in constant time). The token's name (Options::namedTokens; "api" for
// Options::token) is the actor of the decisions the request makes (PATCH /anomalies/{id}, labels). Request bodies
// above Options::maxBodyBytes are refused with 413. Every response is JSON, every request is written as one JSON
// line to the "ledgerguard.api.access" logging category.
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
        // Address to listen on. Default: QHostAddress::LocalHost (127.0.0.1). Anything else only by explicit
        // choice (--bind): the API then answers other machines too, so set a token.
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
    // or port cannot be bound (in use, not a local address), InvalidArgument("maxBodyBytes") for a limit < 1.
    Status start(const Options& options);
    // Closes the listening socket and every connection; pending handlers finish and their answers are dropped.
    void stop();
    bool isListening() const;
    // The bound port (useful with Options::port = 0); 0 when not listening.
    quint16 port() const;
    // "http://127.0.0.1:8765" (IPv6 addresses in brackets); empty when not listening.
    QString url() const;
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
