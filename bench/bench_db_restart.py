"""PostgreSQL restarted under load: no 500s, and service back within seconds.

    .venv/bin/python bench/bench_db_restart.py [--duration 30] [--restart-at 10] [--down 3]

Serves the app with gunicorn on a PostgreSQL database of its own (demo data), drives it with a
bounded closed-loop load on loopback, stops PostgreSQL at ``--restart-at`` seconds, starts it
again ``--down`` seconds later, and reports every status seen, the number of 500s (the target
is none: pages answer 503 with Retry-After while the database is away) and how long after
PostgreSQL accepted connections again the first page was served (the target is under 5 s).
Needs to run as a user allowed to run ``pg_ctlcluster`` (root on the CI machines).
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import run_load, wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
HOST, PORT = "127.0.0.1", 8711
SERVER_URL = "postgres://postgres@127.0.0.1:5432"
DATABASE = "policy_timeline_restart_bench"


def cluster_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def pg_ctl(action: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main", action],
        check=True,
    )


def accepting_connections() -> bool:
    try:
        psycopg.connect(f"{SERVER_URL}/postgres", connect_timeout=1).close()
    except psycopg.OperationalError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--restart-at", type=float, default=10.0)
    parser.add_argument("--down", type=float, default=3.0)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()

    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "timeline.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{SERVER_URL}/{DATABASE}",
    }
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_demo"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run([str(PYTHON), "manage.py", *command], cwd=ROOT, env=env, check=True)

    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"), "timeline.wsgi:application",
            "--bind", f"{HOST}:{PORT}", "--workers", "2", "--threads", "4",
            "--worker-class", "gthread", "--log-level", "warning",
        ],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    marks: dict[str, float] = {}
    try:
        wait_for(HOST, PORT, "/healthz")
        began = time.perf_counter()

        def restart() -> None:
            time.sleep(args.restart_at)
            marks["stop"] = time.perf_counter() - began
            pg_ctl("stop")
            time.sleep(args.down)
            pg_ctl("start")
            while not accepting_connections():
                time.sleep(0.05)
            marks["back"] = time.perf_counter() - began

        restarter = threading.Thread(target=restart)
        restarter.start()
        result = run_load(
            HOST, PORT, ["/", "/healthz", "/events/1/"], concurrency=args.concurrency,
            duration=args.duration,
        )  # fmt: skip
        restarter.join()
    finally:
        server.terminate()
        server.wait(timeout=10)
        if not accepting_connections():
            pg_ctl("start")

    # Load started a moment after ``began``; the offset is below a millisecond.
    after = [(t, status) for t, status in result.timeline if t >= marks["back"]]
    first_ok = next((t for t, status in after if status == 200), None)
    recovery = f"{first_ok - marks['back']:.2f} s" if first_ok is not None else "never"
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(result.statuses.items()))
    print(
        f"\nPostgreSQL stopped at {marks['stop']:.1f} s, accepting again at {marks['back']:.1f} s"
    )
    print("| requests | statuses | 500s | transport errors | first 200 after restart |")
    print("|---|---|---|---|---|")
    print(
        f"| {result.requests:,} | {statuses} | {result.statuses.get(500, 0)} | "
        f"{sum(result.errors.values())} | {recovery} |"
    )


if __name__ == "__main__":
    main()
