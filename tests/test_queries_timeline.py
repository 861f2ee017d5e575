"""The timeline's queries: filters, facet counts, keyset pagination and full-text search."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.http import QueryDict
from django.utils import timezone

from tests.factories import (
    create_actor,
    create_event,
    create_source,
    create_tag,
)
from timeline import queries
from timeline.models import Event
from timeline.public import counts as public_counts
from timeline.public import page as public_page
from timeline.public.counts import facet_counts
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

pytestmark = pytest.mark.django_db


def filters_for(query: str) -> EventFilters:
    return EventFilterForm(QueryDict(query)).filters


def titles(events) -> list[str]:
    return [event.title for event in events]


def counts(facet) -> dict[str, int]:
    return {value.value: value.count for value in facet.values}


@pytest.fixture
def small_world():
    """Four published events and a candidate, with the counts worked out by hand:

    e1 ban/US, actors A+B, tag t1, two articles from publisher P
    e2 ban/CN, actor A, tags t1+t2, one article from Q
    e3 statement/US, actors B+C, no tags, articles from P and Q
    e5 report/no country, no actors, tag t1, no sources
    e4 is a candidate (never counted): statement/US, actor C, tag t2
    """
    a, b, c = (create_actor(name=name) for name in ("Agency A", "Agency B", "Agency C"))
    t1, t2 = create_tag(name="t1"), create_tag(name="t2")
    p1, p2 = create_source(publisher="P"), create_source(publisher="P")
    q1, q2 = create_source(publisher="Q"), create_source(publisher="Q")
    e1 = create_event(
        title="e1",
        event_type="ban",
        country="US",
        date_start=date(2025, 1, 10),
        actors=[a, b],
        tags=[t1],
        sources=[p1, p2],
    )
    e2 = create_event(
        title="e2",
        event_type="ban",
        country="CN",
        date_start=date(2025, 2, 5),
        actors=[a],
        tags=[t1, t2],
        sources=[q1],
    )
    e3 = create_event(
        title="e3",
        event_type="statement",
        country="US",
        date_start=date(2025, 2, 20),
        actors=[b, c],
        sources=[p1, q2],
    )
    create_event(
        title="e4",
        event_type="statement",
        country="US",
        date_start=date(2025, 3, 1),
        actors=[c],
        tags=[t2],
        status=Event.Status.CANDIDATE,
    )
    e5 = create_event(title="e5", event_type="report", date_start=date(2024, 12, 31), tags=[t1])
    return {"a": a, "b": b, "c": c, "t1": t1, "t2": t2, "events": (e1, e2, e3, e5)}


def test_unfiltered_facets_count_published_events_once_each(small_world):
    facets = facet_counts(EventFilters())

    assert counts(facets["type"]) == {"ban": 2, "statement": 1, "report": 1}
    assert counts(facets["country"]) == {"US": 2, "CN": 1}
    assert counts(facets["actor"]) == {"agency-a": 2, "agency-b": 2, "agency-c": 1}
    assert counts(facets["tag"]) == {"t1": 3, "t2": 1}
    # e1 has two articles from P and counts once.
    assert counts(facets["source"]) == {"P": 2, "Q": 2}


def test_facets_reflect_the_other_filters_but_not_their_own(small_world):
    facets = facet_counts(filters_for("actor=agency-a"))

    # The actor facet ignores the actor filter: choosing a second actor widens the result.
    assert counts(facets["actor"]) == {"agency-a": 2, "agency-b": 2, "agency-c": 1}
    assert [value.value for value in facets["actor"].values if value.selected] == ["agency-a"]
    assert counts(facets["type"]) == {"ban": 2}
    assert counts(facets["country"]) == {"US": 1, "CN": 1}
    assert counts(facets["tag"]) == {"t1": 2, "t2": 1}
    assert counts(facets["source"]) == {"P": 1, "Q": 1}


def test_several_values_of_one_filter_mean_any_of_them(small_world):
    filters = filters_for("actor=agency-a&actor=agency-c")
    page = TimelinePage(filters)

    assert titles(page.events) == ["e1", "e2", "e3"]
    assert page.total == 3
    facets = page.counts.facets
    assert counts(facets["type"]) == {"ban": 2, "statement": 1}  # e3 has actor C
    assert counts(facets["tag"]) == {"t1": 2, "t2": 1}
    assert counts(facets["source"]) == {"P": 2, "Q": 2}


def test_selected_value_with_no_matches_stays_visible_with_zero(small_world):
    facets = facet_counts(filters_for("type=statement&tag=t1"))

    # Without the type filter, tag t1 leaves e1, e2, e5.
    assert counts(facets["type"]) == {"ban": 2, "report": 1, "statement": 0}
    # Without the tag filter, type=statement leaves e3, which has no tags.
    assert counts(facets["tag"]) == {"t1": 0}
    assert facets["tag"].values[0].selected


def test_unfiltered_counts_are_cached_until_an_event_changes(
    small_world, django_assert_num_queries
):
    facet_counts(EventFilters())
    with django_assert_num_queries(1):  # the data version
        facet_counts(EventFilters())

    event = small_world["events"][0]
    event.event_type = "report"
    event.save()

    assert counts(facet_counts(EventFilters())["type"]) == {"ban": 1, "statement": 1, "report": 2}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda w: w["events"][2].tags.add(w["t2"]), id="tag added"),
        pytest.param(lambda w: w["events"][0].event_actors.first().delete(), id="actor removed"),
        pytest.param(lambda w: create_event(title="new", tags=[w["t2"]]), id="event added"),
    ],
)
def test_cached_counts_are_invalidated_by_changes_to_actors_tags_and_events(small_world, change):
    before = facet_counts(EventFilters())

    change(small_world)

    assert facet_counts(EventFilters()) != before


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


# Query count -----------------------------------------------------------------------------------


def make_busy_timeline(count: int) -> None:
    actors = [create_actor(name=name) for name in ("Agency One", "Agency Two", "Agency Three")]
    tags = [create_tag(name="t1"), create_tag(name="t2")]
    for number in range(count):
        create_event(
            title=f"Event {number}",
            date_start=date(2025, 1, 1) + timedelta(days=number % 5),
            event_type="ban",
            actors=actors[: 1 + number % 3],
            tags=tags,
            sources=[create_source(), create_source()],
        )


@pytest.mark.parametrize(
    ("query", "matching", "computed"),
    [
        # The data version, events per month, types and countries, actors and their names,
        # tags and their names, publishers, the page's ids, its events and their three
        # relations; a start date also asks for the longest event (cached with the counts).
        ("sort=oldest", 40, 13),
        ("", 40, 13),
        ("type=ban", 40, 13),
        ("actor=agency-one&tag=t1", 40, 13),
        ("q=event&start=2025-01-02", 32, 14),
    ],
)
def test_queries_per_request_do_not_grow_with_page_size_or_depth(
    client, monkeypatch, django_assert_num_queries, query, matching, computed
):
    """Right after a change (nothing cached), with the results cached but not this rendering of
    them (then the data version, the page's events and their relations), or with both (then the
    data version alone), the number of queries is the same for every page size and depth."""
    make_busy_timeline(40)
    if connection.vendor == "postgresql":
        # The time limit set and reset around the four timed counts, and, since a test runs
        # in a transaction, a savepoint and its release around each.
        computed += 2 + 4 * 2
    headers = {"HX-Request": "true"}
    for page_size in (2, 30):
        monkeypatch.setattr(public_page, "PAGE_SIZE", page_size)
        as_the_page_reads_it = EventFilterForm(QueryDict(query), default_sort="newest").filters
        first = TimelinePage(as_the_page_reads_it, page_size=page_size)
        deep = Cursor.after_event(first.events[-1]).encode()
        pages = [(f"/?{query}", min(page_size, matching))]
        pages.append((f"/?{query}&after={deep}", min(page_size, matching - page_size)))
        for url, shown in pages:
            cache.clear()
            with django_assert_num_queries(computed):
                response = client.get(url, headers=headers)
            assert response.content.count(b'class="event"') == shown
            with django_assert_num_queries(1):
                response = client.get(url, headers=headers)
            assert response.content.count(b'class="event"') == shown
            # The same view under another query string (a tracking parameter that every link
            # keeps) is another rendering of the same cached results.
            with django_assert_num_queries(5):
                response = client.get(f"{url}&ref=newsletter", headers=headers)
            assert response.content.count(b'class="event"') == shown
            assert b"ref=newsletter" in response.content


# The facet time budget -------------------------------------------------------------------------


def slow_rows(*args, **kwargs):
    """A count that takes seconds: it is stopped by the database, not awaited."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_sleep(5)")
        else:
            cursor.execute(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1e10) "
                "SELECT count(*) FROM n"
            )
        cursor.fetchall()
    return []


def test_a_facet_over_its_time_budget_shows_its_values_without_counts_and_says_so(
    client, small_world, monkeypatch, settings
):
    settings.TIMELINE_FACET_TIME_LIMIT_MS = 50
    monkeypatch.setattr(public_counts, "_related_rows", slow_rows)

    response = client.get("/?actor=agency-a")  # minutes of counting, were it not stopped

    page = response.content.decode()
    assert response.status_code == 200
    assert "Counts unavailable" in page
    assert "Agency A" in page  # the chosen actor, still there to remove
    facets = TimelinePage(filters_for("actor=agency-a")).counts.facets
    assert not facets["actor"].available and facets["type"].available
    assert counts(facets["type"]) == {"ban": 2}


def test_a_facet_within_its_budget_is_counted(small_world, settings):
    settings.TIMELINE_FACET_TIME_LIMIT_MS = 10_000

    facets = facet_counts(EventFilters())

    assert all(facet.available for facet in facets.values())


@pytest.mark.django_db(transaction=True)
def test_the_facet_time_limit_does_not_outlive_the_counts(settings):
    """Outside a transaction (a web request) the limit is a session setting: the statements that
    follow the counts, on a connection kept for the next request, run under the usual limit."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statement_timeout")
    settings.TIMELINE_FACET_TIME_LIMIT_MS = 1234
    create_event(title="Counted")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (before,) = cursor.fetchone()

    facet_counts(EventFilters())

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == (before,)
    assert before != "1234ms"
