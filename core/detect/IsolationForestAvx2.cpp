// SPDX-License-Identifier: GPL-3.0-or-later
// The AVX2 kernel of IsolationForest::score() (see ScoringKernel_p.h for the method and the contract). Only the
// functions marked LG_TARGET_AVX2 use AVX2 instructions, so this file needs no compiler flag and the rest of the
// binary stays portable.
#include "detect/ScoringKernel_p.h"

#if LG_IFOREST_HAVE_AVX2_KERNEL

#include <algorithm>
#include <cstdint>
#include <immintrin.h>

#define LG_TARGET_AVX2 __attribute__((target("avx2")))

namespace ledgerguard::detail {

namespace {

using Node = IsolationForest::Node;

constexpr int kBlock = 256; // rows per call (the caller's block)
constexpr int kVectors = 4; // vectors of four rows evaluated together in the top levels
constexpr int kLanes = 16; // rows walked together below the top levels
static_assert(kLanes == 4 * kVectors && kBlock % kLanes == 0);

// Rows first .. first + 15 through the top levels of one tree; cursor[r] receives each row's node.
LG_TARGET_AVX2 inline void topLevels(const TreeTop& top, const double* columns, int first, qint32* cursor)
{
    __m256i at[kVectors];
    for (int v = 0; v < kVectors; ++v)
        at[v] = _mm256_setzero_si256();
    const TreeTop::Candidate* c = top.candidates;
    for (int level = 0; level < kTopLevels; ++level) {
        __m256i next[kVectors];
        for (int v = 0; v < kVectors; ++v)
            next[v] = at[v];
        for (int j = 0; j < top.count[level]; ++j, ++c) {
            const __m256i node = _mm256_set1_epi64x(c->node);
            const __m256i child = _mm256_set1_epi64x(c->child);
            const __m256d threshold = _mm256_set1_pd(c->threshold);
            const double* x = columns + c->feature * kBlock + first;
            for (int v = 0; v < kVectors; ++v) {
                // x > threshold is all ones (-1) in a 64-bit lane: child - (-1) is the right child.
                const __m256i right
                    = _mm256_castpd_si256(_mm256_cmp_pd(_mm256_loadu_pd(x + 4 * v), threshold, _CMP_GT_OQ));
                next[v] = _mm256_blendv_epi8(next[v], _mm256_sub_epi64(child, right), _mm256_cmpeq_epi64(at[v], node));
            }
        }
        for (int v = 0; v < kVectors; ++v)
            at[v] = next[v];
    }
    for (int v = 0; v < kVectors; ++v) {
        alignas(32) long long ends[4];
        _mm256_store_si256(reinterpret_cast<__m256i*>(ends), at[v]);
        for (int k = 0; k < 4; ++k)
            cursor[first + 4 * v + k] = static_cast<qint32>(ends[k]);
    }
}

// Rows first .. first + 15 from their cursors for `steps` more steps: the portable walk's step on WalkNodes, with
// x[feature] of row r read from the column copy (columns points at row `first`). Cursors are byte offsets here.
LG_TARGET_AVX2 inline void walkRest(const WalkNode* tree, int steps, const double* columns, qint32* cursor)
{
    const auto* base = reinterpret_cast<const char*>(tree);
    std::size_t c[kLanes];
    for (int k = 0; k < kLanes; ++k)
        c[k] = static_cast<std::size_t>(cursor[k]) * sizeof(WalkNode);
    for (; steps > 0; --steps) {
        for (int k = 0; k < kLanes; ++k) {
            const WalkNode& n = *reinterpret_cast<const WalkNode*>(base + c[k]);
            const std::size_t right = (columns + k)[n.column] > n.threshold ? sizeof(WalkNode) : 0;
            c[k] = std::size_t(n.childByte) + right;
        }
    }
    for (int k = 0; k < kLanes; ++k)
        cursor[k] = static_cast<qint32>(c[k] / sizeof(WalkNode));
}

} // namespace

bool avx2KernelAvailable()
{
    static const bool available = __builtin_cpu_supports("avx2");
    return available;
}

Avx2Forest prepareAvx2(const Node* nodes, const qint32* treeStart, int trees)
{
    Avx2Forest forest;
    forest.tops.resize(trees);
    forest.nodes.resize(static_cast<std::size_t>(treeStart[trees]));
    for (int t = 0; t < trees; ++t) {
        const Node* tree = nodes + treeStart[t];
        for (qint32 i = 0; i < treeStart[t + 1] - treeStart[t]; ++i)
            forest.nodes[treeStart[t] + i]
                = {tree[i].threshold, static_cast<std::uint32_t>(tree[i].feature) * kBlock,
                   static_cast<std::uint32_t>(tree[i].child) * std::uint32_t(sizeof(WalkNode))};
        TreeTop& top = forest.tops[t];
        long long level[1 << kTopLevels] = {0};
        int count = 1, out = 0;
        for (int l = 0; l < kTopLevels; ++l) {
            top.count[l] = count;
            long long next[1 << kTopLevels];
            int nextCount = 0;
            for (int j = 0; j < count; ++j) {
                const Node& n = tree[level[j]];
                top.candidates[out++] = {n.threshold, level[j], n.feature, n.child};
                if (n.child == level[j]) { // a leaf stays
                    next[nextCount++] = level[j];
                } else {
                    next[nextCount++] = n.child;
                    next[nextCount++] = n.child + 1;
                }
            }
            count = nextCount;
            std::copy(next, next + count, level);
        }
    }
    return forest;
}

LG_TARGET_AVX2 void accumulateAvx2(const Avx2Forest& forest, const double* aux, const qint32* treeStart,
                                   const qint32* treeDepth, int trees, const double* rows, int count, int d,
                                   double* sums)
{
    // The column copy, padded to whole groups with copies of the last row (their cursors stay valid and are not
    // added).
    const int padded = (count + kLanes - 1) / kLanes * kLanes;
    std::vector<double> columns(static_cast<std::size_t>(d) * kBlock);
    for (int r = 0; r < padded; ++r) {
        const double* row = rows + static_cast<std::ptrdiff_t>(std::min(r, count - 1)) * d;
        for (int f = 0; f < d; ++f)
            columns[static_cast<std::size_t>(f) * kBlock + r] = row[f];
    }
    alignas(32) qint32 cursor[kBlock];
    for (int t = 0; t < trees; ++t) {
        const WalkNode* tree = forest.nodes.data() + treeStart[t];
        const int rest = std::max(0, treeDepth[t] - kTopLevels);
        for (int first = 0; first < padded; first += kLanes) {
            topLevels(forest.tops[t], columns.data(), first, cursor);
            walkRest(tree, rest, columns.data() + first, cursor + first);
        }
        const double* leaf = aux + treeStart[t];
        for (int r = 0; r < count; ++r)
            sums[r] += leaf[cursor[r]];
    }
}

} // namespace ledgerguard::detail

#endif
