"""The timeline's filters and the one queryset built from them: the filter vocabulary.

The page, its htmx partial, the feeds, the API and every export call ``filter_events`` with the
same ``EventFilterForm``, so what a reader sees is what they export. What only the page needs
(one keyset-paginated page, facet counts, the histogram) is in ``timeline/public/``; it counts
over ``counted_events``, the same filters unordered.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import partial
from typing import Any

from django import forms
from django.db import connections
from django.db.models import Exists, Func, IntegerField, Max, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone

from timeline.extraction.daterange import MONTH_ABBR
from timeline.extraction.fuzzy import FuzzyDateError, parse_date_filter
from timeline.models import Actor, Citation, Event, EventActor, EventQuerySet, Tag
from timeline.results import ResultCache, data_version

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


FEW_MATCHES = 200
"""At most this many matches of a search are passed to the page's query as ids: PostgreSQL
guesses a rare word's prefix to match hundreds of events, walks the whole timeline in order
probing the search table for each event, and spent 200 ms finding the one match at 100,000."""


def text_search(
    events: EventQuerySet, text: str, results: ResultCache | None = None
) -> EventQuerySet:
    """Events whose title or summary contains every word of ``text`` (the last as a prefix).

    One interface over two indexes: SQLite's FTS5 table and PostgreSQL's GIN index on an English
    tsvector. Both stem words ("bans" finds "banned"); other databases fall back to substrings.
    With ``results``, a search matching at most ``FEW_MATCHES`` events filters by their ids, read
    from the index once per data version: the planner then sees how few they are, as with
    ``_ids``.
    """
    terms = search_terms(text)
    if not terms:
        return events.none()
    vendor = connections[events.db].vendor
    if vendor == "sqlite":
        matches, params = f"SELECT rowid {_FTS5_MATCHES}", (_fts5_match(terms),)
    elif vendor == "postgresql":
        matches, params = _postgres_matches("%s"), (_tsquery(terms),)
    else:
        for term in terms:
            events = events.filter(Q(title__icontains=term) | Q(summary__icontains=term))
        return events
    if results is not None:
        digest = hashlib.blake2b(params[0].encode(), digest_size=12).hexdigest()
        first = results.get_or_compute(
            f"matches:{digest}", partial(_first_matches, events.db, matches, params)
        )
        if len(first) <= FEW_MATCHES:
            return events.filter(id__in=first)
    return events.filter(id__in=RawSQL(matches, params))


def _first_matches(using: str, matches: str, params: tuple[str]) -> list[int]:
    """The ids of the first ``FEW_MATCHES`` + 1 events of a full-text match, in no order."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"{matches} LIMIT {FEW_MATCHES + 1}", params)
        return [pk for (pk,) in cursor.fetchall()]


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
        events = text_search(events, filters.q, results)
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


def longest_days(events: EventQuerySet) -> int:
    """The most days (date_end - date_start) any of ``events`` lasts, 0 for none: read from the
    end of the index on each event's length (migration 0024)."""
    return events.aggregate(days=Coalesce(Max(DaysBetween("date_end", "date_start")), 0))["days"]


def _earliest_start(start: date, results: ResultCache) -> date:
    """The earliest date_start of an event that can still overlap a period beginning ``start``:
    ``start`` less the longest published event, in days (cached per data version)."""
    span = results.get_or_compute("max_span", lambda: longest_days(Event.objects.published()))
    try:
        return start - timedelta(days=span)
    except OverflowError:
        return date.min


def _ids(model: type[Actor] | type[Tag], slugs: Iterable[str], results: ResultCache) -> list[int]:
    """The ids of the actors or tags with these slugs (unknown slugs have none), from the names
    cached per data version. Ids, not a subquery on slugs: the planner then sees which actor it
    is, and a busy one is not a rare one (PostgreSQL guessed 442 links of an actor that had
    33,708, and walked them all for a page of 26)."""
    by_slug = {slug: pk for pk, (slug, _) in names_by_id(model, results).items()}
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


def counted_events(filters: EventFilters, results: ResultCache | None = None) -> EventQuerySet:
    """The published events matching ``filters``, unordered, for counting."""
    return _apply(Event.objects.published(), filters, results=results).order_by()


def names_by_id(model: type[Actor] | type[Tag], results: ResultCache) -> dict[int, tuple[str, str]]:
    """Every actor's or tag's (slug, name) by id, cached per data version."""
    return results.get_or_compute(
        f"names:{model._meta.model_name}",
        lambda: {
            pk: (slug, name) for pk, slug, name in model.objects.values_list("pk", "slug", "name")
        },
    )
