// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

class QSystemTrayIcon;
class QTimer;

namespace ledgerguard {

// One desktop notification.
struct TrayNotice
{
    QString title;
    QString message;
};

// System-tray notifications of new HIGH anomalies while the main window is not active. noteHighRisk() collects a
// burst of DetectionPipeline::highRiskDetected (distinct anomalies, their accounts in order); kSettleMs after the
// last one the burst becomes one notice (takeNotice) shown with QSystemTrayIcon::showMessage - only when
// notifications are on (QSettings settings::kTrayNotifications, default on), the window is not active and the
// platform has a system tray (QSystemTrayIcon::isSystemTrayAvailable; without one nothing is shown). A burst that
// ends while the window is active is dropped (the window's banner shows it). Clicking the notice or the icon emits
// activated().
class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSettleMs = 500;

    // `windowActive`: whether the main window is the active one now; `accountName`: an account's display name.
    TrayNotifier(std::function<bool()> windowActive, std::function<QString(qint64)> accountName,
                 QObject* parent = nullptr);

    // The notice for `count` new HIGH anomalies in `accounts` (names, the latest last; repeats allowed), or nullopt
    // when none is due: notifications off, the window active, or nothing new. Plural forms by count.
    static std::optional<TrayNotice> notice(int count, const QStringList& accounts, bool windowActive, bool enabled);
    // The notice for the burst collected so far (with the current window state and setting); clears the burst.
    std::optional<TrayNotice> takeNotice();
    // The notices shown so far (tests; at most the last kKeptNotices).
    const QList<TrayNotice>& shown() const { return m_shown; }
    static constexpr int kKeptNotices = 20;

public Q_SLOTS:
    void noteHighRisk(const QString& anomalyId, qint64 accountId);

Q_SIGNALS:
    // A notice was due (shown on the tray when there is one).
    void notified(const QString& title, const QString& message);
    // The user clicked the notice or the tray icon.
    void activated();

private:
    void flush();

    std::function<bool()> m_windowActive;
    std::function<QString(qint64)> m_accountName;
    QTimer* m_settle;
    QSet<QString> m_ids;
    QList<qint64> m_accounts; // in arrival order
    QSystemTrayIcon* m_icon = nullptr; // created with the first notice shown
    QList<TrayNotice> m_shown;
};

} // namespace ledgerguard
