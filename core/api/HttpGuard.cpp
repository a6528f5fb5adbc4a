// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/HttpGuard_p.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <cstring>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace ledgerguard::api {

Q_LOGGING_CATEGORY(lcGuard, "ledgerguard.api.connection", QtInfoMsg)

namespace {

bool isTchar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(const QByteArray& s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (c == '\0' || !isTchar(c))
            return false;
    }
    return true;
}

bool isDigits(const QByteArray& s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

QByteArray RequestHead::value(const QByteArray& name) const
{
    for (const auto& [n, v] : fields) {
        if (n == name)
            return v;
    }
    return QByteArray();
}

bool RequestFramer::refuse(int status, const QString& code, const QString& message)
{
    m_refusal = Refusal {status, code, message};
    return false;
}

qint64 RequestFramer::feed(const char* data, qint64 size, QByteArray* out)
{
    qint64 i = 0;
    while (i < size && !stopped()) {
        switch (m_state) {
        case State::Idle:
            m_state = State::Head;
            m_line.clear();
            [[fallthrough]];
        case State::Head:
        case State::ChunkSize:
        case State::Trailer: {
            const void* nl = std::memchr(data + i, '\n', size_t(size - i));
            const qint64 take = nl ? (static_cast<const char*>(nl) - (data + i) + 1) : size - i;
            const qint64 limit = m_state == State::Head ? m_limits.maxHeaderBytes
                : m_state == State::ChunkSize           ? 1024
                                                        : m_limits.maxHeaderBytes - m_trailerBytes;
            if (m_line.size() + take > limit + (m_state == State::Head ? 0 : 2)) {
                if (m_state == State::Head)
                    refuse(431, QStringLiteral("HeaderFieldsTooLarge"),
                           QStringLiteral("the request line and header fields are larger than %1 bytes")
                               .arg(m_limits.maxHeaderBytes));
                else
                    refuse(400, QStringLiteral("BadRequest"), QStringLiteral("malformed chunked body"));
                return i;
            }
            m_line.append(data + i, take);
            i += take;
            if (!nl)
                break;
            if (m_state == State::Head) {
                if (m_line == "\r\n" || m_line == "\n") { // empty lines before a request line are ignored
                    m_line.clear();
                    break;
                }
                if (!m_line.endsWith("\n\r\n") && !m_line.endsWith("\n\n"))
                    break;
                if (!headComplete())
                    return i;
                out->append(m_line);
                m_line.clear();
                if (m_state == State::Idle && !finishRequest())
                    return i;
            } else if (m_state == State::ChunkSize) {
                QByteArray line = m_line;
                m_line.clear();
                if (!line.endsWith("\r\n"))
                    return refuse(400, QStringLiteral("BadRequest"), QStringLiteral("chunk lines must end in CRLF")), i;
                line.chop(2);
                const qsizetype semicolon = line.indexOf(';');
                const QByteArray hex = (semicolon < 0 ? line : line.left(semicolon));
                bool ok = !hex.isEmpty() && hex.size() <= 15;
                for (char c : hex)
                    ok = ok && std::isxdigit(uchar(c));
                if (!ok) {
                    refuse(400, QStringLiteral("BadRequest"), QStringLiteral("malformed chunk size"));
                    return i;
                }
                const qint64 chunk = hex.toLongLong(nullptr, 16);
                if (chunk <= m_bodyLimit - m_bodyTotal)
                    out->append(line + "\r\n");
                if (chunk == 0) {
                    m_state = State::Trailer;
                    m_trailerBytes = 0;
                } else if (m_bodyTotal + chunk > m_bodyLimit) {
                    refuse(413, QStringLiteral("PayloadTooLarge"),
                           QStringLiteral("the request body is larger than %1 bytes").arg(m_bodyLimit));
                    return i;
                } else {
                    m_bodyTotal += chunk;
                    m_remaining = chunk;
                    m_state = State::ChunkData;
                }
            } else { // Trailer
                m_trailerBytes += m_line.size();
                const bool end = m_line == "\r\n";
                if (!m_line.endsWith("\r\n")) {
                    refuse(400, QStringLiteral("BadRequest"), QStringLiteral("trailer lines must end in CRLF"));
                    return i;
                }
                const qsizetype colon = m_line.indexOf(':');
                if (!end && (colon <= 0 || m_line.left(colon).contains(' ') || m_line.left(colon).contains('\t'))) {
                    refuse(400, QStringLiteral("BadRequest"), QStringLiteral("malformed trailer field"));
                    return i;
                }
                // Trailer fields are checked and discarded (RFC 9112 7.1.2): no route reads one, and Qt's parser
                // dropped the connection after a request that had any, once the handler had run.
                if (end)
                    out->append(m_line);
                m_line.clear();
                if (end && !finishRequest())
                    return i;
            }
            break;
        }
        case State::Body:
        case State::ChunkData: {
            const qint64 take = std::min(m_remaining, size - i);
            out->append(data + i, take);
            i += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_state == State::Body) {
                    if (!finishRequest())
                        return i;
                } else {
                    m_state = State::ChunkDataEnd;
                    m_line.clear();
                }
            }
            break;
        }
        case State::ChunkDataEnd: {
            const char c = data[i++];
            m_line.append(c);
            out->append(c);
            if (m_line == "\r")
                break;
            if (m_line != "\r\n") {
                refuse(400, QStringLiteral("BadRequest"), QStringLiteral("a chunk must end in CRLF"));
                return i;
            }
            m_line.clear();
            m_state = State::ChunkSize;
            break;
        }
        }
    }
    return i;
}

void RequestFramer::abortRequest(const Refusal& refusal)
{
    if (!m_refusal)
        m_refusal = refusal;
}

bool RequestFramer::headComplete()
{
    const auto bad = [this](const QString& message) { return refuse(400, QStringLiteral("BadRequest"), message); };
    QList<QByteArray> lines = m_line.split('\n');
    lines.removeLast(); // after the final LF
    lines.removeLast(); // the empty line
    for (QByteArray& line : lines) {
        if (!line.endsWith('\r'))
            return bad(QStringLiteral("request lines must end in CRLF"));
        line.chop(1);
    }
    RequestHead head;
    const QList<QByteArray> parts = lines.value(0).split(' ');
    if (parts.size() != 3)
        return bad(QStringLiteral("the request line must be: METHOD SP target SP HTTP/1.1"));
    head.method = parts.at(0);
    head.target = parts.at(1);
    head.version = parts.at(2);
    if (!isToken(head.method))
        return bad(QStringLiteral("malformed method"));
    static const QList<QByteArray> methods {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"};
    if (!methods.contains(head.method))
        return refuse(
            501, QStringLiteral("NotImplemented"),
            QStringLiteral("the method %1 is not implemented").arg(QString::fromLatin1(head.method.left(32))));
    if (head.version != "HTTP/1.1" && head.version != "HTTP/1.0") {
        const QByteArray& v = head.version;
        if (v.size() == 8 && v.startsWith("HTTP/") && std::isdigit(uchar(v.at(5))) && v.at(6) == '.'
            && std::isdigit(uchar(v.at(7))))
            return refuse(505, QStringLiteral("HTTPVersionNotSupported"),
                          QStringLiteral("only HTTP/1.1 and HTTP/1.0 are supported"));
        return bad(QStringLiteral("malformed HTTP version"));
    }
    if (head.target.isEmpty())
        return bad(QStringLiteral("empty request target"));
    for (char c : head.target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7F)
            return bad(QStringLiteral("the request target has a character that must be percent-encoded"));
    }
    const QByteArray lowerTarget = head.target.toLower();
    if (!head.target.startsWith('/') && !lowerTarget.startsWith("http://"))
        return bad(QStringLiteral("the request target must be a path (origin form) or an http:// URL"));

    if (lines.size() - 1 > m_limits.maxHeaderFields)
        return refuse(431, QStringLiteral("HeaderFieldsTooLarge"),
                      QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaderFields));
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArray& line = lines.at(n);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return bad(QStringLiteral("folded header lines are not allowed"));
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).toLower();
        if (colon < 0 || !isToken(name))
            return bad(QStringLiteral("malformed header field on line %1").arg(n + 1));
        const QByteArray value = line.mid(colon + 1).trimmed();
        for (char c : value) {
            if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7F)
                return bad(QStringLiteral("the header field %1 has a control character")
                               .arg(QString::fromLatin1(name.left(64))));
        }
        head.fields.append({name, value});
    }

    // Framing: Host, Content-Length, Transfer-Encoding, Connection.
    int hosts = 0;
    QByteArray contentLength;
    bool chunked = false;
    for (const auto& [name, value] : head.fields) {
        if (name == "host") {
            ++hosts;
        } else if (name == "content-length") {
            if (!isDigits(value) || value.size() > 18 || (!contentLength.isNull() && contentLength != value))
                return bad(QStringLiteral("malformed Content-Length"));
            contentLength = value;
        } else if (name == "transfer-encoding") {
            if (chunked || value.toLower() != "chunked")
                return refuse(501, QStringLiteral("NotImplemented"),
                              QStringLiteral("the only transfer coding accepted is chunked"));
            chunked = true;
        } else if (name == "connection") {
            for (const QByteArray& option : value.split(',')) {
                if (option.trimmed().toLower() == "close")
                    head.closeAfter = true;
            }
        }
    }
    if (head.version == "HTTP/1.0")
        head.closeAfter = true;
    if (head.version == "HTTP/1.1" && hosts != 1)
        return bad(QStringLiteral("an HTTP/1.1 request needs exactly one Host header field"));
    if (hosts > 1)
        return bad(QStringLiteral("more than one Host header field"));
    if (chunked && (!contentLength.isNull() || head.version == "HTTP/1.0"))
        return bad(QStringLiteral("Transfer-Encoding: chunked with Content-Length or in HTTP/1.0"));

    m_bodyLimit = m_limits.maxBodyBytes;
    const QByteArray target = head.target;
    if (auto refusal = m_check(head, &m_bodyLimit)) {
        m_refusal = *refusal;
        return false;
    }
    const bool upgrade
        = std::any_of(head.fields.cbegin(), head.fields.cend(), [](const auto& f) { return f.first == "upgrade"; });
    if (head.target != target || upgrade) {
        // QHttpServer is given the checked target, and no Upgrade field (it would drop the connection unanswered
        // instead of ignoring the upgrade).
        QByteArray rebuilt = head.method + ' ' + head.target + ' ' + head.version + "\r\n";
        for (qsizetype n = 1; n < lines.size(); ++n) {
            if (!lines.at(n).toLower().startsWith("upgrade:"))
                rebuilt += lines.at(n) + "\r\n";
        }
        m_line = rebuilt + "\r\n";
    }
    const qint64 declared = contentLength.isNull() ? 0 : contentLength.toLongLong();
    if (declared > m_bodyLimit)
        return refuse(413, QStringLiteral("PayloadTooLarge"),
                      QStringLiteral("the request body is larger than %1 bytes").arg(m_bodyLimit));
    m_closeAfterCurrent = head.closeAfter;
    m_bodyTotal = 0;
    if (chunked) {
        m_state = State::ChunkSize;
    } else if (declared > 0) {
        m_state = State::Body;
        m_remaining = declared;
    } else {
        m_state = State::Idle;
    }
    return true;
}

bool RequestFramer::finishRequest()
{
    m_state = State::Idle;
    ++m_completed;
    if (m_closeAfterCurrent)
        m_closeAfterLast = true;
    return !m_closeAfterLast;
}

QByteArray refusalResponse(const Refusal& refusal)
{
    const QByteArray body
        = QJsonDocument(QJsonObject {{QLatin1String("error"), refusal.message}, {QLatin1String("code"), refusal.code}})
              .toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(refusal.status) + ' ' + reasonPhrase(refusal.status);
    out += "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size());
    out += "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close";
    if (refusal.status == 401)
        out += "\r\nWWW-Authenticate: Bearer";
    out += "\r\n\r\n" + body;
    return out;
}

// ---- GuardedSocket ----

GuardedSocket::GuardedSocket(qintptr descriptor, const GuardLimits& limits, HeadCheck check, QObject* parent)
    : QTcpSocket(parent)
    , m_real(new QTcpSocket(this))
    , m_limits(limits)
    , m_framer(limits, [this, check](RequestHead& head, qint64* bodyLimit) -> std::optional<Refusal> {
        auto refusal = check(*this, head, bodyLimit);
        if (!refusal && head.version == "HTTP/1.1" && head.value("expect").toLower() == "100-continue")
            m_real->write("HTTP/1.1 100 Continue\r\n\r\n");
        return refusal;
    })
{
    if (!m_real->setSocketDescriptor(descriptor))
        return;
    m_real->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    setPeerAddress(m_real->peerAddress());
    setPeerPort(m_real->peerPort());
    setLocalAddress(m_real->localAddress());
    setLocalPort(m_real->localPort());
    setOpenMode(QIODevice::ReadWrite);
    setSocketState(ConnectedState);
    connect(m_real, &QIODevice::readyRead, this, &GuardedSocket::readFromClient);
    connect(m_real, &QAbstractSocket::disconnected, this, [this] {
        m_timer.stop();
        if (state() != UnconnectedState) {
            setSocketState(UnconnectedState);
            Q_EMIT disconnected();
        }
        deleteLater();
    });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_draining || (m_closing && !m_framer.refusal())) {
            finishClose();
        } else if (m_framer.inRequest() && !m_framer.stopped()) {
            m_framer.abortRequest(
                Refusal {408, QStringLiteral("RequestTimeout"), QStringLiteral("the request did not arrive in time")});
            queueRefusal();
        } else if (m_framer.completed() == m_answered) {
            finishClose(); // idle
        }
    });
    rearm();
}

bool GuardedSocket::isOpenConnection() const
{
    return m_real->state() == ConnectedState;
}

void GuardedSocket::readFromClient()
{
    char buffer[65536];
    bool gave = false;
    while (m_real->bytesAvailable() > 0) {
        const qint64 n = m_real->read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        if (m_draining || m_framer.stopped()) {
            m_drained += n;
            if (m_drained > m_limits.lingerBytes) {
                finishClose();
                return;
            }
            continue;
        }
        const bool wasInRequest = m_framer.inRequest();
        const int before = m_framer.completed();
        const qsizetype outBefore = m_out.size();
        m_framer.feed(buffer, n, &m_out);
        gave = gave || m_out.size() > outBefore;
        if (m_framer.inRequest() && (!wasInRequest || m_framer.completed() != before))
            m_requestStartMs = nowMs();
        if (m_framer.refusal())
            queueRefusal();
        else if (m_framer.closeAfterLast())
            m_closing = true;
        rearm();
    }
    if (gave)
        Q_EMIT readyRead();
}

qint64 GuardedSocket::readData(char* data, qint64 maxSize)
{
    if (m_out.isEmpty())
        return state() == ConnectedState ? 0 : -1;
    const qint64 give = std::min<qint64>(maxSize, m_out.size());
    std::memcpy(data, m_out.constData(), size_t(give));
    m_out.remove(0, give);
    return give;
}

qint64 GuardedSocket::writeData(const char* data, qint64 size)
{
    if (m_real->state() != ConnectedState)
        return -1;
    return m_real->write(data, size);
}

qint64 GuardedSocket::bytesAvailable() const
{
    return m_out.size() + QIODevice::bytesAvailable();
}

qint64 GuardedSocket::bytesToWrite() const
{
    return m_real->bytesToWrite();
}

void GuardedSocket::queueRefusal()
{
    if (m_refusalQueued)
        return;
    m_refusalQueued = true;
    m_closing = true;
    m_timer.stop();
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (isSignalConnected(QMetaMethod::fromSignal(&GuardedSocket::refused))) {
                Q_EMIT refused(*m_framer.refusal());
            } else {
                m_real->write(refusalResponse(*m_framer.refusal()));
                closeAfterWrite();
            }
        },
        Qt::QueuedConnection);
}

bool GuardedSocket::closesAfterNextAnswer() const
{
    return m_framer.closeAfterLast() && m_answered + 1 == m_framer.completed();
}

void GuardedSocket::answered()
{
    ++m_answered;
    if (m_framer.closeAfterLast() && m_answered >= m_framer.completed())
        closeAfterWrite();
    else
        rearm();
}

void GuardedSocket::closeAfterWrite()
{
    if (m_draining)
        return;
    m_closing = true;
    m_draining = true;
    m_timer.start(m_limits.lingerMs);
    // The answer goes out, then the write side is shut down, so the client reads the answer and an end of stream
    // while what it still sends is drained (bounded) instead of answered with a reset.
    const auto shutdownWrite = [this] {
        if (m_real->state() != ConnectedState)
            return;
#ifdef Q_OS_WIN
        ::shutdown(SOCKET(m_real->socketDescriptor()), SD_SEND);
#else
        ::shutdown(int(m_real->socketDescriptor()), SHUT_WR);
#endif
    };
    m_real->flush();
    if (m_real->bytesToWrite() == 0) {
        shutdownWrite();
    } else {
        connect(m_real, &QIODevice::bytesWritten, this, [this, shutdownWrite] {
            if (m_real->bytesToWrite() == 0)
                shutdownWrite();
        });
    }
    m_out.clear();
    readFromClient();
}

void GuardedSocket::rearm()
{
    if (m_draining)
        return;
    if (m_closing && !m_framer.inRequest()) {
        m_timer.stop(); // the last answer is owed; the handler's time is not limited here
        return;
    }
    if (m_framer.inRequest()) {
        int ms = m_limits.requestTimeoutMs;
        if (m_framer.inHead())
            ms = int(std::clamp<qint64>(m_limits.headerTimeoutMs - (nowMs() - m_requestStartMs), 0, ms));
        m_timer.start(ms);
    } else if (m_framer.completed() > m_answered) {
        m_timer.stop();
    } else {
        m_timer.start(m_limits.idleTimeoutMs);
    }
}

void GuardedSocket::finishClose()
{
    m_timer.stop();
    m_draining = true;
    m_real->abort(); // emits disconnected: this socket follows
    if (state() != UnconnectedState) {
        setSocketState(UnconnectedState);
        Q_EMIT disconnected();
    }
    deleteLater();
}

// ---- GuardedServer ----

GuardedServer::GuardedServer(const GuardLimits& limits, GuardedSocket::HeadCheck check, int maxConnections,
                             int acceptRetryMs, QObject* parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_check(std::move(check))
    , m_maxConnections(maxConnections)
    , m_acceptRetryMs(acceptRetryMs)
{
    // Out of descriptors (EMFILE, ENFILE): stop accepting for a moment instead of retrying in a busy loop, and keep
    // serving the open connections meanwhile.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qCWarning(lcGuard, "cannot accept a connection (%s, error %d); pausing for %d ms", qPrintable(errorString()),
                  int(error), m_acceptRetryMs);
        pauseAccepting();
        QTimer::singleShot(m_acceptRetryMs, this, [this] { resumeAccepting(); });
    });
}

void GuardedServer::incomingConnection(qintptr descriptor)
{
    if (m_open >= m_maxConnections && m_refusing >= m_maxConnections) {
        QTcpSocket doomed;
        if (doomed.setSocketDescriptor(descriptor))
            doomed.abort();
        return;
    }
    auto* socket = new GuardedSocket(descriptor, m_limits, m_check, this);
    if (!socket->isOpenConnection()) {
        delete socket;
        return;
    }
    if (m_open >= m_maxConnections) {
        ++m_refusing;
        connect(socket, &QObject::destroyed, this, [this] { --m_refusing; });
        socket->write(refusalResponse(
            Refusal {503, QStringLiteral("Busy"),
                     QStringLiteral("too many open connections (at most %1); try again").arg(m_maxConnections)}));
        socket->closeAfterWrite();
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    Q_EMIT socketAccepted(socket);
    addPendingConnection(socket);
}

} // namespace ledgerguard::api
