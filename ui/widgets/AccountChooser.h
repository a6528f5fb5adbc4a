// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"

#include <functional>

class QComboBox;

namespace ledgerguard {

// Refills `box` with `accounts` (item data = account id), after an optional first item `allItem` without data,
// and keeps the current choice when that account still exists (else selects the first item). Emits no
// currentIndexChanged while refilling. `label` names an account (default: its name).
void fillAccountChooser(QComboBox* box, const QList<Account>& accounts, const QString& allItem = {},
                        const std::function<QString(const Account&)>& label = {});

} // namespace ledgerguard
