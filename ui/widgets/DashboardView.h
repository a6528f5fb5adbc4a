// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QChartView;
class QLabel;
class QTableWidget;
class QTimer;

namespace ledgerguard {

class Ledger;

// The risk at a glance: open HIGH and MEDIUM counts, accounts at risk, total balance, the accounts most at risk,
// and trend charts (anomalies per day by risk, score distribution, total balance over time). Updates live on the
// ledger's change signals, coalesced so that bursts of writes cost one refresh.
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardView(Ledger& ledger, QWidget* parent = nullptr);
    QList<QChartView*> charts() const;
    // Recomputes everything now.
    void refresh();

Q_SIGNALS:
    void accountActivated(qint64 accountId);

private:
    Ledger& m_ledger;
    QTimer* m_throttle;
    QLabel* m_high;
    QLabel* m_medium;
    QLabel* m_atRisk;
    QLabel* m_total;
    QTableWidget* m_riskiest;
    QChartView* m_perDay;
    QChartView* m_scores;
    QChartView* m_balance;
};

} // namespace ledgerguard
