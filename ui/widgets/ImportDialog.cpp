// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ImportDialog.h"

#include "Background.h"
#include "LedgerTime.h"
#include "import/ImportOptionText.h"
#include "import/Importer.h"
#include "import/TextDecoding.h"
#include "ledger/Ledger.h"
#include "money/Money.h"
#include "util/Clock.h"
#include "util/Plural.h"
#include "widgets/AccountChooser.h"
#include "widgets/FileDialogs.h"

#include <QAbstractTableModel>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ledgerguard {

namespace {

// An import message as this dialog's choices name them: the options that the import service's messages name in the
// command line's spelling ("use --create-accounts to create it") become the dialog's controls.
QString dialogWording(const QString& text)
{
    return rewordImportOptions(text, [](ImportOptionMention mention) {
        switch (mention) {
        case ImportOptionMention::Account:
            return ImportDialog::tr("“Into the account”");
        case ImportOptionMention::CreateAccounts:
            return ImportDialog::tr("“Create missing accounts”");
        case ImportOptionMention::Currency:
            return ImportDialog::tr("the Currency field");
        case ImportOptionMention::AllowProbableDuplicates:
            return ImportDialog::tr("“Import probable duplicates”");
        case ImportOptionMention::HeaderLine:
            return ImportDialog::tr("the Header line field");
        case ImportOptionMention::Map:
        case ImportOptionMention::MapDateByNumber:
        case ImportOptionMention::MapDateAndAmountByNumber:
            return ImportDialog::tr("the “CSV columns” mapping");
        case ImportOptionMention::MapAccountColumn:
            return ImportDialog::tr("the Account column under “CSV columns”");
        }
        return importOptionText(mention);
    });
}

} // namespace

// The rows of a parsed file with their marks: the parser's and the service's errors per line (rows the parser left
// out appear as error-only lines), and after a check whether each row is new, a duplicate or a probable duplicate.
class ImportRowsModel : public QAbstractTableModel
{
public:
    enum Column {
        LineColumn,
        DateColumn,
        AmountColumn,
        CurrencyColumn,
        DescriptionColumn,
        CounterpartyColumn,
        AccountColumn,
        StatusColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    // `checked`: the marks of a dry run (duplicates, probable duplicates) are known and every other good row is
    // shown as to be imported.
    void setRows(std::shared_ptr<const ParsedFile> file, const QList<ImportIssue>& errors, const QList<int>& duplicates,
                 const QList<int>& probable, bool checked)
    {
        beginResetModel();
        m_file = std::move(file);
        m_entries.clear();
        m_errors.clear();
        m_checked = checked;
        m_duplicates = QSet<int>(duplicates.begin(), duplicates.end());
        m_probable = QSet<int>(probable.begin(), probable.end());
        QSet<int> rowLines;
        if (m_file) {
            for (const ImportedStatement& st : m_file->statements) {
                for (const ImportedRow& r : st.rows) {
                    m_entries.append({&r, r.line});
                    rowLines.insert(r.line);
                }
            }
        }
        for (const ImportIssue& e : errors) {
            m_errors[e.line].append(e);
            if (!rowLines.contains(e.line)) {
                m_entries.append({nullptr, e.line});
                rowLines.insert(e.line);
            }
        }
        std::stable_sort(m_entries.begin(), m_entries.end(),
                         [](const Entry& a, const Entry& b) { return a.line < b.line; });
        endResetModel();
    }
    void clear() { setRows(nullptr, {}, {}, {}, false); }

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : m_entries.size(); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        static const char* const names[]
            = {QT_TR_NOOP("Line"),        QT_TR_NOOP("Date"),         QT_TR_NOOP("Amount"),  QT_TR_NOOP("Currency"),
               QT_TR_NOOP("Description"), QT_TR_NOOP("Counterparty"), QT_TR_NOOP("Account"), QT_TR_NOOP("Status")};
        return ImportDialog::tr(names[section]);
    }

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_entries.size())
            return {};
        const Entry& e = m_entries[index.row()];
        const QList<ImportIssue> errors = m_errors.value(e.line);
        const bool bad
            = !errors.isEmpty() && (index.column() == StatusColumn || columnHasError(errors, index.column()));
        if (role == Qt::ForegroundRole && bad)
            return QColor(0xb0, 0x1c, 0x1c);
        if (role == Qt::ToolTipRole && bad)
            return problemText(errors);
        if (role == Qt::TextAlignmentRole && (index.column() == AmountColumn || index.column() == LineColumn))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (role != Qt::DisplayRole)
            return {};
        if (index.column() == LineColumn)
            return e.line;
        if (index.column() == StatusColumn)
            return statusText(e, errors);
        if (!e.row)
            return {};
        const ImportedRow& r = *e.row;
        switch (index.column()) {
        case DateColumn: {
            return bookingTime(QLocale(), r.bookedAtMs);
        }
        case AmountColumn:
            return Money(r.amountMinor, r.currency).format(QLocale());
        case CurrencyColumn:
            return r.currency;
        case DescriptionColumn:
            return r.description;
        case CounterpartyColumn:
            return r.counterparty;
        case AccountColumn:
            return r.accountRef;
        default:
            return {};
        }
    }

private:
    struct Entry
    {
        const ImportedRow* row = nullptr;
        int line = 0;
    };

    static int columnOfField(const QString& field)
    {
        if (field == QLatin1String("date") || field == QLatin1String("time") || field == QLatin1String("valueDate"))
            return DateColumn;
        if (field == QLatin1String("amount") || field == QLatin1String("debit") || field == QLatin1String("credit"))
            return AmountColumn;
        if (field == QLatin1String("currency"))
            return CurrencyColumn;
        if (field == QLatin1String("description"))
            return DescriptionColumn;
        if (field == QLatin1String("counterparty"))
            return CounterpartyColumn;
        if (field == QLatin1String("account"))
            return AccountColumn;
        return StatusColumn;
    }
    static bool columnHasError(const QList<ImportIssue>& errors, int column)
    {
        return std::any_of(errors.begin(), errors.end(),
                           [column](const ImportIssue& e) { return columnOfField(e.field) == column; });
    }
    static QString problemText(const QList<ImportIssue>& errors)
    {
        QStringList parts;
        for (const ImportIssue& e : errors) {
            QString text
                = dialogWording(e.field.isEmpty() ? e.message : QStringLiteral("%1: %2").arg(e.field, e.message));
            if (e.column > 0)
                text = ImportDialog::tr("%1 (column %2)").arg(text).arg(e.column);
            parts.append(text);
        }
        return parts.join(QStringLiteral("; "));
    }
    QString statusText(const Entry& e, const QList<ImportIssue>& errors) const
    {
        if (!errors.isEmpty())
            return ImportDialog::tr("Error: %1").arg(problemText(errors));
        if (!m_checked)
            return ImportDialog::tr("OK");
        if (m_duplicates.contains(e.line))
            return ImportDialog::tr("Duplicate (skipped)");
        if (m_probable.contains(e.line))
            return ImportDialog::tr("Probable duplicate");
        return ImportDialog::tr("To import");
    }

    std::shared_ptr<const ParsedFile> m_file;
    QList<Entry> m_entries;
    QHash<int, QList<ImportIssue>> m_errors;
    QSet<int> m_duplicates;
    QSet<int> m_probable;
    bool m_checked = false;
};

namespace {

// A rows table's columns fitted to their contents, the texts at most about 40 characters wide, so that a bank's long
// descriptions do not push the Status column out of view.
void fitRowColumns(QTableView* table)
{
    table->resizeColumnsToContents();
    const int widest = table->fontMetrics().averageCharWidth() * 40;
    for (int c : {int(ImportRowsModel::DescriptionColumn), int(ImportRowsModel::CounterpartyColumn)})
        if (table->columnWidth(c) > widest)
            table->setColumnWidth(c, widest);
}

// The account chooser's item data beside the account's id (Qt::UserRole): its currency and its name.
constexpr int kAccountCurrencyRole = Qt::UserRole + 1;
constexpr int kAccountNameRole = Qt::UserRole + 2;
// The account chooser's items beside the ledger's accounts (whose data is the account's id): the first item asks for
// a choice (no data), "New account…" (kNewAccountItem) asks for a name, and the account so named, which the import
// creates (kPendingAccountItem, its name in kAccountNameRole).
constexpr qint64 kNewAccountItem = -1;
constexpr qint64 kPendingAccountItem = 0;

constexpr CsvField kEditedFields[]
    = {CsvField::Date,    CsvField::Time,        CsvField::ValueDate,    CsvField::Amount,   CsvField::Debit,
       CsvField::Credit,  CsvField::Description, CsvField::Counterparty, CsvField::Category, CsvField::Id,
       CsvField::Account, CsvField::Currency,    CsvField::Indicator};

QString fieldLabel(CsvField field)
{
    switch (field) {
    case CsvField::Date:
        return ImportDialog::tr("Date");
    case CsvField::Time:
        return ImportDialog::tr("Time");
    case CsvField::ValueDate:
        return ImportDialog::tr("Value date");
    case CsvField::Amount:
        return ImportDialog::tr("Amount");
    case CsvField::Debit:
        return ImportDialog::tr("Debit (out)");
    case CsvField::Credit:
        return ImportDialog::tr("Credit (in)");
    case CsvField::Description:
        return ImportDialog::tr("Description");
    case CsvField::Counterparty:
        return ImportDialog::tr("Counterparty");
    case CsvField::Category:
        return ImportDialog::tr("Category");
    case CsvField::Id:
        return ImportDialog::tr("Reference (id)");
    case CsvField::Account:
        return ImportDialog::tr("Account");
    case CsvField::Currency:
        return ImportDialog::tr("Currency");
    case CsvField::Indicator:
        return ImportDialog::tr("Debit/credit mark");
    }
    return {};
}

QString delimiterName(QChar c)
{
    if (c == QLatin1Char(','))
        return ImportDialog::tr("comma");
    if (c == QLatin1Char(';'))
        return ImportDialog::tr("semicolon");
    if (c == QLatin1Char('\t'))
        return ImportDialog::tr("tab");
    if (c == QLatin1Char('|'))
        return ImportDialog::tr("pipe");
    return QString(c);
}

// The first bytes of a file, cut after its last complete line (in the file's UTF-16 byte order when it has a mark)
// when the file is longer.
QByteArray previewHead(QFile& file, qint64 maxBytes)
{
    QByteArray head = file.read(maxBytes);
    if (file.atEnd())
        return head;
    qsizetype cut = -1;
    if (head.startsWith("\xFF\xFE"))
        cut = head.lastIndexOf(QByteArrayView("\n\0", 2)) + 2;
    else if (head.startsWith("\xFE\xFF"))
        cut = head.lastIndexOf(QByteArrayView("\0\n", 2)) + 2;
    else
        cut = head.lastIndexOf('\n') + 1;
    if (cut > 0)
        head.truncate(cut);
    return head;
}

// The header cells of a CSV file whose columns could not be mapped, so that the user can map them: the record on
// the mapping's header line, else the first of the first 30 records with the most fields (preamble lines above a
// header have fewer); the delimiter is the mapping's, else detected.
CsvLayout rawLayout(const QByteArray& head, const ImportOptions& options)
{
    CsvLayout layout;
    auto decoded = decodeText(head, options.encoding);
    if (!decoded)
        return layout;
    layout.encoding = decoded->encoding;
    layout.delimiter = options.csv.delimiter.isNull() ? detectCsvDelimiter(decoded->text) : options.csv.delimiter;
    CsvReader reader(decoded->text, layout.delimiter);
    CsvRecord record;
    for (int n = 0; n < 30 && reader.next(&record) == CsvReader::Next::Record; ++n) {
        if (options.csv.headerLine > 0 ? record.line < options.csv.headerLine
                                       : record.fields.size() <= layout.headers.size())
            continue;
        layout.headers = record.fields;
        layout.headerLine = record.line;
        if (options.csv.headerLine > 0)
            break;
    }
    return layout;
}

} // namespace

ImportDialog::ImportDialog(Ledger& ledger, QWidget* parent)
    : QDialog(parent)
    , m_ledger(ledger)
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Choose file…"), this))
    , m_format(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_detected(new QLabel(this))
    , m_mappingGroup(new QGroupBox(tr("CSV columns"), this))
    , m_profile(new QComboBox(this))
    , m_saveProfile(new QPushButton(tr("Save as profile…"), this))
    , m_delimiter(new QComboBox(this))
    , m_decimal(new QComboBox(this))
    , m_dateFormat(new QLineEdit(this))
    , m_headerLine(new QSpinBox(this))
    , m_oneAccount(new QRadioButton(tr("Into the account"), this))
    , m_fileAccounts(new QRadioButton(tr("Into the accounts the file names (account column or statement)"), this))
    , m_account(new QComboBox(this))
    , m_createAccounts(new QCheckBox(tr("Create missing accounts"), this))
    , m_currency(new QLineEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_previewModel(new ImportRowsModel(this))
    , m_previewTable(new QTableView(this))
    , m_rowsModel(new ImportRowsModel(this))
    , m_rowsTable(new QTableView(this))
    , m_issues(new QPlainTextEdit(this))
    , m_counts(new QLabel(this))
    , m_skipErrors(new QCheckBox(tr("Skip rows with errors"), this))
    , m_allowProbable(new QCheckBox(tr("Import probable duplicates"), this))
    , m_result(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_checkButton(new QPushButton(tr("Check all rows"), this))
    , m_importButton(new QPushButton(tr("Import"), this))
    , m_closeButton(new QPushButton(tr("Cancel"), this))
    , m_previewTimer(new QTimer(this))
    , m_previewWatcher(new QFutureWatcher<Preview>(this))
    , m_checkWatcher(new QFutureWatcher<Check>(this))
    , m_importWatcher(new QFutureWatcher<Result<ImportSummary>>(this))
{
    setWindowTitle(tr("Import statement"));
    setUpWidgets();
    setUpLayout();
    connectWidgets();
    refreshAccounts();
    refreshProfiles();
    updateButtons();
}

ImportDialog::~ImportDialog()
{
    // The workers read the file and write through the Ledger, which outlives the dialog; an import is one SQL
    // transaction that is allowed to finish.
    m_previewWatcher->waitForFinished();
    m_checkWatcher->waitForFinished();
    m_importWatcher->waitForFinished();
}

void ImportDialog::setUpWidgets()
{
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("No file chosen: CSV, OFX/QFX/QBO, QIF, camt.052/053 XML or MT940"));
    m_format->addItem(tr("Detect"), int(ImportFormat::Auto));
    m_format->addItem(QStringLiteral("CSV"), int(ImportFormat::Csv));
    m_format->addItem(QStringLiteral("OFX/QFX"), int(ImportFormat::Ofx));
    m_format->addItem(QStringLiteral("QIF"), int(ImportFormat::Qif));
    m_format->addItem(QStringLiteral("camt.05x"), int(ImportFormat::Camt));
    m_format->addItem(QStringLiteral("MT940"), int(ImportFormat::Mt940));
    m_encoding->addItem(tr("Detect"), QString());
    for (const char* name : {"UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252", "ISO-8859-1"})
        m_encoding->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    m_detected->setWordWrap(true);
    m_detected->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_profile->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profile->setMinimumContentsLength(14);
    m_delimiter->addItem(tr("Detect"), QString());
    for (QChar c : {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')})
        m_delimiter->addItem(delimiterName(c), QString(c));
    m_decimal->addItem(tr("Detect"), int(DecimalSeparator::Auto));
    m_decimal->addItem(tr("Point"), int(DecimalSeparator::Point));
    m_decimal->addItem(tr("Comma"), int(DecimalSeparator::Comma));
    m_decimal->setToolTip(tr("The decimal separator of the amounts: point as in 1,234.56, comma as in 1.234,56"));
    m_dateFormat->setPlaceholderText(tr("Detect"));
    m_dateFormat->setToolTip(tr("The date format when detection is wrong, e.g. dd.MM.yyyy or MM/dd/yyyy"));
    m_dateFormat->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("dd.MM.yyyy")) + 24);
    m_dateFormat->setClearButtonEnabled(true);
    m_headerLine->setRange(0, 1000);
    m_headerLine->setSpecialValueText(tr("Detect"));
    m_headerLine->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Detect")) + 40);
    m_headerLine->setToolTip(tr("The line of the header row; lines above it (account, period) are skipped"));
    for (CsvField f : kEditedFields) {
        auto* box = new QComboBox(this);
        box->setObjectName(QStringLiteral("field_") + csvFieldName(f));
        box->addItem(tr("(not mapped)"), 0);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
        m_fields.insert(f, box);
    }

    m_oneAccount->setChecked(true);
    m_currency->setPlaceholderText(tr("e.g. EUR"));
    m_currency->setMaxLength(3);
    m_currency->setToolTip(tr("Currency of rows whose file names none, and of accounts created by the import"));
    m_currency->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("e.g. EUR")) + 24);

    for (QTableView* t : {m_previewTable, m_rowsTable}) {
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->verticalHeader()->hide();
        t->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
        t->horizontalHeader()->setStretchLastSection(true);
        t->setWordWrap(false);
    }
    m_previewTable->setModel(m_previewModel);
    m_rowsTable->setModel(m_rowsModel);
    m_issues->setReadOnly(true);
    m_issues->setPlaceholderText(tr("Errors and warnings of the whole file appear here after “Check all rows”."));
    m_counts->setWordWrap(true);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy->setRange(0, 0);
    m_busy->setMaximumHeight(fontMetrics().height());
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_importButton->setDefault(true);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150);
}

void ImportDialog::setUpLayout()
{
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(new QLabel(tr("File:"), this));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    fileRow->addSpacing(12);
    fileRow->addWidget(new QLabel(tr("Format:"), this));
    fileRow->addWidget(m_format);
    fileRow->addWidget(new QLabel(tr("Encoding:"), this));
    fileRow->addWidget(m_encoding);

    auto* mapping = new QGridLayout(m_mappingGroup);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Profile:"), this));
    top->addWidget(m_profile, 2);
    top->addWidget(m_saveProfile);
    top->addSpacing(8);
    top->addWidget(new QLabel(tr("Delimiter:"), this));
    top->addWidget(m_delimiter);
    top->addWidget(new QLabel(tr("Header line:"), this));
    top->addWidget(m_headerLine);
    top->addWidget(new QLabel(tr("Decimal:"), this));
    top->addWidget(m_decimal);
    top->addWidget(new QLabel(tr("Dates:"), this));
    top->addWidget(m_dateFormat, 1);
    mapping->addLayout(top, 0, 0, 1, 8);
    int i = 0;
    for (CsvField f : kEditedFields) {
        const int row = 1 + i / 4;
        const int col = (i % 4) * 2;
        auto* label = new QLabel(fieldLabel(f) + QLatin1Char(':'), this);
        label->setBuddy(m_fields[f]);
        mapping->addWidget(label, row, col, Qt::AlignRight);
        mapping->addWidget(m_fields[f], row, col + 1);
        mapping->setColumnStretch(col + 1, 1);
        ++i;
    }

    auto* target = new QGroupBox(tr("Target"), this);
    auto* targetLayout = new QGridLayout(target);
    targetLayout->addWidget(m_oneAccount, 0, 0);
    targetLayout->addWidget(m_account, 0, 1);
    targetLayout->addWidget(new QLabel(tr("Currency:"), this), 0, 2, Qt::AlignRight);
    targetLayout->addWidget(m_currency, 0, 3);
    targetLayout->addWidget(m_fileAccounts, 1, 0, 1, 2);
    targetLayout->addWidget(m_createAccounts, 1, 2, 1, 2);
    targetLayout->setColumnStretch(1, 1);

    m_tabs->addTab(m_previewTable, tr("Preview (first %1 rows)").arg(kPreviewRows));
    m_tabs->addTab(m_rowsTable, tr("All rows"));
    m_tabs->addTab(m_issues, tr("Errors and warnings"));

    auto* choices = new QHBoxLayout;
    choices->addWidget(m_counts, 1);
    choices->addWidget(m_skipErrors);
    choices->addWidget(m_allowProbable);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_busy, 1);
    buttons->addStretch();
    buttons->addWidget(m_checkButton);
    buttons->addWidget(m_importButton);
    buttons->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addWidget(m_detected);
    layout->addWidget(m_mappingGroup);
    layout->addWidget(target);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(choices);
    layout->addWidget(m_result);
    layout->addLayout(buttons);
    // As large as the layout wants, within the screen (a 1024x700 display keeps the buttons in view).
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1100, 760);
    resize(QSize(1100, 760).boundedTo(available.size() * 0.95));
}

void ImportDialog::connectWidgets()
{
    connect(m_browse, &QPushButton::clicked, this, [this] { openFile({}); });
    connect(m_previewTimer, &QTimer::timeout, this, &ImportDialog::startPreview);
    for (QComboBox* box : {m_format, m_encoding, m_delimiter, m_decimal})
        connect(box, &QComboBox::currentIndexChanged, this, &ImportDialog::mappingEdited);
    connect(m_dateFormat, &QLineEdit::textChanged, this, &ImportDialog::mappingEdited);
    connect(m_headerLine, &QSpinBox::valueChanged, this, &ImportDialog::mappingEdited);
    for (QComboBox* box : std::as_const(m_fields))
        connect(box, &QComboBox::currentIndexChanged, this, [this, box] {
            if (m_filling)
                return;
            box->setProperty("explicit", true);
            mappingEdited();
        });
    connect(m_profile, &QComboBox::activated, this, [this](int index) {
        if (index <= 0)
            return;
        if (Status s = applyProfile(m_profile->itemText(index)); !s.isOk())
            m_detected->setText(s.message());
    });
    connect(m_saveProfile, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name
            = QInputDialog::getText(this, tr("Save mapping profile"), tr("Profile name:"), QLineEdit::Normal,
                                    m_profile->currentIndex() > 0 && !isBuiltInMappingProfile(m_profile->currentText())
                                        ? m_profile->currentText()
                                        : QString(),
                                    &ok);
        if (!ok)
            return;
        if (Status s = saveProfile(name); !s.isOk())
            QMessageBox::warning(this, tr("Save mapping profile"), s.message());
    });
    connect(m_oneAccount, &QRadioButton::toggled, this, [this] {
        m_account->setEnabled(m_oneAccount->isChecked());
        m_autoTarget = m_autoTarget && m_settingTarget;
        invalidateCheck();
        schedulePreview();
    });
    connect(m_account, &QComboBox::activated, this, [this](int index) {
        m_autoTarget = false;
        if (m_account->itemData(index) == QVariant(kNewAccountItem))
            QTimer::singleShot(0, this, &ImportDialog::askNewAccountName);
        else
            m_previousAccountIndex = index;
    });
    connect(m_account, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_account->itemData(index) == QVariant(kNewAccountItem))
            return; // a name is asked for first
        invalidateCheck();
        schedulePreview();
    });
    connect(m_createAccounts, &QCheckBox::toggled, this, &ImportDialog::invalidateCheck);
    connect(m_currency, &QLineEdit::textChanged, this, [this] {
        invalidateCheck();
        schedulePreview();
    });
    connect(m_skipErrors, &QCheckBox::toggled, this, [this] {
        if (m_checked)
            showCheck({Status::ok(), m_checkedFile, *m_checked});
    });
    connect(m_allowProbable, &QCheckBox::toggled, this, [this] {
        if (m_checked)
            showCheck({Status::ok(), m_checkedFile, *m_checked});
    });
    connect(m_checkButton, &QPushButton::clicked, this, &ImportDialog::startCheck);
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_closeButton, &QPushButton::clicked, this, [this] {
        if (m_imported)
            accept();
        else
            reject();
    });

    connect(m_previewWatcher, &QFutureWatcher<Preview>::finished, this, [this] {
        if (m_previewAgain && !m_closeResult) {
            m_previewAgain = false;
            startPreview();
            return;
        }
        showPreview(m_previewWatcher->result());
    });
    connect(m_checkWatcher, &QFutureWatcher<Check>::finished, this, [this] {
        showCheck(m_checkWatcher->result());
        runDeferredPreview();
    });
    connect(m_importWatcher, &QFutureWatcher<Result<ImportSummary>>::finished, this, [this] {
        showImport(m_importWatcher->result());
        runDeferredPreview();
    });
    connect(&m_ledger, &Ledger::accountsChanged, this, &ImportDialog::refreshAccounts);
}

void ImportDialog::refreshAccounts()
{
    auto accounts = m_ledger.accounts();
    if (!accounts) {
        m_detected->setText(tr("Could not read the accounts: %1").arg(accounts.status().message()));
        return;
    }
    // No account is chosen for the analyst: a statement that names none goes where she says (the first account was
    // chosen before, and a second bank's file went into the first one's account, in its currency).
    const QVariant current = m_account->currentData();
    const QString pending = m_account->findData(kPendingAccountItem) >= 0
        ? m_account->itemData(m_account->findData(kPendingAccountItem), kAccountNameRole).toString()
        : QString();
    {
        const QSignalBlocker block(m_account);
        fillAccountChooser(m_account, *accounts, tr("Choose an account…"),
                           [](const Account& a) { return QStringLiteral("%1 (%2)").arg(a.name, a.currency); });
        for (int i = 0; i < m_account->count(); ++i)
            for (const Account& a : std::as_const(*accounts))
                if (a.id == m_account->itemData(i).toLongLong()) {
                    m_account->setItemData(i, a.currency, kAccountCurrencyRole);
                    m_account->setItemData(i, a.name, kAccountNameRole);
                }
        // The account the analyst named for this import stays offered until the ledger has it.
        const bool created = std::any_of(accounts->cbegin(), accounts->cend(),
                                         [&pending](const Account& a) { return a.name == pending; });
        if (!pending.isEmpty() && !created) {
            m_account->addItem(tr("%1 (new)").arg(pending), kPendingAccountItem);
            m_account->setItemData(m_account->count() - 1, pending, kAccountNameRole);
        }
        m_account->addItem(tr("New account…"), kNewAccountItem);
        int keep = current.isValid() ? m_account->findData(current) : 0;
        if (current == QVariant(kPendingAccountItem) && created) // the import created it: chosen as the ledger's
            for (int i = 0; i < m_account->count(); ++i)
                if (m_account->itemData(i).toLongLong() > 0 && m_account->itemData(i, kAccountNameRole) == pending)
                    keep = i;
        m_account->setCurrentIndex(keep >= 0 && m_account->itemData(keep) != QVariant(kNewAccountItem) ? keep : 0);
    }
    if (accounts->isEmpty() && m_oneAccount->isChecked() && pending.isEmpty()) {
        m_fileAccounts->setChecked(true);
        m_createAccounts->setChecked(true);
    }
}

void ImportDialog::askNewAccountName()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New account"),
                                               tr("Name of the account this import creates (its currency is the "
                                                  "file's, or the one given beside):"),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    const QSignalBlocker block(m_account);
    const int old = m_account->findData(kPendingAccountItem);
    if (!ok || name.isEmpty()) {
        m_account->setCurrentIndex(m_previousAccountIndex < m_account->count() ? m_previousAccountIndex : 0);
        return;
    }
    // An account of that name is chosen, not created again.
    for (int i = 0; i < m_account->count(); ++i)
        if (m_account->itemData(i).toLongLong() > 0 && m_account->itemData(i, kAccountNameRole).toString() == name) {
            m_account->setCurrentIndex(i);
            m_previousAccountIndex = i;
            m_autoTarget = false;
            invalidateCheck();
            schedulePreview();
            return;
        }
    // A name of digits alone that is an account's id would choose that account (an account is found by its id
    // first).
    bool digits = false;
    if (const qint64 id = name.toLongLong(&digits); digits && m_account->findData(id) >= 0) {
        QMessageBox::warning(this, tr("New account"),
                             tr("“%1” is the number of the account %2: give the new account a name with a word in it, "
                                "such as “Account %1”.")
                                 .arg(name, m_account->itemData(m_account->findData(id), kAccountNameRole).toString()));
        m_account->setCurrentIndex(m_previousAccountIndex < m_account->count() ? m_previousAccountIndex : 0);
        return;
    }
    if (old >= 0)
        m_account->removeItem(old);
    const int at = m_account->findData(kNewAccountItem);
    m_account->insertItem(at, tr("%1 (new)").arg(name), kPendingAccountItem);
    m_account->setItemData(at, name, kAccountNameRole);
    m_account->setCurrentIndex(at);
    m_previousAccountIndex = at;
    m_autoTarget = false;
    invalidateCheck();
    schedulePreview();
}

void ImportDialog::refreshProfiles(const QString& select)
{
    QSettings settings;
    const QSignalBlocker block(m_profile);
    m_profile->clear();
    m_profile->addItem(tr("(detect from the file)"));
    m_profile->addItems(mappingProfileNames(settings));
    if (!select.isEmpty())
        m_profile->setCurrentText(select);
}

void ImportDialog::openFile(const QString& path)
{
    QString chosen = path;
    if (chosen.isEmpty()) {
        chosen = openFileName(
            this, tr("Import statement"), QFileInfo(m_path).absolutePath(),
            tr("Statements (*.csv *.txt *.ofx *.qfx *.qbo *.ofc *.qif *.xml *.sta *.mt940 *.940);;All files (*)"));
        if (chosen.isEmpty())
            return;
    }
    m_path = chosen;
    m_autoTarget = true;
    m_file->setText(QDir::toNativeSeparators(chosen));
    m_imported.reset();
    m_result->clear();
    for (QComboBox* box : std::as_const(m_fields))
        box->setProperty("explicit", false);
    invalidateCheck();
    startPreview();
}

void ImportDialog::mappingEdited()
{
    if (m_filling)
        return;
    invalidateCheck();
    schedulePreview();
}

void ImportDialog::schedulePreview()
{
    if (!m_path.isEmpty())
        m_previewTimer->start();
}

ImportOptions ImportDialog::parseOptions() const
{
    ImportOptions o;
    o.format = ImportFormat(m_format->currentData().toInt());
    o.encoding = m_encoding->currentData().toString();
    o.defaultCurrency = m_currency->text().trimmed().toUpper();
    if (o.defaultCurrency.isEmpty() && m_oneAccount->isChecked() && m_account->currentData().toLongLong() > 0)
        o.defaultCurrency = m_account->currentData(kAccountCurrencyRole).toString();
    o.accountChosen = m_oneAccount->isChecked();
    o.csv = currentProfile().mapping;
    return o;
}

ImportServiceOptions ImportDialog::serviceOptions() const
{
    ImportServiceOptions o;
    o.parse = parseOptions();
    const QVariant chosen = m_account->currentData();
    const bool pending = m_oneAccount->isChecked() && chosen == QVariant(kPendingAccountItem);
    if (pending)
        o.account = m_account->currentData(kAccountNameRole).toString();
    else if (m_oneAccount->isChecked() && chosen.toLongLong() > 0)
        o.account = QString::number(chosen.toLongLong());
    o.createAccounts = pending || (m_fileAccounts->isChecked() && m_createAccounts->isChecked());
    o.newAccountCurrency = m_currency->text().trimmed().toUpper();
    return o;
}

MappingProfile ImportDialog::currentProfile(const QString& name) const
{
    MappingProfile p;
    p.name = name;
    p.encoding = m_encoding->currentData().toString();
    p.defaultCurrency = m_currency->text().trimmed().toUpper();
    CsvMapping& m = p.mapping;
    const QString delimiter = m_delimiter->currentData().toString();
    m.delimiter = delimiter.size() == 1 ? delimiter.front() : QChar();
    m.headerLine = m_headerLine->value();
    m.dateFormat = m_dateFormat->text().trimmed();
    m.decimalSeparator = DecimalSeparator(m_decimal->currentData().toInt());
    for (CsvField f : kEditedFields) {
        const QComboBox* box = m_fields[f];
        if (!box->property("explicit").toBool() || box->currentIndex() <= 0)
            continue;
        const int index = box->currentData().toInt();
        const QString header = m_headers.value(index - 1).trimmed();
        // By header name when the name is unique in the header (it survives a bank reordering columns), else by index.
        const bool unique = !header.isEmpty()
            && std::count_if(m_headers.begin(), m_headers.end(),
                             [&](const QString& h) { return h.trimmed().compare(header, Qt::CaseInsensitive) == 0; })
                == 1;
        m.columns.append({f, unique ? CsvColumn {0, header} : CsvColumn {index, {}}});
    }
    return p;
}

Status ImportDialog::applyProfile(const QString& name)
{
    QSettings settings;
    auto p = loadMappingProfile(settings, name);
    if (!p)
        return p.status();
    m_filling = true;
    m_format->setCurrentIndex(m_format->findData(int(ImportFormat::Csv)));
    const int enc = m_encoding->findData(p->encoding);
    m_encoding->setCurrentIndex(qMax(0, enc));
    m_delimiter->setCurrentIndex(
        qMax(0, m_delimiter->findData(p->mapping.delimiter.isNull() ? QString() : QString(p->mapping.delimiter))));
    m_headerLine->setValue(qMax(0, p->mapping.headerLine));
    m_decimal->setCurrentIndex(qMax(0, m_decimal->findData(int(p->mapping.decimalSeparator))));
    m_dateFormat->setText(p->mapping.dateFormat);
    if (!p->defaultCurrency.isEmpty())
        m_currency->setText(p->defaultCurrency);
    for (CsvField f : kEditedFields) {
        QComboBox* box = m_fields[f];
        box->setProperty("explicit", false);
        box->setCurrentIndex(0);
    }
    // The profile's columns are resolved against this file's header by the preview; until then they are kept as
    // the combo's pending column.
    for (const auto& [field, column] : p->mapping.columns) {
        QComboBox* box = m_fields.value(field);
        if (!box)
            continue;
        int index = column.index;
        if (index <= 0)
            for (int i = 0; i < m_headers.size(); ++i)
                if (m_headers[i].trimmed().compare(column.header.trimmed(), Qt::CaseInsensitive) == 0)
                    index = i + 1;
        box->setProperty("explicit", true);
        box->setProperty("pendingHeader", index > 0 ? QString() : column.header);
        const int item = box->findData(index);
        if (item > 0)
            box->setCurrentIndex(item);
    }
    m_filling = false;
    refreshProfiles(p->name);
    invalidateCheck();
    schedulePreview();
    return Status::ok();
}

Status ImportDialog::saveProfile(const QString& name)
{
    QSettings settings;
    MappingProfile p = currentProfile(name.trimmed());
    // A saved profile states what this file showed, so the next file of the bank needs no detection.
    const QString delimiter = m_delimiter->property("detectedDelimiter").toString();
    if (p.mapping.delimiter.isNull() && delimiter.size() == 1)
        p.mapping.delimiter = delimiter.front();
    for (CsvField f : kEditedFields) {
        const QComboBox* box = m_fields[f];
        if (box->currentIndex() <= 0 || box->property("explicit").toBool())
            continue;
        const QString header = m_headers.value(box->currentData().toInt() - 1).trimmed();
        p.mapping.columns.append(
            {f, header.isEmpty() ? CsvColumn {box->currentData().toInt(), {}} : CsvColumn {0, header}});
    }
    if (Status s = saveMappingProfile(settings, p); !s.isOk())
        return s;
    refreshProfiles(p.name);
    return Status::ok();
}

void ImportDialog::startPreview()
{
    if (m_path.isEmpty())
        return;
    if (m_previewWatcher->isRunning()) {
        m_previewAgain = true;
        return;
    }
    if (m_working) { // a check or an import runs: the preview follows it
        m_previewDeferred = true;
        return;
    }
    ImportOptions options = parseOptions();
    // A profile's header names not in this file's header yet (before its first preview) are passed on by name.
    for (CsvField f : kEditedFields) {
        const QString pending = m_fields[f]->property("pendingHeader").toString();
        if (!pending.isEmpty() && m_fields[f]->property("explicit").toBool() && m_fields[f]->currentIndex() <= 0)
            options.csv.columns.append({f, CsvColumn {0, pending}});
    }
    const QString path = m_path;
    setBusy(tr("Reading the file…"));
    m_previewWatcher->setFuture(runInBackground([path, options]() mutable {
        Preview p;
        p.rows = std::make_shared<ParsedFile>();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            p.status = Status::ioError(tr("Cannot open %1: %2").arg(path, file.errorString()));
            return p;
        }
        QByteArray head = previewHead(file, kPreviewBytes);
        const ImportFormat format = options.format != ImportFormat::Auto ? options.format : detectFormat(head, path);
        p.format = importFormatName(format);
        options.format = format;
        ImportedStatement statement;
        if (format == ImportFormat::Csv) {
            QBuffer buffer(&head);
            buffer.open(QIODevice::ReadOnly);
            auto summary = readCsv(&buffer, options, [&statement](const ImportedRow& r) {
                statement.rows.append(r);
                return statement.rows.size() < kPreviewRows;
            });
            if (!summary) {
                p.status = summary.status();
                p.layout = rawLayout(head, options);
                p.encoding = p.layout.encoding;
                return p;
            }
            p.encoding = summary->layout.encoding;
            p.layout = summary->layout;
            const int lastLine = statement.rows.size() >= kPreviewRows ? statement.rows.last().line : INT_MAX;
            for (const ImportIssue& e : std::as_const(summary->rowErrors))
                if (e.line <= lastLine && p.rows->rowErrors.size() < kPreviewRows)
                    p.rows->rowErrors.append(e);
            p.rows->warnings = summary->warnings;
        } else {
            auto parsed = importFile(path, options);
            if (!parsed) {
                p.status = parsed.status();
                return p;
            }
            p.encoding = parsed->encoding;
            for (const ImportedStatement& st : std::as_const(parsed->statements))
                for (const ImportedRow& r : st.rows)
                    if (statement.rows.size() < kPreviewRows)
                        statement.rows.append(r);
            p.rows->rowErrors = parsed->rowErrors.mid(0, kPreviewRows);
            p.rows->warnings = parsed->warnings;
        }
        p.rows->statements.append(statement);
        return p;
    }));
    updateButtons();
}

void ImportDialog::fillFieldBoxes(const CsvLayout& layout)
{
    m_filling = true;
    m_headers = layout.headers;
    m_delimiter->setProperty("detectedDelimiter", QString(layout.delimiter));
    for (CsvField f : kEditedFields) {
        QComboBox* box = m_fields[f];
        const int keep = box->currentData().toInt();
        int resolved = 0;
        for (const auto& [field, column] : layout.columns)
            if (field == f)
                resolved = column + 1;
        while (box->count() > 1)
            box->removeItem(1);
        for (int i = 0; i < m_headers.size(); ++i)
            box->addItem(m_headers[i].trimmed().isEmpty() ? tr("Column %1").arg(i + 1)
                                                          : tr("%1: %2").arg(i + 1).arg(m_headers[i].trimmed()),
                         i + 1);
        const int want = resolved > 0 ? resolved : (box->property("explicit").toBool() ? keep : 0);
        box->setCurrentIndex(qMax(0, box->findData(want)));
        if (resolved > 0)
            box->setProperty("pendingHeader", QString());
    }
    m_filling = false;
}

void ImportDialog::done(int result)
{
    if (!m_working) {
        QDialog::done(result);
        return;
    }
    // A worker still runs: hide now, close when its result arrives (an import is never abandoned half-way).
    m_closeResult = result;
    hide();
}

bool ImportDialog::closeIfAsked()
{
    if (!m_closeResult)
        return false;
    setBusy({});
    m_previewAgain = false;
    QDialog::done(*m_closeResult);
    return true;
}

void ImportDialog::showPreview(const Preview& preview)
{
    if (closeIfAsked())
        return;
    setBusy({});
    const bool csv = preview.format == importFormatName(ImportFormat::Csv);
    m_mappingGroup->setEnabled(csv);
    if (!preview.status.isOk()) {
        m_previewModel->clear();
        QString message = dialogWording(preview.status.message().trimmed());
        if (!message.endsWith(QLatin1Char('.')))
            message += QLatin1Char('.');
        QString text = tr("This file cannot be read with these settings: %1").arg(message);
        if (csv && !preview.layout.headers.isEmpty()) {
            // Offer the cells of the likely header row, so that the user can say which column is which.
            fillFieldBoxes(preview.layout);
            if (m_headerLine->value() == 0) {
                m_filling = true;
                m_headerLine->setValue(preview.layout.headerLine);
                m_filling = false;
            }
            text += tr(" Choose at least the date and amount columns below (line %1 is taken as the header; it has %2 "
                       "columns).")
                        .arg(preview.layout.headerLine)
                        .arg(preview.layout.headers.size());
        }
        m_detected->setText(text);
        m_detected->setStyleSheet(QStringLiteral("color: #b01c1c"));
        Q_EMIT previewFinished(false);
        updateButtons();
        return;
    }
    m_detected->setStyleSheet({});
    QString text = tr("Detected: %1, %2").arg(preview.format.toUpper(), preview.encoding);
    if (csv) {
        text += tr(", %1-separated").arg(delimiterName(preview.layout.delimiter));
        text += preview.layout.headerLine > 0 ? tr(", header on line %1").arg(preview.layout.headerLine)
                                              : tr(", no header row");
        text += preview.layout.decimalSeparator == DecimalSeparator::Comma ? tr(", decimal comma")
                                                                           : tr(", decimal point");
        if (!preview.layout.preambleAccount.isEmpty())
            text += tr(", account %1 named above the header").arg(preview.layout.preambleAccount);
        fillFieldBoxes(preview.layout);
    }
    if (preview.rows->rowErrors.size() == 1)
        text += tr(" · 1 row of the preview has an error (see its Status column)");
    else if (preview.rows->rowErrors.size() > 1)
        text += tr(" · %1 rows of the preview have errors (see their Status column)")
                    .arg(preview.rows->rowErrors.size());
    m_detected->setText(text);
    // A file that names its accounts (a statement's account, an account column, an account above the header) while
    // one of the ledger's accounts is chosen: until the analyst chooses the target for this file, the ledger's
    // account of the name the file gives is chosen; otherwise said, so that no statement goes into another account
    // unnoticed. (Not switched to creating the file's accounts: the ledger may keep that bank account under a name
    // of the analyst's, "Giro" for the IBAN the file names.)
    QStringList named;
    const auto note = [&named](const QString& ref) {
        if (const QString t = ref.trimmed(); !t.isEmpty() && !named.contains(t))
            named.append(t);
    };
    for (const ImportedStatement& st : preview.rows->statements) {
        note(st.accountRef);
        for (const ImportedRow& r : st.rows)
            note(r.accountRef);
    }
    const auto squeezed = [](QString t) { return t.remove(QLatin1Char(' ')).toUpper(); };
    if (m_autoTarget && m_oneAccount->isChecked() && m_account->currentIndex() >= 0 && !named.isEmpty()
        && !(named.size() == 1
             && squeezed(named.front()) == squeezed(m_account->currentData(kAccountNameRole).toString()))) {
        m_autoTarget = false;
        // The account of exactly that name, else of that name without spaces in any case; none when two match.
        int match = -1;
        for (const bool exact : {true, false}) {
            QList<int> found;
            for (int i = 0; i < m_account->count() && named.size() == 1; ++i) {
                const QString name = m_account->itemData(i, kAccountNameRole).toString();
                if (exact ? name == named.front() : squeezed(name) == squeezed(named.front()))
                    found.append(i);
            }
            if (!found.isEmpty()) {
                match = found.size() == 1 ? found.front() : -1;
                break;
            }
        }
        if (match >= 0) {
            m_settingTarget = true;
            m_account->setCurrentIndex(match);
            m_settingTarget = false;
            return; // previewed again with the new target
        }
    }
    if (m_oneAccount->isChecked() && m_account->currentIndex() >= 0) {
        const QString chosen = m_account->currentData(kAccountNameRole).toString();
        if (!chosen.isEmpty() && !named.isEmpty()
            && !(named.size() == 1 && squeezed(named.front()) == squeezed(chosen))) {
            text += tr(" · the file names the account %1, but its rows go into %2 as chosen below (choose “Into the "
                       "accounts the file names” to import them there)")
                        .arg(named.mid(0, 3).join(QStringLiteral(", ")), chosen);
            m_detected->setText(text);
            m_detected->setStyleSheet(QStringLiteral("color: #8a4b00"));
        }
    }
    m_previewModel->setRows(preview.rows, preview.rows->rowErrors, {}, {}, false);
    fitRowColumns(m_previewTable);
    m_tabs->setCurrentWidget(m_previewTable);
    Q_EMIT previewFinished(true);
    updateButtons();
}

bool ImportDialog::startCheck()
{
    if (m_path.isEmpty() || m_working)
        return false;
    // One worker at a time: a preview that is due runs after the check.
    m_previewDeferred = m_previewDeferred || m_previewTimer->isActive();
    m_previewTimer->stop();
    ImportServiceOptions options = serviceOptions();
    // The check counts the good rows' duplicates whatever the choices below the table, which only decide what the
    // import writes.
    options.dryRun = true;
    options.skipErrors = true;
    options.allowProbableDuplicates = false;
    m_checkedOptions = serviceOptions();
    Ledger* ledger = &m_ledger;
    const QString path = m_path;
    setBusy(tr("Checking every row…"));
    m_checkWatcher->setFuture(runInBackground([ledger, path, options] {
        Check c;
        auto parsed = importFile(path, options.parse);
        if (!parsed) {
            c.status = parsed.status();
            return c;
        }
        c.file = std::make_shared<const ParsedFile>(std::move(*parsed));
        auto summary = importParsedFile(*ledger, *c.file, QFileInfo(path).fileName(), options);
        if (!summary)
            c.status = summary.status();
        else
            c.summary = *summary;
        return c;
    }));
    updateButtons();
    return true;
}

void ImportDialog::showCheck(const Check& check)
{
    if (closeIfAsked())
        return;
    setBusy({});
    if (!check.status.isOk()) {
        invalidateCheck();
        m_counts->setText(tr("The file cannot be imported: %1").arg(dialogWording(check.status.message())));
        m_counts->setStyleSheet(QStringLiteral("color: #b01c1c"));
        Q_EMIT checkFinished(false);
        updateButtons();
        return;
    }
    const bool again = m_checked.has_value() && m_checkedFile == check.file;
    m_checked = check.summary;
    m_checkedFile = check.file;
    const ImportSummary& s = *m_checked;
    // Rows with errors, and rows the reader skipped with a warning (a zero amount, a balance line): the rest.
    const qint64 errors = std::max<qint64>(s.errors.size(), check.file->rowErrorCount);
    const qint64 skippedWithWarning
        = std::max<qint64>(0, s.rows - s.imported - s.duplicates - s.probableDuplicates - errors);
    const qint64 toImport = s.imported + (m_allowProbable->isChecked() ? s.probableDuplicates : 0);
    m_counts->setStyleSheet({});
    QString counts = tr("%1: %2 to import, %3, %4, %5 with errors")
                         .arg(plural(s.rows, tr("%n row"), tr("%n rows")), QLocale().toString(toImport),
                              plural(s.duplicates, tr("%n duplicate"), tr("%n duplicates")),
                              plural(s.probableDuplicates, tr("%n probable duplicate"), tr("%n probable duplicates")),
                              QLocale().toString(errors));
    if (skippedWithWarning > 0)
        counts += tr(", %1 skipped (see the warnings)").arg(QLocale().toString(skippedWithWarning));
    if (errors > 0 && !m_skipErrors->isChecked())
        counts += tr(". Rows with errors stop the import: tick “Skip rows with errors” or correct the mapping.");
    else if (s.probableDuplicates > 0 && !m_allowProbable->isChecked())
        counts += tr(". Probable duplicates are skipped unless you tick “Import probable duplicates”.");
    m_counts->setText(counts);
    if (!again) {
        QList<int> duplicateLines;
        QList<int> probableLines;
        for (const ImportRowMark& m : s.marks) {
            if (m.kind == ImportRowMark::Kind::Duplicate)
                duplicateLines.append(m.line);
            else if (m.kind == ImportRowMark::Kind::ProbableDuplicate)
                probableLines.append(m.line);
        }
        m_rowsModel->setRows(check.file, s.errors, duplicateLines, probableLines, true);
        fitRowColumns(m_rowsTable);
        QStringList issues;
        for (const ImportIssue& e : s.errors)
            issues.append(tr("Error: %1").arg(dialogWording(e.toString())));
        for (const ImportIssue& w : s.warnings)
            issues.append(tr("Warning: %1").arg(dialogWording(w.toString())));
        if (check.file->rowErrorCount > check.file->rowErrors.size())
            issues.append(plural(check.file->rowErrorCount, tr("… %n error in all"), tr("… %n errors in all")));
        m_issues->setPlainText(issues.isEmpty() ? tr("No errors or warnings.") : issues.join(QLatin1Char('\n')));
        m_tabs->setTabText(1, tr("All rows (%1)").arg(QLocale().toString(s.rows)));
        m_tabs->setTabText(2, tr("Errors and warnings (%1)").arg(s.errors.size() + s.warnings.size()));
        m_tabs->setCurrentWidget(m_rowsTable);
        Q_EMIT checkFinished(true);
    }
    updateButtons();
}

bool ImportDialog::startImport()
{
    if (!m_checked || !m_checkedFile || m_working || m_imported)
        return false;
    m_previewDeferred = m_previewDeferred || m_previewTimer->isActive();
    m_previewTimer->stop();
    ImportServiceOptions options = m_checkedOptions;
    options.dryRun = false;
    options.skipErrors = m_skipErrors->isChecked();
    options.allowProbableDuplicates = m_allowProbable->isChecked();
    Ledger* ledger = &m_ledger;
    const auto file = m_checkedFile;
    const QString name = QFileInfo(m_path).fileName();
    setBusy(tr("Importing…"));
    m_importWatcher->setFuture(
        runInBackground([ledger, file, name, options] { return importParsedFile(*ledger, *file, name, options); }));
    updateButtons();
    return true;
}

QString ImportDialog::summaryText(const ImportSummary& s, bool imported) const
{
    QStringList lines;
    if (s.refused)
        lines.append(tr("Nothing was imported: %1 with errors. Tick “Skip rows with errors” to import the others, or "
                        "correct the mapping.")
                         .arg(plural(s.errors.size(), tr("%n row"), tr("%n rows"))));
    else if (imported)
        lines.append(tr("Imported %1 of %2; %3 skipped (%4, %5).")
                         .arg(QLocale().toString(s.imported), plural(s.rows, tr("%n row"), tr("%n rows")),
                              QLocale().toString(s.skipped),
                              plural(s.duplicates, tr("%n duplicate"), tr("%n duplicates")),
                              plural(s.probableDuplicates, tr("%n probable duplicate"), tr("%n probable duplicates"))));
    if (!s.batchId.isEmpty() && s.imported > 0)
        lines.append(tr("Batch %1 (File > Import history… can undo it).").arg(s.batchId));
    else if (!s.batchId.isEmpty())
        lines.append(tr("Nothing new was written; the import is recorded as batch %1 in File > Import history….")
                         .arg(s.batchId));
    for (const ImportAccountSummary& a : s.accounts) {
        QString currency;
        if (auto acc = m_ledger.account(a.accountId))
            currency = acc->currency;
        QString line = tr("%1: %2 imported, balance now %3")
                           .arg(a.accountName)
                           .arg(QLocale().toString(a.imported))
                           .arg(Money(a.closingBalanceMinor, currency).formatWithCurrency(QLocale()));
        if (a.statedClosingBalanceMinor) {
            const qint64 diff = *a.statedClosingBalanceMinor - a.closingBalanceMinor;
            line += diff == 0 ? tr("; matches the statement's closing balance")
                              : tr("; the statement states %1 (difference %2)")
                                    .arg(Money(*a.statedClosingBalanceMinor, currency).formatWithCurrency(QLocale()),
                                         Money(diff, currency).formatWithCurrency(QLocale()));
        }
        lines.append(line);
    }
    for (const ImportIssue& w : s.warnings)
        if (w.field == QLatin1String("balance"))
            lines.append(tr("Warning: %1").arg(dialogWording(w.message)));
    return lines.join(QLatin1Char('\n'));
}

void ImportDialog::showImport(const Result<ImportSummary>& result)
{
    if (m_closeResult) {
        if (result && !result->refused)
            Q_EMIT importFinished(true, result->batchId);
        else if (!result)
            QMessageBox::warning(
                parentWidget(), tr("Import failed"),
                tr("The import failed and nothing was written: %1").arg(dialogWording(result.status().message())));
        closeIfAsked();
        return;
    }
    setBusy({});
    if (!result) {
        m_result->setStyleSheet(QStringLiteral("color: #b01c1c"));
        m_result->setText(
            tr("The import failed and nothing was written: %1").arg(dialogWording(result.status().message())));
        Q_EMIT importFinished(false, {});
        updateButtons();
        return;
    }
    const ImportSummary& s = *result;
    m_result->setStyleSheet(s.refused ? QStringLiteral("color: #b01c1c") : QString());
    m_result->setText(summaryText(s, true));
    if (!s.refused)
        m_imported = s;
    Q_EMIT importFinished(!s.refused, s.batchId);
    updateButtons();
}

QString ImportDialog::detectedText() const
{
    return m_detected->text();
}

QString ImportDialog::countsText() const
{
    return m_counts->text();
}

QString ImportDialog::resultText() const
{
    return m_result->text();
}

QString ImportDialog::issuesText() const
{
    return m_issues->toPlainText();
}

void ImportDialog::invalidateCheck()
{
    if (!m_checked)
        return;
    m_checked.reset();
    m_checkedFile.reset();
    m_rowsModel->clear();
    m_counts->clear();
    m_issues->clear();
    m_tabs->setTabText(1, tr("All rows"));
    m_tabs->setTabText(2, tr("Errors and warnings"));
    updateButtons();
}

bool ImportDialog::isBusy() const
{
    return m_working || m_previewTimer->isActive();
}

void ImportDialog::setBusy(const QString& what)
{
    m_working = !what.isEmpty();
    m_busy->setVisible(!what.isEmpty());
    m_busy->setToolTip(what);
    if (!what.isEmpty())
        m_result->setText(what);
    else if (!m_imported && m_result->text().endsWith(QStringLiteral("…")))
        m_result->clear();
}

void ImportDialog::runDeferredPreview()
{
    if (m_previewDeferred && !m_working && !m_closeResult) {
        m_previewDeferred = false;
        startPreview();
    }
}

void ImportDialog::updateButtons()
{
    const bool working = m_working;
    const bool blocked = m_checked && !m_checked->errors.isEmpty() && !m_skipErrors->isChecked();
    // (Probable duplicates can still be imported by ticking their box, which checks again.)
    const bool nothing = m_checked && !blocked && m_checked->imported == 0 && m_checked->probableDuplicates == 0;
    m_checkButton->setEnabled(!m_path.isEmpty() && !working && !m_imported);
    m_importButton->setEnabled(m_checked.has_value() && !working && !m_imported && !blocked && !nothing);
    m_importButton->setToolTip(blocked ? tr("Some rows have errors: tick “Skip rows with errors” or fix the mapping")
                                   : nothing   ? tr("Nothing to import: every row is in the ledger already or skipped")
                                   : m_checked ? QString()
                                               : tr("Check all rows first"));
    m_closeButton->setText(m_imported ? tr("Close") : tr("Cancel"));
    for (QWidget* w : std::initializer_list<QWidget*> {m_browse, m_format, m_encoding, m_mappingGroup, m_oneAccount,
                                                       m_fileAccounts, m_account, m_createAccounts, m_currency})
        if (w != m_mappingGroup)
            w->setEnabled(!working && !m_imported && (w != m_account || m_oneAccount->isChecked())
                          && (w != m_createAccounts || m_fileAccounts->isChecked()));
}

} // namespace ledgerguard
