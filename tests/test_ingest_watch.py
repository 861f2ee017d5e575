"""Watches: polling feeds, sitemaps and section pages from a local site, and their faults."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
import urllib3
from django.conf import settings as django_settings
from django.test import override_settings
from django.utils import timezone

from tests.factories import create_source
from tests.watch_site import (  # noqa: F401 - fixtures
    Page,
    fake_clock_fixture,
    feed_page,
    politeness_fixture,
    rfc822,
    site_fixture,
    sitemap,
    sitemap_index,
)
from timeline.ingest import fetch
from timeline.ingest.listings import ListedArticle, unique_articles
from timeline.ingest.watch import (
    Politeness,
    RobotsRules,
    claim,
    doubling_wait,
    poll,
    words_pattern,
)
from timeline.models import Event, Source, Tag, Watch, WatchItem
from timeline.tasks import poll_watch

pytestmark = pytest.mark.django_db
Item = WatchItem.Status


def create_watch(site, path="/feed.xml", **fields):
    return Watch.objects.create(url=site.url(path), **{"interval_minutes": 60, **fields})


def run(watch, politeness):
    return poll(watch, politeness=politeness)


def test_a_feed_poll_stores_each_new_article_with_its_candidate_events(site, politeness):
    links = [site.add_article(f"/news/{n}", n) for n in range(3)]
    site.pages["/feed.xml"] = feed_page([{"link": link, "guid": link} for link in links])
    watch = create_watch(site)

    result = run(watch, politeness)

    watch.refresh_from_db()
    assert (result.status, result.new_links) == (Watch.Status.OK, 3)
    assert sorted(watch.items.values_list("status", flat=True)) == [Item.STORED] * 3
    assert Source.objects.filter(origin=Source.Origin.WATCH).count() == 3
    assert (
        Event.objects.filter(
            status=Event.Status.CANDIDATE, citations__source__watch_items__watch=watch
        ).count()
        >= 3
    )
    assert watch.next_check - watch.last_checked == timedelta(minutes=60)
    assert (watch.failures, watch.last_error) == (0, "")


def test_a_watch_with_a_tag_tags_the_candidates_of_its_articles(site, politeness):
    story = Tag.objects.create(name="chips")
    links = [site.add_article(f"/news/{n}", n) for n in range(2)]
    site.pages["/feed.xml"] = feed_page([{"link": link, "guid": link} for link in links])
    watch = create_watch(site, tag=story)

    run(watch, politeness)

    candidates = Event.objects.filter(citations__source__watch_items__watch=watch).distinct()
    assert candidates.count() >= 2
    assert set(candidates.values_list("tags__slug", flat=True)) == {"chips"}


def test_a_second_poll_sends_the_etag_and_a_304_costs_nothing_more(site, politeness):
    link = site.add_article("/news/1", 1)
    site.pages["/feed.xml"] = feed_page([{"link": link}], etag='"v1"')
    watch = create_watch(site)
    run(watch, politeness)
    site.requests.clear()

    result = run(Watch.objects.get(pk=watch.pk), politeness)

    assert result.status == Watch.Status.NOT_MODIFIED
    assert site.paths() == ["/feed.xml"]
    assert site.requests[0].headers["If-None-Match"] == '"v1"'
    assert WatchItem.objects.count() == 1


def test_a_listing_without_an_etag_is_asked_if_modified_since_its_last_date(site, politeness):
    site.pages["/feed.xml"] = feed_page([])
    site.pages["/feed.xml"].last_modified = "Wed, 12 Mar 2025 09:00:00 GMT"
    watch = create_watch(site)
    run(watch, politeness)

    result = run(Watch.objects.get(pk=watch.pk), politeness)

    assert result.status == Watch.Status.NOT_MODIFIED
    assert site.requests[-1].headers["If-Modified-Since"] == "Wed, 12 Mar 2025 09:00:00 GMT"
    assert "If-None-Match" not in site.requests[-1].headers


def test_an_article_already_stored_is_never_fetched_again(site, politeness):
    held = create_source(url=site.url("/news/held"), text="Stored earlier.")
    site.pages["/feed.xml"] = feed_page([{"link": site.url("/news/held?utm_source=feed")}])

    run(create_watch(site), politeness)

    item = WatchItem.objects.get()
    assert (item.status, item.source) == (Item.HELD, held)
    assert "/news/held" not in site.paths()


def test_the_same_text_under_two_addresses_is_stored_once(site, politeness):
    site.add_article("/a", 5)
    site.add_article("/b", 5)
    site.pages["/feed.xml"] = feed_page([{"link": site.url("/a")}, {"link": site.url("/b")}])

    run(create_watch(site), politeness)

    assert Source.objects.count() == 1
    assert sorted(WatchItem.objects.values_list("status", flat=True)) == [
        Item.DUPLICATE,
        Item.STORED,
    ]


def test_requests_to_one_host_are_at_least_a_second_apart_without_real_sleeping(
    site, politeness, fake_clock
):
    links = [site.add_article(f"/news/{n}", n) for n in range(4)]
    site.pages["/feed.xml"] = feed_page([{"link": link} for link in links])

    run(create_watch(site), politeness)

    times = [request.at for request in site.requests]
    assert len(times) == 6  # robots.txt, the feed, four articles
    assert all(later - earlier >= 1 for earlier, later in zip(times, times[1:], strict=False))
    assert sum(fake_clock.slept) == pytest.approx(5)


def take_turns(workers, urls):
    """Each of ``workers`` (a Politeness each, as in separate worker processes) takes a turn for
    each of ``urls`` in a thread of its own, all starting together on a clock that stands still;
    the times their turns came, by url."""
    start = threading.Barrier(workers)
    turns = []

    def work():
        waits = []
        politeness = Politeness(clock=lambda: 5000.0, sleep=waits.append)
        start.wait()
        for url in urls:
            waits.clear()
            politeness.wait_turn(url)
            turns.append((url, 5000.0 + sum(waits)))

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return turns


@pytest.mark.django_db(databases=[])
def test_two_workers_sharing_the_cache_keep_the_gap_between_them(settings):
    """The workers share only Django's cache: each turn for a host comes at least
    WATCH_HOST_INTERVAL after every other worker's, while another host is not held up."""
    settings.WATCH_HOST_INTERVAL = 1.5
    one, other = "https://news.example.org/a", "https://other.example.net/b"

    turns = take_turns(2, [one, one, one, other])

    assert sorted(time for url, time in turns if url == one) == [5000 + 1.5 * n for n in range(6)]
    assert sorted(time for url, time in turns if url == other) == [5000, 5001.5]


TAKE_TURNS = """
import json, sys, django
django.setup()
from timeline.ingest.watch import Politeness
waits = []
politeness = Politeness(clock=lambda: 5000.0, sleep=waits.append)
print("ready", flush=True)
sys.stdin.readline()
turns = []
for _ in range(3):
    waits.clear()
    politeness.wait_turn("https://news.example.org/a")
    turns.append(5000.0 + sum(waits))
print(json.dumps(turns))
"""


def test_two_worker_processes_sharing_redis_keep_the_gap_between_them():
    """The production setting: two processes whose only link is the Redis cache (db 4 on this
    machine, skipped where Redis does not run)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "REDIS_URL": "redis://127.0.0.1:6379/4",
        "TEST_CACHE_KEY_PREFIX": f"watch-turns-{os.getpid()}-{time.time_ns()}",
        "WATCH_HOST_INTERVAL": "1.5",
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", TAKE_TURNS],
            cwd=django_settings.BASE_DIR,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for worker in workers:  # both start together, to contend for the host
        assert worker.stdout.readline() == "ready\n"
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    turns = [json.loads(worker.communicate(timeout=60)[0]) for worker in workers]

    assert sorted(turns[0] + turns[1]) == [5000 + 1.5 * n for n in range(6)]


def test_robots_txt_is_read_once_per_host_and_obeyed(site, politeness):
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    allowed = site.add_article("/news/1", 1)
    forbidden = site.add_article("/private/2", 2)
    site.pages["/feed.xml"] = feed_page([{"link": allowed}, {"link": forbidden}])

    run(create_watch(site), politeness)

    assert site.paths().count("/robots.txt") == 1
    assert "/private/2" not in site.paths()
    assert WatchItem.objects.get(url=forbidden).status == Item.BLOCKED
    assert WatchItem.objects.get(url=allowed).status == Item.STORED


def test_robots_txt_read_by_one_worker_is_used_by_another_until_an_hour_after_its_fetch(
    site, fake_clock
):
    """Two workers share nothing but Django's cache (two Politeness objects, each keeping
    only its own parse of the rules): the second uses the robots.txt the first read, and an
    hour after that fetch, whoever asks next reads it again."""
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    first, second = (Politeness(clock=fake_clock.time, sleep=fake_clock.sleep) for _ in "12")

    assert first.allowed(site.url("/news/1"))
    fake_clock.now += 3000
    assert not second.allowed(site.url("/private/2"))
    assert second.allowed(site.url("/news/3"))
    assert site.paths() == ["/robots.txt"]

    fake_clock.now += 600  # an hour after the first fetch, not after the second worker's read
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /\n", content_type="text/plain"
    )
    assert not second.allowed(site.url("/news/3"))
    assert not first.allowed(site.url("/news/1"))
    assert site.paths() == ["/robots.txt", "/robots.txt"]


def test_robots_txt_is_parsed_once_for_each_fetch(site, politeness, fake_clock, monkeypatch):
    parsed = []
    parser = RobotsRules.parser
    monkeypatch.setattr(RobotsRules, "parser", lambda rules: parsed.append(rules) or parser(rules))
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )

    assert politeness.allowed(site.url("/news/1"))
    assert not politeness.allowed(site.url("/private/2"))
    assert politeness.allowed(site.url("/news/3"))
    assert len(parsed) == 1

    fake_clock.now += 3600  # read again an hour after its fetch, and parsed again
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /\n", content_type="text/plain"
    )
    assert not politeness.allowed(site.url("/news/1"))
    assert not politeness.allowed(site.url("/news/3"))
    assert len(parsed) == 2
    assert site.paths() == ["/robots.txt", "/robots.txt"]


def test_an_unreadable_robots_txt_disallows_everything_for_ten_minutes_only(site, fake_clock):
    site.pages["/robots.txt"] = Page(503, b"busy", "text/plain")
    first, second = (Politeness(clock=fake_clock.time, sleep=fake_clock.sleep) for _ in "12")

    assert not first.allowed(site.url("/news/1"))
    assert "503" in second.robots_check(site.url("/news/1"))[1]
    site.pages["/robots.txt"] = Page(404, b"none", "text/plain")
    fake_clock.now += 599
    assert not second.allowed(site.url("/news/1"))
    fake_clock.now += 1
    assert second.allowed(site.url("/news/1"))  # no robots.txt (4xx) allows everything
    assert first.robots_check(site.url("/news/1"))[1] == ""
    assert site.paths() == ["/robots.txt", "/robots.txt"]


def test_a_robots_txt_answered_with_429_is_unreadable_not_absent(site, fake_clock):
    """Too Many Requests asks the crawler to slow down: unlike a 404 it allows nothing."""
    site.pages["/robots.txt"] = Page(429, b"slow down", "text/plain")
    politeness = Politeness(clock=fake_clock.time, sleep=fake_clock.sleep)

    assert not politeness.allowed(site.url("/news/1"))
    assert "429" in politeness.robots_check(site.url("/news/1"))[1]
    site.pages["/robots.txt"] = Page(404, b"none", "text/plain")
    fake_clock.now += 600
    assert politeness.allowed(site.url("/news/1"))
    assert site.paths() == ["/robots.txt", "/robots.txt"]


def test_robots_txt_follows_five_redirects_where_pages_follow_three(monkeypatch, politeness):
    """RFC 9309 (2.3.1.2): at least five redirects for robots.txt. The local server cannot
    serve a redirect chain, so the network is replaced here."""

    def get(url, deadline, timeout, allow_test_loopback, headers=None):
        response = requests.Response()
        rules = io.BytesIO(b"User-agent: *\nDisallow: /private/\n")
        response.url, response.raw = url, urllib3.HTTPResponse(rules, preload_content=False)
        hop = int(url.rsplit("/hop-", 1)[1]) if "/hop-" in url else 0
        if hop < 5:
            response.status_code = 301
            response.headers["Location"] = f"/hop-{hop + 1}"
        else:
            response.status_code = 200
            response.headers["Content-Type"] = "text/plain"
        return response

    monkeypatch.setattr(fetch, "_get", get)

    assert politeness.allowed("https://news.example.org/news/1")
    assert not politeness.allowed("https://news.example.org/private/1")
    assert politeness.robots_check("https://news.example.org/news/1")[1] == ""


def _in_two_hours() -> str:
    """An Expires date two hours after the test server's Date (both on the real clock)."""
    return format_datetime(datetime.now(UTC) + timedelta(hours=2), usegmt=True)


@pytest.mark.parametrize(
    ("status", "headers", "trusted_for", "read_again_after"),
    [
        (200, {}, 3599, 3600),  # the server says nothing: an hour
        (200, {"Cache-Control": "public, max-age=120"}, 119, 120),
        (200, {"Cache-Control": 'max-age="600"'}, 599, 600),
        (200, {"Cache-Control": "max-age=604800"}, 86399, 86400),  # at most a day
        (200, {"Expires": _in_two_hours}, 7100, 7300),  # Expires minus Date, to the second
        (200, {"Expires": _in_two_hours, "Cache-Control": "max-age=60"}, 59, 60),
        (404, {"Cache-Control": "max-age=60"}, 59, 60),  # no robots.txt: everything, a minute
        (410, {"Expires": _in_two_hours}, 7100, 7300),
        # Served by a cache on the way: its Age is subtracted (RFC 9111, 4.2.3).
        (200, {"Cache-Control": "max-age=3600", "Age": "3000"}, 599, 600),
        (200, {"Cache-Control": "max-age=3600", "Age": "3000, 10"}, 599, 600),  # the first
        (200, {"Expires": _in_two_hours, "Age": "3000"}, 4100, 4300),
        (200, {"Age": "3000"}, 599, 600),  # the hour it is given when it says nothing
        (404, {"Cache-Control": "max-age=600", "Age": "540"}, 59, 60),
    ],
)
def test_robots_txt_is_trusted_as_long_as_its_answer_says_at_most_a_day(
    site, politeness, fake_clock, status, headers, trusted_for, read_again_after
):
    """RFC 9309 (2.4) with HTTP caching: Cache-Control max-age, else Expires, capped at a day,
    an hour when the answer says nothing; a 4xx answer allows everything for as long."""
    headers = {name: value() if callable(value) else value for name, value in headers.items()}
    body = b"User-agent: *\nDisallow: /private/\n" if status == 200 else b"gone"
    site.pages["/robots.txt"] = Page(status, body, "text/plain", headers=headers)
    forbids_private = status == 200

    assert politeness.allowed(site.url("/private/1")) is not forbids_private
    fake_clock.now += trusted_for
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /\n", content_type="text/plain"
    )
    assert politeness.allowed(site.url("/private/1")) is not forbids_private
    assert site.paths() == ["/robots.txt"]
    fake_clock.now += read_again_after - trusted_for
    assert not politeness.allowed(site.url("/news/2"))
    assert site.paths() == ["/robots.txt", "/robots.txt"]


@pytest.mark.parametrize(
    ("age", "trusted_for"),
    [
        ("", 599),  # the apparent age alone
        ("100", 599),  # the larger of the two ages counts, not their sum
        ("3300", 299),
    ],
)
def test_a_robots_txt_dated_before_it_arrived_is_trusted_for_what_is_left_of_its_lifetime(
    site, politeness, fake_clock, age, trusted_for
):
    """RFC 9111 (4.2.3): the apparent age (arrival less the answer's Date) against the Age
    header. The fake clock runs 3000 s ahead of the test server's Date."""
    fake_clock.now = time.time() + 3000
    headers = {"Cache-Control": "max-age=3600"} | ({"Age": age} if age else {})
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain", headers=headers
    )

    assert not politeness.allowed(site.url("/private/1"))
    fake_clock.now += trusted_for - 2  # the Date is to the second, and the test takes time
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /\n", content_type="text/plain"
    )
    assert politeness.allowed(site.url("/news/2"))
    assert site.paths() == ["/robots.txt"]
    fake_clock.now += 4
    assert not politeness.allowed(site.url("/news/2"))
    assert site.paths() == ["/robots.txt", "/robots.txt"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Cache-Control": "no-store"},
        {"Cache-Control": "no-cache"},
        {"Cache-Control": "max-age=0"},
        {"Expires": "0"},  # not a date: already expired (RFC 9111, 5.3)
        {"Cache-Control": "max-age=60", "Age": "120"},  # older than its lifetime on arrival
    ],
)
def test_a_robots_txt_not_to_be_reused_is_read_again_for_each_check_at_the_host_rate(
    site, politeness, fake_clock, headers
):
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain", headers=headers
    )

    assert politeness.allowed(site.url("/news/1"))
    assert politeness.refusal(site.url("/private/2")) == "The site's robots.txt does not allow it."
    assert politeness.allowed(site.url("/news/3"))

    # One read for each check (the refusal's reason included), one second apart.
    assert site.paths() == ["/robots.txt"] * 3
    assert [request.at for request in site.requests] == [1000, 1001, 1002]


def test_a_listing_forbidden_by_robots_txt_is_not_fetched(site, politeness):
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /\n", content_type="text/plain"
    )
    watch = create_watch(site)

    run(watch, politeness)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.BLOCKED
    assert "robots.txt" in watch.last_error
    assert site.paths() == ["/robots.txt"]


def test_an_unreadable_robots_txt_stops_the_check_until_it_can_be_read(site, politeness):
    site.pages["/robots.txt"] = Page(503, b"busy", "text/plain")
    site.pages["/feed.xml"] = feed_page([])
    watch = create_watch(site)

    run(watch, politeness)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.BLOCKED
    assert watch.last_error == (
        "The site's robots.txt could not be read. The page answered with an error (503 Service "
        "Unavailable). Nothing is fetched from the site until it can be."
    )
    assert site.paths() == ["/robots.txt"]


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (Page(body=b"this is not xml", content_type="application/xml"), "not RSS or Atom"),
        (
            Page(
                body=b"<!doctype html><html><head><link rel='alternate' "
                b"type='application/rss+xml' href='/real.xml'></head><body>News</body></html>"
            ),
            "watch the feed the page names: http://127.0.0.1",
        ),
        (Page(404, b"gone", "text/plain"), "404"),
        (Page(503, b"busy", "text/plain"), "503"),
    ],
    ids=["not-xml", "html-page", "404", "503"],
)
def test_a_broken_listing_gets_a_clear_status_backs_off_and_keeps_what_was_stored(
    site, politeness, page, message
):
    link = site.add_article("/news/1", 1)
    site.pages["/feed.xml"] = feed_page([{"link": link}])
    watch = create_watch(site)
    run(watch, politeness)
    site.pages["/feed.xml"] = page

    run(Watch.objects.get(pk=watch.pk), politeness)
    run(Watch.objects.get(pk=watch.pk), politeness)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.FAILED
    assert message in watch.last_error
    assert watch.failures == 2
    assert watch.next_check - watch.last_checked == timedelta(minutes=120)
    assert WatchItem.objects.get().status == Item.STORED
    assert Source.objects.count() == 1


def test_a_listing_that_does_not_answer_in_time_is_a_failed_check(site, politeness, settings):
    settings.INGEST_FETCH_TIMEOUT = 0.5
    site.pages["/feed.xml"] = Page(body=b"late", content_type="text/xml", delay=2)
    watch = create_watch(site)

    run(watch, politeness)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.FAILED
    assert watch.last_error == "The page did not answer within 0.5 seconds."


def test_a_redirect_loop_is_a_failed_check_in_words(monkeypatch, politeness, settings):
    """The local server cannot serve a redirect chain (only its first request may reach
    127.0.0.1), so the network is replaced here."""
    monkeypatch.setattr(Politeness, "robots_check", lambda self, url: (True, ""))

    def get(url, deadline, timeout, allow_test_loopback, headers=None):
        response = requests.Response()
        response.status_code, response.url, response.raw = 302, url, io.BytesIO()
        response.headers["Location"] = "/feed.xml"
        return response

    monkeypatch.setattr(fetch, "_get", get)
    watch = Watch.objects.create(url="https://news.example.org/feed.xml")

    run(watch, politeness)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.FAILED
    assert watch.last_error == "The page redirected more than 3 times; it was not fetched."


def test_a_feed_of_10000_items_is_taken_in_bounded_steps(site, politeness, settings):
    settings.WATCH_MAX_LINKS_PER_POLL = 500
    settings.WATCH_ARTICLES_PER_POLL = 3
    for n in range(3):
        site.add_article(f"/story/{n}", n)
    items = [{"link": site.url(f"/story/{n}"), "guid": f"story-{n}"} for n in range(10_000)]
    site.pages["/feed.xml"] = feed_page(items)
    watch = create_watch(site)

    result = run(watch, politeness)

    watch.refresh_from_db()
    assert result.new_links == 500
    assert watch.items.filter(status=Item.STORED).count() == 3
    assert result.waiting == 497
    assert watch.next_check - watch.last_checked == timedelta(minutes=1)


def test_duplicate_guids_and_links_in_a_feed_make_one_item_each(site, politeness):
    one, two = site.add_article("/news/1", 1), site.add_article("/news/2", 2)
    site.pages["/feed.xml"] = feed_page(
        [
            {"link": one, "guid": "urn:story:1"},
            {"link": two, "guid": "urn:story:1"},
            {"link": one + "#comments", "guid": "urn:story:2"},
        ]
    )

    run(create_watch(site), politeness)

    assert list(WatchItem.objects.values_list("url", "guid")) == [(one, "urn:story:1")]


def test_listing_dedupe_keeps_the_first_of_each_link_or_id():
    found = [
        ListedArticle("https://a.example/x?utm_source=rss", "1"),
        ListedArticle("https://a.example/x", "2"),
        ListedArticle("https://a.example/y", "1"),
        ListedArticle("javascript:alert(1)", "3"),
        ListedArticle("https://a.example/z", ""),
    ]
    assert [article.url for article in unique_articles(found, limit=10)] == [
        "https://a.example/x",
        "https://a.example/z",
    ]


def test_an_item_without_a_date_uses_the_article_date_or_says_why_nothing_was_stored(
    site, politeness
):
    dated = site.add_article("/news/1", 1)
    undated = site.add_article("/news/2", 2, published="")
    site.pages["/feed.xml"] = feed_page([{"link": dated}, {"link": undated}])

    run(create_watch(site), politeness)

    assert WatchItem.objects.get(url=dated).status == Item.STORED
    item = WatchItem.objects.get(url=undated)
    assert item.status == Item.EMPTY
    assert "publication date is unknown" in item.message


def test_a_feed_date_stands_in_for_an_article_without_one(site, politeness):
    undated = site.add_article("/news/2", 2, published="")
    site.pages["/feed.xml"] = feed_page([{"link": undated, "date": rfc822("2025-03-12")}])

    run(create_watch(site), politeness)

    assert WatchItem.objects.get().status == Item.STORED
    assert str(Source.objects.get().published_on) == "2025-03-12"


def test_a_consent_wall_is_reported_and_nothing_is_stored(site, politeness):
    site.pages["/news/1"] = Page(
        body=b"<html><body><div><p>We value your privacy. Accept all cookies to continue "
        b"reading.</p><button>Accept</button></div></body></html>"
    )
    site.pages["/feed.xml"] = feed_page([{"link": site.url("/news/1")}])

    run(create_watch(site), politeness)

    item = WatchItem.objects.get()
    assert item.status == Item.NO_TEXT
    assert Source.objects.count() == 0


def test_an_article_must_mention_one_of_the_watch_words(site, politeness):
    site.add_article("/news/1", 1)
    site.add_article("/news/2", 2, extra="Analysts expect more export controls soon.")
    site.pages["/feed.xml"] = feed_page(
        [{"link": site.url("/news/1")}, {"link": site.url("/news/2")}]
    )

    run(create_watch(site, required_words="DeepSeek\nexport control*"), politeness)

    assert dict(WatchItem.objects.values_list("url", "status")) == {
        site.url("/news/1"): Item.UNMATCHED,
        site.url("/news/2"): Item.STORED,
    }


@pytest.mark.parametrize(
    ("words", "text", "matches"),
    [
        (["DeepSeek"], "a deepseek model", True),
        (["DeepSeek"], "DeepSeeking", False),
        (["export control*"], "new export controls", True),
        (["export control*"], "export\ncontrol rules", True),
        (["export control*"], "exports controlled", False),
        (["a.b"], "axb", False),
    ],
)
def test_watch_words_match_whole_words_with_a_trailing_wildcard(words, text, matches):
    assert bool(words_pattern(words).search(text)) is matches


def test_a_news_sitemap_lists_its_articles_with_their_dates(site, politeness):
    link = site.add_article("/news/1", 1, published="")
    site.pages["/sitemap.xml"] = Page(
        body=(
            "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url>"
            f"<loc>{link}</loc><news:news><news:publication_date>2025-03-12T08:00:00Z"
            "</news:publication_date><news:title>Limits</news:title></news:news></url></urlset>"
        ).encode(),
        content_type="application/xml",
    )

    run(create_watch(site, "/sitemap.xml", kind=Watch.Kind.SITEMAP), politeness)

    item = WatchItem.objects.get()
    assert (item.status, str(item.listed_on)) == (Item.STORED, "2025-03-12")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            b"<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY lol 'lol'>]><urlset>&lol;</urlset>",
            "declares a document type",
        ),
        (
            gzip.compress(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY x 'x'>]><urlset/>"),
            "declares a document type",
        ),
        (b"<urlset><url><loc>", "the XML could not be read"),
        (gzip.compress(b"<urlset></urlset>")[:-12], "cut short"),
        (sitemap_index([]), "a sitemap index that lists no sitemaps"),
    ],
    ids=["entities", "gzipped-entities", "broken", "truncated-gzip", "empty-index"],
)
def test_a_sitemap_that_cannot_be_used_says_why(site, politeness, body, message):
    site.pages["/sitemap.xml"] = Page(body=body, content_type="application/xml")
    watch = create_watch(site, "/sitemap.xml", kind=Watch.Kind.SITEMAP)

    run(watch, politeness)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.FAILED
    assert message in watch.last_error


@pytest.mark.parametrize(
    ("path", "packing"),
    [
        ("/news.xml.gz", {"content_type": "application/x-gzip"}),
        ("/news.xml.gz", {"content_type": "application/octet-stream"}),
        ("/news.xml", {"content_type": "application/xml", "headers": {"Content-Encoding": "gzip"}}),
    ],
    ids=["xml.gz", "octet-stream", "content-encoding"],
)
def test_a_gzipped_news_sitemap_is_read(site, politeness, path, packing):
    links = [site.add_article(f"/news/{n}", n, published="") for n in range(2)]
    site.pages[path] = Page(body=gzip.compress(sitemap(links)), **packing)

    run(create_watch(site, path, kind=Watch.Kind.SITEMAP), politeness)

    assert sorted(WatchItem.objects.values_list("url", "status", "listed_on")) == [
        (link, Item.STORED, date(2025, 3, 12)) for link in links
    ]


@pytest.mark.parametrize(
    ("packing", "message"),
    [
        (
            {"content_type": "application/gzip"},
            "The packed (gzip) listing unpacks to more than 1 MB, the most a listing may be; "
            "it was refused unread.",
        ),
        (
            {"content_type": "application/xml", "headers": {"Content-Encoding": "gzip"}},
            "The page is larger than 1 MB, the most an article may be.",
        ),
    ],
    ids=["xml.gz", "content-encoding"],
)
def test_a_gzip_bomb_is_refused_with_a_clear_status(site, politeness, settings, packing, message):
    """20 MB of packed zeros (20 KB on the wire) against a 1 MB limit on the unpacked bytes."""
    settings.INGEST_MAX_BYTES = 1024 * 1024
    bomb = gzip.compress(b"<urlset>" + b" " * (20 * 1024 * 1024) + b"</urlset>")
    assert len(bomb) < 100_000
    site.pages["/news.xml.gz"] = Page(body=bomb, **packing)
    watch = create_watch(site, "/news.xml.gz", kind=Watch.Kind.SITEMAP)

    run(watch, politeness)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.FAILED
    assert watch.last_error == message
    assert not WatchItem.objects.exists()


def test_a_sitemap_index_is_followed_to_its_newest_sitemaps(site, politeness, settings):
    settings.WATCH_MAX_CHILD_SITEMAPS = 2
    links = [site.add_article(f"/news/{n}", n, published="") for n in range(3)]
    site.pages["/old.xml"] = Page(body=sitemap([links[0]]), content_type="application/xml")
    site.pages["/new.xml.gz"] = Page(
        body=gzip.compress(sitemap([links[1]])), content_type="application/gzip"
    )
    site.pages["/newer.xml"] = Page(body=sitemap([links[2]]), content_type="application/xml")
    site.pages["/sitemap.xml"] = Page(
        body=sitemap_index(
            [
                (site.url("/old.xml"), "2025-01-01"),
                (site.url("/new.xml.gz"), "2025-03-11T23:00:00-02:00"),
                (site.url("/newer.xml"), "2025-03-12T00:30:00Z"),
            ]
        ),
        content_type="application/xml",
        etag='"index-1"',
    )
    watch = create_watch(site, "/sitemap.xml", kind=Watch.Kind.SITEMAP)

    result = run(watch, politeness)

    watch.refresh_from_db()
    assert (result.status, result.new_links, watch.last_error) == (Watch.Status.OK, 2, "")
    assert set(WatchItem.objects.values_list("url", flat=True)) == {links[1], links[2]}
    assert "/old.xml" not in site.paths()
    # The children change without the index saying so: it is asked for in full next time.
    assert watch.etag == ""
    assert watch.sitemap_validators == {}  # the children sent no validators
    site.requests.clear()
    run(watch, politeness)
    assert site.paths() == ["/sitemap.xml", "/new.xml.gz", "/newer.xml"]
    assert "If-None-Match" not in site.requests[0].headers


def test_child_sitemaps_are_asked_for_only_if_they_changed_each_by_its_own_validators(
    site, politeness
):
    links = [site.add_article(f"/news/{n}", n, published="") for n in range(3)]
    site.pages["/tagged.xml"] = Page(
        body=sitemap([links[0]]), content_type="application/xml", etag='"tagged-1"'
    )
    site.pages["/dated.xml"] = Page(
        body=sitemap([links[1]]),
        content_type="application/xml",
        last_modified="Wed, 12 Mar 2025 08:00:00 GMT",
    )
    site.pages["/sitemap.xml"] = Page(
        body=sitemap_index([(site.url("/tagged.xml"), ""), (site.url("/dated.xml"), "")]),
        content_type="application/xml",
    )
    watch = create_watch(site, "/sitemap.xml", kind=Watch.Kind.SITEMAP)
    run(watch, politeness)
    watch.refresh_from_db()
    assert watch.items.filter(status=Item.STORED).count() == 2

    site.requests.clear()
    result = run(watch, politeness)

    watch.refresh_from_db()
    assert (result.status, result.new_links, result.handled) == (Watch.Status.NOT_MODIFIED, 0, {})
    assert site.paths() == ["/sitemap.xml", "/tagged.xml", "/dated.xml"]
    assert site.requests[1].headers["If-None-Match"] == '"tagged-1"'
    assert site.requests[2].headers["If-Modified-Since"] == "Wed, 12 Mar 2025 08:00:00 GMT"
    assert watch.status == Watch.Status.NOT_MODIFIED

    # One child changes: it alone is read again, its new ETag kept; the other still answers 304.
    site.pages["/tagged.xml"] = Page(
        body=sitemap(links[:1] + links[2:]), content_type="application/xml", etag='"tagged-2"'
    )
    site.requests.clear()
    result = run(watch, politeness)

    watch.refresh_from_db()
    assert (result.status, result.new_links) == (Watch.Status.OK, 1)
    assert site.paths() == ["/sitemap.xml", "/tagged.xml", "/dated.xml", "/news/2"]
    assert watch.sitemap_validators[site.url("/tagged.xml")]["etag"] == '"tagged-2"'
    site.requests.clear()
    assert run(watch, politeness).status == Watch.Status.NOT_MODIFIED
    assert site.paths() == ["/sitemap.xml", "/tagged.xml", "/dated.xml"]


def test_child_sitemaps_obey_the_address_rules_robots_txt_and_the_host_gap(
    site, politeness, fake_clock
):
    site.pages["/robots.txt"] = Page(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    link = site.add_article("/news/1", 1)
    site.pages["/news.xml"] = Page(body=sitemap([link]), content_type="application/xml")
    site.pages["/private/news.xml"] = Page(body=sitemap([link]), content_type="application/xml")
    site.pages["/sitemap.xml"] = Page(
        body=sitemap_index(
            [
                ("http://10.0.0.7/news.xml", ""),
                ("http://169.254.169.254/latest/meta-data/", ""),
                (site.url("/private/news.xml"), ""),
                (site.url("/news.xml"), ""),
            ]
        ),
        content_type="application/xml",
    )
    watch = create_watch(site, "/sitemap.xml", kind=Watch.Kind.SITEMAP)

    result = run(watch, politeness)

    watch.refresh_from_db()
    assert result.status == Watch.Status.OK
    assert WatchItem.objects.get().url == link
    assert "3 of the index's 4 sitemaps could not be read" in watch.last_error
    assert "http://10.0.0.7/news.xml: That address points inside a private network" in (
        watch.last_error
    )
    assert "link-local" in watch.last_error
    assert "/private/news.xml: The site's robots.txt does not allow it." in watch.last_error
    assert site.paths() == ["/robots.txt", "/sitemap.xml", "/news.xml", "/news/1"]
    times = [request.at for request in site.requests]
    assert all(later - earlier >= 1 for earlier, later in zip(times, times[1:], strict=False))


def test_an_index_none_of_whose_sitemaps_can_be_read_is_a_failed_check(site, politeness):
    site.pages["/sitemap.xml"] = Page(
        body=sitemap_index([(site.url("/gone.xml"), ""), (site.url("/sitemap.xml"), "")]),
        content_type="application/xml",
    )
    watch = create_watch(site, "/sitemap.xml", kind=Watch.Kind.SITEMAP)

    run(watch, politeness)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.FAILED
    assert "None of the sitemaps the index lists could be read." in watch.last_error
    assert "/gone.xml: The page answered with an error (404 Not Found)." in watch.last_error
    assert "a sitemap index inside an index is not followed" in watch.last_error


def test_a_section_page_follows_article_links_on_its_own_host_only(site, politeness):
    link = site.add_article("/world/2025/freedonia-limits-chip-exports", 1)
    site.pages["/world/"] = Page(
        body=(
            b"<html><body><nav><a href='/'>Home</a><a href='/world/'>World</a>"
            b"<a href='/about'>About</a></nav>"
            b"<a href='/world/2025/freedonia-limits-chip-exports'>Freedonia limits exports</a>"
            b"<a href='https://elsewhere.example/world/other-story-about-chips'>Elsewhere</a>"
            b"</body></html>"
        )
    )

    run(create_watch(site, "/world/", kind=Watch.Kind.SECTION), politeness)

    item = WatchItem.objects.get()
    assert (item.url, item.title, item.status) == (link, "Freedonia limits exports", Item.STORED)


def test_a_poll_killed_halfway_resumes_without_storing_anything_twice(
    site, politeness, monkeypatch
):
    from timeline.ingest import watch as watching

    links = [site.add_article(f"/news/{n}", n) for n in range(4)]
    site.pages["/feed.xml"] = feed_page([{"link": link} for link in links])
    due = timezone.now()
    watch = create_watch(site, next_check=due)
    real_handle = watching.handle_item
    handled = []

    def dying_handle(item, **options):
        if len(handled) == 2:
            raise KeyboardInterrupt("the worker was killed")
        handled.append(item.url)
        real_handle(item, **options)

    monkeypatch.setattr(watching, "handle_item", dying_handle)
    monkeypatch.setattr(watching, "POLITENESS", politeness)
    with pytest.raises(KeyboardInterrupt):
        poll_watch.call(watch.pk, due.isoformat())
    monkeypatch.setattr(watching, "handle_item", real_handle)

    poll_watch.call(watch.pk, due.isoformat())  # the worker runs the killed task again

    watch.refresh_from_db()
    assert sorted(watch.items.values_list("status", flat=True)) == [Item.STORED] * 4
    assert Source.objects.count() == 4
    assert watch.next_check is not None


def test_a_check_replaced_by_a_newer_one_does_nothing(site):
    due = timezone.now()
    watch = create_watch(site, next_check=due + timedelta(minutes=5))

    assert claim(watch.pk, due=due, now=due) is None
    assert site.requests == []


def test_a_paused_watch_is_not_polled(site):
    due = timezone.now()
    watch = create_watch(site, next_check=due, paused=True)

    assert claim(watch.pk, due=due, now=due) is None
    assert claim(watch.pk, due=None, now=due) is None


@pytest.mark.django_db(transaction=True)
def test_a_watch_check_whose_worker_is_killed_resumes_after_restart_without_duplicates(site):
    from django_tasks_db.models import DBTaskResult

    from tests.test_worker import wait_for, worker_process
    from timeline.tasks import check_watch_now

    links = [site.add_article(f"/news/{n}", n) for n in range(4)]
    site.pages["/news/2"].delay = 2  # the worker is killed while it waits for this article
    site.pages["/feed.xml"] = feed_page([{"link": link} for link in links])
    watch = create_watch(site)
    options = {"WORKER_FETCH_LOCAL_SITE": "1", "WATCH_HOST_INTERVAL": "0"}
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        check_watch_now(watch)
    worker = worker_process("--lease-seconds", "1", **options)
    try:
        wait_for(lambda: "/news/2" in site.paths())
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.communicate(timeout=10)
    assert watch.items.filter(status=Item.STORED).count() == 2

    time.sleep(1.1)  # the dead worker's lease runs out
    restarted = worker_process("--batch", **options)
    output, _ = restarted.communicate(timeout=60)

    assert restarted.returncode == 0, output
    watch.refresh_from_db()
    assert watch.status == Watch.Status.OK
    assert sorted(watch.items.values_list("status", flat=True)) == [Item.STORED] * 4
    assert Source.objects.count() == 4
    assert site.paths().count("/news/1") == 1  # stored before the kill, not fetched again
    follow_up = DBTaskResult.objects.get(status="READY")
    assert follow_up.run_after == watch.next_check


def retry_now(item_url):
    """Time passes: the retry of the article at ``item_url`` falls due."""
    WatchItem.objects.filter(url=item_url).update(retry_after=timezone.now() - timedelta(seconds=1))


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (Page(503, b"busy", "text/plain"), "The page answered with an error (503 Service "),
        (Page(body=b"late", delay=2), "The page did not answer within 0.5 seconds."),
    ],
    ids=["503", "timeout"],
)
def test_an_article_that_fails_for_a_passing_reason_is_retried_with_back_off_then_given_up(
    site, politeness, settings, page, reason
):
    settings.INGEST_FETCH_TIMEOUT = 0.5
    flaky = site.url("/news/1")
    site.pages["/news/1"] = page
    good = site.add_article("/news/2", 2)
    site.pages["/feed.xml"] = feed_page([{"link": flaky}, {"link": good}])
    watch = create_watch(site)

    run(watch, politeness)

    item = WatchItem.objects.get(url=flaky)
    assert (item.status, item.tries) == (Item.RETRYING, 1)
    assert item.message.startswith(reason)
    assert item.retry_after - item.handled_at == timedelta(minutes=10)
    watch.refresh_from_db()
    assert watch.next_check == item.retry_after  # sooner than the hourly check
    assert WatchItem.objects.get(url=good).status == Item.STORED

    run(watch, politeness)  # not due yet: not fetched
    assert site.paths().count("/news/1") == 1

    waits = []
    for _ in range(3):
        retry_now(flaky)
        run(Watch.objects.get(pk=watch.pk), politeness)
        item = WatchItem.objects.get(url=flaky)
        if item.retry_after:
            waits.append(item.retry_after - item.handled_at)

    assert waits == [timedelta(minutes=20), timedelta(minutes=40)]
    assert (item.status, item.tries, item.retry_after) == (Item.FAILED, 4, None)
    assert item.message.startswith(reason) and item.message.endswith("Given up after 4 tries.")
    run(Watch.objects.get(pk=watch.pk), politeness)
    assert site.paths().count("/news/1") == 4
    assert Source.objects.count() == 1
    assert WatchItem.objects.count() == 2


@pytest.mark.parametrize(
    ("base", "failures", "most", "wait"),
    [
        (10, 1, 1440, 10),
        (10, 4, 1440, 80),
        (60, 5, 1440, 960),
        (60, 6, 1440, 1440),  # a day at most
        (60, 10_000, 1440, 1440),  # however many failures
        (2880, 3, 2880, 2880),  # an interval longer than the cap is the cap
    ],
)
@pytest.mark.django_db(databases=[])
def test_a_back_off_doubles_after_each_failure_in_a_row_up_to_its_cap(base, failures, most, wait):
    """The rule a failing watch and a failing article share (minutes)."""
    assert doubling_wait(
        timedelta(minutes=base), failures, most=timedelta(minutes=most)
    ) == timedelta(minutes=wait)


def test_an_article_retried_after_a_5xx_is_stored_once(site, politeness):
    flaky = site.url("/news/1")
    site.pages["/news/1"] = Page(502, b"bad gateway", "text/plain")
    site.pages["/feed.xml"] = feed_page([{"link": flaky}])
    watch = create_watch(site)
    run(watch, politeness)
    site.add_article("/news/1", 1)
    retry_now(flaky)

    run(Watch.objects.get(pk=watch.pk), politeness)
    run(Watch.objects.get(pk=watch.pk), politeness)

    item = WatchItem.objects.get()
    assert (item.status, item.tries, item.retry_after) == (Item.STORED, 1, None)
    assert Source.objects.count() == 1
    assert site.paths().count("/news/1") == 2
    watch.refresh_from_db()
    assert watch.next_check - watch.last_checked == timedelta(minutes=60)


@pytest.mark.parametrize(("status", "reason"), [(404, "404 Not Found"), (410, "410 Gone")])
def test_an_article_that_is_gone_is_not_retried(site, politeness, status, reason):
    site.pages["/news/1"] = Page(status, b"gone", "text/plain")
    site.pages["/feed.xml"] = feed_page([{"link": site.url("/news/1")}])
    watch = create_watch(site)

    run(watch, politeness)
    item = WatchItem.objects.get()
    assert (item.status, item.tries, item.retry_after) == (Item.FAILED, 1, None)
    assert reason in item.message
    run(Watch.objects.get(pk=watch.pk), politeness)

    assert site.paths().count("/news/1") == 1


def test_an_article_on_a_private_address_is_refused_unfetched_and_not_retried(
    site, politeness, guarded_connections
):
    site.pages["/feed.xml"] = feed_page(
        [{"link": "http://10.0.0.9/news/1"}, {"link": "http://169.254.169.254/latest/"}]
    )
    watch = create_watch(site)

    run(watch, politeness)
    run(Watch.objects.get(pk=watch.pk), politeness)

    assert dict(WatchItem.objects.values_list("url", "status")) == {
        "http://10.0.0.9/news/1": Item.REFUSED,
        "http://169.254.169.254/latest/": Item.REFUSED,
    }
    assert "private network" in WatchItem.objects.get(url="http://10.0.0.9/news/1").message
    assert all(address[0] == "127.0.0.1" for address in guarded_connections.attempts)
