// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QByteArray>

namespace ledgerguard {

// OFX / QFX / QBO statements: OFX 1.x (SGML: a "KEY:VALUE" header, leaf elements without closing tags) and OFX 2.x
// (XML with <?xml?> and <?OFX?> processing instructions).
//
// The parser is our own, deliberately tolerant one rather than libofx (which needs OpenSP, reads from a file path
// and is hard to bound on hostile input): it tokenizes tags and text, treats an element followed by text as a leaf
// that ends at the next tag (SGML) or at its closing tag (XML), closes aggregates by name (closing every element
// left open inside), ignores closing tags that close nothing, and closes whatever is still open at the end of the
// file. Tag names are case-insensitive; line breaks and spaces may appear anywhere between tags; a whole file on
// one line is fine. Nesting deeper than 64 elements is a fatal error. Entities &amp; &lt; &gt; &quot; &apos; and
// &#NN; / &#xNN; are decoded in text.
//
// Encoding: the SGML header's ENCODING/CHARSET (UTF-8; USASCII with CHARSET 1252 / ISO-8859-1 / NONE) or the XML
// declaration's encoding, unless ImportOptions::encoding overrides it (TextDecoding.h).
//
// Read: every banking statement (STMTRS in STMTTRNRS) and credit-card statement (CCSTMTRS in CCSTMTTRNRS), each as
// one ImportedStatement in file order: accountRef = ACCTID, bankId = BANKID, accountType = ACCTTYPE (or
// "CREDITCARD"), currency = CURDEF, closing balance = LEDGERBAL BALAMT at DTASOF. Each STMTTRN becomes a row:
// bookedAtMs = DTPOSTED, valueDateMs = DTAVAIL (else DTUSER), amountMinor = TRNAMT (exact; a decimal comma is
// accepted), currency = CURRENCY/CURSYM when the amounts are in another currency, else CURDEF (ORIGCURRENCY only
// informs: the amounts are already in CURDEF), externalId = FITID (else a derived id), counterparty = NAME or
// PAYEE/NAME, description = MEMO (with " / Check CHECKNUM" / " / Ref REFNUM" appended when present),
// category = TRNTYPE as written ("DEBIT", "POS", ...). Dates follow YYYYMMDD[HHMMSS[.XXX]][[+-hh[.mm]][:TZ]]; a
// time without an offset is GMT as the specification says.
//
// Skipped with a warning: investment statements (INVSTMTMSGSRSV1), STMTTRN without DTPOSTED or TRNAMT (row errors),
// a transaction-response STATUS whose CODE is not 0. A sign-on STATUS CODE other than 0 is a warning when the file
// still holds statements and the fatal error otherwise. Not OFX (no <OFX> element) is a fatal error.
Result<ParsedFile> parseOfx(const QByteArray& data, const ImportOptions& options = {});

} // namespace ledgerguard
