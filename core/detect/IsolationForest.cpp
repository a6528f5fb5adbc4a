// SPDX-License-Identifier: GPL-3.0-or-later
// Isolation Forest: fit, score and explain. See IsolationForest.h for the algorithm and the node layout;
// IsolationForestFormat.cpp holds save/load.
#include "detect/IsolationForest.h"

#include "detect/Parallel_p.h"
#include "detect/Random_p.h"
#include "detect/ScoringKernel_p.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ledgerguard {

namespace {

constexpr double kEulerGamma = 0.5772156649015329;
// Rows walked through one tree at a time: 256 rows of cursors (1 KiB) plus the tree (a few KiB) stay in L1.
constexpr int kBlockRows = 256;
// Rows of the fit data used to estimate each feature's typical (median) value for explanations.
constexpr int kTypicalSampleRows = 1024;
constexpr double kLeafThreshold = std::numeric_limits<double>::infinity();
// The calibration curve (see ScoreCalibration): 0.5 at z = 2, 0.8 at z = 3 (slope ln 4), the spread read as
// (99th percentile - median) / 2.326, the 99th percentile of a standard normal distribution.
constexpr double kCalibratedHalfAtZ = 2.0;
constexpr double kCalibrationSlope = 1.3862943611198906; // ln 4
constexpr double kNormalQ99 = 2.326;
constexpr double kMinSpread = 0.005;

// The first NaN or infinity in a row-major block, as an InvalidArgument on `field`; Ok when all are finite.
Status checkFinite(const double* data, Eigen::Index rows, Eigen::Index cols, const QString& field)
{
    const Eigen::Index total = rows * cols;
    // x * 0 is 0 for a finite x and NaN otherwise, so one vectorised sum tests every value; the loop below only
    // runs to name the culprit.
    if (!std::isnan((Eigen::Map<const Eigen::ArrayXd>(data, total) * 0.0).sum()))
        return Status::ok();
    for (Eigen::Index i = 0; i < total; ++i) {
        if (!std::isfinite(data[i])) {
            const QString what = std::isnan(data[i]) ? QStringLiteral("NaN") : QStringLiteral("an infinity");
            return Status::invalidArgument(field,
                                           QStringLiteral("row %1, column %2 holds %3; every value must be finite")
                                               .arg(i / cols)
                                               .arg(i % cols)
                                               .arg(what));
        }
    }
    return Status::ok();
}

Status validateOptions(const IsolationForest::Options& o)
{
    if (o.trees < 1 || o.trees > 100000)
        return Status::invalidArgument(QStringLiteral("trees"),
                                       QStringLiteral("must be between 1 and 100000, got %1").arg(o.trees));
    if (o.sampleSize < 1)
        return Status::invalidArgument(QStringLiteral("sampleSize"),
                                       QStringLiteral("must be at least 1, got %1").arg(o.sampleSize));
    if (o.maxDepth < 0 || o.maxDepth > 4096)
        return Status::invalidArgument(
            QStringLiteral("maxDepth"),
            QStringLiteral("must be between 0 (automatic) and 4096, got %1").arg(o.maxDepth));
    if (o.threads < 0)
        return Status::invalidArgument(QStringLiteral("threads"),
                                       QStringLiteral("must be 0 (all cores) or more, got %1").arg(o.threads));
    return Status::ok();
}

// One grown tree, in pre-order, with tree-local child indices.
struct Tree
{
    std::vector<IsolationForest::Node> nodes;
    std::vector<double> aux;
    int depth = 0;
    std::vector<int> sample; // the rows it was grown on (kept only until the forest is assembled)
};

// `count` distinct row indices of [0, n), uniformly. REQUIRES: 1 <= count <= n.
std::vector<int> drawWithoutReplacement(int n, int count, detail::Random& rng)
{
    std::vector<int> out(count);
    if (count == n) {
        // The tree does not depend on the order of its sample, so the whole data set needs no shuffle.
        std::iota(out.begin(), out.end(), 0);
        return out;
    }
    if (n <= 4 * count) {
        // Partial Fisher-Yates over all indices: cheap when n is small.
        std::vector<int> all(n);
        std::iota(all.begin(), all.end(), 0);
        for (int i = 0; i < count; ++i) {
            std::swap(all[i], all[i + rng.below(static_cast<std::uint32_t>(n - i))]);
            out[i] = all[i];
        }
        return out;
    }
    // Floyd's algorithm with a small open-addressing set: O(count) whatever n is, so fitting on a million rows
    // costs the same as on a thousand.
    std::size_t capacity = 16;
    while (capacity < 4 * static_cast<std::size_t>(count))
        capacity *= 2;
    std::vector<int> set(capacity, -1);
    auto insertIfAbsent = [&](int value) {
        std::size_t h = (static_cast<std::uint64_t>(value) * 0x9E3779B97F4A7C15ULL) >> 40;
        for (;; ++h) {
            int& slot = set[h & (capacity - 1)];
            if (slot == value)
                return false;
            if (slot < 0) {
                slot = value;
                return true;
            }
        }
    };
    int k = 0;
    for (int j = n - count; j < n; ++j) {
        const int t = static_cast<int>(rng.below(static_cast<std::uint32_t>(j + 1)));
        out[k++] = insertIfAbsent(t) ? t : (insertIfAbsent(j), j);
    }
    return out;
}

Tree growTree(const FeatureMatrix& X, int psi, int maxDepth, detail::Random& rng)
{
    const int d = static_cast<int>(X.cols());
    Tree tree;
    tree.sample = drawWithoutReplacement(static_cast<int>(X.rows()), psi, rng);

    // The sample, column-major, so that the min/max scan and the partition of a node read contiguous memory.
    // A column is copied the first time a node of this tree looks at its feature: with many features most are
    // never drawn (and a full transpose writes with a stride of psi doubles, which thrashes the cache).
    std::vector<double> cols(static_cast<std::size_t>(d) * psi);
    std::vector<char> copied(d, 0);
    auto column = [&](int f) {
        double* out = cols.data() + static_cast<std::size_t>(f) * psi;
        if (!copied[f]) {
            copied[f] = 1;
            const double* in = X.data() + f;
            for (int i = 0; i < psi; ++i)
                out[i] = in[static_cast<std::size_t>(tree.sample[i]) * d];
        }
        return static_cast<const double*>(out);
    };
    std::vector<int> order(psi);
    std::iota(order.begin(), order.end(), 0);
    std::vector<int> features(d);
    std::iota(features.begin(), features.end(), 0);

    struct Pending
    {
        int begin, end, depth, slot;
    };
    std::vector<Pending> stack;
    stack.push_back({0, psi, 0, 0});
    tree.nodes.reserve(2 * static_cast<std::size_t>(std::min(psi, 1 << std::min(maxDepth, 20))));
    tree.nodes.push_back({});
    tree.aux.push_back(0.0);
    while (!stack.empty()) {
        const Pending p = stack.back();
        stack.pop_back();
        const int size = p.end - p.begin;

        int feature = -1;
        double lo = 0.0, hi = 0.0;
        if (size > 1 && p.depth < maxDepth) {
            // A feature uniformly among those not constant in this node's sample: draw from the remaining
            // candidates and drop each constant one, as scikit-learn's splitter does.
            for (int remaining = d; remaining > 0; --remaining) {
                const int k = static_cast<int>(rng.below(static_cast<std::uint32_t>(remaining)));
                const double* values = column(features[k]);
                lo = hi = values[order[p.begin]];
                for (int i = p.begin + 1; i < p.end; ++i) {
                    const double v = values[order[i]];
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
                if (hi > lo) {
                    feature = features[k];
                    break;
                }
                std::swap(features[k], features[remaining - 1]);
            }
        }
        if (feature < 0) {
            tree.nodes[p.slot] = {kLeafThreshold, 0, p.slot};
            tree.aux[p.slot] = p.depth + averagePathLength(size);
            tree.depth = std::max(tree.depth, p.depth);
            continue;
        }
        double threshold = lo + rng.uniform() * (hi - lo);
        if (threshold >= hi) // rounding can reach hi; the split must leave hi on the right
            threshold = std::nextafter(hi, lo);
        const double* values = column(feature);
        const int mid = static_cast<int>(std::partition(order.begin() + p.begin, order.begin() + p.end,
                                                        [&](int i) { return values[i] <= threshold; })
                                         - order.begin());
        const auto child = static_cast<qint32>(tree.nodes.size());
        tree.nodes[p.slot] = {threshold, feature, child};
        tree.aux[p.slot] = static_cast<double>(mid - p.begin) / size;
        tree.nodes.resize(tree.nodes.size() + 2);
        tree.aux.resize(tree.aux.size() + 2);
        stack.push_back({mid, p.end, p.depth + 1, child + 1});
        stack.push_back({p.begin, mid, p.depth + 1, child});
    }
    return tree;
}

// Median of each feature over a sample of at most kTypicalSampleRows rows.
Eigen::VectorXd featureMedians(const FeatureMatrix& X, quint64 seed)
{
    detail::Random rng(seed, ~0ULL); // a stream no tree uses
    const int n = static_cast<int>(X.rows());
    const std::vector<int> rows = drawWithoutReplacement(n, std::min(n, kTypicalSampleRows), rng);
    Eigen::VectorXd typical(X.cols());
    std::vector<double> values(rows.size());
    for (Eigen::Index f = 0; f < X.cols(); ++f) {
        for (std::size_t i = 0; i < rows.size(); ++i)
            values[i] = X(rows[i], f);
        const auto half = values.begin() + values.size() / 2;
        std::nth_element(values.begin(), half, values.end());
        double median = *half;
        if (values.size() % 2 == 0)
            median = (median + *std::max_element(values.begin(), half)) / 2.0;
        typical[f] = median;
    }
    return typical;
}

} // namespace

double averagePathLength(double n)
{
    if (n <= 1.0)
        return 0.0;
    if (n <= 2.0)
        return 1.0;
    return 2.0 * (std::log(n - 1.0) + kEulerGamma) - 2.0 * (n - 1.0) / n;
}

Result<IsolationForest> IsolationForest::fit(const FeatureMatrix& X, const Options& options,
                                             Eigen::VectorXd* trainingScores)
{
    if (Status s = validateOptions(options); !s.isOk())
        return s;
    if (X.rows() == 0 || X.cols() == 0)
        return Status::invalidArgument(QStringLiteral("X"),
                                       QStringLiteral("has %1 rows and %2 columns; fitting needs "
                                                      "at least one row and one column")
                                           .arg(X.rows())
                                           .arg(X.cols()));
    if (X.rows() > std::numeric_limits<qint32>::max() || X.cols() > std::numeric_limits<qint32>::max())
        return Status::invalidArgument(QStringLiteral("X"), QStringLiteral("is too large"));
    if (Status s = checkFinite(X.data(), X.rows(), X.cols(), QStringLiteral("X")); !s.isOk())
        return s;

    IsolationForest model;
    model.m_options = options;
    const int psi = static_cast<int>(std::min<Eigen::Index>(options.sampleSize, X.rows()));
    if (static_cast<qint64>(options.trees) * (2 * static_cast<qint64>(psi) - 1) > std::numeric_limits<qint32>::max())
        return Status::invalidArgument(QStringLiteral("sampleSize"),
                                       QStringLiteral("trees x sample size is too large for one model"));
    model.m_options.sampleSize = psi;
    if (model.m_options.maxDepth == 0)
        model.m_options.maxDepth = std::max(1, static_cast<int>(std::ceil(std::log2(std::max(psi, 2)))));
    model.m_featureCount = static_cast<int>(X.cols());

    std::vector<Tree> trees(options.trees);
    detail::parallelFor(options.trees, options.threads, [&](int t) {
        detail::Random rng(options.seed, static_cast<std::uint64_t>(t));
        trees[t] = growTree(X, psi, model.m_options.maxDepth, rng);
        trees[t].sample = {};
    });

    std::size_t total = 0;
    for (const Tree& t : trees)
        total += t.nodes.size();
    model.m_nodes.reserve(total);
    model.m_aux.reserve(total);
    model.m_treeStart.reserve(trees.size() + 1);
    model.m_treeDepth.reserve(trees.size());
    for (const Tree& t : trees) {
        model.m_treeStart.push_back(static_cast<qint32>(model.m_nodes.size()));
        model.m_treeDepth.push_back(t.depth);
        model.m_nodes.insert(model.m_nodes.end(), t.nodes.begin(), t.nodes.end());
        model.m_aux.insert(model.m_aux.end(), t.aux.begin(), t.aux.end());
    }
    model.m_treeStart.push_back(static_cast<qint32>(model.m_nodes.size()));
    model.computeIsolationBits();
    model.m_typical = featureMedians(X, options.seed);
    Result<Eigen::VectorXd> raw = model.score(X, options.threads);
    if (!raw)
        return raw.status();
    model.m_calibration = ScoreCalibration::fromScores(*raw);
    if (trainingScores)
        *trainingScores = std::move(*raw);
    return model;
}

namespace {

// Walks kLanes rows (row pointers x) through one tree for `steps` steps and returns where each stopped. The lanes
// are independent dependency chains (load node, load x[feature], compare, add) that the CPU overlaps; the step
// has no branch, since a comparison decides between two adjacent children and a leaf points to itself (+inf
// threshold), so rows that reach a leaf early just stay there.
template<int kLanes>
inline void walk(const IsolationForest::Node* nodes, int steps, const double* const* x, qint32* cursor)
{
    std::uint32_t c[kLanes];
    for (int k = 0; k < kLanes; ++k)
        c[k] = 0;
    for (; steps > 0; --steps) {
        for (int k = 0; k < kLanes; ++k) {
            const IsolationForest::Node& n = nodes[c[k]];
            c[k] = static_cast<std::uint32_t>(n.child) + (x[k][n.feature] > n.threshold ? 1u : 0u);
        }
    }
    for (int k = 0; k < kLanes; ++k)
        cursor[k] = static_cast<qint32>(c[k]);
}

} // namespace

// Adds each row's path length in every tree to sums[r], in tree order whatever the kernel (so the sums are
// bit-identical). Trees are the outer loop so that one tree is read from L1 for the whole block; within a tree,
// rows go kLanes at a time.
void IsolationForest::accumulatePathLengths(const double* rows, int count, const detail::Avx2Forest* avx2,
                                            double* sums) const
{
#if LG_IFOREST_HAVE_AVX2_KERNEL
    if (avx2) {
        detail::accumulateAvx2(*avx2, m_aux.data(), m_treeStart.data(), m_treeDepth.data(), treeCount(), rows, count,
                               m_featureCount, sums);
        return;
    }
#else
    Q_UNUSED(avx2);
#endif
    constexpr int kLanes = 16;
    const int d = m_featureCount;
    const double* x[kBlockRows];
    for (int r = 0; r < count; ++r)
        x[r] = rows + static_cast<std::ptrdiff_t>(r) * d;
    qint32 cursor[kBlockRows];
    for (std::size_t t = 0; t < m_treeDepth.size(); ++t) {
        const Node* nodes = m_nodes.data() + m_treeStart[t];
        const double* aux = m_aux.data() + m_treeStart[t];
        const int steps = m_treeDepth[t];
        int r = 0;
        for (; r + kLanes <= count; r += kLanes)
            walk<kLanes>(nodes, steps, x + r, cursor + r);
        for (; r < count; ++r)
            walk<1>(nodes, steps, x + r, cursor + r);
        for (r = 0; r < count; ++r)
            sums[r] += aux[cursor[r]];
    }
}

bool IsolationForest::scoringKernelAvailable(ScoringKernel kernel)
{
    if (kernel != ScoringKernel::Avx2)
        return true;
#if LG_IFOREST_HAVE_AVX2_KERNEL
    return detail::avx2KernelAvailable();
#else
    return false;
#endif
}

Result<Eigen::VectorXd> IsolationForest::score(const FeatureMatrix& X, int threads, ScoringKernel kernel) const
{
    if (threads < 0)
        return Status::invalidArgument(QStringLiteral("threads"),
                                       QStringLiteral("must be 0 (all cores) or more, got %1").arg(threads));
    if (!scoringKernelAvailable(kernel))
        return Status::unsupported(QStringLiteral("the AVX2 scoring kernel is not available on this CPU or build"));
    const bool avx2 = kernel == ScoringKernel::Avx2
        || (kernel == ScoringKernel::Automatic && scoringKernelAvailable(ScoringKernel::Avx2)
            && qEnvironmentVariable("LEDGERGUARD_SCORING_KERNEL") != QLatin1String("portable"));
    if (X.rows() > 0 && X.cols() != m_featureCount)
        return Status::invalidArgument(
            QStringLiteral("X"),
            QStringLiteral("has %1 columns; the model was fitted on %2").arg(X.cols()).arg(m_featureCount));
    if (Status s = checkFinite(X.data(), X.rows(), X.cols(), QStringLiteral("X")); !s.isOk())
        return s;

#if LG_IFOREST_HAVE_AVX2_KERNEL
    std::optional<detail::Avx2Forest> avx2Forest;
    if (avx2 && X.rows() > 0 && m_featureCount <= detail::kAvx2MaxFeatures)
        avx2Forest = detail::prepareAvx2(m_nodes.data(), m_treeStart.data(), treeCount());
    const detail::Avx2Forest* avx2OrNull = avx2Forest ? &*avx2Forest : nullptr;
#else
    Q_UNUSED(avx2);
    const detail::Avx2Forest* avx2OrNull = nullptr;
#endif

    Eigen::VectorXd scores(X.rows());
    const Eigen::Index blocks = (X.rows() + kBlockRows - 1) / kBlockRows;
    const double c = averagePathLength(m_options.sampleSize);
    const double trees = treeCount();
    detail::parallelFor(static_cast<int>(blocks), threads, [&](int b) {
        const Eigen::Index first = static_cast<Eigen::Index>(b) * kBlockRows;
        const int count = static_cast<int>(std::min<Eigen::Index>(kBlockRows, X.rows() - first));
        double sums[kBlockRows] = {};
        accumulatePathLengths(X.data() + first * m_featureCount, count, avx2OrNull, sums);
        for (int r = 0; r < count; ++r)
            // psi = 1 makes c = 0: every row is equally (un)isolated, and the score is 0.5, as in scikit-learn.
            scores[first + r] = c > 0.0 ? std::exp2(-(sums[r] / trees) / c) : 0.5;
    });
    return scores;
}

namespace {

// Contributions of one row (see explain() in the header), unsorted and unnormalised, added to `out`. `bits` is the
// tree's part of m_bits.
void addIsolationBits(const IsolationForest::Node* nodes, const double* aux, const double* bits, const double* row,
                      double* out, std::vector<std::pair<int, bool>>& path)
{
    path.clear();
    qint32 at = 0;
    while (nodes[at].threshold != kLeafThreshold) {
        const bool left = row[nodes[at].feature] <= nodes[at].threshold;
        path.emplace_back(at, left);
        at = nodes[at].child + (left ? 0 : 1);
    }
    if (path.empty())
        return;
    const double weight = 1.0 / aux[at];
    for (const auto& [node, left] : path)
        out[nodes[node].feature] += bits[2 * node + (left ? 0 : 1)] * weight;
}

} // namespace

void IsolationForest::computeIsolationBits()
{
    m_bits.assign(2 * m_nodes.size(), 0.0);
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].threshold == kLeafThreshold)
            continue;
        m_bits[2 * i] = -std::log2(m_aux[i]);
        m_bits[2 * i + 1] = -std::log2(1.0 - m_aux[i]);
    }
}

std::vector<IsolationForest::FeatureContribution> IsolationForest::explainRow(const double* row) const
{
    std::vector<double> bits(m_featureCount, 0.0);
    std::vector<std::pair<int, bool>> path;
    for (std::size_t t = 0; t < m_treeDepth.size(); ++t)
        addIsolationBits(m_nodes.data() + m_treeStart[t], m_aux.data() + m_treeStart[t],
                         m_bits.data() + 2 * std::size_t(m_treeStart[t]), row, bits.data(), path);
    double total = 0.0;
    for (double b : bits)
        total += b;
    std::vector<FeatureContribution> out(m_featureCount);
    for (int f = 0; f < m_featureCount; ++f)
        out[f] = {f, total > 0.0 ? bits[f] / total : 0.0, row[f], m_typical[f]};
    std::stable_sort(out.begin(), out.end(), [](const FeatureContribution& a, const FeatureContribution& b) {
        return a.contribution > b.contribution;
    });
    return out;
}

Result<std::vector<IsolationForest::FeatureContribution>>
IsolationForest::explain(const Eigen::Ref<const Eigen::RowVectorXd>& row) const
{
    if (row.size() != m_featureCount)
        return Status::invalidArgument(
            QStringLiteral("row"),
            QStringLiteral("has %1 values; the model was fitted on %2 features").arg(row.size()).arg(m_featureCount));
    const Eigen::RowVectorXd copy = row; // contiguous, whatever the stride of the Ref
    if (Status s = checkFinite(copy.data(), 1, copy.size(), QStringLiteral("row")); !s.isOk())
        return s;
    return explainRow(copy.data());
}

ScoreCalibration ScoreCalibration::fromScores(const Eigen::VectorXd& raw)
{
    ScoreCalibration c;
    std::vector<double> v(raw.data(), raw.data() + raw.size());
    const auto n = static_cast<std::ptrdiff_t>(v.size());
    const auto mid = v.begin() + n / 2;
    std::nth_element(v.begin(), mid, v.end());
    c.median = *mid;
    const auto q = v.begin() + std::min(n - 1, static_cast<std::ptrdiff_t>(static_cast<double>(n) * 0.99));
    std::nth_element(v.begin(), q, v.end());
    c.spread = std::max((*q - c.median) / kNormalQ99, kMinSpread);
    return c;
}

double ScoreCalibration::apply(double raw) const
{
    const double z = (raw - median) / spread;
    return 1.0 / (1.0 + std::exp(-(z - kCalibratedHalfAtZ) * kCalibrationSlope));
}

Eigen::VectorXd IsolationForest::calibrate(const Eigen::VectorXd& raw) const
{
    Eigen::VectorXd out(raw.size());
    for (Eigen::Index i = 0; i < raw.size(); ++i)
        out[i] = m_calibration.apply(raw[i]);
    return out;
}

qint64 IsolationForest::memoryBytes() const
{
    return static_cast<qint64>(sizeof(*this)) + static_cast<qint64>(m_nodes.capacity() * sizeof(Node))
        + static_cast<qint64>((m_aux.capacity() + m_bits.capacity()) * sizeof(double))
        + static_cast<qint64>((m_treeStart.capacity() + m_treeDepth.capacity()) * sizeof(qint32))
        + static_cast<qint64>(m_typical.size() * sizeof(double));
}

} // namespace ledgerguard
