#!/usr/bin/env bash
# One command for every figure in BENCHMARKS.md, on a fresh clone of a Debian machine (as root):
#
#   bash benchmarks/reproduce.sh              # every section, the national scale included
#   bash benchmarks/reproduce.sh --tinh       # every section but the national scale
#
# Installs what the figures need (PostgreSQL, nginx, wrk, sqlite3 from Debian; duckdb from PyPI),
# builds the release binary, then runs each benchmark in turn and leaves its output in one folder
# (printed at the end). Nothing else should run on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."

NATIONAL=1
[ "${1:-}" = "--tinh" ] && NATIONAL=0
OUT=$(mktemp -d /tmp/tiendo-do-hieu-nang-XXXX)
step() { printf '\n=== %s ===\n' "$*"; }

step "Cài đặt: PostgreSQL, nginx, wrk, sqlite3 (gói Debian), duckdb (PyPI)"
# shellcheck source=../.ci/postgres.sh
source .ci/postgres.sh
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null || ! command -v sqlite3 >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nginx wrk sqlite3 >/dev/null
fi
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install -q duckdb==2.0.1
swift build -c release --product tiendo
BIN="$(swift build -c release --show-bin-path)/tiendo"
ADMIN="postgres://tiendo:tiendo@127.0.0.1:5432/postgres"

step "Nhập CSV 1.000.000 số liệu"
bash benchmarks/csv-import.sh 3 | tee "$OUT/nhap-csv.txt"

step "Nhập nhật ký 100.000 hồ sơ"
bash benchmarks/dossier-import.sh 3 | tee "$OUT/nhap-ho-so.txt"

step "Hai máy chủ sau nginx trên một PostgreSQL"
fresh_database tiendo_hai_may
DATABASE_URL="postgres://tiendo:tiendo@127.0.0.1:5432/tiendo_hai_may?sslmode=disable" \
  python3 Tests/reliability/two_instances.py --bin "$BIN" --seconds 20 | tee "$OUT/hai-may-chu.txt"

step "Bộ đo hiệu năng, quy mô tỉnh (SQLite và PostgreSQL)"
python3 benchmarks/suite.py --scale province --bin "$BIN" --pg "$ADMIN" --out "$OUT/tinh"
python3 benchmarks/mixed_load.py --scale province --bin "$BIN" --out "$OUT/tai-hon-hop" | tee "$OUT/tai-hon-hop.txt"

if [ "$NATIONAL" = 1 ]; then
  step "Bộ đo hiệu năng, quy mô cả nước (SQLite và PostgreSQL)"
  python3 benchmarks/suite.py --scale national --bin "$BIN" --pg "$ADMIN" --out "$OUT/ca-nuoc"
fi

echo
echo "Xong. Kết quả: $OUT (suite.json của từng quy mô; so với BENCHMARKS.md)."
