// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Mt940.h"

#include "import/ImportValues.h"
#include "money/Money.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <optional>

namespace ledgerguard {

namespace {

// The account of a ":25:" field and the currency written after its number, where one is: ING's
// "NL69INGB0123456789EUR" (an IBAN, then the code), bunq's "NL10BUNQ2034567890 EUR", Rabobank's
// "0800003200000001610722 EUR" and "1291.99.348EUR", a German bank's "10040000/123456789EUR".
std::pair<QString, QString> accountAndCurrency(const QString& ref)
{
    static const QRegularExpression suffixed(QStringLiteral("^(.*[0-9])( ?)([A-Z]{3})$"));
    static const QRegularExpression number(QStringLiteral("^[0-9][0-9/. -]{5,}$"));
    const QRegularExpressionMatch m = suffixed.match(ref);
    // (A Romanian IBAN may end in letters that spell a currency: "RO87BUCU1052235283028RON" is one IBAN.)
    if (!m.hasMatch() || !Money::isKnownCurrency(m.captured(3)) || isValidIban(ref))
        return {ref, {}};
    const QString account = m.captured(1);
    if (isValidIban(account) || !m.captured(2).isEmpty() || number.match(account).hasMatch())
        return {account, m.captured(3)};
    return {ref, {}};
}

// One field of a message: its tag ("61", "60F"), its text with the continuation lines joined by '\n' (each line's
// trailing spaces kept: they are text), its line, and the physical length of each of its lines (the first with its
// tag).
struct Field
{
    QString tag;
    QString text;
    int line = 0;
    QList<qsizetype> lineLengths;
};

// The length of `text` without the spaces at its end.
qsizetype lengthWithoutTrailingSpaces(QStringView text)
{
    qsizetype length = text.size();
    while (length > 0 && text[length - 1].isSpace())
        --length;
    return length;
}

// `field`'s lines joined as written text: directly where a line was full (`width` characters or more: the field went
// on in the middle of a word), with a space where it was shorter (it ended where its words did).
QString joinLines(const Field& field, qsizetype width)
{
    const QStringList lines = field.text.split(QLatin1Char('\n'));
    QString out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i + 1 < lines.size() && i < field.lineLengths.size() && field.lineLengths[i] < width)
            out += QLatin1Char(' ');
    }
    return out;
}

// YYMMDD; a two-digit year is 2000-2079 or 1980-1999.
std::optional<QDate> swiftDate(QStringView s)
{
    if (s.size() != 6 || !std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); }))
        return std::nullopt;
    const int yy = s.first(2).toInt();
    const QDate d(yy < 80 ? 2000 + yy : 1900 + yy, s.sliced(2, 2).toInt(), s.sliced(4, 2).toInt());
    return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

// A balance field (":60F:", ":62F:"): mark C or D, date YYMMDD, currency, amount with a decimal comma.
struct Balance
{
    qint64 minor = 0;
    QDate date;
    QString currency;
};

std::optional<Balance> parseBalance(const QString& text)
{
    static const QRegularExpression balance(QStringLiteral("^\\s*([CD])(\\d{6})([A-Z]{3})([0-9.,' ]+)"));
    const QRegularExpressionMatch m = balance.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const std::optional<QDate> date = swiftDate(m.capturedView(2));
    QString used;
    const Result<qint64> amount = parseAmount(m.capturedView(4), DecimalSeparator::Comma, m.captured(3), &used);
    if (!date || !amount)
        return std::nullopt;
    return Balance {m.captured(1) == u"D" ? -*amount : *amount, *date, m.captured(3)};
}

// The parts of an information field (":86:") that describe the row and name its other party.
struct Information
{
    QString description;
    QString counterparty;
};

// A statement line's non-SWIFT ":NS:" block (the text after the tag): lines of a two-digit subfield code and its text,
// a line without a code more of the one before. 15 and 16 are the other party's name (Sberbank Hungary breaks it
// inside a word where line 15 is full, 27 characters); the other subfields that hold a word (three letters in a
// row: "Verwendungszweck 1", "Tranzakciós Illeték:7.21HUF"; not references and numbers) are the row's text.
Information nonSwiftDetails(const QString& block)
{
    static const QRegularExpression word(QStringLiteral("\\p{L}{3}"), QRegularExpression::UseUnicodePropertiesOption);
    QList<std::pair<int, QString>> subfields;
    for (const QString& line : block.split(QLatin1Char('\n'))) {
        if (line.size() >= 2 && line.at(0).isDigit() && line.at(1).isDigit())
            subfields.append({line.first(2).toInt(), line.mid(2)});
        else if (!subfields.isEmpty())
            subfields.back().second += QLatin1Char(' ') + line;
    }
    Information out;
    QStringList texts;
    qsizetype nameLineLength = 0; // of the name's last line
    for (const auto& [code, text] : std::as_const(subfields)) {
        const QString t = text.simplified();
        if (code == 15 || code == 16) {
            if (!out.counterparty.isEmpty() && nameLineLength < 27)
                out.counterparty += QLatin1Char(' ');
            out.counterparty += t;
            nameLineLength = text.trimmed().size();
        } else if (t.contains(word)) {
            texts.append(t);
        }
    }
    out.description = texts.join(QLatin1Char(' '));
    return out;
}

// `width`: the length of a full line of the file's information fields (the format's 65, or less where a bank
// breaks its lines earlier). `asBefore`: the texts as versions before 2026-12-06 read them (lines trimmed and joined
// as written, slashes as spaces), from which a row's derived id is made, so that a file imported by such a version
// is found a duplicate when imported again.
Information parseInformation(const Field& field, qsizetype width, bool asBefore = false)
{
    Information out;
    QString text = field.text;
    if (asBefore) {
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString& line : lines)
            line.truncate(lengthWithoutTrailingSpaces(line));
        text = lines.join(QLatin1Char('\n'));
    }
    QString joined = QString(text).replace(QLatin1Char('\n'), QString());
    // (A blank before the business code, as BPH writes ":86: 020?00...", is none of the field's text.)
    if (!asBefore)
        joined.remove(0, std::distance(joined.cbegin(), std::find_if(joined.cbegin(), joined.cend(), [](QChar c) {
                                           return c != QLatin1Char(' ');
                                       })));
    // German banks' structure: a three-digit business code, then subfields "?NN"; Polish, Romanian and Triodos'
    // with another mark ("^00PRZELEW^20...^32NAME", "~20", "+20Plata+32NAME", ">20TENAAMSTELLING").
    static const QRegularExpression german(QStringLiteral("^\\d{3}\\s*\\?"));
    static const QRegularExpression otherMark(QStringLiteral("^\\d{3}\\s*([~^>+])\\d\\d"));
    QChar mark;
    if (german.match(joined).hasMatch())
        mark = QLatin1Char('?');
    else if (const QRegularExpressionMatch m = otherMark.match(joined); m.hasMatch() && !asBefore)
        mark = m.capturedView(1).front();
    if (!mark.isNull()) {
        QStringList purpose;
        QString bookingText;
        // Each subfield: the mark, a two-digit code, its value up to the next mark (the business code before the
        // first mark is none).
        const QStringList parts = joined.split(mark);
        for (qsizetype k = 1; k < parts.size(); ++k) {
            const QString& part = parts[k];
            if (part.size() < 2 || !part[0].isDigit() || !part[1].isDigit())
                continue;
            const int code = part.first(2).toInt();
            QString value = part.sliced(2);
            if (value.trimmed().isEmpty())
                continue;
            // A subfield of 27 characters (its spaces at the end not counted, those at its start counted: Triodos'
            // ">22 PLAATS TEGENREKENING EN EE") is full and the text goes on in the next one, perhaps in the middle
            // of a word: joined as written; a shorter one ends where its words do.
            if (!asBefore && lengthWithoutTrailingSpaces(value) < 27)
                value += QLatin1Char(' ');
            if (code == 0)
                bookingText = value.trimmed();
            else if ((code >= 20 && code <= 29) || (code >= 60 && code <= 63))
                purpose.append(value);
            else if (code == 32 || code == 33)
                out.counterparty += value;
        }
        QString p = purpose.join(QString());
        // SEPA's keys inside the purpose ("EREF+...", "SVWZ+..."): the remittance text after SVWZ+ where there is one.
        if (const qsizetype s = p.indexOf(QStringLiteral("SVWZ+")); s >= 0) {
            p = p.mid(s + 5);
            static const QRegularExpression nextKey(QStringLiteral("(EREF|KREF|MREF|CRED|DEBT|ABWA|ABWE|IBAN|BIC)\\+"));
            if (const QRegularExpressionMatch k = nextKey.match(p); k.hasMatch())
                p.truncate(k.capturedStart());
        }
        out.description = (bookingText.isEmpty() || p.contains(bookingText, Qt::CaseInsensitive))
            ? p.simplified()
            : QString(bookingText + QLatin1Char(' ') + p).simplified();
        out.counterparty = out.counterparty.simplified();
        return out;
    }
    // Slash-separated codes ("/EREF/.../ORDP//NAME/.../REMI/USTD//..."): /NAME/ (or /CNTP/'s name) and /REMI/.
    if (!asBefore)
        joined = joinLines(field, width);
    // A name ends at the next code of the field's dialect (Rabobank's, ABN AMRO's, ING's); its own slashes ("Hr A B
    // Huibers en/of Mw S L Huibers", a joint account; "ACME/BV/NL") are its text.
    static const QRegularExpression nameUpToCode(QStringLiteral(
        "/NAME/(.*?)(?:/(?:REMI|ADDR|CTRY|ISDT|CSID|MARF|EREF|IREF|CREF|ORDP|BENM|RTRN|ATOS|SVCL|PURP|ACCW|IBAN|BIC|"
        "CNTP|TRTP|ULTC|ULTD|ULTB|EXCH|CHGS|BUSP|PREF|CDTRREF|CDTRREFTP|ORIG|NAME|ID)/|/*$)"));
    // Rabobank's "/ORDP//NAME/Wehkamp BV" without a remittance text: structured too.
    static const QRegularExpression leadingCode(QStringLiteral("^/(ORDP|BENM|ACCW|TRTP|EREF|CNTP)/"));
    const bool nameOnly = !asBefore && leadingCode.match(joined).hasMatch()
        && (joined.contains(QStringLiteral("/NAME/")) || joined.startsWith(QStringLiteral("/CNTP/")));
    if (joined.startsWith(QLatin1Char('/')) && (joined.contains(QStringLiteral("/REMI/")) || nameOnly)) {
        // "/NAME/name/", or ING's "/CNTP/IBAN/BIC/name/city/".
        static const QRegularExpression name(QStringLiteral("/NAME/([^/]*)"));
        static const QRegularExpression party(QStringLiteral("/CNTP/[^/]*/[^/]*/([^/]*)"));
        if (const QRegularExpressionMatch m = (asBefore ? name : nameUpToCode).match(joined); m.hasMatch())
            out.counterparty = m.captured(1).simplified();
        else if (const QRegularExpressionMatch p = party.match(joined); p.hasMatch())
            out.counterparty = p.captured(1).simplified();
        const qsizetype remiAt = joined.indexOf(QStringLiteral("/REMI/"));
        QString remi = remiAt < 0 ? QString() : joined.mid(remiAt + 6);
        if (remi.startsWith(QStringLiteral("USTD//")))
            remi = remi.mid(6);
        else if (remi.startsWith(QStringLiteral("STRD/")))
            remi = remi.mid(5);
        static const QRegularExpression nextCode(
            QStringLiteral("/(ISDT|CSID|MARF|EREF|ORDP|BENM|RTRN|ATOS|SVCL|PURP)/"));
        if (const QRegularExpressionMatch k = nextCode.match(remi); k.hasMatch())
            remi.truncate(k.capturedStart());
        // The slashes around the text are the codes' separators; those inside it are its own ("t/m", "2024/17").
        while (remi.endsWith(QLatin1Char('/')))
            remi.chop(1);
        if (asBefore)
            remi.replace(QLatin1Char('/'), QLatin1Char(' '));
        out.description = remi.simplified();
        // A field of codes without a remittance text: its kind ("/TRTP/SEPA Incasso") and a return's reason
        // ("/RTRN/MS03") say what it was, else the name.
        if (out.description.isEmpty() && nameOnly && remiAt < 0) {
            static const QRegularExpression kind(QStringLiteral("/TRTP/([^/]*)"));
            static const QRegularExpression returned(QStringLiteral("/RTRN/([^/]*)"));
            QStringList parts;
            if (const QRegularExpressionMatch k = kind.match(joined); k.hasMatch())
                parts.append(k.captured(1).simplified());
            if (const QRegularExpressionMatch r = returned.match(joined); r.hasMatch())
                parts.append(QStringLiteral("returned: %1").arg(r.captured(1).simplified()));
            parts.removeAll(QString());
            out.description = parts.join(QLatin1Char(' '));
        }
        if (out.description.isEmpty())
            out.description = out.counterparty;
        return out;
    }
    out.description = QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')).simplified();
    return out;
}

// The currency of an MT942's floor limit (":34F:USD0,", ":34F:PLND0,00", a FinTS download's ":34F:EUR 999,99").
std::optional<QString> floorLimitCurrency(const QString& text)
{
    static const QRegularExpression floor(QStringLiteral("^\\s*([A-Z]{3}) ?[CD]?[0-9]"));
    const QRegularExpressionMatch m = floor.match(text);
    return m.hasMatch() ? std::optional<QString>(m.captured(1)) : std::nullopt;
}

// A message whose balances miss by one row's amount, and that row the second copy of one above it in the message
// (the same day, amount and texts: ASN Bank wrote a transfer twice): the copy is dropped, with a warning, since the
// statement's balances count the booking once.
void dropRepeatedCopy(ParsedFile* file, int statement, qsizetype firstRow, qint64 opening, qint64 closing)
{
    QList<ImportedRow>& rows = file->statements[statement].rows;
    if (firstRow > rows.size())
        return;
    qint64 sum = opening;
    for (qsizetype i = firstRow; i < rows.size(); ++i)
        if (!checkedAdd(sum, rows[i].amountMinor, &sum))
            return;
    const qint64 extra = sum - closing;
    if (extra == 0)
        return;
    for (qsizetype i = firstRow + 1; i < rows.size(); ++i) {
        const ImportedRow& b = rows[i];
        if (b.amountMinor != extra)
            continue;
        for (qsizetype j = firstRow; j < i; ++j) {
            const ImportedRow& a = rows[j];
            if (a.amountMinor == b.amountMinor && a.bookedAtMs == b.bookedAtMs && a.valueDateMs == b.valueDateMs
                && a.description == b.description && a.counterparty == b.counterparty) {
                addIssue(&file->warnings, &file->warningCount,
                         {b.line, 0, QStringLiteral("duplicate"),
                          QStringLiteral("skipped: a second copy of the booking on line %1 (the same day, amount and "
                                         "text), which the statement's opening and closing balances count once")
                              .arg(a.line)});
                rows.removeAt(i);
                return;
            }
        }
    }
}

} // namespace

bool looksLikeMt940(QStringView text)
{
    static const QRegularExpression field(QStringLiteral("(^|\\n|@@)\\s*:(20|25|60[FM]|34F|13D|61|62[FM]):"));
    bool reference = false, account = false, opening = false, line = false;
    for (auto it = field.globalMatch(text); it.hasNext();) {
        const QStringView tag = it.next().capturedView(2);
        reference = reference || tag == u"20";
        account = account || tag == u"25";
        // (An MT942 interim report has no opening balance but its floor limit ":34F:" and its time ":13D:".)
        opening = opening || tag.startsWith(u"60") || tag == u"34F" || tag == u"13D";
        line = line || tag == u"61" || tag.startsWith(u"62");
        if (reference && account && opening && line)
            return true;
    }
    return false;
}

Result<ParsedFile> parseMt940(const QByteArray& data, const ImportOptions& options)
{
    Result<DecodedLines> decoded = decodeLines(data, options, ImportFormat::Mt940);
    if (!decoded)
        return decoded.status();
    ParsedFile file = std::move(decoded->file);
    QStringList lines = std::move(decoded->lines);
    // A FinTS (HBCI) client's raw download writes "@@" where the lines break (":20:STARTUMS@@:25:72090900/...").
    if (decoded->text.count(QStringLiteral("@@:")) >= 2)
        lines = decoded->text.replace(QStringLiteral("@@"), QStringLiteral("\n")).split(QLatin1Char('\n'));

    // The fields, in file order; the SWIFT blocks' brackets and the messages' ends ("-", "-}") dropped.
    QList<Field> fields;
    static const QRegularExpression tagLine(QStringLiteral("^:(\\d\\d[A-Z]?):(.*)$"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        // "{1:F01...}{2:I940...}{4:" before the first field, or ":20:..." on the same line after "{4:".
        if (const qsizetype block = line.indexOf(QStringLiteral("{4:")); block >= 0)
            line = line.mid(block + 3);
        const QString trimmed = line.trimmed();
        if (trimmed == u"-" || trimmed == u"-}" || trimmed.startsWith(QStringLiteral("-}")) || trimmed.isEmpty())
            continue;
        // (A line's length as a full line is measured: without the spaces some writers pad every line with.)
        const qsizetype length = lengthWithoutTrailingSpaces(line);
        if (const QRegularExpressionMatch m = tagLine.match(trimmed); m.hasMatch()) {
            // (The line's own trailing spaces are text, as on the lines after it.)
            fields.append({m.captured(1), m.captured(2) + line.mid(length), int(i + 1), {length}});
        } else if (!fields.isEmpty()) {
            // A field's next line, its leading spaces kept: the field breaks where the line is full, a space too.
            fields.back().text += QLatin1Char('\n') + line;
            fields.back().lineLengths.append(length);
        }
    }
    // The width of the information fields' full lines: 65, or a bank's shorter one (the longest line written).
    qsizetype width = 0;
    for (const Field& f : std::as_const(fields)) {
        if (f.tag == u"86" && f.lineLengths.size() > 1)
            width = std::max(width, *std::max_element(f.lineLengths.cbegin(), f.lineLengths.cend() - 1));
    }
    width = width > 0 ? std::min<qsizetype>(width, 65) : 65;

    int current = -1; // the statement being read, an index into file.statements
    // The statement being read, a new one (for `account`) where there is none or `account` names another.
    const auto statementFor = [&](const std::optional<QString>& account) -> ImportedStatement& {
        if (current < 0 || (account && file.statements[current].accountRef != *account)) {
            file.statements.append(ImportedStatement {});
            current = int(file.statements.size() - 1);
            if (account)
                file.statements[current].accountRef = *account;
        }
        return file.statements[current];
    };
    QString currency = options.defaultCurrency;
    // The message being read: its opening balance and the index of its first row in file.statements[current].
    bool messageOpened = false;
    qint64 messageOpening = 0;
    // The dates of each statement's opening and closing balances: an account's messages (a bank's daily statements)
    // may come newest first, and the statement opens with the oldest message's and closes with the newest's.
    QHash<int, QDate> openingDateOf;
    QHash<int, QDate> closingDateOf;
    qsizetype messageFirstRow = 0;
    qint64 messageErrors = 0; // the file's row errors when the message began
    DerivedIds ids;
    std::optional<ImportedRow> pending; // the last statement line, waiting for its ":86:"
    Information pendingAsBefore; // its texts as earlier versions read them, for its derived id
    bool informed = false; // the last field was the ":86:" of the last row of file.statements[current]
    // The last ":25:" as versions before accountAndCurrency() named the account, for derived ids.
    std::optional<QString> accountAsBefore;
    QHash<int, std::pair<QString, QString>> numberOf; // statement -> accountAndCurrency() of its ":25:", where split
    const auto finishRow = [&] {
        if (pending && current >= 0) {
            ImportedRow asBefore = *pending;
            if (accountAsBefore)
                asBefore.accountRef = *accountAsBefore;
            asBefore.description = pendingAsBefore.description;
            asBefore.counterparty = pendingAsBefore.counterparty;
            pending->externalId = ids.next(asBefore);
            pending->externalIdDerived = true;
            file.statements[current].rows.append(*pending);
        }
        pending.reset();
        informed = false;
    };
    // ":61:": value date YYMMDD, entry date MMDD (left out, or four spaces: Citi), mark, funds code, amount,
    // transaction type and reference, the supplementary details on a line of their own.
    static const QRegularExpression statementLine(
        QStringLiteral(
            "^(\\d{6})(?:(\\d{4})| {4})?(RC|RD|C|D)([A-Z])?([0-9][0-9.,]*)([NFS][A-Z0-9]{3})?([^\\n]*)(?:\\n(.*))?$"),
        QRegularExpression::DotMatchesEverythingOption);
    for (const Field& f : std::as_const(fields)) {
        if (f.tag == u"34F") {
            // An MT942's floor limit names the report's currency.
            finishRow();
            if (const std::optional<QString> c = floorLimitCurrency(f.text)) {
                currency = *c;
                ImportedStatement& st = statementFor(std::nullopt);
                if (st.currency.isEmpty())
                    st.currency = *c;
            }
        } else if (f.tag == u"25") {
            finishRow();
            // ING Romania writes a slash before the IBAN (":25:/RO19INGB..."): no part of the account's number.
            const auto unslashed = [](const QString& text) {
                QString out = text.simplified();
                while (out.startsWith(QLatin1Char('/')))
                    out.remove(0, 1);
                return out;
            };
            // (Not a ":NS:" block after it: the account holder's name.)
            const qsizetype nonSwift = f.text.indexOf(QLatin1String("\n:NS:"));
            const QString ref = unslashed(nonSwift >= 0 ? f.text.left(nonSwift) : f.text);
            accountAsBefore = unslashed(f.text);
            // The statements are told apart by the field as written (an account's messages in two currencies are
            // two statements); the number alone names the account after the last field (below).
            const auto [account, code] = accountAndCurrency(ref.trimmed());
            ImportedStatement& st = statementFor(ref.trimmed());
            if (st.currency.isEmpty())
                st.currency = code;
            if (!code.isEmpty())
                numberOf.insert(current, {account, code});
        } else if (f.tag.startsWith(QStringLiteral("60"))) {
            finishRow();
            const std::optional<Balance> b = parseBalance(f.text);
            if (!b) {
                addIssue(&file.warnings, &file.warningCount,
                         {f.line, 1, QStringLiteral("balance"),
                          QStringLiteral("the opening balance \"%1\" does not read").arg(f.text.simplified())});
                continue;
            }
            currency = b->currency;
            // A message of the same account number in another currency (a multi-currency account's): a statement
            // of its own.
            if (current >= 0 && !file.statements[current].currency.isEmpty()
                && file.statements[current].currency != b->currency) {
                const QString number = file.statements[current].accountRef;
                file.statements.append(ImportedStatement {});
                current = int(file.statements.size() - 1);
                file.statements[current].accountRef = number;
            }
            ImportedStatement& st = statementFor(std::nullopt);
            if (st.currency.isEmpty())
                st.currency = b->currency;
            if ((!st.openingBalanceMinor && st.rows.isEmpty())
                || (st.openingBalanceMinor && openingDateOf.contains(current) && b->date < openingDateOf[current])) {
                st.openingBalanceMinor = b->minor;
                openingDateOf.insert(current, b->date);
            }
            messageOpened = true;
            messageOpening = b->minor;
            messageFirstRow = st.rows.size();
            messageErrors = file.rowErrorCount;
        } else if (f.tag.startsWith(QStringLiteral("62"))) {
            finishRow();
            if (const std::optional<Balance> b = parseBalance(f.text); b && current >= 0) {
                // (Not where a row of the message did not read: its amount is missing from the sum.)
                if (messageOpened && file.rowErrorCount == messageErrors)
                    dropRepeatedCopy(&file, current, messageFirstRow, messageOpening, b->minor);
                messageOpened = false;
                if (!closingDateOf.contains(current) || b->date >= closingDateOf[current]) {
                    file.statements[current].closingBalanceMinor = b->minor;
                    file.statements[current].closingBalanceAtMs
                        = toUtcMs(DateParts {b->date, std::nullopt, std::nullopt}, options.timeZone);
                    closingDateOf.insert(current, b->date);
                }
            } else if (!b) {
                // (A day that does not exist, ":62F:C021131EUR...": the statement's balances are not checked.)
                addIssue(&file.warnings, &file.warningCount,
                         {f.line, 1, QStringLiteral("balance"),
                          QStringLiteral(
                              "the closing balance \"%1\" does not read: the statement's balances are not checked "
                              "against it")
                              .arg(f.text.simplified())});
            }
        } else if (f.tag == u"61") {
            finishRow();
            ImportedStatement& st = statementFor(std::nullopt);
            // A non-SWIFT ":NS:" block after the line (older German banks', Sberbank Hungary's) is read on its own
            // (nonSwiftDetails); derived ids keep the text versions before read, the block in it.
            QString text = f.text;
            QString nonSwift;
            if (const qsizetype at = text.indexOf(QLatin1String("\n:NS:")); at >= 0) {
                nonSwift = text.mid(at + 5);
                text.truncate(at);
            }
            const QRegularExpressionMatch m = statementLine.match(text);
            const std::optional<QDate> value = m.hasMatch() ? swiftDate(m.capturedView(1)) : std::nullopt;
            if (!value) {
                addIssue(&file.rowErrors, &file.rowErrorCount,
                         {f.line, 5, QStringLiteral("date"),
                          QStringLiteral("the statement line \"%1\" does not start with a date YYMMDD")
                              .arg(f.text.section(QLatin1Char('\n'), 0, 0).left(40))});
                continue;
            }
            QDate booked = *value;
            if (m.capturedLength(2) == 4) {
                const int month = m.capturedView(2).first(2).toInt(), day = m.capturedView(2).sliced(2).toInt();
                int year = value->year();
                if (month == 12 && value->month() == 1)
                    --year;
                else if (month == 1 && value->month() == 12)
                    ++year;
                if (const QDate entry(year, month, day); entry.isValid())
                    booked = entry;
            }
            QString used;
            const Result<qint64> amount = parseAmount(m.capturedView(5), DecimalSeparator::Comma, currency, &used);
            if (!amount) {
                addIssue(&file.rowErrors, &file.rowErrorCount,
                         {f.line, 5, amount.status().field(), amount.status().message()});
                continue;
            }
            const QStringView mark = m.capturedView(3);
            ImportedRow row;
            row.line = f.line;
            row.bookedAtMs = toUtcMs(DateParts {booked, std::nullopt, std::nullopt}, options.timeZone);
            if (booked != *value)
                row.valueDateMs = toUtcMs(DateParts {*value, std::nullopt, std::nullopt}, options.timeZone);
            // Money out: a debit, or a credit reversed.
            row.amountMinor = (mark == u"D" || mark == u"RC") ? -*amount : *amount;
            row.currency = used.isEmpty() ? currency : used;
            row.accountRef = st.accountRef;
            if (st.currency.isEmpty())
                st.currency = row.currency;
            // The supplementary details on the line's second line describe it until its ":86:" does, or else the
            // account owner's reference (Danske Bank writes a row's only text there: "FINTInterest").
            row.description = m.captured(8).simplified();
            pendingAsBefore
                = {nonSwift.isEmpty() ? row.description : statementLine.match(f.text).captured(8).simplified(), {}};
            if (!nonSwift.isEmpty()) {
                const Information details = nonSwiftDetails(nonSwift);
                if (row.description.isEmpty())
                    row.description = details.description;
                row.counterparty = details.counterparty;
            }
            if (row.description.isEmpty()) {
                const QString reference = m.captured(7).section(QStringLiteral("//"), 0, 0).simplified();
                if (!isPlaceholderReference(reference))
                    row.description = reference;
            }
            // Rabobank's statements before SEPA: the other party's account and, after spaces, its name in the
            // reference ("N0440121470966      W.P. Jansen"). (Not in the derived id: as before.)
            static const QRegularExpression accountAndName(QStringLiteral(R"(^\d{9,10} {2,}(\p{L}.*\S|\p{L})\s*$)"),
                                                           QRegularExpression::UseUnicodePropertiesOption);
            if (const QRegularExpressionMatch p = accountAndName.match(m.captured(7)); p.hasMatch())
                row.counterparty = p.captured(1).simplified();
            pending = row;
        } else if (f.tag == u"86") {
            if (!pending && informed && current >= 0) {
                // A second information field of the same row (Banca Transilvania): more of its text.
                ImportedRow& last = file.statements[current].rows.back();
                last.description = QString(last.description + QLatin1Char(' ') + parseInformation(f, width).description)
                                       .simplified();
                continue;
            }
            if (!pending)
                continue;
            const Information info = parseInformation(f, width);
            if (!info.description.isEmpty())
                pending->description = info.description;
            if (!info.counterparty.isEmpty())
                pending->counterparty = info.counterparty;
            const Information before = parseInformation(f, width, true);
            if (!before.description.isEmpty())
                pendingAsBefore.description = before.description;
            pendingAsBefore.counterparty = before.counterparty;
            finishRow();
            informed = true;
        } else {
            informed = false;
        }
    }
    finishRow();
    // An account's number without the currency after it, unless the file holds it in several currencies (ING's
    // "NL20INGB0001234567EUR" and "...USD": two accounts, as named).
    QHash<QString, QSet<QString>> codesOf; // number -> the currencies written after it
    for (auto it = numberOf.cbegin(); it != numberOf.cend(); ++it)
        codesOf[it->first].insert(it->second);
    for (auto it = numberOf.cbegin(); it != numberOf.cend(); ++it) {
        if (codesOf.value(it->first).size() != 1)
            continue;
        ImportedStatement& st = file.statements[it.key()];
        st.accountRef = it->first;
        for (ImportedRow& row : st.rows)
            row.accountRef = it->first;
    }
    if (file.statements.isEmpty())
        return Status::invalidArgument(QStringLiteral("file"),
                                       QStringLiteral("no MT940 statement (no \":25:\" account and no \":61:\" line)"));
    return file;
}

} // namespace ledgerguard
