// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/TextDecoding.h"

#include <QStringDecoder>
#include <array>
#include <optional>

namespace ledgerguard {

namespace {

// Windows-1252 bytes 0x80..0xFF. The five bytes Microsoft leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to
// the C1 control code of the same value, as the WHATWG encoding standard does.
constexpr std::array<char16_t, 128> kWindows1252 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
    0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
    0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6,
    0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3,
    0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0,
    0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD,
    0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA,
    0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4,
    0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};

QString squeezed(const QString& name)
{
    QString out;
    for (QChar c : name.trimmed().toLower())
        if (c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char(' '))
            out += c;
    return out;
}

// Length of the UTF-8 sequence starting at s[i] if it is valid and complete (1..4); 0 if invalid; -1 if it is a
// valid prefix cut off by the end of the input.
int utf8SequenceAt(const uchar* s, qsizetype n, qsizetype i, char32_t* cp)
{
    const uchar b0 = s[i];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    int len = 0;
    char32_t c = 0;
    uchar lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        c = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;
        if (b0 == 0xED)
            hi = 0x9F; // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        c = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;
        if (b0 == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    for (int k = 1; k < len; ++k) {
        if (i + k >= n)
            return -1;
        const uchar b = s[i + k];
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
            return 0;
        c = (c << 6) | (b & 0x3F);
    }
    *cp = c;
    return len;
}

// True for Japanese text in Shift_JIS (Windows-932: MUFG's, Rakuten Bank's and most Japanese banks' CSV files): every
// byte above 0x7F is a half-width katakana or the lead byte of a JIS X 0208 character followed by a valid trail byte,
// with at least four such two-byte characters, one of them a hiragana or katakana (text in Windows-1252 has "é" or
// "’" before a letter read as a kanji, but no kana) or two runs of three half-width katakana (Rakuten Bank's payees:
// "振込 ｶ)ｻﾝﾌﾟﾙｼｮｳｼﾞ"), and the text decodes without a replacement character.
bool looksLikeShiftJis(QByteArrayView bytes, bool complete)
{
    const auto* s = reinterpret_cast<const uchar*>(bytes.data());
    const qsizetype n = bytes.size();
    int pairs = 0;
    int kana = 0;
    int halfWidthRuns = 0; // runs of three half-width katakana (0xA1-0xDF): "ｻﾝﾌﾟﾙ", rare in a Latin text
    int run = 0;
    qsizetype end = n;
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = s[i];
        if (c >= 0xA1 && c <= 0xDF) {
            if (++run == 3)
                ++halfWidthRuns;
            continue;
        }
        run = 0;
        if (c < 0x80)
            continue;
        if (!((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xEF)))
            return false;
        if (i + 1 == n) {
            if (complete)
                return false;
            end = i;
            break;
        }
        const uchar t = s[i + 1];
        if (t < 0x40 || t == 0x7F || t > 0xFC)
            return false;
        ++pairs;
        // Hiragana (0x829F-0x82F1) and katakana (0x8340-0x8396): in Windows-1252 "‚" or "ƒ" before a letter.
        if ((c == 0x82 && t >= 0x9F && t <= 0xF1) || (c == 0x83 && t >= 0x40 && t <= 0x96))
            ++kana;
        ++i;
    }
    if (pairs < 4 || (kana == 0 && halfWidthRuns < 2))
        return false;
    QStringDecoder decoder("Shift_JIS");
    if (!decoder.isValid())
        return false;
    const QString text = decoder.decode(bytes.first(end));
    return !decoder.hasError() && !text.contains(QChar::ReplacementCharacter);
}

// Counts the two-byte characters of text in a double-byte encoding whose every byte from 0x80 up is a lead byte
// (0x81-0xFE) followed by a trail byte `trail` accepts: {characters, those `counted` accepts}; nullopt when a byte
// breaks that pattern (a lead byte at the end of a complete text too).
template<typename Trail, typename Counted>
std::optional<std::pair<int, int>> doubleByteCharacters(QByteArrayView bytes, bool complete, Trail trail,
                                                        Counted counted)
{
    const auto* s = reinterpret_cast<const uchar*>(bytes.data());
    const qsizetype n = bytes.size();
    std::pair<int, int> out {0, 0};
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = s[i];
        if (c < 0x80)
            continue;
        if (c == 0x80 || c == 0xFF)
            return std::nullopt;
        if (i + 1 == n) {
            if (complete)
                return std::nullopt;
            break;
        }
        const uchar t = s[i + 1];
        if (!trail(t))
            return std::nullopt;
        ++out.first;
        if (counted(c, t))
            ++out.second;
        ++i;
    }
    return out;
}

// True for Chinese text in GBK (Alipay's and Chinese banks' exports): every byte from 0x80 up begins a two-byte
// character (lead 0x81-0xFE, trail 0x40-0xFE but 0x7F) and at least four of them, nine in ten, are in GB2312's
// range of common characters (both bytes 0xA1-0xFE, lead at most 0xF7). Windows-125x text fails: an accented letter
// sits between ASCII ones, and a word of Cyrillic letters of odd length leaves a lead byte before ASCII.
bool looksLikeGbk(QByteArrayView bytes, bool complete)
{
    const auto chars = doubleByteCharacters(
        bytes, complete, [](uchar t) { return t >= 0x40 && t != 0x7F && t != 0xFF; },
        [](uchar c, uchar t) { return c >= 0xA1 && c <= 0xF7 && t >= 0xA1; });
    return chars && chars->first >= 4 && chars->second * 10 >= chars->first * 9 && QStringDecoder("GB18030").isValid();
}

// Korean text in EUC-KR or its extension CP949 (Korean banks' exports): every byte from 0x80 up begins a two-byte
// character (lead 0x81-0xFE, trail 0x41-0xFE) and at least six of them, nine in ten, are Hangul syllables of KS X 1001
// (lead 0xB0-0xC8, trail 0xA1-0xFE); GBK's Chinese spreads its leads up to 0xF7 (交易, 的, 中 lie above 0xC8).
// The name is the first of CP949 and EUC-KR that Qt's converters know; empty when neither or not Korean.
QString koreanEncoding(QByteArrayView bytes, bool complete)
{
    const auto chars = doubleByteCharacters(
        bytes, complete,
        [](uchar t) { return (t >= 0x41 && t <= 0x5A) || (t >= 0x61 && t <= 0x7A) || (t >= 0x81 && t != 0xFF); },
        [](uchar c, uchar t) { return c >= 0xB0 && c <= 0xC8 && t >= 0xA1; });
    if (!chars || chars->first < 6 || chars->second * 10 < chars->first * 9)
        return {};
    for (const char* name : {"CP949", "windows-949", "EUC-KR"})
        if (QStringDecoder(name).isValid())
            return QString::fromLatin1(name);
    return {};
}

// Cyrillic (Windows-1251: Russian, Ukrainian, Bulgarian banks' exports) or Hebrew (Windows-1255: Israeli banks')
// text in a single-byte code page: its letters lie from 0xC0 up and are written in words, so at least four in five
// of the bytes above 0x7F stand in runs of three or more, and there are at least three such runs; Western text in
// Windows-1252 has its accented letters one at a time between ASCII ones. Hebrew when no byte is one Windows-1255
// leaves undefined (0xD9-0xDF, 0xFB, 0xFC, 0xFF: Cyrillic's Щ-Я, ы, ь, я) and no final letter (ך ם ן ף ץ: 0xEA,
// 0xED, 0xEF, 0xF3, 0xF5, Cyrillic's к н п у х) stands before another letter and every word has a letter of
// Hebrew's (a word in Cyrillic capitals has none); else Cyrillic. Hebrew's points and
// marks (0xC0-0xD8, the direction marks 0xFD, 0xFE) belong to its runs. The encoding's name, or empty when neither.
bool isAsciiLetter(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// True for Greek text in Windows-1253 rather than Cyrillic in Windows-1251 (Alpha Bank, Piraeus): of the letters
// from 0xC1 up, more are vowels read as Greek than read as Cyrillic (natural text is two fifths vowels in both; the
// other reading of either turns most of its vowels into consonants), and no byte undefined in Windows-1253 (0xD2,
// 0xFF: Cyrillic's Т and я).
bool greekRatherThanCyrillic(const uchar* s, qsizetype n)
{
    static const QByteArrayView greekVowels("\xC1\xC5\xC7\xC9\xCF\xD5\xD9\xDA\xDB\xDC\xDD\xDE\xDF\xE0\xE1\xE5\xE7\xE9"
                                            "\xEF\xF5\xF9\xFA\xFB\xFC\xFD\xFE\xA2\xB8\xB9\xBA\xBC\xBE\xBF");
    static const QByteArrayView cyrillicVowels("\xC0\xC5\xC8\xCE\xD3\xDB\xDD\xDE\xDF\xE0\xE5\xE8\xEE\xF3\xFB\xFD\xFE"
                                               "\xFF\xA8\xB8\xB2\xB3\xAA\xBA\xAF\xBF");
    qsizetype letters = 0, greek = 0, cyrillic = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = s[i];
        if (c == 0xD2 || c == 0xFF)
            return false;
        if (c < 0xC1 && !greekVowels.contains(char(c)))
            continue;
        ++letters;
        greek += greekVowels.contains(char(c)) ? 1 : 0;
        cyrillic += cyrillicVowels.contains(char(c)) ? 1 : 0;
    }
    return letters >= 10 && greek * 10 >= letters * 3 && greek >= cyrillic + letters / 10;
}

QString cyrillicOrHebrewEncoding(QByteArrayView bytes)
{
    const auto* s = reinterpret_cast<const uchar*>(bytes.data());
    const qsizetype n = bytes.size();
    // Cyrillic's Ё ё Є є І і Ї ї Ґ ґ lie below 0xC0.
    const auto letter = [](uchar c) {
        return c >= 0xC0 || c == 0xA8 || c == 0xB8 || c == 0xAA || c == 0xBA || c == 0xB2 || c == 0xB3 || c == 0xAF
            || c == 0xBF || c == 0xA5 || c == 0xB4;
    };
    const auto hebrewFinal = [](uchar c) { return c == 0xEA || c == 0xED || c == 0xEF || c == 0xF3 || c == 0xF5; };
    qsizetype high = 0, inRuns = 0, runs = 0;
    bool cyrillic = false;
    for (qsizetype i = 0; i < n;) {
        if (!letter(s[i])) {
            if (s[i] >= 0x80)
                ++high;
            ++i;
            continue;
        }
        qsizetype j = i;
        for (; j < n && letter(s[j]); ++j) {
            const uchar c = s[j];
            cyrillic = cyrillic || (c >= 0xD9 && c <= 0xDF) || c == 0xFB || c == 0xFC || c == 0xFF || c < 0xC0
                || (hebrewFinal(c) && j + 1 < n && s[j + 1] >= 0xE0 && s[j + 1] <= 0xFA);
        }
        high += j - i;
        if (j - i >= 3) {
            inRuns += j - i;
            ++runs;
            // A word of three letters or more without one of Hebrew's (0xE0-0xFA) is one in capitals ("ДАТА").
            cyrillic = cyrillic || std::none_of(s + i, s + j, [](uchar c) { return c >= 0xE0 && c <= 0xFA; });
        }
        i = j;
    }
    if (runs < 3 || inRuns * 5 < high * 4)
        return {};
    const char* name = !cyrillic ? "windows-1255" : greekRatherThanCyrillic(s, n) ? "windows-1253" : "windows-1251";
    return QStringDecoder(name).isValid() ? QString::fromLatin1(name) : QString();
}

} // namespace

bool isValidUtf8(QByteArrayView bytes, bool complete)
{
    const auto* s = reinterpret_cast<const uchar*>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const int len = utf8SequenceAt(s, n, i, &cp);
        if (len == 0)
            return false;
        if (len < 0)
            return !complete;
        i += len;
    }
    return true;
}

namespace {

// True when `bytes` are UTF-8 with some invalid bytes: at least as many valid multi-byte sequences as bytes that
// begin none. Text in a single-byte encoding has few valid sequences beside its invalid bytes (an accented letter of
// Windows-1252 before an ASCII one is invalid, "\xC3\xA9" would be "Ã©"); the pairs it has decode to letters of
// another script or to combining marks beside an ASCII letter (Windows-1250's "SPÓŁKA": "\xD3\xA3" is Cyrillic
// U+04E3), which do not count.
bool isMostlyUtf8(QByteArrayView bytes)
{
    const auto* s = reinterpret_cast<const uchar*>(bytes.data());
    const qsizetype n = bytes.size();
    const auto asciiLetter = [](uchar c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    qsizetype valid = 0, invalid = 0;
    for (qsizetype i = 0; i < n;) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const int len = utf8SequenceAt(s, n, i, &cp);
        if (len > 0) {
            const bool latin = (cp >= 0xA0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF);
            const bool besideAscii = (i > 0 && asciiLetter(s[i - 1])) || (i + len < n && asciiLetter(s[i + len]));
            if (len > 2 || latin || !besideAscii)
                ++valid;
            i += len;
        } else {
            ++invalid;
            ++i;
        }
    }
    return invalid > 0 && valid >= invalid;
}

} // namespace

Result<QString> canonicalEncodingName(const QString& name)
{
    const QString k = squeezed(name);
    if (k == u"utf8")
        return QStringLiteral("UTF-8");
    if (k == u"utf16" || k == u"unicode" || k == u"ucs2" || k == u"utf16le" || k == u"ucs2le")
        return QStringLiteral("UTF-16LE");
    if (k == u"utf16be" || k == u"ucs2be")
        return QStringLiteral("UTF-16BE");
    if (k == u"windows1252" || k == u"cp1252" || k == u"1252" || k == u"win1252" || k == u"xcp1252" || k == u"ansi"
        || k == u"mswindows1252")
        return QStringLiteral("Windows-1252");
    if (k == u"iso88591" || k == u"latin1" || k == u"l1" || k == u"88591" || k == u"usascii" || k == u"ascii"
        || k == u"cp819" || k == u"ibm819" || k == u"none")
        return QStringLiteral("ISO-8859-1");
    if (!name.trimmed().isEmpty()) {
        const QByteArray n = name.trimmed().toLatin1();
        QStringDecoder probe(n.constData());
        if (probe.isValid())
            return name.trimmed();
    }
    return Status::unsupported(QStringLiteral("the text encoding \"%1\" is not supported").arg(name.trimmed()));
}

Result<EncodingChoice> chooseEncoding(QByteArrayView head, bool headIsWholeFile, const QString& overrideName,
                                      const QString& declaredName)
{
    const auto* s = reinterpret_cast<const uchar*>(head.data());
    const qsizetype n = head.size();
    int bom = 0;
    QString bomEncoding;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        bom = 3;
        bomEncoding = QStringLiteral("UTF-8");
    } else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        bom = 2;
        bomEncoding = QStringLiteral("UTF-16LE");
    } else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        bom = 2;
        bomEncoding = QStringLiteral("UTF-16BE");
    }
    if (!overrideName.trimmed().isEmpty()) {
        const Result<QString> name = canonicalEncodingName(overrideName);
        if (!name)
            return name.status();
        // A mark that agrees with the override is still not text.
        return EncodingChoice {*name, *name == bomEncoding ? bom : 0};
    }
    if (bom > 0)
        return EncodingChoice {bomEncoding, bom};
    if (!declaredName.trimmed().isEmpty()) {
        const Result<QString> name = canonicalEncodingName(declaredName);
        if (!name)
            return name.status();
        // A file that declares a single-byte Western encoding but whose bytes above 0x7F are all valid UTF-8 sequences
        // (Banco do Brasil's OFX: CHARSET:1252 over a UTF-8 body) is UTF-8: Windows-1252 text almost never is.
        if ((*name == u"Windows-1252" || *name == u"ISO-8859-1")
            && std::any_of(s, s + n, [](uchar c) { return c >= 0x80; }) && isValidUtf8(head, headIsWholeFile))
            return EncodingChoice {QStringLiteral("UTF-8"), 0};
        // A UTF-16 declaration over bytes without a zero (ofxgo's OFX 2 samples: encoding="utf-16" in ASCII): the
        // declaration was read as single bytes, so the text is not UTF-16; detected below.
        if (!((*name == u"UTF-16LE" || *name == u"UTF-16BE") && std::find(s, s + n, uchar(0)) == s + n))
            return EncodingChoice {*name, 0};
    }
    // UTF-16 without a mark: text in Latin script has a zero in every other byte.
    const qsizetype probe = std::min<qsizetype>(n & ~qsizetype(1), 4096);
    if (probe >= 4) {
        qsizetype zeroEven = 0, zeroOdd = 0;
        for (qsizetype i = 0; i < probe; ++i)
            if (s[i] == 0)
                ++((i % 2) ? zeroOdd : zeroEven);
        const qsizetype half = probe / 2;
        if (zeroOdd * 10 >= half * 7 && zeroEven * 10 <= half)
            return EncodingChoice {QStringLiteral("UTF-16LE"), 0};
        if (zeroEven * 10 >= half * 7 && zeroOdd * 10 <= half)
            return EncodingChoice {QStringLiteral("UTF-16BE"), 0};
    }
    if (isValidUtf8(head, headIsWholeFile))
        return EncodingChoice {QStringLiteral("UTF-8"), 0};
    // Excel for Mac's "CSV (Macintosh)": Mac Roman, its lines ended by CR alone, as the classic Mac OS ended them.
    if (std::find(s, s + n, uchar('\r')) != s + n && std::find(s, s + n, uchar('\n')) == s + n
        && std::any_of(s, s + n, [](uchar c) { return c >= 0x80; }) && QStringDecoder("macintosh").isValid())
        return EncodingChoice {QStringLiteral("macintosh"), 0};
    // Japanese text first: its two-byte characters hold bytes the test for Windows-1250 below would count.
    if (looksLikeShiftJis(head, headIsWholeFile))
        return EncodingChoice {QStringLiteral("Shift_JIS"), 0};
    if (QString korean = koreanEncoding(head, headIsWholeFile); !korean.isEmpty())
        return EncodingChoice {std::move(korean), 0};
    if (looksLikeGbk(head, headIsWholeFile))
        return EncodingChoice {QStringLiteral("GB18030"), 0};
    // Traditional Chinese in Big5 (Cathay United, CTBC): every byte above 0x7F a lead (0xA1-0xF9) with its trail
    // (0x40-0x7E, 0xA1-0xFE), at least one trail in ten below 0x7F (GBK's common characters have none there), and
    // four in five leads those of the frequent characters (0xA4-0xC6), and three in ten trails from 0xA1 up (an
    // accented capital before an ASCII letter, "ÅHLENS", "UŻYCIU", is no Big5 character).
    {
        qsizetype pairs = 0, lowTrails = 0, frequent = 0, highTrails = 0;
        bool big5 = true;
        for (qsizetype i = 0; i < n && big5;) {
            if (s[i] < 0x80) {
                ++i;
                continue;
            }
            if (i + 1 >= n) {
                big5 = !headIsWholeFile;
                break;
            }
            const uchar lead = s[i], trail = s[i + 1];
            big5 = lead >= 0xA1 && lead <= 0xF9
                && ((trail >= 0x40 && trail <= 0x7E) || (trail >= 0xA1 && trail <= 0xFE));
            ++pairs;
            lowTrails += trail <= 0x7E ? 1 : 0;
            highTrails += trail >= 0xA1 ? 1 : 0;
            frequent += lead >= 0xA4 && lead <= 0xC6 ? 1 : 0;
            i += 2;
        }
        if (big5 && pairs >= 4 && lowTrails * 10 >= pairs && highTrails * 10 >= pairs * 3 && frequent * 5 >= pairs * 4
            && QStringDecoder("Big5").isValid())
            return EncodingChoice {QStringLiteral("Big5"), 0};
    }
    // Thai in TIS-620 (Windows-874: SCB, Kasikornbank): a quarter or more of the bytes above 0x7F are Thai consonants
    // in 0xA1-0xBF (symbols in the other single-byte encodings), and tone marks and vowel signs (0xD1, 0xD4-0xD9,
    // 0xE7-0xEE) follow consonants (0xA1-0xCE).
    {
        qsizetype high = 0, consonants = 0, marks = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const uchar c = s[i];
            if (c < 0x80)
                continue;
            ++high;
            consonants += c >= 0xA1 && c <= 0xBF ? 1 : 0;
            if ((c == 0xD1 || (c >= 0xD4 && c <= 0xD9) || (c >= 0xE7 && c <= 0xEE)) && i > 0 && s[i - 1] >= 0xA1
                && s[i - 1] <= 0xCE)
                ++marks;
        }
        if (high >= 10 && consonants * 4 >= high && marks * 10 >= high && QStringDecoder("windows-874").isValid())
            return EncodingChoice {QStringLiteral("windows-874"), 0};
    }
    if (QString name = cyrillicOrHebrewEncoding(head); !name.isEmpty())
        return EncodingChoice {std::move(name), 0};
    // Baltic text in Windows-1257 (Citadele, Swedbank's Baltic banks): Latvian and Lithuanian vowels (ā, ē, ī, ū and
    // their capitals: Windows-1252's â, ç, î, û; not ė, whose byte is Dutch and French ë, nor š and ž, whose bytes are
    // Icelandic's ð and þ and Croatian's đ, nor ķ, ģ, ņ, č, whose bytes are Czech and Slovak letters in Windows-1250)
    // between two ASCII letters, three or more, in a text without the letters only Western languages write (å, é, ê, ô,
    // ñ, ã, ó, ú, ä, ö, ü, Turkish ı) and without Windows-1250's š and ž; or Estonian: š or ž (Windows-1252's ð, þ)
    // beside a letter in a text with ä or õ and without á, é, í, ó, ú, ý.
    {
        static const QByteArrayView balticLetters("\xE2\xE7\xEE\xFB\xC2\xC7\xCE\xDB");
        static const QByteArrayView westernLetters("\xE5\xE9\xF1\xE3\xF3\xFA\xE4\xF6\xFC\xFD\xEA\xC5\xC9\xD1\xC3\xD3"
                                                   "\xDA\xC4\xD6\xDC\xDD\xCA\xD4\xF4\x8A\x8E\x9A\x9E");
        const bool western = std::any_of(s, s + n, [](uchar c) { return westernLetters.contains(char(c)); });
        qsizetype baltic = 0;
        for (qsizetype i = 1; i + 1 < n && !western; ++i)
            if (balticLetters.contains(char(s[i])) && isAsciiLetter(s[i - 1]) && isAsciiLetter(s[i + 1]))
                ++baltic;
        const bool estonianVowels = std::any_of(s, s + n, [](uchar c) { return c == 0xE4 || c == 0xF5; });
        const bool icelandic = std::any_of(s, s + n, [](uchar c) {
            return c == 0xE1 || c == 0xE9 || c == 0xED || c == 0xF3 || c == 0xFA || c == 0xFD;
        });
        qsizetype estonian = 0;
        for (qsizetype i = 1; i < n && estonianVowels && !icelandic; ++i)
            if ((s[i] == 0xF0 || s[i] == 0xFE || s[i] == 0xD0 || s[i] == 0xDE)
                && (isAsciiLetter(s[i - 1]) || (i + 1 < n && isAsciiLetter(s[i + 1]))))
                ++estonian;
        if ((baltic >= 3 || estonian >= 1) && QStringDecoder("windows-1257").isValid())
            return EncodingChoice {QStringLiteral("windows-1257"), 0};
    }
    // Turkish (Windows-1254: İş Bankası, Garanti): ı, ş, ğ, İ, Ş, Ğ (Windows-1252's ý, þ, ð, Ý, Þ, Ð) beside letters,
    // at least twice, in a text without the á, é, í, ó, ú, æ that Icelandic (þ, ð, ý) writes beside them.
    {
        const auto turkish
            = [](uchar c) { return c == 0xFD || c == 0xFE || c == 0xF0 || c == 0xDD || c == 0xDE || c == 0xD0; };
        const auto asciiLetter = [](uchar c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
        // Also not with Windows-1250's š, ž, č (Croatian writes đ, Windows-1254's ğ, too).
        const bool icelandic = std::any_of(s, s + n, [](uchar c) {
            return c == 0xE1 || c == 0xE9 || c == 0xED || c == 0xF3 || c == 0xFA || c == 0xE6 || c == 0xC1 || c == 0xC9
                || c == 0xCD || c == 0xD3 || c == 0xDA || c == 0xC6 || c == 0x8A || c == 0x9A || c == 0x8E || c == 0x9E
                || c == 0xE8;
        });
        int signs = 0;
        for (qsizetype i = 0; i < n && !icelandic && signs < 2; ++i)
            if (turkish(s[i]) && ((i > 0 && asciiLetter(s[i - 1])) || (i + 1 < n && asciiLetter(s[i + 1]))))
                ++signs;
        if (signs >= 2 && QStringDecoder("windows-1254").isValid())
            return EncodingChoice {QStringLiteral("windows-1254"), 0};
    }
    // Central European text (Polish, Czech banks' Windows-1250): bytes that are letters there (ł, ą, ż, Ą, Ż, Ź)
    // and symbols in Windows-1252 (³, ¹, ¿, ¥, ¯, undefined), found after a letter, where no such symbol stands
    // (but "m³": ³ counts only inside a word).
    // A letter before or after may be an accented one ("Szczegó³y", "SPÓ£DZIELNIA" as Windows-1252 shows them): the
    // bytes from 0xC0 up are letters in both encodings but for × and ÷. "£" counts only inside a word, as "³" does.
    const auto letter = [](uchar c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
    };
    // Czech and Slovak (Komerční banka, ČSOB): pairs that Windows-1252 shows as letters no Western language puts
    // together: č before á or í ("Èástka", "Èíslo"), ř before í, á or ě ("pøíkazce"), ú before č ("Protiúèet"), ě
    // inside a word ("mìna"; Italian's ì ends one), and ť, Ť (undefined in Windows-1252) after a letter. (Not ů, "ù":
    // Italian writes it after consonants too, "Perù", "menù", "Cantù".)
    const auto ascii = [](uchar c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const bool estonian = std::any_of(s, s + n, [](uchar c) { return c == 0xE4 || c == 0xC4; });
    int centralEuropean = 0;
    for (qsizetype i = 1; i < n && centralEuropean < 2; ++i) {
        const uchar c = s[i];
        const uchar before = s[i - 1];
        const uchar after = i + 1 < n ? s[i + 1] : 0;
        if ((c == 0xB3 || c == 0xB9 || c == 0xBF || c == 0xA5 || c == 0xAF || c == 0xA3) && letter(before)
            && ((c != 0xB3 && c != 0xA3) || letter(after)))
            ++centralEuropean;
        else if (c == 0x8F && ascii(before))
            ++centralEuropean;
        else if ((c == 0xE8 || c == 0xC8) && (after == 0xE1 || after == 0xED || after == 0xC1 || after == 0xCD))
            ++centralEuropean;
        else if ((c == 0xF8 || c == 0xD8) && letter(before) && (after == 0xED || after == 0xE1 || after == 0xEC))
            ++centralEuropean;
        else if ((c == 0xE8 || c == 0xC8) && (before == 0xFA || before == 0xDA))
            ++centralEuropean;
        else if (c == 0xEC && ascii(before) && ascii(after))
            ++centralEuropean;
        else if ((c == 0x9D || c == 0x8D) && letter(before))
            ++centralEuropean;
        // Hungarian ő and ű (Windows-1252's õ and û) after a letter, in a text without ä (Estonian writes õ in
        // Windows-1252's sense): not õ before a or e (Portuguese "operações", "põe") nor beside another õ (Estonian
        // "Rõõmu"), nor û after o, d, r, s or u (French "août", "dû", "crû", "sûr").
        else if ((c == 0xF5 || c == 0xD5) && letter(before) && !estonian && after != 'e' && after != 'a' && after != 'E'
                 && after != 'A' && after != 0xF5 && after != 0xD5 && before != 0xF5 && before != 0xD5)
            ++centralEuropean;
        else if ((c == 0xFB || c == 0xDB) && letter(before) && !estonian
                 && !QByteArrayView("oOdDrRsSuU").contains(char(before)))
            ++centralEuropean;
    }
    // Croatian, Slovenian, Serbian and Bosnian (Zagrebačka banka, NLB): č (Windows-1252's è; not ć, whose byte is
    // Danish and Norwegian æ) between two letters, in a text without the letters of the Western and Nordic languages
    // that write è or æ (à, ä, å, ç, é, ê, ñ, ò, ö, ø, ù, ü, á, í, ó, ú) and with a š or ž (the same bytes in both
    // encodings) or at least three of them.
    if (centralEuropean < 2) {
        const bool western = std::any_of(s, s + n, [](uchar c) {
            return QByteArrayView("\xE0\xE4\xE5\xE7\xE9\xEA\xF1\xF2\xF6\xF8\xF9\xFC\xE1\xED\xF3\xFA\xC0\xC4\xC5\xC7\xC9"
                                  "\xD1\xD6\xD8\xDC\xC1\xCD\xD3\xDA")
                .contains(char(c));
        });
        const bool caron
            = std::any_of(s, s + n, [](uchar c) { return c == 0x8A || c == 0x8E || c == 0x9A || c == 0x9E; });
        int southSlavic = 0;
        for (qsizetype i = 1; i + 1 < n && !western; ++i)
            if ((s[i] == 0xE8 || s[i] == 0xC8) && ascii(s[i - 1]) && ascii(s[i + 1]))
                ++southSlavic;
        if (southSlavic >= (caron ? 2 : 3))
            centralEuropean = 2;
    }
    if (centralEuropean >= 2) {
        // ISO-8859-2 (Pekao) rather than Windows-1250: Ą, Ś, Ź, ą, ś at ISO's places (0xA1, 0xA6, 0xAC, 0xB1, 0xB6:
        // symbols in Windows-1250, "¦WIˇTEK"; not ź at 0xBC, Windows-1250's Ľ) beside letters, and no letter at
        // Windows-1250's places of Ą, Ś, Ź, ą, ś, ź, Š, Ť, Ž, š, ť, ž (0xA5, 0x8C, 0x8F, 0xB9, 0x9C, 0x9F, 0x8A, 0x8D,
        // 0x8E, 0x9A, 0x9D, 0x9E).
        const bool windowsPlaces = std::any_of(s, s + n, [](uchar c) {
            return c == 0xA5 || c == 0x8C || c == 0x8F || c == 0xB9 || c == 0x9C || c == 0x9F || c == 0x8A || c == 0x8D
                || c == 0x8E || c == 0x9A || c == 0x9D || c == 0x9E;
        });
        qsizetype isoPlaces = 0;
        for (qsizetype i = 1; i + 1 < n && !windowsPlaces; ++i)
            if ((s[i] == 0xA1 || s[i] == 0xA6 || s[i] == 0xAC || s[i] == 0xB1 || s[i] == 0xB6)
                && (letter(s[i - 1]) || letter(s[i + 1])))
                ++isoPlaces;
        if (isoPlaces > 0 && QStringDecoder("ISO-8859-2").isValid())
            return EncodingChoice {QStringLiteral("ISO-8859-2"), 0};
        if (QStringDecoder("windows-1250").isValid())
            return EncodingChoice {QStringLiteral("windows-1250"), 0};
    }
    // UTF-8 with a stray invalid byte, where no other encoding's text was recognised above (Windows-1250's "ÓŁ" is a
    // valid UTF-8 pair): its invalid bytes become U+FFFD with a warning, its other letters stay.
    if (isMostlyUtf8(head))
        return EncodingChoice {QStringLiteral("UTF-8"), 0};
    return EncodingChoice {QStringLiteral("Windows-1252"), 0};
}

TextDecoder::TextDecoder(Kind kind, QString name)
    : m_kind(kind)
    , m_name(std::move(name))
{ }

TextDecoder::TextDecoder(TextDecoder&&) noexcept = default;
TextDecoder& TextDecoder::operator=(TextDecoder&&) noexcept = default;
TextDecoder::~TextDecoder() = default;

Result<TextDecoder> TextDecoder::create(const QString& encoding)
{
    const Result<QString> name = canonicalEncodingName(encoding);
    if (!name)
        return name.status();
    if (*name == u"UTF-8")
        return TextDecoder(Kind::Utf8, *name);
    if (*name == u"UTF-16LE")
        return TextDecoder(Kind::Utf16LE, *name);
    if (*name == u"UTF-16BE")
        return TextDecoder(Kind::Utf16BE, *name);
    if (*name == u"Windows-1252")
        return TextDecoder(Kind::Windows1252, *name);
    if (*name == u"ISO-8859-1")
        return TextDecoder(Kind::Latin1, *name);
    TextDecoder d(Kind::Qt, *name);
    const QByteArray n = name->toLatin1();
    d.m_qt = std::make_unique<QStringDecoder>(n.constData());
    if (!d.m_qt->isValid())
        return Status::unsupported(QStringLiteral("the text encoding \"%1\" is not supported").arg(*name));
    return d;
}

QString TextDecoder::encoding() const
{
    return (m_kind == Kind::Latin1 && m_sawC1) ? QStringLiteral("Windows-1252") : m_name;
}

void TextDecoder::lineBreak(char16_t c)
{
    if (c == u'\n') {
        if (!m_lastWasCr)
            ++m_line;
        m_lastWasCr = false;
    } else {
        ++m_line;
        m_lastWasCr = true;
    }
}

void TextDecoder::put(char16_t c, QString* out)
{
    if (c == u'\n' || c == u'\r')
        lineBreak(c);
    else
        m_lastWasCr = false;
    out->append(QChar(c));
}

void TextDecoder::invalid(QString* out)
{
    ++m_replacements;
    out->append(QChar(0xFFFD));
    m_lastWasCr = false;
    if (m_lastWarnedLine == m_line)
        return;
    m_lastWarnedLine = m_line;
    if (m_warnings.size() < kMaxImportIssues)
        m_warnings.append({m_line, 0, QStringLiteral("encoding"),
                           QStringLiteral("bytes that are not valid %1 were replaced by U+FFFD").arg(m_name)});
}

QString TextDecoder::decode(QByteArrayView chunk)
{
    QString out;
    QByteArray joined;
    QByteArrayView bytes = chunk;
    if (!m_pending.isEmpty()) {
        joined = m_pending + QByteArray(chunk.data(), chunk.size());
        m_pending.clear();
        bytes = joined;
    }
    const auto* s = reinterpret_cast<const uchar*>(bytes.data());
    const qsizetype n = bytes.size();
    out.reserve(n);
    switch (m_kind) {
    case Kind::Utf8: {
        qsizetype i = 0;
        while (i < n) {
            if (s[i] < 0x80) {
                // A run of ASCII bytes goes in at once; only its line breaks are looked at one by one.
                qsizetype end = i;
                while (end < n && s[end] < 0x80) {
                    if (s[end] == '\n' || s[end] == '\r')
                        lineBreak(char16_t(s[end]));
                    else
                        m_lastWasCr = false;
                    ++end;
                }
                out.append(QLatin1StringView(reinterpret_cast<const char*>(s + i), end - i));
                i = end;
                continue;
            }
            char32_t cp = 0;
            const int len = utf8SequenceAt(s, n, i, &cp);
            if (len < 0) {
                m_pending = QByteArray(bytes.data() + i, n - i);
                break;
            }
            if (len == 0) {
                invalid(&out);
                ++i;
                continue;
            }
            if (cp >= 0x10000) {
                out.append(QChar::highSurrogate(cp));
                out.append(QChar::lowSurrogate(cp));
                m_lastWasCr = false;
            } else {
                put(char16_t(cp), &out);
            }
            i += len;
        }
        break;
    }
    case Kind::Utf16LE:
    case Kind::Utf16BE: {
        const bool le = m_kind == Kind::Utf16LE;
        qsizetype i = 0;
        while (i + 1 < n) {
            const char16_t u = le ? char16_t(s[i] | (s[i + 1] << 8)) : char16_t((s[i] << 8) | s[i + 1]);
            if (QChar::isHighSurrogate(u)) {
                if (i + 3 >= n) {
                    m_pending = QByteArray(bytes.data() + i, n - i);
                    return out;
                }
                const char16_t v = le ? char16_t(s[i + 2] | (s[i + 3] << 8)) : char16_t((s[i + 2] << 8) | s[i + 3]);
                if (QChar::isLowSurrogate(v)) {
                    out.append(QChar(u));
                    out.append(QChar(v));
                    m_lastWasCr = false;
                    i += 4;
                } else {
                    invalid(&out);
                    i += 2;
                }
                continue;
            }
            if (QChar::isLowSurrogate(u))
                invalid(&out);
            else
                put(u, &out);
            i += 2;
        }
        if (i < n)
            m_pending = QByteArray(bytes.data() + i, n - i);
        break;
    }
    case Kind::Windows1252:
    case Kind::Latin1:
        for (qsizetype i = 0; i < n; ++i) {
            const uchar b = s[i];
            if (b < 0x80) {
                put(b, &out);
            } else {
                if (b < 0xA0)
                    m_sawC1 = true;
                put(kWindows1252[b - 0x80], &out);
            }
        }
        break;
    case Kind::Qt: {
        const QString text = m_qt->decode(bytes);
        const bool bad = m_qt->hasError();
        for (QChar c : text) {
            if (c.unicode() == 0xFFFD && bad)
                invalid(&out);
            else
                put(c.unicode(), &out);
        }
        break;
    }
    }
    return out;
}

QString TextDecoder::finish()
{
    QString out;
    if (!m_pending.isEmpty()) {
        m_pending.clear();
        invalid(&out);
    }
    return out;
}

Result<DecodedText> decodeText(QByteArrayView bytes, const QString& overrideName, const QString& declaredName)
{
    const Result<EncodingChoice> choice = chooseEncoding(bytes, true, overrideName, declaredName);
    if (!choice)
        return choice.status();
    Result<TextDecoder> decoder = TextDecoder::create(choice->encoding);
    if (!decoder)
        return decoder.status();
    DecodedText out;
    out.text = decoder->decode(bytes.sliced(choice->bomLength));
    out.text += decoder->finish();
    out.encoding = decoder->encoding();
    out.warnings = decoder->warnings();
    if (decoder->replacementCount() > 0 && out.warnings.size() >= kMaxImportIssues)
        out.warnings.append({0, 0, QStringLiteral("encoding"),
                             QStringLiteral("%1 invalid byte sequences in all").arg(decoder->replacementCount())});
    return out;
}

} // namespace ledgerguard
