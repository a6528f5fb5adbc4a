// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportValues.h"
#include "import/Importer.h"
#include "import/Ofx.h"

#include <QDateTime>
#include <QTest>
#include <algorithm>

using namespace ledgerguard;

namespace {

qint64 utc(int y, int mo, int d, int h = 12, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc()).toMSecsSinceEpoch();
}

const char* kSgmlTwoAccounts = "OFXHEADER:100\r\n"
                               "DATA:OFXSGML\r\n"
                               "VERSION:102\r\n"
                               "SECURITY:NONE\r\n"
                               "ENCODING:USASCII\r\n"
                               "CHARSET:1252\r\n"
                               "COMPRESSION:NONE\r\n"
                               "OLDFILEUID:NONE\r\n"
                               "NEWFILEUID:NONE\r\n"
                               "\r\n"
                               "<OFX>\r\n"
                               "<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n"
                               "<DTSERVER>20240201120000[0:GMT]<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\r\n"
                               "<BANKMSGSRSV1>\r\n"
                               "<STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n"
                               "<STMTRS><CURDEF>USD\r\n"
                               "<BANKACCTFROM><BANKID>121000248<ACCTID>1234567890<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n"
                               "<BANKTRANLIST><DTSTART>20240101<DTEND>20240131\r\n"
                               "<STMTTRN>\r\n"
                               "<TRNTYPE>DEBIT\r\n"
                               "<DTPOSTED>20240105120000.000[-5:EST]\r\n"
                               "<DTUSER>20240104\r\n"
                               "<TRNAMT>-42.50\r\n"
                               "<FITID>2024010501\r\n"
                               "<NAME>Caf\xE9 & Co &amp; Sons\r\n"
                               "<MEMO>Lunch\r\n"
                               "</STMTTRN>\r\n"
                               "<STMTTRN><TRNTYPE>CHECK<DTPOSTED>20240110<TRNAMT>-100<FITID>2024011001"
                               "<CHECKNUM>1001<NAME>Landlord</STMTTRN>\r\n"
                               "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240115<TRNAMT>+2500.00<FITID>2024011501"
                               "<PAYEE><NAME>ACME Corp<ADDR1>1 Road</PAYEE></STMTTRN>\r\n"
                               "</BANKTRANLIST>\r\n"
                               "<LEDGERBAL><BALAMT>3357.50<DTASOF>20240131235959[+1:CET]</LEDGERBAL>\r\n"
                               "</STMTRS></STMTTRNRS>\r\n"
                               "<STMTTRNRS><TRNUID>2<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n"
                               "<STMTRS><CURDEF>EUR\r\n"
                               "<BANKACCTFROM><BANKID>99<ACCTID>DE-SAVINGS<ACCTTYPE>SAVINGS</BANKACCTFROM>\r\n"
                               "<BANKTRANLIST><DTSTART>20240101<DTEND>20240131\r\n"
                               "<STMTTRN><TRNTYPE>INT<DTPOSTED>20240131<TRNAMT>1,25<FITID>I1"
                               "<CURRENCY><CURRATE>1.1<CURSYM>GBP</CURRENCY></STMTTRN>\r\n"
                               "</BANKTRANLIST></STMTRS></STMTTRNRS>\r\n"
                               "</BANKMSGSRSV1>\r\n"
                               "</OFX>\r\n";

} // namespace

class TestImportOfx : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sgmlMultiAccount();
    void xmlVersion2();
    void oneLineLowerCaseMissingClosingTags();
    void cdataValues();
    void doubleEscapedTextsAndCardStatementOfBankAccount();
    void creditCardStatement();
    void investmentSectionSkipped();
    void bankDatesKeepTheirDay();
    void signOnErrorAndRowErrors();
    void notOfx();
    void namespacedRootAndUnclosedAggregates();
    void correctionsReplaceAndDelete();
    void microsoftMoneyOfc();
    void severalTransactionLists();
    void cyclesOfOneCard();
    void balanceRowsAndEmptyValues();
    void currencyOfTheTransactions();
};

void TestImportOfx::sgmlMultiAccount()
{
    const Result<ParsedFile> r = parseOfx(kSgmlTwoAccounts);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->format, QStringLiteral("ofx"));
    QCOMPARE(r->encoding, QStringLiteral("Windows-1252"));
    QCOMPARE(r->statements.size(), 2);
    const ImportedStatement& a = r->statements[0];
    QCOMPARE(a.accountRef, QStringLiteral("1234567890"));
    QCOMPARE(a.bankId, QStringLiteral("121000248"));
    QCOMPARE(a.accountType, QStringLiteral("CHECKING"));
    QCOMPARE(a.currency, QStringLiteral("USD"));
    QCOMPARE(a.closingBalanceMinor, std::optional<qint64>(335750));
    QCOMPARE(a.closingBalanceAtMs, std::optional<qint64>(utc(2024, 1, 31, 23, 59, 59))); // the bank's clock
    QCOMPARE(a.rows.size(), 3);
    QCOMPARE(a.rows[0].line, 19);
    QCOMPARE(a.rows[0].bookedAtMs, utc(2024, 1, 5, 12)); // 12:00 EST, on the bank's clock
    QCOMPARE(a.rows[0].valueDateMs, std::optional<qint64>(utc(2024, 1, 4)));
    QCOMPARE(a.rows[0].amountMinor, qint64(-4250));
    QCOMPARE(a.rows[0].externalId, QStringLiteral("2024010501"));
    QCOMPARE(a.rows[0].counterparty, QStringLiteral("Café & Co & Sons"));
    QCOMPARE(a.rows[0].description, QStringLiteral("Lunch"));
    QCOMPARE(a.rows[0].category, QStringLiteral("DEBIT"));
    QCOMPARE(a.rows[0].accountRef, QStringLiteral("1234567890"));
    QCOMPARE(a.rows[1].bookedAtMs, utc(2024, 1, 10));
    QCOMPARE(a.rows[1].amountMinor, qint64(-10000));
    QCOMPARE(a.rows[1].description, QStringLiteral("Check 1001"));
    QCOMPARE(a.rows[2].amountMinor, qint64(250000));
    QCOMPARE(a.rows[2].counterparty, QStringLiteral("ACME Corp"));
    const ImportedStatement& b = r->statements[1];
    QCOMPARE(b.accountRef, QStringLiteral("DE-SAVINGS"));
    QCOMPARE(b.currency, QStringLiteral("EUR"));
    QCOMPARE(b.rows.size(), 1);
    // A CURRENCY aggregate: TRNAMT is in GBP, converted at CURRATE into the statement's EUR (1.25 x 1.1 = 1.375,
    // rounded half away from zero); the description says so.
    QCOMPARE(b.rows[0].currency, QStringLiteral("EUR"));
    QCOMPARE(b.rows[0].amountMinor, qint64(138)); // decimal comma tolerated
    QCOMPARE(b.rows[0].description, QStringLiteral("1,25 GBP at 1.1"));
    QVERIFY(r->rowErrors.isEmpty());
    QVERIFY(r->warnings.isEmpty());
}

void TestImportOfx::xmlVersion2()
{
    const QByteArray xml
        = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
          "<?OFX OFXHEADER=\"200\" VERSION=\"211\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" "
          "NEWFILEUID=\"NONE\"?>\n"
          "<OFX>\n"
          "  <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>"
          "<DTSERVER>20240301</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>\n"
          "  <BANKMSGSRSV1><STMTTRNRS><TRNUID>0</TRNUID>\n"
          "    <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>\n"
          "    <STMTRS><CURDEF>JPY</CURDEF>\n"
          "      <BANKACCTFROM><BANKID>0001</BANKID><ACCTID>777</ACCTID><ACCTTYPE>SAVINGS</ACCTTYPE>"
          "</BANKACCTFROM>\n"
          "      <BANKTRANLIST><DTSTART>20240201</DTSTART><DTEND>20240229</DTEND>\n"
          "        <STMTTRN><TRNTYPE>POS</TRNTYPE><DTPOSTED>20240214093000</DTPOSTED>"
          "<TRNAMT>-1500</TRNAMT><FITID>X1</FITID><NAME>\xE3\x83\xA9\xE3\x83\xBC\xE3\x83\xA1\xE3\x83\xB3"
          "</NAME><MEMO>&lt;noodles&gt;</MEMO></STMTTRN>\n"
          "        <STMTTRN><TRNTYPE>POS</TRNTYPE><DTPOSTED>20240215</DTPOSTED>"
          "<TRNAMT>-12.5</TRNAMT><FITID>X2</FITID></STMTTRN>\n"
          "      </BANKTRANLIST>\n"
          "      <LEDGERBAL><BALAMT>98500</BALAMT><DTASOF>20240229</DTASOF></LEDGERBAL>\n"
          "    </STMTRS></STMTTRNRS></BANKMSGSRSV1>\n"
          "</OFX>\n";
    const Result<ParsedFile> r = parseOfx(xml);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(r->statements.size(), 1);
    const ImportedStatement& s = r->statements[0];
    QCOMPARE(s.currency, QStringLiteral("JPY"));
    QCOMPARE(s.closingBalanceMinor, std::optional<qint64>(98500));
    QCOMPARE(s.rows.size(), 1);
    QCOMPARE(s.rows[0].amountMinor, qint64(-1500));
    QCOMPARE(s.rows[0].bookedAtMs, utc(2024, 2, 14, 9, 30)); // no offset: GMT
    QCOMPARE(s.rows[0].counterparty, QString::fromUtf8("\xE3\x83\xA9\xE3\x83\xBC\xE3\x83\xA1\xE3\x83\xB3"));
    QCOMPARE(s.rows[0].description, QStringLiteral("<noodles>"));
    QCOMPARE(r->rowErrors.size(), 1); // 12.5 JPY
    QCOMPARE(r->rowErrors[0].field, QStringLiteral("amount"));
    QCOMPARE(r->rowErrors[0].line, 11);

    // A UTF-16 declaration over single bytes (ofxgo's samples): the declaration could be read, so the file is not
    // UTF-16.
    const Result<ParsedFile> ascii = parseOfx(QByteArray(xml).replace("encoding=\"UTF-8\"", "encoding=\"utf-16\""));
    QVERIFY2(ascii, qPrintable(ascii.status().toString()));
    QCOMPARE(ascii->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(ascii->statements.size(), 1);
    QCOMPARE(ascii->statements[0].rows.size(), 1);
}

void TestImportOfx::oneLineLowerCaseMissingClosingTags()
{
    // One line, lower-case tags, STMTTRN, the list and the statement never closed, only the root.
    const QByteArray cut = "OFXHEADER:100 DATA:OFXSGML VERSION:102 ENCODING:UTF-8 CHARSET:NONE "
                           "<ofx><bankmsgsrsv1><stmttrnrs><stmtrs><curdef>EUR<bankacctfrom><acctid>A1"
                           "</bankacctfrom><banktranlist>"
                           "<stmttrn><trntype>DEBIT<dtposted>20240301<trnamt>-1.00<fitid>f1<memo>M\xC3\xBCnchen"
                           "<stmttrn><trntype>DEBIT<dtposted>20240302<trnamt>-2.00<fitid>f2"
                           "<stmttrn><trntype>CREDIT<dtposted>20240303<trnamt>3<fitid>f3";
    // Cut off inside its last value (an incomplete download, its last FITID maybe cut too): nothing imported.
    const Result<ParsedFile> truncated = parseOfx(cut);
    QVERIFY(!truncated);
    QVERIFY2(truncated.status().message().contains(QStringLiteral("cut off")),
             qPrintable(truncated.status().toString()));
    const QByteArray ofx = cut + "</ofx>";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    const auto& rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].description, QStringLiteral("München"));
    QCOMPARE(rows[1].amountMinor, qint64(-200));
    QCOMPARE(rows[2].amountMinor, qint64(300));
    QCOMPARE(rows[2].externalId, QStringLiteral("f3"));
    QCOMPARE(rows[2].line, 1);
    QCOMPARE(r->statements[0].accountRef, QStringLiteral("A1"));
}

void TestImportOfx::creditCardStatement()
{
    const QByteArray ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:151\n\n<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS>"
                           "<TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><CCSTMTRS><CURDEF>GBP"
                           "<CCACCTFROM><ACCTID>4111********1111</CCACCTFROM>"
                           "<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240405<TRNAMT>-19.99"
                           "<FITID>cc1<NAME>Bookshop</STMTTRN>"
                           "<STMTTRN><TRNTYPE>PAYMENT<DTPOSTED>20240410<TRNAMT>200<NAME>Payment thank you"
                           "</STMTTRN></BANKTRANLIST><LEDGERBAL><BALAMT>-520.01<DTASOF>20240430</LEDGERBAL>"
                           "</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    const ImportedStatement& s = r->statements[0];
    QCOMPARE(s.accountType, QStringLiteral("CREDITCARD"));
    QCOMPARE(s.accountRef, QStringLiteral("4111********1111"));
    QCOMPARE(s.closingBalanceMinor, std::optional<qint64>(-52001));
    QCOMPARE(s.closingBalanceAtMs, std::optional<qint64>(utc(2024, 4, 30)));
    QCOMPARE(s.rows.size(), 2);
    QCOMPARE(s.rows[0].amountMinor, qint64(-1999));
    QVERIFY(!s.rows[0].externalIdDerived);
    QVERIFY(s.rows[1].externalIdDerived); // no FITID
    QVERIFY(s.rows[1].externalId.startsWith(QStringLiteral("lg1:")));
}

void TestImportOfx::investmentSectionSkipped()
{
    const QByteArray ofx = "<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><CURDEF>USD<INVACCTFROM><BROKERID>b"
                           "<ACCTID>inv</INVACCTFROM><INVTRANLIST><BUYSTOCK><INVBUY><INVTRAN><FITID>i1"
                           "<DTTRADE>20240101</INVTRAN></INVBUY></BUYSTOCK></INVTRANLIST></INVSTMTRS>"
                           "</INVSTMTTRNRS></INVSTMTMSGSRSV1>"
                           "<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>chk</BANKACCTFROM>"
                           "<BANKTRANLIST><STMTTRN><DTPOSTED>20240102<TRNAMT>5<FITID>b1</STMTTRN></BANKTRANLIST>"
                           "</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    QCOMPARE(r->statements[0].accountRef, QStringLiteral("chk"));
    QCOMPARE(r->warnings.size(), 1);
    QVERIFY(r->warnings[0].message.contains(QStringLiteral("investment")));

    // A file of investment statements alone is refused; one whose investment account has cash transactions
    // (INVBANKTRAN: Fidelity's cash management account) imports those as the account's rows.
    const QByteArray onlyTrades = ofx.left(ofx.indexOf("<BANKMSGSRSV1>")) + "</OFX>";
    const Result<ParsedFile> refused = parseOfx(onlyTrades);
    QVERIFY(!refused);
    QVERIFY2(refused.status().message().contains(QStringLiteral("only investment statements")),
             qPrintable(refused.status().message()));
    QByteArray withCash = onlyTrades;
    withCash.replace("</INVTRANLIST>",
                     "<INVBANKTRAN><STMTTRN><TRNTYPE>CHECK<DTPOSTED>20240105<TRNAMT>-15.00<FITID>c1"
                     "<CHECKNUM>1001<NAME>Check Paid #1001</STMTTRN><SUBACCTFUND>CASH</INVBANKTRAN>"
                     "<INVBANKTRAN><STMTTRN><TRNTYPE>DEP<DTPOSTED>20240106<TRNAMT>200.00<FITID>c2"
                     "<CHECKNUM>77</STMTTRN><SUBACCTFUND>CASH</INVBANKTRAN></INVTRANLIST>");
    const Result<ParsedFile> cash = parseOfx(withCash);
    QVERIFY2(cash, qPrintable(cash.status().toString()));
    QCOMPARE(cash->statements.size(), 1);
    QCOMPARE(cash->statements[0].accountRef, QStringLiteral("inv"));
    QCOMPARE(cash->statements[0].currency, QStringLiteral("USD"));
    QCOMPARE(cash->statements[0].rows.size(), 2);
    QCOMPARE(cash->statements[0].rows[0].amountMinor, qint64(-1500));
    QCOMPARE(cash->statements[0].rows[0].description, QStringLiteral("Check 1001"));
    QCOMPARE(cash->statements[0].rows[1].amountMinor, qint64(20000));
    // A number on money in is a document's (Banco do Brasil numbers every row), not a cheque's.
    QCOMPARE(cash->statements[0].rows[1].description, QStringLiteral("No. 77"));
}

void TestImportOfx::cyclesOfOneCard()
{
    // American Express writes one statement per billing cycle of a card, each with the balance of the day of the
    // download: one statement of the card, whose rows all lead to that balance; a NAME of zeros (CIBC) is none.
    const QByteArray cycle = "<CCSTMTTRNRS><CCSTMTRS><CURDEF>USD<CCACCTFROM><ACCTID>5555</CCACCTFROM><BANKTRANLIST>"
                             "<STMTTRN><DTPOSTED>%1<TRNAMT>%2<FITID>%3<NAME>%4</STMTTRN></BANKTRANLIST>"
                             "<LEDGERBAL><BALAMT>-30.00<DTASOF>20240331</LEDGERBAL></CCSTMTRS></CCSTMTTRNRS>";
    const QByteArray ofx = "<OFX><CREDITCARDMSGSRSV1>"
        + QByteArray(cycle).replace("%1", "20240110").replace("%2", "-10.00").replace("%3", "a").replace("%4", "SHOP")
        + QByteArray(cycle).replace("%1", "20240210").replace("%2", "-20.00").replace("%3", "b").replace("%4", "000000")
        + "</CREDITCARDMSGSRSV1></OFX>";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    QCOMPARE(r->statements[0].rows.size(), 2);
    QCOMPARE(r->statements[0].closingBalanceMinor, std::optional<qint64>(-3000));
    QVERIFY(checkBalances(r->statements[0]).expectedClosingMinor == -3000);
    QCOMPARE(r->statements[0].rows[0].counterparty, QStringLiteral("SHOP"));
    QCOMPARE(r->statements[0].rows[1].counterparty, QString());
}

void TestImportOfx::balanceRowsAndEmptyValues()
{
    // Brazilian banks write balances as transactions ("SALDO TOTAL DISPONÍVEL DIA" with the balance as its amount,
    // "SALDO DIA" with a blank one): skipped, with a warning. Banco do Brasil leaves FITID empty: the NAME and MEMO
    // after it are the row's (they were lost before), and its derived id stays the one version feb7547 gave it.
    const QByteArray ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n"
                           "<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1001<STATUS><CODE>0<SEVERITY>INFO</STATUS>\n"
                           "<STMTRS><CURDEF>BRL\n"
                           "<BANKACCTFROM><BANKID>341<BRANCHID>7386<ACCTID>166586<ACCTTYPE>CHECKING</BANKACCTFROM>\n"
                           "<BANKTRANLIST><DTSTART>20260925100000[-03:EST]<DTEND>20260927100000[-03:EST]\n"
                           "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260925100000[-03:EST]<TRNAMT>7930.11<FITID>20260925001"
                           "<CHECKNUM>20260925001<MEMO>SALDO TOTAL DISPON\xc3\x8dVEL DIA</STMTTRN>\n"
                           "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260925120000[-03:EST]<TRNAMT>450.00<FITID>20260925002"
                           "<MEMO>PIX RECEBIDO CLIENTE A</STMTTRN>\n"
                           "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260925150000[-03:EST]<TRNAMT>-120.00<FITID>20260925003"
                           "<MEMO>TARIFA BANCARIA PIX</STMTTRN>\n"
                           "<STMTTRN><TRNTYPE>OTHER<DTPOSTED>20260926<TRNAMT>-5.00<FITID>\n<NAME>PADARIA\n<MEMO>pao"
                           "</STMTTRN>\n"
                           "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260926<TRNAMT>            .  <FITID>0<CHECKNUM>0"
                           "<MEMO>SALDO DIA</STMTTRN>\n"
                           "</BANKTRANLIST><LEDGERBAL><BALAMT>8255.11<DTASOF>20260927100000[-03:EST]</LEDGERBAL>\n"
                           "</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    ImportOptions options;
    options.timeZone = QTimeZone::utc();
    const Result<ParsedFile> r = parseOfx(ofx, options);
    QVERIFY2(r, qPrintable(r.status().toString()));
    {
        // A row without a name or a memo is described by its kind; its derived id as before.
        QByteArray interest = ofx;
        interest.replace("<TRNTYPE>OTHER<DTPOSTED>20260926<TRNAMT>-5.00<FITID>\n<NAME>PADARIA\n<MEMO>pao",
                         "<TRNTYPE>INT<DTPOSTED>20260926<TRNAMT>0.05");
        const Result<ParsedFile> i = parseOfx(interest, options);
        QVERIFY2(i, qPrintable(i.status().toString()));
        const auto it = std::find_if(i->statements[0].rows.cbegin(), i->statements[0].rows.cend(),
                                     [](const ImportedRow& row) { return row.amountMinor == 5; });
        QVERIFY(it != i->statements[0].rows.cend());
        QCOMPARE(it->description, QStringLiteral("Interest"));
        ImportedRow asBefore = *it;
        asBefore.description.clear();
        QCOMPARE(it->externalId, DerivedIds().next(asBefore));
    }
    QCOMPARE(r->rowErrors.size(), 0);
    QCOMPARE(r->statements.size(), 1);
    const QList<ImportedRow> rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].amountMinor, 45000);
    QCOMPARE(rows[2].amountMinor, -500);
    QCOMPARE(rows[2].counterparty, QStringLiteral("PADARIA"));
    QCOMPARE(rows[2].description, QStringLiteral("pao"));
    QCOMPARE(rows[2].externalId, QStringLiteral("lg1:db8cd645a568a33e8573a531e9caf0e0"));
    QStringList skipped;
    for (const ImportIssue& w : r->warnings)
        if (w.message.startsWith(QStringLiteral("skipped: a balance line")))
            skipped.append(w.message);
    QCOMPARE(skipped,
             QStringList({QStringLiteral("skipped: a balance line (\"SALDO TOTAL DISPON\u00cdVEL DIA\")"),
                          QStringLiteral("skipped: a balance line (\"SALDO DIA\")")}));
    QCOMPARE(r->statements[0].closingBalanceMinor, std::optional<qint64>(825511));

    // Transactions that name a balance are transactions: a transfer with an amount, a label beside another text. A
    // FITID that the empty element before it hid from version feb7547 leaves the row's id derived as then.
    const QByteArray kept
        = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>BRL<BANKACCTFROM><ACCTID>12345</BANKACCTFROM><BANKTRANLIST>"
          "<STMTTRN><DTPOSTED>20260910<TRNAMT>-500.00<FITID>A1<NAME>Closing balance<MEMO>Account closure payout"
          "</STMTTRN><STMTTRN><DTPOSTED>20260911<TRNAMT>250.00<FITID>A2<NAME>JOAO SILVA<MEMO>Saldo final</STMTTRN>"
          "<STMTTRN><DTPOSTED>20260912<TRNAMT>40.00<FITID>A3<NAME>Opening balance - transfer in</STMTTRN>"
          "<STMTTRN><DTPOSTED>20260910<TRNAMT>-12.50<DTUSER>\n<FITID>ABC123<NAME>PADARIA</STMTTRN>"
          "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    const Result<ParsedFile> k = parseOfx(kept, options);
    QVERIFY2(k, qPrintable(k.status().toString()));
    QCOMPARE(k->statements[0].rows.size(), 4);
    QCOMPARE(k->statements[0].rows[2].amountMinor, 4000);
    QVERIFY(k->statements[0].rows[3].externalId.startsWith(QStringLiteral("lg1:")));
    QCOMPARE(k->statements[0].rows[3].counterparty, QStringLiteral("PADARIA"));
}

void TestImportOfx::currencyOfTheTransactions()
{
    // Newcastle Permanent leaves CURDEF and BALAMT empty and names AUD in each transaction's CURRENCY: the statement
    // is in AUD, and the empty balance states none.
    const QByteArray ofx
        = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF></CURDEF><BANKACCTFROM><BANKID>NPBS</BANKID>"
          "<ACCTID>12345678</ACCTID><ACCTTYPE>SAVINGS</ACCTTYPE></BANKACCTFROM><BANKTRANLIST>"
          "<STMTTRN><TRNTYPE>Credit</TRNTYPE><DTPOSTED>20180507</DTPOSTED><TRNAMT>12.34</TRNAMT>"
          "<FITID>1</FITID><NAME>Interest</NAME><CURRENCY><CURRATE>1.0000</CURRATE><CURSYM>AUD</CURSYM>"
          "</CURRENCY></STMTTRN></BANKTRANLIST><LEDGERBAL><BALAMT></BALAMT><DTASOF>20180508</DTASOF>"
          "</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->rowErrors.size(), 0);
    QCOMPARE(r->statements.size(), 1);
    QCOMPARE(r->statements[0].currency, QStringLiteral("AUD"));
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(r->statements[0].rows[0].amountMinor, 1234);
    QCOMPARE(r->statements[0].rows[0].currency, QStringLiteral("AUD"));
    QVERIFY(!r->statements[0].closingBalanceMinor);
    QVERIFY(std::any_of(r->warnings.cbegin(), r->warnings.cend(), [](const ImportIssue& w) {
        return w.message.contains(QStringLiteral("(LEDGERBAL) is empty"));
    }));
}

// A bank's date is the booking's: a time of 00:00:00 is a date alone, whatever the offset (a CET bank's 1 November
// stays 1 November, and in its month, instead of becoming 31 October 23:00 UTC), and other times are the bank's wall
// clock (a Pacific bank's evening posting on 30 January stays on 30 January), read in ImportOptions::timeZone.
void TestImportOfx::bankDatesKeepTheirDay()
{
    const QByteArray ofx = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>chk</BANKACCTFROM>"
                           "<BANKTRANLIST>"
                           "<STMTTRN><DTPOSTED>20261101000000[+1:CET]<TRNAMT>-950<FITID>a</STMTTRN>"
                           "<STMTTRN><DTPOSTED>20261130000000.000[-5:EST]<TRNAMT>-5<FITID>b</STMTTRN>"
                           "<STMTTRN><DTPOSTED>20261101003000.000[+9:JST]<TRNAMT>-7<FITID>c</STMTTRN>"
                           "<STMTTRN><DTPOSTED>20261102083000[-8.5:XYZ]<TRNAMT>-1<FITID>d</STMTTRN>"
                           "<STMTTRN><DTPOSTED>20240130200000.000[-8:PST]<TRNAMT>-2<FITID>e</STMTTRN>"
                           "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    const auto& rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 5);
    QCOMPARE(rows[0].bookedAtMs, utc(2026, 11, 1)); // a date alone: 12:00 UTC
    QCOMPARE(rows[1].bookedAtMs, utc(2026, 11, 30));
    QCOMPARE(rows[2].bookedAtMs, utc(2026, 11, 1, 0, 30));
    QCOMPARE(rows[3].bookedAtMs, utc(2026, 11, 2, 8, 30));
    QCOMPARE(rows[4].bookedAtMs, utc(2024, 1, 30, 20, 0));
    ImportOptions berlin;
    berlin.timeZone = QTimeZone("Europe/Berlin");
    const Result<ParsedFile> inBerlin = parseOfx(ofx, berlin);
    QVERIFY(inBerlin);
    QCOMPARE(inBerlin->statements[0].rows[4].bookedAtMs, utc(2024, 1, 30, 19, 0)); // 20:00 in the options' zone
}

void TestImportOfx::signOnErrorAndRowErrors()
{
    const QByteArray refused = "<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>15500<SEVERITY>ERROR"
                               "<MESSAGE>Invalid user ID or password</STATUS></SONRS></SIGNONMSGSRSV1></OFX>";
    const Result<ParsedFile> r = parseOfx(refused);
    QVERIFY(!r);
    QVERIFY(r.status().message().contains(QStringLiteral("15500")));
    QVERIFY(r.status().message().contains(QStringLiteral("Invalid user ID")));

    const QByteArray bad = "<OFX><BANKMSGSRSV1><STMTTRNRS><STATUS><CODE>2000<SEVERITY>ERROR</STATUS><STMTRS>"
                           "<CURDEF>EUR<BANKACCTFROM><ACCTID>x</BANKACCTFROM><BANKTRANLIST>\n"
                           "<STMTTRN><DTPOSTED>2024<TRNAMT>1<FITID>a</STMTTRN>\n"
                           "<STMTTRN><DTPOSTED>20240101<TRNAMT>1.001<FITID>b</STMTTRN>\n"
                           "<STMTTRN><DTPOSTED>20240101<FITID>c</STMTTRN>\n"
                           "<STMTTRN><DTPOSTED>20240101<TRNAMT>1.00<FITID>d</STMTTRN>\n"
                           "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    const Result<ParsedFile> b = parseOfx(bad);
    QVERIFY2(b, qPrintable(b.status().toString()));
    QCOMPARE(b->statements[0].rows.size(), 1);
    QCOMPARE(b->rowErrors.size(), 3);
    QCOMPARE(b->rowErrors[0].line, 2);
    QCOMPARE(b->rowErrors[0].field, QStringLiteral("date"));
    QCOMPARE(b->rowErrors[1].line, 3);
    QCOMPARE(b->rowErrors[1].field, QStringLiteral("amount"));
    QCOMPARE(b->rowErrors[2].field, QStringLiteral("amount"));
    QCOMPARE(b->warnings.size(), 1); // status 2000

    // A response with no statement: the bank's error in its place, or nothing at all.
    const Result<ParsedFile> failed
        = parseOfx("<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>2000<SEVERITY>ERROR"
                   "<MESSAGE>General Server Error</STATUS></STMTTRNRS></BANKMSGSRSV1></OFX>");
    QVERIFY(!failed);
    QVERIFY(failed.status().message().contains(QStringLiteral("status 2000 for a statement: General Server Error")));
    const Result<ParsedFile> empty = parseOfx("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX></OFX>\n");
    QVERIFY(!empty);
    QVERIFY(empty.status().message().contains(QStringLiteral("no statement")));

    // A CURDEF that is no currency (Santander Brasil's "BRC"): the file's chosen currency; without one, BRC is read as
    // BRL (the cruzado's withdrawn code, which Santander Brasil writes for reais), and another code is a row error
    // that says so.
    const QByteArray brc = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>BRC<BANKACCTFROM><ACCTID>x</BANKACCTFROM>"
                           "<BANKTRANLIST><STMTTRN><DTPOSTED>20240101<TRNAMT>          -123.67<FITID>a</STMTTRN>"
                           "</BANKTRANLIST><LEDGERBAL><BALAMT>123.45<DTASOF>20240131</LEDGERBAL></STMTRS></STMTTRNRS>"
                           "</BANKMSGSRSV1></OFX>";
    ImportOptions brl;
    brl.defaultCurrency = QStringLiteral("BRL");
    const Result<ParsedFile> chosen = parseOfx(brc, brl);
    QVERIFY2(chosen, qPrintable(chosen.status().toString()));
    QCOMPARE(chosen->statements[0].rows.size(), 1);
    QCOMPARE(chosen->statements[0].rows[0].amountMinor, qint64(-12367));
    QCOMPARE(chosen->statements[0].rows[0].currency, QStringLiteral("BRL"));
    QCOMPARE(chosen->statements[0].closingBalanceMinor, std::optional<qint64>(12345));
    const Result<ParsedFile> reais = parseOfx(brc);
    QVERIFY(reais);
    QCOMPARE(reais->rowErrors.size(), 0);
    QCOMPARE(reais->statements[0].rows[0].currency, QStringLiteral("BRL"));
    QVERIFY(std::any_of(reais->warnings.cbegin(), reais->warnings.cend(),
                        [](const ImportIssue& w) { return w.message.contains(u"read as BRL"); }));
    const Result<ParsedFile> none = parseOfx(QByteArray(brc).replace("BRC", "XYZ"));
    QVERIFY(none);
    QCOMPARE(none->rowErrors.size(), 1);
    QVERIFY2(none->rowErrors[0].message.contains(u"XYZ"), qPrintable(none->rowErrors[0].message));
}

void TestImportOfx::notOfx()
{
    QVERIFY(!parseOfx("Date,Amount\n2024-01-01,1\n"));
    // Absurd nesting is refused, not recursed into.
    QByteArray deep = "<OFX>";
    for (int i = 0; i < 1000; ++i)
        deep += "<A" + QByteArray::number(i) + ">";
    const Result<ParsedFile> d = parseOfx(deep);
    QVERIFY(!d);
    QVERIFY(d.status().message().contains(QStringLiteral("line 1")));
}

void TestImportOfx::correctionsReplaceAndDelete()
{
    // A REPLACE row stands for the transaction it names, a DELETE row (which may lack an amount) takes its transaction
    // out; a REPLACE of a transaction the file does not hold stands for it under its id (a duplicate where the
    // account has it), with a warning.
    const QByteArray ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n"
                           "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>A1</BANKACCTFROM>"
                           "<BANKTRANLIST>"
                           "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1250.00<FITID>P1<NAME>ADP</STMTTRN>"
                           "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250107<TRNAMT>-19.99<FITID>N1<NAME>NETFLIX</STMTTRN>"
                           "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250108<TRNAMT>-5.00<FITID>C1<NAME>COFFEE</STMTTRN>"
                           "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1275.00<FITID>P2<CORRECTFITID>P1"
                           "<CORRECTACTION>REPLACE<NAME>ADP</STMTTRN>"
                           "<STMTTRN><TRNTYPE>DEBIT<FITID>N2<CORRECTFITID>N1<CORRECTACTION>DELETE</STMTTRN>"
                           "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250109<TRNAMT>-7.00<FITID>X2<CORRECTFITID>X1"
                           "<CORRECTACTION>REPLACE<NAME>OLD</STMTTRN>"
                           "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QVERIFY(r->rowErrors.isEmpty());
    const auto& rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].externalId, QStringLiteral("C1"));
    QCOMPARE(rows[1].externalId, QStringLiteral("P2"));
    QCOMPARE(rows[1].amountMinor, qint64(-127500));
    QCOMPARE(rows[2].externalId, QStringLiteral("X1"));
    QCOMPARE(rows[2].amountMinor, qint64(-700));
    QCOMPARE(r->warnings.size(), 1);
    QVERIFY(r->warnings[0].message.contains(QLatin1String("X1")));

    // Two corrections of one transaction, in the file or not, and a chain: never booked twice.
    for (const char* corrections :
         {"<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1250.00<FITID>P1<NAME>ADP</STMTTRN>"
          "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1275.00<FITID>P2<CORRECTFITID>P1<CORRECTACTION>REPLACE"
          "</STMTTRN><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1280.00<FITID>P3<CORRECTFITID>P1<CORRECTACTION>"
          "REPLACE</STMTTRN>",
          "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1275.00<FITID>P2<CORRECTFITID>P1<CORRECTACTION>REPLACE"
          "</STMTTRN><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1280.00<FITID>P3<CORRECTFITID>P1<CORRECTACTION>"
          "REPLACE</STMTTRN>",
          "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1275.00<FITID>P2<CORRECTFITID>P1<CORRECTACTION>REPLACE"
          "</STMTTRN><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250106<TRNAMT>-1280.00<FITID>P3<CORRECTFITID>P2<CORRECTACTION>"
          "REPLACE</STMTTRN>"}) {
        const QByteArray twice = QByteArray("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS>"
                                            "<STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>A1</BANKACCTFROM><BANKTRANLIST>")
            + corrections + "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
        const Result<ParsedFile> t = parseOfx(twice);
        QVERIFY2(t, qPrintable(t.status().toString()));
        QVERIFY2(t->statements[0].rows.size() <= 1, corrections);
    }
    // A row that corrects itself (its FITID its CORRECTFITID) stands for that transaction.
    const QByteArray self
        = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>CAD"
          "<BANKACCTFROM><ACCTID>A1</BANKACCTFROM><BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>"
          "20140920<TRNAMT>-58.73<FITID>201409206<CORRECTFITID>201409206<CORRECTACTION>REPLACE<NAME>"
          "Virement</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    const Result<ParsedFile> selfR = parseOfx(self);
    QVERIFY2(selfR, qPrintable(selfR.status().toString()));
    QCOMPARE(selfR->statements[0].rows.size(), 1);
    QCOMPARE(selfR->statements[0].rows[0].externalId, QStringLiteral("201409206"));
}

QTEST_GUILESS_MAIN(TestImportOfx)
#include "tst_import_ofx.moc"

void TestImportOfx::namespacedRootAndUnclosedAggregates()
{
    // OFX 2 with a namespace prefix on the root element.
    const QByteArray prefixed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<?OFX OFXHEADER=\"200\" VERSION=\"220\" SECURITY=\"NONE\"?>\n"
                                "<ofx:OFX xmlns:ofx=\"http://ofx.net/types/2003/04\"><BANKMSGSRSV1><STMTTRNRS><STMTRS>"
                                "<CURDEF>AUD</CURDEF><BANKACCTFROM><BANKID>082001</BANKID><ACCTID>123</ACCTID>"
                                "<ACCTTYPE>SAVINGS</ACCTTYPE></BANKACCTFROM><BANKTRANLIST>"
                                "<STMTTRN><TRNTYPE>INT</TRNTYPE><DTPOSTED>20250228</DTPOSTED><TRNAMT>12.34</TRNAMT>"
                                "<FITID>AU1</FITID><NAME>INTEREST</NAME></STMTTRN></BANKTRANLIST>"
                                "<LEDGERBAL><BALAMT>6012.34</BALAMT><DTASOF>20250228</DTASOF></LEDGERBAL>"
                                "</STMTRS></STMTTRNRS></BANKMSGSRSV1></ofx:OFX>\n";
    Result<ParsedFile> r = parseOfx(prefixed);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(r->statements[0].closingBalanceMinor, std::optional<qint64>(601234));
    // The same with a default namespace.
    r = parseOfx(QByteArray(prefixed).replace("ofx:OFX xmlns:ofx", "OFX xmlns").replace("</ofx:OFX>", "</OFX>"));
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 1);

    // SGML that closes neither its last transaction nor the transaction list: the ledger balance is the statement's.
    const QByteArray unclosed = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n"
                                "<STMTRS>\n<CURDEF>NZD\n<BANKACCTFROM>\n<BANKID>010123\n<ACCTID>0123456-00\n"
                                "<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n<BANKTRANLIST>\n<DTSTART>20250201\n"
                                "<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20250203\n<TRNAMT>-23.40\n<FITID>NZ1\n"
                                "<NAME>COUNTDOWN\n<STMTTRN>\n<TRNTYPE>CREDIT\n<DTPOSTED>20250205\n<TRNAMT>2850.00\n"
                                "<FITID>NZ2\n<NAME>ACME LTD\n<LEDGERBAL>\n<BALAMT>4325.60\n<DTASOF>20250228\n"
                                "<AVAILBAL>\n<BALAMT>4000.00\n<DTASOF>20250228\n</STMTRS>\n</STMTTRNRS>\n"
                                "</BANKMSGSRSV1>\n</OFX>\n";
    r = parseOfx(unclosed);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 2);
    QCOMPARE(r->statements[0].rows[1].amountMinor, qint64(285000));
    QCOMPARE(r->statements[0].closingBalanceMinor, std::optional<qint64>(432560));

    // A CURRENCY aggregate without a rate above zero is the row's error, not a zero amount.
    QByteArray noRate = unclosed;
    noRate.replace("<FITID>NZ1\n", "<FITID>NZ1\n<CURRENCY><CURRATE>0<CURSYM>USD</CURRENCY>\n");
    r = parseOfx(noRate);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(r->rowErrors.size(), 1);
    QVERIFY2(r->rowErrors[0].message.contains(QLatin1String("CURRATE")), qPrintable(r->rowErrors[0].message));

    // Nubank's card statement of 2017: the transactions right in CCSTMTRS, no BANKTRANLIST around them; closed and
    // unclosed.
    const QByteArray loose = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n<CREDITCARDMSGSRSV1>\n"
                             "<CCSTMTTRNRS>\n<CCSTMTRS>\n<CURDEF>BRL\n<CCACCTFROM>\n<ACCTID>5a238fcc\n</CCACCTFROM>\n"
                             "<STMTTRN>\n<TRNTYPE>CREDIT\n<DTPOSTED>20171104000000[-3:GMT]\n<TRNAMT>60.24\n"
                             "<FITID>59fd6bba\n<MEMO>IOF\n</STMTTRN>\n"
                             "<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20171106000000[-3:GMT]\n<TRNAMT>-576.59\n"
                             "<FITID>5a01758c\n<MEMO>Uber\n</STMTTRN>\n"
                             "<LEDGERBAL>\n<BALAMT>-516.35\n<DTASOF>20171110\n</LEDGERBAL>\n</CCSTMTRS>\n"
                             "</CCSTMTTRNRS>\n</CREDITCARDMSGSRSV1>\n</OFX>\n";
    for (const QByteArray& file : {loose, QByteArray(loose).replace("</STMTTRN>\n", "")}) {
        r = parseOfx(file);
        QVERIFY2(r, qPrintable(r.status().toString()));
        QCOMPARE(r->statements.size(), 1);
        QCOMPARE(r->statements[0].rows.size(), 2);
        QCOMPARE(r->statements[0].rows[1].amountMinor, qint64(-57659));
        QCOMPARE(r->statements[0].rows[1].externalId, QStringLiteral("5a01758c"));
        QCOMPARE(r->statements[0].closingBalanceMinor, std::optional<qint64>(-51635));
        QVERIFY(std::any_of(r->warnings.cbegin(), r->warnings.cend(), [](const ImportIssue& w) {
            return w.message.contains(QLatin1String("without a BANKTRANLIST"));
        }));
    }
    // A transaction in another list after the BANKTRANLIST (a pending list) stays out of the statement's rows.
    QByteArray pending = unclosed;
    pending.replace("<LEDGERBAL>",
                    "</BANKTRANLIST>\n<PENDINGTRANLIST>\n<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20250227\n"
                    "<TRNAMT>-99.00\n<FITID>NZ9\n<NAME>PENDING\n</STMTTRN>\n</PENDINGTRANLIST>\n<LEDGERBAL>");
    r = parseOfx(pending);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 2);
}

void TestImportOfx::cdataValues()
{
    // Suncorp's OFX 2: names and memos in CDATA sections, a check number of 0 that numbers nothing.
    const QByteArray ofx
        = "<?xml version=\"1.0\" encoding=\"us-ascii\"?>\n<?OFX OFXHEADER=\"200\" "
          "VERSION=\"200\"?>\n<OFX><BANKMSGSRSV1>"
          "<STMTTRNRS><STMTRS><CURDEF>AUD</CURDEF><BANKACCTFROM><ACCTID>123456789</ACCTID></BANKACCTFROM>"
          "<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20131215</DTPOSTED><TRNAMT>-16.85</TRNAMT>"
          "<FITID>1</FITID><CHECKNUM>0</CHECKNUM><NAME><![CDATA[EFTPOS WDL HANDYWAY ALDI STORE  ]]></NAME>"
          "<MEMO><![CDATA[EFTPOS WDL <HANDYWAY> & ALDI]]></MEMO></STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS>"
          "</BANKMSGSRSV1></OFX>\n";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    const auto& rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].counterparty, QStringLiteral("EFTPOS WDL HANDYWAY ALDI STORE"));
    QCOMPARE(rows[0].description, QStringLiteral("EFTPOS WDL <HANDYWAY> & ALDI"));
    QCOMPARE(rows[0].amountMinor, qint64(-1685));
    // A CDATA section cut off is a cut-off file.
    QVERIFY(!parseOfx(ofx.left(ofx.indexOf("ALDI STORE"))));
}

void TestImportOfx::doubleEscapedTextsAndCardStatementOfBankAccount()
{
    // A Canadian bank's name escaped twice ("&amp;lt;"); CommBank's home loan: CCSTMTRS around a BANKACCTFROM.
    const QByteArray ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS>"
                           "<CCSTMTRS><CURDEF>AUD<BANKACCTFROM><BANKID>111111<ACCTID>888888888<ACCTTYPE>CREDITLINE"
                           "</BANKACCTFROM><BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20230301<TRNAMT>-1.00"
                           "<NAME>TPAY &amp;lt;DEFTPYMT&amp;gt;<MEMO>B.C. HYDRO &amp; POWER</STMTTRN></BANKTRANLIST>"
                           "<LEDGERBAL><BALAMT>-420.00<DTASOF>20230302</LEDGERBAL></STMTRS></CCSTMTTRNRS>"
                           "</CREDITCARDMSGSRSV1></OFX>\n";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    const ImportedStatement& st = r->statements[0];
    QCOMPARE(st.accountRef, QStringLiteral("888888888"));
    QCOMPARE(st.accountType, QStringLiteral("CREDITLINE"));
    QCOMPARE(st.rows.size(), 1);
    QCOMPARE(st.rows[0].counterparty, QStringLiteral("TPAY <DEFTPYMT>"));
    QCOMPARE(st.rows[0].description, QStringLiteral("B.C. HYDRO & POWER"));
    // The row's derived id is the one versions that read no account here made.
    ImportedRow before = st.rows[0];
    before.accountRef.clear();
    before.counterparty = QStringLiteral("TPAY &lt;DEFTPYMT&gt;");
    QCOMPARE(st.rows[0].externalId, DerivedIds().next(before));
}

// Microsoft Money's OFC (LCL's downloads): the account in ACCTFROM beside the statement, the transactions right in
// STMTRS, the booked balance in LEDGER, the account and transaction types as numbers, Windows-1252 by CPAGE.
void TestImportOfx::microsoftMoneyOfc()
{
    const QByteArray ofc = "<OFC>\r\n<DTD>2\r\n<CPAGE>1252\r\n<ACCTSTMT>\r\n<ACCTFROM>\r\n<BANKID>30002\r\n"
                           "<ACCTID>00571 033488U\r\n<ACCTTYPE>0\r\n</ACCTFROM>\r\n<STMTRS>\r\n<DTSTART>20080527\r\n"
                           "<DTEND>20080627\r\n<LEDGER>5935.39\r\n<STMTTRN>\r\n<TRNTYPE>1\r\n<DTPOSTED>20080529\r\n"
                           "<TRNAMT>-60.00\r\n<FITID>0364 290508 -000000000006000\r\n<NAME> CB  RETRAIT DU  28/05\r\n"
                           "<MEMO> CB  RETRAIT DU  28/05\r\n</STMTTRN>\r\n<STMTTRN>\r\n<TRNTYPE>0\r\n"
                           "<DTPOSTED>20080605\r\n<TRNAMT>1500.00\r\n<FITID>0364 050608 0000150000\r\n"
                           "<NAME>VIR SALAIRE SOCI\xc9T\xc9\r\n<CHKNUM>1234567\r\n</STMTTRN>\r\n</STMTRS>\r\n"
                           "</ACCTSTMT>\r\n</OFC>\r\n";
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("EUR");
    const Result<ParsedFile> r = parseOfx(ofc, o);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->encoding, QStringLiteral("Windows-1252"));
    QVERIFY2(r->warnings.isEmpty(), qPrintable(r->warnings.value(0).message));
    QCOMPARE(r->statements.size(), 1);
    const ImportedStatement& s = r->statements[0];
    QCOMPARE(s.accountRef, QStringLiteral("00571 033488U"));
    QCOMPARE(s.bankId, QStringLiteral("30002"));
    QCOMPARE(s.accountType, QStringLiteral("CHECKING"));
    QCOMPARE(s.closingBalanceMinor, std::optional<qint64>(593539));
    QCOMPARE(s.rows.size(), 2);
    QCOMPARE(s.rows[0].amountMinor, qint64(-6000));
    QCOMPARE(s.rows[0].externalId, QStringLiteral("0364 290508 -000000000006000"));
    QVERIFY(s.rows[0].category.isEmpty());
    QCOMPARE(s.rows[1].amountMinor, qint64(150000));
    QCOMPARE(s.rows[1].counterparty, QString::fromUtf8("VIR SALAIRE SOCI\xc3\x89T\xc3\x89"));
    QVERIFY2(s.rows[1].description.contains(QStringLiteral("No. 1234567")), qPrintable(s.rows[1].description));
}

// A statement of several BANKTRANLIST aggregates (Odoo's test file): the transactions of all of them.
void TestImportOfx::severalTransactionLists()
{
    const QByteArray ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>"
                           "<CURDEF>USD<BANKACCTFROM><ACCTID>123456</BANKACCTFROM>"
                           "<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20130820<TRNAMT>-80<FITID>1</STMTTRN>"
                           "</BANKTRANLIST><BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20130821<TRNAMT>-90"
                           "<FITID>2</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    const Result<ParsedFile> r = parseOfx(ofx);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    QCOMPARE(r->statements[0].rows.size(), 2);
    QCOMPARE(r->statements[0].rows[1].amountMinor, qint64(-9000));
}
