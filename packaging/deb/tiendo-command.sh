#!/bin/sh
# /usr/bin/tiendo — lệnh `tiendo` của gói: chạy /usr/lib/tiendo/tiendo với cấu hình của máy chủ
# (/etc/tiendo/tiendo.env), từ bất kỳ thư mục nào. Chạy bằng root (sudo) thì lệnh chạy dưới tài
# khoản tiendo, để tệp dữ liệu nó tạo vẫn thuộc về máy chủ web.
set -eu
BINARY=/usr/lib/tiendo/tiendo
CONFIG=/etc/tiendo/tiendo.env

if [ "$(id -u)" = 0 ]; then
  if ! id tiendo >/dev/null 2>&1; then
    echo "tiendo: chưa có tài khoản hệ thống “tiendo”; hãy cài lại gói tiendo." >&2
    exit 1
  fi
  exec runuser -u tiendo -- /usr/bin/tiendo "$@"
fi

if [ ! -r "$CONFIG" ]; then
  echo "tiendo: không đọc được $CONFIG (chỉ root và nhóm tiendo đọc được). Hãy chạy: sudo tiendo $*" >&2
  exit 1
fi

# Như systemd: mỗi dòng KHÓA=giá trị, bỏ dòng trống và dòng chú thích; giá trị lấy nguyên văn.
export TIENDO_PORT=8080 TIENDO_SQLITE_PATH=/var/lib/tiendo/tiendo.sqlite
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '' | '#'* | ';'*) continue ;;
    *=*)
      key=${line%%=*}
      case "$key" in *[!A-Za-z0-9_]* | [0-9]*) continue ;; esac
      export "$key=${line#*=}"
      ;;
  esac
done <"$CONFIG"

exec "$BINARY" "$@"
