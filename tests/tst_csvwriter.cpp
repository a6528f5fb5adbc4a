// SPDX-License-Identifier: GPL-3.0-or-later
// CsvWriter: RFC 4180 quoting (commas, quotes, CR and LF inside a field), the formula-injection guard on user text
// only, records written to a real device, and writeTransactionsCsv() on a real ledger file: every row of the filter,
// parsed back field by field, and the error for a file that cannot be written.
#include "export/CsvWriter.h"
#include "generate/DemoLedger.h"
#include "ledger/Ledger.h"
#include "money/Money.h"
#include "util/Clock.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

// A small RFC 4180 reader, to check that what the writer wrote reads back as the same fields.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                inQuotes = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            inQuotes = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            record << field;
            records << record;
            record.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return records;
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quoting_data();
    void quoting();
    void formulaGuard_data();
    void formulaGuard();
    void recordsReadBack();
    void failedDeviceIsReported();
    void transactionsOfAFilter();
    void anomaliesOfAFilter();
    void unwritableFile();
};

void TestCsvWriter::quoting_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain") << QStringLiteral("Coffee") << QStringLiteral("Coffee");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::addRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::addRow("newline") << QStringLiteral("two\nlines") << QStringLiteral("\"two\nlines\"");
    QTest::addRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::addRow("negative number") << QStringLiteral("-12.50") << QStringLiteral("-12.50");
}

void TestCsvWriter::quoting()
{
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QCOMPARE(CsvWriter::quoted(field), expected);
}

void TestCsvWriter::formulaGuard_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("equals") << QStringLiteral("=1+2") << QStringLiteral("'=1+2");
    QTest::addRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::addRow("minus") << QStringLiteral("-1") << QStringLiteral("'-1");
    QTest::addRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::addRow("tab") << QStringLiteral("\tx") << QStringLiteral("'\tx");
    QTest::addRow("carriage return") << QStringLiteral("\rx") << QStringLiteral("\"'\rx\"");
    QTest::addRow("formula with comma and quotes")
        << QStringLiteral("=HYPERLINK(\"x\"), with comma") << QStringLiteral("\"'=HYPERLINK(\"\"x\"\"), with comma\"");
    QTest::addRow("inner equals is fine") << QStringLiteral("a=b") << QStringLiteral("a=b");
    QTest::addRow("empty") << QString() << QString();
}

void TestCsvWriter::formulaGuard()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(CsvWriter::text(text), expected);
}

void TestCsvWriter::recordsReadBack()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    CsvWriter csv(buffer);
    const QStringList fields {QStringLiteral("ünïcode €"), QStringLiteral("a,b"), QStringLiteral("line\nbreak"),
                              QStringLiteral("\"quoted\""), QString()};
    QStringList prepared;
    for (const QString& f : fields)
        prepared << CsvWriter::quoted(f);
    csv.writeRecord(prepared);
    csv.writeRecord({QStringLiteral("1"), QStringLiteral("2")});
    QVERIFY(csv.status().isOk());
    const QList<QStringList> records = parseCsv(QString::fromUtf8(buffer.data()));
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[0], fields);
    QCOMPARE(records[1], QStringList({QStringLiteral("1"), QStringLiteral("2")}));
}

void TestCsvWriter::failedDeviceIsReported()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::ReadOnly)); // writes fail
    CsvWriter csv(buffer);
    csv.writeRecord({QStringLiteral("x")});
    QCOMPARE(csv.status().code(), Status::Code::IoError);
}

void TestCsvWriter::transactionsOfAFilter()
{
    QTemporaryDir dir;
    ManualClock clock {1773662400000LL};
    auto opened = Ledger::open(dir.filePath(QStringLiteral("csv.sqlite")), clock);
    QVERIFY(opened.isOk());
    Ledger& ledger = **opened;
    QVERIFY(createDemoLedger(ledger, 20, 4).isOk());
    const Account account = ledger.accounts()->first();
    NewTransaction t;
    t.accountId = account.id;
    t.amount = -1234;
    t.description = QStringLiteral("=HYPERLINK(\"x\"), with comma");
    t.counterparty = QStringLiteral("Two \"quoted\", lines");
    t.category = QStringLiteral("fees");
    t.timestamp = 1773662400000LL - 1; // milliseconds are kept: the file imports back in the same order
    auto added = ledger.addTransaction(t);
    QVERIFY(added.isOk());

    TransactionFilter filter;
    filter.accountId = account.id;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    QList<qint64> progress;
    QVERIFY(writeTransactionsCsv(ledger, filter, path, [&](qint64 n) { progress << n; }).isOk());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> records = parseCsv(QString::fromUtf8(file.readAll()));
    const qint64 rows = ledger.countTransactions(filter).value();
    QCOMPARE(records.size(), rows + 1);
    QCOMPARE(records.first(), transactionCsvHeader());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), rows);
    bool found = false;
    for (const QStringList& r : records) {
        QCOMPARE(r.size(), transactionCsvHeader().size());
        if (r[0] != added->id)
            continue;
        found = true;
        QCOMPARE(r[2], QString::number(account.id));
        QCOMPARE(r[3], account.name);
        QCOMPARE(r[5], Money(-1234, account.currency).toDecimalString());
        QCOMPARE(r[6], QStringLiteral("-1234"));
        QCOMPARE(r[10], QStringLiteral("'=HYPERLINK(\"x\"), with comma"));
        QCOMPARE(r[8], QStringLiteral("Two \"quoted\", lines"));
        QCOMPARE(r[9], QStringLiteral("fees"));
        QCOMPARE(r[4], QStringLiteral("2026-03-16T11:59:59.999Z"));
    }
    QVERIFY(found);
}

void TestCsvWriter::anomaliesOfAFilter()
{
    QTemporaryDir dir;
    ManualClock clock {1773662400000LL};
    auto opened = Ledger::open(dir.filePath(QStringLiteral("csv.sqlite")), clock);
    QVERIFY(opened.isOk());
    Ledger& ledger = **opened;
    auto account = ledger.createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(account.isOk());
    QStringList ids;
    for (qint64 amount : {-1250, -990000}) {
        NewTransaction t;
        t.accountId = account->id;
        t.amount = amount;
        t.timestamp = 1773662400000LL - 3600000;
        t.description = QStringLiteral("Payment %1").arg(amount);
        t.category = QStringLiteral("supplier_payment");
        ids << ledger.addTransaction(t)->id;
    }
    Anomaly a;
    a.accountId = account->id;
    a.transactionId = ids[1];
    a.score = 0.91;
    a.risk = Risk::High;
    a.anomalyType = anomalyTypeKey(AnomalyType::AmountSpike);
    a.explanation = QJsonArray {QJsonObject {{QStringLiteral("text"), QStringLiteral("Amount is 800x typical")}},
                                QJsonObject {{QStringLiteral("text"), QStringLiteral("New counterparty")}}};
    QVERIFY(ledger
                .storeDetectionResults(account->id, {{ids[0], 0.2, Risk::Low}, {ids[1], 0.91, Risk::High}}, {a},
                                       std::nullopt)
                .isOk());
    auto stored = ledger.anomalies({});
    QVERIFY(stored.isOk() && stored->items.size() == 1);
    clock.advanceMs(60000);
    QVERIFY(ledger.setAnomalyStatus(stored->items[0].id, AnomalyStatus::Confirmed, QStringLiteral("tester")).isOk());

    const QString path = dir.filePath(QStringLiteral("anomalies.csv"));
    AnomalyFilter filter;
    filter.risk = Risk::High;
    QVERIFY(writeAnomaliesCsv(ledger, filter, path).isOk());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> records = parseCsv(QString::fromUtf8(file.readAll()));
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[0], anomalyCsvHeader());
    const QStringList& r = records[1];
    QCOMPARE(r.size(), anomalyCsvHeader().size());
    // The transaction's columns first (as the transactions export writes them), then the case's.
    const auto col = [&](const char* name) { return r.value(anomalyCsvHeader().indexOf(QLatin1String(name))); };
    QCOMPARE(anomalyCsvHeader().mid(0, transactionCsvHeader().size()), transactionCsvHeader());
    QCOMPARE(col("transactionId"), ids[1]);
    QCOMPARE(col("accountName"), QStringLiteral("Operating"));
    QCOMPARE(col("timestamp"), QStringLiteral("2026-03-16T11:00:00Z"));
    QCOMPARE(col("amount"), QStringLiteral("-9900.00"));
    QCOMPARE(col("amountMinor"), QStringLiteral("-990000"));
    QCOMPARE(col("category"), QStringLiteral("supplier_payment"));
    QCOMPARE(col("description"), QStringLiteral("Payment -990000"));
    QCOMPARE(col("runningBalance"), QStringLiteral("-9912.50"));
    QCOMPARE(col("anomalyScore"), QStringLiteral("0.9100"));
    QCOMPARE(col("risk"), QStringLiteral("HIGH"));
    QCOMPARE(col("anomalyId"), stored->items[0].id);
    QCOMPARE(col("type"), QStringLiteral("Unusual amount"));
    QCOMPARE(col("explanation"), QStringLiteral("Amount is 800x typical; New counterparty"));
    QCOMPARE(col("status"), QStringLiteral("confirmed"));
    QCOMPARE(col("decidedBy"), QStringLiteral("tester"));
    QCOMPARE(col("decidedAt"), QStringLiteral("2026-03-16T12:01:00Z"));
}

void TestCsvWriter::unwritableFile()
{
    QTemporaryDir dir;
    ManualClock clock {1773662400000LL};
    auto opened = Ledger::open(dir.filePath(QStringLiteral("csv.sqlite")), clock);
    QVERIFY(opened.isOk());
    const Status s = writeTransactionsCsv(**opened, {}, dir.filePath(QStringLiteral("no/such/dir/x.csv")));
    QCOMPARE(s.code(), Status::Code::IoError);
    QVERIFY(s.message().contains(QStringLiteral("Cannot write")));
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
