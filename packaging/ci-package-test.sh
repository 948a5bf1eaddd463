#!/usr/bin/env bash
# CI: the Debian package end to end on this machine (root, Debian-like, may lack systemd as PID 1).
#
#   bash packaging/ci-package-test.sh BIN
#
# Builds the package from BIN (the release binary CI already built, resources beside it), installs it
# with dpkg -i, points the service and the nginx site at this script's own ports (as an operator
# would, by editing the two configuration files), starts the service (systemd when it runs; otherwise
# the unit's ExecStart as the unit's user with its environment, said so in the output), loads the
# demo with the `tiendo` command from another directory, reaches /healthz through nginx over HTTPS
# and checks HSTS, upgrades in place to a second version (data, configuration and migrations kept:
# nothing migrated twice), then dpkg -r and dpkg -P and checks that nothing is left.
# Ports: 18443 (HTTPS), 18180 (HTTP), 18190 (the service); nginx's default site keeps port 80.
set -euo pipefail

BIN="${1:-}"
HERE="$(cd "$(dirname "$0")" && pwd)"
HTTPS_PORT=18443
HTTP_PORT=18180
APP_PORT=18190
UNIT=/lib/systemd/system/tiendo.service
STARTED_AT=$(date +%s)
WORK="$(mktemp -d)"
SERVER_PID=""
NGINX_STARTED=0
MODE=""

say() { printf '%s\n' "$*"; }
step() { printf -- '--- %s (%ss)\n' "$*" "$(($(date +%s) - STARTED_AT))"; }
fail() {
  say "KHÔNG ĐẠT: $*" >&2
  [ -f "$WORK/serve.log" ] && { say "--- nhật ký máy chủ (cuối):" >&2; tail -n 30 "$WORK/serve.log" >&2; }
  exit 1
}
pass() { say "  đạt: $*"; }

[ -n "$BIN" ] && [ -x "$BIN" ] || { say "Cách dùng: bash packaging/ci-package-test.sh ĐƯỜNG-DẪN-CHƯƠNG-TRÌNH" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { say "Cần chạy bằng root (dpkg -i)." >&2; exit 2; }
if dpkg-query -W -f='${Status}' tiendo 2>/dev/null | grep -q "installed\|config-files"; then
  say "Máy này đã có gói tiendo; kiểm thử không đụng vào bản cài sẵn." >&2
  exit 2
fi
[ ! -e /var/lib/tiendo ] || { say "/var/lib/tiendo đã có; kiểm thử không đụng vào dữ liệu sẵn có." >&2; exit 2; }

if [ -d /run/systemd/system ]; then MODE=systemd; else MODE=fallback; fi

nginx_running() { [ -f /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; }

cleanup() {
  set +e
  stop_service
  if dpkg-query -W -f='${Status}' tiendo 2>/dev/null | grep -q "installed\|config-files\|half"; then
    DEBIAN_FRONTEND=noninteractive dpkg -P tiendo >/dev/null 2>&1
  fi
  if [ "$NGINX_STARTED" = 1 ] && nginx_running; then
    if [ "$MODE" = systemd ]; then systemctl stop nginx; else kill "$(cat /run/nginx.pid)"; fi
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# Stopped by `timeout` or ^C: clean up all the same (the EXIT trap runs on exit).
trap 'exit 1' TERM INT

# The unit's ExecStart, as its User, in its WorkingDirectory, with its Environment= lines and then
# its EnvironmentFile (later lines win, as in systemd), and NoNewPrivileges; the PID is the server's.
start_service() {
  if [ "$MODE" = systemd ]; then
    systemctl restart tiendo.service
    return
  fi
  local user dir exec file line
  local -a envs=(PATH=/usr/sbin:/usr/bin:/sbin:/bin)
  user=$(sed -n 's/^User=//p' "$UNIT")
  dir=$(sed -n 's/^WorkingDirectory=//p' "$UNIT")
  exec=$(sed -n 's/^ExecStart=//p' "$UNIT")
  envs+=("HOME=$dir")
  while IFS= read -r line; do envs+=("$line"); done < <(sed -n 's/^Environment=//p' "$UNIT")
  file=$(sed -n 's/^EnvironmentFile=//p' "$UNIT")
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'* | ';'*) ;; *=*) envs+=("$line") ;; esac
  done <"$file"
  (cd "$dir" && exec setpriv --reuid="$user" --regid="$user" --init-groups --no-new-privs \
    env -i "${envs[@]}" sh -c "exec $exec") >>"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
}

stop_service() {
  if [ "$MODE" = systemd ]; then
    systemctl stop tiendo.service 2>/dev/null || true
  elif [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

wait_for() { # URL SECONDS
  local url=$1 seconds=$2
  for _ in $(seq 1 "$seconds"); do
    curl -kfsS --max-time 2 "$url" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}

migrations() { # name|batch of every applied migration, sorted
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for name, batch in db.execute("select name, batch from _fluent_migrations order by name"):
    print(f"{name}|{batch}")
PY
}

step "Gói Debian: công cụ (nginx, openssl, curl)"
if ! command -v nginx >/dev/null || ! command -v openssl >/dev/null || ! command -v curl >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nginx openssl curl >/dev/null
fi
if [ "$MODE" = systemd ]; then
  say "systemd chạy (PID 1): dịch vụ chạy bằng systemctl."
else
  say "systemd KHÔNG chạy (PID 1 là “$(ps -p 1 -o comm= 2>/dev/null || echo ?)”): dùng cách dự phòng —"
  say "ExecStart của tiendo.service chạy bằng setpriv dưới tài khoản của đơn vị (User=), với Environment="
  say "và EnvironmentFile của nó; các giới hạn của systemd (ProtectSystem, …) và Restart= không được thử."
fi

step "Dựng gói (hai phiên bản: cài rồi nâng cấp)"
DEB1=$(bash "$HERE/build-deb.sh" --binary "$BIN" --version 0~ci1 --out "$WORK" | tail -n 1)
DEB2=$(bash "$HERE/build-deb.sh" --binary "$BIN" --version 0~ci2 --out "$WORK" | tail -n 1)
say "$(basename "$DEB1"), $(basename "$DEB2"): $(du -h "$DEB1" | cut -f1) mỗi gói"

step "Cài: dpkg -i"
DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB1" | sed 's/^/  dpkg: /'
for file in /usr/bin/tiendo /usr/lib/tiendo/tiendo "$UNIT" /etc/tiendo/tiendo.env /etc/nginx/sites-available/tiendo \
  /usr/share/tiendo/Tiendo_TiendoWeb.resources/Resources/Views /usr/share/tiendo/Tiendo_TiendoDemo.resources/Resources \
  /etc/tiendo/tls/tiendo.crt /etc/tiendo/tls/tiendo.key; do
  [ -e "$file" ] || fail "thiếu $file sau khi cài"
done
pass "chương trình, tài nguyên, đơn vị systemd, tệp cấu hình, trang nginx, chứng chỉ tự ký"
[ -L /etc/nginx/sites-enabled/tiendo ] || fail "trang nginx chưa được bật"
getent passwd tiendo >/dev/null || fail "chưa có tài khoản tiendo"
[ "$(stat -c %U:%a /var/lib/tiendo)" = "tiendo:750" ] || fail "/var/lib/tiendo: $(stat -c %U:%a /var/lib/tiendo)"
[ "$(stat -c %U:%G:%a /etc/tiendo/tiendo.env)" = "root:tiendo:640" ] || fail "tiendo.env: $(stat -c %U:%G:%a /etc/tiendo/tiendo.env)"
[ "$(stat -c %U /var/lib/tiendo/tiendo.sqlite)" = tiendo ] || fail "cơ sở dữ liệu chưa được tạo bởi tài khoản tiendo"
pass "tài khoản tiendo, /var/lib/tiendo (750), tiendo.env (640 root:tiendo), cơ sở dữ liệu đã migrate khi cài"
if ldd /usr/lib/tiendo/tiendo | grep -q "not found"; then fail "thiếu thư viện: $(ldd /usr/lib/tiendo/tiendo | grep 'not found')"; fi
SWIFT_LIB=$(ldd "$BIN" | awk '$1 == "libswiftCore.so" { print $3 }')
if [ -n "$SWIFT_LIB" ] && [ "${SWIFT_LIB#/usr/lib/tiendo/}" = "$SWIFT_LIB" ]; then
  # The toolchain is on this machine: hide it to prove the copies in the package are enough.
  TOOLCHAIN_LIBS=$(dirname "$SWIFT_LIB")
  if unshare --mount sh -c "mount -t tmpfs none '$TOOLCHAIN_LIBS' && /usr/lib/tiendo/tiendo --help" >/dev/null 2>"$WORK/unshare.err"; then
    pass "chạy được khi thư mục thư viện Swift của bộ công cụ ($TOOLCHAIN_LIBS) bị che"
  elif grep -qi "permission\|not permitted" "$WORK/unshare.err"; then
    say "  (bỏ qua: không che được $TOOLCHAIN_LIBS trên máy này: $(head -n 1 "$WORK/unshare.err"))"
  else
    fail "không chạy được khi thiếu bộ công cụ Swift: $(cat "$WORK/unshare.err")"
  fi
fi
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify "$UNIT" || fail "systemd-analyze verify tiendo.service"
  EXPOSURE=$(systemd-analyze security --offline=yes "$UNIT" 2>/dev/null | sed -n 's/.*Overall exposure level for tiendo.service: //p')
  pass "systemd-analyze verify tiendo.service; mức phơi nhiễm ${EXPOSURE:-?}"
fi

step "Cấu hình cổng riêng của kiểm thử (như người quản trị: sửa hai tệp cấu hình)"
sed -i "s/^TIENDO_PORT=.*/TIENDO_PORT=$APP_PORT/" /etc/tiendo/tiendo.env
sed -i -e "s/listen 443 ssl/listen $HTTPS_PORT ssl/" -e "s/listen 80;/listen $HTTP_PORT;/" \
  -e "s#https://\$host\$request_uri#https://\$host:$HTTPS_PORT\$request_uri#" \
  -e "s#127.0.0.1:8080#127.0.0.1:$APP_PORT#" /etc/nginx/sites-available/tiendo
nginx -t -q || fail "nginx -t"

step "Khởi động dịch vụ ($MODE) và nginx"
start_service
wait_for "http://127.0.0.1:$APP_PORT/healthz" 60 || fail "dịch vụ không trả lời /healthz trên cổng $APP_PORT"
pass "dịch vụ trả lời trên 127.0.0.1:$APP_PORT"
[ "$(ps -o user= -p "$(pgrep -u tiendo -f '/usr/lib/tiendo/tiendo serve' | head -n 1)")" = tiendo ] || fail "máy chủ không chạy bằng tài khoản tiendo"
pass "máy chủ chạy bằng tài khoản tiendo"
if nginx_running; then
  if [ "$MODE" = systemd ]; then systemctl reload nginx; else nginx -s reload; fi
  sleep 1
else
  if [ "$MODE" = systemd ]; then systemctl start nginx; else nginx; fi
  NGINX_STARTED=1
fi
wait_for "https://127.0.0.1:$HTTPS_PORT/healthz" 20 || fail "nginx không chuyển /healthz tới dịch vụ"

step "Dữ liệu minh họa bằng lệnh tiendo (từ thư mục /)"
(cd / && tiendo demo) >"$WORK/demo.txt" 2>&1 || { cat "$WORK/demo.txt"; fail "tiendo demo"; }
[ "$(stat -c %U /var/lib/tiendo/tiendo.sqlite)" = tiendo ] || fail "tiendo demo (root) làm đổi chủ tệp dữ liệu"
(cd / && tiendo assess --unit 46 --at 2027) >"$WORK/assess-1.txt"
grep -q "chỉ tiêu đạt và vượt" "$WORK/assess-1.txt" || fail "tiendo assess sau khi nạp dữ liệu minh họa"
pass "tiendo demo, tiendo assess chạy từ / bằng cấu hình /etc/tiendo/tiendo.env"

step "Qua nginx: HTTPS, HSTS, trang"
curl -ksS -D "$WORK/headers.txt" -o "$WORK/healthz.txt" "https://127.0.0.1:$HTTPS_PORT/healthz"
grep -q "^HTTP/[0-9.]* 200" "$WORK/headers.txt" || fail "/healthz qua nginx: $(head -n 1 "$WORK/headers.txt")"
[ "$(cat "$WORK/healthz.txt")" = ok ] || fail "/healthz trả “$(cat "$WORK/healthz.txt")”"
grep -qi "^strict-transport-security: max-age=63072000" "$WORK/headers.txt" || fail "thiếu tiêu đề HSTS"
pass "/healthz qua https://127.0.0.1:$HTTPS_PORT: 200 ok, $(grep -i '^strict-transport-security' "$WORK/headers.txt" | tr -d '\r')"
curl -ksSf "https://127.0.0.1:$HTTPS_PORT/dang-nhap" >"$WORK/page-1.html"
grep -q "Dữ liệu minh họa" "$WORK/page-1.html" && grep -q "Đăng nhập" "$WORK/page-1.html" || fail "trang đăng nhập"
curl -ksSf "https://127.0.0.1:$HTTPS_PORT/static/tiendo.css" -o "$WORK/tiendo.css"
grep -q "{" "$WORK/tiendo.css" || fail "bảng kiểu (tài nguyên trong /usr/share/tiendo)"
pass "trang đăng nhập (giao diện từ /usr/share/tiendo) và bảng kiểu qua nginx"
LOCATION=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP_PORT/dang-nhap")
[ "$LOCATION" = "301 https://127.0.0.1:$HTTPS_PORT/dang-nhap" ] || fail "http:// không chuyển sang https:// ($LOCATION)"
pass "http:// chuyển sang https:// (301)"
openssl x509 -in /etc/tiendo/tls/tiendo.crt -noout -subject -nameopt oneline,-esc_msb | sed 's/^/  chứng chỉ: /'
if [ "$MODE" = systemd ]; then
  MAIN=$(systemctl show -p MainPID --value tiendo.service)
  kill -9 "$MAIN"
  sleep 6
  wait_for "https://127.0.0.1:$HTTPS_PORT/healthz" 30 || fail "dịch vụ không tự khởi động lại sau SIGKILL"
  [ "$(systemctl show -p MainPID --value tiendo.service)" != "$MAIN" ] || fail "MainPID không đổi"
  pass "Restart=on-failure: giết bằng SIGKILL, dịch vụ tự chạy lại"
fi

step "Migration dưới khóa: hai lần migrate cùng lúc trên một cơ sở dữ liệu mới"
LOCK_DB=/var/lib/tiendo/ci-khoa.sqlite
for i in 1 2; do
  setpriv --reuid=tiendo --regid=tiendo --init-groups env -i PATH=/usr/bin:/bin TIENDO_SQLITE_PATH="$LOCK_DB" \
    /usr/lib/tiendo/tiendo migrate >"$WORK/migrate-$i.txt" 2>&1 &
  eval "MIGRATE_$i=\$!"
done
wait "$MIGRATE_1" || fail "migrate 1: $(cat "$WORK/migrate-1.txt")"
wait "$MIGRATE_2" || fail "migrate 2: $(cat "$WORK/migrate-2.txt")"
[ "$(migrations "$LOCK_DB" | cut -d'|' -f2 | sort -u)" = 1 ] || fail "hai lần migrate cùng lúc tạo hai đợt: $(migrations "$LOCK_DB" | cut -d'|' -f2 | sort -u | tr '\n' ' ')"
[ "$(migrations "$LOCK_DB" | cut -d'|' -f1 | sort | uniq -d)" = "" ] || fail "migration chạy hai lần"
pass "$(migrations "$LOCK_DB" | wc -l) migration, mỗi cái một lần, một đợt"
rm -f "$LOCK_DB" "$LOCK_DB-wal" "$LOCK_DB-shm"
migrations /var/lib/tiendo/tiendo.sqlite >"$WORK/migrations-1.txt"

step "Nâng cấp tại chỗ: dpkg -i phiên bản 2"
# systemd: prerm dừng dịch vụ, postinst migrate rồi khởi động lại. Cách dự phòng: kiểm thử tự dừng và chạy lại.
[ "$MODE" = systemd ] || stop_service
DEBIAN_FRONTEND=noninteractive dpkg -i --force-confdef --force-confold "$DEB2" | sed 's/^/  dpkg: /'
[ "$(dpkg-query -W -f='${Version}' tiendo)" = "0~ci2" ] || fail "phiên bản sau nâng cấp: $(dpkg-query -W -f='${Version}' tiendo)"
grep -q "^TIENDO_PORT=$APP_PORT$" /etc/tiendo/tiendo.env || fail "nâng cấp ghi đè tiendo.env"
grep -q "listen $HTTPS_PORT ssl" /etc/nginx/sites-available/tiendo || fail "nâng cấp ghi đè trang nginx"
pass "phiên bản 0~ci2; tiendo.env và trang nginx đã sửa được giữ nguyên"
[ "$MODE" = systemd ] || start_service
wait_for "https://127.0.0.1:$HTTPS_PORT/healthz" 60 || fail "sau nâng cấp, /healthz qua nginx không trả lời"
(cd / && tiendo assess --unit 46 --at 2027) >"$WORK/assess-2.txt"
cmp -s "$WORK/assess-1.txt" "$WORK/assess-2.txt" || fail "kết quả đánh giá khác sau nâng cấp"
curl -ksSf "https://127.0.0.1:$HTTPS_PORT/dang-nhap" -o "$WORK/page-2.html"
grep -q "Dữ liệu minh họa" "$WORK/page-2.html" || fail "dữ liệu minh họa mất sau nâng cấp"
migrations /var/lib/tiendo/tiendo.sqlite >"$WORK/migrations-2.txt"
cmp -s "$WORK/migrations-1.txt" "$WORK/migrations-2.txt" || fail "bảng migration đổi khi nâng cấp mà không có migration mới"
pass "dịch vụ trả lời qua nginx, dữ liệu giữ nguyên (tiendo assess như trước), $(wc -l <"$WORK/migrations-2.txt") migration không chạy lại"

step "Gỡ: dpkg -r (giữ dữ liệu và cấu hình), rồi dpkg -P (xóa hẳn)"
[ "$MODE" = systemd ] || stop_service
DEBIAN_FRONTEND=noninteractive dpkg -r tiendo | sed 's/^/  dpkg: /'
for file in /usr/bin/tiendo /usr/lib/tiendo "$UNIT" /etc/nginx/sites-enabled/tiendo /usr/share/tiendo; do
  [ ! -e "$file" ] && [ ! -L "$file" ] || fail "còn $file sau dpkg -r"
done
[ -f /var/lib/tiendo/tiendo.sqlite ] || fail "dpkg -r đã xóa dữ liệu"
# nginx -s reload lets the old workers finish: the port closes within a moment.
for _ in $(seq 1 10); do
  curl -ksS --max-time 2 "https://127.0.0.1:$HTTPS_PORT/healthz" >/dev/null 2>&1 || break
  sleep 1
done
if curl -ksS --max-time 2 "https://127.0.0.1:$HTTPS_PORT/healthz" >/dev/null 2>&1; then fail "nginx vẫn phục vụ cổng $HTTPS_PORT"; fi
if pgrep -u tiendo >/dev/null; then fail "còn tiến trình của tài khoản tiendo: $(pgrep -a -u tiendo)"; fi
pass "chương trình, đơn vị, trang nginx đã gỡ; không còn tiến trình; dữ liệu còn trong /var/lib/tiendo"
DEBIAN_FRONTEND=noninteractive dpkg -P tiendo | sed 's/^/  dpkg: /'
for file in /var/lib/tiendo /etc/tiendo /etc/nginx/sites-available/tiendo; do
  [ ! -e "$file" ] || fail "còn $file sau dpkg -P"
done
if getent passwd tiendo >/dev/null; then fail "còn tài khoản tiendo sau dpkg -P"; fi
if dpkg-query -W -f='${Status}' tiendo 2>/dev/null | grep -q "installed\|config-files"; then fail "dpkg còn ghi gói tiendo"; fi
nginx -t -q 2>/dev/null || fail "cấu hình nginx hỏng sau khi xóa gói"
pass "dữ liệu, cấu hình, chứng chỉ, tài khoản đã xóa; nginx -t vẫn đạt"

say "Gói Debian: đạt ($MODE) trong $(($(date +%s) - STARTED_AT)) giây."
