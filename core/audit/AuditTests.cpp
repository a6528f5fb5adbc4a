// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/AuditTests.h"

#include "ledger/Ledger.h"
#include "ledger/TransactionColumns.h"
#include "money/Money.h"
#include "util/Clock.h"
#include "util/Plural.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ledgerguard {

namespace {

constexpr qint64 kJulianDayOfEpoch = 2440588;
// Two words match when at least this similar.
constexpr double kWordSimilarity = 0.8;

const QLocale& textLocale()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

QString money(qint64 minor, const QString& currency)
{
    return Money(minor, currency).formatWithCurrency(textLocale());
}

QString count(qint64 n, const char* one, const char* many)
{
    return plural(n, QLatin1String(one), QLatin1String(many), textLocale());
}

QString dateText(const QDate& date)
{
    return QLocale::c().toString(date, QStringLiteral("d MMM yyyy"));
}

QString percent(double share, int decimals = 1)
{
    return textLocale().toString(100.0 * share, 'f', decimals) + QStringLiteral(" %");
}

QString pValueText(double p)
{
    return p < 0.0001 ? QStringLiteral("p < 0.0001") : QStringLiteral("p = %1").arg(QLocale::c().toString(p, 'f', 4));
}

QString hhmm(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

QString ordinal(qint64 n)
{
    switch (n) {
    case 2:
        return QStringLiteral("second");
    case 3:
        return QStringLiteral("third");
    case 4:
        return QStringLiteral("fourth");
    case 5:
        return QStringLiteral("fifth");
    default:
        return QStringLiteral("%1th").arg(n);
    }
}

qint64 pow10(int e)
{
    qint64 v = 1;
    while (e-- > 0)
        v *= 10;
    return v;
}

// The offset of a time zone, cached over the span between its transitions (rows come in booking order, so nearly
// every look-up hits the cache).
class LocalTime
{
public:
    explicit LocalTime(QTimeZone zone)
        : m_zone(std::move(zone))
    { }

    qint64 localMs(qint64 utcMs)
    {
        if (utcMs < m_from || utcMs >= m_to) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc());
            m_offsetMs = qint64(m_zone.offsetFromUtc(at)) * 1000;
            m_from = utcMs;
            m_to = std::numeric_limits<qint64>::max();
            if (m_zone.hasTransitions()) {
                const QTimeZone::OffsetData next = m_zone.nextTransition(at);
                if (next.atUtc.isValid())
                    m_to = next.atUtc.toMSecsSinceEpoch();
            }
        }
        return utcMs + m_offsetMs;
    }

private:
    QTimeZone m_zone;
    qint64 m_from = 1;
    qint64 m_to = 0;
    qint64 m_offsetMs = 0;
};

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Lower case, simplified whitespace: the key under which two counterparties are the same.
QString sameKey(const QString& text)
{
    return text.simplified().toCaseFolded();
}

// Lower case letters and digits, other runs as one space: the text compared by textSimilarity.
QString similarityForm(const QString& text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (QChar c : text.toCaseFolded()) {
        if (c.isLetterOrNumber()) {
            if (space && !out.isEmpty())
                out += QLatin1Char(' ');
            space = false;
            out += c;
        } else {
            space = true;
        }
    }
    return out.left(100);
}

double editSimilarity(QStringView a, QStringView b)
{
    if (a.isEmpty() || b.isEmpty())
        return 0;
    if (a == b)
        return 1;
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<qsizetype> prev(size_t(m + 1)), cur(size_t(m + 1));
    for (qsizetype j = 0; j <= m; ++j)
        prev[size_t(j)] = j;
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = i;
        for (qsizetype j = 1; j <= m; ++j) {
            const qsizetype cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, prev[size_t(j - 1)] + cost});
        }
        std::swap(prev, cur);
    }
    return 1.0 - double(prev[size_t(m)]) / double(std::max(n, m));
}

// Both the whole texts and their words must be similar: "Shop A" and "Shop B" differ by one letter but in a word
// that tells them apart, as do "Invoice 4711" and "Invoice 4712".
double similarityOfForms(const QString& a, const QString& b)
{
    const double whole = editSimilarity(a, b);
    if (whole <= 0 || whole >= 1)
        return whole;
    const auto wa = QStringView(a).split(QLatin1Char(' '));
    const auto wb = QStringView(b).split(QLatin1Char(' '));
    std::vector<char> used(size_t(wb.size()), 0);
    qsizetype matched = 0;
    for (QStringView w : wa)
        for (qsizetype j = 0; j < wb.size(); ++j)
            if (!used[size_t(j)] && editSimilarity(w, wb[j]) >= kWordSimilarity) {
                used[size_t(j)] = 1;
                ++matched;
                break;
            }
    return std::min(whole, double(matched) / double(std::max(wa.size(), wb.size())));
}

bool hasDigit(const QString& text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

// What the tests read of each row, computed once.
struct Prepared
{
    std::vector<qint64> day; // Julian day of the row's date
    std::vector<int> minute; // minute of the day; -1 for a date-only row
    std::vector<int> decimals;
    std::vector<char> tested; // not an opening balance
    std::vector<int> party; // interned sameKey(counterparty); -1 when empty
    std::vector<QString> partyForm; // similarityForm(counterparty)
    std::vector<QString> descriptionForm; // similarityForm(description) when it carries a digit, else empty
};

Prepared prepare(const std::vector<AuditRow>& rows, const QTimeZone& zone)
{
    Prepared p;
    const size_t n = rows.size();
    p.day.resize(n);
    p.minute.resize(n);
    p.decimals.resize(n);
    p.tested.resize(n);
    p.party.resize(n);
    p.partyForm.resize(n);
    p.descriptionForm.resize(n);
    LocalTime local(zone);
    QHash<QString, int> decimals;
    QHash<QString, int> parties;
    QHash<QString, std::pair<int, QString>> spellings; // counterparty as written -> (party, similarity form)
    for (size_t i = 0; i < n; ++i) {
        const AuditRow& r = rows[i];
        const bool dateOnly = isDateOnlyTimestamp(r.timestamp);
        const qint64 ms = dateOnly ? r.timestamp : local.localMs(r.timestamp);
        p.day[i] = floorDiv(ms, kDayMs) + kJulianDayOfEpoch;
        p.minute[i] = dateOnly ? -1 : int((ms - floorDiv(ms, kDayMs) * kDayMs) / kMinuteMs);
        auto d = decimals.find(r.currency);
        if (d == decimals.end())
            d = decimals.insert(r.currency, Money::decimalsFor(r.currency));
        p.decimals[i] = *d;
        p.tested[i] = r.category != Category::OpeningBalance;
        // Each distinct spelling is normalised once.
        auto known = spellings.constFind(r.counterparty);
        if (known == spellings.constEnd()) {
            const QString key = sameKey(r.counterparty);
            int party = -1;
            if (!key.isEmpty()) {
                auto it = parties.find(key);
                if (it == parties.end())
                    it = parties.insert(key, int(parties.size()));
                party = *it;
            }
            known = spellings.insert(r.counterparty, {party, similarityForm(r.counterparty)});
        }
        p.party[i] = known->first;
        p.partyForm[i] = known->second;
        if (hasDigit(r.description))
            p.descriptionForm[i] = similarityForm(r.description);
    }
    return p;
}

QDate dateOf(qint64 julianDay)
{
    return QDate::fromJulianDay(julianDay);
}

AuditTestResult makeResult(const QString& key)
{
    AuditTestResult r;
    r.key = key;
    r.name = auditTestName(key);
    return r;
}

void finish(AuditTestResult& r, const QString& population, const QString& what)
{
    std::sort(r.hits.begin(), r.hits.end(), [](const AuditHit& a, const AuditHit& b) { return a.row < b.row; });
    if (r.tested == 0) {
        r.outcome = AuditOutcome::NotEnoughData;
        r.summary = QStringLiteral("No %1 in the period.").arg(population);
        return;
    }
    r.outcome = r.hits.isEmpty() ? AuditOutcome::Conforms : AuditOutcome::Finding;
    r.summary = QStringLiteral("%1 of %2 %3.")
                    .arg(textLocale().toString(qint64(r.hits.size())), textLocale().toString(r.tested), what);
}

bool isPayment(const AuditRow& r, const Prepared& p, size_t i)
{
    return p.tested[i] && r.amount < 0;
}

// ---- Benford ----

AuditTestResult benfordResult(const BenfordResult& b, const std::vector<AuditRow>& rows, const Prepared& p)
{
    AuditTestResult r
        = makeResult(b.digits == 1 ? QStringLiteral("benford_first") : QStringLiteral("benford_first_two"));
    r.tested = b.count;
    const QString least = b.digits == 1 ? QStringLiteral("1") : QStringLiteral("10");
    if (!b.enoughData) {
        r.outcome = AuditOutcome::NotEnoughData;
        r.summary
            = QStringLiteral("%1 of at least %2 (in major units); the test needs %3 for a verdict.")
                  .arg(count(b.count, "Only %n amount", "Only %n amounts"), least, textLocale().toString(b.minimum));
        return r;
    }
    const auto& bounds = b.digits == 1 ? kBenfordFirstBounds : kBenfordFirstTwoBounds;
    const int precision = b.digits == 1 ? 4 : 5;
    r.outcome = b.conformity == BenfordConformity::Nonconformity ? AuditOutcome::Finding : AuditOutcome::Conforms;
    r.summary
        = QStringLiteral("MAD %1 over %2: %3 (close below %4, acceptable to %5, marginal to %6).")
              .arg(QLocale::c().toString(b.mad, 'f', precision), count(b.count, "%n amount", "%n amounts"),
                   benfordConformityLabel(b.conformity), QLocale::c().toString(bounds[0], 'f', precision),
                   QLocale::c().toString(bounds[1], 'f', precision), QLocale::c().toString(bounds[2], 'f', precision));
    if (r.outcome != AuditOutcome::Finding)
        return r;
    const qint64 lo = b.digits == 1 ? 1 : 10;
    // A hit's text depends only on its digits: written once per digit that stands out and shared by its rows.
    std::vector<QString> standsOut(b.digit.size());
    for (size_t d = 0; d < b.digit.size(); ++d) {
        if (b.observed[d] <= b.expected[d] || b.z[d] <= kBenfordDigitZ)
            continue;
        standsOut[d]
            = QStringLiteral("%1 of the amounts begin with %2 (%3) against %4 expected by Benford's law (z = %5; MAD "
                             "%6, nonconformity)")
                  .arg(percent(b.observed[d]))
                  .arg(b.digit[d])
                  .arg(b.digits == 1 ? QStringLiteral("first digit") : QStringLiteral("first two digits"),
                       percent(b.expected[d]), QLocale::c().toString(b.z[d], 'f', 1),
                       QLocale::c().toString(b.mad, 'f', precision));
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!p.tested[i])
            continue;
        qint64 a = rows[i].amount < 0 ? -rows[i].amount : rows[i].amount;
        if (a < pow10(p.decimals[i] + b.digits - 1))
            continue;
        const qint64 top = b.digits == 1 ? 10 : 100;
        while (a >= top)
            a /= 10;
        const size_t d = size_t(a - lo);
        if (standsOut[d].isEmpty())
            continue;
        r.hits.append(AuditHit {qsizetype(i), 1.0, standsOut[d], {}});
    }
    return r;
}

// ---- Duplicates ----

// Row indices sorted by a key read once per row (contiguous keys sort far faster than indices compared through the
// rows); the row index last keeps equal keys in row order.
struct SortKey
{
    qint64 account;
    qint64 amount;
    int party;
    qint64 day;
    qsizetype row;
    auto operator<=>(const SortKey&) const = default;
};

template<typename KeyOf> void sortByKey(std::vector<qsizetype>& indices, KeyOf keyOf)
{
    std::vector<SortKey> keys;
    keys.reserve(indices.size());
    for (qsizetype i : indices)
        keys.push_back(keyOf(i));
    std::sort(keys.begin(), keys.end());
    for (size_t k = 0; k < keys.size(); ++k)
        indices[k] = keys[k].row;
}

void duplicateTests(const std::vector<AuditRow>& rows, const Prepared& p, const AuditSettings& s,
                    AuditTestResult& exact, AuditTestResult& near)
{
    std::vector<qsizetype> pay;
    for (size_t i = 0; i < rows.size(); ++i)
        if (isPayment(rows[i], p, i))
            pay.push_back(qsizetype(i));
    exact.tested = near.tested = qint64(pay.size());
    const int window = s.duplicateWindowDays;

    // Exact: (account, amount, counterparty) groups in date order.
    std::vector<qsizetype> byParty;
    for (qsizetype i : pay)
        if (p.party[size_t(i)] >= 0)
            byParty.push_back(i);
    sortByKey(byParty, [&](qsizetype i) {
        return SortKey {rows[size_t(i)].accountId, rows[size_t(i)].amount, p.party[size_t(i)], p.day[size_t(i)], i};
    });
    auto sameGroup = [&](qsizetype a, qsizetype b) {
        return rows[size_t(a)].accountId == rows[size_t(b)].accountId
            && rows[size_t(a)].amount == rows[size_t(b)].amount && p.party[size_t(a)] == p.party[size_t(b)];
    };
    for (size_t g = 0; g < byParty.size();) {
        size_t end = g + 1;
        while (end < byParty.size() && sameGroup(byParty[g], byParty[end]))
            ++end;
        size_t first = g;
        for (size_t k = g + 1; k < end; ++k) {
            const qsizetype i = byParty[k];
            while (p.day[size_t(i)] - p.day[size_t(byParty[first])] > window)
                ++first;
            if (first == k)
                continue;
            const qsizetype f = byParty[first];
            const AuditRow& r = rows[size_t(i)];
            const qint64 days = p.day[size_t(i)] - p.day[size_t(f)];
            AuditHit hit {i,
                          1.0,
                          QStringLiteral("%1 payment of %2 to %3 %4 (first on %5)")
                              .arg(ordinal(qint64(k - first + 1)), money(-r.amount, r.currency),
                                   r.counterparty.simplified(),
                                   days == 0 ? QStringLiteral("on the same day")
                                             : QStringLiteral("within %1").arg(count(days, "%n day", "%n days")),
                                   dateText(dateOf(p.day[size_t(f)]))),
                          {}};
            for (size_t j = first; j < k; ++j)
                hit.related << byParty[j];
            exact.hits.append(hit);
        }
        g = end;
    }
    // At a counterparty paid the same amount again by habit (isRoutineRepeat: a fixed fee paid daily) a repeat is
    // still listed, but at a fifth of the strength: it is the counterparty's way, not money leaving twice.
    QHash<QPair<qint64, int>, qint64> paymentsOf, repeatsOf;
    for (qsizetype i : byParty)
        ++paymentsOf[{rows[size_t(i)].accountId, p.party[size_t(i)]}];
    for (const AuditHit& h : std::as_const(exact.hits))
        ++repeatsOf[{rows[size_t(h.row)].accountId, p.party[size_t(h.row)]}];
    for (AuditHit& h : exact.hits) {
        const QPair<qint64, int> key {rows[size_t(h.row)].accountId, p.party[size_t(h.row)]};
        const qint64 payments = paymentsOf.value(key);
        const qint64 repeats = repeatsOf.value(key);
        if (!isRoutineRepeat(repeats - 1, payments - 1))
            continue;
        h.strength = 0.2;
        h.text += QStringLiteral("; %1 of the %2 payments to %3 repeat an earlier one")
                      .arg(repeats)
                      .arg(payments)
                      .arg(rows[size_t(h.row)].counterparty.simplified());
    }
    finish(exact, QStringLiteral("payments"), QStringLiteral("payments repeat an earlier one"));

    // Near: (account, amount) groups in date order; a similar but not identical counterparty, or a similar
    // description carrying a reference (a digit).
    std::vector<qsizetype> byAmount = pay;
    sortByKey(byAmount, [&](qsizetype i) {
        return SortKey {rows[size_t(i)].accountId, rows[size_t(i)].amount, 0, p.day[size_t(i)], i};
    });
    for (size_t k = 1; k < byAmount.size(); ++k) {
        const qsizetype i = byAmount[k];
        const AuditRow& r = rows[size_t(i)];
        double best = 0;
        qsizetype match = -1;
        bool byDescription = false;
        int compared = 0;
        for (size_t j = k; j-- > 0 && compared < kNearDuplicateMaxCompared;) {
            const qsizetype c = byAmount[j];
            const AuditRow& o = rows[size_t(c)];
            if (o.accountId != r.accountId || o.amount != r.amount || p.day[size_t(i)] - p.day[size_t(c)] > window)
                break;
            ++compared;
            if (p.party[size_t(i)] >= 0 && p.party[size_t(i)] == p.party[size_t(c)])
                continue; // an exact duplicate
            const double party = similarityOfForms(p.partyForm[size_t(i)], p.partyForm[size_t(c)]);
            const double description = similarityOfForms(p.descriptionForm[size_t(i)], p.descriptionForm[size_t(c)]);
            const double sim = std::max(party, description);
            if (sim >= s.nearDuplicateSimilarity && sim > best) {
                best = sim;
                match = c;
                byDescription = description > party;
            }
        }
        if (match < 0)
            continue;
        const AuditRow& o = rows[size_t(match)];
        const qint64 days = p.day[size_t(i)] - p.day[size_t(match)];
        const QString when = days == 0 ? QStringLiteral("on the same day as")
                                       : QStringLiteral("%1 after").arg(count(days, "%n day", "%n days"));
        const QString text = byDescription
            ? QStringLiteral("payment of %1 with description \"%2\" %3 one of the same amount with \"%4\" on %5 "
                             "(descriptions %6 similar)")
                  .arg(money(-r.amount, r.currency), r.description.simplified(), when, o.description.simplified(),
                       dateText(dateOf(p.day[size_t(match)])), percent(best, 0))
            : QStringLiteral("payment of %1 to \"%2\" %3 one of the same amount to \"%4\" on %5 (counterparties %6 "
                             "similar)")
                  .arg(money(-r.amount, r.currency), r.counterparty.simplified(), when, o.counterparty.simplified(),
                       dateText(dateOf(p.day[size_t(match)])), percent(best, 0));
        near.hits.append(AuditHit {i, best, text, {match}});
    }
    finish(near, QStringLiteral("payments"), QStringLiteral("payments nearly repeat an earlier one"));
}

// ---- Round amounts, just below the limit, split payments ----

void amountTests(const std::vector<AuditRow>& rows, const Prepared& p, const AuditSettings& s, AuditTestResult& round,
                 AuditTestResult& below, AuditTestResult& split)
{
    struct Below
    {
        qsizetype row;
        qint64 limit;
    };
    std::vector<Below> justBelow;
    for (size_t i = 0; i < rows.size(); ++i) {
        const AuditRow& r = rows[i];
        if (!isPayment(r, p, i))
            continue;
        ++round.tested;
        ++below.tested;
        const qint64 a = -r.amount;
        const qint64 scale = pow10(p.decimals[i]);
        const qint64 unit = s.roundUnit * scale;
        if (a % unit == 0) {
            const bool tenfold = a % (unit * 10) == 0;
            round.hits.append(AuditHit {
                qsizetype(i),
                tenfold ? 1.0 : 0.5,
                QStringLiteral("round amount %1 (a multiple of %2)")
                    .arg(money(a, r.currency), textLocale().toString(tenfold ? s.roundUnit * 10 : s.roundUnit)),
                {}});
        }
        const qint64 limit = s.approvalLimit * scale;
        const qint64 band = std::max<qint64>(1, qint64(std::floor(double(limit) * s.justBelowPercent / 100.0)));
        if (a < limit && a >= limit - band) {
            const double gap = double(limit - a) / double(limit);
            below.hits.append(AuditHit {qsizetype(i),
                                        0.5 + 0.5 * (1.0 - double(limit - a) / double(band)),
                                        QStringLiteral("amount %1 is %2 below the approval limit %3")
                                            .arg(money(a, r.currency), percent(gap), money(limit, r.currency)),
                                        {}});
            justBelow.push_back({qsizetype(i), limit});
        }
    }
    finish(round, QStringLiteral("payments"),
           QStringLiteral("payments are multiples of %1 major units").arg(textLocale().toString(s.roundUnit)));
    finish(below, QStringLiteral("payments"),
           QStringLiteral("payments are within %1 % below the approval limit of %2 major units")
               .arg(textLocale().toString(s.justBelowPercent), textLocale().toString(s.approvalLimit)));

    // Split: at least splitCount just-below payments to one counterparty within splitWindowDays.
    std::vector<Below> byParty;
    for (const Below& b : justBelow)
        if (p.party[size_t(b.row)] >= 0)
            byParty.push_back(b);
    std::stable_sort(byParty.begin(), byParty.end(), [&](const Below& a, const Below& b) {
        return std::tie(rows[size_t(a.row)].accountId, p.party[size_t(a.row)], p.day[size_t(a.row)])
            < std::tie(rows[size_t(b.row)].accountId, p.party[size_t(b.row)], p.day[size_t(b.row)]);
    });
    split.tested = qint64(justBelow.size());
    // Each row keeps the largest window it belongs to: [first, last] indices into byParty.
    std::vector<std::pair<size_t, size_t>> best(byParty.size(), {0, 0});
    std::vector<char> marked(byParty.size(), 0);
    size_t first = 0;
    for (size_t k = 0; k < byParty.size(); ++k) {
        const qsizetype i = byParty[k].row;
        if (k > 0
            && (rows[size_t(i)].accountId != rows[size_t(byParty[first].row)].accountId
                || p.party[size_t(i)] != p.party[size_t(byParty[first].row)]))
            first = k;
        while (p.day[size_t(i)] - p.day[size_t(byParty[first].row)] > s.splitWindowDays)
            ++first;
        if (qint64(k - first + 1) < s.splitCount)
            continue;
        for (size_t j = first; j <= k; ++j)
            if (!marked[j] || best[j].second - best[j].first < k - first) {
                best[j] = {first, k};
                marked[j] = 1;
            }
    }
    for (size_t j = 0; j < byParty.size(); ++j) {
        if (!marked[j])
            continue;
        const AuditRow& r = rows[size_t(byParty[j].row)];
        qint64 sum = 0;
        AuditHit hit {byParty[j].row, 1.0, {}, {}};
        for (size_t m = best[j].first; m <= best[j].second; ++m) {
            sum += -rows[size_t(byParty[m].row)].amount;
            if (m != j)
                hit.related << byParty[m].row;
        }
        const qint64 days = p.day[size_t(byParty[best[j].second].row)] - p.day[size_t(byParty[best[j].first].row)];
        hit.text = QStringLiteral("one of %1 just below the approval limit %2 to %3 %4, together %5")
                       .arg(count(qint64(best[j].second - best[j].first + 1), "%n payment", "%n payments"),
                            money(byParty[j].limit, r.currency), r.counterparty.simplified(),
                            days == 0 ? QStringLiteral("on the same day")
                                      : QStringLiteral("within %1").arg(count(days, "%n day", "%n days")),
                            money(sum, r.currency));
        split.hits.append(hit);
    }
    finish(split, QStringLiteral("payments just below the approval limit"),
           QStringLiteral("payments just below the approval limit are parts of a split payment"));
}

// ---- Calendar: weekends, holidays, business hours ----

void calendarTests(const std::vector<AuditRow>& rows, const Prepared& p, const AuditSettings& s,
                   AuditTestResult& weekend, AuditTestResult& holiday, AuditTestResult& hours)
{
    QHash<int, QHash<QDate, QString>> holidays;
    const QString businessHours = QStringLiteral("%1-%2").arg(hhmm(s.businessStartMinute), hhmm(s.businessEndMinute));
    qint64 weekendDay = -1;
    QString weekendText;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!p.tested[i])
            continue;
        const QDate date = dateOf(p.day[i]);
        ++weekend.tested;
        ++holiday.tested;
        const bool isWeekend = s.weekendDays.contains(date.dayOfWeek());
        if (isWeekend) {
            // Rows come in booking order: one text per day, shared by the day's rows.
            if (p.day[i] != weekendDay) {
                weekendDay = p.day[i];
                weekendText
                    = QStringLiteral("booked on a %1, %2").arg(QLocale::c().dayName(date.dayOfWeek()), dateText(date));
            }
            weekend.hits.append(AuditHit {qsizetype(i), 1.0, weekendText, {}});
        }
        auto year = holidays.find(date.year());
        if (year == holidays.end())
            year = holidays.insert(date.year(), s.holidaysIn(date.year()));
        const auto name = year->constFind(date);
        const bool isHoliday = name != year->constEnd();
        if (isHoliday)
            holiday.hits.append(
                AuditHit {qsizetype(i), 1.0, QStringLiteral("booked on %1, %2").arg(dateText(date), *name), {}});
        const int minute = p.minute[i];
        if (minute < 0)
            continue;
        ++hours.tested;
        if (isWeekend || isHoliday || (minute >= s.businessStartMinute && minute < s.businessEndMinute))
            continue;
        const int outside
            = minute < s.businessStartMinute ? s.businessStartMinute - minute : minute - s.businessEndMinute + 1;
        hours.hits.append(AuditHit {qsizetype(i),
                                    std::min(1.0, 0.25 + double(outside) / 240.0),
                                    QStringLiteral("booked at %1 on %2, outside business hours %3")
                                        .arg(hhmm(minute), dateText(date), businessHours),
                                    {}});
    }
    finish(weekend, QStringLiteral("postings"), QStringLiteral("postings fall on a weekend day"));
    finish(holiday, QStringLiteral("postings"), QStringLiteral("postings fall on a public holiday"));
    if (hours.tested == 0 && weekend.tested > 0) {
        hours.outcome = AuditOutcome::NotEnoughData;
        hours.summary
            = QStringLiteral("No posting in the period has a time of day (statement lines carry dates only).");
        return;
    }
    finish(hours, QStringLiteral("postings"),
           QStringLiteral("postings on business days with a time of day fall outside business hours %1")
               .arg(businessHours));
}

// ---- Period ends ----

void periodEndTest(const std::vector<AuditRow>& rows, const Prepared& p, const AuditSettings& s, qint64 firstDay,
                   qint64 lastDay, bool quarter, AuditTestResult& r)
{
    const int n = s.periodEndDays;
    auto inWindow = [&](qint64 julian) {
        const QDate d = dateOf(julian);
        return d.daysInMonth() - d.day() < n && (!quarter || d.month() % 3 == 0);
    };
    qint64 windowDays = 0;
    for (qint64 d = firstDay; d <= lastDay; ++d)
        windowDays += inWindow(d);
    const qint64 days = lastDay - firstDay + 1;
    qint64 k = 0;
    double amountAll = 0, amountIn = 0;
    std::vector<qsizetype> in;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!p.tested[i] || p.day[i] < firstDay || p.day[i] > lastDay)
            continue;
        ++r.tested;
        const double a = std::abs(double(rows[i].amount)) / double(pow10(p.decimals[i]));
        amountAll += a;
        if (inWindow(p.day[i])) {
            ++k;
            amountIn += a;
            in.push_back(qsizetype(i));
        }
    }
    const QString period = quarter ? QStringLiteral("quarter") : QStringLiteral("month");
    const QString windowText = QStringLiteral("the last %1 of each %2").arg(count(n, "day", "%n days"), period);
    const double p0 = days > 0 ? double(windowDays) / double(days) : 0;
    if (windowDays == 0 || windowDays == days || double(r.tested) * p0 < kPeriodEndMinExpected) {
        r.outcome = AuditOutcome::NotEnoughData;
        r.summary = windowDays == 0 ? QStringLiteral("The period contains no %1 end.").arg(period)
                                    : QStringLiteral("%1 in the period; the test needs at least %2 expected in %3.")
                                          .arg(count(r.tested, "Only %n posting", "Only %n postings"),
                                               textLocale().toString(kPeriodEndMinExpected, 'f', 0), windowText);
        return;
    }
    const double share = double(k) / double(r.tested);
    const double ratio = share / p0;
    const double amountRatio = amountAll > 0 ? (amountIn / amountAll) / p0 : 0;
    const double pValue = binomialUpperTail(r.tested, k, p0);
    r.outcome
        = pValue < kPeriodEndAlpha && ratio >= kPeriodEndMinRatio ? AuditOutcome::Finding : AuditOutcome::Conforms;
    const QString ratioText = textLocale().toString(ratio, 'f', 1);
    r.summary
        = QStringLiteral("%1 of %2 (%3) in %4, which hold %5 of the days: %6 times their share (amounts %7 "
                         "times; %8).")
              .arg(textLocale().toString(k), count(r.tested, "%n posting", "%n postings"), percent(share), windowText,
                   percent(p0), ratioText, textLocale().toString(amountRatio, 'f', 1), pValueText(pValue));
    if (r.outcome != AuditOutcome::Finding)
        return;
    const double strength = std::clamp((ratio - 1.0) / 2.0, 0.0, 1.0);
    const QString pText = pValueText(pValue);
    qint64 day = -1; // rows in booking order: one text per day
    QString text;
    for (qsizetype i : in) {
        if (p.day[size_t(i)] != day) {
            day = p.day[size_t(i)];
            text = QStringLiteral("booked on %1, in %2, where the account books %3 times its share of postings (%4)")
                       .arg(dateText(dateOf(day)), windowText, ratioText, pText);
        }
        r.hits.append(AuditHit {i, strength, text, {}});
    }
}

} // namespace

QString auditOutcomeKey(AuditOutcome outcome)
{
    switch (outcome) {
    case AuditOutcome::Conforms:
        return QStringLiteral("conforms");
    case AuditOutcome::Finding:
        return QStringLiteral("finding");
    case AuditOutcome::NotEnoughData:
        break;
    }
    return QStringLiteral("not_enough_data");
}

QString auditOutcomeLabel(AuditOutcome outcome)
{
    switch (outcome) {
    case AuditOutcome::Conforms:
        return QStringLiteral("Conforms");
    case AuditOutcome::Finding:
        return QStringLiteral("Finding");
    case AuditOutcome::NotEnoughData:
        break;
    }
    return QStringLiteral("Not enough data");
}

QString benfordConformityLabel(BenfordConformity c)
{
    switch (c) {
    case BenfordConformity::Close:
        return QStringLiteral("close conformity");
    case BenfordConformity::Acceptable:
        return QStringLiteral("acceptable conformity");
    case BenfordConformity::Marginal:
        return QStringLiteral("marginally acceptable conformity");
    case BenfordConformity::Nonconformity:
        break;
    }
    return QStringLiteral("nonconformity");
}

const AuditTestResult* AuditResults::test(const QString& key) const
{
    for (const AuditTestResult& t : tests)
        if (t.key == key)
            return &t;
    return nullptr;
}

double textSimilarity(const QString& a, const QString& b)
{
    return similarityOfForms(similarityForm(a), similarityForm(b));
}

double binomialUpperTail(qint64 n, qint64 k, double p)
{
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    auto logPmf = [&](qint64 x) {
        return std::lgamma(double(n) + 1) - std::lgamma(double(x) + 1) - std::lgamma(double(n - x) + 1)
            + double(x) * std::log(p) + double(n - x) * std::log1p(-p);
    };
    const double odds = p / (1 - p);
    if (double(k) > double(n) * p) {
        // Terms fall from k upwards.
        double term = 1, sum = 1;
        for (qint64 x = k; x < n; ++x) {
            term *= double(n - x) / double(x + 1) * odds;
            sum += term;
            if (term < sum * 1e-17)
                break;
        }
        return std::min(1.0, std::exp(logPmf(k) + std::log(sum)));
    }
    // Terms fall from k - 1 downwards: 1 - P(X <= k - 1).
    double term = 1, sum = 1;
    for (qint64 x = k - 1; x > 0; --x) {
        term *= double(x) / double(n - x + 1) / odds;
        sum += term;
        if (term < sum * 1e-17)
            break;
    }
    return std::clamp(1.0 - std::exp(logPmf(k - 1) + std::log(sum)), 0.0, 1.0);
}

BenfordResult benfordTest(const std::vector<qint64>& amounts, const std::vector<int>& decimals, int digits)
{
    BenfordResult b;
    b.digits = digits;
    const int lo = digits == 1 ? 1 : 10;
    const int hi = digits == 1 ? 9 : 99;
    const qint64 top = digits == 1 ? 10 : 100;
    b.minimum = digits == 1 ? kBenfordMinimumFirst : kBenfordMinimumFirstTwo;
    b.observedCount.assign(size_t(hi - lo + 1), 0);
    for (size_t i = 0; i < amounts.size(); ++i) {
        qint64 a = amounts[i] < 0 ? -amounts[i] : amounts[i];
        if (a < pow10(decimals[i] + digits - 1))
            continue;
        while (a >= top)
            a /= 10;
        ++b.observedCount[size_t(a - lo)];
        ++b.count;
    }
    b.enoughData = b.count >= b.minimum;
    const double n = double(b.count);
    double sumAbs = 0;
    for (int d = lo; d <= hi; ++d) {
        const size_t k = size_t(d - lo);
        const double pe = std::log10(1.0 + 1.0 / d);
        const double po = b.count > 0 ? double(b.observedCount[k]) / n : 0;
        const double diff = std::abs(po - pe);
        double z = 0;
        if (b.count > 0) {
            const double correction = 1.0 / (2.0 * n);
            z = (correction < diff ? diff - correction : diff) / std::sqrt(pe * (1 - pe) / n);
        }
        b.digit.push_back(d);
        b.expected.push_back(pe);
        b.observed.push_back(po);
        b.z.push_back(z);
        sumAbs += diff;
    }
    b.mad = sumAbs / double(hi - lo + 1);
    const auto& bounds = digits == 1 ? kBenfordFirstBounds : kBenfordFirstTwoBounds;
    b.conformity = b.mad <= bounds[0] ? BenfordConformity::Close
        : b.mad <= bounds[1]          ? BenfordConformity::Acceptable
        : b.mad <= bounds[2]          ? BenfordConformity::Marginal
                                      : BenfordConformity::Nonconformity;
    return b;
}

AuditResults runAuditTests(std::vector<AuditRow> rows, const AuditSettings& settings, const QTimeZone& zone,
                           std::optional<qint64> fromMs, std::optional<qint64> toMs)
{
    AuditResults out;
    out.rows = std::move(rows);
    const auto& r = out.rows;
    const Prepared p = prepare(r, zone);

    std::vector<qint64> amounts;
    std::vector<int> decimals;
    for (size_t i = 0; i < r.size(); ++i)
        if (p.tested[i]) {
            amounts.push_back(r[i].amount);
            decimals.push_back(p.decimals[i]);
        }
    out.firstDigit = benfordTest(amounts, decimals, 1);
    out.firstTwoDigits = benfordTest(amounts, decimals, 2);

    QHash<QString, AuditTestResult> byKey;
    for (const QString& key : auditTestKeys())
        byKey.insert(key, makeResult(key));
    byKey[QStringLiteral("benford_first")] = benfordResult(out.firstDigit, r, p);
    byKey[QStringLiteral("benford_first_two")] = benfordResult(out.firstTwoDigits, r, p);
    duplicateTests(r, p, settings, byKey[QStringLiteral("duplicate_payment")], byKey[QStringLiteral("near_duplicate")]);
    amountTests(r, p, settings, byKey[QStringLiteral("round_amount")], byKey[QStringLiteral("just_below_limit")],
                byKey[QStringLiteral("split_payment")]);
    calendarTests(r, p, settings, byKey[QStringLiteral("weekend")], byKey[QStringLiteral("holiday")],
                  byKey[QStringLiteral("off_hours")]);

    // The period's days: [fromMs, toMs) when given, else the rows' first to last day.
    LocalTime local(zone);
    qint64 firstDay = 0, lastDay = -1;
    if (!r.empty()) {
        firstDay = *std::min_element(p.day.begin(), p.day.end());
        lastDay = *std::max_element(p.day.begin(), p.day.end());
    }
    if (fromMs)
        firstDay = floorDiv(local.localMs(*fromMs), kDayMs) + kJulianDayOfEpoch;
    if (toMs)
        lastDay = floorDiv(local.localMs(*toMs - 1), kDayMs) + kJulianDayOfEpoch;
    out.fromMs = fromMs.value_or((firstDay - kJulianDayOfEpoch) * kDayMs);
    out.toMs = toMs.value_or((lastDay + 1 - kJulianDayOfEpoch) * kDayMs);
    periodEndTest(r, p, settings, firstDay, lastDay, false, byKey[QStringLiteral("period_end_month")]);
    periodEndTest(r, p, settings, firstDay, lastDay, true, byKey[QStringLiteral("period_end_quarter")]);

    for (const QString& key : auditTestKeys()) {
        out.tests.append(byKey.value(key));
        out.tests.back().flagged = qint64(out.tests.back().hits.size());
    }
    return out;
}

Result<std::vector<AuditRow>> readAuditRows(const Ledger& ledger, std::optional<qint64> accountId,
                                            std::optional<qint64> fromMs, std::optional<qint64> toMs)
{
    TransactionFilter filter;
    filter.accountId = accountId;
    filter.fromMs = fromMs;
    filter.toMs = toMs;
    filter.ascending = true;
    std::vector<AuditRow> rows;
    PageRequest page;
    page.limit = kMaxPageSize;
    for (;;) {
        auto result = ledger.transactions(filter, page);
        if (!result)
            return result.status();
        for (const Transaction& t : result->items)
            rows.push_back(AuditRow {t.id, t.accountId, t.amount, t.currency, t.timestamp, t.counterparty,
                                     t.description, t.category});
        if (result->nextCursor.isEmpty())
            break;
        page.cursor = result->nextCursor;
    }
    return rows;
}

std::vector<AuditRow> auditRowsFromColumns(qint64 accountId, const QString& currency, const TransactionColumns& rows)
{
    std::vector<AuditRow> out;
    out.reserve(size_t(rows.size()));
    const QList<Category> categories = allCategories();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const qint32 c = rows.category[size_t(i)];
        out.push_back(AuditRow {i < rows.ids.size() ? rows.ids.at(i) : QString(), accountId, rows.amount[size_t(i)],
                                currency, rows.timestamp[size_t(i)],
                                rows.counterparties.value(rows.counterparty[size_t(i)]), QString(),
                                c >= 0 && c < categories.size() ? categories.at(c) : Category::Other});
    }
    return out;
}

Result<AuditResults> runAuditTests(const Ledger& ledger, std::optional<qint64> accountId, std::optional<qint64> fromMs,
                                   std::optional<qint64> toMs)
{
    auto settings = loadAuditSettings(ledger);
    if (!settings)
        return settings.status();
    auto rows = readAuditRows(ledger, accountId, fromMs, toMs);
    if (!rows)
        return rows.status();
    return runAuditTests(std::move(*rows), *settings, auditTimeZone(ledger), fromMs, toMs);
}

} // namespace ledgerguard
