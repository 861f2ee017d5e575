"""The timeline's filters and the one queryset built from them.

The page, its htmx partial, the feeds, the API and every export call ``filter_events`` with the
same ``EventFilterForm``, so what a reader sees is what they export. ``Timeline`` adds what only
the page needs: one keyset-paginated page of events, facet counts and the histogram, each in a
fixed number of queries however deep the page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Any

import numpy as np
from django import forms
from django.core.cache import cache
from django.db import connections
from django.db.models import (
    Exists,
    Max,
    OuterRef,
    Q,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.utils import timezone

from timeline.event_index import (
    DaysBetween,
    EventIndex,
    Selection,
    load_index,
    sort_key,
)
from timeline.extraction.daterange import MONTH_ABBR, Precision
from timeline.extraction.fuzzy import FuzzyDateError, parse_date_filter
from timeline.histogram import Histogram, build_histogram
from timeline.models import Actor, Citation, Event, EventActor, EventQuerySet, Source, Tag

PAGE_SIZE = 25
FACET_CACHE_SECONDS = 300
"""Cached counts also expire, which bounds how stale another worker process's in-memory copy
can be; within a process (or with a shared cache), a change invalidates them at once."""

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


def text_search_ids(text: str) -> np.ndarray:
    """The ids of every event, whatever its status, that ``text_search`` would find.

    Asked of the full-text index alone (without a join with the events table), and
    returned by the database as one value: a common word matches hundreds of thousands of
    events, and a row per id cost three times as much as finding them. SQLite joins the ids as
    text; PostgreSQL as 8-byte big-endian integers, which neither side has to format or parse.
    """
    terms = search_terms(text)
    if not terms:
        return np.zeros(0, dtype=np.int64)
    connection = connections[Event.objects.db]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT group_concat(rowid) {_FTS5_MATCHES}", (_fts5_match(terms),))
            (joined,) = cursor.fetchone()
            return np.fromstring(joined or "", dtype=np.int64, sep=",")
        cursor.execute(
            "SELECT string_agg(int8send(matches.event_id), ''::bytea) "
            f"FROM ({_postgres_matches('%s')}) AS matches",
            (_tsquery(terms),),
        )
        (packed,) = cursor.fetchone()
    return np.frombuffer(packed or b"", dtype=">i8").astype(np.int64)


def _apply(events: EventQuerySet, filters: EventFilters, *, ordered: bool = False) -> EventQuerySet:
    """``events`` narrowed by ``filters``; one row per event.

    Many-to-many filters are subqueries, not joins, so no event appears twice and no DISTINCT is
    needed; several values of one filter mean "any of them". For a list read in timeline order
    (``ordered``) they are correlated EXISTS tests, which let the database walk the timeline
    index and stop after one page; for counts over every match, ``IN`` lists, which it builds
    once. Slugs become ids through the cached name map, so the planner sees which actor it is
    (a busy actor is not a rare one).
    """
    if filters.q:
        events = text_search(events, filters.q)
    related = []
    if filters.actors:
        related.append(EventActor.objects.filter(actor_id__in=_ids(Actor, filters.actors)))
    if filters.tags:
        related.append(Event.tags.through.objects.filter(tag_id__in=_ids(Tag, filters.tags)))
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
        earliest = _earliest_start(filters.start)
        events = events.filter(date_end__gte=filters.start, date_start__gte=earliest)
    return events


def filter_events(filters: EventFilters, queryset: EventQuerySet | None = None) -> EventQuerySet:
    """Published events matching ``filters``, in timeline order, with what a card shows.

    Oldest first is by start date, then finer precision, then id; newest first is exactly the
    reverse, so both orders walk the same index.
    """
    events = _apply(
        (queryset if queryset is not None else Event.objects.all()).published(),
        filters,
        ordered=True,
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


# Facet counts, the histogram and their cache ------------------------------------------------

FACET_LIMIT = 10
_VERSION_KEY = "timeline:facets:version"


@dataclass(frozen=True)
class FacetValue:
    """One value of a filter with the number of events choosing it would show."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    """A filter's values, busiest first, the selected ones always included."""

    param: str
    title: str
    values: tuple[FacetValue, ...]
    total: int = 0
    """How many values have events here, shown or not ("Show all N")."""

    @property
    def selected(self) -> tuple[FacetValue, ...]:
        return tuple(value for value in self.values if value.selected)


def facet_cache_version() -> str:
    """The current generation of cached counts; a new one makes every old entry unreachable."""
    version = cache.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(_VERSION_KEY)
    return version


def invalidate_facet_cache(**_: Any) -> None:
    """Forget cached counts. Connected to the signals of every change that could alter them;
    bulk writes that send no signals (``generate_events``) call it themselves."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, None)


def facet_cache_key(key: str) -> str:
    """The cache key of a count in the current generation."""
    return f"timeline:facets:{facet_cache_version()}:{key}"


def _cached(key: str, compute: Callable[[], Any]) -> Any:
    full_key = facet_cache_key(key)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, FACET_CACHE_SECONDS)
    return value


def _earliest_start(start: date) -> date:
    """The earliest date_start of an event that can still overlap a period beginning ``start``.

    The longest published event, in days, is cached with the facet counts.
    """
    span = _cached(
        "max_span",
        lambda: Event.objects.published().aggregate(
            span=Coalesce(Max(DaysBetween("date_end", "date_start")), 0)
        )["span"],
    )
    try:
        return start - timedelta(days=span)
    except OverflowError:
        return date.min


def month_counts(filters: EventFilters, *, selection: Selection | None = None) -> dict[str, int]:
    """Matching events per month of their start date ("2025-03": 12)."""
    selection = selection or select(filters)
    return selection.index.month_counts(selection.mask)


def _names(model: type[Actor] | type[Tag]) -> dict[int, tuple[str, str]]:
    """Every actor's or tag's (slug, name) by id, cached: facets group by id alone, which
    spares each count a join."""
    return _cached(
        f"names:{model._meta.model_name}",
        lambda: {
            pk: (slug, name) for pk, slug, name in model.objects.values_list("pk", "slug", "name")
        },
    )


def _ids(model: type[Actor] | type[Tag], slugs: Iterable[str]) -> list[int]:
    """The ids of the actors or tags with these slugs (unknown slugs have none)."""
    by_slug = {slug: pk for pk, (slug, _) in _names(model).items()}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


# The in-memory index behind counts and pages ----------------------------------------------------

INDEX_SYNC_LIMIT = 50_000
"""Up to this many events, the first request after a change rebuilds the index before it answers
(well under a second). A larger index goes on answering from the previous generation while a
thread rebuilds it, so after a change its counts and pages lag by the rebuild time (seconds at
a million events) instead of one reader waiting that long."""

_index: EventIndex | None = None
_index_lock = threading.Lock()
_rebuilding = False


def _load(version: str) -> EventIndex:
    return load_index(version, actors=_names(Actor), tags=_names(Tag))


def _rebuild_in_background(version: str) -> None:
    global _rebuilding
    with _index_lock:
        if _rebuilding:
            return
        _rebuilding = True

    def rebuild() -> None:
        global _index, _rebuilding
        try:
            _index = _load(version)
        finally:
            _rebuilding = False
            connections.close_all()  # this thread's own connections

    threading.Thread(target=rebuild, name="timeline-index", daemon=True).start()


def current_index() -> EventIndex:
    """The index of the current generation of the data (see ``invalidate_facet_cache``)."""
    global _index
    version = facet_cache_version()
    index = _index

    def fresh(index: EventIndex | None) -> bool:
        return (
            index is not None
            and index.version == version
            and time.monotonic() - index.built_at < FACET_CACHE_SECONDS
        )

    if fresh(index):
        return index
    if index is not None and len(index) > INDEX_SYNC_LIMIT:
        _rebuild_in_background(version)
        return index
    with _index_lock:
        if not fresh(_index):
            _index = _load(version)
        return _index


def select(filters: EventFilters) -> Selection:
    """The index's masks for ``filters``: the same events as ``filter_events`` selects."""
    index = current_index()
    search = None
    if filters.q:
        terms = search_terms(filters.q)
        if terms:
            search = index.search_mask(" ".join(terms), lambda: text_search_ids(filters.q))
        else:
            search = np.zeros(len(index), dtype=bool)
    members = {dimension: getattr(filters, dimension) for dimension, _, _ in FACETS}
    return index.select(search=search, members=members, start=filters.start, end=filters.end)


FACETS = (
    # (dimension of EventFilters, query parameter, heading)
    ("types", "type", "Type"),
    ("actors", "actor", "Actor"),
    ("countries", "country", "Country"),
    ("tags", "tag", "Tag"),
    ("sources", "source", "Source"),
)


def facet_counts(
    filters: EventFilters,
    *,
    limit: int = FACET_LIMIT,
    selection: Selection | None = None,
    expand: str = "",
    expand_q: str = "",
) -> dict[str, Facet]:
    """Each filter's values with how many events each would show next to the other filters.

    A dimension is counted without its own filter (choosing a second actor widens the result),
    and with all the others; many-to-many dimensions count events, not links. The facet whose
    parameter is ``expand`` lists every value, those whose label contains ``expand_q`` when given.
    """
    selection = selection or select(filters)
    facets = {}
    for dimension, param, title in FACETS:
        rows = selection.index.facet_rows(dimension, selection.without(dimension))
        selected = getattr(filters, dimension)
        ranked = sorted(rows, key=lambda row: (-row[2], row[1].casefold()))
        if param == expand:
            needle = expand_q.casefold()
            shown = [row for row in ranked if needle in row[1].casefold()]
            shown = [row for row in shown if row[0] not in selected]
        else:
            shown = [row for row in ranked[:limit] if row[0] not in selected]
        by_value = {row[0]: row for row in rows}
        chosen = [by_value.get(value, (value, _label(dimension, value), 0)) for value in selected]
        values = [FacetValue(*row, selected=True) for row in chosen]
        values += [FacetValue(*row) for row in shown]
        facets[param] = Facet(param=param, title=title, values=tuple(values), total=len(rows))
    return facets


def _label(dimension: str, value: str) -> str:
    if dimension == "types":
        return dict(Event.Type.choices).get(value, value)
    return value


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

    The load-more fragment reads only ``page`` and ``histogram``; the results fragment reads
    every part. Either way the number of queries does not depend on the page size or depth.
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
    def selection(self) -> Selection:
        return select(self.filters)

    @cached_property
    def events(self) -> list[Event]:
        cursor, after = self.cursor, None
        if cursor is not None:
            after = sort_key(cursor.date_start, cursor.precision_rank, cursor.id)
        # One extra event says whether there is a next page without counting.
        ids = self.selection.index.page_ids(
            self.selection.mask,
            after=after,
            newest_first=self.filters.newest_first,
            count=self.page_size + 1,
        )
        if not ids:
            return []
        # Published again: an index still being rebuilt after a change may name an event that
        # has just been unpublished. The cards read their relations themselves (presenters).
        found = Event.objects.published().filter(id__in=ids).order_by()
        by_id = {event.id: event for event in found}
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
    def histogram(self) -> Histogram:
        return build_histogram(
            month_counts(self.filters, selection=self.selection),
            clip_start=self.filters.start,
            clip_end=self.filters.end,
        )

    @property
    def total(self) -> int:
        return self.histogram.total

    @cached_property
    def facets(self) -> dict[str, Facet]:
        return facet_counts(
            self.filters, selection=self.selection, expand=self.expand, expand_q=self.expand_q
        )

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


def connect_cache_invalidation() -> None:
    """Invalidate cached counts whenever something they count changes (called at start-up)."""
    for model in (Event, EventActor, Citation, Source, Actor, Tag):
        post_save.connect(invalidate_facet_cache, sender=model, dispatch_uid=f"facets-{model}")
        post_delete.connect(
            invalidate_facet_cache, sender=model, dispatch_uid=f"facets-del-{model}"
        )
    m2m_changed.connect(
        invalidate_facet_cache, sender=Event.tags.through, dispatch_uid="facets-tags"
    )
    m2m_changed.connect(
        invalidate_facet_cache, sender=Event.actors.through, dispatch_uid="facets-actors"
    )
