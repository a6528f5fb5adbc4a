// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "ledger_history.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;

struct Fixture
{
    QTemporaryDir dir;
    ManualClock clock {kNow};
    std::unique_ptr<Ledger> ledger;
    explicit Fixture(const QString& name = QStringLiteral("g.sqlite"))
    {
        ledger = std::move(*Ledger::open(dir.filePath(name), clock));
    }
};

// The generated history as comparable text (ids differ between ledgers; everything else must not).
QStringList fingerprint(Ledger& ledger)
{
    QStringList out;
    for (const Account& a : *ledger.accounts()) {
        for (const Transaction& t : *accountHistory(ledger, a.id))
            out << QStringLiteral("%1|%2|%3|%4|%5|%6")
                       .arg(a.name)
                       .arg(t.amount)
                       .arg(t.timestamp)
                       .arg(categoryKey(t.category), t.counterparty, t.description);
    }
    return out;
}

} // namespace

class TestGenerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void demoLedger();
    void deterministicForSeed();
    void runOnceWritesSubsetAndMarksStale();
    void injectsLabelledAnomalies();
    void realisticPatterns();
    void injectedTypesHaveTheirShape_data();
    void injectedTypesHaveTheirShape();
    void anomalyTypeKeysAndLabels();
    void liveRunsNeverBookTheFuture();
};

void TestGenerator::demoLedger()
{
    Fixture f;
    QVERIFY(createDemoLedger(*f.ledger, 30, 7).isOk());
    auto accounts = f.ledger->accounts();
    QCOMPARE(accounts->size(), 8);
    QStringList names;
    for (const Account& a : *accounts) {
        names << a.name;
        QVERIFY2(a.transactionCount > 0, qPrintable(a.name));
        QCOMPARE(a.balance, *f.ledger->sumOfTransactions(a.id));
        QVERIFY(a.isStale);
    }
    QCOMPARE(names,
             (QStringList {"Operating", "Payroll", "Savings", "Corporate card", "Accounts receivable",
                           "Accounts payable", "Tax reserve", "Petty cash"}));
    QVERIFY(createDemoLedger(*f.ledger).isConflict());
}

void TestGenerator::deterministicForSeed()
{
    Fixture a(QStringLiteral("a.sqlite"));
    Fixture b(QStringLiteral("b.sqlite"));
    Fixture c(QStringLiteral("c.sqlite"));
    QVERIFY(createDemoLedger(*a.ledger, 20, 42).isOk());
    QVERIFY(createDemoLedger(*b.ledger, 20, 42).isOk());
    QVERIFY(createDemoLedger(*c.ledger, 20, 43).isOk());
    QCOMPARE(fingerprint(*a.ledger), fingerprint(*b.ledger));
    QVERIFY(fingerprint(*a.ledger) != fingerprint(*c.ledger));
    QCOMPARE(a.ledger->injectedLabels().value().size(), b.ledger->injectedLabels().value().size());
}

void TestGenerator::runOnceWritesSubsetAndMarksStale()
{
    Fixture f;
    QVERIFY(createDemoLedger(*f.ledger, 10, 1).isOk());
    for (const Account& a : *f.ledger->accounts())
        QVERIFY(f.ledger->storeDetectionResults(a.id, {}, {}, a.changeSeq).isOk());
    QVERIFY(f.ledger->staleAccountIds()->isEmpty());
    TransactionGeneratorOptions options;
    options.seed = 5;
    options.accountShare = 0.25;
    TransactionGenerator generator(*f.ledger, options);
    QSignalSpy spy(&generator, &TransactionGenerator::generated);
    const qint64 before = f.ledger->countTransactions({}).value();
    auto run = generator.runOnce();
    QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(run->accountIds.size(), 2);
    QVERIFY(run->transactions >= 2);
    QCOMPARE(f.ledger->countTransactions({}).value(), before + run->transactions);
    QList<qint64> stale = *f.ledger->staleAccountIds();
    QList<qint64> expected = run->accountIds;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(stale, expected);
    for (const Account& a : *f.ledger->accounts())
        QCOMPARE(a.balance, *f.ledger->sumOfTransactions(a.id));
}

void TestGenerator::injectsLabelledAnomalies()
{
    Fixture f;
    QVERIFY(createDemoLedger(*f.ledger, 1, 1).isOk());
    TransactionGeneratorOptions options;
    options.seed = 9;
    options.anomalyRate = 0.2;
    options.compromisedCounterparty = true;
    TransactionGenerator generator(*f.ledger, options);
    const qint64 demoLabels = f.ledger->injectedLabels()->size(); // the demo day's own
    auto run = generator.backfill(60);
    QVERIFY(run.isOk());
    QVERIFY(run->anomalies > 20);
    auto labels = *f.ledger->injectedLabels();
    QCOMPARE(qint64(labels.size()) - demoLabels, run->anomalies);
    QSet<QString> types(labels.cbegin(), labels.cend());
    for (AnomalyType t : allAnomalyTypes())
        QVERIFY2(types.contains(anomalyTypeKey(t)), qPrintable(anomalyTypeKey(t)));
    // Labels are not visible on the transactions themselves.
    auto t = f.ledger->transaction(labels.keys().first());
    QVERIFY(t.isOk());
    QVERIFY(!t->anomalyScore);
}

void TestGenerator::realisticPatterns()
{
    Fixture f;
    QVERIFY(createDemoLedger(*f.ledger, 90, 3).isOk());
    int weekend = 0, night = 0, total = 0;
    bool payroll = false;
    for (const Account& a : *f.ledger->accounts()) {
        for (const Transaction& t : *accountHistory(*f.ledger, a.id)) {
            const QDateTime when = QDateTime::fromMSecsSinceEpoch(t.timestamp, Qt::UTC);
            weekend += when.date().dayOfWeek() > 5 ? 1 : 0;
            night += when.time().hour() < 6 ? 1 : 0;
            ++total;
            payroll |= t.category == Category::Payroll && when.date().day() == 25 && t.amount < 0;
        }
    }
    QVERIFY(payroll);
    QVERIFY2(weekend < total / 10, "most activity falls on weekdays");
    QVERIFY2(night < total / 50, "little activity at night");
}

void TestGenerator::injectedTypesHaveTheirShape_data()
{
    QTest::addColumn<QString>("type");
    for (AnomalyType t : allAnomalyTypes())
        QTest::addRow("%s", qPrintable(anomalyTypeKey(t))) << anomalyTypeKey(t);
}

// Each labelled transaction shows the one respect its label names.
void TestGenerator::injectedTypesHaveTheirShape()
{
    QFETCH(QString, type);
    Fixture f;
    QVERIFY(createDemoLedger(*f.ledger, 1, 1).isOk());
    TransactionGeneratorOptions options;
    options.seed = 11;
    options.anomalyRate = 0.05;
    options.compromisedCounterparty = true;
    TransactionGenerator generator(*f.ledger, options);
    QVERIFY(generator.backfill(60, 3.0).isOk());
    const QHash<QString, QString> labels = *f.ledger->injectedLabels();
    int checked = 0;
    for (const Account& a : *f.ledger->accounts()) {
        const QList<Transaction> history = *accountHistory(*f.ledger, a.id);
        QHash<QString, int> usualCounterparties;
        QSet<Category> usualCategories;
        for (const Transaction& t : history) {
            if (!labels.contains(t.id)) {
                ++usualCounterparties[t.counterparty];
                usualCategories.insert(t.category);
            }
        }
        for (qsizetype i = 0; i < history.size(); ++i) {
            const Transaction& t = history[i];
            if (labels.value(t.id) != type)
                continue;
            ++checked;
            const QTime time = QDateTime::fromMSecsSinceEpoch(t.timestamp, Qt::UTC).time();
            // An identical payment (amount and payee) in the 30 minutes before.
            int identicalBefore = 0;
            for (qsizetype j = i - 1; j >= 0 && history[j].timestamp >= t.timestamp - 30 * 60'000; --j)
                identicalBefore += history[j].amount == t.amount && history[j].counterparty == t.counterparty;
            if (type == QLatin1String("unusual_hour")) {
                QVERIFY2(time.hour() >= 1 && time.hour() < 4, qPrintable(time.toString()));
            } else if (type == QLatin1String("new_counterparty")) {
                QVERIFY(!usualCounterparties.contains(t.counterparty));
            } else if (type == QLatin1String("new_category")) {
                QVERIFY2(!usualCategories.contains(t.category), qPrintable(a.name));
            } else if (type == QLatin1String("round_amount")) {
                QCOMPARE(qAbs(t.amount) % 10'000, qint64(0)); // whole hundreds at least
            } else if (type == QLatin1String("compromised_counterparty")) {
                // An ordinary payment to a payee the account pays anyway.
                QVERIFY(t.amount < 0);
                QVERIFY(usualCounterparties.contains(t.counterparty));
                QVERIFY(time.hour() >= 6);
            } else if (type == QLatin1String("duplicate_payment") || type == QLatin1String("rapid_burst")) {
                QVERIFY2(identicalBefore >= 1, qPrintable(t.id));
            } else {
                QVERIFY(time.hour() >= 6); // the others keep business hours
            }
        }
    }
    QVERIFY2(checked > 0, "no transaction of this type was injected");
}

// The anomaly types' keys are the strings stored as labels and as Anomaly::anomalyType; each reads back.
void TestGenerator::anomalyTypeKeysAndLabels()
{
    const QList<AnomalyType> types = allAnomalyTypes();
    QCOMPARE(types.size(), 8);
    QSet<QString> keys, labels;
    for (AnomalyType t : types) {
        keys.insert(anomalyTypeKey(t));
        labels.insert(anomalyTypeLabel(t));
        QCOMPARE(anomalyTypeFromKey(anomalyTypeKey(t)), std::optional(t));
    }
    QCOMPARE(keys.size(), types.size());
    QCOMPARE(labels.size(), types.size());
    QCOMPARE(anomalyTypeKey(AnomalyType::DuplicatePayment), QStringLiteral("duplicate_payment"));
    QCOMPARE(anomalyTypeLabel(AnomalyType::UnusualHour), QStringLiteral("Unusual hour"));
    QCOMPARE(anomalyTypeFromKey(QStringLiteral("Amount spike")), std::nullopt);
}

void TestGenerator::liveRunsNeverBookTheFuture()
{
    // Scheduled runs, with every transaction's twin injected (bursts and duplicate payments included): nothing is
    // dated after the moment of the run, and the injected kinds keep their shape.
    Fixture f;
    QVERIFY(createDemoLedger(*f.ledger, 3, 2).isOk());
    TransactionGeneratorOptions options;
    options.seed = 11;
    options.anomalyRate = 1.0;
    options.accountShare = 1.0;
    TransactionGenerator generator(*f.ledger, options);
    for (int run = 0; run < 12; ++run) {
        f.clock.advanceMs(300'000);
        auto done = generator.runOnce();
        QVERIFY2(done.isOk(), qPrintable(done.status().toString()));
        const qint64 now = f.clock.nowMs();
        for (const Account& a : *f.ledger->accounts()) {
            QVERIFY2(a.lastActivity.value_or(0) <= now, qPrintable(a.name));
            for (const Transaction& t : *accountHistory(*f.ledger, a.id))
                QVERIFY2(
                    t.timestamp <= now,
                    qPrintable(
                        QStringLiteral("%1 booked %2 ms after the run").arg(t.description).arg(t.timestamp - now)));
        }
    }
    QSet<QString> kinds;
    const QHash<QString, QString> labels = f.ledger->injectedLabels().value();
    for (const QString& kind : labels)
        kinds.insert(kind);
    QVERIFY2(kinds.contains(QStringLiteral("duplicate_payment")) && kinds.contains(QStringLiteral("rapid_burst")),
             qPrintable(QStringList(kinds.values()).join(QLatin1Char(','))));
}

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
