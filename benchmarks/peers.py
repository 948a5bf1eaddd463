#!/usr/bin/env python3
"""Tiendo's national roll-up computed by peers on identical data: DuckDB, PostgreSQL, plus the
speed of the sqlite3 CLI's `.import` of the same rows.

    python3 benchmarks/peers.py --sqlite PATH [--year 2026] [--pg URL] [--runs 5] [--out DIR]
                                [--tiendo-csv FILE] [--pg-index covering|unique|none]
                                [--pg-option NAME=VALUE ...] [--python-export] [--keep]

PATH is a Tiendo SQLite database (e.g. filled by `tiendo bench generate`); it is only read.
Needs the `duckdb` Python package (`python3 -m pip install duckdb`) and the `sqlite3` CLI; `psql`
for --pg. Steps, each timed on its own:

1. export `indicator_values` (every row, streamed by the sqlite3 CLI; Python cursor iteration if
   the CLI is missing), `unit_versions` and `indicators` to CSV files in --out;
2. DuckDB (file database in --out, default threads): load the CSVs, then run the roll-up SQL
   --runs times;
3. PostgreSQL (with --pg): plain tables, `\\copy` of the CSVs, one index (--pg-index), VACUUM
   ANALYZE, then the same SQL --runs times, timed by psql's `\\timing` (client wall clock);
4. sqlite3 `.import --csv` of the values CSV into a plain table of a fresh database, --runs times
   (stops early once a run takes over 60 s);
5. cross-check: the peers must agree (relative difference <= 1e-9), and so must --tiendo-csv
   (header `province_code,indicator_code,number`, empty number = no figure).

Exit status: 0 all agree, 1 a mismatch, 2 an error (a tool, a query, a file).

The roll-up (Tiendo's RollUp for a province and a year, when every commune reports every month):
for every province P in force on 31/12/Y and every indicator with space rule 'sum' (time rule
'sum': the 12 months YM01..YM12 added; 'last': the YM12 figure) summed over the communes whose
parent is P and that are in force on 31/12/Y; ratio indicators are numerator / denominator ×
multiplier of those province sums (no figure when the denominator is 0). Indicators with any other
rule are skipped and listed. What Tiendo would do differently on this data — a commune lacking a
month, a stored yearly or quarterly figure that Tiendo takes in place of the months, units below
the communes — is counted and reported, not reproduced.

Writes peers.json, duckdb-result.csv, pg-result.csv and pg-plan.txt to --out; without --out a
temporary directory is used and its bulky files (CSV exports, databases) are deleted at the end
unless --keep.
"""
import argparse
import csv
import importlib.util
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import sqlite3

# Rule strings as IndicatorModel.update(from:) writes them (Sources/TiendoStorage/Models/Model+Core.swift).
SPACE_SUM, SPACE_RATIO = "sum", "ratio"
TIME_SUM, TIME_LAST = "sum", "last"
TOLERANCE = 1e-9
SLOW_IMPORT_SECONDS = 60


def log(message):
    print(message, file=sys.stderr, flush=True)


def fail(message):
    """Stops on an error of setup or data: exit status 2 (1 is kept for a mismatch)."""
    log(f"error: {message}")
    sys.exit(2)


class Ticker:
    """Calls `report` every `every` seconds on a background thread while a long step runs."""

    def __init__(self, report, every=5.0):
        self.report, self.every = report, every
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.wait(self.every):
            try:
                self.report()
            except Exception:  # a progress line is never worth failing the benchmark
                pass

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def median_and_runs(values, digits):
    return round(statistics.median(values), digits), [round(v, digits) for v in values]


def command_version(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


# ---------------------------------------------------------------------------------------------
# The roll-up
# ---------------------------------------------------------------------------------------------

def classify_indicators(rows):
    """Splits (code, space_rule, time_rule, numerator, denominator, multiplier) rows into the
    indicators the roll-up covers — {code: time_rule} stored per month, {code: (numerator,
    denominator, multiplier)} ratios — and [(code, reason)] skipped. Must select exactly what
    rollup_sql() selects."""
    reported, ratios, skipped = {}, {}, []
    for code, space, time_rule, _, _, _ in rows:
        if space == SPACE_SUM and time_rule in (TIME_SUM, TIME_LAST):
            reported[code] = time_rule
    for code, space, time_rule, numerator, denominator, multiplier in rows:
        if code in reported:
            continue
        if space == SPACE_RATIO:
            bad = [part for part in (numerator, denominator) if part not in reported]
            if bad:
                skipped.append((code, f"ratio whose part {', '.join(str(b) for b in bad)} is not a "
                                      "space-sum indicator with time rule sum/last"))
            else:
                ratios[code] = (numerator, denominator, 1.0 if multiplier is None else multiplier)
        elif space == SPACE_SUM:
            skipped.append((code, f"space rule sum with time rule '{time_rule}'"))
        else:
            skipped.append((code, f"space rule '{space}'"))
    return reported, ratios, skipped


def months_of(year):
    return [f"{year}M{m:02d}" for m in range(1, 13)]


def rollup_sql(year):
    """The national roll-up for `year` in plain SQL that DuckDB and PostgreSQL both run as is.
    Tables: units, indicators, indicator_values (the columns exported below)."""
    end = f"{year}-12-31"
    months = ", ".join(f"'{m}'" for m in months_of(year))
    december = f"{year}M12"
    return f"""
WITH provinces AS (      -- provinces in force on 31/12
    SELECT unit_id, code FROM units
    WHERE parent_unit_id IS NULL
      AND valid_from <= '{end}' AND (valid_to IS NULL OR valid_to >= '{end}')
),
communes AS (            -- their children in force on 31/12
    SELECT c.unit_id, p.code AS province_code
    FROM units c JOIN provinces p ON c.parent_unit_id = p.unit_id
    WHERE c.valid_from <= '{end}' AND (c.valid_to IS NULL OR c.valid_to >= '{end}')
),
reported AS (            -- indicators stored per commune and month
    SELECT code, time_rule FROM indicators
    WHERE space_rule = '{SPACE_SUM}' AND time_rule IN ('{TIME_SUM}', '{TIME_LAST}')
),
ratios AS (              -- ratio of the rolled-up parts, never a mean of ratios
    SELECT code, numerator_code, denominator_code, COALESCE(multiplier, 1) AS multiplier
    FROM indicators
    WHERE space_rule = '{SPACE_RATIO}'
      AND numerator_code IN (SELECT code FROM reported)
      AND denominator_code IN (SELECT code FROM reported)
),
sums AS (                -- flows: 12 months; stocks: December; over the province's communes
    SELECT cm.province_code, v.indicator_code, SUM(v.number) AS number
    FROM indicator_values v
    JOIN reported r ON r.code = v.indicator_code
    JOIN communes cm ON cm.unit_id = v.unit_id
    WHERE v.period IN ({months})
      AND (r.time_rule = '{TIME_SUM}' OR v.period = '{december}')
    GROUP BY cm.province_code, v.indicator_code
)
SELECT p.code AS province_code, r.code AS indicator_code, s.number
FROM provinces p CROSS JOIN reported r
LEFT JOIN sums s ON s.province_code = p.code AND s.indicator_code = r.code
UNION ALL
SELECT p.code, q.code, CASE WHEN d.number <> 0 THEN n.number / d.number * q.multiplier END
FROM provinces p CROSS JOIN ratios q
LEFT JOIN sums n ON n.province_code = p.code AND n.indicator_code = q.numerator_code
LEFT JOIN sums d ON d.province_code = p.code AND d.indicator_code = q.denominator_code
ORDER BY 1, 2
""".strip()


# ---------------------------------------------------------------------------------------------
# 1. Export
# ---------------------------------------------------------------------------------------------

UNIT_COLUMNS = ["unit_id", "code", "kind", "parent_unit_id", "valid_from", "valid_to"]
INDICATOR_COLUMNS = ["code", "space_rule", "time_rule", "numerator_code", "denominator_code", "multiplier"]
VALUE_COLUMNS = ["indicator_code", "unit_id", "period", "number", "status"]


def write_small_csv(db, table, columns, path):
    """A small table to CSV. Strings are quoted and NULL is an unquoted empty field, so an empty
    string and NULL stay distinct for PostgreSQL's and DuckDB's CSV readers."""
    def field(value):
        if value is None:
            return ""
        if isinstance(value, str):
            return '"' + value.replace('"', '""') + '"'
        return repr(value)  # int, or a float that reads back to the same double

    rows = db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(columns) + "\n")
        f.writelines(",".join(field(v) for v in row) + "\n" for row in rows)
    return rows


def export(sqlite_path, out_dir, force_python):
    """Writes units.csv, indicators.csv and values.csv; returns (values row count, seconds,
    indicator rows, method). The seconds cover the writing only, not the row count and the
    line count that check it."""
    db = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    total = db.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
    # Rough bytes per row from a sample, for a percentage in the progress lines.
    row_bytes = db.execute(
        "SELECT avg(length(indicator_code) + length(unit_id) + length(period) + "
        "length(printf('%!.15g', number)) + length(status) + 5) FROM "
        "(SELECT * FROM indicator_values LIMIT 10000)").fetchone()[0] or 1
    values_path = os.path.join(out_dir, "values.csv")
    log(f"export: {total:,} rows of indicator_values → {values_path}")

    started = time.perf_counter()
    write_small_csv(db, "unit_versions", UNIT_COLUMNS, os.path.join(out_dir, "units.csv"))
    indicators = write_small_csv(db, "indicators", INDICATOR_COLUMNS, os.path.join(out_dir, "indicators.csv"))
    cli = shutil.which("sqlite3")
    if cli and not force_python:
        method = "sqlite3 CLI -csv"
        db.close()
        # The CLI's own text for a REAL keeps only 15 significant digits, which may not read back
        # to the same double: then 17 digits, which always do (15 first, as they are shorter:
        # "23.3", not "23.300000000000001").
        exact = ("CASE WHEN CAST(printf('%!.15g', number) AS REAL) = number THEN printf('%!.15g', number) "
                 "ELSE printf('%!.17g', number) END")
        query = f"SELECT indicator_code, unit_id, period, {exact} AS number, status FROM indicator_values"

        def progress():
            size = os.path.getsize(values_path)
            log(f"  export: {size / 1e6:,.0f} MB, about {min(100, 100 * size / (row_bytes * total + 1)):.0f} % "
                f"({time.perf_counter() - started:.0f} s)")

        with open(values_path, "wb") as f, Ticker(progress):
            subprocess.run([cli, "-readonly", "-batch", "-csv", "-header", sqlite_path, query],
                           stdout=f, check=True)
        seconds = time.perf_counter() - started
        rows = count_lines(values_path) - 1
    else:
        method = "Python sqlite3 cursor"
        rows = 0
        cursor = db.execute(f"SELECT {', '.join(VALUE_COLUMNS)} FROM indicator_values")
        with open(values_path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(VALUE_COLUMNS)
            while chunk := cursor.fetchmany(100_000):
                # repr() of a float reads back to the same double.
                out.writerows((c, u, p, repr(float(n)), s) for c, u, p, n, s in chunk)
                rows += len(chunk)
                if rows % 1_000_000 < len(chunk) and rows < total:
                    log(f"  export: {rows:,} / {total:,} rows ({time.perf_counter() - started:.0f} s)")
        seconds = time.perf_counter() - started
        db.close()
    if rows != total:
        fail(f"export wrote {rows:,} rows but indicator_values has {total:,}")
    log(f"export: {rows:,} rows in {seconds:.1f} s ({method})")
    return rows, seconds, indicators, method


def count_lines(path):
    lines = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 24):
            lines += block.count(b"\n")
    return lines


# ---------------------------------------------------------------------------------------------
# 2. DuckDB
# ---------------------------------------------------------------------------------------------

def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


def run_duckdb(out_dir, year, runs, expected_rows):
    import duckdb

    path = os.path.join(out_dir, "peers.duckdb")
    for leftover in (path, path + ".wal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    con = duckdb.connect(path)
    csv_options = "header = true, delim = ',', quote = '\"', allow_quoted_nulls = false"
    log(f"duckdb {duckdb.__version__}: loading {expected_rows:,} values into {path}")
    started = time.perf_counter()
    con.execute(f"""CREATE TABLE units AS SELECT * FROM read_csv({sql_string(os.path.join(out_dir, 'units.csv'))},
        {csv_options}, columns = {{'unit_id': 'VARCHAR', 'code': 'VARCHAR', 'kind': 'VARCHAR',
        'parent_unit_id': 'VARCHAR', 'valid_from': 'VARCHAR', 'valid_to': 'VARCHAR'}})""")
    con.execute(f"""CREATE TABLE indicators AS SELECT * FROM read_csv({sql_string(os.path.join(out_dir, 'indicators.csv'))},
        {csv_options}, columns = {{'code': 'VARCHAR', 'space_rule': 'VARCHAR', 'time_rule': 'VARCHAR',
        'numerator_code': 'VARCHAR', 'denominator_code': 'VARCHAR', 'multiplier': 'DOUBLE'}})""")
    con.execute(f"""CREATE TABLE indicator_values AS SELECT * FROM read_csv({sql_string(os.path.join(out_dir, 'values.csv'))},
        {csv_options}, columns = {{'indicator_code': 'VARCHAR', 'unit_id': 'VARCHAR', 'period': 'VARCHAR',
        'number': 'DOUBLE', 'status': 'VARCHAR'}})""")
    con.execute("CHECKPOINT")
    load_seconds = time.perf_counter() - started
    loaded = con.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
    if loaded != expected_rows:
        fail(f"duckdb loaded {loaded:,} values, expected {expected_rows:,}")
    log(f"duckdb: loaded in {load_seconds:.1f} s")

    sql = rollup_sql(year)
    times, result = [], None
    for run in range(runs):
        started = time.perf_counter()
        result = con.execute(sql).fetchall()
        times.append((time.perf_counter() - started) * 1000)
        log(f"duckdb: run {run + 1}/{runs}: {times[-1]:.1f} ms")
    median, all_runs = median_and_runs(times, 2)
    settings = dict(con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN ('threads', 'memory_limit')").fetchall())
    checks = data_checks(con, year)
    con.close()
    return {
        "version": duckdb.__version__, "load_seconds": round(load_seconds, 3), "query_median_ms": median,
        "query_runs_ms": all_runs, "settings": settings, "database": path,
    }, result, checks


def data_checks(con, year):
    """What Tiendo's roll-up would do differently from the plain month sums, counted on the
    loaded data (DuckDB, not timed)."""
    end = f"{year}-12-31"
    months = ", ".join(f"'{m}'" for m in months_of(year))
    base = f"""
        provinces AS (SELECT unit_id, code FROM units WHERE parent_unit_id IS NULL
            AND valid_from <= '{end}' AND (valid_to IS NULL OR valid_to >= '{end}')),
        communes AS (SELECT c.unit_id, p.code AS province_code FROM units c
            JOIN provinces p ON c.parent_unit_id = p.unit_id
            WHERE c.valid_from <= '{end}' AND (c.valid_to IS NULL OR c.valid_to >= '{end}')),
        reported AS (SELECT code FROM indicators
            WHERE space_rule = '{SPACE_SUM}' AND time_rule IN ('{TIME_SUM}', '{TIME_LAST}'))"""
    # A commune × indicator lacking a month of the year: Tiendo has no figure for that commune's
    # year (even for a stock: the year is built from all 4 quarters / 12 months), so none for
    # the province either.
    gaps = con.execute(f"""WITH {base},
        counted AS (SELECT cm.province_code, cm.unit_id, r.code, count(v.period) AS months
            FROM communes cm CROSS JOIN reported r
            LEFT JOIN indicator_values v ON v.unit_id = cm.unit_id AND v.indicator_code = r.code
                 AND v.period IN ({months})
            GROUP BY ALL)
        SELECT province_code, code, unit_id, 12 - months FROM counted WHERE months < 12
        ORDER BY 1, 2, 3""").fetchall()
    # Stored figures Tiendo takes in place of the months: a commune's yearly or quarterly
    # figure, a province's yearly figure (of any indicator, ratios included).
    preferred = con.execute(f"""WITH {base}
        SELECT cm.province_code, v.indicator_code, v.unit_id, v.period FROM indicator_values v
            JOIN communes cm ON cm.unit_id = v.unit_id JOIN reported r ON r.code = v.indicator_code
            WHERE v.period IN ('{year}', '{year}Q1', '{year}Q2', '{year}Q3', '{year}Q4')
        UNION ALL
        SELECT p.code, v.indicator_code, v.unit_id, v.period FROM indicator_values v
            JOIN provinces p ON p.unit_id = v.unit_id WHERE v.period = '{year}'
        ORDER BY 1, 2, 3, 4""").fetchall()
    # Units in force below a commune: Tiendo would roll the commune up from them first.
    below = con.execute(f"""WITH {base}
        SELECT count(*) FROM units u JOIN communes cm ON u.parent_unit_id = cm.unit_id
        WHERE u.valid_from <= '{end}' AND (u.valid_to IS NULL OR u.valid_to >= '{end}')""").fetchone()[0]
    counts = con.execute(f"""WITH {base}
        SELECT (SELECT count(*) FROM provinces), (SELECT count(*) FROM communes),
               (SELECT count(*) FROM units WHERE valid_to IS NOT NULL AND valid_to < '{end}')""").fetchone()
    return {
        "provinces": counts[0], "communes": counts[1], "unit_versions_ended_before_year_end": counts[2],
        "commune_indicator_pairs_lacking_a_month": len(gaps),
        "missing_month_figures": sum(g[3] for g in gaps),
        "lacking_examples": [f"{p} {c} {u}: {n} month(s) missing" for p, c, u, n in gaps[:10]],
        "affected_by_gaps": sorted({(p, c) for p, c, _, _ in gaps}),
        "stored_figures_tiendo_prefers": len(preferred),
        "preferred_examples": [f"{p} {c} {u} {per}" for p, c, u, per in preferred[:10]],
        "affected_by_preferred": sorted({(p, c) for p, c, _, _ in preferred}),
        "units_below_communes": below,
    }


# ---------------------------------------------------------------------------------------------
# 3. PostgreSQL
# ---------------------------------------------------------------------------------------------

PG_INDEXES = {
    # Covers the query: the 12 months of the year are one range of the leading column, and the
    # other three columns it reads are in the index, so after VACUUM it is an index-only scan.
    "covering": "CREATE INDEX indicator_values_period ON indicator_values (period) "
                "INCLUDE (indicator_code, unit_id, number)",
    # Tiendo's own key (M004_CreateIndicatorValues: unique on indicator, unit, period).
    "unique": "CREATE UNIQUE INDEX indicator_values_key ON indicator_values (indicator_code, unit_id, period)",
    "none": None,
}


PG_ENV = dict(os.environ)  # PGOPTIONS is set here from --pg-option


def psql(url, *args, stdin=None):
    """Runs psql (arguments or a script on stdin); returns its output, stops on an error."""
    argv = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, *args]
    done = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=PG_ENV)
    if done.returncode != 0:
        fail(f"psql failed: {done.stderr.strip()}")
    return done.stdout


def psql_quote(path):
    return "'" + path.replace("'", "''") + "'"


def run_postgres(url, out_dir, year, runs, expected_rows, index):
    server = psql(url, "-Atc", "SHOW server_version").strip()
    settings = dict(line.split("|", 1) for line in psql(url, "-Atc", """SELECT name, setting || coalesce(unit, '')
        FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather',
        'effective_cache_size', 'jit')""").splitlines())
    log(f"postgres {server}: creating tables")
    psql(url, stdin="""
DROP TABLE IF EXISTS indicator_values, units, indicators;
CREATE TABLE units (unit_id text NOT NULL, code text NOT NULL, kind text NOT NULL, parent_unit_id text,
    valid_from text NOT NULL, valid_to text);
CREATE TABLE indicators (code text PRIMARY KEY, space_rule text NOT NULL, time_rule text NOT NULL,
    numerator_code text, denominator_code text, multiplier double precision);
CREATE TABLE indicator_values (indicator_code text NOT NULL, unit_id text NOT NULL, period text NOT NULL,
    number double precision NOT NULL, status text NOT NULL);
""")

    def copy_progress():
        line = psql(url, "-Atc", "SELECT sum(tuples_processed) FROM pg_stat_progress_copy").strip()
        if line:
            log(f"  postgres COPY: {int(line):,} / {expected_rows:,} rows ({time.perf_counter() - started:.0f} s)")

    log(f"postgres: \\copy of {expected_rows:,} values")
    started = time.perf_counter()
    with Ticker(copy_progress, every=10):
        psql(url, stdin="\n".join(
            f"\\copy {table} FROM {psql_quote(os.path.join(out_dir, name))} WITH (FORMAT csv, HEADER)"
            for table, name in (("units", "units.csv"), ("indicators", "indicators.csv"),
                                ("indicator_values", "values.csv"))))
    load_seconds = time.perf_counter() - started
    log(f"postgres: loaded in {load_seconds:.1f} s")

    index_seconds = 0.0
    if PG_INDEXES[index]:
        log(f"postgres: {PG_INDEXES[index]}")
        started = time.perf_counter()
        psql(url, "-c", PG_INDEXES[index])
        index_seconds = time.perf_counter() - started
    log("postgres: VACUUM ANALYZE")
    started = time.perf_counter()
    psql(url, "-c", "VACUUM (ANALYZE)")  # statistics for the planner; visibility map for index-only scans
    analyze_seconds = time.perf_counter() - started

    sql = rollup_sql(year)
    plan = psql(url, stdin=f"EXPLAIN {sql};")
    with open(os.path.join(out_dir, "pg-plan.txt"), "w", encoding="utf-8") as f:
        f.write(plan)

    # One session: \timing prints the client-side wall time of each statement (sent, planned,
    # executed, rows received by psql), to stdout even while \o sends the rows to /dev/null.
    result_path = os.path.join(out_dir, "pg-result.csv")
    script = ["\\timing on", "\\o /dev/null"] + [f"{sql};"] * runs + [
        f"\\o {psql_quote(result_path)}", "\\timing off",
        f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER);", "\\o"]
    log(f"postgres: {runs} timed runs")
    output = psql(url, stdin="\n".join(script) + "\n")
    times = [float(t.replace(",", "")) for t in re.findall(r"^Time: ([\d.,]+) ms", output, re.M)]
    if len(times) != runs:
        fail(f"expected {runs} timings from psql, got: {output!r}")
    for run, t in enumerate(times):
        log(f"postgres: run {run + 1}/{runs}: {t:.1f} ms")
    explain_analyze = psql(url, stdin=f"EXPLAIN (ANALYZE, BUFFERS) {sql};")
    with open(os.path.join(out_dir, "pg-plan.txt"), "a", encoding="utf-8") as f:
        f.write("\n-- EXPLAIN (ANALYZE, BUFFERS), run after the timed runs:\n" + explain_analyze)
    median, all_runs = median_and_runs(times, 2)
    result = []
    with open(result_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            number = row["number"]
            result.append((row["province_code"], row["indicator_code"], float(number) if number else None))
    return {
        "server_version": server, "settings": settings, "load_seconds": round(load_seconds, 3),
        "index": index, "index_sql": PG_INDEXES[index], "index_seconds": round(index_seconds, 3),
        "vacuum_analyze_seconds": round(analyze_seconds, 3), "query_median_ms": median,
        "query_runs_ms": all_runs, "timing": "psql \\timing (client wall clock, rows to /dev/null)",
        "session_options": PG_ENV.get("PGOPTIONS"),
        "plan_uses": plan_summary(explain_analyze),
    }, result


def plan_summary(plan):
    """The scan node on indicator_values, e.g. 'Index Only Scan' or 'Parallel Seq Scan'."""
    for line in plan.splitlines():
        m = re.search(r"((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan)) "
                      r"(?:using \S+ )?on indicator_values", line)
        if m:
            return m.group(1)
    return None


# ---------------------------------------------------------------------------------------------
# 4. sqlite3 .import
# ---------------------------------------------------------------------------------------------

def run_sqlite_import(out_dir, runs, rows):
    cli = shutil.which("sqlite3")
    if not cli:
        log("sqlite3 CLI not found: .import skipped")
        return None
    values_path = os.path.join(out_dir, "values.csv")
    target = os.path.join(out_dir, "import.sqlite")
    times, note = [], None
    for run in range(runs):
        for leftover in (target, target + "-journal"):
            if os.path.exists(leftover):
                os.remove(leftover)
        started = time.perf_counter()
        subprocess.run([cli, "-batch", target,
                        "-cmd", "CREATE TABLE indicator_values (indicator_code TEXT, unit_id TEXT, period TEXT, "
                                "number REAL, status TEXT)",
                        f".import --csv --skip 1 {values_path} indicator_values"], check=True)
        times.append(time.perf_counter() - started)
        log(f"sqlite3 .import: run {run + 1}/{runs}: {times[-1]:.2f} s")
        if times[-1] > SLOW_IMPORT_SECONDS and run + 1 < runs:
            note = f"stopped after {run + 1} of {runs} runs: a run took over {SLOW_IMPORT_SECONDS} s"
            log(f"sqlite3 .import: {note}")
            break
    imported = int(subprocess.run([cli, target, "SELECT count(*) FROM indicator_values"],
                                  capture_output=True, text=True, check=True).stdout)
    os.remove(target)
    if imported != rows:
        fail(f"sqlite3 .import stored {imported:,} rows, expected {rows:,}")
    median, all_runs = median_and_runs(times, 3)
    return {"median_seconds": median, "runs_seconds": all_runs, "rows_per_second": round(rows / median),
            "table": "5 columns (TEXT ×4, number REAL), no key, no index", "note": note}


# ---------------------------------------------------------------------------------------------
# 5. Cross-check
# ---------------------------------------------------------------------------------------------

def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def compare(name, reference, other, affected=frozenset()):
    """Mismatches between two {(province, indicator): number or None} as readable lines; keys in
    `affected` are those the data checks found Tiendo rolls up differently."""
    lines = []
    for key in sorted(set(reference) | set(other)):
        if reference.get(key) is None and other.get(key) is None:
            continue  # no figure to roll up (an indicator nobody reported): no row and an empty row agree
        if key not in other:
            text = f"no row (duckdb {reference[key]!r})"
        elif key not in reference:
            text = f"extra row ({other[key]!r}; duckdb has none)"
        elif not same(reference[key], other[key]):
            text = f"{other[key]!r} ≠ duckdb {reference[key]!r}"
        else:
            continue
        note = "  [data check: Tiendo rolls this one up differently]" if key in affected else ""
        lines.append(f"{name}: {key[0]} {key[1]}: {text}{note}")
    return lines


def read_tiendo_csv(path, covered):
    """{key: number or None} for the covered indicators, and the count of rows of other indicators."""
    result, other = {}, 0
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = {"province_code", "indicator_code", "number"} - set(reader.fieldnames or [])
        if missing:
            fail(f"{path}: header lacks {', '.join(sorted(missing))}")
        for row in reader:
            if row["indicator_code"] not in covered:
                other += 1
                continue
            text = row["number"].strip()
            try:
                number = float(text) if text else None
            except ValueError:
                fail(f"{path}, line {reader.line_num}: number {text!r} is not a plain decimal "
                                 "(write 1234.5, not 1.234,5)")
            result[(row["province_code"], row["indicator_code"])] = number
    return result, other


# ---------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description="Tiendo's national roll-up in DuckDB and PostgreSQL, and "
                                                 "sqlite3 .import, on the data of a Tiendo SQLite file.")
    parser.add_argument("--sqlite", required=True, help="Tiendo's SQLite database (read only)")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--pg", help="PostgreSQL URL of a scratch database (its tables units, indicators, "
                                     "indicator_values are replaced)")
    parser.add_argument("--pg-index", choices=sorted(PG_INDEXES), default="covering",
                        help="index on indicator_values: covering = (period) INCLUDE (indicator_code, unit_id, "
                             "number), the default; unique = Tiendo's key (indicator_code, unit_id, period); none")
    parser.add_argument("--pg-option", action="append", default=[], metavar="NAME=VALUE",
                        help="a session setting for every psql call, e.g. jit=off or work_mem=64MB (repeatable)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", help="directory for the CSV exports, databases and peers.json "
                                      "(default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="without --out: keep the bulky files too")
    parser.add_argument("--tiendo-csv", help="Tiendo's roll-up: province_code,indicator_code,number")
    parser.add_argument("--python-export", action="store_true", help="export with Python, not the sqlite3 CLI")
    options = parser.parse_args()
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    if not os.path.isfile(options.sqlite):
        parser.error(f"{options.sqlite}: no such file")
    if importlib.util.find_spec("duckdb") is None:  # the one dependency outside Debian
        fail("needs the duckdb package: python3 -m pip install duckdb")
    if options.pg and not shutil.which("psql"):
        fail("--pg needs the psql CLI (apt-get install postgresql-client)")
    for option in options.pg_option:
        if not re.fullmatch(r"[a-z_.]+=\S+", option):
            parser.error(f"--pg-option {option!r}: expected NAME=VALUE")
    if options.pg_option:
        PG_ENV["PGOPTIONS"] = " ".join(f"-c {o}" for o in options.pg_option)
    if options.pg:
        psql(options.pg, "-Atc", "SELECT 1")  # fail now, not after a long export

    temporary = options.out is None
    out_dir = options.out or tempfile.mkdtemp(prefix="tiendo-peers-")
    os.makedirs(out_dir, exist_ok=True)
    report = {"sqlite": os.path.abspath(options.sqlite), "year": options.year, "runs": options.runs,
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform()}}

    # 1. Export
    rows, export_seconds, indicator_rows, method = export(options.sqlite, out_dir, options.python_export)
    reported, ratios, skipped = classify_indicators(indicator_rows)
    covered = set(reported) | set(ratios)
    report.update({"rows_exported": rows, "export_seconds": round(export_seconds, 3), "export_method": method,
                   "indicators": {"flows": sorted(c for c, t in reported.items() if t == TIME_SUM),
                                  "stocks": sorted(c for c, t in reported.items() if t == TIME_LAST),
                                  "ratios": sorted(ratios), "skipped": [f"{c}: {r}" for c, r in skipped]}})
    for code, reason in skipped:
        log(f"skipped indicator {code}: {reason}")

    # 2. DuckDB
    duck, duck_rows, checks = run_duckdb(out_dir, options.year, options.runs, rows)
    report["duckdb"] = duck
    reference = {(p, c): n for p, c, n in duck_rows}
    with open(os.path.join(out_dir, "duckdb-result.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["province_code", "indicator_code", "number"])
        out.writerows((p, c, "" if n is None else repr(n)) for p, c, n in duck_rows)
    if reference and {c for _, c in reference} != covered:
        fail("the SQL and classify_indicators() disagree on which indicators are rolled up")

    # 3. PostgreSQL
    mismatches = []
    if options.pg:
        pg, pg_rows = run_postgres(options.pg, out_dir, options.year, options.runs, rows, options.pg_index)
        report["postgres"] = pg
        mismatches += compare("postgres", reference, {(p, c): n for p, c, n in pg_rows})

    # 4. sqlite3 .import
    report["sqlite3_import"] = run_sqlite_import(out_dir, options.runs, rows)

    # 5. Cross-check with Tiendo
    affected = {tuple(k) for k in checks["affected_by_gaps"]} | {tuple(k) for k in checks["affected_by_preferred"]}
    for code, (numerator, denominator, _) in ratios.items():  # a ratio is affected through its parts
        affected |= {(p, code) for p, c in list(affected) if c in (numerator, denominator)}
    tiendo_mismatches = []
    if options.tiendo_csv:
        tiendo, other = read_tiendo_csv(options.tiendo_csv, covered)
        tiendo_mismatches = compare("tiendo", reference, tiendo, affected)
        report["tiendo_csv"] = {"path": options.tiendo_csv, "rows_compared": len(tiendo),
                                "rows_of_skipped_indicators": other, "mismatches": len(tiendo_mismatches),
                                "first_mismatches": tiendo_mismatches[:10]}
    mismatches += tiendo_mismatches

    numbers = [n for n in reference.values() if n is not None]
    report.update({
        "result_rows": len(reference), "result_rows_without_figure": len(reference) - len(numbers),
        "checksum": math.fsum(numbers),
        "data_checks": {k: v for k, v in checks.items() if not k.startswith("affected_by")},
        "mismatches": len(mismatches), "first_mismatches": mismatches[:10],
        "versions": {"duckdb": duck["version"], "psql": command_version(["psql", "--version"]),
                     "sqlite3": command_version(["sqlite3", "--version"]),
                     "python": platform.python_version(), "python_sqlite3": sqlite3.sqlite_version},
        "out": out_dir,
    })
    if options.pg:
        report["versions"]["postgres_server"] = report["postgres"]["server_version"]
    with open(os.path.join(out_dir, "peers.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print_summary(report)

    if temporary and not options.keep:
        for name in ("values.csv", "units.csv", "indicators.csv", "peers.duckdb", "peers.duckdb.wal"):
            if os.path.exists(os.path.join(out_dir, name)):
                os.remove(os.path.join(out_dir, name))
    sys.exit(1 if mismatches else 0)


def print_summary(r):
    c = r["data_checks"]
    print(f"\nTiendo peers — national roll-up {r['year']} of {r['sqlite']}")
    print(f"  data: {r['rows_exported']:,} values; {c['provinces']} provinces, {c['communes']} communes in force "
          f"on 31/12/{r['year']}; {len(r['indicators']['flows'])} flows, {len(r['indicators']['stocks'])} stocks, "
          f"{len(r['indicators']['ratios'])} ratios, {len(r['indicators']['skipped'])} skipped")
    for line in r["indicators"]["skipped"]:
        print(f"    skipped {line}")
    print(f"  export (SQLite → CSV, {r['export_method']}): {r['export_seconds']:.2f} s "
          f"= {r['rows_exported'] / max(r['export_seconds'], 1e-9):,.0f} rows/s")
    d = r["duckdb"]
    print(f"  duckdb {d['version']} ({d['settings'].get('threads')} threads): load {d['load_seconds']:.2f} s; "
          f"roll-up median {d['query_median_ms']:.1f} ms  runs {d['query_runs_ms']}")
    if "postgres" in r:
        p = r["postgres"]
        print(f"  postgres {p['server_version']}: \\copy {p['load_seconds']:.2f} s; index '{p['index']}' "
              f"{p['index_seconds']:.2f} s; VACUUM ANALYZE {p['vacuum_analyze_seconds']:.2f} s; "
              f"roll-up median {p['query_median_ms']:.1f} ms  runs {p['query_runs_ms']} "
              f"(psql \\timing; plan: {p['plan_uses']})")
    s = r["sqlite3_import"]
    if s:
        print(f"  sqlite3 .import: median {s['median_seconds']:.2f} s = {s['rows_per_second']:,} rows/s  "
              f"runs {s['runs_seconds']}" + (f"  ({s['note']})" if s["note"] else ""))
    print(f"  result: {r['result_rows']} rows ({r['result_rows_without_figure']} without a figure), "
          f"checksum {r['checksum']!r}")
    print(f"  data checks: {c['commune_indicator_pairs_lacking_a_month']} commune×indicator pairs lack a month "
          f"({c['missing_month_figures']} figures); {c['stored_figures_tiendo_prefers']} stored yearly/quarterly "
          f"figures Tiendo would use instead of months; {c['units_below_communes']} units below communes")
    for line in c["lacking_examples"] + c["preferred_examples"]:
        print(f"    {line}")
    if "tiendo_csv" in r:
        t = r["tiendo_csv"]
        print(f"  tiendo CSV: {t['rows_compared']} rows compared, {t['mismatches']} mismatches"
              + (f", {t['rows_of_skipped_indicators']} rows of skipped indicators not compared"
                 if t["rows_of_skipped_indicators"] else ""))
    if r["mismatches"]:
        print(f"  MISMATCHES: {r['mismatches']} (first {len(r['first_mismatches'])}):")
        for line in r["first_mismatches"]:
            print(f"    {line}")
    else:
        print("  cross-check: all peers agree" + (" with Tiendo" if "tiendo_csv" in r else "")
              + f" (relative difference <= {TOLERANCE})")
    print(f"  details: {os.path.join(r['out'], 'peers.json')}")


if __name__ == "__main__":
    try:
        main()
    except Exception:  # a failed tool or query: exit status 2, so that 1 always means a mismatch
        import traceback
        traceback.print_exc()
        sys.exit(2)
