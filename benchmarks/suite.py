#!/usr/bin/env python3
"""The benchmark suite of issue 8: one command for every figure in BENCHMARKS.md.

    python3 benchmarks/suite.py --scale province            # about 6 minutes on 2 cores
    python3 benchmarks/suite.py --scale national            # about 50 minutes; 28.9 million figures
    python3 benchmarks/suite.py --scale province --pg postgres://tiendo:tiendo@127.0.0.1:5432/postgres

For each database (the embedded SQLite file, and PostgreSQL when --pg names a server whose user may
create databases) it:
  1. generates the dataset into a fresh database: `tiendo bench generate` (figures per second, with
     their audit rows);
  2. times in one process what a server computes (`tiendo bench run`): reading all data, every
     verdict of every unit cold and warm, the roll-up of every indicator to every province, the
     review report of one commune and of every commune of the province, peak memory;
  3. starts `tiendo serve`, logs in as the province office and as a commune officer, and loads with
     `wrk` (50 connections) the trivial health route, the province dashboard and the commune
     dashboard, in --rounds interleaved rounds (each figure the median over the rounds); records the
     server's peak memory after each;
then, on the SQLite data, runs `benchmarks/peers.py`: the same national roll-up in DuckDB and in
PostgreSQL plain SQL, `sqlite3 .import` of the same rows, and a check that Tiendo's roll-up equals
theirs figure by figure.

Writes <out>/suite.json and prints a table. Needs a release build (`swift build -c release --product
tiendo`), wrk (Debian), duckdb (pip). Exit status 1 when a step fails or the roll-ups disagree.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PORT = 18200
PASSWORD = "do-hieu-nang-2026"
PROVINCE = "46"      # Thành phố Huế: the same province's dashboards at both scales
COMMUNE = "19831"    # Phường Phong Dinh


def log(line):
    print(line, file=sys.stderr, flush=True)


def run(cmd, env, **kwargs):
    log("$ " + " ".join(cmd))
    return subprocess.run(cmd, env=env, check=True, text=True, **kwargs)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url, cookie="", data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=600) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def cookie_value(headers, name):
    for header in headers.get_all("Set-Cookie") or []:
        key, _, value = header.split(";")[0].partition("=")
        if key.strip() == name:
            return value
    return None


def log_in(base, username):
    status, headers, page = request(base + "/dang-nhap")
    anonymous = cookie_value(headers, "tiendo_csrf")
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    status, headers, _ = request(base + "/dang-nhap", cookie=f"tiendo_csrf={anonymous}", data={
        "username": username, "password": PASSWORD, "_csrf": token, "tiep": "/"})
    session = cookie_value(headers, "tiendo_phien")
    if status != 303 or not session:
        raise SystemExit(f"không đăng nhập được tài khoản {username} (HTTP {status})")
    return f"tiendo_phien={session}"


def wrk(url, cookie, seconds, connections):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True).stdout

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": ms("50"), "p90_ms": ms("90"), "p99_ms": ms("99"),
            "errors": (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)}


def peak_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def start_server(binary, env, log_path):
    server_log = open(log_path, "w")
    server = subprocess.Popen([binary, "serve", "--port", str(PORT)], env=env, stdout=server_log,
                              stderr=server_log)
    base = f"http://127.0.0.1:{PORT}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            break
        except Exception:
            time.sleep(0.5)
    return server, base


def wait_for_file(path, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline and not os.path.exists(path):
        time.sleep(0.5)
    return os.path.exists(path)


def restart_first_request(binary, env, work, image_path):
    """The first dashboard after a restart, which starts from the read model's image on disk that
    the server before wrote (`ReadModelImage`), instead of reading every figure."""
    log_path = os.path.join(work, "serve-restart.log")
    # At "notice" the server says where its read model came from.
    server, base = start_server(binary, dict(env, LOG_LEVEL="notice"), log_path)
    try:
        cookie = log_in(base, "bench-tinh")
        started = time.time()
        status, _, page = request(base + "/", cookie=cookie)
        seconds = time.time() - started
        if status != 200 or "Thành phố Huế" not in page:
            raise SystemExit(f"trang tổng quan của tỉnh không mở được sau khi khởi động lại (HTTP {status})")
        with open(log_path) as f:
            from_image = "Bắt đầu từ ảnh bộ nhớ" in f.read()
        return {"province_first_request_s": seconds, "from_image": from_image,
                "image_mb": os.path.getsize(image_path) / 1e6 if os.path.exists(image_path) else None}
    finally:
        server.terminate()
        server.wait(timeout=60)


def serve_and_load(binary, env, work, seconds, connections, rounds, image_path):
    """Dashboards under load, against the same server's health route."""
    server, base = start_server(binary, env, os.path.join(work, "serve.log"))
    try:
        result = {"peak_mb_idle": peak_mb(server.pid)}
        cookies = {"province": log_in(base, "bench-tinh"), "commune": log_in(base, "bench-xa")}
        # The first dashboard after start reads the data: that is the cold request.
        started = time.time()
        status, _, page = request(base + "/", cookie=cookies["province"])
        result["province_first_request_s"] = time.time() - started
        if status != 200 or "Thành phố Huế" not in page:
            raise SystemExit(f"trang tổng quan của tỉnh không mở được (HTTP {status})")
        result["peak_mb_after_first_dashboard"] = peak_mb(server.pid)
        routes = (("healthz", base + "/healthz", ""),
                  ("province_dashboard", base + "/", cookies["province"]),
                  ("commune_dashboard", base + "/", cookies["commune"]))
        # Rounds interleave the routes, so a slow spell of the machine touches each route alike;
        # every figure is the median over the rounds.
        loads = {name: [] for name, _, _ in routes}
        for round_number in range(1, rounds + 1):
            for name, url, cookie in routes:
                log(f"wrk {name} (lượt {round_number}/{rounds}): {connections} kết nối, {seconds} giây")
                loads[name].append(wrk(url, cookie, seconds, connections))
                loads[name][-1]["peak_mb"] = peak_mb(server.pid)
        for name, runs in loads.items():
            result[name] = {key: statistics.median(run[key] for run in runs)
                            for key in ("rps", "p50_ms", "p90_ms", "p99_ms")}
            result[name]["errors"] = sum(run["errors"] for run in runs)
            result[name]["peak_mb"] = max(run["peak_mb"] for run in runs)
            result[name]["runs"] = runs
        # The image of the read model is written in the background after the first whole read;
        # the restart below starts from it.
        result["image_written"] = wait_for_file(image_path, 600)
        return result
    finally:
        server.terminate()
        server.wait(timeout=60)


def one_database(label, binary, env, args, work):
    result = {}
    started = time.time()
    out = run([binary, "bench", "generate", "--scale", args.scale, "--seed", str(args.seed)], env,
              stdout=subprocess.PIPE).stdout
    result["generate_s"] = time.time() - started
    match = re.search(r"([\d.]+) số liệu ghi trong ([\d,]+) giây", out)
    result["values"] = int(match.group(1).replace(".", ""))
    result["values_write_s"] = float(match.group(2).replace(",", "."))
    result["values_per_s"] = result["values"] / result["values_write_s"]
    log(out.strip())
    json_path = os.path.join(work, f"bench-run-{label}.json")
    rollup_path = os.path.join(work, f"rollup-{label}.csv")
    out = run([binary, "bench", "run", "--runs", str(args.runs), "--tinh", PROVINCE, "--json", json_path,
               "--tong-hop-csv", rollup_path], env, stdout=subprocess.PIPE).stdout
    log(out.strip())
    with open(json_path) as f:
        result["run"] = json.load(f)
    for username, role, unit in (("bench-tinh", "tong-hop", PROVINCE), ("bench-xa", "bao-cao", COMMUNE)):
        run([binary, "user", "add", username, "--role", role, "--unit", unit, "--name", f"Đo hiệu năng {unit}"],
            env, input=PASSWORD + "\n", stdout=subprocess.PIPE)
    image_path = env.get("TIENDO_READ_IMAGE") or env["TIENDO_SQLITE_PATH"] + ".anh"
    if os.path.exists(image_path):
        os.remove(image_path)
    result["http"] = serve_and_load(binary, env, work, args.seconds, args.connections, args.rounds, image_path)
    result["restart"] = restart_first_request(binary, env, work, image_path)
    result["rollup_csv"] = rollup_path
    return result


def fresh_pg_database(admin_url, name):
    run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {name}"], os.environ)
    run(["psql", admin_url, "-qc", f"CREATE DATABASE {name}"], os.environ)
    parts = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build/release/tiendo"))
    parser.add_argument("--pg", help="URL of a PostgreSQL server database whose user may create databases "
                                     "(e.g. postgres://tiendo:tiendo@127.0.0.1:5432/postgres)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=20, help="seconds of each wrk load")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="wrk rounds over the three routes (median)")
    parser.add_argument("--out", default=None)
    parser.add_argument("--skip-peers", action="store_true")
    args = parser.parse_args()

    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"không thấy {binary}; hãy chạy: swift build -c release --product tiendo")
    for tool in ("wrk", "sqlite3"):
        if not shutil.which(tool):
            raise SystemExit(f"thiếu {tool}; hãy cài: apt-get install {tool}")
    work = os.path.abspath(args.out or tempfile.mkdtemp(prefix=f"tiendo-bench-{args.scale}-"))
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, TIENDO_BCRYPT_COST="10", TIENDO_SECURE_COOKIES="khong", LOG_LEVEL="warning")
    env.pop("DATABASE_URL", None)
    suite = {"scale": args.scale, "seed": args.seed, "machine": machine(), "date": time.strftime("%Y-%m-%d")}

    sqlite_path = os.path.join(work, "tiendo.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(sqlite_path + suffix):
            os.remove(sqlite_path + suffix)
    suite["sqlite"] = one_database("sqlite", binary, dict(env, TIENDO_SQLITE_PATH=sqlite_path), args, work)
    if args.pg:
        url = fresh_pg_database(args.pg, "tiendo_bench")
        suite["postgresql"] = one_database("postgresql", binary, dict(env, DATABASE_URL=url + "?sslmode=disable"
                                                                      if "?" not in url else url,
                                                                      TIENDO_READ_IMAGE=os.path.join(
                                                                          work, "tiendo-postgresql.anh")),
                                           args, work)
    status = 0
    if not args.skip_peers:
        peers_out = os.path.join(work, "peers")
        cmd = [sys.executable, os.path.join(HERE, "peers.py"), "--sqlite", sqlite_path, "--year", "2026",
               "--runs", str(max(args.runs, 5)), "--out", peers_out, "--tiendo-csv", suite["sqlite"]["rollup_csv"]]
        if args.pg:
            cmd += ["--pg", fresh_pg_database(args.pg, "bench_peers") + "?sslmode=disable"]
        log("$ " + " ".join(cmd))
        status = subprocess.run(cmd).returncode
        with open(os.path.join(peers_out, "peers.json")) as f:
            suite["peers"] = json.load(f)
        suite["peers_agree"] = status == 0
    with open(os.path.join(work, "suite.json"), "w") as f:
        json.dump(suite, f, indent=2, ensure_ascii=False)
    print(summary(suite))
    print(f"\nKết quả đầy đủ: {os.path.join(work, 'suite.json')}")
    return status


def machine():
    cores = os.cpu_count()
    memory = 0
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) // 1024 // 1024
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{cores} nhân {model}, {memory} GB RAM"


def summary(suite):
    lines = [f"Bộ đo hiệu năng — quy mô {suite['scale']}, {suite['machine']}, {suite['date']}", ""]
    for label in ("sqlite", "postgresql"):
        if label not in suite:
            continue
        r = suite[label]
        f = r["run"]["figures"]
        h = r["http"]
        lines += [
            f"[{label}] {r['values']:,} số liệu; ghi {r['values_per_s']:,.0f} số liệu/giây",
            f"  đọc dữ liệu {f['snapshot_load_s']:.2f} s; đánh giá {int(f['verdicts_targets']):,} chỉ tiêu / "
            f"{int(f['verdicts_units']):,} đơn vị: lạnh {f['verdicts_cold_s']:.3f} s, ấm {f['verdicts_warm_s']:.3f} s",
            f"  tổng hợp {int(f['rollup_figures']):,} số liệu lên tỉnh: {f['rollup_s'] * 1000:.1f} ms",
            f"  báo cáo một xã {f['report_commune_s'] * 1000:.1f} ms; "
            f"{int(f['report_province_communes'])} xã của tỉnh {f['report_province_all_s']:.2f} s; "
            f"bộ nhớ đỉnh {f['peak_mb_after_reports']:.0f} MB",
            f"  yêu cầu đầu tiên (lạnh) tổng quan tỉnh {h['province_first_request_s']:.2f} s",
            f"  sau khi khởi động lại: {r['restart']['province_first_request_s']:.2f} s "
            f"({'từ ảnh bộ nhớ' if r['restart']['from_image'] else 'KHÔNG từ ảnh bộ nhớ: đọc toàn bộ'}"
            + (f", ảnh {r['restart']['image_mb']:.0f} MB" if r['restart']['image_mb'] else "") + ")",
        ]
        for name in ("healthz", "province_dashboard", "commune_dashboard"):
            w = h[name]
            lines.append(f"  {name}: {w['rps']:,.1f} yêu cầu/giây, p50 {w['p50_ms']} ms, p99 {w['p99_ms']} ms, "
                         f"lỗi {w['errors']}, bộ nhớ đỉnh máy chủ {w['peak_mb']:.0f} MB")
    if "peers" in suite:
        lines.append("")
        lines.append("Đối chiếu: " + ("khớp từng số" if suite["peers_agree"] else "KHÔNG KHỚP"))
        lines.append(json.dumps(suite["peers"], ensure_ascii=False)[:2000])
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
