// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/LiveReload.h"

#include "ledger/Ledger.h"

#include <QTimer>

namespace ledgerguard {

QTimer* reloadOnLedgerChanges(Ledger& ledger, QObject* owner, LedgerChanges changes, int delayMs,
                              std::function<void()> reload)
{
    auto* timer = new QTimer(owner);
    timer->setSingleShot(true);
    timer->setInterval(delayMs);
    QObject::connect(timer, &QTimer::timeout, owner, std::move(reload));
    auto later = [timer] { timer->start(); };
    if (changes & LedgerChange::Transactions)
        QObject::connect(&ledger, &Ledger::transactionsAdded, timer, later);
    if (changes & LedgerChange::Anomalies)
        QObject::connect(&ledger, &Ledger::anomaliesChanged, timer, later);
    if (changes & LedgerChange::Accounts) {
        QObject::connect(&ledger, &Ledger::accountChanged, timer, later);
        QObject::connect(&ledger, &Ledger::accountsChanged, timer, later);
    }
    return timer;
}

} // namespace ledgerguard
