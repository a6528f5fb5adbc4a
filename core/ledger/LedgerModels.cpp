// SPDX-License-Identifier: GPL-3.0-or-later
// Stored detector models, so that a score can be reproduced and new transactions scored at once.
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"

namespace ledgerguard {

Status Ledger::saveModel(const QString& scope, qint64 rowCount, const QByteArray& model)
{
    QMutexLocker lock(&m_writeMutex);
    return sql::run(
        *m_database,
        QStringLiteral(
            "INSERT INTO models (scope, fitted_at, row_count, model) VALUES (?, ?, ?, ?) ON CONFLICT (scope) "
            "DO UPDATE SET fitted_at = excluded.fitted_at, row_count = excluded.row_count, "
            "model = excluded.model"),
        {scope, m_clock.nowMs(), rowCount, model}, QStringLiteral("store model"));
}

Result<QByteArray> Ledger::loadModel(const QString& scope) const
{
    return sql::oneRow(
        *m_database, QStringLiteral("SELECT model FROM models WHERE scope = ?"), {scope}, QStringLiteral("read model"),
        [](const QSqlQuery& q) { return q.value(0).toByteArray(); },
        Status::notFound(QStringLiteral("no model for %1").arg(scope)));
}

Result<QList<Ledger::StoredModel>> Ledger::modelScopes() const
{
    return sql::rows(*m_database, QStringLiteral("SELECT scope, fitted_at, length(model) FROM models"), {},
                     QStringLiteral("read model scopes"), [](const QSqlQuery& q) {
                         return StoredModel {q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()};
                     });
}

Status Ledger::removeModel(const QString& scope)
{
    QMutexLocker lock(&m_writeMutex);
    return sql::run(*m_database, QStringLiteral("DELETE FROM models WHERE scope = ?"), {scope},
                    QStringLiteral("remove model"));
}

} // namespace ledgerguard
