#!/usr/bin/env bash
# The study: runs every shipped ML-100k experiment into lab.sqlite (resumable: run it again to
# finish an interrupted study), then writes the reports under Reports/ (Markdown, gnuplot, SVG, HTML).
# Extra arguments go to every `mfae-lab run` (for example --jobs 1).
set -uo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product mfae-lab || exit 1
failed=0
for spec in notebook protocols mask_sweep k_sweep regularization_sweep normalization; do
  .build/release/mfae-lab run "Experiments/$spec.json" --db lab.sqlite "$@" || failed=1
done
.build/release/mfae-lab report --db lab.sqlite --out Reports --html || exit 1
# Diverged runs (large learning rates in regularization_sweep) are expected and recorded; say so.
[ "$failed" = 0 ] || echo "note: some runs failed or diverged; see 'mfae-lab runs --status failed' and '--status diverged'"
