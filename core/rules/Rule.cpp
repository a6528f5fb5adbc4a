// SPDX-License-Identifier: GPL-3.0-or-later
#include "rules/Rule.h"

#include "ledger/Types.h"
#include "money/Money.h"
#include "util/Clock.h"

#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace ledgerguard::rules {

namespace {

struct OpName
{
    Comparison::Op op;
    const char* name;
};
constexpr OpName kOps[] = {{Comparison::Op::Greater, ">"}, {Comparison::Op::GreaterOrEqual, ">="},
                           {Comparison::Op::Less, "<"},    {Comparison::Op::LessOrEqual, "<="},
                           {Comparison::Op::Equal, "="},   {Comparison::Op::Between, "between"}};

QString opName(Comparison::Op op)
{
    for (const OpName& o : kOps)
        if (o.op == op)
            return QLatin1String(o.name);
    return QStringLiteral(">");
}

struct FieldName
{
    Condition::Kind kind;
    const char* name;
};
constexpr FieldName kFields[] = {
    {Condition::Kind::Account, "account"},       {Condition::Kind::Amount, "amount"},
    {Condition::Kind::Currency, "currency"},     {Condition::Kind::Counterparty, "counterparty"},
    {Condition::Kind::Category, "category"},     {Condition::Kind::Description, "description"},
    {Condition::Kind::Weekday, "weekday"},       {Condition::Kind::TimeOfDay, "timeOfDay"},
    {Condition::Kind::DayOfMonth, "dayOfMonth"}, {Condition::Kind::FirstPayment, "firstPayment"},
    {Condition::Kind::Window, "window"},
};

QString fieldName(Condition::Kind kind)
{
    for (const FieldName& f : kFields)
        if (f.kind == kind)
            return QLatin1String(f.name);
    return {};
}

QString textMatchName(Condition::TextMatch m)
{
    switch (m) {
    case Condition::TextMatch::Equals:
        return QStringLiteral("equals");
    case Condition::TextMatch::Contains:
        return QStringLiteral("contains");
    case Condition::TextMatch::Regex:
        return QStringLiteral("regex");
    case Condition::TextMatch::InList:
        break;
    }
    return QStringLiteral("inList");
}

QString hhmm(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

QString money(qint64 minor, const QString& currency)
{
    return Money(minor, currency).toDecimalString();
}

// The parser: the first error wins, named by its JSON path.
class Parser
{
public:
    explicit Parser(const std::optional<QStringList>& lists)
        : m_lists(lists)
    { }

    Status error;
    int leaves = 0;

    bool fail(const QString& path, const QString& message)
    {
        if (error.isOk())
            error = Status::invalidArgument(path, message);
        return false;
    }

    bool onlyKeys(const QJsonObject& o, const QString& path, std::initializer_list<const char*> allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const bool known = std::any_of(allowed.begin(), allowed.end(),
                                           [&](const char* k) { return it.key() == QLatin1String(k); });
            if (!known)
                return fail(join(path, it.key()), QStringLiteral("unknown field"));
        }
        return true;
    }

    static QString join(const QString& path, const QString& key)
    {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }

    bool string(const QJsonObject& o, const QString& path, const char* key, QString* out, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isString())
            return fail(join(path, QLatin1String(key)),
                        v.isUndefined() ? QStringLiteral("required") : QStringLiteral("must be a string"));
        *out = v.toString();
        return true;
    }

    bool integer(const QJsonValue& v, const QString& path, qint64 min, qint64 max, qint64* out)
    {
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
            return fail(path, v.isUndefined() ? QStringLiteral("required") : QStringLiteral("must be an integer"));
        const double d = v.toDouble();
        if (d < double(min) || d > double(max))
            return fail(path, QStringLiteral("must be from %1 to %2").arg(min).arg(max));
        *out = qint64(d);
        return true;
    }

    bool nonEmptyArray(const QJsonObject& o, const QString& path, const char* key, QJsonArray* out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isArray())
            return fail(join(path, QLatin1String(key)),
                        v.isUndefined() ? QStringLiteral("required") : QStringLiteral("must be an array"));
        if (v.toArray().isEmpty())
            return fail(join(path, QLatin1String(key)), QStringLiteral("must not be empty"));
        *out = v.toArray();
        return true;
    }

    bool minor(const QJsonValue& v, const QString& path, const QString& currency, qint64* out)
    {
        QString text;
        if (v.isString())
            text = v.toString();
        else if (v.isDouble())
            text = QString::number(v.toDouble(), 'g', 15);
        else
            return fail(path,
                        v.isUndefined() ? QStringLiteral("required")
                                        : QStringLiteral("must be a decimal amount such as \"5000.00\""));
        auto m = Money::parse(text, currency);
        if (!m)
            return fail(path, m.status().message());
        *out = m->minorUnits();
        return true;
    }

    // op with value, or between with min and max; `currency` empty: plain integers.
    bool comparison(const QJsonObject& o, const QString& path, const QString& currency, qint64 lowest, Comparison* out)
    {
        QString op;
        if (!string(o, path, "op", &op))
            return false;
        bool found = false;
        for (const OpName& n : kOps)
            if (op == QLatin1String(n.name)) {
                out->op = n.op;
                found = true;
            }
        if (!found)
            return fail(join(path, QStringLiteral("op")),
                        QStringLiteral("must be one of >, >=, <, <=, =, between (not \"%1\")").arg(op));
        auto number = [&](const char* key, qint64* x) {
            const QString p = join(path, QLatin1String(key));
            const QJsonValue v = o.value(QLatin1String(key));
            return currency.isEmpty() ? integer(v, p, lowest, kMaxAbsAmountMinor, x) : minor(v, p, currency, x);
        };
        if (out->op == Comparison::Op::Between) {
            if (o.contains(QStringLiteral("value")))
                return fail(join(path, QStringLiteral("value")), QStringLiteral("a range takes min and max"));
            if (!number("min", &out->min) || !number("max", &out->max))
                return false;
            if (out->min > out->max)
                return fail(join(path, QStringLiteral("min")), QStringLiteral("must not be greater than max"));
            return true;
        }
        if (o.contains(QStringLiteral("min")) || o.contains(QStringLiteral("max")))
            return fail(join(path, o.contains(QStringLiteral("min")) ? QStringLiteral("min") : QStringLiteral("max")),
                        QStringLiteral("only a range (op \"between\") takes min and max"));
        return number("value", &out->value);
    }

    bool currencyCode(const QJsonObject& o, const QString& path, QString* out)
    {
        if (!string(o, path, "currency", out))
            return false;
        if (!Money::isKnownCurrency(*out))
            return fail(join(path, QStringLiteral("currency")),
                        QStringLiteral("\"%1\" is not a known ISO 4217 currency code").arg(*out));
        return true;
    }

    bool regex(const QJsonObject& o, const QString& path, QString* out)
    {
        if (!string(o, path, "pattern", out))
            return false;
        const QRegularExpression re(*out);
        if (out->isEmpty())
            return fail(join(path, QStringLiteral("pattern")), QStringLiteral("must not be empty"));
        if (!re.isValid())
            return fail(join(path, QStringLiteral("pattern")),
                        QStringLiteral("invalid regular expression: %1 at offset %2")
                            .arg(re.errorString())
                            .arg(re.patternErrorOffset()));
        return true;
    }

    bool nonEmptyText(const QJsonObject& o, const QString& path, QString* out)
    {
        if (!string(o, path, "value", out))
            return false;
        if (out->trimmed().isEmpty())
            return fail(join(path, QStringLiteral("value")), QStringLiteral("must not be empty"));
        return true;
    }

    bool minuteOfDay(const QJsonObject& o, const QString& path, const char* key, int* out)
    {
        QString text;
        if (!string(o, path, key, &text))
            return false;
        static const QRegularExpression kTime(QStringLiteral("^([01][0-9]|2[0-3]):([0-5][0-9])$"));
        const auto m = kTime.match(text);
        if (!m.hasMatch())
            return fail(join(path, QLatin1String(key)), QStringLiteral("must be a time HH:MM from 00:00 to 23:59"));
        *out = m.captured(1).toInt() * 60 + m.captured(2).toInt();
        return true;
    }

    bool condition(const QJsonValue& value, const QString& path, int depth, Condition* out)
    {
        if (!value.isObject())
            return fail(path, value.isUndefined() ? QStringLiteral("required") : QStringLiteral("must be an object"));
        if (depth > kMaxConditionDepth)
            return fail(path, QStringLiteral("nested deeper than %1 levels").arg(kMaxConditionDepth));
        const QJsonObject o = value.toObject();
        for (const char* group : {"all", "any"}) {
            if (!o.contains(QLatin1String(group)))
                continue;
            if (!onlyKeys(o, path, {group}))
                return false;
            out->kind = QLatin1String(group) == QLatin1String("all") ? Condition::Kind::All : Condition::Kind::Any;
            const QString p = join(path, QLatin1String(group));
            const QJsonValue v = o.value(QLatin1String(group));
            if (!v.isArray())
                return fail(p, QStringLiteral("must be an array of conditions"));
            const QJsonArray items = v.toArray();
            if (items.isEmpty() && out->kind == Condition::Kind::Any)
                return fail(p, QStringLiteral("needs at least one condition"));
            for (qsizetype i = 0; i < items.size(); ++i) {
                Condition c;
                if (!condition(items[i], QStringLiteral("%1[%2]").arg(p).arg(i), depth + 1, &c))
                    return false;
                out->children.push_back(std::move(c));
            }
            return true;
        }
        if (o.contains(QStringLiteral("not"))) {
            if (!onlyKeys(o, path, {"not"}))
                return false;
            out->kind = Condition::Kind::Not;
            Condition c;
            if (!condition(o.value(QStringLiteral("not")), join(path, QStringLiteral("not")), depth + 1, &c))
                return false;
            out->children.push_back(std::move(c));
            return true;
        }
        QString field;
        if (!o.contains(QStringLiteral("field")))
            return fail(join(path, QStringLiteral("field")), QStringLiteral("required (or one of all, any, not)"));
        if (!string(o, path, "field", &field))
            return false;
        bool known = false;
        for (const FieldName& f : kFields)
            if (field == QLatin1String(f.name)) {
                out->kind = f.kind;
                known = true;
            }
        if (!known)
            return fail(join(path, QStringLiteral("field")), QStringLiteral("unknown field \"%1\"").arg(field));
        if (++leaves > kMaxConditionLeaves)
            return fail(path, QStringLiteral("a rule has at most %1 conditions").arg(kMaxConditionLeaves));
        return leaf(o, path, out);
    }

    bool leaf(const QJsonObject& o, const QString& path, Condition* out)
    {
        QJsonArray items;
        switch (out->kind) {
        case Condition::Kind::Account:
            if (!onlyKeys(o, path, {"field", "in"}) || !nonEmptyArray(o, path, "in", &items))
                return false;
            for (qsizetype i = 0; i < items.size(); ++i) {
                qint64 id = 0;
                if (!integer(items[i], QStringLiteral("%1.in[%2]").arg(path).arg(i), 1,
                             std::numeric_limits<qint32>::max(), &id))
                    return false;
                out->accounts.append(id);
            }
            return true;
        case Condition::Kind::Amount: {
            if (!onlyKeys(o, path, {"field", "op", "value", "min", "max", "currency", "signed"}))
                return false;
            if (!currencyCode(o, path, &out->currency))
                return false;
            const QJsonValue s = o.value(QStringLiteral("signed"));
            if (!s.isUndefined() && !s.isBool())
                return fail(join(path, QStringLiteral("signed")), QStringLiteral("must be true or false"));
            out->absolute = !s.toBool(false);
            return comparison(o, path, out->currency, -kMaxAbsAmountMinor, &out->compare);
        }
        case Condition::Kind::Currency:
        case Condition::Kind::Category:
            if (!onlyKeys(o, path, {"field", "in"}) || !nonEmptyArray(o, path, "in", &items))
                return false;
            for (qsizetype i = 0; i < items.size(); ++i) {
                const QString p = QStringLiteral("%1.in[%2]").arg(path).arg(i);
                const QString v = items[i].toString();
                if (!items[i].isString())
                    return fail(p, QStringLiteral("must be a string"));
                if (out->kind == Condition::Kind::Currency && !Money::isKnownCurrency(v))
                    return fail(p, QStringLiteral("\"%1\" is not a known ISO 4217 currency code").arg(v));
                if (out->kind == Condition::Kind::Category && !categoryFromKey(v))
                    return fail(p, QStringLiteral("\"%1\" is not a category").arg(v));
                out->values.append(v);
            }
            return true;
        case Condition::Kind::Counterparty:
        case Condition::Kind::Description: {
            const bool counterparty = out->kind == Condition::Kind::Counterparty;
            QString op;
            if (!string(o, path, "op", &op))
                return false;
            if (op == QLatin1String("equals") && counterparty) {
                out->match = Condition::TextMatch::Equals;
                return onlyKeys(o, path, {"field", "op", "value"}) && nonEmptyText(o, path, &out->text);
            }
            if (op == QLatin1String("contains")) {
                out->match = Condition::TextMatch::Contains;
                return onlyKeys(o, path, {"field", "op", "value"}) && nonEmptyText(o, path, &out->text);
            }
            if (op == QLatin1String("regex")) {
                out->match = Condition::TextMatch::Regex;
                return onlyKeys(o, path, {"field", "op", "pattern"}) && regex(o, path, &out->pattern);
            }
            if (op == QLatin1String("inList") && counterparty) {
                out->match = Condition::TextMatch::InList;
                if (!onlyKeys(o, path, {"field", "op", "list"}) || !string(o, path, "list", &out->list))
                    return false;
                if (m_lists && !m_lists->contains(out->list))
                    return fail(join(path, QStringLiteral("list")),
                                out->list.isEmpty() ? QStringLiteral("must name a list")
                                                    : QStringLiteral("no named list \"%1\" with entries (create it "
                                                                     "first; an empty list matches nothing)")
                                                          .arg(out->list));
                return true;
            }
            return fail(join(path, QStringLiteral("op")),
                        counterparty ? QStringLiteral("must be one of equals, contains, regex, inList")
                                     : QStringLiteral("must be one of contains, regex"));
        }
        case Condition::Kind::Weekday:
        case Condition::Kind::DayOfMonth: {
            const bool weekday = out->kind == Condition::Kind::Weekday;
            if (!weekday && o.contains(QStringLiteral("lastDays"))) {
                qint64 n = 0;
                if (!onlyKeys(o, path, {"field", "lastDays"})
                    || !integer(o.value(QStringLiteral("lastDays")), join(path, QStringLiteral("lastDays")), 1, 28, &n))
                    return false;
                out->lastDays = int(n);
                return true;
            }
            if (!onlyKeys(o, path,
                          weekday ? std::initializer_list<const char*> {"field", "in"}
                                  : std::initializer_list<const char*> {"field", "in", "lastDays"})
                || !nonEmptyArray(o, path, "in", &items))
                return false;
            for (qsizetype i = 0; i < items.size(); ++i) {
                qint64 d = 0;
                if (!integer(items[i], QStringLiteral("%1.in[%2]").arg(path).arg(i), 1, weekday ? 7 : 31, &d))
                    return false;
                out->days.append(int(d));
            }
            return true;
        }
        case Condition::Kind::TimeOfDay:
            if (!onlyKeys(o, path, {"field", "from", "to"}) || !minuteOfDay(o, path, "from", &out->fromMinute)
                || !minuteOfDay(o, path, "to", &out->toMinute))
                return false;
            if (out->fromMinute == out->toMinute)
                return fail(join(path, QStringLiteral("to")), QStringLiteral("must differ from \"from\""));
            return true;
        case Condition::Kind::FirstPayment:
            return onlyKeys(o, path, {"field"});
        case Condition::Kind::Window: {
            if (!onlyKeys(o, path, {"field", "measure", "minutes", "op", "value", "min", "max", "currency"}))
                return false;
            QString measure;
            if (!string(o, path, "measure", &measure))
                return false;
            if (measure != QLatin1String("count") && measure != QLatin1String("sum"))
                return fail(join(path, QStringLiteral("measure")), QStringLiteral("must be count or sum"));
            out->sum = measure == QLatin1String("sum");
            qint64 minutes = 0;
            if (!integer(o.value(QStringLiteral("minutes")), join(path, QStringLiteral("minutes")), 1,
                         kMaxWindowMinutes, &minutes))
                return false;
            out->windowMinutes = int(minutes);
            if (out->sum) {
                if (!currencyCode(o, path, &out->currency))
                    return false;
            } else if (o.contains(QStringLiteral("currency"))) {
                return fail(join(path, QStringLiteral("currency")), QStringLiteral("only a sum takes a currency"));
            }
            return comparison(o, path, out->sum ? out->currency : QString(), 0, &out->compare);
        }
        case Condition::Kind::All:
        case Condition::Kind::Any:
        case Condition::Kind::Not:
            break;
        }
        return fail(path, QStringLiteral("not a condition"));
    }

    bool effect(const QJsonValue& value, const QString& path, Effect* out)
    {
        if (!value.isObject())
            return fail(path, value.isUndefined() ? QStringLiteral("required") : QStringLiteral("must be an object"));
        const QJsonObject o = value.toObject();
        QString type;
        if (!string(o, path, "type", &type))
            return false;
        if (type == QLatin1String("flag")) {
            out->kind = Effect::Kind::Flag;
            QString risk;
            if (!onlyKeys(o, path, {"type", "risk"}) || !string(o, path, "risk", &risk))
                return false;
            const auto r = riskFromName(risk);
            if (!r || *r == Risk::Low)
                return fail(join(path, QStringLiteral("risk")), QStringLiteral("must be MEDIUM or HIGH"));
            out->risk = *r;
            return true;
        }
        if (type == QLatin1String("raise") || type == QLatin1String("lower")) {
            out->kind = type == QLatin1String("raise") ? Effect::Kind::Raise : Effect::Kind::Lower;
            if (!onlyKeys(o, path, {"type", "weight"}))
                return false;
            const QJsonValue w = o.value(QStringLiteral("weight"));
            if (!w.isDouble() || !(w.toDouble() > 0 && w.toDouble() <= 1))
                return fail(join(path, QStringLiteral("weight")),
                            w.isUndefined() ? QStringLiteral("required")
                                            : QStringLiteral("must be a number above 0 and at most 1"));
            out->weight = w.toDouble();
            return true;
        }
        if (type == QLatin1String("suppress")) {
            out->kind = Effect::Kind::Suppress;
            QString until;
            if (!onlyKeys(o, path, {"type", "until"}) || !string(o, path, "until", &until))
                return false;
            const QDate d = QDate::fromString(until, Qt::ISODate);
            if (!d.isValid() || until.size() != 10)
                return fail(join(path, QStringLiteral("until")), QStringLiteral("must be a date YYYY-MM-DD"));
            out->until = d.addDays(1).startOfDay(Qt::UTC).toMSecsSinceEpoch();
            return true;
        }
        return fail(join(path, QStringLiteral("type")), QStringLiteral("must be one of flag, raise, lower, suppress"));
    }

private:
    const std::optional<QStringList>& m_lists;
};

void collectLists(const Condition& c, QStringList& out)
{
    if (c.kind == Condition::Kind::Counterparty && c.match == Condition::TextMatch::InList)
        out.append(c.list);
    for (const Condition& child : c.children)
        collectLists(child, out);
}

QString comparisonText(const Comparison& c, const QString& currency)
{
    auto v = [&](qint64 x) { return currency.isEmpty() ? QString::number(x) : money(x, currency) + u' ' + currency; };
    if (c.op == Comparison::Op::Between)
        return QStringLiteral("from %1 to %2").arg(v(c.min), v(c.max));
    return opName(c.op) + u' ' + v(c.value);
}

QString joinNumbers(const QList<int>& xs)
{
    QStringList s;
    for (int x : xs)
        s.append(QString::number(x));
    return s.join(QStringLiteral(", "));
}

} // namespace

bool Comparison::holds(qint64 x) const
{
    switch (op) {
    case Op::Greater:
        return x > value;
    case Op::GreaterOrEqual:
        return x >= value;
    case Op::Less:
        return x < value;
    case Op::LessOrEqual:
        return x <= value;
    case Op::Equal:
        return x == value;
    case Op::Between:
        break;
    }
    return x >= min && x <= max;
}

Result<Rule> parseRule(const QJsonObject& json, const std::optional<QStringList>& knownLists)
{
    Parser p(knownLists);
    Rule r;
    if (!p.onlyKeys(json, QString(),
                    {"id", "name", "enabled", "version", "condition", "effect", "createdAt", "updatedAt", "updatedBy"}))
        return p.error;
    if (json.contains(QStringLiteral("id")) && !p.string(json, QString(), "id", &r.id))
        return p.error;
    if (!p.string(json, QString(), "name", &r.name))
        return p.error;
    r.name = r.name.trimmed();
    if (r.name.isEmpty() || r.name.size() > kMaxRuleNameLength)
        return Status::invalidArgument(QStringLiteral("name"),
                                       QStringLiteral("must be 1 to %1 characters").arg(kMaxRuleNameLength));
    const QJsonValue enabled = json.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool())
        return Status::invalidArgument(QStringLiteral("enabled"), QStringLiteral("must be true or false"));
    r.enabled = enabled.toBool(true);
    if (json.contains(QStringLiteral("version"))) {
        qint64 v = 0;
        if (!p.integer(json.value(QStringLiteral("version")), QStringLiteral("version"), 0,
                       std::numeric_limits<int>::max(), &v))
            return p.error;
        r.version = int(v);
    }
    if (!p.condition(json.value(QStringLiteral("condition")), QStringLiteral("condition"), 0, &r.condition))
        return p.error;
    if (!p.effect(json.value(QStringLiteral("effect")), QStringLiteral("effect"), &r.effect))
        return p.error;
    return r;
}

QJsonObject toJson(const Condition& c)
{
    QJsonObject o;
    auto numbers = [](const auto& xs) {
        QJsonArray a;
        for (auto x : xs)
            a.append(qint64(x));
        return a;
    };
    auto comparison = [&](const QString& currency) {
        o.insert(QStringLiteral("op"), opName(c.compare.op));
        auto v = [&](qint64 x) { return currency.isEmpty() ? QJsonValue(x) : QJsonValue(money(x, currency)); };
        if (c.compare.op == Comparison::Op::Between) {
            o.insert(QStringLiteral("min"), v(c.compare.min));
            o.insert(QStringLiteral("max"), v(c.compare.max));
        } else {
            o.insert(QStringLiteral("value"), v(c.compare.value));
        }
    };
    switch (c.kind) {
    case Condition::Kind::All:
    case Condition::Kind::Any: {
        QJsonArray items;
        for (const Condition& child : c.children)
            items.append(toJson(child));
        o.insert(c.kind == Condition::Kind::All ? QStringLiteral("all") : QStringLiteral("any"), items);
        return o;
    }
    case Condition::Kind::Not:
        o.insert(QStringLiteral("not"), c.children.empty() ? QJsonObject() : toJson(c.children.front()));
        return o;
    default:
        break;
    }
    o.insert(QStringLiteral("field"), fieldName(c.kind));
    switch (c.kind) {
    case Condition::Kind::Account:
        o.insert(QStringLiteral("in"), numbers(c.accounts));
        break;
    case Condition::Kind::Amount:
        o.insert(QStringLiteral("currency"), c.currency);
        if (!c.absolute)
            o.insert(QStringLiteral("signed"), true);
        comparison(c.currency);
        break;
    case Condition::Kind::Currency:
    case Condition::Kind::Category:
        o.insert(QStringLiteral("in"), QJsonArray::fromStringList(c.values));
        break;
    case Condition::Kind::Counterparty:
    case Condition::Kind::Description:
        o.insert(QStringLiteral("op"), textMatchName(c.match));
        if (c.match == Condition::TextMatch::Regex)
            o.insert(QStringLiteral("pattern"), c.pattern);
        else if (c.match == Condition::TextMatch::InList)
            o.insert(QStringLiteral("list"), c.list);
        else
            o.insert(QStringLiteral("value"), c.text);
        break;
    case Condition::Kind::Weekday:
        o.insert(QStringLiteral("in"), numbers(c.days));
        break;
    case Condition::Kind::DayOfMonth:
        if (c.lastDays > 0)
            o.insert(QStringLiteral("lastDays"), c.lastDays);
        else
            o.insert(QStringLiteral("in"), numbers(c.days));
        break;
    case Condition::Kind::TimeOfDay:
        o.insert(QStringLiteral("from"), hhmm(c.fromMinute));
        o.insert(QStringLiteral("to"), hhmm(c.toMinute));
        break;
    case Condition::Kind::FirstPayment:
        break;
    case Condition::Kind::Window:
        o.insert(QStringLiteral("measure"), c.sum ? QStringLiteral("sum") : QStringLiteral("count"));
        o.insert(QStringLiteral("minutes"), c.windowMinutes);
        if (c.sum)
            o.insert(QStringLiteral("currency"), c.currency);
        comparison(c.sum ? c.currency : QString());
        break;
    default:
        break;
    }
    return o;
}

QJsonObject toJson(const Effect& e)
{
    switch (e.kind) {
    case Effect::Kind::Flag:
        return {{QStringLiteral("type"), QStringLiteral("flag")}, {QStringLiteral("risk"), riskName(e.risk)}};
    case Effect::Kind::Raise:
    case Effect::Kind::Lower:
        return {
            {QStringLiteral("type"), e.kind == Effect::Kind::Raise ? QStringLiteral("raise") : QStringLiteral("lower")},
            {QStringLiteral("weight"), e.weight}};
    case Effect::Kind::Suppress:
        break;
    }
    const QDate last = QDateTime::fromMSecsSinceEpoch(e.until - kDayMs, Qt::UTC).date();
    return {{QStringLiteral("type"), QStringLiteral("suppress")},
            {QStringLiteral("until"), last.toString(Qt::ISODate)}};
}

QJsonObject toJson(const Rule& r)
{
    QJsonObject o {{QStringLiteral("name"), r.name},
                   {QStringLiteral("enabled"), r.enabled},
                   {QStringLiteral("condition"), toJson(r.condition)},
                   {QStringLiteral("effect"), toJson(r.effect)}};
    if (!r.id.isEmpty())
        o.insert(QStringLiteral("id"), r.id);
    if (r.version > 0)
        o.insert(QStringLiteral("version"), r.version);
    return o;
}

QStringList listsUsed(const Condition& condition)
{
    QStringList out;
    collectLists(condition, out);
    out.sort();
    out.removeDuplicates();
    return out;
}

QString effectText(const Effect& e)
{
    switch (e.kind) {
    case Effect::Kind::Flag:
        return QStringLiteral("flag %1").arg(riskName(e.risk));
    case Effect::Kind::Raise:
        return QStringLiteral("raise by %1").arg(e.weight, 0, 'f', 2);
    case Effect::Kind::Lower:
        return QStringLiteral("lower by %1").arg(e.weight, 0, 'f', 2);
    case Effect::Kind::Suppress:
        break;
    }
    return QStringLiteral("suppress alerts until %1")
        .arg(QDateTime::fromMSecsSinceEpoch(e.until - kDayMs, Qt::UTC).date().toString(Qt::ISODate));
}

QString conditionText(const Condition& c)
{
    auto group = [&](const QString& word) {
        QStringList parts;
        for (const Condition& child : c.children) {
            const bool nested = child.kind == Condition::Kind::All || child.kind == Condition::Kind::Any;
            parts.append(nested ? u'(' + conditionText(child) + u')' : conditionText(child));
        }
        return parts.join(word);
    };
    switch (c.kind) {
    case Condition::Kind::All:
        return c.children.empty() ? QStringLiteral("every transaction") : group(QStringLiteral(" and "));
    case Condition::Kind::Any:
        return group(QStringLiteral(" or "));
    case Condition::Kind::Not:
        return QStringLiteral("not (%1)").arg(c.children.empty() ? QString() : conditionText(c.children.front()));
    case Condition::Kind::Account: {
        QStringList ids;
        for (qint64 id : c.accounts)
            ids.append(QString::number(id));
        return QStringLiteral("account is %1").arg(ids.join(QStringLiteral(" or ")));
    }
    case Condition::Kind::Amount:
        return QStringLiteral("%1 %2").arg(c.absolute ? QStringLiteral("amount (either sign)")
                                                      : QStringLiteral("amount"),
                                           comparisonText(c.compare, c.currency));
    case Condition::Kind::Currency:
        return QStringLiteral("currency is %1").arg(c.values.join(QStringLiteral(" or ")));
    case Condition::Kind::Category:
        return QStringLiteral("category is %1").arg(c.values.join(QStringLiteral(" or ")));
    case Condition::Kind::Counterparty:
    case Condition::Kind::Description: {
        const QString what
            = c.kind == Condition::Kind::Counterparty ? QStringLiteral("counterparty") : QStringLiteral("description");
        switch (c.match) {
        case Condition::TextMatch::Equals:
            return QStringLiteral("%1 is \"%2\"").arg(what, c.text);
        case Condition::TextMatch::Contains:
            return QStringLiteral("%1 contains \"%2\"").arg(what, c.text);
        case Condition::TextMatch::Regex:
            return QStringLiteral("%1 matches /%2/").arg(what, c.pattern);
        case Condition::TextMatch::InList:
            break;
        }
        return QStringLiteral("%1 is in the list \"%2\"").arg(what, c.list);
    }
    case Condition::Kind::Weekday: {
        QStringList names;
        for (int d : c.days)
            names.append(QLocale::c().dayName(d, QLocale::LongFormat));
        return QStringLiteral("booked on %1").arg(names.join(QStringLiteral(" or ")));
    }
    case Condition::Kind::TimeOfDay:
        return QStringLiteral("booked from %1 to %2").arg(hhmm(c.fromMinute), hhmm(c.toMinute));
    case Condition::Kind::DayOfMonth:
        return c.lastDays > 0 ? QStringLiteral("booked in the last %1 day(s) of the month").arg(c.lastDays)
                              : QStringLiteral("booked on day %1 of the month").arg(joinNumbers(c.days));
    case Condition::Kind::FirstPayment:
        return QStringLiteral("first payment to the counterparty");
    case Condition::Kind::Window:
        return QStringLiteral("%1 of the account's transactions in %2 minutes %3")
            .arg(c.sum ? QStringLiteral("sum") : QStringLiteral("count"))
            .arg(c.windowMinutes)
            .arg(comparisonText(c.compare, c.sum ? c.currency : QString()));
    }
    return {};
}

} // namespace ledgerguard::rules
