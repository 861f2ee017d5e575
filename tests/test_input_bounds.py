"""Dates at the ends of the calendar: refused with a message when typed, shown when stored.

Python's dates (and so every column Django reads into them) run from 1 Jan 0001 to 31 Dec 9999.
A filter or date field that would leave that range is a form error; an event on 31 Dec 9999 is
shown, exported and reviewed like any other.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import create_event, create_source
from tests.test_review import card_data
from timeline.models import Citation, Event

pytestmark = pytest.mark.django_db

READ_URLS = ["/", "/api/events", "/export.csv", "/export.json", "/feed.atom", "/calendar.ics"]
OUT_OF_RANGE_FILTERS = [
    "start=last 2100 years",
    "end=last 2100 years",
    "start=the previous 30000 months",
    "end=last 99999999999 days",
    "start=week of 27 Dec 9999",
    "end=0000",
]
LAST_DAY = date(9999, 12, 31)


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("query", OUT_OF_RANGE_FILTERS)
def test_the_page_shows_an_out_of_range_date_filter_as_a_form_error(client, query):
    response = client.get("/", query_params=dict([query.split("=")]))

    assert response.status_code == 200
    assert "is outside the years 1 to 9999" in body(response)


@pytest.mark.parametrize("query", OUT_OF_RANGE_FILTERS)
def test_the_api_refuses_an_out_of_range_date_filter_with_a_400(client, query):
    response = client.get("/api/events", query_params=dict([query.split("=")]))

    assert response.status_code == 400
    name = query.split("=")[0]
    assert "is outside the years 1 to 9999" in response.json()["fields"][name][0]["message"]


@pytest.mark.parametrize("url", ["/export.csv", "/export.json", "/feed.atom", "/calendar.ics"])
@pytest.mark.parametrize("query", OUT_OF_RANGE_FILTERS)
def test_exports_and_feeds_ignore_an_out_of_range_date_filter_like_any_bad_filter(
    client, url, query
):
    create_event(title="Ban announced")

    response = client.get(url, query_params=dict([query.split("=")]))

    assert response.status_code == 200
    assert "Ban announced" in body(response)


@pytest.fixture
def last_day_event():
    source = create_source(title="Far future", url="https://news.example.org/far")
    return create_event(title="End of the calendar", date_start=LAST_DAY, sources=[source])


@pytest.mark.parametrize("url", READ_URLS)
def test_an_event_on_the_last_day_of_9999_is_shown_and_exported(client, last_day_event, url):
    response = client.get(url)

    assert response.status_code == 200
    assert "End of the calendar" in body(response)


def test_the_calendar_gives_the_last_day_of_9999_a_one_day_duration(client, last_day_event):
    ics = body(client.get("/calendar.ics"))

    assert "DTSTART;VALUE=DATE:99991231\r\nDURATION:P1D\r\n" in ics
    assert "END:VCALENDAR\r\n" in ics


def test_other_events_keep_an_exclusive_end_date_in_the_calendar(client):
    create_event(date_start=date(2025, 3, 7), date_end=date(2025, 3, 9), precision="approximate")

    ics = body(client.get("/calendar.ics"))

    assert "DTSTART;VALUE=DATE:20250307\r\nDTEND;VALUE=DATE:20250310\r\n" in ics


def test_a_candidate_on_the_last_day_of_9999_can_be_reviewed(editor_client):
    source = create_source(text="It ends on the last day.")
    candidate = create_event(
        title="End of the calendar", date_start=LAST_DAY, status=Event.Status.CANDIDATE
    )
    Citation.objects.create(event=candidate, source=source, quote="It ends on the last day.")
    create_event(title="Published near the end", date_start=date(9999, 12, 30))

    page = editor_client.get(f"/review/sources/{source.pk}/")
    card = editor_client.get(f"/review/events/{candidate.pk}/", {"source": source.pk})

    assert page.status_code == card.status_code == 200
    assert "31 Dec 9999" in body(card)


def test_the_review_card_refuses_a_week_running_past_9999(editor_client):
    source = create_source(text="The agency banned the app.")
    candidate = create_event(title="Agency bans the app", status=Event.Status.CANDIDATE)
    Citation.objects.create(event=candidate, source=source, quote="The agency banned the app.")
    response = editor_client.post(
        f"/review/events/{candidate.pk}/",
        card_data(candidate, source, date="week of 27 Dec 9999"),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "“week of 27 Dec 9999” is outside the years 1 to 9999." in body(response)
    candidate.refresh_from_db()
    assert candidate.date_start == date(2025, 3, 7)


def test_the_csv_import_preview_lists_a_week_running_past_9999_as_a_row_error(editor_client):
    data = (
        b"title,date_start\r\n"
        b"Fine,2025-03-07\r\n"
        b"Too late,week of 27 Dec 9999\r\n"
        b"The last day,9999-12-31\r\n"
    )

    response = editor_client.post(
        "/admin/timeline/event/import/",
        {"file": SimpleUploadedFile("events.csv", data)},
    )

    assert response.status_code == 200
    assert (
        "<td>2</td><td>3</td><td>date_start</td>"
        "<td>“week of 27 Dec 9999” is outside the years 1 to 9999.</td>"
    ) in body(response)
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    "drill_down",
    [
        {"date_start__year": "9999"},
        {"date_start__year": "9999", "date_start__month": "12"},
        {"date_start__year": "9999", "date_start__month": "12", "date_start__day": "31"},
    ],
)
def test_the_admin_date_hierarchy_at_the_end_of_9999_goes_back_to_the_list(
    editor_client, last_day_event, drill_down
):
    response = editor_client.get("/admin/timeline/event/", drill_down)

    assert response.status_code == 302
    assert response.url == "/admin/timeline/event/?e=1"
    assert "End of the calendar" in body(editor_client.get(response.url))


def test_the_admin_edits_the_last_partial_week_of_9999(editor_client):
    event = create_event(date_start=date(9999, 12, 27), date_end=LAST_DAY, precision="week")

    response = editor_client.get(f"/admin/timeline/event/{event.pk}/change/")

    assert response.status_code == 200
    assert 'value="week of 27 Dec 9999 to 31 Dec 9999"' in body(response)
