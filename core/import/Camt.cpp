// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Camt.h"

#include "import/ImportOptionText.h"
#include "import/ImportValues.h"
#include "import/MarkupTree_p.h"
#include "import/TextDecoding.h"
#include "money/Money.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

namespace ledgerguard {

using importdetail::MarkupTree;

namespace {

constexpr int kMaxDepth = 100;

// Reads the document, and the documents after it where a file joins several (ABN AMRO's statements of two days, each
// with its own XML declaration, one after the other): each document's root is a child of the tree's root. Lines and
// columns are the file's.
Result<MarkupTree> readTree(const QString& text, QString* namespaceUri)
{
    MarkupTree tree;
    qsizetype start = 0; // where the document being read starts in `text`
    int linesBefore = 0; // the file's lines before the one it starts on
    for (;;) {
        QXmlStreamReader xml(start == 0 ? text : text.mid(start));
        QList<int> stack {0};
        qint64 documentEnd = -1; // in the document's text, just after its root's end tag
        while (!xml.atEnd()) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (token == QXmlStreamReader::StartElement) {
                const int line = linesBefore + int(xml.lineNumber());
                if (stack.size() > kMaxDepth)
                    return Status::corruption(
                        QStringLiteral("line %1, column %2: elements are nested more than %3 deep")
                            .arg(line)
                            .arg(xml.columnNumber())
                            .arg(kMaxDepth));
                if (tree.nodes.size() >= importdetail::kMaxMarkupNodes)
                    return Status::invalidArgument(QStringLiteral("file"),
                                                   QStringLiteral("line %1, column %2: more than %3 elements")
                                                       .arg(line)
                                                       .arg(xml.columnNumber())
                                                       .arg(importdetail::kMaxMarkupNodes));
                if (stack.size() == 1 && start == 0)
                    *namespaceUri = xml.namespaceUri().toString();
                const int node = tree.add(stack.back(), xml.name().toString(), line, int(xml.columnNumber()));
                const QStringView ccy = xml.attributes().value(QStringLiteral("Ccy"));
                if (!ccy.isEmpty())
                    tree.nodes[node].ccy = ccy.toString().trimmed().toUpper();
                stack.append(node);
            } else if (token == QXmlStreamReader::Characters) {
                if (stack.size() > 1)
                    tree.nodes[stack.back()].text += xml.text();
            } else if (token == QXmlStreamReader::EndElement) {
                tree.nodes[stack.back()].text = tree.nodes[stack.back()].text.trimmed();
                stack.removeLast();
                if (stack.size() == 1)
                    documentEnd = xml.characterOffset();
            }
        }
        if (!xml.hasError())
            return tree;
        // Another document after a whole one: read it too.
        if (xml.error() == QXmlStreamReader::NotWellFormedError && documentEnd > 0 && stack.size() == 1) {
            const qsizetype next = start + qsizetype(documentEnd);
            // (White space, byte-order marks of files joined by copying, comments between them.)
            qsizetype k = next;
            for (bool skipped = true; skipped;) {
                skipped = false;
                while (k < text.size() && (text.at(k).isSpace() || text.at(k) == QChar(0xFEFF))) {
                    ++k;
                    skipped = true;
                }
                if (QStringView(text).sliced(k).startsWith(u"<!--")) {
                    const qsizetype end = text.indexOf(QLatin1String("-->"), k + 4);
                    if (end < 0)
                        break;
                    k = end + 3;
                    skipped = true;
                }
            }
            if (k < text.size() && text.at(k) == u'<') {
                // From its '<': a declaration after white space is not at the document's start.
                linesBefore += int(QStringView(text).mid(start, k - start).count(u'\n'));
                start = k;
                continue;
            }
        }
        return Status::corruption(QStringLiteral("line %1, column %2: %3")
                                      .arg(linesBefore + xml.lineNumber())
                                      .arg(xml.columnNumber())
                                      .arg(xml.errorString()));
    }
}

QString declaredXmlEncoding(const QByteArray& data)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["'])"),
                                       QRegularExpression::CaseInsensitiveOption);
    QByteArray head = data.left(512);
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);
    return re.match(QString::fromLatin1(head)).captured(1);
}

// An entry of several transactions booked as one row.
struct Batch
{
    int transactions = 0;
    QString parties; // their other parties, joined
};

struct CamtContext
{
    const MarkupTree& tree;
    const ImportOptions& options;
    ParsedFile& file;
    DerivedIds ids;

    std::optional<qint64> statementDay; // the day of the statement being read, when it covers one (statement())

    std::optional<qint64> date(int node, qint64* ms, bool* hasTime = nullptr)
    {
        // <X><Dt>..</Dt></X> or <X><DtTm>..</DtTm></X>
        for (QStringView which : {u"DtTm", u"Dt"}) {
            const QString t = tree.text(node, which);
            if (t.isEmpty())
                continue;
            const Result<DateParts> p = parseDateParts(t, DateOrder::YearMonthDay);
            if (!p)
                return std::nullopt;
            // As OFX's: the bank's wall clock as written, its offset not applied ("2025-03-03T00:30:00+01:00" is
            // booked on 3 March, not on 2 March 23:30 UTC), and midnight is a date alone.
            DateParts parts = *p;
            parts.offsetSeconds.reset();
            if (parts.time && *parts.time == QTime(0, 0))
                parts.time.reset();
            *ms = toUtcMs(parts, options.timeZone);
            if (hasTime)
                *hasTime = parts.time.has_value();
            return *ms;
        }
        return std::nullopt;
    }

    // Amount of an element with a Ccy attribute, signed by `debit`.
    Result<qint64> amount(int node, bool debit, const QString& fallbackCurrency, QString* currency)
    {
        const auto& n = tree.nodes[node];
        // ISO 4217's "XXX" (no currency) and "XTS" (for tests), an anonymised file's: no currency stated. Where none
        // is, the account's, else the one chosen for the file.
        const bool noCurrency = n.ccy == u"XXX" || n.ccy == u"XTS";
        *currency = !n.ccy.isEmpty() && !noCurrency ? n.ccy
            : !fallbackCurrency.isEmpty()           ? fallbackCurrency
                                                    : options.defaultCurrency;
        if (currency->isEmpty())
            return Status::invalidArgument(
                QStringLiteral("currency"),
                QStringLiteral("the amount names no currency%1, nor does its account: choose one with %2")
                    .arg(noCurrency ? QStringLiteral(" (\"%1\")").arg(n.ccy) : QString(),
                         importOptionText(ImportOptionMention::Currency)));
        if (!Money::isKnownCurrency(*currency))
            return Status::invalidArgument(QStringLiteral("currency"),
                                           QStringLiteral("\"%1\" is not an ISO 4217 currency code").arg(*currency));
        const Result<DecimalText> d = parseDecimalText(n.text, DecimalSeparator::Point);
        if (!d)
            return d.status();
        if (d->negative || !d->currency.isEmpty())
            return Status::invalidArgument(QStringLiteral("amount"),
                                           QStringLiteral("\"%1\" is not an ISO 20022 amount").arg(n.text));
        const Result<qint64> v = decimalToMinor(*d, Money::decimalsFor(*currency));
        if (!v)
            return v;
        return debit ? -*v : *v;
    }

    void rowError(int node, const QString& field, const QString& message)
    {
        const auto& n = tree.nodes[node];
        addIssue(&file.rowErrors, &file.rowErrorCount, {n.line, n.column, field, message});
    }

    // The name of a party of `role` (Cdtr, Dbtr); `withAddress`: else the first line of its postal address.
    QString partyName(int parties, QStringView role, bool withAddress = true)
    {
        const QString r = role.toString();
        const QString paths[] = {r + QStringLiteral("/Nm"), r + QStringLiteral("/Pty/Nm"),
                                 QStringLiteral("Ultmt") + r + QStringLiteral("/Nm"),
                                 QStringLiteral("Ultmt") + r + QStringLiteral("/Pty/Nm"),
                                 // No name but the postal address's lines (UBS: <Cdtr><PstlAdr><AdrLine>Keller Fahnen
                                 // AG</AdrLine>...): its first line.
                                 r + QStringLiteral("/PstlAdr/AdrLine"), r + QStringLiteral("/Pty/PstlAdr/AdrLine")};
        for (const QString& path : withAddress ? QList<QString>(std::begin(paths), std::end(paths))
                                               : QList<QString>(std::begin(paths), std::end(paths) - 2)) {
            const QString name = tree.text(parties, path);
            if (!name.isEmpty())
                return name;
        }
        return {};
    }

    void statement(int stmt)
    {
        ImportedStatement st;
        const int acct = tree.child(stmt, u"Acct");
        st.accountRef = tree.text(acct, u"Id/IBAN");
        if (st.accountRef.isEmpty())
            st.accountRef = tree.text(acct, u"Id/Othr/Id");
        st.currency = tree.text(acct, u"Ccy").toUpper();
        st.accountType = tree.text(acct, u"Tp/Cd");
        st.accountName = tree.text(acct, u"Nm");
        if (st.accountName.isEmpty())
            st.accountName = tree.text(acct, u"Ownr/Nm");
        st.bankId = tree.text(acct, u"Svcr/FinInstnId/BICFI");
        if (st.bankId.isEmpty())
            st.bankId = tree.text(acct, u"Svcr/FinInstnId/BIC");
        st.statementId = tree.text(stmt, u"Id");

        std::optional<qint64> previousClosing;
        // Amount and date of the closing (CLBD), the interim booked (ITBD) and the closing available (CLAV) balance.
        std::pair<std::optional<qint64>, std::optional<qint64>> closing, interim, closingAvailable;
        std::optional<qint64> openingAvailable;
        for (int bal : tree.children(stmt, u"Bal")) {
            QString code = tree.text(bal, u"Tp/CdOrPrtry/Cd");
            if (code.isEmpty())
                code = tree.text(bal, u"Tp/CdOrPrtry/Prtry");
            const int amt = tree.child(bal, u"Amt");
            if (amt < 0)
                continue;
            QString ccy;
            const Result<qint64> v = amount(amt, tree.text(bal, u"CdtDbtInd") == u"DBIT", st.currency, &ccy);
            if (!v) {
                addIssue(&file.warnings, &file.warningCount,
                         {tree.nodes[amt].line, tree.nodes[amt].column, QStringLiteral("balance"),
                          v.status().message() + QStringLiteral(" (balance left out)")});
                continue;
            }
            if (st.currency.isEmpty())
                st.currency = ccy;
            if (code == u"OPBD")
                st.openingBalanceMinor = *v;
            else if (code == u"PRCD")
                previousClosing = *v;
            else if (code == u"OPAV")
                openingAvailable = *v;
            else if (code == u"CLBD" || code == u"ITBD" || code == u"CLAV") {
                // A report's interim booked balance (camt.052's ITBD) is its closing one, where it states none; of two
                // balances of one kind (an intraday report's ITBD at 00:00 and at 14:00), the later.
                auto& end = code == u"CLBD" ? closing : code == u"ITBD" ? interim : closingAvailable;
                qint64 ms = 0;
                const bool dated = date(tree.child(bal, u"Dt"), &ms).has_value();
                if (end.first && end.second && dated && ms < *end.second)
                    continue;
                end.first = *v;
                end.second = dated ? std::optional<qint64>(ms) : std::nullopt;
            }
        }
        // A statement that states only available balances (Šiaulių bankas: OPAV and CLAV) is reconciled with them,
        // with a warning (an available balance may hold a credit line or what is reserved).
        const bool availableOnly = !st.openingBalanceMinor && !previousClosing && !closing.first && !interim.first
            && (openingAvailable || closingAvailable.first);
        if (availableOnly)
            addIssue(&file.warnings, &file.warningCount,
                     {tree.nodes[stmt].line, tree.nodes[stmt].column, QStringLiteral("balance"),
                      QStringLiteral("the statement states available balances only (OPAV, CLAV), no booked ones: the "
                                     "import is checked against them")});
        // A notification (camt.054) states no balance and its account may state no currency (Acct/Ccy is optional:
        // PostFinance's): the entries' currency is the account's.
        for (int ntry : tree.children(stmt, u"Ntry")) {
            if (!st.currency.isEmpty())
                break;
            if (const int amt = tree.child(ntry, u"Amt"); amt >= 0 && Money::isKnownCurrency(tree.nodes[amt].ccy))
                st.currency = tree.nodes[amt].ccy;
        }
        const auto& stated = closing.first ? closing : availableOnly ? closingAvailable : interim;
        st.closingBalanceMinor = stated.first;
        st.closingBalanceAtMs = stated.second;
        if (!st.openingBalanceMinor)
            st.openingBalanceMinor = availableOnly ? openingAvailable : previousClosing;

        // The day of an entry that states no date: a statement of one day's (FrToDt from and to on the same date), or
        // where the statement states no period, its closing balance's (Odoo's Nordic sample).
        statementDay.reset();
        const Result<DateParts> from = parseDateParts(tree.text(stmt, u"FrToDt/FrDtTm"), DateOrder::YearMonthDay);
        const Result<DateParts> to = parseDateParts(tree.text(stmt, u"FrToDt/ToDtTm"), DateOrder::YearMonthDay);
        if (from && to && from->date == to->date)
            statementDay = toUtcMs(DateParts {from->date, std::nullopt, std::nullopt}, options.timeZone);
        else if (tree.child(stmt, u"FrToDt") < 0)
            statementDay = st.closingBalanceAtMs;
        // An end-of-day statement's (camt.053's Stmt) entry that states no status but a booking date, or no date in
        // a statement whose day is known and none of whose entries states a status, is booked: Sts is required, but
        // some producers leave it out (the Bank of Lithuania's statements state neither status nor dates, only the
        // balances' day).
        const bool endOfDayStatement = tree.nodes[stmt].name == u"Stmt";
        const QList<int> entries = tree.children(stmt, u"Ntry");
        const bool noStatus = std::none_of(entries.cbegin(), entries.cend(),
                                           [this](int ntry) { return tree.child(ntry, u"Sts") >= 0; });
        for (int ntry : entries)
            entry(ntry, &st, endOfDayStatement, noStatus);
        // The number of entries the statement's summary states (TxsSummry/TtlNtries/NbOfNtries): a file that holds
        // fewer was cut short, or is a page of a statement whose other pages are elsewhere (said in a warning).
        if (const int counted = tree.path(stmt, u"TxsSummry/TtlNtries/NbOfNtries"); counted >= 0) {
            bool ok = false;
            const qint64 stated = tree.nodes[counted].text.toLongLong(&ok);
            if (ok && stated > entries.size())
                addIssue(&file.warnings, &file.warningCount,
                         {tree.nodes[counted].line, tree.nodes[counted].column, QStringLiteral("entries"),
                          QStringLiteral("the statement's summary counts %1 %2 (TxsSummry/TtlNtries/NbOfNtries) "
                                         "but the file holds %3: entries are missing, or the statement continues in "
                                         "another file")
                              .arg(stated)
                              .arg(stated == 1 ? QStringLiteral("entry") : QStringLiteral("entries"))
                              .arg(entries.size())});
        }
        file.statements.append(st);
    }

    void entry(int ntry, ImportedStatement* st, bool endOfDayStatement, bool statementStatesNoStatus)
    {
        const auto& n = tree.nodes[ntry];
        QString status = tree.text(ntry, u"Sts");
        if (status.isEmpty())
            status = tree.text(ntry, u"Sts/Cd");
        if (status.isEmpty())
            status = tree.text(ntry, u"Sts/Prtry");
        const bool bookingDate
            = !tree.text(ntry, u"BookgDt/Dt").isEmpty() || !tree.text(ntry, u"BookgDt/DtTm").isEmpty();
        const bool undated = tree.child(ntry, u"BookgDt") < 0 && tree.child(ntry, u"ValDt") < 0;
        if (status.isEmpty() && tree.child(ntry, u"Sts") < 0 && endOfDayStatement
            && (bookingDate || (undated && statementDay && statementStatesNoStatus)))
            status = QStringLiteral("BOOK");
        if (status != u"BOOK" && !(options.includePending && status == u"PDNG")) {
            addIssue(&file.warnings, &file.warningCount,
                     {n.line, n.column, QStringLiteral("status"),
                      QStringLiteral("entry with status %1 skipped (only booked entries are imported)")
                          .arg(status.isEmpty() ? QStringLiteral("(none)") : status)});
            return;
        }
        const int amt = tree.child(ntry, u"Amt");
        if (amt < 0) {
            rowError(ntry, QStringLiteral("amount"), QStringLiteral("the entry has no Amt"));
            return;
        }
        const bool debit = tree.text(ntry, u"CdtDbtInd") == u"DBIT";
        QString entryCurrency;
        const Result<qint64> entryAmount = amount(amt, debit, st->currency, &entryCurrency);
        if (!entryAmount) {
            rowError(amt, entryAmount.status().field(), entryAmount.status().message());
            return;
        }
        qint64 booked = 0, value = 0;
        const bool hasValue = date(tree.child(ntry, u"ValDt"), &value).has_value();
        if (!date(tree.child(ntry, u"BookgDt"), &booked)) {
            if (!hasValue && statementDay && tree.child(ntry, u"BookgDt") < 0 && tree.child(ntry, u"ValDt") < 0) {
                // Both dates are optional (BMO's statements of one day leave them out): the statement's day.
                addIssue(&file.warnings, &file.warningCount,
                         {n.line, n.column, QStringLiteral("date"),
                          QStringLiteral("the entry has no BookgDt or ValDt: booked on the statement's day, %1")
                              .arg(QDateTime::fromMSecsSinceEpoch(*statementDay, QTimeZone::utc())
                                       .date()
                                       .toString(Qt::ISODate))});
                value = *statementDay;
            } else if (!hasValue) {
                const int at = tree.child(ntry, u"BookgDt");
                rowError(at >= 0 ? at : ntry, QStringLiteral("date"),
                         QStringLiteral("the entry has no valid BookgDt or ValDt"));
                return;
            }
            booked = value;
        }
        QString entryRef = tree.text(ntry, u"AcctSvcrRef");
        if (isPlaceholderReference(entryRef))
            entryRef.clear();

        QList<int> details;
        for (int d : tree.children(ntry, u"NtryDtls"))
            details += tree.children(d, u"TxDtls");
        // One row per TxDtls when every one carries its own amount in the entry's currency.
        QList<std::pair<int, qint64>> split;
        if (details.size() > 1) {
            for (int tx : details) {
                int a = tree.path(tx, u"AmtDtls/TxAmt/Amt");
                if (a < 0)
                    a = tree.child(tx, u"Amt");
                if (a < 0)
                    break;
                const QString ind = tree.text(tx, u"CdtDbtInd");
                QString ccy;
                const Result<qint64> v = amount(a, ind.isEmpty() ? debit : ind == u"DBIT", entryCurrency, &ccy);
                if (!v || ccy != entryCurrency)
                    break;
                split.append({tx, *v});
            }
            if (split.size() != details.size())
                split.clear();
        }
        if (!split.isEmpty()) {
            qint64 sum = 0;
            bool overflow = false;
            for (const auto& [tx, v] : split)
                overflow = overflow || !checkedAdd(sum, v, &sum);
            if (overflow || sum != *entryAmount)
                addIssue(&file.warnings, &file.warningCount,
                         {n.line, n.column, QStringLiteral("amount"),
                          QStringLiteral("the transaction details do not add up to the entry amount")});
            for (qsizetype k = 0; k < split.size(); ++k)
                addRow(st, ntry, split[k].first, split[k].second, entryCurrency, debit, booked, hasValue, value,
                       entryRef.isEmpty() ? QString() : entryRef + QStringLiteral("/") + QString::number(k + 1));
        } else if (const QStringList parties = batchParties(details, debit); parties.size() > 1) {
            // A batch whose transactions carry no amounts of their own (Sparkasse's card payments of several days in
            // one entry) and name two or more other parties: one row, described by the entry, that names them.
            addRow(st, ntry, -1, *entryAmount, entryCurrency, debit, booked, hasValue, value, entryRef,
                   Batch {int(details.size()), parties.join(QStringLiteral(", "))});
        } else {
            addRow(st, ntry, details.isEmpty() ? -1 : details.first(), *entryAmount, entryCurrency, debit, booked,
                   hasValue, value, entryRef);
        }
    }

    // The distinct other parties (creditors of money out, debtors of money in) that the transaction details name, the
    // first kMaxBatchParties of them (a batch may hold thousands), and "..." after them when there are more.
    QStringList batchParties(const QList<int>& details, bool debit)
    {
        constexpr qsizetype kMaxBatchParties = 5;
        QStringList parties;
        for (int tx : details) {
            const QString name = partyName(tree.child(tx, u"RltdPties"), debit ? u"Cdtr" : u"Dbtr");
            if (name.isEmpty() || parties.contains(name))
                continue;
            if (parties.size() == kMaxBatchParties) {
                parties.append(QStringLiteral("..."));
                break;
            }
            parties.append(name);
        }
        return parties;
    }

    void addRow(ImportedStatement* st, int ntry, int tx, qint64 minor, const QString& currency, bool entryDebit,
                qint64 booked, bool hasValue, qint64 value, const QString& ref, const Batch& batch = {})
    {
        ImportedRow row;
        row.line = tree.nodes[tx >= 0 && ref.contains(QLatin1Char('/')) ? tx : ntry].line;
        row.accountRef = st->accountRef;
        row.bookedAtMs = booked;
        if (hasValue)
            row.valueDateMs = value;
        row.amountMinor = minor;
        QString idCounterparty; // the other party as derived ids name it (without the postal address's rule)
        row.currency = currency;
        const bool debit = minor < 0 || (minor == 0 && entryDebit);
        row.externalId = ref;
        if (tx >= 0) {
            if (row.externalId.isEmpty())
                row.externalId = tree.text(tx, u"Refs/AcctSvcrRef");
            if (isPlaceholderReference(row.externalId))
                row.externalId.clear();
            const QString e2e = tree.text(tx, u"Refs/EndToEndId");
            if (row.externalId.isEmpty() && !e2e.isEmpty() && !isPlaceholderReference(e2e))
                row.externalId = e2e;
            // The other party: the creditor of money out, the debtor of money in. Where that role names the account's
            // owner, or a reversal (RvslInd) leaves it empty (a returned direct debit may name only its creditor),
            // the other role's.
            const int parties = tree.child(tx, u"RltdPties");
            const bool reversal = tree.text(ntry, u"RvslInd").compare(u"true", Qt::CaseInsensitive) == 0;
            const auto counterparty = [&](bool withAddress) {
                QString party = partyName(parties, debit ? u"Cdtr" : u"Dbtr", withAddress);
                if ((party.isEmpty() && reversal)
                    || (!st->accountName.isEmpty() && party.compare(st->accountName, Qt::CaseInsensitive) == 0))
                    if (const QString other = partyName(parties, debit ? u"Dbtr" : u"Cdtr", withAddress);
                        !other.isEmpty())
                        party = other;
                return party;
            };
            row.counterparty = counterparty(true);
            idCounterparty = counterparty(false);
            QStringList lines;
            for (int r : tree.children(tx, u"RmtInf"))
                for (int u : tree.children(r, u"Ustrd"))
                    if (!tree.nodes[u].text.isEmpty())
                        lines.append(tree.nodes[u].text);
            row.description = lines.join(QLatin1Char(' '));
            // Else the structured remittance's own words (PostFinance's "Rechnung Nr. 372142"), else its reference.
            if (row.description.isEmpty())
                row.description = tree.text(tx, u"RmtInf/Strd/AddtlRmtInf");
            if (row.description.isEmpty())
                row.description = tree.text(tx, u"RmtInf/Strd/CdtrRefInf/Ref");
            if (row.description.isEmpty())
                row.description = tree.text(tx, u"AddtlTxInf");
            row.category = tree.text(tx, u"BkTxCd/Prtry/Cd");
        }
        if (row.description.isEmpty())
            row.description = tree.text(ntry, u"AddtlNtryInf");
        if (batch.transactions > 1) {
            row.counterparty = batch.parties;
            idCounterparty = batch.parties;
            const QString count = QStringLiteral("%1 transactions").arg(batch.transactions);
            row.description = row.description.isEmpty() ? count : row.description + QStringLiteral(" (") + count + u')';
        }
        // A creditor's reference of digits alone (a Swiss QR or ISR reference) describes the row less than the
        // transaction's or entry's own text: that text, the reference after it. Derived ids keep the description as
        // it was before this rule.
        const QString idDescription = row.description;
        // PostFinance's processing flags in AddtlRmtInf ("?REJECT?0", "?ERROR?000") are no payment text: the
        // reference, else the transaction's or the entry's own text, instead.
        static const QRegularExpression flag(QStringLiteral("\\?(REJECT|ERROR)\\?\\d*"));
        if (tx >= 0 && row.description.contains(flag)) {
            row.description.remove(flag);
            row.description = row.description.simplified();
            for (const QString& text : {tree.text(tx, u"RmtInf/Strd/CdtrRefInf/Ref"), tree.text(tx, u"AddtlTxInf"),
                                        tree.text(ntry, u"AddtlNtryInf")})
                if (row.description.isEmpty())
                    row.description = text;
        }
        // A structured remittance that refers to an invoice only by its number (Bankgiro's RfrdDocInf: the only
        // purpose text of a Swedish payment).
        if (tx >= 0 && row.description.isEmpty())
            if (const QString number = tree.text(tx, u"RmtInf/Strd/RfrdDocInf/Nb").trimmed(); !number.isEmpty()) {
                const QString kind = tree.text(tx, u"RmtInf/Strd/RfrdDocInf/Tp/CdOrPrtry/Cd");
                row.description
                    = (kind == u"CREN" ? QStringLiteral("Credit note ") : QStringLiteral("Invoice ")) + number;
            }
        if (tx >= 0 && !row.description.isEmpty()
            && std::all_of(row.description.cbegin(), row.description.cend(), [](QChar c) { return c.isDigit(); })) {
            QString text = tree.text(tx, u"AddtlTxInf");
            if (text.isEmpty())
                text = tree.text(ntry, u"AddtlNtryInf");
            if (!text.isEmpty())
                row.description = text + QStringLiteral(" (reference ") + row.description + u')';
        }
        // The bank's posting text (German banks' AddtlNtryInf: "BARGELDAUSZAHLUNG", "Abschluss") before a purpose
        // that does not hold it, where it is short; derived ids keep the description as it was before this rule.
        qsizetype details = 0; // the entry's transactions: the posting text is the one of a single booking only
        for (int d : tree.children(ntry, u"NtryDtls"))
            details += tree.children(d, u"TxDtls").size();
        if (batch.transactions <= 1 && details <= 1 && !row.description.isEmpty()) {
            const QString posting = tree.text(ntry, u"AddtlNtryInf").simplified();
            if (!posting.isEmpty() && posting.size() <= 60 && !row.description.contains(posting, Qt::CaseInsensitive)
                && !posting.contains(row.description, Qt::CaseInsensitive))
                row.description = posting + QLatin1Char(' ') + row.description;
        }
        if (row.category.isEmpty())
            row.category = tree.text(ntry, u"BkTxCd/Prtry/Cd");
        if (row.externalId.isEmpty()) {
            ImportedRow asBefore = row;
            asBefore.description = idDescription;
            asBefore.counterparty = idCounterparty;
            row.externalId = ids.next(asBefore);
            row.externalIdDerived = true;
        }
        st->rows.append(row);
    }
};

} // namespace

Result<ParsedFile> parseCamt(const QByteArray& data, const ImportOptions& options)
{
    if (data.size() > options.maxBytes)
        return importTooLarge(options);
    const Result<DecodedText> decoded = decodeText(data, options.encoding, declaredXmlEncoding(data));
    if (!decoded)
        return decoded.status();
    QString ns;
    Result<MarkupTree> tree = readTree(decoded->text, &ns);
    // An '&' the bank did not write as "&amp;" ("M&S", "Smith & Co"): not XML, but the text is plain; read as the
    // character, with a warning naming the lines. Any other error is the file's.
    QList<int> bareAmpersandLines;
    if (!tree) {
        static const QRegularExpression bare(QStringLiteral("&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)"));
        QString escaped = decoded->text;
        for (QRegularExpressionMatchIterator it = bare.globalMatch(decoded->text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const int line = 1 + int(QStringView(decoded->text).left(m.capturedStart()).count(u'\n'));
            if (bareAmpersandLines.size() < 5 && !bareAmpersandLines.contains(line))
                bareAmpersandLines.append(line);
        }
        if (!bareAmpersandLines.isEmpty()) {
            escaped.replace(bare, QStringLiteral("&amp;"));
            QString escapedNs;
            if (Result<MarkupTree> retried = readTree(escaped, &escapedNs); retried) {
                tree = std::move(retried);
                ns = escapedNs;
            } else {
                bareAmpersandLines.clear();
            }
        }
    }
    if (!tree && tree.status().code() == Status::Code::Corruption)
        return Status::corruption(tree.status().message() + QStringLiteral(" (the file is not well-formed XML)"));
    if (!tree)
        return tree.status();
    if (!ns.contains(QStringLiteral(":camt.05"))) {
        // Name the document's own root (Fio's "AccountStatement"), which tells the user what they have.
        const int root = tree->nodes.front().children.value(0, -1);
        const QString rootName = root > 0 ? tree->nodes[root].name : QString();
        return Status::invalidArgument(
            QStringLiteral("file"),
            QStringLiteral("an XML document of <%1> (namespace \"%2\"), not an ISO 20022 camt.052/053/054 "
                           "statement; export the statement as camt.053, MT940, OFX or CSV")
                .arg(rootName, ns));
    }
    ParsedFile file;
    file.format = importFormatName(ImportFormat::Camt);
    file.encoding = decoded->encoding;
    for (const ImportIssue& w : decoded->warnings)
        addIssue(&file.warnings, &file.warningCount, w);
    if (!bareAmpersandLines.isEmpty()) {
        QStringList lines;
        for (int l : std::as_const(bareAmpersandLines))
            lines.append(QString::number(l));
        addIssue(&file.warnings, &file.warningCount,
                 {bareAmpersandLines.front(), 0, QStringLiteral("file"),
                  QStringLiteral("an '&' not written as '&amp;' (not XML, %1 %2) was read as the character")
                      .arg(lines.size() == 1 ? QStringLiteral("line") : QStringLiteral("lines"),
                           lines.join(QStringLiteral(", ")))});
    }
    CamtContext ctx {*tree, options, file, {}, std::nullopt};
    // "Document", or as Deutsche Postbank's camt.052 writes it, "document"; one or more of them.
    QList<int> documents;
    for (int c : tree->nodes[0].children)
        if (tree->nodes[c].name.compare(u"Document", Qt::CaseInsensitive) == 0)
            documents.append(c);
    if (documents.isEmpty())
        return Status::invalidArgument(QStringLiteral("file"), QStringLiteral("the root element is not Document"));
    for (int c : tree->nodes[0].children)
        if (!documents.contains(c))
            return Status::invalidArgument(
                QStringLiteral("file"),
                QStringLiteral(
                    "line %1: a <%2> element after the statement's Document; a camt file holds Documents only")
                    .arg(tree->nodes[c].line)
                    .arg(tree->nodes[c].name));
    int statements = 0;
    for (int document : documents) {
        for (int message : tree->nodes[document].children) {
            for (int s : tree->nodes[message].children) {
                const QString& name = tree->nodes[s].name;
                if (name == u"Stmt" || name == u"Rpt" || name == u"Ntfctn") {
                    ctx.statement(s);
                    ++statements;
                }
            }
        }
    }
    // A document without one (an empty or cut download) is no statement at all.
    if (statements == 0)
        return Status::invalidArgument(QStringLiteral("file"),
                                       QStringLiteral("the camt document holds no statement, report or notification "
                                                      "(no Stmt, Rpt or Ntfctn element)"));
    return file;
}

} // namespace ledgerguard
