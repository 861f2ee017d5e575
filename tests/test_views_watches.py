"""The watch page for editors, the poll_watches command and the chain of scheduled checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.watch_site import (  # noqa: F401 - fixtures
    fake_clock_fixture,
    feed_page,
    site_fixture,
)
from timeline.models import Watch, WatchItem

pytestmark = pytest.mark.django_db
URL = "/watches/"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    """The per-host gap is tested with a fake clock in test_watches.py; here it would only
    make the tests sleep."""
    settings.WATCH_HOST_INTERVAL = 0


def serve_feed(site, count=1):
    links = [site.add_article(f"/news/{n}", n) for n in range(count)]
    site.pages["/feed.xml"] = feed_page([{"link": link} for link in links])


def test_anonymous_visitors_are_sent_to_sign_in_and_other_users_are_refused(client):
    assert client.get(URL).url.startswith("/admin/login/")
    client.force_login(get_user_model().objects.create_user("reader", password="x"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"url": "https://news.example.org/feed"}).status_code == 403
    assert not Watch.objects.exists()


def test_the_page_shows_each_watch_with_its_checks_finds_and_last_error(editor_client):
    now = timezone.now()
    watch = Watch.objects.create(
        url="https://news.example.org/feed.xml",
        name="Example Wire",
        status=Watch.Status.FAILED,
        last_error="The page answered with an error (503 Service Unavailable).",
        failures=2,
        last_checked=now,
        next_check=now + timedelta(hours=2),
    )
    WatchItem.objects.create(
        watch=watch,
        url="https://news.example.org/a",
        events_created=3,
        status=WatchItem.Status.STORED,
    )
    WatchItem.objects.create(watch=watch, url="https://news.example.org/b")

    response = editor_client.get(URL)

    html = response.content.decode()
    assert "Example Wire" in html
    assert "503 Service Unavailable" in html
    assert "2 failed checks in a row" in html
    assert "1 article stored of 2 links, 3 candidates; 1 waiting" in html
    assert "in 1\xa0hour" in html
    assert response["Vary"].count("HX-Request")


def test_the_page_shows_links_not_fetched_with_their_reasons(editor_client):
    now = timezone.now()
    watch = Watch.objects.create(url="https://news.example.org/feed.xml")
    WatchItem.objects.create(
        watch=watch,
        url="https://news.example.org/slow",
        status=WatchItem.Status.RETRYING,
        message="The page did not answer within 15 seconds.",
        tries=2,
        handled_at=now,
        retry_after=datetime(2025, 3, 12, 9, 30, tzinfo=UTC),
    )
    WatchItem.objects.create(
        watch=watch,
        url="https://news.example.org/down",
        status=WatchItem.Status.FAILED,
        message="The page answered with an error (503 Service Unavailable). Given up after 4 "
        "tries.",
        tries=4,
        handled_at=now,
    )
    WatchItem.objects.create(
        watch=watch, url="https://news.example.org/ok", status=WatchItem.Status.STORED
    )

    text = " ".join(editor_client.get(URL).content.decode().split())

    assert "2 not fetched" in text
    assert (
        "Could not be fetched yet; will be tried again. The page did not answer within 15 "
        "seconds. (Try 2 of 4 failed; the next after 12 Mar 2025 09:30.)"
    ) in text
    assert (
        "Could not be fetched. The page answered with an error (503 Service Unavailable). "
        "Given up after 4 tries."
    ) in text
    assert "https://news.example.org/ok" not in text


def test_the_htmx_fragment_is_the_list_alone(editor_client):
    Watch.objects.create(url="https://news.example.org/feed.xml")

    response = editor_client.get(URL, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="watches"' in html
    assert "HX-Request" in response["Vary"]


def test_the_page_costs_the_same_queries_for_one_watch_or_twenty(
    editor_client, django_assert_num_queries
):
    Watch.objects.create(url="https://news.example.org/0")
    with CaptureQueriesContext(connection) as one:
        editor_client.get(URL)
    for number in range(1, 20):
        Watch.objects.create(url=f"https://news.example.org/{number}")
    with django_assert_num_queries(len(one.captured_queries)):
        editor_client.get(URL)


def test_an_editor_adds_a_watch_and_it_is_checked_at_once(editor_client, site):
    serve_feed(site, 2)

    response = editor_client.post(
        URL, {"url": site.url("/feed.xml"), "kind": "feed", "interval_minutes": "30"}
    )

    assert response.url == URL
    watch = Watch.objects.get()
    assert watch.status == Watch.Status.OK
    assert watch.items.filter(status=WatchItem.Status.STORED).count() == 2
    assert watch.next_check - watch.last_checked == timedelta(minutes=30)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"url": "ftp://news.example.org/feed", "interval_minutes": "60"},
            "Only http and https addresses can be fetched",
        ),
        (
            {"url": "https://news.example.org/feed", "interval_minutes": "1"},
            "greater than or equal to 5",
        ),
    ],
)
def test_a_watch_with_bad_input_is_refused_with_the_reason(editor_client, data, message):
    response = editor_client.post(URL, {"kind": "feed", **data})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Watch.objects.exists()


def test_pause_and_resume_without_javascript(editor_client, site):
    serve_feed(site)
    watch = Watch.objects.create(url=site.url("/feed.xml"), next_check=timezone.now())

    response = editor_client.post(f"/watches/{watch.pk}/pause/")

    assert response.url == URL
    watch.refresh_from_db()
    assert (watch.paused, watch.next_check) == (True, None)
    assert not site.requests

    editor_client.post(f"/watches/{watch.pk}/resume/")

    watch.refresh_from_db()
    assert not watch.paused
    assert watch.status == Watch.Status.OK  # checked at once on resume


def test_check_now_with_htmx_answers_with_the_updated_list(editor_client, site):
    serve_feed(site)
    watch = Watch.objects.create(url=site.url("/feed.xml"), name="Wire")

    response = editor_client.post(f"/watches/{watch.pk}/check/", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert "1 article stored of 1 link" in html


def test_a_get_of_an_action_changes_nothing_and_unknown_watches_are_404(editor_client):
    watch = Watch.objects.create(url="https://news.example.org/feed.xml")

    assert editor_client.get(f"/watches/{watch.pk}/pause/").status_code == 200
    assert not Watch.objects.get().paused
    assert editor_client.post("/watches/999/check/").status_code == 404


def test_poll_watches_polls_the_due_watches_once(site):
    serve_feed(site)
    now = timezone.now()
    due = Watch.objects.create(url=site.url("/feed.xml"), name="Due", next_check=now)
    Watch.objects.create(url=site.url("/later.xml"), next_check=now + timedelta(hours=1))
    Watch.objects.create(url=site.url("/paused.xml"), next_check=now, paused=True)
    out = StringIO()

    call_command("poll_watches", stdout=out)

    assert out.getvalue() == "Due: ok: 1 new links; articles: 1 stored\n1 watch polled.\n"
    assert site.paths() == ["/robots.txt", "/feed.xml", "/news/0"]
    due.refresh_from_db()
    assert due.next_check > now


@pytest.mark.django_db(transaction=True)
def test_a_check_queues_the_next_one_at_its_next_check(site, editor_client):
    serve_feed(site)
    watch = Watch.objects.create(url=site.url("/feed.xml"), interval_minutes=45)
    with override_settings(TASKS=DATABASE_QUEUE):
        editor_client.post(f"/watches/{watch.pk}/check/")
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    watch.refresh_from_db()
    assert watch.status == Watch.Status.OK
    queued = DBTaskResult.objects.get(status="READY")
    assert queued.task_path == "timeline.tasks.poll_watch"
    assert queued.run_after == watch.next_check
    assert queued.args_kwargs["args"] == [watch.pk, watch.next_check.isoformat()]


def test_editors_see_every_link_a_watch_found_in_the_admin(editor_client):
    watch = Watch.objects.create(url="https://news.example.org/feed.xml")
    WatchItem.objects.create(
        watch=watch,
        url="https://news.example.org/walled",
        status=WatchItem.Status.NO_TEXT,
        message="The page has almost no text (54 characters): probably a consent wall.",
    )

    html = editor_client.get(f"/admin/timeline/watch/{watch.pk}/change/").content.decode()

    assert "https://news.example.org/walled" in html
    assert "probably a consent wall" in html
