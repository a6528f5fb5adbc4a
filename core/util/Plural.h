// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

namespace ledgerguard {

// The one plural rule for counts in texts shown to a person: `one` when n is 1, else `many`, with each "%n" replaced
// by n written in `locale` (the default locale groups digits: "1,234 transactions"; QLocale::c() writes "1234" for
// command-line output that scripts read). English has these two forms; a translation supplies both texts:
//   plural(n, tr("%n transaction"), tr("%n transactions"))
inline QString plural(qint64 n, const QString& one, const QString& many, const QLocale& locale = QLocale())
{
    QString text = n == 1 ? one : many;
    return text.replace(QLatin1String("%n"), locale.toString(n));
}

} // namespace ledgerguard
