// SPDX-License-Identifier: GPL-3.0-or-later
// AnomaliesView offscreen: the detail pane explains the selected anomaly in words; confirm and dismiss are stored
// with their time and respected by the open filter; a review made elsewhere updates the open view; showAnomaly()
// finds an anomaly that the filters hide; Export CSV writes the anomalies of the current filter.
#include "desktop_fixture.h"
#include "export/CsvWriter.h"
#include "import/Csv.h"
#include "models/AnomalyTableModel.h"
#include "widgets/AnomaliesView.h"

#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace ledgerguard;

class TestAnomaliesView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void detailExplains();
    void review_data();
    void review();
    void clearedFilterShowsCasesClearedByRescore();
    void reviewElsewhereUpdatesView();
    void showAnomalyClearsFilters();
    void exportWritesTheFilter();

private:
    uitest::DemoLedger m_demo;
};

void TestAnomaliesView::initTestCase()
{
    QVERIFY(m_demo.open());
}

void TestAnomaliesView::detailExplains()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    QVERIFY(view.model()->rowCount() > 0);
    QCOMPARE(view.selectedId(), view.model()->anomalyAt(0).id);
    const Anomaly& a = view.model()->anomalyAt(0);
    const QString text = view.findChild<QTextBrowser*>()->toPlainText();
    QVERIFY(text.contains(riskName(a.risk)));
    QVERIFY(!a.explanation.isEmpty());
    // Each top feature in words, with its value against the account's typical value.
    for (const QJsonValue& v : a.explanation)
        QVERIFY2(text.contains(v.toObject().value(QStringLiteral("text")).toString()), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("typical")));
}

void TestAnomaliesView::clearedFilterShowsCasesClearedByRescore()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    // An open case re-scored LOW by the detector is cleared, not deleted: the "Cleared" filter lists it.
    const Anomaly open = view.model()->anomalyAt(0);
    QCOMPARE(open.status, AnomalyStatus::Open);
    QVERIFY(m_demo.ledger
                ->storeDetectionResults(open.accountId, {TransactionScore {open.transactionId, 0.1, Risk::Low}}, {},
                                        std::nullopt, QStringLiteral("test"))
                .isOk());
    auto* status = view.findChild<QComboBox*>(QStringLiteral("statusFilter"));
    QVERIFY(status);
    const int cleared = status->findData(int(AnomalyStatus::Cleared));
    QVERIFY(cleared >= 0);
    QCOMPARE(status->itemText(cleared), AnomalyTableModel::statusLabel(AnomalyStatus::Cleared));
    status->setCurrentIndex(cleared);
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    bool found = false;
    for (int r = 0; r < view.model()->rowCount(); ++r) {
        QCOMPARE(view.model()->anomalyAt(r).status, AnomalyStatus::Cleared);
        found = found || view.model()->anomalyAt(r).id == open.id;
    }
    QVERIFY(found);
}

void TestAnomaliesView::review_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<int>("status");
    QTest::addRow("confirm") << QStringLiteral("confirmButton") << int(AnomalyStatus::Confirmed);
    QTest::addRow("dismiss") << QStringLiteral("dismissButton") << int(AnomalyStatus::Dismissed);
}

void TestAnomaliesView::review()
{
    QFETCH(QString, button);
    QFETCH(int, status);
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    const int openBefore = view.model()->rowCount();
    QVERIFY(openBefore > 1);
    view.table()->selectRow(1);
    const QString id = view.selectedId();
    const QString next = view.model()->anomalyAt(2).id;
    auto* b = view.findChild<QPushButton*>(button);
    QVERIFY(b && b->isEnabled());
    m_demo.clock.advanceMs(60'000);
    QTest::mouseClick(b, Qt::LeftButton);
    QTRY_VERIFY(!view.model()->isLoading()); // the view reads the page again on a worker
    auto stored = m_demo.ledger->anomaly(id);
    QVERIFY(stored.isOk());
    QCOMPARE(int(stored->status), status);
    QCOMPARE(stored->statusChangedAt, std::optional(m_demo.clock.nowMs())); // stored with its time
    // The open list no longer holds it; the next anomaly moved up into the selected row.
    QVERIFY(view.model()->rowOf(id) < 0);
    QCOMPARE(view.model()->rowCount(), openBefore - 1);
    QCOMPARE(view.selectedId(), next);
    QVERIFY(m_demo.ledger->setAnomalyStatus(id, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
}

void TestAnomaliesView::reviewElsewhereUpdatesView()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    const QString first = view.model()->anomalyAt(0).id;
    const QString second = view.model()->anomalyAt(1).id;
    view.table()->selectRow(1);
    // Dismissed through the core (as the REST API would): the view follows, the selection stays on its anomaly.
    QVERIFY(m_demo.ledger->setAnomalyStatus(first, AnomalyStatus::Dismissed, QStringLiteral("tester")).isOk());
    QTRY_VERIFY(view.model()->rowOf(first) < 0);
    QCOMPARE(view.selectedId(), second);
    QVERIFY(m_demo.ledger->setAnomalyStatus(first, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
    QTRY_VERIFY(view.model()->rowOf(first) >= 0);
}

void TestAnomaliesView::showAnomalyClearsFilters()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    const QString id = view.model()->anomalyAt(0).id;
    QVERIFY(m_demo.ledger->setAnomalyStatus(id, AnomalyStatus::Confirmed, QStringLiteral("tester")).isOk());
    QTRY_VERIFY(view.model()->rowOf(id) < 0);
    view.showAnomaly(id); // clears the status filter, reads pages until it finds the anomaly
    QTRY_COMPARE(view.selectedId(), id);
    QVERIFY(view.findChild<QTextBrowser*>()->toPlainText().contains(QStringLiteral("Confirmed")));
    QVERIFY(m_demo.ledger->setAnomalyStatus(id, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
}

void TestAnomaliesView::exportWritesTheFilter()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading());
    // Only HIGH risk (the risk chooser is the first filter) and any status.
    const QList<QComboBox*> boxes = view.findChildren<QComboBox*>();
    QComboBox* risk = boxes.at(0);
    risk->setCurrentIndex(risk->findData(int(Risk::High)));
    QComboBox* status = boxes.at(2);
    status->setCurrentIndex(status->count() - 1);
    QTRY_VERIFY(!view.model()->isLoading());
    const AnomalyFilter filter = view.model()->filter();
    QCOMPARE(filter.risk, std::optional<Risk>(Risk::High));
    auto expected = m_demo.ledger->countAnomalies(filter);
    QVERIFY(expected.isOk());
    auto all = m_demo.ledger->countAnomalies(AnomalyFilter {});
    QVERIFY(all.isOk());
    QVERIFY2(*expected > 0 && *expected < *all, "the demo ledger needs HIGH and other anomalies");

    const QString path = m_demo.dir.filePath(QStringLiteral("high.csv"));
    QSignalSpy finished(&view, &AnomaliesView::exportFinished);
    QVERIFY(view.startExport(path));
    QVERIFY(!view.startExport(path) || !view.isExporting()); // one export at a time
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    CsvReader reader(QString::fromUtf8(file.readAll()), QLatin1Char(','));
    CsvRecord record;
    QCOMPARE(reader.next(&record), CsvReader::Next::Record);
    QCOMPARE(record.fields, anomalyCsvHeader());
    const qsizetype riskColumn = record.fields.indexOf(QStringLiteral("risk"));
    qint64 rows = 0;
    while (reader.next(&record) == CsvReader::Next::Record) {
        ++rows;
        QCOMPARE(record.fields.at(riskColumn), riskName(Risk::High));
    }
    QCOMPARE(rows, *expected);

    // A file that cannot be written is reported, not silently dropped.
    QVERIFY(view.startExport(m_demo.dir.filePath(QStringLiteral("missing/dir/out.csv"))));
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY(!finished.at(1).at(0).toBool());
    QVERIFY(!finished.at(1).at(1).toString().isEmpty());
}

QTEST_MAIN(TestAnomaliesView)
#include "tst_anomaliesview.moc"
