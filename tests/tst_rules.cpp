// SPDX-License-Identifier: GPL-3.0-or-later
// Rules (core/rules): validation at save time, every condition and combinator over real columns, storage with
// versions and audit entries, the combined score's properties, preview = what a detection run flags, instant
// flags on a new transaction, and the migration of a version-6 ledger.
#include "ledger/Schema.h"
#include "ledger_fixture.h"
#include "pipeline/Combination.h"
#include "pipeline/DetectionPipeline.h"
#include "rules/RuleBook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace ledgerguard;
using namespace ledgerguard::rules;

namespace {

// Thursday 2026-06-04 12:00 UTC.
constexpr qint64 kNow = 1'780'574'400'000;

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

Rule ruleOf(const QJsonObject& condition, const QJsonObject& effect = json(R"({"type":"flag","risk":"HIGH"})"))
{
    auto r = parseRule({{QStringLiteral("name"), QStringLiteral("r")},
                        {QStringLiteral("condition"), condition},
                        {QStringLiteral("effect"), effect}});
    if (!r)
        qFatal("%s", qPrintable(r.status().toString()));
    return *r;
}

// The indices of `rows` the condition matches (UTC, account 1 in EUR, no earlier payments).
QList<qsizetype> matching(const TransactionColumns& rows, const QJsonObject& condition,
                          const QHash<QString, QStringList>& lists = {},
                          const QHash<QString, QString>& descriptions = {}, const QString& currency = "EUR")
{
    const CompiledRules compiled({ruleOf(condition)}, lists, QTimeZone::utc());
    AccountRows a;
    a.accountId = 1;
    a.currency = currency;
    a.rows = &rows;
    a.descriptions = &descriptions;
    std::vector<qsizetype> all;
    for (qsizetype i = 0; i < rows.size(); ++i)
        all.push_back(i);
    std::vector<std::vector<RuleMatch>> out;
    compiled.evaluate(a, all, out);
    QList<qsizetype> hits;
    for (size_t i = 0; i < out.size(); ++i)
        if (!out[i].empty())
            hits.append(qsizetype(i));
    return hits;
}

qint64 utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

ScorePart part(ScorePart::Effect effect, double weight = 1.0, Risk risk = Risk::Low)
{
    ScorePart p;
    p.source = ScorePart::Source::Rule;
    p.effect = effect;
    p.weight = weight;
    p.strength = 1.0;
    p.flagRisk = risk;
    p.key = QStringLiteral("k");
    p.name = QStringLiteral("n");
    return p;
}

FeedbackScore base(double s)
{
    return Feedback::apply(s, FeedbackAdjustment());
}

} // namespace

class TestRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void refusedWhenSaving_data();
    void refusedWhenSaving();
    void roundTrip();
    void amountConditions();
    void textConditions();
    void categoryCurrencyAccount();
    void timeConditions();
    void timeInLedgerZone();
    void firstPayment();
    void windowAtBoundary();
    void combinators();
    void suppressExpires();
    void storageVersionsAndAudit();
    void namedLists();
    void combinedScoreProperties();
    void previewEqualsFlags();
    void instantFlagWithoutModel();
    void migrationFromVersion6();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
    qint64 m_account = 0;
};

void TestRules::init()
{
    QVERIFY(test::openLedgerFixture(kNow, m_dir, m_clock, m_ledger, m_account).isOk());
}

void TestRules::cleanup()
{
    m_ledger.reset();
}

void TestRules::refusedWhenSaving_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const char* flag = R"("effect":{"type":"flag","risk":"HIGH"})";
    auto row = [&](const char* name, const QString& condition, const char* field, const char* message,
                   const QString& effect = QString()) {
        QTest::newRow(name) << QStringLiteral(R"({"name":"x","condition":%1,%2})")
                                   .arg(condition, effect.isEmpty() ? QString::fromLatin1(flag) : effect)
                            << QString::fromLatin1(field) << QString::fromLatin1(message);
    };
    row("bad regex",
        R"({"any":[{"field":"currency","in":["EUR"]},{"field":"counterparty","op":"regex","pattern":"(unclosed"}]})",
        "condition.any[1].pattern", "invalid regular expression");
    row("unknown list", R"({"field":"counterparty","op":"inList","list":"watch"})", "condition.list",
        "no named list \"watch\"");
    row("unknown field", R"({"field":"amount","op":">","value":"1","currency":"EUR","colour":"red"})",
        "condition.colour", "unknown field");
    row("unknown condition", R"({"field":"mood"})", "condition.field", "unknown field \"mood\"");
    row("empty any", R"({"any":[]})", "condition.any", "at least one");
    row("min above max", R"({"field":"amount","op":"between","min":"500","max":"100","currency":"EUR"})",
        "condition.min", "not be greater than max");
    row("bad amount", R"({"field":"amount","op":">","value":"1.234","currency":"EUR"})", "condition.value", "decimal");
    row("unknown currency", R"({"field":"amount","op":">","value":"1","currency":"EUX"})", "condition.currency",
        "ISO 4217");
    row("bad time", R"({"field":"timeOfDay","from":"25:00","to":"06:00"})", "condition.from", "HH:MM");
    row("window too long", R"({"field":"window","measure":"count","minutes":5000,"op":">","value":5})",
        "condition.minutes", "from 1 to 2880");
    row("unknown category", R"({"all":[{"not":{"field":"category","in":["fees","toys"]}}]})",
        "condition.all[0].not.in[1]", "not a category");
    row("empty weekday list", R"({"field":"weekday","in":[]})", "condition.in", "must not be empty");
    row("weight zero", R"({"field":"firstPayment"})", "effect.weight", "above 0",
        R"("effect":{"type":"raise","weight":0})");
    row("weight above one", R"({"field":"firstPayment"})", "effect.weight", "at most 1",
        R"("effect":{"type":"lower","weight":1.5})");
    row("flag low", R"({"field":"firstPayment"})", "effect.risk", "MEDIUM or HIGH",
        R"("effect":{"type":"flag","risk":"LOW"})");
    row("bad expiry", R"({"field":"firstPayment"})", "effect.until", "YYYY-MM-DD",
        R"("effect":{"type":"suppress","until":"31.12.2026"})");
}

void TestRules::refusedWhenSaving()
{
    QFETCH(QString, rule);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const QJsonObject o = QJsonDocument::fromJson(rule.toUtf8()).object();
    QVERIFY(!o.isEmpty());
    RuleBook book(*m_ledger);
    auto saved = book.save(o, QStringLiteral("alice"));
    QVERIFY(!saved);
    QVERIFY2(saved.status().isInvalidArgument(), qPrintable(saved.status().toString()));
    QCOMPARE(saved.status().field(), field);
    QVERIFY2(saved.status().message().contains(message), qPrintable(saved.status().message()));
    QCOMPARE(m_ledger->storedRules()->size(), 0);
}

void TestRules::roundTrip()
{
    const QJsonObject in = json(R"({"name":"Night payments to new payees","enabled":false,
        "condition":{"all":[{"field":"timeOfDay","from":"22:00","to":"06:00"},
                            {"any":[{"field":"firstPayment"},{"field":"counterparty","op":"regex","pattern":"^acme"}]},
                            {"not":{"field":"amount","op":"between","min":"-10.00","max":"10.00","currency":"EUR","signed":true}},
                            {"field":"dayOfMonth","lastDays":3},
                            {"field":"window","measure":"sum","minutes":60,"op":">=","value":"1000.50","currency":"EUR"}]},
        "effect":{"type":"suppress","until":"2026-12-31"}})");
    auto r = parseRule(in);
    QVERIFY2(r.isOk(), qPrintable(r.status().toString()));
    QCOMPARE(r->effect.until, utc("2027-01-01T00:00:00Z"));
    const QJsonObject out = toJson(*r);
    QCOMPARE(out.value("condition"), in.value("condition"));
    QCOMPARE(out.value("effect"), in.value("effect"));
    QCOMPARE(toJson(*parseRule(out)), out);
    QCOMPARE(conditionText(r->condition).left(29), QStringLiteral("booked from 22:00 to 06:00 an"));
}

void TestRules::amountConditions()
{
    TransactionColumns rows;
    rows.append("a", -600000, kNow, 0, "x"); // -6000.00
    rows.append("b", 500000, kNow + 1, 0, "x"); // 5000.00
    rows.append("c", -499999, kNow + 2, 0, "x");
    QCOMPARE(matching(rows, json(R"({"field":"amount","op":">=","value":"5000","currency":"EUR"})")),
             (QList<qsizetype> {0, 1}));
    QCOMPARE(matching(rows, json(R"({"field":"amount","op":"<","value":"-5000","currency":"EUR","signed":true})")),
             (QList<qsizetype> {0}));
    QCOMPARE(matching(rows, json(R"({"field":"amount","op":"between","min":"4999.99","max":"5000","currency":"EUR"})")),
             (QList<qsizetype> {1, 2}));
    QCOMPARE(matching(rows, json(R"({"field":"amount","op":"=","value":"5000.00","currency":"EUR","signed":true})")),
             (QList<qsizetype> {1}));
    // Another currency's amounts never match an amount in EUR.
    QVERIFY(
        matching(rows, json(R"({"field":"amount","op":">","value":"1","currency":"EUR"})"), {}, {}, "USD").isEmpty());
}

void TestRules::textConditions()
{
    TransactionColumns rows;
    rows.append("a", -100, kNow, 0, "ACME Ltd");
    rows.append("b", -100, kNow + 1, 0, "  acme ltd ");
    rows.append("c", -100, kNow + 2, 0, "Initech");
    rows.append("d", -100, kNow + 3, 0, "");
    QCOMPARE(matching(rows, json(R"({"field":"counterparty","op":"equals","value":"Acme LTD"})")),
             (QList<qsizetype> {0, 1}));
    QCOMPARE(matching(rows, json(R"({"field":"counterparty","op":"contains","value":"TECH"})")),
             (QList<qsizetype> {2}));
    QCOMPARE(matching(rows, json(R"({"field":"counterparty","op":"regex","pattern":"^acme\\s"})")),
             (QList<qsizetype> {0}));
    const QHash<QString, QStringList> lists {
        {QStringLiteral("watch"), {QStringLiteral("initech "), QStringLiteral("Globex")}}};
    QCOMPARE(matching(rows, json(R"({"field":"counterparty","op":"inList","list":"watch"})"), lists),
             (QList<qsizetype> {2}));
    // A list the ledger lacks (deleted meanwhile) matches nothing rather than failing.
    QVERIFY(matching(rows, json(R"({"field":"counterparty","op":"inList","list":"gone"})")).isEmpty());
    const QHash<QString, QString> descriptions {{"a", "Invoice 4711"}, {"b", "INVOICE 12"}, {"c", "Refund"}, {"d", ""}};
    QCOMPARE(matching(rows, json(R"({"field":"description","op":"contains","value":"invoice"})"), {}, descriptions),
             (QList<qsizetype> {0, 1}));
    QCOMPARE(matching(rows, json(R"({"field":"description","op":"regex","pattern":"\\d{4}"})"), {}, descriptions),
             (QList<qsizetype> {0}));
}

void TestRules::categoryCurrencyAccount()
{
    TransactionColumns rows;
    rows.append("a", -100, kNow, qint32(Category::Fees), "x");
    rows.append("b", -100, kNow + 1, qint32(Category::Rent), "x");
    QCOMPARE(matching(rows, json(R"({"field":"category","in":["fees","tax"]})")), (QList<qsizetype> {0}));
    QCOMPARE(matching(rows, json(R"({"field":"currency","in":["USD","EUR"]})")).size(), 2);
    QVERIFY(matching(rows, json(R"({"field":"currency","in":["USD"]})")).isEmpty());
    QCOMPARE(matching(rows, json(R"({"field":"account","in":[1]})")).size(), 2);
    QVERIFY(matching(rows, json(R"({"field":"account","in":[2]})")).isEmpty());
}

void TestRules::timeConditions()
{
    TransactionColumns rows;
    rows.append("feb27", -1, utc("2026-02-27T12:00:00Z"), 0, "x"); // Friday, 2 days before the end of February
    rows.append("mar15", -1, utc("2026-03-15T21:59:00Z"), 0, "x"); // Sunday
    rows.append("sat2300", -1, utc("2026-05-30T23:00:00Z"), 0, "x"); // Saturday
    rows.append("sun0559", -1, utc("2026-05-31T05:59:00Z"), 0, "x"); // Sunday, last day of May
    rows.append("mon0600", -1, utc("2026-06-01T06:00:00Z"), 0, "x");
    const QJsonObject night = json(R"({"field":"timeOfDay","from":"22:00","to":"06:00"})");
    auto ids = [&](const QList<qsizetype>& hits) {
        QStringList out;
        for (qsizetype i : hits)
            out.append(rows.ids[i]);
        return out;
    };
    QCOMPARE(ids(matching(rows, night)), (QStringList {"sat2300", "sun0559"}));
    QCOMPARE(ids(matching(rows, json(R"({"field":"timeOfDay","from":"06:00","to":"22:00"})"))),
             (QStringList {"feb27", "mar15", "mon0600"}));
    QCOMPARE(ids(matching(rows, json(R"({"field":"weekday","in":[6,7]})"))),
             (QStringList {"mar15", "sat2300", "sun0559"}));
    QCOMPARE(ids(matching(rows, json(R"({"field":"dayOfMonth","lastDays":2})"))),
             (QStringList {"feb27", "sat2300", "sun0559"}));
    QCOMPARE(ids(matching(rows, json(R"({"field":"dayOfMonth","in":[1,15]})"))), (QStringList {"mar15", "mon0600"}));
}

void TestRules::timeInLedgerZone()
{
    // 23:30 UTC is 01:30 the next day in Berlin (summer): night there, and a Sunday.
    TransactionColumns rows;
    rows.append("a", -1, utc("2026-05-30T23:30:00Z"), 0, "x");
    const Rule rule
        = ruleOf(json(R"({"all":[{"field":"timeOfDay","from":"00:00","to":"05:00"},{"field":"weekday","in":[7]}]})"));
    auto hits = [&](const QTimeZone& zone) {
        const CompiledRules compiled({rule}, {}, zone);
        AccountRows a;
        a.accountId = 1;
        a.currency = "EUR";
        a.rows = &rows;
        std::vector<std::vector<RuleMatch>> out;
        compiled.evaluate(a, {0}, out);
        return out.empty() ? 0 : int(out[0].size());
    };
    QCOMPARE(hits(QTimeZone("Europe/Berlin")), 1);
    QCOMPARE(hits(QTimeZone::utc()), 0);
    // The ledger's zone: stored in meta as an IANA id, audited; an unknown id is refused.
    QCOMPARE(m_ledger->setTimeZone(QStringLiteral("Mars/Olympus"), "alice").field(), QStringLiteral("timeZone"));
    QVERIFY(m_ledger->setTimeZone(QStringLiteral("Europe/Berlin"), "alice").isOk());
    QCOMPARE(m_ledger->timeZone().id(), QByteArray("Europe/Berlin"));
    QCOMPARE(*m_ledger->meta(QStringLiteral("time_zone")), QStringLiteral("Europe/Berlin"));
}

void TestRules::firstPayment()
{
    TransactionColumns rows;
    rows.append("in", 100, kNow, 0, "Acme"); // money from Acme: no payment
    rows.append("p1", -100, kNow + 1, 0, "Acme"); // first payment to Acme
    rows.append("p2", -100, kNow + 2, 0, "ACME "); // the same counterparty
    rows.append("p3", -100, kNow + 3, 0, "Globex");
    rows.append("p4", -100, kNow + 4, 0, ""); // no counterparty: never a first payment
    const QJsonObject first = json(R"({"field":"firstPayment"})");
    QCOMPARE(matching(rows, first), (QList<qsizetype> {1, 3}));
    // Paid before the rows begin (instant scoring reads a window): no first payment.
    const CompiledRules compiled({ruleOf(first)}, {}, QTimeZone::utc());
    AccountRows a;
    a.accountId = 1;
    a.currency = "EUR";
    a.rows = &rows;
    a.paidBefore = {QStringLiteral("globex")};
    std::vector<std::vector<RuleMatch>> out;
    compiled.evaluate(a, {1, 3}, out);
    QCOMPARE(out[1].size(), size_t(1));
    QVERIFY(out[3].empty());
    QVERIFY(out[1][0].text.contains("first payment to \"Acme\""));
}

void TestRules::windowAtBoundary()
{
    TransactionColumns rows;
    const qint64 t0 = kNow;
    for (int i = 0; i < 5; ++i)
        rows.append(QStringLiteral("r%1").arg(i), -1000, t0 + i * 10 * kMinuteMs, 0, "x"); // 0, 10, .., 40 min
    rows.append("r6", -1000, t0 + 60 * kMinuteMs - 1, 0, "x");
    rows.append("r5", -1000, t0 + 60 * kMinuteMs, 0, "x"); // exactly 60 min after r0: r0 is out of its window
    // Window (t - 60 min, t]: r6 (at 59:59.999) sees r0..r6 = 6 transactions; r5 (at 60:00) sees r1..r6 = 6.
    const QList<qsizetype> sixOrMore
        = matching(rows, json(R"({"field":"window","measure":"count","minutes":60,"op":">=","value":6})"));
    QStringList ids;
    for (qsizetype i : sixOrMore)
        ids.append(rows.ids[i]);
    QCOMPARE(ids, (QStringList {"r6", "r5"}));
    QVERIFY(matching(rows, json(R"({"field":"window","measure":"count","minutes":60,"op":">","value":6})")).isEmpty());
    // Sums of absolute amounts: 6 x 10.00 EUR.
    QCOMPARE(
        matching(rows,
                 json(R"({"field":"window","measure":"sum","minutes":60,"op":">=","value":"60.00","currency":"EUR"})"))
            .size(),
        2);
}

void TestRules::combinators()
{
    TransactionColumns rows;
    rows.append("a", -100, kNow, qint32(Category::Fees), "Acme");
    rows.append("b", -100, kNow + 1, qint32(Category::Rent), "Acme");
    rows.append("c", -100, kNow + 2, qint32(Category::Rent), "Globex");
    QCOMPARE(matching(rows, json(R"({"all":[]})")).size(), 3);
    QCOMPARE(
        matching(
            rows,
            json(
                R"({"all":[{"field":"category","in":["rent"]},{"field":"counterparty","op":"equals","value":"acme"}]})")),
        (QList<qsizetype> {1}));
    QCOMPARE(
        matching(
            rows,
            json(
                R"({"any":[{"field":"category","in":["fees"]},{"field":"counterparty","op":"equals","value":"globex"}]})")),
        (QList<qsizetype> {0, 2}));
    QCOMPARE(matching(rows, json(R"({"not":{"field":"category","in":["rent"]}})")), (QList<qsizetype> {0}));
    QCOMPARE(matching(rows, json(R"({"not":{"not":{"field":"category","in":["rent"]}}})")), (QList<qsizetype> {1, 2}));
    QCOMPARE(
        matching(
            rows,
            json(
                R"({"all":[{"any":[{"field":"firstPayment"},{"field":"category","in":["fees"]}]},{"not":{"field":"counterparty","op":"contains","value":"glob"}}]})")),
        (QList<qsizetype> {0}));
}

void TestRules::suppressExpires()
{
    TransactionColumns rows;
    rows.append("before", -100, utc("2026-12-31T23:59:59Z"), 0, "x");
    rows.append("after", -100, utc("2027-01-01T00:00:00Z"), 0, "x");
    QCOMPARE(matching(rows, json(R"({"all":[]})")).size(), 2);
    const CompiledRules compiled({ruleOf(json(R"({"all":[]})"), json(R"({"type":"suppress","until":"2026-12-31"})"))},
                                 {}, QTimeZone::utc());
    AccountRows a;
    a.accountId = 1;
    a.currency = "EUR";
    a.rows = &rows;
    std::vector<std::vector<RuleMatch>> out;
    compiled.evaluate(a, {0, 1}, out);
    QCOMPARE(out[0].size(), size_t(1));
    QVERIFY(out[1].empty());
    QCOMPARE(compiled.scorePart(out[0][0]).effect, ScorePart::Effect::Suppress);
}

void TestRules::storageVersionsAndAudit()
{
    RuleBook book(*m_ledger);
    QSignalSpy changed(m_ledger.get(), &Ledger::rulesChanged);
    auto first = book.save(
        json(
            R"({"name":"Big","condition":{"field":"amount","op":">","value":"100","currency":"EUR"},"effect":{"type":"flag","risk":"HIGH"}})"),
        "alice");
    QVERIFY2(first.isOk(), qPrintable(first.status().toString()));
    QCOMPARE(first->version, 1);
    QVERIFY(!first->id.isEmpty());
    auto second = book.save(
        json(
            R"({"name":"Bigger","enabled":false,"condition":{"field":"amount","op":">","value":"200","currency":"EUR"},"effect":{"type":"raise","weight":0.25}})"),
        "bob", first->id);
    QVERIFY(second.isOk());
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->version, 2);
    auto read = book.rule(first->id);
    QVERIFY(read.isOk());
    QCOMPARE(read->name, QStringLiteral("Bigger"));
    QVERIFY(!read->enabled);
    QCOMPARE(read->effect.weight, 0.25);
    QCOMPARE(read->condition.compare.value, 20000);
    QVERIFY(book.save(json(R"({"name":"x","condition":{"all":[]},"effect":{"type":"flag","risk":"HIGH"}})"), "bob",
                      "no-such-id")
                .status()
                .isNotFound());
    QVERIFY(book.remove(first->id, "carol").isOk());
    QVERIFY(book.rule(first->id).status().isNotFound());
    QCOMPARE(changed.size(), 3);
    QSqlQuery q(*m_ledger->database()->connection());
    QVERIFY(q.exec("SELECT version, deleted, saved_by FROM rule_versions ORDER BY version"));
    QStringList versions;
    while (q.next())
        versions.append(
            QStringLiteral("%1/%2/%3").arg(q.value(0).toInt()).arg(q.value(1).toInt()).arg(q.value(2).toString()));
    // On PostgreSQL each actor carries the database login (Database::recordedActor).
    const auto by = [&](const char* actor) { return m_ledger->database()->recordedActor(QString::fromLatin1(actor)); };
    QCOMPARE(versions, (QStringList {"1/0/" + by("alice"), "2/0/" + by("bob"), "3/1/" + by("carol")}));
    QVERIFY(q.exec("SELECT actor, action, from_value, to_value FROM audit_log WHERE action LIKE 'rule%' ORDER BY id"));
    QStringList audit;
    while (q.next())
        audit.append(
            QStringList {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()}
                .join('|'));
    QCOMPARE(audit,
             (QStringList {by("alice") + "|rule_saved||Big v1", by("bob") + "|rule_saved|Big v1|Bigger v2",
                           by("carol") + "|rule_deleted|Bigger v2|"}));
    QCOMPARE(book.save(json(R"({"name":"x","condition":{"all":[]},"effect":{"type":"flag","risk":"HIGH"}})"), " ")
                 .status()
                 .field(),
             QStringLiteral("actor"));
}

void TestRules::namedLists()
{
    RuleBook book(*m_ledger);
    QCOMPARE(m_ledger->saveRuleList("watch", {" ", ""}, "alice").status().field(), QStringLiteral("entries"));
    const QJsonObject rule = json(
        R"({"name":"Watched","condition":{"field":"counterparty","op":"inList","list":"watch"},"effect":{"type":"flag","risk":"HIGH"}})");
    QCOMPARE(book.save(rule, "alice").status().field(), QStringLiteral("condition.list"));
    auto list = m_ledger->saveRuleList("watch", {"Globex ", "globex", "Initech"}, "alice");
    QVERIFY(list.isOk());
    QCOMPARE(list->entries, (QStringList {"Globex", "Initech"}));
    auto saved = book.save(rule, "alice");
    QVERIFY2(saved.isOk(), qPrintable(saved.status().toString()));
    QVERIFY(m_ledger->deleteRuleList("watch", "alice").isConflict());
    QVERIFY(book.remove(saved->id, "alice").isOk());
    QVERIFY(m_ledger->deleteRuleList("watch", "alice").isOk());
    QVERIFY(m_ledger->ruleList("watch").status().isNotFound());
}

void TestRules::combinedScoreProperties()
{
    const double low = 0.2;
    // A Flag part always reaches its level, whatever the base.
    for (double b : {0.0, 0.2, 0.6, 0.95}) {
        const CombinedScore high = combineScore(base(b), {part(ScorePart::Effect::Flag, 1, Risk::High)});
        QCOMPARE(high.risk, Risk::High);
        const CombinedScore medium = combineScore(base(b), {part(ScorePart::Effect::Flag, 1, Risk::Medium)});
        QVERIFY(medium.risk >= Risk::Medium);
        QCOMPARE(medium.score, std::max(b, flagFloor(Risk::Medium)));
    }
    // A Raise raises and a Lower lowers, by the documented log-odds.
    const CombinedScore raised = combineScore(base(0.5), {part(ScorePart::Effect::Raise, 1.0)});
    QVERIFY(qAbs(raised.score - 0.9) < 1e-9);
    const CombinedScore lowered = combineScore(base(0.9), {part(ScorePart::Effect::Lower, 0.5)});
    QVERIFY(qAbs(lowered.score - 0.75) < 1e-9);
    QCOMPARE(combineScore(base(low), {part(ScorePart::Effect::Lower, 1.0)}).risk, Risk::Low);
    // A Suppress part keeps the score and marks no alert.
    const CombinedScore suppressed = combineScore(base(0.95), {part(ScorePart::Effect::Suppress)});
    QCOMPARE(suppressed.score, 0.95);
    QVERIFY(suppressed.suppressed);
    // Contributions: the explanation's shares of the parts and the base sum to 1 (the score).
    const std::vector<ScorePart> parts {part(ScorePart::Effect::Raise, 0.5), part(ScorePart::Effect::Lower, 0.2),
                                        part(ScorePart::Effect::Flag, 1, Risk::Medium)};
    const CombinedScore c = combineScore(base(0.3), parts);
    const QJsonArray e = combinedExplanation(c, parts, {}, QString());
    double sum = 0;
    QStringList sources;
    for (const QJsonValue& v : e) {
        sum += v.toObject().value("contribution").toDouble();
        sources.append(v.toObject().value("source").toString());
    }
    QVERIFY2(qAbs(sum - 1.0) < 1e-9, qPrintable(QString::number(sum)));
    QCOMPARE(sources, (QStringList {"rule", "forest", "rule", "rule"}));
    QCOMPARE(combinedAnomalyType(c, parts, "amount_spike"), QStringLiteral("rule"));
}

void TestRules::previewEqualsFlags()
{
    // 300 ordinary payments over 30 days, then payments to two new counterparties at night.
    QList<NewTransaction> batch;
    for (int i = 0; i < 300; ++i) {
        NewTransaction t;
        t.accountId = m_account;
        t.amount = -(10000 + (i % 17) * 100);
        t.description = QStringLiteral("Supplies %1").arg(i);
        t.category = QStringLiteral("supplier_payment");
        t.counterparty = QStringLiteral("Supplier %1").arg(i % 5);
        t.timestamp = kNow - 30 * kDayMs + i * (kDayMs / 10);
        batch.append(t);
    }
    QVERIFY(m_ledger->addTransactions(batch).isOk());
    RuleBook book(*m_ledger);
    const QJsonObject json = QJsonDocument::fromJson(R"({"name":"Payroll account paid to new payee","condition":{"all":[
        {"field":"firstPayment"},{"field":"amount","op":">=","value":"100.00","currency":"EUR"}]},
        "effect":{"type":"flag","risk":"HIGH"}})")
                                 .object();
    auto rule = parseRule(json);
    QVERIFY(rule.isOk());
    auto preview = book.preview(*rule, 0, 3);
    QVERIFY(preview.isOk());
    QCOMPARE(preview->total, 5); // the first payment to each of the five suppliers
    QCOMPARE(preview->hits.size(), 3);
    QVERIFY(preview->hits[0].transaction.timestamp >= preview->hits[1].transaction.timestamp);
    auto all = book.preview(*rule, 0, 100);
    QSet<QString> previewed;
    for (const PreviewHit& h : all->hits)
        previewed.insert(h.transaction.id);
    QVERIFY(book.save(json, "alice").isOk());
    DetectionPipelineOptions options;
    options.instantScoring = false;
    options.forest.trees = 20;
    options.scorePartProviders = defaultScorePartProviders(*m_ledger);
    DetectionPipeline pipeline(*m_ledger, options);
    QVERIFY(pipeline.runNow(true).isOk());
    AnomalyFilter filter;
    auto page = m_ledger->anomalies(filter, PageRequest {});
    QVERIFY(page.isOk());
    QSet<QString> flagged;
    for (const Anomaly& a : page->items)
        if (a.anomalyType == QLatin1String("rule")) {
            flagged.insert(a.transactionId);
            QCOMPARE(a.risk, Risk::High);
            const QJsonObject top = a.explanation.first().toObject();
            QCOMPARE(top.value("source").toString(), QStringLiteral("rule"));
            QCOMPARE(top.value("name").toString(), QStringLiteral("Payroll account paid to new payee"));
        }
    QCOMPARE(flagged, previewed);
    auto hits = m_ledger->ruleHits();
    QVERIFY(hits.isOk());
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->begin().value(), 5);
}

void TestRules::instantFlagWithoutModel()
{
    RuleBook book(*m_ledger);
    QVERIFY(m_ledger->saveRuleList("sanctioned", {"Evil Corp"}, "alice").isOk());
    QVERIFY(
        book.save(
                QJsonDocument::fromJson(
                    R"({"name":"Sanctioned payee","condition":{"field":"counterparty","op":"inList","list":"sanctioned"},
        "effect":{"type":"flag","risk":"HIGH"}})")
                    .object(),
                "alice")
            .isOk());
    DetectionPipelineOptions options;
    options.scorePartProviders = defaultScorePartProviders(*m_ledger);
    DetectionPipeline pipeline(*m_ledger, options);
    QSignalSpy high(&pipeline, &DetectionPipeline::highRiskDetected);
    NewTransaction t;
    t.accountId = m_account;
    t.amount = -4200;
    t.description = QStringLiteral("Services");
    t.category = QStringLiteral("supplier_payment");
    t.counterparty = QStringLiteral("EVIL CORP");
    auto written = m_ledger->addTransaction(t);
    QVERIFY(written.isOk());
    QTRY_COMPARE(high.size(), 1);
    auto a = m_ledger->anomalyForTransaction(written->id);
    QVERIFY(a.isOk());
    QCOMPARE(a->risk, Risk::High);
    QCOMPARE(a->anomalyType, QStringLiteral("rule"));
    const QJsonObject top = a->explanation.first().toObject();
    QCOMPARE(top.value("name").toString(), QStringLiteral("Sanctioned payee"));
    QVERIFY2(top.value("text").toString().contains("counterparty \"EVIL CORP\""),
             qPrintable(top.value("text").toString()));
    // Decisions work on it as on any case.
    QVERIFY(m_ledger->setAnomalyStatus(a->id, AnomalyStatus::Dismissed, "alice").isOk());
    // A transaction no rule matches opens nothing.
    t.counterparty = QStringLiteral("Good Corp");
    auto other = m_ledger->addTransaction(t);
    QVERIFY(other.isOk());
    pipeline.waitForFinished();
    QVERIFY(m_ledger->anomalyForTransaction(other->id).status().isNotFound());
}

void TestRules::migrationFromVersion6()
{
    const QString path = m_dir->filePath(QStringLiteral("v6.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v6"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(schema::migrate(db, 0, 6).isOk());
        QSqlQuery q(db);
        QVERIFY(q.exec("INSERT INTO accounts (id, name, type, currency, created_at, updated_at) VALUES (1, 'A', "
                       "'checking', 'EUR', 0, 0)"));
        QVERIFY(!q.exec("SELECT count(*) FROM rules"));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v6"));
    auto ledger = Ledger::open(path, *m_clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    QSqlQuery q(*(*ledger)->database()->connection());
    QVERIFY(q.exec("PRAGMA user_version") && q.next());
    QCOMPARE(q.value(0).toInt(), Database::kSchemaVersion);
    QVERIFY((*ledger)->account(1).isOk());
    QCOMPARE((*ledger)->storedRules()->size(), 0);
    QVERIFY((*ledger)->saveRuleList("l", {"x"}, "alice").isOk());
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
