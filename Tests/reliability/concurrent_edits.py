#!/usr/bin/env python3
"""Many clients edit the same figures at once; none of their work may be lost silently.

Each client reads a figure (with its version) and saves a new value with that version, over and
over, all at the same time, through the API (the entry form uses the same compare-and-set). Every
save must either win (200) or be refused with 409 showing the other person's value; afterwards the
audit trail of each figure must hold exactly one entry per accepted save, in a gapless version
chain that ends at the stored value.

    python3 Tests/reliability/concurrent_edits.py --bin .build/release/tiendo [--clients 8] [--rounds 15]
"""
import argparse
import os
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(__file__))
from crash_safety import Database, call, run, start_server  # noqa: E402

PORT = 18096
FIGURES = [("19831", "SO_HO_NGHEO", "2029"), ("19831", "DAN_SO", "2029")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        env["TIENDO_SQLITE_PATH"] = os.path.join(tempfile.mkdtemp(prefix="tiendo-edits-"), "tiendo.sqlite")
    db = Database(env.get("DATABASE_URL", ""), env.get("TIENDO_SQLITE_PATH"))
    run(args.bin, ["demo"], env)
    token = run(args.bin, ["token", "issue", "--user", "phongdinh", "--name", "kiểm thử sửa đồng thời"], env).split()[-1]
    server, base = start_server(args.bin, env, PORT)
    try:
        before = {figure: version(base, token, figure) or 0 for figure in FIGURES}
        accepted = {figure: 0 for figure in FIGURES}
        refused = 0
        problems = []
        lock = threading.Lock()
        start = threading.Barrier(args.clients)

        def client(number):
            nonlocal refused
            start.wait()
            for round_ in range(args.rounds):
                figure = FIGURES[round_ % len(FIGURES)]
                unit, indicator, period = figure
                seen = version(base, token, figure)
                status, body = call(base, token, "PUT", f"/api/v1/values/{unit}/{indicator}/{period}",
                                    {"value": number * 1000 + round_, "status": "chinhThuc", "version": seen})
                with lock:
                    if status in (200, 201):
                        accepted[figure] += 1
                    elif status == 409 and body["error"]["code"] == "conflict" and "current" in body["error"]:
                        refused += 1
                    else:
                        problems.append(f"khách {number}, lượt {round_}: trả lời {status} {body}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for figure in FIGURES:
            unit, indicator, period = figure
            after = version(base, token, figure)
            if after != before[figure] + accepted[figure]:
                problems.append(f"{indicator}: phiên bản {after} ≠ {before[figure]} + {accepted[figure]} lần lưu được nhận")
        problems += db.check_history(0)
    finally:
        server.terminate()
        server.wait()
    total = args.clients * args.rounds
    print(f"{args.clients} người sửa cùng lúc {len(FIGURES)} số liệu, {total} lần lưu: "
          f"{sum(accepted.values())} được nhận, {refused} bị từ chối kèm giá trị của người khác; "
          f"nhật ký khớp từng lần được nhận; {'không có' if not problems else len(problems)} vi phạm.")
    for problem in problems[:20]:
        print("  VI PHẠM: " + problem)
    return 1 if problems else 0


def version(base, token, figure):
    unit, indicator, period = figure
    status, body = call(base, token, "GET", f"/api/v1/values?unit={unit}&indicator={indicator}&period={period}")
    items = body["items"]
    return items[0]["version"] if items else None


if __name__ == "__main__":
    sys.exit(main())
