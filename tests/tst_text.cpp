// SPDX-License-Identifier: GPL-3.0-or-later
// The text rule of util/Text.h: what is refused (with the field and the position), what is allowed, the stored form
// (trimmed, NFC) and what importers keep (sanitizedText); util/Json.h's compact JSON.
#include "util/Json.h"
#include "util/Plural.h"
#include "util/Text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <limits>

using namespace ledgerguard;

namespace {

QString u(std::initializer_list<char16_t> units)
{
    QString s;
    for (char16_t c : units)
        s.append(QChar(c));
    return s;
}

} // namespace

class TestText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refused_data();
    void refused();
    void accepted_data();
    void accepted();
    void storedFormIsNfc();
    void sanitized_data();
    void sanitized();
    void plurals_data();
    void plurals();
    void compactJsonReadsBackAsWritten();
};

void TestText::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("multiLine");
    QTest::addColumn<QString>("message"); // a part of the message
    QTest::addRow("NUL") << u({'a', 0x0000}) << false << "control character U+0000 at position 2";
    QTest::addRow("BEL") << u({0x0007}) << false << "control character U+0007 at position 1";
    QTest::addRow("ESC in a note") << u({'x', 0x001B, '[', '2', 'J'}) << true << "U+001B";
    QTest::addRow("DEL") << u({'a', 0x007F}) << false << "U+007F";
    QTest::addRow("C1 NEL") << u({'a', 0x0085, 'b'}) << false << "U+0085";
    QTest::addRow("C1 CSI") << u({0x009B}) << false << "U+009B";
    QTest::addRow("tab in a name") << u({'a', '\t', 'b'}) << false << "U+0009";
    QTest::addRow("line feed in a name") << u({'a', '\n', 'b'}) << false << "U+000A";
    QTest::addRow("RLO") << u({'I', 'n', 'v', 0x202E, '9', '1'}) << false
                         << "bidirectional control U+202E at position 4";
    QTest::addRow("LRE") << u({0x202A, 'x'}) << false << "U+202A";
    QTest::addRow("PDF") << u({'x', 0x202C}) << false << "U+202C";
    QTest::addRow("RLI") << u({'x', 0x2067, 'y'}) << false << "U+2067";
    QTest::addRow("PDI in a note") << u({'x', 0x2069}) << true << "U+2069";
    QTest::addRow("lone high surrogate") << u({'a', 0xD800}) << false << "lone surrogate U+D800 at position 2";
    QTest::addRow("lone low surrogate") << u({0xDC00, 'a'}) << false << "U+DC00";
    QTest::addRow("reversed pair") << u({0xDE00, 0xD83D}) << false << "U+DE00";
    QTest::addRow("noncharacter FFFF") << u({'a', 0xFFFF}) << false << "noncharacter U+FFFF";
    QTest::addRow("noncharacter FDD0") << u({0xFDD0}) << false << "U+FDD0";
    QTest::addRow("noncharacter 1FFFE") << u({'a', 0xD83F, 0xDFFE}) << false << "U+1FFFE at position 2";
    QTest::addRow("zero-width only") << u({0x200B, 0x200B, 0x200B}) << false << "no visible character";
    QTest::addRow("zero-width and spaces")
        << u({' ', 0x200B, 0x00A0, 0xFEFF, 0x2060, ' '}) << false << "no visible character";
    QTest::addRow("joiners only") << u({0x200C, 0x200D}) << false << "no visible character";
    QTest::addRow("Hangul filler") << u({0x3164}) << false << "no visible character";
    QTest::addRow("ideographic space") << u({0x3000, 0x2800}) << true << "no visible character";
    QTest::addRow("marks only") << u({0x200E, 0x200F}) << false << "no visible character";
}

void TestText::refused()
{
    QFETCH(QString, text);
    QFETCH(bool, multiLine);
    QFETCH(QString, message);
    const TextKind kind = multiLine ? TextKind::MultiLine : TextKind::SingleLine;
    const Status s = checkText(text, QStringLiteral("description"), kind);
    QVERIFY(s.isInvalidArgument());
    QCOMPARE(s.field(), QStringLiteral("description"));
    QVERIFY2(s.message().contains(message), qPrintable(s.message()));
    QVERIFY(!isAcceptedText(text, kind));
    QVERIFY(!cleanText(text, QStringLiteral("description"), kind));
}

void TestText::accepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("multiLine");
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("spaces") << QStringLiteral("   ") << false;
    QTest::addRow("ASCII") << QStringLiteral("Rent March 2026 / INV-42") << false;
    QTest::addRow("German") << QStringLiteral("Überweisung Müller GmbH") << false;
    QTest::addRow("Hebrew with RLM") << u({0x05E9, 0x05DC, 0x05D5, 0x05DD, 0x200F, ' ', '1', '2'}) << false;
    QTest::addRow("Arabic letter mark") << u({0x0645, 0x061C, '5'}) << false;
    QTest::addRow("emoji pair") << u({'O', 'K', ' ', 0xD83D, 0xDE00}) << false;
    QTest::addRow("ZWJ inside a word") << u({0x0915, 0x094D, 0x200D, 0x0937}) << false;
    QTest::addRow("soft hyphen inside a word") << u({'a', 0x00AD, 'b'}) << false;
    QTest::addRow("NBSP inside") << u({'1', 0x00A0, '0', '0', '0'}) << false;
    QTest::addRow("replacement character") << u({'C', 'a', 'f', 0xFFFD}) << false; // where an import lost bytes
    QTest::addRow("note with lines and tabs") << QStringLiteral("Called the bank.\n\tRef 12\r\nClosed") << true;
}

void TestText::accepted()
{
    QFETCH(QString, text);
    QFETCH(bool, multiLine);
    const TextKind kind = multiLine ? TextKind::MultiLine : TextKind::SingleLine;
    const Status s = checkText(text, QStringLiteral("note"), kind);
    QVERIFY2(s.isOk(), qPrintable(s.toString()));
    QVERIFY(isAcceptedText(text, kind));
    int changed = -1;
    QCOMPARE(sanitizedText(text, kind, &changed), normalizedText(text, kind));
    QCOMPARE(changed, 0);
}

void TestText::storedFormIsNfc()
{
    // "e" + COMBINING ACUTE becomes U+00E9; Hangul jamo compose; the result is trimmed.
    QCOMPARE(normalizedText(u({' ', 'C', 'a', 'f', 'e', 0x0301, ' '})), u({'C', 'a', 'f', 0x00E9}));
    QCOMPARE(normalizedText(u({0x1100, 0x1161})), u({0xAC00}));
    QCOMPARE(*cleanText(u({'A', 0x030A}), QStringLiteral("name")), u({0x00C5}));
    // Notes: CR LF and lone CR become LF.
    QCOMPARE(normalizedText(QStringLiteral("a\r\nb\rc"), TextKind::MultiLine), QStringLiteral("a\nb\nc"));
}

void TestText::sanitized_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("changed");
    QTest::addRow("control to space") << u({'a', 0x0000, 'b', '\t', 'c'}) << QStringLiteral("a b c") << 2;
    QTest::addRow("bidi removed") << u({'I', 'N', 'V', 0x202E, '1', '2', 0x202C}) << QStringLiteral("INV12") << 2;
    QTest::addRow("replacement kept") << u({'M', 0xFFFD, 'l', 'l', 'e', 'r'}) << u({'M', 0xFFFD, 'l', 'l', 'e', 'r'})
                                      << 0;
    QTest::addRow("lone surrogate removed") << u({'x', 0xD800, 'y'}) << QStringLiteral("xy") << 1;
    QTest::addRow("invisible only becomes empty") << u({0x200B, 0x202E, 0x200B}) << QString() << 3;
    QTest::addRow("NFC after") << u({0x0007, 'e', 0x0301}) << u({0x00E9}) << 1;
}

void TestText::sanitized()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(int, changed);
    int got = -1;
    const QString out = sanitizedText(text, TextKind::SingleLine, &got);
    QCOMPARE(out, expected);
    QCOMPARE(got, changed);
    QVERIFY(checkText(out, QStringLiteral("description")).isOk());
}

void TestText::plurals_data()
{
    QTest::addColumn<qint64>("n");
    QTest::addColumn<QString>("expected");
    QTest::addRow("none") << qint64(0) << QStringLiteral("0 transactions in 0 accounts");
    QTest::addRow("one") << qint64(1) << QStringLiteral("1 transaction in 1 account");
    QTest::addRow("two") << qint64(2) << QStringLiteral("2 transactions in 2 accounts");
    QTest::addRow("grouped") << qint64(12345) << QStringLiteral("12,345 transactions in 12,345 accounts");
}

void TestText::plurals()
{
    QFETCH(qint64, n);
    QFETCH(QString, expected);
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QCOMPARE(plural(n, QStringLiteral("%n transaction in %n account"), QStringLiteral("%n transactions in %n accounts"),
                    english),
             expected);
    // Other placeholders are left for arg().
    QCOMPARE(plural(n, QStringLiteral("%n row, %1"), QStringLiteral("%n rows, %1"), QLocale::c()).arg(7),
             QStringLiteral("%1 %2, 7").arg(n).arg(n == 1 ? QStringLiteral("row") : QStringLiteral("rows")));
}

void TestText::compactJsonReadsBackAsWritten()
{
    // Every kind of value, and the texts and numbers a case's explanation holds: what compactJson writes reads back
    // (QJsonDocument::fromJson) as the same values, and for a case's usual features it is QJsonDocument's own text.
    QJsonObject features {{QStringLiteral("amount_z"), -3.160505427892393},
                          {QStringLiteral("burst_10m"), 18},
                          {QStringLiteral("category_rarity"), 0},
                          {QStringLiteral("log_amount"), 4.872904620630176},
                          {QStringLiteral("direction"), -1}};
    QCOMPARE(compactJson(features), QJsonDocument(features).toJson(QJsonDocument::Compact));
    const QJsonArray explanation {
        QJsonObject {{QStringLiteral("text"), QStringLiteral("test \"Benford's law\" raises the score: 44.4 % \\ x")},
                     {QStringLiteral("contribution"), 0.15759113271834405},
                     {QStringLiteral("value"), 1e-7}},
        QJsonObject {{QStringLiteral("text"), u({u'B', 0xE4, u'c', u'k', 0xD83D, 0xDE00, u'\n', u'\t', 0x01, 0x1F})},
                     {QStringLiteral("typical"), 1e20},
                     {QStringLiteral("huge"), 1e300},
                     {QStringLiteral("big"), qint64(9007199254740993LL)},
                     {QStringLiteral("min"), std::numeric_limits<qint64>::min() + 1},
                     {QStringLiteral("half"), -0.5}},
        true,
        false,
        QJsonValue(),
        QJsonArray {},
        QJsonObject {},
        QString(),
    };
    for (const QJsonValue& value : {QJsonValue(features), QJsonValue(explanation)}) {
        const QByteArray text = compactJson(value);
        QJsonParseError error;
        const QJsonDocument back = QJsonDocument::fromJson(text, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + u' ' + text));
        QCOMPARE(back.isObject() ? QJsonValue(back.object()) : QJsonValue(back.array()), value);
    }
    // Not a number is null, as QJsonDocument writes it; a lone surrogate becomes U+FFFD.
    QCOMPARE(compactJson(QJsonArray {std::numeric_limits<double>::quiet_NaN()}), QByteArray("[null]"));
    QCOMPARE(compactJson(QJsonValue(u({u'a', 0xD800, u'b'}))),
             QByteArray("\"a\xEF\xBF\xBD"
                        "b\""));
}

QTEST_GUILESS_MAIN(TestText)
#include "tst_text.moc"
