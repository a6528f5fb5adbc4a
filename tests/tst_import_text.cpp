// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportOptionText.h"
#include "import/TextDecoding.h"

#include <QStringEncoder>
#include <QTest>

using namespace ledgerguard;

class TestImportText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void utf8WithAndWithoutBom();
    void utf16WithBom();
    void utf16WithoutBomIsDetected();
    void windows1252Table();
    void latin1BecomesWindows1252OnC1Bytes();
    void detectionFallsBackToWindows1252();
    void invalidBytesBecomeReplacementWithLineWarning();
    void incrementalSplitsSequences();
    void overrideAndUnknownEncoding();
    void canonicalNames();
    void optionMentionsAreReworded();
};

void TestImportText::utf8WithAndWithoutBom()
{
    const QByteArray plain = QByteArrayLiteral("Betrag;Empf\xC3\xA4nger\n");
    auto a = decodeText(plain);
    QVERIFY(a);
    QCOMPARE(a->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(a->text, QStringLiteral("Betrag;Empfänger\n"));
    auto b = decodeText(QByteArray(QByteArrayLiteral("\xEF\xBB\xBF") + plain));
    QVERIFY(b);
    QCOMPARE(b->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(b->text, a->text); // the mark is not text
    QVERIFY(b->warnings.isEmpty());
    // Four-byte sequences become surrogate pairs.
    auto c = decodeText(QByteArrayLiteral("\xF0\x9F\x92\xB6"));
    QVERIFY(c);
    QCOMPARE(c->text, QString::fromUtf8("\xF0\x9F\x92\xB6"));
}

void TestImportText::utf16WithBom()
{
    const QString text = QStringLiteral("Date\tMontant\r\n2024-01-05\t-12,50 €\r\n");
    QByteArray le("\xFF\xFE", 2), be("\xFE\xFF", 2);
    for (QChar c : text) {
        le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xFF));
    }
    auto a = decodeText(le);
    QVERIFY(a);
    QCOMPARE(a->encoding, QStringLiteral("UTF-16LE"));
    QCOMPARE(a->text, text);
    auto b = decodeText(be);
    QVERIFY(b);
    QCOMPARE(b->encoding, QStringLiteral("UTF-16BE"));
    QCOMPARE(b->text, text);
    // A lone high surrogate at the end is replaced, not dropped silently.
    auto c = decodeText(QByteArray(le + QByteArray("\x3D\xD8", 2)));
    QVERIFY(c);
    QCOMPARE(c->text, text + QChar(0xFFFD));
    QCOMPARE(c->warnings.size(), 1);
    QCOMPARE(c->warnings[0].line, 3);
}

void TestImportText::utf16WithoutBomIsDetected()
{
    QByteArray le;
    for (char c : QByteArrayLiteral("Date,Amount\n2024-01-05,1.00\n"))
        if (c)
            le.append(c).append('\0');
    auto a = decodeText(le);
    QVERIFY(a);
    QCOMPARE(a->encoding, QStringLiteral("UTF-16LE"));
    QCOMPARE(a->text, QStringLiteral("Date,Amount\n2024-01-05,1.00\n"));
}

void TestImportText::windows1252Table()
{
    QByteArray all;
    for (int b = 0x80; b <= 0xFF; ++b)
        all.append(char(b));
    auto r = decodeText(all, QStringLiteral("cp1252"));
    QVERIFY(r);
    QCOMPARE(r->encoding, QStringLiteral("Windows-1252"));
    QCOMPARE(r->text.size(), 128);
    QCOMPARE(r->text[0x80 - 0x80].unicode(), 0x20AC); // euro sign
    QCOMPARE(r->text[0x85 - 0x80].unicode(), 0x2026); // ellipsis
    QCOMPARE(r->text[0x8A - 0x80].unicode(), 0x0160); // S caron
    QCOMPARE(r->text[0x96 - 0x80].unicode(), 0x2013); // en dash
    QCOMPARE(r->text[0x9F - 0x80].unicode(), 0x0178); // Y diaeresis
    QCOMPARE(r->text[0x81 - 0x80].unicode(), 0x0081); // undefined: the C1 code
    for (int b = 0xA0; b <= 0xFF; ++b)
        QCOMPARE(r->text[b - 0x80].unicode(), b);
}

void TestImportText::latin1BecomesWindows1252OnC1Bytes()
{
    auto plain = decodeText(QByteArrayLiteral("Empf\xE4nger"), {}, QStringLiteral("ISO-8859-1"));
    QVERIFY(plain);
    QCOMPARE(plain->encoding, QStringLiteral("ISO-8859-1"));
    QCOMPARE(plain->text, QStringLiteral("Empfänger"));
    auto c1 = decodeText(QByteArrayLiteral("12,00 \x80 \x93quoted\x94"), {}, QStringLiteral("latin1"));
    QVERIFY(c1);
    QCOMPARE(c1->encoding, QStringLiteral("Windows-1252"));
    QCOMPARE(c1->text, QStringLiteral("12,00 € “quoted”"));
}

void TestImportText::detectionFallsBackToWindows1252()
{
    auto r = decodeText(QByteArrayLiteral("Buchungstag;Empf\xE4nger;Betrag\n01.02.2024;M\xFCller;-5,00 \x80\n"));
    QVERIFY(r);
    QCOMPARE(r->encoding, QStringLiteral("Windows-1252"));
    QCOMPARE(r->text, QStringLiteral("Buchungstag;Empfänger;Betrag\n01.02.2024;Müller;-5,00 €\n"));
    QVERIFY(r->warnings.isEmpty());
    // UTF-8 with a stray invalid byte stays UTF-8: the byte becomes U+FFFD with a warning naming its line, the other
    // letters keep their meaning.
    auto stray = decodeText(QByteArrayLiteral("Date,Description,Amount\n2024-02-01,Caf\xC3\xA9 ok,-5.00\n"
                                              "2024-02-02,Bad \xFF byte,-1.00\n"));
    QVERIFY(stray);
    QCOMPARE(stray->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(stray->text,
             QStringLiteral("Date,Description,Amount\n2024-02-01,Caf\u00e9 ok,-5.00\n"
                            "2024-02-02,Bad \uFFFD byte,-1.00\n"));
    QCOMPARE(stray->warnings.size(), 1);
    QCOMPARE(stray->warnings[0].line, 3);
    // ... but Windows-1250's capitals "ÓŁ" and "ÓŻ", which are valid UTF-8 pairs (Cyrillic letters), do not make a
    // Polish file UTF-8.
    auto polish = decodeText(QByteArrayLiteral("Data operacji;Tytu\xB3;Kwota\n2024-01-05;CZYNSZ SP\xD3\xA3"
                                               "DZIELNIA MIESZKANIOWA;-450,00\n2024-01-06;PODR\xD3\xAF"
                                               "E SP\xD3\xA3KA AKCYJNA;-120,00\n"));
    QVERIFY(polish);
    QCOMPARE(polish->encoding.toLower(), QStringLiteral("windows-1250"));
    QVERIFY(polish->text.contains(QStringLiteral("SPÓŁDZIELNIA")));
    // Polish letters inside words (ł, ż) are Windows-1250's, not superscripts and inverted question marks.
    auto pl = decodeText(QByteArrayLiteral("Data operacji;Opis;Kwota\n01.02.2024;P\xB3\x61tno\x9c\xe6 kart\xb9;-5,00\n"
                                           "02.02.2024;Sp\xF3\xB3ka mo\xBF\x65;-1,00\n"));
    QVERIFY(pl);
    QCOMPARE(pl->encoding.toLower(), QStringLiteral("windows-1250"));
    QVERIFY2(pl->text.contains(QStringLiteral("Płatność kartą")), qPrintable(pl->text));
    QVERIFY2(pl->text.contains(QStringLiteral("Spółka może")), qPrintable(pl->text));
    // A Spanish question, a pound sign and cubic metres stay Windows-1252.
    auto es = decodeText(QByteArrayLiteral("Fecha;Concepto;Importe\n01.02.2024;\xBFPago? \xA3"
                                           "5;-5,00\n01.02.2024;Agua 3m\xB3;-2,00\n01.03.2024;Agua 4m\xB3;-2,00\n"));
    QVERIFY(es);
    QCOMPARE(es->encoding, QStringLiteral("Windows-1252"));
    // Czech (Komerční banka) has none of those bytes: č before á, ř before í, ú before č, ě inside a word, ů after a
    // consonant. Each kind alone, in a header and a row, decides it.
    const QList<QByteArray> czech {
        QByteArrayLiteral("Datum;\xC8\xE1stka;Popis\n01.02.2024;-5,00;\xC8\xEDslo 5\n"), // Částka, Číslo
        QByteArrayLiteral("Datum;Popis p\xF8\xEDkazce;Castka\n01.02.2024;T\xF8\xED kusy;-5,00\n"), // příkazce, Tří
        QByteArrayLiteral("Datum;Proti\xFA\xE8"
                          "et;Castka\n01.02.2024;\xFA\xE8"
                          "et 5;-5,00\n"), // Protiúčet, účet
        QByteArrayLiteral("Datum;Castka;Origin\xE1ln\xED m\xECna\n01.02.2024;-5,00;v\xEC"
                          "c\n"), // měna, věc
        QByteArrayLiteral("Datum;\xC8\xEDslo;Castka\n01.02.2024;\xE8\xEDslo 5;-5,00\n"), // Číslo, číslo
    };
    for (const QByteArray& bytes : czech) {
        auto cz = decodeText(bytes);
        QVERIFY(cz);
        QVERIFY2(cz->encoding.toLower() == QStringLiteral("windows-1250"), bytes.constData());
    }
    auto kb = decodeText(QByteArrayLiteral(
        "\"\xC8\xEDslo \xFA\xE8tu\";\"123\";\n\"Po\xE8\xE1te\xE8n\xED z\xF9statek\";\"25000,00\";\n"));
    QVERIFY(kb);
    QCOMPARE(kb->text, QStringLiteral("\"Číslo účtu\";\"123\";\n\"Počáteční zůstatek\";\"25000,00\";\n"));
    // Danish, Norwegian, French, Italian and Portuguese text keeps Windows-1252: "Beløb", "Høiby", "Søeborg",
    // "très", "où", "così", "più", "lunedì", "Perù", "menù", "Cantù", "ações", "põe", "Chèque", "Père".
    auto west = decodeText(
        QByteArrayLiteral("Dato;Tekst;Bel\xF8"
                          "b\n01.02.2024;H\xF8iby S\xF8"
                          "eborg;-5,00\n"
                          "02.02.2024;tr\xE8s o\xF9 cos\xEC pi\xF9 luned\xEC Per\xF9 men\xF9 Cant\xF9;-1,00\n"
                          "03.02.2024;a\xE7\xF5"
                          "es p\xF5"
                          "e Ch\xE8que P\xE8re;-2,00\n"));
    QVERIFY(west);
    QCOMPARE(west->encoding, QStringLiteral("Windows-1252"));

    // Russian (Windows-1251), Hebrew (Windows-1255), Korean (CP949) and Hungarian (Windows-1250's ő, ű); Estonian
    // and French keep Windows-1252 ("Lõppsaldo", "août").
    // The encoder outlives its result (a converted QByteArray, not the view the call returns).
    const auto encoded = [](const char* encoding, const QString& text) {
        QStringEncoder encoder(encoding);
        return QByteArray(encoder(text));
    };
    const struct
    {
        const char* encoding;
        QString text;
        QString detected;
    } cases[] = {
        {"windows-1251", QStringLiteral("Дата операции;Сумма;Описание\n28.01.2025;-89,90;Кофе Хауз\n"),
         QStringLiteral("windows-1251")},
        {"windows-1255", QStringLiteral("תאריך,חובה,זכות,יתרה\n01/01/2025,245.60,,12154.40 שופרסל\n"),
         QStringLiteral("windows-1255")},
        // Hebrew's gershayim and a right-to-left mark; Russian in lower case without ы, ь, э, ю, я.
        {"windows-1255",
         QStringLiteral("תאריך,תיאור,חובה,זכות,יתרה בש״ח\n01/01/2025,\u200Fשופרסל\u200F,245.60,,12154.40\n"),
         QStringLiteral("windows-1255")},
        {"windows-1251", QStringLiteral("дата;сумма;описание\n28.01.2025;-89,90;кофе хауз\n"),
         QStringLiteral("windows-1251")},
        {"windows-1251", QStringLiteral("ДАТА;СУММА;ОПИСАНИЕ\n28.01.2025;-89,90;КОФЕ ХАУЗ\n"),
         QStringLiteral("windows-1251")},
        {"Windows-1252",
         QStringLiteral(
             "Date;Libellé;Montant\n01.08.2024;Capital restant dû;-5,00\n02.08.2024;Capital restant dû;-1,00\n"),
         QStringLiteral("windows-1252")},
        {"Windows-1252", QStringLiteral("Date;Text;Amount\n01.02.2024;Rõõmu Kohvik;-5,00\n"),
         QStringLiteral("windows-1252")},
        {"windows-1250",
         QStringLiteral(
             "Dátum;Partner neve;Összeg\n2025.01.06.;Kovács Győző;45 000\n2025.01.07.;Szűcs Ildikó;-1 000\n"),
         QStringLiteral("windows-1250")},
        {"Windows-1252",
         QStringLiteral("Kuupäev;Selgitus;Summa\n01.02.2024;Lõppsaldo;5,00\n02.02.2024;või kõik;-1,00\n"),
         QStringLiteral("windows-1252")},
        {"Windows-1252",
         QStringLiteral("Date;Libellé;Montant\n01.08.2024;Loyer août;-5,00\n02.08.2024;Coût goût;-1,00\n"),
         QStringLiteral("windows-1252")},
    };
    // Qt's encoders know no CP949: the bytes as a Korean bank writes them (a Qt without ICU decodes none either).
    if (QStringDecoder("CP949").isValid()) {
        auto korean = decodeText(QByteArrayLiteral(
            "\xB0\xC5\xB7\xA1\xC0\xCF\xC0\xDA,\xC0\xFB\xBF\xE4,\xC3\xE2\xB1\xDD(\xBF\xF8),\xC0\xD4\xB1\xDD(\xBF\xF8),"
            "\xB3\xBB"
            "\xBF\xEB,\xC0\xDC\xBE\xD7(\xBF\xF8)\n2025.01.03,\xC3\xBC\xC5\xA9\xC4\xAB\xB5\xE5,12800,0,"
            "\xBD\xBA\xC5\xB8\xB9"
            "\xF7\xBD\xBA \xB0\xAD\xB3\xB2\xC1\xA1,987200\n"));
        QVERIFY(korean);
        QCOMPARE(korean->encoding.toLower(), QStringLiteral("cp949"));
        QCOMPARE(
            korean->text,
            QStringLiteral(
                "거래일자,적요,출금(원),입금(원),내용,잔액(원)\n2025.01.03,체크카드,12800,0,스타벅스 강남점,987200\n"));
    }
    for (const auto& c : cases) {
        const QByteArray bytes = encoded(c.encoding, c.text);
        auto decoded = decodeText(bytes);
        QVERIFY(decoded);
        QVERIFY2(decoded->encoding.toLower() == c.detected, qPrintable(decoded->encoding + u' ' + c.text));
        QCOMPARE(decoded->text, c.text);
    }
}

void TestImportText::invalidBytesBecomeReplacementWithLineWarning()
{
    // Declared UTF-8, but line 3 holds a Latin-1 byte and line 4 an overlong encoding and a truncated sequence.
    const QByteArray bytes = QByteArrayLiteral("a\r\nb\r\nM\xFCller\nx\xC0\xAF y\xE2\x82");
    auto r = decodeText(bytes, {}, QStringLiteral("UTF-8"));
    QVERIFY(r);
    QCOMPARE(r->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(r->text, QStringLiteral("a\r\nb\r\nM\uFFFDller\nx\uFFFD\uFFFD y\uFFFD"));
    QCOMPARE(r->warnings.size(), 2); // one per affected line
    QCOMPARE(r->warnings[0].line, 3);
    QCOMPARE(r->warnings[1].line, 4);
    QCOMPARE(r->warnings[0].field, QStringLiteral("encoding"));
}

void TestImportText::incrementalSplitsSequences()
{
    const QByteArray bytes = QByteArrayLiteral("\xE2\x82\xAC 1\n\xF0\x9F\x92\xB6 2\n");
    for (int cut = 0; cut <= bytes.size(); ++cut) {
        auto d = TextDecoder::create(QStringLiteral("utf-8"));
        QVERIFY(d);
        QString out = d->decode(QByteArrayView(bytes).first(cut));
        out += d->decode(QByteArrayView(bytes).sliced(cut));
        out += d->finish();
        QCOMPARE(out, QString::fromUtf8(bytes));
        QVERIFY(d->warnings().isEmpty());
    }
    QByteArray le;
    for (QChar c : QStringLiteral("Zürich €"))
        le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
    for (int cut = 0; cut <= le.size(); ++cut) {
        auto d = TextDecoder::create(QStringLiteral("UTF-16LE"));
        QVERIFY(d);
        QString out = d->decode(QByteArrayView(le).first(cut));
        out += d->decode(QByteArrayView(le).sliced(cut));
        out += d->finish();
        QCOMPARE(out, QStringLiteral("Zürich €"));
    }
}

void TestImportText::overrideAndUnknownEncoding()
{
    // The override wins over detection (these bytes are valid UTF-8 too).
    auto r = decodeText(QByteArrayLiteral("\xC3\xA4"), QStringLiteral("windows-1252"));
    QVERIFY(r);
    QCOMPARE(r->text, QStringLiteral("Ã¤"));
    auto bad = decodeText(QByteArrayLiteral("x"), QStringLiteral("klingon-8"));
    QVERIFY(!bad);
    QVERIFY(bad.status().message().contains(QStringLiteral("klingon-8")));
    QCOMPARE(bad.status().code(), Status::Code::Unsupported);
}

void TestImportText::canonicalNames()
{
    QCOMPARE(*canonicalEncodingName(QStringLiteral("utf8")), QStringLiteral("UTF-8"));
    QCOMPARE(*canonicalEncodingName(QStringLiteral("1252")), QStringLiteral("Windows-1252"));
    QCOMPARE(*canonicalEncodingName(QStringLiteral("ISO_8859-1")), QStringLiteral("ISO-8859-1"));
    QCOMPARE(*canonicalEncodingName(QStringLiteral("UNICODE")), QStringLiteral("UTF-16LE"));
    QCOMPARE(*canonicalEncodingName(QStringLiteral("utf-16be")), QStringLiteral("UTF-16BE"));
}

void TestImportText::optionMentionsAreReworded()
{
    // Each mention as a whole, the longest spelling first; an option no mention names, and text without one, stay.
    const auto words = [](ImportOptionMention m) {
        switch (m) {
        case ImportOptionMention::Map:
            return QStringLiteral("<map>");
        case ImportOptionMention::MapDateByNumber:
            return QStringLiteral("<date>");
        case ImportOptionMention::MapDateAndAmountByNumber:
            return QStringLiteral("<date+amount>");
        case ImportOptionMention::MapAccountColumn:
            return QStringLiteral("<account column>");
        case ImportOptionMention::Account:
            return QStringLiteral("<account>");
        case ImportOptionMention::CreateAccounts:
            return QStringLiteral("<create>");
        case ImportOptionMention::Currency:
            return QStringLiteral("<currency>");
        case ImportOptionMention::AllowProbableDuplicates:
            return QStringLiteral("<probable>");
        case ImportOptionMention::HeaderLine:
            return QStringLiteral("<header>");
        }
        return QString();
    };
    QCOMPARE(rewordImportOptions(QStringLiteral("give (--header-line N) or map (--map date=1,amount=3)"), words),
             QStringLiteral("give (<header>) or map (<date+amount>)"));
    QCOMPARE(rewordImportOptions(QStringLiteral("map it (--map date=1); map them with --map to change this"), words),
             QStringLiteral("map it (<date>); map them with <map> to change this"));
    QCOMPARE(rewordImportOptions(QStringLiteral("choose one with --account, or map with --map account=COLUMN"), words),
             QStringLiteral("choose one with <account>, or map with <account column>"));
    QCOMPARE(rewordImportOptions(QStringLiteral("use --create-accounts; --account-type stays; --currency."), words),
             QStringLiteral("use <create>; --account-type stays; <currency>."));
    QCOMPARE(rewordImportOptions(QStringLiteral("a -- b --"), words), QStringLiteral("a -- b --"));
    QCOMPARE(rewordImportOptions(QStringLiteral("no option"), words), QStringLiteral("no option"));
    // Every mention's own spelling is found as that mention.
    for (ImportOptionMention m :
         {ImportOptionMention::Account, ImportOptionMention::CreateAccounts, ImportOptionMention::Currency,
          ImportOptionMention::AllowProbableDuplicates, ImportOptionMention::HeaderLine, ImportOptionMention::Map,
          ImportOptionMention::MapDateByNumber, ImportOptionMention::MapDateAndAmountByNumber,
          ImportOptionMention::MapAccountColumn})
        QCOMPARE(rewordImportOptions(QStringLiteral("(%1)").arg(importOptionText(m)), words),
                 QStringLiteral("(%1)").arg(words(m)));
}

QTEST_GUILESS_MAIN(TestImportText)
#include "tst_import_text.moc"
