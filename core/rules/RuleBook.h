// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"
#include "ledger/ScoreParts.h"
#include "rules/RuleEngine.h"

#include <QJsonObject>
#include <QMutex>
#include <atomic>

namespace ledgerguard::rules {

// A past transaction a rule would have matched (RuleBook::preview).
struct PreviewHit
{
    Transaction transaction;
    QString text; // the matched values in words
};

struct Preview
{
    qint64 total = 0; // every transaction the rule matches
    QList<PreviewHit> hits; // the page asked for, newest first
};

// The rules of one ledger as the desktop, REST and the command line use them: parsed from and validated before
// the ledger's storage (Ledger::saveRule and friends), with a preview of what a rule matches.
//
// Thread-safety: as the Ledger (every method may run on any thread).
class RuleBook
{
public:
    explicit RuleBook(Ledger& ledger)
        : m_ledger(ledger)
    { }

    // Every stored rule by name. Errors: database errors; Corruption for a stored definition parseRule refuses.
    Result<QList<Rule>> rules() const;
    // Errors: NotFound.
    Result<Rule> rule(const QString& id) const;
    // Validates `json` (parseRule, against the ledger's named lists) and saves it: as a new rule when `id` is empty
    // (an "id" in the JSON is then ignored), else as the next version of rule `id`. Returns the stored rule (id,
    // version). Errors: those of parseRule (the JSON path as the field), of Ledger::saveRule.
    Result<Rule> save(const QJsonObject& json, const QString& actor, const QString& id = QString());
    Status remove(const QString& id, const QString& actor);
    // Every transaction in the ledger `rule` matches (enabled or not, as RuleScorer would match it in a detection
    // run over each account's whole history), newest first: `limit` hits from `offset`.
    Result<Preview> preview(const Rule& rule, qsizetype offset = 0, qsizetype limit = 50) const;
    // The named lists' entries, by name.
    Result<QHash<QString, QStringList>> lists() const;
    // The enabled rules, compiled with the ledger's lists and time zone.
    Result<CompiledRules> compiledEnabled() const;

    // The default rule set (docs/DETECTION.md "Default rules") for amounts in `currency`: a large first payment to a
    // new counterparty, payments at night, many transactions in an hour. Not saved by themselves.
    static QList<QJsonObject> defaultRules(const QString& currency);

private:
    Ledger& m_ledger;
};

// The rules' part of the combined score (ScorePartProvider, docs/DETECTION.md "Combined score"): evaluates the
// ledger's enabled rules over the rows the pipeline gives (their descriptions and the account's earlier payments
// read through the ledger when a rule needs them). The compiled rules are rebuilt after Ledger::rulesChanged. A
// rule that stops parsing (a hand-edited file) is skipped and logged. Thread-safe: partsFor may run on several
// threads at once (a detection run beside instant scoring).
class RuleScorer final : public ScorePartProvider
{
public:
    explicit RuleScorer(Ledger& ledger);
    ~RuleScorer() override;
    void partsFor(qint64 accountId, const TransactionColumns& rows, const std::vector<qsizetype>& only,
                  std::vector<std::vector<ScorePart>>& out) override;

private:
    // The enabled rules compiled for the current generation (compiled again after a change).
    std::shared_ptr<const CompiledRules> compiled();

    Ledger& m_ledger;
    QMetaObject::Connection m_connection;
    std::shared_ptr<std::atomic<int>> m_generation;
    QMutex m_mutex;
    int m_compiledGeneration = -1; // GUARDED_BY(m_mutex)
    std::shared_ptr<const CompiledRules> m_compiled; // GUARDED_BY(m_mutex)
};

// Evaluates `compiled` over rows `only` of one account as RuleScorer does (reading descriptions and earlier payments
// through `ledger` as needed). Errors: database errors.
Status evaluateAccount(const Ledger& ledger, const CompiledRules& compiled, qint64 accountId,
                       const TransactionColumns& rows, const std::vector<qsizetype>& only,
                       std::vector<std::vector<RuleMatch>>& out);

} // namespace ledgerguard::rules
