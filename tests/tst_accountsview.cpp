// SPDX-License-Identifier: GPL-3.0-or-later
// AccountsView and NewAccountDialog offscreen: creating an account with an opening balance through the dialog (the
// core's field errors stay in the dialog), closing an account (refused with the reason at a non-zero balance),
// the closed account shown as closed and left out of the new-transaction form, and reopening it.
#include "LedgerTime.h"
#include "desktop_fixture.h"
#include "models/AccountTableModel.h"
#include "widgets/AccountsView.h"
#include "widgets/NewAccountDialog.h"
#include "widgets/NewTransactionView.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ledgerguard;

class TestAccountsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dialogCreatesAccountWithOpeningBalance();
    void dialogKeepsErrors();
    void newAccountButtonSelectsNewAccount();
    void closeAndReopen();
    void chartOfPastMonthsEndsAtTheNewestTransaction();

private:
    int rowOf(AccountsView& view, qint64 id) const
    {
        for (int r = 0; r < view.model()->rowCount(); ++r) {
            if (view.model()->accountAt(r).id == id)
                return r;
        }
        return -1;
    }
    uitest::DemoLedger m_demo;
};

void TestAccountsView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_demo.open(10));
}

void TestAccountsView::dialogCreatesAccountWithOpeningBalance()
{
    NewAccountDialog dialog(*m_demo.ledger);
    dialog.show();
    QTest::keyClicks(dialog.nameField(), QStringLiteral("Escrow"));
    dialog.typeField()->setCurrentIndex(dialog.typeField()->findData(int(AccountType::Savings)));
    dialog.currencyField()->clear();
    QTest::keyClicks(dialog.currencyField(), QStringLiteral("chf"));
    QCOMPARE(dialog.currencyField()->text(), QStringLiteral("CHF"));
    QTest::keyClicks(dialog.openingBalanceField(), QStringLiteral("12,500.25"));
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    auto a = m_demo.ledger->account(dialog.createdAccountId());
    QVERIFY(a.isOk());
    QCOMPARE(a->name, QStringLiteral("Escrow"));
    QCOMPARE(a->type, AccountType::Savings);
    QCOMPARE(a->currency, QStringLiteral("CHF"));
    QCOMPARE(a->balance, 1'250'025);
    QCOMPARE(a->transactionCount, 1);
}

void TestAccountsView::dialogKeepsErrors()
{
    const qsizetype before = m_demo.ledger->accounts()->size();
    NewAccountDialog dialog(*m_demo.ledger);
    dialog.show();
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    ok->click(); // no name
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.error().startsWith(QStringLiteral("Name:")), qPrintable(dialog.error()));
    QTest::keyClicks(dialog.nameField(), QStringLiteral("Float"));
    dialog.currencyField()->setText(QStringLiteral("XYZ"));
    ok->click();
    QVERIFY2(dialog.error().contains(QStringLiteral("XYZ")), qPrintable(dialog.error()));
    dialog.currencyField()->setText(QStringLiteral("EUR"));
    dialog.openingBalanceField()->setText(QStringLiteral("1.234"));
    ok->click();
    QVERIFY2(dialog.error().startsWith(QStringLiteral("Opening balance:")), qPrintable(dialog.error()));
    QVERIFY(dialog.isVisible());
    QCOMPARE(m_demo.ledger->accounts()->size(), before);
}

void TestAccountsView::newAccountButtonSelectsNewAccount()
{
    AccountsView view(*m_demo.ledger);
    view.resize(1280, 820);
    view.show();
    QTRY_VERIFY(view.model()->rowCount() > 0);
    QTimer::singleShot(0, this, [] {
        auto* dialog = qobject_cast<NewAccountDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->nameField()->setText(QStringLiteral("Payroll buffer"));
        dialog->currencyField()->setText(QStringLiteral("EUR"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    view.newAccountButton()->click();
    QCOMPARE(view.message(), QStringLiteral("Account created."));
    QTableView* table = view.findChild<QTableView*>();
    QTRY_VERIFY(table->currentIndex().isValid()
                && view.model()->accountAt(table->currentIndex().row()).name == QStringLiteral("Payroll buffer"));
}

void TestAccountsView::closeAndReopen()
{
    AccountsView view(*m_demo.ledger);
    view.show();
    QTRY_VERIFY(view.model()->rowCount() > 0);
    QTableView* table = view.findChild<QTableView*>();

    // An account with money on it cannot be closed: the reason is shown and nothing changes.
    const Account busy = m_demo.ledger->accounts()->front();
    QVERIFY(busy.balance != 0);
    table->selectRow(rowOf(view, busy.id));
    QCOMPARE(view.closeButton()->text(), QStringLiteral("Close account"));
    view.closeButton()->click();
    QVERIFY2(view.message().contains(QStringLiteral("zero balance")), qPrintable(view.message()));
    QVERIFY(!m_demo.ledger->account(busy.id)->closedAt);

    auto empty
        = m_demo.ledger->createAccount({QStringLiteral("Old deposit"), AccountType::Savings, QStringLiteral("EUR")});
    QVERIFY(empty.isOk());
    QTRY_VERIFY(rowOf(view, empty->id) >= 0);
    table->selectRow(rowOf(view, empty->id));
    view.closeButton()->click();
    QVERIFY(m_demo.ledger->account(empty->id)->closedAt.has_value());
    QTRY_VERIFY(view.model()->accountAt(rowOf(view, empty->id)).closedAt.has_value());
    const int row = rowOf(view, empty->id);
    QCOMPARE(view.model()->data(view.model()->index(row, AccountTableModel::Name)).toString(),
             QStringLiteral("Old deposit (closed)"));
    QTRY_COMPARE(view.closeButton()->text(), QStringLiteral("Reopen account"));

    // The new-transaction form offers only open accounts.
    NewTransactionView form(*m_demo.ledger);
    form.show();
    QTRY_VERIFY(form.accountField()->count() > 0);
    QCOMPARE(form.accountField()->findData(empty->id), -1);
    QVERIFY(form.accountField()->findData(busy.id) >= 0);

    view.closeButton()->click();
    QVERIFY(!m_demo.ledger->account(empty->id)->closedAt);
    QCOMPARE(view.message(), QStringLiteral("Account reopened."));
    QTRY_COMPARE(view.closeButton()->text(), QStringLiteral("Close account"));
}

QTEST_MAIN(TestAccountsView)
// An account of last year's statements: its 90 days end at its newest transaction's day, and the title says so.
void TestAccountsView::chartOfPastMonthsEndsAtTheNewestTransaction()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.filePath(QStringLiteral("history.sqlite")));
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    auto a = (*ledger)->createAccount({QStringLiteral("Giro"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(a.isOk());
    const qint64 newest = (QDateTime::currentMSecsSinceEpoch() / kDayMs - 400) * kDayMs + 12 * 3600'000;
    for (qint64 when : {newest - 30 * kDayMs, newest}) {
        NewTransaction t;
        t.accountId = a->id;
        t.amount = 100'00;
        t.description = QStringLiteral("Invoice");
        t.category = QStringLiteral("customer_receipt");
        t.timestamp = when;
        QVERIFY((*ledger)->addTransaction(t).isOk());
    }
    AccountsView view(**ledger);
    view.resize(1280, 820);
    view.show();
    QSignalSpy shown(&view, &AccountsView::chartShown);
    view.selectAccount(a->id);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
    const QString title = view.chart()->chart()->title();
    QVERIFY2(title.contains(QStringLiteral("(the newest transaction)")), qPrintable(title));
    auto* line = qobject_cast<QLineSeries*>(view.chart()->chart()->series().value(0));
    QVERIFY(line);
    QCOMPARE(line->points().last().y(), 200.0); // in major units: both invoices
    // Its statement lines have a date only: shown as that date, never as a time of day the file did not state.
    const QLocale locale;
    const QDate day = QDateTime::fromMSecsSinceEpoch(newest, Qt::UTC).date();
    QCOMPARE(bookingTime(locale, newest), locale.toString(day, QLocale::ShortFormat));
    QCOMPARE(bookingTime(locale, newest + 1), shortLocalTime(locale, newest + 1));
}

#include "tst_accountsview.moc"
