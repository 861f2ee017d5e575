"""The in-memory event index answers exactly what the SQL queryset answers.

Pages, totals and facet counts come from the index; exports, feeds and the API stream the SQL
queryset (``filter_events``). A reader must never see one set of events and export another.
"""

import random
import threading
from collections import Counter
from datetime import date, timedelta

import pytest
from django.http import QueryDict

from tests.factories import create_actor, create_event, create_source, create_tag
from timeline import event_index, queries
from timeline.models import Event
from timeline.queries import (
    Cursor,
    EventFilterForm,
    Timeline,
    current_index,
    facet_counts,
    filter_events,
    invalidate_facet_cache,
)

pytestmark = pytest.mark.django_db

TYPES = ["ban", "statement", "report", "hearing"]
COUNTRIES = ["US", "CN", "EU", ""]
WORDS = ["export", "chips", "drones", "hearing", "tariff", "model"]


@pytest.fixture
def varied_world():
    """Sixty events with ties in dates, ranges of every width, shared actors, tags and
    publishers, and some that are not published."""
    rng = random.Random(7)
    actors = [create_actor(name=f"Agency {letter}") for letter in "ABCDE"]
    tags = [create_tag(name=f"topic {number}") for number in range(4)]
    sources = [create_source(publisher=rng.choice(["Wire", "Daily", "Post", ""])) for _ in range(8)]
    for number in range(60):
        start = date(2024, 11, 1) + timedelta(days=rng.randrange(0, 200, 3))
        width = rng.choice([0, 0, 0, 6, 30, 90])
        precision = Event.Precision.DAY if width == 0 else Event.Precision.APPROXIMATE
        create_event(
            title=f"{rng.choice(WORDS)} event {number}",
            summary=f"About {rng.choice(WORDS)}.",
            date_start=start,
            date_end=start + timedelta(days=width),
            precision=precision,
            event_type=rng.choice(TYPES),
            country=rng.choice(COUNTRIES),
            status=rng.choice([Event.Status.PUBLISHED] * 4 + [Event.Status.CANDIDATE]),
            actors=rng.sample(actors, rng.randrange(0, 3)),
            tags=rng.sample(tags, rng.randrange(0, 3)),
            sources=rng.sample(sources, rng.randrange(0, 3)),
        )


QUERIES = [
    "",
    "sort=newest",
    "type=ban",
    "type=ban&type=report&sort=newest",
    "country=US",
    "country=US&type=statement",
    "actor=agency-a",
    "actor=agency-a&actor=agency-c",
    "tag=topic-1&actor=agency-b",
    "source=Wire",
    "source=Wire&source=Post&country=CN",
    "q=export",
    "q=dron",
    "q=chips%20event&type=ban",
    "start=2025-01-01",
    "end=2025-02-15&sort=newest",
    "start=2025-02&end=2025-03&tag=topic-0",
    "actor=no-such-actor",
    "q=%22%22",
]


def all_pages(query: str, page_size: int) -> list[int]:
    """Every event id of a view, read page after page through the keyset cursor."""
    ids: list[int] = []
    cursor = None
    while True:
        form = EventFilterForm(QueryDict(query))
        timeline = Timeline(form.filters, cursor=cursor, page_size=page_size)
        ids += [event.id for event in timeline.page]
        if timeline.next_cursor is None:
            return ids
        cursor = Cursor.decode(timeline.next_cursor)


@pytest.mark.parametrize("query", QUERIES)
def test_pages_and_totals_match_the_exported_queryset(varied_world, query):
    filters = EventFilterForm(QueryDict(query)).filters
    exported = list(filter_events(filters).values_list("id", flat=True))

    assert all_pages(query, page_size=7) == exported
    assert Timeline(filters).total == len(exported)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("sparse", [1, 10**9], ids=["from matches", "by full pass"])
@pytest.mark.parametrize("value_masks", [32, 0], ids=["value masks", "no value masks"])
def test_facet_counts_match_counting_the_queryset(
    varied_world, query, sparse, value_masks, monkeypatch
):
    # Every way of counting: from the matched events (few matches) or by a pass over all, with
    # or without a mask per type and country (kept only for dimensions with few values).
    monkeypatch.setattr(event_index, "SPARSE", sparse)
    monkeypatch.setattr(event_index, "MAX_VALUE_MASKS", value_masks)
    filters = EventFilterForm(QueryDict(query)).filters
    facets = facet_counts(filters, limit=100)

    dimensions = [("types", "type"), ("countries", "country"), ("tags", "tag"), ("actors", "actor")]
    for dimension, param in dimensions:
        events = filter_events(filters.without(dimension))
        expected = Counter()
        for event in events:
            if dimension == "types":
                expected[event.event_type] += 1
            elif dimension == "countries" and event.country:
                expected[event.country] += 1
            elif dimension == "tags":
                expected.update(tag.slug for tag in event.tags.all())
            elif dimension == "actors":
                expected.update(actor.slug for actor in event.actors.all())
        shown = {value.value: value.count for value in facets[param].values if value.count}
        assert shown == dict(expected), dimension


@pytest.mark.parametrize("query", ["", "type=ban", "actor=no-such-actor"])
def test_month_counts_follow_the_start_date(varied_world, query):
    filters = EventFilterForm(QueryDict(query)).filters
    expected = Counter(f"{event.date_start:%Y-%m}" for event in filter_events(filters))

    assert queries.month_counts(filters) == dict(expected)


def test_an_unpublished_event_leaves_the_page_at_once(varied_world):
    first = Timeline(EventFilterForm(QueryDict("")).filters).page[0]
    Event.objects.filter(pk=first.pk).update(status=Event.Status.REJECTED)  # no signal sent

    # The index still lists it (nothing told it), but the page re-checks what it shows.
    assert first.pk not in [
        event.pk for event in Timeline(EventFilterForm(QueryDict("")).filters).page
    ]


@pytest.mark.django_db(transaction=True)
def test_a_large_index_answers_while_a_thread_rebuilds_it(monkeypatch):
    create_event(title="Before")
    old = current_index()
    monkeypatch.setattr(queries, "INDEX_SYNC_LIMIT", 0)  # treat this index as large

    create_event(title="After")  # a signal starts a new generation

    assert current_index() is old  # answered at once, from the previous generation
    for thread in threading.enumerate():
        if thread.name == "timeline-index":
            thread.join(timeout=30)
    fresh = current_index()
    assert fresh is not old
    assert len(fresh) == 2


def test_invalidating_rebuilds_a_small_index_before_the_next_answer(varied_world):
    before = current_index()
    invalidate_facet_cache()

    assert current_index() is not before


def test_events_whose_sources_have_no_publisher_count_under_no_publisher():
    create_event(title="Unattributed", sources=[create_source(publisher="")])

    facets = facet_counts(EventFilterForm(QueryDict("")).filters)

    assert facets["source"].values == ()
    assert Timeline(EventFilterForm(QueryDict("")).filters).total == 1


@pytest.mark.django_db(transaction=True)
def test_the_web_process_builds_the_index_as_it_starts(monkeypatch):
    import importlib

    import timeline.wsgi

    create_event(title="Ready before the first reader")
    monkeypatch.setattr(queries, "_index", None)

    importlib.reload(timeline.wsgi)
    for thread in threading.enumerate():
        if thread.name == "timeline-index-warm-up":
            thread.join(timeout=30)

    assert queries._index is not None
    assert len(queries._index) == 1
