// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <functional>

namespace ledgerguard {

// The import options that an import's messages point the reader at ("no account 'X' (use --create-accounts to
// create it)"). Messages name them only through importOptionText(), in the command line's spelling; a front end that
// names its options otherwise (REST query parameters, the import dialog's controls) rewrites each mention with
// rewordImportOptions() and a switch over this enum without a default, so that a mention added here is a -Wswitch
// warning in each front end until it names it too.
enum class ImportOptionMention {
    Account, // "--account"
    CreateAccounts, // "--create-accounts"
    Currency, // "--currency"
    AllowProbableDuplicates, // "--allow-probable-duplicates"
    HeaderLine, // "--header-line N"
    Map, // "--map": the column mapping as a whole
    MapDateByNumber, // "--map date=1"
    MapDateAndAmountByNumber, // "--map date=1,amount=3"
    MapAccountColumn, // "--map account=COLUMN"
};

// The mention as the command line spells it.
QString importOptionText(ImportOptionMention mention);

// `text` with each mention importOptionText() writes replaced by words(mention); text without one is returned as is.
QString rewordImportOptions(QString text, const std::function<QString(ImportOptionMention)>& words);

} // namespace ledgerguard
