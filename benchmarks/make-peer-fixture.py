#!/usr/bin/env python3
"""A small, deterministic SQLite database shaped like Tiendo's, to develop and check peers.py.

    python3 benchmarks/make-peer-fixture.py OUT.sqlite [--seed 766] [--provinces 3] [--communes 20]
                                            [--quirks] [--expected-csv FILE [--year 2026]]

Writes the tables peers.py reads, with the columns of Tiendo's migrations (M001, M003, M004):
- `unit_versions`: PROVINCES provinces (valid from 2025-07-01, no parent), about COMMUNES new
  communes under each (the count varies by ±2 per province), an old province and a few old
  communes that ended on 2025-06-30 (some of them still point at a new province, so the date
  filter matters) with yearly figures for 2023-2024 and monthly ones for 2025M01-M06;
- `indicators`: 12 indicators: 7 flows (space sum, time sum), 3 stocks (space sum, time last),
  2 ratios (space ratio, time ratio) over those, written as Tiendo writes them
  (IndicatorModel.update(from:));
- `indicator_values`: every new commune × every flow/stock × every month 2025M07..2027M12.
  In 2026 the last province receives no dossier at all, so its on-time rate has no figure
  (denominator 0).

`--quirks` adds what Tiendo's roll-up treats differently from the plain month sums peers.py
computes, to check that peers.py notices: an indicator with space rule 'mean', a ratio of a ratio,
one deleted 2026 month, a commune-level yearly figure and a province-level yearly figure.

`--expected-csv FILE` then writes the national roll-up for --year as Tiendo's RollUp defines it
(reported figure first, then ratio of rolled-up parts, then child units, then quarters, then
months), re-implemented in plain Python from the database just written — the stand-in for
Tiendo's own CSV until `tiendo bench` exists. Header `province_code,indicator_code,number`; an
empty number means "no figure".

The same arguments always give the same file (random.Random(seed); no clock, no uuid4).
"""
import argparse
import csv
import os
import random
import sqlite3
import sys
from calendar import monthrange

# Indicators as (code, name, unit of measure, decimals, value type, space rule, time rule,
# numerator, denominator, multiplier). Rule strings as IndicatorModel.update(from:) writes them.
FLOWS = [
    ("THU_NGAN_SACH", "Thu ngân sách trên địa bàn", "tỷ đồng", 2, "number"),
    ("VON_DAU_TU", "Vốn đầu tư phát triển", "tỷ đồng", 3, "number"),
    ("HO_SO_TIEP_NHAN", "Hồ sơ TTHC tiếp nhận", "hồ sơ", 0, "count"),
    ("HO_SO_DUNG_HAN", "Hồ sơ TTHC giải quyết đúng hạn", "hồ sơ", 0, "count"),
    ("HO_SO_TRUC_TUYEN", "Hồ sơ TTHC trực tuyến", "hồ sơ", 0, "count"),
    ("DANG_VIEN_MOI", "Đảng viên mới kết nạp", "người", 0, "count"),
    ("LUOT_KHACH", "Lượt khách du lịch", "lượt", 0, "count"),
]
STOCKS = [
    ("SO_HO_DAN", "Số hộ dân", "hộ", 0, "count"),
    ("SO_HO_NGHEO", "Số hộ nghèo", "hộ", 0, "count"),
    ("DANG_VIEN", "Số đảng viên", "người", 0, "count"),
]
RATIOS = [
    ("TY_LE_HO_NGHEO", "Tỷ lệ hộ nghèo", "%", 2, "percentage", "SO_HO_NGHEO", "SO_HO_DAN", 100.0),
    ("TY_LE_DUNG_HAN", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", 1, "percentage", "HO_SO_DUNG_HAN",
     "HO_SO_TIEP_NHAN", 100.0),
]
# Only with --quirks: rules peers.py must skip (and say so).
QUIRK_INDICATORS = [
    ("DIEM_HAI_LONG", "Điểm hài lòng bình quân", "điểm", 1, "number", "mean", "mean", None, None, None),
    ("TY_LE_GIA", "Tỷ lệ của một tỷ lệ", "%", 2, "percentage", "ratio", "ratio", "TY_LE_HO_NGHEO",
     "SO_HO_DAN", 100.0),
]

NEW_FROM = "2025-07-01"
OLD_TO = "2025-06-30"
MONTHS = [f"{y}M{m:02d}" for y in (2025, 2026, 2027) for m in range(1, 13) if (y, m) >= (2025, 7)]


def create_schema(db):
    # The columns of Tiendo's migrations; Fluent's .id() is a UUID, stored here as its text.
    db.executescript("""
        CREATE TABLE unit_versions (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, code TEXT NOT NULL,
            name TEXT NOT NULL, kind TEXT NOT NULL, parent_unit_id TEXT, valid_from TEXT NOT NULL,
            valid_to TEXT, UNIQUE (unit_id, valid_from));
        CREATE TABLE indicators (code TEXT PRIMARY KEY, name TEXT NOT NULL, unit_of_measure TEXT NOT NULL,
            decimals INTEGER NOT NULL, value_type TEXT NOT NULL, space_rule TEXT NOT NULL,
            numerator_code TEXT, denominator_code TEXT, multiplier DOUBLE, time_rule TEXT NOT NULL);
        CREATE TABLE indicator_values (id TEXT PRIMARY KEY, indicator_code TEXT NOT NULL,
            unit_id TEXT NOT NULL, period TEXT NOT NULL, number DOUBLE NOT NULL, status TEXT NOT NULL,
            note TEXT, author TEXT NOT NULL, entered_at DOUBLE NOT NULL, version INTEGER NOT NULL,
            UNIQUE (indicator_code, unit_id, period));
    """)


class Ids:
    """Deterministic UUID-looking ids (a counter), so two runs give byte-identical tables."""

    def __init__(self, prefix):
        self.prefix, self.n = prefix, 0

    def __call__(self):
        self.n += 1
        return f"{self.prefix:08x}-0000-4000-8000-{self.n:012x}"


def build(path, seed, provinces, communes, quirks):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    create_schema(db)
    unit_id = Ids(1)
    value_id = Ids(2)

    # Units. UnitID's raw value is "code@validFrom" (Unit.swift).
    units = []  # (unit_id, code, name, kind, parent, valid_from, valid_to)
    province_ids, new_communes = [], {}
    next_commune = 10000
    for p in range(provinces):
        code = f"{p + 1:02d}"
        pid = f"{code}@{NEW_FROM}"
        province_ids.append(pid)
        units.append((pid, code, f"Tỉnh {code}", "tinh", None, NEW_FROM, None))
        new_communes[pid] = []
        for _ in range(communes + (p % 3 - 1) * 2):
            next_commune += 1
            cid = f"{next_commune}@{NEW_FROM}"
            kind = "phuong" if next_commune % 4 == 0 else "xa"
            units.append((cid, str(next_commune), f"{'Phường' if kind == 'phuong' else 'Xã'} {next_commune}",
                          kind, pid, NEW_FROM, None))
            new_communes[pid].append(cid)
    # An old province and old communes that ended on 2025-06-30; half of the old communes point
    # at a new province (not realistic, but it makes the date filter, not the parent, exclude them).
    old_province = "99@1991-01-01"
    units.append((old_province, "99", "Tỉnh cũ", "tinh", None, "1991-01-01", OLD_TO))
    old_communes = []
    for i in range(max(4, provinces * 2)):
        next_commune += 1
        cid = f"{next_commune}@2008-01-01"
        parent = old_province if i % 2 == 0 else province_ids[i % provinces]
        units.append((cid, str(next_commune), f"Xã cũ {next_commune}", "xa", parent, "2008-01-01", OLD_TO))
        old_communes.append(cid)
    db.executemany("INSERT INTO unit_versions VALUES (?,?,?,?,?,?,?,?)", [(unit_id(),) + u for u in units])

    # Indicators, written as IndicatorModel.update(from:) does.
    rows = [(c, n, u, d, t, "sum", "sum", None, None, None) for c, n, u, d, t in FLOWS]
    rows += [(c, n, u, d, t, "sum", "last", None, None, None) for c, n, u, d, t in STOCKS]
    rows += [(c, n, u, d, t, "ratio", "ratio", num, den, m) for c, n, u, d, t, num, den, m in RATIOS]
    if quirks:
        rows += QUIRK_INDICATORS
    db.executemany("INSERT INTO indicators (code, name, unit_of_measure, decimals, value_type, space_rule, "
                   "time_rule, numerator_code, denominator_code, multiplier) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    reported = [c for c, *_ in FLOWS] + [c for c, *_ in STOCKS] + (["DIEM_HAI_LONG"] if quirks else [])

    def flow(code, r):
        """One month of a flow for one commune; decimals that binary floats cannot hold exactly."""
        if code == "THU_NGAN_SACH":
            return round(r.uniform(0.5, 40.0), 2)
        if code == "VON_DAU_TU":
            return round(r.uniform(0.0, 12.0), 3)
        if code == "LUOT_KHACH":
            return float(r.randint(0, 20000))
        if code == "DANG_VIEN_MOI":
            return float(r.randint(0, 6))
        return float(r.randint(20, 900))

    batch = []
    written = 0

    def put(code, unit, period, number, status="chinhThuc"):
        batch.append((value_id(), code, unit, period, number, status, None, "fixture", 1.8e9, 1))
        if len(batch) >= 50_000:
            flush()

    def flush():
        nonlocal written
        db.executemany("INSERT INTO indicator_values VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
        before = written
        written += len(batch)
        batch.clear()
        if written // 500_000 > before // 500_000:
            print(f"  {written:,} values written", file=sys.stderr)

    last_province = province_ids[-1]
    for pid in province_ids:
        for cid in new_communes[pid]:
            r = random.Random(f"{seed}/{cid}")  # per commune, so sizes do not shift other communes
            households = r.randint(800, 9000)
            poor = r.randint(5, households // 8)
            members = r.randint(50, 900)
            for period in MONTHS:
                status = "uoc" if period >= "2026M10" else "chinhThuc"
                dossiers = {}
                for code, *_ in FLOWS:
                    number = flow(code, r)
                    if code.startswith("HO_SO_") and pid == last_province and period.startswith("2026"):
                        number = 0.0  # no dossier in 2026: the on-time rate's denominator is 0
                    dossiers[code] = number
                if dossiers["HO_SO_DUNG_HAN"] > dossiers["HO_SO_TIEP_NHAN"]:
                    dossiers["HO_SO_DUNG_HAN"] = dossiers["HO_SO_TIEP_NHAN"]
                for code, number in dossiers.items():
                    put(code, cid, period, number, status)
                households += r.randint(-5, 12)
                poor = max(0, min(households, poor + r.randint(-3, 2)))
                members += r.randint(-1, 3)
                put("SO_HO_DAN", cid, period, float(households), status)
                put("SO_HO_NGHEO", cid, period, float(poor), status)
                put("DANG_VIEN", cid, period, float(members), status)
                if quirks:
                    put("DIEM_HAI_LONG", cid, period, round(r.uniform(6, 10), 1), status)
    # Old communes: yearly figures, then the first half of 2025 by month.
    for cid in old_communes:
        r = random.Random(f"{seed}/{cid}")
        for period in ["2023", "2024"] + [f"2025M{m:02d}" for m in range(1, 7)]:
            for code in reported:
                put(code, cid, period, float(r.randint(1, 5000)))
    flush()

    if quirks:
        # One 2026 month deleted; a commune-level and a province-level yearly figure, which
        # Tiendo's roll-up uses in place of the months below them.
        first = new_communes[province_ids[0]][0]
        db.execute("DELETE FROM indicator_values WHERE indicator_code = 'LUOT_KHACH' AND unit_id = ? "
                   "AND period = '2026M05'", (first,))
        second = new_communes[province_ids[0]][1]
        put("THU_NGAN_SACH", second, "2026", 123.45)
        put("SO_HO_DAN", province_ids[-1], "2026", 99999.0)
        flush()
    db.commit()
    db.close()


# ---- Tiendo's RollUp (Sources/TiendoCore/RollUp/RollUp.swift), re-implemented for the check ----

MISSING = "missing"
NOT_COMPARABLE = "notComparable"


def period_end(period):
    """The last day of a period in the statistical calendar (calendar months), as 'YYYY-MM-DD'."""
    year = int(period[:4])
    if len(period) == 4:
        month = 12
    elif period[4] == "Q":
        month = int(period[5]) * 3
    elif period[4] == "M":
        month = int(period[5:])
    else:
        raise ValueError(period)
    return f"{year}-{month:02d}-{monthrange(year, month)[1]:02d}"


def subdivisions(period):
    """Period.subdivisions for the kinds used here: a year is tried as quarters, then months."""
    year = period[:4]
    if len(period) == 4:
        return [[f"{year}Q{q}" for q in range(1, 5)], [f"{year}M{m:02d}" for m in range(1, 13)]]
    if period[4] == "Q":
        q = int(period[5])
        return [[f"{year}M{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]]
    return []


def tiendo_rollup(path, year):
    """{(province_code, indicator_code): number or None} for every province in force on 31/12 of
    `year` and every indicator, following RollUp.figure (lineage is not modelled: the fixture has
    no lineage links)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    indicators = {row[0]: row[1:] for row in db.execute(
        "SELECT code, space_rule, time_rule, numerator_code, denominator_code, multiplier FROM indicators")}
    values = {(c, u, p): n for c, u, p, n in db.execute(
        "SELECT indicator_code, unit_id, period, number FROM indicator_values")}
    versions = list(db.execute("SELECT unit_id, code, parent_unit_id, valid_from, valid_to FROM unit_versions"))
    db.close()

    def valid(version, date):
        return version[3] <= date and (version[4] is None or date <= version[4])

    children_by_parent = {}
    for v in versions:
        if v[2] is not None:
            children_by_parent.setdefault(v[2], []).append(v)

    def figure(code, unit, period, depth=0):
        if depth >= 48 or code not in indicators:
            return MISSING
        if (code, unit, period) in values:
            return values[(code, unit, period)]
        space, time, numerator, denominator, multiplier = indicators[code]
        if space == "ratio":
            n = figure(numerator, unit, period, depth + 1)
            d = figure(denominator, unit, period, depth + 1)
            if isinstance(n, float) and isinstance(d, float):
                return NOT_COMPARABLE if d == 0 else n / d * (1.0 if multiplier is None else multiplier)
            return NOT_COMPARABLE if NOT_COMPARABLE in (n, d) else MISSING
        children = [v[0] for v in children_by_parent.get(unit, []) if valid(v, period_end(period))]
        if children:
            outcome = from_children(space, code, children, period, depth)
            if outcome != MISSING:
                return outcome
        return from_shorter(time, code, unit, period, depth)

    def from_children(space, code, children, period, depth):
        numbers = []
        for child in children:
            f = figure(code, child, period, depth + 1)
            if not isinstance(f, float):
                return f
            numbers.append(f)
        if space == "sum":
            return sum_in_order(numbers)
        if space == "mean":
            return sum_in_order(numbers) / len(numbers)
        if space == "min":
            return min(numbers)
        if space == "max":
            return max(numbers)
        return MISSING

    def from_shorter(time, code, unit, period, depth):
        for parts in subdivisions(period):
            figures = []
            for part in parts:
                f = figure(code, unit, part, depth + 1)
                if not isinstance(f, float):
                    break
                figures.append(f)
            if len(figures) != len(parts):
                continue
            if time == "sum":
                return sum_in_order(figures)
            if time == "last":
                return figures[-1]
            if time == "mean":
                return sum_in_order(figures) / len(figures)
        return MISSING

    end = f"{year}-12-31"
    result = {}
    for v in versions:
        if v[2] is None and valid(v, end):
            for code in indicators:
                f = figure(code, v[0], str(year))
                result[(v[1], code)] = f if isinstance(f, float) else None
    return result


def sum_in_order(numbers):
    """Left-to-right addition, as Swift's reduce(0, +) does (not math.fsum)."""
    total = 0.0
    for n in numbers:
        total += n
    return total


def main():
    parser = argparse.ArgumentParser(description="Deterministic Tiendo-shaped SQLite fixture for peers.py.")
    parser.add_argument("output", help="SQLite file to (re)create")
    parser.add_argument("--seed", type=int, default=766)
    parser.add_argument("--provinces", type=int, default=3)
    parser.add_argument("--communes", type=int, default=20, help="new communes per province (±2)")
    parser.add_argument("--quirks", action="store_true", help="add cases Tiendo rolls up differently")
    parser.add_argument("--expected-csv", help="write Tiendo's roll-up of the fixture here")
    parser.add_argument("--year", type=int, default=2026)
    options = parser.parse_args()
    if options.communes < 3 or options.provinces < 1:
        parser.error("need at least 1 province and 3 communes per province")

    build(options.output, options.seed, options.provinces, options.communes, options.quirks)
    db = sqlite3.connect(options.output)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("unit_versions", "indicators", "indicator_values")}
    db.close()
    print(f"{options.output}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()), file=sys.stderr)

    if options.expected_csv:
        result = tiendo_rollup(options.output, options.year)
        with open(options.expected_csv, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(["province_code", "indicator_code", "number"])
            for (province, code), number in sorted(result.items()):
                out.writerow([province, code, "" if number is None else repr(number)])
        print(f"{options.expected_csv}: {len(result)} roll-up rows for {options.year}", file=sys.stderr)


if __name__ == "__main__":
    main()
