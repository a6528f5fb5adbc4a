// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the CSV statement reader, with detection and with a few fixed layouts.
#include "FuzzTarget.h"
#include "import/Csv.h"

#include <QBuffer>

using namespace ledgerguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    ImportOptions options;
    options.defaultCurrency = QStringLiteral("EUR");
    (void)parseCsv(bytes, options);

    // The first byte picks a fixed layout, so the mapped paths are reached without a recognisable header.
    if (size > 0) {
        ImportOptions fixed = options;
        fixed.csv.headerLine = (data[0] & 1) ? -1 : 1;
        fixed.csv.delimiter = QLatin1Char((data[0] & 2) ? ';' : ',');
        fixed.csv.decimalSeparator = (data[0] & 4) ? DecimalSeparator::Comma : DecimalSeparator::Auto;
        fixed.csv.columns = {{CsvField::Date, {1, {}}},
                             {CsvField::Debit, {2, {}}},
                             {CsvField::Credit, {3, {}}},
                             {CsvField::Currency, {4, {}}},
                             {CsvField::Time, {5, {}}}};
        QByteArray copy = bytes;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        int rows = 0;
        (void)readCsv(&buffer, fixed, [&rows](const ImportedRow&) { return ++rows < 100000; });
    }
    return 0;
}
