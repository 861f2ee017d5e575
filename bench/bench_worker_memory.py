"""Memory of one web worker serving the timeline mix, against the database driver's own.

    export DATABASE_URL=sqlite:////tmp/pt_bench_1m.sqlite3   # or postgres://.../pt_bench_1m
    .venv/bin/python bench/bench_worker_memory.py --events 1000000

The database must already hold the N synthetic events (``bench/timeline_bench.py`` fills it).
Starts gunicorn with one worker (production settings, DEBUG off, the local-memory cache), sends
it every view of ``bench/timeline_bench.py``'s mix, each with the requests of its facets counted
after the page (the first round cold, the next from the cache), and reads the worker's resident
set (VmRSS) and its high-water mark (VmHWM) from /proc. For comparison, a bare Python process
that imports the driver, connects and runs one query, and the same worker right after start
(Django and the application loaded, nothing served). No per-process copy of the data: the
worker's growth over its start is what the driver buffers for one query's rows plus the cache's
entries.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8751
DEFERRED = re.compile(rb'id="(facet-[a-z]+)"[^>]*hx-get="([^"]*)"[^>]*hx-trigger="load"')
RESULTS = {"HX-Request": "true", "HX-Target": "results"}

BARE = """
import os, sys
url = sys.argv[1]
if url.startswith("sqlite"):
    import sqlite3
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
else:
    import psycopg
    connection = psycopg.connect(url)
connection.execute("SELECT count(*) FROM timeline_event").fetchall()
status = open("/proc/self/status").read()
print(*(line.split()[1] for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))))
"""


def memory_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, in kB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def mix_paths(env: dict[str, str], events: int) -> list[tuple[str, dict]]:
    """The mix of bench/timeline_bench.py as (path, headers), computed in a child process."""
    code = (
        "import json, sys; sys.argv = ['x', '--events', '1']; import timeline_bench as b;"
        "print(json.dumps([(f'/?{q}', h) for _, q, h in b.views()]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "bench",
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [(path, headers) for path, headers in json.loads(out.splitlines()[-1])]


def get(path: str, headers: dict) -> bytes:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=600)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 200, (path, response.status, body[:300])
    return body


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="events already in the database")
    parser.add_argument("--rounds", type=int, default=2, help="times the mix is sent")
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "timeline.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    bare_rss, bare_hwm = subprocess.run(
        [sys.executable, "-c", BARE, url], check=True, capture_output=True, text=True
    ).stdout.split()
    paths = mix_paths(env, args.events)
    gunicorn = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "timeline.wsgi:application",
        "--bind", f"{HOST}:{PORT}", "--workers", "1", "--log-level", "warning",
        "--timeout", "300",
    ]  # fmt: skip
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env)
    try:
        wait_for(HOST, PORT, "/healthz")
        worker = worker_pid(server.pid)
        started_rss, _ = memory_kb(worker)
        requests = deferred = 0
        began = time.perf_counter()
        for _ in range(args.rounds):
            for path, headers in paths:
                body = get(path, headers)
                requests += 1
                for target, facet_path in DEFERRED.findall(body):
                    facet_headers = {"HX-Request": "true", "HX-Target": target.decode()}
                    get(html.unescape(facet_path.decode()), facet_headers)
                    deferred += 1
        seconds = time.perf_counter() - began
        served_rss, served_hwm = memory_kb(worker)
    finally:
        server.terminate()
        server.wait(timeout=30)
    database = urlparse(url).scheme
    print(
        f"{database}, {args.events:,} events, {requests} pages and {deferred} deferred facet "
        f"requests in {seconds:.0f} s, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"{'process':<52}{'RSS MB':>8}{'peak MB':>9}")
    rows = [
        ("bare Python, the driver, one connection and query", int(bare_rss), int(bare_hwm)),
        ("gunicorn worker, started (Django and the app)", started_rss, started_rss),
        ("gunicorn worker, after serving the mix", served_rss, served_hwm),
    ]
    for name, rss, hwm in rows:
        print(f"{name:<52}{rss / 1024:>8.1f}{hwm / 1024:>9.1f}")
    print(f"growth of the worker while serving: {(served_hwm - started_rss) / 1024:.1f} MB peak")


if __name__ == "__main__":
    main()
