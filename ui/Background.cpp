// SPDX-License-Identifier: GPL-3.0-or-later
#include "Background.h"

#include <QCoreApplication>
#include <QPointer>

namespace ledgerguard {

QThreadPool* backgroundPool()
{
    Q_ASSERT(QCoreApplication::instance());
    Q_ASSERT(QThread::currentThread() == QCoreApplication::instance()->thread());
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setObjectName(QStringLiteral("ledgerguard-background"));
        // Three: a page of rows is not kept waiting behind a slow count and the dashboard's snapshot.
        pool->setMaxThreadCount(3);
        pool->setExpiryTimeout(-1);
    }
    return pool;
}

} // namespace ledgerguard
