#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tree-by-tree parity of ledgerguard-iforest with scikit-learn's IsolationForest.

Usage (from the repository root, after building the tool; needs /usr/bin/python3 with numpy, pandas, sklearn):
  /usr/bin/python3 tests/benchmarks/iforest_parity.py --cli BUILD/app/ledgerguard-iforest DATA.csv [--seeds 0-4]

For each seed it fits scikit-learn's IsolationForest(n_estimators=100, max_samples=256, random_state=seed) and:

1. Scoring on the same trees: writes scikit-learn's trees (features, thresholds, children, n_node_samples) as a
   ledgerguard model file (format version 2, IsolationForestFormat.cpp), leaves' path lengths depth + c(n) with
   n = the leaf's n_node_samples, scores the CSV with `ledgerguard-iforest --model` and compares with
   -score_samples(X). Equal scores (to rounding) mean the path lengths, c(n) at the leaves (duplicates counted),
   the normalisation c(psi) and the walk (x <= threshold goes left) are the same. The thresholds are compared with
   float32 values on scikit-learn's side; the maximum difference is reported with the largest |x - float32(x)|
   of the data (0 on integer-valued data).
2. Growth on the same samples and splits: routes each tree's subsample (estimators_samples_) through its splits
   and checks the rules ledgerguard grows by (IsolationForest.h): every split's feature is not constant on the
   node's sample and its threshold lies in [min, max) of it; a node is a leaf exactly when it holds one row, is at
   depth ceil(log2(psi)), or all its features are constant; n_node_samples is the routed count (duplicates
   counted).
3. The same forest statistics for both (ledgerguard's from its saved model, `--save-model`, same seed): nodes
   per tree, leaves, mean leaf depth, share of leaves at the height limit, mean rows per leaf, mean path length
   over the data, and the AUC.

Prints a markdown report. Exits 1 when the scores of step 1 differ by more than 1e-12 on integer-valued data or
a rule of step 2 is broken.
"""
import argparse
import math
import os
import struct
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

EULER = 0.5772156649015329


def c(n):
    """averagePathLength(n) of IsolationForest.h."""
    if n <= 1:
        return 0.0
    if n <= 2:
        return 1.0
    return 2.0 * (math.log(n - 1.0) + EULER) - 2.0 * (n - 1.0) / n


def parse_seeds(text):
    if '-' in text:
        lo, hi = text.split('-')
        return list(range(int(lo), int(hi) + 1))
    return [int(s) for s in text.split(',')]


def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def sklearn_tree_to_nodes(tree):
    """One scikit-learn tree in ledgerguard's layout (pre-order, children adjacent, leaf = +inf pointing to itself):
    (nodes [(threshold, feature, child)], aux [leaf path length or left fraction], deepest leaf)."""
    t = tree.tree_
    nodes, aux = [None], [0.0]
    stack = [(0, 0, 0)]  # (sklearn node, slot, depth)
    deepest = 0
    while stack:
        i, slot, depth = stack.pop()
        left, right = t.children_left[i], t.children_right[i]
        if left == -1:
            nodes[slot] = (math.inf, 0, slot)
            aux[slot] = depth + c(int(t.n_node_samples[i]))
            deepest = max(deepest, depth)
            continue
        child = len(nodes)
        nodes[slot] = (float(t.threshold[i]), int(t.feature[i]), child)
        aux[slot] = t.n_node_samples[left] / t.n_node_samples[i]
        nodes += [None, None]
        aux += [0.0, 0.0]
        stack.append((right, child + 1, depth + 1))
        stack.append((left, child, depth + 1))
    return nodes, aux, deepest


def write_model(path, forest, d, psi, max_depth, seed, X):
    trees = [sklearn_tree_to_nodes(e) for e in forest.estimators_]
    starts, total = [], 0
    for nodes, _, _ in trees:
        starts.append(total)
        total += len(nodes)
    starts.append(total)
    p = struct.pack('<iiiQii', len(trees), psi, max_depth, seed, d, total)
    p += struct.pack(f'<{len(starts)}i', *starts)
    p += struct.pack(f'<{len(trees)}i', *[t[2] for t in trees])
    for nodes, _, _ in trees:
        for thr, f, ch in nodes:
            p += struct.pack('<dii', thr, f, ch)
    for _, aux, _ in trees:
        p += struct.pack(f'<{len(aux)}d', *aux)
    p += struct.pack(f'<{d}d', *np.median(X, axis=0))
    p += struct.pack('<dd', 0.5, 0.05)  # calibration: any valid one; raw scores are compared
    blob = b'LGIFORST' + struct.pack('<IIQ', 2, 0, len(p)) + p
    blob += struct.pack('<Q', fnv1a(blob))
    with open(path, 'wb') as fh:
        fh.write(blob)


def read_scores(path):
    return np.array([float(line.split(',')[0]) for line in open(path, encoding='utf-8').read().split('\n')[1:]
                     if line])


def read_model(path):
    """ledgerguard's saved model: list of trees, each (nodes, aux)."""
    blob = open(path, 'rb').read()
    off = 24
    trees, psi, max_depth, _seed, d, total = struct.unpack_from('<iiiQii', blob, off)
    off += struct.calcsize('<iiiQii')
    starts = struct.unpack_from(f'<{trees + 1}i', blob, off)
    off += 4 * (trees + 1) + 4 * trees
    nodes = [struct.unpack_from('<dii', blob, off + 16 * i) for i in range(total)]
    off += 16 * total
    aux = struct.unpack_from(f'<{total}d', blob, off)
    return [(nodes[starts[t]:starts[t + 1]], aux[starts[t]:starts[t + 1]]) for t in range(trees)], psi, max_depth


def leaf_stats(trees, max_depth, psi):
    """Per-forest means: nodes, leaves, leaf depth, share of leaves at the limit, rows per leaf (rows from
    aux = depth + c(rows), inverted by search)."""
    inverse = {round(c(n), 12): n for n in range(1, psi + 1)}
    nodes = leaves = at_limit = 0
    depth_sum = rows_sum = 0.0
    for tree_nodes, aux in trees:
        nodes += len(tree_nodes)
        stack = [(0, 0)]
        while stack:
            i, depth = stack.pop()
            thr, _f, child = tree_nodes[i]
            if thr == math.inf:
                leaves += 1
                depth_sum += depth
                at_limit += depth == max_depth
                rows_sum += inverse.get(round(aux[i] - depth, 12), 1)
                continue
            stack += [(child, depth + 1), (child + 1, depth + 1)]
    n = len(trees)
    return nodes / n, leaves / n, depth_sum / leaves, at_limit / leaves, rows_sum / leaves


def check_growth(forest, X32, max_depth):
    """Step 2: the rules, checked on every node of every tree with its routed subsample."""
    broken = []
    for e, sample in zip(forest.estimators_, forest.estimators_samples_):
        t = e.tree_
        stack = [(0, np.asarray(sample), 0)]
        while stack:
            i, rows, depth = stack.pop()
            if t.n_node_samples[i] != len(rows):
                broken.append(f'node {i}: n_node_samples {t.n_node_samples[i]} != routed {len(rows)}')
            values = X32[rows]
            constant = bool(np.all(values.max(axis=0) - values.min(axis=0) <= 1e-7))
            if t.children_left[i] == -1:
                if not (len(rows) == 1 or depth == max_depth or constant):
                    broken.append(f'node {i}: leaf with {len(rows)} rows at depth {depth}, not constant')
                continue
            f, thr = t.feature[i], t.threshold[i]
            lo, hi = values[:, f].min(), values[:, f].max()
            if not (hi > lo and lo <= thr < hi) or depth >= max_depth:
                broken.append(f'node {i}: split {f} at {thr} outside [{lo}, {hi}) or below the limit')
            left = values[:, f] <= thr
            stack += [(t.children_left[i], rows[left], depth + 1), (t.children_right[i], rows[~left], depth + 1)]
    return broken


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cli', required=True)
    ap.add_argument('csv')
    ap.add_argument('--seeds', default='0-4', help='list (0,1,2) or range (0-4)')
    a = ap.parse_args()
    df = pd.read_csv(a.csv, float_precision='round_trip')
    y = df['label'].to_numpy().astype(int)
    X = df.drop(columns=['label']).to_numpy(dtype=np.float64)
    X32 = X.astype(np.float32)
    rounding = float(np.max(np.abs(X - X32.astype(np.float64))))
    n, d = X.shape
    psi = min(256, n)
    max_depth = int(math.ceil(math.log2(max(psi, 2))))
    name = os.path.basename(a.csv)[:-4]
    print(f'# Tree-by-tree parity on {name} (n {n}, d {d}, psi {psi}, height limit {max_depth}, '
          f'max |x - float32(x)| {rounding:g})\n')
    print('| seed | max |Δscore| on sklearn trees | growth rules broken | nodes/tree ours / sklearn | '
          'leaves/tree | mean leaf depth | leaves at limit | rows/leaf | mean h(x) | AUC ours / sklearn |')
    print('|---|---:|---:|---|---|---|---|---|---|---|')
    failed = False
    for seed in parse_seeds(a.seeds):
        forest = IsolationForest(n_estimators=100, max_samples=256, random_state=seed, n_jobs=1)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            forest.fit(X)
            theirs = -forest.score_samples(X)
        with tempfile.TemporaryDirectory() as tmp:
            model, scores = os.path.join(tmp, 'sk.lgif'), os.path.join(tmp, 'sk.csv')
            write_model(model, forest, d, psi, max_depth, seed, X)
            subprocess.run([a.cli, a.csv, '--model', model, '--scores', scores, '--threads', '1'], check=True,
                           capture_output=True)
            on_their_trees = read_scores(scores)
            own_model, own_scores = os.path.join(tmp, 'own.lgif'), os.path.join(tmp, 'own.csv')
            subprocess.run([a.cli, a.csv, '--seed', str(seed), '--save-model', own_model, '--scores', own_scores,
                            '--threads', '1'], check=True, capture_output=True)
            ours = read_scores(own_scores)
            own_trees, _, _ = read_model(own_model)
        delta = float(np.max(np.abs(on_their_trees - theirs)))
        broken = check_growth(forest, X32, max_depth)
        sk_trees = [(sklearn_tree_to_nodes(e)[0], sklearn_tree_to_nodes(e)[1]) for e in forest.estimators_]
        so, ss = leaf_stats(own_trees, max_depth, psi), leaf_stats(sk_trees, max_depth, psi)
        h = lambda s: float(np.mean(-np.log2(s) * c(psi)))
        cells = [str(seed), f'{delta:.2e}', str(len(broken))]
        cells += [f'{so[i]:.{p}f} / {ss[i]:.{p}f}' for i, p in ((0, 1), (1, 1), (2, 3), (3, 3), (4, 3))]
        cells += [f'{h(ours):.4f} / {h(theirs):.4f}', f'{roc_auc_score(y, ours):.4f} / {roc_auc_score(y, theirs):.4f}']
        print('| ' + ' | '.join(cells) + ' |', flush=True)
        for b in broken[:5]:
            print(f'  broken: {b}', file=sys.stderr)
        if broken or (rounding == 0.0 and delta > 1e-12):
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
