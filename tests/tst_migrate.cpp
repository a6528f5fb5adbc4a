// SPDX-License-Identifier: GPL-3.0-or-later
// migrateLedger (ledger/Migrate.h, `ledgerguard migrate`): the demo company's ledger with a reversal, a confirmed case
// with its audit trail and the time zone, copied exactly and verified; a target with rows, or the source itself,
// refused; the copy continues the keys past the copied maximum.
#include "PgTestServer.h"
#include "generate/DemoLedger.h"
#include "ledger/Migrate.h"
#include "ledger_fixture.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;
using namespace ledgerguard::test;

namespace {

constexpr qint64 kNow = 1'760'000'000'000;

// Fills `ledger`: the demo company's accounts and 20 days of history (generate/), a reversal, a confirmed case
// with a note, the time zone.
Status fill(Ledger& ledger)
{
    if (Status s = createDemoLedger(ledger, 20, 3); !s.isOk())
        return s;
    auto newest = ledger.transactions(TransactionFilter {}, {2, {}});
    if (!newest)
        return newest.status();
    if (newest->items.size() != 2)
        return Status::internal(QStringLiteral("the demo ledger has fewer than two transactions"));
    if (auto reversed = ledger.reverseTransaction(newest->items[0].id); !reversed)
        return reversed.status();
    const Transaction& flagged = newest->items[1];
    auto caseId = openTestCase(ledger, flagged.accountId, flagged.id);
    if (!caseId)
        return caseId.status();
    if (auto noted = ledger.addNote(*caseId, QStringLiteral("called the bank"), QStringLiteral("alice")); !noted)
        return noted.status();
    if (auto st = ledger.setAnomalyStatus(*caseId, AnomalyStatus::Confirmed, QStringLiteral("bob")); !st)
        return st.status();
    return ledger.setTimeZone(QStringLiteral("Europe/Berlin"), QStringLiteral("alice"));
}

// A new ledger file "source.sqlite" in `dir` on `clock`, filled as fill() does.
Result<std::unique_ptr<Ledger>> filledSource(const QTemporaryDir& dir, Clock& clock)
{
    auto opened = Ledger::open(dir.filePath(QStringLiteral("source.sqlite")), clock);
    if (!opened)
        return opened.status();
    if (Status s = fill(**opened); !s.isOk())
        return s;
    return std::move(*opened);
}

// The transaction written after a copy, to see where the copy's keys continue.
NewTransaction afterCopy(qint64 account)
{
    NewTransaction t;
    t.accountId = account;
    t.amount = 5;
    t.description = QStringLiteral("after");
    t.category = QStringLiteral("other");
    return t;
}

qint64 scalar(const Database& db, const QString& text)
{
    QSqlQuery q(*db.connection());
    return q.exec(text) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestMigrate : public QObject
{
    Q_OBJECT

private slots:
    void fileToFileExact()
    {
        auto dir = std::make_unique<QTemporaryDir>();
        auto clock = std::make_unique<ManualClock>(kNow);
        auto filled = filledSource(*dir, *clock);
        QVERIFY2(filled, qPrintable(filled.status().toString()));
        std::unique_ptr<Ledger> source = std::move(*filled);
        auto accounts = source->accounts();
        QVERIFY(accounts && !accounts->isEmpty());
        const qint64 account = accounts->constFirst().id;
        const Database& from = *source->database();

        auto target = Database::open(dir->filePath(QStringLiteral("copy.sqlite")));
        QVERIFY(target);
        auto report = migrateLedger(from, **target);
        QVERIFY2(report, qPrintable(report.status().toString()));
        QCOMPARE(report->accounts, scalar(from, QStringLiteral("SELECT count(*) FROM accounts")));
        QCOMPARE(report->auditEntries, scalar(from, QStringLiteral("SELECT count(*) FROM audit_log")));
        QVERIFY(report->auditEntries >= 3);
        QCOMPARE(report->tables.constFirst().name, QStringLiteral("accounts"));
        for (const MigratedTable& t : report->tables) {
            if (t.name != QLatin1String("meta"))
                QCOMPARE(t.rows, scalar(from, QStringLiteral("SELECT count(*) FROM ") + t.name));
        }
        QVERIFY(report->toText().contains(QLatin1String("audit entries")));
        QCOMPARE(report->toJson().value(QStringLiteral("verified")).toBool(), true);

        // The copy is a working ledger: the same reads, and new rows continue after the copied keys.
        Ledger copy(*target, *clock);
        auto a = copy.account(account);
        auto b = source->account(account);
        QVERIFY(a && b);
        QCOMPARE(a->balance, b->balance);
        QCOMPARE(copy.timeZone().id(), QByteArray("Europe/Berlin"));
        const qint64 maxSeq = scalar(**target, QStringLiteral("SELECT max(seq) FROM transactions"));
        const qint64 maxAccount = scalar(**target, QStringLiteral("SELECT max(id) FROM accounts"));
        QVERIFY(copy.addTransaction(afterCopy(account)));
        QCOMPARE(scalar(**target, QStringLiteral("SELECT max(seq) FROM transactions")), maxSeq + 1);
        auto created = copy.createAccount({QStringLiteral("New"), AccountType::Cash, QStringLiteral("EUR")});
        QVERIFY(created);
        QCOMPARE(created->id, maxAccount + 1);

        // A target with rows is refused, naming the table; so is the source itself.
        auto again = migrateLedger(*source->database(), **target);
        QVERIFY(!again);
        QVERIFY(again.status().isInvalidArgument());
        QVERIFY2(again.status().message().contains(QLatin1String("accounts")), qPrintable(again.status().message()));
        auto self = migrateLedger(*source->database(), *source->database());
        QVERIFY(!self && self.status().isInvalidArgument());
    }
    // A file to PostgreSQL and back to a file: exact both ways; the database's identities continue after the copy.
    void fileToPostgresAndBack()
    {
        auto dir = std::make_unique<QTemporaryDir>();
        auto clock = std::make_unique<ManualClock>(kNow);
        auto filled = filledSource(*dir, *clock);
        QVERIFY2(filled, qPrintable(filled.status().toString()));
        std::unique_ptr<Ledger> source = std::move(*filled);
        const qint64 account = source->accounts()->constFirst().id;

        const QString url = PgTestServer::shared().createDatabase();
        QVERIFY2(!url.isEmpty(), qPrintable(PgTestServer::shared().error()));
        auto pg = Database::open(url);
        QVERIFY2(pg, qPrintable(pg.status().toString()));
        {
            // A command run on the empty database first left a setting of its own: the copy replaces it.
            Ledger once(*pg, *clock);
            QVERIFY(once.setMeta(QStringLiteral("first_run"), QStringLiteral("1")).isOk());
            QCOMPARE(once.countTransactions({}).value(), qint64(0));
        }
        auto there = migrateLedger(*source->database(), **pg);
        QVERIFY2(there, qPrintable(there.status().toString()));
        QCOMPARE(there->accounts, qint64(source->accounts()->size()));
        QCOMPARE(scalar(**pg, QStringLiteral("SELECT count(*) FROM meta WHERE key = 'first_run'")), 0);

        auto back = Database::open(dir->filePath(QStringLiteral("back.sqlite")));
        QVERIFY(back);
        auto returned = migrateLedger(**pg, **back);
        QVERIFY2(returned, qPrintable(returned.status().toString()));
        QCOMPARE(returned->auditEntries, there->auditEntries);
        for (qsizetype i = 0; i < there->tables.size(); ++i)
            QCOMPARE(returned->tables.at(i).rows, there->tables.at(i).rows);

        // A non-empty database is refused.
        auto twice = migrateLedger(*source->database(), **pg);
        QVERIFY(!twice && twice.status().isInvalidArgument());

        // New rows on PostgreSQL continue after the copied keys.
        Ledger onPg(*pg, *clock);
        const qint64 maxSeq = scalar(**pg, QStringLiteral("SELECT max(seq) FROM transactions"));
        QVERIFY(onPg.addTransaction(afterCopy(account)));
        QCOMPARE(scalar(**pg, QStringLiteral("SELECT max(seq) FROM transactions")), maxSeq + 1);
        auto created = onPg.createAccount({QStringLiteral("New"), AccountType::Cash, QStringLiteral("EUR")});
        QVERIFY2(created, qPrintable(created.status().toString()));
        QCOMPARE(created->id, there->accounts + 1);
        auto a = onPg.account(account);
        auto b = source->account(account);
        QVERIFY(a && b);
        QCOMPARE(a->balance, b->balance + 5);
    }
};

QTEST_GUILESS_MAIN(TestMigrate)
#include "tst_migrate.moc"
