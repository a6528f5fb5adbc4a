// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/AuditSettings.h"
#include "ledger/Types.h"

#include <QList>
#include <QString>
#include <QTimeZone>
#include <optional>
#include <vector>

namespace ledgerguard {

class Ledger;
struct TransactionColumns;

// The auditor's classic tests over one account's (or several accounts') transactions in a period
// (docs/DETECTION.md "Classic tests"): Benford's law on first and first-two digits, duplicate and near-duplicate
// payments, round amounts, amounts just below the approval limit and split payments, postings on weekends, public
// holidays and outside business hours, and month- and quarter-end concentration.
//
// Payments are debits (negative amounts); the duplicate, round, just-below and split tests read payments only.
// Opening-balance rows are never tested. Dates and times of day are read in the given time zone, except for a
// date-only row (timestamp 12:00:00.000 UTC, how the importers book a statement line without a time), whose date
// is its UTC date and which has no time of day (never an off-hours posting).
// Pure functions of their input; safe on any thread.

// One transaction as the tests read it. `description` may be empty (the score part provider does not read it).
struct AuditRow
{
    QString id;
    qint64 accountId = 0;
    qint64 amount = 0; // minor units of `currency`
    QString currency;
    qint64 timestamp = 0; // UTC ms
    QString counterparty;
    QString description;
    Category category = Category::Other;
};

enum class AuditOutcome {
    Conforms, // the test ran and found nothing
    Finding, // the test fired
    NotEnoughData, // too few rows for the test to say anything (never a pass)
};
QString auditOutcomeKey(AuditOutcome outcome); // "conforms", "finding", "not_enough_data"
QString auditOutcomeLabel(AuditOutcome outcome); // "Conforms", "Finding", "Not enough data"

// One transaction a test flagged.
struct AuditHit
{
    qsizetype row = 0; // index into the tested rows
    double strength = 0; // in [0, 1]
    QString text; // the values that matched, in words
    QList<qsizetype> related; // other rows behind the finding (the earlier payment of a duplicate, a split's parts)
};

struct AuditTestResult
{
    QString key; // auditTestKeys()
    QString name; // auditTestName(key)
    AuditOutcome outcome = AuditOutcome::NotEnoughData;
    qint64 tested = 0; // rows the test read
    qint64 flagged = 0; // rows the test flagged (hits.size() as computed, kept when a reader drops the hits)
    QString summary; // the result in one sentence
    QList<AuditHit> hits; // in row order
};

enum class BenfordConformity { Close, Acceptable, Marginal, Nonconformity };
QString benfordConformityLabel(BenfordConformity c); // "close conformity", ..., "nonconformity"

// Benford's law on the first digit (digits 1..9) or the first two digits (10..99) of the amounts' absolute values:
// amounts of at least 1 major unit for the first digit, at least 10 for the first two.
struct BenfordResult
{
    int digits = 1; // 1 or 2
    qint64 count = 0; // amounts tested
    qint64 minimum = 0; // kBenfordMinimumFirst or kBenfordMinimumFirstTwo
    bool enoughData = false; // count >= minimum
    double mad = 0; // Nigrini's mean absolute deviation of the observed from the expected proportions
    BenfordConformity conformity = BenfordConformity::Close; // by Nigrini's ranges; meaningful with enoughData
    std::vector<int> digit; // 1..9 or 10..99
    std::vector<qint64> observedCount;
    std::vector<double> expected; // log10(1 + 1/d)
    std::vector<double> observed; // observedCount / count
    std::vector<double> z; // Nigrini's z statistic (with the continuity correction), >= 0
};

// Minimum amounts for a Benford verdict: the sample size at which a sample drawn from Benford's own distribution
// has an expected MAD inside the acceptable range (first digit: 0.2348 / sqrt(n) < 0.012 from n = 383; first two:
// 0.0793 / sqrt(n) < 0.0018 from n = 1,943), rounded up; with fewer, conforming data would read as nonconforming.
inline constexpr qint64 kBenfordMinimumFirst = 500;
inline constexpr qint64 kBenfordMinimumFirstTwo = 2000;
// Nigrini's MAD bounds (close, acceptable, marginal; above: nonconformity) (Nigrini, Benford's Law, 2012, table 7.1).
inline constexpr double kBenfordFirstBounds[3] = {0.006, 0.012, 0.015};
inline constexpr double kBenfordFirstTwoBounds[3] = {0.0012, 0.0018, 0.0022};
// A digit stands out when its z exceeds this (two-sided 5 %) and it is over-represented.
inline constexpr double kBenfordDigitZ = 1.96;
// Period-end concentration fires when the one-sided binomial p-value is below kPeriodEndAlpha and the period end's
// share of the postings is at least kPeriodEndMinRatio times its share of the days; it needs an expected count of at
// least kPeriodEndMinExpected postings in the period ends.
inline constexpr double kPeriodEndAlpha = 0.01;
inline constexpr double kPeriodEndMinRatio = 1.5;
inline constexpr double kPeriodEndMinExpected = 5;
// Near-duplicates compare each payment with at most this many earlier payments of the same amount in the window.
inline constexpr int kNearDuplicateMaxCompared = 50;

struct AuditResults
{
    std::vector<AuditRow> rows; // the tested rows, in booking order
    QList<AuditTestResult> tests; // one per auditTestKeys(), in that order
    BenfordResult firstDigit;
    BenfordResult firstTwoDigits;
    qint64 fromMs = 0; // the period read (from the first row's day when not given)
    qint64 toMs = 0; // exclusive (the day after the last row's when not given)

    const AuditTestResult* test(const QString& key) const;
};

// Runs every test over `rows` (booking order). The period [fromMs, toMs) sets the days the period-end test counts;
// when not given it spans the rows' first to last day.
AuditResults runAuditTests(std::vector<AuditRow> rows, const AuditSettings& settings, const QTimeZone& zone,
                           std::optional<qint64> fromMs = std::nullopt, std::optional<qint64> toMs = std::nullopt);

// Benford's test alone (1 or 2 digits) over amounts in minor units with `decimals` fraction digits each.
BenfordResult benfordTest(const std::vector<qint64>& amounts, const std::vector<int>& decimals, int digits);

// Similarity of two texts in [0, 1], over the texts normalised (lower case, letters and digits only, runs of other
// characters as one space, trimmed, the first 100 characters): the smaller of 1 - Levenshtein distance / the longer
// length and the share of words (of the text with more words) matched by a word at least 0.8 similar in the same
// sense; 0 when either is empty.
double textSimilarity(const QString& a, const QString& b);

// One-sided binomial tail P(X >= k) for X ~ Binomial(n, p).
double binomialUpperTail(qint64 n, qint64 k, double p);

// Reads the rows of one account (or all accounts when accountId is not given) with timestamp in [fromMs, toMs), in
// booking order, descriptions included. Errors: those of Ledger::transactions and Ledger::accounts.
Result<std::vector<AuditRow>> readAuditRows(const Ledger& ledger, std::optional<qint64> accountId,
                                            std::optional<qint64> fromMs, std::optional<qint64> toMs);
// The rows of TransactionColumns (no descriptions).
std::vector<AuditRow> auditRowsFromColumns(qint64 accountId, const QString& currency, const TransactionColumns& rows);

// readAuditRows, loadAuditSettings and runAuditTests in the ledger's audit time zone.
Result<AuditResults> runAuditTests(const Ledger& ledger, std::optional<qint64> accountId, std::optional<qint64> fromMs,
                                   std::optional<qint64> toMs);

} // namespace ledgerguard
