// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Ofx.h"

#include "import/ImportOptionText.h"
#include "import/ImportValues.h"
#include "import/MarkupTree_p.h"
#include "import/TextDecoding.h"
#include "money/Money.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace ledgerguard {

using importdetail::MarkupTree;

namespace {

// OFX's TRNTYPE in words (OFX 2.3, 11.4.4.3); empty for OTHER and anything else.
QString transactionKind(const QString& trnType)
{
    static const QHash<QString, QString> kinds {{QStringLiteral("CREDIT"), QStringLiteral("Credit")},
                                                {QStringLiteral("DEBIT"), QStringLiteral("Debit")},
                                                {QStringLiteral("INT"), QStringLiteral("Interest")},
                                                {QStringLiteral("DIV"), QStringLiteral("Dividend")},
                                                {QStringLiteral("FEE"), QStringLiteral("Fee")},
                                                {QStringLiteral("SRVCHG"), QStringLiteral("Service charge")},
                                                {QStringLiteral("DEP"), QStringLiteral("Deposit")},
                                                {QStringLiteral("ATM"), QStringLiteral("ATM withdrawal")},
                                                {QStringLiteral("POS"), QStringLiteral("Point of sale payment")},
                                                {QStringLiteral("XFER"), QStringLiteral("Transfer")},
                                                {QStringLiteral("CHECK"), QStringLiteral("Check")},
                                                {QStringLiteral("PAYMENT"), QStringLiteral("Payment")},
                                                {QStringLiteral("CASH"), QStringLiteral("Cash withdrawal")},
                                                {QStringLiteral("DIRECTDEP"), QStringLiteral("Direct deposit")},
                                                {QStringLiteral("DIRECTDEBIT"), QStringLiteral("Direct debit")},
                                                {QStringLiteral("REPEATPMT"), QStringLiteral("Repeating payment")}};
    return kinds.value(trnType.trimmed().toUpper());
}

constexpr int kMaxDepth = 64;

// True for "0", "000000": a number a bank writes where it has none.
bool onlyZeros(QStringView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return c == u'0'; });
}

// The encoding an OFX file declares: SGML header ENCODING/CHARSET or the XML declaration.
QString declaredEncoding(const QByteArray& data)
{
    const QByteArray head = data.left(4096);
    const QByteArray upper = head.toUpper();
    if (upper.contains("OFXHEADER:") && !upper.trimmed().startsWith("<?XML")) {
        static const QRegularExpression enc(QStringLiteral(R"(ENCODING:\s*([A-Za-z0-9_-]+))"));
        static const QRegularExpression cs(QStringLiteral(R"(CHARSET:\s*([A-Za-z0-9_-]+))"));
        const QString h = QString::fromLatin1(head);
        const QString e = enc.match(h).captured(1).toUpper();
        const QString c = cs.match(h).captured(1).toUpper();
        if (e == u"UTF-8" || e == u"UNICODE" || e == u"UTF8")
            return QStringLiteral("UTF-8");
        if (c == u"1252" || c == u"WINDOWS-1252" || c == u"CP1252")
            return QStringLiteral("Windows-1252");
        if (c == u"ISO-8859-1" || c == u"8859-1" || c == u"LATIN1")
            return QStringLiteral("ISO-8859-1");
        if (c == u"UTF-8")
            return QStringLiteral("UTF-8");
        return {}; // NONE or unknown: detect
    }
    // Microsoft Money's OFC, OFX's forerunner: "<CPAGE>1252", the Windows code page.
    if (upper.trimmed().startsWith("<OFC>")) {
        static const QRegularExpression cpage(QStringLiteral(R"(<CPAGE>\s*(\d+))"),
                                              QRegularExpression::CaseInsensitiveOption);
        const QString page = cpage.match(QString::fromLatin1(head)).captured(1);
        if (page == u"1252")
            return QStringLiteral("Windows-1252");
        if (page == u"65001")
            return QStringLiteral("UTF-8");
        return {};
    }
    static const QRegularExpression xml(QStringLiteral(R"(<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["'])"),
                                        QRegularExpression::CaseInsensitiveOption);
    return xml.match(QString::fromLatin1(head)).captured(1);
}

struct Tokenizer
{
    const QString& s;
    qsizetype pos = 0;
    int line = 1;
    int column = 1;

    void advanceTo(qsizetype to)
    {
        for (; pos < to; ++pos) {
            const QChar c = s[pos];
            if (c == QLatin1Char('\n')) {
                if (pos == 0 || s[pos - 1] != QLatin1Char('\r'))
                    ++line;
                column = 1;
            } else if (c == QLatin1Char('\r')) {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
    }
};

// The element an aggregate belongs in, where a file that leaves elements unclosed (SGML files without
// </STMTTRN> or </BANKTRANLIST>) would otherwise nest it in the wrong one: the ledger balance after a last
// transaction left open is the statement's, not the transaction's.
QStringView ofxParentOf(const QString& name)
{
    if (name == u"LEDGERBAL" || name == u"AVAILBAL" || name == u"BANKTRANLIST" || name == u"BALLIST"
        || name == u"MKTGINFO")
        return u"STMTRS|CCSTMTRS";
    if (name == u"STMTTRN") // (or right in the statement, where a file leaves BANKTRANLIST out: no list is open)
        return u"BANKTRANLIST";
    return {};
}

// True for an OFX element that holds a value and never other elements (FITID, NAME, TRNAMT ...): in SGML, left
// empty, it ends where the next tag starts.
bool isOfxValueElement(const QString& name)
{
    for (QStringView element :
         {u"TRNTYPE",  u"DTPOSTED", u"DTUSER",  u"DTAVAIL", u"TRNAMT", u"FITID",    u"CORRECTFITID", u"CORRECTACTION",
          u"SRVRTID",  u"CHECKNUM", u"CHKNUM",  u"REFNUM",  u"SIC",    u"PAYEEID",  u"NAME",         u"EXTDNAME",
          u"MEMO",     u"CURSYM",   u"CURRATE", u"CURDEF",  u"BANKID", u"BRANCHID", u"ACCTID",       u"ACCTTYPE",
          u"ACCTKEY",  u"BALAMT",   u"DTASOF",  u"DTSTART", u"DTEND",  u"CODE",     u"SEVERITY",     u"MESSAGE",
          u"DTSERVER", u"LANGUAGE", u"ORG",     u"FID",     u"TRNUID", u"CLTCOOKIE"})
        if (name == element)
            return true;
    return false;
}

// The child `name` of `node` as versions before 2026-12-07 found it (an empty value element hid the elements after
// it), or -1.
int childAsBefore(const MarkupTree& tree, int node, QStringView name)
{
    for (int c : tree.nodes[node].children) {
        if (tree.nodes[c].name == name)
            return c;
        if (tree.nodes[c].closedEmpty)
            break;
    }
    return -1;
}

Result<MarkupTree> buildTree(const QString& text, qsizetype start)
{
    MarkupTree tree;
    QList<int> stack {0};
    QList<bool> hasText {false};
    Tokenizer t {text};
    t.advanceTo(start);
    while (t.pos < text.size()) {
        const qsizetype lt = text.indexOf(QLatin1Char('<'), t.pos);
        const qsizetype textEnd = lt < 0 ? text.size() : lt;
        const QStringView raw = QStringView(text).sliced(t.pos, textEnd - t.pos).trimmed();
        if (!raw.isEmpty() && stack.size() > 1) {
            QString& value = tree.nodes[stack.back()].text;
            value += decodeEntities(raw);
            hasText.back() = true;
        }
        t.advanceTo(textEnd);
        if (lt < 0)
            break;
        const int line = t.line, column = t.column;
        // A value in a CDATA section (Suncorp's "<NAME><![CDATA[EFTPOS WDL HANDYWAY ALDI STORE  ]]></NAME>"): its text
        // as it stands, entities and all.
        if (QStringView(text).sliced(lt).startsWith(u"<![CDATA[")) {
            const qsizetype end = text.indexOf(QStringLiteral("]]>"), lt + 9);
            if (end < 0)
                return Status::corruption(QStringLiteral("line %1, column %2: the file ends inside a CDATA section: "
                                                         "it is cut off (an incomplete download?); nothing imported")
                                              .arg(line)
                                              .arg(column));
            const QStringView data = QStringView(text).sliced(lt + 9, end - lt - 9).trimmed();
            if (!data.isEmpty() && stack.size() > 1) {
                tree.nodes[stack.back()].text += data;
                hasText.back() = true;
            }
            t.advanceTo(end + 3);
            continue;
        }
        if (QStringView(text).sliced(lt).startsWith(u"<!--")) {
            const qsizetype end = text.indexOf(QStringLiteral("-->"), lt + 4);
            t.advanceTo(end < 0 ? text.size() : end + 3);
            continue;
        }
        const qsizetype gt = text.indexOf(QLatin1Char('>'), lt + 1);
        if (gt < 0) // a '<' with no '>' after it: the file was cut off, and any part of it may be missing
            return Status::corruption(QStringLiteral("line %1, column %2: the file ends inside a tag: it is cut "
                                                     "off (an incomplete download?); nothing imported")
                                          .arg(line)
                                          .arg(column));
        QStringView tag = QStringView(text).sliced(lt + 1, gt - lt - 1).trimmed();
        t.advanceTo(gt + 1);
        if (tag.startsWith(u'?') || tag.startsWith(u'!'))
            continue;
        const bool closing = tag.startsWith(u'/');
        if (closing)
            tag = tag.sliced(1).trimmed();
        bool selfClosing = false;
        if (tag.endsWith(u'/')) {
            selfClosing = true;
            tag.chop(1);
        }
        qsizetype nameEnd = 0;
        while (nameEnd < tag.size() && !tag[nameEnd].isSpace())
            ++nameEnd;
        // A namespace prefix ("<ofx:OFX xmlns:ofx=...>") is not part of the name.
        QStringView qualified = tag.first(nameEnd);
        if (const qsizetype colon = qualified.lastIndexOf(QLatin1Char(':')); colon >= 0)
            qualified = qualified.sliced(colon + 1);
        const QString name = qualified.toString().toUpper();
        if (name.isEmpty())
            continue;
        if (closing) {
            for (qsizetype i = stack.size() - 1; i > 0; --i) {
                if (tree.nodes[stack[i]].name == name) {
                    stack.resize(i);
                    hasText.resize(i);
                    break;
                }
            }
            continue;
        }
        // SGML: an element that holds text ends where the next tag starts, and so does a value element left empty
        // (Banco do Brasil's "<FITID>" before "<NAME>").
        if (stack.size() > 1 && !hasText.back() && tree.nodes[stack.back()].children.isEmpty()
            && isOfxValueElement(tree.nodes[stack.back()].name)) {
            tree.nodes[stack.back()].closedEmpty = true;
            stack.removeLast();
            hasText.removeLast();
        } else if (stack.size() > 1 && hasText.back()) {
            stack.removeLast();
            hasText.removeLast();
        }
        // OFX never nests an element in one of its own name: an open one was left unclosed.
        for (qsizetype i = stack.size() - 1; i > 0; --i) {
            if (tree.nodes[stack[i]].name == name) {
                stack.resize(i);
                hasText.resize(i);
                break;
            }
        }
        // Nor an aggregate anywhere but in its parent: the elements open inside that parent were left unclosed.
        if (const QStringView parents = ofxParentOf(name); !parents.isEmpty()) {
            for (qsizetype i = stack.size() - 1; i > 0; --i) {
                if (parents.split(u'|').contains(QStringView(tree.nodes[stack[i]].name))) {
                    stack.resize(i + 1);
                    hasText.resize(i + 1);
                    break;
                }
            }
        }
        if (tree.nodes.size() >= importdetail::kMaxMarkupNodes)
            return Status::invalidArgument(QStringLiteral("file"),
                                           QStringLiteral("line %1, column %2: more than %3 elements")
                                               .arg(line)
                                               .arg(column)
                                               .arg(importdetail::kMaxMarkupNodes));
        const int node = tree.add(stack.back(), name, line, column);
        if (selfClosing)
            continue;
        if (stack.size() > kMaxDepth)
            return Status::corruption(QStringLiteral("line %1, column %2: elements are nested more than %3 deep")
                                          .arg(line)
                                          .arg(column)
                                          .arg(kMaxDepth));
        stack.append(node);
        hasText.append(false);
    }
    return tree;
}

// amount x rate in minor units of a currency with `exponent` decimals, rounded half away from zero. Exact: the two
// factors may hold 18 significant digits between them. Errors: more digits, or a product beyond qint64.
Result<qint64> convertedMinor(const DecimalText& amount, const DecimalText& rate, int exponent)
{
    // The digits without the fraction's trailing zeros (1.000000000000 is 1), and how many of them are the fraction.
    const auto digits = [](const DecimalText& d, qint64* out, int* count, int* fraction) {
        QString frac = d.fractionDigits;
        while (frac.endsWith(QLatin1Char('0')))
            frac.chop(1);
        *fraction = int(frac.size());
        QString all = d.integerDigits + frac;
        while (all.size() > 1 && all.front() == QLatin1Char('0'))
            all.remove(0, 1);
        *count = int(all.size());
        qint64 v = 0;
        for (QChar c : all)
            if (*count > 18 || !checkedMul(v, 10, &v) || !checkedAdd(v, qint64(c.unicode() - u'0'), &v))
                return false;
        *out = v;
        return true;
    };
    qint64 a = 0, r = 0;
    int aDigits = 0, rDigits = 0, aFraction = 0, rFraction = 0;
    qint64 v = 0;
    if (!digits(amount, &a, &aDigits, &aFraction) || !digits(rate, &r, &rDigits, &rFraction) || aDigits + rDigits > 18
        || !checkedMul(a, r, &v))
        return Status::invalidArgument(QStringLiteral("amount"),
                                       QStringLiteral("the amount and its CURRATE have too many digits to convert"));
    // v is in units of 10^-scale; bring it to 10^-exponent.
    const int scale = aFraction + rFraction;
    if (scale > exponent) {
        qint64 div = 1;
        for (int i = exponent; i < scale; ++i)
            if (!checkedMul(div, 10, &div))
                return qint64(0); // beyond 10^18: less than one minor unit
        v = v / div + (v % div >= div - div / 2 ? 1 : 0);
    } else {
        for (int i = scale; i < exponent; ++i)
            if (!checkedMul(v, 10, &v))
                return Status::invalidArgument(QStringLiteral("amount"), QStringLiteral("the amount is too large"));
    }
    return amount.negative ? -v : v;
}

struct OfxDate
{
    bool ok = false;
    qint64 ms = 0;
};

OfxDate parseOfxDate(const QString& text, const QTimeZone& zone)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,6}))?)?)?\s*(?:\[\s*([+-]?\d{1,2})(?:[.,](\d{1,2}))?\s*(?::[^\]]*)?\])?$)"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    DateParts parts;
    parts.date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!parts.date.isValid())
        return {};
    // The bank's date is the booking's date: a time is read as the bank's wall clock, in `zone` as a CSV's times
    // are (ImportOptions::timeZone: UTC unless the caller sets another), and its stated offset is checked but not
    // applied ("20240130200000[-8:PST]" is booked on 30 January, not on 31 January 04:00 UTC, which would move an
    // evening's posting into the next day or month).
    // A time of 00:00:00 is how many banks write a date alone: it becomes a date without a time.
    if (m.capturedLength(4) > 0) {
        const int msec = m.capturedLength(7) > 0 ? m.captured(7).left(3).leftJustified(3, QLatin1Char('0')).toInt() : 0;
        const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), msec);
        if (!time.isValid())
            return {};
        if (time != QTime(0, 0))
            parts.time = time;
    }
    if (m.capturedLength(8) > 0) {
        const int hours = m.captured(8).toInt();
        const int minutes = m.capturedLength(9) == 0 ? 0
            : m.capturedLength(9) == 1               ? m.captured(9).toInt() * 6
                                                     : m.captured(9).toInt();
        if (hours < -14 || hours > 14 || minutes > 59)
            return {};
    }
    return {true, toUtcMs(parts, zone)};
}

} // namespace

Result<ParsedFile> parseOfx(const QByteArray& data, const ImportOptions& options)
{
    if (data.size() > options.maxBytes)
        return importTooLarge(options);
    const Result<DecodedText> decoded = decodeText(data, options.encoding, declaredEncoding(data));
    if (!decoded)
        return decoded.status();
    ParsedFile file;
    file.format = importFormatName(ImportFormat::Ofx);
    file.encoding = decoded->encoding;
    for (const ImportIssue& w : decoded->warnings)
        addIssue(&file.warnings, &file.warningCount, w);
    const QString& text = decoded->text;
    // <OFX>, or with a namespace prefix or attributes (<ofx:OFX xmlns:ofx="...">, <OFX xmlns="...">); or <OFC>,
    // Microsoft Money's forerunner of OFX (LCL's downloads): its statement (STMTRS) beside the account (ACCTFROM) in
    // an ACCTSTMT, the transactions right in the statement, the booked balance in LEDGER, types as numbers.
    static const QRegularExpression ofxTag(QStringLiteral(R"(<\s*(?:[A-Za-z_][\w.-]*:)?OF(X|C)(?:\s[^>]*)?>)"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch start = ofxTag.match(text);
    if (!start.hasMatch())
        return Status::invalidArgument(QStringLiteral("file"),
                                       QStringLiteral("not an OFX file: there is no <OFX> element"));
    const bool ofc = start.captured(1).compare(u"C", Qt::CaseInsensitive) == 0;
    // A file that ends inside a value before its root is closed was cut off (an incomplete download): its last value
    // (a FITID, an amount) may be cut too, so nothing is imported. (A file whose aggregates are left open but that
    // ends after a tag is read: SGML files of some banks leave their last transaction or list unclosed.)
    static const QRegularExpression ofxEnd(QStringLiteral(R"(<\s*/\s*(?:[A-Za-z_][\w.-]*:)?OF[XC]\s*>)"),
                                           QRegularExpression::CaseInsensitiveOption);
    if (!ofxEnd.match(text, start.capturedEnd()).hasMatch() && !QStringView(text).trimmed().endsWith(u'>')) {
        int line = 1; // of the value's end
        for (QChar c : QStringView(text).trimmed())
            line += c == QLatin1Char('\n') ? 1 : 0;
        return Status::corruption(
            QStringLiteral("line %1: the file ends inside a value, before </%2>: it is cut off (an "
                           "incomplete download?); nothing imported")
                .arg(line)
                .arg(ofc ? QStringLiteral("OFC") : QStringLiteral("OFX")));
    }
    Result<MarkupTree> built = buildTree(text, start.capturedStart());
    if (!built)
        return built.status();
    const MarkupTree& tree = *built;
    const auto& nodes = tree.nodes;

    QString signOnError;
    QString statementError; // the first statement response's error status, "line N: ..."
    bool investment = false; // the file has an investment section
    // The statement of each account (ACCTID, BANKID, ACCTTYPE and CURDEF) in file.statements, and the FITIDs it holds.
    QHash<QString, qsizetype> statementOf;
    QList<QSet<QString>> fitids;
    DerivedIds ids;
    for (int i = 1; i < nodes.size(); ++i) {
        const QString& name = nodes[i].name;
        if (name == u"SONRS") {
            const QString code = tree.text(i, u"STATUS/CODE");
            if (!code.isEmpty() && code != u"0")
                signOnError = QStringLiteral("line %1: the bank reported a sign-on error: code %2 %3")
                                  .arg(nodes[i].line)
                                  .arg(code, tree.text(i, u"STATUS/MESSAGE"))
                                  .trimmed();
        } else if (name == u"STMTTRNRS" || name == u"CCSTMTTRNRS") {
            const QString code = tree.text(i, u"STATUS/CODE");
            if (!code.isEmpty() && code != u"0") {
                const ImportIssue issue {nodes[i].line,
                                         nodes[i].column,
                                         {},
                                         QStringLiteral("the bank reported status %1 for a statement: %2")
                                             .arg(code, tree.text(i, u"STATUS/MESSAGE"))};
                addIssue(&file.warnings, &file.warningCount, issue);
                if (statementError.isEmpty())
                    statementError = QStringLiteral("line %1: %2").arg(issue.line).arg(issue.message);
            }
        } else if (name == u"INVSTMTMSGSRSV1") {
            investment = true;
            addIssue(&file.warnings, &file.warningCount,
                     {nodes[i].line,
                      nodes[i].column,
                      {},
                      QStringLiteral("investment statements' trades and positions are not imported; of an investment "
                                     "account only its cash transactions (INVBANKTRAN) are")});
        } else if (name == u"STMTRS" || name == u"CCSTMTRS" || name == u"INVSTMTRS") {
            // Statements inside an investment section are not banking statements.
            bool inInvestment = false;
            for (int p = nodes[i].parent; p > 0; p = nodes[p].parent)
                inInvestment = inInvestment || nodes[p].name == u"INVSTMTMSGSRSV1";
            const bool invest = name == u"INVSTMTRS";
            // An investment account's cash transactions (a brokerage's cash management account: cheques, deposits,
            // bill payments) are a bank statement's rows, each in an INVBANKTRAN.
            QList<int> cash;
            if (invest)
                for (int list : tree.children(i, u"INVTRANLIST"))
                    for (int bank : tree.children(list, u"INVBANKTRAN"))
                        cash += tree.children(bank, u"STMTTRN");
            if (invest ? cash.isEmpty() : inInvestment)
                continue;
            ImportedStatement st;
            const bool card = name == u"CCSTMTRS";
            int acct = tree.child(i, card ? u"CCACCTFROM" : invest ? u"INVACCTFROM" : u"BANKACCTFROM");
            if (ofc && acct < 0 && nodes[i].parent > 0)
                acct = tree.child(nodes[i].parent, u"ACCTFROM");
            // A card statement that names its account as a bank account's (CommBank's home loan: CCSTMTRS around a
            // BANKACCTFROM of ACCTTYPE CREDITLINE) is that account's. (Its rows' derived ids are made without the
            // account, as versions before 2026-12-07 read it.)
            const bool bankAccountOfCard = card && acct < 0 && tree.child(i, u"BANKACCTFROM") >= 0;
            if (bankAccountOfCard)
                acct = tree.child(i, u"BANKACCTFROM");
            st.accountRef = tree.text(acct, u"ACCTID");
            const QString accountRefAsBefore = bankAccountOfCard ? QString() : st.accountRef;
            st.bankId = tree.text(acct, invest ? u"BROKERID" : u"BANKID");
            st.accountType = card && !bankAccountOfCard ? QStringLiteral("CREDITCARD") : tree.text(acct, u"ACCTTYPE");
            bool typeNumber = false;
            if (const int type = st.accountType.toInt(&typeNumber); ofc && typeNumber) // OFC's types by number
                st.accountType
                    = QStringList {QStringLiteral("CHECKING"), QStringLiteral("SAVINGS"), QStringLiteral("CREDITCARD"),
                                   QStringLiteral("MONEYMRKT"), QStringLiteral("CREDITLINE")}
                          .value(type, st.accountType);
            st.currency = tree.text(i, u"CURDEF").toUpper();
            if (st.currency.isEmpty())
                st.currency = options.defaultCurrency;
            // Santander Brasil's "BRC" (the cruzado's code, withdrawn in 1989) for its accounts in reais: BRL, unless
            // a currency was chosen for the file.
            if (st.currency == u"BRC" && !Money::isKnownCurrency(options.defaultCurrency)) {
                st.currency = QStringLiteral("BRL");
                addIssue(&file.warnings, &file.warningCount,
                         {nodes[i].line, nodes[i].column, QStringLiteral("currency"),
                          QStringLiteral("CURDEF \"BRC\" (the cruzado, withdrawn in 1989) read as BRL, as Santander "
                                         "Brasil writes it for accounts in reais")});
            }
            // A code no currency has: the currency chosen for the file, else none.
            QString unknownCurrency;
            if (!st.currency.isEmpty() && !Money::isKnownCurrency(st.currency)) {
                unknownCurrency = st.currency;
                const bool fallback = Money::isKnownCurrency(options.defaultCurrency);
                st.currency = fallback ? options.defaultCurrency : QString();
                addIssue(&file.warnings, &file.warningCount,
                         {nodes[i].line, nodes[i].column, QStringLiteral("currency"),
                          fallback ? QStringLiteral("CURDEF \"%1\" is not an ISO 4217 code: read as %2, the currency "
                                                    "chosen for the file")
                                         .arg(unknownCurrency, st.currency)
                                   : QStringLiteral("CURDEF \"%1\" is not an ISO 4217 code").arg(unknownCurrency)});
            }
            // The ledger balance, read in the statement's currency once that is known.
            const int bal = ofc ? tree.child(i, u"LEDGER") : tree.child(i, u"LEDGERBAL");
            const auto readLedgerBalance = [&] {
                if (bal < 0 || st.currency.isEmpty())
                    return;
                const Result<DecimalText> amount
                    = parseDecimalText(ofc ? nodes[bal].text : tree.text(bal, u"BALAMT"), DecimalSeparator::Auto);
                const Result<qint64> minor = amount ? decimalToMinor(*amount, Money::decimalsFor(st.currency))
                                                    : Result<qint64>(amount.status());
                const OfxDate asOf
                    = parseOfxDate(ofc ? tree.text(i, u"DTEND") : tree.text(bal, u"DTASOF"), options.timeZone);
                if (minor) {
                    st.closingBalanceMinor = *minor;
                    if (asOf.ok)
                        st.closingBalanceAtMs = asOf.ms;
                } else {
                    const bool empty = (ofc ? nodes[bal].text : tree.text(bal, u"BALAMT")).trimmed().isEmpty();
                    addIssue(&file.warnings, &file.warningCount,
                             {nodes[bal].line, nodes[bal].column, QStringLiteral("balance"),
                              empty ? QStringLiteral("the statement's closing balance (%1) is empty: no closing "
                                                     "balance is stated or checked")
                                          .arg(nodes[bal].name)
                                    : minor.status().message()});
                }
            };
            readLedgerBalance();
            // A correction (CORRECTFITID, CORRECTACTION REPLACE or DELETE) by the row's index in st.rows.
            struct Correction
            {
                qsizetype row; // -1 for a DELETE (the row itself is never read: it may lack an amount)
                int line;
                QString target;
            };
            QList<Correction> corrections;
            // Transactions right in the statement, without the BANKTRANLIST around them (Nubank's card statements of
            // 2017): the statement's, read as if in the list.
            // (Of every BANKTRANLIST: a statement may hold several, as Odoo's test file does.)
            QList<int> transactions = cash;
            for (int list : tree.children(i, u"BANKTRANLIST"))
                transactions += tree.children(list, u"STMTTRN");
            // (OFC writes its transactions so: no warning there.)
            if (const QList<int> loose = tree.children(i, u"STMTTRN"); !loose.isEmpty()) {
                if (!ofc)
                    addIssue(
                        &file.warnings, &file.warningCount,
                        {nodes[loose.front()].line,
                         nodes[loose.front()].column,
                         {},
                         QStringLiteral("%1 transactions stand in the statement without a BANKTRANLIST around them: "
                                        "read as its transactions")
                             .arg(loose.size())});
                transactions += loose;
            }
            for (int trn : std::as_const(transactions)) {
                const auto& n = nodes[trn];
                const QString correctionTarget = tree.text(trn, u"CORRECTFITID").trimmed();
                if (!correctionTarget.isEmpty()
                    && tree.text(trn, u"CORRECTACTION").trimmed().compare(u"DELETE", Qt::CaseInsensitive) == 0) {
                    corrections.append({-1, n.line, correctionTarget});
                    continue;
                }
                // A balance written as a transaction (Brazilian banks' "SALDO ANTERIOR", "SALDO DO DIA", "S A L D
                // O", its amount the balance or blank): no money moved. Its label alone (the other text empty or a
                // balance's too), and a "saldo" or a blank or zero amount ("Opening balance - transfer in" of 40.00
                // is a transfer).
                const QString nameText = tree.text(trn, u"NAME"), memoText = tree.text(trn, u"MEMO");
                const QString label
                    = isBalanceRowLabel(nameText) && (memoText.trimmed().isEmpty() || isBalanceRowLabel(memoText))
                    ? nameText
                    : isBalanceRowLabel(memoText) && nameText.trimmed().isEmpty() ? memoText
                                                                                  : QString();
                if (!label.isEmpty()
                    && (label.trimmed().startsWith(u"saldo", Qt::CaseInsensitive)
                        || label.trimmed().compare(u"s a l d o", Qt::CaseInsensitive) == 0
                        || !hasNonZeroDigit(tree.text(trn, u"TRNAMT")))) {
                    addIssue(&file.warnings, &file.warningCount,
                             {n.line, 0, {}, QStringLiteral("skipped: a balance line (\"%1\")").arg(label.trimmed())});
                    continue;
                }
                const auto rowError = [&](const QString& field, const QString& message) {
                    const int at = tree.child(trn, field == u"date" ? u"DTPOSTED" : u"TRNAMT");
                    const auto& where = at >= 0 ? nodes[at] : n;
                    addIssue(&file.rowErrors, &file.rowErrorCount, {where.line, where.column, field, message});
                };
                ImportedRow row;
                row.line = n.line;
                row.accountRef = st.accountRef;
                const QString posted = tree.text(trn, u"DTPOSTED");
                const OfxDate date = parseOfxDate(posted, options.timeZone);
                if (!date.ok) {
                    rowError(QStringLiteral("date"),
                             posted.isEmpty() ? QStringLiteral("DTPOSTED is missing")
                                              : QStringLiteral("\"%1\" is not a valid OFX date").arg(posted));
                    continue;
                }
                row.bookedAtMs = date.ms;
                for (QStringView other : {u"DTAVAIL", u"DTUSER"}) {
                    const OfxDate d = parseOfxDate(tree.text(trn, other), options.timeZone);
                    if (d.ok) {
                        row.valueDateMs = d.ms;
                        break;
                    }
                }
                // (A CURRENCY that an empty value element hid before 2026-12-07 is left unread, as then: a row
                // imported then keeps its amount and id.)
                const bool currencyHidden
                    = tree.child(trn, u"CURRENCY") >= 0 && childAsBefore(tree, trn, u"CURRENCY") < 0;
                if (!currencyHidden)
                    row.currency = tree.text(trn, u"CURRENCY/CURSYM").toUpper();
                // A CURRENCY aggregate says TRNAMT is in its CURSYM, and CURRATE converts it into the statement's
                // CURDEF (ORIGCURRENCY, by contrast, names a currency TRNAMT was already converted from).
                std::optional<DecimalText> rate;
                if (!row.currency.isEmpty() && row.currency != st.currency && !st.currency.isEmpty()) {
                    const QString rateText = tree.text(trn, u"CURRENCY/CURRATE");
                    const Result<DecimalText> r = parseDecimalText(rateText, DecimalSeparator::Auto);
                    const auto nonZero = [](const QString& digits) {
                        return std::any_of(digits.cbegin(), digits.cend(),
                                           [](QChar c) { return c != QLatin1Char('0'); });
                    };
                    if (r && !r->negative && (nonZero(r->integerDigits) || nonZero(r->fractionDigits))) {
                        rate = *r;
                    } else if (!rateText.isEmpty()) {
                        rowError(QStringLiteral("amount"),
                                 QStringLiteral("CURRATE \"%1\" is not a rate above zero").arg(rateText));
                        continue;
                    }
                }
                if (row.currency.isEmpty())
                    row.currency = st.currency;
                if (row.currency.isEmpty()) {
                    rowError(QStringLiteral("currency"),
                             unknownCurrency.isEmpty()
                                 ? QStringLiteral("the statement has no CURDEF")
                                 : QStringLiteral("the statement's CURDEF \"%1\" is no currency: choose one for the "
                                                  "file (%2)")
                                       .arg(unknownCurrency, importOptionText(ImportOptionMention::Currency)));
                    continue;
                }
                const QString amountText = tree.text(trn, u"TRNAMT");
                const Result<DecimalText> amount = parseDecimalText(amountText, DecimalSeparator::Auto);
                QString converted; // "20.00 USD at 0.9241"
                if (rate && amount) {
                    converted = QStringLiteral("%1 %2 at %3")
                                    .arg(amountText.trimmed(), row.currency, tree.text(trn, u"CURRENCY/CURRATE"));
                    row.currency = st.currency;
                }
                const Result<qint64> minor = !amount ? Result<qint64>(amount.status())
                    : rate                           ? convertedMinor(*amount, *rate, Money::decimalsFor(row.currency))
                                                     : decimalToMinor(*amount, Money::decimalsFor(row.currency));
                if (!minor) {
                    rowError(QStringLiteral("amount"),
                             amountText.isEmpty() ? QStringLiteral("TRNAMT is missing") : minor.status().message());
                    continue;
                }
                row.amountMinor = *minor;
                row.counterparty = tree.text(trn, u"NAME");
                if (row.counterparty.isEmpty())
                    row.counterparty = tree.text(trn, u"PAYEE/NAME");
                // (A row's derived id is made of its texts as versions before 2026-12-06 read them, so that a file
                // imported by such a version is found a duplicate when imported again; before 2026-12-07 an empty
                // value element hid the elements after it.)
                const auto asBefore = [&](QStringView name) {
                    const int c = childAsBefore(tree, trn, name);
                    return c < 0 ? QString() : nodes[c].text;
                };
                QString counterpartyAsBefore = asBefore(u"NAME");
                if (counterpartyAsBefore.isEmpty()) {
                    const int payee = childAsBefore(tree, trn, u"PAYEE");
                    const int name = payee < 0 ? -1 : childAsBefore(tree, payee, u"NAME");
                    counterpartyAsBefore = name < 0 ? QString() : nodes[name].text;
                }
                if (onlyZeros(row.counterparty))
                    row.counterparty.clear(); // a placeholder (CIBC's "<NAME>000000000000000")
                row.description = tree.text(trn, u"MEMO");
                const QString check = tree.text(trn, ofc ? u"CHKNUM" : u"CHECKNUM"), ref = tree.text(trn, u"REFNUM");
                QString descriptionAsBefore = asBefore(u"MEMO");
                const auto append = [&row, &descriptionAsBefore](const QString& part, const QString& asBefore) {
                    row.description = row.description.isEmpty() ? part : row.description + QStringLiteral(" / ") + part;
                    if (!asBefore.isEmpty())
                        descriptionAsBefore = descriptionAsBefore.isEmpty()
                            ? asBefore
                            : descriptionAsBefore + QStringLiteral(" / ") + asBefore;
                };
                // Not a placeholder of zeros (Suncorp's "<CHECKNUM>0"). A cheque's number on money out; on money in,
                // a document's number (Banco do Brasil numbers every row so).
                if (!check.isEmpty() && !onlyZeros(check))
                    append((row.amountMinor < 0 || tree.text(trn, u"TRNTYPE").trimmed().toUpper() == u"CHECK"
                                ? QStringLiteral("Check ")
                                : QStringLiteral("No. "))
                               + check,
                           asBefore(ofc ? u"CHKNUM" : u"CHECKNUM").isEmpty() ? QString()
                                                                             : QStringLiteral("Check ") + check);
                if (!ref.isEmpty())
                    append(QStringLiteral("Ref ") + ref,
                           asBefore(u"REFNUM").isEmpty() ? QString() : QStringLiteral("Ref ") + ref);
                if (!converted.isEmpty())
                    append(converted, converted);
                row.category = tree.text(trn, u"TRNTYPE");
                if (ofc) // a number in OFC
                    row.category.clear();
                // (A FITID that an empty value element hid before 2026-12-07: the row's id derived as then.)
                row.externalId = childAsBefore(tree, trn, u"FITID") < 0 ? QString() : tree.text(trn, u"FITID");
                if (row.externalId.isEmpty()) {
                    ImportedRow asBefore = row;
                    asBefore.accountRef = accountRefAsBefore;
                    asBefore.description = descriptionAsBefore;
                    asBefore.counterparty = counterpartyAsBefore;
                    row.externalId = ids.next(asBefore);
                    row.externalIdDerived = true;
                }
                // A text escaped twice by the bank ("TPAY &amp;lt;DEFTPYMT&amp;gt;": a Canadian bank's) as it was
                // meant; a text escaped once has no entity left to decode. (Not in the derived id, as before.)
                row.counterparty = decodeEntities(row.counterparty);
                row.description = decodeEntities(row.description);
                // A row without a name or a memo is described by its kind (an interest payment's "INT": "Interest"),
                // not as an imported transaction. (Not in the derived id, as before.)
                if (row.description.isEmpty() && row.counterparty.isEmpty())
                    row.description = transactionKind(row.category);
                if (!correctionTarget.isEmpty())
                    corrections.append({st.rows.size(), n.line, correctionTarget});
                st.rows.append(row);
            }
            // A statement that names no currency (an empty CURDEF: Newcastle Permanent) whose transactions all name
            // one in their CURRENCY aggregate is in that currency.
            if (st.currency.isEmpty() && !st.rows.isEmpty() && unknownCurrency.isEmpty()) {
                const QString first = st.rows.front().currency;
                if (Money::isKnownCurrency(first)
                    && std::all_of(st.rows.cbegin(), st.rows.cend(),
                                   [&first](const ImportedRow& r) { return r.currency == first; })) {
                    st.currency = first;
                    addIssue(&file.warnings, &file.warningCount,
                             {nodes[i].line, nodes[i].column, QStringLiteral("currency"),
                              QStringLiteral("the statement names no currency (CURDEF): read as %1, the currency its "
                                             "transactions name")
                                  .arg(first)});
                    readLedgerBalance();
                }
            }
            // OFX's corrections: a REPLACE row stands for the transaction it names, a DELETE row takes it out. Where
            // that transaction is in the file, it is left out (and a DELETE row with it); where it is not (an earlier
            // download, maybe imported already), a REPLACE row is imported under the id of the transaction it names
            // (a duplicate where the account has it) and a DELETE row is left out, with a warning each, since a booked
            // transaction is never changed or deleted by an import.
            if (!corrections.isEmpty()) {
                QHash<QString, int> fileIds; // the FITIDs of the file's rows (corrections included) and their counts
                for (const ImportedRow& r : std::as_const(st.rows))
                    ++fileIds[r.externalId];
                QSet<qsizetype> dropped;
                QSet<qsizetype> correcting;
                for (const Correction& c : std::as_const(corrections))
                    if (c.row >= 0) // a REPLACE row is never itself the transaction a correction names
                        correcting.insert(c.row);
                for (const Correction& c : std::as_const(corrections)) {
                    qsizetype target = -1;
                    for (qsizetype k = 0; k < st.rows.size() && target < 0; ++k)
                        if (!correcting.contains(k) && !dropped.contains(k) && st.rows[k].externalId == c.target)
                            target = k;
                    // Only a REPLACE that alone names a transaction the file holds in no row, and that no other
                    // correction names in turn, stands for it; any other is left out (a chain or a second
                    // correction of one transaction would book it twice).
                    // (A row that corrects itself, its FITID its CORRECTFITID, names no other row: ledger-autosync's
                    // Desjardins file.)
                    const bool self = c.row >= 0 && st.rows[c.row].externalId == c.target;
                    const bool alone = c.row >= 0 && fileIds.value(c.target) == (self ? 1 : 0)
                        && std::count_if(corrections.cbegin(), corrections.cend(),
                                         [&](const Correction& o) { return o.target == c.target; })
                            == 1
                        && std::none_of(corrections.cbegin(), corrections.cend(), [&](const Correction& o) {
                                           return o.row != c.row && o.target == st.rows[c.row].externalId;
                                       });
                    if (target >= 0) {
                        dropped.insert(target);
                    } else if (alone) {
                        // Imported as the transaction it names, under that transaction's id: a duplicate where
                        // the account has it already (ledger-autosync's Desjardins file corrects a transaction of
                        // its own download).
                        st.rows[c.row].externalId = c.target;
                        st.rows[c.row].externalIdDerived = false;
                        addIssue(&file.warnings, &file.warningCount,
                                 {c.line, 0, QStringLiteral("id"),
                                  QStringLiteral("a correction (REPLACE) of transaction %1, which is not in this file: "
                                                 "imported as that transaction, or skipped as a duplicate where the "
                                                 "account has it (an import never changes a booked transaction; "
                                                 "reverse it and book the correction yourself)")
                                      .arg(c.target)});
                    } else {
                        if (c.row >= 0)
                            dropped.insert(c.row);
                        addIssue(
                            &file.warnings, &file.warningCount,
                            {c.line, 0, QStringLiteral("id"),
                             QStringLiteral("skipped: a correction (%1) of transaction %2, which is not in this "
                                            "file or is corrected more than once: an import never changes a "
                                            "booked transaction; reverse it and book the correction yourself if "
                                            "it was imported before")
                                 .arg(c.row < 0 ? QStringLiteral("DELETE") : QStringLiteral("REPLACE"), c.target)});
                    }
                }
                QList<ImportedRow> kept;
                for (qsizetype k = 0; k < st.rows.size(); ++k)
                    if (!dropped.contains(k))
                        kept.append(st.rows[k]);
                st.rows = kept;
            }
            // Several statements of one account (American Express writes one per billing cycle, each with the
            // balance of the day of the download) are one: its rows, and the balance stated last.
            const QString account = QStringList {st.accountRef, st.bankId, st.accountType, st.currency}.join(u'\n');
            const auto found = statementOf.constFind(account);
            if (found == statementOf.cend()) {
                QSet<QString>& ids = fitids.emplace_back();
                for (const ImportedRow& r : std::as_const(st.rows))
                    if (!r.externalIdDerived)
                        ids.insert(r.externalId);
                statementOf.insert(account, file.statements.size());
                file.statements.append(st);
            } else {
                ImportedStatement* same = &file.statements[*found];
                QSet<QString>& ids = fitids[*found];
                // (A transaction in two of them, by its FITID, once.)
                for (const ImportedRow& r : std::as_const(st.rows))
                    if (r.externalIdDerived || !ids.contains(r.externalId)) {
                        same->rows.append(r);
                        if (!r.externalIdDerived)
                            ids.insert(r.externalId);
                    }
                if (st.closingBalanceMinor
                    && (!same->closingBalanceMinor || !same->closingBalanceAtMs || !st.closingBalanceAtMs
                        || *st.closingBalanceAtMs >= *same->closingBalanceAtMs)) {
                    same->closingBalanceMinor = st.closingBalanceMinor;
                    same->closingBalanceAtMs = st.closingBalanceAtMs;
                }
            }
        }
    }
    if (!signOnError.isEmpty()) {
        if (file.statements.isEmpty())
            return Status::invalidArgument(QStringLiteral("file"), signOnError);
        addIssue(&file.warnings, &file.warningCount, {0, 0, {}, signOnError});
    }
    if (investment && file.statements.isEmpty())
        return Status::invalidArgument(QStringLiteral("file"),
                                       QStringLiteral("the file holds only investment statements (trades and "
                                                      "positions, no cash transactions), which are not imported"));
    // A response without a statement (a bank's error in its place, a sign-on or account list alone) is no statement
    // of no transactions: nothing in it can be imported.
    if (file.statements.isEmpty())
        return Status::invalidArgument(QStringLiteral("file"),
                                       !statementError.isEmpty()
                                           ? statementError
                                           : QStringLiteral("the OFX file holds no statement (no STMTRS, CCSTMTRS or "
                                                            "INVSTMTRS)"));
    return file;
}

} // namespace ledgerguard
