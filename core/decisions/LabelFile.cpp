// SPDX-License-Identifier: GPL-3.0-or-later
#include "decisions/LabelFile.h"

#include "import/Csv.h"
#include "import/ImportValues.h"
#include "import/TextDecoding.h"
#include "ledger/Ledger.h"

#include <QJsonArray>
#include <QTimeZone>

namespace ledgerguard {

namespace {

enum Column { TransactionId, ExternalId, AccountId, AccountName, LabelColumn, DecidedAt, DecidedBy, Note, kColumns };
const char* const kColumnNames[kColumns]
    = {"transactionId", "externalId", "accountId", "accountName", "label", "decidedAt", "decidedBy", "note"};

} // namespace

QJsonObject LabelImport::toJson() const
{
    QJsonArray list;
    for (const LabelFileError& e : errors)
        list.append(QJsonObject {{QStringLiteral("line"), e.line},
                                 {QStringLiteral("column"), e.column},
                                 {QStringLiteral("message"), e.message}});
    return QJsonObject {{QStringLiteral("labelled"), summary.labelled},
                        {QStringLiteral("created"), summary.created},
                        {QStringLiteral("updated"), summary.updated},
                        {QStringLiteral("errors"), list}};
}

Result<LabelImport> importLabelFile(Ledger& ledger, const QByteArray& bytes, const QString& defaultActor,
                                    const QHash<QString, qint64>& accountsByName)
{
    auto decoded = decodeText(bytes);
    if (!decoded)
        return decoded.status();
    CsvReader reader(std::move(decoded->text), detectCsvDelimiter(decoded->text.left(65536)));
    CsvRecord record;
    if (reader.next(&record) != CsvReader::Next::Record)
        return reader.error().isOk() ? Status::invalidArgument(QStringLiteral("file"), QStringLiteral("is empty"))
                                     : reader.error();
    int at[kColumns];
    std::fill(std::begin(at), std::end(at), -1);
    for (int i = 0; i < record.fields.size(); ++i) {
        const QString name = record.fields[i].trimmed();
        for (int c = 0; c < kColumns; ++c) {
            if (name.compare(QLatin1String(kColumnNames[c]), Qt::CaseInsensitive) == 0)
                at[c] = i;
        }
    }
    if (at[LabelColumn] < 0 || (at[TransactionId] < 0 && at[ExternalId] < 0))
        return Status::invalidArgument(
            QStringLiteral("file"),
            QStringLiteral("line %1: the header needs a label column and a transactionId or externalId column")
                .arg(record.line));

    LabelImport out;
    QList<LabelRequest> requests;
    QList<int> lines;
    auto error = [&](int line, Column c, const QString& message) {
        if (out.errors.size() < kMaxLabelErrors)
            out.errors.append({line, QLatin1String(kColumnNames[c]), message});
    };
    CsvReader::Next next;
    while ((next = reader.next(&record)) == CsvReader::Next::Record) {
        auto cell = [&](Column c) { return at[c] < 0 ? QString() : record.fields.value(at[c]).trimmed(); };
        LabelRequest r;
        r.transactionId = cell(TransactionId);
        r.externalId = cell(ExternalId);
        if (r.transactionId.isEmpty() && r.externalId.isEmpty()) {
            error(record.line, at[TransactionId] >= 0 ? TransactionId : ExternalId, QStringLiteral("is empty"));
            continue;
        }
        const auto label = labelFromKey(cell(LabelColumn));
        if (!label) {
            error(record.line, LabelColumn, QStringLiteral("must be fraud or normal"));
            continue;
        }
        r.label = *label;
        if (const QString id = cell(AccountId); !id.isEmpty()) {
            bool ok = false;
            r.accountId = id.toLongLong(&ok);
            if (!ok) {
                error(record.line, AccountId, QStringLiteral("'%1' is not an account id").arg(id.left(64)));
                continue;
            }
        } else if (const QString name = cell(AccountName); !name.isEmpty()) {
            if (!accountsByName.contains(name)) {
                error(record.line, AccountName, QStringLiteral("no account is named '%1'").arg(name.left(100)));
                continue;
            }
            r.accountId = accountsByName.value(name);
        }
        if (const QString when = cell(DecidedAt); !when.isEmpty()) {
            auto parts = parseDateParts(when, DateOrder::YearMonthDay);
            if (!parts) {
                error(record.line, DecidedAt,
                      QStringLiteral("'%1' is not an ISO 8601 date or time").arg(when.left(64)));
                continue;
            }
            r.decidedAt = toUtcMs(*parts, QTimeZone::utc());
        }
        r.actor = cell(DecidedBy).isEmpty() ? defaultActor : cell(DecidedBy);
        r.note = cell(Note);
        requests.append(r);
        lines.append(record.line);
    }
    if (next == CsvReader::Next::Error)
        return reader.error();
    if (!out.errors.isEmpty())
        return out;
    qsizetype failed = -1;
    auto summary = ledger.labelTransactions(requests, &failed);
    if (!summary) {
        if (!summary.status().isInvalidArgument() || failed < 0)
            return summary.status();
        Column column = Note;
        for (int c = 0; c < kColumns; ++c) {
            if (summary.status().field() == QLatin1String(kColumnNames[c]))
                column = Column(c);
        }
        if (column == AccountId && at[AccountId] < 0)
            column = AccountName;
        if (summary.status().field() == QLatin1String("actor"))
            column = DecidedBy;
        if (column == TransactionId && at[TransactionId] < 0)
            column = ExternalId;
        error(lines.value(failed), column, summary.status().message());
        return out;
    }
    out.summary = std::move(*summary);
    return out;
}

} // namespace ledgerguard
