// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AnomaliesView.h"

#include "Actor.h"
#include "Background.h"
#include "LedgerTime.h"
#include "export/CsvWriter.h"
#include "ledger/Ledger.h"
#include "models/AnomalyTableModel.h"
#include "util/Plural.h"
#include "widgets/AccountChooser.h"
#include "widgets/CasePane.h"
#include "widgets/ColumnFit.h"
#include "widgets/CsvExportButton.h"
#include "widgets/RiskBadgeDelegate.h"
#include "widgets/RowCountLabel.h"
#include "widgets/SortHeader.h"
#include "widgets/TableSelection.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace ledgerguard {

QKeySequence AnomaliesView::shortcut(Review review)
{
    switch (review) {
    case Review::Confirm:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    case Review::Dismiss:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D);
    case Review::Reopen:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O);
    case Review::Assign:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
    }
    return {};
}

AnomaliesView::AnomaliesView(Ledger& ledger, QWidget* parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_model(new AnomalyTableModel(ledger, this))
    , m_table(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_risk(new QComboBox(this))
    , m_account(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_assignee(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_case(new CasePane(ledger, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_confirm(reviewButton(Review::Confirm, tr("Confirm"), QStringLiteral("confirmButton"),
                             tr("Confirm the selected anomalies: each is a real problem")))
    , m_dismiss(reviewButton(Review::Dismiss, tr("Dismiss"), QStringLiteral("dismissButton"),
                             tr("Dismiss the selected anomalies: each transaction is fine")))
    , m_reopen(reviewButton(Review::Reopen, tr("Reopen"), QStringLiteral("reopenButton"),
                            tr("Reopen the selected anomalies for review")))
    , m_assign(reviewButton(Review::Assign, tr("Assign to…"), QStringLiteral("assignSelectedButton"),
                            tr("Assign the selected anomalies to someone")))
    , m_selected(new QLabel(this))
    , m_count(new RowCountLabel(
          [this]() -> std::function<Result<qint64>()> {
              const Ledger* ledger = &m_ledger;
              return [ledger, filter = m_model->filter()] { return ledger->countAnomalies(filter); };
          },
          {tr("%n anomaly"), tr("%n anomalies"), tr("Could not count the anomalies: %1")}, this))
    , m_exportButton(new CsvExportButton(
          tr("Export anomalies"), QStringLiteral("anomalies.csv"),
          [this](const QString& path) -> std::function<Status()> {
              const Ledger* ledger = &m_ledger;
              return [ledger, filter = m_model->filter(), path] { return writeAnomaliesCsv(*ledger, filter, path); };
          },
          this))
    , m_write(new QFutureWatcher<Status>(this))
    , m_assignees(new QFutureWatcher<AssigneeList>(this))
{
    setObjectName(QStringLiteral("AnomaliesView"));
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search text, account, notes"));
    m_search->setToolTip(tr("Finds the text in the description, counterparty, account name, explanation or notes"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(160);
    m_risk->addItem(tr("Any risk"));
    for (Risk r : {Risk::High, Risk::Medium})
        m_risk->addItem(riskName(r), int(r));
    for (AnomalyStatus s :
         {AnomalyStatus::Open, AnomalyStatus::Confirmed, AnomalyStatus::Dismissed, AnomalyStatus::Cleared})
        m_status->addItem(AnomalyTableModel::statusLabel(s), int(s));
    m_status->addItem(tr("Any status"));
    m_assignee->addItem(tr("Anyone"));
    m_assignee->addItem(tr("Unassigned"), QStringLiteral(""));
    m_period->addItem(tr("Detected any time"), 0);
    m_period->addItem(tr("Detected today"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_assignee->setObjectName(QStringLiteral("assigneeFilter"));
    m_assignee->setToolTip(tr("Show the anomalies of one assignee"));
    m_count->setObjectName(QStringLiteral("anomalyCount"));
    m_selected->setObjectName(QStringLiteral("selectionCount"));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    for (QComboBox* c : {m_risk, m_account, m_status, m_assignee, m_period})
        filters->addWidget(c);

    auto* actions = new QHBoxLayout;
    for (QPushButton* b : {m_confirm, m_dismiss, m_reopen, m_assign})
        actions->addWidget(b);
    actions->addWidget(m_selected);
    actions->addStretch(1);
    actions->addWidget(m_count);
    actions->addWidget(m_exportButton);

    m_table->setModel(m_model);
    SortHeader::installFixed(m_table, AnomalyTableModel::DetectedAt, Qt::DescendingOrder); // newest detection first
    m_table->setItemDelegateForColumn(AnomalyTableModel::Risk,
                                      new RiskBadgeDelegate(AnomalyTableModel::RiskRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    using C = AnomalyTableModel::Column;
    fitColumns(m_table,
               {{C::Risk, C::Score, C::Amount, C::DetectedAt, C::Status}, C::Transaction, 7, {C::Account, C::Type}, 6});
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);

    m_splitter->setObjectName(QStringLiteral("caseSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_case);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(0, false);
    m_splitter->setCollapsible(1, true);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("Anomalies"), this);
    title->setObjectName(QStringLiteral("viewTitle"));
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addLayout(actions);
    layout->addWidget(m_splitter, 1);

    refreshAccounts();
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(debounce, &QTimer::timeout, this, &AnomaliesView::applyFilter);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    for (QComboBox* c : {m_risk, m_account, m_status, m_assignee, m_period})
        connect(c, &QComboBox::currentIndexChanged, this, &AnomaliesView::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AnomaliesView::updateDetail);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AnomaliesView::updateActions);
    connect(m_table, &QWidget::customContextMenuRequested, this, &AnomaliesView::showContextMenu);
    connect(m_exportButton, &CsvExportButton::started, this, &AnomaliesView::exportStarted);
    connect(m_exportButton, &CsvExportButton::finished, this, &AnomaliesView::exportFinished);
    // Live reloads keep the same anomalies selected (or the row where the current one was, when a review moved it
    // out of the filter), so the case pane never goes blank under the analyst.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_keep = tableSelection(m_table, [this](int row) { return m_model->anomalyAt(row).id; }); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_selectFirst) { // a new filter starts at its newest anomaly
            m_selectFirst = false;
            m_keep = {};
        }
        restoreTableSelection(m_table, m_keep, [this](int row) { return m_model->anomalyAt(row).id; });
        if (!m_table->selectionModel()->currentIndex().isValid() && m_model->rowCount() > 0)
            m_table->selectRow(qBound(0, m_keep.currentRow, m_model->rowCount() - 1));
        updateDetail();
        m_count->recount(m_filterChanged);
        m_filterChanged = false;
        refreshAssignees();
    });
    connect(m_model, &AnomalyTableModel::loaded, this, &AnomaliesView::continueShowing);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_table->selectionModel()->currentIndex().isValid() && m_model->rowCount() > 0)
            m_table->selectRow(0);
    });
    connect(m_model, &AnomalyTableModel::loadFailed, this,
            [this](const QString& message) { QMessageBox::warning(this, tr("Anomalies"), message); });
    connect(&m_ledger, &Ledger::accountsChanged, this, [this] { refreshAccounts(); });
    connect(m_confirm, &QPushButton::clicked, this, &AnomaliesView::confirmSelected);
    connect(m_dismiss, &QPushButton::clicked, this, &AnomaliesView::dismissSelected);
    connect(m_reopen, &QPushButton::clicked, this, &AnomaliesView::reopenSelected);
    connect(m_assign, &QPushButton::clicked, this, &AnomaliesView::assignSelectedWithDialog);
    connect(m_case, &CasePane::noteRequested, this, [this](const QString& note) {
        const QString id = selectedId();
        if (id.isEmpty() || note.isEmpty())
            return;
        runWrite([ledger = &m_ledger, id, note] { return ledger->addNote(id, note, operatingSystemUser()).status(); },
                 tr("The note could not be added"), id);
    });
    connect(m_case, &CasePane::assigneeRequested, this, [this](const QString& assignee) {
        const QString id = selectedId();
        if (id.isEmpty())
            return;
        runWrite(
            [ledger = &m_ledger, id, assignee] {
                return ledger->decideAnomaly(id, Decision {std::nullopt, {}, assignee}, operatingSystemUser()).status();
            },
            tr("The assignee could not be stored"));
    });
    connect(m_write, &QFutureWatcherBase::finished, this, [this] {
        const Status s = m_write->result();
        m_writing = false;
        m_case->setWriting(false);
        updateActions();
        if (!s.isOk()) {
            const QString message = QStringLiteral("%1: %2").arg(m_writeWhat, s.message());
            auto* box = new QMessageBox(QMessageBox::Critical, tr("Anomalies"), message, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            Q_EMIT writeFinished(false, message);
            return;
        }
        if (!m_noteWritten.isEmpty())
            m_case->clearNote(m_noteWritten);
        // The stored change at once; the list follows with a reload, which keeps the selection (or the row where
        // it was, when the status filter now hides it).
        m_case->refreshTimeline();
        m_model->reload();
        Q_EMIT writeFinished(true, QString());
    });
    connect(m_assignees, &QFutureWatcherBase::finished, this, [this] {
        if (m_assigneesAgain) {
            m_assigneesAgain = false;
            refreshAssignees();
            return;
        }
        const QStringList names = m_assignees->result().names;
        m_case->setAssignees(names);
        const QVariant current = m_assignee->currentData();
        const QSignalBlocker block(m_assignee);
        while (m_assignee->count() > 2)
            m_assignee->removeItem(2);
        for (const QString& name : names)
            m_assignee->addItem(name, name);
        if (current.isValid() && m_assignee->findData(current) < 0)
            m_assignee->addItem(current.toString(), current); // the filter stays as chosen until changed
        m_assignee->setCurrentIndex(current.isValid() ? qMax(0, m_assignee->findData(current)) : 0);
    });
    applyFilter();
}

AnomaliesView::~AnomaliesView()
{
    // The write and the assignee list read through the Ledger, which outlives this view.
    m_write->waitForFinished();
    m_assignees->waitForFinished();
}

QPushButton* AnomaliesView::reviewButton(Review review, const QString& text, const QString& name, const QString& tip)
{
    auto* b = new QPushButton(text, this);
    b->setObjectName(name);
    b->setToolTip(QStringLiteral("%1 (%2)").arg(tip, shortcut(review).toString(QKeySequence::NativeText)));
    return b;
}

void AnomaliesView::confirmSelected()
{
    setStatus(int(AnomalyStatus::Confirmed));
}

void AnomaliesView::dismissSelected()
{
    setStatus(int(AnomalyStatus::Dismissed));
}

void AnomaliesView::reopenSelected()
{
    setStatus(int(AnomalyStatus::Open));
}

void AnomaliesView::assignSelectedWithDialog()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || m_writing)
        return;
    QStringList names;
    for (int i = 2; i < m_assignee->count(); ++i)
        names.append(m_assignee->itemData(i).toString());
    if (!names.contains(operatingSystemUser()))
        names.append(operatingSystemUser());
    const QString current = m_model->anomalyAt(qMax(0, m_model->rowOf(selectedId()))).assignee;
    bool ok = false;
    const QString name = QInputDialog::getItem(
        this, tr("Assign anomalies"),
        ids.size() == 1 ? tr("Assign the selected anomaly to (empty: nobody):")
                        : tr("Assign the %1 selected anomalies to (empty: nobody):").arg(ids.size()),
        names, qMax(0, names.indexOf(current)), true, &ok);
    if (ok)
        assignSelected(name.trimmed());
}

void AnomaliesView::assignSelected(const QString& assignee)
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    runWrite(
        [ledger = &m_ledger, ids, assignee] {
            return ledger->decideAnomalies(ids, Decision {std::nullopt, {}, assignee}, operatingSystemUser());
        },
        ids.size() == 1 ? tr("The anomaly could not be assigned")
                        : tr("The %1 anomalies could not be assigned").arg(ids.size()));
}

QString AnomaliesView::selectedId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() && current.row() < m_model->rowCount() ? m_model->anomalyAt(current.row()).id : QString();
}

QStringList AnomaliesView::selectedIds() const
{
    const TableSelection selection = tableSelection(m_table, [this](int row) { return m_model->anomalyAt(row).id; });
    if (selection.ids.isEmpty() && !selection.currentId.isEmpty())
        return {selection.currentId};
    return selection.ids;
}

QString AnomaliesView::summary() const
{
    return m_count->text();
}

bool AnomaliesView::isCounting() const
{
    return m_count->isCounting();
}

void AnomaliesView::selectId(const QString& id)
{
    if (id.isEmpty())
        return;
    if (const int row = m_model->rowOf(id); row >= 0)
        m_table->selectRow(row);
}

Qt::Orientation AnomaliesView::caseOrientation() const
{
    return m_splitter->orientation();
}

void AnomaliesView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    const Qt::Orientation wanted = width() >= kSideBySideEm * fontMetrics().height() ? Qt::Horizontal : Qt::Vertical;
    if (wanted != m_splitter->orientation()) {
        m_splitter->setOrientation(wanted);
        const int total = wanted == Qt::Horizontal ? m_splitter->width() : m_splitter->height();
        m_splitter->setSizes({total * 3 / 4, total / 4});
    }
}

void AnomaliesView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_accountsStale)
        refreshAccounts();
}

void AnomaliesView::refreshAccounts(bool force)
{
    m_accountsStale = !force && !isVisible();
    if (m_accountsStale)
        return;
    if (auto accounts = m_ledger.accounts())
        fillAccountChooser(m_account, *accounts, tr("All accounts"));
}

void AnomaliesView::refreshAssignees()
{
    if (m_assignees->isRunning()) {
        m_assigneesAgain = true;
        return;
    }
    m_assignees->setFuture(runInBackground([ledger = &m_ledger] {
        auto names = ledger->anomalyAssignees();
        return AssigneeList {names ? *names : QStringList()};
    }));
}

void AnomaliesView::applyFilter()
{
    AnomalyFilter f;
    f.text = m_search->text().trimmed();
    if (m_risk->currentData().isValid())
        f.risk = Risk(m_risk->currentData().toInt());
    if (m_account->currentData().isValid())
        f.accountId = m_account->currentData().toLongLong();
    if (m_status->currentData().isValid())
        f.status = AnomalyStatus(m_status->currentData().toInt());
    if (m_assignee->currentData().isValid())
        f.assignee = m_assignee->currentData().toString();
    if (const int days = m_period->currentData().toInt(); days > 0)
        f.fromMs = ledgerToday(m_ledger).addDays(1 - days).startOfDay().toMSecsSinceEpoch();
    m_selectFirst = true;
    m_filterChanged = true;
    m_model->setFilter(f);
}

void AnomaliesView::showAnomaly(const QString& id)
{
    m_showIds = {id};
    if (m_model->rowOf(id) < 0) {
        // The widest filter, read once (each filter's own signal would reload the page in turn).
        {
            const QSignalBlocker blockStatus(m_status), blockRisk(m_risk), blockAccount(m_account),
                blockPeriod(m_period), blockAssignee(m_assignee), blockSearch(m_search);
            m_status->setCurrentIndex(m_status->count() - 1); // any status
            m_risk->setCurrentIndex(0);
            m_account->setCurrentIndex(0);
            m_assignee->setCurrentIndex(0);
            m_period->setCurrentIndex(0);
            m_search->clear();
        }
        applyFilter();
        return; // continueShowing() follows the pages as they arrive
    }
    continueShowing();
}

void AnomaliesView::showOpenCases(const QStringList& ids, Risk risk)
{
    m_showIds = ids;
    {
        const QSignalBlocker blockStatus(m_status), blockRisk(m_risk), blockAccount(m_account), blockPeriod(m_period),
            blockAssignee(m_assignee), blockSearch(m_search);
        m_status->setCurrentIndex(qMax(0, m_status->findData(int(AnomalyStatus::Open))));
        m_risk->setCurrentIndex(qMax(0, m_risk->findData(int(risk))));
        m_account->setCurrentIndex(0);
        m_assignee->setCurrentIndex(0);
        m_period->setCurrentIndex(0);
        m_search->clear();
    }
    applyFilter(); // continueShowing() follows the pages as they arrive
}

void AnomaliesView::continueShowing()
{
    if (m_showIds.isEmpty() || m_model->isLoading())
        return;
    QHash<QString, int> loaded;
    for (int row = 0; row < m_model->rowCount(); ++row)
        loaded.insert(m_model->anomalyAt(row).id, row);
    TableSelection selection;
    QList<int> rows;
    for (const QString& id : std::as_const(m_showIds)) {
        if (const auto it = loaded.constFind(id); it != loaded.cend())
            rows.append(*it);
    }
    if (rows.size() < m_showIds.size() && m_model->canFetchMore({})) {
        m_model->fetchMore({});
        return;
    }
    m_showIds.clear(); // found, or no longer in the ledger (or no longer matching)
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : std::as_const(rows))
        selection.ids.append(m_model->anomalyAt(row).id);
    selection.currentId = selection.ids.first(); // the newest detection
    selection.currentRow = rows.first();
    m_table->clearSelection();
    restoreTableSelection(m_table, selection, [this](int row) { return m_model->anomalyAt(row).id; });
    m_table->scrollTo(m_model->index(rows.first(), 0));
}

void AnomaliesView::updateDetail()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const bool has = current.isValid() && current.row() < m_model->rowCount();
    m_case->setAnomaly(has ? &m_model->anomalyAt(current.row()) : nullptr);
    updateActions();
}

void AnomaliesView::updateActions()
{
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    if (const QModelIndex current = m_table->selectionModel()->currentIndex(); rows.isEmpty() && current.isValid())
        rows.append(current.row());
    bool canConfirm = false, canDismiss = false, canReopen = false;
    for (const int row : std::as_const(rows)) {
        if (row >= m_model->rowCount())
            continue;
        const AnomalyStatus s = m_model->anomalyAt(row).status;
        canConfirm = canConfirm || s != AnomalyStatus::Confirmed;
        canDismiss = canDismiss || s != AnomalyStatus::Dismissed;
        canReopen = canReopen || s != AnomalyStatus::Open;
    }
    m_confirm->setEnabled(canConfirm && !m_writing);
    m_dismiss->setEnabled(canDismiss && !m_writing);
    m_reopen->setEnabled(canReopen && !m_writing);
    m_assign->setEnabled(!rows.isEmpty() && !m_writing);
    m_selected->setText(rows.size() > 1 ? tr("%1 selected").arg(rows.size()) : QString());
}

void AnomaliesView::setStatus(int status)
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    const AnomalyStatus to = AnomalyStatus(status);
    runWrite(
        [ledger = &m_ledger, ids, to] {
            return ledger->decideAnomalies(ids, Decision {to, {}, std::nullopt}, operatingSystemUser());
        },
        ids.size() == 1
            ? tr("The anomaly could not be set to %1").arg(AnomalyTableModel::statusLabel(to))
            : tr("The %1 anomalies could not be set to %2").arg(ids.size()).arg(AnomalyTableModel::statusLabel(to)));
}

void AnomaliesView::runWrite(std::function<Status()> write, const QString& what, const QString& noteOf)
{
    if (m_writing) {
        Q_EMIT writeFinished(false, tr("%1: another change is still being written").arg(what));
        return;
    }
    m_writing = true;
    m_writeWhat = what;
    m_noteWritten = noteOf;
    m_case->setWriting(true);
    updateActions();
    m_write->setFuture(runInBackground(std::move(write)));
}

void AnomaliesView::showContextMenu(const QPoint& pos)
{
    if (!m_table->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    for (QPushButton* b : {m_confirm, m_dismiss, m_reopen, m_assign}) {
        QAction* a = menu.addAction(b->text(), b, &QPushButton::click);
        a->setEnabled(b->isEnabled());
    }
    const QList<QAction*> items = menu.actions();
    for (int i = 0; i < items.size(); ++i) {
        items[i]->setShortcut(shortcut(Review(i)));
        items[i]->setShortcutVisibleInContextMenu(true);
        items[i]->setShortcutContext(Qt::WidgetShortcut);
    }
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void AnomaliesView::exportWithDialog()
{
    m_exportButton->startWithDialog();
}

bool AnomaliesView::isExporting() const
{
    return m_exportButton->isRunning();
}

bool AnomaliesView::startExport(const QString& path)
{
    return m_exportButton->start(path);
}

} // namespace ledgerguard
