// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipeline/DetectionPipeline.h"

#include "ledger/UnscoredRows.h"
#include "pipeline/Combination.h"
#include "util/Ids.h"
#include "util/Plural.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent>
#include <cmath>
#include <future>
#include <limits>
#if defined(__GLIBC__)
#include <malloc.h> // malloc_trim
#endif

namespace ledgerguard {

Q_LOGGING_CATEGORY(lcPipeline, "ledgerguard.pipeline")

namespace {

constexpr quint32 kModelMagic = 0x4C47414D; // "LGAM"
// Version 1 blobs hold a version-1 forest (which has no calibration of its own) followed by the
// calibration's median and spread; modelFor() still reads them, so existing ledgers keep instant scoring until
// the next run stores version 2.
constexpr quint32 kModelVersion = 2;
constexpr quint32 kModelVersionWithOwnCalibration = 1;
// Version 3 blobs hold, instead of the forest, the scope of the pooled forest that the account shares with the other
// small accounts of its run ("pooled:<hash of the forest>", stored once), followed by the feature statistics.
constexpr quint32 kModelVersionPooledReference = 3;
const QString kPooledScopePrefix = QStringLiteral("pooled:");
// Page cache of the connection that reads accounts ahead (Database::setThreadCacheSizeKiB), KiB.
constexpr int kReaderCacheKiB = 4096;
const QString kModelStatesKey = QStringLiteral("detection_models");

QString modelScope(qint64 accountId)
{
    return QStringLiteral("account:%1").arg(accountId);
}

// `head` (the forest, or the pooled forest's scope) and the statistics, under the magic and `version`.
template<typename Head> QByteArray packModelParts(quint32 version, const Head& head, const FeatureContext& context)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kModelMagic << version << head << context.serialize();
    return bytes;
}

// The stored form of an account's model: the forest (IsolationForest::serialize, calibration included) and the
// feature statistics it was fitted with, which instant scoring needs to build a new transaction's features.
QByteArray packModel(const QByteArray& forest, const FeatureContext& context)
{
    return packModelParts(kModelVersion, forest, context);
}

// A small account's model: the stored pooled forest's scope and the account's own statistics.
QByteArray packPooledModel(const QString& forestScope, const FeatureContext& context)
{
    return packModelParts(kModelVersionPooledReference, forestScope, context);
}

// The pooled forest's scope a stored model refers to; empty for a model with a forest of its own.
QString pooledReference(const QByteArray& bytes)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0;
    QString scope;
    in >> magic >> version;
    if (magic != kModelMagic || version != kModelVersionPooledReference)
        return QString();
    in >> scope;
    return in.status() == QDataStream::Ok && scope.startsWith(kPooledScopePrefix) ? scope : QString();
}

// A score is rewritten only when it is new, its risk level changed, or it moved noticeably; rewriting a million
// unchanged scores would make every scheduled run as slow as the first.
bool needsWrite(double oldScore, qint8 oldRisk, double score, Risk risk)
{
    return std::isnan(oldScore) || oldRisk != qint8(risk) || std::abs(oldScore - score) > 0.01;
}

} // namespace

DetectionPipeline::DetectionPipeline(Ledger& ledger, const Options& options, QObject* parent)
    : QObject(parent)
    , m_ledger(ledger)
    , m_options(options)
    , m_watcher(new QFutureWatcher<Result<RunSummary>>(this))
{
    qRegisterMetaType<RunSummary>();
    m_pool.setMaxThreadCount(2);
    connect(m_watcher, &QFutureWatcher<Result<RunSummary>>::finished, this, [this] {
        const Result<RunSummary> r = m_watcher->result();
        RunSummary summary = r.isOk() ? *r : RunSummary();
        if (!r.isOk())
            summary.status = r.status();
        m_running = false;
        Q_EMIT runFinished(summary);
    });
    if (m_options.instantScoring)
        connect(&m_ledger, &Ledger::transactionsAdded, this, &DetectionPipeline::onTransactionsAdded);
}

DetectionPipeline::~DetectionPipeline()
{
    m_pool.waitForDone();
}

bool DetectionPipeline::start(bool allAccounts)
{
    if (m_running)
        return false;
    m_running = true;
    Q_EMIT runStarted();
    m_watcher->setFuture(QtConcurrent::run(&m_pool, [this, allAccounts] { return runNow(allAccounts); }));
    return true;
}

bool DetectionPipeline::isRunning() const
{
    return m_running;
}

void DetectionPipeline::waitForFinished()
{
    m_pool.waitForDone();
}

Result<DetectionPipeline::RunSummary> DetectionPipeline::runNow(bool allAccounts)
{
    QMutexLocker lock(&m_runMutex);
    auto jobLock = m_ledger.database()->tryLockJob(Database::Job::Detection);
    if (!jobLock)
        return jobLock.status();
    RunSummary summary;
    summary.startedAt = m_ledger.clock().nowMs();
    QList<qint64> ids;
    if (allAccounts) {
        auto accounts = m_ledger.accounts();
        if (!accounts)
            return accounts.status();
        for (const Account& a : *accounts) {
            if (!a.closedAt)
                ids.append(a.id);
        }
    } else {
        auto stale = m_ledger.staleAccountIds();
        if (!stale)
            return stale.status();
        ids = *stale;
    }
    m_phaseNs = {0, 0, 0, 0};
    QElapsedTimer timer;
    timer.start();
    auto decisions = m_ledger.standingDecisions();
    if (!decisions)
        return decisions.status();
    const Feedback feedback(*decisions);
    ModelStates states = readModelStates(m_ledger);
    // Set by processAccounts when it reads accounts whole; ends after this run's last write (its meta records).
    std::unique_ptr<Database::CheckpointHold> checkpointHold;
    Status s = processAccounts(ids, allAccounts, feedback, *decisions, states, summary, &checkpointHold);
    // The accounts finished before an error keep their state too; a state lost to a failed write only makes the
    // next run rescore or refit more than it needs.
    if (Status w = writeModelStates(states); !w.isOk())
        qCWarning(lcPipeline) << "storing the detection model states failed:" << w.toString();
    const qint64 totalNs = timer.nsecsElapsed();
    summary.finishedAt = m_ledger.clock().nowMs();
    summary.status = s;
    summary.readNs = m_phaseNs[0];
    summary.featuresNs = m_phaseNs[1];
    summary.fitNs = m_phaseNs[2];
    summary.storeNs = m_phaseNs[3];
    const QJsonObject record {{QStringLiteral("finishedAt"), summary.finishedAt},
                              {QStringLiteral("accounts"), summary.accounts},
                              {QStringLiteral("transactionsScored"), summary.transactionsScored},
                              {QStringLiteral("anomalies"), summary.anomalies},
                              {QStringLiteral("high"), summary.high},
                              {QStringLiteral("medium"), summary.medium},
                              {QStringLiteral("status"), s.toString()}};
    m_ledger.setMeta(QStringLiteral("last_detection_run"),
                     QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact)));
    checkpointHold.reset(); // the WAL is copied into the file on Qt's global pool from here
    // The run's connection goes too: its page cache filled up to its bound while reading the histories and writing
    // the scores, and the pool thread that holds it may wait for the next run for a long time. (Not when a caller
    // ran this on the application's thread, whose connection the window and the callers keep using.)
    if (QCoreApplication::instance() && QThread::currentThread() != QCoreApplication::instance()->thread())
        m_ledger.database()->closeThreadConnection();
#if defined(__GLIBC__)
    // A run's histories and matrices (they grow with the largest account) are freed at this point, but glibc keeps
    // freed heap mapped, so a desktop process would stay at its peak all day. Give it back (the other platforms'
    // allocators return large blocks by themselves).
    malloc_trim(0);
#endif
    if (!s.isOk())
        return s;
    qCInfo(lcPipeline).noquote() << "detection run:"
                                 << plural(summary.accounts, QStringLiteral("%n account,"),
                                           QStringLiteral("%n accounts,"), QLocale::c())
                                 << summary.transactionsScored << "scores written," << summary.high << "HIGH,"
                                 << summary.medium << "MEDIUM in" << totalNs / 1'000'000 << "ms (read"
                                 << m_phaseNs[0] / 1'000'000 << "ms, features" << m_phaseNs[1] / 1'000'000
                                 << "ms, fit and score" << m_phaseNs[2] / 1'000'000 << "ms, explain and store"
                                 << m_phaseNs[3] / 1'000'000 << "ms)";
    return summary;
}

DetectionPipeline::ModelStates DetectionPipeline::readModelStates(const Ledger& ledger)
{
    ModelStates states;
    const auto text = ledger.meta(kModelStatesKey);
    if (!text)
        return states; // none known: every stale account is refitted
    const QJsonObject object = QJsonDocument::fromJson(text->toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonArray a = it.value().toArray();
        bool ok = false;
        const qint64 id = it.key().toLongLong(&ok);
        if (ok && a.size() == 3)
            states.insert(id, {a[0].toInteger(), a[1].toInteger(), a[2].toInteger()});
    }
    return states;
}

Status DetectionPipeline::writeModelStates(const ModelStates& states)
{
    QJsonObject object;
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        object.insert(QString::number(it.key()), QJsonArray {it->fittedAt, it->fitRows, it->lastKey});
    return m_ledger.setMeta(kModelStatesKey, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

Result<Eigen::VectorXd> DetectionPipeline::scoreRows(const AccountModel& model, const FeatureMatrix& features,
                                                     const std::vector<qsizetype>& only) const
{
    FeatureMatrix selected(qsizetype(only.size()), kFeatureCount);
    for (size_t k = 0; k < only.size(); ++k)
        selected.row(qsizetype(k)) = features.row(only[k]);
    return model.forest->score(modelInput(selected), m_options.forest.threads);
}

Result<bool> DetectionPipeline::scoreNewRows(const Account& account, const Feedback& feedback, ModelStates& states,
                                             RunSummary& summary)
{
    const auto state = states.constFind(account.id);
    if (state == states.cend())
        return false;
    const qint64 rowsNow = account.transactionCount;
    const bool pooled = state->fitRows < m_options.minAccountHistory;
    if (m_ledger.clock().nowMs() - state->fittedAt > m_options.refitAfterMs
        || double(rowsNow) > double(state->fitRows) * (1.0 + m_options.refitGrowth)
        || pooled != (rowsNow < m_options.minAccountHistory))
        return false;
    const std::optional<AccountModel> model = modelFor(account.id);
    if (!model)
        return false;
    QElapsedTimer phase;
    phase.start();
    auto span = unscoredTransactionSpan(m_ledger, account.id, state->lastKey);
    if (!span)
        return span.status();
    TransactionColumns rows;
    if (span->count > 0) {
        auto read
            = m_ledger.transactionColumns(account.id, std::min(span->previousMs, span->fromMs - kFeatureLookbackMs),
                                          span->toMs + kFeatureLookaheadMs + 1);
        if (!read)
            return read.status();
        rows = std::move(*read);
    }
    m_phaseNs[0] += phase.nsecsElapsed();
    if (m_options.afterAccountRead)
        m_options.afterAccountRead(account.id);
    std::vector<qsizetype> only;
    qint64 lastKey = state->lastKey;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const size_t r = size_t(i);
        // Rows written since the span was read wait for the next run (the account stays stale: its change_seq moved).
        if ((std::isnan(rows.score[r]) || rows.key[r] > state->lastKey) && rows.key[r] <= span->lastKey) {
            only.push_back(i);
            lastKey = std::max(lastKey, rows.key[r]);
        }
    }
    if (only.empty()) { // nothing to score (the rows went since): only the stale flag
        if (Status s = m_ledger.storeDetectionResults(account.id, {}, {}, account.changeSeq); !s.isOk())
            return s;
        ++summary.accounts;
        return true;
    }
    phase.restart();
    const FeatureMatrix features = computeFeatures(rows, model->context, false);
    m_phaseNs[1] += phase.nsecsElapsed();
    phase.restart();
    auto raw = scoreRows(*model, features, only);
    if (!raw)
        return raw.status();
    m_phaseNs[2] += phase.nsecsElapsed();
    if (Status s = storeAccount(account, rows, features, *model, only, *raw, feedback, {}, true, summary); !s.isOk())
        return s;
    states[account.id].lastKey = lastKey;
    return true;
}

Status DetectionPipeline::processAccounts(const QList<qint64>& accountIds, bool refit, const Feedback& feedback,
                                          const QList<StandingDecision>& decisions, ModelStates& states,
                                          RunSummary& summary,
                                          std::unique_ptr<Database::CheckpointHold>* checkpointHold)
{
    struct Pending
    {
        Account account;
        TransactionColumns rows;
        FeatureContext context;
        FeatureMatrix features;
    };
    QList<Pending> small;
    int done = 0;
    const int total = int(accountIds.size());
    Q_EMIT progress(0, total);
    // With enough decisions for a supervised model, every account is scored by its forest first and stored after
    // the model is fitted on all of them.
    int confirmed = 0;
    for (const StandingDecision& d : decisions)
        confirmed += d.label == Label::Fraud ? 1 : 0;
    const bool supervise = m_options.supervised && confirmed >= m_options.supervisedOptions.minConfirmed
        && decisions.size() - confirmed >= m_options.supervisedOptions.minDismissed;
    const qint64 fittedAt = m_ledger.clock().nowMs();
    auto recordFit = [&](const Pending& p) {
        const qint64 lastKey = p.rows.key.empty() ? 0 : *std::max_element(p.rows.key.cbegin(), p.rows.key.cend());
        states.insert(p.account.id, {fittedAt, p.rows.size(), lastKey});
    };
    struct Scored
    {
        Pending p;
        AccountModel model;
        Eigen::VectorXd raw;
    };
    std::vector<Scored> deferred;
    auto store = [&](Pending& p, const AccountModel& model, const Eigen::VectorXd& raw) -> Status {
        if (supervise) {
            deferred.push_back({std::move(p), model, raw});
            return Status::ok();
        }
        if (Status s = storeAccount(p.account, p.rows, p.features, model, {}, raw, feedback, {}, true, summary);
            !s.isOk())
            return s;
        Q_EMIT progress(++done, total);
        return Status::ok();
    };
    // Accounts in three stages (docs/ARCHITECTURE.md, "Threads and connections"): the next account is read ahead
    // (below), an account's features are computed and its forest fitted on a second thread, and the account before
    // it is stored on this one, so at most three accounts' rows are held at once.
    // Unless the run is supervised (stored only after every account is scored), the fitting thread also prepares
    // the account's results (scores, cases and their explanations: prepareResults), so this thread only writes them.
    struct Fitting
    {
        // Written by the fitting thread until `done` is ready (the destructor waits for it).
        Eigen::VectorXd raw;
        Pending p; // context and features
        std::optional<AccountModel> model;
        std::optional<AccountResults> results;
        qint64 featuresNs = 0;
        qint64 fitNs = 0;
        qint64 prepareNs = 0;
        std::future<Status> done;
        Fitting() = default;
        Fitting(const Fitting&) = delete;
        Fitting& operator=(const Fitting&) = delete;
        ~Fitting() // the fitting thread writes into this until its task is done
        {
            if (done.valid())
                done.wait();
        }
    };
    std::unique_ptr<Fitting> fitting;
    // The fitting thread: one for the whole run, so the score parts' providers read through one connection of its
    // own, closed at the end of the run. Declared after `fitting`: leaving this function (an error included) closes
    // the connection and waits for the account in flight before its Fitting is destroyed.
    // A run that fits nothing (a scheduled run scoring new rows) starts no thread.
    QThreadPool fitter;
    fitter.setMaxThreadCount(1);
    fitter.setExpiryTimeout(-1);
    bool fitterStarted = false;
    const auto closeFitter = qScopeGuard([&] {
        if (!fitterStarted)
            return;
        fitter.start([this] { m_ledger.database()->closeThreadConnection(); });
        fitter.waitForDone();
    });
    auto finishFit = [&]() -> Status {
        if (!fitting)
            return Status::ok();
        const std::unique_ptr<Fitting> f = std::move(fitting);
        const Status fitted = f->done.get();
        m_phaseNs[1] += f->featuresNs;
        m_phaseNs[2] += f->fitNs;
        if (!fitted.isOk())
            return fitted;
        const AccountModel& model = *f->model;
        if (Status s = saveAccountModel(f->p.account.id, f->p.rows.size(), model, model.forest->serialize()); !s.isOk())
            return s;
        recordFit(f->p);
        if (!f->results)
            return store(f->p, model, f->raw);
        QElapsedTimer phase; // the store phase: the preparation on the fitting thread and the write here
        phase.start();
        if (Status s = writeResults(f->p.account, *f->results, true, summary); !s.isOk())
            return s;
        m_phaseNs[3] += f->prepareNs + phase.nsecsElapsed();
        Q_EMIT progress(++done, total);
        return Status::ok();
    };
    // Reading ahead: an account that will be read whole (a refit, a supervised run, or no model yet) is read on a
    // third thread, with a connection of its own, while the account before it is stored and the one before that
    // fitted. Declared after `fitter`, so it is closed and waited for first; at most one account is read ahead.
    struct Read
    {
        Result<Account> account = Status::internal(QStringLiteral("account not read"));
        Result<TransactionColumns> rows = Status::internal(QStringLiteral("transactions not read"));
        qint64 ns = 0;
    };
    auto readAccount = [this](qint64 id) {
        Read r;
        QElapsedTimer timer;
        timer.start();
        // Snapshot the account first: its change_seq decides whether the stale flag may be cleared afterwards.
        r.account = m_ledger.account(id);
        if (r.account)
            r.rows = m_ledger.transactionColumns(id);
        r.ns = timer.nsecsElapsed();
        return r;
    };
    const auto readWhole = [&](qint64 id) { return refit || supervise || !states.contains(id); };
    std::optional<std::pair<qint64, std::future<Read>>> ahead;
    QThreadPool reader;
    reader.setMaxThreadCount(1);
    reader.setExpiryTimeout(-1);
    bool readerStarted = false;
    const auto closeReader = qScopeGuard([&] {
        if (ahead)
            ahead->second.wait();
        if (!readerStarted)
            return;
        reader.start([this] { m_ledger.database()->closeThreadConnection(); });
        reader.waitForDone();
    });
    auto readAhead = [&](qsizetype next) {
        if (next >= accountIds.size() || !readWhole(accountIds[next]))
            return;
        auto task = std::make_shared<std::packaged_task<Read()>>(
            [readAccount, id = accountIds[next]] { return readAccount(id); });
        ahead.emplace(accountIds[next], task->get_future());
        reader.start([task] {
            // The read walks each page once: the operating system's file cache serves it as well as a page cache
            // of the connection's own would, which would only add its 64 MiB to the run's memory.
            Database::setThreadCacheSizeKiB(kReaderCacheKiB);
            (*task)();
        });
        readerStarted = true;
    };
    for (qsizetype at = 0; at < accountIds.size(); ++at) {
        const qint64 id = accountIds[at];
        std::optional<Read> read;
        // Accounts read whole are written whole: their commits skip SQLite's automatic checkpoint, which copies the
        // WAL into the file once after the run (on Qt's global pool), not once per account on this thread.
        if (!*checkpointHold && (ahead || readWhole(id)))
            *checkpointHold = m_ledger.database()->holdCheckpoints();
        if (ahead && ahead->first == id) {
            read = ahead->second.get();
            ahead.reset();
            readAhead(at + 1); // read while this account's rows are featured and the one before stored
        } else if (readWhole(id)) {
            readAhead(at + 1); // read beside this one
            read = readAccount(id);
        }
        auto account = read ? std::move(read->account) : m_ledger.account(id);
        if (!account)
            return account.status();
        if (!read) {
            auto scored = scoreNewRows(*account, feedback, states, summary);
            if (!scored)
                return scored.status();
            if (*scored) {
                Q_EMIT progress(++done, total);
                continue;
            }
            read = readAccount(id);
            account = std::move(read->account); // a fresh snapshot, taken before the rows are read
            if (!account)
                return account.status();
        }
        auto rows = std::move(read->rows);
        if (!rows)
            return rows.status();
        m_phaseNs[0] += read->ns;
        if (m_options.afterAccountRead)
            m_options.afterAccountRead(id);
        Pending p {*account, std::move(*rows), {}, {}};
        if (p.rows.size() < m_options.minAccountHistory) {
            QElapsedTimer phase;
            phase.start();
            p.context = buildFeatureContext(p.rows);
            p.features = computeFeatures(p.rows, p.context, true);
            m_phaseNs[1] += phase.nsecsElapsed();
            small.append(std::move(p));
            continue;
        }
        IsolationForestOptions forest = m_options.forest;
        forest.seed = m_options.forest.seed + quint64(id);
        auto next = std::make_unique<Fitting>();
        next->p = std::move(p);
        Fitting* f = next.get();
        auto task = std::make_shared<std::packaged_task<Status()>>([this, f, forest, supervise, &feedback] {
            QElapsedTimer timer;
            timer.start();
            f->p.context = buildFeatureContext(f->p.rows);
            f->p.features = computeFeatures(f->p.rows, f->p.context, true);
            f->featuresNs = timer.nsecsElapsed();
            timer.restart();
            auto fitted = IsolationForest::fit(modelInput(f->p.features), forest, &f->raw);
            f->fitNs = timer.nsecsElapsed();
            if (!fitted)
                return fitted.status();
            f->model = AccountModel {std::make_shared<const IsolationForest>(std::move(*fitted)), f->p.context};
            if (supervise)
                return Status::ok();
            timer.restart();
            auto results
                = prepareResults(f->p.account, f->p.rows, f->p.features, *f->model, {}, f->raw, feedback, {}, true);
            f->prepareNs = timer.nsecsElapsed();
            if (!results)
                return results.status();
            f->results = std::move(*results);
            return Status::ok();
        });
        f->done = task->get_future();
        fitter.start([task] { (*task)(); });
        fitterStarted = true;
        if (Status s = finishFit(); !s.isOk()) // the account before, stored while this one fits
            return s;
        fitting = std::move(next);
    }
    if (Status s = finishFit(); !s.isOk())
        return s;

    // Accounts too small for a model of their own share one fitted on all of them; the features are relative to
    // each account's own history, so the accounts' rows are comparable.
    qsizetype rows = 0;
    for (const Pending& p : small)
        rows += p.rows.size();
    std::optional<AccountModel> pooled;
    Eigen::VectorXd pooledRaw;
    QByteArray pooledForest; // serialized once, stored once under pooledScope, which each small account's model names
    QString pooledScope;
    if (rows > 0) {
        FeatureMatrix all(rows, kFeatureCount);
        qsizetype at = 0;
        for (const Pending& p : small) {
            all.middleRows(at, p.features.rows()) = p.features;
            at += p.features.rows();
        }
        QElapsedTimer phase;
        phase.start();
        const FeatureMatrix input = modelInput(all);
        auto fitted = IsolationForest::fit(input, m_options.forest, &pooledRaw);
        if (!fitted)
            return fitted.status();
        m_phaseNs[2] += phase.nsecsElapsed();
        pooled = AccountModel {std::make_shared<const IsolationForest>(std::move(*fitted)), {}};
        pooledForest = pooled->forest->serialize();
        pooledScope = kPooledScopePrefix
            + QString::fromLatin1(QCryptographicHash::hash(pooledForest, QCryptographicHash::Sha256).toHex().left(32));
        if (Status s = m_ledger.saveModel(pooledScope, rows, packModel(pooledForest, {})); !s.isOk())
            return s;
    }
    qsizetype at = 0;
    for (Pending& p : small) {
        if (pooled) {
            AccountModel model = *pooled;
            model.context = std::move(p.context);
            if (Status s = m_ledger.saveModel(modelScope(p.account.id), p.rows.size(),
                                              packPooledModel(pooledScope, model.context));
                !s.isOk())
                return s;
            {
                QMutexLocker lock(&m_modelMutex);
                m_models.insert(p.account.id, new AccountModel(model));
            }
            recordFit(p);
            const Eigen::VectorXd raw = pooledRaw.segment(at, p.rows.size());
            at += p.rows.size();
            if (Status s = store(p, model, raw); !s.isOk())
                return s;
            continue;
        }
        if (Status s = m_ledger.storeDetectionResults(p.account.id, {}, {}, p.account.changeSeq); !s.isOk())
            return s; // too little history anywhere to score: nothing to flag yet
        ++summary.accounts;
        Q_EMIT progress(++done, total);
    }
    if (pooled)
        if (Status s = removeUnreferencedPooledModels(pooledScope); !s.isOk())
            return s;
    if (deferred.empty())
        return Status::ok();

    // Every transaction's supervised inputs as at its booking, labelled by the decisions (matched on account,
    // booking time, amount and counterparty).
    QHash<QString, const StandingDecision*> decided;
    auto key = [](qint64 accountId, qint64 bookedAt, qint64 amount, const QString& counterparty) {
        return QStringLiteral("%1|%2|%3|%4").arg(accountId).arg(bookedAt).arg(amount).arg(counterparty);
    };
    for (const StandingDecision& d : decisions)
        decided.insert(key(d.accountId, d.bookedAt, d.amount, d.counterparty), &d);
    std::vector<std::vector<std::array<double, SupervisedRow::kFeatures>>> inputs(deferred.size());
    std::vector<SupervisedRow> training;
    for (size_t a = 0; a < deferred.size(); ++a) {
        const Scored& d = deferred[a];
        const TransactionColumns& rows = d.p.rows;
        inputs[a].resize(size_t(rows.size()));
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const size_t r = size_t(i);
            const QString& counterparty = rows.counterparties[rows.counterparty[r]];
            const double share = double(d.model.context.counterpartyCounts.value(counterparty))
                / double(std::max<qint64>(1, d.model.context.rows));
            const FeedbackAdjustment adjustment
                = feedback.adjustment(d.p.account.id, counterparty, rows.amount[r], rows.timestamp[r], share);
            SupervisedRow row;
            row.bookedAt = rows.timestamp[r];
            row.x = supervisedFeatures(d.model.forest->calibratedScore(d.raw(i)), adjustment);
            if (const auto it = decided.constFind(key(d.p.account.id, rows.timestamp[r], rows.amount[r], counterparty));
                it != decided.cend()) {
                row.decided = true;
                row.decidedAt = (*it)->decidedAt;
                row.fraud = (*it)->label == Label::Fraud;
            }
            inputs[a][r] = row.x;
            training.push_back(row);
        }
    }
    const SupervisedModel model(std::move(training), m_options.supervisedOptions);
    for (size_t a = 0; a < deferred.size(); ++a) {
        Scored& d = deferred[a];
        std::vector<double> probability;
        if (!model.isEmpty()) {
            probability.reserve(inputs[a].size());
            for (qsizetype i = 0; i < d.p.rows.size(); ++i)
                probability.push_back(model.probability(inputs[a][size_t(i)], d.p.rows.timestamp[size_t(i)]));
        }
        if (Status s = storeAccount(d.p.account, d.p.rows, d.p.features, d.model, {}, d.raw, feedback, probability,
                                    true, summary);
            !s.isOk())
            return s;
        Q_EMIT progress(++done, total);
    }
    return Status::ok();
}

Status DetectionPipeline::saveAccountModel(qint64 accountId, qint64 rowCount, const AccountModel& model,
                                           const QByteArray& forestBytes)
{
    if (Status s = m_ledger.saveModel(modelScope(accountId), rowCount, packModel(forestBytes, model.context));
        !s.isOk())
        return s;
    QMutexLocker lock(&m_modelMutex);
    m_models.insert(accountId, new AccountModel(model));
    return Status::ok();
}

Status DetectionPipeline::storeAccount(const Account& account, const TransactionColumns& rows,
                                       const FeatureMatrix& features, const AccountModel& model,
                                       const std::vector<qsizetype>& only, const Eigen::VectorXd& raw,
                                       const Feedback& feedback, const std::vector<double>& supervised, bool clearStale,
                                       RunSummary& summary)
{
    QElapsedTimer phase;
    phase.start();
    auto results = prepareResults(account, rows, features, model, only, raw, feedback, supervised, clearStale);
    if (!results)
        return results.status();
    if (Status s = writeResults(account, *results, clearStale, summary); !s.isOk())
        return s;
    if (clearStale)
        m_phaseNs[3] += phase.nsecsElapsed();
    return Status::ok();
}

Result<DetectionPipeline::AccountResults>
DetectionPipeline::prepareResults(const Account& account, const TransactionColumns& rows, const FeatureMatrix& features,
                                  const AccountModel& model, const std::vector<qsizetype>& only,
                                  const Eigen::VectorXd& raw, const Feedback& feedback,
                                  const std::vector<double>& supervised, bool clearStale) const
{
    const std::vector<int>& columns = modelColumns();
    Eigen::RowVectorXd input(qsizetype(columns.size()));
    AccountResults out;
    QList<TransactionScore>& writes = out.writes;
    QList<Anomaly>& anomalies = out.anomalies;
    QList<QString>& newHigh = out.newHigh;
    const qint64 now = m_ledger.clock().nowMs();
    const qsizetype count = only.empty() ? rows.size() : qsizetype(only.size());
    out.rowsScored = count;
    writes.reserve(count);
    const std::vector<std::vector<ScorePart>> parts = scoreParts(m_options.scorePartProviders, account.id, rows, only);
    static const std::vector<ScorePart> kNoParts;
    // Appends row i's score to `writes` when it is to be stored; true then.
    const auto write = [&](qsizetype i, double score, Risk risk) {
        const size_t r = size_t(i);
        const bool changed = (!only.empty() && !clearStale) || needsWrite(rows.score[r], rows.risk[r], score, risk);
        if (changed)
            writes.append({rows.ids[i], score, risk, r < rows.key.size() ? rows.key[r] : 0});
        return changed;
    };
    for (qsizetype k = 0; k < count; ++k) {
        const qsizetype i = only.empty() ? k : only[size_t(k)];
        const size_t r = size_t(i);
        // An account's opening balance (booked when it was created with one, by hand or by an import) is where its
        // history starts, not a payment: it is not judged, and stands as LOW with a score of 0.
        if (rows.category[r] == qint32(Category::OpeningBalance)) {
            write(i, 0.0, Risk::Low);
            continue;
        }
        const double forest = model.forest->calibratedScore(raw(k));
        const QString& counterparty = rows.counterparties[rows.counterparty[r]];
        const double share = feedback.isEmpty() ? 0.0
                                                : double(model.context.counterpartyCounts.value(counterparty))
                / double(std::max<qint64>(1, model.context.rows));
        FeedbackAdjustment adjustment = feedback.isEmpty()
            ? FeedbackAdjustment()
            : feedback.adjustment(account.id, counterparty, rows.amount[r], rows.timestamp[r], share);
        // The forest's explanation, computed when needed: for the anomaly record, and for the kind of alert that
        // dismissed cases suppress only when of the same kind.
        std::optional<std::vector<IsolationForest::FeatureContribution>> contributions;
        auto explain = [&]() -> Status {
            for (size_t c = 0; c < columns.size(); ++c)
                input(qsizetype(c)) = modelValue(columns[c], features(i, columns[c]));
            auto explained = model.forest->explain(input);
            if (!explained)
                return explained.status();
            for (auto& c : *explained) { // model column -> feature column, values as features
                c.feature = columns[size_t(c.feature)];
                c.value = featureValue(c.feature, c.value);
                c.typical = featureValue(c.feature, c.typical);
            }
            const bool anyClear = std::any_of(explained->cbegin(), explained->cend(), [&](const auto& c) {
                return c.contribution > 0 && isReason(c, rows.amount[r], account.currency);
            });
            std::erase_if(*explained, [&](const IsolationForest::FeatureContribution& c) {
                return !isReason(c, rows.amount[r], account.currency, anyClear);
            });
            contributions = std::move(*explained);
            return Status::ok();
        };
        auto forestType = [&] { // the family of the first reason the explanation gives
            const auto first = std::find_if(contributions->cbegin(), contributions->cend(),
                                            [](const auto& c) { return c.contribution > 0; });
            return anomalyTypeKey(first == contributions->cend() ? AnomalyType::AmountSpike
                                                                 : anomalyTypeForFeature(first->feature));
        };
        if (adjustment.similarDismissed > 0) {
            if (Status s = explain(); !s.isOk())
                return s;
            adjustment
                = feedback.adjustment(account.id, counterparty, rows.amount[r], rows.timestamp[r], share, forestType());
        }
        const FeedbackScore scored
            = Feedback::apply(forest, adjustment, supervised.empty() ? -1.0 : supervised[size_t(k)]);
        const std::vector<ScorePart>& rowParts = parts.empty() ? kNoParts : parts[r];
        const CombinedScore combined = combineScore(scored, rowParts);
        const double score = combined.score;
        const Risk risk = combined.risk;
        const bool changed = write(i, score, risk);
        // A LOW score is an alert no more, except that a case suppressed by dismissals keeps its explanation
        // (the record updates an existing case, and opens none).
        const bool suppressed = scored.spoke == FeedbackPart::Suppression;
        if ((risk == Risk::Low && !suppressed) || combined.suppressed)
            continue;
        if (risk != Risk::Low)
            risk == Risk::High ? ++out.high : ++out.medium;
        // Scores and anomaly records are stored only when the score changed (each stored scoring is one entry of the
        // case's score history).
        if (!changed)
            continue;
        if (!contributions) {
            if (Status s = explain(); !s.isOk())
                return s;
        }
        Anomaly a;
        a.id = newUuidV7(now);
        a.accountId = account.id;
        a.transactionId = rows.ids[i];
        a.score = score;
        a.risk = risk;
        a.detectedAt = now;
        a.anomalyType = combinedAnomalyType(
            combined, rowParts,
            scored.spoke == FeedbackPart::CounterpartyFeedback
                    || (scored.spoke == FeedbackPart::Supervised && adjustment.counterpartyRisk > 0)
                ? anomalyTypeKey(AnomalyType::CompromisedCounterparty)
                : forestType());
        a.features = featureObject(features.row(i));
        a.explanation = combinedExplanation(combined, rowParts, adjustment, counterparty);
        for (const QJsonValue& v : explainRow(rows, i, account.currency, features.row(i), *contributions, model.context,
                                              m_options.topFeatures))
            a.explanation.append(v);
        anomalies.append(a);
        if (risk == Risk::High && rows.risk[r] != qint8(Risk::High))
            newHigh.append(a.transactionId);
    }
    return out;
}

Status DetectionPipeline::writeResults(const Account& account, const AccountResults& results, bool clearStale,
                                       RunSummary& summary)
{
    if (Status s = m_ledger.storeDetectionResults(account.id, results.writes, results.anomalies,
                                                  clearStale ? std::optional(account.changeSeq) : std::nullopt,
                                                  QStringLiteral("account:%1").arg(account.id));
        !s.isOk())
        return s;
    summary.high += results.high;
    summary.medium += results.medium;
    summary.anomalies += results.high + results.medium;
    summary.transactionsScored += results.writes.size();
    summary.rowsScored += results.rowsScored;
    ++summary.accounts;
    for (const QString& transactionId : results.newHigh) { // the stored case: an existing one keeps its id
        if (const Result<QString> caseId = caseIdForTransaction(m_ledger, transactionId); caseId)
            Q_EMIT highRiskDetected(*caseId, account.id);
    }
    return Status::ok();
}

std::optional<DetectionPipeline::AccountModel> DetectionPipeline::modelFor(qint64 accountId)
{
    {
        QMutexLocker lock(&m_modelMutex);
        if (const AccountModel* cached = m_models.object(accountId))
            return *cached;
    }
    auto bytes = m_ledger.loadModel(modelScope(accountId));
    if (!bytes)
        return std::nullopt;
    auto model = unpackModel(*bytes, m_ledger);
    if (!model)
        return std::nullopt;
    QMutexLocker lock(&m_modelMutex);
    m_models.insert(accountId, new AccountModel(*model));
    return model;
}

std::shared_ptr<const IsolationForest> DetectionPipeline::storedForest(const Ledger& ledger, qint64 accountId)
{
    auto bytes = ledger.loadModel(modelScope(accountId));
    if (!bytes)
        return nullptr;
    auto model = unpackModel(*bytes, ledger);
    return model ? model->forest : nullptr;
}

std::optional<DetectionPipeline::AccountModel> DetectionPipeline::unpackModel(const QByteArray& bytes,
                                                                              const Ledger& ledger)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0;
    QByteArray forestBytes, contextBytes;
    in >> magic >> version;
    if (version == kModelVersionPooledReference) { // the pooled forest, stored once under the scope named here
        QString scope;
        in >> scope >> contextBytes;
        if (magic != kModelMagic || in.status() != QDataStream::Ok || !in.atEnd()
            || !scope.startsWith(kPooledScopePrefix))
            return std::nullopt;
        const Result<QByteArray> pooled = ledger.loadModel(scope);
        if (!pooled)
            return std::nullopt; // removed with its last reference: the next run refits
        QDataStream pin(*pooled);
        pin.setVersion(QDataStream::Qt_6_4);
        QByteArray emptyContext;
        pin >> magic >> version >> forestBytes >> emptyContext;
        if (magic != kModelMagic || version != kModelVersion || pin.status() != QDataStream::Ok)
            return std::nullopt;
    } else {
        in >> forestBytes >> contextBytes;
    }
    std::optional<ScoreCalibration> storedCalibration;
    if (version == kModelVersionWithOwnCalibration) {
        ScoreCalibration c;
        in >> c.median >> c.spread;
        storedCalibration = c;
    }
    if (magic != kModelMagic || (version != kModelVersion && !storedCalibration) || in.status() != QDataStream::Ok
        || !in.atEnd())
        return std::nullopt; // another format: the next run refits
    auto forest = IsolationForest::deserialize(forestBytes, storedCalibration);
    auto context = FeatureContext::deserialize(contextBytes);
    if (!forest || !context || forest->featureCount() != int(modelColumns().size()))
        return std::nullopt;
    return AccountModel {std::make_shared<const IsolationForest>(std::move(*forest)), std::move(*context)};
}

Status DetectionPipeline::removeUnreferencedPooledModels(const QString& keep)
{
    // A pooled forest stored in the last hour is kept even unnamed: another process's run (SQLite does not order
    // detection runs across processes) may have stored it and not yet its accounts' models that name it.
    constexpr qint64 kGraceMs = 3'600'000;
    const Result<QList<Ledger::StoredModel>> scopes = m_ledger.modelScopes();
    if (!scopes)
        return scopes.status();
    const qint64 before = m_ledger.clock().nowMs() - kGraceMs;
    QStringList removable;
    qint64 keptBytes = 0; // this run's pooled blob: an account's blob this large holds a forest of its own
    for (const Ledger::StoredModel& m : *scopes) {
        if ((m.scope.startsWith(kPooledScopePrefix) && m.scope != keep && m.storedAtMs < before)
            || m.scope == u"pooled")
            removable.append(m.scope);
        if (m.scope == keep)
            keptBytes = m.bytes;
    }
    if (removable.isEmpty())
        return Status::ok();
    // Only the blobs that can name a pooled forest are read (an own model's half a megabyte is not).
    QSet<QString> referenced;
    for (const Ledger::StoredModel& m : *scopes) {
        if (!m.scope.startsWith(QLatin1String("account:")) || (keptBytes > 0 && m.bytes >= keptBytes))
            continue;
        const Result<QByteArray> bytes = m_ledger.loadModel(m.scope);
        if (!bytes)
            return bytes.status();
        if (const QString ref = pooledReference(*bytes); !ref.isEmpty())
            referenced.insert(ref);
    }
    for (const QString& scope : std::as_const(removable))
        if (!referenced.contains(scope))
            if (Status s = m_ledger.removeModel(scope); !s.isOk())
                return s;
    return Status::ok();
}

Result<qint64> DetectionPipeline::scoreTransactions(const QStringList& ids)
{
    struct Wanted
    {
        QSet<QString> ids;
        qint64 from = std::numeric_limits<qint64>::max();
        qint64 to = std::numeric_limits<qint64>::min();
    };
    QHash<qint64, Wanted> byAccount;
    for (const QString& id : ids) {
        auto t = m_ledger.transaction(id);
        if (!t)
            return t.status();
        Wanted& w = byAccount[t->accountId];
        w.ids.insert(t->id);
        w.from = std::min(w.from, t->timestamp);
        w.to = std::max(w.to, t->timestamp);
    }
    qint64 scored = 0;
    RunSummary summary;
    std::optional<Feedback> feedback; // read once, when a model scores
    for (auto it = byAccount.cbegin(); it != byAccount.cend(); ++it) {
        auto model = modelFor(it.key());
        if (!model && m_options.scorePartProviders.empty())
            continue; // no model yet: the next scheduled run fits one
        auto account = m_ledger.account(it.key());
        if (!account)
            return account.status();
        // Only the neighbourhood the features look at; the account-wide statistics come with the model.
        auto rows
            = m_ledger.transactionColumns(it.key(), it->from - kFeatureLookbackMs, it->to + kFeatureLookaheadMs + 1);
        if (!rows)
            return rows.status();
        std::vector<qsizetype> only;
        for (qsizetype i = 0; i < rows->size(); ++i)
            if (it->ids.contains(rows->ids[i]))
                only.push_back(i);
        if (only.empty())
            continue;
        if (!model) { // the rules' flags only, until the next scheduled run fits a model
            auto high = storeFlagsWithoutModel(m_ledger, *account, *rows, only,
                                               scoreParts(m_options.scorePartProviders, it.key(), *rows, only));
            if (!high)
                return high.status();
            for (const QString& transactionId : std::as_const(*high))
                if (const Result<QString> caseId = caseIdForTransaction(m_ledger, transactionId); caseId)
                    Q_EMIT highRiskDetected(*caseId, it.key());
            continue;
        }
        const FeatureMatrix features = computeFeatures(*rows, model->context, false);
        auto raw = scoreRows(*model, features, only);
        if (!raw)
            return raw.status();
        if (!feedback) {
            auto decisions = m_ledger.standingDecisions();
            if (!decisions)
                return decisions.status();
            feedback.emplace(*decisions);
        }
        if (Status s = storeAccount(*account, *rows, features, *model, only, *raw, *feedback, {}, false, summary);
            !s.isOk())
            return s;
        scored += qint64(only.size());
    }
    return scored;
}

void DetectionPipeline::onTransactionsAdded(const QStringList& ids, const QList<qint64>& accountIds)
{
    Q_UNUSED(accountIds);
    // Bulk writes (backfill, imports) are left to the scheduled run.
    if (ids.isEmpty() || ids.size() > 1000)
        return;
    QElapsedTimer timer;
    timer.start();
    (void)QtConcurrent::run(&m_pool, [this, ids, timer] {
        auto r = scoreTransactions(ids);
        if (!r)
            qCWarning(lcPipeline) << "instant scoring failed:" << r.status().toString();
        else if (*r > 0)
            Q_EMIT transactionsScored(*r, timer.elapsed());
    });
}

} // namespace ledgerguard
