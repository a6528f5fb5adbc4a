// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/AuditTests.h"
#include "ledger/Types.h"

#include <QFutureWatcher>
#include <QWidget>

class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QTableWidget;

namespace ledgerguard {

class Ledger;

// The auditor's classic tests (core/audit) for one account or all accounts over a period: the list of tests with
// their result (conforms, finding, not enough data) and counts, the selected test's summary, the Benford digit chart
// (expected line against observed bars, first digit or first two digits) and the transactions behind the selected
// test's finding. The tests run on the views' background pool (runAuditTests through the ledger), again when the
// account or the period changes and, while shown, after the ledger's transactions or accounts change (the first run
// waits until the view is first shown). Double-clicking a transaction emits transactionActivated.
class TestsView : public QWidget
{
    Q_OBJECT
public:
    // What one run reads and computes.
    struct Snapshot
    {
        Status status;
        QList<Account> accounts;
        std::optional<AuditResults> results;
    };

    explicit TestsView(Ledger& ledger, QWidget* parent = nullptr);
    ~TestsView() override;

    // Starts a run on a worker thread (coalesced: at most one runs, one more follows when asked meanwhile).
    void refresh();
    // Runs and shows the tests now, on the calling thread (screenshots, tests).
    void refreshNow();
    bool isLoading() const;
    // The account (nullopt: all accounts) and the period [from, to] in local dates.
    void setAccount(std::optional<qint64> accountId);
    void setPeriod(const QDate& from, const QDate& to);
    // Selects a test by key (its transactions and chart follow).
    void selectTest(const QString& key);
    // How many results were shown so far (tests).
    int refreshCount() const { return m_refreshCount; }

    QTableWidget* testsTable() const { return m_tests; }
    QTableWidget* hitsTable() const { return m_hits; }
    QChartView* chart() const { return m_chart; }
    QComboBox* accountChooser() const { return m_account; }
    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    QComboBox* digitsChooser() const { return m_digits; }
    QLabel* summaryLabel() const { return m_summary; }
    // The results shown (empty before the first run or after an error).
    const std::optional<AuditResults>& results() const { return m_last.results; }
    // At most this many transactions are listed for a test (the summary gives the full count).
    static constexpr int kMaxListed = 2000;

Q_SIGNALS:
    void refreshed();
    // A transaction of the list was double-clicked (with its counterparty, to find it among the account's).
    void transactionActivated(const QString& transactionId, qint64 accountId, const QString& counterparty);

protected:
    void showEvent(QShowEvent* event) override;
    // The default period (applied until the analyst chooses one): twelve months up to today, or up to the newest
    // transaction's day when that is more than 30 days ago.
    void applyDefaultPeriod();
    void changeEvent(QEvent* event) override;

private:
    static Snapshot load(const Ledger& ledger, std::optional<qint64> accountId, qint64 fromMs, qint64 toMs);
    void display(const Snapshot& snapshot);
    void showTest(int row);
    void showChart();
    std::optional<qint64> currentAccount() const;

    Ledger& m_ledger;
    QFutureWatcher<Snapshot>* m_watcher;
    bool m_again = false;
    bool m_stale = false;
    bool m_periodChosen = false; // the analyst set the period's dates: no default moves them
    bool m_settingPeriod = false; // applyDefaultPeriod is setting them
    int m_refreshCount = 0;
    Snapshot m_last;
    QComboBox* m_account;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QTableWidget* m_tests;
    QLabel* m_summary;
    QComboBox* m_digits;
    QChartView* m_chart;
    QTableWidget* m_hits;
    QLabel* m_hitsNote;
    QLabel* m_chartNote;
};

} // namespace ledgerguard
