// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QString>
#include <QStringView>

namespace ledgerguard {

// The one rule for text that people and files put into the ledger: account names, descriptions, counterparties,
// case notes and label notes, assignees and actors (docs/SECURITY.md, "Text"). A text is accepted when
//  - it is well-formed Unicode: no lone surrogate, no noncharacter (U+FDD0..U+FDEF and the last two code points of
//    every plane); U+FFFD, the mark an import leaves where a file's bytes were not valid in its encoding, is kept, so
//    that the analyst sees where text was lost;
//  - it has no control character (C0 U+0000..U+001F, DEL, C1 U+0080..U+009F), except tab and line feed in
//    TextKind::MultiLine fields (notes; a CR LF or a lone CR there counts as a line feed);
//  - it has no bidirectional embedding, override or isolate (U+202A..U+202E, U+2066..U+2069), which can make a
//    name or an amount read differently from what is stored; the marks U+200E, U+200F and U+061C are allowed;
//  - it is empty after trimming, or has at least one visible character (not only spaces, zero-width and other
//    format characters, or Hangul and Braille blanks).
// The stored form of an accepted text is normalizedText(): trimmed and in Unicode Normalization Form C, so text
// that looks the same compares and searches the same. Pure functions; thread-safe.
enum class TextKind {
    SingleLine, // names, descriptions, counterparties, assignees, actors
    MultiLine, // notes
};

// Ok, or InvalidArgument(field) naming the first character refused and its 1-based position ("contains the
// control character U+0000 at position 3"). Checks `text` as given (trimming cannot make a text valid).
Status checkText(QStringView text, const QString& field, TextKind kind = TextKind::SingleLine);

// True when checkText would accept `text` (no message built; for bulk paths).
bool isAcceptedText(QStringView text, TextKind kind = TextKind::SingleLine);

// Trimmed, line ends folded to LF (MultiLine), NFC. Does not check.
QString normalizedText(const QString& text, TextKind kind = TextKind::SingleLine);

// checkText, then normalizedText.
Result<QString> cleanText(const QString& text, const QString& field, TextKind kind = TextKind::SingleLine);

// What importers store for a bank's text: every character checkText refuses is replaced (a control character by
// a space, anything else removed), then normalizedText. *changed (when not null) receives the number of
// characters replaced, removed or dropped. A result that has no visible character is empty (its characters count
// as dropped).
QString sanitizedText(const QString& text, TextKind kind = TextKind::SingleLine, int* changed = nullptr);

} // namespace ledgerguard
