// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop's models and views on a real ledger file, offscreen: model contracts (QAbstractItemModelTester),
// lazy paging, filters, live updates from core signals, and the new-transaction form driven by key events.
#include "generate/DemoLedger.h"
#include "ledger/Ledger.h"
#include "models/AnomalyTableModel.h"
#include "models/TransactionTableModel.h"
#include "money/Money.h"
#include "pipeline/DetectionPipeline.h"
#include "widgets/AnomaliesView.h"
#include "widgets/MainWindow.h"
#include "widgets/NewTransactionView.h"
#include "widgets/TransactionsView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

class TestUiModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void transactionModelContract();
    void sortingInSql();
    void lazyPaging();
    void filtersChangeRows();
    void coreSignalUpdatesOpenView();
    void anomalyAndAccountModels();
    void newTransactionFormValidation();
    void mainWindowAndScreenshots();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestUiModels::initTestCase()
{
    auto ledger = Ledger::open(m_dir.filePath(QStringLiteral("ui.sqlite")));
    QVERIFY(ledger.isOk());
    m_ledger = std::move(*ledger);
    QVERIFY(createDemoLedger(*m_ledger, 45, 4).isOk());
    DetectionPipelineOptions options;
    options.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, options);
    QVERIFY(pipeline.runNow().isOk());
}

void TestUiModels::cleanupTestCase()
{
    m_ledger.reset();
}

void TestUiModels::transactionModelContract()
{
    TransactionTableModel model(*m_ledger);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.rowCount() >= TransactionTableModel::kPageSize); // the tester may have fetched more pages
    QCOMPARE(model.rowCount() % TransactionTableModel::kPageSize, 0);
    // (Qt 6.4's tester fetches more rows inside its own modelReset handler and then reports its own insert as
    // nested in the reset, so the sort checks run on a model without a tester.)
}

void TestUiModels::sortingInSql()
{
    TransactionTableModel model(*m_ledger);
    model.sort(TransactionTableModel::Amount, Qt::AscendingOrder);
    QVERIFY(model.transactionAt(0).amount <= model.transactionAt(1).amount);
    model.sort(TransactionTableModel::Time, Qt::DescendingOrder);
    QVERIFY(model.transactionAt(0).timestamp >= model.transactionAt(1).timestamp);
    QCOMPARE(model.headerData(TransactionTableModel::Amount, Qt::Horizontal).toString(), QStringLiteral("Amount"));
    const QModelIndex amount = model.index(0, TransactionTableModel::Amount);
    QVERIFY(model.data(amount, Qt::TextAlignmentRole).toInt() & Qt::AlignRight);
}

void TestUiModels::lazyPaging()
{
    TransactionTableModel model(*m_ledger);
    const qint64 total = model.totalCount();
    QVERIFY(total > 2 * TransactionTableModel::kPageSize);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2 * TransactionTableModel::kPageSize);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(qint64(model.rowCount()), total);
}

void TestUiModels::filtersChangeRows()
{
    TransactionsView view(*m_ledger);
    TransactionTableModel* model = view.model();
    const qint64 all = model->totalCount();
    const Account card = m_ledger->accounts()->at(3);
    view.showAccount(card.id);
    QCOMPARE(model->totalCount(), card.transactionCount);
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->transactionAt(r).accountId, card.id);
    QTest::keyClicks(view.searchField(), QStringLiteral("Uber"));
    QTRY_VERIFY(model->totalCount() < card.transactionCount);
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(model->transactionAt(r).counterparty.contains(QStringLiteral("Uber"))
                || model->transactionAt(r).description.contains(QStringLiteral("Uber")));
    view.searchField()->clear();
    view.showAccount(0);
    QTRY_COMPARE(model->totalCount(), card.transactionCount);
    // Export writes every filtered row.
    QString error;
    const QString csv = m_dir.filePath(QStringLiteral("export.csv"));
    QVERIFY2(view.exportCsv(csv, &error), qPrintable(error));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count('\n'), card.transactionCount + 1);
    QVERIFY(all > card.transactionCount);
}

void TestUiModels::coreSignalUpdatesOpenView()
{
    TransactionsView view(*m_ledger);
    view.show();
    const qint64 before = view.model()->totalCount();
    NewTransaction t;
    t.accountId = m_ledger->accounts()->first().id;
    t.amount = -4242;
    t.description = QStringLiteral("Signal test");
    t.category = QStringLiteral("fees");
    auto added = m_ledger->addTransaction(t);
    QVERIFY(added.isOk());
    // The model reloads once the burst of signals has settled (a short single-shot timer), without any polling.
    QTRY_COMPARE(view.model()->rowCount() > 0 ? view.model()->transactionAt(0).id : QString(), added->id);
    QCOMPARE(view.model()->totalCount(), before + 1);
}

void TestUiModels::anomalyAndAccountModels()
{
    {
        AnomalyTableModel anomalies(*m_ledger);
        QAbstractItemModelTester tester(&anomalies, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(anomalies.rowCount() > 0);
        AccountTableModel accounts(*m_ledger);
        QAbstractItemModelTester tester2(&accounts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(accounts.rowCount(), 8);
    }

    // Dismissing through the view is stored and the open filter respects it.
    AnomaliesView view(*m_ledger);
    view.show();
    const int openBefore = view.model()->rowCount();
    QVERIFY(openBefore > 0);
    view.table()->selectRow(0);
    const QString id = view.model()->anomalyAt(0).id;
    auto* dismiss = view.findChild<QPushButton*>(QStringLiteral("dismissButton"));
    QVERIFY(dismiss && dismiss->isEnabled());
    QTest::mouseClick(dismiss, Qt::LeftButton);
    QCOMPARE(m_ledger->anomaly(id)->status, AnomalyStatus::Dismissed);
    QVERIFY(view.model()->rowOf(id) < 0);
    QVERIFY(m_ledger->setAnomalyStatus(id, AnomalyStatus::Open).isOk());
    QTRY_VERIFY(view.model()->rowOf(id) >= 0);
}

void TestUiModels::newTransactionFormValidation()
{
    NewTransactionView form(*m_ledger);
    form.show();
    QVERIFY(!form.saveButton()->isEnabled());
    // A fresh form shows no errors yet, only what is missing beside Save.
    QVERIFY(form.errorFor(QStringLiteral("amount")).isEmpty());
    QVERIFY(form.hint().contains(QStringLiteral("Amount")));
    QTest::keyClicks(form.amountField(), QStringLiteral("12.345"));
    QVERIFY(form.errorFor(QStringLiteral("amount")).contains(QStringLiteral("decimal")));
    form.amountField()->clear();
    QTest::keyClicks(form.amountField(), QStringLiteral("-1,234.50"));
    QVERIFY2(form.errorFor(QStringLiteral("amount")).isEmpty(), qPrintable(form.errorFor(QStringLiteral("amount"))));
    QCOMPARE(form.hint(), QStringLiteral("To save, complete: Description"));
    QVERIFY(!form.saveButton()->isEnabled());
    // Typing and erasing the description shows its error beside it.
    QTest::keyClicks(form.descriptionField(), QStringLiteral("x"));
    QVERIFY(form.errorFor(QStringLiteral("description")).isEmpty());
    QTest::keyClick(form.descriptionField(), Qt::Key_Backspace);
    QVERIFY(!form.errorFor(QStringLiteral("description")).isEmpty());
    QTest::keyClicks(form.descriptionField(), QStringLiteral("Office chairs"));
    QVERIFY(form.errorFor(QStringLiteral("description")).isEmpty());
    QVERIFY(form.saveButton()->isEnabled());
    const qint64 accountId = form.accountField()->currentData().toLongLong();
    const qint64 balanceBefore = m_ledger->account(accountId)->balance;
    QSignalSpy saved(&form, &NewTransactionView::transactionSaved);
    QTest::mouseClick(form.saveButton(), Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(m_ledger->account(accountId)->balance, balanceBefore - 123450);
    QVERIFY(form.confirmation().startsWith(QStringLiteral("Saved")));
    QVERIFY(form.amountField()->text().isEmpty());
    QVERIFY(!form.saveButton()->isEnabled());
    // The account chooser shows the new balance at once.
    QVERIFY(form.accountField()->currentText().contains(
        Money(balanceBefore - 123450, QStringLiteral("EUR")).format(QLocale())));
}

void TestUiModels::mainWindowAndScreenshots()
{
    Services services {m_ledger.get(), nullptr, nullptr, nullptr, nullptr};
    MainWindow window(services);
    window.show();
    window.showView(MainWindow::View::Anomalies);
    QCOMPARE(window.currentView(), MainWindow::View::Anomalies);
    const QStringList files = window.saveScreenshots(m_dir.filePath(QStringLiteral("shots")));
    QCOMPARE(files.size(), 11);
    for (const QString& f : files)
        QVERIFY(QFileInfo(f).size() > 1000);
    QCOMPARE(window.currentView(), MainWindow::View::Anomalies);
}

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
