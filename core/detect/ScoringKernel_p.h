// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The AVX2 kernel of IsolationForest::score(), compiled for AVX2 in its own translation unit
// (IsolationForestAvx2.cpp, function target attributes) and chosen at run time, so the binary runs on any x86-64
// CPU and builds with any compiler. It exists only where LG_IFOREST_HAVE_AVX2_KERNEL is 1 (GCC or Clang on
// x86-64, MinGW included); elsewhere (MSVC, ARM) score() always takes the portable walk.
//
// Method: a block of rows is first copied column by column, so one feature of four consecutive rows is one vector
// load. The top kTopLevels levels of a tree are then evaluated four rows per vector with no gather: at each level
// every node a row can be on (at most 2^level, listed beforehand in a TreeTop) is compared for all four rows at
// once, and each row keeps the outcome of its own node. The deeper levels are walked sixteen rows at a time as in
// the portable kernel, reading the column copy.
//
// Contract: every row ends on the same node as in the portable walk of IsolationForest.cpp (the same comparison
// `x[feature] > threshold` on the same doubles, the same steps), and each row's sum adds its trees' path lengths
// in tree order, so both kernels give bit-identical scores.

#include "detect/IsolationForest.h"

#include <cstdint>
#include <vector>

// clang-cl (_MSC_VER) is left out: its __builtin_cpu_supports needs compiler-rt, which MSVC links do not carry.
#if (defined(__GNUC__) || defined(__clang__)) && !defined(_MSC_VER) && defined(__x86_64__)
#define LG_IFOREST_HAVE_AVX2_KERNEL 1
#else
#define LG_IFOREST_HAVE_AVX2_KERNEL 0
#endif

namespace ledgerguard::detail {

#if LG_IFOREST_HAVE_AVX2_KERNEL
constexpr int kTopLevels = 3;

// The nodes a row can be on at each of a tree's top kTopLevels levels (a leaf above stays where it is), in level
// order: level L's nodes follow level L-1's, count[L] of them.
struct TreeTop
{
    struct Candidate
    {
        double threshold; // +infinity for a leaf
        long long node, feature, child; // tree-local indices, as in IsolationForest::Node
    };
    Candidate candidates[(1 << kTopLevels) - 1];
    int count[kTopLevels];
};

// A node as the kernel's deeper levels read it: the feature as its offset in the column copy (feature * 256
// doubles) and the left child as a byte offset from its tree's first node, so a step needs no scaling.
struct WalkNode
{
    double threshold;
    std::uint32_t column;
    std::uint32_t childByte;
};
static_assert(sizeof(WalkNode) == 16);

// What the kernel reads besides the rows, derived from a model by prepareAvx2().
struct Avx2Forest
{
    std::vector<TreeTop> tops; // per tree
    std::vector<WalkNode> nodes; // per node, at the model's node indices
};

// The widest model the kernel scores (its column copy holds 256 rows of every feature); score() walks wider
// ones with the portable kernel.
constexpr int kAvx2MaxFeatures = 4096;

// True when the CPU (and the operating system's saved register state) supports AVX2.
bool avx2KernelAvailable();

// The kernel's tables for a model whose trees start at nodes + treeStart[t] (tree-local child indices).
Avx2Forest prepareAvx2(const IsolationForest::Node* nodes, const qint32* treeStart, int trees);

// Adds to sums[r] the path length of row r (at rows + r * d) in every tree, in tree order. aux is the model's
// per-node array (leaf path lengths). REQUIRES: avx2KernelAvailable(), 1 <= count <= 256,
// d <= kAvx2MaxFeatures, forest from prepareAvx2() of the same model.
void accumulateAvx2(const Avx2Forest& forest, const double* aux, const qint32* treeStart, const qint32* treeDepth,
                    int trees, const double* rows, int count, int d, double* sums);
#endif

} // namespace ledgerguard::detail
