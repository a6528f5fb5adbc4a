// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop's help, risk-threshold settings and tray notifications, offscreen: Help > Keyboard shortcuts lists
// every menu shortcut from the live actions (one added at run time appears too); Help > User guide shows the
// compiled-in guide with its screenshots; the thresholds are read-only until unlocked, validated, and applied through
// the ledger (risks re-labelled, decisions kept); the tray notifier's decision (when, how many, the words) without a
// real tray.
#include "desktop_fixture.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Settings.h"
#include "widgets/HelpDialogs.h"
#include "widgets/MainWindow.h"
#include "widgets/SettingsDialog.h"
#include "widgets/TrayNotifier.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>

using namespace ledgerguard;

class TestHelpSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void shortcutsListEveryMenuShortcut();
    void userGuideOpens();
    void thresholdsLockedAndValidated();
    void thresholdsApplied();
    void trayNoticeDecision();
    void trayNotifierCollectsBursts();

private:
    uitest::DemoLedger m_demo;
    std::unique_ptr<DetectionPipeline> m_pipeline;
    Services m_services;
};

void TestHelpSettings::initTestCase()
{
    QVERIFY(m_demo.open(20));
    DetectionPipelineOptions options;
    options.instantScoring = false;
    m_pipeline = std::make_unique<DetectionPipeline>(*m_demo.ledger, options);
    m_services = {m_demo.ledger.get(), m_pipeline.get(), nullptr, nullptr};
}

void TestHelpSettings::init()
{
    QSettings().clear();
}

void TestHelpSettings::cleanup()
{
    setRiskThresholds(RiskThresholds {});
}

void TestHelpSettings::shortcutsListEveryMenuShortcut()
{
    MainWindow window(m_services);
    // Every action of every menu that has a shortcut, found independently of collectShortcuts.
    QStringList expected;
    for (QAction* top : window.menuBar()->actions()) {
        for (QAction* a : top->menu()->actions()) {
            if (!a->shortcut().isEmpty())
                expected.append(a->shortcut().toString(QKeySequence::NativeText));
        }
    }
    QVERIFY(expected.size() >= 20);
    KeyboardShortcutsDialog dialog(&window);
    QTableWidget* table = dialog.table();
    QStringList listed;
    for (int r = 0; r < table->rowCount(); ++r)
        listed.append(table->item(r, 2)->text().split(QStringLiteral(", ")).first());
    for (const QString& key : expected)
        QVERIFY2(listed.contains(key), qPrintable(key));
    const auto rowFor = [&](const QString& command) {
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 1)->text() == command)
                return r;
        }
        return -1;
    };
    const int import = rowFor(QStringLiteral("Import statement"));
    QVERIFY(import >= 0);
    QCOMPARE(table->item(import, 0)->text(), QStringLiteral("File"));
    QCOMPARE(table->item(import, 2)->text(), QKeySequence(QStringLiteral("Ctrl+I")).toString(QKeySequence::NativeText));
    QVERIFY(rowFor(QStringLiteral("Keyboard shortcuts")) >= 0);
    QVERIFY(rowFor(QStringLiteral("Add the note to the case")) >= 0); // the case pane's QShortcut

    // Built from the live actions: a shortcut added at run time is listed, so the list cannot drift.
    QAction* extra = window.menuBar()->actions().first()->menu()->addAction(QStringLiteral("&Probe…"));
    extra->setShortcut(QKeySequence(QStringLiteral("Ctrl+Alt+P")));
    KeyboardShortcutsDialog again(&window);
    bool found = false;
    for (int r = 0; r < again.table()->rowCount(); ++r)
        found = found || again.table()->item(r, 1)->text() == QStringLiteral("Probe");
    QVERIFY(found);

    // Help > Keyboard shortcuts opens it.
    QAction* open = window.action(QStringLiteral("shortcutsAction"));
    QVERIFY(open);
    QTimer::singleShot(0, this, [] {
        auto* shown = qobject_cast<KeyboardShortcutsDialog*>(QApplication::activeModalWidget());
        QVERIFY(shown);
        shown->reject();
    });
    open->trigger();
}

void TestHelpSettings::userGuideOpens()
{
    MainWindow window(m_services);
    QAction* open = window.action(QStringLiteral("userGuideAction"));
    QVERIFY(open);
    QCOMPARE(open->shortcut(), QKeySequence(QKeySequence::HelpContents));
    open->trigger();
    auto* guide = window.findChild<UserGuideDialog*>();
    QVERIFY(guide);
    QTextDocument* doc = guide->browser()->document();
    QVERIFY(doc->toPlainText().contains(QStringLiteral("Create and close an account")));
    QVERIFY(doc->toPlainText().contains(QStringLiteral("Reverse transaction")));
    // Every screenshot the guide names is compiled in.
    const QString markdown = doc->toMarkdown();
    int images = 0;
    for (const QString& name : {QStringLiteral("dashboard"), QStringLiteral("accounts"), QStringLiteral("transactions"),
                                QStringLiteral("anomalies")}) {
        QVERIFY2(QFile::exists(QStringLiteral(":/ledgerguard/docs/images/%1.png").arg(name)), qPrintable(name));
        images += markdown.contains(QStringLiteral("images/%1.png").arg(name)) ? 1 : 0;
    }
    QCOMPARE(images, 4);
    // The browser resolves them against the guide's address, as it renders them.
    const QVariant image
        = guide->browser()->loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("images/accounts.png")));
    QVERIFY(!image.isNull());
    QVERIFY(!QImage::fromData(image.toByteArray()).isNull() || !image.value<QImage>().isNull());
    guide->close();
}

void TestHelpSettings::thresholdsLockedAndValidated()
{
    SettingsDialog dialog(m_services);
    QCOMPARE(dialog.mediumThreshold()->value(), 0.5);
    QCOMPARE(dialog.highThreshold()->value(), 0.8);
    QVERIFY(!dialog.mediumThreshold()->isEnabled());
    QVERIFY(!dialog.highThreshold()->isEnabled());
    QVERIFY(!dialog.unlockThresholds()->isChecked());
    dialog.unlockThresholds()->setChecked(true);
    QVERIFY(dialog.mediumThreshold()->isEnabled() && dialog.highThreshold()->isEnabled());
    QPushButton* ok = dialog.buttons()->button(QDialogButtonBox::Ok);
    dialog.highThreshold()->setValue(0.4); // below MEDIUM
    QVERIFY(!dialog.thresholdError().isEmpty());
    QVERIFY(!ok->isEnabled());
    dialog.highThreshold()->setValue(0.5); // equal
    QVERIFY(!ok->isEnabled());
    dialog.highThreshold()->setValue(0.9);
    QVERIFY(dialog.thresholdError().isEmpty());
    QVERIFY(ok->isEnabled());
    // Locking again shows the rule in force and changes nothing.
    dialog.unlockThresholds()->setChecked(false);
    QCOMPARE(dialog.highThreshold()->value(), 0.8);
    ok->click();
    QCOMPARE(riskThresholds(), RiskThresholds {});
    QVERIFY(!m_demo.ledger->storedRiskThresholds()->has_value());
}

void TestHelpSettings::thresholdsApplied()
{
    qputenv("USER", "settings-tester");
    TransactionFilter high;
    high.risk = Risk::High;
    const qint64 highBefore = *m_demo.ledger->countTransactions(high);
    auto someCase = m_demo.ledger->anomalies({}, PageRequest {1, {}});
    QVERIFY(someCase.isOk() && !someCase->items.isEmpty());
    const QString caseId = someCase->items.front().id;
    QVERIFY(m_demo.ledger->setAnomalyStatus(caseId, AnomalyStatus::Confirmed, QStringLiteral("analyst")).isOk());
    const Anomaly before = *m_demo.ledger->anomaly(caseId);

    SettingsDialog dialog(m_services);
    dialog.unlockThresholds()->setChecked(true);
    dialog.mediumThreshold()->setValue(0.4);
    dialog.highThreshold()->setValue(0.6);
    dialog.buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(riskThresholds(), (RiskThresholds {0.4, 0.6}));
    QVERIFY(*m_demo.ledger->countTransactions(high) > highBefore);
    const Anomaly after = *m_demo.ledger->anomaly(caseId);
    QCOMPARE(after.status, AnomalyStatus::Confirmed);
    QCOMPARE(after.decidedBy, before.decidedBy);
    QCOMPARE(after.decidedAt, before.decidedAt);
    QCOMPARE(after.risk, riskForScore(after.score));

    // Back to the defaults through the dialog, as a user would.
    SettingsDialog back(m_services);
    back.unlockThresholds()->setChecked(true);
    back.mediumThreshold()->setValue(0.5);
    back.highThreshold()->setValue(0.8);
    back.buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(riskThresholds(), RiskThresholds {});
    QCOMPARE(*m_demo.ledger->countTransactions(high), highBefore);
}

void TestHelpSettings::trayNoticeDecision()
{
    QVERIFY(!TrayNotifier::notice(1, {QStringLiteral("Operating")}, true, true)); // window active
    QVERIFY(!TrayNotifier::notice(1, {QStringLiteral("Operating")}, false, false)); // turned off
    QVERIFY(!TrayNotifier::notice(0, {}, false, true)); // nothing new
    auto one = TrayNotifier::notice(1, {QStringLiteral("Operating")}, false, true);
    QVERIFY(one);
    QCOMPARE(one->title, QStringLiteral("New HIGH-risk anomaly"));
    QCOMPARE(one->message, QStringLiteral("In Operating. Click to review it."));
    auto sameAccount = TrayNotifier::notice(
        3, {QStringLiteral("Cards"), QStringLiteral("Cards"), QStringLiteral("Cards")}, false, true);
    QCOMPARE(sameAccount->title, QStringLiteral("3 new HIGH-risk anomalies"));
    QCOMPARE(sameAccount->message, QStringLiteral("All in Cards. Click to review the latest."));
    auto several = TrayNotifier::notice(
        4, {QStringLiteral("Cards"), QStringLiteral("Operating"), QStringLiteral("Cards"), QStringLiteral("Payroll")},
        false, true);
    QCOMPARE(several->title, QStringLiteral("4 new HIGH-risk anomalies"));
    QCOMPARE(several->message, QStringLiteral("In 3 accounts, the latest in Payroll. Click to review it."));
}

void TestHelpSettings::trayNotifierCollectsBursts()
{
    bool active = false;
    TrayNotifier notifier([&] { return active; }, [](qint64 id) { return QStringLiteral("Account %1").arg(id); });
    QSignalSpy notified(&notifier, &TrayNotifier::notified);
    // A burst: one notice counting distinct anomalies (a repeated signal counts once).
    notifier.noteHighRisk(QStringLiteral("a1"), 1);
    notifier.noteHighRisk(QStringLiteral("a2"), 2);
    notifier.noteHighRisk(QStringLiteral("a2"), 2);
    QTRY_COMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("2 new HIGH-risk anomalies"));
    QCOMPARE(notified.at(0).at(1).toString(),
             QStringLiteral("In 2 accounts, the latest in Account 2. Click to review it."));
    QCOMPARE(notifier.shown().size(), 1);

    // While the window is active the burst is dropped (the banner shows it), and not carried over.
    active = true;
    notifier.noteHighRisk(QStringLiteral("a3"), 1);
    QTest::qWait(TrayNotifier::kSettleMs * 2);
    QCOMPARE(notified.size(), 1);
    active = false;
    notifier.noteHighRisk(QStringLiteral("a4"), 3);
    QTRY_COMPARE(notified.size(), 2);
    QCOMPARE(notified.at(1).at(0).toString(), QStringLiteral("New HIGH-risk anomaly"));

    // Turned off in the settings: nothing.
    QSettings().setValue(settings::kTrayNotifications, false);
    notifier.noteHighRisk(QStringLiteral("a5"), 3);
    QTest::qWait(TrayNotifier::kSettleMs * 2);
    QCOMPARE(notified.size(), 2);

    // The settings dialog holds the switch (default on).
    QSettings().remove(settings::kTrayNotifications);
    SettingsDialog dialog(m_services);
    QVERIFY(dialog.trayNotifications()->isChecked());
    dialog.trayNotifications()->setChecked(false);
    dialog.buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(QSettings().value(settings::kTrayNotifications).toBool(), false);
}

QTEST_MAIN(TestHelpSettings)
#include "tst_helpsettings.moc"
