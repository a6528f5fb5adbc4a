// SPDX-License-Identifier: GPL-3.0-or-later
// The import service on real SQLite files, and `ledgerguard import` / `ledgerguard detect` as real processes.
#include "export/CsvWriter.h"
#include "import/Csv.h"
#include "import/ImportService.h"
#include "import_csv_generator.h"
#include "ledger/Ledger.h"
#include "ledger_history.h"
#include "pipeline/DetectionPipeline.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace ledgerguard;

namespace {

const char* const kCsv = "Date,Amount,Description,Counterparty,Id\n"
                         "2026-05-01,-12.50,Coffee,Cafe,T1\n"
                         "2026-05-02,1500.00,Salary May,ACME,T2\n"
                         "2026-05-03,-80.00,Groceries,Market,T3\n";

const char* const kCsvBadRow = "Date,Amount,Description,Counterparty,Id\n"
                               "2026-05-01,-12.50,Coffee,Cafe,T1\n"
                               "2026-05-02,lots,Salary May,ACME,T2\n"
                               "2026-05-03,-80.00,Groceries,Market,T3\n";

const char* const kOfx = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\n"
                         "CHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n"
                         "<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n"
                         "<STMTRS><CURDEF>EUR\r\n"
                         "<BANKACCTFROM><BANKID>1<ACCTID>DE001<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n"
                         "<BANKTRANLIST><DTSTART>20260501<DTEND>20260531\r\n"
                         "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260505<TRNAMT>-42.50<FITID>F1<NAME>Landlord"
                         "<MEMO>Rent</STMTTRN>\r\n"
                         "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260510<TRNAMT>100.00<FITID>F2<NAME>Client"
                         "</STMTTRN>\r\n"
                         "</BANKTRANLIST><LEDGERBAL><BALAMT>57.50<DTASOF>20260531</LEDGERBAL>\r\n"
                         "</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n";

// Opening 100.00 + 80.00 - 20.00 = 160.00, but the stated closing balance is 150.00.
const char* const kCamt = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-05-31T18:00:00Z</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S1</Id>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy><Nm>Main</Nm></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-05-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">150.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-05-31</Dt></Dt></Bal>
      <Ntry><Amt Ccy="EUR">80.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-05-10</Dt></BookgDt><AcctSvcrRef>C1</AcctSvcrRef>
        <NtryDtls><TxDtls><RmtInf><Ustrd>Invoice 17</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      <Ntry><Amt Ccy="EUR">20.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-05-12</Dt></BookgDt><AcctSvcrRef>C2</AcctSvcrRef>
        <NtryDtls><TxDtls><RmtInf><Ustrd>Bank fee</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
)";

// Two OFX 1.x statements (a checking account and a credit card) in one SGML file; the checking statement's ledger
// balance is the sum of its rows (-42.50 + 100.00 - 7.50), the card's is -20.00.
const char* const kOfxTwoAccounts
    = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n"
      "COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n"
      "<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n"
      "<STMTRS><CURDEF>EUR\r\n<BANKACCTFROM><BANKID>1<ACCTID>CHK-1<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n"
      "<BANKTRANLIST><DTSTART>20260501<DTEND>20260531\r\n"
      "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260505<TRNAMT>-42.50<FITID>A1<NAME>Landlord</STMTTRN>\r\n"
      "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260510<TRNAMT>100.00<FITID>A2<NAME>Client</STMTTRN>\r\n"
      "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260512<TRNAMT>-7.50<FITID>A3<NAME>Cafe</STMTTRN>\r\n"
      "</BANKTRANLIST><LEDGERBAL><BALAMT>50.00<DTASOF>20260531</LEDGERBAL></STMTRS></STMTTRNRS>\r\n"
      "</BANKMSGSRSV1><CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>2<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n"
      "<CCSTMTRS><CURDEF>EUR\r\n<CCACCTFROM><ACCTID>CARD-9</CCACCTFROM>\r\n"
      "<BANKTRANLIST><DTSTART>20260501<DTEND>20260531\r\n"
      "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260507<TRNAMT>-20.00<FITID>C1<NAME>Books</STMTTRN>\r\n"
      "</BANKTRANLIST><LEDGERBAL><BALAMT>-20.00<DTASOF>20260531</LEDGERBAL></CCSTMTRS></CCSTMTTRNRS>\r\n"
      "</CREDITCARDMSGSRSV1></OFX>\r\n";

// camt.053 with one plain entry and one batched entry of two transfers (2 x 150.00 out); opening 1000.00 + 80.00
// - 300.00 = closing 780.00.
const char* const kCamtBatch = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M2</MsgId><CreDtTm>2026-05-31T18:00:00Z</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S2</Id>
      <Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy><Nm>Payroll</Nm></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-05-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">780.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-05-31</Dt></Dt></Bal>
      <Ntry><Amt Ccy="EUR">80.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-05-10</Dt></BookgDt><AcctSvcrRef>P1</AcctSvcrRef>
        <NtryDtls><TxDtls><RmtInf><Ustrd>Refund</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      <Ntry><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-05-20</Dt></BookgDt><AcctSvcrRef>BATCH-1</AcctSvcrRef>
        <NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>
          <TxDtls><Refs><EndToEndId>SAL-1</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">150.00</Amt></TxAmt></AmtDtls>
            <RltdPties><Cdtr><Nm>Alice</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Salary Alice</Ustrd></RmtInf></TxDtls>
          <TxDtls><Refs><EndToEndId>SAL-2</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">150.00</Amt></TxAmt></AmtDtls>
            <RltdPties><Cdtr><Nm>Bob</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Salary Bob</Ustrd></RmtInf></TxDtls>
        </NtryDtls></Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
)";

const char* const kQif = "!Account\nNCash box\nTBank\n^\n!Type:Bank\n"
                         "D05/03/2026\nT-12.00\nPKiosk\nMNewspaper\n^\n"
                         "D05/04/2026\nT250.00\nPTransfer in\n^\n"
                         "D05/06/2026\nT-30.25\nPHardware\nLoffice\n^\n";

// The sum of the amounts of an account's transactions per external id prefix, read through the public query.
qint64 historySum(const QList<Transaction>& history)
{
    qint64 sum = 0;
    for (const Transaction& t : history)
        sum += t.amount;
    return sum;
}

// Options that import into `account`, created in `currency` when the ledger has no such account.
ImportServiceOptions intoNewAccount(const QString& account, const QString& currency)
{
    ImportServiceOptions options;
    options.account = account;
    options.createAccounts = true;
    options.newAccountCurrency = currency;
    return options;
}

// The messages of the summary's warnings about `field`.
QStringList warningsOf(const ImportSummary& s, const QString& field)
{
    QStringList out;
    for (const ImportIssue& w : s.warnings)
        if (w.field == field)
            out.append(w.message);
    return out;
}

QStringList balanceWarnings(const ImportSummary& s)
{
    return warningsOf(s, QStringLiteral("balance"));
}

// Books a cash transaction of `amount` into `account`: an account with a transaction from before an import.
Result<Transaction> addCash(Ledger& ledger, qint64 account, qint64 amount, qint64 timestamp)
{
    NewTransaction cash;
    cash.accountId = account;
    cash.amount = amount;
    cash.timestamp = timestamp;
    cash.description = QStringLiteral("Cash");
    cash.category = QStringLiteral("other");
    return ledger.addTransaction(cash);
}

} // namespace

class TestImportService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void csvImportAndReimport();
    void ofxCreatesAccount();
    void createdAccountsTakeTheStatementsKind();
    void dailyStatementsOfOneAccount();
    void camtReportsBalanceDifference();
    void statementsOfOneOwnerAndBalanceChecks();
    void badRowImportsNothing();
    void dryRunWritesNothing();
    void columnMap();
    void exportImportsBack();
    void cliImportJsonAndUndo();
    void cliBadRowAndArguments();
    void cliDetect();
    void duplicatesWithinFile();
    void volksbankSollHaben();
    void balanceColumnReconciles();
    void sameTimeRowsInTheirOrder();
    void balanceLinesReconcile();
    void zeroAmountRowsAreSkipped();
    void qifOfxCamtThroughService();
    void streamedBackdatedImport();
    void duplicateIdsAcrossChunks();
    void sharedIdsInOneFile();
    void accountColumnRowsReachTheirAccounts();
    void accountsWithoutAnAccountColumn();
    void smallImportIsScored();
    void hostileTextIsCleaned();
    void categoriesTheLedgerHasNot();
    void anAccountNameOfSeveralAccounts();
    void linesTheBankWroteTwiceKeepTheBalances();
    void statementsOpenWithTheOldest();
    void accountNumberWithoutSpreadsheetApostrophe();
    void referenceMappedOrNotIsOneRow();
    void preambleNumberBeforeHolderName();
    void oneNumberInTwoCurrencies();
    void moreAccountLabels();
    void statementOfNoMovementOpensTheAccount();
    void sameStatementAsCsvThenOfx();
    void balanceColumnThatDoesNotChainSaysWhatFollows();

private:
    QString write(const QString& name, const QByteArray& data);
    QPair<int, QByteArray> run(const QStringList& arguments);
    void checkInvariants(Ledger& ledger);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
    qint64 m_account = 0;
};

void TestImportService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto ledger = Ledger::open(m_dir->filePath(QStringLiteral("l.sqlite")));
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    m_ledger = std::move(*ledger);
    auto a = m_ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(a.isOk());
    m_account = a->id;
}

void TestImportService::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

QString TestImportService::write(const QString& name, const QByteArray& data)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QPair<int, QByteArray> TestImportService::run(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("HOME"), m_dir->path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LG_APP_PATH), arguments);
    if (!process.waitForFinished(120000))
        return {-1, {}};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput()};
}

void TestImportService::checkInvariants(Ledger& ledger)
{
    auto accounts = ledger.accounts();
    QVERIFY(accounts.isOk());
    for (const Account& a : *accounts) {
        QCOMPARE(a.balance, *ledger.sumOfTransactions(a.id));
        auto history = accountHistory(ledger, a.id);
        QVERIFY(history.isOk());
        qint64 running = 0;
        for (const Transaction& t : *history) {
            running += t.amount;
            QCOMPARE(t.runningBalance, running);
        }
    }
}

void TestImportService::csvImportAndReimport()
{
    const QString path = write(QStringLiteral("s.csv"), kCsv);
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    auto summary = importStatementFile(*m_ledger, path, options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->format, QStringLiteral("csv"));
    QCOMPARE(summary->rows, qint64(3));
    QCOMPARE(summary->imported, qint64(3));
    QVERIFY(!summary->batchId.isEmpty());
    QCOMPARE(summary->accounts.size(), 1);
    QCOMPARE(summary->accounts[0].accountId, m_account);
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(-1250 + 150000 - 8000));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-1250 + 150000 - 8000));
    auto history = accountHistory(*m_ledger, m_account);
    QCOMPARE(history->size(), 3);
    QCOMPARE(history->at(0).externalId, QStringLiteral("T1"));
    QCOMPARE(history->at(0).description, QStringLiteral("Coffee"));
    QCOMPARE(history->at(0).counterparty, QStringLiteral("Cafe"));
    QCOMPARE(history->at(0).importBatch, summary->batchId);

    // By id as well as by name; a second import of the same file imports nothing.
    options.account = QString::number(m_account);
    auto again = importStatementFile(*m_ledger, path, options);
    QVERIFY(again.isOk());
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, qint64(3));
    auto record = m_ledger->importBatchRecord(again->batchId); // recorded, with nothing imported
    QVERIFY(record.isOk());
    QCOMPARE(record->imported, qint64(0));
    QCOMPARE(record->duplicates, qint64(3));
    QCOMPARE(*m_ledger->countTransactions({}), qint64(3));
    checkInvariants(*m_ledger);
}

void TestImportService::ofxCreatesAccount()
{
    const QString path = write(QStringLiteral("s.ofx"), kOfx);
    ImportServiceOptions options;
    auto missing = importStatementFile(*m_ledger, path, options);
    QVERIFY(missing.status().isInvalidArgument());
    QCOMPARE(missing.status().field(), QStringLiteral("account"));

    options.createAccounts = true;
    options.newAccountType = AccountType::Savings;
    auto summary = importStatementFile(*m_ledger, path, options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->format, QStringLiteral("ofx"));
    QCOMPARE(summary->imported, qint64(2));
    QCOMPARE(summary->accounts.size(), 1);
    const ImportAccountSummary& a = summary->accounts[0];
    QCOMPARE(a.accountName, QStringLiteral("DE001"));
    QCOMPARE(a.statedClosingBalanceMinor, std::optional<qint64>(5750));
    QCOMPARE(a.closingBalanceMinor, qint64(5750));
    auto account = m_ledger->account(a.accountId);
    QVERIFY(account.isOk());
    QCOMPARE(account->type, AccountType::Savings);
    QCOMPARE(account->currency, QStringLiteral("EUR"));
    QVERIFY(account->isStale);
    // The created account is found by name the next time.
    auto again = importStatementFile(*m_ledger, path, options);
    QVERIFY(again.isOk());
    QCOMPARE(again->duplicates, qint64(2));
    QCOMPARE(m_ledger->accounts()->size(), 2);
}

void TestImportService::createdAccountsTakeTheStatementsKind()
{
    // The checking statement and the card statement of kOfxTwoAccounts.
    QByteArray ofx(kOfxTwoAccounts);
    const QString path = write(QStringLiteral("two.ofx"), ofx);
    ImportServiceOptions options;
    options.createAccounts = true;
    auto summary = importStatementFile(*m_ledger, path, options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts.size(), 2);
    QCOMPARE(summary->accounts[0].accountName, QStringLiteral("CHK-1"));
    QCOMPARE(m_ledger->account(summary->accounts[0].accountId)->type, AccountType::Checking);
    QCOMPARE(summary->accounts[1].accountName, QStringLiteral("CARD-9"));
    QCOMPARE(m_ledger->account(summary->accounts[1].accountId)->type, AccountType::CreditCard);
    // The next statement of the card finds its account without creating one.
    options.createAccounts = false;
    auto again = importStatementFile(*m_ledger, path, options);
    QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
    QCOMPARE(again->duplicates, qint64(4));
    QCOMPARE(again->accounts[1].accountId, summary->accounts[1].accountId);

    // A savings account's camt statement, and a type the caller chooses over the statement's.
    QString camt = QString::fromUtf8(kCamtBatch);
    camt.replace(QStringLiteral("<Ccy>EUR</Ccy><Nm>Payroll</Nm>"),
                 QStringLiteral("<Tp><Cd>SVGS</Cd></Tp><Ccy>EUR</Ccy><Nm>Payroll</Nm>"));
    options.createAccounts = true;
    auto savings = importStatementFile(*m_ledger, write(QStringLiteral("svgs.xml"), camt.toUtf8()), options);
    QVERIFY2(savings.isOk(), qPrintable(savings.status().toString()));
    QCOMPARE(m_ledger->account(savings->accounts[0].accountId)->type, AccountType::Savings);
    QByteArray card(kOfxTwoAccounts);
    card.replace("CHK-1", "CHK-2").replace("CARD-9", "CARD-10");
    options.newAccountType = AccountType::Checking;
    auto chosen = importStatementFile(*m_ledger, write(QStringLiteral("chosen.ofx"), card), options);
    QVERIFY2(chosen.isOk(), qPrintable(chosen.status().toString()));
    QCOMPARE(chosen->accounts[1].accountName, QStringLiteral("CARD-10"));
    QCOMPARE(m_ledger->account(chosen->accounts[1].accountId)->type, AccountType::Checking);
    checkInvariants(*m_ledger);
}

void TestImportService::dailyStatementsOfOneAccount()
{
    // Rabobank's camt.053: a statement per day for one IBAN. The account's closing balance is the last day's.
    QString two = QString::fromUtf8(kCamtBatch);
    const qsizetype start = two.indexOf(QLatin1String("<Stmt>"));
    const qsizetype end = two.indexOf(QLatin1String("</Stmt>")) + 7;
    QVERIFY(start > 0 && end > start);
    QString next = two.mid(start, end - start);
    // The next day: opening 780.00 (the day before's closing), the same rows, closing 560.00.
    const qsizetype closing = next.indexOf(QLatin1String("<Cd>CLBD</Cd>"));
    QVERIFY(closing > 0);
    next.replace(next.indexOf(QLatin1String("780.00"), closing), 6, QLatin1String("560.00"));
    next.replace(QLatin1String("1000.00"), QLatin1String("780.00"))
        .replace(QLatin1String("<Id>S2</Id>"), QLatin1String("<Id>S3</Id>"))
        .replace(QLatin1String("2026-05-31"), QLatin1String("2026-06-30"))
        .replace(QLatin1String("2026-05-"), QLatin1String("2026-06-"))
        .replace(QLatin1String("<AcctSvcrRef>"), QLatin1String("<AcctSvcrRef>J"));
    // The same two days newest first, for another account: still the later day's closing balance.
    QString newestFirst = two;
    newestFirst.insert(start, next);
    newestFirst.replace(QLatin1String("DE02120300000000202051"), QLatin1String("DE44500105175407324931"));
    two.insert(end, next);
    QVERIFY(two.count(QLatin1String("<Stmt>")) == 2);
    ImportServiceOptions options;
    options.createAccounts = true;
    auto summary = importStatementFile(*m_ledger, write(QStringLiteral("daily.xml"), two.toUtf8()), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts.size(), 1);
    QCOMPARE(summary->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(56000));
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(56000));
    // The statements again: nothing new, and no difference to report.
    auto again = importStatementFile(*m_ledger, write(QStringLiteral("daily.xml"), two.toUtf8()), options);
    QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
    QCOMPARE(again->imported, qint64(0));
    for (const ImportIssue& w : again->warnings)
        QVERIFY2(!w.message.contains(QLatin1String("closing balance")), qPrintable(w.message));
    auto reversed = importStatementFile(*m_ledger, write(QStringLiteral("newest.xml"), newestFirst.toUtf8()), options);
    QVERIFY2(reversed.isOk(), qPrintable(reversed.status().toString()));
    QCOMPARE(reversed->accounts.size(), 1);
    QCOMPARE(reversed->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(56000));
    checkInvariants(*m_ledger);
}

void TestImportService::camtReportsBalanceDifference()
{
    ImportServiceOptions options;
    options.createAccounts = true;
    auto summary = importStatementFile(*m_ledger, write(QStringLiteral("s.xml"), kCamt), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->format, QStringLiteral("camt"));
    QCOMPARE(summary->imported, qint64(2));
    QCOMPARE(summary->accounts.size(), 1);
    QCOMPARE(summary->accounts[0].accountName, QStringLiteral("DE89370400440532013000"));
    QCOMPARE(summary->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(15000));
    // The new account opens with the statement's opening balance (100.00), so it ends where the bank's rows take it.
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(16000));
    const qint64 accountId = summary->accounts[0].accountId;
    QCOMPARE(m_ledger->account(accountId)->balance, qint64(16000));
    auto history = accountHistory(*m_ledger, accountId);
    QVERIFY(history.isOk());
    QCOMPARE(history->size(), 3);
    QCOMPARE(history->at(0).amount, qint64(10000));
    QCOMPARE(history->at(0).category, Category::OpeningBalance);
    QVERIFY(history->at(0).timestamp < history->at(1).timestamp);
    checkInvariants(*m_ledger);
    bool reported = false;
    bool opened = false;
    for (const ImportIssue& w : summary->warnings) {
        reported = reported
            || (w.field == QStringLiteral("balance") && w.message.contains(QStringLiteral("difference -10.00 EUR")));
        opened = opened || w.message.contains(QStringLiteral("opening balance of 100.00 EUR"));
    }
    QVERIFY2(reported, "the difference of -10.00 is reported");
    QVERIFY2(opened, "the opening balance is reported");
    auto again = importStatementFile(*m_ledger, write(QStringLiteral("s.xml"), kCamt), options);
    QVERIFY(again.isOk());
    QCOMPARE(again->duplicates, qint64(2));
    QCOMPARE(m_ledger->account(accountId)->balance, qint64(16000)); // opened once
    // Undoing the import takes its rows and the opening balance it booked: the account it created is empty again
    // (with the opening left, a re-import of the right file ended that far from the bank's balance).
    QVERIFY(m_ledger->undoImportBatch(summary->batchId).isOk());
    QCOMPARE(m_ledger->account(accountId)->balance, qint64(0));
    QCOMPARE(m_ledger->account(accountId)->transactionCount, qint64(0));
    checkInvariants(*m_ledger);
}

// Two camt statements of one owner (Ownr/Nm) are two accounts, each named by its IBAN; a NOTPROVIDED end-to-end id is
// no reference. A later statement into an existing account whose rows do not reach the bank's closing balance is
// reported; an OFX statement (no opening balance) opens a new account so that it ends at the stated balance; a row
// skipped as a probable duplicate is named in the warnings.
void TestImportService::statementsOfOneOwnerAndBalanceChecks()
{
    const auto statement = [](const char* iban, const char* opening, const char* closing, const char* amount) {
        return QStringLiteral(
                   "<Stmt><Id>S</Id><Acct><Id><IBAN>%1</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>Max Mustermann</Nm></Ownr>"
                   "</Acct><Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">%2</Amt><CdtDbtInd>CRDT"
                   "</CdtDbtInd><Dt><Dt>2026-05-01</Dt></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>"
                   "<Amt Ccy=\"EUR\">%3</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-05-31</Dt></Dt></Bal>"
                   "<Ntry><Amt Ccy=\"EUR\">%4</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-05-10"
                   "</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RmtInf><Ustrd>"
                   "Zins</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"
                   "<Ntry><Amt Ccy=\"EUR\">%4</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-05-20"
                   "</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RmtInf><Ustrd>"
                   "Gutschrift</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt>")
            .arg(QLatin1String(iban), QLatin1String(opening), QLatin1String(closing), QLatin1String(amount));
    };
    const QString camt = QStringLiteral("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
                                        "camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr>")
        + statement("DE89370400440532013000", "100.00", "120.00", "10.00")
        + statement("DE02120300000000202051", "5000.00", "5024.68", "12.34")
        + QStringLiteral("</BkToCstmrStmt></Document>");
    ImportServiceOptions options;
    options.createAccounts = true;
    // One chosen account for two accounts' statements is refused, naming them; nothing is written.
    ImportServiceOptions chosen = options;
    chosen.account = QStringLiteral("Everything");
    auto merged = importStatementFile(*m_ledger, write(QStringLiteral("two.xml"), camt.toUtf8()), chosen);
    QCOMPARE(merged.status().code(), Status::Code::InvalidArgument);
    QVERIFY2(merged.status().message().contains(QStringLiteral("2 accounts (DE89370400440532013000, "
                                                               "DE02120300000000202051)")),
             qPrintable(merged.status().message()));
    QCOMPARE(*m_ledger->countTransactions({}), qint64(0));
    // A currency given for new accounts does not override the one the statements state (EUR).
    options.newAccountCurrency = QStringLiteral("CHF");
    auto summary = importStatementFile(*m_ledger, write(QStringLiteral("two.xml"), camt.toUtf8()), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(m_ledger->account(summary->accounts[0].accountId)->currency, QStringLiteral("EUR"));
    QCOMPARE(summary->imported, qint64(4));
    QCOMPARE(summary->accounts.size(), 2);
    QCOMPARE(summary->accounts[0].accountName, QStringLiteral("DE89370400440532013000"));
    QCOMPARE(summary->accounts[1].accountName, QStringLiteral("DE02120300000000202051"));
    QCOMPARE(m_ledger->account(summary->accounts[0].accountId)->balance, qint64(12000));
    QCOMPARE(m_ledger->account(summary->accounts[1].accountId)->balance, qint64(502468));
    for (const ImportIssue& w : summary->warnings)
        QVERIFY2(w.field != QStringLiteral("balance"), qPrintable(w.toString()));

    // The next month's statement of the first account, with one of its rows missing: 120.00 + 10.00 is not 140.00.
    const QString june = QString(camt)
                             .replace(QStringLiteral("2026-05-"), QStringLiteral("2026-06-"))
                             .replace(QStringLiteral(">100.00<"), QStringLiteral(">120.00<"))
                             .replace(QStringLiteral(">120.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-06-31"),
                                      QStringLiteral(">150.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-06-30"));
    QByteArray one = june.toUtf8();
    const qsizetype second = one.indexOf("<Stmt>", one.indexOf("<Stmt>") + 1);
    one = one.left(second) + "</BkToCstmrStmt></Document>";
    const qsizetype lastEntry = one.lastIndexOf("<Ntry>");
    one = one.left(lastEntry) + one.mid(one.indexOf("</Ntry>", lastEntry) + 7);
    auto next = importStatementFile(*m_ledger, write(QStringLiteral("june.xml"), one), options);
    QVERIFY2(next.isOk(), qPrintable(next.status().toString()));
    QCOMPARE(next->imported, qint64(1));
    bool reported = false;
    for (const ImportIssue& w : next->warnings)
        reported = reported
            || (w.field == QStringLiteral("balance")
                && w.message.contains(QStringLiteral("balance after the import is 130.00 EUR")));
    QVERIFY2(reported, "the existing account's balance against the bank's is reported");

    // OFX: the new account opens with what its rows leave to LEDGERBAL (57.50 of rows, 60.00 stated).
    auto ofx = importStatementFile(*m_ledger, write(QStringLiteral("s.ofx"), kOfx), options);
    QVERIFY2(ofx.isOk(), qPrintable(ofx.status().toString()));
    QCOMPARE(ofx->accounts.size(), 1);
    QCOMPARE(ofx->accounts[0].closingBalanceMinor, *ofx->accounts[0].statedClosingBalanceMinor);
    QCOMPARE(m_ledger->account(ofx->accounts[0].accountId)->balance, *ofx->accounts[0].statedClosingBalanceMinor);

    // Two equal rows without an id: two bookings, the second named as like the first. A row like one the account
    // has (a file of the same coffee exported by another tool) is a probable duplicate, skipped and named.
    const QByteArray twice
        = "Date,Description,Amount\n2026-05-03,STARBUCKS 123,-5.75\n2026-05-03,STARBUCKS 123,-5.75\n";
    ImportServiceOptions csv;
    csv.account = QStringLiteral("Operating");
    auto dup = importStatementFile(*m_ledger, write(QStringLiteral("twice.csv"), twice), csv);
    QVERIFY2(dup.isOk(), qPrintable(dup.status().toString()));
    QCOMPARE(dup->imported, qint64(2));
    QCOMPARE(dup->probableDuplicates, qint64(0));
    QVERIFY(std::any_of(dup->warnings.cbegin(), dup->warnings.cend(), [](const ImportIssue& w) {
        return w.line == 3 && w.message.contains(QStringLiteral("booking of its own"));
    }));
    const QByteArray other = "Date,Memo,Amount\n2026-05-04,STARBUCKS 123 SEATTLE,-5.75\n";
    auto probable = importStatementFile(*m_ledger, write(QStringLiteral("other.csv"), other), csv);
    QVERIFY2(probable.isOk(), qPrintable(probable.status().toString()));
    QCOMPARE(probable->imported, qint64(0));
    QCOMPARE(probable->probableDuplicates, qint64(1));
    const bool named = std::any_of(probable->warnings.cbegin(), probable->warnings.cend(), [](const ImportIssue& w) {
        return w.line == 2 && w.message.contains(QStringLiteral("probable duplicate"));
    });
    QVERIFY(named);
    checkInvariants(*m_ledger);

    // A chosen account that does not exist is named as the error, before any row; a cut-off OFX file is refused.
    ImportServiceOptions missing;
    missing.account = QStringLiteral("Nonexistent");
    auto unknown = importStatementFile(*m_ledger, write(QStringLiteral("twice2.csv"), twice), missing);
    QVERIFY(!unknown.isOk());
    QCOMPARE(unknown.status().field(), QStringLiteral("account"));
    QVERIFY2(unknown.status().message().contains(QStringLiteral("no account 'Nonexistent'")),
             qPrintable(unknown.status().message()));
    const QByteArray cut = QByteArray(kOfx).left(QByteArray(kOfx).indexOf("<TRNAMT>") + 4);
    auto truncated = importStatementFile(*m_ledger, write(QStringLiteral("cut.ofx"), cut), options);
    QVERIFY(!truncated.isOk());
    QVERIFY2(truncated.status().message().contains(QStringLiteral("cut off")),
             qPrintable(truncated.status().message()));

    // A closing balance dated a year before the rows (a template's ":62F:"): the opening balance is booked just before
    // the first row, not at that date.
    const QByteArray early = ":20:X\n:25:PL08106000760000777777777777\n:28C:1\n:60F:C031002PLN400,00\n"
                             ":61:0310201020D10,00NTRFNONREF\n:86:Rent\n:62F:C020325PLN390,00\n";
    auto dated = importStatementFile(*m_ledger, write(QStringLiteral("early.sta"), early), options);
    QVERIFY2(dated.isOk(), qPrintable(dated.status().toString()));
    TransactionFilter filter;
    filter.accountId = dated->accounts[0].accountId;
    filter.ascending = true;
    const auto page = m_ledger->transactions(filter);
    QVERIFY2(page.isOk(), qPrintable(page.status().toString()));
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items[0].amount, qint64(40000));
    QVERIFY(page->items[0].timestamp < page->items[1].timestamp);
    QVERIFY(page->items[0].timestamp >= QDateTime(QDate(2003, 10, 19), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
}

void TestImportService::badRowImportsNothing()
{
    const QString path = write(QStringLiteral("bad.csv"), kCsvBadRow);
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    auto refused = importStatementFile(*m_ledger, path, options);
    QVERIFY2(refused.isOk(), qPrintable(refused.status().toString()));
    QVERIFY(refused->refused);
    QCOMPARE(refused->imported, qint64(0));
    QVERIFY(!refused->errors.isEmpty());
    QCOMPARE(refused->errors[0].line, 3);
    QVERIFY(refused->errors[0].column > 0);
    QCOMPARE(*m_ledger->countTransactions({}), qint64(0));
    // A refused file creates no account either.
    ImportServiceOptions create = options;
    create.account = QStringLiteral("New");
    create.createAccounts = true;
    create.newAccountCurrency = QStringLiteral("EUR");
    auto refusedNew = importStatementFile(*m_ledger, path, create);
    QVERIFY(refusedNew.isOk());
    QVERIFY(refusedNew->refused);
    QCOMPARE(m_ledger->accounts()->size(), 1);

    options.skipErrors = true;
    auto skipped = importStatementFile(*m_ledger, path, options);
    QVERIFY(skipped.isOk());
    QVERIFY(!skipped->refused);
    QCOMPARE(skipped->rows, qint64(3));
    QCOMPARE(skipped->imported, qint64(2));
    QCOMPARE(skipped->skipped, qint64(1));
    QCOMPARE(*m_ledger->countTransactions({}), qint64(2));
}

void TestImportService::dryRunWritesNothing()
{
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    options.dryRun = true;
    auto summary = importStatementFile(*m_ledger, write(QStringLiteral("s.csv"), kCsv), options);
    QVERIFY(summary.isOk());
    QCOMPARE(summary->imported, qint64(3));
    QVERIFY(summary->batchId.isEmpty());
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(-1250 + 150000 - 8000));
    QCOMPARE(*m_ledger->countTransactions({}), qint64(0));

    // A dry run creates no account either.
    options.account.clear();
    options.createAccounts = true;
    auto ofx = importStatementFile(*m_ledger, write(QStringLiteral("s.ofx"), kOfx), options);
    QVERIFY2(ofx.isOk(), qPrintable(ofx.status().toString()));
    QCOMPARE(ofx->imported, qint64(2));
    QCOMPARE(ofx->accounts[0].accountId, qint64(0));
    QCOMPARE(m_ledger->accounts()->size(), 1);
}

void TestImportService::columnMap()
{
    const QByteArray csv = "when;what;how much;ref\n01.05.2026;Coffee;-12,50;R1\n02.05.2026;Refund;3,00;R2\n";
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    QVERIFY(
        applyColumnMap(QStringLiteral("date=when,description=2,amount=how much,id=ref"), &options.parse.csv).isOk());
    options.parse.csv.dateFormat = QStringLiteral("dd.MM.yyyy");
    options.parse.csv.headerLine = 1;
    auto summary = importStatementFile(*m_ledger, write(QStringLiteral("m.csv"), csv), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(2));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-950));
    CsvMapping m;
    QVERIFY(applyColumnMap(QStringLiteral("nosuchfield=1"), &m).isInvalidArgument());
    QVERIFY(applyColumnMap(QStringLiteral("date"), &m).isInvalidArgument());
}

// An export of the ledger imports into another ledger as the same rows, and into the same ledger as duplicates.
void TestImportService::exportImportsBack()
{
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    QVERIFY(importStatementFile(*m_ledger, write(QStringLiteral("s.csv"), kCsv), options).isOk());
    NewTransaction manual;
    manual.accountId = m_account;
    manual.amount = -999;
    manual.timestamp = 1'777'000'000'000;
    manual.description = QStringLiteral("Cash, \"petty\"");
    manual.counterparty = QStringLiteral("Till");
    manual.category = QStringLiteral("fees");
    QVERIFY(m_ledger->addTransaction(manual).isOk());
    const QString exported = m_dir->filePath(QStringLiteral("export.csv"));
    TransactionFilter all;
    all.ascending = true;
    QVERIFY(writeTransactionsCsv(*m_ledger, all, exported).isOk());

    auto other = Ledger::open(m_dir->filePath(QStringLiteral("other.sqlite")));
    QVERIFY(other.isOk());
    ImportServiceOptions back;
    back.parse.format = ImportFormat::Csv;
    back.parse.csv = ledgerGuardCsvMapping();
    back.createAccounts = true;
    auto summary = importStatementFile(**other, exported, back);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QVERIFY2(summary->errors.isEmpty(), qPrintable(summary->errors.value(0).toString()));
    QCOMPARE(summary->imported, qint64(4));
    const auto accounts = *(*other)->accounts();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts[0].name, QStringLiteral("Operating"));
    const auto original = *accountHistory(*m_ledger, m_account);
    const auto copy = *accountHistory(**other, accounts[0].id);
    QCOMPARE(copy.size(), original.size());
    for (qsizetype i = 0; i < original.size(); ++i) {
        QCOMPARE(copy[i].amount, original[i].amount);
        QCOMPARE(copy[i].timestamp, original[i].timestamp);
        QCOMPARE(copy[i].description, original[i].description);
        QCOMPARE(copy[i].counterparty, original[i].counterparty);
        QCOMPARE(copy[i].category, original[i].category);
        QCOMPARE(copy[i].runningBalance, original[i].runningBalance);
        if (!original[i].externalId.isEmpty())
            QCOMPARE(copy[i].externalId, original[i].externalId);
    }
    // The exported bank rows are exact duplicates in the ledger they came from; the manual row is probable.
    auto again = importStatementFile(*m_ledger, exported, back);
    QVERIFY(again.isOk());
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, qint64(3));
    QCOMPARE(again->probableDuplicates, qint64(1));
}

void TestImportService::cliImportJsonAndUndo()
{
    m_ledger.reset(); // the process opens the file itself
    const QString db = m_dir->filePath(QStringLiteral("l.sqlite"));
    const QString csv = write(QStringLiteral("s.csv"), kCsv);
    auto [code, out] = run({QStringLiteral("import"), csv, QStringLiteral("--db"), db, QStringLiteral("--account"),
                            QStringLiteral("Operating"), QStringLiteral("--json")});
    QCOMPARE(code, 0);
    const QJsonObject json = QJsonDocument::fromJson(out).object();
    QCOMPARE(json.value(QStringLiteral("imported")).toInt(), 3);
    QCOMPARE(json.value(QStringLiteral("rows")).toInt(), 3);
    QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("csv"));
    const QString batch = json.value(QStringLiteral("batchId")).toString();
    QVERIFY(!batch.isEmpty());
    const QJsonObject account = json.value(QStringLiteral("accounts")).toArray().at(0).toObject();
    QCOMPARE(account.value(QStringLiteral("closingBalanceMinor")).toInteger(), qint64(140750));
    QVERIFY(account.value(QStringLiteral("statedClosingBalanceMinor")).isNull());
    for (const char* key : {"batchId", "format", "encoding", "rows", "imported", "duplicates", "probableDuplicates",
                            "skipped", "accounts", "errors", "warnings"})
        QVERIFY2(json.contains(QLatin1String(key)), key);

    auto [againCode, againOut]
        = run({QStringLiteral("import"), csv, QStringLiteral("--db"), db, QStringLiteral("--account"),
               QStringLiteral("Operating"), QStringLiteral("--json")});
    QCOMPARE(againCode, 0);
    const QJsonObject again = QJsonDocument::fromJson(againOut).object();
    QCOMPARE(again.value(QStringLiteral("imported")).toInt(), 0);
    QCOMPARE(again.value(QStringLiteral("duplicates")).toInt(), 3);

    {
        auto ledger = Ledger::open(db);
        QVERIFY(ledger.isOk());
        auto accounts = (*ledger)->accounts();
        QCOMPARE(accounts->at(0).balance, qint64(140750));
        QVERIFY(!accounts->at(0).isStale); // scored by the detection run after the import
        QCOMPARE(*(*ledger)->countTransactions({}), qint64(3));
    }

    const QString exported = m_dir->filePath(QStringLiteral("cli-export.csv"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"), exported,
                  QStringLiteral("--from"), QStringLiteral("2026-05-02"), QStringLiteral("--to"),
                  QStringLiteral("2026-05-03")})
                 .first,
             0);
    QFile exportFile(exported);
    QVERIFY(exportFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = exportFile.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2); // the header and the row of 2 May
    QVERIFY(lines[0].startsWith("transactionId,externalId,accountId,accountName,timestamp"));
    QVERIFY(lines[1].contains("Salary May"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), db}).first, 2);
    const QString anomalies = m_dir->filePath(QStringLiteral("cli-anomalies.csv"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--what"),
                  QStringLiteral("anomalies"), QStringLiteral("--out"), anomalies})
                 .first,
             0);
    QFile anomalyFile(anomalies);
    QVERIFY(anomalyFile.open(QIODevice::ReadOnly));
    QVERIFY(anomalyFile.readLine().startsWith("transactionId,externalId,accountId,accountName,timestamp"));
    // --account by name or by id; an unknown account is a bad argument.
    for (const QString& which : {QStringLiteral("Operating"), QStringLiteral("1")}) {
        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--account"), which,
                      QStringLiteral("--out"), exported})
                     .first,
                 0);
        QFile byAccount(exported);
        QVERIFY(byAccount.open(QIODevice::ReadOnly));
        QCOMPARE(byAccount.readAll().trimmed().split('\n').size(), 4);
    }
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--account"),
                  QStringLiteral("Nope"), QStringLiteral("--out"), exported})
                 .first,
             2);
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--what"),
                  QStringLiteral("accounts"), QStringLiteral("--out"), anomalies})
                 .first,
             2);

    auto [undoCode, undoOut]
        = run({QStringLiteral("import"), QStringLiteral("--undo"), batch, QStringLiteral("--db"), db});
    QCOMPARE(undoCode, 0);
    auto [undoAgain, undoAgainOut]
        = run({QStringLiteral("import"), QStringLiteral("--undo"), batch, QStringLiteral("--db"), db});
    QCOMPARE(undoAgain, 1);
    auto ledger = Ledger::open(db);
    QVERIFY(ledger.isOk());
    QCOMPARE((*ledger)->accounts()->at(0).balance, qint64(0));
    QCOMPARE(*(*ledger)->countTransactions({}), qint64(0));
}

void TestImportService::cliBadRowAndArguments()
{
    m_ledger.reset();
    const QString db = m_dir->filePath(QStringLiteral("l.sqlite"));
    const QString bad = write(QStringLiteral("bad.csv"), kCsvBadRow);
    auto [code, out] = run({QStringLiteral("import"), bad, QStringLiteral("--db"), db, QStringLiteral("--account"),
                            QStringLiteral("Operating"), QStringLiteral("--json")});
    QCOMPARE(code, 1);
    const QJsonObject json = QJsonDocument::fromJson(out).object();
    QCOMPARE(json.value(QStringLiteral("imported")).toInt(), 0);
    const QJsonObject error = json.value(QStringLiteral("errors")).toArray().at(0).toObject();
    QCOMPARE(error.value(QStringLiteral("line")).toInt(), 3);
    QVERIFY(error.value(QStringLiteral("column")).toInt() > 0);
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());

    auto [dry, dryOut] = run({QStringLiteral("import"), bad, QStringLiteral("--db"), db, QStringLiteral("--account"),
                              QStringLiteral("Operating"), QStringLiteral("--skip-errors"), QStringLiteral("--dry-run"),
                              QStringLiteral("--json")});
    QCOMPARE(dry, 0);
    QCOMPARE(QJsonDocument::fromJson(dryOut).object().value(QStringLiteral("imported")).toInt(), 2);
    {
        auto ledger = Ledger::open(db);
        QCOMPARE(*(*ledger)->countTransactions({}), qint64(0));
    }

    // A file refused as a whole still answers one object under --json: nothing imported, the error with its line
    // and column in `errors`.
    const QString truncated = write(QStringLiteral("truncated.csv"), "Date,Amount\n2025-01-01,\"1.00\n");
    auto [fatal, fatalOut] = run({QStringLiteral("import"), truncated, QStringLiteral("--db"), db,
                                  QStringLiteral("--account"), QStringLiteral("Operating"), QStringLiteral("--json")});
    QCOMPARE(fatal, 1);
    const QJsonObject refused = QJsonDocument::fromJson(fatalOut).object();
    QCOMPARE(refused.value(QStringLiteral("imported")).toInt(), 0);
    QVERIFY(refused.value(QStringLiteral("batchId")).isNull());
    QCOMPARE(refused.value(QStringLiteral("code")).toString(), QStringLiteral("InvalidArgument"));
    QVERIFY(refused.value(QStringLiteral("fields")).toObject().contains(QStringLiteral("file")));
    const QJsonObject where = refused.value(QStringLiteral("errors")).toArray().at(0).toObject();
    QCOMPARE(where.value(QStringLiteral("line")).toInt(), 2);
    QCOMPARE(where.value(QStringLiteral("column")).toInt(), 12);
    QVERIFY(where.value(QStringLiteral("message")).toString().contains(QLatin1String("quote")));
    auto [noAccount, noAccountOut]
        = run({QStringLiteral("import"), write(QStringLiteral("good.csv"), "Date,Amount\n2025-01-01,1.00\n"),
               QStringLiteral("--db"), db, QStringLiteral("--account"), QStringLiteral("Nope"),
               QStringLiteral("--currency"), QStringLiteral("EUR"), QStringLiteral("--json")});
    QCOMPARE(noAccount, 1);
    QCOMPARE(QJsonDocument::fromJson(noAccountOut).object().value(QStringLiteral("code")).toString(),
             QStringLiteral("InvalidArgument"));

    // A header in words no table knows, under a preamble whose record has as many fields: found by --header-line.
    const QString unknown = write(QStringLiteral("unknown.csv"),
                                  "Konto 4711;Zeitraum 2025\nx;y\nTag;Summe\n"
                                  "2025-01-02;-1,50\n2025-01-03;2,00\n");
    const QStringList importUnknown {QStringLiteral("import"),    unknown,
                                     QStringLiteral("--db"),      db,
                                     QStringLiteral("--account"), QStringLiteral("Operating"),
                                     QStringLiteral("--json")};
    auto [unfound, unfoundOut] = run(importUnknown);
    QCOMPARE(unfound, 1);
    QVERIFY2(unfoundOut.contains("--header-line"), unfoundOut.constData());
    auto [found, foundOut]
        = run(importUnknown
              + QStringList {QStringLiteral("--header-line"), QStringLiteral("3"), QStringLiteral("--map"),
                             QStringLiteral("date=Tag,amount=Summe"), QStringLiteral("--dry-run")});
    QCOMPARE(found, 0);
    // Columns are numbered from 1: a column 0 is a bad argument (2).
    QCOMPARE(run(importUnknown
                 + QStringList {QStringLiteral("--header-line"), QStringLiteral("3"), QStringLiteral("--map"),
                                QStringLiteral("date=0,amount=2"), QStringLiteral("--dry-run")})
                 .first,
             2);
    QCOMPARE(QJsonDocument::fromJson(foundOut).object().value(QStringLiteral("imported")).toInt(), 2);
    QCOMPARE(run(importUnknown + QStringList {QStringLiteral("--header-line"), QStringLiteral("third")}).first, 2);
    QCOMPARE(run(importUnknown + QStringList {QStringLiteral("--header-line"), QStringLiteral("+3")}).first, 2);
    QCOMPARE(run(importUnknown + QStringList {QStringLiteral("--currency"), QStringLiteral("EURO")}).first, 2);

    QCOMPARE(run({QStringLiteral("import"), bad, QStringLiteral("--db"), db, QStringLiteral("--format"),
                  QStringLiteral("xls")})
                 .first,
             2);
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("--db"), db}).first, 2);
    QCOMPARE(run({QStringLiteral("import"), bad, QStringLiteral("--no-such-option")}).first, 2);
    QCOMPARE(run({QStringLiteral("import"), bad, QStringLiteral("--db"), db, QStringLiteral("--map"),
                  QStringLiteral("nosuchfield=1")})
                 .first,
             2);
    // With --json, every refusal is one object on standard output too: bad arguments (exit 2), a ledger that
    // cannot be opened, an unknown batch to undo (exit 1).
    const QList<std::pair<QStringList, int>> refusals {
        {{QStringLiteral("import"), bad, QStringLiteral("--db"), db, QStringLiteral("--map"),
          QStringLiteral("nosuchfield=1"), QStringLiteral("--json")},
         2},
        {{QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--json")}, 2},
        {{QStringLiteral("import"), bad, QStringLiteral("--no-such-option"), QStringLiteral("--json")}, 2},
        {{QStringLiteral("import"), bad, QStringLiteral("--account-type"), QStringLiteral("bogus"),
          QStringLiteral("--db"), db, QStringLiteral("--json")},
         2},
        {{QStringLiteral("import"), bad, QStringLiteral("--db"), QStringLiteral("postgresql://"),
          QStringLiteral("--json")},
         2},
        {{QStringLiteral("import"), QStringLiteral("--undo"), QStringLiteral("no-such-batch"), QStringLiteral("--db"),
          db, QStringLiteral("--json")},
         1},
    };
    for (const auto& [arguments, exitCode] : refusals) {
        const auto [code, out] = run(arguments);
        QCOMPARE(code, exitCode);
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError && object.contains(QLatin1String("code"))
                     && !object.value(QLatin1String("error")).toString().isEmpty(),
                 qPrintable(arguments.join(u' ') + QStringLiteral(" printed: ") + QString::fromUtf8(out)));
    }
}

void TestImportService::cliDetect()
{
    m_ledger.reset();
    const QString db = m_dir->filePath(QStringLiteral("l.sqlite"));
    // Enough rows (20) for the pooled model of small accounts.
    QByteArray rows = "Date,Amount,Description,Counterparty,Id\n";
    for (int day = 1; day <= 20; ++day)
        rows += QStringLiteral("2026-04-%1,-%2.00,Shop %1,Shop,R%1\n")
                    .arg(day, 2, 10, QLatin1Char('0'))
                    .arg(day * 3)
                    .toUtf8();
    const QString csv = write(QStringLiteral("s.csv"), rows);
    QCOMPARE(run({QStringLiteral("import"), csv, QStringLiteral("--db"), db, QStringLiteral("--account"),
                  QStringLiteral("Operating"), QStringLiteral("--no-detect")})
                 .first,
             0);
    {
        auto ledger = Ledger::open(db);
        QVERIFY((*ledger)->accounts()->at(0).isStale);
    }
    auto [code, out] = run({QStringLiteral("detect"), QStringLiteral("--db"), db, QStringLiteral("--json")});
    QCOMPARE(code, 0);
    const QJsonObject json = QJsonDocument::fromJson(out).object();
    QCOMPARE(json.value(QStringLiteral("accounts")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("transactionsScored")).toInt(), 20);
    QCOMPARE(json.value(QStringLiteral("high")).toInt() + json.value(QStringLiteral("medium")).toInt()
                 + json.value(QStringLiteral("low")).toInt(),
             20);
    QCOMPARE(json.value(QStringLiteral("rowsScored")).toInt(), 20);
    // Again over all accounts: every row is scored, none of the stored scores changes (none is written), and the
    // counts per risk still add up to the rows scored (the LOW count was once the written scores minus the MEDIUM and
    // HIGH rows).
    auto [againCode, againOut] = run(
        {QStringLiteral("detect"), QStringLiteral("--db"), db, QStringLiteral("--all"), QStringLiteral("--json")});
    QCOMPARE(againCode, 0);
    const QJsonObject again = QJsonDocument::fromJson(againOut).object();
    QCOMPARE(again.value(QStringLiteral("rowsScored")).toInt(), 20);
    QCOMPARE(again.value(QStringLiteral("transactionsScored")).toInt(), 0); // the scores written, as GET /health
    QCOMPARE(again.value(QStringLiteral("high")).toInt(), json.value(QStringLiteral("high")).toInt());
    QCOMPARE(again.value(QStringLiteral("medium")).toInt(), json.value(QStringLiteral("medium")).toInt());
    QCOMPARE(again.value(QStringLiteral("low")).toInt(), json.value(QStringLiteral("low")).toInt());
    auto ledger = Ledger::open(db);
    QVERIFY(!(*ledger)->accounts()->at(0).isStale);
}

void TestImportService::duplicatesWithinFile()
{
    // T1 twice: the second is an exact duplicate. Two coffees of 3.50 on the same day without ids: the second is
    // like the first, and imported as a booking of its own (a statement lists each booking once), named in the
    // warnings; never an exact duplicate nor a probable one.
    const QByteArray csv = "Date,Amount,Description,Id\n"
                           "2026-05-01,-12.50,Lunch,T1\n"
                           "2026-05-01,-12.50,Lunch,T1\n"
                           "2026-05-02,-3.50,Coffee,\n"
                           "2026-05-02,-3.50,Coffee,\n"
                           "2026-05-03,-3.50,Coffee to go,\n"
                           "2026-05-09,-3.50,Coffee,\n";
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    options.dryRun = true;
    auto preview = importStatementData(*m_ledger, csv, QStringLiteral("c.csv"), options);
    QVERIFY2(preview.isOk(), qPrintable(preview.status().toString()));
    QCOMPARE(preview->rows, qint64(6));
    QCOMPARE(preview->imported, qint64(5));
    QCOMPARE(preview->duplicates, qint64(1));
    QCOMPARE(preview->probableDuplicates, qint64(0));
    QCOMPARE(preview->skipped, qint64(1));
    QCOMPARE(std::count_if(preview->warnings.cbegin(), preview->warnings.cend(),
                           [](const ImportIssue& w) { return w.message.contains(u"booking of its own"); }),
             2);
    QCOMPARE(preview->marks.size(), 1);
    QCOMPARE(preview->marks[0].line, 3);
    QCOMPARE(preview->marks[0].kind, ImportRowMark::Kind::Duplicate);
    QVERIFY(preview->marks[0].message.contains(QStringLiteral("T1")));
    // Line 6's "Coffee to go" contains "coffee", one day later.
    for (int line : {5, 6})
        QVERIFY(std::any_of(preview->warnings.cbegin(), preview->warnings.cend(), [line](const ImportIssue& w) {
            return w.line == line && w.message.contains(u"booking of its own");
        }));
    QCOMPARE(*m_ledger->countTransactions({}), qint64(0));

    options.dryRun = false;
    auto imported = importStatementData(*m_ledger, csv, QStringLiteral("c.csv"), options);
    QVERIFY(imported.isOk());
    QCOMPARE(imported->imported, qint64(5));
    QCOMPARE(imported->duplicates, qint64(1));
    QCOMPARE(imported->probableDuplicates, qint64(0));
    QCOMPARE(imported->accounts[0].imported, qint64(5));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-1250 - 4 * 350));
    // Importing the same file again imports nothing: the ids (given and derived) are all known.
    auto again = importStatementData(*m_ledger, csv, QStringLiteral("c.csv"), options);
    QVERIFY(again.isOk());
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, qint64(6));
    checkInvariants(*m_ledger);

    // Where the file states the balance after each row, two equal coffees with different balances are two
    // bookings; the same coffee with the same balance (a line given twice) is still asked about.
    const QByteArray nationwide = "Date,Transaction type,Description,Paid out,Paid in,Balance\n"
                                  "02 Nov 2026,Contactless payment,COSTA COFFEE,\xc2\xa3"
                                  "4.50,,\xc2\xa3"
                                  "995.50\n"
                                  "02 Nov 2026,Contactless payment,COSTA COFFEE,\xc2\xa3"
                                  "4.50,,\xc2\xa3"
                                  "991.00\n"
                                  "03 Nov 2026,Contactless payment,PRET,\xc2\xa3"
                                  "3.10,,\xc2\xa3"
                                  "987.90\n"
                                  "03 Nov 2026,Contactless payment,PRET,\xc2\xa3"
                                  "3.10,,\xc2\xa3"
                                  "987.90\n";
    auto balances = importStatementData(*m_ledger, nationwide, QStringLiteral("n.csv"),
                                        intoNewAccount(QStringLiteral("Cards"), QStringLiteral("GBP")));
    QVERIFY2(balances.isOk(), qPrintable(balances.status().toString()));
    QCOMPARE(balances->imported, qint64(3));
    QCOMPARE(balances->probableDuplicates, qint64(1));
    checkInvariants(*m_ledger);
}

void TestImportService::balanceColumnReconciles()
{
    // Newest first, as Lloyds writes it, with the rows of one day in the order they were booked: the balance
    // before the oldest row is 1,000.00 and after the newest 1,095.00, whichever row of its day the file lists first.
    const QByteArray header = "Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,"
                              "Debit Amount,Credit Amount,Balance\n";
    const QByteArray newest = "03/11/2026,DEB,'30-00-00,12345678,COFFEE,5.00,,995.00\n"
                              "03/11/2026,FPI,'30-00-00,12345678,REFUND,,100.00,1095.00\n";
    const QByteArray middle = "02/11/2026,DD,'30-00-00,12345678,GYM,30.00,,1000.00\n";
    const QByteArray oldest = "01/11/2026,FPI,'30-00-00,12345678,SALARY,,50.00,1030.00\n"
                              "01/11/2026,DEB,'30-00-00,12345678,TESCO,20.00,,980.00\n";
    // Imports `data` into the account named `account` with `options`.
    const auto importInto = [this](const QString& account, const QByteArray& data, ImportServiceOptions options) {
        options.account = account;
        return importStatementData(*m_ledger, data, account + QStringLiteral(".csv"), options);
    };
    ImportServiceOptions created;
    created.account = QStringLiteral("Lloyds");
    created.createAccounts = true;
    created.newAccountCurrency = QStringLiteral("EUR");
    auto summary = importStatementData(*m_ledger, header + newest + middle + oldest, QStringLiteral("l.csv"), created);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(5));
    QVERIFY2(balanceWarnings(*summary).isEmpty(), qPrintable(balanceWarnings(*summary).join(u'\n')));
    // A balance before the oldest row beyond what a transaction holds (an Indonesian company's 37,599,642,027.83 IDR)
    // books no opening, and says so.
    {
        ImportServiceOptions big = created;
        big.account = QStringLiteral("Danamon");
        big.newAccountCurrency = QStringLiteral("IDR");
        const auto s = importStatementData(*m_ledger,
                                           "Date,Description,Amount,Balance\n01/11/2026,PAYMENT,1000000.00,"
                                           "37600642027.83\n",
                                           QStringLiteral("d.csv"), big);
        QVERIFY2(s.isOk(), qPrintable(s.status().toString()));
        QCOMPARE(s->imported, qint64(1));
        QCOMPARE(s->accounts[0].closingBalanceMinor, qint64(100000000));
        QVERIFY(std::any_of(s->warnings.cbegin(), s->warnings.cend(), [](const ImportIssue& w) {
            return w.message.contains(
                u"ask for an opening balance of 37599642027.83 IDR, more than a transaction can hold");
        }));
    }
    QCOMPARE(summary->accounts.size(), 1);
    QCOMPARE(summary->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(109500));
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(109500));
    const qint64 lloyds = summary->accounts[0].accountId;
    QCOMPARE(m_ledger->account(lloyds)->balance, qint64(109500));
    auto history = accountHistory(*m_ledger, lloyds);
    QVERIFY(history.isOk());
    QCOMPARE(history->size(), 6);
    QCOMPARE(history->at(0).category, Category::OpeningBalance);
    QCOMPARE(history->at(0).amount, qint64(100000));
    QVERIFY(history->at(0).timestamp < history->at(1).timestamp);
    QVERIFY(std::any_of(summary->warnings.cbegin(), summary->warnings.cend(), [](const ImportIssue& w) {
        return w.message.contains(QLatin1String("opening balance of 1000.00 EUR"));
    }));
    // The rows of each day are booked in the order their stated balances chain (TESCO before SALARY although the
    // file lists SALARY first): every running balance is the bank's.
    const QList<qint64> stated {98000, 103000, 100000, 99500, 109500};
    for (int i = 0; i < stated.size(); ++i)
        QCOMPARE(history->at(i + 1).runningBalance, stated[i]);
    checkInvariants(*m_ledger);
    // The opening is not a row of the batch: the same file again finds five duplicates and a balance that agrees.
    auto again = importStatementData(*m_ledger, header + newest + middle + oldest, QStringLiteral("l.csv"), created);
    QVERIFY(again.isOk());
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, qint64(5));
    QVERIFY2(balanceWarnings(*again).isEmpty(), qPrintable(balanceWarnings(*again).join(u'\n')));
    QCOMPARE(m_ledger->account(lloyds)->balance, qint64(109500));

    // Into an account made beforehand, without transactions: it opens as a created one does.
    ImportServiceOptions existing;
    existing.account = QStringLiteral("Operating");
    auto opened = importStatementData(*m_ledger, header + newest + middle + oldest, QStringLiteral("o.csv"), existing);
    QVERIFY(opened.isOk());
    QCOMPARE(opened->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(109500));
    QCOMPARE(opened->accounts[0].closingBalanceMinor, qint64(109500));
    QVERIFY2(balanceWarnings(*opened).isEmpty(), qPrintable(balanceWarnings(*opened).join(u'\n')));
    QVERIFY(std::any_of(opened->warnings.cbegin(), opened->warnings.cend(), [](const ImportIssue& w) {
        return w.message.contains(
            QLatin1String("account Operating, which had no transactions, opened with an opening balance of 1000.00"));
    }));
    QVERIFY(m_ledger->undoImportBatch(opened->batchId).isOk());
    QCOMPARE(m_ledger->account(m_account)->transactionCount, qint64(0));

    // Into an account that holds none of the history before: its balance after the import is not the bank's.
    const auto added = addCash(*m_ledger, m_account, 100, 1'777'000'000'000);
    QVERIFY2(added.isOk(), qPrintable(added.status().toString()));
    auto short_ = importStatementData(*m_ledger, header + newest + middle + oldest, QStringLiteral("o.csv"), existing);
    QVERIFY(short_.isOk());
    QCOMPARE(short_->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(109500));
    QCOMPARE(short_->accounts[0].closingBalanceMinor, qint64(9600));
    QCOMPARE(balanceWarnings(*short_).size(), 1);
    QVERIFY2(balanceWarnings(*short_)[0].contains(QLatin1String("difference 999.00 EUR")),
             qPrintable(balanceWarnings(*short_)[0]));

    // A row missing from the file: the column does not add up, and no opening is made up for a new account.
    auto missing = importInto(QStringLiteral("Gaps"), header + newest + oldest, created);
    QVERIFY(missing.isOk());
    QCOMPARE(missing->imported, qint64(4));
    QCOMPARE(balanceWarnings(*missing).size(), 1);
    QVERIFY2(balanceWarnings(*missing)[0].contains(QLatin1String("difference -30.00 EUR")),
             qPrintable(balanceWarnings(*missing)[0]));
    QCOMPARE(m_ledger->account(missing->accounts[0].accountId)->balance, qint64(9500 + 3000));

    // A row skipped for its error (--skip-errors): the column is not checked and opens no account, but the file's
    // opening balance line does, and the summary says how far the account ends from its closing balance line.
    ImportServiceOptions skipping = created;
    skipping.skipErrors = true;
    const QByteArray badFee = "04/11/2026,DEB,'30-00-00,12345678,FEE,5x.00,,1090.00\n";
    const QByteArray statedLines = ",Opening balance,,,,,,1000.00\n,Closing balance,,,,,,1090.00\n";
    auto skipped
        = importInto(QStringLiteral("Skips"), header + badFee + newest + middle + oldest + statedLines, skipping);
    QVERIFY2(skipped.isOk(), qPrintable(skipped.status().toString()));
    QCOMPARE(skipped->imported, qint64(5));
    QCOMPARE(skipped->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(109000));
    QCOMPARE(skipped->accounts[0].closingBalanceMinor, qint64(109500));
    QCOMPARE(m_ledger->account(skipped->accounts[0].accountId)->balance, qint64(109500));
    QCOMPARE(balanceWarnings(*skipped).size(), 1);
    QVERIFY2(balanceWarnings(*skipped)[0].contains(QLatin1String("difference -5.00 EUR")),
             qPrintable(balanceWarnings(*skipped)[0]));
    // Without the opening balance line, nothing opens the account: it ends at the rows' sum, and the summary says so.
    auto unopened
        = importInto(QStringLiteral("Skips2"),
                     header + badFee + newest + middle + oldest + ",Closing balance,,,,,,1090.00\n", skipping);
    QVERIFY2(unopened.isOk(), qPrintable(unopened.status().toString()));
    QCOMPARE(unopened->accounts[0].closingBalanceMinor, qint64(9500));
    QCOMPARE(balanceWarnings(*unopened).size(), 1);
    checkInvariants(*m_ledger);

    // Oldest first, the oldest day's rows coming back to where they started: the file's order tells the opening.
    const QByteArray roundTrip = header
        + "01/11/2026,FPI,'30-00-00,1,IN,,10.00,1010.00\n"
          "01/11/2026,DEB,'30-00-00,1,OUT,10.00,,1000.00\n"
          "02/11/2026,DEB,'30-00-00,1,FEE,1.00,,999.00\n";
    auto round = importInto(QStringLiteral("Zero"), roundTrip, created);
    QVERIFY(round.isOk());
    QVERIFY2(balanceWarnings(*round).isEmpty(), qPrintable(balanceWarnings(*round).join(u'\n')));
    QCOMPARE(m_ledger->account(round->accounts[0].accountId)->balance, qint64(99900));

    // Newest first, the oldest day's rows in booking order and coming back to where they started: the opening is
    // the closing less the rows, not the first balance of that day the file lists.
    const QByteArray lloydsZero = header
        + "02/11/2026,DEB,'30-00-00,1,FEE,1.00,,999.00\n"
          "01/11/2026,FPI,'30-00-00,1,IN,,10.00,1010.00\n"
          "01/11/2026,DEB,'30-00-00,1,OUT,10.00,,1000.00\n";
    auto back = importInto(QStringLiteral("Zero2"), lloydsZero, created);
    QVERIFY(back.isOk());
    QVERIFY2(balanceWarnings(*back).isEmpty(), qPrintable(balanceWarnings(*back).join(u'\n')));
    QCOMPARE(m_ledger->account(back->accounts[0].accountId)->balance, qint64(99900));

    // A card statement's balance is what is owed: it does not add up to the rows, and states no closing balance.
    const QByteArray owed = header
        + "03/11/2026,DEB,'30-00-00,1,CAFE,12.50,,132.50\n"
          "02/11/2026,PAY,'30-00-00,1,PAYMENT,,500.00,120.00\n"
          "01/11/2026,DEB,'30-00-00,1,HOTEL,120.00,,620.00\n";
    auto cardRun = importInto(QStringLiteral("Lloyds"), owed, existing);
    QVERIFY(cardRun.isOk());
    QCOMPARE(cardRun->accounts[0].statedClosingBalanceMinor, std::nullopt);
    QCOMPARE(balanceWarnings(*cardRun).size(), 1); // the column's difference, and no false closing-balance warning

    // Rows of one day whose balances cannot follow from one another: said, and nothing is checked or booked.
    const QByteArray tangled = header
        + "01/11/2026,FPI,'30-00-00,1,IN,,10.00,500.00\n"
          "01/11/2026,DEB,'30-00-00,1,OUT,3.00,,700.00\n";
    auto unclear = importInto(QStringLiteral("Knot"), tangled, created);
    QVERIFY(unclear.isOk());
    QCOMPARE(balanceWarnings(*unclear).size(), 1);
    QVERIFY2(balanceWarnings(*unclear)[0].contains(QLatin1String("2026-11-01 do not follow")),
             qPrintable(balanceWarnings(*unclear)[0]));
    QCOMPARE(unclear->accounts[0].statedClosingBalanceMinor, std::nullopt);
    QCOMPARE(m_ledger->account(unclear->accounts[0].accountId)->balance, qint64(700));

    // Balances beyond any account's are not reconciled (nor booked): no opening of 2 x 10^15.
    const QByteArray huge = header
        + "01/11/2026,FPI,'30-00-00,1,IN,,10.00,20000000000000.00\n"
          "02/11/2026,DEB,'30-00-00,1,OUT,3.00,,19999999999997.00\n";
    auto bounded = importInto(QStringLiteral("Big"), huge, created);
    QVERIFY2(bounded.isOk(), qPrintable(bounded.status().toString()));
    QCOMPARE(bounded->imported, qint64(2));
    QCOMPARE(bounded->accounts[0].statedClosingBalanceMinor, std::nullopt);
    QCOMPARE(m_ledger->account(bounded->accounts[0].accountId)->balance, qint64(700));

    // A currency column naming a card payment's own currency beside an amount in the account's (Lunar): the balance
    // moved by the amount, so the row is the account's currency; where it did not, the row is an error.
    created.newAccountCurrency = QStringLiteral("DKK");
    const QByteArray lunar = QByteArray("Dato;Tekst;Bel\xc3\xb8"
                                        "b;Valuta;Saldo\n")
        + "02-01-2025;Netto;-45,50;DKK;954,50\n03-01-2025;Hotel Berlin;-120,00;EUR;834,50\n"
          "04-01-2025;L\xc3\xb8n;2000,00;DKK;2834,50\n";
    auto paidAbroad = importInto(QStringLiteral("Lunar"), lunar, created);
    QVERIFY2(paidAbroad.isOk(), qPrintable(paidAbroad.status().toString()));
    QCOMPARE(paidAbroad->imported, qint64(3));
    QVERIFY(std::any_of(paidAbroad->warnings.cbegin(), paidAbroad->warnings.cend(), [](const ImportIssue& w) {
        return w.line == 3 && w.message.contains(QLatin1String("says EUR"));
    }));
    QCOMPARE(paidAbroad->accounts[0].closingBalanceMinor, qint64(283450));
    QByteArray moved = lunar;
    moved.replace("834,50", "845,50"); // and 2834,50 to 2845,50: only the EUR row does not follow
    auto foreign = importInto(QStringLiteral("Lunar 2"), moved, created);
    QVERIFY(foreign.isOk());
    QCOMPARE(foreign->imported, qint64(0));
    QCOMPARE(foreign->errors.size(), 1);
    QCOMPARE(foreign->errors[0].line, 3);
    QVERIFY2(foreign->errors[0].message.contains(QLatin1String("EUR differs")), qPrintable(foreign->errors[0].message));

    // The import states `closing` as the closing balance its balance column gives (std::nullopt: none), and the new
    // account ends there.
    const auto closingIs = [](const auto& r, std::optional<qint64> closing) {
        return r.isOk() && !r->accounts.isEmpty() && r->accounts[0].statedClosingBalanceMinor == closing
            && (!closing || r->accounts[0].closingBalanceMinor == *closing);
    };
    // A row between the ends with its balance cell empty (Nordea's card row): the column still states the ends, and
    // its sum holds that row too.
    created.newAccountCurrency = QStringLiteral("SEK");
    const QByteArray nordea
        = "Bokf\xc3\xb6ringsdag;Belopp;Rubrik;Saldo;Valuta\n"
          "2022/06/27;-720,00;LOOPIA AB;49537,22;SEK\n2022/06/16;-880,00;TELIA;50257,22;SEK\n"
          "2022/06/13;-625,00;SKATTEVERKET;51137,22;SEK\n2022/06/13;-153,71;KORT BEANSTALK;;SEK\n"
          "2022/06/10;-184,00;KORT POSTNORD;51915,93;SEK\n2022/06/09;-399,90;KORT KJELL;52099,93;SEK\n";
    QVERIFY(closingIs(importInto(QStringLiteral("Nordea"), nordea, created), 4953722));
    // The same row with a wrong amount: the column no longer adds up, and says so.
    QByteArray wrong = nordea;
    wrong.replace("-153,71", "-153,70");
    const auto shortSum = importInto(QStringLiteral("Nordea 2"), wrong, created);
    QVERIFY(closingIs(shortSum, std::nullopt));
    QVERIFY(!balanceWarnings(*shortSum).isEmpty());

    // Truist: the balance on each day's last posting only, newest first.
    created.newAccountCurrency = QStringLiteral("USD");
    const QByteArray truist
        = "Posted Date,Transaction Date,Transaction Type,Check/Serial #,Description,Amount,Daily Posted Balance\n"
          "03/08/2024,03/08/2024,Debit,,KROGER #123,-54.00,4752.00\n03/08/2024,03/07/2024,Debit,,SHELL OIL,-40.00,\n"
          "03/07/2024,03/07/2024,Credit,,PAYROLL ACME,2500.00,4846.00\n03/05/2024,03/05/2024,Debit,,RENT,-1200.00,"
          "2346.00\n03/05/2024,03/04/2024,Debit,,NETFLIX,-15.49,\n03/05/2024,03/04/2024,Debit,,STARBUCKS,-4.51,\n";
    QVERIFY(closingIs(importInto(QStringLiteral("Truist"), truist, created), 475200));
    // A day's balance that the rows do not reach states nothing.
    QByteArray off = truist;
    off.replace("4846.00", "4856.00");
    QVERIFY(closingIs(importInto(QStringLiteral("Truist 2"), off, created), std::nullopt));
    // A day whose rows all state balances ends at the one no other row starts from, not at any of them: a pending
    // row without a balance on the last day, as much as the first day's last row, gives no wrong opening.
    created.newAccountCurrency = QStringLiteral("EUR");
    const QByteArray pending = "Date;Description;Amount;Balance\n01.03.2024;Salary;1000,00;1500,00\n"
                               "01.03.2024;Coffee;-4,50;1495,50\n02.03.2024;Rent;-300,00;1195,50\n"
                               "02.03.2024;Coffee;-4,50;\n";
    QVERIFY(closingIs(importInto(QStringLiteral("Pending"), pending, created), std::nullopt));

    // PayPal, newest first: a conversion funds each payment in the same second, the two rows of a time listed newest
    // first too. The balance before the oldest row is the oldest time's last row's in the file, the closing balance
    // its newest time's first: 0.00 each (before, 200.00 EUR was booked as an opening balance). An account whose
    // rows are all of one time (GBP) is ordered by the whole file's rows.
    const QByteArray paypal = "Date,Time,Description,Currency,Net,Balance\n"
                              "26/05/2014,11:57:30,Payment,GBP,-2.00,0.00\n"
                              "26/05/2014,11:57:30,Conversion,GBP,2.00,2.00\n"
                              "22/04/2014,09:09:59,Payment,EUR,-200.00,0.00\n"
                              "22/04/2014,09:09:59,Conversion,EUR,200.00,200.00\n"
                              "06/09/2012,13:59:07,Donation,EUR,-200.00,0.00\n"
                              "06/09/2012,13:59:07,Conversion,EUR,200.00,200.00\n";
    ImportServiceOptions byCurrency;
    byCurrency.createAccounts = true;
    const auto sameSecond = importStatementData(*m_ledger, paypal, QStringLiteral("paypal.csv"), byCurrency);
    QVERIFY2(sameSecond.isOk(), qPrintable(sameSecond.status().toString()));
    QCOMPARE(sameSecond->accounts.size(), 2);
    for (const ImportAccountSummary& a : sameSecond->accounts) {
        QCOMPARE(a.statedClosingBalanceMinor, std::optional<qint64>(0));
        QCOMPARE(a.closingBalanceMinor, qint64(0));
    }
    QVERIFY2(balanceWarnings(*sameSecond).isEmpty(), qPrintable(balanceWarnings(*sameSecond).join(u'\n')));
    // A file grouped by account, each account's rows oldest first: the whole file's first line is later than its
    // last, but the accounts' own order (oldest first) orders the account of one day.
    const QByteArray grouped = "Account;Date;Description;Amount;Balance\n"
                               "DE11 Girokonto;05.03.2024;Miete;-800,00;1200,00\n"
                               "DE11 Girokonto;20.03.2024;Gehalt;2500,00;3700,00\n"
                               "DE22 Tagesgeld;10.01.2024;Einzahlung;200,00;200,00\n"
                               "DE22 Tagesgeld;10.01.2024;Auszahlung;-200,00;0,00\n";
    byCurrency.newAccountCurrency = QStringLiteral("EUR");
    const auto byAccount = importStatementData(*m_ledger, grouped, QStringLiteral("grouped.csv"), byCurrency);
    QVERIFY2(byAccount.isOk(), qPrintable(byAccount.status().toString()));
    QCOMPARE(byAccount->accounts.size(), 2);
    const auto tagesgeld
        = std::find_if(byAccount->accounts.cbegin(), byAccount->accounts.cend(),
                       [](const ImportAccountSummary& a) { return a.accountName == u"DE22 Tagesgeld"; });
    QVERIFY(tagesgeld != byAccount->accounts.cend());
    QCOMPARE(tagesgeld->closingBalanceMinor, qint64(0));
    checkInvariants(*m_ledger);
}

void TestImportService::balanceLinesReconcile()
{
    const auto importInto = [this](const QString& account, const QByteArray& data, bool create) {
        ImportServiceOptions options = intoNewAccount(account, QStringLiteral("EUR"));
        options.createAccounts = create;
        return importStatementData(*m_ledger, data, QStringLiteral("umsaetze.csv"), options);
    };
    // Deutsche Bank: the closing balance above the header and below the rows. A new account opens with what the rows
    // leave to it; the other party's IBAN column names no account.
    const QByteArray deutsche
        = "Umsatze Girokonto;Zeitraum: 01.01.2024 - 31.01.2024;\n"
          "Neuer Kontostand;31.01.2024;;;2.626,55;EUR\n\n"
          "Buchungstag;Wert;Umsatzart;Beg\xc3\xbcnstigter / Auftraggeber;Verwendungszweck;IBAN;BIC;Soll;Haben;"
          "W\xc3\xa4hrung\n"
          "31.01.2024;31.01.2024;Lastschrift;REWE Markt GmbH;REWE SAGT DANKE;DE12500105170648489890;INGDDEFFXXX;"
          "-23,45;;EUR\n"
          "25.01.2024;25.01.2024;Gutschrift;ACME GmbH;Gehalt;DE89370400440532013000;COBADEFFXXX;;2.500,00;EUR\n"
          "Kontostand;31.01.2024;;;2.626,55;EUR\n";
    ImportServiceOptions unnamed;
    unnamed.createAccounts = true;
    auto noAccount = importStatementData(*m_ledger, deutsche, QStringLiteral("db.csv"), unnamed);
    QVERIFY(!noAccount.isOk());
    QVERIFY2(noAccount.status().message().contains(QLatin1String("names no account")),
             qPrintable(noAccount.status().toString()));
    auto giro = importInto(QStringLiteral("DB Giro"), deutsche, true);
    QVERIFY2(giro.isOk(), qPrintable(giro.status().toString()));
    QCOMPARE(giro->imported, qint64(2));
    QCOMPARE(giro->accounts.size(), 1);
    QCOMPARE(giro->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(262655));
    QCOMPARE(giro->accounts[0].closingBalanceMinor, qint64(262655));
    QVERIFY2(warningsOf(*giro, QStringLiteral("balance")).isEmpty(),
             qPrintable(warningsOf(*giro, QStringLiteral("balance")).join(u'\n')));
    QVERIFY2(warningsOf(*giro, QStringLiteral("account")).join(u'\n').contains(QLatin1String("50.00 EUR")),
             qPrintable(warningsOf(*giro, QStringLiteral("account")).join(u'\n')));
    const qint64 dbGiro = giro->accounts[0].accountId;
    QCOMPARE(m_ledger->account(dbGiro)->balance, qint64(262655));
    // Again: duplicates only, and the balance agrees.
    auto again = importInto(QStringLiteral("DB Giro"), deutsche, true);
    QVERIFY(again.isOk());
    QCOMPARE(again->imported, qint64(0));
    QVERIFY2(warningsOf(*again, QStringLiteral("balance")).isEmpty(),
             qPrintable(warningsOf(*again, QStringLiteral("balance")).join(u'\n')));

    // comdirect: both ends stated. They add up: the new account opens with the old balance.
    const QByteArray head
        = "\"Neuer Kontostand\";\"2.345,67 EUR\";\n\n"
          "\"Buchungstag\";\"Wertstellung (Valuta)\";\"Vorgang\";\"Buchungstext\";\"Umsatz in EUR\";\n"
          "\"27.11.2026\";\"27.11.2026\";\"Ueberweisung\";\"Miete\";\"-850,00\";\n"
          "\"20.11.2026\";\"20.11.2026\";\"Gutschrift\";\"Gehalt\";\"3.210,45\";\n\n";
    auto both = importInto(QStringLiteral("comdirect"), head + "\"Alter Kontostand\";\"-14,78 EUR\";\n", true);
    QVERIFY2(both.isOk(), qPrintable(both.status().toString()));
    QVERIFY2(warningsOf(*both, QStringLiteral("balance")).isEmpty(),
             qPrintable(warningsOf(*both, QStringLiteral("balance")).join(u'\n')));
    QCOMPARE(m_ledger->account(both->accounts[0].accountId)->balance, qint64(234567));
    auto history = accountHistory(*m_ledger, both->accounts[0].accountId);
    QVERIFY(history.isOk());
    QCOMPARE(history->size(), 3);
    QCOMPARE(history->at(0).category, Category::OpeningBalance);
    QCOMPARE(history->at(0).amount, qint64(-1478));
    // They do not add up: the difference is named, with both lines.
    auto off = importInto(QStringLiteral("comdirect 2"), head + "\"Alter Kontostand\";\"-13,78 EUR\";\n", true);
    QVERIFY(off.isOk());
    const QStringList offWarnings = warningsOf(*off, QStringLiteral("balance"));
    QCOMPARE(offWarnings.size(), 1);
    QVERIFY2(offWarnings[0].contains(QLatin1String("(line 7)"))
                 && offWarnings[0].contains(QLatin1String("(line 1, difference -1.00 EUR)")),
             qPrintable(offWarnings[0]));
    // Ends that do not agree open no account: its balance is its rows'.
    QCOMPARE(m_ledger->account(off->accounts[0].accountId)->balance, qint64(-85000 + 321045));

    // A card's closing balance may be what is owed: no opening is made up from it.
    ImportServiceOptions card = intoNewAccount(QStringLiteral("Visa"), QStringLiteral("EUR"));
    card.newAccountType = AccountType::CreditCard;
    auto owed = importStatementData(*m_ledger,
                                    "\"Closing balance: 120.00\"\nDate,Description,Amount\n2026-11-02,HOTEL,-120.00\n"
                                    "2026-11-03,CAFE,-12.50\n",
                                    QStringLiteral("visa.csv"), card);
    QVERIFY2(owed.isOk(), qPrintable(owed.status().toString()));
    QCOMPARE(owed->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(12000));
    QCOMPARE(m_ledger->account(owed->accounts[0].accountId)->balance, qint64(-13250));

    // Into an account that holds none of the history before: its balance after the import is not the bank's.
    const auto added = addCash(*m_ledger, m_account, 100, 1'777'000'000'000);
    QVERIFY2(added.isOk(), qPrintable(added.status().toString()));
    auto operating = importInto(QStringLiteral("Operating"), deutsche, false);
    QVERIFY(operating.isOk());
    QCOMPARE(operating->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(262655));
    QCOMPARE(warningsOf(*operating, QStringLiteral("balance")).size(), 1);
    QVERIFY2(warningsOf(*operating, QStringLiteral("balance"))[0].contains(QLatin1String("statement's closing")),
             qPrintable(warningsOf(*operating, QStringLiteral("balance"))[0]));

    // Rows of two accounts (an account column): a balance line states neither account's balance.
    const QByteArray twoAccounts = "Closing balance;;100.00\nDate,Account,Description,Amount\n"
                                   "2026-11-02,Cash A,Coffee,-3.50\n2026-11-02,Cash B,Tea,-2.50\n";
    ImportServiceOptions byColumn;
    byColumn.createAccounts = true;
    byColumn.newAccountCurrency = QStringLiteral("EUR");
    auto split
        = importStatementData(*m_ledger, QByteArray(twoAccounts).replace(';', ','), QStringLiteral("x.csv"), byColumn);
    QVERIFY2(split.isOk(), qPrintable(split.status().toString()));
    QCOMPARE(split->accounts.size(), 2);
    QCOMPARE(split->accounts[0].statedClosingBalanceMinor, std::nullopt);
    QCOMPARE(split->accounts[1].statedClosingBalanceMinor, std::nullopt);
    QCOMPARE(m_ledger->account(split->accounts[0].accountId)->balance, qint64(-350));
    checkInvariants(*m_ledger);
}

void TestImportService::zeroAmountRowsAreSkipped()
{
    // TD Bank: a card check of 0.00 among the rows moves no money; it is skipped with a warning, not refused.
    const QByteArray td
        = "Date,Bank RTN,Account Number,Transaction Type,Description,Debit,Credit,Check Number,Balance\n"
          "2024-01-31,031201360,4321,DEBIT,CHECK # 1021,250.00,,1021,1750.00\n"
          "2024-01-16,031201360,4321,CREDIT,ACH DEPOSIT ACME CORP PAYROLL,,2000.00,,2000.00\n"
          "2024-01-03,031201360,4321,DEBIT,DEBIT POS WAWA 8123,0.00,,,0.00\n";
    auto summary = importStatementData(*m_ledger, td, QStringLiteral("td.csv"),
                                       intoNewAccount(QStringLiteral("TD Checking"), QStringLiteral("USD")));
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->rows, qint64(3));
    QCOMPARE(summary->imported, qint64(2));
    QCOMPARE(summary->skipped, qint64(1));
    QVERIFY(summary->errors.isEmpty());
    QVERIFY(std::any_of(summary->warnings.cbegin(), summary->warnings.cend(), [](const ImportIssue& w) {
        return w.line == 4 && w.message.contains(QLatin1String("amount is zero"));
    }));
    QCOMPARE(m_ledger->account(summary->accounts[0].accountId)->balance, qint64(175000));
    checkInvariants(*m_ledger);
}

void TestImportService::volksbankSollHaben()
{
    // A Volksbank-style export: Windows-1252, semicolons, decimal comma, preamble lines, an unsigned "Umsatz"
    // column followed by an S/H column with an empty header, and balance lines at the end.
    const QByteArray csv
        = QByteArray("\"Umsatzanzeige\";;;;;;;;;;;;\n"
                     "\"BLZ:\";\"12345678\";;\"Datum:\";\"31.05.2026\";;;;;;;;\n"
                     "\"Konto:\";\"1234567\";;\"Abfrage von:\";\"Max M\xfc"
                     "ller\";;;;;;;;\n"
                     "\n"
                     "\"Buchungstag\";\"Valuta\";\"Auftraggeber/Zahlungsempf\xe4nger\";"
                     "\"Empf\xe4nger/Zahlungspflichtiger\";\"Konto-Nr.\";\"IBAN\";\"BLZ\";\"BIC\";"
                     "\"Vorgang/Verwendungszweck\";\"Kundenreferenz\";\"W\xe4hrung\";\"Umsatz\";\" \"\n"
                     "\"04.05.2026\";\"04.05.2026\";\"Max M\xfcller\";\"Stadtwerke\";;;;;"
                     "\"Lastschrift Strom Mai\";;\"EUR\";\"84,50\";\"S\"\n"
                     "\"05.05.2026\";\"05.05.2026\";\"Arbeitgeber GmbH\";\"Max M\xfcller\";;;;;"
                     "\"Gehalt Mai\";;\"EUR\";\"2.345,67\";\"H\"\n"
                     "\"06.05.2026\";\"06.05.2026\";\"Max M\xfcller\";\"B\xe4"
                     "ckerei\";;;;;"
                     "\"Kartenzahlung\";;\"EUR\";\"3,20\";\"S\"\n"
                     "\"\";;;;;;;;;\"01.05.2026\";\"Anfangssaldo\";\"EUR\";\"1.000,00\";\"H\"\n"
                     "\"\";;;;;;;;;\"31.05.2026\";\"Endsaldo\";\"EUR\";\"3.257,97\";\"H\"\n");
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    auto summary = importStatementData(*m_ledger, csv, QStringLiteral("Umsaetze.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QVERIFY2(summary->errors.isEmpty(), qPrintable(summary->errors.value(0).toString()));
    QCOMPARE(summary->encoding, QStringLiteral("Windows-1252"));
    QCOMPARE(summary->imported, qint64(3));
    const auto history = *accountHistory(*m_ledger, m_account);
    // The account had no transactions: it opens with the file's "Anfangssaldo".
    QCOMPARE(history.size(), 4);
    QCOMPARE(history[0].category, Category::OpeningBalance);
    QCOMPARE(history[0].amount, qint64(100000));
    QCOMPARE(history[1].amount, qint64(-8450));
    QCOMPARE(history[1].description, QStringLiteral("Lastschrift Strom Mai"));
    QCOMPARE(history[2].amount, qint64(234567));
    QCOMPARE(history[3].amount, qint64(-320));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(325797));

    // A named indicator column, mapped by --map as well as by its header; a bad indicator value is a row error.
    const QByteArray named = "Datum;Betrag;Soll/Haben;Text\n01.05.2026;10,00;S;A\n02.05.2026;5,00;Haben;B\n"
                             "03.05.2026;1,00;X;C\n";
    ImportServiceOptions mapped = options;
    mapped.dryRun = true;
    QVERIFY(applyColumnMap(QStringLiteral("indicator=Soll/Haben"), &mapped.parse.csv).isOk());
    auto bad = importStatementData(*m_ledger, named, QString(), mapped);
    QVERIFY2(bad.isOk(), qPrintable(bad.status().toString()));
    QVERIFY(bad->refused);
    QCOMPARE(bad->errors.size(), 1);
    QCOMPARE(bad->errors[0].line, 4);
    QCOMPARE(bad->errors[0].field, QStringLiteral("indicator"));
    QCOMPARE(bad->marks.size(), 1);
    QCOMPARE(bad->marks[0].kind, ImportRowMark::Kind::Error);
}

void TestImportService::qifOfxCamtThroughService()
{
    ImportServiceOptions options;
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("EUR");
    const qint64 accountsBefore = m_ledger->accounts()->size();

    // QIF: the !Account section names the account.
    auto qif = importStatementFile(*m_ledger, write(QStringLiteral("s.qif"), kQif), options);
    QVERIFY2(qif.isOk(), qPrintable(qif.status().toString()));
    QCOMPARE(qif->format, QStringLiteral("qif"));
    QCOMPARE(qif->imported, qint64(3));
    QCOMPARE(qif->accounts.size(), 1);
    QCOMPARE(qif->accounts[0].accountName, QStringLiteral("Cash box"));
    QCOMPARE(qif->accounts[0].closingBalanceMinor, qint64(-1200 + 25000 - 3025));

    // OFX 1.x with two statements: two accounts created, each balance equal to the stated ledger balance.
    options.newAccountCurrency.clear();
    auto ofx = importStatementFile(*m_ledger, write(QStringLiteral("two.ofx"), kOfxTwoAccounts), options);
    QVERIFY2(ofx.isOk(), qPrintable(ofx.status().toString()));
    QCOMPARE(ofx->imported, qint64(4));
    QCOMPARE(ofx->accounts.size(), 2);
    for (const ImportAccountSummary& a : std::as_const(ofx->accounts)) {
        QVERIFY(a.statedClosingBalanceMinor.has_value());
        QCOMPARE(a.closingBalanceMinor, *a.statedClosingBalanceMinor);
        QCOMPARE(m_ledger->account(a.accountId)->balance, *a.statedClosingBalanceMinor);
    }
    QCOMPARE(ofx->accounts[0].accountName, QStringLiteral("CHK-1"));
    QCOMPARE(ofx->accounts[0].imported, qint64(3));
    QCOMPARE(ofx->accounts[1].accountName, QStringLiteral("CARD-9"));

    // camt.053 with a batched entry: three rows; opening + rows = closing, so no balance warning.
    auto camt = importStatementFile(*m_ledger, write(QStringLiteral("b.xml"), kCamtBatch), options);
    QVERIFY2(camt.isOk(), qPrintable(camt.status().toString()));
    QCOMPARE(camt->imported, qint64(3));
    for (const ImportIssue& w : std::as_const(camt->warnings))
        QVERIFY2(w.field != QStringLiteral("balance"), qPrintable(w.toString()));
    const qint64 payroll = camt->accounts[0].accountId;
    const auto rows = *accountHistory(*m_ledger, payroll);
    QCOMPARE(rows.size(), 4); // the opening balance (1000.00), then the three rows
    QCOMPARE(historySum(rows), qint64(100000 + 8000 - 30000));
    QCOMPARE(*camt->accounts[0].statedClosingBalanceMinor, historySum(rows));
    QCOMPARE(camt->accounts[0].closingBalanceMinor, historySum(rows));
    QCOMPARE(m_ledger->accounts()->size(), accountsBefore + 4);

    // Re-importing each file imports nothing; undoing each batch removes every row it wrote, the opening balance it
    // booked into the camt account it created included (the account was left at its opening balance, so that a
    // re-import of the right file ended that far off).
    for (const auto& [name, data] :
         {std::pair {"s.qif", kQif}, std::pair {"two.ofx", kOfxTwoAccounts}, std::pair {"b.xml", kCamtBatch}}) {
        auto again = importStatementFile(*m_ledger, write(QString::fromLatin1(name), data), options);
        QVERIFY2(again.isOk(), name);
        QCOMPARE(again->imported, qint64(0));
    }
    for (const QString& batch : {qif->batchId, ofx->batchId, camt->batchId})
        QVERIFY(m_ledger->undoImportBatch(batch).isOk());
    QCOMPARE(*m_ledger->countTransactions({}), qint64(0));
    for (const Account& a : *m_ledger->accounts())
        QCOMPARE(a.balance, qint64(0));
    checkInvariants(*m_ledger);
}

// Rows of one account and time without stated balances: a file that lists the newest rows first has each day's rows
// reversed (Payoneer's fee above the payment it was taken from), one that lists the oldest first keeps them; the
// running balances follow. A parsed (QIF) statement is put in order the same way.
void TestImportService::sameTimeRowsInTheirOrder()
{
    ImportServiceOptions options;
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("USD");
    const auto amountsIn = [this](qint64 account) {
        QList<qint64> out;
        for (const Transaction& t : *accountHistory(*m_ledger, account))
            out.append(t.amount);
        return out;
    };
    const QList<qint64> chronological {-300, 120000, -1200};
    const QList<std::pair<QString, QByteArray>> files {
        {QStringLiteral("Newest.csv"),
         "Date,Description,Amount\n"
         "2025-02-05,Fee for incoming payment,-12.00\n"
         "2025-02-05,Payment from Acme,1200.00\n"
         "2025-02-01,Coffee,-3.00\n"},
        {QStringLiteral("Oldest.csv"),
         "Date,Description,Amount\n"
         "2025-02-01,Coffee,-3.00\n"
         "2025-02-05,Payment from Acme,1200.00\n"
         "2025-02-05,Fee for incoming payment,-12.00\n"},
        {QStringLiteral("Quicken.qif"),
         "!Type:Bank\nD02/05/2025\nT-12.00\nPFee\n^\nD02/05/2025\nT1,200.00\nPAcme\n^\n"
         "D02/01/2025\nT-3.00\nPCoffee\n^\n"}};
    for (const auto& [name, data] : files) {
        options.account = name.section(u'.', 0, 0);
        auto summary = importStatementData(*m_ledger, data, name, options);
        QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
        QCOMPARE(summary->imported, qint64(3));
        QCOMPARE(amountsIn(summary->accounts[0].accountId), chronological);
    }
    checkInvariants(*m_ledger);
}

void TestImportService::streamedBackdatedImport()
{
    // A later transaction already in the account: every imported row is back-dated before it, and the
    // file lists the newest rows first, so every chunk of the stream is back-dated too.
    NewTransaction later;
    later.accountId = m_account;
    later.amount = 777;
    later.timestamp = QDateTime(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    later.description = QStringLiteral("Later");
    later.category = QStringLiteral("fees");
    QVERIFY(m_ledger->addTransaction(later).isOk());
    const QString path = m_dir->filePath(QStringLiteral("gen.csv"));
    GeneratedCsv generated;
    QVERIFY(writeGeneratedCsv(path, 12000, 1, 7, true, &generated));
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    options.parse.defaultCurrency = QStringLiteral("EUR");
    auto summary = importStatementFile(*m_ledger, path, options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(12000));
    QCOMPARE(summary->accounts[0].closingBalanceMinor, 777 + generated.sumPerAccount.value(QStringLiteral("ACC-0")));
    QCOMPARE(m_ledger->account(m_account)->balance, summary->accounts[0].closingBalanceMinor);
    QCOMPARE(m_ledger->account(m_account)->transactionCount, qint64(12001));
    checkInvariants(*m_ledger);

    auto again = importStatementFile(*m_ledger, path, options);
    QVERIFY(again.isOk());
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, qint64(12000));
    QVERIFY(m_ledger->undoImportBatch(summary->batchId).isOk());
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(777));
    checkInvariants(*m_ledger);
}

void TestImportService::duplicateIdsAcrossChunks()
{
    // 9,000 rows streamed in chunks of 4,096: the last 3,000 repeat rows 1,000-3,999 (their references, amounts and
    // days), in earlier chunks and in their own; one more row repeats a row in the same chunk. Each is a duplicate,
    // exactly.
    QByteArray csv = "Date,Amount,Description,Transaction ID\n";
    auto line = [](int i, int ref) {
        return QStringLiteral("2026-03-%1,-%2.%3,Row %4,REF-%5\n")
            .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
            .arg(1 + i % 97)
            .arg(i % 100, 2, 10, QLatin1Char('0'))
            .arg(i)
            .arg(ref)
            .toUtf8();
    };
    for (int i = 0; i < 6000; ++i)
        csv += line(i, i);
    for (int i = 6000; i < 9000; ++i)
        csv += line(i - 5000, i - 5000);
    csv += line(9000, 9000);
    csv += line(9000, 9000);
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    auto summary = importStatementData(*m_ledger, csv, QStringLiteral("refs.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->rows, qint64(9002));
    QCOMPARE(summary->duplicates, qint64(3001));
    QCOMPARE(summary->imported, qint64(6001));
    QCOMPARE(m_ledger->account(m_account)->transactionCount, qint64(6001));
    checkInvariants(*m_ledger);
    auto again = importStatementData(*m_ledger, csv, QStringLiteral("refs.csv"), options);
    QVERIFY(again.isOk());
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, qint64(9002));
}

void TestImportService::sharedIdsInOneFile()
{
    // A bank that gives every row the FITID 0: the rows are transactions of their own, each under an id of its
    // file's id, amount and day; the same line twice is still a duplicate, and a second import brings nothing.
    QByteArray ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR"
                     "<BANKACCTFROM><BANKID>1<ACCTID>99<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST>";
    for (const char* trn :
         {"<DTPOSTED>20260305<TRNAMT>-10.00<NAME>Coffee", "<DTPOSTED>20260306<TRNAMT>-25.00<NAME>Lunch",
          "<DTPOSTED>20260306<TRNAMT>-25.00<NAME>Lunch", "<DTPOSTED>20260307<TRNAMT>-10.00<NAME>Coffee",
          "<DTPOSTED>20260307<TRNAMT>100.00<NAME>Refund"})
        ofx += QByteArray("<STMTTRN><TRNTYPE>OTHER<FITID>0") + trn + "</STMTTRN>";
    ofx += "</BANKTRANLIST><LEDGERBAL><BALAMT>55.00<DTASOF>20260307</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>"
           "</OFX>\n";
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    auto summary = importStatementData(*m_ledger, ofx, QStringLiteral("fitid0.ofx"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(4));
    QCOMPARE(summary->duplicates, qint64(1));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-1000 - 2500 - 1000 + 10000));
    QVERIFY(std::any_of(summary->warnings.cbegin(), summary->warnings.cend(),
                        [](const ImportIssue& w) { return w.message.contains(u"external id 0"); }));
    checkInvariants(*m_ledger);
    auto again = importStatementData(*m_ledger, ofx, QStringLiteral("fitid0.ofx"), options);
    QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, qint64(5));

    // The next statement of that bank: its rows are new transactions, two equal amounts of one day with other
    // names included; its repeat of the last row of the first statement is a duplicate.
    QByteArray next = ofx.left(ofx.indexOf("<STMTTRN>"));
    for (const char* trn :
         {"<DTPOSTED>20260307<TRNAMT>100.00<NAME>Refund", "<DTPOSTED>20260310<TRNAMT>-20.00<NAME>COLES 1",
          "<DTPOSTED>20260310<TRNAMT>-20.00<NAME>COLES 2", "<DTPOSTED>20260311<TRNAMT>-5.00<NAME>Bus"})
        next += QByteArray("<STMTTRN><TRNTYPE>OTHER<FITID>0") + trn + "</STMTTRN>";
    next += "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    auto february = importStatementData(*m_ledger, next, QStringLiteral("fitid0-next.ofx"), options);
    QVERIFY2(february.isOk(), qPrintable(february.status().toString()));
    QCOMPARE(february->imported, qint64(3));
    QCOMPARE(february->duplicates, qint64(1));
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(-1000 - 2500 - 1000 + 10000 - 2000 - 2000 - 500));
    checkInvariants(*m_ledger);
}

void TestImportService::accountColumnRowsReachTheirAccounts()
{
    // Four accounts in an account column, each row's account drawn at random, over several chunks of
    // the stream: every account gets exactly its own rows (the parsing thread numbers the account
    // values, the writing thread finds the accounts by those numbers).
    const QString path = m_dir->filePath(QStringLiteral("accounts.csv"));
    GeneratedCsv generated;
    QVERIFY(writeGeneratedCsv(path, 10000, 4, 11, false, &generated));
    QCOMPARE(generated.sumPerAccount.size(), 4);
    ImportServiceOptions options;
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("EUR");
    auto summary = importStatementFile(*m_ledger, path, options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(10000));
    QCOMPARE(summary->accounts.size(), 4);
    for (const ImportAccountSummary& a : std::as_const(summary->accounts)) {
        QVERIFY2(generated.sumPerAccount.contains(a.accountName), qPrintable(a.accountName));
        QCOMPARE(a.closingBalanceMinor, generated.sumPerAccount.value(a.accountName));
        QCOMPARE(m_ledger->account(a.accountId)->balance, generated.sumPerAccount.value(a.accountName));
        auto history = accountHistory(*m_ledger, a.accountId);
        QVERIFY(history.isOk());
        QCOMPARE(qint64(history->size()), a.imported);
    }
    checkInvariants(*m_ledger);
}

void TestImportService::accountsWithoutAnAccountColumn()
{
    // Files of several accounts that name none in a column: each account's rows reach an account of their own,
    // opened so that it ends at the balance the file states; with an account chosen, all go to it as before.
    ImportServiceOptions options;
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("EUR");
    const auto balances = [this](const ImportSummary& summary) {
        QMap<QString, qint64> byName;
        for (const ImportAccountSummary& a : summary.accounts)
            byName.insert(a.accountName, m_ledger->account(a.accountId)->balance);
        return byName;
    };

    // Wise's statement of all balances: the currency tells the accounts apart, each one's running balance runs on
    // its own rows (newest first).
    const QByteArray wise = "\"TransferWise ID\",Date,Amount,Currency,Description,\"Running Balance\"\n"
                            "TRANSFER-3,15-03-2024,-120.00,EUR,\"Sent money to J\",2234.01\n"
                            "CARD-2,14-03-2024,-29.99,USD,\"Github\",295.45\n"
                            "BALANCE-1,12-03-2024,325.44,USD,\"Converted 300.00 EUR to 325.44 USD\",325.44\n"
                            "BALANCE-1,12-03-2024,-300.00,EUR,\"Converted 300.00 EUR to 325.44 USD\",2354.01\n"
                            "CARD-1,09-03-2024,-45.99,EUR,\"Deutsche Bahn\",2654.01\n"
                            "TRANSFER-1,01-03-2024,2500.00,EUR,\"Received money from ACME\",2700.00\n";
    auto summary = importStatementData(*m_ledger, wise, QStringLiteral("wise.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(6));
    QCOMPARE(balances(*summary),
             (QMap<QString, qint64> {{QStringLiteral("EUR"), 223401}, {QStringLiteral("USD"), 29545}}));
    for (const ImportAccountSummary& a : std::as_const(summary->accounts))
        QCOMPARE(m_ledger->account(a.accountId)->currency, a.accountName);

    // Revolut's statement of all its accounts: product and currency.
    const QByteArray revolut
        = "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance\n"
          "TOPUP,Current,2024-03-01 08:12:44,2024-03-01 08:12:45,Top-Up,500.00,0.00,EUR,COMPLETED,535.00\n"
          "TRANSFER,Current,2024-03-01 09:00:03,2024-03-01 09:00:03,To Savings,-200.00,0.00,EUR,"
          "COMPLETED,335.00\n"
          "TRANSFER,Savings,2024-03-01 09:00:03,2024-03-01 09:00:03,From Current,200.00,0.00,EUR,"
          "COMPLETED,1200.00\n"
          "CARD_PAYMENT,Current,2024-03-03 19:44:10,2024-03-04 02:11:51,Lidl,-23.87,0.00,EUR,"
          "COMPLETED,311.13\n"
          "INTEREST,Savings,2024-03-11 03:00:00,2024-03-11 03:00:00,Interest,1.23,0.00,EUR,COMPLETED,"
          "1201.23\n";
    summary = importStatementData(*m_ledger, revolut, QStringLiteral("revolut.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(balances(*summary),
             (QMap<QString, qint64> {{QStringLiteral("Current EUR"), 31113}, {QStringLiteral("Savings EUR"), 120123}}));

    // One account's rows with a currency column naming a card payment's own currency (the balance runs on in the
    // account's currency over all rows): one account, not two.
    const QByteArray oneAccount = "Date,Amount,Currency,Description,Balance\n"
                                  "2024-03-01,-100.00,DKK,Netto,900.00\n2024-03-02,-75.00,EUR,Hotel,825.00\n"
                                  "2024-03-03,-50.00,EUR,Cafe,775.00\n2024-03-04,-25.00,DKK,Kiosk,750.00\n";
    summary = importStatementData(*m_ledger, oneAccount, QStringLiteral("one.csv"), options);
    QVERIFY(!summary.isOk());
    QCOMPARE(summary.status().field(), QStringLiteral("account"));

    // PayPal's download of two currencies: each currency's balance goes back to zero after its conversion, so that
    // a row of one currency seems to go on from another's zero: still an account each.
    const QByteArray paypal
        = "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\","
          "\"Balance\",\"Transaction ID\"\n"
          "\"1/7/2020\",\"04:05:42\",\"PST\",\"Telco\",\"Express Checkout Payment\",\"Completed\",\"GBP\","
          "\"-59.30\",\"0.00\",\"-59.30\",\"-59.30\",\"2X1\"\n"
          "\"1/7/2020\",\"04:05:42\",\"PST\",\"\",\"General Currency Conversion\",\"Completed\",\"GBP\","
          "\"59.30\",\"0.00\",\"59.30\",\"0.00\",\"2X2\"\n"
          "\"1/7/2020\",\"04:05:42\",\"PST\",\"\",\"General Currency Conversion\",\"Completed\",\"CHF\","
          "\"-53.10\",\"0.00\",\"-53.10\",\"-53.10\",\"2X3\"\n"
          "\"1/9/2020\",\"10:00:00\",\"PST\",\"Bank\",\"Bank Deposit to PP Account\",\"Completed\",\"CHF\","
          "\"53.10\",\"0.00\",\"53.10\",\"0.00\",\"2X4\"\n"
          "\"1/17/2020\",\"19:32:54\",\"PST\",\"Netflix.com\",\"PreApproved Payment\",\"Completed\",\"GBP\","
          "\"-9.99\",\"0.00\",\"-9.99\",\"-9.99\",\"2X5\"\n"
          "\"1/17/2020\",\"19:32:54\",\"PST\",\"\",\"General Currency Conversion\",\"Completed\",\"GBP\","
          "\"9.99\",\"0.00\",\"9.99\",\"0.00\",\"2X6\"\n";
    summary = importStatementData(*m_ledger, paypal, QStringLiteral("paypal.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(6));
    QCOMPARE(summary->accounts.size(), 2);
    for (const ImportAccountSummary& a : std::as_const(summary->accounts))
        QCOMPARE(m_ledger->account(a.accountId)->balance, qint64(0));
    // Read into one chosen account: the rows of its currency (here the most rows') go to it, each other currency's to
    // an account of its own; no row is booked in another currency than its own.
    options.account = QStringLiteral("PayPal");
    summary = importStatementData(*m_ledger, paypal, QStringLiteral("paypal.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(6));
    QCOMPARE(balances(*summary),
             (QMap<QString, qint64> {{QStringLiteral("PayPal"), 0}, {QStringLiteral("PayPal CHF"), 0}}));
    QCOMPARE(m_ledger->account(summary->accounts[0].accountId)->currency, QStringLiteral("GBP"));
    options.account.clear();

    // QuickBooks' Transaction Detail by Account: each account's rows under its heading, closed by its total.
    const QByteArray qbo = "Craig's Design\nTransaction Detail by Account\nJanuary 2024\n\n"
                           ",Date,Transaction Type,Num,Name,Memo/Description,Split,Amount,Balance\n"
                           "Business Checking (4471),,,,,,,,\n"
                           ",01/03/2024,Deposit,,Acme Corp,Invoice 1001,Services,\"3,500.00\",\"16,000.00\"\n"
                           ",01/05/2024,Transfer,,,To savings,Business Savings (8820),\"-2,000.00\",\"14,000.00\"\n"
                           "Total for Business Checking (4471),,,,,,,\"$1,500.00\",\n"
                           "Business Savings (8820),,,,,,,,\n"
                           ",01/05/2024,Transfer,,,To savings,Business Checking (4471),\"2,000.00\",\"52,000.00\"\n"
                           "Total for Business Savings (8820),,,,,,,\"$2,000.00\",\n"
                           "TOTAL,,,,,,,\"$3,500.00\",\n";
    options.newAccountCurrency = QStringLiteral("USD");
    summary = importStatementData(*m_ledger, qbo, QStringLiteral("qbo.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(balances(*summary),
             (QMap<QString, qint64> {{QStringLiteral("Business Checking (4471)"), 1400000},
                                     {QStringLiteral("Business Savings (8820)"), 5200000}}));

    // Its Desktop edition's General Ledger: the heading states the account's balance before its rows, and the rows
    // book as a ledger (a debit is money in), which the balance column shows.
    const QByteArray desktop
        = ",,,Type,Date,Num,Adj,Name,Memo,Split,Debit,Credit,Balance\n"
          "10100 Checking,,,,,,,,,,,,\"15,230.11\"\n"
          ",,,Check,03/01/2024,1051,,Office Depot,Paper,64000 Office Supplies,,84.37,\"15,145.74\"\n"
          ",,,Deposit,03/04/2024,,,Henderson,Invoice 1042,12000 Undeposited Funds,\"1,250.00\",,"
          "\"16,395.74\"\n"
          ",,,Transfer,03/15/2024,,,,Funds Transfer,10200 Savings,,\"2,000.00\",\"14,395.74\"\n"
          "Total 10100 Checking,,,,,,,,,,\"1,250.00\",\"2,084.37\",\"14,395.74\"\n"
          "10200 Savings,,,,,,,,,,,,\"25,000.00\"\n"
          ",,,Transfer,03/15/2024,,,,Funds Transfer,10100 Checking,\"2,000.00\",,\"27,000.00\"\n"
          ",,,Deposit,03/31/2024,,,,Interest,70100 Interest Income,10.43,,\"27,010.43\"\n"
          "Total 10200 Savings,,,,,,,,,,\"2,010.43\",0.00,\"27,010.43\"\n"
          "TOTAL,,,,,,,,,,\"3,260.43\",\"2,084.37\",\"41,406.17\"\n";
    summary = importStatementData(*m_ledger, desktop, QStringLiteral("gl.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(balances(*summary),
             (QMap<QString, qint64> {{QStringLiteral("10100 Checking"), 1439574},
                                     {QStringLiteral("10200 Savings"), 2701043}}));

    // Zoho Books' Account Transactions: each account's heading opened by its opening balance's line and closed by
    // its closing balance's, which are that account's.
    const QByteArray zoho = "Account Transactions\nBrightwave Studio\nFrom 01/03/2024 To 31/03/2024\n\n"
                            "Date,Transaction Details,Transaction Type,Transaction#,Reference#,Debit,Credit,Amount\n"
                            "HDFC Bank Current A/c\n"
                            ",Opening Balance,,,,\"1,25,000.00\",,\"1,25,000.00\"\n"
                            "05/03/2024,Ananya Textiles,Customer Payment,PMT-12,INV-45,\"47,200.00\",,\"47,200.00\"\n"
                            "08/03/2024,Transfer to ICICI,Transfer Fund,,,,\"20,000.00\",\"-20,000.00\"\n"
                            ",Closing Balance,,,,\"1,52,200.00\",,\"1,52,200.00\"\n\n"
                            "ICICI Bank Savings A/c\n"
                            ",Opening Balance,,,,\"3,500.00\",,\"3,500.00\"\n"
                            "08/03/2024,Transfer from HDFC,Transfer Fund,,,\"20,000.00\",,\"20,000.00\"\n"
                            ",Closing Balance,,,,\"23,500.00\",,\"23,500.00\"\n";
    options.newAccountCurrency = QStringLiteral("INR");
    summary = importStatementData(*m_ledger, zoho, QStringLiteral("zoho.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(balances(*summary),
             (QMap<QString, qint64> {{QStringLiteral("HDFC Bank Current A/c"), 15220000},
                                     {QStringLiteral("ICICI Bank Savings A/c"), 2350000}}));
    for (const ImportAccountSummary& a : std::as_const(summary->accounts))
        QCOMPARE(a.statedClosingBalanceMinor, std::optional<qint64>(a.closingBalanceMinor));

    // comdirect's export of all accounts: a section each, under its title and with a header of its own, its
    // balances on lines of their own; a securities section is left out.
    const QByteArray comdirect
        = QStringLiteral(
              ";\n\"Umsätze Girokonto\";\"Zeitraum: 30 Tage\";\n\"Neuer Kontostand\";\"1.150,00 EUR\";\n\n"
              "\"Buchungstag\";\"Wertstellung (Valuta)\";\"Vorgang\";\"Buchungstext\";\"Umsatz in EUR\";\n"
              "\"offen\";\"--\";\"Lastschrift\";\"Spotify\";\"-9,99\";\n"
              "\"05.03.2024\";\"05.03.2024\";\"Überweisung\";\"Miete\";\"-950,00\";\n"
              "\"01.03.2024\";\"01.03.2024\";\"Gutschrift\";\"Gehalt\";\"2.000,00\";\n"
              "\"Alter Kontostand\";\"100,00 EUR\";\n\n"
              "\"Umsätze Visa-Karte (Kreditkarte)\";\"Zeitraum: 30 Tage\";\n\"Neuer Kontostand\";\"-67,90 EUR\";\n\n"
              "\"Buchungstag\";\"Umsatztag\";\"Vorgang\";\"Referenz\";\"Buchungstext\";\"Umsatz in EUR\";\n"
              "\"13.03.2024\";\"12.03.2024\";\"--\";\"7240000123460\";\"Lufthansa\";\"-67,90\";\n"
              "\"Alter Kontostand\";\"0,00 EUR\";\n\n"
              "\"Umsätze Depot\";\"Zeitraum: 30 Tage\";\n\n"
              "\"Buchungstag\";\"Geschäftstag\";\"Stück / "
              "Nom.\";\"Bezeichnung\";\"WKN\";\"Währung\";\"Ausführungskurs\";"
              "\"Umsatz in EUR\";\n"
              "\"04.03.2024\";\"01.03.2024\";\"10\";\"ISHARES\";\"A0RPWH\";\"EUR\";\"80,00\";\"-800,00\";\n")
              .toLatin1();
    options.newAccountCurrency = QStringLiteral("EUR");
    summary = importStatementData(*m_ledger, comdirect, QStringLiteral("umsaetze.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(3));
    QCOMPARE(balances(*summary),
             (QMap<QString, qint64> {{QStringLiteral("Girokonto"), 115000},
                                     {QStringLiteral("Visa-Karte (Kreditkarte)"), -6790}}));
    const auto lineOf = [](const ImportSummary& s, const QString& text) {
        for (const ImportIssue& w : s.warnings)
            if (w.message.contains(text))
                return w.line;
        return -1;
    };
    QCOMPARE(lineOf(*summary, QStringLiteral("the row is offen")), 6);
    QCOMPARE(lineOf(*summary, QStringLiteral("securities section")), 18);
    checkInvariants(*m_ledger);

    // With an account chosen, every section's rows go to it, each read with its own header.
    options.account = QStringLiteral("Operating");
    options.dryRun = true;
    summary = importStatementData(*m_ledger, comdirect, QStringLiteral("umsaetze.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts.size(), 1);
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(200000 - 95000 - 6790));
    QCOMPARE(lineOf(*summary, QStringLiteral("the file holds 3 accounts in sections of their own")), 0);

    // Rows under a header above the first title are read too (a section without a name: into the chosen account).
    const QByteArray above = QByteArray("\"Buchungstag\";\"Vorgang\";\"Buchungstext\";\"Umsatz in EUR\";\n"
                                        "\"02.03.2024\";\"Gutschrift\";\"Vorab\";\"10,00\";\n")
        + comdirect;
    summary = importStatementData(*m_ledger, above, QStringLiteral("above.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(4));

    // Reports grouped by category or by month are no accounts: their headings name none.
    options.account.clear();
    options.dryRun = false;
    const QByteArray categories = ",Date,Name,Amount,Balance\nGroceries,,,,\n,03/01/2024,Aldi,-45.10,954.90\n"
                                  ",03/05/2024,Lidl,-20.00,934.90\nTotal Groceries,,,-65.10,\nDining,,,,\n"
                                  ",03/02/2024,Cafe,-12.00,922.90\nTotal Dining,,,-12.00,\n";
    summary = importStatementData(*m_ledger, categories, QStringLiteral("categories.csv"), options);
    QVERIFY(!summary.isOk());
    QCOMPARE(summary.status().field(), QStringLiteral("account"));
    const QByteArray months = ",Date,Name,Amount\nMarch 2024,,,\n,Opening balance,,100.00\n,03/01/2024,Aldi,-45.10\n"
                              "April 2024,,,\n,Opening balance,,54.90\n,04/02/2024,Cafe,-12.00\n";
    summary = importStatementData(*m_ledger, months, QStringLiteral("months.csv"), options);
    QVERIFY(!summary.isOk());
    QCOMPARE(summary.status().field(), QStringLiteral("account"));

    // Accounts under headings read into one chosen account: no heading's balances are the account's.
    options.account = QStringLiteral("Operating");
    options.dryRun = true;
    summary = importStatementData(*m_ledger, zoho, QStringLiteral("zoho.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts.size(), 1);
    QCOMPARE(summary->accounts[0].statedClosingBalanceMinor, std::nullopt);
    QCOMPARE(lineOf(*summary, QStringLiteral("the file holds 2 accounts under headings of their own")), 0);

    // A card's rows in a second currency with no amount in the card's (Bank of China's USD purchase on a CNY card),
    // no balance column: they go to an account of their own, named with the currency after the card's, whichever
    // currency the first row is in; the file's stated balance is the card's. Without --create-accounts and no such
    // account, they are errors in the card's account, as before.
    options.account = QStringLiteral("BOC card");
    options.dryRun = false;
    const QByteArray card = "Closing Balance,-118.19 CNY\n"
                            "Date,Description,Amount,Currency\n"
                            "2024-12-13,MICROSOFT*XBOX,-3.72,USD\n2024-12-14,Metro,-50.00,CNY\n"
                            "2024-12-15,Meituan,-68.20,CNY\n2024-12-20,Interest,0.01,CNY\n"
                            "2024-12-21,Apple,-1.00,USD\n";
    summary = importStatementData(*m_ledger, card, QStringLiteral("card.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(5));
    QCOMPARE(balances(*summary),
             (QMap<QString, qint64> {{QStringLiteral("BOC card"), -11819}, {QStringLiteral("BOC card USD"), -472}}));
    for (const ImportAccountSummary& a : std::as_const(summary->accounts)) {
        const bool usd = a.accountName.endsWith(u"USD");
        QCOMPARE(m_ledger->account(a.accountId)->currency, usd ? QStringLiteral("USD") : QStringLiteral("CNY"));
        QCOMPARE(a.statedClosingBalanceMinor, usd ? std::nullopt : std::optional<qint64>(-11819));
    }
    QVERIFY(lineOf(*summary, QStringLiteral("its rows in CNY go to the file's account")) == 0);
    // An account that earlier versions named after MT940's ":25:" with ING Romania's slash is still the statement's.
    options.account.clear();
    options.createAccounts = true;
    auto ing = m_ledger->createAccount(
        {QStringLiteral("/RO19INGB0000999904621843"), AccountType::Checking, QStringLiteral("RON")});
    QVERIFY(ing);
    summary = importStatementData(*m_ledger,
                                  ":20:1\n:25:/RO19INGB0000999904621843\n:28C:15/1\n:60F:C240131RON0,00\n"
                                  ":61:2402010201D2,50NTRFNONREF\n:86:Comision\n:62F:D240201RON2,50\n",
                                  QStringLiteral("ing.sta"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts.size(), 1);
    QCOMPARE(summary->accounts[0].accountId, ing->id);
    // ... and so is one they named with the currency after the IBAN (ING Netherlands), its rows not imported again.
    const QByteArray ingNl = ":20:1\n:25:NL69INGB0123456789EUR\n:28C:1\n:60F:C240131EUR0,00\n"
                             ":61:2402010201D2,50NTRFNONREF\n:86:Kosten\n:62F:D240201EUR2,50\n";
    summary = importStatementData(*m_ledger, ingNl, QStringLiteral("ing-nl.sta"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts[0].accountName, QStringLiteral("NL69INGB0123456789"));
    const qint64 created = summary->accounts[0].accountId;
    QVERIFY(m_ledger->updateAccount(created, QStringLiteral("NL69INGB0123456789EUR"), AccountType::Checking));
    summary = importStatementData(*m_ledger, ingNl, QStringLiteral("ing-nl.sta"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts[0].accountId, created);
    QCOMPARE(summary->imported, 0);
    QCOMPARE(summary->duplicates, 1);
    // A file that holds the number in two currencies keeps the codes; its EUR statement is the number's EUR account.
    QVERIFY(m_ledger->updateAccount(created, QStringLiteral("NL69INGB0123456789"), AccountType::Checking));
    summary = importStatementData(*m_ledger,
                                  ingNl
                                      + "-\n:20:2\n:25:NL69INGB0123456789USD\n:28C:1\n:60F:C240131USD5,00\n"
                                        ":61:2402010201C1,00NTRFNONREF\n:86:Zins\n:62F:C240201USD6,00\n",
                                  QStringLiteral("ing-nl2.sta"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts.size(), 2);
    QCOMPARE(summary->accounts[0].accountId, created);
    QCOMPARE(summary->accounts[1].accountName, QStringLiteral("NL69INGB0123456789USD"));
    QCOMPARE(summary->imported, 1);
    QCOMPARE(summary->duplicates, 1);
    // (Only MT940's: a CSV's account "Savings EUR" is not the account "Savings".)
    QVERIFY(m_ledger->createAccount({QStringLiteral("Savings"), AccountType::Savings, QStringLiteral("EUR")}));
    summary = importStatementData(*m_ledger,
                                  "Date,Account,Currency,Amount,Description\n2024-02-01,Savings EUR,EUR,5.00,Zins\n",
                                  QStringLiteral("savings.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts[0].accountName, QStringLiteral("Savings EUR"));
    options.account = QStringLiteral("BOC card 2");

    // The stated balance is checked against the card's own rows: a new card opens with what they leave.
    summary = importStatementData(*m_ledger, QByteArray(card).replace("-118.19", "-118.29"),
                                  QStringLiteral("card2.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QVERIFY(lineOf(*summary, QStringLiteral("BOC card 2 created with an opening balance of -0.10 CNY")) == 0);
    options.account = QStringLiteral("Other card");
    options.createAccounts = false;
    QVERIFY(m_ledger->createAccount({QStringLiteral("Other card"), AccountType::CreditCard, QStringLiteral("CNY")}));
    summary = importStatementData(*m_ledger, card, QStringLiteral("card.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QVERIFY(summary->refused);
    QCOMPARE(summary->errors.size(), 2);
    QVERIFY(summary->errors[0].message.contains(QStringLiteral("USD differs from the account's currency CNY")));
}

void TestImportService::smallImportIsScored()
{
    // Twelve rows into a new account, alone in the run: the detection run that follows the import
    // scores them all.
    QByteArray csv = "Date,Amount,Description,Counterparty\n";
    for (int i = 0; i < 12; ++i)
        csv += QStringLiteral("2026-04-%1,-%2.00,Supplies %3,Shop %4\n")
                   .arg(i + 1, 2, 10, QLatin1Char('0'))
                   .arg(10 + i * 7)
                   .arg(i)
                   .arg(i % 3)
                   .toUtf8();
    ImportServiceOptions options;
    options.account = QStringLiteral("Small");
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("EUR");
    auto summary = importStatementData(*m_ledger, csv, QStringLiteral("small.csv"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(12));
    QCOMPARE(summary->writtenAccountIds.size(), 1);
    const qint64 small = summary->writtenAccountIds[0];
    QVERIFY(m_ledger->account(small)->isStale);

    DetectionPipelineOptions detection;
    detection.instantScoring = false;
    DetectionPipeline pipeline(*m_ledger, detection);
    auto run = pipeline.runNow();
    QVERIFY2(run.isOk(), qPrintable(run.status().toString()));
    QCOMPARE(run->transactionsScored, qint64(12));
    const auto history = *accountHistory(*m_ledger, small);
    QCOMPARE(history.size(), 12);
    for (const Transaction& t : history) {
        QVERIFY2(t.anomalyScore.has_value(), qPrintable(t.description));
        QVERIFY(t.risk.has_value());
    }
    QVERIFY(!m_ledger->account(small)->isStale);
}

// Item 6: the importers keep a bank's row and store its text by the ledger's text rule: control
// characters become spaces, bidirectional controls are removed, invisible-only text is dropped, NFC;
// each change is a warning naming the line and the field. A byte the encoding cannot read is U+FFFD in the
// stored text, with a warning naming its line. The stored bytes are valid UTF-8.
void TestImportService::hostileTextIsCleaned()
{
    const QByteArray csv = "Date,Amount,Description,Counterparty,Id\n"
                           "2026-05-01,-12.50,Invoice \xE2\x80\xAE"
                           "99.01,Cafe,T1\n"
                           "2026-05-02,1500.00,Salary\x01May,\xE2\x80\x8B\xE2\x80\x8B,T2\n"
                           "2026-05-03,-80.00,Groce\xEF\xBF\xBDries,Mar\xE2\x81\xA6ket Cafe\xCC\x81,T3\n"
                           "2026-05-04,-3.20,Caf\xE9 Paris,,T4\n";
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    auto summary = importStatementFile(*m_ledger, write(QStringLiteral("hostile.csv"), csv), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(4));
    QStringList warned;
    for (const ImportIssue& w : std::as_const(summary->warnings))
        warned.append(QStringLiteral("%1 %2").arg(w.line).arg(w.field));
    for (const char* expected : {"2 description", "3 description", "3 counterparty", "4 counterparty"})
        QVERIFY2(warned.contains(QLatin1String(expected)), qPrintable(warned.join(QLatin1Char('|'))));
    auto history = accountHistory(*m_ledger, m_account);
    QVERIFY(history.isOk());
    QCOMPARE(history->size(), 4);
    QCOMPARE(history->at(0).description, QStringLiteral("Invoice 99.01"));
    QCOMPARE(history->at(1).description, QStringLiteral("Salary May"));
    QCOMPARE(history->at(1).counterparty, QString());
    QCOMPARE(history->at(2).description, QStringLiteral("Groce\uFFFDries"));
    QCOMPARE(history->at(2).counterparty, QStringLiteral("Market Caf") + QChar(0x00E9));
    QCOMPARE(history->at(3).description, QStringLiteral("Caf\uFFFD Paris"));
    QVERIFY2(std::any_of(summary->warnings.cbegin(), summary->warnings.cend(),
                         [](const ImportIssue& w) { return w.line == 5 && w.message.contains(u"U+FFFD"); }),
             qPrintable(warned.join(QLatin1Char('|'))));
    QSqlQuery q(*m_ledger->database()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT CAST(description AS BLOB), CAST(counterparty AS BLOB) FROM transactions")));
    while (q.next()) {
        QVERIFY(QByteArrayView(q.value(0).toByteArray()).isValidUtf8());
        QVERIFY(QByteArrayView(q.value(1).toByteArray()).isValidUtf8());
    }
}

// A category the ledger has by a common name becomes it; others are imported as "other", and one warning names
// them with their rows, most frequent first.
void TestImportService::categoriesTheLedgerHasNot()
{
    const QByteArray csv = "Date,Amount,Description,Category,Id\n"
                           "2026-05-01,-12.50,Taxi,travel,T1\n"
                           "2026-05-02,1500.00,May,Salary,T2\n"
                           "2026-05-03,-80.00,Lipstick,personal_care,T3\n"
                           "2026-05-04,-2.00,Account fee,Bank Fees,T4\n"
                           "2026-05-05,-40.00,Flight,travel,T5\n"
                           "2026-05-06,-9.00,Misc,Other,T6\n";
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    auto summary = importStatementFile(*m_ledger, write(QStringLiteral("categories.csv"), csv), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, qint64(6));
    auto history = accountHistory(*m_ledger, m_account);
    QVERIFY(history.isOk());
    QStringList categories;
    for (const auto& t : std::as_const(*history))
        categories.append(categoryKey(t.category));
    QCOMPARE(categories, (QStringList {"other", "payroll", "other", "fees", "other", "other"}));
    QList<ImportIssue> warned;
    for (const ImportIssue& w : std::as_const(summary->warnings))
        if (w.field == QLatin1String("category"))
            warned.append(w);
    QCOMPARE(warned.size(), qsizetype(1));
    QVERIFY2(warned[0].message.startsWith(QLatin1String("3 rows' categories are none of the ledger's (payroll, ")),
             qPrintable(warned[0].message));
    QVERIFY2(warned[0].message.endsWith(QLatin1String("imported as other: travel (2), personal_care (1)")),
             qPrintable(warned[0].message));
    // OFX's transaction types that name a category of the ledger: INT, XFER, SRVCHG, POS.
    const QByteArray ofx = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF><BANKACCTFROM><BANKID>1</BANKID>"
                           "<ACCTID>Operating</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM><BANKTRANLIST>"
                           "<STMTTRN><TRNTYPE>INT</TRNTYPE><DTPOSTED>20260510</DTPOSTED><TRNAMT>18.73</TRNAMT>"
                           "<FITID>O1</FITID><NAME>Interest</NAME></STMTTRN>"
                           "<STMTTRN><TRNTYPE>XFER</TRNTYPE><DTPOSTED>20260511</DTPOSTED><TRNAMT>-500.00</TRNAMT>"
                           "<FITID>O2</FITID><NAME>To savings</NAME></STMTTRN>"
                           "<STMTTRN><TRNTYPE>SRVCHG</TRNTYPE><DTPOSTED>20260512</DTPOSTED><TRNAMT>-5.00</TRNAMT>"
                           "<FITID>O3</FITID><NAME>Monthly fee</NAME></STMTTRN>"
                           "<STMTTRN><TRNTYPE>POS</TRNTYPE><DTPOSTED>20260513</DTPOSTED><TRNAMT>-7.20</TRNAMT>"
                           "<FITID>O4</FITID><NAME>Cafe</NAME></STMTTRN>"
                           "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    auto ofxSummary = importStatementFile(*m_ledger, write(QStringLiteral("types.ofx"), ofx), options);
    QVERIFY2(ofxSummary.isOk(), qPrintable(ofxSummary.status().toString()));
    QCOMPARE(ofxSummary->imported, qint64(4));
    history = accountHistory(*m_ledger, m_account);
    categories.clear();
    for (const auto& t : std::as_const(*history))
        categories.append(categoryKey(t.category));
    QCOMPARE(categories.mid(6), (QStringList {"interest", "transfer", "fees", "card_spend"}));
}

// A chosen account's name that several accounts have is refused, naming their ids; an id still chooses one.
// A balance column whose rows of one day chain in no order: not checked, no opening balance taken from it, and the
// warning says that the account's balance is its rows' sum.
void TestImportService::balanceColumnThatDoesNotChainSaysWhatFollows()
{
    const QString file = write(QStringLiteral("unchained.csv"),
                               "Date,Description,Amount,Balance\n"
                               "2024-01-02,A,-10.00,90.00\n"
                               "2024-01-02,B,-5.00,70.00\n"
                               "2024-01-02,C,-3.00,60.00\n");
    ImportServiceOptions options;
    options.account = QStringLiteral("Unchained");
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("EUR");
    auto summary = importStatementFile(*m_ledger, file, options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts.value(0).closingBalanceMinor, qint64(-1800));
    QVERIFY(std::any_of(summary->warnings.cbegin(), summary->warnings.cend(), [](const ImportIssue& w) {
        return w.field == QLatin1String("balance") && w.message.contains(u"do not follow from one another")
            && w.message.contains(u"the account's balance is the sum of its rows");
    }));
}

void TestImportService::anAccountNameOfSeveralAccounts()
{
    QList<qint64> ids;
    for (int i = 0; i < 2; ++i) {
        auto a = m_ledger->createAccount({QStringLiteral("Dup"), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY2(a.isOk(), qPrintable(a.status().toString()));
        ids.append(a->id);
    }
    const QString file = write(QStringLiteral("dup.csv"), "Date,Amount,Description\n2026-05-01,-12.50,Taxi\n");
    ImportServiceOptions options;
    options.account = QStringLiteral("Dup");
    auto refused = importStatementFile(*m_ledger, file, options);
    QVERIFY(!refused.isOk());
    QCOMPARE(refused.status().field(), QStringLiteral("account"));
    QVERIFY2(refused.status().message().contains(QStringLiteral("ids %1, %2").arg(ids[0]).arg(ids[1])),
             qPrintable(refused.status().message()));
    options.account = QString::number(ids[1]);
    auto imported = importStatementFile(*m_ledger, file, options);
    QVERIFY2(imported.isOk(), qPrintable(imported.status().toString()));
    QCOMPARE(imported->accounts.value(0).accountId, ids[1]);
}

void TestImportService::linesTheBankWroteTwiceKeepTheBalances()
{
    // A line written twice, its balance too (the balance did not move): skipped as a probable duplicate and left out
    // of the balance column's sum, so the column still adds up and opens the account (before, the opening of 150.00
    // was lost to a "difference" of the repeated amount).
    const QString csv = write(QStringLiteral("twice.csv"),
                              "Details,Posting Date,Description,Amount,Type,Balance\n"
                              "DEBIT,11/30/2026,ADP FEES,-24.00,ACH_DEBIT,301.00\n"
                              "CREDIT,11/12/2026,GLOBEX PAYMENT,200.00,ACH_CREDIT,325.00\n"
                              "DEBIT,11/10/2026,COMCAST,-25.00,ACH_DEBIT,125.00\n"
                              "DEBIT,11/10/2026,COMCAST,-25.00,ACH_DEBIT,125.00\n"
                              "DEBIT,11/09/2026,PAYROLL,-0.50,ACH_DEBIT,150.00\n"
                              "CREDIT,11/02/2026,REFUND,0.50,ACH_CREDIT,150.50\n");
    ImportServiceOptions options;
    options.account = QStringLiteral("Chase");
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("USD");
    auto summary = importStatementFile(*m_ledger, csv, options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->imported, 5);
    QCOMPARE(summary->probableDuplicates, 1);
    QCOMPARE(summary->accounts.value(0).closingBalanceMinor, qint64(30100));
    QCOMPARE(summary->accounts.value(0).statedClosingBalanceMinor, std::optional<qint64>(30100));
    for (const ImportIssue& w : std::as_const(summary->warnings))
        QVERIFY2(!w.message.contains(u"difference"), qPrintable(w.message));
    // Imported anyway (probable duplicates allowed), the repeat counts in the column's sum, which then does not add
    // up: said, and no opening taken from it (the column was left unchecked, the balance silently 25.00 off).
    options.account = QStringLiteral("Chase 2");
    options.allowProbableDuplicates = true;
    auto both = importStatementFile(*m_ledger, csv, options);
    QVERIFY2(both.isOk(), qPrintable(both.status().toString()));
    QCOMPARE(both->imported, 6);
    QVERIFY(std::any_of(both->warnings.cbegin(), both->warnings.cend(), [](const ImportIssue& w) {
        return w.field == QLatin1String("balance") && w.message.contains(u"difference 25.00 USD");
    }));

    // A camt statement that holds one entry twice under its reference: the import skips the repeat, and the
    // statement is said to add up without it, instead of a difference beside a closing balance that matches.
    const auto entry = [](const char* ref, const char* amount, const char* side) -> QByteArray {
        return QByteArray("<Ntry><Amt Ccy=\"EUR\">") + amount + "</Amt><CdtDbtInd>" + side
            + "</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-03</Dt></BookgDt><AcctSvcrRef>" + ref
            + "</AcctSvcrRef><NtryDtls><TxDtls><RmtInf><Ustrd>Payment " + ref
            + "</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>";
    };
    const QString camt = write(
        QStringLiteral("twice.xml"),
        QByteArray("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
                   "<BkToCstmrStmt><GrpHdr><MsgId>M</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr><Stmt>"
                   "<Id>S1</Id><CreDtTm>2026-11-30T18:00:00</CreDtTm><Acct><Id><IBAN>DE89370400440532013000</IBAN>"
                   "</Id><Ccy>EUR</Ccy></Acct>"
                   "<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">1000.00</Amt>"
                   "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-01</Dt></Dt></Bal>"
                   "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">1250.00</Amt>"
                   "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-30</Dt></Dt></Bal>")
            + entry("R1", "300.00", "CRDT") + entry("R2", "50.00", "DBIT") + entry("R2", "50.00", "DBIT")
            + "</Stmt></BkToCstmrStmt></Document>");
    ImportServiceOptions camtOptions;
    camtOptions.createAccounts = true;
    auto camtSummary = importStatementFile(*m_ledger, camt, camtOptions);
    QVERIFY2(camtSummary.isOk(), qPrintable(camtSummary.status().toString()));
    QCOMPARE(camtSummary->imported, 2);
    QCOMPARE(camtSummary->duplicates, 1);
    QCOMPARE(camtSummary->accounts.value(0).closingBalanceMinor, qint64(125000));
    QVERIFY(std::any_of(camtSummary->warnings.cbegin(), camtSummary->warnings.cend(), [](const ImportIssue& w) {
        return w.message.contains(u"holds rows twice under one reference (R2)");
    }));
    for (const ImportIssue& w : std::as_const(camtSummary->warnings))
        QVERIFY2(!w.message.contains(u"difference"), qPrintable(w.message));
}

void TestImportService::sameStatementAsCsvThenOfx()
{
    // The same statement downloaded as CSV (ids derived) and then as OFX (the bank's FITIDs): the OFX rows like the
    // CSV's are probable duplicates, skipped (they were all imported again, doubling the account). Rows with the
    // bank's ids are not compared with each other: a second OFX's rows with new FITIDs are new bookings.
    const QString csv = write(QStringLiteral("chase.csv"),
                              "Date,Description,Amount\n"
                              "03/03/2025,STARBUCKS 123,-5.25\n"
                              "03/04/2025,PAYROLL ACME,2500.00\n");
    ImportServiceOptions options;
    options.account = QStringLiteral("Operating");
    options.parse.defaultCurrency = QStringLiteral("EUR");
    auto first = importStatementFile(*m_ledger, csv, options);
    QVERIFY2(first.isOk(), qPrintable(first.status().toString()));
    QCOMPARE(first->imported, qint64(2));
    const auto ofx = [](const char* a, const char* b) -> QByteArray {
        return QByteArray("<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF><BANKACCTFROM><BANKID>1</BANKID>"
                          "<ACCTID>9</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM><BANKTRANLIST>"
                          "<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20250303</DTPOSTED><TRNAMT>-5.25</TRNAMT>"
                          "<FITID>")
            + a
            + "</FITID><NAME>STARBUCKS 123</NAME></STMTTRN>"
              "<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20250304</DTPOSTED><TRNAMT>2500.00</TRNAMT><FITID>"
            + b
            + "</FITID><NAME>PAYROLL ACME</NAME></STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    };
    auto second = importStatementFile(*m_ledger, write(QStringLiteral("chase.qfx"), ofx("F1", "F2")), options);
    QVERIFY2(second.isOk(), qPrintable(second.status().toString()));
    QCOMPARE(second->imported, qint64(0));
    QCOMPARE(second->probableDuplicates, qint64(2));
    // In an account of OFX rows only, a second OFX with new FITIDs for rows like them books them: two rows with
    // different ids of the bank are two bookings.
    options.account = QStringLiteral("Card");
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("EUR");
    auto card = importStatementFile(*m_ledger, write(QStringLiteral("card.qfx"), ofx("F1", "F2")), options);
    QVERIFY2(card.isOk(), qPrintable(card.status().toString()));
    QCOMPARE(card->imported, qint64(2));
    auto again = importStatementFile(*m_ledger, write(QStringLiteral("card2.qfx"), ofx("F3", "F4")), options);
    QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
    QCOMPARE(again->imported, qint64(2));
    QCOMPARE(again->probableDuplicates, qint64(0));
}

void TestImportService::statementsOpenWithTheOldest()
{
    // A bank's two daily statements of one account, the newer first in the file: the account opens with the older
    // one's opening balance, before its rows, and ends at the newer one's closing balance.
    const auto stmt = [](const char* id, const char* day, const char* opening, const char* closing, const char* amount,
                         const char* mark, const char* ref) -> QByteArray {
        return QByteArray("<Stmt><Id>") + id + "</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy>"
            + "</Acct><Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">" + opening
            + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>" + day + "</Dt></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd>"
            + "</CdOrPrtry></Tp><Amt Ccy=\"EUR\">" + closing + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>" + day
            + "</Dt></Dt></Bal><Ntry><Amt Ccy=\"EUR\">" + amount + "</Amt><CdtDbtInd>" + mark
            + "</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>" + day + "</Dt></BookgDt><AcctSvcrRef>" + ref
            + "</AcctSvcrRef></Ntry></Stmt>";
    };
    const QByteArray camt = "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">"
                            "<BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>"
        + stmt("D2", "2026-03-04", "1100.00", "1050.00", "50.00", "DBIT", "N2")
        + stmt("D1", "2026-03-03", "1000.00", "1100.00", "100.00", "CRDT", "N1") + "</BkToCstmrStmt></Document>";
    ImportServiceOptions created;
    created.createAccounts = true;
    auto summary = importStatementData(*m_ledger, camt, QStringLiteral("days.xml"), created);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QVERIFY2(balanceWarnings(*summary).isEmpty(), qPrintable(balanceWarnings(*summary).join(u'\n')));
    QCOMPARE(summary->accounts.size(), 1);
    QCOMPARE(summary->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(105000));
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(105000));
    auto history = accountHistory(*m_ledger, summary->accounts[0].accountId);
    QVERIFY(history.isOk());
    QCOMPARE(history->size(), 3);
    QCOMPARE(history->at(0).category, Category::OpeningBalance);
    QCOMPARE(history->at(0).amount, qint64(100000));
    QCOMPARE(history->at(1).amount, qint64(10000));
    QCOMPARE(history->at(2).runningBalance, qint64(105000));

    // The same as MT940 messages (one statement of the account): opening of the oldest ":60F:", closing of the newest
    // ":62F:".
    const QByteArray mt940 = ":20:A2\n:25:DE02120300000000202051\n:28C:2/1\n:60F:C260304EUR1100,00\n"
                             ":61:2603040304D50,00NTRFNONREF\n:86:Day 2\n:62F:C260304EUR1050,00\n-\n"
                             ":20:A1\n:25:DE02120300000000202051\n:28C:1/1\n:60F:C260303EUR1000,00\n"
                             ":61:2603030303C100,00NTRFNONREF\n:86:Day 1\n:62F:C260303EUR1100,00\n-\n";
    auto swift = importStatementData(*m_ledger, mt940, QStringLiteral("days.sta"), created);
    QVERIFY2(swift.isOk(), qPrintable(swift.status().toString()));
    QVERIFY2(balanceWarnings(*swift).isEmpty(), qPrintable(balanceWarnings(*swift).join(u'\n')));
    QCOMPARE(swift->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(105000));
    QCOMPARE(m_ledger->account(swift->accounts[0].accountId)->balance, qint64(105000));

    // An intraday report's two interim balances, the later first: the later is its closing.
    const QByteArray report
        = "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.08\"><BkToCstmrAcctRpt>"
          "<GrpHdr><MsgId>M1</MsgId></GrpHdr><Rpt><Id>S1</Id><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id>"
          "<Ccy>CHF</Ccy></Acct><Bal><Tp><CdOrPrtry><Cd>ITBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"CHF\">1149.50</Amt>"
          "<CdtDbtInd>CRDT</CdtDbtInd><Dt><DtTm>2026-03-04T14:00:00</DtTm></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>ITBD</Cd>"
          "</CdOrPrtry></Tp><Amt Ccy=\"CHF\">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><DtTm>2026-03-04T00:00:00"
          "</DtTm></Dt></Bal><Ntry><Amt Ccy=\"CHF\">200.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
          "<BookgDt><Dt>2026-03-04</Dt></BookgDt><AcctSvcrRef>I1</AcctSvcrRef></Ntry><Ntry><Amt Ccy=\"CHF\">50.50"
          "</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-04</Dt></BookgDt>"
          "<AcctSvcrRef>I2</AcctSvcrRef></Ntry></Rpt></BkToCstmrAcctRpt></Document>";
    auto intraday = importStatementData(*m_ledger, report, QStringLiteral("report.xml"), created);
    QVERIFY2(intraday.isOk(), qPrintable(intraday.status().toString()));
    QCOMPARE(intraday->accounts[0].statedClosingBalanceMinor, std::optional<qint64>(114950));
    QCOMPARE(m_ledger->account(intraday->accounts[0].accountId)->balance, qint64(114950));

    // An account made beforehand to import into, without transactions, opens as a created one; undone, it is empty
    // again. One with a transaction does not, and its balance is said to differ from the bank's.
    QVERIFY(m_ledger->createAccount({QStringLiteral("Giro"), AccountType::Checking, QStringLiteral("EUR")}));
    ImportServiceOptions into;
    into.account = QStringLiteral("Giro");
    auto giro = importStatementData(*m_ledger, camt, QStringLiteral("days.xml"), into);
    QVERIFY2(giro.isOk(), qPrintable(giro.status().toString()));
    QVERIFY2(balanceWarnings(*giro).isEmpty(), qPrintable(balanceWarnings(*giro).join(u'\n')));
    QCOMPARE(giro->accounts[0].closingBalanceMinor, qint64(105000));
    QVERIFY(std::any_of(giro->warnings.cbegin(), giro->warnings.cend(), [](const ImportIssue& w) {
        return w.message.contains(
            QLatin1String("account Giro, which had no transactions, opened with the statement's opening balance of "
                          "1000.00 EUR"));
    }));
    const qint64 giroId = giro->accounts[0].accountId;
    QCOMPARE(m_ledger->account(giroId)->balance, qint64(105000));
    QVERIFY(m_ledger->undoImportBatch(giro->batchId).isOk());
    QCOMPARE(m_ledger->account(giroId)->transactionCount, qint64(0));
    QVERIFY(addCash(*m_ledger, giroId, 500, 1'772'000'000'000).isOk());
    auto used = importStatementData(*m_ledger, camt, QStringLiteral("days.xml"), into);
    QVERIFY2(used.isOk(), qPrintable(used.status().toString()));
    QCOMPARE(used->accounts[0].closingBalanceMinor, qint64(5500));
    QCOMPARE(balanceWarnings(*used).size(), 1);
    QVERIFY2(balanceWarnings(*used)[0].contains(QLatin1String("difference 995.00 EUR")),
             qPrintable(balanceWarnings(*used)[0]));
    checkInvariants(*m_ledger);
}

// A spreadsheet's apostrophe before an account number ("'1234567890") is no part of it: the created account is the
// number's, and a ledger with the account already named so takes the rows; an account an earlier version named with
// the apostrophe still gets them, as duplicates where they are there.
void TestImportService::accountNumberWithoutSpreadsheetApostrophe()
{
    const QByteArray csv = "Date,Account,Description,Amount\n2026-11-02,'1234567890,Coffee,-3.50\n"
                           "2026-11-03,'1234567890,Salary,1200.00\n";
    ImportServiceOptions options;
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("IDR");
    auto first = importStatementData(*m_ledger, csv, QStringLiteral("bca.csv"), options);
    QVERIFY2(first.isOk(), qPrintable(first.status().toString()));
    QCOMPARE(first->accounts.size(), 1);
    QCOMPARE(first->accounts[0].accountName, QStringLiteral("1234567890"));
    QCOMPARE(first->imported, qint64(2));
    auto again = importStatementData(*m_ledger, QByteArray(csv).replace("'", ""), QStringLiteral("bca.csv"), options);
    QVERIFY2(again.isOk(), qPrintable(again.status().toString()));
    QCOMPARE(again->accounts[0].accountId, first->accounts[0].accountId);
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates + again->probableDuplicates, qint64(2));
    QVERIFY(m_ledger->createAccount({QStringLiteral("'555"), AccountType::Checking, QStringLiteral("EUR")}));
    ImportServiceOptions existing;
    existing.createAccounts = true;
    existing.newAccountCurrency = QStringLiteral("EUR");
    auto old = importStatementData(*m_ledger, QByteArray(csv).replace("1234567890", "555"), QStringLiteral("x.csv"),
                                   existing);
    QVERIFY2(old.isOk(), qPrintable(old.status().toString()));
    QVERIFY2(old->accounts.size() == 1, qPrintable(old->errors.value(0).toString()));
    QCOMPARE(old->accounts[0].accountName, QStringLiteral("'555"));
    checkInvariants(*m_ledger);
}

// A "Reference" column mapped as the id once ("R-105") and taken by the import on its own once (qualified with the
// row's date and amount, "R-105 2026-04-11 8999"): the same rows, asked about as probable duplicates, in either
// order; a different reference is still another booking.
void TestImportService::referenceMappedOrNotIsOneRow()
{
    const QByteArray csv = "Date,Description,Counterparty,Amount,Reference\n"
                           "2026-04-03,Office rent April,Landlord GmbH,-1200.00,R-101\n"
                           "2026-04-05,Customer payment INV-77,ACME Ltd,3450.55,R-102\n";
    ImportServiceOptions plain;
    plain.account = QStringLiteral("Operating");
    ImportServiceOptions mapped = plain;
    QVERIFY(applyColumnMap(QStringLiteral("id=Reference"), &mapped.parse.csv).isOk());
    for (const auto& [first, second] : {std::pair {&mapped, &plain}, std::pair {&plain, &mapped}}) {
        auto one = importStatementData(*m_ledger, csv, QStringLiteral("st.csv"), *first);
        QVERIFY2(one.isOk(), qPrintable(one.status().toString()));
        QCOMPARE(one->imported, qint64(2));
        auto two = importStatementData(*m_ledger, csv, QStringLiteral("st.csv"), *second);
        QVERIFY2(two.isOk(), qPrintable(two.status().toString()));
        QCOMPARE(two->imported, qint64(0));
        QCOMPARE(two->probableDuplicates, qint64(2));
        auto other
            = importStatementData(*m_ledger, QByteArray(csv).replace("R-10", "S-10"), QStringLiteral("s.csv"), *second);
        QVERIFY2(other.isOk(), qPrintable(other.status().toString()));
        QCOMPARE(other->imported, qint64(2));
        QVERIFY(m_ledger->undoImportBatch(other->batchId).isOk());
        QVERIFY(m_ledger->undoImportBatch(one->batchId).isOk());
    }
    QCOMPARE(m_ledger->account(m_account)->balance, qint64(0));
}

// GTBank's preamble names the holder ("Account Name") above the number ("Account Number"): the account is the
// number's, so a second account of the same person is another account.
void TestImportService::preambleNumberBeforeHolderName()
{
    const auto statement = [](const char* number, const char* amount) -> QByteArray {
        return QByteArray("Account Name,ADEBAYO OLUWASEUN\nAccount Number,") + number
            + "\nPeriod,01-Jan-2025 To 28-Feb-2025\n\nTrans. Date,Reference,Value. Date,Debits,Credits,Remarks\n"
              "03-Jan-2025,REF1,03-Jan-2025,,\""
            + amount + "\",TRANSFER\n10-Jan-2025,REF2,10-Jan-2025,\"20.00\",,ATM WITHDRAWAL\n";
    };
    ImportServiceOptions options;
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("NGN");
    auto current = importStatementData(*m_ledger, statement("0123456789", "500.00"), QStringLiteral("a.csv"), options);
    QVERIFY2(current.isOk(), qPrintable(current.status().toString()));
    QCOMPARE(current->accounts[0].accountName, QStringLiteral("0123456789"));
    auto savings
        = importStatementData(*m_ledger, statement("0987654321", "50,000.00"), QStringLiteral("b.csv"), options);
    QVERIFY2(savings.isOk(), qPrintable(savings.status().toString()));
    QCOMPARE(savings->accounts[0].accountName, QStringLiteral("0987654321"));
    QVERIFY(savings->accounts[0].accountId != current->accounts[0].accountId);
}

// A multi-currency account states a statement per currency under one number (camt's Acct/Ccy, an MT940 message's
// balances): the USD one goes to the account of the number and USD, not refused for the EUR account's currency.
void TestImportService::oneNumberInTwoCurrencies()
{
    const auto stmt = [](const char* ccy, const char* opening, const char* closing, const char* amount,
                         const char* mark) -> QByteArray {
        return QByteArray("<Stmt><Id>") + ccy + "</Id><Acct><Id><IBAN>LT123250012345678901</IBAN></Id><Ccy>" + ccy
            + "</Ccy></Acct><Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"" + ccy + "\">" + opening
            + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-03</Dt></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd>"
            + "</CdOrPrtry></Tp><Amt Ccy=\"" + ccy + "\">" + closing
            + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-04</Dt></Dt></Bal><Ntry><Amt Ccy=\"" + ccy + "\">"
            + amount + "</Amt><CdtDbtInd>" + mark + "</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-04"
            + "</Dt></BookgDt><AcctSvcrRef>" + ccy + "1</AcctSvcrRef></Ntry></Stmt>";
    };
    const QByteArray camt = "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">"
                            "<BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>"
        + stmt("EUR", "1000.00", "1100.00", "100.00", "CRDT") + stmt("USD", "500.00", "450.00", "50.00", "DBIT")
        + "</BkToCstmrStmt></Document>";
    ImportServiceOptions options;
    options.createAccounts = true;
    auto summary = importStatementData(*m_ledger, camt, QStringLiteral("multi.xml"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QVERIFY2(summary->errors.isEmpty(), qPrintable(summary->errors.value(0).toString()));
    QCOMPARE(summary->accounts.size(), 2);
    QCOMPARE(summary->accounts[0].accountName, QStringLiteral("LT123250012345678901"));
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(110000));
    QCOMPARE(summary->accounts[1].accountName, QStringLiteral("LT123250012345678901 USD"));
    QCOMPARE(m_ledger->account(summary->accounts[1].accountId)->currency, QStringLiteral("USD"));
    QCOMPARE(summary->accounts[1].closingBalanceMinor, qint64(45000));

    // The same as MT940 messages under a bare IBAN: into the same two accounts, found again.
    const QByteArray mt940 = ":20:E1\n:25:LT123250012345678901\n:28C:1/1\n:60F:C260304EUR1100,00\n"
                             ":61:2603050305D10,00NTRFNONREF\n:86:Fee\n:62F:C260305EUR1090,00\n-\n"
                             ":20:U1\n:25:LT123250012345678901\n:28C:1/1\n:60F:C260304USD450,00\n"
                             ":61:2603050305C5,00NTRFNONREF\n:86:Interest\n:62F:C260305USD455,00\n-\n";
    auto swift = importStatementData(*m_ledger, mt940, QStringLiteral("multi.sta"), options);
    QVERIFY2(swift.isOk(), qPrintable(swift.status().toString()));
    QVERIFY2(swift->errors.isEmpty(), qPrintable(swift->errors.value(0).toString()));
    QCOMPARE(swift->accounts.size(), 2);
    QCOMPARE(swift->accounts[0].accountId, summary->accounts[0].accountId);
    QCOMPARE(swift->accounts[1].accountId, summary->accounts[1].accountId);
    QCOMPARE(m_ledger->account(summary->accounts[0].accountId)->balance, qint64(109000));
    QCOMPARE(m_ledger->account(summary->accounts[1].accountId)->balance, qint64(45500));
}

// Account labels of more banks: Landsbankinn's "Reikningur:" above the header, Swedbank Baltics' "Kliendi konto"
// column.
void TestImportService::moreAccountLabels()
{
    ImportServiceOptions options;
    options.createAccounts = true;
    options.newAccountCurrency = QStringLiteral("ISK");
    auto icelandic = importStatementData(*m_ledger,
                                         "Reikningur:;0111-26-012345\nTímabil:;01.01.2025 - 28.02.2025\n\n"
                                         "Dagsetning;Skýring;Upphæð;Staða\n02.01.2025;Bónus;-12.500;187.500\n"
                                         "03.01.2025;Laun;450.000;637.500\n",
                                         QStringLiteral("Faerslur.csv"), options);
    QVERIFY2(icelandic.isOk(), qPrintable(icelandic.status().toString()));
    QVERIFY2(icelandic->errors.isEmpty(), qPrintable(icelandic->errors.value(0).toString()));
    QCOMPARE(icelandic->accounts.size(), 1);
    QCOMPARE(icelandic->accounts[0].accountName, QStringLiteral("0111-26-012345"));
    options.newAccountCurrency = QStringLiteral("EUR");
    auto estonian = importStatementData(
        *m_ledger,
        "\"Kliendi konto\";\"Kuupäev\";\"Saaja/Maksja\";\"Selgitus\";\"Summa\";\"Valuuta\";\"Deebet/Kreedit\"\n"
        "\"EE382200221020145685\";\"02.01.2025\";\"Tallinna Vesi\";\"Arve 1\";\"799,07\";\"EUR\";\"D\"\n"
        "\"EE382200221020145685\";\"03.01.2025\";\"SELVER\";\"Ost\";\"107,66\";\"EUR\";\"D\"\n",
        QStringLiteral("statement.csv"), options);
    QVERIFY2(estonian.isOk(), qPrintable(estonian.status().toString()));
    QVERIFY2(estonian->errors.isEmpty(), qPrintable(estonian->errors.value(0).toString()));
    QCOMPARE(estonian->accounts.size(), 1);
    QCOMPARE(estonian->accounts[0].accountName, QStringLiteral("EE382200221020145685"));
    QCOMPARE(estonian->accounts[0].closingBalanceMinor, qint64(-90673));
}

// A company's camt file with an account of no movement that day (no entries, OPBD = CLBD): the new account opens with
// the stated balance.
void TestImportService::statementOfNoMovementOpensTheAccount()
{
    const QByteArray camt
        = "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>"
          "<GrpHdr><MsgId>M1</MsgId></GrpHdr><Stmt><Id>A</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id>"
          "<Ccy>EUR</Ccy></Acct><Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">100.00</Amt>"
          "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-04</Dt></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry>"
          "</Tp><Amt Ccy=\"EUR\">90.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-04</Dt></Dt></Bal><Ntry><Amt "
          "Ccy=\"EUR\">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-04</Dt></BookgDt>"
          "<AcctSvcrRef>A1</AcctSvcrRef></Ntry></Stmt><Stmt><Id>B</Id><Acct><Id><IBAN>DE02120300000000202051</IBAN>"
          "</Id><Ccy>EUR</Ccy></Acct><Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">5000.00</Amt>"
          "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-04</Dt></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry>"
          "</Tp><Amt Ccy=\"EUR\">5000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-04</Dt></Dt></Bal></Stmt>"
          "</BkToCstmrStmt></Document>";
    ImportServiceOptions options;
    options.createAccounts = true;
    auto summary = importStatementData(*m_ledger, camt, QStringLiteral("day.xml"), options);
    QVERIFY2(summary.isOk(), qPrintable(summary.status().toString()));
    QCOMPARE(summary->accounts.size(), 2);
    QCOMPARE(summary->accounts[0].closingBalanceMinor, qint64(9000));
    QCOMPARE(summary->accounts[1].accountName, QStringLiteral("DE02120300000000202051"));
    QCOMPARE(summary->accounts[1].closingBalanceMinor, qint64(500000));
    QCOMPARE(m_ledger->account(summary->accounts[1].accountId)->balance, qint64(500000));
    checkInvariants(*m_ledger);
}

QTEST_GUILESS_MAIN(TestImportService)

#include "tst_import_service.moc"
