// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/ScoreParts.h"
#include "ledger/TransactionColumns.h"
#include "rules/Rule.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <memory>
#include <vector>

namespace ledgerguard::rules {

// One rule that matched one transaction: the rule's index in CompiledRules::rules() and the matched values in
// words ("amount 6000.00 EUR > 5000.00 EUR; first payment to ACME Ltd on this account").
struct RuleMatch
{
    qsizetype rule = 0;
    QString text;
};

// An account's rows as a rule reads them: TransactionColumns (in (timestamp, id) order) with the account's id and
// currency, the descriptions of the rows to evaluate (by transaction id; needed when needsDescriptions()), and the
// counterparties the account paid before its first row, case-folded (needed when needsFirstPayment(); empty when
// the rows start at the account's first transaction).
struct AccountRows
{
    qint64 accountId = 0;
    QString currency;
    const TransactionColumns* rows = nullptr;
    const QHash<QString, QString>* descriptions = nullptr;
    QSet<QString> paidBefore;
};

// Rules in the form they are evaluated in: regular expressions compiled once, named lists as hash sets, local times
// in the ledger's time zone. Built from rules that parseRule accepted, so evaluation never fails. A Suppress rule
// matches only transactions booked before its expiry. Window conditions run two pointers over the rows; the first
// payment condition one pass with a set of the counterparties paid so far.
//
// Thread-safety: const after construction; share freely.
class CompiledRules
{
public:
    CompiledRules();
    // `lists`: named list -> entries; a list the rules name but `lists` lacks matches nothing.
    CompiledRules(QList<Rule> rules, const QHash<QString, QStringList>& lists, const QTimeZone& zone);
    ~CompiledRules();
    CompiledRules(CompiledRules&&) noexcept;
    CompiledRules& operator=(CompiledRules&&) noexcept;

    const QList<Rule>& rules() const { return m_rules; }
    bool isEmpty() const { return m_rules.isEmpty(); }
    bool needsDescriptions() const { return m_needsDescriptions; }
    bool needsFirstPayment() const { return m_needsFirstPayment; }

    // Evaluates every rule on rows `only` of `account` (indices into account.rows) and appends each match to
    // out[i] for row i (out is resized to the rows' count when smaller).
    void evaluate(const AccountRows& account, const std::vector<qsizetype>& only,
                  std::vector<std::vector<RuleMatch>>& out) const;

    // A match as a part of the combined score (ScoreParts.h): source Rule, the rule's effect, key its id, name its
    // name, strength 1, weight its effect's weight (1 for Flag and Suppress).
    ScorePart scorePart(const RuleMatch& match) const;

    struct Node;

private:
    QList<Rule> m_rules;
    std::vector<std::unique_ptr<Node>> m_roots;
    QHash<QString, QSet<QString>> m_lists; // case-folded entries
    QTimeZone m_zone;
    bool m_needsDescriptions = false;
    bool m_needsFirstPayment = false;
};

} // namespace ledgerguard::rules
