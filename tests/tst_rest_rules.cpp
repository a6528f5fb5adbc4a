// SPDX-License-Identifier: GPL-3.0-or-later
// Rules over real HTTP on 127.0.0.1 (docs/API.md "Rules") and the `ledgerguard rules` command as a real process:
// a refused rule answers 422 naming the JSON path; a saved rule is versioned, previewed, flags a new transaction at
// once with its name in the case's explanation, and is deleted.
#include "api/RestServer.h"
#include "ledger/Ledger.h"
#include "pipeline/Combination.h"
#include "pipeline/DetectionPipeline.h"
#include "rest_client.h"
#include "util/Clock.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'768'478'400'000; // 2026-01-15T12:00:00Z

using Response = testing::HttpResponse;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestRestRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void refusedRuleNamesTheField();
    void ruleLifecycleAndInstantFlag();
    void commandLine();

private:
    Response call(const QByteArray& method, const QString& path, const QByteArray& body = {});
    Run run(const QStringList& arguments);

    ManualClock m_clock {kNow};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<DetectionPipeline> m_pipeline;
    std::unique_ptr<RestServer> m_server;
    QNetworkAccessManager m_nam;
    qint64 m_account = 0;
};

void TestRestRules::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto ledger = Ledger::open(m_dir->filePath(QStringLiteral("ledger.sqlite")), m_clock);
    QVERIFY(ledger);
    m_ledger = std::move(*ledger);
    auto account = m_ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(account);
    m_account = account->id;
    DetectionPipelineOptions options;
    options.scorePartProviders = defaultScorePartProviders(*m_ledger);
    m_pipeline = std::make_unique<DetectionPipeline>(*m_ledger, options);
    m_server = std::make_unique<RestServer>(*m_ledger, m_pipeline.get());
    RestServer::Options server;
    server.port = 0;
    QVERIFY(m_server->start(server).isOk());
}

void TestRestRules::cleanup()
{
    m_server.reset();
    if (m_pipeline)
        m_pipeline->waitForFinished();
    m_pipeline.reset();
    m_ledger.reset();
    m_nam.clearConnectionCache();
    m_dir.reset();
}

Response TestRestRules::call(const QByteArray& method, const QString& path, const QByteArray& body)
{
    return testing::httpCall(m_nam, m_server->url() + path, method, body);
}

Run TestRestRules::run(const QStringList& arguments)
{
    QProcess p;
    p.start(QStringLiteral(LG_APP_PATH), QStringList {QStringLiteral("rules")} + arguments);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestRestRules::refusedRuleNamesTheField()
{
    const Response r = call("POST", QStringLiteral("/rules"),
                            R"({"name":"Bad","condition":{"any":[{"field":"counterparty","op":"regex","pattern":"a("}]},
                                "effect":{"type":"flag","risk":"HIGH"}})");
    QCOMPARE(r.status, 422);
    const QJsonObject fields = r.json.value("fields").toObject();
    QVERIFY2(fields.value("condition.any[0].pattern").toString().startsWith("invalid regular expression"), r.body);
    QCOMPARE(call("POST", QStringLiteral("/rules"),
                  R"({"name":"x","condition":{"all":[]},"effect":{"type":"raise","weight":2}})")
                 .json.value("fields")
                 .toObject()
                 .keys(),
             QStringList {"effect.weight"});
    QCOMPARE(call("PUT", QStringLiteral("/rule-lists/watch"), R"({"entries":[]})").status, 422);
    QCOMPARE(call("GET", QStringLiteral("/rules/0190a0e4-0000-7000-8000-000000000001")).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/rules")).json.value("items").toArray().size(), 0);
}

void TestRestRules::ruleLifecycleAndInstantFlag()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(
            m_ledger
                ->addTransaction({m_account, -1000 - i, QStringLiteral("Supplies"), QStringLiteral("supplier_payment"),
                                  QStringLiteral("Globex Corp"), kNow - (i + 1) * kHourMs})
                .isOk());
    m_pipeline->waitForFinished();
    const Response list = call("PUT", QStringLiteral("/rule-lists/watch"), R"({"entries":["globex corp","Initech"]})");
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json.value("entries").toArray().size(), 2);
    const QByteArray rule
        = R"({"name":"Watched payee","condition":{"field":"counterparty","op":"inList","list":"watch"},"effect":{"type":"flag","risk":"HIGH"}})";
    const Response preview = call("POST", QStringLiteral("/rules/preview?limit=2"), rule);
    QCOMPARE(preview.status, 200);
    QCOMPARE(preview.json.value("total").toInt(), 3);
    const QJsonArray items = preview.json.value("items").toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].toObject().value("transaction").toObject().value("counterparty").toString(),
             QStringLiteral("Globex Corp"));
    QVERIFY(items[0].toObject().value("matched").toString().contains("watch"));

    const Response created = call("POST", QStringLiteral("/rules"), rule);
    QCOMPARE(created.status, 201);
    const QString id = created.json.value("id").toString();
    QCOMPARE(created.header("Location"), QByteArray("/rules/" + id.toUtf8()));
    QCOMPARE(created.json.value("version").toInt(), 1);
    QCOMPARE(created.json.value("updatedBy").toString(), QStringLiteral("api"));
    QCOMPARE(call("DELETE", QStringLiteral("/rule-lists/watch")).status, 405);

    // A new transaction to a watched payee is a case at once, the rule's name its reason.
    const Response posted = call(
        "POST", QStringLiteral("/transactions"),
        QStringLiteral(
            R"({"accountId":%1,"amount":"-99.00","description":"Consulting","category":"supplier_payment","counterparty":"INITECH"})")
            .arg(m_account)
            .toUtf8());
    QCOMPARE(posted.status, 201);
    const QString transactionId = posted.json.value("transactionId").toString();
    QJsonObject anomaly;
    QByteArray last;
    for (int wait = 0; wait < 100 && anomaly.isEmpty(); ++wait) {
        const Response r = call("GET", QStringLiteral("/anomalies?accountId=%1").arg(m_account));
        last = r.body;
        for (const QJsonValue& v : r.json.value("items").toArray())
            if (v.toObject().value("transactionId").toString() == transactionId)
                anomaly = v.toObject();
        if (anomaly.isEmpty())
            QTest::qWait(100);
    }
    QVERIFY2(!anomaly.isEmpty(), QByteArray(transactionId.toUtf8() + " " + posted.body + " " + last).constData());
    QCOMPARE(anomaly.value("risk").toString(), QStringLiteral("HIGH"));
    QCOMPARE(anomaly.value("anomalyType").toString(), QStringLiteral("rule"));
    const QJsonObject reason = anomaly.value("explanation").toArray().first().toObject();
    QCOMPARE(reason.value("source").toString(), QStringLiteral("rule"));
    QCOMPARE(reason.value("name").toString(), QStringLiteral("Watched payee"));
    QCOMPARE(reason.value("rule").toString(), id);
    QCOMPARE(call("GET", QStringLiteral("/rules/%1").arg(id)).json.value("hits").toInt(), 1);

    // A new version, then deletion.
    const Response changed = call(
        "PUT", QStringLiteral("/rules/%1").arg(id),
        R"({"name":"Watched payee","enabled":false,"condition":{"field":"counterparty","op":"inList","list":"watch"},"effect":{"type":"flag","risk":"MEDIUM"}})");
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json.value("version").toInt(), 2);
    QCOMPARE(changed.json.value("enabled").toBool(true), false);
    QCOMPARE(call("DELETE", QStringLiteral("/rules/%1").arg(id)).status, 204);
    QCOMPARE(call("GET", QStringLiteral("/rules/%1").arg(id)).status, 404);
}

void TestRestRules::commandLine()
{
    const QString db = m_dir->filePath(QStringLiteral("cli.sqlite"));
    {
        auto ledger = Ledger::open(db, m_clock);
        QVERIFY(ledger);
        auto account = (*ledger)->createAccount({QStringLiteral("Cash"), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY(account);
        QVERIFY((*ledger)
                    ->addTransaction({account->id, -600000, QStringLiteral("Machine"),
                                      QStringLiteral("supplier_payment"), QStringLiteral("Big Tools"), kNow - kHourMs})
                    .isOk());
    }
    const QString good = m_dir->filePath(QStringLiteral("good.json"));
    const QString bad = m_dir->filePath(QStringLiteral("bad.json"));
    const QString broken = m_dir->filePath(QStringLiteral("broken.json"));
    auto write = [](const QString& path, const QByteArray& text) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    };
    QVERIFY(write(
        good,
        R"({"name":"Large payment","condition":{"field":"amount","op":">","value":"5000.00","currency":"EUR"},"effect":{"type":"flag","risk":"HIGH"}})"));
    QVERIFY(write(
        bad,
        R"({"name":"Bad","condition":{"field":"amount","op":"between","min":"10","max":"1","currency":"EUR"},"effect":{"type":"flag","risk":"HIGH"}})"));
    QVERIFY(write(broken, "{ not json"));

    Run r = run({QStringLiteral("preview"), good, QStringLiteral("--db"), db, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("total").toInt(), 1);
    r = run({QStringLiteral("add"), bad, QStringLiteral("--db"), db});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("condition.min: must not be greater than max"), r.err);
    r = run({QStringLiteral("add"), broken, QStringLiteral("--db"), db});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("not JSON"), r.err);
    QCOMPARE(run({QStringLiteral("frobnicate"), QStringLiteral("--db"), db}).exitCode, 2);
    QCOMPARE(run({QStringLiteral("remove"), QStringLiteral("--db"), db}).exitCode, 2);
    r = run({QStringLiteral("add"), good, QStringLiteral("--db"), db, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QString id = QJsonDocument::fromJson(r.out).object().value("id").toString();
    QVERIFY(!id.isEmpty());
    r = run({QStringLiteral("list"), QStringLiteral("--db"), db});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("Large payment") && r.out.contains("flag HIGH"), r.out);
    QCOMPARE(run({QStringLiteral("remove"), id, QStringLiteral("--db"), db}).exitCode, 0);
    QCOMPARE(run({QStringLiteral("remove"), id, QStringLiteral("--db"), db}).exitCode, 1);
    r = run({QStringLiteral("list"), QStringLiteral("--db"), db, QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("rules").toArray().size(), 0);
}

QTEST_MAIN(TestRestRules)
#include "tst_rest_rules.moc"
