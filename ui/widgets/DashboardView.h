// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QFutureWatcher>
#include <QWidget>

class QChartView;
class QGridLayout;
class QLabel;
class QTableWidget;
class QTimer;

namespace ledgerguard {

class Ledger;

// The risk at a glance: open HIGH and MEDIUM counts, accounts at risk, total balance, the accounts most at risk,
// and trend charts (anomalies per day by risk, score distribution, total balance over time). Updates live on the
// ledger's change signals, coalesced so that bursts of writes cost one refresh; the aggregate queries run on a
// worker thread (QtConcurrent on backgroundPool(), Background.h; the Ledger gives each thread its own connection) and
// are delivered to the GUI thread by a QFutureWatcher owned by this widget. While hidden, the view only notes that it
// is out of date.
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    // What one refresh reads from the ledger (small aggregate queries).
    struct Snapshot
    {
        Status status;
        // The charts' right edge: the end of today (UTC day), or of the newest transaction's day when the ledger has
        // none in the last 30 days (statements of past months), so that the charts show its history.
        qint64 todayEndMs = 0;
        bool endsAtNewest = false;
        QList<Account> accounts;
        qint64 openHigh = 0; // every open HIGH anomaly (the accounts' counts cover kHealthWindowDays)
        qint64 openMedium = 0;
        QList<DailyCount> perDay; // 30 days, one entry per day
        QList<qint64> scoreBins; // 10 bins over [0, 1]
        // 90 days, the sum of the accounts in balanceCurrency: the currency most accounts keep (of those, the first
        // code), so that no chart adds amounts of different currencies.
        QList<BalancePoint> balance;
        QString balanceCurrency;
        bool severalCurrencies = false;
    };

    explicit DashboardView(Ledger& ledger, QWidget* parent = nullptr);
    ~DashboardView() override;
    QList<QChartView*> charts() const;
    // Starts a refresh on a worker thread (coalesced: at most one runs, one more follows if asked meanwhile).
    void refresh();
    // Reads and shows everything now, on the calling (GUI) thread (screenshots, tests).
    void refreshNow();
    // Loads a snapshot (any thread).
    static Snapshot load(const Ledger& ledger);
    // How many snapshots were shown so far (tests).
    int refreshCount() const { return m_refreshCount; }
    // Charts and the account table side by side from kTwoColumnsEm font heights of width, else one under another.
    static constexpr int kTwoColumnsEm = 76;
    int columnCount() const { return m_columns; }

Q_SIGNALS:
    void accountActivated(qint64 accountId);
    void refreshed();

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void refreshWhenShown();
    void display(const Snapshot& snapshot);
    // Places the charts and the account table in `columns` columns (1 or 2).
    void arrange(int columns);
    void fitAccountTable();

    Ledger& m_ledger;
    QFutureWatcher<Snapshot>* m_watcher;
    bool m_again = false; // a refresh was asked for while one was running
    bool m_stale = false; // changes arrived while hidden
    int m_refreshCount = 0;
    Snapshot m_last;
    QLabel* m_high;
    QLabel* m_medium;
    QLabel* m_atRisk;
    QLabel* m_total;
    QTableWidget* m_riskiest;
    QChartView* m_perDay;
    QChartView* m_scores;
    QChartView* m_balance;
    QGridLayout* m_grid;
    int m_columns = 0;
};

} // namespace ledgerguard
