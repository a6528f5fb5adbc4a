// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate/DemoLedger.h"

#include <random>

namespace ledgerguard {

// A first, simple history; the transaction generator's backfill replaces it (issue 4).
Status createDemoLedger(Ledger& ledger, int days, quint64 seed)
{
    auto existing = ledger.accounts();
    if (!existing)
        return existing.status();
    if (!existing->isEmpty())
        return Status::conflict(QStringLiteral("the ledger already has accounts"));
    struct Spec
    {
        const char* name;
        AccountType type;
        const char* category;
        qint64 typical;
    };
    const Spec specs[] = {{"Operating", AccountType::Checking, "supplier_payment", -120000},
                          {"Payroll", AccountType::Checking, "payroll", -350000},
                          {"Savings", AccountType::Savings, "interest", 2500},
                          {"Corporate card", AccountType::CreditCard, "card_spend", -4500},
                          {"Accounts receivable", AccountType::Receivable, "customer_receipt", 180000},
                          {"Accounts payable", AccountType::Payable, "supplier_payment", -90000},
                          {"Tax reserve", AccountType::TaxReserve, "tax", 60000},
                          {"Petty cash", AccountType::Cash, "other", -2500}};
    std::mt19937_64 rng(seed);
    QList<NewTransaction> batch;
    const qint64 now = ledger.clock().nowMs();
    for (const Spec& spec : specs) {
        auto account = ledger.createAccount({QString::fromLatin1(spec.name), spec.type, QStringLiteral("EUR")});
        if (!account)
            return account.status();
        std::lognormal_distribution<double> amount(0.0, 0.4);
        for (int d = days; d > 0; --d) {
            for (int k = 0; k < 3; ++k) {
                NewTransaction t;
                t.accountId = account->id;
                t.amount = qint64(double(spec.typical) * amount(rng));
                if (t.amount == 0)
                    t.amount = spec.typical;
                t.description = QStringLiteral("%1 %2").arg(QString::fromLatin1(spec.category)).arg(d);
                t.category = QString::fromLatin1(spec.category);
                t.timestamp = now - qint64(d) * 86'400'000 + qint64(rng() % 86'400'000);
                t.source = Source::Generator;
                batch.append(t);
            }
        }
    }
    auto added = ledger.addTransactions(batch);
    return added ? Status::ok() : added.status();
}

} // namespace ledgerguard
