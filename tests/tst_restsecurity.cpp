// SPDX-License-Identifier: GPL-3.0-or-later
// The REST server against hostile clients, over real sockets on 127.0.0.1 with raw bytes: limits enforced while
// reading (memory stays bounded), timeouts, the connection cap, connection close semantics, request syntax, and
// the strict parsing of JSON bodies and query parameters (docs/SECURITY.md).
#include "api/RestServer.h"
#include "ledger/Ledger.h"
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

} // namespace

class TestRestSecurity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void connectionCap();
    void duplicateKeys();
    void strictIntegers_data();
    void strictIntegers();
    void noSqlTextInAnswers();
    void tokenRules();

private:
    void restart(const std::function<void(RestServer::Options&)>& change);
    // Sends `bytes` on a new connection and reads until the server closes it or `timeoutMs` pass.
    QByteArray exchange(const QByteArray& bytes, int timeoutMs = 5000, bool* closed = nullptr);
    QByteArray request(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
                       const QByteArray& extra = {}) const;
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

QTEST_GUILESS_MAIN(TestRestSecurity)
#include "tst_restsecurity.moc"
