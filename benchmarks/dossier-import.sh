#!/usr/bin/env bash
# Import speed of a dossier log of 100.000 rows (issue 6): `tiendo import ho-so` into a fresh copy
# of the demo database, then the same log again (every dossier unchanged, every count recomputed).
#
#   bash benchmarks/dossier-import.sh [RUNS]      (default 3 runs; needs a release build)
#
# Prints the median of each; BENCHMARKS.md records the figures with the machine they came from.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
ROWS=100000
BIN=.build/release/tiendo
[ -x "$BIN" ] || swift build -c release --product tiendo
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

TIENDO_SQLITE_PATH="$WORK/demo.sqlite" "$BIN" demo >/dev/null
python3 - "$WORK/demo.sqlite" <<'PY'
import sqlite3, sys
sqlite3.connect(sys.argv[1]).execute("PRAGMA wal_checkpoint(TRUNCATE)")
PY
python3 benchmarks/make-dossier-log.py "$WORK/demo.sqlite" "$WORK/ho-so.csv" "$ROWS"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
calc() { python3 -c "print($1)"; }
seconds() { local start end; start=$(date +%s.%N); "$@" >"$WORK/out.txt" 2>&1; end=$(date +%s.%N); calc "$end - $start"; }

first_times=()
again_times=()
for run in $(seq 1 "$RUNS"); do
  cp "$WORK/demo.sqlite" "$WORK/run.sqlite"
  rm -f "$WORK/run.sqlite-wal" "$WORK/run.sqlite-shm"
  t=$(TIENDO_SQLITE_PATH="$WORK/run.sqlite" seconds "$BIN" import ho-so "$WORK/ho-so.csv" --today 31/12/2026)
  first_times+=("$t")
  grep -q "100.000 mới" "$WORK/out.txt" || { cat "$WORK/out.txt"; exit 1; }
  t=$(TIENDO_SQLITE_PATH="$WORK/run.sqlite" seconds "$BIN" import ho-so "$WORK/ho-so.csv" --today 31/12/2026)
  again_times+=("$t")
  grep -q "100.000 giữ nguyên" "$WORK/out.txt" || { cat "$WORK/out.txt"; exit 1; }
  echo "lần $run: nhập lần đầu ${first_times[-1]} s, nhập lại ${again_times[-1]} s — $(tail -1 "$WORK/out.txt")" >&2
done
F=$(printf '%s\n' "${first_times[@]}" | median)
A=$(printf '%s\n' "${again_times[@]}" | median)
printf 'tiendo import ho-so (lần đầu): trung vị %.2f s = %.0f hồ sơ/giây\n' "$F" "$(calc "$ROWS / $F")"
printf 'tiendo import ho-so (nhập lại): trung vị %.2f s = %.0f hồ sơ/giây\n' "$A" "$(calc "$ROWS / $A")"
