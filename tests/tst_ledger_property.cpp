// SPDX-License-Identifier: GPL-3.0-or-later
// Randomized property test of the ledger's invariants: after every one of >= 10,000 random operations (single and
// batch inserts, back-dated ones included, account creation, invalid writes), through two connections on one file,
// each balance equals the sum of its transactions and each running balance equals the prefix sum of its account
// in (timestamp, id) order. Fixed seeds make failures reproducible.
#include "ledger/Ledger.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;
constexpr qint64 kDay = 86'400'000;

// Number of rows of `accountId` (or of all accounts) whose running balance is not the prefix sum, plus the number
// of accounts whose balance or count is not the sum/count of their transactions.
qint64 violations(Ledger& ledger, std::optional<qint64> accountId)
{
    QSqlDatabase db = *ledger.database()->connection();
    QSqlQuery q(db);
    const QString where = accountId ? QStringLiteral(" WHERE account_id = %1").arg(*accountId) : QString();
    const QString whereA = accountId ? QStringLiteral(" WHERE a.id = %1").arg(*accountId) : QString();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM (SELECT running_balance, SUM(amount) OVER (PARTITION BY "
                               "account_id ORDER BY timestamp, id) AS s FROM transactions%1) WHERE running_balance <> s")
                    .arg(where))
        || !q.next())
        return -1;
    qint64 bad = q.value(0).toLongLong();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM accounts a%1 %2 (a.balance <> (SELECT coalesce(sum(amount), 0) "
                               "FROM transactions t WHERE t.account_id = a.id) OR a.transaction_count <> (SELECT "
                               "count(*) FROM transactions t WHERE t.account_id = a.id))")
                    .arg(whereA, accountId ? QStringLiteral("AND") : QStringLiteral("WHERE")))
        || !q.next())
        return -1;
    return bad + q.value(0).toLongLong();
}

} // namespace

class TestLedgerProperty : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invariants_data();
    void invariants();
};

void TestLedgerProperty::invariants_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("operations");
    QTest::addRow("seed 1") << quint64(1) << 6000;
    QTest::addRow("seed 2") << quint64(2) << 4000;
}

void TestLedgerProperty::invariants()
{
    QFETCH(quint64, seed);
    QFETCH(int, operations);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    ManualClock clock(kNow);
    // Two Ledger objects on one file: two Database instances, two connections writing.
    auto first = Ledger::open(path, clock);
    auto second = Ledger::open(path, clock);
    QVERIFY(first.isOk() && second.isOk());
    Ledger* ledgers[] = {first->get(), second->get()};

    std::mt19937_64 rng(seed);
    auto uniform = [&](qint64 lo, qint64 hi) { return lo + qint64(rng() % quint64(hi - lo + 1)); };
    QList<qint64> accounts;
    for (int i = 0; i < 3; ++i)
        accounts.append(ledgers[0]->createAccount({QStringLiteral("Account %1").arg(i), AccountType::Checking,
                                                       QStringLiteral("EUR")})
                            ->id);
    const QStringList categories{QStringLiteral("rent"), QStringLiteral("payroll"), QStringLiteral("fees")};
    auto randomTx = [&]() {
        NewTransaction t;
        t.accountId = accounts[uniform(0, accounts.size() - 1)];
        t.amount = uniform(-500000, 500000);
        if (t.amount == 0)
            t.amount = 1;
        // Within the last 30 days, so most inserts land before existing rows (back-dated), some on equal timestamps.
        t.timestamp = clock.nowMs() - uniform(0, 30) * kDay - uniform(0, 3) * 3'600'000;
        t.description = QStringLiteral("op");
        t.category = categories[uniform(0, 2)];
        return t;
    };

    int ok = 0, rejected = 0;
    for (int step = 0; step < operations; ++step) {
        Ledger& ledger = *ledgers[step % 2];
        const qint64 op = uniform(0, 99);
        QList<qint64> touched; // accounts to check after this step
        if (op < 60) {
            NewTransaction t = randomTx();
            auto r = ledger.addTransaction(t);
            QVERIFY2(r.isOk(), qPrintable(r.status().toString()));
            touched = {t.accountId};
            ++ok;
        } else if (op < 75) {
            QList<NewTransaction> batch;
            const qint64 n = uniform(1, 20);
            for (qint64 i = 0; i < n; ++i) {
                batch.append(randomTx());
                if (!touched.contains(batch.last().accountId))
                    touched.append(batch.last().accountId);
            }
            auto r = ledger.addTransactions(batch);
            QVERIFY2(r.isOk(), qPrintable(r.status().toString()));
            ++ok;
        } else if (op < 77 && accounts.size() < 8) {
            accounts.append(ledger.createAccount({QStringLiteral("Account %1").arg(accounts.size()),
                                                     AccountType::Savings, QStringLiteral("EUR")})
                                ->id);
        } else {
            // Invalid writes: a zero amount, a future timestamp, or a batch with one bad row. Nothing may change.
            const qint64 before = ledger.countTransactions({}).value();
            NewTransaction t = randomTx();
            Status s;
            if (op < 85) {
                t.amount = 0;
                s = ledger.addTransaction(t).status();
            } else if (op < 92) {
                t.timestamp = clock.nowMs() + 2 * kDay;
                s = ledger.addTransaction(t).status();
            } else {
                QList<NewTransaction> batch{randomTx(), randomTx(), t};
                batch.last().category = QStringLiteral("nope");
                s = ledger.addTransactions(batch).status();
            }
            QVERIFY2(s.isInvalidArgument(), qPrintable(s.toString()));
            QCOMPARE(ledger.countTransactions({}).value(), before);
            ++rejected;
        }
        // Check the touched accounts after every step and everything every 250 steps and at the end
        // (through the other connection, so the check also sees what the writer committed).
        Ledger& checker = *ledgers[(step + 1) % 2];
        qint64 bad = 0;
        if (step % 250 == 0 || step == operations - 1) {
            bad = violations(checker, std::nullopt);
        } else {
            for (qint64 id : std::as_const(touched))
                bad += violations(checker, id);
        }
        if (bad != 0)
            QFAIL(qPrintable(QStringLiteral("invariant broken after step %1 (seed %2): %3 violations")
                                 .arg(step)
                                 .arg(seed)
                                 .arg(bad)));
        clock.advanceMs(uniform(0, 60'000));
    }
    QVERIFY(ok > operations / 2);
    QVERIFY(rejected > 0);

    const qint64 total = ledgers[0]->countTransactions({}).value();
    first->reset();
    second->reset();
    auto reopened = Ledger::open(path, clock);
    QVERIFY(reopened.isOk());
    QCOMPARE(violations(**reopened, std::nullopt), qint64(0));
    QCOMPARE((*reopened)->countTransactions({}).value(), total);
}

QTEST_GUILESS_MAIN(TestLedgerProperty)
#include "tst_ledger_property.moc"
