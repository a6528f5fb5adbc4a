// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Ledger.h"

#include <QObject>
#include <random>

namespace ledgerguard {

// How TransactionGenerator draws its transactions.
struct TransactionGeneratorOptions
{
    // Seed of the generator's random stream. Default: 1.
    quint64 seed = 1;
    // Share of generated transactions that are injected anomalies (labelled in injected_labels). Default: 0.01.
    double anomalyRate = 0.01;
    // Share of accounts a scheduled run writes to (at least one). Default: 0.5.
    double accountShare = 0.5;
    // Transactions per chosen account and run: uniform in [1, maxPerAccount]. Default: 3.
    int maxPerAccount = 3;
    // A backfill (with a non-zero anomalyRate) also labels every payment to one shared payee over its last weeks as
    // a compromised counterparty, a kind only decision feedback can find (evaluate --feedback). Default: off.
    bool compromisedCounterparty = false;
};

// What one backfill() or runOnce() wrote.
struct GeneratorRun
{
    qint64 transactions = 0; // transactions written, injected anomalies included
    qint64 anomalies = 0; // of which injected anomalies
    QList<qint64> accountIds; // the accounts written to
};

// Writes realistic company transactions through the ledger's normal path (validation, balances, stale flags):
// payroll runs, rent and utilities on schedule, card spend at merchants in business hours, customer receipts,
// supplier payments, tax transfers, fees and interest. Amounts follow per-category log-normal distributions;
// counterparties come from a stable per-account set; weekday and hour patterns follow office hours.
// Anomalies of every AnomalyType (ledger/Types.h) are injected at `anomalyRate` and labelled with their
// anomalyTypeKey() apart from the transactions; with Options::compromisedCounterparty a backfill also labels every
// payment to one shared payee over its last weeks as a compromised counterparty.
//
// Deterministic for a seed and a clock. Not thread-safe: use from one thread (the scheduler's).
class TransactionGenerator : public QObject
{
    Q_OBJECT
public:
    using Options = TransactionGeneratorOptions;
    TransactionGenerator(Ledger& ledger, const Options& options, QObject* parent = nullptr);
    explicit TransactionGenerator(Ledger& ledger, QObject* parent = nullptr)
        : TransactionGenerator(ledger, Options(), parent)
    { }
    Q_DISABLE_COPY_MOVE(TransactionGenerator)

    // One scheduled run: a random subset of accounts gets a few transactions stamped around the clock's now,
    // written in one SQL transaction. Emits generated().
    Result<GeneratorRun> runOnce();

    // `days` days of history up to the clock's now for every account, written in one batch (one SQL transaction).
    // `dailyScale` multiplies each account's daily volume (1 = a small company; use larger values for scale tests).
    Result<GeneratorRun> backfill(int days, double dailyScale = 1.0);

Q_SIGNALS:
    void generated(qint64 count, const QList<qint64>& accountIds);

private:
    // The transactions backfill() writes, planned day by day over all accounts.
    QList<NewTransaction> planBackfill(const QList<Account>& accounts, qint64 fromMs, qint64 toMs, double dailyScale);
    void planDay(const Account& account, qint64 dayStartMs, double dailyScale, qint64 notAfterMs,
                 QList<NewTransaction>& out);
    void maybeInject(const Account& account, QList<NewTransaction>& out, qsizetype firstOfAccount);
    // Labels every payment in the last weeks of [fromMs, toMs) (two thirds of the span, 7 to 56 days) to one payee paid
    // from at least two accounts (seeded pick) as CompromisedCounterparty: the transactions stay as planned, ordinary
    // in amount, time and payee.
    void labelCompromisedCounterparty(QList<NewTransaction>& plan, qint64 fromMs, qint64 toMs) const;
    double uniform();

    Ledger& m_ledger;
    Options m_options;
    std::mt19937_64 m_rng;
    bool m_live = false; // runOnce() in progress: injected transactions are stamped near now, never after it
    qint64 m_liveNowMs = 0; // the moment of the run in progress
};

} // namespace ledgerguard
