// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/SettingsDialog.h"

#include "Actor.h"
#include "api/RestServer.h"
#include "ledger/Ledger.h"
#include "schedule/Scheduler.h"
#include "schedule/Settings.h"
#include "widgets/AuditSettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace ledgerguard {

namespace {

int storedInterval(QLatin1String key, int fallback)
{
    bool ok = false;
    const int stored = QSettings().value(key, fallback).toInt(&ok);
    return ok && stored >= 0 ? stored : fallback;
}

QString intervalText(int seconds)
{
    return seconds == 0 ? SettingsDialog::tr("off") : SettingsDialog::tr("every %n s", nullptr, seconds);
}

} // namespace

SettingsDialog::SettingsDialog(const Services& services, QWidget* parent)
    : QDialog(parent)
    , m_services(services)
    , m_generator(new QSpinBox(this))
    , m_detector(new QSpinBox(this))
    , m_port(new QSpinBox(this))
    , m_requireToken(new QCheckBox(tr("Require a bearer token"), this))
    , m_token(new QLineEdit(this))
    , m_url(new QLabel(this))
    , m_error(new QLabel(this))
    , m_serverButton(new QPushButton(this))
    , m_unlockThresholds(new QCheckBox(tr("Change thresholds"), this))
    , m_medium(new QDoubleSpinBox(this))
    , m_high(new QDoubleSpinBox(this))
    , m_thresholdError(new QLabel(this))
    , m_tray(new QCheckBox(tr("Notify me of new HIGH anomalies in the system tray while LedgerGuard is in the "
                              "background"),
                           this))
{
    setWindowTitle(tr("Settings"));
    QSettings settings;
    for (QSpinBox* s : {m_generator, m_detector}) {
        s->setRange(0, 7 * 24 * 3600);
        s->setSuffix(tr(" s"));
        s->setSpecialValueText(tr("off"));
    }
    // The stored settings, which later runs start with; this run may differ (a command-line override), and says so.
    m_storedGenerator = storedInterval(settings::kGeneratorIntervalS, settings::kDefaultGeneratorIntervalS);
    m_storedDetector = storedInterval(settings::kDetectorIntervalS, settings::kDefaultDetectorIntervalS);
    m_generator->setValue(m_storedGenerator);
    m_detector->setValue(m_storedDetector);
    for (QSpinBox* s : {m_generator, m_detector})
        connect(s, &QSpinBox::valueChanged, s, [s] { s->setProperty("edited", true); });
    auto* schedule = new QGroupBox(tr("Schedule"), this);
    auto* scheduleForm = new QFormLayout(schedule);
    scheduleForm->addRow(tr("Generator every"), m_generator);
    scheduleForm->addRow(tr("Detection every"), m_detector);
    if (Scheduler* sch = m_services.scheduler) {
        const int runGenerator = sch->interval(Scheduler::Job::Generator);
        const int runDetector = sch->interval(Scheduler::Job::Detector);
        if (runGenerator != m_storedGenerator || runDetector != m_storedDetector) {
            auto* note = new QLabel(tr("In this run: generator %1, detection %2 (from the command line, or the "
                                       "generator off on a ledger of your own). A value changed here applies now "
                                       "and to later runs.")
                                        .arg(intervalText(runGenerator), intervalText(runDetector)),
                                    this);
            note->setObjectName(QStringLiteral("overrideNote"));
            note->setWordWrap(true);
            scheduleForm->addRow(note);
        }
    }

    m_port->setRange(1, 65535);
    m_port->setValue(settings.value(settings::kApiPort, settings::kDefaultApiPort).toInt());
    QString token = settings.value(settings::kApiToken).toString();
    if (token.isEmpty()) {
        token = RestServer::generateToken();
        settings.setValue(settings::kApiToken, token);
    }
    m_token->setText(token);
    m_token->setReadOnly(true);
    m_requireToken->setChecked(settings.value(settings::kApiRequireToken, settings::kDefaultApiRequireToken).toBool());
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setWordWrap(true);
    auto* newToken = new QPushButton(tr("New token"), this);
    auto* api = new QGroupBox(tr("Local REST API (127.0.0.1 only)"), this);
    auto* apiForm = new QFormLayout(api);
    apiForm->addRow(tr("Port"), m_port);
    apiForm->addRow(QString(), m_requireToken);
    apiForm->addRow(tr("Token"), m_token);
    apiForm->addRow(QString(), newToken);
    apiForm->addRow(tr("Address"), m_url);
    apiForm->addRow(QString(), m_serverButton);
    apiForm->addRow(QString(), m_error);

    // The risk levels: read-only until unlocked.
    const RiskThresholds thresholds = riskThresholds();
    for (QDoubleSpinBox* box : {m_medium, m_high}) {
        box->setRange(0.01, 0.99);
        box->setDecimals(2);
        box->setSingleStep(0.05);
        box->setEnabled(false);
    }
    m_medium->setObjectName(QStringLiteral("mediumThreshold"));
    m_high->setObjectName(QStringLiteral("highThreshold"));
    m_unlockThresholds->setObjectName(QStringLiteral("unlockThresholds"));
    m_medium->setValue(thresholds.mediumFrom);
    m_high->setValue(thresholds.highAbove);
    m_medium->setToolTip(tr("Scores from this value on are MEDIUM risk"));
    m_high->setToolTip(tr("Scores above this value are HIGH risk"));
    m_unlockThresholds->setToolTip(tr("Changing them re-labels the risk of every scored transaction and case; "
                                      "decisions stay as they are"));
    m_unlockThresholds->setEnabled(m_services.ledger != nullptr && !m_services.ledger->isReadOnly());
    m_thresholdError->setObjectName(QStringLiteral("fieldError"));
    m_thresholdError->setWordWrap(true);
    auto* risk = new QGroupBox(tr("Risk levels"), this);
    auto* riskForm = new QFormLayout(risk);
    riskForm->addRow(tr("MEDIUM from score"), m_medium);
    riskForm->addRow(tr("HIGH above score"), m_high);
    riskForm->addRow(QString(), m_unlockThresholds);
    riskForm->addRow(QString(), m_thresholdError);
    if (Ledger* ledger = m_services.ledger) { // the classic tests' weights and parameters, stored in the ledger
        auto* audit = new QPushButton(tr("Classic audit tests…"), this);
        audit->setObjectName(QStringLiteral("auditSettings"));
        connect(audit, &QPushButton::clicked, this, [this, ledger] { AuditSettingsDialog(*ledger, this).exec(); });
        riskForm->addRow(QString(), audit);
    }
    m_tray->setObjectName(QStringLiteral("trayNotifications"));
    m_tray->setChecked(settings.value(settings::kTrayNotifications, settings::kDefaultTrayNotifications).toBool());
    auto* notify = new QGroupBox(tr("Notifications"), this);
    (new QVBoxLayout(notify))->addWidget(m_tray);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(schedule);
    layout->addWidget(risk);
    layout->addWidget(notify);
    layout->addWidget(api);
    layout->addWidget(m_buttons);

    connect(m_unlockThresholds, &QCheckBox::toggled, this, [this](bool on) {
        m_medium->setEnabled(on);
        m_high->setEnabled(on);
        if (!on) { // locked again: back to the rule in force
            m_medium->setValue(riskThresholds().mediumFrom);
            m_high->setValue(riskThresholds().highAbove);
        }
        checkThresholds();
    });
    for (QDoubleSpinBox* box : {m_medium, m_high})
        connect(box, &QDoubleSpinBox::valueChanged, this, &SettingsDialog::checkThresholds);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!applyThresholds())
            return;
        applyIntervals();
        QSettings().setValue(settings::kTrayNotifications, m_tray->isChecked());
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_serverButton, &QPushButton::clicked, this, &SettingsDialog::toggleServer);
    connect(newToken, &QPushButton::clicked, this, [this] {
        m_token->setText(RestServer::generateToken());
        QSettings().setValue(settings::kApiToken, m_token->text());
    });
    m_serverButton->setEnabled(m_services.rest != nullptr);
    updateServerState();
}

QString SettingsDialog::serverUrl() const
{
    return m_services.rest && m_services.rest->isListening() ? m_services.rest->url() : QString();
}

QString SettingsDialog::token() const
{
    return m_token->text();
}

QString SettingsDialog::thresholdError() const
{
    return m_thresholdError->text();
}

void SettingsDialog::checkThresholds()
{
    const RiskThresholds t {m_medium->value(), m_high->value()};
    const bool ok = isValid(t);
    m_thresholdError->setText(ok ? QString() : tr("HIGH must be above MEDIUM (0 < MEDIUM < HIGH < 1)"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

bool SettingsDialog::applyThresholds()
{
    const RiskThresholds t {m_medium->value(), m_high->value()};
    const RiskThresholds now = riskThresholds();
    const auto same = [](double a, double b) { return std::abs(a - b) < 0.0005; };
    if (!m_unlockThresholds->isChecked() || !m_services.ledger
        || (same(t.mediumFrom, now.mediumFrom) && same(t.highAbove, now.highAbove)))
        return true;
    auto changed = m_services.ledger->setRiskThresholds(t, operatingSystemUser());
    if (!changed) {
        m_thresholdError->setText(changed.status().message());
        return false;
    }
    return true;
}

void SettingsDialog::applyIntervals()
{
    // Only what the analyst changed is stored and applied: a command-line override of this run is never saved.
    QSettings settings;
    // (An edited value equal to the stored one still applies to this run: the generator off on a ledger of one's own
    // is turned on by choosing its interval.)
    const auto apply = [&](QSpinBox* box, int stored, QLatin1String key, Scheduler::Job job) {
        if (!box->property("edited").toBool())
            return;
        if (box->value() != stored)
            settings.setValue(key, box->value());
        if (Scheduler* sch = m_services.scheduler)
            sch->setInterval(job, box->value());
    };
    apply(m_generator, m_storedGenerator, settings::kGeneratorIntervalS, Scheduler::Job::Generator);
    apply(m_detector, m_storedDetector, settings::kDetectorIntervalS, Scheduler::Job::Detector);
}

void SettingsDialog::toggleServer()
{
    RestServer* rest = m_services.rest;
    if (!rest)
        return;
    m_error->clear();
    if (rest->isListening()) {
        rest->stop();
    } else {
        RestServer::Options options;
        options.port = quint16(m_port->value());
        options.token = m_requireToken->isChecked() ? m_token->text() : QString();
        const Status s = rest->start(options);
        if (!s.isOk())
            m_error->setText(s.message());
        QSettings settings;
        settings.setValue(settings::kApiPort, m_port->value());
        settings.setValue(settings::kApiRequireToken, m_requireToken->isChecked());
    }
    updateServerState();
}

void SettingsDialog::updateServerState()
{
    const bool on = m_services.rest && m_services.rest->isListening();
    m_serverButton->setText(on ? tr("Stop server") : tr("Start server"));
    m_url->setText(on ? m_services.rest->url() : tr("not running"));
    m_port->setEnabled(!on);
    m_requireToken->setEnabled(!on);
}

} // namespace ledgerguard
