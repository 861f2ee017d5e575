"""Policy Timeline side by side with the tools people would use instead, on one machine, one run.

    .venv/bin/python bench/bench_compare.py --events 100000 [--duration 20] [--load-duration 60]

Builds (once) a SQLite database with N synthetic published events (``manage.py generate_events``),
then, in the same run:

1. serves it with the production WSGI server (gunicorn, DEBUG off) and, from a separate virtual
   environment that holds only Datasette, serves the same file with Datasette; drives both with
   the same closed-loop load generator over an equivalent query mix (same filters, type and
   country facets, page size 25) and reports requests/s and p95;
2. downloads the same rows as CSV from both (our streamed ``/export.csv``, Datasette's
   ``_stream=on`` CSV);
3. times the extractor against naive ``dateparser.search.search_dates`` on the same texts;
4. runs a bounded load (default 60 s, 20 clients) on the timeline under gunicorn and reports
   errors and p95.

Absolute times drift on shared machines, so the table reports ratios measured minutes apart.
Datasette is installed only in ``bench/.venv-datasette`` (never in the project's environment).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import LoadResult, run_load, wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DATASETTE_VENV = ROOT / "bench" / ".venv-datasette"
DATASETTE_VERSION = "0.65.1"
HOST = "127.0.0.1"
APP_PORT, DATASETTE_PORT = 8701, 8702
PAGE_SIZE = 25

# (our query string, the Datasette equivalent on the timeline_event table)
QUERY_MIX = [
    ("", ""),
    ("type=ban", "event_type__exact=ban"),
    ("country=CN", "country__exact=CN"),
    ("q=export", "_search=export"),
    ("type=statement&country=US", "event_type__exact=statement&country__exact=US"),
    ("start=2024-01-01&end=2024-12-31", "date_end__gte=2024-01-01&date_start__lte=2024-12-31"),
]
CSV_QUERY = ("type=statement", "event_type__exact=statement")


def app_env(database: Path) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "timeline.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{database}",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database(database: Path, count: int, env: dict[str, str]) -> None:
    """Migrate and fill the benchmark database unless it already holds ``count`` events."""
    if database.exists():
        with sqlite3.connect(database) as connection:
            try:
                (existing,) = connection.execute("SELECT count(*) FROM timeline_event").fetchone()
            except sqlite3.OperationalError:
                existing = -1
        if existing == count:
            return
        database.unlink()
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "generate_events", "--count", str(count))


def ensure_datasette() -> Path:
    binary = DATASETTE_VENV / "bin" / "datasette"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        subprocess.run(
            [
                str(DATASETTE_VENV / "bin" / "pip"),
                "install",
                "-q",
                f"datasette=={DATASETTE_VERSION}",
            ],
            check=True,
        )
    return binary


def start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def app_paths() -> list[str]:
    return [f"/?{query}" if query else "/" for query, _ in QUERY_MIX]


def datasette_paths(database: Path) -> list[str]:
    base = (
        f"/{database.stem}/timeline_event.json?status__exact=published&_sort=date_start"
        f"&_size={PAGE_SIZE}&_facet=event_type&_facet=country&_shape=objects"
    )
    return [f"{base}&{query}" if query else base for _, query in QUERY_MIX]


def download_csv(url: str) -> tuple[float, int]:
    """Seconds to download and parse the CSV at ``url``, and its number of data rows."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        rows = sum(1 for _ in csv.reader(io.TextIOWrapper(response, encoding="utf-8-sig"))) - 1
    return time.perf_counter() - started, rows


def csv_cell(result: tuple[float, int]) -> str:
    seconds, rows = result
    return f"{rows:,} rows in {seconds:.2f} s ({rows / seconds:,.0f}/s)"


def extraction_ratio() -> tuple[float, float]:
    """ms per 1,000 words for our extractor and for naive search_dates on the same texts."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_extraction import measure  # the extraction benchmark's own measurement

    ours, naive = measure()
    return ours, naive


def row(name: str, ours: str, theirs: str, ratio: str, note: str = "") -> str:
    return f"| {name} | {ours} | {theirs} | {ratio} | {note} |"


def describe(result: LoadResult) -> str:
    return f"{result.rps:,.0f} req/s, p95 {result.p95:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--database", type=Path, default=Path("/tmp/policy_timeline_compare.sqlite3")
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per comparison run")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--load-duration", type=float, default=60.0)
    parser.add_argument("--load-concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2 cores)")
    args = parser.parse_args()

    database = args.database.resolve()
    env = app_env(database)
    ensure_database(database, args.events, env)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    datasette = ensure_datasette()
    gunicorn = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "timeline.wsgi:application",
        "--bind", f"{HOST}:{APP_PORT}",
        "--workers", str(args.workers),
        "--threads", "4",
        "--worker-class", "gthread",
        "--log-level", "warning",
    ]  # fmt: skip
    table = [
        "| measure | Policy Timeline | Datasette / naive | ratio | note |",
        "|---|---|---|---|---|",
    ]

    app = start(gunicorn, env)
    try:
        wait_for(HOST, APP_PORT, "/healthz")
        htmx = {"HX-Request": "true"}
        run_load(HOST, APP_PORT, app_paths(), concurrency=2, duration=3, headers=htmx)  # warm-up
        ours = run_load(
            HOST, APP_PORT, app_paths(), concurrency=args.concurrency, duration=args.duration,
            headers=htmx,
        )  # fmt: skip
        our_csv = download_csv(f"http://{HOST}:{APP_PORT}/export.csv?{CSV_QUERY[0]}")
    finally:
        stop(app)

    server = start(
        [
            str(datasette), "serve", "-i", str(database), "-h", HOST, "-p", str(DATASETTE_PORT),
            "--setting", "default_page_size", str(PAGE_SIZE),
            "--setting", "sql_time_limit_ms", "10000",
            "--setting", "facet_time_limit_ms", "10000",
            "--setting", "num_sql_threads", "4",
        ]
    )  # fmt: skip
    try:
        wait_for(HOST, DATASETTE_PORT, "/-/versions.json")
        paths = datasette_paths(database)
        run_load(HOST, DATASETTE_PORT, paths, concurrency=2, duration=3)  # warm-up
        theirs = run_load(
            HOST, DATASETTE_PORT, paths, concurrency=args.concurrency, duration=args.duration
        )
        their_csv = download_csv(
            f"http://{HOST}:{DATASETTE_PORT}/{database.stem}/timeline_event.csv?"
            f"status__exact=published&{CSV_QUERY[1]}&_stream=on&_size=max"
        )
    finally:
        stop(server)

    table.append(
        row(
            f"timeline partial, {args.concurrency} clients",
            describe(ours),
            describe(theirs),
            f"{ours.rps / theirs.rps:.2f}x req/s" if theirs.rps else "n/a",
            f"errors: ours {ours.failures}, Datasette {theirs.failures}",
        )
    )
    table.append(
        row(
            "CSV of the same rows",
            csv_cell(our_csv),
            csv_cell(their_csv),
            f"{their_csv[0] / our_csv[0]:.2f}x speed",
            "our rows carry actors, tags and sources",
        )
    )

    try:
        ours_ms, naive_ms = extraction_ratio()
        table.append(
            row(
                "extraction, ms per 1,000 words",
                f"{ours_ms:.1f}",
                f"{naive_ms:.1f} (search_dates)",
                f"{naive_ms / ours_ms:.2f}x speed",
                "seeds + MEANTIME texts",
            )
        )
    except ImportError as error:
        table.append(row("extraction", "n/a", "n/a", "n/a", f"not measured: {error}"))

    app = start(gunicorn, env)
    try:
        wait_for(HOST, APP_PORT, "/healthz")
        load = run_load(
            HOST, APP_PORT, app_paths(), concurrency=args.load_concurrency,
            duration=args.load_duration, headers={"HX-Request": "true"},
        )  # fmt: skip
    finally:
        stop(app)
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(load.statuses.items()))
    table.append(
        row(
            f"bounded load, {args.load_concurrency} clients, {args.load_duration:.0f} s",
            f"{describe(load)}, p50 {load.p50:.1f} ms",
            "",
            "",
            f"{load.failures} errors ({statuses})",
        )
    )

    print(f"\n{args.events:,} published events, SQLite, gunicorn {args.workers} workers\n")
    print("\n".join(table))
    shutil.rmtree(ROOT / "staticfiles", ignore_errors=True)


if __name__ == "__main__":
    main()
