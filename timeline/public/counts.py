"""What the timeline counts: facet counts and events per month, in SQL, cached per data version.

A facet is a grouped count over the filtered queryset of ``queries.counted_events`` without the
facet's own filter; the histogram and the total come from the matching events grouped by day.
The months and the facets of a page share one time budget (``within_budget``): a count past it
is sent without its numbers (the facet's values, "Counting events…" for the total) and fetched
by a request of its own, which has a longer budget. Results are
cached per data version and filter signature (``ResultCache``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from django.conf import settings
from django.db import DatabaseError, OperationalError, connections, transaction
from django.db.models import Count, QuerySet

from timeline.models import Actor, Citation, Event, EventActor, Tag
from timeline.queries import EventFilters, counted_events, names_by_id
from timeline.results import ResultCache, data_version

FACET_LIMIT = 10


@dataclass(frozen=True)
class FacetValue:
    """One value of a filter with the number of events choosing it would show."""

    value: str
    label: str
    count: int | None
    """None when the counts were not ready within the time budget (``Facet.available``)."""
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    """A filter's values, busiest first, the selected ones always included."""

    param: str
    title: str
    values: tuple[FacetValue, ...]
    total: int = 0
    """How many values have events here, shown or not ("Show all N")."""
    available: bool = True
    """False when the counts are not here: the selected values are shown without them."""
    deferred: bool = False
    """True when the counts did not fit in the page's time budget and are being counted by a
    request of their own (``count_events(counting=...)``); False with ``available`` False: even
    that took longer than ``TIMELINE_DEFERRED_FACET_TIME_LIMIT_MS``."""

    @property
    def selected(self) -> tuple[FacetValue, ...]:
        return tuple(value for value in self.values if value.selected)


FACETS = (
    # (dimension of EventFilters, query parameter, heading)
    ("types", "type", "Type"),
    ("actors", "actor", "Actor"),
    ("countries", "country", "Country"),
    ("tags", "tag", "Tag"),
    ("sources", "source", "Source"),
)


PARTS = {
    # The grouped counts behind the page, in the order they take its budget: the months (the
    # histogram and the total, the page's status) first, then the type and country grid (one
    # covering-index scan), then the link tables.
    "months": ("months",),
    "types+countries": ("type", "country"),
    "actors": ("actor",),
    "tags": ("tag",),
    "sources": ("source",),
}
PART_OF = {param: part for part, params in PARTS.items() for param in params}

MIN_COUNT_MS = 10
"""Less of the page's budget than this left: the facet is deferred without starting its count."""

UNAVAILABLE = "unavailable"
UNAVAILABLE_SECONDS = 30
"""How long a count that ran over even the deferred budget is remembered as unavailable for one
data version and set of filters."""


class CountsUnavailable(Exception):
    """A count took longer than its time budget and was abandoned."""


# PostgreSQL's error code for a statement stopped by its timeout.
QUERY_CANCELED = "57014"


def facet_time_limit_ms() -> int:
    """Milliseconds that all the facet counts of one page may take together (0: no limit)."""
    return getattr(settings, "TIMELINE_FACET_TIME_LIMIT_MS", 50)


def deferred_time_limit_ms() -> int:
    """Milliseconds that one facet's count may take in its own request, after the page."""
    return getattr(settings, "TIMELINE_DEFERRED_FACET_TIME_LIMIT_MS", 10_000)


@contextlib.contextmanager
def facet_budget(using: str = "default") -> Iterator[None]:
    """Restores PostgreSQL's statement timeout once after the budgeted counts inside, each of
    which set its own (``within_budget``): the statements that follow, on a connection kept for
    the next request, run under the usual limit."""
    connection = connections[using]
    try:
        yield
    finally:
        # Not ``is_usable()``: its own query ran under the last, perhaps tiny, limit, was
        # cancelled, and left the connection to the next request with that limit.
        if connection.vendor == "postgresql" and connection.connection is not None:
            try:
                with connection.cursor() as cursor:
                    # The session's own values, from the connection's options (settings.py).
                    cursor.execute("RESET statement_timeout; RESET max_parallel_workers_per_gather")
            except DatabaseError:
                if connection.in_atomic_block:
                    raise
                connection.close()  # never kept with a short limit


def within_budget(
    compute: Callable[[], Any], limit_ms: int, *, using: str = "default", serial: bool = False
) -> Any:
    """``compute()``'s result, or ``CountsUnavailable`` once a query of it has run longer than
    ``limit_ms`` (0: no limit); the database stops the query, so a slow count never holds a page.

    PostgreSQL: the statement timeout, set for the session (``facet_budget`` restores it), and a
    savepoint when inside a transaction, which a cancelled statement would otherwise spoil.
    ``serial`` (the page's own budget) also turns off parallel workers: a plan with workers ran
    10 to 17 ms past its timeout while the leader waited for them to stop (serial: under 1 ms),
    and on 2 cores was no faster (docs/performance.md, "Nothing but counts in the count budget").
    SQLite: a progress handler that interrupts the statement once the time is up.
    """
    if not limit_ms:
        return compute()
    connection = connections[using]
    if connection.vendor == "postgresql":
        try:
            with connection.cursor() as cursor:
                if serial:
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, false), "
                        "set_config('max_parallel_workers_per_gather', '0', false)",
                        [str(limit_ms)],
                    )
                else:
                    cursor.execute("SET statement_timeout = %s", [limit_ms])
            if not connection.in_atomic_block:
                return compute()
            with transaction.atomic(using=using):
                return compute()
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) != QUERY_CANCELED:
                raise
            raise CountsUnavailable from error
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.monotonic() + limit_ms / 1000
        connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            return compute()
        except OperationalError as error:
            if "interrupted" not in str(error):
                raise
            raise CountsUnavailable from error
        finally:
            connection.connection.set_progress_handler(None, 0)
    return compute()


def _type_country_rows(filters: EventFilters, results: ResultCache) -> list[tuple[str, str, int]]:
    """(type, country, events) over the filters other than type and country: both facets and
    the total come from this one grouped count, the type and country filters applied here."""
    events = counted_events(replace(filters, types=(), countries=()), results)
    return list(events.values_list("event_type", "country").annotate(n=Count("id")))


def _related_rows(
    dimension: str, filters: EventFilters, results: ResultCache
) -> list[tuple[str, str, int]]:
    """(value, label, events) of a many-to-many facet over the filters other than its own.

    Grouped from the link table by id, with the matching events as an ``IN`` subquery: the
    database either walks the link index in value order (many matches) or probes it per
    matching event (few). With no other filter the matching events are every published one:
    then every link is counted straight from the link table's index, less the links of the
    events not published (few), in the same query; checking each link against the set of
    published events cost ten times as much. Names come from a map cached per data version.
    """
    others = filters.without(dimension)
    if others.is_empty:
        # A list of the other statuses, not "not published": that is an index range.
        unpublished = [status for status in Event.Status if status != Event.Status.PUBLISHED]
        hidden = Event.objects.filter(status__in=unpublished).order_by().values("pk")
        parts = [(_link_counts(dimension, None), 1), (_link_counts(dimension, hidden), -1)]
    else:
        parts = [(_link_counts(dimension, counted_events(others, results).values("pk")), 1)]
    # Links by their own id, which every index of the table holds: the count needs no row.
    queries = [rows.annotate(n=Count("pk") * sign) for rows, sign in parts]
    if dimension == "sources":
        queries = [rows.annotate(n=Count("event_id", distinct=True) * sign) for rows, sign in parts]
    counts: dict[Any, int] = {}
    for value, n in queries[0].union(*queries[1:], all=True):
        counts[value] = counts.get(value, 0) + n
    if dimension == "sources":
        return [(value, value, n) for value, n in counts.items() if value and n]
    names = names_by_id(Actor if dimension == "actors" else Tag, results)
    # An actor or tag is linked to an event once: links are events.
    return [(*names[pk], n) for pk, n in counts.items() if pk in names and n]


def _link_counts(dimension: str, events: QuerySet | None) -> QuerySet:
    """The links of ``events`` (None: of every event) as rows grouped by actor, tag or
    publisher, ready for a count of their events."""
    if dimension == "actors":
        links, value = EventActor.objects.all(), "actor_id"
    elif dimension == "tags":
        links, value = Event.tags.through.objects.all(), "tag_id"
    else:
        # Two articles of one publisher may cite an event: it counts once.
        links, value = Citation.objects.all(), "source__publisher"
    if events is not None:
        links = links.filter(event_id__in=events)
    return links.values_list(value).order_by()


def month_counts(filters: EventFilters, results: ResultCache | None = None) -> dict[str, int]:
    """Matching events per month of their start date ("2025-03": 12).

    Grouped by day, which walks the timeline index in order without sorting, then summed by
    month here (a few thousand days at most)."""
    months: dict[str, int] = {}
    days = counted_events(filters, results).values_list("date_start").annotate(n=Count("id"))
    for day, count in days:
        month = f"{day.year:04d}-{day.month:02d}"
        months[month] = months.get(month, 0) + count
    return months


def _facet(
    dimension: str,
    param: str,
    title: str,
    rows: list[tuple[str, str, int]] | None,
    filters: EventFilters,
    limit: int,
    search: str | None,
    *,
    results: ResultCache,
    deferred: bool = False,
) -> Facet:
    """A facet from its rows (None: not counted, ``deferred`` or unavailable); ``search``
    (None: the busiest ``limit``) lists every value whose label contains it."""
    selected = getattr(filters, dimension)
    if rows is None:
        labels = _selected_labels(dimension, selected, results)
        values = [FacetValue(value, labels[value], None, True) for value in selected]
        return Facet(param, title, tuple(values), available=False, deferred=deferred)
    ranked = sorted(rows, key=lambda row: (-row[2], row[1].casefold()))
    if search is None:
        shown = [row for row in ranked[:limit] if row[0] not in selected]
    else:
        needle = search.casefold()
        shown = [row for row in ranked if needle in row[1].casefold() and row[0] not in selected]
    by_value = {row[0]: row for row in rows}
    chosen = [by_value.get(value, (value, _label(dimension, value), 0)) for value in selected]
    values = [FacetValue(*row, selected=True) for row in chosen]
    values += [FacetValue(*row) for row in shown]
    return Facet(param=param, title=title, values=tuple(values), total=len(rows))


def _selected_labels(
    dimension: str, selected: tuple[str, ...], results: ResultCache
) -> dict[str, str]:
    """The labels of the chosen values of a facet not counted: actors' and tags' names from
    the map cached per data version (the filter itself read it), others as ``_label``."""
    if dimension not in ("actors", "tags") or not selected:
        return {value: _label(dimension, value) for value in selected}
    names = dict(names_by_id(Actor if dimension == "actors" else Tag, results).values())
    return {value: names.get(value, value) for value in selected}


def _label(dimension: str, value: str) -> str:
    if dimension == "types":
        return dict(Event.Type.choices).get(value, value)
    return value


@dataclass(frozen=True)
class Counts:
    """Everything the page counts for one set of filters."""

    facets: dict[str, Facet]
    months: dict[str, int] | None
    """Matching events per month; None when not counted here (see ``months_deferred``)."""
    months_deferred: bool = False
    """True when the months did not fit in the page's budget and are being counted by a request
    of their own (``counting="months"``); False with ``months`` None: even that took too long,
    or this request counts one facet alone."""


def count_events(
    filters: EventFilters,
    *,
    limit: int = FACET_LIMIT,
    results: ResultCache | None = None,
    expand: str = "",
    expand_q: str = "",
    counting: str = "",
) -> Counts:
    """Events per month and facet counts for ``filters``, from SQL, cached per data version.

    A facet is counted without its own filter (choosing a second actor widens the result) and
    with all the others; many-to-many facets count events, not links. The months and the
    facets' grouped counts share one time budget, ``TIMELINE_FACET_TIME_LIMIT_MS``, in the
    order of ``PARTS``: one that does not finish within what is left is stopped by the database
    and deferred, and those after it are not started. A deferred count is made by a request of
    its own, ``counting=<its parameter>`` ("months" for the months), which counts it alone with
    the longer ``TIMELINE_DEFERRED_FACET_TIME_LIMIT_MS`` and caches it like the page's counts;
    past that too it is unavailable for ``UNAVAILABLE_SECONDS``. A constant number of queries:
    at most one for the months and one per facet (type and country share one). The facet whose
    parameter is ``expand`` lists every value, those whose label contains ``expand_q`` when
    given.
    """
    results = results or ResultCache(data_version())
    dimensions = {
        "types+countries": replace(filters, types=(), countries=()),
        "actors": filters.without("actors"),
        "tags": filters.without("tags"),
        "sources": filters.without("sources"),
    }
    names = {part: f"{part}:{each.signature}" for part, each in dimensions.items()}
    names["months"] = f"months:{filters.signature}"
    cached = results.get_many(names.values())
    found: dict[str, Any] = {part: cached.get(name) for part, name in names.items()}
    computed = {}
    wanted = [PART_OF[counting]] if counting else list(PARTS)
    missing = [part for part in wanted if found[part] is None]
    deferred: set[str] = set()
    page_limit = facet_time_limit_ms()
    deadline = time.monotonic() + page_limit / 1000
    timed = deferred_time_limit_ms() if counting else page_limit
    with facet_budget() if missing and timed else contextlib.nullcontext():
        for part in missing:
            if counting:
                part_limit = deferred_time_limit_ms()
            elif page_limit:
                part_limit = int((deadline - time.monotonic()) * 1000)
                if part_limit < MIN_COUNT_MS:
                    deferred.add(part)
                    continue
            else:
                part_limit = 0
            if part == "months":
                compute = partial(month_counts, filters, results)
            elif part == "types+countries":
                compute = partial(_type_country_rows, filters, results)
            else:
                compute = partial(_related_rows, part, filters, results)
            try:
                found[part] = computed[names[part]] = within_budget(
                    compute, part_limit, serial=not counting
                )
            except CountsUnavailable:
                if counting:
                    # Not tried again for a while: the next requests are not held by it either.
                    results.set_many({names[part]: UNAVAILABLE}, timeout=UNAVAILABLE_SECONDS)
                else:
                    deferred.add(part)
    results.set_many(computed)
    found = {part: None if value == UNAVAILABLE else value for part, value in found.items()}

    rows_of: dict[str, list[tuple[str, str, int]] | None] = {}
    grid = found["types+countries"]
    if grid is None:
        rows_of["types"] = rows_of["countries"] = None
    else:
        types, countries = set(filters.types), set(filters.countries)
        by_type: dict[str, int] = {}
        by_country: dict[str, int] = {}
        for event_type, country, count in grid:
            if not countries or country in countries:
                by_type[event_type] = by_type.get(event_type, 0) + count
            if country and (not types or event_type in types):
                by_country[country] = by_country.get(country, 0) + count
        rows_of["types"] = [(v, _label("types", v), n) for v, n in by_type.items()]
        rows_of["countries"] = [(v, v, n) for v, n in by_country.items()]
    for part in ("actors", "tags", "sources"):
        rows_of[part] = found[part]
    facets = {
        param: _facet(
            dimension,
            param,
            title,
            rows_of[dimension],
            filters,
            limit,
            expand_q if param == expand else None,
            results=results,
            deferred=PART_OF[param] in deferred,
        )
        for dimension, param, title in FACETS
    }
    return Counts(facets=facets, months=found["months"], months_deferred="months" in deferred)


def facet_counts(
    filters: EventFilters, *, limit: int = FACET_LIMIT, expand: str = "", expand_q: str = ""
) -> dict[str, Facet]:
    """Each filter's values with how many events each would show next to the other filters."""
    return count_events(filters, limit=limit, expand=expand, expand_q=expand_q).facets
