// SPDX-License-Identifier: GPL-3.0-or-later
#include "Commands.h"

#include "Actor.h"
#include "Runtime.h"
#include "backup/Backup.h"
#include "backup/Check.h"
#include "decisions/LabelFile.h"
#include "export/CsvWriter.h"
#include "import/Csv.h"
#include "import/ImportService.h"
#include "import/MappingProfiles.h"
#include "ledger/DatabaseUrl.h"
#include "ledger/Ledger.h"
#include "ledger/Migrate.h"
#include "money/Money.h"
#include "pipeline/Combination.h"
#include "pipeline/DetectionPipeline.h"
#include "report/ReportWriter.h"
#include "rules/RuleBook.h"
#include "util/Plural.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <cstdio>

namespace ledgerguard {

namespace {

constexpr int kFailed = 1;
constexpr int kBadArguments = 2;

int fail(const QString& message, int code)
{
    std::fprintf(stderr, "ledgerguard: %s\n", qPrintable(message));
    return code;
}

void printJson(const QJsonObject& object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Indented).constData());
}

// Parses the arguments; prints help and exits for --help. Returns false (after printing why) on a bad argument.
bool parseArguments(QCommandLineParser& parser, const QCoreApplication& app)
{
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "ledgerguard: %s\n", qPrintable(parser.errorText()));
        return false;
    }
    if (parser.isSet(help))
        parser.showHelp(0);
    return true;
}

QJsonObject detectionJson(const DetectionPipeline::RunSummary& s)
{
    // transactionsScored keeps its meaning of the ledger's last_detection_run record (GET /health): the scores
    // written, i.e. those that changed.
    return QJsonObject {{QStringLiteral("accounts"), s.accounts},
                        {QStringLiteral("rowsScored"), s.rowsScored},
                        {QStringLiteral("transactionsScored"), s.transactionsScored},
                        {QStringLiteral("anomalies"), s.anomalies},
                        {QStringLiteral("high"), s.high},
                        {QStringLiteral("medium"), s.medium},
                        {QStringLiteral("low"), s.rowsScored - s.high - s.medium}};
}

QString detectionText(const DetectionPipeline::RunSummary& s)
{
    const QLocale c = QLocale::c();
    return QStringLiteral("detection: %1, %2 scored (%3 changed): HIGH %4, MEDIUM %5, LOW %6\n")
        .arg(plural(s.accounts, QStringLiteral("%n account"), QStringLiteral("%n accounts"), c),
             plural(s.rowsScored, QStringLiteral("%n transaction"), QStringLiteral("%n transactions"), c),
             plural(s.transactionsScored, QStringLiteral("%n score"), QStringLiteral("%n scores"), c))
        .arg(s.high)
        .arg(s.medium)
        .arg(s.rowsScored - s.high - s.medium);
}

QString summaryText(const ImportSummary& s, bool dryRun)
{
    QString out;
    const QLocale c = QLocale::c();
    out += QStringLiteral("%1%2 (%3): %4, %5 imported, %6, %7, %8 skipped\n")
               .arg(dryRun ? QStringLiteral("dry run: ") : QString(), s.format, s.encoding,
                    plural(s.rows, QStringLiteral("%n row"), QStringLiteral("%n rows"), c))
               .arg(s.imported)
               .arg(plural(s.duplicates, QStringLiteral("%n duplicate"), QStringLiteral("%n duplicates"), c),
                    plural(s.probableDuplicates, QStringLiteral("%n probable duplicate"),
                           QStringLiteral("%n probable duplicates"), c))
               .arg(s.skipped);
    if (!s.batchId.isEmpty())
        out += QStringLiteral("batch: %1 (undo with: ledgerguard import --undo %1)\n").arg(s.batchId);
    for (const ImportAccountSummary& a : s.accounts)
        out += QStringLiteral("account %1 (%2): %3 imported, balance %4 minor units\n")
                   .arg(a.accountId)
                   .arg(a.accountName)
                   .arg(a.imported)
                   .arg(a.closingBalanceMinor);
    for (const ImportIssue& e : s.errors)
        out += QStringLiteral("error: %1\n").arg(e.toString());
    for (const ImportIssue& w : s.warnings)
        out += QStringLiteral("warning: %1\n").arg(w.toString());
    if (s.refused)
        out += QStringLiteral("nothing imported: fix the rows above or use --skip-errors\n");
    return out;
}

std::optional<ImportFormat> formatFromName(const QString& name)
{
    for (ImportFormat f : {ImportFormat::Auto, ImportFormat::Csv, ImportFormat::Ofx, ImportFormat::Qif,
                           ImportFormat::Camt, ImportFormat::Mt940}) {
        if (importFormatName(f) == name.toLower())
            return f;
    }
    return std::nullopt;
}

// Starts the parser of a one-shot command: its description, the command word as the first positional argument, and
// returns the --db option every command takes.
QCommandLineOption startCommandParser(QCommandLineParser& parser, const QString& command, const QString& description)
{
    parser.setApplicationDescription(description);
    parser.addPositionalArgument(command, QStringLiteral("The command."));
    return QCommandLineOption(QStringLiteral("db"), QStringLiteral("The ledger file."), QStringLiteral("LEDGER"));
}

// Opens the ledger of a command; an existing ledger of an older schema is backed up before it is migrated.
// The detection the commands run: the pipeline's defaults with the score parts of defaultScorePartProviders.
DetectionPipelineOptions pipelineOptions(Ledger& ledger)
{
    DetectionPipelineOptions options;
    options.scorePartProviders = defaultScorePartProviders(ledger);
    return options;
}

// A rule's JSON file. Errors: InvalidArgument naming the file when it cannot be read or is no JSON object.
Result<QJsonObject> readRuleFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::invalidArgument(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return Status::invalidArgument(
            path, QStringLiteral("not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return Status::invalidArgument(path, QStringLiteral("must hold one JSON object (a rule)"));
    return doc.object();
}

// Prints why the ledger did not open; the exit code: kBadArguments for a malformed --db URL (a password in it, an
// unknown parameter, a bad port), kFailed for the rest.
int openFailed(const Status& status)
{
    return fail(status.toString(),
                status.isInvalidArgument() && status.field() == QLatin1String("url") ? kBadArguments : kFailed);
}

Result<std::unique_ptr<Ledger>> openLedger(const QString& path)
{
    Database::Options options;
    options.beforeMigration = backup::beforeMigration(path, SystemClock::instance());
    auto database = Database::open(path, options);
    if (!database)
        return database.status();
    return std::make_unique<Ledger>(*database);
}

// Prints why `command` (backup, restore, check: SQLite files only) refuses the PostgreSQL ledger `location` and
// returns kBadArguments.
int refusePostgres(const QString& command, const QString& location)
{
    return fail(QStringLiteral("%1 works on SQLite ledger files; the PostgreSQL ledger %2 is backed up, restored and "
                               "checked with the server's own tools (pg_dump, pg_restore, pg_amcheck; docs/TEAM.md)")
                    .arg(command, location),
                kBadArguments);
}

// The SQLite ledger file `command` works on (--db or the default), never created by it; nullopt after printing why
// and setting `exitCode` when --db is a PostgreSQL URL (kBadArguments) or the file does not exist (kFailed).
std::optional<QString> existingLedger(const QString& command, const QCommandLineParser& parser,
                                      const QCommandLineOption& db, QString (*defaultLedgerPath)(), int* exitCode)
{
    const QString path = parser.isSet(db) ? parser.value(db) : defaultLedgerPath();
    if (DatabaseUrl::isPostgres(path)) {
        *exitCode = refusePostgres(command, path);
        return std::nullopt;
    }
    if (Status s = DatabaseUrl::checkScheme(path); !s.isOk()) {
        *exitCode = openFailed(s);
        return std::nullopt;
    }
    if (!QFileInfo(path).isFile()) {
        *exitCode = fail(QStringLiteral("ledger %1 does not exist").arg(path), kFailed);
        return std::nullopt;
    }
    return path;
}

} // namespace

int runImportCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("import"),
        QStringLiteral(
            "Imports a bank statement (CSV, OFX, QIF, camt.05x) into the ledger as one batch, or undoes a batch."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The statement file."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("csv, ofx, qif, camt or mt940 (default: detect)."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption account(QStringLiteral("account"),
                                     QStringLiteral("The account (id or exact name) all rows go to."),
                                     QStringLiteral("NAME_OR_ID"));
    const QCommandLineOption createAccounts(QStringLiteral("create-accounts"),
                                            QStringLiteral("Create accounts the ledger does not have."));
    const QCommandLineOption currency(
        QStringLiteral("currency"), QStringLiteral("Currency of rows whose file names none, and of created accounts."),
        QStringLiteral("CODE"));
    const QCommandLineOption accountType(
        QStringLiteral("account-type"),
        QStringLiteral("Type of created accounts (default: the kind the statement states, such as "
                       "credit_card for an OFX card statement, else checking)."),
        QStringLiteral("TYPE"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("A saved CSV mapping profile (--map entries override it)."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption map(
        QStringLiteral("map"),
        QStringLiteral("CSV columns: FIELD=COLUMN,... (COLUMN a header name or 1-based index; FIELD one of date, "
                       "time, valueDate, amount, debit, credit, description, counterparty, category, id, account, "
                       "currency, indicator: a debit/credit column such as S/H, D/C, DR/CR that signs the amount)."),
        QStringLiteral("MAPPING"));
    const QCommandLineOption headerLine(
        QStringLiteral("header-line"),
        QStringLiteral(
            "CSV: the line of the header row (1, 2, ...), or none when the file has none (default: detect)."),
        QStringLiteral("N"));
    const QCommandLineOption dateFormat(QStringLiteral("date-format"),
                                        QStringLiteral("CSV date format (Qt: dd.MM.yyyy)."), QStringLiteral("FMT"));
    const QCommandLineOption encoding(QStringLiteral("encoding"), QStringLiteral("Text encoding (default: detect)."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Report exact counts, write nothing."));
    const QCommandLineOption skipErrors(QStringLiteral("skip-errors"),
                                        QStringLiteral("Import the good rows of a file with bad rows."));
    const QCommandLineOption allowProbable(QStringLiteral("allow-probable-duplicates"),
                                           QStringLiteral("Import probable duplicates too."));
    const QCommandLineOption noDetect(QStringLiteral("no-detect"),
                                      QStringLiteral("Do not run detection after the import."));
    const QCommandLineOption undo(QStringLiteral("undo"), QStringLiteral("Undo an import batch."),
                                  QStringLiteral("BATCH"));
    const QCommandLineOption ledgerGuardCsv(QStringLiteral("ledgerguard-csv"),
                                            QStringLiteral("The file is a `ledgerguard export` CSV."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({db, format, account, createAccounts, currency, accountType, profile, map, headerLine, dateFormat,
                       encoding, dryRun, skipErrors, allowProbable, noDetect, undo, ledgerGuardCsv, json});
    const bool asJson = app.arguments().contains(QStringLiteral("--json"));
    // With --json, a refusal is one JSON object on standard output as well (the summary's shape with `code` and
    // `error`), so that a script reads the same object whatever went wrong; the message also goes to standard error.
    const auto refuse = [&](const Status& status, int code) {
        if (asJson)
            printJson(refusedImportJson(status, parser.value(format)));
        return fail(status.message(), code);
    };
    const auto badArgument
        = [&](const QString& message) { return refuse(Status::invalidArgument(QString(), message), kBadArguments); };
    if (!parseArguments(parser, app)) {
        if (asJson)
            printJson(refusedImportJson(Status::invalidArgument(QString(), parser.errorText()), QString()));
        return kBadArguments;
    }
    const QStringList positional = parser.positionalArguments();
    const bool undoing = parser.isSet(undo);
    if (positional.size() != (undoing ? 1 : 2))
        return badArgument(undoing ? QStringLiteral("--undo takes no FILE") : QStringLiteral("import needs one FILE"));

    ImportServiceOptions options;
    if (parser.isSet(format)) {
        const auto f = formatFromName(parser.value(format));
        if (!f)
            return badArgument(QStringLiteral("--format must be csv, ofx, qif or camt"));
        options.parse.format = *f;
    }
    if (parser.isSet(accountType)) {
        const auto t = accountTypeFromKey(parser.value(accountType));
        if (!t) {
            QStringList keys;
            for (AccountType known : allAccountTypes())
                keys.append(accountTypeKey(known));
            return badArgument(QStringLiteral("--account-type: unknown type '%1' (one of %2)")
                                   .arg(parser.value(accountType), keys.join(QStringLiteral(", "))));
        }
        options.newAccountType = *t;
    }
    if (parser.isSet(profile)) {
        QSettings settings;
        auto p = loadMappingProfile(settings, parser.value(profile));
        if (!p)
            return badArgument(QStringLiteral("--profile: %1").arg(p.status().message()));
        options.parse.format = ImportFormat::Csv;
        options.parse.csv = p->mapping;
        options.parse.encoding = p->encoding;
        options.parse.defaultCurrency = p->defaultCurrency;
    }
    if (parser.isSet(ledgerGuardCsv)) {
        options.parse.format = ImportFormat::Csv;
        options.parse.csv = ledgerGuardCsvMapping();
    }
    CsvMapping overrides;
    if (parser.isSet(map)) {
        if (Status s = applyColumnMap(parser.value(map), &overrides); !s.isOk())
            return badArgument(QStringLiteral("--map: %1").arg(s.message()));
    }
    if (parser.isSet(headerLine)) {
        if (Status s = applyHeaderLine(parser.value(headerLine), &overrides); !s.isOk())
            return badArgument(QStringLiteral("--header-line: %1").arg(s.message()));
    }
    overrides.dateFormat = parser.value(dateFormat);
    options.parse.csv = overrideMapping(options.parse.csv, overrides);
    options.account = parser.value(account);
    options.createAccounts = parser.isSet(createAccounts);
    if (parser.isSet(currency)) {
        options.parse.defaultCurrency = parser.value(currency).toUpper();
        if (!Money::isKnownCurrency(options.parse.defaultCurrency))
            return badArgument(
                QStringLiteral("--currency: '%1' is not an ISO 4217 currency code").arg(parser.value(currency)));
    }
    options.newAccountCurrency = options.parse.defaultCurrency;
    if (parser.isSet(encoding))
        options.parse.encoding = parser.value(encoding);
    options.dryRun = parser.isSet(dryRun);
    options.skipErrors = parser.isSet(skipErrors);
    options.allowProbableDuplicates = parser.isSet(allowProbable);

    auto ledger = openLedger(parser.isSet(db) ? parser.value(db) : defaultLedgerPath());
    if (!ledger) {
        if (asJson)
            printJson(refusedImportJson(ledger.status(), parser.value(format)));
        return openFailed(ledger.status());
    }
    if (undoing) {
        // Imports back up in ImportService; an undo is the other import write.
        const auto undoFailed = [&](const QString& message, const Status& status) {
            if (asJson)
                printJson({{QStringLiteral("batchId"), parser.value(undo)},
                           {QStringLiteral("error"), message},
                           {QStringLiteral("code"), Status::codeName(status.code())}});
            return fail(message, kFailed);
        };
        if (auto saved = backup::create(*(*ledger)->database(), SystemClock::instance()); !saved)
            return undoFailed(QStringLiteral("backup before the undo failed: %1").arg(saved.status().toString()),
                              saved.status());
        auto undone = (*ledger)->undoImportBatch(parser.value(undo));
        if (!undone)
            return undoFailed(undone.status().toString(), undone.status());
        QJsonArray ids;
        for (qint64 id : std::as_const(*undone))
            ids.append(id);
        if (parser.isSet(json))
            printJson({{QStringLiteral("batchId"), parser.value(undo)}, {QStringLiteral("accounts"), ids}});
        else
            std::printf("undone: %s (%lld accounts)\n", qPrintable(parser.value(undo)),
                        static_cast<long long>(undone->size()));
        return 0;
    }

    auto summary = importStatementFile(**ledger, positional[1], options);
    if (!summary) {
        if (parser.isSet(json))
            printJson(refusedImportJson(summary.status(), parser.value(format)));
        return fail(summary.status().toString(), kFailed);
    }
    const QJsonObject out = summary->toJson();
    QString detectText;
    if (!summary->refused && !options.dryRun && summary->imported > 0 && !parser.isSet(noDetect)) {
        DetectionPipeline pipeline(**ledger, pipelineOptions(**ledger));
        auto run = pipeline.runNow(false);
        if (!run) {
            if (parser.isSet(json))
                printJson(out); // the import itself committed
            return fail(QStringLiteral("imported (batch %1), but detection failed: %2")
                            .arg(summary->batchId, run.status().toString()),
                        kFailed);
        }
        detectText = detectionText(*run);
    }
    if (parser.isSet(json)) {
        printJson(out);
        std::fprintf(stderr, "%s", qPrintable(detectText));
    } else {
        std::printf("%s%s", qPrintable(summaryText(*summary, options.dryRun)), qPrintable(detectText));
    }
    return summary->refused ? kFailed : 0;
}

int runExportCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("export"), QStringLiteral("Writes the ledger's transactions or anomalies as CSV."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The CSV file to write."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption account(QStringLiteral("account"), QStringLiteral("Only this account (its name or id)."),
                                     QStringLiteral("NAME_OR_ID"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("From this time (ISO 8601, inclusive)."),
                                  QStringLiteral("ISO"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Before this time (ISO 8601, exclusive)."),
                                QStringLiteral("ISO"));
    const QCommandLineOption risk(QStringLiteral("risk"), QStringLiteral("Only scored LOW, MEDIUM or HIGH."),
                                  QStringLiteral("LEVEL"));
    const QCommandLineOption what(QStringLiteral("what"), QStringLiteral("transactions (default) or anomalies."),
                                  QStringLiteral("WHAT"), QStringLiteral("transactions"));
    parser.addOptions({db, what, out, account, from, to, risk});
    if (!parseArguments(parser, app))
        return kBadArguments;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(out))
        return fail(QStringLiteral("export needs --out FILE.csv and no positional arguments"), kBadArguments);
    const bool anomalies = parser.value(what) == QStringLiteral("anomalies");
    if (!anomalies && parser.value(what) != QStringLiteral("transactions"))
        return fail(QStringLiteral("--what must be transactions or anomalies"), kBadArguments);
    TransactionFilter filter;
    filter.ascending = true;
    for (const auto& [option, bound] : {std::pair {&from, &filter.fromMs}, std::pair {&to, &filter.toMs}}) {
        if (!parser.isSet(*option))
            continue;
        QDateTime time = QDateTime::fromString(parser.value(*option), Qt::ISODateWithMs);
        if (!time.isValid())
            return fail(QStringLiteral("--%1 must be an ISO 8601 date or time").arg(option->names().first()),
                        kBadArguments);
        if (time.timeSpec() == Qt::LocalTime)
            time.setTimeSpec(Qt::UTC);
        *bound = time.toMSecsSinceEpoch();
    }
    if (parser.isSet(risk)) {
        filter.risk = riskFromName(parser.value(risk).toUpper());
        if (!filter.risk)
            return fail(QStringLiteral("--risk must be LOW, MEDIUM or HIGH"), kBadArguments);
    }
    auto ledger = openLedger(parser.isSet(db) ? parser.value(db) : defaultLedgerPath());
    if (!ledger)
        return openFailed(ledger.status());
    if (parser.isSet(account)) {
        auto accounts = (*ledger)->accounts();
        if (!accounts)
            return fail(accounts.status().toString(), kFailed);
        const std::optional<Account> a = findAccount(*accounts, parser.value(account));
        if (!a)
            return fail(QStringLiteral("--account: no account '%1'").arg(parser.value(account)), kBadArguments);
        filter.accountId = a->id;
    }
    AnomalyFilter anomalyFilter;
    anomalyFilter.accountId = filter.accountId;
    anomalyFilter.fromMs = filter.fromMs;
    anomalyFilter.toMs = filter.toMs;
    anomalyFilter.risk = filter.risk;
    if (Status s = anomalies ? writeAnomaliesCsv(**ledger, anomalyFilter, parser.value(out))
                             : writeTransactionsCsv(**ledger, filter, parser.value(out));
        !s.isOk())
        return fail(s.toString(), kFailed);
    return 0;
}

int runDetectCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("detect"), QStringLiteral("Runs detection once over the stale (or all) accounts."));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Run over all accounts."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({db, all, json});
    if (!parseArguments(parser, app))
        return kBadArguments;
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("detect takes no positional arguments"), kBadArguments);
    auto ledger = openLedger(parser.isSet(db) ? parser.value(db) : defaultLedgerPath());
    if (!ledger)
        return openFailed(ledger.status());
    DetectionPipeline pipeline(**ledger, pipelineOptions(**ledger));
    auto run = pipeline.runNow(parser.isSet(all));
    if (!run)
        return fail(run.status().toString(), kFailed);
    if (parser.isSet(json))
        printJson(detectionJson(*run));
    else
        std::printf("%s", qPrintable(detectionText(*run)));
    return 0;
}

int runLabelCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("label"),
        QStringLiteral("Imports analyst decisions (fraud | normal per transaction) from a CSV file, all or nothing."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({db, json});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The decisions CSV."));
    if (!parseArguments(parser, app))
        return kBadArguments;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return fail(QStringLiteral("label needs one FILE"), kBadArguments);
    QFile file(positional[1]);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(positional[1], file.errorString()), kBadArguments);
    auto ledger = Ledger::open(parser.isSet(db) ? parser.value(db) : defaultLedgerPath());
    if (!ledger)
        return openFailed(ledger.status());
    auto accounts = (*ledger)->accounts();
    if (!accounts)
        return fail(accounts.status().toString(), kFailed);
    QHash<QString, qint64> byName;
    for (const Account& a : std::as_const(*accounts))
        byName.insert(a.name, a.id);
    auto result = importLabelFile(**ledger, file.readAll(), operatingSystemUser(), byName);
    if (!result)
        return fail(result.status().toString(), kFailed);
    const LabelSummary& s = result->summary;
    if (parser.isSet(json)) {
        printJson(result->toJson());
    } else {
        for (const LabelFileError& e : std::as_const(result->errors))
            std::fprintf(stderr, "line %d, %s: %s\n", e.line, qPrintable(e.column), qPrintable(e.message));
        if (result->errors.isEmpty())
            std::printf("%lld decisions: %lld new cases, %lld existing cases decided\n", s.labelled, s.created,
                        s.updated);
        else
            std::fprintf(stderr, "nothing written: fix the lines above\n");
    }
    return result->errors.isEmpty() ? 0 : kFailed;
}

int runBackupCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("backup"),
        QStringLiteral("Writes a consistent copy of the ledger, also while LedgerGuard runs, to the backups directory "
                       "beside it (keeping the newest %1) or to --out FILE.")
            .arg(backup::kDefaultKeep));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The backup file to write (must not exist)."),
                                 QStringLiteral("FILE"));
    parser.addOptions({db, out});
    if (!parseArguments(parser, app))
        return kBadArguments;
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("backup takes no positional arguments"), kBadArguments);
    if (parser.isSet(out) && QFileInfo::exists(parser.value(out)))
        return fail(QStringLiteral("--out: %1 already exists").arg(parser.value(out)), kBadArguments);
    int exitCode = 0;
    const auto path = existingLedger(QStringLiteral("backup"), parser, db, defaultLedgerPath, &exitCode);
    if (!path)
        return exitCode;
    auto ledger = openLedger(*path);
    if (!ledger)
        return fail(ledger.status().toString(), kFailed);
    const Database& database = *(*ledger)->database();
    QString written;
    if (parser.isSet(out)) {
        auto connection = database.connection();
        if (!connection)
            return fail(connection.status().toString(), kFailed);
        if (Status s = backup::writeCopy(*connection, parser.value(out)); !s.isOk())
            return fail(s.toString(), kFailed);
        written = QFileInfo(parser.value(out)).absoluteFilePath();
    } else {
        auto made = backup::create(database, SystemClock::instance());
        if (!made)
            return fail(made.status().toString(), kFailed);
        written = *made;
    }
    std::printf("%s\n", qPrintable(written));
    return 0;
}

int runRestoreCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("restore"),
        QStringLiteral("Replaces the ledger with a backup after checking the backup; the replaced ledger is kept as a "
                       "backup. Refused while LedgerGuard has the ledger open."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The backup (.lgbackup) to restore."));
    parser.addOptions({db});
    if (!parseArguments(parser, app))
        return kBadArguments;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return fail(QStringLiteral("restore needs one backup FILE"), kBadArguments);
    const QString path = parser.isSet(db) ? parser.value(db) : defaultLedgerPath();
    if (DatabaseUrl::isPostgres(path))
        return refusePostgres(QStringLiteral("restore"), path);
    if (Status s = DatabaseUrl::checkScheme(path); !s.isOk())
        return openFailed(s);
    auto kept = backup::restore(positional[1], path, SystemClock::instance());
    if (!kept)
        return fail(kept.status().toString(), kFailed);
    std::printf("restored %s from %s\n", qPrintable(QFileInfo(path).absoluteFilePath()), qPrintable(positional[1]));
    if (!kept->isEmpty())
        std::printf("the replaced ledger was kept as %s\n", qPrintable(*kept));
    return 0;
}

int runCheckCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("check"),
        QStringLiteral("Checks the ledger read-only: integrity, balances = sums of transactions, running balances = "
                       "prefix sums, foreign keys, the audit trail's triggers."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object with every problem."));
    parser.addOptions({db, json});
    if (!parseArguments(parser, app))
        return kBadArguments;
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("check takes no positional arguments"), kBadArguments);
    int exitCode = 0;
    const auto path = existingLedger(QStringLiteral("check"), parser, db, defaultLedgerPath, &exitCode);
    if (!path)
        return exitCode;
    auto report = backup::checkLedger(*path);
    if (!report)
        return fail(report.status().toString(), kFailed);
    if (parser.isSet(json)) {
        QJsonArray problems;
        for (const backup::CheckProblem& p : std::as_const(report->problems)) {
            QJsonObject o {{QStringLiteral("kind"), p.kind}, {QStringLiteral("message"), p.message}};
            if (p.accountId > 0) {
                o.insert(QStringLiteral("accountId"), p.accountId);
                o.insert(QStringLiteral("differenceMinor"), QString::number(p.differenceMinor));
            }
            problems.append(o);
        }
        printJson({{QStringLiteral("ledger"), QFileInfo(*path).absoluteFilePath()},
                   {QStringLiteral("ok"), report->isOk()},
                   {QStringLiteral("accounts"), report->accounts},
                   {QStringLiteral("transactions"), report->transactions},
                   {QStringLiteral("problems"), problems}});
    } else if (report->isOk()) {
        std::printf("ok: %s (%lld accounts, %lld transactions)\n", qPrintable(QFileInfo(*path).absoluteFilePath()),
                    static_cast<long long>(report->accounts), static_cast<long long>(report->transactions));
    } else {
        const backup::CheckProblem& first = report->problems.constFirst();
        std::printf("%s: %s\n", qPrintable(first.kind), qPrintable(first.message));
        if (report->problems.size() > 1)
            std::printf("(%lld more problems; --json lists them all)\n",
                        static_cast<long long>(report->problems.size() - 1));
    }
    return report->isOk() ? 0 : kFailed;
}

int runReportCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // The PDF writer needs a QGuiApplication; with no display it runs on the offscreen platform.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
    QGuiApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("report"),
        QStringLiteral("Writes the findings report (PDF) of a period: counts, trend, cases, methods."));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("First day (YYYY-MM-DD, UTC)."),
                                  QStringLiteral("DATE"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Last day (YYYY-MM-DD, UTC, inclusive)."),
                                QStringLiteral("DATE"));
    const QCommandLineOption account(QStringLiteral("account"),
                                     QStringLiteral("An account (id or exact name); repeat for more (default: all)."),
                                     QStringLiteral("NAME_OR_ID"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The PDF file to write."),
                                 QStringLiteral("FILE.pdf"));
    const QCommandLineOption title(QStringLiteral("title"), QStringLiteral("The report's title."),
                                   QStringLiteral("TEXT"));
    const QCommandLineOption maxCases(QStringLiteral("max-cases"),
                                      QStringLiteral("Cases listed per account (default 200)."), QStringLiteral("N"));
    parser.addOptions({db, from, to, account, out, title, maxCases});
    if (!parseArguments(parser, app))
        return kBadArguments;
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("report takes no positional arguments"), kBadArguments);
    ReportOptions options;
    for (const auto& [option, day] : {std::pair {&from, &options.from}, std::pair {&to, &options.to}}) {
        if (!parser.isSet(*option))
            return fail(QStringLiteral("--%1 DATE is required").arg(option->names().first()), kBadArguments);
        *day = QDate::fromString(parser.value(*option), Qt::ISODate);
        if (!day->isValid())
            return fail(QStringLiteral("--%1 must be a date YYYY-MM-DD, not '%2'")
                            .arg(option->names().first(), parser.value(*option)),
                        kBadArguments);
    }
    if (options.to < options.from)
        return fail(QStringLiteral("--to is before --from"), kBadArguments);
    if (!parser.isSet(out))
        return fail(QStringLiteral("--out FILE.pdf is required"), kBadArguments);
    if (parser.isSet(title))
        options.title = parser.value(title);
    if (parser.isSet(maxCases)) {
        bool ok = false;
        options.maxCasesPerAccount = parser.value(maxCases).toInt(&ok);
        if (!ok || options.maxCasesPerAccount < 1 || options.maxCasesPerAccount > 10000)
            return fail(QStringLiteral("--max-cases must be 1..10000"), kBadArguments);
    }
    const QString ledgerPath = parser.isSet(db) ? parser.value(db) : defaultLedgerPath();
    auto ledger = Ledger::open(ledgerPath);
    if (!ledger)
        return openFailed(ledger.status());
    auto accounts = (*ledger)->accounts();
    if (!accounts)
        return fail(accounts.status().toString(), kFailed);
    for (const QString& ref : parser.values(account)) {
        const std::optional<Account> a = findAccount(*accounts, ref);
        if (!a)
            return fail(QStringLiteral("--account: no account '%1'").arg(ref), kBadArguments);
        options.accountIds.append(a->id);
    }
    options.ledgerName = QFileInfo(ledgerPath).fileName();
    options.generatedAtMs = (*ledger)->clock().nowMs();
    auto written = writeReport(**ledger, options, parser.value(out));
    if (!written)
        return fail(written.status().toString(), kFailed);
    std::printf("report: %d pages, %lld cases listed: %s\n", written->pages,
                static_cast<long long>(written->casesListed), qPrintable(parser.value(out)));
    return 0;
}

int runRulesCommand(int argc, char* argv[], QString (*defaultLedgerPath)())
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const QCommandLineOption db = startCommandParser(
        parser, QStringLiteral("rules"),
        QStringLiteral("Lists, adds, removes or previews the ledger's rules (docs/DETECTION.md \"Rules\")."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("preview: how many matching transactions to print (default 20)."),
                                   QStringLiteral("N"), QStringLiteral("20"));
    parser.addOptions({db, json, limit});
    parser.addPositionalArgument(QStringLiteral("ACTION"),
                                 QStringLiteral("list | add FILE.json | remove ID | "
                                                "preview FILE.json"));
    if (!parseArguments(parser, app))
        return kBadArguments;
    const QStringList positional = parser.positionalArguments().mid(1);
    const QString action = positional.value(0);
    const int wanted = action == QLatin1String("list") ? 1 : 2;
    if (!QStringList {"list", "add", "remove", "preview"}.contains(action))
        return fail(QStringLiteral("rules needs an action: list, add FILE.json, remove ID or preview FILE.json"),
                    kBadArguments);
    if (positional.size() != wanted)
        return fail(QStringLiteral("rules %1 takes %2")
                        .arg(action,
                             wanted == 1                             ? QStringLiteral("no arguments")
                                 : action == QLatin1String("remove") ? QStringLiteral("one ID")
                                                                     : QStringLiteral("one FILE.json")),
                    kBadArguments);
    bool limitOk = false;
    const int count = parser.value(limit).toInt(&limitOk);
    if (!limitOk || count < 0)
        return fail(QStringLiteral("--limit: must be a number of at least 0"), kBadArguments);
    QJsonObject file;
    if (action == QLatin1String("add") || action == QLatin1String("preview")) {
        auto read = readRuleFile(positional[1]);
        if (!read)
            return fail(QStringLiteral("%1: %2").arg(read.status().field(), read.status().message()), kBadArguments);
        file = *read;
    }
    auto ledger = openLedger(parser.isSet(db) ? parser.value(db) : defaultLedgerPath());
    if (!ledger)
        return openFailed(ledger.status());
    rules::RuleBook book(**ledger);
    auto invalid = [](const Status& s) {
        return fail(s.isInvalidArgument() ? QStringLiteral("%1: %2").arg(s.field(), s.message()) : s.toString(),
                    kFailed);
    };
    if (action == QLatin1String("list")) {
        auto all = book.rules();
        if (!all)
            return fail(all.status().toString(), kFailed);
        auto hits = (*ledger)->ruleHits();
        if (!hits)
            return fail(hits.status().toString(), kFailed);
        QJsonArray out;
        for (const rules::Rule& r : std::as_const(*all)) {
            QJsonObject o = rules::toJson(r);
            o.insert(QStringLiteral("hits"), hits->value(r.id));
            out.append(o);
            if (!parser.isSet(json))
                std::printf("%s  v%d  %-8s  %-28s  %5lld cases  %s\n", qPrintable(r.id), r.version,
                            r.enabled ? "enabled" : "disabled", qPrintable(rules::effectText(r.effect)),
                            hits->value(r.id), qPrintable(r.name));
        }
        if (parser.isSet(json))
            printJson({{QStringLiteral("rules"), out}});
        else if (all->isEmpty())
            std::printf("no rules\n");
        return 0;
    }
    if (action == QLatin1String("remove")) {
        if (Status s = book.remove(positional[1], operatingSystemUser()); !s.isOk())
            return fail(s.toString(), kFailed);
        if (parser.isSet(json))
            printJson({{QStringLiteral("removed"), positional[1]}});
        else
            std::printf("removed rule %s\n", qPrintable(positional[1]));
        return 0;
    }
    if (action == QLatin1String("add")) {
        // A file with the id of a stored rule saves its next version.
        auto saved = book.save(file, operatingSystemUser(), file.value(QStringLiteral("id")).toString());
        if (!saved)
            return saved.status().isNotFound() ? fail(saved.status().toString(), kFailed) : invalid(saved.status());
        if (parser.isSet(json))
            printJson(rules::toJson(*saved));
        else
            std::printf("saved rule %s version %d: %s\n", qPrintable(saved->id), saved->version,
                        qPrintable(saved->name));
        return 0;
    }
    auto rule = rules::parseRule(file);
    if (!rule)
        return invalid(rule.status());
    auto preview = book.preview(*rule, 0, count);
    if (!preview)
        return fail(preview.status().toString(), kFailed);
    if (parser.isSet(json)) {
        QJsonArray hits;
        for (const rules::PreviewHit& h : std::as_const(preview->hits))
            hits.append(QJsonObject {
                {QStringLiteral("transactionId"), h.transaction.id},
                {QStringLiteral("accountId"), h.transaction.accountId},
                {QStringLiteral("timestamp"),
                 QDateTime::fromMSecsSinceEpoch(h.transaction.timestamp, Qt::UTC).toString(Qt::ISODateWithMs)},
                {QStringLiteral("amount"), Money(h.transaction.amount, h.transaction.currency).toDecimalString()},
                {QStringLiteral("currency"), h.transaction.currency},
                {QStringLiteral("counterparty"), h.transaction.counterparty},
                {QStringLiteral("description"), h.transaction.description},
                {QStringLiteral("matched"), h.text}});
        printJson({{QStringLiteral("total"), preview->total}, {QStringLiteral("transactions"), hits}});
        return 0;
    }
    std::printf("%s would flag %s\n", qPrintable(rule->name),
                qPrintable(plural(preview->total, QStringLiteral("%n transaction"), QStringLiteral("%n transactions"),
                                  QLocale::c())));
    for (const rules::PreviewHit& h : std::as_const(preview->hits))
        std::printf("%s  %s  %s  %s: %s\n", qPrintable(h.transaction.id),
                    qPrintable(QDateTime::fromMSecsSinceEpoch(h.transaction.timestamp, Qt::UTC).toString(Qt::ISODate)),
                    qPrintable(Money(h.transaction.amount, h.transaction.currency).formatWithCurrency()),
                    qPrintable(h.transaction.counterparty), qPrintable(h.text));
    return 0;
}

int runMigrateCommand(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    startCommandParser(parser, QStringLiteral("migrate"),
                       QStringLiteral("Copies a whole ledger between an SQLite file and a PostgreSQL database "
                                      "(postgresql://USER@HOST[:PORT]/DBNAME[?sslmode=MODE]), either way, in one "
                                      "transaction on the target, then verifies the copy."));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("The ledger to copy: a file or a URL."),
                                  QStringLiteral("LEDGER"));
    const QCommandLineOption to(QStringLiteral("to"),
                                QStringLiteral("The new ledger: a file that does not exist yet, or a URL of an empty "
                                               "database."),
                                QStringLiteral("LEDGER"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({from, to, json});
    if (!parseArguments(parser, app))
        return kBadArguments;
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("migrate takes no positional arguments"), kBadArguments);
    if (!parser.isSet(from) || !parser.isSet(to))
        return fail(QStringLiteral("migrate needs --from LEDGER and --to LEDGER"), kBadArguments);
    const auto isUrl = [](const QString& location) { return DatabaseUrl::isPostgres(location); };
    const QString source = parser.value(from);
    const QString target = parser.value(to);
    if (!isUrl(source) && !QFileInfo(source).isFile())
        return fail(QStringLiteral("--from: ledger %1 does not exist").arg(source), kBadArguments);
    if (!isUrl(target) && QFileInfo::exists(target))
        return fail(QStringLiteral("--to: %1 already exists; migrate into a new file").arg(target), kBadArguments);
    auto sourceDb = Database::open(source);
    if (!sourceDb)
        return fail(QStringLiteral("--from: %1").arg(sourceDb.status().toString()), kFailed);
    auto targetDb = Database::open(target);
    if (!targetDb)
        return fail(QStringLiteral("--to: %1").arg(targetDb.status().toString()), kFailed);
    auto report = migrateLedger(**sourceDb, **targetDb);
    if (!report) {
        if (!isUrl(target)) {
            const QString created = (*targetDb)->path();
            targetDb->reset();
            for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(created + suffix);
        }
        return fail(report.status().toString(), kFailed);
    }
    if (parser.isSet(json))
        printJson(report->toJson());
    else
        std::printf("%s", qPrintable(report->toText()));
    return 0;
}

} // namespace ledgerguard
