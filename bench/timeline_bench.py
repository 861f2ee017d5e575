"""Server time of the timeline's ``#results`` fragment over a fixed mix of filters and pages.

    export DATABASE_URL=sqlite:////tmp/pt_bench.sqlite3   # or postgres://.../pt_bench
    .venv/bin/python bench/timeline_bench.py --events 100000

Fills the database given by DATABASE_URL (never the one people read) with exactly N synthetic
events (``manage.py generate_events``; reused when already there), then requests each view of
the mix through Django's test client with htmx headers, as the page does: middleware, queries
and template rendering, without network. It prints p50 and p95 per view and over the whole mix,
and the number of SQL queries per request, twice:

- cold: the cache is empty (as after any change to the data, which gives it a new data
  version): the request counts its months and facets within the budget and finds its page;
- warm: the same request again (further pages, the back button, shared links): the data
  version, then the counts and page ids from the cache.

The months (the histogram and the total) and the facets share one time budget per page
(``TIMELINE_FACET_TIME_LIMIT_MS``, as configured). A count past it is sent without its numbers
and fetched by a request of its own once the page is shown (htmx, ``hx-trigger="load"``): the
bench then makes those requests too, one after the other, and prints
"counted", the page's time plus theirs: the time until every count is on the reader's screen
when nothing runs them in parallel. Times are wall clock; the CPU columns are the process's own
processor time, which other work on the machine does not inflate (the database server's is not
in it).
"""

from __future__ import annotations

import argparse
import html
import os
import re
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

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from timeline.models import Event, EventActor, Tag  # noqa: E402
from timeline.queries import Cursor  # noqa: E402
from timeline.sample_data.synthetic import SYNTHETIC_TAG  # noqa: E402

UNAVAILABLE = (b"counts unavailable", b"total is unavailable")
RESULTS = {"HX-Request": "true", "HX-Target": "results"}
LOAD_MORE = {"HX-Request": "true", "HX-Target": "load-more"}
# A facet, or the total and histogram (#facet-months), that fetch their counts once shown
# (templates/timeline/event_list.html).
DEFERRED = re.compile(rb'id="(facet-[a-z]+)"[^>]*hx-get="([^"]*)"[^>]*hx-trigger="load"')


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


class Request:
    """One request's wall and CPU milliseconds and SQL queries, with what its facets did."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0
        self.queries = 0
        self.counted_wall = 0.0
        """The page's time plus that of the requests of its deferred facets."""
        self.deferred = self.unavailable = 0
        self.months_deferred = 0


def _get(
    client: Client, url: str, headers: dict, counter: QueryCounter
) -> tuple[bytes, float, float]:
    with connection.execute_wrapper(counter):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return response.content, elapsed, cpu


def timed_get(client: Client, url: str, headers: dict) -> Request:
    """The page, then each deferred facet's own request as htmx would make it once shown."""
    request, counter = Request(), QueryCounter()
    content, request.wall, request.cpu = _get(client, url, headers, counter)
    request.queries = counter.count
    request.counted_wall = request.wall
    for target, deferred_url in DEFERRED.findall(content):
        if target == b"facet-months":
            request.months_deferred += 1
        else:
            request.deferred += 1
        facet_headers = {"HX-Request": "true", "HX-Target": target.decode()}
        facet, elapsed, _ = _get(
            client, html.unescape(deferred_url.decode()), facet_headers, QueryCounter()
        )
        request.counted_wall += elapsed
        request.unavailable += sum(map(facet.lower().count, UNAVAILABLE))
    request.unavailable += sum(map(content.lower().count, UNAVAILABLE))
    return request


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

    columns = ("cold", "cold counted", "warm", "cold cpu", "warm cpu")
    rows, whole = [], {column: [] for column in columns}
    deferred = months_deferred = unavailable = 0
    for name, query, headers in mix:
        url = f"/?{query}"
        samples = {column: [] for column in columns}
        for _ in range(args.repeat):
            cache.clear()
            cold = timed_get(client, url, headers)
            warm = timed_get(client, url, headers)
            deferred += cold.deferred
            months_deferred += cold.months_deferred
            unavailable += cold.unavailable + warm.unavailable
            values = (cold.wall, cold.counted_wall, warm.wall, cold.cpu, warm.cpu)
            for column, value in zip(columns, values, strict=True):
                samples[column].append(value)
                whole[column].append(value)
            samples["queries"] = f"{cold.queries}/{warm.queries}"
        rows.append((name, samples))

    print()
    print(
        f"{connection.vendor}, {args.events:,} synthetic events, {args.repeat} requests per view "
        f"and state, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(
        f"Count time budget per page: {settings.TIMELINE_FACET_TIME_LIMIT_MS} ms; counted after "
        f"the page (cold): totals {months_deferred}, facets {deferred}; shown without counts: "
        f"{unavailable}"
    )
    print("milliseconds, p50 / p95")
    print(f"{'view':<28}" + "".join(f"{column:>16}" for column in columns) + "  queries")

    def cell(values: list[float]) -> str:
        return f"{percentile(values, 0.5):.0f} / {percentile(values, 0.95):.0f}"

    for name, samples in rows:
        print(
            f"{name:<28}"
            + "".join(f"{cell(samples[column]):>16}" for column in columns)
            + f"  {samples['queries']:>7}"
        )
    print(f"{'whole mix':<28}" + "".join(f"{cell(whole[column]):>16}" for column in columns))


if __name__ == "__main__":
    main()
