// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/MainWindow.h"

#include "ledger/Ledger.h"
#include "money/Money.h"

#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ledgerguard {

namespace {

QTableWidgetItem* item(const QString& text, bool number = false)
{
    auto* it = new QTableWidgetItem(text);
    if (number)
        it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return it;
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

MainWindow::MainWindow(Ledger& ledger, QWidget* parent)
    : QMainWindow(parent)
    , m_ledger(ledger)
{
    setWindowTitle(tr("LedgerGuard — %1").arg(ledger.database()->path()));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_accounts = makeTable({tr("Account"), tr("Type"), tr("Currency"), tr("Balance"), tr("Transactions")}, splitter);
    m_transactions = makeTable(
        {tr("Time"), tr("Account"), tr("Description"), tr("Category"), tr("Amount"), tr("Running balance")}, splitter);
    setCentralWidget(splitter);
    statusBar()->showMessage(ledger.database()->path());
    connect(&m_ledger, &Ledger::accountChanged, this, &MainWindow::onLedgerChanged);
    connect(&m_ledger, &Ledger::accountsChanged, this, &MainWindow::onLedgerChanged);
    resize(1100, 700);
    onLedgerChanged();
}

void MainWindow::onLedgerChanged()
{
    const QLocale locale;
    auto accounts = m_ledger.accounts();
    if (!accounts) {
        QMessageBox::critical(this, tr("LedgerGuard"), accounts.status().toString());
        return;
    }
    QHash<qint64, QString> names;
    m_accounts->setRowCount(int(accounts->size()));
    for (int r = 0; r < accounts->size(); ++r) {
        const Account& a = accounts->at(r);
        names.insert(a.id, a.name);
        m_accounts->setItem(r, 0, item(a.name));
        m_accounts->setItem(r, 1, item(accountTypeLabel(a.type)));
        m_accounts->setItem(r, 2, item(a.currency));
        m_accounts->setItem(r, 3, item(Money(a.balance, a.currency).format(locale), true));
        m_accounts->setItem(r, 4, item(locale.toString(a.transactionCount), true));
    }
    auto page = m_ledger.transactions({}, {200, {}});
    if (!page) {
        QMessageBox::critical(this, tr("LedgerGuard"), page.status().toString());
        return;
    }
    m_transactions->setRowCount(int(page->items.size()));
    for (int r = 0; r < page->items.size(); ++r) {
        const Transaction& t = page->items.at(r);
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(t.timestamp).toLocalTime();
        m_transactions->setItem(r, 0, item(locale.toString(when, QLocale::ShortFormat)));
        m_transactions->setItem(r, 1, item(names.value(t.accountId)));
        m_transactions->setItem(r, 2, item(t.description));
        m_transactions->setItem(r, 3, item(categoryLabel(t.category)));
        m_transactions->setItem(r, 4, item(Money(t.amount, t.currency).format(locale), true));
        m_transactions->setItem(r, 5, item(Money(t.runningBalance, t.currency).format(locale), true));
    }
    m_accounts->resizeColumnsToContents();
    m_transactions->resizeColumnsToContents();
}

} // namespace ledgerguard
