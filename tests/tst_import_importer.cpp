// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Importer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

class TestImportImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detect_data();
    void detect();
    void importFileDispatchesAndLimits();
    void balances();
};

void TestImportImporter::detect_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format");
    QTest::addRow("ofx sgml") << QByteArray("OFXHEADER:100\r\nDATA:OFXSGML\r\n") << "" << int(ImportFormat::Ofx);
    QTest::addRow("ofx xml") << QByteArray("<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\"?>") << ""
                             << int(ImportFormat::Ofx);
    QTest::addRow("ofx bare") << QByteArray("\xEF\xBB\xBF  <ofx><signonmsgsrsv1>") << "" << int(ImportFormat::Ofx);
    QTest::addRow("camt") << QByteArray("<?xml version=\"1.0\"?><Document "
                                        "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.04\">")
                          << "x.txt" << int(ImportFormat::Camt);
    QTest::addRow("camt 052") << QByteArray("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.08\">") << ""
                              << int(ImportFormat::Camt);
    QTest::addRow("qif") << QByteArray("!Type:Bank\nD1/1/24\n") << "" << int(ImportFormat::Qif);
    QTest::addRow("qif account") << QByteArray("\n!Account\nNChecking\n") << "" << int(ImportFormat::Qif);
    QTest::addRow("qif option") << QByteArray("!Option:AutoSwitch\n") << "" << int(ImportFormat::Qif);
    QTest::addRow("csv") << QByteArray("Date,Amount\n") << "" << int(ImportFormat::Csv);
    QTest::addRow("ext qfx") << QByteArray("garbage") << "a.QFX" << int(ImportFormat::Ofx);
    QTest::addRow("ext qif") << QByteArray("garbage") << "a.qif" << int(ImportFormat::Qif);
    QTest::addRow("ofc") << QByteArray("<OFC>\r\n<DTD>2\r\n<CPAGE>1252\r\n<ACCTSTMT>") << "" << int(ImportFormat::Ofx);
    QTest::addRow("ext ofc") << QByteArray("garbage") << "a.ofc" << int(ImportFormat::Ofx);
    QByteArray utf16("\xFF\xFE", 2);
    for (char c : QByteArray("OFXHEADER:100"))
        utf16.append(c).append('\0');
    QTest::addRow("utf16 ofx") << utf16 << "" << int(ImportFormat::Ofx);
}

void TestImportImporter::detect()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, name);
    QFETCH(int, format);
    QCOMPARE(int(detectFormat(head, name)), format);
}

void TestImportImporter::importFileDispatchesAndLimits()
{
    QTemporaryDir dir;
    const auto write = [&](const QString& name, const QByteArray& bytes) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(bytes);
        return f.fileName();
    };
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("EUR");
    const QString csv = write(QStringLiteral("a.csv"), "Date;Amount;IBAN\n2024-01-01;-1,50;DE1\n2024-01-02;2;DE2\n");
    const Result<ParsedFile> c = importFile(csv, o);
    QVERIFY2(c, qPrintable(c.status().toString()));
    QCOMPARE(c->format, QStringLiteral("csv"));
    QCOMPARE(c->statements.size(), 2);
    QCOMPARE(c->statements[0].accountRef, QStringLiteral("DE1"));
    QCOMPARE(c->statements[0].rows[0].amountMinor, qint64(-150));

    const QString qif = write(QStringLiteral("b.txt"), "!Type:Bank\nD1/2/24\nT-3.00\n^\n");
    const Result<ParsedFile> q = importFile(qif, o);
    QVERIFY2(q, qPrintable(q.status().toString()));
    QCOMPARE(q->format, QStringLiteral("qif"));
    QCOMPARE(q->rowCount(), 1);

    const QString ofx = write(QStringLiteral("c.ofx"),
                              "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR"
                              "<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST>"
                              "<STMTTRN><DTPOSTED>20240101<TRNAMT>1<FITID>x</STMTTRN>"
                              "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>");
    const Result<ParsedFile> f = importFile(ofx, o);
    QVERIFY2(f, qPrintable(f.status().toString()));
    QCOMPARE(f->format, QStringLiteral("ofx"));

    ImportOptions tiny = o;
    tiny.maxBytes = 16;
    const Result<ParsedFile> big = importFile(csv, tiny);
    QVERIFY(!big);
    QCOMPARE(big.status().field(), QStringLiteral("file"));
    QVERIFY(!importData(QByteArray(17, 'x'), tiny));

    const Result<ParsedFile> missing = importFile(dir.filePath(QStringLiteral("nope.csv")), o);
    QVERIFY(!missing);
    QVERIFY(missing.status().isIoError());
    QVERIFY(missing.status().message().contains(QStringLiteral("nope.csv")));

    // An explicit format wins over detection.
    ImportOptions asQif = o;
    asQif.format = ImportFormat::Qif;
    QVERIFY(!importFile(csv, asQif));
}

void TestImportImporter::balances()
{
    ImportedStatement s;
    s.currency = QStringLiteral("EUR");
    s.openingBalanceMinor = 100000;
    s.closingBalanceMinor = 65150;
    for (qint64 v : {-4850, -10000, -20000}) {
        ImportedRow r;
        r.amountMinor = v;
        r.currency = QStringLiteral("EUR");
        s.rows.append(r);
    }
    ImportedRow usd;
    usd.amountMinor = 999;
    usd.currency = QStringLiteral("USD");
    s.rows.append(usd);
    BalanceCheck c = checkBalances(s);
    QVERIFY(c.checkable);
    QVERIFY(c.balanced);
    QCOMPARE(c.expectedClosingMinor, qint64(65150));
    QCOMPARE(c.differenceMinor, qint64(0));
    QCOMPARE(c.rowsCounted, 3);
    QCOMPARE(c.rowsInOtherCurrencies, 1);

    s.closingBalanceMinor = 65000;
    c = checkBalances(s);
    QVERIFY(!c.balanced);
    QCOMPARE(c.differenceMinor, qint64(-150));

    s.openingBalanceMinor.reset();
    c = checkBalances(s);
    QVERIFY(!c.checkable);
    QVERIFY(!c.balanced);

    s.openingBalanceMinor = std::numeric_limits<qint64>::max();
    s.rows[0].amountMinor = 1;
    c = checkBalances(s);
    QVERIFY(c.overflow);
    QVERIFY(!c.balanced);
}

QTEST_GUILESS_MAIN(TestImportImporter)
#include "tst_import_importer.moc"
