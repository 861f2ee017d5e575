"""The review page of one huge article: time, size and queries per page.

    .venv/bin/python bench/bench_review.py [--candidates 1300] [--databases sqlite postgres]
        [--repeat 3] [--name pt_review_bench]

Builds one article of ``--candidates`` sentences, each the evidence of one candidate event with
an actor (as a long page ingested from the UI gives), plus 200 published events dated among them
so the "looks like a published event" matching has work to do. Then, in a fresh process per
database, an editor opens the review page through the real URL (the test client, DEBUG off,
``tests.settings``):
page 1, a middle page and the last page, each ``--repeat`` times; prints the best time, the
response size and the number of queries as a Markdown table.

SQLite runs on a file in /tmp; PostgreSQL on ``$BENCH_POSTGRES_URL`` (default
postgres://postgres@127.0.0.1:5432), database ``--name`` (dropped and created again).
Target: every page well under gunicorn's 30 s timeout (under 1 s here).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SQLITE_DIR = Path("/tmp")
PUBLISHED = 200


def database_url(kind: str, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{SQLITE_DIR / name}.sqlite3"
    return f"{POSTGRES}/{name}"


def recreate(kind: str, name: str) -> None:
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (SQLITE_DIR / f"{name}.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def child_env(url: str) -> dict[str, str]:
    return os.environ | {
        # The production settings with static files served without a collectstatic step.
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        # DEBUG off, as in production; queries are counted with a context manager instead.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": url,
    }


def build(candidates: int) -> int:
    """The article and its candidates; returns the source's id."""
    from django.core.management import call_command

    from timeline.models import Actor, Citation, Event, EventActor, Source

    call_command("migrate", verbosity=0)
    start = date(2025, 1, 1)
    sentences = [
        f"The ministry announced measure {n} on {(start + timedelta(days=n % 300)):%d %B %Y}."
        for n in range(candidates)
    ]
    text = " ".join(sentences)
    source = Source.objects.create(
        title="A very long article", publisher="Bench Wire", text=text, published_on=start
    )
    ministry = Actor.objects.create(name="Ministry of Measures", kind=Actor.Kind.GOVERNMENT)
    events = Event.objects.bulk_create(
        Event(
            title=f"Ministry announces measure {n}",
            date_start=start + timedelta(days=n % 300),
            date_end=start + timedelta(days=n % 300),
            precision=Event.Precision.DAY,
            status=Event.Status.CANDIDATE,
            event_type="statement",
            confidence=0.6,
        )
        for n in range(candidates)
    )
    published = Event.objects.bulk_create(
        Event(
            title=f"Ministry announces measure {n * 7}",
            date_start=start + timedelta(days=(n * 7) % 300),
            date_end=start + timedelta(days=(n * 7) % 300),
            precision=Event.Precision.DAY,
            status=Event.Status.PUBLISHED,
            event_type="statement",
        )
        for n in range(PUBLISHED)
    )
    EventActor.objects.bulk_create(
        EventActor(event=event, actor=ministry, role=EventActor.Role.INITIATOR)
        for event in [*events, *published]
    )
    offset, citations = 0, []
    for event, sentence in zip(events, sentences, strict=True):
        citations.append(
            Citation(
                event=event,
                source=source,
                quote=sentence,
                start_offset=offset,
                end_offset=offset + len(sentence),
                date_start=event.date_start,
                date_end=event.date_end,
                precision=event.precision,
            )
        )
        offset += len(sentence) + 1
    Citation.objects.bulk_create(citations)
    return source.pk


def measure(source_id: int, pages: list[int], repeat: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.factories import create_editor

    client = Client()
    client.force_login(create_editor())
    rows = []
    for page in pages:
        best, size, queries = float("inf"), 0, 0
        for _ in range(repeat):
            began = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(f"/review/sources/{source_id}/?page={page}")
            best = min(best, time.perf_counter() - began)
            assert response.status_code == 200, response.status_code
            size, queries = len(response.content), len(captured)
        rows.append({"page": page, "seconds": best, "bytes": size, "queries": queries})
    return rows


def child(candidates: int, repeat: int) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    source_id = build(candidates)
    per_page = 25
    last = max(1, -(-candidates // per_page))
    pages = sorted({1, (last + 1) // 2, last})
    print(json.dumps(measure(source_id, pages, repeat)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1300)
    parser.add_argument("--databases", nargs="+", default=["sqlite"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--name", default="pt_review_bench")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.candidates, args.repeat)
        return
    print(f"Review page of one article with {args.candidates} candidates (best of {args.repeat})")
    print()
    print("| database | page | seconds | size (KB) | queries |")
    print("|---|---:|---:|---:|---:|")
    for kind in args.databases:
        recreate(kind, args.name)
        result = subprocess.run(
            [str(PYTHON), __file__, "--child", "--candidates", str(args.candidates)]
            + ["--repeat", str(args.repeat)],
            cwd=ROOT,
            env=child_env(database_url(kind, args.name)),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        for row in json.loads(result.stdout.strip().splitlines()[-1]):
            print(
                f"| {kind} | {row['page']} | {row['seconds']:.2f} | {row['bytes'] / 1024:.0f} "
                f"| {row['queries']} |"
            )


if __name__ == "__main__":
    main()
