// SPDX-License-Identifier: GPL-3.0-or-later
// The rule editor (Review > Rules) under the offscreen platform: a rule built by choosing fields and typing values,
// errors shown beside their row, the live preview equal to what the saved rule then flags in a detection run, and a
// new matching transaction flagged at once with the rule's name.
#include "Background.h"
#include "ledger/Ledger.h"
#include "pipeline/Combination.h"
#include "pipeline/DetectionPipeline.h"
#include "rules/RuleBook.h"
#include "widgets/RulesDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'574'400'000; // 2026-06-04T12:00:00Z

void choose(QComboBox* combo, const QString& data)
{
    const int i = combo->findData(data);
    QVERIFY2(i >= 0, qPrintable(data));
    combo->setCurrentIndex(i);
}

void type(QLineEdit* edit, const QString& text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestRuleEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void buildPreviewSaveAndFlag();
    void errorsBesideTheRow();
    void editKeepsTheRule();
    void fitsSmallScreens_data();
    void fitsSmallScreens();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
    qint64 m_account = 0;
};

void TestRuleEditor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_unique<ManualClock>(kNow);
    auto ledger = Ledger::open(m_dir->filePath(QStringLiteral("l.sqlite")), *m_clock);
    QVERIFY(ledger);
    m_ledger = std::move(*ledger);
    auto a = m_ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(a);
    m_account = a->id;
    QList<NewTransaction> batch;
    for (int i = 0; i < 40; ++i)
        batch.append({m_account, i % 4 == 0 ? -250000 : -12000, QStringLiteral("Invoice %1").arg(i),
                      QStringLiteral("supplier_payment"), i % 2 ? QStringLiteral("Globex") : QStringLiteral("Initech"),
                      kNow - (40 - i) * kHourMs});
    QVERIFY(m_ledger->addTransactions(batch).isOk());
}

void TestRuleEditor::cleanup()
{
    backgroundPool()->waitForDone();
    m_ledger.reset();
}

void TestRuleEditor::buildPreviewSaveAndFlag()
{
    RulesDialog rules(*m_ledger);
    QCOMPARE(rules.table()->rowCount(), 0);
    // No rule to act on: the buttons for the selected rule are off, New… is on.
    for (const char* name : {"editRule", "duplicateRule", "deleteRule", "toggleRule"})
        QVERIFY2(!rules.findChild<QPushButton*>(QLatin1String(name))->isEnabled(), name);
    QVERIFY(rules.findChild<QPushButton*>(QStringLiteral("newRule"))->isEnabled());
    RuleEditorDialog editor(*m_ledger, std::nullopt, false, &rules);
    editor.show();
    type(editor.nameEdit(), QStringLiteral("Large payments to Initech"));
    QCOMPARE(editor.rows().size(), 1);
    RuleEditorDialog::Row row = editor.rows()[0];
    choose(row.field, QStringLiteral("amount"));
    choose(row.op, QStringLiteral(">="));
    type(row.value, QStringLiteral("2000.00"));
    QCOMPARE(row.extra->text(), QStringLiteral("EUR"));
    QTest::mouseClick(editor.findChild<QPushButton*>(QStringLiteral("addCondition")), Qt::LeftButton);
    QCOMPARE(editor.rows().size(), 2);
    row = editor.rows()[1];
    choose(row.field, QStringLiteral("counterparty"));
    choose(row.op, QStringLiteral("contains"));
    type(row.value, QStringLiteral("initech"));
    choose(editor.effectCombo(), QStringLiteral("flag:HIGH"));
    QTRY_VERIFY_WITH_TIMEOUT(!editor.previewPending(), 10000);
    // Payments 0, 4, .., 36 are 2,500.00 EUR; the even ones go to Initech: all ten.
    QVERIFY2(editor.previewCount()->text().contains(QStringLiteral("10 past transactions")),
             qPrintable(editor.previewCount()->text()));
    QCOMPARE(editor.previewTable()->rowCount(), 10);
    QSet<QString> previewed;
    for (int i = 0; i < editor.previewTable()->rowCount(); ++i) {
        QCOMPARE(editor.previewTable()->item(i, 2)->text(), QStringLiteral("Initech"));
        QVERIFY(editor.previewTable()->item(i, 3)->text().contains(QStringLiteral("2500.00 EUR")));
        previewed.insert(editor.previewTable()->item(i, 0)->text() + editor.previewTable()->item(i, 1)->text());
    }
    QVERIFY(editor.saveButton()->isEnabled());
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QCOMPARE(editor.result(), int(QDialog::Accepted));
    QVERIFY(editor.saved());
    QCOMPARE(editor.saved()->version, 1);
    rules.reload();
    QCOMPARE(rules.table()->rowCount(), 1);
    QCOMPARE(rules.table()->item(0, 0)->text(), QStringLiteral("Large payments to Initech"));
    QCOMPARE(rules.table()->item(0, 2)->text(), QStringLiteral("flag HIGH"));

    // The saved rule flags what the preview showed.
    DetectionPipelineOptions options;
    options.forest.trees = 10;
    options.scorePartProviders = defaultScorePartProviders(*m_ledger);
    DetectionPipeline pipeline(*m_ledger, options);
    QVERIFY(pipeline.runNow(true).isOk());
    auto page = m_ledger->anomalies(AnomalyFilter {}, PageRequest {});
    QVERIFY(page);
    int ruleCases = 0;
    for (const Anomaly& a : page->items)
        ruleCases += a.anomalyType == QLatin1String("rule") ? 1 : 0;
    QCOMPARE(ruleCases, 10);
    rules.reload();
    QCOMPARE(rules.table()->item(0, 3)->text(), QStringLiteral("10"));

    // A new matching transaction is flagged at once with the rule's name.
    QSignalSpy high(&pipeline, &DetectionPipeline::highRiskDetected);
    auto t = m_ledger->addTransaction({m_account, -300000, QStringLiteral("Server"), QStringLiteral("supplier_payment"),
                                       QStringLiteral("Initech"), kNow});
    QVERIFY(t);
    QTRY_COMPARE_WITH_TIMEOUT(high.size(), 1, 10000);
    auto a = m_ledger->anomalyForTransaction(t->id);
    QVERIFY(a);
    QCOMPARE(a->risk, Risk::High);
    QCOMPARE(a->explanation.first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Large payments to Initech"));
}

void TestRuleEditor::errorsBesideTheRow()
{
    RuleEditorDialog editor(*m_ledger, std::nullopt);
    editor.show();
    type(editor.nameEdit(), QStringLiteral("Patterns"));
    QTest::mouseClick(editor.findChild<QPushButton*>(QStringLiteral("addCondition")), Qt::LeftButton);
    RuleEditorDialog::Row row = editor.rows()[1];
    choose(row.field, QStringLiteral("description"));
    choose(row.op, QStringLiteral("regex"));
    type(row.value, QStringLiteral("(unclosed"));
    RuleEditorDialog::Row first = editor.rows()[0];
    type(first.value, QStringLiteral("10"));
    QTRY_VERIFY_WITH_TIMEOUT(!editor.previewPending(), 10000);
    QVERIFY(!editor.saveButton()->isEnabled());
    QVERIFY(row.error->isVisibleTo(&editor));
    QVERIFY2(row.error->text().startsWith(QStringLiteral("pattern: invalid regular expression")),
             qPrintable(row.error->text()));
    QVERIFY(!first.error->isVisibleTo(&editor));
    QVERIFY(editor.previewCount()->text().contains(QStringLiteral("Fix the fields")));
    type(row.value, QStringLiteral("^Invoice 3\\d$"));
    QTRY_VERIFY_WITH_TIMEOUT(!editor.previewPending(), 10000);
    QVERIFY(!row.error->isVisibleTo(&editor));
    QVERIFY(editor.saveButton()->isEnabled());
    QVERIFY2(editor.previewCount()->text().contains(QStringLiteral("10 past transactions")),
             qPrintable(editor.previewCount()->text()));
}

void TestRuleEditor::editKeepsTheRule()
{
    rules::RuleBook book(*m_ledger);
    auto saved = book.save(QJsonDocument::fromJson(R"({"name":"Night","condition":{"any":[
        {"field":"timeOfDay","from":"23:00","to":"05:00"},{"field":"weekday","in":[6,7]},
        {"field":"window","measure":"count","minutes":60,"op":">","value":5}]},
        "effect":{"type":"raise","weight":0.4}})")
                               .object(),
                           QStringLiteral("alice"));
    QVERIFY(saved);
    RuleEditorDialog editor(*m_ledger, *saved);
    QCOMPARE(editor.rows().size(), 3);
    QJsonObject json = editor.ruleJson();
    QCOMPARE(json.value("condition"), rules::toJson(*saved).value("condition"));
    QCOMPARE(json.value("effect"), rules::toJson(*saved).value("effect"));
    type(editor.nameEdit(), QStringLiteral("Night or weekend"));
    QTRY_VERIFY_WITH_TIMEOUT(!editor.previewPending(), 10000);
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QVERIFY(editor.saved());
    QCOMPARE(editor.saved()->id, saved->id);
    QCOMPARE(editor.saved()->version, 2);
}

void TestRuleEditor::fitsSmallScreens_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("1024x700") << QSize(1024, 700);
    QTest::newRow("1280x820") << QSize(1280, 820);
}

// The rules list and an editor with a full form fit the smallest supported window; with LG_SCREENSHOT_DIR set, both
// are saved there as PNG (for reading them under xvfb-run).
void TestRuleEditor::fitsSmallScreens()
{
    QFETCH(QSize, screen);
    RulesDialog rules(*m_ledger);
    QTest::mouseClick(rules.findChild<QPushButton*>(QStringLiteral("defaultRules")), Qt::LeftButton);
    QCOMPARE(rules.table()->rowCount(), 3);
    QVERIFY(rules.findChild<QPushButton*>(QStringLiteral("editRule"))->isEnabled()); // the first rule is selected
    rules.resize(std::min(screen.width(), 760), std::min(screen.height(), 420));
    rules.show();
    auto rule = rules::RuleBook(*m_ledger).rules()->first();
    RuleEditorDialog editor(*m_ledger, rule, false, &rules);
    QCOMPARE(editor.rows().size(), 2);
    QVERIFY2(editor.minimumSizeHint().width() <= screen.width() && editor.minimumSizeHint().height() <= screen.height(),
             qPrintable(
                 QStringLiteral("%1x%2").arg(editor.minimumSizeHint().width()).arg(editor.minimumSizeHint().height())));
    editor.resize(std::min(screen.width(), 900), std::min(screen.height() - 40, 640));
    editor.show();
    QTRY_VERIFY_WITH_TIMEOUT(!editor.previewPending(), 10000);
    for (const RuleEditorDialog::Row& row : editor.rows())
        QVERIFY(row.value->width() >= 60 || !row.value->isVisible());
    const QString dir = qEnvironmentVariable("LG_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        const QString size = QStringLiteral("%1x%2").arg(screen.width()).arg(screen.height());
        QVERIFY(rules.grab().save(dir + QStringLiteral("/rules-") + size + QStringLiteral(".png")));
        QVERIFY(editor.grab().save(dir + QStringLiteral("/rule-editor-") + size + QStringLiteral(".png")));
    }
}

QTEST_MAIN(TestRuleEditor)
#include "tst_ruleeditor.moc"
