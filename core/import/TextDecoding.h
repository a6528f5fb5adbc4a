// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>

class QStringDecoder;

namespace ledgerguard {

// Text decoding for statement files, independent of ICU for the encodings banks use.
//
// Which encoding is used, in this order:
//  1. an explicit override by name (ImportOptions::encoding);
//  2. a byte order mark: UTF-8 (EF BB BF), UTF-16LE (FF FE), UTF-16BE (FE FF); the mark is not part of the text;
//  3. the encoding the file declares (OFX CHARSET, XML encoding="...");
//  4. detection: UTF-16 without a mark when every other byte of the head is zero, else UTF-8 when the bytes are
//     valid UTF-8 (plain ASCII included), else the East Asian and other encodings chooseEncoding recognises, else
//     UTF-8 where the bytes hold at least as many valid UTF-8 sequences as invalid bytes (which become U+FFFD), else
//     Windows-1252.
// Built in (own tables, no ICU): UTF-8, UTF-16LE, UTF-16BE, Windows-1252, ISO-8859-1. ISO-8859-1 is decoded as
// Windows-1252 (identical except 0x80-0x9F, which ISO-8859-1 uses for control codes no text file contains), and the
// reported encoding becomes "Windows-1252" once such a byte is seen. Any other name is handed to QStringDecoder
// (with whatever Qt offers on the platform); a name neither knows is Status::unsupported naming the encoding.
// Bytes that are invalid in the encoding become U+FFFD with one warning per affected line (field "encoding").

// The canonical name of an encoding name as written in files and options ("utf8", "cp1252", "1252", "latin1",
// "ISO_8859-1", "UNICODE", "US-ASCII"): "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252", "ISO-8859-1", or the
// name itself when QStringDecoder knows it. "UTF-16" / "UNICODE" without a byte order is "UTF-16LE".
// Unsupported: Status::unsupported("... encoding \"X\" ...").
Result<QString> canonicalEncodingName(const QString& name);

// The encoding chosen for a file whose first bytes are `head` (the whole file when headIsWholeFile) and the number
// of byte-order-mark bytes to skip.
struct EncodingChoice
{
    QString encoding;
    int bomLength = 0;
};
Result<EncodingChoice> chooseEncoding(QByteArrayView head, bool headIsWholeFile, const QString& overrideName = {},
                                      const QString& declaredName = {});

// True when `bytes` are valid UTF-8; an incomplete sequence at the very end counts as valid when !complete.
bool isValidUtf8(QByteArrayView bytes, bool complete = true);

// An incremental decoder: decode() takes consecutive chunks (a multi-byte sequence may be split across chunks),
// finish() flushes an incomplete sequence at the end of the input as U+FFFD. Tracks physical lines (LF, CR, CRLF)
// to name them in its warnings. Move-only.
class TextDecoder
{
public:
    // `encoding` is any name canonicalEncodingName() accepts.
    static Result<TextDecoder> create(const QString& encoding);

    TextDecoder(TextDecoder&&) noexcept;
    TextDecoder& operator=(TextDecoder&&) noexcept;
    ~TextDecoder();

    QString decode(QByteArrayView bytes);
    QString finish();

    // The canonical encoding name; "Windows-1252" once an ISO-8859-1 input showed a byte in 0x80-0x9F.
    QString encoding() const;
    // Invalid-byte warnings so far (at most kMaxImportIssues) and how many sequences were replaced in total.
    const QList<ImportIssue>& warnings() const { return m_warnings; }
    qint64 replacementCount() const { return m_replacements; }

private:
    enum class Kind { Utf8, Utf16LE, Utf16BE, Windows1252, Latin1, Qt };
    TextDecoder(Kind kind, QString name);

    void put(char16_t c, QString* out);
    void lineBreak(char16_t c); // counts a CR, LF or the LF of a CR LF as one line
    void invalid(QString* out);

    Kind m_kind;
    QString m_name;
    bool m_sawC1 = false;
    QByteArray m_pending;
    std::unique_ptr<QStringDecoder> m_qt;
    int m_line = 1;
    bool m_lastWasCr = false;
    int m_lastWarnedLine = 0;
    qint64 m_replacements = 0;
    QList<ImportIssue> m_warnings;
};

// A whole (bounded) file decoded at once.
struct DecodedText
{
    QString text;
    QString encoding;
    QList<ImportIssue> warnings;
};
Result<DecodedText> decodeText(QByteArrayView bytes, const QString& overrideName = {},
                               const QString& declaredName = {});

} // namespace ledgerguard
