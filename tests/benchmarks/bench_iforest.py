#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Isolation Forest benchmark: ledgerguard-iforest against scikit-learn, in one run.

Usage (from the repository root, after building the tool):
  python3 tests/benchmarks/bench_iforest.py --cli BUILD/app/ledgerguard-iforest [--data DIR_OR_CSV]
      [--seeds 0,1,2,3,4] [--threads 1,2] [--repeat 3] [--only a,b] [--no-sklearn] [--out FILE.md]

For every CSV of --data (default: ../shared/bench-data/odds beside the repository), it runs the tool with each
seed and thread count (--json; --repeat R times fit and score in the process and reports the medians), and
then scikit-learn's figures for the same data set from ../shared/bench-data/sklearn_baseline.py (run with
/usr/bin/python3, which has numpy, pandas and sklearn on Debian), so both are timed on the same machine at the
same time. It prints a markdown table: AUC mean +- sd over seeds, median fit and score seconds with 1 and 2
threads, scikit-learn's figures (n_jobs=1) and the ratios, then the targets of issue 3 with a verdict.
"""
import argparse
import glob
import json
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


def run_tool(cli, path, seed, threads, repeat):
    cmd = [cli, path, '--json', '--seed', str(seed), '--threads', str(threads), '--repeat', str(repeat)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run_sklearn(data_dir, name, seeds):
    """scikit-learn's row for one data set: {'auc': 'm ± sd', 'auc_mean': m, 'fit': s, 'score': s}."""
    script = os.path.join(BENCH, 'sklearn_baseline.py')
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'table.md')
        subprocess.run([SKLEARN_PY, script, data_dir, '--seeds', ','.join(map(str, seeds)), '--only', name,
                        '--out', out], check=True, capture_output=True, text=True)
        for line in open(out, encoding='utf-8'):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if cells and cells[0] == name and len(cells) >= 10:
                mean = float(re.split(r'\s*±\s*', cells[4])[0])
                return {'auc': cells[4], 'auc_mean': mean, 'fit': float(cells[7]), 'score': float(cells[8])}
    raise RuntimeError(f'no scikit-learn row for {name}')


def fmt_ratio(ours, theirs):
    return f'{theirs / ours:.1f}x' if ours > 0 and theirs is not None else 'n/a'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cli', required=True, help='path of the ledgerguard-iforest executable')
    ap.add_argument('--data', default=os.path.join(BENCH, 'odds'), help='folder of CSVs, or one CSV')
    ap.add_argument('--seeds', default='0,1,2,3,4')
    ap.add_argument('--threads', default='1,2')
    ap.add_argument('--repeat', type=int, default=3, help='fit+score repetitions per process (median time)')
    ap.add_argument('--only', default=None, help='comma-separated data set names')
    ap.add_argument('--no-sklearn', action='store_true', help='skip scikit-learn (smoke runs)')
    ap.add_argument('--out', default=None, help='also write the table to this markdown file')
    a = ap.parse_args()

    seeds = [int(s) for s in a.seeds.split(',')]
    threads = [int(t) for t in a.threads.split(',')]
    files = [a.data] if os.path.isfile(a.data) else sorted(glob.glob(os.path.join(a.data, '*.csv')))
    if a.only:
        keep = set(a.only.split(','))
        files = [f for f in files if os.path.basename(f)[:-4] in keep]
    if not files:
        sys.exit(f'no CSV files in {a.data}')

    head = ['dataset', 'n', 'd', 'AUC ours', 'AUC sklearn', 'ΔAUC', 'fit ms ours', 'fit ms sklearn', 'fit ratio']
    head += [f'score s {t}T' for t in threads] + ['score s sklearn'] + [f'speed-up {t}T' for t in threads]
    head += ['model KiB']
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * 3 + '---|' * (len(head) - 3)]
    print(f'# ledgerguard-iforest vs scikit-learn (seeds {seeds}, threads {threads}, load average '
          f'{os.getloadavg()[0]:.2f})\n', flush=True)
    print('\n'.join(lines), flush=True)
    verdicts = []
    for path in files:
        name = os.path.basename(path)[:-4]
        runs = {t: [run_tool(a.cli, path, s, t, a.repeat) for s in seeds] for t in threads}
        base = runs[threads[0]]
        aucs = [r.get('auc') for r in base]
        for t in threads[1:]:
            if [r.get('auc') for r in runs[t]] != aucs:
                verdicts.append(f'- {name}: AUC differs between thread counts (determinism broken)')
        has_auc = all(x is not None for x in aucs)
        auc_mean = statistics.mean(aucs) if has_auc else None
        auc_sd = statistics.stdev(aucs) if has_auc and len(aucs) > 1 else 0.0
        fit_ms = statistics.median(r['fit_seconds'] for r in base) * 1e3
        score = {t: statistics.median(r['score_seconds'] for r in runs[t]) for t in threads}
        model_kib = max(r['model_bytes'] for r in base) / 1024
        sk = None if a.no_sklearn else run_sklearn(os.path.dirname(path), name, seeds)
        delta = auc_mean - sk['auc_mean'] if sk and has_auc else None
        cells = [name, str(base[0]['rows']), str(base[0]['columns']),
                 f'{auc_mean:.4f} ± {auc_sd:.4f}' if has_auc else 'n/a', sk['auc'] if sk else 'n/a',
                 f'{delta:+.4f}' if delta is not None else 'n/a', f'{fit_ms:.2f}',
                 f'{sk["fit"] * 1e3:.0f}' if sk else 'n/a', fmt_ratio(fit_ms / 1e3, sk['fit'] if sk else None)]
        cells += [f'{score[t]:.4f}' for t in threads] + [f'{sk["score"]:.3f}' if sk else 'n/a']
        cells += [fmt_ratio(score[t], sk['score'] if sk else None) for t in threads] + [f'{model_kib:.0f}']
        row = '| ' + ' | '.join(cells) + ' |'
        lines.append(row)
        print(row, flush=True)
        if delta is not None and abs(delta) > 0.01:
            verdicts.append(f'- {name}: AUC {auc_mean:.4f} is {delta:+.4f} from scikit-learn (target within 0.01)')
        if sk and name in ('http', 'cover') and 1 in score and sk['score'] / score[1] < 25:
            verdicts.append(f'- {name}: single-thread scoring {sk["score"] / score[1]:.1f}x faster than '
                            'scikit-learn (target 25x)')
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
