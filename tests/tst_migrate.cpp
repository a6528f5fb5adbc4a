// SPDX-License-Identifier: GPL-3.0-or-later
// migrateLedger (ledger/Migrate.h, `ledgerguard migrate`): a ledger with accounts, back-dated and reversed
// transactions, a case with its audit trail, scores, a rule and the time zone, copied exactly and verified; an
// empty-but-for-rows target required; the copy continues the keys past the copied maximum.
#include "ledger/Migrate.h"
#include "ledger_fixture.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;
using namespace ledgerguard::test;

namespace {

NewTransaction row(qint64 account, qint64 amount, const QString& description, qint64 timestamp)
{
    NewTransaction t;
    t.accountId = account;
    t.amount = amount;
    t.description = description;
    t.category = QStringLiteral("other");
    t.timestamp = timestamp;
    return t;
}

constexpr qint64 kNow = 1'760'000'000'000;

// Fills `ledger`: two accounts, transactions in and out of time order, a reversal, a decided case with a note.
Status fill(Ledger& ledger, qint64 account)
{
    auto savings = ledger.createAccount({QStringLiteral("Reserve"), AccountType::Savings, QStringLiteral("EUR")});
    if (!savings)
        return savings.status();
    QList<NewTransaction> rows;
    for (int i = 0; i < 40; ++i)
        rows << row(i % 3 ? account : savings->id, (i % 2 ? -1 : 1) * (1000 + 37 * i), QStringLiteral("row %1").arg(i),
                    kNow - (i * 7919 % 40) * 3'600'000);
    if (auto added = ledger.addTransactions(rows); !added)
        return added.status();
    auto one = ledger.addTransaction(row(account, -250'000, QStringLiteral("big one"), kNow - 1000));
    if (!one)
        return one.status();
    if (auto reversed = ledger.reverseTransaction(one->id); !reversed)
        return reversed.status();
    auto caseId = openTestCase(ledger, account, one->id);
    if (!caseId)
        return caseId.status();
    if (auto noted = ledger.addNote(*caseId, QStringLiteral("called the bank"), QStringLiteral("alice")); !noted)
        return noted.status();
    if (auto st = ledger.setAnomalyStatus(*caseId, AnomalyStatus::Confirmed, QStringLiteral("bob")); !st)
        return st.status();
    return ledger.setTimeZone(QStringLiteral("Europe/Berlin"), QStringLiteral("alice"));
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
        std::unique_ptr<QTemporaryDir> dir;
        std::unique_ptr<ManualClock> clock;
        std::unique_ptr<Ledger> source;
        qint64 account = 0;
        QVERIFY(openLedgerFixture(kNow, dir, clock, source, account).isOk());
        const Status filled = fill(*source, account);
        QVERIFY2(filled.isOk(), qPrintable(filled.toString()));

        auto target = Database::open(dir->filePath(QStringLiteral("copy.sqlite")));
        QVERIFY(target);
        auto report = migrateLedger(*source->database(), **target);
        QVERIFY2(report, qPrintable(report.status().toString()));
        QCOMPARE(report->accounts, 2);
        QVERIFY(report->auditEntries >= 3);
        QCOMPARE(report->tables.constFirst().name, QStringLiteral("accounts"));
        qint64 copiedTransactions = 0;
        for (const MigratedTable& t : report->tables) {
            if (t.name == QLatin1String("transactions"))
                copiedTransactions = t.rows;
        }
        QCOMPARE(copiedTransactions, 42);
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
        QVERIFY(copy.addTransaction(row(account, 5, QStringLiteral("after"), kNow)));
        QCOMPARE(scalar(**target, QStringLiteral("SELECT max(seq) FROM transactions")), maxSeq + 1);
        auto created = copy.createAccount({QStringLiteral("New"), AccountType::Cash, QStringLiteral("EUR")});
        QVERIFY(created);
        QCOMPARE(created->id, 3);

        // A target with rows is refused, naming the table; so is the source itself.
        auto again = migrateLedger(*source->database(), **target);
        QVERIFY(!again);
        QVERIFY(again.status().isInvalidArgument());
        QVERIFY2(again.status().message().contains(QLatin1String("accounts")), qPrintable(again.status().message()));
        auto self = migrateLedger(*source->database(), *source->database());
        QVERIFY(!self && self.status().isInvalidArgument());
    }
};

QTEST_GUILESS_MAIN(TestMigrate)
#include "tst_migrate.moc"
