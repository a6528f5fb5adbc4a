// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipeline/DetectionPipeline.h"

#include "util/Ids.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QtConcurrent>

namespace ledgerguard {

Q_LOGGING_CATEGORY(lcPipeline, "ledgerguard.pipeline")

namespace {

QString modelScope(qint64 accountId)
{
    return QStringLiteral("account:%1").arg(accountId);
}

// A score is rewritten only when it is new, its risk level changed, or it moved noticeably; rewriting a million
// unchanged scores would make every scheduled run as slow as the first.
bool needsWrite(const Transaction& t, double score, Risk risk)
{
    return !t.anomalyScore || !t.risk || *t.risk != risk || std::abs(*t.anomalyScore - score) > 0.01;
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
    RunSummary summary;
    summary.startedAt = m_ledger.clock().nowMs();
    QList<qint64> ids;
    if (allAccounts) {
        auto accounts = m_ledger.accounts();
        if (!accounts)
            return accounts.status();
        for (const Account& a : *accounts)
            ids.append(a.id);
    } else {
        auto stale = m_ledger.staleAccountIds();
        if (!stale)
            return stale.status();
        ids = *stale;
    }
    Status s = processAccounts(ids, summary);
    summary.finishedAt = m_ledger.clock().nowMs();
    summary.status = s;
    const QJsonObject record {{QStringLiteral("finishedAt"), summary.finishedAt},
                              {QStringLiteral("accounts"), summary.accounts},
                              {QStringLiteral("transactionsScored"), summary.transactionsScored},
                              {QStringLiteral("anomalies"), summary.anomalies},
                              {QStringLiteral("high"), summary.high},
                              {QStringLiteral("medium"), summary.medium},
                              {QStringLiteral("status"), s.toString()}};
    m_ledger.setMeta(QStringLiteral("last_detection_run"),
                     QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact)));
    if (!s.isOk())
        return s;
    qCInfo(lcPipeline) << "detection run:" << summary.accounts << "accounts," << summary.transactionsScored
                       << "scores written," << summary.high << "HIGH," << summary.medium << "MEDIUM in"
                       << (summary.finishedAt - summary.startedAt) << "ms";
    return summary;
}

Status DetectionPipeline::processAccounts(const QList<qint64>& accountIds, RunSummary& summary)
{
    struct Pending
    {
        Account account;
        QList<Transaction> history;
        AccountFeatures features;
    };
    QList<Pending> small;
    int done = 0;
    const int total = int(accountIds.size());
    Q_EMIT progress(0, total);
    for (qint64 id : accountIds) {
        // Snapshot the account first: its change_seq decides whether the stale flag may be cleared afterwards.
        auto account = m_ledger.account(id);
        if (!account)
            return account.status();
        auto history = m_ledger.accountHistory(id);
        if (!history)
            return history.status();
        Pending p {*account, std::move(*history), {}};
        p.features = computeFeatures(p.history);
        if (p.history.size() < m_options.minAccountHistory) {
            small.append(std::move(p));
            continue;
        }
        IsolationForestOptions forest = m_options.forest;
        forest.seed = m_options.forest.seed + quint64(id);
        auto model = IsolationForest::fit(p.features.matrix, forest);
        if (!model)
            return model.status();
        if (Status s = m_ledger.saveModel(modelScope(id), p.history.size(), model->serialize()); !s.isOk())
            return s;
        {
            QMutexLocker lock(&m_modelMutex);
            m_models.insert(id, std::make_shared<const IsolationForest>(*model));
        }
        if (Status s
            = storeAccount(p.account, p.history, p.features.matrix, p.features.context, *model, nullptr, summary);
            !s.isOk())
            return s;
        Q_EMIT progress(++done, total);
    }
    if (small.isEmpty())
        return Status::ok();

    // Accounts too small for a model of their own share one fitted on all of them.
    qsizetype rows = 0;
    for (const Pending& p : small)
        rows += p.history.size();
    std::shared_ptr<const IsolationForest> pooled;
    if (rows >= 16) {
        FeatureMatrix all(rows, kFeatureCount);
        qsizetype at = 0;
        for (const Pending& p : small) {
            all.middleRows(at, p.features.matrix.rows()) = p.features.matrix;
            at += p.features.matrix.rows();
        }
        auto model = IsolationForest::fit(all, m_options.forest);
        if (!model)
            return model.status();
        pooled = std::make_shared<const IsolationForest>(std::move(*model));
        const QByteArray bytes = pooled->serialize();
        if (Status s = m_ledger.saveModel(QStringLiteral("pooled"), rows, bytes); !s.isOk())
            return s;
        for (const Pending& p : small) {
            if (Status s = m_ledger.saveModel(modelScope(p.account.id), p.history.size(), bytes); !s.isOk())
                return s;
            QMutexLocker lock(&m_modelMutex);
            m_models.insert(p.account.id, pooled);
        }
    }
    for (const Pending& p : small) {
        if (pooled) {
            if (Status s
                = storeAccount(p.account, p.history, p.features.matrix, p.features.context, *pooled, nullptr, summary);
                !s.isOk())
                return s;
        } else if (Status s = m_ledger.storeDetectionResults(p.account.id, {}, {}, p.account.changeSeq); !s.isOk()) {
            return s; // too little history anywhere to score: nothing to flag yet
        } else {
            ++summary.accounts;
        }
        Q_EMIT progress(++done, total);
    }
    return Status::ok();
}

Status DetectionPipeline::storeAccount(const Account& account, const QList<Transaction>& history,
                                       const FeatureMatrix& features, const FeatureContext& context,
                                       const IsolationForest& model, const QSet<QString>* only, RunSummary& summary)
{
    auto scores = model.score(features, m_options.forest.threads);
    if (!scores)
        return scores.status();
    QList<TransactionScore> writes;
    QList<Anomaly> anomalies;
    QList<QString> newHigh;
    const qint64 now = m_ledger.clock().nowMs();
    for (qsizetype i = 0; i < history.size(); ++i) {
        const Transaction& t = history[i];
        if (only && !only->contains(t.id))
            continue;
        const double score = std::clamp((*scores)(i), 0.0, 1.0);
        const Risk risk = riskForScore(score);
        if (needsWrite(t, score, risk) || only)
            writes.append({t.id, score, risk});
        if (risk == Risk::Low)
            continue;
        auto contributions = model.explain(features.row(i));
        if (!contributions)
            return contributions.status();
        Anomaly a;
        a.id = newUuidV7(now);
        a.accountId = account.id;
        a.transactionId = t.id;
        a.score = score;
        a.risk = risk;
        a.detectedAt = now;
        a.anomalyType = contributions->empty() ? QStringLiteral("amount_spike")
                                               : anomalyTypeForFeature(contributions->front().feature);
        a.features = featureObject(features.row(i));
        a.explanation = explainRow(t, features.row(i), *contributions, context, m_options.topFeatures);
        // Anomaly records are rewritten only when the score changed; unchanged ones keep their detection time.
        if (needsWrite(t, score, risk) || only) {
            anomalies.append(a);
            if (risk == Risk::High && (!t.risk || *t.risk == Risk::Low))
                newHigh.append(a.id);
        }
        risk == Risk::High ? ++summary.high : ++summary.medium;
        ++summary.anomalies;
    }
    if (Status s = m_ledger.storeDetectionResults(account.id, writes, anomalies,
                                                  only ? std::nullopt : std::optional(account.changeSeq));
        !s.isOk())
        return s;
    summary.transactionsScored += writes.size();
    ++summary.accounts;
    for (const QString& id : std::as_const(newHigh))
        Q_EMIT highRiskDetected(id, account.id);
    return Status::ok();
}

std::shared_ptr<const IsolationForest> DetectionPipeline::modelFor(qint64 accountId)
{
    {
        QMutexLocker lock(&m_modelMutex);
        if (auto it = m_models.constFind(accountId); it != m_models.cend())
            return *it;
    }
    auto bytes = m_ledger.loadModel(modelScope(accountId));
    if (!bytes)
        return nullptr;
    auto model = IsolationForest::deserialize(*bytes);
    if (!model || model->featureCount() != kFeatureCount)
        return nullptr;
    auto shared = std::make_shared<const IsolationForest>(std::move(*model));
    QMutexLocker lock(&m_modelMutex);
    m_models.insert(accountId, shared);
    return shared;
}

Result<qint64> DetectionPipeline::scoreTransactions(const QStringList& ids)
{
    QHash<qint64, QSet<QString>> byAccount;
    for (const QString& id : ids) {
        auto t = m_ledger.transaction(id);
        if (!t)
            return t.status();
        byAccount[t->accountId].insert(t->id);
    }
    qint64 scored = 0;
    RunSummary summary;
    for (auto it = byAccount.cbegin(); it != byAccount.cend(); ++it) {
        auto model = modelFor(it.key());
        if (!model)
            continue; // no model yet: the next scheduled run fits one
        auto account = m_ledger.account(it.key());
        if (!account)
            return account.status();
        auto history = m_ledger.accountHistory(it.key());
        if (!history)
            return history.status();
        const AccountFeatures features = computeFeatures(*history);
        if (Status s
            = storeAccount(*account, *history, features.matrix, features.context, *model, &it.value(), summary);
            !s.isOk())
            return s;
        scored += it.value().size();
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
