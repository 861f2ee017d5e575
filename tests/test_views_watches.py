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
from timeline.models import Tag, Watch, WatchItem

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


def edit_url(watch):
    return f"/watches/{watch.pk}/edit/"


def edit_data(watch, **changes):
    """The edit form as the page fills it for ``watch``, with ``changes``."""
    data = {
        "url": watch.url,
        "kind": watch.kind,
        "name": watch.name,
        "required_words": watch.required_words,
        "tag": watch.tag_id or "",
        "interval_minutes": watch.interval_minutes,
    }
    return {**data, **changes}


def test_the_edit_page_shows_the_watch_in_its_form_and_its_fragment_is_the_form_alone(
    editor_client,
):
    watch = Watch.objects.create(
        url="https://news.example.org/feed.xml", name="Wire", required_words="DeepSeek"
    )

    page = editor_client.get(edit_url(watch))
    fragment = editor_client.get(edit_url(watch), headers={"HX-Request": "true"})

    html = page.content.decode()
    assert "<html" in html and "Edit watch: Wire" in html
    assert 'value="https://news.example.org/feed.xml"' in html
    assert ">\nDeepSeek</textarea>" in html
    assert f'href="{edit_url(watch)}"' in editor_client.get(URL).content.decode()
    assert "<html" not in fragment.content.decode()
    assert 'id="watch-edit"' in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]


def test_an_editor_changes_words_interval_and_story_tag_without_javascript(editor_client):
    story = Tag.objects.create(name="chips")
    now = timezone.now()
    watch = Watch.objects.create(
        url="https://news.example.org/feed.xml",
        etag='"v1"',
        status=Watch.Status.OK,
        last_checked=now,
        next_check=now + timedelta(minutes=60),
    )
    WatchItem.objects.create(
        watch=watch, url="https://news.example.org/a", status=WatchItem.Status.STORED
    )

    response = editor_client.post(
        edit_url(watch),
        edit_data(
            watch, required_words="export control*\nDeepSeek", interval_minutes=30, tag=story.pk
        ),
    )

    assert response.url == URL
    watch.refresh_from_db()
    assert watch.word_list == ["export control*", "DeepSeek"]
    assert (watch.tag, watch.interval_minutes) == (story, 30)
    assert watch.next_check == now + timedelta(minutes=30)  # counted from the last check
    assert (watch.etag, watch.status) == ('"v1"', Watch.Status.OK)  # same listing
    assert watch.items.count() == 1


def test_a_new_address_is_checked_at_once_with_htmx(editor_client, site):
    serve_feed(site)
    watch = Watch.objects.create(
        url="https://news.example.org/old.xml",
        etag='"old"',
        failures=3,
        status=Watch.Status.FAILED,
        last_error="The page answered with an error (503 Service Unavailable).",
        next_check=timezone.now() + timedelta(hours=8),
    )

    response = editor_client.post(
        edit_url(watch), edit_data(watch, url=site.url("/feed.xml")), headers={"HX-Request": "true"}
    )

    assert response["HX-Redirect"] == URL
    watch.refresh_from_db()
    assert (watch.url, watch.status, watch.failures) == (site.url("/feed.xml"), "ok", 0)
    assert watch.last_error == ""
    assert "If-None-Match" not in next(r for r in site.requests if r.path == "/feed.xml").headers
    assert watch.items.filter(status=WatchItem.Status.STORED).count() == 1


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"url": "ftp://news.example.org/feed"}, "Only http and https addresses can be fetched"),
        ({"interval_minutes": "1"}, "greater than or equal to 5"),
        ({"kind": "podcast"}, "Select a valid choice."),
    ],
    ids=["url", "interval", "kind"],
)
def test_bad_input_on_the_edit_form_keeps_what_was_typed_and_changes_nothing(
    editor_client, htmx, changes, message
):
    watch = Watch.objects.create(url="https://news.example.org/feed.xml", name="Wire")
    data = edit_data(watch, name="Renamed", required_words="typed words", **changes)

    response = editor_client.post(
        edit_url(watch), data, headers={"HX-Request": "true"} if htmx else {}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert ("<html" in html) is not htmx
    assert message in html
    assert "The watch was not changed" in html
    assert 'value="Renamed"' in html and ">\ntyped words</textarea>" in html
    assert Watch.objects.get().name == "Wire"


def test_only_editors_edit_watches_and_unknown_ones_are_404(client, editor_client):
    watch = Watch.objects.create(url="https://news.example.org/feed.xml", name="Wire")
    assert editor_client.get("/watches/999/edit/").status_code == 404

    client.force_login(get_user_model().objects.create_user("reader", password="x"))

    assert client.post(edit_url(watch), edit_data(watch, name="X")).status_code == 403
    assert Watch.objects.get().name == "Wire"
