"""Server time of the timeline's ``#results`` fragment over a fixed mix of filters and pages.

    export DATABASE_URL=sqlite:////tmp/pt_bench.sqlite3   # or postgres://.../pt_bench
    .venv/bin/python bench/timeline_bench.py --events 100000

Fills the database given by DATABASE_URL (never the one people read) with exactly N synthetic
events (``manage.py generate_events``; reused when already there), then requests each view of
the mix through Django's test client with htmx headers, as the page does: middleware, queries
and template rendering, without network. It prints p50 and p95 per view and over the whole mix,
and the number of SQL queries per request, twice:

- cold: only the unfiltered counts are cached (as after any change to the data, once one
  reader has loaded the unfiltered page); every filtered count is computed by the request;
- warm: the same request again, its counts cached (further pages, back button, shared links).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Production settings (DEBUG off: no query log), reachable by the test client over plain HTTP.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from timeline.models import Event, EventActor, Tag  # noqa: E402
from timeline.queries import (  # noqa: E402
    FACETS,
    Cursor,
    EventFilters,
    facet_cache_key,
    invalidate_facet_cache,
)
from timeline.synthetic import SYNTHETIC_TAG  # noqa: E402

RESULTS = {"HX-Request": "true", "HX-Target": "results"}
LOAD_MORE = {"HX-Request": "true", "HX-Target": "load-more"}


def ensure_events(count: int) -> None:
    marker = Tag.objects.filter(slug=SYNTHETIC_TAG).first()
    present = marker.events.count() if marker else 0
    if present == count:
        print(f"Reusing {count:,} synthetic events.")
        return
    if present:
        call_command("generate_events", delete=True)
    started = time.monotonic()
    call_command("generate_events", count=count)
    print(f"Generated {count:,} events in {time.monotonic() - started:.0f} s.")


def middle_cursor(query: dict) -> str:
    """The page token of the event halfway down the list for ``query`` (a deep page)."""
    events = (
        Event.objects.published().filter(**query).order_by("date_start", "precision_rank", "id")
    )
    total = events.count()
    event = events[total // 2]
    return Cursor.after_event(event).encode()


def views() -> list[tuple[str, str, dict]]:
    """(name, query string, headers): the fixed mix."""
    marker = Tag.objects.get(slug=SYNTHETIC_TAG)
    busiest_actor, quiet_actor = (
        EventActor.objects.values_list("actor__slug", flat=True)
        .annotate(n=django.db.models.Count("id"))
        .order_by(order)
        .first()
        for order in ("-n", "n")
    )
    busiest_tag = (
        Event.tags.through.objects.exclude(tag=marker)
        .values_list("tag__slug", flat=True)
        .annotate(n=django.db.models.Count("id"))
        .order_by("-n")
        .first()
    )
    deep = middle_cursor({})
    deep_statement = middle_cursor({"event_type": "statement"})
    return [
        ("first page, no filter", "", RESULTS),
        ("deep page, no filter", f"after={deep}", RESULTS),
        ("load more (deep), no filter", f"after={deep}", LOAD_MORE),
        ("newest first", "sort=newest", RESULTS),
        ("type", "type=statement", RESULTS),
        ("type, deep page", f"type=statement&after={deep_statement}", RESULTS),
        ("country", "country=CN", RESULTS),
        ("busiest actor", f"actor={busiest_actor}", RESULTS),
        ("quietest actor", f"actor={quiet_actor}", RESULTS),
        ("busiest topic tag", f"tag={busiest_tag}", RESULTS),
        ("publisher", "source=Synthetic+Wire", RESULTS),
        ("search, common word", "q=export", RESULTS),
        ("search, two words", "q=gallium+germanium", RESULTS),
        ("search, rare number", "q=notice+01234", RESULTS),
        ("search, prefix", "q=semicond", RESULTS),
        ("date range (words)", "start=Q1+2023&end=Q1+2023", RESULTS),
        ("since (words)", "start=since+January+2025", RESULTS),
        ("type+country+year", "type=ban&country=US&start=2024&end=2024", RESULTS),
        ("actor+tag, newest", f"actor={busiest_actor}&tag={busiest_tag}&sort=newest", RESULTS),
        ("search+type+dates", "q=chips&type=restriction&start=2022-01-01&end=2024-12-31", RESULTS),
    ]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def unfiltered_keys() -> list[str]:
    signature = EventFilters().signature
    keys = [f"months:{signature}", "names:actor", "names:tag", "max_span"]
    return keys + [f"facet:{dimension}:{signature}" for dimension, _, _ in FACETS]


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed_get(client: Client, url: str, headers: dict) -> tuple[float, int]:
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, counter.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="Synthetic events to bench.")
    parser.add_argument("--repeat", type=int, default=7, help="Requests per view (default 7).")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    ensure_events(args.events)
    client = Client()
    mix = views()
    cache.clear()
    started = time.perf_counter()
    client.get("/", headers=RESULTS)
    fill_ms = (time.perf_counter() - started) * 1000
    unfiltered = {key: cache.get(facet_cache_key(key)) for key in unfiltered_keys()}

    def only_unfiltered_cached() -> None:
        invalidate_facet_cache()
        cache.set_many({facet_cache_key(key): value for key, value in unfiltered.items()})

    rows, cold_all, warm_all = [], [], []
    for name, query, headers in mix:
        url = f"/?{query}"
        cold, warm = [], []
        for _ in range(args.repeat):
            only_unfiltered_cached()
            elapsed, cold_queries = timed_get(client, url, headers)
            cold.append(elapsed)
            elapsed, warm_queries = timed_get(client, url, headers)
            warm.append(elapsed)
        cold_all += cold
        warm_all += warm
        rows.append((name, cold, warm, cold_queries, warm_queries))

    print()
    print(
        f"{connection.vendor}, {args.events:,} synthetic events, {args.repeat} requests per view "
        f"and state, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"Counting everything once (first unfiltered request after a change): {fill_ms:.0f} ms")
    header = f"{'view':<30} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9}"
    print(f"{header} {'queries':>9}")
    for name, cold, warm, cold_queries, warm_queries in rows:
        figures = [percentile(cold, 0.5), percentile(cold, 0.95)]
        figures += [percentile(warm, 0.5), percentile(warm, 0.95)]
        print(
            f"{name:<30} "
            + " ".join(f"{figure:>9.1f}" for figure in figures)
            + f" {cold_queries:>4}/{warm_queries:<4}"
        )
    totals = [statistics.median(cold_all), percentile(cold_all, 0.95)]
    totals += [statistics.median(warm_all), percentile(warm_all, 0.95)]
    print(f"{'whole mix':<30} " + " ".join(f"{figure:>9.1f}" for figure in totals))


if __name__ == "__main__":
    main()
