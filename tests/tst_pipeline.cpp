// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluate/Evaluation.h"
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "iforest_v1_blob.h"
#include "ledger/UnscoredRows.h"
#include "ledger_fixture.h"
#include "ledger_history.h"
#include "pipeline/Combination.h"
#include "pipeline/DetectionPipeline.h"
#include "test_engine.h"
#include "util/Ids.h"

#include <QDataStream>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;

NewTransaction consulting(qint64 accountId)
{
    NewTransaction t;
    t.accountId = accountId;
    t.amount = -123456;
    t.description = QStringLiteral("Consulting");
    t.category = QStringLiteral("supplier_payment");
    t.counterparty = QStringLiteral("Initech Ltd");
    return t;
}

// The forest and feature statistics of the account's stored model (DetectionPipeline's blob, version 2).
// An account's stored model as its parts: the blob's version, the serialized forest and the feature statistics. A
// small account's blob (version 3) names the pooled forest's scope, whose blob (version 2) holds the forest.
struct StoredParts
{
    quint32 magic = 0;
    quint32 version = 0;
    QByteArray forest;
    QByteArray context;
    bool readToEnd = false;
};

StoredParts storedParts(const Ledger& ledger, qint64 accountId)
{
    StoredParts p;
    const QByteArray blob = *ledger.loadModel(QStringLiteral("account:%1").arg(accountId));
    QDataStream in(blob);
    in.setVersion(QDataStream::Qt_6_4);
    in >> p.magic >> p.version;
    if (p.version == 3) {
        QString scope;
        in >> scope >> p.context;
        QDataStream pooled(*ledger.loadModel(scope));
        pooled.setVersion(QDataStream::Qt_6_4);
        QByteArray noContext;
        pooled >> p.magic >> p.version >> p.forest >> noContext;
    } else {
        in >> p.forest >> p.context;
    }
    p.readToEnd = in.status() == QDataStream::Ok && in.atEnd();
    return p;
}

std::pair<IsolationForest, FeatureContext> storedModel(const Ledger& ledger, qint64 accountId)
{
    const StoredParts p = storedParts(ledger, accountId);
    return {std::move(*IsolationForest::deserialize(p.forest)), std::move(*FeatureContext::deserialize(p.context))};
}

qint64 scoredCount(Ledger& ledger, qint64 accountId)
{
    qint64 n = 0;
    for (const Transaction& t : *accountHistory(ledger, accountId))
        n += t.anomalyScore ? 1 : 0;
    return n;
}

} // namespace

class TestPipeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void scoresEveryTransactionAndClearsStale();
    void onlyStaleAccountsProcessed();
    void plantedOutlierIsExplained();
    void instantScoring();
    void instantScoringFromStoredModel();
    void version1StoredModelKeepsScoring();
    void asyncRunReportsProgress();
    void crashLeavesConsistentLedger_data();
    void crashLeavesConsistentLedger();
    void evaluationSmoke();
    void writeDuringRunKeepsAccountStale_data();
    void writeDuringRunKeepsAccountStale();
    void smallAccountsScoredFromPooledModel();
    void scheduledRunScoresNewRowsWithStoredModel();
    void scheduledRunRefitsOldOrGrownModels();
    void scheduledRunScoresRowsOfAnUndoneAndRepeatedImport();
    void evaluationMeetsDocumentedQuality();
    void columnsOfOneTimeInIdOrder();
    void preparingOnTheFittingThreadKeepsNoConnection();
    void fullRunCheckpointsAfterwards();
    void openingBalanceIsNotJudged();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
};

void TestPipeline::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_unique<ManualClock>(kNow);
    auto location = test::freshLedgerLocation(m_dir->filePath(QStringLiteral("p.sqlite")));
    QVERIFY2(location, qPrintable(location.status().toString()));
    auto ledger = Ledger::open(*location, *m_clock);
    QVERIFY2(ledger, qPrintable(ledger.status().toString()));
    m_ledger = std::move(*ledger);
    QVERIFY(createDemoLedger(*m_ledger, 60, 2).isOk());
}

void TestPipeline::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

void TestPipeline::scoresEveryTransactionAndClearsStale()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, options);
    QCOMPARE(m_ledger->staleAccountIds()->size(), 8);
    auto run = pipeline.runNow();
    QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
    QCOMPARE(run->accounts, 8);
    QCOMPARE(run->transactionsScored, m_ledger->countTransactions({}).value());
    QVERIFY(m_ledger->staleAccountIds()->isEmpty());
    for (const Account& a : *m_ledger->accounts()) {
        QCOMPARE(scoredCount(*m_ledger, a.id), a.transactionCount);
        QVERIFY(m_ledger->loadModel(QStringLiteral("account:%1").arg(a.id)).isOk());
    }
    // MEDIUM and HIGH transactions have anomaly records with explanations; LOW ones have none.
    TransactionFilter flagged;
    flagged.risk = Risk::Medium;
    const qint64 medium = m_ledger->countTransactions(flagged).value();
    flagged.risk = Risk::High;
    const qint64 high = m_ledger->countTransactions(flagged).value();
    QCOMPARE(m_ledger->countAnomalies({}).value(), medium + high);
    QCOMPARE(qint64(run->anomalies), medium + high);
    auto page = m_ledger->anomalies({}, {50, {}});
    QVERIFY(!page->items.isEmpty());
    for (const Anomaly& a : page->items) {
        QVERIFY(a.risk != Risk::Low);
        QVERIFY(!a.anomalyType.isEmpty());
        QVERIFY(!a.explanation.isEmpty());
        const QJsonObject top = a.explanation.first().toObject();
        for (const char* key : {"feature", "contribution", "value", "typical", "text"})
            QVERIFY2(top.contains(QLatin1String(key)), key);
        QCOMPARE(a.features.size(), int(kFeatureCount));
        // A one-sided feature is a reason only above its typical value (docs/DETECTION.md).
        for (const QJsonValue& v : a.explanation) {
            const QJsonObject e = v.toObject();
            const QString feature = e.value(QStringLiteral("feature")).toString();
            if (feature.endsWith(QStringLiteral("_rarity")) || feature == QStringLiteral("burst_10m")
                || feature == QStringLiteral("duplicate") || feature == QStringLiteral("round_amount"))
                QVERIFY2(e.value(QStringLiteral("value")).toDouble() > e.value(QStringLiteral("typical")).toDouble(),
                         qPrintable(QJsonDocument(e).toJson(QJsonDocument::Compact)));
        }
    }
    // A second run with nothing stale does nothing.
    auto again = pipeline.runNow();
    QCOMPARE(again->accounts, 0);
}

void TestPipeline::onlyStaleAccountsProcessed()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, options);
    QVERIFY(pipeline.runNow().isOk());
    const Account operating = m_ledger->accounts()->first();
    const Account other = m_ledger->accounts()->at(3);
    const QList<Transaction> otherBefore = *accountHistory(*m_ledger, other.id);
    NewTransaction t;
    t.accountId = operating.id;
    t.amount = -123456;
    t.description = QStringLiteral("Consulting");
    t.category = QStringLiteral("supplier_payment");
    t.counterparty = QStringLiteral("Initech Ltd");
    QVERIFY(m_ledger->addTransaction(t).isOk());
    QCOMPARE(*m_ledger->staleAccountIds(), QList<qint64> {operating.id});
    auto run = pipeline.runNow();
    QVERIFY(run.isOk());
    QCOMPARE(run->accounts, 1);
    QVERIFY(m_ledger->staleAccountIds()->isEmpty());
    const QList<Transaction> otherAfter = *accountHistory(*m_ledger, other.id);
    QCOMPARE(otherAfter.size(), otherBefore.size());
    for (qsizetype i = 0; i < otherAfter.size(); ++i)
        QCOMPARE(otherAfter[i].anomalyScore, otherBefore[i].anomalyScore);
    QCOMPARE(scoredCount(*m_ledger, operating.id), operating.transactionCount + 1);
}

void TestPipeline::plantedOutlierIsExplained()
{
    const Account operating = m_ledger->accounts()->first();
    NewTransaction t;
    t.accountId = operating.id;
    t.amount = -95'000'000; // 950,000.00, far above anything the account has seen
    t.timestamp = (kNow / 86'400'000) * 86'400'000 - 86'400'000 + 3 * 3'600'000; // 03:00 UTC yesterday
    t.description = QStringLiteral("Wire transfer");
    t.category = QStringLiteral("transfer");
    t.counterparty = QStringLiteral("Unknown Holdings SA");
    auto added = m_ledger->addTransaction(t);
    QVERIFY(added.isOk());
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, options);
    QSignalSpy high(&pipeline, &DetectionPipeline::highRiskDetected);
    QVERIFY(pipeline.runNow().isOk());
    auto scored = m_ledger->transaction(added->id);
    QVERIFY(scored->risk && *scored->risk != Risk::Low);
    // It ranks at the top of its account.
    double maxOther = 0;
    for (const Transaction& x : *accountHistory(*m_ledger, operating.id))
        if (x.id != added->id)
            maxOther = std::max(maxOther, *x.anomalyScore);
    QVERIFY2(*scored->anomalyScore > maxOther, qPrintable(QString::number(*scored->anomalyScore)));
    AnomalyFilter f;
    f.accountId = operating.id;
    bool found = false;
    const Page<Anomaly> anomalies = *m_ledger->anomalies(f, {kMaxPageSize, {}});
    for (const Anomaly& a : anomalies.items) {
        if (a.transactionId != added->id)
            continue;
        found = true;
        QString texts;
        for (const QJsonValue& e : a.explanation)
            texts += e.toObject().value(QStringLiteral("text")).toString() + QLatin1Char(';');
        QVERIFY2(texts.contains(QStringLiteral("median")) || texts.contains(QStringLiteral("counterparty"))
                     || texts.contains(QStringLiteral("UTC")) || texts.contains(QStringLiteral("category")),
                 qPrintable(texts));
        if (a.risk == Risk::High)
            QVERIFY(high.count() >= 1);
    }
    QVERIFY(found);
}

void TestPipeline::instantScoring()
{
    DetectionPipeline pipeline(*m_ledger); // instant scoring on
    QVERIFY(pipeline.runNow().isOk());
    QSignalSpy scored(&pipeline, &DetectionPipeline::transactionsScored);
    const Account card = m_ledger->accounts()->at(3);
    NewTransaction t;
    t.accountId = card.id;
    t.amount = -4500;
    t.description = QStringLiteral("Taxi");
    t.category = QStringLiteral("card_spend");
    t.counterparty = QStringLiteral("Uber");
    auto added = m_ledger->addTransaction(t);
    QVERIFY(added.isOk());
    QVERIFY(scored.wait(20000));
    QCOMPARE(scored.at(0).at(0).toLongLong(), qint64(1));
    QVERIFY(m_ledger->transaction(added->id)->anomalyScore.has_value());
    // Instant scoring does not clear the stale flag: the scheduled run refits.
    QCOMPARE(*m_ledger->staleAccountIds(), QList<qint64> {card.id});
    pipeline.waitForFinished();
}

// A second pipeline (as after a restart) has no model in memory: it loads the account's stored model and feature
// statistics and scores a planted outlier at once, flagging it.
void TestPipeline::instantScoringFromStoredModel()
{
    {
        DetectionPipelineOptions options;
        options.instantScoring = false;
        DetectionPipeline first(*m_ledger, options);
        QVERIFY(first.runNow().isOk());
    }
    DetectionPipeline restarted(*m_ledger);
    QSignalSpy scored(&restarted, &DetectionPipeline::transactionsScored);
    const Account operating = m_ledger->accounts()->first();
    NewTransaction t;
    t.accountId = operating.id;
    t.amount = -1'000'000'00; // 1,000,000.00: round and far above the account's supplier payments
    t.timestamp = kNow - 20 * 3'600'000;
    t.description = QStringLiteral("Wire");
    t.category = QStringLiteral("supplier_payment");
    t.counterparty = QStringLiteral("Never Seen Before SA");
    auto added = m_ledger->addTransaction(t);
    QVERIFY(added.isOk());
    QVERIFY(scored.wait(20000));
    restarted.waitForFinished();
    const Transaction after = *m_ledger->transaction(added->id);
    QVERIFY(after.anomalyScore.has_value());
    QVERIFY2(after.risk && *after.risk != Risk::Low, qPrintable(QString::number(*after.anomalyScore)));
    AnomalyFilter f;
    f.accountId = operating.id;
    bool found = false;
    const Page<Anomaly> page = *m_ledger->anomalies(f, {kMaxPageSize, {}}); // keep the page alive
    for (const Anomaly& a : page.items)
        found |= a.transactionId == added->id && !a.explanation.isEmpty();
    QVERIFY(found);
}

// A ledger written before the forest carried its calibration stores version-1 blobs (magic, 1, a version-1
// forest, the feature statistics, then the calibration's median and spread). Instant scoring still reads them,
// with the stored calibration: the same scores as the refitted version-2 model. An unknown version is no model.
void TestPipeline::version1StoredModelKeepsScoring()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    {
        DetectionPipeline first(*m_ledger, options);
        QVERIFY(first.runNow().isOk());
    }
    const Account operating = m_ledger->accounts()->first();
    NewTransaction t;
    t.accountId = operating.id;
    t.amount = -8'400'00;
    t.timestamp = kNow - 5 * 3'600'000;
    t.description = QStringLiteral("Invoice 88");
    t.category = QStringLiteral("supplier_payment");
    t.counterparty = QStringLiteral("Unheard Of GmbH");
    auto added = m_ledger->addTransaction(t);
    QVERIFY(added.isOk());
    auto scoreWith = [&](const QByteArray& blob) -> std::optional<double> {
        const QString scope = QStringLiteral("account:%1").arg(operating.id);
        if (!m_ledger->saveModel(scope, 1, blob).isOk())
            return std::nullopt;
        DetectionPipeline fresh(*m_ledger, options); // no model in memory: reads the stored blob
        auto scored = fresh.scoreTransactions({added->id});
        if (!scored || *scored != 1)
            return std::nullopt;
        return m_ledger->transaction(added->id)->anomalyScore;
    };

    const QByteArray v2 = *m_ledger->loadModel(QStringLiteral("account:%1").arg(operating.id));
    const StoredParts parts = storedParts(*m_ledger, operating.id);
    QCOMPARE(parts.version, quint32(2));
    QVERIFY(parts.readToEnd);
    const quint32 magic = parts.magic;
    const QByteArray& forestBytes = parts.forest;
    const QByteArray& contextBytes = parts.context;
    const ScoreCalibration calibration = IsolationForest::deserialize(forestBytes)->calibration();
    auto packV1 = [&](quint32 v, const ScoreCalibration& c) {
        QByteArray bytes;
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        out << magic << v << test::toFormatVersion1(forestBytes) << contextBytes << c.median << c.spread;
        return bytes;
    };

    const std::optional<double> current = scoreWith(v2);
    QVERIFY(current.has_value());
    const std::optional<double> fromV1 = scoreWith(packV1(1, calibration));
    QVERIFY(fromV1.has_value());
    QCOMPARE(*fromV1, *current);
    // The stored calibration is the one applied: moved down by 10 spreads, the same raw score is 10 z higher.
    const std::optional<double> shifted
        = scoreWith(packV1(1, {calibration.median - 10 * calibration.spread, calibration.spread}));
    QVERIFY(shifted.has_value());
    QVERIFY2(*shifted > *current, qPrintable(QStringLiteral("%1 vs %2").arg(*shifted).arg(*current)));
    // Another version is not read: the transaction waits for the next run.
    QVERIFY(!scoreWith(packV1(7, calibration)).has_value());
}

void TestPipeline::asyncRunReportsProgress()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, options);
    QSignalSpy progress(&pipeline, &DetectionPipeline::progress);
    QSignalSpy finished(&pipeline, &DetectionPipeline::runFinished);
    QVERIFY(pipeline.start());
    QVERIFY(pipeline.isRunning());
    QVERIFY(!pipeline.start());
    QVERIFY(finished.wait(30000));
    QVERIFY(!pipeline.isRunning());
    const auto summary = finished.at(0).at(0).value<DetectionPipeline::RunSummary>();
    QVERIFY(summary.status.isOk());
    QCOMPARE(summary.accounts, 8);
    QCOMPARE(progress.last().at(0).toInt(), 8);
    QVERIFY(!m_ledger->meta(QStringLiteral("last_detection_run"))->isEmpty());
}

void TestPipeline::crashLeavesConsistentLedger_data()
{
    QTest::addColumn<bool>("pause");
    // The child pauses after its first account: the kill lands between two account commits.
    QTest::addRow("between commits") << true;
    // No pause: the kill lands wherever the child is, often inside an account's write transaction.
    QTest::addRow("anywhere") << false;
}

void TestPipeline::crashLeavesConsistentLedger()
{
    QFETCH(bool, pause);
    // A larger history so that the run takes long enough to be killed in the middle.
    TransactionGenerator generator(*m_ledger);
    QVERIFY(generator.backfill(60, 12.0).isOk());
    const QString path = m_ledger->database()->path();
    QProcess child;
    child.setProgram(QStringLiteral(LG_CRASHCHILD));
    child.setArguments(pause ? QStringList {path} : QStringList {path, QStringLiteral("--no-pause")});
    child.start();
    QVERIFY(child.waitForStarted(10000));
    // Kill it after the first account has been committed, before the last.
    bool killed = false;
    while (child.waitForReadyRead(30000)) {
        const QByteArray out = child.readAll();
        if (out.contains("progress 1") || out.contains("progress 2")) {
            child.kill();
            killed = true;
            break;
        }
    }
    child.waitForFinished(10000);
    QVERIFY(killed);

    auto reopened = Ledger::open(path, *m_clock);
    QVERIFY(reopened.isOk());
    Ledger& ledger = **reopened;
    int done = 0, untouched = 0;
    for (const Account& a : *ledger.accounts()) {
        QCOMPARE(a.balance, *ledger.sumOfTransactions(a.id));
        const qint64 scored = scoredCount(ledger, a.id);
        AnomalyFilter f;
        f.accountId = a.id;
        const qint64 anomalies = ledger.countAnomalies(f).value();
        if (a.isStale) {
            QCOMPARE(scored, qint64(0)); // old state: nothing of this account was written
            QCOMPARE(anomalies, qint64(0));
            ++untouched;
        } else {
            QCOMPARE(scored, a.transactionCount); // new state: all of it
            // ...with exactly one anomaly record per MEDIUM and HIGH transaction: no partial anomaly set.
            TransactionFilter flagged;
            flagged.accountId = a.id;
            flagged.risk = Risk::Medium;
            qint64 expected = ledger.countTransactions(flagged).value();
            flagged.risk = Risk::High;
            expected += ledger.countTransactions(flagged).value();
            QCOMPARE(anomalies, expected);
            ++done;
        }
    }
    QVERIFY(done >= 1);
    if (pause)
        QVERIFY2(untouched >= 1, "the child was killed after its last account");
}

void TestPipeline::evaluationSmoke()
{
    auto report = evaluateDetection(30, 3, 0.05, 1.0);
    QVERIFY2(report.isOk(), qPrintable(report.status().toString()));
    QVERIFY(report->overall.anomalies > 0);
    QVERIFY(report->overall.auc > 0.5 && report->overall.auc <= 1.0);
    const QJsonObject json = report->toJson();
    const QJsonObject overall = json.value(QStringLiteral("overall")).toObject();
    for (const char* key : {"auc", "recall_at_1pct_fpr", "precision_high", "top_feature_match"})
        QVERIFY2(overall.contains(QLatin1String(key)), key);
    QVERIFY(report->toTable().contains(QStringLiteral("overall")));
}

// docs/LEDGER.md invariant 3: a run clears an account's stale flag only when the account's change_seq is the one it
// read before reading the transactions. A transaction written between the read and the store is not in the run's
// scores, so the account stays stale and the next run scores it; accounts with their own model and pooled ones alike.
void TestPipeline::writeDuringRunKeepsAccountStale_data()
{
    QTest::addColumn<int>("minAccountHistory");
    QTest::addColumn<bool>("emptyAccount");
    QTest::addColumn<bool>("storedModel");
    QTest::addRow("own model") << 1 << false << false;
    QTest::addRow("pooled model") << 1'000'000 << false << false;
    // The only small account has no rows: nothing to fit, the flag is cleared (sequence-checked) without a model.
    QTest::addRow("empty account, nothing to pool") << 1 << true << false;
    // A scheduled run that scores the new rows with the stored models instead of refitting.
    QTest::addRow("stored own model") << 1 << false << true;
    QTest::addRow("stored pooled model") << 1'000'000 << false << true;
}

void TestPipeline::writeDuringRunKeepsAccountStale()
{
    QFETCH(int, minAccountHistory);
    QFETCH(bool, emptyAccount);
    QFETCH(bool, storedModel);
    qint64 target = m_ledger->accounts()->at(2).id;
    if (emptyAccount) {
        NewAccount a;
        a.name = QStringLiteral("Escrow");
        auto created = m_ledger->createAccount(a);
        QVERIFY2(created.isOk(), qPrintable(created.status().toString()));
        target = created->id;
    }
    DetectionPipelineOptions options;
    options.instantScoring = false;
    options.minAccountHistory = minAccountHistory;
    if (storedModel) { // every account fitted, then the target written to: the next run keeps the models
        options.refitGrowth = 10.0; // however small the account
        DetectionPipeline first(*m_ledger, options);
        QVERIFY(first.runNow().isOk());
        QVERIFY(m_ledger->addTransaction(consulting(target)).isOk());
    }
    const auto stored = m_ledger->loadModel(QStringLiteral("account:%1").arg(target));
    const QByteArray model = stored ? *stored : QByteArray();
    const qint64 before = m_ledger->account(target)->transactionCount;
    bool armed = true;
    QString written;
    options.afterAccountRead = [&](qint64 id) {
        if (!armed || id != target)
            return;
        armed = false;
        auto added = m_ledger->addTransaction(consulting(target));
        QVERIFY(added.isOk());
        written = added->id;
    };
    DetectionPipeline pipeline(*m_ledger, options);
    auto run = pipeline.runNow(emptyAccount); // a new empty account is not stale: run over all accounts
    QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
    QVERIFY(!armed);
    QCOMPARE(*m_ledger->staleAccountIds(), QList<qint64> {target});
    QVERIFY(!m_ledger->transaction(written)->anomalyScore);
    if (storedModel) {
        QCOMPARE(run->accounts, 1);
        QCOMPARE(run->transactionsScored, qint64(1)); // the row written before the run
        QCOMPARE(*m_ledger->loadModel(QStringLiteral("account:%1").arg(target)), model);
    }

    // The next run scores the account, the row written during the last one included, and clears the flag.
    auto next = pipeline.runNow();
    QVERIFY2(next.isOk(), qPrintable(next.status().toString()));
    QVERIFY(m_ledger->staleAccountIds()->isEmpty());
    QVERIFY(m_ledger->transaction(written)->anomalyScore);
    QCOMPARE(scoredCount(*m_ledger, target), before + 1);
    if (storedModel) {
        QCOMPARE(next->transactionsScored, qint64(1));
        QCOMPARE(*m_ledger->loadModel(QStringLiteral("account:%1").arg(target)), model);
    }
}

// docs/DETECTION.md: accounts below minAccountHistory rows are scored from one model fitted on all of them, each
// with its own feature statistics; none is left stale.
void TestPipeline::smallAccountsScoredFromPooledModel()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    options.minAccountHistory = 1'000'000;
    DetectionPipeline pipeline(*m_ledger, options);
    auto run = pipeline.runNow();
    QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
    QCOMPARE(run->accounts, 8);
    QVERIFY(m_ledger->staleAccountIds()->isEmpty());
    // The pooled forest is stored once; each account's model names it beside its own statistics (a copy of the
    // forest per account made a ledger of many small card accounts mostly models).
    const auto pooledScopes = [this] {
        QStringList out;
        for (const Ledger::StoredModel& m : m_ledger->modelScopes().value())
            if (m.scope.startsWith(u"pooled"))
                out.append(m.scope);
        return out;
    };
    const QStringList pooled = pooledScopes();
    QCOMPARE(pooled.size(), 1);
    const qsizetype forestSize = m_ledger->loadModel(pooled.front())->size();
    const QByteArray shared = DetectionPipeline::storedForest(*m_ledger, m_ledger->accounts()->front().id)->serialize();
    QVERIFY(shared.size() > forestSize / 2);
    for (const Account& a : *m_ledger->accounts()) {
        QCOMPARE(scoredCount(*m_ledger, a.id), a.transactionCount);
        const Result<QByteArray> model = m_ledger->loadModel(QStringLiteral("account:%1").arg(a.id));
        QVERIFY(model.isOk());
        QVERIFY2(model->size() < forestSize / 4, qPrintable(QString::number(model->size())));
        const std::shared_ptr<const IsolationForest> forest = DetectionPipeline::storedForest(*m_ledger, a.id);
        QVERIFY(forest);
        QCOMPARE(forest->serialize(), shared);
    }
    // A new pooled fit keeps the one no account refers to any more for an hour (another process's run may have
    // stored it and not yet the models naming it), then removes it.
    const Account first = m_ledger->accounts()->front();
    QVERIFY(m_ledger->addTransaction(consulting(first.id)).isOk());
    QVERIFY(pipeline.runNow(true).isOk());
    QCOMPARE(pooledScopes().size(), 2);
    QVERIFY(DetectionPipeline::storedForest(*m_ledger, first.id));
    m_clock->advanceMs(2 * 3'600'000);
    QVERIFY(m_ledger->addTransaction(consulting(first.id)).isOk());
    QVERIFY(pipeline.runNow(true).isOk());
    const QStringList last = pooledScopes();
    QCOMPARE(last.size(), 1);
    QVERIFY(!pooled.contains(last.front()));
    QVERIFY(DetectionPipeline::storedForest(*m_ledger, first.id));
}

// docs/DETECTION.md, "Pipeline": a scheduled run after writes scores only the rows no run has scored, with the stored
// model (not refitted), reading only their neighbourhood; each new row gets the score the stored model gives its
// features computed over the account's whole history, and every earlier row keeps its score.
void TestPipeline::scheduledRunScoresNewRowsWithStoredModel()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    options.refitGrowth = 10.0; // the small accounts too keep their models
    DetectionPipeline pipeline(*m_ledger, options);
    QVERIFY(pipeline.runNow().isOk());
    const QList<Account> accounts = *m_ledger->accounts();
    const Account operating = accounts.first();
    // The account with the longest quiet spell: a row written into it has no neighbour in the 48 hours before it.
    Account sparse;
    qint64 quietFrom = 0, quietGap = 0;
    for (const Account& a : accounts) {
        const TransactionColumns c = *m_ledger->transactionColumns(a.id);
        for (qsizetype i = 1; i < c.size(); ++i) {
            if (a.id != operating.id && c.timestamp[size_t(i)] - c.timestamp[size_t(i - 1)] > quietGap) {
                quietGap = c.timestamp[size_t(i)] - c.timestamp[size_t(i - 1)];
                quietFrom = c.timestamp[size_t(i - 1)];
                sparse = a;
            }
        }
    }
    QVERIFY2(quietGap > 3 * kDayMs, qPrintable(QString::number(quietGap)));
    QHash<qint64, TransactionColumns> before;
    QHash<qint64, QByteArray> models;
    for (const Account& a : accounts) {
        before.insert(a.id, *m_ledger->transactionColumns(a.id));
        models.insert(a.id, *m_ledger->loadModel(QStringLiteral("account:%1").arg(a.id)));
    }

    // New rows: one now, one back-dated three days, one deep in the history, a repeat of an existing payment 30
    // minutes after it (which changes no earlier row's score: only new rows are scored), and one in the quiet spell.
    const TransactionColumns& history = before[operating.id];
    const size_t paid = size_t(history.size() / 2);
    QList<NewTransaction> writes;
    for (qint64 at : {kNow - kHourMs, kNow - 3 * kDayMs, kNow - 40 * kDayMs + 17 * kMinuteMs}) {
        NewTransaction t = consulting(operating.id);
        t.timestamp = at;
        writes.append(t);
    }
    NewTransaction repeat = consulting(operating.id);
    repeat.amount = history.amount[paid];
    repeat.category = categoryKey(Category(history.category[paid]));
    repeat.counterparty = history.counterparties[history.counterparty[paid]];
    repeat.timestamp = history.timestamp[paid] + 30 * kMinuteMs;
    writes.append(repeat);
    NewTransaction quiet = consulting(sparse.id);
    quiet.timestamp = quietFrom + 2 * kDayMs + kHourMs;
    writes.append(quiet);
    QSet<QString> added;
    for (const NewTransaction& t : std::as_const(writes)) {
        auto written = m_ledger->addTransaction(t);
        QVERIFY2(written.isOk(), qPrintable(written.status().toString()));
        added.insert(written->id);
    }

    auto run = pipeline.runNow();
    QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
    QCOMPARE(run->accounts, 2);
    QCOMPARE(run->transactionsScored, qint64(added.size()));
    QVERIFY(m_ledger->staleAccountIds()->isEmpty());
    int checked = 0, flagged = 0;
    for (const Account& a : accounts) {
        QCOMPARE(*m_ledger->loadModel(QStringLiteral("account:%1").arg(a.id)), models[a.id]);
        const TransactionColumns after = *m_ledger->transactionColumns(a.id);
        QHash<qint64, double> earlier;
        const TransactionColumns& old = before[a.id];
        for (qsizetype i = 0; i < old.size(); ++i)
            earlier.insert(old.key[size_t(i)], old.score[size_t(i)]);
        const auto [forest, context] = storedModel(*m_ledger, a.id);
        const FeatureMatrix features = computeFeatures(after, context, false);
        for (qsizetype i = 0; i < after.size(); ++i) {
            const size_t r = size_t(i);
            QVERIFY(!std::isnan(after.score[r]));
            if (!added.contains(after.ids[i])) {
                QCOMPARE(after.score[r], earlier.value(after.key[r]));
                continue;
            }
            const Eigen::VectorXd raw = *forest.score(modelInput(features.middleRows(i, 1)));
            const double expected = Feedback::apply(forest.calibratedScore(raw(0)), FeedbackAdjustment(), -1.0).score;
            QCOMPARE(after.score[r], expected);
            // A flagged row's stored features (the gap to its predecessor included) are its whole-history features.
            if (const Result<Anomaly> record = m_ledger->anomalyForTransaction(after.ids[i]); record) {
                QCOMPARE(record->features, featureObject(features.row(i)));
                ++flagged;
            }
            ++checked;
        }
    }
    QCOMPARE(checked, added.size());
    QVERIFY(flagged > 0);
}

// A scheduled run refits an account whose model is older than refitAfterMs or that has grown by more than refitGrowth
// of the rows the model was fitted on, and then rescores all its rows; a run over all accounts always refits.
void TestPipeline::scheduledRunRefitsOldOrGrownModels()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    options.refitAfterMs = 7 * kDayMs;
    options.refitGrowth = 0.10;
    const Account operating = m_ledger->accounts()->first();
    const QString scope = QStringLiteral("account:%1").arg(operating.id);
    auto writeAndRun = [&](const DetectionPipelineOptions& o, bool all = false) {
        DetectionPipeline pipeline(*m_ledger, o);
        if (auto added = m_ledger->addTransaction(consulting(operating.id)); !added)
            return Result<DetectionPipeline::RunSummary>(added.status());
        return pipeline.runNow(all);
    };
    {
        DetectionPipeline pipeline(*m_ledger, options);
        QVERIFY(pipeline.runNow().isOk());
    }
    QByteArray model = *m_ledger->loadModel(scope);
    // Six days on, one row more: the stored model scores it.
    m_clock->advanceMs(6 * kDayMs);
    auto run = writeAndRun(options);
    QVERIFY(run.isOk());
    QCOMPARE(run->transactionsScored, qint64(1));
    QCOMPARE(*m_ledger->loadModel(scope), model);
    // Eight days after the fit: refitted, and every row rescored (the scores that moved rewritten).
    m_clock->advanceMs(2 * kDayMs);
    run = writeAndRun(options);
    QVERIFY(run.isOk());
    QVERIFY(*m_ledger->loadModel(scope) != model);
    QVERIFY2(run->transactionsScored > 1, qPrintable(QString::number(run->transactionsScored)));
    model = *m_ledger->loadModel(scope);
    // Grown by more than the fraction: one row is more than 0.01 % of the account.
    DetectionPipelineOptions growth = options;
    growth.refitGrowth = 0.5 / double(operating.transactionCount);
    run = writeAndRun(growth);
    QVERIFY(run.isOk());
    QVERIFY(*m_ledger->loadModel(scope) != model);
    model = *m_ledger->loadModel(scope);
    // A run over all accounts refits whatever the model's age.
    run = writeAndRun(options, true);
    QVERIFY(run.isOk());
    QVERIFY(*m_ledger->loadModel(scope) != model);
    QCOMPARE(run->accounts, int(m_ledger->accounts()->size()));
}

// An undone import frees the highest row keys, and a repeated import of the same statement gets them again, below the
// highest key the last run read: the run still scores every one of them (rows without a score are always scored).
void TestPipeline::scheduledRunScoresRowsOfAnUndoneAndRepeatedImport()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, options);
    QVERIFY(pipeline.runNow().isOk());
    const Account operating = m_ledger->accounts()->first();
    QList<ImportRow> statement;
    for (int i = 0; i < 5; ++i) {
        ImportRow row;
        row.transaction = consulting(operating.id);
        row.transaction.amount -= i;
        row.transaction.timestamp = kNow - (i + 1) * kHourMs;
        row.transaction.externalId = QStringLiteral("stmt-%1").arg(i);
        statement.append(row);
    }
    ImportBatchOptions importOptions;
    importOptions.format = QStringLiteral("csv");
    auto first = m_ledger->importBatch(statement, importOptions);
    QVERIFY2(first.isOk(), qPrintable(first.status().toString()));
    auto run = pipeline.runNow();
    QVERIFY(run.isOk());
    QCOMPARE(run->transactionsScored, qint64(5));
    QVERIFY(m_ledger->undoImportBatch(first->batchId).isOk());
    auto again = m_ledger->importBatch(statement, importOptions);
    QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
    QCOMPARE(again->imported, qint64(5));
    run = pipeline.runNow();
    QVERIFY(run.isOk());
    QVERIFY(m_ledger->staleAccountIds()->isEmpty());
    QCOMPARE(scoredCount(*m_ledger, operating.id), m_ledger->account(operating.id)->transactionCount);
}

// docs/DETECTION.md's evaluation table, seed 1 over 90 days (AUC 0.992, recall at 1 % FPR 0.901, precision of HIGH
// 0.886, top feature 0.989): a quality regression of the detector or the features fails here.
void TestPipeline::evaluationMeetsDocumentedQuality()
{
    auto report = evaluateDetection(90, 1);
    QVERIFY2(report.isOk(), qPrintable(report.status().toString()));
    const auto& overall = report->overall;
    qInfo("seed 1, 90 days: AUC %.4f, recall at 1%% FPR %.4f, precision of HIGH %.4f, top feature %.4f", overall.auc,
          overall.recallAt1PctFpr, overall.precisionHigh, overall.topFeatureMatch);
    QVERIFY(overall.anomalies > 400);
    QVERIFY2(overall.auc >= 0.985, qPrintable(QString::number(overall.auc)));
    QVERIFY2(overall.recallAt1PctFpr >= 0.87, qPrintable(QString::number(overall.recallAt1PctFpr)));
    QVERIFY2(overall.precisionHigh >= 0.85, qPrintable(QString::number(overall.precisionHigh)));
    QVERIFY2(overall.topFeatureMatch >= 0.97, qPrintable(QString::number(overall.topFeatureMatch)));
}

// Rows booked at the same time come back in id order whatever order they were written in (transactionColumns reads
// in time order and orders the ties itself), and caseIdForTransaction names the case of a flagged row.
void TestPipeline::columnsOfOneTimeInIdOrder()
{
    const Account account = m_ledger->accounts()->at(0);
    const qint64 at = kNow - kHourMs;
    const QStringList ids {QStringLiteral("0190a000-0000-7000-8000-00000000000c"),
                           QStringLiteral("0190a000-0000-7000-8000-00000000000a"),
                           QStringLiteral("0190a000-0000-7000-8000-00000000000b")};
    for (qsizetype i = 0; i < ids.size(); ++i) {
        NewTransaction t;
        t.accountId = account.id;
        t.amount = -1000 - i;
        t.description = QStringLiteral("Tie %1").arg(i);
        t.category = QStringLiteral("card_spend");
        t.counterparty = QStringLiteral("Tie Ltd");
        t.timestamp = at;
        t.id = ids[i];
        QVERIFY2(m_ledger->addTransaction(t).isOk(), qPrintable(ids[i]));
    }
    auto rows = m_ledger->transactionColumns(account.id, at - kHourMs, at + kHourMs);
    QVERIFY2(rows.isOk(), qPrintable(rows.status().toString()));
    QStringList read;
    std::vector<qint64> amounts;
    for (qsizetype i = 0; i < rows->size(); ++i) {
        if (rows->timestamp[size_t(i)] == at) {
            read.append(rows->ids[i]);
            amounts.push_back(rows->amount[size_t(i)]);
        }
    }
    QCOMPARE(read, QStringList({ids[1], ids[2], ids[0]}));
    QCOMPARE(amounts, std::vector<qint64>({-1001, -1002, -1000})); // the other columns moved with the ids
    QCOMPARE(rows->counterparties.at(rows->counterparty[size_t(rows->ids.indexOf(ids[0]))]), QStringLiteral("Tie Ltd"));

    QCOMPARE(caseIdForTransaction(*m_ledger, ids[0]).status().code(), Status::Code::NotFound);
    Anomaly a;
    a.id = newUuidV7(kNow);
    a.accountId = account.id;
    a.transactionId = ids[0];
    a.score = 0.9;
    a.risk = Risk::High;
    a.detectedAt = kNow;
    a.anomalyType = QStringLiteral("amount_spike");
    TransactionScore score;
    score.transactionId = ids[0];
    score.score = 0.9;
    score.risk = Risk::High;
    QVERIFY(m_ledger->storeDetectionResults(account.id, {score}, {a}, std::nullopt).isOk());
    auto caseId = caseIdForTransaction(*m_ledger, ids[0]);
    QVERIFY2(caseId.isOk(), qPrintable(caseId.status().toString()));
    QCOMPARE(*caseId, m_ledger->anomalyForTransaction(ids[0])->id);
    QCOMPARE(*caseId, a.id);
}

// An account's results are prepared on the fitting thread, where the score parts' providers read through the ledger:
// that thread's connection is closed when the thread ends, so runs over all accounts leave no connection behind, and
// the results are those of a run without providers' reads elsewhere (the same counts on a second run).
void TestPipeline::preparingOnTheFittingThreadKeepsNoConnection()
{
    DetectionPipelineOptions options;
    options.instantScoring = false;
    options.scorePartProviders = defaultScorePartProviders(*m_ledger);
    options.minAccountHistory = 40; // the demo ledger's larger accounts get models of their own
    const QList<Account> accounts = m_ledger->accounts().value();
    const qsizetype fitted = std::count_if(accounts.cbegin(), accounts.cend(), [&](const Account& a) {
        return a.transactionCount >= options.minAccountHistory;
    });
    QVERIFY2(fitted >= 2, "accounts with models of their own are prepared on the fitting thread");
    DetectionPipeline pipeline(*m_ledger, options);
    const qsizetype connections = QSqlDatabase::connectionNames().size();
    auto first = pipeline.runNow(true);
    QVERIFY2(first.isOk(), qPrintable(first.status().toString()));
    QCOMPARE(first->accounts, 8);
    for (int i = 0; i < 3; ++i) {
        auto again = pipeline.runNow(true);
        QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
        QCOMPARE(again->accounts, 8);
        QCOMPARE(again->high, first->high);
        QCOMPARE(again->medium, first->medium);
        QCOMPARE(again->rowsScored, first->rowsScored);
    }
    // A run over whole accounts ends with a checkpoint on a connection of its own, on Qt's global pool.
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    QCOMPARE(QSqlDatabase::connectionNames().size(), connections);
}

// A run over whole accounts commits each account without SQLite's automatic checkpoint and copies the WAL into the
// file once afterwards: the run's connection keeps its setting, and the file alone holds every score.
void TestPipeline::fullRunCheckpointsAfterwards()
{
    if (test::onPostgres())
        QSKIP("SQLite only: a PostgreSQL ledger has no WAL file of its own to checkpoint");
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, options);
    auto run = pipeline.runNow(true);
    QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
    {
        QSqlQuery q(*m_ledger->database()->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1000);
    }
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    const auto scores
        = test::countInFileAlone(*m_ledger, *m_dir, QStringLiteral("SELECT count(*) FROM transaction_scores"));
    QVERIFY2(scores.isOk(), qPrintable(scores.status().toString()));
    QCOMPARE(*scores, *m_ledger->countTransactions({}));
}

void TestPipeline::openingBalanceIsNotJudged()
{
    // An account imported with a large opening balance: the opening row is where the history starts, not a payment;
    // the forest would isolate it at once (one row of its size and category).
    NewAccount a;
    a.name = QStringLiteral("Imported");
    a.currency = QStringLiteral("EUR");
    a.openingBalance = 250'000'000;
    a.openingDate = kNow - 200 * kDayMs;
    auto created = m_ledger->createAccount(a);
    QVERIFY2(created.isOk(), qPrintable(created.status().toString()));
    QList<NewTransaction> rows;
    for (int i = 0; i < 300; ++i) {
        NewTransaction t;
        t.accountId = created->id;
        t.amount = -(1500 + (i * 37) % 4000);
        t.description = QStringLiteral("Card payment");
        t.category = QStringLiteral("card_spend");
        t.counterparty = QStringLiteral("Shop %1").arg(i % 7);
        t.timestamp = kNow - 199 * kDayMs + qint64(i) * 15 * kHourMs;
        rows.append(t);
    }
    QVERIFY(m_ledger->addTransactions(rows).isOk());
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, options);
    auto run = pipeline.runNow();
    QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
    const QList<Transaction> history = *accountHistory(*m_ledger, created->id);
    QCOMPARE(history.size(), 301);
    QCOMPARE(history.first().category, Category::OpeningBalance);
    QCOMPARE(history.first().anomalyScore, std::optional<double>(0.0));
    QCOMPARE(history.first().risk, std::optional<Risk>(Risk::Low));
    AnomalyFilter filter;
    filter.accountId = created->id;
    const auto cases = m_ledger->anomalies(filter, {100, {}});
    QVERIFY2(cases, qPrintable(cases.status().toString()));
    for (const Anomaly& found : cases->items)
        QVERIFY(found.transactionId != history.first().id);
    QCOMPARE(scoredCount(*m_ledger, created->id), qint64(301));
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
