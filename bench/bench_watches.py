"""1,000 feed items from 20 local feeds: polled, deduplicated and extracted, then polled again.

    .venv/bin/python bench/bench_watches.py [--feeds 20] [--items 50] [--database-url URL]

Serves 20 RSS feeds of 50 made-up articles each (``tests/watch_site.py``; each feed's last item
is the next feed's first, so 980 distinct articles) from a local server, adds one watch per
feed on a fresh database (SQLite in a temporary folder unless ``--database-url``), and runs
``manage.py poll_watches``' function twice in this process. The first poll fetches every feed
and article, stores the sources and their candidate events; the second finds every feed
unchanged (ETag, 304) and fetches nothing else. Prints a table: seconds (wall clock, and the
CPU seconds of this process, test server included), requests served (and how many were 304),
links found, articles stored, candidate events, and the peak resident memory of the process
(it also runs the test server, so the worker alone uses less). Then the CPU seconds that
grouping (``review.group_source_candidates``) spent on an article, averaged over the first and the
last 10% of the articles stored: whether the cost of an article grows with the candidates held.

All feeds live on one host, 127.0.0.1; the per-host gap is set to 0 here, since with the default
of one second the run would take at least 1,000 s by design.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50, help="items per feed")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-watches-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tests.conftest import QuietServer
    from tests.watch_site import FakeClock, Page, Site, SiteHandler, article_html, feed_page
    from timeline.editors import review
    from timeline.ingest.watch import poll_due
    from timeline.models import Event, Source, Watch, WatchItem

    call_command("migrate", verbosity=0)
    settings.INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    settings.WATCH_HOST_INTERVAL = 0
    settings.WATCH_ARTICLES_PER_POLL = args.items

    server = QuietServer(("127.0.0.1", 0), SiteHandler)
    host, port = server.server_address[:2]
    site = server.site = Site(f"http://{host}:{port}", FakeClock())
    for feed in range(args.feeds):
        items = []
        for position in range(args.items):
            # The first item of each feed is also the last item of the next one: a story
            # that two outlets' feeds both carry must be stored once.
            number = (feed * (args.items - 1) + position) % (args.feeds * (args.items - 1))
            path = f"/news/{number}"
            site.pages[path] = Page(body=article_html(number).encode())
            items.append({"link": site.url(path), "guid": f"urn:bench:{number}"})
        site.pages[f"/feed/{feed}.xml"] = feed_page(items, etag=f'"feed-{feed}"')
        Watch.objects.create(url=site.url(f"/feed/{feed}.xml"), interval_minutes=5)
    grouping_seconds = []
    group_source_candidates = review.group_source_candidates

    def timed_grouping(source):
        # The CPU time of this thread only: the test server runs in another.
        started = time.thread_time()
        found = group_source_candidates(source)
        grouping_seconds.append(time.thread_time() - started)
        return found

    review.group_source_candidates = timed_grouping
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    print(
        "| poll | seconds | CPU seconds | requests | of them 304 | links | articles stored "
        "| candidates | peak RSS (MB) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for label in ("first", "second, nothing new"):
        site.requests.clear()
        Watch.objects.update(next_check=None, poll_started_at=None)
        started, cpu_started = time.perf_counter(), time.process_time()
        poll_due()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        not_modified = Watch.objects.filter(status=Watch.Status.NOT_MODIFIED).count()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"| {label} | {seconds:.1f} | {cpu:.1f} | {len(site.requests)} | {not_modified} "
            f"| {WatchItem.objects.count()} "
            f"| {WatchItem.objects.filter(status=WatchItem.Status.STORED).count()} "
            f"| {Event.objects.filter(status=Event.Status.CANDIDATE).count()} | {peak:.0f} |"
        )
    duplicates = WatchItem.objects.exclude(status=WatchItem.Status.STORED).values_list(
        "status", flat=True
    )
    print(f"\nSources: {Source.objects.count()}; links not stored: {sorted(set(duplicates))}")
    tenth = max(1, len(grouping_seconds) // 10)
    first, last = grouping_seconds[:tenth] or [0.0], grouping_seconds[-tenth:] or [0.0]
    print(
        f"Grouping: {sum(grouping_seconds):.1f} CPU seconds for {len(grouping_seconds)} articles; "
        f"{sum(first) / len(first):.3f} s an article over the first {tenth}, "
        f"{sum(last) / len(last):.3f} over the last {tenth}"
    )
    grouped = Event.objects.filter(group_lead__isnull=False).count()
    proposed = Event.objects.filter(proposed_for__isnull=False).count()
    print(f"Candidates grouped under another article's: {grouped}; proposed: {proposed}")
    server.shutdown()


if __name__ == "__main__":
    main()
