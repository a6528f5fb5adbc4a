// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/DatabaseUrl.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace ledgerguard {

namespace {

Status invalid(const QString& message)
{
    return Status::invalidArgument(QStringLiteral("url"), message);
}

} // namespace

bool DatabaseUrl::isPostgres(const QString& location)
{
    const QString trimmed = location.trimmed(); // as parse() reads it
    return trimmed.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || trimmed.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

Status DatabaseUrl::checkScheme(const QString& location)
{
    // A scheme of two or more letters: "C:/ledger.sqlite" and "C:\\ledger.sqlite" stay Windows paths.
    static const QRegularExpression scheme(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]+)://"));
    const QRegularExpressionMatch m = scheme.match(location.trimmed());
    if (!m.hasMatch() || isPostgres(location))
        return Status::ok();
    return invalid(QStringLiteral("%1:// ledgers are not supported: give a ledger file or a "
                                  "postgresql://USER@HOST[:PORT]/DBNAME URL")
                       .arg(m.captured(1)));
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString& location)
{
    if (!isPostgres(location))
        return invalid(QStringLiteral("a PostgreSQL URL starts with postgresql://"));
    const QUrl url(location.trimmed(), QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl's message quotes the input, which may hold a password: only the reason is kept.
        const QString reason = url.errorString().section(QLatin1Char(';'), 0, 0);
        return invalid(QStringLiteral("not a valid URL (%1); expected postgresql://USER@HOST[:PORT]/DBNAME")
                           .arg(reason.isEmpty() ? QStringLiteral("malformed") : reason));
    }
    // The user information is what comes before the last '@' of the authority; a ':' in it starts a password.
    const QString authority = location.section(QStringLiteral("://"), 1).section(QLatin1Char('/'), 0, 0);
    if (!url.password().isEmpty() || authority.section(QLatin1Char('@'), 0, -2).contains(QLatin1Char(':')))
        return invalid(QStringLiteral("the URL must not contain a password: put it in ~/.pgpass (or the file "
                                      "PGPASSFILE names) or enter it when LedgerGuard asks"));
    DatabaseUrl out;
    out.user = url.userName(QUrl::FullyDecoded);
    if (out.user.isEmpty())
        return invalid(QStringLiteral("the user is missing: postgresql://USER@HOST/DBNAME"));
    out.host = url.host(QUrl::FullyDecoded);
    if (out.host.isEmpty())
        return invalid(QStringLiteral("the host is missing: postgresql://USER@HOST/DBNAME"));
    out.port = url.port(5432);
    if (out.port < 1 || out.port > 65535)
        return invalid(QStringLiteral("the port must be between 1 and 65535"));
    out.database = url.path(QUrl::FullyDecoded);
    if (out.database.startsWith(QLatin1Char('/')))
        out.database.remove(0, 1);
    if (out.database.isEmpty() || out.database.contains(QLatin1Char('/')))
        return invalid(QStringLiteral("the database name is missing: postgresql://USER@HOST/DBNAME"));
    if (url.hasFragment())
        return invalid(QStringLiteral("a PostgreSQL URL has no #fragment"));
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key != QLatin1String("sslmode"))
            return invalid(QStringLiteral("unknown parameter '%1' (only sslmode is accepted)").arg(key));
        static const QStringList modes {QStringLiteral("disable"),   QStringLiteral("allow"),
                                        QStringLiteral("prefer"),    QStringLiteral("require"),
                                        QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
        if (!modes.contains(value))
            return invalid(
                QStringLiteral("sslmode '%1' is not one of %2").arg(value, modes.join(QStringLiteral(", "))));
        out.sslMode = value;
    }
    return out;
}

QString DatabaseUrl::toString() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    if (port != 5432)
        url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    if (!sslMode.isEmpty())
        url.setQuery(QStringLiteral("sslmode=") + sslMode);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace ledgerguard
