// SPDX-License-Identifier: GPL-3.0-or-later
// REST fuzz test: a few thousand seeded hostile requests, raw bytes over 127.0.0.1, against the headless binary
// with a token: oversized headers and bodies (declared, sent, chunked), bad framing (chunk sizes, versions, bare LF,
// folded headers, spaces in paths, absolute-form targets for other hosts), bad and duplicate-key JSON, deep
// nesting, hostile text (NUL, controls, bidi overrides, lone surrogates), lenient integers, bad and same-length
// tokens, tokens in the query, foreign Host and Origin headers, unknown paths, methods and parameters, random
// bytes; valid writes among them. Asserted: no 500, 502, 503 or 504 (501 and 505 only where docs/API.md names
// them: an unknown method or transfer coding, an HTTP version other than 1.x); every framable request gets a JSON
// answer (`code`, `error`), a 4xx for each hostile one; the server's resident memory stays within a bound; every
// acknowledged valid write is stored exactly once and no refused write is stored.
//
// Environment: LG_FUZZ_REQUESTS (default 3000), LG_FUZZ_SEED (default: a fresh seed, printed).
#include "headless_server.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace ledgerguard;

namespace {

const QByteArray kToken = "fuzz-token-0123456789abcdef";

// What a case expects of the server.
enum class Expect {
    Success, // a valid request: 2xx
    Refused, // hostile and framable: a JSON 4xx (or the 501/505 the case allows)
    Any, // framable, either answer is acceptable (hostile text the server may accept as written or refuse)
    MaybeNoReply, // not framable (random bytes): a JSON 4xx or the connection closed
};

struct Case
{
    Case(QString k, QByteArray b, Expect e = Expect::Refused, int allowed = 0, QString w = {})
        : kind(std::move(k))
        , bytes(std::move(b))
        , expect(e)
        , allowed5xx(allowed)
        , writes(std::move(w))
    { }
    QString kind;
    QByteArray bytes;
    Expect expect = Expect::Refused;
    int allowed5xx = 0; // 501 or 505 where the case is an unknown method, coding or version
    QString writes; // the description a POST would store ("" when none)
};

struct Answer
{
    int status = 0; // 0: closed without an answer
    QByteArray head;
    QByteArray body;
};

// Sends `bytes` on a new connection and reads one answer (until its Content-Length is in, the server closes, or
// `waitMs` pass).
Answer exchange(quint16 port, const QByteArray& bytes, int waitMs = 15000)
{
    Answer a;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return a;
    // Large bodies go out in pieces; the server may close early (a limit), which ends the write.
    for (qsizetype at = 0; at < bytes.size() && socket.state() == QAbstractSocket::ConnectedState;) {
        const qint64 n = socket.write(bytes.constData() + at, qMin<qsizetype>(bytes.size() - at, 1 << 16));
        if (n <= 0)
            break;
        at += n;
        socket.waitForBytesWritten(2000);
    }
    QByteArray in;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < waitMs) {
        const qsizetype end = in.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = in.left(end).toLower();
            const qsizetype cl = head.indexOf("content-length:");
            const qint64 length
                = cl < 0 ? 0 : head.mid(cl + 15, head.indexOf("\r\n", cl) - cl - 15).trimmed().toLongLong();
            if (in.size() >= end + 4 + length) {
                a.head = in.left(end);
                a.body = in.mid(end + 4, length);
                a.status = in.mid(9, 3).toInt();
                return a;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        socket.waitForReadyRead(200);
        in += socket.readAll();
    }
    if (in.startsWith("HTTP/1.")) { // an answer whose body the close cut short is still an answer
        a.head = in.left(in.indexOf("\r\n\r\n"));
        a.status = in.mid(9, 3).toInt();
        a.body = in.mid(in.indexOf("\r\n\r\n") + 4);
    }
    return a;
}

class Generator
{
public:
    Generator(quint32 seed, quint16 port, qint64 accountId)
        : m_random(seed)
        , m_host(QByteArray("127.0.0.1:") + QByteArray::number(port))
        , m_account(accountId)
    { }

    Case next(int n)
    {
        switch (m_random.bounded(22)) {
        case 0:
        case 1:
        case 2:
            return valid(n);
        case 3:
            return oversizedDeclared(n);
        case 4:
            return oversizedHeaders();
        case 5:
            return oversizedBody(n);
        case 6:
            return chunked(n);
        case 7:
            return badFraming();
        case 8:
            return badJson(n);
        case 9:
            return duplicateKeys(n);
        case 10:
            return badToken(n);
        case 11:
            return tokenInQuery();
        case 12:
            return foreignHost();
        case 13:
            return badPath();
        case 14:
            return badQuery();
        case 15:
            return hostileText(n);
        case 16:
            return lenientNumbers(n);
        case 17:
            return badAccountName();
        case 18:
            return deepNesting(n);
        case 19:
            return unknownMethod();
        case 20:
            return wrongContentType(n);
        default:
            return randomBytes();
        }
    }

private:
    QByteArray request(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
                       const QList<QByteArray>& extra = {}, bool auth = true) const
    {
        QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: " + m_host + "\r\nConnection: close\r\n";
        if (auth)
            r += "Authorization: Bearer " + kToken + "\r\n";
        for (const QByteArray& h : extra)
            r += h + "\r\n";
        if (!body.isNull()) {
            bool hasType = false;
            for (const QByteArray& h : extra)
                hasType = hasType || h.toLower().startsWith("content-type:");
            if (!hasType)
                r += "Content-Type: application/json\r\n";
            r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        }
        return r + "\r\n" + body;
    }

    QByteArray transaction(const QString& description, const QByteArray& amountField = {}) const
    {
        const QByteArray amount = amountField.isEmpty() ? QByteArray("\"amount\":\"-12.34\"") : amountField;
        return "{\"accountId\":" + QByteArray::number(m_account) + "," + amount + ",\"description\":"
            + QJsonDocument(QJsonObject {{QStringLiteral("d"), description}})
                  .toJson(QJsonDocument::Compact)
                  .mid(5)
                  .chopped(1)
            + ",\"category\":\"supplier_payment\",\"counterparty\":\"Fuzz Ltd\"}";
    }

    Case valid(int n)
    {
        switch (m_random.bounded(4)) {
        case 0:
            return {QStringLiteral("valid GET /health"), request("GET", "/health"), Expect::Success};
        case 1:
            return {QStringLiteral("valid GET /transactions"),
                    request("GET", "/transactions?accountId=" + QByteArray::number(m_account) + "&limit=5"),
                    Expect::Success};
        default: {
            const QString d = QStringLiteral("fuzz valid %1").arg(n);
            return {QStringLiteral("valid POST"), request("POST", "/transactions", transaction(d)), Expect::Success, 0,
                    d};
        }
        }
    }

    Case oversizedDeclared(int n)
    {
        const bool auth = m_random.bounded(2) == 0;
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        QByteArray r = "POST /transactions HTTP/1.1\r\nHost: " + m_host + "\r\nContent-Type: application/json\r\n"
            + (auth ? "Authorization: Bearer " + kToken + "\r\n" : QByteArray()) + "Content-Length: 1073741824\r\n\r\n"
            + transaction(d) + QByteArray(200000, ' ');
        return {QStringLiteral("declared 1 GiB body"), r, Expect::Refused, 0, d};
    }

    Case oversizedHeaders()
    {
        const int size = 17 * 1024 + int(m_random.bounded(200 * 1024));
        return {QStringLiteral("oversized headers"),
                request("GET", "/health", {}, {"X-Pad: " + QByteArray(size, 'a')}, m_random.bounded(2) == 0)};
    }

    Case oversizedBody(int n)
    {
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        QByteArray body = transaction(d);
        body.insert(1, "\"pad\":\"" + QByteArray(70 * 1024 + int(m_random.bounded(300 * 1024)), 'x') + "\",");
        return {QStringLiteral("body over 64 KiB"), request("POST", "/transactions", body), Expect::Refused, 0, d};
    }

    Case chunked(int n)
    {
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        QByteArray head = "POST /transactions HTTP/1.1\r\nHost: " + m_host + "\r\nAuthorization: Bearer " + kToken
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        switch (m_random.bounded(4)) {
        case 0: // chunks adding up past the limit
        {
            QByteArray chunks;
            const QByteArray chunk(32 * 1024, ' ');
            for (int i = 0; i < 5; ++i)
                chunks += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
            return {QStringLiteral("chunked over the limit"), head + chunks + "0\r\n\r\n", Expect::Refused, 0, d};
        }
        case 1:
            return {QStringLiteral("chunk size not hex"), head + "zz\r\n{}\r\n0\r\n\r\n"};
        case 2:
            return {QStringLiteral("huge chunk size"), head + "fffffffffffffff\r\n" + transaction(d) + "\r\n0\r\n\r\n",
                    Expect::Refused, 0, d};
        default:
            return {QStringLiteral("chunk data longer than its size"),
                    head + "5\r\n" + transaction(d) + "\r\n0\r\n\r\n", Expect::Refused, 0, d};
        }
    }

    Case badFraming()
    {
        const QByteArray h = "Host: " + m_host + "\r\n";
        static const char* const versions[] = {"HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3"};
        switch (m_random.bounded(9)) {
        case 0:
            return {QStringLiteral("space in path"), "GET /he alth HTTP/1.1\r\n" + h + "\r\n"};
        case 1:
            return {QStringLiteral("unknown version"),
                    QByteArray("GET /health ") + versions[m_random.bounded(4)] + "\r\n" + h + "\r\n", Expect::Refused,
                    505};
        case 2:
            return {QStringLiteral("bare LF"), "GET /health HTTP/1.1\n" + h.chopped(2) + "\n\n"};
        case 3:
            return {QStringLiteral("folded header"), "GET /health HTTP/1.1\r\n" + h + " X: y\r\n\r\n"};
        case 4:
            return {QStringLiteral("two lengths"),
                    "POST /transactions HTTP/1.1\r\n" + h + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"};
        case 5:
            return {QStringLiteral("negative length"),
                    "POST /transactions HTTP/1.1\r\n" + h + "Content-Length: -5\r\n\r\n{}"};
        case 6:
            return {QStringLiteral("gzip coding"),
                    "POST /transactions HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip\r\n\r\n{}", Expect::Refused, 501};
        case 7:
            return {QStringLiteral("absolute form, foreign host"),
                    "GET http://evil.example/health HTTP/1.1\r\n" + h + "Authorization: Bearer " + kToken + "\r\n\r\n"};
        default:
            return {QStringLiteral("NUL in header"),
                    "GET /health HTTP/1.1\r\n" + h + "X-A: a" + QByteArray(1, '\0') + "b\r\n\r\n"};
        }
    }

    Case badJson(int n)
    {
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        QByteArray body = transaction(d);
        switch (m_random.bounded(5)) {
        case 0:
            body.chop(1 + int(m_random.bounded(quint32(body.size() - 1))));
            break;
        case 1:
            body = "[" + body + "]";
            break;
        case 2:
            body.replace(':', '=');
            break;
        case 3:
            body.insert(int(m_random.bounded(quint32(body.size()))), "\xff\xfe");
            break;
        default:
            body.insert(body.size() - 1, ",\"unknownField\":1");
            break;
        }
        return {QStringLiteral("bad JSON"), request("POST", "/transactions", body), Expect::Refused, 0, d};
    }

    Case duplicateKeys(int n)
    {
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        QByteArray body = transaction(d);
        body.insert(1, "\"accountId\":" + QByteArray::number(m_account + 1) + ",");
        return {QStringLiteral("duplicate key"), request("POST", "/transactions", body), Expect::Refused, 0, d};
    }

    Case badToken(int n)
    {
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        QByteArray token = kToken;
        switch (m_random.bounded(5)) {
        case 0:
            token[0] = char(token[0] ^ 1);
            break;
        case 1:
            token[token.size() / 2] = char(token[token.size() / 2] ^ 1);
            break;
        case 2:
            token[token.size() - 1] = char(token[token.size() - 1] ^ 1);
            break;
        case 3:
            token.chop(1);
            break;
        default:
            token.clear();
            break;
        }
        QByteArray r = "POST /transactions HTTP/1.1\r\nHost: " + m_host + "\r\nAuthorization: Bearer " + token
            + "\r\nContent-Type: application/json\r\n";
        const QByteArray body = transaction(d);
        r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        return {QStringLiteral("bad token"), r, Expect::Refused, 0, d};
    }

    Case tokenInQuery()
    {
        return {QStringLiteral("token in the query"),
                request("GET", "/health?token=" + kToken, {}, {}, m_random.bounded(2) == 0)};
    }

    Case foreignHost()
    {
        QByteArray r = "GET /accounts HTTP/1.1\r\nAuthorization: Bearer " + kToken + "\r\n";
        if (m_random.bounded(2) == 0)
            r += "Host: localhost:1\r\n\r\n";
        else
            r += "Host: " + m_host + "\r\nOrigin: http://evil.example\r\n\r\n";
        return {QStringLiteral("foreign Host or Origin"), r};
    }

    Case badPath()
    {
        static const char* const paths[] = {"/../../etc/passwd",
                                            "/transactions/%00",
                                            "/accounts/99999999999999999999",
                                            "/accounts/-1",
                                            "/accounts/1%2F..",
                                            "/nope",
                                            "/anomalies/%ff%fe",
                                            "/transactions/by-account/abc",
                                            "/imports/../../x"};
        QByteArray path = paths[m_random.bounded(int(std::size(paths)))];
        if (m_random.bounded(5) == 0)
            path = "/" + QByteArray(8000, 'a');
        return {QStringLiteral("bad path"), request("GET", path)};
    }

    Case badQuery()
    {
        static const char* const queries[]
            = {"limit=5%00", "limit=%2B5",         "limit=-1",       "limit=1e3",
               "q=%00",      "limit=5&limit=6",    "from=yesterday", "risk=EXTREME",
               "unknown=1",  "minAmountMinor=1e3", "accountId=1.5",  "limit=99999999999999999999"};
        return {QStringLiteral("bad query"),
                request("GET", QByteArray("/transactions?") + queries[m_random.bounded(int(std::size(queries)))])};
    }

    Case hostileText(int n)
    {
        static const char* const texts[] = {"a\\u0000b", "\\u202Eevil",     "\\u200B\\u200B", "\\ud800",
                                            "a\\u0007b", "\\u2066x\\u2069", "\\udfff\\ud800"};
        const QByteArray text = texts[m_random.bounded(int(std::size(texts)))];
        const QByteArray body = "{\"accountId\":" + QByteArray::number(m_account)
            + ",\"amount\":\"-1.00\",\"description\":\"fuzz text " + QByteArray::number(n) + " " + text
            + "\",\"category\":\"supplier_payment\",\"counterparty\":\"" + text + "\"}";
        return {QStringLiteral("hostile text"), request("POST", "/transactions", body), Expect::Any};
    }

    Case lenientNumbers(int n)
    {
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        static const char* const amounts[] = {"\"amountMinor\":1e3",
                                              "\"amountMinor\":12.5",
                                              "\"amountMinor\":\"12\"",
                                              "\"amount\":\"1,2,3\"",
                                              "\"amount\":\"NaN\"",
                                              "\"amount\":\"1e400\"",
                                              "\"amountMinor\":99999999999999999999"};
        return {QStringLiteral("lenient number"),
                request("POST", "/transactions", transaction(d, amounts[m_random.bounded(int(std::size(amounts)))])),
                Expect::Refused, 0, d};
    }

    Case badAccountName()
    {
        // Empty and blank names are refused; NUL and bidi overrides are refused or stripped by the text rules
        // (docs/SECURITY.md), never stored raw and never answered with SQL (no 5xx).
        static const char* const names[] = {"", "   ", "\\u0000", "\\u202E"};
        const int pick = int(m_random.bounded(4));
        return {QStringLiteral("bad account name"),
                request("PUT", "/accounts/" + QByteArray::number(m_account),
                        QByteArray("{\"accountName\":\"") + names[pick] + "\",\"accountType\":\"checking\"}"),
                pick < 2 ? Expect::Refused : Expect::Any};
    }

    Case deepNesting(int n)
    {
        const int depth = 1000 + int(m_random.bounded(20000));
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        QByteArray body = transaction(d);
        body.insert(1, "\"x\":" + QByteArray(depth, '[') + QByteArray(depth, ']') + ",");
        if (body.size() > 60000)
            body = QByteArray(30000, '[') + QByteArray(30000, ']');
        return {QStringLiteral("deep nesting"), request("POST", "/transactions", body), Expect::Refused, 0, d};
    }

    Case unknownMethod()
    {
        static const char* const methods[] = {"BREW", "PROPFIND", "TRACE", "CONNECT"};
        return {QStringLiteral("unknown method"),
                request(methods[m_random.bounded(int(std::size(methods)))], "/health"), Expect::Refused, 501};
    }

    Case wrongContentType(int n)
    {
        const QString d = QStringLiteral("fuzz refused %1").arg(n);
        return {QStringLiteral("wrong content type"),
                request("POST", "/transactions", transaction(d), {"Content-Type: text/plain"}), Expect::Refused, 0, d};
    }

    Case randomBytes()
    {
        QByteArray bytes(int(1 + m_random.bounded(2048)), '\0');
        for (char& c : bytes)
            c = char(m_random.bounded(256));
        return {QStringLiteral("random bytes"), bytes + "\r\n\r\n", Expect::MaybeNoReply, 505};
    }

    QRandomGenerator m_random;
    QByteArray m_host;
    qint64 m_account = 0;
};

} // namespace

class TestRestFuzz : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostileRequests();
};

void TestRestFuzz::hostileRequests()
{
    const int requests = testing::envInt("LG_FUZZ_REQUESTS", 3000);
    const quint32 seed = quint32(testing::envInt("LG_FUZZ_SEED", int(QRandomGenerator::system()->bounded(1 << 30))));
    qInfo("LG_FUZZ_REQUESTS=%d LG_FUZZ_SEED=%u", requests, seed);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("fuzz.sqlite"));
    const QList<qint64> accounts = testing::createDemoLedgerAt(path, 10, 3);
    QVERIFY(!accounts.isEmpty());
    const qint64 accountId = accounts.first();
    testing::HeadlessServer server(QStringLiteral(LG_APP_PATH), dir.path());
    const QString url
        = server.start(path,
                       {QStringLiteral("--token"), QString::fromLatin1(kToken), QStringLiteral("--generator-interval"),
                        QStringLiteral("0"), QStringLiteral("--detector-interval"), QStringLiteral("0")});
    QVERIFY2(!url.isEmpty(), server.log().right(2000).constData());
    const quint16 port = quint16(QUrl(url).port());
    const qint64 baselineKiB = server.residentKiB();
    qint64 peakKiB = baselineKiB;

    // Bodies up to the limit arrive in one piece and are answered: valid JSON padded with whitespace to 16-63 KiB.
    for (const int size : {16 * 1024 + 1, 20 * 1024, 40 * 1024, 63 * 1024}) {
        const QString d = QStringLiteral("fuzz large %1").arg(size);
        QByteArray body = testing::paymentBody(accountId, 100, d, QStringLiteral("Fuzz Ltd"));
        body += QByteArray(size - body.size(), ' ');
        const QByteArray request = "POST /transactions HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
            + "\r\nAuthorization: Bearer " + kToken + "\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        const Answer a = exchange(port, request);
        QVERIFY2(a.status == 201,
                 qPrintable(QStringLiteral("body of %1 bytes: status %2 %3")
                                .arg(size)
                                .arg(a.status)
                                .arg(QString::fromUtf8(a.body))));
    }

    // Without a valid token at most 4 KiB of body is read (docs/API.md): a larger declared body is a 401 at once,
    // before any of it is sent.
    for (const qint64 declared : {qint64(4097), qint64(60000), qint64(1) << 40}) {
        const QByteArray head = "POST /transactions HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
            + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(declared) + "\r\n\r\n";
        const Answer a = exchange(port, head, 5000);
        QVERIFY2(a.status == 401,
                 qPrintable(QStringLiteral("unauthenticated, %1 bytes declared: status %2 %3")
                                .arg(declared)
                                .arg(a.status)
                                .arg(QString::fromUtf8(a.body))));
    }

    Generator generator(seed, port, accountId);
    QSet<QString> acknowledged, refused;
    QMap<QString, int> byKind;
    QMap<int, int> byStatus;
    for (int n = 0; n < requests; ++n) {
        const Case c = generator.next(n);
        // A request that is not framable may wait for bytes that never come (the server's 408 comes after 10 s).
        const Answer a = exchange(port, c.bytes, c.expect == Expect::MaybeNoReply ? 1000 : 15000);
        const QString where = QStringLiteral("request %1 (%2, seed %3): status %4, %5 / %6")
                                  .arg(n)
                                  .arg(c.kind)
                                  .arg(seed)
                                  .arg(a.status)
                                  .arg(QString::fromUtf8(a.head.left(200)), QString::fromUtf8(a.body.left(300)));
        ++byKind[c.kind];
        ++byStatus[a.status];
        QVERIFY2(server.isRunning(), qPrintable(where));
        QVERIFY2(a.status == 0 || a.status < 500 || a.status == c.allowed5xx, qPrintable(where));
        if (a.status == 0) {
            QVERIFY2(c.expect == Expect::MaybeNoReply, qPrintable(QStringLiteral("no answer: ") + where));
        } else {
            const QJsonDocument json = QJsonDocument::fromJson(a.body);
            QVERIFY2(a.head.toLower().contains("content-type: application/json"), qPrintable(where));
            QVERIFY2(json.isObject() || json.isArray(), qPrintable(where));
            if (a.status >= 400) {
                QVERIFY2(json.object().value(QLatin1String("code")).isString(), qPrintable(where));
                QVERIFY2(json.object().value(QLatin1String("error")).isString(), qPrintable(where));
            }
        }
        switch (c.expect) {
        case Expect::Success:
            QVERIFY2(a.status >= 200 && a.status < 300, qPrintable(where));
            break;
        case Expect::Refused:
        case Expect::MaybeNoReply:
            QVERIFY2(a.status == 0 || a.status >= 400, qPrintable(where));
            break;
        case Expect::Any:
            break;
        }
        if (!c.writes.isEmpty()) {
            if (c.expect == Expect::Success && a.status == 201)
                acknowledged.insert(c.writes);
            else if (c.expect != Expect::Success)
                refused.insert(c.writes);
        }
        if (n % 100 == 0)
            peakKiB = qMax(peakKiB, server.residentKiB());
    }
    peakKiB = qMax(peakKiB, server.residentKiB());
    qInfo("server resident memory: %lld KiB at the start, %lld KiB at the peak", baselineKiB, peakKiB);
    for (auto it = byKind.begin(); it != byKind.end(); ++it)
        qInfo("  %s: %d", qPrintable(it.key()), it.value());
    for (auto it = byStatus.begin(); it != byStatus.end(); ++it)
        qInfo("  status %d: %d", it.key(), it.value());
        // The limits hold while reading: no request makes the server buffer much more than its limits. Under
        // AddressSanitizer (the CI's sanitizer run) freed memory stays in its quarantine (256 MiB by default) and every
        // block carries redzones, so the bound there is the quarantine on top.
#if defined(__SANITIZE_ADDRESS__)
    constexpr qint64 kGrowthBoundKiB = (64 + 256 + 448) * 1024;
#else
    constexpr qint64 kGrowthBoundKiB = 64 * 1024;
#endif
    QVERIFY2(peakKiB - baselineKiB < kGrowthBoundKiB,
             qPrintable(QStringLiteral("resident memory grew by %1 KiB").arg(peakKiB - baselineKiB)));
    QVERIFY(server.stop());

    const QHash<QString, int> stored = testing::countsByDescription(path, QStringLiteral("fuzz "));
    for (const QString& d : std::as_const(acknowledged))
        QVERIFY2(stored.value(d) == 1, qPrintable(QStringLiteral("%1 stored %2 times").arg(d).arg(stored.value(d))));
    for (const QString& d : std::as_const(refused))
        QVERIFY2(!stored.contains(d), qPrintable(QStringLiteral("refused write %1 was stored").arg(d)));
    for (auto it = stored.begin(); it != stored.end(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
    QVERIFY(!acknowledged.isEmpty());
    const auto [code, output] = server.check(path);
    QVERIFY2(code == 0, output.constData());
}

QTEST_GUILESS_MAIN(TestRestFuzz)
#include "tst_restfuzz.moc"
