// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/AuditScoreParts.h"

#include "audit/AuditTests.h"
#include "ledger/Ledger.h"

#include <QLoggingCategory>

namespace ledgerguard {

namespace {
Q_LOGGING_CATEGORY(lcAudit, "ledgerguard.audit")
}

AuditScorePartProvider::AuditScorePartProvider(const Ledger& ledger, std::optional<QTimeZone> zone)
    : m_ledger(ledger)
    , m_zone(std::move(zone))
{ }

void AuditScorePartProvider::partsFor(qint64 accountId, const TransactionColumns& rows,
                                      const std::vector<qsizetype>& only, std::vector<std::vector<ScorePart>>& out)
{
    if (only.empty() || rows.size() == 0)
        return;
    auto settings = loadAuditSettings(m_ledger);
    if (!settings) {
        qCWarning(lcAudit) << "audit tests skipped:" << settings.status().toString();
        return;
    }
    auto account = m_ledger.account(accountId);
    if (!account) {
        qCWarning(lcAudit) << "audit tests skipped for account" << accountId << ":" << account.status().toString();
        return;
    }
    const AuditResults results = runAuditTests(auditRowsFromColumns(accountId, account->currency, rows), *settings,
                                               m_zone ? *m_zone : auditTimeZone(m_ledger));
    std::vector<char> wanted(size_t(rows.size()), 0);
    for (qsizetype i : only)
        if (i >= 0 && i < rows.size())
            wanted[size_t(i)] = 1;
    for (const AuditTestResult& test : results.tests) {
        const double weight = settings->weight(test.key);
        if (weight <= 0)
            continue;
        for (const AuditHit& hit : test.hits) {
            if (!wanted[size_t(hit.row)])
                continue;
            ScorePart part;
            part.source = ScorePart::Source::Test;
            part.effect = ScorePart::Effect::Raise;
            part.key = test.key;
            part.name = test.name;
            part.strength = std::clamp(hit.strength, 0.0, 1.0);
            part.weight = weight;
            part.text = hit.text;
            out[size_t(hit.row)].push_back(std::move(part));
        }
    }
}

} // namespace ledgerguard
