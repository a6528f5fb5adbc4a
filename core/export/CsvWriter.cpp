// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/CsvWriter.h"

#include "ledger/Ledger.h"
#include "ledger/Risk.h"
#include "money/Money.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonObject>

namespace ledgerguard {

CsvWriter::CsvWriter(QIODevice& device)
    : m_device(device)
{ }

QString CsvWriter::quoted(const QString& field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    QString out = field;
    out.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString CsvWriter::text(const QString& text)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!text.isEmpty() && formulaStarts.contains(text.front()))
        return quoted(QLatin1Char('\'') + text);
    return quoted(text);
}

void CsvWriter::writeRecord(const QStringList& fields)
{
    if (!m_status.isOk())
        return;
    const QByteArray record = (fields.join(QLatin1Char(',')) + QLatin1Char('\n')).toUtf8();
    if (m_device.write(record) != record.size())
        m_status = Status::ioError(m_device.errorString());
}

QStringList transactionCsvHeader()
{
    return {QStringLiteral("transactionId"), QStringLiteral("externalId"),  QStringLiteral("accountId"),
            QStringLiteral("accountName"),   QStringLiteral("timestamp"),   QStringLiteral("amount"),
            QStringLiteral("amountMinor"),   QStringLiteral("currency"),    QStringLiteral("counterparty"),
            QStringLiteral("category"),      QStringLiteral("description"), QStringLiteral("runningBalance"),
            QStringLiteral("anomalyScore"),  QStringLiteral("risk"),        QStringLiteral("importBatch")};
}

namespace {

// Writes `header`, then every row `readPage(request)` pages through, each as `toRecord(row, accountNames)`, to
// `path`. `progress`, when set, gets the count of rows written after each page.
template<typename ReadPage, typename ToRecord>
Status writePagedCsv(const Ledger& ledger, const QString& path, const QStringList& header, ReadPage readPage,
                     ToRecord toRecord, const std::function<void(qint64)>& progress = {})
{
    auto cannotWrite = [&path](const QString& why) {
        return Status::ioError(QCoreApplication::translate("CsvWriter", "Cannot write %1: %2").arg(path, why));
    };
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return cannotWrite(file.errorString());
    auto accounts = ledger.accounts();
    if (!accounts)
        return accounts.status();
    QHash<qint64, QString> accountNames;
    for (const Account& a : std::as_const(*accounts))
        accountNames.insert(a.id, a.name);
    CsvWriter csv(file);
    csv.writeRecord(header);
    PageRequest request {kMaxPageSize, {}};
    qint64 written = 0;
    for (;;) {
        auto page = readPage(request);
        if (!page)
            return page.status();
        for (const auto& row : page->items)
            csv.writeRecord(toRecord(row, accountNames));
        if (!csv.status().isOk())
            return cannotWrite(csv.status().message());
        written += page->items.size();
        if (progress)
            progress(written);
        if (page->nextCursor.isEmpty())
            break;
        request.cursor = page->nextCursor;
    }
    if (!file.flush())
        return cannotWrite(file.errorString());
    return Status::ok();
}

// "2026-01-31T23:59:59Z", with the milliseconds where there are any ("...59.999Z"): the file imports back as the same
// rows, in the same order.
QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(ms % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

} // namespace

Status writeTransactionsCsv(const Ledger& ledger, const TransactionFilter& filter, const QString& path,
                            const std::function<void(qint64)>& progress)
{
    auto readPage = [&](const PageRequest& request) { return ledger.transactions(filter, request); };
    auto toRecord = [](const Transaction& t, const QHash<qint64, QString>& accountNames) {
        return QStringList {
            CsvWriter::quoted(t.id),
            CsvWriter::text(t.externalId),
            QString::number(t.accountId),
            CsvWriter::text(accountNames.value(t.accountId)),
            isoUtc(t.timestamp),
            Money(t.amount, t.currency).toDecimalString(),
            QString::number(t.amount),
            CsvWriter::quoted(t.currency),
            CsvWriter::text(t.counterparty),
            categoryKey(t.category),
            CsvWriter::text(t.description),
            Money(t.runningBalance, t.currency).toDecimalString(),
            t.anomalyScore ? QString::number(*t.anomalyScore, 'f', 4) : QString(),
            t.risk ? riskName(*t.risk) : QString(),
            CsvWriter::quoted(t.importBatch),
        };
    };
    return writePagedCsv(ledger, path, transactionCsvHeader(), readPage, toRecord, progress);
}

QStringList anomalyCsvHeader()
{
    return transactionCsvHeader() + QStringList {QStringLiteral("anomalyId"),   QStringLiteral("type"),
                                                 QStringLiteral("explanation"), QStringLiteral("status"),
                                                 QStringLiteral("decidedBy"),   QStringLiteral("decidedAt"),
                                                 QStringLiteral("assignee"),    QStringLiteral("detectedAt")};
}

Status writeAnomaliesCsv(const Ledger& ledger, const AnomalyFilter& filter, const QString& path)
{
    auto readPage = [&](const PageRequest& request) { return ledger.anomalies(filter, request); };
    auto toRecord = [](const Anomaly& a, const QHash<qint64, QString>& accountNames) {
        QStringList sentences;
        for (const QJsonValue& e : a.explanation)
            sentences << e.toObject().value(QStringLiteral("text")).toString();
        const auto type = anomalyTypeFromKey(a.anomalyType);
        return QStringList {
            CsvWriter::quoted(a.transactionId),
            CsvWriter::text(a.externalId),
            QString::number(a.accountId),
            CsvWriter::text(accountNames.value(a.accountId)),
            isoUtc(a.transactionTimestamp),
            Money(a.amount, a.currency).toDecimalString(),
            QString::number(a.amount),
            CsvWriter::quoted(a.currency),
            CsvWriter::text(a.counterparty),
            categoryKey(a.category),
            CsvWriter::text(a.description),
            Money(a.runningBalance, a.currency).toDecimalString(),
            a.scored ? QString::number(a.score, 'f', 4) : QString(),
            a.scored ? riskName(a.risk) : QString(),
            CsvWriter::quoted(a.importBatch),
            CsvWriter::quoted(a.id),
            CsvWriter::text(type ? anomalyTypeLabel(*type) : a.anomalyType),
            CsvWriter::text(sentences.join(QStringLiteral("; "))),
            anomalyStatusKey(a.status),
            CsvWriter::text(a.decidedBy),
            a.decidedAt ? isoUtc(*a.decidedAt) : QString(),
            CsvWriter::text(a.assignee),
            isoUtc(a.detectedAt),
        };
    };
    return writePagedCsv(ledger, path, anomalyCsvHeader(), readPage, toRecord);
}

} // namespace ledgerguard
