"""The timeline's filters and the one queryset built from them.

The page, its htmx partial, the feeds, the API and every export call ``filter_events`` with the
same ``EventFilterForm``, so what a reader sees is what they export. ``Timeline`` adds what only
the page needs: one keyset-paginated page of events, facet counts and the histogram, each in a
fixed number of queries however deep the page. The database is the only engine: counts are
grouped counts over the same filtered queryset, cached per data version (``data_version``).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, partial
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connections, transaction
from django.db.models import (
    Count,
    Exists,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone

from timeline.extraction.daterange import MONTH_ABBR, Precision
from timeline.extraction.fuzzy import FuzzyDateError, parse_date_filter
from timeline.histogram import Histogram, build_histogram
from timeline.models import Actor, Citation, DataVersion, Event, EventActor, EventQuerySet, Tag

PAGE_SIZE = 25

# Most search terms a query may hold; the rest are ignored rather than building huge queries.
MAX_SEARCH_TERMS = 12
_SEARCH_TERM = re.compile(r"[^\W_]+")

# SQLite: an FTS5 index over title and summary, kept in sync by triggers (migration 0002).
FTS5_TABLE = "timeline_event_fts"
_FTS5_MATCHES = f"FROM {FTS5_TABLE} WHERE {FTS5_TABLE} MATCH %s"  # params: (_fts5_match(...),)


# PostgreSQL: English tsvectors of title and summary in a narrow table of their own with a GIN
# index, kept in sync by triggers (migration 0008).
POSTGRES_SEARCH_TABLE = "timeline_event_search"


def _postgres_matches(query_sql: str) -> str:
    """The ids of the events matching a tsquery, from the search table alone."""
    return (
        f"SELECT event_id FROM {POSTGRES_SEARCH_TABLE} "
        f"WHERE vector @@ to_tsquery('english'::regconfig, {query_sql})"
    )


@dataclass(frozen=True)
class EventFilters:
    """What a reader asked for, already validated."""

    q: str = ""
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    newest_first: bool = False
    echoes: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        """True when nothing narrows the published events (the sort order does not)."""
        return not (
            self.q
            or self.actors
            or self.types
            or self.countries
            or self.tags
            or self.sources
            or self.start
            or self.end
        )

    @property
    def signature(self) -> str:
        """A short key naming the set of events these filters select (the order aside)."""
        key = (
            tuple(search_terms(self.q)),
            *(tuple(sorted(values)) for values in (self.actors, self.types, self.countries)),
            *(tuple(sorted(values)) for values in (self.tags, self.sources)),
            self.start,
            self.end,
        )
        return hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()

    def without(self, dimension: str) -> EventFilters:
        """The same filters minus one facet dimension ("actors", "types", ...)."""
        return replace(self, **{dimension: ()})


@dataclass(frozen=True)
class Cursor:
    """A position in timeline order: the sort key of the last event shown."""

    date_start: date
    precision_rank: int
    id: int

    @classmethod
    def after_event(cls, event: Event) -> Cursor:
        return cls(event.date_start, event.precision_rank, event.pk)

    def encode(self) -> str:
        """An opaque token for the ``after`` query parameter."""
        raw = f"{self.date_start.isoformat()}.{self.precision_rank}.{self.id}"
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        """Read a token made by ``encode``; ValueError for anything else."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
            day, rank, pk = raw.split(".")
            cursor = cls(date.fromisoformat(day), int(rank), int(pk))
        except (binascii.Error, UnicodeDecodeError, ValueError) as error:
            raise ValueError(f"Not a page token: {token!r}") from error
        if cursor.precision_rank < 0 or cursor.id < 1:
            raise ValueError(f"Not a page token: {token!r}")
        return cursor


class DateFilterField(forms.CharField):
    """A date-range bound typed as ISO or natural language ("since January 2025", "Q1 2025")."""

    def __init__(self, *, bound: str, **kwargs: Any) -> None:
        self.bound = bound
        super().__init__(required=False, max_length=100, **kwargs)

    def clean(self, value: Any) -> date | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            date_range = parse_date_filter(text, today=timezone.localdate())
        except FuzzyDateError as error:
            raise forms.ValidationError(str(error)) from None
        return date_range.start if self.bound == "start" else date_range.end


class EventFilterForm(forms.Form):
    """The query string of ``/`` (URL contract in DESIGN.md)."""

    q = forms.CharField(required=False, max_length=200, strip=True, label="Search")
    actor = forms.MultipleChoiceField(required=False)
    type = forms.MultipleChoiceField(required=False, choices=Event.Type.choices)
    country = forms.MultipleChoiceField(required=False)
    tag = forms.MultipleChoiceField(required=False)
    source = forms.MultipleChoiceField(required=False)
    start = DateFilterField(
        bound="start",
        label="From",
        help_text="A date or words: 2025-01-31, March 2025, Q1 2025, last 90 days.",
    )
    end = DateFilterField(bound="end", label="To", help_text="The same forms, e.g. June 2025.")
    sort = forms.ChoiceField(
        required=False, choices=[("oldest", "Oldest first"), ("newest", "Newest first")]
    )
    after = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)

    def __init__(
        self, data: QueryDict | None = None, *, default_sort: str = "oldest", **kwargs: Any
    ) -> None:
        super().__init__(data if data is not None else QueryDict(), **kwargs)
        # The page opens on the latest news; exports, feeds and the API keep their documented
        # oldest-first default, so a client's order never changes under it.
        self.default_sort = default_sort
        # Values are validated by shape, not against the database: an unknown actor matches
        # nothing, just as a search for an unknown word does.
        for name in ("actor", "country", "tag", "source"):
            self.fields[name].valid_value = lambda value: bool(value) and len(value) <= 200

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if text and not search_terms(text):
            raise forms.ValidationError("Search for at least one word or number.")
        return text

    def clean_after(self) -> Cursor | None:
        token = self.cleaned_data["after"]
        if not token:
            return None
        try:
            return Cursor.decode(token)
        except ValueError:
            raise forms.ValidationError(
                "This “Load more” link is damaged; showing the first page instead."
            ) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error(
                "end",
                f"“To” ({format_day(end)}) is before “From” ({format_day(start)}); "
                "swap them or clear one.",
            )
        return cleaned

    @property
    def filters(self) -> EventFilters:
        """The valid part of the query; invalid fields are ignored (and shown as errors)."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        echoes = {name: format_day(data[name]) for name in ("start", "end") if name in data}
        return EventFilters(
            q=data.get("q", ""),
            actors=_unique(data.get("actor", ())),
            types=_unique(data.get("type", ())),
            countries=_unique(value.upper() for value in data.get("country", ())),
            tags=_unique(data.get("tag", ())),
            sources=_unique(data.get("source", ())),
            start=data.get("start"),
            end=data.get("end"),
            newest_first=data.get("sort", self.default_sort) == "newest",
            echoes=echoes,
        )

    @property
    def cursor(self) -> Cursor | None:
        """Where the requested page starts (None: the first page)."""
        self.is_valid()
        return self.cleaned_data.get("after")


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def format_day(day: date) -> str:
    """A day as the timeline shows it: "29 Jan 2025"."""
    return f"{day.day} {MONTH_ABBR[day.month]} {day.year}"


def search_terms(text: str) -> list[str]:
    """The words of a search, lowercased, without any query syntax.

    Quotes, operators (AND, NEAR, -, *, :) and punctuation are not passed to the database, so no
    input can make a full-text query fail.
    """
    return [term.casefold() for term in _SEARCH_TERM.findall(text)][:MAX_SEARCH_TERMS]


def _fts5_match(terms: list[str]) -> str:
    # Each term quoted, so FTS5 reads it as a string and never as syntax; the last may be the
    # start of a word still being typed. The tokenizer stems prefix terms too.
    return " ".join([f'"{term}"' for term in terms[:-1]] + [f'"{terms[-1]}"*'])


def _tsquery(terms: list[str]) -> str:
    return " & ".join([f"'{term}'" for term in terms[:-1]] + [f"'{terms[-1]}':*"])


def text_search(events: EventQuerySet, text: str) -> EventQuerySet:
    """Events whose title or summary contains every word of ``text`` (the last as a prefix).

    One interface over two indexes: SQLite's FTS5 table and PostgreSQL's GIN index on an English
    tsvector. Both stem words ("bans" finds "banned"); other databases fall back to substrings.
    """
    terms = search_terms(text)
    if not terms:
        return events.none()
    vendor = connections[events.db].vendor
    if vendor == "sqlite":
        ids = RawSQL(f"SELECT rowid {_FTS5_MATCHES}", (_fts5_match(terms),))
        return events.filter(id__in=ids)
    if vendor == "postgresql":
        return events.filter(id__in=RawSQL(_postgres_matches("%s"), (_tsquery(terms),)))
    for term in terms:
        events = events.filter(Q(title__icontains=term) | Q(summary__icontains=term))
    return events


def _apply(
    events: EventQuerySet,
    filters: EventFilters,
    *,
    ordered: bool = False,
    results: ResultCache | None = None,
) -> EventQuerySet:
    """``events`` narrowed by ``filters``; one row per event.

    Many-to-many filters are subqueries, not joins, so no event appears twice and no DISTINCT is
    needed; several values of one filter mean "any of them". For a list read in timeline order
    (``ordered``) they are correlated EXISTS tests, which let the database walk the timeline
    index and stop after one page; for counts over every match, ``IN`` lists, which it builds
    once. Slugs become ids through the name map cached per data version.
    """
    if filters.q:
        events = text_search(events, filters.q)
    related = []
    if filters.actors:
        results = results or ResultCache(data_version())
        related.append(EventActor.objects.filter(actor_id__in=_ids(Actor, filters.actors, results)))
    if filters.tags:
        results = results or ResultCache(data_version())
        tagged = Event.tags.through.objects.filter(tag_id__in=_ids(Tag, filters.tags, results))
        related.append(tagged)
    if filters.sources:
        related.append(Citation.objects.filter(source__publisher__in=filters.sources))
    for rows in related:
        if ordered:
            events = events.filter(Exists(rows.filter(event_id=OuterRef("pk"))))
        else:
            events = events.filter(id__in=rows.values("event_id"))
    if filters.types:
        events = events.filter(event_type__in=filters.types)
    if filters.countries:
        events = events.filter(country__in=filters.countries)
    # Overlap, not containment: an event dated "Q1 2025" belongs to a view of February 2025.
    if filters.end:
        events = events.filter(date_start__lte=filters.end)
    if filters.start:
        # The redundant lower bound on date_start lets the timeline index start its range scan
        # near the requested period instead of at the first event ever recorded.
        earliest = _earliest_start(filters.start, results or ResultCache(data_version()))
        events = events.filter(date_end__gte=filters.start, date_start__gte=earliest)
    return events


def filter_events(
    filters: EventFilters,
    queryset: EventQuerySet | None = None,
    *,
    results: ResultCache | None = None,
) -> EventQuerySet:
    """Published events matching ``filters``, in timeline order, with what a card shows.

    Oldest first is by start date, then finer precision, then id; newest first is exactly the
    reverse, so both orders walk the same index.
    """
    events = _apply(
        (queryset if queryset is not None else Event.objects.all()).published(),
        filters,
        ordered=True,
        results=results,
    )
    if filters.newest_first:
        events = events.order_by("-date_start", "-precision_rank", "-id")
    else:
        events = events.chronological()
    return events.with_related()


def events_after(events: EventQuerySet, cursor: Cursor, *, newest_first: bool) -> EventQuerySet:
    """The events that follow ``cursor`` in timeline order (keyset pagination, no OFFSET)."""
    d, rank, pk = cursor.date_start, cursor.precision_rank, cursor.id
    if newest_first:
        later = (
            Q(date_start__lt=d)
            | Q(date_start=d, precision_rank__lt=rank)
            | Q(date_start=d, precision_rank=rank, id__lt=pk)
        )
        # The plain bound on the first key column gives both databases an index range to scan.
        return events.filter(later, date_start__lte=d)
    later = (
        Q(date_start__gt=d)
        | Q(date_start=d, precision_rank__gt=rank)
        | Q(date_start=d, precision_rank=rank, id__gt=pk)
    )
    return events.filter(later, date_start__gte=d)


# The data version and the cache of results ------------------------------------------------------

FACET_LIMIT = 10
CACHE_SECONDS = 24 * 60 * 60
"""How long a result is kept. Entries are keyed by the data version, so a change makes them
unreachable at once; this only bounds how long unreachable ones linger."""


def data_version(using: str = "default") -> int:
    """The database's current data version (``models.DataVersion``): one indexed read."""
    version = DataVersion.objects.using(using).filter(pk=1).values_list("version", flat=True)
    for value in version:
        return value
    # A flushed database (tests between live servers) has no row; the next write bumps the new one.
    return DataVersion.objects.using(using).get_or_create(pk=1)[0].version


class ResultCache:
    """Results of one data version: each key names what was computed and from which filters."""

    def __init__(self, version: int) -> None:
        self.version = version

    def key(self, name: str) -> str:
        return f"timeline:{self.version}:{name}"

    def get_many(self, names: Iterable[str]) -> dict[str, Any]:
        found = cache.get_many([self.key(name) for name in names])
        prefix = len(self.key(""))
        return {key[prefix:]: value for key, value in found.items()}

    def set_many(self, values: dict[str, Any], *, timeout: int = CACHE_SECONDS) -> None:
        if values:
            cache.set_many({self.key(name): value for name, value in values.items()}, timeout)

    def get_or_compute(self, name: str, compute: Callable[[], Any]) -> Any:
        value = cache.get(self.key(name))
        if value is None:
            value = compute()
            cache.set(self.key(name), value, CACHE_SECONDS)
        return value


def _earliest_start(start: date, results: ResultCache) -> date:
    """The earliest date_start of an event that can still overlap a period beginning ``start``:
    ``start`` less the longest published event, in days (cached per data version)."""
    span = results.get_or_compute(
        "max_span",
        lambda: Event.objects.published().aggregate(
            span=Coalesce(Max(DaysBetween("date_end", "date_start")), 0)
        )["span"],
    )
    try:
        return start - timedelta(days=span)
    except OverflowError:
        return date.min


def _ids(model: type[Actor] | type[Tag], slugs: Iterable[str], results: ResultCache) -> list[int]:
    """The ids of the actors or tags with these slugs (unknown slugs have none), from the names
    cached per data version. Ids, not a subquery on slugs: the planner then sees which actor it
    is, and a busy one is not a rare one (PostgreSQL guessed 442 links of an actor that had
    33,708, and walked them all for a page of 26)."""
    by_slug = {slug: pk for pk, (slug, _) in _names(model, results).items()}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


class DaysBetween(Func):
    """``DaysBetween(later, earlier)``: whole days from the second date to the first, computed
    natively by the database."""

    output_field = IntegerField()
    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


# Facet counts and the histogram ---------------------------------------------------------------


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
    """False when counting took longer than ``TIMELINE_FACET_TIME_LIMIT_MS``: the selected
    values are shown without counts."""

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


UNAVAILABLE = "unavailable"
UNAVAILABLE_SECONDS = 30
"""How long a count that ran over its budget is remembered as unavailable for one data
version and set of filters."""


class CountsUnavailable(Exception):
    """A count took longer than its time budget and was abandoned."""


# PostgreSQL's error code for a statement stopped by its timeout.
QUERY_CANCELED = "57014"


def facet_time_limit_ms() -> int:
    return getattr(settings, "TIMELINE_FACET_TIME_LIMIT_MS", 200)


@contextlib.contextmanager
def facet_budget(using: str = "default") -> Iterator[None]:
    """The facet time budget for PostgreSQL statements run inside: a session setting, made and
    undone once around every facet count of a request (two round trips, not two per facet)."""
    limit = facet_time_limit_ms()
    connection = connections[using]
    if not limit or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [limit])
    try:
        yield
    finally:
        if connection.is_usable():
            with connection.cursor() as cursor:
                # The session's own value, from the connection's options (settings.py).
                cursor.execute("SET statement_timeout TO DEFAULT")


def within_budget(compute: Callable[[], Any], *, using: str = "default") -> Any:
    """``compute()``'s result, or ``CountsUnavailable`` once a query of it has run longer than
    the facet time budget; the database stops the query, so a slow count never holds a page.

    PostgreSQL: the statement timeout of ``facet_budget`` (and a savepoint when inside a
    transaction, which a cancelled statement would otherwise spoil). SQLite: a progress handler
    that interrupts the statement once the time is up.
    """
    limit = facet_time_limit_ms()
    if not limit:
        return compute()
    connection = connections[using]
    if connection.vendor == "postgresql":
        try:
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
        deadline = time.monotonic() + limit / 1000
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


def counted_events(filters: EventFilters, results: ResultCache | None = None) -> EventQuerySet:
    """The published events matching ``filters``, unordered, for counting."""
    return _apply(Event.objects.published(), filters, results=results).order_by()


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
    names = _names(Actor if dimension == "actors" else Tag, results)
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


def _names(model: type[Actor] | type[Tag], results: ResultCache) -> dict[int, tuple[str, str]]:
    """Every actor's or tag's (slug, name) by id, cached per data version."""
    return results.get_or_compute(
        f"names:{model._meta.model_name}",
        lambda: {
            pk: (slug, name) for pk, slug, name in model.objects.values_list("pk", "slug", "name")
        },
    )


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
) -> Facet:
    """A facet from its rows; ``search`` (None: the busiest ``limit``) lists every value whose
    label contains it."""
    selected = getattr(filters, dimension)
    if rows is None:
        values = [FacetValue(value, _label(dimension, value), None, True) for value in selected]
        return Facet(param=param, title=title, values=tuple(values), available=False)
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


def _label(dimension: str, value: str) -> str:
    if dimension == "types":
        return dict(Event.Type.choices).get(value, value)
    return value


@dataclass(frozen=True)
class Counts:
    """Everything the page counts for one set of filters."""

    facets: dict[str, Facet]
    months: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.months.values())


def count_events(
    filters: EventFilters,
    *,
    limit: int = FACET_LIMIT,
    results: ResultCache | None = None,
    expand: str = "",
    expand_q: str = "",
) -> Counts:
    """Facet counts and events per month for ``filters``, from SQL, cached per data version.

    A facet is counted without its own filter (choosing a second actor widens the result) and
    with all the others; many-to-many facets count events, not links. Each facet's grouped count
    has the time budget of ``within_budget``; one over it is unavailable, not late. A constant
    number of queries: one per facet (type and country share one), one for the months. The
    facet whose parameter is ``expand`` lists every value, those whose label contains
    ``expand_q`` when given.
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
    if found["months"] is None:
        found["months"] = computed[names["months"]] = month_counts(filters, results)
    missing = [part for part in dimensions if found[part] is None]
    with facet_budget() if missing else contextlib.nullcontext():
        for part in missing:
            if part == "types+countries":
                compute = partial(_type_country_rows, filters, results)
            else:
                compute = partial(_related_rows, part, filters, results)
            try:
                found[part] = computed[names[part]] = within_budget(compute)
            except CountsUnavailable:
                found[part] = None
                # Not tried again for a while: the next requests are not held by it either.
                results.set_many({names[part]: UNAVAILABLE}, timeout=UNAVAILABLE_SECONDS)
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
        )
        for dimension, param, title in FACETS
    }
    return Counts(facets=facets, months=found["months"])


def facet_counts(
    filters: EventFilters, *, limit: int = FACET_LIMIT, expand: str = "", expand_q: str = ""
) -> dict[str, Facet]:
    """Each filter's values with how many events each would show next to the other filters."""
    return count_events(filters, limit=limit, expand=expand, expand_q=expand_q).facets


# The page ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Consecutive events of one page under one month or year heading."""

    key: str
    label: str
    events: tuple[Event, ...]
    continues: bool = False
    """True when the previous page ended in the same period (its heading is already shown)."""


@dataclass(frozen=True)
class Chip:
    """An active filter as shown above the results, with the parameter that removes it."""

    title: str
    label: str
    param: str
    value: str


class Timeline:
    """One view of the timeline; each part is computed when a template first asks for it.

    Everything is SQL over the one filtered queryset of ``filter_events``, cached per data
    version and filters. The load-more fragment reads only ``page`` and ``histogram``; the
    results fragment reads every part. Either way the number of queries does not depend on the
    page size or depth.
    """

    def __init__(
        self,
        filters: EventFilters,
        *,
        cursor: Cursor | None = None,
        page_size: int | None = None,
        expand: str = "",
        expand_q: str = "",
    ) -> None:
        self.filters = filters
        self.cursor = cursor
        self.page_size = page_size or PAGE_SIZE
        self.expand = expand
        self.expand_q = expand_q

    @cached_property
    def results(self) -> ResultCache:
        """This request's one read of the data version."""
        return ResultCache(data_version())

    @cached_property
    def events(self) -> list[Event]:
        # One extra event says whether there is a next page without counting.
        events = filter_events(self.filters, results=self.results).prefetch_related(None)
        if self.cursor is not None:
            events = events_after(events, self.cursor, newest_first=self.filters.newest_first)
        order = "newest" if self.filters.newest_first else "oldest"
        after = self.cursor.encode() if self.cursor else ""
        name = f"page:{self.filters.signature}:{order}:{after}:{self.page_size}"
        ids = self.results.get_or_compute(
            name, lambda: list(events.values_list("id", flat=True)[: self.page_size + 1])
        )
        if not ids:
            return []
        # The cards read their relations themselves (presenters).
        by_id = Event.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    @property
    def page(self) -> list[Event]:
        return self.events[: self.page_size]

    @property
    def next_cursor(self) -> str | None:
        if len(self.events) <= self.page_size:
            return None
        return Cursor.after_event(self.page[-1]).encode()

    @cached_property
    def counts(self) -> Counts:
        return count_events(
            self.filters, results=self.results, expand=self.expand, expand_q=self.expand_q
        )

    @cached_property
    def histogram(self) -> Histogram:
        return build_histogram(
            self.counts.months, clip_start=self.filters.start, clip_end=self.filters.end
        )

    @property
    def total(self) -> int:
        return self.histogram.total

    @property
    def facets(self) -> dict[str, Facet]:
        return self.counts.facets

    @cached_property
    def periods(self) -> list[Period]:
        """The page's events under month headings, or year headings when zoomed out."""
        by_year = self.histogram.unit == "year"
        periods: list[Period] = []
        for event in self.page:
            key, label = _period_of(event.date_start, event.precision_rank, by_year=by_year)
            if periods and periods[-1].key == key:
                last = periods[-1]
                periods[-1] = replace(last, events=(*last.events, event))
            else:
                continues = (
                    not periods
                    and self.cursor is not None
                    and _period_of(
                        self.cursor.date_start, self.cursor.precision_rank, by_year=by_year
                    )[0]
                    == key
                )
                periods.append(Period(key, label, (event,), continues=continues))
        return periods

    @cached_property
    def chips(self) -> list[Chip]:
        filters, chips = self.filters, []
        if filters.q:
            chips.append(Chip("Search", f"“{filters.q}”", "q", filters.q))
        for facet in self.facets.values():
            chips += [
                Chip(facet.title, value.label, facet.param, value.value) for value in facet.selected
            ]
        if filters.start:
            chips.append(Chip("From", filters.echoes.get("start", ""), "start", ""))
        if filters.end:
            chips.append(Chip("To", filters.echoes.get("end", ""), "end", ""))
        return chips


def _period_of(day: date, precision_rank: int, *, by_year: bool) -> tuple[str, str]:
    """The heading an event goes under: never finer than its date is known, so a year-precision
    event (stored from 1 January) is under "2023", not "January 2023"."""
    if by_year or precision_rank >= Precision.YEAR.rank:
        return str(day.year), str(day.year)
    if precision_rank == Precision.QUARTER.rank:
        quarter = (day.month - 1) // 3 + 1
        return f"{day.year}-Q{quarter}", f"Q{quarter} {day.year}"
    return f"{day.year}-{day.month:02d}", f"{MONTH_NAMES[day.month]} {day.year}"


MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
