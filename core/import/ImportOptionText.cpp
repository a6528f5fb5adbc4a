// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportOptionText.h"

#include <array>

namespace ledgerguard {

namespace {

// Longest spelling first, so that "--map date=1,amount=3" is not read as "--map date=1" followed by text, nor
// "--account" found inside "--create-accounts"'s neighbours.
constexpr std::array kBySpellingLength = {
    ImportOptionMention::MapDateAndAmountByNumber,
    ImportOptionMention::AllowProbableDuplicates,
    ImportOptionMention::MapAccountColumn,
    ImportOptionMention::CreateAccounts,
    ImportOptionMention::MapDateByNumber,
    ImportOptionMention::HeaderLine,
    ImportOptionMention::Currency,
    ImportOptionMention::Account,
    ImportOptionMention::Map,
};

} // namespace

QString importOptionText(ImportOptionMention mention)
{
    switch (mention) {
    case ImportOptionMention::Account:
        return QStringLiteral("--account");
    case ImportOptionMention::CreateAccounts:
        return QStringLiteral("--create-accounts");
    case ImportOptionMention::Currency:
        return QStringLiteral("--currency");
    case ImportOptionMention::AllowProbableDuplicates:
        return QStringLiteral("--allow-probable-duplicates");
    case ImportOptionMention::HeaderLine:
        return QStringLiteral("--header-line N");
    case ImportOptionMention::Map:
        return QStringLiteral("--map");
    case ImportOptionMention::MapDateByNumber:
        return QStringLiteral("--map date=1");
    case ImportOptionMention::MapDateAndAmountByNumber:
        return QStringLiteral("--map date=1,amount=3");
    case ImportOptionMention::MapAccountColumn:
        return QStringLiteral("--map account=COLUMN");
    }
    return QString();
}

QString rewordImportOptions(QString text, const std::function<QString(ImportOptionMention)>& words)
{
    if (!text.contains(QLatin1String("--")))
        return text;
    // Each mention is replaced where it stands as a whole: not followed by more of an option's letters (so that
    // "--account" inside "--account-type", were a message to name it, stays) and not already replaced text.
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        bool replaced = false;
        if (text[i] == u'-' && text.mid(i, 2) == QLatin1String("--")) {
            for (ImportOptionMention m : kBySpellingLength) {
                const QString spelling = importOptionText(m);
                if (!QStringView(text).mid(i).startsWith(spelling))
                    continue;
                const qsizetype end = i + spelling.size();
                if (end < text.size() && (text[end].isLetterOrNumber() || text[end] == u'-' || text[end] == u'='))
                    continue;
                out += words(m);
                i = end;
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out += text[i++];
    }
    return out;
}

} // namespace ledgerguard
