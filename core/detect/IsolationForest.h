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
// rows' independent dependency chains overlap; see IsolationForest.cpp, and IsolationForestAvx2.cpp for the AVX2
// kernel chosen at run time (ScoringKernel).
//
// Calibration: fit() also learns how the raw scores of its training rows are spread (ScoreCalibration), as
// scikit-learn's fit learns offset_ for decision_function; calibratedScore() maps a raw score onto [0, 1] with
// that spread, so one threshold means the same on every model. Risk levels are read off the calibrated score by
// the callers (ledger/Risk.h); the detector knows nothing of them.
//
// Determinism: tree t draws from its own generator seeded from (seed, t), so a model, and every score, is
// bit-identical for any thread count and across runs and platforms.

#include "util/Status.h"

#include <Eigen/Core>
#include <QString>
#include <QtGlobal>
#include <cstdint>
#include <optional>
#include <vector>

namespace ledgerguard {

namespace detail {
struct Avx2Forest;
}

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

// The calibration of a model's raw scores s(x), learned by IsolationForest::fit() from the raw scores of its
// training rows:
//   median = the median raw score (the upper median for an even count)
//   spread = max((q99 - median) / 2.326, 0.005), q99 = the raw score at index floor(0.99 n) in sorted order:
//            the standard deviation a normal distribution with that 99th percentile would have, read off the upper
//            tail, where anomalies are
//   z = (s - median) / spread,   calibrated(s) = 1 / (1 + exp(-ln 4 * (z - 2)))
// so the curve passes 0.5 at z = 2 and 0.8 at z = 3 (median + 2 spread and median + 3 spread): only the upper tail
// of the training rows reaches 0.5, and a few per thousand 0.8. calibrated(s) is in [0, 1] and increases with s.
struct ScoreCalibration
{
    double median = 0.5;
    double spread = 0.05; // > 0

    // The calibration of a set of raw scores, as above. REQUIRES: raw is not empty.
    static ScoreCalibration fromScores(const Eigen::VectorXd& raw);
    double apply(double raw) const;
    bool operator==(const ScoreCalibration&) const = default;
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

    // Grows the forest on X and learns its calibration from the raw scores of X's rows. When `trainingScores` is
    // not null it receives those raw scores (score(X), computed for the calibration anyway). Returns
    // InvalidArgument naming the field ("trees", "sampleSize", "maxDepth", "threads") for bad options, and
    // InvalidArgument on field "X" when X has no rows or no columns or holds a NaN or an infinity (the message
    // names the first such row and column).
    static Result<IsolationForest> fit(const FeatureMatrix& X, const Options& options = {},
                                       Eigen::VectorXd* trainingScores = nullptr);

    // How score() walks the trees. Every kernel gives bit-identical scores; they differ only in speed.
    //   Automatic: Avx2 when it is available, unless the environment variable LEDGERGUARD_SCORING_KERNEL is
    //              "portable" (read at each call).
    //   Portable:  plain C++, on every CPU.
    //   Avx2:      gathers over several rows' paths at once; on x86-64 CPUs with AVX2, in GCC and Clang builds.
    enum class ScoringKernel { Automatic, Portable, Avx2 };
    // Whether score() can use `kernel` on this CPU and build (Automatic and Portable always can).
    static bool scoringKernelAvailable(ScoringKernel kernel);

    // The raw score s(x) for each row of X, in (0, 1]: near 1 is anomalous, well below 0.5 is normal. An empty X
    // gives an empty vector. `threads`: 0 means all cores; the scores are identical for any value and any kernel.
    // Errors: InvalidArgument on "X" when its column count is not featureCount() or it holds a NaN or an
    // infinity; InvalidArgument on "threads" when threads < 0; Unsupported when `kernel` is not available.
    Result<Eigen::VectorXd> score(const FeatureMatrix& X, int threads = 0,
                                  ScoringKernel kernel = ScoringKernel::Automatic) const;

    // Per-feature contributions to the isolation of `row`, over all features, sorted by contribution
    // descending (ties by feature index), summing to 1. Method (after DIFFI, Carletti et al. 2020): in each tree,
    // every split on the row's path earns its feature log2(node sample / part of it on the row's side), the bits
    // of isolation that split gave, weighted by 1 / h(x) so trees that isolate the row early count more.
    // When no split touched the row (every tree is a single leaf) all contributions are 0.
    // Errors: InvalidArgument on "row" for a wrong length, a NaN or an infinity.
    Result<std::vector<FeatureContribution>> explain(const Eigen::Ref<const Eigen::RowVectorXd>& row) const;

    // The calibration learned by fit() (see ScoreCalibration) and the calibrated score of a raw score s(x), in
    // [0, 1]; calibrate() maps a vector of raw scores element by element.
    const ScoreCalibration& calibration() const { return m_calibration; }
    double calibratedScore(double raw) const { return m_calibration.apply(raw); }
    Eigen::VectorXd calibrate(const Eigen::VectorXd& raw) const;

    // Writes the model, calibration included, to `path` (atomically: a temporary file then rename) in a versioned
    // little-endian binary format with a magic, a format version and a checksum. Errors: IoError.
    Status save(const QString& path) const;
    // Reads a model written by save(). Errors: IoError when the file cannot be read; Corruption when it is not a
    // model file, is truncated, fails its checksum or holds an inconsistent tree or calibration; Unsupported for a
    // format version this build does not read, and for version 1 (no calibration; refit the model).
    static Result<IsolationForest> load(const QString& path);
    // The same format in memory (for storing a model in a database). deserialize() reads version 2, and version 1
    // (the format without a calibration) only when `version1Calibration` is given: it becomes the
    // model's calibration (a caller that stored the calibration beside a version-1 model passes it). A version-1
    // blob without it is Unsupported, so no model without a calibration exists.
    QByteArray serialize() const;
    static Result<IsolationForest> deserialize(const QByteArray& bytes,
                                               const std::optional<ScoreCalibration>& version1Calibration = {});
    static constexpr quint32 kFormatVersion = 2;

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
    // avx2: the AVX2 kernel's tables (ScoringKernel_p.h), or null for the portable walk.
    void accumulatePathLengths(const double* rows, int count, const detail::Avx2Forest* avx2, double* sums) const;
    std::vector<FeatureContribution> explainRow(const double* row) const;
    // Fills m_bits from m_nodes and m_aux; called once the trees are complete (fit, deserialisation).
    void computeIsolationBits();

    Options m_options;
    int m_featureCount = 0;
    std::vector<Node> m_nodes; // all trees, tree t at [m_treeStart[t], m_treeStart[t + 1])
    std::vector<double> m_aux; // per node: leaf path length (depth + c(size)) or left fraction
    // Per node, two values: the bits of information (-log2 of the share of the sample) of going left and of going
    // right at an internal node; 0 for a leaf. explain() adds these instead of taking a logarithm per step.
    std::vector<double> m_bits;
    std::vector<qint32> m_treeStart; // treeCount() + 1 offsets into m_nodes
    std::vector<qint32> m_treeDepth; // deepest leaf of each tree (steps a walk needs)
    Eigen::VectorXd m_typical;
    ScoreCalibration m_calibration;

    friend class IsolationForestFormat;
};

} // namespace ledgerguard
