// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportService.h"

#include "backup/Backup.h"
#include "import/Csv.h"
#include "import/ImportOptionText.h"
#include "import/ImportValues.h"
#include "import/Importer.h"
#include "import/RowOrder.h"
#include "money/Money.h"
#include "util/Plural.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

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

AccountType statementAccountType(const ImportedStatement& statement)
{
    const QString kind = statement.accountType.trimmed().toUpper();
    if (kind == QLatin1String("CREDITCARD") || kind == QLatin1String("CCARD") || kind == QLatin1String("CARD"))
        return AccountType::CreditCard;
    if (kind == QLatin1String("SAVINGS") || kind == QLatin1String("MONEYMRKT") || kind == QLatin1String("SVGS")
        || kind == QLatin1String("MOMA"))
        return AccountType::Savings;
    return AccountType::Checking;
}

std::optional<Account> findAccount(const QList<Account>& accounts, const QString& ref)
{
    const QString r = ref.trimmed();
    if (r.isEmpty())
        return std::nullopt;
    bool numeric = false;
    const qint64 id = r.toLongLong(&numeric);
    // The id first: an account named by a number (a statement's account number) does not hide another's id.
    if (numeric) {
        const auto byId
            = std::find_if(accounts.cbegin(), accounts.cend(), [id](const Account& a) { return a.id == id; });
        if (byId != accounts.cend())
            return *byId;
    }
    const auto byName
        = std::find_if(accounts.cbegin(), accounts.cend(), [&r](const Account& a) { return a.name == r; });
    return byName != accounts.cend() ? std::optional<Account>(*byName) : std::nullopt;
}

namespace {

// The ledger's category key for a parsed category text: a known key, a common name of one ("Salary", "Bank fees",
// "Miete"), else "other".
QString categoryFor(const QString& text)
{
    static const QHash<QString, Category> names = [] {
        QHash<QString, Category> t;
        const auto add = [&t](Category c, std::initializer_list<const char*> list) {
            for (const char* n : list)
                t.insert(QString::fromUtf8(n), c);
        };
        add(Category::Payroll,
            {"salary", "salaries", "wages", "paycheck", "gehalt", "lohn", "löhne", "salaire", "salaires", "nómina",
             "nomina", "stipendio", "stipendi", "loon", "salario"});
        add(Category::Rent, {"rent", "miete", "loyer", "alquiler", "affitto", "huur"});
        add(Category::Utilities,
            {"utility", "electricity", "gas & electric", "water", "internet", "phone", "mobile phone", "strom",
             "nebenkosten", "energie", "électricité", "electricite"});
        add(Category::Fees,
            {"fee", "bank fees", "bank fee", "bank charges", "charges", "service charges", "gebühren", "bankgebühren",
             "frais", "frais bancaires", "commissioni", "comisiones", "srvchg"});
        add(Category::Tax, {"taxes", "steuern", "steuer", "impôts", "impots", "impuestos", "tasse"});
        // (OFX's TRNTYPE codes where they name one: INT, XFER, SRVCHG, POS.)
        add(Category::Interest,
            {"interest income", "interest paid", "zinsen", "intérêts", "interets", "intereses", "int"});
        add(Category::Transfer,
            {"transfers", "umbuchung", "virement", "virements", "transferencia", "bonifico", "xfer"});
        add(Category::Refund,
            {"refunds", "returns", "refunds/adjustments", "erstattung", "remboursement", "reembolso", "rimborso"});
        add(Category::CardSpend, {"card", "card payment", "card purchase", "kartenzahlung", "pos"});
        return t;
    }();
    QString key = text.trimmed().toLower();
    if (categoryFromKey(key))
        return key;
    key.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (const auto it = names.constFind(key); it != names.cend())
        return categoryKey(*it);
    return categoryKey(Category::Other);
}

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

QJsonObject refusedImportJson(const Status& status, const QString& format)
{
    static const QRegularExpression position(QStringLiteral("^line (\\d+)(?:, column (\\d+))?: "));
    ImportIssue issue;
    issue.field = status.field();
    issue.message = status.message();
    if (const QRegularExpressionMatch m = position.match(issue.message); m.hasMatch()) {
        issue.line = m.captured(1).toInt();
        issue.column = m.captured(2).toInt();
        issue.message = issue.message.mid(m.capturedLength());
    }
    ImportSummary summary;
    summary.format = format;
    summary.errors.append(issue);
    QJsonObject out = summary.toJson();
    out.insert(QStringLiteral("error"), status.toString());
    out.insert(QStringLiteral("code"), Status::codeName(status.code()));
    if (status.isInvalidArgument() && !status.field().isEmpty())
        out.insert(QStringLiteral("fields"), QJsonObject {{status.field(), status.message()}});
    return out;
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
        QString column = part.mid(eq + 1).trimmed();
        if (*field == CsvField::Amount && column.size() > 1 && column.startsWith(QLatin1Char('-'))) {
            mapping->negateAmount = true; // amount=-Amount: money out is positive in that column
            column = column.mid(1).trimmed();
        }
        CsvColumn c;
        bool numeric = false;
        const int index = column.toInt(&numeric);
        if (numeric && index < 1)
            return Status::invalidArgument(QStringLiteral("map"),
                                           QStringLiteral("'%1': columns are numbered from 1").arg(part.trimmed()));
        if (numeric)
            c.index = index;
        else
            c.header = column;
        mapping->columns.append({*field, c});
    }
    return Status::ok();
}

Status applyHeaderLine(const QString& spec, CsvMapping* mapping)
{
    const QString t = spec.trimmed();
    if (t.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        mapping->headerLine = -1;
        return Status::ok();
    }
    bool numeric = !t.isEmpty() && std::all_of(t.cbegin(), t.cend(), [](QChar c) { return c.isDigit(); });
    const int line = numeric ? t.toInt(&numeric) : 0;
    if (!numeric || line < 1)
        return Status::invalidArgument(QStringLiteral("headerLine"),
                                       QStringLiteral("'%1' is not a line number (1, 2, ...) or none").arg(t));
    mapping->headerLine = line;
    return Status::ok();
}

namespace {

// A parser's refusal of the file as the caller's error (ImportService.h): Corruption (malformed input) becomes
// InvalidArgument("file"), Unsupported (an encoding without a converter) InvalidArgument("encoding").
Status fileError(const Status& parsed)
{
    switch (parsed.code()) {
    case Status::Code::Corruption:
        return Status::invalidArgument(QStringLiteral("file"), parsed.message());
    case Status::Code::Unsupported:
        return Status::invalidArgument(QStringLiteral("encoding"), parsed.message());
    default:
        return parsed;
    }
}

// Rows handed to the ledger's import session at a time: memory stays bounded by a few chunks.
constexpr qsizetype kRowsPerChunk = 4096;

// The parse options of an import: rows whose file names no currency are in the chosen account's currency (else
// the currency of created accounts).
Result<ImportOptions> parseOptionsFor(const Ledger& ledger, const ImportServiceOptions& options)
{
    ImportOptions parse = options.parse;
    parse.cardAccount = options.newAccountType == AccountType::CreditCard;
    parse.accountChosen = !options.account.trimmed().isEmpty();
    if (parse.accountChosen) {
        auto accounts = ledger.accounts();
        if (!accounts)
            return accounts.status();
        if (std::optional<Account> a = findAccount(*accounts, options.account)) {
            if (parse.defaultCurrency.isEmpty())
                parse.defaultCurrency = a->currency;
            parse.cardAccount = a->type == AccountType::CreditCard;
        }
    }
    if (parse.defaultCurrency.isEmpty())
        parse.defaultCurrency = options.newAccountCurrency;
    return parse;
}

// What a row stores besides its amount and date, computed from the parsed row alone (no ledger state), so a
// streamed CSV import computes it on the parsing thread: the description (else the counterparty, else "Imported
// transaction") and the counterparty as importedText stores them, the category key, and the warnings of the text
// cleaning (reported only when the row is imported).
struct RowTexts
{
    QString description;
    QString counterparty;
    QString category;
    QList<ImportIssue> warnings;
};

// Sets out->description from the row's, given out->counterparty.
void setDescription(const ImportedRow& r, RowTexts* out)
{
    out->description
        = importedText(r.description, kMaxDescriptionLength, r.line, QStringLiteral("description"), &out->warnings);
    if (out->description.isEmpty())
        out->description = out->counterparty;
    if (out->description.isEmpty())
        out->description = QStringLiteral("Imported transaction");
}

RowTexts rowTexts(const ImportedRow& r)
{
    RowTexts out;
    out.counterparty
        = importedText(r.counterparty, kMaxCounterpartyLength, r.line, QStringLiteral("counterparty"), &out.warnings);
    setDescription(r, &out);
    out.category = categoryFor(r.category);
    return out;
}

// rowTexts for a stream of rows, with the counterparties and categories seen before shared instead of cleaned
// again (bank files repeat them): at most kMaxShared of each are remembered.
class RowTextCache
{
public:
    static constexpr qsizetype kMaxShared = 4096;

    RowTexts of(const ImportedRow& r)
    {
        const auto counterparty = m_counterparties.constFind(r.counterparty);
        const auto category = m_categories.constFind(r.category);
        if (counterparty == m_counterparties.cend() || category == m_categories.cend()) {
            RowTexts texts = rowTexts(r);
            if (texts.warnings.isEmpty()) {
                remember(&m_counterparties, r.counterparty, texts.counterparty);
                remember(&m_categories, r.category, texts.category);
            }
            return texts;
        }
        RowTexts out;
        out.counterparty = *counterparty;
        setDescription(r, &out);
        out.category = *category;
        return out;
    }

private:
    static void remember(QHash<QString, QString>* shared, const QString& raw, const QString& stored)
    {
        if (shared->size() >= kMaxShared)
            shared->clear();
        shared->insert(raw, stored);
    }

    QHash<QString, QString> m_counterparties; // parsed -> stored (only texts that needed no warning)
    QHash<QString, QString> m_categories; // parsed -> category key
};

// A parsed row made ready for the ledger without the ledger: its texts (rowTexts), the checks that do not depend
// on the account it goes to, and the ImportRow to write (all but its accountId), with what the duplicate checks
// compute from the row alone. A streamed CSV import prepares its rows on the parsing thread.
struct PreparedRow
{
    ImportRow row;
    int line = 0;
    QString currency; // as parsed; compared with the target account's
    ImportIssue amountProblem; // field empty: none
    bool zeroAmount = false; // moves no money (a card check, a waived fee): skipped with a warning
    ImportIssue dateProblem; // field empty: none
    QList<ImportIssue> warnings; // of the text cleaning, reported when the row is imported
    QString otherCategory; // the file's category text where it is none of the ledger's (imported as "other")
};

PreparedRow prepareRow(const ImportedRow& r, RowTexts&& texts, qint64 now)
{
    PreparedRow p;
    p.line = r.line;
    p.currency = r.currency;
    if (r.amountMinor == 0)
        p.zeroAmount = true;
    else if (r.amountMinor > kMaxAbsAmountMinor || r.amountMinor < -kMaxAbsAmountMinor)
        p.amountProblem = {
            r.line, 0, QStringLiteral("amount"),
            QStringLiteral("is out of range (%1 minor units; at most ±%2)").arg(r.amountMinor).arg(kMaxAbsAmountMinor)};
    if (r.bookedAtMs > now + kMaxFutureMs)
        p.dateProblem = {r.line, 0, QStringLiteral("date"),
                         QStringLiteral("%1 is in the future (today is %2; check the date format)")
                             .arg(QDateTime::fromMSecsSinceEpoch(r.bookedAtMs, Qt::UTC).date().toString(Qt::ISODate),
                                  QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).date().toString(Qt::ISODate))};
    else if (r.bookedAtMs < 0)
        p.dateProblem = {r.line, 0, QStringLiteral("date"),
                         QStringLiteral("%1 is before 1970 (check the date format)")
                             .arg(QDateTime::fromMSecsSinceEpoch(r.bookedAtMs, Qt::UTC).date().toString(Qt::ISODate))};
    p.row.statedBalance = r.balanceAfterMinor;
    NewTransaction& n = p.row.transaction;
    n.amount = r.amountMinor;
    n.timestamp = r.bookedAtMs;
    n.description = std::move(texts.description);
    n.counterparty = std::move(texts.counterparty);
    n.category = std::move(texts.category);
    if (n.category == categoryKey(Category::Other))
        if (const QString named = r.category.trimmed(); !named.isEmpty() && named.toLower() != n.category)
            p.otherCategory = named.left(40);
    n.source = Source::Import;
    n.externalId = r.externalId;
    p.row.externalIdDerived = r.externalIdDerived;
    prepareImportRow(&p.row);
    p.warnings = std::move(texts.warnings);
    return p;
}

// What a file's balance column (ImportedRow::balanceAfterMinor) states about one account's rows: the balance before
// the oldest rows and after the newest, whatever order the file lists them in (newest first, oldest first, the rows
// of one time in either). Among the rows of the oldest time, each row's balance before it (stated balance - amount)
// is another row's balance after it, except the first's: the opening is what is left of the one multiset after
// taking away the other. The closing is found the same way among the rows of the newest time.
class StatedBalances
{
public:
    void add(int line, qint64 amount, qint64 time, std::optional<qint64> balance)
    {
        if (!checkedAdd(m_sum, amount, &m_sum))
            m_overflow = true;
        if (!m_tooManyTimes) {
            const auto [it, inserted] = m_times.try_emplace(time);
            if (inserted && m_times.size() > kMaxTimes) {
                m_tooManyTimes = true;
                m_times.clear();
            } else {
                AtTime& at = it->second;
                qint64 before = 0;
                if (!checkedAdd(at.sum, amount, &at.sum) || (balance && !checkedAdd(*balance, -amount, &before)))
                    m_overflow = true;
                if (!balance)
                    ++at.unstated;
                else if (at.balances.size() < kMaxRowsAtOneTime)
                    at.balances.push_back({*balance, before, line});
                else
                    m_tooManyTimes = true; // one time's rows beyond counting: no ends by time
            }
        }
        if (!balance) {
            if (m_unstated++ == 0)
                m_unstatedOldest = m_unstatedNewest = time;
            m_unstatedOldest = std::min(m_unstatedOldest, time);
            m_unstatedNewest = std::max(m_unstatedNewest, time);
            return;
        }
        ++m_rows;
        qint64 before = 0;
        // Balances beyond any account's are not checked (and differences of those within bounds cannot overflow).
        if (*balance > kMaxStatedBalance || *balance < -kMaxStatedBalance || !checkedAdd(*balance, -amount, &before))
            m_overflow = true;
        for (End* end : {&m_oldest, &m_newest}) {
            const bool newer = end == &m_newest;
            if (m_rows == 1 || (newer ? time > end->time : time < end->time))
                *end = End {time, {}, {}, {}};
            if (time != end->time)
                continue;
            if (end->before.size() >= kMaxRowsAtOneTime) {
                end->tooMany = true;
                continue;
            }
            end->before.push_back(before);
            end->after.push_back(*balance);
            end->lines.push_back(line);
        }
    }

    // Every good row stated a balance, or all but a few (at most one in five) between the oldest and the newest
    // rows' times (Nordea's card row with an empty Saldo): the ends are stated and the sum holds every row.
    bool stated() const
    {
        return m_rows > 0
            && (m_unstated == 0
                || (4 * m_unstated <= m_rows && m_unstatedOldest > m_oldest.time && m_unstatedNewest < m_newest.time));
    }
    qint64 sum() const { return m_sum; }

    struct Ends
    {
        qint64 opening = 0; // before the oldest row
        qint64 closing = 0; // after the newest row
        int closingLine = 0;
        qint64 oldestTime = 0;
    };
    // The ends of a column that states the balance on some rows only (Truist's and AIB's balance on the day's last
    // row): each time's balance after its rows (endOf) must follow from the one before by the time's amounts, the
    // newest time's is the closing and the opening is that less every row's amount. Empty when a time that states
    // balances has no clear end, when one does not follow, or past kMaxTimes times.
    std::optional<Ends> endsByTime() const
    {
        if (m_rows == 0 || m_overflow || m_tooManyTimes || m_times.empty())
            return std::nullopt;
        const AtTime& newest = m_times.rbegin()->second;
        const std::optional<std::pair<qint64, int>> closing = endOf(newest);
        qint64 running = 0;
        if (!closing || !checkedAdd(closing->first, -m_sum, &running))
            return std::nullopt;
        const qint64 opening = running;
        for (const auto& [time, at] : m_times) {
            if (!checkedAdd(running, at.sum, &running))
                return std::nullopt;
            if (at.balances.empty())
                continue;
            const std::optional<std::pair<qint64, int>> end = endOf(at);
            if (!end || end->first != running)
                return std::nullopt;
        }
        return Ends {opening, closing->first, closing->second, m_times.cbegin()->first};
    }

    // True when the rows go newest first (the newest time's first row comes before the oldest time's in the file),
    // false oldest first, nullopt for rows all of one time.
    std::optional<bool> newestFirst() const
    {
        if (m_rows == 0 || m_newest.time == m_oldest.time)
            return std::nullopt;
        return m_newest.lines[firstInFile(m_newest)] < m_oldest.lines[firstInFile(m_oldest)];
    }

    // The ends, when stated() and each end's rows follow from one another; else empty, and `unclearTime` is set to
    // the time whose rows do not. `fileNewestFirst`: the file's other accounts' rows go newest first, which orders an
    // account's rows all of one time (a PayPal currency's conversion and payment of one second).
    std::optional<Ends> ends(qint64* unclearTime, bool fileNewestFirst) const
    {
        if (!stated() || m_overflow)
            return std::nullopt;
        Ends e;
        e.oldestTime = m_oldest.time;
        const LeftOver opening = leftOver(m_oldest.before, m_oldest.after, m_oldest, &e.opening, nullptr);
        const LeftOver closing = leftOver(m_newest.after, m_newest.before, m_newest, &e.closing, &e.closingLine);
        if (opening == LeftOver::Many || closing == LeftOver::Many) {
            *unclearTime = opening == LeftOver::Many ? m_oldest.time : m_newest.time;
            return std::nullopt;
        }
        // An end whose balances come back to where they started (its rows add up to zero) is the other end less
        // (or plus) the rows' sum, when that is one of its balances; else it is taken in the file's order, newest
        // first when the newest rows come first in the file.
        const bool rowsNewestFirst = newestFirst().value_or(fileNewestFirst);
        if (opening == LeftOver::None) {
            qint64 fromClosing = 0;
            if (closing == LeftOver::One && checkedAdd(e.closing, -m_sum, &fromClosing)
                && std::find(m_oldest.before.cbegin(), m_oldest.before.cend(), fromClosing) != m_oldest.before.cend())
                e.opening = fromClosing;
            else
                e.opening = m_oldest.before[rowsNewestFirst ? lastInFile(m_oldest) : firstInFile(m_oldest)];
        }
        if (closing == LeftOver::None) {
            qint64 fromOpening = 0;
            const auto at = checkedAdd(e.opening, m_sum, &fromOpening)
                ? std::find(m_newest.after.cbegin(), m_newest.after.cend(), fromOpening)
                : m_newest.after.cend();
            const size_t i = at != m_newest.after.cend() ? size_t(at - m_newest.after.cbegin())
                : rowsNewestFirst                        ? firstInFile(m_newest)
                                                         : lastInFile(m_newest);
            e.closing = m_newest.after[i];
            e.closingLine = m_newest.lines[i];
        }
        return e;
    }

private:
    static constexpr size_t kMaxRowsAtOneTime = 100000;
    static constexpr qint64 kMaxStatedBalance = kMaxAbsAmountMinor * 1000;
    struct End
    {
        qint64 time = 0;
        std::vector<qint64> before, after; // of the rows at `time`, in the order they were added
        std::vector<int> lines;
        bool tooMany = false;
    };
    // The index of an end's row nearest the file's start, and nearest its end (a reader may hand the rows over in
    // another order than the file's: a newest-first CSV's, oldest first).
    static size_t firstInFile(const End& end)
    {
        return size_t(std::min_element(end.lines.cbegin(), end.lines.cend()) - end.lines.cbegin());
    }
    static size_t lastInFile(const End& end)
    {
        return size_t(std::max_element(end.lines.cbegin(), end.lines.cend()) - end.lines.cbegin());
    }
    enum class LeftOver { One, None, Many };
    // The value of `from` that `take` does not hold (multisets of equal size), with its line.
    static LeftOver leftOver(const std::vector<qint64>& from, const std::vector<qint64>& take, const End& end,
                             qint64* value, int* line)
    {
        if (end.tooMany)
            return LeftOver::Many;
        std::vector<size_t> order(from.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return from[a] < from[b]; });
        std::vector<qint64> taken = take;
        std::sort(taken.begin(), taken.end());
        std::optional<size_t> left;
        size_t j = 0;
        for (size_t i : order) {
            while (j < taken.size() && taken[j] < from[i])
                ++j;
            if (j < taken.size() && taken[j] == from[i]) {
                ++j;
                continue;
            }
            if (left)
                return LeftOver::Many;
            left = i;
        }
        if (!left)
            return LeftOver::None;
        *value = from[*left];
        if (line != nullptr)
            *line = end.lines[*left];
        return LeftOver::One;
    }

    // Per time of the rows: the sum of their amounts and the balances they state (with their lines), for
    // endsByTime; given up past kMaxTimes times.
    struct AtTime
    {
        struct Stated
        {
            qint64 after = 0, before = 0; // the balance stated after the row, and that less its amount
            int line = 0;
        };
        qint64 sum = 0;
        qint64 unstated = 0; // rows without a balance
        std::vector<Stated> balances;
    };
    // The balance after a time's rows, with its line: where some of them state none, the one balance stated (a
    // day's last row); where all state one, the balance no other row of the time starts from. Empty when unclear.
    static std::optional<std::pair<qint64, int>> endOf(const AtTime& at)
    {
        if (at.balances.empty())
            return std::nullopt;
        if (at.unstated > 0) {
            if (at.balances.size() != 1)
                return std::nullopt;
            return std::pair {at.balances.front().after, at.balances.front().line};
        }
        std::vector<qint64> befores;
        befores.reserve(at.balances.size());
        for (const AtTime::Stated& b : at.balances)
            befores.push_back(b.before);
        std::sort(befores.begin(), befores.end());
        std::optional<std::pair<qint64, int>> end;
        for (const AtTime::Stated& b : at.balances) {
            const auto it = std::lower_bound(befores.begin(), befores.end(), b.after);
            if (it != befores.end() && *it == b.after) {
                befores.erase(it);
                continue;
            }
            if (end)
                return std::nullopt; // two balances no row starts from
            end = std::pair {b.after, b.line};
        }
        return end;
    }
    static constexpr size_t kMaxTimes = 100000;
    std::map<qint64, AtTime> m_times;
    bool m_tooManyTimes = false;
    qint64 m_rows = 0;
    qint64 m_unstated = 0;
    qint64 m_unstatedOldest = 0, m_unstatedNewest = 0; // the times of the rows without a balance
    qint64 m_sum = 0;
    bool m_overflow = false;
    End m_oldest;
    End m_newest;
};

// One account an import writes to.
struct Target
{
    // An amount in the account's currency as a message shows it ("850.00 EUR").
    QString money(qint64 minor) const { return Money(minor, account.currency).formatWithCurrency(); }
    // How a message names the account's opening by this import: "account X created" or "account X, which had no
    // transactions, opened".
    QString openedWords() const
    {
        return QStringLiteral("account ") + account.name
            + (created ? QStringLiteral(" created") : QStringLiteral(", which had no transactions, opened"));
    }

    Account account;
    bool created = false; // created by this import
    // There before without a single transaction (made beforehand to import into): opened with the statement's
    // opening balance as a created account is, so that its balance after the import is the bank's.
    bool empty = false;
    bool opened = false; // given its opening balance by this import
    // The balances of each statement (OFX, camt, MT940, QIF) that went to the account, in file order: a new or empty
    // account opens with the oldest statement's opening balance (openFromStatements).
    struct StatementEnds
    {
        std::optional<qint64> opening;
        std::optional<qint64> closing;
        std::optional<qint64> oldestRow; // the time of its oldest row
        std::optional<qint64> closingAt; // the date of its closing balance
        bool summable = true; // its rows add up in its currency (no overflow, none in another currency)
    };
    QList<StatementEnds> statements;
    qint64 balanceBefore = 0;
    qint64 imported = 0;
    qint64 importedSum = 0;
    std::optional<qint64> statedClosingBalanceMinor;
    std::optional<qint64> statedClosingAtMs; // the date of statedClosingBalanceMinor, when its statement gives one
    StatedBalances balanceColumn; // the rows' stated balances (a CSV's balance column)
    qint64 rowsSum = 0; // of the good rows
    bool rowsSumOverflow = false;
    std::optional<qint64> oldestTime; // of the good rows
    std::optional<qint64> lastStatedBalance; // the balance column's value on the last good row, when it had one
    // The last good row as the balance column sees it: a row that repeats it, its stated balance too, is a line the
    // bank wrote twice (its balance did not move), left out of the column's sum.
    struct Written
    {
        qint64 amount = 0;
        qint64 time = 0;
        QString description;
        QString counterparty;
        std::optional<qint64> balance;
    };
    std::optional<Written> lastWritten;
};

// One import in progress: maps statements onto accounts (creating missing ones inside the import's transaction),
// turns parsed rows into ledger rows (rows the ledger would refuse become row errors), and hands them to the
// ledger's import session in chunks of kRowsPerChunk.
class ImportSession
{
public:
    ImportSession(Ledger& ledger, const ImportServiceOptions& options)
        : m_ledger(ledger)
        , m_options(options)
        , m_now(ledger.clock().nowMs())
    { }

    Status begin(const QString& fileName, const QString& format, const QString& encoding)
    {
        auto accounts = m_ledger.accounts();
        if (!accounts)
            return accounts.status();
        m_accounts = *accounts;
        // A chosen account that does not exist is named at once, before any row asks for its currency; so is a name
        // that several accounts have (the ledger allows it): no statement goes into one of them by chance.
        const QString chosen = m_options.account.trimmed();
        if (!chosen.isEmpty() && !m_options.createAccounts && !findAccount(m_accounts, chosen))
            return Status::invalidArgument(
                QStringLiteral("account"),
                QStringLiteral("no account '%1' (use %2 to create it)")
                    .arg(chosen.left(kMaxAccountNameLength), importOptionText(ImportOptionMention::CreateAccounts)));
        if (const std::optional<Account> found = findAccount(m_accounts, chosen); found && found->name == chosen) {
            QStringList ids;
            for (const Account& a : std::as_const(m_accounts))
                if (a.name == chosen)
                    ids.append(QString::number(a.id));
            if (ids.size() > 1)
                return Status::invalidArgument(
                    QStringLiteral("account"),
                    QStringLiteral("%1 accounts are named '%2' (ids %3): choose one by its id")
                        .arg(ids.size())
                        .arg(chosen.left(kMaxAccountNameLength), ids.join(QStringLiteral(", "))));
        }
        // A backup before every import that writes (core/backup); without one, no import.
        if (!m_options.dryRun && !m_ledger.isReadOnly()) {
            if (auto saved = backup::create(*m_ledger.database(), m_ledger.clock()); !saved)
                return saved.status();
        }
        ImportBatchOptions batch;
        batch.fileName = fileName;
        batch.format = format;
        batch.encoding = encoding;
        batch.allowProbableDuplicates = m_options.allowProbableDuplicates;
        batch.dryRun = m_options.dryRun;
        auto writer = m_ledger.beginImport(batch);
        if (!writer)
            return writer.status();
        m_writer = std::move(*writer);
        m_summary.format = format;
        m_summary.encoding = encoding;
        return Status::ok();
    }

    // Keeps the rows of each written chunk for takeSpentRows instead of destroying them: a streamed import has them
    // destroyed by the thread that made their texts, which spares the writing thread the frees (and glibc's
    // locking of the other thread's arena for each).
    void keepSpentRows() { m_keepSpent = true; }
    QList<QList<ImportRow>> takeSpentRows() { return std::exchange(m_spent, {}); }

    // The time of the import (the ledger clock's when the session was made): rows dated after it by more than
    // kMaxFutureMs are refused.
    qint64 now() const { return m_now; }

    void setEncoding(const QString& encoding)
    {
        m_summary.encoding = encoding;
        m_writer->setEncoding(encoding);
    }

    // The closing balance of an account that several statements of the file go to (a bank's daily statements) is the
    // latest statement's: by the closing balance's date, else the later in the file.
    static void noteClosing(Target& t, const ImportedStatement& st)
    {
        if (!st.closingBalanceMinor)
            return;
        if (t.statedClosingBalanceMinor && t.statedClosingAtMs && st.closingBalanceAtMs
            && *st.closingBalanceAtMs < *t.statedClosingAtMs)
            return;
        t.statedClosingBalanceMinor = st.closingBalanceMinor;
        t.statedClosingAtMs = st.closingBalanceAtMs;
    }

    // The target of a statement (its rows' account): by options.account, else accountRef, else (a statement that
    // names no account number) accountName; created when missing and createAccounts is on, named by the account
    // number where there is one (camt's Ownr/Nm is the owner, the same for all of a person's accounts). Errors:
    // InvalidArgument("account").
    Result<int> targetFor(const ImportedStatement& st)
    {
        // (A statement file's statements of one number in two currencies are two accounts' (below); a CSV file's
        // rows in another currency find theirs by the account name they carry.)
        const QString key = st.accountRef + QLatin1Char('\n') + st.accountName
            + (m_summary.format != u"csv" ? QLatin1Char('\n') + st.currency : QString());
        if (auto it = m_targetByStatement.constFind(key); it != m_targetByStatement.cend()) {
            noteClosing(m_targets[*it], st);
            return *it;
        }
        const QString chosen = m_options.account.trimmed();
        QString ref = !chosen.isEmpty()          ? chosen
            : !st.accountRef.trimmed().isEmpty() ? st.accountRef.trimmed()
                                                 : st.accountName.trimmed();
        std::optional<Account> account = findAccount(m_accounts, chosen);
        if (!account && chosen.isEmpty()) {
            account = findAccount(m_accounts, st.accountRef);
            // (An account earlier versions named after MT940's ":25:" with the slash or two before its number, as ING
            // Romania and Raiffeisen write it: "/RO19INGB...".)
            // (And one they named after a CSV's account number with the apostrophe a spreadsheet put before it.)
            if (!account && !st.accountRef.trimmed().isEmpty() && m_summary.format == u"csv")
                account = findAccount(m_accounts, QLatin1Char('\'') + st.accountRef.trimmed());
            for (const QLatin1String slashes : {QLatin1String("/"), QLatin1String("//")})
                if (!account && !st.accountRef.trimmed().isEmpty())
                    account = findAccount(m_accounts, slashes + st.accountRef.trimmed());
            // (And one they named with the currency that follows the number there: ING's "NL69INGB0123456789EUR"; and
            // the other way round, the account of the number alone, in that currency, for a statement that keeps the
            // code because its file holds the number in several currencies.)
            for (const QLatin1String space : {QLatin1String(""), QLatin1String(" ")})
                if (!account && !st.accountRef.trimmed().isEmpty() && !st.currency.isEmpty())
                    account = findAccount(m_accounts, st.accountRef.trimmed() + space + st.currency);
            if (const QString ref = st.accountRef.trimmed(); !account && m_summary.format == u"mt940"
                && !st.currency.isEmpty() && ref.size() > 3 && ref.endsWith(st.currency))
                if (const std::optional<Account> number = findAccount(m_accounts, ref.chopped(3).trimmed());
                    number && number->currency == st.currency)
                    account = number;
            if (!account && st.accountRef.trimmed().isEmpty())
                account = findAccount(m_accounts, st.accountName);
            // The account number in another currency than its account's (a multi-currency account states a statement
            // per currency: camt's Acct/Ccy, an MT940 message's balances): the account of the number and that
            // currency, "LT12... USD", created as the others are.
            if (account && m_summary.format != u"csv" && !st.currency.isEmpty() && account->currency != st.currency
                && !st.accountRef.trimmed().isEmpty()) {
                ref = st.accountRef.trimmed() + QLatin1Char(' ') + st.currency;
                account = findAccount(m_accounts, ref);
            }
        }
        bool created = false;
        if (!account) {
            if (!m_options.createAccounts || ref.isEmpty())
                return Status::invalidArgument(
                    QStringLiteral("account"),
                    ref.isEmpty() ? (m_summary.format == u"csv"
                                         ? QStringLiteral("the file names no account: choose one with %1, or map "
                                                          "the column that names each row's account with %2")
                                               .arg(importOptionText(ImportOptionMention::Account),
                                                    importOptionText(ImportOptionMention::MapAccountColumn))
                                         : QStringLiteral("the file names no account: choose one with %1")
                                               .arg(importOptionText(ImportOptionMention::Account)))
                                  : QStringLiteral("no account '%1' (use %2 to create it)")
                                        .arg(ref, importOptionText(ImportOptionMention::CreateAccounts)));
            NewAccount n;
            n.name = importedText(ref, kMaxAccountNameLength, 0, QStringLiteral("account"), &m_summary.warnings);
            n.type = m_options.newAccountType.value_or(statementAccountType(st));
            // The currency the statement states is the account's (a camt file with a CHF and a EUR account);
            // the caller's is for statements that state none.
            n.currency = !st.currency.isEmpty()              ? st.currency
                : !m_options.newAccountCurrency.isEmpty()    ? m_options.newAccountCurrency
                : !m_options.parse.defaultCurrency.isEmpty() ? m_options.parse.defaultCurrency
                                                             : QStringLiteral("EUR");
            account = findAccount(m_accounts, n.name);
            if (!account) {
                auto made = createAccount(n);
                if (!made)
                    return made.status();
                account = *made;
                created = true;
            }
        }
        const int index = targetOf(*account, created);
        Target& t = m_targets[index];
        noteClosing(t, st);
        m_targetByStatement.insert(key, index);
        return index;
    }

    // Notes the balances of a statement whose rows went to `target` (once per statement).
    void noteStatement(int target, const ImportedStatement& st)
    {
        Target::StatementEnds ends;
        ends.opening = st.openingBalanceMinor;
        ends.closing = st.closingBalanceMinor;
        ends.closingAt = st.closingBalanceAtMs;
        for (const ImportedRow& r : st.rows)
            ends.oldestRow = std::min(ends.oldestRow.value_or(r.bookedAtMs), r.bookedAtMs);
        const BalanceCheck check = checkBalances(st);
        ends.summable = !check.overflow && check.rowsInOtherCurrencies == 0;
        m_targets[target].statements.append(ends);
    }

    // Creates the account `n` in this import's batch, known to the accounts it looks up from then on.
    Result<Account> createAccount(const NewAccount& n)
    {
        auto made = m_writer->createAccount(n);
        if (made)
            m_accounts.append(*made);
        return made;
    }

    // The index of the target of `account`, added when it has none yet.
    int targetOf(const Account& account, bool created)
    {
        for (int i = 0; i < m_targets.size(); ++i)
            if (m_targets[i].account.id == account.id)
                return i;
        Target t;
        t.account = account;
        t.created = created;
        t.empty = !created && account.transactionCount == 0 && !account.closedAt;
        t.balanceBefore = account.balance; // of a created account, 0
        m_targets.append(t);
        return int(m_targets.size() - 1);
    }

    // The target of a streamed CSV row: one statement per account column value (numbered `key` in the order of
    // first appearance), in the currency of its first row. A row in another currency than the main one of its account
    // (ImportedRow::mainCurrency; numbered for its account and currency) has the account named with the currency after
    // the main account's name, created when missing and createAccounts is on; else the main account (where the row's
    // currency is then an error).
    Result<int> targetForRow(const QString& accountRef, int key, const QString& currency,
                             const QString& mainCurrency = {})
    {
        if (key < m_targetByKey.size() && m_targetByKey[key] >= 0)
            return m_targetByKey[key];
        ImportedStatement st;
        st.accountRef = accountRef;
        st.currency = mainCurrency.isEmpty() ? currency : mainCurrency;
        auto target = targetFor(st);
        if (!target)
            return target;
        if (const Account main = m_targets[*target].account; !mainCurrency.isEmpty() && main.currency != currency) {
            const QString name = importedText(main.name + QLatin1Char(' ') + currency, kMaxAccountNameLength, 0,
                                              QStringLiteral("account"), &m_summary.warnings);
            std::optional<Account> account = findAccount(m_accounts, name);
            bool created = false;
            if (!account && m_options.createAccounts) {
                auto made = createAccount({name, main.type, currency});
                if (!made)
                    return made.status();
                account = *made;
                created = true;
            }
            if (account && account->currency == currency) {
                target = targetOf(*account, created);
                m_ownCurrencyTargets.insert(*target);
            }
        }
        if (key >= m_targetByKey.size())
            m_targetByKey.resize(key + 1, -1);
        m_targetByKey[key] = *target;
        return target;
    }

    // Adds one parsed row of the target's statement.
    Status addRow(int target, const ImportedRow& r) { return addRow(target, prepareRow(r, rowTexts(r), m_now)); }

    // Adds a prepared row (prepareRow with this import's time) of the target's statement.
    Status addRow(int target, PreparedRow&& p)
    {
        Target& t = m_targets[target];
        if (p.zeroAmount && p.dateProblem.field.isEmpty()) {
            addIssue(&m_summary.warnings, nullptr,
                     {p.line, 0, QStringLiteral("amount"), QStringLiteral("skipped: the amount is zero")});
            ++m_zeroRows;
            return Status::ok();
        }
        ImportIssue currency;
        const ImportIssue* problem = !p.amountProblem.field.isEmpty() ? &p.amountProblem : nullptr;
        // A currency column that names a card payment's own currency beside an amount in the account's (Lunar): the
        // balance column moved from the row before by exactly the amount.
        if (problem == nullptr && !p.currency.isEmpty() && p.currency != t.account.currency && p.row.statedBalance
            && t.lastStatedBalance && Money::decimalsFor(p.currency) == Money::decimalsFor(t.account.currency) && [&] {
                   qint64 moved = 0;
                   return checkedAdd(*t.lastStatedBalance, p.row.transaction.amount, &moved)
                       && moved == *p.row.statedBalance;
               }()) {
            p.warnings.append({p.line, 0, QStringLiteral("currency"),
                               QStringLiteral("the currency column says %1, but the balance moved by the amount in "
                                              "the account's currency %2: imported in %2")
                                   .arg(p.currency, t.account.currency)});
            p.currency = t.account.currency;
        }
        if (problem == nullptr && !p.currency.isEmpty() && p.currency != t.account.currency) {
            currency
                = {p.line, 0, QStringLiteral("currency"),
                   QStringLiteral("%1 differs from the account's currency %2").arg(p.currency, t.account.currency)};
            problem = &currency;
        }
        if (problem == nullptr && !p.dateProblem.field.isEmpty())
            problem = &p.dateProblem;
        if (problem != nullptr) {
            addIssue(&m_summary.errors, &m_errorCount, *problem);
            ++m_badRows;
            return Status::ok();
        }
        for (const ImportIssue& w : std::as_const(p.warnings))
            addIssue(&m_summary.warnings, nullptr, w);
        if (!p.otherCategory.isEmpty()) {
            ++m_otherCategoryRows;
            if (m_otherCategories.size() < 1000 || m_otherCategories.contains(p.otherCategory))
                ++m_otherCategories[p.otherCategory];
        }
        p.row.transaction.accountId = t.account.id;
        const qint64 time = p.row.transaction.timestamp.value_or(m_now);
        const Target::Written written {p.row.transaction.amount, time, p.row.transaction.description,
                                       p.row.transaction.counterparty, p.row.statedBalance};
        // (Not when probable duplicates are imported: the repeat is then booked, and the column's sum counts it.)
        const bool repeatedLine = !m_options.allowProbableDuplicates && written.balance && written.amount != 0
            && t.lastWritten && t.lastWritten->balance == written.balance && t.lastWritten->amount == written.amount
            && t.lastWritten->time == written.time && t.lastWritten->description == written.description
            && t.lastWritten->counterparty == written.counterparty;
        if (!repeatedLine)
            t.balanceColumn.add(p.line, p.row.transaction.amount, time, p.row.statedBalance);
        t.lastWritten = written;
        if (p.row.statedBalance)
            t.lastStatedBalance = p.row.statedBalance;
        if (!checkedAdd(t.rowsSum, p.row.transaction.amount, &t.rowsSum))
            t.rowsSumOverflow = true;
        t.oldestTime = std::min(t.oldestTime.value_or(time), time);
        m_pendingSource.append({target, p.line, p.row.transaction.amount, p.row.transaction.externalId});
        m_pending.append(std::move(p.row));
        ++m_goodRows;
        return m_pending.size() >= kRowsPerChunk ? flush() : Status::ok();
    }

    // The parse's row errors and warnings (file order).
    void addParseIssues(const QList<ImportIssue>& errors, qint64 errorCount, const QList<ImportIssue>& warnings)
    {
        for (const ImportIssue& e : errors)
            addIssue(&m_summary.errors, nullptr, e);
        m_errorCount += errorCount;
        m_parseBadRows += errorCount;
        m_summary.warnings += warnings;
    }

    void addWarning(const ImportIssue& warning) { m_summary.warnings.append(warning); }

    // The balances a CSV file states on lines of their own (CsvSummary::statedOpening, statedClosing): checked, and
    // taken as its account's, when all of the file's rows go to one account.
    void setStatedBalanceLines(std::optional<CsvStatedBalance> opening, std::optional<CsvStatedBalance> closing)
    {
        m_statedOpening = opening;
        m_statedClosing = closing;
    }

    // Each section's balances of a file of several accounts' sections: checked against the rows of the account the
    // section's rows went to, where no other section's went there too.
    void setSectionBalances(const QList<CsvSectionBalances>& sections) { m_sectionBalances = sections; }

    QString accountName(int target) const { return m_targets[target].account.name; }
    // An amount in the target account's currency as a message shows it ("850.00 EUR").
    QString money(int target, qint64 minor) const { return m_targets[target].money(minor); }

    // Writes the last chunk and commits (or rolls back a dry run or a refused file) and completes the summary.
    Result<ImportSummary> finish()
    {
        if (Status s = flush(); !s.isOk())
            return s;
        const qint64 badRows = m_badRows + m_parseBadRows;
        m_summary.rows = m_goodRows + badRows + m_zeroRows;
        m_summary.refused = m_errorCount > 0 && !m_options.skipErrors;
        m_writer->addSkippedRows(badRows + m_zeroRows);
        if (m_otherCategoryRows > 0)
            m_summary.warnings.append(otherCategoriesWarning());
        // The order of the file's rows, where every account whose balance column spans more than one time agrees.
        std::optional<bool> fileNewestFirst;
        bool orderAgreed = true;
        for (const Target& t : std::as_const(m_targets))
            if (const std::optional<bool> order = t.balanceColumn.newestFirst()) {
                orderAgreed = orderAgreed && (!fileNewestFirst || *fileNewestFirst == *order);
                fileNewestFirst = order;
            }
        if (Status s = openFromStatements(); !s.isOk())
            return s;
        for (Target& t : m_targets)
            if (Status s = reconcileBalanceColumn(t, orderAgreed && fileNewestFirst.value_or(false)); !s.isOk())
                return s;
        if (Status s = reconcileStatedLines(); !s.isOk())
            return s;
        ImportBatchResult result = m_writer->result();
        if (m_summary.refused || m_goodRows == 0) {
            m_writer->cancel();
        } else {
            auto finished = m_writer->finish();
            if (!finished)
                return finished.status();
            result = *finished;
        }
        m_summary.duplicates = result.duplicates;
        m_summary.probableDuplicates = result.probableDuplicates;
        if (m_summary.refused) {
            m_summary.imported = 0;
            m_summary.skipped = m_summary.rows;
        } else {
            m_summary.imported = result.imported;
            m_summary.skipped = m_goodRows == 0 ? badRows + m_zeroRows : result.skipped;
            if (!m_options.dryRun && m_goodRows > 0) {
                m_summary.batchId = result.batchId;
                m_summary.writtenAccountIds = result.importedPerAccount.keys();
                std::sort(m_summary.writtenAccountIds.begin(), m_summary.writtenAccountIds.end());
            }
        }
        for (const Target& t : std::as_const(m_targets)) {
            ImportAccountSummary a;
            a.accountId = t.created && (m_options.dryRun || m_summary.refused) ? 0 : t.account.id;
            a.accountName = t.account.name;
            a.statedClosingBalanceMinor = t.statedClosingBalanceMinor;
            a.imported = m_summary.refused ? 0 : t.imported;
            a.closingBalanceMinor = t.balanceBefore + (m_summary.refused ? 0 : t.importedSum);
            m_summary.accounts.append(a);
            // An account that had transactions before, any account of an import that left rows out for their errors,
            // or one opened with the oldest of several statements: its balance after the import against the bank's.
            // (A single statement's own difference is said where it is checked.)
            const bool rowsLeftOut = m_badRows + m_parseBadRows > 0;
            if (((!t.created && !t.empty) || rowsLeftOut || (t.opened && t.statements.size() > 1)) && !m_summary.refused
                && a.statedClosingBalanceMinor && *a.statedClosingBalanceMinor != a.closingBalanceMinor)
                m_summary.warnings.append(
                    {0, 0, QStringLiteral("balance"),
                     QStringLiteral("account %1: its balance after the import is %2 but the statement's closing "
                                    "balance is %3 (difference %4): %5")
                         .arg(t.account.name, t.money(a.closingBalanceMinor), t.money(*a.statedClosingBalanceMinor),
                              t.money(*a.statedClosingBalanceMinor - a.closingBalanceMinor),
                              rowsLeftOut ? QStringLiteral("rows left out for their errors, or transactions missing "
                                                           "from the ledger or the statement")
                                          : QStringLiteral("transactions missing from the ledger or the statement, or "
                                                           "booked after the statement's date"))});
        }
        std::stable_sort(m_summary.errors.begin(), m_summary.errors.end(),
                         [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
        // Errors first, then the duplicates, up to kMaxImportIssues marks, in line order.
        for (const ImportIssue& e : std::as_const(m_summary.errors)) {
            if (m_errorMarks.size() >= kMaxImportIssues)
                break;
            m_errorMarks.append({e.line, ImportRowMark::Kind::Error,
                                 e.field.isEmpty() ? e.message : e.field + QStringLiteral(": ") + e.message});
        }
        m_summary.marks = m_errorMarks
            + m_duplicateMarks.first(
                std::min<qsizetype>(m_duplicateMarks.size(), kMaxImportIssues - m_errorMarks.size()));
        std::stable_sort(m_summary.marks.begin(), m_summary.marks.end(),
                         [](const ImportRowMark& a, const ImportRowMark& b) { return a.line < b.line; });
        return m_summary;
    }

    // Says which of the file's categories the ledger has none of, the most frequent first: their rows were imported
    // as "other".
    ImportIssue otherCategoriesWarning() const
    {
        QList<std::pair<QString, qint64>> named;
        for (auto it = m_otherCategories.cbegin(); it != m_otherCategories.cend(); ++it)
            named.append({it.key(), it.value()});
        std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        QStringList shown;
        for (qsizetype i = 0; i < named.size() && i < 8; ++i)
            shown.append(QStringLiteral("%1 (%2)").arg(named[i].first).arg(named[i].second));
        if (named.size() > 8)
            shown.append(QStringLiteral("%1 more").arg(named.size() - 8));
        QStringList keys;
        for (Category c : allCategories())
            if (c != Category::OpeningBalance)
                keys.append(categoryKey(c));
        return {0, 0, QStringLiteral("category"),
                plural(m_otherCategoryRows, QStringLiteral("%n row's category is"),
                       QStringLiteral("%n rows' categories are"), QLocale::c())
                    + QStringLiteral(" none of the ledger's (%1) and imported as other: %2")
                          .arg(keys.join(QStringLiteral(", ")), shown.join(QStringLiteral(", ")))};
    }

private:
    // Opens each new or empty account of statements (OFX, camt, MT940, QIF) so that its balance after the import is
    // the bank's: with the opening balance of its oldest statement (by its oldest row; the file may hold a bank's
    // daily statements newest first), or, where that states none, with what the imported rows leave to the latest
    // closing balance (OFX states only LEDGERBAL). Booked just before the oldest row; for an account whose statements
    // hold no row (no movement that day), its balance as stated, just before the closing balance's date.
    Status openFromStatements()
    {
        const bool rowsLeftOut = m_badRows + m_parseBadRows > 0;
        for (Target& t : m_targets) {
            if (t.statements.isEmpty())
                continue;
            if (!t.oldestTime) {
                const Target::StatementEnds& e = t.statements.constFirst();
                const std::optional<qint64> balance = e.opening ? e.opening : e.closing;
                if (!balance || t.statements.size() > 1 || rowsLeftOut)
                    continue;
                if (Status s = openNewAccount(t, *balance, e.closingAt.value_or(m_now),
                                              QStringLiteral("%1 with the statement's balance of %2 (no movement)")
                                                  .arg(t.openedWords(), t.money(*balance)),
                                              true);
                    !s.isOk())
                    return s;
                continue;
            }
            const Target::StatementEnds* oldest = nullptr;
            for (const Target::StatementEnds& e : std::as_const(t.statements))
                if (e.oldestRow && (!oldest || *e.oldestRow < *oldest->oldestRow))
                    oldest = &e;
            if (oldest && oldest->opening) {
                if (Status s = openNewAccount(t, *oldest->opening, *t.oldestTime,
                                              QStringLiteral("%1 with the statement's opening balance of %2")
                                                  .arg(t.openedWords(), t.money(*oldest->opening)));
                    !s.isOk())
                    return s;
                continue;
            }
            // (Rows left out for their errors, or in another currency, would leave the opening off by them.)
            const bool summable = std::all_of(t.statements.cbegin(), t.statements.cend(),
                                              [](const Target::StatementEnds& e) { return e.summable; });
            qint64 opening = 0;
            if (!t.statedClosingBalanceMinor || rowsLeftOut || !summable || t.rowsSumOverflow
                || !checkedAdd(*t.statedClosingBalanceMinor, -t.importedSum, &opening))
                continue;
            if (Status s = openNewAccount(t, opening, *t.oldestTime,
                                          QStringLiteral("%1 with an opening balance of %2, so that it ends at "
                                                         "the statement's closing balance")
                                              .arg(t.openedWords(), t.money(opening)));
                !s.isOk())
                return s;
        }
        return Status::ok();
    }

    // A file with a balance column states the account's balance after its newest row (the closing balance, checked
    // as a statement's is) and before its oldest. A warning names a column that does not add up to the rows; an
    // account this import created opens with the balance before the oldest row, as it would from an OFX or camt
    // statement's.
    Status reconcileBalanceColumn(Target& t, bool fileNewestFirst)
    {
        const StatedBalances& column = t.balanceColumn;
        qint64 unclear = 0;
        const std::optional<StatedBalances::Ends> ends
            = column.stated() ? column.ends(&unclear, fileNewestFirst) : column.endsByTime();
        if (!ends) {
            if (unclear != 0)
                m_summary.warnings.append(
                    {0, 0, QStringLiteral("balance"),
                     QStringLiteral("account %1: the balance column's rows of %2 do not follow from one another, so "
                                    "the file's balances were not checked and no opening balance was taken from "
                                    "them: the account's balance is the sum of its rows, and may differ from the "
                                    "file's last balance")
                         .arg(t.account.name,
                              QDateTime::fromMSecsSinceEpoch(unclear, Qt::UTC).date().toString(Qt::ISODate))});
            return Status::ok();
        }
        qint64 expected = 0;
        // Rows left out for their errors leave the column's sum short: it is not checked, and a column that was not
        // checked opens no account (it may be a card's, what is owed); the file's balance lines may still (below).
        qint64 difference = 0;
        if (m_badRows + m_parseBadRows > 0 || !checkedAdd(ends->opening, column.sum(), &expected)
            || !checkedAdd(ends->closing, -expected, &difference))
            return Status::ok();
        if (difference != 0) {
            m_summary.warnings.append(
                {ends->closingLine, 0, QStringLiteral("balance"),
                 QStringLiteral("account %1: the balance column goes from %2 before the oldest row to %3 after the "
                                "newest, but the rows add up to %4 (difference %5): rows missing from the file, or a "
                                "balance column that is not this account's")
                     .arg(t.account.name, t.money(ends->opening), t.money(ends->closing), t.money(column.sum()),
                          t.money(difference))});
            return Status::ok();
        }
        // Only a column that adds up states the account's closing balance (a card statement's column is what is
        // owed, and does not).
        if (!t.statedClosingBalanceMinor)
            t.statedClosingBalanceMinor = ends->closing;
        return openNewAccount(t, ends->opening, ends->oldestTime,
                              QStringLiteral("%1 with an opening balance of %2, the balance column's balance "
                                             "before its oldest row")
                                  .arg(t.openedWords(), t.money(ends->opening)));
    }

    // Opens an account this import created, or one without transactions (Target::empty), with `opening`, booked just
    // before `oldestTime` (tagged with the batch: undoing the import takes it back), and says so in the warning `why`.
    // Nothing for an account that had transactions or was opened already, an opening of zero or beyond any account's,
    // or an import that writes no row (unless `withoutRows`: a statement of no movement still states the balance).
    Status openNewAccount(Target& t, qint64 opening, qint64 oldestTime, const QString& why, bool withoutRows = false)
    {
        if ((!t.created && !t.empty) || t.opened || opening == 0 || m_summary.refused
            || (m_goodRows == 0 && !withoutRows))
            return Status::ok();
        // An opening no transaction can hold (an Indonesian company's 37,599,642,027.83 IDR): said, not booked.
        if (opening > kMaxAbsAmountMinor || opening < -kMaxAbsAmountMinor) {
            m_summary.warnings.append(
                {0, 0, QStringLiteral("account"),
                 QStringLiteral("account %1: the file's balances ask for an opening balance of %2, more than a "
                                "transaction can hold (%3), so none was booked: the account's balance is the sum of "
                                "its rows")
                     .arg(t.account.name, t.money(opening), t.money(kMaxAbsAmountMinor))});
            return Status::ok();
        }
        if (Status s = m_writer->bookOpening(t.account.id, opening, std::max<qint64>(0, oldestTime - 1)); !s.isOk())
            return s;
        t.balanceBefore += opening;
        t.opened = true;
        m_summary.warnings.append({0, 0, QStringLiteral("account"), why});
        return Status::ok();
    }

    // A file that states its balances on lines of their own ("Neuer Kontostand", "Alter Kontostand"), for one
    // account and without a balance column that states them: its closing balance is the account's stated closing
    // balance (checked as a statement's is), the opening balance + the rows must make it, and an account this import
    // created opens with the opening balance (or, when only the closing is stated, with what the rows leave to it).
    Status reconcileStatedLines()
    {
        // (The file's balance lines are its account's, in its main currency: not those of the accounts of its rows
        // in other currencies.)
        if (m_targets.size() == m_ownCurrencyTargets.size() + 1 && (m_statedOpening || m_statedClosing))
            for (int i = 0; i < m_targets.size(); ++i)
                if (!m_ownCurrencyTargets.contains(i))
                    return reconcileStatedLines(m_targets[i], m_statedOpening, m_statedClosing);
        QHash<int, int> sectionsOf; // target -> its sections
        QList<std::pair<int, const CsvSectionBalances*>> known;
        for (const CsvSectionBalances& b : std::as_const(m_sectionBalances))
            if (auto it = m_targetByStatement.constFind(b.accountRef + QLatin1Char('\n'));
                it != m_targetByStatement.cend()) {
                ++sectionsOf[*it];
                known.append({*it, &b});
            }
        for (const auto& [target, b] : std::as_const(known))
            if (sectionsOf.value(target) == 1)
                if (Status s = reconcileStatedLines(m_targets[target], b->opening, b->closing); !s.isOk())
                    return s;
        return Status::ok();
    }

    // Checks the target's rows against the balances the file states on lines of their own, and opens a created
    // account with the opening balance they tell.
    Status reconcileStatedLines(Target& t, const std::optional<CsvStatedBalance>& statedOpening,
                                const std::optional<CsvStatedBalance>& statedClosing)
    {
        if (!statedOpening && !statedClosing)
            return Status::ok();
        if (t.statedClosingBalanceMinor) // the balance column's
            return Status::ok();
        if (statedClosing)
            t.statedClosingBalanceMinor = statedClosing->minor;
        // Rows left out for their errors leave the sum short, so it is not checked: the account opens with a stated
        // opening balance only, and the summary says how far it ends from the stated closing one.
        const bool rowsLeftOut = m_badRows + m_parseBadRows > 0;
        if (t.rowsSumOverflow || (rowsLeftOut && !statedOpening))
            return Status::ok();
        qint64 expected = 0;
        qint64 difference = 0;
        if (!rowsLeftOut && statedOpening && statedClosing && checkedAdd(statedOpening->minor, t.rowsSum, &expected)
            && checkedAdd(statedClosing->minor, -expected, &difference) && difference != 0) {
            m_summary.warnings.append(
                {statedClosing->line, 0, QStringLiteral("balance"),
                 QStringLiteral("account %1: the file's opening balance %2 (line %3) + its rows %4 = %5, but its "
                                "closing balance is %6 (line %7, difference %8)")
                     .arg(t.account.name, t.money(statedOpening->minor))
                     .arg(statedOpening->line)
                     .arg(t.money(t.rowsSum), t.money(expected), t.money(statedClosing->minor))
                     .arg(statedClosing->line)
                     .arg(t.money(difference))});
            return Status::ok(); // ends that do not agree open no account
        }
        // A card's closing balance may be what is owed, written positive: no opening is made up from it.
        qint64 opening = 0;
        if (statedOpening)
            opening = statedOpening->minor;
        else if (t.account.type == AccountType::CreditCard || !checkedAdd(statedClosing->minor, -t.rowsSum, &opening))
            return Status::ok();
        if (!t.oldestTime)
            return Status::ok();
        return openNewAccount(
            t, opening, *t.oldestTime,
            statedOpening
                ? QStringLiteral("%1 with the opening balance of %2 that the file states on line %3")
                      .arg(t.openedWords(), t.money(opening))
                      .arg(statedOpening->line)
                : QStringLiteral("%1 with an opening balance of %2, so that it ends at the closing balance the "
                                 "file states on line %3")
                      .arg(t.openedWords(), t.money(opening))
                      .arg(statedClosing->line));
    }

    Status flush()
    {
        if (m_pending.isEmpty())
            return Status::ok();
        // Kept rows are written from a shared copy, so that their texts stay with them (to be destroyed by the
        // caller); else they are moved into the ledger's batch.
        auto outcomes = m_keepSpent ? m_writer->add(std::as_const(m_pending)) : m_writer->add(std::move(m_pending));
        if (!outcomes)
            return outcomes.status();
        for (qsizetype i = 0; i < outcomes->size(); ++i) {
            const auto& [target, line, amount, externalId] = m_pendingSource[i];
            switch (outcomes->at(i)) {
            case ImportOutcome::Imported:
            case ImportOutcome::ProbableDuplicateImported:
            case ImportOutcome::RepeatedInFile:
            case ImportOutcome::SharedId:
                ++m_targets[target].imported;
                m_targets[target].importedSum += amount;
                if (outcomes->at(i) == ImportOutcome::ProbableDuplicateImported)
                    mark(line, ImportRowMark::Kind::ProbableDuplicate,
                         QStringLiteral("imported although similar to a transaction of the account"));
                if (outcomes->at(i) == ImportOutcome::RepeatedInFile) {
                    const QString message
                        = QStringLiteral(
                              "imported as a booking of its own: an earlier row of the file has the same amount and a "
                              "similar description within %1 days, and a statement lists each booking once (two "
                              "equal payments are two bookings); check that the file does not hold one booking twice")
                              .arg(Ledger::kProbableDuplicateDays);
                    addIssue(&m_summary.warnings, nullptr, {line, 0, QStringLiteral("duplicate"), message});
                }
                if (outcomes->at(i) == ImportOutcome::SharedId)
                    addIssue(&m_summary.warnings, nullptr,
                             {line, 0, QStringLiteral("id"),
                              QStringLiteral("imported: another transaction has its external id %1 with another "
                                             "amount, day or text, so its producer gives several transactions one id")
                                  .arg(externalId)});
                break;
            case ImportOutcome::Duplicate:
                mark(line, ImportRowMark::Kind::Duplicate,
                     QStringLiteral("skipped: the account or an earlier row has external id %1").arg(externalId));
                break;
            case ImportOutcome::ProbableDuplicateSkipped: {
                const QString message
                    = QStringLiteral("skipped as a probable duplicate: same amount, similar description within %1 "
                                     "days of a transaction of the account (import it with %2)")
                          .arg(Ledger::kProbableDuplicateDays)
                          .arg(importOptionText(ImportOptionMention::AllowProbableDuplicates));
                mark(line, ImportRowMark::Kind::ProbableDuplicate, message);
                addIssue(&m_summary.warnings, nullptr, {line, 0, QStringLiteral("duplicate"), message});
                break;
            }
            }
        }
        if (m_keepSpent) {
            m_spent.append(std::exchange(m_pending, {}));
            m_pending.reserve(kRowsPerChunk);
        } else {
            m_pending.clear();
        }
        m_pendingSource.clear();
        return Status::ok();
    }

    void mark(int line, ImportRowMark::Kind kind, const QString& message)
    {
        if (m_duplicateMarks.size() < kMaxImportIssues)
            m_duplicateMarks.append({line, kind, message});
    }

    Ledger& m_ledger;
    const ImportServiceOptions& m_options;
    const qint64 m_now;
    std::unique_ptr<ImportWriter> m_writer;
    QList<Account> m_accounts;
    QList<Target> m_targets;
    QHash<QString, int> m_targetByStatement; // accountRef + '\n' + accountName -> target
    QSet<int> m_ownCurrencyTargets; // targets of rows in another currency than their account's (targetForRow)
    QList<int> m_targetByKey; // account key of a streamed CSV row (MappedRow) -> target, -1 unknown
    QList<ImportRow> m_pending;
    bool m_keepSpent = false; // keepSpentRows
    QList<QList<ImportRow>> m_spent; // written chunks, for takeSpentRows
    struct PendingSource
    {
        int target;
        int line;
        qint64 amount;
        QString externalId;
    };
    QList<PendingSource> m_pendingSource; // of each row of m_pending
    QList<ImportRowMark> m_errorMarks;
    QList<ImportRowMark> m_duplicateMarks;
    ImportSummary m_summary;
    qint64 m_goodRows = 0;
    qint64 m_badRows = 0; // rows the ledger would refuse
    qint64 m_parseBadRows = 0;
    qint64 m_zeroRows = 0; // skipped: their amount is zero
    qint64 m_otherCategoryRows = 0; // imported as "other" although the file named a category
    QHash<QString, qint64> m_otherCategories; // those texts (at most 1000), with their rows
    std::optional<CsvStatedBalance> m_statedOpening; // setStatedBalanceLines
    std::optional<CsvStatedBalance> m_statedClosing;
    QList<CsvSectionBalances> m_sectionBalances; // setSectionBalances
    qint64 m_errorCount = 0;
};

// A streamed CSV row as the parsing thread hands it over: prepared (prepareRow), with its account column's value
// and that value's number in the order the file first names each (the writing thread finds the row's account by the
// number, without hashing the text again).
struct MappedRow
{
    PreparedRow prepared;
    QString accountRef;
    int accountKey = 0;
    QString mainCurrency; // ImportedRow::mainCurrency
};

// Parsed CSV rows on their way from the parsing thread to the writing thread, in chunks. At most kQueuedChunks
// chunks wait, so the memory an import holds is a few chunks whatever the size of the file. Either side may end
// the stream: the parser with close() after its last chunk, the writer with stop() (after an error), which
// drops what waits and makes every later push() return false. Written chunks travel back (recycle) and are
// destroyed by the parser on its next push (those written after its last push, by the writer).
class RowQueue
{
public:
    static constexpr qsizetype kQueuedChunks = 4;

    // Blocks while the queue is full. False when the writer has stopped.
    bool push(QList<MappedRow>&& chunk)
    {
        Spent spent; // destroyed after the lock is released
        std::unique_lock lock(m_mutex);
        spent = std::exchange(m_spent, {});
        m_notFull.wait(lock, [&] { return m_stopped || m_chunks.size() < kQueuedChunks; });
        if (m_stopped)
            return false;
        m_chunks.push_back(std::move(chunk));
        m_notEmpty.notify_one();
        return true;
    }

    // Blocks until a chunk waits or the parser has closed the stream; nullopt at its end.
    std::optional<QList<MappedRow>> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return m_closed || !m_chunks.empty(); });
        if (m_chunks.empty())
            return std::nullopt;
        QList<MappedRow> chunk = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_notFull.notify_one();
        return chunk;
    }

    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }

    // Hands what the writer is done with back to the parser to destroy.
    void recycle(QList<MappedRow>&& chunk, QList<QList<ImportRow>>&& rows)
    {
        std::lock_guard lock(m_mutex);
        m_spent.chunks.append(std::move(chunk));
        m_spent.rows += std::move(rows);
    }

    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_chunks.clear();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<QList<MappedRow>> m_chunks;
    struct Spent
    {
        QList<QList<MappedRow>> chunks;
        QList<QList<ImportRow>> rows;
    };
    Spent m_spent;
    bool m_closed = false;
    bool m_stopped = false;
};

// Streams a CSV statement from `device` into the ledger: readCsv parses on a second thread (which also cleans
// the rows' texts, rowTexts) while this thread maps the rows onto accounts and writes them (the ledger's connection
// belongs to this thread). `device` is read only by the parsing thread until this function returns.
Result<ImportSummary> importCsvDevice(Ledger& ledger, QIODevice* device, const QString& fileName,
                                      const ImportOptions& parse, const ImportServiceOptions& options)
{
    ImportSession session(ledger, options);
    session.keepSpentRows();
    const qint64 now = session.now();
    RowQueue queue;
    std::optional<Result<CsvSummary>> read;
    std::thread parser([&] {
        QList<MappedRow> chunk;
        chunk.reserve(kRowsPerChunk);
        RowTextCache texts;
        QHash<QString, int> accountKeys;
        // Rows of one account and time go on in the order they happened (RowOrder).
        RowOrder order([&](int key, ImportedRow&& row) {
            chunk.append(MappedRow {prepareRow(row, texts.of(row), now), row.accountRef, key, row.mainCurrency});
            if (chunk.size() < kRowsPerChunk)
                return true;
            const bool more = queue.push(std::move(chunk));
            chunk = {};
            chunk.reserve(kRowsPerChunk);
            return more;
        });
        bool more = true;
        read = readCsv(device, parse, [&](const ImportedRow& row) {
            // A row in another currency than its account's main one (ImportedRow::mainCurrency) has an account of
            // its own.
            const QString accountKey
                = row.mainCurrency.isEmpty() ? row.accountRef : row.accountRef + QLatin1Char('\n') + row.currency;
            auto known = accountKeys.constFind(accountKey);
            if (known == accountKeys.cend())
                known = accountKeys.insert(accountKey, int(accountKeys.size()));
            more = order.add(*known, ImportedRow(row));
            return more;
        });
        if (more && order.finish() && !chunk.isEmpty())
            queue.push(std::move(chunk));
        queue.close();
    });
    // The import begins (a backup of the ledger, its write transaction) while the parser reads the file's first pass.
    if (Status s = session.begin(fileName, importFormatName(ImportFormat::Csv), QString()); !s.isOk()) {
        queue.stop();
        parser.join();
        return s;
    }
    Status rowStatus;
    while (rowStatus.isOk()) {
        std::optional<QList<MappedRow>> chunk = queue.pop();
        if (!chunk)
            break;
        for (MappedRow& mapped : *chunk) {
            auto target = session.targetForRow(mapped.accountRef, mapped.accountKey, mapped.prepared.currency,
                                               mapped.mainCurrency);
            rowStatus = target ? session.addRow(*target, std::move(mapped.prepared)) : target.status();
            if (!rowStatus.isOk())
                break;
        }
        queue.recycle(std::move(*chunk), session.takeSpentRows());
    }
    queue.stop();
    parser.join();
    if (!rowStatus.isOk())
        return rowStatus;
    if (!*read)
        return fileError(read->status());
    session.setEncoding((*read)->layout.encoding);
    session.setStatedBalanceLines((*read)->statedOpening, (*read)->statedClosing);
    session.setSectionBalances((*read)->sectionBalances);
    session.addParseIssues((*read)->rowErrors, (*read)->rowErrorCount, (*read)->warnings);
    return session.finish();
}

} // namespace

Result<ImportSummary> importStatementFile(Ledger& ledger, const QString& path, const ImportServiceOptions& options)
{
    auto parse = parseOptionsFor(ledger, options);
    if (!parse)
        return parse.status();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const ImportFormat format
        = parse->format == ImportFormat::Auto ? detectFormat(file.peek(8192), path) : parse->format;
    if (format != ImportFormat::Csv) {
        file.close();
        ImportOptions o = *parse;
        o.format = format;
        auto parsed = importFile(path, o);
        if (!parsed)
            return fileError(parsed.status());
        return importParsedFile(ledger, *parsed, QFileInfo(path).fileName(), options);
    }
    auto summary = importCsvDevice(ledger, &file, QFileInfo(path).fileName(), *parse, options);
    if (summary && file.error() != QFileDevice::NoError)
        return Status::ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return summary;
}

Result<ImportSummary> importStatementData(Ledger& ledger, const QByteArray& data, const QString& fileName,
                                          const ImportServiceOptions& options)
{
    auto parse = parseOptionsFor(ledger, options);
    if (!parse)
        return parse.status();
    const ImportFormat format = parse->format == ImportFormat::Auto ? detectFormat(data, fileName) : parse->format;
    if (format == ImportFormat::Csv) {
        QByteArray copy = data;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        return importCsvDevice(ledger, &buffer, fileName, *parse, options);
    }
    auto parsed = importData(data, *parse, fileName);
    if (!parsed)
        return fileError(parsed.status());
    return importParsedFile(ledger, *parsed, fileName, options);
}

Result<ImportSummary> importParsedFile(Ledger& ledger, const ParsedFile& file, const QString& fileName,
                                       const ImportServiceOptions& options)
{
    // One chosen account for a file of several accounts' statements (OFX, camt, QIF) would merge them and check one
    // statement's balance against all of their rows. (A CSV file's account column, such as a card export's
    // supplementary cards, may be merged into one account.)
    if (!options.account.trimmed().isEmpty() && file.format != QLatin1String("csv")) {
        QStringList named;
        for (const ImportedStatement& st : file.statements) {
            const QString name
                = !st.accountRef.trimmed().isEmpty() ? st.accountRef.trimmed() : st.accountName.trimmed();
            if (!named.contains(name))
                named.append(name);
        }
        if (named.size() > 1)
            return Status::invalidArgument(
                QStringLiteral("account"),
                QStringLiteral("the file holds the statements of %1 accounts (%2): import it without choosing an "
                               "account, and each statement goes to its own")
                    .arg(named.size())
                    .arg(named.join(QStringLiteral(", "))));
    }
    ImportSession session(ledger, options);
    if (Status s = session.begin(fileName, file.format, file.encoding); !s.isOk())
        return s;
    for (const ImportedStatement& st : file.statements) {
        auto target = session.targetFor(st);
        if (!target)
            return target.status();
        session.noteStatement(*target, st);
        // Rows of one time go on in the order they happened (RowOrder).
        Status rowStatus;
        RowOrder order([&](int, ImportedRow&& r) {
            rowStatus = session.addRow(*target, r);
            return rowStatus.isOk();
        });
        for (const ImportedRow& r : st.rows)
            if (!order.add(0, ImportedRow(r)))
                break;
        if (rowStatus.isOk())
            order.finish();
        if (!rowStatus.isOk())
            return rowStatus;
    }
    session.addParseIssues(file.rowErrors, file.rowErrorCount, file.warnings);
    for (const ImportedStatement& st : file.statements) {
        const int target = *session.targetFor(st); // known since the loop above
        const BalanceCheck check = checkBalances(st);
        if (!check.checkable || check.balanced)
            continue;
        // Rows the statement holds twice under one reference (the bank sent an entry again): skipped as duplicates;
        // where the rows add up without the repeats, the statement is said to, with the repeats named.
        QSet<QString> seen;
        qint64 repeatedSum = 0;
        QStringList repeated;
        for (const ImportedRow& r : st.rows) {
            if (r.externalId.isEmpty())
                continue;
            if (seen.contains(r.externalId)) {
                repeatedSum += r.amountMinor;
                if (repeated.size() < 5)
                    repeated.append(r.externalId);
            } else {
                seen.insert(r.externalId);
            }
        }
        if (!repeated.isEmpty() && check.expectedClosingMinor - repeatedSum == *st.closingBalanceMinor)
            session.addWarning(ImportIssue {
                0, 0, QStringLiteral("balance"),
                QStringLiteral("statement of %1: it holds rows twice under one reference (%2), skipped as duplicates; "
                               "without the repeats its opening balance + rows = its stated closing balance %3")
                    .arg(session.accountName(target), repeated.join(QStringLiteral(", ")),
                         session.money(target, *st.closingBalanceMinor))});
        else
            session.addWarning(ImportIssue {
                0, 0, QStringLiteral("balance"),
                QStringLiteral("statement of %1: opening balance + rows = %2 but the stated closing balance is %3 "
                               "(difference %4)")
                    .arg(session.accountName(target), session.money(target, check.expectedClosingMinor),
                         session.money(target, *st.closingBalanceMinor),
                         session.money(target, check.differenceMinor))});
    }
    return session.finish();
}

} // namespace ledgerguard
