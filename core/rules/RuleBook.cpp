// SPDX-License-Identifier: GPL-3.0-or-later
#include "rules/RuleBook.h"

#include "money/Money.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <cmath>

namespace ledgerguard::rules {

Q_LOGGING_CATEGORY(lcRules, "ledgerguard.rules")

namespace {

Result<Rule> fromStored(const StoredRule& s)
{
    const QJsonObject json = QJsonDocument::fromJson(s.definition.toUtf8()).object();
    auto rule = parseRule(json);
    if (!rule)
        return Status::corruption(QStringLiteral("the stored rule %1 (\"%2\") does not parse: %3")
                                      .arg(s.id, s.name, rule.status().toString()));
    rule->id = s.id;
    rule->name = s.name;
    rule->enabled = s.enabled;
    rule->version = s.version;
    return std::move(*rule);
}

QString definitionOf(Rule rule)
{
    rule.id.clear();
    rule.version = 0;
    return QString::fromUtf8(QJsonDocument(toJson(rule)).toJson(QJsonDocument::Compact));
}

} // namespace

Result<QList<Rule>> RuleBook::rules() const
{
    auto stored = m_ledger.storedRules();
    if (!stored)
        return stored.status();
    QList<Rule> out;
    for (const StoredRule& s : *stored) {
        auto r = fromStored(s);
        if (!r)
            return r.status();
        out.append(std::move(*r));
    }
    return out;
}

Result<Rule> RuleBook::rule(const QString& id) const
{
    auto stored = m_ledger.storedRule(id);
    if (!stored)
        return stored.status();
    return fromStored(*stored);
}

Result<QHash<QString, QStringList>> RuleBook::lists() const
{
    auto lists = m_ledger.ruleLists();
    if (!lists)
        return lists.status();
    QHash<QString, QStringList> out;
    for (const RuleList& l : *lists)
        out.insert(l.name, l.entries);
    return out;
}

Result<Rule> RuleBook::save(const QJsonObject& json, const QString& actor, const QString& id)
{
    auto lists = m_ledger.ruleLists();
    if (!lists)
        return lists.status();
    QStringList names;
    for (const RuleList& l : *lists)
        names.append(l.name);
    auto rule = parseRule(json, names);
    if (!rule)
        return rule.status();
    StoredRule s;
    s.id = id;
    s.name = rule->name;
    s.enabled = rule->enabled;
    s.definition = definitionOf(*rule);
    s.lists = listsUsed(rule->condition);
    auto stored = m_ledger.saveRule(s, actor);
    if (!stored)
        return stored.status();
    rule->id = stored->id;
    rule->version = stored->version;
    return std::move(*rule);
}

Status RuleBook::remove(const QString& id, const QString& actor)
{
    return m_ledger.deleteRule(id, actor);
}

Result<CompiledRules> RuleBook::compiledEnabled() const
{
    auto all = rules();
    if (!all)
        return all.status();
    QList<Rule> enabled;
    for (Rule& r : *all)
        if (r.enabled)
            enabled.append(std::move(r));
    auto named = lists();
    if (!named)
        return named.status();
    return CompiledRules(std::move(enabled), *named, m_ledger.timeZone());
}

Result<Preview> RuleBook::preview(const Rule& rule, qsizetype offset, qsizetype limit) const
{
    auto named = lists();
    if (!named)
        return named.status();
    Rule candidate = rule;
    candidate.enabled = true;
    const CompiledRules compiled({candidate}, *named, m_ledger.timeZone());
    auto accounts = m_ledger.accounts();
    if (!accounts)
        return accounts.status();
    struct Found
    {
        qint64 timestamp;
        QString id;
        QString text;
    };
    std::vector<Found> found;
    for (const Account& a : *accounts) {
        auto rows = m_ledger.transactionColumns(a.id);
        if (!rows)
            return rows.status();
        std::vector<qsizetype> all(size_t(rows->size()));
        for (qsizetype i = 0; i < rows->size(); ++i)
            all[size_t(i)] = i;
        std::vector<std::vector<RuleMatch>> matches;
        if (Status s = evaluateAccount(m_ledger, compiled, a.id, *rows, all, matches); !s.isOk())
            return s;
        for (size_t i = 0; i < matches.size(); ++i)
            if (!matches[i].empty())
                found.push_back({rows->timestamp[i], rows->ids[qsizetype(i)], matches[i].front().text});
    }
    std::sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
        return x.timestamp != y.timestamp ? x.timestamp > y.timestamp : x.id > y.id;
    });
    Preview out;
    out.total = qint64(found.size());
    for (size_t i = size_t(std::max<qsizetype>(0, offset)); i < found.size() && out.hits.size() < limit; ++i) {
        auto t = m_ledger.transaction(found[i].id);
        if (!t)
            return t.status();
        out.hits.append({std::move(*t), found[i].text});
    }
    return out;
}

Status evaluateAccount(const Ledger& ledger, const CompiledRules& compiled, qint64 accountId,
                       const TransactionColumns& rows, const std::vector<qsizetype>& only,
                       std::vector<std::vector<RuleMatch>>& out)
{
    if (compiled.isEmpty() || only.empty())
        return Status::ok();
    auto account = ledger.account(accountId);
    if (!account)
        return account.status();
    AccountRows a;
    a.accountId = accountId;
    a.currency = account->currency;
    a.rows = &rows;
    QHash<QString, QString> descriptions;
    if (compiled.needsDescriptions()) {
        QStringList ids;
        // Most of the account: one read of all its descriptions; a few rows: by id.
        if (qsizetype(only.size()) * 4 < rows.size() || only.size() <= 500)
            for (qsizetype i : only)
                ids.append(rows.ids[i]);
        auto read = ledger.transactionDescriptions(accountId, ids);
        if (!read)
            return read.status();
        descriptions = std::move(*read);
        a.descriptions = &descriptions;
    }
    if (compiled.needsFirstPayment() && rows.size() > 0) {
        QSet<QString> names;
        for (qsizetype i : only)
            if (rows.amount[size_t(i)] < 0)
                names.insert(rows.counterparties[rows.counterparty[size_t(i)]].trimmed());
        names.remove(QString());
        auto paid = ledger.paidCounterpartiesBefore(accountId, QStringList(names.begin(), names.end()),
                                                    rows.timestamp.front());
        if (!paid)
            return paid.status();
        for (const QString& p : *paid)
            a.paidBefore.insert(p.toCaseFolded());
    }
    compiled.evaluate(a, only, out);
    return Status::ok();
}

RuleScorer::RuleScorer(Ledger& ledger)
    : m_ledger(ledger)
    , m_generation(std::make_shared<std::atomic<int>>(0))
{
    m_connection = QObject::connect(
        &ledger, &Ledger::rulesChanged, &ledger, [generation = m_generation] { ++*generation; }, Qt::DirectConnection);
}

RuleScorer::~RuleScorer()
{
    QObject::disconnect(m_connection);
}

std::shared_ptr<const CompiledRules> RuleScorer::compiled()
{
    QMutexLocker lock(&m_mutex);
    const int generation = m_generation->load();
    if (generation != m_compiledGeneration || !m_compiled) {
        auto compiled = RuleBook(m_ledger).compiledEnabled();
        if (!compiled) {
            qCWarning(lcRules) << "rules not evaluated:" << compiled.status().toString();
            return nullptr;
        }
        m_compiled = std::make_shared<const CompiledRules>(std::move(*compiled));
        m_compiledGeneration = generation;
    }
    return m_compiled;
}

void RuleScorer::partsFor(qint64 accountId, const TransactionColumns& rows, const std::vector<qsizetype>& only,
                          std::vector<std::vector<ScorePart>>& out)
{
    const std::shared_ptr<const CompiledRules> rules = compiled();
    if (!rules || rules->isEmpty())
        return;
    std::vector<std::vector<RuleMatch>> matches;
    if (Status s = evaluateAccount(m_ledger, *rules, accountId, rows, only, matches); !s.isOk()) {
        qCWarning(lcRules) << "rules not evaluated for account" << accountId << s.toString();
        return;
    }
    if (out.size() < size_t(rows.size()))
        out.resize(size_t(rows.size()));
    for (size_t i = 0; i < matches.size(); ++i)
        for (const RuleMatch& m : matches[i])
            out[i].push_back(rules->scorePart(m));
}

QList<QJsonObject> RuleBook::defaultRules(const QString& currency)
{
    const int decimals = Money::decimalsFor(currency);
    auto amount
        = [&](qint64 major) { return Money(major * qint64(std::pow(10, decimals)), currency).toDecimalString(); };
    return {
        QJsonObject {{QStringLiteral("name"), QStringLiteral("Large first payment to a new counterparty")},
                     {QStringLiteral("enabled"), true},
                     {QStringLiteral("condition"),
                      QJsonObject {{QStringLiteral("all"),
                                    QJsonArray {QJsonObject {{QStringLiteral("field"), QStringLiteral("firstPayment")}},
                                                QJsonObject {{QStringLiteral("field"), QStringLiteral("amount")},
                                                             {QStringLiteral("op"), QStringLiteral(">=")},
                                                             {QStringLiteral("value"), amount(5000)},
                                                             {QStringLiteral("currency"), currency}}}}}},
                     {QStringLiteral("effect"),
                      QJsonObject {{QStringLiteral("type"), QStringLiteral("flag")},
                                   {QStringLiteral("risk"), QStringLiteral("MEDIUM")}}}},
        QJsonObject {
            {QStringLiteral("name"), QStringLiteral("Payment at night")},
            {QStringLiteral("enabled"), true},
            {QStringLiteral("condition"),
             QJsonObject {{QStringLiteral("all"),
                           QJsonArray {QJsonObject {{QStringLiteral("field"), QStringLiteral("timeOfDay")},
                                                    {QStringLiteral("from"), QStringLiteral("00:00")},
                                                    {QStringLiteral("to"), QStringLiteral("05:00")}},
                                       QJsonObject {{QStringLiteral("field"), QStringLiteral("amount")},
                                                    {QStringLiteral("signed"), true},
                                                    {QStringLiteral("op"), QStringLiteral("<=")},
                                                    {QStringLiteral("value"), amount(-500)},
                                                    {QStringLiteral("currency"), currency}}}}}},
            {QStringLiteral("effect"),
             QJsonObject {{QStringLiteral("type"), QStringLiteral("raise")}, {QStringLiteral("weight"), 0.5}}}},
        QJsonObject {
            {QStringLiteral("name"), QStringLiteral("Many transactions in an hour")},
            {QStringLiteral("enabled"), true},
            {QStringLiteral("condition"),
             QJsonObject {{QStringLiteral("field"), QStringLiteral("window")},
                          {QStringLiteral("measure"), QStringLiteral("count")},
                          {QStringLiteral("minutes"), 60},
                          {QStringLiteral("op"), QStringLiteral(">")},
                          {QStringLiteral("value"), 5}}},
            {QStringLiteral("effect"),
             QJsonObject {{QStringLiteral("type"), QStringLiteral("raise")}, {QStringLiteral("weight"), 0.5}}}},
    };
}

} // namespace ledgerguard::rules
