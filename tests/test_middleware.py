"""Control characters in query strings and form fields: refused with a 400 that names the field.

PostgreSQL cannot store NUL and XML cannot carry it, so before the middleware a NUL in a filter
was a 500 on PostgreSQL (and in the Atom feed on SQLite). Run this file with DATABASE_URL
pointing at PostgreSQL too.
"""

import pytest
from django.test import Client

from tests.factories import create_event, create_source
from timeline.models import Citation, Event, IngestJob

pytestmark = pytest.mark.django_db

READ_URLS = ["/", "/api/events", "/export.csv", "/export.json", "/feed.atom", "/calendar.ics"]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", READ_URLS)
@pytest.mark.parametrize("query", ["source=%00", "country=%00", "actor=a%00b", "tag=%1B", "q=%00"])
def test_a_control_character_in_a_filter_is_refused_on_every_read_url(client, url, query):
    create_event()

    response = client.get(f"{url}?{query}")

    assert response.status_code == 400
    name = query.split("=")[0]
    assert f"The parameter “{name}” holds the control character" in response.content.decode()


def test_the_refusal_names_the_character_and_the_page_says_what_to_do(client):
    response = client.get("/?country=%00")

    html = response.content.decode()
    assert "<html" in html
    assert (
        "The parameter “country” holds the control character U+0000, which no form or link "
        "sends. Remove it and try again."
    ) in html


def test_the_api_refuses_in_json(client):
    response = client.get("/api/events?source=%00")

    assert response.status_code == 400
    assert response.json() == {
        "error": "The parameter “source” holds the control character U+0000, which no form or "
        "link sends. Remove it and try again."
    }


def test_a_control_character_in_a_parameter_name_is_refused(client):
    response = client.get("/?co%00untry=FR")

    assert response.status_code == 400
    assert "“coU+0000untry”" in response.content.decode()


def test_tabs_and_line_breaks_pass(client):
    create_event(title="Ban announced")

    response = client.get("/?q=ban%09announced%0D%0A")

    assert response.status_code == 200
    assert "Ban announced" in response.content.decode()


def test_the_merge_search_refuses_a_nul(editor_client):
    source = create_source()
    candidate = create_event(status=Event.Status.CANDIDATE)
    Citation.objects.create(event=candidate, source=source, quote="Ban announced.")

    response = editor_client.get(f"/review/events/{candidate.pk}/merge/?source={source.pk}&q=%00")

    assert response.status_code == 400
    assert "The parameter “q” holds the control character U+0000" in response.content.decode()


def test_a_posted_form_with_a_nul_is_refused_and_nothing_is_saved(editor_client):
    response = editor_client.post(
        "/ingest/", {"text": "The ministry banned the app on Tuesday.\x00", "url": ""}
    )

    assert response.status_code == 400
    assert "The parameter “text” holds the control character U+0000" in response.content.decode()
    assert not IngestJob.objects.exists()
