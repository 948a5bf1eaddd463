#!/usr/bin/env bash
# Builds the Debian package of Tiendo (dpkg-deb) from the release binary.
#
#   bash packaging/build-deb.sh [--binary PATH] [--version VERSION] [--out DIR]
#
# --binary (or TIENDO_BIN): an already-built release binary, with its resource folders
# (Tiendo_TiendoWeb.resources, Tiendo_TiendoDemo.resources) beside it, as SwiftPM leaves them; without
# it the script runs `swift build -c release --product tiendo`. --version (or TIENDO_DEB_VERSION):
# the package version, by default 0.<commits>+g<hash>. --out: where the .deb goes (default
# .build/deb). Prints the path of the .deb on its last line.
#
# The package: /usr/lib/tiendo/tiendo (plus the Swift runtime libraries it links to when they come
# from the toolchain rather than from a Debian package: the binary's RUNPATH ends in $ORIGIN, so the
# copies beside it are used on a machine without Swift), /usr/share/tiendo/Tiendo_*.resources
# (found by ResourceLocation), /usr/bin/tiendo (reads /etc/tiendo/tiendo.env), the systemd unit, the
# nginx site, and the maintainer scripts in packaging/deb/.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BIN="${TIENDO_BIN:-}"
VERSION="${TIENDO_DEB_VERSION:-}"
OUT="$ROOT/.build/deb"

fail() {
  echo "build-deb: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --binary) BIN="$2"; shift 2 ;;
    --version) VERSION="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) fail "không hiểu tham số “$1” (xem --help)" ;;
  esac
done

command -v dpkg-deb >/dev/null || fail "cần dpkg-deb (gói Debian dpkg)"

if [ -z "$BIN" ]; then
  (cd "$ROOT" && swift build -c release --product tiendo)
  BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/tiendo"
fi
[ -x "$BIN" ] || fail "không có chương trình $BIN"
BIN_DIR="$(cd "$(dirname "$BIN")" && pwd)"
for bundle in Tiendo_TiendoWeb.resources Tiendo_TiendoDemo.resources; do
  [ -d "$BIN_DIR/$bundle" ] || fail "thiếu thư mục tài nguyên $BIN_DIR/$bundle cạnh chương trình"
done

if [ -z "$VERSION" ]; then
  VERSION="0.$(git -C "$ROOT" rev-list --count HEAD)+g$(git -C "$ROOT" rev-parse --short HEAD)"
fi
ARCH="$(dpkg --print-architecture)"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/tiendo"

install -d "$PKG/DEBIAN" "$PKG/usr/lib/tiendo" "$PKG/usr/share/tiendo" "$PKG/usr/bin" \
  "$PKG/lib/systemd/system" "$PKG/etc/tiendo" "$PKG/etc/nginx/sites-available" "$PKG/usr/share/doc/tiendo"

# Debug information is most of the binary's size; symbols stay for backtraces.
if command -v objcopy >/dev/null; then
  objcopy --strip-debug "$BIN" "$PKG/usr/lib/tiendo/tiendo"
else
  install -m 0755 "$BIN" "$PKG/usr/lib/tiendo/tiendo"
fi
chmod 0755 "$PKG/usr/lib/tiendo/tiendo"
for bundle in Tiendo_TiendoWeb.resources Tiendo_TiendoDemo.resources; do
  cp -R "$BIN_DIR/$bundle" "$PKG/usr/share/tiendo/"
done

# Shared libraries: those a Debian package provides become dependencies, the others (the Swift
# runtime of the toolchain) are shipped beside the binary.
declare -A DEPENDS=()
while read -r lib; do
  [ -n "$lib" ] || continue
  owner="$(dpkg -S "$lib" 2>/dev/null | head -n 1 | cut -d: -f1 || true)"
  if [ -z "$owner" ]; then
    owner="$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -n 1 | cut -d: -f1 || true)"
  fi
  if [ -n "$owner" ]; then
    DEPENDS["$owner"]=1
  else
    install -m 0644 "$lib" "$PKG/usr/lib/tiendo/$(basename "$lib")"
  fi
done < <(ldd "$BIN" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
if ldd "$BIN" | grep -q "not found"; then
  fail "chương trình thiếu thư viện: $(ldd "$BIN" | grep 'not found' | tr -s ' ' | tr '\n' ';')"
fi
DEPENDS[openssl]=1
DEPENDS[passwd]=1
DEPENDS_LINE="$(printf '%s\n' "${!DEPENDS[@]}" | sort | paste -sd, - | sed 's/,/, /g')"

install -m 0755 "$HERE/deb/tiendo-command.sh" "$PKG/usr/bin/tiendo"
install -m 0644 "$HERE/deb/tiendo.service" "$PKG/lib/systemd/system/tiendo.service"
install -m 0640 "$HERE/deb/tiendo.env" "$PKG/etc/tiendo/tiendo.env"
install -m 0644 "$HERE/deb/nginx-site.conf" "$PKG/etc/nginx/sites-available/tiendo"
for script in postinst prerm postrm; do
  install -m 0755 "$HERE/deb/$script" "$PKG/DEBIAN/$script"
done
printf '%s\n' /etc/tiendo/tiendo.env /etc/nginx/sites-available/tiendo >"$PKG/DEBIAN/conffiles"
cat >"$PKG/usr/share/doc/tiendo/README" <<'EOF'
Tiến độ — theo dõi thực hiện nghị quyết.
Cấu hình: /etc/tiendo/tiendo.env; dữ liệu: /var/lib/tiendo; dịch vụ: systemctl status tiendo;
nginx: /etc/nginx/sites-available/tiendo; chứng chỉ: /etc/tiendo/tls/.
Hướng dẫn: docs/trien-khai.md của mã nguồn, mục “Gói Debian”.
EOF

INSTALLED_SIZE="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
cat >"$PKG/DEBIAN/control" <<EOF
Package: tiendo
Version: $VERSION
Architecture: $ARCH
Maintainer: Tiến độ <tiendo@localhost>
Section: web
Priority: optional
Installed-Size: $INSTALLED_SIZE
Depends: $DEPENDS_LINE
Recommends: nginx
Suggests: libreoffice-writer-nogui, fonts-liberation2, postgresql
Description: Tiến độ — theo dõi thực hiện nghị quyết của cấp ủy, chính quyền
 Máy chủ web (tiendo serve) dưới systemd với tài khoản riêng tiendo, dữ liệu
 trong /var/lib/tiendo (SQLite, hoặc PostgreSQL qua DATABASE_URL), trang nginx
 HTTPS có HSTS, lệnh tiendo dùng cấu hình /etc/tiendo/tiendo.env.
EOF

mkdir -p "$OUT"
DEB="$OUT/tiendo_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$PKG" "$DEB" >/dev/null
echo "Gói: $(du -h "$DEB" | cut -f1), phụ thuộc: $DEPENDS_LINE"
echo "$DEB"
