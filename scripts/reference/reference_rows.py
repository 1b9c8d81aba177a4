#!/usr/bin/env python3
"""Reference rows for a search's report from `libraries.py` output.

    python3 scripts/reference/libraries.py --chosen splits/warm-1{00..09} > final-libraries.jsonl
    python3 scripts/reference/reference_rows.py final-libraries.jsonl > Experiments/reference/fair_comparison.json

Each library's per-split lines become one row (`model`, `protocol`, `test_rmse`, `seeds`, `note`),
the format `mfae-lab report` reads from `Experiments/reference/<experiment>.json`.
"""

import json
import sys

NAMES = {"surprise_svd": "Surprise SVD", "libmf": "LIBMF"}


def main(argv):
    if len(argv) != 1:
        raise SystemExit(__doc__)
    rows = {}
    with open(argv[0]) as lines:
        for line in lines:
            record = json.loads(line)
            if "grid" in record:
                continue
            row = rows.setdefault(record["library"], {"settings": record["settings"], "pairs": []})
            row["pairs"].append((record["seed"], record["test_rmse"]))
    result = []
    for library, row in rows.items():
        pairs = sorted(row["pairs"])
        settings = ", ".join(f"{key} {value}" for key, value in sorted(row["settings"].items()))
        result.append({"model": f"{NAMES.get(library, library)}, tuned on seeds 0-4", "protocol": "warm",
                       "test_rmse": [round(rmse, 4) for _, rmse in pairs], "seeds": [seed for seed, _ in pairs],
                       "note": f"{settings}; chosen on the validation parts of seeds 0-4 (Docs/fair-comparison.md)"})
    print("[\n" + ",\n".join(" " + json.dumps(row) for row in result) + "\n]")


if __name__ == "__main__":
    main(sys.argv[1:])
