"""The round-trip property: export, import into an empty database, export again: the same file.

Events are generated with the text that breaks naive CSV code: commas, quotes, semicolons,
backslashes, line breaks (LF, CRLF, lone CR), non-Latin scripts and cells a spreadsheet would run
as formulas, on every kind of date the timeline stores.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.exports.csv import CSV_COLUMNS, join_values, neutralize_formula
from timeline.extraction.daterange import DateRange, Precision
from timeline.extraction.normalize import name_key
from timeline.imports.csv import import_csv
from timeline.models import Actor, Citation, Event, EventActor, Source, Tag
from timeline.queries import EventFilters, filter_events

# Any character a database can store: no lone surrogates (not UTF-8) and no NUL (PostgreSQL
# refuses it in text).
_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_AWKWARD = st.sampled_from(
    [
        "=1+2", "+x", "-5", "@SUM(A1)", "\tTab", "'=quoted", "'", "a,b", 'say "hi"', "semi;colon",
        "back\\slash", "; ", "line\nbreak", "crlf\r\nline", "lone\rcr", "中文", "العربية",
        "Ελληνικά", "Ünïcödé", " ", "🙂",
    ]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_AWKWARD, st.text(_CHAR, max_size=6)), max_size=6).map("".join)


def _clean(max_size: int) -> st.SearchStrategy[str]:
    """Text as a list item or a name: trimmed and not empty."""
    return _TEXT.map(str.strip).filter(lambda text: 0 < len(text) <= max_size)


_DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
_DATE = st.one_of(
    _DAY.map(DateRange.day),
    _DAY.map(DateRange.week_of),
    _DAY.map(lambda day: DateRange.week_of(day).clipped_to(day)),  # a week known up to a day
    _DAY.map(lambda day: DateRange.month(day.year, day.month)),
    _DAY.map(lambda day: DateRange.quarter(day.year, (day.month - 1) // 3 + 1)),
    _DAY.map(lambda day: DateRange.year(day.year)),
    st.tuples(_DAY, st.integers(1, 400)).map(
        lambda pair: DateRange(pair[0], pair[0] + timedelta(days=pair[1]), Precision.APPROXIMATE)
    ),
)


@st.composite
def timelines(draw: st.DrawFn) -> dict:
    actor_names = draw(st.lists(_clean(60), max_size=4, unique_by=name_key))
    actor_names = [name for name in actor_names if name_key(name)]
    tag_names = draw(st.lists(_clean(40), max_size=3, unique_by=str.casefold))
    sources = draw(
        st.lists(
            st.tuples(_clean(60), _TEXT.map(str.strip), st.booleans(), st.none() | _DAY),
            max_size=4,
            unique_by=lambda source: (source[0], source[1]),
        )
    )
    events = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "title": _TEXT.filter(lambda text: text.strip() and len(text) <= 300),
                    "summary": _TEXT,
                    "date": _DATE,
                    "date_text": _TEXT.filter(lambda text: len(text) <= 200),
                    "event_type": st.sampled_from(Event.Type.values),
                    "date_basis": st.sampled_from(Event.DateBasis.values),
                    "country": st.sampled_from(["", "US", "CN", "EU"]),
                    "actors": st.lists(
                        st.tuples(st.integers(0, 3), st.sampled_from(EventActor.Role.values)),
                        max_size=3,
                        unique_by=lambda pair: pair[0],
                    ),
                    "tags": st.lists(st.integers(0, 2), max_size=3, unique=True),
                    "sources": st.lists(st.integers(0, 3), max_size=3, unique=True),
                    "quotes": st.lists(_TEXT, min_size=3, max_size=3),
                }
            ),
            min_size=1,
            max_size=4,
        )
    )
    return {"actors": actor_names, "tags": tag_names, "sources": sources, "events": events}


def _wipe() -> None:
    for model in (Event, Actor, Tag, Source):
        model.objects.all().delete()


def _store(timeline: dict) -> None:
    actors = [Actor.objects.create(name=name) for name in timeline["actors"]]
    tags = [Tag.objects.create(name=name) for name in timeline["tags"]]
    sources = [
        Source.objects.create(
            title=title,
            publisher=publisher,
            url=f"https://news.example.org/{number}" if has_url else "",
            published_on=published_on,
        )
        for number, (title, publisher, has_url, published_on) in enumerate(timeline["sources"])
    ]
    for spec in timeline["events"]:
        date_range = spec["date"]
        event = Event.objects.create(
            title=spec["title"],
            summary=spec["summary"],
            event_type=spec["event_type"],
            status=Event.Status.PUBLISHED,
            date_start=date_range.start,
            date_end=date_range.end,
            precision=date_range.precision.value,
            date_text=spec["date_text"],
            date_basis=spec["date_basis"],
            country=spec["country"],
        )
        for index, role in spec["actors"]:
            if index < len(actors):
                EventActor.objects.create(event=event, actor=actors[index], role=role)
        event.tags.add(*(tags[index] for index in spec["tags"] if index < len(tags)))
        cited = [sources[index] for index in spec["sources"] if index < len(sources)]
        for source, quote in zip(cited, spec["quotes"], strict=False):
            Citation.objects.create(event=event, source=source, quote=quote)


@pytest.mark.django_db
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(timeline=timelines())
def test_export_import_export_is_the_same_file(client, timeline):
    _wipe()
    _store(timeline)
    first = b"".join(client.get("/export.csv").streaming_content)
    _wipe()

    plan = import_csv(first, create_missing=True)

    assert plan.is_valid, plan.errors
    assert plan.created == len(timeline["events"])
    assert b"".join(client.get("/export.csv").streaming_content) == first
    again = import_csv(first, create_missing=True)
    assert again.unchanged == len(timeline["events"])


def _reference_cells(event: Event) -> list[str]:
    """An event's CSV cells by the written rules (formula guard, "; " lists), in Python."""
    guard = neutralize_formula
    roles = list(event.event_actors.select_related("actor").order_by("id"))
    citations = list(event.citations.select_related("source").order_by("id"))
    sources = [citation.source for citation in citations]
    quotes = [citation.quote for citation in citations if citation.quote]
    return [
        str(event.pk),
        guard(event.title),
        guard(event.summary),
        event.event_type,
        event.date_start.isoformat(),
        event.date_end.isoformat(),
        event.precision,
        guard(event.date_text),
        event.date_basis,
        guard(event.country),
        guard(join_values([role.actor.name for role in roles])),
        guard(join_values([role.role for role in roles])),
        guard(join_values(list(event.tags.order_by("name", "id").values_list("name", flat=True)))),
        event.status,
        guard(join_values([source.title for source in sources])),
        guard(join_values([source.publisher for source in sources])),
        guard(join_values([source.url for source in sources])),
        join_values([s.published_on.isoformat() if s.published_on else "" for s in sources]),
        guard(quotes[0] if quotes else ""),
        f"http://testserver/events/{event.pk}/",
    ]


@pytest.mark.django_db
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(timeline=timelines())
def test_the_database_writes_the_lines_the_csv_module_would(client, timeline):
    """The export (its list cells joined by the database's triggers, migration 0009) against
    the rules written in Python and the csv module's quoting, byte for byte."""
    _wipe()
    _store(timeline)
    expected = io.StringIO()
    expected.write("\ufeff")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_reference_cells(event) for event in filter_events(EventFilters()))

    exported = b"".join(client.get("/export.csv").streaming_content).decode()

    assert exported == expected.getvalue()
