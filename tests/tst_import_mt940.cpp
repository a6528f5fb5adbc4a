// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportValues.h"
#include "import/Importer.h"
#include "import/Mt940.h"

#include <QDateTime>
#include <QTest>

using namespace ledgerguard;

namespace {

qint64 noon(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

// A German bank's download: the SWIFT blocks around the message, its information fields structured with "?NN".
const QByteArray kSparkasse
    = "{1:F01SPKHDE2HAXXX0000000000}{2:I940SPKHDE2HXXXXN}{4:\r\n"
      ":20:STARTUMS\r\n"
      ":25:10020030/1234567890\r\n"
      ":28C:00012/001\r\n"
      ":60F:C240301EUR1234,56\r\n"
      ":61:2403010301DR12,34NDDTNONREF//0301A1\r\n"
      ":86:105?00FOLGELASTSCHRIFT?109248?20EREF+INV-77?21SVWZ+Miete M\xc3\xa4rz 2024?22 Wohnung 3\r\n"
      "?30HELADEF1822?31DE02100100100006820101?32Hausverwaltung?33 Schmidt GmbH\r\n"
      ":61:2403040304CR500,00NTRFNONREF//0304B2\r\n"
      ":86:166?00GUTSCHRIFT?20SVWZ+Gehalt Februar?32ACME AG\r\n"
      ":62F:C240304EUR1722,22\r\n"
      "-}\r\n";

} // namespace

class TestImportMt940 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void germanBankWithBlocks();
    void reversalsEntryDatesAndSlashCodes();
    void messagesOfOneAccountAndTextBefore();
    void informationTexts();
    void badLinesAndNoStatement();
};

void TestImportMt940::germanBankWithBlocks()
{
    const Result<ParsedFile> r = parseMt940(kSparkasse);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->format, QStringLiteral("mt940"));
    QCOMPARE(r->statements.size(), 1);
    const ImportedStatement& st = r->statements[0];
    QCOMPARE(st.accountRef, QStringLiteral("10020030/1234567890"));
    QCOMPARE(st.currency, QStringLiteral("EUR"));
    QCOMPARE(st.openingBalanceMinor, std::optional<qint64>(123456));
    QCOMPARE(st.closingBalanceMinor, std::optional<qint64>(172222));
    QCOMPARE(st.rows.size(), 2);
    QCOMPARE(st.rows[0].amountMinor, qint64(-1234));
    QCOMPARE(st.rows[0].bookedAtMs, noon(2024, 3, 1));
    QCOMPARE(st.rows[0].line, 6);
    QCOMPARE(st.rows[0].description, QStringLiteral("FOLGELASTSCHRIFT Miete März 2024 Wohnung 3"));
    QCOMPARE(st.rows[0].counterparty, QStringLiteral("Hausverwaltung Schmidt GmbH"));
    QCOMPARE(st.rows[1].amountMinor, qint64(50000));
    QCOMPARE(st.rows[1].description, QStringLiteral("GUTSCHRIFT Gehalt Februar"));
    QCOMPARE(st.rows[1].counterparty, QStringLiteral("ACME AG"));
    QVERIFY(st.rows[0].externalIdDerived);
    QVERIFY(st.rows[0].externalId != st.rows[1].externalId);
    // The opening balance and the rows give the closing balance.
    QVERIFY(checkBalances(st).balanced);
    // Found by its content whatever the file is called, and read by importData.
    QCOMPARE(detectFormat(kSparkasse, QStringLiteral("umsaetze.txt")), ImportFormat::Mt940);
    const Result<ParsedFile> viaImporter = importData(kSparkasse, {}, QStringLiteral("umsaetze.txt"));
    QVERIFY2(viaImporter, qPrintable(viaImporter.status().toString()));
    QCOMPARE(viaImporter->rowCount(), 2);
}

void TestImportMt940::reversalsEntryDatesAndSlashCodes()
{
    // A value date in January booked on 29 December, a reversed credit (money out) and a reversed debit (money in);
    // ING's information with slash codes.
    const QByteArray mt940
        = ":20:ING\n:25:NL91INGB0001234567\n:28C:1\n:60F:D231229EUR100,00\n"
          ":61:2401021229RC25,00NTRFNONREF\n"
          ":86:/EREF/NOTPROVIDED//NAME/J Jansen/REMI/USTD//Terugboeking 12/\n"
          ":61:240103RD7,50NDDTNONREF\n:86:Storno incasso\n"
          ":61:240104D1.250,00NTRFNONREF\n:86:/CNTP/NL71ABNA0841238001/ABNANL2A/GREENFLUX ASSETS BV///REMI/U\n"
          "STD//HUUR JANUARI/\n"
          ":62F:D240104EUR1367,50\n";
    const Result<ParsedFile> r = parseMt940(mt940);
    QVERIFY2(r, qPrintable(r.status().toString()));
    const ImportedStatement& st = r->statements[0];
    QCOMPARE(st.openingBalanceMinor, std::optional<qint64>(-10000));
    QCOMPARE(st.rows.size(), 3);
    QCOMPARE(st.rows[0].amountMinor, qint64(-2500));
    QCOMPARE(st.rows[0].bookedAtMs, noon(2023, 12, 29));
    QCOMPARE(st.rows[0].valueDateMs, std::optional<qint64>(noon(2024, 1, 2)));
    QCOMPARE(st.rows[0].counterparty, QStringLiteral("J Jansen"));
    QCOMPARE(st.rows[0].description, QStringLiteral("Terugboeking 12"));
    QCOMPARE(st.rows[1].amountMinor, qint64(750));
    QCOMPARE(st.rows[1].description, QStringLiteral("Storno incasso"));
    QCOMPARE(st.rows[2].amountMinor, qint64(-125000));
    QCOMPARE(st.rows[2].counterparty, QStringLiteral("GREENFLUX ASSETS BV"));
    QCOMPARE(st.rows[2].description, QStringLiteral("HUUR JANUARI"));
    QCOMPARE(st.closingBalanceMinor, std::optional<qint64>(-136750));
    QVERIFY(checkBalances(st).balanced);

    // Citi's entry date left as four spaces, before the mark and a funds code: booked on the value date.
    const Result<ParsedFile> citi = parseMt940(":20:CITI\n:25:123456789\n:28C:1\n:60F:C240311USD100,00\n"
                                               ":61:240312    DD21,39NMSCNONREF//\n:86:FEE\n"
                                               ":62F:C240312USD78,61\n");
    QVERIFY2(citi, qPrintable(citi.status().toString()));
    QCOMPARE(citi->rowErrorCount, 0);
    QCOMPARE(citi->statements[0].rows.size(), 1);
    QCOMPARE(citi->statements[0].rows[0].amountMinor, qint64(-2139));
    QCOMPARE(citi->statements[0].rows[0].bookedAtMs, noon(2024, 3, 12));
    QVERIFY(checkBalances(citi->statements[0]).balanced);
}

void TestImportMt940::messagesOfOneAccountAndTextBefore()
{
    // Free text above the first field (Danske Bank's example); two messages of one account (":62M:" then ":60M:")
    // are one statement; another account's message is another.
    const QByteArray mt940 = "This is an example file.\n--------\n"
                             ":20:A1\n:25:FI2112345600000785\n:28C:1/1\n:60F:C240301EUR10,00\n"
                             ":61:240301D1,00NMSCNONREF\n:86:FEE\n:62M:C240301EUR9,00\n-\n"
                             ":20:A2\n:25:FI2112345600000785\n:28C:1/2\n:60M:C240301EUR9,00\n"
                             ":61:240302C2,00NMSCNONREF\n:86:INTEREST\n:62F:C240302EUR11,00\n-\n"
                             ":20:B1\n:25:FI9812345600000999\n:28C:1\n:60F:C240301USD0,00\n"
                             ":61:240302C3,00NMSCNONREF\n:62F:C240302USD3,00\n-\n";
    QVERIFY(looksLikeMt940(QString::fromLatin1(mt940)));
    const Result<ParsedFile> r = parseMt940(mt940);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 2);
    QCOMPARE(r->statements[0].rows.size(), 2);
    QCOMPARE(r->statements[0].openingBalanceMinor, std::optional<qint64>(1000));
    QCOMPARE(r->statements[0].closingBalanceMinor, std::optional<qint64>(1100));
    QVERIFY(checkBalances(r->statements[0]).balanced);
    QCOMPARE(r->statements[1].accountRef, QStringLiteral("FI9812345600000999"));
    QCOMPARE(r->statements[1].currency, QStringLiteral("USD"));
    QCOMPARE(r->statements[1].rows.size(), 1);
    QCOMPARE(r->statements[1].rows[0].currency, QStringLiteral("USD"));
}

void TestImportMt940::informationTexts()
{
    // Rows without ":86:" described by their reference (Danske Bank: "FINTInterest"), NONREF being none; a second
    // ":86:" of a row adds to its text (Banca Transilvania); a line shorter than a full one ends between words, a
    // full one (65 characters) goes on in the middle of one; the slashes inside a remittance text are its own;
    // German subfields shorter than 27 characters end between words.
    const QByteArray mt940
        = ":20:X\n:25:FI2112345600000785\n:28C:1\n:60F:C240301EUR100,00\n"
          ":61:240301C0,23FINTInterest\n"
          ":61:240302D1,00NMSCNONREF\n"
          ":61:240303D2,00NTRFNONREF\n:86:Card 5299 RRN 0054\n:86:transf in ct.crt\n"
          ":61:240304D3,00NTRFNONREF\n:86:/ORDP//NAME/Bedrijf B.V./REMI/NR.201303-111/11.3.2013\n"
          "NR.201303-112 t/m 31-03/ISDT/2013-04-03\n"
          ":61:240305D4,00NTRFNONREF\n"
          ":86:/EREF/09999999999999999990123/IBAN/NL80RABO0676767676/REMI/Ke\n"
          "nmerk: 1234.4321.0000.5555 Omschrijving: 123123444 01-01-2014  3 \n"
          "MND 8888888888 Servicecontract/EREF/1234432100005555\n"
          ":61:240306D5,00NTRFNONREF\n"
          ":86:177?00ONLINE-UEBERWEISUNG?109310?20SVWZ+Apple Pay?21DATUM 19.02.2019, 13.24 UHR?32Max\n"
          ":62F:C240306EUR85,23\n";
    const Result<ParsedFile> r = parseMt940(mt940);
    QVERIFY2(r, qPrintable(r.status().toString()));
    const QList<ImportedRow>& rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 6);
    QCOMPARE(rows[0].description, QStringLiteral("Interest"));
    QCOMPARE(rows[1].description, QString());
    QCOMPARE(rows[2].description, QStringLiteral("Card 5299 RRN 0054 transf in ct.crt"));
    QCOMPARE(rows[3].counterparty, QStringLiteral("Bedrijf B.V."));
    QCOMPARE(rows[3].description, QStringLiteral("NR.201303-111/11.3.2013 NR.201303-112 t/m 31-03"));
    QCOMPARE(rows[4].description,
             QStringLiteral("Kenmerk: 1234.4321.0000.5555 Omschrijving: 123123444 01-01-2014 3 "
                            "MND 8888888888 Servicecontract"));
    QCOMPARE(rows[5].description, QStringLiteral("ONLINE-UEBERWEISUNG Apple Pay DATUM 19.02.2019, 13.24 UHR"));
    QVERIFY(checkBalances(r->statements[0]).balanced);
    // The derived ids are those the texts as read before these rules gave (this file imported by version c0fd939),
    // so that a file imported then is found a duplicate now.
    const QStringList before {
        QStringLiteral("lg1:4db32d3baada3b06258b34136386047e"), QStringLiteral("lg1:b223cb3a9fbf6278c441ef4a86179975"),
        QStringLiteral("lg1:93226665e8ccbcbf46b54b7062583ca7"), QStringLiteral("lg1:d6899d10301709666311e4dabde7cc40"),
        QStringLiteral("lg1:fad4f4109042346c9bc4be8ecab631b4"), QStringLiteral("lg1:cd25eb26777991e6b904c33d40dc4f88")};
    for (qsizetype i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i].externalId, before[i]);

    // Subfields marked with '^' (Pekao), '>' (Triodos), '+' (BRD) as German banks' with '?': the other party's name
    // from 32, the text from 00 and 20-29; a subfield of 27 characters goes on in the next one. Their derived ids are
    // those of the texts as read before (unstructured).
    const QByteArray marks = ":20:X\n:25:PL54194010765205871800000000\n:28C:1\n:60F:C240301PLN100,00\n"
                             ":61:240301D12,73NTRFNONREF\n:86:641^00PRZELEW^3019401076^38PL54194010765205871800000000\n"
                             "^20wynagrodzenie z tytulu umow^21y o prace\n^32BANKA MONIKA\n"
                             ":61:240302D1,00NTRFNONREF\n:86:000>100555555555\n"
                             ">20TENAAMSTELLING TEGENREKENIN>21G EN ADRES\n>22 PLAATS TEGENREKENING EN EE>23N LANGE\n"
                             ":61:240303D2,00NTRFNONREF\n:86:000+20Plata +30RZBRROBU+32RUSSMEDIA PRESS SRL\n"
                             ":62F:C240303PLN84,27\n";
    const Result<ParsedFile> m = parseMt940(marks);
    QVERIFY2(m, qPrintable(m.status().toString()));
    const QList<ImportedRow>& marked = m->statements[0].rows;
    QCOMPARE(marked.size(), 3);
    QCOMPARE(marked[0].counterparty, QStringLiteral("BANKA MONIKA"));
    QCOMPARE(marked[0].description, QStringLiteral("PRZELEW wynagrodzenie z tytulu umowy o prace"));
    QCOMPARE(marked[1].description,
             QStringLiteral("TENAAMSTELLING TEGENREKENING EN ADRES PLAATS TEGENREKENING EN EEN LANGE"));
    QCOMPARE(marked[2].counterparty, QStringLiteral("RUSSMEDIA PRESS SRL"));
    QCOMPARE(marked[2].description, QStringLiteral("Plata"));
    // (As version feb7547 derived them.)
    QCOMPARE(marked[0].externalId, QStringLiteral("lg1:77f8966cd0bbd511f6fd2ba5b92b02fc"));
    QCOMPARE(marked[1].externalId, QStringLiteral("lg1:2e6690d13f7f4a339ddea78c7848605d"));
    QCOMPARE(marked[2].externalId, QStringLiteral("lg1:f05dafb93059d522227633e61a55e0e6"));

    // BPH's blank before the business code (":86: 020?00..."): the subfields all the same; the derived id as before.
    const Result<ParsedFile> bph = parseMt940(":20:X\n:25:PL08106000760000777777777777\n:28C:1\n"
                                              ":60F:C031002PLN40000,00\n:61:0310201020D10,00NTRFNONREF\n"
                                              ":86: 020?00Wyplata-(dysp/przel)?2008106000760000777777777777?2115617?\n"
                                              "22INFO INFO?32HUTA SZKLA TOPIC UL?33PRZEMYSLOWA 67\n"
                                              ":62F:C031020PLN39990,00\n");
    QVERIFY2(bph, qPrintable(bph.status().toString()));
    QCOMPARE(bph->statements[0].rows[0].counterparty, QStringLiteral("HUTA SZKLA TOPIC UL PRZEMYSLOWA 67"));
    QVERIFY(bph->statements[0].rows[0].description.startsWith(u"Wyplata-(dysp/przel)"));
    QCOMPARE(bph->statements[0].rows[0].externalId, QStringLiteral("lg1:a8a0cf91bbb5c413df457898701855d2"));
    // Rabobank's names of joint accounts ("en/of": and/or) keep their slash, a name ends at the next code; a field of
    // codes without a remittance text (/ORDP//NAME/...) is read as one too. The derived ids as before.
    const Result<ParsedFile> rabo = parseMt940(
        ":20:X\n:25:NL54RABO0123456789\n:28C:1\n:60F:C130920EUR100,00\n:61:130920C384,75N541NONREF\n"
        ":86:/ACCW/NL54INGB0006752576,INGBNL2A/ORDP//NAME/Hr A B Huibers en/of\n Mw S L Huibers-Huveneers/REMI/1000"
        "122-P5549161\n:61:130920C20,00N122NONREF\n:86:/ORDP//NAME/Wehkamp BV\n:62F:C130920EUR504,75\n");
    QVERIFY2(rabo, qPrintable(rabo.status().toString()));
    QCOMPARE(rabo->statements[0].rows[0].counterparty, QStringLiteral("Hr A B Huibers en/of Mw S L Huibers-Huveneers"));
    QCOMPARE(rabo->statements[0].rows[0].description, QStringLiteral("1000122-P5549161"));
    QCOMPARE(rabo->statements[0].rows[1].counterparty, QStringLiteral("Wehkamp BV"));
    QCOMPARE(rabo->statements[0].rows[0].externalId, QStringLiteral("lg1:bddf5540f98208ffdbe709d39d40936b"));
    QCOMPARE(rabo->statements[0].rows[1].externalId, QStringLiteral("lg1:ccc3ea5451e56a8357b9ce310bf4d87e"));
    // A returned direct debit's codes without a remittance text: its kind and the reason; a name ends at the next
    // code ("/CTRY/"), not at its own capitals between slashes ("ACME/BV/NL").
    const Result<ParsedFile> returned
        = parseMt940(":20:X\n:25:NL54RABO0123456789\n:28C:1\n:60F:C130920EUR100,00\n:61:130920D10,00N541NONREF\n"
                     ":86:/TRTP/SEPA Incasso/RTRN/MS03/CSID/NL00ZZZ000000000000/NAME/Energ\nie BV/MARF/123/EREF/456\n"
                     ":61:130920D20,00N541NONREF\n:86:/EREF/X1/BENM//NAME/Jansen/CTRY/NL/REMI/factuur 12/2024\n"
                     ":61:130920D5,00N541NONREF\n:86:/EREF/X2/BENM//NAME/ACME/BV/NL/REMI/factuur\n"
                     ":62F:C130920EUR65,00\n");
    QVERIFY2(returned, qPrintable(returned.status().toString()));
    QCOMPARE(returned->statements[0].rows[0].counterparty, QStringLiteral("Energie BV"));
    QCOMPARE(returned->statements[0].rows[0].description, QStringLiteral("SEPA Incasso returned: MS03"));
    QCOMPARE(returned->statements[0].rows[1].counterparty, QStringLiteral("Jansen"));
    QCOMPARE(returned->statements[0].rows[2].counterparty, QStringLiteral("ACME/BV/NL"));
    QCOMPARE(returned->statements[0].rows[0].externalId, QStringLiteral("lg1:a94266d34a30cb40c19b17a800757a93"));
    QCOMPARE(returned->statements[0].rows[1].externalId, QStringLiteral("lg1:d9d5b21afd510b4e5c51954d7b46e9eb"));
    // A closing balance on a day that does not exist: not checked, with a warning naming it.
    const Result<ParsedFile> nov31 = parseMt940(":20:X\n:25:DE02120300000000202051\n:28C:1\n:60F:C021101EUR100,00\n"
                                                ":61:0211150211D10,00NTRFNONREF\n:86:Rent\n:62F:C021131EUR90,00\n");
    QVERIFY2(nov31, qPrintable(nov31.status().toString()));
    QVERIFY(!nov31->statements[0].closingBalanceMinor);
    QVERIFY(std::any_of(nov31->warnings.cbegin(), nov31->warnings.cend(),
                        [](const ImportIssue& w) { return w.line == 7 && w.message.contains(u"C021131EUR90,00"); }));
}

void TestImportMt940::badLinesAndNoStatement()
{
    // A FinTS client's raw download: "@@" where the lines break, an MT942's floor limit with a space after its
    // currency (":34F:EUR 999999999999,99").
    const Result<ParsedFile> fints
        = parseMt940("@@:20:STARTUMS@@:25:72090900/9876543219@@:28C:0@@:34F:EUR 999999999999,99@@:13:1604202255@@"
                     ":61:160421D0,02NMSCKREF+@@:86:177?00EURO-Ueberweisung?20KREF+X@@:90D:1EUR0,02@@:90C:0EUR0,00@@-");
    QVERIFY2(fints, qPrintable(fints.status().toString()));
    QCOMPARE(fints->statements.size(), 1);
    QCOMPARE(fints->statements[0].currency, QStringLiteral("EUR"));
    QCOMPARE(fints->statements[0].rows.size(), 1);
    QCOMPARE(fints->statements[0].rows[0].amountMinor, qint64(-2));
    QVERIFY(looksLikeMt940(u":20:STARTUMS@@:25:72090900/9876543219@@:34F:EUR 0,@@:61:160421D0,02NMSCKREF+"));
    // A booking written twice, the message's balances counting it once (ASN Bank): the copy is dropped, with a
    // warning. Rabobank's statements before SEPA: the other party's name after its account in the reference.
    const Result<ParsedFile> twice = parseMt940(
        ":20:0000000000\n:25:NL81ASNB9999999999\n:28C:1/1\n:60F:C200131EUR404,81\n"
        ":61:2001310131C1000,18NIOBNL56ASNB9999999999\n:86:NL56ASNB9999999999 Jansen\n"
        ":61:2001310131C1000,18NIOBNL56ASNB9999999999\n:86:NL56ASNB9999999999 Jansen\n"
        ":61:2001310131D903,76NIDBNL08ABNA9999999999\n:86:NL08ABNA9999999999 Huur\n:62F:C200131EUR501,23\n"
        ":20:940S110527\n:25:0123456789\n:28C:1\n:60F:C110526EUR473,17\n"
        ":61:110527D000000001213,28N0440121470966      W.P. Jansen\n:86:Terugboeking\n:62F:D110527EUR740,11\n");
    QVERIFY2(twice, qPrintable(twice.status().toString()));
    QCOMPARE(twice->statements.size(), 2);
    QCOMPARE(twice->statements[0].rows.size(), 2);
    QVERIFY(checkBalances(twice->statements[0]).balanced);
    QVERIFY(std::any_of(twice->warnings.cbegin(), twice->warnings.cend(), [](const ImportIssue& w) {
        return w.line == 7 && w.message.contains(u"a second copy of the booking on line 5");
    }));
    QCOMPARE(twice->statements[1].rows[0].counterparty, QStringLiteral("W.P. Jansen"));
    QCOMPARE(twice->statements[1].rows[0].description, QStringLiteral("Terugboeking"));
    // ING Romania's and Pekao's slash before the IBAN is no part of the account's number.
    const Result<ParsedFile> slash
        = parseMt940(":20:1\n:25:/RO19INGB0000999904621843\n:28C:15/1\n:60F:C240131RON10,00\n"
                     ":61:2402010201D2,50NTRFNONREF\n:86:Comision\n:62F:C240201RON7,50\n");
    QVERIFY2(slash, qPrintable(slash.status().toString()));
    QCOMPARE(slash->statements[0].accountRef, QStringLiteral("RO19INGB0000999904621843"));
    // A non-SWIFT ":NS:" block after a statement line: the other party's name (15 and 16, a full line 15 broken inside
    // a word) and the subfields with words the text; a block after the header names the holder, not the account.
    const Result<ParsedFile> ns = parseMt940(
        ":20:STARTUMS\n:25:1966315302010001\n:28:00046\n:NS:22JOHN DOE\n23John Doe\n:60F:C171011HUF627311,30\n"
        ":61:1710111011DF2402,00S   X\n:NS:01526715\n02A12596785    20170926000100\n09Tranzakci\xc3\xb3s "
        "Illet\xc3\xa9k:7.21HUF\n"
        "15ERGO Versicherung AG Fiokte\n16lep\n17G200000137791678\n"
        ":61:0203170320CM5000,00S05168790452\n:NS:01Verwendungszweck 1\n02Verwendungszweck 2\n15Empf\xc3\xa4nger\n"
        "17Buchungstext\n1812345\n:62F:C171011HUF629909,30\n");
    QVERIFY2(ns, qPrintable(ns.status().toString()));
    QCOMPARE(ns->statements.size(), 1);
    QCOMPARE(ns->statements[0].accountRef, QStringLiteral("1966315302010001"));
    QCOMPARE(ns->statements[0].rows.size(), 2);
    QCOMPARE(ns->statements[0].rows[0].description, QStringLiteral("Tranzakci\u00f3s Illet\u00e9k:7.21HUF"));
    QCOMPARE(ns->statements[0].rows[0].counterparty, QStringLiteral("ERGO Versicherung AG Fioktelep"));
    QCOMPARE(ns->statements[0].rows[1].description,
             QStringLiteral("Verwendungszweck 1 Verwendungszweck 2 Buchungstext"));
    QCOMPARE(ns->statements[0].rows[1].counterparty, QStringLiteral("Empf\u00e4nger"));

    // ING's ":25:" of the IBAN and then the account's currency, bunq's with a space, a German bank's after the bank
    // code and number: the account is the number, the code its currency; derived ids as before.
    for (const auto& [field, account] :
         {std::pair {"NL69INGB0123456789EUR", "NL69INGB0123456789"},
          std::pair {"NL10BUNQ2290325473 EUR", "NL10BUNQ2290325473"},
          std::pair {"51210600/3023166036EUR", "51210600/3023166036"}, std::pair {"1291.99.348EUR", "1291.99.348"},
          std::pair {"RO87BUCU1052235283028RON", "RO87BUCU1052235283028RON"}, std::pair {"DE1EUR", "DE1EUR"}}) {
        const Result<ParsedFile> withCode
            = parseMt940(QByteArray(":20:1\n:25:") + field
                         + "\n:28C:1\n:60F:C240131EUR10,00\n:61:2402010201D2,50NTRFNONREF\n"
                           ":86:Fee\n:62F:C240201EUR7,50\n");
        QVERIFY2(withCode, qPrintable(withCode.status().toString()));
        QCOMPARE(withCode->statements[0].accountRef, QString::fromLatin1(account));
        QCOMPARE(withCode->statements[0].currency, QStringLiteral("EUR"));
        ImportedRow asBefore = withCode->statements[0].rows[0];
        asBefore.accountRef = QString::fromLatin1(field);
        QCOMPARE(withCode->statements[0].rows[0].externalId, DerivedIds().next(asBefore));
    }
    // One IBAN in two currencies: two accounts, named as written.
    const Result<ParsedFile> twoCurrencies
        = parseMt940(":20:1\n:25:NL20INGB0001234567EUR\n:28C:1\n:60F:C230101EUR100,00\n:61:2301020102D10,00NTRFNONREF\n"
                     ":62F:C230102EUR90,00\n-\n:20:2\n:25:NL20INGB0001234567USD\n:28C:1\n:60F:C230101USD500,00\n"
                     ":61:2301020102C25,00NTRFNONREF\n:62F:C230102USD525,00\n-\n");
    QVERIFY2(twoCurrencies, qPrintable(twoCurrencies.status().toString()));
    QCOMPARE(twoCurrencies->statements.size(), 2);
    QCOMPARE(twoCurrencies->statements[0].accountRef, QStringLiteral("NL20INGB0001234567EUR"));
    QCOMPARE(twoCurrencies->statements[1].accountRef, QStringLiteral("NL20INGB0001234567USD"));
    QCOMPARE(twoCurrencies->statements[1].currency, QStringLiteral("USD"));

    const Result<ParsedFile> r = parseMt940(":20:X\n:25:DE1\n:60F:C240301EUR0,00\n:61:24AB01C1,00NMSC\n"
                                            ":61:240301C1,00NMSCNONREF\n:62F:C240301EUR1,00\n");
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(r->rowErrorCount, 1);
    QCOMPARE(r->rowErrors[0].line, 4);
    QCOMPARE(r->rowErrors[0].field, QStringLiteral("date"));
    // An MT942 interim report: no balances, its floor limit and time; found by its content in a .txt file.
    const QByteArray mt942 = "{1:F01CHASUS33AXXX0000000000}{2:O9421530240315CHASUS33AXXX00000000002403151530N}{4:\r\n"
                             ":20:JPM24031515300001\r\n:25:000000123456789\r\n:28C:74/3\r\n:34F:USD0,\r\n"
                             ":13D:2403151530-0400\r\n:61:2403150315C25000,00NTRFINV45678//JPM240315000123\r\n"
                             "/OCMT/USD25000,00/\r\n:86:ORIG: GLOBEX TRADING LLC REF: INV 45678\r\n"
                             ":90C:1USD25000,00\r\n-}\r\n";
    QCOMPARE(detectFormat(mt942, QStringLiteral("report.txt")), ImportFormat::Mt940);
    ImportOptions usd;
    usd.defaultCurrency = QStringLiteral("USD");
    // Its floor limit ":34F:" names its currency: no currency needs choosing.
    for (const ImportOptions& options : {ImportOptions {}, usd}) {
        const Result<ParsedFile> interim = parseMt940(mt942, options);
        QVERIFY2(interim, qPrintable(interim.status().toString()));
        QCOMPARE(interim->statements[0].currency, QStringLiteral("USD"));
        QCOMPARE(interim->statements[0].rows.size(), 1);
        QCOMPARE(interim->statements[0].rows[0].amountMinor, qint64(2500000));
        QCOMPARE(interim->statements[0].rows[0].currency, QStringLiteral("USD"));
        QCOMPARE(interim->statements[0].rows[0].description, QStringLiteral("ORIG: GLOBEX TRADING LLC REF: INV 45678"));
    }
    const Result<ParsedFile> none = parseMt940("no statement here\n");
    QVERIFY(!none);
    QVERIFY(!looksLikeMt940(u"Date,Amount\n:20:,1\n"));
}

QTEST_GUILESS_MAIN(TestImportMt940)
#include "tst_import_mt940.moc"
