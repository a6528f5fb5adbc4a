// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the OFX parser (SGML and XML).
#include "FuzzTarget.h"
#include "import/Ofx.h"

using namespace ledgerguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    (void)parseOfx(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    return 0;
}
