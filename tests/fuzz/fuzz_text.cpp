// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: text decoding (detection, every built-in decoder whole and split at every chunk size of 1..7),
// amount and date parsing.
#include "FuzzTarget.h"
#include "import/ImportValues.h"
#include "import/TextDecoding.h"

using namespace ledgerguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)decodeText(bytes);
    for (const char* name : {"UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252", "ISO-8859-1"}) {
        Result<TextDecoder> whole = TextDecoder::create(QString::fromLatin1(name));
        if (!whole)
            __builtin_trap(); // the built-in encodings always exist
        QString expected = whole->decode(bytes);
        expected += whole->finish();
        const qsizetype step = 1 + (size > 0 ? data[0] % 7 : 0);
        Result<TextDecoder> split = TextDecoder::create(QString::fromLatin1(name));
        QString got;
        for (qsizetype i = 0; i < bytes.size(); i += step)
            got += split->decode(bytes.sliced(i, std::min(step, bytes.size() - i)));
        got += split->finish();
        if (got != expected)
            __builtin_trap(); // chunking must not change the text
    }
    const QString text = QString::fromUtf8(bytes.first(std::min<qsizetype>(bytes.size(), 80)));
    for (DecimalSeparator sep : {DecimalSeparator::Auto, DecimalSeparator::Point, DecimalSeparator::Comma})
        (void)parseAmount(text, sep, QStringLiteral("EUR"));
    for (DateOrder order : {DateOrder::DayMonthYear, DateOrder::MonthDayYear, DateOrder::YearMonthDay})
        if (const Result<DateParts> d = parseDateParts(text, order))
            (void)toUtcMs(*d, QTimeZone::utc());
    return 0;
}
