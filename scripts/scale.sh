#!/usr/bin/env bash
# Scale figures (issue 12 §3), printed as the Markdown tables of Docs/cluster.md:
#
# 1. for synthetic data shaped like ML-1M, ML-10M and ML-25M (users, items, ratings, MovieLens-like
#    popularity): the time to load the ratings file (`data info`), and for both latent models the
#    epoch time and the peak memory of training (`bench`, one process per case);
# 2. the wall time of a 24-run sweep (ML-1M shape) on one core against a 3-task Slurm array on the
#    local cluster (scripts/slurm-local.sh), with the array's overhead: submission to the first task,
#    to the first finished run, and the merge.
#
#   scripts/scale.sh                    # ML-1M and ML-10M, then the sweep
#   SIZES="1m 10m 25m" scripts/scale.sh # also ML-25M (about 3 GB of memory and several minutes)
#   SWEEP=0 scripts/scale.sh            # the data sizes only
#
# Uses a release build (.build/release/mfae-lab, built if missing; or MFAE_LAB). The sweep part needs
# root and slurm-wlm/munge, like scripts/slurm-local.sh. Heavy: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LAB=${MFAE_LAB:-$ROOT/.build/release/mfae-lab}
SIZES=${SIZES:-"1m 10m"}
SWEEP=${SWEEP:-1}
EPOCHS=${EPOCHS:-3}

if [[ ! -x $LAB ]]; then
  echo "building a release mfae-lab" >&2
  swift build -c release --product mfae-lab >&2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mfae-lab-scale.XXXXXX")
chmod 755 "$WORK"
cleanup() {
  if [[ -n ${STARTED_CLUSTER:-} ]]; then SLURM_LOCAL_DIR=$WORK/cluster "$ROOT/scripts/slurm-local.sh" down >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The number after "key": in a one-line JSON object.
field() { sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p"; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$LAB" --version 2>/dev/null || echo mfae-lab) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo "| shape | users | items | ratings | ratings file | load | model | ms/epoch (median) | ratings/s/core | peak RSS | bytes/rating |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for size in $SIZES; do
  case $size in
    1m) shape=(6040 3706 1000209 dat) ;;
    10m) shape=(69878 10677 10000054 dat) ;;
    25m) shape=(162541 59047 25000095 csv) ;;
    *) echo "unknown size $size (1m, 10m, 25m)" >&2; exit 64 ;;
  esac
  folder=$WORK/data-$size
  "$LAB" data synth --out "$folder" --format "${shape[3]}" --users "${shape[0]}" --items "${shape[1]}" \
    --ratings "${shape[2]}" --seed 1 >/dev/null
  info=$("$LAB" data info "$folder" --json 2>/dev/null)
  load=$(field seconds <<<"$info")
  megabytes=$(( $(field bytes <<<"$info" | cut -d. -f1) / 1000000 ))
  rm -rf "$folder"
  for model in mfae mf; do
    row=$("$LAB" bench --model "$model" --ratings "$size" --epochs "$EPOCHS" --json 2>/dev/null | tail -n 1)
    printf '| ML-%s | %d | %d | %d | %d MB | %.1f s | %s | %.0f | %.1fM | %.0f MiB | %.0f |\n' \
      "${size^^}" "${shape[0]}" "${shape[1]}" "${shape[2]}" "$megabytes" "$load" "$model" \
      "$(field milliseconds_per_epoch <<<"$row")" "$(echo "$(field ratings_per_second_per_core <<<"$row") / 1000000" | awk '{ printf "%f", $1 / $3 }')" \
      "$(echo "$(field peak_resident_bytes <<<"$row")" | awk '{ printf "%f", $1 / 1048576 }')" \
      "$(field bytes_per_rating <<<"$row")"
  done
done

[[ $SWEEP == 1 ]] || exit 0

# --- The 24-run sweep: one core, then a 3-task Slurm array ----------------------------------------
cd "$WORK"
cat >scale-sweep.json <<'EOF'
{"name": "scale_sweep", "description": "24 autoencoder runs on ML-1M-shaped synthetic data, for the cluster scale figures.",
 "dataset": {"synthetic": {"users": 6040, "items": 3706, "ratings": 1000209, "seed": 3}},
 "base": {"k": 10, "epochs": 12, "patience": 12, "lr": 0.01, "optimizer": "lazy_adam"},
 "sweep": {"mask_fraction": [0, 0.25, 0.5], "protocol": ["warm", "heldout"]},
 "seeds": [0, 1, 2, 3]}
EOF
start=${EPOCHREALTIME/./}
"$LAB" run scale-sweep.json --jobs 1 --db one-core.sqlite --plain >one-core.log 2>&1
one_core=$(( (${EPOCHREALTIME/./} - start) / 1000 ))

export SLURM_LOCAL_DIR=$WORK/cluster
environment=$("$ROOT/scripts/slurm-local.sh" up)
STARTED_CLUSTER=1
eval "$environment"
export MFAE_LAB=$LAB COPY_EVERY=0 TMPDIR=$WORK/node
mkdir -p "$TMPDIR"
start=${EPOCHREALTIME/./}
out=$("$ROOT/Experiments/slurm/submit.sh" scale-sweep.json 3 -- --cpus-per-task=1 --mem=2G)
array=$(sed -n 's/^array job \([0-9]*\) .*/\1/p' <<<"$out")
merge=$(sed -n 's/.*merge job \([0-9]*\)$/\1/p' <<<"$out")
ms() { echo $(( (${EPOCHREALTIME/./} - start) / 1000 )); }
first_task="" first_run="" array_done=""
while :; do
  [[ -z $first_task ]] && grep -qs '^sweep.sbatch: slice' logs/mfae-lab-"$array"_*.out && first_task=$(ms)
  [[ -z $first_run ]] && grep -qs '^\[1/' logs/mfae-lab-"$array"_*.out && first_run=$(ms)
  [[ -z $array_done && -z $(squeue -h -j "$array" -o %i 2>/dev/null) ]] && array_done=$(ms)
  state=$(scontrol show job "$merge" | sed -n 's/.*JobState=\([A-Z]*\).*/\1/p')
  [[ $state == COMPLETED || $state == FAILED || $state == CANCELLED ]] && break
  sleep 0.2
done
total=$(ms)
merge_ms=$(sed -n 's/.*merged 3 shard(s) in \([0-9]*\) ms.*/\1/p' logs/mfae-lab-merge-"$merge".out)
verdict=$(grep 'runs (' logs/mfae-lab-merge-"$merge".out | sed 's/^merge.sbatch: //')
sec() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
echo
echo "| 24-run sweep (ML-1M shape, 12 epochs, k=10) | wall time |"
echo "|---|---|"
echo "| one core (\`run --jobs 1\`) | $(sec "$one_core") |"
echo "| 3-task Slurm array (1 CPU each, on $(nproc) cores) + merge job: submission to merged database | $(sec "$total") |"
echo "| … submission to the first task starting | $(sec "$first_task") |"
echo "| … submission to the first finished run | $(sec "$first_run") |"
echo "| … submission to the last task ending | $(sec "$array_done") |"
echo "| … merging the 3 shard databases (\`mfae-lab merge\` in the merge job) | ${merge_ms:-?} ms |"
echo
echo "merge job: $state; $verdict"
