"""Every view, by role: who may see it, that GET never changes data, that POSTs need CSRF.

The inventory test fails when a URL is added without a row here, so no view escapes the matrix.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import create_actor, create_event, create_source
from timeline.models import Actor, Citation, Event, ImportJob, IngestJob, Source, Tag, Watch

pytestmark = pytest.mark.django_db

PUBLIC, EDITORS = "public", "editors"

# URL name -> (who may use it, path with sample arguments, methods that change data)
MATRIX: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "event_list": (PUBLIC, "/", ()),
    "event_detail": (PUBLIC, "/events/{event}/", ()),
    "healthz": (PUBLIC, "/healthz", ()),
    "event_export_csv": (PUBLIC, "/export.csv", ()),
    "event_export_json": (PUBLIC, "/export.json", ()),
    "event_feed_atom": (PUBLIC, "/feed.atom", ()),
    "event_calendar_ics": (PUBLIC, "/calendar.ics", ()),
    "api_event_list": (PUBLIC, "/api/events", ()),
    "api_event_detail": (PUBLIC, "/api/events/{event}", ()),
    "event_import": (EDITORS, "/admin/timeline/event/import/", ("POST",)),
    "event_import_job": (EDITORS, "/admin/timeline/event/import/jobs/{import_job}/", ()),
    "ingest": (EDITORS, "/ingest/", ("POST",)),
    "ingest_job": (EDITORS, "/ingest/jobs/{job}/", ()),
    "ingest_job_confirm": (EDITORS, "/ingest/jobs/{job}/confirm/", ("POST",)),
    "review_list": (EDITORS, "/review/", ()),
    "review_source": (EDITORS, "/review/sources/{source}/", ()),
    "review_source_accept_all": (EDITORS, "/review/sources/{source}/accept-all/", ("POST",)),
    "review_event": (EDITORS, "/review/events/{candidate}/?source={source}", ("POST",)),
    "review_event_merge": (
        EDITORS,
        "/review/events/{candidate}/merge/?source={source}&q=Ban",
        ("POST",),
    ),
    "watch_list": (EDITORS, "/watches/", ("POST",)),
    "watch_edit": (EDITORS, "/watches/{watch}/edit/", ("POST",)),
    "watch_pause": (EDITORS, "/watches/{watch}/pause/", ("POST",)),
    "watch_resume": (EDITORS, "/watches/{watch}/resume/", ("POST",)),
    "watch_check": (EDITORS, "/watches/{watch}/check/", ("POST",)),
}


def _named_patterns(patterns, prefix: str = "") -> dict[str, str]:
    found = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern) == "admin/":
                continue  # Django's admin: covered by tests/test_admin.py
            found |= _named_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[pattern.name] = prefix + str(pattern.pattern)
    return found


def test_every_url_is_in_the_role_matrix():
    assert set(_named_patterns(get_resolver().url_patterns)) == set(MATRIX)


@pytest.fixture
def sample():
    source = create_source()
    event = create_event(actors=[create_actor()], sources=[source])
    candidate = create_event(title="Hidden candidate", status="candidate", sources=[source])
    job = IngestJob.objects.create(status=IngestJob.Status.CONFIRM)
    import_job = ImportJob.objects.create(file_name="events.csv", text="title,date_start\r\n")
    return {
        "event": event.pk,
        "source": source.pk,
        "candidate": candidate.pk,
        "job": job.pk,
        "import_job": import_job.pk,
        "watch": Watch.objects.create(url="https://news.example.org/feed.xml", paused=True).pk,
    }


@pytest.fixture
def reader_client(client):
    """Signed in, but neither editor nor staff."""
    client.force_login(get_user_model().objects.create_user("reader", password="x" * 12))
    return client


def _snapshot():
    return [
        (model.__name__, model.objects.count()) for model in (Event, Source, Actor, Tag, Citation)
    ] + [
        list(Event.objects.values_list("id", "status", "updated_at").order_by("id")),
        list(Watch.objects.values_list("id", "paused", "next_check").order_by("id")),
    ]


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_visitors_see_public_views_and_are_sent_to_sign_in_elsewhere(
    client, sample, name
):
    audience, path, _ = MATRIX[name]
    response = client.get(path.format(**sample))
    if audience == PUBLIC:
        assert response.status_code == 200, path
    else:
        assert response.status_code == 302 and "/login/" in response.url, path


@pytest.mark.parametrize("name", sorted(n for n, row in MATRIX.items() if row[0] == EDITORS))
def test_signed_in_non_editors_cannot_use_editor_views(reader_client, sample, name):
    _, path, methods = MATRIX[name]
    response = reader_client.get(path.format(**sample))
    assert response.status_code in {302, 403}, path
    if response.status_code == 302:
        assert "/login/" in response.url
    for method in methods:
        before = _snapshot()
        response = getattr(reader_client, method.lower())(path.format(**sample))
        assert response.status_code in {302, 403}, (method, path)
        assert _snapshot() == before


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_editors_may_use_every_view_and_get_never_changes_data(editor_client, sample, name):
    _, path, _ = MATRIX[name]
    before = _snapshot()
    response = editor_client.get(path.format(**sample))
    assert response.status_code == 200, path
    assert _snapshot() == before


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_state_changing_requests_need_a_csrf_token(editor, sample, name):
    _, path, methods = MATRIX[name]
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    before = _snapshot()
    for method in methods:
        response = getattr(client, method.lower())(path.format(**sample), HTTP_HX_REQUEST="true")
        assert response.status_code == 403, (method, path)
    if not methods:
        assert client.post(path.format(**sample)).status_code in {403, 405}, path
    assert _snapshot() == before


@pytest.mark.parametrize(
    "path", ["/", "/export.csv", "/export.json", "/feed.atom", "/calendar.ics", "/api/events"]
)
def test_public_views_never_show_candidates(client, sample, path):
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Ban announced" in body.decode()
    assert "Hidden candidate" not in body.decode()
