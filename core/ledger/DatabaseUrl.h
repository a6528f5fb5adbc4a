// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QString>

namespace ledgerguard {

// Where a ledger lives: a PostgreSQL database named by a URL, or (anything else) an SQLite file path.
//
// Accepted: postgresql://USER@HOST[:PORT]/DBNAME[?sslmode=MODE] (also the scheme postgres://). USER and DBNAME may be
// percent-encoded; HOST is a name, an IPv4 address or a bracketed IPv6 address; PORT defaults to 5432; MODE is one of
// libpq's disable, allow, prefer, require, verify-ca, verify-full. A URL carrying a password is refused: the password
// comes from libpq's password file (PGPASSFILE, else ~/.pgpass) or from Database::Options::askPassword, so a URL can
// be kept in settings and shown in messages. Parsing is pure (no network).
struct DatabaseUrl
{
    QString user;
    QString host;
    int port = 5432;
    QString database;
    QString sslMode; // empty: libpq's default

    // True when `location` names a PostgreSQL database (its scheme is postgresql:// or postgres://), so it is parsed
    // as a URL and never taken for a file path.
    static bool isPostgres(const QString& location);

    // Ok when `location` is a file path or a PostgreSQL URL; InvalidArgument("url") when it is a URL of any other
    // scheme ("mysql://...", "file://..."), which would otherwise be taken for a file of that name.
    static Status checkScheme(const QString& location);

    // Errors: InvalidArgument("url") naming the part that is wrong (user, host, port, database, sslmode, password,
    // an unknown parameter).
    static Result<DatabaseUrl> parse(const QString& location);

    // The URL in the accepted form, for messages, logs and settings (it never holds a password).
    QString toString() const;
};

} // namespace ledgerguard
