// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Isolation Forest anomaly detector.
//
// Reference: F. T. Liu, K. M. Ting, Z.-H. Zhou, "Isolation Forest", ICDM 2008 (and "Isolation-based anomaly
// detection", TKDD 2012). Defaults and details follow scikit-learn's sklearn/ensemble/_iforest.py.
//
// Each of `trees` isolation trees is grown on a sample of psi = min(sampleSize, n) rows drawn without replacement.
// A node picks a feature uniformly among the features that are not constant in its sample, and a split value
// uniformly in [min, max) of that feature in its sample; rows with value <= split go left. A node becomes an
// external node (leaf) when it holds one row, when all features are constant in its sample, or at depth
// maxDepth (default ceil(log2(psi))). A row's path length in a tree is h(x) = depth of its leaf + c(leaf size),
// and its anomaly score is s(x) = 2^(-E[h(x)] / c(psi)), where c(n) = 2H(n-1) - 2(n-1)/n is the average path
// length of an unsuccessful search in a binary search tree (averagePathLength below).
//
// Layout: all trees live in one flat array of packed 16-byte nodes; the two children of a node are adjacent, so
// one step of a walk is `node = child + (x[feature] > threshold)` with no branch. A leaf has threshold +infinity
// and child = itself, so a walk that reaches it stays there. One parallel double per node holds, for a leaf, its
// path length (depth + c(size)) and, for an internal node, the fraction of its sample that went left (used by
// explain()). Scoring walks a group of rows through one tree at a time so the tree stays in L1 cache and the
// rows' independent dependency chains overlap; see IsolationForest.cpp.
//
// Determinism: tree t draws from its own generator seeded from (seed, t), so a model, and every score, is
// bit-identical for any thread count and across runs and platforms.

#include "ledger/Risk.h"
#include "util/Status.h"

#include <Eigen/Core>
#include <QString>
#include <QtGlobal>
#include <cstdint>
#include <vector>

namespace ledgerguard {

// Rows are samples, columns are features.
using FeatureMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// c(n): the average path length of an unsuccessful search in a binary search tree of n nodes,
// 2H(n-1) - 2(n-1)/n with H(i) = ln(i) + Euler's constant; c(n) = 0 for n <= 1 and c(2) = 1.
double averagePathLength(double n);

// Options of IsolationForest::fit(), also named IsolationForest::Options. It sits at namespace scope because g++
// rejects `const Options& options = {}` for a nested struct with default member initializers.
struct IsolationForestOptions
{
    // Number of isolation trees. REQUIRES: 1..100000. Default: 100.
    int trees = 100;
    // Rows drawn (without replacement) to grow each tree; min(sampleSize, rows) is used. REQUIRES: >= 1.
    // Default: 256.
    int sampleSize = 256;
    // Height limit of a tree; 0 means ceil(log2(psi)) as in the paper. REQUIRES: 0..4096. Default: 0.
    int maxDepth = 0;
    // Seed of the random generators; tree t is seeded from (seed, t). Default: 42.
    quint64 seed = 42;
    // Worker threads for fit(); 0 means all cores. Never changes the result. REQUIRES: >= 0. Default: 0.
    int threads = 0;
};

// A fitted Isolation Forest: an immutable value. All const methods are safe to call from several threads at
// once on the same object; fit() and load() build a new object and share nothing.
class IsolationForest
{
public:
    using Options = IsolationForestOptions;

    // Why a row scored as it did: one feature's share of the row's isolation.
    struct FeatureContribution
    {
        int feature = 0; // column index
        double contribution = 0.0; // share in [0, 1]; the shares of one row sum to 1
        double value = 0.0; // the row's value of this feature
        double typical = 0.0; // the model's typical value of this feature (median of a fit sample)
    };

    // One row of scoreAndExplain().
    struct ScoredRow
    {
        double score = 0.0; // s(x) in (0, 1]
        Risk risk = Risk::Low; // riskForScore(score)
        std::vector<FeatureContribution> features; // the top features, as explain() orders them
    };

    // Grows the forest on X. Returns InvalidArgument naming the field ("trees", "sampleSize", "maxDepth",
    // "threads") for bad options, and InvalidArgument on field "X" when X has no rows or no columns or holds a
    // NaN or an infinity (the message names the first such row and column).
    static Result<IsolationForest> fit(const FeatureMatrix& X, const Options& options = {});

    // s(x) for each row of X, in (0, 1]: near 1 is anomalous, well below 0.5 is normal (see Risk.h). An empty X
    // gives an empty vector. `threads`: 0 means all cores; the scores are identical for any value.
    // Errors: InvalidArgument on "X" when its column count is not featureCount() or it holds a NaN or an
    // infinity; InvalidArgument on "threads" when threads < 0.
    Result<Eigen::VectorXd> score(const FeatureMatrix& X, int threads = 0) const;

    // Per-feature contributions to the isolation of `row`, over all features, sorted by contribution
    // descending (ties by feature index), summing to 1. Method (after DIFFI, Carletti et al. 2020): in each tree,
    // every split on the row's path earns its feature log2(node sample / part of it on the row's side), the bits
    // of isolation that split gave, weighted by 1 / h(x) so trees that isolate the row early count more.
    // When no split touched the row (every tree is a single leaf) all contributions are 0.
    // Errors: InvalidArgument on "row" for a wrong length, a NaN or an infinity.
    Result<std::vector<FeatureContribution>> explain(const Eigen::Ref<const Eigen::RowVectorXd>& row) const;

    // Batch form for the pipeline: the score of each row of X with its `topFeatures` largest contributions
    // (all features when topFeatures <= 0 or > featureCount()). Same errors as score().
    Result<std::vector<ScoredRow>> scoreAndExplain(const FeatureMatrix& X, int topFeatures = 3, int threads = 0) const;

    // Writes the model to `path` (atomically: a temporary file then rename) in a versioned little-endian binary
    // format with a magic, a format version and a checksum. Errors: IoError.
    Status save(const QString& path) const;
    // Reads a model written by save(). Errors: IoError when the file cannot be read; Corruption when it is not a
    // model file, is truncated, fails its checksum or holds an inconsistent tree; Unsupported for a format
    // version this build does not read.
    static Result<IsolationForest> load(const QString& path);
    // The same format in memory (for storing a model in a database).
    QByteArray serialize() const;
    static Result<IsolationForest> deserialize(const QByteArray& bytes);
    static constexpr quint32 kFormatVersion = 1;

    int featureCount() const { return m_featureCount; }
    // The options given to fit(); options().sampleSize and options().maxDepth are the values actually used
    // (psi and the height limit).
    const Options& options() const { return m_options; }
    int treeCount() const { return static_cast<int>(m_treeDepth.size()); }
    int nodeCount() const { return static_cast<int>(m_nodes.size()); }
    // Typical (median) value of each feature, from a sample of at most 1024 training rows.
    const Eigen::VectorXd& typicalValues() const { return m_typical; }
    // Bytes of memory held by the model's arrays.
    qint64 memoryBytes() const;

    // The packed node; public only for the implementation files and the format.
    struct Node
    {
        double threshold; // internal: go left when x[feature] <= threshold; leaf: +infinity
        qint32 feature; // internal: split feature; leaf: 0
        qint32 child; // internal: index (within the tree) of the left child, the right one follows; leaf: itself
    };
    static_assert(sizeof(Node) == 16, "nodes are packed into 16 bytes");

private:
    IsolationForest() = default;
    Status checkConsistency() const;
    void accumulatePathLengths(const double* rows, int count, double* sums) const;
    std::vector<FeatureContribution> explainRow(const double* row) const;

    Options m_options;
    int m_featureCount = 0;
    std::vector<Node> m_nodes; // all trees, tree t at [m_treeStart[t], m_treeStart[t + 1])
    std::vector<double> m_aux; // per node: leaf path length (depth + c(size)) or left fraction
    std::vector<qint32> m_treeStart; // treeCount() + 1 offsets into m_nodes
    std::vector<qint32> m_treeDepth; // deepest leaf of each tree (steps a walk needs)
    Eigen::VectorXd m_typical;

    friend class IsolationForestFormat;
};

} // namespace ledgerguard
