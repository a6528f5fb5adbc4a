// SPDX-License-Identifier: GPL-3.0-or-later
// The new-transaction form driven with QTest key events: validation as you type (amount in the user's locale,
// each error beside its field once edited, Save enabled only when valid, a hint naming what is missing), saving
// through the core with a confirmation and the new balance, and the core's errors shown.
#include "desktop_fixture.h"
#include "money/Money.h"
#include "widgets/NewTransactionView.h"

#include <QComboBox>
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

QTEST_MAIN(TestNewTransactionForm)
#include "tst_newtransactionform.moc"
