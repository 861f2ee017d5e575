"""The timeline's filtered, faceted fragment and CSV export side by side with Datasette's.

    python3 -m venv /tmp/dsvenv && /tmp/dsvenv/bin/pip install datasette   # not our requirements
    export DATABASE_URL=sqlite:////tmp/pt_bench.sqlite3   # the file bench/timeline_bench.py fills
    .venv/bin/python bench/bench_datasette.py --events 100000 [--requests 400 --concurrency 4]

One run, one SQLite file (filled with N synthetic events by ``manage.py generate_events`` unless
it already holds them), served in turn by gunicorn (production settings, DEBUG off) and by
Datasette (``datasette serve -i``, its read-only mode). The same client threads send the same
filters to both, a fixed number of views each, and the bench prints views per second and p50/p95.

A view is what a reader sees for one set of filters: a page of 25 events sorted by date, the
total, and facet counts by type, country, actor and tag. Ours is one request, the ``/`` fragment
(``HX-Request``), which also counts publishers and a month histogram, plus one request per count
(a facet, or the total and histogram) that did not fit in the page's time budget (as the
browser makes them once the page is shown; here one after the other). Datasette needs three:

- ``timeline_event.json?status__exact=published&event_type__exact=..&country__exact=..
  &date_start__lte=..&date_end__gte=..&_facet=event_type&_facet=country&_sort=date_start
  &_size=25``: the page, its count and the type and country facets;
- ``timeline_eventactor.json?_where=event_id in (select id from timeline_event where ..)
  &_facet=actor_id&_size=0``: the actor facet, over the link table, with the same filters as SQL
  (Datasette facets only a table's own columns);
- the same on ``timeline_event_tags`` with ``_facet=tag_id``.

The table is printed for the first request alone too (type and country facets, Datasette's
closest single request). Before timing, each filter's total is checked to be the same on both.

- cold: every view has filters not asked for before (type x country, type x year), against a
  server just started, so our results cache is empty; Datasette caches no results at all.
- warm: a fixed mix of six views, repeated (our counts and page come from the cache).

CSV: all published events, ours from ``/export.csv`` (each row with its actors, tags and sources
aggregated), Datasette's ``timeline_event.csv?status__exact=published&_stream=on&_size=max`` (the
event table's own columns), one download each, rows per second.
"""

from __future__ import annotations

import argparse
import csv
import html
import http.client
import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
APP_PORT, DATASETTE_PORT = 8741, 8742
RESULTS = {"HX-Request": "true", "HX-Target": "results"}
TOTAL = re.compile(rb'id="result-total"[^>]*><strong>([\d,]+)</strong>')
WARM_MIX = [
    {},
    {"type": "ban"},
    {"country": "CN"},
    {"type": "statement", "country": "US"},
    {"year": 2024},
    {"type": "ban", "country": "US", "year": 2024},
]


def our_path(filters: dict) -> str:
    query = {key: value for key, value in filters.items() if key != "year"}
    if "year" in filters:
        query |= {"start": filters["year"], "end": filters["year"]}
    return f"/?{urllib.parse.urlencode(query)}" if query else "/"


def event_conditions(filters: dict) -> dict[str, str]:
    conditions = {"status__exact": "published"}
    if "type" in filters:
        conditions["event_type__exact"] = filters["type"]
    if "country" in filters:
        conditions["country__exact"] = filters["country"]
    if "year" in filters:
        conditions["date_start__lte"] = f"{filters['year']}-12-31"
        conditions["date_end__gte"] = f"{filters['year']}-01-01"
    return conditions


def event_sql(filters: dict) -> str:
    """The same filters as SQL, for the link tables' ``_where``."""
    operators = {"exact": "=", "lte": "<=", "gte": ">="}
    clauses = []
    for key, value in event_conditions(filters).items():
        column, operator = key.split("__")
        clauses.append(f"{column} {operators[operator]} '{value}'")
    return "select id from timeline_event where " + " and ".join(clauses)


def datasette_view(database: str, filters: dict) -> list[str]:
    table = urllib.parse.urlencode(
        event_conditions(filters)
        | {"_sort": "date_start", "_size": 25, "_facet": ["event_type", "country"]},
        doseq=True,
    )
    where = urllib.parse.urlencode({"_where": f"event_id in ({event_sql(filters)})"})
    return [
        f"/{database}/timeline_event.json?{table}",
        f"/{database}/timeline_eventactor.json?{where}&_facet=actor_id&_size=0",
        f"/{database}/timeline_event_tags.json?{where}&_facet=tag_id&_size=0",
    ]


def cold_filters(database: Path, count: int) -> list[dict]:
    with sqlite3.connect(database) as connection:
        types = [
            row[0] for row in connection.execute("select distinct event_type from timeline_event")
        ]
        countries = [
            row[0]
            for row in connection.execute(
                "select country from timeline_event where country != '' group by country "
                "order by count(*) desc"
            )
        ]
    combinations = [{"type": t, "country": c} for c in countries for t in types]
    combinations += [{"type": t, "year": y} for y in range(2015, 2027) for t in types]
    warm = {json.dumps(filters, sort_keys=True) for filters in WARM_MIX}
    fresh = [f for f in combinations if json.dumps(f, sort_keys=True) not in warm]
    if len(fresh) < count:
        sys.exit(f"only {len(fresh)} distinct filter combinations; ask for fewer --requests")
    return fresh[:count]


# A facet of ours, or the total and histogram, whose counts did not fit in the page's time
# budget: the browser then asks for them (htmx, hx-trigger="load"), so they are part of the view.
DEFERRED = re.compile(rb'id="(facet-[a-z]+)"[^>]*hx-get="([^"]*)"[^>]*hx-trigger="load"')


def drive(port: int, views: list[list[str]], concurrency: int, headers: dict, pid: int) -> dict:
    """Send every view (its requests one after another) from ``concurrency`` keep-alive client
    threads, with the requests of our facets counted after the page; views per second, p50 and
    p95 view time in ms, the server's (process ``pid`` and its children) CPU ms per view, which
    the other jobs of a shared machine do not inflate, and how many facets were counted after
    their page."""
    pending = iter(views)
    lock = threading.Lock()
    latencies: list[float] = []
    failures: list[str] = []
    deferred: list[str] = []

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        while True:
            with lock:
                view = next(pending, None)
            if view is None:
                break
            started = time.perf_counter()
            paths = [(path, headers) for path in view]
            while paths:
                path, sent = paths.pop(0)
                connection.request("GET", path, headers=sent)
                response = connection.getresponse()
                body = response.read()
                if response.status != 200:
                    failures.append(f"{response.status} {path} {body[:200]!r}")
                for target, facet_path in DEFERRED.findall(body):
                    deferred.append(path)
                    facet_headers = headers | {"HX-Target": target.decode()}
                    paths.append((html.unescape(facet_path.decode()), facet_headers))
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
        connection.close()

    began, cpu = time.perf_counter(), server_cpu(pid)
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds, cpu = time.perf_counter() - began, server_cpu(pid) - cpu
    if failures:
        sys.exit(f"{len(failures)} failed requests, e.g. {failures[0]}")
    ordered = sorted(latencies)
    return {
        "rate": len(views) / seconds,
        "p50": ordered[len(ordered) // 2],
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "cpu": cpu * 1000 / len(views),
        "deferred": len(deferred),
    }


def get(port: int, path: str, headers: dict | None = None) -> bytes:
    connection = http.client.HTTPConnection(HOST, port, timeout=600)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 200, (path, response.status, body[:300])
    return body


def server_cpu(pid: int) -> float:
    """CPU seconds (user and system) used so far by process ``pid`` and its children (a
    gunicorn master and its workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while the list was read
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def csv_rate(port: int, path: str, pid: int) -> dict:
    """One CSV download: its rows, rows per second and the server's CPU seconds.

    The body is timed to its last byte, read in large blocks into a temporary file, and its
    rows are counted afterwards: parsing it while it arrives would charge the client's parsing,
    which grows with the file's bytes, to the server on a machine whose cores both share.
    """
    cpu = server_cpu(pid)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=600)
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200, (path, response.status)
    with tempfile.TemporaryFile() as body:
        while block := response.read(1 << 20):
            body.write(block)
        seconds = time.perf_counter() - started
        cpu = server_cpu(pid) - cpu
        connection.close()
        size = body.tell()
        body.seek(0)
        text = io.TextIOWrapper(body, encoding="utf-8-sig", newline="")
        rows = sum(1 for _ in csv.reader(text)) - 1
    return {"rows": rows, "rate": rows / seconds, "cpu": cpu, "bytes": size}


def print_csv(ours: list[dict], theirs: list[dict]) -> None:
    """Each download's rows per second and the server's CPU seconds per 100,000 rows; with
    several rounds, the ratios of their medians."""
    print(f"\n{'CSV export':<20}{'rows':>11}{'MB':>6}{'rows/s':>9}{'CPU s / 100k rows':>19}")
    for server_name, downloads in (("ours /export.csv", ours), ("Datasette .csv", theirs)):
        for download in downloads:
            print(
                f"{server_name:<20}{download['rows']:>11,}{download['bytes'] / 1e6:>6.0f}"
                f"{download['rate']:>9,.0f}{download['cpu'] / download['rows'] * 1e5:>19.2f}"
            )
    rate = statistics.median(o["rate"] for o in ours) / statistics.median(t["rate"] for t in theirs)
    cpu = statistics.median(t["cpu"] / t["rows"] for t in theirs) / statistics.median(
        o["cpu"] / o["rows"] for o in ours
    )
    print(f"ours / Datasette: rows per second {rate:.2f}, rows per CPU second {cpu:.2f}")


def ensure_database(env: dict[str, str], database: Path, count: int) -> None:
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], **run)
    with sqlite3.connect(database) as connection:
        (existing,) = connection.execute(
            "select count(*) from timeline_event_tags join timeline_tag on tag_id = "
            "timeline_tag.id where slug = 'synthetic'"
        ).fetchone()
    if existing != count:
        if existing:
            subprocess.run([sys.executable, "manage.py", "generate_events", "--delete"], **run)
        subprocess.run(
            [sys.executable, "manage.py", "generate_events", "--count", str(count)], **run
        )


def serve(command: list[str], env: dict[str, str], port: int, ready: str) -> subprocess.Popen:
    # Datasette logs every request; gunicorn logs only warnings and errors, which stay visible.
    quiet = subprocess.DEVNULL if port == DATASETTE_PORT else None
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=quiet)
    wait_for(HOST, port, ready)
    return server


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=30)


def gunicorn_command(workers: int) -> list[str]:
    return [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "timeline.wsgi:application",
        "--bind", f"{HOST}:{APP_PORT}", "--workers", str(workers), "--log-level", "warning",
        # One sync worker, as measured (deploy/ runs threaded workers, which a long download does
        # not time out); a sync worker is restarted after --timeout seconds in one request and a
        # million-row CSV takes longer.
        "--timeout", "900",
    ]  # fmt: skip


def datasette_command(datasette: Path, database: Path) -> list[str]:
    return [
        str(datasette), "serve", "-i", str(database), "-h", HOST, "-p", str(DATASETTE_PORT),
        "--setting", "sql_time_limit_ms", "30000", "--setting", "facet_time_limit_ms", "30000",
        "--setting", "max_csv_mb", "0", "--setting", "default_facet_size", "30",
    ]  # fmt: skip


def csv_side_by_side(args: argparse.Namespace, env: dict[str, str], database: Path) -> None:
    """Both servers up at once, one download from each in turn per round, so that both meet
    the same load on a shared machine."""
    ours, theirs = [], []
    app = serve(gunicorn_command(args.workers), env, APP_PORT, "/healthz")
    try:
        datasette = datasette_command(args.datasette, database)
        server = serve(datasette, os.environ.copy(), DATASETTE_PORT, "/-/versions.json")
        try:
            path = (
                f"/{database.stem}/timeline_event.csv?status__exact=published&_stream=on&_size=max"
            )
            load = os.getloadavg()[0]
            for _ in range(args.csv_only):
                ours.append(csv_rate(APP_PORT, "/export.csv", app.pid))
                theirs.append(csv_rate(DATASETTE_PORT, path, server.pid))
        finally:
            stop(server)
    finally:
        stop(app)
        shutil.rmtree(ROOT / "staticfiles", ignore_errors=True)
    print(
        f"\nSQLite, {args.events:,} synthetic events, {args.csv_only} rounds, gunicorn "
        f"{args.workers} workers, {os.cpu_count()} CPUs, load average {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end"
    )
    print_csv(ours, theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="views per state and server")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--datasette", type=Path, default=Path("/tmp/dsvenv/bin/datasette"))
    parser.add_argument(
        "--csv-only",
        type=int,
        metavar="ROUNDS",
        help="only the CSV downloads, both servers up, ours then Datasette's, ROUNDS times",
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "sqlite:////tmp/pt_bench.sqlite3")
    if not url.startswith("sqlite:///"):
        parser.error("DATABASE_URL must name a SQLite file (Datasette reads SQLite)")
    if not args.datasette.exists():
        parser.error(f"no Datasette at {args.datasette}; see the first line of --help")
    database = Path(url.removeprefix("sqlite:///"))
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "timeline.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        # A fresh key space: with REDIS_URL the cold run really starts from an empty cache.
        "DJANGO_CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
    }
    ensure_database(env, database, args.events)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    if args.csv_only:
        csv_side_by_side(args, env, database)
        return
    cold = cold_filters(database, args.requests)
    warm = [WARM_MIX[n % len(WARM_MIX)] for n in range(args.requests)]
    name = database.stem
    results: dict[tuple[str, str], dict] = {}
    totals: dict[str, int] = {}

    server = serve(gunicorn_command(args.workers), env, APP_PORT, "/healthz")
    try:
        results["ours", "cold"] = drive(
            APP_PORT, [[our_path(f)] for f in cold], args.concurrency, RESULTS, server.pid
        )
        for _ in range(args.workers * 2):  # every worker's cache holds the warm mix
            views = [[our_path(f)] for f in WARM_MIX]
            drive(APP_PORT, views, args.concurrency, RESULTS, server.pid)
        results["ours", "warm"] = drive(
            APP_PORT, [[our_path(f)] for f in warm], args.concurrency, RESULTS, server.pid
        )
        for filters in WARM_MIX:
            match = TOTAL.search(get(APP_PORT, our_path(filters), RESULTS))
            totals[json.dumps(filters)] = int(match[1].replace(b",", b""))
        our_csv = csv_rate(APP_PORT, "/export.csv", server.pid)
    finally:
        stop(server)
        shutil.rmtree(ROOT / "staticfiles", ignore_errors=True)

    datasette = datasette_command(args.datasette, database)
    server = serve(datasette, os.environ.copy(), DATASETTE_PORT, "/-/versions.json")
    try:
        for filters in WARM_MIX:
            page = json.loads(get(DATASETTE_PORT, datasette_view(name, filters)[0]))
            theirs = page["filtered_table_rows_count"]
            ours = totals[json.dumps(filters)]
            assert theirs == ours, f"{filters}: Datasette counts {theirs}, the timeline {ours}"
        for state, views in (("cold", cold), ("warm", warm)):
            results["Datasette", state] = drive(
                DATASETTE_PORT,
                [datasette_view(name, f) for f in views],
                args.concurrency,
                {},
                server.pid,
            )
            results["Datasette, event table only", state] = drive(
                DATASETTE_PORT,
                [datasette_view(name, f)[:1] for f in views],
                args.concurrency,
                {},
                server.pid,
            )
        their_csv = csv_rate(
            DATASETTE_PORT,
            f"/{name}/timeline_event.csv?status__exact=published&_stream=on&_size=max",
            server.pid,
        )
    finally:
        stop(server)

    print(
        f"\nSQLite, {args.events:,} synthetic events, {args.requests} views per state, "
        f"{args.concurrency} client threads, gunicorn {args.workers} workers, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end"
    )
    for state in ("cold", "warm"):
        counted_after = results["ours", state]["deferred"]
        print(f"Our facets counted after their page ({state}): {counted_after}")
    print(
        f"{'server':<30}{'state':>6}{'views/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'ours x':>9}"
        f"{'CPU ms/view':>13}{'ours x, CPU':>13}"
    )
    for (server_name, state), figures in results.items():
        ratio = results["ours", state]["rate"] / figures["rate"]
        cpu_ratio = figures["cpu"] / results["ours", state]["cpu"]
        print(
            f"{server_name:<30}{state:>6}{figures['rate']:>10.1f}{figures['p50']:>9.0f}"
            f"{figures['p95']:>9.0f}{ratio:>9.2f}{figures['cpu']:>13.1f}{cpu_ratio:>13.2f}"
        )
    print_csv([our_csv], [their_csv])


if __name__ == "__main__":
    main()
