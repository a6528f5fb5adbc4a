// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/MainWindow.h"

#include "Background.h"
#include "Theme.h"
#include "generate/TransactionGenerator.h"
#include "ledger/Ledger.h"
#include "models/AccountTableModel.h"
#include "models/AnomalyTableModel.h"
#include "models/TransactionTableModel.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"
#include "util/Plural.h"
#include "widgets/AccountsView.h"
#include "widgets/AnomaliesView.h"
#include "widgets/DashboardView.h"
#include "widgets/HelpDialogs.h"
#include "widgets/ImportDialog.h"
#include "widgets/ImportHistoryDialog.h"
#include "widgets/NewTransactionView.h"
#include "widgets/OpenLedgerDialog.h"
#include "widgets/ReportDialog.h"
#include "widgets/RulesDialog.h"
#include "widgets/SettingsDialog.h"
#include "widgets/TestsView.h"
#include "widgets/TransactionsView.h"
#include "widgets/TrayNotifier.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSet>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace ledgerguard {

namespace {

QString countdown(std::optional<qint64> next, qint64 now)
{
    if (!next)
        return QObject::tr("off");
    const qint64 s = qMax<qint64>(0, (*next - now + 999) / 1000);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// Sizes the bar to its text written with its largest values, so that the text is never cut off.
void fitProgressText(QProgressBar* bar)
{
    const QString most = QString::number(qMax(1, bar->maximum()));
    QString text = bar->format();
    text.replace(QLatin1String("%v"), most)
        .replace(QLatin1String("%m"), most)
        .replace(QLatin1String("%p"), QStringLiteral("100"));
    const QFontMetrics metrics = bar->fontMetrics();
    const int width = metrics.horizontalAdvance(text) + 2 * metrics.height();
    bar->setMinimumWidth(width);
    bar->setMaximumWidth(qMax(width, metrics.horizontalAdvance(QLatin1Char('m')) * 14));
}

} // namespace

MainWindow::MainWindow(const Services& services, QWidget* parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_nav(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_alertBar(new QWidget(this))
    , m_alert(new QPushButton(m_alertBar))
    , m_alertTimer(new QTimer(this))
    , m_alertCheck(new QFutureWatcher<QList<AlertCase>>(this))
    , m_fileLabel(new QLabel(this))
    , m_scheduleLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    setWindowTitle(tr("LedgerGuard — %1").arg(QFileInfo(m_services.ledger->database()->path()).fileName()));
    createViews();
    setUpNavigation();
    setUpAlertBar();
    setUpLayout();
    setUpStatusBar();
    buildMenus();
    connectViews();
    connectPipeline();
    connectScheduler();
    restoreSettings();
    if (m_services.ledger->isReadOnly()) {
        for (const char* name : {"newAction", "generateAction", "detectAction", "importAction"}) {
            if (QAction* a = action(QLatin1String(name)))
                a->setEnabled(false);
        }
        m_newTransaction->setEnabled(false);
    }
    setAcceptDrops(true);
    m_trayNotifier = new TrayNotifier([this] { return isActiveWindow(); },
                                      [this](qint64 id) {
                                          for (const Account& a : m_accounts->model()->accounts()) {
                                              if (a.id == id)
                                                  return a.name;
                                          }
                                          return QString::number(id);
                                      },
                                      this);
    if (m_services.pipeline)
        connect(m_services.pipeline, &DetectionPipeline::highRiskDetected, m_trayNotifier, &TrayNotifier::noteHighRisk);
    connect(m_trayNotifier, &TrayNotifier::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
        openAlert();
    });
}

namespace {

// The local file of a drag, when it carries exactly one.
QString droppedFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().front().isLocalFile())
        return {};
    const QString path = mime->urls().front().toLocalFile();
    return QFileInfo(path).isFile() ? path : QString();
}

} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openImport(path);
}

ImportDialog* MainWindow::openImport(const QString& path)
{
    if (!m_import) {
        m_import = new ImportDialog(*m_services.ledger, this);
        m_import->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_import, &ImportDialog::importFinished, this, [this](bool ok, const QString& batchId) {
            if (!ok)
                return;
            statusBar()->showMessage(tr("Imported batch %1").arg(batchId), 8000);
            // The imported accounts are stale; score them now rather than at the next scheduled run.
            if (m_services.pipeline)
                m_services.pipeline->start();
        });
    }
    m_import->show();
    m_import->raise();
    m_import->activateWindow();
    if (!path.isEmpty() || m_import->filePath().isEmpty())
        m_import->openFile(path);
    return m_import;
}

void MainWindow::openImportHistory()
{
    ImportHistoryDialog dialog(*m_services.ledger, this);
    dialog.exec();
}

void MainWindow::createViews()
{
    Ledger& ledger = *m_services.ledger;
    m_dashboard = new DashboardView(ledger, this);
    m_transactions = new TransactionsView(ledger, this);
    m_anomalies = new AnomaliesView(ledger, this);
    m_accounts = new AccountsView(ledger, this);
    m_newTransaction = new NewTransactionView(ledger, this);
    m_tests = new TestsView(ledger, this);
    for (QWidget* w : std::initializer_list<QWidget*> {m_dashboard, m_transactions, m_anomalies, m_accounts,
                                                       m_newTransaction, m_tests})
        m_stack->addWidget(w);
}

void MainWindow::setUpNavigation()
{
    m_nav->setObjectName(QStringLiteral("navigation"));
    for (const QString& name :
         {tr("Dashboard"), tr("Transactions"), tr("Anomalies"), tr("Accounts"), tr("New transaction"), tr("Tests")})
        m_nav->addItem(name);
    m_nav->setFixedWidth(m_nav->sizeHintForColumn(0) + fontMetrics().height() * 3);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
}

void MainWindow::setUpAlertBar()
{
    m_alertBar->setObjectName(QStringLiteral("alertBar"));
    m_alert->setObjectName(QStringLiteral("alertBanner"));
    m_alert->setCursor(Qt::PointingHandCursor);
    auto* closeAlert = new QPushButton(tr("Close"), m_alertBar);
    closeAlert->setObjectName(QStringLiteral("alertClose"));
    closeAlert->setToolTip(tr("Hide this alert (the anomalies stay open)"));
    auto* alertLayout = new QHBoxLayout(m_alertBar);
    alertLayout->setContentsMargins(0, 0, 0, 0);
    alertLayout->setSpacing(0);
    alertLayout->addWidget(m_alert, 1);
    alertLayout->addWidget(closeAlert);
    m_alertBar->setVisible(false);
    m_alertTimer->setSingleShot(true);
    m_alertTimer->setInterval(100);
    connect(m_alertTimer, &QTimer::timeout, this, &MainWindow::updateAlert);
    connect(m_alert, &QPushButton::clicked, this, &MainWindow::openAlert);
    connect(closeAlert, &QPushButton::clicked, this, &MainWindow::hideAlert);
    connect(m_alertCheck, &QFutureWatcherBase::finished, this, &MainWindow::alertChecked);
    if (m_services.ledger) // a case announced may be reviewed or rescored: the banner follows
        connect(m_services.ledger, &Ledger::anomaliesChanged, this, [this] {
            if (!m_alertCases.isEmpty())
                m_alertTimer->start();
        });
}

void MainWindow::setUpLayout()
{
    auto* central = new QWidget(this);
    auto* outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addWidget(m_alertBar);
    if (m_services.ledger->isReadOnly()) {
        auto* banner = new QLabel(tr("Read-only: %1. New transactions, imports, the generator and detection are off.")
                                      .arg(m_services.ledger->database()->readOnlyReason()),
                                  central);
        banner->setObjectName(QStringLiteral("readOnlyBanner"));
        banner->setWordWrap(true);
        outer->addWidget(banner);
    }
    auto* row = new QHBoxLayout;
    row->setSpacing(0);
    row->addWidget(m_nav);
    row->addWidget(m_stack, 1);
    outer->addLayout(row, 1);
    setCentralWidget(central);
}

QString MainWindow::ledgerText() const
{
    const Database& database = *m_services.ledger->database();
    if (!database.isPostgres())
        return ledgerStatusText(database.path(), {}, {});
    auto connection = database.connection();
    return ledgerStatusText(database.path(), database.user(), connection ? connection->hostName() : QString());
}

void MainWindow::setUpStatusBar()
{
    m_fileLabel->setObjectName(QStringLiteral("ledgerLabel"));
    m_fileLabel->setText(ledgerText());
    m_progress->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 14);
    m_progress->setVisible(false);
    // (No stretch: the space left of it shows the messages, "Exported to ...", "Imported batch ...".)
    statusBar()->addPermanentWidget(m_fileLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_scheduleLabel);
    auto* clock = new QTimer(this);
    clock->start(1000);
    connect(clock, &QTimer::timeout, this, &MainWindow::updateStatus);
}

void MainWindow::connectViews()
{
    connect(m_dashboard, &DashboardView::accountActivated, this, [this](qint64 id) {
        m_transactions->showAccount(id);
        showView(View::Transactions);
    });
    // A transaction behind a test's finding: its case when it has one, else the account's transactions showing it.
    connect(m_tests, &TestsView::transactionActivated, this,
            [this](const QString& id, qint64 accountId, const QString& counterparty) {
                if (auto found = m_services.ledger->anomalyForTransaction(id)) {
                    m_anomalies->showAnomaly(found->id);
                    showView(View::Anomalies);
                    return;
                }
                m_transactions->showAccount(accountId);
                m_transactions->searchField()->setText(counterparty);
                showView(View::Transactions);
            });
    connect(m_newTransaction, &NewTransactionView::transactionSaved, this,
            [this] { statusBar()->showMessage(tr("Transaction saved"), 4000); });
    auto exportFinished = [this](const QString& task) {
        return [this, task](bool ok, const QString& message) {
            setBusy(task, false);
            if (ok)
                statusBar()->showMessage(message, 8000);
            else
                QMessageBox::critical(this, tr("Export failed"), message);
        };
    };
    connect(m_transactions, &TransactionsView::exportStarted, this, [this] { setBusy(tr("Exporting"), true); });
    connect(m_transactions, &TransactionsView::exportFinished, this, exportFinished(tr("Exporting")));
    connect(m_anomalies, &AnomaliesView::exportStarted, this, [this] { setBusy(tr("Exporting anomalies"), true); });
    connect(m_anomalies, &AnomaliesView::exportFinished, this, exportFinished(tr("Exporting anomalies")));
}

void MainWindow::connectPipeline()
{
    DetectionPipeline* p = m_services.pipeline;
    if (!p)
        return;
    connect(p, &DetectionPipeline::runStarted, this, [this] { setBusy(tr("Detection"), true); });
    connect(p, &DetectionPipeline::progress, this, [this](int done, int total) {
        if (m_busy.size() == 1) { // detection alone: show how far it is
            m_progress->setRange(0, qMax(1, total));
            m_progress->setValue(done);
            m_progress->setFormat(plural(total, tr("Detection %v/%m account"), tr("Detection %v/%m accounts")));
            fitProgressText(m_progress);
        }
    });
    connect(p, &DetectionPipeline::runFinished, this, [this](const DetectionPipeline::RunSummary& s) {
        setBusy(tr("Detection"), false);
        if (!s.status.isOk())
            QMessageBox::warning(this, tr("Detection failed"), s.status.toString());
        else
            statusBar()->showMessage(plural(s.accounts, tr("Detection: %n account, %1 HIGH, %2 MEDIUM"),
                                            tr("Detection: %n accounts, %1 HIGH, %2 MEDIUM"))
                                         .arg(s.high)
                                         .arg(s.medium),
                                     8000);
    });
    connect(p, &DetectionPipeline::highRiskDetected, this, [this](const QString& id) { showAlert(id); });
}

void MainWindow::connectScheduler()
{
    if (Scheduler* s = m_services.scheduler) {
        connect(s, &Scheduler::jobStarted, this, [this](Scheduler::Job job) {
            if (job == Scheduler::Job::Generator)
                setBusy(tr("Generating"), true);
        });
        connect(s, &Scheduler::jobFinished, this, [this](Scheduler::Job job, bool ok, const QString& message) {
            if (job != Scheduler::Job::Generator)
                return;
            setBusy(tr("Generating"), false);
            if (!ok)
                QMessageBox::warning(this, tr("Generator failed"), message);
        });
        connect(s, &Scheduler::scheduleChanged, this, &MainWindow::updateStatus);
    }
    updateStatus();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // 1280 x 820, or the screen's free area when it is smaller (a 1024 x 768 display, a small laptop).
        QSize size(1280, 820);
        if (const QScreen* s = screen())
            size = size.boundedTo(s->availableGeometry().size());
        resize(size);
    } else if (const QScreen* s = screen(); s && !isMaximized() && !isFullScreen()) {
        // A size saved on a larger screen fits this one, and the window stays on it.
        const QRect free = s->availableGeometry();
        resize(size().boundedTo(free.size()));
        move(qBound(free.left(), x(), qMax(free.left(), free.right() - width() + 1)),
             qBound(free.top(), y(), qMax(free.top(), free.bottom() - height() + 1)));
    }
    showView(View(qBound(0, settings.value(QStringLiteral("window/view"), 0).toInt(), int(View::Tests))));
}

MainWindow::~MainWindow()
{
    m_alertCheck->waitForFinished(); // it reads through the Ledger, which outlives the window
}

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
    add(file, tr("&Open ledger…"), QKeySequence::Open, [this] {
        OpenLedgerDialog dialog(m_services.ledger->database()->path(), this);
        if (dialog.exec() == QDialog::Accepted)
            Q_EMIT openLedgerRequested(dialog.location());
    })->setObjectName(QStringLiteral("openLedgerAction"));
    file->addSeparator();
    add(file, tr("&Import statement…"), QKeySequence(tr("Ctrl+I")), [this] {
        openImport();
    })->setObjectName(QStringLiteral("importAction"));
    add(file, tr("Import &history…"), QKeySequence(), [this] {
        openImportHistory();
    })->setObjectName(QStringLiteral("importHistoryAction"));
    file->addSeparator();
    add(file, tr("&Export filtered transactions…"), QKeySequence(tr("Ctrl+E")), [this] {
        m_transactions->exportWithDialog();
    })->setObjectName(QStringLiteral("exportAction"));
    add(file, tr("Export &report…"), QKeySequence(), [this] {
        exportReport();
    })->setObjectName(QStringLiteral("exportReportAction"));
    // The platform's Preferences key (Cmd+, on macOS); Linux desktops define none, so Ctrl+, there and elsewhere.
    const QList<QKeySequence> preferences = QKeySequence::keyBindings(QKeySequence::Preferences);
    add(file, tr("&Settings…"), preferences.isEmpty() ? QKeySequence(tr("Ctrl+,")) : preferences.first(), [this] {
        SettingsDialog dialog(m_services, this);
        dialog.exec();
        updateStatus();
    })->setObjectName(QStringLiteral("settingsAction"));
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QStringList names {tr("&Dashboard"), tr("&Transactions"),    tr("&Anomalies"),
                             tr("A&ccounts"),  tr("&New transaction"), tr("T&ests")};
    for (int i = 0; i < names.size(); ++i)
        add(view, names[i], QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)), [this, i] { showView(View(i)); });

    QMenu* actions = menuBar()->addMenu(tr("&Actions"));
    add(actions, tr("&New transaction"), QKeySequence::New, [this] {
        showView(View::NewTransaction);
        m_newTransaction->amountField()->setFocus();
    })->setObjectName(QStringLiteral("newAction"));
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
    })->setObjectName(QStringLiteral("detectAction"));
    add(actions, tr("Run &generator now"), QKeySequence(tr("Ctrl+G")), [this] {
        if (m_services.scheduler)
            m_services.scheduler->runNow(Scheduler::Job::Generator);
    })->setObjectName(QStringLiteral("generateAction"));
    auto addPause
        = [this, actions](const QString& text, const QString& name, const QKeySequence& key, Scheduler::Job job) {
              QAction* a = actions->addAction(text);
              a->setObjectName(name);
              a->setShortcut(key);
              a->setCheckable(true);
              connect(a, &QAction::toggled, this, [this, job](bool on) {
                  if (m_services.scheduler)
                      m_services.scheduler->setPaused(job, on);
              });
              return a;
          };
    m_pauseGenerator = addPause(tr("&Pause generator"), QStringLiteral("pauseGeneratorAction"),
                                QKeySequence(tr("Ctrl+Shift+G")), Scheduler::Job::Generator);
    m_pauseDetector = addPause(tr("Pause &scheduled detection"), QStringLiteral("pauseDetectorAction"),
                               QKeySequence(tr("Ctrl+Shift+F5")), Scheduler::Job::Detector);
    for (QAction* a : {m_pauseGenerator, m_pauseDetector})
        a->setEnabled(m_services.scheduler != nullptr);

    QMenu* review = menuBar()->addMenu(tr("&Review"));
    auto reviewAction = [this, &add, review](const QString& text, AnomaliesView::Review key, const QString& name,
                                             void (AnomaliesView::*slot)()) {
        AnomaliesView* anomalies = m_anomalies;
        add(review, text, AnomaliesView::shortcut(key), [this, anomalies, slot] {
            showView(View::Anomalies);
            (anomalies->*slot)();
        })->setObjectName(name);
    };
    reviewAction(tr("&Confirm selected anomalies"), AnomaliesView::Review::Confirm, QStringLiteral("confirmAction"),
                 &AnomaliesView::confirmSelected);
    reviewAction(tr("&Dismiss selected anomalies"), AnomaliesView::Review::Dismiss, QStringLiteral("dismissAction"),
                 &AnomaliesView::dismissSelected);
    reviewAction(tr("&Reopen selected anomalies"), AnomaliesView::Review::Reopen, QStringLiteral("reopenAction"),
                 &AnomaliesView::reopenSelected);
    reviewAction(tr("&Assign selected anomalies…"), AnomaliesView::Review::Assign, QStringLiteral("assignAction"),
                 &AnomaliesView::assignSelectedWithDialog);
    add(review, tr("Go to the newest &HIGH alert"), QKeySequence(tr("Ctrl+Shift+H")), [this] { openAlert(); });
    review->addSeparator();
    add(review, tr("R&ules…"), QKeySequence(), [this] {
        RulesDialog dialog(*m_services.ledger, this);
        dialog.exec();
    })->setObjectName(QStringLiteral("rulesAction"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&User guide"), QKeySequence::HelpContents, [this] {
        auto* guide = new UserGuideDialog(this);
        guide->setAttribute(Qt::WA_DeleteOnClose);
        guide->show();
    })->setObjectName(QStringLiteral("userGuideAction"));
    add(help, tr("&Keyboard shortcuts"), QKeySequence(tr("Ctrl+/")), [this] {
        KeyboardShortcutsDialog dialog(this, this);
        dialog.exec();
    })->setObjectName(QStringLiteral("shortcutsAction"));
    help->addSeparator();
    add(help, tr("&About LedgerGuard"), QKeySequence(), [this] {
        QMessageBox::about(this, tr("About LedgerGuard"),
                           tr("<h3>LedgerGuard %1</h3><p>Ledger with Isolation Forest anomaly detection.</p>"
                              "<p>Risk levels: %2.</p>"
                              "<p>Licensed under the GNU GPL, version 3 or later.</p>")
                               .arg(QApplication::applicationVersion(), riskRuleText()));
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
    return m_alertBar->isHidden() ? QString() : m_alert->text();
}

QAction* MainWindow::action(const QString& objectName) const
{
    return findChild<QAction*>(objectName);
}

QStringList MainWindow::alertAnomalies() const
{
    QStringList ids;
    if (!m_alertBar->isHidden())
        for (const AlertCase& c : m_alertCases)
            ids.append(c.id);
    return ids;
}

void MainWindow::openAlert()
{
    if (m_alertTimer->isActive() || m_alertCheck->isRunning()) { // reports still being checked: open once they are
        m_openAlertWhenChecked = true;
        if (m_alertTimer->isActive()) {
            m_alertTimer->stop();
            updateAlert();
        }
        return;
    }
    if (m_alertCases.isEmpty())
        return;
    const QStringList ids = alertAnomalies();
    hideAlert();
    showView(View::Anomalies);
    m_anomalies->showOpenCases(ids, Risk::High);
}

void MainWindow::hideAlert()
{
    m_alertBar->hide();
    m_alertCases.clear();
    m_alertReported.clear();
    m_alertTimer->stop();
    m_openAlertWhenChecked = false;
}

void MainWindow::showAlert(const QString& anomalyId)
{
    // A first detection run can report thousands of new HIGH anomalies in a burst: note them here and check them
    // once the burst has settled, with no query per signal.
    m_alertReported.append(anomalyId);
    m_alertTimer->start();
}

void MainWindow::updateAlert()
{
    if (!m_services.ledger)
        return;
    if (m_alertCheck->isRunning()) { // one check at a time: the next follows this one
        m_alertTimer->start();
        return;
    }
    QStringList ids = m_alertReported;
    for (const AlertCase& c : std::as_const(m_alertCases))
        ids.append(c.id);
    m_alertReported.clear();
    ids.removeDuplicates();
    m_alertCheck->setFuture(runInBackground([ledger = m_services.ledger, ids] {
        QList<AlertCase> cases;
        QHash<qint64, QString> names;
        for (const QString& id : ids) {
            const Result<Anomaly> a = ledger->anomaly(id);
            if (!a || a->risk != Risk::High || a->status != AnomalyStatus::Open)
                continue;
            if (!names.contains(a->accountId)) {
                const Result<Account> account = ledger->account(a->accountId);
                names.insert(a->accountId, account ? account->name : QString::number(a->accountId));
            }
            cases.append({a->id, a->accountId, names.value(a->accountId), a->detectedAt});
        }
        std::sort(cases.begin(), cases.end(), [](const AlertCase& x, const AlertCase& y) {
            return std::pair(x.detectedAt, x.id) > std::pair(y.detectedAt, y.id);
        });
        return cases;
    }));
}

void MainWindow::alertChecked()
{
    const bool open = std::exchange(m_openAlertWhenChecked, false);
    if (!m_alertTimer->isActive() && !m_alertReported.isEmpty())
        m_alertTimer->start(); // reported while the check ran
    m_alertCases = m_alertCheck->result();
    if (m_alertCases.isEmpty()) {
        m_alertBar->hide();
        return;
    }
    const QString account = m_alertCases.first().accountName;
    QSet<qint64> accounts;
    for (const AlertCase& c : std::as_const(m_alertCases))
        accounts.insert(c.accountId);
    const qint64 n = m_alertCases.size();
    if (accounts.size() == 1)
        m_alert->setText(plural(n, tr("HIGH risk: a new anomaly in %1. Review it (Ctrl+Shift+H)"),
                                tr("HIGH risk: %n new anomalies in %1. Review them (Ctrl+Shift+H)"))
                             .arg(account));
    else // two accounts or more, so two anomalies or more
        m_alert->setText(tr("HIGH risk: %1 new anomalies in %2 accounts, the latest in %3. Review them (Ctrl+Shift+H)")
                             .arg(QLocale().toString(n), QLocale().toString(accounts.size()), account));
    m_alertBar->show();
    if (open)
        openAlert();
}

void MainWindow::setBusy(const QString& task, bool busy)
{
    m_busy.removeAll(task);
    if (busy)
        m_busy.append(task);
    m_progress->setVisible(!m_busy.isEmpty());
    if (!m_busy.isEmpty()) {
        // Several tasks at once, or one without a measure of progress: a busy bar naming them.
        m_progress->setRange(0, 0);
        m_progress->setFormat(m_busy.join(QStringLiteral(", ")));
        fitProgressText(m_progress);
        m_progress->setToolTip(m_busy.join(QStringLiteral(", ")));
    }
}

QString MainWindow::scheduleText() const
{
    return m_scheduleLabel->text();
}

void MainWindow::updateStatus()
{
    Scheduler* s = m_services.scheduler;
    if (!s) {
        m_scheduleLabel->setText(tr("Scheduler off"));
        return;
    }
    for (auto [a, job] : {std::pair(m_pauseGenerator, Scheduler::Job::Generator),
                          std::pair(m_pauseDetector, Scheduler::Job::Detector)}) {
        const QSignalBlocker block(a);
        a->setChecked(s->isPaused(job));
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
    const QStringList names {QStringLiteral("dashboard"),       QStringLiteral("transactions"),
                             QStringLiteral("anomalies"),       QStringLiteral("accounts"),
                             QStringLiteral("new-transaction"), QStringLiteral("tests")};
    auto shoot = [&](View view, const QString& suffix) {
        showView(view);
        QApplication::processEvents();
        waitForViews();
        const QString path = QDir(dir).filePath(names[int(view)] + suffix + QStringLiteral(".png"));
        if (grab().save(path))
            written << path;
    };
    m_dashboard->refreshNow();
    if (m_alertTimer->isActive()) { // a burst of HIGH alerts still settling: show the banner as it will be
        m_alertTimer->stop();
        updateAlert();
    }
    auto selectNewestAnomaly = [this] {
        m_anomalies->model()->reload();
        waitForViews();
        if (m_anomalies->model()->rowCount() > 0)
            m_anomalies->table()->selectRow(0); // the newest anomaly explained in the detail pane
    };
    selectNewestAnomaly();
    for (int i = 0; i < names.size(); ++i)
        shoot(View(i), QString());
    const QStringList chartNames {QStringLiteral("chart-anomalies-per-day"), QStringLiteral("chart-score-distribution"),
                                  QStringLiteral("chart-total-balance")};
    const QList<QChartView*> charts = m_dashboard->charts();
    for (int i = 0; i < charts.size(); ++i) {
        // Rendered at a fixed size off the layout, so each chart reads on its own.
        const QSize size = charts[i]->size();
        charts[i]->resize(900, 420);
        const QString path = QDir(dir).filePath(chartNames[i] + QStringLiteral(".png"));
        if (charts[i]->grab().save(path))
            written << path;
        charts[i]->resize(size);
    }

    // The same views in a dark palette, to check that both read well.
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    const QPalette lightPalette = QApplication::palette();
    const QString lightSheet = app->styleSheet();
    QApplication::setPalette(theme::darkPalette());
    app->setStyleSheet(theme::styleSheet(theme::darkPalette()));
    m_dashboard->refreshNow();
    selectNewestAnomaly();
    for (View v : {View::Dashboard, View::Transactions, View::Anomalies})
        shoot(v, QStringLiteral("-dark"));
    QApplication::setPalette(lightPalette);
    app->setStyleSheet(lightSheet);
    m_dashboard->refreshNow();
    showView(before);
    return written;
}

bool MainWindow::viewsLoading() const
{
    return m_transactions->model()->isLoading() || m_transactions->isCounting() || m_anomalies->model()->isLoading()
        || m_anomalies->isCounting() || m_accounts->model()->isLoading() || m_accounts->isChartLoading()
        || m_tests->isLoading() || m_alertCheck->isRunning();
}

void MainWindow::waitForViews()
{
    QApplication::processEvents();
    while (viewsLoading()) {
        QEventLoop loop;
        connect(m_transactions->model(), &TransactionTableModel::loaded, &loop, &QEventLoop::quit);
        connect(m_transactions, &TransactionsView::summaryChanged, &loop, &QEventLoop::quit);
        connect(m_anomalies->model(), &AnomalyTableModel::loaded, &loop, &QEventLoop::quit);
        connect(m_accounts->model(), &AccountTableModel::loaded, &loop, &QEventLoop::quit);
        connect(m_accounts, &AccountsView::chartShown, &loop, &QEventLoop::quit);
        connect(m_tests, &TestsView::refreshed, &loop, &QEventLoop::quit);
        QTimer::singleShot(50, &loop, &QEventLoop::quit); // states that end without a signal (a count not shown)
        loop.exec();
    }
    QApplication::processEvents();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/view"), int(currentView()));
    QMainWindow::closeEvent(event);
}

void MainWindow::exportReport()
{
    ReportDialog dialog(*m_services.ledger, this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(dialog.resultMessage(), 8000);
}

} // namespace ledgerguard
