#!/usr/bin/env bash
# Compares two mfae-lab binaries on a noisy shared machine: runs them at the same time, one per core,
# so both see the same conditions, and prints CPU ms per epoch for each pair (old | new).
#
#   scripts/bench-pairs.sh OLD_BINARY NEW_BINARY PAIRS [bench options...]
#   scripts/bench-pairs.sh /tmp/old .build/release/mfae-lab 4 --model mfae --ratings 10m --k 32 --optimizer lazy_adam --epochs 3
#
# Needs two free cores and python3. Each pair swaps which binary starts first.
set -euo pipefail
if [ $# -lt 3 ]; then sed -n '2,8p' "$0"; exit 2; fi
old=$1; new=$2; pairs=$3; shift 3
cpu_ms() { python3 -c 'import json,sys; print("%.1f" % json.loads(sys.stdin.readlines()[-1])["cpu_milliseconds_per_epoch"])'; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for pair in $(seq "$pairs"); do
  first=$old; second=$new
  if [ $((pair % 2)) -eq 0 ]; then first=$new; second=$old; fi
  "$first" bench "$@" --json > "$work/first" 2>/dev/null &
  "$second" bench "$@" --json > "$work/second" 2>/dev/null
  wait
  if [ "$first" = "$old" ]; then o=$work/first; n=$work/second; else o=$work/second; n=$work/first; fi
  echo "pair $pair: $(cpu_ms < "$o") | $(cpu_ms < "$n")"
done
