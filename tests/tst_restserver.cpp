// SPDX-License-Identifier: GPL-3.0-or-later
// RestServer against a real server on 127.0.0.1 (port 0) and a real HTTP client (QNetworkAccessManager): every
// route, every error case, round trips, exact balances under concurrent POSTs, the token, Host and Origin checks,
// request ordering on one connection, and every response checked against the served OpenAPI document.
#include "api/JsonMapping.h"
#include "api/JsonWriter_p.h"
#include "api/RestServer.h"
#include "ledger/Ledger.h"
#include "money/Money.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"
#include "test_engine.h"
#include "util/Clock.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'768'478'400'000; // 2026-01-15T12:00:00Z

struct Response
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

// ---- A small OpenAPI 3 schema checker: $ref, type, nullable, required, properties, items, enum, allOf, oneOf,
// anyOf ----
class SchemaChecker
{
public:
    explicit SchemaChecker(const QJsonObject& document)
        : m_doc(document)
    { }

    // The path template of the document that matches `path` (literal segments win over parameters).
    QString templateFor(const QString& path) const
    {
        QString best;
        int bestLiterals = -1;
        const QJsonObject paths = m_doc.value(QLatin1String("paths")).toObject();
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            QString pattern = QRegularExpression::escape(it.key());
            pattern.replace(QRegularExpression(QStringLiteral("\\\\\\{[a-zA-Z]+\\\\\\}")), QStringLiteral("[^/]+"));
            if (!QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$')).match(path).hasMatch())
                continue;
            const int literals
                = int(QString(it.key()).remove(QRegularExpression(QStringLiteral("\\{[a-zA-Z]+\\}"))).size());
            if (literals > bestLiterals) {
                best = it.key();
                bestLiterals = literals;
            }
        }
        return best;
    }

    // Empty when `body` conforms to the documented response of (path, method, status).
    QString check(const QString& path, const QByteArray& method, int status, const QByteArray& body) const
    {
        const QString tmpl = templateFor(path);
        if (tmpl.isEmpty())
            return QStringLiteral("path %1 is not documented").arg(path);
        const QJsonObject op = m_doc.value(QLatin1String("paths"))
                                   .toObject()
                                   .value(tmpl)
                                   .toObject()
                                   .value(QString::fromLatin1(method).toLower())
                                   .toObject();
        if (op.isEmpty() && status == 405) // a method the path does not have: still the documented error object
            return validate(QJsonDocument::fromJson(body).object(), errorSchema(), QStringLiteral("$"));
        if (op.isEmpty())
            return QStringLiteral("%1 %2 is not documented").arg(QString::fromLatin1(method), tmpl);
        const QJsonObject response
            = op.value(QLatin1String("responses")).toObject().value(QString::number(status)).toObject();
        if (response.isEmpty())
            return QStringLiteral("status %1 of %2 %3 is not documented")
                .arg(status)
                .arg(QString::fromLatin1(method), tmpl);
        const QJsonObject schema = response.value(QLatin1String("content"))
                                       .toObject()
                                       .value(QLatin1String("application/json"))
                                       .toObject()
                                       .value(QLatin1String("schema"))
                                       .toObject();
        if (schema.isEmpty())
            return body.isEmpty() ? QString() : QStringLiteral("a body where none is documented");
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError)
            return QStringLiteral("body is not JSON: %1").arg(error.errorString());
        const QJsonValue value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        return validate(value, schema, QStringLiteral("$"));
    }

    QJsonObject resolve(QJsonObject schema) const
    {
        while (schema.contains(QLatin1String("$ref")))
            schema = m_doc.value(QLatin1String("components"))
                         .toObject()
                         .value(QLatin1String("schemas"))
                         .toObject()
                         .value(schema.value(QLatin1String("$ref")).toString().section(QLatin1Char('/'), -1))
                         .toObject();
        return schema;
    }

    static QJsonObject errorSchema() { return QJsonObject {{"$ref", "#/components/schemas/Error"}}; }

    // `strict`: properties not named by the schema (or, for allOf, by any of its parts) are an error.
    QString validate(const QJsonValue& v, QJsonObject schema, const QString& where, bool strict = true) const
    {
        while (schema.contains(QLatin1String("$ref"))) {
            const QString ref = schema.value(QLatin1String("$ref")).toString();
            schema = m_doc.value(QLatin1String("components"))
                         .toObject()
                         .value(QLatin1String("schemas"))
                         .toObject()
                         .value(ref.section(QLatin1Char('/'), -1))
                         .toObject();
            if (schema.isEmpty())
                return QStringLiteral("%1: unresolved %2").arg(where, ref);
        }
        if (v.isNull() && schema.value(QLatin1String("nullable")).toBool())
            return {};
        if (schema.contains(QLatin1String("allOf"))) {
            QJsonObject merged {{"type", "object"}};
            QJsonObject props;
            for (const QJsonValue& part : schema.value(QLatin1String("allOf")).toArray()) {
                if (QString e = validate(v, part.toObject(), where, false); !e.isEmpty())
                    return e;
                const QJsonObject p = resolve(part.toObject()).value(QLatin1String("properties")).toObject();
                for (auto it = p.begin(); it != p.end(); ++it)
                    props.insert(it.key(), QJsonObject());
            }
            if (strict && v.isObject() && !props.isEmpty()) {
                for (const QString& key : v.toObject().keys()) {
                    if (!props.contains(key))
                        return QStringLiteral("%1: undocumented property %2").arg(where, key);
                }
            }
        }
        // oneOf: exactly one part (as OpenAPI 3.0 says; a body that matches two is refused by strict clients);
        // anyOf: at least one.
        for (const char* key : {"oneOf", "anyOf"}) {
            if (!schema.contains(QLatin1String(key)))
                continue;
            int matches = 0;
            for (const QJsonValue& part : schema.value(QLatin1String(key)).toArray())
                matches += validate(v, part.toObject(), where).isEmpty() ? 1 : 0;
            if (matches == 0)
                return QStringLiteral("%1: matches none of %2").arg(where, QLatin1String(key));
            if (matches > 1 && qstrcmp(key, "oneOf") == 0)
                return QStringLiteral("%1: matches %2 parts of oneOf").arg(where).arg(matches);
        }
        const QString type = schema.value(QLatin1String("type")).toString();
        if (type == QLatin1String("object")) {
            if (!v.isObject())
                return QStringLiteral("%1: expected an object").arg(where);
            const QJsonObject o = v.toObject();
            for (const QJsonValue& r : schema.value(QLatin1String("required")).toArray()) {
                if (!o.contains(r.toString()))
                    return QStringLiteral("%1: missing required %2").arg(where, r.toString());
            }
            const QJsonObject props = schema.value(QLatin1String("properties")).toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (props.contains(it.key())) {
                    if (QString e
                        = validate(it.value(), props.value(it.key()).toObject(), where + QLatin1Char('.') + it.key());
                        !e.isEmpty())
                        return e;
                } else if (schema.value(QLatin1String("additionalProperties")).isObject()) {
                    if (QString e = validate(it.value(), schema.value(QLatin1String("additionalProperties")).toObject(),
                                             where + QLatin1Char('.') + it.key());
                        !e.isEmpty())
                        return e;
                } else if (strict && !props.isEmpty()) {
                    return QStringLiteral("%1: undocumented property %2").arg(where, it.key());
                }
            }
        } else if (type == QLatin1String("array")) {
            if (!v.isArray())
                return QStringLiteral("%1: expected an array").arg(where);
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (QString e = validate(a.at(i), schema.value(QLatin1String("items")).toObject(),
                                         QStringLiteral("%1[%2]").arg(where).arg(i));
                    !e.isEmpty())
                    return e;
            }
        } else if (type == QLatin1String("string")) {
            if (!v.isString())
                return QStringLiteral("%1: expected a string").arg(where);
        } else if (type == QLatin1String("integer")) {
            if (!v.isDouble() || double(v.toInteger()) != v.toDouble())
                return QStringLiteral("%1: expected an integer").arg(where);
        } else if (type == QLatin1String("number")) {
            if (!v.isDouble())
                return QStringLiteral("%1: expected a number").arg(where);
        } else if (type == QLatin1String("boolean")) {
            if (!v.isBool())
                return QStringLiteral("%1: expected a boolean").arg(where);
        }
        if (schema.contains(QLatin1String("enum")) && !schema.value(QLatin1String("enum")).toArray().contains(v))
            return QStringLiteral("%1: %2 is not in the enum").arg(where, v.toVariant().toString());
        return {};
    }

private:
    QJsonObject m_doc;
};

} // namespace

class TestRestServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void health();
    void openApi();
    void accounts();
    void putAccount_data();
    void putAccount();
    void postAccount_data();
    void postAccount();
    void closeAndReopenAccount();
    void reverseTransaction();
    void postTransaction_data();
    void postTransaction();
    void postThenGetRoundTrip();
    void failedPostChangesNothing();
    void listTransactionsPaging();
    void listTransactionsFilters_data();
    void listTransactionsFilters();
    void timestampsAreCutToTheMillisecond();
    void transactionsByAccount();
    void anomalies();
    void healthCountsEveryOpenCase();
    void patchAnomaly_data();
    void patchAnomaly();
    void detectionRunWithoutPipeline();
    void imports();
    void importOfBrokenFiles();
    void importStartsDetection();
    void detectionRunAndSchedulerInHealth();
    void busyLedgerIs503();
    void httpErrors_data();
    void httpErrors();
    void headIsGetWithoutBody();
    void bodyLimit();
    void token_data();
    void token();
    void hostHeader_data();
    void hostHeader();
    void originHeader();
    void pipelinedRequestsKeepOrder();
    void concurrentPostsExactBalance();
    void accessLog();
    void startErrors();
    void generateToken();
    void jsonDecimal_data();
    void jsonDecimal();
    void jsonStringsAndTimes();
    void everyRouteIsDocumented();
    void decisions();

private:
    Response call(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {},
                  const QList<QPair<QByteArray, QByteArray>>& headers = {}, bool checkSchema = true);
    Response postJson(const QString& path, const QJsonObject& body)
    {
        return call("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                    {{"Content-Type", "application/json"}});
    }
    // Sends raw bytes on one connection and returns what comes back once `responses` complete answers arrived.
    QByteArray rawRequest(const QByteArray& request, int responses = 1);
    QString addTransaction(qint64 accountId, qint64 amount, qint64 timestamp, const QString& description = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock {kNow};
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<RestServer> m_server;
    QNetworkAccessManager m_nam;
    std::unique_ptr<SchemaChecker> m_schema;
    qint64 m_eur = 0, m_jpy = 0, m_bhd = 0;
    int m_checkedResponses = 0;
};

void TestRestServer::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("ledgerguard.api.access=false\nledgerguard.api=false"));
    QFile file(QStringLiteral(":/ledgerguard/api/openapi.json"));
    // The resource is linked into ledgerguard_core; constructing a server registers it.
    m_dir = std::make_unique<QTemporaryDir>();
    auto ledger = Ledger::open(m_dir->filePath(QStringLiteral("probe.sqlite")), m_clock);
    QVERIFY(ledger);
    RestServer probe(**ledger);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    QVERIFY(doc.isObject());
    m_schema = std::make_unique<SchemaChecker>(doc.object());
}

void TestRestServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock.setMs(kNow);
    auto location = test::freshLedgerLocation(m_dir->filePath(QStringLiteral("ledger.sqlite")));
    QVERIFY2(location, qPrintable(location.status().toString()));
    auto ledger = Ledger::open(*location, m_clock);
    QVERIFY2(ledger, qPrintable(ledger.status().toString()));
    m_ledger = std::move(*ledger);
    auto eur = m_ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    auto jpy = m_ledger->createAccount({QStringLiteral("Tokyo"), AccountType::Cash, QStringLiteral("JPY")});
    auto bhd = m_ledger->createAccount({QStringLiteral("Manama"), AccountType::Savings, QStringLiteral("BHD")});
    QVERIFY(eur && jpy && bhd);
    m_eur = eur->id;
    m_jpy = jpy->id;
    m_bhd = bhd->id;
    m_server = std::make_unique<RestServer>(*m_ledger);
    RestServer::Options options;
    options.port = 0;
    QVERIFY(m_server->start(options).isOk());
    QVERIFY(m_server->isListening());
    QVERIFY(m_server->port() != 0);
}

void TestRestServer::cleanup()
{
    m_server.reset();
    m_ledger.reset();
    m_nam.clearConnectionCache();
}

void TestRestServer::cleanupTestCase()
{
    qInfo("%d responses were checked against the OpenAPI document", m_checkedResponses);
}

Response TestRestServer::call(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body,
                              const QList<QPair<QByteArray, QByteArray>>& headers, bool checkSchema)
{
    QNetworkRequest request(QUrl(m_server->url() + pathAndQuery));
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = m_nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    r.json = QJsonDocument::fromJson(r.body).object();
    reply->deleteLater();
    if (checkSchema && r.status != 0) {
        // Every answer is JSON, and every documented route's answer matches the OpenAPI document.
        if (r.status != 204) {
            [&] {
                QVERIFY2(r.header("Content-Type").startsWith("application/json"), r.body.constData());
                QVERIFY2(QJsonDocument::fromJson(r.body).isObject(), r.body.constData());
            }();
        }
        const QString path = QUrl(pathAndQuery).path();
        if (!m_schema->templateFor(path).isEmpty() && r.status != 204) {
            const QString error = m_schema->check(path, method, r.status, r.body);
            if (!error.isEmpty())
                qWarning("OpenAPI mismatch for %s %s -> %d: %s\n%s", method.constData(), qPrintable(pathAndQuery),
                         r.status, qPrintable(error), r.body.left(400).constData());
            [&] { QVERIFY2(error.isEmpty(), qPrintable(error)); }();
            ++m_checkedResponses;
        }
    }
    return r;
}

QByteArray TestRestServer::rawRequest(const QByteArray& request, int responses)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    const auto complete = [&response, responses] {
        qsizetype at = 0;
        for (int i = 0; i < responses; ++i) {
            const qsizetype end = response.indexOf("\r\n\r\n", at);
            if (end < 0)
                return false;
            const QByteArray head = response.mid(at, end - at).toLower();
            const qsizetype cl = head.indexOf("content-length:");
            const qsizetype length
                = cl < 0 ? 0 : head.mid(cl + 15, head.indexOf("\r\n", cl) - cl - 15).trimmed().toLongLong();
            at = end + 4 + length;
            if (response.size() < at)
                return false;
        }
        return true;
    };
    while (timer.elapsed() < 10000 && !complete()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5); // the server runs in this thread
        socket.waitForReadyRead(1);
        response += socket.readAll();
    }
    return response;
}

QString TestRestServer::addTransaction(qint64 accountId, qint64 amount, qint64 timestamp, const QString& description)
{
    NewTransaction t;
    t.accountId = accountId;
    t.amount = amount;
    t.description = description.isEmpty() ? QStringLiteral("Payment %1").arg(amount) : description;
    t.category = QStringLiteral("supplier_payment");
    t.counterparty = QStringLiteral("ACME");
    t.timestamp = timestamp;
    auto stored = m_ledger->addTransaction(t);
    return stored ? stored->id : QString();
}

void TestRestServer::health()
{
    addTransaction(m_eur, -1250, kNow - 3600'000);
    const Response r = call("GET", QStringLiteral("/health"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(r.json.value("schemaVersion").toInt(), Database::kSchemaVersion);
    QCOMPARE(r.json.value("time").toString(), QStringLiteral("2026-01-15T12:00:00.000Z"));
    const QJsonObject counts = r.json.value("counts").toObject();
    QCOMPARE(counts.value("accounts").toInt(), 3);
    QCOMPARE(counts.value("transactions").toInt(), 1);
    QCOMPARE(counts.value("staleAccounts").toInt(), 1);
    QVERIFY(r.json.value("generator").isNull()); // no scheduler in this process
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());

    // The counts follow writes (the cache is invalidated by the ledger's signals).
    addTransaction(m_eur, 500, kNow - 1800'000);
    QTRY_COMPARE(call("GET", QStringLiteral("/health")).json.value("counts").toObject().value("transactions").toInt(),
                 2);
}

void TestRestServer::openApi()
{
    const Response r = call("GET", QStringLiteral("/openapi.json"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value("openapi").toString().startsWith(QLatin1String("3.")));
    QCOMPARE(call("GET", QStringLiteral("/openapi.json?x=1")).status, 400);
}

void TestRestServer::accounts()
{
    addTransaction(m_eur, 123456, kNow - 1000);
    Response r = call("GET", QStringLiteral("/accounts"));
    QCOMPARE(r.status, 200);
    const QJsonArray items = r.json.value("items").toArray();
    QCOMPARE(items.size(), 3);
    QVERIFY(r.json.value("nextCursor").isNull());
    const QJsonObject eur = items.at(0).toObject();
    QCOMPARE(eur.value("accountId").toInteger(), m_eur);
    QCOMPARE(eur.value("accountName").toString(), QStringLiteral("Operating"));
    QCOMPARE(eur.value("accountType").toString(), QStringLiteral("checking"));
    QCOMPARE(eur.value("currency").toString(), QStringLiteral("EUR"));
    QCOMPARE(eur.value("currentBalance").toDouble(), 1234.56);
    QVERIFY(r.body.contains("\"currentBalance\":1234.56"));
    QCOMPARE(eur.value("currentBalanceMinor").toInteger(), 123456);
    QCOMPARE(eur.value("isStale").toBool(), true);
    QCOMPARE(eur.value("health").toString(), QStringLiteral("HEALTHY"));
    QCOMPARE(eur.value("lastUpdated").toString(), QStringLiteral("2026-01-15T12:00:00.000Z"));

    r = call("GET", QStringLiteral("/accounts/%1").arg(m_jpy));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("currency").toString(), QStringLiteral("JPY"));
    for (const QString& missing :
         {QStringLiteral("999"), QStringLiteral("abc"), QStringLiteral("-1"), QStringLiteral("01")}) {
        r = call("GET", QStringLiteral("/accounts/") + missing);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json.value("code").toString(), QStringLiteral("NotFound"));
    }
    QCOMPARE(call("GET", QStringLiteral("/accounts?limit=5")).status, 400);
}

void TestRestServer::putAccount_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    const QString own = QStringLiteral("/accounts/1");
    QTest::addRow("ok") << own << QByteArray(R"({"accountName":"Main account","accountType":"savings"})") << 200 << "";
    QTest::addRow("bad type") << own << QByteArray(R"({"accountName":"X","accountType":"vault"})") << 422
                              << "accountType";
    QTest::addRow("no name") << own << QByteArray(R"({"accountType":"savings"})") << 422 << "accountName";
    QTest::addRow("empty name") << own << QByteArray(R"({"accountName":"  ","accountType":"savings"})") << 422
                                << "accountName";
    QTest::addRow("name not a string") << own << QByteArray(R"({"accountName":5,"accountType":"savings"})") << 422
                                       << "accountName";
    QTest::addRow("unknown field") << own << QByteArray(R"({"accountName":"X","accountType":"cash","currency":"USD"})")
                                   << 422 << "currency";
    QTest::addRow("malformed") << own << QByteArray(R"({"accountName":)") << 400 << "";
    QTest::addRow("not an object") << own << QByteArray(R"(["x"])") << 400 << "";
    QTest::addRow("missing account") << QStringLiteral("/accounts/77")
                                     << QByteArray(R"({"accountName":"X","accountType":"cash"})") << 404 << "";
}

void TestRestServer::putAccount()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    const auto before = m_ledger->account(m_eur);
    const Response r = call("PUT", path, body, {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, status);
    if (!field.isEmpty())
        QVERIFY2(r.json.value("fields").toObject().contains(field), r.body.constData());
    const auto after = m_ledger->account(m_eur);
    if (status == 200) {
        QCOMPARE(r.json.value("accountName").toString(), QStringLiteral("Main account"));
        QCOMPARE(after->name, QStringLiteral("Main account"));
        QCOMPARE(after->type, AccountType::Savings);
    } else {
        QCOMPARE(after->name, before->name);
        QCOMPARE(after->type, before->type);
    }
}

void TestRestServer::postAccount_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::addColumn<qint64>("balanceMinor");
    QTest::addRow("no opening balance") << QByteArray(
        R"({"accountName":"Reserve","accountType":"savings","currency":"CHF"})")
                                        << 201 << "" << qint64(0);
    QTest::addRow("opening balance") << QByteArray(
        R"({"accountName":"Reserve","accountType":"savings","currency":"EUR","openingBalance":"1234.56"})")
                                     << 201 << "" << qint64(123456);
    QTest::addRow("opening balance number, dated")
        << QByteArray(R"({"accountName":"R","accountType":"cash","currency":"JPY","openingBalance":-1500,)"
                      R"("openingDate":"2026-01-01T00:00:00Z"})")
        << 201 << "" << qint64(-1500);
    QTest::addRow("opening balance minor")
        << QByteArray(R"({"accountName":"R","accountType":"cash","currency":"BHD","openingBalanceMinor":1234})") << 201
        << "" << qint64(1234);
    QTest::addRow("no name") << QByteArray(R"({"accountType":"cash","currency":"EUR"})") << 422 << "accountName"
                             << qint64(0);
    QTest::addRow("blank name") << QByteArray(R"({"accountName":" ","accountType":"cash","currency":"EUR"})") << 422
                                << "accountName" << qint64(0);
    QTest::addRow("bad type") << QByteArray(R"({"accountName":"R","accountType":"vault","currency":"EUR"})") << 422
                              << "accountType" << qint64(0);
    QTest::addRow("no currency") << QByteArray(R"({"accountName":"R","accountType":"cash"})") << 422 << "currency"
                                 << qint64(0);
    QTest::addRow("bad currency") << QByteArray(R"({"accountName":"R","accountType":"cash","currency":"XYZ"})") << 422
                                  << "currency" << qint64(0);
    QTest::addRow("too many decimals") << QByteArray(
        R"({"accountName":"R","accountType":"cash","currency":"EUR","openingBalance":"1.234"})")
                                       << 422 << "openingBalance" << qint64(0);
    QTest::addRow("too large") << QByteArray(
        R"({"accountName":"R","accountType":"cash","currency":"EUR","openingBalanceMinor":1000000000001})")
                               << 422 << "openingBalance" << qint64(0);
    QTest::addRow("both amounts") << QByteArray(R"({"accountName":"R","accountType":"cash","currency":"EUR",)"
                                                R"("openingBalance":1,"openingBalanceMinor":100})")
                                  << 422 << "openingBalance" << qint64(0);
    QTest::addRow("future date") << QByteArray(R"({"accountName":"R","accountType":"cash","currency":"EUR",)"
                                               R"("openingBalance":1,"openingDate":"2027-01-01T00:00:00Z"})")
                                 << 422 << "openingDate" << qint64(0);
    QTest::addRow("unknown field") << QByteArray(R"({"accountName":"R","accountType":"cash","currency":"EUR","x":1})")
                                   << 422 << "x" << qint64(0);
}

void TestRestServer::postAccount()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    QFETCH(qint64, balanceMinor);
    const qsizetype before = m_ledger->accounts()->size();
    const Response r = call("POST", QStringLiteral("/accounts"), body, {{"Content-Type", "application/json"}});
    QVERIFY2(r.status == status, r.body.constData());
    if (status != 201) {
        QVERIFY2(r.json.value("fields").toObject().contains(field), r.body.constData());
        QCOMPARE(m_ledger->accounts()->size(), before);
        return;
    }
    const qint64 id = r.json.value("accountId").toInteger();
    QCOMPARE(r.header("Location"), "/accounts/" + QByteArray::number(id));
    QCOMPARE(r.json.value("currentBalanceMinor").toInteger(), balanceMinor);
    QCOMPARE(r.json.value("closed").toBool(true), false);
    QCOMPARE(m_ledger->account(id)->balance, balanceMinor);
    QCOMPARE(*m_ledger->sumOfTransactions(id), balanceMinor);
    const Response got = call("GET", QString::fromLatin1(r.header("Location")));
    QCOMPARE(got.json.value("accountName"), r.json.value("accountName"));
    const Response txs = call("GET", QStringLiteral("/transactions/by-account/%1").arg(id));
    const QJsonArray items = txs.json.value("items").toArray();
    QCOMPARE(items.size(), balanceMinor == 0 ? 0 : 1);
    if (!items.isEmpty()) {
        QCOMPARE(items.at(0).toObject().value("category").toString(), QStringLiteral("opening_balance"));
        QCOMPARE(items.at(0).toObject().value("source").toString(), QStringLiteral("api"));
    }
}

void TestRestServer::closeAndReopenAccount()
{
    const QString t = addTransaction(m_eur, 2500, kNow - 1000);
    Response r = call("POST", QStringLiteral("/accounts/%1/close").arg(m_eur));
    QCOMPARE(r.status, 409);
    QVERIFY2(r.json.value("error").toString().contains(QStringLiteral("25.00")), r.body.constData());
    QVERIFY(!m_ledger->account(m_eur)->closedAt);
    addTransaction(m_eur, -2500, kNow - 500);
    r = call("POST", QStringLiteral("/accounts/%1/close").arg(m_eur));
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value("closed").toBool(), true);
    QVERIFY(r.json.value("closedAt").isString());
    QCOMPARE(call("POST", QStringLiteral("/accounts/%1/close").arg(m_eur)).status, 409);

    // A closed account refuses transactions, reversals included, naming the field.
    r = postJson(QStringLiteral("/transactions"),
                 {{"accountId", m_eur}, {"amount", "1.00"}, {"description", "After closing"}, {"category", "other"}});
    QCOMPARE(r.status, 422);
    QVERIFY2(r.json.value("fields").toObject().value("accountId").toString().contains(QStringLiteral("closed")),
             r.body.constData());
    r = call("POST", QStringLiteral("/transactions/%1/reverse").arg(t));
    QCOMPARE(r.status, 422);
    QVERIFY(r.json.value("fields").toObject().contains(QStringLiteral("accountId")));
    QVERIFY(call("GET", QStringLiteral("/accounts"))
                .json.value("items")
                .toArray()
                .at(0)
                .toObject()
                .value("closed")
                .toBool());

    QCOMPARE(call("POST", QStringLiteral("/accounts/%1/close").arg(m_eur), "{\"x\":1}",
                  {{"Content-Type", "application/json"}})
                 .status,
             422);
    r = call("POST", QStringLiteral("/accounts/%1/reopen").arg(m_eur), "{}", {{"Content-Type", "application/json"}});
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value("closed").toBool(true), false);
    QVERIFY(r.json.value("closedAt").isNull());
    QCOMPARE(call("POST", QStringLiteral("/accounts/%1/reopen").arg(m_eur)).status, 409);
    QCOMPARE(call("POST", QStringLiteral("/accounts/999/close")).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/accounts/abc/reopen")).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/accounts/%1/close").arg(m_eur)).status, 405);
}

void TestRestServer::reverseTransaction()
{
    addTransaction(m_eur, 10'000, kNow - 3 * kDayMs);
    const QString t = addTransaction(m_eur, -1234, kNow - 2 * kDayMs, QStringLiteral("Invoice 7"));
    addTransaction(m_eur, 500, kNow - kDayMs);
    m_clock.advanceMs(60'000);
    Response r = call("POST", QStringLiteral("/transactions/%1/reverse").arg(t));
    QVERIFY2(r.status == 201, r.body.constData());
    const QString reversal = r.json.value("transactionId").toString();
    QCOMPARE(r.header("Location"), "/transactions/" + reversal.toLatin1());
    QCOMPARE(r.json.value("amountMinor").toInteger(), 1234);
    QCOMPARE(r.json.value("reverses").toString(), t);
    QVERIFY(r.json.value("reversedBy").isNull());
    QCOMPARE(r.json.value("description").toString(), QStringLiteral("Reversal of Invoice 7"));
    QCOMPARE(r.json.value("source").toString(), QStringLiteral("api"));
    QCOMPARE(r.json.value("newBalanceMinor").toInteger(), 10'500);
    QCOMPARE(r.json.value("runningBalanceMinor").toInteger(), 10'500);
    QCOMPARE(r.json.value("timestamp").toString(), api::isoUtc(kNow + 60'000));

    const Response original = call("GET", QStringLiteral("/transactions/%1").arg(t));
    QCOMPARE(original.json.value("reversedBy").toString(), reversal);
    QCOMPARE(original.json.value("amountMinor").toInteger(), -1234);

    r = call("POST", QStringLiteral("/transactions/%1/reverse").arg(t));
    QCOMPARE(r.status, 409);
    QVERIFY(r.json.value("error").toString().contains(reversal));
    QCOMPARE(call("POST", QStringLiteral("/transactions/%1/reverse").arg(reversal)).status, 409);
    QCOMPARE(call("POST", QStringLiteral("/transactions/0190a0e4-0000-7000-8000-00000000dead/reverse")).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/transactions/%1/reverse").arg(t), "{\"note\":\"x\"}",
                  {{"Content-Type", "application/json"}})
                 .status,
             422);
    QCOMPARE(m_ledger->account(m_eur)->balance, 10'500);
    QCOMPARE(*m_ledger->countTransactions({}), 4);
}

void TestRestServer::postTransaction_data()
{
    QTest::addColumn<QString>("account"); // "EUR", "JPY" or "BHD"
    QTest::addColumn<QByteArray>("fields"); // JSON members after accountId
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("amountMinor");
    QTest::addColumn<QString>("errorField");

    const QByteArray rest = R"(,"description":"Invoice 42","category":"supplier_payment")";
    QTest::addRow("number") << "EUR" << QByteArray(R"("amount":12.34)") + rest << 201 << qint64(1234) << "";
    QTest::addRow("negative number") << "EUR" << QByteArray(R"("amount":-0.07)") + rest << 201 << qint64(-7) << "";
    QTest::addRow("number with exponent")
        << "EUR" << QByteArray(R"("amount":1.5e3)") + rest << 201 << qint64(150000) << "";
    QTest::addRow("integer number") << "EUR" << QByteArray(R"("amount":250)") + rest << 201 << qint64(25000) << "";
    QTest::addRow("large exact number") << "EUR" << QByteArray(R"("amount":98765432.19)") + rest << 201
                                        << qint64(9876543219) << "";
    QTest::addRow("string") << "EUR" << QByteArray(R"("amount":"-1234.5")") + rest << 201 << qint64(-123450) << "";
    QTest::addRow("minor") << "EUR" << QByteArray(R"("amountMinor":-99)") + rest << 201 << qint64(-99) << "";
    QTest::addRow("currency given") << "EUR" << QByteArray(R"("amount":"1.00","currency":"EUR")") + rest << 201
                                    << qint64(100) << "";
    QTest::addRow("JPY") << "JPY" << QByteArray(R"("amount":1500)") + rest << 201 << qint64(1500) << "";
    QTest::addRow("BHD") << "BHD" << QByteArray(R"("amount":"1.234")") + rest << 201 << qint64(1234) << "";
    QTest::addRow("BHD number") << "BHD" << QByteArray(R"("amount":0.005)") + rest << 201 << qint64(5) << "";
    QTest::addRow("with counterparty and time")
        << "EUR" << QByteArray(R"("amount":1,"counterparty":"ACME","timestamp":"2026-01-10T08:00:00+01:00")") + rest
        << 201 << qint64(100) << "";

    QTest::addRow("both amounts") << "EUR" << QByteArray(R"("amount":1,"amountMinor":100)") + rest << 422 << qint64(0)
                                  << "amount";
    QTest::addRow("no amount") << "EUR" << QByteArray(R"("counterparty":"x")") + rest << 422 << qint64(0) << "amount";
    QTest::addRow("three decimals in EUR")
        << "EUR" << QByteArray(R"("amount":"1.234")") + rest << 422 << qint64(0) << "amount";
    QTest::addRow("binary fraction") << "EUR" << QByteArray(R"("amount":0.30000000000000004)") + rest << 422
                                     << qint64(0) << "amount";
    QTest::addRow("JPY fraction") << "JPY" << QByteArray(R"("amount":1.5)") + rest << 422 << qint64(0) << "amount";
    QTest::addRow("grouped string") << "EUR" << QByteArray(R"("amount":"1,234.00")") + rest << 422 << qint64(0)
                                    << "amount";
    QTest::addRow("exponent string") << "EUR" << QByteArray(R"("amount":"1e3")") + rest << 422 << qint64(0) << "amount";
    QTest::addRow("zero") << "EUR" << QByteArray(R"("amount":0)") + rest << 422 << qint64(0) << "amount";
    QTest::addRow("too large") << "EUR" << QByteArray(R"("amount":"100000000000.00")") + rest << 422 << qint64(0)
                               << "amount";
    QTest::addRow("amount bool") << "EUR" << QByteArray(R"("amount":true)") + rest << 422 << qint64(0) << "amount";
    QTest::addRow("minor fraction") << "EUR" << QByteArray(R"("amountMinor":1.5)") + rest << 422 << qint64(0)
                                    << "amountMinor";
    // The ledger's own checks name the field the client sent.
    QTest::addRow("minor zero") << "EUR" << QByteArray(R"("amountMinor":0)") + rest << 422 << qint64(0)
                                << "amountMinor";
    QTest::addRow("minor too large") << "EUR" << QByteArray(R"("amountMinor":10000000000000)") + rest << 422
                                     << qint64(0) << "amountMinor";
    QTest::addRow("wrong currency") << "EUR" << QByteArray(R"("amount":1,"currency":"USD")") + rest << 422 << qint64(0)
                                    << "currency";
    QTest::addRow("no description") << "EUR" << QByteArray(R"("amount":1,"category":"tax")") << 422 << qint64(0)
                                    << "description";
    QTest::addRow("blank description") << "EUR" << QByteArray(R"("amount":1,"category":"tax","description":" ")") << 422
                                       << qint64(0) << "description";
    QTest::addRow("bad category") << "EUR" << QByteArray(R"("amount":1,"category":"bribes","description":"x")") << 422
                                  << qint64(0) << "category";
    QTest::addRow("opening balance") << "EUR"
                                     << QByteArray(R"("amount":1,"category":"opening_balance","description":"x")")
                                     << 422 << qint64(0) << "category";
    QTest::addRow("future") << "EUR" << QByteArray(R"("amount":1,"timestamp":"2026-01-17T12:00:00Z")") + rest << 422
                            << qint64(0) << "timestamp";
    QTest::addRow("bad time") << "EUR" << QByteArray(R"("amount":1,"timestamp":"yesterday")") + rest << 422 << qint64(0)
                              << "timestamp";
    QTest::addRow("unknown field") << "EUR" << QByteArray(R"("amount":1,"memo":"x")") + rest << 422 << qint64(0)
                                   << "memo";
    QTest::addRow("unknown account") << "none" << QByteArray(R"("amount":1)") + rest << 422 << qint64(0) << "accountId";
}

void TestRestServer::postTransaction()
{
    QFETCH(QString, account);
    QFETCH(QByteArray, fields);
    QFETCH(int, status);
    QFETCH(qint64, amountMinor);
    QFETCH(QString, errorField);
    const qint64 id = account == QLatin1String("EUR") ? m_eur
        : account == QLatin1String("JPY")             ? m_jpy
        : account == QLatin1String("BHD")             ? m_bhd
                                                      : 999;
    const QByteArray body = "{\"accountId\":" + QByteArray::number(id) + "," + fields + "}";
    const Response r = call("POST", QStringLiteral("/transactions"), body, {{"Content-Type", "application/json"}});
    QVERIFY2(r.status == status, r.body.constData());
    if (status == 201) {
        QCOMPARE(r.json.value("amountMinor").toInteger(), amountMinor);
        QCOMPARE(r.json.value("source").toString(), QStringLiteral("api"));
        QCOMPARE(r.json.value("newBalanceMinor").toInteger(), amountMinor);
        QCOMPARE(r.header("Location"), "/transactions/" + r.json.value("transactionId").toString().toLatin1());
        // The JSON number is the exact decimal of the minor units.
        const auto stored = m_ledger->transaction(r.json.value("transactionId").toString());
        QVERIFY(stored);
        QCOMPARE(stored->amount, amountMinor);
        QCOMPARE(r.json.value("amount").toDouble(), api::majorUnits(amountMinor, stored->currency));
    } else {
        QVERIFY2(r.json.value("fields").toObject().contains(errorField), r.body.constData());
        QCOMPARE(r.json.value("code").toString(), QStringLiteral("InvalidArgument"));
    }
}

void TestRestServer::postThenGetRoundTrip()
{
    const Response created = postJson(QStringLiteral("/transactions"),
                                      QJsonObject {{"accountId", m_eur},
                                                   {"amount", -4321.09},
                                                   {"description", "Rent January"},
                                                   {"category", "rent"},
                                                   {"counterparty", "Landlord Ltd"},
                                                   {"timestamp", "2026-01-02T09:30:00Z"}});
    QCOMPARE(created.status, 201);
    const QString id = created.json.value("transactionId").toString();
    const Response fetched = call("GET", QStringLiteral("/transactions/") + id);
    QCOMPARE(fetched.status, 200);
    QJsonObject expected = created.json;
    expected.remove("newBalance");
    expected.remove("newBalanceMinor");
    QCOMPARE(fetched.json, expected);
    QCOMPARE(fetched.json.value("amount").toDouble(), -4321.09);
    QVERIFY(fetched.body.contains("\"amount\":-4321.09"));
    QCOMPARE(fetched.json.value("amountMinor").toInteger(), -432109);
    QCOMPARE(fetched.json.value("timestamp").toString(), QStringLiteral("2026-01-02T09:30:00.000Z"));
    QCOMPARE(fetched.json.value("counterparty").toString(), QStringLiteral("Landlord Ltd"));
    QCOMPARE(fetched.json.value("runningBalanceMinor").toInteger(), -432109);
    QVERIFY(!fetched.json.contains("risk")); // not scored yet

    QCOMPARE(call("GET", QStringLiteral("/transactions/0190b1f2-0000-7000-8000-000000000000")).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/transactions/nonsense")).status, 404);
    const Response list = call("GET", QStringLiteral("/transactions?accountId=%1").arg(m_eur));
    QCOMPARE(list.json.value("items").toArray().size(), 1);
    QCOMPARE(list.json.value("items").toArray().at(0).toObject(), expected);
}

void TestRestServer::failedPostChangesNothing()
{
    addTransaction(m_eur, 1000, kNow - 5000);
    const auto before = m_ledger->account(m_eur);
    const QList<QByteArray> bodies
        = {R"({"accountId":1,"amount":"1.001","description":"x","category":"tax"})",
           R"({"accountId":1,"amount":5,"description":"x","category":"nope"})", R"({"accountId":1,)",
           R"({"accountId":1,"amount":5,"description":"x","category":"tax","extra":1})"};
    for (const QByteArray& body : bodies) {
        const Response r = call("POST", QStringLiteral("/transactions"), body, {{"Content-Type", "application/json"}});
        QVERIFY(r.status == 400 || r.status == 422);
    }
    QCOMPARE(call("POST", QStringLiteral("/transactions"), bodies.at(0), {{"Content-Type", "text/plain"}}).status, 415);
    const auto after = m_ledger->account(m_eur);
    QCOMPARE(after->balance, before->balance);
    QCOMPARE(after->transactionCount, 1);
    QCOMPARE(*m_ledger->countTransactions({}), 1);
}

void TestRestServer::listTransactionsPaging()
{
    QList<NewTransaction> batch;
    for (int i = 0; i < 250; ++i) {
        NewTransaction t;
        t.accountId = i % 5 == 0 ? m_jpy : m_eur;
        t.amount = (i % 2 ? 1 : -1) * (100 + i);
        t.description = QStringLiteral("Item %1").arg(i);
        t.category = i % 3 ? QStringLiteral("fees") : QStringLiteral("rent");
        t.timestamp = kNow - 86'400'000 + i * 60'000;
        batch.append(t);
    }
    QVERIFY(m_ledger->addTransactions(batch));

    QSet<QString> seen;
    QString cursor;
    int pages = 0;
    qint64 previous = std::numeric_limits<qint64>::max();
    do {
        const QString query = QStringLiteral("/transactions?accountId=%1&limit=40").arg(m_eur)
            + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor);
        const Response r = call("GET", query);
        QCOMPARE(r.status, 200);
        for (const QJsonValue& v : r.json.value("items").toArray()) {
            const QJsonObject t = v.toObject();
            QCOMPARE(t.value("accountId").toInteger(), m_eur);
            const qint64 ts = *api::parseTimestamp(t.value("timestamp").toString(), QStringLiteral("t"));
            QVERIFY(ts <= previous); // newest first
            previous = ts;
            seen.insert(t.value("transactionId").toString());
        }
        cursor = r.json.value("nextCursor").toString();
        QVERIFY(r.json.value("nextCursor").isNull() == cursor.isEmpty());
        ++pages;
    } while (!cursor.isEmpty() && pages < 20);
    QCOMPARE(seen.size(), 200);
    QCOMPARE(pages, 5);
    QCOMPARE(call("GET", QStringLiteral("/transactions")).json.value("items").toArray().size(), 100); // default limit
    QCOMPARE(call("GET", QStringLiteral("/transactions?limit=1000")).json.value("items").toArray().size(), 250);
}

void TestRestServer::listTransactionsFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count"); // items, or -1 to skip
    QTest::addColumn<QString>("field"); // named in "fields" for errors

    QTest::addRow("all") << "" << 200 << 4 << "";
    QTest::addRow("account") << "accountId=1" << 200 << 3 << "";
    QTest::addRow("from") << "from=2026-01-15T10:00:00Z" << 200 << 2 << "";
    QTest::addRow("from ms") << "from=1768471200000" << 200 << 2 << "";
    QTest::addRow("to") << "to=2026-01-15T10:00:00Z" << 200 << 2 << "";
    QTest::addRow("text") << "q=refund" << 200 << 1 << "";
    // A '+' is a space (form encoding, Python's urlencode); a plus is %2B; a zone's unencoded '+' is still a zone.
    QTest::addRow("text with a plus for a space") << "q=bank+fee" << 200 << 1 << "";
    QTest::addRow("text with an encoded plus") << "q=bank%2Bfee" << 200 << 0 << "";
    QTest::addRow("from with an unencoded zone") << "from=2026-01-15T12:00:00+02:00" << 200 << 2 << "";
    QTest::addRow("from with an encoded zone") << "from=2026-01-15T12:00:00%2B02:00" << 200 << 2 << "";
    QTest::addRow("from a date alone") << "from=2026-01-15" << 422 << -1 << "from";
    QTest::addRow("category") << "category=rent" << 200 << 1 << "";
    QTest::addRow("min major") << "accountId=1&minAmount=10.00" << 200 << 2 << "";
    QTest::addRow("max major") << "accountId=1&maxAmount=-0.01" << 200 << 1 << "";
    QTest::addRow("min minor") << "minAmountMinor=1000" << 200 << 3 << "";
    QTest::addRow("sort amount asc") << "sort=amount&order=asc&limit=1" << 200 << 1 << "";
    QTest::addRow("risk") << "risk=HIGH" << 200 << 0 << "";
    QTest::addRow("unknown parameter") << "acount=1" << 400 << -1 << "acount";
    QTest::addRow("repeated parameter") << "limit=1&limit=2" << 400 << -1 << "limit";
    QTest::addRow("limit zero") << "limit=0" << 422 << -1 << "limit";
    QTest::addRow("limit too large") << "limit=1001" << 422 << -1 << "limit";
    QTest::addRow("limit text") << "limit=ten" << 422 << -1 << "limit";
    QTest::addRow("bad account") << "accountId=x" << 422 << -1 << "accountId";
    QTest::addRow("bad from") << "from=tomorrow" << 422 << -1 << "from";
    QTest::addRow("bad category") << "category=x" << 422 << -1 << "category";
    QTest::addRow("bad risk") << "risk=EXTREME" << 422 << -1 << "risk";
    QTest::addRow("bad amount") << "minAmount=1.001" << 422 << -1 << "minAmount";
    QTest::addRow("both amounts") << "minAmount=1&minAmountMinor=100" << 422 << -1 << "minAmount";
    QTest::addRow("bad cursor") << "cursor=%21%21" << 422 << -1 << "cursor";
    QTest::addRow("bad sort") << "sort=name" << 422 << -1 << "sort";
    // One rule for the case of enum names: any case is accepted, as for risk.
    QTest::addRow("risk lower case") << "risk=high" << 200 << 0 << "";
    QTest::addRow("category capitalised") << "category=Rent" << 200 << 1 << "";
    QTest::addRow("sort upper case") << "sort=AMOUNT&order=ASC&limit=1" << 200 << 1 << "";
    // An unknown account in a filter is an error on the field, with or without amounts in its currency.
    QTest::addRow("unknown account") << "accountId=999" << 422 << -1 << "accountId";
    QTest::addRow("unknown account with amount") << "accountId=999&minAmount=1" << 422 << -1 << "accountId";
}

void TestRestServer::listTransactionsFilters()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(int, count);
    QFETCH(QString, field);
    QCOMPARE(m_eur, 1);
    addTransaction(m_eur, 2500, kNow - 3 * 3600'000, QStringLiteral("Invoice 1"));
    addTransaction(m_eur, -1, kNow - 2 * 3600'000 - 1, QStringLiteral("Bank fee"));
    addTransaction(m_eur, 1000, kNow - 3600'000, QStringLiteral("Refund"));
    NewTransaction rent;
    rent.accountId = m_jpy;
    rent.amount = 50000;
    rent.description = QStringLiteral("Office rent");
    rent.category = QStringLiteral("rent");
    rent.counterparty = QStringLiteral("Acme Estates");
    rent.timestamp = kNow - 60'000;
    QVERIFY(m_ledger->addTransaction(rent));

    const Response r
        = call("GET", QStringLiteral("/transactions") + (query.isEmpty() ? QString() : QLatin1Char('?') + query));
    QVERIFY2(r.status == status, r.body.constData());
    if (count >= 0)
        QCOMPARE(r.json.value("items").toArray().size(), count);
    if (!field.isEmpty())
        QVERIFY2(r.json.value("fields").toObject().contains(field), r.body.constData());
}

void TestRestServer::transactionsByAccount()
{
    addTransaction(m_eur, 100, kNow - 1000);
    addTransaction(m_jpy, 300, kNow - 1000);
    Response r = call("GET", QStringLiteral("/transactions/by-account/%1").arg(m_jpy));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("items").toArray().size(), 1);
    QCOMPARE(r.json.value("items").toArray().at(0).toObject().value("amount").toDouble(), 300.0);
    QCOMPARE(call("GET", QStringLiteral("/transactions/by-account/%1?limit=1&minAmount=300").arg(m_jpy)).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/transactions/by-account/%1?accountId=1").arg(m_jpy)).status, 400);
    QCOMPARE(call("GET", QStringLiteral("/transactions/by-account/42")).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/transactions/by-account/x")).status, 404);
}

void TestRestServer::healthCountsEveryOpenCase()
{
    // Open cases on a recent transaction and on one of 40 days ago: /health counts every open case, of any age, as
    // the dashboard's cards do; the account's own counts (its health) cover the last 30 days only.
    const QString recent = addTransaction(m_jpy, 99999, kNow - 3600'000);
    const QString old = addTransaction(m_jpy, 5000, kNow - 40 * 86400'000LL);
    Anomaly other;
    other.accountId = m_jpy;
    other.transactionId = recent;
    other.score = 0.91;
    other.risk = Risk::High;
    other.detectedAt = kNow - 60'000;
    other.anomalyType = QStringLiteral("amount_spike");
    Anomaly aged = other;
    aged.transactionId = old;
    aged.risk = Risk::Medium;
    aged.score = 0.7;
    QVERIFY(m_ledger
                ->storeDetectionResults(m_jpy, {{recent, 0.91, Risk::High}, {old, 0.7, Risk::Medium}}, {other, aged},
                                        std::nullopt)
                .isOk());
    const auto openCount = [&](const char* risk) {
        return call("GET", QStringLiteral("/health"))
            .json.value("counts")
            .toObject()
            .value("openAnomalies")
            .toObject()
            .value(QLatin1String(risk))
            .toInt();
    };
    QTRY_COMPARE(openCount("MEDIUM"), 1);
    QCOMPARE(openCount("HIGH"), 1);
    const QJsonObject jpyOpen
        = call("GET", QStringLiteral("/accounts/%1").arg(m_jpy)).json.value("openAnomalies").toObject();
    QCOMPARE(jpyOpen.value("MEDIUM").toInt(), 0);
    QCOMPARE(jpyOpen.value("HIGH").toInt(), 1);
}

void TestRestServer::anomalies()
{
    const QString t1 = addTransaction(m_eur, -900000, kNow - 7200'000);
    const QString t2 = addTransaction(m_eur, -120, kNow - 3600'000);
    const QString t3 = addTransaction(m_jpy, 99999, kNow - 3600'000);
    Anomaly high;
    high.accountId = m_eur;
    high.transactionId = t1;
    high.score = 0.91;
    high.risk = Risk::High;
    high.detectedAt = kNow - 60'000;
    high.anomalyType = QStringLiteral("amount_spike");
    high.features = QJsonObject {{"amount_z", 7.5}, {"hour", 3}};
    high.explanation = QJsonArray {QJsonObject {{"feature", "amount_z"},
                                                {"contribution", 0.6},
                                                {"value", 7.5},
                                                {"typical", 0.2},
                                                {"text", "Amount far above usual"}}};
    Anomaly medium = high;
    medium.transactionId = t2;
    medium.score = 0.6;
    medium.risk = Risk::Medium;
    medium.detectedAt = kNow - 30'000;
    QVERIFY(m_ledger
                ->storeDetectionResults(m_eur, {{t1, 0.91, Risk::High}, {t2, 0.6, Risk::Medium}}, {high, medium},
                                        std::nullopt)
                .isOk());
    Anomaly other = high;
    other.accountId = m_jpy;
    other.transactionId = t3;
    QVERIFY(m_ledger->storeDetectionResults(m_jpy, {{t3, 0.91, Risk::High}}, {other}, std::nullopt).isOk());

    Response r = call("GET", QStringLiteral("/anomalies"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("items").toArray().size(), 3);
    r = call("GET", QStringLiteral("/anomalies?risk=HIGH&accountId=%1").arg(m_eur));
    QCOMPARE(r.json.value("items").toArray().size(), 1);
    const QJsonObject a = r.json.value("items").toArray().at(0).toObject();
    QCOMPARE(a.value("transactionId").toString(), t1);
    QCOMPARE(a.value("anomalyScore").toDouble(), 0.91);
    QCOMPARE(a.value("risk").toString(), QStringLiteral("HIGH"));
    QCOMPARE(a.value("anomalyType").toString(), QStringLiteral("amount_spike"));
    QCOMPARE(a.value("features").toObject().value("amount_z").toDouble(), 7.5);
    QCOMPARE(a.value("explanation").toArray().at(0).toObject().value("text").toString(),
             QStringLiteral("Amount far above usual"));
    QCOMPARE(a.value("status").toString(), QStringLiteral("open"));
    QCOMPARE(a.value("amountMinor").toInteger(), -900000);

    r = call("GET", QStringLiteral("/anomalies/by-account/%1?limit=1").arg(m_eur));
    QCOMPARE(r.json.value("items").toArray().size(), 1);
    const QString cursor = r.json.value("nextCursor").toString();
    QVERIFY(!cursor.isEmpty());
    r = call("GET", QStringLiteral("/anomalies/by-account/%1?limit=1&cursor=%2").arg(m_eur).arg(cursor));
    QCOMPARE(r.json.value("items").toArray().size(), 1);
    QVERIFY(r.json.value("nextCursor").isNull());
    QCOMPARE(call("GET", QStringLiteral("/anomalies/by-account/99")).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/anomalies?status=open&from=2026-01-15T11:59:00Z"))
                 .json.value("items")
                 .toArray()
                 .size(),
             3);
    QCOMPARE(call("GET", QStringLiteral("/anomalies?status=closed")).status, 422);
    QCOMPARE(call("GET", QStringLiteral("/anomalies?page=2")).status, 400);
    // Enum names in any case, like risk; an unknown account in the filter is an error on the field.
    QCOMPARE(call("GET", QStringLiteral("/anomalies?status=OPEN&risk=high&from=2026-01-15T11:59:00Z"))
                 .json.value("items")
                 .toArray()
                 .size(),
             call("GET", QStringLiteral("/anomalies?status=open&risk=HIGH&from=2026-01-15T11:59:00Z"))
                 .json.value("items")
                 .toArray()
                 .size());
    QCOMPARE(call("GET", QStringLiteral("/anomalies?status=Open")).status, 200);
    r = call("GET", QStringLiteral("/anomalies?accountId=999"));
    QCOMPARE(r.status, 422);
    QVERIFY(r.json.value("fields").toObject().contains(QStringLiteral("accountId")));

    // The transaction shows its score once scored.
    r = call("GET", QStringLiteral("/transactions/") + t1);
    QCOMPARE(r.json.value("risk").toString(), QStringLiteral("HIGH"));
    QCOMPARE(r.json.value("anomalyScore").toDouble(), 0.91);
    QCOMPARE(call("GET", QStringLiteral("/transactions?risk=MEDIUM")).json.value("items").toArray().size(), 1);

    const QString anomalyId = a.value("anomalyId").toString();
    r = call("GET", QStringLiteral("/anomalies/") + anomalyId);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json, a);
    QCOMPARE(call("GET", QStringLiteral("/anomalies/unknown")).status, 404);
}

void TestRestServer::patchAnomaly_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("knownId");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::addRow("confirm") << QByteArray(R"({"status":"confirmed"})") << true << 200 << "confirmed";
    QTest::addRow("dismiss") << QByteArray(R"({"status":"dismissed"})") << true << 200 << "dismissed";
    QTest::addRow("reopen") << QByteArray(R"({"status":"open"})") << true << 200 << "open";
    QTest::addRow("bad status") << QByteArray(R"({"status":"ignored"})") << true << 422 << "open";
    QTest::addRow("no status") << QByteArray(R"({})") << true << 422 << "open";
    QTest::addRow("extra field") << QByteArray(R"({"status":"confirmed","reason":"x"})") << true << 422 << "open";
    QTest::addRow("malformed") << QByteArray(R"({"status":)") << true << 400 << "open";
    QTest::addRow("unknown id") << QByteArray(R"({"status":"confirmed"})") << false << 404 << "open";
}

void TestRestServer::patchAnomaly()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, knownId);
    QFETCH(int, status);
    QFETCH(QString, expected);
    const QString t = addTransaction(m_eur, -5000, kNow - 1000);
    Anomaly a;
    a.accountId = m_eur;
    a.transactionId = t;
    a.score = 0.85;
    a.risk = Risk::High;
    a.anomalyType = QStringLiteral("unusual_hour");
    QVERIFY(m_ledger->storeDetectionResults(m_eur, {{t, 0.85, Risk::High}}, {a}, std::nullopt).isOk());
    const QString id = m_ledger->anomalies({})->items.at(0).id;
    const Response r = call("PATCH", QStringLiteral("/anomalies/") + (knownId ? id : QStringLiteral("nope")), body,
                            {{"Content-Type", "application/json; charset=utf-8"}});
    QVERIFY2(r.status == status, r.body.constData());
    if (status == 200)
        QCOMPARE(r.json.value("status").toString(), expected);
    QCOMPARE(anomalyStatusKey(m_ledger->anomaly(id)->status), expected);
}

void TestRestServer::detectionRunWithoutPipeline()
{
    Response r = call("POST", QStringLiteral("/detection/run"));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.json.value("code").toString(), QStringLiteral("Busy"));
    r = call("POST", QStringLiteral("/detection/run"), R"({"allAccounts":"yes"})",
             {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 422);
    QVERIFY(r.json.value("fields").toObject().contains("allAccounts"));
    r = call("POST", QStringLiteral("/detection/run"), R"({"allAccounts":true})", {{"Content-Type", "text/plain"}});
    QCOMPARE(r.status, 415);
    QCOMPARE(call("GET", QStringLiteral("/detection/run")).status, 405);
}

void TestRestServer::imports()
{
    const QByteArray csv = "Date,Amount,Description,Counterparty,Id\n"
                           "2025-12-01,-12.50,Coffee,Cafe,T1\n"
                           "2025-12-02,1500.00,Salary,ACME,T2\n";
    const QList<QPair<QByteArray, QByteArray>> csvType {{"Content-Type", "text/csv"}};
    const QString path = QStringLiteral("/imports?account=%1").arg(m_eur);
    const auto balance = [&] { return m_ledger->account(m_eur)->balance; };

    // A dry run reports the counts and writes nothing.
    Response r = call("POST", path + QStringLiteral("&dryRun=true"), csv, csvType);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value("rows").toInt(), 2);
    QCOMPARE(r.json.value("imported").toInt(), 2);
    QVERIFY(r.json.value("batchId").isNull());
    QCOMPARE(balance(), 0);
    QCOMPARE(call("GET", QStringLiteral("/imports")).json.value("items").toArray().size(), 0);

    // The import: one batch, the summary of `ledgerguard import --json`.
    r = call("POST", path, csv, csvType);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value("format").toString(), QStringLiteral("csv"));
    QCOMPARE(r.json.value("imported").toInt(), 2);
    QCOMPARE(r.json.value("duplicates").toInt(), 0);
    const QString batch = r.json.value("batchId").toString();
    QVERIFY(!batch.isEmpty());
    const QJsonArray accounts = r.json.value("accounts").toArray();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.at(0).toObject().value("accountId").toInteger(), m_eur);
    QCOMPARE(accounts.at(0).toObject().value("closingBalanceMinor").toInteger(), 148750);
    QCOMPARE(balance(), 148750);

    // Imported transactions carry the statement's id and their batch; others carry null.
    const QString manual = addTransaction(m_eur, -100, kNow - 1000);
    r = call("GET", QStringLiteral("/transactions/by-account/%1?sort=amount&order=asc").arg(m_eur));
    QCOMPARE(r.status, 200);
    const QJsonArray items = r.json.value("items").toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0).toObject().value("externalId").toString(), QStringLiteral("T1"));
    QCOMPARE(items.at(0).toObject().value("importBatch").toString(), batch);
    QCOMPARE(items.at(1).toObject().value("transactionId").toString(), manual);
    QVERIFY(items.at(1).toObject().value("externalId").isNull());
    QVERIFY(items.at(1).toObject().value("importBatch").isNull());
    QCOMPARE(items.at(2).toObject().value("externalId").toString(), QStringLiteral("T2"));

    // The same file again: every row is a duplicate, recorded as its own batch.
    m_clock.setMs(kNow + 60'000);
    r = call("POST", path, csv, csvType);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value("imported").toInt(), 0);
    QCOMPARE(r.json.value("duplicates").toInt(), 2);
    const QString duplicateBatch = r.json.value("batchId").toString();
    QVERIFY(!duplicateBatch.isEmpty() && duplicateBatch != batch);
    QCOMPARE(balance(), 148650);

    // A bad row refuses the file: 422 with the row's line and column, nothing written.
    const QByteArray bad = "Date,Amount,Description,Counterparty,Id\n"
                           "2025-12-03,-1.00,Tea,Cafe,T3\n"
                           "2025-12-04,lots,Bonus,ACME,T4\n";
    r = call("POST", path, bad, csvType);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.json.value("code").toString(), QStringLiteral("InvalidArgument"));
    QCOMPARE(r.json.value("imported").toInt(), 0);
    const QJsonArray errors = r.json.value("errors").toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value("line").toInt(), 3);
    QCOMPARE(errors.at(0).toObject().value("column").toInt(), 12); // the amount field starts at character 12
    QCOMPARE(balance(), 148650);
    QVERIFY2(r.json.value("fields").toObject().value("amount").toString().startsWith(u"line 3, column 12: "),
             r.body.constData());

    // A saved mapping profile by name (the built-in one of LedgerGuard's own export); an unknown one is a bad option.
    const QByteArray exported = "transactionId,externalId,accountId,accountName,timestamp,amount,amountMinor,currency,"
                                "counterparty,category,description\n\"x\",E1,1,"
        + m_ledger->account(m_eur)->name.toUtf8() + ",2025-12-05T10:00:00Z,-2.00,-200,\"EUR\",Shop,other,Pen\n";
    r = call("POST", path + QStringLiteral("&dryRun=true&profile=LedgerGuard%20CSV"), exported, csvType);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value("imported").toInt(), 1);
    r = call("POST", path + QStringLiteral("&dryRun=true&profile=Nope"), csv, csvType);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json.value("fields").toObject().contains("profile"));
    // Messages name this API's parameters, not the command line's flags.
    r = call("POST", QStringLiteral("/imports?account=Nope&dryRun=true"), csv, csvType);
    QCOMPARE(r.status, 422);
    QVERIFY2(r.json.value("fields").toObject().value("account").toString().contains(u"use createAccounts=true"),
             r.body.constData());
    QVERIFY2(!r.body.contains("--"), r.body.constData());
    r = call("POST", QStringLiteral("/imports?dryRun=true"), "date,amount,description\n2025-12-01,-1.00,Tea\n",
             csvType);
    QCOMPARE(r.status, 422);
    QVERIFY2(r.body.contains("the account parameter, or the currency parameter"), r.body.constData());

    // Bad parameters are 400; a body that is no statement type is 415. Without a format, an octet stream's or plain
    // text's content names it (as a browser's upload of a .csv: application/vnd.ms-excel).
    r = call("POST", path + QStringLiteral("&dryRun=true"), csv, {{"Content-Type", "application/octet-stream"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("format").toString(), QStringLiteral("csv"));
    QCOMPARE(call("POST", path + QStringLiteral("&dryRun=true"), csv, {{"Content-Type", "text/plain; charset=utf-8"}})
                 .status,
             200);
    QCOMPARE(
        call("POST", path + QStringLiteral("&dryRun=true"), csv, {{"Content-Type", "application/vnd.ms-excel"}}).status,
        200);
    r = call("POST", path + QStringLiteral("&dryRun=yes"), csv, csvType);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json.value("fields").toObject().contains("dryRun"));
    QCOMPARE(call("POST", path + QStringLiteral("&bogus=1"), csv, csvType).status, 400);
    QCOMPARE(call("POST", path, csv, {{"Content-Type", "application/json"}}).status, 415);
    // A compressed body and a form are refused, the form with how to send the file; a currency code that is none and
    // a header line that is no plain number are bad options (400 BadRequest, as every bad option).
    QCOMPARE(call("POST", path, csv, {{"Content-Type", "text/csv"}, {"Content-Encoding", "gzip"}}).status, 415);
    r = call("POST", path, csv, {{"Content-Type", "multipart/form-data; boundary=x"}});
    QCOMPARE(r.status, 415);
    QVERIFY2(r.json.value("error").toString().contains(QStringLiteral("--data-binary")),
             qPrintable(r.json.value("error").toString()));
    r = call("POST", path + QStringLiteral("&currency=EURO"), csv, csvType);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value("code").toString(), QStringLiteral("BadRequest"));
    QVERIFY(r.json.value("fields").toObject().contains("currency"));
    QCOMPARE(call("POST", path + QStringLiteral("&headerLine=%2B5"), csv, csvType).status, 400);
    r = call("POST", path + QStringLiteral("&dryRun=yes"), csv, csvType);
    QCOMPARE(r.json.value("code").toString(), QStringLiteral("BadRequest"));
    // An OFX file cut off inside a value imports nothing (422 naming the file).
    r = call("POST", QStringLiteral("/imports?createAccounts=true&currency=EUR"),
             "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR"
             "<BANKACCTFROM><ACCTID>CUT1</BANKACCTFROM><BANKTRANLIST><STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20251201"
             "<TRNAMT>1500.00<FITID>202",
             {{"Content-Type", "application/x-ofx"}});
    QCOMPARE(r.status, 422);
    QVERIFY2(r.json.value("error").toString().contains(QStringLiteral("cut off")),
             qPrintable(r.json.value("error").toString()));
    m_clock.setMs(kNow + 120'000);
    r = call("POST", path + QStringLiteral("&format=csv"), csv, {{"Content-Type", "application/octet-stream"}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value("duplicates").toInt(), 2);

    // The batches, newest first.
    r = call("GET", QStringLiteral("/imports"));
    QCOMPARE(r.status, 200);
    QJsonArray batches = r.json.value("items").toArray();
    QCOMPARE(batches.size(), 3);
    QCOMPARE(batches.at(1).toObject().value("batchId").toString(), duplicateBatch);
    QCOMPARE(batches.at(2).toObject().value("batchId").toString(), batch);
    QCOMPARE(batches.at(2).toObject().value("imported").toInt(), 2);
    QVERIFY(batches.at(2).toObject().value("undoneAt").isNull());

    // Undo restores the balance; a second undo conflicts; an unknown batch is 404.
    r = call("DELETE", QStringLiteral("/imports/%1").arg(batch));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("batchId").toString(), batch);
    QVERIFY(r.json.value("undoneAt").isString());
    QCOMPARE(balance(), -100);
    QCOMPARE(call("GET", QStringLiteral("/transactions/by-account/%1").arg(m_eur)).json.value("items").toArray().size(),
             1);
    QCOMPARE(call("DELETE", QStringLiteral("/imports/%1").arg(batch)).status, 409);
    QCOMPARE(call("DELETE", QStringLiteral("/imports/0190f3a2-0000-7000-8000-000000000000")).status, 404);
    batches = call("GET", QStringLiteral("/imports")).json.value("items").toArray();
    QVERIFY(batches.at(2).toObject().value("undoneAt").isString());
}

void TestRestServer::importOfBrokenFiles()
{
    // A file refused as a whole is the client's error: 422 with the summary (nothing imported) and the error in
    // `errors` with its line and column, never a 500; the ledger is unchanged.
    const QString path = QStringLiteral("/imports?account=%1").arg(m_eur);
    struct Case
    {
        const char* contentType;
        QByteArray body;
        int line; // expected line of the error, 0 when the parser names none
        QString field;
    };
    const QList<Case> cases {
        {"text/csv", "Date,Amount,Description\n2025-12-01,-1.00,\"Tea\n2025-12-02,-2.00,Cake\n", 2,
         QStringLiteral("file")},
        {"application/xml",
         "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n"
         "<BkToCstmrStmt><Stmt><Ntry><Amt Ccy=\"EUR\">1.00</Amt>\n</Stmt>",
         4, QStringLiteral("file")},
        {"text/csv", "Amount,Description\n-1.00,Tea\n", 0, QStringLiteral("date")},
    };
    for (const Case& c : cases) {
        const Response r = call("POST", path, c.body, {{"Content-Type", c.contentType}});
        QVERIFY2(r.status == 422, r.body.constData());
        QCOMPARE(r.json.value("code").toString(), QStringLiteral("InvalidArgument"));
        QCOMPARE(r.json.value("imported").toInt(), 0);
        QVERIFY(r.json.value("batchId").isNull());
        const QJsonArray errors = r.json.value("errors").toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).toObject().value("line").toInt(), c.line);
        QVERIFY(!errors.at(0).toObject().value("message").toString().isEmpty());
        QVERIFY2(r.json.value("fields").toObject().contains(c.field), r.body.constData());
    }
    // An encoding without a converter names the encoding.
    const Response r = call("POST", path + QStringLiteral("&encoding=x-no-such-charset"),
                            "Date,Amount,Description\n2025-12-01,-1.00,Tea\n", {{"Content-Type", "text/csv"}});
    QVERIFY2(r.status == 422, r.body.constData());
    QVERIFY(r.json.value("fields").toObject().contains("encoding"));
    QCOMPARE(m_ledger->account(m_eur)->balance, 0);
    QCOMPARE(call("GET", QStringLiteral("/imports")).json.value("items").toArray().size(), 0);
}

void TestRestServer::importStartsDetection()
{
    DetectionPipeline pipeline(*m_ledger);
    m_server = std::make_unique<RestServer>(*m_ledger, &pipeline);
    RestServer::Options options;
    options.port = 0;
    QVERIFY(m_server->start(options).isOk());
    QByteArray csv = "Date,Amount,Description,Counterparty,Id\n";
    for (int i = 0; i < 40; ++i)
        csv += QStringLiteral("2025-11-%1,-%2.00,Payment,ACME,R%3\n").arg(1 + i % 28).arg(10 + i).arg(i).toUtf8();
    QSignalSpy finished(&pipeline, &DetectionPipeline::runFinished);
    const Response r
        = call("POST", QStringLiteral("/imports?account=%1").arg(m_eur), csv, {{"Content-Type", "text/csv"}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value("imported").toInt(), 40);
    QVERIFY(finished.wait(30000) || finished.count() > 0);
    pipeline.waitForFinished();
    QVERIFY(!m_ledger->account(m_eur)->isStale);
    m_server.reset(); // before the pipeline it points to
}

void TestRestServer::detectionRunAndSchedulerInHealth()
{
    for (int i = 0; i < 40; ++i)
        addTransaction(m_eur, (i % 2 ? 1 : -1) * (1000 + 37 * i), kNow - (40 - i) * 3600'000);
    DetectionPipeline pipeline(*m_ledger);
    Scheduler scheduler(nullptr, &pipeline, m_clock);
    scheduler.setInterval(Scheduler::Job::Generator, 0);
    m_server = std::make_unique<RestServer>(*m_ledger, &pipeline, &scheduler);
    RestServer::Options options;
    options.port = 0;
    QVERIFY(m_server->start(options).isOk());

    Response health = call("GET", QStringLiteral("/health"));
    QVERIFY(health.json.value("lastDetectionRun").isNull());
    QCOMPARE(health.json.value("detector").toObject().value("intervalSeconds").toInt(),
             Scheduler::kDefaultDetectorIntervalS);
    QCOMPARE(health.json.value("generator").toObject().value("intervalSeconds").toInt(), 0);

    QSignalSpy finished(&pipeline, &DetectionPipeline::runFinished);
    const Response r = call("POST", QStringLiteral("/detection/run"), R"({"allAccounts":true})",
                            {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 202);
    QCOMPARE(r.json.value("allAccounts").toBool(), true);
    QVERIFY(finished.wait(30000) || finished.count() > 0);
    pipeline.waitForFinished();

    // While a run is in progress another start is refused with 409. Another connection holds the write lock, so
    // the run cannot finish (it waits on the busy timeout) until the lock is released: a new transaction makes the
    // account stale, so that the run has scores to write (a run with nothing to write would not wait for the lock).
    addTransaction(m_eur, -4321, kNow - 600'000);
    {
        test::WriteLockHolder lock(m_ledger->database()->path());
        QVERIFY(lock.isHeld());
        QCOMPARE(call("POST", QStringLiteral("/detection/run")).status, 202);
        const Response again = call("POST", QStringLiteral("/detection/run"));
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json.value("code").toString(), QStringLiteral("Conflict"));
        QVERIFY(call("GET", QStringLiteral("/health")).json.value("detectionRunning").toBool());
    }
    pipeline.waitForFinished();
    QTRY_VERIFY(call("GET", QStringLiteral("/health")).json.value("lastDetectionRun").isObject());
    health = call("GET", QStringLiteral("/health"));
    QCOMPARE(health.json.value("lastDetectionRun").toObject().value("finishedAt").toString(),
             QStringLiteral("2026-01-15T12:00:00.000Z"));
    m_server.reset(); // before the pipeline and scheduler it points to
}

void TestRestServer::busyLedgerIs503()
{
    // Another process holds the write lock longer than the busy timeout: writes answer 503, reads still work.
    Database::Options short_;
    short_.busyTimeoutMs = 200;
    auto database = Database::open(m_ledger->database()->path(), short_);
    QVERIFY(database);
    Ledger ledger(*database, m_clock);
    m_server = std::make_unique<RestServer>(ledger);
    RestServer::Options options;
    options.port = 0;
    QVERIFY(m_server->start(options).isOk());
    {
        test::WriteLockHolder lock(m_ledger->database()->path());
        QVERIFY(lock.isHeld());
        const Response r
            = postJson(QStringLiteral("/transactions"),
                       QJsonObject {{"accountId", m_eur}, {"amount", 1}, {"description", "x"}, {"category", "fees"}});
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json.value("code").toString(), QStringLiteral("Busy"));
        QCOMPARE(call("GET", QStringLiteral("/accounts/%1").arg(m_eur)).status, 200);
    }
    QCOMPARE(*ledger.countTransactions({}), 0);
    m_server.reset(); // before the ledger it points to
}

void TestRestServer::httpErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allow");
    QTest::addRow("unknown path") << QByteArray("GET") << "/nowhere" << QByteArray() << QByteArray() << 404
                                  << QByteArray();
    QTest::addRow("trailing slash") << QByteArray("GET") << "/accounts/" << QByteArray() << QByteArray() << 404
                                    << QByteArray();
    QTest::addRow("delete account") << QByteArray("DELETE") << "/accounts/1" << QByteArray() << QByteArray() << 405
                                    << QByteArray("GET, PUT, HEAD");
    QTest::addRow("patch accounts") << QByteArray("PATCH") << "/accounts" << QByteArray("{}")
                                    << QByteArray("application/json") << 405 << QByteArray("GET, POST, HEAD");
    QTest::addRow("put transactions") << QByteArray("PUT") << "/transactions" << QByteArray("{}")
                                      << QByteArray("application/json") << 405 << QByteArray("GET, POST, HEAD");
    QTest::addRow("post health") << QByteArray("POST") << "/health" << QByteArray() << QByteArray() << 405
                                 << QByteArray("GET, HEAD");
    QTest::addRow("trace health") << QByteArray("TRACE") << "/health" << QByteArray() << QByteArray() << 405
                                  << QByteArray("GET, HEAD");
    QTest::addRow("trace account") << QByteArray("TRACE") << "/accounts/1" << QByteArray() << QByteArray() << 405
                                   << QByteArray("GET, PUT, HEAD");
    QTest::addRow("trace nowhere") << QByteArray("TRACE") << "/nowhere" << QByteArray() << QByteArray() << 404
                                   << QByteArray();
    QTest::addRow("options") << QByteArray("OPTIONS") << "/transactions" << QByteArray() << QByteArray() << 204
                             << QByteArray("GET, POST, HEAD");
    QTest::addRow("no content type") << QByteArray("POST") << "/transactions" << QByteArray("{}") << QByteArray() << 415
                                     << QByteArray();
    QTest::addRow("form content type") << QByteArray("POST") << "/transactions" << QByteArray("a=b")
                                       << QByteArray("application/x-www-form-urlencoded") << 415 << QByteArray();
    QTest::addRow("malformed json") << QByteArray("POST") << "/transactions" << QByteArray("{\"a\":}")
                                    << QByteArray("application/json") << 400 << QByteArray();
    QTest::addRow("empty json body") << QByteArray("POST") << "/transactions" << QByteArray()
                                     << QByteArray("application/json") << 400 << QByteArray();
    QTest::addRow("health query") << QByteArray("GET") << "/health?verbose=1" << QByteArray() << QByteArray() << 400
                                  << QByteArray();
}

// HEAD answers as GET would, without the body; on a route without GET it is refused like any other method.
void TestRestServer::headIsGetWithoutBody()
{
    const Response get = call("GET", QStringLiteral("/accounts"));
    QCOMPARE(get.status, 200);
    QVERIFY(!get.body.isEmpty());
    QNetworkRequest request(QUrl(m_server->url() + QStringLiteral("/accounts")));
    QNetworkReply* reply = m_nam.head(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().isEmpty());
    QCOMPARE(reply->rawHeader("Content-Length"), QByteArray::number(get.body.size()));
    QVERIFY(reply->rawHeader("Content-Type").startsWith("application/json"));
    reply->deleteLater();

    QNetworkReply* refused = m_nam.head(QNetworkRequest(QUrl(m_server->url() + QStringLiteral("/labels"))));
    connect(refused, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!refused->isFinished())
        loop.exec();
    QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    QVERIFY(refused->readAll().isEmpty());
    QVERIFY(!refused->rawHeader("Allow").contains("HEAD"));
    refused->deleteLater();
    // The connection is still usable after both (no body bytes were left for the client to misread).
    QCOMPARE(call("GET", QStringLiteral("/accounts")).body, get.body);
}

void TestRestServer::httpErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QByteArray, allow);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const Response r = call(method, path, body, headers);
    QVERIFY2(r.status == status, r.body.constData());
    if (!allow.isEmpty())
        QCOMPARE(r.header("Allow"), allow);
    if (status != 204) {
        QVERIFY(!r.json.value("error").toString().isEmpty());
        QVERIFY(!r.json.value("code").toString().isEmpty());
    }
}

void TestRestServer::bodyLimit()
{
    QByteArray big = R"({"accountId":1,"amount":1,"category":"tax","description":")";
    big += QByteArray(70'000, 'x') + "\"}";
    Response r = call("POST", QStringLiteral("/transactions"), big, {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 413);
    QCOMPARE(*m_ledger->countTransactions({}), 0);

    RestServer::Options options;
    options.port = 0;
    options.maxBodyBytes = 64;
    QVERIFY(m_server->start(options).isOk());
    r = call("PATCH", QStringLiteral("/anomalies/x"), QByteArray(65, ' '), {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 413);
    r = call("PATCH", QStringLiteral("/anomalies/x"), R"({"status":"open"})", {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 404);
}

void TestRestServer::token_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addRow("none") << QByteArray() << 401;
    QTest::addRow("wrong") << QByteArray("Bearer wrong-token") << 401;
    QTest::addRow("prefix of the token") << QByteArray("Bearer s3cr") << 401;
    QTest::addRow("longer than the token") << QByteArray("Bearer s3cret-tokenX") << 401;
    // Same length as the token ("s3cret-token"), one byte different: a comparison that checks only the length, or
    // skips the first, a middle or the last byte, accepts one of these.
    QTest::addRow("same length, first byte differs") << QByteArray("Bearer t3cret-token") << 401;
    QTest::addRow("same length, middle byte differs") << QByteArray("Bearer s3creu-token") << 401;
    QTest::addRow("same length, last byte differs") << QByteArray("Bearer s3cret-tokem") << 401;
    QTest::addRow("basic scheme") << QByteArray("Basic czNjcmV0LXRva2Vu") << 401;
    QTest::addRow("right") << QByteArray("Bearer s3cret-token") << 200;
    QTest::addRow("scheme case-insensitive") << QByteArray("bearer s3cret-token") << 200;
}

void TestRestServer::token()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    RestServer::Options options;
    options.port = 0;
    options.token = QStringLiteral("s3cret-token");
    QVERIFY(m_server->start(options).isOk());
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    for (const QString& path : {QStringLiteral("/health"), QStringLiteral("/accounts")}) {
        const Response r = call("GET", path, {}, headers);
        QCOMPARE(r.status, status);
        if (status == 401) {
            QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer"));
            QCOMPARE(r.json.value("code").toString(), QStringLiteral("Unauthorized"));
        }
    }
    // A write without the token changes nothing.
    const Response post = call("POST", QStringLiteral("/transactions"),
                               R"({"accountId":1,"amount":1,"description":"x","category":"tax"})",
                               headers + QList<QPair<QByteArray, QByteArray>> {{"Content-Type", "application/json"}});
    QCOMPARE(post.status, status == 200 ? 201 : 401);
    QCOMPARE(*m_ledger->countTransactions({}), status == 200 ? 1 : 0);
}

void TestRestServer::hostHeader_data()
{
    QTest::addColumn<QByteArray>("host"); // %1 = the server's port
    QTest::addColumn<int>("status");
    QTest::addRow("127.0.0.1") << QByteArray("127.0.0.1:%1") << 200;
    QTest::addRow("localhost") << QByteArray("localhost:%1") << 200;
    QTest::addRow("LOCALHOST") << QByteArray("LOCALHOST:%1") << 200;
    QTest::addRow("ipv6 loopback") << QByteArray("[::1]:%1") << 200;
    QTest::addRow("no port") << QByteArray("localhost") << 200;
    QTest::addRow("rebinding name") << QByteArray("evil.example:%1") << 421;
    QTest::addRow("localhost suffix") << QByteArray("localhost.evil.example:%1") << 421;
    QTest::addRow("other port") << QByteArray("127.0.0.1:1") << 421;
    QTest::addRow("lan address") << QByteArray("192.168.1.10:%1") << 421;
    QTest::addRow("empty") << QByteArray("") << 421;
    QTest::addRow("garbage port") << QByteArray("localhost:http") << 421;
}

void TestRestServer::hostHeader()
{
    QFETCH(QByteArray, host);
    QFETCH(int, status);
    const QByteArray value = QByteArray(host).replace("%1", QByteArray::number(m_server->port()));
    const QByteArray response = rawRequest("GET /health HTTP/1.1\r\nHost: " + value + "\r\n\r\n");
    QVERIFY2(response.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + " ")), response.constData());
    const QByteArray body = response.mid(response.indexOf("\r\n\r\n") + 4);
    QVERIFY(QJsonDocument::fromJson(body).isObject());
    if (status == 421)
        QCOMPARE(QJsonDocument::fromJson(body).object().value("code").toString(), QStringLiteral("MisdirectedRequest"));
}

void TestRestServer::originHeader()
{
    const QByteArray own = "http://127.0.0.1:" + QByteArray::number(m_server->port());
    QCOMPARE(call("GET", QStringLiteral("/accounts"), {}, {{"Origin", own}}).status, 200);
    Response r = call("GET", QStringLiteral("/accounts"), {}, {{"Origin", "https://evil.example"}});
    QCOMPARE(r.status, 403);
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
    r = call("POST", QStringLiteral("/transactions"),
             R"({"accountId":1,"amount":1,"description":"x","category":"tax"})",
             {{"Origin", "null"}, {"Content-Type", "application/json"}});
    QCOMPARE(r.status, 403);
    QCOMPARE(*m_ledger->countTransactions({}), 0);
}

void TestRestServer::pipelinedRequestsKeepOrder()
{
    // Three requests in one write: a pool-thread read, an owner-thread answer and an error must come back in order.
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(m_server->port()) + "\r\n";
    const QByteArray response = rawRequest("GET /accounts/1 HTTP/1.1\r\n" + host + "\r\n" + "GET /health HTTP/1.1\r\n"
                                               + host + "\r\n" + "GET /nowhere HTTP/1.1\r\n" + host + "\r\n",
                                           3);
    const qsizetype first = response.indexOf("HTTP/1.1 200");
    const qsizetype second = response.indexOf("HTTP/1.1 200", first + 1);
    const qsizetype third = response.indexOf("HTTP/1.1 404");
    QVERIFY2(first == 0 && second > first && third > second, response.constData());
    QVERIFY(response.indexOf("\"accountName\"") < second);
    QVERIFY(response.indexOf("\"schemaVersion\"") > second && response.indexOf("\"schemaVersion\"") < third);
}

void TestRestServer::concurrentPostsExactBalance()
{
    constexpr int kClients = 4;
    constexpr int kPerClient = 50;
    std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
    int finished = 0, created = 0;
    qint64 expected = 0;
    QEventLoop loop;
    for (int c = 0; c < kClients; ++c) {
        clients.push_back(std::make_unique<QNetworkAccessManager>());
        for (int i = 0; i < kPerClient; ++i) {
            // Amounts with cents that doubles cannot hold exactly, given as numbers and as strings.
            const qint64 minor = (c + 1) * 1000 + i * 7 + 1 - (i % 3 == 0 ? 5000 : 0);
            expected += minor;
            QJsonObject body {{"accountId", m_eur},
                              {"description", QStringLiteral("client %1 #%2").arg(c).arg(i)},
                              {"category", "transfer"}};
            if (i % 2)
                body.insert("amount", Money(minor, QStringLiteral("EUR")).toDecimalString());
            else
                body.insert("amount", api::majorUnits(minor, QStringLiteral("EUR")));
            QNetworkRequest request(QUrl(m_server->url() + QStringLiteral("/transactions")));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            QNetworkReply* reply = clients.back()->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
            connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
                    ++created;
                reply->deleteLater();
                if (++finished == kClients * kPerClient)
                    loop.quit();
            });
        }
    }
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
    loop.exec();
    QCOMPARE(finished, kClients * kPerClient);
    QCOMPARE(created, kClients * kPerClient);
    const auto account = m_ledger->account(m_eur);
    QCOMPARE(account->transactionCount, kClients * kPerClient);
    QCOMPARE(account->balance, expected);
    QCOMPARE(*m_ledger->sumOfTransactions(m_eur), expected);
    const Response r = call("GET", QStringLiteral("/accounts/%1").arg(m_eur));
    QCOMPARE(r.json.value("currentBalanceMinor").toInteger(), expected);
    QCOMPARE(r.json.value("currentBalance").toDouble(), api::majorUnits(expected, QStringLiteral("EUR")));
}

namespace {
QStringList g_accessLines;
QtMessageHandler g_previousHandler = nullptr;
void captureAccessLog(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (context.category && qstrcmp(context.category, "ledgerguard.api.access") == 0)
        g_accessLines.append(message);
    else if (g_previousHandler)
        g_previousHandler(type, context, message);
}
} // namespace

void TestRestServer::accessLog()
{
    QLoggingCategory::setFilterRules(QStringLiteral("ledgerguard.api=false"));
    g_accessLines.clear();
    g_previousHandler = qInstallMessageHandler(captureAccessLog);
    call("GET", QStringLiteral("/accounts/1?"), {}, {{"Authorization", "Bearer not-logged"}});
    call("GET", QStringLiteral("/nowhere"));
    qInstallMessageHandler(g_previousHandler);
    QLoggingCategory::setFilterRules(QStringLiteral("ledgerguard.api.access=false\nledgerguard.api=false"));
    QCOMPARE(g_accessLines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(g_accessLines.at(0).toUtf8()).object();
    QCOMPARE(first.value("method").toString(), QStringLiteral("GET"));
    QCOMPARE(first.value("path").toString(), QStringLiteral("/accounts/1"));
    QCOMPARE(first.value("status").toInt(), 200);
    QCOMPARE(first.value("remote").toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(first.value("ms").toDouble() >= 0);
    QVERIFY(first.value("bytes").toInt() > 0);
    QVERIFY(!g_accessLines.at(0).contains(QLatin1String("not-logged")));
    QCOMPARE(QJsonDocument::fromJson(g_accessLines.at(1).toUtf8()).object().value("status").toInt(), 404);
}

void TestRestServer::startErrors()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    RestServer::Options options;
    options.port = blocker.serverPort();
    QSignalSpy spy(m_server.get(), &RestServer::listeningChanged);
    const Status s = m_server->start(options);
    QVERIFY(s.isInvalidArgument());
    QCOMPARE(s.field(), QStringLiteral("port"));
    QVERIFY(!m_server->isListening());
    QCOMPARE(m_server->port(), quint16(0));
    QVERIFY(m_server->url().isEmpty());
    options.port = 0;
    options.maxBodyBytes = 0;
    QCOMPARE(m_server->start(options).field(), QStringLiteral("maxBodyBytes"));
    options.maxBodyBytes = 1024;
    QVERIFY(m_server->start(options).isOk());
    QVERIFY(m_server->url().startsWith(QLatin1String("http://127.0.0.1:")));
    m_server->stop();
    QVERIFY(!m_server->isListening());
    QVERIFY(spy.count() >= 2);
}

void TestRestServer::generateToken()
{
    const QString a = RestServer::generateToken();
    const QString b = RestServer::generateToken();
    QCOMPARE(a.size(), 43);
    QVERIFY(a != b);
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]+$")).match(a).hasMatch());
}

void TestRestServer::jsonDecimal_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("cents") << qint64(123456) << "EUR" << QByteArray("1234.56");
    QTest::addRow("trailing zero") << qint64(123450) << "EUR" << QByteArray("1234.5");
    QTest::addRow("whole") << qint64(100) << "EUR" << QByteArray("1");
    QTest::addRow("zero") << qint64(0) << "EUR" << QByteArray("0");
    QTest::addRow("small negative") << qint64(-5) << "EUR" << QByteArray("-0.05");
    QTest::addRow("negative whole") << qint64(-300) << "EUR" << QByteArray("-3");
    QTest::addRow("JPY") << qint64(-1500) << "JPY" << QByteArray("-1500");
    QTest::addRow("BHD") << qint64(1005) << "BHD" << QByteArray("1.005");
    QTest::addRow("BHD tenth") << qint64(100) << "BHD" << QByteArray("0.1");
    QTest::addRow("large") << qint64(999999999999) << "EUR" << QByteArray("9999999999.99");
    QTest::addRow("min") << std::numeric_limits<qint64>::min() << "EUR" << QByteArray("-92233720368547758.08");
}

void TestRestServer::jsonDecimal()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QByteArray, json);
    QByteArray out;
    api::JsonWriter w(&out);
    w.decimal(minor, Money::decimalsFor(currency));
    QCOMPARE(out, json);
    // The same value as the exact decimal string, read as a double.
    QCOMPARE(out.toDouble(), api::majorUnits(minor, currency));
}

void TestRestServer::jsonStringsAndTimes()
{
    const QString text = QStringLiteral("quote \" backslash \\ newline \n tab \t bell \a del \x7f é € 😀 ")
        + QChar(0xD800) + QStringLiteral(" end");
    QByteArray out;
    api::JsonWriter w(&out);
    w.beginObject();
    w.key("s");
    w.string(text);
    w.key("t");
    w.timestamp(kNow);
    w.key("old");
    w.timestamp(-1);
    w.key("leap");
    w.timestamp(951782400000 + 86'399'999); // 2000-02-29T23:59:59.999Z
    w.key("n");
    w.number(0.1);
    w.key("a");
    w.beginArray();
    w.integer(1);
    w.null();
    w.boolean(false);
    w.endArray();
    w.endObject();
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, out.constData());
    QString expected = text;
    expected.replace(QChar(0xD800), QChar(0xFFFD)); // a lone surrogate becomes U+FFFD
    QCOMPARE(o.value("s").toString(), expected);
    QCOMPARE(o.value("t").toString(), QStringLiteral("2026-01-15T12:00:00.000Z"));
    QCOMPARE(o.value("old").toString(), QStringLiteral("1969-12-31T23:59:59.999Z"));
    QCOMPARE(o.value("leap").toString(), QStringLiteral("2000-02-29T23:59:59.999Z"));
    QCOMPARE(o.value("n").toDouble(), 0.1);
    QCOMPARE(o.value("a").toArray(), (QJsonArray {1, QJsonValue(), false}));
    QCOMPARE(api::isoUtc(0), QStringLiteral("1970-01-01T00:00:00.000Z"));

    // And through the API: a description with every kind of character comes back unchanged.
    const QString description = QStringLiteral("Caf\u00e9 \"Zur Post\" \\ 2\u20ac \U0001F600 \u05e9\u200f");
    const Response created = postJson(
        QStringLiteral("/transactions"),
        QJsonObject {{"accountId", m_eur}, {"amountMinor", -250}, {"description", description}, {"category", "fees"}});
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json.value("description").toString(), description);
    QCOMPARE(call("GET", QStringLiteral("/transactions/") + created.json.value("transactionId").toString())
                 .json.value("description")
                 .toString(),
             description);
}

// Case decisions over HTTP: PATCH status/note/assignee by the token's name, the history, filters, labels one by one
// and in bulk (JSON and CSV), and their 422s.
void TestRestServer::decisions()
{
    m_server->stop();
    RestServer::Options options;
    options.port = 0;
    options.token = QStringLiteral("plain-token");
    options.namedTokens = {{QStringLiteral("alice"), QStringLiteral("alice-secret")}};
    QVERIFY(m_server->start(options).isOk());
    const QList<QPair<QByteArray, QByteArray>> alice {{"Authorization", "Bearer alice-secret"},
                                                      {"Content-Type", "application/json"}};
    const QList<QPair<QByteArray, QByteArray>> plain {{"Authorization", "Bearer plain-token"},
                                                      {"Content-Type", "application/json"}};
    const QString t1 = addTransaction(m_eur, -5000, kNow - 1000);
    const QString t2 = addTransaction(m_eur, -700, kNow - 2000);
    const QString t3 = addTransaction(m_eur, -800, kNow - 3000);
    Anomaly a;
    a.accountId = m_eur;
    a.transactionId = t1;
    a.score = 0.85;
    a.risk = Risk::High;
    QVERIFY(m_ledger->storeDetectionResults(m_eur, {{t1, 0.85, Risk::High}}, {a}, std::nullopt).isOk());
    const QString id = m_ledger->anomalyForTransaction(t1)->id;
    const QString path = QStringLiteral("/anomalies/") + id;

    QCOMPARE(call("PATCH", path, R"({"note":"x"})", {{"Content-Type", "application/json"}}).status, 401);
    Response r = call("PATCH", path, R"({"status":"dismissed","note":"known supplier","assignee":"bob"})", alice);
    QVERIFY2(r.status == 200, r.body.constData());
    // On PostgreSQL the database login is recorded beside the token's name (Database::recordedActor).
    const auto by = [&](const char* actor) { return m_ledger->database()->recordedActor(QString::fromLatin1(actor)); };
    QCOMPARE(r.json.value("decidedBy").toString(), by("alice"));
    QCOMPARE(r.json.value("assignee").toString(), QStringLiteral("bob"));
    QCOMPARE(r.json.value("firstScore").toDouble(), 0.85);
    r = call("PATCH", path, R"({"note":"called them"})", plain);
    QCOMPARE(r.status, 200);
    r = call("PATCH", path, R"({"status":"maybe"})", alice);
    QCOMPARE(r.status, 422);
    QVERIFY(r.json.value("fields").toObject().contains("status"));
    r = call("PATCH", path,
             QStringLiteral(R"({"note":"%1"})").arg(QString(kMaxNoteLength + 1, QLatin1Char('n'))).toUtf8(), alice);
    QCOMPARE(r.status, 422);
    QVERIFY(r.json.value("fields").toObject().contains("note"));
    QCOMPARE(call("PATCH", path, R"({})", alice).status, 422);

    r = call("GET", path + QStringLiteral("/history"), {}, alice);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value("scores").toArray().size(), 1);
    const QJsonArray audit = r.json.value("audit").toArray();
    QCOMPARE(audit.size(), 4); // detected, status, assignee, note
    QCOMPARE(audit[1].toObject().value("actor").toString(), by("alice"));
    QCOMPARE(audit[1].toObject().value("to").toString(), QStringLiteral("dismissed"));
    QCOMPARE(audit[3].toObject().value("actor").toString(), by("api"));
    QCOMPARE(r.json.value("notes").toArray().size(), 2);
    QCOMPARE(call("GET", QStringLiteral("/anomalies/nope/history"), {}, alice).status, 404);

    QCOMPARE(call("GET", QStringLiteral("/anomalies?assignee=bob"), {}, alice).json.value("items").toArray().size(), 1);
    QCOMPARE(call("GET", QStringLiteral("/anomalies?q=called"), {}, alice).json.value("items").toArray().size(), 1);
    QCOMPARE(call("GET", QStringLiteral("/anomalies?status=cleared"), {}, alice).json.value("items").toArray().size(),
             0);

    r = call("POST", QStringLiteral("/transactions/%1/label").arg(t2), R"({"label":"fraud","note":"chargeback"})",
             alice);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value("source").toString(), QStringLiteral("analyst"));
    QCOMPARE(r.json.value("status").toString(), QStringLiteral("confirmed"));
    QVERIFY(r.json.value("anomalyScore").isNull());
    QCOMPARE(call("POST", QStringLiteral("/transactions/nope/label"), R"({"label":"fraud"})", alice).status, 404);
    r = call("POST", QStringLiteral("/transactions/%1/label").arg(t2), R"({"label":"maybe"})", alice);
    QCOMPARE(r.status, 422);
    QVERIFY(r.json.value("fields").toObject().contains("label"));

    r = call("POST", QStringLiteral("/labels"),
             QStringLiteral(R"([{"transactionId":"%1","label":"normal"},{"transactionId":"%2","label":"fraud",)"
                            R"("decidedAt":"2026-01-15T10:00:00Z"}])")
                 .arg(t2, t3)
                 .toUtf8(),
             alice);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value("labelled").toInt(), 2);
    QCOMPARE(r.json.value("created").toInt(), 1);
    QCOMPARE(r.json.value("updated").toInt(), 1);
    r = call("POST", QStringLiteral("/labels"), R"([{"transactionId":"nope","label":"fraud"}])", alice);
    QCOMPARE(r.status, 422);
    QVERIFY(r.json.value("fields").toObject().contains("[0].transactionId"));
    QCOMPARE(call("POST", QStringLiteral("/labels"), R"({"label":"fraud"})", alice).status, 400);

    const QList<QPair<QByteArray, QByteArray>> csv {{"Authorization", "Bearer alice-secret"},
                                                    {"Content-Type", "text/csv"}};
    r = call("POST", QStringLiteral("/labels"),
             QStringLiteral("transactionId,label,note\n%1,normal,refunded\n").arg(t3).toUtf8(), csv);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value("updated").toInt(), 1);
    r = call("POST", QStringLiteral("/labels"), QStringLiteral("transactionId,label\n%1,maybe\n").arg(t3).toUtf8(),
             csv);
    QCOMPARE(r.status, 422);
    const QJsonObject error = r.json.value("errors").toArray().at(0).toObject();
    QCOMPARE(error.value("line").toInt(), 2);
    QCOMPARE(error.value("column").toString(), QStringLiteral("label"));
    QCOMPARE(r.json.value("code").toString(), QStringLiteral("InvalidArgument"));
    QVERIFY(!r.json.value("error").toString().isEmpty());
    QVERIFY2(r.json.value("fields").toObject().value("label").toString().startsWith(QLatin1String("line 2: ")),
             r.body.constData());
    QCOMPARE(m_ledger->anomalyForTransaction(t3)->status, AnomalyStatus::Dismissed);
    QCOMPARE(m_ledger->anomalyForTransaction(t3)->decidedBy, by("alice"));
}

void TestRestServer::everyRouteIsDocumented()
{
    // Each documented operation answers (not 404-for-no-route / 405), and each served route is documented.
    const QJsonObject doc = call("GET", QStringLiteral("/openapi.json")).json;
    const QJsonObject paths = doc.value("paths").toObject();
    const QStringList expected = {QStringLiteral("/health"),
                                  QStringLiteral("/openapi.json"),
                                  QStringLiteral("/accounts"),
                                  QStringLiteral("/accounts/{id}"),
                                  QStringLiteral("/transactions"),
                                  QStringLiteral("/transactions/{id}"),
                                  QStringLiteral("/transactions/by-account/{id}"),
                                  QStringLiteral("/anomalies"),
                                  QStringLiteral("/anomalies/{id}"),
                                  QStringLiteral("/anomalies/by-account/{id}"),
                                  QStringLiteral("/detection/run"),
                                  QStringLiteral("/imports"),
                                  QStringLiteral("/imports/{id}"),
                                  QStringLiteral("/anomalies/{id}/history"),
                                  QStringLiteral("/transactions/{id}/label"),
                                  QStringLiteral("/labels"),
                                  QStringLiteral("/accounts/{id}/close"),
                                  QStringLiteral("/accounts/{id}/reopen"),
                                  QStringLiteral("/transactions/{id}/reverse"),
                                  QStringLiteral("/rules"),
                                  QStringLiteral("/rules/preview"),
                                  QStringLiteral("/rules/{id}"),
                                  QStringLiteral("/rule-lists"),
                                  QStringLiteral("/rule-lists/{name}")};
    QStringList documented = paths.keys();
    QStringList sortedExpected = expected;
    documented.sort();
    sortedExpected.sort();
    QCOMPARE(documented, sortedExpected);
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        const QString path = QString(it.key()).replace(QLatin1String("{id}"), QLatin1String("1"));
        for (const QString& method : it.value().toObject().keys()) {
            const Response r
                = call(method.toUpper().toLatin1(), path, method == QLatin1String("get") ? QByteArray() : "{}",
                       {{"Content-Type", "application/json"}});
            QVERIFY2(r.status != 405, qPrintable(method + QLatin1Char(' ') + path));
            QVERIFY2(r.status != 404 || !r.json.value("error").toString().startsWith(QLatin1String("no route")),
                     qPrintable(path));
        }
    }
}

void TestRestServer::timestampsAreCutToTheMillisecond()
{
    // Digits beyond the millisecond are cut: the last instant of January stays in January.
    const auto at
        = [](const char* text) { return *api::parseTimestamp(QString::fromLatin1(text), QStringLiteral("t")); };
    const qint64 lastMs = QDateTime(QDate(2026, 1, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(at("2026-01-31T23:59:59.9996Z"), lastMs);
    QCOMPARE(at("2026-01-31T23:59:59.999999999Z"), lastMs);
    QCOMPARE(at("2026-01-31T23:59:59.999Z"), lastMs);
    QCOMPARE(at("2026-01-31T23:59:59.1239+00:00"), lastMs - 999 + 123);
    QCOMPARE(at("2026-01-31T23:59:59Z"), lastMs - 999);
}

QTEST_GUILESS_MAIN(TestRestServer)
#include "tst_restserver.moc"
