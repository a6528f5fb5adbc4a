// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Ledger.h"
#include "ledger_fixture.h"
#include "ledger_history.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000; // 2026-05-28
constexpr qint64 kHour = 3'600'000;

NewTransaction tx(qint64 account, qint64 amount, qint64 ts, const QString& description = QStringLiteral("Payment"),
                  const QString& category = QStringLiteral("supplier_payment"))
{
    NewTransaction t;
    t.accountId = account;
    t.amount = amount;
    t.timestamp = ts;
    t.description = description;
    t.category = category;
    return t;
}

} // namespace

class TestLedger : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void storesScoresByKeyInChunks();
    void cleanup();
    void accounts();
    void accountValidation_data();
    void accountValidation();
    void validation_data();
    void validation();
    void failedWriteChangesNothing();
    void runningBalances();
    void backdatedShiftsLaterRows();
    void batchInsert();
    void batchKeepsTextExactly();
    void batchRejectsInvalidRow();
    void hostileTextIsRefused();
    void storedTextIsValidUtf8InNfc();
    void pagination();
    void filters();
    void pagedFilters_data();
    void pagedFilters();
    void pagesOrderTiesById_data();
    void pagesOrderTiesById();
    void cursorErrors();
    void anomalies();
    void healthOfPastMonths();
    void staleFlagKeptWhenWrittenDuringRun();
    void signalsAfterCommit();
    void aggregates();
    void meta();

private:
    void checkInvariants();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
    qint64 m_account = 0;
};

void TestLedger::init()
{
    const Status s = test::openLedgerFixture(kNow, m_dir, m_clock, m_ledger, m_account);
    QVERIFY2(s.isOk(), qPrintable(s.toString()));
}

void TestLedger::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

void TestLedger::checkInvariants()
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

void TestLedger::accounts()
{
    auto b = m_ledger->createAccount({QStringLiteral("  Card  "), AccountType::CreditCard, QStringLiteral("USD")});
    QVERIFY(b.isOk());
    QCOMPARE(b->name, QStringLiteral("Card"));
    QCOMPARE(b->type, AccountType::CreditCard);
    QCOMPARE(b->balance, qint64(0));
    QVERIFY(!b->isStale);
    QCOMPARE(m_ledger->accounts()->size(), 2);
    auto updated = m_ledger->updateAccount(b->id, QStringLiteral("Corporate card"), AccountType::Cash);
    QVERIFY(updated.isOk());
    QCOMPARE(updated->name, QStringLiteral("Corporate card"));
    QCOMPARE(updated->type, AccountType::Cash);
    QVERIFY(m_ledger->account(999).status().isNotFound());
    QVERIFY(m_ledger->updateAccount(999, QStringLiteral("x"), AccountType::Cash).status().isNotFound());
}

void TestLedger::accountValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("field");
    QTest::addRow("empty name") << "  "
                                << "EUR"
                                << "name";
    QTest::addRow("long name") << QString(101, QLatin1Char('n')) << "EUR"
                               << "name";
    QTest::addRow("unknown currency") << "Ops"
                                      << "ABC"
                                      << "currency";
    QTest::addRow("lower-case currency") << "Ops"
                                         << "eur"
                                         << "currency";
}

void TestLedger::accountValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, currency);
    QFETCH(QString, field);
    auto a = m_ledger->createAccount({name, AccountType::Checking, currency});
    QVERIFY(!a.isOk());
    QVERIFY(a.status().isInvalidArgument());
    QCOMPARE(a.status().field(), field);
    QCOMPARE(m_ledger->accounts()->size(), 1);
}

void TestLedger::validation_data()
{
    QTest::addColumn<qint64>("account");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("counterparty");
    QTest::addColumn<qint64>("timestamp");
    QTest::addColumn<QString>("field");
    const QString ok = QStringLiteral("Office rent");
    QTest::addRow("no account") << qint64(0) << qint64(100) << ok << "rent"
                                << "" << kNow << "accountId";
    QTest::addRow("unknown account") << qint64(42) << qint64(100) << ok << "rent"
                                     << "" << kNow << "accountId";
    QTest::addRow("zero amount") << qint64(1) << qint64(0) << ok << "rent"
                                 << "" << kNow << "amount";
    QTest::addRow("amount too large") << qint64(1) << qint64(1'000'000'000'001) << ok << "rent"
                                      << "" << kNow << "amount";
    QTest::addRow("amount too small") << qint64(1) << qint64(-1'000'000'000'001) << ok << "rent"
                                      << "" << kNow << "amount";
    QTest::addRow("empty description") << qint64(1) << qint64(100) << " "
                                       << "rent"
                                       << "" << kNow << "description";
    QTest::addRow("long description") << qint64(1) << qint64(100) << QString(501, QLatin1Char('d')) << "rent"
                                      << "" << kNow << "description";
    QTest::addRow("unknown category") << qint64(1) << qint64(100) << ok << "gambling"
                                      << "" << kNow << "category";
    QTest::addRow("long counterparty") << qint64(1) << qint64(100) << ok << "rent" << QString(201, QLatin1Char('c'))
                                       << kNow << "counterparty";
    QTest::addRow("future") << qint64(1) << qint64(100) << ok << "rent"
                            << "" << kNow + 24 * kHour + 1 << "timestamp";
    QTest::addRow("before 1970") << qint64(1) << qint64(100) << ok << "rent"
                                 << "" << qint64(-1) << "timestamp";
}

void TestLedger::validation()
{
    QFETCH(qint64, account);
    QFETCH(qint64, amount);
    QFETCH(QString, description);
    QFETCH(QString, category);
    QFETCH(QString, counterparty);
    QFETCH(qint64, timestamp);
    QFETCH(QString, field);
    NewTransaction t = tx(account == 1 ? m_account : account, amount, timestamp, description, category);
    t.counterparty = counterparty;
    const Status v = m_ledger->validate(t);
    QVERIFY(v.isInvalidArgument());
    QCOMPARE(v.field(), field);
    auto r = m_ledger->addTransaction(t);
    QVERIFY(!r.isOk());
    QCOMPARE(r.status().field(), field);
    QCOMPARE(m_ledger->countTransactions({}).value(), qint64(0));

    // The limits themselves are valid.
    QVERIFY(m_ledger->validate(tx(m_account, 1'000'000'000'000, kNow + 24 * kHour)).isOk());
    QVERIFY(m_ledger->validate(tx(m_account, -1'000'000'000'000, kNow, QString(500, QLatin1Char('d')))).isOk());
}

void TestLedger::failedWriteChangesNothing()
{
    QVERIFY(m_ledger->addTransaction(tx(m_account, 500, kNow - kHour)).isOk());
    const Account before = *m_ledger->account(m_account);
    QSignalSpy spy(m_ledger.get(), &Ledger::transactionsAdded);
    // Duplicate caller-chosen id: the insert fails inside the transaction.
    NewTransaction first = tx(m_account, 100, kNow);
    first.id = QStringLiteral("0190a000-0000-7000-8000-000000000001");
    QVERIFY(m_ledger->addTransaction(first).isOk());
    QCOMPARE(spy.count(), 1);
    NewTransaction dup = tx(m_account, 999, kNow);
    dup.id = first.id;
    auto r = m_ledger->addTransaction(dup);
    QVERIFY(r.status().isConflict());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(m_ledger->account(m_account)->balance, before.balance + 100);
    // A batch with one invalid row writes nothing.
    QList<NewTransaction> batch {tx(m_account, 1, kNow), tx(m_account, 0, kNow)};
    auto b = m_ledger->addTransactions(batch);
    QVERIFY(b.status().isInvalidArgument());
    QCOMPARE(b.status().field(), QStringLiteral("amount"));
    QVERIFY(b.status().message().contains(QStringLiteral("row 1")));
    QCOMPARE(m_ledger->countTransactions({}).value(), qint64(2));
    checkInvariants();
}

void TestLedger::runningBalances()
{
    QVERIFY(m_ledger->addTransaction(tx(m_account, 10000, kNow - 3 * kHour)).isOk());
    QVERIFY(m_ledger->addTransaction(tx(m_account, -2500, kNow - 2 * kHour)).isOk());
    auto t = m_ledger->addTransaction(tx(m_account, 700, kNow - kHour));
    QVERIFY(t.isOk());
    QCOMPARE(t->runningBalance, qint64(8200));
    QCOMPARE(t->currency, QStringLiteral("EUR"));
    auto a = m_ledger->account(m_account);
    QCOMPARE(a->balance, qint64(8200));
    QCOMPARE(a->transactionCount, qint64(3));
    QCOMPARE(*a->lastActivity, kNow - kHour);
    QVERIFY(a->isStale);
    auto stored = m_ledger->transaction(t->id);
    QVERIFY(stored.isOk());
    QCOMPARE(stored->runningBalance, qint64(8200));
    QCOMPARE(stored->source, Source::Manual);
    QVERIFY(m_ledger->transaction(QStringLiteral("nope")).status().isNotFound());
    // Default timestamp is the clock's now.
    NewTransaction now = tx(m_account, 1, 0);
    now.timestamp.reset();
    QCOMPARE(m_ledger->addTransaction(now)->timestamp, kNow);
    checkInvariants();
}

void TestLedger::backdatedShiftsLaterRows()
{
    QVERIFY(m_ledger->addTransaction(tx(m_account, 1000, kNow - 10 * kHour)).isOk());
    auto later = m_ledger->addTransaction(tx(m_account, 2000, kNow - 5 * kHour));
    QVERIFY(later.isOk());
    QCOMPARE(later->runningBalance, qint64(3000));
    auto back = m_ledger->addTransaction(tx(m_account, -400, kNow - 7 * kHour));
    QVERIFY(back.isOk());
    QCOMPARE(back->runningBalance, qint64(600));
    QCOMPARE(m_ledger->transaction(later->id)->runningBalance, qint64(2600));
    // Same timestamp as an existing row: ordered by id (time-ordered UUIDs), still consistent.
    QVERIFY(m_ledger->addTransaction(tx(m_account, 5, kNow - 5 * kHour)).isOk());
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(2605));
    checkInvariants();
}

void TestLedger::batchInsert()
{
    auto other = m_ledger->createAccount({QStringLiteral("Payroll"), AccountType::Checking, QStringLiteral("EUR")});
    QList<NewTransaction> batch;
    for (int i = 0; i < 200; ++i)
        batch.append(tx(i % 2 ? m_account : other->id, (i % 7 - 3) * 100 + 1, kNow - (200 - i) * kHour));
    batch[5].injectedLabel = QStringLiteral("amount_spike");
    QSignalSpy spy(m_ledger.get(), &Ledger::transactionsAdded);
    auto n = m_ledger->addTransactions(batch);
    QVERIFY2(n.isOk(), qPrintable(n.status().toString()));
    QCOMPARE(*n, qint64(200));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList().size(), 200);
    QCOMPARE(m_ledger->injectedLabels()->size(), 1);
    checkInvariants();
    // A second batch that is partly back-dated takes the recompute path.
    QList<NewTransaction> second;
    for (int i = 0; i < 50; ++i)
        second.append(tx(m_account, 100 + i, kNow - (300 - 5 * i) * kHour));
    QVERIFY(m_ledger->addTransactions(second).isOk());
    checkInvariants();
    QCOMPARE(m_ledger->countTransactions({}).value(), qint64(250));
}

// The bulk path stores every text as given, whatever a statement or (PostgreSQL) an array literal would make of it.
void TestLedger::batchKeepsTextExactly()
{
    const QStringList texts {QStringLiteral("Say \"hi\""),    QStringLiteral("C:\\path\\"),
                             QStringLiteral("O'Brien; DROP"), QStringLiteral("{a,b}"),
                             QStringLiteral("NULL"),          QStringLiteral("\"NULL\""),
                             QStringLiteral("a , b"),         QStringLiteral("Caf\u00e9 \U0001F600 \\\""),
                             QStringLiteral("a\\\"b\\")};
    QList<NewTransaction> batch;
    for (int i = 0; i < texts.size(); ++i) {
        NewTransaction t = tx(m_account, -(i + 1), kNow - (texts.size() - i) * kHour, texts[i]);
        t.counterparty = texts[texts.size() - 1 - i];
        batch.append(t);
    }
    batch[0].counterparty.clear();
    auto n = m_ledger->addTransactions(batch);
    QVERIFY2(n.isOk(), qPrintable(n.status().toString()));
    auto page = m_ledger->transactions({}, {});
    QVERIFY2(page.isOk(), qPrintable(page.status().toString()));
    QCOMPARE(page->items.size(), texts.size());
    QMap<QString, QString> stored;
    for (const Transaction& t : page->items)
        stored.insert(t.description, t.counterparty);
    for (const NewTransaction& t : std::as_const(batch))
        QCOMPARE(stored.value(t.description, QStringLiteral("<missing>")), t.counterparty);
    checkInvariants();
}

void TestLedger::batchRejectsInvalidRow()
{
    QList<NewTransaction> batch {tx(m_account, 5, kNow),
                                 tx(m_account, 6, kNow, QStringLiteral("x"), QStringLiteral("bogus"))};
    auto n = m_ledger->addTransactions(batch);
    QVERIFY(!n.isOk());
    QCOMPARE(n.status().field(), QStringLiteral("category"));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(0));
    QVERIFY(!m_ledger->account(m_account)->isStale);
}

// Every text field of the one write path applies util/Text.h: the error names the field, and nothing is written.
void TestLedger::hostileTextIsRefused()
{
    const QString rlo = QStringLiteral("Invoice ") + QChar(0x202E) + QStringLiteral("00.001");
    const QString nul = QStringLiteral("a") + QChar(0x0000) + QStringLiteral("b");
    const QString lone = QStringLiteral("x") + QChar(0xD800);
    const QString zeroWidth = QString(3, QChar(0x200B));

    for (const QString& bad : {rlo, nul, lone, zeroWidth}) {
        auto account = m_ledger->createAccount({bad, AccountType::Checking, QStringLiteral("EUR")});
        QCOMPARE(account.status().field(), QStringLiteral("name"));
        QCOMPARE(m_ledger->updateAccount(m_account, bad, AccountType::Checking).status().field(),
                 QStringLiteral("name"));
        QCOMPARE(m_ledger->addTransaction(tx(m_account, -100, kNow - kHour, bad)).status().field(),
                 QStringLiteral("description"));
        NewTransaction t = tx(m_account, -100, kNow - kHour);
        t.counterparty = bad;
        QCOMPARE(m_ledger->addTransaction(t).status().field(), QStringLiteral("counterparty"));
        QCOMPARE(m_ledger->validate(t).field(), QStringLiteral("counterparty"));
        // In a batch, also after the account's first (fully checked) row.
        auto batch = m_ledger->addTransactions({tx(m_account, -1, kNow - 2 * kHour), tx(m_account, -2, kNow, bad)});
        QCOMPARE(batch.status().field(), QStringLiteral("description"));
        QVERIFY2(batch.status().message().startsWith(QStringLiteral("row 1: ")), qPrintable(batch.status().message()));
    }
    const QString control = QStringLiteral("a") + QChar(0x0007);
    QCOMPARE(m_ledger->accounts()->size(), 1);
    QCOMPARE(m_ledger->account(m_account)->name, QStringLiteral("Operating"));
    QCOMPARE(m_ledger->account(m_account)->transactionCount, 0);

    // Notes, assignees and actors of cases and labels.
    auto t1 = m_ledger->addTransaction(tx(m_account, -99999, kNow - kHour));
    QVERIFY(t1);
    const auto opened = test::openTestCase(*m_ledger, m_account, t1->id);
    QVERIFY(opened);
    const QString caseId = *opened;
    const qsizetype auditBefore = m_ledger->anomalyHistory(caseId)->audit.size();
    QCOMPARE(m_ledger->addNote(caseId, rlo, QStringLiteral("tester")).status().field(), QStringLiteral("note"));
    QCOMPARE(m_ledger->addNote(caseId, control, QStringLiteral("tester")).status().field(), QStringLiteral("note"));
    QCOMPARE(m_ledger->addNote(caseId, zeroWidth, QStringLiteral("tester")).status().field(), QStringLiteral("note"));
    QCOMPARE(
        m_ledger->decideAnomaly(caseId, Decision {std::nullopt, {}, lone}, QStringLiteral("tester")).status().field(),
        QStringLiteral("assignee"));
    QCOMPARE(m_ledger->addNote(caseId, QStringLiteral("ok"), nul).status().field(), QStringLiteral("actor"));
    LabelRequest label;
    label.transactionId = t1->id;
    label.actor = QStringLiteral("tester");
    label.note = rlo;
    QCOMPARE(m_ledger->labelTransactions({label}).status().field(), QStringLiteral("note"));
    QCOMPARE(m_ledger->anomalyHistory(caseId)->audit.size(), auditBefore);
    QCOMPARE(m_ledger->anomaly(caseId)->assignee, QString());

    // A note may have several lines (CR LF stored as LF) and tabs.
    auto noted = m_ledger->addNote(caseId, QStringLiteral("Called the bank\r\n\tref 7"), QStringLiteral("tester"));
    QVERIFY2(noted, qPrintable(noted.status().toString()));
    QCOMPARE(m_ledger->anomalyHistory(caseId)->audit.last().note, QStringLiteral("Called the bank\n\tref 7"));
}

// What the ledger stores is valid UTF-8 in NFC, read back as raw bytes from the database.
void TestLedger::storedTextIsValidUtf8InNfc()
{
    const QString decomposed = QStringLiteral("Cafe") + QChar(0x0301) + QStringLiteral(" M") + QChar(0x0075)
        + QChar(0x0308) + QStringLiteral("ller");
    NewTransaction t = tx(m_account, -500, kNow - kHour, decomposed);
    t.counterparty = QStringLiteral(" A") + QChar(0x030A) + QStringLiteral("se ") + QChar(0xD83D) + QChar(0xDE00);
    auto added = m_ledger->addTransaction(t);
    QVERIFY2(added, qPrintable(added.status().toString()));
    QVERIFY(m_ledger->addTransactions({tx(m_account, -1, kNow - 2 * kHour, decomposed)}));
    QVERIFY(m_ledger->updateAccount(m_account, QStringLiteral("Ba") + QChar(0x0308) + QStringLiteral("ckerei"),
                                    AccountType::Checking));

    const QString path = m_ledger->database()->path();
    const auto descriptions = test::rawColumn(path, QStringLiteral("transactions"), QStringLiteral("description"));
    const auto counterparties = test::rawColumn(path, QStringLiteral("transactions"), QStringLiteral("counterparty"));
    const auto names = test::rawColumn(path, QStringLiteral("accounts"), QStringLiteral("name"));
    QVERIFY(descriptions && counterparties && names);
    QCOMPARE(descriptions->size(), 2);
    for (const QByteArray& d : *descriptions) {
        QVERIFY(QByteArrayView(d).isValidUtf8());
        QCOMPARE(d, QByteArray("Caf\xC3\xA9 M\xC3\xBCller"));
    }
    QVERIFY(counterparties->contains(QByteArray("\xC3\x85se \xF0\x9F\x98\x80")));
    QCOMPARE(*names,
             QByteArrayList {QByteArray("B\xC3\xA4"
                                        "ckerei")});
    QCOMPARE(added->description,
             QStringLiteral("Caf") + QChar(0x00E9) + QStringLiteral(" M") + QChar(0x00FC) + QStringLiteral("ller"));
}

void TestLedger::pagination()
{
    QList<NewTransaction> batch;
    for (int i = 0; i < 250; ++i)
        batch.append(tx(m_account, i + 1, kNow - (i / 3) * kHour)); // ties on timestamp
    QVERIFY(m_ledger->addTransactions(batch).isOk());
    TransactionFilter f;
    QStringList seen;
    PageRequest page {100, {}};
    qint64 lastTs = std::numeric_limits<qint64>::max();
    int pages = 0;
    do {
        auto p = m_ledger->transactions(f, page);
        QVERIFY2(p.isOk(), qPrintable(p.status().toString()));
        for (const Transaction& t : p->items) {
            QVERIFY(t.timestamp <= lastTs);
            lastTs = t.timestamp;
            seen << t.id;
        }
        page.cursor = p->nextCursor;
        ++pages;
    } while (!page.cursor.isEmpty());
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 250);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 250);

    // Amount sort, ascending, across pages.
    f.sortKey = SortKey::Amount;
    f.ascending = true;
    page = {64, {}};
    qint64 lastAmount = std::numeric_limits<qint64>::min();
    int count = 0;
    do {
        auto p = m_ledger->transactions(f, page);
        QVERIFY(p.isOk());
        for (const Transaction& t : p->items) {
            QVERIFY(t.amount >= lastAmount);
            lastAmount = t.amount;
            ++count;
        }
        page.cursor = p->nextCursor;
    } while (!page.cursor.isEmpty());
    QCOMPARE(count, 250);
}

void TestLedger::filters()
{
    auto card = m_ledger->createAccount({QStringLiteral("Card"), AccountType::CreditCard, QStringLiteral("EUR")});
    NewTransaction coffee
        = tx(card->id, -450, kNow - 2 * kHour, QStringLiteral("Coffee 100%_beans"), QStringLiteral("card_spend"));
    coffee.counterparty = QStringLiteral("Bean Bar");
    QVERIFY(m_ledger->addTransaction(coffee).isOk());
    QVERIFY(m_ledger
                ->addTransaction(tx(m_account, 250000, kNow - 30 * kHour, QStringLiteral("Invoice 17"),
                                    QStringLiteral("customer_receipt")))
                .isOk());
    QVERIFY(m_ledger
                ->addTransaction(
                    tx(m_account, -90000, kNow - 3 * kHour, QStringLiteral("Rent May"), QStringLiteral("rent")))
                .isOk());
    auto count = [&](const TransactionFilter& f) { return m_ledger->countTransactions(f).value(); };
    auto listed = [&](const TransactionFilter& f) {
        return qint64(m_ledger->transactions(f, {100, {}})->items.size());
    };
    TransactionFilter f;
    f.accountId = card->id;
    QCOMPARE(count(f), qint64(1));
    QCOMPARE(listed(f), qint64(1));
    f = {};
    f.fromMs = kNow - 4 * kHour;
    QCOMPARE(count(f), qint64(2));
    f.toMs = kNow - 2 * kHour; // exclusive
    QCOMPARE(listed(f), qint64(1));
    f = {};
    f.text = QStringLiteral("bean bar"); // counterparty, case-insensitive
    QCOMPARE(listed(f), qint64(1));
    f.text = QStringLiteral("100%_"); // LIKE wildcards are literal
    QCOMPARE(listed(f), qint64(1));
    f.text = QStringLiteral("1%0");
    QCOMPARE(listed(f), qint64(0));
    // Letters beyond ASCII in any case ("Äpfel" for "äPFEL"), with wildcard-like characters kept literal.
    NewTransaction fruit = tx(card->id, -3200, kNow - 2 * kHour, QStringLiteral("Äpfel [Bio] * Über-Straße?"),
                              QStringLiteral("card_spend"));
    fruit.counterparty = QStringLiteral("Ωmega Μarkt");
    QVERIFY(m_ledger->addTransaction(fruit).isOk());
    QVERIFY(m_ledger->addTransaction(tx(card->id, -3300, kNow - 2 * kHour, QStringLiteral("ǅuro Plaća"))).isOk());
    for (const char* text : {"ǅuro", "ǆURO", "ǄURO PLAĆA"}) { // a title-case digraph's three cases
        f.text = QString::fromUtf8(text);
        QVERIFY2(listed(f) == 1, text);
    }
    for (const char* text : {"äPFEL", "ÄPFEL [bio] * über", "über-straße?", "ωMEGA μARKT", "[BIO]"}) {
        f.text = QString::fromUtf8(text);
        QVERIFY2(listed(f) == 1 && count(f) == 1, text);
    }
    for (const char* text : {"äpfelx", "[bio]x", "über*straße", "ü?er"}) {
        f.text = QString::fromUtf8(text);
        QVERIFY2(listed(f) == 0 && count(f) == 0, text);
    }
    f = {};
    f.category = Category::Rent;
    QCOMPARE(listed(f), qint64(1));
    f = {};
    f.minAmount = -1000;
    f.maxAmount = 300000;
    QCOMPARE(listed(f), qint64(2));
    f = {};
    f.risk = Risk::High;
    QCOMPARE(listed(f), qint64(0));
}

void TestLedger::pagedFilters_data()
{
    // Each filter is paged through in pages of 7 and compared with the same filter and order applied in memory.
    QTest::addColumn<int>("kind");
    QTest::addRow("all, newest first") << 0;
    QTest::addRow("account") << 1;
    QTest::addRow("account and date range") << 2;
    QTest::addRow("from only") << 3;
    QTest::addRow("to only") << 4;
    QTest::addRow("text") << 5;
    QTest::addRow("category") << 6;
    QTest::addRow("min and max amount") << 7;
    QTest::addRow("risk") << 8;
    QTest::addRow("amount, largest first") << 9;
    QTest::addRow("amount ascending, account") << 10;
    QTest::addRow("oldest first, text and category") << 11;
}

void TestLedger::pagedFilters()
{
    QFETCH(int, kind);
    auto other = m_ledger->createAccount({QStringLiteral("Card"), AccountType::CreditCard, QStringLiteral("EUR")});
    QVERIFY(other.isOk());
    const QStringList categories {QStringLiteral("rent"), QStringLiteral("fees"), QStringLiteral("card_spend")};
    QList<NewTransaction> batch;
    for (int i = 0; i < 300; ++i) {
        // Equal timestamps and equal amounts in runs, so ties are broken by id across page boundaries.
        NewTransaction t
            = tx(i % 3 ? m_account : other->id, (i % 11 - 5) * 1000 + (i % 5 == 0 ? 0 : 7), kNow - (i / 4) * kHour,
                 i % 4 ? QStringLiteral("Payment %1").arg(i) : QStringLiteral("Coffee %1").arg(i), categories[i % 3]);
        if (t.amount == 0)
            t.amount = 3;
        t.counterparty = i % 6 ? QString() : QStringLiteral("Bean Bar");
        batch.append(t);
    }
    QVERIFY(m_ledger->addTransactions(batch).isOk());
    QList<TransactionScore> scores;
    auto history = accountHistory(*m_ledger, m_account);
    for (int i = 0; i < history->size(); i += 3)
        scores.append({history->at(i).id, 0.5 + (i % 2) * 0.3, i % 2 ? Risk::High : Risk::Medium});
    QVERIFY(m_ledger->storeDetectionResults(m_account, scores, {}, std::nullopt).isOk());

    TransactionFilter f;
    switch (kind) {
    case 1:
        f.accountId = m_account;
        break;
    case 2:
        f.accountId = other->id;
        f.fromMs = kNow - 50 * kHour;
        f.toMs = kNow - 10 * kHour;
        break;
    case 3:
        f.fromMs = kNow - 20 * kHour;
        break;
    case 4:
        f.toMs = kNow - 20 * kHour;
        break;
    case 5:
        f.text = QStringLiteral("bean bar");
        break;
    case 6:
        f.category = Category::Fees;
        break;
    case 7:
        f.minAmount = -2000;
        f.maxAmount = 3007;
        break;
    case 8:
        f.risk = Risk::High;
        break;
    case 9:
        f.sortKey = SortKey::Amount;
        break;
    case 10:
        f.sortKey = SortKey::Amount;
        f.ascending = true;
        f.accountId = m_account;
        break;
    case 11:
        f.ascending = true;
        f.text = QStringLiteral("coffee");
        f.category = Category::Rent;
        break;
    }

    // Expected: every transaction of both accounts, filtered and sorted in memory.
    QList<Transaction> all = *accountHistory(*m_ledger, m_account) + *accountHistory(*m_ledger, other->id);
    QList<Transaction> expected;
    for (const Transaction& t : std::as_const(all)) {
        if ((f.accountId && t.accountId != *f.accountId) || (f.fromMs && t.timestamp < *f.fromMs)
            || (f.toMs && t.timestamp >= *f.toMs) || (f.category && t.category != *f.category)
            || (f.minAmount && t.amount < *f.minAmount) || (f.maxAmount && t.amount > *f.maxAmount)
            || (f.risk && t.risk != f.risk)
            || (!f.text.isEmpty() && !t.description.contains(f.text, Qt::CaseInsensitive)
                && !t.counterparty.contains(f.text, Qt::CaseInsensitive)))
            continue;
        expected.append(t);
    }
    std::sort(expected.begin(), expected.end(), [&](const Transaction& a, const Transaction& b) {
        const qint64 ka = f.sortKey == SortKey::Amount ? a.amount : a.timestamp;
        const qint64 kb = f.sortKey == SortKey::Amount ? b.amount : b.timestamp;
        if (ka != kb)
            return f.ascending ? ka < kb : ka > kb;
        return f.ascending ? a.id < b.id : a.id > b.id;
    });
    QVERIFY(!expected.isEmpty());
    QVERIFY(expected.size() < all.size() || kind == 0 || kind == 9);

    QStringList got;
    PageRequest page {7, {}};
    int pages = 0;
    do {
        auto p = m_ledger->transactions(f, page);
        QVERIFY2(p.isOk(), qPrintable(p.status().toString()));
        QVERIFY(p->items.size() <= 7);
        QVERIFY(!p->items.isEmpty() || got.isEmpty());
        for (const Transaction& t : p->items)
            got.append(t.id);
        page.cursor = p->nextCursor;
        QVERIFY(++pages < 100);
    } while (!page.cursor.isEmpty());
    QStringList want;
    for (const Transaction& t : std::as_const(expected))
        want.append(t.id);
    QCOMPARE(got, want);
    QCOMPARE(m_ledger->countTransactions(f).value(), qint64(want.size()));
}

void TestLedger::pagesOrderTiesById_data()
{
    // Page sizes around the lengths of the runs of equal timestamps (1, 2, 5 and 12 rows): a run inside a page, a
    // run across a page boundary and a run longer than a page.
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("ascending");
    QTest::addColumn<bool>("oneAccount");
    for (int limit : {1, 3, 5, 7, 13, 100}) {
        for (bool ascending : {false, true}) {
            QTest::addRow("limit %d, %s, all accounts", limit, ascending ? "oldest first" : "newest first")
                << limit << ascending << false;
            QTest::addRow("limit %d, %s, one account and date range", limit,
                          ascending ? "oldest first" : "newest first")
                << limit << ascending << true;
        }
    }
}

void TestLedger::pagesOrderTiesById()
{
    QFETCH(int, limit);
    QFETCH(bool, ascending);
    QFETCH(bool, oneAccount);
    // Rows of equal timestamps written one by one with ids given in descending order, and a batch with ids given in
    // random order, so the order in which rows were stored differs from their (timestamp, id) order.
    auto other = m_ledger->createAccount({QStringLiteral("Card"), AccountType::CreditCard, QStringLiteral("EUR")});
    QVERIFY(other.isOk());
    const int runs[] = {1, 2, 5, 12, 1, 5, 2};
    int n = 0;
    for (int r = 0; r < int(std::size(runs)); ++r) {
        for (int i = runs[r]; i > 0; --i, ++n) {
            NewTransaction t = tx(n % 3 ? m_account : other->id, 100 + n, kNow - (10 - r) * kHour);
            t.id = QStringLiteral("01900000-0000-7000-8000-%1").arg(1000 - n, 12, 10, QLatin1Char('0'));
            QVERIFY(m_ledger->addTransaction(t).isOk());
        }
    }
    QList<NewTransaction> batch;
    for (int i = 0; i < 14; ++i) {
        NewTransaction t = tx(i % 2 ? m_account : other->id, 7 + i, kNow - 2 * kHour);
        t.id = QStringLiteral("01900000-0000-7000-8000-%1").arg((i * 7919) % 101, 12, 10, QLatin1Char('0'));
        batch.append(t);
    }
    QVERIFY(m_ledger->addTransactions(batch).isOk());

    TransactionFilter f;
    f.ascending = ascending;
    if (oneAccount) {
        // With a date range that leaves out the first run.
        f.accountId = m_account;
        f.fromMs = kNow - 9 * kHour;
        f.toMs = kNow - kHour;
    }
    QList<Transaction> expected = *accountHistory(*m_ledger, m_account);
    if (!oneAccount)
        expected += *accountHistory(*m_ledger, other->id);
    expected.removeIf([&](const Transaction& t) {
        return (f.fromMs && t.timestamp < *f.fromMs) || (f.toMs && t.timestamp >= *f.toMs);
    });
    std::sort(expected.begin(), expected.end(), [&](const Transaction& a, const Transaction& b) {
        if (a.timestamp != b.timestamp)
            return ascending ? a.timestamp < b.timestamp : a.timestamp > b.timestamp;
        return ascending ? a.id < b.id : a.id > b.id;
    });
    QStringList want;
    for (const Transaction& t : std::as_const(expected))
        want.append(t.id);

    QStringList got;
    PageRequest page {limit, {}};
    int pages = 0;
    do {
        auto p = m_ledger->transactions(f, page);
        QVERIFY2(p.isOk(), qPrintable(p.status().toString()));
        QVERIFY(p->items.size() <= limit);
        QCOMPARE(p->nextCursor.isEmpty(), got.size() + p->items.size() == want.size());
        for (const Transaction& t : std::as_const(p->items))
            got.append(t.id);
        page.cursor = p->nextCursor;
        QVERIFY(++pages <= want.size());
    } while (!page.cursor.isEmpty());
    QCOMPARE(got, want);
}

void TestLedger::cursorErrors()
{
    auto p = m_ledger->transactions({}, {100, QStringLiteral("garbage!")});
    QVERIFY(!p.isOk());
    QCOMPARE(p.status().field(), QStringLiteral("cursor"));
    QCOMPARE(m_ledger->transactions({}, {0, {}}).status().field(), QStringLiteral("limit"));
    QCOMPARE(m_ledger->transactions({}, {kMaxPageSize + 1, {}}).status().field(), QStringLiteral("limit"));
    QCOMPARE(m_ledger->anomalies({}, {100, QStringLiteral("@@")}).status().field(), QStringLiteral("cursor"));
    // A cursor is only valid with the sort order that produced it.
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_ledger->addTransaction(tx(m_account, 100 + i, kNow - i * kHour)).isOk());
    auto first = m_ledger->transactions({}, {2, {}});
    QVERIFY(first.isOk());
    QVERIFY(!first->nextCursor.isEmpty());
    QVERIFY(m_ledger->transactions({}, {2, first->nextCursor}).isOk());
    TransactionFilter byAmount;
    byAmount.sortKey = SortKey::Amount;
    QCOMPARE(m_ledger->transactions(byAmount, {2, first->nextCursor}).status().field(), QStringLiteral("cursor"));
    TransactionFilter oldestFirst;
    oldestFirst.ascending = true;
    QCOMPARE(m_ledger->transactions(oldestFirst, {2, first->nextCursor}).status().field(), QStringLiteral("cursor"));
    QCOMPARE(m_ledger->anomalies({}, {2, first->nextCursor}).status().field(), QStringLiteral("cursor"));
    // Truncated or altered cursors.
    QCOMPARE(m_ledger->transactions({}, {2, first->nextCursor.left(5)}).status().field(), QStringLiteral("cursor"));
    const QString noId = QString::fromLatin1(QByteArray("t-|5|").toBase64(QByteArray::Base64UrlEncoding));
    QCOMPARE(m_ledger->transactions({}, {2, noId}).status().field(), QStringLiteral("cursor"));
    const QString badKey = QString::fromLatin1(QByteArray("t-|x|id").toBase64(QByteArray::Base64UrlEncoding));
    QCOMPARE(m_ledger->transactions({}, {2, badKey}).status().field(), QStringLiteral("cursor"));
}

// An account's health counts its open cases on its transactions of its last 30 days: before now, or before its
// newest transaction when that is older (statements of past months).
void TestLedger::healthOfPastMonths()
{
    auto old = m_ledger->createAccount({QStringLiteral("Last year"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(old.isOk());
    const qint64 newest = kNow - 400 * 24 * kHour;
    auto spike = m_ledger->addTransaction(tx(old->id, -99999, newest - 20 * 24 * kHour));
    auto earlier = m_ledger->addTransaction(tx(old->id, -88888, newest - 40 * 24 * kHour));
    QVERIFY(m_ledger->addTransaction(tx(old->id, -50, newest)).isOk());
    const auto store = [&](const QString& id, Risk risk) {
        Anomaly a;
        a.accountId = old->id;
        a.transactionId = id;
        a.score = risk == Risk::High ? 0.9 : 0.6;
        a.risk = risk;
        a.anomalyType = QStringLiteral("amount_spike");
        return m_ledger->storeDetectionResults(old->id, {{id, a.score, risk}}, {a}, std::nullopt);
    };
    QVERIFY(store(spike->id, Risk::High).isOk());
    QVERIFY(store(earlier->id, Risk::Medium).isOk()); // 40 days before the newest: outside
    auto account = m_ledger->account(old->id);
    QCOMPARE(account->openHigh, 1);
    QCOMPARE(account->openMedium, 0);
    QCOMPARE(account->health, Health::AtRisk);
    QCOMPARE(m_ledger->accounts()->last().health, Health::AtRisk);
    // A transaction today: the 30 days count back from now, and last year's case is no longer in them.
    QVERIFY(m_ledger->addTransaction(tx(old->id, -10, kNow)).isOk());
    QCOMPARE(m_ledger->account(old->id)->openHigh, 0);
    QCOMPARE(m_ledger->account(old->id)->health, Health::Healthy);
}

void TestLedger::anomalies()
{
    auto t1 = m_ledger->addTransaction(tx(m_account, -99999, kNow - kHour));
    auto t2 = m_ledger->addTransaction(tx(m_account, -50, kNow - 2 * kHour));
    const qint64 seq = m_ledger->account(m_account)->changeSeq;
    Anomaly a;
    a.accountId = m_account;
    a.transactionId = t1->id;
    a.score = 0.86;
    a.risk = Risk::High;
    a.anomalyType = QStringLiteral("amount_spike");
    a.features = QJsonObject {{QStringLiteral("log_amount"), 11.5}};
    a.explanation = QJsonArray {QJsonObject {{QStringLiteral("feature"), QStringLiteral("log_amount")}}};
    QSignalSpy spy(m_ledger.get(), &Ledger::anomaliesChanged);
    Status s
        = m_ledger->storeDetectionResults(m_account, {{t1->id, 0.86, Risk::High}, {t2->id, 0.31, Risk::Low}}, {a}, seq);
    QVERIFY2(s.isOk(), qPrintable(s.toString()));
    QCOMPARE(spy.count(), 1);
    QVERIFY(!m_ledger->account(m_account)->isStale);
    QCOMPARE(*m_ledger->transaction(t1->id)->risk, Risk::High);
    QCOMPARE(*m_ledger->transaction(t2->id)->anomalyScore, 0.31);
    auto page = m_ledger->anomalies({}, {});
    QCOMPARE(page->items.size(), 1);
    const Anomaly stored = page->items.first();
    QCOMPARE(stored.amount, qint64(-99999));
    QCOMPARE(stored.features.value(QStringLiteral("log_amount")).toDouble(), 11.5);
    QCOMPARE(stored.status, AnomalyStatus::Open);
    auto account = m_ledger->account(m_account);
    QCOMPARE(account->openHigh, 1);
    QCOMPARE(account->health, Health::AtRisk);
    TransactionFilter high;
    high.risk = Risk::High;
    QCOMPARE(m_ledger->countTransactions(high).value(), qint64(1));

    // Review is kept when the same transaction is detected again.
    m_clock->advanceMs(1000);
    auto dismissed = m_ledger->setAnomalyStatus(stored.id, AnomalyStatus::Dismissed, QStringLiteral("tester"));
    QVERIFY(dismissed.isOk());
    QCOMPARE(dismissed->status, AnomalyStatus::Dismissed);
    QCOMPARE(*dismissed->statusChangedAt, kNow + 1000);
    a.score = 0.9;
    QVERIFY(m_ledger->storeDetectionResults(m_account, {{t1->id, 0.9, Risk::High}}, {a}, std::nullopt).isOk());
    auto again = m_ledger->anomaly(stored.id);
    QCOMPARE(again->status, AnomalyStatus::Dismissed);
    QCOMPARE(again->score, 0.9);
    QCOMPARE(m_ledger->account(m_account)->health, Health::Healthy);

    AnomalyFilter f;
    f.status = AnomalyStatus::Open;
    QCOMPARE(m_ledger->countAnomalies(f).value(), qint64(0));
    f.status = AnomalyStatus::Dismissed;
    f.risk = Risk::High;
    f.accountId = m_account;
    QCOMPARE(m_ledger->anomalies(f, {})->items.size(), 1);
    f.fromMs = kNow + 2000;
    QCOMPARE(m_ledger->anomalies(f, {})->items.size(), 0);

    // Reopen, then a LOW rescore clears the open case (kept, with its first score).
    QVERIFY(m_ledger->setAnomalyStatus(stored.id, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
    QVERIFY(m_ledger->storeDetectionResults(m_account, {{t1->id, 0.2, Risk::Low}}, {}, std::nullopt).isOk());
    QCOMPARE(m_ledger->anomaly(stored.id)->status, AnomalyStatus::Cleared);
    QCOMPARE(*m_ledger->anomaly(stored.id)->firstScore, 0.86);
    QVERIFY(m_ledger->setAnomalyStatus(QStringLiteral("missing"), AnomalyStatus::Confirmed, QStringLiteral("tester"))
                .status()
                .isNotFound());
    QVERIFY(!m_ledger->storeDetectionResults(m_account, {{t1->id, 1.5, Risk::High}}, {}, std::nullopt).isOk());
}

void TestLedger::staleFlagKeptWhenWrittenDuringRun()
{
    QVERIFY(m_ledger->addTransaction(tx(m_account, 1, kNow)).isOk());
    const qint64 seq = m_ledger->account(m_account)->changeSeq;
    QCOMPARE(*m_ledger->staleAccountIds(), QList<qint64> {m_account});
    QVERIFY(m_ledger->addTransaction(tx(m_account, 2, kNow)).isOk()); // a write during the run
    QVERIFY(m_ledger->storeDetectionResults(m_account, {}, {}, seq).isOk());
    QVERIFY(m_ledger->account(m_account)->isStale);
    QVERIFY(m_ledger->storeDetectionResults(m_account, {}, {}, m_ledger->account(m_account)->changeSeq).isOk());
    QVERIFY(m_ledger->staleAccountIds()->isEmpty());
}

void TestLedger::signalsAfterCommit()
{
    QSignalSpy added(m_ledger.get(), &Ledger::transactionsAdded);
    QSignalSpy changed(m_ledger.get(), &Ledger::accountChanged);
    bool visible = false;
    connect(m_ledger.get(), &Ledger::transactionsAdded, this, [&](const QStringList& ids, const QList<qint64>&) {
        // Emitted after the commit: the row is visible from another connection (a second Ledger on the file).
        auto other = Ledger::open(m_ledger->database()->path());
        visible = other.isOk() && (*other)->transaction(ids.first()).isOk();
    });
    QVERIFY(m_ledger->addTransaction(tx(m_account, 42, kNow)).isOk());
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(1).value<QList<qint64>>(), QList<qint64> {m_account});
    QCOMPARE(changed.count(), 1);
    QVERIFY(visible);
}

void TestLedger::aggregates()
{
    constexpr qint64 kDay = 24 * kHour;
    const qint64 day0 = (kNow / kDay - 3) * kDay;
    QVERIFY(m_ledger->addTransaction(tx(m_account, 1000, day0 + kHour)).isOk());
    auto spike = m_ledger->addTransaction(tx(m_account, -700, day0 + kDay + kHour));
    QVERIFY(m_ledger->addTransaction(tx(m_account, 50, day0 + 2 * kDay + kHour)).isOk());
    auto balances = m_ledger->dailyBalances(m_account, day0, day0 + 3 * kDay);
    QVERIFY(balances.isOk());
    QCOMPARE(balances->size(), 3);
    QCOMPARE(balances->at(0).balance, qint64(1000));
    QCOMPARE(balances->at(1).balance, qint64(300));
    QCOMPARE(balances->at(2).balance, qint64(350));
    QCOMPARE(m_ledger->dailyBalances(std::nullopt, day0 + kDay, day0 + 2 * kDay)->first().balance, qint64(300));
    // One currency's accounts only: the dollar card's rows stay out of the euro sum, and out of an empty one.
    auto card = m_ledger->createAccount({QStringLiteral("Card"), AccountType::CreditCard, QStringLiteral("USD")});
    QVERIFY(card.isOk());
    QVERIFY(m_ledger->addTransaction(tx(card->id, -9000, day0 + kHour)).isOk());
    QCOMPARE(m_ledger->dailyBalances(std::nullopt, day0, day0 + kDay)->first().balance, qint64(1000 - 9000));
    QCOMPARE(m_ledger->dailyBalances(std::nullopt, day0, day0 + kDay, QStringLiteral("EUR"))->first().balance,
             qint64(1000));
    QCOMPARE(m_ledger->dailyBalances(std::nullopt, day0, day0 + kDay, QStringLiteral("USD"))->first().balance,
             qint64(-9000));
    QCOMPARE(m_ledger->dailyBalances(std::nullopt, day0, day0 + kDay, QStringLiteral("CHF"))->first().balance,
             qint64(0));

    Anomaly a;
    a.accountId = m_account;
    a.transactionId = spike->id;
    a.score = 0.7;
    a.risk = Risk::Medium;
    a.anomalyType = QStringLiteral("amount_spike");
    QVERIFY(m_ledger->storeDetectionResults(m_account, {{spike->id, 0.7, Risk::Medium}}, {a}, std::nullopt).isOk());
    auto perDay = m_ledger->anomaliesPerDay(day0, day0 + 3 * kDay);
    QCOMPARE(perDay->size(), 1);
    QCOMPARE(perDay->first().dayStartMs, day0 + kDay);
    QCOMPARE(perDay->first().medium, 1);
    auto histogram = m_ledger->scoreHistogram(10);
    QCOMPARE(histogram->at(7), qint64(1));
    QVERIFY(!m_ledger->scoreHistogram(0).isOk());
}

void TestLedger::meta()
{
    QCOMPARE(*m_ledger->meta(QStringLiteral("last_detection")), QString());
    QVERIFY(m_ledger->setMeta(QStringLiteral("last_detection"), QStringLiteral("1")).isOk());
    QVERIFY(m_ledger->setMeta(QStringLiteral("last_detection"), QStringLiteral("2")).isOk());
    QCOMPARE(*m_ledger->meta(QStringLiteral("last_detection")), QStringLiteral("2"));
}

// Scores written by row key go in statements of many rows and the rest one by one: every one of 150 scores (two
// full statements and more) is stored, and a key scored twice in one call keeps the later score.
void TestLedger::storesScoresByKeyInChunks()
{
    QList<NewTransaction> batch;
    for (int i = 0; i < 150; ++i)
        batch.append(tx(m_account, -100 - i, kNow - (150 - i) * kHour, QStringLiteral("Payment %1").arg(i)));
    QVERIFY(m_ledger->addTransactions(batch).isOk());
    auto rows = m_ledger->transactionColumns(m_account);
    QVERIFY(rows.isOk());
    QCOMPARE(rows->size(), 150);
    QList<TransactionScore> scores;
    for (qsizetype i = 0; i < rows->size(); ++i)
        scores.append(
            {rows->ids.at(i), double(i) / 200.0, i % 7 == 0 ? Risk::Medium : Risk::Low, rows->key[size_t(i)]});
    scores.append({rows->ids.at(3), 0.95, Risk::High, rows->key[3]});
    QVERIFY(m_ledger->storeDetectionResults(m_account, scores, {}, std::nullopt).isOk());
    auto stored = m_ledger->transactionColumns(m_account);
    QVERIFY(stored.isOk());
    for (qsizetype i = 0; i < stored->size(); ++i) {
        const size_t r = size_t(i);
        QCOMPARE(stored->ids.at(i), rows->ids.at(i));
        QCOMPARE(stored->score[r], i == 3 ? 0.95 : double(i) / 200.0);
        QCOMPARE(int(stored->risk[r]), int(i == 3 ? Risk::High : i % 7 == 0 ? Risk::Medium : Risk::Low));
    }
}

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
