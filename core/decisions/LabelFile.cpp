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

// The label columns of published labelled data sets (Sparkov's is_fraud, PaySim's isFraud, the card data set's
// Class), compared in lower case.
const QStringList kLabelAliases {QStringLiteral("is_fraud"), QStringLiteral("isfraud"),    QStringLiteral("fraud"),
                                 QStringLiteral("class"),    QStringLiteral("is_anomaly"), QStringLiteral("anomaly"),
                                 QStringLiteral("outlier")};

// A label cell: fraud or normal, or a data set's 1/0, true/false, yes/no.
std::optional<Label> labelOfCell(const QString& cell)
{
    if (auto label = labelFromKey(cell))
        return label;
    const QString c = cell.toLower();
    if (c == u"1" || c == u"true" || c == u"yes")
        return Label::Fraud;
    if (c == u"0" || c == u"false" || c == u"no")
        return Label::Normal;
    return std::nullopt;
}

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
    // Besides the columns by their own names: a data set's label column, and its id column as the import maps it
    // (the transactions' external id), where the file has no column of those names.
    int labelAlias = -1;
    int idAlias = -1;
    for (int i = 0; i < record.fields.size(); ++i) {
        const QString name = record.fields[i].trimmed();
        bool own = false;
        for (int c = 0; c < kColumns; ++c) {
            if (name.compare(QLatin1String(kColumnNames[c]), Qt::CaseInsensitive) == 0) {
                at[c] = i;
                own = true;
            }
        }
        if (own)
            continue;
        if (labelAlias < 0 && kLabelAliases.contains(name.toLower()))
            labelAlias = i;
        else if (idAlias < 0 && csvFieldForHeader(name) == CsvField::Id)
            idAlias = i;
    }
    if (at[LabelColumn] < 0)
        at[LabelColumn] = labelAlias;
    if (at[TransactionId] < 0 && at[ExternalId] < 0)
        at[ExternalId] = idAlias;
    if (at[LabelColumn] < 0 || (at[TransactionId] < 0 && at[ExternalId] < 0))
        return Status::invalidArgument(
            QStringLiteral("file"),
            QStringLiteral("line %1: the header needs a label column (label, or a data set's is_fraud, isFraud or "
                           "Class) and a transactionId or externalId column (or the id column the import read, such "
                           "as trans_num)")
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
        const auto label = labelOfCell(cell(LabelColumn));
        if (!label) {
            error(record.line, LabelColumn, QStringLiteral("must be fraud or normal (or 1 or 0, true or false)"));
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
