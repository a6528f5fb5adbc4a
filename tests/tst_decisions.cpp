// SPDX-License-Identifier: GPL-3.0-or-later
// Cases, decisions, score history, labels and the append-only audit trail (docs/LEDGER.md, "Cases").
#include "ledger/Database.h"
#include "ledger/Ledger.h"
#include "ledger/Schema.h"
#include "ledger_fixture.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000; // 2026-05-28
constexpr qint64 kHour = 3'600'000;

NewTransaction tx(qint64 account, qint64 amount, qint64 ts, const QString& description = QStringLiteral("Payment"))
{
    NewTransaction t;
    t.accountId = account;
    t.amount = amount;
    t.timestamp = ts;
    t.description = description;
    t.category = QStringLiteral("supplier_payment");
    t.counterparty = QStringLiteral("Acme GmbH");
    return t;
}

Anomaly record(qint64 account, const QString& transactionId, double score)
{
    Anomaly a;
    a.accountId = account;
    a.transactionId = transactionId;
    a.score = score;
    a.risk = riskForScore(score);
    a.anomalyType = QStringLiteral("amount_spike");
    return a;
}

// One detection run's store for one transaction, as the pipeline writes it: the score, and a record when MEDIUM+.
Status scoreRun(Ledger& ledger, qint64 account, const QString& transactionId, double score)
{
    QList<Anomaly> records;
    if (riskForScore(score) != Risk::Low)
        records.append(record(account, transactionId, score));
    return ledger.storeDetectionResults(account, {{transactionId, score, riskForScore(score)}}, records, std::nullopt,
                                        QStringLiteral("account:%1@test").arg(account));
}

qint64 auditCount(Ledger& ledger)
{
    QSqlQuery q(*ledger.database()->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM audit_log")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestDecisions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void migratesVersion3();
    void rescoreKeepsDecisionAndFirstScore();
    void scoresByRowKey();
    void openCaseIsClearedAndReopened();
    void decisionsSurviveDetectionRuns();
    void decideNotesAssignee();
    void filters();
    void bulkDecisionsAllOrNothing();
    void labels();
    void labelsInBulkAllOrNothing();
    void auditIsAppendOnly();
    void labelCommand();

private:
    QString addTx(qint64 amount, const QString& description = QStringLiteral("Payment"));
    // The actor the ledger records for `actor` (on PostgreSQL with the database user beside it).
    QString recorded(const QString& actor) const { return m_ledger->database()->recordedActor(actor); }
    // One imported transaction with this external id, as its own import batch.
    Result<ImportBatchResult> importOne(const QString& externalId);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
    qint64 m_account = 0;
};

void TestDecisions::init()
{
    const Status s = test::openLedgerFixture(kNow, m_dir, m_clock, m_ledger, m_account);
    QVERIFY2(s.isOk(), qPrintable(s.toString()));
}

void TestDecisions::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

QString TestDecisions::addTx(qint64 amount, const QString& description)
{
    auto t = m_ledger->addTransaction(tx(m_account, amount, kNow - kHour, description));
    return t ? t->id : QString();
}

Result<ImportBatchResult> TestDecisions::importOne(const QString& externalId)
{
    ImportRow row;
    row.transaction = tx(m_account, -4242, kNow - kHour);
    row.transaction.source = Source::Import;
    row.transaction.externalId = externalId;
    ImportBatchOptions options;
    options.format = QStringLiteral("csv");
    return m_ledger->importBatch({row}, options);
}

// A version-3 ledger with an open and a confirmed anomaly is migrated in place: statuses kept, first score = score,
// one scoring and one audit entry each; the audit table refuses UPDATE and DELETE.
void TestDecisions::migratesVersion3()
{
    const QString path = m_dir->filePath(QStringLiteral("v3.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v3"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(schema::migrate(db, 0, 3).isOk());
        QSqlQuery q(db);
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO accounts (id, name, type, currency, balance, transaction_count, "
                                  "created_at, updated_at) VALUES (1, 'Operating', 'checking', 'EUR', 300, 2, 0, 0)")));
        int n = 0;
        for (const char* status : {"open", "confirmed"}) {
            ++n;
            QVERIFY(q.exec(QStringLiteral("INSERT INTO transactions (id, account_id, amount, description, category, "
                                          "timestamp, running_balance, source, created_at) VALUES ('t%1', 1, 150, "
                                          "'x', 'other', %2, %3, 'manual', 0)")
                               .arg(n)
                               .arg(kNow - n * kHour)
                               .arg(150 * n)));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO anomalies (id, account_id, transaction_id, score, risk, "
                                          "detected_at, anomaly_type, status, status_changed_at, transaction_time) "
                                          "VALUES ('a%1', 1, 't%1', 0.8%1, 'HIGH', %2, 'amount_spike', '%3', %4, %5)")
                               .arg(n)
                               .arg(kNow - 10)
                               .arg(QLatin1String(status))
                               .arg(n == 2 ? QString::number(kNow - 5) : QStringLiteral("NULL"))
                               .arg(kNow - n * kHour)));
        }
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v3"));
    auto ledger = Ledger::open(path, *m_clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    auto open = (*ledger)->anomaly(QStringLiteral("a1"));
    auto confirmed = (*ledger)->anomaly(QStringLiteral("a2"));
    QVERIFY(open && confirmed);
    QCOMPARE(open->status, AnomalyStatus::Open);
    QCOMPARE(confirmed->status, AnomalyStatus::Confirmed);
    QCOMPARE(*confirmed->firstScore, 0.82);
    QCOMPARE(*confirmed->firstRisk, Risk::High);
    QCOMPARE(*confirmed->decidedAt, kNow - 5);
    QCOMPARE(open->source, CaseSource::Detector);
    for (const QString& id : {QStringLiteral("a1"), QStringLiteral("a2")}) {
        auto history = (*ledger)->anomalyHistory(id);
        QVERIFY(history);
        QCOMPARE(history->scores.size(), 1);
        QCOMPARE(history->audit.size(), 1);
        QCOMPARE(history->audit.front().action, QStringLiteral("migrated"));
    }
    // The migrated file behaves like a new one: a LOW re-score clears the open case, the confirmed one stays.
    QVERIFY(scoreRun(**ledger, 1, QStringLiteral("t1"), 0.3).isOk());
    QVERIFY(scoreRun(**ledger, 1, QStringLiteral("t2"), 0.3).isOk());
    QCOMPARE((*ledger)->anomaly(QStringLiteral("a1"))->status, AnomalyStatus::Cleared);
    QCOMPARE((*ledger)->anomaly(QStringLiteral("a2"))->status, AnomalyStatus::Confirmed);
    QSqlQuery q(*(*ledger)->database()->connection());
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET actor = 'mallory'")));
    QVERIFY(q.lastError().text().contains(QStringLiteral("append-only")));
}

// The report: a confirmed HIGH 0.822 was rewritten by later runs. Now the decision, the first score and the
// detection time stay; the latest score follows each run and the history has one entry per run.
void TestDecisions::rescoreKeepsDecisionAndFirstScore()
{
    const QString t = addTx(-99999);
    QVERIFY(scoreRun(*m_ledger, m_account, t, 0.822).isOk());
    const Anomaly first = m_ledger->anomalyForTransaction(t).value();
    QCOMPARE(first.detectedAt, kNow);
    m_clock->advanceMs(1000);
    auto confirmed = m_ledger->setAnomalyStatus(first.id, AnomalyStatus::Confirmed, QStringLiteral("alice"));
    QVERIFY(confirmed);
    QCOMPARE(confirmed->decidedBy, recorded(QStringLiteral("alice")));
    for (double score : {0.75, 0.678, 0.2, 0.9}) {
        m_clock->advanceMs(kHour);
        QVERIFY(scoreRun(*m_ledger, m_account, t, score).isOk());
        const Anomaly now = m_ledger->anomaly(first.id).value();
        QCOMPARE(now.status, AnomalyStatus::Confirmed);
        QCOMPARE(now.score, score);
        QCOMPARE(*now.scoredAt, m_clock->nowMs());
        QCOMPARE(*now.firstScore, 0.822);
        QCOMPARE(*now.firstRisk, Risk::High);
        QCOMPARE(now.detectedAt, kNow);
        QCOMPARE(now.decidedBy, recorded(QStringLiteral("alice")));
        QCOMPARE(*now.decidedAt, kNow + 1000);
    }
    auto history = m_ledger->anomalyHistory(first.id);
    QVERIFY(history);
    QCOMPARE(history->scores.size(), 5);
    QCOMPARE(history->scores.back().score, 0.9);
    QCOMPARE(history->scores.front().model, QStringLiteral("account:%1@test").arg(m_account));
    QCOMPARE(history->audit.size(), 2); // detected, confirmed by alice; the runs changed no decision
    QCOMPARE(history->audit[1].actor, recorded(QStringLiteral("alice")));
    QCOMPARE(history->audit[1].from, QStringLiteral("open"));
    QCOMPARE(history->audit[1].to, QStringLiteral("confirmed"));
}

// Scores that carry their row key are written by it (gathered into one statement on PostgreSQL): exactly, and when a
// key comes twice in one call, the later score stands.
void TestDecisions::scoresByRowKey()
{
    const QString first = addTx(-100);
    const QString second = addTx(-200);
    auto columns = m_ledger->transactionColumns(m_account);
    QVERIFY2(columns, qPrintable(columns.status().toString()));
    QCOMPARE(columns->ids.size(), 2);
    const auto keyOf = [&](const QString& id) { return columns->key[size_t(columns->ids.indexOf(id))]; };
    const double exact = 0.123456789012345678;
    const QList<TransactionScore> scores {{first, 0.4, Risk::Low, keyOf(first)},
                                          {second, exact, Risk::Low, keyOf(second)},
                                          {first, 0.3, Risk::Low, keyOf(first)}};
    const Status s = m_ledger->storeDetectionResults(m_account, scores, {}, std::nullopt);
    QVERIFY2(s.isOk(), qPrintable(s.toString()));
    QCOMPARE(m_ledger->transaction(first)->anomalyScore.value_or(-1), 0.3);
    QVERIFY(m_ledger->transaction(second)->anomalyScore.value_or(-1) == exact);
}

void TestDecisions::openCaseIsClearedAndReopened()
{
    const QString t = addTx(-5000);
    QVERIFY(scoreRun(*m_ledger, m_account, t, 0.7).isOk());
    const QString id = m_ledger->anomalyForTransaction(t)->id;
    m_clock->advanceMs(kHour);
    QVERIFY(scoreRun(*m_ledger, m_account, t, 0.4).isOk());
    QCOMPARE(m_ledger->anomaly(id)->status, AnomalyStatus::Cleared);
    QCOMPARE(*m_ledger->anomaly(id)->statusChangedAt, kNow + kHour);
    AnomalyFilter cleared;
    cleared.status = AnomalyStatus::Cleared;
    QCOMPARE(m_ledger->countAnomalies(cleared).value(), qint64(1));
    QCOMPARE(m_ledger->account(m_account)->openMedium, 0);
    QVERIFY(m_ledger->anomaliesPerDay(kNow - kDayMs, kNow + kDayMs)->isEmpty()); // the trend leaves cleared out
    m_clock->advanceMs(kHour);
    QVERIFY(scoreRun(*m_ledger, m_account, t, 0.85).isOk());
    QCOMPARE(m_ledger->anomaly(id)->status, AnomalyStatus::Open);
    QCOMPARE(m_ledger->anomaly(id)->risk, Risk::High);
    auto history = m_ledger->anomalyHistory(id);
    QCOMPARE(history->audit.size(), 3);
    QCOMPARE(history->audit[1].actor, recorded(QStringLiteral("detector")));
    QCOMPARE(history->audit[1].to, QStringLiteral("cleared"));
    QCOMPARE(history->audit[2].to, QStringLiteral("open"));
    // An analyst reopens a cleared case; the detector then leaves it open only while it scores MEDIUM+.
    QVERIFY(scoreRun(*m_ledger, m_account, t, 0.1).isOk());
    QVERIFY(m_ledger->setAnomalyStatus(id, AnomalyStatus::Open, QStringLiteral("bob")).isOk());
    QCOMPARE(m_ledger->anomaly(id)->status, AnomalyStatus::Open);
    // A LOW score for a transaction without a case opens none.
    const QString quiet = addTx(-10);
    QVERIFY(scoreRun(*m_ledger, m_account, quiet, 0.1).isOk());
    QVERIFY(m_ledger->anomalyForTransaction(quiet).status().isNotFound());
}

// Property: random sequences of detection runs with random scores and random analyst decisions. No run changes a
// decision (status, decidedBy, decidedAt of confirmed/dismissed cases), the first score never changes, every scoring
// of a transaction with a case appends one history entry, and open/cleared follow the latest risk.
void TestDecisions::decisionsSurviveDetectionRuns()
{
    QRandomGenerator rng(20261202);
    QStringList txs;
    for (int i = 0; i < 12; ++i)
        txs.append(addTx(-(i + 1) * 100));
    struct Expect
    {
        QString id;
        double firstScore = 0;
        qsizetype scorings = 0;
    };
    QHash<QString, Expect> expect; // by transaction
    for (int step = 0; step < 400; ++step) {
        m_clock->advanceMs(1000);
        const QString t = txs[int(rng.bounded(txs.size()))];
        if (rng.bounded(4) == 0 && expect.contains(t)) {
            const auto status = AnomalyStatus(rng.bounded(4));
            QVERIFY(m_ledger->setAnomalyStatus(expect[t].id, status, QStringLiteral("analyst%1").arg(rng.bounded(3))));
            continue;
        }
        const double score = rng.bounded(1000) / 1000.0;
        const std::optional<Anomaly> before
            = expect.contains(t) ? std::optional(m_ledger->anomaly(expect[t].id).value()) : std::nullopt;
        QVERIFY(scoreRun(*m_ledger, m_account, t, score).isOk());
        auto after = m_ledger->anomalyForTransaction(t);
        if (!before) {
            QCOMPARE(after.isOk(), riskForScore(score) != Risk::Low);
            if (after)
                expect.insert(t, {after->id, score, 1});
            continue;
        }
        QVERIFY(after);
        Expect& e = expect[t];
        ++e.scorings;
        QCOMPARE(*after->firstScore, e.firstScore);
        QCOMPARE(after->detectedAt, before->detectedAt);
        QCOMPARE(after->score, score);
        if (before->status == AnomalyStatus::Confirmed || before->status == AnomalyStatus::Dismissed) {
            QCOMPARE(after->status, before->status);
            QCOMPARE(after->decidedBy, before->decidedBy);
            QCOMPARE(after->decidedAt, before->decidedAt);
        } else if (before->status == AnomalyStatus::Open || before->status == AnomalyStatus::Cleared) {
            QCOMPARE(after->status, riskForScore(score) == Risk::Low ? AnomalyStatus::Cleared : AnomalyStatus::Open);
        }
        QCOMPARE(m_ledger->anomalyHistory(e.id)->scores.size(), e.scorings);
    }
    QVERIFY(expect.size() > 3);
}

void TestDecisions::decideNotesAssignee()
{
    const QString t = addTx(-5000);
    QVERIFY(scoreRun(*m_ledger, m_account, t, 0.9).isOk());
    const QString id = m_ledger->anomalyForTransaction(t)->id;
    m_clock->advanceMs(1000);
    auto r = m_ledger->decideAnomaly(
        id, {AnomalyStatus::Dismissed, QStringLiteral("known supplier"), QStringLiteral("carol")},
        QStringLiteral("alice"));
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->status, AnomalyStatus::Dismissed);
    QCOMPARE(r->assignee, QStringLiteral("carol"));
    QCOMPARE(*r->decidedAt, kNow + 1000);
    QVERIFY(m_ledger->addNote(id, QStringLiteral("called the supplier"), QStringLiteral("carol")));
    // Same values again: nothing changes, nothing is written.
    const qint64 entries = auditCount(*m_ledger);
    QVERIFY(
        m_ledger->decideAnomaly(id, {AnomalyStatus::Dismissed, {}, QStringLiteral("carol")}, QStringLiteral("alice")));
    QCOMPARE(auditCount(*m_ledger), entries);
    auto history = m_ledger->anomalyHistory(id).value();
    QCOMPARE(history.audit.size(), 4); // detected, status (with the note), assignee, note
    QCOMPARE(history.audit[1].action, QStringLiteral("status"));
    QCOMPARE(history.audit[1].note, QStringLiteral("known supplier"));
    QCOMPARE(history.audit[2].action, QStringLiteral("assignee"));
    QCOMPARE(history.audit[2].to, QStringLiteral("carol"));
    QCOMPARE(history.notes.size(), 2);
    QCOMPARE(history.notes[1].actor, recorded(QStringLiteral("carol")));

    QCOMPARE(m_ledger->decideAnomaly(id, {}, QStringLiteral("alice")).status().field(), QStringLiteral("status"));
    QCOMPARE(m_ledger->addNote(id, QStringLiteral("x"), QString()).status().field(), QStringLiteral("actor"));
    QCOMPARE(m_ledger->addNote(id, QString(kMaxNoteLength + 1, QLatin1Char('x')), QStringLiteral("a")).status().field(),
             QStringLiteral("note"));
    QCOMPARE(m_ledger
                 ->decideAnomaly(id, {std::nullopt, {}, QString(kMaxAssigneeLength + 1, QLatin1Char('x'))},
                                 QStringLiteral("a"))
                 .status()
                 .field(),
             QStringLiteral("assignee"));
    QVERIFY(
        m_ledger->addNote(QStringLiteral("missing"), QStringLiteral("x"), QStringLiteral("a")).status().isNotFound());
    QVERIFY(m_ledger->anomalyHistory(QStringLiteral("missing")).status().isNotFound());
    QCOMPARE(auditCount(*m_ledger), entries);
}

void TestDecisions::filters()
{
    const QString a = addTx(-5000, QStringLiteral("Invoice 4711"));
    const QString b = addTx(-6000, QStringLiteral("Rent May"));
    QVERIFY(scoreRun(*m_ledger, m_account, a, 0.9).isOk());
    QVERIFY(scoreRun(*m_ledger, m_account, b, 0.9).isOk());
    const QString idA = m_ledger->anomalyForTransaction(a)->id;
    const QString idB = m_ledger->anomalyForTransaction(b)->id;
    QVERIFY(m_ledger->decideAnomaly(idA, {std::nullopt, {}, QStringLiteral("dave")}, QStringLiteral("x")));
    QVERIFY(m_ledger->addNote(idB, QStringLiteral("Chargeback 100% expected, Rückbuchung"), QStringLiteral("x")));
    AnomalyFilter f;
    f.assignee = QStringLiteral("dave");
    QCOMPARE(m_ledger->anomalies(f)->items.value(0).id, idA);
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(1));
    f.assignee = QString();
    QCOMPARE(m_ledger->anomalies(f)->items.value(0).id, idB);
    f = {};
    f.text = QStringLiteral("invoice");
    QCOMPARE(m_ledger->anomalies(f)->items.value(0).id, idA);
    f.text = QStringLiteral("100%");
    QCOMPARE(m_ledger->anomalies(f)->items.value(0).id, idB);
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(1));
    f.text = QStringLiteral("acme");
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(2));
    f.text = QStringLiteral("RÜCKBUCHUNG"); // a note, in another case beyond ASCII
    QCOMPARE(m_ledger->anomalies(f)->items.value(0).id, idB);
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(1));
}

// decideAnomalies: one SQL transaction for many cases (an unknown id changes nothing), one audit entry per change
// with the actor; the assignees present are listed; the text search also finds the account name and the explanation.
void TestDecisions::bulkDecisionsAllOrNothing()
{
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        const QString t = addTx(-5000 - i);
        QVERIFY(scoreRun(*m_ledger, m_account, t, 0.9).isOk());
        ids.append(m_ledger->anomalyForTransaction(t)->id);
    }
    const qint64 entries = auditCount(*m_ledger);
    const Decision confirm {AnomalyStatus::Confirmed, {}, std::nullopt};
    QVERIFY(m_ledger->decideAnomalies(ids + QStringList {QStringLiteral("missing")}, confirm, QStringLiteral("alice"))
                .isNotFound());
    QCOMPARE(auditCount(*m_ledger), entries);
    QCOMPARE(m_ledger->anomaly(ids[0])->status, AnomalyStatus::Open);
    QSignalSpy changed(m_ledger.get(), &Ledger::anomaliesChanged);
    QVERIFY(m_ledger->decideAnomalies(ids, confirm, QStringLiteral("alice")).isOk());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(auditCount(*m_ledger), entries + 3);
    for (const QString& id : ids) {
        const Anomaly a = m_ledger->anomaly(id).value();
        QCOMPARE(a.status, AnomalyStatus::Confirmed);
        QCOMPARE(a.decidedBy, recorded(QStringLiteral("alice")));
        QCOMPARE(m_ledger->anomalyHistory(id)->audit.last().actor, recorded(QStringLiteral("alice")));
    }
    QVERIFY(
        m_ledger->decideAnomalies(ids.mid(1), {std::nullopt, {}, QStringLiteral("zoe")}, QStringLiteral("bob")).isOk());
    QVERIFY(m_ledger->decideAnomaly(ids[0], {std::nullopt, {}, QStringLiteral("carol")}, QStringLiteral("bob")));
    QCOMPARE(m_ledger->anomalyAssignees().value(), (QStringList {QStringLiteral("carol"), QStringLiteral("zoe")}));
    QCOMPARE(auditCount(*m_ledger), entries + 6);

    AnomalyFilter f;
    f.text = QStringLiteral("operat"); // the account's name
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(3));
    QCOMPARE(m_ledger->anomalies(f)->items.size(), 3);
    f.text = QStringLiteral("typical"); // no explanation stored yet
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(0));
    const QString t = addTx(-9000);
    Anomaly explained = record(m_account, t, 0.9);
    explained.explanation
        = QJsonArray {QJsonObject {{QStringLiteral("feature"), QStringLiteral("amount")},
                                   {QStringLiteral("text"), QStringLiteral("amount is 9 times typical")}}};
    QVERIFY(m_ledger->storeDetectionResults(m_account, {{t, 0.9, Risk::High}}, {explained}, std::nullopt).isOk());
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(1));
    QCOMPARE(m_ledger->anomalies(f)->items.value(0).transactionId, t);
    f.text = QStringLiteral("feature"); // a key of the explanation's JSON, not its words
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(0));
    // Words that JSON escapes (here a quote) are found too.
    const QString q = addTx(-9100);
    Anomaly quoted = record(m_account, q, 0.9);
    quoted.explanation = QJsonArray {QJsonObject {{QStringLiteral("feature"), QStringLiteral("counterparty")},
                                                  {QStringLiteral("text"), QStringLiteral("new payee \"Zeta\" Ltd")}}};
    QVERIFY(m_ledger->storeDetectionResults(m_account, {{q, 0.9, Risk::High}}, {quoted}, std::nullopt).isOk());
    f.text = QStringLiteral("\"zeta\"");
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(1));
    QCOMPARE(m_ledger->anomalies(f)->items.value(0).transactionId, q);
}

void TestDecisions::labels()
{
    const QString missed = addTx(-777);
    const QString flagged = addTx(-99999);
    QVERIFY(scoreRun(*m_ledger, m_account, flagged, 0.9).isOk());
    const QString flaggedCase = m_ledger->anomalyForTransaction(flagged)->id;

    // A fraud the detector missed: a case of source analyst without a score.
    auto fraud = m_ledger->labelTransaction(missed, Label::Fraud, kNow - 500, QStringLiteral("alice"),
                                            QStringLiteral("chargeback by mail"));
    QVERIFY2(fraud, qPrintable(fraud.status().toString()));
    QCOMPARE(fraud->source, CaseSource::Analyst);
    QCOMPARE(fraud->status, AnomalyStatus::Confirmed);
    QVERIFY(!fraud->scored);
    QCOMPARE(fraud->decidedBy, recorded(QStringLiteral("alice")));
    QCOMPARE(*fraud->decidedAt, kNow - 500);
    QCOMPARE(fraud->amount, qint64(-777));

    // A label on a detected case decides it; a later label supersedes; an older one is recorded but changes nothing.
    QCOMPARE(m_ledger->labelTransaction(flagged, Label::Normal, kNow, QStringLiteral("bob"))->status,
             AnomalyStatus::Dismissed);
    QCOMPARE(m_ledger->labelTransaction(flagged, Label::Fraud, kNow + 10, QStringLiteral("carol"))->status,
             AnomalyStatus::Confirmed);
    auto older = m_ledger->labelTransaction(flagged, Label::Normal, kNow - 10, QStringLiteral("dave"));
    QCOMPARE(older->status, AnomalyStatus::Confirmed);
    QCOMPARE(older->decidedBy, recorded(QStringLiteral("carol")));
    QCOMPARE(older->id, flaggedCase);
    auto audit = m_ledger->anomalyHistory(flaggedCase)->audit;
    QCOMPARE(audit.size(), 4);
    QCOMPARE(audit[1].action, QStringLiteral("label"));
    QCOMPARE(audit[1].from, QStringLiteral("open"));
    QCOMPARE(audit[2].from, QStringLiteral("dismissed"));
    QCOMPARE(audit[3].action, QStringLiteral("label_superseded"));
    QCOMPARE(audit[3].actor, recorded(QStringLiteral("dave")));

    // The detector scoring the analyst's case keeps the decision and records its first score.
    QVERIFY(scoreRun(*m_ledger, m_account, missed, 0.3).isOk());
    auto scored = m_ledger->anomaly(fraud->id).value();
    QCOMPARE(scored.status, AnomalyStatus::Confirmed);
    QVERIFY(scored.scored);
    QCOMPARE(*scored.firstScore, 0.3);

    QCOMPARE(
        m_ledger->labelTransaction(QStringLiteral("nope"), Label::Fraud, kNow, QStringLiteral("a")).status().field(),
        QStringLiteral("transactionId"));
    QCOMPARE(m_ledger->labelTransaction(missed, Label::Fraud, kNow + 2 * kDayMs, QStringLiteral("a")).status().field(),
             QStringLiteral("decidedAt"));
}

void TestDecisions::labelsInBulkAllOrNothing()
{
    auto second = m_ledger->createAccount({QStringLiteral("Card"), AccountType::CreditCard, QStringLiteral("EUR")});
    QVERIFY(second);
    QList<ImportRow> rows;
    for (qint64 account : {m_account, second->id}) {
        for (int i = 0; i < 3; ++i) {
            ImportRow r;
            r.transaction = tx(account, -(i + 1) * 100, kNow - (i + 1) * kHour);
            r.transaction.source = Source::Import;
            r.transaction.externalId
                = QStringLiteral("EXT-%1%2").arg(i).arg(account == m_account ? QString() : QStringLiteral("c"));
            rows.append(r);
        }
    }
    // EXT-0 exists in both accounts when both have it.
    rows[3].transaction.externalId = QStringLiteral("EXT-0");
    ImportBatchOptions options;
    options.format = QStringLiteral("csv");
    QVERIFY(m_ledger->importBatch(rows, options));

    QList<LabelRequest> requests;
    LabelRequest r;
    r.actor = QStringLiteral("importer");
    r.externalId = QStringLiteral("EXT-1");
    requests.append(r);
    r.externalId = QStringLiteral("EXT-0");
    r.accountId = second->id;
    r.label = Label::Normal;
    requests.append(r);
    r.externalId = QStringLiteral("EXT-0"); // ambiguous without the account
    r.accountId.reset();
    requests.append(r);
    const qint64 entries = auditCount(*m_ledger);
    qsizetype failed = -1;
    auto bad = m_ledger->labelTransactions(requests, &failed);
    QCOMPARE(bad.status().field(), QStringLiteral("accountId"));
    QCOMPARE(failed, qsizetype(2));
    QCOMPARE(auditCount(*m_ledger), entries);
    QCOMPARE(m_ledger->countAnomalies({}).value(), qint64(0));

    requests.removeLast();
    // Labels naming ids no transaction has (rows an import skipped): refused with their number and the first ids.
    QList<LabelRequest> unknown = requests;
    for (const char* id : {"GONE-1", "GONE-2", "GONE-3"}) {
        r.externalId = QString::fromLatin1(id);
        unknown.append(r);
    }
    failed = -1;
    auto refused = m_ledger->labelTransactions(unknown, &failed);
    QVERIFY(!refused.isOk());
    QCOMPARE(failed, qsizetype(2));
    QVERIFY2(refused.status().message().startsWith(u"3 of the 5 labels name an externalId no transaction of the "
                                                   u"ledger has (GONE-1, GONE-2, GONE-3): nothing was labelled"),
             qPrintable(refused.status().message()));
    QCOMPARE(auditCount(*m_ledger), entries);
    auto ok = m_ledger->labelTransactions(requests);
    QVERIFY2(ok, qPrintable(ok.status().toString()));
    QCOMPARE(ok->labelled, qint64(2));
    QCOMPARE(ok->created, qint64(2));
    QCOMPARE(m_ledger->anomalies({})->items.size(), 2);
    AnomalyFilter inSecond;
    inSecond.accountId = second->id;
    QCOMPARE(m_ledger->anomalies(inSecond)->items.value(0).status, AnomalyStatus::Dismissed);
    QCOMPARE(m_ledger->transaction(m_ledger->anomalies(inSecond)->items.value(0).transactionId)->externalId,
             QStringLiteral("EXT-0"));
    auto again = m_ledger->labelTransactions(requests);
    QCOMPARE(again->updated, qint64(2));
    QCOMPARE(auditCount(*m_ledger), entries + 4);
}

// No code path updates or deletes an audit entry: raw SQL is refused by the triggers, and every Ledger write
// (decisions, labels, detection runs, import undo) only appends. An undone import's cases keep their trail.
void TestDecisions::auditIsAppendOnly()
{
    auto batch = importOne(QStringLiteral("X1"));
    QVERIFY(batch);
    const QString t = m_ledger->transactions({})->items.value(0).id;
    QVERIFY(scoreRun(*m_ledger, m_account, t, 0.95).isOk());
    const QString id = m_ledger->anomalyForTransaction(t)->id;
    QVERIFY(m_ledger->setAnomalyStatus(id, AnomalyStatus::Confirmed, QStringLiteral("alice")));
    QVERIFY(m_ledger->labelTransaction(t, Label::Fraud, kNow, QStringLiteral("bob")));
    QCOMPARE(auditCount(*m_ledger), qint64(3));

    QSqlQuery q(*m_ledger->database()->connection());
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET note = 'edited'")));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log WHERE anomaly_id = '%1'").arg(id)));
    QCOMPARE(auditCount(*m_ledger), qint64(3));

    auto undone = m_ledger->undoImportBatch(batch->batchId);
    QVERIFY2(undone, qPrintable(undone.status().toString()));
    QVERIFY(m_ledger->anomaly(id).status().isNotFound());
    auto history = m_ledger->anomalyHistory(id);
    QVERIFY2(history, qPrintable(history.status().toString()));
    QCOMPARE(history->audit.size(), 4);
    QCOMPARE(history->audit.back().action, QStringLiteral("deleted"));
    QCOMPARE(history->audit.back().from, QStringLiteral("confirmed"));
    QCOMPARE(history->audit.back().actor, recorded(QStringLiteral("import undo")));
    QCOMPARE(history->scores.size(), 1);
    QCOMPARE(m_ledger->transactionAudit(t)->size(), 4);
}

// `ledgerguard label FILE --db LEDGER --json` as a real process: all or nothing, errors per line and column, exit
// codes 0 / 1 / 2, decidedBy defaulting to the OS user.
void TestDecisions::labelCommand()
{
    QVERIFY(importOne(QStringLiteral("CB-1")));
    const QString other = addTx(-10);
    const QString dbPath = m_ledger->database()->path();
    m_ledger.reset();

    auto run = [&](const QByteArray& csv, QJsonObject* json) {
        const QString file = m_dir->filePath(QStringLiteral("labels.csv"));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return -1;
        f.write(csv);
        f.close();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("USER"), QStringLiteral("os-user"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(LG_APP_PATH),
                {QStringLiteral("label"), file, QStringLiteral("--db"), dbPath, QStringLiteral("--json")});
        if (!p.waitForFinished(60000))
            return -1;
        *json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        return p.exitCode();
    };
    QJsonObject json;
    // Line 3 has a bad label, line 4 an unknown transaction: nothing is written.
    QCOMPARE(run(QStringLiteral("externalId;label;note\nCB-1;fraud;chargeback\nCB-1;maybe;x\n").toUtf8(), &json), 1);
    QCOMPARE(json.value("errors").toArray().size(), 1);
    QCOMPARE(json.value("errors").toArray().at(0).toObject().value("line").toInt(), 3);
    QCOMPARE(json.value("errors").toArray().at(0).toObject().value("column").toString(), QStringLiteral("label"));
    QCOMPARE(run(QStringLiteral("transactionId,label\n%1,fraud\nnope,fraud\n").arg(other).toUtf8(), &json), 1);
    QCOMPARE(json.value("errors").toArray().at(0).toObject().value("line").toInt(), 3);
    QCOMPARE(json.value("errors").toArray().at(0).toObject().value("column").toString(),
             QStringLiteral("transactionId"));
    QCOMPARE(run(QByteArray("note\nx\n"), &json), 1);

    QCOMPARE(run(QByteArray("externalId,label\nCB-1,fraud\n,normal\n"), &json), 1); // no id on line 3
    QCOMPARE(json.value("errors").toArray().at(0).toObject().value("line").toInt(), 3);
    QCOMPARE(run(QStringLiteral("externalId,transactionId,label,decidedAt,decidedBy,note\n"
                                "CB-1,,fraud,2026-05-01T10:00:00Z,,chargeback\n,%1,normal,,carol,\n")
                     .arg(other)
                     .toUtf8(),
                 &json),
             0);
    QCOMPARE(json.value("labelled").toInt(), 2);
    QCOMPARE(json.value("created").toInt(), 2);
    QVERIFY(json.value("errors").toArray().isEmpty());

    auto ledger = Ledger::open(dbPath, *m_clock);
    QVERIFY(ledger);
    AnomalyFilter confirmed;
    confirmed.status = AnomalyStatus::Confirmed;
    const Anomaly fraud = (*ledger)->anomalies(confirmed)->items.value(0);
    QCOMPARE(fraud.decidedBy, (*ledger)->database()->recordedActor(QStringLiteral("os-user")));
    QCOMPARE(*fraud.decidedAt,
             QDateTime::fromString(QStringLiteral("2026-05-01T10:00:00Z"), Qt::ISODate).toMSecsSinceEpoch());
    QCOMPARE((*ledger)->anomalyForTransaction(other)->decidedBy,
             (*ledger)->database()->recordedActor(QStringLiteral("carol")));
    QCOMPARE(run(QByteArray(), &json), 1);

    // A published labelled data set as it is: its is_fraud (1/0) is the label, its trans_num the external id.
    QCOMPARE(run(QByteArray("trans_date_trans_time,cc_num,amt,trans_num,is_fraud\n"
                            "2020-06-21 12:14:25,2291163933867244,2.86,CB-1,0\n"),
                 &json),
             0);
    QCOMPARE(json.value("labelled").toInt(), 1);
    QCOMPARE(json.value("updated").toInt(), 1);
    AnomalyFilter dismissed;
    dismissed.status = AnomalyStatus::Dismissed;
    QCOMPARE((*ledger)->anomalies(dismissed)->items.size(), 2); // CB-1's and carol's
    QCOMPARE(run(QByteArray("Time,Amount,externalId,Class\n0,149.62,CB-1,maybe\n"), &json), 1);
    QCOMPARE(json.value("errors").toArray().at(0).toObject().value("column").toString(), QStringLiteral("label"));
}

QTEST_GUILESS_MAIN(TestDecisions)
#include "tst_decisions.moc"
