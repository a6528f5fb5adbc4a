// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/ScoreParts.h"

#include <QTimeZone>
#include <optional>

namespace ledgerguard {

class Ledger;

// The classic audit tests as parts of the combined score (core/ledger/ScoreParts.h): for each scored row, one part
// per test that flagged it (source Test, effect Raise, key and name the test's, strength the hit's, weight the
// ledger's audit settings' weight for the test, text the hit's words). Tests with weight 0 give no parts.
//
// The tests run over all of the account's rows the pipeline passes (its whole history), with the ledger's audit
// settings (loadAuditSettings, read on each call) in the audit time zone (auditTimeZone, unless one is given).
// Near-duplicates compare counterparties only here (the rows carry no descriptions); the Tests view and the report
// also compare reference-bearing descriptions. When the settings or the account cannot be read, the call adds no
// parts and logs a warning (detection goes on without them).
//
// Thread-safety: as ScorePartProvider; the ledger is only read.
class AuditScorePartProvider : public ScorePartProvider
{
public:
    explicit AuditScorePartProvider(const Ledger& ledger, std::optional<QTimeZone> zone = std::nullopt);
    void partsFor(qint64 accountId, const TransactionColumns& rows, const std::vector<qsizetype>& only,
                  std::vector<std::vector<ScorePart>>& out) override;

private:
    const Ledger& m_ledger;
    std::optional<QTimeZone> m_zone;
};

} // namespace ledgerguard
