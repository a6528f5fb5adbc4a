// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate/DemoLedger.h"

#include "generate/TransactionGenerator.h"

namespace ledgerguard {

Status createDemoLedger(Ledger& ledger, int days, quint64 seed)
{
    auto existing = ledger.accounts();
    if (!existing)
        return existing.status();
    if (!existing->isEmpty())
        return Status::conflict(QStringLiteral("the ledger already has accounts"));
    const std::pair<const char*, AccountType> accounts[] = {{"Operating", AccountType::Checking},
                                                            {"Payroll", AccountType::Checking},
                                                            {"Savings", AccountType::Savings},
                                                            {"Corporate card", AccountType::CreditCard},
                                                            {"Accounts receivable", AccountType::Receivable},
                                                            {"Accounts payable", AccountType::Payable},
                                                            {"Tax reserve", AccountType::TaxReserve},
                                                            {"Petty cash", AccountType::Cash}};
    for (const auto& [name, type] : accounts) {
        auto a = ledger.createAccount({QString::fromLatin1(name), type, QStringLiteral("EUR")});
        if (!a)
            return a.status();
    }
    TransactionGeneratorOptions options;
    options.seed = seed;
    TransactionGenerator generator(ledger, options);
    auto run = generator.backfill(days);
    return run ? Status::ok() : run.status();
}

} // namespace ledgerguard
