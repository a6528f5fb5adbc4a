#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Isolation Forest benchmark: ledgerguard-iforest against scikit-learn, in one run.

Usage (from the repository root, after building the tool):
  python3 tests/benchmarks/bench_iforest.py --cli BUILD/app/ledgerguard-iforest [--data DIR_OR_CSV]
      [--seeds 0,1,2,3,4 | --seeds 20] [--threads 1,2] [--repeat 3] [--only a,b] [--no-portable] [--no-sklearn]
      [--out FILE.md]

For every CSV of --data (default: ../shared/bench-data/odds beside the repository), it runs the tool with each
seed and thread count (--json; --repeat R times fit and score in the process and reports the medians), then
once more per seed with one thread and LEDGERGUARD_SCORING_KERNEL=portable (the portable scoring kernel; its
scores must be identical to the automatic kernel's: the script compares the AUCs of every seed and the score
files of the first), and then scikit-learn's figures for the same data set from
../shared/bench-data/sklearn_baseline.py (run with /usr/bin/python3, which has numpy, pandas and sklearn on
Debian), so all are timed on the same machine at the same time. --seeds takes a list (0,1,2), a range (0-19) or
a count (20 means 0-19).

It prints a markdown table: AUC mean ± standard error (sd / sqrt(seeds)) for ours and scikit-learn's, their
difference ± its standard error (sqrt(se1^2 + se2^2): the two are independent samples of seeds) and the
difference in standard errors, median fit and score seconds, scikit-learn's figures (n_jobs=1) and the ratios,
then the targets of issues 3 and 15 with a verdict.
"""
import argparse
import glob
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BENCH = os.path.join(os.path.dirname(REPO), 'shared', 'bench-data')
SKLEARN_PY = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else sys.executable


def parse_seeds(text):
    """'0,1,2' -> [0, 1, 2]; '0-19' -> 0..19; '20' -> 0..19."""
    if ',' not in text and '-' not in text:
        return list(range(int(text)))
    seeds = []
    for part in text.split(','):
        if '-' in part:
            lo, hi = part.split('-')
            seeds += list(range(int(lo), int(hi) + 1))
        elif part:
            seeds.append(int(part))
    return seeds


def run_tool(cli, path, seed, threads, repeat, portable=False, scores=None):
    cmd = [cli, path, '--json', '--seed', str(seed), '--threads', str(threads), '--repeat', str(repeat)]
    if scores:
        cmd += ['--scores', scores]
    env = dict(os.environ)
    env.pop('LEDGERGUARD_SCORING_KERNEL', None)
    if portable:
        env['LEDGERGUARD_SCORING_KERNEL'] = 'portable'
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def mean_se(values):
    """Mean and standard error of the mean (sd with n - 1 over sqrt(n)); se is 0 for one value."""
    m = statistics.mean(values)
    return m, (statistics.stdev(values) / math.sqrt(len(values)) if len(values) > 1 else 0.0)


def run_sklearn(data_dir, name, seeds):
    """scikit-learn's row for one data set: {'auc_mean': m, 'auc_se': se, 'fit': s, 'score': s}."""
    script = os.path.join(BENCH, 'sklearn_baseline.py')
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'table.md')
        subprocess.run([SKLEARN_PY, script, data_dir, '--seeds', ','.join(map(str, seeds)), '--only', name,
                        '--out', out], check=True, capture_output=True, text=True)
        for line in open(out, encoding='utf-8'):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if cells and cells[0] == name and len(cells) >= 10:
                mean, sd = (float(v) for v in re.split(r'\s*±\s*', cells[4]))
                se = sd / math.sqrt(len(seeds)) if len(seeds) > 1 else 0.0
                return {'auc_mean': mean, 'auc_se': se, 'fit': float(cells[7]), 'score': float(cells[8])}
    raise RuntimeError(f'no scikit-learn row for {name}')


def fmt_ratio(ours, theirs):
    return f'{theirs / ours:.1f}x' if ours > 0 and theirs is not None else 'n/a'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cli', required=True, help='path of the ledgerguard-iforest executable')
    ap.add_argument('--data', default=os.path.join(BENCH, 'odds'), help='folder of CSVs, or one CSV')
    ap.add_argument('--seeds', default='0,1,2,3,4', help='list (0,1,2), range (0-19) or count (20)')
    ap.add_argument('--threads', default='1,2')
    ap.add_argument('--repeat', type=int, default=3, help='fit+score repetitions per process (median time)')
    ap.add_argument('--only', default=None, help='comma-separated data set names')
    ap.add_argument('--no-portable', action='store_true', help='skip the portable-kernel runs')
    ap.add_argument('--no-sklearn', action='store_true', help='skip scikit-learn (smoke runs)')
    ap.add_argument('--out', default=None, help='also write the table to this markdown file')
    a = ap.parse_args()

    seeds = parse_seeds(a.seeds)
    threads = [int(t) for t in a.threads.split(',')]
    files = [a.data] if os.path.isfile(a.data) else sorted(glob.glob(os.path.join(a.data, '*.csv')))
    if a.only:
        keep = set(a.only.split(','))
        files = [f for f in files if os.path.basename(f)[:-4] in keep]
    if not files:
        sys.exit(f'no CSV files in {a.data}')

    head = ['dataset', 'n', 'd', 'AUC ours ± se', 'AUC sklearn ± se', 'ΔAUC ± se', 'Δ/se', 'fit ms ours',
            'fit ms sklearn', 'fit ratio']
    head += [f'score s {t}T' for t in threads]
    head += [] if a.no_portable else ['score s 1T portable']
    head += ['score s sklearn'] + [f'speed-up {t}T' for t in threads]
    head += [] if a.no_portable else ['speed-up 1T portable']
    head += ['model KiB']
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * 3 + '---:|' * (len(head) - 3)]
    print(f'# ledgerguard-iforest vs scikit-learn ({len(seeds)} seeds {seeds[0]}-{seeds[-1]}, threads {threads}, '
          f'load average {os.getloadavg()[0]:.2f})\n', flush=True)
    print('\n'.join(lines), flush=True)
    verdicts = []
    for path in files:
        name = os.path.basename(path)[:-4]
        with tempfile.TemporaryDirectory() as tmp:
            auto_scores, portable_scores = os.path.join(tmp, 'auto.csv'), os.path.join(tmp, 'portable.csv')
            runs = {t: [run_tool(a.cli, path, s, t, a.repeat, scores=auto_scores if (t, i) == (threads[0], 0)
                                 else None) for i, s in enumerate(seeds)] for t in threads}
            portable = [] if a.no_portable else [
                run_tool(a.cli, path, s, 1, a.repeat, portable=True, scores=portable_scores if i == 0 else None)
                for i, s in enumerate(seeds)]
            if portable and (threads[0] != 1 or open(auto_scores, 'rb').read() != open(portable_scores, 'rb').read()):
                verdicts.append(f'- {name}: portable and automatic kernels give different scores (or the first '
                                'thread count is not 1)')
        base = runs[threads[0]]
        aucs = [r.get('auc') for r in base]
        for t in threads[1:]:
            if [r.get('auc') for r in runs[t]] != aucs:
                verdicts.append(f'- {name}: AUC differs between thread counts (determinism broken)')
        if portable and [r.get('auc') for r in portable] != aucs:
            verdicts.append(f'- {name}: AUC differs between the portable and the automatic kernel')
        has_auc = all(x is not None for x in aucs)
        auc_mean, auc_se = mean_se(aucs) if has_auc else (None, None)
        fit_ms = statistics.median(r['fit_seconds'] for r in base) * 1e3
        score = {t: statistics.median(r['score_seconds'] for r in runs[t]) for t in threads}
        score_portable = statistics.median(r['score_seconds'] for r in portable) if portable else None
        model_kib = max(r['model_bytes'] for r in base) / 1024
        sk = None if a.no_sklearn else run_sklearn(os.path.dirname(path), name, seeds)
        delta = auc_mean - sk['auc_mean'] if sk and has_auc else None
        delta_se = math.hypot(auc_se, sk['auc_se']) if delta is not None else None
        cells = [name, str(base[0]['rows']), str(base[0]['columns']),
                 f'{auc_mean:.4f} ± {auc_se:.4f}' if has_auc else 'n/a',
                 f'{sk["auc_mean"]:.4f} ± {sk["auc_se"]:.4f}' if sk else 'n/a',
                 f'{delta:+.4f} ± {delta_se:.4f}' if delta is not None else 'n/a',
                 f'{delta / delta_se:+.1f}' if delta is not None and delta_se > 0 else 'n/a', f'{fit_ms:.2f}',
                 f'{sk["fit"] * 1e3:.0f}' if sk else 'n/a', fmt_ratio(fit_ms / 1e3, sk['fit'] if sk else None)]
        cells += [f'{score[t]:.4f}' for t in threads]
        cells += [f'{score_portable:.4f}'] if portable else []
        cells += [f'{sk["score"]:.3f}' if sk else 'n/a']
        cells += [fmt_ratio(score[t], sk['score'] if sk else None) for t in threads]
        cells += [fmt_ratio(score_portable, sk['score'] if sk else None)] if portable else []
        cells += [f'{model_kib:.0f}']
        row = '| ' + ' | '.join(cells) + ' |'
        lines.append(row)
        print(row, flush=True)
        if delta is not None and abs(delta) > 0.01:
            verdicts.append(f'- {name}: AUC {auc_mean:.4f} is {delta:+.4f} ± {delta_se:.4f} from scikit-learn '
                            '(target within 0.01)')
        targets = {'http': 25, 'cover': 30}
        if sk and name in targets and 1 in score and sk['score'] / score[1] < targets[name]:
            verdicts.append(f'- {name}: single-thread scoring {sk["score"] / score[1]:.1f}x faster than '
                            f'scikit-learn (target {targets[name]}x)')
        if fit_ms >= 5.0:
            verdicts.append(f'- {name}: fit {fit_ms:.2f} ms (target < 5 ms)')
        if model_kib >= 1024:
            verdicts.append(f'- {name}: model {model_kib:.0f} KiB (target < 1 MiB)')
    summary = ['', '## Targets', ''] + (verdicts or ['- all targets met'])
    print('\n'.join(summary))
    if a.out:
        with open(a.out, 'w', encoding='utf-8') as fh:
            fh.write('\n'.join(lines + summary) + '\n')


if __name__ == '__main__':
    main()
