// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace ledgerguard {

// The entry points of the import wing: format detection, parsing a file or bytes with the right parser
// (Csv.h, Ofx.h, Camt.h, Qif.h, Mt940.h) and checking a statement's stated balances. Nothing here touches the ledger.

// The format of a file from its first bytes (a few KiB are enough; a byte order mark and UTF-16 are handled):
// OFX for an SGML header "OFXHEADER:", an "<?OFX" processing instruction or an <OFX> element; camt for an
// ISO 20022 namespace "urn:iso:std:iso:20022:tech:xsd:camt.05x"; MT940 for its fields (looksLikeMt940); QIF for a
// first line "!Type:", "!Account", "!Option:" or "!Clear:". Otherwise the file name's extension decides (.ofx .qfx
// .qbo -> OFX, .qif -> QIF, .sta .mt940 .940 -> MT940, .xml -> camt) and anything else is CSV.
ImportFormat detectFormat(QByteArrayView head, const QString& fileName = {});

// Parses bytes in memory: options.format, else detectFormat(data, fileName). Files over options.maxBytes are
// refused (Status::invalidArgument("file")). Fatal errors (not this format, broken XML, an unterminated CSV
// quote) are the Result's error, with line and column in the message; row errors and warnings are in ParsedFile.
Result<ParsedFile> importData(const QByteArray& data, const ImportOptions& options = {}, const QString& fileName = {});

// Parses a file: its size is checked against options.maxBytes before anything is read; CSV is streamed from the
// file (see readCsv in Csv.h for a row callback that keeps nothing in memory), other formats are read whole.
// An unreadable file is Status::ioError naming the path.
Result<ParsedFile> importFile(const QString& path, const ImportOptions& options = {});

// Whether a statement's stated balances agree with its rows: opening + the sum of the rows in the statement's
// currency == closing, all in integer minor units.
struct BalanceCheck
{
    bool checkable = false; // the statement states both an opening and a closing balance
    bool balanced = false; // checkable and the difference is 0
    qint64 expectedClosingMinor = 0; // opening + sum(rows)
    qint64 differenceMinor = 0; // stated closing - expectedClosingMinor
    int rowsCounted = 0;
    int rowsInOtherCurrencies = 0; // rows not in the statement's currency (left out of the sum)
    bool overflow = false; // the sum does not fit in qint64 (then not balanced)
};
BalanceCheck checkBalances(const ImportedStatement& statement);

} // namespace ledgerguard
