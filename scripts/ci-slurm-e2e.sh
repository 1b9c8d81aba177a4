#!/usr/bin/env bash
# The Slurm end-to-end test (issue 12), run by .ci/run: a one-node Slurm cluster on this machine
# (scripts/slurm-local.sh), the sweep submitted as a job array with its merge job, the merged
# database compared with a local run of the same spec (the same run keys, bit-identical metrics),
# then the failure cases: an array task cancelled mid-run and resubmitted resumes from its copied-back
# database; a task whose job step is killed with kill -9 is re-queued and completes.
#
#   scripts/ci-slurm-e2e.sh            # uses .build/debug/mfae-lab (built if missing)
#   MFAE_LAB=/path/to/mfae-lab scripts/ci-slurm-e2e.sh
#
# Installs slurm-wlm and munge when missing (root, apt-get); skips with a clear line, exit 0, only when
# they cannot be installed. Tears the cluster down whatever happens. Ends with one line:
# "slurm-e2e: PASSED …", "slurm-e2e: SKIPPED …" or "slurm-e2e: FAILED …" (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LAB=${MFAE_LAB:-$ROOT/.build/debug/mfae-lab}
WAIT=${E2E_WAIT:-240}   # seconds any one wait may take
BEGAN=$SECONDS

say() { printf 'slurm-e2e: %s\n' "$*"; }
elapsed() { echo "$((SECONDS - BEGAN)) s"; }

# --- Slurm and munge ---------------------------------------------------------------------------
missing=()
for tool in slurmctld slurmd sbatch munged mungekey; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    say "SKIPPED: ${missing[*]} missing and packages cannot be installed here (needs root and apt-get)"
    exit 0
  fi
  say "installing slurm-wlm and munge"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null; }; then
    say "SKIPPED: slurm-wlm and munge could not be installed (no package access)"
    exit 0
  fi
fi
if [[ ! -x $LAB ]]; then
  say "building mfae-lab"
  swift build --product mfae-lab >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mfae-lab-slurm-e2e.XXXXXX")
chmod 755 "$WORK"   # munged runs as the munge user and must reach its folder
export SLURM_LOCAL_DIR=$WORK/cluster
teardown() {
  local status=$?
  "$ROOT/scripts/slurm-local.sh" down >/dev/null 2>&1 || true
  if [[ $status -ne 0 && ${KEEP_E2E:-0} == 1 ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap teardown EXIT

failed() {
  say "FAILED: $* (after $(elapsed))"
  for log in "$WORK"/run/logs/*.out; do
    [[ -f $log ]] || continue
    echo "--- $log"; tail -n 15 "$log"
  done
  exit 1
}

environment=$("$ROOT/scripts/slurm-local.sh" up) || failed "the local cluster did not come up"
eval "$environment"
say "cluster up (SLURM_CONF=$SLURM_CONF) after $(elapsed)"

mkdir -p "$WORK/run" "$WORK/node"
cd "$WORK/run"
cp "$ROOT/Experiments/slurm/e2e.json" e2e.json
# The failure cases need runs long enough to stop one mid-way: the same sweep, six times the epochs.
sed -e 's/"epochs": 25, "patience": 25/"epochs": 150, "patience": 150/' e2e.json >slow.json
grep -q '"epochs": 150' slow.json || failed "could not derive slow.json from e2e.json"
export MFAE_LAB=$LAB COPY_EVERY=0 TMPDIR=$WORK/node
SBATCH_OPTIONS=(--cpus-per-task=1 --mem=256M --time=10:00)

# The state of each task of an array, as "0:RUNNING 1:PENDING 2:COMPLETED".
states() {
  squeue --array --states=all -h -j "$1" -o '%K:%T' 2>/dev/null | sort -n | tr '\n' ' '
}
# The state of one job or array task.
state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1; }
# Waits until `test` (a command) succeeds, printing the array's states when they change.
last_states=""
wait_until() {
  local what=$1 array=$2 now deadline=$((SECONDS + WAIT))
  shift 2
  while ! "$@"; do
    now=$(states "$array")
    [[ $now != "$last_states" ]] && say "  array $array: $now"
    last_states=$now
    ((SECONDS < deadline)) || failed "timed out after ${WAIT}s waiting for $what"
    sleep 0.5
  done
  now=$(states "$array")
  [[ $now != "$last_states" ]] && say "  array $array: $now"
  last_states=$now
  return 0
}
ended() { local s; s=$(state "$1"); [[ $s == COMPLETED || $s == FAILED || $s == CANCELLED || $s == TIMEOUT ]]; }
# How many runs of each status a database holds, as "done=5 interrupted=1".
counts() {
  "$LAB" export --db "$1" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "status") c = i; next }
    { n[$c]++ } END { for (s in n) printf "%s=%d ", s, n[s] }'
}
# "key,started" (to the second) of each done run, sorted (from the JSON export: CSV fields may hold commas).
done_started() {
  "$LAB" export --db "$1" --status done --format json | awk '
    /^ *"key" : / { key = $3 }
    /^ *"started" : / { started = substr($3, 1, 20) }   # to the second: a merge re-encodes sub-second digits
    /^ *\}/ { print key "," started }' | sort
}
done_count() { "$LAB" export --db "$1" --status done 2>/dev/null | tail -n +2 | wc -l; }
# Each run as one line, "key=value" pairs in name order, without row ids, timestamps, hosts, versions
# and timings, sorted: equal text means the same run keys with bit-identical metrics (export prints
# every double exactly). Reads `export --format json`, which prints one "name" : value per line.
canonical() {
  "$LAB" export --db "$1" --format json | awk '
    /^ *\{/ { line = ""; next }
    /^ *\}/ { print line; next }
    /^ *"[a-z_0-9]+" : / {
      name = $0; sub(/^ *"/, "", name); sub(/".*/, "", name)
      value = $0; sub(/^ *"[a-z_0-9]+" : /, "", value); sub(/,$/, "", value)
      if (name ~ /^(run_id|experiment|started|ended|wall_seconds|attempts|host|error)$/) next
      if (name ~ /second|_ms_|fold_in_threads|version|revision|build/) next
      line = line (line == "" ? "" : " ") name "=" value
    }' | sort
}

# --- 1. The array, its merge job, and the identity check ------------------------------------------
say "1. submitting the sweep as a 3-task array with its merge job"
submitted=$SECONDS
out=$("$ROOT/Experiments/slurm/submit.sh" e2e.json 3 --report -- "${SBATCH_OPTIONS[@]}") || failed "submit.sh: $out"
say "  $out"
array=$(sed -n 's/^array job \([0-9]*\) .*/\1/p' <<<"$out")
merge=$(sed -n 's/.*merge job \([0-9]*\)$/\1/p' <<<"$out")
[[ -n $array && -n $merge ]] || failed "could not read the job ids from: $out"
first_task() { grep -qs '^sweep.sbatch: slice' logs/mfae-lab-"$array"_*.out; }
first_run() { grep -qs '^\[1/' logs/mfae-lab-"$array"_*.out; }
wait_until "the first task" "$array" first_task
to_task=$((SECONDS - submitted))
wait_until "the first run" "$array" first_run
to_first=$((SECONDS - submitted))
wait_until "the merge job" "$array" ended "$merge"
say "  merge job $merge: $(state "$merge"); submission to first task ${to_task} s, to first finished run ${to_first} s, to merged database $((SECONDS - submitted)) s"
sed 's/^/  | /' logs/mfae-lab-merge-"$merge".out | grep -v gnuplot || true
[[ $(state "$merge") == COMPLETED ]] || failed "the merge job did not complete"
[[ -f results/e2e/Reports/slurm_e2e/README.md ]] || failed "the merge job wrote no report"

"$LAB" run e2e.json --db local.sqlite --plain >local.log 2>&1 || failed "the local run failed: $(tail -n 3 local.log)"
canonical results/e2e/merged.sqlite >merged.txt
canonical local.sqlite >local.txt
runs=$(wc -l <local.txt)
values=$(head -n 1 local.txt | wc -w)
if ! cmp -s merged.txt local.txt; then
  diff merged.txt local.txt | head -n 10
  failed "the merged database differs from the local run"
fi
say "  identity: merged array == local run: $runs run keys, $values stored values each, bit-identical metrics"

# --- 2. Failure cases: kill -9 of a job step, then scancel of one index -----------------------------
say "2. failure cases on a slower copy of the sweep (3-task array, results/slow)"
job=$(sbatch --parsable --array=0-2 --export="ALL,SHARDS=3" "${SBATCH_OPTIONS[@]}" \
  "$ROOT/Experiments/slurm/sweep.sbatch" slow.json)
job=${job%%;*}
say "  array job $job submitted"
local_db() { echo "$TMPDIR/mfae-lab-$job-$1/shard.sqlite"; }
has_done() { [[ -f $(local_db "$1") ]] && (($(done_count "$(local_db "$1")") >= $2)); }

# 2a. Task 1's job step dies as on a failed node: kill -9 of every process of its batch step.
wait_until "task 1 to finish a run" "$job" has_done 1 1
task1=$(scontrol show job "${job}_1" | sed -n 's/^JobId=\([0-9]*\) .*/\1/p')
pids=$(scontrol listpids "$task1" | awk 'NR > 1 { print $1 }')
[[ -n $pids ]] || failed "no processes listed for task ${job}_1 (job $task1)"
done_before=$(done_count "$(local_db 1)")
say "  kill -9 of task ${job}_1's batch step (pids $(echo $pids)) with $done_before run(s) done"
kill -9 $pids 2>/dev/null || true
scontrol requeue "${job}_1" || failed "scontrol requeue ${job}_1"
# A requeued job waits two minutes before it may start again: once it is pending, let it start now.
pending() { [[ $(state "${job}_1") == PENDING ]]; }
wait_until "requeued task 1 to be pending" "$job" pending
scontrol update JobId="${job}_1" StartTime=now || failed "scontrol update StartTime of ${job}_1"
say "  requeued ${job}_1: $(state "${job}_1") (restart $(scontrol show job "${job}_1" | sed -n 's/.*Restarts=\([0-9]*\).*/\1/p'))"

# 2b. Task 2 is cancelled mid-run; its database is copied back.
wait_until "task 2 to finish two runs" "$job" has_done 2 2
say "  scancel ${job}_2 with $(done_count "$(local_db 2)") run(s) done"
scancel "${job}_2"
all_ended() { local s; s=$(states "$job"); [[ $s != *RUNNING* && $s != *PENDING* && $s != *CONFIGURING* && $s != *COMPLETING* ]]; }
wait_until "the array to end" "$job" all_ended
[[ -f results/slow/shard-2.sqlite ]] || failed "cancelled task 2 copied no database back"
cancelled_counts=$(counts results/slow/shard-2.sqlite)
kept=$(done_count results/slow/shard-2.sqlite)
say "  task 2 after scancel: $(state "${job}_2"); copied back: $cancelled_counts"
((kept >= 2)) || failed "the cancelled task's copy holds $kept done runs, expected at least 2"
done_started results/slow/shard-2.sqlite >kept-before.txt

# The killed task ran again and resumed.
attempt2=$(grep -A 100 'attempt 2' logs/mfae-lab-"${job}"_1.out || true)
resumed=$(sed -n 's/.* runs, \([0-9]*\) done now, \([0-9]*\) already done.*/\1 \2/p' <<<"$attempt2" | tail -n 1)
[[ -n $resumed ]] || failed "task 1's second attempt left no summary"
read -r redone skipped <<<"$resumed"
say "  task 1, attempt 2: $(grep 'already done' <<<"$attempt2" | tail -n 1)"
((skipped >= done_before)) || failed "task 1 redid finished runs ($skipped kept, $done_before were done)"
[[ $(state "${job}_1") == COMPLETED ]] || failed "requeued task 1 did not complete"

# Resubmit the cancelled slice alone: it resumes from its copied-back database.
again=$(SHARDS=3 sbatch --parsable --array=2 --export=ALL,SHARDS=3 "${SBATCH_OPTIONS[@]}" \
  "$ROOT/Experiments/slurm/sweep.sbatch" slow.json)
again=${again%%;*}
say "  resubmitted slice 2 as job ${again}_2"
wait_until "the resubmitted slice" "$again" ended "${again}_2"
[[ $(state "${again}_2") == COMPLETED ]] || failed "the resubmitted slice did not complete"
line=$(grep 'already done' logs/mfae-lab-"${again}"_2.out | tail -n 1)
say "  resubmitted slice 2: $line"
skipped=$(sed -n 's/.* \([0-9]*\) already done.*/\1/p' <<<"$line")
((skipped == kept)) || failed "the resubmitted slice kept $skipped runs, expected $kept"
done_started results/slow/shard-2.sqlite >kept-after.txt
# The runs done before the cancel are the same rows, with their original start times.
comm -23 kept-before.txt kept-after.txt | grep -q . && failed "runs done before the cancel were redone"
say "  the $kept runs done before the cancel kept their start times"

"$LAB" merge results/slow/shard-*.sqlite --into results/slow/merged.sqlite >/dev/null
verdict=$("$LAB" run slow.json --dry-run --db results/slow/merged.sqlite | tail -n 1)
say "  merged: $verdict"
[[ $verdict =~ \ 0\ new,\ [0-9]+\ done,\ 0\ to\ retry,\ 0\ failed ]] || failed "runs are missing after the failure cases"

say "PASSED: array of 3 + merge identical to a local run ($runs runs); kill -9 + requeue and scancel + resubmit resumed without redoing finished runs; $(elapsed)"
