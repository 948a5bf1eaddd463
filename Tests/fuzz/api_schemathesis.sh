#!/usr/bin/env bash
# Schemathesis (PyPI) against /api/v1/openapi.json with every check, on the demo data.
#
#   bash Tests/fuzz/api_schemathesis.sh BIN [MAX_EXAMPLES] [SECONDS]
#
# Starts `BIN serve` (loopback only) on a fresh demo database in a temporary folder, issues an API
# token for the ward reporter "phongdinh" (who may write, within one ward), and runs every check of
# Schemathesis: no server error, every status code / content type / header / body as the document
# says, invalid input refused and valid input accepted, authentication enforced. Bounded by
# MAX_EXAMPLES cases per operation (default 60) and SECONDS for the whole run (default 170).
# Settings, and why a check expects what it expects for one operation: schemathesis.toml.
# Exits non-zero on any failure.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(readlink -f "${1:?Cách dùng: api_schemathesis.sh BIN [SỐ_TRƯỜNG_HỢP] [SỐ_GIÂY]}")
MAX_EXAMPLES=${2:-60}
SECONDS_BUDGET=${3:-170}
SCHEMATHESIS_VERSION=4.32.5

installed=$(python3 -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null || true)
if [ "$installed" != "$SCHEMATHESIS_VERSION" ]; then
  python3 -m pip install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi
# The command line of the package just installed, whatever PATH says (pyenv shims, ~/.local/bin).
ST=(python3 -c 'import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())')

WORK=$(mktemp -d)
export TIENDO_SQLITE_PATH="$WORK/tiendo.sqlite"
unset DATABASE_URL
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$BIN" demo >/dev/null
TOKEN=$("$BIN" token issue --user phongdinh --name "Schemathesis" | tail -1)
"$BIN" serve --port "$PORT" --hostname 127.0.0.1 >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

set +e
# `timeout` is the hard stop; --max-examples and the fixed seed keep the run the same every time.
timeout --signal=INT "$SECONDS_BUDGET" "${ST[@]}" --no-color --config-file "$HERE/schemathesis.toml" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --checks all \
  --header "Authorization: Bearer $TOKEN" \
  --max-examples "$MAX_EXAMPLES" \
  --seed 19 \
  --workers 1 \
  --request-timeout 30 \
  --suppress-health-check too_slow,filter_too_much \
  --generation-database none \
  --report junit --report-dir "$WORK/bao-cao"
STATUS=$?
set -e

if ! kill -0 "$SERVER" 2>/dev/null; then
  echo "Máy chủ đã dừng trong lúc Schemathesis chạy; xem $WORK/serve.log" >&2
  tail -20 "$WORK/serve.log" >&2
  exit 1
fi
if [ "$STATUS" -eq 124 ]; then
  echo "Schemathesis chưa xong trong $SECONDS_BUDGET giây: giảm số trường hợp hoặc tăng ngân sách." >&2
  exit 1
fi
if [ "$STATUS" -ne 0 ]; then
  echo "Schemathesis báo lỗi (mã $STATUS); nhật ký máy chủ: $WORK/serve.log, báo cáo: $WORK/bao-cao" >&2
  exit "$STATUS"
fi
echo "Schemathesis: mọi kiểm tra đạt."
