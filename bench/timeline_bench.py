"""Server time of the timeline's ``#results`` fragment over a fixed mix of filters and pages.

    export DATABASE_URL=sqlite:////tmp/pt_bench.sqlite3   # or postgres://.../pt_bench
    .venv/bin/python bench/timeline_bench.py --events 100000

Fills the database given by DATABASE_URL (never the one people read) with exactly N synthetic
events (``manage.py generate_events``; reused when already there), then requests each view of
the mix through Django's test client with htmx headers, as the page does: middleware, queries
and template rendering, without network. It prints p50 and p95 per view and over the whole mix,
and the number of SQL queries per request, twice:

- cold: the cache is empty (as after any change to the data, which gives it a new data
  version): the request counts its facets and histogram and finds its page in SQL;
- warm: the same request again (further pages, the back button, shared links): the data
  version, then the counts and page ids from the cache.

The facet time budget (``TIMELINE_FACET_TIME_LIMIT_MS``) is as configured; the count of facets
over it is printed. Times are wall clock; the CPU columns are the process's own processor
time, which other work on the machine does not inflate (the database server's is not in it).
"""

from __future__ import annotations

import argparse
import os
import secrets
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
from timeline.queries import Cursor  # noqa: E402
from timeline.sample_data.synthetic import SYNTHETIC_TAG  # noqa: E402

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


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed_get(client: Client, url: str, headers: dict) -> tuple[float, float, int, int]:
    """Wall and CPU milliseconds of one request, its number of SQL queries, and the number of
    facets shown without counts (over the time budget)."""
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    unavailable = response.content.lower().count(b"counts unavailable")
    return elapsed, cpu, counter.count, unavailable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="Synthetic events to bench.")
    parser.add_argument("--repeat", type=int, default=7, help="Requests per view (default 7).")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    ensure_events(args.events)
    client = Client()
    mix = views()
    client.get("/", headers=RESULTS)  # connections and templates ready

    rows, wall, cpu = [], {"cold": [], "warm": []}, {"cold": [], "warm": []}
    over_budget = 0
    for name, query, headers in mix:
        url = f"/?{query}"
        samples = {"cold": [], "warm": [], "cold cpu": [], "warm cpu": []}
        for _ in range(args.repeat):
            cache.clear()
            for state in ("cold", "warm"):
                elapsed, processor, count, unavailable = timed_get(client, url, headers)
                over_budget += unavailable
                samples[state].append(elapsed)
                samples[f"{state} cpu"].append(processor)
                wall[state].append(elapsed)
                cpu[state].append(processor)
                samples[f"{state} queries"] = count
        rows.append((name, samples))

    print()
    print(
        f"{connection.vendor}, {args.events:,} synthetic events, {args.repeat} requests per view "
        f"and state, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"Facets shown without counts (over the time budget): {over_budget}")
    print("milliseconds, p50 / p95")
    columns = ("cold", "warm", "cold cpu", "warm cpu")
    print(f"{'view':<28}" + "".join(f"{column:>16}" for column in columns) + "  queries")

    def cell(values: list[float]) -> str:
        return f"{percentile(values, 0.5):.0f} / {percentile(values, 0.95):.0f}"

    for name, samples in rows:
        queries_used = f"{samples['cold queries']}/{samples['warm queries']}"
        print(
            f"{name:<28}"
            + "".join(f"{cell(samples[column]):>16}" for column in columns)
            + f"  {queries_used:>7}"
        )
    whole = [wall["cold"], wall["warm"], cpu["cold"], cpu["warm"]]
    print(f"{'whole mix':<28}" + "".join(f"{cell(values):>16}" for values in whole))


if __name__ == "__main__":
    main()
