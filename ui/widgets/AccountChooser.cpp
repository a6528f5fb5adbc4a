// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AccountChooser.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace ledgerguard {

void fillAccountChooser(QComboBox* box, const QList<Account>& accounts, const QString& allItem,
                        const std::function<QString(const Account&)>& label)
{
    const QVariant current = box->currentData();
    QSignalBlocker block(box);
    box->clear();
    if (!allItem.isEmpty())
        box->addItem(allItem);
    for (const Account& a : accounts)
        box->addItem(label ? label(a) : a.name, a.id);
    const int i = box->findData(current);
    box->setCurrentIndex(i < 0 ? 0 : i);
}

} // namespace ledgerguard
