// SPDX-License-Identifier: GPL-3.0-or-later
// The REST server against hostile clients, over real sockets on 127.0.0.1 with raw bytes: limits enforced while
// reading (memory stays bounded), timeouts, the connection cap, connection close semantics, request syntax, and
// the strict parsing of JSON bodies and query parameters (docs/SECURITY.md).
#include "api/RestServer.h"
#include "ledger/Ledger.h"
#include "ledger_fixture.h"
#include "util/Clock.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1764547200000; // 2025-12-01T00:00:00Z
const QString kToken = QStringLiteral("s3cret-token");

// The resident set of this process (the server runs in it), from /proc/self/status.
qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

class TestRestSecurity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void unauthenticatedHugeBodyIsCutShort();
    void hugeHeadersAreCutShort();
    void chunkedBodyOverLimit();
    void chunkedTrailersAndPipelinedWrites();
    void declaredBodyOverLimit();
    void importsHaveTheirOwnLimit();
    void idleConnectionIsClosed();
    void slowRequestGets408();
    void connectionCap();
    void closeAfterAnswer_data();
    void closeAfterAnswer();
    void malformedRequests_data();
    void malformedRequests();
    void absoluteForm_data();
    void absoluteForm();
    void duplicateKeys();
    void strictIntegers_data();
    void strictIntegers();
    void noSqlTextInAnswers();
    void hostileText_data();
    void hostileText();
    void textIsStoredInNfc();
    void tokenRules();
    void tokenNeverLogged();

private:
    void restart(const std::function<void(RestServer::Options&)>& change);
    // Sends `bytes` on a new connection and reads until the server closes it or `timeoutMs` pass.
    QByteArray exchange(const QByteArray& bytes, int timeoutMs = 5000, bool* closed = nullptr);
    QByteArray request(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
                       const QByteArray& extra = {}) const;
    QPair<qint64, QByteArray> streamUntilClosed(const QByteArray& head, const QByteArray& chunk, qint64 limit);
    static int statusOf(const QByteArray& response) { return response.mid(9, 3).toInt(); }

    ManualClock m_clock {kNow};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<RestServer> m_server;
    RestServer::Options m_options;
    qint64 m_account = 0;
};

void TestRestSecurity::initTestCase()
{
    QLoggingCategory::setFilterRules(
        QStringLiteral("ledgerguard.api.access=false\nledgerguard.api=false\nledgerguard.api.connection=false"));
}

void TestRestSecurity::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto ledger = Ledger::open(m_dir->filePath(QStringLiteral("ledger.sqlite")), m_clock);
    QVERIFY2(ledger, qPrintable(ledger.status().toString()));
    m_ledger = std::move(*ledger);
    auto account = m_ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(account);
    m_account = account->id;
    m_server = std::make_unique<RestServer>(*m_ledger);
    m_options = RestServer::Options();
    m_options.port = 0;
    m_options.token = kToken;
    QVERIFY(m_server->start(m_options).isOk());
}

void TestRestSecurity::cleanup()
{
    m_server.reset();
    m_ledger.reset();
}

void TestRestSecurity::restart(const std::function<void(RestServer::Options&)>& change)
{
    change(m_options);
    m_options.port = 0;
    QVERIFY(m_server->start(m_options).isOk());
}

QByteArray TestRestSecurity::request(const QByteArray& method, const QByteArray& target, const QByteArray& body,
                                     const QByteArray& extra) const
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_server->port())
        + "\r\nAuthorization: Bearer " + kToken.toUtf8() + "\r\n" + extra;
    if (!body.isNull())
        out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

QByteArray TestRestSecurity::exchange(const QByteArray& bytes, int timeoutMs, bool* closed)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QByteArray in;
    QObject::connect(&socket, &QIODevice::readyRead, &socket, [&] { in += socket.readAll(); });
    socket.write(bytes);
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    in += socket.readAll();
    if (closed)
        *closed = socket.state() == QAbstractSocket::UnconnectedState;
    return in;
}

// Item 1: with a token set and no Authorization, a declared 1 GiB body is refused after the head; streaming on
// gets the connection closed, and the server's memory does not grow with what was sent.
// Sends `head`, then `chunk` again and again until the server closes the connection (or `limit` bytes or 20 s);
// returns the bytes sent after the head and what came back.
QPair<qint64, QByteArray> TestRestSecurity::streamUntilClosed(const QByteArray& head, const QByteArray& chunk,
                                                              qint64 limit)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    if (!socket.waitForConnected(5000))
        return {-1, {}};
    QByteArray in;
    QObject::connect(&socket, &QIODevice::readyRead, &socket, [&] { in += socket.readAll(); });
    socket.write(head);
    qint64 sent = 0;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && sent < limit && timer.elapsed() < 20000) {
        if (socket.bytesToWrite() < 2 * chunk.size()) {
            socket.write(chunk);
            sent += chunk.size();
        }
        QTest::qWait(1);
    }
    while (socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < 25000)
        QTest::qWait(5);
    in += socket.readAll();
    return {socket.state() == QAbstractSocket::UnconnectedState ? sent : -1, in};
}

// Item 1: with a token set and no Authorization, a declared 1 GiB body is refused after the head; streaming on
// gets the connection closed, and the server's memory does not grow with what was sent.
void TestRestSecurity::unauthenticatedHugeBodyIsCutShort()
{
    const qint64 before = rssKiB();
    const auto [sent, in]
        = streamUntilClosed("POST /transactions HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_server->port())
                                + "\r\nContent-Type: application/json\r\nContent-Length: "
                                  "1073741824\r\n\r\n",
                            QByteArray(1024 * 1024, 'x'), qint64(512) * 1024 * 1024);
    QVERIFY2(sent >= 0, "the server did not close the connection");
    QVERIFY2(in.startsWith("HTTP/1.1 401"), in.left(200).constData());
    QVERIFY(in.contains("Connection: close"));
    QVERIFY2(sent < qint64(64) * 1024 * 1024, qPrintable(QString::number(sent)));
    const qint64 after = rssKiB();
    qInfo("sent %lld bytes before the close; RSS grew by %lld KiB", sent, after - before);
    QVERIFY2(after - before < 8 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(after - before)));
}

// Item 1: header bytes are limited while they arrive (431), not after 200 MiB.
void TestRestSecurity::hugeHeadersAreCutShort()
{
    const qint64 before = rssKiB();
    const QByteArray line = "X-Filler: " + QByteArray(1000, 'a') + "\r\n";
    QByteArray chunk;
    while (chunk.size() < 1024 * 1024)
        chunk += line;
    const auto [sent, in]
        = streamUntilClosed("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n", chunk, qint64(200) * 1024 * 1024);
    QVERIFY2(sent >= 0, "the server did not close the connection");
    QVERIFY2(in.startsWith("HTTP/1.1 431"), in.left(200).constData());
    QVERIFY2(sent < qint64(64) * 1024 * 1024, qPrintable(QString::number(sent)));
    qInfo("sent %lld header bytes before the close; RSS grew by %lld KiB", sent, rssKiB() - before);
    QVERIFY(rssKiB() - before < 8 * 1024);
}

void TestRestSecurity::chunkedBodyOverLimit()
{
    restart([](RestServer::Options& o) { o.maxBodyBytes = 1024; });
    const QByteArray head
        = request("POST", "/transactions", {}, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
    QByteArray body;
    for (int i = 0; i < 4; ++i)
        body += "200\r\n" + QByteArray(512, ' ') + "\r\n";
    bool closed = false;
    const QByteArray in = exchange(head + body, 5000, &closed);
    QVERIFY2(in.startsWith("HTTP/1.1 413"), in.constData());
    QVERIFY(closed);
    // Within the limit the chunked body reaches the route.
    const QByteArray json = "{\"accountId\":" + QByteArray::number(m_account)
        + ",\"amountMinor\":-100,\"description\":\"chunked\",\"category\":\"tax\"}";
    const QByteArray ok = exchange(head + QByteArray::number(json.size(), 16) + "\r\n" + json + "\r\n0\r\n\r\n"
                                   + request("GET", "/health", {}, "Connection: close\r\n"));
    QVERIFY2(ok.startsWith("HTTP/1.1 201"), ok.simplified().constData());
}

void TestRestSecurity::declaredBodyOverLimit()
{
    restart([](RestServer::Options& o) { o.maxBodyBytes = 1024; });
    // Only the head is sent: the answer comes before any body byte.
    bool closed = false;
    const QByteArray in
        = exchange(request("POST", "/transactions", {}, "Content-Type: application/json\r\nContent-Length: 2048\r\n"),
                   5000, &closed);
    QVERIFY2(in.startsWith("HTTP/1.1 413"), in.constData());
    QVERIFY(closed);
}

void TestRestSecurity::importsHaveTheirOwnLimit()
{
    restart([](RestServer::Options& o) {
        o.maxBodyBytes = 1024;
        o.maxImportBodyBytes = 64 * 1024;
    });
    const QByteArray csv = "date,amount,description\n" + QByteArray(4000, '#') + "\n";
    const QByteArray req = request("POST", "/imports?account=" + QByteArray::number(m_account), {},
                                   "Content-Type: text/csv\r\nConnection: close\r\nContent-Length: "
                                       + QByteArray::number(csv.size()) + "\r\n")
        + csv;
    QByteArray in = exchange(req);
    QVERIFY2(statusOf(in) != 413 && statusOf(in) >= 200, in.left(300).constData());
    in = exchange(request("POST", "/imports", {}, "Content-Type: text/csv\r\nContent-Length: 71680\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 413"), in.constData());
}

void TestRestSecurity::idleConnectionIsClosed()
{
    restart([](RestServer::Options& o) { o.idleTimeoutMs = 200; });
    QElapsedTimer timer;
    timer.start();
    bool closed = false;
    exchange({}, 5000, &closed);
    QVERIFY(closed);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    // After an answer, too.
    const QByteArray in = exchange(request("GET", "/health"), 5000, &closed);
    QVERIFY(in.startsWith("HTTP/1.1 200"));
    QVERIFY(closed);
}

void TestRestSecurity::slowRequestGets408()
{
    restart([](RestServer::Options& o) {
        o.requestTimeoutMs = 200;
        o.headerTimeoutMs = 200;
    });
    bool closed = false;
    QByteArray in = exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n", 5000, &closed);
    QVERIFY2(in.startsWith("HTTP/1.1 408"), in.constData());
    QVERIFY(closed);
    // A declared body that never arrives.
    in = exchange(request("POST", "/transactions", {}, "Content-Type: application/json\r\nContent-Length: 100\r\n"),
                  5000, &closed);
    QVERIFY2(in.startsWith("HTTP/1.1 408"), in.constData());
    QVERIFY(closed);
}

void TestRestSecurity::connectionCap()
{
    restart([](RestServer::Options& o) { o.maxConnections = 3; });
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<QTcpSocket>());
        held.back()->connectToHost(QHostAddress::LocalHost, m_server->port());
        QTRY_VERIFY(held.back()->state() == QAbstractSocket::ConnectedState);
    }
    QTest::qWait(50);
    bool closed = false;
    const QByteArray in = exchange(request("GET", "/health"), 5000, &closed);
    QVERIFY2(in.startsWith("HTTP/1.1 503"), in.constData());
    QVERIFY(closed);
    held.clear();
    QTRY_VERIFY(statusOf(exchange(request("GET", "/health", {}, "Connection: close\r\n"))) == 200);
}

void TestRestSecurity::closeAfterAnswer_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("HTTP/1.0") << QByteArray("GET /health HTTP/1.0\r\nHost: localhost\r\n"
                                            "Authorization: Bearer s3cret-token\r\n\r\n");
    QTest::addRow("Connection: close") << QByteArray(
        "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer s3cret-token\r\n\r\n");
    QTest::addRow("upgrade ignored") << QByteArray(
        "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, close\r\nUpgrade: websocket\r\n"
        "Authorization: Bearer s3cret-token\r\n\r\n");
    QTest::addRow("keep-alive, close") << QByteArray(
        "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive, Close\r\n"
        "Authorization: Bearer s3cret-token\r\n\r\n");
}

void TestRestSecurity::closeAfterAnswer()
{
    QFETCH(QByteArray, bytes);
    QElapsedTimer timer;
    timer.start();
    bool closed = false;
    const QByteArray in = exchange(bytes + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", 5000, &closed);
    QVERIFY2(in.startsWith("HTTP/1.1 200"), in.constData());
    QVERIFY(in.contains("Connection: close"));
    QCOMPARE(in.count("HTTP/1.1 "), 1); // nothing after the closing request is answered
    QVERIFY(closed);
    QVERIFY(timer.elapsed() < 4000);
}

void TestRestSecurity::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addRow("space in path") << QByteArray("GET /he alth HTTP/1.1\r\nHost: localhost\r\n\r\n") << 400;
    QTest::addRow("unknown version") << QByteArray("GET /health HTTP/2.0\r\nHost: localhost\r\n\r\n") << 505;
    QTest::addRow("garbage version") << QByteArray("GET /health HTTX/1.1\r\nHost: localhost\r\n\r\n") << 400;
    QTest::addRow("unknown method") << QByteArray("BREW /health HTTP/1.1\r\nHost: localhost\r\n\r\n") << 501;
    QTest::addRow("no host") << QByteArray("GET /health HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("two hosts") << QByteArray("GET /health HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\n\r\n")
                               << 400;
    QTest::addRow("bare LF") << QByteArray("GET /health HTTP/1.1\nHost: localhost\n\n") << 400;
    QTest::addRow("folded header") << QByteArray("GET /health HTTP/1.1\r\nHost: localhost\r\n X: y\r\n\r\n") << 400;
    QTest::addRow("space before colon") << QByteArray("GET /health HTTP/1.1\r\nHost : localhost\r\n\r\n") << 400;
    QTest::addRow("NUL in value") << QByteArray("GET /health HTTP/1.1\r\nHost: local\0host\r\n\r\n", 42) << 400;
    QTest::addRow("bad length") << QByteArray("POST /transactions HTTP/1.1\r\nHost: localhost\r\n"
                                              "Content-Length: +5\r\n\r\nhello")
                                << 400;
    QTest::addRow("two lengths") << QByteArray("POST /transactions HTTP/1.1\r\nHost: localhost\r\n"
                                               "Content-Length: 1\r\nContent-Length: 2\r\n\r\nhi")
                                 << 400;
    QTest::addRow("length and chunked") << QByteArray("POST /transactions HTTP/1.1\r\nHost: localhost\r\n"
                                                      "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                      "0\r\n\r\n")
                                        << 400;
    QTest::addRow("gzip coding") << QByteArray("POST /transactions HTTP/1.1\r\nHost: localhost\r\n"
                                               "Transfer-Encoding: gzip\r\n\r\n")
                                 << 501;
    QTest::addRow("bad chunk size") << QByteArray("POST /transactions HTTP/1.1\r\nHost: localhost\r\n"
                                                  "Authorization: Bearer s3cret-token\r\nContent-Type: "
                                                  "application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                  "zz\r\nhello\r\n0\r\n\r\n")
                                    << 400;
    QTest::addRow("asterisk") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n") << 400;
}

void TestRestSecurity::malformedRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    bool closed = false;
    const QByteArray in = exchange(bytes, 5000, &closed);
    QVERIFY2(statusOf(in) == status, in.constData());
    QVERIFY(in.contains("\"code\""));
    QVERIFY(closed);
}

void TestRestSecurity::absoluteForm_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addRow("foreign host") << QByteArray("http://evil.example/health") << 421;
    QTest::addRow("foreign port") << QByteArray("http://127.0.0.1:1/health") << 421;
    QTest::addRow("own host") << QByteArray("http://127.0.0.1:%1/health") << 200;
    QTest::addRow("own host, query") << QByteArray("http://127.0.0.1:%1?x=1") << 404;
}

void TestRestSecurity::absoluteForm()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    target.replace("%1", QByteArray::number(m_server->port()));
    const QByteArray in = exchange(request("GET", target, {}, "Connection: close\r\n"));
    QVERIFY2(statusOf(in) == status, in.constData());
}

void TestRestSecurity::duplicateKeys()
{
    auto other = m_ledger->createAccount({QStringLiteral("Other"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(other);
    const QByteArray body = "{\"accountId\":" + QByteArray::number(m_account)
        + ",\"accountId\":" + QByteArray::number(other->id) + ",\"amountMinor\":-100,\"description\":\"dup\"}";
    QByteArray in = exchange(request("POST", "/transactions", body, "Connection: close\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 400"), in.constData());
    QVERIFY(in.contains("accountId"));
    // Also nested, and written with an escape.
    in = exchange(request("POST", "/detection/run", "{\"allAccounts\":true,\"all\\u0041ccounts\":false}",
                          "Connection: close\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 400"), in.constData());
    QCOMPARE(m_ledger->account(other->id)->transactionCount, 0);
}

void TestRestSecurity::strictIntegers_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("limit NUL") << QByteArray("GET") << QByteArray("/transactions?limit=5%00") << QByteArray()
                               << QStringLiteral("limit");
    QTest::addRow("limit plus") << QByteArray("GET") << QByteArray("/transactions?limit=%2B5") << QByteArray()
                                << QStringLiteral("limit");
    QTest::addRow("limit space") << QByteArray("GET") << QByteArray("/transactions?limit=%205") << QByteArray()
                                 << QStringLiteral("limit");
    QTest::addRow("minAmountMinor exponent") << QByteArray("GET") << QByteArray("/transactions?minAmountMinor=1e3")
                                             << QByteArray() << QStringLiteral("minAmountMinor");
    QTest::addRow("q NUL") << QByteArray("GET") << QByteArray("/transactions?q=%00") << QByteArray()
                           << QStringLiteral("q");
    QTest::addRow("amountMinor exponent")
        << QByteArray("POST") << QByteArray("/transactions")
        << QByteArray("{\"accountId\":%1,\"amountMinor\":1e3,\"description\":\"x\"}") << QStringLiteral("amountMinor");
    QTest::addRow("amountMinor decimal") << QByteArray("POST") << QByteArray("/transactions")
                                         << QByteArray(
                                                "{\"accountId\":%1,\"amountMinor\":1000.0,\"description\":\"x\"}")
                                         << QStringLiteral("amountMinor");
    QTest::addRow("accountId decimal") << QByteArray("POST") << QByteArray("/transactions")
                                       << QByteArray("{\"accountId\":%1.0,\"amountMinor\":1000,\"description\":\"x\"}")
                                       << QStringLiteral("accountId");
}

void TestRestSecurity::strictIntegers()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    body.replace("%1", QByteArray::number(m_account));
    const QByteArray in
        = exchange(request(method, target, method == "GET" ? QByteArray() : body, "Connection: close\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 422"), in.constData());
    QVERIFY2(in.contains(QByteArray("\"" + field.toUtf8() + "\":")), in.constData());
    QCOMPARE(m_ledger->account(m_account)->transactionCount, 0);
}

void TestRestSecurity::noSqlTextInAnswers()
{
    const QByteArray in
        = exchange(request("PUT", "/accounts/" + QByteArray::number(m_account),
                           "{\"accountName\":\"\\u0000\",\"accountType\":\"checking\"}", "Connection: close\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 422"), in.constData());
    QVERIFY(in.contains("\"accountName\":"));
    QVERIFY(!in.contains("constraint") && !in.contains("CHECK") && !in.contains("SQL"));
}

// Item 6: hostile text in every text field is a 422 naming the field (invalid UTF-8 bytes: 400, malformed JSON), and
// nothing is written. %1 is the account id, %2 a transaction id, %3 the id of a case on it.
void TestRestSecurity::hostileText_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    const QByteArray tx = "{\"accountId\":%1,\"amountMinor\":-100,\"category\":\"other\",\"description\":";
    QTest::addRow("description RLO") << QByteArray("POST") << QByteArray("/transactions")
                                     << QByteArray(tx + "\"Invoice \\u202e10.99\"}") << QStringLiteral("description");
    QTest::addRow("description NUL") << QByteArray("POST") << QByteArray("/transactions")
                                     << QByteArray(tx + "\"rent\\u0000\"}") << QStringLiteral("description");
    QTest::addRow("description C1") << QByteArray("POST") << QByteArray("/transactions")
                                    << QByteArray(tx + "\"rent\\u009b2J\"}") << QStringLiteral("description");
    QTest::addRow("description lone surrogate") << QByteArray("POST") << QByteArray("/transactions")
                                                << QByteArray(tx + "\"x\\ud800\"}") << QStringLiteral("description");
    QTest::addRow("description invalid UTF-8")
        << QByteArray("POST") << QByteArray("/transactions") << QByteArray(tx + "\"M\xFCller \xED\xA0\x80\"}")
        << QString(); // malformed JSON: 400
    QTest::addRow("description zero-width only")
        << QByteArray("POST") << QByteArray("/transactions") << QByteArray(tx + "\"\\u200b\\u200b\\ufeff\"}")
        << QStringLiteral("description");
    QTest::addRow("counterparty isolate")
        << QByteArray("POST") << QByteArray("/transactions")
        << QByteArray(tx + "\"rent\",\"counterparty\":\"ACME\\u2067Ltd\"}") << QStringLiteral("counterparty");
    QTest::addRow("accountName RLO") << QByteArray("PUT") << QByteArray("/accounts/%1")
                                     << QByteArray("{\"accountName\":\"Ops\\u202e\",\"accountType\":\"checking\"}")
                                     << QStringLiteral("accountName");
    QTest::addRow("accountName zero-width")
        << QByteArray("PUT") << QByteArray("/accounts/%1")
        << QByteArray("{\"accountName\":\"\\u200b\",\"accountType\":\"checking\"}") << QStringLiteral("accountName");
    QTest::addRow("accountName lone surrogate")
        << QByteArray("PUT") << QByteArray("/accounts/%1")
        << QByteArray("{\"accountName\":\"\\udc00\",\"accountType\":\"checking\"}") << QStringLiteral("accountName");
    QTest::addRow("case note") << QByteArray("PATCH") << QByteArray("/anomalies/%3")
                               << QByteArray("{\"note\":\"ok\\u202d\"}") << QStringLiteral("note");
    QTest::addRow("case assignee") << QByteArray("PATCH") << QByteArray("/anomalies/%3")
                                   << QByteArray("{\"assignee\":\"bob\\u0007\"}") << QStringLiteral("assignee");
    QTest::addRow("label note") << QByteArray("POST") << QByteArray("/transactions/%2/label")
                                << QByteArray("{\"label\":\"fraud\",\"note\":\"\\ud83d\"}") << QStringLiteral("note");
}

void TestRestSecurity::hostileText()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    NewTransaction t;
    t.accountId = m_account;
    t.amount = -5000;
    t.timestamp = kNow - 3600000;
    t.description = QStringLiteral("seed");
    t.category = QStringLiteral("other");
    auto seeded = m_ledger->addTransaction(t);
    QVERIFY(seeded);
    const auto opened = test::openTestCase(*m_ledger, m_account, seeded->id);
    QVERIFY(opened);
    const QString caseId = *opened;
    const qsizetype audit = m_ledger->anomalyHistory(caseId)->audit.size();
    for (QByteArray* b : {&target, &body}) {
        b->replace("%1", QByteArray::number(m_account));
        b->replace("%2", seeded->id.toUtf8());
        b->replace("%3", caseId.toUtf8());
    }
    const QByteArray in = exchange(request(method, target, body, "Connection: close\r\n"));
    QVERIFY2(in.startsWith(field.isEmpty() ? "HTTP/1.1 400" : "HTTP/1.1 422"), in.constData());
    QVERIFY2(field.isEmpty() || in.contains(QByteArray("\"fields\":{\"" + field.toUtf8() + "\":")), in.constData());
    QVERIFY(!in.contains("constraint") && !in.contains("SQL"));
    QCOMPARE(m_ledger->account(m_account)->transactionCount, 1);
    QCOMPARE(m_ledger->account(m_account)->name, QStringLiteral("Operating"));
    QCOMPARE(m_ledger->anomalyHistory(caseId)->audit.size(), audit);
}

// Item 6: accepted text is stored in NFC, and every stored byte sequence is valid UTF-8 (read back raw).
void TestRestSecurity::textIsStoredInNfc()
{
    const QByteArray body = "{\"accountId\":" + QByteArray::number(m_account)
        + ",\"amountMinor\":-100,\"category\":\"other\",\"description\":\"Cafe\\u0301 "
          "\\u05e9\\u05dc\\u05d5\\u05dd\\u200f 12\","
          "\"counterparty\":\"\\ud83d\\ude00 A\\u030ase\"}";
    QByteArray in = exchange(request("POST", "/transactions", body, "Connection: close\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 201"), in.constData());
    in = exchange(request("PUT", "/accounts/" + QByteArray::number(m_account),
                          "{\"accountName\":\"Ba\\u0308ckerei\",\"accountType\":\"checking\"}",
                          "Connection: close\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 200"), in.constData());
    const QString path = m_dir->filePath(QStringLiteral("ledger.sqlite"));
    const auto description = test::rawColumn(path, QStringLiteral("transactions"), QStringLiteral("description"));
    const auto counterparty = test::rawColumn(path, QStringLiteral("transactions"), QStringLiteral("counterparty"));
    const auto name = test::rawColumn(path, QStringLiteral("accounts"), QStringLiteral("name"));
    QVERIFY(description && counterparty && name);
    QCOMPARE(*description, QByteArrayList {"Caf\xC3\xA9 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\xE2\x80\x8F 12"});
    QCOMPARE(*counterparty, QByteArrayList {"\xF0\x9F\x98\x80 \xC3\x85se"});
    QCOMPARE(*name,
             QByteArrayList {"B\xC3\xA4"
                             "ckerei"});
    QVERIFY(QByteArrayView(description->first()).isValidUtf8());
}

void TestRestSecurity::tokenRules()
{
    // A token in the query string is refused even when the header is right.
    QByteArray in = exchange(request("GET", "/health?token=" + kToken.toUtf8(), {}, "Connection: close\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 400"), in.constData());
    // An address that is not loopback needs a token.
    RestServer::Options options;
    options.port = 0;
    options.address = QHostAddress::AnyIPv4;
    QCOMPARE(m_server->start(options).field(), QStringLiteral("token"));
    options.address = QHostAddress::AnyIPv6;
    QCOMPARE(m_server->start(options).field(), QStringLiteral("token"));
    // Bound to all addresses, the Host check follows the address the client connected to: localhost only over
    // loopback.
    options.token = kToken;
    options.address = QHostAddress::AnyIPv4;
    QVERIFY(m_server->start(options).isOk());
    in = exchange(request("GET", "/health", {}, "Connection: close\r\n"));
    QVERIFY2(in.startsWith("HTTP/1.1 200"), in.constData());
}

namespace {
QStringList g_accessLines;
void captureAccessLog(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    if (QLatin1String(context.category) == QLatin1String("ledgerguard.api.access"))
        g_accessLines.append(message);
}
} // namespace

// A token in the query string never reaches the access log.
void TestRestSecurity::tokenNeverLogged()
{
    QLoggingCategory::setFilterRules(QStringLiteral("ledgerguard.api.access=true"));
    g_accessLines.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureAccessLog);
    const QByteArray in = exchange(request("GET", "/health?token=leaked-secret", {}, "Connection: close\r\n"));
    qInstallMessageHandler(previous);
    initTestCase();
    QVERIFY2(in.startsWith("HTTP/1.1 400"), in.constData());
    QCOMPARE(g_accessLines.size(), 1);
    QVERIFY2(!g_accessLines.constFirst().contains(QLatin1String("leaked-secret")),
             qPrintable(g_accessLines.constFirst()));
    QVERIFY(g_accessLines.constFirst().contains(QLatin1String("token=REDACTED")));
}

void TestRestSecurity::chunkedTrailersAndPipelinedWrites()
{
    restart([](RestServer::Options&) {});
    const QByteArray head
        = request("POST", "/transactions", {}, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
    const auto chunkedBody = [this](const QByteArray& description) -> QByteArray {
        const QByteArray json = "{\"accountId\":" + QByteArray::number(m_account) + ",\"amountMinor\":-100,"
            + "\"description\":\"" + description + "\",\"category\":\"tax\"}";
        return QByteArray::number(json.size(), 16) + "\r\n" + json + "\r\n0\r\n";
    };
    const auto count = [this](const QString& description) {
        qint64 n = 0;
        const auto page = m_ledger->transactions({}, PageRequest {1000, {}});
        if (!page)
            return qint64(-1);
        for (const Transaction& t : page->items)
            n += t.description == description ? 1 : 0;
        return n;
    };
    // A trailer field (RFC 9112 7.1.2) is discarded: the request is answered (it was booked and the connection
    // dropped without an answer before).
    const QByteArray answered = exchange(head + chunkedBody("trailer") + "X-Checksum: abc\r\n\r\n"
                                         + request("GET", "/health", {}, "Connection: close\r\n"));
    QVERIFY2(answered.startsWith("HTTP/1.1 201"), answered.simplified().constData());
    QVERIFY2(answered.contains("HTTP/1.1 200"), answered.simplified().constData());
    QCOMPARE(count(QStringLiteral("trailer")), qint64(1));
    // A malformed trailer line is refused before the route runs: nothing is booked.
    bool closed = false;
    const QByteArray refused = exchange(head + chunkedBody("bad trailer") + "no colon\r\n\r\n", 5000, &closed);
    QVERIFY2(refused.startsWith("HTTP/1.1 400"), refused.simplified().constData());
    QCOMPARE(count(QStringLiteral("bad trailer")), qint64(0));

    // Pipelined requests are handled in the order sent: each write sees the ones before it, and a read after a
    // write sees it.
    QByteArray pipelined;
    for (int i = 0; i < 12; ++i) {
        const QByteArray json = "{\"accountId\":" + QByteArray::number(m_account) + ",\"amountMinor\":-"
            + QByteArray::number(i + 1) + ",\"description\":\"step " + QByteArray::number(i)
            + "\",\"category\":\"tax\"}";
        pipelined += request("POST", "/transactions", json);
        pipelined += request("GET", "/accounts/" + QByteArray::number(m_account), {},
                             i == 11 ? "Connection: close\r\n" : QByteArray());
    }
    const auto account = m_ledger->account(m_account);
    QVERIFY2(account.isOk(), qPrintable(account.status().toString()));
    qint64 expected = account->balance;
    const QByteArray replies = exchange(pipelined, 20000);
    QCOMPARE(replies.count("HTTP/1.1 201"), qsizetype(12));
    qsizetype at = 0;
    for (int i = 0; i < 12; ++i) {
        expected -= i + 1;
        at = replies.indexOf("\"currentBalanceMinor\":", at);
        QVERIFY(at > 0);
        at += 22;
        QCOMPARE(replies.mid(at, replies.indexOf(',', at) - at).trimmed().toLongLong(), expected);
    }
    TransactionFilter filter;
    filter.accountId = m_account;
    const auto history = m_ledger->transactions(filter, PageRequest {1000, {}});
    QVERIFY(history.isOk());
    QStringList steps;
    for (const Transaction& t : history->items)
        if (t.description.startsWith(u"step "))
            steps.append(t.description);
    QCOMPARE(steps.size(), 12);
}

QTEST_GUILESS_MAIN(TestRestSecurity)
#include "tst_restsecurity.moc"
