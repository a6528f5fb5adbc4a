// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the ISO 20022 camt parser, booked-only and with pending entries.
#include "FuzzTarget.h"
#include "import/Camt.h"
#include "import/Importer.h"

using namespace ledgerguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    ImportOptions options;
    options.includePending = size > 0 && (data[size - 1] & 1);
    const Result<ParsedFile> parsed = parseCamt(bytes, options);
    if (parsed)
        for (const ImportedStatement& s : parsed->statements)
            (void)checkBalances(s);
    return 0;
}
