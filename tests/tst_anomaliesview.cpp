// SPDX-License-Identifier: GPL-3.0-or-later
// AnomaliesView offscreen: the detail pane explains the selected anomaly in words; confirm and dismiss are stored
// with their time and respected by the open filter; a review made elsewhere updates the open view; showAnomaly()
// finds an anomaly that the filters hide; Export CSV writes the anomalies of the current filter; the text search
// narrows the rows and the count; bulk actions write one audit entry per case with the OS user; the assignee
// filter; the case timeline with its note box; a refused write is reported.
#include "Actor.h"
#include "Theme.h"
#include "desktop_fixture.h"
#include "export/CsvWriter.h"
#include "import/Csv.h"
#include "models/AccountTableModel.h"
#include "models/AnomalyTableModel.h"
#include "models/TransactionTableModel.h"
#include "view_checks.h"
#include "widgets/AccountsView.h"
#include "widgets/AnomaliesView.h"
#include "widgets/CasePane.h"
#include "widgets/DashboardView.h"
#include "widgets/MainWindow.h"
#include "widgets/RowCountLabel.h"
#include "widgets/Services.h"
#include "widgets/SortHeader.h"
#include "widgets/TransactionsView.h"

#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSplitter>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace ledgerguard;

class TestAnomaliesView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void actorWithoutUserVariables();
    void failedCountStaysShort();
    void detailExplains();
    void review_data();
    void review();
    void clearedFilterShowsCasesClearedByRescore();
    void reviewElsewhereUpdatesView();
    void showAnomalyClearsFilters();
    void sortArrowShowsNewestFirst();
    void exportWritesTheFilter();
    void searchNarrowsRowsAndCount();
    void bulkConfirmWritesOneAuditEntryEach();
    void assignAndFilterByAssignee();
    void noteAppearsInTimeline();
    void refusedWriteIsReported();
    void writeWaitsOffTheGuiThread();
    void bulkReviewShortcuts();
    void screenshots();
    void loweredScoreShowsPoints();

private:
    // Selects these rows (extended selection), the first one current.
    static void selectRows(AnomaliesView& view, const QList<int>& rows);
    static void waitForWrite(AnomaliesView& view);
    uitest::DemoLedger m_demo;
};

void TestAnomaliesView::initTestCase()
{
    qputenv("USER", "case-tester"); // the actor of the desktop's decisions (operatingSystemUser())
    QVERIFY(m_demo.open());
}

// Without USER, LOGNAME and USERNAME the desktop's actor is the process's account, not "unknown".
void TestAnomaliesView::actorWithoutUserVariables()
{
#if defined(Q_OS_UNIX)
    const QByteArray user = qgetenv("USER");
    const QByteArray logName = qgetenv("LOGNAME");
    qunsetenv("USER");
    qunsetenv("LOGNAME");
    qunsetenv("USERNAME");
    const QString actor = operatingSystemUser();
    qputenv("USER", user);
    if (!logName.isEmpty())
        qputenv("LOGNAME", logName);
    const passwd* account = getpwuid(geteuid());
    QVERIFY(account != nullptr);
    QCOMPARE(actor, QString::fromLocal8Bit(account->pw_name));
#else
    QSKIP("the account fallback is Unix's (getpwuid)");
#endif
}

// A failed count shows the first line of its error, shortened, and the whole error in the tooltip.
void TestAnomaliesView::failedCountStaysShort()
{
    const QString error = QStringLiteral("FATAL: terminating connection due to administrator command ")
        + QString(200, u'x') + QStringLiteral("\nQPSQL: Unable to prepare statement");
    RowCountLabel label([error] { return [error]() -> Result<qint64> { return Status::ioError(error); }; },
                        {tr("%n anomaly"), tr("%n anomalies"), QStringLiteral("Could not count: %1")});
    QSignalSpy changed(&label, &RowCountLabel::countChanged);
    label.show();
    label.recount(true);
    QTRY_COMPARE(changed.count(), 1);
    QVERIFY(label.text().startsWith(QStringLiteral("Could not count: FATAL: terminating connection")));
    QVERIFY(label.text().size() <= 120);
    QVERIFY(!label.text().contains(QLatin1String("QPSQL")));
    QCOMPARE(label.toolTip(), error);
}

void TestAnomaliesView::selectRows(AnomaliesView& view, const QList<int>& rows)
{
    QItemSelection selection;
    for (int row : rows)
        selection.select(view.model()->index(row, 0), view.model()->index(row, AnomalyTableModel::ColumnCount - 1));
    view.table()->selectionModel()->setCurrentIndex(view.model()->index(rows.first(), 0),
                                                    QItemSelectionModel::NoUpdate);
    view.table()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void TestAnomaliesView::waitForWrite(AnomaliesView& view)
{
    QTRY_VERIFY(!view.isWriting() && !view.model()->isLoading());
}

void TestAnomaliesView::detailExplains()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    QVERIFY(view.model()->rowCount() > 0);
    QCOMPARE(view.selectedId(), view.model()->anomalyAt(0).id);
    const Anomaly& a = view.model()->anomalyAt(0);
    const QString text = view.findChild<QTextBrowser*>(QStringLiteral("detail"))->toPlainText();
    QVERIFY(text.contains(riskName(a.risk)));
    QVERIFY(!a.explanation.isEmpty());
    // Each top feature in words (values in words and money), never as raw feature numbers.
    for (const QJsonValue& v : a.explanation)
        QVERIFY2(text.contains(v.toObject().value(QStringLiteral("text")).toString()), qPrintable(text));
    QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("value [-0-9.,e]+, typical"))), qPrintable(text));
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
    waitForWrite(view); // written on a worker, then the page is read again on a worker
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
    QVERIFY(
        view.findChild<QTextBrowser*>(QStringLiteral("detail"))->toPlainText().contains(QStringLiteral("Confirmed")));
    QVERIFY(m_demo.ledger->setAnomalyStatus(id, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
}

void TestAnomaliesView::sortArrowShowsNewestFirst()
{
    AnomaliesView view(*m_demo.ledger);
    view.resize(1280, 700);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 1);
    auto* header = qobject_cast<SortHeader*>(view.table()->horizontalHeader());
    QVERIFY(header);
    // Newest detection first: descending by the Detected column, a down arrow.
    QCOMPARE(header->sortIndicatorSection(), int(AnomalyTableModel::DetectedAt));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    for (int r = 1; r < view.model()->rowCount(); ++r)
        QVERIFY(view.model()->anomalyAt(r - 1).detectedAt >= view.model()->anomalyAt(r).detectedAt);
    QCOMPARE(header->arrow(AnomalyTableModel::DetectedAt), QStyleOptionHeader::SortDown);
    QCOMPARE(uitest::drawnSortArrow(header, AnomalyTableModel::DetectedAt), -1);
    QCOMPARE(header->arrow(AnomalyTableModel::Amount), QStyleOptionHeader::None);
}

void TestAnomaliesView::exportWritesTheFilter()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading());
    // Only MEDIUM risk (the risk chooser is the first filter) and any status.
    const QList<QComboBox*> boxes = view.findChildren<QComboBox*>();
    QComboBox* risk = boxes.at(0);
    risk->setCurrentIndex(risk->findData(int(Risk::Medium)));
    QComboBox* status = boxes.at(2);
    status->setCurrentIndex(status->count() - 1);
    QTRY_VERIFY(!view.model()->isLoading());
    const AnomalyFilter filter = view.model()->filter();
    QCOMPARE(filter.risk, std::optional<Risk>(Risk::Medium));
    auto expected = m_demo.ledger->countAnomalies(filter);
    QVERIFY(expected.isOk());
    auto all = m_demo.ledger->countAnomalies(AnomalyFilter {});
    QVERIFY(all.isOk());
    QVERIFY2(*expected > 0 && *expected < *all, "the demo ledger needs MEDIUM and other anomalies");

    const QString path = m_demo.dir.filePath(QStringLiteral("medium.csv"));
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
        QCOMPARE(record.fields.at(riskColumn), riskName(Risk::Medium));
    }
    QCOMPARE(rows, *expected);

    // A file that cannot be written is reported, not silently dropped.
    QVERIFY(view.startExport(m_demo.dir.filePath(QStringLiteral("missing/dir/out.csv"))));
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY(!finished.at(1).at(0).toBool());
    QVERIFY(!finished.at(1).at(1).toString().isEmpty());
}

void TestAnomaliesView::searchNarrowsRowsAndCount()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && !view.isCounting() && view.model()->rowCount() > 1);
    const qint64 all = m_demo.ledger->countAnomalies(view.model()->filter()).value();
    QCOMPARE(view.summary(), QStringLiteral("%1 anomalies").arg(all));
    // The description of one anomaly, typed as a person would: a debounced filter in SQL, and its count.
    const Anomaly target = view.model()->anomalyAt(view.model()->rowCount() - 1);
    const QString word = target.description.section(QLatin1Char(' '), 0, 0).toUpper();
    QTest::keyClicks(view.searchField(), word);
    QTRY_COMPARE(view.model()->filter().text, word);
    QTRY_VERIFY(!view.model()->isLoading() && !view.isCounting());
    const int rows = view.model()->rowCount();
    QVERIFY(rows >= 1 && rows < all);
    QVERIFY(view.model()->rowOf(target.id) >= 0);
    for (int r = 0; r < rows; ++r) {
        const Anomaly& a = view.model()->anomalyAt(r);
        QVERIFY2(a.description.contains(word, Qt::CaseInsensitive) || a.counterparty.contains(word, Qt::CaseInsensitive)
                     || QJsonDocument(a.explanation).toJson().contains(word.toLower().toUtf8())
                     || QJsonDocument(a.explanation).toJson().contains(word.toUtf8()),
                 qPrintable(a.description));
    }
    QCOMPARE(view.summary(), rows == 1 ? QStringLiteral("1 anomaly") : QStringLiteral("%1 anomalies").arg(rows));
    // The account's name is searched too.
    const QString account = view.model()->data(view.model()->index(0, AnomalyTableModel::Account)).toString();
    view.searchField()->setText(account);
    QTRY_VERIFY(view.model()->filter().text == account && !view.model()->isLoading() && !view.isCounting());
    QVERIFY(view.model()->rowCount() > 0);
    for (int r = 0; r < view.model()->rowCount(); ++r)
        QCOMPARE(view.model()->anomalyAt(r).accountId, view.model()->anomalyAt(0).accountId);
    view.searchField()->setText(QStringLiteral("no such text anywhere"));
    QTRY_COMPARE(view.summary(), QStringLiteral("0 anomalies"));
    QCOMPARE(view.model()->rowCount(), 0);
}

void TestAnomaliesView::bulkConfirmWritesOneAuditEntryEach()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 3);
    selectRows(view, {0, 1, 2});
    const QStringList ids = view.selectedIds();
    QCOMPARE(ids.size(), 3);
    QVERIFY(view.findChild<QLabel*>(QStringLiteral("selectionCount"))->text().contains(QStringLiteral("3")));
    QVector<qsizetype> before;
    for (const QString& id : ids)
        before.append(m_demo.ledger->anomalyHistory(id)->audit.size());
    auto* confirm = view.findChild<QPushButton*>(QStringLiteral("confirmButton"));
    QVERIFY(confirm->toolTip().contains(
        AnomaliesView::shortcut(AnomaliesView::Review::Confirm).toString(QKeySequence::NativeText)));
    QSignalSpy changed(m_demo.ledger.get(), &Ledger::anomaliesChanged);
    m_demo.clock.advanceMs(60'000);
    QTest::mouseClick(confirm, Qt::LeftButton);
    waitForWrite(view);
    QCOMPARE(changed.size(), 1); // one SQL transaction
    for (int i = 0; i < ids.size(); ++i) {
        const AnomalyHistory history = m_demo.ledger->anomalyHistory(ids[i]).value();
        QCOMPARE(history.audit.size(), before[i] + 1);
        const AuditEntry& e = history.audit.last();
        QCOMPARE(e.action, QStringLiteral("status"));
        QCOMPARE(e.from, QStringLiteral("open"));
        QCOMPARE(e.to, QStringLiteral("confirmed"));
        QCOMPARE(e.actor, QStringLiteral("case-tester"));
        QCOMPARE(e.at, m_demo.clock.nowMs());
        QVERIFY(view.model()->rowOf(ids[i]) < 0); // the open filter no longer lists it
    }
    // Reopened in bulk from the Confirmed filter.
    auto* status = view.findChild<QComboBox*>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findData(int(AnomalyStatus::Confirmed)));
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() >= 3);
    QList<int> rows;
    for (const QString& id : ids)
        rows.append(view.model()->rowOf(id));
    QVERIFY(!rows.contains(-1));
    selectRows(view, rows);
    view.reopenSelected();
    waitForWrite(view);
    for (const QString& id : ids)
        QCOMPARE(m_demo.ledger->anomaly(id)->status, AnomalyStatus::Open);
}

void TestAnomaliesView::assignAndFilterByAssignee()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && !view.isCounting() && view.model()->rowCount() > 2);
    const qint64 all = view.model()->rowCount();
    selectRows(view, {1, 2});
    const QStringList ids = view.selectedIds();
    view.assignSelected(QStringLiteral("zoe"));
    waitForWrite(view);
    for (const QString& id : ids)
        QCOMPARE(m_demo.ledger->anomaly(id)->assignee, QStringLiteral("zoe"));
    auto* assignee = view.findChild<QComboBox*>(QStringLiteral("assigneeFilter"));
    QTRY_VERIFY(assignee->findData(QStringLiteral("zoe")) >= 0);
    QCOMPARE(assignee->itemText(0), QStringLiteral("Anyone"));
    QCOMPARE(assignee->itemText(1), QStringLiteral("Unassigned"));
    assignee->setCurrentIndex(assignee->findData(QStringLiteral("zoe")));
    QTRY_VERIFY(!view.model()->isLoading() && !view.isCounting() && view.model()->rowCount() == 2);
    QCOMPARE(view.summary(), QStringLiteral("2 anomalies"));
    assignee->setCurrentIndex(1); // unassigned
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() == all - 2);
    for (const QString& id : ids)
        QVERIFY(view.model()->rowOf(id) < 0);
    // The case pane shows and edits the current case's assignee.
    assignee->setCurrentIndex(assignee->findData(QStringLiteral("zoe")));
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() == 2);
    QTRY_COMPARE(view.casePane()->assigneeBox()->currentText(), QStringLiteral("zoe"));
    const QString current = view.selectedId();
    view.casePane()->assigneeBox()->setEditText(QString());
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("assignButton")), Qt::LeftButton);
    waitForWrite(view);
    QCOMPARE(m_demo.ledger->anomaly(current)->assignee, QString());
    QTRY_COMPARE(view.model()->rowCount(), 1);
    view.table()->selectRow(0);
    // Assign to… asks for the name, offering the assignees present.
    QStringList offered;
    QTimer::singleShot(0, this, [&offered] {
        auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        offered = dialog->comboBoxItems();
        dialog->setTextValue(QString());
        dialog->accept();
    });
    view.assignSelectedWithDialog();
    QVERIFY2(offered.contains(QStringLiteral("zoe")), qPrintable(offered.join(QLatin1Char(','))));
    waitForWrite(view);
    QCOMPARE(m_demo.ledger->countAnomalies(AnomalyFilter {.assignee = QStringLiteral("zoe")}).value(), qint64(0));
}

void TestAnomaliesView::noteAppearsInTimeline()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    view.table()->selectRow(0);
    const QString id = view.selectedId();
    CasePane* pane = view.casePane();
    QTRY_VERIFY(!pane->isLoadingTimeline() && !pane->timeline()->toPlainText().isEmpty());
    QVERIFY2(pane->timeline()->toPlainText().contains(QStringLiteral("Scored")),
             qPrintable(pane->timeline()->toPlainText()));
    QVERIFY(pane->timeline()->toPlainText().contains(QStringLiteral("Detected")));
    auto* add = view.findChild<QPushButton*>(QStringLiteral("addNoteButton"));
    QVERIFY(!add->isEnabled()); // nothing typed yet
    QVERIFY(add->toolTip().contains(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    // A note typed on one case stays with that case while another is looked at.
    QTest::keyClicks(pane->noteBox(), QStringLiteral("draft"));
    view.table()->selectRow(1);
    QVERIFY(pane->noteBox()->toPlainText().isEmpty());
    view.table()->selectRow(0);
    QCOMPARE(pane->noteBox()->toPlainText(), QStringLiteral("draft"));
    pane->noteBox()->clear();
    m_demo.clock.advanceMs(120'000);
    pane->noteBox()->setFocus();
    QTest::keyClicks(pane->noteBox(), QStringLiteral("Called the <supplier>: invoice is real"));
    QVERIFY(add->isEnabled());
    QTest::keyClick(pane->noteBox(), Qt::Key_Return, Qt::ControlModifier);
    waitForWrite(view);
    QTRY_VERIFY(!pane->isLoadingTimeline());
    QTRY_VERIFY(pane->timeline()->toPlainText().contains(QStringLiteral("Called the <supplier>: invoice is real")));
    const QString text = pane->timeline()->toPlainText();
    // Newest first: the note (who, when) above the detection.
    QVERIFY(text.indexOf(QStringLiteral("Called the")) < text.indexOf(QStringLiteral("Detected")));
    QVERIFY(text.contains(QStringLiteral("case-tester")));
    QVERIFY(pane->noteBox()->toPlainText().isEmpty());
    const AnomalyHistory history = m_demo.ledger->anomalyHistory(id).value();
    QCOMPARE(history.notes.last().note, QStringLiteral("Called the <supplier>: invoice is real"));
    QCOMPARE(history.notes.last().actor, QStringLiteral("case-tester"));
    QCOMPARE(view.selectedId(), id);
}

void TestAnomaliesView::refusedWriteIsReported()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 0);
    view.table()->selectRow(0);
    const QString id = view.selectedId();
    const qsizetype entries = m_demo.ledger->anomalyHistory(id)->audit.size();
    QSignalSpy finished(&view, &AnomaliesView::writeFinished);
    view.casePane()->noteBox()->setPlainText(QString(kMaxNoteLength + 1, QLatin1Char('x')));
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("addNoteButton")), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(!finished.at(0).at(0).toBool());
    const QString message = finished.at(0).at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("note")), qPrintable(message));
    auto* box = view.findChild<QMessageBox*>();
    QVERIFY(box && box->isVisible());
    QCOMPARE(box->text(), message);
    box->close();
    // Nothing written; the text stays for the analyst to shorten.
    QCOMPARE(m_demo.ledger->anomalyHistory(id)->audit.size(), entries);
    QCOMPARE(view.casePane()->noteBox()->toPlainText().size(), kMaxNoteLength + 1);
}

// Another process holds the ledger's write lock: a bulk confirm waits for it on a worker while the window keeps
// handling events (buttons disabled), and is stored once the lock is released.
void TestAnomaliesView::writeWaitsOffTheGuiThread()
{
    AnomaliesView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(!view.model()->isLoading() && view.model()->rowCount() > 2);
    selectRows(view, {0, 1});
    const QStringList ids = view.selectedIds();
    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        locker.setDatabaseName(m_demo.dir.filePath(QStringLiteral("ui.sqlite")));
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("confirmButton")), Qt::LeftButton);
        QVERIFY(clock.elapsed() < 200); // the click returns at once
        QVERIFY(view.isWriting());
        QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("dismissButton"))->isEnabled());
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start(10);
        QTest::qWait(300);
        QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks))); // the event loop kept running
        QVERIFY(view.isWriting());
        QCOMPARE(m_demo.ledger->anomaly(ids[0])->status, AnomalyStatus::Open);
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        lock = QSqlQuery();
        locker.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    waitForWrite(view);
    for (const QString& id : ids) {
        QCOMPARE(m_demo.ledger->anomaly(id)->status, AnomalyStatus::Confirmed);
        QVERIFY(m_demo.ledger->setAnomalyStatus(id, AnomalyStatus::Open, QStringLiteral("tester")).isOk());
    }
}

// In the main window, Ctrl+Shift+C confirms every selected anomaly (one audit entry each, by the OS user) and
// Ctrl+Shift+O reopens them; the Review menu holds the keys (the buttons' tooltips name them).
void TestAnomaliesView::bulkReviewShortcuts()
{
    Services services;
    services.ledger = m_demo.ledger.get();
    MainWindow window(services);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.showView(MainWindow::View::Anomalies);
    AnomaliesView* view = window.anomalies();
    QTRY_VERIFY(!view->model()->isLoading() && view->model()->rowCount() >= 3);
    auto* confirmAction = window.findChild<QAction*>(QStringLiteral("confirmAction"));
    QVERIFY(confirmAction);
    QCOMPARE(confirmAction->shortcut(), AnomaliesView::shortcut(AnomaliesView::Review::Confirm));
    QCOMPARE(window.findChild<QAction*>(QStringLiteral("assignAction"))->shortcut(),
             AnomaliesView::shortcut(AnomaliesView::Review::Assign));
    view->table()->setFocus();
    view->table()->selectRow(0);
    QTest::keyClick(view->table(), Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(view->table(), Qt::Key_Down, Qt::ShiftModifier);
    const QStringList ids = view->selectedIds();
    QCOMPARE(ids.size(), 3);
    m_demo.clock.advanceMs(60'000);
    QTest::keySequence(&window, AnomaliesView::shortcut(AnomaliesView::Review::Confirm));
    waitForWrite(*view);
    for (const QString& id : ids) {
        QCOMPARE(m_demo.ledger->anomaly(id)->status, AnomalyStatus::Confirmed);
        const AuditEntry e = m_demo.ledger->anomalyHistory(id)->audit.last();
        QCOMPARE(e.actor, QStringLiteral("case-tester"));
        QCOMPARE(e.at, m_demo.clock.nowMs());
    }
    auto* status = view->findChild<QComboBox*>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findData(int(AnomalyStatus::Confirmed)));
    QTRY_VERIFY(!view->model()->isLoading() && view->model()->rowCount() >= 3);
    QList<int> rows;
    for (const QString& id : ids)
        rows.append(view->model()->rowOf(id));
    selectRows(*view, rows);
    QTest::keySequence(&window, AnomaliesView::shortcut(AnomaliesView::Review::Reopen));
    waitForWrite(*view);
    for (const QString& id : ids)
        QCOMPARE(m_demo.ledger->anomaly(id)->status, AnomalyStatus::Open);
}

// The main window at the two screenshot sizes (written to $LG_SCREENSHOT_DIR when set) with three anomalies
// selected and a case with a note: every button, filter and count line gets at least the width its text needs.
void TestAnomaliesView::screenshots()
{
    theme::apply(*qApp); // the application's style sheet, as the desktop shows it (the last test of this run)
    Services services;
    services.ledger = m_demo.ledger.get();
    MainWindow window(services);
    window.show();
    window.showView(MainWindow::View::Anomalies);
    AnomaliesView* view = window.anomalies();
    QTRY_VERIFY(!view->model()->isLoading() && view->model()->rowCount() > 3 && !view->isCounting());
    view->table()->selectRow(0);
    QVERIFY(m_demo.ledger->decideAnomaly(
        view->selectedId(),
        {std::nullopt, QStringLiteral("Asked the card holder; waiting for the receipt."), QStringLiteral("zoe")},
        QStringLiteral("case-tester")));
    QTRY_VERIFY(!view->model()->isLoading() && !view->casePane()->isLoadingTimeline());
    QTRY_VERIFY(view->casePane()->timeline()->toPlainText().contains(QStringLiteral("receipt")));
    selectRows(*view, {0, 1, 2});
    const QString dir = qEnvironmentVariable("LG_SCREENSHOT_DIR", m_demo.dir.path());
    for (const QSize size : {QSize(1024, 700), QSize(1280, 820)}) {
        window.resize(size);
        for (MainWindow::View v : {MainWindow::View::Dashboard, MainWindow::View::Transactions,
                                   MainWindow::View::Anomalies, MainWindow::View::Accounts}) {
            window.showView(v);
            QCoreApplication::processEvents();
            QTRY_VERIFY(!view->model()->isLoading() && !view->isCounting()
                        && !window.transactions()->model()->isLoading() && !window.transactions()->isCounting());
            QTRY_VERIFY(window.dashboard()->refreshCount() > 0);
            QCoreApplication::processEvents(); // the layout follows the texts that just arrived
            const QPixmap shot = window.grab();
            QCOMPARE(shot.size(), size);
            const QString name = QStringList {QStringLiteral("dashboard"), QStringLiteral("transactions"),
                                              QStringLiteral("anomalies"), QStringLiteral("accounts")}[int(v)];
            QVERIFY(shot.save(QStringLiteral("%1/%2-%3x%4.png").arg(dir, name).arg(size.width()).arg(size.height())));
            // Money, times, risk, health and status: every loaded cell's text fits its column, and the column is
            // inside the viewport (no horizontal scrolling to reach it).
            QWidget* page = QList<QWidget*> {window.dashboard(), window.transactions(), window.anomalies(),
                                             window.accounts()}[int(v)];
            auto* table = page->findChild<QTableView*>();
            QVERIFY(table);
            const QList<int> keep = v == MainWindow::View::Dashboard ? QList<int> {0, 1, 2, 3}
                : v == MainWindow::View::Transactions
                ? QList<int> {TransactionTableModel::Time, TransactionTableModel::Amount,
                              TransactionTableModel::RunningBalance, TransactionTableModel::Risk}
                : v == MainWindow::View::Anomalies
                ? QList<int> {AnomalyTableModel::Risk, AnomalyTableModel::Score, AnomalyTableModel::Amount,
                              AnomalyTableModel::DetectedAt, AnomalyTableModel::Status}
                : QList<int> {AccountTableModel::Balance, AccountTableModel::LastActivity,
                              AccountTableModel::Health,  AccountTableModel::High,
                              AccountTableModel::Medium,  AccountTableModel::Transactions};
            QVERIFY(table->model()->rowCount() > 0);
            for (int c : keep) {
                const QString where
                    = QStringLiteral("%1 at %2x%3, column %4").arg(name).arg(size.width()).arg(size.height()).arg(c);
                QVERIFY2(table->columnViewportPosition(c) >= 0
                             && table->columnViewportPosition(c) + table->columnWidth(c) <= table->viewport()->width(),
                         qPrintable(where));
                for (int r = 0; r < table->model()->rowCount(); ++r) {
                    const QString cut = uitest::cutOffText(table, r, c);
                    QVERIFY2(cut.isEmpty(), qPrintable(where + QStringLiteral(": ") + cut));
                }
            }
            const int em = table->fontMetrics().height();
            if (v == MainWindow::View::Transactions)
                QVERIFY(table->columnWidth(TransactionTableModel::Description) >= 8 * em);
            if (v == MainWindow::View::Anomalies) {
                QVERIFY(table->columnWidth(AnomalyTableModel::Transaction) >= 7 * em);
                // Beside the table when there is room, else under it; it can be collapsed either way.
                QCOMPARE(view->caseOrientation(), size.width() >= 1280 ? Qt::Horizontal : Qt::Vertical);
                QVERIFY(view->splitter()->isCollapsible(1));
            }
            if (v == MainWindow::View::Dashboard) { // one column on a small screen, two on a large one
                QCOMPARE(window.dashboard()->columnCount(), size.width() >= 1280 ? 2 : 1);
                // The score histogram: each bin wide enough for its count, the plot for the axis title.
                QChart* scores = window.dashboard()->charts().at(1)->chart();
                auto* bins = qobject_cast<QBarCategoryAxis*>(scores->axes(Qt::Horizontal).value(0));
                QVERIFY(bins && bins->count() == 10);
                QFont bold = QApplication::font();
                bold.setBold(true);
                const QFontMetrics metrics(bold);
                for (const QString& label : bins->categories()) {
                    const QString count = label.section(QStringLiteral("<b>"), 1).section(QStringLiteral("</b>"), 0, 0);
                    QVERIFY2(metrics.horizontalAdvance(count) + 2 * metrics.height() <= scores->plotArea().width() / 10,
                             qPrintable(label));
                }
                QVERIFY2(metrics.horizontalAdvance(bins->titleText()) <= scores->plotArea().width(),
                         qPrintable(bins->titleText()));
            }
        }
        for (QWidget* w : {static_cast<QWidget*>(view), static_cast<QWidget*>(window.transactions())}) {
            window.showView(w == view ? MainWindow::View::Anomalies : MainWindow::View::Transactions);
            QCoreApplication::processEvents();
            for (QPushButton* b : w->findChildren<QPushButton*>())
                QVERIFY2(!b->isVisible() || b->width() >= b->sizeHint().width(), qPrintable(b->text()));
            for (QComboBox* c : w->findChildren<QComboBox*>())
                QVERIFY2(!c->isVisible() || c->width() >= c->minimumSizeHint().width(), qPrintable(c->currentText()));
            for (QLabel* l : w->findChildren<QLabel*>())
                QVERIFY2(!l->isVisible() || l->width() >= l->sizeHint().width(), qPrintable(l->text()));
            for (QLineEdit* e : w->findChildren<QLineEdit*>()) {
                if (e->isVisible() && !e->placeholderText().isEmpty())
                    QVERIFY2(e->width() > e->fontMetrics().horizontalAdvance(e->placeholderText()) + 8,
                             qPrintable(e->placeholderText()));
            }
        }
    }
    view->assignSelected(QString());
    waitForWrite(*view);
}

void TestAnomaliesView::loweredScoreShowsPoints()
{
    // A case whose score a dismissal lowered: the forest's share of the final score is over 1 and the suppression's
    // negative; the pane shows both as score points that add up to the score, not as "125 %".
    Anomaly a;
    a.id = QStringLiteral("0190a000-0000-7000-8000-000000000001");
    a.risk = Risk::Medium;
    a.score = 0.6;
    a.scored = true;
    a.amount = -12345;
    a.currency = QStringLiteral("EUR");
    a.explanation = QJsonArray {
        QJsonObject {{QStringLiteral("source"), QStringLiteral("forest")},
                     {QStringLiteral("name"), QStringLiteral("Isolation Forest")},
                     {QStringLiteral("contribution"), 1.25},
                     {QStringLiteral("text"), QStringLiteral("Isolation Forest score 0.750")}},
        QJsonObject {{QStringLiteral("source"), QStringLiteral("feedback")},
                     {QStringLiteral("name"), QStringLiteral("Suppression")},
                     {QStringLiteral("contribution"), -0.25},
                     {QStringLiteral("text"), QStringLiteral("suppressed: similar to 2 dismissed case(s)")}},
        QJsonObject {{QStringLiteral("feature"), QStringLiteral("amount_z")},
                     {QStringLiteral("contribution"), 0.5},
                     {QStringLiteral("text"), QStringLiteral("amount 14 times the account's median")}}};
    CasePane pane(*m_demo.ledger);
    pane.setAnomaly(&a);
    const QString text = pane.findChild<QTextBrowser*>(QStringLiteral("detail"))->toPlainText();
    const QLocale locale;
    QVERIFY2(text.contains(locale.toString(0.75, 'f', 2)), qPrintable(text));
    QVERIFY2(text.contains(QChar(0x2212) + locale.toString(0.15, 'f', 2)), qPrintable(text));
    QVERIFY2(text.contains(locale.toString(0.30, 'f', 2)), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1Char('%')), qPrintable(text));
}

QTEST_MAIN(TestAnomaliesView)
#include "tst_anomaliesview.moc"
