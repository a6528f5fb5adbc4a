// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/Csv.h"
#include "import/ImportService.h"
#include "import/MappingProfiles.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QHash>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QPlainTextEdit;

namespace ledgerguard {

class Ledger;
class ImportRowsModel;

// File > Import…: one statement file (CSV, OFX, QIF, camt) into the ledger through the import service
// (ImportService.h), in three steps the user sees.
//  1. The file, its format and encoding (detected, each overridable), and for CSV a mapping editor: a column per
//     field (the file's header cells, auto-mapped by their names; when the names map nothing, the cells of the likely
//     header row are offered), delimiter, header line, date format, decimal separator and saved profiles
//     (MappingProfiles.h). A live preview shows how the first kPreviewRows rows parse, each bad value
//     named in words. The preview reads only the first kPreviewBytes of the file.
//  2. "Check all rows": a dry run of the whole file (importFile + importParsedFile with dryRun) with the counts
//     (rows, to import, duplicates, probable duplicates, errors), every row marked, errors and warnings listed with
//     line and column; the choices "skip rows with errors" and "import probable duplicates".
//  3. Import: the checked file written as one batch; the summary (imported, skipped, batch id, stated vs computed
//     closing balances) is shown in the dialog. The ledger's change signals refresh the views.
// The target is one account of the ledger, or the accounts the file names (account column / statement account),
// optionally created (with the currency given). Every parse, check and import runs off the GUI thread (the views'
// background pool, one ledger connection per thread) with a busy bar; every failure is shown in words in the dialog.
// A change of file, format, encoding, mapping or target discards the check. Cancel / close while a worker runs hides
// the dialog at once and closes it when the worker's result arrives (an import is one SQL transaction and is never
// abandoned half-way; its outcome still reaches importFinished(), a failure a message box).
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kPreviewRows = 20;
    static constexpr qint64 kPreviewBytes = 256 * 1024;

    explicit ImportDialog(Ledger& ledger, QWidget* parent = nullptr);
    ~ImportDialog() override;

    // Shows `path` and starts its preview (empty: asks with a file dialog).
    void openFile(const QString& path);
    QString filePath() const { return m_path; }

    // The mapping, encoding and currency the editor shows, as a profile named `name`.
    MappingProfile currentProfile(const QString& name = {}) const;
    // Loads a profile (saved or built in) into the editor. Errors: NotFound.
    Status applyProfile(const QString& name);
    // Saves the editor's mapping as profile `name` (QSettings()).
    Status saveProfile(const QString& name);

    // Starts the dry run over every row. False while a worker runs or before a file is previewed.
    bool startCheck();
    // Imports the checked rows. False unless a check finished and nothing changed since.
    bool startImport();
    bool isBusy() const;

    // The widgets, for tests and screenshots.
    QComboBox* formatBox() const { return m_format; }
    QComboBox* encodingBox() const { return m_encoding; }
    QComboBox* delimiterBox() const { return m_delimiter; }
    QComboBox* decimalBox() const { return m_decimal; }
    QSpinBox* headerLineBox() const { return m_headerLine; }
    QLineEdit* dateFormatEdit() const { return m_dateFormat; }
    QComboBox* profileBox() const { return m_profile; }
    QComboBox* fieldBox(CsvField field) const { return m_fields.value(field); }
    QComboBox* accountBox() const { return m_account; }
    QRadioButton* oneAccountButton() const { return m_oneAccount; }
    QRadioButton* fileAccountsButton() const { return m_fileAccounts; }
    QCheckBox* createAccountsBox() const { return m_createAccounts; }
    QLineEdit* currencyEdit() const { return m_currency; }
    QCheckBox* skipErrorsBox() const { return m_skipErrors; }
    QCheckBox* probableBox() const { return m_allowProbable; }
    QTableView* previewTable() const { return m_previewTable; }
    QTableView* rowsTable() const { return m_rowsTable; }
    QPushButton* checkButton() const { return m_checkButton; }
    QPushButton* importButton() const { return m_importButton; }
    // "Detected: CSV, Windows-1252, ';'", or the preview's error in words.
    QString detectedText() const;
    // The check's counts line, or empty before a check.
    QString countsText() const;
    // The import's outcome in words (or its error), empty before an import.
    QString resultText() const;
    // The text of the errors / warnings tab (one issue per line: "line 4, column 2: amount: ...").
    QString issuesText() const;
    const std::optional<ImportSummary>& checkedSummary() const { return m_checked; }
    const std::optional<ImportSummary>& importedSummary() const { return m_imported; }

public Q_SLOTS:
    void done(int result) override;

Q_SIGNALS:
    void previewFinished(bool ok);
    void checkFinished(bool ok);
    void importFinished(bool ok, const QString& batchId);

private:
    struct Preview
    {
        Status status;
        QString format;
        QString encoding;
        CsvLayout layout;
        std::shared_ptr<ParsedFile> rows; // the first kPreviewRows rows, one statement
    };
    struct Check
    {
        Status status;
        std::shared_ptr<const ParsedFile> file;
        ImportSummary summary;
    };

    void setUpWidgets();
    void setUpLayout();
    void connectWidgets();
    void refreshAccounts();
    // "New account…": asks for the name of an account the import creates, and chooses it.
    void askNewAccountName();
    void refreshProfiles(const QString& select = {});
    void mappingEdited();
    void schedulePreview();
    void startPreview();
    // Offers the layout's header cells in every field's combo, selecting the resolved (or the user's) column.
    void fillFieldBoxes(const CsvLayout& layout);
    void showPreview(const Preview& preview);
    void showCheck(const Check& check);
    void showImport(const Result<ImportSummary>& result);
    void invalidateCheck();
    // After done() while a worker ran: closes the dialog and returns true.
    bool closeIfAsked();
    // Starts the preview that was due while a check or an import ran.
    void runDeferredPreview();
    void updateButtons();
    void setBusy(const QString& what);
    ImportOptions parseOptions() const;
    ImportServiceOptions serviceOptions() const;
    QString summaryText(const ImportSummary& s, bool imported) const;

    Ledger& m_ledger;
    QString m_path;
    QLineEdit* m_file;
    QPushButton* m_browse;
    QComboBox* m_format;
    QComboBox* m_encoding;
    QLabel* m_detected;
    QGroupBox* m_mappingGroup;
    QComboBox* m_profile;
    QPushButton* m_saveProfile;
    QComboBox* m_delimiter;
    QComboBox* m_decimal;
    QLineEdit* m_dateFormat;
    QSpinBox* m_headerLine;
    QHash<CsvField, QComboBox*> m_fields;
    QRadioButton* m_oneAccount;
    QRadioButton* m_fileAccounts;
    QComboBox* m_account;
    QCheckBox* m_createAccounts;
    QLineEdit* m_currency;
    QTabWidget* m_tabs;
    ImportRowsModel* m_previewModel;
    QTableView* m_previewTable;
    ImportRowsModel* m_rowsModel;
    QTableView* m_rowsTable;
    QPlainTextEdit* m_issues;
    QLabel* m_counts;
    QCheckBox* m_skipErrors;
    QCheckBox* m_allowProbable;
    QLabel* m_result;
    QProgressBar* m_busy;
    QPushButton* m_checkButton;
    QPushButton* m_importButton;
    QPushButton* m_closeButton;
    QTimer* m_previewTimer;
    QFutureWatcher<Preview>* m_previewWatcher;
    QFutureWatcher<Check>* m_checkWatcher;
    QFutureWatcher<Result<ImportSummary>>* m_importWatcher;
    bool m_previewAgain = false;
    std::optional<int> m_closeResult; // done() was asked while a worker ran
    bool m_previewDeferred = false; // a preview is due once the running check or import is done
    bool m_working = false; // a preview, check or import runs (until its result is shown)
    bool m_autoTarget = false; // the file's target is not yet the analyst's choice (set when a file is opened)
    int m_previousAccountIndex = 0; // the chooser's item before "New account…" was picked
    bool m_settingTarget = false; // the dialog itself is choosing the target
    bool m_filling = false; // the editor is being filled from a preview or a profile: no new preview
    QStringList m_headers; // the header cells of the previewed CSV
    std::optional<ImportSummary> m_checked;
    std::shared_ptr<const ParsedFile> m_checkedFile;
    ImportServiceOptions m_checkedOptions;
    std::optional<ImportSummary> m_imported;
};

} // namespace ledgerguard
