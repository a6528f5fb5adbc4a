// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/Services.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ledgerguard {

// Settings: the generator and detector intervals (0 = off), and the local REST API: start and stop it, its port,
// whether it requires a bearer token (generated, shown here, stored with QSettings), and the URL it answers on.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const Services& services, QWidget* parent = nullptr);

    QPushButton* serverButton() const { return m_serverButton; }
    QString serverUrl() const;
    QString token() const;

private:
    void applyIntervals();
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
};

} // namespace ledgerguard
