// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/ledger: row mapping and small SQL helpers shared by Ledger.cpp and LedgerQueries.cpp.
#pragma once

#include "ledger/Database.h"
#include "ledger/Types.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ledgerguard::sql {

// Column lists matching readTransaction / readAnomaly / readAccount.
inline constexpr const char* kTransactionColumns
    = "t.id, t.account_id, t.amount, a.currency, t.description, t.category, t.counterparty, t.timestamp, "
      "t.running_balance, t.source, t.created_at, t.anomaly_score, t.risk";
inline constexpr const char* kAnomalyColumns
    = "x.id, x.account_id, x.transaction_id, x.score, x.risk, x.detected_at, x.anomaly_type, x.features, "
      "x.explanation, x.status, x.status_changed_at, t.amount, a.currency, t.description, t.timestamp";

Transaction readTransaction(const QSqlQuery& q);

// Qt binds a null QString as SQL NULL; NOT NULL text columns get an empty string instead.
inline QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}
Anomaly readAnomaly(const QSqlQuery& q);

// Prepares `text` on `db`, binds `values` positionally and executes. On failure returns the mapped Status.
Status exec(QSqlQuery& q, const QString& text, const QVariantList& values, const QString& what);

// A (BEGIN IMMEDIATE ... COMMIT) scope: rolls back unless commit() succeeded.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase& db);
    ~WriteTransaction();
    Status begin();
    Status commit();

private:
    QSqlDatabase& m_db;
    bool m_open = false;
};

} // namespace ledgerguard::sql
