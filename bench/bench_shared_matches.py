"""Whether a cold page would gain by finding its matching events once and sharing them.

    export DATABASE_URL=sqlite:////tmp/pt_bench.sqlite3   # filled by bench/timeline_bench.py
    .venv/bin/python bench/bench_shared_matches.py

For the filters whose SQL is the most expensive (a publisher, a prefix search, the busiest tag
and actor), times the two counts every cold page of them runs, the months and the type and
country grid, each with the filter in its own statement (as ``timeline.public.counts`` does),
against a TEMP table of the matching ids (``CREATE TEMP TABLE ... AS`` the filtered queryset's
ids; on PostgreSQL ``ON COMMIT DROP`` inside the transaction) that both counts join. Medians of
five runs, wall and this process's CPU milliseconds (SQLite's work included, not PostgreSQL's).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.backends.utils import CursorWrapper  # noqa: E402
from django.db.models import Count, QuerySet  # noqa: E402
from django.http import QueryDict  # noqa: E402

from timeline.models import Event, EventActor  # noqa: E402
from timeline.queries import EventFilterForm, counted_events  # noqa: E402
from timeline.results import ResultCache, data_version  # noqa: E402
from timeline.sample_data.synthetic import SYNTHETIC_TAG  # noqa: E402

MATCHING = "bench_matching"
MONTHS = (
    "SELECT e.date_start, COUNT(*) FROM timeline_event e "
    f"JOIN {MATCHING} m ON m.id = e.id GROUP BY 1"
)
GRID = (
    "SELECT e.event_type, e.country, COUNT(*) FROM timeline_event e "
    f"JOIN {MATCHING} m ON m.id = e.id GROUP BY 1, 2"
)


def timed(cursor: CursorWrapper, sql: str, params: tuple = ()) -> tuple[float, float]:
    """Wall and CPU milliseconds of one statement, its rows fetched."""
    started, cpu_started = time.perf_counter(), time.process_time()
    cursor.execute(sql, params)
    if cursor.description:
        cursor.fetchall()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000


def sql_of(queryset: QuerySet) -> tuple[str, tuple]:
    """The SQL and parameters of ``queryset``, to run them on a cursor of their own."""
    return queryset.query.sql_with_params()


def busiest(links: QuerySet, field: str) -> str:
    """The slug with the most links, as bench/timeline_bench.py chooses its busy filters."""
    return links.values_list(field, flat=True).annotate(n=Count("id")).order_by("-n").first()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = ResultCache(data_version())
    tag = busiest(Event.tags.through.objects.exclude(tag__slug=SYNTHETIC_TAG), "tag__slug")
    actor = busiest(EventActor.objects.all(), "actor__slug")
    drop = "" if connection.vendor == "sqlite" else " ON COMMIT DROP"
    print(f"{connection.vendor}, {Event.objects.published().count():,} published events")
    print("milliseconds wall/CPU, medians: each count alone | temp table: create + months + grid")
    for query in ("source=Synthetic+Wire", "q=semicond", f"tag={tag}", f"actor={actor}"):
        filters = EventFilterForm(QueryDict(query)).filters
        months = counted_events(filters, results).values_list("date_start").annotate(n=Count("id"))
        grid = counted_events(replace(filters, types=(), countries=()), results)
        grid = grid.values_list("event_type", "country").annotate(n=Count("id"))
        ids_sql, ids_params = sql_of(counted_events(filters, results).values("id"))
        samples: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.runs):
            with transaction.atomic(), connection.cursor() as cursor:
                runs = {
                    "months": timed(cursor, *sql_of(months)),
                    "grid": timed(cursor, *sql_of(grid)),
                    "create": timed(
                        cursor, f"CREATE TEMP TABLE {MATCHING}{drop} AS {ids_sql}", ids_params
                    ),
                    "months (temp)": timed(cursor, MONTHS),
                    "grid (temp)": timed(cursor, GRID),
                }
                if connection.vendor == "sqlite":
                    cursor.execute(f"DROP TABLE {MATCHING}")
            for name, value in runs.items():
                samples.setdefault(name, []).append(value)
        median = {
            name: tuple(statistics.median(run[i] for run in values) for i in (0, 1))
            for name, values in samples.items()
        }
        alone = [sum(median[name][i] for name in ("months", "grid")) for i in (0, 1)]
        shared = [
            sum(median[name][i] for name in ("create", "months (temp)", "grid (temp)"))
            for i in (0, 1)
        ]
        parts = "  ".join(f"{name} {wall:.0f}/{cpu:.0f}" for name, (wall, cpu) in median.items())
        print(
            f"{query:<40} {parts}  | alone {alone[0]:.0f}/{alone[1]:.0f}, "
            f"shared {shared[0]:.0f}/{shared[1]:.0f}"
        )


if __name__ == "__main__":
    main()
