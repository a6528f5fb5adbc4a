// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Qif.h"

#include "import/ImportValues.h"
#include "money/Money.h"

#include <QRegularExpression>
#include <algorithm>

namespace ledgerguard {

namespace {

enum class Section { None, Transactions, Account, Skipped };

struct Item
{
    int line = 0;
    QString date;
    int dateLine = 0;
    QString amount;
    int amountLine = 0;
    QString payee, memo, number, category;
    QList<std::pair<QString, int>> splitAmounts;
    bool any = false;
};

// A D line's date. Quicken's year-2000 fault wrote a year as the years since 1900 ("03/25/099" is 25 March 1999,
// "01/05/100" 5 January 2000), with the payee run on after it in some banks' files ("03/25/099Share Withdrawal"):
// that date without the rest.
QString qifDate(const QString& value)
{
    static const QRegularExpression y2k(QStringLiteral("^\\s*(\\d{1,2})([/.-])(\\d{1,2})\\2([01]\\d\\d)(?!\\d)"));
    if (const QRegularExpressionMatch m = y2k.match(value); m.hasMatch())
        return m.captured(1) + m.captured(2) + m.captured(3) + m.captured(2)
            + QString::number(1900 + m.capturedView(4).toInt());
    return value;
}

// A P line's payee as a user reads it. Santander UK writes an HTML entity for '&' ("R&amp;D": QIF has no entities)
// and pads the payee with the item's amount unsigned after a comma ("FASTER PAYMENTS RECEIPT      , 1200.00"): that
// amount is dropped where it is the T line's.
QString payeeText(const QString& payee, qint64 amountMinor)
{
    static const QRegularExpression paddedAmount(QStringLiteral("\\s*,\\s*(\\d{1,3}(?:,?\\d{3})*)\\.(\\d\\d)\\s*$"));
    QString text = decodeEntities(payee);
    if (const QRegularExpressionMatch m = paddedAmount.match(text); m.hasMatch()) {
        bool ok = false;
        const qint64 minor = QString(m.captured(1) + m.captured(2)).remove(QLatin1Char(',')).toLongLong(&ok);
        if (ok && minor == (amountMinor < 0 ? -amountMinor : amountMinor) && m.capturedStart() > 0)
            text.truncate(m.capturedStart());
    }
    return text;
}

} // namespace

bool looksLikeHeaderlessQif(QStringView text)
{
    bool first = true, amount = false, end = false;
    for (QStringView line : text.split(QLatin1Char('\n'))) {
        line = line.trimmed();
        // (Nor an empty item before the first: a snippet cut after an item's end, "^".)
        if (line.isEmpty() || (first && line == u"^"))
            continue;
        if (first && !(line.size() > 1 && line[0] == QLatin1Char('D') && line[1].isDigit()))
            return false;
        first = false;
        amount = amount
            || (line.size() > 1 && (line[0] == QLatin1Char('T') || line[0] == QLatin1Char('U'))
                && (line[1].isDigit() || line[1] == QLatin1Char('-') || line[1] == QLatin1Char('.')));
        end = end || line == u"^";
        if (amount && end)
            return true;
    }
    return false;
}

Result<ParsedFile> parseQif(const QByteArray& data, const ImportOptions& options)
{
    Result<DecodedLines> decoded = decodeLines(data, options, ImportFormat::Qif);
    if (!decoded)
        return decoded.status();
    ParsedFile file = std::move(decoded->file);
    const QString text = std::move(decoded->text);
    const QStringList lines = std::move(decoded->lines);

    bool sawHeader = false;
    for (const QString& l : lines) {
        const QString t = l.trimmed();
        if (t.isEmpty() || t == u"^") // (an empty item before the header: a snippet cut after an item's end)
            continue;
        sawHeader = t.startsWith(QLatin1Char('!'));
        break;
    }
    // Items without a header line (some programs' exports start at the first "D" line): a bank account's, with a
    // warning.
    const bool headerless = !sawHeader && looksLikeHeaderlessQif(text);
    if (!sawHeader && !headerless)
        return Status::invalidArgument(
            QStringLiteral("file"), QStringLiteral("not a QIF file: it does not start with a !Type or !Account line"));
    if (headerless)
        addIssue(&file.warnings, &file.warningCount,
                 {1, 1, {}, QStringLiteral("no !Type line: the items are read as a bank account's (!Type:Bank)")});

    // The whole file decides the date order and the decimal separator.
    DateEvidence dates;
    DecimalEvidence decimals;
    bool dotted = false, slashed = false; // D lines like 03.02.25 (day first, as Europe writes it), like 1/ 5'25
    for (const QString& l : lines) {
        const QString t = l.trimmed();
        if (t.startsWith(QLatin1Char('D'))) {
            dates.add(qifDate(t.mid(1)));
            dotted = dotted || t.contains(QLatin1Char('.'));
            slashed = slashed || t.contains(QLatin1Char('/'));
        } else if (t.startsWith(QLatin1Char('T')) || t.startsWith(QLatin1Char('U')) || t.startsWith(QLatin1Char('$')))
            decimals.add(t.mid(1));
    }
    const DateOrder order = options.dateOrder == DateOrder::Auto
        ? dates.decide(dotted && !slashed ? DateOrder::DayMonthYear : DateOrder::MonthDayYear)
        : options.dateOrder;
    const DecimalSeparator separator
        = options.decimalSeparator == DecimalSeparator::Auto ? decimals.decide() : options.decimalSeparator;

    Section section = headerless ? Section::Transactions : Section::None;
    bool investment = false; // the file has an investment section (skipped)
    QString sectionType = headerless ? QStringLiteral("Bank") : QString();
    QString accountName, pendingName;
    int current = -1; // statement index
    Item item;
    DerivedIds ids;

    const auto finishItem = [&] {
        if (!item.any) {
            item = {};
            return;
        }
        Item it = item;
        item = {};
        if (section != Section::Transactions)
            return;
        if (current < 0) {
            ImportedStatement st;
            st.accountRef = accountName;
            st.accountName = accountName;
            st.accountType = sectionType;
            file.statements.append(st);
            current = int(file.statements.size() - 1);
        }
        ImportedStatement& st = file.statements[current];
        ImportedRow row;
        row.line = it.line;
        row.accountRef = st.accountRef;
        const Result<DateParts> date = parseDateParts(it.date, order);
        if (!date) {
            addIssue(&file.rowErrors, &file.rowErrorCount,
                     {it.dateLine > 0 ? it.dateLine : it.line, it.dateLine > 0 ? 2 : 0, QStringLiteral("date"),
                      it.date.isEmpty() ? QStringLiteral("the item has no D line") : date.status().message()});
            return;
        }
        row.bookedAtMs = toUtcMs(*date, options.timeZone);
        QString currency = options.defaultCurrency;
        if (it.amount.trimmed().isEmpty() && !it.splitAmounts.isEmpty()) {
            qint64 sum = 0;
            for (const auto& [amountText, line] : std::as_const(it.splitAmounts)) {
                QString used;
                const Result<qint64> a = parseAmount(amountText, separator, currency, &used);
                if (!a || !checkedAdd(sum, *a, &sum)) {
                    addIssue(&file.rowErrors, &file.rowErrorCount,
                             {line, 2, a ? QStringLiteral("amount") : a.status().field(),
                              a ? QStringLiteral("the split total is too large") : a.status().message()});
                    return;
                }
                currency = used;
            }
            row.amountMinor = sum;
        } else {
            QString used;
            const Result<qint64> a = parseAmount(it.amount, separator, currency, &used);
            if (!a) {
                addIssue(&file.rowErrors, &file.rowErrorCount,
                         {it.amountLine > 0 ? it.amountLine : it.line, it.amountLine > 0 ? 2 : 0, a.status().field(),
                          it.amount.isEmpty() ? QStringLiteral("the item has no T line") : a.status().message()});
                return;
            }
            row.amountMinor = *a;
            currency = used;
        }
        row.currency = currency;
        if (st.currency.isEmpty())
            st.currency = currency;
        row.counterparty = it.payee;
        row.description = it.memo;
        // A check number is "No. 1043"; a bank's code for the kind of payment in its place (Ulster Bank's "POS",
        // "D/D"; "ATM", "XFER") is kept as written.
        if (!it.number.isEmpty()) {
            const bool digits = std::all_of(it.number.cbegin(), it.number.cend(), [](QChar c) { return c.isDigit(); });
            const QString number = digits ? QStringLiteral("No. ") + it.number : it.number;
            row.description
                = row.description.isEmpty() ? number : QString(row.description + QStringLiteral(" / ") + number);
        }
        row.category = it.category;
        // Quicken's first item of an account, "Opening Balance" booked against the account itself ("L[Checking]"),
        // is the statement's opening balance, not a transaction; in French, German, Spanish, Italian, Portuguese and
        // Dutch versions too ("Solde initial", Money Manager Ex's French file).
        static const QRegularExpression openingPayee(
            QStringLiteral("^(opening balance|solde initial|solde d'ouverture|anfangssaldo|er\\x{f6}ffnungssaldo|"
                           "saldo inicial|saldo iniziale|saldo de abertura|beginsaldo|openingssaldo)$"),
            QRegularExpression::CaseInsensitiveOption);
        if (st.rows.isEmpty() && !st.openingBalanceMinor && openingPayee.match(it.payee.trimmed()).hasMatch()
            && it.category.trimmed().startsWith(QLatin1Char('[')) && it.category.trimmed().endsWith(QLatin1Char(']'))) {
            st.openingBalanceMinor = row.amountMinor;
            return;
        }
        row.externalId = ids.next(row); // of the texts as written, as earlier versions derived it
        row.externalIdDerived = true;
        row.counterparty = payeeText(it.payee, row.amountMinor);
        row.description = decodeEntities(row.description);
        st.rows.append(row);
    };

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        const QString raw = lines[i];
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char('!'))) {
            finishItem();
            const QString header = line.toLower();
            if (header.startsWith(QStringLiteral("!option:")) || header.startsWith(QStringLiteral("!clear:")))
                continue;
            if (header == u"!account") {
                section = Section::Account;
                pendingName.clear();
                continue;
            }
            if (header.startsWith(QStringLiteral("!type:"))) {
                const QString type = line.mid(6).trimmed();
                const QString t = type.toLower().remove(QLatin1Char(' '));
                if (t == u"bank" || t == u"ccard" || t == u"cash" || t == u"otha" || t == u"othl" || t == u"invoice") {
                    const bool same = current >= 0 && section == Section::Transactions && sectionType == type
                        && file.statements[current].accountRef == accountName;
                    section = Section::Transactions;
                    if (!same) {
                        sectionType = type;
                        current = -1;
                    }
                } else {
                    section = Section::Skipped;
                    investment = investment || t == u"invst";
                    addIssue(&file.warnings, &file.warningCount,
                             {lineNo,
                              1,
                              {},
                              QStringLiteral("the %1 section is not imported (%2)")
                                  .arg(line,
                                       t == u"invst" ? QStringLiteral("investment transactions")
                                                     : QStringLiteral("a list, not transactions"))});
                }
                continue;
            }
            section = Section::Skipped;
            addIssue(&file.warnings, &file.warningCount,
                     {lineNo, 1, {}, QStringLiteral("unknown header %1: its section is skipped").arg(line)});
            continue;
        }
        const QChar code = line.at(0);
        const QString value = raw.trimmed().mid(1).trimmed();
        if (section == Section::Account) {
            if (code == QLatin1Char('^')) {
                accountName = pendingName;
                current = -1;
            } else if (code == QLatin1Char('N')) {
                pendingName = value;
            }
            continue;
        }
        if (section != Section::Transactions)
            continue;
        if (code == QLatin1Char('^')) {
            finishItem();
            continue;
        }
        if (!item.any) {
            item.any = true;
            item.line = lineNo;
        }
        switch (code.unicode()) {
        case u'D':
            item.date = qifDate(value);
            item.dateLine = lineNo;
            break;
        case u'T':
            item.amount = value;
            item.amountLine = lineNo;
            break;
        case u'U':
            if (item.amount.isEmpty()) {
                item.amount = value;
                item.amountLine = lineNo;
            }
            break;
        case u'P':
            item.payee = value;
            break;
        case u'M':
            item.memo = value;
            break;
        case u'N':
            item.number = value;
            break;
        case u'L':
            item.category = value;
            break;
        case u'$':
            item.splitAmounts.append({value, lineNo});
            break;
        default: // C cleared, A address, S/E split category/memo, ...
            break;
        }
    }
    finishItem();
    // A card's section that writes its charges positive, as some banks' QIF downloads do (Quicken writes them
    // negative): at least four rows and three positive for every negative one, which a card's statement of charges
    // and a payment never has as Quicken writes it. Its amounts are turned, with a warning.
    for (ImportedStatement& st : file.statements) {
        if (st.accountType.compare(QLatin1String("CCard"), Qt::CaseInsensitive) != 0 || st.rows.size() < 4)
            continue;
        const auto positive
            = std::count_if(st.rows.cbegin(), st.rows.cend(), [](const ImportedRow& r) { return r.amountMinor > 0; });
        const auto negative
            = std::count_if(st.rows.cbegin(), st.rows.cend(), [](const ImportedRow& r) { return r.amountMinor < 0; });
        // Quicken's own section of mostly payments to the card ("Payment - Thank you", positive) is as written.
        static const QRegularExpression payment(QStringLiteral("payment|pymt|thank|paiement|zahlung|pago|pagamento"),
                                                QRegularExpression::CaseInsensitiveOption);
        const bool positivePayment = std::any_of(st.rows.cbegin(), st.rows.cend(), [](const ImportedRow& r) {
            return r.amountMinor > 0 && payment.match(r.counterparty + QLatin1Char(' ') + r.description).hasMatch();
        });
        if (positive < 3 * std::max<qsizetype>(negative, 1) || positivePayment)
            continue;
        for (ImportedRow& r : st.rows)
            r.amountMinor = -r.amountMinor;
        if (st.openingBalanceMinor)
            st.openingBalanceMinor = -*st.openingBalanceMinor;
        addIssue(&file.warnings, &file.warningCount,
                 {0, 0, QStringLiteral("amount"),
                  QStringLiteral("the !Type:CCard section writes its charges as positive amounts (%1 of %2 rows): the "
                                 "amounts are read with their signs turned (money out negative)")
                      .arg(positive)
                      .arg(st.rows.size())});
    }
    if (investment && file.statements.isEmpty())
        return Status::invalidArgument(QStringLiteral("file"),
                                       QStringLiteral("the file holds only investment accounts (!Type:Invst), whose "
                                                      "transactions are not imported"));
    return file;
}

} // namespace ledgerguard
