"""Load benchmark: every portal page and the PDF against a static file, in the same run.

Serves the project with production settings (DEBUG off, hashed static files, gunicorn with
sync workers) on 127.0.0.1, logs in as a restricted secretary (a member of one party cell),
and measures each page in interleaved rounds together with a static file served by the same
gunicorn and whitenoise. Absolute numbers drift on a shared machine; the ratio to the static
file is the figure. CPU per request is the gunicorn workers' CPU time divided by the
requests they answered.

The secretary opens each page again and again in one session, as a reader does on the 3rd:
from the second visit on, pages are replayed (portal.replay). The row "first opening
(rendered)" asks for the issue under a new URL each time, so it is rendered in full: that is
what a reader's first visit, or any visit after a change, costs.

    DATABASE_URL=postgres://.../big python bench/load.py [--compare postgres://.../demo]
        [--seconds 4] [--rounds 3] [--concurrency 4] [--workers 2]

The database is filled beforehand, e.g. `manage.py generate_dataset --sections 100000`
(large) or `manage.py load_demo` (demo). With --compare, the same pages are measured on a
second database in the same run, and each page's CPU per request is compared.
"""

import argparse
import html
import http.client
import itertools
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
READER = "bench_bithu"
PASSWORD = "bench-secretary-2026"  # noqa: S105 (a local benchmark account)
TICKS = os.sysconf("SC_CLK_TCK")
# CPU in this row is the PDFs' and the pages' together.
BURST = "issue page during a PDF burst"
# A path ending in "=" gets a new number on every request: a URL the reader has not opened in
# this session, which portal.replay cannot answer, so the page is rendered in full.
FRESH = "="

# Run inside the project (manage.py shell): a restricted secretary, and the URLs to measure.
PREPARE = f"""
import json
from django.contrib.auth.models import Group
from django.db.models import Count
from accounts import roles
from accounts.models import User
from bulletins.models import Issue
from documents.models import Document
from people.models import Organisation
user, _ = User.objects.get_or_create(username={READER!r}, defaults={{"last_name": "Lục Văn"}})
user.first_name = "Thư"
user.set_password({PASSWORD!r})
user.save()
user.groups.set(Group.objects.filter(name=roles.SECRETARY))
user.organisations.set([Organisation.objects.filter(kind="cell").order_by("pk").first()])
issue = Issue.objects.visible_to(user).filter(audience="internal").first()
cited = Document.objects.annotate(n=Count("citations")).order_by("-n").first()
print(json.dumps({{
    "issue": issue.get_absolute_url(),
    "document": cited.get_absolute_url(),
    "sections": issue.sections.count(),
    "citations of the document": cited.n,
    "issues": Issue.objects.count(),
    "accounts": User.objects.count(),
}}))
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database_url, media_root):
    return os.environ | {
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": media_root,
        "LOG_LEVEL": "WARNING",
    }


class Client:
    """Plain HTTP/1.1 to the local server, with the session cookie of the logged-in reader."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",  # as behind the HTTPS proxy
            "Accept-Encoding": "gzip",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        connection.close()
        return response, content

    def remember(self, response):
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]

    def login(self):
        response, content = self.request(
            "GET", "/tai-khoan/login/", headers={"Accept-Encoding": ""}
        )
        self.remember(response)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
        body = f"csrfmiddlewaretoken={token.decode()}&username={READER}&password={PASSWORD}"
        response, _ = self.request(
            "POST",
            "/tai-khoan/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://127.0.0.1:{self.port}/tai-khoan/login/",
            },
        )
        self.remember(response)
        if response.status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login failed: {response.status}")


def worker_cpu(master):
    """CPU seconds used so far by the gunicorn workers (the master's children)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a worker restarted meanwhile
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def hammer(client, path, seconds, concurrency, master):
    """Requests from `concurrency` threads for `seconds`: (count, latencies, CPU seconds)."""
    latencies, failures, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds
    numbers = itertools.count()

    def loop():
        while time.monotonic() < deadline:
            started = time.perf_counter()
            fresh = str(next(numbers)) if path.endswith(FRESH) else ""
            response, _ = client.request("GET", path + fresh)
            elapsed = time.perf_counter() - started
            with lock:
                (latencies if response.status == 200 else failures).append(elapsed)

    cpu = worker_cpu(master)
    started = time.monotonic()
    threads = [threading.Thread(target=loop) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    if failures:
        raise SystemExit(f"{path}: {len(failures)} requests failed")
    return len(latencies) / wall, latencies, worker_cpu(master) - cpu


def manage(env, *arguments):
    """Run a management command of the project with these settings; its output."""
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout


def during_burst(client, pages, args, master):
    """The issue page while as many clients download the PDF at the same time."""
    pdfs = threading.Thread(
        target=hammer,
        args=(client, pages["PDF (stored, stamped)"], args.seconds, args.concurrency, master),
    )
    pdfs.start()
    measured = hammer(client, pages["issue page"], args.seconds, args.concurrency, master)
    pdfs.join()
    return measured


def measure(database_url, args):
    media = tempfile.mkdtemp(prefix="bench-media-")
    env = environment(database_url, media)
    facts = json.loads(manage(env, "shell", "-c", PREPARE).strip().splitlines()[-1])
    manage(env, "collectstatic", "--noinput", "-v0")
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn)
        [
            PYTHON, "-m", "gunicorn", "config.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            "--access-logfile", "/dev/null", "--error-logfile", "-",
            # Workers are not recycled while measured: a restarted worker's CPU is lost.
            "--max-requests", "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        client = Client(port)
        for _ in range(100):
            try:
                client.request("GET", "/tai-khoan/login/")
                break
            except OSError:
                time.sleep(0.2)
        client.login()
        home = client.request("GET", "/", headers={"Accept-Encoding": ""})[1].decode()
        css = html.unescape(re.search(r'href="(/static/css/portal[^"]*\.css)"', home).group(1))
        pages = {
            "static file (CSS)": css,
            "home": "/",
            "archive": "/luu-tru/",
            "issue page": facts["issue"],
            "issue page, first opening (rendered)": facts["issue"] + "?lan" + FRESH,
            "document registry": "/van-ban/",
            "most-cited document": facts["document"],
            "people": "/nhan-vat/",
            "events": "/su-kien/",
            "PDF (stored, stamped)": facts["issue"] + "pdf/",
        }
        for path in pages.values():  # warm up: caches, the stored PDF, connections
            for _ in range(3):
                client.request("GET", path)
        results = {name: [] for name in [*pages, BURST]}
        for _ in range(args.rounds):
            for name, path in pages.items():
                results[name].append(
                    hammer(client, path, args.seconds, args.concurrency, server.pid)
                )
            results[BURST].append(during_burst(client, pages, args, server.pid))
        return facts, summarise(results)
    finally:
        server.terminate()
        server.wait(timeout=30)


def summarise(results):
    rows = {}
    static = [rate for rate, _latencies, _cpu in results["static file (CSS)"]]
    for name, rounds in results.items():
        latencies = sorted(
            latency for _rate, round_latencies, _cpu in rounds for latency in round_latencies
        )
        requests = len(latencies)
        rows[name] = {
            "req/s": statistics.mean(rate for rate, _l, _c in rounds),
            "ratio": statistics.mean(
                rate / base for (rate, _l, _c), base in zip(rounds, static, strict=True)
            ),
            "p95 ms": latencies[int(0.95 * (requests - 1))] * 1000,
            "CPU ms/request": sum(cpu for _r, _l, cpu in rounds) / requests * 1000,
        }
    return rows


def table(rows, compared=None):
    head = "| page | req/s | of static | p95 ms | CPU ms/request |"
    lines = [head + (" CPU vs demo |" if compared else ""), "|" + "---|" * (5 + bool(compared))]
    for name, row in rows.items():
        line = (
            f"| {name} | {row['req/s']:.0f} | {row['ratio']:.3f} | {row['p95 ms']:.1f} "
            f"| {row['CPU ms/request']:.1f} |"
        )
        if compared:
            line += f" {row['CPU ms/request'] / compared[name]['CPU ms/request']:.2f}× |"
        lines.append(line)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--compare", help="a second database (e.g. the demo data)")
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4)
    # As gunicorn.conf.py in production: 2 × cores + 1 sync workers.
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count() + 1)
    args = parser.parse_args()
    if not args.database or not args.database.startswith("postgres"):
        raise SystemExit("Give a PostgreSQL database: DATABASE_URL or --database")
    compared = None
    if args.compare:
        facts, compared = measure(args.compare, args)
        print(f"Compared data: {facts}\n\n{table(compared)}\n")
    facts, rows = measure(args.database, args)
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores, {args.workers} workers")
    print(f"Data: {facts}\n\n{table(rows, compared)}")


if __name__ == "__main__":
    main()
