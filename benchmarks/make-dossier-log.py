#!/usr/bin/env python3
"""A deterministic dossier log (nhật ký hồ sơ thủ tục hành chính) for the demo's units.

    python3 benchmarks/make-dossier-log.py DEMO.sqlite OUT.csv [ROWS] [--first N]

Reads the codes of the units directly under Thành phố Huế (code 46) in force today from the demo
database, then writes ROWS dossiers (default 100.000) received over the 12 months of 2026, in the
format of docs/ho-so-tthc.md: `;` separated, UTF-8 with a byte order mark, dd/MM/yyyy dates. The
same arguments always give the same file. `--first N` starts the dossier ids at N (to make a log
that overlaps another one).
"""
import sqlite3
import sys
from datetime import date, timedelta

import argparse

parser = argparse.ArgumentParser(description="Nhật ký hồ sơ minh họa, tất định.")
parser.add_argument("database")
parser.add_argument("output")
parser.add_argument("rows", nargs="?", type=int, default=100_000)
parser.add_argument("--first", type=int, default=1)
options = parser.parse_args()
db_path, out_path, rows, first = options.database, options.output, options.rows, options.first

db = sqlite3.connect(db_path)
city = db.execute("select unit_id from unit_versions where code = '46' and valid_to is null").fetchone()[0]
units = [r[0] for r in db.execute(
    "select distinct code from unit_versions where parent_unit_id = ? and valid_to is null order by code", (city,))]
if not units:
    sys.exit("Cơ sở dữ liệu chưa có dữ liệu minh họa; hãy chạy “tiendo demo” trước.")

procedures = ["Đăng ký khai sinh", "Đăng ký kết hôn", "Chứng thực bản sao từ bản chính", "Đăng ký thường trú",
              "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Đăng ký hộ kinh doanh", "Xác nhận tình trạng hôn nhân"]
channels = ["trực tuyến", "trực tiếp", "bưu chính"]

state = 766


def rand(bound):
    """A 64-bit linear congruential generator (Knuth's MMIX constants): deterministic everywhere."""
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 33) % bound


def day(d):
    return d.strftime("%d/%m/%Y")


start = date(2026, 1, 1)
with open(out_path, "w", encoding="utf-8", newline="") as f:
    f.write("\ufeffma_ho_so;ma_don_vi;thu_tuc;ngay_tiep_nhan;han_tra;ngay_tra;kenh;so_hoa;ket_qua_dien_tu;so_lan_bo_sung\r\n")
    for i in range(first, first + rows):
        received = start + timedelta(days=rand(365))
        due = received + timedelta(days=1 + rand(20))
        kind = rand(10)
        if kind < 2:
            finished = None
        elif kind == 2:
            finished = due + timedelta(days=1 + rand(10))
        else:
            finished = received + timedelta(days=rand((due - received).days + 1))
        electronic = finished is not None and rand(2) == 0
        supplements = 1 + rand(2) if rand(6) == 0 else 0
        f.write(";".join([
            f"HS-{i:07d}", units[rand(len(units))], procedures[rand(len(procedures))], day(received), day(due),
            day(finished) if finished else "", channels[rand(3)], "có" if rand(4) else "không",
            "có" if electronic else "không", str(supplements),
        ]) + "\r\n")
print(f"{rows} hồ sơ, {len(units)} đơn vị, mã từ HS-{first:07d}", file=sys.stderr)
