// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TransactionsView.h"

#include "Actor.h"
#include "Background.h"
#include "LedgerTime.h"
#include "export/CsvWriter.h"
#include "ledger/Ledger.h"
#include "models/TransactionTableModel.h"
#include "money/Money.h"
#include "util/Plural.h"
#include "widgets/AccountChooser.h"
#include "widgets/ColumnFit.h"
#include "widgets/CsvExportButton.h"
#include "widgets/RiskBadgeDelegate.h"
#include "widgets/RowCountLabel.h"
#include "widgets/SortHeader.h"
#include "widgets/TableSelection.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ledgerguard {

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
    , m_summary(new RowCountLabel(
          [this]() -> std::function<Result<qint64>()> {
              const Ledger* ledger = &m_ledger;
              return [ledger, filter = m_model->filter()] { return ledger->countTransactions(filter); };
          },
          {tr("%n transaction"), tr("%n transactions"), tr("Could not count the transactions: %1")}, this))
    , m_exportButton(new CsvExportButton(
          tr("Export transactions"), QStringLiteral("transactions.csv"),
          [this](const QString& path) -> std::function<Status()> {
              const Ledger* ledger = &m_ledger;
              return [ledger, filter = m_model->filter(), path] { return writeTransactionsCsv(*ledger, filter, path); };
          },
          this))
    , m_labelMessage(new QLabel(this))
    , m_label(new QFutureWatcher<LabelOutcome>(this))
{
    setObjectName(QStringLiteral("TransactionsView"));
    setUpFilters();
    setUpTable();
    setUpLayout();
    connectFilters();
    connectModel();
    connectWorkers();
    refreshAccounts();
    m_summary->recount(true);
}

void TransactionsView::setUpFilters()
{
    m_period->addItem(tr("All time"), 0);
    m_period->addItem(tr("Today"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("This month"), -1);
    m_period->addItem(tr("Custom"), -2);
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDate(ledgerToday(m_ledger));
        d->setVisible(false);
    }
    m_from->setDate(ledgerToday(m_ledger).addDays(-30));
    // A custom range is never inverted: "from" cannot pass "to" and "to" cannot precede "from".
    m_from->setMaximumDate(m_to->date());
    m_to->setMinimumDate(m_from->date());
    m_from->setToolTip(tr("First day of the range (at most the last day)"));
    m_to->setToolTip(tr("Last day of the range (at least the first day)"));
    connect(m_from, &QDateEdit::dateChanged, m_to, &QDateEdit::setMinimumDate);
    connect(m_to, &QDateEdit::dateChanged, m_from, &QDateEdit::setMaximumDate);
    m_text->setPlaceholderText(tr("Search text (Ctrl+F)"));
    m_text->setToolTip(tr("Finds the text in the description or counterparty (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_category->addItem(tr("All categories"));
    for (Category c : allCategories())
        m_category->addItem(categoryLabel(c), int(c));
    m_risk->addItem(tr("Any risk"));
    for (Risk r : {Risk::High, Risk::Medium, Risk::Low})
        m_risk->addItem(riskName(r), int(r));
}

void TransactionsView::setUpTable()
{
    m_table->setModel(m_model);
    SortHeader::install(m_table)->setSortableSections({TransactionTableModel::Time, TransactionTableModel::Amount});
    m_table->setItemDelegateForColumn(TransactionTableModel::Risk,
                                      new RiskBadgeDelegate(TransactionTableModel::RiskRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TransactionTableModel::Time, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    using C = TransactionTableModel::Column;
    fitColumns(m_table,
               {{C::Time, C::Amount, C::RunningBalance, C::Risk},
                C::Description,
                9,
                {C::Account, C::Counterparty, C::Category},
                6});
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
}

void TransactionsView::setUpLayout()
{
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_account);
    filters->addWidget(m_period);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_category);
    filters->addWidget(m_risk);
    filters->addWidget(m_exportButton);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("Transactions"), this);
    title->setObjectName(QStringLiteral("viewTitle"));
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_summary);
    bottom->addStretch(1);
    m_labelMessage->setObjectName(QStringLiteral("labelMessage"));
    bottom->addWidget(m_labelMessage);
    layout->addLayout(bottom);
}

void TransactionsView::connectFilters()
{
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(debounce, &QTimer::timeout, this, &TransactionsView::applyFilter);
    connect(m_text, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    for (QComboBox* c : {m_account, m_period, m_category, m_risk})
        connect(c, &QComboBox::currentIndexChanged, this, &TransactionsView::applyFilter);
    connect(m_from, &QDateEdit::dateChanged, this, &TransactionsView::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &TransactionsView::applyFilter);
    connect(&m_ledger, &Ledger::accountsChanged, this, [this] { refreshAccounts(); });
}

void TransactionsView::connectModel()
{
    // A new sort order or filter may take a moment on a large ledger (sorting by amount is a full sort of the
    // filtered rows, on a worker): the table shows a busy cursor until its first page arrives.
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &TransactionsView::showBusy);
    connect(m_model, &TransactionTableModel::loaded, this, [this] {
        if (!m_model->isLoading())
            m_table->viewport()->unsetCursor();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_summary->recount(m_filterChanged);
        m_filterChanged = false;
    });
    // Live reloads keep the selected transactions selected.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_keep = tableSelection(m_table, [this](int row) { return m_model->transactionAt(row).id; }); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        restoreTableSelection(m_table, m_keep, [this](int row) { return m_model->transactionAt(row).id; });
    });
    connect(m_model, &TransactionTableModel::loadFailed, this,
            [this](const QString& message) { QMessageBox::warning(this, tr("Transactions"), message); });
}

void TransactionsView::connectWorkers()
{
    connect(m_summary, &RowCountLabel::countChanged, this, &TransactionsView::summaryChanged);
    connect(m_table, &QWidget::customContextMenuRequested, this, &TransactionsView::showContextMenu);
    connect(m_label, &QFutureWatcherBase::finished, this, [this] {
        m_labelling = false;
        const LabelOutcome outcome = m_label->result();
        if (!outcome.summary) {
            const QString message
                = tr("The transactions could not be marked: %1").arg(outcome.summary.status().message());
            m_labelMessage->clear();
            auto* box = new QMessageBox(QMessageBox::Critical, tr("Transactions"), message, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            Q_EMIT labelFinished(false, message);
            return;
        }
        const bool fraud = outcome.label == Label::Fraud;
        const QString what = fraud ? plural(outcome.count, tr("%n transaction marked as fraud (a confirmed case)"),
                                            tr("%n transactions marked as fraud (confirmed cases)"))
                                   : plural(outcome.count, tr("%n transaction marked as normal (a dismissed case)"),
                                            tr("%n transactions marked as normal (dismissed cases)"));
        m_labelMessage->setText(what);
        Q_EMIT labelFinished(true, what);
    });
    connect(m_exportButton, &CsvExportButton::started, this, &TransactionsView::exportStarted);
    connect(m_exportButton, &CsvExportButton::finished, this, &TransactionsView::exportFinished);
}

void TransactionsView::exportWithDialog()
{
    m_exportButton->startWithDialog();
}

bool TransactionsView::isExporting() const
{
    return m_exportButton->isRunning();
}

bool TransactionsView::startExport(const QString& path)
{
    return m_exportButton->start(path);
}

TransactionsView::~TransactionsView()
{
    // The labels are written through the Ledger, which outlives this view.
    m_label->waitForFinished();
}

QStringList TransactionsView::selectedIds() const
{
    return tableSelection(m_table, [this](int row) { return m_model->transactionAt(row).id; }).ids;
}

void TransactionsView::markSelected(Label label)
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || m_labelling)
        return;
    QList<LabelRequest> requests;
    const qint64 now = m_ledger.clock().nowMs();
    const QString actor = operatingSystemUser();
    for (const QString& id : ids) {
        LabelRequest r;
        r.transactionId = id;
        r.label = label;
        r.decidedAt = now;
        r.actor = actor;
        requests.append(r);
    }
    m_labelling = true;
    m_labelMessage->setText(tr("Marking…"));
    m_label->setFuture(runInBackground([ledger = &m_ledger, requests, label] {
        return LabelOutcome {ledger->labelTransactions(requests), label, requests.size()};
    }));
}

void TransactionsView::showContextMenu(const QPoint& pos)
{
    if (!m_table->indexAt(pos).isValid())
        return;
    const qsizetype n = selectedIds().size();
    QMenu menu(this);
    QAction* fraud = menu.addAction(n > 1 ? tr("Mark %1 transactions as fraud").arg(n) : tr("Mark as fraud"), this,
                                    [this] { markSelected(Label::Fraud); });
    QAction* normal = menu.addAction(n > 1 ? tr("Mark %1 transactions as normal").arg(n) : tr("Mark as normal"), this,
                                     [this] { markSelected(Label::Normal); });
    fraud->setObjectName(QStringLiteral("markFraudAction"));
    normal->setObjectName(QStringLiteral("markNormalAction"));
    fraud->setToolTip(tr("A confirmed case: fraud the detector may have missed"));
    normal->setToolTip(tr("A dismissed case: the transaction is fine"));
    for (QAction* a : {fraud, normal})
        a->setEnabled(n > 0 && !m_labelling);
    menu.addSeparator();
    const Transaction row = m_model->transactionAt(m_table->indexAt(pos).row());
    QAction* reverse
        = menu.addAction(tr("Reverse transaction…"), this, [this, id = row.id] { reverseTransaction(id); });
    reverse->setObjectName(QStringLiteral("reverseTransactionAction"));
    reverse->setEnabled(row.reverses.isEmpty() && row.reversedBy.isEmpty());
    reverse->setToolTip(row.reversedBy.isEmpty() ? row.reverses.isEmpty()
                                ? tr("Book a reversing entry; the transaction stays unchanged")
                                : tr("A reversal cannot be reversed")
                                                 : tr("Already reversed"));
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void TransactionsView::reverseTransaction(const QString& id)
{
    auto t = m_ledger.transaction(id);
    if (!t) {
        Q_EMIT reversalFinished(false, t.status().message());
        return;
    }
    const QLocale locale;
    QMessageBox confirm(QMessageBox::Question, tr("Reverse transaction"),
                        tr("Reverse “%1” of %2 (%3)?")
                            .arg(t->description, Money(t->amount, t->currency).formatWithCurrency(locale),
                                 bookingTime(locale, t->timestamp)),
                        QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("confirmReversal"));
    confirm.setInformativeText(tr("A reversing entry of %1 is booked now in the same account; the original "
                                  "transaction stays as it is. A transaction can be reversed once.")
                                   .arg(Money(-t->amount, t->currency).formatWithCurrency(locale)));
    QPushButton* yes = confirm.addButton(tr("Reverse"), QMessageBox::AcceptRole);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.exec();
    if (confirm.clickedButton() != yes)
        return;
    auto reversal = m_ledger.reverseTransaction(id, Source::Manual);
    if (!reversal) {
        const QString message = tr("The transaction could not be reversed: %1").arg(reversal.status().message());
        auto* box = new QMessageBox(QMessageBox::Critical, tr("Transactions"), message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT reversalFinished(false, message);
        return;
    }
    const QString message
        = tr("Reversed: %1 booked as “%2”.")
              .arg(Money(reversal->amount, reversal->currency).formatWithCurrency(locale), reversal->description);
    m_labelMessage->setText(message);
    Q_EMIT reversalFinished(true, message);
}

QString TransactionsView::summary() const
{
    return m_summary->text();
}

bool TransactionsView::isCounting() const
{
    return m_summary->isCounting();
}

void TransactionsView::refreshAccounts(bool force)
{
    m_accountsStale = !force && !isVisible();
    if (m_accountsStale)
        return;
    if (auto accounts = m_ledger.accounts())
        fillAccountChooser(m_account, *accounts, tr("All accounts"));
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
    const QDate today = ledgerToday(m_ledger);
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
    m_filterChanged = true;
    m_labelMessage->clear();
    m_model->setFilter(f);
    showBusy();
}

void TransactionsView::showBusy()
{
    if (m_model->isLoading())
        m_table->viewport()->setCursor(Qt::BusyCursor);
}

void TransactionsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_accountsStale)
        refreshAccounts();
}

void TransactionsView::focusFilter()
{
    m_text->setFocus();
    m_text->selectAll();
}

void TransactionsView::showAccount(qint64 accountId)
{
    if (m_accountsStale)
        refreshAccounts(true);
    const int i = m_account->findData(accountId);
    if (i >= 0)
        m_account->setCurrentIndex(i);
}

} // namespace ledgerguard
