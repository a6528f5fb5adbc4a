// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decisions/Feedback.h"
#include "decisions/Supervised.h"
#include "detect/IsolationForest.h"
#include "ledger/Database.h"
#include "ledger/Ledger.h"
#include "ledger/ScoreParts.h"
#include "pipeline/Features.h"

#include <QCache>
#include <QFutureWatcher>
#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <array>
#include <atomic>
#include <functional>
#include <memory>

namespace ledgerguard {

// DetectionPipeline's settings: the forest, the pooling of small accounts, explanation size, instant scoring.
struct DetectionPipelineOptions
{
    // The Isolation Forest's options (trees, sample size, seed, threads). Default: 100 trees of samples of 2048
    // rows (min(2048, rows)), not the paper's 256: larger samples hold the account's rare-but-usual transactions,
    // so the trees split them off and an anomaly beyond them is isolated early (docs/DETECTION.md).
    IsolationForestOptions forest = [] {
        IsolationForestOptions o;
        o.sampleSize = 2048;
        return o;
    }();
    // An account with at least this many transactions gets its own model; smaller ones share a model pooled
    // across the small accounts of the run. Default: 256.
    int minAccountHistory = 256;
    // Explanation entries stored per anomaly. Default: 3.
    int topFeatures = 3;
    // Score transactions as soon as they are written (Ledger::transactionsAdded), with the account's stored
    // model, on a worker thread. Default: true.
    bool instantScoring = true;
    // Fit the supervised model over the whole ledger at each run once enough decisions exist (SupervisedModel, docs/
    // DETECTION.md "Supervised model"); its probability raises scores where above the feedback-adjusted score. A run
    // with it holds every account's rows until all are scored. Instant scoring goes without it. Default: off (it
    // measured neutral in `ledgerguard evaluate --feedback --supervised`, docs/DETECTION.md).
    bool supervised = false;
    SupervisedOptions supervisedOptions;
    // A scheduled run (runNow(false)) refits an account's model only when the account has no stored model, the
    // model is older than refitAfterMs (by the ledger's clock), the account has grown by more than refitGrowth of
    // the rows the model was fitted on, or it crossed minAccountHistory; otherwise it scores only the account's rows
    // no run has scored yet, with the stored model, as instant scoring does (docs/DETECTION.md, "Pipeline").
    // runNow(true) and runs with the supervised model refit every account. Defaults: 7 days, 0.10.
    qint64 refitAfterMs = 7 * kDayMs;
    double refitGrowth = 0.10;
    // The score parts beside the forest (rules, classic tests), combined with it as docs/DETECTION.md "Combined score"
    // documents (pipeline/Combination.h), in detection runs and in instant scoring; in instant scoring their Flag parts
    // also open cases on accounts without a stored model. The app, headless mode and evaluate pass
    // defaultScorePartProviders(ledger). Default: none.
    std::vector<std::shared_ptr<ScorePartProvider>> scorePartProviders;
    // Called on the run's thread with each account's id once its account row (and change_seq) and transactions
    // have been read and before its results are stored, so a test can write between the two. Default: none.
    std::function<void(qint64 accountId)> afterAccountRead;
};

// The detection flow: take the stale accounts, build their transactions' features, fit an Isolation Forest per
// account (or pooled for small accounts), score every transaction of those accounts, store each transaction's score
// and risk and an anomaly record with its explanation for MEDIUM and HIGH, and clear the stale flags. Each calibrated
// forest score is adjusted by the analysts' decisions made before the transaction was booked (Feedback, read once
// per run or instant scoring), so decisions never change earlier scores. Results are
// written in one SQL transaction per account (Ledger::storeDetectionResults), so a crash leaves each account either
// in its old or in its new state. Also scores newly written transactions at once with the stored models.
//
// Thread-safety: start(), isRunning() and the signals belong to the thread that owns the object (the GUI thread);
// runNow() may run on any thread and is what start() runs on a worker thread. Signals from a worker thread reach
// receivers in other threads queued.
class DetectionPipeline : public QObject
{
    Q_OBJECT
public:
    using Options = DetectionPipelineOptions;

    struct RunSummary
    {
        qint64 startedAt = 0;
        qint64 finishedAt = 0;
        int accounts = 0;
        qint64 transactionsScored = 0; // scores written: rows whose stored score or risk changed
        qint64 rowsScored = 0; // rows the run scored, their stored score changed or not
        int anomalies = 0; // MEDIUM and HIGH records written
        int high = 0;
        int medium = 0;
        // Wall time of the run's phases: reading the rows, their features, fitting and scoring (the forest's raw
        // scores), storing (scores, cases and their explanations, Ledger::storeDetectionResults).
        qint64 readNs = 0;
        qint64 featuresNs = 0;
        qint64 fitNs = 0;
        qint64 storeNs = 0;
        Status status;
    };

    DetectionPipeline(Ledger& ledger, const Options& options, QObject* parent = nullptr);
    explicit DetectionPipeline(Ledger& ledger, QObject* parent = nullptr)
        : DetectionPipeline(ledger, Options(), parent)
    { }
    ~DetectionPipeline() override;
    Q_DISABLE_COPY_MOVE(DetectionPipeline)

    // Starts a run on a worker thread over the stale accounts (all accounts when `allAccounts`).
    // Returns false, and does nothing, while a run is going on (runs never overlap).
    bool start(bool allAccounts = false);
    bool isRunning() const;
    // Blocks until a running start() has finished (for shutdown and tests).
    void waitForFinished();

    // Runs synchronously on the calling thread. Returns the summary, or the first error (accounts finished before
    // it keep their results).
    Result<RunSummary> runNow(bool allAccounts = false);

    // Scores the given transactions (of one or more accounts) with each account's stored model and feature
    // statistics, without refitting: features need only the account's last 48 hours, so this takes milliseconds
    // whatever the account's size. Transactions of accounts without a model are left for the next run; the
    // stale flag stays set. Returns how many were scored. Errors: NotFound for an unknown id, database errors.
    Result<qint64> scoreTransactions(const QStringList& ids);

    // The forest of the account's stored model (the options it was fitted with and its calibration), for reports;
    // null when none is stored or it is in a format this build does not read (the next run refits).
    static std::shared_ptr<const IsolationForest> storedForest(const Ledger& ledger, qint64 accountId);

Q_SIGNALS:
    void runStarted();
    void progress(int done, int total);
    void runFinished(const ledgerguard::DetectionPipeline::RunSummary& summary);
    // A transaction of the account scored HIGH for the first time; `anomalyId` is its stored case (a new one, or the
    // case it already had).
    void highRiskDetected(const QString& anomalyId, qint64 accountId);
    // A transaction written moments ago has been scored (instant scoring), with the latency in milliseconds.
    void transactionsScored(qint64 count, qint64 latencyMs);

private:
    // A fitted forest (with its score calibration) and the feature statistics of the account it scores (stored
    // together, see DetectionPipeline.cpp). Pooled accounts share the forest, each with its own statistics.
    struct AccountModel
    {
        std::shared_ptr<const IsolationForest> forest;
        FeatureContext context;
    };
    // What a run knows of each account's stored model (kept in the ledger's meta table, key "detection_models"):
    // when it was fitted and on how many rows, and the highest row key a run has read (rows above it, or without a
    // stored score, are the ones the next run scores).
    struct ModelState
    {
        qint64 fittedAt = 0;
        qint64 fitRows = 0;
        qint64 lastKey = 0;
    };
    using ModelStates = QHash<qint64, ModelState>;
    static ModelStates readModelStates(const Ledger& ledger);
    Status writeModelStates(const ModelStates& states);

    // `refit`: every account is refitted (else only those ModelState and the options say need it). Sets
    // *checkpointHold (Database::holdCheckpoints) before the first account it reads whole; the caller ends it after
    // its own last write.
    Status processAccounts(const QList<qint64>& accountIds, bool refit, const Feedback& feedback,
                           const QList<StandingDecision>& decisions, ModelStates& states, RunSummary& summary,
                           std::unique_ptr<Database::CheckpointHold>* checkpointHold);
    // The scheduled run's path for an account whose stored model still serves: scores the account's rows without a
    // score from a run (no score, or a row key above the state's lastKey) with the stored model, reading only their
    // neighbourhood, stores them and clears the stale flag (sequence-checked). Returns false, having written
    // nothing, when the account needs a refit.
    Result<bool> scoreNewRows(const Account& account, const Feedback& feedback, ModelStates& states,
                              RunSummary& summary);
    // The forest's raw scores of rows `only` of `features`.
    Result<Eigen::VectorXd> scoreRows(const AccountModel& model, const FeatureMatrix& features,
                                      const std::vector<qsizetype>& only) const;
    // Scores rows `only` (all rows when empty) of `rows` and stores them; clears the stale flag when `clearStale`.
    // A run (`clearStale`) writes a score only when it is new or moved (needsWrite); instant scoring writes the
    // scores of all rows `only`.
    // `raw`: the forest's raw scores of those rows, in the same order; `feedback` is applied to their calibrated
    // scores, then `supervised` (the supervised model's probabilities of those rows; empty: none).
    Status storeAccount(const Account& account, const TransactionColumns& rows, const FeatureMatrix& features,
                        const AccountModel& model, const std::vector<qsizetype>& only, const Eigen::VectorXd& raw,
                        const Feedback& feedback, const std::vector<double>& supervised, bool clearStale,
                        RunSummary& summary);
    // What storeAccount writes for one account, computed without writing (the score parts' providers may read
    // through the ledger): safe on another thread than the one that writes.
    struct AccountResults
    {
        QList<TransactionScore> writes;
        QList<Anomaly> anomalies;
        QList<QString> newHigh; // transactions that became HIGH
        int high = 0;
        int medium = 0;
        qint64 rowsScored = 0;
    };
    Result<AccountResults> prepareResults(const Account& account, const TransactionColumns& rows,
                                          const FeatureMatrix& features, const AccountModel& model,
                                          const std::vector<qsizetype>& only, const Eigen::VectorXd& raw,
                                          const Feedback& feedback, const std::vector<double>& supervised,
                                          bool clearStale) const;
    // Stores prepared results (Ledger::storeDetectionResults), counts them in `summary` and announces new HIGH cases.
    Status writeResults(const Account& account, const AccountResults& results, bool clearStale, RunSummary& summary);
    // Stores an account's own model (its forest already serialized as `forestBytes`) and keeps it for instant
    // scoring.
    Status saveAccountModel(qint64 accountId, qint64 rowCount, const AccountModel& model,
                            const QByteArray& forestBytes);
    std::optional<AccountModel> modelFor(qint64 accountId);
    // Reads a model stored by saveAccountModel (nullopt for another format); a small account's refers to the pooled
    // forest stored once, which `ledger` reads.
    static std::optional<AccountModel> unpackModel(const QByteArray& bytes, const Ledger& ledger);
    // Removes the stored pooled forests that no account's model refers to any more, and the unversioned "pooled"
    // of earlier versions; `keep` (this run's) stays.
    Status removeUnreferencedPooledModels(const QString& keep);
    void onTransactionsAdded(const QStringList& ids, const QList<qint64>& accountIds);

    Ledger& m_ledger;
    const Options m_options;
    QFutureWatcher<Result<RunSummary>>* m_watcher;
    QMutex m_modelMutex;
    // The models used last (instant scoring of new rows reads them), at most kCachedModels: a run over many accounts
    // holds no more of them in memory than that; the rest are read back from the ledger when needed.
    static constexpr int kCachedModels = 32;
    QCache<qint64, AccountModel> m_models {kCachedModels}; // GUARDED_BY(m_modelMutex)
    QMutex m_runMutex; // one run at a time, whichever thread
    QThreadPool m_pool; // detection runs and instant scoring
    bool m_running = false; // a start()ed run has not reported back yet
    std::array<qint64, 4> m_phaseNs {}; // read, features, fit, store of the current run (GUARDED_BY(m_runMutex))
};

} // namespace ledgerguard

Q_DECLARE_METATYPE(ledgerguard::DetectionPipeline::RunSummary)
