"""The filter vocabulary (``timeline/queries.py``): filters, keyset pagination, dates in words
and full-text search."""

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import create_event
from timeline import queries
from timeline.models import Event
from timeline.public.page import TimelinePage
from timeline.queries import (
    Cursor,
    EventFilterForm,
    EventFilters,
    events_after,
    filter_events,
    search_terms,
    text_search,
)
from timeline.results import ResultCache, data_version

pytestmark = pytest.mark.django_db


def filters_for(query: str) -> EventFilters:
    return EventFilterForm(QueryDict(query)).filters


def titles(events) -> list[str]:
    return [event.title for event in events]


def test_date_filters_select_events_that_overlap_the_period(small_world):
    quarter = create_event(
        title="Q1 event",
        date_start=date(2025, 1, 1),
        date_end=date(2025, 3, 31),
        precision=Event.Precision.QUARTER,
    )

    february = filters_for("start=2025-02&end=2025-02")

    assert titles(filter_events(february)) == [quarter.title, "e2", "e3"]
    assert titles(filter_events(filters_for("end=2025-01-10"))) == ["e5", "Q1 event", "e1"]


@pytest.mark.parametrize("status", [Event.Status.PUBLISHED, Event.Status.CANDIDATE])
def test_a_start_date_keeps_events_that_began_long_before_it_and_end_inside(small_world, status):
    """The page's range scan starts at the longest published event's length before the period
    (read from its index once per data version): an event longer than any before it, begun
    years earlier, is found as soon as it is there; a longer one not published moves nothing."""
    march = filters_for("start=2025-03&end=2025-03")
    assert titles(filter_events(march)) == []

    create_event(
        title="years long",
        date_start=date(2019, 6, 1),
        date_end=date(2025, 3, 2),
        precision=Event.Precision.YEAR,
    )
    create_event(
        title="longer",
        date_start=date(2001, 1, 1),
        date_end=date(2025, 3, 31),
        precision=Event.Precision.YEAR,
        status=status,
    )

    found = ["longer", "years long"] if status == Event.Status.PUBLISHED else ["years long"]
    assert titles(filter_events(march)) == found
    assert queries.counted_events(march).count() == len(found)
    # Ended the day before the period: still outside it.
    assert titles(filter_events(filters_for("start=2025-04"))) == []


def test_the_longest_event_is_read_from_its_index(small_world):
    """Migration 0024's index on each event's length (the expression as ``DaysBetween`` compiles
    it) answers the date filters' longest published event without reading every event, once
    the table has statistics (the migration reads them; a table that never had any is read
    whole, as before the index)."""
    with CaptureQueriesContext(connection) as read:
        queries._earliest_start(date(2025, 3, 1), ResultCache(data_version()))
    (sql,) = [query["sql"] for query in read.captured_queries if "MAX(" in query["sql"]]
    if connection.vendor == "sqlite":
        analysed = {**STATISTICS_OF_100_000_EVENTS, "event_span_idx": "100000 1755 1755"}
        with statistics_of_the_events(analysed):
            plan = query_plan_of(sql)
    else:
        for number in range(40):
            create_event(title=f"day {number}", date_start=date(2024, 1, 1) + timedelta(number))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("ANALYZE timeline_event")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            plan = " ".join(row[0] for row in cursor.fetchall())
    assert "event_span_idx" in plan


# sqlite_stat1 of 100,000 synthetic events, all published, but nothing for migration 0024's
# index (as on a database analysed before it, had the migration not analysed it again).
STATISTICS_OF_100_000_EVENTS = {
    "event_timeline_idx": "100000 100000 28 15 1 1",
    "event_type_idx": "100000 100000 8334 4 3 1 1",
    "event_country_idx": "100000 100000 3847 3 2 1 1",
    "event_type_country_idx": "100000 100000 8334 321 2 1 1 1",
}


@contextmanager
def statistics_of_the_events(statistics: dict[str, str]):
    """SQLite plans with these statistics for the events' indexes (none for the others), then
    with the statistics it had: the planner's view of a large table, on a small one."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_schema")  # makes sqlite_stat1 if missing, analyses nothing
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'timeline_event'")
        kept = dict(cursor.fetchall())
    try:
        _set_statistics(statistics)
        yield
    finally:
        _set_statistics(kept)


def _set_statistics(statistics: dict[str, str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'timeline_event'")
        for index, stat in statistics.items():
            cursor.execute(
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('timeline_event', %s, %s)",
                [index, stat],
            )
        cursor.execute("ANALYZE sqlite_schema")  # the statistics read again


@pytest.mark.parametrize("query", ["", "sort=oldest", "start=2024-02"])
def test_the_length_index_without_statistics_is_not_taken_for_the_timeline(small_world, query):
    """An index whose statistics are missing while the others have theirs looks cheap to SQLite:
    one on (status, length) was taken for the status-only views. The length comes first in
    migration 0024's, so such views still read the timeline index in order."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan")
    filters = EventFilterForm(QueryDict(query), default_sort="newest").filters
    page = filter_events(filters).values_list("id", flat=True)[:26]

    with statistics_of_the_events(STATISTICS_OF_100_000_EVENTS):
        plan = query_plan(page)

    assert "COVERING INDEX event_timeline_idx" in plan
    assert "event_span_idx" not in plan and "TEMP B-TREE" not in plan


def test_newest_first_is_the_exact_reverse_of_oldest_first(small_world):
    oldest = titles(filter_events(EventFilters()))
    newest = titles(filter_events(filters_for("sort=newest")))

    assert oldest == ["e5", "e1", "e2", "e3"]
    assert newest == oldest[::-1]


# Keyset pagination -----------------------------------------------------------------------------


@pytest.fixture
def tied_events():
    """Nine events, seven starting on one day with mixed precisions (ties broken by id)."""
    day = date(2025, 3, 1)
    created = [
        create_event(title="week 1", date_start=day, date_end=day + timedelta(6), precision="week"),
        create_event(title="day 1", date_start=day),
        create_event(
            title="month 1", date_start=day, date_end=date(2025, 3, 31), precision="month"
        ),
        create_event(title="day 2", date_start=day),
        create_event(title="week 2", date_start=day, date_end=day + timedelta(6), precision="week"),
        create_event(title="day 3", date_start=day),
        create_event(title="day 4", date_start=day),
        create_event(title="before", date_start=day - timedelta(1)),
        create_event(title="after", date_start=day + timedelta(1)),
    ]
    return created


def walk(filters: EventFilters, page_size: int) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        page = TimelinePage(filters, cursor=cursor, page_size=page_size)
        pages.append(titles(page.events))
        if page.next_cursor is None:
            return pages
        cursor = Cursor.decode(page.next_cursor)


def test_keyset_pages_walk_ties_in_date_without_gaps_or_repeats(tied_events):
    pages = walk(EventFilters(), page_size=3)

    assert pages == [
        ["before", "day 1", "day 2"],
        ["day 3", "day 4", "week 1"],
        ["week 2", "month 1", "after"],
    ]


def test_keyset_pages_newest_first_are_the_reverse_order(tied_events):
    pages = walk(filters_for("sort=newest"), page_size=4)

    flat = [title for page in pages for title in page]
    assert flat == ["after", "month 1", "week 2", "week 1", "day 4", "day 3", "day 2", "day 1"] + [
        "before"
    ]
    assert [len(page) for page in pages] == [4, 4, 1]


def test_a_cursor_keeps_its_place_when_earlier_events_are_added(tied_events):
    first = TimelinePage(EventFilters(), page_size=3)
    cursor = Cursor.decode(first.next_cursor)
    create_event(title="inserted earlier", date_start=date(2020, 1, 1))

    second = TimelinePage(EventFilters(), cursor=cursor, page_size=3)

    assert titles(second.events) == ["day 3", "day 4", "week 1"]


def test_events_after_uses_the_full_sort_key(tied_events):
    day_two = next(event for event in tied_events if event.title == "day 2")
    after = events_after(
        filter_events(EventFilters()), Cursor.after_event(day_two), newest_first=False
    )

    assert titles(after) == ["day 3", "day 4", "week 1", "week 2", "month 1", "after"]


@pytest.mark.parametrize("token", ["", "x", "not-base64!", "MjAyNS0wMy0wMQ", "bm9uc2Vuc2U"])
def test_damaged_page_tokens_are_refused_with_a_message(token):
    form = EventFilterForm(QueryDict(f"after={token}"))

    assert form.cursor is None
    if token:
        assert "“Load more” link is damaged" in str(form.errors["after"])


def test_page_tokens_round_trip():
    cursor = Cursor(date(2025, 3, 7), 2, 12345)

    assert Cursor.decode(cursor.encode()) == cursor
    assert "2025" not in cursor.encode()


# Natural-language date filters -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected_start", "expected_end"),
    [
        ("since January 2025", "", date(2025, 1, 1), None),
        ("Q1 2025", "Q1 2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("2025-02", "March 2025", date(2025, 2, 1), date(2025, 3, 31)),
        ("2025-01-29", "2025-01-29", date(2025, 1, 29), date(2025, 1, 29)),
        ("", "before March 2025", None, date(2025, 3, 31)),
        ("early March 2025", "", date(2025, 3, 1), None),
    ],
)
def test_date_fields_read_natural_language_and_iso(start, end, expected_start, expected_end):
    filters = EventFilterForm(QueryDict(mutable=True) | {"start": start, "end": end}).filters

    assert (filters.start, filters.end) == (expected_start, expected_end)


def test_relative_periods_are_resolved_against_today():
    today = timezone.localdate()

    filters = filters_for("start=last+90+days")

    assert filters.start == today - timedelta(days=89)
    assert filters.echoes["start"] == queries.format_day(today - timedelta(days=89))


def test_dates_are_echoed_back_normalised():
    filters = filters_for("start=since+January+2025&end=Q1+2025")

    assert filters.echoes == {"start": "1 Jan 2025", "end": "31 Mar 2025"}


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("start=next+blursday", "start", "is not a date I can read"),
        ("start=03/04/2025", "start", "could be day-first or month-first"),
        ("end=31+February+2025", "end", "not a date I can read"),
        ("start=7+March", "start", "has no year"),
        ("start=2025-06-01&end=2025-01-01", "end", "is before “From” (1 Jun 2025)"),
    ],
)
def test_unreadable_dates_are_explained_and_not_applied(query, field, message):
    form = EventFilterForm(QueryDict(query))

    filters = form.filters

    assert message in " ".join(form.errors[field])
    assert getattr(filters, field) is None


# Full-text search ------------------------------------------------------------------------------


@pytest.fixture
def articles():
    create_event(title="Chip export controls tightened", summary="New licence rules.")
    create_event(title="Ministry bans imports", summary="The ban covers drones.")
    create_event(title="Court hears appeal", summary="Semiconductor makers argued.")
    create_event(title="Notice published", summary="Docket 2024-01234 opens a dual-use review.")
    create_event(title="Hidden export rule", status=Event.Status.CANDIDATE)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("export", ["Chip export controls tightened"]),
        ("EXPORT controls", ["Chip export controls tightened"]),
        ("banned", ["Ministry bans imports"]),  # stemmed: bans / ban / banned
        ("semicond", ["Court hears appeal"]),  # the last word may be a prefix
        ("licence export", ["Chip export controls tightened"]),  # every word, in any order
        ("drones court", []),
        # Hyphens separate words on both databases (PostgreSQL's parser alone would read
        # "-01234" as a signed number).
        ("01234", ["Notice published"]),
        ("dual use", ["Notice published"]),
    ],
)
def test_search_matches_stemmed_words_of_titles_and_summaries(articles, query, expected):
    assert titles(filter_events(EventFilters(q=query))) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'export"',
        "export AND OR NOT",
        "NEAR(export chip)",
        "export*",
        "title:export",
        "-export",
        "((export",
        "export'; DROP TABLE timeline_event; --",
        "^export",
        "export & chip | !ban",
        "export:*",
        "<->",
    ],
)
def test_search_syntax_typed_by_readers_never_fails(articles, query):
    found = titles(filter_events(EventFilters(q=query)))

    if search_terms(query):
        assert all("export" in title.casefold() or "chip" in title.casefold() for title in found)
    else:
        assert found == []


def test_search_with_only_punctuation_asks_for_a_word():
    form = EventFilterForm(QueryDict("q=%22%3F%21"))

    assert form.filters.q == ""
    assert form.errors["q"] == ["Search for at least one word or number."]


def test_search_index_follows_edits_and_deletions(articles):
    event = Event.objects.get(title="Court hears appeal")
    event.title = "Tribunal hears appeal"
    event.save()

    assert titles(text_search(Event.objects.all(), "tribunal")) == ["Tribunal hears appeal"]
    assert titles(text_search(Event.objects.all(), "court")) == []

    event.delete()
    assert titles(text_search(Event.objects.all(), "tribunal")) == []


def test_search_finds_events_whose_ids_need_more_than_32_bits(articles):
    large = create_event(id=2**31 + 7, title="Gallium export licences")

    found = text_search(Event.objects.all(), "gallium")

    assert list(found.values_list("pk", flat=True)) == [large.pk]


@pytest.mark.parametrize("few", [0, 1, 200])
def test_search_by_its_few_matching_ids_finds_what_the_index_finds(articles, monkeypatch, few):
    """Under ``FEW_MATCHES`` matches the page filters by their ids, read once per data
    version; at more, by the index's subquery: the same events either way."""
    monkeypatch.setattr(queries, "FEW_MATCHES", few)
    results = ResultCache(data_version())
    everything = Event.objects.all()

    for query in ("export", "notice 01234", "semicond", "nothing"):
        by_ids = text_search(everything, query, results)
        assert titles(by_ids) == titles(text_search(everything, query))


def test_search_reads_the_full_text_index(articles):
    """SQLite matches in the FTS5 table; on PostgreSQL the match can be answered by the GIN
    index (with sequential and plain index scans ruled out, only that index is left)."""
    sql, params = text_search(Event.objects.all(), "export").order_by().query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "timeline_event_fts VIRTUAL TABLE INDEX" in plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Bitmap Index Scan on timeline_event_search_vector_idx" in plan


def query_plan(queryset) -> str:
    """SQLite's plan for ``queryset``."""
    return query_plan_of(*queryset.query.sql_with_params())


def query_plan_of(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("type=ban&country=US", "event_type_country_idx"),
        ("type=ban&start=2025-02&end=2025-03", "event_type_idx"),
        ("country=US&sort=oldest", "event_country_idx"),
    ],
)
def test_a_view_by_type_or_country_reads_its_page_and_months_from_one_index(
    small_world, query, index
):
    """The index of the filter holds the timeline order and date_end: the page comes in order
    (no sort) and the events per day are counted from the index alone (no row read).

    SQLite only: on a table of a few rows PostgreSQL's planner takes any index that gives the
    order (the timeline's, filtering as it goes) however its costs are steered, so its plan
    cannot show which index a large table would use."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan")
    filters = EventFilterForm(QueryDict(query), default_sort="newest").filters
    page = filter_events(filters).values_list("id", flat=True)[:26]
    days = queries.counted_events(filters).values_list("date_start").annotate(n=Count("id"))

    for plan in (query_plan(page), query_plan(days)):
        assert f"COVERING INDEX {index}" in plan
        assert "TEMP B-TREE" not in plan
