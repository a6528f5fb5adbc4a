// SPDX-License-Identifier: GPL-3.0-or-later
// Detection results, cases (anomalies with their decisions), score history and the append-only audit trail.
#include "ledger/Dialect_p.h"
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"
#include "ledger/SqliteApi_p.h"
#include "util/Ids.h"
#include "util/Json.h"
#include "util/Text.h"

#include <QJsonDocument>
#include <QSet>
#include <limits>

namespace ledgerguard {

namespace {

const QString kDetector = QStringLiteral("detector");
// Up to this many scores and records, storeDetectionResults looks their cases up one by one.
constexpr qsizetype kCaseLookupLimit = 256;

const char* const kInsertAudit = "INSERT INTO audit_log (anomaly_id, transaction_id, at, actor, action, from_value, "
                                 "to_value, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
const char* const kInsertScore
    = "INSERT INTO anomaly_scores (anomaly_id, scored_at, score, risk, model) VALUES (?, ?, ?, ?, ?)";
const char* const kAuditColumns = "id, anomaly_id, transaction_id, at, actor, action, from_value, to_value, note";

AuditEntry readAudit(const QSqlQuery& q)
{
    return AuditEntry {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(),
                       q.value(6).toString(),   q.value(7).toString(), q.value(8).toString()};
}

// A case's features or explanation as stored: compact JSON text.
QString storedJson(const QJsonValue& value)
{
    return QString::fromUtf8(compactJson(value));
}

Status checkActor(const QString& actor)
{
    if (Status s = checkText(actor, QStringLiteral("actor")); !s.isOk())
        return s;
    if (actor.trimmed().isEmpty())
        return Status::invalidArgument(QStringLiteral("actor"), QStringLiteral("is required (who decides)"));
    if (actor.size() > kMaxActorLength)
        return Status::invalidArgument(QStringLiteral("actor"),
                                       QStringLiteral("must be at most %1 characters").arg(kMaxActorLength));
    return Status::ok();
}

Status checkNote(const QString& note)
{
    if (Status s = checkText(note, QStringLiteral("note"), TextKind::MultiLine); !s.isOk())
        return s;
    if (normalizedText(note, TextKind::MultiLine).size() > kMaxNoteLength)
        return Status::invalidArgument(QStringLiteral("note"),
                                       QStringLiteral("must be at most %1 characters").arg(kMaxNoteLength));
    return Status::ok();
}

// The current state of a case, read inside a write transaction.
struct CaseState
{
    QString id;
    QString transactionId;
    qint64 accountId = 0;
    QString status;
    QString assignee;
};

AnomalyStatus statusAfterScoring(AnomalyStatus current, Risk risk)
{
    if (current == AnomalyStatus::Open && risk == Risk::Low)
        return AnomalyStatus::Cleared;
    if (current == AnomalyStatus::Cleared && risk != Risk::Low)
        return AnomalyStatus::Open;
    return current;
}

QString statusForLabel(Label label)
{
    return anomalyStatusKey(label == Label::Fraud ? AnomalyStatus::Confirmed : AnomalyStatus::Dismissed);
}

// Writes transactions' latest scores into transaction_scores (insert or replace the row of the transaction's key):
// by the row key when the score carries one (through SQLite's C API when the connection allows it,
// ledger/SqliteApi_p.h, gathered and written kScoresPerNativeStatement rows per statement; on PostgreSQL gathered and
// written kScoresPerStatement at a time; flush() writes what is gathered), else by id and account. The statements
// are prepared on first use.
class ScoreWriter
{
public:
    explicit ScoreWriter(QSqlDatabase& db)
        : m_native(sqlite::nativeHandle(db))
        , m_postgres(sql::engineOf(db) == sql::Engine::Postgres)
        , m_byKey(db)
        , m_byId(db)
        , m_arrays(db)
    {
        m_risks[int(Risk::Low)] = riskName(Risk::Low);
        m_risks[int(Risk::Medium)] = riskName(Risk::Medium);
        m_risks[int(Risk::High)] = riskName(Risk::High);
        for (int i = 0; i < 3; ++i)
            m_riskUtf8[i] = m_risks[i].toUtf8();
    }

    Status write(const TransactionScore& t, qint64 accountId, qint64 now)
    {
        const QString& risk = m_risks[int(t.risk)];
        if (t.rowKey > 0 && m_native != nullptr) {
            m_pending.push_back(Pending {t.rowKey, t.score, t.risk, now});
            return m_pending.size() >= size_t(kScoresPerNativeStatement) ? flushNative() : Status::ok();
        }
        if (t.rowKey > 0 && m_postgres)
            return gather(t, now);
        const bool byKey = t.rowKey > 0;
        QSqlQuery& q = byKey ? m_byKey : m_byId;
        bool& prepared = byKey ? m_byKeyPrepared : m_byIdPrepared;
        if (!prepared) {
            if (Status s = sql::prepare(q, QString::fromUtf8(byKey ? kByKey : kById), QStringLiteral("prepare score"));
                !s.isOk())
                return s;
            prepared = true;
        }
        return byKey
            ? sql::execPrepared(q, {t.rowKey, t.score, risk, now}, QStringLiteral("store score"))
            : sql::execPrepared(q, {t.score, risk, now, t.transactionId, accountId}, QStringLiteral("store score"));
    }

    // Writes the scores gathered: on SQLite kScoresPerNativeStatement rows per statement and the rest one by one; on
    // PostgreSQL one statement binding each column as an array literal.
    Status flush()
    {
        if (Status s = flushNative(); !s.isOk())
            return s;
        if (m_gathered.isEmpty())
            return Status::ok();
        if (!m_arraysPrepared) {
            if (Status s = sql::prepare(m_arrays, QString::fromUtf8(kByKeyArrays), QStringLiteral("prepare score"));
                !s.isOk())
                return s;
            m_arraysPrepared = true;
        }
        for (int c = 0; c < 4; ++c)
            m_arrays.bindValue(c, QString(m_columns[c] + QLatin1Char('}')));
        for (QString& column : m_columns)
            column = QStringLiteral("{");
        m_gathered.clear();
        if (!m_arrays.exec())
            return sqlErrorStatus(m_arrays.lastError(), QStringLiteral("store scores"));
        return Status::ok();
    }

private:
    static constexpr qsizetype kScoresPerStatement = 10000;
    // SQLite: rows per upsert statement (4 parameters each, far below SQLite's limit). One statement per row opened
    // the table's cursor and ran the statement's set-up a million times in a full run.
    static constexpr int kScoresPerNativeStatement = 64;

    struct Pending
    {
        qint64 rowKey;
        double score;
        Risk risk;
        qint64 now;
    };

    Status flushNative()
    {
        size_t at = 0;
        while (at < m_pending.size()) {
            const bool many = m_pending.size() - at >= size_t(kScoresPerNativeStatement);
            sqlite::Statement& statement = many ? m_directMany : m_direct;
            if (!statement.isPrepared()) {
                const QByteArray text = byKeySql(many ? kScoresPerNativeStatement : 1);
                if (Status s = statement.prepare(m_native, text.constData(), QStringLiteral("prepare score"));
                    !s.isOk())
                    return s;
            }
            const size_t end = at + (many ? size_t(kScoresPerNativeStatement) : 1);
            for (int p = 1; at < end; ++at, p += 4) {
                const Pending& t = m_pending[at];
                statement.bind(p, t.rowKey);
                statement.bindDouble(p + 1, t.score);
                statement.bindStatic(p + 2, m_riskUtf8[int(t.risk)]);
                statement.bind(p + 3, t.now);
            }
            if (Status s = statement.step(QStringLiteral("store score")); !s.isOk()) {
                m_pending.clear();
                return s;
            }
        }
        m_pending.clear();
        return Status::ok();
    }

    // kByKey for `rows` rows: SQLite applies the conflict clause row by row, so a key given twice keeps the later.
    static QByteArray byKeySql(int rows)
    {
        QByteArray text = "INSERT INTO transaction_scores (seq, score, risk, scored_at) VALUES (?, ?, ?, ?)";
        for (int r = 1; r < rows; ++r)
            text += ", (?, ?, ?, ?)";
        return text
            + " ON CONFLICT (seq) DO UPDATE SET score = excluded.score, risk = excluded.risk, "
              "scored_at = excluded.scored_at";
    }

    Status gather(const TransactionScore& t, qint64 now)
    {
        // One statement may not change a row twice (ON CONFLICT): a key seen again writes what came before it.
        if (m_gathered.contains(t.rowKey)) {
            if (Status s = flush(); !s.isOk())
                return s;
        }
        const bool first = m_gathered.isEmpty();
        m_gathered.insert(t.rowKey);
        const QString values[4] = {QString::number(t.rowKey), QString::number(t.score, 'g', 17),
                                   QLatin1Char('"') + m_risks[int(t.risk)] + QLatin1Char('"'), QString::number(now)};
        for (int c = 0; c < 4; ++c) {
            if (!first)
                m_columns[c] += QLatin1Char(',');
            m_columns[c] += values[c];
        }
        return m_gathered.size() >= kScoresPerStatement ? flush() : Status::ok();
    }

    static constexpr const char* kByKeyArrays
        = "INSERT INTO transaction_scores (seq, score, risk, scored_at) SELECT * FROM unnest(?::bigint[], "
          "?::float8[], ?::text[], ?::bigint[]) ON CONFLICT (seq) DO UPDATE SET score = excluded.score, risk = "
          "excluded.risk, scored_at = excluded.scored_at";
    static constexpr const char* kByKey
        = "INSERT INTO transaction_scores (seq, score, risk, scored_at) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO "
          "UPDATE SET score = excluded.score, risk = excluded.risk, scored_at = excluded.scored_at";
    static constexpr const char* kById
        = "INSERT INTO transaction_scores (seq, score, risk, scored_at) SELECT seq, ?, ?, ? FROM transactions "
          "WHERE id = ? AND account_id = ? ON CONFLICT (seq) DO UPDATE SET score = excluded.score, "
          "risk = excluded.risk, scored_at = excluded.scored_at";

    sqlite3* const m_native; // nullptr: Qt Sql only
    const bool m_postgres;
    sqlite::Statement m_direct; // one row
    sqlite::Statement m_directMany; // kScoresPerNativeStatement rows
    std::vector<Pending> m_pending; // SQLite: scores not written yet
    QSqlQuery m_byKey;
    QSqlQuery m_byId;
    QSqlQuery m_arrays; // PostgreSQL: kByKeyArrays
    bool m_byKeyPrepared = false;
    bool m_byIdPrepared = false;
    bool m_arraysPrepared = false;
    QSet<qint64> m_gathered; // the row keys of the scores gathered since the last flush
    QString m_columns[4] = {QStringLiteral("{"), QStringLiteral("{"), QStringLiteral("{"), QStringLiteral("{")};
    QString m_risks[3];
    QByteArray m_riskUtf8[3]; // bound as they are (Statement::bindStatic)
};

} // namespace

Status Ledger::storeDetectionResults(qint64 accountId, const QList<TransactionScore>& scores,
                                     const QList<Anomaly>& anomalies, std::optional<qint64> clearStaleAtSeq,
                                     const QString& model)
{
    const qint64 now = m_clock.nowMs();
    const QString detector = m_database->recordedActor(kDetector);
    QHash<QString, const Anomaly*> records;
    for (const Anomaly& a : anomalies) {
        if (a.accountId != accountId)
            return Status::invalidArgument(QStringLiteral("accountId"),
                                           QStringLiteral("anomaly belongs to another account"));
        if (!(a.score >= 0.0 && a.score <= 1.0))
            return Status::invalidArgument(QStringLiteral("score"), QStringLiteral("must be within [0, 1]"));
        records.insert(a.transactionId, &a);
    }
    for (const TransactionScore& t : scores) {
        if (!(t.score >= 0.0 && t.score <= 1.0))
            return Status::invalidArgument(QStringLiteral("score"), QStringLiteral("must be within [0, 1]"));
    }
    // Each score's record. The detector lists records in the order of their scores: one walk pairs them without a
    // lookup by id per score; records in another order are looked up by id.
    std::vector<const Anomaly*> recordOf(size_t(scores.size()), nullptr);
    qsizetype paired = 0;
    for (qsizetype i = 0; i < scores.size() && paired < anomalies.size(); ++i) {
        if (scores[i].transactionId == anomalies[paired].transactionId)
            recordOf[size_t(i)] = &anomalies[paired++];
    }
    if (paired < anomalies.size()) {
        for (qsizetype i = 0; i < scores.size(); ++i)
            recordOf[size_t(i)] = records.value(scores[i].transactionId);
    }
    Status status = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        // The account's cases, read once: a score without a case and without a MEDIUM/HIGH record needs no
        // statement on the anomalies table.
        QHash<QString, std::pair<QString, QString>> cases;
        // A few rows (a scheduled run's new rows, instant scoring) look up their own cases by transaction; more read
        // all of the account's cases at once (each case row is wide: features and explanation).
        const QString what = QStringLiteral("read anomalies");
        if (scores.size() + anomalies.size() <= kCaseLookupLimit) {
            const QString text
                = QStringLiteral("SELECT id, status FROM anomalies WHERE transaction_id = ? AND account_id = ?");
            auto statement = sql::cached(db, text, what);
            if (!statement)
                return statement.status();
            auto lookUp = [&](const QString& transactionId) -> Status {
                if (cases.contains(transactionId))
                    return Status::ok();
                const QVariantList values {transactionId, accountId};
                return *statement != nullptr
                    ? sql::visitKeptRows(**statement, values, what,
                                         [&](const sqlite::Statement& q) {
                                             cases.insert(transactionId, {q.text(0), q.text(1)});
                                             return false;
                                         })
                    : sql::forEachRow(db, text, values, what, [&](const QSqlQuery& q) {
                          cases.insert(transactionId, {q.value(0).toString(), q.value(1).toString()});
                      });
            };
            for (const TransactionScore& t : scores)
                if (Status s = lookUp(t.transactionId); !s.isOk())
                    return s;
            for (const Anomaly& a : anomalies)
                if (Status s = lookUp(a.transactionId); !s.isOk())
                    return s;
        } else if (Status s = sql::forEachRow(
                       db, QStringLiteral("SELECT transaction_id, id, status FROM anomalies WHERE account_id = ?"),
                       {accountId}, what,
                       [&](const QSqlQuery& q) {
                           cases.insert(q.value(0).toString(), {q.value(1).toString(), q.value(2).toString()});
                       });
                   !s.isOk())
            return s;
        const bool hadCases = !cases.isEmpty();
        ScoreWriter scoreWriter(db);
        // Kept on the connection (sql::run, sql::integer): a run's first cases are thousands of inserts.
        static const QString insert = QStringLiteral(
            "INSERT INTO anomalies (id, account_id, transaction_id, source, score, risk, scored_at, first_score, "
            "first_risk, detected_at, anomaly_type, features, explanation, status, transaction_time) SELECT ?, "
            "account_id, id, 'detector', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', timestamp FROM transactions WHERE id = ? "
            "AND account_id = ? RETURNING 1");
        static const QString update = QStringLiteral(
            "UPDATE anomalies SET status_changed_at = CASE WHEN status <> ? THEN ? ELSE status_changed_at END, "
            "status = ?, score = ?, risk = ?, scored_at = ?, first_score = coalesce(first_score, ?), first_risk = "
            "coalesce(first_risk, ?), anomaly_type = coalesce(?, anomaly_type), features = coalesce(?, features), "
            "explanation = coalesce(?, explanation) WHERE id = ?");
        static const QString history = QString::fromUtf8(kInsertScore);
        static const QString audit = QString::fromUtf8(kInsertAudit);
        const QVariant nullText(QMetaType::fromType<QString>());
        const QString modelName = sql::text(model);
        auto store = [&](const QString& transactionId, double value, Risk risk, const Anomaly* record) -> Status {
            const auto found = cases.constFind(transactionId);
            std::optional<std::pair<QString, QString>> existing;
            if (found != cases.cend())
                existing = *found;
            else if (!record || risk == Risk::Low)
                return Status::ok();
            const QString riskKey = riskName(risk);
            if (!existing) {
                if (!record || risk == Risk::Low)
                    return Status::ok();
                const QString id = record->id.isEmpty() ? newUuidV7(now) : record->id;
                const qint64 detectedAt = record->detectedAt ? record->detectedAt : now;
                auto inserted = sql::integer(db, insert,
                                             {id, value, riskKey, now, value, riskKey, detectedAt,
                                              sql::text(record->anomalyType), storedJson(record->features),
                                              storedJson(record->explanation), transactionId, accountId},
                                             QStringLiteral("store anomaly"));
                if (!inserted)
                    return inserted.status();
                if (*inserted != 1)
                    return Status::invalidArgument(
                        QStringLiteral("transactionId"),
                        QStringLiteral("%1 is not a transaction of account %2").arg(transactionId).arg(accountId));
                Status s = sql::run(db, history, {id, now, value, riskKey, modelName}, QStringLiteral("store score"));
                if (s.isOk())
                    cases.insert(transactionId, {id, anomalyStatusKey(AnomalyStatus::Open)});
                if (s.isOk())
                    s = sql::run(db, audit,
                                 {id, transactionId, now, detector, QStringLiteral("detected"), QStringLiteral(""),
                                  anomalyStatusKey(AnomalyStatus::Open), QStringLiteral("")},
                                 QStringLiteral("audit"));
                return s;
            }
            const auto& [id, fromKey] = *existing;
            const AnomalyStatus from = anomalyStatusFromKey(fromKey).value_or(AnomalyStatus::Open);
            const QString toKey = anomalyStatusKey(statusAfterScoring(from, risk));
            Status s = sql::run(db, update,
                                {toKey, now, toKey, value, riskKey, now, value, riskKey,
                                 record ? QVariant(sql::text(record->anomalyType)) : nullText,
                                 record ? QVariant(storedJson(record->features)) : nullText,
                                 record ? QVariant(storedJson(record->explanation)) : nullText, id},
                                QStringLiteral("update anomaly"));
            if (s.isOk())
                s = sql::run(db, history, {id, now, value, riskKey, modelName}, QStringLiteral("store score"));
            if (s.isOk() && toKey != fromKey) {
                cases[transactionId].second = toKey;
                s = sql::run(
                    db, audit,
                    {id, transactionId, now, detector, QStringLiteral("status"), fromKey, toKey, QStringLiteral("")},
                    QStringLiteral("audit"));
            }
            return s;
        };
        QSet<QString> done;
        for (const TransactionScore& t : scores) {
            Status s = scoreWriter.write(t, accountId, now);
            const Anomaly* record = recordOf[size_t(&t - scores.constData())];
            // A case opened by this call has a record: without a record, only a case from before can need an update.
            if (s.isOk() && (record || hadCases))
                s = record ? store(t.transactionId, record->score, record->risk, record)
                           : store(t.transactionId, t.score, t.risk, nullptr);
            if (!s.isOk())
                return s;
            if (record)
                done.insert(t.transactionId);
        }
        if (Status s = scoreWriter.flush(); !s.isOk())
            return s;
        for (const Anomaly& a : anomalies) {
            if (done.contains(a.transactionId))
                continue;
            if (Status s = store(a.transactionId, a.score, a.risk, &a); !s.isOk())
                return s;
            done.insert(a.transactionId);
        }
        if (!clearStaleAtSeq)
            return Status::ok();
        return sql::run(db, QStringLiteral("UPDATE accounts SET is_stale = 0 WHERE id = ? AND change_seq = ?"),
                        {accountId, *clearStaleAtSeq}, QStringLiteral("clear stale flag"));
    });
    if (!status.isOk())
        return status;
    Q_EMIT anomaliesChanged({accountId});
    if (clearStaleAtSeq)
        Q_EMIT accountChanged(accountId);
    return Status::ok();
}

Result<Anomaly> Ledger::anomalyForTransaction(const QString& transactionId) const
{
    return sql::oneRow(*m_database,
                       QStringLiteral("SELECT %1 FROM anomalies x JOIN transactions t ON t.id = x.transaction_id "
                                      "JOIN accounts a ON a.id = x.account_id WHERE x.transaction_id = ?")
                           .arg(QLatin1String(sql::kAnomalyColumns)),
                       {transactionId.toLower()}, QStringLiteral("read anomaly"), sql::readAnomaly,
                       Status::notFound(QStringLiteral("transaction %1 has no case").arg(transactionId)));
}

Result<Anomaly> Ledger::decideAnomaly(const QString& id, const Decision& decision, const QString& actor)
{
    if (Status s = decideAnomalies({id}, decision, actor); !s.isOk())
        return s;
    return anomaly(id.toLower());
}

Status Ledger::decideAnomalies(const QStringList& ids, const Decision& decision, const QString& actor)
{
    if (Status s = checkActor(actor); !s.isOk())
        return s;
    if (Status s = checkNote(decision.note); !s.isOk())
        return s;
    if (decision.assignee)
        if (Status s = checkText(*decision.assignee, QStringLiteral("assignee")); !s.isOk())
            return s;
    if (decision.assignee && normalizedText(*decision.assignee).size() > kMaxAssigneeLength)
        return Status::invalidArgument(QStringLiteral("assignee"),
                                       QStringLiteral("must be at most %1 characters").arg(kMaxAssigneeLength));
    if (!decision.status && !decision.assignee && decision.note.trimmed().isEmpty())
        return Status::invalidArgument(QStringLiteral("status"),
                                       QStringLiteral("give a status, a note or an assignee"));
    const qint64 now = m_clock.nowMs();
    const QString who = m_database->recordedActor(normalizedText(actor));
    const QString note = sql::text(normalizedText(decision.note, TextKind::MultiLine));
    QSet<qint64> accountIds;
    Status s = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        QSqlQuery audit(db);
        if (Status s = sql::prepare(audit, QString::fromUtf8(kInsertAudit), QStringLiteral("prepare audit")); !s.isOk())
            return s;
        for (const QString& id : ids) {
            auto current = sql::oneRow(
                db,
                QStringLiteral("SELECT id, transaction_id, account_id, status, assignee FROM anomalies WHERE id = ?"),
                {id.toLower()}, QStringLiteral("read anomaly"),
                [](const QSqlQuery& q) {
                    return CaseState {q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                                      q.value(3).toString(), q.value(4).toString()};
                },
                Status::notFound(QStringLiteral("anomaly %1 does not exist").arg(id)));
            if (!current)
                return current.status();
            accountIds.insert(current->accountId);
            bool noteWritten = note.isEmpty();
            auto entry = [&](const QString& action, const QString& from, const QString& to) {
                const QString text = noteWritten ? QStringLiteral("") : note;
                noteWritten = true;
                return sql::execPrepared(audit, {current->id, current->transactionId, now, who, action, from, to, text},
                                         QStringLiteral("audit"));
            };
            if (decision.status && anomalyStatusKey(*decision.status) != current->status) {
                const QString to = anomalyStatusKey(*decision.status);
                Status s
                    = sql::run(db,
                               QStringLiteral("UPDATE anomalies SET status = ?, status_changed_at = ?, decided_by = ?, "
                                              "decided_at = ? WHERE id = ?"),
                               {to, now, who, now, current->id}, QStringLiteral("update anomaly"));
                if (s.isOk())
                    s = entry(QStringLiteral("status"), current->status, to);
                if (!s.isOk())
                    return s;
            }
            if (decision.assignee && normalizedText(*decision.assignee) != current->assignee) {
                const QString to = sql::text(normalizedText(*decision.assignee));
                Status s = sql::run(db, QStringLiteral("UPDATE anomalies SET assignee = ? WHERE id = ?"),
                                    {to, current->id}, QStringLiteral("update anomaly"));
                if (s.isOk())
                    s = entry(QStringLiteral("assignee"), current->assignee, to);
                if (!s.isOk())
                    return s;
            }
            if (!noteWritten) {
                if (Status s = entry(QStringLiteral("note"), QStringLiteral(""), QStringLiteral("")); !s.isOk())
                    return s;
            }
        }
        return Status::ok();
    });
    if (!s.isOk())
        return s;
    if (!accountIds.isEmpty())
        Q_EMIT anomaliesChanged(QList<qint64>(accountIds.begin(), accountIds.end()));
    return Status::ok();
}

Result<Anomaly> Ledger::setAnomalyStatus(const QString& id, AnomalyStatus status, const QString& actor)
{
    return decideAnomaly(id, Decision {status, {}, std::nullopt}, actor);
}

Result<Anomaly> Ledger::addNote(const QString& id, const QString& note, const QString& actor)
{
    if (note.trimmed().isEmpty())
        return Status::invalidArgument(QStringLiteral("note"), QStringLiteral("is required"));
    return decideAnomaly(id, Decision {std::nullopt, note, std::nullopt}, actor);
}

Result<AnomalyHistory> Ledger::anomalyHistory(const QString& id) const
{
    const QString key = id.toLower();
    AnomalyHistory history;
    auto scores = sql::rows(
        *m_database,
        QStringLiteral("SELECT scored_at, score, risk, model FROM anomaly_scores WHERE anomaly_id = "
                       "? ORDER BY scored_at, rowid"),
        {key}, QStringLiteral("read score history"), [](const QSqlQuery& q) {
            return ScoreEntry {q.value(0).toLongLong(), q.value(1).toDouble(),
                               riskFromName(q.value(2).toString()).value_or(Risk::Low), q.value(3).toString()};
        });
    if (!scores)
        return scores.status();
    auto audit = sql::rows(
        *m_database,
        QStringLiteral("SELECT %1 FROM audit_log WHERE anomaly_id = ? ORDER BY id").arg(QLatin1String(kAuditColumns)),
        {key}, QStringLiteral("read audit trail"), readAudit);
    if (!audit)
        return audit.status();
    if (scores->isEmpty() && audit->isEmpty()) {
        if (auto exists = anomaly(key); !exists)
            return exists.status();
    }
    history.scores = std::move(*scores);
    history.audit = std::move(*audit);
    for (const AuditEntry& e : std::as_const(history.audit)) {
        if (!e.note.isEmpty())
            history.notes.append(e);
    }
    return history;
}

Result<QList<AuditEntry>> Ledger::transactionAudit(const QString& transactionId) const
{
    return sql::rows(*m_database,
                     QStringLiteral("SELECT %1 FROM audit_log WHERE transaction_id = ? ORDER BY id")
                         .arg(QLatin1String(kAuditColumns)),
                     {transactionId.toLower()}, QStringLiteral("read audit trail"), readAudit);
}

Result<QList<StandingDecision>> Ledger::standingDecisions() const
{
    return sql::rows(
        *m_database,
        QStringLiteral(
            "SELECT x.account_id, t.counterparty, t.amount, t.timestamp, x.decided_at, x.status, x.source, "
            "x.anomaly_type, x.score, x.explanation FROM anomalies x JOIN transactions t ON t.id = x.transaction_id "
            "WHERE x.status IN (?, ?) AND x.decided_at IS NOT NULL ORDER BY x.decided_at, x.id"),
        {statusForLabel(Label::Fraud), statusForLabel(Label::Normal)}, QStringLiteral("read decisions"),
        [](const QSqlQuery& q) {
            StandingDecision d;
            d.accountId = q.value(0).toLongLong();
            d.counterparty = q.value(1).toString();
            d.amount = q.value(2).toLongLong();
            d.bookedAt = q.value(3).toLongLong();
            d.decidedAt = q.value(4).toLongLong();
            d.label = q.value(5).toString() == statusForLabel(Label::Fraud) ? Label::Fraud : Label::Normal;
            d.source = q.value(6).toString() == caseSourceKey(CaseSource::Analyst) ? CaseSource::Analyst
                                                                                   : CaseSource::Detector;
            d.anomalyType = q.value(7).toString();
            d.score = q.value(8).isNull() ? std::numeric_limits<double>::quiet_NaN() : q.value(8).toDouble();
            d.explanation = q.value(9).toString();
            return d;
        });
}

Result<Anomaly> Ledger::labelTransaction(const QString& transactionId, Label label, qint64 decidedAt,
                                         const QString& actor, const QString& note)
{
    LabelRequest request;
    request.transactionId = transactionId;
    request.label = label;
    request.decidedAt = decidedAt;
    request.actor = actor;
    request.note = note;
    auto summary = labelTransactions({request});
    if (!summary)
        return summary.status();
    return anomalyForTransaction(transactionId);
}

Result<LabelSummary> Ledger::labelTransactions(const QList<LabelRequest>& requests, qsizetype* failedIndex)
{
    const qint64 now = m_clock.nowMs();
    auto fail = [&](qsizetype i, Status s) {
        if (failedIndex)
            *failedIndex = i;
        return s;
    };
    bool byExternalId = false;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const LabelRequest& r = requests[i];
        if (Status s = checkActor(r.actor); !s.isOk())
            return fail(i, s);
        if (Status s = checkNote(r.note); !s.isOk())
            return fail(i, s);
        if (r.decidedAt && (*r.decidedAt < 0 || *r.decidedAt > now + kMaxFutureMs))
            return fail(i,
                        Status::invalidArgument(QStringLiteral("decidedAt"),
                                                QStringLiteral("must be after 1970 and at most one day ahead")));
        if (r.transactionId.isEmpty() && r.externalId.isEmpty())
            return fail(i,
                        Status::invalidArgument(QStringLiteral("transactionId"),
                                                QStringLiteral("give a transactionId or an externalId")));
        byExternalId = byExternalId || r.transactionId.isEmpty();
    }
    LabelSummary summary;
    QSet<qint64> accountIds;
    Status status = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        // externalId -> (account, transaction id) of imported rows, read once when a request needs it.
        QMultiHash<QString, std::pair<qint64, QString>> external;
        if (byExternalId) {
            Status s = sql::forEachRow(
                db,
                QStringLiteral("SELECT external_id, account_id, id FROM transactions WHERE external_id IS NOT NULL"),
                {}, QStringLiteral("read external ids"), [&](const QSqlQuery& q) {
                    external.insert(q.value(0).toString(), {q.value(1).toLongLong(), q.value(2).toString()});
                });
            if (!s.isOk())
                return s;
        }
        auto before
            = sql::integer(db, QStringLiteral("SELECT count(*) FROM anomalies"), {}, QStringLiteral("count anomalies"));
        if (!before)
            return before.status();
        // Two statements per label: the audit entry (reading the case's state before the change; no row when the
        // transaction does not exist), then the case (opened, or decided unless its decision is newer).
        QSqlQuery audit(db), upsert(db);
        for (const auto& [q, text] : std::initializer_list<std::pair<QSqlQuery*, const char*>> {
                 {&audit,
                  "INSERT INTO audit_log (anomaly_id, transaction_id, at, actor, action, from_value, to_value, note) "
                  "SELECT coalesce(x.id, ?), t.id, ?, ?, CASE WHEN x.decided_at > ? THEN 'label_superseded' ELSE "
                  "'label' END, coalesce(x.status, ''), ?, ? FROM transactions t LEFT JOIN anomalies x ON "
                  "x.transaction_id = t.id WHERE t.id = ?"},
                 {&upsert,
                  "INSERT INTO anomalies (id, account_id, transaction_id, source, score, risk, scored_at, "
                  "detected_at, status, status_changed_at, decided_by, decided_at, transaction_time) SELECT "
                  "?, t.account_id, t.id, 'analyst', s.score, s.risk, s.scored_at, ?, ?, ?, ?, ?, t.timestamp "
                  "FROM transactions t LEFT JOIN transaction_scores s ON s.seq = t.seq WHERE t.id = ? "
                  "ON CONFLICT (transaction_id) DO UPDATE SET "
                  "status_changed_at = CASE WHEN anomalies.status <> excluded.status THEN "
                  "excluded.status_changed_at ELSE anomalies.status_changed_at END, status = excluded.status, "
                  "decided_by = excluded.decided_by, "
                  "decided_at = excluded.decided_at WHERE anomalies.decided_at IS NULL OR anomalies.decided_at <= "
                  "excluded.decided_at"}}) {
            if (Status s = sql::prepare(*q, QString::fromUtf8(text), QStringLiteral("prepare labels")); !s.isOk())
                return s;
        }
        // Labels whose external id no transaction has are counted first, so that a file of many such (rows an import
        // skipped) is refused with their number, not only its first.
        qsizetype firstUnknown = -1, unknown = 0;
        QStringList unknownIds;
        if (byExternalId)
            for (qsizetype i = 0; i < requests.size(); ++i) {
                const LabelRequest& r = requests[i];
                if (!r.transactionId.isEmpty())
                    continue;
                const QList<std::pair<qint64, QString>> matches = external.values(r.externalId);
                if (std::none_of(matches.cbegin(), matches.cend(),
                                 [&r](const auto& m) { return !r.accountId || m.first == *r.accountId; })) {
                    firstUnknown = firstUnknown < 0 ? i : firstUnknown;
                    ++unknown;
                    if (unknownIds.size() < 5)
                        unknownIds.append(r.externalId);
                }
            }
        if (unknown > 1)
            return fail(firstUnknown,
                        Status::invalidArgument(
                            QStringLiteral("transactionId"),
                            QStringLiteral("%1 of the %2 labels name an externalId no transaction of the ledger has "
                                           "(%3%4): nothing was labelled; import those rows first, or leave their "
                                           "labels out")
                                .arg(unknown)
                                .arg(requests.size())
                                .arg(unknownIds.join(QStringLiteral(", ")),
                                     unknown > unknownIds.size() ? QStringLiteral(", ...") : QString())));
        const QString fraud = statusForLabel(Label::Fraud);
        const QString normal = statusForLabel(Label::Normal);
        for (qsizetype i = 0; i < requests.size(); ++i) {
            const LabelRequest& r = requests[i];
            QString transactionId = r.transactionId.toLower();
            if (transactionId.isEmpty()) {
                QList<std::pair<qint64, QString>> matches = external.values(r.externalId);
                if (r.accountId)
                    matches.removeIf([&](const auto& m) { return m.first != *r.accountId; });
                if (matches.isEmpty())
                    return fail(
                        i,
                        Status::invalidArgument(
                            QStringLiteral("transactionId"),
                            QStringLiteral("no transaction has externalId %1%2")
                                .arg(r.externalId,
                                     r.accountId ? QStringLiteral(" in account %1").arg(*r.accountId) : QString())));
                if (matches.size() > 1)
                    return fail(
                        i,
                        Status::invalidArgument(QStringLiteral("accountId"),
                                                QStringLiteral("externalId %1 is in %2 accounts: give the account")
                                                    .arg(r.externalId)
                                                    .arg(matches.size())));
                transactionId = matches.front().second;
            }
            const qint64 decidedAt = r.decidedAt.value_or(now);
            const QString id = newUuidV7(now);
            const QString actor = m_database->recordedActor(normalizedText(r.actor));
            const QString& to = r.label == Label::Fraud ? fraud : normal;
            Status s = sql::execPrepared(
                audit,
                {id, now, actor, decidedAt, to, sql::text(normalizedText(r.note, TextKind::MultiLine)), transactionId},
                QStringLiteral("audit"));
            if (s.isOk() && audit.numRowsAffected() != 1)
                s = Status::invalidArgument(QStringLiteral("transactionId"),
                                            QStringLiteral("transaction %1 does not exist").arg(transactionId));
            if (s.isOk())
                s = sql::execPrepared(upsert, {id, decidedAt, to, now, actor, decidedAt, transactionId},
                                      QStringLiteral("store label"));
            if (!s.isOk())
                return fail(i, s);
        }
        auto after
            = sql::integer(db, QStringLiteral("SELECT count(*) FROM anomalies"), {}, QStringLiteral("count anomalies"));
        if (!after)
            return after.status();
        summary.labelled = requests.size();
        summary.created = *after - *before;
        summary.updated = summary.labelled - summary.created;
        auto accounts = sql::rows(db, QStringLiteral("SELECT id FROM accounts"), {}, QStringLiteral("read accounts"),
                                  [](const QSqlQuery& q) { return q.value(0).toLongLong(); });
        if (!accounts)
            return accounts.status();
        accountIds = QSet<qint64>(accounts->begin(), accounts->end());
        return Status::ok();
    });
    if (!status.isOk())
        return status;
    if (!accountIds.isEmpty())
        Q_EMIT anomaliesChanged(QList<qint64>(accountIds.begin(), accountIds.end()));
    return summary;
}

} // namespace ledgerguard
