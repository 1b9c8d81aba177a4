#!/usr/bin/env bash
# The study: runs every shipped ML-100k experiment into lab.sqlite (resumable: run it again to
# finish an interrupted study), then writes the reports under Reports/ (Markdown, gnuplot, SVG, HTML).
# Extra arguments go to every `mfae-lab run` (for example --jobs 1).
#
# One Ctrl-C stops the whole study (exit 130): the running runs are marked interrupted, no further
# spec starts, and Reports/ is left as it was. Exit status: 0 when the reports are written (runs that
# failed or diverged are recorded and noted), 130 when interrupted, else the failing command's status.
set -uo pipefail
cd "$(dirname "$0")/.."
interrupted() {
  echo "study interrupted: Reports/ left as it was; run ./scripts/study.sh again to resume" >&2
  exit 130
}
trap interrupted INT TERM HUP
# MFAE_LAB names a built mfae-lab to use instead of building one (the tests do this).
if [ -n "${MFAE_LAB:-}" ]; then
  lab=$MFAE_LAB
else
  # The tour's command exactly, so the tour's build afterwards has nothing to redo. SwiftPM's
  # compiler flags depend on whether its output is a terminal (colour diagnostics): a build whose
  # output goes to a pipe or a log, followed by one in a terminal, recompiles every Swift module.
  swift build -c release || exit $?
  lab=.build/release/mfae-lab
fi
failed=0
for spec in notebook protocols mask_sweep k_sweep regularization_sweep normalization fair_comparison; do
  "$lab" run "Experiments/$spec.json" --db lab.sqlite "$@"
  status=$?
  case $status in
    0) ;;
    1) failed=1 ;;            # failed or diverged runs: recorded, the study goes on
    130) interrupted ;;       # Ctrl-C reached mfae-lab, which stopped cleanly
    *) exit $status ;;
  esac
done
"$lab" report --db lab.sqlite --out Reports --html
status=$?
[ $status = 130 ] && interrupted
[ $status = 0 ] || exit $status
# Diverged runs (large learning rates in regularization_sweep) are expected and recorded; say so.
if [ "$failed" = 1 ]; then
  echo "note: some runs failed or diverged; see 'mfae-lab runs --status failed' and '--status diverged'"
fi
exit 0
