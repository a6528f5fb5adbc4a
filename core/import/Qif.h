// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QByteArray>
#include <QStringView>

namespace ledgerguard {

// Quicken Interchange Format. Sections !Type:Bank, !Type:CCard, !Type:Cash, !Type:Oth A and !Type:Oth L hold
// transactions; an !Account block (N name, T type, D description) names the account of the sections that follow
// it (with or without !Option:AutoSwitch / !Clear:AutoSwitch). Each section becomes one ImportedStatement
// (accountRef and accountName = the account's N, accountType = the section's type), consecutive sections of one
// account and type share one.
//
// Items end with '^' (the last one may lack it). D date: m/d/yy, m/d'yy, m/d/yyyy, d/m/yyyy, d.m.yy, ISO, with
// spaces around the parts; the day/month order is decided from all D lines of the file (a first number above 12
// means day first; with no evidence month first, as Quicken writes) unless ImportOptions::dateOrder says.
// T (or U) amount with thousands separators, the decimal separator decided from the whole file unless
// ImportOptions::decimalSeparator says; P payee -> counterparty; M memo -> description (N check number appended as
// " / No. N"); L category -> category, as written (a transfer keeps its brackets, "[Savings]"); splits S/E/$ are
// kept as the transaction's total (T; the sum of the $ lines when T is missing). Currency: ImportOptions::
// defaultCurrency (QIF names none; without it every row is a row error "currency"). externalId: derived (QIF has
// no ids). Investment sections (!Type:Invst) and lists (!Type:Cat, Class, Memorized, Prices, Security, ...) are
// skipped with a warning. Bad dates and amounts are row errors with the line of the D / T line. A file of items
// without a header line (looksLikeHeaderlessQif) is read as !Type:Bank, and a !Type:CCard section whose rows are
// three in four positive and more as charges written positive (turned), each with a warning.
Result<ParsedFile> parseQif(const QByteArray& data, const ImportOptions& options = {});

// True for text that starts with a QIF item's D line (a digit after the D) and has a T or U line and a "^" line:
// QIF items without their !Type header.
bool looksLikeHeaderlessQif(QStringView text);

} // namespace ledgerguard
