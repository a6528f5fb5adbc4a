// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AnomaliesView.h"

#include "Actor.h"
#include "LedgerTime.h"
#include "export/CsvWriter.h"
#include "ledger/Ledger.h"
#include "models/AnomalyTableModel.h"
#include "money/Money.h"
#include "widgets/AccountChooser.h"
#include "widgets/CsvExportButton.h"
#include "widgets/RiskBadgeDelegate.h"
#include "widgets/TableSizing.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ledgerguard {

AnomaliesView::AnomaliesView(Ledger& ledger, QWidget* parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_model(new AnomalyTableModel(ledger, this))
    , m_table(new QTableView(this))
    , m_risk(new QComboBox(this))
    , m_account(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_detail(new QTextBrowser(this))
    , m_confirm(new QPushButton(tr("Confirm"), this))
    , m_dismiss(new QPushButton(tr("Dismiss"), this))
    , m_reopen(new QPushButton(tr("Reopen"), this))
    , m_exportButton(new CsvExportButton(
          tr("Export anomalies"), QStringLiteral("anomalies.csv"),
          [this](const QString& path) -> std::function<Status()> {
              const Ledger* ledger = &m_ledger;
              return [ledger, filter = m_model->filter(), path] { return writeAnomaliesCsv(*ledger, filter, path); };
          },
          this))
{
    setObjectName(QStringLiteral("AnomaliesView"));
    m_risk->addItem(tr("Any risk"));
    for (Risk r : {Risk::High, Risk::Medium})
        m_risk->addItem(riskName(r), int(r));
    for (AnomalyStatus s :
         {AnomalyStatus::Open, AnomalyStatus::Confirmed, AnomalyStatus::Dismissed, AnomalyStatus::Cleared})
        m_status->addItem(AnomalyTableModel::statusLabel(s), int(s));
    m_status->addItem(tr("Any status"));
    m_period->addItem(tr("Detected any time"), 0);
    m_period->addItem(tr("Detected today"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_dismiss->setObjectName(QStringLiteral("dismissButton"));
    m_confirm->setToolTip(tr("Confirm: this transaction is a real problem"));
    m_dismiss->setToolTip(tr("Dismiss: this transaction is fine"));

    auto* filters = new QHBoxLayout;
    for (QComboBox* c : {m_risk, m_account, m_status, m_period})
        filters->addWidget(c);
    filters->addStretch(1);
    filters->addWidget(m_exportButton);

    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(AnomalyTableModel::Risk,
                                      new RiskBadgeDelegate(AnomalyTableModel::RiskRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(AnomalyTableModel::Transaction, QHeaderView::Stretch);
    resizeColumnsOnceFilled(m_table);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);

    auto* detailPane = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto* detailTitle = new QLabel(tr("Why was it flagged?"), detailPane);
    detailTitle->setObjectName(QStringLiteral("sectionTitle"));
    detailLayout->addWidget(detailTitle);
    detailLayout->addWidget(m_detail, 1);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_confirm);
    actions->addWidget(m_dismiss);
    actions->addWidget(m_reopen);
    detailLayout->addLayout(actions);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detailPane);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("Anomalies"), this);
    title->setObjectName(QStringLiteral("viewTitle"));
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    refreshAccounts();
    for (QComboBox* c : {m_risk, m_account, m_status, m_period})
        connect(c, &QComboBox::currentIndexChanged, this, &AnomaliesView::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AnomaliesView::updateDetail);
    connect(m_exportButton, &CsvExportButton::started, this, &AnomaliesView::exportStarted);
    connect(m_exportButton, &CsvExportButton::finished, this, &AnomaliesView::exportFinished);
    // Live reloads keep the same anomaly selected (or the row where it was, when a review moved it out of the
    // filter), so the detail pane never goes blank under the analyst.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_keepId = selectedId();
        m_keepRow = qMax(0, m_table->selectionModel()->currentIndex().row());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_selectFirst) { // a new filter starts at its newest anomaly
            m_selectFirst = false;
            m_keepId.clear();
            m_keepRow = 0;
        }
        selectId(m_keepId);
        if (!m_table->selectionModel()->currentIndex().isValid() && m_model->rowCount() > 0)
            m_table->selectRow(qMin(m_keepRow, m_model->rowCount() - 1));
        updateDetail();
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
    applyFilter();
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

QString AnomaliesView::selectedId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() && current.row() < m_model->rowCount() ? m_model->anomalyAt(current.row()).id : QString();
}

void AnomaliesView::selectId(const QString& id)
{
    if (id.isEmpty())
        return;
    if (const int row = m_model->rowOf(id); row >= 0)
        m_table->selectRow(row);
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

void AnomaliesView::applyFilter()
{
    AnomalyFilter f;
    if (m_risk->currentData().isValid())
        f.risk = Risk(m_risk->currentData().toInt());
    if (m_account->currentData().isValid())
        f.accountId = m_account->currentData().toLongLong();
    if (m_status->currentData().isValid())
        f.status = AnomalyStatus(m_status->currentData().toInt());
    if (const int days = m_period->currentData().toInt(); days > 0)
        f.fromMs = ledgerToday(m_ledger).addDays(1 - days).startOfDay().toMSecsSinceEpoch();
    m_selectFirst = true;
    m_model->setFilter(f);
}

void AnomaliesView::showAnomaly(const QString& id)
{
    m_showId = id;
    if (m_model->rowOf(id) < 0) {
        // The widest filter, read once (each combo's own signal would reload the page in turn).
        {
            const QSignalBlocker blockStatus(m_status), blockRisk(m_risk), blockAccount(m_account),
                blockPeriod(m_period);
            m_status->setCurrentIndex(m_status->count() - 1); // any status
            m_risk->setCurrentIndex(0);
            m_account->setCurrentIndex(0);
            m_period->setCurrentIndex(0);
        }
        applyFilter();
        return; // continueShowing() follows the pages as they arrive
    }
    continueShowing();
}

void AnomaliesView::continueShowing()
{
    if (m_showId.isEmpty() || m_model->isLoading())
        return;
    const int row = m_model->rowOf(m_showId);
    if (row >= 0) {
        m_showId.clear();
        m_table->selectRow(row);
        m_table->scrollTo(m_model->index(row, 0));
    } else if (m_model->canFetchMore({})) {
        m_model->fetchMore({});
    } else {
        m_showId.clear(); // no longer in the ledger
    }
}

void AnomaliesView::updateDetail()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const bool has = current.isValid() && current.row() < m_model->rowCount();
    m_confirm->setEnabled(has);
    m_dismiss->setEnabled(has);
    m_reopen->setEnabled(has);
    if (!has) {
        m_detail->setHtml(tr("<p>Select an anomaly to see why it was flagged.</p>"));
        return;
    }
    const Anomaly& a = m_model->anomalyAt(current.row());
    const QLocale locale;
    QString html = QStringLiteral("<h3>%1 · %2</h3>")
                       .arg(riskName(a.risk), Money(a.amount, a.currency).formatWithCurrency(locale).toHtmlEscaped());
    auto when = [&locale](qint64 ms) { return shortLocalTime(locale, ms); };
    QString status = AnomalyTableModel::statusLabel(a.status);
    if (a.status != AnomalyStatus::Open && a.statusChangedAt)
        status = tr("%1 on %2").arg(status, when(*a.statusChangedAt));
    html += tr("<p>%1<br>booked %2 · detected %3<br>score %4 · %5</p>")
                .arg(a.description.toHtmlEscaped(), when(a.transactionTimestamp), when(a.detectedAt),
                     locale.toString(a.score, 'f', 3), status);
    html += QStringLiteral("<table cellpadding='4'><tr><th align='left'>%1</th><th align='right'>%2</th><th "
                           "align='left'>%3</th></tr>")
                .arg(tr("Feature"), tr("Share"), tr("In words"));
    for (const QJsonValue& v : a.explanation) {
        const QJsonObject e = v.toObject();
        html += QStringLiteral(
                    "<tr><td>%1</td><td align='right'>%2%</td><td>%3<br><small>value %4, typical %5</small></td></tr>")
                    .arg(e.value(QStringLiteral("feature")).toString().replace(QLatin1Char('_'), QLatin1Char(' ')),
                         locale.toString(100.0 * e.value(QStringLiteral("contribution")).toDouble(), 'f', 0),
                         e.value(QStringLiteral("text")).toString().toHtmlEscaped(),
                         locale.toString(e.value(QStringLiteral("value")).toDouble(), 'g', 4),
                         locale.toString(e.value(QStringLiteral("typical")).toDouble(), 'g', 4));
    }
    html += QStringLiteral("</table>");
    m_detail->setHtml(html);
    m_confirm->setEnabled(a.status != AnomalyStatus::Confirmed);
    m_dismiss->setEnabled(a.status != AnomalyStatus::Dismissed);
    m_reopen->setEnabled(a.status != AnomalyStatus::Open);
}

void AnomaliesView::setStatus(int status)
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    auto r = m_ledger.setAnomalyStatus(id, AnomalyStatus(status), operatingSystemUser());
    if (!r) {
        QMessageBox::critical(this, tr("Anomaly"), r.status().toString());
        return;
    }
    // Show the stored review at once; the list follows with the coalesced reload (anomaliesChanged), which keeps
    // this anomaly selected, or the row where it was when the status filter now hides it.
    m_model->reload();
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
