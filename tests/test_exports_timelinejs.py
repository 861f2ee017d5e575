"""The TimelineJS3 data file at /export.json."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import create_actor, create_event, create_source
from timeline.models import Event

pytestmark = pytest.mark.django_db


def slides(client, query: str = "") -> list[dict]:
    return client.get(f"/export.json{query}").json()["events"]


@pytest.mark.parametrize(
    ("precision", "start", "end", "start_date", "end_date", "display"),
    [
        ("day", date(2025, 1, 29), None,
         {"year": 2025, "month": 1, "day": 29}, None, "29 Jan 2025"),
        ("week", date(2025, 1, 27), date(2025, 2, 2),
         {"year": 2025, "month": 1, "day": 27}, {"year": 2025, "month": 2, "day": 2},
         "week of 27 Jan 2025"),
        ("month", date(2025, 3, 1), date(2025, 3, 31), {"year": 2025, "month": 3}, None,
         "Mar 2025"),
        ("quarter", date(2025, 1, 1), date(2025, 3, 31),
         {"year": 2025, "month": 1}, {"year": 2025, "month": 3}, "Q1 2025"),
        ("year", date(2025, 1, 1), date(2025, 12, 31), {"year": 2025}, None, "2025"),
        ("approximate", date(2025, 2, 21), date(2025, 3, 20),
         {"year": 2025, "month": 2, "day": 21}, {"year": 2025, "month": 3, "day": 20},
         "c. late Feb – mid Mar 2025"),
    ],
)  # fmt: skip
def test_dates_carry_the_parts_their_precision_knows(
    client, precision, start, end, start_date, end_date, display
):
    create_event(date_start=start, date_end=end, precision=precision)

    (slide,) = slides(client)

    assert slide["start_date"] == {**start_date, "display_date": display}
    assert slide.get("end_date") == end_date
    assert slide["display_date"] == display


def test_slides_group_by_type_and_link_their_sources_with_escaped_text(client):
    source = create_source(
        title="Rules <b>tightened</b>", publisher="Wire", url="https://wire.example/a?x=1&y=2"
    )
    event = create_event(
        title="Ban on <script>alert(1)</script> chips",
        summary="Applies to A & B.",
        event_type=Event.Type.EXPORT_CONTROL,
        actors=[create_actor(name="Department of Commerce")],
        sources=[source],
    )

    response = client.get("/export.json")
    (slide,) = response.json()["events"]

    assert response["Access-Control-Allow-Origin"] == "*"
    assert slide["unique_id"] == f"event-{event.pk}"
    assert slide["group"] == "Export control"
    assert slide["text"]["headline"] == (
        f'<a href="http://testserver/events/{event.pk}/">'
        "Ban on &lt;script&gt;alert(1)&lt;/script&gt; chips</a>"
    )
    assert slide["text"]["text"] == (
        "<p>Applies to A &amp; B.</p><p>Actors: Department of Commerce</p><p>Sources:</p><ul><li>"
        '<a href="https://wire.example/a?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">'
        "Wire: Rules &lt;b&gt;tightened&lt;/b&gt; (29 Jan 2025)</a></li></ul>"
    )


def test_the_file_follows_the_filters_and_says_so_on_its_title_slide(client):
    create_event(title="A ban", event_type=Event.Type.BAN, date_start=date(2025, 2, 1))
    create_event(title="A hearing", event_type=Event.Type.HEARING)

    data = client.get("/export.json?type=ban&start=2025-01-01").json()

    assert [slide["text"]["headline"].endswith("A ban</a>") for slide in data["events"]] == [True]
    assert data["title"]["text"]["text"] == "<p>Events of type Ban from 2025-01-01</p>"


def test_a_file_too_big_for_timelinejs_is_refused_with_a_reason(client, settings):
    settings.TIMELINE_TIMELINEJS_MAX_EVENTS = 1
    create_event(title="One")
    create_event(title="Two")

    response = client.get("/export.json")

    assert response.status_code == 400
    assert "at most 1 events" in response.json()["error"]


def test_each_slide_names_its_event_in_plain_values_for_the_visual_timeline(client):
    event = create_event(
        title="Chips <b>rule</b>", date_start=date(2025, 3, 1), date_end=date(2025, 3, 31),
        precision="month",
    )  # fmt: skip

    (slide,) = slides(client)

    assert slide["event"] == {
        "id": event.pk,
        "url": f"http://testserver/events/{event.pk}/",
        "title": "Chips <b>rule</b>",
        "date_start": "2025-03-01",
        "date_end": "2025-03-31",
        "precision": "month",
    }
