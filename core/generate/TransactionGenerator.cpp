// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate/TransactionGenerator.h"

#include <QDateTime>
#include <QMap>
#include <QScopeGuard>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace ledgerguard {

namespace {

// A recurring kind of transaction of an account profile.
struct Stream
{
    const char* category;
    const char* description;
    double medianMajor; // median amount in major units (sign: + credit, - debit)
    double sigma; // log-normal spread
    double perWeekday; // expected count per weekday (Poisson); 0 for monthly streams
    int dayOfMonth; // for monthly streams: the day it runs (1..28); 0 otherwise
    int fromHour; // business hours [fromHour, toHour)
    int toHour;
    int counterparties; // size of the stable counterparty set
};

struct Profile
{
    QList<Stream> streams;
};

const char* const kNames[]
    = {"Northwind",       "Contoso",    "Fabrikam", "Globex",    "Initech",   "Umbrella",         "Stark Supplies",
       "Wayne Logistics", "Acme",       "Tyrell",   "Cyberdyne", "Hooli",     "Vandelay Imports", "Soylent",
       "Wonka",           "Pied Piper", "Aperture", "Oscorp",    "Gringotts", "Monarch"};
const char* const kMerchants[]
    = {"Cafe Central", "Office Depot", "Lufthansa", "Deutsche Bahn", "Hotel Adlon", "Amazon Business", "Uber",
       "Staples",      "Marriott",     "Shell",     "Apple Store",   "Zoom",        "Slack",           "Dropbox"};

Profile profileFor(const Account& a)
{
    Profile p;
    if (a.name.contains(QLatin1String("Payroll"), Qt::CaseInsensitive)) {
        p.streams = {{"payroll", "Salary", -3400, 0.25, 0, 25, 9, 10, 40},
                     {"transfer", "Payroll funding", 140000, 0.05, 0, 24, 10, 12, 1},
                     {"fees", "Bank fee", -12, 0.3, 0.6, 0, 8, 18, 1}};
        return p;
    }
    switch (a.type) {
    case AccountType::Checking:
        p.streams = {{"supplier_payment", "Supplier invoice", -1200, 0.6, 2.5, 0, 8, 18, 12},
                     {"rent", "Office rent", -12500, 0.02, 0, 1, 8, 10, 1},
                     {"utilities", "Electricity and water", -850, 0.2, 0, 5, 8, 12, 2},
                     {"fees", "Bank fee", -15, 0.3, 1.0, 0, 8, 18, 1},
                     {"customer_receipt", "Customer payment", 6000, 0.7, 1.2, 0, 9, 17, 15}};
        break;
    case AccountType::Savings:
        p.streams = {{"interest", "Interest", 140, 0.2, 0, 28, 6, 8, 1},
                     {"transfer", "Sweep from operating", 15000, 0.4, 0.2, 0, 9, 16, 1}};
        break;
    case AccountType::CreditCard:
        p.streams = {{"card_spend", "Card purchase", -45, 0.9, 5.0, 0, 9, 19, 14},
                     {"transfer", "Card repayment", 9000, 0.3, 0, 27, 9, 11, 1}};
        break;
    case AccountType::Receivable:
        p.streams = {{"customer_receipt", "Invoice paid", 3500, 0.8, 4.0, 0, 8, 18, 20},
                     {"refund", "Customer refund", -400, 0.6, 0.15, 0, 9, 17, 8}};
        break;
    case AccountType::Payable:
        p.streams = {{"supplier_payment", "Supplier payment", -2400, 0.7, 3.0, 0, 8, 17, 16},
                     {"fees", "Transfer fee", -8, 0.3, 0.5, 0, 8, 17, 1}};
        break;
    case AccountType::TaxReserve:
        p.streams = {{"transfer", "Tax provision", 15000, 0.3, 0, 10, 9, 11, 1},
                     {"tax", "VAT payment", -30000, 0.25, 0, 15, 10, 12, 1},
                     {"interest", "Interest", 35, 0.2, 0, 28, 6, 8, 1}};
        break;
    case AccountType::Cash:
        p.streams = {{"other", "Petty cash purchase", -25, 0.7, 1.5, 0, 9, 17, 8},
                     {"transfer", "Cash top-up", 600, 0.1, 0, 2, 9, 11, 1}};
        break;
    }
    return p;
}

QString counterpartyName(const Account& a, const Stream& s, int index)
{
    if (s.counterparties <= 1) {
        // One counterparty per kind of recurring booking, as in a real ledger: the landlord, the tax office, the
        // company's own accounts, the bank.
        const QLatin1String category(s.category);
        if (category == QLatin1String("rent"))
            return QStringLiteral("%1 Properties").arg(QLatin1String(kNames[(a.id + 5) % 20]));
        if (category == QLatin1String("tax"))
            return QStringLiteral("Federal Tax Office");
        if (category == QLatin1String("transfer"))
            return QStringLiteral("Own account transfer");
        return QStringLiteral("%1 Bank").arg(QLatin1String(kNames[a.id % 20]));
    }
    if (QLatin1String(s.category) == QLatin1String("card_spend") || QLatin1String(s.category) == QLatin1String("other"))
        return QLatin1String(kMerchants[(a.id * 7 + index) % 14]);
    if (QLatin1String(s.category) == QLatin1String("payroll"))
        return QStringLiteral("Employee %1").arg(1000 + index);
    return QStringLiteral("%1 %2").arg(
        QLatin1String(kNames[(a.id * 3 + index) % 20]),
        index % 3 == 0 ? QStringLiteral("GmbH") : (index % 3 == 1 ? QStringLiteral("Ltd") : QStringLiteral("Inc")));
}

} // namespace

TransactionGenerator::TransactionGenerator(Ledger& ledger, const Options& options, QObject* parent)
    : QObject(parent)
    , m_ledger(ledger)
    , m_options(options)
    , m_rng(options.seed)
{ }

double TransactionGenerator::uniform()
{
    // 53 random bits -> [0, 1): the same on every standard library (std distributions are not).
    return double(m_rng() >> 11) * (1.0 / 9007199254740992.0);
}

namespace {

double normal(double u1, double u2)
{
    return std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(6.283185307179586 * u2);
}

int poisson(double lambda, double u, double n)
{
    // Inversion for the small daily rates of a company; a normal approximation for scale tests.
    if (lambda > 30.0)
        return qMax(0, int(std::lround(lambda + std::sqrt(lambda) * n)));
    double p = std::exp(-lambda);
    double cdf = p;
    int k = 0;
    while (u > cdf && k < 1000) {
        ++k;
        p *= lambda / k;
        cdf += p;
    }
    return k;
}

qint64 toMinor(double major)
{
    qint64 v = qint64(std::llround(major * 100.0));
    if (v == 0)
        v = major < 0 ? -1 : 1;
    return v;
}

} // namespace

void TransactionGenerator::planDay(const Account& account, qint64 dayStartMs, double dailyScale, qint64 notAfterMs,
                                   QList<NewTransaction>& out)
{
    const Profile profile = profileFor(account);
    const QDate date = QDateTime::fromMSecsSinceEpoch(dayStartMs, Qt::UTC).date();
    const bool weekday = date.dayOfWeek() <= 5;
    const qsizetype first = out.size();
    for (const Stream& s : profile.streams) {
        int count = 0;
        if (s.dayOfMonth > 0) {
            count = date.day() == s.dayOfMonth
                ? (QLatin1String(s.category) == QLatin1String("payroll") ? s.counterparties : 1)
                : 0;
        } else if (weekday || s.perWeekday >= 2.0) {
            count
                = poisson(s.perWeekday * dailyScale * (weekday ? 1.0 : 0.15), uniform(), normal(uniform(), uniform()));
        }
        for (int k = 0; k < count; ++k) {
            NewTransaction t;
            t.accountId = account.id;
            const double magnitude = std::abs(s.medianMajor) * std::exp(s.sigma * normal(uniform(), uniform()));
            t.amount = toMinor(s.medianMajor < 0 ? -magnitude : magnitude);
            t.category = QLatin1String(s.category);
            const int cp = s.dayOfMonth > 0 && QLatin1String(s.category) == QLatin1String("payroll")
                ? k
                : int(uniform() * uniform() * s.counterparties); // a few counterparties dominate
            t.counterparty = counterpartyName(account, s, cp);
            t.description = QStringLiteral("%1 %2").arg(QLatin1String(s.description), t.counterparty);
            const double hour = s.fromHour + uniform() * (s.toHour - s.fromHour);
            t.timestamp = dayStartMs + qint64(hour * double(kHourMs));
            t.source = Source::Generator;
            if (*t.timestamp > notAfterMs)
                continue;
            out.append(std::move(t));
        }
    }
    maybeInject(account, out, first);
}

void TransactionGenerator::maybeInject(const Account& account, QList<NewTransaction>& out, qsizetype firstOfAccount)
{
    // Categories the account's profile never books, for new_category (the first of a fixed preference list).
    QStringList unused;
    {
        QSet<QString> used;
        for (const Stream& st : profileFor(account).streams)
            used.insert(QLatin1String(st.category));
        for (const char* c : {"tax", "refund", "rent", "utilities", "interest", "other", "payroll"})
            if (!used.contains(QLatin1String(c)))
                unused.append(QLatin1String(c));
    }
    const qsizetype normalCount = out.size() - firstOfAccount;
    for (qsizetype i = 0; i < normalCount; ++i) {
        if (uniform() >= m_options.anomalyRate)
            continue;
        const NewTransaction base = out[firstOfAccount + i];
        static const QList<AnomalyType> types = [] {
            QList<AnomalyType> t = allAnomalyTypes();
            t.removeAll(AnomalyType::CompromisedCounterparty); // a payee's, not one transaction's
            return t;
        }();
        const AnomalyType type = types[int(uniform() * types.size()) % types.size()];
        // Each injected transaction is an extra one that differs from a usual transaction of the account in one
        // respect only, so that its label names the one thing that is wrong: apart from that respect it gets a
        // typical amount (the base's, varied a little, so that it is no repeat of the base) and a time in
        // business hours of the same day.
        NewTransaction a = base;
        a.injectedLabel = anomalyTypeKey(type);
        const qint64 dayStart = (*base.timestamp / kDayMs) * kDayMs;
        a.amount = toMinor(double(base.amount) / 100.0 * std::exp(0.25 * normal(uniform(), uniform())));
        a.timestamp = m_live ? *base.timestamp - qint64(uniform() * 600'000.0)
                             : dayStart + qint64((9.0 + uniform() * 8.0) * double(kHourMs));
        switch (type) {
        case AnomalyType::AmountSpike:
            a.amount = base.amount * (15 + qint64(uniform() * 25));
            out.append(a);
            break;
        case AnomalyType::UnusualHour:
            a.timestamp = dayStart + qint64((1.0 + uniform() * 3.0) * double(kHourMs));
            out.append(a);
            break;
        case AnomalyType::NewCounterparty:
            a.counterparty = QStringLiteral("Offshore Trading %1 Ltd").arg(1000 + qint64(uniform() * 9000));
            a.description = QStringLiteral("Payment %1").arg(a.counterparty);
            out.append(a);
            break;
        case AnomalyType::NewCategory: {
            a.category = unused.value(0, QStringLiteral("other"));
            a.description = QStringLiteral("Manual booking");
            out.append(a);
            break;
        }
        case AnomalyType::RapidBurst: {
            // Six payments a minute apart after the base; in a live run squeezed between the base and now.
            a.amount = base.amount;
            const qint64 step
                = m_live ? qMin<qint64>(60'000, qMax<qint64>(0, m_liveNowMs - *base.timestamp) / 6) : 60'000;
            for (int k = 0; k < 6; ++k) {
                NewTransaction b = a;
                b.timestamp = *base.timestamp + qint64(k) * step + qMin<qint64>(1000, step / 2);
                out.append(b);
            }
            break;
        }
        case AnomalyType::DuplicatePayment: {
            // The base paid again 2 to 22 minutes later; in a live run at most now.
            a.amount = base.amount;
            const qint64 delay = qint64((2.0 + uniform() * 20.0) * 60'000);
            a.timestamp
                = m_live ? qMin(*base.timestamp + delay, qMax(*base.timestamp, m_liveNowMs)) : *base.timestamp + delay;
            out.append(a);
            break;
        }
        case AnomalyType::RoundAmount: {
            // The base amount rounded to one significant digit (at least 100.00): 1,234.56 becomes 1,000.00, the
            // size stays typical, only the roundness is unusual.
            const qint64 magnitude = qMax<qint64>(qAbs(base.amount), 10'000);
            qint64 unit = 1;
            while (unit * 10 <= magnitude)
                unit *= 10;
            a.amount = (base.amount < 0 ? -1 : 1) * qMax<qint64>(10'000, (magnitude + unit / 2) / unit * unit);
            a.description = QStringLiteral("Transfer");
            out.append(a);
            break;
        }
        case AnomalyType::CompromisedCounterparty:
            break; // not drawn here: labelCompromisedCounterparty
        }
    }
}

QList<NewTransaction> TransactionGenerator::planBackfill(const QList<Account>& accounts, qint64 fromMs, qint64 toMs,
                                                         double dailyScale)
{
    QList<NewTransaction> out;
    for (qint64 day = (fromMs / kDayMs) * kDayMs; day < toMs; day += kDayMs) {
        for (const Account& a : accounts)
            planDay(a, day, dailyScale, toMs, out);
    }
    // Injected copies may land after `toMs`; the ledger refuses only what is more than a day ahead, but keep
    // history in the past.
    out.removeIf([&](const NewTransaction& t) { return *t.timestamp > toMs; });
    if (m_options.anomalyRate > 0 && m_options.compromisedCounterparty)
        labelCompromisedCounterparty(out, fromMs, toMs);
    return out;
}

void TransactionGenerator::labelCompromisedCounterparty(QList<NewTransaction>& plan, qint64 fromMs, qint64 toMs) const
{
    // Its own stream (from the seed), so the other transactions and injections are the same with or without it.
    std::mt19937_64 rng(m_options.seed ^ 0x9E3779B97F4A7C15ULL);
    const qint64 length = std::clamp<qint64>((toMs - fromMs) / kDayMs * 2 / 3, 7, 56) * kDayMs;
    const qint64 start = toMs - length;
    // Payees paid from at least two accounts in the window, by name (a stable order for the seeded pick).
    QMap<QString, QSet<qint64>> payers;
    for (const NewTransaction& t : std::as_const(plan)) {
        if (t.amount < 0 && *t.timestamp >= start && t.injectedLabel.isEmpty())
            payers[t.counterparty].insert(t.accountId);
    }
    QStringList candidates;
    for (auto it = payers.cbegin(); it != payers.cend(); ++it) {
        if (it->size() >= 2)
            candidates.append(it.key());
    }
    if (candidates.isEmpty())
        return;
    const QString payee = candidates[qsizetype(rng() % quint64(candidates.size()))];
    for (NewTransaction& t : plan) {
        if (t.amount < 0 && *t.timestamp >= start && t.injectedLabel.isEmpty() && t.counterparty == payee)
            t.injectedLabel = anomalyTypeKey(AnomalyType::CompromisedCounterparty);
    }
}

namespace {

// The accounts that take new transactions (not closed).
Result<QList<Account>> openAccounts(const Ledger& ledger)
{
    auto accounts = ledger.accounts();
    if (accounts)
        accounts->removeIf([](const Account& a) { return a.closedAt.has_value(); });
    return accounts;
}

} // namespace

Result<GeneratorRun> TransactionGenerator::backfill(int days, double dailyScale)
{
    if (days < 1)
        return Status::invalidArgument(QStringLiteral("days"), QStringLiteral("must be at least 1"));
    auto jobLock = m_ledger.database()->tryLockJob(Database::Job::Generator);
    if (!jobLock)
        return jobLock.status();
    auto accounts = openAccounts(m_ledger);
    if (!accounts)
        return accounts.status();
    const qint64 now = m_ledger.clock().nowMs();
    const QList<NewTransaction> plan = planBackfill(*accounts, now - qint64(days) * kDayMs, now, dailyScale);
    auto written = m_ledger.addTransactions(plan);
    if (!written)
        return written.status();
    GeneratorRun run;
    run.transactions = *written;
    for (const NewTransaction& t : plan)
        run.anomalies += t.injectedLabel.isEmpty() ? 0 : 1;
    for (const Account& a : *accounts)
        run.accountIds.append(a.id);
    Q_EMIT generated(run.transactions, run.accountIds);
    return run;
}

Result<GeneratorRun> TransactionGenerator::runOnce()
{
    auto jobLock = m_ledger.database()->tryLockJob(Database::Job::Generator);
    if (!jobLock)
        return jobLock.status();
    auto accounts = openAccounts(m_ledger);
    if (!accounts)
        return accounts.status();
    GeneratorRun run;
    if (accounts->isEmpty())
        return run;
    const qint64 now = m_ledger.clock().nowMs();
    m_live = true; // injected transactions stay near now
    m_liveNowMs = now;
    const auto notLive = qScopeGuard([this] { m_live = false; });
    QList<NewTransaction> batch;
    QList<Account> pool = *accounts;
    const int chosen = qMax(1, int(std::round(m_options.accountShare * pool.size())));
    for (int c = 0; c < chosen && !pool.isEmpty(); ++c) {
        const Account a = pool.takeAt(int(uniform() * pool.size()) % pool.size());
        const Profile profile = profileFor(a);
        const int n = 1 + int(uniform() * m_options.maxPerAccount) % qMax(1, m_options.maxPerAccount);
        const qsizetype first = batch.size();
        for (int k = 0; k < n; ++k) {
            // Weighted by the streams' weekday rates (monthly streams rarely).
            double total = 0;
            for (const Stream& s : profile.streams)
                total += s.dayOfMonth > 0 ? 0.05 : s.perWeekday;
            double pick = uniform() * total;
            const Stream* stream = &profile.streams.first();
            for (const Stream& s : profile.streams) {
                pick -= s.dayOfMonth > 0 ? 0.05 : s.perWeekday;
                if (pick <= 0) {
                    stream = &s;
                    break;
                }
            }
            NewTransaction t;
            t.accountId = a.id;
            const double magnitude
                = std::abs(stream->medianMajor) * std::exp(stream->sigma * normal(uniform(), uniform()));
            t.amount = toMinor(stream->medianMajor < 0 ? -magnitude : magnitude);
            t.category = QLatin1String(stream->category);
            t.counterparty = counterpartyName(a, *stream, int(uniform() * uniform() * stream->counterparties));
            t.description = QStringLiteral("%1 %2").arg(QLatin1String(stream->description), t.counterparty);
            t.timestamp = now - qint64(uniform() * 240'000.0);
            t.source = Source::Generator;
            batch.append(t);
        }
        maybeInject(a, batch, first);
        run.accountIds.append(a.id);
    }
    // A live run books nothing after now (the unusual-hour kind falls on the small hours of the same day).
    for (NewTransaction& t : batch)
        t.timestamp = qMin(*t.timestamp, now);
    auto written = m_ledger.addTransactions(batch);
    if (!written)
        return written.status();
    run.transactions = *written;
    for (const NewTransaction& t : std::as_const(batch))
        run.anomalies += t.injectedLabel.isEmpty() ? 0 : 1;
    Q_EMIT generated(run.transactions, run.accountIds);
    return run;
}

} // namespace ledgerguard
