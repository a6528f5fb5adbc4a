// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportValues.h"
#include "import/Qif.h"

#include <QDateTime>
#include <QTest>

using namespace ledgerguard;

namespace {

qint64 noon(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

class TestImportQif : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bankWithSplitsAndTransfers();
    void accountsWithAutoSwitch();
    void dayFirstDecidedFromWholeFile();
    void skippedSectionsAndRowErrors();
    void notQif();
    void quickenOpeningBalance();
    void santanderPayees();
};

void TestImportQif::bankWithSplitsAndTransfers()
{
    const QByteArray qif = "!Type:Bank\r\n"
                           "D1/5'24\r\n"
                           "T-1,234.56\r\n"
                           "PLandlord\r\n"
                           "MRent January\r\n"
                           "N1001\r\n"
                           "LHousing:Rent\r\n"
                           "^\r\n"
                           "D 1/13/24\r\n"
                           "U2,500.00\r\n"
                           "T2,500.00\r\n"
                           "PACME\r\n"
                           "L[Savings]\r\n"
                           "^\r\n"
                           "D01/20/2024\r\n"
                           "T-100.00\r\n"
                           "PSupermarket\r\n"
                           "SGroceries\r\n"
                           "EFood\r\n"
                           "$-60.00\r\n"
                           "SHousehold\r\n"
                           "$-40.00\r\n"
                           "^\r\n"
                           "D01/21/2024\r\n"
                           "PSplit only\r\n"
                           "SA\r\n"
                           "$-1.50\r\n"
                           "SB\r\n"
                           "$-2.25\r\n"
                           "^\r\n";
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("USD");
    const Result<ParsedFile> r = parseQif(qif, o);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->format, QStringLiteral("qif"));
    QCOMPARE(r->statements.size(), 1);
    const ImportedStatement& s = r->statements[0];
    QCOMPARE(s.accountType, QStringLiteral("Bank"));
    QCOMPARE(s.currency, QStringLiteral("USD"));
    QCOMPARE(s.rows.size(), 4);
    QCOMPARE(s.rows[0].line, 2);
    QCOMPARE(s.rows[0].bookedAtMs, noon(2024, 1, 5));
    QCOMPARE(s.rows[0].amountMinor, qint64(-123456));
    QCOMPARE(s.rows[0].counterparty, QStringLiteral("Landlord"));
    QCOMPARE(s.rows[0].description, QStringLiteral("Rent January / No. 1001"));
    // A bank's code for the kind of payment in the number's place is no check number (Ulster Bank).
    const Result<ParsedFile> codes = parseQif("!Type:Bank\nD05/01/2024\nT-12.50\nNPOS\nPTESCO\n^\n", o);
    QVERIFY2(codes, qPrintable(codes.status().toString()));
    QCOMPARE(codes->statements[0].rows[0].description, QStringLiteral("POS"));
    QCOMPARE(s.rows[0].category, QStringLiteral("Housing:Rent"));
    QVERIFY(s.rows[0].externalIdDerived);
    QCOMPARE(s.rows[1].bookedAtMs, noon(2024, 1, 13));
    QCOMPARE(s.rows[1].amountMinor, qint64(250000));
    QCOMPARE(s.rows[1].category, QStringLiteral("[Savings]"));
    QCOMPARE(s.rows[2].amountMinor, qint64(-10000)); // the total, not the splits
    QCOMPARE(s.rows[3].amountMinor, qint64(-375)); // no T: the sum of the splits
    QVERIFY(r->rowErrors.isEmpty());
}

void TestImportQif::accountsWithAutoSwitch()
{
    const QByteArray qif = "!Option:AutoSwitch\n"
                           "!Account\nNChecking\nTBank\n^\nNVisa\nTCCard\n^\n"
                           "!Clear:AutoSwitch\n"
                           "!Account\nNChecking\nTBank\n^\n"
                           "!Type:Bank\nD03/01/2024\nT-5.00\nPCoffee\n^\n"
                           "!Account\nNVisa\nTCCard\n^\n"
                           "!Type:CCard\nD03/02/2024\nT-20.00\nPBooks\n^\nD03/03/2024\nT-1.00\n^\n"
                           "!Type:Cash\nD03/04/2024\nT-2\n";
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("EUR");
    const Result<ParsedFile> r = parseQif(qif, o);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 3);
    QCOMPARE(r->statements[0].accountRef, QStringLiteral("Checking"));
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(r->statements[1].accountRef, QStringLiteral("Visa"));
    QCOMPARE(r->statements[1].accountType, QStringLiteral("CCard"));
    QCOMPARE(r->statements[1].rows.size(), 2);
    QCOMPARE(r->statements[1].rows[1].accountRef, QStringLiteral("Visa"));
    QCOMPARE(r->statements[2].accountType, QStringLiteral("Cash"));
    QCOMPARE(r->statements[2].rows.size(), 1); // the last item has no '^'
    QCOMPARE(r->statements[2].rows[0].amountMinor, qint64(-200));

    // A card's section of charges written positive (a UK bank's download): turned, with a warning; Quicken's own
    // (charges negative, a payment positive) as written.
    const QByteArray positive
        = "!Type:CCard\nD18/06/2017\nPCLUMBER SERVICE\nT18.72\n^\nD16/06/2017\nPPAPERCHASE\nT14.75\n^\n"
          "D10/06/2017\nPJOE'S\nT10.30\n^\nD09/06/2017\nPWIZZ AIR REFUND\nT-20.00\n^\n"
          "D08/06/2017\nPRESTAURANT\nT64.51\n^\n";
    const Result<ParsedFile> p = parseQif(positive, o);
    QVERIFY2(p, qPrintable(p.status().toString()));
    QCOMPARE(p->statements[0].rows[0].amountMinor, qint64(-1872));
    QCOMPARE(p->statements[0].rows[3].amountMinor, qint64(2000));
    QVERIFY(std::any_of(p->warnings.cbegin(), p->warnings.cend(),
                        [](const ImportIssue& w) { return w.message.contains(u"charges as positive"); }));
    const Result<ParsedFile> quicken = parseQif("!Type:CCard\nD03/02/2024\nT-20.00\nPBooks\n^\nD03/03/2024\nT-1.00\n^\n"
                                                "D03/04/2024\nT-5.00\n^\nD03/05/2024\nT26.00\nPPayment\n^\n",
                                                o);
    QVERIFY(quicken);
    QCOMPARE(quicken->statements[0].rows[0].amountMinor, qint64(-2000));

    // Items without a !Type line: a bank account's, with a warning; the format is told from the contents.
    const QByteArray headerless = "D6/19' 5\nU0.00\nT0.00\nCX\nPOpening Balance\nL[Checking]\n^\n"
                                  "D6/20' 5\nT-12.50\nPGrocer\n^\nD6/21' 5\nT100.00\nPEmployer\n^\n";
    QVERIFY(looksLikeHeaderlessQif(QString::fromLatin1(headerless)));
    QVERIFY(!looksLikeHeaderlessQif(u"Date,Amount\n2024-01-01,1\n"));
    const Result<ParsedFile> h = parseQif(headerless, o);
    QVERIFY2(h, qPrintable(h.status().toString()));
    QCOMPARE(h->statements.size(), 1);
    QCOMPARE(h->statements[0].accountType, QStringLiteral("Bank"));
    QCOMPARE(h->statements[0].rows.size(), 2);
    QCOMPARE(h->statements[0].rows[0].amountMinor, qint64(-1250));
    QCOMPARE(h->statements[0].rows[0].bookedAtMs,
             QDateTime(QDate(2005, 6, 20), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    QVERIFY(std::any_of(h->warnings.cbegin(), h->warnings.cend(),
                        [](const ImportIssue& w) { return w.message.contains(u"no !Type line"); }));
    // Quicken's card section of payments (positive) and a charge (negative) stays as written.
    const Result<ParsedFile> payments
        = parseQif("!Type:CCard\nD03/02/2024\nT250.00\nPPayment - Thank you\n^\nD04/02/2024\nT250.00\nPPayment - Thank "
                   "you\n^\nD05/02/2024\nT250.00\nPPayment - Thank you\n^\nD06/02/2024\nT-45.00\nPGrocer\n^\n",
                   o);
    QVERIFY(payments);
    QCOMPARE(payments->statements[0].rows[0].amountMinor, qint64(25000));
    QCOMPARE(payments->statements[0].rows[3].amountMinor, qint64(-4500));
}

void TestImportQif::dayFirstDecidedFromWholeFile()
{
    const QByteArray qif = "!Type:Bank\nD03.04.2024\nT-1.234,50\n^\nD25.04.2024\nT10,00\n^\n";
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("EUR");
    const Result<ParsedFile> r = parseQif(qif, o);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows[0].bookedAtMs, noon(2024, 4, 3));
    QCOMPARE(r->statements[0].rows[0].amountMinor, qint64(-123450));
    QCOMPARE(r->statements[0].rows[1].amountMinor, qint64(1000));
    // The same first date is month first when nothing says otherwise.
    const Result<ParsedFile> us = parseQif("!Type:Bank\nD03/04/2024\nT1\n^\n", o);
    QCOMPARE(us->statements[0].rows[0].bookedAtMs, noon(2024, 3, 4));
    // Dotted dates are day first when nothing says otherwise (Targobank: D03.02.25).
    const Result<ParsedFile> dotted = parseQif("!Type:Bank\nD03.02.25\nT-5.00\n^\nD04.02.25\nT-1,357.61\n^\n", o);
    QVERIFY2(dotted, qPrintable(dotted.status().toString()));
    QCOMPARE(dotted->statements[0].rows[0].bookedAtMs, noon(2025, 2, 3));
    QCOMPARE(dotted->statements[0].rows[1].bookedAtMs, noon(2025, 2, 4));
    o.dateOrder = DateOrder::DayMonthYear;
    const Result<ParsedFile> forced = parseQif("!Type:Bank\nD03/04/2024\nT1\n^\n", o);
    QCOMPARE(forced->statements[0].rows[0].bookedAtMs, noon(2024, 4, 3));
    // Quicken's year-2000 fault: the years since 1900, the payee run on after them in a credit union's file.
    o.dateOrder = DateOrder::Auto;
    const Result<ParsedFile> y2k
        = parseQif("!Type:Bank\nD03/25/099Share Withdrawal\nT-99.99\nPShare Withdrawal\n^\nD01/05/100\nT99.99\n^\n", o);
    QVERIFY2(y2k, qPrintable(y2k.status().toString()));
    QCOMPARE(y2k->statements[0].rows.size(), 2);
    QCOMPARE(y2k->statements[0].rows[0].bookedAtMs, noon(1999, 3, 25));
    QCOMPARE(y2k->statements[0].rows[1].bookedAtMs, noon(2000, 1, 5));
}

void TestImportQif::quickenOpeningBalance()
{
    // Quicken's first item of an account books its opening balance against the account itself.
    const QByteArray qif = "!Type:Bank \nD1/ 1'25\nU1,000.00\nT1,000.00\nCX\nPOpening Balance\nL[Checking]\n^\n"
                           "D1/ 5'25\nU-1,234.56\nT-1,234.56\nN1021\nPCity of Springfield\nLTaxes:Property\n^\n"
                           "D1/15'25\nT2,500.00\nPOpening Balance\nL[Savings]\n^\n";
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("USD");
    const Result<ParsedFile> r = parseQif(qif, o);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].openingBalanceMinor, std::optional<qint64>(100000));
    // Only the first item: a later one of that name is a transaction (a transfer from the savings account).
    QCOMPARE(r->statements[0].rows.size(), 2);
    QCOMPARE(r->statements[0].rows[0].amountMinor, qint64(-123456));
    QCOMPARE(r->statements[0].rows[0].bookedAtMs, noon(2025, 1, 5));
    QCOMPARE(r->statements[0].rows[1].amountMinor, qint64(250000));

    // Money Manager Ex's French file: "Solde initial" against the account itself, dates year after an apostrophe.
    const Result<ParsedFile> fr = parseQif("!Type:Bank\nD28.02'2009\nT2.29\nCX\nPSolde initial\nL[Compte courant]\n^\n"
                                           "D28.02'2009\nT-1.00\nPVirement mensuel\nL[Compte Patrick]\n^\n",
                                           o);
    QVERIFY2(fr, qPrintable(fr.status().toString()));
    QCOMPARE(fr->statements[0].openingBalanceMinor, std::optional<qint64>(229));
    QCOMPARE(fr->statements[0].rows.size(), 1);
    QCOMPARE(fr->statements[0].rows[0].amountMinor, qint64(-100));
}

void TestImportQif::skippedSectionsAndRowErrors()
{
    const QByteArray qif = "!Type:Cat\nNFood\nE\n^\n"
                           "!Type:Memorized\nKC\nPLandlord\nT-1000\n^\n"
                           "!Type:Invst\nD1/1/24\nNBuy\nYACME\nI10\nQ5\nT50\n^\n"
                           "!Type:Bank\nD2/30/24\nT1.00\n^\nD2/1/24\nTabc\n^\nD2/2/24\nT2.00\n^\n";
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("EUR");
    const Result<ParsedFile> r = parseQif(qif, o);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->rowCount(), 1);
    QCOMPARE(r->warnings.size(), 3);
    QVERIFY(r->warnings[2].message.contains(QStringLiteral("investment")));
    QCOMPARE(r->rowErrors.size(), 2);
    QCOMPARE(r->rowErrors[0].line, 19);
    QCOMPARE(r->rowErrors[0].field, QStringLiteral("date"));
    QCOMPARE(r->rowErrors[1].line, 23);
    QCOMPARE(r->rowErrors[1].field, QStringLiteral("amount"));
    // A file of investment accounts alone is refused, saying why.
    const Result<ParsedFile> investments = parseQif(qif.left(qif.indexOf("!Type:Bank")), o);
    QVERIFY(!investments);
    QVERIFY2(investments.status().message().contains(QStringLiteral("only investment accounts")),
             qPrintable(investments.status().message()));
    // Without a currency every row is a row error.
    const Result<ParsedFile> noCurrency = parseQif("!Type:Bank\nD1/1/24\nT1\n^\n", {});
    QVERIFY(noCurrency);
    QCOMPARE(noCurrency->rowErrors.size(), 1);
    QCOMPARE(noCurrency->rowErrors[0].field, QStringLiteral("currency"));
}

void TestImportQif::notQif()
{
    QVERIFY(!parseQif("Date,Amount\n"));
    QVERIFY(!parseQif(""));
    // Items without a header after an empty one (a snippet cut after an item's end): read, with a warning.
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("CAD");
    const Result<ParsedFile> cut = parseQif("^\nD1/31'19\nU0.01\nT0.01\nPInterest\n^\n", o);
    QVERIFY2(cut, qPrintable(cut.status().toString()));
    QCOMPARE(cut->statements.size(), 1);
    QCOMPARE(cut->statements[0].rows.size(), 1);
    QCOMPARE(cut->statements[0].rows[0].amountMinor, qint64(1));
    const Result<ParsedFile> headed = parseQif("^\n!Type:Bank\nD1/31'19\nT-5.00\nPShop\n^\n", o);
    QVERIFY2(headed, qPrintable(headed.status().toString()));
    QCOMPARE(headed->statements.size(), 1);
    QCOMPARE(headed->statements[0].rows.size(), 1);
    QCOMPARE(headed->statements[0].rows[0].amountMinor, qint64(-500));
}

void TestImportQif::santanderPayees()
{
    // Santander UK's payees: "&amp;" for '&', and padded with the item's amount after a comma (dropped only where it
    // is the T line's); the derived ids are those of the texts as written.
    const QByteArray qif
        = "!Type:Oth L\nD30/03/2024\nT-1080.00\n"
          "PTRANSFER REFERENCE R&amp;D                                 , 1080.00\n^\n"
          "D27/02/2024\nT-1000.00\nPBILL PAYMENT VIA FASTER PAYMENT , MANDATE NO 94        , 1000.00\n^\n"
          "D20/02/2024\nT-2.75\nPAT&T, 2.50\n^\n";
    ImportOptions o;
    o.defaultCurrency = QStringLiteral("GBP");
    const Result<ParsedFile> r = parseQif(qif, o);
    QVERIFY2(r, qPrintable(r.status().toString()));
    const QList<ImportedRow>& rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].counterparty, QStringLiteral("TRANSFER REFERENCE R&D"));
    QCOMPARE(rows[1].counterparty, QStringLiteral("BILL PAYMENT VIA FASTER PAYMENT , MANDATE NO 94"));
    QCOMPARE(rows[2].counterparty, QStringLiteral("AT&T, 2.50"));
    ImportedRow asWritten = rows[0];
    asWritten.counterparty = QStringLiteral("TRANSFER REFERENCE R&amp;D                                 , 1080.00");
    QCOMPARE(rows[0].externalId, DerivedIds().next(asWritten));
}

QTEST_GUILESS_MAIN(TestImportQif)
#include "tst_import_qif.moc"
