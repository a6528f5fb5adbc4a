// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Dialect_p.h"

namespace ledgerguard::sql {

Engine engineOf(const QSqlDatabase& db)
{
    return engineOf(db.driver());
}

Engine engineOf(const QSqlDriver* driver)
{
    return driver != nullptr && driver->dbmsType() == QSqlDriver::PostgreSQL ? Engine::Postgres : Engine::Sqlite;
}

QString Dialect::indexedBy(const char* index) const
{
    return engine == Engine::Sqlite ? QStringLiteral(" INDEXED BY ") + QLatin1String(index) : QString();
}

QString Dialect::truncate(const QString& expr) const
{
    return engine == Engine::Sqlite ? QStringLiteral("CAST(%1 AS INTEGER)").arg(expr)
                                    : QStringLiteral("CAST(trunc(%1) AS BIGINT)").arg(expr);
}

QString Dialect::jsonElements(const QString& json, const char* alias) const
{
    return engine == Engine::Sqlite
        ? QStringLiteral("json_each(%1) %2").arg(json, QLatin1String(alias))
        : QStringLiteral("jsonb_array_elements(CAST(%1 AS jsonb)) AS %2(value)").arg(json, QLatin1String(alias));
}

QString Dialect::jsonTexts(const QString& json, const char* alias) const
{
    return engine == Engine::Sqlite
        ? QStringLiteral("json_each(%1) %2").arg(json, QLatin1String(alias))
        : QStringLiteral("jsonb_array_elements_text(CAST(%1 AS jsonb)) AS %2(value)").arg(json, QLatin1String(alias));
}

QString Dialect::jsonMember(const QString& element, const char* key) const
{
    return engine == Engine::Sqlite ? QStringLiteral("json_extract(%1, '$.%2')").arg(element, QLatin1String(key))
                                    : QStringLiteral("(%1 ->> '%2')").arg(element, QLatin1String(key));
}

QString Dialect::jsonArrayOrEmpty(const QString& json) const
{
    // PostgreSQL 15 has no test for valid JSON text; the ledger writes explanations as JSON arrays, so the guard
    // there is that the text starts as one.
    return engine == Engine::Sqlite
        ? QStringLiteral("CASE WHEN json_valid(%1) THEN %1 ELSE '[]' END").arg(json)
        : QStringLiteral("CASE WHEN left(ltrim(%1), 1) = '[' THEN %1 ELSE '[]' END").arg(json);
}

const Dialect& dialect(Engine engine)
{
    static const Dialect sqlite {Engine::Sqlite, "BEGIN IMMEDIATE", nullptr, "LIKE", "min", "max"};
    static const Dialect postgres {
        Engine::Postgres, "BEGIN",
        // kWriteLockKey; binds the change origin (ChangeFeed_p.h originOf)
        "SELECT pg_advisory_xact_lock(1279721473), set_config('ledgerguard.origin', ?, true)", "ILIKE", "least",
        "greatest"};
    static_assert(kWriteLockKey == 1279721473);
    return engine == Engine::Sqlite ? sqlite : postgres;
}

} // namespace ledgerguard::sql
