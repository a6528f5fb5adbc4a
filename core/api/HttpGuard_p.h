// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/api: the connection layer in front of QHttpServer. Qt 6.4's QHttpServer reads a whole request
// (head and body) into memory before a handler runs and has no limits or timeouts, so every byte it reads passes
// through here first:
//
//  - RequestFramer: an incremental HTTP/1.1 request framer (request line, header fields, Content-Length or chunked
//    body) that enforces the limits while the bytes arrive and decides, at the end of each request head, whether
//    the body may follow (route body limit, bearer token);
//  - GuardedSocket: the QTcpSocket QHttpServer reads from, a front for the client's real socket (its child). It
//    reads the client's bytes itself, feeds them to the framer, and its readData() hands QHttpServer only the bytes
//    the framer accepted (Qt 6.4 reads a socket made from a descriptor into its own buffer whatever the open mode,
//    so a subclass of the real socket could not see the bytes first); writes go to the real socket. A refused
//    request is answered (in order, after the answers still owed on the connection) and the connection is closed:
//    the write side is shut down after the answer and further input is drained, bounded in bytes and time, so the
//    client reads the answer instead of a reset. Also the idle and slow-request timeouts;
//  - GuardedServer: the QTcpServer handed to QHttpServer::bind(): a connection cap (503 and close above it) and a
//    pause in accepting when the process runs out of descriptors.
//
// Not thread-safe: the server's thread only.

#include "api/RestRoutes_p.h"

#include <QByteArray>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <functional>
#include <optional>

namespace ledgerguard::api {

struct GuardLimits
{
    qint64 maxHeaderBytes = 16 * 1024; // request line and header fields together
    int maxHeaderFields = 100;
    qint64 maxBodyBytes = 64 * 1024; // the default route body limit (decoded bytes for chunked bodies)
    qint64 maxImportBodyBytes = 64 * 1024 * 1024; // POST /imports
    qint64 unauthenticatedBodyBytes = 4 * 1024; // body read before a 401 when the token is missing or wrong
    int idleTimeoutMs = 30000; // no request in progress and no answer owed
    int requestTimeoutMs = 30000; // longest pause between bytes of a request
    int headerTimeoutMs = 10000; // first byte of a request to the end of its head
    int lingerMs = 2000; // draining input after the last answer before the connection is closed
    qint64 lingerBytes = 1024 * 1024;
};

// One request head as the framer read it.
struct RequestHead
{
    QByteArray method;
    QByteArray target;
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    QList<QPair<QByteArray, QByteArray>> fields; // names lower case, values trimmed
    // The first value of a field (name in lower case); empty when absent.
    QByteArray value(const QByteArray& name) const;
    // Whether the connection closes after this request's answer (HTTP/1.0 without keep-alive, Connection: close).
    bool closeAfter = false;
};

// A request the connection layer answers itself, then closes the connection.
struct Refusal
{
    int status = 400;
    QString code; // "BadRequest", "PayloadTooLarge", ...
    QString message;
};

class RequestFramer
{
public:
    // Decides at the end of each head: the body limit for it (set *bodyLimit) or a refusal. It may rewrite
    // head.target (an absolute-form target to its path); QHttpServer then reads the rewritten request line.
    using HeadCheck = std::function<std::optional<Refusal>(RequestHead& head, qint64* bodyLimit)>;

    RequestFramer(const GuardLimits& limits, HeadCheck check)
        : m_limits(limits)
        , m_check(std::move(check))
    { }

    // Feeds received bytes and appends the accepted ones to `out`: a request head only once it is complete and
    // checked, body bytes as they come. Returns how many input bytes were consumed. After a refusal (refusal() set)
    // or after a request that closes the connection, nothing more is accepted.
    qint64 feed(const char* data, qint64 size, QByteArray* out);
    // Refuses the request in progress (a timeout).
    void abortRequest(const Refusal& refusal);

    const std::optional<Refusal>& refusal() const { return m_refusal; }
    bool inRequest() const { return m_state != State::Idle; }
    bool inHead() const { return m_state == State::Head; }
    bool stopped() const { return m_refusal.has_value() || m_closeAfterLast; }
    bool closeAfterLast() const { return m_closeAfterLast; }
    int completed() const { return m_completed; }

private:
    enum class State { Idle, Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer };
    bool refuse(int status, const QString& code, const QString& message);
    bool headComplete();
    bool finishRequest();

    GuardLimits m_limits;
    HeadCheck m_check;
    State m_state = State::Idle;
    QByteArray m_line; // the head so far, or the current chunk-size / trailer line
    qint64 m_remaining = 0; // body or chunk bytes still to come
    qint64 m_bodyLimit = 0;
    qint64 m_bodyTotal = 0;
    qint64 m_trailerBytes = 0;
    int m_completed = 0;
    bool m_closeAfterCurrent = false;
    bool m_closeAfterLast = false;
    std::optional<Refusal> m_refusal;
};

class GuardedSocket : public QTcpSocket
{
    Q_OBJECT
public:
    // The check at the end of each request head, given the connection (its local address names this server).
    using HeadCheck
        = std::function<std::optional<Refusal>(const QTcpSocket& socket, RequestHead& head, qint64* bodyLimit)>;
    // Takes the accepted connection `descriptor`; isOpenConnection() is false when that failed.
    GuardedSocket(qintptr descriptor, const GuardLimits& limits, HeadCheck check, QObject* parent = nullptr);
    bool isOpenConnection() const;
    qint64 bytesToWrite() const override;
    // What QHttpServer may read now: the framed bytes not yet handed over, so a reader that asks before it reads
    // takes all of them, however large the body.
    qint64 bytesAvailable() const override;

    // Whether the next answer is the last one on this connection (it then carries Connection: close).
    bool closesAfterNextAnswer() const;

    // The server sent the answer to the next request; closes the connection when it was the last one.
    void answered();
    // The answer owed for a refused request was written: close the connection gracefully.
    void closeAfterWrite();

Q_SIGNALS:
    // A request was refused; the owner answers it in order and then calls closeAfterWrite(). Queued, so it comes
    // after QHttpServer dispatched the requests before it.
    void refused(const ledgerguard::api::Refusal& refusal);

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    void readFromClient();
    void rearm();
    void queueRefusal();
    void finishClose();

    QTcpSocket* m_real; // the client's connection (child)
    GuardLimits m_limits;
    RequestFramer m_framer;
    QByteArray m_out; // accepted bytes not yet read by QHttpServer
    QTimer m_timer;
    int m_answered = 0;
    bool m_refusalQueued = false;
    bool m_closing = false; // answering no more requests
    bool m_draining = false; // write side shut down, discarding input
    qint64 m_drained = 0;
    qint64 m_requestStartMs = 0;
};

class GuardedServer : public QTcpServer
{
    Q_OBJECT
public:
    GuardedServer(const GuardLimits& limits, GuardedSocket::HeadCheck check, int maxConnections, int acceptRetryMs,
                  QObject* parent = nullptr);
    int openConnections() const { return m_open; }

Q_SIGNALS:
    // A connection is about to be handed to QHttpServer.
    void socketAccepted(ledgerguard::api::GuardedSocket* socket);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    GuardLimits m_limits;
    GuardedSocket::HeadCheck m_check;
    int m_maxConnections;
    int m_acceptRetryMs;
    int m_open = 0; // connections handed to QHttpServer and not yet destroyed
    int m_refusing = 0; // connections being answered 503
};

// The raw HTTP/1.1 answer for a refusal ({"error", "code"} JSON) with Connection: close.
QByteArray refusalResponse(const Refusal& refusal);

} // namespace ledgerguard::api

Q_DECLARE_METATYPE(ledgerguard::api::Refusal)
