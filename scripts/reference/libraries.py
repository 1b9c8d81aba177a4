#!/usr/bin/env python3
"""Tuned Surprise SVD and LIBMF on split folders exported by `mfae-lab data split`.

Run it with these two commands (from the repository root, after `swift build -c release`):

    for s in 0 1 2 3 4; do .build/release/mfae-lab data split --dataset ml-100k --protocol warm --seed $s --out /tmp/splits/warm-$s; done
    python3 scripts/reference/libraries.py /tmp/splits/warm-0 /tmp/splits/warm-1 /tmp/splits/warm-2 /tmp/splits/warm-3 /tmp/splits/warm-4 > libraries.jsonl

(`python3 -m pip install scikit-surprise libmf numpy` first if they are missing; `--only=libmf` or
`--only=surprise_svd` before the folders runs one library; `--chosen` runs only the settings chosen
on seeds 0-4 (CHOSEN below) instead of the grid, as for the reference rows on fair_comparison's
final seeds: `Experiments/reference/fair_comparison.json`, written by `reference_rows.py`.)

Protocol, the same as mfae-lab's `warm`: each model is trained on `train.csv` only; every setting of
a small grid around the optimum reported in issue 11 is scored on `valid.csv` of every folder; ONE
setting per library is chosen by the mean validation RMSE over the folders (as mfae-lab's MF is
chosen); then its test RMSE on each folder's `test.csv` is computed, once. Predictions are clipped
to [1, 5]. The test predictions of every setting are kept in memory while the grid runs (so no
model is trained twice) but only the chosen setting's are ever scored.

Output: one JSON line per folder per library (`library`, `split`, `seed`, `settings`, `valid_rmse`,
`test_rmse`), then one line per library with the whole grid's mean validation RMSEs (`grid`).
Progress goes to standard error. Not run by CI: it is our own comparison.
"""

import contextlib
import io
import itertools
import json
import math
import os
import sys
import time

import numpy as np

LOW, HIGH = 1.0, 5.0

# Surprise SVD (biased, per-rating SGD; reg_all also applies to the biases). Issue 11's optimum:
# k=200, reg 0.1, lr 0.01, 50 epochs.
SVD_GRID = {
    "n_factors": [100, 200],
    "reg_all": [0.08, 0.1, 0.12],
    "lr_all": [0.01],
    "n_epochs": [40, 60],
}
# LIBMF (no biases; L2 only: lambda_p1 = lambda_q1 = 0). Issue 11's optimum: k 64-128, L2 0.1,
# 10-20 iterations. eta is LIBMF's (AdaGrad) learning rate, left at its default 0.1.
LIBMF_GRID = {
    "k": [64, 128],
    "l2": [0.05, 0.065, 0.08, 0.1, 0.12],
    "nr_iters": [6, 8, 10, 12, 15],
}

# The settings the grids above chose on the validation parts of seeds 0-4 (Docs/fair-comparison.md).
CHOSEN = {
    "surprise_svd": {"n_factors": [200], "reg_all": [0.1], "lr_all": [0.01], "n_epochs": [60]},
    "libmf": {"k": [128], "l2": [0.08], "nr_iters": [8]},
}


def log(message):
    print(message, file=sys.stderr, flush=True)


def read_part(folder, name):
    """(users, items, ratings) of `folder/name`, ids as strings, in file order."""
    path = os.path.join(folder, name)
    users, items, ratings = [], [], []
    with open(path) as f:
        header = f.readline().strip()
        if header != "user_id,item_id,rating":
            raise SystemExit(f"{path}: expected the header user_id,item_id,rating, got {header!r}")
        for line in f:
            u, i, r = line.rstrip("\n").split(",")
            users.append(u)
            items.append(i)
            ratings.append(float(r))
    return users, items, np.array(ratings, dtype=np.float64)


def rmse(predictions, truth):
    return float(math.sqrt(np.mean((np.clip(predictions, LOW, HIGH) - truth) ** 2)))


def seed_of(folder):
    try:
        with open(os.path.join(folder, "split.json")) as f:
            return json.load(f).get("seed")
    except OSError:
        return None


class Folder:
    """One exported split, with dense indices of the training users and items."""

    def __init__(self, path):
        self.path = path
        self.seed = seed_of(path)
        self.train = read_part(path, "train.csv")
        self.valid = read_part(path, "valid.csv")
        self.test = read_part(path, "test.csv")
        users, items, _ = self.train
        self.user_index = {u: n for n, u in enumerate(dict.fromkeys(users))}
        self.item_index = {i: n for n, i in enumerate(dict.fromkeys(items))}
        self.mean = float(self.train[2].mean())

    def indices(self, part):
        users, items, _ = part
        u = np.array([self.user_index.get(x, -1) for x in users], dtype=np.int64)
        i = np.array([self.item_index.get(x, -1) for x in items], dtype=np.int64)
        return u, i


def grid(space):
    keys = list(space)
    for values in itertools.product(*(space[k] for k in keys)):
        yield dict(zip(keys, values))


# --- Surprise SVD ---------------------------------------------------------------------------------

def svd_predict(algo, trainset, part):
    """Surprise's own estimate (mu + b_u + b_i + q_i . p_u; an unknown user or item drops its terms)."""
    users, items, _ = part
    out = np.empty(len(users))
    for n, (u, i) in enumerate(zip(users, items)):
        inner_u, inner_i = _inner(trainset.to_inner_uid, u), _inner(trainset.to_inner_iid, i)
        est = trainset.global_mean
        if inner_u is not None:
            est += algo.bu[inner_u]
        if inner_i is not None:
            est += algo.bi[inner_i]
        if inner_u is not None and inner_i is not None:
            est += float(np.dot(algo.qi[inner_i], algo.pu[inner_u]))
        out[n] = est
    return out


def _inner(lookup, raw):
    """The inner id of a raw id, or None when training never saw it."""
    try:
        return lookup(raw)
    except ValueError:
        return None


def run_svd(folders, space=SVD_GRID):
    from surprise import SVD, Dataset, Reader

    reader = Reader(line_format="user item rating", sep=",", skip_lines=1, rating_scale=(LOW, HIGH))
    trainsets = [Dataset.load_from_file(os.path.join(folder.path, "train.csv"), reader).build_full_trainset()
                 for folder in folders]
    results = {}
    for settings in grid(space):
        key = json.dumps(settings, sort_keys=True)
        results[key] = []
        for folder, trainset in zip(folders, trainsets):
            clock = time.time()
            algo = SVD(biased=True, random_state=0, **settings)
            algo.fit(trainset)
            valid = rmse(svd_predict(algo, trainset, folder.valid), folder.valid[2])
            test_predictions = svd_predict(algo, trainset, folder.test)
            results[key].append((valid, test_predictions))
            log(f"svd {key} {folder.path}: valid {valid:.4f} ({time.time() - clock:.1f} s)")
    return results


# --- LIBMF ----------------------------------------------------------------------------------------

def run_libmf(folders, space=LIBMF_GRID):
    with contextlib.redirect_stdout(io.StringIO()):  # the binding prints where it found its library
        from libmf import mf
    results = {}
    for settings in grid(space):
        key = json.dumps(settings, sort_keys=True)
        results[key] = []
        for folder in folders:
            clock = time.time()
            u, i = folder.indices(folder.train)
            data = np.column_stack([u, i, folder.train[2]]).astype(np.float32)
            engine = mf.MF(k=settings["k"], nr_iters=settings["nr_iters"], lambda_p1=0.0, lambda_q1=0.0,
                           lambda_p2=settings["l2"], lambda_q2=settings["l2"], nr_threads=1, quiet=True)
            engine.fit(data)
            p, q = engine.p_factors(), engine.q_factors()
            parts = []
            for part in (folder.valid, folder.test):
                pu, qi = folder.indices(part)
                known = (pu >= 0) & (qi >= 0)
                predictions = np.full(len(pu), folder.mean)
                predictions[known] = np.einsum("nk,nk->n", p[pu[known]], q[qi[known]])
                # Cross-check against the library's own predict (Fortran-ordered index pairs).
                pairs = np.asfortranarray(np.column_stack([pu[known], qi[known]]).astype(np.int32))
                own = engine.predict(pairs)
                if not np.allclose(own, predictions[known], atol=1e-3):
                    raise SystemExit("libmf: predict() disagrees with P.Q; check the index layout")
                parts.append(predictions)
            valid = rmse(parts[0], folder.valid[2])
            results[key].append((valid, parts[1]))
            log(f"libmf {key} {folder.path}: valid {valid:.4f} ({time.time() - clock:.1f} s)")
    return results


# --- selection ------------------------------------------------------------------------------------

def report(library, folders, results):
    means = {key: float(np.mean([v for v, _ in runs])) for key, runs in results.items()}
    chosen = min(means, key=means.get)
    for folder, (valid, test_predictions) in zip(folders, results[chosen]):
        line = {"library": library, "split": folder.path, "seed": folder.seed, "settings": json.loads(chosen),
                "valid_rmse": round(valid, 6), "test_rmse": round(rmse(test_predictions, folder.test[2]), 6)}
        print(json.dumps(line), flush=True)
    print(json.dumps({"library": library, "grid": {k: round(v, 6) for k, v in sorted(means.items(), key=lambda kv: kv[1])}}),
          flush=True)


def main(argv):
    libraries = {"libmf": run_libmf, "surprise_svd": run_svd}
    chosen, fixed = list(libraries), False
    while argv and argv[0].startswith("--"):
        flag, argv = argv[0], argv[1:]
        if flag.startswith("--only="):
            chosen = flag.split("=", 1)[1].split(",")
        elif flag == "--chosen":
            fixed = True
        else:
            raise SystemExit(__doc__)
    if not argv or any(a.startswith("-") for a in argv) or any(c not in libraries for c in chosen):
        raise SystemExit(__doc__)
    folders = [Folder(path) for path in argv]
    for name in chosen:
        results = libraries[name](folders, CHOSEN[name]) if fixed else libraries[name](folders)
        report(name, folders, results)


if __name__ == "__main__":
    main(sys.argv[1:])
