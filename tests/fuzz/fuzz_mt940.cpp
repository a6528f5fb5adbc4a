// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the MT940 parser, and format detection plus the dispatcher on the same bytes.
#include "FuzzTarget.h"
#include "import/Importer.h"
#include "import/Mt940.h"

using namespace ledgerguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    ImportOptions options;
    options.defaultCurrency = QStringLiteral("EUR");
    (void)parseMt940(bytes, options);
    (void)detectFormat(bytes);
    return 0;
}
