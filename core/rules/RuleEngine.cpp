// SPDX-License-Identifier: GPL-3.0-or-later
#include "rules/RuleEngine.h"

#include "ledger/Types.h"
#include "money/Money.h"
#include "util/Clock.h"

#include <QDate>
#include <QDateTime>
#include <map>

namespace ledgerguard::rules {

struct CompiledRules::Node
{
    const Condition* c = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    QRegularExpression re;
    QString folded; // Equals / Contains text, case-folded
    const QSet<QString>* list = nullptr;
    QSet<qint64> accounts;
    QSet<qint32> categories;
    QSet<QString> currencies;
};

namespace {

using Node = CompiledRules::Node;

struct LocalParts
{
    int weekday = 0; // 1 Monday .. 7 Sunday
    int minute = 0; // after local midnight
    int day = 0;
    int daysInMonth = 0;
};

QString money(qint64 minor, const QString& currency)
{
    return Money(minor, currency).toDecimalString() + u' ' + currency;
}

QString hhmm(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

// What one evaluate() call computes at most once per account: local times, window counts and sums, first payments.
class Context
{
public:
    Context(const AccountRows& account, const QTimeZone& zone)
        : a(account)
        , rows(*account.rows)
        , m_zone(zone)
    { }

    const AccountRows& a;
    const TransactionColumns& rows;

    const LocalParts& local(qsizetype i)
    {
        if (m_local.empty())
            m_local.resize(size_t(rows.size()));
        LocalParts& p = m_local[size_t(i)];
        if (p.weekday == 0) {
            const qint64 ts = rows.timestamp[size_t(i)];
            // Zones change their offset on quarter hours at the finest; one offset per UTC quarter hour.
            const qint64 bucket = ts >= 0 ? ts / (15 * kMinuteMs) : -1 - (-ts - 1) / (15 * kMinuteMs);
            auto it = m_offsets.constFind(bucket);
            if (it == m_offsets.cend())
                it = m_offsets.insert(bucket, m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC)));
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(ts + qint64(*it) * 1000, Qt::UTC);
            const QDate d = local.date();
            p.weekday = d.dayOfWeek();
            p.minute = local.time().hour() * 60 + local.time().minute();
            p.day = d.day();
            p.daysInMonth = d.daysInMonth();
        }
        return p;
    }

    // The count and the sum of absolute amounts of the rows in (t_i - minutes, t_i] up to and including row i, for
    // every row: two pointers over the rows in time order.
    const std::pair<std::vector<qint64>, std::vector<qint64>>& window(int minutes)
    {
        auto it = m_windows.find(minutes);
        if (it != m_windows.end())
            return it->second;
        std::vector<qint64> count(size_t(rows.size())), sum(size_t(rows.size()));
        const qint64 span = qint64(minutes) * kMinuteMs;
        size_t from = 0;
        qint64 total = 0;
        for (size_t i = 0; i < size_t(rows.size()); ++i) {
            total += std::abs(rows.amount[i]);
            while (rows.timestamp[from] <= rows.timestamp[i] - span) {
                total -= std::abs(rows.amount[from]);
                ++from;
            }
            count[i] = qint64(i - from + 1);
            sum[i] = total;
        }
        return m_windows.emplace(minutes, std::make_pair(std::move(count), std::move(sum))).first->second;
    }

    const QString& foldedCounterparty(qsizetype i)
    {
        if (m_folded.isEmpty()) {
            m_folded.reserve(rows.counterparties.size());
            for (const QString& c : rows.counterparties)
                m_folded.append(c.trimmed().toCaseFolded());
        }
        return m_folded[rows.counterparty[size_t(i)]];
    }

    // Payments (amount < 0) to a counterparty (by case-folded name) the account had not paid before.
    bool firstPayment(qsizetype i)
    {
        if (m_first.empty()) {
            m_first.assign(size_t(rows.size()), 0);
            QSet<QString> paid = a.paidBefore;
            for (qsizetype r = 0; r < rows.size(); ++r) {
                if (rows.amount[size_t(r)] >= 0)
                    continue;
                const QString& name = foldedCounterparty(r);
                if (name.isEmpty() || paid.contains(name))
                    continue;
                paid.insert(name);
                m_first[size_t(r)] = 1;
            }
        }
        return m_first[size_t(i)] != 0;
    }

private:
    QTimeZone m_zone;
    std::vector<LocalParts> m_local;
    QHash<qint64, int> m_offsets;
    std::map<int, std::pair<std::vector<qint64>, std::vector<qint64>>> m_windows;
    QStringList m_folded;
    std::vector<char> m_first;
};

bool textMatches(const Node& n, const QString& value, const QString& folded)
{
    switch (n.c->match) {
    case Condition::TextMatch::Equals:
        return folded == n.folded;
    case Condition::TextMatch::Contains:
        return folded.contains(n.folded);
    case Condition::TextMatch::Regex:
        return n.re.match(value).hasMatch();
    case Condition::TextMatch::InList:
        break;
    }
    return n.list && n.list->contains(folded);
}

bool eval(const Node& n, Context& x, qsizetype i, QStringList& words)
{
    const Condition& c = *n.c;
    const size_t r = size_t(i);
    switch (c.kind) {
    case Condition::Kind::All: {
        const qsizetype mark = words.size();
        for (const auto& child : n.children)
            if (!eval(*child, x, i, words)) {
                words.resize(mark);
                return false;
            }
        return true;
    }
    case Condition::Kind::Any:
        for (const auto& child : n.children)
            if (eval(*child, x, i, words))
                return true;
        return false;
    case Condition::Kind::Not: {
        QStringList ignored;
        if (eval(*n.children.front(), x, i, ignored))
            return false;
        words.append(conditionText(c));
        return true;
    }
    case Condition::Kind::Account:
        if (!n.accounts.contains(x.a.accountId))
            return false;
        words.append(QStringLiteral("account %1").arg(x.a.accountId));
        return true;
    case Condition::Kind::Amount: {
        if (x.a.currency != c.currency)
            return false;
        const qint64 amount = x.rows.amount[r];
        const qint64 v = c.absolute ? std::abs(amount) : amount;
        if (!c.compare.holds(v))
            return false;
        words.append(QStringLiteral("amount %1 (%2)").arg(money(amount, c.currency), conditionText(c)));
        return true;
    }
    case Condition::Kind::Currency:
        if (!n.currencies.contains(x.a.currency))
            return false;
        words.append(QStringLiteral("currency %1").arg(x.a.currency));
        return true;
    case Condition::Kind::Category:
        if (!n.categories.contains(x.rows.category[r]))
            return false;
        words.append(QStringLiteral("category %1").arg(categoryKey(Category(x.rows.category[r]))));
        return true;
    case Condition::Kind::Counterparty: {
        const QString& value = x.rows.counterparties[x.rows.counterparty[r]];
        if (!textMatches(n, value, x.foldedCounterparty(i)))
            return false;
        words.append(QStringLiteral("counterparty \"%1\" (%2)").arg(value, conditionText(c)));
        return true;
    }
    case Condition::Kind::Description: {
        const QString value = x.a.descriptions ? x.a.descriptions->value(x.rows.ids[i]) : QString();
        if (!textMatches(n, value, value.toCaseFolded()))
            return false;
        words.append(QStringLiteral("description \"%1\" (%2)").arg(value, conditionText(c)));
        return true;
    }
    case Condition::Kind::Weekday: {
        const LocalParts& p = x.local(i);
        if (!c.days.contains(p.weekday))
            return false;
        words.append(QStringLiteral("booked on a %1").arg(QLocale::c().dayName(p.weekday, QLocale::LongFormat)));
        return true;
    }
    case Condition::Kind::TimeOfDay: {
        const int m = x.local(i).minute;
        const bool in
            = c.fromMinute < c.toMinute ? (m >= c.fromMinute && m < c.toMinute) : (m >= c.fromMinute || m < c.toMinute);
        if (!in)
            return false;
        words.append(QStringLiteral("booked at %1 (%2)").arg(hhmm(m), conditionText(c)));
        return true;
    }
    case Condition::Kind::DayOfMonth: {
        const LocalParts& p = x.local(i);
        const bool in = c.lastDays > 0 ? p.day > p.daysInMonth - c.lastDays : c.days.contains(p.day);
        if (!in)
            return false;
        words.append(QStringLiteral("booked on day %1 of a %2-day month (%3)")
                         .arg(p.day)
                         .arg(p.daysInMonth)
                         .arg(conditionText(c)));
        return true;
    }
    case Condition::Kind::FirstPayment:
        if (!x.firstPayment(i))
            return false;
        words.append(QStringLiteral("first payment to \"%1\" from this account")
                         .arg(x.rows.counterparties[x.rows.counterparty[r]]));
        return true;
    case Condition::Kind::Window: {
        if (c.sum && x.a.currency != c.currency)
            return false;
        const auto& w = x.window(c.windowMinutes);
        const qint64 v = c.sum ? w.second[r] : w.first[r];
        if (!c.compare.holds(v))
            return false;
        words.append(c.sum ? QStringLiteral("%1 paid and received in the %2 minutes up to this transaction (%3)")
                                 .arg(money(v, c.currency))
                                 .arg(c.windowMinutes)
                                 .arg(conditionText(c))
                           : QStringLiteral("%1 transactions in the %2 minutes up to this one (%3)")
                                 .arg(v)
                                 .arg(c.windowMinutes)
                                 .arg(conditionText(c)));
        return true;
    }
    }
    return false;
}

std::unique_ptr<Node> compile(const Condition& c, const QHash<QString, QSet<QString>>& lists, bool* descriptions,
                              bool* firstPayment)
{
    auto n = std::make_unique<Node>();
    n->c = &c;
    for (const Condition& child : c.children)
        n->children.push_back(compile(child, lists, descriptions, firstPayment));
    switch (c.kind) {
    case Condition::Kind::Account:
        for (qint64 id : c.accounts)
            n->accounts.insert(id);
        break;
    case Condition::Kind::Currency:
        for (const QString& v : c.values)
            n->currencies.insert(v);
        break;
    case Condition::Kind::Category:
        for (const QString& v : c.values)
            if (auto k = categoryFromKey(v))
                n->categories.insert(qint32(*k));
        break;
    case Condition::Kind::Counterparty:
    case Condition::Kind::Description:
        *descriptions = *descriptions || c.kind == Condition::Kind::Description;
        n->folded = c.text.trimmed().toCaseFolded();
        if (c.match == Condition::TextMatch::Regex)
            n->re = QRegularExpression(
                c.pattern, QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
        if (c.match == Condition::TextMatch::InList)
            if (auto it = lists.constFind(c.list); it != lists.cend())
                n->list = &*it;
        break;
    case Condition::Kind::FirstPayment:
        *firstPayment = true;
        break;
    default:
        break;
    }
    return n;
}

} // namespace

CompiledRules::CompiledRules() = default;
CompiledRules::~CompiledRules() = default;
CompiledRules::CompiledRules(CompiledRules&&) noexcept = default;
CompiledRules& CompiledRules::operator=(CompiledRules&&) noexcept = default;

CompiledRules::CompiledRules(QList<Rule> rules, const QHash<QString, QStringList>& lists, const QTimeZone& zone)
    : m_rules(std::move(rules))
    , m_zone(zone.isValid() ? zone : QTimeZone::systemTimeZone())
{
    for (auto it = lists.cbegin(); it != lists.cend(); ++it) {
        QSet<QString>& set = m_lists[it.key()];
        for (const QString& e : it.value())
            set.insert(e.trimmed().toCaseFolded());
    }
    m_rules.detach();
    for (const Rule& r : std::as_const(m_rules))
        m_roots.push_back(compile(r.condition, m_lists, &m_needsDescriptions, &m_needsFirstPayment));
}

void CompiledRules::evaluate(const AccountRows& account, const std::vector<qsizetype>& only,
                             std::vector<std::vector<RuleMatch>>& out) const
{
    if (m_rules.isEmpty() || !account.rows)
        return;
    if (out.size() < size_t(account.rows->size()))
        out.resize(size_t(account.rows->size()));
    Context x(account, m_zone);
    QStringList words;
    for (qsizetype i : only) {
        for (qsizetype k = 0; k < m_rules.size(); ++k) {
            const Rule& rule = m_rules[k];
            if (rule.effect.kind == Effect::Kind::Suppress && account.rows->timestamp[size_t(i)] >= rule.effect.until)
                continue;
            words.clear();
            if (eval(*m_roots[size_t(k)], x, i, words))
                out[size_t(i)].push_back({k, words.join(QStringLiteral("; "))});
        }
    }
}

ScorePart CompiledRules::scorePart(const RuleMatch& match) const
{
    const Rule& rule = m_rules[match.rule];
    ScorePart p;
    p.source = ScorePart::Source::Rule;
    switch (rule.effect.kind) {
    case Effect::Kind::Flag:
        p.effect = ScorePart::Effect::Flag;
        break;
    case Effect::Kind::Raise:
        p.effect = ScorePart::Effect::Raise;
        break;
    case Effect::Kind::Lower:
        p.effect = ScorePart::Effect::Lower;
        break;
    case Effect::Kind::Suppress:
        p.effect = ScorePart::Effect::Suppress;
        break;
    }
    p.flagRisk = rule.effect.risk;
    p.key = rule.id;
    p.name = rule.name;
    p.strength = 1.0;
    p.weight
        = rule.effect.kind == Effect::Kind::Raise || rule.effect.kind == Effect::Kind::Lower ? rule.effect.weight : 1.0;
    p.text = match.text;
    return p;
}

} // namespace ledgerguard::rules
