// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger's import batches: writing one import with its duplicate checks, undoing it, and reading its record.
#include "ledger/Ledger.h"
#include "ledger/SqlRows_p.h"
#include "util/Ids.h"
#include "util/Text.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDateTime>
#include <QSet>
#include <QSqlQuery>
#include <QTimeZone>

namespace ledgerguard {

namespace {

// A description compared case- and space-insensitively.
QString normalised(const QString& description)
{
    return description.simplified().toCaseFolded();
}

bool similar(const QString& a, const QString& b)
{
    if (a.isEmpty() || b.isEmpty())
        return a == b;
    return a == b || a.contains(b) || b.contains(a);
}

ImportBatchRecord readBatch(const QSqlQuery& q)
{
    ImportBatchRecord r;
    r.id = q.value(0).toString();
    r.createdAt = q.value(1).toLongLong();
    r.fileName = q.value(2).toString();
    r.format = q.value(3).toString();
    r.encoding = q.value(4).toString();
    r.rows = q.value(5).toLongLong();
    r.imported = q.value(6).toLongLong();
    r.duplicates = q.value(7).toLongLong();
    r.probableDuplicates = q.value(8).toLongLong();
    r.skipped = q.value(9).toLongLong();
    if (!q.isNull(10))
        r.undoneAt = q.value(10).toLongLong();
    return r;
}

const char* const kBatchColumns = "id, created_at, file_name, format, encoding, rows, imported, duplicates, "
                                  "probable_duplicates, skipped, undone_at";

// A transaction a row may be a probable duplicate of.
struct Candidate
{
    qint64 timestamp;
    QString description; // normalised
    std::optional<qint64> statedBalance; // a row of this import: the balance its statement states after it
    bool ofThisImport = false; // a row written by this import (else a transaction the account had before)
    bool bankId = false; // a transaction the account had, with an id its bank gave (not one derived, "lg1:")
    // Of a bankId: the digest (idDigest) of the reference in it, and whether the import qualified it with the row's
    // date and amount (qualifiedReference).
    quint64 reference = 0;
    bool qualified = false;
};

// The UTC day of a time in ms since the epoch (days before 1970 negative).
qint64 utcDay(qint64 ms)
{
    return ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
}

// A 64-bit digest of an external id: the duplicate sets hold these instead of the ids, so an import's memory grows
// by a few bytes per row; a digest found is confirmed against the ids themselves before a row counts as duplicate.
quint64 idDigest(QStringView externalId)
{
    return quint64(qHash(externalId, size_t(0x9e3779b97f4a7c15ULL)));
}

// Calls visit(integerAt, textAt) for each row of `text`, where integerAt(column) and textAt(column) read the row's
// columns: through the statement kept on the connection where it has one (no QVariant per value), else Qt Sql.
// The duplicate checks read every transaction of an account this way.
template<typename Visit>
Status forEachKeptRow(QSqlDatabase& db, const QString& text, const QVariantList& values, const QString& what,
                      Visit&& visit)
{
    auto statement = sql::cached(db, text, what);
    if (!statement)
        return statement.status();
    if (*statement != nullptr)
        return sql::visitKeptRows(**statement, values, what, [&](const sqlite::Statement& q) {
            visit([&](int c) { return q.int64(c); }, [&](int c) { return q.text(c); });
            return true;
        });
    return sql::forEachRow(db, text, values, what, [&](const QSqlQuery& q) {
        visit([&](int c) { return q.value(c).toLongLong(); }, [&](int c) { return q.value(c).toString(); });
    });
}

bool needsProbableCheck(const ImportRow& row)
{
    return row.transaction.externalId.isEmpty() || row.externalIdDerived;
}

// The reference of an id a CSV import qualified with its row's date and amount (ReferenceIds: a "Reference" column
// taken as the id without being mapped, "R-105 2026-04-11 8999", or "... #2"), else empty. The same reference
// mapped as the id ("R-105") names the same row.
QStringView qualifiedReference(QStringView id)
{
    qsizetype end = id.size();
    if (const qsizetype hash = id.lastIndexOf(u" #");
        hash > 0 && hash + 2 < end && std::all_of(id.begin() + hash + 2, id.end(), [](QChar c) { return c.isDigit(); }))
        end = hash;
    qsizetype i = end;
    while (i > 0 && id[i - 1].isDigit())
        --i;
    if (i == end)
        return {};
    if (i > 0 && id[i - 1] == u'-')
        --i;
    if (i < 13 || id[i - 1] != u' ' || id[i - 12] != u' ')
        return {};
    const QStringView date = id.sliced(i - 11, 10);
    for (qsizetype k = 0; k < 10; ++k)
        if (k == 4 || k == 7 ? date[k] != u'-' : !date[k].isDigit())
            return {};
    return id.first(i - 12);
}

// A derived id (ImportValues' derivedExternalId): not the bank's own.
bool isDerivedId(const QString& externalId)
{
    return externalId.startsWith(QLatin1String("lg1:"));
}

// The probable-duplicate window (Ledger::kProbableDuplicateDays) in ms.
constexpr qint64 kProbableWindowMs = Ledger::kProbableDuplicateDays * kDayMs;

// The key of a transaction's candidates: its amount and the window-long stretch of time its timestamp falls in, so
// that the candidates within the window of a time lie under the keys of its stretch and the two beside it.
using CandidateKey = std::pair<qint64, qint64>;
CandidateKey candidateKey(qint64 amount, qint64 timestamp)
{
    const qint64 stretch
        = timestamp >= 0 ? timestamp / kProbableWindowMs : (timestamp - kProbableWindowMs + 1) / kProbableWindowMs;
    return {amount, stretch};
}

// At most this many candidates of one amount near one time are compared with a row, the latest first: a file of many
// rows of one amount on one day (a subscription's charges) stays linear.
constexpr qsizetype kMaxComparedCandidates = 256;

// What the duplicate checks know of one account.
struct AccountIndex
{
    QSet<quint64> externalIds; // idDigest of the account's ids, those of the rows written by this import included
    bool candidatesLoaded = false;
    QHash<CandidateKey, QList<Candidate>> candidates; // candidateKey -> transactions of that amount and stretch
};

} // namespace

void prepareImportRow(ImportRow* row)
{
    NewTransaction& t = row->transaction;
    // The texts as the ledger's own checks take them: accepted as given (trimming makes no text acceptable), then
    // normalized.
    if (t.id.isEmpty() && isAcceptedText(t.description) && isAcceptedText(t.counterparty)) {
        t.description = normalizedText(t.description);
        t.counterparty = normalizedText(t.counterparty);
        row->writeReady = true;
    }
    row->externalIdDigest = t.externalId.isEmpty() ? 0 : idDigest(t.externalId);
    row->comparableDescription = needsProbableCheck(*row) ? normalised(t.description) : QString();
    row->prepared = true;
}

struct ImportWriter::State
{
    Ledger* ledger = nullptr;
    ImportBatchOptions options;
    qint64 now = 0;
    QSqlDatabase db;
    QMutexLocker<QMutex> lock;
    std::unique_ptr<sql::WriteTransaction> tx;
    Status failed;
    bool done = false;
    ImportBatchResult result;
    QHash<qint64, AccountIndex> accounts;
    QHash<qint64, std::pair<qint64, QString>> recomputeFrom;
    Ledger::LastRows lastRows; // of the accounts this import wrote
    QList<qint64> writtenAccountIds;
    QStringList writtenIds; // up to Ledger::kMaxIdsInSignal, else empty
    bool tooManyIds = false;
    QList<qint64> createdIds; // the accounts this import created
    QSet<quint64> sharedRows; // sharedKey of the rows this import wrote under "ID~..." ids (ImportOutcome::SharedId)
    QSet<quint64> sharedIdKeys; // chunkKey of the ids this import found shared

    explicit State(QMutex* mutex)
        : lock(mutex)
    { }

    Status loadExternalIds(qint64 accountId, AccountIndex* index)
    {
        return forEachKeptRow(
            db, QStringLiteral("SELECT external_id FROM transactions WHERE account_id = ? AND external_id IS NOT NULL"),
            {accountId}, QStringLiteral("read external ids"),
            [&](auto, auto textAt) { index->externalIds.insert(idDigest(textAt(0))); });
    }

    // The key of an account's external id in a chunk's set of ids.
    static quint64 chunkKey(qint64 accountId, quint64 digest)
    {
        return digest ^ (quint64(accountId) * 0x9e3779b97f4a7c15ULL);
    }

    // What the account knows of `externalId`: whether a transaction from before this import has it (else only this
    // import's rows, or none), and whether it is shared (transactions were written under "ID~..." ids of it).
    struct IdKnowledge
    {
        bool before = false;
        bool thisImport = false;
        bool shared = false;
    };

    Result<IdKnowledge> knownId(qint64 accountId, const QString& externalId, quint64 digest,
                                const QHash<quint64, qsizetype>& inChunk, const QList<NewTransaction>& toWrite)
    {
        IdKnowledge k;
        // One range of the (account_id, external_id) index: the id itself and its "ID~" forms.
        if (Status s = forEachKeptRow(
                db,
                QStringLiteral("SELECT MAX(CASE WHEN external_id = ? THEN (CASE WHEN import_batch = ? THEN 0 ELSE 1 "
                               "END) END), MAX(CASE WHEN external_id >= ? THEN 1 ELSE 0 END) FROM transactions WHERE "
                               "account_id = ? AND external_id >= ? AND external_id < ?"),
                {externalId, result.batchId, QString(externalId + u'~'), accountId, externalId,
                 QString(externalId + QChar(0x7f))},
                QStringLiteral("check external id"),
                [&](auto integerAt, auto textAt) {
                    if (!textAt(0).isEmpty()) {
                        k.before = integerAt(0) == 1;
                        k.thisImport = integerAt(0) == 0;
                    }
                    k.shared = !textAt(1).isEmpty() && integerAt(1) == 1;
                });
            !s.isOk())
            return s;
        k.shared = k.shared || sharedIdKeys.contains(chunkKey(accountId, digest));
        const auto same
            = [&](const NewTransaction& w) { return w.accountId == accountId && w.externalId == externalId; };
        if (const auto first = inChunk.constFind(chunkKey(accountId, digest)); !k.before && first != inChunk.cend())
            k.thisImport = k.thisImport || same(toWrite[*first])
                || std::any_of(toWrite.cbegin() + *first + 1, toWrite.cend(), same);
        return k;
    }

    // True when a transaction of the account under `externalId` or one of its "ID~" forms has `amount` and
    // `description` on the UTC day of `timestamp`: rows of this import (the first of this chunk with the id, those
    // imported under their own ids: sharedRows) and the transactions written before.
    Result<bool> sameSharedRow(qint64 accountId, const QString& externalId, quint64 digest, qint64 amount,
                               qint64 timestamp, const QString& description, const QHash<quint64, qsizetype>& inChunk,
                               const QList<NewTransaction>& toWrite)
    {
        const qint64 day = utcDay(timestamp);
        if (sharedRows.contains(sharedKey(accountId, digest, amount, day, description)))
            return true;
        if (const auto first = inChunk.constFind(chunkKey(accountId, digest)); first != inChunk.cend()) {
            const NewTransaction& w = toWrite[*first];
            if (w.accountId == accountId && w.externalId == externalId && w.amount == amount
                && utcDay(w.timestamp.value_or(now)) == day && w.description == description)
                return true;
        }
        bool exists = false;
        if (Status s = forEachKeptRow(
                db,
                QStringLiteral(
                    "SELECT 1 FROM transactions WHERE account_id = ? AND external_id >= ? AND external_id < ? "
                    "AND (external_id = ? OR external_id >= ?) AND amount = ? AND timestamp >= ? AND "
                    "timestamp < ? AND description = ? LIMIT 1"),
                {accountId, externalId, QString(externalId + QChar(0x7f)), externalId, QString(externalId + u'~'),
                 amount, day * kDayMs, (day + 1) * kDayMs, description},
                QStringLiteral("check external id"), [&](auto, auto) { exists = true; });
            !s.isOk())
            return s;
        return exists;
    }

    static quint64 sharedKey(qint64 accountId, quint64 digest, qint64 amount, qint64 day, const QString& description)
    {
        return chunkKey(accountId, digest) ^ (quint64(amount) * 0xff51afd7ed558ccdULL)
            ^ (quint64(day) * 0xc4ceb9fe1a85ec53ULL) ^ (idDigest(description) * 0x9fb21c651e98df25ULL);
    }

    // The id a transaction sharing `externalId` is written under: the id, the amount, the UTC day and a digest of
    // the description ("0~-2000~2024-01-06~3f2a9c1b"), the same for the same row in every import.
    static QString sharedIdFor(const QString& externalId, qint64 amount, qint64 timestamp, const QString& description)
    {
        const QByteArray text = QCryptographicHash::hash(description.toUtf8(), QCryptographicHash::Sha256).toHex();
        return QStringLiteral("%1~%2~%3~%4")
            .arg(externalId)
            .arg(amount)
            .arg(QDateTime::fromMSecsSinceEpoch(utcDay(timestamp) * kDayMs, QTimeZone::utc())
                     .date()
                     .toString(Qt::ISODate))
            .arg(QString::fromLatin1(text.left(8)));
    }

    // True when the account has a transaction with `externalId` (written before this chunk, by this import or
    // earlier) or an earlier row of this chunk has it (`inChunk`: chunkKey -> index in `toWrite` of the first of
    // the chunk's rows to write with that key; the other rows of the chunk are compared only when that one has
    // another id, i.e. two ids share a key). Called when the digest is known, i.e. almost always for a real
    // duplicate: the confirming lookup uses the (account_id, external_id) index.
    Result<bool> hasExternalId(qint64 accountId, const QString& externalId, quint64 digest,
                               const QHash<quint64, qsizetype>& inChunk, const QList<NewTransaction>& toWrite)
    {
        const auto same
            = [&](const NewTransaction& w) { return w.accountId == accountId && w.externalId == externalId; };
        if (const auto first = inChunk.constFind(chunkKey(accountId, digest)); first != inChunk.cend()) {
            if (same(toWrite[*first]) || std::any_of(toWrite.cbegin() + *first + 1, toWrite.cend(), same))
                return true;
        }
        // A re-imported file confirms every row here, through the statement kept on the connection.
        bool exists = false;
        if (Status s = forEachKeptRow(
                db, QStringLiteral("SELECT 1 FROM transactions WHERE account_id = ? AND external_id = ? LIMIT 1"),
                {accountId, externalId}, QStringLiteral("check external id"), [&](auto, auto) { exists = true; });
            !s.isOk())
            return s;
        return exists;
    }

    Status loadCandidates(qint64 accountId, AccountIndex* index)
    {
        Status s = forEachKeptRow(
            db,
            QStringLiteral("SELECT amount, timestamp, description, external_id FROM transactions WHERE account_id = ?"),
            {accountId}, QStringLiteral("read transactions for duplicate checks"), [&](auto integerAt, auto textAt) {
                const QString externalId = textAt(3);
                Candidate c {integerAt(1), normalised(textAt(2)), std::nullopt, false,
                             !externalId.isEmpty() && !isDerivedId(externalId)};
                if (c.bankId) {
                    const QStringView qualified = qualifiedReference(externalId);
                    c.qualified = !qualified.isEmpty();
                    c.reference = idDigest(c.qualified ? qualified : QStringView(externalId));
                }
                index->candidates[candidateKey(integerAt(0), integerAt(1))].append(std::move(c));
            });
        index->candidatesLoaded = s.isOk();
        return s;
    }

    // Rows `input` may be moved from (the ones written) when `movable`.
    Result<QList<ImportOutcome>> add(QList<ImportRow>& input, bool movable)
    {
        // Load what the checks of this chunk need before classifying any of its rows, so that the loaded sets and
        // the rows added to them in memory never overlap.
        for (const ImportRow& row : std::as_const(input)) {
            const qint64 accountId = row.transaction.accountId;
            auto it = accounts.find(accountId);
            if (it == accounts.end()) {
                it = accounts.insert(accountId, AccountIndex {});
                if (Status s = loadExternalIds(accountId, &*it); !s.isOk())
                    return s;
            }
            if (!it->candidatesLoaded) { // (rows with the bank's ids are compared too, see add())
                if (Status s = loadCandidates(accountId, &*it); !s.isOk())
                    return s;
            }
        }
        QList<ImportOutcome> outcomes;
        outcomes.reserve(input.size());
        QList<NewTransaction> toWrite;
        toWrite.reserve(input.size());
        QHash<quint64, qsizetype> chunkIds; // chunkKey of an external id of this chunk -> first index in toWrite
        chunkIds.reserve(input.size());
        bool writeReady = true; // every row written is ImportRow::writeReady
        for (qsizetype i = 0; i < input.size(); ++i) {
            const ImportRow& row = std::as_const(input)[i];
            const NewTransaction& t = row.transaction;
            AccountIndex& index = accounts[t.accountId];
            const qint64 timestamp = t.timestamp.value_or(now);
            ImportOutcome outcome = ImportOutcome::Imported;
            quint64 digest = t.externalId.isEmpty() ? 0 : row.prepared ? row.externalIdDigest : idDigest(t.externalId);
            QString sharedId; // the id a SharedId row is written under
            if (!t.externalId.isEmpty() && index.externalIds.contains(digest)) {
                if (row.externalIdDerived) {
                    auto known = hasExternalId(t.accountId, t.externalId, digest, chunkIds, toWrite);
                    if (!known)
                        return known.status();
                    if (*known)
                        outcome = ImportOutcome::Duplicate;
                } else {
                    auto known = knownId(t.accountId, t.externalId, digest, chunkIds, toWrite);
                    if (!known)
                        return known.status();
                    // An id of a transaction from before this import is a duplicate, unless the id is shared.
                    if (known->before && !known->shared) {
                        outcome = ImportOutcome::Duplicate;
                    } else if (known->before || known->thisImport) {
                        auto same = sameSharedRow(t.accountId, t.externalId, digest, t.amount, timestamp, t.description,
                                                  chunkIds, toWrite);
                        if (!same)
                            return same.status();
                        if (*same) {
                            outcome = ImportOutcome::Duplicate;
                        } else {
                            sharedIdKeys.insert(chunkKey(t.accountId, digest));
                            sharedRows.insert(
                                sharedKey(t.accountId, digest, t.amount, utcDay(timestamp), t.description));
                            sharedId = sharedIdFor(t.externalId, t.amount, timestamp, t.description);
                            digest = idDigest(sharedId);
                            outcome = ImportOutcome::SharedId;
                        }
                    }
                }
            }
            const bool checked = needsProbableCheck(row);
            const QString description = outcome != ImportOutcome::Imported ? QString()
                : row.prepared && checked                                  ? row.comparableDescription
                                                                           : normalised(t.description);
            if (outcome == ImportOutcome::Imported) {
                // Two rows whose statement states different balances after them are two bookings (two equal
                // coffees on one day), however alike.
                const auto like = [&](const Candidate& c) {
                    return c.timestamp >= timestamp - kProbableWindowMs && c.timestamp <= timestamp + kProbableWindowMs
                        && !(c.statedBalance && row.statedBalance && *c.statedBalance != *row.statedBalance)
                        && similar(c.description, description);
                };
                // True when a candidate of the same amount within the window (at most kMaxComparedCandidates of
                // them) is like the row and `also` holds for it.
                const CandidateKey key = candidateKey(t.amount, timestamp);
                const auto anyLike = [&](const auto& also) {
                    qsizetype compared = 0;
                    for (const qint64 stretch : {key.second, key.second - 1, key.second + 1}) {
                        const auto near = index.candidates.constFind({key.first, stretch});
                        if (near == index.candidates.cend())
                            continue;
                        for (auto c = near->crbegin(); c != near->crend() && compared < kMaxComparedCandidates;
                             ++c, ++compared)
                            if (also(*c) && like(*c))
                                return true;
                    }
                    return false;
                };
                const ImportOutcome probable = options.allowProbableDuplicates
                    ? ImportOutcome::ProbableDuplicateImported
                    : ImportOutcome::ProbableDuplicateSkipped;
                if (!checked) {
                    // A row with the bank's own id (FITID, AcctSvcrRef) like a transaction the account had without
                    // one (the same statement downloaded as CSV before, whose ids are derived): asked about as well.
                    // Not like one with a bank's id: two rows with different ids of the bank are two bookings;
                    // unless one id is the other's reference, once mapped as the id and once qualified by the
                    // import (qualifiedReference).
                    const QStringView qualified = qualifiedReference(t.externalId);
                    const QStringView reference = qualified.isEmpty() ? QStringView(t.externalId) : qualified;
                    if (anyLike([&](const Candidate& c) {
                            return !c.ofThisImport
                                && (!c.bankId
                                    || (c.qualified == qualified.isEmpty() && c.reference == idDigest(reference)));
                        }))
                        outcome = probable;
                }
                // Like a transaction the account had, or like an earlier row of this import with the same balance
                // stated after it (a line given twice): asked about. Like an earlier row of this import only: a
                // booking of its own, as the statement lists it.
                else if (anyLike([&](const Candidate& c) {
                             return !c.ofThisImport || (c.statedBalance && row.statedBalance);
                         }))
                    outcome = probable;
                // (Not rows the file gives different times: two card payments of 4.99 at 22:03:54 and 22:10:08 are
                // two bookings. A date without a time is booked at 12:00 UTC, import/ImportTypes.h.)
                else if (anyLike([&](const Candidate& c) {
                             const auto timed = [](qint64 ms) { return !isDateOnlyTimestamp(ms); };
                             return c.ofThisImport
                                 && !(timed(c.timestamp) && timed(timestamp) && c.timestamp != timestamp);
                         }))
                    outcome = ImportOutcome::RepeatedInFile;
            }
            if ((outcome == ImportOutcome::Imported || outcome == ImportOutcome::RepeatedInFile) && checked)
                index.candidates[candidateKey(t.amount, timestamp)].append(
                    Candidate {timestamp, description, row.statedBalance, true});
            // Only rows that are written count as known ids, for the rest of this import as for a later one.
            if (!t.externalId.isEmpty()
                && (outcome == ImportOutcome::Imported || outcome == ImportOutcome::ProbableDuplicateImported
                    || outcome == ImportOutcome::RepeatedInFile || outcome == ImportOutcome::SharedId)) {
                index.externalIds.insert(digest);
                if (const quint64 key = chunkKey(t.accountId, digest); !chunkIds.contains(key))
                    chunkIds.insert(key, toWrite.size());
            }
            outcomes.append(outcome);
            switch (outcome) {
            case ImportOutcome::Duplicate:
                ++result.duplicates;
                ++result.skipped;
                continue;
            case ImportOutcome::ProbableDuplicateSkipped:
                ++result.probableDuplicates;
                ++result.skipped;
                continue;
            case ImportOutcome::ProbableDuplicateImported:
                ++result.probableDuplicates;
                break;
            case ImportOutcome::RepeatedInFile:
            case ImportOutcome::SharedId:
            case ImportOutcome::Imported:
                break;
            }
            writeReady = writeReady && row.writeReady;
            NewTransaction write = movable ? std::move(input[i].transaction) : row.transaction;
            if (!sharedId.isEmpty())
                write.externalId = sharedId;
            write.source = Source::Import;
            write.importBatch = result.batchId;
            ++result.importedPerAccount[write.accountId];
            toWrite.append(std::move(write));
        }
        result.rows += input.size();
        result.imported += toWrite.size();
        if (toWrite.isEmpty())
            return outcomes;
        QList<qint64> accountIds;
        QStringList ids;
        if (Status s
            = ledger->writeBatchLocked(db, toWrite, now, &accountIds, &ids, &recomputeFrom, &lastRows, writeReady);
            !s.isOk())
            return s;
        for (qint64 id : std::as_const(accountIds))
            if (!writtenAccountIds.contains(id))
                writtenAccountIds.append(id);
        if (!tooManyIds && ids.size() == toWrite.size() && writtenIds.size() + ids.size() <= Ledger::kMaxIdsInSignal) {
            writtenIds += ids;
        } else {
            tooManyIds = true;
            writtenIds.clear();
        }
        return outcomes;
    }

    Status finish()
    {
        for (auto it = recomputeFrom.cbegin(); it != recomputeFrom.cend(); ++it) {
            if (Status s = sql::recomputeRunningBalancesFrom(db, it.key(), it->first, it->second); !s.isOk())
                return s;
        }
        return sql::run(db,
                        QStringLiteral("INSERT INTO import_batches (id, created_at, file_name, format, encoding, "
                                       "rows, imported, duplicates, probable_duplicates, skipped) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {result.batchId, now, sql::text(options.fileName), sql::text(options.format),
                         sql::text(options.encoding), result.rows, result.imported, result.duplicates,
                         result.probableDuplicates, result.skipped},
                        QStringLiteral("record import batch"));
    }
};

ImportWriter::ImportWriter(std::unique_ptr<State> state)
    : d(std::move(state))
{ }

ImportWriter::~ImportWriter()
{
    cancel();
}

void ImportWriter::cancel()
{
    if (d->done)
        return;
    d->done = true;
    d->tx.reset(); // rolls back
    d->lock.unlock();
}

Result<Account> ImportWriter::createAccount(const NewAccount& account)
{
    if (d->done)
        return d->failed.isOk() ? Status::conflict(QStringLiteral("the import is finished")) : d->failed;
    auto id = d->ledger->insertAccountLocked(d->db, account, d->now);
    if (!id)
        return id.status(); // an invalid account leaves the import usable
    d->createdIds.append(*id);
    if (Status s = writeOpening(*id, account); !s.isOk())
        return s;
    // The ledger's reads on this thread use this connection, so they see the uncommitted account.
    auto created = d->ledger->account(*id);
    if (!created) {
        d->failed = created.status();
        cancel();
    }
    return created;
}

Status ImportWriter::writeOpening(qint64 accountId, const NewAccount& account)
{
    QList<qint64> accountIds;
    QStringList ids;
    if (Status s = d->ledger->bookOpeningLocked(d->db, accountId, account, d->now, &accountIds, &ids, &d->lastRows,
                                                d->result.batchId);
        !s.isOk()) {
        d->failed = s;
        cancel();
        return s;
    }
    for (qint64 written : std::as_const(accountIds))
        if (!d->writtenAccountIds.contains(written))
            d->writtenAccountIds.append(written);
    if (!d->tooManyIds && d->writtenIds.size() + ids.size() <= Ledger::kMaxIdsInSignal) {
        d->writtenIds += ids;
    } else {
        d->tooManyIds = true;
        d->writtenIds.clear();
    }
    return Status::ok();
}

Status ImportWriter::bookOpening(qint64 accountId, qint64 amount, qint64 timestamp)
{
    if (d->done)
        return d->failed.isOk() ? Status::conflict(QStringLiteral("the import is finished")) : d->failed;
    if (!d->createdIds.contains(accountId)) {
        // An account that was there before is opened only when it has no transaction but this import's.
        auto other = sql::firstRow(d->db,
                                   QStringLiteral("SELECT 1 FROM transactions WHERE account_id = ? AND (import_batch "
                                                  "IS NULL OR import_batch <> ?) LIMIT 1"),
                                   {accountId, d->result.batchId}, QStringLiteral("read the account's transactions"),
                                   [](const QSqlQuery& q) { return q.value(0).toLongLong(); });
        if (!other) {
            d->failed = other.status();
            cancel();
            return d->failed;
        }
        if (*other)
            return Status::invalidArgument(
                QStringLiteral("accountId"),
                QStringLiteral("account %1 has transactions from before this import: it has no opening balance to "
                               "book")
                    .arg(accountId));
    }
    auto account = d->ledger->account(accountId); // this connection's view: the uncommitted account
    if (!account) {
        d->failed = account.status();
        cancel();
        return d->failed;
    }
    NewAccount opening;
    opening.name = account->name;
    opening.currency = account->currency;
    opening.openingBalance = amount;
    opening.openingDate = timestamp;
    opening.source = Source::Import;
    return writeOpening(accountId, opening);
}

Result<QList<ImportOutcome>> ImportWriter::add(const QList<ImportRow>& rows)
{
    QList<ImportRow> shared = rows; // not detached: only a movable list is written to
    return add(shared, false);
}

Result<QList<ImportOutcome>> ImportWriter::add(QList<ImportRow>&& rows)
{
    return add(rows, true);
}

Result<QList<ImportOutcome>> ImportWriter::add(QList<ImportRow>& rows, bool movable)
{
    if (d->done)
        return d->failed.isOk() ? Status::conflict(QStringLiteral("the import is finished")) : d->failed;
    auto outcomes = d->add(rows, movable);
    if (!outcomes) {
        d->failed = outcomes.status();
        cancel();
    }
    return outcomes;
}

void ImportWriter::setEncoding(const QString& encoding)
{
    d->options.encoding = encoding;
}

void ImportWriter::addSkippedRows(qint64 count)
{
    d->result.rows += count;
    d->result.skipped += count;
}

const ImportBatchResult& ImportWriter::result() const
{
    return d->result;
}

Result<ImportBatchResult> ImportWriter::finish()
{
    if (d->done)
        return d->failed.isOk() ? Status::conflict(QStringLiteral("the import is finished")) : d->failed;
    Status s = d->finish();
    if (s.isOk() && !d->options.dryRun) {
        const Database::CheckpointHold held(d->db, d->ledger->database()->path());
        s = d->tx->commit();
    }
    const bool committed = s.isOk() && !d->options.dryRun;
    cancel();
    if (!s.isOk())
        return s;
    if (committed) {
        Ledger* ledger = d->ledger;
        if (!d->writtenAccountIds.isEmpty()) {
            Q_EMIT ledger->transactionsAdded(d->writtenIds, d->writtenAccountIds);
            for (qint64 id : std::as_const(d->writtenAccountIds))
                Q_EMIT ledger->accountChanged(id);
        }
        if (!d->createdIds.isEmpty())
            Q_EMIT ledger->accountsChanged();
    }
    return d->result;
}

Result<std::unique_ptr<ImportWriter>> Ledger::beginImport(const ImportBatchOptions& options)
{
    auto connection = m_database->connection();
    if (!connection)
        return connection.status();
    auto state = std::make_unique<ImportWriter::State>(&m_writeMutex);
    state->ledger = this;
    state->options = options;
    state->now = m_clock.nowMs();
    state->db = *connection;
    state->result.batchId = newUuidV7(state->now);
    state->result.rows = options.skippedRows;
    state->result.skipped = options.skippedRows;
    state->tx = std::make_unique<sql::WriteTransaction>(state->db);
    if (Status s = state->tx->begin(); !s.isOk())
        return s;
    return std::unique_ptr<ImportWriter>(new ImportWriter(std::move(state)));
}

Result<ImportBatchResult> Ledger::importBatch(const QList<ImportRow>& input, const ImportBatchOptions& options)
{
    auto writer = beginImport(options);
    if (!writer)
        return writer.status();
    auto outcomes = (*writer)->add(input);
    if (!outcomes)
        return outcomes.status();
    auto result = (*writer)->finish();
    if (!result)
        return result.status();
    result->outcomes = std::move(*outcomes);
    return result;
}

namespace {

// Conflict when undoing the batch would delete a reversed transaction or change a closed account.
Status checkUndoable(QSqlDatabase& db, const QString& batchId)
{
    auto reversed = sql::firstRow(db,
                                  QStringLiteral("SELECT r.reverses, r.id FROM transactions r WHERE r.reverses IN "
                                                 "(SELECT id FROM transactions WHERE import_batch = ?) LIMIT 1"),
                                  {batchId}, QStringLiteral("read reversals"), [](const QSqlQuery& q) {
                                      return std::make_pair(q.value(0).toString(), q.value(1).toString());
                                  });
    if (!reversed)
        return reversed.status();
    if (*reversed)
        return Status::conflict(QStringLiteral("transaction %1 of import batch %2 was reversed by %3; the import "
                                               "cannot be undone")
                                    .arg((*reversed)->first, batchId, (*reversed)->second));
    auto closed = sql::firstRow(db,
                                QStringLiteral("SELECT a.id FROM accounts a WHERE a.closed_at IS NOT NULL AND EXISTS "
                                               "(SELECT 1 FROM transactions t WHERE t.account_id = a.id AND "
                                               "t.import_batch = ?) LIMIT 1"),
                                {batchId}, QStringLiteral("read closed accounts"),
                                [](const QSqlQuery& q) { return q.value(0).toLongLong(); });
    if (!closed)
        return closed.status();
    if (*closed)
        return Status::conflict(
            QStringLiteral("account %1 is closed; reopen it to undo import batch %2").arg(**closed).arg(batchId));
    return Status::ok();
}

} // namespace

Result<QList<qint64>> Ledger::undoImportBatch(const QString& batchId)
{
    const qint64 now = m_clock.nowMs();
    QList<qint64> accountIds;
    Status status = sql::inWriteTransaction(*m_database, m_writeMutex, [&](QSqlDatabase& db) {
        auto batch = sql::oneRow(
            db, QStringLiteral("SELECT %1 FROM import_batches WHERE id = ?").arg(QLatin1String(kBatchColumns)),
            {batchId.toLower()}, QStringLiteral("read import batch"), readBatch,
            Status::notFound(QStringLiteral("import batch %1 does not exist").arg(batchId)));
        if (!batch)
            return batch.status();
        if (batch->undoneAt)
            return Status::conflict(QStringLiteral("import batch %1 is already undone").arg(batchId));
        const QString id = batch->id;
        if (Status s = checkUndoable(db, id); !s.isOk())
            return s;
        // Per account, the first of the batch's transactions in (timestamp, id) order: running balances from there
        // on change.
        struct First
        {
            qint64 accountId;
            qint64 timestamp;
            QString id;
        };
        auto firsts = sql::rows(
            db,
            QStringLiteral("SELECT account_id, timestamp, id FROM (SELECT account_id, timestamp, id, row_number() "
                           "OVER (PARTITION BY account_id ORDER BY timestamp, id) AS n FROM transactions "
                           "WHERE import_batch = ?) AS b WHERE n = 1"),
            {id}, QStringLiteral("read import batch transactions"), [](const QSqlQuery& q) {
                return First {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString()};
            });
        if (!firsts)
            return firsts.status();
        // The batch's cases go with their transactions; their audit trail and score history stay, and each case
        // gets a last audit entry "deleted" naming the batch.
        Status s = sql::run(
            db,
            QStringLiteral("INSERT INTO audit_log (anomaly_id, transaction_id, at, actor, action, from_value, "
                           "to_value, note) SELECT x.id, x.transaction_id, ?, ?, 'deleted', x.status, '', "
                           "? FROM anomalies x JOIN transactions t ON t.id = x.transaction_id WHERE t.import_batch = ? "
                           "ORDER BY x.id"),
            {now, m_database->recordedActor(QStringLiteral("import undo")),
             QStringLiteral("import batch %1 undone").arg(id), id},
            QStringLiteral("audit undo import batch"));
        if (!s.isOk())
            return s;
        for (const char* const statement :
             {"DELETE FROM anomalies WHERE transaction_id IN (SELECT id FROM transactions WHERE import_batch = ?)",
              "DELETE FROM injected_labels WHERE transaction_id IN "
              "(SELECT id FROM transactions WHERE import_batch = ?)",
              "DELETE FROM transactions WHERE import_batch = ?"}) {
            if (Status s = sql::run(db, QString::fromUtf8(statement), {id}, QStringLiteral("undo import batch"));
                !s.isOk())
                return s;
        }
        for (const First& f : std::as_const(*firsts)) {
            if (Status s = sql::recomputeRunningBalancesFrom(db, f.accountId, f.timestamp, f.id); !s.isOk())
                return s;
            Status s = sql::run(
                db,
                QStringLiteral("UPDATE accounts SET balance = (SELECT coalesce(sum(amount), 0) FROM transactions "
                               "WHERE account_id = accounts.id), transaction_count = (SELECT count(*) FROM "
                               "transactions WHERE account_id = accounts.id), last_activity = (SELECT "
                               "max(timestamp) FROM transactions WHERE account_id = accounts.id), is_stale = 1, "
                               "change_seq = change_seq + 1, updated_at = ? WHERE id = ?"),
                {now, f.accountId}, QStringLiteral("update account"));
            if (!s.isOk())
                return s;
            accountIds.append(f.accountId);
        }
        return sql::run(db, QStringLiteral("UPDATE import_batches SET undone_at = ? WHERE id = ?"), {now, id},
                        QStringLiteral("mark import batch undone"));
    });
    if (!status.isOk())
        return status;
    if (!accountIds.isEmpty()) {
        Q_EMIT anomaliesChanged(accountIds);
        for (qint64 id : std::as_const(accountIds))
            Q_EMIT accountChanged(id);
        Q_EMIT accountsChanged();
    }
    return accountIds;
}

Result<ImportBatchRecord> Ledger::importBatchRecord(const QString& batchId) const
{
    return sql::oneRow(*m_database,
                       QStringLiteral("SELECT %1 FROM import_batches WHERE id = ?").arg(QLatin1String(kBatchColumns)),
                       {batchId.toLower()}, QStringLiteral("read import batch"), readBatch,
                       Status::notFound(QStringLiteral("import batch %1 does not exist").arg(batchId)));
}

Result<QList<ImportBatchRecord>> Ledger::importBatches() const
{
    return sql::rows(*m_database,
                     QStringLiteral("SELECT %1 FROM import_batches ORDER BY created_at DESC, id DESC")
                         .arg(QLatin1String(kBatchColumns)),
                     {}, QStringLiteral("read import batches"), readBatch);
}

} // namespace ledgerguard
