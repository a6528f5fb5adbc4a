// SPDX-License-Identifier: GPL-3.0-or-later
// AnomalyTableModel and AccountTableModel on a real ledger: model contracts (QAbstractItemModelTester), filters by
// risk and status in SQL, review status shown and respected, accounts updated in place on live changes.
#include "desktop_fixture.h"
#include "models/AccountTableModel.h"
#include "models/AnomalyTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ledgerguard;

class TestAnomalyModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void anomalyContract();
    void filters_data();
    void filters();
    void reviewIsRespected();
    void accountContract();
    void accountsUpdateInPlace();

private:
    uitest::DemoLedger m_demo;
};

void TestAnomalyModel::initTestCase()
{
    QVERIFY(m_demo.open());
}

void TestAnomalyModel::anomalyContract()
{
    AnomalyTableModel model(*m_demo.ledger);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &AnomalyTableModel::loaded);
    QVERIFY(model.isLoading()); // read on a worker
    QVERIFY(loaded.wait());
    QVERIFY(model.rowCount() > 0);
    QCOMPARE(model.columnCount(), int(AnomalyTableModel::ColumnCount));
    const QModelIndex risk = model.index(0, AnomalyTableModel::Risk);
    QCOMPARE(risk.data(AnomalyTableModel::RiskRole).toString(), riskName(model.anomalyAt(0).risk));
    QVERIFY(model.index(0, AnomalyTableModel::Score).data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight);
}

void TestAnomalyModel::filters_data()
{
    QTest::addColumn<int>("risk");
    QTest::addRow("HIGH") << int(Risk::High);
    QTest::addRow("MEDIUM") << int(Risk::Medium);
}

void TestAnomalyModel::filters()
{
    QFETCH(int, risk);
    AnomalyTableModel model(*m_demo.ledger);
    AnomalyFilter f;
    f.risk = Risk(risk);
    f.status = AnomalyStatus::Open;
    model.setFilter(f);
    QTRY_VERIFY(!model.isLoading());
    while (model.canFetchMore({})) {
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading());
    }
    QCOMPARE(qint64(model.rowCount()), m_demo.ledger->countAnomalies(f).value());
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(int(model.anomalyAt(r).risk), risk);
        QCOMPARE(model.index(r, AnomalyTableModel::Status).data().toString(), QStringLiteral("Open"));
    }
}

void TestAnomalyModel::reviewIsRespected()
{
    AnomalyTableModel model(*m_demo.ledger);
    AnomalyFilter open;
    open.status = AnomalyStatus::Open;
    model.setFilter(open);
    QTRY_VERIFY(!model.isLoading());
    const int before = model.rowCount();
    QVERIFY(before > 0);
    const QString id = model.anomalyAt(0).id;
    QVERIFY(m_demo.ledger->setAnomalyStatus(id, AnomalyStatus::Confirmed, QStringLiteral("tester")).isOk());
    QTRY_VERIFY(model.rowOf(id) < 0); // the coalesced reload drops it from the open list
    QCOMPARE(model.rowCount(), before - 1);
    QVERIFY(m_demo.ledger->setAnomalyStatus(id, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
    QTRY_VERIFY(model.rowOf(id) >= 0);
}

void TestAnomalyModel::accountContract()
{
    AccountTableModel model(*m_demo.ledger);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.isLoading()); // read on a worker
    QTRY_COMPARE(model.rowCount(), 8);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.index(0, AccountTableModel::Health).data(Qt::UserRole + 2).toString(),
             healthKey(model.accountAt(0).health));
}

void TestAnomalyModel::accountsUpdateInPlace()
{
    AccountTableModel model(*m_demo.ledger);
    QTRY_COMPARE(model.rowCount(), 8);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const Account a = model.accountAt(2);
    NewTransaction t;
    t.accountId = a.id;
    t.amount = 12345;
    t.description = QStringLiteral("Interest");
    t.category = QStringLiteral("interest");
    QVERIFY(m_demo.ledger->addTransaction(t).isOk());
    QTRY_VERIFY(changed.count() >= 1);
    QCOMPARE(resets.count(), 0); // same accounts: selections in the view survive
    QCOMPARE(model.accountAt(2).balance, a.balance + 12345);
}

QTEST_MAIN(TestAnomalyModel)
#include "tst_anomalymodel.moc"
