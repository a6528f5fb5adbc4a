// SPDX-License-Identifier: GPL-3.0-or-later
// Creating accounts with an opening balance, closing and reopening them, reversing transactions, the migration to
// schema versions 5 and 8, and changing the risk thresholds (stored risks re-labelled, decisions untouched), on real
// SQLite files.
#include "generate/TransactionGenerator.h"
#include "ledger/Ledger.h"
#include "ledger/Schema.h"
#include "ledger_fixture.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;

NewTransaction tx(qint64 account, qint64 amount, qint64 ts, const QString& description = QStringLiteral("Payment"))
{
    NewTransaction t;
    t.accountId = account;
    t.amount = amount;
    t.description = description;
    t.category = QStringLiteral("supplier_payment");
    t.counterparty = QStringLiteral("ACME");
    t.timestamp = ts;
    return t;
}

// Every running balance of the account equals the prefix sum in (timestamp, id) order, and the balance the sum.
void checkInvariants(const Ledger& ledger, qint64 account)
{
    TransactionFilter f;
    f.accountId = account;
    f.ascending = true;
    auto page = ledger.transactions(f, PageRequest {500, {}});
    QVERIFY(page.isOk());
    qint64 sum = 0;
    for (const Transaction& t : page->items) {
        sum += t.amount;
        QCOMPARE(t.runningBalance, sum);
    }
    QCOMPARE(ledger.account(account)->balance, sum);
    QCOMPARE(*ledger.sumOfTransactions(account), sum);
}

// Writes the ledger file a build of schema `version` left behind: the migrations up to it, then `statements`.
void writeLedgerAtVersion(const QString& path, int version, const QStringList& statements)
{
    const QString name = QStringLiteral("v%1").arg(version);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(schema::migrate(db, 0, version).isOk());
        QSqlQuery q(db);
        for (const QString& statement : statements)
            QVERIFY2(q.exec(statement), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), version);
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// Opens `path` through the Ledger (which migrates it) into `out`, checking that the file is at the build's version.
void openMigrated(const QString& path, const Clock& clock, std::unique_ptr<Ledger>* out)
{
    auto ledger = Ledger::open(path, clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    {
        QSqlQuery q(*(*ledger)->database()->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), Database::kSchemaVersion);
    }
    *out = std::move(*ledger);
}

} // namespace

class TestLedgerLifecycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createsAccountWithOpeningBalance();
    void rejectsBadOpeningBalance();
    void closesOnlyAtZeroBalance();
    void closedAccountRefusesTransactions();
    void generatorAndDetectionSkipClosedAccounts();
    void reversesOnce();
    void reversalKeepsBackdatedBalancesExact();
    void reversalOfClosedAccountRefused();
    void undoRefusedForReversedImport();
    void migratesVersion4();
    void migratesVersion7ReversalLinks();
    void riskThresholdsRelabelWithoutTouchingDecisions();
    void riskThresholdsValidated();
    void cleanup();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
    qint64 m_account = 0;
};

void TestLedgerLifecycle::init()
{
    const Status s = test::openLedgerFixture(kNow, m_dir, m_clock, m_ledger, m_account);
    QVERIFY2(s.isOk(), qPrintable(s.toString()));
}

void TestLedgerLifecycle::createsAccountWithOpeningBalance()
{
    QSignalSpy added(m_ledger.get(), &Ledger::transactionsAdded);
    NewAccount n {QStringLiteral("Reserve"), AccountType::Savings, QStringLiteral("CHF")};
    n.openingBalance = 1'234'56;
    n.openingDate = kNow - 10 * kDayMs;
    auto a = m_ledger->createAccount(n);
    QVERIFY2(a.isOk(), qPrintable(a.status().toString()));
    QCOMPARE(a->balance, 1'234'56);
    QCOMPARE(a->transactionCount, 1);
    QCOMPARE(a->currency, QStringLiteral("CHF"));
    QVERIFY(!a->closedAt);
    QCOMPARE(added.count(), 1);
    TransactionFilter f;
    f.accountId = a->id;
    auto page = m_ledger->transactions(f);
    QCOMPARE(page->items.size(), 1);
    const Transaction& t = page->items.front();
    QCOMPARE(t.category, Category::OpeningBalance);
    QCOMPARE(t.description, QStringLiteral("Opening balance"));
    QCOMPARE(t.timestamp, kNow - 10 * kDayMs);
    QCOMPARE(t.runningBalance, 1'234'56);
    checkInvariants(*m_ledger, a->id);

    // No opening balance: no transaction.
    auto empty = m_ledger->createAccount({QStringLiteral("Petty cash"), AccountType::Cash, QStringLiteral("EUR")});
    QVERIFY(empty.isOk());
    QCOMPARE(empty->transactionCount, 0);
}

void TestLedgerLifecycle::rejectsBadOpeningBalance()
{
    const qint64 before = m_ledger->accounts()->size();
    NewAccount n {QStringLiteral("Too big"), AccountType::Checking, QStringLiteral("EUR")};
    n.openingBalance = kMaxAbsAmountMinor + 1;
    auto a = m_ledger->createAccount(n);
    QVERIFY(a.status().isInvalidArgument());
    QCOMPARE(a.status().field(), QStringLiteral("openingBalance"));
    n.openingBalance = 100;
    n.openingDate = kNow + 2 * kDayMs;
    a = m_ledger->createAccount(n);
    QCOMPARE(a.status().field(), QStringLiteral("openingDate"));
    n.openingDate.reset();
    n.name.clear();
    a = m_ledger->createAccount(n);
    QCOMPARE(a.status().field(), QStringLiteral("name"));
    QCOMPARE(m_ledger->accounts()->size(), before); // nothing half-written
    QCOMPARE(*m_ledger->countTransactions({}), 0);
}

void TestLedgerLifecycle::closesOnlyAtZeroBalance()
{
    QVERIFY(m_ledger->addTransaction(tx(m_account, 5000, kNow - 1000)).isOk());
    auto closed = m_ledger->closeAccount(m_account);
    QVERIFY(closed.status().isConflict());
    QVERIFY2(closed.status().message().contains(QStringLiteral("50.00")), qPrintable(closed.status().message()));
    QVERIFY(!m_ledger->account(m_account)->closedAt);

    QVERIFY(m_ledger->addTransaction(tx(m_account, -5000, kNow - 500)).isOk());
    QSignalSpy changed(m_ledger.get(), &Ledger::accountsChanged);
    m_clock->advanceMs(1000);
    closed = m_ledger->closeAccount(m_account);
    QVERIFY2(closed.isOk(), qPrintable(closed.status().toString()));
    QCOMPARE(closed->closedAt.value_or(0), kNow + 1000);
    QCOMPARE(changed.count(), 1);
    QVERIFY(m_ledger->closeAccount(m_account).status().isConflict()); // already closed
    QVERIFY(m_ledger->closeAccount(999).status().isNotFound());

    auto reopened = m_ledger->reopenAccount(m_account);
    QVERIFY(reopened.isOk());
    QVERIFY(!reopened->closedAt);
    QVERIFY(m_ledger->reopenAccount(m_account).status().isConflict()); // not closed
    QVERIFY(m_ledger->addTransaction(tx(m_account, 100, kNow)).isOk());
}

void TestLedgerLifecycle::closedAccountRefusesTransactions()
{
    QVERIFY(m_ledger->closeAccount(m_account).isOk());
    auto one = m_ledger->addTransaction(tx(m_account, 100, kNow));
    QVERIFY(one.status().isInvalidArgument());
    QCOMPARE(one.status().field(), QStringLiteral("accountId"));
    QVERIFY2(one.status().message().contains(QStringLiteral("closed")), qPrintable(one.status().message()));
    QCOMPARE(m_ledger->validate(tx(m_account, 100, kNow)).field(), QStringLiteral("accountId"));
    auto other = m_ledger->createAccount({QStringLiteral("Other"), AccountType::Checking, QStringLiteral("EUR")});
    auto many = m_ledger->addTransactions({tx(other->id, 100, kNow), tx(m_account, 100, kNow)});
    QVERIFY(many.status().isInvalidArgument());
    QVERIFY(many.status().message().contains(QStringLiteral("row 1")));
    QCOMPARE(*m_ledger->countTransactions({}), 0);
    ImportRow row {tx(m_account, 100, kNow), false};
    row.transaction.source = Source::Import;
    QVERIFY(m_ledger->importBatch({row}, {}).status().isInvalidArgument());
}

void TestLedgerLifecycle::generatorAndDetectionSkipClosedAccounts()
{
    auto other = m_ledger->createAccount({QStringLiteral("Other"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(m_ledger->addTransaction(tx(m_account, 100, kNow - 1000)).isOk());
    QVERIFY(m_ledger->addTransaction(tx(m_account, -100, kNow - 900)).isOk());
    QVERIFY(m_ledger->addTransaction(tx(other->id, 100, kNow - 800)).isOk());
    QCOMPARE(*m_ledger->staleAccountIds(), (QList<qint64> {m_account, other->id}));
    QVERIFY(m_ledger->closeAccount(m_account).isOk());
    QCOMPARE(*m_ledger->staleAccountIds(), QList<qint64> {other->id});

    TransactionGeneratorOptions options;
    options.seed = 7;
    options.accountShare = 1.0;
    TransactionGenerator generator(*m_ledger, options);
    for (int i = 0; i < 5; ++i) {
        auto run = generator.runOnce();
        QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
        QVERIFY(!run->accountIds.contains(m_account));
    }
    auto backfill = generator.backfill(3);
    QVERIFY2(backfill.isOk(), qPrintable(backfill.status().toString()));
    QVERIFY(!backfill->accountIds.contains(m_account));
    QCOMPARE(m_ledger->account(m_account)->transactionCount, 2);
}

void TestLedgerLifecycle::reversesOnce()
{
    auto original = m_ledger->addTransaction(tx(m_account, -12'345, kNow - kDayMs, QStringLiteral("Invoice 17")));
    QVERIFY(original.isOk());
    m_clock->advanceMs(5000);
    QSignalSpy added(m_ledger.get(), &Ledger::transactionsAdded);
    auto reversal = m_ledger->reverseTransaction(original->id.toUpper(), Source::Api);
    QVERIFY2(reversal.isOk(), qPrintable(reversal.status().toString()));
    QCOMPARE(added.count(), 1);
    QCOMPARE(reversal->amount, 12'345);
    QCOMPARE(reversal->accountId, m_account);
    QCOMPARE(reversal->timestamp, kNow + 5000);
    QCOMPARE(reversal->description, QStringLiteral("Reversal of Invoice 17"));
    QCOMPARE(reversal->category, Category::SupplierPayment);
    QCOMPARE(reversal->counterparty, QStringLiteral("ACME"));
    QCOMPARE(reversal->source, Source::Api);
    QCOMPARE(reversal->reverses, original->id);
    QCOMPARE(reversal->runningBalance, 0);
    auto after = m_ledger->transaction(original->id);
    QCOMPARE(after->reversedBy, reversal->id);
    QCOMPARE(after->amount, -12'345); // never edited in place
    QCOMPARE(after->description, QStringLiteral("Invoice 17"));
    QCOMPARE(m_ledger->account(m_account)->balance, 0);

    auto again = m_ledger->reverseTransaction(original->id);
    QVERIFY(again.status().isConflict());
    QVERIFY(again.status().message().contains(reversal->id));
    auto ofReversal = m_ledger->reverseTransaction(reversal->id);
    QVERIFY(ofReversal.status().isConflict());
    QVERIFY(ofReversal.status().message().contains(QStringLiteral("is the reversal of")));
    QVERIFY(m_ledger->reverseTransaction(QStringLiteral("0190a0e4-0000-7000-8000-000000000000")).status().isNotFound());
    QCOMPARE(*m_ledger->countTransactions({}), 2);

    // A long description is cut to the limit.
    auto longOne = m_ledger->addTransaction(tx(m_account, 1, kNow, QString(kMaxDescriptionLength, QLatin1Char('x'))));
    auto longReversal = m_ledger->reverseTransaction(longOne->id);
    QVERIFY2(longReversal.isOk(), qPrintable(longReversal.status().toString()));
    QCOMPARE(longReversal->description.size(), kMaxDescriptionLength);
    checkInvariants(*m_ledger, m_account);
}

void TestLedgerLifecycle::reversalKeepsBackdatedBalancesExact()
{
    QList<QString> ids;
    for (int i = 0; i < 6; ++i) {
        auto t = m_ledger->addTransaction(tx(m_account, (i + 1) * 1000 * (i % 2 ? -1 : 1), kNow - (10 - i) * kDayMs));
        ids.append(t->id);
    }
    // A transaction dated after the reversal: its running balance includes the reversal.
    QVERIFY(m_ledger->addTransaction(tx(m_account, 777, kNow + kDayMs / 2)).isOk());
    QVERIFY(m_ledger->reverseTransaction(ids[2]).isOk());
    QVERIFY(m_ledger->reverseTransaction(ids[5]).isOk());
    checkInvariants(*m_ledger, m_account);
}

void TestLedgerLifecycle::reversalOfClosedAccountRefused()
{
    auto t = m_ledger->addTransaction(tx(m_account, 100, kNow - 10));
    QVERIFY(m_ledger->addTransaction(tx(m_account, -100, kNow - 5)).isOk());
    QVERIFY(m_ledger->closeAccount(m_account).isOk());
    auto r = m_ledger->reverseTransaction(t->id);
    QVERIFY(r.status().isInvalidArgument());
    QCOMPARE(r.status().field(), QStringLiteral("accountId"));
    QVERIFY2(r.status().message().startsWith(QStringLiteral("account")), qPrintable(r.status().message()));
    QVERIFY(m_ledger->transaction(t->id)->reversedBy.isEmpty());
}

void TestLedgerLifecycle::undoRefusedForReversedImport()
{
    NewTransaction t = tx(m_account, 2500, kNow - kDayMs);
    t.source = Source::Import;
    t.externalId = QStringLiteral("bank-1");
    auto batch = m_ledger->importBatch({{t, false}}, {});
    QVERIFY(batch.isOk());
    auto imported = m_ledger->transactions({});
    QVERIFY(m_ledger->reverseTransaction(imported->items.front().id).isOk());
    auto undo = m_ledger->undoImportBatch(batch->batchId);
    QVERIFY(undo.status().isConflict());
    QVERIFY(undo.status().message().contains(QStringLiteral("reversed")));
    QCOMPARE(*m_ledger->countTransactions({}), 2);
    checkInvariants(*m_ledger, m_account);
}

// A version-4 ledger with an account and a transaction opens at the current version: nothing closed, nothing reversed,
// and both can now happen.
void TestLedgerLifecycle::migratesVersion4()
{
    m_ledger.reset();
    const QString path = m_dir->filePath(QStringLiteral("v4.sqlite"));
    writeLedgerAtVersion(
        path, 4,
        {QStringLiteral("INSERT INTO accounts (id, name, type, currency, balance, transaction_count, created_at, "
                        "updated_at) VALUES (1, 'Operating', 'checking', 'EUR', 150, 1, 0, 0)"),
         QStringLiteral("INSERT INTO transactions (id, account_id, amount, description, category, timestamp, "
                        "running_balance, source, created_at) VALUES ('0190a0e4-0000-7000-8000-000000000001', 1, 150, "
                        "'x', 'other', %1, 150, 'manual', 0)")
             .arg(kNow - kDayMs)});
    std::unique_ptr<Ledger> ledger;
    openMigrated(path, *m_clock, &ledger);
    if (!ledger)
        return;
    auto account = ledger->account(1);
    QVERIFY(account.isOk());
    QVERIFY(!account->closedAt);
    auto t = ledger->transaction(QStringLiteral("0190a0e4-0000-7000-8000-000000000001"));
    QVERIFY(t.isOk());
    QVERIFY(t->reverses.isEmpty() && t->reversedBy.isEmpty());
    auto reversal = ledger->reverseTransaction(t->id);
    QVERIFY2(reversal.isOk(), qPrintable(reversal.status().toString()));
    QVERIFY(ledger->closeAccount(1).isOk());
    checkInvariants(*ledger, 1);
}

// A version-7 ledger keeps its reversals as `reverses` on the reversing entry only; at the current version the original
// carries the link (reversed_by), so reads show it both ways, a second reversal is refused, and a reversal deleted
// below the Ledger (as an import's undo deletes rows) takes the link off its original.
void TestLedgerLifecycle::migratesVersion7ReversalLinks()
{
    m_ledger.reset();
    const QString path = m_dir->filePath(QStringLiteral("v7.sqlite"));
    const QString original = QStringLiteral("0190a0e4-0000-7000-8000-000000000001");
    const QString reversal = QStringLiteral("0190a0e4-0000-7000-8000-000000000002");
    const QString other = QStringLiteral("0190a0e4-0000-7000-8000-000000000003");
    const QString insert = QStringLiteral(
        "INSERT INTO transactions (id, account_id, amount, description, category, timestamp, running_balance, source, "
        "created_at, reverses) VALUES ('%1', 1, %2, 'x', 'other', %3, %4, 'manual', 0, %5)");
    writeLedgerAtVersion(
        path, 7,
        {QStringLiteral("INSERT INTO accounts (id, name, type, currency, balance, transaction_count, created_at, "
                        "updated_at) VALUES (1, 'Operating', 'checking', 'EUR', 70, 3, 0, 0)"),
         insert.arg(original).arg(150).arg(kNow - 3 * kDayMs).arg(150).arg(QStringLiteral("NULL")),
         insert.arg(other).arg(70).arg(kNow - 2 * kDayMs).arg(220).arg(QStringLiteral("NULL")),
         insert.arg(reversal)
             .arg(-150)
             .arg(kNow - kDayMs)
             .arg(70)
             .arg(QLatin1Char('\'') + original + QLatin1Char('\''))});
    std::unique_ptr<Ledger> ledger;
    openMigrated(path, *m_clock, &ledger);
    if (!ledger)
        return;
    QSqlQuery q(*ledger->database()->connection());
    QCOMPARE(ledger->transaction(original)->reversedBy, reversal);
    QCOMPARE(ledger->transaction(reversal)->reverses, original);
    QVERIFY(ledger->transaction(reversal)->reversedBy.isEmpty());
    QVERIFY(ledger->transaction(other)->reversedBy.isEmpty());
    TransactionFilter f;
    f.accountId = 1;
    auto page = ledger->transactions(f, PageRequest {10, {}});
    QVERIFY(page.isOk());
    QCOMPARE(page->items.size(), 3);
    QCOMPARE(page->items[2].id, original);
    QCOMPARE(page->items[2].reversedBy, reversal);
    QVERIFY(page->items[1].reversedBy.isEmpty());
    const Status again = ledger->reverseTransaction(original).status();
    QVERIFY2(again.isConflict() && again.message().contains(reversal), qPrintable(again.toString()));

    auto second = ledger->reverseTransaction(other);
    QVERIFY2(second.isOk(), qPrintable(second.status().toString()));
    QCOMPARE(ledger->transaction(other)->reversedBy, second->id);
    checkInvariants(*ledger, 1);

    QVERIFY(q.exec(QStringLiteral("DELETE FROM transactions WHERE id = '%1'").arg(reversal)));
    QVERIFY(ledger->transaction(original)->reversedBy.isEmpty());
    QCOMPARE(ledger->transaction(other)->reversedBy, second->id);
}

void TestLedgerLifecycle::cleanup()
{
    setRiskThresholds(RiskThresholds {}); // process-wide: back to the defaults for the next test
}

void TestLedgerLifecycle::riskThresholdsRelabelWithoutTouchingDecisions()
{
    QList<QString> ids;
    for (int i = 0; i < 4; ++i)
        ids.append(m_ledger->addTransaction(tx(m_account, 100 + i, kNow - (10 - i) * 1000))->id);
    // Scores 0.45 (LOW), 0.55 (MEDIUM), 0.79 (MEDIUM), 0.85 (HIGH) under the default rule; cases for the last three.
    const double scores[] = {0.45, 0.55, 0.79, 0.85};
    QList<TransactionScore> rows;
    QList<Anomaly> cases;
    for (int i = 0; i < 4; ++i) {
        rows.append({ids[i], scores[i], riskForScore(scores[i])});
        if (i == 0)
            continue;
        Anomaly a;
        a.accountId = m_account;
        a.transactionId = ids[i];
        a.score = scores[i];
        a.risk = riskForScore(scores[i]);
        a.anomalyType = QStringLiteral("amount_spike");
        cases.append(a);
    }
    QVERIFY(m_ledger->storeDetectionResults(m_account, rows, cases, std::nullopt).isOk());
    const QString confirmed = m_ledger->anomalyForTransaction(ids[3])->id;
    QVERIFY(m_ledger->setAnomalyStatus(confirmed, AnomalyStatus::Confirmed, QStringLiteral("analyst")).isOk());
    const Anomaly before = *m_ledger->anomaly(confirmed);
    const qsizetype auditBefore = m_ledger->anomalyHistory(confirmed)->audit.size();
    QVERIFY(!m_ledger->storedRiskThresholds()->has_value());

    QSignalSpy changed(m_ledger.get(), &Ledger::anomaliesChanged);
    auto relabelled = m_ledger->setRiskThresholds({0.5, 0.75}, QStringLiteral("controller"));
    QVERIFY2(relabelled.isOk(), qPrintable(relabelled.status().toString()));
    QCOMPARE(*relabelled, 1); // 0.79 is HIGH now
    QCOMPARE(changed.count(), 1);
    QCOMPARE(riskThresholds(), (RiskThresholds {0.5, 0.75}));
    QCOMPARE(riskForScore(0.79), Risk::High);
    QCOMPARE(m_ledger->transaction(ids[2])->risk, std::optional(Risk::High));
    QCOMPARE(m_ledger->transaction(ids[0])->risk, std::optional(Risk::Low));
    QCOMPARE(m_ledger->anomalyForTransaction(ids[2])->risk, Risk::High);
    QCOMPARE(m_ledger->anomalyForTransaction(ids[2])->firstRisk,
             std::optional(Risk::Medium)); // history is not rewritten

    // Raising MEDIUM above 0.55: that transaction and its open case become LOW; the case stays open.
    relabelled = m_ledger->setRiskThresholds({0.6, 0.75}, QStringLiteral("controller"));
    QCOMPARE(*relabelled, 1);
    auto low = m_ledger->anomalyForTransaction(ids[1]);
    QCOMPARE(low->risk, Risk::Low);
    QCOMPARE(low->status, AnomalyStatus::Open);

    // The decision stays exactly as it was; the change is in the audit trail (no case) and in meta.
    const Anomaly after = *m_ledger->anomaly(confirmed);
    QCOMPARE(after.status, AnomalyStatus::Confirmed);
    QCOMPARE(after.decidedBy, before.decidedBy);
    QCOMPARE(after.decidedAt, before.decidedAt);
    QCOMPARE(after.statusChangedAt, before.statusChangedAt);
    QCOMPARE(after.risk, Risk::High);
    QCOMPARE(m_ledger->anomalyHistory(confirmed)->audit.size(), auditBefore);
    QSqlQuery q(*m_ledger->database()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT actor, from_value, to_value FROM audit_log WHERE action = "
                                  "'risk_thresholds' AND anomaly_id IS NULL ORDER BY id")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), m_ledger->database()->recordedActor(QStringLiteral("controller")));
    QCOMPARE(q.value(1).toString(), QStringLiteral("HIGH above 0.80, MEDIUM from 0.50 to 0.80, LOW below 0.50"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("HIGH above 0.75, MEDIUM from 0.50 to 0.75, LOW below 0.50"));
    QVERIFY(q.next());
    QCOMPARE(m_ledger->storedRiskThresholds()->value(), (RiskThresholds {0.6, 0.75}));

    // A new process opening the file (here: a second Ledger after a reset to the defaults) applies the stored rule.
    setRiskThresholds(RiskThresholds {});
    const QString path = m_ledger->database()->path();
    m_ledger.reset();
    auto reopened = Ledger::open(path, *m_clock);
    QVERIFY(reopened.isOk());
    QCOMPARE(riskThresholds(), (RiskThresholds {0.6, 0.75}));
}

void TestLedgerLifecycle::riskThresholdsValidated()
{
    const struct
    {
        RiskThresholds t;
        const char* field;
    } bad[] = {{{0.0, 0.8}, "mediumFrom"}, {{0.8, 0.8}, "highAbove"},   {{0.9, 0.8}, "highAbove"},
               {{0.5, 1.0}, "highAbove"},  {{-0.1, 0.5}, "mediumFrom"}, {{1.2, 1.5}, "mediumFrom"}};
    for (const auto& b : bad) {
        auto r = m_ledger->setRiskThresholds(b.t, QStringLiteral("controller"));
        QVERIFY(r.status().isInvalidArgument());
        QCOMPARE(r.status().field(), QString::fromLatin1(b.field));
    }
    QCOMPARE(m_ledger->setRiskThresholds({0.5, 0.7}, QString()).status().field(), QStringLiteral("actor"));
    QCOMPARE(riskThresholds(), RiskThresholds {});
    QVERIFY(!m_ledger->storedRiskThresholds()->has_value());
}

QTEST_GUILESS_MAIN(TestLedgerLifecycle)
#include "tst_ledger_lifecycle.moc"
