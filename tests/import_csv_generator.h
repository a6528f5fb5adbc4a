// SPDX-License-Identifier: GPL-3.0-or-later
// For tests and the import benchmark: a seeded bank-export CSV of any size, written in a stream.
#pragma once

#include <QFile>
#include <QHash>
#include <QString>
#include <random>

namespace ledgerguard {

// What writeGeneratedCsv wrote: the row count and, per account column value, the sum of the amounts in cents.
struct GeneratedCsv
{
    qint64 rows = 0;
    qint64 bytes = 0;
    QHash<QString, qint64> sumPerAccount;
};

// Writes `rows` rows "Date,Account,Description,Payee,Amount,Reference" (ISO dates spread evenly over the two years
// from 2024-01-01, in date order or, with newestFirst, newest first as many banks export; `accounts` account
// values "ACC-<n>"; non-zero amounts with two decimals; every description unique; every tenth row without a
// reference). The same seed writes the same file. Returns false when the file cannot be written.
inline bool writeGeneratedCsv(const QString& path, qint64 rows, int accounts, quint32 seed, bool newestFirst,
                              GeneratedCsv* out)
{
    static const char* const kPayees[] = {"Grocer",  "Fuel Station", "Landlord", "Utility Co", "Cafe",
                                          "Airline", "Hardware",     "Insurer",  "Telecom",    "Client Ltd"};
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> cents(1, 250000);
    std::uniform_int_distribution<int> account(0, accounts - 1);
    std::uniform_int_distribution<int> payee(0, int(std::size(kPayees)) - 1);
    const QDate first(2024, 1, 1);
    QByteArray buffer("Date,Account,Description,Payee,Amount,Reference\n");
    *out = GeneratedCsv {};
    for (qint64 i = 0; i < rows; ++i) {
        const qint64 position = newestFirst ? rows - 1 - i : i;
        const QDate day = first.addDays(position * 730 / std::max<qint64>(rows, 1));
        const int magnitude = cents(rng);
        const bool in = rng() % 5 == 0;
        const qint64 amount = in ? magnitude : -magnitude;
        const QString accountName = QStringLiteral("ACC-%1").arg(account(rng));
        const char* const name = kPayees[payee(rng)];
        out->sumPerAccount[accountName] += amount;
        buffer += day.toString(Qt::ISODate).toLatin1();
        buffer += ',' + accountName.toLatin1() + ",Invoice " + QByteArray::number(position) + ' ' + name + ',' + name
            + ',' + (amount < 0 ? "-" : "") + QByteArray::number(magnitude / 100) + '.'
            + QByteArray::number(magnitude % 100).rightJustified(2, '0') + ','
            + (position % 10 == 9 ? QByteArray() : "R" + QByteArray::number(position)) + '\n';
        if (buffer.size() > (1 << 20)) {
            if (file.write(buffer) != buffer.size())
                return false;
            out->bytes += buffer.size();
            buffer.clear();
        }
    }
    if (file.write(buffer) != buffer.size())
        return false;
    out->bytes += buffer.size();
    out->rows = rows;
    return file.flush();
}

} // namespace ledgerguard
