// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportWriter.h"

#include "detect/IsolationForest.h"
#include "money/Money.h"
#include "pipeline/DetectionPipeline.h"
#include "util/Clock.h"

#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <algorithm>

namespace ledgerguard {

namespace {

constexpr int kDpi = 300;
constexpr int kMaxTrendBuckets = 366;

// Palette: flat, high contrast, print-safe.
const QColor kInk(0x1a, 0x1a, 0x1a);
const QColor kMuted(0x55, 0x5b, 0x63);
const QColor kRule(0xb8, 0xbe, 0xc6);
const QColor kVolume(0x7d, 0x8b, 0x99);
const std::array<QColor, 3> kRiskColours {QColor(0x9a, 0xa5, 0xb1), QColor(0xd9, 0x8c, 0x1f), QColor(0xb3, 0x1b, 0x1b)};

QString utcTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")) + u" UTC";
}

QString utcDay(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
}

// A transaction's booking time as its statement gave it: the date alone where it gave no time of day (a booking at
// "12:00" the bank never stated misleads), else the UTC time, with the zone's name when `withZone`.
QString bookedAt(qint64 ms, bool withZone)
{
    if (isDateOnlyTimestamp(ms))
        return utcDay(ms);
    const QString t = utcTime(ms);
    return withZone ? t : t.chopped(4);
}

QString periodText(const ReportOptions& o)
{
    return o.from.toString(Qt::ISODate) + u" to " + o.to.toString(Qt::ISODate) + u" (UTC)";
}

QString statusLabel(const QString& key)
{
    return key.isEmpty() ? key : key.at(0).toUpper() + key.mid(1);
}

// Status keys in display order: the known ones first, then any others the ledger has, alphabetically.
QStringList statusKeys(const QMap<QString, RiskCounts>& counts)
{
    QStringList keys {anomalyStatusKey(AnomalyStatus::Open), anomalyStatusKey(AnomalyStatus::Confirmed),
                      anomalyStatusKey(AnomalyStatus::Dismissed)};
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (!keys.contains(it.key()))
            keys.append(it.key());
    }
    return keys;
}

qint64 total(const RiskCounts& c)
{
    return c[0] + c[1] + c[2];
}

// Orders cases best first: higher score, then newer transaction, then id.
bool ranksBefore(const Anomaly& a, const Anomaly& b)
{
    if (a.score != b.score)
        return a.score > b.score;
    if (a.transactionTimestamp != b.transactionTimestamp)
        return a.transactionTimestamp > b.transactionTimestamp;
    return a.id > b.id;
}

// The classic tests as the report keeps them: kReportHitsPerTest hits per test and only their rows.
AuditResults trimmedForReport(AuditResults results)
{
    std::vector<AuditRow> rows;
    for (AuditTestResult& t : results.tests) {
        if (t.hits.size() > kReportHitsPerTest)
            t.hits.resize(kReportHitsPerTest);
        for (AuditHit& h : t.hits) {
            rows.push_back(results.rows[size_t(h.row)]);
            h.row = qsizetype(rows.size()) - 1;
            h.related.clear();
        }
    }
    results.rows = std::move(rows);
    return results;
}

Status readAccount(const Ledger& ledger, const ReportOptions& options, ReportData& data, ReportAccount& out)
{
    TransactionFilter tf;
    tf.accountId = out.account.id;
    tf.fromMs = data.fromMs;
    tf.toMs = data.toMs;
    auto count = ledger.countTransactions(tf);
    if (!count)
        return count.status();
    out.transactions = *count;
    // A detection run scores every transaction of the account and clears the stale flag only when nothing was written
    // meanwhile, so an account that is not stale has all its transactions scored. Counting by risk reads every row of
    // the period (the risk column has no index), so it is done only for stale accounts.
    if (!out.account.isStale)
        out.scored = out.transactions;
    for (Risk r : out.account.isStale ? QList<Risk> {Risk::Low, Risk::Medium, Risk::High} : QList<Risk> {}) {
        TransactionFilter scored = tf;
        scored.risk = r;
        auto n = ledger.countTransactions(scored);
        if (!n)
            return n.status();
        out.scored += *n;
    }
    for (bool ascending : {true, false}) {
        TransactionFilter edge = tf;
        edge.ascending = ascending;
        auto page = ledger.transactions(edge, PageRequest {1, {}});
        if (!page)
            return page.status();
        if (page->items.isEmpty())
            continue;
        const qint64 t = page->items.first().timestamp;
        std::optional<qint64>& bound = ascending ? data.firstTransactionMs : data.lastTransactionMs;
        bound = bound ? (ascending ? std::min(*bound, t) : std::max(*bound, t)) : t;
    }

    // Anomalies are filtered by detection time; a transaction is at most kMaxFutureMs ahead of its write, and it is
    // detected after it is written, so every anomaly of a transaction in the period has detected_at >= from - that.
    AnomalyFilter af;
    af.accountId = out.account.id;
    af.fromMs = data.fromMs - kMaxFutureMs;
    const qint64 bucketMs = data.bucketDays * kDayMs;
    std::vector<Anomaly> heap; // worst listed case on top
    const auto worseFirst = [](const Anomaly& a, const Anomaly& b) { return ranksBefore(a, b); };
    PageRequest request {kMaxPageSize, {}};
    for (;;) {
        auto page = ledger.anomalies(af, request);
        if (!page)
            return page.status();
        for (Anomaly& a : page->items) {
            if (a.transactionTimestamp < data.fromMs || a.transactionTimestamp >= data.toMs)
                continue;
            const int risk = int(a.risk);
            ++out.anomalies[anomalyStatusKey(a.status)][risk];
            if (a.status != AnomalyStatus::Dismissed)
                ++data.trend[(a.transactionTimestamp - data.fromMs) / bucketMs].anomalies[risk];
            if (a.status != AnomalyStatus::Open && a.status != AnomalyStatus::Confirmed)
                continue;
            ++out.openOrConfirmed;
            if (int(heap.size()) < options.maxCasesPerAccount) {
                heap.push_back(std::move(a));
                std::push_heap(heap.begin(), heap.end(), worseFirst);
            } else if (ranksBefore(a, heap.front())) {
                std::pop_heap(heap.begin(), heap.end(), worseFirst);
                heap.back() = std::move(a);
                std::push_heap(heap.begin(), heap.end(), worseFirst);
            }
        }
        if (page->nextCursor.isEmpty())
            break;
        request.cursor = page->nextCursor;
    }
    std::sort(heap.begin(), heap.end(), ranksBefore);
    for (Anomaly& a : heap) {
        auto t = ledger.transaction(a.transactionId);
        if (!t)
            return t.status();
        out.cases.append(ReportCase {std::move(a), std::move(*t)});
    }
    out.model = DetectionPipeline::storedForest(ledger, out.account.id);
    if (options.classicTests) {
        auto tests = runAuditTests(ledger, out.account.id, data.fromMs, data.toMs);
        if (!tests)
            return tests.status();
        out.classicTests = trimmedForReport(std::move(*tests));
    }
    return Status::ok();
}

// ---- HTML ----

// Lengths in px are device pixels of the PDF writer (kDpi per inch): 12 px is 1 mm.
const char* const kStyle = "<style>"
                           "h1 { font-size: 20pt; font-weight: 600; margin-top: 0px; margin-bottom: 16px; }"
                           "h2 { font-size: 13pt; font-weight: 600; margin-top: 34px; margin-bottom: 10px; }"
                           "h3 { font-size: 10.5pt; font-weight: 600; margin-top: 40px; margin-bottom: 12px; }"
                           "p { margin-top: 6px; margin-bottom: 14px; }"
                           "th { background-color: #1f2d3d; color: #ffffff; font-weight: 600; }"
                           "td.muted, p.muted, span.muted { color: #555b63; }"
                           "tr.alt { background-color: #eef0f3; }"
                           "tr.total { font-weight: 600; background-color: #dfe3e8; }"
                           "</style>";

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString num(const ReportOptions& o, qint64 n)
{
    return o.locale.toString(n);
}

QString tableStart()
{
    return QStringLiteral(
        "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"7\" border=\"0\" style=\"border-collapse: collapse;\">");
}

// A header row, repeated at the top of each page the table runs onto; columns whose name starts with '>' are
// right-aligned; `widths` (percent) when given.
QString headerRow(const QStringList& columns, const QList<int>& widths = {})
{
    QString out = QStringLiteral("<thead><tr>");
    for (int i = 0; i < columns.size(); ++i) {
        const QString& c = columns[i];
        const bool right = c.startsWith(u'>');
        out += QStringLiteral("<th align=\"%1\"%2>")
                   .arg(right ? QStringLiteral("right") : QStringLiteral("left"),
                        i < widths.size() ? QStringLiteral(" width=\"%1%\"").arg(widths[i]) : QString())
            + esc(right ? c.mid(1) : c) + u"</th>";
    }
    return out + u"</tr></thead>";
}

// The opening tag of the next body row; every other row is shaded.
QString rowStart(int& row)
{
    return row++ % 2 ? QStringLiteral("<tr class=\"alt\">") : QStringLiteral("<tr>");
}

// A two-column table of labels (muted, `labelWidth` percent) and values (HTML).
QString factsTable(const QList<std::pair<QString, QString>>& facts, int labelWidth)
{
    QString h = tableStart();
    for (const auto& [label, value] : facts)
        h += QStringLiteral("<tr><td width=\"%1%\" class=\"muted\">").arg(labelWidth) + esc(label) + u"</td><td>"
            + value + u"</td></tr>";
    return h + u"</table>";
}

QString cell(const QString& html, bool right = false)
{
    return (right ? QStringLiteral("<td align=\"right\">") : QStringLiteral("<td>")) + html + u"</td>";
}

QString nowrapCell(const QString& html, bool right = false)
{
    return (right ? QStringLiteral("<td align=\"right\" style=\"white-space: nowrap;\">")
                  : QStringLiteral("<td style=\"white-space: nowrap;\">"))
        + html + u"</td>";
}

QString summaryHtml(const ReportData& data, const ReportOptions& o)
{
    QString h = QString::fromLatin1(kStyle);
    h += u"<h1>" + esc(o.title) + u"</h1>";
    h += u"<p class=\"muted\">Anomaly findings of the LedgerGuard detector and the analysts' decisions.</p>";
    QStringList names;
    for (const ReportAccount& a : data.accounts)
        names << a.account.name;
    const QList<std::pair<QString, QString>> facts {
        {QStringLiteral("Ledger"), esc(o.ledgerName)},
        {QStringLiteral("Period"), esc(periodText(o))},
        {QStringLiteral("Accounts"),
         esc(o.accountIds.isEmpty() ? QStringLiteral("All (%1): ").arg(names.size()) + names.join(u", ")
                                    : names.join(u", "))},
        {QStringLiteral("Generated at"), esc(utcTime(o.generatedAtMs))},
        {QStringLiteral("Transactions in period"), num(o, data.transactions())},
        {QStringLiteral("Transactions scored"), num(o, data.scored())},
    };
    h += factsTable(facts, 28);

    h += u"<h2>Anomalies by status and risk</h2>";
    h += u"<p class=\"muted\">Anomalies whose transaction lies in the period.</p>";
    h += tableStart()
        + headerRow({QStringLiteral("Status"), QStringLiteral(">HIGH"), QStringLiteral(">MEDIUM"),
                     QStringLiteral(">LOW"), QStringLiteral(">Total")});
    const QMap<QString, RiskCounts> counts = data.anomalies();
    RiskCounts sum {};
    int row = 0;
    for (const QString& key : statusKeys(counts)) {
        const RiskCounts c = counts.value(key);
        for (int r = 0; r < 3; ++r)
            sum[r] += c[r];
        h += rowStart(row) + cell(statusLabel(key)) + cell(num(o, c[2]), true) + cell(num(o, c[1]), true)
            + cell(num(o, c[0]), true) + cell(num(o, total(c)), true) + u"</tr>";
    }
    h += u"<tr class=\"total\">" + cell(QStringLiteral("Total")) + cell(num(o, sum[2]), true)
        + cell(num(o, sum[1]), true) + cell(num(o, sum[0]), true) + cell(num(o, total(sum)), true) + u"</tr>";
    h += u"</table>";

    h += u"<h2>Accounts</h2>";
    h += tableStart()
        + headerRow({QStringLiteral("Account"), QStringLiteral("Currency"), QStringLiteral(">Transactions"),
                     QStringLiteral(">Open"), QStringLiteral(">Confirmed"), QStringLiteral(">Dismissed"),
                     QStringLiteral(">Balance")});
    row = 0;
    for (const ReportAccount& a : data.accounts) {
        h += rowStart(row) + cell(esc(a.account.name)) + cell(esc(a.account.currency))
            + cell(num(o, a.transactions), true)
            + cell(num(o, total(a.anomalies.value(anomalyStatusKey(AnomalyStatus::Open)))), true)
            + cell(num(o, total(a.anomalies.value(anomalyStatusKey(AnomalyStatus::Confirmed)))), true)
            + cell(num(o, total(a.anomalies.value(anomalyStatusKey(AnomalyStatus::Dismissed)))), true)
            + cell(esc(Money(a.account.balance, a.account.currency).formatWithCurrency(o.locale)), true) + u"</tr>";
    }
    h += u"</table>";
    h += u"<p class=\"muted\">Balance: the account's current balance. The trend, the cases and the methods follow on "
         u"the next pages.</p>";
    return h;
}

QString explanationText(const Anomaly& a)
{
    QStringList parts;
    for (const QJsonValue& v : a.explanation) {
        const QString text = v.toObject().value(QStringLiteral("text")).toString();
        if (!text.isEmpty())
            parts << text;
    }
    return parts.join(u"; ");
}

// The decision cell: the status, then when (UTC, as the column says) and by whom, each on its own line.
QString decisionHtml(const Anomaly& a)
{
    const CaseDecision d = caseDecision(a);
    QString out = esc(statusLabel(d.status));
    if (d.at)
        out += u"<br/><span class=\"muted\" style=\"white-space: nowrap;\">" + esc(utcTime(*d.at).chopped(4))
            + u"</span>";
    if (!d.by.isEmpty())
        out += u"<br/><span class=\"muted\">by " + esc(d.by) + u"</span>";
    return out;
}

// One account's cases page(s).
QString casesHtml(const ReportAccount& a, const ReportOptions& o)
{
    QString h = QString::fromLatin1(kStyle);
    h += u"<h2>" + esc(a.account.name) + u"</h2>";
    h += u"<p class=\"muted\">" + esc(accountTypeLabel(a.account.type)) + u", " + esc(a.account.currency) + u". "
        + num(o, a.openOrConfirmed) + u" open and confirmed cases in the period";
    if (a.openOrConfirmed > a.cases.size())
        h += u"; the " + num(o, a.cases.size()) + u" highest-scored are listed, "
            + num(o, a.openOrConfirmed - a.cases.size()) + u" more are not listed";
    h += u".</p>";
    if (a.cases.isEmpty())
        return h;
    h += tableStart()
        + headerRow({QStringLiteral("Time (UTC)"), QStringLiteral(">Amount"),
                     QStringLiteral("Counterparty / description"), QStringLiteral(">Score"), QStringLiteral("Risk"),
                     QStringLiteral("Decision (UTC)")},
                    {15, 14, 28, 9, 11, 23});
    int row = 0;
    for (const ReportCase& c : a.cases) {
        const QString tr = rowStart(row);
        const Transaction& t = c.transaction;
        QString who = esc(t.counterparty.isEmpty() ? QStringLiteral("(no counterparty)") : t.counterparty);
        who += u"<br/><span class=\"muted\">" + esc(t.description) + u"</span>";
        h += tr + nowrapCell(esc(bookedAt(t.timestamp, false)))
            + nowrapCell(esc(Money(t.amount, t.currency).formatWithCurrency(o.locale)), true) + cell(who)
            + cell(o.locale.toString(c.anomaly.score, 'f', 3), true) + cell(u"<b>" + riskName(c.anomaly.risk) + u"</b>")
            + cell(decisionHtml(c.anomaly)) + u"</tr>";
        const QString why = explanationText(c.anomaly);
        h += tr + u"<td></td><td colspan=\"5\"><span class=\"muted\">Why: </span>"
            + esc(why.isEmpty() ? QStringLiteral("no explanation stored") : why) + u"</td></tr>";
    }
    h += u"</table>";
    return h;
}

QString benfordChartName(const ReportAccount& a)
{
    return QStringLiteral("benford-%1.png").arg(a.account.id);
}

QString classicTestsHtml(const ReportAccount& a, const ReportOptions& o)
{
    if (!a.classicTests)
        return {};
    const AuditResults& r = *a.classicTests;
    QString h = u"<h3>Classic tests</h3><p class=\"muted\">The auditor's tests over the account's transactions in "
                u"the period (docs/DETECTION.md, \"Classic tests\"); under a finding, the first "
        + num(o, kReportHitsPerTest) + u" of the transactions behind it.</p>";
    h += tableStart()
        + headerRow({QStringLiteral("Test"), QStringLiteral("Result"), QStringLiteral(">Flagged"),
                     QStringLiteral(">Tested"), QStringLiteral("Summary")},
                    {23, 14, 11, 10, 42});
    int row = 0;
    for (const AuditTestResult& t : r.tests) {
        const QString tr = rowStart(row);
        const QString result = t.outcome == AuditOutcome::Finding ? u"<b>" + auditOutcomeLabel(t.outcome) + u"</b>"
                                                                  : esc(auditOutcomeLabel(t.outcome));
        h += tr + cell(esc(t.name)) + nowrapCell(result) + cell(num(o, t.flagged), true) + cell(num(o, t.tested), true)
            + cell(esc(t.summary)) + u"</tr>";
        for (const AuditHit& hit : t.hits) {
            const AuditRow& x = r.rows[size_t(hit.row)];
            h += tr + u"<td></td><td colspan=\"4\"><span class=\"muted\">" + esc(bookedAt(x.timestamp, false))
                + u" \u00b7 " + esc(Money(x.amount, x.currency).formatWithCurrency(o.locale)) + u" \u00b7 </span>"
                + esc(hit.text) + u"</td></tr>";
        }
    }
    h += u"</table>";
    const auto [name, image] = benfordChart(a);
    h += QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"/></p>")
             .arg(name)
             .arg(image.width())
             .arg(image.height());
    for (const BenfordResult* b : {&r.firstDigit, &r.firstTwoDigits}) {
        const QString which = b->digits == 1 ? QStringLiteral("First digit") : QStringLiteral("First two digits");
        h += u"<p class=\"muted\">" + which + u": " + num(o, b->count) + u" amounts; "
            + (b->enoughData ? QStringLiteral("MAD %1, %2")
                                   .arg(o.locale.toString(b->mad, 'f', b->digits == 1 ? 4 : 5),
                                        benfordConformityLabel(b->conformity))
                             : QStringLiteral("not enough data (the test needs %1)").arg(num(o, b->minimum)))
            + u".</p>";
    }
    return h;
}

QString methodsHtml(const ReportData& data, const ReportOptions& o)
{
    QString h = QString::fromLatin1(kStyle);
    h += u"<h1>Methods</h1>";
    h += u"<h2>Model</h2>";
    h += u"<p>Each account's transactions are scored by an Isolation Forest (Liu, Ting and Zhou, ICDM 2008) fitted on "
         u"the account's own history; accounts with a short history share a model pooled across such accounts. A "
         u"transaction that random splits isolate in few steps scores high. The explanation names the features whose "
         u"splits isolated the transaction most.</p>";
    h += tableStart()
        + headerRow({QStringLiteral("Account"), QStringLiteral(">Trees"), QStringLiteral(">Sample size"),
                     QStringLiteral(">Height limit"), QStringLiteral(">Seed"), QStringLiteral(">Median raw score"),
                     QStringLiteral(">Spread")});
    int row = 0;
    for (const ReportAccount& a : data.accounts) {
        h += rowStart(row) + cell(esc(a.account.name));
        if (!a.model) {
            h += u"<td colspan=\"6\" class=\"muted\">no stored model (not scored yet)</td></tr>";
            continue;
        }
        const IsolationForest::Options& f = a.model->options();
        h += cell(num(o, a.model->treeCount()), true) + cell(num(o, f.sampleSize), true)
            + cell(num(o, f.maxDepth), true) + cell(QString::number(f.seed), true)
            + cell(o.locale.toString(a.model->calibration().median, 'f', 4), true)
            + cell(o.locale.toString(a.model->calibration().spread, 'f', 4), true) + u"</tr>";
    }
    h += u"</table>";
    h += u"<h2>Calibration</h2>";
    h += u"<p>Each model learns how the raw scores of its training transactions are spread: the median raw score and "
         u"a spread read off the upper tail (the 99th percentile). A raw score s becomes the calibrated score "
         u"1 / (1 + exp(&minus;ln 4 &middot; (z &minus; 2))) with z = (s &minus; median) / spread, so 0.5 means two "
         u"spreads above the median and 0.8 three, on every model alike.</p>";
    h += u"<h2>Risk levels</h2>";
    h += u"<p>" + esc(riskRuleText())
        + u" (calibrated score). A case opens at MEDIUM or HIGH; a re-score below MEDIUM keeps it as cleared, and "
          u"analysts' decisions are never changed by a re-score.</p>";
    h += u"<h2>Data covered</h2>";
    const QList<std::pair<QString, QString>> facts {
        {QStringLiteral("Period"), esc(periodText(o))},
        {QStringLiteral("First transaction"),
         data.firstTransactionMs ? esc(bookedAt(*data.firstTransactionMs, true)) : QStringLiteral("none")},
        {QStringLiteral("Last transaction"),
         data.lastTransactionMs ? esc(bookedAt(*data.lastTransactionMs, true)) : QStringLiteral("none")},
        {QStringLiteral("Transactions in period"), num(o, data.transactions())},
        {QStringLiteral("Transactions scored"), num(o, data.scored())},
        {QStringLiteral("Trend buckets"),
         data.bucketDays == 1 ? QStringLiteral("one day") : QStringLiteral("%1 days").arg(data.bucketDays)},
        {QStringLiteral("Cases listed per account"),
         QStringLiteral("at most %1, highest score first (open and "
                        "confirmed)")
             .arg(num(o, o.maxCasesPerAccount))},
    };
    h += factsTable(facts, 32);
    h += u"<p class=\"muted\">Times are UTC. Amounts are exact, in the account's currency.</p>";
    return h;
}

// ---- PDF ----

// The report's font, without shaping for the scripts that need none: no ligatures, so the PDF's text reads back as
// typed ("fi", not U+FB01) when searched or copied.
QFont reportFont(double pointSize, bool bold = false)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    font.setStyleStrategy(QFont::PreferNoShaping);
    return font;
}

struct PageGeometry
{
    QRectF page; // the whole page, device units
    QRectF body;
    double mm = 0; // device units per millimetre
};

void drawFrame(QPainter& p, const PageGeometry& g, const ReportOptions& o, int pageNo, int pages)
{
    p.setFont(reportFont(7.5));
    p.setPen(kMuted);
    const double top = g.body.top() - 6 * g.mm;
    const QRectF header(g.body.left(), top - 6 * g.mm, g.body.width(), 6 * g.mm);
    p.drawText(header, Qt::AlignLeft | Qt::AlignBottom,
               o.title + u" \u2014 " + (o.ledgerName.isEmpty() ? QStringLiteral("ledger") : o.ledgerName));
    p.drawText(header, Qt::AlignRight | Qt::AlignBottom, QStringLiteral("Period ") + periodText(o));
    p.setPen(QPen(kRule, 0.25 * g.mm));
    p.drawLine(QPointF(g.body.left(), top + 1.5 * g.mm), QPointF(g.body.right(), top + 1.5 * g.mm));
    const double bottom = g.body.bottom() + 5 * g.mm;
    p.drawLine(QPointF(g.body.left(), bottom), QPointF(g.body.right(), bottom));
    p.setPen(kMuted);
    const QRectF footer(g.body.left(), bottom + 1.5 * g.mm, g.body.width(), 6 * g.mm);
    p.drawText(footer, Qt::AlignLeft | Qt::AlignTop,
               QStringLiteral("LedgerGuard \u00b7 generated ") + utcTime(o.generatedAtMs));
    p.drawText(footer, Qt::AlignRight | Qt::AlignTop, QStringLiteral("Page %1 of %2").arg(pageNo).arg(pages));
}

std::unique_ptr<QTextDocument> layoutDocument(const QString& html, QPdfWriter& writer, const PageGeometry& g,
                                              const std::pair<QString, QImage>& image = {})
{
    auto doc = std::make_unique<QTextDocument>();
    if (!image.first.isEmpty())
        doc->addResource(QTextDocument::ImageResource, QUrl(image.first), image.second);
    doc->documentLayout()->setPaintDevice(&writer);
    const QFont font = reportFont(8.5);
    doc->setDefaultFont(font);
    doc->setDocumentMargin(0);
    doc->setHtml(html);
    doc->setPageSize(g.body.size());
    return doc;
}

void drawDocumentPage(QPainter& p, QTextDocument& doc, const PageGeometry& g, int index)
{
    p.save();
    p.translate(g.body.left(), g.body.top() - index * g.body.height());
    doc.drawContents(&p, QRectF(0, index * g.body.height(), g.body.width(), g.body.height()));
    p.restore();
}

// One bar panel of the trend chart: `values` per bucket, stacked in `colours` order from the bottom.
void drawPanel(QPainter& p, const PageGeometry& g, const QRectF& area, const QString& title,
               const QList<std::array<qint64, 3>>& values, const std::array<QColor, 3>& colours,
               const QList<qint64>& bucketStarts, const ReportOptions& o)
{
    const QFont label = reportFont(8);
    p.setFont(reportFont(10, true));
    p.setPen(kInk);
    const QRectF titleRect(area.left(), area.top(), area.width(), 8 * g.mm);
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, title);
    const QRectF plot(area.left() + 14 * g.mm, area.top() + 11 * g.mm, area.width() - 14 * g.mm,
                      area.height() - 19 * g.mm);
    qint64 max = 0;
    for (const auto& v : values)
        max = std::max(max, v[0] + v[1] + v[2]);
    // A round axis maximum: 1, 2 or 5 times a power of ten.
    qint64 axis = 4; // at least 4, so each of the four grid steps is a whole number
    while (axis < max) {
        if (axis * 2 >= max)
            axis *= 2;
        else if (axis * 5 >= max)
            axis *= 5;
        else
            axis *= 10;
    }
    p.setFont(label);
    for (int i = 0; i <= 4; ++i) {
        const double y = plot.bottom() - plot.height() * i / 4.0;
        p.setPen(QPen(i == 0 ? kInk : kRule, (i == 0 ? 0.3 : 0.15) * g.mm));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(kMuted);
        const qint64 tick = axis * i / 4;
        if (axis * i % 4 == 0)
            p.drawText(QRectF(area.left(), y - 3 * g.mm, 12 * g.mm, 6 * g.mm), Qt::AlignRight | Qt::AlignVCenter,
                       o.locale.toString(tick));
    }
    const int n = int(values.size());
    const double slot = n > 0 ? plot.width() / n : plot.width();
    const double bar = std::max(slot * 0.78, 0.1 * g.mm);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < n; ++i) {
        double y = plot.bottom();
        for (int k = 0; k < 3; ++k) {
            const double hgt = plot.height() * double(values[i][k]) / double(axis);
            if (hgt <= 0)
                continue;
            p.setBrush(colours[k]);
            p.drawRect(QRectF(plot.left() + i * slot + (slot - bar) / 2, y - hgt, bar, hgt));
            y -= hgt;
        }
    }
    // Date labels: first, a few in between, last.
    p.setPen(kMuted);
    const int labels = std::min(n, 6);
    for (int j = 0; j < labels; ++j) {
        const int i = labels == 1 ? 0 : int(qint64(j) * (n - 1) / (labels - 1));
        const double x = plot.left() + (i + 0.5) * slot;
        // The first label starts at the plot's left edge and the last ends at its right edge; the others are centred.
        const double w = 24 * g.mm;
        const bool last = j == labels - 1 && labels > 1;
        const double left = j == 0 ? plot.left() : last ? plot.right() - w : x - w / 2;
        const Qt::Alignment align = j == 0 ? Qt::AlignLeft : last ? Qt::AlignRight : Qt::AlignHCenter;
        p.drawText(QRectF(left, plot.bottom() + 1.5 * g.mm, w, 5 * g.mm), align | Qt::AlignTop,
                   utcDay(bucketStarts[i]));
    }
}

void drawTrendPage(QPainter& p, const PageGeometry& g, const ReportData& data, const ReportOptions& o)
{
    p.setFont(reportFont(16, true));
    p.setPen(kInk);
    p.drawText(QRectF(g.body.left(), g.body.top(), g.body.width(), 12 * g.mm), Qt::AlignLeft | Qt::AlignTop,
               QStringLiteral("Trend"));
    const QFont text = reportFont(8.5);
    p.setFont(text);
    p.setPen(kMuted);
    const QString per = data.bucketDays == 1 ? QStringLiteral("day") : QStringLiteral("%1 days").arg(data.bucketDays);
    p.drawText(QRectF(g.body.left(), g.body.top() + 12 * g.mm, g.body.width(), 10 * g.mm),
               Qt::AlignLeft | Qt::TextWordWrap,
               QStringLiteral("Per %1 (UTC) of the selected accounts: transactions booked, and anomalies (not "
                              "dismissed) by the time of their transaction.")
                   .arg(per));
    QList<std::array<qint64, 3>> volume, anomalies;
    QList<qint64> starts;
    for (const TrendBucket& b : data.trend) {
        volume.append({b.transactions, 0, 0});
        anomalies.append(b.anomalies);
        starts.append(b.startMs);
    }
    const double top = g.body.top() + 26 * g.mm;
    const double panel = (g.body.height() - 26 * g.mm - 20 * g.mm) / 2;
    drawPanel(p, g, QRectF(g.body.left(), top, g.body.width(), panel), QStringLiteral("Transactions per ") + per,
              volume, {kVolume, kVolume, kVolume}, starts, o);
    drawPanel(p, g, QRectF(g.body.left(), top + panel + 6 * g.mm, g.body.width(), panel),
              QStringLiteral("Anomalies per ") + per + QStringLiteral(" by risk"), anomalies, kRiskColours, starts, o);
    // Legend.
    double x = g.body.left() + 14 * g.mm;
    const double y = top + 2 * panel + 10 * g.mm;
    p.setFont(text);
    for (int k = 2; k >= 0; --k) {
        p.setPen(Qt::NoPen);
        p.setBrush(kRiskColours[k]);
        p.drawRect(QRectF(x, y, 4 * g.mm, 4 * g.mm));
        p.setPen(kInk);
        const QString name = riskName(Risk(k));
        p.drawText(QRectF(x + 6 * g.mm, y - 1 * g.mm, 30 * g.mm, 6 * g.mm), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += 30 * g.mm;
    }
}

} // namespace

std::pair<QString, QImage> benfordChart(const ReportAccount& account)
{
    if (!account.classicTests)
        return {};
    // The body's width at kDpi, a third of it high: two panels side by side.
    const double mm = kDpi / 25.4;
    QImage image(int(174 * mm), int(62 * mm), QImage::Format_RGB32);
    image.setDotsPerMeterX(int(kDpi / 0.0254));
    image.setDotsPerMeterY(int(kDpi / 0.0254));
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const double panelWidth = (image.width() - 8 * mm) / 2;
    const BenfordResult* results[2] = {&account.classicTests->firstDigit, &account.classicTests->firstTwoDigits};
    for (int k = 0; k < 2; ++k) {
        const BenfordResult& b = *results[k];
        const QRectF area(k * (panelWidth + 8 * mm), 0, panelWidth, image.height());
        p.setFont(reportFont(8.5, true));
        p.setPen(kInk);
        p.drawText(QRectF(area.left(), area.top(), area.width(), 7 * mm), Qt::AlignLeft | Qt::AlignVCenter,
                   b.digits == 1 ? QStringLiteral("Benford's law, first digit")
                                 : QStringLiteral("Benford's law, first two digits"));
        const QRectF plot(area.left() + 10 * mm, area.top() + 10 * mm, area.width() - 10 * mm, area.height() - 24 * mm);
        double top = 0.01;
        for (size_t i = 0; i < b.observed.size(); ++i)
            top = std::max({top, b.observed[i], b.expected[i]});
        // A round axis maximum in whole percent.
        const int axis
            = std::max(1, int(std::ceil(top * 100.0 / (b.digits == 1 ? 5.0 : 1.0))) * (b.digits == 1 ? 5 : 1));
        p.setFont(reportFont(7));
        for (int i = 0; i <= 4; ++i) {
            const double y = plot.bottom() - plot.height() * i / 4.0;
            p.setPen(QPen(i == 0 ? kInk : kRule, (i == 0 ? 0.3 : 0.15) * mm));
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
            p.setPen(kMuted);
            p.drawText(QRectF(area.left(), y - 3 * mm, 8.5 * mm, 6 * mm), Qt::AlignRight | Qt::AlignVCenter,
                       QStringLiteral("%1 %").arg(QLocale::c().toString(axis * i / 4.0, 'g', 3)));
        }
        const int n = int(b.observed.size());
        const double slot = n > 0 ? plot.width() / n : plot.width();
        p.setPen(Qt::NoPen);
        p.setBrush(kVolume);
        for (int i = 0; i < n; ++i) {
            const double hgt = plot.height() * b.observed[size_t(i)] * 100.0 / axis;
            p.drawRect(QRectF(plot.left() + i * slot + slot * 0.1, plot.bottom() - hgt, slot * 0.8, hgt));
        }
        QPolygonF expected;
        for (int i = 0; i < n; ++i)
            expected << QPointF(plot.left() + (i + 0.5) * slot,
                                plot.bottom() - plot.height() * b.expected[size_t(i)] * 100.0 / axis);
        p.setPen(QPen(kRiskColours[2], 0.5 * mm));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(expected);
        p.setPen(kMuted);
        for (int i = 0; i<n; i += n> 20 ? 10 : 1)
            p.drawText(QRectF(plot.left() + i * slot - 5 * mm + slot / 2, plot.bottom() + 1 * mm, 10 * mm, 5 * mm),
                       Qt::AlignHCenter | Qt::AlignTop, QString::number(b.digit[size_t(i)]));
        // Legend.
        const double ly = area.bottom() - 6 * mm;
        p.setPen(Qt::NoPen);
        p.setBrush(kVolume);
        p.drawRect(QRectF(plot.left(), ly + 1 * mm, 3 * mm, 3 * mm));
        p.setPen(kInk);
        p.drawText(QRectF(plot.left() + 4.5 * mm, ly, 30 * mm, 5 * mm), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("observed"));
        p.setPen(QPen(kRiskColours[2], 0.5 * mm));
        p.drawLine(QPointF(plot.left() + 30 * mm, ly + 2.5 * mm), QPointF(plot.left() + 34 * mm, ly + 2.5 * mm));
        p.setPen(kInk);
        p.drawText(QRectF(plot.left() + 35.5 * mm, ly, 40 * mm, 5 * mm), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("expected (Benford)"));
    }
    p.end();
    return {benfordChartName(account), image};
}

CaseDecision caseDecision(const Anomaly& anomaly)
{
    CaseDecision d;
    d.status = anomalyStatusKey(anomaly.status);
    // An analyst's decision names who and when; a case no analyst decided shows when its status last changed.
    d.at = anomaly.decidedAt ? anomaly.decidedAt : anomaly.statusChangedAt;
    d.by = anomaly.decidedBy;
    return d;
}

qint64 ReportData::transactions() const
{
    qint64 n = 0;
    for (const ReportAccount& a : accounts)
        n += a.transactions;
    return n;
}

qint64 ReportData::scored() const
{
    qint64 n = 0;
    for (const ReportAccount& a : accounts)
        n += a.scored;
    return n;
}

QMap<QString, RiskCounts> ReportData::anomalies() const
{
    QMap<QString, RiskCounts> out;
    for (const ReportAccount& a : accounts) {
        for (auto it = a.anomalies.cbegin(); it != a.anomalies.cend(); ++it) {
            RiskCounts& c = out[it.key()];
            for (int r = 0; r < 3; ++r)
                c[r] += it.value()[r];
        }
    }
    return out;
}

Result<ReportData> readReportData(const Ledger& ledger, const ReportOptions& options)
{
    if (!options.from.isValid())
        return Status::invalidArgument(QStringLiteral("from"), QStringLiteral("from: a first day is required"));
    if (!options.to.isValid())
        return Status::invalidArgument(QStringLiteral("to"), QStringLiteral("to: a last day is required"));
    if (options.to < options.from)
        return Status::invalidArgument(QStringLiteral("to"), QStringLiteral("to: the last day is before the first"));
    if (options.generatedAtMs <= 0)
        return Status::invalidArgument(QStringLiteral("generatedAtMs"),
                                       QStringLiteral("generatedAtMs: the generation time is required"));
    if (options.maxCasesPerAccount < 1 || options.maxCasesPerAccount > 10000)
        return Status::invalidArgument(QStringLiteral("maxCasesPerAccount"),
                                       QStringLiteral("maxCasesPerAccount: must be 1..10000"));
    auto accounts = ledger.accounts();
    if (!accounts)
        return accounts.status();

    ReportData data;
    data.fromMs = options.from.startOfDay(Qt::UTC).toMSecsSinceEpoch();
    data.toMs = options.to.addDays(1).startOfDay(Qt::UTC).toMSecsSinceEpoch();
    const qint64 days = options.from.daysTo(options.to) + 1;
    data.bucketDays = (days + kMaxTrendBuckets - 1) / kMaxTrendBuckets;
    for (qint64 start = data.fromMs; start < data.toMs; start += data.bucketDays * kDayMs)
        data.trend.append(TrendBucket {start, 0, {}});

    for (qint64 id : options.accountIds) {
        const bool known
            = std::any_of(accounts->cbegin(), accounts->cend(), [id](const Account& a) { return a.id == id; });
        if (!known)
            return Status::invalidArgument(QStringLiteral("accountIds"),
                                           QStringLiteral("accountIds: no account with id %1").arg(id));
    }
    for (const Account& a : std::as_const(*accounts)) {
        if (!options.accountIds.isEmpty() && !options.accountIds.contains(a.id))
            continue;
        ReportAccount account;
        account.account = a;
        if (Status s = readAccount(ledger, options, data, account); !s.isOk())
            return s;
        data.accounts.append(std::move(account));
    }
    // Transactions per bucket: one count per bucket over all accounts, or per selected account.
    for (TrendBucket& b : data.trend) {
        TransactionFilter f;
        f.fromMs = b.startMs;
        f.toMs = std::min(b.startMs + data.bucketDays * kDayMs, data.toMs);
        const QList<std::optional<qint64>> scopes = [&] {
            QList<std::optional<qint64>> s;
            if (options.accountIds.isEmpty())
                s.append(std::nullopt);
            for (const ReportAccount& a : std::as_const(data.accounts)) {
                if (!options.accountIds.isEmpty())
                    s.append(a.account.id);
            }
            return s;
        }();
        for (const std::optional<qint64>& scope : scopes) {
            f.accountId = scope;
            auto n = ledger.countTransactions(f);
            if (!n)
                return n.status();
            b.transactions += *n;
        }
    }
    return data;
}

ReportHtml reportHtml(const ReportData& data, const ReportOptions& options)
{
    ReportHtml html {summaryHtml(data, options), {}, methodsHtml(data, options)};
    for (const ReportAccount& a : data.accounts)
        html.cases.append(casesHtml(a, options) + classicTestsHtml(a, options));
    return html;
}

Result<ReportResult> writeReport(const Ledger& ledger, const ReportOptions& options, const QString& path)
{
    auto data = readReportData(ledger, options);
    if (!data)
        return data.status();
    const ReportHtml html = reportHtml(*data, options);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    QPdfWriter writer(&file);
    writer.setResolution(kDpi);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(options.title + u" \u2014 " + options.ledgerName);
    writer.setCreator(QStringLiteral("LedgerGuard"));

    PageGeometry g;
    g.mm = kDpi / 25.4;
    g.page = QRectF(0, 0, writer.width(), writer.height());
    g.body = g.page.adjusted(18 * g.mm, 24 * g.mm, -18 * g.mm, -22 * g.mm);

    auto summary = layoutDocument(html.summary, writer, g);
    // The cases and the methods, in page order; each account starts a new page. One document per account keeps
    // each layout small (QTextDocument lays out a long table much more slowly than several short ones).
    std::vector<std::unique_ptr<QTextDocument>> documents;
    for (qsizetype i = 0; i < html.cases.size(); ++i)
        documents.push_back(layoutDocument(html.cases[i], writer, g, benfordChart(data->accounts[i])));
    documents.push_back(layoutDocument(html.methods, writer, g));
    int pages = summary->pageCount() + 1;
    for (const auto& doc : documents)
        pages += doc->pageCount();

    QPainter painter;
    if (!painter.begin(&writer))
        return Status::ioError(QStringLiteral("cannot write %1: the PDF writer did not start").arg(path));
    painter.setRenderHint(QPainter::Antialiasing);
    int pageNo = 0;
    const auto nextPage = [&] {
        if (pageNo > 0)
            writer.newPage();
        ++pageNo;
        drawFrame(painter, g, options, pageNo, pages);
    };
    for (int i = 0; i < summary->pageCount(); ++i) {
        nextPage();
        drawDocumentPage(painter, *summary, g, i);
    }
    nextPage();
    drawTrendPage(painter, g, *data, options);
    for (const auto& doc : documents) {
        for (int i = 0; i < doc->pageCount(); ++i) {
            nextPage();
            drawDocumentPage(painter, *doc, g, i);
        }
    }
    if (!painter.end())
        return Status::ioError(QStringLiteral("cannot write %1: the PDF could not be finished").arg(path));
    if (!file.commit())
        return Status::ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    ReportResult result;
    result.pages = pageNo;
    for (const ReportAccount& a : data->accounts)
        result.casesListed += a.cases.size();
    return result;
}

} // namespace ledgerguard
