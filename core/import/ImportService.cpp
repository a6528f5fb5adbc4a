// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportService.h"

#include "import/Importer.h"
#include "money/Money.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonValue>

namespace ledgerguard {

namespace {

QJsonArray issuesJson(const QList<ImportIssue>& issues)
{
    QJsonArray out;
    for (const ImportIssue& i : issues) {
        const QString message = i.field.isEmpty() ? i.message : i.field + QStringLiteral(": ") + i.message;
        out.append(QJsonObject {{QStringLiteral("line"), i.line},
                                {QStringLiteral("column"), i.column},
                                {QStringLiteral("message"), message}});
    }
    return out;
}

} // namespace

std::optional<Account> findAccount(const QList<Account>& accounts, const QString& ref)
{
    const QString r = ref.trimmed();
    if (r.isEmpty())
        return std::nullopt;
    bool numeric = false;
    const qint64 id = r.toLongLong(&numeric);
    for (const Account& a : accounts) {
        if ((numeric && a.id == id) || a.name == r)
            return a;
    }
    return std::nullopt;
}

namespace {

// The ledger's category key for a parsed category text: a known key, else "other".
QString categoryFor(const QString& text)
{
    const QString key = text.trimmed().toLower();
    return categoryFromKey(key) ? key : categoryKey(Category::Other);
}

// One statement mapped onto an account.
struct Target
{
    const ImportedStatement* statement = nullptr;
    std::optional<Account> account; // nullopt: a dry run's account to create
    QString name;
    QString currency;
    qint64 importedSum = 0;
};

} // namespace

QJsonObject ImportSummary::toJson() const
{
    QJsonArray accountList;
    for (const ImportAccountSummary& a : accounts) {
        accountList.append(
            QJsonObject {{QStringLiteral("accountId"), a.accountId},
                         {QStringLiteral("accountName"), a.accountName},
                         {QStringLiteral("imported"), a.imported},
                         {QStringLiteral("statedClosingBalanceMinor"),
                          a.statedClosingBalanceMinor ? QJsonValue(*a.statedClosingBalanceMinor) : QJsonValue()},
                         {QStringLiteral("closingBalanceMinor"), a.closingBalanceMinor}});
    }
    return QJsonObject {{QStringLiteral("batchId"), batchId.isEmpty() ? QJsonValue() : QJsonValue(batchId)},
                        {QStringLiteral("format"), format},
                        {QStringLiteral("encoding"), encoding},
                        {QStringLiteral("rows"), rows},
                        {QStringLiteral("imported"), imported},
                        {QStringLiteral("duplicates"), duplicates},
                        {QStringLiteral("probableDuplicates"), probableDuplicates},
                        {QStringLiteral("skipped"), skipped},
                        {QStringLiteral("accounts"), accountList},
                        {QStringLiteral("errors"), issuesJson(errors)},
                        {QStringLiteral("warnings"), issuesJson(warnings)}};
}

Status applyColumnMap(const QString& spec, CsvMapping* mapping)
{
    for (const QString& part : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == part.size() - 1)
            return Status::invalidArgument(QStringLiteral("map"),
                                           QStringLiteral("'%1' is not FIELD=COLUMN").arg(part.trimmed()));
        const auto field = csvFieldFromName(part.left(eq).trimmed());
        if (!field)
            return Status::invalidArgument(QStringLiteral("map"),
                                           QStringLiteral("'%1' is not a field name").arg(part.left(eq).trimmed()));
        const QString column = part.mid(eq + 1).trimmed();
        CsvColumn c;
        bool numeric = false;
        const int index = column.toInt(&numeric);
        if (numeric && index > 0)
            c.index = index;
        else
            c.header = column;
        mapping->columns.append({*field, c});
    }
    return Status::ok();
}

CsvMapping ledgerGuardCsvMapping()
{
    CsvMapping m;
    m.delimiter = QLatin1Char(',');
    m.headerLine = 1;
    m.decimalSeparator = DecimalSeparator::Point;
    auto header = [](const char* name) { return CsvColumn {0, QString::fromLatin1(name)}; };
    m.columns = {{CsvField::Date, header("timestamp")},
                 {CsvField::Amount, header("amount")},
                 {CsvField::Currency, header("currency")},
                 {CsvField::Description, header("description")},
                 {CsvField::Counterparty, header("counterparty")},
                 {CsvField::Category, header("category")},
                 {CsvField::Id, header("externalId")},
                 {CsvField::Account, header("accountName")}};
    return m;
}

namespace {

// The parse options of an import: rows whose file names no currency are in the chosen account's currency (else
// the currency of created accounts).
Result<ImportOptions> parseOptionsFor(const Ledger& ledger, const ImportServiceOptions& options)
{
    ImportOptions parse = options.parse;
    if (parse.defaultCurrency.isEmpty() && !options.account.trimmed().isEmpty()) {
        auto accounts = ledger.accounts();
        if (!accounts)
            return accounts.status();
        if (std::optional<Account> a = findAccount(*accounts, options.account))
            parse.defaultCurrency = a->currency;
    }
    if (parse.defaultCurrency.isEmpty())
        parse.defaultCurrency = options.newAccountCurrency;
    return parse;
}

} // namespace

Result<ImportSummary> importStatementFile(Ledger& ledger, const QString& path, const ImportServiceOptions& options)
{
    auto parse = parseOptionsFor(ledger, options);
    if (!parse)
        return parse.status();
    auto parsed = importFile(path, *parse);
    if (!parsed)
        return parsed.status();
    return importParsedFile(ledger, *parsed, QFileInfo(path).fileName(), options);
}

Result<ImportSummary> importStatementData(Ledger& ledger, const QByteArray& data, const QString& fileName,
                                          const ImportServiceOptions& options)
{
    auto parse = parseOptionsFor(ledger, options);
    if (!parse)
        return parse.status();
    auto parsed = importData(data, *parse, fileName);
    if (!parsed)
        return parsed.status();
    return importParsedFile(ledger, *parsed, fileName, options);
}

Result<ImportSummary> importParsedFile(Ledger& ledger, const ParsedFile& file, const QString& fileName,
                                       const ImportServiceOptions& options)
{
    ImportSummary summary;
    summary.format = file.format;
    summary.encoding = file.encoding;
    summary.errors = file.rowErrors;
    summary.warnings = file.warnings;

    auto accounts = ledger.accounts();
    if (!accounts)
        return accounts.status();

    // Map each statement onto an account, creating missing ones, except in a dry run and for a file that will be
    // refused for its parse errors.
    const bool mayCreate = !options.dryRun && (file.rowErrors.isEmpty() || options.skipErrors);
    QList<Target> targets;
    for (const ImportedStatement& st : file.statements) {
        Target t;
        t.statement = &st;
        const QString ref = !options.account.trimmed().isEmpty() ? options.account.trimmed()
            : !st.accountRef.trimmed().isEmpty()                 ? st.accountRef.trimmed()
                                                                 : st.accountName.trimmed();
        t.account = findAccount(*accounts, options.account);
        if (!t.account && options.account.trimmed().isEmpty()) {
            t.account = findAccount(*accounts, st.accountRef);
            if (!t.account)
                t.account = findAccount(*accounts, st.accountName);
        }
        if (!t.account) {
            if (!options.createAccounts || ref.isEmpty())
                return Status::invalidArgument(
                    QStringLiteral("account"),
                    ref.isEmpty() ? QStringLiteral("the file names no account: choose one with --account")
                                  : QStringLiteral("no account '%1' (use --create-accounts to create it)").arg(ref));
            NewAccount n;
            n.name = options.account.trimmed().isEmpty() && !st.accountName.trimmed().isEmpty()
                ? st.accountName.trimmed()
                : ref;
            n.name = n.name.left(kMaxAccountNameLength);
            n.type = options.newAccountType;
            n.currency = !options.newAccountCurrency.isEmpty() ? options.newAccountCurrency
                : !st.currency.isEmpty()                       ? st.currency
                : !options.parse.defaultCurrency.isEmpty()     ? options.parse.defaultCurrency
                                                               : QStringLiteral("EUR");
            if (std::optional<Account> existing = findAccount(*accounts, n.name)) {
                t.account = existing;
            } else if (mayCreate) {
                auto created = ledger.createAccount(n);
                if (!created)
                    return created.status();
                t.account = *created;
                accounts->append(*created);
            }
            t.name = n.name;
            t.currency = n.currency;
        }
        if (t.account) {
            t.name = t.account->name;
            t.currency = t.account->currency;
        }
        targets.append(t);
    }

    // Rows that the ledger would refuse are row errors too, named by their line.
    const qint64 now = ledger.clock().nowMs();
    QList<ImportRow> rows;
    QList<int> rowTarget; // index into targets, per row
    QList<const ImportedRow*> rowSource;
    qint64 badRows = file.rowErrorCount;
    for (int ti = 0; ti < targets.size(); ++ti) {
        const Target& t = targets[ti];
        for (const ImportedRow& r : t.statement->rows) {
            QString problem;
            QString field;
            if (r.amountMinor == 0) {
                field = QStringLiteral("amount");
                problem = QStringLiteral("is zero");
            } else if (r.amountMinor > kMaxAbsAmountMinor || r.amountMinor < -kMaxAbsAmountMinor) {
                field = QStringLiteral("amount");
                problem = QStringLiteral("is out of range");
            } else if (!r.currency.isEmpty() && r.currency != t.currency) {
                field = QStringLiteral("currency");
                problem = QStringLiteral("%1 differs from the account's currency %2").arg(r.currency, t.currency);
            } else if (r.bookedAtMs > now + kMaxFutureMs || r.bookedAtMs < 0) {
                field = QStringLiteral("date");
                problem = QStringLiteral("is out of range");
            }
            if (!problem.isEmpty()) {
                summary.errors.append(ImportIssue {r.line, 0, field, problem});
                ++badRows;
                continue;
            }
            ImportRow row;
            NewTransaction& n = row.transaction;
            n.accountId = t.account ? t.account->id : 0;
            n.amount = r.amountMinor;
            n.timestamp = r.bookedAtMs;
            QString description = r.description.simplified();
            if (description.isEmpty())
                description = r.counterparty.simplified();
            if (description.isEmpty())
                description = QStringLiteral("Imported transaction");
            n.description = description.left(kMaxDescriptionLength);
            n.counterparty = r.counterparty.simplified().left(kMaxCounterpartyLength);
            n.category = categoryFor(r.category);
            n.source = Source::Import;
            n.externalId = r.externalId;
            row.externalIdDerived = r.externalIdDerived;
            rows.append(row);
            rowTarget.append(ti);
            rowSource.append(&r);
        }
    }

    for (const Target& t : std::as_const(targets)) {
        const BalanceCheck check = checkBalances(*t.statement);
        if (check.checkable && !check.balanced)
            summary.warnings.append(ImportIssue {
                0, 0, QStringLiteral("balance"),
                QStringLiteral("statement of %1: opening balance + rows = %2 but the stated closing balance is %3 "
                               "(difference %4 minor units)")
                    .arg(t.name)
                    .arg(check.expectedClosingMinor)
                    .arg(*t.statement->closingBalanceMinor)
                    .arg(check.differenceMinor)});
    }

    summary.rows = rows.size() + badRows;
    if (!summary.errors.isEmpty() && !options.skipErrors) {
        summary.refused = true;
        summary.skipped = summary.rows;
    } else {
        // Rows of accounts a dry run would create are imported as they are (a new account has no duplicates but
        // repeated ids within the file); the others go through the ledger.
        QList<ImportRow> ledgerRows;
        QList<int> ledgerIndex;
        for (int i = 0; i < rows.size(); ++i) {
            if (targets[rowTarget[i]].account) {
                ledgerRows.append(rows[i]);
                ledgerIndex.append(i);
            }
        }
        ImportBatchOptions batch;
        batch.fileName = fileName;
        batch.format = file.format;
        batch.encoding = file.encoding;
        batch.skippedRows = badRows;
        batch.allowProbableDuplicates = options.allowProbableDuplicates;
        batch.dryRun = options.dryRun;
        ImportBatchResult result;
        if (!ledgerRows.isEmpty()) {
            auto written = ledger.importBatch(ledgerRows, batch);
            if (!written)
                return written.status();
            result = *written;
        } else {
            result.skipped = badRows;
        }
        for (int k = 0; k < ledgerIndex.size(); ++k) {
            const ImportOutcome o = result.outcomes[k];
            if (o == ImportOutcome::Imported || o == ImportOutcome::ProbableDuplicateImported)
                targets[rowTarget[ledgerIndex[k]]].importedSum += rows[ledgerIndex[k]].transaction.amount;
        }
        summary.imported = result.imported;
        summary.duplicates = result.duplicates;
        summary.probableDuplicates = result.probableDuplicates;
        summary.skipped = result.skipped;
        QSet<QString> newIds;
        for (int i = 0; i < rows.size(); ++i) {
            if (targets[rowTarget[i]].account)
                continue;
            const QString key = QString::number(rowTarget[i]) + QLatin1Char('/') + rows[i].transaction.externalId;
            if (!rows[i].transaction.externalId.isEmpty() && newIds.contains(key)) {
                ++summary.duplicates;
                ++summary.skipped;
                continue;
            }
            newIds.insert(key);
            ++summary.imported;
            targets[rowTarget[i]].importedSum += rows[i].transaction.amount;
        }
        if (!options.dryRun && !ledgerRows.isEmpty()) {
            summary.batchId = result.batchId;
            summary.writtenAccountIds = result.importedPerAccount.keys();
            std::sort(summary.writtenAccountIds.begin(), summary.writtenAccountIds.end());
        }
    }

    for (const Target& t : std::as_const(targets)) {
        ImportAccountSummary a;
        a.accountId = t.account ? t.account->id : 0;
        a.accountName = t.name;
        a.statedClosingBalanceMinor = t.statement->closingBalanceMinor;
        qint64 imported = 0;
        for (int i = 0; i < rows.size(); ++i)
            if (targets[rowTarget[i]].statement == t.statement)
                ++imported;
        a.imported = summary.refused ? 0 : imported;
        a.closingBalanceMinor = (t.account ? t.account->balance : 0) + (summary.refused ? 0 : t.importedSum);
        // Accounts shared by several statements are listed once.
        auto same = std::find_if(summary.accounts.begin(), summary.accounts.end(), [&](const ImportAccountSummary& s) {
            return s.accountId != 0 && s.accountId == a.accountId;
        });
        if (same == summary.accounts.end())
            summary.accounts.append(a);
    }
    return summary;
}

} // namespace ledgerguard
