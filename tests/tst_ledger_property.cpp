// SPDX-License-Identifier: GPL-3.0-or-later
// Randomized property test of the ledger's invariants. Each data row runs >= 10,000 random operations (single
// inserts at "now" and back-dated by minutes to 30 days, batch inserts on the append-only and the back-dated
// paths, caller-chosen ids that sort anywhere among equal timestamps, account creation, and rejected writes) with
// two connections writing to one file: two Ledger objects used in turn on this thread ("alternating", fully
// reproducible), or a second Ledger written from a second thread at the same time ("two threads"). After every
// step the accounts the step touched are checked with one SQL statement (window function): each balance and
// transaction count equals the sum and count of its transactions, and each running balance equals the prefix sum
// in (timestamp, id) order. Every 200 steps, at the end and after reopening the file, all accounts are checked.
// Fixed seeds make failures reproducible (the interleaving of the two-thread row is up to the scheduler; the
// invariants hold for every interleaving).
#include "ledger/Ledger.h"
#include "util/Ids.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <random>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;
constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 86'400'000;
// Writes go to the most recently created kActiveAccounts accounts, so that accounts stay small enough for a full
// window-function check of each touched account after every step.
constexpr int kActiveAccounts = 8;

// Violations of the invariants, for one account or (accountId = 0) all of them: rows whose running balance is not
// the prefix sum, plus accounts whose balance or count is not the sum or count of their transactions. -1 when the
// query fails.
class InvariantChecker
{
public:
    explicit InvariantChecker(Ledger& ledger)
        : m_ledger(ledger)
    { }

    qint64 violations(qint64 accountId)
    {
        QSqlQuery q(*m_ledger.database()->connection());
        q.setForwardOnly(true);
        const QString filter = accountId ? QStringLiteral(" WHERE account_id = %1").arg(accountId) : QString();
        const QString accounts = accountId ? QStringLiteral(" WHERE a.id = %1").arg(accountId) : QString();
        const QString sql
            = QStringLiteral(
                  "SELECT (SELECT count(*) FROM (SELECT running_balance - SUM(amount) OVER (PARTITION BY account_id "
                  "ORDER BY timestamp, id) AS d FROM transactions%1) WHERE d <> 0) + "
                  "(SELECT count(*) FROM accounts a LEFT JOIN (SELECT account_id, sum(amount) AS s, count(*) AS n FROM "
                  "transactions%1 GROUP BY account_id) t ON t.account_id = a.id%2%3 "
                  "(a.balance, a.transaction_count) IS NOT (coalesce(t.s, 0), coalesce(t.n, 0)))")
                  .arg(filter, accounts, accountId ? QStringLiteral(" AND") : QStringLiteral(" WHERE"));
        if (!q.exec(sql) || !q.next()) {
            qWarning("%s", qPrintable(q.lastError().text()));
            return -1;
        }
        return q.value(0).toLongLong();
    }

private:
    Ledger& m_ledger;
};

// Random operations from a seed. run() makes one on `ledger` with `accounts`, returns the accounts it touched
// (empty when it was rejected as intended) and describes an unexpected outcome in *error.
class Operations
{
public:
    Operations(quint64 seed, const ManualClock& clock)
        : m_rng(seed)
        , m_clock(clock)
    { }

    qint64 uniform(qint64 lo, qint64 hi) { return lo + qint64(m_rng() % quint64(hi - lo + 1)); }

    NewTransaction randomTransaction(const QList<qint64>& accounts)
    {
        NewTransaction t;
        t.accountId = accounts[uniform(0, accounts.size() - 1)];
        t.amount = uniform(-500'000, 500'000);
        if (t.amount == 0)
            t.amount = 1;
        // Whole minutes, so that equal timestamps (ordered by id) are common.
        const qint64 now = m_clock.nowMs() / kMinute * kMinute;
        const qint64 kind = uniform(0, 99);
        if (kind < 55)
            t.timestamp = now; // the append path
        else if (kind < 85)
            t.timestamp = now - uniform(0, 360) * kMinute; // back-dated by up to 6 hours
        else
            t.timestamp = now - uniform(0, 30 * 24 * 60) * kMinute; // back-dated by up to 30 days
        t.description = QStringLiteral("op %1").arg(m_count++);
        t.category = categoryKey(allCategories().at(int(uniform(0, allCategories().size() - 1))));
        if (uniform(0, 9) == 0)
            t.id = randomUuid(); // not time-ordered: sorts anywhere among equal timestamps
        return t;
    }

    QString randomUuid()
    {
        QString s = newUuidV7(0);
        // Replace the time-ordered prefix with random hex digits.
        static const char* hex = "0123456789abcdef";
        for (int i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12})
            s[i] = QLatin1Char(hex[uniform(0, 15)]);
        return s;
    }

    // An import batch of up to 8 rows with unique external ids (probable duplicates allowed, so all are
    // imported), or the undo of this sequence's last batch.
    QList<qint64> importOrUndo(Ledger& ledger, const QList<qint64>& accounts, QString* error)
    {
        if (!m_lastBatch.isEmpty() && uniform(0, 2) == 0) {
            auto undone = ledger.undoImportBatch(m_lastBatch);
            m_lastBatch.clear();
            if (!undone) {
                *error = QStringLiteral("undo failed: ") + undone.status().toString();
                return {};
            }
            return *undone;
        }
        QList<ImportRow> rows;
        QList<qint64> touched;
        const qint64 n = uniform(1, 8);
        for (qint64 i = 0; i < n; ++i) {
            ImportRow r;
            r.transaction = randomTransaction(accounts);
            r.transaction.id.clear();
            r.transaction.externalId = QStringLiteral("E%1-%2").arg(quintptr(this)).arg(m_count);
            rows.append(r);
            if (!touched.contains(r.transaction.accountId))
                touched.append(r.transaction.accountId);
        }
        ImportBatchOptions options;
        options.allowProbableDuplicates = true;
        auto result = ledger.importBatch(rows, options);
        if (!result)
            *error = QStringLiteral("import failed: ") + result.status().toString();
        else if (result->imported != n)
            *error = QStringLiteral("import count %1 != %2").arg(result->imported).arg(n);
        else
            m_lastBatch = result->batchId;
        return touched;
    }

    QList<qint64> run(Ledger& ledger, const QList<qint64>& accounts, QString* error)
    {
        const qint64 op = uniform(0, 99);
        if (op < 55) {
            const NewTransaction t = randomTransaction(accounts);
            auto r = ledger.addTransaction(t);
            if (!r)
                *error = QStringLiteral("insert failed: ") + r.status().toString();
            else if (!t.id.isEmpty() && r->id != t.id)
                *error = QStringLiteral("caller id not kept");
            return {t.accountId};
        }
        if (op >= 72 && op < 80)
            return importOrUndo(ledger, accounts, error);
        if (op < 80) {
            QList<NewTransaction> batch;
            QList<qint64> touched;
            const qint64 n = uniform(1, 8);
            const bool append = uniform(0, 1) == 0;
            // Rows of two accounts, in random order.
            const QList<qint64> pair {accounts[uniform(0, accounts.size() - 1)],
                                      accounts[uniform(0, accounts.size() - 1)]};
            for (qint64 i = 0; i < n; ++i) {
                NewTransaction t = randomTransaction(pair);
                if (append)
                    t.timestamp = m_clock.nowMs() + uniform(0, 60) * kMinute;
                batch.append(t);
                if (!touched.contains(t.accountId))
                    touched.append(t.accountId);
            }
            auto r = ledger.addTransactions(batch);
            if (!r)
                *error = QStringLiteral("batch failed: ") + r.status().toString();
            else if (*r != n)
                *error = QStringLiteral("batch count %1 != %2").arg(*r).arg(n);
            return touched;
        }
        if (op < 82) {
            auto a = ledger.createAccount(
                {QStringLiteral("Account %1").arg(uniform(0, 1'000'000)), AccountType::Savings, QStringLiteral("EUR")});
            if (!a)
                *error = QStringLiteral("create account failed: ") + a.status().toString();
            else
                m_created.append(a->id);
            return {};
        }
        // Rejected writes, each with caller-chosen ids that must not exist afterwards.
        QList<NewTransaction> attempt {randomTransaction(accounts)};
        attempt[0].id = randomUuid();
        bool expectConflict = false;
        switch (uniform(0, 5)) {
        case 0:
            attempt[0].amount = 0;
            break;
        case 1:
            // More than a day ahead even after the other thread has advanced the shared clock (at most 2 minutes
            // a step, under 7 days over the whole test) between this line and the ledger's check.
            attempt[0].timestamp = m_clock.nowMs() + 30 * kDay;
            break;
        case 2:
            attempt[0].category = QStringLiteral("nope");
            break;
        case 3:
            attempt[0].accountId = 1'000'000;
            break;
        case 4: // a valid batch row followed by one with 501 characters
            attempt.append(randomTransaction(accounts));
            attempt[1].id = randomUuid();
            attempt[1].description = QString(501, QLatin1Char('x'));
            break;
        default: { // an id that already exists, after valid rows: the whole batch is rolled back
            // Not an imported row's: the other thread may undo its import (and free the id) before this write.
            auto existing = ledger.transactions({}, {50, {}});
            if (!existing)
                return {};
            const auto kept = std::find_if(existing->items.cbegin(), existing->items.cend(),
                                           [](const Transaction& t) { return t.importBatch.isEmpty(); });
            if (kept == existing->items.cend())
                return {};
            attempt.append(randomTransaction(accounts));
            attempt[1].id = kept->id;
            expectConflict = true;
        }
        }
        const Status s = attempt.size() == 1 ? ledger.addTransaction(attempt[0]).status()
                                             : ledger.addTransactions(attempt).status();
        if (expectConflict ? !s.isConflict() : !s.isInvalidArgument())
            *error = QStringLiteral("expected a rejection, got %1; ")
                         .arg(s.isOk() ? QStringLiteral("success") : s.toString());
        if (const Status left = ledger.transaction(attempt[0].id).status(); !left.isNotFound())
            *error += QStringLiteral("a rejected write left row %1 (%2)")
                          .arg(attempt[0].id, left.isOk() ? QStringLiteral("found") : left.toString());
        ++m_rejected;
        return {};
    }

    int rejected() const { return m_rejected; }
    QList<qint64> takeCreated() { return std::exchange(m_created, {}); }

private:
    std::mt19937_64 m_rng;
    const ManualClock& m_clock;
    QString m_lastBatch; // the last import batch this sequence wrote and has not undone
    QList<qint64> m_created;
    qint64 m_count = 0;
    int m_rejected = 0;
};

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
    QTest::addColumn<int>("steps"); // on this thread
    QTest::addColumn<int>("threadSteps"); // on a second thread at the same time (0: alternate two ledgers here)
    QTest::addRow("alternating, seed 1") << quint64(1) << 10'000 << 0;
    QTest::addRow("two threads, seed 2") << quint64(2) << 5'000 << 5'000;
}

void TestLedgerProperty::invariants()
{
    QFETCH(quint64, seed);
    QFETCH(int, steps);
    QFETCH(int, threadSteps);
    // On Linux the file lives in /dev/shm when it exists: this test is about the invariants, not durability, and
    // 10,000 commits with synchronous=FULL would otherwise spend most of the time waiting for the disk.
    const QString shm = QStringLiteral("/dev/shm");
    QTemporaryDir dir = QFileInfo(shm).isDir() && QFileInfo(shm).isWritable()
        ? QTemporaryDir(shm + QStringLiteral("/tst_ledger_property-XXXXXX"))
        : QTemporaryDir();
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    ManualClock clock(kNow);
    // Two Ledger objects on one file: two Database instances, two connections writing.
    auto first = Ledger::open(path, clock);
    auto second = Ledger::open(path, clock);
    QVERIFY(first.isOk() && second.isOk());
    Ledger* ledgers[] = {first->get(), second->get()};

    QList<qint64> accounts;
    for (int i = 0; i < 8; ++i)
        accounts.append(
            ledgers[0]
                ->createAccount({QStringLiteral("Account %1").arg(i), AccountType::Checking, QStringLiteral("EUR")})
                ->id);
    QMutex accountsMutex;
    Operations ops(seed, clock);

    // The second thread's writer: its own operations (seed + 1000) through the second Ledger, on its own
    // connection. It records the first unexpected outcome.
    std::atomic<bool> stop = false;
    QString threadError;
    int threadDone = 0;
    QThread* thread = nullptr;
    if (threadSteps > 0) {
        thread = QThread::create([&] {
            Operations other(seed + 1000, clock);
            for (; threadDone < threadSteps && !stop && threadError.isEmpty(); ++threadDone) {
                QList<qint64> mine;
                {
                    QMutexLocker lock(&accountsMutex);
                    mine = accounts.mid(qMax(0, int(accounts.size()) - kActiveAccounts));
                }
                other.run(*ledgers[1], mine, &threadError);
                const QList<qint64> created = other.takeCreated();
                QMutexLocker lock(&accountsMutex);
                accounts.append(created);
            }
        });
        thread->start();
    }

    InvariantChecker checkers[] = {InvariantChecker(*ledgers[0]), InvariantChecker(*ledgers[1])};
    for (int step = 0; step < steps; ++step) {
        Ledger& writer = threadSteps > 0 ? *ledgers[0] : *ledgers[step % 2];
        QString error;
        QList<qint64> touched;
        {
            QList<qint64> snapshot;
            {
                QMutexLocker lock(&accountsMutex);
                snapshot = accounts.mid(qMax(0, int(accounts.size()) - kActiveAccounts));
            }
            touched = ops.run(writer, snapshot, &error);
            QMutexLocker lock(&accountsMutex);
            accounts.append(ops.takeCreated());
        }
        if (!error.isEmpty()) {
            stop = true;
            if (thread)
                thread->wait();
            QFAIL(qPrintable(QStringLiteral("step %1 (seed %2): %3").arg(step).arg(seed).arg(error)));
        }
        // Check through the connection that did not write this step (in turn mode), so the check also sees what
        // the other connection committed.
        InvariantChecker& checker = checkers[threadSteps > 0 ? 0 : (step + 1) % 2];
        qint64 bad = 0;
        if (step % 200 == 0) {
            bad = checker.violations(0);
        } else {
            for (qint64 id : std::as_const(touched))
                bad += checker.violations(id);
        }
        if (bad != 0) {
            stop = true;
            if (thread)
                thread->wait();
            QFAIL(qPrintable(QStringLiteral("invariant broken after step %1 (seed %2): %3 violations")
                                 .arg(step)
                                 .arg(seed)
                                 .arg(bad)));
        }
        clock.advanceMs(ops.uniform(0, 120'000));
    }
    if (thread) {
        QVERIFY(thread->wait(120'000));
        delete thread;
        QVERIFY2(threadError.isEmpty(), qPrintable(threadError));
        QCOMPARE(threadDone, threadSteps);
    }
    QVERIFY(ops.rejected() > steps / 20);
    QCOMPARE(checkers[0].violations(0), qint64(0));
    QCOMPARE(checkers[1].violations(0), qint64(0));

    const qint64 total = ledgers[0]->countTransactions({}).value();
    QVERIFY(total > steps);
    first->reset();
    second->reset();
    auto reopened = Ledger::open(path, clock);
    QVERIFY(reopened.isOk());
    QCOMPARE(InvariantChecker(**reopened).violations(0), qint64(0));
    QCOMPARE((*reopened)->countTransactions({}).value(), total);
    QCOMPARE((*reopened)->accounts()->size(), accounts.size());
}

QTEST_GUILESS_MAIN(TestLedgerProperty)
#include "tst_ledger_property.moc"
