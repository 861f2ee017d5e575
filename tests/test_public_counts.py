"""What the timeline counts (``timeline/public/counts.py``) and what a page of it costs: facet
counts, the months behind the histogram and the total, their shared time budget and the
requests that count what did not fit in it, and the number of queries per request."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from tests.factories import create_actor, create_event, create_source, create_tag
from timeline.models import Event
from timeline.public import counts as public_counts
from timeline.public import page as public_page
from timeline.public.counts import count_events, facet_counts
from timeline.public.page import TimelinePage
from timeline.queries import Cursor, EventFilterForm, EventFilters

pytestmark = pytest.mark.django_db


def filters_for(query: str) -> EventFilters:
    return EventFilterForm(QueryDict(query)).filters


def titles(events) -> list[str]:
    return [event.title for event in events]


def counts(facet) -> dict[str, int]:
    return {value.value: value.count for value in facet.values}


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
        # relations; a start date also asks for the longest event and a search for its first
        # matches (cached with the counts: the page filters by their ids when they are few).
        ("sort=oldest", 40, 13),
        ("", 40, 13),
        ("type=ban", 40, 13),
        ("actor=agency-one&tag=t1", 40, 13),
        ("q=event&start=2025-01-02", 32, 15),
    ],
)
def test_queries_per_request_do_not_grow_with_page_size_or_depth(
    client, monkeypatch, django_assert_num_queries, query, matching, computed
):
    """Right after a change (nothing cached), with the results cached but not this rendering of
    them (then the data version, the page's events and their relations), or with both (then the
    data version alone), the number of queries is the same for every page size and depth."""
    make_busy_timeline(40)
    headers = {"HX-Request": "true"}
    per_facet: dict[str, int] = {}
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
            # A facet's own request, had its counts not fit in the page's budget: the version,
            # the names the filters need, the facet's count (and its names; the longest event
            # with a start date), whatever the page.
            for param in ("months", "type", "country", "actor", "tag", "source"):
                cache.clear()
                target = {"HX-Request": "true", "HX-Target": f"facet-{param}"}
                with CaptureQueriesContext(connection) as facet_queries:
                    assert client.get(url, headers=target).status_code == 200
                # PostgreSQL: the time limit set and reset, a savepoint and its release.
                made = len(facet_queries) - (4 if connection.vendor == "postgresql" else 0)
                assert made == per_facet.setdefault(param, made) <= 5

        # "Load more" for the deep page: its own rendering, then the cached one.
        deep_url, shown = pages[1]
        load_more = {"HX-Request": "true", "HX-Target": "load-more"}
        client.get(deep_url, headers=load_more)
        with django_assert_num_queries(1):
            response = client.get(deep_url, headers=load_more)
        assert response.content.count(b'class="event"') == shown
        assert b"<html" not in response.content and b'id="filters"' not in response.content


def test_load_more_counts_nothing(client, monkeypatch):
    """ "Load more" shows the next events, never the facets, the histogram or the total."""
    make_busy_timeline(40)
    newest_first = EventFilterForm(QueryDict(""), default_sort="newest").filters
    first = TimelinePage(newest_first, page_size=25)
    deep = Cursor.after_event(first.events[-1]).encode()

    def not_shown(*args):
        raise AssertionError("a count was made for a fragment that shows none")

    monkeypatch.setattr(public_counts, "_related_rows", not_shown)
    monkeypatch.setattr(public_counts, "_type_country_rows", not_shown)
    monkeypatch.setattr(public_counts, "month_counts", not_shown)
    cache.clear()
    response = client.get(
        f"/?after={deep}", headers={"HX-Request": "true", "HX-Target": "load-more"}
    )

    assert response.content.count(b'class="event"') == 15


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


FACET_HEADERS = {"HX-Request": "true", "HX-Target": "facet-actor"}
RESULTS_HEADERS = {"HX-Request": "true", "HX-Target": "results"}
# A budget that a never-ending count (``slow_rows``) exhausts and that the small world's real
# counts fit in with room to spare, on a busy machine too: the tests assert which counts fit.
BUDGET_MS = 500


def test_a_facet_over_the_page_budget_shows_its_values_and_fetches_its_counts(
    client, small_world, monkeypatch, settings
):
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    with monkeypatch.context() as slow:
        slow.setattr(public_counts, "_related_rows", slow_rows)
        response = client.get("/?actor=agency-a&type=ban")  # minutes, were it not stopped

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Counting…") == 3  # actors, tags and publishers; type and country counted
    assert "Agency A" in page  # the chosen actor, still there to remove
    assert 'id="facet-actor"' in page and 'hx-trigger="load"' in page
    assert "Counts unavailable" not in page

    # The request the facet makes once shown: the same view, this facet alone, with its counts.
    counted = client.get("/?actor=agency-a&type=ban", headers=FACET_HEADERS).content.decode()

    assert counted.strip().startswith('<nav class="facet" id="facet-actor"')
    assert "Counting…" not in counted and 'hx-trigger="load"' not in counted
    facet = TimelinePage(filters_for("actor=agency-a&type=ban"), counting="actor").counted
    shown = {link.label: link.count for link in facet.values}
    # Each count is what choosing that actor (besides the others chosen) would show.
    for name, actor in (("Agency A", small_world["a"]), ("Agency B", small_world["b"])):
        matching = Event.objects.published().filter(event_type="ban", actors=actor).count()
        assert shown[name] == matching
    assert shown == {"Agency A": 2, "Agency B": 1}
    # Counted once per data version: the next page has them at once.
    again = client.get("/?actor=agency-a&type=ban").content.decode()
    assert "Counting…" not in again


def test_the_facets_after_the_budget_is_spent_are_not_started(
    client, small_world, monkeypatch, settings
):
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    monkeypatch.setattr(public_counts, "_type_country_rows", slow_rows)
    started = []
    monkeypatch.setattr(public_counts, "_related_rows", lambda *args: started.append(args))

    page = client.get("/").content.decode()

    assert page.count("Counting…") == 5
    assert started == []


def test_a_facet_over_even_its_own_budget_says_its_counts_are_unavailable(
    client, small_world, monkeypatch, settings
):
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    settings.TIMELINE_DEFERRED_FACET_TIME_LIMIT_MS = BUDGET_MS
    monkeypatch.setattr(public_counts, "_related_rows", slow_rows)

    counted = client.get("/?actor=agency-a", headers=FACET_HEADERS).content.decode()

    assert "Counts unavailable" in counted and "Agency A" in counted
    assert 'hx-trigger="load"' not in counted
    # Remembered for a while: the next pages say so at once instead of trying again.
    page = client.get("/?actor=agency-a").content.decode()
    assert "Counts unavailable" in page and page.count("Counting…") == 2


def test_a_page_rendered_without_some_counts_shows_them_once_they_are_ready(
    client, small_world, monkeypatch, settings
):
    """The rendered page is cached, but not one whose facets are still being counted after it:
    the next reader gets the counts in the page, not a "Counting…" kept until the data changes."""
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    with monkeypatch.context() as slow:
        slow.setattr(public_counts, "_related_rows", slow_rows)
        assert "Counting…" in client.get("/?actor=agency-a").content.decode()

    page = client.get("/?actor=agency-a").content.decode()

    assert "Counting…" not in page
    assert "Agency B" in page  # a value the slow count held back


def test_a_page_rendered_again_once_its_counts_are_ready_renders_only_the_counts(
    client, small_world, monkeypatch, settings, django_assert_num_queries
):
    """The cards of a page whose facets were counted after it are kept rendered on their own (no
    count changes them): once the counts are ready, the next request renders the facets alone,
    with the data version as its one query, and the same markup as a page rendered whole."""
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    with monkeypatch.context() as slow:
        slow.setattr(public_counts, "_related_rows", slow_rows)
        first = client.get("/?type=ban", headers=RESULTS_HEADERS).content.decode()
    assert first.count('<p class="facet-note">Counting…</p>') == 3
    for param in ("actor", "tag", "source"):
        target = {"HX-Request": "true", "HX-Target": f"facet-{param}"}
        assert client.get("/?type=ban", headers=target).status_code == 200

    def not_built(*args):
        raise AssertionError("the cards were built again")

    with monkeypatch.context() as cards, django_assert_num_queries(1):  # the data version
        cards.setattr(public_page, "event_cards", not_built)
        again = client.get("/?type=ban", headers=RESULTS_HEADERS).content.decode()

    assert "Counting…" not in again and "Agency B" in again
    assert titles_on(again) == titles_on(first) == ["e2", "e1"]
    assert "<!--rendering" not in again
    # Then kept whole; and the same bytes as a rendering made with nothing cached (every count
    # in the page: no budget, which a loaded test machine could overrun).
    with django_assert_num_queries(1):
        assert client.get("/?type=ban", headers=RESULTS_HEADERS).content.decode() == again
    cache.clear()
    settings.TIMELINE_FACET_TIME_LIMIT_MS = 0
    assert client.get("/?type=ban", headers=RESULTS_HEADERS).content.decode() == again


def test_a_facet_within_its_budget_is_counted(small_world, settings):
    settings.TIMELINE_FACET_TIME_LIMIT_MS = 10_000

    facets = facet_counts(EventFilters())

    assert all(facet.available for facet in facets.values())


@pytest.mark.django_db(transaction=True)
def test_the_time_limit_of_a_stopped_count_does_not_outlive_it(settings, monkeypatch):
    """A count stopped by the budget leaves the connection, kept for the next request, with
    the usual limit: the next page's months are not cut short."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statement_timeout")
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    monkeypatch.setattr(public_counts, "_type_country_rows", slow_rows)
    create_event(title="Counted")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (before,) = cursor.fetchone()

    facets = facet_counts(EventFilters())

    assert facets["type"].deferred
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == (before,)


@pytest.mark.django_db(transaction=True)
def test_the_facet_time_limit_does_not_outlive_the_counts(settings):
    """Outside a transaction (a web request) the limit is a session setting: the statements that
    follow the counts, on a connection kept for the next request, run under the usual limit."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statement_timeout")
    settings.TIMELINE_FACET_TIME_LIMIT_MS = 1234
    create_event(title="Counted")
    show = (
        "SELECT current_setting('statement_timeout'), "
        "current_setting('max_parallel_workers_per_gather')"
    )
    with connection.cursor() as cursor:
        cursor.execute(show)
        before = cursor.fetchone()

    facet_counts(EventFilters())

    with connection.cursor() as cursor:
        cursor.execute(show)
        assert cursor.fetchone() == before
    assert before[0] != "1234ms" and before[1] != "0"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("counting", "workers"), [("", "0"), ("type", None)])
def test_counts_within_the_page_budget_run_without_parallel_workers(
    settings, monkeypatch, counting, workers
):
    """A plan with parallel workers overran its timeout while they stopped: the page's counts
    run serially; a facet counted in its own request, with its longer limit, as configured."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's parallel query")
    settings.TIMELINE_FACET_TIME_LIMIT_MS = 1234
    create_event(title="Counted")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        (configured,) = cursor.fetchone()
    seen = []
    grid = public_counts._type_country_rows

    def counted(*args):
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            seen.append(cursor.fetchone()[0])
        return grid(*args)

    monkeypatch.setattr(public_counts, "_type_country_rows", counted)
    count_events(EventFilters(), counting=counting)

    assert seen == [workers or configured]


# The months (the histogram and the total) in the page's budget ---------------------------------

MONTHS_HEADERS = {"HX-Request": "true", "HX-Target": "facet-months"}
HEADING = re.compile(r'<h2 class="period-heading">([^<]*)</h2>')


def test_a_slow_months_count_sends_the_page_counting_and_fetches_the_total_after_it(
    client, small_world, monkeypatch, settings
):
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    with monkeypatch.context() as slow, CaptureQueriesContext(connection) as made:
        slow.setattr(public_counts, "month_counts", slow_rows)
        response = client.get("/", headers={"HX-Request": "true", "HX-Target": "results"})

    page = response.content.decode()
    assert response.status_code == 200
    assert titles_on(page) == ["e3", "e2", "e1", "e5"]  # the events do not wait for the total
    # The live status and the summary say it is counting; the histogram's place is kept.
    assert '<p id="results-status" hx-swap-oob="innerHTML">Counting events…</p>' in page
    assert '<span id="result-total">Counting events…</span>' in page
    assert re.search(r'id="facet-months" hx-get="/" hx-trigger="load"', page)
    assert "Counting events per month…" in page and 'viewBox="0 0 800 142"' in page
    # The budget was spent on the months: every facet is counted after the page too.
    assert page.count('<p class="facet-note">Counting…</p>') == 5
    assert len(made) - (4 if connection.vendor == "postgresql" else 0) <= 13

    counted = client.get("/", headers=MONTHS_HEADERS).content.decode()

    assert counted.strip().startswith('<figure class="histogram" id="facet-months">')
    assert 'hx-trigger="load"' not in counted and "Counting" not in counted
    assert "4 events per month, Dec 2024 to Feb 2025" in counted
    # The total replaces "Counting events…", and the live region announces it once.
    assert '<span id="result-total" hx-swap-oob="true"><strong>4</strong> events</span>' in counted
    assert '<p id="results-status" hx-swap-oob="innerHTML">4 events match.</p>' in counted
    # Counted once per data version: the next page has the total at once.
    again = client.get("/").content.decode()
    assert "<strong>4</strong> events" in again and "Counting events" not in again


def test_a_months_count_over_even_its_own_budget_says_the_total_is_unavailable(
    client, small_world, monkeypatch, settings
):
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    settings.TIMELINE_DEFERRED_FACET_TIME_LIMIT_MS = BUDGET_MS
    monkeypatch.setattr(public_counts, "month_counts", slow_rows)

    counted = client.get("/?type=ban", headers=MONTHS_HEADERS).content.decode()

    unavailable = "The total is unavailable: counting took too long."
    assert f'<span id="result-total" hx-swap-oob="true">{unavailable}</span>' in counted
    assert f'hx-swap-oob="innerHTML">{unavailable}</p>' in counted
    assert '<div id="facet-months"></div>' in counted and 'hx-trigger="load"' not in counted
    # Remembered for a while: the next pages say so at once instead of trying again.
    page = client.get("/?type=ban").content.decode()
    assert unavailable in page and "Counting events" not in page
    assert titles_on(page) == ["e2", "e1"]


def test_without_htmx_a_page_with_its_total_still_counting_shows_its_events(
    client, small_world, monkeypatch, settings
):
    """As with a facet: the page is whole, says the total is being counted, and is not kept,
    so that reloading it shows the total once counted."""
    settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
    with monkeypatch.context() as slow:
        slow.setattr(public_counts, "month_counts", slow_rows)
        page = client.get("/").content.decode()

    assert "<html" in page and titles_on(page) == ["e3", "e2", "e1", "e5"]
    assert "Counting events…" in page and 'href="/events/' in page
    assert "<strong>4</strong> events" in client.get("/").content.decode()


def make_years_of_events() -> None:
    """Events every six months from 2019 to mid-2025: more than the histogram's month bars."""
    for number in range(14):
        create_event(
            title=f"Event {number}", date_start=date(2019 + number // 2, 1 + 6 * (number % 2), 15)
        )


@pytest.mark.parametrize("months_counted", [True, False])
def test_headings_are_months_on_the_first_page_and_on_load_more(
    client, monkeypatch, settings, months_counted
):
    """Month headings over years of events, whether or not the page counted its months, on
    every page of a view ("Load more" counts nothing)."""
    make_years_of_events()
    monkeypatch.setattr(public_page, "PAGE_SIZE", 3)
    if not months_counted:
        settings.TIMELINE_FACET_TIME_LIMIT_MS = BUDGET_MS
        monkeypatch.setattr(public_counts, "month_counts", slow_rows)
    first = client.get("/", headers={"HX-Request": "true", "HX-Target": "results"})
    assert ("Counting events…" in first.content.decode()) is not months_counted
    assert ("Events per year." in first.content.decode()) is months_counted
    url = re.search(r'href="([^"]*after=[^"]*)"', first.content.decode())[1]
    more = client.get(url, headers={"HX-Request": "true", "HX-Target": "load-more"})

    assert HEADING.findall(first.content.decode()) == ["July 2025", "January 2025", "July 2024"]
    assert HEADING.findall(more.content.decode()) == ["January 2024", "July 2023", "January 2023"]


def titles_on(page: str) -> list[str]:
    return re.findall(r'class="event-title"[^>]*><a [^>]*>([^<]*)</a>', page)
