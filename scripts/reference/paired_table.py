#!/usr/bin/env python3
"""The paired table of Docs/fair-comparison.md: tuned libraries against mfae-lab's MF, split by split.

    python3 scripts/reference/paired_table.py libraries.jsonl mf.jsonl

`libraries.jsonl` is the output of scripts/reference/libraries.py. `mf.jsonl` holds one
`{"tag": ..., "seed": ..., "result": <the last line of mfae-lab train --json>}` per run; the MF
configuration (tag) with the lowest mean validation RMSE over the seeds is chosen, as the libraries'
settings are. Prints Markdown: the grid of MF configurations, the paired table, means and sd, and
paired t-tests of MF against each library (scipy).
"""

import collections
import json
import statistics
import sys

from scipy import stats


def main(libraries_path, mf_path):
    libraries = collections.defaultdict(dict)
    for line in open(libraries_path):
        row = json.loads(line)
        if "seed" in row:
            libraries[row["library"]][row["seed"]] = row
    runs = collections.defaultdict(dict)
    for line in open(mf_path):
        row = json.loads(line)
        runs[row["tag"]][row["seed"]] = row["result"]
    seeds = sorted(set.intersection(*(set(s) for s in libraries.values())))
    complete = {tag: r for tag, r in runs.items() if all(s in r for s in seeds)}

    def mean(xs):
        return statistics.mean(xs)

    print("| MF configuration | mean valid RMSE | mean test RMSE | best epochs |")
    print("|---|---|---|---|")
    ranked = sorted(complete, key=lambda t: mean([complete[t][s]["valid_rmse"] for s in seeds]))
    for tag in ranked:
        r = complete[tag]
        print(f"| {tag} | {mean([r[s]['valid_rmse'] for s in seeds]):.4f} | "
              f"{mean([r[s]['test_rmse'] for s in seeds]):.4f} | {', '.join(str(r[s]['best_epoch']) for s in seeds)} |")
    chosen = ranked[0]
    mf = complete[chosen]
    names = sorted(libraries)
    print()
    print(f"Chosen MF configuration: `{chosen}`")
    print()
    print("| seed | " + " | ".join(f"{n} test RMSE" for n in names) + " | MF test RMSE |")
    print("|---|" + "---|" * (len(names) + 1))
    for s in seeds:
        cells = [f"{libraries[n][s]['test_rmse']:.4f}" for n in names] + [f"{mf[s]['test_rmse']:.4f}"]
        print(f"| {s} | " + " | ".join(cells) + " |")
    columns = {n: [libraries[n][s]["test_rmse"] for s in seeds] for n in names}
    columns["mf"] = [mf[s]["test_rmse"] for s in seeds]
    valid = {n: [libraries[n][s]["valid_rmse"] for s in seeds] for n in names}
    valid["mf"] = [mf[s]["valid_rmse"] for s in seeds]
    print("| mean ± sd (test) | " + " | ".join(
        f"{mean(columns[n]):.4f} ± {statistics.stdev(columns[n]):.4f}" for n in names + ["mf"]) + " |")
    print("| mean (valid) | " + " | ".join(f"{mean(valid[n]):.4f}" for n in names + ["mf"]) + " |")
    print()
    for n in names:
        differences = [m - l for m, l in zip(columns["mf"], columns[n])]
        t = stats.ttest_rel(columns["mf"], columns[n])
        print(f"- MF − {n}: mean difference {mean(differences):+.4f} (sd {statistics.stdev(differences):.4f}), "
              f"paired t = {t.statistic:.2f}, two-sided p = {t.pvalue:.3f}, n = {len(seeds)}")
    for n in names:
        print(f"- {n} settings: {libraries[n][seeds[0]]['settings']}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
