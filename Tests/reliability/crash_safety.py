#!/usr/bin/env python3
"""Kills Tiendo with SIGKILL at random moments and checks that nothing was half-written.

Two kinds of work are interrupted, alternately:
  - a bulk import (`tiendo import csv` of KEYS figures, each file for its own period): an import
    commits in batches of BATCH figures (so a running server is not starved, issue 19); after the
    kill, the file's figures are present in whole batches only (0, BATCH, 2·BATCH… or all KEYS),
    each with its audit entry, and running the same import again stores exactly the rest;
  - a running server taking figure saves (PUT /api/v1/values, the same compare-and-set as the
    entry form) from a client: after the kill, every save the client was told succeeded is in the
    database, and every figure's audit trail is a gapless 1..version chain ending at its value.
After each kill the SQLite file passes `PRAGMA integrity_check`.

    python3 Tests/reliability/crash_safety.py --bin .build/release/tiendo [--kills 100]
    DATABASE_URL=postgres://… python3 Tests/reliability/crash_safety.py --bin … --kills 20

With DATABASE_URL the same runs on PostgreSQL (the database is filled with the demo; use a
scratch database). Prints the figures and exits 1 on any broken invariant.
"""
import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

KEYS = 2200  # more than one batch, within the demo's units × entered indicators (135 × 17)
BATCH = 2000  # TiendoStore.recordBatchSize
COMPUTED_PREFIXES = ("NV_", "HS_", "XL_")  # tasks, dossier rates, quality ratings: computed, never entered
PORT = 18097


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    random.seed(args.seed)
    work = tempfile.mkdtemp(prefix="tiendo-crash-")
    env = dict(os.environ)
    postgres = env.get("DATABASE_URL", "")
    if not postgres:
        env["TIENDO_SQLITE_PATH"] = os.path.join(work, "tiendo.sqlite")
    db = Database(postgres, env.get("TIENDO_SQLITE_PATH"))
    run(args.bin, ["demo"], env)
    token = run(args.bin, ["token", "issue", "--user", "phongdinh", "--name", "kiểm thử sập nguồn"], env).split()[-1]
    units = [row[0] for row in db.rows("select distinct code from unit_versions order by code")]
    indicators = [row[0] for row in db.rows(
        "select code from indicators where value_type in ('count', 'number') order by code")
        if not row[0].startswith(COMPUTED_PREFIXES)]

    # How long a whole import takes, to kill inside it.
    started = time.time()
    run(args.bin, ["import", "csv", write_csv(work, 1900, units, indicators)], env)
    import_seconds = time.time() - started

    failures = []
    imports_present = imports_absent = imports_partial = 0
    acknowledged_total = 0
    for kill in range(args.kills):
        if kill % 2 == 0:
            year = 1901 + kill
            path = write_csv(work, year, units, indicators)
            process = subprocess.Popen([args.bin, "import", "csv", path], env=env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0.2, 2.5) * import_seconds)
            process.send_signal(signal.SIGKILL)
            process.wait()
            values = db.scalar(f"select count(*) from indicator_values where period = '{year}M01'")
            changes = db.scalar(f"select count(*) from value_changes where period = '{year}M01'")
            if (values, changes) == (0, 0):
                imports_absent += 1
            elif (values, changes) == (KEYS, KEYS):
                imports_present += 1
            elif values == changes and values % BATCH == 0:
                imports_partial += 1
            else:
                failures.append(f"lần {kill + 1}: nhập dở dang — {values} số liệu, {changes} dòng nhật ký "
                                f"(phải là bội của {BATCH}, mỗi số liệu một dòng nhật ký, hoặc {KEYS})")
            if values < KEYS:
                # Resumable: the same import again stores exactly what is missing.
                out = run(args.bin, ["import", "csv", path], env)
                expected = f"{KEYS - values} mới, 0 cập nhật, {values} giữ nguyên"
                after = db.scalar(f"select count(*) from value_changes where period = '{year}M01'")
                if expected not in out or after != KEYS:
                    failures.append(f"lần {kill + 1}: nhập lại sau khi dừng ở {values} không ra “{expected}” "
                                    f"({after} dòng nhật ký): {out[-200:]}")
        else:
            acknowledged = save_until_killed(args.bin, env, token, random.uniform(0.5, 3.0))
            acknowledged_total += len(acknowledged)
            for unit_code, indicator, period, version in acknowledged:
                found = db.scalar(
                    "select count(*) from value_changes c join unit_versions u on u.unit_id = c.unit_id "
                    f"where u.code = '{unit_code}' and c.indicator_code = '{indicator}' and c.period = '{period}' "
                    f"and c.version = {version}")
                if found < 1:
                    failures.append(f"lần {kill + 1}: lần lưu đã báo thành công ({indicator} {period} v{version}) bị mất")
        failures += db.check_history(kill + 1)
        if not postgres:
            status = db.scalar("pragma integrity_check")
            if status != "ok":
                failures.append(f"lần {kill + 1}: PRAGMA integrity_check = {status}")
        sys.stdout.write(".")
        sys.stdout.flush()
    print()
    kind = "PostgreSQL" if postgres else "SQLite"
    print(f"{kind}: {args.kills} lần giết tiến trình bằng SIGKILL — "
          f"{imports_present} lần nhập đã trọn vẹn, {imports_absent} lần nhập không để lại gì, "
          f"{imports_partial} lần nhập dừng giữa hai lô (nhập lại đủ), "
          f"{acknowledged_total} lần lưu đã báo thành công đều còn; "
          f"{'không có' if not failures else len(failures)} vi phạm.")
    for failure in failures[:20]:
        print("  VI PHẠM: " + failure)
    return 1 if failures else 0


def run(binary, arguments, env):
    result = subprocess.run([binary] + arguments, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} thất bại: {result.stderr}")
    return result.stdout.strip()


def write_csv(work, year, units, indicators):
    path = os.path.join(work, f"{year}.csv")
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write("ma_don_vi;ma_chi_tieu;ky;gia_tri\n")
        for unit in units:
            for indicator in indicators:
                if count == KEYS:
                    break
                f.write(f"{unit};{indicator};{year}M01;{count % 500 + 1}\n")
                count += 1
    assert count == KEYS, f"cần {KEYS} cặp đơn vị × chỉ tiêu, chỉ có {count}"
    return path


def save_until_killed(binary, env, token, lifetime):
    """Starts the server, saves figures from a client until the server is killed; returns the
    saves the server acknowledged as (unit, indicator, period, version)."""
    server, base = start_server(binary, env, PORT)
    acknowledged = []
    stop = threading.Event()

    def client():
        keys = [("19831", code, "2029") for code in ("SO_HO_NGHEO", "TONG_SO_HO", "DAN_SO", "AN_XAY_RA")]
        n = 0
        while not stop.is_set():
            unit, indicator, period = keys[n % len(keys)]
            n += 1
            try:
                listed = call(base, token, "GET", f"/api/v1/values?unit={unit}&indicator={indicator}&period={period}")
                items = listed[1]["items"]
                version = items[0]["version"] if items else None
                status, body = call(base, token, "PUT", f"/api/v1/values/{unit}/{indicator}/{period}",
                                    {"value": n, "status": "chinhThuc", "version": version})
                if status in (200, 201):
                    acknowledged.append((unit, indicator, period, body["version"]))
            except Exception:
                if stop.is_set():
                    return
                time.sleep(0.05)

    thread = threading.Thread(target=client)
    thread.start()
    time.sleep(lifetime)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    thread.join()
    return acknowledged


def start_server(binary, env, port):
    """Starts `tiendo serve` and waits until /healthz answers; returns the process and its URL."""
    server = subprocess.Popen([binary, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            break
        except Exception:
            time.sleep(0.1)
    return server, base


def call(base, token, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


class Database:
    """Reads the database under test: the SQLite file directly, PostgreSQL through psql."""

    def __init__(self, postgres_url, sqlite_path):
        self.postgres_url = postgres_url
        self.sqlite_path = sqlite_path

    def rows(self, query):
        if self.postgres_url:
            out = subprocess.run(["psql", self.postgres_url.split("?")[0], "-AtF", "\t", "-c", query],
                                 capture_output=True, text=True, check=True).stdout
            return [line.split("\t") for line in out.splitlines() if line]
        connection = sqlite3.connect(self.sqlite_path, timeout=30)
        try:
            return connection.execute(query).fetchall()
        finally:
            connection.close()

    def scalar(self, query):
        value = self.rows(query)[0][0]
        return int(value) if isinstance(value, str) and value.isdigit() else value

    def check_history(self, kill):
        """Over the whole history: every figure's audit trail is exactly versions 1..version, and
        the entry of its current version holds its current number."""
        problems = []
        rows = self.rows(
            "select v.indicator_code, v.unit_id, v.period, v.version, v.number, c.n, c.d, c.lo, c.hi, l.new_number "
            "from indicator_values v "
            "left join (select indicator_code, unit_id, period, count(*) as n, count(distinct version) as d, "
            "  min(version) as lo, max(version) as hi from value_changes group by indicator_code, unit_id, period) c "
            "  on c.indicator_code = v.indicator_code and c.unit_id = v.unit_id and c.period = v.period "
            "left join value_changes l on l.indicator_code = v.indicator_code and l.unit_id = v.unit_id "
            "  and l.period = v.period and l.version = v.version "
            "where c.n is null or c.n <> v.version or c.d <> v.version or c.lo <> 1 or c.hi <> v.version "
            "  or l.new_number is null or l.new_number <> v.number")
        for code, unit, period, version, number, count, _, _, _, last in rows:
            problems.append(f"lần {kill}: nhật ký của {code} {unit} {period} không khớp "
                            f"(phiên bản {version}, {count} dòng nhật ký, giá trị cuối {last} ≠ {number})")
        orphans = self.scalar(
            "select count(*) from (select distinct indicator_code, unit_id, period from value_changes) c "
            "where not exists (select 1 from indicator_values v where v.indicator_code = c.indicator_code "
            "and v.unit_id = c.unit_id and v.period = c.period)")
        if orphans:
            problems.append(f"lần {kill}: {orphans} số liệu có nhật ký nhưng không có trong bảng số liệu")
        return problems


if __name__ == "__main__":
    sys.exit(main())
