"""Atom and iCalendar feeds, parsed back with real parsers (feedparser, icalendar)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import feedparser
import icalendar
import pytest

from tests.factories import create_event, create_source, create_tag
from timeline.models import Event

pytestmark = pytest.mark.django_db


def published(title: str, *, days_ago: int, **fields) -> Event:
    event = create_event(title=title, **fields)
    Event.objects.filter(pk=event.pk).update(
        reviewed_at=datetime(2026, 1, 31, tzinfo=UTC) - timedelta(days=days_ago)
    )
    return event


def test_atom_feed_is_valid_and_lists_the_newest_published_first(client):
    source = create_source(title="Rules tightened", publisher="Wire", url="https://wire.example/a")
    old = published("Old news", days_ago=10, date_start=date(2025, 3, 7), sources=[source])
    new = published(
        "Fresh news",
        days_ago=1,
        date_start=date(2024, 1, 1),
        date_end=date(2024, 3, 31),
        precision="quarter",
        summary="Q & A",
        tags=[create_tag(name="chips")],
    )

    response = client.get("/feed.atom")
    feed = feedparser.parse(response.content)

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Policy Timeline: All events"
    assert [entry.title for entry in feed.entries] == [
        "Q1 2024: Fresh news",
        "7 Mar 2025: Old news",
    ]
    fresh, older = feed.entries
    assert fresh.link == f"http://testserver/events/{new.pk}/"
    assert fresh.published_parsed[:3] == (2026, 1, 30)
    assert '<time datetime="2024-01-01">Q1 2024</time>' in fresh.summary
    assert "<p>Q &amp; A</p>" in fresh.summary
    assert [tag.term for tag in fresh.tags] == ["Other", "chips"]
    assert older.link == f"http://testserver/events/{old.pk}/"
    assert '<a href="https://wire.example/a">Wire: Rules tightened</a>' in older.summary


def test_atom_feed_follows_the_filters_and_is_its_own_feed(client):
    published("A ban", days_ago=1, event_type=Event.Type.BAN)
    published("A hearing", days_ago=2, event_type=Event.Type.HEARING)

    feed = feedparser.parse(client.get("/feed.atom?type=ban").content)

    assert [entry.title for entry in feed.entries] == ["7 Mar 2025: A ban"]
    assert feed.feed.title == "Policy Timeline: Events of type Ban"
    assert feed.feed.id == "http://testserver/feed.atom?type=ban"
    assert feed.feed.link == "http://testserver/?type=ban"


def test_calendar_holds_all_day_events_across_their_date_range(client):
    source = create_source(title="Rules, tightened", publisher="Wire", url="https://wire.example/a")
    day = create_event(title="Ruling; issued", date_start=date(2025, 3, 7), sources=[source])
    quarter = create_event(
        title="Quarterly review",
        date_start=date(2025, 1, 1),
        date_end=date(2025, 3, 31),
        precision="quarter",
    )
    create_event(title="Candidate", status=Event.Status.CANDIDATE)

    response = client.get("/calendar.ics")
    body = b"".join(response.streaming_content)
    calendar = icalendar.Calendar.from_ical(body)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert all(line.endswith(b"\r") for line in body.split(b"\n")[:-1])
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    entries = {entry["SUMMARY"]: entry for entry in calendar.walk("VEVENT")}
    assert sorted(entries) == ["Quarterly review", "Ruling; issued"]
    ruling, review = entries["Ruling; issued"], entries["Quarterly review"]
    assert ruling.decoded("DTSTART") == date(2025, 3, 7)
    assert ruling.decoded("DTEND") == date(2025, 3, 8)  # exclusive: the event is one day
    assert review.decoded("DTSTART") == date(2025, 1, 1)
    assert review.decoded("DTEND") == date(2025, 4, 1)
    assert ruling["UID"] == f"event-{day.pk}@testserver"
    assert review["URL"] == f"http://testserver/events/{quarter.pk}/"
    assert "- Wire: Rules, tightened <https://wire.example/a>" in ruling["DESCRIPTION"]
    assert "Date: Q1 2025" in review["DESCRIPTION"]


def test_calendar_follows_the_filters(client):
    create_event(title="A ban", event_type=Event.Type.BAN)
    create_event(title="A hearing", event_type=Event.Type.HEARING)

    body = b"".join(client.get("/calendar.ics?type=hearing").streaming_content)
    calendar = icalendar.Calendar.from_ical(body)

    assert [str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")] == ["A hearing"]
    assert calendar["X-WR-CALNAME"] == "Policy Timeline: Events of type Hearing or testimony"


def test_a_calendar_too_big_is_refused_with_a_reason(client, settings):
    settings.TIMELINE_CALENDAR_MAX_EVENTS = 1
    create_event(title="One")
    create_event(title="Two")

    response = client.get("/calendar.ics")

    assert response.status_code == 400
    assert "more than 1 events" in response.content.decode()


def test_a_line_break_in_a_filter_value_stays_inside_the_calendar_name(client):
    response = client.get("/calendar.ics", {"q": "chip\nexports"})

    ics = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert "X-WR-CALNAME:Policy Timeline: Events matching “chip exports”\r\n" in ics


@pytest.mark.parametrize(
    ("precision", "start", "end", "first_line"),
    [
        ("day", date(2025, 3, 7), date(2025, 3, 7), "Date: 7 Mar 2025"),
        (
            "year", date(2023, 1, 1), date(2023, 12, 31),
            "Date: 2023. Only the year is known, so this entry spans all of it.",
        ),
        (
            "month", date(2025, 3, 1), date(2025, 3, 31),
            "Date: Mar 2025. Only the month is known, so this entry spans all of it.",
        ),
        (
            "approximate", date(2025, 2, 20), date(2025, 3, 15),
            "Date: c. mid Feb – mid Mar 2025. The date is approximate, so this entry spans the "
            "likely range.",
        ),
    ],
)  # fmt: skip
def test_a_calendar_entry_longer_than_a_day_says_it_is_the_precision(
    client, precision, start, end, first_line
):
    create_event(date_start=start, date_end=end, precision=precision)

    body = b"".join(client.get("/calendar.ics").streaming_content)
    (entry,) = icalendar.Calendar.from_ical(body).walk("VEVENT")

    assert str(entry["DESCRIPTION"]).split("\n")[0] == first_line
    assert entry.decoded("DTEND") == end + timedelta(days=1)
