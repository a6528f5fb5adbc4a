// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/Services.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ledgerguard {

// Settings: the generator and detector intervals (0 = off); the risk levels' thresholds (shown read-only until
// "Change thresholds" is ticked; validated 0 < MEDIUM < HIGH < 1 as they are edited; OK applies a change through
// Ledger::setRiskThresholds by the OS user, which re-labels stored risks and never rewrites decisions); whether new
// HIGH anomalies are notified in the system tray; and the local REST API: start and stop it, its port, whether it
// requires a bearer token (generated, shown here, stored with QSettings), and the URL it answers on.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const Services& services, QWidget* parent = nullptr);

    QPushButton* serverButton() const { return m_serverButton; }
    QString serverUrl() const;
    QString token() const;
    QCheckBox* unlockThresholds() const { return m_unlockThresholds; }
    QDoubleSpinBox* mediumThreshold() const { return m_medium; }
    QDoubleSpinBox* highThreshold() const { return m_high; }
    QCheckBox* trayNotifications() const { return m_tray; }
    // The thresholds' validation or the ledger's error, empty when none.
    QString thresholdError() const;
    QDialogButtonBox* buttons() const { return m_buttons; }

private:
    void applyIntervals();
    // Validates the thresholds as edited: the message, and OK enabled only when they are valid.
    void checkThresholds();
    // Applies changed thresholds through the ledger. False (with the error shown) when the ledger refused them.
    bool applyThresholds();
    void toggleServer();
    void updateServerState();

    Services m_services;
    QSpinBox* m_generator;
    QSpinBox* m_detector;
    int m_storedGenerator = 0; // the stored settings shown when the dialog opened
    int m_storedDetector = 0;
    QSpinBox* m_port;
    QCheckBox* m_requireToken;
    QLineEdit* m_token;
    QLabel* m_url;
    QLabel* m_error;
    QPushButton* m_serverButton;
    QCheckBox* m_unlockThresholds;
    QDoubleSpinBox* m_medium;
    QDoubleSpinBox* m_high;
    QLabel* m_thresholdError;
    QCheckBox* m_tray;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace ledgerguard
