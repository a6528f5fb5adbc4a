// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TrayNotifier.h"

#include "schedule/Settings.h"
#include "util/Plural.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTimer>

namespace ledgerguard {

TrayNotifier::TrayNotifier(std::function<bool()> windowActive, std::function<QString(qint64)> accountName,
                           QObject* parent)
    : QObject(parent)
    , m_windowActive(std::move(windowActive))
    , m_accountName(std::move(accountName))
    , m_settle(new QTimer(this))
{
    m_settle->setSingleShot(true);
    m_settle->setInterval(kSettleMs);
    connect(m_settle, &QTimer::timeout, this, &TrayNotifier::flush);
}

std::optional<TrayNotice> TrayNotifier::notice(int count, const QStringList& accounts, bool windowActive, bool enabled)
{
    if (!enabled || windowActive || count <= 0)
        return std::nullopt;
    QStringList distinct;
    for (const QString& a : accounts) {
        if (!distinct.contains(a))
            distinct.append(a);
    }
    TrayNotice n;
    n.title = plural(count, tr("New HIGH-risk anomaly"), tr("%n new HIGH-risk anomalies"));
    const QString latest = accounts.isEmpty() ? QString() : accounts.last();
    if (distinct.size() <= 1)
        n.message = count == 1 ? tr("In %1. Click to review it.").arg(latest)
                               : tr("All in %1. Click to review the latest.").arg(latest);
    else
        n.message = tr("In %1 accounts, the latest in %2. Click to review it.")
                        .arg(QLocale().toString(distinct.size()), latest);
    return n;
}

void TrayNotifier::noteHighRisk(const QString& anomalyId, qint64 accountId)
{
    if (!m_ids.contains(anomalyId)) {
        m_ids.insert(anomalyId);
        m_accounts.append(accountId);
    }
    m_settle->start();
}

std::optional<TrayNotice> TrayNotifier::takeNotice()
{
    QStringList names;
    for (qint64 id : std::as_const(m_accounts))
        names.append(m_accountName ? m_accountName(id) : QString::number(id));
    const int count = int(m_ids.size());
    m_ids.clear();
    m_accounts.clear();
    const bool enabled = QSettings().value(settings::kTrayNotifications, settings::kDefaultTrayNotifications).toBool();
    return notice(count, names, m_windowActive && m_windowActive(), enabled);
}

void TrayNotifier::flush()
{
    const auto n = takeNotice();
    if (!n)
        return;
    m_shown.append(*n);
    if (m_shown.size() > kKeptNotices)
        m_shown.removeFirst();
    Q_EMIT notified(n->title, n->message);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_icon) {
        QIcon icon = QApplication::windowIcon();
        if (icon.isNull())
            icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        m_icon = new QSystemTrayIcon(icon, this);
        m_icon->setToolTip(QStringLiteral("LedgerGuard"));
        connect(m_icon, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::activated);
        connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT activated();
        });
        m_icon->show();
    }
    m_icon->showMessage(n->title, n->message, QSystemTrayIcon::Warning);
}

} // namespace ledgerguard
