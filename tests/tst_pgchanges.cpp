// SPDX-License-Identifier: GPL-3.0-or-later
// Live changes across instances on PostgreSQL (ledger/ChangeFeed_p.h): the schema's triggers notify on commit only,
// with the writer's origin, the kind and the accounts; a Listener reports other origins' notices and not its own.
#include "PgTestServer.h"
#include "ledger/ChangeFeed_p.h"
#include "ledger/Ledger.h"
#include "test_engine.h"
#include "util/Clock.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace ledgerguard;
using namespace ledgerguard::changes;
using ledgerguard::test::PgTestServer;

namespace {

bool execAll(QSqlDatabase& db, const QStringList& statements)
{
    QSqlQuery q(db);
    for (const QString& s : statements) {
        if (!q.exec(s)) {
            qWarning("%s: %s", qPrintable(s), qPrintable(q.lastError().text()));
            return false;
        }
    }
    return true;
}

} // namespace

class TestPgChanges : public QObject
{
    Q_OBJECT

    QString m_url;

private slots:
    void initTestCase()
    {
        m_url = PgTestServer::shared().createDatabase();
        QVERIFY2(!m_url.isEmpty(), qPrintable(PgTestServer::shared().error()));
        // The tables the triggers watch, reduced to the columns they read.
        QSqlDatabase db = PgTestServer::openConnection(m_url, QStringLiteral("setup"));
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QVERIFY(execAll(db,
                        {QStringLiteral("CREATE TABLE accounts (id BIGINT PRIMARY KEY, name TEXT)"),
                         QStringLiteral("CREATE TABLE transactions (seq BIGINT PRIMARY KEY, account_id BIGINT)"),
                         QStringLiteral("CREATE TABLE transaction_scores (seq BIGINT PRIMARY KEY, score FLOAT8)"),
                         QStringLiteral("CREATE TABLE anomalies (id TEXT PRIMARY KEY, account_id BIGINT)"),
                         QStringLiteral("CREATE TABLE rules (id TEXT PRIMARY KEY)"),
                         QStringLiteral("CREATE TABLE rule_lists (name TEXT PRIMARY KEY)"),
                         QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")}));
        QStringList triggers;
        for (size_t i = 0; i < kPostgresChangeTriggerCount; ++i)
            triggers << QString::fromUtf8(kPostgresChangeTriggers[i]);
        QVERIFY(execAll(db, triggers));
    }

    void parsesPayloads()
    {
        auto n = parseNotice(QStringLiteral("o/1 transactions 3,5"));
        QVERIFY(n);
        QCOMPARE(n->origin, QStringLiteral("o/1"));
        QCOMPARE(n->kind, Notice::Kind::Transactions);
        QCOMPARE(n->accountIds, (QList<qint64> {3, 5}));
        n = parseNotice(QStringLiteral(" accounts *"));
        QVERIFY(n && n->allAccounts && n->origin.isEmpty());
        n = parseNotice(QStringLiteral("x rules "));
        QVERIFY(n && n->kind == Notice::Kind::Rules);
        QVERIFY(!parseNotice(QStringLiteral("x accounts ")));
        QVERIFY(!parseNotice(QStringLiteral("x bogus 1")));
        QVERIFY(!parseNotice(QStringLiteral("x accounts 1,a")));
        QVERIFY(!parseNotice(QStringLiteral("garbage")));
    }

    // A write seen by another connection's listener on commit only, with its kind, accounts and origin.
    void deliveredOnCommitOnly()
    {
        QSqlDatabase listenDb = PgTestServer::openConnection(m_url, QStringLiteral("listen"));
        QVERIFY2(listenDb.isOpen(), qPrintable(listenDb.lastError().text()));
        Listener listener(listenDb, originOf(listenDb));
        QVERIFY(listener.isListening());
        QSignalSpy spy(&listener, &Listener::noticed);

        QSqlDatabase writer = PgTestServer::openConnection(m_url, QStringLiteral("ledgerguard-writer-1"));
        QVERIFY(writer.isOpen());
        QSqlQuery q(writer);
        QVERIFY(q.exec(QStringLiteral("BEGIN")));
        QVERIFY(setOrigin(writer).isOk());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO accounts VALUES (1, 'a'), (2, 'b')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO transactions VALUES (10, 2), (11, 1), (12, 2)")));
        QTest::qWait(300);
        QCOMPARE(spy.count(), 0); // not committed: nothing delivered
        QVERIFY(q.exec(QStringLiteral("COMMIT")));
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 1000);
        const auto accounts = spy.at(0).at(0).value<Notice>();
        QCOMPARE(accounts.kind, Notice::Kind::Accounts);
        QCOMPARE(accounts.accountIds, (QList<qint64> {1, 2}));
        QCOMPARE(accounts.origin, originOf(writer));
        const auto added = spy.at(1).at(0).value<Notice>();
        QCOMPARE(added.kind, Notice::Kind::Transactions);
        QCOMPARE(added.accountIds, (QList<qint64> {1, 2}));

        // Rolled back: never delivered.
        spy.clear();
        QVERIFY(q.exec(QStringLiteral("BEGIN")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO transactions VALUES (13, 1)")));
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        // Scores name their transactions' accounts; a meta key other than the time zone is no notice.
        QVERIFY(q.exec(QStringLiteral("INSERT INTO transaction_scores VALUES (12, 0.5)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO meta VALUES ('last_run', '1')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO meta VALUES ('time_zone', 'Europe/Berlin')")));
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 1000);
        QTest::qWait(200);
        QCOMPARE(spy.count(), 2);
        const auto scores = spy.at(0).at(0).value<Notice>();
        QCOMPARE(scores.kind, Notice::Kind::Anomalies);
        QCOMPARE(scores.accountIds, (QList<qint64> {2}));
        QCOMPARE(spy.at(1).at(0).value<Notice>().kind, Notice::Kind::Rules);
    }

    // Its own origin's notices are not reported; a list of accounts past the payload bound becomes "*".
    void ownOriginIgnoredAndLongListsBounded()
    {
        QSqlDatabase listenDb = PgTestServer::openConnection(m_url, QStringLiteral("ledgerguard-7-listen"));
        QVERIFY(listenDb.isOpen());
        Listener listener(listenDb, originOf(listenDb));
        QSignalSpy spy(&listener, &Listener::noticed);
        // Another connection of the same Database (same prefix): the same origin.
        QSqlDatabase sameDb = PgTestServer::openConnection(m_url, QStringLiteral("ledgerguard-7-worker"));
        QCOMPARE(originOf(sameDb), originOf(listenDb));
        QSqlQuery q(sameDb);
        QVERIFY(q.exec(QStringLiteral("BEGIN")));
        QVERIFY(setOrigin(sameDb).isOk());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO anomalies VALUES ('x', 1)")));
        QVERIFY(q.exec(QStringLiteral("COMMIT")));
        QTest::qWait(300);
        QCOMPARE(spy.count(), 0);

        QSqlDatabase other = PgTestServer::openConnection(m_url, QStringLiteral("ledgerguard-8-worker"));
        QSqlQuery o(other);
        QVERIFY(o.exec(QStringLiteral("INSERT INTO accounts SELECT g, 'n' FROM generate_series(100000, 103000) g")));
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 1000);
        const auto all = spy.at(0).at(0).value<Notice>();
        QVERIFY(all.allAccounts);
        QVERIFY(all.accountIds.isEmpty());
        QCOMPARE(all.origin, QString()); // written outside a write transaction: no origin
    }

    // Two Ledger instances on one PostgreSQL ledger: a write in one is a change signal in the other within 1 s;
    // the writer's own signals fire once (in-process), not again from its notice.
    void twoLedgersSeeEachOther()
    {
        const QString url = PgTestServer::shared().createDatabase();
        QVERIFY2(!url.isEmpty(), qPrintable(PgTestServer::shared().error()));
        ManualClock clock(1'760'000'000'000);
        auto a = Ledger::open(url, clock);
        QVERIFY2(a, qPrintable(a.status().toString()));
        auto b = Ledger::open(url, clock);
        QVERIFY2(b, qPrintable(b.status().toString()));
        QSignalSpy bAccounts(b->get(), &Ledger::accountsChanged);
        QSignalSpy bAdded(b->get(), &Ledger::transactionsAdded);
        QSignalSpy bAccount(b->get(), &Ledger::accountChanged);
        QSignalSpy bRules(b->get(), &Ledger::rulesChanged);
        QSignalSpy aAdded(a->get(), &Ledger::transactionsAdded);
        QSignalSpy aAccounts(a->get(), &Ledger::accountsChanged);

        auto account = (*a)->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY2(account, qPrintable(account.status().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(bAccounts.count() >= 1, 1000);
        NewTransaction t;
        t.accountId = account->id;
        t.amount = -1234;
        t.description = QStringLiteral("rent");
        t.category = QStringLiteral("other");
        QElapsedTimer timer;
        timer.start();
        QVERIFY((*a)->addTransaction(t));
        QTRY_COMPARE_WITH_TIMEOUT(bAdded.count(), 1, 1000);
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(bAdded.at(0).at(1).value<QList<qint64>>(), QList<qint64> {account->id});
        QVERIFY(bAccount.count() >= 1);
        QCOMPARE(bAccount.last().at(0).toLongLong(), account->id);
        // b reads what a wrote.
        auto seen = (*b)->account(account->id);
        QVERIFY(seen);
        QCOMPARE(seen->balance, -1234);

        QVERIFY((*b)->setTimeZone(QStringLiteral("Europe/Berlin"), QStringLiteral("bob")).isOk());
        QSignalSpy aRules(a->get(), &Ledger::rulesChanged);
        QTRY_COMPARE_WITH_TIMEOUT(aRules.count(), 1, 1000);
        QCOMPARE(bRules.count(), 1); // its own change: signalled once, in-process

        // Its own writes were signalled once, in-process, when they committed: its own notices add nothing.
        const qsizetype added = aAdded.count();
        const qsizetype accounts = aAccounts.count();
        QCOMPARE(added, 1);
        QTest::qWait(300);
        QCOMPARE(aAdded.count(), added);
        QCOMPARE(aAccounts.count(), accounts);
    }

    // The server ends every session of the ledger (a restart looks the same): within the relay's check interval the
    // listening ledger listens again, reports every account as changed, and sees the other's next write.
    void listensAgainAfterTheServerEndsTheSession()
    {
        const QString url = PgTestServer::shared().createDatabase();
        QVERIFY2(!url.isEmpty(), qPrintable(PgTestServer::shared().error()));
        ManualClock clock(1'760'000'000'000);
        auto a = Ledger::open(url, clock);
        QVERIFY2(a, qPrintable(a.status().toString()));
        auto b = Ledger::open(url, clock);
        QVERIFY2(b, qPrintable(b.status().toString()));
        auto account = (*b)->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY2(account, qPrintable(account.status().toString()));
        QVERIFY(test::endOtherSessions(url) >= 2);
        QSignalSpy aAdded(a->get(), &Ledger::transactionsAdded);
        QTRY_VERIFY_WITH_TIMEOUT(aAdded.count() >= 1, 3 * kRelayCheckIntervalMs);
        QVERIFY(aAdded.last().at(1).value<QList<qint64>>().contains(account->id)); // every account
        aAdded.clear();
        NewTransaction t;
        t.accountId = account->id;
        t.amount = -99;
        t.description = QStringLiteral("after the restart");
        t.category = QStringLiteral("other");
        QVERIFY((*b)->addTransaction(t));
        QTRY_COMPARE_WITH_TIMEOUT(aAdded.count(), 1, 1000);
    }

    void cleanupTestCase()
    {
        const QStringList names = QSqlDatabase::connectionNames();
        for (const QString& name : names)
            QSqlDatabase::removeDatabase(name);
    }
};

QTEST_GUILESS_MAIN(TestPgChanges)
#include "tst_pgchanges.moc"
