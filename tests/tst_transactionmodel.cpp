// SPDX-License-Identifier: GPL-3.0-or-later
// TransactionTableModel on a real ledger file: the model contract (QAbstractItemModelTester), pages read lazily on
// worker threads, sorting and filtering in SQL, display roles (money in the locale, right-aligned, debits in the
// theme's negative colour, risk badges' role), live reloads from the ledger's signals that keep loaded rows.
#include "Theme.h"
#include "desktop_fixture.h"
#include "models/TransactionTableModel.h"
#include "money/Money.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

using namespace ledgerguard;

class TestTransactionModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void contract();
    void lazyPaging();
    void sortingInSql_data();
    void sortingInSql();
    void filterInSql();
    void displayRoles();
    void liveReloadKeepsLoadedRows();

private:
    uitest::DemoLedger m_demo;
};

void TestTransactionModel::initTestCase()
{
    QVERIFY(m_demo.open());
}

void TestTransactionModel::contract()
{
    TransactionTableModel model(*m_demo.ledger);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(!model.isLoading());
    // The tester itself asks for more rows whenever canFetchMore() says so: pages of kPageSize, none twice.
    auto checkPages = [this, &model] {
        const qint64 total = m_demo.ledger->countTransactions(model.filter()).value();
        QVERIFY(model.rowCount() % TransactionTableModel::kPageSize == 0 || model.rowCount() == total);
        QSet<QString> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids.insert(model.transactionAt(r).id);
        QCOMPARE(ids.size(), model.rowCount());
    };
    checkPages();
    if (model.canFetchMore({})) {
        const int before = model.rowCount();
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading());
        QVERIFY(model.rowCount() > before);
    }
    checkPages();
    model.sort(TransactionTableModel::Amount, Qt::AscendingOrder);
    QTRY_VERIFY(!model.isLoading());
    checkPages();
}

void TestTransactionModel::lazyPaging()
{
    TransactionTableModel model(*m_demo.ledger);
    QTRY_VERIFY(!model.isLoading());
    const qint64 total = m_demo.ledger->countTransactions(model.filter()).value();
    QVERIFY(total > 3 * TransactionTableModel::kPageSize);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    while (model.canFetchMore({})) {
        model.fetchMore({});
        model.fetchMore({}); // a second call while a page is being read is ignored
        QTRY_VERIFY(!model.isLoading());
    }
    QCOMPARE(qint64(model.rowCount()), total);
    QCOMPARE(inserted.count(), int((total - 1) / TransactionTableModel::kPageSize));
    // Keyset pages: no row twice.
    QSet<QString> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.insert(model.transactionAt(r).id);
    QCOMPARE(qint64(ids.size()), total);
}

void TestTransactionModel::sortingInSql_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addRow("time, newest first") << int(TransactionTableModel::Time) << Qt::DescendingOrder;
    QTest::addRow("time, oldest first") << int(TransactionTableModel::Time) << Qt::AscendingOrder;
    QTest::addRow("amount, smallest first") << int(TransactionTableModel::Amount) << Qt::AscendingOrder;
    QTest::addRow("amount, largest first") << int(TransactionTableModel::Amount) << Qt::DescendingOrder;
}

void TestTransactionModel::sortingInSql()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    TransactionTableModel model(*m_demo.ledger);
    model.sort(column, order);
    QTRY_VERIFY(!model.isLoading());
    model.fetchMore({});
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 2 * TransactionTableModel::kPageSize);
    for (int r = 1; r < model.rowCount(); ++r) {
        const Transaction& a = model.transactionAt(r - 1);
        const Transaction& b = model.transactionAt(r);
        const qint64 x = column == TransactionTableModel::Amount ? a.amount : a.timestamp;
        const qint64 y = column == TransactionTableModel::Amount ? b.amount : b.timestamp;
        QVERIFY2(order == Qt::AscendingOrder ? x <= y : x >= y, qPrintable(QStringLiteral("row %1").arg(r)));
    }
}

void TestTransactionModel::filterInSql()
{
    TransactionTableModel model(*m_demo.ledger);
    TransactionFilter f;
    f.category = Category::CardSpend;
    f.fromMs = uitest::kNowMs - 7 * 86'400'000LL;
    model.setFilter(f);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(model.rowCount() > 0);
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.transactionAt(r).category, Category::CardSpend);
        QVERIFY(model.transactionAt(r).timestamp >= *f.fromMs);
    }
    QCOMPARE(qint64(model.rowCount()),
             qMin<qint64>(m_demo.ledger->countTransactions(model.filter()).value(), TransactionTableModel::kPageSize));
}

void TestTransactionModel::displayRoles()
{
    TransactionTableModel model(*m_demo.ledger);
    QTRY_VERIFY(!model.isLoading());
    int debit = -1;
    for (int r = 0; r < model.rowCount() && debit < 0; ++r) {
        if (model.transactionAt(r).amount < 0)
            debit = r;
    }
    QVERIFY(debit >= 0);
    const Transaction& t = model.transactionAt(debit);
    const QModelIndex amount = model.index(debit, TransactionTableModel::Amount);
    QCOMPARE(amount.data().toString(), Money(t.amount, t.currency).format(QLocale()));
    QVERIFY(amount.data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight);
    QCOMPARE(amount.data(Qt::ForegroundRole).value<QBrush>().color(), theme::negative(QGuiApplication::palette()));
    QCOMPARE(model.index(debit, 0).data(TransactionTableModel::IdRole).toString(), t.id);
    QCOMPARE(model.index(debit, TransactionTableModel::Risk).data(TransactionTableModel::RiskRole).toString(),
             t.risk ? riskName(*t.risk) : QString());
    QCOMPARE(model.headerData(TransactionTableModel::RunningBalance, Qt::Horizontal).toString(),
             QStringLiteral("Balance"));
}

void TestTransactionModel::liveReloadKeepsLoadedRows()
{
    TransactionTableModel model(*m_demo.ledger);
    QTRY_VERIFY(!model.isLoading());
    model.fetchMore({});
    QTRY_VERIFY(!model.isLoading());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    // A burst of writes: one reload, after it has settled, with as many rows as were loaded plus the new ones.
    QString last;
    for (int i = 0; i < 5; ++i) {
        NewTransaction t;
        t.accountId = m_demo.ledger->accounts()->first().id;
        t.amount = -100 - i;
        t.description = QStringLiteral("Burst %1").arg(i);
        t.category = QStringLiteral("fees");
        t.timestamp = uitest::kNowMs - 1000 + i;
        auto added = m_demo.ledger->addTransaction(t);
        QVERIFY(added.isOk());
        last = added->id;
    }
    QTRY_COMPARE(resets.count(), 1);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.transactionAt(0).id, last);
    QCOMPARE(model.rowCount(), 2 * TransactionTableModel::kPageSize);
    QTest::qWait(2 * TransactionTableModel::kLiveReloadMs);
    QCOMPARE(resets.count(), 1);
}

QTEST_MAIN(TestTransactionModel)
#include "tst_transactionmodel.moc"
