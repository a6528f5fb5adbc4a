// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TestsView.h"

#include "Background.h"
#include "LedgerTime.h"
#include "ledger/Ledger.h"
#include "models/LiveReload.h"
#include "money/Money.h"
#include "util/Plural.h"
#include "widgets/AccountChooser.h"
#include "widgets/Charts.h"
#include "widgets/ColumnFit.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ledgerguard {

namespace {

enum TestColumn { TestName, TestResult, TestFlagged, TestTested };
enum HitColumn { HitTime, HitAccount, HitAmount, HitCounterparty, HitFinding };

QTableWidget* makeTable(int columns, const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, columns, parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->setAlternatingRowColors(true);
    return table;
}

QTableWidgetItem* item(const QString& text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* i = new QTableWidgetItem(text);
    i->setTextAlignment(align);
    i->setToolTip(text);
    return i;
}

} // namespace

TestsView::TestsView(Ledger& ledger, QWidget* parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_watcher(new QFutureWatcher<Snapshot>(this))
    , m_account(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_tests(makeTable(4, {tr("Test"), tr("Result"), tr("Flagged"), tr("Tested")}, this))
    , m_summary(new QLabel(this))
    , m_digits(new QComboBox(this))
    , m_chart(charts::makeView(this))
    , m_hits(makeTable(5, {tr("Time"), tr("Account"), tr("Amount"), tr("Counterparty"), tr("Finding")}, this))
    , m_hitsNote(new QLabel(this))
    , m_chartNote(new QLabel(this))
{
    setObjectName(QStringLiteral("TestsView"));
    auto* title = new QLabel(tr("Classic audit tests"), this);
    title->setObjectName(QStringLiteral("viewTitle"));

    m_account->addItem(tr("All accounts"));
    m_account->setToolTip(tr("The account whose transactions are tested"));
    applyDefaultPeriod();
    for (QDateEdit* d : {m_from, m_to})
        d->setCalendarPopup(true);
    m_from->setMaximumDate(m_to->date());
    m_to->setMinimumDate(m_from->date());
    m_from->setToolTip(tr("First day of the period tested"));
    m_to->setToolTip(tr("Last day of the period tested"));
    connect(m_from, &QDateEdit::dateChanged, m_to, &QDateEdit::setMinimumDate);
    connect(m_to, &QDateEdit::dateChanged, m_from, &QDateEdit::setMaximumDate);
    m_digits->addItem(tr("First digit"), 1);
    m_digits->addItem(tr("First two digits"), 2);
    m_digits->setToolTip(tr("Which digits the Benford chart shows"));

    fitColumns(m_tests, {{TestResult, TestFlagged, TestTested}, TestName, 10, {}, 6});
    fitColumns(m_hits, {{HitTime, HitAmount}, HitFinding, 16, {HitAccount, HitCounterparty}, 6});
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hitsNote->setWordWrap(true);
    m_chartNote->setWordWrap(true);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Account"), this));
    filters->addWidget(m_account, 1);
    filters->addWidget(new QLabel(tr("From"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("To"), this));
    filters->addWidget(m_to);
    filters->addStretch(1);

    auto* chartBox = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    auto* chartHead = new QHBoxLayout;
    chartHead->addWidget(m_digits);
    chartHead->addWidget(m_chartNote, 1);
    chartLayout->addLayout(chartHead);
    chartLayout->addWidget(m_chart, 1);
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_tests);
    top->addWidget(chartBox);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    top->setChildrenCollapsible(false);

    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_summary);
    bottomLayout->addWidget(m_hits, 1);
    bottomLayout->addWidget(m_hitsNote);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    connect(m_account, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(m_from, &QDateEdit::dateChanged, this, [this] {
        m_periodChosen = m_periodChosen || !m_settingPeriod;
        refresh();
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this] {
        m_periodChosen = m_periodChosen || !m_settingPeriod;
        refresh();
    });
    connect(m_digits, &QComboBox::currentIndexChanged, this, [this] { showChart(); });
    connect(m_tests, &QTableWidget::currentCellChanged, this, [this](int row) { showTest(row); });
    // The current transaction's finding in full under the table (the column elides long ones).
    connect(m_hits, &QTableWidget::currentCellChanged, this, [this](int row) {
        const QTableWidgetItem* finding = m_hits->item(row, HitFinding);
        if (finding)
            m_hitsNote->setText(tr("%1. Double-click a transaction to open it.").arg(finding->text()));
    });
    connect(m_hits, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const QTableWidgetItem* i = m_hits->item(row, HitTime);
        if (i)
            Q_EMIT transactionActivated(i->data(Qt::UserRole).toString(), i->data(Qt::UserRole + 1).toLongLong(),
                                        m_hits->item(row, HitCounterparty)->text());
    });
    connect(m_watcher, &QFutureWatcher<Snapshot>::finished, this, [this] {
        display(m_watcher->result());
        if (m_again) {
            m_again = false;
            refresh();
        }
    });
    reloadOnLedgerChanges(m_ledger, this, LedgerChange::Transactions | LedgerChange::Accounts, 500, [this] {
        if (isVisible())
            refresh();
        else
            m_stale = true;
    });
    m_stale = true; // the first run waits until the view is shown
}

TestsView::~TestsView()
{
    m_watcher->waitForFinished();
}

std::optional<qint64> TestsView::currentAccount() const
{
    const QVariant data = m_account->currentData();
    return data.isValid() ? std::optional<qint64>(data.toLongLong()) : std::nullopt;
}

TestsView::Snapshot TestsView::load(const Ledger& ledger, std::optional<qint64> accountId, qint64 fromMs, qint64 toMs)
{
    Snapshot s;
    auto accounts = ledger.accounts();
    if (!accounts) {
        s.status = accounts.status();
        return s;
    }
    s.accounts = *accounts;
    auto results = runAuditTests(ledger, accountId, fromMs, toMs);
    if (!results) {
        s.status = results.status();
        return s;
    }
    s.results = std::move(*results);
    return s;
}

void TestsView::refresh()
{
    if (m_watcher->isRunning()) {
        m_again = true;
        return;
    }
    m_stale = false;
    const Ledger* ledger = &m_ledger;
    const auto account = currentAccount();
    const qint64 from = m_from->date().startOfDay().toMSecsSinceEpoch();
    const qint64 to = m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch();
    m_watcher->setFuture(runInBackground([ledger, account, from, to] { return load(*ledger, account, from, to); }));
}

void TestsView::refreshNow()
{
    m_watcher->waitForFinished();
    m_stale = false;
    display(load(m_ledger, currentAccount(), m_from->date().startOfDay().toMSecsSinceEpoch(),
                 m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch()));
}

bool TestsView::isLoading() const
{
    return m_watcher->isRunning();
}

void TestsView::setAccount(std::optional<qint64> accountId)
{
    const int index = accountId ? m_account->findData(*accountId) : 0;
    if (index >= 0)
        m_account->setCurrentIndex(index);
}

void TestsView::setPeriod(const QDate& from, const QDate& to)
{
    m_from->setMaximumDate(QDate(9999, 12, 31));
    m_to->setMinimumDate(QDate(100, 1, 1));
    m_from->setDate(from);
    m_to->setDate(to);
}

void TestsView::selectTest(const QString& key)
{
    for (int r = 0; r < m_tests->rowCount(); ++r)
        if (m_tests->item(r, TestName)->data(Qt::UserRole).toString() == key) {
            const QSignalBlocker block(m_tests);
            m_tests->setCurrentCell(r, TestName);
            showTest(r);
        }
}

void TestsView::applyDefaultPeriod()
{
    // The twelve months up to today, or up to the newest transaction's day when the ledger has none in the last 30
    // days (imported statements of past months), until the analyst chooses a period.
    QDate last = ledgerToday(m_ledger);
    if (auto accounts = m_ledger.accounts()) {
        if (const std::optional<qint64> newest = newestActivity(*accounts)) {
            const QDate day = QDateTime::fromMSecsSinceEpoch(*newest).toLocalTime().date();
            if (day < last.addDays(-29))
                last = day;
        }
    }
    const QDate first = last.addYears(-1).addDays(1);
    if (m_from->date() == first && m_to->date() == last)
        return;
    m_settingPeriod = true;
    m_from->setMaximumDate(QDate(9999, 12, 31));
    m_to->setMinimumDate(QDate(100, 1, 1));
    m_from->setDate(first);
    m_to->setDate(last);
    m_from->setMaximumDate(last);
    m_to->setMinimumDate(first);
    m_settingPeriod = false;
}

void TestsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_periodChosen)
        applyDefaultPeriod();
    if (m_stale)
        refresh();
}

void TestsView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_refreshCount > 0)
        showChart();
}

void TestsView::display(const Snapshot& snapshot)
{
    ++m_refreshCount;
    const QString selected = m_tests->currentRow() >= 0 && m_tests->item(m_tests->currentRow(), TestName)
        ? m_tests->item(m_tests->currentRow(), TestName)->data(Qt::UserRole).toString()
        : QString();
    m_last = snapshot;
    if (!snapshot.status.isOk()) {
        // Shown, never swallowed: the list empties and the summary says why.
        m_tests->setRowCount(0);
        m_hits->setRowCount(0);
        m_summary->setText(tr("The tests could not run: %1").arg(snapshot.status.toString()));
        Q_EMIT refreshed();
        return;
    }
    {
        const QSignalBlocker block(m_account);
        fillAccountChooser(m_account, snapshot.accounts, tr("All accounts"));
    }
    const QLocale locale;
    const QSignalBlocker block(m_tests);
    m_tests->setRowCount(int(snapshot.results->tests.size()));
    int row = 0;
    int select = 0;
    for (const AuditTestResult& t : snapshot.results->tests) {
        auto* name = item(t.name);
        name->setData(Qt::UserRole, t.key);
        m_tests->setItem(row, TestName, name);
        auto* result = item(auditOutcomeLabel(t.outcome));
        result->setData(Qt::UserRole, auditOutcomeKey(t.outcome));
        if (t.outcome == AuditOutcome::Finding) {
            QFont bold = result->font();
            bold.setBold(true);
            result->setFont(bold);
        }
        m_tests->setItem(row, TestResult, result);
        m_tests->setItem(row, TestFlagged,
                         item(locale.toString(qint64(t.hits.size())), Qt::AlignRight | Qt::AlignVCenter));
        m_tests->setItem(row, TestTested, item(locale.toString(t.tested), Qt::AlignRight | Qt::AlignVCenter));
        if (t.key == selected)
            select = row;
        ++row;
    }
    m_tests->setCurrentCell(select, TestName);
    showTest(select);
    showChart();
    Q_EMIT refreshed();
}

void TestsView::showTest(int row)
{
    m_hits->setRowCount(0);
    m_hitsNote->clear();
    if (!m_last.results || row < 0 || row >= m_last.results->tests.size()) {
        m_summary->clear();
        return;
    }
    const AuditResults& r = *m_last.results;
    const AuditTestResult& t = r.tests[row];
    m_summary->setText(QStringLiteral("<b>%1: %2.</b> %3")
                           .arg(t.name.toHtmlEscaped(), auditOutcomeLabel(t.outcome), t.summary.toHtmlEscaped()));
    if (t.key.startsWith(QLatin1String("benford")))
        m_digits->setCurrentIndex(t.key == QLatin1String("benford_first_two") ? 1 : 0);
    QHash<qint64, QString> accountNames;
    for (const Account& a : m_last.accounts)
        accountNames.insert(a.id, a.name);
    const QLocale locale;
    const int shown = int(std::min<qsizetype>(t.hits.size(), kMaxListed));
    m_hits->setUpdatesEnabled(false);
    m_hits->setRowCount(shown);
    for (int i = 0; i < shown; ++i) {
        const AuditHit& hit = t.hits[i];
        const AuditRow& row = r.rows[size_t(hit.row)];
        auto* time = item(bookingTime(locale, row.timestamp));
        time->setData(Qt::UserRole, row.id);
        time->setData(Qt::UserRole + 1, row.accountId);
        m_hits->setItem(i, HitTime, time);
        m_hits->setItem(i, HitAccount, item(accountNames.value(row.accountId)));
        m_hits->setItem(
            i, HitAmount,
            item(Money(row.amount, row.currency).formatWithCurrency(locale), Qt::AlignRight | Qt::AlignVCenter));
        m_hits->setItem(i, HitCounterparty, item(row.counterparty));
        m_hits->setItem(i, HitFinding, item(hit.text));
    }
    m_hits->setUpdatesEnabled(true);
    if (t.hits.size() > kMaxListed)
        m_hitsNote->setText(tr("Showing the first %1 of %2 flagged transactions.")
                                .arg(locale.toString(kMaxListed), locale.toString(qint64(t.hits.size()))));
    else if (!t.hits.isEmpty())
        m_hitsNote->setText(tr("Double-click a transaction to open it."));
}

void TestsView::showChart()
{
    if (!m_last.results)
        return;
    const BenfordResult& b
        = m_digits->currentData().toInt() == 2 ? m_last.results->firstTwoDigits : m_last.results->firstDigit;
    const QLocale locale;
    const QString verdict = b.enoughData
        ? tr("MAD %1: %2").arg(locale.toString(b.mad, 'f', b.digits == 1 ? 4 : 5), benfordConformityLabel(b.conformity))
        : tr("not enough data (the test needs %1)").arg(locale.toString(b.minimum));
    m_chartNote->setText(tr("%1; %2.").arg(plural(b.count, tr("%n amount"), tr("%n amounts")), verdict));
    charts::showBenford(m_chart,
                        b.digits == 1 ? tr("Benford's law, first digit") : tr("Benford's law, first two digits"),
                        b.digits == 1 ? 1 : 10, b.observed, b.expected);
}

} // namespace ledgerguard
