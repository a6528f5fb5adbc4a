// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop import offscreen, on real ledger files and statement files the tests write: the import dialog detects a
// Windows-1252, semicolon, decimal-comma bank CSV with preamble lines, maps its columns from the header names and
// previews the first rows; a changed mapping changes the preview; the check of all rows counts an exact duplicate
// and a bad row; Import writes the rows and a second import of the same file writes none; mapping profiles saved
// from the dialog load back; a file dropped on the main window opens the dialog; the import history undoes a batch.
#include "import/ImportService.h"
#include "import/MappingProfiles.h"
#include "ledger/Ledger.h"
#include "util/Clock.h"
#include "widgets/ImportDialog.h"
#include "widgets/ImportHistoryDialog.h"
#include "widgets/MainWindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStringEncoder>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ledgerguard;

namespace {

// 2026-03-16 12:00:00 UTC.
constexpr qint64 kNowMs = 1773662400000LL;

const char* const kPreamble = "Kontonummer;DE12500105170648489890\r\n"
                              "Zeitraum;01.03.2026 - 10.03.2026\r\n"
                              "\r\n"
                              "Buchungstag;Valuta;Empfänger;Verwendungszweck;Betrag (EUR)\r\n";
const char* const kFirstRow = "02.03.2026;02.03.2026;Bäckerei Müller;Frühstück;-12,50\r\n";
const char* const kOtherRows = "03.03.2026;03.03.2026;Arbeitgeber GmbH;Gehalt März;2.500,00\r\n"
                               "04.03.2026;04.03.2026;Café Zürich;Kaffee;-3,8x\r\n"
                               "05.03.2026;05.03.2026;Stadtwerke;Strom;-89,90\r\n";

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void detectsMapsAndPreviews();
    void checkImportAndReimport();
    void choosesTheAccountTheFileNames();
    void choosesNoAccountWhenTwoNamesMatch();
    void profileFromTheDialog();
    void closeWhileWorking();
    void ofxIntoTheFilesAccount();
    void sectionsIntoTheFilesAccounts();
    void dropOpensTheDialog();
    void historyUndoesABatch();
    void screenshots();
    void newAccountFromTheChooser();

private:
    // Writes `text` in Windows-1252 to a file in the test directory.
    QString writeStatement(const QString& name, const QString& text);
    // konto.csv: the preamble, the header and all four rows (one with a bad amount).
    QString writeFullStatement()
    {
        return writeStatement(QStringLiteral("konto.csv"),
                              QString::fromUtf8(kPreamble) + QString::fromUtf8(kFirstRow)
                                  + QString::fromUtf8(kOtherRows));
    }
    // Writes the preamble, the header and the first row to `name` and imports it into Giro (without the dialog).
    Result<ImportSummary> importFirstRow(const QString& name)
    {
        const QString path = writeStatement(name, QString::fromUtf8(kPreamble) + QString::fromUtf8(kFirstRow));
        ImportServiceOptions options;
        options.account = QStringLiteral("Giro");
        return importStatementFile(*m_ledger, path, options);
    }
    // Opens `path` in `dialog` and waits for its preview.
    static bool preview(ImportDialog& dialog, const QString& path);
    static bool check(ImportDialog& dialog);
    // Imports the checked rows and waits for the import to finish: true when it did without an error.
    static bool importChecked(ImportDialog& dialog);
    // Chooses "Into the account" `id` (no account is chosen for the analyst) and waits for the new preview.
    static void chooseAccount(ImportDialog& dialog, qint64 id);
    qint64 giroId() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
};

void TestImportDialog::init()
{
    QCoreApplication::setOrganizationName(QStringLiteral("LedgerGuard"));
    QCoreApplication::setApplicationName(QStringLiteral("LedgerGuard"));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir->path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir->path());
    m_clock = std::make_unique<ManualClock>(kNowMs);
    auto opened = Ledger::open(m_dir->filePath(QStringLiteral("ledger.sqlite")), *m_clock);
    QVERIFY(opened.isOk());
    m_ledger = std::move(*opened);
    NewAccount giro;
    giro.name = QStringLiteral("Giro");
    giro.currency = QStringLiteral("EUR");
    giro.type = AccountType::Checking;
    QVERIFY(m_ledger->createAccount(giro).isOk());
}

void TestImportDialog::cleanup()
{
    m_ledger.reset();
    m_clock.reset();
    m_dir.reset();
}

QString TestImportDialog::writeStatement(const QString& name, const QString& text)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QStringEncoder encoder(QStringConverter::Latin1); // the test text has no 0x80-0x9F characters
    f.write(encoder.encode(text));
    return path;
}

bool TestImportDialog::preview(ImportDialog& dialog, const QString& path)
{
    QSignalSpy done(&dialog, &ImportDialog::previewFinished);
    dialog.openFile(path);
    return done.wait(30000) || done.size() > 0;
}

bool TestImportDialog::check(ImportDialog& dialog)
{
    QSignalSpy done(&dialog, &ImportDialog::checkFinished);
    if (!dialog.startCheck())
        return false;
    return (done.wait(30000) || done.size() > 0) && done.last().at(0).toBool();
}

bool TestImportDialog::importChecked(ImportDialog& dialog)
{
    QSignalSpy done(&dialog, &ImportDialog::importFinished);
    if (!dialog.startImport())
        return false;
    return (done.wait(30000) || done.size() > 0) && done.first().at(0).toBool();
}

void TestImportDialog::chooseAccount(ImportDialog& dialog, qint64 id)
{
    dialog.oneAccountButton()->setChecked(true);
    dialog.accountBox()->setCurrentIndex(dialog.accountBox()->findData(id));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 30000);
}

qint64 TestImportDialog::giroId() const
{
    auto accounts = m_ledger->accounts();
    return accounts && !accounts->isEmpty() ? accounts->front().id : 0;
}

void TestImportDialog::detectsMapsAndPreviews()
{
    const QString path = writeFullStatement();
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, path));
    const QString detected = dialog.detectedText();
    QVERIFY2(detected.contains(QStringLiteral("CSV")) && detected.contains(QStringLiteral("Windows-1252"))
                 && detected.contains(QStringLiteral("semicolon")) && detected.contains(QStringLiteral("line 4"))
                 && detected.contains(QStringLiteral("decimal comma")),
             qPrintable(detected));
    QVERIFY(dialog.fieldBox(CsvField::Date)->currentText().contains(QStringLiteral("Buchungstag")));
    QVERIFY(dialog.fieldBox(CsvField::Amount)->currentText().contains(QStringLiteral("Betrag (EUR)")));
    QVERIFY(dialog.fieldBox(CsvField::Description)->currentText().contains(QStringLiteral("Verwendungszweck")));

    // Three good rows and the bad amount, in file order, the bad value named in words.
    QAbstractItemModel* model = dialog.previewTable()->model();
    QCOMPARE(model->rowCount(), 4);
    auto cell = [model](int row, int column) { return model->index(row, column).data().toString(); };
    QCOMPARE(cell(0, 0), QStringLiteral("5"));
    QCOMPARE(cell(0, 4), QStringLiteral("Frühstück"));
    QCOMPARE(cell(0, 5), QStringLiteral("Bäckerei Müller"));
    QCOMPARE(cell(0, 3), QStringLiteral("EUR"));
    QVERIFY2(cell(1, 2).contains(QStringLiteral("2")) && cell(1, 2).contains(QStringLiteral("500")),
             qPrintable(cell(1, 2)));
    QCOMPARE(cell(2, 0), QStringLiteral("7"));
    QVERIFY2(cell(2, 7).startsWith(QStringLiteral("Error:")) && cell(2, 7).contains(QStringLiteral("amount")),
             qPrintable(cell(2, 7)));
    QCOMPARE(cell(3, 7), QStringLiteral("OK"));

    // The user maps the description to the payee column: the preview follows.
    QComboBox* description = dialog.fieldBox(CsvField::Description);
    const int payee = description->findText(QStringLiteral("3: Empfänger"));
    QVERIFY(payee > 0);
    QSignalSpy again(&dialog, &ImportDialog::previewFinished);
    description->setCurrentIndex(payee);
    QVERIFY(again.wait(30000));
    QTRY_COMPARE(cell(0, 4), QStringLiteral("Bäckerei Müller"));
    QCOMPARE(dialog.fieldBox(CsvField::Description)->currentIndex(), payee);
    QCOMPARE(dialog.currentProfile().mapping.columns.size(), 1);
    QCOMPARE(dialog.currentProfile().mapping.columns.front().second.header, QStringLiteral("Empfänger"));

    // A wrong override is reported in words, not silently.
    dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(int(ImportFormat::Ofx)));
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY2(dialog.detectedText().contains(QStringLiteral("cannot be read")), qPrintable(dialog.detectedText()));
}

void TestImportDialog::checkImportAndReimport()
{
    // The first row is in the ledger already (an earlier statement of the same account).
    auto earlier = importFirstRow(QStringLiteral("earlier.csv"));
    QVERIFY2(earlier.isOk(), qPrintable(earlier.status().toString()));
    QCOMPARE(earlier->imported, 1);

    const QString path = writeFullStatement();
    {
        ImportDialog dialog(*m_ledger);
        dialog.show();
        QVERIFY(preview(dialog, path));
        QVERIFY(dialog.oneAccountButton()->isChecked());
        // No account is chosen for the analyst ("Choose an account…"): she chooses the Giro.
        QCOMPARE(dialog.accountBox()->currentIndex(), 0);
        QVERIFY(!dialog.accountBox()->currentData().isValid());
        chooseAccount(dialog, giroId());
        // The file names its account above the header; its rows go into the chosen Giro, and the preview says so.
        QVERIFY2(dialog.detectedText().contains(
                     QStringLiteral("the file names the account DE12500105170648489890, but its rows go into Giro")),
                 qPrintable(dialog.detectedText()));
        QVERIFY(!dialog.importButton()->isEnabled()); // nothing checked yet
        QVERIFY(check(dialog));
        const ImportSummary& s = *dialog.checkedSummary();
        QCOMPARE(s.rows, 4);
        QCOMPARE(s.imported, 2);
        QCOMPARE(s.duplicates, 1);
        QCOMPARE(s.probableDuplicates, 0);
        QCOMPARE(s.errors.size(), 1);
        QVERIFY2(dialog.countsText().startsWith(QStringLiteral("4 rows: 2 to import, 1 duplicate, 0 probable "
                                                               "duplicates, 1 with errors. Rows with errors stop")),
                 qPrintable(dialog.countsText()));
        QVERIFY2(dialog.issuesText().contains(QStringLiteral("line 7, column 42: amount")),
                 qPrintable(dialog.issuesText()));
        // Every row marked.
        QAbstractItemModel* rows = dialog.rowsTable()->model();
        QCOMPARE(rows->rowCount(), 4);
        QCOMPARE(rows->index(0, 7).data().toString(), QStringLiteral("Duplicate (skipped)"));
        QCOMPARE(rows->index(1, 7).data().toString(), QStringLiteral("To import"));
        QVERIFY(rows->index(2, 7).data().toString().startsWith(QStringLiteral("Error:")));

        // A row error blocks the import until the user chooses to skip it.
        QVERIFY(!dialog.importButton()->isEnabled());
        dialog.skipErrorsBox()->setChecked(true);
        QVERIFY(dialog.importButton()->isEnabled());
        QSignalSpy imported(&dialog, &ImportDialog::importFinished);
        QVERIFY(dialog.startImport());
        QVERIFY(imported.wait(30000) || imported.size() == 1);
        QVERIFY(imported.at(0).at(0).toBool());
        const QString batch = imported.at(0).at(1).toString();
        QVERIFY(!batch.isEmpty());
        QVERIFY2(dialog.resultText().contains(QStringLiteral("Imported 2 of 4 rows"))
                     && dialog.resultText().contains(batch),
                 qPrintable(dialog.resultText()));
        QCOMPARE(dialog.importButton()->isEnabled(), false);
    }
    auto giro = m_ledger->account(giroId());
    QVERIFY(giro.isOk());
    QCOMPARE(giro->balance, qint64(-1250 + 250000 - 8990));

    // The same file again: every good row is a duplicate, nothing is written.
    ImportDialog again(*m_ledger);
    QVERIFY(preview(again, path));
    chooseAccount(again, giroId());
    QVERIFY(check(again));
    QCOMPARE(again.checkedSummary()->imported, 0);
    QCOMPARE(again.checkedSummary()->duplicates, 3);
    again.skipErrorsBox()->setChecked(true);
    // Nothing to import: the button says so instead of offering an import that writes nothing.
    QVERIFY(!again.importButton()->isEnabled());
    QVERIFY2(again.importButton()->toolTip().startsWith(QStringLiteral("Nothing to import")),
             qPrintable(again.importButton()->toolTip()));
    QCOMPARE(m_ledger->account(giroId())->balance, giro->balance);
}

void TestImportDialog::choosesNoAccountWhenTwoNamesMatch()
{
    // Two accounts whose names match the file's only without spaces and case: the dialog chooses neither, and says
    // where the rows would go.
    for (const char* name : {"DE12 5001 0517 0648 4898 90", "de12500105170648489890"})
        QVERIFY(
            m_ledger->createAccount({QString::fromLatin1(name), AccountType::Checking, QStringLiteral("EUR")}).isOk());
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, writeFullStatement()));
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(!dialog.accountBox()->currentData().isValid());
    chooseAccount(dialog, giroId());
    QVERIFY2(dialog.detectedText().contains(QStringLiteral("but its rows go into Giro")),
             qPrintable(dialog.detectedText()));
}

void TestImportDialog::choosesTheAccountTheFileNames()
{
    // The ledger has an account of the name the file gives above its header: the dialog chooses it instead of the
    // first account, until the analyst chooses one.
    auto named = m_ledger->createAccount(
        {QStringLiteral("DE12500105170648489890"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY2(named.isOk(), qPrintable(named.status().toString()));
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, writeFullStatement()));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.accountBox()->currentData().toLongLong(), named->id, 30000);
    QVERIFY(dialog.oneAccountButton()->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.detectedText().contains(QStringLiteral("but its rows go into")), 30000);
}

void TestImportDialog::profileFromTheDialog()
{
    // Headers no bank name list knows: the columns are read from their contents at first; the user maps them, saves a
    // profile, and the profile maps the next file.
    const QString path = writeStatement(QStringLiteral("odd.csv"),
                                        QStringLiteral("Tag|Text|Wert\n"
                                                       "01.03.2026|Miete|-950,00\n"
                                                       "02.03.2026|Zins|1,25\n"));
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, path));
    chooseAccount(dialog, giroId());
    QVERIFY2(!dialog.detectedText().contains(QStringLiteral("cannot be read")), qPrintable(dialog.detectedText()));
    QCOMPARE(dialog.previewTable()->model()->rowCount(), 2);
    if (qEnvironmentVariableIsSet("LG_SCREENSHOT_DIR")) {
        dialog.resize(1024, 700);
        QVERIFY(dialog.grab().save(qEnvironmentVariable("LG_SCREENSHOT_DIR")
                                   + QStringLiteral("/import-dialog-unmapped-1024x700.png")));
    }
    QVERIFY(saveMappingProfile(*std::make_unique<QSettings>(),
                               MappingProfile {QStringLiteral("Odd bank"),
                                               [] {
                                                   CsvMapping m;
                                                   m.delimiter = QLatin1Char('|');
                                                   m.headerLine = 1;
                                                   return m;
                                               }(),
                                               {},
                                               {}})
                .isOk());
    QSignalSpy previewed(&dialog, &ImportDialog::previewFinished);
    QVERIFY(dialog.applyProfile(QStringLiteral("Odd bank")).isOk());
    QVERIFY(previewed.wait(30000));
    QCOMPARE(dialog.delimiterBox()->currentData().toString(), QStringLiteral("|"));
    // The header is known now, so its cells are offered; the date and amount still need their columns.
    QCOMPARE(dialog.fieldBox(CsvField::Date)->count(), 4);
    previewed.clear();
    dialog.fieldBox(CsvField::Date)->setCurrentIndex(1);
    dialog.fieldBox(CsvField::Amount)->setCurrentIndex(3);
    dialog.fieldBox(CsvField::Description)->setCurrentIndex(2);
    QTRY_VERIFY(!dialog.isBusy() && previewed.size() > 0 && previewed.last().at(0).toBool());
    QCOMPARE(dialog.previewTable()->model()->rowCount(), 2);
    QCOMPARE(dialog.previewTable()->model()->index(0, 4).data().toString(), QStringLiteral("Miete"));
    QVERIFY(dialog.saveProfile(QStringLiteral("Odd bank")).isOk());
    QSettings settings;
    auto saved = loadMappingProfile(settings, QStringLiteral("Odd bank"));
    QVERIFY(saved.isOk());
    QCOMPARE(saved->mapping.delimiter, QLatin1Char('|'));
    QCOMPARE(saved->mapping.headerLine, 1);
    QVERIFY(saved->mapping.columns.contains({CsvField::Date, CsvColumn {0, QStringLiteral("Tag")}}));
    QVERIFY(saved->mapping.columns.contains({CsvField::Amount, CsvColumn {0, QStringLiteral("Wert")}}));
    QVERIFY(saveMappingProfile(settings, *saved).isOk());

    // A new dialog with the profile reads the file at once.
    ImportDialog next(*m_ledger);
    QVERIFY(preview(next, path));
    chooseAccount(next, giroId());
    QSignalSpy ready(&next, &ImportDialog::previewFinished);
    QVERIFY(next.profileBox()->findText(QStringLiteral("Odd bank")) > 0);
    QVERIFY(next.applyProfile(QStringLiteral("Odd bank")).isOk());
    QTRY_VERIFY(!next.isBusy() && ready.size() > 0 && ready.last().at(0).toBool());
    QCOMPARE(next.previewTable()->model()->rowCount(), 2);
    QCOMPARE(next.previewTable()->model()->index(1, 4).data().toString(), QStringLiteral("Zins"));
}

void TestImportDialog::closeWhileWorking()
{
    // Cancel during the import hides the dialog at once; the import finishes, is reported, and the dialog closes.
    const QString path = writeFullStatement();
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, path));
    chooseAccount(dialog, giroId());
    QVERIFY(check(dialog));
    dialog.skipErrorsBox()->setChecked(true);
    QSignalSpy imported(&dialog, &ImportDialog::importFinished);
    QSignalSpy closed(&dialog, &QDialog::finished);
    QVERIFY(dialog.startImport());
    dialog.reject();
    QVERIFY(!dialog.isVisible());
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toInt(), int(QDialog::Rejected));
    QCOMPARE(imported.size(), 1);
    QVERIFY(imported.at(0).at(0).toBool());
    QCOMPARE(m_ledger->account(giroId())->balance, qint64(-1250 + 250000 - 8990));

    // Cancel during a check: closed when the check is done, nothing written.
    ImportDialog again(*m_ledger);
    again.show();
    QVERIFY(preview(again, path));
    QSignalSpy closedAgain(&again, &QDialog::finished);
    QVERIFY(again.startCheck());
    again.reject();
    QVERIFY(!again.isVisible());
    QTRY_COMPARE(closedAgain.size(), 1);
    QVERIFY(!again.isBusy());
}

void TestImportDialog::ofxIntoTheFilesAccount()
{
    // An OFX 2 statement into the account it names, created by the import; its stated closing balance is compared.
    const QString path = m_dir->filePath(QStringLiteral("card.qfx"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<?OFX OFXHEADER=\"200\" VERSION=\"211\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>\n"
                "<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>0</TRNUID><STMTRS><CURDEF>USD</CURDEF>"
                "<BANKACCTFROM><BANKID>0001</BANKID><ACCTID>5550001</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE>"
                "</BANKACCTFROM><BANKTRANLIST><DTSTART>20260301</DTSTART><DTEND>20260310</DTEND>"
                "<STMTTRN><TRNTYPE>POS</TRNTYPE><DTPOSTED>20260302</DTPOSTED><TRNAMT>-42.50</TRNAMT>"
                "<FITID>A1</FITID><NAME>Diner</NAME></STMTTRN>"
                "<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20260303</DTPOSTED><TRNAMT>100.00</TRNAMT>"
                "<FITID>A2</FITID><NAME>Refund</NAME></STMTTRN>"
                "</BANKTRANLIST><LEDGERBAL><BALAMT>60.00</BALAMT><DTASOF>20260310</DTASOF></LEDGERBAL>"
                "</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n");
    }
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, path));
    QVERIFY2(dialog.detectedText().startsWith(QStringLiteral("Detected: OFX, UTF-8")),
             qPrintable(dialog.detectedText()));
    QCOMPARE(dialog.previewTable()->model()->rowCount(), 2);
    QCOMPARE(dialog.previewTable()->model()->index(0, 6).data().toString(), QStringLiteral("5550001"));
    dialog.fileAccountsButton()->setChecked(true);
    // Without the box the check says to tick it, in the dialog's words, not with the command line's flag.
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(!check(dialog));
    QVERIFY2(dialog.countsText().contains(QStringLiteral("no account '5550001' (use “Create missing accounts” to "
                                                         "create it)"))
                 && !dialog.countsText().contains(QLatin1String("--")),
             qPrintable(dialog.countsText()));
    dialog.createAccountsBox()->setChecked(true);
    QVERIFY2(check(dialog), qPrintable(dialog.countsText()));
    QCOMPARE(dialog.checkedSummary()->imported, 2);
    QTRY_VERIFY(!dialog.isBusy()); // the preview of the changed target ran after the check
    QVERIFY(dialog.checkedSummary().has_value());
    QVERIFY(importChecked(dialog));
    auto accounts = m_ledger->accounts();
    QVERIFY(accounts.isOk());
    QCOMPARE(accounts->size(), 2);
    const auto created = std::find_if(accounts->begin(), accounts->end(),
                                      [](const Account& a) { return a.name == QStringLiteral("5550001"); });
    QVERIFY(created != accounts->end());
    QCOMPARE(created->currency, QStringLiteral("USD"));
    // OFX states no opening balance: the new account opens with the 2.50 USD that the rows (57.50) leave to the
    // statement's closing balance (60.00), and says so.
    QCOMPARE(created->balance, qint64(6000));
    const QString result = dialog.resultText();
    QVERIFY2(result.contains(QStringLiteral("5550001: 2 imported")) && result.contains(QStringLiteral("60.00 USD"))
                 && !result.contains(QStringLiteral("difference")),
             qPrintable(result));
}

void TestImportDialog::sectionsIntoTheFilesAccounts()
{
    // comdirect's export of all accounts: the preview names each row's account by its section's title, and the
    // import creates an account per section; with one account chosen, the issues say the file holds several.
    const QString path = writeStatement(
        QStringLiteral("umsaetze.csv"),
        QStringLiteral(";\n\"Umsätze Girokonto\";\"Zeitraum: 30 Tage\";\n\"Neuer Kontostand\";\"1.050,00 EUR\";\n\n"
                       "\"Buchungstag\";\"Wertstellung (Valuta)\";\"Vorgang\";\"Buchungstext\";\"Umsatz in EUR\";\n"
                       "\"05.03.2026\";\"05.03.2026\";\"Überweisung\";\"Miete\";\"-950,00\";\n"
                       "\"01.03.2026\";\"01.03.2026\";\"Gutschrift\";\"Gehalt\";\"2.000,00\";\n"
                       "\"Alter Kontostand\";\"0,00 EUR\";\n\n"
                       "\"Umsätze Visa-Karte (Kreditkarte)\";\"Zeitraum: 30 Tage\";\n"
                       "\"Neuer Kontostand\";\"-67,90 EUR\";\n\n"
                       "\"Buchungstag\";\"Umsatztag\";\"Vorgang\";\"Referenz\";\"Buchungstext\";\"Umsatz in EUR\";\n"
                       "\"13.03.2026\";\"12.03.2026\";\"--\";\"7240000123460\";\"Lufthansa\";\"-67,90\";\n"
                       "\"Alter Kontostand\";\"0,00 EUR\";\n"));
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, path));
    chooseAccount(dialog, giroId());
    QVERIFY2(check(dialog), qPrintable(dialog.countsText()));
    QVERIFY2(dialog.issuesText().contains(QStringLiteral("the file holds 2 accounts in sections of their own")),
             qPrintable(dialog.issuesText()));
    QTRY_VERIFY(!dialog.isBusy());
    dialog.fileAccountsButton()->setChecked(true);
    dialog.createAccountsBox()->setChecked(true);
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(dialog.previewTable()->model()->rowCount(), 3);
    QCOMPARE(dialog.previewTable()->model()->index(2, 6).data().toString(), QStringLiteral("Visa-Karte (Kreditkarte)"));
    QVERIFY2(check(dialog), qPrintable(dialog.countsText()));
    QCOMPARE(dialog.checkedSummary()->imported, 3);
    if (qEnvironmentVariableIsSet("LG_SCREENSHOT_DIR")) {
        dialog.resize(1024, 700);
        QCoreApplication::processEvents();
        QVERIFY(dialog.grab().save(qEnvironmentVariable("LG_SCREENSHOT_DIR")
                                   + QStringLiteral("/import-dialog-sections-1024x700.png")));
    }
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(importChecked(dialog));
    auto accounts = m_ledger->accounts();
    QVERIFY(accounts.isOk());
    QMap<QString, qint64> balances;
    for (const Account& a : std::as_const(*accounts))
        balances.insert(a.name, a.balance);
    QCOMPARE(balances,
             (QMap<QString, qint64> {{QStringLiteral("Giro"), 0},
                                     {QStringLiteral("Girokonto"), 105000},
                                     {QStringLiteral("Visa-Karte (Kreditkarte)"), -6790}}));
}

void TestImportDialog::dropOpensTheDialog()
{
    const QString path
        = writeStatement(QStringLiteral("dropped.csv"), QString::fromUtf8(kPreamble) + QString::fromUtf8(kFirstRow));
    Services services;
    services.ledger = m_ledger.get();
    MainWindow window(services);
    window.show();
    QVERIFY(window.action(QStringLiteral("importAction")));
    QCOMPARE(window.action(QStringLiteral("importAction"))->shortcut(), QKeySequence(QStringLiteral("Ctrl+I")));
    QVERIFY(window.acceptDrops());

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QMimeData text;
    text.setText(QStringLiteral("not a file"));
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.ignore();
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());

    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    auto* dialog = window.findChild<ImportDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->filePath(), path);
    QTRY_VERIFY(!dialog->isBusy());
    QVERIFY2(dialog->detectedText().contains(QStringLiteral("Windows-1252")), qPrintable(dialog->detectedText()));
    QCOMPARE(dialog->previewTable()->model()->rowCount(), 1);
}

void TestImportDialog::historyUndoesABatch()
{
    auto summary = importFirstRow(QStringLiteral("konto.csv"));
    QVERIFY(summary.isOk() && !summary->batchId.isEmpty());
    QCOMPARE(m_ledger->account(giroId())->balance, qint64(-1250));

    ImportHistoryDialog history(*m_ledger);
    QTableWidget* table = history.table();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("konto.csv"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("1"));
    QVERIFY(table->item(0, 5)->text().isEmpty());
    QVERIFY(!history.undoButton()->isEnabled());
    table->selectRow(0);
    QVERIFY(history.undoButton()->isEnabled());

    // The confirmation names the file and the count; answering Yes undoes the batch.
    QString question;
    QTimer::singleShot(0, &history, [&question] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        question = box->text();
        box->button(QMessageBox::Yes)->click();
    });
    QVERIFY(history.undoSelected(true));
    QVERIFY2(question.contains(QStringLiteral("konto.csv")) && question.contains(QStringLiteral("1 transaction")),
             qPrintable(question));
    QCOMPARE(m_ledger->account(giroId())->balance, qint64(0));
    QVERIFY(!table->item(0, 5)->text().isEmpty());
    QVERIFY(!history.undoButton()->isEnabled());
    auto record = m_ledger->importBatchRecord(summary->batchId);
    QVERIFY(record.isOk() && record->undoneAt.has_value());
}

void TestImportDialog::screenshots()
{
    // The dialog at the two window sizes of the screenshots (written to $LG_SCREENSHOT_DIR when set).
    const QString path = writeFullStatement();
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, path));
    chooseAccount(dialog, giroId());
    const QString dir = qEnvironmentVariable("LG_SCREENSHOT_DIR", m_dir->path());
    for (const QSize size : {QSize(1024, 700), QSize(1280, 820)}) {
        dialog.resize(size);
        QVERIFY(check(dialog) || dialog.checkedSummary().has_value());
        dialog.skipErrorsBox()->setChecked(true);
        QCoreApplication::processEvents();
        const QPixmap shot = dialog.grab();
        QCOMPARE(shot.size(), size);
        QVERIFY(shot.save(QStringLiteral("%1/import-dialog-%2x%3.png").arg(dir).arg(size.width()).arg(size.height())));
    }
}

void TestImportDialog::newAccountFromTheChooser()
{
    // A statement that names no account, on a ledger without its account: "New account…" names one, which the import
    // creates, opened with the balance column's balance before the oldest row (the dialog had no way to create it,
    // and an account made beforehand in the Accounts view got no opening balance).
    const QString path = writeStatement(QStringLiteral("sparkasse.csv"),
                                        QStringLiteral("Date,Description,Amount,Balance\n"
                                                       "2026-03-01,Salary,2000.00,2500.00\n"
                                                       "2026-03-02,Rent,-950.00,1550.00\n"));
    ImportDialog dialog(*m_ledger);
    dialog.show();
    QVERIFY(preview(dialog, path));
    // "Create missing accounts" acts on the accounts the file names: off while "Into the account" is chosen.
    QVERIFY(dialog.oneAccountButton()->isChecked());
    QVERIFY(!dialog.createAccountsBox()->isEnabled());
    dialog.currencyEdit()->setText(QStringLiteral("EUR"));
    QTimer answer;
    QObject::connect(&answer, &QTimer::timeout, &answer, [&answer] {
        if (auto* input = qobject_cast<QInputDialog*>(QApplication::activeModalWidget())) {
            answer.stop();
            input->setTextValue(QStringLiteral("Sparkasse Giro"));
            input->accept();
        }
    });
    answer.start(20);
    const int item = dialog.accountBox()->findText(QStringLiteral("New account…"));
    QVERIFY(item > 0);
    dialog.accountBox()->setCurrentIndex(item);
    Q_EMIT dialog.accountBox()->activated(item);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.accountBox()->currentText(), QStringLiteral("Sparkasse Giro (new)"), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 30000);
    QVERIFY2(check(dialog), qPrintable(dialog.countsText()));
    QVERIFY(importChecked(dialog));
    const auto accounts = m_ledger->accounts();
    const auto created = std::find_if(accounts->cbegin(), accounts->cend(),
                                      [](const Account& a) { return a.name == QStringLiteral("Sparkasse Giro"); });
    QVERIFY(created != accounts->cend());
    QCOMPARE(created->currency, QStringLiteral("EUR"));
    QCOMPARE(created->balance, qint64(155000));
    // The created account is one of the ledger's now, chosen as such.
    QTRY_COMPARE(dialog.accountBox()->currentData().toLongLong(), created->id);
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
