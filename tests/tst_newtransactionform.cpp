// SPDX-License-Identifier: GPL-3.0-or-later
// The new-transaction form driven with QTest key events: validation as you type (amount in the user's locale,
// each error beside its field once edited, Save enabled only when valid, a hint naming what is missing), saving
// through the core with a confirmation and the new balance, and the core's errors shown.
#include "desktop_fixture.h"
#include "money/Money.h"
#include "widgets/NewTransactionView.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ledgerguard;

class TestNewTransactionForm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void freshForm();
    void amountValidation_data();
    void amountValidation();
    void descriptionValidation();
    void hostileTextShowsFieldError();
    void saveUpdatesBalance();
    void nowMeansWhenSaved();
    void amountLimitInCurrency();
    void categoriesSortedOtherFirstChoice();

private:
    uitest::DemoLedger m_demo;
    std::unique_ptr<NewTransactionView> m_form;
};

void TestNewTransactionForm::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_demo.open(20));
}

void TestNewTransactionForm::init()
{
    m_form = std::make_unique<NewTransactionView>(*m_demo.ledger);
    m_form->show();
}

void TestNewTransactionForm::freshForm()
{
    QVERIFY(!m_form->saveButton()->isEnabled());
    QVERIFY(m_form->errorFor(QStringLiteral("amount")).isEmpty()); // nothing typed yet, nothing wrong yet
    QCOMPARE(m_form->hint(), QStringLiteral("To save, complete: Amount, Description"));
    // The account chooser shows each account's balance.
    const Account first = m_demo.ledger->accounts()->first();
    QVERIFY(m_form->accountField()->currentText().contains(Money(first.balance, first.currency).format(QLocale())));
}

void TestNewTransactionForm::amountValidation_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("errorContains");
    QTest::addRow("grouped with decimals") << QStringLiteral("-1,234.50") << true << QString();
    QTest::addRow("plain") << QStringLiteral("42") << true << QString();
    QTest::addRow("too many decimals") << QStringLiteral("12.345") << false << QStringLiteral("decimal");
    QTest::addRow("letters") << QStringLiteral("12a") << false << QString();
}

void TestNewTransactionForm::amountValidation()
{
    QFETCH(QString, typed);
    QFETCH(bool, valid);
    QFETCH(QString, errorContains);
    QTest::keyClicks(m_form->descriptionField(), QStringLiteral("Office chairs"));
    QTest::keyClicks(m_form->amountField(), typed);
    const QString error = m_form->errorFor(QStringLiteral("amount"));
    QCOMPARE(error.isEmpty(), valid);
    if (!errorContains.isEmpty())
        QVERIFY2(error.contains(errorContains), qPrintable(error));
    QCOMPARE(m_form->saveButton()->isEnabled(), valid);
    QCOMPARE(m_form->hint().isEmpty(), valid);
}

void TestNewTransactionForm::descriptionValidation()
{
    QTest::keyClicks(m_form->amountField(), QStringLiteral("10"));
    QCOMPARE(m_form->hint(), QStringLiteral("To save, complete: Description"));
    QTest::keyClicks(m_form->descriptionField(), QStringLiteral("x"));
    QVERIFY(m_form->saveButton()->isEnabled());
    QTest::keyClick(m_form->descriptionField(), Qt::Key_Backspace);
    QVERIFY(!m_form->errorFor(QStringLiteral("description")).isEmpty()); // beside its field
    QVERIFY(!m_form->saveButton()->isEnabled());
    QTest::keyClicks(m_form->descriptionField(), QString(kMaxDescriptionLength + 1, QLatin1Char('a')));
    QVERIFY(!m_form->errorFor(QStringLiteral("description")).isEmpty());
    QVERIFY(!m_form->saveButton()->isEnabled());
    // Enter on an invalid form saves nothing and shows every field's error.
    QSignalSpy saved(m_form.get(), &NewTransactionView::transactionSaved);
    QTest::keyClick(m_form->amountField(), Qt::Key_Return);
    QCOMPARE(saved.count(), 0);
}

// Pasted text with a right-to-left override or only zero-width spaces is refused beside its field (util/Text.h).
void TestNewTransactionForm::hostileTextShowsFieldError()
{
    QTest::keyClicks(m_form->amountField(), QStringLiteral("10"));
    m_form->descriptionField()->insert(QStringLiteral("Invoice ") + QChar(0x202E) + QStringLiteral("99.01"));
    QVERIFY2(m_form->errorFor(QStringLiteral("description")).contains(QStringLiteral("U+202E")),
             qPrintable(m_form->errorFor(QStringLiteral("description"))));
    QVERIFY(!m_form->saveButton()->isEnabled());
    m_form->descriptionField()->clear();
    QTest::keyClicks(m_form->descriptionField(), QStringLiteral("Invoice"));
    m_form->counterpartyField()->insert(QString(2, QChar(0x200B)));
    QVERIFY2(m_form->errorFor(QStringLiteral("counterparty")).contains(QStringLiteral("visible")),
             qPrintable(m_form->errorFor(QStringLiteral("counterparty"))));
    QVERIFY(!m_form->saveButton()->isEnabled());
    QSignalSpy saved(m_form.get(), &NewTransactionView::transactionSaved);
    QTest::keyClick(m_form->descriptionField(), Qt::Key_Return);
    QCOMPARE(saved.count(), 0);
    m_form->counterpartyField()->clear();
    QVERIFY(m_form->saveButton()->isEnabled());
}

void TestNewTransactionForm::saveUpdatesBalance()
{
    const qint64 accountId = m_form->accountField()->currentData().toLongLong();
    const qint64 before = m_demo.ledger->account(accountId)->balance;
    QTest::keyClicks(m_form->amountField(), QStringLiteral("-1,234.50"));
    QTest::keyClicks(m_form->counterpartyField(), QStringLiteral("Chair Co"));
    QTest::keyClicks(m_form->descriptionField(), QStringLiteral("Office chairs"));
    QVERIFY(m_form->saveButton()->isEnabled());
    QSignalSpy saved(m_form.get(), &NewTransactionView::transactionSaved);
    QTest::keyClick(m_form->descriptionField(), Qt::Key_Return);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(m_demo.ledger->account(accountId)->balance, before - 123450);
    auto t = m_demo.ledger->transaction(saved.first().at(0).toString());
    QVERIFY(t.isOk());
    QCOMPARE(t->counterparty, QStringLiteral("Chair Co"));
    QCOMPARE(t->source, Source::Manual);
    QVERIFY(m_form->confirmation().startsWith(QStringLiteral("Saved")));
    QVERIFY(m_form->confirmation().contains(Money(before - 123450, QStringLiteral("EUR")).format(QLocale())));
    // A fresh form, with the chooser showing the new balance at once.
    QVERIFY(m_form->amountField()->text().isEmpty());
    QVERIFY(!m_form->saveButton()->isEnabled());
    QVERIFY(m_form->errorFor(QStringLiteral("amount")).isEmpty());
    QVERIFY(m_form->accountField()->currentText().contains(
        Money(before - 123450, QStringLiteral("EUR")).format(QLocale())));
}

void TestNewTransactionForm::nowMeansWhenSaved()
{
    // Opened, then filled in over three minutes: the entry is booked when Save is pressed.
    m_demo.clock.advanceMs(3 * 60 * 1000 + 14 * 1000);
    QTest::keyClicks(m_form->amountField(), QStringLiteral("-12.00"));
    QTest::keyClicks(m_form->descriptionField(), QStringLiteral("Parking"));
    QSignalSpy saved(m_form.get(), &NewTransactionView::transactionSaved);
    QTest::keyClick(m_form->descriptionField(), Qt::Key_Return);
    QCOMPARE(saved.count(), 1);
    auto first = m_demo.ledger->transaction(saved.at(0).at(0).toString());
    QVERIFY(first.isOk());
    QCOMPARE(first->timestamp, m_demo.clock.nowMs());
    // The confirmation's balance is the booked row's running balance (it is the account's latest row).
    QVERIFY2(m_form->confirmation().contains(Money(first->runningBalance, QStringLiteral("EUR")).format(QLocale())),
             qPrintable(m_form->confirmation()));
    // Starting the next entry removes the confirmation.
    QTest::keyClicks(m_form->amountField(), QStringLiteral("5"));
    QVERIFY(m_form->confirmation().isEmpty());

    // A time the analyst chose is kept, however long the form stays open.
    auto* when = m_form->findChild<QDateTimeEdit*>();
    QVERIFY(when);
    const QDateTime chosen = QDateTime::fromMSecsSinceEpoch(m_demo.clock.nowMs() - 86400000).toLocalTime();
    when->setDateTime(chosen);
    m_demo.clock.advanceMs(120 * 1000);
    QTest::keyClicks(m_form->descriptionField(), QStringLiteral("Yesterday's taxi"));
    QTest::keyClick(m_form->descriptionField(), Qt::Key_Return);
    QCOMPARE(saved.count(), 2);
    auto second = m_demo.ledger->transaction(saved.at(1).at(0).toString());
    QVERIFY(second.isOk());
    QCOMPARE(second->timestamp, chosen.toMSecsSinceEpoch() / 1000 * 1000);
}

void TestNewTransactionForm::categoriesSortedOtherFirstChoice()
{
    QComboBox* categories = m_form->categoryField();
    QCOMPARE(categories->currentData().toString(), QStringLiteral("other"));
    QStringList names;
    for (int i = 0; i < categories->count(); ++i)
        names << categories->itemText(i);
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end(),
              [](const QString& a, const QString& b) { return a.localeAwareCompare(b) < 0; });
    QCOMPARE(names, sorted);
}

void TestNewTransactionForm::amountLimitInCurrency()
{
    QTest::keyClicks(m_form->descriptionField(), QStringLiteral("Too much"));
    QTest::keyClicks(m_form->amountField(), QStringLiteral("20000000000"));
    const QString error = m_form->errorFor(QStringLiteral("amount"));
    QVERIFY2(error.contains(QStringLiteral("EUR")) && !error.contains(QStringLiteral("minor units")),
             qPrintable(error));
}

QTEST_MAIN(TestNewTransactionForm)
#include "tst_newtransactionform.moc"
