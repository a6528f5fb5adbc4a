// SPDX-License-Identifier: GPL-3.0-or-later
// The findings report's "Classic tests" section: a ledger with a duplicate payment, a weekend posting and round
// amounts written to a real PDF whose text (pdftotext) lists every test with its result, the finding's transaction
// and the Benford verdicts, with the Benford chart drawn as an image (pdfimages); left out on request.
#include "audit/AuditSettings.h"
#include "pdf_text.h"
#include "report/ReportWriter.h"
#include "util/Clock.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000; // 2026-05-28 UTC, a Thursday

using namespace pdftest;

qint64 utc(int y, int m, int d, int h)
{
    return QDateTime(QDate(y, m, d), QTime(h, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

class TestReportClassicTests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        for (const char* tool : {"pdftotext", "pdfimages"}) {
            QString path;
            if (!popplerTool(QLatin1String(tool), &path)) {
                if (qEnvironmentVariable("CI") == QLatin1String("true"))
                    QFAIL("pdftotext/pdfimages (poppler-utils) are required under CI=true");
                QSKIP("pdftotext/pdfimages (poppler-utils) not installed");
            }
            m_tools[QLatin1String(tool)] = path;
        }
        auto opened = Ledger::open(m_dir.filePath(QStringLiteral("classic.sqlite")), m_clock);
        QVERIFY(opened.isOk());
        m_ledger = std::move(*opened);
        auto account
            = m_ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY(account.isOk());
        QList<NewTransaction> rows;
        auto add = [&](qint64 amount, qint64 ts, const QString& counterparty) {
            NewTransaction t;
            t.accountId = account->id;
            t.amount = amount;
            t.description = QStringLiteral("Invoice");
            t.category = QStringLiteral("supplier_payment");
            t.counterparty = counterparty;
            t.timestamp = ts;
            rows << t;
        };
        // Working-day payments of uneven amounts, then a duplicate and a Saturday posting.
        for (int d = 4; d <= 22; ++d)
            if (QDate(2026, 5, d).dayOfWeek() < 6)
                add(-(12'345 + 1'011 * d), utc(2026, 5, d, 10), QStringLiteral("Supplier %1").arg(d));
        add(-420'000, utc(2026, 5, 11, 10), QStringLiteral("Acme"));
        add(-420'000, utc(2026, 5, 13, 10), QStringLiteral("Acme"));
        add(-9'876, utc(2026, 5, 16, 10), QStringLiteral("Weekend Shop"));
        QVERIFY(m_ledger->addTransactions(rows).isOk());
    }

    void sectionInThePdf()
    {
        ReportOptions o;
        o.to = QDate(2026, 5, 27);
        o.from = QDate(2026, 5, 1);
        o.ledgerName = QStringLiteral("classic.sqlite");
        o.generatedAtMs = kNow;
        const QString path = m_dir.filePath(QStringLiteral("classic.pdf"));
        auto written = writeReport(*m_ledger, o, path);
        QVERIFY2(written.isOk(), qPrintable(written.status().toString()));
        const QString text = folded(run(m_tools[QStringLiteral("pdftotext")], {path, QStringLiteral("-")}));
        QVERIFY(text.contains(QStringLiteral("Classic tests")));
        for (const QString& key : auditTestKeys())
            QVERIFY2(text.contains(auditTestName(key)), qPrintable(key));
        QVERIFY(text.contains(QStringLiteral("Duplicate payment Finding 1 18")));
        QVERIFY2(text.contains(QStringLiteral("2026-05-13 10:00 · -4,200.00 EUR · second payment of 4,200.00 EUR to "
                                              "Acme within 2 days (first on 11 May 2026)")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Weekend posting Finding 1 18")));
        QVERIFY(text.contains(QStringLiteral("booked on a Saturday, 16 May 2026")));
        // Too few amounts for Benford: said, never a pass.
        QVERIFY(text.contains(QStringLiteral(
            "Not enough data 0 18 Only 18 amounts of at least 1 (in major units); the test needs 500 for a verdict.")));
        QVERIFY(text.contains(QStringLiteral("First digit: 18 amounts; not enough data (the test needs 500).")));
        // The digit chart is an image on the page.
        const QString images = run(m_tools[QStringLiteral("pdfimages")], {QStringLiteral("-list"), path});
        QVERIFY2(images.count(QStringLiteral("image")) >= 1, qPrintable(images));

        // The chart: observed bars and the expected line painted on white.
        auto data = readReportData(*m_ledger, o);
        QVERIFY(data.isOk());
        const auto [name, image] = benfordChart(data->accounts[0]);
        QCOMPARE(name, QStringLiteral("benford-%1.png").arg(data->accounts[0].account.id));
        QVERIFY(image.width() > 1000 && image.height() > 300);
        qint64 red = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) {
                const QColor c = image.pixelColor(x, y);
                red += c.red() > 150 && c.green() < 80 && c.blue() < 80;
            }
        QVERIFY(red > 100);
        QCOMPARE(data->accounts[0].classicTests->test(QStringLiteral("duplicate_payment"))->flagged, 1);

        // Left out on request.
        o.classicTests = false;
        const QString without = m_dir.filePath(QStringLiteral("without.pdf"));
        QVERIFY(writeReport(*m_ledger, o, without).isOk());
        QVERIFY(!run(m_tools[QStringLiteral("pdftotext")], {without, QStringLiteral("-")})
                     .contains(QStringLiteral("Classic tests")));
    }

    void settingsChangeTheSection()
    {
        AuditSettings s = AuditSettings::defaults();
        s.weekendDays = {7};
        QVERIFY(saveAuditSettings(*m_ledger, s).isOk());
        ReportOptions o;
        o.to = QDate(2026, 5, 27);
        o.from = QDate(2026, 5, 1);
        o.generatedAtMs = kNow;
        auto data = readReportData(*m_ledger, o);
        QVERIFY(data.isOk());
        QCOMPARE(data->accounts[0].classicTests->test(QStringLiteral("weekend"))->outcome, AuditOutcome::Conforms);
    }

private:
    QTemporaryDir m_dir;
    ManualClock m_clock {kNow};
    std::unique_ptr<Ledger> m_ledger;
    QHash<QString, QString> m_tools;
};

QTEST_MAIN(TestReportClassicTests)
#include "tst_report_classictests.moc"
