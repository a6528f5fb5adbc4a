// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate/DemoLedger.h"

#include "generate/TransactionGenerator.h"
#include "util/Files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>

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

namespace {

// Folds the WAL of the closed ledger `file` into it and leaves it in rollback-journal mode, so that the file alone
// is the whole ledger (a -wal file does not follow a rename); Database::open turns WAL on again.
Status foldWal(const QString& file)
{
    const QString name = QStringLiteral("ledgerguard-demo-") + file;
    Status status;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (!db.open()) {
            status = Status::ioError(QStringLiteral("cannot open %1: %2").arg(file, db.lastError().text()));
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))
                || !q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")))
                status = sqlErrorStatus(q.lastError(), QStringLiteral("finish %1").arg(file));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return status;
}

} // namespace

Status createDemoLedgerFile(const QString& path, const Clock& clock, int days, quint64 seed)
{
    const QFileInfo target(path);
    if (target.exists())
        return Status::conflict(QStringLiteral("%1 already exists").arg(path));
    QDir dir = target.absoluteDir();
    const QString stalePattern = target.fileName() + QStringLiteral(".tmp-*");
    for (const QString& stale : dir.entryList({stalePattern}, QDir::Files | QDir::Hidden))
        dir.remove(stale);

    QTemporaryFile temp(target.absoluteFilePath() + QStringLiteral(".tmp-XXXXXX")); // created 0600
    temp.setAutoRemove(false);
    if (!temp.open())
        return Status::ioError(
            QStringLiteral("cannot create a temporary file beside %1: %2").arg(path, temp.errorString()));
    const QString tempPath = temp.fileName();
    temp.close();
    const auto removeTemp = [&] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(tempPath + QLatin1String(suffix));
    };

    Status s;
    {
        auto ledger = Ledger::open(tempPath, clock);
        s = ledger ? createDemoLedger(**ledger, days, seed) : ledger.status();
    }
    if (s.isOk())
        s = foldWal(tempPath);
    if (s.isOk())
        s = syncFile(tempPath);
    if (s.isOk() && !QFile::rename(tempPath, target.absoluteFilePath()))
        s = QFileInfo::exists(path)
            ? Status::conflict(QStringLiteral("%1 was created by another process meanwhile").arg(path))
            : Status::ioError(QStringLiteral("cannot rename %1 to %2").arg(tempPath, path));
    if (s.isOk())
        s = syncDirectory(target.absolutePath());
    removeTemp(); // after a rename only the temporary file's -shm or -journal can be left
    return s;
}

} // namespace ledgerguard
