#!/usr/bin/env python3
"""A bulk import must not take the running server down (issue 19).

On the demo data, ROWS figures (current units × entered indicators × months from 2031 on) are
imported once; then a CSV that changes every one of them (the issue's 202.608 updates) is imported
with `tiendo import csv` while `tiendo serve` runs on the same database. Every
second, each in its own thread, it probes:
  - GET /healthz;
  - an API read (GET /api/v1/values with a reporter's token from `tiendo token issue`);
  - the city dashboard (GET / logged in as lanhdao);
and once the import is under way it saves one figure through the API (PUT /api/v1/values).

Passes when
  - every /healthz probe answers 200 (it reads `SELECT 1`, which never waits on a writer in WAL);
  - every API read and dashboard probe answers 200, except at most --max-busy (default 10 %) of
    each that may answer 503 with a Vietnamese "đang bận" sentence: a page that has to write
    (a session's "last seen") can meet the import's batch for a moment and is then told to retry.
    Any other answer — a 500, an English error, a timeout (10 s), a refused connection — fails;
  - the API save during the import answers 200/201 and the import still completes, with
    "ROWS mới, 0 cập nhật, 0 giữ nguyên";
  - the import finishes within --seconds.

    python3 Tests/reliability/import_under_load.py --bin .build/release/tiendo [--rows 200000] [--seconds 600]

SQLite by default (a scratch file); with DATABASE_URL the same on PostgreSQL (use a scratch
database: the demo is loaded into it). Prints the measured figures; exits 1 on any failure.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crash_safety import Database, call, run  # noqa: E402

PORT = 18098
COMPUTED_PREFIXES = ("NV_", "HS_", "XL_")  # tasks, dossier rates, quality ratings: computed, never entered
SAVED = ("19831", "SO_HO_NGHEO", "2029")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, headers=None, data=None, method=None, timeout=10):
    """(status, body text, seconds); status 0 when there was no HTTP answer at all."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    opener = urllib.request.build_opener(NoRedirect)
    started = time.time()
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace"), time.time() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), time.time() - started
    except Exception as error:  # timeout, refused connection, reset
        return 0, f"{type(error).__name__}: {error}", time.time() - started


def login(base, username, password):
    request = urllib.request.Request(base + "/dang-nhap")
    with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
        page = response.read().decode()
        anonymous = ""
        for header in response.headers.get_all("Set-Cookie") or []:
            key, _, value = header.split(";")[0].partition("=")
            if key.strip() == "tiendo_csrf":
                anonymous = value
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": username, "password": password, "_csrf": token, "tiep": "/"}).encode()
    request = urllib.request.Request(base + "/dang-nhap", data=body, headers={
        "Cookie": f"tiendo_csrf={anonymous}", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=30)
        raise SystemExit("đăng nhập không chuyển trang")
    except urllib.error.HTTPError as answer:
        for header in answer.headers.get_all("Set-Cookie") or []:
            key, _, value = header.split(";")[0].partition("=")
            if key.strip() == "tiendo_phien":
                return f"tiendo_phien={value}"
    raise SystemExit(f"đăng nhập {username} không được")


def write_csv(path, db, rows, shift):
    units = [r[0] for r in db.rows("select distinct code from unit_versions where valid_to is null order by code")]
    indicators = [r[0] for r in db.rows(
        "select code from indicators where value_type in ('count', 'number') order by code")
        if not r[0].startswith(COMPUTED_PREFIXES)]
    written = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write("ma_don_vi;ma_chi_tieu;ky;gia_tri\n")
        month = 0
        while written < rows:
            period = f"{2031 + month // 12}M{month % 12 + 1:02d}"
            for unit in units:
                for indicator in indicators:
                    if written == rows:
                        break
                    f.write(f"{unit};{indicator};{period};{(written + shift) % 500 + 1}\n")
                    written += 1
            month += 1
    return len(units), len(indicators), month


def looks_busy(status, body):
    return status == 503 and "bận" in body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seconds", type=int, default=600, help="longest the import may take")
    parser.add_argument("--max-busy", type=float, default=0.10,
                        help="largest share of API reads / dashboards that may answer a Vietnamese 503 'bận'")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds a probe may wait for its answer before it counts as a failure")
    parser.add_argument("--save-after", type=float, default=5.0,
                        help="save through the API at the latest this many seconds into the import")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="tiendo-nhap-lon-")
    env = dict(os.environ)
    postgres = env.get("DATABASE_URL", "")
    if not postgres:
        env["TIENDO_SQLITE_PATH"] = os.path.join(work, "tiendo.sqlite")
    db = Database(postgres, env.get("TIENDO_SQLITE_PATH"))
    run(args.bin, ["demo"], env)
    token = run(args.bin, ["token", "issue", "--user", "phongdinh", "--name", "kiểm thử nhập lớn"], env).split()[-1]
    # The import changed figures already stored (202.608 updates): the figures go in once
    # before the server starts, and the measured import changes every one of them.
    first_path = os.path.join(work, "lan-dau.csv")
    csv_path = os.path.join(work, "so-lieu.csv")
    units, indicators, months = write_csv(first_path, db, args.rows, 0)
    write_csv(csv_path, db, args.rows, 7)
    print(f"Tệp CSV: {args.rows} dòng ({units} đơn vị × {indicators} chỉ tiêu × {months} tháng từ 2031).")
    started = time.time()
    run(args.bin, ["import", "csv", first_path], env)
    print(f"Nhập lần đầu (chưa đo, chưa chạy máy chủ): {time.time() - started:.1f} giây.")

    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "w")
    server = subprocess.Popen([args.bin, "serve", "--port", str(PORT)], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{PORT}"
    for _ in range(300):
        if fetch(base + "/healthz", timeout=1)[0] == 200:
            break
        time.sleep(0.1)
    failures = []
    try:
        cookie = login(base, "lanhdao", "lanhdao-minhhoa")
        unit, indicator, period = SAVED
        api_read = f"/api/v1/values?unit={unit}&indicator={indicator}&period={period}"
        probes = {
            "healthz": (base + "/healthz", {}),
            "API đọc": (base + api_read, {"Authorization": "Bearer " + token}),
            "tổng quan": (base + "/", {"Cookie": cookie}),
        }
        for name, (url, headers) in probes.items():  # warm: the first dashboard reads the snapshot
            status, body, _ = fetch(url, headers, timeout=60)
            if status != 200:
                raise SystemExit(f"trước khi nhập, {name} đã trả lời {status}: {body[:200]}")

        results = {name: [] for name in probes}
        stop = threading.Event()

        def prober(name, url, headers):
            while not stop.is_set():
                sent = time.time()
                status, body, seconds = fetch(url, headers, timeout=args.timeout)
                results[name].append((status, f"[{sent - started:.0f} s sau khi bắt đầu nhập] {body}", seconds))
                stop.wait(max(0.0, 1.0 - (time.time() - sent)))

        threads = [threading.Thread(target=prober, args=(name, url, headers)) for name, (url, headers) in probes.items()]
        started = time.time()
        importer = subprocess.Popen([args.bin, "import", "csv", csv_path], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for thread in threads:
            thread.start()

        # One save through the API once the import has begun writing (its first batch is
        # visible) or --save-after seconds into it, whichever comes first.
        save = None
        while importer.poll() is None and time.time() - started < args.save_after:
            written = db.scalar("select count(*) from indicator_values where period >= '2031' and version > 1")
            if written > 0:
                break
            time.sleep(0.5)
        if importer.poll() is None:
            seen = call(base, token, "GET", api_read)[1]
            version = seen["items"][0]["version"] if seen and seen.get("items") else None
            save_started = time.time()
            status, body = call(base, token, "PUT", f"/api/v1/values/{unit}/{indicator}/{period}",
                                {"value": 4321, "status": "chinhThuc", "version": version})
            save = (status, body, time.time() - save_started, importer.poll() is None)
        try:
            out, err = importer.communicate(timeout=max(1, args.seconds - (time.time() - started)))
        except subprocess.TimeoutExpired:
            importer.kill()
            out, err = importer.communicate()
            failures.append(f"lần nhập chưa xong sau {args.seconds} giây")
        import_seconds = time.time() - started
        stop.set()
        for thread in threads:
            thread.join()

        print(f"Nhập {args.rows} dòng mất {import_seconds:.1f} giây; mã thoát {importer.returncode}.")
        print("  " + next((line for line in out.splitlines() if line.startswith("Đã nhập")), out.strip()[-200:]))
        if importer.returncode != 0:
            failures.append(f"lần nhập thất bại: {err.strip()[:300]}")
        if save is not None:
            print(f"  (lưu qua API lúc {save_started - started:.0f} s sau khi bắt đầu nhập)")
        counts = re.search(r"(\d+) mới, (\d+) cập nhật, (\d+) giữ nguyên", out)
        if not counts or tuple(map(int, counts.groups())) != (0, args.rows, 0):
            failures.append(f"lần nhập không báo “0 mới, {args.rows} cập nhật, 0 giữ nguyên”: {out.strip()[-200:]}")
        changed = db.scalar("select count(*) from indicator_values where period >= '2031' and version = 2")
        if changed != args.rows:
            failures.append(f"sau khi nhập có {changed} số liệu từ 2031 đã đổi (phiên bản 2), phải {args.rows}")

        if save is None:
            failures.append("lần nhập xong trước khi kịp lưu qua API; hãy tăng --rows")
        else:
            status, body, seconds, during = save
            print(f"Lưu qua API trong lúc nhập: {status} sau {seconds:.2f} giây"
                  f"{'' if during else ' (lần nhập đã xong khi lưu xong)'}.")
            if status not in (200, 201):
                failures.append(f"lưu qua API trong lúc nhập trả lời {status}: {str(body)[:200]}")

        for name, answers in results.items():
            total = len(answers)
            ok = sum(1 for status, _, _ in answers if status == 200)
            busy = sum(1 for status, body, _ in answers if looks_busy(status, body))
            other = [(status, body) for status, body, _ in answers if status != 200 and not looks_busy(status, body)]
            times = sorted(seconds for _, _, seconds in answers) or [0]
            print(f"  {name}: {ok}/{total} trả lời 200, {busy} báo bận (503), {len(other)} lỗi khác; "
                  f"thời gian trung vị {statistics.median(times) * 1000:.0f} ms, lâu nhất {times[-1] * 1000:.0f} ms")
            if total == 0:
                failures.append(f"{name}: không có lần thử nào")
            for status, body in other[:3]:
                failures.append(f"{name}: trả lời {status or 'không trả lời'}: {body[:200]!r}")
            if name == "healthz" and busy:
                failures.append(f"healthz: {busy} lần 503 (phải luôn 200)")
            elif total and busy > args.max_busy * total:
                failures.append(f"{name}: {busy}/{total} lần báo bận, quá {args.max_busy:.0%}")
        if server.poll() is not None:
            failures.append(f"máy chủ đã thoát (mã {server.returncode})")
    finally:
        server.terminate()
        server.wait()
        log.close()
    if failures:
        print(f"KHÔNG ĐẠT ({len(failures)}); nhật ký máy chủ: {log_path}")
        for failure in failures:
            print("  " + failure)
        return 1
    print("ĐẠT: máy chủ vẫn trả lời trong suốt lần nhập lớn.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
