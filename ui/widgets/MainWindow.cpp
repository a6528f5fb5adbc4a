// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/MainWindow.h"

#include "generate/TransactionGenerator.h"
#include "ledger/Ledger.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"
#include "widgets/AccountsView.h"
#include "widgets/AnomaliesView.h"
#include "widgets/DashboardView.h"
#include "widgets/NewTransactionView.h"
#include "widgets/SettingsDialog.h"
#include "widgets/TransactionsView.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace ledgerguard {

namespace {

QString countdown(std::optional<qint64> next, qint64 now)
{
    if (!next)
        return QObject::tr("off");
    const qint64 s = qMax<qint64>(0, (*next - now + 999) / 1000);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

MainWindow::MainWindow(const Services& services, QWidget* parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_nav(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_alert(new QPushButton(this))
    , m_fileLabel(new QLabel(this))
    , m_scheduleLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    Ledger& ledger = *services.ledger;
    setWindowTitle(tr("LedgerGuard — %1").arg(QFileInfo(ledger.database()->path()).fileName()));
    m_dashboard = new DashboardView(ledger, this);
    m_transactions = new TransactionsView(ledger, this);
    m_anomalies = new AnomaliesView(ledger, this);
    m_accounts = new AccountsView(ledger, this);
    m_newTransaction = new NewTransactionView(ledger, this);
    for (QWidget* w :
         std::initializer_list<QWidget*> {m_dashboard, m_transactions, m_anomalies, m_accounts, m_newTransaction})
        m_stack->addWidget(w);

    m_nav->setObjectName(QStringLiteral("navigation"));
    for (const QString& name :
         {tr("Dashboard"), tr("Transactions"), tr("Anomalies"), tr("Accounts"), tr("New transaction")})
        m_nav->addItem(name);
    m_nav->setFixedWidth(m_nav->sizeHintForColumn(0) + fontMetrics().height() * 3);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    m_alert->setObjectName(QStringLiteral("alertBanner"));
    m_alert->setVisible(false);
    m_alert->setCursor(Qt::PointingHandCursor);
    connect(m_alert, &QPushButton::clicked, this, [this] {
        showView(View::Anomalies);
        m_anomalies->showAnomaly(m_alertAnomaly);
        m_alert->hide();
    });

    auto* central = new QWidget(this);
    auto* outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addWidget(m_alert);
    auto* row = new QHBoxLayout;
    row->setSpacing(0);
    row->addWidget(m_nav);
    row->addWidget(m_stack, 1);
    outer->addLayout(row, 1);
    setCentralWidget(central);

    m_fileLabel->setText(ledger.database()->path());
    m_progress->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 14);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_fileLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_scheduleLabel);

    buildMenus();
    // Text sizes follow the system font: titles and key figures are scaled from it, never fixed pixels.
    for (QLabel* label : findChildren<QLabel*>()) {
        const QString name = label->objectName();
        if (name == QLatin1String("viewTitle") || name == QLatin1String("kpiValue")) {
            QFont f = font();
            f.setPointSizeF(f.pointSizeF() * (name == QLatin1String("viewTitle") ? 1.6 : 2.0));
            f.setBold(true);
            label->setFont(f);
        }
    }
    connect(m_dashboard, &DashboardView::accountActivated, this, [this](qint64 id) {
        m_transactions->showAccount(id);
        showView(View::Transactions);
    });
    connect(m_newTransaction, &NewTransactionView::transactionSaved, this,
            [this] { statusBar()->showMessage(tr("Transaction saved"), 4000); });
    if (DetectionPipeline* p = m_services.pipeline) {
        connect(p, &DetectionPipeline::runStarted, this, [this] {
            m_progress->setRange(0, 0);
            m_progress->setVisible(true);
        });
        connect(p, &DetectionPipeline::progress, this, [this](int done, int total) {
            m_progress->setRange(0, qMax(1, total));
            m_progress->setValue(done);
            m_progress->setFormat(tr("Detection %v/%m"));
        });
        connect(p, &DetectionPipeline::runFinished, this, [this](const DetectionPipeline::RunSummary& s) {
            m_progress->setVisible(false);
            if (!s.status.isOk())
                QMessageBox::warning(this, tr("Detection failed"), s.status.toString());
            else
                statusBar()->showMessage(
                    tr("Detection: %1 accounts, %2 HIGH, %3 MEDIUM").arg(s.accounts).arg(s.high).arg(s.medium), 8000);
        });
        connect(p, &DetectionPipeline::highRiskDetected, this, &MainWindow::showAlert);
    }
    if (Scheduler* s = m_services.scheduler) {
        connect(s, &Scheduler::jobFinished, this, [this](Scheduler::Job job, bool ok, const QString& message) {
            if (!ok && job == Scheduler::Job::Generator)
                QMessageBox::warning(this, tr("Generator failed"), message);
        });
        connect(s, &Scheduler::scheduleChanged, this, &MainWindow::updateStatus);
    }
    auto* clock = new QTimer(this);
    clock->start(1000);
    connect(clock, &QTimer::timeout, this, &MainWindow::updateStatus);
    updateStatus();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 820);
    showView(View(qBound(0, settings.value(QStringLiteral("window/view"), 0).toInt(), 4)));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    auto add = [this](QMenu* menu, const QString& text, const QKeySequence& key, auto slot) {
        QAction* a = menu->addAction(text);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    add(file, tr("&Export transactions…"), QKeySequence(tr("Ctrl+E")), [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export transactions"),
                                                          QStringLiteral("transactions.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !m_transactions->exportCsv(path, &error))
            QMessageBox::critical(this, tr("Export failed"), error);
    });
    add(file, tr("&Settings…"), QKeySequence::Preferences, [this] {
        SettingsDialog dialog(m_services, this);
        dialog.exec();
        updateStatus();
    });
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QStringList names {tr("&Dashboard"), tr("&Transactions"), tr("&Anomalies"), tr("A&ccounts"),
                             tr("&New transaction")};
    for (int i = 0; i < names.size(); ++i)
        add(view, names[i], QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)), [this, i] { showView(View(i)); });

    QMenu* actions = menuBar()->addMenu(tr("&Actions"));
    add(actions, tr("&New transaction"), QKeySequence::New, [this] { showView(View::NewTransaction); });
    add(actions, tr("&Filter transactions"), QKeySequence::Find, [this] {
        showView(View::Transactions);
        m_transactions->focusFilter();
    });
    actions->addSeparator();
    add(actions, tr("Run &detection now"), QKeySequence(Qt::Key_F5), [this] {
        if (m_services.scheduler)
            m_services.scheduler->runNow(Scheduler::Job::Detector);
        else if (m_services.pipeline)
            m_services.pipeline->start();
    });
    add(actions, tr("Run &generator now"), QKeySequence(tr("Ctrl+G")), [this] {
        if (m_services.scheduler)
            m_services.scheduler->runNow(Scheduler::Job::Generator);
    });
    QAction* pauseGen = actions->addAction(tr("&Pause generator"));
    pauseGen->setCheckable(true);
    connect(pauseGen, &QAction::toggled, this, [this](bool on) {
        if (m_services.scheduler)
            m_services.scheduler->setPaused(Scheduler::Job::Generator, on);
    });
    QAction* pauseDet = actions->addAction(tr("Pause &scheduled detection"));
    pauseDet->setCheckable(true);
    connect(pauseDet, &QAction::toggled, this, [this](bool on) {
        if (m_services.scheduler)
            m_services.scheduler->setPaused(Scheduler::Job::Detector, on);
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&About LedgerGuard"), QKeySequence(), [this] {
        QMessageBox::about(this, tr("About LedgerGuard"),
                           tr("<h3>LedgerGuard %1</h3><p>Ledger with Isolation Forest anomaly detection.</p>"
                              "<p>Risk levels: HIGH above 0.80, MEDIUM from 0.50 to 0.80, LOW below 0.50.</p>"
                              "<p>Licensed under the GNU GPL, version 3 or later.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showView(View view)
{
    m_nav->setCurrentRow(int(view));
}

MainWindow::View MainWindow::currentView() const
{
    return View(m_stack->currentIndex());
}

QString MainWindow::alertText() const
{
    return m_alert->isVisible() || !m_alertAnomaly.isEmpty() ? m_alert->text() : QString();
}

void MainWindow::showAlert(const QString& anomalyId, qint64 accountId)
{
    m_alertAnomaly = anomalyId;
    QString account = QString::number(accountId);
    if (auto a = m_services.ledger->account(accountId))
        account = a->name;
    m_alert->setText(tr("New HIGH risk anomaly in %1 — click to review").arg(account));
    m_alert->show();
}

void MainWindow::updateStatus()
{
    Scheduler* s = m_services.scheduler;
    if (!s) {
        m_scheduleLabel->setText(tr("Scheduler off"));
        return;
    }
    const qint64 now = m_services.ledger->clock().nowMs();
    auto describe = [&](Scheduler::Job job) {
        if (s->isRunning(job))
            return tr("running");
        if (s->isPaused(job))
            return tr("paused");
        return countdown(s->nextRunMs(job), now);
    };
    m_scheduleLabel->setText(
        tr("Generator %1 · Detector %2").arg(describe(Scheduler::Job::Generator), describe(Scheduler::Job::Detector)));
}

QStringList MainWindow::saveScreenshots(const QString& dir)
{
    QDir().mkpath(dir);
    QStringList written;
    const View before = currentView();
    m_dashboard->refresh();
    const QStringList names {QStringLiteral("dashboard"), QStringLiteral("transactions"), QStringLiteral("anomalies"),
                             QStringLiteral("accounts"), QStringLiteral("new-transaction")};
    for (int i = 0; i < names.size(); ++i) {
        showView(View(i));
        QApplication::processEvents();
        const QString path = QDir(dir).filePath(names[i] + QStringLiteral(".png"));
        if (grab().save(path))
            written << path;
    }
    const QStringList chartNames {QStringLiteral("chart-anomalies-per-day"), QStringLiteral("chart-score-distribution"),
                                  QStringLiteral("chart-total-balance")};
    const QList<QChartView*> charts = m_dashboard->charts();
    for (int i = 0; i < charts.size(); ++i) {
        charts[i]->resize(900, 420);
        const QString path = QDir(dir).filePath(chartNames[i] + QStringLiteral(".png"));
        if (charts[i]->grab().save(path))
            written << path;
    }
    showView(before);
    return written;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/view"), int(currentView()));
    QMainWindow::closeEvent(event);
}

} // namespace ledgerguard
