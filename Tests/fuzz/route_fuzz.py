#!/usr/bin/env python3
"""Route fuzzer: every page of the demo server, as every demo role, with hostile input.

Starts `tiendo serve` (loopback only) on a fresh demo database in a temporary folder, logs in as
each demo role, crawls every same-site page it can reach (links and GET forms, bounded), then
  - replays every GET with each query parameter (and each path segment that names a unit, an
    indicator, a period, an id…) replaced by hostile values: years far outside any term, unknown
    and other units' codes, empty, 10.000 characters, Unicode (NFD Vietnamese, emoji, RTL), broken
    percent-encodings, SQL metacharacters, path traversal;
  - sends every POST form it found with fields missing, wrong-typed and out of range (with a valid
    CSRF token, so the request gets past the CSRF check), and once without the token.
Pass: no 5xx, the server process never exits, every 4xx page (HTML or text) is Vietnamese and
shows no English framework reason. Prints the number of requests per status and every failure,
exits 1 on any failure.

    python3 Tests/fuzz/route_fuzz.py --bin .build/release/tiendo [--seconds 240]

Standard library only. `--exclude REGEX` skips matching "METHOD URL" strings (for local work
around a known bug; CI runs without it).
"""
import argparse
import collections
import html.parser
import http.cookiejar
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import zlib

ROLES = [
    ("quantri", "quantri-minhhoa"),
    ("tonghop", "tonghop-minhhoa"),
    ("phongdinh", "phongdinh-minhhoa"),
    ("lanhdao", "lanhdao-minhhoa"),
]

# Paths the crawler never requests: they end the session or belong to the first-run setup.
NEVER = re.compile(r"^/(dang-xuat|khoi-tao)(/|$)")
# Sent without following: the crawl does not need the files themselves (they are still fetched
# once each, and their hostile replays still run).
DOWNLOAD = re.compile(r"/(mau-excel|tai-ve/[^/]+|tep|minh-chung/[^/]+)$")

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
# Reasons and exception texts of Vapor, Foundation and Swift that must never reach a person.
ENGLISH = re.compile(
    r"Not Found|Bad Request|Unprocessable|Internal Server Error|Forbidden|Unauthorized|"
    r"Method Not Allowed|Payload Too Large|Too Many Requests|Not Acceptable|Unsupported Media|"
    r"Abort\.|DecodingError|keyNotFound|typeMismatch|valueNotFound|dataCorrupted|"
    r"Value of type|Could not convert|No such|Fatal error|is not valid|Invalid|"
    r"SQLite|PostgreSQL|PSQLError|database is locked|Swift\.|Error Domain",
)


def hostile_values():
    """(value, raw): raw values go into the URL as they are (broken percent-encodings)."""
    nfd = unicodedata.normalize("NFD", "Phường Phong Dinh năm 2025")
    values = [
        # Years and periods far outside any term, before a unit existed, malformed.
        "1900", "2024", "99999", "-1", "0", "2025M13", "2025Q0", "2025M00", "9999999999999999999999",
        "1e308", "NaN", "0x10", "2025-01-01", "31/02/2025", "00/00/0000",
        # Unit codes: unknown, the province, a city, the two demo wards.
        "99999999", "46", "19815", "19831", "00000",
        # Empty, whitespace, long.
        "", " ", "a" * 10000,
        # Unicode.
        nfd, "😀🏳️‍🌈", "\u202eنص عربي", "\u200b", "Ｔｏàn", "ﬃ", "\ufeff46",
        # SQL and LIKE metacharacters.
        "' OR 1=1 --", "%", "_", "\\", '"; DROP TABLE units; --',
        # Path traversal and markup.
        "../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "<script>alert(1)</script>", "{{7*7}}",
    ]
    raw = ["%00", "%ZZ", "%C0%AE%C0%AE", "%FF%FE", "%", "%E2%80%AE", "a%00b"]
    return [(v, False) for v in values] + [(v, True) for v in raw]


HOSTILE = hostile_values()
# Path segments get fewer values (every one is a new route lookup).
HOSTILE_SEGMENTS = [
    (v, r) for (v, r) in HOSTILE
    if v in ("1900", "99999", "-1", "0", "2025M13", "99999999", "46", "19815", "19831", " ", "a" * 10000,
             "' OR 1=1 --", "%", "..", "../../../../etc/passwd", "😀🏳️‍🌈", "1e308", "%00", "%ZZ", "%C0%AE%C0%AE")
    or (not r and v.startswith("Ph"))
]
# Values for POST fields: wrong types, out of range, missing handled separately.
HOSTILE_FIELDS = [
    "", "abc", "-1", "0", "1,7e308", "1e308", "NaN", "inf", "99999999999999999999", "1.234,5,6", "-0",
    "31/02/2025", "2025-13-45", "99999", "1900", "19815", "99999999", "' OR 1=1 --", "a" * 10000,
    unicodedata.normalize("NFD", "Nghị quyết số 15"), "😀", "=HYPERLINK(\"http://evil.example\")", "../../etc/passwd",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class PageParser(html.parser.HTMLParser):
    """Links, forms (with their fields) of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.forms = []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "enctype": a.get("enctype") or "application/x-www-form-urlencoded",
                "fields": [],
            }
            self.forms.append(self.form)
        elif self.form is not None and tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                value = None
            else:
                value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            self.form["fields"].append({"name": a["name"], "type": kind, "value": value})
        elif self.form is not None and tag in ("button", "input") and a.get("formaction"):
            # A second submit button sending the same fields elsewhere (Excel, PDF downloads).
            self.form.setdefault("alternates", []).append(a["formaction"])
        if self.form is not None and tag == "button" and a.get("name"):
            self.form["fields"].append({"name": a["name"], "type": "submit", "value": a.get("value", "")})
        elif self.form is not None and tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "type": "select", "value": None, "options": []}
            self.form["fields"].append(self.select)
        elif self.select is not None and tag == "option":
            value = a.get("value")
            self.select["options"].append(value)
            if "selected" in a or self.select["value"] is None:
                self.select["value"] = value
        elif self.form is not None and tag == "textarea" and a.get("name"):
            self.textarea = {"name": a["name"], "type": "textarea", "value": ""}
            self.form["fields"].append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data
        if self.select is not None and self.select["options"] and self.select["options"][-1] is None:
            self.select["options"][-1] = data.strip()
            if self.select["value"] is None:
                self.select["value"] = data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def encode_query(pairs):
    """pairs: (name, value, raw)."""
    parts = []
    for name, value, raw in pairs:
        encoded = value if raw else urllib.parse.quote(value, safe="")
        parts.append(urllib.parse.quote(name, safe="[]") + "=" + encoded)
    return "&".join(parts)


def template_of(path):
    """Collapses ids, codes and periods, so that /nhiem-vu/12 and /nhiem-vu/13 count as one page
    kind: a segment that is not lower-case words joined by dashes (the site's literal paths) is "*"."""
    return "/".join(
        s if not s or (len(s) <= 40 and re.fullmatch(r"[a-z]+(-[a-z]+)*", s)) else "*" for s in path.split("/"))


class Server:
    def __init__(self, binary, work, port):
        self.binary, self.work, self.port = binary, work, port
        self.env = dict(os.environ)
        self.env["TIENDO_SQLITE_PATH"] = os.path.join(work, "tiendo.sqlite")
        self.env.pop("DATABASE_URL", None)
        self.log_path = os.path.join(work, "serve.log")
        self.proc = None
        self.deaths = []

    def demo(self):
        subprocess.run([self.binary, "demo"], env=self.env, check=True, stdout=subprocess.DEVNULL)

    def start(self):
        log = open(self.log_path, "ab")
        proc = subprocess.Popen(
            [self.binary, "serve", "--port", str(self.port), "--hostname", "127.0.0.1"],
            env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"Máy chủ dừng ngay khi khởi động (mã {proc.returncode}); xem {self.log_path}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        # Only now: requests sent while it starts still belong to the old process.
                        self.proc = proc
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise SystemExit("Máy chủ không trả lời /healthz sau 60 giây.")

    def alive(self):
        return self.proc.poll() is None

    def log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def log_since(self, offset, limit=1500):
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            text = f.read(limit * 4).decode("utf-8", "replace")
        lines = [l for l in text.splitlines() if re.search(r"error|fatal|critical|warning", l, re.I)]
        return " | ".join(lines)[:limit]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Session:
    def __init__(self, fuzzer, username, password):
        self.fuzzer, self.username, self.password = fuzzer, username, password
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.logins = 0
        self.login_lock = threading.Lock()

    def csrf_from(self, body):
        m = re.search(r'name="_csrf" value="([^"]*)"', body)
        return m.group(1) if m else None

    def login(self):
        if self.username is None:
            return True
        if self.logins >= 25:
            raise SystemExit(f"Đã đăng nhập lại {self.username} 25 lần; dừng để không làm khóa tài khoản.")
        self.logins += 1
        status, _, body, _ = self.fuzzer.send(self, "GET", "/dang-nhap", check=False)
        csrf = self.csrf_from(body)
        if not csrf:
            raise SystemExit(f"Trang đăng nhập không có mã CSRF (HTTP {status}).")
        form = urllib.parse.urlencode(
            {"_csrf": csrf, "tiep": "/", "username": self.username, "password": self.password})
        status, headers, body, _ = self.fuzzer.send(
            self, "POST", "/dang-nhap", data=form.encode(), content_type="application/x-www-form-urlencoded",
            check=False)
        if status not in (302, 303) or not any(c.name == "tiendo_phien" for c in self.jar):
            raise SystemExit(f"Không đăng nhập được {self.username}: HTTP {status} {body[:300]}")
        return True

    def csrf(self):
        """The session's CSRF token, read from a page that always has one (the layout's logout form)."""
        status, _, body, _ = self.fuzzer.send(self, "GET", "/nhap-lieu", check=False, follow=3)
        return self.csrf_from(body) or ""


class Fuzzer:
    def __init__(self, args, server):
        self.args = args
        self.server = server
        self.base = f"http://127.0.0.1:{server.port}"
        self.statuses = collections.Counter()
        self.failures = []
        self.sent = 0
        self.started = time.time()
        self.deadline = self.started + args.seconds
        self.exclude = re.compile(args.exclude) if args.exclude else None
        self.sessions = []
        self.out_of_time = False
        self.lock = threading.Lock()
        self.restart_lock = threading.Lock()
        self.per_route = collections.Counter()
        self.busy = 0
        self.trace = open(os.path.join(server.work, "yeu-cau.txt"), "w") if args.keep else None

    def time_left(self):
        return self.deadline - time.time()

    def fail(self, method, url, status, why, log=""):
        with self.lock:
            self.failures.append((method, url, status, why, log))
        print(f"  LỖI {method} {url[:200]} → {status}: {why}" + (f"\n      nhật ký: {log[:600]}" if log else ""),
              flush=True)

    def send(self, session, method, url, data=None, content_type=None, check=True, follow=0):
        """Returns (status, headers, body text, final url). Checks the answer and the process."""
        if self.exclude and self.exclude.search(f"{method} {url}"):
            return None, {}, "", url
        if self.sent >= self.args.max_requests:
            self.out_of_time = True
            return None, {}, "", url
        full = url if url.startswith("http") else self.base + url
        headers = {"User-Agent": "tiendo-route-fuzz", "Accept": "text/html,*/*"}
        if content_type:
            headers["Content-Type"] = content_type
        if data is not None:
            # Same-origin form posts carry Origin, as browsers do.
            headers["Origin"] = self.base
        request = urllib.request.Request(full, data=data, method=method, headers=headers)
        offset = self.server.log_size()
        proc = self.server.proc
        with self.lock:
            self.sent += 1
            self.per_route[f"{method} {template_of(urllib.parse.urlsplit(url).path)}"] += 1
        try:
            with session.opener.open(request, timeout=self.args.request_timeout) as r:
                status, rheaders, raw = r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            status, rheaders, raw = e.code, e.headers, e.read()
        except (urllib.error.URLError, OSError, ConnectionError) as e:
            status, rheaders, raw = 0, {}, str(e).encode()
        body = raw.decode("utf-8", "replace")
        with self.lock:
            self.statuses[status] += 1
            if self.trace:
                self.trace.write(f"{method} {url[:400]} {status}\n")
        if status == 0:
            # A closed connection is how a dying process answers; its exit status comes a moment later.
            try:
                proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                pass
        if proc.poll() is not None or proc is not self.server.proc:
            with self.restart_lock:
                if proc is self.server.proc:
                    self.fail(method, url, status, f"máy chủ đã dừng (mã thoát {proc.returncode})",
                              self.server.log_since(offset, 3000))
                    self.server.deaths.append((method, url))
                    self.restart()
            # Otherwise another worker saw the death first and restarted the server: this answer
            # is no evidence either way.
            return None, {}, "", url
        if check:
            self.check(method, url, status, rheaders, body, offset)
        if status in (301, 302, 303, 307) and rheaders.get("Location"):
            location = rheaders["Location"]
            if session.username and urllib.parse.urlsplit(location).path == "/dang-nhap" and url != "/dang-nhap":
                # The session ended (idle limit, or a POST we sent logged us out): log in again,
                # once for all the workers that noticed.
                if session.login_lock.acquire(blocking=False):
                    try:
                        session.login()
                    finally:
                        session.login_lock.release()
            elif follow > 0:
                target = urllib.parse.urljoin(full, location)
                if target.startswith(self.base):
                    return self.send(session, "GET", target[len(self.base):], check=check, follow=follow - 1)
        return status, rheaders, body, url

    def check(self, method, url, status, headers, body, offset):
        if status == 0:
            self.fail(method, url, status, f"không có câu trả lời: {body[:200]}", self.server.log_since(offset))
        elif status == 503 and headers.get("Retry-After") and VIETNAMESE.search(body):
            # The answer issue 19 asks for when PDF conversion is full: "đang bận", try again later.
            with self.lock:
                self.busy += 1
        elif status >= 500:
            self.fail(method, url, status, "lỗi máy chủ", self.server.log_since(offset))
        elif 400 <= status < 500:
            kind = (headers.get("Content-Type") or "").lower()
            if "html" in kind or "text/plain" in kind:
                text = re.sub(r"<[^>]+>", " ", body)
                if not VIETNAMESE.search(text):
                    self.fail(method, url, status, f"trang lỗi không có tiếng Việt: {text.strip()[:160]!r}")
                elif "html" in kind and "Lỗi" not in text and "<form" not in body:
                    self.fail(method, url, status, f"trang lỗi không có tiêu đề “Lỗi”: {text.strip()[:160]!r}")
                m = ENGLISH.search(text)
                if m:
                    self.fail(method, url, status, f"lý do tiếng Anh “{m.group(0)}”: …{text[max(0, m.start() - 80):m.end() + 80].strip()!r}…")

    def restart(self):
        if len(self.server.deaths) > self.args.max_restarts:
            self.out_of_time = True
            return
        self.server.start()
        for s in self.sessions:
            s.jar.clear()
            s.login()

    # MARK: crawl

    def crawl(self, session, deadline, pages, forms):
        """Breadth first, but a page of a kind not yet opened goes before more pages of known kinds."""
        fresh, known = collections.deque(["/"]), collections.deque()
        seen = set()
        per_template = collections.Counter()
        opened = 0

        def kind_of(url):
            parts = urllib.parse.urlsplit(url)
            names = sorted({k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)})
            return template_of(parts.path) + "?" + ",".join(names)

        def queue(url):
            if url not in seen:
                (fresh if per_template[kind_of(url)] == 0 else known).append(url)

        while (fresh or known) and time.time() < deadline and not self.out_of_time and opened < self.args.max_pages:
            url = fresh.popleft() if fresh else known.popleft()
            if url in seen:
                continue
            seen.add(url)
            template = kind_of(url)
            if per_template[template] >= self.args.per_template:
                continue
            per_template[template] += 1
            opened += 1
            status, headers, body, _ = self.send(session, "GET", url)
            if status is None:
                continue
            pages.setdefault(url, session)
            kind = (headers.get("Content-Type") or "").lower() if headers else ""
            if status != 200 or "html" not in kind:
                continue
            parser = PageParser()
            try:
                parser.feed(body)
            except Exception as e:  # a page the parser cannot read is not the server's fault
                print(f"  (không đọc được HTML của {url}: {e})")
                continue
            for href in parser.links:
                target = self.same_site(url, href)
                if target:
                    queue(target)
            expanded = []
            for form in parser.forms:
                expanded.append(form)
                for alternate in form.get("alternates", []):
                    expanded.append(dict(form, action=alternate))
            for form in expanded:
                action = self.same_site(url, form["action"] or url)
                if not action:
                    continue
                if form["method"] == "get":
                    pairs = [(f["name"], f["value"] or "") for f in form["fields"] if f["value"] is not None]
                    target = urllib.parse.urlsplit(action).path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")
                    queue(target)
                    # Each option of each select of a GET form is a page too (other years, units).
                    for f in form["fields"]:
                        for option in (f.get("options") or [])[:8]:
                            if option is None:
                                continue
                            other = [(n, option if n == f["name"] else v) for n, v in pairs]
                            queue(urllib.parse.urlsplit(action).path + "?" + urllib.parse.urlencode(other))
                else:
                    path = urllib.parse.urlsplit(action).path
                    key = (template_of(path), tuple(sorted(f["name"] for f in form["fields"])))
                    if key not in forms:
                        forms[key] = (session, action, form)
        return opened

    def same_site(self, page, href):
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "data:", "tel:")):
            return None
        target = urllib.parse.urljoin(self.base + page, href)
        if not target.startswith(self.base + "/"):
            return None
        rest = target[len(self.base):].split("#")[0]
        if NEVER.match(urllib.parse.urlsplit(rest).path) or rest.startswith("/static/"):
            return None
        return rest

    # MARK: GET replays

    def replays(self, pages):
        """Round-robin over page kinds, so that every kind gets some hostile requests first."""
        by_template = collections.OrderedDict()
        for url, session in pages.items():
            parts = urllib.parse.urlsplit(url)
            key = template_of(parts.path) + "?" + ",".join(sorted({k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)}))
            by_template.setdefault(key, (url, session))
        all_names = sorted({k for url in pages for k, _ in urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True)})
        generators = []
        for key, (url, session) in by_template.items():
            generators.append(self.replays_of(url, session, all_names))
        random.Random(19).shuffle(generators)
        return generators, len(by_template)

    def replays_of(self, url, session, all_names):
        parts = urllib.parse.urlsplit(url)
        pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        names = [k for k, _ in pairs]
        base = [(k, v, False) for k, v in pairs]
        for i, (name, _) in enumerate(pairs):
            for value, raw in HOSTILE:
                query = base[:i] + [(name, value, raw)] + base[i + 1:]
                yield session, parts.path + "?" + encode_query(query)
            # Duplicated, array-shaped, and missing.
            yield session, parts.path + "?" + encode_query(base + [(name, "2026", False)])
            yield session, parts.path + "?" + encode_query(base[:i] + [(name + "[]", "1", False)] + base[i + 1:])
            yield session, parts.path + "?" + encode_query(base[:i] + [(name + "[a][b]", "1", False)] + base[i + 1:])
            yield session, parts.path + "?" + encode_query(base[:i] + base[i + 1:])
        # Parameters other pages take, added to this one.
        for name in all_names:
            if name in names:
                continue
            for value, raw in [("2024", False), ("-1", False), ("99999", False), ("", False), ("%ZZ", True)]:
                yield session, parts.path + "?" + encode_query(base + [(name, value, raw)])
        # Path segments that look like ids, codes or periods.
        segments = parts.path.split("/")
        for i, segment in enumerate(segments):
            if i < 2 or not segment:
                continue
            for value, raw in HOSTILE_SEGMENTS:
                replaced = value if raw else urllib.parse.quote(value, safe="")
                path = "/".join(segments[:i] + [replaced] + segments[i + 1:])
                yield session, path + ("?" + parts.query if parts.query else "")

    # MARK: POST forms

    def post_variants(self, action, form):
        if urllib.parse.urlsplit(action).path == "/dang-nhap":
            # Never a wrong password: it would lock the demo accounts the crawler uses, or trip the
            # throttle by address. Only requests refused before any password is checked.
            yield "không có trường nào", [], [], True
            yield "không có mã CSRF", [("username", "khong-co-tai-khoan-nay"), ("password", "x")], [], False
            return
        fields = [f for f in form["fields"] if f["name"] != "_csrf"]
        files = [f for f in fields if f["type"] == "file"]
        plain = [f for f in fields if f["type"] != "file"]
        base = [(f["name"], f["value"] if f["value"] is not None else "") for f in plain
                if f["value"] is not None or f["type"] not in ("checkbox", "radio")]
        file_default = [(f["name"], "tep.csv", b"ma,ten\n1,2\n") for f in files]
        yield "nguyên mẫu", base, file_default, True
        yield "không có trường nào", [], [], True
        yield "không có mã CSRF", base, file_default, False
        names = list(dict.fromkeys(n for n, _ in base))
        rng = random.Random(zlib.crc32(action.encode()))
        for name in names:
            yield f"thiếu {name}", [(n, v) for n, v in base if n != name], file_default, True
            values = HOSTILE_FIELDS if len(names) <= 12 else rng.sample(HOSTILE_FIELDS, 6)
            for value in values:
                yield f"{name}={value[:20]!r}", [(n, value if n == name else v) for n, v in base], file_default, True
            yield f"{name} hai lần", base + [(name, "1")], file_default, True
        for f in files:
            for filename, content in [("rong.xlsx", b""), ("hong.xlsx", b"PK\x03\x04garbage"), ("x.csv", b"\xff\xfe\x00;;\n" * 3),
                                      ("../../etc/passwd", b"a"), ("😀.pdf", b"%PDF-1.4 hong")]:
                yield f"tệp {f['name']}={filename}", base, [(f["name"], filename, content)], True
            yield f"thiếu tệp {f['name']}", base, [], True

    def post(self, session, action, form, label, pairs, files, with_csrf, csrf):
        body_pairs = ([("_csrf", csrf)] if with_csrf else []) + pairs
        if form["enctype"].startswith("multipart"):
            boundary = "----tiendofuzz" + str(random.randrange(10**12))
            chunks = []
            for name, value in body_pairs:
                chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
            for name, filename, content in files:
                chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                              f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
            chunks.append(f"--{boundary}--\r\n".encode())
            data, kind = b"".join(chunks), f"multipart/form-data; boundary={boundary}"
        else:
            data, kind = urllib.parse.urlencode(body_pairs).encode(), "application/x-www-form-urlencoded"
        status, headers, body, _ = self.send(session, "POST", action, data=data, content_type=kind)
        if status is not None and not with_csrf and 200 <= status < 400:
            self.fail("POST", action, status, f"nhận yêu cầu không có mã CSRF ({label})")
        return status


def guarded(fuzzer, target):
    """A thread's work: an exception in the script itself is a failure of the run, never silence."""

    def run(*args):
        try:
            target(*args)
        except BaseException as e:  # noqa: BLE001 — reported, and the run fails
            import traceback
            traceback.print_exc()
            fuzzer.fail("-", "-", 0, f"lỗi trong kịch bản kiểm thử: {e!r}")
            fuzzer.out_of_time = True

    return run


def run_workers(fuzzer, tasks, deadline, workers):
    """Runs the tasks (each sends one request) on `workers` threads until none is left or the
    deadline passes; returns how many ran."""
    lock = threading.Lock()
    count = [0]

    def work():
        while time.time() < deadline and not fuzzer.out_of_time:
            with lock:
                task = next(tasks, None)
                if task is None:
                    return
                count[0] += 1
            task()

    threads = [threading.Thread(target=guarded(fuzzer, work), daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--seconds", type=float, default=240)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-requests", type=int, default=60000)
    parser.add_argument("--max-pages", type=int, default=400, help="pages crawled per role")
    parser.add_argument("--per-template", type=int, default=4, help="pages of one kind crawled per role")
    parser.add_argument("--request-timeout", type=float, default=60)
    parser.add_argument("--max-restarts", type=int, default=5)
    parser.add_argument("--workers", type=int, default=3, help="requests in flight at once")
    parser.add_argument("--min-pages", type=int, default=40, help="fewer pages crawled is a failure")
    parser.add_argument("--exclude", help="regex on 'METHOD URL' to skip (local work only)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, log, yeu-cau.txt: every request)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="tiendo-fuzz-")
    server = Server(os.path.abspath(args.bin), work, args.port or free_port())
    fuzzer = Fuzzer(args, server)
    try:
        server.demo()
        server.start()
        anonymous = Session(fuzzer, None, None)
        fuzzer.sessions = [Session(fuzzer, u, p) for u, p in ROLES]
        for s in fuzzer.sessions:
            s.login()
        # The budget counts from here: preparing the demo and starting the server are not fuzzing.
        budget = args.seconds
        fuzzer.started = time.time()
        fuzzer.deadline = fuzzer.started + budget
        crawl_until = fuzzer.started + 0.3 * budget
        get_until = fuzzer.started + 0.7 * budget
        print(f"Máy chủ: {fuzzer.base} (thư mục {work}); ngân sách {budget:.0f} giây.", flush=True)

        # 1. Crawl, every role at once, until 30 % of the budget is spent.
        pages, forms = {}, {}
        found = {}

        def crawl(session):
            found[session.username] = fuzzer.crawl(session, crawl_until, pages, forms)

        threads = [threading.Thread(target=guarded(fuzzer, crawl), args=(s,), daemon=True) for s in fuzzer.sessions]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print("Thu thập, số trang mỗi vai trò đã mở: " + ", ".join(f"{u} {n}" for u, n in found.items()), flush=True)
        for url in list(pages)[:40]:
            fuzzer.send(anonymous, "GET", url)
        print(f"Đã thu thập {len(pages)} trang, {len(forms)} biểu mẫu POST; {fuzzer.sent} yêu cầu.", flush=True)
        if len(pages) < args.min_pages or not forms:
            # A run that reached almost nothing proves nothing: say so rather than pass.
            fuzzer.fail("-", "-", 0, f"chỉ thu thập được {len(pages)} trang và {len(forms)} biểu mẫu POST "
                                     f"(cần ít nhất {args.min_pages} trang và một biểu mẫu)")

        # 2. Hostile GET replays, round-robin over page kinds, by a few workers at once.
        generators, kinds = fuzzer.replays(pages)
        done = {"exhausted": 0}

        def get_tasks():
            live = list(generators)
            while live:
                still = []
                for g in live:
                    try:
                        session, url = next(g)
                    except StopIteration:
                        done["exhausted"] += 1
                        continue
                    still.append(g)
                    yield lambda session=session, url=url: fuzzer.send(session, "GET", url)
                live = still

        replayed = run_workers(fuzzer, get_tasks(), get_until, args.workers)
        print(f"GET thù địch: {replayed} yêu cầu; {done['exhausted']}/{kinds} loại trang đã thử hết giá trị.", flush=True)

        # 3. POST forms: missing, wrong-typed, out-of-range fields; the session's own CSRF token
        # (read again after the session had to log in again).
        variant_lists = [(s, action, form, list(fuzzer.post_variants(action, form))) for s, action, form in forms.values()]
        csrf = {}
        csrf_lock = threading.Lock()

        def token_of(session):
            with csrf_lock:
                known = csrf.get(session.username)
                if known is None or known[0] != session.logins:
                    known = (session.logins, session.csrf())
                    csrf[session.username] = known
                return known[1]

        def post_tasks():
            longest = max((len(v) for _, _, _, v in variant_lists), default=0)
            for index in range(longest):
                for s, action, form, variants in variant_lists:
                    if index < len(variants):
                        label, pairs, files, with_csrf = variants[index]
                        yield lambda s=s, action=action, form=form, label=label, pairs=pairs, files=files, with_csrf=with_csrf: \
                            fuzzer.post(s, action, form, label, pairs, files, with_csrf, token_of(s))

        total_variants = sum(len(v) for _, _, _, v in variant_lists)
        posted = run_workers(fuzzer, post_tasks(), fuzzer.deadline, args.workers)
        print(f"POST thù địch: {posted}/{total_variants} biến thể của {len(forms)} biểu mẫu.", flush=True)
        if fuzzer.time_left() <= 0:
            print("Hết thời gian: phần chưa thử được ghi ở trên (loại trang, biểu mẫu).", flush=True)

        # The process must still be there at the end.
        if not server.alive():
            fuzzer.fail("-", "-", 0, f"máy chủ đã dừng (mã thoát {server.proc.returncode})")
        else:
            status, _, _, _ = fuzzer.send(anonymous, "GET", "/healthz", check=False)
            if status != 200:
                fuzzer.fail("GET", "/healthz", status, "máy chủ không còn trả lời /healthz")
    finally:
        server.stop()

    elapsed = time.time() - fuzzer.started
    print(f"\nĐã gửi {fuzzer.sent} yêu cầu trong {elapsed:.0f} giây.")
    print("Theo mã trạng thái: " + ", ".join(f"{code or 'không trả lời'}: {n}" for code, n in sorted(fuzzer.statuses.items())))
    print(f"Máy chủ dừng: {len(server.deaths)} lần.")
    if fuzzer.busy:
        print(f"Trong đó {fuzzer.busy} câu trả lời 503 “đang bận” có Retry-After và lời tiếng Việt (giới hạn tạo PDF), không tính là lỗi.")
    print("Số yêu cầu theo loại trang: " + ", ".join(f"{route} {n}" for route, n in sorted(fuzzer.per_route.items())))
    if fuzzer.failures:
        print(f"\n{len(fuzzer.failures)} lỗi:")
        for method, url, status, why, log in fuzzer.failures:
            print(f"  {method} {url[:300]} → {status}: {why}")
        print(f"Nhật ký máy chủ: {server.log_path}")
        sys.exit(1)
    print("Không có lỗi: không có 5xx, máy chủ không dừng, mọi trang từ chối đều bằng tiếng Việt.")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
