// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QByteArray>

namespace ledgerguard {

// ISO 20022 cash management statements: camt.053 (BkToCstmrStmt/Stmt), camt.052 (BkToCstmrAcctRpt/Rpt) and camt.054
// (BkToCstmrDbtCdtNtfctn/Ntfctn), any message version (001.02 .. 001.08 and later): elements are matched by local
// name, the namespace only has to be an ISO 20022 camt.05x one. Read with QXmlStreamReader after decoding the text
// with TextDecoding.h (the declared encoding, or ImportOptions::encoding); malformed or truncated XML is a fatal
// error naming its line and column.
//
// Each Stmt / Rpt / Ntfctn becomes one ImportedStatement: accountRef = Acct/Id/IBAN (else Acct/Id/Othr/Id),
// currency = Acct/Ccy, accountName = Acct/Nm (else Acct/Ownr/Nm), bankId = Acct/Svcr/FinInstnId BIC (BICFI or BIC),
// statementId = Id; balances from Bal by Tp/CdOrPrtry/Cd: opening = OPBD (else PRCD), closing = CLBD with its
// Dt/Dt or Dt/DtTm; a balance's sign is its CdtDbtInd (DBIT = negative).
//
// Each booked Ntry (Sts BOOK, or Sts/Cd BOOK in version 8+) becomes one row, or one row per TxDtls when an entry
// batches several transactions and every TxDtls states its amount (AmtDtls/TxAmt/Amt, else Amt, in the entry's
// currency; an entry whose details carry no amounts stays one row). Sign: CdtDbtInd (DBIT = money out), of the
// TxDtls when it states one; RvslInd does not change it (the indicator already gives the reversal's direction).
// Entries with other statuses (PDNG, INFO, FUTR) are skipped with a warning unless ImportOptions::includePending.
// bookedAtMs = BookgDt (Dt or DtTm; else ValDt), valueDateMs = ValDt. externalId = Ntry/AcctSvcrRef (with "/n"
// appended for the n-th transaction of a batch), else TxDtls Refs/AcctSvcrRef, else Refs/EndToEndId unless
// NOTPROVIDED, else a derived id. counterparty = the other party: the creditor (RltdPties/Cdtr/Nm or Cdtr/Pty/Nm,
// else UltmtCdtr) of a debit, the debtor of a credit. description = RmtInf/Ustrd lines joined with a space, else
// RmtInf/Strd/CdtrRefInf/Ref, else AddtlTxInf, else Ntry/AddtlNtryInf. category = BkTxCd/Prtry/Cd when present.
Result<ParsedFile> parseCamt(const QByteArray& data, const ImportOptions& options = {});

} // namespace ledgerguard
