"""CSV export speed and memory at 100k and 1M events, and CSV import of 10,000 rows.

    .venv/bin/python bench/bench_exports.py [--sizes 100000 1000000] [--databases sqlite postgres]
        [--import-rows 10000] [--reuse] [--name pt_exports_bench]

For each database and size, fills a database with N synthetic published events
(``manage.py generate_events``: actors, tags, one to three citations with quotes, so every CSV
cell is produced). Then, in a fresh process per measurement:

* **export**: ``/export.csv`` through the real view and its StreamingHttpResponse (a
  RequestFactory request, DEBUG off), every byte consumed; rows per second, and the peak memory
  growth during the export, both as Python allocations (tracemalloc, a second pass) and as the
  process's resident-set high-water mark (VmHWM) above what it was before the request;
* **import**: the first ``--import-rows`` events exported to CSV, then imported into an empty
  database with actors and tags created (validation, then the one-transaction write), and the
  same file imported again (every row unchanged).

SQLite runs on a file in /tmp; PostgreSQL on ``$BENCH_POSTGRES_URL`` (default
postgres://postgres@127.0.0.1:5432), databases ``pt_exports_bench`` and
``pt_exports_bench_import``. Targets: >= 25,000 rows/s, peak memory growth < 50 MB, import of
10,000 rows < 10 s (``--import-rows 0`` skips the import). Prints Markdown tables. Next to each
export: the rows per second of CPU time the web process used (the database server's share not
counted), and the load average when the export started, since shared machines vary.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SQLITE_DIR = Path("/tmp")


def database_url(kind: str, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{SQLITE_DIR / name}.sqlite3"
    return f"{POSTGRES}/{name}"


def child_env(url: str) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "timeline.settings",
        # DEBUG off: with it on, Django keeps every query in memory.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": url,
    }


def run_child(url: str, *args: str) -> dict:
    """Run this script in a fresh process against ``url``; its last stdout line is JSON."""
    result = subprocess.run(
        [str(PYTHON), __file__, "--child", *args],
        cwd=ROOT,
        env=child_env(url),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def recreate(kind: str, name: str) -> None:
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (SQLITE_DIR / f"{name}.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")


# --- In the child process ----------------------------------------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def fill(count: int) -> dict:
    """Add synthetic published events (``manage.py generate_events``) up to ``count``."""
    from timeline.models import Event
    from timeline.sample_data.synthetic import generate_events

    started = time.perf_counter()
    missing = count - Event.objects.count()
    if missing > 0:
        generate_events(missing)
    return {"events": Event.objects.count(), "seconds": time.perf_counter() - started}


def _vm_hwm_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _reset_hwm() -> None:
    # Writing 5 to clear_refs resets the peak RSS counter (Linux >= 4.0).
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def measure_export(traced: bool) -> dict:
    """Stream /export.csv through the view and count rows, bytes and time (or memory)."""
    import gc
    import tracemalloc

    from django.test import RequestFactory

    from timeline.exports.csv import event_export_csv

    # Warm up before the baseline: connect, and run the view once on an empty result so that
    # the modules and URL patterns a running server has loaded already are not counted.
    for _ in event_export_csv(RequestFactory().get("/export.csv?end=1000-01-01")):
        pass
    request = RequestFactory().get("/export.csv")
    gc.collect()
    _reset_hwm()
    rss_before = _vm_hwm_kb()
    if traced:
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    response = event_export_csv(request)
    lines = size = 0
    for piece in response.streaming_content:
        lines += piece.count(b"\r\n")
        size += len(piece)
    seconds = time.perf_counter() - started
    result = {
        "rows": lines - 1,
        "bytes": size,
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu_started,
        "rss_growth_mb": (_vm_hwm_kb() - rss_before) / 1024,
    }
    if traced:
        result["traced_peak_mb"] = (tracemalloc.get_traced_memory()[1] - baseline) / 2**20
        tracemalloc.stop()
    return result


def write_import_file(rows: int, path: str) -> dict:
    """The first ``rows`` events of the timeline, exported by the CSV export's own code."""
    from django.test import RequestFactory

    from timeline.exports.common import Permalinks
    from timeline.exports.csv import stream_csv
    from timeline.models import Event
    from timeline.queries import EventFilters, filter_events

    first_ids = Event.objects.order_by("id").values_list("id", flat=True)[:rows]
    events = filter_events(EventFilters()).filter(id__in=list(first_ids))
    permalinks = Permalinks(RequestFactory().get("/export.csv"))
    with open(path, "wb") as file:
        for piece in stream_csv(events, permalinks):
            file.write(piece)
    return {"bytes": os.path.getsize(path)}


def measure_import(path: str) -> dict:
    """Import ``path`` twice into this (empty) database; time each phase."""
    from django.db import transaction

    from timeline.imports.csv import apply_plan, import_csv, plan_import, read_csv
    from timeline.models import Event

    data = Path(path).read_bytes()
    started, cpu_started = time.perf_counter(), time.process_time()
    with transaction.atomic():
        plan = plan_import(read_csv(data), create_missing=True)
        checked = time.perf_counter()
        apply_plan(plan)
    written, cpu = time.perf_counter(), time.process_time() - cpu_started
    assert plan.is_valid and plan.created == Event.objects.count(), plan.summary()
    again_started = time.perf_counter()
    again = import_csv(data, create_missing=True)
    again_seconds = time.perf_counter() - again_started
    assert again.unchanged == plan.created, again.summary()
    return {
        "rows": plan.created,
        "validate_seconds": checked - started,
        "write_seconds": written - checked,
        "total_seconds": written - started,
        "total_cpu_seconds": cpu,
        "reimport_seconds": again_seconds,
    }


def child(argv: list[str]) -> None:
    setup_django()
    command, *rest = argv
    if command == "fill":
        migrate()
        result = fill(int(rest[0]))
    elif command == "export":
        result = measure_export(traced=rest[0] == "traced")
    elif command == "write-import-file":
        result = write_import_file(int(rest[0]), rest[1])
    elif command == "import":
        migrate()
        result = measure_import(rest[0])
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


# --- The table -----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument(
        "--name",
        default="pt_exports_bench",
        help="database to fill and export (a PostgreSQL database or /tmp/<name>.sqlite3), e.g. "
        "one that bench/timeline_bench.py filled; default pt_exports_bench",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the events of a previous run (topped up to each size) instead of starting "
        "from an empty database",
    )
    args = parser.parse_args()

    export_rows = [
        "| database | events | rows/s | rows per CPU second | time | CSV size | peak Python memory "
        "| peak RSS growth | load average |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    import_rows = [
        "| database | rows | validate | write (one transaction) | total | total CPU "
        "| re-import (unchanged) | load average |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind in args.databases:
        name = args.name
        if not args.reuse:
            recreate(kind, name)
        url = database_url(kind, name)
        for size in sorted(args.sizes):
            filled = run_child(url, "fill", str(size))
            print(f"{kind}: {filled['events']:,} events ({filled['seconds']:.0f} s to fill)")
            load = os.getloadavg()[0]
            timed = run_child(url, "export", "plain")
            traced = run_child(url, "export", "traced")
            assert timed["rows"] == size, timed
            export_rows.append(
                f"| {kind} | {size:,} | {timed['rows'] / timed['seconds']:,.0f} | "
                f"{timed['rows'] / timed['cpu_seconds']:,.0f} | "
                f"{timed['seconds']:.1f} s | {timed['bytes'] / 2**20:,.0f} MB | "
                f"{traced['traced_peak_mb']:.1f} MB | {timed['rss_growth_mb']:.1f} MB | "
                f"{load:.1f} |"
            )
            print(export_rows[-1], flush=True)
        if not args.import_rows:
            continue
        csv_path = f"/tmp/pt_exports_bench_{args.import_rows}.csv"
        run_child(url, "write-import-file", str(args.import_rows), csv_path)
        target = "pt_exports_bench_import"
        recreate(kind, target)
        load = os.getloadavg()[0]
        result = run_child(database_url(kind, target), "import", csv_path)
        import_rows.append(
            f"| {kind} | {result['rows']:,} | {result['validate_seconds']:.2f} s | "
            f"{result['write_seconds']:.2f} s | {result['total_seconds']:.2f} s | "
            f"{result['total_cpu_seconds']:.2f} s | {result['reimport_seconds']:.2f} s | "
            f"{load:.1f} |"
        )
        print(import_rows[-1], flush=True)
    print()
    print("\n".join(export_rows))
    print()
    print("\n".join(import_rows))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
