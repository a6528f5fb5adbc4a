// SPDX-License-Identifier: GPL-3.0-or-later
// The findings report over a scored demo ledger: a real PDF whose pages and text (read back with poppler's
// pdftotext and pdfinfo) hold the accounts, the counts by status and risk, the listed cases with their explanation
// and decision, the trend and the methods; bad options are named; the case limit says how many are not listed.
#include "generate/DemoLedger.h"
#include "money/Money.h"
#include "pdf_text.h"
#include "pipeline/DetectionPipeline.h"
#include "report/ReportWriter.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000; // 2026-05-28 UTC

using namespace pdftest;

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pdfHasThePagesAndFindings();
    void caseLimitSaysHowManyMore();
    void badOptionsAreNamed();
    void unwritablePathFailsCleanly();
    void datesWithoutATimeStayDates();
    void staleAccountsCountTheirScoredRows(); // last: it writes to the ledger

private:
    ReportOptions options() const;

    QTemporaryDir m_dir;
    ManualClock m_clock {kNow};
    std::unique_ptr<Ledger> m_ledger;
    QString m_confirmedId;
    QString m_dismissedId;
    QString m_pdftotext;
    QString m_pdfinfo;
};

void TestReport::initTestCase()
{
    const bool ci = qEnvironmentVariable("CI") == QLatin1String("true");
    if (!popplerTool(QStringLiteral("pdftotext"), &m_pdftotext)
        || !popplerTool(QStringLiteral("pdfinfo"), &m_pdfinfo)) {
        if (ci)
            QFAIL("pdftotext/pdfinfo (poppler-utils) are required under CI=true");
        QSKIP("pdftotext/pdfinfo (poppler-utils) not installed");
    }
    auto opened = Ledger::open(m_dir.filePath(QStringLiteral("report.sqlite")), m_clock);
    QVERIFY(opened.isOk());
    m_ledger = std::move(*opened);
    QVERIFY(createDemoLedger(*m_ledger, 60, 3).isOk());
    DetectionPipeline pipeline(*m_ledger);
    QVERIFY(pipeline.runNow(true).isOk());
    AnomalyFilter high;
    high.risk = Risk::High;
    auto page = m_ledger->anomalies(high, PageRequest {2, {}});
    QVERIFY(page.isOk());
    QCOMPARE(page->items.size(), 2);
    m_clock.advanceMs(kHourMs);
    m_confirmedId = page->items[0].id;
    m_dismissedId = page->items[1].id;
    QVERIFY(m_ledger->setAnomalyStatus(m_confirmedId, AnomalyStatus::Confirmed, QStringLiteral("alice")).isOk());
    QVERIFY(m_ledger->setAnomalyStatus(m_dismissedId, AnomalyStatus::Dismissed, QStringLiteral("alice")).isOk());
}

ReportOptions TestReport::options() const
{
    ReportOptions o;
    o.to = QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC).date();
    o.from = o.to.addDays(-59);
    o.ledgerName = QStringLiteral("report.sqlite");
    o.generatedAtMs = kNow;
    return o;
}

void TestReport::pdfHasThePagesAndFindings()
{
    const ReportOptions o = options();
    const QString path = m_dir.filePath(QStringLiteral("findings.pdf"));
    auto written = writeReport(*m_ledger, o, path);
    QVERIFY2(written.isOk(), qPrintable(written.status().toString()));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));

    // The pages: summary, trend, one or more per account, methods last.
    const QString info = run(m_pdfinfo, {path});
    const QRegularExpressionMatch pagesLine = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    QVERIFY(pagesLine.hasMatch());
    QCOMPARE(pagesLine.captured(1).toInt(), written->pages);
    auto data = readReportData(*m_ledger, o);
    QVERIFY(data.isOk());
    QCOMPARE(data->accounts.size(), 8);
    QVERIFY(written->pages >= 2 + 8 + 1);

    const QString text = run(m_pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")});
    QVERIFY(!text.isEmpty());
    const QStringList pages = text.split(u'\f', Qt::SkipEmptyParts);
    QCOMPARE(pages.size(), written->pages);
    QVERIFY(pages[0].contains(QStringLiteral("Findings report")));
    QVERIFY(pages[1].contains(QStringLiteral("Trend")));
    // The methods follow the cases (they may run over two pages).
    const auto bodyOf = [&](int i) { return pages[i].section(u'\n', 1).trimmed(); }; // past the header line
    int methods = -1;
    for (int i = 0; i < pages.size() && methods < 0; ++i)
        methods = bodyOf(i).startsWith(QStringLiteral("Methods")) ? i : -1;
    QVERIFY(methods >= 2 + 8);
    QVERIFY(folded(pages.mid(methods).join(u' ')).contains(riskRuleText()));
    for (int i = 0; i < pages.size(); ++i)
        QVERIFY2(pages[i].contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages.size())), qPrintable(pages[i]));

    // Each account opens its own cases page.
    int accountPages = 0;
    for (const ReportAccount& a : data->accounts) {
        QVERIFY2(pages[0].contains(a.account.name), qPrintable(a.account.name));
        for (int i = 2; i < methods; ++i) {
            if (bodyOf(i).startsWith(a.account.name)) {
                ++accountPages;
                break;
            }
        }
    }
    QCOMPARE(accountPages, 8);

    // Counts by status and risk, computed here independently from every anomaly of the ledger.
    QMap<QString, RiskCounts> expected;
    PageRequest request {kMaxPageSize, {}};
    for (;;) {
        auto page = m_ledger->anomalies({}, request);
        QVERIFY(page.isOk());
        for (const Anomaly& a : page->items) {
            if (a.transactionTimestamp >= data->fromMs && a.transactionTimestamp < data->toMs)
                ++expected[anomalyStatusKey(a.status)][int(a.risk)];
        }
        if (page->nextCursor.isEmpty())
            break;
        request.cursor = page->nextCursor;
    }
    QCOMPARE(data->anomalies(), expected);
    QVERIFY(expected.value(QStringLiteral("confirmed"))[2] >= 1);
    QVERIFY(expected.value(QStringLiteral("dismissed"))[2] >= 1);
    for (const QString& status : {QStringLiteral("open"), QStringLiteral("confirmed"), QStringLiteral("dismissed")}) {
        const RiskCounts c = expected.value(status);
        const QString row = QStringLiteral("%1\\s+%2\\s+%3\\s+%4\\s+%5")
                                .arg(status.at(0).toUpper() + status.mid(1))
                                .arg(c[2])
                                .arg(c[1])
                                .arg(c[0])
                                .arg(c[0] + c[1] + c[2]);
        QVERIFY2(QRegularExpression(row).match(pages[0]).hasMatch(), qPrintable(row + u'\n' + pages[0]));
    }

    // The listed cases: open and confirmed only, with their explanation, amount and decision.
    const QString all = folded(run(m_pdftotext, {path, QStringLiteral("-")})); // reading order, cell by cell
    bool sawConfirmed = false;
    for (const ReportAccount& a : data->accounts) {
        for (const ReportCase& c : a.cases) {
            QVERIFY(c.anomaly.status == AnomalyStatus::Open || c.anomaly.status == AnomalyStatus::Confirmed);
            QVERIFY(c.anomaly.id != m_dismissedId);
            const QString why = c.anomaly.explanation.first().toObject().value(QStringLiteral("text")).toString();
            QVERIFY(!why.isEmpty());
            QVERIFY2(all.contains(folded(why)), qPrintable(why));
            QVERIFY(
                all.contains(folded(Money(c.transaction.amount, c.transaction.currency).formatWithCurrency(o.locale))));
            if (c.anomaly.id == m_confirmedId) {
                sawConfirmed = true;
                const QString decided = QStringLiteral("Confirmed %1")
                                            .arg(QDateTime::fromMSecsSinceEpoch(kNow + kHourMs, Qt::UTC)
                                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
                QVERIFY2(all.contains(decided), qPrintable(decided));
                QVERIFY(all.contains(QStringLiteral("by alice")));
            }
        }
    }
    QVERIFY(sawConfirmed);
    QVERIFY(all.contains(QStringLiteral("Transactions scored %1").arg(o.locale.toString(data->scored()))));
    QVERIFY(data->scored() > 0);
    QCOMPARE(data->scored(), data->transactions());
}

void TestReport::staleAccountsCountTheirScoredRows()
{
    // A transaction written after the detection run (no pipeline listens here) is not scored yet.
    const Account first = m_ledger->accounts()->first();
    NewTransaction t;
    t.accountId = first.id;
    t.amount = -4200;
    t.description = QStringLiteral("Late booking");
    t.category = QStringLiteral("fees");
    t.timestamp = kNow - kHourMs;
    QVERIFY(m_ledger->addTransaction(t).isOk());
    ReportOptions o = options();
    o.accountIds = {first.id};
    auto data = readReportData(*m_ledger, o);
    QVERIFY(data.isOk());
    QVERIFY(data->accounts.first().account.isStale);
    QCOMPARE(data->scored(), data->transactions() - 1);
}

void TestReport::caseLimitSaysHowManyMore()
{
    ReportOptions o = options();
    o.maxCasesPerAccount = 1;
    auto data = readReportData(*m_ledger, o);
    QVERIFY(data.isOk());
    const ReportHtml html = reportHtml(*data, o);
    bool limited = false;
    for (const ReportAccount& a : data->accounts) {
        QVERIFY(a.cases.size() <= 1);
        if (a.openOrConfirmed > 1) {
            limited = true;
            QVERIFY(
                html.cases.join(u' ').contains(QStringLiteral("%1 more are not listed").arg(a.openOrConfirmed - 1)));
            // The one listed is the highest-scored.
            auto full = readReportData(*m_ledger, options());
            for (const ReportAccount& f : full->accounts) {
                if (f.account.id == a.account.id)
                    QCOMPARE(f.cases.first().anomaly.id, a.cases.first().anomaly.id);
            }
        }
    }
    QVERIFY(limited);
    const QString path = m_dir.filePath(QStringLiteral("limited.pdf"));
    auto written = writeReport(*m_ledger, o, path);
    QVERIFY(written.isOk());
    QCOMPARE(written->casesListed,
             qint64(std::count_if(data->accounts.cbegin(), data->accounts.cend(),
                                  [](const ReportAccount& a) { return !a.cases.isEmpty(); })));
}

void TestReport::badOptionsAreNamed()
{
    ReportOptions o = options();
    o.from = {};
    QCOMPARE(readReportData(*m_ledger, o).status().field(), QStringLiteral("from"));
    o = options();
    o.to = o.from.addDays(-1);
    QCOMPARE(readReportData(*m_ledger, o).status().field(), QStringLiteral("to"));
    o = options();
    o.generatedAtMs = 0;
    QCOMPARE(readReportData(*m_ledger, o).status().field(), QStringLiteral("generatedAtMs"));
    o = options();
    o.accountIds = {9999};
    const Status unknown = writeReport(*m_ledger, o, m_dir.filePath(QStringLiteral("none.pdf"))).status();
    QCOMPARE(unknown.field(), QStringLiteral("accountIds"));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.pdf"))));

    // A subset of accounts: only they appear.
    o = options();
    const Account first = m_ledger->accounts()->first();
    o.accountIds = {first.id};
    auto data = readReportData(*m_ledger, o);
    QVERIFY(data.isOk());
    QCOMPARE(data->accounts.size(), 1);
    QCOMPARE(data->accounts.first().account.id, first.id);
    TransactionFilter f;
    f.accountId = first.id;
    f.fromMs = data->fromMs;
    f.toMs = data->toMs;
    qint64 trendTotal = 0;
    for (const TrendBucket& b : data->trend)
        trendTotal += b.transactions;
    QCOMPARE(trendTotal, m_ledger->countTransactions(f).value());
    QCOMPARE(data->trend.size(), 60);
}

void TestReport::unwritablePathFailsCleanly()
{
    const Status s = writeReport(*m_ledger, options(), m_dir.filePath(QStringLiteral("no/such/dir/r.pdf"))).status();
    QCOMPARE(s.code(), Status::Code::IoError);
}

void TestReport::datesWithoutATimeStayDates()
{
    // Rows of a statement that gave dates only (booked at the day's noon UTC): the report names their dates, not a
    // "12:00" the bank never stated; a row with a time keeps it.
    QTemporaryDir dir;
    ManualClock clock(kNow);
    auto opened = Ledger::open(dir.filePath(QStringLiteral("dates.sqlite")), clock);
    QVERIFY(opened.isOk());
    Ledger& ledger = **opened;
    auto account = ledger.createAccount({QStringLiteral("Giro"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(account.isOk());
    const qint64 day = (kNow / kDayMs) * kDayMs;
    for (const qint64 at : {day - 3 * kDayMs + kDateOnlyTimeOfDayMs, day - kDayMs + kDateOnlyTimeOfDayMs}) {
        NewTransaction t;
        t.accountId = account->id;
        t.amount = -4200;
        t.timestamp = at;
        t.description = QStringLiteral("Rent");
        t.category = QStringLiteral("rent");
        QVERIFY(ledger.addTransaction(t).isOk());
    }
    ReportOptions o = options();
    o.ledgerName = QStringLiteral("dates.sqlite");
    const QString path = dir.filePath(QStringLiteral("dates.pdf"));
    auto written = writeReport(ledger, o, path);
    QVERIFY2(written.isOk(), qPrintable(written.status().toString()));
    const QString text = folded(run(m_pdftotext, {path, QStringLiteral("-")}));
    const auto date
        = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date().toString(Qt::ISODate); };
    QVERIFY2(text.contains(QStringLiteral("First transaction %1").arg(date(day - 3 * kDayMs))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Last transaction %1").arg(date(day - kDayMs))), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("12:00 UTC")), qPrintable(text));
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
