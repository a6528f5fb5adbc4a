// SPDX-License-Identifier: GPL-3.0-or-later
// TransactionsView offscreen: the filters (account, period presets, text typed with key events, category, risk)
// change the rows shown; the count arrives from a worker; a write in the core updates the open view; the CSV
// export writes every filtered row, quoted and safe for spreadsheets; the rows' context menu marks a multi-selection
// as fraud (confirmed cases, by the OS user) or normal, and an open anomalies view shows the new cases live; its
// "Reverse transaction…" books a reversing entry after a confirmation and the reversed row says so.
#include "desktop_fixture.h"
#include "models/AnomalyTableModel.h"
#include "models/TransactionTableModel.h"
#include "view_checks.h"
#include "widgets/AnomaliesView.h"
#include "widgets/SortHeader.h"
#include "widgets/TransactionsView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace ledgerguard;

class TestTransactionsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void filtersChangeRows();
    void periodPresets_data();
    void periodPresets();
    void customRangeNeverInverted();
    void coreSignalUpdatesOpenView();
    void sortByAmountShowsBusy();
    void sortArrowFollowsTheOrder();
    void exportCsv();
    void markAsFraudAndNormal();
    void reverseFromContextMenu();

private:
    QComboBox* combo(TransactionsView& view, int index);
    // Rows matching `filter`, counted by the ledger itself.
    qint64 count(const TransactionFilter& filter) const { return m_demo.ledger->countTransactions(filter).value(); }
    uitest::DemoLedger m_demo;
};

void TestTransactionsView::initTestCase()
{
    qputenv("USER", "label-tester");
    QVERIFY(m_demo.open());
}

QComboBox* TestTransactionsView::combo(TransactionsView& view, int index)
{
    // In layout order: account, period, category, risk.
    const QList<QComboBox*> combos = view.findChildren<QComboBox*>(Qt::FindDirectChildrenOnly);
    return combos.value(index);
}

void TestTransactionsView::filtersChangeRows()
{
    TransactionsView view(*m_demo.ledger);
    view.show();
    TransactionTableModel* model = view.model();
    QTRY_VERIFY(!model->isLoading());
    const qint64 all = count(model->filter());
    QTRY_COMPARE(view.summary(), QStringLiteral("%1 transactions").arg(QLocale().toString(all)));

    const Account card = m_demo.ledger->accounts()->at(3);
    view.showAccount(card.id);
    QTRY_VERIFY(!model->isLoading());
    QCOMPARE(count(model->filter()), card.transactionCount);
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->transactionAt(r).accountId, card.id);

    QTest::keyClicks(view.searchField(), QStringLiteral("Uber"));
    QTRY_VERIFY(model->filter().text == QStringLiteral("Uber")); // after the typing pause
    QTRY_VERIFY(!model->isLoading());
    QVERIFY(model->rowCount() > 0);
    QVERIFY(count(model->filter()) < card.transactionCount);
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(model->transactionAt(r).counterparty.contains(QStringLiteral("Uber"))
                || model->transactionAt(r).description.contains(QStringLiteral("Uber")));
    QTRY_COMPARE(view.summary(), QStringLiteral("%1 transactions").arg(count(model->filter())));

    // Risk: only LOW rows; category: only card spend.
    QComboBox* risk = combo(view, 3);
    risk->setCurrentIndex(risk->findText(QStringLiteral("LOW")));
    QTRY_VERIFY(!model->isLoading());
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->transactionAt(r).risk, std::optional(Risk::Low));
    QComboBox* category = combo(view, 2);
    category->setCurrentIndex(category->findData(int(Category::Fees)));
    QTRY_VERIFY(!model->isLoading());
    QCOMPARE(model->rowCount(), 0); // no Uber fees
    view.searchField()->clear();
    risk->setCurrentIndex(0);
    category->setCurrentIndex(0);
    view.showAccount(-1);
    combo(view, 0)->setCurrentIndex(0);
    QTRY_VERIFY(model->filter().text.isEmpty());
    QTRY_VERIFY(!model->isLoading());
    QCOMPARE(count(model->filter()), all);
}

void TestTransactionsView::periodPresets_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("days");
    QTest::addRow("today") << QStringLiteral("Today") << 1;
    QTest::addRow("7 days") << QStringLiteral("Last 7 days") << 7;
    QTest::addRow("30 days") << QStringLiteral("Last 30 days") << 30;
}

void TestTransactionsView::periodPresets()
{
    QFETCH(QString, preset);
    QFETCH(int, days);
    TransactionsView view(*m_demo.ledger);
    QComboBox* period = combo(view, 1);
    period->setCurrentIndex(period->findText(preset));
    QTRY_VERIFY(!view.model()->isLoading());
    // The presets count days by the ledger's clock, in local time.
    const QDate today = QDateTime::fromMSecsSinceEpoch(uitest::kNowMs).toLocalTime().date();
    const qint64 from = today.addDays(1 - days).startOfDay().toMSecsSinceEpoch();
    QCOMPARE(view.model()->filter().fromMs, std::optional(from));
    for (int r = 0; r < view.model()->rowCount(); ++r)
        QVERIFY(view.model()->transactionAt(r).timestamp >= from);
}

void TestTransactionsView::customRangeNeverInverted()
{
    // Typing a "from" after the "to" (22 Nov to 2 Nov) cannot make an empty, inverted range.
    TransactionsView view(*m_demo.ledger);
    QComboBox* period = combo(view, 1);
    period->setCurrentIndex(period->findText(QStringLiteral("Custom")));
    const QList<QDateEdit*> dates = view.findChildren<QDateEdit*>();
    QCOMPARE(dates.size(), 2);
    QDateEdit* from = dates[0];
    QDateEdit* to = dates[1];
    to->setDate(QDate(2026, 11, 2));
    from->setDate(QDate(2026, 11, 22));
    QVERIFY(from->date() <= to->date());
    to->setDate(QDate(2026, 10, 1));
    QVERIFY(from->date() <= to->date());
    QTRY_VERIFY(!view.model()->isLoading());
    const TransactionFilter f = view.model()->filter();
    QVERIFY(f.fromMs && f.toMs && *f.fromMs < *f.toMs);
}

void TestTransactionsView::coreSignalUpdatesOpenView()
{
    TransactionsView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading());
    const qint64 before = count(view.model()->filter());
    QTRY_COMPARE(view.summary(), QStringLiteral("%1 transactions").arg(QLocale().toString(before)));
    NewTransaction t;
    t.accountId = m_demo.ledger->accounts()->first().id;
    t.amount = -4242;
    t.description = QStringLiteral("Signal test");
    t.category = QStringLiteral("fees");
    auto added = m_demo.ledger->addTransaction(t);
    QVERIFY(added.isOk());
    // No polling: the ledger's signal reloads the page and the count.
    QTRY_COMPARE(view.model()->rowCount() > 0 ? view.model()->transactionAt(0).id : QString(), added->id);
    QTRY_COMPARE(view.summary(), QStringLiteral("%1 transactions").arg(QLocale().toString(before + 1)));
}

// Clicking the Amount header sorts in SQL on a worker: a busy cursor until the first page arrives, then the rows
// by amount, largest first, and the normal cursor again.
void TestTransactionsView::sortByAmountShowsBusy()
{
    TransactionsView view(*m_demo.ledger);
    view.show();
    TransactionTableModel* model = view.model();
    QTRY_VERIFY(!model->isLoading());
    auto* table = view.findChild<QTableView*>();
    QVERIFY(table);
    QVERIFY(!table->viewport()->testAttribute(Qt::WA_SetCursor));
    table->sortByColumn(TransactionTableModel::Amount, Qt::DescendingOrder);
    QVERIFY(model->isLoading());
    QCOMPARE(table->viewport()->cursor().shape(), Qt::BusyCursor);
    QTRY_VERIFY(!model->isLoading());
    QVERIFY(!table->viewport()->testAttribute(Qt::WA_SetCursor));
    QVERIFY(model->rowCount() > 1);
    for (int r = 1; r < model->rowCount(); ++r)
        QVERIFY(model->transactionAt(r - 1).amount >= model->transactionAt(r).amount);
}

void TestTransactionsView::sortArrowFollowsTheOrder()
{
    TransactionsView view(*m_demo.ledger);
    view.resize(1280, 700);
    view.show();
    TransactionTableModel* model = view.model();
    QTRY_VERIFY(!model->isLoading());
    auto* header = qobject_cast<SortHeader*>(view.table()->horizontalHeader());
    QVERIFY(header);
    auto clickSection = [&](int section) {
        QTest::mouseClick(
            header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(section) + header->sectionSize(section) / 2, header->height() / 2));
        QTRY_VERIFY(!model->isLoading());
    };
    // Checks that the rows are in the order the header shows, and that its arrow points the conventional way.
    auto check = [&](int section) {
        QCOMPARE(header->sortIndicatorSection(), section);
        const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
        QVERIFY(model->rowCount() > 1);
        for (int r = 1; r < model->rowCount(); ++r) {
            const Transaction &a = model->transactionAt(r - 1), &b = model->transactionAt(r);
            const qint64 x = section == TransactionTableModel::Amount ? a.amount : a.timestamp;
            const qint64 y = section == TransactionTableModel::Amount ? b.amount : b.timestamp;
            QVERIFY2(ascending ? x <= y : x >= y, qPrintable(QStringLiteral("row %1").arg(r)));
        }
        QCOMPARE(header->arrow(section), ascending ? QStyleOptionHeader::SortUp : QStyleOptionHeader::SortDown);
        QCOMPARE(uitest::drawnSortArrow(header, section), ascending ? 1 : -1);
    };
    // Newest first: descending, a down arrow.
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    check(TransactionTableModel::Time);
    clickSection(TransactionTableModel::Time); // oldest first: an up arrow
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    check(TransactionTableModel::Time);
    clickSection(TransactionTableModel::Amount);
    check(TransactionTableModel::Amount);
    clickSection(TransactionTableModel::Amount);
    check(TransactionTableModel::Amount);
    const Qt::SortOrder order = header->sortIndicatorOrder();
    clickSection(TransactionTableModel::Description); // not an order the ledger keeps: nothing changes
    QCOMPARE(header->sortIndicatorOrder(), order);
    check(TransactionTableModel::Amount);
}

void TestTransactionsView::exportCsv()
{
    NewTransaction t;
    t.accountId = m_demo.ledger->accounts()->first().id;
    t.amount = -1;
    t.description = QStringLiteral("=HYPERLINK(\"x\"), with comma");
    t.category = QStringLiteral("fees");
    QVERIFY(m_demo.ledger->addTransaction(t).isOk());

    TransactionsView view(*m_demo.ledger);
    view.showAccount(t.accountId);
    QTRY_VERIFY(!view.model()->isLoading());
    const qint64 rows = count(view.model()->filter());
    const QString path = m_demo.dir.filePath(QStringLiteral("export.csv"));
    QSignalSpy finished(&view, &TransactionsView::exportFinished);
    QVERIFY(view.startExport(path)); // on a worker thread
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    QCOMPARE(csv.count('\n'), rows + 1);
    QVERIFY(csv.startsWith("transactionId,externalId,accountId,accountName,timestamp,amount,"));
    // Quoted (comma, quotes) and defused for spreadsheets (a leading '=' becomes text).
    QVERIFY(csv.contains(",\"'=HYPERLINK(\"\"x\"\"), with comma\","));

    // A file that cannot be written: reported through the same signal.
    finished.clear();
    QVERIFY(view.startExport(m_demo.dir.filePath(QStringLiteral("no/such/dir/x.csv"))));
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY(finished.first().at(1).toString().contains(QStringLiteral("Cannot write")));
}

void TestTransactionsView::markAsFraudAndNormal()
{
    TransactionsView view(*m_demo.ledger);
    view.show();
    AnomaliesView anomalies(*m_demo.ledger);
    anomalies.show();
    auto* status = anomalies.findChild<QComboBox*>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findData(int(AnomalyStatus::Confirmed)));
    TransactionTableModel* model = view.model();
    QTRY_VERIFY(!model->isLoading() && model->rowCount() > 10 && !anomalies.model()->isLoading());
    // Two rows the detector did not flag: a missed fraud reported by the analyst.
    QList<int> rows;
    for (int r = 0; r < model->rowCount() && rows.size() < 2; ++r) {
        if (m_demo.ledger->anomalyForTransaction(model->transactionAt(r).id).status().isNotFound())
            rows.append(r);
    }
    QCOMPARE(rows.size(), 2);
    view.table()->selectRow(rows[0]);
    view.table()->selectionModel()->select(model->index(rows[1], 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QStringList ids = view.selectedIds();
    QCOMPARE(ids.size(), 2);
    m_demo.clock.advanceMs(60'000);

    // Through the rows' context menu, as the analyst does it.
    auto choose = [&](const QString& actionName, const QString& expectedText) {
        QString text;
        QTimer::singleShot(0, this, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            QVERIFY(menu);
            auto* action = menu->findChild<QAction*>(actionName);
            QVERIFY(action && action->isEnabled());
            text = action->text();
            menu->close();
            action->trigger();
        });
        const QRect cell = view.table()->visualRect(model->index(rows[0], TransactionTableModel::Description));
        Q_EMIT view.table()->customContextMenuRequested(cell.center());
        QCOMPARE(text, expectedText);
    };
    QSignalSpy finished(&view, &TransactionsView::labelFinished);
    choose(QStringLiteral("markFraudAction"), QStringLiteral("Mark 2 transactions as fraud"));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("2 transactions marked as fraud (confirmed cases)"));
    QStringList caseIds;
    for (const QString& id : ids) {
        auto a = m_demo.ledger->anomalyForTransaction(id);
        QVERIFY(a.isOk());
        QCOMPARE(a->status, AnomalyStatus::Confirmed);
        QCOMPARE(a->source, CaseSource::Analyst);
        QCOMPARE(a->decidedBy, QStringLiteral("label-tester"));
        QCOMPARE(a->decidedAt, std::optional(m_demo.clock.nowMs()));
        QCOMPARE(m_demo.ledger->anomalyHistory(a->id)->audit.last().action, QStringLiteral("label"));
        caseIds.append(a->id);
    }
    // The open anomalies view (Confirmed filter) lists the new cases without any action.
    for (const QString& id : caseIds)
        QTRY_VERIFY(anomalies.model()->rowOf(id) >= 0);

    choose(QStringLiteral("markNormalAction"), QStringLiteral("Mark 2 transactions as normal"));
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY(finished.at(1).at(0).toBool());
    for (const QString& id : ids)
        QCOMPARE(m_demo.ledger->anomalyForTransaction(id)->status, AnomalyStatus::Dismissed);
    for (const QString& id : caseIds)
        QTRY_VERIFY(anomalies.model()->rowOf(id) < 0);
}

// "Reverse transaction…" on a row: a confirmation, then the reversing entry; the reversed row says so and offers no
// second reversal; cancelling the confirmation books nothing.
void TestTransactionsView::reverseFromContextMenu()
{
    TransactionsView view(*m_demo.ledger);
    view.show();
    TransactionTableModel* model = view.model();
    QTRY_VERIFY(!model->isLoading() && model->rowCount() > 10);
    int row = -1;
    for (int r = 0; r < model->rowCount() && row < 0; ++r) {
        const Transaction& t = model->transactionAt(r);
        if (t.reverses.isEmpty() && t.reversedBy.isEmpty() && t.amount < 0)
            row = r;
    }
    QVERIFY(row >= 0);
    const Transaction original = model->transactionAt(row);
    const qint64 balanceBefore = m_demo.ledger->account(original.accountId)->balance;
    const qint64 countBefore = *m_demo.ledger->countTransactions({});

    // Opens the row's context menu and triggers the reverse action; `answer` clicks the confirmation's button.
    auto reverseRow = [&](int r, bool confirm) {
        bool enabled = false;
        QTimer::singleShot(0, this, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            QVERIFY(menu);
            auto* action = menu->findChild<QAction*>(QStringLiteral("reverseTransactionAction"));
            QVERIFY(action);
            enabled = action->isEnabled();
            menu->close();
            if (!enabled)
                return;
            QTimer::singleShot(0, this, [&] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box);
                QCOMPARE(box->objectName(), QStringLiteral("confirmReversal"));
                QVERIFY(box->text().contains(original.description));
                for (QAbstractButton* b : box->buttons()) {
                    if ((box->buttonRole(b) == QMessageBox::AcceptRole) == confirm)
                        b->click();
                }
            });
            action->trigger();
        });
        view.table()->selectRow(r);
        const QRect cell = view.table()->visualRect(model->index(r, TransactionTableModel::Description));
        Q_EMIT view.table()->customContextMenuRequested(cell.center());
        return enabled;
    };
    QSignalSpy finished(&view, &TransactionsView::reversalFinished);
    QVERIFY(reverseRow(row, false));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(*m_demo.ledger->countTransactions({}), countBefore);

    QVERIFY(reverseRow(row, true));
    QCOMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    auto after = m_demo.ledger->transaction(original.id);
    QVERIFY(!after->reversedBy.isEmpty());
    auto reversal = m_demo.ledger->transaction(after->reversedBy);
    QCOMPARE(reversal->amount, -original.amount);
    QCOMPARE(reversal->reverses, original.id);
    QCOMPARE(reversal->source, Source::Manual);
    QCOMPARE(m_demo.ledger->account(original.accountId)->balance, balanceBefore - original.amount);

    // The live reload shows the original as reversed, and its menu offers no second reversal.
    const auto rowOf = [&](const QString& id) {
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->transactionAt(r).id == id)
                return r;
        }
        return -1;
    };
    int reversedRow = -1;
    QTRY_VERIFY((reversedRow = rowOf(original.id)) >= 0 && !model->transactionAt(reversedRow).reversedBy.isEmpty());
    QCOMPARE(model->data(model->index(reversedRow, TransactionTableModel::Description)).toString(),
             QStringLiteral("%1 (reversed)").arg(original.description));
    QVERIFY(!reverseRow(reversedRow, true));
    QCOMPARE(*m_demo.ledger->countTransactions({}), countBefore + 1);
}

QTEST_MAIN(TestTransactionsView)
#include "tst_transactionsview.moc"
