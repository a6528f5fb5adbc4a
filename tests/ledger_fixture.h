// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the ledger tests: a fresh ledger file in a new temporary directory on a manual clock, with one EUR
// checking account named "Operating".
#pragma once

#include "ledger/Ledger.h"
#include "util/Clock.h"
#include "util/Status.h"

#include <QTemporaryDir>
#include <memory>

namespace ledgerguard::test {

// Replaces dir, clock and ledger with new ones (the clock at nowMs) and sets account to the new account's id.
// Errors: the ledger's open or createAccount error.
inline Status openLedgerFixture(qint64 nowMs, std::unique_ptr<QTemporaryDir>& dir, std::unique_ptr<ManualClock>& clock,
                                std::unique_ptr<Ledger>& ledger, qint64& account)
{
    ledger.reset();
    dir = std::make_unique<QTemporaryDir>();
    clock = std::make_unique<ManualClock>(nowMs);
    auto opened = Ledger::open(dir->filePath(QStringLiteral("l.sqlite")), *clock);
    if (!opened)
        return opened.status();
    ledger = std::move(*opened);
    auto a = ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    if (!a)
        return a.status();
    account = a->id;
    return Status::ok();
}

} // namespace ledgerguard::test
