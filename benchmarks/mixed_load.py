#!/usr/bin/env python3
"""Mixed read–write load (issue 21, item 4): dashboards under wrk while writers save entry forms.

    python3 benchmarks/mixed_load.py --scale province --rates 0,1,5,20 --seconds 20
    python3 benchmarks/mixed_load.py --reuse-db /tmp/mixed/tiendo.sqlite --rates 0,1,5 --seconds 10
    python3 benchmarks/mixed_load.py --pg postgres://tiendo:tiendo@127.0.0.1:5432/postgres

Generates the dataset of benchmarks/suite.py (`tiendo bench generate`) unless --reuse-db names one,
adds the accounts of the suite (province office `bench-tinh`, commune officer `bench-xa`), and when
the database has none creates through the web page “Biểu mẫu báo cáo” (/bieu-mau) one monthly form of
12 reported indicators (BM_001…BM_012) for every commune of Thành phố Huế. Then it starts two
`tiendo serve` on the same database: A takes the load, B only answers the visibility probe.

For each rate (saves per second; 0 = read-only) it runs, for --seconds, at the same time:
  - two `wrk` (--connections split in half) on A's dashboard `/`: the province dashboard (bench-tinh)
    and the commune dashboard of Phường Phong Dinh (bench-xa);
  - writers: at each tick (1/rate s) a thread opens the entry form on A
    (GET /nhap-lieu/<form>/<commune>/<month>: CSRF field and the versions of the 12 figures) and
    posts it as the browser does (“Lưu nháp”; each of the 12 figures one more than the one shown),
    each save on its own commune × month of 2026, so writers never overwrite each other; a tick with
    no free writer (--writers) is counted as missed;
  - one probe: after a save, polls B's `GET /api/v1/values` (read from B's in-memory snapshot, as
    B's dashboard is) until the first saved figure appears; save-to-visible is from the end of the
    save on A to that answer (at most 30 s).
Before each rate the in-flight saves are awaited and both dashboards opened once, so every rate
starts warm. Reports requests/s and its ratio to the rate-0 run of the same invocation, p50/p99 of
the dashboards, saves scheduled/started/done, save latency p50/p99 (the POST; opening the form is
reported apart) and save-to-visible p50/max. Writes <out>/mixed_load.json.

Never asserts a speed: exit status 1 only when a step fails (generation, start, log-in, form).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import suite  # noqa: E402  (the suite's helpers: run, request, log_in, wrk, machine, fresh_pg_database)

log = suite.log
PORT_A = 18210
PORT_B = 18211
FORM = "HON-HOP-12"
INDICATORS = [f"BM_{n:03d}" for n in range(1, 13)]
YEAR = 2026
VISIBLE_CAP_S = 30.0


class StepFailed(Exception):
    pass


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def shown_number(text, otherwise):
    """A count as the entry form shows it (“1.234”), or `otherwise` when the field is empty."""
    try:
        return int(round(float((text or "").replace(".", "").replace(",", "."))))
    except ValueError:
        return otherwise


def csrf(page):
    match = re.search(r'name="_csrf" value="([^"]+)"', page)
    if not match:
        raise StepFailed("trang không có trường _csrf")
    return match.group(1)


# MARK: - Set-up

def prepare_database(binary, env, args, work):
    """Generates the dataset (unless reused) and adds the suite's two accounts."""
    if not args.reuse_db:
        started = time.time()
        out = suite.run([binary, "bench", "generate", "--scale", args.scale, "--seed", str(args.seed)], env,
                        stdout=subprocess.PIPE).stdout
        log(out.strip())
        log(f"sinh dữ liệu: {time.time() - started:.1f} s")
    for username, role, unit in (("bench-tinh", "tong-hop", suite.PROVINCE), ("bench-xa", "bao-cao", suite.COMMUNE)):
        done = subprocess.run([binary, "user", "add", username, "--role", role, "--unit", unit, "--name",
                               f"Đo hiệu năng {unit}"], env=env, input=suite.PASSWORD + "\n", text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # A reused database already has them (“đã có người dùng”); anything else is a failed step.
        if done.returncode != 0 and not (args.reuse_db and "đã có" in done.stdout + done.stderr):
            raise StepFailed(f"không thêm được tài khoản {username}: {done.stderr.strip()}")
    done = subprocess.run([binary, "token", "issue", "--user", "bench-tinh", "--name", "Đo tải hỗn hợp"], env=env,
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    token = re.search(r"tdk_[A-Za-z0-9_\-]+", done.stdout + done.stderr)
    if done.returncode != 0 or not token:
        raise StepFailed(f"không cấp được mã API: {done.stdout.strip()} {done.stderr.strip()}")
    return token.group(0)


def start_server(binary, env, port, work, name):
    server_log = open(os.path.join(work, f"serve-{name}.log"), "w")
    log(f"khởi động máy chủ {name}: tiendo serve --port {port}")
    server = subprocess.Popen([binary, "serve", "--port", str(port)], env=env, stdout=server_log, stderr=server_log)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if server.poll() is not None:
            raise StepFailed(f"máy chủ {name} dừng khi khởi động (xem {server_log.name})")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return server, base
        except Exception:
            time.sleep(0.5)
    raise StepFailed(f"máy chủ {name} không trả lời /healthz sau 300 s")


def ensure_form(base, cookie):
    """Creates the 12-indicator monthly form through the web page if it is not there; returns the
    entry paths' unit codes of its communes."""
    status, _, page = suite.request(base + "/bieu-mau", cookie=cookie)
    if status != 200:
        raise StepFailed(f"không mở được trang biểu mẫu (HTTP {status})")
    if f"/bieu-mau/{FORM}" not in page:
        unit_ids = re.findall(r'name="don-vi" value="([^"]+)"', page)
        # The first choice is the province itself (the scope root); the form is for its communes.
        communes = unit_ids[1:] or unit_ids
        known = set(re.findall(r'name="chi-so" value="([^"]+)"', page))
        missing = [code for code in INDICATORS if code not in known]
        if missing:
            raise StepFailed(f"bộ dữ liệu không có chỉ số {', '.join(missing)}")
        body = [("_csrf", csrf(page)), ("code", FORM), ("name", "Tải hỗn hợp: 12 chỉ số tháng"), ("ky", "month"),
                ("lich", "statistical"), ("han", "5")]
        body += [("chi-so", code) for code in INDICATORS] + [("don-vi", unit) for unit in communes]
        req = urllib.request.Request(base + "/bieu-mau", data=urllib.parse.urlencode(body).encode(),
                                     headers={"Cookie": cookie})
        try:
            with urllib.request.build_opener(suite.NoRedirect).open(req, timeout=600) as response:
                status, answer = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, answer = error.code, error.read().decode("utf-8", "replace")
        if status != 303:
            problems = re.findall(r"<li>([^<]+)</li>", answer)[:5]
            raise StepFailed(f"không tạo được biểu mẫu {FORM} (HTTP {status}) {problems}")
        log(f"đã tạo biểu mẫu {FORM} qua trang /bieu-mau: 12 chỉ số, {len(communes)} đơn vị")
    # The submission-status page of a period links every unit's entry page: the unit codes.
    status, _, page = suite.request(base + f"/tinh-hinh-nop/{FORM}?ky={YEAR}M01", cookie=cookie)
    codes = sorted(set(re.findall(rf"/nhap-lieu/{FORM}/([^/\"?]+)/", page)))
    if not codes:
        status, _, page = suite.request(base + "/bieu-mau", cookie=cookie)
        status_href = re.search(rf'href="(/[^"]*{FORM}[^"]*)"', page)
        if status_href and "tinh-hinh" in status_href.group(1):
            status, _, page = suite.request(base + status_href.group(1).replace("&amp;", "&"), cookie=cookie)
            codes = sorted(set(re.findall(rf"/nhap-lieu/{FORM}/([^/\"?]+)/", page)))
    if not codes:
        codes = [suite.COMMUNE]
        log(f"không đọc được danh sách xã của biểu mẫu; chỉ ghi cho xã {suite.COMMUNE}")
    return codes


# MARK: - Writers and the probe

class Writers:
    """Open-loop writers: one save per tick, each on a commune × month no other save holds."""

    def __init__(self, base, cookie, codes, max_writers, probe):
        self.base, self.cookie = base, cookie
        self.slots = [(code, f"{YEAR}M{month:02d}") for month in range(1, 13) for code in codes]
        self.busy = set()
        self.next_slot = 0
        self.lock = threading.Lock()
        self.free = threading.Semaphore(max_writers)
        self.counter = 0
        self.threads = []
        self.probe = probe
        self.reset()

    def reset(self):
        self.scheduled = self.missed = self.started = self.done = self.failed = 0
        self.save_ms, self.open_ms, self.failures = [], [], []

    def take_slot(self):
        with self.lock:
            for _ in range(len(self.slots)):
                slot = self.slots[self.next_slot % len(self.slots)]
                self.next_slot += 1
                if slot not in self.busy:
                    self.busy.add(slot)
                    self.counter += 1
                    return slot, self.counter
        return None, None

    def release(self, slot):
        with self.lock:
            self.busy.discard(slot)

    def run(self, rate, seconds):
        """Ticks for `seconds`; returns when the last tick is issued (saves may still be running)."""
        self.reset()
        start = time.monotonic()
        tick = 0
        while True:
            due = start + tick / rate
            if due >= start + seconds:
                break
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            tick += 1
            self.scheduled += 1
            if not self.free.acquire(blocking=False):
                self.missed += 1
                continue
            slot, number = self.take_slot()
            if slot is None:
                self.free.release()
                self.missed += 1
                continue
            self.started += 1
            thread = threading.Thread(target=self.save, args=(slot, number), daemon=True)
            self.threads.append(thread)
            thread.start()

    def wait(self, timeout):
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0, deadline - time.monotonic()))
        running = sum(thread.is_alive() for thread in self.threads)
        self.threads = [thread for thread in self.threads if thread.is_alive()]
        return running

    def save(self, slot, number):
        code, period = slot
        handed_to_probe = False
        try:
            url = f"{self.base}/nhap-lieu/{FORM}/{code}/{period}"
            started = time.monotonic()
            status, _, page = suite.request(url, cookie=self.cookie)
            with self.lock:
                self.open_ms.append((time.monotonic() - started) * 1000)
            if status != 200:
                raise StepFailed(f"mở biểu mẫu {code} {period}: HTTP {status}")
            versions = dict(re.findall(r'name="ver_([A-Z0-9_]+)" value="([^"]*)"', page))
            # Each figure one more than the one shown: every save changes all 12 figures, in this run
            # and on a database reused from an earlier run.
            shown = dict(re.findall(r'name="v_([A-Z0-9_]+)" value="([^"]*)"', page))
            values = {indicator: str(shown_number(shown.get(indicator), 1000 + number * 12 + i) + 1)
                      for i, indicator in enumerate(INDICATORS)}
            form = {"_csrf": csrf(page), "action": "luu", "xac-nhan": "1"}
            for indicator in INDICATORS:
                form[f"v_{indicator}"] = values[indicator]
                form[f"ver_{indicator}"] = versions.get(indicator, "")
                form[f"s_{indicator}"] = "chinhThuc"
                # A note of its own on every figure: the checks at entry ask for one when a figure is
                # unusual (the generated series are noisy, so about one form in twelve has one), and a
                # writer that explains is what a real office does; the flag is then written too.
                form[f"n_{indicator}"] = f"Lưu thử nghiệm lần {number} ({time.time():.6f})"
            started = time.monotonic()
            status, _, answer = suite.request(url, cookie=self.cookie, data=form)
            ended = time.monotonic()
            if status != 303:
                problem = re.search(r'class="(?:problem|error)[^"]*"[^>]*>([^<]+)<', answer)
                raise StepFailed(f"lưu biểu mẫu {code} {period}: HTTP {status} "
                                 f"{problem.group(1).strip() if problem else answer[:200]!r}")
            with self.lock:
                self.save_ms.append((ended - started) * 1000)
                self.done += 1
            handed_to_probe = self.probe.offer(code, INDICATORS[0], period, float(values[INDICATORS[0]]), ended,
                                               lambda: self.release(slot))
        except Exception as error:  # a failed save is counted and shown, never ends the run
            with self.lock:
                self.failed += 1
                if len(self.failures) < 5:
                    self.failures.append(str(error))
        finally:
            if not handed_to_probe:
                self.release(slot)
            self.free.release()


class Probe:
    """One save at a time: polls instance B until it shows the saved figure."""

    def __init__(self, base, token):
        self.base, self.token = base, token
        self.lock = threading.Lock()
        self.active = False
        self.thread = None
        self.reset()

    def reset(self):
        self.visible_s, self.not_seen = [], 0

    def offer(self, code, indicator, period, value, saved_at, release):
        with self.lock:
            if self.active:
                return False
            self.active = True
        self.thread = threading.Thread(target=self.watch, args=(code, indicator, period, value, saved_at, release),
                                       daemon=True)
        self.thread.start()
        return True

    def current(self, code, indicator, period):
        query = urllib.parse.urlencode({"unit": code, "indicator": indicator, "period": period})
        req = urllib.request.Request(f"{self.base}/api/v1/values?{query}",
                                     headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(req, timeout=VISIBLE_CAP_S + 5) as response:
            items = json.load(response).get("items", [])
        return items[0]["value"] if items else None

    def watch(self, code, indicator, period, value, saved_at, release):
        try:
            while True:
                try:
                    seen = self.current(code, indicator, period)
                except Exception:
                    seen = None
                now = time.monotonic()
                if seen is not None and abs(float(seen) - value) < 1e-9:
                    self.visible_s.append(now - saved_at)
                    return
                if now - saved_at > VISIBLE_CAP_S:
                    self.not_seen += 1
                    return
                time.sleep(0.02)
        finally:
            release()
            with self.lock:
                self.active = False

    def wait(self):
        if self.thread:
            self.thread.join(VISIBLE_CAP_S + 40)


# MARK: - One rate

def warm(base, cookies):
    for name, cookie in cookies.items():
        started = time.time()
        status, _, page = suite.request(base + "/", cookie=cookie)
        if status != 200:
            raise StepFailed(f"trang tổng quan ({name}) không mở được (HTTP {status})")
        log(f"  làm ấm trang {name}: {time.time() - started:.2f} s")


def one_rate(rate, args, base_a, cookies, writers, probe):
    running = writers.wait(120)
    probe.wait()
    if running:
        log(f"  còn {running} lần lưu của mức trước chưa xong sau 120 s")
    warm(base_a, cookies)
    probe.reset()
    half = max(1, args.connections // 2)
    loads = {}

    def load(name):
        loads[name] = suite.wrk(base_a + "/", cookies[name], args.seconds, half)

    log(f"mức {rate} lần lưu/giây: wrk {half}+{half} kết nối trên trang tỉnh và trang xã, {args.seconds} giây")
    readers = [threading.Thread(target=load, args=(name,)) for name in ("province", "commune")]
    for thread in readers:
        thread.start()
    if rate > 0:
        writers.run(rate, args.seconds)
    else:
        writers.reset()
    for thread in readers:
        thread.join()
    for name in ("province", "commune"):
        if name not in loads:
            raise StepFailed(f"wrk trên trang {name} không chạy được")
    in_flight = writers.wait(60) if rate > 0 else 0
    probe.wait()
    result = {"rate": rate, "province": loads["province"], "commune": loads["commune"],
              "saves": {"scheduled": writers.scheduled, "missed_no_free_writer": writers.missed,
                        "started": writers.started, "done": writers.done, "failed": writers.failed,
                        "unfinished_60s_after": in_flight,
                        "save_p50_ms": percentile(writers.save_ms, 50), "save_p99_ms": percentile(writers.save_ms, 99),
                        "save_max_ms": max(writers.save_ms) if writers.save_ms else None,
                        "open_form_p50_ms": percentile(writers.open_ms, 50),
                        "failures": writers.failures},
              "visible": {"probes": len(probe.visible_s) + probe.not_seen, "seen": len(probe.visible_s),
                          "not_seen_30s": probe.not_seen, "p50_s": percentile(probe.visible_s, 50),
                          "max_s": max(probe.visible_s) if probe.visible_s else None}}
    s = result["saves"]
    log(f"  tỉnh {loads['province']['rps']:.1f} yc/s, xã {loads['commune']['rps']:.1f} yc/s; "
        f"lưu {s['done']}/{s['scheduled']} (lỗi {s['failed']}, bỏ lỡ {s['missed_no_free_writer']})")
    for failure in writers.failures[:2]:
        log(f"  lỗi lưu: {failure}")
    return result


# MARK: - Output

def fmt(value, digits=1, unit=""):
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}".replace(",", "\u00a0").replace(".", ",").replace("\u00a0", ".")
    return text + unit


def table(report):
    lines = [f"Tải hỗn hợp đọc–ghi — quy mô {report['scale']}, {report['database']}, {report['machine']}, "
             f"{report['date']}, {report['connections']} kết nối wrk, {report['seconds']} s mỗi mức", "",
             "| lần lưu/giây | tỉnh yc/s (tỷ lệ) | xã yc/s (tỷ lệ) | p50 / p99 tỉnh | p50 / p99 xã "
             "| lưu xong / định | lưu p50 / p99 | lưu → thấy trên B p50 / max |",
             "|---|---|---|---|---|---|---|---|"]
    for r in report["runs"]:
        s, v = r["saves"], r["visible"]
        cells = [str(r["rate"])]
        for name in ("province", "commune"):
            ratio = r.get(f"{name}_ratio")
            cells.append(f"{fmt(r[name]['rps'])} ({fmt(ratio, 3) if ratio is not None else '—'})")
        for name in ("province", "commune"):
            cells.append(f"{fmt(r[name]['p50_ms'], 1)} / {fmt(r[name]['p99_ms'], 1)} ms")
        if r["rate"] == 0:
            cells += ["—", "—", "—"]
        else:
            cells.append(f"{s['done']} / {s['scheduled']}" + (f" (lỗi {s['failed']})" if s["failed"] else ""))
            cells.append(f"{fmt(s['save_p50_ms'], 0)} / {fmt(s['save_p99_ms'], 0)} ms")
            if v["seen"]:
                seen = f"{fmt(v['p50_s'], 2)} / {fmt(v['max_s'], 2)} s ({v['seen']} lần đo)"
                if v["not_seen_30s"]:
                    seen += f"; {v['not_seen_30s']} lần không thấy sau 30 s"
            elif v["not_seen_30s"]:
                seen = "không thấy sau 30 s"
            else:
                seen = "—"
            cells.append(seen)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(suite.ROOT, ".build/release/tiendo"))
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--rates", default="0,1,5,20", help="saves per second, comma-separated; 0 = read-only")
    parser.add_argument("--seconds", type=int, default=20, help="seconds of each rate")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections, split between the two dashboards")
    parser.add_argument("--writers", type=int, default=64, help="most saves in flight at once")
    parser.add_argument("--pg", help="URL of a PostgreSQL server database whose user may create databases")
    parser.add_argument("--out", default=None)
    parser.add_argument("--reuse-db", help="SQLite file (or, with --pg, database name) already generated: "
                                           "skip `tiendo bench generate`")
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",") if r.strip()]

    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"không thấy {binary}; hãy chạy: swift build -c release --product tiendo")
    if not shutil.which("wrk"):
        raise SystemExit("thiếu wrk; hãy cài: apt-get install wrk")
    work = os.path.abspath(args.out or tempfile.mkdtemp(prefix=f"tiendo-mixed-{args.scale}-"))
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, TIENDO_BCRYPT_COST="10", TIENDO_SECURE_COOKIES="khong", LOG_LEVEL="warning")
    env.pop("DATABASE_URL", None)
    if args.pg:
        if args.reuse_db:
            parts = urllib.parse.urlsplit(args.pg)
            url = urllib.parse.urlunsplit(parts._replace(path="/" + args.reuse_db))
        else:
            url = suite.fresh_pg_database(args.pg, "tiendo_mixed")
        env["DATABASE_URL"] = url + "?sslmode=disable" if "?" not in url else url
        # Both servers start from the read model's image when there is one (the first whole read
        # writes it): as on SQLite, where it lies beside the database file.
        env.setdefault("TIENDO_READ_IMAGE", os.path.join(work, "tiendo-postgresql.anh"))
        database = "PostgreSQL"
    else:
        sqlite_path = os.path.abspath(args.reuse_db) if args.reuse_db else os.path.join(work, "tiendo.sqlite")
        if not args.reuse_db:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(sqlite_path + suffix):
                    os.remove(sqlite_path + suffix)
        elif not os.path.exists(sqlite_path):
            raise SystemExit(f"không thấy {sqlite_path}")
        env["TIENDO_SQLITE_PATH"] = sqlite_path
        database = f"SQLite ({sqlite_path})"

    report = {"scale": args.scale, "database": database, "machine": suite.machine(), "date": time.strftime("%Y-%m-%d"),
              "seconds": args.seconds, "connections": args.connections, "writer_path":
              "web form: GET + POST /nhap-lieu/<form>/<commune>/<month> (12 figures, Lưu nháp)",
              "visible_probe": "instance B, GET /api/v1/values (B's snapshot)", "runs": []}
    servers = []
    status = 0
    try:
        token = prepare_database(binary, env, args, work)
        server_a, base_a = start_server(binary, env, PORT_A, work, "A")
        servers.append(server_a)
        server_b, base_b = start_server(binary, env, PORT_B, work, "B")
        servers.append(server_b)
        cookies = {"province": suite.log_in(base_a, "bench-tinh"), "commune": suite.log_in(base_a, "bench-xa")}
        writer_cookie = suite.log_in(base_a, "bench-tinh")
        codes = ensure_form(base_a, writer_cookie)
        log(f"biểu mẫu {FORM}: {len(codes)} đơn vị × 12 tháng {YEAR}")
        started = time.time()
        warm(base_a, cookies)
        report["first_dashboards_s"] = time.time() - started
        probe = Probe(base_b, token)
        probe.current(suite.COMMUNE, INDICATORS[0], f"{YEAR}M01")  # B reads its snapshot before the runs
        writers = Writers(base_a, writer_cookie, codes, args.writers, probe)
        for rate in rates:
            report["runs"].append(one_rate(rate, args, base_a, cookies, writers, probe))
        writers.wait(60)
        probe.wait()
        baseline = next((r for r in report["runs"] if r["rate"] == 0), None)
        for r in report["runs"]:
            for name in ("province", "commune"):
                r[f"{name}_ratio"] = (r[name]["rps"] / baseline[name]["rps"]
                                      if baseline and baseline[name]["rps"] else None)
    except (Exception, SystemExit) as error:  # a failed step: say which, keep what was measured, exit 1
        log(f"LỖI: {type(error).__name__}: {error}")
        status = 1
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
    with open(os.path.join(work, "mixed_load.json"), "w") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    if report["runs"]:
        print(table(report))
    print(f"\nKết quả đầy đủ: {os.path.join(work, 'mixed_load.json')}")
    return status


if __name__ == "__main__":
    sys.exit(main())
