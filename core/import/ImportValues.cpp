// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportValues.h"

#include "import/ImportOptionText.h"
#include "import/TextDecoding.h"
#include "money/Money.h"
#include "util/Clock.h"
#include "util/Text.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTimeZone>
#include <QVarLengthArray>
#include <algorithm>
#include <cstring>
#include <vector>

namespace ledgerguard {

namespace {

Status amountError(const QString& message)
{
    return Status::invalidArgument(QStringLiteral("amount"), message);
}
Status dateError(const QString& message)
{
    return Status::invalidArgument(QStringLiteral("date"), message);
}

constexpr qint64 kJulianDayOfEpoch = 2440588; // QDate(1970, 1, 1).toJulianDay()

bool isSpaceLike(QChar c)
{
    const char16_t u = c.unicode();
    return u == u' ' || u == 0x00A0 || u == 0x2009 || u == 0x202F || u == 0x2007 || u == u'\t';
}
bool isMinus(QChar c)
{
    return c == QLatin1Char('-') || c.unicode() == 0x2212 || c.unicode() == 0x2013;
}

// A currency's sign of several characters at either end of an amount's text, and the text without it.
struct LongSymbol
{
    QString currency;
    QStringView rest;
};
std::optional<LongSymbol> longCurrencySymbol(QStringView s)
{
    // Signs of several characters: the Arabic dinars' and riyals', a dot after each letter ("\u062f.\u0627.4.750",
    // YNAB's Jordanian dinar; the last dot may be left out), the dollars' with their country's letters ("10,00 US$",
    // "R$ 5,00").
    static const std::pair<QStringView, const char*> kLongSymbols[] = {{u"\u062f.\u0627", "JOD"},
                                                                       {u"\u062f.\u0643", "KWD"},
                                                                       {u"\u0631.\u0633", "SAR"},
                                                                       {u"\u062f.\u0625", "AED"},
                                                                       {u"\u062f.\u0628", "BHD"},
                                                                       {u"\u0628.\u062f", "BHD"},
                                                                       {u"\u062f.\u062a", "TND"},
                                                                       {u"\u0631.\u0642", "QAR"},
                                                                       {u"\u0631.\u0639", "OMR"},
                                                                       {u"\u062c.\u0645", "EGP"},
                                                                       {u"\u062f.\u0645", "MAD"},
                                                                       {u"\u0644.\u0644", "LBP"},
                                                                       {u"\u062f.\u0639", "IQD"},
                                                                       {u"\u062f.\u062c", "DZD"},
                                                                       {u"\u062f.\u0644", "LYD"},
                                                                       {u"US$", "USD"},
                                                                       {u"R$", "BRL"},
                                                                       {u"CA$", "CAD"},
                                                                       {u"C$", "CAD"},
                                                                       {u"AU$", "AUD"},
                                                                       {u"A$", "AUD"},
                                                                       {u"NZ$", "NZD"},
                                                                       {u"S$", "SGD"},
                                                                       {u"HK$", "HKD"},
                                                                       {u"NT$", "TWD"},
                                                                       {u"MX$", "MXN"},
                                                                       {u"Fr.", "CHF"},
                                                                       {u"S/.", "PEN"},
                                                                       {u"S/", "PEN"}};
    // (Most amounts start and end with a digit: no sign to look for.)
    if (s.isEmpty() || (s.front().isDigit() && s.back().isDigit()))
        return std::nullopt;
    for (const auto& [sign, code] : kLongSymbols) {
        if (s.size() <= sign.size())
            continue;
        const bool arabic = sign.front().unicode() >= 0x0600 && sign.front().unicode() <= 0x06FF;
        if (s.startsWith(sign)) {
            const QStringView rest = s.sliced(sign.size());
            return LongSymbol {QString::fromLatin1(code), arabic && rest.front() == u'.' ? rest.sliced(1) : rest};
        }
        const QStringView body = arabic && s.back() == u'.' ? s.first(s.size() - 1) : s;
        if (body.endsWith(sign))
            return LongSymbol {QString::fromLatin1(code), body.first(body.size() - sign.size())};
    }
    return std::nullopt;
}

QString symbolCurrency(QChar c)
{
    switch (c.unicode()) {
    case 0x20AC:
        return QStringLiteral("EUR");
    case 0x00A3:
        return QStringLiteral("GBP");
    case 0x00A5:
    case 0xFFE5: // the full-width yen sign
    case 0x5186: // 円, after the amount ("292 円")
        return QStringLiteral("JPY");
    case u'$':
        return QStringLiteral("USD");
    // Signs of one currency each (Kaspi's "- 325,25 ₸").
    case 0x20B8:
        return QStringLiteral("KZT");
    case 0x20BD:
        return QStringLiteral("RUB");
    case 0x20B4:
        return QStringLiteral("UAH");
    case 0x20BA:
        return QStringLiteral("TRY");
    case 0x20B9:
        return QStringLiteral("INR");
    case 0x20A9:
        return QStringLiteral("KRW");
    case 0x20AA:
        return QStringLiteral("ILS");
    case 0x20AB:
        return QStringLiteral("VND");
    case 0x0E3F:
        return QStringLiteral("THB");
    case 0x20B1:
        return QStringLiteral("PHP");
    case 0x20A6:
        return QStringLiteral("NGN");
    case 0x20BE:
        return QStringLiteral("GEL");
    case 0x20BC:
        return QStringLiteral("AZN");
    default:
        return {};
    }
}

QStringView trimmedView(QStringView s)
{
    qsizetype a = 0, b = s.size();
    while (a < b && (s[a].isSpace() || isSpaceLike(s[a])))
        ++a;
    while (b > a && (s[b - 1].isSpace() || isSpaceLike(s[b - 1])))
        --b;
    return s.sliced(a, b - a);
}

int twoDigitYear(int y)
{
    return y < 80 ? 2000 + y : 1900 + y;
}

struct MonthName
{
    const char16_t* prefix;
    int month;
};
// Longest prefixes first where one is a prefix of another ("juil" before "jui", "mär" before "ma").
constexpr MonthName kMonths[] = {
    {u"janv", 1}, {u"jan", 1},  {u"gen", 1},  {u"ene", 1},  {u"feb", 2},  {u"fév", 2},  {u"fev", 2},
    {u"mär", 3},  {u"maer", 3}, {u"mrz", 3},  {u"mrt", 3},  {u"mar", 3},  {u"maa", 3},  {u"apr", 4},
    {u"avr", 4},  {u"abr", 4},  {u"may", 5},  {u"mai", 5},  {u"mei", 5},  {u"mag", 5},  {u"juin", 6},
    {u"juil", 7}, {u"jun", 6},  {u"giu", 6},  {u"jul", 7},  {u"lug", 7},  {u"aug", 8},  {u"aoû", 8},
    {u"aou", 8},  {u"ago", 8},  {u"sep", 9},  {u"set", 9},  {u"oct", 10}, {u"okt", 10}, {u"ott", 10},
    {u"nov", 11}, {u"dec", 12}, {u"déc", 12}, {u"dez", 12}, {u"dic", 12}, {u"des", 12},
};

int monthFromName(QStringView word)
{
    const QString w = word.toString().toLower();
    if (w.size() < 3)
        return 0;
    for (const MonthName& m : kMonths)
        if (w.startsWith(QString::fromUtf16(m.prefix)))
            return m.month;
    return 0;
}

} // namespace

bool isPlaceholderReference(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.size() > 16)
        return false;
    for (const char* p : {"notprovided", "not provided", "nonref", "none", "n/a", "null", "-", "--"})
        if (t.compare(QLatin1String(p), Qt::CaseInsensitive) == 0)
            return true;
    static const QRegularExpression rounded(QStringLiteral("^[1-9]([.,][0-9]+)?[eE]\\+[0-9]{1,3}$"));
    return rounded.match(t).hasMatch();
}

bool isValidIban(QStringView text)
{
    if (text.size() < 15 || text.size() > 34 || !text.at(0).isUpper() || !text.at(1).isUpper() || !text.at(2).isDigit()
        || !text.at(3).isDigit())
        return false;
    int rest = 0;
    const QString moved = text.mid(4).toString() + text.first(4).toString();
    for (QChar c : moved) {
        if (c >= u'0' && c <= u'9')
            rest = (rest * 10 + (c.unicode() - u'0')) % 97;
        else if (c >= u'A' && c <= u'Z')
            rest = (rest * 100 + (c.unicode() - u'A' + 10)) % 97;
        else
            return false;
    }
    return rest == 1;
}

bool hasNonZeroDigit(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c >= u'1' && c <= u'9'; });
}

bool isBalanceRowLabel(const QString& text)
{
    static const QRegularExpression balance(
        QStringLiteral(
            "^\\s*#?\\s*(anfangssaldo|endsaldo|schlusssaldo|eindsaldo|beginsaldo|startsaldo|kontostand|"
            "(alter|neuer) kontostand|"
            "(opening|closing|beginning|ending|starting|open|close) balance|balance (brought|carried) forward|"
            "(opening|closing) ledger|initial_available_balance|(inng|ing|indg|utg|udg)(\\x{e5}|a)ende saldo|"
            "balance at (the )?(start|beginning|end) of (the )?(period|statement)|last statement( balance)?|"
            "saldo (iniziale|finale|inicial|final|anterior|do dia|dia|total dispon(i|\\x{ed})vel( do)? dia|"
            "pocz\\x{105}tkowe|ko\\x{144}cowe)|s a l d "
            "o|algsaldo|"
            "l\\x{f5}ppsaldo|k\\x{e4}ive|apyvarta|apgroz\\x{12b}jums|solde (\\x{e0}|a) nouveau|solde (initial|final|de "
            "cl\\x{f4}ture|d'ouverture|de d\\x{e9}part|de "
            "depart|d\\x{e9}part|depart)|"
            "(po\\x{10d}\\x{e1}te\\x{10d}n\\x{ed}|kone\\x{10d}n\\x{fd}) z\\x{16f}statek|"
            "(po\\x{10d}iato\\x{10d}n\\x{fd}|kone\\x{10d}n\\x{fd}) zostatok|(nyit\\x{f3}|z\\x{e1}r\\x{f3}) egyenleg|"
            "likutis (prad\\x{17e}ioje|pabaigoje|prad\\x{17e}iai|pabaigai)|(pradinis|galutinis) "
            "likutis|(s\\x{101}kuma|beigu) atlikums|"
            "sold (initial|final( zi)?|precedent)|остаток на (начало|конец)( периода)?|(входящий|исходящий) остаток|"
            "số dư (đầu|cuối) kỳ|"
            "(novo|prethodno|po\\x{10d}etno|kona\\x{10d}no|zavr\\x{161}no|za\\x{10d}etno|kon\\x{10d}no) stanje)"
            "(\\s*$|\\s*[:(\\-]|\\s+(am|as of|as at|on|per|au|du|al|del|vom|zum)\\b)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    // Asked of every field of every row: the regular expression only for a short text that names a balance.
    if (text.size() < 5 || text.size() >= 80)
        return false;
    QStringView t = QStringView(text).trimmed();
    if (t.startsWith(u'#')) // mBank's "#Konečný zůstatek:"
        t = t.sliced(1).trimmed();
    if (t.isEmpty() || !QStringView(u"aeskbocnlpzgldiuAESKBOCNLPZGLDIU\u0161\u0160овиОВИ").contains(t.front()))
        return false;
    // (Lower case once: Qt's case-insensitive search folds each character of each comparison. A word is looked for
    // only when the text has each of its ASCII letters, and any other character it has: most fields have not.)
    QVarLengthArray<char16_t, 80> folded(t.size());
    quint32 letters = 0;
    bool beyondAscii = false;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char16_t u = t[i].unicode();
        const char16_t c = u < 0x80 ? (u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u) : QChar::toLower(u);
        folded[i] = c;
        if (c >= u'a' && c <= u'z')
            letters |= 1u << (c - u'a');
        else
            beyondAscii = beyondAscii || c > 0x7F;
    }
    const QStringView l(folded.constData(), folded.size());
    enum class How { Contains, StartsWith, Equals };
    struct Word
    {
        QStringView text;
        How how;
        quint32 letters = 0;
        bool beyondAscii = false;
    };
    static const std::vector<Word> words = [] {
        std::vector<Word> w {
            {u"saldo", How::Contains},          {u"balance", How::Contains},         {u"ledger", How::Contains},
            {u"kontostand", How::Contains},     {u"solde", How::Contains},           {u"statek", How::Contains},
            {u"statok", How::Contains},         {u"egyenleg", How::Contains},        {u"likutis", How::Contains},
            {u"atlikums", How::Contains},       {u"stanje", How::Contains},          {u"sold ", How::StartsWith},
            {u"остаток", How::Contains},        {u"số dư", How::Contains},           {u"s a l d o", How::Equals},
            {u"disponibilit", How::StartsWith}, {u"k\u00e4ive", How::Equals},        {u"apyvarta", How::Equals},
            {u"apgroz\u012bjums", How::Equals}, {u"last statement", How::StartsWith}};
        for (Word& word : w)
            for (const QChar ch : word.text) {
                if (ch >= u'a' && ch <= u'z')
                    word.letters |= 1u << (ch.unicode() - u'a');
                else
                    word.beyondAscii = word.beyondAscii || ch.unicode() > 0x7F;
            }
        return w;
    }();
    const bool names = std::any_of(words.cbegin(), words.cend(), [&](const Word& w) {
        if ((w.letters & letters) != w.letters || (w.beyondAscii && !beyondAscii))
            return false;
        switch (w.how) {
        case How::Contains:
            return l.contains(w.text);
        case How::StartsWith:
            return l.startsWith(w.text);
        case How::Equals:
            return l == w.text;
        }
        return false;
    });
    // Italian balance rows, the label alone (Crelove: "Saldo contabile", "Saldo liquido", "Disponibilita al").
    static const QRegularExpression italian(
        QStringLiteral("^(saldo (contabile|liquido|disponibile)|disponibilit(a|\\x{e0})( al)?)$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    if ((l.startsWith(u"saldo ") || l.startsWith(u"disponibilit")) && italian.match(t).hasMatch())
        return true;
    return names && balance.match(text).hasMatch();
}

QString importedText(const QString& text, qsizetype maxLength, int line, const QString& field,
                     QList<ImportIssue>* warnings)
{
    // Printable ASCII with single spaces inside, none at the ends, and short enough is stored as it is (the steps
    // below would not change it).
    const auto plain = [&] {
        if (text.isEmpty() || text.size() > maxLength || text.front() == QLatin1Char(' ')
            || text.back() == QLatin1Char(' '))
            return false;
        char16_t previous = 0;
        for (const QChar c : text) {
            const char16_t u = c.unicode();
            if (u < 0x20 || u > 0x7E || (u == u' ' && previous == u' '))
                return false;
            previous = u;
        }
        return true;
    };
    if (plain())
        return text;
    // Line breaks and tabs inside a quoted field are the file's own layout, not stray characters: spaces, unreported.
    QString lines = text;
    for (QChar& c : lines)
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    int changed = 0;
    QString out = sanitizedText(lines, TextKind::SingleLine, &changed).simplified();
    if (out.size() > maxLength)
        out.truncate(out.at(maxLength).isLowSurrogate() ? maxLength - 1 : maxLength);
    if (changed > 0)
        addIssue(
            warnings, nullptr,
            ImportIssue {line, 0, field,
                         QStringLiteral(
                             "%1 character(s) replaced or removed (control, bidirectional, invalid or only invisible)")
                             .arg(changed)});
    return out;
}

void addIssue(QList<ImportIssue>* list, qint64* count, ImportIssue issue)
{
    if (count)
        ++*count;
    if (list->size() < kMaxImportIssues)
        list->append(std::move(issue));
}

Status importTooLarge(const ImportOptions& options)
{
    return Status::invalidArgument(
        QStringLiteral("file"),
        QStringLiteral("the file is larger than the import limit of %1 MiB").arg(options.maxBytes / (1024 * 1024)));
}

Result<DecodedLines> decodeLines(const QByteArray& data, const ImportOptions& options, ImportFormat format)
{
    if (data.size() > options.maxBytes)
        return importTooLarge(options);
    const Result<DecodedText> decoded = decodeText(data, options.encoding);
    if (!decoded)
        return decoded.status();
    DecodedLines out;
    out.file.format = importFormatName(format);
    out.file.encoding = decoded->encoding;
    for (const ImportIssue& w : decoded->warnings)
        addIssue(&out.file.warnings, &out.file.warningCount, w);
    out.text = decoded->text;
    out.text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    out.text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    out.lines = out.text.split(QLatin1Char('\n'));
    return out;
}

Result<DecimalText> parseDecimalText(QStringView input, DecimalSeparator separator)
{
    QStringView s = trimmedView(input);
    if (s.isEmpty())
        return amountError(QStringLiteral("the amount is empty"));
    if (s.size() > 200)
        return amountError(QStringLiteral("the amount is too long"));
    DecimalText out;
    int signs = 0;
    bool changed = true;
    while (changed && !s.isEmpty()) {
        changed = false;
        s = trimmedView(s);
        if (s.isEmpty())
            break;
        if (s.size() >= 2 && s.front() == QLatin1Char('(') && s.back() == QLatin1Char(')')) {
            ++signs;
            out.negative = true;
            s = s.sliced(1, s.size() - 2);
            changed = true;
            continue;
        }
        // A sign in parentheses after the number (Akbank's card statements: "204,17(-)").
        if (s.size() >= 4 && s.back() == QLatin1Char(')') && s[s.size() - 3] == QLatin1Char('(')
            && (isMinus(s[s.size() - 2]) || s[s.size() - 2] == QLatin1Char('+'))) {
            if (isMinus(s[s.size() - 2])) {
                ++signs;
                out.negative = true;
            }
            s.chop(3);
            changed = true;
            continue;
        }
        if (isMinus(s.front()) || s.front() == QLatin1Char('+')) {
            if (isMinus(s.front())) {
                ++signs;
                out.negative = true;
            }
            s = s.sliced(1);
            changed = true;
            continue;
        }
        if (isMinus(s.back()) || s.back() == QLatin1Char('+')) {
            if (isMinus(s.back())) {
                ++signs;
                out.negative = true;
            }
            s.chop(1);
            changed = true;
            continue;
        }
        if (s.size() >= 2) {
            const QStringView tail = s.last(2);
            if (tail.compare(u"CR", Qt::CaseInsensitive) == 0 || tail.compare(u"DR", Qt::CaseInsensitive) == 0) {
                const bool letterBefore = s.size() > 2 && s[s.size() - 3].isLetter();
                if (!letterBefore) {
                    if (tail.compare(u"DR", Qt::CaseInsensitive) == 0) {
                        ++signs;
                        out.negative = true;
                    }
                    s.chop(2);
                    changed = true;
                    continue;
                }
            }
        }
        if (const std::optional<LongSymbol> sym = longCurrencySymbol(s)) {
            if (out.currency.isEmpty()) {
                out.currency = sym->currency;
                out.currencyFromSymbol = true;
            }
            s = sym->rest;
            changed = true;
            continue;
        }
        for (bool front : {true, false}) {
            const QChar c = front ? s.front() : s.back();
            const QString sym = symbolCurrency(c);
            if (!sym.isEmpty()) {
                if (out.currency.isEmpty()) {
                    out.currency = sym;
                    out.currencyFromSymbol = true;
                }
                s = front ? s.sliced(1) : s.first(s.size() - 1);
                changed = true;
                break;
            }
            // An ISO code (or "US" of "US$") of letters at this end, or a currency's local word ("kr", "zł", "Kč",
            // Turkey's "TL", Russia's old code "RUR" that its banks still write).
            qsizetype n = 0;
            if (front)
                while (n < s.size() && s[n].isLetter())
                    ++n;
            else
                while (n < s.size() && s[s.size() - 1 - n].isLetter())
                    ++n;
            if (n == 0)
                continue;
            const QString word = (front ? s.first(n) : s.last(n)).toString().toUpper();
            // "kr" is the Swedish, Norwegian, Danish and Icelandic crown alike: it names no one currency.
            static const QHash<QString, QString> localWords = {{QStringLiteral("KR"), QString()},
                                                               {QString::fromUtf8("Z\u0141"), QStringLiteral("PLN")},
                                                               {QStringLiteral("ZL"), QStringLiteral("PLN")},
                                                               {QString::fromUtf8("K\u010c"), QStringLiteral("CZK")},
                                                               {QStringLiteral("FT"), QStringLiteral("HUF")},
                                                               {QStringLiteral("LEI"), QStringLiteral("RON")},
                                                               {QStringLiteral("RS"), QStringLiteral("INR")},
                                                               {QStringLiteral("TL"), QStringLiteral("TRY")},
                                                               {QStringLiteral("JD"), QStringLiteral("JOD")},
                                                               {QStringLiteral("KD"), QStringLiteral("KWD")},
                                                               {QStringLiteral("BD"), QStringLiteral("BHD")},
                                                               {QStringLiteral("QR"), QStringLiteral("QAR")},
                                                               {QStringLiteral("SR"), QStringLiteral("SAR")},
                                                               {QStringLiteral("RM"), QStringLiteral("MYR")},
                                                               {QString::fromUtf8("ЛВ"), QStringLiteral("BGN")},
                                                               {QString::fromUtf8("ГРН"), QStringLiteral("UAH")},
                                                               {QString::fromUtf8("РУБ"), QStringLiteral("RUB")},
                                                               {QStringLiteral("RUR"), QStringLiteral("RUB")}};
            if (n == 3 && Money::isKnownCurrency(word)) {
                out.currency = word;
                out.currencyFromSymbol = false;
            } else if (const auto local = localWords.constFind(word); local != localWords.cend()) {
                if (out.currency.isEmpty() && !local->isEmpty()) {
                    out.currency = *local;
                    out.currencyFromSymbol = true;
                }
            } else if (!(n <= 2 && front && s.size() > n && s[n] == QLatin1Char('$'))) {
                return amountError(QStringLiteral("\"%1\" is not a valid amount").arg(input.toString()));
            }
            s = front ? s.sliced(n) : s.first(s.size() - n);
            changed = true;
            break;
        }
    }
    if (signs > 1)
        return amountError(QStringLiteral("\"%1\" has more than one sign").arg(input.toString()));
    if (s.isEmpty())
        return amountError(QStringLiteral("\"%1\" has no digits").arg(input.toString()));

    // Which of '.' and ',' is the decimal separator.
    QChar dec;
    if (separator == DecimalSeparator::Point) {
        dec = QLatin1Char('.');
    } else if (separator == DecimalSeparator::Comma) {
        dec = QLatin1Char(',');
    } else {
        const qsizetype lastDot = s.lastIndexOf(QLatin1Char('.'));
        const qsizetype lastComma = s.lastIndexOf(QLatin1Char(','));
        if (lastDot >= 0 && lastComma >= 0)
            dec = lastDot > lastComma ? QLatin1Char('.') : QLatin1Char(',');
        else if (lastComma >= 0)
            dec = (s.count(QLatin1Char(',')) == 1 && s.size() - lastComma - 1 != 3) ? QLatin1Char(',')
                                                                                    : QLatin1Char('.');
        else
            dec = s.count(QLatin1Char('.')) > 1 ? QLatin1Char(',') : QLatin1Char('.');
    }
    const QChar group = dec == QLatin1Char('.') ? QLatin1Char(',') : QLatin1Char('.');
    bool seenDecimal = false;
    QChar prev;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9')) {
            (seenDecimal ? out.fractionDigits : out.integerDigits).append(c);
        } else if (c == dec) {
            if (seenDecimal)
                return amountError(QStringLiteral("\"%1\" has two decimal separators").arg(input.toString()));
            seenDecimal = true;
        } else if (c == group || c == QLatin1Char('\'') || c.unicode() == 0x2019 || isSpaceLike(c)) {
            // Grouping only between digits and before the decimal separator.
            const bool digitBefore = prev.isDigit();
            const bool digitAfter = i + 1 < s.size() && s[i + 1].isDigit();
            if (seenDecimal || !digitBefore || !digitAfter)
                return amountError(QStringLiteral("\"%1\" is not a valid amount").arg(input.toString()));
        } else {
            return amountError(QStringLiteral("\"%1\" is not a valid amount").arg(input.toString()));
        }
        prev = c;
    }
    if (out.integerDigits.isEmpty() && out.fractionDigits.isEmpty())
        return amountError(QStringLiteral("\"%1\" has no digits").arg(input.toString()));
    if (out.integerDigits.isEmpty())
        out.integerDigits = QStringLiteral("0");
    return out;
}

Result<qint64> decimalToMinor(const DecimalText& value, int exponent)
{
    if (exponent < 0 || exponent > 4)
        return amountError(QStringLiteral("unsupported number of decimal places %1").arg(exponent));
    QString frac = value.fractionDigits;
    if (frac.size() > exponent) {
        for (qsizetype i = exponent; i < frac.size(); ++i)
            if (frac[i] != QLatin1Char('0'))
                return amountError(
                    QStringLiteral("%1 decimal places, but the currency has %2").arg(frac.size()).arg(exponent));
        frac.truncate(exponent);
    }
    while (frac.size() < exponent)
        frac.append(QLatin1Char('0'));
    qint64 v = 0;
    const QString digits = value.integerDigits + frac;
    for (QChar c : digits) {
        if (!checkedMul(v, 10, &v) || !checkedAdd(v, c.unicode() - u'0', &v))
            return amountError(QStringLiteral("the amount is too large"));
    }
    return value.negative ? -v : v;
}

Result<qint64> roundedToMinor(DecimalText value, int exponent)
{
    if (exponent < 0 || value.fractionDigits.size() <= exponent)
        return decimalToMinor(value, exponent);
    const bool up = value.fractionDigits[exponent] >= QLatin1Char('5');
    value.fractionDigits.truncate(exponent);
    const Result<qint64> v = decimalToMinor(value, exponent);
    if (!v || !up)
        return v;
    qint64 rounded = 0;
    if (!checkedAdd(*v, value.negative ? -1 : 1, &rounded))
        return amountError(QStringLiteral("the amount is too large"));
    return rounded;
}

namespace {

// The minor units of a plain amount ("-1234.5", "17", with `separator` the decimal separator): ASCII digits, an
// optional leading '-', at most one separator followed by at most `exponent` digits, at most 18 digits in all
// (with the zeros the exponent adds).
// nullopt for anything else, which then goes the general way (parseDecimalText, decimalToMinor) with its errors.
std::optional<qint64> plainMinor(QStringView s, char16_t separator, int exponent)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    const bool negative = n > 0 && s[0] == QLatin1Char('-');
    if (negative)
        ++i;
    qint64 v = 0;
    int digits = 0, fraction = -1;
    for (; i < n; ++i) {
        const char16_t c = s[i].unicode();
        if (c >= u'0' && c <= u'9') {
            if (++digits > 18)
                return std::nullopt; // beyond qint64 before the exponent's zeros: the general way says so
            v = v * 10 + (c - u'0');
            if (fraction >= 0)
                ++fraction;
        } else if (c == separator && fraction < 0 && digits > 0) {
            fraction = 0;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || fraction == 0 || fraction > exponent || digits + exponent - std::max(fraction, 0) > 18)
        return std::nullopt;
    for (int k = std::max(fraction, 0); k < exponent; ++k)
        v *= 10;
    return negative ? -v : v;
}

} // namespace

Result<qint64> parseAmount(QStringView text, DecimalSeparator separator, const QString& currency, QString* usedCurrency)
{
    if (separator != DecimalSeparator::Auto && !currency.isEmpty()) {
        const int exponent = Money::decimalsFor(currency);
        if (exponent >= 0 && exponent <= 4) {
            if (const std::optional<qint64> v
                = plainMinor(trimmedView(text), separator == DecimalSeparator::Point ? u'.' : u',', exponent)) {
                if (usedCurrency)
                    *usedCurrency = currency;
                return *v;
            }
        }
    }
    const Result<DecimalText> d = parseDecimalText(text, separator);
    if (!d)
        return d.status();
    QString cur = currency;
    if (!d->currency.isEmpty() && (!d->currencyFromSymbol || cur.isEmpty()))
        cur = d->currency;
    if (cur.isEmpty())
        return Status::invalidArgument(
            QStringLiteral("currency"),
            QStringLiteral("the amount names no currency and no account or currency was chosen "
                           "for the file (an account, %1, or %2)")
                .arg(importOptionText(ImportOptionMention::Account), importOptionText(ImportOptionMention::Currency)));
    if (usedCurrency)
        *usedCurrency = cur;
    return decimalToMinor(*d, Money::decimalsFor(cur));
}

void DecimalEvidence::add(QStringView text)
{
    QStringView s = trimmedView(text);
    // (A long sign's dots are no separators, also after a sign: "-Fr. 12.50".)
    while (!s.isEmpty() && (isMinus(s.front()) || s.front() == u'+' || s.front() == u'('))
        s = trimmedView(s.sliced(1));
    if (const std::optional<LongSymbol> sym = longCurrencySymbol(s))
        s = trimmedView(sym->rest);
    const qsizetype dot = s.lastIndexOf(QLatin1Char('.'));
    const qsizetype comma = s.lastIndexOf(QLatin1Char(','));
    if (dot >= 0 && comma >= 0) {
        ++(dot > comma ? m_point : m_comma);
        return;
    }
    if (dot < 0 && comma < 0)
        return;
    const QChar c = dot >= 0 ? QLatin1Char('.') : QLatin1Char(',');
    const qsizetype at = dot >= 0 ? dot : comma;
    qsizetype digitsAfter = 0;
    while (at + 1 + digitsAfter < s.size() && s[at + 1 + digitsAfter].isDigit())
        ++digitsAfter;
    // Digits grouped by spaces or apostrophes before it ("3 015,480": a three-decimal currency): the decimal separator.
    bool groupedBefore = false;
    for (qsizetype i = 1; i + 1 < at && !groupedBefore; ++i)
        groupedBefore
            = (s[i] == QLatin1Char(' ') || s[i] == QChar(0x00A0) || s[i] == QChar(0x202F) || s[i] == QLatin1Char('\''))
            && s[i - 1].isDigit() && s[i + 1].isDigit();
    if (s.count(c) > 1) // repeated: grouping, so the other one is the decimal separator
        ++(c == QLatin1Char('.') ? m_comma : m_point);
    else if (digitsAfter != 3 || (groupedBefore && at + 1 + digitsAfter == s.size()))
        ++(c == QLatin1Char('.') ? m_point : m_comma);
    else if (c == QLatin1Char('.') && at + 1 + digitsAfter == s.size())
        ++m_pointBeforeThree;
}

DecimalSeparator DecimalEvidence::decide(int currencyDecimals) const
{
    if (currencyDecimals == 0 && m_point == 0 && m_comma == 0 && m_pointBeforeThree > 0)
        return DecimalSeparator::Comma;
    return (m_comma > 0 && m_comma >= m_point) ? DecimalSeparator::Comma : DecimalSeparator::Point;
}

namespace {

const QRegularExpression& isoRe()
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$)"));
    return re;
}
const QRegularExpression& timeTailRe()
{
    static const QRegularExpression re(
        QStringLiteral(R"((?:^|[\sT,]|(?<=\d)-)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?$)"));
    return re;
}
const QRegularExpression& numericRe()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^(\d{1,4})\s*([./-])\s*(\d{1,2})\s*([./'-])\s*(\d{1,4})\.?$)"));
    return re;
}

std::optional<QTime> timeFrom(int h, int m, int s, const QString& ampm)
{
    if (!ampm.isEmpty()) {
        if (h < 1 || h > 12)
            return std::nullopt;
        const bool pm = ampm.at(0).toLower() == QLatin1Char('p');
        h = (h % 12) + (pm ? 12 : 0);
    }
    const QTime t(h, m, s);
    if (!t.isValid())
        return std::nullopt;
    return t;
}

// A numeric date of ASCII digits and separators only, as numericRe() reads it: the digit groups and the
// separators' shape ("5.1.2024", "2024-01-05", "01/05/24."); nullopt for any other text (which then goes through
// the regular expressions).
struct NumericDate
{
    int a = 0, b = 0, c = 0; // values of the three groups
    int aDigits = 0, cDigits = 0;
    char16_t separator = 0; // the first separator
};
std::optional<NumericDate> numericDateShape(QStringView s)
{
    NumericDate out;
    qsizetype i = 0;
    const qsizetype n = s.size();
    const auto group = [&](int maxDigits, int* value) {
        int digits = 0;
        *value = 0;
        while (i < n && s[i].unicode() >= u'0' && s[i].unicode() <= u'9' && digits <= maxDigits) {
            *value = *value * 10 + (s[i].unicode() - u'0');
            ++digits;
            ++i;
        }
        return digits >= 1 && digits <= maxDigits ? digits : 0;
    };
    const auto separator = [&](bool apostrophe) {
        if (i >= n)
            return false;
        const char16_t c = s[i].unicode();
        if (c == u'.' || c == u'/' || c == u'-' || (apostrophe && c == u'\'')) {
            ++i;
            return true;
        }
        return false;
    };
    out.aDigits = group(4, &out.a);
    if (i < n)
        out.separator = s[i].unicode();
    // An apostrophe after the day or month (Quicken's "1/2'24"), or throughout after a year ("2024'01'02").
    if (out.aDigits == 0 || !separator(out.aDigits == 4) || group(2, &out.b) == 0 || !separator(true))
        return std::nullopt;
    out.cDigits = group(4, &out.c);
    if (out.cDigits == 0)
        return std::nullopt;
    if (i < n && s[i] == QLatin1Char('.'))
        ++i;
    if (i != n)
        return std::nullopt;
    return out;
}

// The date of a numeric date as parseDateParts reads it (numericRe()'s branch); an invalid QDate when the parts
// make no date.
QDate numericDate(const NumericDate& d, DateOrder order)
{
    int y = 0, mo = 0, day = 0;
    if (d.aDigits == 4 || order == DateOrder::YearMonthDay) {
        y = d.aDigits <= 2 ? twoDigitYear(d.a) : d.a;
        mo = d.b;
        day = d.c;
    } else {
        if (d.cDigits == 3)
            return {};
        y = d.cDigits <= 2 ? twoDigitYear(d.c) : d.c;
        const bool monthFirst = order == DateOrder::MonthDayYear;
        mo = monthFirst ? d.a : d.b;
        day = monthFirst ? d.b : d.a;
    }
    return QDate(y, mo, day);
}

// A date cell's text: trimmed, without the apostrophe spreadsheets put before a number to keep it text ("'03/01"),
// and without an effective date after the booking date ("04/17/2023 as of 04/15/2023").
QStringView dateView(QStringView text)
{
    QStringView t = trimmedView(text);
    // FNB's single-quoted dates ("'01 Mrt'").
    if (t.size() > 2 && t.front() == QLatin1Char('\'') && t.back() == QLatin1Char('\''))
        t = trimmedView(t.sliced(1, t.size() - 2));
    if (t.size() > 1 && t.front() == QLatin1Char('\'') && t[1].isDigit())
        t = t.sliced(1);
    // Schwab's "04/17/2023 as of 04/15/2023": booked on the first date, for the second.
    if (const qsizetype asOf = t.indexOf(QLatin1String(" as of "), 0, Qt::CaseInsensitive); asOf > 0)
        t = trimmedView(t.first(asOf));
    return t;
}

// The day and month of a date written without its year: "03/01", "3.1.", "03-01" (the order decides which is the
// day) and "03 Jan", "Jan 3", "03-JAN". Zeroes when the text is no such date.
std::pair<int, int> yearlessDayMonth(QStringView text, DateOrder order)
{
    static const QRegularExpression numeric(QStringLiteral(R"(^(\d{1,2})\s*([./-])\s*(\d{1,2})\.?$)"));
    static const QRegularExpression named(
        QStringLiteral(R"(^(\d{1,2})\.?[\s/-]*(\p{L}{3,10})\.?$|^(\p{L}{3,10})\.?\s+(\d{1,2})$)"));
    const QString s = text.toString();
    if (const QRegularExpressionMatch m = numeric.match(s); m.hasMatch()) {
        const int a = m.captured(1).toInt(), b = m.captured(3).toInt();
        const bool monthFirst = order == DateOrder::MonthDayYear && m.captured(2) != u".";
        return monthFirst ? std::pair {b, a} : std::pair {a, b};
    }
    if (const QRegularExpressionMatch m = named.match(s); m.hasMatch()) {
        const bool dayFirst = m.capturedLength(1) > 0;
        const int month = monthFromName(m.capturedView(dayFirst ? 2 : 3));
        if (month > 0)
            return {m.captured(dayFirst ? 1 : 4).toInt(), month};
    }
    return {0, 0};
}

} // namespace

std::optional<QDate> parseYearlessDate(QStringView text, DateOrder order, QDate statementEnd)
{
    if (!statementEnd.isValid())
        return std::nullopt;
    const auto [day, month] = yearlessDayMonth(dateView(text), order);
    if (day == 0)
        return std::nullopt;
    for (int year : {statementEnd.year(), statementEnd.year() - 1}) {
        const QDate d(year, month, day);
        // The year that does not put the row more than a month after the statement's end (December's rows of a
        // statement that ends in January are of the year before).
        if (d.isValid() && d <= statementEnd.addDays(31))
            return d;
    }
    return std::nullopt;
}

std::optional<QTime> parseTimeOfDay(QStringView text)
{
    const QString s = trimmedView(text).toString();
    const QRegularExpressionMatch m = timeTailRe().match(s);
    if (!m.hasMatch() || m.capturedStart() != 0)
        return std::nullopt;
    return timeFrom(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4));
}

namespace {

Result<DateParts> parseDatePartsAsWritten(QStringView text, DateOrder order, const QString& explicitFormat);

} // namespace

Result<DateParts> parseDateParts(QStringView text, DateOrder order, const QString& explicitFormat)
{
    // Years of other calendars as banks write them: Thailand's Buddhist Era ("01/03/2567" is 1 March 2024) and
    // Taiwan's Minguo years ("113/03/02" is 2 March 2024), turned into the Gregorian year before the date is read.
    const QStringView v = dateView(text);
    const auto digitAt = [&v](qsizetype i) { return i >= 0 && i < v.size() && v[i].isDigit(); };
    qsizetype yearAt = -1, yearLength = 0;
    int gregorian = 0;
    if (v.size() >= 7 && digitAt(0) && digitAt(1) && digitAt(2) && !digitAt(3)
        && (v[3] == u'/' || v[3] == u'.' || v[3] == u'-')) {
        yearAt = 0;
        yearLength = 3;
        gregorian = v.first(3).toInt() + 1911;
    } else {
        for (qsizetype i = 0; i + 4 <= v.size() && yearAt < 0; ++i) {
            if (digitAt(i - 1) || !digitAt(i) || !digitAt(i + 1) || !digitAt(i + 2) || !digitAt(i + 3)
                || digitAt(i + 4))
                continue;
            if (const int year = v.sliced(i, 4).toInt(); year >= 2400 && year <= 2700) {
                yearAt = i;
                yearLength = 4;
                gregorian = year - 543;
            }
        }
    }
    if (yearAt >= 0) {
        const QString converted
            = v.first(yearAt).toString() + QString::number(gregorian) + v.sliced(yearAt + yearLength);
        if (Result<DateParts> r = parseDatePartsAsWritten(converted, order, explicitFormat); r)
            return r;
    }
    return parseDatePartsAsWritten(text, order, explicitFormat);
}

namespace {

Result<DateParts> parseDatePartsAsWritten(QStringView text, DateOrder order, const QString& explicitFormat)
{
    if (explicitFormat.isEmpty()) {
        // Most bank files: a numeric date alone, read without the regular expressions below.
        if (const std::optional<NumericDate> shape = numericDateShape(dateView(text))) {
            DateParts out;
            out.date = numericDate(*shape, order);
            if (out.date.isValid())
                return out;
            return dateError(QStringLiteral("\"%1\" is not a valid date").arg(dateView(text)));
        }
    }
    QString s = dateView(text).toString();
    if (s.isEmpty())
        return dateError(QStringLiteral("the date is empty"));
    if (s.size() > 64)
        return dateError(QStringLiteral("the date is too long"));
    const auto invalid = [&] { return dateError(QStringLiteral("\"%1\" is not a valid date").arg(s)); };
    DateParts out;
    if (!explicitFormat.isEmpty()) {
        // A two-digit year ("yy") is Qt's 1900-1999; the ledger holds nothing before 1970, so 00-69 are 2000-2069.
        const bool twoDigitYear
            = explicitFormat.contains(QLatin1String("yy")) && !explicitFormat.contains(QLatin1String("yyyy"));
        const auto pivot = [twoDigitYear](QDate d) { return twoDigitYear && d.year() < 1970 ? d.addYears(100) : d; };
        const QDateTime dt = QDateTime::fromString(s, explicitFormat);
        if (dt.isValid()) {
            out.date = pivot(dt.date());
            if (explicitFormat.contains(QLatin1Char('h')) || explicitFormat.contains(QLatin1Char('H')))
                out.time = dt.time();
            return out;
        }
        const QDate d = QDate::fromString(s, explicitFormat);
        if (!d.isValid())
            return dateError(QStringLiteral("\"%1\" does not match the date format %2").arg(s, explicitFormat));
        out.date = pivot(d);
        return out;
    }
    // A time zone's abbreviation after the time (Cash App: "2025-01-31 18:22:41 EST"): the time is the bank's wall
    // clock, as an OFX time's offset is not applied either.
    static const QRegularExpression zoneWord(QStringLiteral(
        R"(^(.*\d:\d\d(?::\d\d)?(?:[.,]\d+)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s+(?!(?:AM|PM)$)(?:UTC|GMT|[A-Z]{2,5})$)"));
    if (const QRegularExpressionMatch m = zoneWord.match(s); m.hasMatch())
        s = m.captured(1);
    // OFX's date and time in a CSV (Chase's old download: "20091224120000[0:GMT]"; Standard Chartered's "20210720
    // 135523"): read as the ISO date and time it stands for, the wall clock as written.
    static const QRegularExpression ofxStamp(QStringLiteral(
        R"(^((?:19|20)\d\d)(\d\d)(\d\d)(?:[ T]?(\d\d)(\d\d)(\d\d)(?:\.\d{1,3})?)?(\[[+-]?\d+(?:\.\d+)?(?::\w+)?\])?$)"));
    if (const QRegularExpressionMatch m = ofxStamp.match(s);
        m.hasMatch() && (m.capturedLength(4) > 0 || m.capturedLength(7) > 0))
        s = QStringLiteral("%1-%2-%3").arg(m.captured(1), m.captured(2), m.captured(3))
            + (m.capturedLength(4) > 0 ? QStringLiteral(" %1:%2:%3").arg(m.captured(4), m.captured(5), m.captured(6))
                                       : QString());
    if (const QRegularExpressionMatch m = isoRe().match(s); m.hasMatch()) {
        out.date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        if (!out.date.isValid())
            return invalid();
        if (m.capturedLength(4) > 0) {
            out.time = timeFrom(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), {});
            if (!out.time)
                return invalid();
        }
        if (m.capturedLength(7) > 0) {
            const QString z = m.captured(7);
            if (z == u"Z") {
                out.offsetSeconds = 0;
            } else {
                const QString digits = QString(z).remove(QLatin1Char(':'));
                const int hh = digits.mid(1, 2).toInt(), mm = digits.size() > 3 ? digits.mid(3, 2).toInt() : 0;
                if (hh > 18 || mm > 59)
                    return invalid();
                out.offsetSeconds = (z[0] == QLatin1Char('-') ? -1 : 1) * (hh * 3600 + mm * 60);
            }
        }
        return out;
    }
    // A time of day at the end.
    if (const QRegularExpressionMatch m = timeTailRe().match(s); m.hasMatch()) {
        out.time = timeFrom(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4));
        if (!out.time)
            return invalid();
        s = s.left(m.capturedStart()).trimmed();
        while (s.endsWith(QLatin1Char(',')))
            s.chop(1);
    }
    // yyyymmdd, else (no such date) ddmmyyyy or mmddyyyy as the order says (Santander México's "28032024").
    if (s.size() == 8 && std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); })) {
        out.date = QDate(s.left(4).toInt(), s.mid(4, 2).toInt(), s.mid(6, 2).toInt());
        const int a = s.left(2).toInt(), b = s.mid(2, 2).toInt(), y = s.right(4).toInt();
        if (!out.date.isValid())
            out.date = order == DateOrder::MonthDayYear ? QDate(y, a, b) : QDate(y, b, a);
        if (!out.date.isValid())
            out.date = order == DateOrder::MonthDayYear ? QDate(y, b, a) : QDate(y, a, b);
        return out.date.isValid() ? Result<DateParts>(out) : Result<DateParts>(invalid());
    }
    // Japanese and Korean dates: "2025年1月6日", "2026년 9월 29일 (수)" (a weekday after it), and years of an era as
    // Japanese banks write them ("R07.01.06", "H31/4/30", "令和7年1月6日", "令和元年5月1日": Reiwa's year 1 is 2019,
    // Heisei's 1989, Showa's 1926).
    static const QRegularExpression kanjiDate(
        QStringLiteral("^(\\d{4}|\u4EE4\u548C|\u5E73\u6210|\u662D\u548C)(\\d{0,2}|\u5143)"
                       "\\s*[\u5E74\uB144]\\s*(\\d{1,2})\\s*[\u6708\uC6D4]\\s*(\\d{1,2})\\s*[\u65E5\uC77C]"
                       "(?:\\s*[(\uFF08]\\p{L}{1,3}[)\uFF09])?$"));
    static const QRegularExpression eraDate(QStringLiteral("^([RHSrhs])(\\d{1,2})[./-](\\d{1,2})[./-](\\d{1,2})$"));
    const auto eraYear = [](QStringView era, int year) {
        if (era == u"R" || era == u"r" || era == u"\u4EE4\u548C")
            return 2018 + year;
        if (era == u"H" || era == u"h" || era == u"\u5E73\u6210")
            return 1988 + year;
        return 1925 + year; // S, 昭和
    };
    if (const QRegularExpressionMatch m = kanjiDate.match(s); m.hasMatch()) {
        const QString era = m.captured(1);
        const QString n = m.captured(2);
        int y = 0;
        if (era.front().isDigit() && n.isEmpty())
            y = era.toInt();
        else if (!era.front().isDigit() && !n.isEmpty())
            y = eraYear(era, n == u"\u5143" ? 1 : n.toInt());
        out.date = y > 0 ? QDate(y, m.captured(3).toInt(), m.captured(4).toInt()) : QDate();
        return out.date.isValid() ? Result<DateParts>(out) : Result<DateParts>(invalid());
    }
    if (const QRegularExpressionMatch m = eraDate.match(s); m.hasMatch()) {
        out.date
            = QDate(eraYear(m.capturedView(1), m.captured(2).toInt()), m.captured(3).toInt(), m.captured(4).toInt());
        return out.date.isValid() ? Result<DateParts>(out) : Result<DateParts>(invalid());
    }
    if (const QRegularExpressionMatch m = numericRe().match(s); m.hasMatch()) {
        const QString a = m.captured(1), b = m.captured(3), c = m.captured(5);
        int y = 0, mo = 0, d = 0;
        if (a.size() == 4 || order == DateOrder::YearMonthDay) {
            y = a.toInt();
            mo = b.toInt();
            d = c.toInt();
            if (a.size() <= 2)
                y = twoDigitYear(y);
        } else {
            if (c.size() == 3)
                return invalid();
            y = c.size() <= 2 ? twoDigitYear(c.toInt()) : c.toInt();
            const bool monthFirst = order == DateOrder::MonthDayYear;
            mo = monthFirst ? a.toInt() : b.toInt();
            d = monthFirst ? b.toInt() : a.toInt();
        }
        out.date = QDate(y, mo, d);
        return out.date.isValid() ? Result<DateParts>(out) : Result<DateParts>(invalid());
    }
    // Month names: "01-Jan-2024", "5. Januar 2024", "Jan 5, 2024", "January 5 2024".
    static const QRegularExpression split(QStringLiteral(R"([\s.,/-]+)"));
    const QStringList parts = s.split(split, Qt::SkipEmptyParts);
    if (parts.size() == 3) {
        const auto isNum = [](const QString& p) {
            return !p.isEmpty() && p.size() <= 4
                && std::all_of(p.begin(), p.end(), [](QChar c) { return c.isDigit(); });
        };
        int mo = 0, d = 0, y = 0;
        QString yText;
        if (!isNum(parts[0]) && isNum(parts[1]) && isNum(parts[2])) {
            mo = monthFromName(parts[0]);
            d = parts[1].toInt();
            yText = parts[2];
        } else if (isNum(parts[0]) && !isNum(parts[1]) && isNum(parts[2])) {
            mo = monthFromName(parts[1]);
            if (parts[0].size() == 4) { // 2024-Jan-05
                yText = parts[0];
                d = parts[2].toInt();
            } else {
                d = parts[0].toInt();
                yText = parts[2];
            }
        }
        if (mo > 0 && !yText.isEmpty() && yText.size() != 3) {
            y = yText.size() <= 2 ? twoDigitYear(yText.toInt()) : yText.toInt();
            out.date = QDate(y, mo, d);
            if (out.date.isValid())
                return out;
        }
    }
    return invalid();
}

} // namespace

qint64 toUtcMs(const DateParts& parts, const QTimeZone& zone)
{
    if (!parts.time) // 12:00 UTC of the day
        return (parts.date.toJulianDay() - kJulianDayOfEpoch) * kDayMs + kDateOnlyTimeOfDayMs;
    if (parts.offsetSeconds)
        return QDateTime(parts.date, *parts.time, QTimeZone(*parts.offsetSeconds)).toMSecsSinceEpoch();
    return QDateTime(parts.date, *parts.time, zone.isValid() ? zone : QTimeZone::utc()).toMSecsSinceEpoch();
}

void DateEvidence::add(QStringView text)
{
    const QStringView trimmed = dateView(text);
    qsizetype space = trimmed.indexOf(QLatin1Char(' '));
    // A date joined to its time by a dash ("02/01/2025-08:14:22"): the date before it.
    if (const qsizetype colon = trimmed.indexOf(QLatin1Char(':')); space < 0 && colon > 3) {
        const qsizetype dash = trimmed.first(colon).lastIndexOf(QLatin1Char('-'));
        if (dash > 0 && numericDateShape(trimmed.first(dash)))
            space = dash;
    }
    NumericDate d;
    if (const std::optional<NumericDate> shape = numericDateShape(space < 0 ? trimmed : trimmed.first(space))) {
        d = *shape;
    } else {
        const QRegularExpressionMatch m = numericRe().match(trimmed.toString().section(QLatin1Char(' '), 0, 0));
        if (!m.hasMatch()) {
            // A day and month without the year ("15/01"): evidence of the order, no distance.
            const auto [a, b] = yearlessDayMonth(trimmed, DateOrder::DayMonthYear);
            const bool numeric = std::all_of(trimmed.begin(), trimmed.end(), [](QChar c) {
                return (c >= u'0' && c <= u'9') || c == u'/' || c == u'.' || c == u'-';
            });
            if (numeric && a > 0) {
                ++m_numeric;
                if (a > 12 && b <= 12)
                    ++m_dayFirst;
                else if (b > 12 && a <= 12)
                    ++m_monthFirst;
            }
            return;
        }
        d.a = m.captured(1).toInt(), d.b = m.captured(3).toInt(), d.c = m.captured(5).toInt();
        d.aDigits = int(m.captured(1).size());
        d.cDigits = int(m.captured(5).size());
        d.separator = m.captured(2).front().unicode();
    }
    ++m_numeric;
    if (d.aDigits == 4) {
        ++m_yearFirst;
        return;
    }
    if (d.a > 12 && d.b <= 12)
        ++m_dayFirst;
    else if (d.b > 12 && d.a <= 12)
        ++m_monthFirst;
    // Both readings of a date with '/' or '-' (nobody writes month first with dots), for the distance between
    // neighbouring dates (decide's tie-break).
    if (d.separator == u'.')
        return;
    const QDate dayFirst = numericDate(d, DateOrder::DayMonthYear);
    const QDate monthFirst = numericDate(d, DateOrder::MonthDayYear);
    if (dayFirst.isValid() && monthFirst.isValid()) {
        if (m_lastDayFirst != 0) {
            m_dayFirstGap += std::abs(dayFirst.toJulianDay() - m_lastDayFirst);
            m_monthFirstGap += std::abs(monthFirst.toJulianDay() - m_lastMonthFirst);
            ++m_gaps;
        }
        m_lastDayFirst = dayFirst.toJulianDay();
        m_lastMonthFirst = monthFirst.toJulianDay();
    }
}

std::optional<DateOrder> DateEvidence::closerReading() const
{
    // A statement lists its rows in date order, so the reading that puts neighbouring rows closer together is the
    // file's ("01/05/2024, 01/06/2024": a day apart as m/d, a month apart as d/m), when it is clearly closer: within a
    // month per neighbour on average, and less than half the other's.
    if (m_gaps == 0)
        return std::nullopt;
    const auto clearly = [this](qint64 gap, qint64 other) { return gap <= 31 * m_gaps && 2 * gap < other; };
    if (clearly(m_monthFirstGap, m_dayFirstGap))
        return DateOrder::MonthDayYear;
    if (clearly(m_dayFirstGap, m_monthFirstGap))
        return DateOrder::DayMonthYear;
    return std::nullopt;
}

bool DateEvidence::guessedFromDistances() const
{
    return !(m_numeric > 0 && m_yearFirst == m_numeric) && m_monthFirst == m_dayFirst && closerReading().has_value();
}

std::optional<DateOrder> DateEvidence::orderByDays() const
{
    if (m_dayFirst > m_monthFirst)
        return DateOrder::DayMonthYear;
    if (m_monthFirst > m_dayFirst)
        return DateOrder::MonthDayYear;
    return std::nullopt;
}

bool DateEvidence::undecided() const
{
    return m_numeric > 0 && m_yearFirst != m_numeric && m_monthFirst == m_dayFirst && !closerReading();
}

DateOrder DateEvidence::decide(DateOrder fallback) const
{
    if (m_numeric > 0 && m_yearFirst == m_numeric)
        return DateOrder::YearMonthDay;
    if (const std::optional<DateOrder> byDays = orderByDays())
        return *byDays;
    if (const std::optional<DateOrder> closer = closerReading())
        return *closer;
    return fallback;
}

QString DerivedIds::next(const ImportedRow& row)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    const QString key = row.accountRef + QChar(0x1F) + QString::number(row.bookedAtMs) + QChar(0x1F)
        + QString::number(row.amountMinor) + QChar(0x1F) + row.currency + QChar(0x1F) + row.description + QChar(0x1F)
        + row.counterparty;
    h.addData(key.toUtf8());
    const QByteArray base = h.result();
    quint64 tupleHash = 0;
    memcpy(&tupleHash, base.constData(), sizeof tupleHash);
    const int occurrence = m_seen[tupleHash]++;
    QCryptographicHash h2(QCryptographicHash::Sha256);
    h2.addData(base);
    h2.addData(QByteArray::number(occurrence));
    return QStringLiteral("lg1:") + QString::fromLatin1(h2.result().toHex().left(32));
}

QString ReferenceIds::next(const ImportedRow& row, const QString& reference)
{
    const qint64 day = row.bookedAtMs >= 0 ? row.bookedAtMs / kDayMs : (row.bookedAtMs + 1) / kDayMs - 1;
    // The date as QDate::toString(Qt::ISODate) writes it, without its formatting machinery (one call per row).
    const QDate date = QDate::fromJulianDay(kJulianDayOfEpoch + day);
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    QString id;
    if (y >= 1000 && y <= 9999) {
        id.reserve(reference.size() + 32);
        id += reference;
        const char16_t text[] = {u' ',
                                 char16_t(u'0' + y / 1000),
                                 char16_t(u'0' + y / 100 % 10),
                                 char16_t(u'0' + y / 10 % 10),
                                 char16_t(u'0' + y % 10),
                                 u'-',
                                 char16_t(u'0' + m / 10),
                                 char16_t(u'0' + m % 10),
                                 u'-',
                                 char16_t(u'0' + d / 10),
                                 char16_t(u'0' + d % 10),
                                 u' '};
        id += QStringView(text, std::size(text));
        id += QString::number(row.amountMinor);
    } else {
        id = reference + u' ' + date.toString(Qt::ISODate) + u' ' + QString::number(row.amountMinor);
    }
    if (const int seen = m_seen[qHash(id)]++; seen > 0)
        id += QStringLiteral(" #%1").arg(seen + 1);
    return id;
}

QString decodeEntities(QStringView s)
{
    if (!s.contains(QLatin1Char('&')))
        return s.toString();
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] != QLatin1Char('&')) {
            out += s[i];
            continue;
        }
        const qsizetype semi = s.sliced(i, std::min<qsizetype>(12, s.size() - i)).indexOf(QLatin1Char(';')) + i;
        if (semi < i) {
            out += s[i];
            continue;
        }
        const QStringView ent = s.sliced(i + 1, semi - i - 1);
        QString rep;
        if (ent == u"amp")
            rep = QStringLiteral("&");
        else if (ent == u"lt")
            rep = QStringLiteral("<");
        else if (ent == u"gt")
            rep = QStringLiteral(">");
        else if (ent == u"quot")
            rep = QStringLiteral("\"");
        else if (ent == u"apos")
            rep = QStringLiteral("'");
        else if (ent.startsWith(u'#')) {
            bool ok = false;
            const uint cp = (ent.size() > 1 && (ent[1] == QLatin1Char('x') || ent[1] == QLatin1Char('X')))
                ? ent.sliced(2).toUInt(&ok, 16)
                : ent.sliced(1).toUInt(&ok, 10);
            if (ok && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                const char32_t c = cp;
                rep = QString::fromUcs4(&c, 1);
            }
        }
        if (rep.isEmpty()) {
            out += s[i];
            continue;
        }
        out += rep;
        i = semi;
    }
    return out;
}

} // namespace ledgerguard
