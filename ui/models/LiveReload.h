// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <functional>

class QTimer;

namespace ledgerguard {

class Ledger;

// Which of the ledger's change signals a view depends on.
enum class LedgerChange { Transactions = 1, Anomalies = 2, Accounts = 4 };
Q_DECLARE_FLAGS(LedgerChanges, LedgerChange)
Q_DECLARE_OPERATORS_FOR_FLAGS(LedgerChanges)

// Live updates without polling: connects the ledger's change signals in `changes` (Transactions:
// transactionsAdded; Anomalies: anomaliesChanged; Accounts: accountChanged and accountsChanged) to a single-shot
// timer of `delayMs` owned by `owner`, which calls `reload` once a burst of signals has settled (a generator run
// or a detection run emits many). Returns the timer (stop it when reloading for another reason). GUI thread.
QTimer* reloadOnLedgerChanges(Ledger& ledger, QObject* owner, LedgerChanges changes, int delayMs,
                              std::function<void()> reload);

} // namespace ledgerguard
