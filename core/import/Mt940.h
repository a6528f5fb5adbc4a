// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QByteArray>
#include <QStringView>

namespace ledgerguard {

// SWIFT MT940 customer statements (and MT942 interim reports), as banks deliver them for download: the messages'
// fields ":20:", ":25:" account, ":28C:", ":60F:"/":60M:" opening balance, ":61:" statement lines, each followed by
// its ":86:" information, ":62F:"/":62M:" closing balance; with or without the SWIFT blocks around them ("{1:...}
// {2:...}{4:" ... "-}") and free text before the first field. Each account (":25:") becomes one ImportedStatement;
// messages of one account in a row (":62M:" then ":60M:") are one statement, its opening the first message's and its
// closing the last's.
//
// A ":61:" line: value date YYMMDD, optional entry date MMDD (the booking date, in the value date's year or the one
// next to it), mark C, D, RC (a reversed credit: money out) or RD (a reversed debit: money in), an optional funds
// code letter, the amount with a decimal comma, the transaction type (N, F or S and three characters) and the
// references. The currency is the opening balance's (else ImportOptions::defaultCurrency). The ":86:" text is the
// description; where it is structured as German banks write it ("166?00GUTSCHRIFT?20EREF+...?21SVWZ+...?32Name")
// its purpose (?20-?29, ?60-?63) is the description, its booking text (?00) leads it, and ?32/?33 name the other
// party; where it is structured with slashes ("/NAME/.../REMI/USTD//...": ING, Rabobank, ABN AMRO) /NAME/ (or the
// name in ING's "/CNTP/IBAN/BIC/name/") is the other party and /REMI/ the description. A field's lines are joined as
// written (they break where a line is full). externalId: derived (the references of a statement line repeat).
// A line that does not read is a row error naming its line.
Result<ParsedFile> parseMt940(const QByteArray& data, const ImportOptions& options = {});

// True for text that holds an MT940 statement: a ":20:" field, an account (":25:"), an opening balance (":60F:" or
// ":60M:"; an MT942's ":34F:" or ":13D:") and a statement line or closing balance (":61:" or ":62F:"), each at the
// start of a line.
bool looksLikeMt940(QStringView text);

} // namespace ledgerguard
