// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Risk.h"
#include "util/Status.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace ledgerguard::rules {

// A user's rule (docs/DETECTION.md "Rules"): a condition over one transaction and its account's recent history,
// and what a match does to the transaction's combined score. Plain values; validated by parseRule.

// A comparison of a number (an amount in minor units, a count) with `value`, or a range [min, max] (inclusive).
struct Comparison
{
    enum class Op { Greater, GreaterOrEqual, Less, LessOrEqual, Equal, Between };
    Op op = Op::Greater;
    qint64 value = 0; // not Between
    qint64 min = 0; // Between
    qint64 max = 0;
    bool holds(qint64 x) const;
};

struct Condition
{
    enum class Kind {
        All, // every child matches (no children: matches)
        Any, // at least one child matches (no children: refused when saving)
        Not, // the one child does not match
        Account, // the transaction's account is one of `accounts`
        Amount, // the amount (signed, or its absolute value) in `currency` compares; other currencies never match
        Currency, // the account's currency is one of `values`
        Counterparty, // equals / contains `text` (case-insensitive), matches `pattern`, or is in the named `list`
        Category, // the category key is one of `values`
        Description, // contains `text` (case-insensitive) or matches `pattern`
        Weekday, // the local weekday (1 Monday .. 7 Sunday) is one of `days`
        TimeOfDay, // the local time is in [fromMinute, toMinute) (minutes after midnight; wraps when from > to)
        DayOfMonth, // the local day of month is one of `days`, or among the month's last `lastDays` days
        FirstPayment, // a payment (amount < 0) to a counterparty the account never paid before
        Window, // the count, or the sum of absolute amounts in `currency`, of the account's transactions booked in
                // (t - windowMinutes, t], up to and including this one, compares
    };
    enum class TextMatch { Equals, Contains, Regex, InList };
    Kind kind = Kind::All;
    std::vector<Condition> children; // All, Any; Not: exactly one
    QList<qint64> accounts;
    QStringList values; // Currency (codes), Category (keys)
    QList<int> days; // Weekday, DayOfMonth
    int lastDays = 0; // DayOfMonth
    int fromMinute = 0; // TimeOfDay
    int toMinute = 0;
    TextMatch match = TextMatch::Equals; // Counterparty, Description
    QString text; // Equals, Contains
    QString pattern; // Regex
    QString list; // InList: the named list's name
    bool absolute = true; // Amount
    QString currency; // Amount, Window (Sum)
    Comparison compare; // Amount, Window
    bool sum = false; // Window: sum instead of count
    int windowMinutes = 0; // Window
};

struct Effect
{
    enum class Kind {
        Flag, // the transaction's risk is at least `risk`
        Raise, // raises the combined score by `weight`
        Lower, // lowers it by `weight`
        Suppress, // opens no alert for the transaction while it is booked before `until` (UTC ms)
    };
    Kind kind = Kind::Flag;
    Risk risk = Risk::High;
    double weight = 1.0; // Raise, Lower: in (0, 1]
    qint64 until = 0; // Suppress: exclusive end (the start of the day after the JSON's "until" date, UTC)
};

struct Rule
{
    QString id; // UUIDv7; empty for a rule not yet saved
    QString name;
    bool enabled = true;
    int version = 0; // 1 for the first saved version; 0 for a rule not yet saved
    Condition condition;
    Effect effect;
};

// The longest window a Window condition may look back (instant scoring reads the account's last 48 hours).
inline constexpr int kMaxWindowMinutes = 48 * 60;
inline constexpr int kMaxRuleNameLength = 100;
inline constexpr int kMaxConditionDepth = 8;
inline constexpr int kMaxConditionLeaves = 100;

// Parses and validates a rule's JSON (docs/DETECTION.md "Rules" has the format). `knownLists`: the names of the
// ledger's non-empty named lists (a condition naming another list is refused); nullopt skips that check. Errors:
// InvalidArgument whose field is the JSON path of the offending value ("condition.any[2].pattern") and whose
// message says what is wrong: an unknown field, a missing or mistyped value, a regular expression that does not
// compile, an unknown or empty list, a range with min > max, an unknown currency, category or account id form.
// Fields "id", "version" are read when present (the ledger assigns them).
Result<Rule> parseRule(const QJsonObject& json, const std::optional<QStringList>& knownLists = std::nullopt);
// The rule as JSON (the format parseRule reads); parseRule(toJson(r)) gives r back.
QJsonObject toJson(const Rule& rule);
QJsonObject toJson(const Condition& condition);
QJsonObject toJson(const Effect& effect);
// The names of the named lists the condition uses, sorted, without repeats.
QStringList listsUsed(const Condition& condition);
// The effect in words: "flag HIGH", "raise by 0.50", "lower by 0.30", "suppress alerts until 2026-12-31".
QString effectText(const Effect& effect);
// The condition in words ("amount > 5000.00 EUR and first payment to the counterparty").
QString conditionText(const Condition& condition);

} // namespace ledgerguard::rules
