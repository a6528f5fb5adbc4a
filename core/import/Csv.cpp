// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Csv.h"

#include "import/ImportOptionText.h"
#include "import/ImportValues.h"
#include "import/WiseHistory.h"
#include "money/Money.h"
#include "util/Plural.h"

#include <QBuffer>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <array>
#include <cstring>
#include <limits>

namespace ledgerguard {

namespace {

constexpr qint64 kChunkBytes = 256 * 1024;
constexpr qint64 kHeadBytes = 64 * 1024;
constexpr int kHeaderSearchRecords = 40;

} // namespace

CsvReader::CsvReader(QIODevice* device, TextDecoder* decoder, QChar delimiter)
    : m_device(device)
    , m_decoder(decoder)
    , m_delimiter(delimiter)
{ }

CsvReader::CsvReader(QString text, QChar delimiter)
    : m_delimiter(delimiter)
    , m_buf(std::move(text))
    , m_eof(true)
{ }

bool CsvReader::fill(qsizetype need)
{
    while (m_pos + need > m_buf.size() && !m_eof) {
        if (m_pos > 0) {
            m_buf.remove(0, m_pos);
            m_pos = 0;
        }
        const QByteArray chunk = m_device->read(kChunkBytes);
        if (chunk.isEmpty()) {
            m_eof = true;
            m_buf += m_decoder->finish();
        } else {
            m_buf += m_decoder->decode(chunk);
        }
    }
    return m_pos + need <= m_buf.size();
}

QChar CsvReader::take()
{
    const QChar c = m_buf[m_pos++];
    if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
        if (c == QLatin1Char('\r') && fill(1) && m_buf[m_pos] == QLatin1Char('\n'))
            ++m_pos;
        ++m_line;
        m_column = 1;
        return QLatin1Char('\n');
    }
    ++m_column;
    return c;
}

qsizetype CsvReader::plainRun(bool unquoted) const
{
    const char16_t* const data = reinterpret_cast<const char16_t*>(m_buf.constData());
    const char16_t delimiter = m_delimiter.unicode();
    qsizetype i = m_pos;
    for (const qsizetype n = m_buf.size(); i < n; ++i) {
        const char16_t c = data[i];
        if (c == u'"' || c == u'\n' || c == u'\r' || (unquoted && c == delimiter))
            break;
    }
    return i - m_pos;
}

CsvReader::Next CsvReader::next(CsvRecord* record)
{
    if (!m_error.isOk())
        return Next::Error;
    for (;;) {
        if (!fill(1))
            return Next::End;
        record->line = m_line;
        record->columns.clear();
        // The record's fields are refilled in place: a string the caller kept no copy of is emptied and reused, so
        // reading records allocates only when a field is longer than before.
        qsizetype count = 0;
        const auto nextField = [&]() -> QString& {
            if (count == record->fields.size())
                record->fields.append(QString());
            QString& text = record->fields[count++];
            if (text.isDetached())
                text.truncate(0);
            else
                text = QString();
            return text;
        };
        const auto recordTooLong = [&] {
            m_error = Status::corruption(QStringLiteral("line %1: a record longer than %2 characters starts here")
                                             .arg(record->line)
                                             .arg(kMaxRecordChars));
            return Next::Error;
        };
        const auto quotedTooLong = [&](int line, int column) {
            m_error = Status::corruption(QStringLiteral("line %1, column %2: a quoted field longer than %3 characters "
                                                        "starts here (is a quote missing?)")
                                             .arg(line)
                                             .arg(column)
                                             .arg(kMaxRecordChars));
            return Next::Error;
        };
        QString* field = &nextField();
        int fieldColumn = m_column;
        qsizetype total = 0;
        bool atFieldStart = true;
        bool ended = false;
        while (!ended) {
            if (!fill(1)) {
                ended = true;
                break;
            }
            // Spaces before the opening quote of a record's first field (ZKB's ` "Datum";"Buchungstext"` on every
            // line) are not part of the field (elsewhere a quote after text, an inch mark, stays text).
            if (atFieldStart && count == 1 && m_buf[m_pos] == QLatin1Char(' ') && m_delimiter != QLatin1Char(' ')) {
                qsizetype spaces = 1;
                while (spaces < 16 && fill(spaces + 1) && m_buf[m_pos + spaces] == QLatin1Char(' '))
                    ++spaces;
                if (fill(spaces + 1) && m_buf[m_pos + spaces] == QLatin1Char('"')) {
                    m_pos += spaces;
                    m_column += int(spaces);
                    continue;
                }
            }
            const int line = m_line, column = m_column;
            if (!atFieldStart || m_buf[m_pos] != QLatin1Char('"')) {
                // The run up to the next delimiter, quote or line break goes in at once.
                const qsizetype run = plainRun(true);
                if (run > 0) {
                    field->append(QStringView(m_buf).sliced(m_pos, run));
                    m_pos += run;
                    m_column += int(run);
                    atFieldStart = false;
                    if ((total += run) > kMaxRecordChars)
                        return recordTooLong();
                    continue;
                }
            }
            const QChar c = take();
            if (atFieldStart && c == QLatin1Char('"')) {
                atFieldStart = false;
                for (;;) {
                    if (!fill(1)) {
                        m_error = Status::corruption(
                            QStringLiteral("line %1, column %2: the quote opened here is never closed")
                                .arg(line)
                                .arg(column));
                        return Next::Error;
                    }
                    // The run up to the next quote or line break goes in at once.
                    const qsizetype run = plainRun(false);
                    if (run > 0) {
                        field->append(QStringView(m_buf).sliced(m_pos, run));
                        m_pos += run;
                        m_column += int(run);
                        if ((total += run) > kMaxRecordChars)
                            return quotedTooLong(line, column);
                        continue;
                    }
                    const QChar q = take();
                    if (q == QLatin1Char('"')) {
                        if (fill(1) && m_buf[m_pos] == QLatin1Char('"')) {
                            take();
                            *field += QLatin1Char('"');
                        } else {
                            break;
                        }
                    } else {
                        *field += q == QLatin1Char('\n') ? QLatin1Char('\n') : q;
                    }
                    if (++total > kMaxRecordChars)
                        return quotedTooLong(line, column);
                }
                continue;
            }
            if (c == m_delimiter) {
                // HDFC Bank's card statements separate their fields by "~|~": the tildes belong to the delimiter.
                if (c == QLatin1Char('|') && field->endsWith(QLatin1Char('~')) && fill(1)
                    && m_buf[m_pos] == QLatin1Char('~')) {
                    field->chop(1);
                    take();
                }
                record->columns.append(fieldColumn);
                field = &nextField();
                fieldColumn = m_column;
                atFieldStart = true;
                continue;
            }
            if (c == QLatin1Char('\n'))
                break;
            atFieldStart = false;
            *field += c;
            if (++total > kMaxRecordChars)
                return recordTooLong();
        }
        record->columns.append(fieldColumn);
        record->fields.resize(count);
        if (record->fields.size() == 1 && record->fields[0].trimmed().isEmpty())
            continue; // blank line
        return Next::Record;
    }
}

QString csvQuoted(QString field)
{
    field.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + field + QLatin1Char('"');
}

QChar detectCsvDelimiter(const QString& sample)
{
    // (HDFC Bank's card statements separate by "~", or by "~|~": a '|' whose tildes CsvReader drops.)
    const QChar candidates[]
        = {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|'), QLatin1Char('~')};
    QChar best = QLatin1Char(',');
    qint64 bestScore = 0;
    int bestWidth = 0;
    for (QChar d : candidates) {
        if (d == QLatin1Char('~') && sample.contains(u"~|~"))
            continue;
        CsvReader reader(sample, d);
        CsvRecord rec;
        QMap<int, int> widths;
        // A record split by the wrong candidate shows quotes inside its fields (a ';' file's "-850,00" read with
        // ','): it is no evidence for that candidate.
        for (int i = 0; i < 60 && reader.next(&rec) == CsvReader::Next::Record; ++i)
            if (rec.fields.size() > 1 && std::none_of(rec.fields.cbegin(), rec.fields.cend(), [](const QString& f) {
                    return f.contains(QLatin1Char('"'));
                }))
                ++widths[rec.fields.size()];
        // The candidate whose records alike weigh most wins: a block of n records of w fields weighs n * n * (w - 1),
        // so that many records outweigh a few wide ones. A ';' file's preamble and balance lines split at their
        // decimal commas ("Kontostand;31.01.2024;;;2.626,55") are five records of two fields (25), its table four of
        // eighteen (272); ING's seven preamble lines of two fields (49) and its rows split at their decimal commas
        // into three (four rows: 32) weigh less than its table of nine columns (five records: 200); a tab file's five
        // rows of three (50) more than two of its texts split at their commas into seven fields (24).
        qint64 score = 0;
        int width = 0;
        for (auto it = widths.cbegin(); it != widths.cend(); ++it) {
            const qint64 weight = qint64(it.value()) * it.value() * (it.key() - 1);
            if (weight > score || (weight == score && it.key() > width)) {
                score = weight;
                width = it.key();
            }
        }
        if (score > bestScore || (score == bestScore && width > bestWidth)) {
            best = d;
            bestScore = score;
            bestWidth = width;
        }
    }
    return best;
}

namespace {

const QHash<QString, std::pair<CsvField, int>>& headerTable();

QString normalizedHeader(const QString& header)
{
    // A header cell over several lines (BancaStato's "Tipo di ordine\nTesto di contabilizzazione" above the text): the
    // first of its lines that names a column, where the whole does not.
    if (header.contains(QLatin1Char('\n'))) {
        QString whole = header;
        whole.replace(QLatin1Char('\n'), QLatin1Char(' '));
        QString n = normalizedHeader(whole);
        if (!headerTable().contains(n))
            for (const QString& line : header.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                if (QString part = normalizedHeader(line); headerTable().contains(part))
                    return part;
        return n;
    }
    // "TransactionDate" (Marcus), "CreditDebet" (Knab): words written together in camel case are words.
    QString h;
    h.reserve(header.size() + 4);
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (i > 0 && header[i].isUpper() && header[i - 1].isLower())
            h += QLatin1Char(' ');
        h += header[i];
    }
    h = h.trimmed().toLower().normalized(QString::NormalizationForm_C);
    // FNB's single-quoted names ("'Datum'").
    if (h.size() > 2 && h.front() == QLatin1Char('\'') && h.back() == QLatin1Char('\''))
        h = h.mid(1, h.size() - 2).trimmed();
    // Turkish "İŞLEM TARİHİ": the dot that lowering 'İ' leaves after the 'i' is no letter.
    h.remove(QChar(0x0307));
    // A Cyrillic word with Latin letters that look the same (Sense Bank's "Cума списання", its "C" a Latin one): read
    // with the Cyrillic letters.
    for (qsizetype i = 0; i < h.size();) {
        qsizetype j = i;
        bool cyrillic = false;
        while (j < h.size() && h[j].isLetter()) {
            cyrillic = cyrillic || (h[j].unicode() >= 0x0400 && h[j].unicode() <= 0x04FF);
            ++j;
        }
        static const QHash<QChar, QChar> lookalikes {
            {u'a', QChar(0x0430)}, {u'c', QChar(0x0441)}, {u'e', QChar(0x0435)}, {u'i', QChar(0x0456)},
            {u'k', QChar(0x043A)}, {u'm', QChar(0x043C)}, {u'o', QChar(0x043E)}, {u'p', QChar(0x0440)},
            {u't', QChar(0x0442)}, {u'x', QChar(0x0445)}, {u'y', QChar(0x0443)}};
        for (qsizetype k = i; cyrillic && k < j; ++k)
            h[k] = lookalikes.value(h[k], h[k]);
        i = j > i ? j : i + 1;
    }
    // Skrill's "[-]" and "[+]": the money out and in.
    if (h == u"[-]" || h == u"(-)" || h == u"-")
        return QStringLiteral("debit");
    if (h == u"[+]" || h == u"(+)" || h == u"+")
        return QStringLiteral("credit");
    // YooMoney's "+/-": each row's sign.
    if (h == u"+/-" || h == u"-/+" || h == u"\u00B1")
        return QStringLiteral("d/c");
    // "Betrag (EUR)", "Amount [GBP]", "金额（元）": drop the bracketed part, unless it says which way the money goes
    // (Kiwibank's "Amount (credit)" and "Amount (debit)" beside its signed "Amount").
    for (const auto& [open, close] :
         {std::pair {u'(', u')'}, std::pair {u'[', u']'}, std::pair {u'\uFF08', u'\uFF09'}}) {
        const qsizetype a = h.indexOf(QChar(open));
        const qsizetype b = h.lastIndexOf(QChar(close));
        if (a < 0 || b <= a)
            continue;
        const QString inside = h.mid(a + 1, b - a - 1).trimmed();
        h.remove(a, b - a + 1);
        // A name wholly in brackets (SEB's "(D/C)") is the name.
        if (h.trimmed().isEmpty())
            h = inside;
        if (inside == u"credit" || inside == u"debit")
            h = inside + QLatin1Char(' ') + h;
        else if (inside == u"收入" || inside == u"支出") // ICBC's "交易金额(收入)", "交易金额(支出)"
            h += inside;
    }
    QString out;
    bool space = false;
    for (QChar c : h) {
        // Marks too: Thai's vowels and tones ("วันที่"), Hindi's vowel signs.
        // A typographic apostrophe (PostFinance's French "Date d’écriture") is the apostrophe.
        if (c == QChar(0x2019) || c == QChar(0x2018) || c == QChar(0x02BC))
            c = QLatin1Char('\'');
        if (c.isLetterOrNumber() || c.isMark() || c == QLatin1Char('/') || c == QLatin1Char('\'')
            || c == QChar::ReplacementCharacter) {
            if (space && !out.isEmpty())
                out += QLatin1Char(' ');
            space = false;
            out += c;
        } else {
            space = true;
        }
    }
    out.replace(QStringLiteral(" / "), QStringLiteral("/"));
    // The currency a column's amounts are in: "Umsatz in EUR", "Belastung CHF", "Montant opération en euro",
    // "Määrä EUROA".
    for (const QString& suffix : {QStringLiteral(" en euros"), QStringLiteral(" en euro"), QStringLiteral(" euroa")})
        if (out.endsWith(suffix) && out.size() > suffix.size())
            out.chop(suffix.size());
    // "Importo in euro" (Nexi) is "importo"; not where that names nothing ("Paid in euro").
    if (out.endsWith(QLatin1String(" in euro")) && !headerTable().contains(out)
        && headerTable().contains(out.chopped(8)))
        out.chop(8);
    const qsizetype last = out.lastIndexOf(QLatin1Char(' '));
    if (last > 0 && out.size() - last == 4 && Money::isKnownCurrency(out.mid(last + 1).toUpper())) {
        out.truncate(last);
        // "Umsatz in EUR", but "Paid in GBP" is "paid in".
        if (out.endsWith(QLatin1String(" in")) && out.size() > 3 && !headerTable().contains(out))
            out.chop(3);
        // PostFinance's French "Crédit en CHF", "Débit en CHF".
        else if (out.endsWith(QLatin1String(" en")) && out.size() > 3 && !headerTable().contains(out)
                 && headerTable().contains(out.chopped(3)))
            out.chop(3);
    }
    // A name in a namespace (GoCardless's "resources.charge_date", "payouts.arrival_date": lower-case words and
    // underscores joined by dots, no space): the known name after the last dot, where the whole names nothing.
    static const QRegularExpression namespaced(QStringLiteral("^\\s*[a-z_]+(\\.[a-z_]+)+\\s*$"));
    if (const qsizetype dot = header.lastIndexOf(QLatin1Char('.'));
        dot > 0 && !headerTable().contains(out) && namespaced.match(header).hasMatch()) {
        if (QString last = normalizedHeader(header.mid(dot + 1)); headerTable().contains(last))
            return last;
    }
    // A name whose letters beyond ASCII were lost to U+FFFD (a Windows-1252 file read as UTF-8 somewhere before:
    // DKB's "Auftraggeber / Beg\uFFFDnstigter"): the known name it matches, each U+FFFD one such letter.
    if (out.contains(QChar::ReplacementCharacter) && !headerTable().contains(out)) {
        QString pattern;
        for (QChar c : out)
            pattern += c == QChar::ReplacementCharacter ? QStringLiteral("[^\\x{0}-\\x{7f}]")
                                                        : QRegularExpression::escape(QString(c));
        const QRegularExpression lost(QRegularExpression::anchoredPattern(pattern));
        QString found; // the first in code-point order where several match, the same in every run
        for (auto it = headerTable().cbegin(); it != headerTable().cend(); ++it)
            if ((found.isEmpty() || it.key() < found) && lost.match(it.key()).hasMatch())
                found = it.key();
        if (!found.isEmpty())
            return found;
        // No known name: the name without them, as a stray U+FFFD beside a known name ("Amount \uFFFD", a damaged
        // byte-order mark before "Date") is read.
        return normalizedHeader(QString(header).replace(QChar::ReplacementCharacter, QLatin1Char(' ')));
    }
    return out;
}

// Normalized header name -> the field it names and its rank among that field's names (0 first): when several
// columns name the description, the lowest rank wins ("Description" over "Details", "Verwendungszweck" over
// "Buchungstext"); for the other fields the first column does.
const QHash<QString, std::pair<CsvField, int>>& headerTable()
{
    static const QHash<QString, std::pair<CsvField, int>> table = [] {
        QHash<QString, std::pair<CsvField, int>> t;
        const auto add = [&t](CsvField f, std::initializer_list<const char*> names) {
            int rank = 0;
            for (const char* n : names)
                t.insert(QString::fromUtf8(n), {f, rank++});
        };
        add(CsvField::Date,
            {"date",
             "created",
             "creation date",
             "created utc",
             "created date",
             "date created",
             "entry date",
             "trans date trans time",
             "capture date",
             "transaction datetime",
             "transaction timestamp",
             "event time",
             "event timestamp",
             "time stamp",
             "booking date",
             "bookingdate",
             "buch dat",
             "buchungsdat",
             "statement line date",
             "transaction date",
             "posting date",
             "belegdatum",
             "voucher date",
             "päivämäärä",
             "datum boeking",
             "g/l date",
             "gl date",
             "post date",
             "dátum zaúčtovania",
             "datum zauctovania",
             "dátum transakcie",
             "date de la valeur",
             "posted date",
             "transaction posted date",
             "posted at",
             "data de compra",
             "trans date",
             "txn date",
             "date posted",
             "completed date",
             "datum des abschlusses",
             "data di completamento",
             "data zrealizowania",
             "datum des beginns",
             "date completed",
             "pstng date",
             "payout date",
             "buchungstag",
             "buchungsdatum",
             "buchung",
             "datum",
             "datum der transaktion",
             "datum provedení",
             "datum verrichting",
             "date de comptabilisation",
             "date opération",
             "date operation",
             "date de l'opération",
             "date de opération",
             "date comptable",
             "date d'opération",
             "boekdatum",
             "boekingsdatum",
             "uitvoeringsdatum",
             "transactiedatum",
             "fecha",
             "día",
             "fecha operación",
             "fecha operacion",
             "fecha contable",
             "fecha de operación",
             "data",
             "data operazione",
             "data transazione",
             "data della transazione",
             "data contabile",
             "data op",
             "data di registrazione",
             "data dell'operazione",
             "data registrazione",
             "data reg",
             "bokföringsdag",
             "bokföringsdatum",
             "bokförd",
             "bogført",
             "date de l'execution",
             "date de l'exécution",
             "transaktionsdag",
             "bokføringsdato",
             "bogføringsdato",
             "dato",
             "kirjauspäivä",
             "tapahtumapäivä",
             "transaktionsdatum",
             "reskontradatum",
             "data operacji",
             "data księgowania",
             "data transakcji",
             "timestamp",
             "booked at",
             "settlement date",
             "operation date",
             "date processed",
             "processed date",
             "date of transaction",
             "run date",
             "dateop",
             "date op",
             "f operativa",
             "fecha operativa",
             "fecha movimiento",
             "fecha de movimiento",
             "charge date",
             "data lançamento",
             "data de lançamento",
             "data lancamento",
             "data movimento",
             "data mov",
             "posted transactions date",
             "datum provedení",
             "datum provedeni",
             "datetime",
             "kuupäev",
             "kuupaev",
             "release date",
             "tran date",
             "txn date",
             "transfer date",
             "created on",
             "processed on",
             "datum splatnosti",
             "datum zaúčtování",
             "datum zauctovani",
             "datum zaúčtování transakce",
             "datum zauctovani transakce",
             "datum uskutečnění transakce",
             "datum uskutecneni transakce",
             "日付",
             "取引日",
             "お取引日",
             "date de paiement",
             "date de règlement",
             "利用日/キャンセル日",
             "이용일",
             "取引年月日",
             "利用日",
             "利用年月日",
             "ご利用日",
             "ご利用年月日",
             "年月日",
             "交易时间",
             "记账时间",
             "datum/uhrzeit",
             "交易创建时间",
             "记账日期",
             "交易日期",
             "消費日",
             "记账日",
             "交易日",
             "completion time",
             "operacijos data",
             "datums",
             "tanggal",
             "date and time",
             "date time",
             "ημ/νία συναλλαγής",
             "ημ/νια συναλλαγης",
             "transaction creation date",
             "date/time",
             "fecha ctble",
             "fecha de sistema",
             "dagsetning",
             "tanggal transaksi",
             "tgl",
             "tgl transaksi",
             "tanggal posting",
             "tarikh",
             "tarikh transaksi",
             "tarih",
             "tarih/saat",
             "işlem tarihi",
             "islem tarihi",
             "дата",
             "дата и час",
             "дата операции",
             "дата проведения операции",
             "fecha de transacción",
             "fecha de transaccion",
             "дата совершения операции",
             "дата проводки",
             "дата транзакции",
             "дата операції",
             "дата і час операції",
             "дата i час операції",
             "дата і час",
             "дата i час",
             "дата проведення",
             "дата транзакції",
             "ngày giao dịch",
             "ngày",
             "ngày gd",
             "วันที่",
             "วันที่ทำรายการ",
             "التاريخ",
             "التاريخ الميلادي",
             "تاريخ العملية",
             "ημερομηνία",
             "ημ/νία",
             "ημερομηνία συναλλαγής",
             "거래일시",
             "거래일자",
             "거래일",
             "datum transakcije",
             "datum knjiženja",
             "datum izvršenja",
             "תאריך",
             "data tranzactiei",
             "data operatiune",
             "data operatiunii",
             "data operațiunii",
             "data tranzacției",
             "data înregistrării",
             "könyvelés dátuma",
             "tranzakció dátuma",
             "dátum"});
        add(CsvField::ValueDate,
            {"value date",         "valuta",         "valutadatum",  "wertstellung",     "wertstellungsdatum",
             "rentedato",          "date de valeur", "date valeur",  "rentedatum",       "fecha valor",
             "data valuta",        "data val",       "dateval",      "f valor",          "data valor",
             "tanggal valuta",     "ημ/νία αξίας",   "vaxtadagur",   "tgl valuta",       "valör",
             "дата валютирования", "datum valute",   "תאריך ערך",    "ημερομηνία αξίας", "valuta datum",
             "értéknap",           "data valutei",   "available on", "available on utc", "value dt",
             "valuedate"});
        add(CsvField::Time, {"time", "uhrzeit", "zeit", "heure", "tijd", "hora", "ora", "時間", "tid"});
        add(CsvField::Amount,
            {"net",
             "net amount",
             "net total",
             "net transaction amount",
             "amount",
             "transaction amount",
             "amt",
             "txn amount",
             "billing amount",
             "amount num",
             "amount with sym",
             "amount submitted for settlement",
             "netto betrag",
             "nettobetrag",
             "入账币种/金额",
             "交易币种/金额",
             "settlement amount",
             "trans amount",
             "betrag",
             "umsatz",
             "montant",
             "bedrag",
             "bedrag v/d verrichting",
             "zaúčtovaná částka",
             "zauctovana castka",
             "importe",
             "monto",
             "importo",
             "amount in account currency",
             "amount in local currency",
             "amount in document currency",
             "amount in doc curr",
             "amount in lc",
             "betrag in hauswährung",
             "betrag in hw",
             "statement line amount",
             "betrag in belegwährung",
             "betrag in eur",
             "montant en euros",
             "belopp",
             "importância",
             "importancia",
             "importo della transazione",
             "insättningar/uttag",
             "insättning/uttag",
             "beløp",
             "beløb",
             "määrä",
             "kwota",
             "kwota operacji",
             "montant de l'opération",
             "montant de l'operation",
             "montant opération",
             "montant operation",
             "gross",
             "gross amount",
             "value",
             "credit/debit amount",
             "debit/credit amount",
             "total amount",
             "transaktionsbetrag",
             "zahlungsbetrag",
             "montant total",
             "montante",
             "valor",
             "netto",
             "neto",
             "líquido",
             "liquido",
             "brutto",
             "正味",
             "合計",
             "ご利用額",
             "cad",
             "summa",
             "objem",
             "kwota transakcji",
             "txn amount",
             "částka v měně účtu",
             "castka v mene uctu",
             "částka",
             "castka",
             "částka transakce",
             "castka transakce",
             "bedrag v d verrichting",
             "kwota w walucie rachunku",
             "transaction net amount",
             "breakdown holding amount",
             "checkbook amount",
             "payable",
             "change",
             "入出金",
             "入出金額",
             "取引金額",
             "金額",
             "利用金額",
             "ご利用金額",
             "利用額",
             "금액",
             "승인금액",
             "이용금액",
             "金额",
             "交易金额",
             "实付金额",
             "新臺幣金額",
             "新台币金额",
             "收支金额",
             "人民币金额",
             "suma",
             "suma transakcie",
             "suma transakcie v mene účtu",
             "jumlah",
             "total",
             "buchungsbetrag",
             "valor total",
             "originalbetrag",
             "upphæð",
             "upphaed",
             "mutasi",
             "nilai transaksi",
             "amaun",
             "tutar",
             "işlem tutarı",
             "islem tutari",
             "сумма",
             "сума",
             "сумма операции",
             "сума операції",
             "сумма платежа",
             "сума в валюті картки",
             "card currency amount",
             "сумма в валюте карты",
             "сумма в валюте счета",
             "сумма в валюте счёта",
             "сумма пересчитанная в валюту счета",
             "сумма в валюте операции",
             "сума в валюті рахунку",
             "số tiền",
             "จำนวนเงิน",
             "المبلغ",
             "ποσό",
             "거래금액",
             "iznos",
             "znesek",
             "סכום",
             "összeg",
             "tranzakció összege",
             "cash flow"});
        add(CsvField::Debit,
            {"debit",
             "debit amount",
             "net debit amount",
             "zahlungsbetrag ausgehend",
             "rechnungsbetrag ausgehend",
             "debits",
             "soll",
             "na ťarchu účtu",
             "na ťarchu",
             "net debit",
             "withdrawal",
             "withdrawals",
             "withdrawn",
             "expense amount",
             "bedrag debet",
             "בחובה",
             "提出",
             "支出金額",
             "withdrawal amount",
             "amount debit",
             "debit amt",
             "withdrawal amt",
             "withdrawal amt s",
             "withdrawl amt",
             "paid out",
             "money out",
             "out",
             "débit",
             "debit en euros",
             "débit euros",
             "debit euros",
             "montant débit",
             "montant débité",
             "montant debite",
             "montant debit",
             "af",
             "cargo",
             "cargos",
             "addebito",
             "addebiti",
             "importo di addebito",
             "importo addebito",
             "借方",
             "借方发生额",
             "借方金额",
             "importo transazione in uscita",
             "importo in uscita",
             "in uscita",
             "uscite",
             "dare",
             "debe",
             "importo dare",
             "ausgang",
             "ausgaben",
             "lastschrift",
             "belastungsbetrag",
             "belastung",
             "uttag",
             "outflow",
             "ut",
             "ut fra konto",
             "uttak",
             "retiros",
             "retiro",
             "dr",
             "payment",
             "支払い金額",
             "お支払金額",
             "出金金額",
             "出金",
             "お引出し",
             "funds out",
             "obciążenia",
             "obciazenia",
             "ud",
             "débito",
             "debito",
             "monto débito",
             "monto debito",
             "débitos",
             "お引出金額",
             "支出",
             "支出金额",
             "交易金额支出",
             "记账金额支出",
             "saída",
             "saida",
             "saídas",
             "saidas",
             "払出金額",
             "払出し金額",
             "withdraw",
             "debitos",
             "debet",
             "mutasi debet",
             "mutasi debit",
             "borç",
             "borc",
             "çıkış",
             "cikis",
             "borç tutarı",
             "borc tutari",
             "расход",
             "расход в валюте счета",
             "débito de transacción",
             "debito de transaccion",
             "разход",
             "списание",
             "дебет",
             "витрата",
             "списання",
             "сума списання",
             "ghi nợ",
             "số tiền ghi nợ",
             "nợ",
             "ถอนเงิน",
             "ถอน",
             "مدين",
             "سحب",
             "χρέωση",
             "출금",
             "지급",
             "출금액",
             "출금금액",
             "찾으신금액",
             "isplata",
             "terećenje",
             "duguje",
             "breme",
             "znesek v breme",
             "zaduženje",
             "zaduzenje",
             "дебит",
             "חובה",
             "terhelés"});
        add(CsvField::Credit,
            {"credit",
             "credit amount",
             "net credit amount",
             "zahlungsbetrag eingehend",
             "rechnungsbetrag eingehend",
             "credits",
             "haben",
             "v prospech účtu",
             "v prospech",
             "net credit",
             "deposit",
             "deposits",
             "deposit amount",
             "amount credit",
             "credit amt",
             "deposit amt",
             "deposit amt s",
             "paid in",
             "money in",
             "in",
             "crédit",
             "credit en euros",
             "crédit euros",
             "credit euros",
             "montant crédit",
             "montant crédité",
             "montant credite",
             "montant credit",
             "bij",
             "abono",
             "abonos",
             "accredito",
             "accrediti",
             "importo di accredito",
             "importo accredito",
             "贷方",
             "贷方发生额",
             "贷方金额",
             "importo transazione in entrata",
             "importo in entrata",
             "in entrata",
             "entrate",
             "avere",
             "haber",
             "importo avere",
             "eingang",
             "einnahmen",
             "gutschrift",
             "gutschriftsbetrag",
             "insättning",
             "inflow",
             "inn",
             "inn på konto",
             "innskudd",
             "ind",
             "funds in",
             "uznania",
             "crédito",
             "credito",
             "monto crédito",
             "monto credito",
             "créditos",
             "お預入金額",
             "預入れ金額",
             "收入",
             "收入金额",
             "交易金额收入",
             "记账金额收入",
             "entrada",
             "entradas",
             "受入金額",
             "creditos",
             "depósitos",
             "depositos",
             "depósito",
             "deposito",
             "cr",
             "預かり金額",
             "お預り金額",
             "入金金額",
             "入金",
             "お預入れ",
             "kredit",
             "mutasi kredit",
             "alacak",
             "giriş",
             "giris",
             "приход",
             "приход в валюте счета",
             "crédito de transacción",
             "credito de transaccion",
             "зачисление",
             "кредит",
             "надходження",
             "зарахування",
             "сума зарахування",
             "ghi có",
             "số tiền ghi có",
             "có",
             "ฝากเงิน",
             "ฝาก",
             "دائن",
             "إيداع",
             "πίστωση",
             "입금",
             "입금액",
             "입금금액",
             "맡기신금액",
             "uplata",
             "income amount",
             "bedrag credit",
             "בזכות",
             "存入",
             "存入金額",
             "odobrenje",
             "znesek v dobro",
             "potražuje",
             "dobro",
             "זכות",
             "jóváírás"});
        add(CsvField::Counterparty,
            {"payee",
             "payee/payer",
             "payer/payee",
             "fournisseur",
             "händler",
             "보내신분/받는분",
             "ellenoldali név",
             "ellenoldali nev",
             "empfänger/zahlungspflichtiger",
             "가맹점명",
             "receiver",
             "beneficiary",
             "name",
             "payee name",
             "naam",
             "handelaar",
             "partner name",
             "namn",
             "navn",
             "mottagare",
             "saaja/maksaja",
             "counterparty",
             "counterparty name",
             "counterpartyname",
             "paid to/rcvd from",
             "customer name",
             "explanation alpha name",
             "contrepartie",
             "supplier",
             "supplier name",
             "vendor",
             "vendor name",
             "begünstigter/auftraggeber",
             "beguenstigter/auftraggeber",
             "counter party",
             "merchant",
             "auftraggeber/empfänger",
             "name auftraggeber/begünstigter",
             "name des partners",
             "auftraggeber/empfaenger",
             "empfänger",
             "zahlungsempfänger",
             "begünstigter/zahlungspflichtiger",
             "beguenstigter/zahlungspflichtiger",
             "name zahlungsbeteiligter",
             "zahlungspflichtiger",
             "auftraggeber",
             "naam/omschrijving",
             "name/description",
             "naam tegenpartij",
             "naam v/d tegenpartij",
             "název účtu protiúčtu",
             "nazev uctu protiuctu",
             "对方账号与户名",
             "tegenpartij",
             "取引先",
             "source/destination",
             "saaja/maksja nimi",
             "primatelj/platitelj",
             "názov protiúčtu",
             "beneficiary/payer",
             "jogosult",
             "contrepartie de l'operation",
             "contrepartie de l'opération",
             "bénéficiaire",
             "tiers",
             "beneficiario",
             "ordenante",
             "beneficiario/ordinante",
             "partnername",
             "naam tegenpartij bevat",
             "sender/empfänger",
             "auftraggeber/begünstigter",
             "auftraggeber/beguenstigter",
             "nadawca/odbiorca",
             "dane kontrahenta",
             "partner",
             "empfaenger 1",
             "empfänger 1",
             "empfaenger",
             "zahlungsempfaenger",
             "tegenrekeninghouder",
             "description 2",
             "beneficiary's name",
             "beneficiary name",
             "odbiorca/zleceniodawca",
             "název protiúčtu",
             "nazev protiuctu",
             "název protistrany",
             "nazev protistrany",
             "plátce/příjemce",
             "platce/prijemce",
             "naam van de tegenpartij",
             "saaja/maksja",
             "naam v/d tegenpartij",
             "nimi",
             "other party",
             "empfänger/auftraggeber",
             "empfaenger/auftraggeber",
             "交易对方",
             "对方户名",
             "商户名称",
             "对方账户名",
             "contact",
             "saņēmējs/maksātājs",
             "sanemejs/maksatajs",
             "gegenkonto inhaber",
             "begünstigter/absender name",
             "nom",
             "nome",
             "nombre",
             "imię i nazwisko",
             "name of sender/receiver",
             "对手信息",
             "名前",
             "gavėjas / mokėtojas",
             "gavėjas/mokėtojas",
             "gavėjas",
             "mokėtojas / gavėjas",
             "контрагент",
             "кореспондент",
             "найменування контрагента",
             "назва контрагента",
             "relatie naam",
             "보낸분/받는분",
             "받는분",
             "보낸분",
             "의뢰인/수취인",
             "의뢰인",
             "수취인",
             "merchant name",
             "詳細２",
             "詳細2",
             "relatie",
             "내용",
             "получатель",
             "karşı taraf",
             "tên đối ứng",
             "partner neve",
             "nom de la contrepartie",
             "protistrana",
             "názov protiúčtu",
             "kontrahent",
             "názov protistrany",
             "saņēmējs/maksātājs",
             "maksātājs/saņēmējs",
             "saņēmējs",
             "naziv prejemnika/plačnika",
             "naziv prejemnika/placnika",
             "naziv platitelja/primatelja",
             "naziv primatelja/platitelja",
             "naziv platioca/primaoca",
             "naziv primaoca/platioca",
             "prejemnik/plačnik",
             "platitelj/primatelj"});
        add(CsvField::Description,
            {"description",
             "memo",
             "activity",
             "memo/description",
             "narrative",
             "booking text",
             "details",
             "transaction description",
             "statement description",
             "note to payee",
             "trans desc",
             "libellé bancaire",
             "libelle bancaire",
             "explanation remark",
             "selite",
             "业务名称",
             "amount description",
             "omschrijving boeking",
             "item title",
             "transaction details",
             "payment type and details",
             "payment details",
             "descritivo",
             "popis transakcie",
             "popis transakce",
             "libellés",
             "détails du mouvement",
             "details van de beweging",
             "buchungs details",
             "buchungsdetails",
             "concepto/referencia",
             "nội dung chi tiết",
             "verwendungszweck",
             "purpose",
             "payment purpose",
             "purpose of payment",
             "remittance information",
             "remittance info",
             "reason for payment",
             "vorgang/verwendungszweck",
             "buchungstext/verwendungszweck",
             "umsatztext",
             "beschreibung1",
             "testo di registrazione",
             "testo di contabilizzazione",
             "testo",
             "transactions",
             "buchungstext",
             "umsatzbeschreibung",
             "avisierungstext",
             "merchant/description",
             "notification text",
             "testo di avviso",
             "texte de notification",
             "bezeichnung",
             "movimento",
             "buchungsdetails",
             "détail de l'écriture",
             "detail de l'ecriture",
             "libellé opération",
             "nature de l'opération",
             "nature de l'operation",
             "libelle operation",
             "libellé",
             "libelle",
             "libellé de l'opération",
             "detail van de omzet",
             "omschrijving",
             "mededelingen",
             "notifications",
             "descripción",
             "descripción de transacción",
             "descripcion de transaccion",
             "descripcion",
             "movimiento",
             "concepto",
             "detalle",
             "descrizione estesa",
             "descrizione completa",
             "descrizione1",
             "descrizione",
             "descrizione operazione",
             "descrizione operazioni",
             "dettagli",
             "causale",
             "particulars",
             "description1",
             "description 1",
             "item1", // the csb43 tool's CSV of a Norma 43 statement: its concept lines "item1", "item2"
             "beskrywing1",
             "omschrijving 1",
             "payment reference",
             "text",
             "buchungstext/text",
             "rubrik",
             "meddelande",
             "tekst",
             "beskrivelse",
             "selitys",
             "otsikko",
             "viesti",
             "beskrivning",
             "text/mottagare",
             "buchungs info",
             "buchungsinfo",
             "tytuł",
             "opis transakcji",
             "opis operacji",
             "기재내용",
             "label",
             "narration",
             "transaction remarks",
             "remarks",
             "bemerkungen",
             "addenda",
             "descrição",
             "descricao",
             "título",
             "titulo",
             "forklaring",
             "libellé court",
             "libelle court",
             "libellé simplifié",
             "libelle simplifie",
             "tytułem",
             "tytulem",
             "opis",
             "transaktionstext",
             "zpráva pro příjemce",
             "zprava pro prijemce",
             "zpráva",
             "zprava",
             "desc",
             "poznámka k platbě",
             "poznamka k platbe",
             "lançamento",
             "detalhes",
             "lancamento",
             "title",
             "komentář",
             "komentar",
             "uživatelská identifikace",
             "uzivatelska identifikace",
             "beschreibung",
             "activity name",
             "selgitus",
             "beschrijving",
             "descr",
             "titel",
             "tipologia",
             "type of event",
             "transactie",
             "mededeling 1",
             "mededeling",
             "descriere",
             "detalii tranzactie",
             "tittel",
             "systémový popis",
             "systemovy popis",
             "szczegóły transakcji",
             "szczegoly transakcji",
             "交易详情",
             "交易資訊",
             "說明",
             "摘要内容",
             "入出金内容",
             "お取引内容",
             "ご利用内容",
             "descriere operatiune",
             "descriere operațiune",
             "informācija saņēmējam",
             "informacija sanemejam",
             "ご利用箇所",
             "利用店舗",
             "交易名称",
             "交易摘要",
             "交易描述",
             "客户摘要",
             "交易附言",
             "附言",
             "利用店名 商品名",
             "ご利用店名",
             "ご利用店名 商品名",
             "ご利用先など",
             "ご利用先",
             "入出金先内容",
             "詳細1",
             "buchungsinformationen",
             "利用店名",
             "取引内容",
             "摘要",
             "交易说明",
             "订单标题",
             "交易說明",
             "商品说明",
             "商品",
             "商品名称",
             "mokėjimo paskirtis",
             "paskirtis",
             "お取り扱い内容",
             "keterangan",
             "交易备注",
             "historico",
             "histórico",
             "内容",
             "transaktionsbeschreibung",
             "descripción motivo",
             "descripcion motivo",
             "詳細１",
             "詳細1",
             "uraian",
             "uraian transaksi",
             "deskripsi",
             "deskripsi transaksi",
             "keterangan transaksi",
             "butiran",
             "açıklama",
             "açiklama",
             "aciklama",
             "dönem içi işlemler",
             "işlem açıklaması",
             "описание",
             "paaiškinimai",
             "основание",
             "назначение платежа",
             "описание операции",
             "детали",
             "детали операции",
             "опис операції",
             "деталі операції",
             "призначення платежу",
             "nội dung",
             "mô tả",
             "diễn giải",
             "nội dung giao dịch",
             "รายละเอียด",
             "รายการ",
             "الوصف",
             "البيان",
             "التفاصيل",
             "περιγραφή",
             "αιτιολογία",
             "správa pre prijímateľa",
             "تفاصيل العملية",
             "maksājuma mērķis",
             "mērķis",
             "적요",
             "texti",
             "skýring",
             "거래내용",
             "opis transakcije",
             "svrha",
             "svrha plaćanja",
             "opis plaćanja",
             "opis placanja",
             "namen",
             "namen plačila",
             "communication",
             "détails",
             "תיאור הפעולה",
             "תיאור",
             "פרטים",
             "תיאור הפעולה",
             "közlemény",
             "leírás",
             "megjegyzés",
             "merchant reference1",
             "action",
             "referens",
             "kontotext/wp identifikation",
             "kontotext",
             "transaction",
             "merchant reference",
             "order",
             "tranzakció",
             "transaktion",
             "detail",
             "obchodník",
             "détail",
             "название",
             "affilié",
             "détails de comptabilisation",
             "details de comptabilisation",
             "original description",
             "simple description"});
        add(CsvField::Category,
            {"category", "kategorie", "catégorie", "categorie", "categoría", "categoria",
             "merchant category description", "merchant category"});
        add(CsvField::Id,
            {"reference",
             "transaction id",
             "umsatz id",
             "codice transazione",
             "trans num",
             "annee reference",
             "année reference",
             "année référence",
             "trans id",
             "txn id",
             "tx id",
             "transaction number",
             "transaction reference",
             "id",
             "fitid",
             "reference number",
             "referenz",
             "kundenreferenz",
             "bankreferenz",
             "référence",
             "reference de l'operation",
             "referentie",
             "referencia",
             "riferimento",
             "bank reference",
             "交易订单号",
             "交易单号",
             "交易号",
             "pervedimo id",
             "референс проводки",
             "nomor referensi",
             "no referensi",
             "referans no",
             "số tham chiếu",
             "reference no",
             "identificador",
             "id da transação",
             "id da transacao",
             "identificación",
             "id de transacción"});
        add(CsvField::Account,
            {"account",
             "account number",
             "account no",
             "iban",
             "konto",
             "kontonummer",
             "auftragskonto",
             "iban auftragskonto",
             "account num",
             "bank account",
             "iban auftraggeberkonto",
             "auftraggeberkonto",
             "iban/bban",
             "compte",
             "numéro de compte",
             "numéro compte",
             "numero compte",
             "numero conto",
             "conto o carta",
             "rachunek",
             "rekening",
             "rekeningnummer",
             "cuenta",
             "conto",
             "conta",
             "account iban",
             "account name",
             "g/l acct",
             "g/l account",
             "gl account",
             "sachkonto",
             "posted account",
             "numer rachunku/karty",
             "no rekening",
             "nomor rekening",
             "hesap no",
             "номер счета",
             "номер рахунку",
             "số tài khoản",
             "source account",
             "account id",
             "cc num",
             "full account name",
             "наш рахунок",
             "наш iban",
             "рахунок",
             "bank account no",
             "bank account number",
             "wallet",
             "reikningur",
             "broj računa",
             "broj racuna",
             "계좌번호",
             "卡号",
             "账号",
             "kliendi konto",
             "klienta konts",
             "kliento sąskaita"});
        add(CsvField::Currency,
            {"currency",
             "währung",
             "mena",
             "通貨",
             "waehrung",
             "devise",
             "monnaie",
             "munt",
             "muntsoort",
             "divisa",
             "moneda",
             "moeda",
             "valuta della transazione",
             "ccy",
             "posted currency",
             "local currency",
             "document currency",
             "currency key",
             "hauswährung",
             "wkz umsatz",
             "belegwährung",
             "mata uang",
             "валюта",
             "valiuta",
             "para birimi",
             "tiền tệ",
             "العملة",
             "valutacode",
             "valuta rekening",
             "devise du compte",
             "compte tenu en",
             "rekeningvaluta",
             "billing currency",
             "account currency",
             "记账币种",
             "入账币种",
             "入账货币",
             "币种",
             "币别",
             "货币",
             "νόμισμα",
             "통화",
             "valuutta",
             "valuuta",
             "waluta",
             "měna",
             "valūta",
             "valută",
             "pénznem",
             "monn",
             "whrg",
             "devizanem",
             "deviza",
             "net currency",
             "kontowährung",
             "měna účtu",
             "mena účtu",
             "mena uctu",
             "tranzakció devizaneme",
             "buchungswährung",
             "buchungswaehrung",
             "валюта счета",
             "валюта счёта",
             "валюта рахунку",
             "валюта карты",
             "валюта картки",
             "währung der karte",
             "settlement currency",
             "zahlungswährung",
             "commodity/currency"});
        // Taken only when the column's values are debit/credit indicators (see indicatorSign).
        add(CsvField::Indicator,
            {"soll/haben",
             "debito/credito",
             "addebito/accredito",
             "πρόσημο ποσού",
             "billing amount sign",
             "收支类型",
             "crédito/débito",
             "débito/crédito",
             "amountcreditdebitindicator",
             "belastung/gutschrift",
             "gutschrift/belastung",
             "debit/kredit",
             "kredit/debit",
             "s/h",
             "soll/haben kennzeichen",
             "soll haben kennzeichen",
             "soll haben",
             "sh",
             "credit/debit",
             "debit/credit",
             "flow indicator",
             "debit/credit indicator",
             "transaction sign",
             "data type",
             "credit/debit indicator",
             "tipo de transação",
             "tipo de transacao",
             "tipo",
             "cr/dr",
             "dr/cr",
             "d/c",
             "c/d",
             "db/cr",
             "cr/db",
             "indicator",
             "credit debit indicator",
             "debit or credit",
             "credit or debit",
             "debit credit indicator",
             "type",
             "transaction type",
             "tran type",
             "סוג",
             "סוג תנועה",
             "kennzeichen",
             "creditdebet",
             "credit debet",
             "debet credit",
             "deebet/kreedit",
             "debets/kredīts",
             "debets/kredits",
             "credit/debet",
             "billing amount sign",
             "debit/credit flag",
             "借贷",
             "debet/credit",
             "af/bij",
             "af bij",
             "d/h",
             "direction",
             "收/支",
             "d/k",
             "χρέωση/πίστωση",
             "операція",
             "операция",
             "cargo/abono",
             "χ/π",
             "deb cred",
             "deb/cred",
             "transacción",
             "transaccion"});
        return t;
    }();
    return table;
}

// Revolut's completion and start dates (Completed Date, Started Date) in the languages it exports in.
bool isCompletionDateName(QStringView normalized)
{
    for (const char16_t* n : {u"completed date", u"datum des abschlusses", u"data di completamento",
                              u"data zrealizowania", u"date de fin", u"fecha de finalización", u"data de conclusão"})
        if (normalized == QStringView(n))
            return true;
    return false;
}

bool isStartDateName(QStringView normalized)
{
    for (const char16_t* n : {u"started date", u"datum des beginns", u"data di inizio", u"data rozpoczęcia",
                              u"date de début", u"fecha de inicio", u"data de início"})
        if (normalized == QStringView(n))
            return true;
    return false;
}

// True for a normalized header that names an amount after fees (PayPal's and Stripe's "Net", Amazon Pay's
// "NetTransactionAmount", "Netto", Spanish "Neto", Portuguese "Líquido"): the balance moves by it.
bool isNetAmountName(QStringView normalized)
{
    for (const char16_t* n :
         {u"net", u"net amount", u"net transaction amount", u"netto", u"neto", u"líquido", u"liquido", u"正味"})
        if (normalized == QStringView(n))
            return true;
    return false;
}

// Banks that export both parties (DKB, Sparkasse, ...) have a payer and a payee column; the counterparty of a
// row is the payee of money out and the payer of money in.
bool isPayerHeader(const QString& normalized)
{
    static const QSet<QString> names = {QStringLiteral("auftraggeber"),        QStringLiteral("zahlungspflichtige r"),
                                        QStringLiteral("zahlungspflichtiger"), QStringLiteral("payer"),
                                        QStringLiteral("ordenante"),           QStringLiteral("debtor"),
                                        QStringLiteral("donneur d'ordre"),     QStringLiteral("maksaja")};
    return names.contains(normalized);
}
bool isPayeeHeader(const QString& normalized)
{
    static const QSet<QString> names
        = {QStringLiteral("empfänger"),    QStringLiteral("zahlungsempfänger"), QStringLiteral("zahlungsempfänger in"),
           QStringLiteral("payee"),        QStringLiteral("beneficiary"),       QStringLiteral("beneficiario"),
           QStringLiteral("bénéficiaire"), QStringLiteral("creditor"),          QStringLiteral("saajan nimi")};
    return names.contains(normalized);
}

// Rows of pass 1 whose amounts and descriptions tell a card export's signs (checkPaymentSigns).
constexpr int kCardSignEvidenceRows = 2000;

// Rows of pass 1 whose amounts and stated balances tell the amounts' direction (checkBalanceSigns).
constexpr size_t kBalanceEvidenceRows = 400;

// One such row's cells as written.
struct BalanceEvidence
{
    QString amount, debit, credit, balance, account;
};

// A row's amount as written (an amount, or its credit less its debit), nullopt when it does not read.
// The currency a balance's evidence is read in: the file's, else (a file whose currency column names each row's) one
// of three decimals, so that amounts and balances of any currency read to the same scale.
QString evidenceCurrency(const ImportOptions& options)
{
    return options.defaultCurrency.isEmpty() ? QStringLiteral("BHD") : options.defaultCurrency;
}

std::optional<qint64> evidenceAmount(const BalanceEvidence& e, DecimalSeparator separator, const ImportOptions& options)
{
    const auto read = [&](const QString& text, qint64* out) {
        const Result<qint64> v = parseAmount(text, separator, evidenceCurrency(options), nullptr);
        if (v)
            *out = *v;
        return v.isOk();
    };
    qint64 amount = 0, credit = 0, debit = 0;
    if (!e.amount.trimmed().isEmpty())
        return read(e.amount, &amount) ? std::optional<qint64>(amount) : std::nullopt;
    if ((!e.credit.trimmed().isEmpty() && !read(e.credit, &credit))
        || (!e.debit.trimmed().isEmpty() && !read(e.debit, &debit)))
        return std::nullopt;
    return (credit < 0 ? -credit : credit) - (debit < 0 ? -debit : debit);
}

// How a balance column follows the amounts over neighbouring rows of one account, in either order of the file
// (oldest or newest first): the pairs whose balances differ by the later row's amount as written, by it with its
// sign turned, and by neither.
struct BalanceChain
{
    int asWritten = 0;
    int turned = 0;
    int neither = 0;
    // Neighbours of two accounts: those whose balances differ by the later row's amount from a balance that is not
    // zero (the second row continues the first one's balance: one account after all), and those that differ otherwise.
    int crossContinues = 0;
    int crossBreaks = 0;
    // Rows whose amount and balance read, and those whose balance is their own amount with its sign turned (a
    // ledger's line whose "Balance" is its debit less its credit: Odoo's journal items).
    int rows = 0;
    int ownAmountTurned = 0;
};
BalanceChain balanceChain(const std::vector<BalanceEvidence>& rows, DecimalSeparator separator,
                          const ImportOptions& options)
{
    struct Row
    {
        qint64 amount = 0;
        qint64 balance = 0;
        bool ok = false;
        const QString* account = nullptr;
    };
    std::vector<Row> parsed;
    parsed.reserve(rows.size());
    for (const BalanceEvidence& e : rows) {
        Row r;
        r.account = &e.account;
        const std::optional<qint64> amount = evidenceAmount(e, separator, options);
        const Result<qint64> balance = parseAmount(e.balance, separator, evidenceCurrency(options), nullptr);
        r.ok = amount && *amount != 0 && balance;
        r.amount = amount.value_or(0);
        r.balance = balance ? *balance : 0;
        parsed.push_back(r);
    }
    // sum == x + y, false where the sum overflows.
    const auto adds = [](qint64 sum, qint64 x, qint64 y) {
        qint64 z = 0;
        return checkedAdd(x, y, &z) && z == sum;
    };
    BalanceChain chain;
    for (const Row& r : parsed)
        if (r.ok) {
            ++chain.rows;
            chain.ownAmountTurned += r.balance == -r.amount ? 1 : 0;
        }
    for (size_t i = 1; i < parsed.size(); ++i) {
        const Row& a = parsed[i - 1];
        const Row& b = parsed[i];
        if (!a.ok || !b.ok)
            continue;
        if (*a.account != *b.account) {
            if ((a.balance != 0 && adds(b.balance, a.balance, b.amount))
                || (b.balance != 0 && adds(a.balance, b.balance, a.amount)))
                ++chain.crossContinues;
            else if (!adds(b.balance, a.balance, b.amount) && !adds(a.balance, b.balance, a.amount))
                ++chain.crossBreaks;
            continue;
        }
        if (adds(b.balance, a.balance, b.amount) || adds(a.balance, b.balance, a.amount))
            ++chain.asWritten;
        else if (adds(b.balance, a.balance, -b.amount) || adds(a.balance, b.balance, -a.amount))
            ++chain.turned;
        else
            ++chain.neither;
    }
    return chain;
}

// The names of the account (a column's, a label's above the header) that versions before 2026-12-07 did not know:
// derived ids are made with the account those versions read.
bool isLateAccountName(const QString& normalized)
{
    static const QSet<QString> late {QStringLiteral("rachunek"),      QStringLiteral("conto o carta"),
                                     QStringLiteral("numero conto"),  QStringLiteral("numéro compte"),
                                     QStringLiteral("numero compte"), QStringLiteral("conta")};
    return late.contains(normalized);
}

// An account label that names the account's holder or name rather than its number ("Account Name", GTBank's, above
// "Account Number"): taken only where no number's label follows.
bool isAccountNameLabel(const QString& cell)
{
    const QString n = normalizedHeader(cell);
    for (const char* word : {"name", "holder", "owner", "inhaber", "titular", "nom du", "nombre"})
        if (n.contains(QLatin1String(word)))
            return true;
    return false;
}

bool isAccountLabel(const QString& cell)
{
    const std::optional<CsvField> f = csvFieldForHeader(cell);
    // (And Cornèr Bank's "Konto-Nr.", which in a header is the other party's account: Volksbank's.)
    return f == CsvField::Account
        || normalizedHeader(cell).remove(QLatin1Char('-')).remove(QLatin1Char(' ')).remove(QLatin1Char(':'))
        == u"kontonr";
}

// The sign a debit/credit indicator cell gives an unsigned amount: -1 for money out (S, Soll, D, DR, Debit, DBIT,
// Lastschrift, Belastung, Af, 支出, Greek Χ, Hebrew חובה and הוצאות, Arabic مدين), +1 for money in (H, Haben, C, CR,
// Credit, CRDT, Gutschrift, Bij, 收入, Greek Π, Hebrew זכות and הכנסות, Arabic دائن), 0 for an
// empty cell or one that says neither (不计收支, "/"), nullopt for anything else. Case-insensitive; a trailing dot is
// ignored.
std::optional<int> indicatorSign(const QString& cell)
{
    QString v = cell.trimmed().toLower();
    if (v.endsWith(QLatin1Char('.')))
        v.chop(1);
    // Banco do Brasil's "(+)" and "(-)".
    if (v == u"(+)" || v == u"(-)")
        v = v.mid(1, 1);
    // Empty, or neither in nor out (Alipay's 不计收支, WeChat Pay's "/"; such rows are skipped).
    if (v.isEmpty() || v == u"不计收支" || v == u"/")
        return 0;
    static const QSet<QString> debit {
        QStringLiteral("s"),           QStringLiteral("soll"),        QStringLiteral("d"),
        QStringLiteral("dr"),          QStringLiteral("db"),          QStringLiteral("debit"),
        QStringLiteral("debits"),      QStringLiteral("dbit"),        QStringLiteral("lastschrift"),
        QStringLiteral("belastung"),   QStringLiteral("af"),          QStringLiteral("debet"),
        QStringLiteral("дебет"),       QStringLiteral("-"),           QStringLiteral("out"),
        QStringLiteral("支出"),        QStringLiteral("débito"),      QStringLiteral("debito"),
        QStringLiteral("nota débito"), QStringLiteral("nota debito"), QStringLiteral("χ"),
        QStringLiteral("借"),          QStringLiteral("חובה"),        QStringLiteral("הוצאות"),
        QStringLiteral("הוצאה"),       QStringLiteral("مدين"),        QStringLiteral("addebito")};
    static const QSet<QString> credit {
        QStringLiteral("h"),        QStringLiteral("haben"),        QStringLiteral("c"),
        QStringLiteral("cr"),       QStringLiteral("credit"),       QStringLiteral("credits"),
        QStringLiteral("crdt"),     QStringLiteral("gutschrift"),   QStringLiteral("bij"),
        QStringLiteral("+"),        QStringLiteral("refund"),       QStringLiteral("k"),
        QStringLiteral("kreedit"),  QStringLiteral("kredit"),       QStringLiteral("кредит"),
        QStringLiteral("in"),       QStringLiteral("收入"),         QStringLiteral("crédito"),
        QStringLiteral("credito"),  QStringLiteral("nota crédito"), QStringLiteral("nota credito"),
        QStringLiteral("π"),        QStringLiteral("贷"),           QStringLiteral("זכות"),
        QStringLiteral("הכנסות"),   QStringLiteral("הכנסה"),        QStringLiteral("دائن"),
        QStringLiteral("accredito")};
    if (debit.contains(v))
        return -1;
    if (credit.contains(v))
        return 1;
    // The same side in two languages (BOCOM's "借 Dr", "贷 Cr").
    if (const QStringList words = v.split(QLatin1Char(' '), Qt::SkipEmptyParts); words.size() == 2) {
        const auto sideOf = [](const QString& w) { return debit.contains(w) ? -1 : credit.contains(w) ? 1 : 0; };
        if (const int side = sideOf(words[0]); side != 0 && side == sideOf(words[1]))
            return side;
    }
    return std::nullopt;
}

struct Resolved
{
    QMap<CsvField, int> col; // 0-based
    int at(CsvField f) const { return col.value(f, -1); }
};

// Chooses the encoding for a streamed file: override, BOM, declared, else valid UTF-8 over the whole device.
Result<EncodingChoice> chooseStreamedEncoding(QIODevice* device, const QString& overrideName)
{
    const qint64 start = device->pos();
    const QByteArray head = device->peek(kHeadBytes);
    Result<EncodingChoice> choice = chooseEncoding(head, head.size() < kHeadBytes, overrideName);
    if (!choice || !overrideName.trimmed().isEmpty() || choice->bomLength > 0 || choice->encoding != u"UTF-8"
        || head.size() < kHeadBytes || device->isSequential())
        return choice;
    // The head is valid UTF-8: the rest must be too.
    QByteArray carry;
    bool valid = true;
    while (valid) {
        const QByteArray chunk = device->read(kChunkBytes);
        if (chunk.isEmpty())
            break;
        QByteArray bytes = carry + chunk;
        // Keep an incomplete sequence at the end for the next chunk.
        qsizetype cut = bytes.size();
        for (int k = 1; k <= 3 && k <= bytes.size(); ++k) {
            const uchar b = uchar(bytes[bytes.size() - k]);
            if (b >= 0xC0) {
                cut = bytes.size() - k;
                break;
            }
            if (b < 0x80)
                break;
        }
        valid = isValidUtf8(QByteArrayView(bytes).first(cut));
        carry = bytes.mid(cut);
    }
    if (valid && !carry.isEmpty())
        valid = isValidUtf8(carry);
    device->seek(start);
    if (!valid)
        return EncodingChoice {QStringLiteral("Windows-1252"), 0};
    return choice;
}

} // namespace

namespace {

// A header cell that is a currency's code alone ("EUR").
bool isCurrencyCodeHeader(const QString& header)
{
    const QString h = header.trimmed();
    return h.size() == 3 && std::all_of(h.cbegin(), h.cend(), [](QChar c) { return c.isLetter(); })
        && Money::isKnownCurrency(h.toUpper());
}

} // namespace

CsvMapping ledgerGuardCsvMapping()
{
    CsvMapping m;
    m.delimiter = QLatin1Char(',');
    m.headerLine = 1;
    m.decimalSeparator = DecimalSeparator::Point;
    auto header = [](const char* name) { return CsvColumn {0, QString::fromLatin1(name)}; };
    m.columns = {{CsvField::Date, header("timestamp")},
                 {CsvField::Amount, header("amount")},
                 {CsvField::Currency, header("currency")},
                 {CsvField::Description, header("description")},
                 {CsvField::Counterparty, header("counterparty")},
                 {CsvField::Category, header("category")},
                 {CsvField::Id, header("externalId")},
                 {CsvField::Account, header("accountName")}};
    return m;
}

std::optional<CsvField> csvFieldForHeader(const QString& header)
{
    const auto it = headerTable().constFind(normalizedHeader(header));
    if (it == headerTable().cend())
        return std::nullopt;
    return it->first;
}

namespace {

// True for the label of a statement's totals line in its date column ("Total", "Totals:", "Subtotal", "Summe",
// "Gesamt", "Umsatztotal" (BLKB), "Somme", "Totaal", "Totale", "Suma"): words only, no digit, so no date is ever taken
// for one. In a row without a date (`inUndatedRow`) the label may name more with digits ("Total 1010 - Checking",
// "Total Debits and Credits (01/11/2024 - 30/11/2024)": Sage Intacct's and Zoho Books' reports).
bool isTotalsLabel(const QString& text, bool inUndatedRow = false)
{
    if (text.isEmpty() || text.size() > (inUndatedRow ? 80 : 40)
        || (!inUndatedRow && std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); })))
        return false;
    // SAP's list output marks its totals lines with asterisks ("*", "**") in the first column.
    if (inUndatedRow && text.size() <= 3 && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c == u'*'; }))
        return true;
    // Chinese, Japanese and Korean: "人民币合计" (ICBC), "合計", "합계".
    for (const char16_t* t : {u"合计", u"合計", u"总计", u"小计", u"총계", u"합계"})
        if (text.endsWith(QStringView(t)))
            return true;
    static const QRegularExpression totals(
        QStringLiteral(
            "^(sub ?|transaction |grand |report |net |current "
            ")?(total|totals|sum|summe|gesamt|gesamtsumme|umsatztotal|umsatzsumme|somme|totaal|totale|"
            "suma|ukupno|skupaj|razem|celkem|spolu|\\x{f6}sszesen|yhteens\\x{e4}|kokku|\\x{438}\\x{442}\\x{"
            "43e}\\x{433}\\x{43e}|"
            "toplam|rulaj|обороти|tổng số|tổng cộng|mutasi (kredit|debet|debit)|omslutning)\\b|^net activity\\b|"
            "^\\s*(d(\\x{e9}|e)bitos|debits) ?/ ?(cr(\\x{e9}|e)ditos|credits)\\s*:?\\s*$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return totals.match(text).hasMatch();
}

// True for the text of a statement's balance line: "Beginning balance as of 11/01/2025", "Opening balance",
// "Balance brought forward", "Anfangssaldo", "Saldo", "Kontostand am 31.12.", "Solde au 30/11", also after the
// apostrophe that marks a spreadsheet's text (RBS: "'Balance as at 19 Jun 2023"). Not for a
// transaction that names a balance ("BALANCE TRANSFER", "Balance inquiry fee") or "Soldes".
bool isBalanceLabel(const QString& text)
{
    static const QRegularExpression balance(
        QStringLiteral(
            "^\\s*'?\\s*(?:(?:to|by)\\s+)?(((beginning|opening|closing|ending|starting|previous|new|available|ledger|"
            "current|"
            "open|"
            "close) balance)|((po\\x{10d}\\x{e1}te\\x{10d}n\\x{ed}|kone\\x{10d}n\\x{fd}) z\\x{16f}statek)|"
            "((po\\x{10d}iato\\x{10d}n\\x{fd}|kone\\x{10d}n\\x{fd}) zostatok)|((nyit\\x{f3}|z\\x{e1}r\\x{f3}) "
            "egyenleg)|(likutis (prad\\x{17e}ioje|pabaigoje|prad\\x{17e}iai|pabaigai))|((pradinis|galutinis) likutis)|"
            "((s\\x{101}kuma|beigu) atlikums)|(sold (initial|final|precedent))|"
            "(остаток на (начало|конец))|((входящий|исходящий) остаток)|(баланс на (начало|конец) периода)|"
            "(залишок на (початок|кінець))|((вхідний|вихідний) залишок)|(số dư (đầu|cuối) kỳ)|"
            "((inng|ing|indg|utg|udg)(\\x{e5}|a)ende saldo)|"
            "((novo|prethodno|po\\x{10d}etno|kona\\x{10d}no|zavr\\x{161}no|za\\x{10d}etno|kon\\x{10d}no) stanje)|"
            "(balance (as of|as at|on|brought forward|carried "
            "forward|b/f|c/f|b/fwd|c/fwd|forward))|((b/f|c/f|b/fwd|c/fwd) balance)|"
            "(balance at (the )?(start|beginning|end) of)|"
            "((anfangs|end|schluss|alter |neuer |eind|begin|start)?saldo(vortrag)?)|"
            "((alter |neuer )?kontostand)|(solde( "
            "initial| final| au| du| "
            "pr\\x{e9}c\\x{e9}dent| nouveau)?))\\b"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return balance.match(text).hasMatch();
}

enum class BalanceEnd { Opening, Closing };

// What a balance line's label says.
struct BalanceLabel
{
    BalanceEnd end;
    // A label that names an end of the statement by itself ("Neuer Kontostand", "Endsaldo", "Closing balance"),
    // unlike one that may name the balance of today as well ("Kontostand", "Saldo", "Ledger balance"), which states
    // the statement's closing balance only with a date or below the rows.
    bool byItself = true;
};

// The end of a statement that a balance line's label names: "Alter Kontostand", "Anfangssaldo", "Opening balance",
// "Solde initial", "Algsaldo" the opening; "Neuer Kontostand", "Endsaldo", "Closing balance", "Ledger Balance" (the
// booked balance, as OFX's LEDGERBAL), "Solde final", "Lõppsaldo" the closing; "Kontostand vom 04.12.2026:",
// "Saldo", "Solde au 30/11/2026" the closing when dated or below the rows. Never an available or current balance
// ("Aktueller Kontostand", "Saldo disponibile"), which may hold what is pending or owed. Tally writes its ledger's
// sides before them: "To Opening Balance", "By Closing Balance"; RBS a spreadsheet's text mark, "'Balance as at".
std::optional<BalanceLabel> balanceLineLabel(const QString& text)
{
    static const QRegularExpression opening(
        QStringLiteral(
            "^\\s*['#]?\\s*(?:(?:to|by)\\s+)?(anfangssaldo|alter kontostand|saldo "
            "alt|saldovortrag|startsaldo|beginsaldo|algsaldo|"
            "(opening|beginning|starting|previous|initial|open)[ _]?bal(ance)?\\.?|initial_available_balance|opening "
            "ledger( balance)?|balance "
            "(brought forward|b/f|b/fwd)|"
            "b/fwd balance|b/f balance|brought forward|"
            "balance at (the )?(start|beginning) of (the )?(period|statement)|"
            "solde (initial|pr\\x{e9}c\\x{e9}dent|d'ouverture|de d\\x{e9}part|de depart|d\\x{e9}part|depart|\\x{e0} "
            "nouveau|a nouveau)|ancien "
            "solde|solde (en )?d(\\x{e9}|e)but de p(\\x{e9}|e)riode|"
            "saldo (iniziale|inicial|anterior|di apertura|pocz\\x{105}tkowe)|"
            "po\\x{10d}\\x{e1}te\\x{10d}n\\x{ed} z\\x{16f}statek|po\\x{10d}iato\\x{10d}n\\x{fd} zostatok|"
            "nyit\\x{f3} egyenleg|likutis prad\\x{17e}ioje|likutis prad\\x{17e}iai|pradinis likutis|s\\x{101}kuma "
            "atlikums|saldo awal|"
            "sold (initial|precedent)|(prethodno|po\\x{10d}etno|za\\x{10d}etno) stanje|остаток на начало( периода)?|"
            "входящий остаток|баланс на начало периода|залишок на початок( періоду)?|вхідний залишок|начално салдо|số "
            "dư đầu kỳ|(inng|ing|indg)(\\x{e5}|a)ende saldo|alkusaldo)"
            "(\\s*$|[\\s:(\\-])"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression closing(
        QStringLiteral(
            "^\\s*['#]?\\s*(?:(?:to|by)\\s+)?(endsaldo|schlusssaldo|saldo neu|neuer kontostand|eindsaldo|laatste "
            "saldo|l\\x{f5}ppsaldo|"
            "(closing|ending|new|ledger|final|close|history)[ _]?bal(ance)?\\.?|balance (carried "
            "forward|c/f|c/fwd)|c/f "
            "balance|s a l d "
            "o|"
            "saldo,? welch(en|er) wir|saldo (do )?dia|closing ledger( balance)?|"
            "(account |current )?balance as (of|at)|balance at (the )?end of (the )?(period|statement)|"
            "solde (final|de cl\\x{f4}ture)|nouveau solde|solde (en )?fin de p(\\x{e9}|e)riode|saldo "
            "(finale|final|ko\\x{144}cowe)|"
            "kone\\x{10d}n\\x{fd} z\\x{16f}statek|kone\\x{10d}n\\x{fd} zostatok|z\\x{e1}r\\x{f3} egyenleg|"
            "likutis pabaigoje|likutis pabaigai|galutinis likutis|beigu atlikums|saldo akhir|sold final(?! zi)|"
            "(novo|kona\\x{10d}no|zavr\\x{161}no|kon\\x{10d}no) stanje|остаток на конец( периода)?|исходящий остаток|"
            "баланс на конец периода|залишок на кінець( періоду)?|вихідний залишок|"
            "крайно салдо|"
            "số dư cuối kỳ|solde \\((euros|eur)\\)|(utg|udg)(\\x{e5}|a)ende saldo|loppusaldo)"
            "(\\s*$|[\\s:(\\-])"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression dated(
        QStringLiteral("^\\s*['#]?\\s*(((letzter )?kontostand|saldo|solde( au| en date du)?|saldo contabile|saldo "
                       "contabil\\x{ed}stico)"
                       "(\\s*$|\\s*:|\\s+(per|am|al|au|vom|zum|op|as of|as at|on)\\b|\\s+\\d|\\s*\\(\\d))"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    if (text.size() < 5 || text.size() > 80)
        return std::nullopt;
    if (opening.match(text).hasMatch())
        return BalanceLabel {BalanceEnd::Opening, true};
    if (closing.match(text).hasMatch())
        return BalanceLabel {BalanceEnd::Closing, true};
    if (dated.match(text).hasMatch())
        return BalanceLabel {BalanceEnd::Closing, false};
    return std::nullopt;
}

// True for a row's text that names a balance, not a booking: a balance line's label ("Closing balance", "Saldo
// neu") or a day's balance (US banks' "Daily Ledger Bal").
bool namesBalance(const QString& text)
{
    static const QRegularExpression dailyBalance(
        QStringLiteral(R"(^\s*daily (ledger |available |collected )?bal(ance)?\b)"),
        QRegularExpression::CaseInsensitiveOption);
    return dailyBalance.match(text).hasMatch() || balanceLineLabel(text.trimmed()).has_value();
}

// The day/month order the dates a file states above its header show (BNP Paribas' loan account: "****1234;18/03/2022;;
// -123 456,78" over monthly rows "05/01/2022"), else nullopt. Only whole dates that read one way count, with a year of
// four digits or, written with '/' or '.', of two (not a UK sort code's "08-92-99" or "12-24-56").
std::optional<DateOrder> orderStatedDatesShow(const QStringList& statedDates)
{
    static const QRegularExpression wholeDate(
        QStringLiteral(R"(^\d{1,2}([./-])\d{1,2}\1(?:19|20)\d\d$|^\d{1,2}([./])\d{1,2}\2\d\d$)"));
    DateEvidence evidence;
    for (const QString& stated : statedDates)
        if (const QString t = stated.trimmed(); wholeDate.match(t).hasMatch()
            && parseDateParts(t, DateOrder::DayMonthYear).isOk() != parseDateParts(t, DateOrder::MonthDayYear).isOk())
            evidence.add(t);
    return evidence.orderByDays();
}

// What a file that is no text table is, with what to do instead, from its head: a PDF, a spreadsheet workbook (xlsx
// and ods are zip files, xls an OLE compound file), an HTML page (some banks' "Excel" downloads) or a JSON document (a
// bank's API); else empty.
QString documentKind(QByteArrayView head)
{
    if (head.startsWith("%PDF-"))
        return QStringLiteral("a PDF document: download the statement from the bank as CSV, OFX, camt.053 or MT940 "
                              "instead");
    if (head.startsWith("PK\x03\x04") || head.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return QStringLiteral("a spreadsheet workbook (Excel or OpenDocument): open it and save the sheet as CSV, then "
                              "import that file");
    const QByteArrayView text = head.trimmed();
    const auto startsWithNoCase = [&text](const char* prefix) {
        const qsizetype n = qsizetype(std::strlen(prefix));
        return text.size() >= n && QByteArrayView(text.first(n)).compare(prefix, Qt::CaseInsensitive) == 0;
    };
    if (startsWithNoCase("<!doctype html") || startsWithNoCase("<html") || startsWithNoCase("<table"))
        return QStringLiteral("an HTML page (as some banks' Excel downloads are): open it in a spreadsheet and save it "
                              "as CSV, then import that file");
    static const QRegularExpression json(QStringLiteral(R"(^(\{\s*"|\[\s*[{"\[]))"));
    if (json.match(QString::fromLatin1(text.first(std::min<qsizetype>(text.size(), 64)))).hasMatch())
        return QStringLiteral("a JSON document, a format LedgerGuard does not read: export the statement as CSV, OFX, "
                              "camt.053 or MT940");
    return {};
}

// The name of a bank statement format of fixed-width or coded records that the head of a file is written in and no
// parser here reads (Spanish Norma 43, Belgian CODA, BAI2, French CFONB 120), else empty.
QString unreadStatementFormat(QByteArrayView head)
{
    QList<QByteArrayView> lines;
    for (QByteArrayView rest = head; !rest.isEmpty() && lines.size() < 8;) {
        const qsizetype end = rest.indexOf('\n');
        QByteArrayView line = end < 0 ? rest : rest.first(end);
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            lines.append(line);
    }
    if (lines.size() < 2)
        return {};
    const auto digits
        = [](QByteArrayView v) { return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    const auto anyStarts = [&lines](const char* code) {
        return std::any_of(lines.cbegin() + 1, lines.cend(), [code](QByteArrayView l) { return l.startsWith(code); });
    };
    const QByteArrayView first = lines.front();
    // 1C's exchange file with its bank: "1CClientBankExchange", then "key=value" lines (ВерсияФормата=...).
    if (first.trimmed() == "1CClientBankExchange")
        return QStringLiteral("1C ClientBankExchange");
    // Swiss ESR/BESR (V11): records of 100 or 128 digits and spaces (trailing spaces may be cut), a transaction's type
    // code first ("002", "012", "112", ...).
    const auto esrRecord = [&digits](QByteArrayView l) {
        return l.size() >= 40 && l.size() <= 128 && digits(l.first(3))
            && std::all_of(l.begin(), l.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; });
    };
    if (first.size() >= 87 && std::all_of(lines.cbegin(), lines.cend(), esrRecord))
        return QStringLiteral("Swiss ESR (V11)");
    // Norma 43: "11" and the account's bank, branch and number, then "22" movements and "23" concepts.
    if (first.size() >= 40 && first.startsWith("11") && digits(first.first(26)) && anyStarts("22"))
        return QStringLiteral("Spanish Norma 43 (AEB43)");
    // CODA: a header record "0000" of 128 characters, then the old balance's record "1".
    if (first.size() >= 100 && first.startsWith("0000") && digits(first.first(16)) && lines[1].startsWith('1'))
        return QStringLiteral("Belgian CODA");
    // BAI2: "01," file header, "02," group header, "03," account identifier, each record ending in "/"; a bank may
    // write several records on one line, or pad its lines to a fixed length with blanks.
    if (first.startsWith("01,")) {
        QList<QByteArrayView> records;
        for (QByteArrayView rest = head; records.size() < 3;) {
            const qsizetype slash = rest.indexOf('/');
            if (slash < 0)
                break;
            records.append(rest.first(slash).trimmed());
            rest = rest.sliced(slash + 1);
        }
        if (records.size() == 3 && records[0].startsWith("01,") && records[1].startsWith("02,")
            && records[2].startsWith("03,"))
            return QStringLiteral("BAI2");
    }
    // CFONB 120: "01" old balance, "04" movements, each of 120 characters with the bank code at 3.
    if (first.size() == 120 && first.startsWith("01") && digits(first.sliced(2, 5)) && anyStarts("04"))
        return QStringLiteral("French CFONB 120");
    // QuickBooks' IIF: tab-separated lists whose header records start with '!' ("!TRNS", "!SPL", "!ENDTRNS"), each
    // transaction's split rows the other side of its double entry.
    const auto iifHeader = [](QByteArrayView l) {
        return l.contains('\t')
            && (l.startsWith("!TRNS\t") || l.startsWith("!SPL\t") || l.startsWith("!ACCNT\t")
                || l.startsWith("!HDR\t"));
    };
    if (iifHeader(first) || (first.startsWith('!') && std::any_of(lines.cbegin() + 1, lines.cend(), iifHeader)))
        return QStringLiteral("QuickBooks IIF");
    return {};
}

// Description columns named as versions before 2026-12-07 did not know (Capitec's "Statement Description", Bank of
// America's "Original Description" and "Simple Description", PostFinance's "Détails de comptabilisation", the
// English "Purpose" and "Remittance Information" of banks' exports): derived ids keep the description those
// versions read, without these columns.
const QStringList& lateDescriptionNames()
{
    static const QStringList names {QStringLiteral("statement description"),
                                    QStringLiteral("original description"),
                                    QStringLiteral("simple description"),
                                    QStringLiteral("détails de comptabilisation"),
                                    QStringLiteral("details de comptabilisation"),
                                    QStringLiteral("purpose"),
                                    QStringLiteral("payment purpose"),
                                    QStringLiteral("purpose of payment"),
                                    QStringLiteral("remittance information"),
                                    QStringLiteral("remittance info")};
    return names;
}

// True for a date as banks write one in a cell or a label: 31.01.2024, 2024-01-31, 1/31/24, 20240131.
bool looksLikeDate(QStringView text)
{
    static const QRegularExpression date(
        QStringLiteral(R"((^|\D)(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(19|20)\d\d[01]\d[0-3]\d)(\D|$))"));
    return date.match(text.toString()).hasMatch();
}

// True for a cell that is a currency's ISO 4217 code ("EUR"), not of the euro's predecessors whose codes are also
// countries' (Spain's "ESP", Cyprus' "CYP").
bool isCurrencyCodeCell(QStringView cell)
{
    const QStringView t = cell.trimmed();
    return t.size() == 3 && std::all_of(t.cbegin(), t.cend(), [](QChar c) { return c >= u'A' && c <= u'Z'; })
        && t != u"ESP" && t != u"CYP" && Money::isKnownCurrency(t.toString());
}

// The value a balance line states after its label in fields[label]: the rest of the label's cell after its colon
// ("Closing balance: 1,234.56", "Ledger Balance : 1520.45 as of 20240131"; not a time's colon), else the first
// later cell that reads as an amount and not as a date ("Kontostand;31.01.2024;;;2.626,55;EUR"). Empty when there
// is none.
QString balanceLineValue(const QStringList& fields, qsizetype label)
{
    // (DKB's "Saldo vom 02.01.2025:";"--123,45 EUR": the minus written twice.)
    const auto singleMinus = [](const QString& t) {
        const QString v = t.trimmed();
        return v.size() > 2 && v.startsWith(QLatin1String("--")) && v[2].isDigit() ? v.mid(1) : t;
    };
    const auto isAmount = [](const QString& t) {
        return std::any_of(t.begin(), t.end(), [](QChar c) { return c.isDigit(); }) && !looksLikeDate(t)
            && parseDecimalText(t, DecimalSeparator::Auto);
    };
    // The text's longest run of leading words (at most four) that reads as an amount, after a currency's code
    // ("Saldo: CHF 45520.83": acrevis, Valiant).
    const auto amountIn = [&isAmount](const QString& text) -> QString {
        QStringList words = text.simplified().split(QLatin1Char(' '));
        if (words.size() >= 2 && isCurrencyCodeCell(words.front()))
            words.removeFirst();
        for (qsizetype n = std::min<qsizetype>(words.size(), 4); n > 0; --n)
            if (QString t = words.first(n).join(QLatin1Char(' ')); isAmount(t))
                return t;
        return {};
    };
    // A group of three digits (and the cents) that a comma delimiter cut from an amount not quoted.
    static const QRegularExpression thousands(QStringLiteral(R"(^\d{3}(?:\.\d{1,2})?$)"));
    const QString& first = fields[label];
    for (qsizetype colon = first.indexOf(QLatin1Char(':')); colon >= 0;
         colon = first.indexOf(QLatin1Char(':'), colon + 1)) {
        const bool time
            = colon > 0 && colon + 1 < first.size() && first[colon - 1].isDigit() && first[colon + 1].isDigit();
        if (time)
            continue;
        if (QString value = amountIn(first.mid(colon + 1)); !value.isEmpty()) {
            // A line the comma delimiter cut inside its amount's thousands ("Account Balance as of January 31 2024:
            // $1,284.37" unquoted: Barclays US): the groups of three digits in the cells after it are the amount's.
            const QString tail = first.mid(colon + 1).simplified();
            for (qsizetype i = label + 1; tail == value && i < fields.size() && thousands.match(fields[i]).hasMatch();
                 ++i)
                value += QLatin1Char(',') + fields[i];
            return value;
        }
        break;
    }
    // "Solde au 05/02/2025 3 335,80 €": the amount after the label's date, in the same cell.
    static const QRegularExpression dateInLabel(QStringLiteral(R"(\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"));
    if (const QRegularExpressionMatch m = dateInLabel.match(first); m.hasMatch())
        if (QString value = amountIn(first.mid(m.capturedEnd())); !value.isEmpty())
            return value;
    // A cell of a date and then only the amount with its currency's code ("as on 31/01/2025   INR 36,893.13":
    // Kotak), its thousands cut into the next cells where the line is not quoted; else the first amount.
    static const QRegularExpression codeAndAmount(QStringLiteral(R"(^([A-Z]{3})\s+(\S+)$|^(\S+)\s+([A-Z]{3})$)"));
    for (qsizetype i = label + 1; i < fields.size(); ++i) {
        const QRegularExpressionMatch d = dateInLabel.match(fields[i]);
        if (!d.hasMatch())
            continue;
        const QRegularExpressionMatch m = codeAndAmount.match(fields[i].mid(d.capturedEnd()).simplified());
        if (!m.hasMatch() || !isCurrencyCodeCell(m.captured(m.capturedLength(1) > 0 ? 1 : 4)))
            continue;
        QString value = m.captured(m.capturedLength(2) > 0 ? 2 : 3);
        for (qsizetype k = i + 1; m.capturedLength(2) > 0 && k < fields.size() && thousands.match(fields[k]).hasMatch();
             ++k)
            value += QLatin1Char(',') + fields[k];
        if (isAmount(value))
            return value;
    }
    for (qsizetype i = label + 1; i < fields.size(); ++i)
        if (const QString t = singleMinus(fields[i]).trimmed(); isAmount(t))
            return t;
    return {};
}

// The currency an amount column's header names ("Total (AUD)", "CAD$", "Umsatz in EUR", "Betrag (\u20ac)"), or
// empty: an ISO code in capitals, or the euro or pound sign.
QString headerCurrency(const QString& header)
{
    if (header.contains(QChar(0x20AC)))
        return QStringLiteral("EUR");
    if (header.contains(QChar(0xA3)))
        return QStringLiteral("GBP");
    // The Brazilian real's "R$" and "US$" (C6's "Valor (em R$)" and "Valor (em US$)").
    if (header.contains(QLatin1String("US$")))
        return QStringLiteral("USD");
    if (header.contains(QLatin1String("R$")))
        return QStringLiteral("BRL");
    // "Importo in euro" (Nexi), "Montant en euros", "Betrag in Euro".
    static const QRegularExpression inEuro(QStringLiteral("\\s(in|en)\\s+euros?\\s*$"),
                                           QRegularExpression::CaseInsensitiveOption);
    if (inEuro.match(header).hasMatch())
        return QStringLiteral("EUR");
    qsizetype i = 0;
    while (i < header.size()) {
        if (!header[i].isLetter()) {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < header.size() && header[j].isLetter())
            ++j;
        const QString word = header.mid(i, j - i);
        if (word.size() == 3 && word == word.toUpper() && Money::isKnownCurrency(word))
            return word;
        i = j;
    }
    return {};
}

// True for the text of a payment to a card as the card's statements write it: "INTERNET PAYMENT - THANK YOU",
// "PAYMENT RECEIVED", "Paiement reçu, merci", American Express's "ZAHLUNG/ÜBERWEISUNG ERHALTEN BESTEN DANK" and
// "PRELEVEMENT AUTOMATIQUE ENREGISTRE-MERCI", China Guangfa Bank's "（还款）", Brazilian card bills' "PAGAMENTO ON
// LINE", "Inclusao de Pagamento" and "PAGTO. POR DEB EM C/C" (not the paying account's "CHASE CREDIT CRD AUTOPAY").
// `cardColumn`: a column names the card, so texts that the paying account writes too are the card's: China Merchants
// Bank's "财付通还款" (the account's "信用卡还款"), C6 Bank's "PAGAMENTO EM 20/08", Uruguayan cards' "RECIBO DE PAGO".
bool isCardPaymentText(const QString& text, bool cardColumn)
{
    static const QRegularExpression payment(
        QStringLiteral(
            "(payment|pymt|pmt|paiement|pr\\x{e9}l\\x{e8}vement|prelevement|zahlung|pago|pagamento|betaling).{0,30}("
            "thank|"
            "merci|dank|received|re\\x{e7}u|recibido|recebido|ricevuto|ontvangen)|thank you for your payment|card "
            "repayment|autopay payment|"
            "^\\s*(pagamento on ?line|inclus(a|\\x{e3})o de pagamento|pagto\\.? por d(e|\\x{e9})b( em c/c)?)\\s*$|"
            "^[\\x{FF08}(]\\x{8FD8}\\x{6B3E}[\\x{FF09})]"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression cardOnly(
        QStringLiteral("\\x{8FD8}\\x{6B3E}\\s*$|^\\s*pagamento em \\d{1,2}/\\d{1,2}\\s*$|^\\s*recibo de pago\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    return text.size() < 200 && (payment.match(text).hasMatch() || (cardColumn && cardOnly.match(text).hasMatch()));
}

// True for an amount written negative: a leading minus (also U+2212), a trailing one, or parentheses.
bool writtenNegative(QStringView amount)
{
    return amount.startsWith(u'-') || amount.startsWith(u'(') || amount.endsWith(u'-') || amount.startsWith(u'\u2212');
}

// A currency cell as its ISO 4217 code: the code as written (any case), or a name banks write instead (the ruble's
// code before 1998, RUR; the Turkish lira's TL; Chinese banks' 人民币, 美元, ...; ISO 4217's numeric code, "360");
// empty for none ("-": PayPay's domestic payment). A bare "$" (ledger-cli's commodity, an Argentine "Moneda") is the
// `chosen` currency where that is a dollar or a peso, else USD; "Pesos" the chosen peso.
QString currencyCode(const QString& cell, const QString& chosen = {})
{
    QString c = cell.trimmed().toUpper();
    static const QHash<QString, QString> names = {{QStringLiteral("RUR"), QStringLiteral("RUB")},
                                                  {QStringLiteral("TL"), QStringLiteral("TRY")},
                                                  {QStringLiteral("RMB"), QStringLiteral("CNY")},
                                                  {QStringLiteral("人民币"), QStringLiteral("CNY")},
                                                  {QStringLiteral("美元"), QStringLiteral("USD")},
                                                  {QStringLiteral("港币"), QStringLiteral("HKD")},
                                                  {QStringLiteral("港元"), QStringLiteral("HKD")},
                                                  {QStringLiteral("欧元"), QStringLiteral("EUR")},
                                                  {QStringLiteral("日元"), QStringLiteral("JPY")},
                                                  {QStringLiteral("英镑"), QStringLiteral("GBP")},
                                                  {QStringLiteral("澳元"), QStringLiteral("AUD")},
                                                  {QStringLiteral("加元"), QStringLiteral("CAD")},
                                                  {QStringLiteral("新加坡元"), QStringLiteral("SGD")},
                                                  {QStringLiteral("瑞士法郎"), QStringLiteral("CHF")},
                                                  {QStringLiteral("新台币"), QStringLiteral("TWD")},
                                                  {QStringLiteral("韩元"), QStringLiteral("KRW")},
                                                  {QStringLiteral("澳门元"), QStringLiteral("MOP")},
                                                  {QStringLiteral("-"), QString()},
                                                  {QStringLiteral("\u2014"), QString()},
                                                  {QStringLiteral("\uFF0D"), QString()},
                                                  {QStringLiteral("\u2212"), QString()},
                                                  // ledger-cli's and GnuCash's commodities as their signs and names
                                                  {QStringLiteral("\u20AC"), QStringLiteral("EUR")},
                                                  {QStringLiteral("EURO"), QStringLiteral("EUR")},
                                                  {QStringLiteral("\u00A3"), QStringLiteral("GBP")}};
    if (c.startsWith(QLatin1String("CURRENCY::")))
        c.remove(0, 10);
    static const QSet<QString> pesos = {QStringLiteral("ARS"), QStringLiteral("CLP"), QStringLiteral("COP"),
                                        QStringLiteral("MXN"), QStringLiteral("UYU")};
    static const QSet<QString> dollars
        = {QStringLiteral("USD"), QStringLiteral("CAD"), QStringLiteral("AUD"), QStringLiteral("NZD"),
           QStringLiteral("SGD"), QStringLiteral("HKD"), QStringLiteral("TWD")};
    if (c == u"$")
        return pesos.contains(chosen.toUpper()) || dollars.contains(chosen.toUpper()) ? chosen.toUpper()
                                                                                      : QStringLiteral("USD");
    // Latin American names of the currencies: "Dólares" the US dollar, "Pesos" the chosen currency's peso.
    if (c == u"D\u00D3LARES" || c == u"DOLARES" || c == u"D\u00D3LAR" || c == u"DOLAR" || c == u"U$S"
        || c == u"DOLARES ESTADOUNIDENSES" || c == u"D\u00D3LARES ESTADOUNIDENSES" || c == u"DOLARES AMERICANOS"
        || c == u"D\u00D3LARES AMERICANOS")
        return QStringLiteral("USD");
    // (Costa Rican banks' "COLONES COSTARRICENSES".)
    if (c == u"COLONES" || c == u"COLONES COSTARRICENSES" || c == u"COL\u00D3N" || c == u"COLON")
        return QStringLiteral("CRC");
    if (c == u"EUROS")
        return QStringLiteral("EUR");
    if ((c == u"PESOS" || c == u"PESO") && pesos.contains(chosen.toUpper()))
        return chosen.toUpper();
    if (const auto it = names.constFind(c); it != names.cend())
        return *it;
    if (const QString code = Money::currencyForNumericCode(c); !code.isEmpty())
        return code;
    return c;
}

// A cell that a spreadsheet is told to keep as text, `="CH1234567890123456789"` (PostFinance), as that text.
QString unwrappedFormulaText(const QString& cell)
{
    return cell.size() >= 3 && cell.startsWith(u"=\"") && cell.endsWith(u'"') ? cell.mid(2, cell.size() - 3) : cell;
}

// An account column's cell as the account's name or number: without the stray double quotes of a field whose quoting
// the bank got wrong (Rabobank's `NL77RABO0311467415","EUR",...`: no account name or IBAN holds one).
QString accountCell(const QString& cell)
{
    return QString(cell).remove(QLatin1Char('"')).trimmed();
}

// An account number without the apostrophe a spreadsheet puts before a number to keep it text (KlikBCA's
// "'1234567890", Amex's "'-41004"): the account is the number's.
QString withoutTextMark(const QString& account)
{
    return account.size() > 1 && account.front() == u'\''
            && (account[1].isDigit() || (account[1] == u'-' && account.size() > 2 && account[2].isDigit()))
        ? account.mid(1)
        : account;
}

// The currency of the most rows among `counts` (rows per currency code); of equal counts, the first code in order.
QString mostRowsIn(const QHash<QString, qint64>& counts)
{
    QStringList codes = counts.keys();
    codes.sort();
    QString main = codes.value(0);
    for (const QString& c : std::as_const(codes))
        main = counts.value(c) > counts.value(main) ? c : main;
    return main;
}

// True for a row type that moves money out of a payment processor's balance: a fee, refund, return, chargeback,
// reversal, commission or payout (Klarna's "FEE", "RETURN"); or a withdrawal.
bool isMoneyOutType(QStringView type)
{
    for (const char16_t* t :
         {u"fee", u"fees", u"refund", u"return", u"chargeback", u"reversal", u"commission", u"payout", u"withdrawal"})
        if (type.compare(QStringView(t), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// True for a row state that is no booking: pending, reverted, declined, failed, cancelled (Revolut's "State"),
// denied and voided (PayPal's and card processors' "Status"), "Umsatz vorgemerkt" (Sparkasse's pending rows),
// "offen" (comdirect's pending rows, in the date column), "Venter" and "Reserveret" (Danske Bank's "Status"),
// "Reserverat" (Nordea Sweden's pending rows, in the date column), "scheduled" and "in_transit" (payouts not yet
// paid: Shopify, Stripe), "not approved" (Satispay's refused payments), "PEND" (BCA's pending rows, in the date
// column), "Varaus" (Nordea Finland's card reservations, in the date column).
bool isUnbookedState(const QString& state)
{
    if (state.isEmpty() || state.size() > 24)
        return false;
    if (state.startsWith(QLatin1Char('\''))) // KlikBCA's "'PEND": a spreadsheet's text mark
        return isUnbookedState(state.mid(1));
    for (const char* s : {"pending",
                          "reverted",
                          "declined",
                          "failed",
                          "cancelled",
                          "canceled",
                          "denied",
                          "rejected",
                          "voided",
                          "void",
                          "processing",
                          "umsatz vorgemerkt",
                          "vorgemerkt",
                          "reserviert",
                          "offen",
                          "venter",
                          "reserveret",
                          "reserverad",
                          "reserverat",
                          "reservert",
                          "scheduled",
                          "in_transit",
                          "in transit",
                          "expired",
                          "payment failed",
                          "failure",
                          "geweigerd",
                          "refused",
                          "abgelehnt",
                          "rechazado",
                          "rifiutato",
                          "pendiente",
                          "in sospeso",
                          "en suspens",
                          "anulado",
                          "anulada",
                          "cancelado",
                          "cancelada",
                          "processor_declined",
                          "gateway_rejected",
                          "settlement_declined",
                          "non contabilizzato",
                          "not approved",
                          "payment declined",
                          "pend",
                          "varaus",
                          "katevaraus",
                          "non approvato",
                          "unapproved",
                          "abandoned",
                          "fail",
                          "reversed",
                          "authorised",
                          "authorized",
                          "negativo",
                          "settling",
                          "submitted_for_settlement",
                          "authorizing",
                          "oczekuje",
                          "autorizzato",
                          "autorizzata",
                          "prenotato",
                          "prenotata"})
        if (state.compare(QLatin1String(s), Qt::CaseInsensitive) == 0)
            return true;
    // Alipay's and WeChat Pay's closed, failed and cancelled trades.
    for (const char16_t* s : {u"交易关闭", u"交易失败", u"已关闭", u"已取消", u"支付失败"})
        if (state == QStringView(s))
            return true;
    // Refused in French (Hello bank!'s and BNP Paribas Fortis's "Statut", Qonto's "Déclinée"), Croatian, Polish and
    // Czech; Russian "В
    // обработке" (processing: VTB), "Отклонена" (declined).
    for (const char16_t* s :
         {u"refusé", u"refusée", u"déclinée", u"rejeté", u"annulé", u"en attente", u"odbijeno", u"odrzucona",
          u"odrzucone", u"zamítnuto", u"zamítnutá", u"en suspens", u"в обработке", u"отклонена", u"отклонено"})
        if (state.compare(QStringView(s), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// The one text of a record that holds nothing else: a report's section heading ("Checking" above QuickBooks' rows
// of that account), or nullptr.
const QString* sectionHeading(const CsvRecord& r)
{
    const QString* text = nullptr;
    for (const QString& f : r.fields) {
        if (f.trimmed().isEmpty())
            continue;
        if (text != nullptr || std::any_of(f.cbegin(), f.cend(), [](QChar c) { return c.isDigit(); }))
            return nullptr;
        text = &f;
    }
    return text;
}

// True for a report's heading that names an account: by its number ("Business Checking (4471)", "10100 · Checking")
// or by an account's word ("Business Bank Account", "HDFC Bank Current A/c", "Checking"); not a period ("March
// 2024", "Q1 2024") or a category ("Groceries", "Office Supplies").
bool namesAnAccount(const QString& heading)
{
    static const QSet<QString> periods {
        QStringLiteral("january"),    QStringLiteral("february"),  QStringLiteral("march"),
        QStringLiteral("april"),      QStringLiteral("may"),       QStringLiteral("june"),
        QStringLiteral("july"),       QStringLiteral("august"),    QStringLiteral("september"),
        QStringLiteral("october"),    QStringLiteral("november"),  QStringLiteral("december"),
        QStringLiteral("jan"),        QStringLiteral("feb"),       QStringLiteral("mar"),
        QStringLiteral("apr"),        QStringLiteral("jun"),       QStringLiteral("jul"),
        QStringLiteral("aug"),        QStringLiteral("sep"),       QStringLiteral("sept"),
        QStringLiteral("oct"),        QStringLiteral("nov"),       QStringLiteral("dec"),
        QStringLiteral("januar"),     QStringLiteral("februar"),   QStringLiteral("märz"),
        QStringLiteral("mai"),        QStringLiteral("juni"),      QStringLiteral("juli"),
        QStringLiteral("oktober"),    QStringLiteral("dezember"),  QStringLiteral("janvier"),
        QStringLiteral("février"),    QStringLiteral("mars"),      QStringLiteral("avril"),
        QStringLiteral("juin"),       QStringLiteral("juillet"),   QStringLiteral("août"),
        QStringLiteral("septembre"),  QStringLiteral("octobre"),   QStringLiteral("novembre"),
        QStringLiteral("décembre"),   QStringLiteral("enero"),     QStringLiteral("febrero"),
        QStringLiteral("marzo"),      QStringLiteral("abril"),     QStringLiteral("mayo"),
        QStringLiteral("junio"),      QStringLiteral("julio"),     QStringLiteral("agosto"),
        QStringLiteral("septiembre"), QStringLiteral("octubre"),   QStringLiteral("noviembre"),
        QStringLiteral("diciembre"),  QStringLiteral("gennaio"),   QStringLiteral("febbraio"),
        QStringLiteral("aprile"),     QStringLiteral("maggio"),    QStringLiteral("giugno"),
        QStringLiteral("luglio"),     QStringLiteral("settembre"), QStringLiteral("ottobre"),
        QStringLiteral("dicembre"),   QStringLiteral("januari"),   QStringLiteral("februari"),
        QStringLiteral("maart"),      QStringLiteral("mei"),       QStringLiteral("augustus"),
        QStringLiteral("quarter"),    QStringLiteral("week"),      QStringLiteral("year")};
    static const QSet<QString> accountWords {
        QStringLiteral("bank"),      QStringLiteral("account"),     QStringLiteral("accounts"),
        QStringLiteral("acct"),      QStringLiteral("checking"),    QStringLiteral("chequing"),
        QStringLiteral("cheque"),    QStringLiteral("savings"),     QStringLiteral("saving"),
        QStringLiteral("current"),   QStringLiteral("deposit"),     QStringLiteral("credit"),
        QStringLiteral("card"),      QStringLiteral("visa"),        QStringLiteral("mastercard"),
        QStringLiteral("amex"),      QStringLiteral("cash"),        QStringLiteral("loan"),
        QStringLiteral("paypal"),    QStringLiteral("wallet"),      QStringLiteral("operating"),
        QStringLiteral("payroll"),   QStringLiteral("treasury"),    QStringLiteral("escrow"),
        QStringLiteral("konto"),     QStringLiteral("girokonto"),   QStringLiteral("tagesgeld"),
        QStringLiteral("sparkonto"), QStringLiteral("kreditkarte"), QStringLiteral("kasse"),
        QStringLiteral("bankkonto"), QStringLiteral("compte"),      QStringLiteral("banque"),
        QStringLiteral("livret"),    QStringLiteral("cuenta"),      QStringLiteral("banco"),
        QStringLiteral("conto"),     QStringLiteral("rekening"),    QStringLiteral("spaarrekening")};
    static const QRegularExpression word(QStringLiteral("\\p{L}+"), QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression quarter(QStringLiteral("^\\s*(q|h)[1-4]\\b"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (quarter.match(heading).hasMatch() || heading.contains(QLatin1String("a/c"), Qt::CaseInsensitive))
        return !quarter.match(heading).hasMatch();
    bool accountWord = false;
    for (QRegularExpressionMatchIterator it = word.globalMatch(heading); it.hasNext();) {
        const QString w = it.next().captured().toLower();
        if (periods.contains(w))
            return false;
        accountWord = accountWord || accountWords.contains(w);
    }
    return accountWord || std::any_of(heading.cbegin(), heading.cend(), [](QChar c) { return c.isDigit(); });
}

// Headings and total lines noted in pass 1 (accountHeading, totalledName), at most.
constexpr qsizetype kMaxAccountHeadings = 1000;

// The text of a record whose first field alone holds one, as a report writes the heading of an account's rows
// ("Business Checking (4471)" in QuickBooks' Transaction Detail by Account; its Desktop edition's General Ledger
// writes the account's opening balance beside it): a letter in it, at most 80 characters, not a date, a balance's or
// a total's label, and nothing but numbers in the other fields; else empty.
QString accountHeading(const CsvRecord& r)
{
    if (r.fields.isEmpty())
        return {};
    const QString text = r.fields.front().trimmed();
    if (text.isEmpty() || text.size() > 80
        || std::any_of(r.fields.cbegin() + 1, r.fields.cend(),
                       [](const QString& f) {
                           return !f.trimmed().isEmpty() && !parseDecimalText(f.trimmed(), DecimalSeparator::Auto);
                       })
        || std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); }) || looksLikeDate(text)
        || isTotalsLabel(text, true) || isBalanceLabel(text))
        return {};
    return text;
}

// What the first text of a report's total line names ("Total for Business Checking (4471)", Xero's "Total Business
// Bank Account"), else empty.
QString totalledName(const CsvRecord& r)
{
    const auto first
        = std::find_if(r.fields.cbegin(), r.fields.cend(), [](const QString& f) { return !f.trimmed().isEmpty(); });
    if (first == r.fields.cend() || !first->trimmed().startsWith(u"total", Qt::CaseInsensitive))
        return {};
    static const QRegularExpression total(QStringLiteral("^\\s*totals?(\\s+for)?\\s+(.+?)\\s*$"),
                                          QRegularExpression::CaseInsensitiveOption);
    return total.match(*first).captured(2);
}

// True for a record of separators only (";;;;" as spreadsheets write a blank row).
bool isBlankRecord(const CsvRecord& r)
{
    return std::all_of(r.fields.cbegin(), r.fields.cend(), [](const QString& f) { return f.trimmed().isEmpty(); });
}

// A line that only draws a rule (HDFC Bank's "********,********,..." under its header): every field empty or drawn
// with '*', '-', '=' or '_', at least one drawn.
bool isRuleRecord(const CsvRecord& r)
{
    bool drawn = false;
    for (const QString& f : r.fields) {
        const QString t = f.trimmed();
        if (t.isEmpty())
            continue;
        if (!std::all_of(t.cbegin(), t.cend(), [](QChar c) {
                return c == QLatin1Char('*') || c == QLatin1Char('-') || c == QLatin1Char('=') || c == QLatin1Char('_');
            }))
            return false;
        drawn = true;
    }
    return drawn;
}

} // namespace

namespace {

// The columns of a file whose first records name no date and amount column (Wells Fargo writes no header row:
// "01/05/2024","-12.50","*","","PURCHASE ..."), found from the records' contents.
struct ColumnsFromContents
{
    int headerIndex = -1; // the first record when only it does not fit (a header in words no table knows)
    QList<std::pair<CsvField, CsvColumn>> columns; // date, amount (or debit and credit), indicator, description
    int balance = -1; // 0-based column of the balance after each row, when one is found
    bool balanceBefore = false; // `balance` is the balance before each row (the Volksbank group's SNS, ASN, RegioBank)
    // The other columns with words, longest texts first (0-based): a row whose description cell is empty takes the
    // first of them that is not (Standard Bank's fee rows leave the merchant empty and name the charge beside it).
    QList<int> otherTexts;
    // The other party's name column was found beside a description of a few kinds (not beside IBANs): derived ids are
    // made without it, as imports before that rule had them.
    bool partyBesideKinds = false;
    // A summary record above the rows: the period's two dates, then its opening and closing balances (PNC:
    // "1234567890,2024/01/01,2024/01/31,1000.00,2421.08"), as written, with its line.
    struct Summary
    {
        int line = 0;
        QString opening, closing;
    };
    std::optional<Summary> summary;
    QString description; // for the import's warnings
    // A column of payment plans in every row ("1回払い", "リボ"): a Japanese card's statement, its charges positive.
    bool cardPlans = false;
    // The record at headerIndex names no columns (it is the last preamble line above the rows: BNP Paribas's account
    // line), and is read as the preamble is.
    bool headerIsPreamble = false;
};

// Among the records with the most common field count: the first column whose every value is a date; the amount: of
// the columns whose every value is a number (at least one with a decimal separator), the one that moves another
// (a balance) from row to row, else a pair of neighbouring columns of which every row fills one (debit, then
// credit), else the first; a column of debit/credit indicators ("Debet", "Credit", "DEBIT") that signs the amounts; a
// balance column that follows from the amounts; and the other column with the longest texts as the description. The
// first of those records may be a header (no date, no number in those columns); records before the first that fits
// are a preamble. nullopt when no date or no amount column is found.
std::optional<ColumnsFromContents> columnsFromContents(const QList<CsvRecord>& records, bool wholeUnits)
{
    // The most common width of at least two fields; between equally common ones, the first seen.
    QList<std::pair<qsizetype, int>> widths; // width, records, in the order first seen
    for (const CsvRecord& r : records) {
        auto it = std::find_if(widths.begin(), widths.end(), [&](const auto& w) { return w.first == r.fields.size(); });
        if (it == widths.end())
            widths.append({r.fields.size(), 1});
        else
            ++it->second;
    }
    qsizetype width = 0;
    int most = 0;
    for (const auto& [w, count] : std::as_const(widths)) {
        if (w >= 2 && count > most) {
            width = w;
            most = count;
        }
    }
    QList<const CsvRecord*> rows;
    QList<int> indexes; // of rows in records
    // Not a totals line, undated: numbers alone (SMBC Vpass's ",,,,,40427," below its rows), or under a totals label
    // ("お支払い合計,,,,,5050", CommBank's ",2303.86,TOTAL,,"; not a dated row of "TOTAL ENERGIES").
    const auto numbersAlone = [](const CsvRecord& r) {
        if (std::any_of(r.fields.cbegin(), r.fields.cend(), [](const QString& f) {
                return parseDateParts(f, DateOrder::DayMonthYear).isOk()
                    || parseDateParts(f, DateOrder::MonthDayYear).isOk();
            }))
            return false;
        return std::all_of(r.fields.cbegin(), r.fields.cend(),
                           [](const QString& f) {
                               return std::all_of(f.cbegin(), f.cend(), [](QChar c) {
                                   return c.isDigit() || c.isSpace() || c == u'.' || c == u',' || c == u'-';
                               });
                           })
            || std::any_of(r.fields.cbegin(), r.fields.cend(),
                           [](const QString& f) { return isTotalsLabel(f.trimmed(), true); });
    };
    for (int i = 0; i < records.size(); ++i) {
        if (records[i].fields.size() == width && !numbersAlone(records[i])) {
            rows.append(&records[i]);
            indexes.append(i);
        }
    }
    if (rows.isEmpty())
        return std::nullopt;
    const auto isDate = [](const QString& v) {
        return parseDateParts(v, DateOrder::DayMonthYear).isOk() || parseDateParts(v, DateOrder::MonthDayYear).isOk();
    };
    // A number that is no date ("05.01.2024" reads as a grouped number too).
    const auto isNumber = [&isDate](const QString& v) {
        const QString t = v.trimmed();
        return std::any_of(t.cbegin(), t.cend(), [](QChar c) { return c.isDigit(); }) && !isDate(t)
            && parseDecimalText(t, DecimalSeparator::Auto).isOk();
    };
    const auto hasSeparator
        = [](const QString& v) { return v.contains(QLatin1Char('.')) || v.contains(QLatin1Char(',')); };
    // Column c fits `test` in every row from `first` on (empty dates and amounts do not fit).
    const auto fits = [&](int c, qsizetype first, const auto& test) {
        return std::all_of(rows.cbegin() + first, rows.cend(), [&](const CsvRecord* r) { return test(r->fields[c]); });
    };
    // An amount column: numbers in every row, at least one with a decimal separator (an id or a check number has
    // none); fewer than half of the rows may have none where no cell of theirs holds a number with decimals (Amazon's
    // credit card at LBB: a row of bonus points, "+ 15.0 AMAZON.DE PUNKTE", without an amount). In a currency without
    // minor units (`wholeUnits`: yen, won) whole numbers do, but not a column of numbers written with leading zeros
    // or counting up by one (a row number or an id: "0001", "0002").
    const auto countsRows = [&](int c, qsizetype first) {
        std::optional<qint64> previous;
        bool counting = true;
        for (auto r = rows.cbegin() + first; r != rows.cend(); ++r) {
            const QString t = (*r)->fields[c].trimmed();
            if (t.size() > 1 && t.front() == QLatin1Char('0'))
                return true;
            bool ok = false;
            const qint64 v = t.toLongLong(&ok);
            counting = counting && ok && (!previous || v == *previous + 1 || v == *previous - 1);
            previous = v;
        }
        return counting && rows.size() - first >= 2;
    };
    const auto isAmountColumn = [&](int c, qsizetype first) {
        qsizetype blank = 0;
        const bool numbers = std::all_of(rows.cbegin() + first, rows.cend(), [&](const CsvRecord* r) {
            if (isNumber(r->fields[c]))
                return true;
            ++blank;
            return r->fields[c].trimmed().isEmpty()
                && std::none_of(r->fields.cbegin(), r->fields.cend(),
                                [&](const QString& v) { return hasSeparator(v) && isNumber(v); });
        });
        return numbers && 2 * blank < rows.size() - first
            && ((wholeUnits && !countsRows(c, first))
                || std::any_of(rows.cbegin() + first, rows.cend(),
                               [&](const CsvRecord* r) { return hasSeparator(r->fields[c]); }));
    };
    for (const qsizetype first : {qsizetype(0), qsizetype(1)}) {
        if (rows.size() - first < 1 + first) // a header is taken for one only with at least two rows under it
            continue;
        int date = -1, amount = -1;
        for (int c = 0; c < width && date < 0; ++c)
            if (fits(c, first, isDate))
                date = c;
        if (date < 0)
            continue;
        // Rabobank's headerless download before 2018: the interest date (rentedatum) first, then D or C, the amount,
        // the other party's account and name, and the booking date (boekdatum) before a two-letter booking code:
        // the booking date is the row's date.
        int interestDate = -1;
        static const QRegularExpression bookingCode(QStringLiteral("^[a-z]{2}$"));
        if (date + 6 < width && fits(date + 5, first, isDate)
            && fits(date + 1, first, [](const QString& v) { return v.trimmed() == u"D" || v.trimmed() == u"C"; })
            && fits(date + 6, first, [](const QString& v) { return bookingCode.match(v.trimmed()).hasMatch(); })) {
            interestDate = date;
            date += 5;
        }
        // Where three amount columns hold a balance before, a balance after and what moved it (ABN AMRO's .TAB:
        // start balance, end balance, amount), the amount is the one that adds up, the balances the pair that chains
        // from row to row (oldest or newest first); else the first amount column.
        QList<int> amounts; // at most kMaxAmountColumns, the first ones
        int accountColumn = -1; // a column naming each row's account
        int balanceAfterEachRow = -1; // the balance after column of the three that add up in every row
        constexpr qsizetype kMaxAmountColumns = 8;
        for (int c = 0; c < width && amounts.size() < kMaxAmountColumns; ++c)
            if (c != date && isAmountColumn(c, first))
                amounts.append(c);
        const auto cents = [](const QString& text) -> std::optional<qint64> {
            const Result<DecimalText> d = parseDecimalText(text, DecimalSeparator::Auto);
            if (!d)
                return std::nullopt;
            const Result<qint64> v = decimalToMinor(*d, 4);
            return v ? std::optional<qint64>(*v) : std::nullopt;
        };
        // Every row's before + moved = after, and at least half of the neighbouring rows of one account chain (a
        // sample with rows left out, ABN AMRO's anonymised one, chains in runs).
        const auto addsUp = [&](int before, int after, int moved) {
            qsizetype pairs = 0, forward = 0, backward = 0;
            for (auto r = rows.cbegin() + first; r != rows.cend(); ++r) {
                const auto b = cents((*r)->fields[before]), a = cents((*r)->fields[after]);
                const auto m = cents((*r)->fields[moved]);
                qint64 sum = 0;
                if (!b || !a || !m || !checkedAdd(*b, *m, &sum) || sum != *a)
                    return false;
                // (Rows of one account chain: ABN AMRO's file of several accounts names each in its first field.)
                if (r + 1 != rows.cend() && (*(r + 1))->fields.value(0) == (*r)->fields.value(0)) {
                    ++pairs;
                    forward += cents((*(r + 1))->fields[before]) == a ? 1 : 0;
                    backward += cents((*(r + 1))->fields[after]) == b ? 1 : 0;
                }
            }
            return rows.cend() - (rows.cbegin() + first) < 2 // one row
                || (pairs > 0 && 2 * std::max(forward, backward) >= pairs);
        };
        if (amounts.size() >= 3 && amounts.size() <= 6)
            for (int moved : std::as_const(amounts))
                for (int before : std::as_const(amounts))
                    for (int after : std::as_const(amounts))
                        if (amount < 0 && moved != before && moved != after && before != after
                            && addsUp(before, after, moved)) {
                            amount = moved;
                            balanceAfterEachRow = after;
                            // Its first field then names the account (ABN AMRO: "123456789", then the currency).
                            static const QRegularExpression number(QStringLiteral("^\\d{7,12}$"));
                            if (date != 0 && before != 0 && after != 0 && moved != 0
                                && fits(0, first,
                                        [](const QString& v) { return number.match(v.trimmed()).hasMatch(); }))
                                accountColumn = 0;
                        }
        // An indicator column signs unsigned amounts only (a column of "C" beside signed amounts is a cleared flag).
        const bool unsignedAmounts = !amounts.isEmpty() && fits(amounts.first(), first, [](const QString& v) {
            const QString t = v.trimmed();
            return !t.startsWith(QLatin1Char('-')) && !t.startsWith(QLatin1Char('(')) && !t.endsWith(QLatin1Char('-'));
        });
        int indicator = -1;
        for (int c = 0; c < width && indicator < 0 && unsignedAmounts; ++c)
            if (c != date && fits(c, first, [](const QString& v) {
                    return std::any_of(v.cbegin(), v.cend(), [](QChar ch) { return ch.isLetter(); })
                        && indicatorSign(v).value_or(0) != 0;
                }))
                indicator = c;
        // A column of "+" and "-" alone, both of them (Santander México's sign before its unsigned amount).
        for (int c = 0; c < width && indicator < 0 && unsignedAmounts; ++c) {
            const auto symbol = [c](const CsvRecord* r, QStringView sign) { return r->fields[c].trimmed() == sign; };
            if (c != date && fits(c, first, [](const QString& v) { return v.trimmed() == u"+" || v.trimmed() == u"-"; })
                && std::any_of(rows.cbegin() + first, rows.cend(), [&](const CsvRecord* r) { return symbol(r, u"+"); })
                && std::any_of(rows.cbegin() + first, rows.cend(), [&](const CsvRecord* r) { return symbol(r, u"-"); }))
                indicator = c;
        }
        // Beside signed amounts, a column of words (DEBIT, CREDIT; not a one-letter cleared flag) that marks both ways
        // and turns every row's sign the same way (a New Zealand card's DEBIT on its positive purchases, CREDIT on
        // its negative payments) is an indicator too: the card's signs are turned.
        if (!unsignedAmounts && !amounts.isEmpty()) {
            const int amountCol = amounts.first();
            for (int c = 0; c < width && indicator < 0; ++c) {
                if (c == date || c == amountCol)
                    continue;
                int agree = 0, disagree = 0, credits = 0, debits = 0;
                bool words = true;
                for (auto r = rows.cbegin() + first; r != rows.cend() && words; ++r) {
                    const QString v = (*r)->fields[c].trimmed();
                    const int sign
                        = v.size() >= 2 && std::all_of(v.cbegin(), v.cend(), [](QChar ch) { return ch.isLetter(); })
                        ? indicatorSign(v).value_or(0)
                        : 0;
                    words = sign != 0;
                    const std::optional<qint64> a = cents((*r)->fields[amountCol]);
                    if (!words || !a)
                        break;
                    (sign > 0 ? credits : debits) += 1;
                    if (*a != 0)
                        (((*a > 0) == (sign > 0)) ? agree : disagree) += 1;
                }
                if (words && credits > 0 && debits > 0 && agree == 0 && disagree > 0)
                    indicator = c;
            }
        }
        // Debit and credit: neighbouring columns of which every row holds a number in one and nothing (or a zero, as
        // Shinhan and Banco Galicia write the other side) in the other, each of them in some row (a signed amount
        // beside an empty column, as a trailing delimiter leaves, is none).
        const auto blank = [&cents](const QString& v) {
            const QString t = v.trimmed();
            return t.isEmpty() || cents(t) == std::optional<qint64>(0);
        };
        int debit = -1;
        for (int c = 0; c + 1 < width && debit < 0; ++c) {
            if (c == date || c + 1 == date || c == indicator || c + 1 == indicator)
                continue;
            bool pair = true, separator = false, anyDebit = false, anyCredit = false;
            for (auto r = rows.cbegin() + first; r != rows.cend() && pair; ++r) {
                const QString& d = (*r)->fields[c];
                const QString& k = (*r)->fields[c + 1];
                const bool debitBlank = blank(d);
                pair = debitBlank ? isNumber(k) && !blank(k) : blank(k) && isNumber(d);
                anyDebit = anyDebit || !debitBlank;
                anyCredit = anyCredit || debitBlank;
                separator = separator || hasSeparator(d) || hasSeparator(k);
            }
            if (pair && separator && anyDebit && anyCredit)
                debit = c;
        }
        // A row's signed amount as read from column `moved` (or the debit/credit pair when moved < 0).
        bool creditFirst = false; // the pair's first column is the money in (China Merchants Bank's 收入, 支出)
        const auto signedCents = [&](const CsvRecord& r, int moved) -> std::optional<qint64> {
            if (moved < 0) {
                const int debitCol = creditFirst ? debit + 1 : debit;
                const int creditCol = creditFirst ? debit : debit + 1;
                const auto d = cents(r.fields[debitCol]), k = cents(r.fields[creditCol]);
                return k && *k != 0 ? std::optional<qint64>(*k < 0 ? -*k : *k)
                    : d             ? std::optional<qint64>(*d < 0 ? *d : -*d)
                                    : k;
            }
            std::optional<qint64> v = cents(r.fields[moved]);
            if (v && indicator >= 0)
                *v = indicatorSign(r.fields[indicator]).value_or(1) * (*v < 0 ? -*v : *v);
            return v;
        };
        // How column `balance` follows the amounts: 1 as the balance after each row (in either order of the rows), 2
        // as the balance before it in rows oldest first (ASN Bank), 3 as the balance before it in rows newest first
        // (or a card's balance owed after each row, oldest first), 0 not at all. Rows with an empty balance cell
        // (PostFinance's balance after the last booking of a day only) are crossed by the balance after each row: their
        // amounts add to the step between the balances around them (two such steps at least).
        const auto follows = [&](int moved, int balance) {
            if (rows.size() - first < 2)
                return 0;
            bool afterUp = true, afterDown = true, beforeUp = true, beforeDown = true;
            // a + b == c without overflow.
            const auto adds = [](qint64 a, qint64 b, qint64 c) {
                qint64 sum = 0;
                return checkedAdd(a, b, &sum) && sum == c;
            };
            const CsvRecord* last = nullptr; // the last row with a balance
            qint64 between = 0; // the amounts of the rows after it without one
            bool crossed = false; // the file has rows without a balance between two with one
            int steps = 0;
            for (auto r = rows.cbegin() + first; r != rows.cend() && (afterUp || afterDown || beforeUp || beforeDown);
                 ++r) {
                // Each account's balance runs on its own (ABN AMRO's file of several accounts).
                if (last && accountColumn >= 0
                    && last->fields.value(accountColumn) != (*r)->fields.value(accountColumn)) {
                    last = nullptr;
                    between = 0;
                }
                const auto m = signedCents(**r, moved);
                if (!m)
                    return 0;
                const auto b = cents((*r)->fields[balance]);
                if (!b) {
                    if (!blank((*r)->fields[balance]))
                        return 0;
                    if (last && !checkedAdd(between, *m, &between))
                        return 0;
                    continue;
                }
                if (last) {
                    const auto m0 = signedCents(*last, moved);
                    const auto b0 = cents(last->fields[balance]);
                    qint64 step = 0, stepDown = 0;
                    if (!checkedAdd(between, *m, &step) || !checkedAdd(between, *m0, &stepDown))
                        return 0;
                    afterUp = afterUp && adds(*b0, step, *b);
                    afterDown = afterDown && adds(*b, stepDown, *b0);
                    if (between != 0 || (r != rows.cbegin() + first && *(r - 1) != last))
                        crossed = true;
                    beforeUp = beforeUp && !crossed && adds(*b0, *m0, *b);
                    beforeDown = beforeDown && !crossed && adds(*b, *m, *b0);
                    ++steps;
                }
                last = *r;
                between = 0;
            }
            if (steps == 0 || (crossed && steps < 2))
                return 0;
            return afterUp || afterDown ? 1 : beforeUp ? 2 : beforeDown ? 3 : 0;
        };
        if (amount < 0 && amounts.size() >= 2)
            for (int moved : std::as_const(amounts))
                for (int balance : std::as_const(amounts))
                    if (amount < 0 && moved != balance && follows(moved, balance) != 0)
                        amount = moved;
        // Amounts in a currency without minor units as some banks write them (OTP's forints: "-12990") have no
        // decimal separator: a column of whole numbers is the amount only when another one follows it as a balance
        // over at least two steps (an id, a check number or a count never does).
        if (amount < 0 && debit < 0 && amounts.isEmpty() && rows.size() - first >= 3) {
            QList<int> integers;
            for (int c = 0; c < width && integers.size() < kMaxAmountColumns; ++c)
                if (c != date && fits(c, first, isNumber))
                    integers.append(c);
            // Not an amount of one value in every row (a record type's 1 "follows" a running count), nor a balance
            // that steps by one (a row number); and only where one column alone fits.
            const auto constant = [&](int c) {
                return std::all_of(rows.cbegin() + first, rows.cend(), [&](const CsvRecord* r) {
                    return cents(r->fields[c]) == cents(rows[first]->fields[c]);
                });
            };
            const auto counts = [&](int c) {
                for (auto r = rows.cbegin() + first; r + 1 != rows.cend(); ++r) {
                    const auto a = cents((*r)->fields[c]), b = cents((*(r + 1))->fields[c]);
                    if (!a || !b || (*b - *a != 10000 && *a - *b != 10000)) // cents() reads 4 decimals
                        return false;
                }
                return true;
            };
            QList<int> candidates;
            for (int moved : std::as_const(integers))
                for (int balance : std::as_const(integers))
                    if (moved != balance && !candidates.contains(moved) && !constant(moved) && !counts(balance)
                        && follows(moved, balance) != 0)
                        candidates.append(moved);
            if (candidates.size() == 1) {
                amount = candidates.first();
                amounts = integers;
            }
        }
        if (amount < 0 && debit < 0 && !amounts.isEmpty())
            amount = amounts.first();
        if (amount < 0 && debit < 0)
            continue;
        const int amountOrDebit = amount >= 0 ? amount : debit;
        // The first record is a header only when it holds no date and no number where the rows have them; else it
        // is a row (with its own errors) and the file does not fit.
        if (first == 1 && (isDate(rows[0]->fields[date]) || isNumber(rows[0]->fields[amountOrDebit])))
            continue;
        // The balance may be one of the amount columns, or a column of numbers that leaves cells empty where rows have
        // amounts (PostFinance's balance after the last booking of a day only).
        QList<int> balances = amounts;
        for (int c = 0; c < width && balances.size() < 2 * kMaxAmountColumns; ++c) {
            if (c == date || c == indicator || amounts.contains(c) || (debit >= 0 && (c == debit || c == debit + 1)))
                continue;
            qsizetype written = 0;
            bool separator = false;
            const bool numbers = std::all_of(rows.cbegin() + first, rows.cend(), [&](const CsvRecord* r) {
                const QString& v = r->fields[c];
                if (v.trimmed().isEmpty())
                    return true;
                ++written;
                separator = separator || hasSeparator(v);
                return isNumber(v);
            });
            if (numbers && written >= 3 && (separator || wholeUnits))
                balances.append(c);
        }
        int balance = balanceAfterEachRow; // where every row adds up, whatever order its rows of a day are in
        for (int c : std::as_const(balances))
            if (balance < 0 && c != amount && follows(amount, c) == 1)
                balance = c;
        // Else a balance before each row, in rows oldest first ("Saldo rekening voor mutatie" in the SNS, ASN and
        // RegioBank download; not a card's balance owed, which runs against the amounts the other way round).
        bool balanceBefore = false;
        for (int c : std::as_const(balances))
            if (balance < 0 && amount >= 0 && c != amount && follows(amount, c) == 2) {
                balance = c;
                balanceBefore = true;
            }
        // Money in before money out: the balance follows the pair read the other way round.
        if (balance < 0 && amount < 0 && debit >= 0) {
            creditFirst = true;
            for (int c : std::as_const(balances))
                if (balance < 0 && c != debit && c != debit + 1 && follows(-1, c) == 1)
                    balance = c;
            creditFirst = balance >= 0;
        }
        const auto isAmountOrSign = [&](int c) {
            return c == amount || (debit >= 0 && (c == debit || c == debit + 1)) || c == indicator || c == balance;
        };
        // The columns with words, by their length in all; a column whose every written cell is mostly digits (a rate
        // "8.10 SGD @ .976500000000" beside the merchant's name) or an IBAN, or of one text in every row, after the
        // others.
        static const QRegularExpression iban(QStringLiteral("^[A-Z]{2}\\d{2} ?[A-Z0-9]{4}( ?[A-Z0-9]{1,4}){2,7}$"));
        QList<std::pair<qsizetype, int>> texts;
        QSet<int> figures;
        for (int c = 0; c < width; ++c) {
            if (c == date || isAmountOrSign(c))
                continue;
            qsizetype length = 0;
            bool words = false, allFigures = true;
            for (auto r = rows.cbegin() + first; r != rows.cend(); ++r) {
                const QString& v = (*r)->fields[c];
                length += v.trimmed().size();
                const auto letters = std::count_if(v.cbegin(), v.cend(), [](QChar ch) { return ch.isLetter(); });
                const auto digits = std::count_if(v.cbegin(), v.cend(), [](QChar ch) { return ch.isDigit(); });
                words = words || letters > 0;
                allFigures = allFigures
                    && (v.trimmed().isEmpty() || 2 * letters < digits || iban.match(v.trimmed()).hasMatch());
            }
            if (words)
                texts.append({length, c});
            // One text in every row of three or more (Desjardins' branch name before the narrative) describes none.
            const QString& top = rows[first]->fields[c];
            const bool constant = rows.size() - first >= 3
                && std::all_of(rows.cbegin() + first, rows.cend(),
                               [&](const CsvRecord* r) { return r->fields[c] == top; });
            if (allFigures || constant)
                figures.insert(c);
        }
        // Longest first; between equal lengths, the first column.
        std::stable_sort(texts.begin(), texts.end(), [&figures](const auto& a, const auto& b) {
            const bool aFigures = figures.contains(a.second), bFigures = figures.contains(b.second);
            return aFigures != bFigures ? bFigures : a.first > b.first;
        });
        int description = texts.isEmpty() ? -1 : texts.first().second;
        ColumnsFromContents out;
        // The others, but for a column of one value in every row (a currency, the account's own IBAN, a record type).
        for (qsizetype i = 1; i < texts.size(); ++i) {
            const int c = texts[i].second;
            const QString& top = rows[first]->fields[c];
            if (std::any_of(rows.cbegin() + first, rows.cend(),
                            [&](const CsvRecord* r) { return r->fields[c] != top; }))
                out.otherTexts.append(c);
        }
        // The other party's name: the longest text column (not codes of up to three letters) beside a column of the
        // other party's IBANs (Triodos: name, then IBAN; ASN: IBAN, then name), which varies from row to row and holds
        // IBANs in at least half of the rows. When that is the column taken as the description, the next longest text
        // column is the description.
        int counterparty = -1;
        {
            const qsizetype count = rows.cend() - rows.cbegin() - first;
            const auto ibans = [&](int c) {
                if (c < 0 || c >= width)
                    return false;
                qsizetype found = 0, empty = 0;
                const QString& top = rows[first]->fields[c];
                bool varies = false;
                for (auto r = rows.cbegin() + first; r != rows.cend(); ++r) {
                    varies = varies || (*r)->fields[c] != top;
                    // Or a Polish account number (26 digits in groups, Santander's with an apostrophe before it).
                    static const QRegularExpression nrb(QStringLiteral("^'?\\d{2}( ?\\d{4}){6}$"));
                    const QString v = (*r)->fields[c].trimmed();
                    found += iban.match(v).hasMatch() || nrb.match(v).hasMatch() ? 1 : 0;
                    empty += v.isEmpty() ? 1 : 0;
                }
                // In at least half of the rows that have one (a card payment's row names no other account).
                return varies && found * 2 >= count - empty && found >= std::min<qsizetype>(2, count);
            };
            const auto isText = [&](int c) {
                return std::any_of(rows.cbegin() + first, rows.cend(),
                                   [c](const CsvRecord* r) { return r->fields[c].trimmed().size() > 3; });
            };
            for (const auto& [length, c] : std::as_const(texts)) // longest first
                if (counterparty < 0 && (c == description || out.otherTexts.contains(c)) && !ibans(c) && isText(c)
                    && (ibans(c + 1) || ibans(c - 1)))
                    counterparty = c;
            if (counterparty >= 0 && counterparty == description) {
                description = -1;
                for (int c : std::as_const(out.otherTexts))
                    if (description < 0 && c != counterparty && !ibans(c) && isText(c))
                        description = c;
                if (description < 0) { // no other text: the name describes the rows
                    description = counterparty;
                    counterparty = -1;
                }
            }
            // A description column of a few kinds repeated ("Bill Payment", "Deposit": Scotiabank's headerless export)
            // right beside a column of names (words, not codes of letters and digits like "REF7731AB") more varied
            // for the rows that have one (the payee's): that column names the other party.
            const auto distinct = [&](int c) {
                QSet<QString> values;
                qsizetype filled = 0, named = 0;
                for (auto r = rows.cbegin() + first; r != rows.cend(); ++r)
                    if (const QString v = (*r)->fields[c].trimmed(); !v.isEmpty()) {
                        values.insert(v);
                        ++filled;
                        const bool digits = std::any_of(v.cbegin(), v.cend(), [](QChar ch) { return ch.isDigit(); });
                        named += (v.contains(QLatin1Char(' ')) || !digits)
                                && std::count_if(v.cbegin(), v.cend(), [](QChar ch) { return ch.isLetter(); }) >= 2
                            ? 1
                            : 0;
                    }
                return std::tuple {values.size(), filled, named};
            };
            if (counterparty < 0 && description >= 0 && count >= 4) {
                const auto [kinds, described, _] = distinct(description);
                for (int c : {description + 1, description - 1})
                    if (c >= 0 && out.otherTexts.contains(c))
                        if (const auto [names, filled, words] = distinct(c); counterparty < 0 && !ibans(c) && isText(c)
                            && kinds * 2 <= described && names * described > kinds * filled && filled * 2 >= count
                            && words * 2 >= filled) {
                            counterparty = c;
                            out.partyBesideKinds = true;
                        }
            }
            out.otherTexts.removeAll(counterparty);
            out.otherTexts.removeAll(description);
        }
        // Records before the first that fits are a preamble: the one right before it is taken as the header line.
        // Wider records with a date in the date column just above it are rows, not the header (an extra field at
        // the end of a text: "Incasso,SEPA Incasso" unquoted); narrower ones (a period's dates, a balance line) are
        // not.
        out.headerIndex = first == 1 ? indexes[0] : indexes[0] - 1;
        out.headerIsPreamble = first == 0;
        while (first == 0 && out.headerIndex >= 0 && records[out.headerIndex].fields.size() > width
               && isDate(records[out.headerIndex].fields[date]))
            --out.headerIndex;
        out.columns.append({CsvField::Date, CsvColumn {date + 1, {}}});
        QString what = QStringLiteral("no header row names the columns: read from their contents as date = column %1")
                           .arg(date + 1);
        if (interestDate >= 0) {
            out.columns.append({CsvField::ValueDate, CsvColumn {interestDate + 1, {}}});
            what += QStringLiteral(", value date = column %1").arg(interestDate + 1);
        }
        if (accountColumn >= 0) {
            out.columns.append({CsvField::Account, CsvColumn {accountColumn + 1, {}}});
            what += QStringLiteral(", account = column %1").arg(accountColumn + 1);
        }
        if (amount >= 0) {
            out.columns.append({CsvField::Amount, CsvColumn {amount + 1, {}}});
            what += QStringLiteral(", amount = column %1").arg(amount + 1);
        } else {
            const int debitCol = creditFirst ? debit + 1 : debit;
            const int creditCol = creditFirst ? debit : debit + 1;
            out.columns.append({CsvField::Debit, CsvColumn {debitCol + 1, {}}});
            out.columns.append({CsvField::Credit, CsvColumn {creditCol + 1, {}}});
            what += QStringLiteral(", debit = column %1, credit = column %2").arg(debitCol + 1).arg(creditCol + 1);
        }
        if (indicator >= 0 && amount >= 0) {
            out.columns.append({CsvField::Indicator, CsvColumn {indicator + 1, {}}});
            what += QStringLiteral(", debit/credit = column %1").arg(indicator + 1);
        }
        if (balance >= 0) {
            out.balance = balance;
            out.balanceBefore = balanceBefore;
            what += (balanceBefore ? QStringLiteral(", balance before each row = column %1")
                                   : QStringLiteral(", balance = column %1"))
                        .arg(balance + 1);
        }
        if (description >= 0) {
            out.columns.append({CsvField::Description, CsvColumn {description + 1, {}}});
            what += QStringLiteral(", description = column %1").arg(description + 1);
        }
        if (counterparty >= 0) {
            out.columns.append({CsvField::Counterparty, CsvColumn {counterparty + 1, {}}});
            what += QStringLiteral(", counterparty = column %1").arg(counterparty + 1);
        }
        // A column of currency codes in every row right beside the amount (Austrian ELBA's "EUR" after it) or after
        // the account's number (ABN AMRO's "Muntsoort").
        for (int c : {amount + 1, amount - 1, accountColumn >= 0 ? accountColumn + 1 : -1}) {
            const bool used = amount < 0 || c < 0 || c >= width || c == balance
                || std::any_of(out.columns.cbegin(), out.columns.cend(),
                               [c](const auto& column) { return column.second.index == c + 1; });
            if (!used && fits(c, first, [](const QString& v) { return isCurrencyCodeCell(v); })) {
                out.columns.append({CsvField::Currency, CsvColumn {c + 1, {}}});
                what += QStringLiteral(", currency = column %1").arg(c + 1);
                break;
            }
        }
        out.description = what
            + QStringLiteral(" (map them with %1 to change this)").arg(importOptionText(ImportOptionMention::Map));
        static const QRegularExpression plan(
            QStringLiteral("^(\\d+\\s*回払い?|一括(払い?)?|リボ.*|分割.*|ボーナス.*)$"));
        for (int c = 0; c < width && !out.cardPlans; ++c)
            out.cardPlans = c != date && !isAmountOrSign(c)
                && fits(c, first, [](const QString& v) { return plan.match(v.trimmed()).hasMatch(); });
        // So is a file whose first line names the card's holder ("山田 太郎 様") and its masked number (SMBC's Vpass).
        static const QRegularExpression maskedCard(QStringLiteral("^\\d{4}-[*\\d]{4}-[*\\d]{4}-[*\\d]{4}$"));
        if (!records.isEmpty() && out.headerIndex == 0) {
            const QStringList& f = records.front().fields;
            out.cardPlans = out.cardPlans
                || (std::any_of(f.cbegin(), f.cend(), [](const QString& v) { return v.trimmed().endsWith(u'様'); })
                    && std::any_of(f.cbegin(), f.cend(), [](const QString& v) {
                           return v.contains(u'*') && maskedCard.match(v.trimmed()).hasMatch();
                       }));
        }
        for (int i = 0; i <= out.headerIndex && !out.summary; ++i) {
            const QStringList& f = records[i].fields;
            const auto isBalance = [&](const QString& v) { return hasSeparator(v) && isNumber(v); };
            if (f.size() >= 4 && isBalance(f[f.size() - 2]) && isBalance(f.back())
                && std::count_if(f.cbegin(), f.cend() - 2, isDate) == 2)
                out.summary
                    = ColumnsFromContents::Summary {records[i].line, f[f.size() - 2].trimmed(), f.back().trimmed()};
        }
        return out;
    }
    return std::nullopt;
}

// A statement written as blocks of "Label: value" lines, one block per transaction (Santander UK's text file:
// "Date:\u00a0 03/11/2026", "Description:\u00a0 CARD PAYMENT TO TESCO,12.50 GBP", "Amount:\u00a0 -12.50 GBP",
// "Balance:\u00a0 987.50 GBP", blank lines between). True when `head` has at least two "Date:" and two "Amount:"
// lines.
bool isLabelledBlocks(const QString& head)
{
    int dates = 0, amounts = 0;
    for (QStringView line : QStringView(head).split(QLatin1Char('\n'))) {
        line = line.trimmed();
        if (line.startsWith(u"Date:", Qt::CaseInsensitive))
            ++dates;
        else if (line.startsWith(u"Amount:", Qt::CaseInsensitive))
            ++amounts;
    }
    return dates >= 2 && amounts >= 2;
}

// The labelled blocks of `text` as a CSV table (a header row "Date,Description,Amount,Balance" and a row per block,
// "Account,..." above it when the text names its account), each row on the physical line of its block's "Date:" line,
// so that messages name the file's lines.
QString labelledBlocksAsCsv(const QString& text)
{
    static const QStringList labels
        = {QStringLiteral("date"), QStringLiteral("description"), QStringLiteral("amount"), QStringLiteral("balance")};
    QString out;
    int outLine = 1;
    const auto lineTo = [&](int line) {
        for (; outLine < line; ++outLine)
            out += QLatin1Char('\n');
    };
    QString account;
    QStringList block(labels.size());
    int blockLine = 0;
    const auto flush = [&] {
        if (blockLine == 0)
            return;
        lineTo(blockLine);
        QStringList cells;
        for (const QString& v : std::as_const(block))
            cells.append(csvQuoted(v));
        out += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
        ++outLine;
        block = QStringList(labels.size());
        blockLine = 0;
    };
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i];
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        const QString label = line.left(colon).trimmed().toLower();
        // The value without the label's no-break space and the tabs spreadsheets pad the line with.
        const QString value = line.mid(colon + 1).replace(QChar(0xA0), QLatin1Char(' ')).trimmed();
        if (label == u"account" && account.isEmpty()) {
            account = value;
            continue;
        }
        const qsizetype field = labels.indexOf(label);
        if (field < 0)
            continue;
        if (field == 0) {
            flush();
            blockLine = i + 1;
        }
        if (blockLine > 0)
            block[field] = value;
    }
    flush();
    // The header (and the account) go on the first lines, which hold the statement's period and account.
    QString header = QStringLiteral("Date,Description,Amount,Balance\n");
    if (!account.isEmpty())
        header.prepend(QStringLiteral("Account,") + csvQuoted(account) + QLatin1Char('\n'));
    // Replace as many of the leading blank lines as the header takes, so the rows keep their line numbers.
    qsizetype blank = 0;
    while (blank < out.size() && out[blank] == QLatin1Char('\n'))
        ++blank;
    const qsizetype headerLines = header.count(QLatin1Char('\n'));
    return header + out.mid(std::min(blank, headerLines));
}

Result<CsvSummary> readCsvFrom(QIODevice* device, const ImportOptions& options, const CsvRowHandler& onRow,
                               bool findSections);

// The account a section's title names ("Umsätze Girokonto" -> "Girokonto", "Umsätze Visa-Karte (Kreditkarte)"), as
// comdirect heads each account's section of its export (and Deutsche Bank its "Umsätze"); else empty.
QString sectionTitle(const CsvRecord& r)
{
    if (r.fields.isEmpty() || r.fields.size() > 3)
        return {};
    static const QRegularExpression title(
        QStringLiteral(
            "^\\s*(?:kontoums(?:\\x{e4}|ae)tze|ums(?:\\x{e4}|ae)tze|umsatzliste)(?:\\s+(\\S.{0,78}?))?\\s*:?\\s*$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    // A title without a name (Deutsche Bank's "Umsätze" above a table of the account) is its own name: its rows
    // go to the account that table names.
    const QRegularExpressionMatch m = title.match(r.fields.front());
    return !m.hasMatch() ? QString() : m.hasCaptured(1) ? m.captured(1) : r.fields.front().trimmed();
}

// True when a record names a date column and an amount (or debit or credit) column, as a header row does.
bool namesDateAndAmount(const CsvRecord& r)
{
    bool date = false, amount = false;
    for (const QString& f : r.fields)
        if (const std::optional<CsvField> named = csvFieldForHeader(f)) {
            date = date || *named == CsvField::Date || *named == CsvField::ValueDate;
            amount = amount || *named == CsvField::Amount || *named == CsvField::Debit || *named == CsvField::Credit;
        }
    return date && amount;
}

// One account's section of a file of several (sectionTitle): its title's line and the account it names.
// A file of several accounts' sections (sectionTitle) is read section by section up to this size.
constexpr qint64 kMaxSectionedBytes = 16LL * 1024 * 1024;

// One account's section of a file of several: its title's line and the account it names; the rows above the first
// title, where a header stands there, are a section without a name.
struct CsvSection
{
    int line = 0;
    QString account;
};

// The sections of `text`: each title that a header row follows within eight records, in file order (none where there
// are more than kMaxAccountHeadings).
QList<CsvSection> csvSections(const QString& text, QChar delimiter)
{
    QList<CsvSection> sections;
    CsvReader reader(text, delimiter);
    CsvRecord rec;
    std::optional<CsvSection> title;
    int sinceTitle = 0;
    bool headerAbove = false; // a header row above the first title
    while (reader.next(&rec) == CsvReader::Next::Record) {
        if (const QString account = sectionTitle(rec); !account.isEmpty()) {
            title = CsvSection {rec.line, account};
            sinceTitle = 0;
        } else if (title && ++sinceTitle <= 8 && namesDateAndAmount(rec)) {
            sections.append(*title);
            title.reset();
            if (sections.size() > kMaxAccountHeadings)
                return {};
        } else if (sections.isEmpty() && !title && namesDateAndAmount(rec)) {
            headerAbove = true;
        }
    }
    if (headerAbove && !sections.isEmpty())
        sections.prepend(CsvSection {1, {}});
    return sections;
}

// The warning that a file of several accounts, named `accounts` and told apart `how`, is read into the one account
// the caller chose.
ImportIssue readIntoChosenAccount(const QStringList& accounts, const QString& how)
{
    return {0, 0, QStringLiteral("account"),
            QStringLiteral("the file holds %1 accounts %2 (%3): their rows are all read into the chosen account; "
                           "import without choosing one to put each in an account of its own")
                .arg(accounts.size())
                .arg(how, accounts.join(QStringLiteral(", ")))};
}

// Appends `issues` (lines of a part of the file that starts on line offset + 1) to `to`, at most kMaxImportIssues.
void appendShifted(QList<ImportIssue>* to, const QList<ImportIssue>& issues, int offset)
{
    for (ImportIssue i : issues) {
        if (to->size() >= kMaxImportIssues)
            return;
        if (i.line > 0)
            i.line += offset;
        to->append(i);
    }
}

// Reads each of `sections` of `text` as a file of its own (options as the file's, its text in UTF-8), its rows going
// to the account its title names where they name none: one summary of all, whose lines are the file's. A securities
// section (comdirect's "Depot") is left out with a warning.
Result<CsvSummary> readCsvSections(const QString& text, const QList<CsvSection>& sections, const CsvLayout& fileLayout,
                                   const ImportOptions& options, const CsvRowHandler& onRow)
{
    // Where each section's first line starts (CR LF, LF and CR end a line, as CsvReader counts them).
    std::vector<qsizetype> starts;
    int line = 1;
    qsizetype at = 0;
    for (const CsvSection& section : sections) {
        while (line < section.line && at < text.size()) {
            const QChar c = text[at++];
            if (c == u'\n' || (c == u'\r' && (at == text.size() || text[at] != u'\n')))
                ++line;
        }
        starts.push_back(at);
    }
    CsvSummary all;
    all.layout = fileLayout;
    if (options.accountChosen) {
        QStringList accounts;
        for (const CsvSection& section : sections)
            if (!section.account.isEmpty())
                accounts.append(section.account);
        addIssue(&all.warnings, &all.warningCount,
                 readIntoChosenAccount(accounts, QStringLiteral("in sections of their own")));
    }
    bool first = true;
    for (qsizetype s = 0; s < sections.size(); ++s) {
        const CsvSection& section = sections[s];
        const int offset = section.line - 1;
        if (section.account.contains(u"depot", Qt::CaseInsensitive)) {
            addIssue(&all.warnings, &all.warningCount,
                     {section.line,
                      0,
                      {},
                      QStringLiteral("skipped: the securities section \"%1\" (not a statement of money)")
                          .arg(section.account)});
            continue;
        }
        const qsizetype from = starts[size_t(s)];
        const qsizetype to = s + 1 < sections.size() ? starts[size_t(s + 1)] : text.size();
        QByteArray part = QStringView(text).sliced(from, to - from).toUtf8();
        QBuffer buffer(&part);
        buffer.open(QIODevice::ReadOnly);
        ImportOptions sectionOptions = options;
        sectionOptions.encoding = QStringLiteral("UTF-8");
        sectionOptions.csv.delimiter = fileLayout.delimiter;
        Result<CsvSummary> read = readCsvFrom(
            &buffer, sectionOptions,
            [&](const ImportedRow& row) {
                ImportedRow r = row;
                r.line += offset;
                if (r.accountRef.isEmpty())
                    r.accountRef = section.account;
                return onRow(r);
            },
            false);
        const QString name = section.account.isEmpty() ? QStringLiteral("above the first title") : section.account;
        if (!read && read.status().isInvalidArgument())
            return Status::invalidArgument(read.status().field(),
                                           QStringLiteral("the section of account %1 (line %2): %3")
                                               .arg(name)
                                               .arg(section.line)
                                               .arg(read.status().message()));
        if (!read)
            return read.status();
        if (first) {
            all.layout = read->layout;
            all.layout.encoding = fileLayout.encoding;
            all.layout.headerLine += offset;
            first = false;
        }
        // The section's rows name their account where the lines above its header do (Deutsche Bank's IBAN).
        const QString account = read->layout.preambleAccount.isEmpty() ? section.account : read->layout.preambleAccount;
        if (!options.accountChosen && !account.isEmpty())
            addIssue(
                &all.warnings, &all.warningCount,
                {section.line, 0, QStringLiteral("account"),
                 read->layout.preambleAccount.isEmpty()
                     ? QStringLiteral("the rows below go to account %1, as the section's title names it").arg(account)
                     : QStringLiteral("the rows below go to account %1, as the lines above their header name it")
                           .arg(account)});
        appendShifted(&all.warnings, read->warnings, offset);
        all.warningCount += read->warningCount;
        appendShifted(&all.rowErrors, read->rowErrors, offset);
        all.rowErrorCount += read->rowErrorCount;
        all.rowCount += read->rowCount;
        CsvSectionBalances balances {account, read->statedOpening, read->statedClosing};
        for (std::optional<CsvStatedBalance>* b : {&balances.opening, &balances.closing})
            if (*b)
                (*b)->line += offset;
        all.sectionBalances.append(balances);
    }
    return all;
}

} // namespace

Result<CsvSummary> readCsv(QIODevice* device, const ImportOptions& options, const CsvRowHandler& onRow)
{
    return readCsvFrom(device, options, onRow, true);
}

namespace {

// readCsv, where findSections (not for a section of a file) reads a file of several accounts' sections section by
// section.
Result<CsvSummary> readCsvFrom(QIODevice* device, const ImportOptions& options, const CsvRowHandler& onRow,
                               bool findSections)
{
    if (!device || !device->isReadable())
        return Status::ioError(QStringLiteral("the CSV input is not readable"));
    if (!device->isSequential() && device->size() - device->pos() > options.maxBytes)
        return importTooLarge(options);
    CsvMapping map = options.csv; // plus the columns found from the contents of a file without a header row
    CsvSummary summary;
    CsvLayout& layout = summary.layout;
    // The file's balance lines (summary.statedOpening, statedClosing), read once the decimal separator is known: a
    // line's value as written, or a dated row's amount as read.
    struct BalanceLine
    {
        BalanceLine(BalanceEnd e, int l, QString t, std::optional<qint64> m,
                    DecimalSeparator s = DecimalSeparator::Auto, QString lab = {})
            : end(e)
            , line(l)
            , text(std::move(t))
            , minor(m)
            , separator(s)
            , label(std::move(lab))
        { }
        BalanceEnd end;
        int line = 0;
        QString text;
        std::optional<qint64> minor;
        DecimalSeparator separator = DecimalSeparator::Auto; // the file's (Auto) or the balance column's own
        QString label; // the line's label, where a labelled line below the rows stated it (noteBalanceLine)
        QString asOf; // the date a line above the header states the balance at ("... as of 20240727"), if any
    };
    std::vector<BalanceLine> balanceLines;
    QStringList periodEnds, statedDates; // the dates above the header that end a period, and all of them
    int contentsBalanceCol = -1; // the balance column a file without a header row shows in its contents
    bool contentsBalanceBefore = false; // ... holding the balance before each row, not after it
    QList<int> contentsTextCols; // its other text columns (ColumnsFromContents::otherTexts)
    bool columnsFromRecords = false; // the columns were found from the contents (columnsFromContents)
    bool partyBesideKinds = false; // ColumnsFromContents::partyBesideKinds
    bool contentsCardPlans = false; // ColumnsFromContents::cardPlans
    bool headerIsPreamble = false; // ColumnsFromContents::headerIsPreamble
    bool inPendingSection = false; // the rows follow a heading of pending rows (pass 2)
    // The records follow a summary's heading or labels below the rows, until a dated row (pass 2): a line whose date
    // does not read is part of it.
    bool inSummarySection = false;
    bool datevBatch = false; // a DATEV booking batch (EXTF or DTVF format line above the header)
    // A balance line above the header, or (belowRows) among or below the rows; a label that may name today's balance
    // too ("Saldo") counts only when dated or below the rows.
    const auto noteBalanceLine = [&balanceLines](const CsvRecord& r, bool belowRows) {
        for (qsizetype i = 0; i < r.fields.size(); ++i) {
            if (const std::optional<BalanceLabel> label = balanceLineLabel(r.fields[i])) {
                const bool dated = std::any_of(r.fields.cbegin(), r.fields.cend(),
                                               [](const QString& f) { return looksLikeDate(f); });
                if (!label->byItself && !belowRows && !dated)
                    return;
                if (QString value = balanceLineValue(r.fields, i); !value.isEmpty()) {
                    balanceLines.push_back({label->end, r.line, std::move(value), std::nullopt, DecimalSeparator::Auto,
                                            belowRows ? r.fields[i].simplified() : QString()});
                    static const QRegularExpression asOf(
                        QStringLiteral(
                            R"(\bas (?:of|at)\s+(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:19|20)\d\d[01]\d[0-3]\d)\b)"),
                        QRegularExpression::CaseInsensitiveOption);
                    if (const QRegularExpressionMatch m = asOf.match(r.fields.mid(i).join(QLatin1Char(' ')));
                        !belowRows && m.hasMatch())
                        balanceLines.back().asOf = m.captured(1);
                }
                return;
            }
        }
    };

    const Result<EncodingChoice> choice = chooseStreamedEncoding(device, options.encoding);
    if (!choice)
        return choice.status();
    const qint64 dataStart = device->pos() + choice->bomLength;
    layout.encoding = choice->encoding;
    {
        // A file of nothing but a byte-order mark and white space (in any of the encodings: NUL bytes of UTF-16).
        const QByteArray head = device->peek(4096).mid(choice->bomLength);
        const bool blank = std::all_of(head.cbegin(), head.cend(), [](char c) {
            return c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
        });
        if (blank && head.size() < 4096 - choice->bomLength)
            return Status::invalidArgument(QStringLiteral("file"), QStringLiteral("the file is empty"));
        if (const QString kind = documentKind(head); !kind.isEmpty() && map.columns.isEmpty())
            return Status::invalidArgument(QStringLiteral("file"), QStringLiteral("the file is %1").arg(kind));
        if (const QString name = unreadStatementFormat(head);
            !name.isEmpty() && map.columns.isEmpty() && map.headerLine == 0)
            return Status::invalidArgument(
                QStringLiteral("file"),
                QStringLiteral("the file is a %1 statement, a format LedgerGuard does not read: export the statement "
                               "from the bank as camt.053, MT940, OFX, QIF or CSV")
                    .arg(name));
    }

    // Head: delimiter and header row.
    device->seek(dataStart);
    Result<TextDecoder> headDecoder = TextDecoder::create(choice->encoding);
    if (!headDecoder)
        return headDecoder.status();
    QString head = headDecoder->decode(device->peek(kHeadBytes));
    if (!device->isSequential() && device->size() - dataStart > kHeadBytes) {
        // Drop the last, probably cut, line of the head.
        const qsizetype nl = std::max(head.lastIndexOf(QLatin1Char('\n')), head.lastIndexOf(QLatin1Char('\r')));
        if (nl > 0)
            head.truncate(nl + 1);
    } else {
        head += headDecoder->finish();
    }
    // The whole decoded text (bounded by options.maxBytes above), for a file read as the table it stands for.
    const auto wholeText = [&]() -> Result<QString> {
        device->seek(dataStart);
        Result<TextDecoder> whole = TextDecoder::create(choice->encoding);
        if (!whole)
            return whole.status();
        const QByteArray bytes = device->read(options.maxBytes + 1);
        if (bytes.size() > options.maxBytes)
            return importTooLarge(options);
        QString text = whole->decode(bytes);
        text += whole->finish();
        return text;
    };
    // Reads `table`, a comma-separated table in UTF-8 made from the file, with `handler`.
    const auto readTable = [&](QByteArray table, const CsvRowHandler& handler) {
        QBuffer buffer(&table);
        buffer.open(QIODevice::ReadOnly);
        ImportOptions tableOptions = options;
        tableOptions.encoding = QStringLiteral("UTF-8");
        tableOptions.csv.delimiter = QLatin1Char(',');
        Result<CsvSummary> read = readCsv(&buffer, tableOptions, handler);
        if (read)
            read->layout.encoding = choice->encoding;
        return read;
    };
    if (map.columns.isEmpty() && map.headerLine == 0 && isLabelledBlocks(head)) {
        Result<QString> text = wholeText();
        if (!text)
            return text.status();
        text->replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        return readTable(labelledBlocksAsCsv(*text).toUtf8(), onRow);
    }
    layout.delimiter = map.delimiter.isNull() ? detectCsvDelimiter(head) : map.delimiter;

    QList<CsvRecord> headRecords;
    {
        CsvReader reader(head, layout.delimiter);
        CsvRecord rec;
        while (headRecords.size() < kHeaderSearchRecords && reader.next(&rec) == CsvReader::Next::Record)
            headRecords.append(rec);
    }
    // Wise's transaction history: read as the table of the balances its records move (wiseHistoryAsTable), its rows,
    // errors and warnings naming the file's lines.
    if (map.columns.isEmpty() && map.headerLine == 0 && !headRecords.isEmpty()
        && isWiseHistoryHeader(headRecords.first().fields)) {
        const Result<QString> text = wholeText();
        if (!text)
            return text.status();
        const Result<WiseTable> wise = wiseHistoryAsTable(*text, layout.delimiter);
        if (!wise)
            return wise.status();
        Result<CsvSummary> read = readTable(wise->csv.toUtf8(), [&](const ImportedRow& r) {
            ImportedRow row = r;
            row.line = wise->lineOf(r.line);
            return onRow(row);
        });
        if (!read)
            return read;
        for (QList<ImportIssue>* issues : {&read->rowErrors, &read->warnings})
            for (ImportIssue& issue : *issues)
                issue = wise->mapped(std::move(issue));
        for (const ImportIssue& e : wise->errors)
            addIssue(&read->rowErrors, &read->rowErrorCount, e);
        for (const ImportIssue& w : wise->warnings)
            addIssue(&read->warnings, &read->warningCount, w);
        for (QList<ImportIssue>* issues : {&read->rowErrors, &read->warnings})
            std::stable_sort(issues->begin(), issues->end(),
                             [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
        read->layout.delimiter = layout.delimiter;
        read->layout.headerLine = wise->lineOf(read->layout.headerLine);
        return read;
    }
    // A file of several accounts' sections, each under its title and with a header of its own (comdirect's
    // "Umsätze Girokonto", "Umsätze Visa-Karte (Kreditkarte)"): read section by section (readCsvSections), where
    // the whole file has at least two (and is at most kMaxSectionedBytes).
    if (findSections && map.columns.isEmpty() && map.headerLine == 0 && !device->isSequential()
        && device->size() - dataStart <= kMaxSectionedBytes
        && std::any_of(headRecords.cbegin(), headRecords.cend(),
                       [](const CsvRecord& r) { return !sectionTitle(r).isEmpty(); })) {
        device->seek(dataStart);
        Result<TextDecoder> whole = TextDecoder::create(choice->encoding);
        if (!whole)
            return whole.status();
        QString text = whole->decode(device->read(device->size() - dataStart));
        text += whole->finish();
        if (const QList<CsvSection> sections = csvSections(text, layout.delimiter); sections.size() >= 2)
            return readCsvSections(text, sections, layout, options, onRow);
        device->seek(dataStart);
    }
    int headerIndex = -1; // in headRecords
    // The account as versions before 2026-12-07 read it, for derived ids (isLateAccountName): named above the header
    // by a label they did not know, the account they found there was none; and DKB's "IBAN / Girokonto" was whole.
    bool preambleAccountLate = false;
    QString preambleAccountWhole;
    bool preambleAccountIsName = false; // the preamble's account is the holder's name (isAccountNameLabel)
    if (map.headerLine > 0) {
        for (int i = 0; i < headRecords.size(); ++i)
            if (headRecords[i].line == map.headerLine)
                headerIndex = i;
        if (headerIndex < 0)
            return Status::invalidArgument(QStringLiteral("headerLine"),
                                           QStringLiteral("no record starts on line %1 of the first %2 records")
                                               .arg(map.headerLine)
                                               .arg(kHeaderSearchRecords));
    } else if (map.headerLine == 0) {
        // The first record naming a date and an amount column; but where no digit stands under its date columns in
        // the records right below it and a later one names a date and an amount too, the later one (a summary table
        // above the rows: Delavska hranilnica's "Valuta;Začetno stanje;Breme;Dobro;Končno stanje" over "EUR;...").
        int fallback = -1, firstNamed = -1;
        // A record with a cell that is a date alone is a row, not a header (Scotiabank's headerless rows: "-" and
        // "Deposit" would name two columns).
        static const QRegularExpression dateAlone(QStringLiteral(R"(^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$)"));
        for (int i = 0; i < headRecords.size() && headerIndex < 0; ++i) {
            if (std::any_of(headRecords[i].fields.cbegin(), headRecords[i].fields.cend(),
                            [](const QString& f) { return dateAlone.match(f.trimmed()).hasMatch(); }))
                continue;
            QSet<CsvField> named;
            QList<int> dateCols;
            for (int k = 0; k < headRecords[i].fields.size(); ++k)
                if (const auto f = csvFieldForHeader(headRecords[i].fields[k])) {
                    named.insert(*f);
                    if (*f == CsvField::Date || *f == CsvField::ValueDate)
                        dateCols.append(k);
                }
            const bool hasDate = named.contains(CsvField::Date) || named.contains(CsvField::ValueDate);
            const bool hasAmount = named.contains(CsvField::Amount) || named.contains(CsvField::Debit)
                || named.contains(CsvField::Credit)
                || (hasDate && named.contains(CsvField::Description)
                    && std::any_of(headRecords[i].fields.cbegin(), headRecords[i].fields.cend(), isCurrencyCodeHeader));
            if (hasDate && hasAmount && named.size() >= 2) {
                bool datesBelow = false;
                int looked = 0;
                for (int j = i + 1; j < headRecords.size() && looked < 3 && !datesBelow; ++j) {
                    if (isBlankRecord(headRecords[j]))
                        continue;
                    ++looked;
                    for (int k : std::as_const(dateCols)) {
                        const QString below = headRecords[j].fields.value(k);
                        datesBelow = datesBelow
                            || std::any_of(below.cbegin(), below.cend(), [](QChar c) { return c.isDigit(); });
                    }
                }
                if (datesBelow || looked == 0)
                    headerIndex = i;
                else if (firstNamed < 0)
                    firstNamed = i;
            } else if (fallback < 0 && named.size() >= 2) {
                fallback = i;
            }
        }
        if (headerIndex < 0)
            headerIndex = firstNamed >= 0 ? firstNamed : fallback;
        // Columns the user mapped by their names: where the row found holds not all of them, the first row that does
        // is the header (a header in a language the table does not know).
        QStringList mappedNames;
        for (const auto& [field, column] : std::as_const(map.columns))
            if (column.index <= 0 && column.isSet())
                mappedNames.append(normalizedHeader(column.header));
        const auto holdsMapped = [&](int i) {
            QSet<QString> cells;
            for (const QString& cell : headRecords[i].fields)
                cells.insert(normalizedHeader(cell));
            return std::all_of(mappedNames.cbegin(), mappedNames.cend(),
                               [&cells](const QString& n) { return cells.contains(n); });
        };
        if (!mappedNames.isEmpty() && (headerIndex < 0 || !holdsMapped(headerIndex)))
            for (int i = 0; i < headRecords.size(); ++i)
                if (holdsMapped(i)) {
                    headerIndex = i;
                    break;
                }
        if (headerIndex < 0 && map.columns.isEmpty()) {
            if (const std::optional<ColumnsFromContents> found = columnsFromContents(
                    headRecords,
                    !options.defaultCurrency.isEmpty() && Money::decimalsFor(options.defaultCurrency) == 0)) {
                headerIndex = found->headerIndex;
                map.columns += found->columns;
                contentsBalanceCol = found->balance;
                contentsBalanceBefore = found->balanceBefore;
                contentsTextCols = found->otherTexts;
                partyBesideKinds = found->partyBesideKinds;
                contentsCardPlans = found->cardPlans;
                headerIsPreamble = found->headerIsPreamble;
                columnsFromRecords = true;
                addIssue(&summary.warnings, &summary.warningCount, {0, 0, {}, found->description});
                if (found->summary) {
                    balanceLines.push_back({BalanceEnd::Opening, found->summary->line, found->summary->opening, {}});
                    balanceLines.push_back({BalanceEnd::Closing, found->summary->line, found->summary->closing, {}});
                }
                // The first record naming the statement's currency in a cell of its own, no record below it doing so
                // (Santander Bank Polska's "historia rachunku": a summary of export date, period start, account number,
                // owner, "PLN", balances and row count above its rows): the rows' currency, where nothing else names
                // one, and the account number beside it the file's account.
                const auto currencyCell = [](const CsvRecord& r) {
                    for (const QString& f : r.fields)
                        if (isCurrencyCodeCell(f))
                            return f.trimmed();
                    return QString();
                };
                const bool noCurrencyColumn = std::none_of(found->columns.cbegin(), found->columns.cend(),
                                                           [](const auto& c) { return c.first == CsvField::Currency; });
                if (const QString code = headerIndex < 0 && noCurrencyColumn && !headRecords.isEmpty()
                        ? currencyCell(headRecords.first())
                        : QString();
                    !code.isEmpty()
                    && std::none_of(headRecords.cbegin() + 1, headRecords.cend(),
                                    [&](const CsvRecord& r) { return !currencyCell(r).isEmpty(); })) {
                    layout.preambleCurrency = code;
                    static const QRegularExpression accountNumber(QStringLiteral(R"(^'?(\d{2}(?: ?\d{4}){6})$)"));
                    for (const QString& f : headRecords.first().fields)
                        if (const QRegularExpressionMatch m = accountNumber.match(f.trimmed());
                            m.hasMatch() && layout.preambleAccount.isEmpty())
                            layout.preambleAccount = m.captured(1);
                }
            }
        }
        // The date column mapped by its number in a file whose header names nothing the table knows: the record just
        // above the first one with a date there is the header, when it holds a word there.
        int mappedDateCol = -1;
        for (const auto& [field, column] : std::as_const(map.columns))
            if (field == CsvField::Date && column.index > 0)
                mappedDateCol = column.index - 1;
        if (headerIndex < 0 && mappedDateCol >= 0)
            for (int i = 0; i < headRecords.size(); ++i) {
                if (!looksLikeDate(headRecords[i].fields.value(mappedDateCol).trimmed()))
                    continue;
                // Not a balance line ("Opening balance;;1000,00"): a header has no amount under the mapped columns.
                const QString above = i > 0 ? headRecords[i - 1].fields.value(mappedDateCol) : QString();
                bool amountAbove = false;
                for (const auto& [field, column] : std::as_const(map.columns))
                    if ((field == CsvField::Amount || field == CsvField::Debit || field == CsvField::Credit)
                        && column.index > 0 && i > 0) {
                        const QString v = headRecords[i - 1].fields.value(column.index - 1);
                        amountAbove
                            = amountAbove || std::any_of(v.cbegin(), v.cend(), [](QChar c) { return c.isDigit(); });
                    }
                if (std::any_of(above.cbegin(), above.cend(), [](QChar c) { return c.isLetter(); })
                    && !looksLikeDate(above.trimmed()) && !amountAbove && !isBalanceLabel(above.trimmed()))
                    headerIndex = i - 1;
                break;
            }
    }
    if (headerIndex >= 0) {
        layout.headerLine = headRecords[headerIndex].line;
        layout.headers = headRecords[headerIndex].fields;
        QString balanceCurrency; // a currency beside a balance above the header
        // The date a line above names as the statement's last day ("Kontoauszug bis: 26.05.2025", "Relevé de compte
        // jusqu'au: 31.01.2024": acrevis, Valiant): an undated "Saldo:" below it is the balance on that day.
        QString statementEnd;
        for (int i = 0; i < headerIndex + (headerIsPreamble ? 1 : 0); ++i) {
            const QStringList& f = headRecords[i].fields;
            static const QRegularExpression endLabel(
                QStringLiteral(
                    R"(^\s*(?:konto)?auszug\s+bis|^\s*relev\x{e9} de compte jusqu['\x{2019}]au|^\s*estratto conto al)"),
                QRegularExpression::CaseInsensitiveOption);
            if (!f.isEmpty() && endLabel.match(f[0]).hasMatch()) {
                static const QRegularExpression oneDate(QStringLiteral(R"(\d{1,2}([./])\d{1,2}\1\d{2,4})"));
                const QString line = f.join(QLatin1Char(' '));
                if (const QRegularExpressionMatch m = oneDate.match(line);
                    m.hasMatch() && !oneDate.match(line, m.capturedEnd()).hasMatch())
                    statementEnd = m.captured();
            }
            // A balance's date on the line below it (DKB's "Saldo:";"-76.77 EUR" over "Datum:";"04.02.2013").
            if (const QStringList& next = i + 1 < headerIndex ? headRecords[i + 1].fields : QStringList();
                next.size() >= 2 && csvFieldForHeader(QString(next[0]).remove(QLatin1Char(':'))) == CsvField::Date
                && looksLikeDate(next[1].trimmed())) {
                CsvRecord dated = headRecords[i];
                dated.fields.append(next[1]);
                noteBalanceLine(dated, false);
            } else if (const QStringList& prev = i > 0 ? headRecords[i - 1].fields : QStringList(); prev.size() >= 2
                       && !f.isEmpty() && balanceLineLabel(f[0])
                       && prev[0].simplified().startsWith(f[0].simplified() + QLatin1Char(' '), Qt::CaseInsensitive)
                       && looksLikeDate(prev[1].trimmed())) {
                // ... or on the line above it, beside the same label (Société Générale's "Solde au";"08/08/2025" over
                // "Solde";"2 275,29";"EUR").
                CsvRecord dated = headRecords[i];
                dated.fields.append(prev[1]);
                noteBalanceLine(dated, false);
            } else if (!statementEnd.isEmpty() && !f.isEmpty() && balanceLineLabel(f[0])
                       && !std::any_of(f.cbegin(), f.cend(), [](const QString& c) { return looksLikeDate(c); })) {
                CsvRecord dated = headRecords[i];
                dated.fields.append(statementEnd);
                noteBalanceLine(dated, false);
            } else {
                noteBalanceLine(headRecords[i], false);
            }
            // BNP Paribas's account line ("Compte de chèques;****4471;29/03/2024;;19 051,24"): an account number, one
            // date and, last, an amount with its cents: the balance on that date, the statement's closing one.
            if (f.size() >= 4 && !f[0].trimmed().isEmpty() && !std::any_of(f.cbegin(), f.cend(), [](const QString& c) {
                    return balanceLineLabel(c).has_value();
                })) {
                static const QRegularExpression number(QStringLiteral(R"(^[*Xx\x{2022}]*\d{4,}$)"));
                static const QRegularExpression cents(
                    QStringLiteral(R"(^-?\d{1,3}(?:[ \x{a0}\x{202f}.]?\d{3})*,\d{2}$)"));
                qsizetype last = f.size() - 1;
                while (last > 0 && f[last].trimmed().isEmpty())
                    --last;
                int dates = 0, numbers = 0, amounts = 0;
                for (qsizetype k = 0; k < last; ++k) {
                    const QString c = f[k].trimmed();
                    dates += looksLikeDate(c) ? 1 : 0;
                    numbers += number.match(QString(c).remove(u' ')).hasMatch() ? 1 : 0;
                    amounts += cents.match(c).hasMatch() ? 1 : 0;
                }
                if (dates == 1 && numbers == 1 && amounts == 0 && cents.match(f[last].trimmed()).hasMatch())
                    balanceLines.push_back({BalanceEnd::Closing, headRecords[i].line, f[last].trimmed(), std::nullopt});
            }
            // DATEV's format line above a booking batch ("EXTF";700;21;"Buchungsstapel";...): its 15th and 16th
            // fields are the batch's period (yyyyMMdd), whose end gives the year the rows' "Belegdatum" (ddMM) leaves
            // out.
            if (f.size() >= 16 && (f[0] == u"EXTF" || f[0] == u"DTVF") && f[3] == u"Buchungsstapel") {
                const QDate end = QDate::fromString(f[15].trimmed(), QStringLiteral("yyyyMMdd"));
                if (end.isValid()) {
                    datevBatch = true;
                    periodEnds.append(end.toString(Qt::ISODate));
                }
            }
            // A summary table above the header: a record of labels and one of values under them (Sparda:
            // "Umsätze ab";"Enddatum";"Kontonummer";"Saldo";"Währung" over the period's dates and its balance).
            if (i + 1 < headerIndex && headRecords[i + 1].fields.size() == f.size() && f.size() >= 2) {
                const QStringList& values = headRecords[i + 1].fields;
                // Its account (Deutsche Bank's "Konto;Filial-/Kontonummer;IBAN;Währung" over "AktivKonto;100 1234567
                // 00;DE27...;EUR"): in a record of labels alone, the value under an account's label, the first with
                // a digit (the number, the IBAN) before a name.
                const bool labelsOnly = std::none_of(f.cbegin(), f.cend(), [](const QString& c) {
                    return std::any_of(c.cbegin(), c.cend(), [](QChar ch) { return ch.isDigit(); });
                });
                for (int pass = 0; labelsOnly && pass < 2 && layout.preambleAccount.isEmpty(); ++pass)
                    for (qsizetype k = 0; k < f.size() && layout.preambleAccount.isEmpty(); ++k)
                        if (const QString v = values[k].trimmed(); isAccountLabel(f[k]) && !v.isEmpty()
                            && !csvFieldForHeader(v) && !v.endsWith(QLatin1Char(':'))
                            && (pass == 1 || std::any_of(v.cbegin(), v.cend(), [](QChar c) { return c.isDigit(); })))
                            layout.preambleAccount = v;
                const bool dated
                    = std::any_of(values.cbegin(), values.cend(), [](const QString& v) { return looksLikeDate(v); });
                for (qsizetype k = 0; k < f.size(); ++k) {
                    const std::optional<BalanceLabel> label = balanceLineLabel(f[k]);
                    if (!label || (!label->byItself && !dated))
                        continue;
                    if (QString value = balanceLineValue({f[k], values[k]}, 0); !value.isEmpty())
                        balanceLines.push_back({label->end, headRecords[i + 1].line, std::move(value), std::nullopt});
                }
            }
            // The statement's dates ("Periode : 01/01/2025 - 31/01/2025"): read once the file's date order is known
            // (below), the end of a period is the statement's end, else the latest date.
            static const QRegularExpression fullDate(QStringLiteral(
                R"((?<![\d./-])(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d./-]))"));
            static const QRegularExpression period(
                QStringLiteral(
                    R"((?<![\d./-])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\s*(?:-|\x{2013}|to|bis|au|al|a|hasta|t/m|tot|s/d|sd|sampai|~)\s*(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d./-]))"),
                QRegularExpression::CaseInsensitiveOption);
            // A statement's month in Chinese and Japanese ("对账单（2024年01月）"), or its months ("2024年1月-3月",
            // "2023年12月至2024年2月"): the last month's last day ends the period.
            static const QRegularExpression cjkMonth(QStringLiteral(
                R"((?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*[-~～–至到]\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月)?(?!\s*\d))"));
            // ASB's "To date 20240331", a line of its own below "From date 20230401".
            static const QRegularExpression compactEnd(
                QStringLiteral(R"(^\s*(?:to date|date to|end date|until)\s*:?\s*((?:19|20)\d\d[01]\d[0-3]\d)\s*$)"),
                QRegularExpression::CaseInsensitiveOption);
            for (const QString& c : f) {
                for (QRegularExpressionMatchIterator it = period.globalMatch(c); it.hasNext();)
                    periodEnds.append(it.next().captured(1));
                if (const QRegularExpressionMatch m = compactEnd.match(c); m.hasMatch())
                    periodEnds.append(m.captured(1));
                for (QRegularExpressionMatchIterator it = cjkMonth.globalMatch(c); it.hasNext();) {
                    const QRegularExpressionMatch m = it.next();
                    const int year = m.captured(m.capturedLength(3) > 0 ? 3 : 1).toInt();
                    if (const QDate first(year, m.captured(m.capturedLength(4) > 0 ? 4 : 2).toInt(), 1);
                        first.isValid())
                        periodEnds.append(first.addMonths(1).addDays(-1).toString(Qt::ISODate));
                }
                bool numeric = false;
                for (QRegularExpressionMatchIterator it = fullDate.globalMatch(c); it.hasNext(); numeric = true)
                    statedDates.append(it.next().captured(1));
                // A date with its month's name ("'28 Maart 2016'"), a cell of its own.
                if (!numeric && c.size() <= 40
                    && std::any_of(c.cbegin(), c.cend(), [](QChar ch) { return ch.isLetter(); })
                    && parseDateParts(c, DateOrder::DayMonthYear))
                    statedDates.append(c);
            }
            // "Kontonummer;1234567": the account's label and its value; not a label beside it in a record of labels.
            // (SBI's "_00000040206916964": the underscore keeps a spreadsheet from reading a number.)
            for (int k = 0; k + 1 < f.size(); ++k)
                if (isAccountLabel(f[k]) && !f[k + 1].trimmed().isEmpty() && !csvFieldForHeader(f[k + 1])
                    && (layout.preambleAccount.isEmpty() || (preambleAccountIsName && !isAccountNameLabel(f[k])))
                    && !f[k + 1].trimmed().endsWith(QLatin1Char(':'))) {
                    // (Derived ids keep the holder's name that earlier versions took: preambleAccountWhole.)
                    if (!layout.preambleAccount.isEmpty() && preambleAccountWhole.isEmpty())
                        preambleAccountWhole = layout.preambleAccount;
                    preambleAccountIsName = isAccountNameLabel(f[k]);
                    layout.preambleAccount = f[k + 1].trimmed();
                    preambleAccountLate = isLateAccountName(normalizedHeader(f[k]));
                    if (layout.preambleAccount.size() > 1 && layout.preambleAccount.front() == QLatin1Char('_')
                        && layout.preambleAccount[1].isDigit())
                        layout.preambleAccount.remove(0, 1);
                    // Its currency after its number (Cornèr Bank's "00000/01 CHF"): the statement's currency.
                    static const QRegularExpression numberAndCurrency(QStringLiteral(R"(^[\d/.\- ]*\d\s+([A-Z]{3})$)"));
                    if (const QRegularExpressionMatch m = numberAndCurrency.match(layout.preambleAccount);
                        m.hasMatch() && layout.preambleCurrency.isEmpty() && Money::isKnownCurrency(m.captured(1)))
                        layout.preambleCurrency = m.captured(1);
                }
            // An account's label, its IBAN and its currency in one cell (Sense Bank's "Рахунок UA21... (UAH)").
            static const QRegularExpression ibanAndCurrency(
                QStringLiteral(R"(^\s*(\p{L}[\p{L} ]*?)\s*:?\s+([A-Z]{2}\d{2}[A-Z0-9]{11,30})\s*\(([A-Z]{3})\)\s*$)"),
                QRegularExpression::UseUnicodePropertiesOption);
            for (const QString& c : f)
                if (const QRegularExpressionMatch m = ibanAndCurrency.match(c); m.hasMatch()
                    && isAccountLabel(m.captured(1)) && Money::isKnownCurrency(m.captured(3))
                    && layout.preambleCurrency.isEmpty()) {
                    if (layout.preambleAccount.isEmpty())
                        layout.preambleAccount = m.captured(2);
                    layout.preambleCurrency = m.captured(3);
                }
            // The statement's currency on a line of its own (China Merchants Bank's "# 币    种: [    人民币]",
            // "Währung;EUR"), its label's letters spaced apart.
            for (int k = 0; k < f.size() && layout.preambleCurrency.isEmpty(); ++k) {
                QString label = f[k].section(QLatin1Char(':'), 0, 0).remove(QLatin1Char('#'));
                QString value = f[k].contains(QLatin1Char(':')) ? f[k].section(QLatin1Char(':'), 1) : QString();
                // (The value may stand some cells further: the Central Bank of Costa Rica's
                // "Moneda:;;;;;;;;;;Dólares".)
                for (int v = k + 1; value.trimmed().isEmpty() && v < f.size() && v <= k + 12; ++v)
                    value = f[v];
                value.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
                if (std::any_of(label.cbegin(), label.cend(), [](QChar c) { return c.unicode() >= 0x3000; }))
                    label.remove(QLatin1Char(' '));
                // (Intesa Sanpaolo's "Controvalore in:;EUR", the amounts' currency)
                if (csvFieldForHeader(label.trimmed()) == CsvField::Currency
                    || label.trimmed().compare(u"controvalore in", Qt::CaseInsensitive) == 0)
                    if (const QString code = currencyCode(value); Money::isKnownCurrency(code))
                        layout.preambleCurrency = code;
            }
            // The account's currency beside its balance above the header (acrevis' "Saldo: CHF 45520.83", Credit
            // Suisse's "Saldo";"18'367.58 CHF").
            // Taken where no line names the currency itself (below).
            if (balanceCurrency.isEmpty() && std::any_of(f.cbegin(), f.cend(), [](const QString& c) {
                    return balanceLineLabel(c.section(QLatin1Char(':'), 0, 0)).has_value();
                })) {
                static const QRegularExpression code(QStringLiteral(R"((?:^|[\s\d:])([A-Z]{3})(?=$|[\s\d]))"));
                for (const QString& c : f) {
                    const QString text = c.trimmed(); // (outlives the matches)
                    for (QRegularExpressionMatchIterator m = code.globalMatch(text); m.hasNext();)
                        if (const QString found = m.next().captured(1);
                            balanceCurrency.isEmpty() && isCurrencyCodeCell(found))
                            balanceCurrency = found;
                }
            }
            // An IBAN anywhere above the header ("Girokonto";"DE02 1203 ...").
            static const QRegularExpression iban(QStringLiteral(R"(^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}$)"));
            for (const QString& c : f)
                if (layout.preambleAccount.isEmpty() && iban.match(c.trimmed()).hasMatch())
                    layout.preambleAccount = c.trimmed();
            // ... and the account's currency in a cell of its own on the IBAN's line (BAC Credomatic's
            // "Producto,CR17010200009020144482,,,,CRC,,Saldo en Libros,...").
            if (layout.preambleCurrency.isEmpty() && std::any_of(f.cbegin(), f.cend(), [](const QString& c) {
                    return iban.match(c.trimmed()).hasMatch();
                }))
                for (const QString& c : f)
                    if (layout.preambleCurrency.isEmpty() && isCurrencyCodeCell(c))
                        layout.preambleCurrency = c.trimmed();
            // "Account: DE12 3456" in one cell.
            if (layout.preambleAccount.isEmpty() && !f.isEmpty() && f[0].contains(QLatin1Char(':'))) {
                const QString label = f[0].section(QLatin1Char(':'), 0, 0);
                const QString value = f[0].section(QLatin1Char(':'), 1).trimmed();
                if (isAccountLabel(label) && !value.isEmpty()) {
                    layout.preambleAccount = value;
                    preambleAccountLate = isLateAccountName(normalizedHeader(label));
                }
            }
            // ASB's "Bank 12; Branch 3089; Account 0361809-00 (Streamline)": the account number as New Zealand writes
            // it, 12-3089-0361809-00 (read since 2026-12-07).
            static const QRegularExpression bankBranchAccount(
                QStringLiteral(R"(^\s*Bank (\d{2}); Branch (\d{4}); Account (\d{7}-\d{2,3})\b)"));
            for (const QString& c : f)
                if (const QRegularExpressionMatch m = bankBranchAccount.match(c);
                    m.hasMatch() && layout.preambleAccount.isEmpty()) {
                    layout.preambleAccount
                        = m.captured(1) + QLatin1Char('-') + m.captured(2) + QLatin1Char('-') + m.captured(3);
                    preambleAccountLate = true;
                }
            // ... or at the end of the file's title line (its first or second, after Excel's "sep=;" or the bank's
            // name) after its colon (Alpha Bank's "Κινήσεις Λογαριασμού: GR71..."), which versions before 2026-12-07
            // did not read; not an account the title's words send the money to ("Abrechnung auf: DE89...", "Settled
            // to: ...").
            static const QRegularExpression titledIban(QStringLiteral(R"(^(.*):\s*([A-Z]{2}\d{2}[A-Z0-9]{11,30})\s*$)"),
                                                       QRegularExpression::DotMatchesEverythingOption);
            static const QRegularExpression elsewhere(
                QStringLiteral(R"(\b(auf|an|to|into|à|a|para|naar|til|till|abrechnung|verrechnung|referenz|gegenkonto|)"
                               R"(settle\w*|pay\w*)\s*$)"),
                QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
            for (const QString& c : f)
                if (const QRegularExpressionMatch m = titledIban.match(c); i <= 1 && m.hasMatch()
                    && layout.preambleAccount.isEmpty() && isValidIban(m.captured(2))
                    && !elsewhere.match(m.captured(1)).hasMatch()) {
                    layout.preambleAccount = m.captured(2);
                    preambleAccountLate = true;
                }
            layout.preambleAccount = unwrappedFormulaText(layout.preambleAccount);
            if (const QString number = withoutTextMark(layout.preambleAccount); number != layout.preambleAccount) {
                preambleAccountWhole = layout.preambleAccount;
                layout.preambleAccount = number;
            }
            // DKB's "DE02120300000000202051 / Girokonto": the IBAN, not the account's kind after it.
            static const QRegularExpression ibanAndKind(
                QStringLiteral(R"(^([A-Z]{2}\d{2}[A-Z0-9]{11,30}) / \p{L}[\p{L} ]*$)"),
                QRegularExpression::UseUnicodePropertiesOption);
            if (const QRegularExpressionMatch m = ibanAndKind.match(layout.preambleAccount); m.hasMatch()) {
                preambleAccountWhole = layout.preambleAccount;
                layout.preambleAccount = m.captured(1);
            }
            // Caixa Geral's "1234567890123 - EUR - Conta à ordem": the number, its currency and its kind.
            static const QRegularExpression numberCurrencyKind(QStringLiteral(R"(^(\d[\d ]*\d) - ([A-Z]{3}) - \S.*$)"));
            if (const QRegularExpressionMatch m = numberCurrencyKind.match(layout.preambleAccount);
                m.hasMatch() && Money::isKnownCurrency(m.captured(2))) {
                preambleAccountWhole = layout.preambleAccount;
                layout.preambleAccount = m.captured(1);
                if (layout.preambleCurrency.isEmpty())
                    layout.preambleCurrency = m.captured(2);
            }
            // "Importes expresados en euros" (CaixaBank), "Montants en euros", "Amounts in EUR": a line that names the
            // currency of the amounts.
            static const QRegularExpression amountsIn(
                QStringLiteral(R"(^\s*(importes|montants|amounts|importi|beträge)( \p{L}+)? (en|in) (\p{L}+)\.?\s*$)"),
                QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
            for (const QString& c : f)
                if (const QRegularExpressionMatch m = amountsIn.match(c);
                    m.hasMatch() && layout.preambleCurrency.isEmpty())
                    if (const QString code = currencyCode(m.captured(4)); Money::isKnownCurrency(code))
                        layout.preambleCurrency = code;
        }
        if (layout.preambleCurrency.isEmpty())
            layout.preambleCurrency = balanceCurrency;
    } else {
        layout.headerLine = -1;
    }

    // A file `ledgerguard export` wrote, by its own mapping (its "accountId" and "transactionId" are no bank's account
    // and id).
    static const QStringList exportColumns {QStringLiteral("transactionId"), QStringLiteral("externalId"),
                                            QStringLiteral("accountId"),     QStringLiteral("accountName"),
                                            QStringLiteral("timestamp"),     QStringLiteral("amount"),
                                            QStringLiteral("amountMinor"),   QStringLiteral("currency")};
    static const CsvMapping exported = ledgerGuardCsvMapping();
    if (map.columns.isEmpty() && layout.headers.mid(0, exportColumns.size()) == exportColumns) {
        map.columns = exported.columns;
        // (Not a copy a spreadsheet saved again with semicolons, in a locale that writes decimal commas.)
        if (map.decimalSeparator == DecimalSeparator::Auto && layout.delimiter == exported.delimiter)
            map.decimalSeparator = exported.decimalSeparator;
    }
    // Its texts that a spreadsheet would run as formulas were written with an apostrophe before them
    // (CsvWriter::text): read without it.
    const bool ledgerGuardExport = map.columns == exported.columns;
    const auto unprotected = [ledgerGuardExport](const QString& t) {
        return ledgerGuardExport && t.size() >= 2 && t.front() == u'\'' && QStringView(u"=+-@\t\r").contains(t[1])
            ? t.mid(1)
            : t;
    };
    // Column mapping: explicit first, then by header names.
    const auto mappedByUser = [&map](CsvField f) {
        return std::any_of(map.columns.cbegin(), map.columns.cend(),
                           [f](const auto& c) { return c.first == f && c.second.isSet(); });
    };
    Resolved res;
    // The start date column a completion date replaced as the date (Revolut's "Datum des Beginns"): derived ids are
    // made with its date, as imports before that rule had them.
    int replacedStartDateCol = -1;
    for (const auto& [field, column] : map.columns) {
        if (column.index > 0) {
            res.col[field] = column.index - 1;
        } else if (column.isSet()) {
            const qsizetype at = layout.headers.indexOf(column.header.trimmed(), 0);
            int found = int(at);
            if (found < 0)
                for (int i = 0; i < layout.headers.size(); ++i)
                    if (layout.headers[i].trimmed().compare(column.header.trimmed(), Qt::CaseInsensitive) == 0)
                        found = i;
            // "#Data operacji" (mBank), "Umsatz in EUR;" as written in the file or as the user typed it.
            const QString wanted = normalizedHeader(column.header);
            for (int i = 0; found < 0 && !wanted.isEmpty() && i < layout.headers.size(); ++i)
                if (normalizedHeader(layout.headers[i]) == wanted)
                    found = i;
            if (found < 0)
                return Status::invalidArgument(
                    csvFieldName(field),
                    layout.headers.isEmpty()
                        ? QStringLiteral("no header row was found to hold a column \"%1\": give the header's line "
                                         "(%2) or map the columns by number (%3)")
                              .arg(column.header, importOptionText(ImportOptionMention::HeaderLine),
                                   importOptionText(ImportOptionMention::MapDateByNumber))
                        : QStringLiteral("the header has no column \"%1\"").arg(column.header));
            res.col[field] = found;
        }
    }
    QSet<int> taken;
    for (int c : std::as_const(res.col))
        taken.insert(c);
    const bool counterpartyExplicit = res.col.contains(CsvField::Counterparty);
    int payerCol = -1, payeeCol = -1;
    int otherPartyAccountCol = -1; // the other party's account before its bank's code, which earlier versions took
    int firstPartyCol = -1; // the first column that names the other party (a counterparty, payer or payee column)
    for (int i = 0; i < layout.headers.size() && firstPartyCol < 0; ++i) {
        const QString n = normalizedHeader(layout.headers[i]);
        if (csvFieldForHeader(layout.headers[i]) == CsvField::Counterparty || isPayerHeader(n) || isPayeeHeader(n))
            firstPartyCol = i;
    }
    // A header that names the other party makes a bare "IBAN" column the other party's IBAN (Deutsche Bank's
    // "Begünstigter / Auftraggeber" before "IBAN").
    const bool namesOtherParty = firstPartyCol >= 0;
    QHash<CsvField, int> autoRank; // rank of the header name of each field found by its header
    for (int i = 0; i < layout.headers.size(); ++i) {
        const QString normalized = normalizedHeader(layout.headers[i]);
        if (isPayerHeader(normalized) && payerCol < 0)
            payerCol = i;
        if (isPayeeHeader(normalized) && payeeCol < 0)
            payeeCol = i;
        const auto named = headerTable().constFind(normalized);
        if (named == headerTable().cend() || taken.contains(i))
            continue;
        const auto [f, rank] = *named;
        // A field mapped explicitly stays; a description found by an earlier header is replaced by a better-ranked
        // name, and so is an amount by a net amount (PayPal's and Stripe's "Gross", "Fee", "Net": the balance moves
        // by the net). Other fields keep the first column that names them (Sparkasse's "Auftragskonto" is the
        // statement's account, its later "Kontonummer" the other party's).
        // A counterparty column that holds the other party's account (bunq's "Counterparty" IBAN, Nordea's
        // "Mottagare") gives way to a name column.
        static const QSet<QString> partyAccounts
            = {QStringLiteral("counterparty"), QStringLiteral("mottagare"), QStringLiteral("counter party"),
               QStringLiteral("tegenpartij"), QStringLiteral("contrepartie")};
        static const QSet<QString> partyNames = {QStringLiteral("name"),
                                                 QStringLiteral("namn"),
                                                 QStringLiteral("navn"),
                                                 QStringLiteral("counterparty name"),
                                                 QStringLiteral("payee name"),
                                                 QStringLiteral("naam van de tegenpartij"),
                                                 QStringLiteral("nom de la contrepartie"),
                                                 QStringLiteral("name/description")};
        // So does a bare name, which may be the account holder's (KBC's "Naam" beside its "Naam tegenpartij"), to one
        // that names the other party.
        static const QSet<QString> bareNames
            = {QStringLiteral("name"), QStringLiteral("naam"), QStringLiteral("namn"), QStringLiteral("navn")};
        static const QSet<QString> otherPartyNames
            = {QStringLiteral("naam tegenpartij"), QStringLiteral("naam v/d tegenpartij"),
               QStringLiteral("naam van de tegenpartij"), QStringLiteral("counterparty name")};
        // (The counterparty column taken so far, empty when none is.)
        const QString partyTaken = f == CsvField::Counterparty && autoRank.contains(f)
            ? normalizedHeader(layout.headers[res.col.value(f)])
            : QString();
        const bool betterParty = (partyNames.contains(normalized) && partyAccounts.contains(partyTaken))
            || (otherPartyNames.contains(normalized) && bareNames.contains(partyTaken));
        // An account's name gives way to its number (NatWest: "Account Name" before "Account Number"; Mint's
        // "Account Name" alone names the account).
        const bool betterAccount = f == CsvField::Account && autoRank.contains(f) && normalized != u"account name"
            && normalizedHeader(layout.headers[res.col.value(f)]) == u"account name";
        // An amount in the account's currency wins over one in the transaction's (Alior's "Kwota operacji" of a
        // card payment in EUR, then "Kwota w walucie rachunku" in PLN).
        static const QSet<QString> accountCurrencyAmounts = {QStringLiteral("amount in account currency"),
                                                             QStringLiteral("kwota w walucie rachunku"),
                                                             QStringLiteral("částka v měně účtu"),
                                                             QStringLiteral("castka v mene uctu"),
                                                             QStringLiteral("сумма платежа"),
                                                             QStringLiteral("сумма в валюте счета"),
                                                             QStringLiteral("сумма в валюте счёта"),
                                                             QStringLiteral("сумма пересчитанная в валюту счета"),
                                                             QStringLiteral("сума в валюті картки"),
                                                             QStringLiteral("card currency amount"),
                                                             QStringLiteral("сумма в валюте карты"),
                                                             QStringLiteral("сума в валюті рахунку"),
                                                             QStringLiteral("buchungsbetrag")};
        const bool betterAmount = f == CsvField::Amount && autoRank.contains(f)
            && accountCurrencyAmounts.contains(normalized)
            && !accountCurrencyAmounts.contains(normalizedHeader(layout.headers[res.col.value(f)]));
        // ICBC's booked amounts (记账金额, in the account's currency) over its transaction's (交易金额).
        const bool betterSide = (f == CsvField::Debit || f == CsvField::Credit) && autoRank.contains(f)
            && normalized.startsWith(u"记账金额")
            && normalizedHeader(layout.headers[res.col.value(f)]).startsWith(u"交易金额");
        // An amount of the file's currency over one its header names in another (C6's and Bradesco's card bills:
        // "Valor (em US$)" before "Valor (em R$)").
        const auto inFileCurrency = [&](int c) {
            return headerCurrency(layout.headers[c]).compare(options.defaultCurrency, Qt::CaseInsensitive) == 0;
        };
        const bool betterCurrency = f == CsvField::Amount && autoRank.contains(f) && !options.defaultCurrency.isEmpty()
            && inFileCurrency(i) && !headerCurrency(layout.headers[res.col.value(f)]).isEmpty()
            && !inFileCurrency(res.col.value(f));
        // The booked amount over its twin that follows the foreign currency's column (Miles & More's "Foreign
        // currency;Amount;Exchange rate;Amount;Currency", the first "Amount" the purchase's in its own currency), and
        // GnuCash's plain "Amount Num" over its "Amount With Sym".
        static const QSet<QString> foreignCurrencies
            = {QStringLiteral("foreign currency"), QStringLiteral("fremdwährung"), QStringLiteral("original currency"),
               QStringLiteral("originalwährung")};
        const auto afterForeignCurrency
            = [&](int c) { return c > 0 && foreignCurrencies.contains(normalizedHeader(layout.headers[c - 1])); };
        const bool betterTwin = f == CsvField::Amount && autoRank.contains(f)
            && ((normalized == normalizedHeader(layout.headers[res.col.value(f)])
                 && afterForeignCurrency(res.col.value(f)) && !afterForeignCurrency(i))
                || (normalized == u"amount num"
                    && normalizedHeader(layout.headers[res.col.value(f)]) == u"amount with sym")
                // the card's booked amount (入账), not the purchase's own (交易: Bank of Communications)
                || (normalized == u"入账币种/金额"
                    && normalizedHeader(layout.headers[res.col.value(f)]) == u"交易币种/金额"));
        // Revolut's completion date, not its start date, in each language it exports in.
        const bool betterDate = f == CsvField::Date && res.col.contains(f) && isCompletionDateName(normalized)
            && isStartDateName(normalizedHeader(layout.headers[res.col.value(f)]));
        const bool betterName = betterParty || betterAccount || betterAmount || betterSide || betterCurrency
            || betterTwin || betterDate
            || ((f == CsvField::Description || f == CsvField::Indicator
                 || (f == CsvField::Amount && (rank <= 1 || isNetAmountName(normalized))))
                && autoRank.contains(f) && autoRank.value(f) > rank);
        if (res.col.contains(f) && !betterName)
            continue;
        // Debit and credit columns the user chose give the amounts: no amount column is added to them (Xero's
        // "Gross" beside its Debit and Credit).
        if (f == CsvField::Amount && (mappedByUser(CsvField::Debit) || mappedByUser(CsvField::Credit)))
            continue;
        // A currency after a foreign amount (Odoo's statement lines: "Amount,Amount Currency,Currency") is that
        // amount's, not the booked amount's.
        if (f == CsvField::Currency && i > 0 && normalizedHeader(layout.headers[i - 1]) == u"amount currency")
            continue;
        // A bare "IBAN" column beside an account named above the header, or beside the other party's name, is the
        // other party's IBAN.
        if (f == CsvField::Account && normalized == u"iban" && (!layout.preambleAccount.isEmpty() || namesOtherParty))
            continue;
        // So is an account number followed by its bank's code after the other party's name (DKB's and older
        // Sparkasse exports' "Auftraggeber / Begünstigter", ..., "Kontonummer", "BLZ"; not Hibiscus' "Kontonummer",
        // "BLZ" of the account first, its "Gegenkonto" after).
        if (f == CsvField::Account && i > firstPartyCol && firstPartyCol >= 0 && i + 1 < layout.headers.size()) {
            const QString next = normalizedHeader(layout.headers[i + 1]);
            if (next == u"blz" || next == u"bankleitzahl" || next == u"bic" || next == u"bic/swift") {
                if (!res.col.contains(f) && otherPartyAccountCol < 0)
                    otherPartyAccountCol = i;
                continue;
            }
        }
        if (res.col.contains(f))
            taken.remove(res.col.value(f));
        if (betterDate)
            replacedStartDateCol = res.col.value(f);
        res.col[f] = i;
        autoRank[f] = rank;
        taken.insert(i);
    }
    // Dates named as versions before 2026-12-07 did not know them: taken only where no other column names the date, so
    // that no file those versions read is booked on other days (AIB's card "Processed", Vanguard's "Process Date",
    // Hargreaves Lansdown's "Settle date", PostFinance's "Date d'écriture", Portuguese banks' "Data Operação" and
    // "Data Lanc.").
    if (!res.col.contains(CsvField::Date))
        for (int i = 0; i < layout.headers.size(); ++i) {
            static const QSet<QString> lateDates {
                QStringLiteral("processed"),         QStringLiteral("process date"),  QStringLiteral("settle date"),
                QStringLiteral("date d'écriture"),   QStringLiteral("data operação"), QStringLiteral("data operacao"),
                QStringLiteral("data do movimento"), QStringLiteral("data lanc")};
            if (!taken.contains(i) && lateDates.contains(normalizedHeader(layout.headers[i]))) {
                res.col[CsvField::Date] = i;
                taken.insert(i);
                // Where those versions booked the rows on the value date (Santander Totta's "Data Operação", "Data
                // valor"), derived ids are made with it.
                if (res.col.contains(CsvField::ValueDate) && !mappedByUser(CsvField::ValueDate))
                    replacedStartDateCol = res.col.value(CsvField::ValueDate);
                break;
            }
        }
    // No currency column named, and a column no field took holds a currency code in every row below the header (EFG's
    // "DIV", divisa): the rows' currency. Not where two such columns differ in a row (Alior's "Waluta operacji", a
    // card payment's own currency, beside "Waluta rachunku").
    // Only where nothing else names the currency (--currency, the chosen account's, a line above the header), and not
    // from a column whose name says it is a purchase's own ("Original currency", "Waehrung Kartenumsatz").
    if (!res.col.contains(CsvField::Currency) && !mappedByUser(CsvField::Currency) && headerIndex >= 0
        && options.defaultCurrency.isEmpty() && layout.preambleCurrency.isEmpty()) {
        static const QStringList purchaseParts {
            QStringLiteral("local"),       QStringLiteral("orig"),     QStringLiteral("foreign"),
            QStringLiteral("transaction"), QStringLiteral("purchase"), QStringLiteral("operation"),
            QStringLiteral("umsatz"),      QStringLiteral("fremd"),    QStringLiteral("händler"),
            QStringLiteral("merchant"),    QStringLiteral("ursprung"), QStringLiteral("eingeliefert"),
            QStringLiteral("karte"),       QStringLiteral("card")};
        const auto purchaseName = [](const QString& header) {
            const QString n = normalizedHeader(header);
            return std::any_of(purchaseParts.cbegin(), purchaseParts.cend(),
                               [&n](const QString& part) { return n.contains(part); });
        };
        QList<int> columns;
        for (int c = 0; c < layout.headers.size(); ++c) {
            if (taken.contains(c) || layout.headers[c].trimmed().isEmpty() || purchaseName(layout.headers[c]))
                continue;
            qsizetype codes = 0, others = 0, empty = 0;
            for (qsizetype r = headerIndex + 1; r < headRecords.size() && others == 0; ++r)
                if (const QString v = headRecords[r].fields.value(c); isCurrencyCodeCell(v))
                    ++codes;
                else if (v.trimmed().isEmpty())
                    empty += headRecords[r].fields.size() > c ? 1 : 0;
                else
                    ++others;
            // (a code in nearly every row: not a purchase's own currency, which most rows leave empty: Neon's
            // "Original currency")
            if (codes >= 2 && others == 0 && empty * 10 <= codes)
                columns.append(c);
        }
        const bool agree
            = std::all_of(headRecords.cbegin() + headerIndex + 1, headRecords.cend(), [&](const CsvRecord& r) {
                  return std::all_of(columns.cbegin(), columns.cend(), [&](int c) {
                      return r.fields.value(c).trimmed() == r.fields.value(columns.first()).trimmed();
                  });
              });
        if (!columns.isEmpty() && agree) {
            res.col[CsvField::Currency] = columns.first();
            taken.insert(columns.first());
        }
    }
    // A gross amount beside debit and credit columns (Xero's account report: "Debit", "Credit", "Gross", "VAT") is the
    // amount before tax without its direction: the debit and credit columns give the amounts.
    if (const int a = res.at(CsvField::Amount); a >= 0 && !mappedByUser(CsvField::Amount)
        && res.col.contains(CsvField::Debit) && res.col.contains(CsvField::Credit) && a < layout.headers.size()
        && (normalizedHeader(layout.headers[a]) == u"gross"
            || normalizedHeader(layout.headers[a]) == u"gross amount")) {
        taken.remove(a);
        res.col.remove(CsvField::Amount);
    }
    // A payout report's one sum ("Total": Shopify's payouts, beside Charges, Refunds and Fees; "Gesamt": Amazon.de's
    // date range report) is the amount where no column names one otherwise.
    if (!res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Debit)
        && !res.col.contains(CsvField::Credit)) {
        for (int i = 0; i < layout.headers.size(); ++i)
            if (const QString n = normalizedHeader(layout.headers[i]);
                !taken.contains(i) && (n == u"total" || n == u"gesamt")) {
                res.col[CsvField::Amount] = i;
                taken.insert(i);
                break;
            }
    }
    // A column named by a currency's code alone beside a date and a description (UniCredit's
    // "Data;;Descrizione;EUR;Caus.") is the amount, in that currency.
    if (!res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Debit) && !res.col.contains(CsvField::Credit)
        && res.col.contains(CsvField::Description)
        && (res.col.contains(CsvField::Date) || res.col.contains(CsvField::ValueDate))) {
        // Of several, the one in the currency chosen for the file.
        for (int i = 0; i < layout.headers.size(); ++i)
            if (!taken.contains(i) && isCurrencyCodeHeader(layout.headers[i])
                && (!res.col.contains(CsvField::Amount)
                    || layout.headers[i].trimmed().compare(options.defaultCurrency, Qt::CaseInsensitive) == 0)) {
                if (res.col.contains(CsvField::Amount))
                    taken.remove(res.col.value(CsvField::Amount));
                res.col[CsvField::Amount] = i;
                taken.insert(i);
            }
    }
    const bool splitParties = !counterpartyExplicit && payerCol >= 0 && payeeCol >= 0;
    // A payer's free-text reference (Starling's "Reference", a SEPA "Kundenreferenz") repeats: a standing order's
    // "RENT" every month, two payments with one invoice number. Found by such a header name alone, it is no id by
    // itself: the row's id is the reference with its date and amount, numbered when the file repeats all three (and
    // the reference is the description where the file has none), so no real row is taken for a duplicate of another.
    // An end-to-end reference ("Kundenreferenz (End-to-End)") and a column mapped as the id explicitly are ids.
    int referenceCol = -1;
    // A column whose name begins with a description's word where no known name gave one (BCP's "Descripción
    // operación", its letters beyond ASCII lost in some copies): the description.
    if (!res.col.contains(CsvField::Description) && !mappedByUser(CsvField::Description)) {
        for (int i = 0; i < layout.headers.size(); ++i)
            if (const QString n = normalizedHeader(layout.headers[i]); !taken.contains(i)
                && (n.startsWith(u"descrip") || n.startsWith(u"beschreib") || n.startsWith(u"libell")
                    || n.startsWith(u"omschrijving"))) {
                res.col[CsvField::Description] = i;
                taken.insert(i);
                break;
            }
    }
    if (const int id = res.at(CsvField::Id); !mappedByUser(CsvField::Id) && id >= 0 && id < layout.headers.size()) {
        static const QSet<QString> weak
            = {QStringLiteral("reference"),  QStringLiteral("referenz"),   QStringLiteral("kundenreferenz"),
               QStringLiteral("référence"),  QStringLiteral("referentie"), QStringLiteral("referencia"),
               QStringLiteral("riferimento")};
        const QString raw = layout.headers[id].toLower();
        if (weak.contains(normalizedHeader(layout.headers[id])) && !raw.contains(QLatin1String("end-to-end"))
            && !raw.contains(QLatin1String("end to end"))) {
            referenceCol = id;
            res.col.remove(CsvField::Id);
            if (!res.col.contains(CsvField::Description))
                res.col[CsvField::Description] = id;
        }
    }
    // A "Debit/Credit" column where no column names the amount is the signed amount (Nationwide's midata export:
    // "-£52.00", "+£5.00"), not an indicator; so is a "Transfer" column (a Canadian bank's "Date, Description,
    // Transfer, Balance") and a "Wert" column (Portfolio Performance's account export: "Datum;Typ;Wert;
    // Buchungswährung", beside the rows' currency; elsewhere, beside "Betrag", the value date).
    if (!res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Debit) && !res.col.contains(CsvField::Credit)
        && !mappedByUser(CsvField::Indicator)) {
        for (int i = 0; i < layout.headers.size(); ++i)
            if (const QString n = normalizedHeader(layout.headers[i]); n == u"debit/credit" || n == u"credit/debit"
                || n == u"transfer" || (n == u"wert" && res.col.contains(CsvField::Currency))) {
                res.col[CsvField::Amount] = i;
                if (res.col.value(CsvField::Indicator, -1) == i)
                    res.col.remove(CsvField::Indicator);
                break;
            }
    }
    // An indicator column found by its header (or, as Volksbank exports write it, a column with an empty header
    // right after the amount column) is taken only if every value of the column is an indicator (checked in pass 1).
    const bool indicatorExplicit = mappedByUser(CsvField::Indicator);
    if (!indicatorExplicit && !res.col.contains(CsvField::Indicator) && res.col.contains(CsvField::Amount)) {
        const int next = res.col[CsvField::Amount] + 1;
        if (next < layout.headers.size() && layout.headers[next].trimmed().isEmpty() && !taken.contains(next))
            res.col[CsvField::Indicator] = next;
    }
    const bool verifyIndicator = !indicatorExplicit && res.col.contains(CsvField::Indicator);
    // Columns no mapping field names: a row's state (Revolut's "State": PENDING, REVERTED and DECLINED rows are not
    // booked), PayPal's "Balance Impact" (a Memo row, such as an authorisation or a hold's release, moves no money)
    // and a fee charged on top of a gross amount (Revolut's "Fee"; not where the amount is already the net).
    int stateCol = -1;
    int modeCol = -1; // Stripe's "mode" (Live, Test) or "livemode" (true, false): a test-mode row moved no money
    bool liveModeCol = false; // modeCol is "livemode"
    int impactCol = -1;
    int feeCol = -1;
    bool signedFees = false; // a fee of the file (pass 1) or of the rows so far was written with its minus sign
    // True when a header cell names one of `names` (normalized).
    const auto hasHeader = [&layout](std::initializer_list<QStringView> names) {
        return std::any_of(layout.headers.cbegin(), layout.headers.cend(), [&names](const QString& h) {
            const QString n = normalizedHeader(h);
            return std::find(names.begin(), names.end(), QStringView(n)) != names.end();
        });
    };
    // A state column of transfers whose bookings say "booked" (pass 1): its "received" rows are not booked yet
    // (Adyen's balance platform report: a Transfer Id received, authorised, booked). Elsewhere "Received" is money in
    // that is booked (Tide's "Received" beside its "Booked" money out).
    const bool transfers = hasHeader({u"transfer id"});
    bool bookedStates = false;
    // Makes the first column not yet taken whose normalized name is `name` the amount; true when there is one.
    const auto amountColumnNamed = [&](QStringView name) {
        for (int i = 0; i < layout.headers.size(); ++i)
            if (!taken.contains(i) && normalizedHeader(layout.headers[i]) == name) {
                taken.remove(res.at(CsvField::Amount));
                res.col[CsvField::Amount] = i;
                taken.insert(i);
                return true;
            }
        return false;
    };
    // SumUp's transactions report: its "Net amount" is the amount before VAT; its "Payout" (beside "Payout Date" and
    // "Payout ID") is what the merchant's balance moves by, after fees and with the tip.
    const bool payoutAmount = !mappedByUser(CsvField::Amount) && hasHeader({u"payout date"})
        && hasHeader({u"payout id"}) && amountColumnNamed(u"payout");
    // Amazon's settlement report (flat file V2): its "total-amount" is the settlement's, on its first line only; each
    // line's "amount" is what it moves.
    if (!mappedByUser(CsvField::Amount) && hasHeader({u"settlement id"}) && hasHeader({u"amount type"}))
        amountColumnNamed(u"amount");
    // A row type that moves money out (isMoneyOutType); Braintree's "credit", beside its "Refunded Transaction ID", is
    // a refund to the customer; Dynamics GP's "Check" and "Decrease Adjustment" (its "CM Trx Type") are paid out (a
    // bank's "Check" may be one deposited).
    const bool creditIsRefund = hasHeader({u"refunded transaction id"});
    const bool cashBookTypes = hasHeader({u"cm trx type"});
    const auto movesMoneyOut = [creditIsRefund, cashBookTypes](QStringView type) {
        return isMoneyOutType(type) || (creditIsRefund && type.compare(u"credit", Qt::CaseInsensitive) == 0)
            || (cashBookTypes
                && (type.compare(u"check", Qt::CaseInsensitive) == 0
                    || type.compare(u"decrease adjustment", Qt::CaseInsensitive) == 0));
    };
    // Columns of money in and out named as a cash book names them: Xero's bank statement lines ("Spent",
    // "Received"), Sage 50 Accounts' bank report ("Receipts £", "Payments £").
    if (!res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Debit)
        && !res.col.contains(CsvField::Credit)) {
        for (const auto& [out, in] : {std::pair {u"spent", u"received"}, std::pair {u"payments", u"receipts"}}) {
            int outCol = -1, inCol = -1;
            for (int i = 0; i < layout.headers.size(); ++i) {
                const QString n = normalizedHeader(layout.headers[i]);
                if (n == QStringView(out) && !taken.contains(i))
                    outCol = i;
                else if (n == QStringView(in) && !taken.contains(i))
                    inCol = i;
            }
            if (outCol >= 0 && inCol >= 0) {
                res.col[CsvField::Debit] = outCol;
                res.col[CsvField::Credit] = inCol;
                taken.insert(outCol);
                taken.insert(inCol);
                break;
            }
        }
    }
    // A net column beside (PayPal's "Brutto;Gebühr;Netto") means the fees are taken off already.
    const bool hasNetColumn = std::any_of(layout.headers.cbegin(), layout.headers.cend(),
                                          [](const QString& h) { return isNetAmountName(normalizedHeader(h)); });
    QList<int> purposeCols; // the numbered parts of the purpose, joined as the description
    // Columns whose text completes the description (appended where it holds text the description lacks): the other
    // half of a pair of description columns (Société Générale's "Libellé" beside "Détail de l'écriture", BBVA's
    // "Concepto" beside "Movimiento" and its "Observaciones", ING's "Mededelingen" beside "Omschrijving", Intesa
    // Sanpaolo's "Descrizione" beside "Descrizione estesa"), UBS's "Description2" and "Description3" beside
    // "Description1" (German "Beschreibung", Italian "Descrizione"), and the unnamed columns PKO BP's "Opis
    // transakcji" runs on into.
    QList<int> supplementCols;
    int balanceCol = -1; // the balance after each row, where the file states it
    int endingBalanceCol = -1; // an "Ending Balance" column that is no balance column (filled on total lines only)
    // A second column of a balance's name (BoursoBank's two "Solde": the amount, then the balance).
    int secondBalanceCol = -1;
    // A collective order's parts, each on a row of its own below it with only this column filled (UBS's "Einzelbetrag",
    // ZKB's "Betrag Detail").
    int detailAmountCol = -1;
    int beginningBalanceCol = -1; // its "Beginning Balance" (Venmo's: filled on a line of its own above the rows)
    int fromCol = -1, toCol = -1; // "From" and "To": the payer and the payee (Venmo), one of them the account's owner
    // An "Available Balance" column: the balance after each row only where it follows the amounts exactly (UOB's
    // transaction history), as an available balance may hold what is pending (checked in pass 1).
    int availableCol = -1;
    int typeCol = -1; // a row's kind (Apple Card's "Type": Purchase, Payment)
    // A payment processor's record's kind (Adyen's "Record Type": Received, Authorised, Settled; Mercado Pago's
    // "RECORD_TYPE": release, total).
    int recordTypeCol = -1;
    int incomeCol = -1; // a flag of money in (Lunch Money's "is_income": true, false)
    int bookingDateCol = -1; // a second, unmapped date column (ING Poland's "Data księgowania" beside the date)
    // Other columns that name a description, best first: a row whose description is empty takes the first of them
    // that is not (Fio: "Zpráva pro příjemce" is empty for card payments, "Komentář" holds the shop).
    QList<std::pair<int, int>> descriptionFallbacks; // rank, column
    static const QSet<QString> balanceNames = {QStringLiteral("balance"),
                                               QStringLiteral("running balance"),
                                               QStringLiteral("statement balance"),
                                               QStringLiteral("resulting balance"),
                                               QStringLiteral("daily posted balance"),
                                               QStringLiteral("היתרה"),
                                               QStringLiteral("היתרה בש ח"),
                                               QStringLiteral("יתרה בש ח"),
                                               QStringLiteral("остаток по счёту"),
                                               QStringLiteral("остаток по счету"),
                                               QStringLiteral("餘額"),
                                               QStringLiteral("account balance"),
                                               QStringLiteral("cash balance"),
                                               QStringLiteral("zostatok"),
                                               QStringLiteral("салдо"),
                                               QStringLiteral("היתרה בש''ח"),
                                               QStringLiteral("היתרה בש'ח"),
                                               QStringLiteral("account running balance"),
                                               QStringLiteral("wallet saldo nach transaktion"),
                                               QStringLiteral("verfügbares guthaben"),
                                               QStringLiteral("ledger balance"),
                                               QStringLiteral("saldo"),
                                               QStringLiteral("kontostand"),
                                               QStringLiteral("solde progressif"),
                                               QStringLiteral("kumulierter saldo"),
                                               QStringLiteral("solde"),
                                               QStringLiteral("saldo nach buchung"),
                                               QStringLiteral("saldo contabile"),
                                               QStringLiteral("saldo efter transaktion"),
                                               QStringLiteral("balance de transacción"),
                                               QStringLiteral("balance de transaccion"),
                                               QStringLiteral("balans"),
                                               QStringLiteral("bokfört saldo"),
                                               QStringLiteral("saldo po operacji"),
                                               QStringLiteral("running bal"),
                                               QStringLiteral("cumulative balance"), // Odoo's statement lines
                                               QStringLiteral("saldo na mutatie"),
                                               QStringLiteral("saldo na trn"),
                                               QStringLiteral("saldo na transactie"),
                                               QStringLiteral("guthaben"),
                                               QStringLiteral("closing balance"),
                                               QStringLiteral("accountbalance"),
                                               QStringLiteral("balance after"),
                                               QStringLiteral("current balance"),
                                               QStringLiteral("saldo po transakcji"),
                                               QStringLiteral("disponible"),
                                               QStringLiteral("partial balance"),
                                               QStringLiteral("sold contabil"),
                                               QStringLiteral("bal"),
                                               QStringLiteral("差引残高"),
                                               QStringLiteral("取引後残高"),
                                               QStringLiteral("残高"),
                                               QStringLiteral("残額"),
                                               QStringLiteral("bakiye"),
                                               QStringLiteral("余额"),
                                               QStringLiteral("本次余额"),
                                               QStringLiteral("联机余额"),
                                               QStringLiteral("账户余额"),
                                               QStringLiteral("交易后余额"),
                                               QStringLiteral("saldo contabilístico"),
                                               QStringLiteral("saldo contabilistico"),
                                               QStringLiteral("залишок на кінець періоду"),
                                               QStringLiteral("現在高"),
                                               QStringLiteral("staða"),
                                               QStringLiteral("yfirlit staða"),
                                               QStringLiteral("יתרה בש ח"),
                                               QStringLiteral("יתרה בשח"),
                                               QStringLiteral("יתרה לאחר פעולה"),
                                               QStringLiteral("zůstatek"),
                                               QStringLiteral("zustatek"),
                                               QStringLiteral("остаток"),
                                               QStringLiteral("залишок"),
                                               QStringLiteral("залишок після операції"),
                                               QStringLiteral("остаток после операции"),
                                               QStringLiteral("баланс"),
                                               QStringLiteral("số dư"),
                                               QStringLiteral("ยอดคงเหลือ"),
                                               QStringLiteral("الرصيد"),
                                               QStringLiteral("υπόλοιπο"),
                                               QStringLiteral("잔액"),
                                               QStringLiteral("거래후잔액"),
                                               QStringLiteral("거래후 잔액"),
                                               QStringLiteral("stanje"),
                                               QStringLiteral("יתרה"),
                                               QStringLiteral("egyenleg"),
                                               QStringLiteral("baki"),
                                               QStringLiteral("outstanding balance"),
                                               QStringLiteral("saldo progressivo"),
                                               QStringLiteral("账户结余"),
                                               QStringLiteral("solde après opération"),
                                               QStringLiteral("solde apres operation")};
    for (int i = 0; i < layout.headers.size(); ++i) {
        const QString n = normalizedHeader(layout.headers[i]);
        // A "Type" column may also be a debit/credit indicator's candidate; its purchases and payments tell a card.
        if (typeCol < 0
            && (n == u"type" || n == u"transaction type" || n == u"typ" || n == u"umsatzart" || n == u"activity type"
                || n == u"transaktionstyp" || n == u"タイプ" || n == u"rodzaj transakcji" || n == u"rodzaj operacji"
                || n == u"typ transakcji" || n == u"typ operacji" || n == u"cm trx type" || n == u"交易类型"))
            typeCol = i;
        if (incomeCol < 0 && n == u"is income")
            incomeCol = i;
        if (recordTypeCol < 0 && n == u"record type")
            recordTypeCol = i;
        if (const auto named = headerTable().constFind(n); bookingDateCol < 0 && !taken.contains(i)
            && named != headerTable().cend() && (named->first == CsvField::Date || named->first == CsvField::ValueDate))
            bookingDateCol = i;
        if (taken.contains(i))
            continue;
        if (const auto named = headerTable().constFind(n);
            named != headerTable().cend() && named->first == CsvField::Description)
            descriptionFallbacks.append({named->second, i});
        else if (n == u"notes" || n == u"note" || n == u"poznámka" || n == u"poznamka")
            descriptionFallbacks.append({std::numeric_limits<int>::max(), i}); // the user's own note, last
        if (stateCol < 0
            && (n == u"state" || n == u"status" || n == u"stage" || n == u"transaction status"
                || n == u"transaction state" || n == u"info" || n == u"交易状态" || n == u"当前状态" || n == u"статус"
                || n == u"durum" || n == u"estado" || n == u"stav" || n == u"statut" || n == u"stato"
                || n == u"contabilizzazione" || n == u"ステータス" || n == u"result" || n == u"esito"))
            stateCol = i;
        if (modeCol < 0 && (n == u"mode" || n == u"livemode")) {
            modeCol = i;
            liveModeCol = n == u"livemode";
        }
        if (impactCol < 0
            && (n == u"balance impact" || n == u"auswirkung auf guthaben" || n == u"impact sur le solde"
                || n == u"impatto sul saldo" || n == u"impacto en el saldo"))
            impactCol = i;
        if (balanceCol < 0 && balanceNames.contains(n))
            balanceCol = i;
        else if (balanceCol >= 0 && secondBalanceCol < 0 && balanceNames.contains(n)
                 && n == normalizedHeader(layout.headers[balanceCol]))
            secondBalanceCol = i;
        if (detailAmountCol < 0
            && (n == u"einzelbetrag" || n == u"betrag detail" || n == u"individual amount" || n == u"montant individuel"
                || n == u"importo singolo" || n == u"betrag einzelzahlung"))
            detailAmountCol = i;
        // (BBVA Italy's "Disponibile".)
        if (availableCol < 0
            && (n == u"available balance" || n == u"avail balance" || n == u"disponibile" || n == u"saldo disponibile"
                || n == u"saldo disponible" || n == u"solde disponible"))
            availableCol = i;
        if (endingBalanceCol < 0 && (n == u"ending balance" || n == u"closing balance") && balanceCol != i)
            endingBalanceCol = i;
        if (beginningBalanceCol < 0 && (n == u"beginning balance" || n == u"opening balance") && balanceCol != i)
            beginningBalanceCol = i;
        if (n == u"from")
            fromCol = i;
        if (n == u"to")
            toCol = i;
        if (feeCol < 0 && (n == u"fee" || n == u"fees" || n == u"gebühr" || n == u"opłata") && !hasNetColumn
            && !payoutAmount)
            feeCol = i;
        // The purpose written over numbered columns (GLS Bank's and older German exports' "VWZ1" ... "VWZ14", RBS
        // Bankline's "Narrative #1" ... "#5").
        static const QRegularExpression purposePart(QStringLiteral(
            "^(vwz|verwendungszweck|verwendungszweckzeile|narrative|narrative #|transaction ref) ?\\d{1,2}$"));
        if (purposePart.match(n).hasMatch())
            purposeCols.append(i);
    }
    // UBS's "Description" beside "Description 1" to "Description 3" names the account's product ("Compte personnel
    // UBS"; German "Beschreibung", Italian "Descrizione"): the numbered ones describe the row.
    if (const int d = res.at(CsvField::Description); d >= 0 && !mappedByUser(CsvField::Description)
        && (normalizedHeader(layout.headers[d]) == u"description"
            || normalizedHeader(layout.headers[d]) == u"beschreibung"
            || normalizedHeader(layout.headers[d]) == u"descrizione")) {
        const QString name = normalizedHeader(layout.headers[d]);
        for (int i = 0; i < layout.headers.size(); ++i)
            if (const QString n = normalizedHeader(layout.headers[i]);
                (n == name + u" 1" || n == name + u'1') && !taken.contains(i)) {
                res.col[CsvField::Description] = i;
                break;
            }
    }
    // Fidelity's account history ("Run Date", "Action", "Symbol", "Description"): its Description names the security,
    // its Action what happened ("DEBIT CARD PURCHASE TRADER JOE S", "INTEREST EARNED").
    if (const int d = res.at(CsvField::Description);
        d >= 0 && !mappedByUser(CsvField::Description) && hasHeader({u"run date"}) && hasHeader({u"symbol"})) {
        for (int i = 0; i < layout.headers.size(); ++i)
            if (normalizedHeader(layout.headers[i]) == u"action" && !taken.contains(i)) {
                res.col[CsvField::Description] = i;
                taken.remove(d);
                taken.insert(i);
                break;
            }
    }
    // ZKB's "Details" (the other party of a transfer, a card payment's exchange rate) completes its "Buchungstext".
    if (const int d = res.at(CsvField::Description);
        d >= 0 && !mappedByUser(CsvField::Description) && normalizedHeader(layout.headers[d]) == u"details") {
        for (int i = 0; i < layout.headers.size(); ++i)
            if (normalizedHeader(layout.headers[i]) == u"buchungstext" && !taken.contains(i)) {
                res.col[CsvField::Description] = i;
                taken.remove(d);
                taken.insert(i);
                supplementCols.append(d);
                break;
            }
    }
    if (const int d = res.at(CsvField::Description); d >= 0 && !mappedByUser(CsvField::Description)) {
        static const QSet<QString> completing {QStringLiteral("libellé"),
                                               QStringLiteral("libelle"),
                                               QStringLiteral("concepto"),
                                               QStringLiteral("movimiento"),
                                               QStringLiteral("observaciones"),
                                               QStringLiteral("description2"),
                                               QStringLiteral("description 2"),
                                               QStringLiteral("description3"),
                                               QStringLiteral("description 3"),
                                               QStringLiteral("mededelingen"),
                                               QStringLiteral("transactie"),
                                               QStringLiteral("descriptions"),
                                               QStringLiteral("causale"),
                                               QStringLiteral("beschreibung2"),
                                               QStringLiteral("beschreibung3"),
                                               QStringLiteral("descrizione2"),
                                               QStringLiteral("descrizione3"),
                                               QStringLiteral("descrizione"),
                                               QStringLiteral("osservazioni"),
                                               QStringLiteral("beskrywing2"),
                                               QStringLiteral("item2"),
                                               QStringLiteral("tipo de serviço"),
                                               QStringLiteral("tipo de servico"),
                                               QStringLiteral("beskrywing3"),
                                               QStringLiteral("detalhes"),
                                               QStringLiteral("leyendas adicionales1"),
                                               QStringLiteral("leyendas adicionales 1"),
                                               QStringLiteral("交易地点/附言"),
                                               QStringLiteral("omschrijving 2"),
                                               QStringLiteral("omschrijving 3"),
                                               QStringLiteral("concepto ampliado"),
                                               QStringLiteral("tranzakció típusa"),
                                               QStringLiteral("sub description"),
                                               QStringLiteral("tran desc"),
                                               QStringLiteral("descripción detallada"),
                                               QStringLiteral("descripcion detallada"),
                                               QStringLiteral("av pole 1"),
                                               QStringLiteral("popis příkazce"),
                                               QStringLiteral("popis pro příjemce"),
                                               QStringLiteral("詳細2"),
                                               QStringLiteral("기재내용"),
                                               QStringLiteral("zpráva pro příjemce"),
                                               QStringLiteral("más datos"),
                                               QStringLiteral("mas datos"),
                                               QStringLiteral("reference/message"),
                                               QStringLiteral("közlemény 1"),
                                               QStringLiteral("közlemény 2"),
                                               QStringLiteral("közlemény 3"),
                                               QStringLiteral("text")};
        // So does a second column of the description's own name (Bank Mandiri's two "Description" columns), and
        // MUFG's "摘要" (the kind of payment: "カード", "給与振込") beside its "摘要内容".
        const QString descriptionName = normalizedHeader(layout.headers.value(d));
        for (int i = 0; i < layout.headers.size(); ++i)
            if (const QString n = normalizedHeader(layout.headers[i]); i != d && !taken.contains(i)
                && (completing.contains(n) || n == descriptionName || (n == u"摘要" && descriptionName == u"摘要内容")))
                supplementCols.append(i);
        for (int i = d + 1; i < layout.headers.size() && layout.headers[i].trimmed().isEmpty() && !taken.contains(i)
             && !res.col.values().contains(i);
             ++i)
            supplementCols.append(i);
    }
    if (balanceCol < 0)
        balanceCol = contentsBalanceCol;
    // A debit/credit mark right after the balance, beside debit and credit columns, marks the balance (Federal Bank's
    // "Withdrawals,Deposits,Balance,DR/CR": Cr for a balance in credit), not the row; unless every row it marks has
    // its amount on the side it says and none on the other (AIB's "Transaction Type": Debit beside a debit, Credit
    // beside a credit, whatever the balance), rows of both sides among them or balances that follow as written.
    const auto marksTheRows = [&](int ind) {
        const int debitCol = res.at(CsvField::Debit);
        const int creditCol = res.at(CsvField::Credit);
        const auto holdsMoney = [](const QString& cell) {
            return std::any_of(cell.cbegin(), cell.cend(), [](QChar c) { return c >= u'1' && c <= u'9'; });
        };
        const auto minor = [](const QString& cell) -> std::optional<qint64> {
            const Result<DecimalText> d = parseDecimalText(cell.trimmed(), DecimalSeparator::Auto);
            const Result<qint64> v = d ? decimalToMinor(*d, 4) : Result<qint64>(d.status());
            return v ? std::optional<qint64>(*v) : std::nullopt;
        };
        struct Marked
        {
            qint64 amount = 0; // signed by its column
            qint64 balance = 0; // as written
            int sign = 0; // the mark's
        };
        QList<Marked> marked;
        QSet<int> signs;
        for (int i = std::max(headerIndex + 1, 0); i < headRecords.size(); ++i) {
            const CsvRecord& rec = headRecords[i];
            const int sign = indicatorSign(rec.fields.value(ind)).value_or(0);
            const bool out = holdsMoney(rec.fields.value(debitCol));
            if (sign == 0 || out == holdsMoney(rec.fields.value(creditCol)))
                continue;
            if (sign != (out ? -1 : 1))
                return false;
            signs.insert(sign);
            const auto amount = minor(rec.fields.value(out ? debitCol : creditCol));
            const auto balance = minor(rec.fields.value(balanceCol));
            if (amount && balance)
                marked.append({out ? -qAbs(*amount) : qAbs(*amount), *balance, sign});
        }
        if (signs.size() == 2)
            return true;
        // Rows of one side only (a month of card payments, all withdrawals of an overdrawn account marked Dr) fit
        // either reading: the one whose balances follow from the amounts, in either order of the rows, decides.
        const auto follows = [&marked](bool balanceSigned) {
            int fits = 0;
            for (qsizetype k = 0; k + 1 < marked.size(); ++k) {
                const Marked &a = marked[k], &b = marked[k + 1];
                const qint64 ba = balanceSigned ? a.sign * qAbs(a.balance) : a.balance;
                const qint64 bb = balanceSigned ? b.sign * qAbs(b.balance) : b.balance;
                fits += (bb == ba + b.amount || ba == bb + a.amount) ? 1 : 0;
            }
            return fits;
        };
        return !signs.isEmpty() && follows(false) > follows(true);
    };
    int balanceMarkCol = -1;
    if (const int ind = res.at(CsvField::Indicator); ind >= 0 && ind == balanceCol + 1 && balanceCol >= 0
        && !mappedByUser(CsvField::Indicator) && res.at(CsvField::Debit) >= 0 && res.at(CsvField::Credit) >= 0
        && !marksTheRows(ind)) {
        res.col.remove(CsvField::Indicator);
        balanceMarkCol = ind;
    }
    // Kraken's ledger: its entries' ids ("txid") beside the references that tie them to a deposit or withdrawal
    // ("refid"). A row without an id announces a deposit or withdrawal, booked by the row with the id that follows.
    int ledgerIdCol = -1;
    {
        qsizetype txid = layout.headers.indexOf(QStringLiteral("txid"));
        if (txid >= 0 && layout.headers.contains(QStringLiteral("refid")))
            ledgerIdCol = int(txid);
    }
    // An accounting package's report of the account (see checkBalanceSigns), known by its columns: those that name a
    // booking's other side or its voucher, which no bank's statement has, and others of such reports ("Particulars"
    // is Tally's, and Indian banks' statements have it as well).
    const bool ledgerSides = hasHeader({u"split", u"gegenkonto", u"beleg nr", u"belegnr", u"lettrage", u"n pièce"});
    // Columns of a bookkeeping package's journal in other languages: its journal, voucher, lettering, contra account or
    // protocol number (Sage's "Jnl", "Pièce", "Let."; Italian "CContabile", "Contropartita", "Prot."; Spanish
    // "Asiento", "Apunte", "Contrapartida"; Finnish "Tosite", "Vastatili"; Dutch "Dagboek", "Grootboekrek.",
    // "Boekingsnr."; Nordic "Vernr", "Bilagsnr", "Motkonto").
    static const QSet<QString> journalNames = {QStringLiteral("journal type"),
                                               QStringLiteral("journal number"),
                                               QStringLiteral("jnl"),
                                               QStringLiteral("pièce"),
                                               QStringLiteral("let"),
                                               QStringLiteral("ccontabile"),
                                               QStringLiteral("contropartita"),
                                               QStringLiteral("prot"),
                                               QStringLiteral("asiento"),
                                               QStringLiteral("apunte"),
                                               QStringLiteral("contrapartida"),
                                               QStringLiteral("tosite"),
                                               QStringLiteral("vastatili"),
                                               QStringLiteral("dagboek"),
                                               QStringLiteral("grootboekrek"),
                                               QStringLiteral("boekingsnr"),
                                               QStringLiteral("nummer journaalpost"),
                                               QStringLiteral("vernr"),
                                               QStringLiteral("bilagsnr"),
                                               QStringLiteral("motkonto"),
                                               QStringLiteral("modkonto")};
    const auto journalColumnCount = std::count_if(layout.headers.cbegin(), layout.headers.cend(), [](const QString& h) {
        return journalNames.contains(normalizedHeader(h));
    });
    const bool accountingReport = !options.cardAccount
        && (ledgerSides || journalColumnCount > 0
            || hasHeader({u"source", u"gross", u"vat", u"gst", u"vch type", u"vch no", u"voucher", u"voucher type",
                          u"voucher no", u"particulars", u"journal", u"contra account", u"t/c", u"id no", u"urn"}));
    // A balance's side written after it ("22.307,19 D") is a ledger's only where the file is surely one: its own sides
    // named, two journal columns, or a protocol number (TeamSystem's "Prot."); a bank's "C" is a balance in credit
    // (Indian banks' statements, which name "Particulars" as Tally does).
    const bool sideMarkedBalances
        = !options.cardAccount && (ledgerSides || journalColumnCount >= 2 || hasHeader({u"prot", u"protocollo"}));
    // A balance marked Dr is overdrawn: written with its minus sign, as the other balances of the file are read. In a
    // ledger of the bank account (DATEV's Kontoblatt with its "S/H"), a debit balance "S" is money in the account.
    const bool ledgerMarks = accountingReport && ledgerSides;
    // A ledger's balance marked by its side after the figure (sideMarkedBalances: TeamSystem's "22.307,19 D", Sage's
    // "8 313,01 D"): a debit balance, money in the bank's account, positive; a credit balance ("C", Italian "A" for
    // avere, "H" for Haben) negative.
    const auto markBalance = [balanceMarkCol, &balanceCol, ledgerMarks, sideMarkedBalances](CsvRecord* r) {
        if (sideMarkedBalances && balanceCol >= 0 && balanceCol < r->fields.size()) {
            QString& b = r->fields[balanceCol];
            const QString t = b.trimmed();
            if (t.size() >= 3 && t[t.size() - 2] == u' ' && t[t.size() - 3].isDigit()) {
                const QChar side = t.back().toUpper();
                if (side == u'D')
                    b = t.chopped(2);
                else if (side == u'C' || side == u'A' || side == u'H')
                    b = t.startsWith(u'-') ? t.chopped(2) : u'-' + t.chopped(2);
            }
        }
        if (balanceMarkCol < 0 || balanceMarkCol >= r->fields.size() || balanceCol >= r->fields.size())
            return;
        QString& b = r->fields[balanceCol];
        if (indicatorSign(r->fields[balanceMarkCol]).value_or(0) == (ledgerMarks ? 1 : -1) && !b.trimmed().isEmpty()
            && !b.trimmed().startsWith(QLatin1Char('-')))
            b.prepend(QLatin1Char('-'));
    };
    std::sort(descriptionFallbacks.begin(), descriptionFallbacks.end());
    // Fallback description columns of names versions before 2026-12-07 did not know (lateDescriptionNames): a
    // description taken from one is left out of the derived id, as those versions read none there.
    std::vector<bool> lateFallback(size_t(descriptionFallbacks.size()), false);
    for (qsizetype k = 0; k < descriptionFallbacks.size(); ++k)
        if (const int c = descriptionFallbacks[k].second; c < layout.headers.size())
            lateFallback[size_t(k)] = lateDescriptionNames().contains(normalizedHeader(layout.headers[c]));
    const bool anyLateFallback = std::find(lateFallback.cbegin(), lateFallback.cend(), true) != lateFallback.cend();
    // The description column is named as versions before this one did not know (Capitec's "Statement Description",
    // Bank of America's "Original Description", PostFinance's "Détails de comptabilisation"):
    // derived ids are made with the description those versions read, as imports by them had them.
    // Swedbank's "Referens" beside the "Beskrivning" that describes the row: the other party (the shop, the Swish
    // payer), which versions before 2026-12-07 left out.
    int referensCol = -1;
    if (const int d = res.at(CsvField::Description); !mappedByUser(CsvField::Description) && d >= 0
        && d < layout.headers.size() && normalizedHeader(layout.headers.at(d)) == u"beskrivning")
        for (int i = 0; i < layout.headers.size(); ++i)
            if (i != d && normalizedHeader(layout.headers.at(i)) == u"referens" && !res.col.values().contains(i))
                referensCol = i;
    // So is the account column (isLateAccountName).
    const bool lateAccountColumn = !mappedByUser(CsvField::Account) && res.at(CsvField::Account) >= 0
        && res.at(CsvField::Account) < layout.headers.size()
        && isLateAccountName(normalizedHeader(layout.headers.at(res.at(CsvField::Account))));
    const bool lateDescription = options.csv.columns.isEmpty() && res.at(CsvField::Description) >= 0
        && res.at(CsvField::Description) < layout.headers.size()
        && lateDescriptionNames().contains(normalizedHeader(layout.headers.at(res.at(CsvField::Description))));
    contentsTextCols.removeIf([&taken](int c) { return taken.contains(c); });
    // An amount column the user chose is taken as it is, and so is a net or a total (the fees already taken off).
    if (const int a = res.at(CsvField::Amount); a >= 0 && a < layout.headers.size()) {
        const QString n = normalizedHeader(layout.headers[a]);
        if (isNetAmountName(n) || n == u"total" || n == u"net total" || mappedByUser(CsvField::Amount))
            feeCol = -1;
    } else if (mappedByUser(CsvField::Debit) || mappedByUser(CsvField::Credit)) {
        feeCol = -1;
    }
    // A report's "As Of" day (J.P. Morgan Access, Wells Fargo CEO) where no column names a booking date (before a
    // value date, which such reports leave empty): not beside a posting date (a business account's export whose "As
    // Of" is the day of the report).
    for (int i = 0; i < layout.headers.size() && !res.col.contains(CsvField::Date); ++i)
        if (const QString n = normalizedHeader(layout.headers[i]);
            !taken.contains(i) && (n == u"as of" || n == u"as of date")) {
            res.col[CsvField::Date] = i;
            taken.insert(i);
        }
    if (!res.col.contains(CsvField::Date) && res.col.contains(CsvField::ValueDate)) {
        res.col[CsvField::Date] = res.col[CsvField::ValueDate];
        res.col.remove(CsvField::ValueDate);
    }
    // A record's creation time as the only date (Razorpay's "created_at"; not beside a date of its own, as Firefly
    // III's "created_at" before its "date").
    for (int i = 0; i < layout.headers.size() && !res.col.contains(CsvField::Date); ++i)
        if (!taken.contains(i) && normalizedHeader(layout.headers[i]) == u"created at") {
            res.col[CsvField::Date] = i;
            taken.insert(i);
        }

    // A date written in three columns, year, month and day (PayPay Bank's "操作日(年)", "操作日(月)", "操作日(日)"),
    // and its time in three more ("操作時刻(時)", "(分)", "(秒)"): each record's parts are joined into the year's
    // column (joinDateParts, below), which is the date (and the hour's the time).
    std::array<int, 6> dateParts {-1, -1, -1, -1, -1, -1}; // year, month, day, hour, minute, second
    if (!res.col.contains(CsvField::Date)) {
        static const QRegularExpression part(
            QStringLiteral("^\\s*(.+?)\\s*[(\\x{FF08}]\\s*(年|月|日|時|分|秒)\\s*[)\\x{FF09}]\\s*$"));
        static const QString units = QStringLiteral("年月日時分秒");
        QString datePrefix;
        for (int i = 0; i < layout.headers.size(); ++i)
            if (const QRegularExpressionMatch m = part.match(layout.headers[i]); m.hasMatch() && !taken.contains(i)) {
                const qsizetype unit = units.indexOf(m.captured(2));
                if (unit < 3 && !datePrefix.isEmpty() && m.captured(1) != datePrefix)
                    continue;
                if (unit < 3)
                    datePrefix = m.captured(1);
                if (dateParts[size_t(unit)] < 0)
                    dateParts[size_t(unit)] = i;
            }
        if (dateParts[0] >= 0 && dateParts[1] >= 0 && dateParts[2] >= 0) {
            res.col[CsvField::Date] = dateParts[0];
            for (int k = 0; k < 3; ++k)
                taken.insert(dateParts[size_t(k)]);
            if (dateParts[3] >= 0 && dateParts[4] >= 0 && !res.col.contains(CsvField::Time)) {
                res.col[CsvField::Time] = dateParts[3];
                for (int k = 3; k < 6; ++k)
                    if (dateParts[size_t(k)] >= 0)
                        taken.insert(dateParts[size_t(k)]);
            } else {
                dateParts[3] = -1;
            }
        } else {
            dateParts[0] = -1;
        }
    }
    // A time stamp as the only dated column (Up's "Time": "2024-01-05 08:12:44") is the date.
    if (!res.col.contains(CsvField::Date) && res.col.contains(CsvField::Time)) {
        res.col[CsvField::Date] = res.col[CsvField::Time];
        res.col.remove(CsvField::Time);
    }
    if (layout.headerLine < 0 && res.col.isEmpty())
        return Status::invalidArgument(QStringLiteral("header"),
                                       QStringLiteral("no header row naming a date and an amount column was found; "
                                                      "give the header's line (%1) or map the columns by number (%2)")
                                           .arg(importOptionText(ImportOptionMention::HeaderLine),
                                                importOptionText(ImportOptionMention::MapDateAndAmountByNumber)));
    if (!res.col.contains(CsvField::Date))
        return Status::invalidArgument(
            QStringLiteral("date"),
            layout.headers.isEmpty() ? QStringLiteral("no date column: map it by number (%1)")
                                           .arg(importOptionText(ImportOptionMention::MapDateByNumber))
                                     : QStringLiteral("no date column (header: %1)").arg(layout.headers.join(u", ")));
    // 1822direkt's "Soll/Haben" holds the signed amount ("-19,99"), not a side's letter: the amount, where no column
    // names one (read since 2026-12-07).
    if (const int ind = res.at(CsvField::Indicator); ind >= 0 && !mappedByUser(CsvField::Indicator)
        && !res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Debit)
        && !res.col.contains(CsvField::Credit) && headerIndex >= 0) {
        int numbers = 0;
        bool others = false;
        for (qsizetype r = headerIndex + 1; r < headRecords.size() && !others; ++r) {
            const QString c = headRecords[r].fields.value(ind).trimmed();
            if (c.isEmpty())
                continue;
            if (std::any_of(c.cbegin(), c.cend(), [](QChar ch) { return ch.isDigit(); })
                && parseDecimalText(c, DecimalSeparator::Auto))
                ++numbers;
            else
                others = true;
        }
        if (numbers > 0 && !others) {
            res.col[CsvField::Amount] = ind;
            res.col.remove(CsvField::Indicator);
        }
    }
    // Kwik Trip's fleet card: its "Transaction Total" is the amount, where no column names one (a total beside an
    // "Amount" may hold a fee the file also states).
    if (!res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Debit)
        && !res.col.contains(CsvField::Credit))
        for (int i = 0; i < layout.headers.size(); ++i)
            if (normalizedHeader(layout.headers[i]) == u"transaction total" && !taken.contains(i)) {
                res.col[CsvField::Amount] = i;
                taken.insert(i);
                break;
            }
    // BoursoBank's export names its amount "Solde" and its balance "Solde" too: the first is the amount.
    if (!res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Debit) && !res.col.contains(CsvField::Credit)
        && balanceCol >= 0 && secondBalanceCol > balanceCol && !taken.contains(balanceCol)) {
        res.col[CsvField::Amount] = balanceCol;
        taken.insert(balanceCol);
        balanceCol = secondBalanceCol;
    }
    if (!res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Debit)
        && !res.col.contains(CsvField::Credit))
        return Status::invalidArgument(
            QStringLiteral("amount"),
            QStringLiteral("no amount, debit or credit column (header: %1)").arg(layout.headers.join(u", ")));

    const auto cell
        = [](const CsvRecord& r, int c) -> QString { return c >= 0 && c < r.fields.size() ? r.fields[c] : QString(); };
    // An amount cell: a dash alone is how many banks write an empty one (Banorte's "-" under RETIROS on a deposit's
    // row). Not for other cells: a "-" in an indicator column is money out.
    const auto moneyCell = [&cell](const CsvRecord& r, int c) -> QString {
        QString text = cell(r, c);
        if (text.size() <= 4) {
            const QString t = text.trimmed();
            if (t == u"-" || t == u"--" || t == u"\u2013" || t == u"\u2014")
                return QString();
        }
        return text;
    };
    const int headerLine = layout.headerLine;
    const auto isDataRecord = [headerLine](const CsvRecord& r) { return headerLine < 0 || r.line > headerLine; };
    // The date's (and time's) parts joined in the year's (and hour's) cell: "2024-03-02", "09:12:03".
    const auto joinDateParts = [&dateParts](CsvRecord* r) {
        if (dateParts[0] < 0)
            return;
        const auto at = [r](int c) { return c >= 0 && c < r->fields.size() ? r->fields[c].trimmed() : QString(); };
        const QString y = at(dateParts[0]), m = at(dateParts[1]), d = at(dateParts[2]);
        if (dateParts[0] < r->fields.size() && !y.isEmpty() && !m.isEmpty() && !d.isEmpty())
            r->fields[dateParts[0]]
                = y + QLatin1Char('-') + m.rightJustified(2, u'0') + QLatin1Char('-') + d.rightJustified(2, u'0');
        if (dateParts[3] >= 0 && dateParts[3] < r->fields.size() && !at(dateParts[3]).isEmpty())
            r->fields[dateParts[3]] = at(dateParts[3]).rightJustified(2, u'0') + QLatin1Char(':')
                + at(dateParts[4]).rightJustified(2, u'0')
                + (dateParts[5] >= 0 ? QLatin1Char(':') + at(dateParts[5]).rightJustified(2, u'0') : QString());
    };

    // A backtick before a cell's text keeps it text in a spreadsheet (WeChat Pay's merchant bills: "`2024-03-03
    // 12:05:11", "`158.00"): no part of the value.
    const auto dropTextMarks = [](CsvRecord* r) {
        for (QString& f : r->fields)
            if (f.size() > 1 && f.front() == u'`' && !f[1].isSpace())
                f.remove(0, 1);
    };

    // Pass 1: date order and decimal separator from the whole columns.
    const bool needDates = map.dateFormat.isEmpty() && map.dateOrder == DateOrder::Auto;
    const bool needDecimals = map.decimalSeparator == DecimalSeparator::Auto;
    layout.dateOrder = map.dateOrder == DateOrder::Auto ? DateOrder::DayMonthYear : map.dateOrder;
    layout.decimalSeparator = needDecimals ? DecimalSeparator::Point : map.decimalSeparator;
    bool indicatorValues = true;
    // An indicator column that marks only the money in ("CR" beside John Lewis Partnership Card's unsigned amounts,
    // empty on its purchases): its empty rows are money out, where no amount is written negative.
    qint64 creditMarks = 0, debitMarks = 0, emptyMarks = 0;
    bool negativeMarked = false;
    // Rows whose signed amount agrees with its mark as a bank's statement writes it (D negative, C positive), and rows
    // whose amount has the other sign (a ledger's D positive, C negative).
    qint64 marksAsBank = 0, marksAsLedger = 0;
    bool anyIndicator = false;
    // A card export that writes purchases as positive amounts and payments as negative ones (Apple Card) is read with
    // its signs turned, unless the amount column was mapped: at least three in four rows typed a purchase (Rogers'
    // "TRANS", Chase's "Sale") positive, every one typed a payment negative, and at least one of each.
    // Personal finance apps write spending positive as well: Copilot's types ("regular" spending, "income"), Lunch
    // Money's "is_income" flag (false, true).
    const bool checkCardSigns = (typeCol >= 0 || incomeCol >= 0) && !mappedByUser(CsvField::Amount) && !map.negateAmount
        && res.at(CsvField::Amount) >= 0;
    int positivePurchases = 0, negativePurchases = 0, positivePayments = 0, negativePayments = 0;
    // A payment processor's report of unsigned amounts (Klarna's settlement report: SALE, FEE, RETURN all positive):
    // rows typed as money out (isMoneyOutType) are read negative, when no amount of the file is negative and rows of
    // other types are there too.
    bool anyNegativeAmount = false, signByType = false;
    bool signByKindWord = false; // money out unless the description's first word is money in's (Bank of Communications)
    int outTypedRows = 0, otherTypedRows = 0;
    // Rows typed "Return" (a card's purchase returned) and rows typed as a processor's (refund, payout, chargeback).
    int returnTypedRows = 0, processorTypedRows = 0;
    // So is one without types (Discover, BMO) whose payments to the card ("INTERNET PAYMENT - THANK YOU") are all
    // negative and whose other rows are at least two thirds positive (Discover's refunds and cashback credits are
    // negative too), in a file without a balance column (judged on its first kCardSignEvidenceRows rows).
    // (The text is the description's, else the other party's: PC Financial's "Merchant Name".)
    const int paymentTextCol
        = res.at(CsvField::Description) >= 0 ? res.at(CsvField::Description) : res.at(CsvField::Counterparty);
    const bool checkPaymentSigns = !mappedByUser(CsvField::Amount) && !map.negateAmount && res.at(CsvField::Amount) >= 0
        && paymentTextCol >= 0 && balanceCol < 0;
    int positiveCardPayments = 0, negativeCardPayments = 0, positiveCharges = 0, negativeCharges = 0;
    int negativeThanks = 0; // payments to the card written negative that thank for it (the card's own words)
    // A column that names the card (China Merchants Bank's "卡号末四位", C6 Bank's "Final do Cartão", "Tarjeta").
    const bool cardColumn
        = hasHeader({u"卡号末四位", u"卡号后四位", u"final do cartão", u"final do cartao", u"nome no cartão",
                     u"nome no cartao", u"card no.", u"card number", u"card last 4", u"card last four", u"tarjeta"});
    // Sets *flag to read every amount with its sign turned (money out negative), and says why.
    const auto turnSigns = [&summary](bool* flag, const QString& why) {
        *flag = true;
        addIssue(&summary.warnings, &summary.warningCount,
                 {0, 0, QStringLiteral("amount"),
                  why
                      + QStringLiteral(": the amounts are read with their signs turned (money out negative); map the "
                                       "amount columns yourself to keep them as written")});
    };
    // American Express writes charges as positive amounts and payments as negative ones, in a layout of its own
    // (a "Card Member" column): read with the signs turned, unless the amount column was mapped.
    // So is its download of a card's activity, known by its "Appears On Your Statement As" column (Germany's
    // "Erscheint auf Ihrer Abrechnung als", France's "Apparaît sur votre relevé en tant que").
    static const QSet<QString> amexColumns {QStringLiteral("card member"),
                                            QStringLiteral("cardmember"),
                                            QStringLiteral("appears on your statement as"),
                                            QStringLiteral("erscheint auf ihrer abrechnung als"),
                                            QStringLiteral("apparaît sur votre relevé en tant que"),
                                            QStringLiteral("appare sul tuo estratto conto come"),
                                            QStringLiteral("aparece en su extracto como")};
    if (!map.negateAmount && !mappedByUser(CsvField::Amount) && res.at(CsvField::Amount) >= 0
        && (std::any_of(layout.headers.cbegin(), layout.headers.cend(),
                        [](const QString& h) { return amexColumns.contains(normalizedHeader(h)); })
            // Its French, Spanish, Italian and German layouts: the card member's column beside "Compte #" ("Cuenta #",
            // "Conto #", "Konto #").
            || (std::any_of(layout.headers.cbegin(), layout.headers.cend(),
                            [](const QString& h) { return h.trimmed().endsWith(u" #"); })
                && hasHeader(
                    {u"titulaire de la carte", u"titular de la tarjeta", u"titolare della carta", u"karteninhaber"}))))
        turnSigns(&map.negateAmount,
                  QStringLiteral("American Express writes charges as positive amounts and "
                                 "payments as negative ones"));
    // Amex's activity download without its card member columns ("Date,Receipt,Description,Amount"), and Apple Card's
    // export ("Clearing Date", "Purchased By"): charges positive, payments negative, also where a file holds only one
    // kind.
    if (!map.negateAmount && !mappedByUser(CsvField::Amount) && res.at(CsvField::Amount) >= 0 && balanceCol < 0
        && ((layout.headers.size() == 4 && layout.headers[0].trimmed() == u"Date"
             && layout.headers[1].trimmed() == u"Receipt" && layout.headers[2].trimmed() == u"Description"
             && layout.headers[3].trimmed() == u"Amount")
            || (hasHeader({u"clearing date"}) && hasHeader({u"purchased by"}))))
        turnSigns(&map.negateAmount,
                  hasHeader({u"receipt"}) ? QStringLiteral("American Express writes charges as positive amounts and "
                                                           "payments as negative ones")
                                          : QStringLiteral("Apple Card writes purchases as positive amounts and "
                                                           "payments as negative ones"));
    // A Japanese card's statement names its amount the card's use, 利用金額 (Rakuten Card, MUFG's ご利用金額): its
    // charges are positive. So are a prepaid card's uses (Suica's and PASMO's 利用額), whose balance is what is left
    // on the card (残額).
    static const QSet<QString> cardUseAmounts {QStringLiteral("利用金額"), QStringLiteral("ご利用金額"),
                                               QStringLiteral("ご利用額"), QStringLiteral("利用額")};
    if (!map.negateAmount && !mappedByUser(CsvField::Amount) && res.at(CsvField::Amount) >= 0
        && res.at(CsvField::Amount) < layout.headers.size()
        && (cardUseAmounts.contains(normalizedHeader(layout.headers.at(res.at(CsvField::Amount))))
            || hasHeader({u"ご利用日", u"ご利用内容"}))
        // a card's statement has no running balance; a prepaid card's is what is left
        && (balanceCol < 0 || normalizedHeader(layout.headers.value(balanceCol)) == u"残額"))
        turnSigns(&map.negateAmount,
                  QStringLiteral("A card's statement of its use (%1) writes charges as positive amounts")
                      .arg(layout.headers.at(res.at(CsvField::Amount)).trimmed()));
    if (!map.negateAmount && contentsCardPlans && res.at(CsvField::Amount) >= 0)
        turnSigns(&map.negateAmount,
                  QStringLiteral("A card's statement of payment plans (1回払い) writes charges as positive "
                                 "amounts"));
    // So do BMO's Mastercard export, known by its "Item #" and "Card #" columns, and Nubank's card export (its bill's
    // "date,category,title,amount").
    if (!map.negateAmount && !mappedByUser(CsvField::Amount) && res.at(CsvField::Amount) >= 0 && hasHeader({u"item"})
        && hasHeader({u"card"}))
        turnSigns(&map.negateAmount,
                  QStringLiteral("BMO's card export (Item #, Card #) writes charges as positive amounts"));
    if (!map.negateAmount && !mappedByUser(CsvField::Amount) && layout.headers.size() == 4
        && normalizedHeader(layout.headers[0]) == u"date" && normalizedHeader(layout.headers[1]) == u"category"
        && normalizedHeader(layout.headers[2]) == u"title" && normalizedHeader(layout.headers[3]) == u"amount")
        turnSigns(&map.negateAmount,
                  QStringLiteral("Nubank's card export (date, category, title, amount) writes charges as positive "
                                 "amounts"));
    if (!map.negateAmount && !mappedByUser(CsvField::Amount) && layout.headers.size() == 3
        && layout.headers[0].trimmed() == u"date" && layout.headers[1].trimmed() == u"title"
        && layout.headers[2].trimmed() == u"amount")
        turnSigns(&map.negateAmount,
                  QStringLiteral("Nubank's card bill (date, title, amount) writes charges as positive amounts"));
    // Viseca's card export (MerchantName, MerchantPlace beside a signed Amount): charges positive, refunds negative.
    if (!map.negateAmount && !mappedByUser(CsvField::Amount) && res.at(CsvField::Amount) >= 0 && balanceCol < 0
        && hasHeader({u"merchant name"}) && hasHeader({u"merchant place"}))
        turnSigns(&map.negateAmount,
                  QStringLiteral("Viseca's card export (MerchantName, MerchantPlace) writes charges as positive "
                                 "amounts"));
    // Discover's card export ("Trans. Date,Post Date,Description,Amount,Category"): charges positive, payments
    // negative.
    if (!map.negateAmount && !mappedByUser(CsvField::Amount) && res.at(CsvField::Amount) >= 0 && balanceCol < 0
        && layout.headers.size() >= 4 && layout.headers[0].trimmed().compare(u"Trans. Date", Qt::CaseInsensitive) == 0
        && normalizedHeader(layout.headers[1]) == u"post date")
        turnSigns(&map.negateAmount,
                  QStringLiteral("Discover's card export (Trans. Date, Post Date) writes charges as positive amounts"));
    // A general ledger's export (Odoo, SAP: debit and credit columns and the ledger account on each row) books a
    // bank account's money in as Debit, where a bank's statement means money out: its balance column tells. Where
    // each balance is the one before it less the row's amount as read and never plus it, every amount is read with
    // its sign turned. Judged on the first kBalanceEvidenceRows rows that state a balance (neighbours of one
    // account), in a file whose amount columns were not mapped and that has no indicator or fee column. An
    // accounting package's report of one bank account has no account column but books the same way: one whose
    // header names an accounting package's columns (Xero's Account Transactions: "Source", "Gross", "VAT"; Tally's
    // ledger: "Particulars", "Vch Type"; QuickBooks' General Ledger: "Split", the other account; Lexware's, DATEV's
    // and SAP Business One's "Gegenkonto" and "Beleg-Nr.", Sage X3's "N° pièce" and "Lettrage", Sage 200's "URN").
    // Not a card's statement, whose balance is what is owed and rises with its debits (a file of date, description,
    // debit, credit and balance alone is read as written), nor a file whose rows go to a credit card account
    // (ImportOptions::cardAccount).
    const bool checkBalanceSigns = balanceCol >= 0 && !map.negateAmount && feeCol < 0
        && (res.col.contains(CsvField::Debit) || res.col.contains(CsvField::Credit))
        && (res.col.contains(CsvField::Account) || accountingReport)
        // An accounting report's "Type" column (QuickBooks': Check, Deposit) may turn out no indicator.
        && (!res.col.contains(CsvField::Indicator) || (verifyIndicator && accountingReport))
        && !mappedByUser(CsvField::Amount) && !mappedByUser(CsvField::Debit) && !mappedByUser(CsvField::Credit);
    std::vector<BalanceEvidence> balanceEvidence;
    bool turnedByBalance = false;
    // A double-entry journal of several ledger accounts (an ERP's or a bookkeeping package's export of its journal: an
    // account column, debit and credit columns, no balance column): each day's debits equal its credits across the
    // accounts, as no bank's export of its customer's accounts has them. Its debit is money in (a bank account's debit
    // balance is money in the bank), so its amounts are read with their signs turned. Each day's credits less debits
    // are summed in pass 1 for both decimal separators, the file's chosen after it.
    // (And the header names a ledger's columns: its ledger accounts, documents, journal or vouchers. A bank's export
    // of transfers between the customer's own accounts balances by day too, and is read as written.)
    const bool journalHeader = std::any_of(layout.headers.cbegin(), layout.headers.cend(), [](const QString& h) {
        const QString n = normalizedHeader(h);
        for (QStringView word : {u"g/l", u"gl account", u"gl code", u"general ledger", u"ledger account", u"nominal",
                                 u"document", u"journal", u"voucher", u"beleg", u"sachkonto", u"hauptbuch", u"écriture",
                                 u"ecriture", u"grootboek", u"asiento", u"cost cent"})
            if (n.contains(word))
                return true;
        return false;
    });
    const bool checkJournalBalance = journalHeader && res.col.contains(CsvField::Debit)
        && res.col.contains(CsvField::Credit) && res.col.contains(CsvField::Account) && balanceCol < 0
        && !res.col.contains(CsvField::Amount) && !res.col.contains(CsvField::Indicator) && !map.negateAmount
        && !options.cardAccount && !mappedByUser(CsvField::Debit) && !mappedByUser(CsvField::Credit)
        && !mappedByUser(CsvField::Amount);
    struct JournalDay
    {
        qint64 point = 0; // credits less debits read with a decimal point
        qint64 comma = 0; // and with a decimal comma
    };
    QHash<QString, JournalDay> journalDays;
    QSet<QString> journalAccounts;
    qint64 journalRows = 0;
    bool journalPointReads = true, journalCommaReads = true, journalDebits = false;
    // An accounting package's ledger of the bank account without a balance column (Tally): its opening balance on
    // the side it stands, its closing balance on the other side, as the figure that balances the two columns. When
    // the opening balance and the rows as written come to the closing balance with its sign turned, and not to the
    // closing balance itself, the file books as a ledger does (its debit is money in) and states those balances so.
    // Sage 50's "T/C" (its tax codes T0-T9 in every row, checked in pass 1), MYOB's "Src" with "ID No.", Tally's
    // "Vch Type".
    int taxCodeCol = -1;
    for (int i = 0; i < layout.headers.size() && taxCodeCol < 0; ++i)
        if (normalizedHeader(layout.headers[i]) == u"t/c")
            taxCodeCol = i;
    bool sageTaxCodes = taxCodeCol >= 0; // every row's T/C a Sage tax code
    const bool myobColumns = hasHeader({u"src"}) && hasHeader({u"id no"});
    // Exact Online's bank journal ("Dagboek", "Grootboekrekening"); Zoho Books' Account Transactions ("Transaction#",
    // "Reference#").
    const auto hasRawHeader = [&layout](QStringView name) {
        return std::any_of(layout.headers.cbegin(), layout.headers.cend(),
                           [name](const QString& h) { return h.trimmed().compare(name, Qt::CaseInsensitive) == 0; });
    };
    // Exact's rows must all be booked on one ledger account, the bank's (checked in pass 1): a journal that lists the
    // other side's accounts ("4000 Huur") books as written.
    int ledgerAccountCol = -1;
    for (int i = 0; i < layout.headers.size() && ledgerAccountCol < 0; ++i)
        if (const QString n = normalizedHeader(layout.headers[i]);
            n == u"grootboekrekening" || n == u"grootboekrek" || n == u"rekeningnummer")
            ledgerAccountCol = i;
    QString ledgerAccount; // the first row's
    bool oneLedgerAccount = true;
    // A booking export that names each row's debited and credited account ("Sollkonto", "Habenkonto": Lexware
    // buchhaltung) beside one unsigned amount: the account on every row (pass 1) is the bank's, money in where it is
    // debited and out where it is credited.
    int sollKontoCol = -1, habenKontoCol = -1;
    for (int i = 0; i < layout.headers.size(); ++i) {
        const QString n = normalizedHeader(layout.headers[i]);
        if (n == u"sollkonto" && sollKontoCol < 0)
            sollKontoCol = i;
        else if (n == u"habenkonto" && habenKontoCol < 0)
            habenKontoCol = i;
    }
    const bool sollHabenAccounts = sollKontoCol >= 0 && habenKontoCol >= 0 && res.col.contains(CsvField::Amount)
        && !mappedByUser(CsvField::Amount) && !map.negateAmount;
    std::optional<QSet<QString>> sharedAccounts; // the accounts every dated row so far names (pass 1)
    // A DATEV booking batch books each row on "Konto" against "Gegenkonto", its Soll/Haben indicator saying which
    // side Konto is on: where every row has the same Konto (checked in pass 1), that is the bank's account and its
    // Soll (S) is money in.
    // Where Konto differs from row to row and Gegenkonto does not, the bank's account is Gegenkonto: the rows go to it
    // and read as written.
    int datevKontoCol = -1, datevGegenkontoCol = -1;
    for (int i = 0; datevBatch && i < layout.headers.size(); ++i) {
        const QString n = normalizedHeader(layout.headers[i]);
        if (n == u"konto" && datevKontoCol < 0)
            datevKontoCol = i;
        else if (n == u"gegenkonto" && datevGegenkontoCol < 0)
            datevGegenkontoCol = i;
    }
    QString datevKonto, datevGegenkonto; // the first row's
    // A second amount column that no field took (Deutsche Bank's card export: "Fremdwährung;Betrag;Kurs;Betrag;
    // Währung", the first "Betrag" the foreign amount and empty on euro rows; RBC's "CAD$" and "USD$", one of them
    // empty): the amount where it is filled on every dated row and the amount column is not (counted in pass 1).
    int spareAmountCol = -1;
    const QString amountName = normalizedHeader(layout.headers.value(res.at(CsvField::Amount)));
    for (int i = 0; i < layout.headers.size() && spareAmountCol < 0 && res.at(CsvField::Amount) >= 0
         && !mappedByUser(CsvField::Amount);
         ++i) {
        // Its twin only: the same name (Deutsche Bank's two "Betrag"), or a currency's code as RBC's are, not an
        // amount in the purchase's currency ("Сумма в валюте операции" beside "Сумма в валюте счета").
        const QString name = normalizedHeader(layout.headers[i]);
        const bool twin = name == amountName
            || (Money::isKnownCurrency(name.toUpper()) && Money::isKnownCurrency(amountName.toUpper()));
        if (i != res.at(CsvField::Amount) && !taken.contains(i) && !res.col.values().contains(i) && twin)
            spareAmountCol = i;
    }
    qint64 datedRows = 0, amountFilled = 0, spareFilled = 0;
    bool amountDates = true; // every amount cell of a dated row empty or a date: the "amount" column holds dates
    // A balance column that states one value on every row of an account (BoursoBank's "accountbalance") is the
    // account's balance as the file was made, not the balance after each row: the statement's closing balance (each
    // account's, in a file of several).
    struct SameBalance
    {
        QString balance; // the account's first dated row's balance cell
        int line = 0; // and its line
    };
    QHash<QString, SameBalance> sameBalances; // by the account column's value
    DecimalSeparator balanceSeparator = DecimalSeparator::Auto; // the balance column's, where it differs (below)
    qint64 sameBalanceRows = 0; // dated rows whose balance cell is their account's, or -1 once one is not
    bool oneDatevKonto = datevKontoCol >= 0;
    bool oneDatevGegenkonto = datevGegenkontoCol >= 0;
    const bool journalColumns = (hasHeader({u"dagboek"}) && ledgerAccountCol >= 0)
        || (hasRawHeader(u"Transaction#") && hasRawHeader(u"Reference#"))
        // NetSuite's register of the bank's account.
        || (hasRawHeader(u"Amount (Debit)") && hasRawHeader(u"Amount (Credit)") && hasHeader({u"document number"}));
    const bool ledgerReport
        = (taxCodeCol >= 0 || myobColumns || journalColumns || hasHeader({u"vch type", u"voucher type"})
           || (hasHeader({u"urn"}) && hasHeader({u"narrative"}))) // Sage 200's nominal transactions
        && !options.cardAccount && balanceCol < 0 && !mappedByUser(CsvField::Amount) && !mappedByUser(CsvField::Debit)
        && !mappedByUser(CsvField::Credit) && !map.negateAmount;
    bool turnedAsLedger = false;
    // The names in the "From" and "To" cells of the dated rows, each counted once a row (at most kMaxParties names).
    QHash<QString, qint64> partyRows;
    qint64 fromToRows = 0;
    constexpr qsizetype kMaxParties = 10000;
    // Rows with an amount but no date that lie between dated rows: a statement converted from its PDF dates only each
    // day's first row (HSBC's statements through Tabula). Counted for the rows that follow a dated row; a dated row
    // closes the run. Such a run before the first dated row or after the last (pending rows) leaves every such row
    // an error.
    qint64 undatedBetween = 0, undatedOpen = 0;
    bool anyDated = false, undatedFirst = false;
    // The dated records and the undated ones with an amount, in file order (at most kCarryEvidenceRows): whether the
    // balance column follows the undated rows' amounts (carryDates).
    struct CarryEvidence
    {
        bool dated = false;
        BalanceEvidence cells;
    };
    std::vector<CarryEvidence> carryEvidence;
    constexpr size_t kCarryEvidenceRows = 2000;
    bool statedAsWritten = false; // the stated balances reconcile with the rows as written (checkStatedSigns)
    // A corporate card's export: a cardholder column, and the rows go to a card account or name their merchant.
    // (HDFC Bank's card statement names its cardholders primary and add-on: a card's whatever the other columns.)
    const bool cardholderColumn
        = (hasHeader({u"cardholder", u"card holder", u"cardholder name", u"card last 4", u"card last four", u"card id",
                      u"card used for transaction"})
           && (options.cardAccount || (hasHeader({u"merchant", u"merchant name", u"mcc"}) && feeCol < 0)))
        || hasHeader({u"primary/addon customer name"});
    const bool checkStatedSigns = balanceCol < 0 && accountingReport && !map.negateAmount && feeCol < 0
        && res.col.contains(CsvField::Debit) && res.col.contains(CsvField::Credit)
        && !res.col.contains(CsvField::Indicator) && !mappedByUser(CsvField::Amount) && !mappedByUser(CsvField::Debit)
        && !mappedByUser(CsvField::Credit);
    constexpr size_t kStatedEvidenceRows = 200'000;
    std::vector<BalanceEvidence> statedRows; // the dated rows as written, up to kStatedEvidenceRows
    bool statedRowsComplete = true;
    std::optional<std::pair<BalanceEvidence, int>> statedOpeningRow, statedClosingRow; // as written, and the line
    std::optional<std::pair<CsvStatedBalance, CsvStatedBalance>> ledgerBalances; // opening, closing when so turned
    const bool checkAvailableBalance = balanceCol < 0 && availableCol >= 0 && !res.col.contains(CsvField::Indicator);
    std::vector<BalanceEvidence> availableEvidence;
    // An amount column beside debit and credit columns whose amounts are never negative while the debit column holds
    // money out (Razorpay's "amount" before fees beside its net "debit" and "credit") has no direction: the debit and
    // credit columns give the amounts, the fees already taken off.
    const bool checkUnsignedAmount = res.at(CsvField::Amount) >= 0 && res.at(CsvField::Debit) >= 0
        && res.at(CsvField::Credit) >= 0 && !mappedByUser(CsvField::Amount) && !map.negateAmount;
    bool negativeAmount = false, debitAmount = false;
    // A debit column without a credit or amount column (Akbank's card statement: "Borç Tutarı" of charges and a
    // refund as "204,17(-)"): where most of its amounts are written without a minus, one written with it is money in.
    const bool loneDebit = res.at(CsvField::Debit) >= 0 && res.at(CsvField::Credit) < 0 && res.at(CsvField::Amount) < 0;
    qint64 loneDebitsPositive = 0, loneDebitsNegative = 0;
    bool loneDebitReversals = false;
    // PayPal's "Bank Name" and "Bank Account" (beside its Gross, Fee and Net) name the bank a withdrawal went to,
    // not the file's account.
    if (const int a = res.at(CsvField::Account); a >= 0 && a < layout.headers.size() && !mappedByUser(CsvField::Account)
        && normalizedHeader(layout.headers.at(a)) == u"bank account" && hasHeader({u"bank name"})
        && hasHeader({u"gross"}) && hasHeader({u"fee"}) && hasHeader({u"net"}))
        res.col.remove(CsvField::Account);
    // A file of several accounts that names none of them: Wise's statement of all its balances and Revolut's of all
    // its accounts (its "Product": Current, Savings), told apart by the currency (and the product). Where the balance
    // column runs on within each currency's (and product's) rows and not over the file's rows taken together, each
    // such account's rows go to an account of their own, named by product and currency ("Current EUR") or by the
    // currency alone (judged on the first kBalanceEvidenceRows rows that state a balance).
    const bool noAccountNamed = res.at(CsvField::Account) < 0 && layout.preambleAccount.isEmpty();
    int productCol = -1;
    for (int i = 0; i < layout.headers.size() && productCol < 0; ++i)
        if (normalizedHeader(layout.headers[i]) == u"product" && !res.col.values().contains(i))
            productCol = i;
    // A column of amounts held, not booked (ING Poland's "Kwota blokady/zwolnienie blokady"): a row whose only amount
    // stands there is a card's reservation or its release.
    int holdCol = -1;
    for (int i = 0; i < layout.headers.size() && holdCol < 0; ++i) {
        const QString h = normalizedHeader(layout.headers[i]);
        if ((h.startsWith(u"kwota blokady") || h == u"blocked amount" || h == u"amount on hold" || h == u"hold amount")
            && !res.col.values().contains(i))
            holdCol = i;
    }
    const auto currencyAccount = [&](const CsvRecord& r) {
        const QString currency = currencyCode(cell(r, res.at(CsvField::Currency)), options.defaultCurrency);
        const QString product = cell(r, productCol).simplified();
        return product.isEmpty() || currency.isEmpty() ? currency : product + QLatin1Char(' ') + currency;
    };
    const bool checkCurrencyAccounts = noAccountNamed && balanceCol >= 0 && res.at(CsvField::Currency) >= 0;
    std::vector<BalanceEvidence> currencyEvidence;
    bool accountsByCurrency = false;
    // The currencies of each account column's value (pass 1): an account number with rows in several currencies holds
    // one balance per currency (ProCredit's and Alfa-Bank Ukraine's business exports, "Рахунок" and "Валюта" on each
    // row). The rows of the currency most of its rows are in stay in the account of that number; each other
    // currency's go to an account of their own. (Not where an amount column's header names the amounts' currency:
    // the currency column is then a purchase's own.)
    QHash<QString, QHash<QString, qint64>> accountCurrencies; // the rows of each currency
    QHash<QString, QString> mainCurrency; // of each account number with rows in several currencies
    QStringList currencyAccountKeys; // the accounts told apart by their currency, where the file is read into one
    constexpr qsizetype kMaxAccountCurrencies = 200000; // a card processor's export: one account per card
    static constexpr CsvField kAmountFields[] = {CsvField::Amount, CsvField::Debit, CsvField::Credit};
    const bool currencyColumnIsRows
        = std::none_of(std::cbegin(kAmountFields), std::cend(kAmountFields),
                       [&](CsvField f) { return !headerCurrency(layout.headers.value(res.at(f))).isEmpty(); });
    // A report of several accounts' rows, each account's under a heading of its own and closed by its total line
    // (QuickBooks' Transaction Detail by Account and General Ledger: "Business Checking (4471)" above the rows, "Total
    // for Business Checking (4471)" below them) or opened by its opening balance's line right below it (Zoho Books'
    // Account Transactions: "HDFC Bank Current A/c", then ",Opening Balance,..."): those headings (pass 1) are
    // accounts, and the rows under each go to it, where no account column or line above the header names the
    // account; the balance lines under each are that account's.
    QStringList headingsSeen; // the one text of a record that holds nothing else, in file order (pass 1)
    QSet<QString> confirmed; // the names after "Total for" / "Total" in total lines, the headings above an opening
    QString headingAbove; // pass 1: the heading of the record before, if it was one
    QStringList accountHeadings; // the confirmed headings that name an account (namesAnAccount), in file order
    QSet<QString> headingSet; // and as a set
    QString currentHeading; // pass 2: the account heading above the row
    QList<std::pair<int, QString>> headingLines; // pass 2: the line of each account heading, and its name
    // The row's date cell: the date column's, or where that is empty, the second date column's when it names the
    // booking (China Merchants Bank's card statement: a repayment has no 交易日, only its 记账日). A row without a
    // booking date but another date is not booked yet, and stays undated.
    static const QSet<QString> bookingNames {
        QStringLiteral("记账日"),           QStringLiteral("记账日期"),       QStringLiteral("入账日期"),
        QStringLiteral("posting date"),     QStringLiteral("post date"),      QStringLiteral("posted date"),
        QStringLiteral("booking date"),     QStringLiteral("buchungstag"),    QStringLiteral("buchungsdatum"),
        QStringLiteral("data księgowania"), QStringLiteral("fecha contable"), QStringLiteral("data contábil"),
        QStringLiteral("boekdatum"),        QStringLiteral("date comptable")};
    const int bookedOn = bookingDateCol >= 0 && bookingNames.contains(normalizedHeader(layout.headers[bookingDateCol]))
        ? bookingDateCol
        : -1;
    const auto rowDateColumn = [&res, &cell, bookedOn](const CsvRecord& r) {
        const int dateCol = res.at(CsvField::Date);
        return bookedOn >= 0 && cell(r, dateCol).trimmed().isEmpty() && !cell(r, bookedOn).trimmed().isEmpty()
            ? bookedOn
            : dateCol;
    };
    struct
    {
        int yearlessRuns = 0, datedRuns = 0; // runs of neighbouring dated rows without and with the year
        int datedRows = 0; // rows dated with the year
        bool lastYearless = false;
        QString lastDated, datedNext; // the latest row's date with a year, the one next to the yearless rows
    } yearlessSeen; // pass 1
    if (needDates || needDecimals || verifyIndicator || checkCardSigns || checkPaymentSigns || checkBalanceSigns
        || checkStatedSigns || checkUnsignedAmount || checkAvailableBalance || ledgerReport || checkCurrencyAccounts
        || noAccountNamed || sollHabenAccounts || transfers || loneDebit || checkJournalBalance) {
        DateEvidence dates;
        DecimalEvidence decimals, balanceDecimals;
        const bool rewind = !device->isSequential();
        Result<TextDecoder> dec = TextDecoder::create(choice->encoding);
        if (!dec)
            return dec.status();
        std::unique_ptr<CsvReader> reader;
        if (rewind) {
            device->seek(dataStart);
            reader = std::make_unique<CsvReader>(device, &*dec, layout.delimiter);
        } else {
            reader = std::make_unique<CsvReader>(head, layout.delimiter);
        }
        CsvRecord rec;
        CsvReader::Next n;
        // Revolut's exports of 2019 wrote this year's dates without the year ("September 15") and earlier years' with
        // it ("2018 August 28"): where the rows without the year are all above or all below two or more others, they
        // are of the year after the written date next to them (the latest), unless a line above the header states the
        // statement's dates.
        const auto noteYearless = [&](const QString& text) {
            if (yearlessSeen.yearlessRuns + yearlessSeen.datedRuns > 2)
                return; // neither side is one run: no year is taken
            const QString t = text.trimmed();
            // A date with its year has a number of three or more digits (read after pass 1); a day and month alone
            // is a month's name and a number, or at most six characters ("15/09", "15.09."). Other texts (dates
            // with a two-digit year among them) say nothing.
            int run = 0, longestRun = 0;
            bool letter = false;
            for (QChar c : t) {
                longestRun = std::max(longestRun, run = c.isDigit() ? run + 1 : 0);
                letter = letter || c.isLetter();
            }
            const bool yearless = longestRun < 3 && (t.size() <= 6 || (letter && t.size() <= 16))
                && parseYearlessDate(t, DateOrder::DayMonthYear, QDate(2000, 12, 31)).has_value();
            if (!yearless && longestRun < 3)
                return;
            if (yearlessSeen.yearlessRuns + yearlessSeen.datedRuns == 0 || yearless != yearlessSeen.lastYearless) {
                if (yearless) {
                    ++yearlessSeen.yearlessRuns;
                    if (yearlessSeen.datedRuns > 0)
                        yearlessSeen.datedNext = yearlessSeen.lastDated; // the latest date above the yearless rows
                } else {
                    ++yearlessSeen.datedRuns;
                    if (yearlessSeen.yearlessRuns > 0)
                        yearlessSeen.datedNext = t; // the latest date below them
                }
                yearlessSeen.lastYearless = yearless;
            }
            if (!yearless) {
                yearlessSeen.lastDated = t;
                ++yearlessSeen.datedRows;
            }
        };
        // Dollar statements (US banks) write month first; a file all of whose dates could be either is read so.
        // US and Canadian dollar statements write month first (RBC's "CAD$" and "USD$" columns; TD, Tangerine).
        bool dollars = options.defaultCurrency.compare(u"USD", Qt::CaseInsensitive) == 0
            || options.defaultCurrency.compare(u"CAD", Qt::CaseInsensitive) == 0;
        for (CsvField f : {CsvField::Amount, CsvField::Debit, CsvField::Credit})
            if (const int c = res.at(f); c >= 0 && c < layout.headers.size()
                && (layout.headers[c].trimmed().compare(u"CAD$", Qt::CaseInsensitive) == 0
                    || layout.headers[c].trimmed().compare(u"USD$", Qt::CaseInsensitive) == 0))
                dollars = true;
        bool otherCurrency = false;
        // "Valuta" is the value date in German and Dutch and the currency in Scandinavian exports (Nordea).
        bool valueDateIsCurrency = res.at(CsvField::ValueDate) >= 0;
        bool anyValueDate = false;
        // A dated row's amount cells and the balance in column `balance` beside them, for the account accountOf()
        // names, while `evidence` holds fewer than kBalanceEvidenceRows.
        const auto noteEvidence = [&](std::vector<BalanceEvidence>* evidence, int balance, const auto& accountOf) {
            if (evidence->size() < kBalanceEvidenceRows && !cell(rec, balance).trimmed().isEmpty()
                && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty())
                evidence->push_back({cell(rec, res.at(CsvField::Amount)), cell(rec, res.at(CsvField::Debit)),
                                     cell(rec, res.at(CsvField::Credit)), cell(rec, balance), accountOf()});
        };
        while ((n = reader->next(&rec)) == CsvReader::Next::Record) {
            if (!isDataRecord(rec))
                continue;
            dropTextMarks(&rec);
            joinDateParts(&rec);
            markBalance(&rec);
            const QString rowDateText = cell(rec, rowDateColumn(rec));
            dates.add(rowDateText);
            // Not a note below the rows split at its commas, nor a balance's row (an opening balance dated with the
            // year above rows without it is of the same year).
            if (yearlessSeen.yearlessRuns + yearlessSeen.datedRuns <= 2 && rec.fields.size() == layout.headers.size()
                && std::none_of(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel))
                noteYearless(rowDateText);
            // (Not the header repeated among the rows: SDC's Danish export repeats it above each month.)
            if (const QString v = cell(rec, res.at(CsvField::ValueDate)).trimmed(); valueDateIsCurrency && !v.isEmpty()
                && v.compare(layout.headers.value(res.at(CsvField::ValueDate)).trimmed(), Qt::CaseInsensitive) != 0) {
                anyValueDate = true;
                valueDateIsCurrency = v.size() == 3 && Money::isKnownCurrency(v.toUpper());
            }
            if (const QString c = cell(rec, res.at(CsvField::Currency)).trimmed(); !c.isEmpty()) {
                const bool usd = c.compare(u"USD", Qt::CaseInsensitive) == 0
                    || c.compare(u"CAD", Qt::CaseInsensitive) == 0 || c == u"$";
                dollars = dollars || usd;
                otherCurrency = otherCurrency || !usd;
            }
            // Not a date in an amount column (PostFinance's "Value" is the value date: "31.12.2022"); the balance
            // column's amounts decide where the amounts tell nothing (its one row: "-5" and "7881.98").
            for (int c : {res.at(CsvField::Amount), res.at(CsvField::Debit), res.at(CsvField::Credit)})
                if (const QString v = cell(rec, c); !looksLikeDate(v))
                    decimals.add(v);
            if (const QString v = cell(rec, balanceCol); !looksLikeDate(v))
                balanceDecimals.add(v);
            signedFees = signedFees || cell(rec, feeCol).trimmed().startsWith(QLatin1Char('-'));
            bookedStates = bookedStates
                || (transfers && cell(rec, stateCol).trimmed().compare(u"booked", Qt::CaseInsensitive) == 0);
            if (res.at(CsvField::Amount) >= 0 && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                const QString v = cell(rec, res.at(CsvField::Amount)).trimmed();
                amountDates = amountDates && (v.isEmpty() || looksLikeDate(v));
            }
            if (checkCardSigns) {
                const QString typeCell = cell(rec, typeCol);
                const QString incomeCell = cell(rec, incomeCol).trimmed();
                const QStringView type = incomeCol >= 0 && typeCol < 0
                    ? QStringView(incomeCell.compare(u"true", Qt::CaseInsensitive) == 0        ? u"income"
                                      : incomeCell.compare(u"false", Qt::CaseInsensitive) == 0 ? u"regular"
                                                                                               : u"")
                    : QStringView(typeCell).trimmed();
                const QString amountCell = cell(rec, res.at(CsvField::Amount));
                const QStringView amount = QStringView(amountCell).trimmed();
                const bool negative = amount.startsWith(u'-') || amount.startsWith(u'(') || amount.endsWith(u'-');
                // Rogers' "TRANS" and Chase's "Sale" are purchases.
                if (!amount.isEmpty()
                    && (type.compare(u"purchase", Qt::CaseInsensitive) == 0
                        || type.compare(u"trans", Qt::CaseInsensitive) == 0
                        || type.compare(u"sale", Qt::CaseInsensitive) == 0
                        || type.compare(u"regular", Qt::CaseInsensitive) == 0))
                    ++(negative ? negativePurchases : positivePurchases);
                else if (!amount.isEmpty()
                         && (type.compare(u"payment", Qt::CaseInsensitive) == 0
                             || type.compare(u"income", Qt::CaseInsensitive) == 0))
                    ++(negative ? negativePayments : positivePayments);
                if (!amount.isEmpty() && typeCol >= 0) {
                    anyNegativeAmount = anyNegativeAmount || negative;
                    ++(movesMoneyOut(type) ? outTypedRows : otherTypedRows);
                    returnTypedRows += type.compare(u"return", Qt::CaseInsensitive) == 0 ? 1 : 0;
                    for (QStringView t : {u"refund", u"payout", u"chargeback", u"commission"})
                        processorTypedRows += type.compare(t, Qt::CaseInsensitive) == 0 ? 1 : 0;
                }
            }
            if (checkPaymentSigns
                && positiveCardPayments + negativeCardPayments + positiveCharges + negativeCharges
                    < kCardSignEvidenceRows
                && !rowDateText.trimmed().isEmpty()) {
                const QString amountCell = cell(rec, res.at(CsvField::Amount));
                const QStringView amount = QStringView(amountCell).trimmed();
                const bool negative = writtenNegative(amount);
                if (const QString text = cell(rec, paymentTextCol);
                    !amount.isEmpty() && isCardPaymentText(text, cardColumn)) {
                    ++(negative ? negativeCardPayments : positiveCardPayments);
                    negativeThanks += negative && text.contains(u"thank you", Qt::CaseInsensitive) ? 1 : 0;
                } else if (!amount.isEmpty())
                    ++(negative ? negativeCharges : positiveCharges);
            }
            const auto accountColumn = [&] { return accountCell(cell(rec, res.at(CsvField::Account))); };
            // (The file's rows under the key "" where it has no account column.)
            if (res.at(CsvField::Currency) >= 0 && currencyColumnIsRows && !rowDateText.trimmed().isEmpty()
                && (accountCurrencies.size() < kMaxAccountCurrencies || accountCurrencies.contains(accountColumn())))
                if (const QString c = currencyCode(cell(rec, res.at(CsvField::Currency)), options.defaultCurrency);
                    Money::isKnownCurrency(c))
                    if (QHash<QString, qint64>& seen = accountCurrencies[accountColumn()];
                        seen.size() < 8 || seen.contains(c))
                        ++seen[c];
            if (checkBalanceSigns)
                noteEvidence(&balanceEvidence, balanceCol, accountColumn);
            if (checkJournalBalance && (journalPointReads || journalCommaReads) && !rowDateText.trimmed().isEmpty()) {
                constexpr qsizetype kMaxJournalDays = 20000;
                constexpr qsizetype kMaxJournalAccounts = 100000;
                const BalanceEvidence e {QString(), cell(rec, res.at(CsvField::Debit)),
                                         cell(rec, res.at(CsvField::Credit)), QString(), QString()};
                const std::optional<qint64> point = evidenceAmount(e, DecimalSeparator::Point, options);
                const std::optional<qint64> comma = evidenceAmount(e, DecimalSeparator::Comma, options);
                const QString day = rowDateText.trimmed();
                if (!journalDays.contains(day) && journalDays.size() >= kMaxJournalDays) {
                    journalPointReads = journalCommaReads = false;
                } else {
                    JournalDay& d = journalDays[day];
                    journalPointReads = journalPointReads && point;
                    journalCommaReads = journalCommaReads && comma;
                    d.point += point.value_or(0);
                    d.comma += comma.value_or(0);
                    journalDebits = journalDebits || !e.debit.trimmed().isEmpty();
                    ++journalRows;
                    if (journalAccounts.size() < kMaxJournalAccounts)
                        journalAccounts.insert(accountColumn());
                }
            }
            if (checkAvailableBalance)
                noteEvidence(&availableEvidence, availableCol, accountColumn);
            if (checkCurrencyAccounts)
                noteEvidence(&currencyEvidence, balanceCol, [&] { return currencyAccount(rec); });
            if (noAccountNamed && headingsSeen.size() < kMaxAccountHeadings && confirmed.size() < kMaxAccountHeadings) {
                const QString above = std::exchange(headingAbove, QString());
                if (const QString heading = accountHeading(rec); !heading.isEmpty()) {
                    headingsSeen.append(heading);
                    headingAbove = heading;
                } else if (const QString named = totalledName(rec); !named.isEmpty()) {
                    confirmed.insert(named);
                } else if (!above.isEmpty()
                           && std::any_of(rec.fields.cbegin(), rec.fields.cend(), [](const QString& f) {
                                  const std::optional<BalanceLabel> label = balanceLineLabel(f);
                                  return label && label->end == BalanceEnd::Opening;
                              })) {
                    confirmed.insert(above);
                }
            }
            if (sageTaxCodes && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                static const QRegularExpression sageCode(QStringLiteral("^T\\d{1,2}$"));
                sageTaxCodes = sageCode.match(cell(rec, taxCodeCol).trimmed()).hasMatch();
            }
            if (loneDebit && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                const QString debit = moneyCell(rec, res.at(CsvField::Debit));
                if (const Result<DecimalText> v = parseDecimalText(debit, DecimalSeparator::Auto);
                    v && hasNonZeroDigit(debit))
                    ++(v->negative ? loneDebitsNegative : loneDebitsPositive);
            }
            if (checkUnsignedAmount && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                const QString amount = cell(rec, res.at(CsvField::Amount)).trimmed();
                negativeAmount = negativeAmount || writtenNegative(amount);
                const QString debit = cell(rec, res.at(CsvField::Debit));
                debitAmount = debitAmount || hasNonZeroDigit(debit);
            }
            if (balanceCol >= 0 && sameBalanceRows >= 0 && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                const QString b = cell(rec, balanceCol).trimmed();
                const QString account = accountCell(cell(rec, res.at(CsvField::Account)));
                auto same = sameBalances.find(account);
                if (same == sameBalances.end() && sameBalances.size() < kMaxAccountHeadings)
                    same = sameBalances.insert(account, {b, rec.line});
                sameBalanceRows
                    = same != sameBalances.end() && !b.isEmpty() && b == same->balance ? sameBalanceRows + 1 : -1;
            }
            if (fromCol >= 0 && toCol >= 0 && !counterpartyExplicit
                && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                const QString from = cell(rec, fromCol).trimmed(), to = cell(rec, toCol).trimmed();
                ++fromToRows;
                for (const QString& name : {from, to == from ? QString() : to})
                    if (!name.isEmpty() && (partyRows.size() < kMaxParties || partyRows.contains(name)))
                        ++partyRows[name];
            }
            // A dated or undated row's amounts and balance for the carried dates' balance walk.
            const auto noteCarry = [&](bool dated) {
                if (balanceCol >= 0 && carryEvidence.size() < kCarryEvidenceRows)
                    carryEvidence.push_back({dated,
                                             {cell(rec, res.at(CsvField::Amount)),
                                              cell(rec, res.at(CsvField::Debit)),
                                              cell(rec, res.at(CsvField::Credit)),
                                              cell(rec, balanceCol),
                                              {}}});
            };
            if (const QString dateText = cell(rec, res.at(CsvField::Date)).trimmed(); !dateText.isEmpty()) {
                if (std::any_of(dateText.cbegin(), dateText.cend(), [](QChar c) { return c.isDigit(); })) {
                    noteCarry(true);
                    anyDated = true;
                    undatedBetween += undatedOpen;
                    undatedOpen = 0;
                }
            } else if (rec.fields.size() == layout.headers.size()
                       && std::none_of(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel)
                       && std::none_of(rec.fields.cbegin(), rec.fields.cend(),
                                       [](const QString& f) { return isTotalsLabel(f.trimmed(), true); })) {
                const QString amounts = cell(rec, res.at(CsvField::Amount)) + cell(rec, res.at(CsvField::Debit))
                    + cell(rec, res.at(CsvField::Credit));
                if (std::any_of(amounts.cbegin(), amounts.cend(), [](QChar c) { return c.isDigit(); })) {
                    if (anyDated)
                        ++undatedOpen;
                    else
                        undatedFirst = true;
                    noteCarry(false);
                }
            }
            if (spareAmountCol >= 0 && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                ++datedRows;
                amountFilled += cell(rec, res.at(CsvField::Amount)).trimmed().isEmpty() ? 0 : 1;
                spareFilled += cell(rec, spareAmountCol).trimmed().isEmpty() ? 0 : 1;
            }
            if (datevKontoCol >= 0 && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                for (auto [col, first, one] :
                     {std::tuple {datevKontoCol, &datevKonto, &oneDatevKonto},
                      std::tuple {datevGegenkontoCol, &datevGegenkonto, &oneDatevGegenkonto}}) {
                    const QString account = cell(rec, col).trimmed();
                    if (first->isEmpty())
                        *first = account;
                    *one = *one && !account.isEmpty() && account == *first;
                }
            }
            if (sollHabenAccounts && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                QSet<QString> named;
                for (int col : {sollKontoCol, habenKontoCol})
                    if (const QString account = cell(rec, col).trimmed(); !account.isEmpty())
                        named.insert(account);
                if (!sharedAccounts)
                    sharedAccounts = named;
                else
                    sharedAccounts->intersect(named);
            }
            if (journalColumns && ledgerAccountCol >= 0 && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                const QString account = cell(rec, ledgerAccountCol).trimmed();
                if (ledgerAccount.isEmpty())
                    ledgerAccount = account;
                oneLedgerAccount = oneLedgerAccount && account == ledgerAccount;
            }
            if (checkStatedSigns) {
                BalanceEvidence e {{}, cell(rec, res.at(CsvField::Debit)), cell(rec, res.at(CsvField::Credit)), {}, {}};
                const auto label = std::find_if(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel);
                if (label != rec.fields.cend()) {
                    if (const std::optional<BalanceLabel> b = balanceLineLabel(*label)) {
                        auto& slot = b->end == BalanceEnd::Opening ? statedOpeningRow : statedClosingRow;
                        if (!slot)
                            slot = std::pair {std::move(e), rec.line};
                    }
                } else if (!cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                    if (statedRows.size() < kStatedEvidenceRows)
                        statedRows.push_back(std::move(e));
                    else
                        statedRowsComplete = false;
                }
            }
            // (Not a summary's line below the rows, of another width and no date: WeChat Pay's counts and sums.)
            if (verifyIndicator && indicatorValues && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()
                && (rec.fields.size() == layout.headers.size() || looksLikeDate(cell(rec, res.at(CsvField::Date))))) {
                const std::optional<int> sign = indicatorSign(cell(rec, res.at(CsvField::Indicator)));
                // (Or a balance row's label: J.P. Morgan Access's "Data Type" of Opening and Closing Ledger rows.)
                indicatorValues = sign.has_value() || isBalanceRowLabel(cell(rec, res.at(CsvField::Indicator)));
                anyIndicator = anyIndicator || sign.value_or(0) != 0;
            }
            if (res.col.contains(CsvField::Indicator) && !cell(rec, res.at(CsvField::Date)).trimmed().isEmpty()) {
                const QString mark = cell(rec, res.at(CsvField::Indicator)).trimmed();
                const int sign = indicatorSign(mark).value_or(0);
                creditMarks += sign > 0 ? 1 : 0;
                debitMarks += sign < 0 ? 1 : 0;
                emptyMarks += mark.isEmpty() ? 1 : 0;
                const QString amount = cell(rec, res.at(CsvField::Amount)).trimmed();
                const bool negative = writtenNegative(amount);
                negativeMarked = negativeMarked || negative;
                if (sign != 0 && !amount.isEmpty())
                    ++((sign < 0) == negative ? marksAsBank : marksAsLedger);
            }
        }
        if (n == CsvReader::Next::Error)
            return reader->error();
        if (valueDateIsCurrency && anyValueDate) {
            const int column = res.col.take(CsvField::ValueDate);
            if (!res.col.contains(CsvField::Currency))
                res.col[CsvField::Currency] = column;
        }
        // Where no row's day is above 12, the dates above the header may show the order.
        const std::optional<DateOrder> statedOrder = needDates && (dates.undecided() || dates.guessedFromDistances())
            ? orderStatedDatesShow(statedDates)
            : std::nullopt;
        if (statedOrder) {
            layout.dateOrder = *statedOrder;
        } else if (needDates) {
            const bool monthFirst = dollars && !otherCurrency;
            layout.dateOrder = dates.decide(monthFirst ? DateOrder::MonthDayYear : DateOrder::DayMonthYear);
            if (monthFirst && dates.undecided())
                addIssue(&summary.warnings, &summary.warningCount,
                         {0, 0, QStringLiteral("date"),
                          QStringLiteral("no date in the file has a day above 12: the dates are read as "
                                         "month/day/year, as US and Canadian dollar statements write them (set the "
                                         "date format if that is wrong)")});
            if (dates.guessedFromDistances())
                addIssue(&summary.warnings, &summary.warningCount,
                         {0, 0, QStringLiteral("date"),
                          QStringLiteral("no date in the file has a day above 12: the dates are read as %1, which puts "
                                         "neighbouring rows closer together (set the date format if that is wrong)")
                              .arg(layout.dateOrder == DateOrder::MonthDayYear ? QStringLiteral("month/day/year")
                                                                               : QStringLiteral("day/month/year"))});
        }
        if (needDecimals) {
            const int currencyDecimals = Money::decimalsFor(options.defaultCurrency.toUpper());
            layout.decimalSeparator = (decimals.empty() ? balanceDecimals : decimals).decide(currencyDecimals);
            // Amounts that are all whole ("1.000", "-2.000": DKB drops a whole amount's ",00") beside a balance
            // written with a decimal comma ("Kontostand vom 30.12.2024:";"3.600,00 €"): the points group.
            if (decimals.onlyPointsBeforeThree() && currencyDecimals > 0) {
                DecimalEvidence balances = balanceDecimals;
                for (const BalanceLine& b : balanceLines)
                    balances.add(b.text);
                if (!balances.empty() && !balances.onlyPointsBeforeThree()
                    && balances.decide(currencyDecimals) == DecimalSeparator::Comma)
                    layout.decimalSeparator = DecimalSeparator::Comma;
            }
            // BoursoBank writes its amounts with a decimal comma and its balance with a point ("-25,95" beside
            // "1758.27"): a balance column whose own figures tell a point keeps it.
            if (layout.decimalSeparator == DecimalSeparator::Comma && !balanceDecimals.empty()
                && balanceDecimals.decide(currencyDecimals) == DecimalSeparator::Point)
                balanceSeparator = DecimalSeparator::Point;
        }
        loneDebitReversals = loneDebitsNegative > 0 && loneDebitsPositive >= loneDebitsNegative;
        if (checkUnsignedAmount && !negativeAmount && debitAmount) {
            res.col.remove(CsvField::Amount);
            feeCol = -1;
            for (std::vector<BalanceEvidence>* evidence : {&balanceEvidence, &availableEvidence})
                for (BalanceEvidence& e : *evidence)
                    e.amount.clear();
        }
        if (checkCurrencyAccounts) {
            QStringList keys;
            for (const BalanceEvidence& e : currencyEvidence)
                if (!e.account.isEmpty() && !keys.contains(e.account))
                    keys.append(e.account);
            if (keys.size() >= 2) {
                // Each account's rows chain, and where the file goes from one account's row to another's, the second
                // does not go on from the first one's balance (PayPal's balances of several currencies, each back at
                // zero after its conversion, neither go on nor break).
                const BalanceChain inFileOrder = balanceChain(currencyEvidence, layout.decimalSeparator, options);
                std::stable_sort(
                    currencyEvidence.begin(), currencyEvidence.end(),
                    [](const BalanceEvidence& a, const BalanceEvidence& b) { return a.account < b.account; });
                const BalanceChain apart = balanceChain(currencyEvidence, layout.decimalSeparator, options);
                accountsByCurrency = apart.asWritten >= 2 && apart.neither * 4 <= apart.asWritten
                    && inFileOrder.crossContinues * 4 <= inFileOrder.crossBreaks;
                // (Read into a chosen account, said below, once it is known whether each currency's rows go to an
                // account of their own.)
                if (accountsByCurrency && options.accountChosen)
                    currencyAccountKeys = keys;
                else if (accountsByCurrency)
                    addIssue(&summary.warnings, &summary.warningCount,
                             {0, 0, QStringLiteral("account"),
                              QStringLiteral("the file holds %1 accounts told apart by their currency (%2), whose "
                                             "balances run on each of their own: each one's rows go to an account of "
                                             "that name")
                                  .arg(keys.size())
                                  .arg(keys.join(QStringLiteral(", ")))});
            }
        }
        QStringList mixed = accountCurrencies.keys();
        mixed.removeIf([&](const QString& a) { return a.isEmpty() || accountCurrencies.value(a).size() < 2; });
        mixed.sort();
        for (const QString& a : std::as_const(mixed)) {
            const QHash<QString, qint64>& counts = accountCurrencies[a];
            QStringList codes = counts.keys();
            codes.sort();
            const QString main = mostRowsIn(counts);
            mainCurrency.insert(a, main);
            addIssue(&summary.warnings, &summary.warningCount,
                     {0, 0, QStringLiteral("account"),
                      QStringLiteral("account %1 has rows in %2 currencies (%3): its rows in %4 go to account %1, each "
                                     "other currency's to an account of its own, named with the currency after the "
                                     "number")
                          .arg(a)
                          .arg(codes.size())
                          .arg(codes.join(QStringLiteral(", ")), main)});
        }
        for (const QString& h : std::as_const(headingsSeen))
            if (confirmed.contains(h) && namesAnAccount(h) && !headingSet.contains(h)) {
                accountHeadings.append(h);
                headingSet.insert(h);
            }
        if (options.accountChosen && accountHeadings.size() > 1)
            addIssue(&summary.warnings, &summary.warningCount,
                     readIntoChosenAccount(accountHeadings, QStringLiteral("under headings of their own")));
        if (checkAvailableBalance) {
            const BalanceChain chain = balanceChain(availableEvidence, layout.decimalSeparator, options);
            if (chain.asWritten >= 2 && chain.turned == 0 && chain.neither == 0)
                balanceCol = availableCol;
        }
        if (checkStatedSigns && statedRowsComplete && statedOpeningRow && statedClosingRow && !statedRows.empty()) {
            const std::optional<qint64> opening
                = evidenceAmount(statedOpeningRow->first, layout.decimalSeparator, options);
            const std::optional<qint64> closing
                = evidenceAmount(statedClosingRow->first, layout.decimalSeparator, options);
            qint64 sum = opening.value_or(0);
            bool read = opening && closing && *closing != 0;
            for (size_t i = 0; read && i < statedRows.size(); ++i) {
                const std::optional<qint64> a = evidenceAmount(statedRows[i], layout.decimalSeparator, options);
                read = a && checkedAdd(sum, *a, &sum);
            }
            statedAsWritten = read && sum == *closing;
            if (read && sum == -*closing) {
                turnSigns(&turnedByBalance,
                          QStringLiteral("the closing balance is the figure that balances the debits and credits, "
                                         "as an accounting ledger writes it (its debit is money in)"));
                ledgerBalances = std::pair {CsvStatedBalance {-*opening, statedOpeningRow->second},
                                            CsvStatedBalance {*closing, statedClosingRow->second}};
            }
        }
        // The balance column against the amounts (checkBalanceSigns): a "Balance" that is each row's own debit less its
        // credit (Odoo's journal items) is no running balance but says the direction as a ledger books it, and so
        // does a running balance that falls where the amounts read positive and rises where they read negative.
        const BalanceChain balanceRun = checkBalanceSigns
                && (!res.col.contains(CsvField::Indicator) || (verifyIndicator && !(indicatorValues && anyIndicator)))
            ? balanceChain(balanceEvidence, layout.decimalSeparator, options)
            : BalanceChain {};
        // A bookkeeping package's report of one ledger account that nothing above has read one way or the other.
        const bool unturnedLedger
            = ledgerReport && oneLedgerAccount && !turnedByBalance && !statedAsWritten && !checkBalanceSigns;
        if (balanceRun.rows >= 2 && balanceRun.ownAmountTurned == balanceRun.rows) {
            turnSigns(&turnedByBalance,
                      QStringLiteral("the balance column is each row's debit less its credit, as a "
                                     "ledger writes it (its debit is money in)"));
            balanceCol = -1;
        } else if (balanceRun.turned >= 2 && balanceRun.asWritten == 0)
            turnSigns(&turnedByBalance,
                      QStringLiteral("the balance column falls where the amounts are positive and "
                                     "rises where they are negative (a ledger's debit is money in)"));
        // A bookkeeping package's report of the bank account's ledger, known by its own columns (Sage 50's "T/C" tax
        // code, MYOB's "Src" and "ID No.", Tally's "Vch Type", Exact Online's and Zoho Books' above), with debit and
        // credit columns and no balance column: its debit is money in. Its balance lines state the ledger's balances as
        // they are (a debit balance positive).
        else if (oneDatevKonto && !datevKonto.isEmpty() && res.col.contains(CsvField::Indicator)
                 && !mappedByUser(CsvField::Indicator) && !mappedByUser(CsvField::Amount)) {
            turnSigns(&turnedAsLedger,
                      QStringLiteral("the file is a DATEV booking batch whose rows are all booked on account %1 "
                                     "(its Soll is money in)")
                          .arg(datevKonto));
        } else if (!oneDatevKonto && oneDatevGegenkonto && !datevGegenkonto.isEmpty()
                   && !mappedByUser(CsvField::Account)) {
            res.col[CsvField::Account] = datevGegenkontoCol;
        } else if (unturnedLedger && (taxCodeCol < 0 || sageTaxCodes)
                   && !(res.col.contains(CsvField::Indicator)
                        && (!verifyIndicator || (indicatorValues && anyIndicator)))
                   && res.col.contains(CsvField::Debit) && res.col.contains(CsvField::Credit)
                   && !res.col.contains(CsvField::Amount)) {
            turnSigns(&turnedAsLedger,
                      QStringLiteral("the file is a bookkeeping package's ledger of the account (its debit is money "
                                     "in)"));
            // Sage's and MYOB's account column names the other side's account (the customer's code), not the
            // account the rows go to.
            if ((sageTaxCodes || myobColumns) && !mappedByUser(CsvField::Account))
                res.col.remove(CsvField::Account);
        } else if (unturnedLedger && journalColumns && res.col.contains(CsvField::Amount) && !negativeMarked
                   && res.col.contains(CsvField::Indicator) && verifyIndicator && indicatorValues && anyIndicator) {
            // The same journal with unsigned amounts and a debit/credit mark (Twinfield's "Bedrag" and "D/C").
            turnSigns(&turnedAsLedger,
                      QStringLiteral("the file is a bookkeeping package's journal of the account (its debit is money "
                                     "in)"));
        }
        // The double-entry journal (checkJournalBalance): every day's credits less debits zero, in the decimal
        // separator the file was found to write.
        if (checkJournalBalance && !turnedByBalance && !turnedAsLedger && journalRows >= 4 && journalDebits
            && journalAccounts.size() >= 2
            && (layout.decimalSeparator == DecimalSeparator::Comma ? journalCommaReads : journalPointReads)
            && std::all_of(journalDays.cbegin(), journalDays.cend(), [&layout](const JournalDay& d) {
                   return (layout.decimalSeparator == DecimalSeparator::Comma ? d.comma : d.point) == 0;
               }))
            turnSigns(&turnedAsLedger,
                      QStringLiteral("the file is a double-entry journal of %1 accounts, each day's debits equal to "
                                     "its credits (its debit is money in)")
                          .arg(journalAccounts.size()));
        // Not a card holder's export of returns and payments to the card (Chase's Return is money in), no
        // processor's refunds or payouts among them.
        if (checkCardSigns && typeCol >= 0 && !anyNegativeAmount && outTypedRows > 0 && otherTypedRows > 0
            && !(positivePayments > 0 && returnTypedRows > 0 && processorTypedRows == 0)
            && !(res.col.contains(CsvField::Indicator) && (!verifyIndicator || (indicatorValues && anyIndicator)))) {
            signByType = true;
            addIssue(&summary.warnings, &summary.warningCount,
                     {0, 0, QStringLiteral("amount"),
                      QStringLiteral("no amount is negative: rows typed as money out (fees, refunds, returns, "
                                     "chargebacks, payouts, withdrawals) are read as money out")});
        }
        // Bank of Communications' card statement (交易说明 beside 交易币种/金额 and 入账币种/金额, "CNY 123.18"): its
        // amounts are unsigned, the description's first word names the row's kind.
        if (!mappedByUser(CsvField::Amount) && balanceCol < 0 && hasHeader({u"交易说明"})
            && hasHeader({u"入账币种/金额"}) && hasHeader({u"交易币种/金额"})) {
            signByKindWord = true;
            addIssue(&summary.warnings, &summary.warningCount,
                     {0, 0, QStringLiteral("amount"),
                      QStringLiteral("the card statement's amounts have no sign: rows are read as money out but for "
                                     "repayments, returns, refunds and cash back (还款, 退货, 退款, 返现)")});
        }
        // (A refund may be a purchase written negative: Rogers' "TRANS" of -39.99.)
        if (positivePurchases > 0 && positivePurchases >= 3 * negativePurchases && negativePayments > 0
            && positivePayments == 0)
            turnSigns(&map.negateAmount,
                      QStringLiteral("purchases are positive and payments negative, as card exports write them"));
        // Not where a debit/credit indicator column gives the signs (a candidate whose values were no indicators, as
        // Lloyds' card "Reference" numbers, gives none).
        // (A short file's one charge beside its payments, each of which thanks for it: American Express's two rows.
        // A checking account's "CITI AUTOPAY PAYMENT" beside its salary is no such file.)
        else if (!map.negateAmount && negativeCardPayments > 0 && positiveCardPayments == 0
                 && ((positiveCharges >= 2 && positiveCharges >= 2 * negativeCharges)
                     || (positiveCharges == 1 && negativeCharges == 0 && negativeThanks == negativeCardPayments))
                 && !(res.col.contains(CsvField::Indicator) && (!verifyIndicator || (indicatorValues && anyIndicator))))
            turnSigns(&map.negateAmount,
                      QStringLiteral("the payments to the card are negative and the other rows mostly positive, as "
                                     "card exports write charges"));
        // A corporate card's export (a cardholder column: Ramp, Brex) whose rows are at least three quarters positive
        // and none of them a payment to the card written positive.
        else if (!map.negateAmount && cardholderColumn && positiveCardPayments == 0 && positiveCharges >= 2
                 && positiveCharges >= 3 * negativeCharges
                 && !(res.col.contains(CsvField::Indicator) && (!verifyIndicator || (indicatorValues && anyIndicator))))
            turnSigns(&map.negateAmount,
                      QStringLiteral("a corporate card's export (a cardholder column) writes its charges positive"));
    }
    if (spareAmountCol >= 0 && datedRows > 0 && spareFilled == datedRows && amountFilled < datedRows)
        res.col[CsvField::Amount] = spareAmountCol;
    else if (amountDates && res.col.contains(CsvField::Amount) && !mappedByUser(CsvField::Amount)
             && (res.col.contains(CsvField::Debit) || res.col.contains(CsvField::Credit)))
        res.col.remove(CsvField::Amount);
    // (Each account's as a balance line of the file where it holds one, else as its section's, CsvSummary::
    // sectionBalances, at the end.)
    std::vector<std::pair<QString, SameBalance>> closingPerAccount;
    if (balanceCol >= 0 && sameBalanceRows >= 3) {
        for (auto it = sameBalances.cbegin(); it != sameBalances.cend(); ++it)
            if (sameBalances.size() == 1)
                balanceLines.push_back({BalanceEnd::Closing, it->line, it->balance, std::nullopt, balanceSeparator});
            else
                closingPerAccount.emplace_back(it.key(), *it);
        balanceCol = -1;
    }
    QString bankKonto; // the account every row of a Sollkonto/Habenkonto export books on
    if (sollHabenAccounts && sharedAccounts && sharedAccounts->size() == 1) {
        bankKonto = *sharedAccounts->cbegin();
        addIssue(&summary.warnings, &summary.warningCount,
                 {0, 0, QStringLiteral("amount"),
                  QStringLiteral("every row books on account %1: its Sollkonto rows are read as money in, its "
                                 "Habenkonto rows as money out")
                      .arg(bankKonto)});
    }
    // ICICI's card statement names its column of CR marks "BillingAmountSign": empty there, a charge, in a file
    // without a credit too.
    const bool cardSignColumn = res.col.contains(CsvField::Indicator)
        && normalizedHeader(layout.headers.value(res.at(CsvField::Indicator))) == u"billing amount sign";
    if (verifyIndicator && !(indicatorValues && (anyIndicator || cardSignColumn)))
        res.col.remove(CsvField::Indicator);
    // A ledger of the bank's account whose amounts carry the ledger's signs beside its D/C marks (Infor SunSystems'
    // "Base Amount" and "D/C": a debit, money in, positive): the amounts' signs are the rows'.
    if (verifyIndicator && accountingReport && negativeMarked && marksAsLedger > 0 && marksAsBank == 0)
        res.col.remove(CsvField::Indicator);
    // A bare "Tipo" of D and C signs unsigned amounts (Millennium's); beside signed ones it is the kind of a payment
    // or card ("Crédito", "Débito"), no sign.
    if (verifyIndicator && res.col.contains(CsvField::Indicator) && negativeMarked
        && normalizedHeader(layout.headers.value(res.at(CsvField::Indicator))) == u"tipo")
        res.col.remove(CsvField::Indicator);
    // The account's owner in "From" and "To": the name in at least three fifths of the rows (and in more rows than any
    // other, the first in code-point order among equals); the other party of each row is the other name.
    QString ownerParty;
    for (auto it = partyRows.cbegin(); it != partyRows.cend(); ++it)
        if (it.value() * 5 >= fromToRows * 3
            && (ownerParty.isEmpty() || it.value() > partyRows.value(ownerParty)
                || (it.value() == partyRows.value(ownerParty) && it.key() < ownerParty)))
            ownerParty = it.key();
    // Each day's first row dated only: an undated row with an amount takes the date of the dated row above it.
    // ... where the balance column follows the amounts of the undated rows (from one stated balance to the next, in
    // either order of the rows) at least once and never contradicts them: not the parts of a collective order written
    // under their order's row.
    bool carryFollows = false, carryContradicted = false;
    if (balanceCol >= 0 && undatedBetween > 0) {
        bool havePrevious = false; // a stated balance was read, `previous`
        qint64 previous = 0, previousAmount = 0,
               since = 0; // it, its row's amount; the amounts after it, this row's too
        bool undatedSince = false;
        for (const CarryEvidence& e : carryEvidence) {
            const std::optional<qint64> a = evidenceAmount(e.cells, layout.decimalSeparator, options);
            if (!a || !checkedAdd(since, *a, &since)) {
                havePrevious = false;
                since = 0;
                continue;
            }
            undatedSince = undatedSince || !e.dated;
            if (e.cells.balance.trimmed().isEmpty())
                continue;
            const Result<qint64> balance
                = parseAmount(e.cells.balance, layout.decimalSeparator, evidenceCurrency(options), nullptr);
            // Oldest first: previous + since == balance; newest first: balance + previousAmount + the amounts between
            // (since less this row's) == previous.
            qint64 forward = 0, partial = 0, backward = 0;
            if (balance && havePrevious && undatedSince) {
                const bool follows = (checkedAdd(previous, since, &forward) && forward == *balance)
                    || (checkedAdd(*balance, previousAmount, &partial) && checkedAdd(partial, since - *a, &backward)
                        && backward == previous);
                (follows ? carryFollows : carryContradicted) = true;
            }
            havePrevious = balance.isOk();
            previous = balance ? *balance : 0;
            previousAmount = *a;
            since = 0;
            undatedSince = false;
        }
    }
    const bool carryDates = balanceCol >= 0 && undatedBetween > 0 && undatedOpen == 0 && !undatedFirst && !ledgerReport
        && carryFollows && !carryContradicted;
    const bool emptyIsMoneyOut = res.col.contains(CsvField::Indicator) && (creditMarks > 0 || cardSignColumn)
        && debitMarks == 0 && emptyMarks > 0 && !negativeMarked && res.col.contains(CsvField::Amount);
    for (auto it = res.col.cbegin(); it != res.col.cend(); ++it)
        layout.columns.append({it.key(), it.value()});

    // The statement's end, the year of rows whose dates have none: the latest end of a period above the header, else
    // the latest date there, each read in the file's date order where it can be.
    for (const QString& text : periodEnds.isEmpty() ? statedDates : periodEnds) {
        Result<DateParts> d = parseDateParts(text, layout.dateOrder);
        if (!d)
            d = parseDateParts(
                text, layout.dateOrder == DateOrder::MonthDayYear ? DateOrder::DayMonthYear : DateOrder::MonthDayYear);
        if (d && (!layout.statementEnd.isValid() || d->date > layout.statementEnd))
            layout.statementEnd = d->date;
    }
    if (!layout.statementEnd.isValid() && yearlessSeen.yearlessRuns == 1 && yearlessSeen.datedRuns == 1
        && yearlessSeen.datedRows >= 2)
        if (const Result<DateParts> d = parseDateParts(yearlessSeen.datedNext, layout.dateOrder)) {
            layout.statementEnd = QDate(d->date.year() + 1, 12, 31);
            addIssue(&summary.warnings, &summary.warningCount,
                     {0, 0, QStringLiteral("date"),
                      QStringLiteral("dates without a year are read as of %1, the year after the latest date written "
                                     "with one (\"%2\"), as Revolut's exports wrote the current year's dates")
                          .arg(layout.statementEnd.year())
                          .arg(yearlessSeen.datedNext)});
        }

    // A file of one account without a balance column whose currency column names rows in several currencies (a
    // card's purchases abroad, each in its own currency with no amount in the card's): the rows of the currency most
    // rows are in stay in the file's account; each other currency's go to an account of their own
    // (ImportedRow::mainCurrency). Where a balance column runs on, it tells which rows are the account's. So for a
    // file of accounts told apart by their currency read into one chosen account: the rows of its currency (the one
    // chosen for the file, else the most rows') go to it.
    // Not where the currency column may be a purchase's own beside amounts in the card's: its name says so ("Local
    // currency", "Original currency"), or an exchange rate stands beside it (Bank Norwegian's "Currency Rate").
    const auto purchaseCurrencyColumn = [&] {
        static const QSet<QString> purchaseWords {QStringLiteral("local"),       QStringLiteral("original"),
                                                  QStringLiteral("orig"),        QStringLiteral("foreign"),
                                                  QStringLiteral("transaction"), QStringLiteral("purchase"),
                                                  QStringLiteral("operation")};
        static const QSet<QString> rateWords {
            QStringLiteral("rate"),   QStringLiteral("kurs"), QStringLiteral("wechselkurs"), QStringLiteral("taux"),
            QStringLiteral("cambio"), QStringLiteral("tasa"), QStringLiteral("koers"),       QStringLiteral("курс")};
        const auto wordsOf = [](const QString& header) {
            const QStringList words = normalizedHeader(header).split(QLatin1Char(' '));
            return QSet<QString>(words.cbegin(), words.cend());
        };
        return wordsOf(layout.headers.value(res.at(CsvField::Currency))).intersects(purchaseWords)
            || std::any_of(layout.headers.cbegin(), layout.headers.cend(), [&](const QString& h) {
                   const QString n = normalizedHeader(h);
                   return n.contains(u"汇率") || n.contains(u"匯率") || n.contains(u"レート")
                       || wordsOf(h).intersects(rateWords);
               });
    };
    QString fileMainCurrency;
    const bool chosenForCurrencies = accountsByCurrency && options.accountChosen;
    if (const auto file = accountCurrencies.constFind(QString()); file != accountCurrencies.cend() && file->size() >= 2
        && res.at(CsvField::Account) < 0 && accountHeadings.isEmpty()
        && ((balanceCol < 0 && !accountsByCurrency && !purchaseCurrencyColumn()) || chosenForCurrencies)) {
        fileMainCurrency = file->contains(options.defaultCurrency) ? options.defaultCurrency : mostRowsIn(*file);
        QStringList codes = file->keys();
        codes.sort();
        addIssue(&summary.warnings, &summary.warningCount,
                 {0, 0, QStringLiteral("account"),
                  QStringLiteral("the file's rows are in %1 currencies (%2): its rows in %3 go to the %4 account, "
                                 "each other currency's to an account of its own, named with the currency after the "
                                 "account's name")
                      .arg(codes.size())
                      .arg(codes.join(QStringLiteral(", ")), fileMainCurrency,
                           chosenForCurrencies ? QStringLiteral("chosen") : QStringLiteral("file's"))});
    } else if (chosenForCurrencies) {
        addIssue(&summary.warnings, &summary.warningCount,
                 readIntoChosenAccount(currencyAccountKeys, QStringLiteral("told apart by their currency")));
    }

    // Pass 2: the rows.
    std::array<int, size_t(CsvField::Indicator) + 1> columnOf {};
    for (size_t f = 0; f < columnOf.size(); ++f)
        columnOf[f] = res.at(CsvField(f));
    const auto at = [&columnOf](CsvField f) { return columnOf[size_t(f)]; };
    if (device->isSequential()) {
        if (needDates || needDecimals)
            addIssue(&summary.warnings, &summary.warningCount,
                     {0,
                      0,
                      {},
                      QStringLiteral("the input cannot be read twice: the date order and decimal separator "
                                     "were decided from the first 64 KiB")});
    } else {
        device->seek(dataStart);
    }
    Result<TextDecoder> decoder = TextDecoder::create(choice->encoding);
    if (!decoder)
        return decoder.status();
    CsvReader reader(device, &*decoder, layout.delimiter);
    CsvRecord rec;
    DerivedIds ids;
    ReferenceIds referenceIds;
    const int headerWidth = layout.headers.size();
    std::optional<ImportedRow> held; // the last good row, not yet handed on
    bool heldIsDateAndAmount = false; // `held` has a date and an amount and no text (a balance when it is the last)
    bool continuable = false; // the record before was the held row (or continued its text)
    // The columns of a statement summary's opening and closing balance below the rows, whose figures are the next
    // record (HDFC Bank's "Opening Balance,Dr Count,Cr Count,Debits,Credits,Closing Bal" above its figures).
    struct SummaryColumns
    {
        int opening = -1;
        int closing = -1;
    };
    std::optional<SummaryColumns> summaryColumns;
    bool extraFieldsNamed = false; // a warning named fields beyond the header's last column
    // The held row as it was before a record cut short continued its text, until a dated row follows.
    struct ShortContinuation
    {
        QString description;
        bool dateAndAmount = false;
        int line = 0;
    };
    std::optional<ShortContinuation> shortContinuation;
    bool shortContinuationSeen = false; // a record cut short continued a row that a dated row followed
    std::optional<DateParts> lastDay; // the date of the last record whose date read (carryDates)
    // GnuCash's export of transactions with its simple layout off: a transaction's date, id, description and currency
    // on its first split's row only, each further split a row of its own below it, in another account. Such a row
    // belongs to the transaction above (its date, description and currency).
    int gnucashIdCol = -1;
    if (hasHeader({u"full account name"}))
        for (int i = 0; i < layout.headers.size() && gnucashIdCol < 0; ++i)
            if (normalizedHeader(layout.headers[i]) == u"transaction id")
                gnucashIdCol = i;
    QString splitText, splitCurrency; // the transaction's, from its first row
    // Nordea Sweden's export ("Datum", "Transaktion", "Belopp", "Saldo"), whose reserved card payments lead the rows.
    const bool nordeaReservations = balanceCol >= 0 && hasHeader({u"transaktion"}) && hasHeader({u"belopp"});
    // Swedbank's English export: its "Turnover" rows (row type 82) sum the debits and the credits.
    // (And its older export: "Account No", an unnamed row type, "D/K", "Record ID".)
    const bool swedbankTurnover = (hasHeader({u"row type"}) && hasHeader({u"client account"}))
        || (hasHeader({u"account no"}) && hasHeader({u"record id"}) && hasHeader({u"d/k"}));
    const bool cardStatement = options.cardAccount || cardholderColumn
        || hasHeader({u"kartennummer", u"karteninhaber", u"name karteninhaber", u"card number"});
    // The currency the amount column's header names is the amounts' (Up's "Total (AUD)" beside a "Currency" column
    // that is a foreign purchase's).
    QString amountCurrency;
    for (CsvField f : {CsvField::Amount, CsvField::Debit, CsvField::Credit})
        if (const int c = at(f);
            amountCurrency.isEmpty() && c >= 0 && c < layout.headers.size() && layout.headerLine >= 0)
            amountCurrency = headerCurrency(layout.headers[c]);
    // Else the currency a line above the header names beside the account, where nothing else names one; else the
    // balance column's header's (Luzerner KB's "Saldo (CHF)", Basler KB's "Saldo CHF").
    if (amountCurrency.isEmpty() && at(CsvField::Currency) < 0 && options.defaultCurrency.isEmpty())
        amountCurrency = layout.preambleCurrency;
    if (amountCurrency.isEmpty() && at(CsvField::Currency) < 0 && options.defaultCurrency.isEmpty() && balanceCol >= 0
        && balanceCol < layout.headers.size() && layout.headerLine >= 0)
        amountCurrency = headerCurrency(layout.headers[balanceCol]);
    int firstRowLine = 0; // the line of the first row handed on
    // The currency of every row handed on, while they share one (a currency column's: the stated balances' too).
    QString rowsCurrency;
    bool rowsShareCurrency = true;
    // The sum of the rows handed on (for a totals line below them).
    std::optional<qint64> handedSum = 0;
    const auto handOn
        = [&summary, &onRow, &firstRowLine, &rowsCurrency, &rowsShareCurrency, &handedSum](const ImportedRow& r) {
              if (summary.rowCount == 0)
                  firstRowLine = r.line;
              if (qint64 sum = 0; handedSum && checkedAdd(*handedSum, r.amountMinor, &sum))
                  handedSum = sum;
              else
                  handedSum.reset();
              if (summary.rowCount == 0 || r.currency != rowsCurrency)
                  rowsShareCurrency = summary.rowCount == 0;
              rowsCurrency = r.currency;
              ++summary.rowCount;
              return onRow(r);
          };
    // The column of `r` that no field maps, named as an amount, whose cell holds the sum of the rows so far (the held
    // row's too); -1 where none does.
    const auto totalOfRowsColumn = [&](const CsvRecord& r) {
        qint64 sum = handedSum.value_or(0);
        if (!handedSum || summary.rowCount + (held ? 1 : 0) < 2 || (held && !checkedAdd(sum, held->amountMinor, &sum)))
            return -1;
        const QString currency = !amountCurrency.isEmpty() ? amountCurrency : options.defaultCurrency;
        const QList<int> mapped = res.col.values();
        for (int i = 0; i < r.fields.size() && i < layout.headers.size(); ++i) {
            if (mapped.contains(i) || r.fields[i].trimmed().isEmpty()
                || csvFieldForHeader(layout.headers[i]) != CsvField::Amount)
                continue;
            QString used;
            if (const Result<qint64> v = parseAmount(r.fields[i].trimmed(), layout.decimalSeparator, currency, &used);
                v && *v == sum)
                return i;
        }
        return -1;
    };
    // A record that only continues the text of the row before it (OCBC writes a payment's payee on a record of its
    // own under it): no date, no amount, text only in the description or counterparty column.
    // (Or a record cut short after its text: OCBC's ",,SHOPPING ITEM" under a row of five fields.)
    // A full record's columns that no field maps may hold more of it, but no date or number (Fintro's Visa export
    // writes each purchase's merchant on a record below it, beside "Wisselkoers##1,05" and "Gerelateerde
    // kost##+0,00" in two columns of their own); only the description's and counterparty's text continue the row.
    const auto unmappedColumn = [&](int c) {
        if (c == balanceCol)
            return false;
        for (int f = int(CsvField::Date); f <= int(CsvField::Indicator); ++f)
            if (at(CsvField(f)) == c)
                return false;
        return true;
    };
    const auto continuesText = [&](const CsvRecord& r) {
        if (r.fields.size() > headerWidth || (r.fields.size() < headerWidth && r.fields.size() < 2))
            return false;
        bool text = false;
        for (int c = 0; c < r.fields.size(); ++c) {
            if (r.fields[c].trimmed().isEmpty())
                continue;
            if (c == at(CsvField::Description) || c == at(CsvField::Counterparty)) {
                if (r.fields.size() < headerWidth && isTotalsLabel(r.fields[c].trimmed(), true))
                    return false;
                text = true;
            } else if (r.fields.size() < headerWidth || !unmappedColumn(c) || looksLikeDate(r.fields[c].trimmed())
                       || parseDecimalText(r.fields[c], DecimalSeparator::Auto)) {
                // (A number of its own is a part's amount: ZKB's "Betrag Detail" of a collective order's part.)
                return false;
            }
        }
        return text && cell(r, at(CsvField::Amount)).trimmed().isEmpty()
            && cell(r, at(CsvField::Debit)).trimmed().isEmpty() && cell(r, at(CsvField::Credit)).trimmed().isEmpty();
    };
    CsvReader::Next n;
    qint64 roundedAmounts = 0; // amounts of more decimal places than their currency's, rounded (amountOf)
    constexpr qsizetype kFullPrecisionDigits = 6; // an amount's decimal places that are a conversion's, not a bank's
    QString lastBalance; // the balance cell (its marks read) of the last record that had one, booked or not
    // The same of each account and currency (the account and currency cells, newline between), up to kMaxBalanceKeys.
    QHash<QString, QString> lastBalanceOf;
    // When a row was booked: its day, and its time where the file gives one that reads. One is earlier than another
    // by its day, or on the same day by its time where both have one.
    struct RowMoment
    {
        qint64 day = 0;
        std::optional<qint64> time;
        bool before(const RowMoment& o) const { return day != o.day ? day < o.day : time && o.time && *time < *o.time; }
    };
    const auto momentOf = [&options](DateParts parts) {
        parts.offsetSeconds.reset();
        RowMoment m;
        m.time = parts.time ? std::optional<qint64>(toUtcMs(parts, options.timeZone)) : std::nullopt;
        parts.time.reset();
        m.day = toUtcMs(parts, options.timeZone);
        return m;
    };
    // The last row read, and whether a row was earlier than the one before it.
    std::optional<RowMoment> lastRowMoment;
    bool datesGoDown = false;
    constexpr qsizetype kMaxBalanceKeys = 256;
    // A balance cell's amount, read with the balance column's decimal separator.
    const auto readBalance = [&](const QString& text, const QString& currency) {
        return parseAmount(text,
                           balanceSeparator != DecimalSeparator::Auto ? balanceSeparator : layout.decimalSeparator,
                           currency, nullptr);
    };
    // True for two balance cells of one amount, as written or as read.
    const auto sameBalance = [&](const QString& a, const QString& b) {
        if (a == b)
            return true;
        const Result<qint64> x = readBalance(a, options.defaultCurrency);
        const Result<qint64> y = readBalance(b, options.defaultCurrency);
        return x && y && *x == *y;
    };
    while ((n = reader.next(&rec)) == CsvReader::Next::Record) {
        const bool previousContinuable = continuable;
        continuable = false;
        if (!isDataRecord(rec) || isBlankRecord(rec))
            continue;
        if (isRuleRecord(rec)) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line, 0, {}, QStringLiteral("skipped: a line that only draws a rule")});
            continue;
        }
        if (!accountHeadings.isEmpty()) {
            if (const QString heading = accountHeading(rec); headingSet.contains(heading)) {
                currentHeading = heading;
                headingLines.append({rec.line, heading});
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line, 0, options.accountChosen ? QString() : QStringLiteral("account"),
                          options.accountChosen
                              ? QStringLiteral("skipped: a heading (\"%1\")").arg(heading)
                              : QStringLiteral("the rows below go to account %1, as the heading above them names it")
                                    .arg(heading)});
                continue;
            }
            if (!currentHeading.isEmpty() && totalledName(rec) == currentHeading) {
                const QString heading = std::exchange(currentHeading, QString());
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line, 0, {}, QStringLiteral("skipped: the total line of account %1").arg(heading)});
                continue;
            }
        }
        dropTextMarks(&rec);
        joinDateParts(&rec);
        if (const std::optional<SummaryColumns> labels = std::exchange(summaryColumns, std::nullopt)) {
            const QString opening = cell(rec, labels->opening).trimmed();
            const QString closing = cell(rec, labels->closing).trimmed();
            if (parseDecimalText(opening, DecimalSeparator::Auto) && parseDecimalText(closing, DecimalSeparator::Auto)
                && !parseDateParts(cell(rec, at(CsvField::Date)), layout.dateOrder, map.dateFormat)) {
                balanceLines.push_back({BalanceEnd::Opening, rec.line, opening, std::nullopt});
                balanceLines.push_back({BalanceEnd::Closing, rec.line, closing, std::nullopt});
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line, 0, {}, QStringLiteral("skipped: the figures of the statement summary above")});
                continue;
            }
        }
        // A summary's labels: no digit, an opening and a closing balance named in two columns, not the header again.
        if (std::none_of(
                rec.fields.cbegin(), rec.fields.cend(),
                [](const QString& f) { return std::any_of(f.cbegin(), f.cend(), [](QChar c) { return c.isDigit(); }); })
            && !csvFieldForHeader(cell(rec, at(CsvField::Date)).trimmed())) {
            SummaryColumns labels;
            for (int i = 0; i < rec.fields.size(); ++i)
                if (const std::optional<BalanceLabel> b = balanceLineLabel(rec.fields[i]); b && b->byItself)
                    (b->end == BalanceEnd::Opening ? labels.opening : labels.closing) = i;
            if (labels.opening >= 0 && labels.closing >= 0) {
                summaryColumns = labels;
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line, 0, {}, QStringLiteral("skipped: the labels of a statement summary")});
                continue;
            }
        }
        // A delimiter written unquoted in the description (HDFC Bank's delimited download: "...-NETBANK, MUM-..."): a
        // record of up to three fields more than the header whose date, amounts or balance do not read, or whose field
        // after the description begins with a space (", NOV": the text goes on), and do with the description's cell
        // joined to the fields after it, is read so, with a warning.
        if (const int d = at(CsvField::Description);
            headerWidth > 0 && d >= 0 && rec.fields.size() > headerWidth && rec.fields.size() <= headerWidth + 3) {
            const auto reads = [&](const CsvRecord& r) {
                if (!parseDateParts(cell(r, at(CsvField::Date)), layout.dateOrder, map.dateFormat))
                    return false;
                for (int c : {at(CsvField::Amount), at(CsvField::Debit), at(CsvField::Credit), balanceCol})
                    if (const QString v = cell(r, c).trimmed();
                        !v.isEmpty() && !parseDecimalText(v, DecimalSeparator::Auto))
                        return false;
                return true;
            };
            if (!reads(rec) || rec.fields.value(d + 1).startsWith(QLatin1Char(' '))) {
                CsvRecord joined = rec;
                for (qsizetype extra = rec.fields.size() - headerWidth; extra > 0 && d + 1 < joined.fields.size();
                     --extra) {
                    joined.fields[d] += layout.delimiter + joined.fields[d + 1];
                    joined.fields.removeAt(d + 1);
                    if (d + 1 < joined.columns.size())
                        joined.columns.removeAt(d + 1);
                }
                if (reads(joined)) {
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line, 0, QStringLiteral("description"),
                              QStringLiteral("%1 fields where the header has %2: the description's unquoted \"%3\" "
                                             "kept in it")
                                  .arg(rec.fields.size())
                                  .arg(headerWidth)
                                  .arg(layout.delimiter)});
                    rec = std::move(joined);
                }
            }
        }
        markBalance(&rec); // (after the rejoin above: the mark's column is the header's)
        const QString balanceBefore = lastBalance; // the balance cell before this record's
        // ... and before it in the record's own account and currency (PayPal's balances of each currency)
        const QString balanceKey = cell(rec, at(CsvField::Account)).trimmed() + QLatin1Char('\n')
            + cell(rec, at(CsvField::Currency)).trimmed().toUpper();
        const QString accountBalanceBefore = balanceCol >= 0 ? lastBalanceOf.value(balanceKey) : QString();
        if (const QString b = cell(rec, balanceCol).trimmed(); !b.isEmpty()) {
            lastBalance = b;
            if (lastBalanceOf.size() < kMaxBalanceKeys || lastBalanceOf.contains(balanceKey))
                lastBalanceOf[balanceKey] = b;
        }
        // A record cut short continued the row above: the next dated record (booked or not) confirms it.
        if (shortContinuation
            && parseDateParts(cell(rec, at(CsvField::Date)), layout.dateOrder, map.dateFormat).isOk()) {
            shortContinuationSeen = true;
            shortContinuation.reset();
        }
        const auto colOf = [&](int c) { return c >= 0 && c < rec.columns.size() ? rec.columns[c] : 0; };
        const auto rowError = [&](CsvField f, const QString& message) {
            const int c = at(f);
            addIssue(&summary.rowErrors, &summary.rowErrorCount, {rec.line, colOf(c), csvFieldName(f), message});
        };
        // A row skipped before its date is read still dates the undated rows below it (carryDates).
        const auto keepDay = [&] {
            if (Result<DateParts> day = parseDateParts(cell(rec, at(CsvField::Date)), layout.dateOrder, map.dateFormat))
                lastDay = *day;
        };
        // Fields beyond the header's last named column: an amount split at its unquoted decimal comma ("12,34" under a
        // last column of amounts: "12" and "34"; a trailing delimiter's unnamed column may hold the "34") is refused,
        // not read as 12; other fields beyond the header are named once and ignored.
        if (headerWidth > 0) {
            int last = headerWidth - 1;
            while (last > 0 && layout.headers.value(last).trimmed().isEmpty())
                --last;
            const QString whole = cell(rec, last).trimmed(), part = cell(rec, last + 1).trimmed();
            const int decimals
                = Money::decimalsFor(amountCurrency.isEmpty() ? options.defaultCurrency : amountCurrency);
            static const QRegularExpression integer(QStringLiteral("^[-+]?\\d{1,15}$"));
            if ((at(CsvField::Amount) == last || at(CsvField::Debit) == last || at(CsvField::Credit) == last)
                && rec.fields.size() > last + 1 && decimals > 0 && part.size() == decimals
                && std::all_of(part.cbegin(), part.cend(), [](QChar c) { return c.isDigit(); })
                && integer.match(whole).hasMatch()
                && std::all_of(rec.fields.cbegin() + last + 2, rec.fields.cend(),
                               [](const QString& f) { return f.trimmed().isEmpty(); })) {
                const CsvField f = at(CsvField::Amount) == last ? CsvField::Amount
                    : at(CsvField::Debit) == last               ? CsvField::Debit
                                                                : CsvField::Credit;
                rowError(f,
                         QStringLiteral("%1 fields where the header has %2: \"%3%4%5\" is an amount whose decimal "
                                        "comma is not quoted? (quote it, or choose the delimiter)")
                             .arg(rec.fields.size())
                             .arg(headerWidth)
                             .arg(whole, layout.delimiter, part));
                keepDay();
                continue;
            }
        }
        if (headerWidth > 0 && rec.fields.size() > headerWidth && !extraFieldsNamed
            && !cell(rec, at(CsvField::Date)).trimmed().isEmpty() // a dated row's
            && std::any_of(rec.fields.cbegin() + headerWidth, rec.fields.cend(),
                           [](const QString& f) { return !f.trimmed().isEmpty(); })) {
            extraFieldsNamed = true;
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      rec.columns.value(headerWidth),
                      {},
                      QStringLiteral("%1 fields where the header has %2: the fields beyond its last column are "
                                     "ignored (here and on any later line)")
                          .arg(rec.fields.size())
                          .arg(headerWidth)});
        }
        // A statement's balance line is no transaction: without a date (a field mentions a balance) or with a date
        // but without an amount (a field begins as a balance line does: isBalanceLabel) it is skipped with a
        // warning, not refused.
        const auto mentionsBalance = [&rec] {
            return std::any_of(rec.fields.cbegin(), rec.fields.cend(), [](const QString& f) {
                return f.contains(QLatin1String("saldo"), Qt::CaseInsensitive)
                    || f.contains(QLatin1String("balance"), Qt::CaseInsensitive)
                    || f.contains(QLatin1String("kontostand"), Qt::CaseInsensitive);
            });
        };
        const auto labelsBalance
            = [&rec] { return std::any_of(rec.fields.cbegin(), rec.fields.cend(), isBalanceLabel); };
        // A section of pending rows under a heading of its own (Schwab Bank's "Pending Transactions", then "Posted
        // Transactions"): its rows are skipped until the next heading.
        if (const QString* heading = sectionHeading(rec)) {
            static const QRegularExpression pendingHeading(
                QStringLiteral("^\\s*(pending|pending transactions|pending transfers|authorizations|"
                               "authorisations|vorgemerkte ums\\x{e4}tze|op\\x{e9}rations en cours|operazioni non "
                               "contabilizzate|nicht gebuchte ums\\x{e4}tze|nem k\\x{f6}nyvelt t\\x{e9}telek|"
                               "(\\x{fa}|u)ltimos lan(\\x{e7}|c)amentos|lan(\\x{e7}|c)amentos futuros)\\s*:?\\s*$"),
                QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
            static const QRegularExpression postedHeading(
                QStringLiteral("^\\s*(posted|posted transactions|cleared|cleared transactions|booked|"
                               "gebuchte ums\\x{e4}tze|k\\x{f6}nyvelt t\\x{e9}telek)\\s*:?\\s*$"),
                QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
            if (heading->size() < 40 && pendingHeading.match(*heading).hasMatch()) {
                inPendingSection = true;
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line,
                          0,
                          {},
                          QStringLiteral("the rows under \"%1\" are not booked yet: skipped").arg(heading->trimmed())});
                continue;
            }
            if (heading->size() < 40 && postedHeading.match(*heading).hasMatch()) {
                inPendingSection = false;
                continue;
            }
            // A summary's table below the rows (BAC Credomatic's "Cuadro de Resumen": counts and sums by code).
            static const QRegularExpression summaryHeading(
                QStringLiteral("^\\s*(cuadro de resumen|resumen|summary|account summary|statement summary|"
                               "zusammenfassung|r\\x{e9}capitulatif|riepilogo)\\s*:?\\s*$"),
                QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
            if (held && heading->size() < 40 && summaryHeading.match(*heading).hasMatch())
                inSummarySection = true;
        }
        if (inPendingSection) {
            // (The section's own header row, Intesa Sanpaolo's ";Data;Descrizione;Accrediti;...", is no pending row.)
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      0,
                      {},
                      namesDateAndAmount(rec) ? QStringLiteral("skipped: the header row of the rows not booked")
                                              : QStringLiteral("skipped: the row is pending, not booked")});
            continue;
        }
        if (swedbankTurnover
            && cell(rec, at(CsvField::Description)).trimmed().compare(u"Turnover", Qt::CaseInsensitive) == 0) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(at(CsvField::Description)),
                      {},
                      QStringLiteral("skipped: a turnover line (the period's debits or credits)")});
            continue;
        }
        // Nordea Sweden's card payments reserved, not booked: "Reservation Kortköp ..." without a balance after them.
        if (nordeaReservations && cell(rec, balanceCol).trimmed().isEmpty()
            && cell(rec, at(CsvField::Description)).trimmed().startsWith(u"Reservation ")) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(at(CsvField::Description)),
                      {},
                      QStringLiteral("skipped: the row is a reservation, not booked")});
            continue;
        }
        // A card payment authorised, not booked: Bankwest's "AUTHORISATION ONLY - EFTPOS PURCHASE AT ...", Capitec's
        // "(Pending) ...", America First's "Pending - 01/13 - ...", DNB's "... Reservert transaksjon".
        if (const QString text = cell(rec, at(CsvField::Description)).trimmed();
            text.startsWith(u"AUTHORISATION ONLY", Qt::CaseInsensitive)
            || text.startsWith(u"AUTHORIZATION ONLY", Qt::CaseInsensitive)
            || text.startsWith(u"(Pending)", Qt::CaseInsensitive) || text.startsWith(u"Pending - ", Qt::CaseInsensitive)
            || text.endsWith(u"Reservert transaksjon", Qt::CaseInsensitive)) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(at(CsvField::Description)),
                      {},
                      QStringLiteral("skipped: the row is pending (\"%1\"), not booked")
                          .arg(text.endsWith(u"Reservert transaksjon", Qt::CaseInsensitive)
                                   ? QStringLiteral("Reservert transaksjon")
                                   : text.section(u' ', 0, text.startsWith(u'(') ? 0 : 1))});
            keepDay();
            continue;
        }
        // Alfa-Bank's card payments still held, not booked, have "HOLD" for their reference.
        if (ledgerIdCol >= 0 && cell(rec, ledgerIdCol).trimmed().isEmpty()) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(ledgerIdCol),
                      {},
                      QStringLiteral("skipped: no ledger entry id (txid): the notice of a deposit or withdrawal, which "
                                     "the entry with its id books")});
            continue;
        }
        if (cell(rec, at(CsvField::Id)).trimmed() == u"HOLD") {
            addIssue(
                &summary.warnings, &summary.warningCount,
                {rec.line, colOf(at(CsvField::Id)), {}, QStringLiteral("skipped: the row is held (HOLD), not booked")});
            continue;
        }
        // A pending row whose balance beside it has moved from the one before it (in its account and currency) by its
        // amount, in a file that lists its oldest rows first (no row so far, this one included, earlier than the one
        // before it): booked, with a warning (PayPal's withdrawal to the bank, its "Bank Deposit to PP Account"
        // funding a payment). Not "offen" in a status column: Lexware Office's payment not yet matched to a receipt
        // has moved (comdirect's "offen" stands in the date column).
        const auto balanceMoved = [&] {
            const QString b = cell(rec, balanceCol).trimmed(), a = cell(rec, at(CsvField::Amount)).trimmed();
            if (accountBalanceBefore.isEmpty() || b.isEmpty() || a.isEmpty() || datesGoDown)
                return false;
            Result<DateParts> day = parseDateParts(cell(rec, at(CsvField::Date)), layout.dateOrder, map.dateFormat);
            if (!day)
                return false;
            // (its time as the row's is read below: the time column's where the date has none)
            day->offsetSeconds.reset();
            if (at(CsvField::Time) >= 0 && !day->time)
                day->time = parseTimeOfDay(cell(rec, at(CsvField::Time)).trimmed());
            if (lastRowMoment && momentOf(*day).before(*lastRowMoment))
                return false;
            const QString currency = currencyCode(cell(rec, at(CsvField::Currency)), options.defaultCurrency);
            const Result<qint64> before = readBalance(accountBalanceBefore, currency), after = readBalance(b, currency);
            const Result<qint64> amount = parseAmount(a, layout.decimalSeparator, currency, nullptr);
            qint64 moved = 0;
            return before && after && amount && *amount != 0 && checkedAdd(*before, *amount, &moved) && moved == *after;
        };
        if (const QString state = cell(rec, stateCol).trimmed();
            state.compare(u"pending", Qt::CaseInsensitive) == 0 && !map.negateAmount && balanceMoved()) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(stateCol),
                      {},
                      QStringLiteral("booked: the row is %1, but the balance beside it has moved by its amount")
                          .arg(state)});
        } else if ((isUnbookedState(state) && state.compare(u"offen", Qt::CaseInsensitive) != 0)
                   || (bookedStates && state.compare(u"received", Qt::CaseInsensitive) == 0)) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line, colOf(stateCol), {}, QStringLiteral("skipped: the row is %1, not booked").arg(state)});
            continue;
        }
        if (const QString mode = cell(rec, modeCol).trimmed(); mode.compare(u"test", Qt::CaseInsensitive) == 0
            || (liveModeCol && mode.compare(u"false", Qt::CaseInsensitive) == 0)) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line, colOf(modeCol), {}, QStringLiteral("skipped: a test-mode row, no money moved")});
            continue;
        }
        // A payment request sent or received (PayPal's older exports, without "Balance Impact"): no money moved.
        static const QSet<QString> requestTypes {
            QStringLiteral("request sent"),         QStringLiteral("request received"),
            QStringLiteral("anforderung gesendet"), QStringLiteral("anforderung erhalten"),
            QStringLiteral("demande envoyée"),      QStringLiteral("demande reçue")};
        if (impactCol < 0 && typeCol >= 0 && requestTypes.contains(cell(rec, typeCol).trimmed().toLower())) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(typeCol),
                      {},
                      QStringLiteral("skipped: the row is a payment request (%1), it moves no money")
                          .arg(cell(rec, typeCol).trimmed())});
            continue;
        }
        if (const QString impact = cell(rec, impactCol).trimmed();
            impact.compare(QLatin1String("memo"), Qt::CaseInsensitive) == 0
            || impact.compare(QStringLiteral("mémo"), Qt::CaseInsensitive) == 0) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(impactCol),
                      {},
                      QStringLiteral("skipped: the row's balance impact is Memo, it moves no money")});
            continue;
        }
        ImportedRow row;
        row.line = rec.line;
        const int dateCol = at(CsvField::Date);
        const int rowDateCol = rowDateColumn(rec);
        Result<DateParts> date = parseDateParts(cell(rec, rowDateCol), layout.dateOrder, map.dateFormat);
        if (date)
            inSummarySection = false; // a dated row again: the summary has ended
        if (!date && map.dateFormat.isEmpty()) {
            // A day and month without the year (BCA's "'03/01", DATEV's Belegdatum "0411"): the year of the
            // statement's end.
            const QString text = cell(rec, rowDateCol).trimmed();
            static const QRegularExpression dayMonth(QStringLiteral("^\\d{4}$"));
            const bool datevDate = datevBatch && dayMonth.match(text).hasMatch();
            if (const std::optional<QDate> d = datevDate
                    ? parseYearlessDate(QString(text.left(2) + u'.' + text.mid(2)), DateOrder::DayMonthYear,
                                        layout.statementEnd)
                    : parseYearlessDate(text, layout.dateOrder, layout.statementEnd))
                date = DateParts {*d, std::nullopt, std::nullopt};
        }
        // The row's amount cells, for a row whose date does not read (below).
        const QString amountCells = date
            ? QString()
            : cell(rec, at(CsvField::Amount)) + cell(rec, at(CsvField::Debit)) + cell(rec, at(CsvField::Credit));
        if (!date && at(CsvField::ValueDate) >= 0 && at(CsvField::ValueDate) != dateCol
            && cell(rec, dateCol).trimmed().isEmpty() && !cell(rec, balanceCol).trimmed().isEmpty() && !labelsBalance()
            && std::none_of(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel)) {
            // A row with an amount, a value date and a balance after it but no booking date yet (UBS's e-banking
            // export: the row is in the stated balances) is booked on its value date, with a warning. (A pending row
            // without a balance is skipped below: a later statement books it.)
            if (std::any_of(amountCells.cbegin(), amountCells.cend(), [](QChar c) { return c.isDigit(); })) {
                if (Result<DateParts> valueDay
                    = parseDateParts(cell(rec, at(CsvField::ValueDate)), layout.dateOrder, map.dateFormat)) {
                    date = std::move(valueDay);
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line,
                              colOf(dateCol),
                              {},
                              QStringLiteral("the booking date is empty: booked on the value date")});
                }
            }
        }
        const bool splitRow = !date && gnucashIdCol >= 0 && lastDay && cell(rec, dateCol).trimmed().isEmpty()
            && cell(rec, gnucashIdCol).trimmed().isEmpty() && !cell(rec, at(CsvField::Account)).trimmed().isEmpty()
            && std::any_of(amountCells.cbegin(), amountCells.cend(), [](QChar c) { return c.isDigit(); });
        if (splitRow)
            date = DateParts {lastDay->date, std::nullopt, std::nullopt};
        if (!date && carryDates && lastDay && cell(rec, dateCol).trimmed().isEmpty()
            && std::any_of(amountCells.cbegin(), amountCells.cend(), [](QChar c) { return c.isDigit(); })
            && std::none_of(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel)) {
            date = DateParts {lastDay->date, std::nullopt, std::nullopt};
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(dateCol),
                      {},
                      QStringLiteral("the date is empty: booked on %1, the date of the row above (the statement "
                                     "dates each day's first row only)")
                          .arg(lastDay->date.toString(Qt::ISODate))});
        }
        if (!date && at(CsvField::ValueDate) >= 0 && at(CsvField::ValueDate) != dateCol
            && cell(rec, dateCol).trimmed().isEmpty() && cell(rec, balanceCol).trimmed().isEmpty()
            && std::any_of(amountCells.cbegin(), amountCells.cend(), [](QChar c) { return c.isDigit(); })
            && std::none_of(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel)
            && parseDateParts(cell(rec, at(CsvField::ValueDate)), layout.dateOrder, map.dateFormat)) {
            // A value date but no booking date yet and no balance after it (Commerzbank's pending rows): not booked;
            // a later statement books it.
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line,
                      colOf(dateCol),
                      {},
                      QStringLiteral("skipped: the booking date is empty (only a value date): not booked yet")});
            continue;
        }
        if (date)
            lastDay = *date;
        if (!date) {
            const QString dateText = cell(rec, dateCol).trimmed();
            // Words before a date are a note, not a date (Fidelity's footer "Date downloaded 01/24/2023 10:28 am").
            static const QRegularExpression twoWordsFirst(QStringLiteral("^\\p{L}{2,}\\s+\\p{L}{2,}\\s"),
                                                          QRegularExpression::UseUnicodePropertiesOption);
            // The header again, above a later section's rows (Intesa Sanpaolo's ";Data;Descrizione;Accrediti;..."
            // under "Operazioni non contabilizzate").
            if (const std::optional<CsvField> named = csvFieldForHeader(dateText); named
                && (*named == CsvField::Date || *named == CsvField::ValueDate)
                && std::none_of(amountCells.cbegin(), amountCells.cend(), [](QChar c) { return c.isDigit(); })) {
                addIssue(
                    &summary.warnings, &summary.warningCount,
                    {rec.line, colOf(dateCol), {}, QStringLiteral("skipped: a header row (\"%1\")").arg(dateText)});
                continue;
            }
            const bool balanceLine = (dateText.isEmpty() && (mentionsBalance() || labelsBalance()))
                || isBalanceLabel(dateText)
                // A balance line shorter than the rows, its value under the date's column (Vietcombank's "Số dư cuối
                // kỳ:,"11.472.000"").
                || std::any_of(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel);
            const auto totals = dateText.isEmpty()
                ? std::find_if(rec.fields.cbegin(), rec.fields.cend(),
                               [](const QString& f) { return isTotalsLabel(f.trimmed(), true); })
                : rec.fields.cend();
            if (held && previousContinuable && dateText.isEmpty() && !balanceLine && continuesText(rec)) {
                // A record cut short continues the row only where a dated row follows it, or where one such did
                // before: not a footer below the last row ("This is a computer generated statement").
                if (headerWidth > 0 && rec.fields.size() < headerWidth && !shortContinuationSeen && !shortContinuation)
                    shortContinuation = ShortContinuation {held->description, heldIsDateAndAmount, rec.line};
                for (int c = 0; c < rec.fields.size(); ++c)
                    if (const QString t = rec.fields[c].simplified(); !t.isEmpty()
                        && (rec.fields.size() < headerWidth || c == at(CsvField::Description)
                            || c == at(CsvField::Counterparty)))
                        held->description += (held->description.isEmpty() ? QString() : QStringLiteral(" ")) + t;
                heldIsDateAndAmount = false;
                continuable = true;
                continue;
            }
            if (balanceLine) {
                const size_t noted = balanceLines.size();
                noteBalanceLine(rec, true);
                // On a card's statement a balance written under the debit column beside a credit column is a debit
                // balance (Cornercard's "Saldovortrag:" and its closing line under "Belastung CHF": what the card's
                // holder owes). Not on a bank's: Banca Transilvania writes its "Sold final" there.
                if (balanceLines.size() > noted && cardStatement && at(CsvField::Debit) >= 0
                    && at(CsvField::Credit) >= 0 && !ledgerReport && !balanceLines.back().minor
                    && balanceLines.back().text == cell(rec, at(CsvField::Debit)).trimmed()
                    && cell(rec, at(CsvField::Credit)).trimmed().isEmpty()
                    && !balanceLines.back().text.startsWith(QLatin1Char('-')))
                    balanceLines.back().text.prepend(QLatin1Char('-'));
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line, 0, {}, QStringLiteral("skipped: a balance line without a booking date")});
            } else if (const QString* heading = dateText.isEmpty() ? sectionHeading(rec) : nullptr) {
                addIssue(
                    &summary.warnings, &summary.warningCount,
                    {rec.line, 0, {}, QStringLiteral("skipped: a section heading (\"%1\")").arg(heading->trimmed())});
            } else if (isTotalsLabel(dateText, true) || totals != rec.fields.cend()) {
                // A report's total line may state the closing balance under an "Ending Balance" column that its rows
                // leave empty (MYOB's Account Transactions).
                if (endingBalanceCol >= 0 && !cell(rec, endingBalanceCol).trimmed().isEmpty())
                    balanceLines.push_back({BalanceEnd::Closing, rec.line, cell(rec, endingBalanceCol), std::nullopt});
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line,
                          colOf(dateCol),
                          {},
                          QStringLiteral("skipped: a totals line (\"%1\")")
                              .arg(totals != rec.fields.cend() ? totals->trimmed() : dateText)});
            } else if (dateText.isEmpty()
                       && std::none_of(
                           rec.fields.cbegin(), rec.fields.cend(),
                           [](const QString& f) {
                               // (A currency's code is no word: SAP's totals line ends with it.)
                               return std::any_of(f.cbegin(), f.cend(), [](QChar c) { return c.isLetter(); })
                                   && !(f.trimmed().size() == 3 && Money::isKnownCurrency(f.trimmed().toUpper()));
                           })
                       && std::count_if(rec.fields.cbegin(), rec.fields.cend(),
                                        [](const QString& f) { return !f.trimmed().isEmpty(); })
                           >= 2) {
                // Numbers alone, at least two, no date and no word (Tally's column totals under the rows): no
                // transaction. (One number without a date and a word stays an error, or is skipped below when it is
                // no amount.)
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line,
                          0,
                          {},
                          QStringLiteral("skipped: a line of numbers without a date or a label (a "
                                         "totals line)")});
            } else if (isUnbookedState(dateText)) { // comdirect dates its pending rows "offen"
                addIssue(
                    &summary.warnings, &summary.warningCount,
                    {rec.line, colOf(dateCol), {}, QStringLiteral("skipped: the row is %1, not booked").arg(dateText)});
            } else if (headerWidth > 0 && rec.fields.size() != headerWidth) {
                addIssue(
                    &summary.warnings, &summary.warningCount,
                    {rec.line,
                     0,
                     {},
                     plural(rec.fields.size(), QStringLiteral("skipped: %n field where the header has %1, and no date"),
                            QStringLiteral("skipped: %n fields where the header has %1, and no date"), QLocale::c())
                         .arg(headerWidth)});
            } else if (dateText.isEmpty() && cell(rec, at(CsvField::Amount)).trimmed().isEmpty()
                       && cell(rec, at(CsvField::Debit)).trimmed().isEmpty()
                       && cell(rec, at(CsvField::Credit)).trimmed().isEmpty()) {
                // Neither a date nor an amount (Venmo's footer: its balances and a disclaimer): nothing to book, but
                // the balances a "Beginning Balance" or "Ending Balance" column states there.
                if (const QString b = cell(rec, beginningBalanceCol).trimmed(); !b.isEmpty())
                    balanceLines.push_back({BalanceEnd::Opening, rec.line, b, std::nullopt});
                if (const QString b = cell(rec, endingBalanceCol).trimmed(); !b.isEmpty())
                    balanceLines.push_back({BalanceEnd::Closing, rec.line, b, std::nullopt});
                if (const QString part = cell(rec, detailAmountCol).trimmed(); hasNonZeroDigit(part))
                    // A part of a collective order without a date of its own (BLKB's "Betrag Einzelzahlung").
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line,
                              colOf(detailAmountCol),
                              {},
                              QStringLiteral("skipped: a part of the collective order above it (%1 %2)")
                                  .arg(layout.headers.value(detailAmountCol).trimmed(), part)});
                else
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line, 0, {}, QStringLiteral("skipped: no date and no amount")});
            } else if (std::any_of(dateText.cbegin(), dateText.cend(), [](QChar c) { return c.isLetter(); })
                       && (!looksLikeDate(dateText) || twoWordsFirst.match(dateText).hasMatch())
                       && cell(rec, at(CsvField::Amount)).trimmed().isEmpty()
                       && cell(rec, at(CsvField::Debit)).trimmed().isEmpty()
                       && cell(rec, at(CsvField::Credit)).trimmed().isEmpty()) {
                // A note below the rows ("This is a computer generated statement."): no date and no amount. Below
                // the rows, labels over three or more columns, fewer or more than the header's, head a summary's
                // table (WeChat Pay's "资金流水总笔数,收入笔数,收入金额,..." above its counts and sums).
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line, colOf(dateCol), {}, QStringLiteral("skipped: a line of text without an amount")});
                if (held && rec.fields.size() != headerWidth
                    && std::count_if(rec.fields.cbegin(), rec.fields.cend(),
                                     [](const QString& f) { return !f.trimmed().isEmpty(); })
                        >= 3
                    && std::none_of(rec.fields.cbegin(), rec.fields.cend(), [](const QString& f) {
                           return std::any_of(f.cbegin(), f.cend(), [](QChar c) { return c.isDigit(); });
                       }))
                    inSummarySection = true;
            } else if (map.dateFormat.isEmpty() && !layout.statementEnd.isValid()
                       && parseYearlessDate(dateText, layout.dateOrder, QDate(2000, 12, 31))) {
                rowError(CsvField::Date,
                         QStringLiteral("\"%1\" has no year, and no line above the header states the statement's "
                                        "dates to take it from")
                             .arg(dateText));
            } else if (inSummarySection) {
                addIssue(
                    &summary.warnings, &summary.warningCount,
                    {rec.line, colOf(dateCol), {}, QStringLiteral("skipped: a line of the summary below the rows")});
            } else {
                rowError(CsvField::Date, date.status().message());
            }
            continue;
        }
        DateParts parts = *date;
        // The bank's wall clock as written, as OFX's and camt's: an offset after the time is not applied, so a
        // booking at 00:30+01:00 stays on its day.
        parts.offsetSeconds.reset();
        if (at(CsvField::Time) >= 0 && !parts.time) {
            const QString t = cell(rec, at(CsvField::Time)).trimmed();
            if (!t.isEmpty()) {
                // An impossible time beside a good date (PayPal's "29:18:53"): the row is booked on its date.
                parts.time = parseTimeOfDay(t);
                if (!parts.time)
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line, colOf(at(CsvField::Time)), QStringLiteral("time"),
                              QStringLiteral("\"%1\" is not a valid time of day (the time left out)").arg(t)});
            }
        }
        row.bookedAtMs = toUtcMs(parts, options.timeZone);
        const RowMoment moment = momentOf(parts);
        datesGoDown = datesGoDown || (lastRowMoment && moment.before(*lastRowMoment));
        lastRowMoment = moment;
        if (at(CsvField::ValueDate) >= 0) {
            const QString v = cell(rec, at(CsvField::ValueDate));
            // A value date that says the row is not booked yet (Cassa Rurale's "prenotata": reserved).
            if (isUnbookedState(v.trimmed())) {
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line,
                          colOf(at(CsvField::ValueDate)),
                          {},
                          QStringLiteral("skipped: the row is %1, not booked").arg(v.trimmed())});
                continue;
            }
            if (!v.trimmed().isEmpty()) {
                const Result<DateParts> vd = parseDateParts(v, layout.dateOrder, map.dateFormat);
                if (vd)
                    row.valueDateMs = toUtcMs(*vd, options.timeZone);
                else
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line, colOf(at(CsvField::ValueDate)), QStringLiteral("valueDate"),
                              vd.status().message() + QStringLiteral(" (value date left out)")});
            }
        }

        QString currency = amountCurrency.isEmpty() ? options.defaultCurrency : amountCurrency;
        if (at(CsvField::Currency) >= 0 && amountCurrency.isEmpty()) {
            const QString c
                = splitRow ? splitCurrency : currencyCode(cell(rec, at(CsvField::Currency)), options.defaultCurrency);
            if (gnucashIdCol >= 0 && !splitRow)
                splitCurrency = c;
            if (!c.isEmpty()) {
                if (!Money::isKnownCurrency(c)) {
                    rowError(CsvField::Currency, QStringLiteral("\"%1\" is not an ISO 4217 currency code").arg(c));
                    continue;
                }
                currency = c;
            }
        }
        // Amount: the amount column, else |credit| - |debit|.
        bool failed = false;
        // A balance row whose amount does not read (BancoPosta's "SALDO INIZIALE" of "26851.95|") is skipped as a
        // balance line (below), not a row error.
        const auto balanceRow = cell(rec, at(CsvField::Category)).trimmed() == u"opening_balance"
            ? rec.fields.cend()
            : std::find_if(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel);
        const auto amountOf = [&](CsvField f, QString* used) -> std::optional<qint64> {
            Result<qint64> a = parseAmount(moneyCell(rec, at(f)), layout.decimalSeparator, currency, used);
            // An app's amount converted at full precision (Spendee's and Cashew's "-224.50413312"): rounded to the
            // currency's minor unit, with a warning. (A bank's more decimals than its currency has stay an error.)
            if (!a && a.status().field() == u"amount")
                if (const Result<DecimalText> d = parseDecimalText(moneyCell(rec, at(f)), layout.decimalSeparator);
                    d && d->fractionDigits.size() >= kFullPrecisionDigits) {
                    const QString c = !d->currency.isEmpty() ? d->currency : currency;
                    if (const int exponent = Money::decimalsFor(c);
                        Money::isKnownCurrency(c) && exponent < d->fractionDigits.size()) {
                        a = roundedToMinor(*d, exponent);
                        if (a && used)
                            *used = c;
                        if (a && !roundedAmounts++)
                            addIssue(&summary.warnings, &summary.warningCount,
                                     {rec.line, colOf(at(f)), csvFieldName(f),
                                      QStringLiteral("amounts written with %1 decimal places (converted at full "
                                                     "precision) are rounded to the currency's %2, here and on any "
                                                     "later line")
                                          .arg(d->fractionDigits.size())
                                          .arg(exponent)});
                    }
                }
            if (!a && balanceRow != rec.fields.cend() && a.status().field() != u"currency") {
                if (!failed)
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line,
                              0,
                              {},
                              QStringLiteral("skipped: a balance line (\"%1\") whose amount does not read")
                                  .arg(balanceRow->trimmed())});
                failed = true;
                return std::nullopt;
            }
            if (!a) {
                const QString field = a.status().field() == u"currency" ? QStringLiteral("currency") : csvFieldName(f);
                addIssue(&summary.rowErrors, &summary.rowErrorCount,
                         {rec.line, colOf(at(f)), field, a.status().message()});
                failed = true;
                return std::nullopt;
            }
            return *a;
        };
        QString used = currency;
        const QString feeText = cell(rec, feeCol); // a fee beside the amounts (below), or alone
        const QString amountText = moneyCell(rec, at(CsvField::Amount));
        if (at(CsvField::Amount) >= 0 && !amountText.trimmed().isEmpty()) {
            const auto a = amountOf(CsvField::Amount, &used);
            if (!a)
                continue;
            row.amountMinor = map.negateAmount ? -*a : *a;
        } else {
            const QString d = moneyCell(rec, at(CsvField::Debit)).trimmed();
            const QString c = moneyCell(rec, at(CsvField::Credit)).trimmed();
            // A part of the collective order above it (UBS's "Einzelbetrag" alone): the order's row booked the whole.
            if (const QString part = cell(rec, detailAmountCol); d.isEmpty() && c.isEmpty()
                && std::any_of(part.cbegin(), part.cend(), [](QChar ch) { return ch.isDigit(); })) {
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line,
                          colOf(detailAmountCol),
                          {},
                          QStringLiteral("skipped: a part of the collective order above it (%1 %2)")
                              .arg(layout.headers.value(detailAmountCol).trimmed(), part.trimmed())});
                continue;
            }
            // A fee alone (Capitec's "Fee: Immediate Payment" row, Money In and Money Out empty): the fee below is the
            // row's amount.
            const bool feeOnly = d.isEmpty() && c.isEmpty() && (at(CsvField::Debit) >= 0 || at(CsvField::Credit) >= 0)
                && std::any_of(feeText.cbegin(), feeText.cend(), [](QChar ch) { return ch.isDigit(); });
            if (feeOnly) {
                row.amountMinor = 0;
            } else if (d.isEmpty() && c.isEmpty()) {
                const QString valueDate = cell(rec, at(CsvField::ValueDate)).trimmed();
                const QString bookingDate = cell(rec, bookingDateCol).trimmed();
                if (labelsBalance()) {
                    noteBalanceLine(rec, true);
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line, 0, {}, QStringLiteral("skipped: a balance line without an amount")});
                } else if ((at(CsvField::ValueDate) >= 0 && valueDate.isEmpty())
                           || (bookingDateCol >= 0 && bookingDate.isEmpty())) {
                    // A card's reservation (ING Poland: its amount in "Kwota blokady", no booking date yet).
                    addIssue(
                        &summary.warnings, &summary.warningCount,
                        {rec.line, 0, {}, QStringLiteral("skipped: no amount and no booking date, not booked yet")});
                } else if (hasNonZeroDigit(cell(rec, holdCol))) {
                    // The row's only amount stands in the column of held amounts (ING Poland's reservation with both
                    // dates written): nothing booked.
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line,
                              colOf(holdCol),
                              {},
                              QStringLiteral("skipped: an amount held (%1), not booked")
                                  .arg(layout.headers.value(holdCol).trimmed())});
                } else if (const QString written = cell(rec, at(CsvField::Amount)).trimmed()
                               + cell(rec, at(CsvField::Debit)).trimmed() + cell(rec, at(CsvField::Credit)).trimmed();
                           !written.isEmpty()) {
                    // Dashes where the amounts go (Etsy's Deposit rows: "--" under Amount, Fees and Net): the file
                    // says the row moves no money of this account.
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line, 0, {}, QStringLiteral("skipped: the amount cells hold only dashes")});
                } else if (!cell(rec, recordTypeCol).trimmed().isEmpty()) {
                    // A payment's step that moves nothing payable (Adyen's accounting report: its Received,
                    // Authorised and SentForSettle records beside the Settled one, "Payable (SC)" empty).
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line,
                              colOf(recordTypeCol),
                              {},
                              QStringLiteral("skipped: no amount, the record (%1) moves no money")
                                  .arg(cell(rec, recordTypeCol).trimmed())});
                } else if (balanceCol >= 0 && !cell(rec, balanceCol).trimmed().isEmpty()
                           && namesBalance(cell(rec, at(CsvField::Description)))) {
                    // A day's balance among the rows, no amount (a US bank's "Daily Ledger Bal" after each day's
                    // postings, newest first): a balance, not a booking.
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line,
                              0,
                              {},
                              QStringLiteral("skipped: a balance line (\"%1\"), no amount")
                                  .arg(cell(rec, at(CsvField::Description)).trimmed())});
                } else if (balanceCol >= 0 && !cell(rec, balanceCol).trimmed().isEmpty()
                           && sameBalance(cell(rec, balanceCol).trimmed(), balanceBefore)
                           && !cell(rec, at(CsvField::Description)).trimmed().isEmpty()) {
                    // No amount and the balance as before it (KBank's "Open Account" row, M-Pesa's "Charge" row of
                    // "10240.00" after "10,240.00"): nothing moved.
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line, 0, {}, QStringLiteral("skipped: no amount and the balance unchanged")});
                } else if (balanceCol >= 0 && cell(rec, balanceCol).trimmed().isEmpty()
                           && !cell(rec, at(CsvField::Description)).trimmed().isEmpty()) {
                    // No amount and no balance after it (Capitec's "Exc W/lim ..." notice of a refused withdrawal):
                    // nothing moved.
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line, 0, {}, QStringLiteral("skipped: no amount and no balance, a notice")});
                } else if (const int totalCol = totalOfRowsColumn(rec); totalCol >= 0) {
                    // A dated totals line: empty debit and credit, and under another amount column the sum of the
                    // rows above it (PostFinance's Visa export: "Importo in CHF" on its last line).
                    addIssue(&summary.warnings, &summary.warningCount,
                             {rec.line,
                              colOf(totalCol),
                              {},
                              QStringLiteral("skipped: a totals line (its \"%1\" is the sum of the rows above it)")
                                  .arg(layout.headers[totalCol].trimmed())});
                } else {
                    rowError(at(CsvField::Amount) >= 0 ? CsvField::Amount : CsvField::Debit,
                             QStringLiteral("no amount (the amount cells are empty)"));
                }
                continue;
            }
            // A credit column is money in and a debit column money out, whatever sign a bank writes them with
            // (Citi's card export: a payment as Credit -500.00).
            qint64 total = 0;
            if (!c.isEmpty()) {
                const auto a = amountOf(CsvField::Credit, &used);
                if (!a)
                    continue;
                total = *a < 0 ? -*a : *a;
            }
            if (!d.isEmpty()) {
                const auto a = amountOf(CsvField::Debit, &used);
                if (!a)
                    continue;
                const qint64 out = *a < 0 ? (loneDebitReversals ? -*a : *a) : -*a;
                if (!checkedAdd(total, out, &total)) {
                    rowError(CsvField::Debit, QStringLiteral("the amount is too large"));
                    continue;
                }
            }
            row.amountMinor = total;
        }
        if (failed)
            continue;
        // A fee column beside the amount (Stripe's, Capitec's "Fee"): the fee is money out as well.
        if (!feeText.trimmed().isEmpty()) {
            const Result<qint64> fee = parseAmount(feeText, layout.decimalSeparator, used, nullptr);
            if (!fee) {
                addIssue(&summary.rowErrors, &summary.rowErrorCount,
                         {rec.line, colOf(feeCol), QStringLiteral("amount"),
                          QStringLiteral("fee: ") + fee.status().message()});
                continue;
            }
            // Where the file writes its fees with a minus sign, a fee written without one after them is a fee
            // refunded (Capitec's "Correction: SMS Notification Fee" of 0.35 after fees of -0.35).
            const qint64 feeMinor = *fee < 0 || !signedFees ? -qAbs(*fee) : *fee;
            signedFees = signedFees || *fee < 0;
            if (!checkedAdd(row.amountMinor, feeMinor, &row.amountMinor)) {
                rowError(CsvField::Amount, QStringLiteral("the amount is too large"));
                continue;
            }
        }
        if (at(CsvField::Indicator) >= 0) {
            const QString text = cell(rec, at(CsvField::Indicator));
            // Neither in nor out (Alipay's 不计收支, WeChat Pay's "/": a transfer to its savings fund, a refund's
            // return path): the amount has no direction, so the row is not booked.
            if (const QString t = text.trimmed(); t == u"不计收支" || (t == u"/" && !layout.headers.isEmpty())) {
                addIssue(&summary.warnings, &summary.warningCount,
                         {rec.line,
                          colOf(at(CsvField::Indicator)),
                          {},
                          QStringLiteral("skipped: the row is marked %1, neither money in nor out").arg(t)});
                continue;
            }
            std::optional<int> sign = indicatorSign(text);
            if (!sign && isBalanceRowLabel(text)) // a balance row, skipped below
                sign = 0;
            if (!sign) {
                rowError(CsvField::Indicator,
                         QStringLiteral("\"%1\" is not a debit/credit indicator (S/H, D/C, DR/CR, Debit/Credit)")
                             .arg(text.trimmed()));
                continue;
            }
            if (*sign != 0)
                row.amountMinor = *sign * (row.amountMinor < 0 ? -row.amountMinor : row.amountMinor);
            else if (emptyIsMoneyOut && text.trimmed().isEmpty())
                row.amountMinor = row.amountMinor > 0 ? -row.amountMinor : row.amountMinor;
        }
        // (A reversal written negative keeps its sign's meaning; the bank's account on both sides moves nothing.)
        if (!bankKonto.isEmpty() && cell(rec, habenKontoCol).trimmed() == bankKonto
            && cell(rec, sollKontoCol).trimmed() != bankKonto)
            row.amountMinor = -row.amountMinor;
        if (turnedByBalance || turnedAsLedger)
            row.amountMinor = -row.amountMinor;
        if (signByKindWord && row.amountMinor > 0) {
            static const QRegularExpression moneyIn(QStringLiteral("^\\s*\\S*(还款|退货|退款|返现)"));
            if (!moneyIn.match(cell(rec, at(CsvField::Description))).hasMatch())
                row.amountMinor = -row.amountMinor;
        }
        if (signByType && movesMoneyOut(QStringView(cell(rec, typeCol)).trimmed()))
            row.amountMinor = row.amountMinor > 0 ? -row.amountMinor : row.amountMinor;
        // Not a ledger's own opening balance (LedgerGuard's export: category opening_balance), which is a transaction.
        const bool openingTransaction = cell(rec, at(CsvField::Category)).trimmed() == u"opening_balance";
        if (const auto label = std::find_if(rec.fields.cbegin(), rec.fields.cend(), isBalanceRowLabel);
            !openingTransaction && label != rec.fields.cend()) {
            if (const std::optional<BalanceLabel> balance = balanceLineLabel(*label))
                balanceLines.push_back(
                    {balance->end, rec.line, {}, row.amountMinor, DecimalSeparator::Auto, label->simplified()});
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line, 0, {}, QStringLiteral("skipped: a balance line (\"%1\")").arg(label->trimmed())});
            continue;
        }
        // A report's totals typed as its record (Mercado Pago's release report: RECORD_TYPE "total", the sums of its
        // credits and debits under the report's last date).
        if (const QString kind = cell(rec, recordTypeCol).trimmed(); !kind.isEmpty() && isTotalsLabel(kind)) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line, colOf(recordTypeCol), {}, QStringLiteral("skipped: a totals line (\"%1\")").arg(kind)});
            continue;
        }
        // A day's or the statement's turnover under a date (Banca Transilvania's "Rulaj zi", "Rulaj total cont").
        static const QRegularExpression turnoverLabel(QStringLiteral("^\\s*rulaj (zi|zilnic|total)\\b"),
                                                      QRegularExpression::CaseInsensitiveOption);
        if (const auto turnover = std::find_if(rec.fields.cbegin(), rec.fields.cend(),
                                               [](const QString& f) {
                                                   return f.size() < 40 && f.contains(u"ulaj", Qt::CaseInsensitive)
                                                       && turnoverLabel.match(f).hasMatch();
                                               });
            turnover != rec.fields.cend()) {
            addIssue(&summary.warnings, &summary.warningCount,
                     {rec.line, 0, {}, QStringLiteral("skipped: a totals line (\"%1\")").arg(turnover->trimmed())});
            continue;
        }
        // A file without a header row may end with its balance as a record of a date and an amount and nothing else
        // (LCL): decided once the record is known to be the last one (below).
        bool onlyDateAndAmount = columnsFromRecords && rec.fields.size() > 3;
        for (int c = 0; c < rec.fields.size() && onlyDateAndAmount; ++c)
            onlyDateAndAmount = rec.fields[c].trimmed().isEmpty() || c == at(CsvField::Date)
                || c == at(CsvField::Amount) || c == at(CsvField::Debit) || c == at(CsvField::Credit);
        row.currency = used;
        // A spreadsheet's text marker ("'BRITISH TELECOM" in NatWest's export) is not part of the text.
        const auto text = [&](int column) {
            QString t = cell(rec, column).trimmed();
            if (t.startsWith(QLatin1Char('\'')) && t.size() > 1 && !t.endsWith(QLatin1Char('\'')))
                t.remove(0, 1);
            // Text in single quotes (ASN Bank's "'Salaris januari'", S-Pankki's empty message "''").
            else if (t.size() >= 2 && t.startsWith(QLatin1Char('\'')) && t.endsWith(QLatin1Char('\'')))
                t = t.sliced(1, t.size() - 2).trimmed();
            // eBay's "--" for a value it does not have.
            if (t == u"--")
                t.clear();
            return t;
        };
        row.description = text(at(CsvField::Description));
        // Fidelity's "No Description" under its security's Description on a cash row: the row's "Action" tells.
        if (row.description.compare(u"No Description", Qt::CaseInsensitive) == 0)
            row.description.clear();
        if (!purposeCols.isEmpty() && !mappedByUser(CsvField::Description)) {
            QStringList parts;
            for (int c : std::as_const(purposeCols))
                if (QString part = text(c); !part.isEmpty())
                    parts.append(std::move(part));
            if (!parts.isEmpty())
                row.description = parts.join(QLatin1Char(' '));
        }
        // The description column's text, else the first fallback column's; a description of digits alone is a
        // number (Banorte's "MOVIMIENTO" 1021): a later description column's words describe the row better.
        // `asBefore`: without the fallback columns of late names.
        const auto withFallbacks = [&](QString d, bool asBefore) {
            for (qsizetype k = 0; k < descriptionFallbacks.size() && d.isEmpty(); ++k)
                if (!asBefore || !lateFallback[size_t(k)])
                    d = text(descriptionFallbacks[k].second);
            if (!d.isEmpty() && std::all_of(d.cbegin(), d.cend(), [](QChar c) { return c.isDigit(); })) {
                for (qsizetype k = 0; k < descriptionFallbacks.size(); ++k) {
                    if (asBefore && lateFallback[size_t(k)])
                        continue;
                    const QString other = text(descriptionFallbacks[k].second);
                    if (std::any_of(other.cbegin(), other.cend(), [](QChar c) { return c.isLetter(); })) {
                        d = other;
                        break;
                    }
                }
            }
            return d;
        };
        std::optional<QString> descriptionAsBefore;
        if (anyLateFallback)
            if (QString before = withFallbacks(row.description, true); before != withFallbacks(row.description, false))
                descriptionAsBefore = std::move(before);
        row.description = withFallbacks(std::move(row.description), false);
        if (splitParties) {
            row.counterparty = text(row.amountMinor < 0 ? payeeCol : payerCol);
            if (row.counterparty.isEmpty())
                row.counterparty = text(row.amountMinor < 0 ? payerCol : payeeCol);
        } else {
            row.counterparty = text(at(CsvField::Counterparty));
        }
        if (row.counterparty.isEmpty() && fromCol >= 0 && toCol >= 0 && !counterpartyExplicit
            && !ownerParty.isEmpty()) {
            // Venmo's "From" and "To": the name that is not the owner's (compared as pass 1 counted them); where
            // neither is, the payee of money out and the payer of money in.
            const QString from = cell(rec, fromCol).trimmed(), to = cell(rec, toCol).trimmed();
            row.counterparty = text(from == ownerParty        ? toCol
                                        : to == ownerParty    ? fromCol
                                        : row.amountMinor < 0 ? toCol
                                                              : fromCol);
        }
        // WeChat Pay's "/" for a text it does not have (a red packet's goods and other party), Finom's "N/A"; the
        // derived id keeps the texts as written, as imports before this rule had it.
        const QString writtenDescription = row.description, writtenCounterparty = row.counterparty;
        const auto noText = [](const QString& t) { return t == u"/" || t.compare(u"N/A", Qt::CaseInsensitive) == 0; };
        const bool slashes = noText(row.description) || noText(row.counterparty);
        if (noText(row.description))
            row.description.clear();
        if (noText(row.counterparty))
            row.counterparty.clear();
        // A row without a description or a party is described by its kind (PayPal's "Type": "General Withdrawal").
        if (row.description.isEmpty() && row.counterparty.isEmpty())
            row.description = text(typeCol);
        if (splitRow && row.description.isEmpty())
            row.description = splitText;
        else if (gnucashIdCol >= 0 && !splitRow)
            splitText = row.description;
        // A file without a header row: a description that is empty or digits alone takes the next text column with
        // words. The derived id (below) hashes the description as it was before, as imports before this rule did.
        QString idDescription = slashes ? writtenDescription : row.description;
        if (lateDescription) { // the description as read before its column's name was known
            idDescription.clear();
            for (qsizetype k = 0; k < descriptionFallbacks.size() && idDescription.isEmpty(); ++k)
                if (!lateFallback[size_t(k)])
                    idDescription = text(descriptionFallbacks[k].second);
            if (idDescription.isEmpty() && row.counterparty.isEmpty())
                idDescription = text(typeCol);
        } else if (descriptionAsBefore) { // the description as read before its fallback column's name was known
            idDescription = *descriptionAsBefore;
            if (idDescription.isEmpty() && row.counterparty.isEmpty())
                idDescription = text(typeCol);
        }
        if (row.description.isEmpty()
            || std::all_of(row.description.cbegin(), row.description.cend(), [](QChar c) { return c.isDigit(); })) {
            for (int c : std::as_const(contentsTextCols)) {
                const QString other = text(c);
                if (std::any_of(other.cbegin(), other.cend(), [](QChar ch) { return ch.isLetter(); })) {
                    row.description = other;
                    break;
                }
            }
        }
        // A description without words (Nationwide's "012345 12345678", the other account's sort code and number, or
        // its masked "*****"; not a placeholder "-") is led by the row's kind ("Transfer from JOHN SMITH").
        if (const QString kind = text(typeCol); !kind.isEmpty() && !row.description.isEmpty()
            && std::none_of(row.description.cbegin(), row.description.cend(), [](QChar c) { return c.isLetter(); })
            && (row.description.size() >= 3
                || std::any_of(row.description.cbegin(), row.description.cend(), [](QChar c) { return c.isDigit(); }))
            && std::any_of(kind.cbegin(), kind.cend(), [](QChar c) { return c.isLetter(); }))
            row.description = kind + QLatin1Char(' ') + row.description;
        for (int c : std::as_const(supplementCols)) {
            const QString more = text(c);
            // Words only: not a number (Banorte's "MOVIMIENTO" 1021).
            const QString have = row.description.simplified();
            const QStringList words = more.simplified().split(QLatin1Char(' '));
            if (std::none_of(more.cbegin(), more.cend(), [](QChar ch) { return ch.isLetter(); })
                || have.contains(more.simplified(), Qt::CaseInsensitive)
                || std::all_of(words.cbegin(), words.cend(),
                               [&have](const QString& w) { return have.contains(w, Qt::CaseInsensitive); })
                || row.counterparty.compare(more, Qt::CaseInsensitive) == 0)
                continue;
            if (more.contains(row.description, Qt::CaseInsensitive))
                row.description = more;
            else
                row.description += QLatin1Char(' ') + more;
        }
        row.category = cell(rec, at(CsvField::Category)).trimmed();
        if (const QString b = cell(rec, balanceCol).trimmed(); !b.isEmpty()) {
            // Only evidence (rows with different balances after them are different bookings): a cell that does not
            // read as an amount is left out, not an error.
            if (const Result<qint64> balance = readBalance(b, used); balance) {
                qint64 after = *balance;
                if (!(contentsBalanceBefore && balanceCol == contentsBalanceCol)
                    || checkedAdd(*balance, row.amountMinor, &after))
                    row.balanceAfterMinor = after;
            }
        }
        // (Derived ids keep the account as written, with its spreadsheet apostrophe: accountAsBefore.)
        QString accountWritten = accountCell(text(at(CsvField::Account)));
        row.accountRef = withoutTextMark(accountWritten);
        if (const auto main = mainCurrency.constFind(accountWritten); // (keyed as written)
            main != mainCurrency.cend() && !row.currency.isEmpty() && row.currency != *main) {
            row.accountRef += QLatin1Char(' ') + row.currency;
            accountWritten += QLatin1Char(' ') + row.currency;
        }
        QString accountAsBefore = lateAccountColumn ? QString()
            : otherPartyAccountCol >= 0 && (at(CsvField::Account) < 0 || otherPartyAccountCol < at(CsvField::Account))
            ? accountCell(text(otherPartyAccountCol))
            : accountWritten;
        if (row.accountRef.isEmpty())
            row.accountRef = layout.preambleAccount;
        if (accountAsBefore.isEmpty() && !preambleAccountLate)
            accountAsBefore = preambleAccountWhole.isEmpty() ? layout.preambleAccount : preambleAccountWhole;
        if (row.accountRef.isEmpty() && accountsByCurrency)
            row.accountRef = currencyAccount(rec);
        if (accountAsBefore.isEmpty() && accountsByCurrency)
            accountAsBefore = currencyAccount(rec);
        // Read into one chosen account, a row of another currency than the account's has its own currency's balance
        // beside it: no evidence that its amount is in the account's currency.
        if (const QString chosen = !fileMainCurrency.isEmpty() ? fileMainCurrency : options.defaultCurrency;
            chosenForCurrencies && !chosen.isEmpty() && row.currency.compare(chosen, Qt::CaseInsensitive) != 0)
            row.balanceAfterMinor.reset();
        if (row.accountRef.isEmpty())
            row.accountRef = currentHeading;
        if (accountAsBefore.isEmpty())
            accountAsBefore = currentHeading;
        if (!fileMainCurrency.isEmpty() && !row.currency.isEmpty() && row.currency != fileMainCurrency)
            row.mainCurrency = fileMainCurrency;
        row.externalId = unprotected(cell(rec, at(CsvField::Id)).trimmed());
        row.description = unprotected(row.description);
        row.counterparty = unprotected(row.counterparty);
        if (isPlaceholderReference(row.externalId))
            row.externalId.clear();
        if (const QString reference = cell(rec, referenceCol).trimmed();
            row.externalId.isEmpty() && !reference.isEmpty() && !isPlaceholderReference(reference))
            row.externalId = referenceIds.next(row, reference); // an id of the file's own: no probable check
        // (The other party's name found beside a description of a few kinds is left out of the id, as imports before
        // that rule had it; the one found beside IBANs is in it, as imports since that rule have it.)
        // A spreadsheet's text formula as the text (Alpha Bank's "=\"ΕΞΟΔΑ ΕΝΤΟΛΗΣ\""): the text it holds; and
        // Swedbank's "Referens" the other party (referensCol). Derived ids keep the texts as written, as imports before
        // these rules had them.
        const QString formulaCounterparty = row.counterparty;
        row.description = unwrappedFormulaText(row.description);
        row.counterparty = unwrappedFormulaText(row.counterparty);
        bool formulaParty = row.counterparty != formulaCounterparty;
        // (A name: three letters in a row, not an OCR or Bankgiro number nor a payment's kind.)
        static const QRegularExpression name(QStringLiteral("\\p{L}{3}"),
                                             QRegularExpression::UseUnicodePropertiesOption);
        static const QRegularExpression kind(QStringLiteral("^(swish|kortk\u00f6p|\u00f6verf\u00f6ring|ins\u00e4ttning|"
                                                            "uttag|bg|pg|autogiro|l\u00f6n|skatt|ocr)\\b"),
                                             QRegularExpression::CaseInsensitiveOption
                                                 | QRegularExpression::UseUnicodePropertiesOption);
        if (const QString party = text(referensCol); referensCol >= 0 && row.counterparty.isEmpty() && !party.isEmpty()
            && !row.description.contains(party, Qt::CaseInsensitive) && party.contains(name)
            && !kind.match(party).hasMatch()) {
            row.counterparty = party;
            formulaParty = true; // (the id's party as before: none)
        }
        std::optional<qint64> idBookedAtMs;
        if (replacedStartDateCol >= 0)
            if (Result<DateParts> started
                = parseDateParts(cell(rec, replacedStartDateCol), layout.dateOrder, map.dateFormat)) {
                started->offsetSeconds.reset();
                idBookedAtMs = toUtcMs(*started, options.timeZone);
            }
        if (row.externalId.isEmpty()
            && (row.description != idDescription || partyBesideKinds || slashes || idBookedAtMs
                || accountAsBefore != row.accountRef || formulaParty)) {
            ImportedRow asBefore = row;
            asBefore.accountRef = accountAsBefore;
            if (idBookedAtMs)
                asBefore.bookedAtMs = *idBookedAtMs;
            asBefore.description = idDescription;
            if (formulaParty)
                asBefore.counterparty = formulaCounterparty;
            if (slashes)
                asBefore.counterparty = writtenCounterparty;
            if (partyBesideKinds)
                asBefore.counterparty.clear();
            row.externalId = ids.next(asBefore);
            row.externalIdDerived = true;
        } else if (row.externalId.isEmpty()) {
            row.externalId = ids.next(row);
            row.externalIdDerived = true;
        }
        // Handed on once the next record has been seen: it may continue the row's text.
        if (held && !handOn(*held)) {
            held.reset();
            break;
        }
        held = std::move(row);
        heldIsDateAndAmount = onlyDateAndAmount;
        continuable = true;
    }
    if (n == CsvReader::Next::Error)
        return reader.error();
    if (held && shortContinuation) {
        held->description = shortContinuation->description;
        heldIsDateAndAmount = shortContinuation->dateAndAmount;
        addIssue(&summary.warnings, &summary.warningCount,
                 {shortContinuation->line, 0, {}, QStringLiteral("skipped: a line of text below the last row")});
    }
    if (held && heldIsDateAndAmount) {
        balanceLines.push_back({BalanceEnd::Closing, held->line, {}, held->amountMinor});
        addIssue(&summary.warnings, &summary.warningCount,
                 {held->line,
                  0,
                  {},
                  QStringLiteral("skipped: the last record is a balance (a date and an amount, no text)")});
    } else if (held) {
        handOn(*held);
    }
    for (const ImportIssue& w : decoder->warnings())
        addIssue(&summary.warnings, &summary.warningCount, w);
    if (ledgerBalances) {
        summary.statedOpening = ledgerBalances->first;
        summary.statedClosing = ledgerBalances->second;
    }
    // Balances are read as the bank writes them: not from a file whose amounts the user chose to read with their
    // signs turned, nor from a ledger's. A card's export whose amounts were read turned (RBS: purchases positive, its
    // "'Balance as at 19 Jun 2023" 400.28 owed) states what is owed, which is money out of the card's account; so
    // does a card's statement (a card number masked but for its last four digits above the header: Barclays US's
    // "Account Number: XXXXXXXXXXXX4821", and its payments to the card as money in).
    static const QRegularExpression maskedCard(QStringLiteral(R"(^[Xx*\x{2022}]{11,12}\d{4}$)"));
    // Only with a card's rows too: a payment to the card ("Payment Received") written as money in.
    const bool owedOnCard = maskedCard.match(QString(layout.preambleAccount).remove(u' ')).hasMatch()
        && positiveCardPayments > 0 && negativeCardPayments == 0;
    // A balance line's own decimal separator where it shows one (DKB's card export: "-76.77 EUR" above rows of
    // "-95,00"): its last '.' or ',' with one or two digits after it; else the file's.
    const auto ownSeparator = [&layout](const QString& text) {
        static const QRegularExpression cents(QStringLiteral(R"(\d([.,])\d{1,2}(?![\d.,]))"));
        QRegularExpressionMatch last;
        for (QRegularExpressionMatchIterator it = cents.globalMatch(text); it.hasNext();)
            last = it.next();
        if (!last.hasMatch())
            return layout.decimalSeparator;
        return last.captured(1) == u"." ? DecimalSeparator::Point : DecimalSeparator::Comma;
    };
    // The first stated balance of each end among the balance lines from line `from` up to (not including) `to`.
    const auto noteStated = [&](int from, int to, std::optional<CsvStatedBalance>* opening,
                                std::optional<CsvStatedBalance>* closing) {
        QString closingLabel; // the label of the line the stated closing balance came from
        for (const BalanceLine& b : balanceLines) {
            if (options.csv.negateAmount || turnedByBalance)
                break;
            if (b.line < from || b.line >= to)
                continue;
            // A balance as of a day after the statement's period (ASB's "Ledger Balance : 5694.05 as of 20240727"
            // above rows that end with "To date 20240331") is today's, not the statement's: later bookings are not
            // in the file.
            if (const Result<DateParts> asOf = parseDateParts(b.asOf, layout.dateOrder);
                !b.asOf.isEmpty() && layout.statementEnd.isValid() && asOf && asOf->date > layout.statementEnd) {
                addIssue(&summary.warnings, &summary.warningCount,
                         {b.line,
                          0,
                          {},
                          QStringLiteral("balance: the balance on this line is as of %1, after the statement's end "
                                         "(%2): not the balance after its rows, so it was not used")
                              .arg(QLocale::c().toString(asOf->date, QStringLiteral("yyyy-MM-dd")),
                                   QLocale::c().toString(layout.statementEnd, QStringLiteral("yyyy-MM-dd")))});
                continue;
            }
            std::optional<CsvStatedBalance>& slot = b.end == BalanceEnd::Opening ? *opening : *closing;
            // The first stated balance of each end, but of closing lines below the rows under one label the last (a
            // statement converted from its PDF carries the balance forward at the foot of every page).
            if (slot
                && !(b.end == BalanceEnd::Closing && !ledgerBalances && firstRowLine > 0 && slot->line > firstRowLine
                     && b.line > slot->line && !b.label.isEmpty()
                     && b.label.compare(closingLabel, Qt::CaseInsensitive) == 0))
                continue;
            const Result<qint64> value = b.minor
                ? Result<qint64>(*b.minor)
                : parseAmount(b.text, b.separator != DecimalSeparator::Auto ? b.separator : ownSeparator(b.text),
                              !amountCurrency.isEmpty()                                      ? amountCurrency
                                  : !options.defaultCurrency.isEmpty() || !rowsShareCurrency ? options.defaultCurrency
                                                                                             : rowsCurrency);
            constexpr qint64 kMaxStatedBalance = 1'000'000'000'000'000LL; // beyond any account's balance
            if (!value && value.status().field() != u"currency")
                addIssue(&summary.warnings, &summary.warningCount,
                         {b.line, 0, QStringLiteral("balance"),
                          QStringLiteral("the balance \"%1\" on this line does not read (%2): it was not checked")
                              .arg(b.text.trimmed(), value.status().message())});
            if (value && *value <= kMaxStatedBalance && *value >= -kMaxStatedBalance) {
                // (A turned card's balance written negative may be owed or in credit: none is stated.)
                if (map.negateAmount && !owedOnCard && *value < 0)
                    continue;
                slot = CsvStatedBalance {owedOnCard || map.negateAmount ? -*value : *value, b.line};
                if (b.end == BalanceEnd::Closing)
                    closingLabel = b.label;
            }
        }
    };
    // The file's balance lines as its stated balances; in a report of several accounts under their headings, each
    // heading's lines as its account's (CsvSummary::sectionBalances).
    // (Read into one chosen account, the headings' balances are no one account's: none is stated.)
    const bool perHeading = headingLines.size() >= 2;
    for (qsizetype h = 0; h < (perHeading ? headingLines.size() : 1) && !(perHeading && options.accountChosen); ++h) {
        const int from = perHeading ? headingLines[h].first : 0;
        const int to = perHeading && h + 1 < headingLines.size() ? headingLines[h + 1].first : INT_MAX;
        CsvSectionBalances balances {perHeading ? headingLines[h].second : QString(), {}, {}};
        noteStated(from, to, perHeading ? &balances.opening : &summary.statedOpening,
                   perHeading ? &balances.closing : &summary.statedClosing);
        if (perHeading && (balances.opening || balances.closing))
            summary.sectionBalances.append(balances);
    }
    std::sort(closingPerAccount.begin(), closingPerAccount.end(),
              [](const auto& a, const auto& b) { return a.second.line < b.second.line; });
    for (const auto& [account, same] : closingPerAccount)
        if (const Result<qint64> value = readBalance(same.balance, options.defaultCurrency); value)
            summary.sectionBalances.append({account, std::nullopt, CsvStatedBalance {*value, same.line}});
    if (summary.rowErrorCount > summary.rowErrors.size())
        summary.warnings.append({0,
                                 0,
                                 {},
                                 QStringLiteral("%1 row errors in all; the first %2 are listed")
                                     .arg(summary.rowErrorCount)
                                     .arg(summary.rowErrors.size())});
    return summary;
}

} // namespace

Result<ParsedFile> readCsvStatements(QIODevice* device, const ImportOptions& options)
{
    ParsedFile file;
    QHash<QString, int> byAccount;
    Result<CsvSummary> summary = readCsv(device, options, [&](const ImportedRow& row) {
        auto it = byAccount.constFind(row.accountRef);
        if (it == byAccount.cend()) {
            ImportedStatement st;
            st.accountRef = row.accountRef;
            file.statements.append(st);
            it = byAccount.insert(row.accountRef, int(file.statements.size() - 1));
        }
        file.statements[*it].rows.append(row);
        return true;
    });
    if (!summary)
        return summary.status();
    file.format = importFormatName(ImportFormat::Csv);
    file.encoding = summary->layout.encoding;
    file.rowErrors = summary->rowErrors;
    file.warnings = summary->warnings;
    file.rowErrorCount = summary->rowErrorCount;
    file.warningCount = summary->warningCount;
    for (ImportedStatement& st : file.statements) {
        QSet<QString> currencies;
        for (const ImportedRow& r : std::as_const(st.rows))
            currencies.insert(r.currency);
        if (currencies.size() == 1)
            st.currency = *currencies.begin();
    }
    return file;
}

Result<ParsedFile> parseCsv(const QByteArray& data, const ImportOptions& options)
{
    if (data.size() > options.maxBytes)
        return importTooLarge(options);
    QByteArray copy = data;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return readCsvStatements(&buffer, options);
}

} // namespace ledgerguard
