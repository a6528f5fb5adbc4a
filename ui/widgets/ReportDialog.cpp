// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportDialog.h"

#include "Background.h"
#include "LedgerTime.h"
#include "util/Plural.h"
#include "widgets/FileDialogs.h"

#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ledgerguard {

ReportDialog::ReportDialog(const Ledger& ledger, QWidget* parent)
    : QDialog(parent)
    , m_ledger(ledger)
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_all(new QRadioButton(tr("&All accounts"), this))
    , m_selected(new QRadioButton(tr("&Selected accounts:"), this))
    , m_accounts(new QListWidget(this))
    , m_path(new QLineEdit(this))
    , m_busy(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_watcher(new QFutureWatcher<Result<ReportResult>>(this))
{
    setWindowTitle(tr("Export findings report"));
    const QDate today = ledgerToday(ledger);
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_from->setObjectName(QStringLiteral("reportFrom"));
    m_to->setObjectName(QStringLiteral("reportTo"));
    setPeriod(today.addDays(-29), today);

    m_accounts->setObjectName(QStringLiteral("reportAccounts"));
    m_accounts->setSelectionMode(QAbstractItemView::ExtendedSelection);
    if (auto accounts = ledger.accounts()) {
        // A ledger whose newest transaction is older than the last 30 days (imported statements of past months):
        // the 30 days up to that transaction's day, not an empty period.
        if (const std::optional<qint64> newest = newestActivity(*accounts)) {
            const QDate last = QDateTime::fromMSecsSinceEpoch(*newest).toLocalTime().date();
            if (last < today.addDays(-29))
                setPeriod(last.addDays(-29), last);
        }
        for (const Account& a : std::as_const(*accounts)) {
            auto* item = new QListWidgetItem(QStringLiteral("%1 (%2)").arg(a.name, a.currency), m_accounts);
            item->setData(Qt::UserRole, a.id);
        }
    }
    m_all->setChecked(true);
    m_accounts->setEnabled(false);
    connect(m_selected, &QRadioButton::toggled, m_accounts, &QWidget::setEnabled);

    m_path->setObjectName(QStringLiteral("reportPath"));
    m_path->setText(QDir::home().filePath(QStringLiteral("findings-report.pdf")));
    auto* browseButton = new QPushButton(tr("&Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &ReportDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    auto* period = new QHBoxLayout;
    period->addWidget(m_from);
    period->addWidget(new QLabel(tr("to"), this));
    period->addWidget(m_to);
    period->addStretch(1);

    auto* form = new QFormLayout;
    form->addRow(tr("Period (UTC days):"), period);
    auto* accountsBox = new QVBoxLayout;
    accountsBox->addWidget(m_all);
    accountsBox->addWidget(m_selected);
    accountsBox->addWidget(m_accounts);
    form->addRow(tr("Accounts:"), accountsBox);
    form->addRow(tr("PDF file:"), pathRow);

    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Write report"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ReportDialog::startWriting);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ReportDialog::reject);
    connect(m_watcher, &QFutureWatcher<Result<ReportResult>>::finished, this, &ReportDialog::onFinished);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_busy);
    layout->addWidget(m_buttons);
    resize(520, 420);
}

ReportDialog::~ReportDialog()
{
    // The worker reads through the Ledger; it finishes before the dialog goes.
    m_watcher->waitForFinished();
}

ReportOptions ReportDialog::options() const
{
    ReportOptions o;
    o.from = m_from->date();
    o.to = m_to->date();
    if (m_selected->isChecked()) {
        for (const QListWidgetItem* item : m_accounts->selectedItems())
            o.accountIds.append(item->data(Qt::UserRole).toLongLong());
    }
    o.ledgerName = QFileInfo(m_ledger.database()->path()).fileName();
    o.generatedAtMs = m_ledger.clock().nowMs();
    return o;
}

QString ReportDialog::outputPath() const
{
    return m_path->text().trimmed();
}

void ReportDialog::setOutputPath(const QString& path)
{
    m_path->setText(path);
}

void ReportDialog::setPeriod(const QDate& from, const QDate& to)
{
    m_from->setDate(from);
    m_to->setDate(to);
}

void ReportDialog::setAccounts(const QList<qint64>& accountIds)
{
    (accountIds.isEmpty() ? m_all : m_selected)->setChecked(true);
    for (int i = 0; i < m_accounts->count(); ++i) {
        QListWidgetItem* item = m_accounts->item(i);
        item->setSelected(accountIds.contains(item->data(Qt::UserRole).toLongLong()));
    }
}

bool ReportDialog::isWriting() const
{
    return m_watcher->isRunning();
}

bool ReportDialog::startWriting()
{
    if (isWriting())
        return false;
    const ReportOptions o = options();
    const QString path = outputPath();
    QString problem;
    if (o.to < o.from)
        problem = tr("The last day is before the first.");
    else if (m_selected->isChecked() && o.accountIds.isEmpty())
        problem = tr("Select at least one account, or choose all accounts.");
    else if (path.isEmpty())
        problem = tr("Choose the PDF file to write.");
    if (!problem.isEmpty()) {
        showMessage(QMessageBox::Warning, problem);
        return false;
    }
    m_busy->setVisible(true);
    m_buttons->setEnabled(false);
    for (QWidget* w : {static_cast<QWidget*>(m_from), static_cast<QWidget*>(m_to), static_cast<QWidget*>(m_path)})
        w->setEnabled(false);
    const Ledger* ledger = &m_ledger;
    m_watcher->setFuture(runInBackground([ledger, o, path] { return writeReport(*ledger, o, path); }));
    return true;
}

void ReportDialog::onFinished()
{
    m_busy->setVisible(false);
    m_buttons->setEnabled(true);
    for (QWidget* w : {static_cast<QWidget*>(m_from), static_cast<QWidget*>(m_to), static_cast<QWidget*>(m_path)})
        w->setEnabled(true);
    const Result<ReportResult> result = m_watcher->result();
    if (!result) {
        m_message = tr("Report not written: %1").arg(result.status().toString());
        Q_EMIT finished(false, m_message);
        showMessage(QMessageBox::Critical, m_message);
        return;
    }
    m_message = tr("Report written: %1, %2")
                    .arg(plural(result->pages, tr("%n page"), tr("%n pages")), QDir::toNativeSeparators(outputPath()));
    Q_EMIT finished(true, m_message);
    accept();
}

void ReportDialog::showMessage(QMessageBox::Icon icon, const QString& text)
{
    auto* box = new QMessageBox(icon, windowTitle(), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("reportMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ReportDialog::reject()
{
    if (!isWriting())
        QDialog::reject();
}

void ReportDialog::browse()
{
    const QString path = saveFileName(this, tr("Export findings report"), outputPath(), tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        m_path->setText(path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive) ? path : path + u".pdf");
}

} // namespace ledgerguard
