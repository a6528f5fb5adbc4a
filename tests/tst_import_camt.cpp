// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Camt.h"
#include "import/Importer.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTest>
#include <algorithm>

using namespace ledgerguard;

// Raw-string test documents live in tst_import_camt_data.cpp (moc cannot read raw string literals).
extern const char* const kCamt053v02;
extern const char* const kCamt053v08;

namespace {

qint64 noon(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

class TestImportCamt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statementVersion2();
    void version8StatusCodeAndParties();
    void bookingTimesKeepTheirDay();
    void report052();
    void batchWithoutAmounts();
    void addressNamesAndReferences();
    void truncatedIsFatal();
    void documentsOneAfterAnother();
    void entryWithoutDates();
    void notificationWithoutAccountCurrency();
    void notCamt();
    void bareAmpersands();
};

void TestImportCamt::statementVersion2()
{
    const Result<ParsedFile> r = parseCamt(kCamt053v02);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->format, QStringLiteral("camt"));
    QCOMPARE(r->statements.size(), 2);
    const ImportedStatement& a = r->statements[0];
    QCOMPARE(a.accountRef, QStringLiteral("DE89370400440532013000"));
    QCOMPARE(a.accountName, QStringLiteral("Muster GmbH"));
    QCOMPARE(a.bankId, QStringLiteral("COBADEFFXXX"));
    QCOMPARE(a.statementId, QStringLiteral("STMT-2024-01"));
    QCOMPARE(a.currency, QStringLiteral("EUR"));
    QCOMPARE(a.openingBalanceMinor, std::optional<qint64>(100000)); // PRCD
    QCOMPARE(a.closingBalanceMinor, std::optional<qint64>(65150));
    QCOMPARE(a.closingBalanceAtMs, std::optional<qint64>(noon(2024, 1, 31)));
    QCOMPARE(a.rows.size(), 3); // one entry + a batch of two; the pending entry skipped
    const ImportedRow& one = a.rows[0];
    QCOMPARE(one.amountMinor, qint64(-4850));
    QCOMPARE(one.bookedAtMs, noon(2024, 1, 3));
    QCOMPARE(one.valueDateMs, std::optional<qint64>(noon(2024, 1, 4)));
    QCOMPARE(one.externalId, QStringLiteral("REF-A"));
    QCOMPARE(one.counterparty, QStringLiteral("Stadtwerke")); // the creditor of a debit
    QCOMPARE(one.description, QStringLiteral("Strom Januar Kunde 42"));
    QCOMPARE(one.category, QStringLiteral("NMSC+005"));
    QCOMPARE(one.line, 24);
    QCOMPARE(a.rows[1].amountMinor, qint64(-10000));
    QCOMPARE(a.rows[1].counterparty, QStringLiteral("Alice"));
    QCOMPARE(a.rows[1].externalId, QStringLiteral("BATCH-7/1"));
    QCOMPARE(a.rows[1].description, QStringLiteral("Salary advance"));
    QCOMPARE(a.rows[2].amountMinor, qint64(-20000));
    QCOMPARE(a.rows[2].externalId, QStringLiteral("BATCH-7/2"));
    QCOMPARE(a.rows[2].description, QStringLiteral("SAMMEL-UEBERWEISUNG"));
    QCOMPARE(r->warnings.size(), 1);
    QCOMPARE(r->warnings[0].field, QStringLiteral("status"));
    QCOMPARE(r->warnings[0].line, 65);

    const ImportedStatement& b = r->statements[1];
    QCOMPARE(b.accountRef, QStringLiteral("0012345678"));
    QCOMPARE(b.accountName, QStringLiteral("USD account"));
    QCOMPARE(b.openingBalanceMinor, std::optional<qint64>(-1000));
    QCOMPARE(
        b.closingBalanceAtMs,
        std::optional<qint64>(QDateTime(QDate(2024, 1, 31), QTime(23, 59, 59), QTimeZone::utc()).toMSecsSinceEpoch()));
    QCOMPARE(b.rows.size(), 1); // details without amounts: the entry stays one row
    QCOMPARE(b.rows[0].amountMinor, qint64(10000));
    QCOMPARE(b.rows[0].currency, QStringLiteral("USD"));
    QCOMPARE(b.rows[0].counterparty, QStringLiteral("Customer Inc")); // the debtor of a credit
    QCOMPARE(b.rows[0].externalId, QStringLiteral("TX-REF"));
    QCOMPARE(b.rows[0].description, QStringLiteral("Invoice 17"));
    QCOMPARE(b.rows[0].bookedAtMs, QDateTime(QDate(2024, 1, 15), QTime(8, 0), QTimeZone::utc()).toMSecsSinceEpoch());

    // Pending entries on request.
    ImportOptions o;
    o.includePending = true;
    const Result<ParsedFile> p = parseCamt(kCamt053v02, o);
    QCOMPARE(p->statements[0].rows.size(), 4);
    QVERIFY(p->statements[0].rows[3].externalIdDerived);
}

void TestImportCamt::version8StatusCodeAndParties()
{
    const QByteArray xml = kCamt053v08;
    const Result<ParsedFile> r = parseCamt(xml);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    const auto& rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].amountMinor, qint64(2550));
    QCOMPARE(rows[0].counterparty, QStringLiteral("Kunde AG"));
    QCOMPARE(rows[0].externalId, QStringLiteral("E2E-8"));
    QCOMPARE(rows[0].description, QStringLiteral("Rueckbuchung"));
    QCOMPARE(r->rowErrors.size(), 1); // 1.234 CHF
    QCOMPARE(r->rowErrors[0].field, QStringLiteral("amount"));
    QCOMPARE(r->rowErrors[0].line, 11);
}

void TestImportCamt::bookingTimesKeepTheirDay()
{
    // A booking time with its offset (Sparkasse's camt.053.001.08) is the bank's wall clock: 00:30 on 20 February
    // stays on 20 February, not 19 February 23:30 UTC; midnight is a date alone.
    QByteArray xml = kCamt053v08;
    xml.replace("<BookgDt><Dt>2024-02-20</Dt></BookgDt>", "<BookgDt><DtTm>2024-02-20T00:30:00+01:00</DtTm></BookgDt>");
    xml.replace("<BookgDt><Dt>2024-02-21</Dt></BookgDt>", "<BookgDt><DtTm>2024-02-21T00:00:00+01:00</DtTm></BookgDt>");
    xml.replace("<Amt Ccy=\"CHF\">1.234</Amt>", "<Amt Ccy=\"CHF\">1.25</Amt>");
    const Result<ParsedFile> r = parseCamt(xml);
    QVERIFY2(r, qPrintable(r.status().toString()));
    const auto& rows = r->statements[0].rows;
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].bookedAtMs, QDateTime(QDate(2024, 2, 20), QTime(0, 30), QTimeZone::utc()).toMSecsSinceEpoch());
    QCOMPARE(rows[1].bookedAtMs, noon(2024, 2, 21));
}

void TestImportCamt::report052()
{
    const QByteArray xml = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.06\"><BkToCstmrAcctRpt>"
                           "<Rpt><Id>r</Id><Acct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id></Acct>"
                           "<Ntry><Amt Ccy=\"GBP\">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
                           "<ValDt><Dt>2024-05-02</Dt></ValDt></Ntry></Rpt></BkToCstmrAcctRpt></Document>";
    const Result<ParsedFile> r = parseCamt(xml);
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(r->statements[0].rows[0].amountMinor, qint64(-500));
    QCOMPARE(r->statements[0].rows[0].currency, QStringLiteral("GBP"));
    QCOMPARE(r->statements[0].rows[0].bookedAtMs, noon(2024, 5, 2)); // no BookgDt: the value date
    QCOMPARE(r->statements[0].closingBalanceMinor, std::nullopt);

    // A report's interim booked balance is its stated closing one; a returned direct debit names only its creditor.
    const QByteArray intraday
        = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.08\"><BkToCstmrAcctRpt>"
          "<Rpt><Id>r</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ownr><Nm>Max Muster</Nm></Ownr></Acct>"
          "<Bal><Tp><CdOrPrtry><Cd>ITBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">1387.66</Amt>"
          "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-15</Dt></Dt></Bal>"
          "<Ntry><Amt Ccy=\"EUR\">49.95</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd>"
          "<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2024-01-15</Dt></BookgDt><NtryDtls><TxDtls>"
          "<RltdPties><Dbtr><Pty><Nm>Max Muster</Nm></Pty></Dbtr><Cdtr><Pty><Nm>Telekom Deutschland GmbH</Nm></Pty>"
          "</Cdtr></RltdPties></TxDtls></NtryDtls></Ntry></Rpt></BkToCstmrAcctRpt></Document>";
    const Result<ParsedFile> i = parseCamt(intraday);
    QVERIFY2(i, qPrintable(i.status().toString()));
    QCOMPARE(i->statements[0].closingBalanceMinor, std::optional<qint64>(138766));
    QCOMPARE(i->statements[0].rows[0].amountMinor, qint64(4995));
    QCOMPARE(i->statements[0].rows[0].counterparty, QStringLiteral("Telekom Deutschland GmbH"));

    // A statement of available balances alone (Šiaulių bankas: OPAV and CLAV) is reconciled with them; beside booked
    // ones they are left out.
    const auto available = [](const char* more) -> QByteArray {
        return QByteArray("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt>"
                          "<Id>s</Id><Acct><Id><IBAN>LT601010012345678901</IBAN></Id></Acct>"
                          "<Bal><Tp><CdOrPrtry><Cd>OPAV</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">30.00</Amt>"
                          "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-01</Dt></Dt></Bal>"
                          "<Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">20.00</Amt>"
                          "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-31</Dt></Dt></Bal>")
            + more
            + "<Ntry><Amt Ccy=\"EUR\">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>"
              "<BookgDt><Dt>2024-01-15</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>";
    };
    const Result<ParsedFile> a = parseCamt(available(""));
    QVERIFY2(a, qPrintable(a.status().toString()));
    QCOMPARE(a->statements[0].openingBalanceMinor, std::optional<qint64>(3000));
    QCOMPARE(a->statements[0].closingBalanceMinor, std::optional<qint64>(2000));
    QVERIFY(checkBalances(a->statements[0]).balanced);
    const Result<ParsedFile> b = parseCamt(available("<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>"
                                                     "<Amt Ccy=\"EUR\">25.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                                                     "<Dt><Dt>2024-01-31</Dt></Dt></Bal>"));
    QVERIFY2(b, qPrintable(b.status().toString()));
    QCOMPARE(b->statements[0].openingBalanceMinor, std::nullopt);
    QCOMPARE(b->statements[0].closingBalanceMinor, std::optional<qint64>(2500));
}

void TestImportCamt::batchWithoutAmounts()
{
    // The batch of two transfers without their own amounts: one row of the entry's 300.00, described by the entry and
    // naming both creditors.
    QString doc = QString::fromUtf8(kCamt053v02);
    doc.remove(QRegularExpression(QStringLiteral("<AmtDtls>.*?</AmtDtls>")));
    const Result<ParsedFile> r = parseCamt(doc.toUtf8(), {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    const ImportedStatement& a = r->statements[0];
    QCOMPARE(a.rows.size(), 2);
    QCOMPARE(a.rows[1].amountMinor, qint64(-30000));
    QCOMPARE(a.rows[1].externalId, QStringLiteral("BATCH-7"));
    QCOMPARE(a.rows[1].description, QStringLiteral("SAMMEL-UEBERWEISUNG (2 transactions)"));
    QCOMPARE(a.rows[1].counterparty, QStringLiteral("Alice, Bob"));
}

void TestImportCamt::addressNamesAndReferences()
{
    // Deutsche Postbank writes the root "document"; UBS names a creditor by its address lines only, and describes a
    // QR payment by its reference of digits and the entry's text.
    const QByteArray doc
        = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document "
          "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.04\">"
          "<BkToCstmrStmt><Stmt><Id>S1</Id><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id><Ccy>CHF</Ccy></Acct>"
          "<Ntry><Amt Ccy=\"CHF\">120.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-01</Dt>"
          "</BookgDt><AcctSvcrRef>R1</AcctSvcrRef><AddtlNtryInf>e-banking Order</AddtlNtryInf><NtryDtls><TxDtls>"
          "<RltdPties><Cdtr><PstlAdr><AdrLine>Keller Fahnen AG</AdrLine><AdrLine>8000 Zuerich</AdrLine></PstlAdr>"
          "</Cdtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>934545800011543260001271905</Ref></CdtrRefInf></Strd>"
          "</RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></document>";
    const Result<ParsedFile> r = parseCamt(doc, {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    const ImportedRow& row = r->statements[0].rows[0];
    QCOMPARE(row.amountMinor, qint64(-12050));
    QCOMPARE(row.counterparty, QStringLiteral("Keller Fahnen AG"));
    QCOMPARE(row.description, QStringLiteral("e-banking Order (reference 934545800011543260001271905)"));
    // The structured remittance's own words (PostFinance's collective credit) describe the row.
    const Result<ParsedFile> words = parseCamt(
        QByteArray(doc).replace("<CdtrRefInf>", "<AddtlRmtInf>Rechnung Nr. 372142</AddtlRmtInf><CdtrRefInf>"), {});
    QVERIFY2(words, qPrintable(words.status().toString()));
    QVERIFY2(words->statements[0].rows[0].description.contains(QStringLiteral("Rechnung Nr. 372142")),
             qPrintable(words->statements[0].rows[0].description));

    // A Sparkasse's posting text (AddtlNtryInf) before the purpose of its one transaction; not before a purpose that
    // holds it, nor before the parts of a batch.
    QByteArray posting = doc;
    posting.replace("<AddtlNtryInf>e-banking Order</AddtlNtryInf>", "<AddtlNtryInf>BARGELDAUSZAHLUNG</AddtlNtryInf>");
    posting.replace("<Strd><CdtrRefInf><Ref>934545800011543260001271905</Ref></CdtrRefInf></Strd>",
                    "<Ustrd>2024-03-01T11:02 Debitk.0 GA NR00012345</Ustrd>");
    const Result<ParsedFile> p = parseCamt(posting, {});
    QVERIFY2(p, qPrintable(p.status().toString()));
    QCOMPARE(p->statements[0].rows[0].description,
             QStringLiteral("BARGELDAUSZAHLUNG 2024-03-01T11:02 Debitk.0 GA NR00012345"));
    QByteArray held = posting;
    held.replace("<Ustrd>2024-03-01T11:02", "<Ustrd>BARGELDAUSZAHLUNG 2024-03-01T11:02");
    const Result<ParsedFile> h = parseCamt(held, {});
    QVERIFY(h);
    QCOMPARE(h->statements[0].rows[0].description,
             QStringLiteral("BARGELDAUSZAHLUNG 2024-03-01T11:02 Debitk.0 GA NR00012345"));
}

void TestImportCamt::truncatedIsFatal()
{
    QByteArray cut(kCamt053v02);
    cut.truncate(cut.indexOf("<Ntry>") + 40);
    const Result<ParsedFile> r = parseCamt(cut);
    QVERIFY(!r);
    QVERIFY2(r.status().message().startsWith(QStringLiteral("line 26, column")), qPrintable(r.status().message()));
    const Result<ParsedFile> broken = parseCamt("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.04\">\n"
                                                "<BkToCstmrStmt><Stmt></Acct></Stmt></BkToCstmrStmt></Document>");
    QVERIFY(!broken);
    QVERIFY2(broken.status().message().startsWith(QStringLiteral("line 2, column")),
             qPrintable(broken.status().message()));
}

// A file of several documents, each with its declaration (ABN AMRO's statements of two days in one file): each
// document's statements read, lines counted through the file; anything else after a document is refused.
void TestImportCamt::documentsOneAfterAnother()
{
    const QByteArray one(kCamt053v02);
    const Result<ParsedFile> single = parseCamt(one);
    QVERIFY2(single, qPrintable(single.status().toString()));
    const int lines = int(one.count('\n')) + 1;
    const Result<ParsedFile> two = parseCamt(one + "\r\n\n" + one);
    QVERIFY2(two, qPrintable(two.status().toString()));
    QCOMPARE(two->statements.size(), 2 * single->statements.size());
    const ImportedStatement& first = two->statements.front();
    const ImportedStatement& again = two->statements[single->statements.size()];
    QCOMPARE(again.accountRef, first.accountRef);
    QCOMPARE(again.rows.size(), first.rows.size());
    QCOMPARE(again.rows.front().line, first.rows.front().line + lines + 1);

    // Joined by copying (each with its byte-order mark), a comment between them.
    const Result<ParsedFile> copied = parseCamt("\xEF\xBB\xBF" + one + "\n\xEF\xBB\xBF<!-- next -->\n" + one);
    QVERIFY2(copied, qPrintable(copied.status().toString()));
    QCOMPARE(copied->statements.size(), 2 * single->statements.size());

    const Result<ParsedFile> other = parseCamt(one + "\n<Other/>\n");
    QVERIFY(!other);
    QVERIFY2(other.status().message().contains(QStringLiteral("line %1: a <Other> element").arg(lines + 1)),
             qPrintable(other.status().message()));
    QByteArray cut = one + "\n" + one;
    cut.truncate(cut.lastIndexOf("<Ntry>") + 20);
    const Result<ParsedFile> truncated = parseCamt(cut);
    QVERIFY(!truncated);
    QVERIFY2(truncated.status().message().contains(QStringLiteral("Premature end of document")),
             qPrintable(truncated.status().message()));
    QVERIFY2(truncated.status().message().startsWith(QStringLiteral("line %1,").arg(int(cut.count('\n')) + 1)),
             qPrintable(truncated.status().message()));
}

void TestImportCamt::notCamt()
{
    const Result<ParsedFile> r = parseCamt("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>");
    QVERIFY(!r);
    QVERIFY(r.status().message().contains(QStringLiteral("pain.001")));
    // Another XML statement (Fio's own): its root named, and what to export instead.
    const Result<ParsedFile> fio = parseCamt("<?xml version=\"1.0\"?><AccountStatement><Info/></AccountStatement>");
    QVERIFY(!fio);
    QVERIFY(fio.status().message().contains(QStringLiteral("<AccountStatement>")));
    QVERIFY(fio.status().message().contains(QStringLiteral("camt.053")));
    // A camt document without a statement, report or notification in it.
    const Result<ParsedFile> empty
        = parseCamt("<?xml version=\"1.0\"?>\n<Document "
                    "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.04\">\n</Document>");
    QVERIFY(!empty);
    QVERIFY2(empty.status().message().contains(QStringLiteral("holds no statement")),
             qPrintable(empty.status().message()));
}

void TestImportCamt::entryWithoutDates()
{
    // BMO's statement of one day: its entry states neither BookgDt nor ValDt (both optional), so it is booked on the
    // statement's day; in a statement of several days it stays a row error.
    const QByteArray doc
        = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
          "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>1</Id>"
          "<FrToDt><FrDtTm>2021-11-22T00:00:00</FrDtTm><ToDtTm>2021-11-22T23:59:59</ToDtTm></FrToDt>"
          "<Acct><Id><Othr><Id>0001-12345</Id></Othr></Id><Ccy>USD</Ccy></Acct>"
          "<Ntry><Amt Ccy=\"USD\">69.69</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AcctSvcrRef>B1</AcctSvcrRef>"
          "<NtryDtls><TxDtls><RltdDts><TxDtTm>2021-10-27T00:00:00.000</TxDtTm></RltdDts></TxDtls></NtryDtls></Ntry>"
          "</Stmt></BkToCstmrStmt></Document>";
    Result<ParsedFile> r = parseCamt(doc, {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(r->statements[0].rows[0].amountMinor, qint64(6969));
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(r->statements[0].rows[0].bookedAtMs, Qt::UTC).date(), QDate(2021, 11, 22));
    QVERIFY(std::any_of(r->warnings.cbegin(), r->warnings.cend(),
                        [](const ImportIssue& w) { return w.message.contains(QLatin1String("statement's day")); }));
    r = parseCamt(QByteArray(doc).replace("<ToDtTm>2021-11-22T23:59:59", "<ToDtTm>2021-11-23T23:59:59"), {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 0);
    QCOMPARE(r->rowErrors.size(), 1);
    // A statement that states no period (Odoo's Nordic sample): the day of its closing balance.
    QByteArray noPeriod = doc;
    noPeriod.replace(noPeriod.indexOf("<FrToDt>"), noPeriod.indexOf("<Acct>") - noPeriod.indexOf("<FrToDt>"), "");
    noPeriod.replace("<Ntry>",
                     "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"USD\">69.69</Amt>"
                     "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2021-11-24</Dt></Dt></Bal><Ntry>");
    r = parseCamt(noPeriod, {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(r->statements[0].rows[0].bookedAtMs, Qt::UTC).date(), QDate(2021, 11, 24));

    // A statement's entry without the status camt requires, with its booking date: booked (an OCA sample); a
    // report's (camt.052) stays skipped.
    const QByteArray noStatus = QByteArray(doc)
                                    .replace("<Sts>BOOK</Sts>", "")
                                    .replace("<AcctSvcrRef>", "<BookgDt><Dt>2021-11-22</Dt></BookgDt><AcctSvcrRef>");
    r = parseCamt(noStatus, {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(r->statements[0].rows[0].bookedAtMs, Qt::UTC).date(), QDate(2021, 11, 22));
    // Without any date in a statement of one day (the Bank of Lithuania's): booked on that day; in a statement of
    // several days it stays unbooked.
    r = parseCamt(QByteArray(doc).replace("<Sts>BOOK</Sts>", ""), {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 1);
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(r->statements[0].rows[0].bookedAtMs, Qt::UTC).date(), QDate(2021, 11, 22));
    r = parseCamt(QByteArray(doc)
                      .replace("<Sts>BOOK</Sts>", "")
                      .replace("<ToDtTm>2021-11-22T23:59:59", "<ToDtTm>2021-11-23T23:59:59"),
                  {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 0);
    r = parseCamt(QByteArray(noStatus)
                      .replace("camt.053.001.02", "camt.052.001.02")
                      .replace("BkToCstmrStmt><Stmt>", "BkToCstmrAcctRpt><Rpt>")
                      .replace("</Stmt></BkToCstmrStmt>", "</Rpt></BkToCstmrAcctRpt>"),
                  {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements[0].rows.size(), 0);
}

void TestImportCamt::notificationWithoutAccountCurrency()
{
    // PostFinance's camt.054: no Acct/Ccy and no balance; the entries' currency is the account's. Its processing
    // flags ("?REJECT?0") are no text: the entry's text and the QR reference describe the row. A Bankgiro payment
    // whose only purpose is an invoice's number (RfrdDocInf) is described by it.
    const QByteArray doc
        = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
          "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\"><BkToCstmrDbtCdtNtfctn><Ntfctn><Id>N1</Id>"
          "<Acct><Id><IBAN>CH5909000000302119940</IBAN></Id></Acct>"
          "<Ntry><Amt Ccy=\"CHF\">321.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
          "<BookgDt><Dt>2020-09-24</Dt></BookgDt><AcctSvcrRef>P1</AcctSvcrRef>"
          "<NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>539115429773825311971477453</Ref></CdtrRefInf>"
          "<AddtlRmtInf>?REJECT?0</AddtlRmtInf></Strd></RmtInf></TxDtls></NtryDtls>"
          "<AddtlNtryInf>GUTSCHRIFT AUFTRAGGEBER: Bernasconi Maria</AddtlNtryInf></Ntry>"
          "<Ntry><Amt Ccy=\"CHF\">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
          "<BookgDt><Dt>2020-09-24</Dt></BookgDt><AcctSvcrRef>P2</AcctSvcrRef>"
          "<NtryDtls><TxDtls><RmtInf><Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp>"
          "<Nb>501998/</Nb></RfrdDocInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>"
          "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>";
    const Result<ParsedFile> r = parseCamt(doc, {});
    QVERIFY2(r, qPrintable(r.status().toString()));
    QCOMPARE(r->statements.size(), 1);
    QCOMPARE(r->statements[0].currency, QStringLiteral("CHF"));
    QCOMPARE(r->statements[0].rows.size(), 2);
    QCOMPARE(r->statements[0].rows[0].amountMinor, qint64(32100));
    QCOMPARE(r->statements[0].rows[0].description,
             QStringLiteral("GUTSCHRIFT AUFTRAGGEBER: Bernasconi Maria (reference 539115429773825311971477453)"));
    QCOMPARE(r->statements[0].rows[1].description, QStringLiteral("Invoice 501998/"));

    // An anonymised file's "XXX" (ISO 4217's no currency) names none: the currency chosen for the file, else a row
    // error that says to choose one.
    QByteArray anonymised = doc;
    anonymised.replace("Ccy=\"CHF\"", "Ccy=\"XXX\"");
    ImportOptions chf;
    chf.defaultCurrency = QStringLiteral("CHF");
    const Result<ParsedFile> chosen = parseCamt(anonymised, chf);
    QVERIFY2(chosen, qPrintable(chosen.status().toString()));
    QCOMPARE(chosen->statements[0].rows.size(), 2);
    QCOMPARE(chosen->statements[0].rows[0].currency, QStringLiteral("CHF"));
    const Result<ParsedFile> unknown = parseCamt(anonymised, {});
    QVERIFY2(unknown, qPrintable(unknown.status().toString()));
    QCOMPARE(unknown->rowErrors.size(), 2);
    QVERIFY(unknown->rowErrors[0].message.contains(QStringLiteral("choose one with --currency")));

    // A summary that counts more entries than the file holds (a statement cut short): said in a warning.
    QByteArray counted = doc;
    counted.replace("<Ntry>", "<TxsSummry><TtlNtries><NbOfNtries>6</NbOfNtries></TtlNtries></TxsSummry><Ntry>");
    counted.replace("</Ntry><TxsSummry><TtlNtries><NbOfNtries>6</NbOfNtries></TtlNtries></TxsSummry><Ntry>",
                    "</Ntry><Ntry>");
    const Result<ParsedFile> cut = parseCamt(counted, {});
    QVERIFY2(cut, qPrintable(cut.status().toString()));
    QCOMPARE(cut->statements[0].rows.size(), 2);
    QVERIFY(std::any_of(cut->warnings.cbegin(), cut->warnings.cend(), [](const ImportIssue& w) {
        return w.message.contains(u"counts 6 entries") && w.message.contains(u"holds 2");
    }));
    const Result<ParsedFile> whole = parseCamt(QByteArray(counted).replace("<NbOfNtries>6<", "<NbOfNtries>2<"), {});
    QVERIFY2(whole, qPrintable(whole.status().toString()));
    QVERIFY(std::none_of(whole->warnings.cbegin(), whole->warnings.cend(),
                         [](const ImportIssue& w) { return w.message.contains(u"entries"); }));
    // A summary that counts fewer (booked entries only, beside a pending one): no warning.
    const Result<ParsedFile> fewer = parseCamt(QByteArray(counted).replace("<NbOfNtries>6<", "<NbOfNtries>1<"), {});
    QVERIFY2(fewer, qPrintable(fewer.status().toString()));
    QVERIFY(std::none_of(fewer->warnings.cbegin(), fewer->warnings.cend(),
                         [](const ImportIssue& w) { return w.message.contains(u"summary counts"); }));
}

void TestImportCamt::bareAmpersands()
{
    // An '&' a bank did not write as "&amp;": read as the character, with a warning naming its line; the file's
    // other escapes stay as they are.
    QByteArray xml = kCamt053v02;
    const qsizetype ustrd = xml.indexOf("<Ustrd>");
    QVERIFY(ustrd > 0);
    xml.insert(ustrd + 7, "M&S and A&amp;B ");
    const Result<ParsedFile> r = parseCamt(xml);
    QVERIFY2(r, qPrintable(r.status().toString()));
    bool found = false;
    for (const ImportedStatement& st : r->statements)
        for (const ImportedRow& row : st.rows)
            found = found || row.description.contains(QStringLiteral("M&S and A&B "));
    QVERIFY(found);
    const int line = 1 + int(xml.left(ustrd).count('\n'));
    QVERIFY(std::any_of(r->warnings.cbegin(), r->warnings.cend(), [line](const ImportIssue& w) {
        return w.message.contains(QStringLiteral("not written as '&amp;' (not XML, line %1)").arg(line));
    }));
    // Other errors are the file's, named with their line, column and that the file is not XML.
    QByteArray broken = kCamt053v02;
    broken.insert(ustrd + 7, "<b>");
    const Result<ParsedFile> bad = parseCamt(broken);
    QVERIFY(!bad);
    QVERIFY2(bad.status().message().startsWith(u"line ")
                 && bad.status().message().endsWith(u"(the file is not well-formed XML)"),
             qPrintable(bad.status().message()));
}

QTEST_GUILESS_MAIN(TestImportCamt)
#include "tst_import_camt.moc"
