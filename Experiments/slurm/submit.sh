#!/usr/bin/env bash
# Submits a sweep as a Slurm job array of N slices and a merge job that starts when the array has
# ended (afterany: also after failed or cancelled tasks), in one command:
#
#   Experiments/slurm/submit.sh SPEC N [--report] [-- SBATCH_OPTIONS…]
#
#   Experiments/slurm/submit.sh Experiments/mask_sweep.json 8 --report -- --partition=cpu --time=4:00:00
#
# Options after `--` go to both sbatch calls (partition, account, time, --cpus-per-task, --mem…). The
# environment (MFAE_LAB, DATA_DIR, RESULTS, COPY_EVERY) is passed to the jobs. Prints the two job ids;
# the merged database is $RESULTS/merged.sqlite (default results/<spec name>/merged.sqlite), the
# report $RESULTS/Reports with --report. See Docs/cluster.md.
set -euo pipefail

usage() { echo "usage: $0 SPEC.json N [--report] [-- SBATCH_OPTIONS…]" >&2; exit 64; }
[[ $# -ge 2 ]] || usage
SPEC=$1
SHARDS=$2
shift 2
[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || usage
[[ -f $SPEC ]] || { echo "$0: no spec at $SPEC" >&2; exit 1; }
REPORT=0
if [[ ${1:-} == --report ]]; then REPORT=1; shift; fi
if [[ ${1:-} == -- ]]; then shift; elif [[ $# -gt 0 ]]; then usage; fi

HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p logs
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" --export="ALL,SHARDS=$SHARDS" "$@" \
  "$HERE/sweep.sbatch" "$SPEC")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterany:$array" --export="ALL,SHARDS=$SHARDS,REPORT=$REPORT" "$@" \
  "$HERE/merge.sbatch" "$SPEC")
merge=${merge%%;*}
echo "array job $array ($SHARDS tasks), merge job $merge"
