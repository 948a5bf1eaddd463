#!/usr/bin/env bash
# Import speed of a CSV file of 1.000.000 values (issue 5): `tiendo import csv` against loading
# the same rows with the sqlite3 command-line tool's `.import` into a bare table.
#
#   bash benchmarks/csv-import.sh [RUNS]      (default 3 runs; needs a release build and sqlite3)
#
# Each run starts from a fresh copy of the demo database. Prints the median of each, values per
# second and the ratio; BENCHMARKS.md records the figures with the machine they came from.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
BIN=.build/release/tiendo
[ -x "$BIN" ] || swift build -c release --product tiendo
command -v sqlite3 >/dev/null || { echo "Cần công cụ sqlite3 (apt-get install sqlite3)."; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

TIENDO_SQLITE_PATH="$WORK/demo.sqlite" "$BIN" demo >/dev/null
sqlite3 "$WORK/demo.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null

# 1.000.000 values: every demo unit code × every indicator that is not yes/no × months back from 2026.
python3 - "$WORK/demo.sqlite" "$WORK/values.csv" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
units = [r[0] for r in db.execute("select distinct code from unit_versions order by code")]
indicators = list(db.execute("select code, value_type from indicators where value_type != 'yesNo' order by code"))
periods = [f"{y}M{m:02d}" for y in range(2026, 1990, -1) for m in range(1, 13)]
count = 0
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    f.write("\ufeffma_don_vi;ma_chi_tieu;ky;gia_tri;tinh_trang;ghi_chu\r\n")
    for p in periods:
        for u in units:
            for code, kind in indicators:
                if count == 1_000_000:
                    break
                value = f"{(count * 7919) % 97 + 1},5" if kind == "percentage" else str((count * 7919) % 997 + 1)
                f.write(f"{u};{code};{p};{value};Chính thức;\r\n")
                count += 1
print(f"{count} dòng, {len(units)} đơn vị, {len(indicators)} chỉ tiêu", file=sys.stderr)
PY

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
calc() { python3 -c "print($1)"; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); calc "$end - $start"; }

tiendo_times=()
sqlite_times=()
for run in $(seq 1 "$RUNS"); do
  cp "$WORK/demo.sqlite" "$WORK/run.sqlite"
  rm -f "$WORK/run.sqlite-wal" "$WORK/run.sqlite-shm"
  t=$(TIENDO_SQLITE_PATH="$WORK/run.sqlite" seconds "$BIN" import csv "$WORK/values.csv")
  tiendo_times+=("$t")
  stored=$(sqlite3 "$WORK/run.sqlite" "select count(*) from indicator_values")
  rm -f "$WORK/bare.sqlite"
  sqlite3 "$WORK/bare.sqlite" "create table v (ma_don_vi text, ma_chi_tieu text, ky text, gia_tri text, tinh_trang text, ghi_chu text);"
  t=$(seconds sqlite3 "$WORK/bare.sqlite" -cmd ".separator ;" ".import --skip 1 $WORK/values.csv v")
  sqlite_times+=("$t")
  echo "lần $run: tiendo ${tiendo_times[-1]} s ($stored số liệu trong cơ sở dữ liệu), sqlite3 .import ${sqlite_times[-1]} s" >&2
done
T=$(printf '%s\n' "${tiendo_times[@]}" | median)
S=$(printf '%s\n' "${sqlite_times[@]}" | median)
printf 'tiendo import csv: trung vị %.2f s = %.0f số liệu/giây\n' "$T" "$(calc "1000000 / $T")"
printf 'sqlite3 .import:   trung vị %.2f s = %.0f dòng/giây\n' "$S" "$(calc "1000000 / $S")"
printf 'tỷ lệ: tiendo chậm hơn %.1f lần\n' "$(calc "$T / $S")"
