// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TransactionsView.h"

#include "ledger/Ledger.h"
#include "models/TransactionTableModel.h"
#include "money/Money.h"
#include "widgets/RiskBadgeDelegate.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>

namespace ledgerguard {

namespace {

QString csvField(QString s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))) {
        s.replace(QLatin1Char('"'), QLatin1String("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}

} // namespace

TransactionsView::TransactionsView(Ledger& ledger, QWidget* parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_model(new TransactionTableModel(ledger, this))
    , m_table(new QTableView(this))
    , m_account(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_text(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_risk(new QComboBox(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("TransactionsView"));
    m_period->addItem(tr("All time"), 0);
    m_period->addItem(tr("Today"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("This month"), -1);
    m_period->addItem(tr("Custom"), -2);
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDate(QDate::currentDate());
        d->setVisible(false);
    }
    m_from->setDate(QDate::currentDate().addDays(-30));
    m_text->setPlaceholderText(tr("Search description or counterparty (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_category->addItem(tr("All categories"));
    for (Category c : allCategories())
        m_category->addItem(categoryLabel(c), int(c));
    m_risk->addItem(tr("Any risk"));
    for (Risk r : {Risk::High, Risk::Medium, Risk::Low})
        m_risk->addItem(riskName(r), int(r));
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_account);
    filters->addWidget(m_period);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_category);
    filters->addWidget(m_risk);
    filters->addWidget(exportButton);

    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(TransactionTableModel::Risk,
                                      new RiskBadgeDelegate(TransactionTableModel::RiskRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TransactionTableModel::Time, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TransactionTableModel::Description, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("Transactions"), this);
    title->setObjectName(QStringLiteral("viewTitle"));
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);

    refreshAccounts();
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(debounce, &QTimer::timeout, this, &TransactionsView::applyFilter);
    connect(m_text, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    for (QComboBox* c : {m_account, m_period, m_category, m_risk})
        connect(c, &QComboBox::currentIndexChanged, this, &TransactionsView::applyFilter);
    connect(m_from, &QDateEdit::dateChanged, this, &TransactionsView::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &TransactionsView::applyFilter);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TransactionsView::updateSummary);
    connect(&m_ledger, &Ledger::accountsChanged, this, &TransactionsView::refreshAccounts);
    connect(m_model, &TransactionTableModel::loadFailed, this,
            [this](const QString& message) { QMessageBox::warning(this, tr("Transactions"), message); });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export transactions"),
                                                          QStringLiteral("transactions.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!exportCsv(path, &error))
            QMessageBox::critical(this, tr("Export failed"), error);
    });
    updateSummary();
}

void TransactionsView::refreshAccounts()
{
    const QVariant current = m_account->currentData();
    QSignalBlocker block(m_account);
    m_account->clear();
    m_account->addItem(tr("All accounts"));
    if (auto accounts = m_ledger.accounts()) {
        for (const Account& a : *accounts)
            m_account->addItem(a.name, a.id);
    }
    const int i = m_account->findData(current);
    m_account->setCurrentIndex(i < 0 ? 0 : i);
}

void TransactionsView::applyFilter()
{
    TransactionFilter f = m_model->filter();
    f.accountId
        = m_account->currentData().isValid() ? std::optional(m_account->currentData().toLongLong()) : std::nullopt;
    f.text = m_text->text();
    f.category = m_category->currentData().isValid() ? std::optional(Category(m_category->currentData().toInt()))
                                                     : std::nullopt;
    f.risk = m_risk->currentData().isValid() ? std::optional(Risk(m_risk->currentData().toInt())) : std::nullopt;
    const int period = m_period->currentData().toInt();
    const bool custom = period == -2;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    const QDate today = QDate::currentDate();
    auto startOf = [](QDate d) { return d.startOfDay().toMSecsSinceEpoch(); };
    f.fromMs.reset();
    f.toMs.reset();
    if (period > 0) {
        f.fromMs = startOf(today.addDays(1 - period));
    } else if (period == -1) {
        f.fromMs = startOf(QDate(today.year(), today.month(), 1));
    } else if (custom) {
        f.fromMs = startOf(m_from->date());
        f.toMs = startOf(m_to->date().addDays(1));
    }
    m_model->setFilter(f);
}

void TransactionsView::updateSummary()
{
    const qint64 n = m_model->totalCount();
    m_summary->setText(n < 0 ? tr("Could not count the transactions")
                             : tr("%1 transactions").arg(QLocale().toString(n)));
}

void TransactionsView::focusFilter()
{
    m_text->setFocus();
    m_text->selectAll();
}

void TransactionsView::showAccount(qint64 accountId)
{
    const int i = m_account->findData(accountId);
    if (i >= 0)
        m_account->setCurrentIndex(i);
}

bool TransactionsView::exportCsv(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "id,timestamp_utc,account_id,amount,currency,description,counterparty,category,running_balance,source,"
           "anomaly_score,risk\n";
    PageRequest page {kMaxPageSize, {}};
    for (;;) {
        auto p = m_ledger.transactions(m_model->filter(), page);
        if (!p) {
            *error = p.status().toString();
            return false;
        }
        for (const Transaction& t : p->items) {
            out << t.id << ',' << QDateTime::fromMSecsSinceEpoch(t.timestamp, Qt::UTC).toString(Qt::ISODateWithMs)
                << ',' << t.accountId << ',' << Money(t.amount, t.currency).toDecimalString() << ',' << t.currency
                << ',' << csvField(t.description) << ',' << csvField(t.counterparty) << ',' << categoryKey(t.category)
                << ',' << Money(t.runningBalance, t.currency).toDecimalString() << ',' << sourceKey(t.source) << ','
                << (t.anomalyScore ? QString::number(*t.anomalyScore, 'f', 4) : QString()) << ','
                << (t.risk ? riskName(*t.risk) : QString()) << '\n';
        }
        if (p->nextCursor.isEmpty())
            break;
        page.cursor = p->nextCursor;
    }
    out.flush();
    if (file.error() != QFile::NoError) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace ledgerguard
