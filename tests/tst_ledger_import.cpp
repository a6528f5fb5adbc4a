// SPDX-License-Identifier: GPL-3.0-or-later
// Ledger::importBatch and undoImportBatch on real SQLite files, and the migration to schema version 3.
#include "ledger/Ledger.h"
#include "ledger/Schema.h"
#include "ledger_fixture.h"
#include "ledger_history.h"
#include "util/Ids.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000; // 2026-05-28
constexpr qint64 kDay = 86'400'000;

ImportRow row(qint64 account, qint64 amount, qint64 ts, const QString& description, const QString& externalId = {},
              bool derived = false)
{
    ImportRow r;
    r.transaction.accountId = account;
    r.transaction.amount = amount;
    r.transaction.timestamp = ts;
    r.transaction.description = description;
    r.transaction.category = QStringLiteral("other");
    r.transaction.externalId = externalId;
    r.externalIdDerived = derived;
    return r;
}

} // namespace

class TestLedgerImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void importTagsBatch();
    void storesEveryFieldOfEveryRow();
    void writesPreparedRows();
    void checkpointsAfterCommit();
    void reimportIsAllDuplicates();
    void repeatedIdInFileIsDuplicate();
    void probableDuplicates();
    void dryRunWritesNothing();
    void invalidRowFailsWholeImport();
    void undoRestoresBalancesExactly();
    void undoErrors();
    void migratesVersion2();

private:
    void checkInvariants();
    qint64 transactionCount();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
    qint64 m_account = 0;
};

void TestLedgerImport::init()
{
    const Status s = test::openLedgerFixture(kNow, m_dir, m_clock, m_ledger, m_account);
    QVERIFY2(s.isOk(), qPrintable(s.toString()));
}

void TestLedgerImport::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

void TestLedgerImport::checkInvariants()
{
    auto accounts = m_ledger->accounts();
    QVERIFY(accounts.isOk());
    for (const Account& a : *accounts) {
        QCOMPARE(a.balance, *m_ledger->sumOfTransactions(a.id));
        auto history = accountHistory(*m_ledger, a.id);
        QVERIFY(history.isOk());
        qint64 running = 0;
        for (const Transaction& t : *history) {
            running += t.amount;
            QCOMPARE(t.runningBalance, running);
        }
        QCOMPARE(qint64(history->size()), a.transactionCount);
    }
}

qint64 TestLedgerImport::transactionCount()
{
    return *m_ledger->countTransactions({});
}

void TestLedgerImport::importTagsBatch()
{
    ImportBatchOptions options;
    options.fileName = QStringLiteral("statement.csv");
    options.format = QStringLiteral("csv");
    options.encoding = QStringLiteral("UTF-8");
    options.skippedRows = 1;
    auto result = m_ledger->importBatch({row(m_account, -1250, kNow - 3 * kDay, QStringLiteral("Rent"), "A1"),
                                         row(m_account, 90000, kNow - 2 * kDay, QStringLiteral("Salary"), "A2"),
                                         row(m_account, -480, kNow - kDay, QStringLiteral("Coffee"), "A3")},
                                        options);
    QVERIFY2(result.isOk(), qPrintable(result.status().toString()));
    QCOMPARE(result->rows, qint64(4));
    QCOMPARE(result->imported, qint64(3));
    QCOMPARE(result->duplicates, qint64(0));
    QCOMPARE(result->skipped, qint64(1));
    QCOMPARE(result->importedPerAccount.value(m_account), qint64(3));

    auto history = accountHistory(*m_ledger, m_account);
    QVERIFY(history.isOk());
    QCOMPARE(history->size(), 3);
    QStringList externalIds;
    for (const Transaction& t : *history) {
        QCOMPARE(t.importBatch, result->batchId);
        QCOMPARE(t.source, Source::Import);
        externalIds << t.externalId;
    }
    QCOMPARE(externalIds, (QStringList {"A1", "A2", "A3"}));

    auto record = m_ledger->importBatchRecord(result->batchId);
    QVERIFY(record.isOk());
    QCOMPARE(record->fileName, QStringLiteral("statement.csv"));
    QCOMPARE(record->format, QStringLiteral("csv"));
    QCOMPARE(record->rows, qint64(4));
    QCOMPARE(record->imported, qint64(3));
    QCOMPARE(record->skipped, qint64(1));
    QVERIFY(!record->undoneAt);
    QVERIFY(m_ledger->account(m_account)->isStale);
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-1250 + 90000 - 480));
    checkInvariants();
}

// A chunk whose rows the ledger writes several per statement and the rest one by one (row counts around the
// statement's size): every row is stored with its own values, a NULL external id where it has none.
void TestLedgerImport::storesEveryFieldOfEveryRow()
{
    // Each size's rows lie 20 days apart from the others', beyond the probable-duplicate window.
    const QList<int> sizes {1, 49, 50, 51, 123};
    for (qsizetype n = 0; n < sizes.size(); ++n) {
        const int rows = sizes[n];
        QList<ImportRow> input;
        for (int i = 0; i < rows; ++i) {
            ImportRow r = row(m_account, i % 2 ? -(i + 1) : i + 1, kNow - (n + 1) * 20 * kDay + i * 1000,
                              QStringLiteral("Row %1 of %2").arg(i).arg(rows),
                              i % 3 == 0 ? QString() : QStringLiteral("ext-%1-%2").arg(rows).arg(i));
            r.transaction.counterparty = QStringLiteral("Payee %1").arg(i);
            r.transaction.category = i % 4 == 0 ? QStringLiteral("fees") : QStringLiteral("other");
            input.append(r);
        }
        auto result = m_ledger->importBatch(input, {});
        QVERIFY2(result.isOk(), qPrintable(result.status().toString()));
        QCOMPARE(result->imported, qint64(rows));
        QSqlQuery q(*m_ledger->database()->connection());
        QVERIFY(q.prepare(QStringLiteral("SELECT description, amount, timestamp, counterparty, category, "
                                         "external_id, source, import_batch FROM transactions "
                                         "WHERE import_batch = ? ORDER BY timestamp")));
        q.addBindValue(result->batchId);
        QVERIFY(q.exec());
        int i = 0;
        for (; q.next(); ++i) {
            const ImportRow& r = input[i];
            QCOMPARE(q.value(0).toString(), r.transaction.description);
            QCOMPARE(q.value(1).toLongLong(), r.transaction.amount);
            QCOMPARE(q.value(2).toLongLong(), *r.transaction.timestamp);
            QCOMPARE(q.value(3).toString(), r.transaction.counterparty);
            QCOMPARE(q.value(4).toString(), r.transaction.category);
            QCOMPARE(q.value(5).isNull(), r.transaction.externalId.isEmpty());
            QCOMPARE(q.value(5).toString(), r.transaction.externalId);
            QCOMPARE(q.value(6).toString(), QStringLiteral("import"));
            QCOMPARE(q.value(7).toString(), result->batchId);
        }
        QCOMPARE(i, rows);
    }
    checkInvariants();
}

// Rows made ready on the parsing thread (prepareImportRow: checked and normalized texts) are written as given,
// in a chunk of such rows only and in a chunk beside rows that are not; a row with its own id or with a text the
// ledger refuses is not marked ready and goes through the ledger's own checks.
void TestLedgerImport::writesPreparedRows()
{
    const auto prepared = [](ImportRow r) {
        prepareImportRow(&r);
        return r;
    };
    ImportRow spaced = row(m_account, -700, kNow - 9 * kDay, QStringLiteral("  Cafe\u0301 Noir  "));
    spaced.transaction.counterparty = QStringLiteral(" Bistro ");
    const ImportRow ready = prepared(spaced);
    QVERIFY(ready.writeReady);
    QCOMPARE(ready.transaction.description, QStringLiteral("Caf\u00e9 Noir"));
    QCOMPARE(ready.transaction.counterparty, QStringLiteral("Bistro"));
    QVERIFY(ready.transaction.id.isEmpty()); // the ledger makes it
    // A text the ledger refuses as given is not made acceptable by trimming: such a row is not ready.
    QVERIFY(!prepared(row(m_account, 300, kNow - 8 * kDay, QStringLiteral("Rent\n"))).writeReady);
    ImportRow ownId = row(m_account, 300, kNow - 8 * kDay, QStringLiteral("Own id"));
    ownId.transaction.id = QStringLiteral("0190A0B0-0000-7000-8000-000000000001");
    QVERIFY(!prepared(ownId).writeReady);
    ImportRow control = row(m_account, 300, kNow - 8 * kDay, QStringLiteral("Bell\u0007"));
    QVERIFY(!prepared(control).writeReady);
    const qint64 before = transactionCount();

    const QList<QList<ImportRow>> batches {
        {ready, prepared(row(m_account, -20, kNow - 9 * kDay, QStringLiteral("Second"))),
         prepared(row(m_account, -30, kNow - 10 * kDay, QStringLiteral("Earlier")))},
        {prepared(row(m_account, 55, kNow - 7 * kDay, QStringLiteral("Ready"))),
         row(m_account, 66, kNow - 7 * kDay, QStringLiteral("Not prepared")), prepared(ownId)}};
    for (const QList<ImportRow>& input : batches) {
        auto result = m_ledger->importBatch(input, {});
        QVERIFY2(result.isOk(), qPrintable(result.status().toString()));
        QCOMPARE(result->imported, qint64(input.size()));
        QSqlQuery q(*m_ledger->database()->connection());
        QVERIFY(q.prepare(QStringLiteral("SELECT id, description, counterparty, amount FROM transactions "
                                         "WHERE import_batch = ?")));
        q.addBindValue(result->batchId);
        QVERIFY(q.exec());
        QHash<qint64, std::pair<QString, QString>> stored; // amount -> (description, counterparty)
        QSet<QString> ids;
        while (q.next()) {
            QVERIFY(isUuid(q.value(0).toString()));
            ids.insert(q.value(0).toString());
            stored.insert(q.value(3).toLongLong(), {q.value(1).toString(), q.value(2).toString()});
        }
        QCOMPARE(ids.size(), input.size());
        for (const ImportRow& r : input) {
            QVERIFY2(stored.contains(r.transaction.amount), qPrintable(r.transaction.description));
            QCOMPARE(stored[r.transaction.amount].first, r.transaction.description.trimmed());
            if (!r.transaction.id.isEmpty())
                QVERIFY(ids.contains(r.transaction.id.toLower()));
        }
    }
    QCOMPARE(transactionCount(), before + 6);
    checkInvariants();
}

// A committed import's WAL frames are copied into the ledger file after the commit (in the background), and the
// import's connection keeps its automatic checkpoint setting.
void TestLedgerImport::checkpointsAfterCommit()
{
    if (test::onPostgres())
        QSKIP("SQLite only: a PostgreSQL ledger has no WAL file of its own to checkpoint");
    auto result = m_ledger->importBatch({row(m_account, 100, kNow - kDay, QStringLiteral("Rent"), QStringLiteral("a")),
                                         row(m_account, -40, kNow - kDay, QStringLiteral("Fee"), QStringLiteral("b"))},
                                        {});
    QVERIFY2(result.isOk(), qPrintable(result.status().toString()));
    {
        QSqlQuery q(*m_ledger->database()->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1000);
    }
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    // The file alone, without its WAL, holds the batch.
    const auto rows = test::countInFileAlone(*m_ledger, *m_dir,
                                             QStringLiteral("SELECT count(*) FROM transactions WHERE import_batch = ?"),
                                             {result->batchId});
    QVERIFY2(rows.isOk(), qPrintable(rows.status().toString()));
    QCOMPARE(*rows, qint64(2));
}

void TestLedgerImport::reimportIsAllDuplicates()
{
    const QList<ImportRow> rows {row(m_account, -1250, kNow - 3 * kDay, QStringLiteral("Rent"), "A1"),
                                 row(m_account, 700, kNow - 2 * kDay, QStringLiteral("Refund"), "d1", true)};
    QVERIFY(m_ledger->importBatch(rows, {}).isOk());
    auto again = m_ledger->importBatch(rows, {});
    QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, qint64(2));
    QCOMPARE(again->skipped, qint64(2));
    QCOMPARE(again->outcomes, (QList<ImportOutcome> {ImportOutcome::Duplicate, ImportOutcome::Duplicate}));
    QCOMPARE(transactionCount(), qint64(2));

    // The same external id in another account is no duplicate.
    auto other = m_ledger->createAccount({QStringLiteral("Savings"), AccountType::Savings, QStringLiteral("EUR")});
    QVERIFY(other.isOk());
    auto elsewhere = m_ledger->importBatch({row(other->id, -1250, kNow - 3 * kDay, QStringLiteral("Rent"), "A1")}, {});
    QVERIFY(elsewhere.isOk());
    QCOMPARE(elsewhere->imported, qint64(1));
    checkInvariants();
}

void TestLedgerImport::repeatedIdInFileIsDuplicate()
{
    // The same row twice is a duplicate; a row with the id of an earlier row of the import and another amount or day
    // is a transaction of its own, kept under an id of the file's id, its amount and day.
    auto result = m_ledger->importBatch({row(m_account, -100, kNow - kDay, QStringLiteral("Fee"), "X"),
                                         row(m_account, -100, kNow - kDay, QStringLiteral("Fee"), "X"),
                                         row(m_account, -200, kNow - kDay, QStringLiteral("Other fee"), "X"),
                                         row(m_account, -100, kNow - 2 * kDay, QStringLiteral("Fee"), "X"),
                                         row(m_account, -200, kNow - kDay, QStringLiteral("Other fee"), "X")},
                                        {});
    QVERIFY(result.isOk());
    QCOMPARE(result->outcomes,
             (QList<ImportOutcome> {ImportOutcome::Imported, ImportOutcome::Duplicate, ImportOutcome::SharedId,
                                    ImportOutcome::SharedId, ImportOutcome::Duplicate}));
    QCOMPARE(result->imported, qint64(3));
    QCOMPARE(result->duplicates, qint64(2));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-400));
    // The same rows again are duplicates; X is shared, so a new row with it is a transaction of its own (the next
    // statement of a bank that gives every row one id).
    auto again = m_ledger->importBatch({row(m_account, -100, kNow - kDay, QStringLiteral("Fee"), "X"),
                                        row(m_account, -200, kNow - kDay, QStringLiteral("Other fee"), "X"),
                                        row(m_account, -100, kNow - 2 * kDay, QStringLiteral("Fee"), "X"),
                                        row(m_account, -300, kNow - kDay, QStringLiteral("Fee"), "X"),
                                        row(m_account, -300, kNow - kDay, QStringLiteral("Other fee"), "X")},
                                       {});
    QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
    QCOMPARE(again->outcomes,
             (QList<ImportOutcome> {ImportOutcome::Duplicate, ImportOutcome::Duplicate, ImportOutcome::Duplicate,
                                    ImportOutcome::SharedId, ImportOutcome::SharedId}));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-1000));
    // An id of a transaction from before this import that is not shared is a duplicate, whatever its amount.
    QVERIFY(m_ledger->importBatch({row(m_account, -50, kNow - kDay, QStringLiteral("Card"), "Z")}, {}).isOk());
    auto later = m_ledger->importBatch({row(m_account, -70, kNow - kDay, QStringLiteral("Card"), "Z")}, {});
    QVERIFY(later.isOk());
    QCOMPARE(later->outcomes, (QList<ImportOutcome> {ImportOutcome::Duplicate}));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-1050));

    // In one batch, an id repeated in another account is no duplicate; repeated again in that account it is.
    auto other = m_ledger->createAccount({QStringLiteral("Savings"), AccountType::Savings, QStringLiteral("EUR")});
    QVERIFY(other.isOk());
    auto mixed = m_ledger->importBatch({row(m_account, -300, kNow - kDay, QStringLiteral("Card"), "Y"),
                                        row(other->id, -400, kNow - kDay, QStringLiteral("Card"), "Y"),
                                        row(other->id, -400, kNow - kDay, QStringLiteral("Card"), "Y"),
                                        row(m_account, -300, kNow - kDay, QStringLiteral("Card"), "Y")},
                                       {});
    QVERIFY2(mixed.isOk(), qPrintable(mixed.status().toString()));
    QCOMPARE(mixed->outcomes,
             (QList<ImportOutcome> {ImportOutcome::Imported, ImportOutcome::Imported, ImportOutcome::Duplicate,
                                    ImportOutcome::Duplicate}));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-1050 - 300));
    QCOMPARE(m_ledger->account(other->id)->balance, qint64(-400));
}

void TestLedgerImport::probableDuplicates()
{
    NewTransaction manual;
    manual.accountId = m_account;
    manual.amount = -5000;
    manual.timestamp = kNow - 5 * kDay;
    manual.description = QStringLiteral("Coffee Shop");
    manual.category = QStringLiteral("card_spend");
    QVERIFY(m_ledger->addTransaction(manual).isOk());

    const QList<ImportRow> rows {
        // Two days later, a description containing the manual one: probable duplicate.
        row(m_account, -5000, kNow - 3 * kDay, QStringLiteral("CARD  coffee shop Berlin")),
        // A derived id does not prove identity: still checked.
        row(m_account, -5000, kNow - 6 * kDay, QStringLiteral("coffee   SHOP"), QStringLiteral("derived-1"), true),
        // Four days later: not a duplicate.
        row(m_account, -5000, kNow - kDay, QStringLiteral("Coffee Shop")),
        // Another amount: not a duplicate.
        row(m_account, -5001, kNow - 5 * kDay, QStringLiteral("Coffee Shop")),
        // Another description: not a duplicate.
        row(m_account, -5000, kNow - 5 * kDay, QStringLiteral("Bakery")),
        // The bank's id for a row like the transaction entered by hand (without an id): asked about as well (the
        // same payment typed in, then downloaded from the bank).
        row(m_account, -5000, kNow - 5 * kDay, QStringLiteral("Coffee Shop"), QStringLiteral("bank-7"))};
    auto skipped = m_ledger->importBatch(rows, {});
    QVERIFY2(skipped.isOk(), qPrintable(skipped.status().toString()));
    QCOMPARE(skipped->probableDuplicates, qint64(3));
    QCOMPARE(skipped->imported, qint64(3));
    QCOMPARE(skipped->skipped, qint64(3));
    QCOMPARE(skipped->outcomes[0], ImportOutcome::ProbableDuplicateSkipped);
    QCOMPARE(skipped->outcomes[1], ImportOutcome::ProbableDuplicateSkipped);
    QCOMPARE(skipped->outcomes[5], ImportOutcome::ProbableDuplicateSkipped);
    QCOMPARE(transactionCount(), qint64(4));
    QVERIFY(m_ledger->undoImportBatch(skipped->batchId).isOk());

    ImportBatchOptions allow;
    allow.allowProbableDuplicates = true;
    auto imported = m_ledger->importBatch(rows, allow);
    QVERIFY(imported.isOk());
    QCOMPARE(imported->probableDuplicates, qint64(3));
    QCOMPARE(imported->imported, qint64(6));
    QCOMPARE(imported->skipped, qint64(0));
    QCOMPARE(imported->outcomes[0], ImportOutcome::ProbableDuplicateImported);
    QCOMPARE(transactionCount(), qint64(7));

    // Two equal rows of one batch like no transaction the account had: two bookings, no probable duplicate; a third
    // alike as well.
    // (Dates without a time: 12:00 UTC.)
    const qint64 teaDay = (kNow / kDay - 20) * kDay + kDay / 2;
    auto twice = m_ledger->importBatch({row(m_account, -350, teaDay, QStringLiteral("Tea")),
                                        row(m_account, -350, teaDay, QStringLiteral("Tea")),
                                        row(m_account, -350, teaDay + kDay, QStringLiteral("Tea house"))},
                                       {});
    QVERIFY2(twice.isOk(), qPrintable(twice.status().toString()));
    QCOMPARE(
        twice->outcomes,
        (QList<ImportOutcome> {ImportOutcome::Imported, ImportOutcome::RepeatedInFile, ImportOutcome::RepeatedInFile}));
    QCOMPARE(twice->imported, qint64(3));
    QCOMPARE(twice->probableDuplicates, qint64(0));
    // The same rows again are like the account's transactions now: asked about.
    auto again = m_ledger->importBatch({row(m_account, -350, teaDay, QStringLiteral("Tea"))}, {});
    QVERIFY(again.isOk());
    QCOMPARE(again->outcomes, (QList<ImportOutcome> {ImportOutcome::ProbableDuplicateSkipped}));
    // Rows the file gives different times (card payments at 22:03:54 and 22:10:08) are no look-alikes of each other;
    // rows of one time, or a date without a time (12:00 UTC) beside one, still are.
    const qint64 day = (kNow / kDay - 30) * kDay;
    const qint64 at2203 = day + (22 * 3600 + 3 * 60 + 54) * 1000, at2210 = day + (22 * 3600 + 10 * 60 + 8) * 1000;
    auto timed = m_ledger->importBatch({row(m_account, -499, at2210, QStringLiteral("PAYPAL *GOOGLE")),
                                        row(m_account, -499, at2203, QStringLiteral("PAYPAL *GOOGLE")),
                                        row(m_account, -499, at2203, QStringLiteral("PAYPAL *GOOGLE")),
                                        row(m_account, -499, day + kDay / 2, QStringLiteral("PAYPAL *GOOGLE"))},
                                       {});
    QVERIFY2(timed.isOk(), qPrintable(timed.status().toString()));
    QCOMPARE(timed->outcomes,
             (QList<ImportOutcome> {ImportOutcome::Imported, ImportOutcome::Imported, ImportOutcome::RepeatedInFile,
                                    ImportOutcome::RepeatedInFile}));
    checkInvariants();
}

void TestLedgerImport::dryRunWritesNothing()
{
    QVERIFY(m_ledger->importBatch({row(m_account, -100, kNow - kDay, QStringLiteral("Fee"), "F1")}, {}).isOk());
    const qint64 before = transactionCount();
    ImportBatchOptions dry;
    dry.dryRun = true;
    auto result = m_ledger->importBatch({row(m_account, -100, kNow - kDay, QStringLiteral("Fee"), "F1"),
                                         row(m_account, 300, kNow - 2 * kDay, QStringLiteral("Refund"), "F2"),
                                         row(m_account, 400, kNow - 2 * kDay, QStringLiteral("Refund 2"), "F3")},
                                        dry);
    QVERIFY2(result.isOk(), qPrintable(result.status().toString()));
    QCOMPARE(result->imported, qint64(2));
    QCOMPARE(result->duplicates, qint64(1));
    QCOMPARE(transactionCount(), before);
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-100));
    QVERIFY(m_ledger->importBatchRecord(result->batchId).status().isNotFound());
    // The dry run leaves the ledger writable.
    auto real = m_ledger->importBatch({row(m_account, 300, kNow - 2 * kDay, QStringLiteral("Refund"), "F2")}, {});
    QVERIFY(real.isOk());
    QCOMPARE(real->imported, qint64(1));
    checkInvariants();
}

void TestLedgerImport::invalidRowFailsWholeImport()
{
    auto result = m_ledger->importBatch({row(m_account, -100, kNow - kDay, QStringLiteral("Fee"), "F1"),
                                         row(m_account, 0, kNow - kDay, QStringLiteral("Zero"), "F2")},
                                        {});
    QVERIFY(result.status().isInvalidArgument());
    QCOMPARE(result.status().field(), QStringLiteral("amount"));
    QCOMPARE(transactionCount(), qint64(0));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(0));
}

void TestLedgerImport::undoRestoresBalancesExactly()
{
    auto other = m_ledger->createAccount({QStringLiteral("Card"), AccountType::CreditCard, QStringLiteral("EUR")});
    QVERIFY(other.isOk());
    QList<NewTransaction> manual;
    for (int i = 0; i < 20; ++i) {
        NewTransaction t;
        t.accountId = i % 2 ? m_account : other->id;
        t.amount = (i % 3 ? -1 : 1) * (1000 + 37 * i);
        t.timestamp = kNow - (40 - 2 * i) * kDay;
        t.description = QStringLiteral("Manual %1").arg(i);
        t.category = QStringLiteral("other");
        manual.append(t);
    }
    QVERIFY(m_ledger->addTransactions(manual).isOk());
    const auto historyBefore = *accountHistory(*m_ledger, m_account);
    const auto otherBefore = *accountHistory(*m_ledger, other->id);
    const Account accountBefore = *m_ledger->account(m_account);

    // Back-dated rows interleaved with the manual ones, in both accounts.
    QList<ImportRow> rows;
    for (int i = 0; i < 15; ++i)
        rows.append(row(i % 2 ? m_account : other->id, 123 * (i + 1) * (i % 2 ? 1 : -1), kNow - (41 - 3 * i) * kDay,
                        QStringLiteral("Imported %1").arg(i), QStringLiteral("I%1").arg(i)));
    auto result = m_ledger->importBatch(rows, {});
    QVERIFY2(result.isOk(), qPrintable(result.status().toString()));
    QCOMPARE(result->imported, qint64(15));
    checkInvariants();

    // An anomaly on an imported transaction goes with it.
    auto imported = accountHistory(*m_ledger, m_account);
    QString importedId;
    for (const Transaction& t : *imported)
        if (!t.importBatch.isEmpty())
            importedId = t.id;
    QVERIFY(!importedId.isEmpty());
    Anomaly a;
    a.accountId = m_account;
    a.transactionId = importedId;
    a.score = 0.9;
    a.risk = Risk::High;
    a.anomalyType = QStringLiteral("amount_spike");
    QVERIFY(m_ledger->storeDetectionResults(m_account, {{importedId, 0.9, Risk::High}}, {a}, std::nullopt).isOk());
    QCOMPARE(*m_ledger->countAnomalies({}), qint64(1));

    m_clock->advanceMs(1000);
    auto undone = m_ledger->undoImportBatch(result->batchId);
    QVERIFY2(undone.isOk(), qPrintable(undone.status().toString()));
    QCOMPARE(undone->size(), 2);
    QCOMPARE(*m_ledger->countAnomalies({}), qint64(0));
    checkInvariants();
    const auto historyAfter = *accountHistory(*m_ledger, m_account);
    QCOMPARE(historyAfter.size(), historyBefore.size());
    for (qsizetype i = 0; i < historyBefore.size(); ++i) {
        QCOMPARE(historyAfter[i].id, historyBefore[i].id);
        QCOMPARE(historyAfter[i].runningBalance, historyBefore[i].runningBalance);
    }
    QCOMPARE(accountHistory(*m_ledger, other->id)->size(), otherBefore.size());
    const Account accountAfter = *m_ledger->account(m_account);
    QCOMPARE(accountAfter.balance, accountBefore.balance);
    QCOMPARE(accountAfter.transactionCount, accountBefore.transactionCount);
    QCOMPARE(accountAfter.lastActivity, accountBefore.lastActivity);
    QVERIFY(accountAfter.isStale);
    QCOMPARE(m_ledger->importBatchRecord(result->batchId)->undoneAt, std::optional<qint64>(kNow + 1000));

    // Undone rows are no duplicates any more.
    auto again = m_ledger->importBatch(rows, {});
    QVERIFY(again.isOk());
    QCOMPARE(again->imported, qint64(15));
    checkInvariants();
}

void TestLedgerImport::undoErrors()
{
    QVERIFY(m_ledger->undoImportBatch(QStringLiteral("0190c0de-0000-7000-8000-000000000000")).status().isNotFound());
    auto result = m_ledger->importBatch({row(m_account, -100, kNow - kDay, QStringLiteral("Fee"), "F1")}, {});
    QVERIFY(result.isOk());
    QVERIFY(m_ledger->undoImportBatch(result->batchId).isOk());
    QVERIFY(m_ledger->undoImportBatch(result->batchId).status().isConflict());
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(0));
    QCOMPARE(m_ledger->account(m_account)->lastActivity, std::nullopt);
}

// A ledger of schema version 2 gains the import columns and table on open; its transactions have none.
void TestLedgerImport::migratesVersion2()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v2.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(schema::migrate(db, 0, 2).isOk());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO accounts (id, name, type, currency, balance, transaction_count, "
                                  "created_at, updated_at) VALUES (1, 'Operating', 'checking', 'EUR', 150, 1, 0, 0)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO transactions (id, account_id, amount, description, category, "
                                      "timestamp, running_balance, source, created_at) VALUES "
                                      "('0190c0de-0000-7000-8000-000000000001', 1, 150, 'x', 'other', %1, 150, "
                                      "'manual', 0)")
                           .arg(kNow - kDay)));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2"));

    ManualClock clock(kNow);
    auto ledger = Ledger::open(path, clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    auto conn = (*ledger)->database()->connection();
    QSqlQuery q(*conn);
    QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
    QCOMPARE(q.value(0).toInt(), Database::kSchemaVersion);
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE name IN ('import_batches', "
                                  "'transactions_external_id', 'transactions_import_batch')")));
    int objects = 0;
    while (q.next())
        ++objects;
    QCOMPARE(objects, 3);
    auto t = (*ledger)->transaction(QStringLiteral("0190c0de-0000-7000-8000-000000000001"));
    QVERIFY(t.isOk());
    QVERIFY(t->externalId.isEmpty());
    QVERIFY(t->importBatch.isEmpty());
    auto imported = (*ledger)->importBatch({row(1, 20, kNow, QStringLiteral("Interest"), "E1")}, {});
    QVERIFY2(imported.isOk(), qPrintable(imported.status().toString()));
    QCOMPARE((*ledger)->account(1)->balance, qint64(170));
}

QTEST_GUILESS_MAIN(TestLedgerImport)
#include "tst_ledger_import.moc"
