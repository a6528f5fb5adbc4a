// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Text.h"

#include <algorithm>

namespace ledgerguard {

namespace {

enum class Problem { None, Control, Bidi, LoneSurrogate, Noncharacter };

Problem problemOf(char32_t c, TextKind kind)
{
    if (c < 0x20) {
        const bool lineText = c == u'\t' || c == u'\n' || c == u'\r';
        return kind == TextKind::MultiLine && lineText ? Problem::None : Problem::Control;
    }
    if (c >= 0x7F && c <= 0x9F)
        return Problem::Control;
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return Problem::Bidi;
    if (c >= 0xD800 && c <= 0xDFFF)
        return Problem::LoneSurrogate; // a paired surrogate arrives here combined into one code point
    if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
        return Problem::Noncharacter;
    return Problem::None;
}

// Spaces, zero-width and other format characters, and the blanks that render as nothing.
bool isInvisible(char32_t c)
{
    if (QChar::isSpace(c))
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Format:
    case QChar::Other_Control:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        break;
    }
    return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
}

// Calls f(code point, problem) for every code point of `text`; stops when f returns false.
template<typename F> void forEachCodePoint(QStringView text, TextKind kind, F&& f)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < n && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i].unicode(), text[i + 1].unicode());
            ++i;
        }
        if (!f(c, problemOf(c, kind)))
            return;
    }
}

void appendCodePoint(QString& out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

QString codePointName(char32_t c)
{
    return QStringLiteral("U+") + QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

} // namespace

Status checkText(QStringView text, const QString& field, TextKind kind)
{
    Problem found = Problem::None;
    char32_t at = 0;
    qsizetype position = 0;
    bool visible = false;
    forEachCodePoint(text, kind, [&](char32_t c, Problem p) {
        ++position;
        if (p != Problem::None) {
            found = p;
            at = c;
            return false;
        }
        visible = visible || !isInvisible(c);
        return true;
    });
    const QString where = QStringLiteral("%1 at position %2").arg(codePointName(at)).arg(position);
    switch (found) {
    case Problem::Control:
        return Status::invalidArgument(field, QStringLiteral("contains the control character %1").arg(where));
    case Problem::Bidi:
        return Status::invalidArgument(
            field,
            QStringLiteral("contains the bidirectional control %1 (it can make text read differently)").arg(where));
    case Problem::LoneSurrogate:
        return Status::invalidArgument(field, QStringLiteral("is not valid Unicode (a lone surrogate %1)").arg(where));
    case Problem::Noncharacter:
        return Status::invalidArgument(field, QStringLiteral("contains the noncharacter %1").arg(where));
    case Problem::None:
        break;
    }
    if (!visible && !text.trimmed().isEmpty())
        return Status::invalidArgument(field, QStringLiteral("has no visible character"));
    return Status::ok();
}

bool isAcceptedText(QStringView text, TextKind kind)
{
    // Printable ASCII (the common case) has no problem and is visible or only spaces.
    if (std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7F; }))
        return true;
    bool accepted = true;
    bool visible = false;
    forEachCodePoint(text, kind, [&](char32_t c, Problem p) {
        accepted = p == Problem::None;
        visible = visible || !isInvisible(c);
        return accepted;
    });
    return accepted && (visible || text.trimmed().isEmpty());
}

QString normalizedText(const QString& text, TextKind kind)
{
    QString out = text.trimmed();
    if (kind == TextKind::MultiLine && out.contains(QLatin1Char('\r'))) {
        out.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        out.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    }
    return out.normalized(QString::NormalizationForm_C);
}

Result<QString> cleanText(const QString& text, const QString& field, TextKind kind)
{
    if (Status s = checkText(text, field, kind); !s.isOk())
        return s;
    return normalizedText(text, kind);
}

QString sanitizedText(const QString& text, TextKind kind, int* changed)
{
    int count = 0;
    QString kept;
    if (isAcceptedText(text, kind)) {
        kept = text;
    } else {
        kept.reserve(text.size());
        bool visible = false;
        forEachCodePoint(text, kind, [&](char32_t c, Problem p) {
            if (p == Problem::None) {
                appendCodePoint(kept, c);
                visible = visible || !isInvisible(c);
            } else {
                ++count;
                if (p == Problem::Control)
                    kept.append(QLatin1Char(' '));
            }
            return true;
        });
        if (!visible) {
            count += int(std::count_if(kept.cbegin(), kept.cend(), [](QChar c) { return !c.isSpace(); }));
            kept.clear();
        }
    }
    if (changed)
        *changed = count;
    return normalizedText(kept, kind);
}

} // namespace ledgerguard
