"""The timeline page: one object that the view builds and the templates only print.

``TimelinePage`` reads one keyset page of the filtered events and the counts of
``timeline/public/counts.py``, and computes what the page prints once in Python. Django
templates cost a few microseconds per variable lookup, tag and filter; an event card with its
links, sources and dates made rendering the bulk of a request (about 90% of a warm one). Here
each card, filter link and chip is built once, so the templates only print strings, and every
link is made the same way: the current query string with one change and without the page token
(a different view starts at its first page).
"""

from __future__ import annotations

import hashlib
import html
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from urllib.parse import quote_plus

from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import slugify

from timeline.extraction.daterange import Precision, format_date_range
from timeline.models import Citation, Event, EventActor
from timeline.public import counts as public_counts
from timeline.public.counts import Counts, Facet, count_events
from timeline.public.histogram import Bar, Histogram, build_histogram
from timeline.public.printable import Printable
from timeline.queries import Cursor, EventFilters, events_after, filter_events, format_day
from timeline.results import CACHE_SECONDS, ResultCache, data_version
from timeline.validators import safe_http_url

_TYPE_LABELS = dict(Event.Type.choices)
_ROLE_LABELS = dict(Event.actors.through.Role.choices)


def dom_id(value: str) -> str:
    """A stable, unique HTML id fragment for any text (a slug plus a short hash).

    htmx gives focus back to the element with the same id after a swap, so the ids of filter
    links must not depend on their position.
    """
    digest = hashlib.blake2s(value.encode(), digest_size=4).hexdigest()
    return f"{slugify(value)[:40]}-{digest}"


class Links:
    """Links to the timeline that change one thing in the current query string."""

    def __init__(self, base_url: str, query: QueryDict) -> None:
        self.base_url = base_url
        # Empty fields that a submitted form leaves behind (q=&start=) say nothing, and the
        # page token never carries over (a different view starts at its first page), nor does
        # an opened facet list. Each pair is encoded once: a page builds a few hundred links
        # from the same query.
        self.pairs = [
            (key, value, _encoded(key, value))
            for key, values in query.lists()
            for value in values
            if key not in _NOT_CARRIED and value != ""
        ]

    def _url(self, encoded: list[str]) -> str:
        return f"{self.base_url}?{'&'.join(encoded)}" if encoded else self.base_url

    def only(self, key: str, value: str) -> str:
        """Filter by exactly this value of ``key`` (other filters kept)."""
        kept = [pair for k, _, pair in self.pairs if k != key]
        return self._url([*kept, _encoded(key, value)] if value != "" else kept)

    def toggle(self, key: str, value: str) -> str:
        """Add ``value`` to the values of ``key``, or remove it when it is there."""
        if any(k == key and v == value for k, v, _ in self.pairs):
            return self._url([pair for k, v, pair in self.pairs if (k, v) != (key, value)])
        added = [_encoded(key, value)] if value != "" else []
        return self._url([pair for _, _, pair in self.pairs] + added)

    def without(self, *keys: str) -> str:
        """Every value of ``keys`` removed (other filters kept)."""
        return self._url([pair for k, _, pair in self.pairs if k not in keys])

    def replace(self, **values: str) -> str:
        """Each key of ``values`` set to that one value, or removed when it is "" (others kept)."""
        kept = [pair for k, _, pair in self.pairs if k not in values]
        return self._url(kept + [_encoded(k, v) for k, v in values.items() if v != ""])

    def next_page(self, token: str) -> str:
        """The same view from the page after ``token`` (a ``Cursor``, encoded)."""
        return self._url([pair for _, _, pair in self.pairs] + [_encoded("after", token)])


_NOT_CARRIED = frozenset({"after", "facet", "facet_q"})


# The same few hundred filter values (types, actors, tags) come back on every page; bounded,
# since readers' query strings reach it too.
@lru_cache(maxsize=4096)
def _encoded(key: str, value: str) -> str:
    """One ``key=value`` pair as ``urlencode`` writes it."""
    return f"{quote_plus(key)}={quote_plus(value)}"


def _escaped(url: str) -> SafeString:
    """A link escaped for HTML once, here, as the template's autoescaping would escape it (the
    same bytes): most links are printed twice (``href`` and ``hx-get``), and escaping a printed
    value is about a third of what printing it costs the template engine, which passes a
    ``SafeString`` through as it is. Only for what a template prints as it is, never filtered."""
    return SafeString(html.escape(url))


@dataclass(frozen=True)
class Link(Printable):
    label: str
    url: str


@dataclass(frozen=True)
class ActorLink(Printable):
    label: str
    url: str
    role: str


@dataclass(frozen=True)
class SourceLine(Printable):
    """One citation as a card lists it."""

    publisher: str
    title: str
    url: str
    published: str
    published_iso: str
    stated_date: str
    quote: str


@dataclass(frozen=True)
class EventCard(Printable):
    """Everything one event card prints."""

    pk: int
    dom_id: str
    """The card's HTML id, ``event-<pk>``: text, which prints without the number formatting
    an integer goes through."""
    title: str
    url: str
    date_display: str
    date_iso: str
    summary: str
    type: Link
    country: Link | None
    tags: tuple[Link, ...]
    actors: tuple[ActorLink, ...]
    sources: tuple[SourceLine, ...]
    independent_sources: int
    disagree: bool
    # When the event became public, as the feeds date it: the decision to publish it, or its
    # creation for an event entered as published. Read by static/timeline/new-since.js.
    published_iso: str


# Reversed in place of a real pk and then cut out of the address: a number long enough that no
# other part of the event page's path contains it.
_PLACEHOLDER_PK = 987654321


def event_cards(events: Sequence[Event], links: Links) -> list[EventCard]:
    """The cards of ``events``, in their order, in three queries whatever their number.

    Actors, tags and citations are read as plain rows, not model instances: building and
    prefetching a few hundred instances was the largest cost of a timeline request after the
    templates.
    """
    ids = [event.pk for event in events]
    actors = _grouped(
        EventActor.objects.filter(event_id__in=ids)
        .order_by("id")
        .values_list("event_id", "actor__name", "actor__slug", "role")
    )
    tags = _grouped(
        Event.tags.through.objects.filter(event_id__in=ids)
        .order_by("tag__name")
        .values_list("event_id", "tag__name", "tag__slug")
    )
    citations = _grouped(
        Citation.objects.filter(event_id__in=ids)
        .order_by("id")
        .values_list(
            "event_id",
            "source_id",
            "source__publisher",
            "source__title",
            "source__url",
            "source__published_on",
            "date_start",
            "date_end",
            "precision",
            "quote",
        )
    )
    # An event's address differs from another's only by its number: reversed once, not per card
    # (``get_absolute_url``'s reverse() cost more than the rest of building a card).
    before, _, after = reverse("event_detail", args=[_PLACEHOLDER_PK]).partition(
        str(_PLACEHOLDER_PK)
    )
    return [
        _card(
            event,
            f"{before}{event.pk}{after}",
            links,
            actors[event.pk],
            tags[event.pk],
            citations[event.pk],
        )
        for event in events
    ]


def _grouped(rows: Iterable[tuple]) -> defaultdict[int, list[tuple]]:
    """Rows by their first column (an event id), that column dropped."""
    groups: defaultdict[int, list[tuple]] = defaultdict(list)
    for event_id, *rest in rows:
        groups[event_id].append(tuple(rest))
    return groups


def _card(
    event: Event,
    event_url: str,
    links: Links,
    actors: list[tuple],
    tags: list[tuple],
    citations: list[tuple],
) -> EventCard:
    date_display = event.date_display
    sources = []
    outlets = set()
    stated_ranges = []
    for source_id, publisher, title, url, published_on, start, end, precision, quote in citations:
        # Several articles from one outlet are one independent source.
        outlets.add(publisher.strip().casefold() or f"#{source_id}")
        stated = format_date_range(start, end, precision) if start and end and precision else ""
        if start and end:
            stated_ranges.append((start, end))
        sources.append(
            SourceLine(
                publisher=publisher or "Unknown publisher",
                title=title,
                url=safe_http_url(url),
                published=format_day(published_on) if published_on else "",
                published_iso=published_on.isoformat() if published_on else "",
                stated_date=stated if stated and stated != date_display else "",
                quote=quote,
            )
        )
    # Stated dates conflict when two of them share no day: intervals overlap pairwise exactly
    # when the latest start is on or before the earliest end.
    disagree = len(stated_ranges) > 1 and (
        max(start for start, _ in stated_ranges) > min(end for _, end in stated_ranges)
    )
    return EventCard(
        pk=event.pk,
        dom_id=SafeString(f"event-{event.pk}"),  # a number: nothing to escape
        title=event.title,
        url=event_url,
        date_display=date_display,
        date_iso=event.date_start.isoformat(),
        summary=event.summary,
        type=Link(
            _TYPE_LABELS.get(event.event_type, event.event_type),
            _escaped(links.only("type", event.event_type)),
        ),
        country=Link(event.country, _escaped(links.only("country", event.country)))
        if event.country
        else None,
        tags=tuple(Link(name, _escaped(links.only("tag", slug))) for name, slug in tags),
        actors=tuple(
            ActorLink(name, _escaped(links.only("actor", slug)), _ROLE_LABELS.get(role, role))
            for name, slug, role in actors
        ),
        sources=tuple(sources),
        independent_sources=len(outlets),
        disagree=disagree,
        published_iso=(event.reviewed_at or event.created_at).isoformat(timespec="milliseconds"),
    )


@dataclass(frozen=True)
class FacetLink(Printable):
    label: str
    count: int | None
    selected: bool
    url: str
    dom_id: str


@dataclass(frozen=True)
class FacetGroup(Printable):
    param: str
    title: str
    values: tuple[FacetLink, ...]
    total: int
    expanded: bool
    search: str
    """The text the expanded list is narrowed by."""
    toggle_url: str
    """Shows every value, or, when expanded, the busiest ones again."""
    available: bool = True
    """False when the counts are not here (the values are shown without them)."""
    counts_url: str = ""
    """Where the facet fetches its counts once shown, when they did not fit in the page's time
    budget (the view answers a request from ``#facet-<param>`` with this facet alone)."""


@dataclass(frozen=True)
class ChipLink(Printable):
    title: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class BarLink(Printable):
    bar: Bar
    url: str
    title: str
    """What the bar says to a pointer and a screen reader: "Mar 2025: 1,234 events"."""


@dataclass(frozen=True)
class PeriodCards(Printable):
    label: str
    continues: bool
    cards: tuple[EventCard, ...]


PAGE_SIZE = 25


class TimelinePage(Printable):
    """One view of the timeline as the page prints it: a keyset page of event cards under period
    headings, the total and the histogram, the facets, the active filters as chips, and links.

    Each part is computed when a template first asks for it, as SQL over the one filtered
    queryset of ``filter_events`` and the counts of ``counts.count_events``, cached per data
    version and filters. The load-more fragment reads only the cards and the next page's link;
    the results fragment reads every part. Either way the number of queries does not depend on
    the page size or depth.
    """

    def __init__(
        self,
        filters: EventFilters,
        *,
        links: Links | None = None,
        cursor: Cursor | None = None,
        page_size: int | None = None,
        expand: str = "",
        expand_q: str = "",
        counting: str = "",
    ) -> None:
        self.filters = filters
        self.links = links or Links(reverse("event_list"), QueryDict())
        self.cursor = cursor
        self.page_size = page_size or PAGE_SIZE
        self.expanded_facet = expand
        """The parameter of the facet that lists every value (``facet=``)."""
        self.facet_search = expand_q
        """The text the expanded facet's values are narrowed by (``facet_q=``)."""
        self.counting = counting
        """The parameter of the one facet this request counts, after the page (see ``counted``)."""

    @cached_property
    def results(self) -> ResultCache:
        """This request's one read of the data version."""
        return ResultCache(data_version())

    @property
    def version(self) -> int:
        """The data version everything on this page was read at."""
        return self.results.version

    @property
    def cache_seconds(self) -> int:
        """How long this page, once rendered, may be kept (the template caches it per data
        version): not at all while a facet is still being counted after the page, so that the
        next reader gets its counts in the page instead of a "Counting…" kept for the whole data
        version; only as long as that outcome is remembered when a facet's counts are
        unavailable; otherwise a day."""
        counted = self.__dict__.get("counts")
        if counted is not None:
            if counted.months_deferred or any(f.deferred for f in counted.facets.values()):
                return 0
            if counted.months is None or not all(f.available for f in counted.facets.values()):
                return public_counts.UNAVAILABLE_SECONDS
        return CACHE_SECONDS

    @property
    def cards_cache_seconds(self) -> int:
        """How long the rendered cards of this page (``#page``) may be kept: as long as any
        result, since they depend on the data version and the query string, never on a count."""
        return CACHE_SECONDS

    @cached_property
    def _ids_and_one_more(self) -> list[int]:
        # One extra event says whether there is a next page without counting.
        events = filter_events(self.filters, results=self.results).prefetch_related(None)
        if self.cursor is not None:
            events = events_after(events, self.cursor, newest_first=self.filters.newest_first)
        order = "newest" if self.filters.newest_first else "oldest"
        after = self.cursor.encode() if self.cursor else ""
        name = f"page:{self.filters.signature}:{order}:{after}:{self.page_size}"
        return self.results.get_or_compute(
            name, lambda: list(events.values_list("id", flat=True)[: self.page_size + 1])
        )

    @cached_property
    def _events_and_one_more(self) -> list[Event]:
        ids = self._ids_and_one_more
        if not ids:
            return []
        # The cards read their relations themselves (event_cards).
        by_id = Event.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    @property
    def events(self) -> list[Event]:
        """This page's events, in timeline order."""
        return self._events_and_one_more[: self.page_size]

    @property
    def loaded_note(self) -> str:
        """What the live status says once "Load more" has added this page."""
        count = len(self.events)
        return f"{count} more {_event_noun(count)} loaded."

    @property
    def any_on_page(self) -> bool:
        """Whether this page lists any event, known from the cached ids: the events themselves
        are read only when the cards are rendered (not when their rendering is cached)."""
        return bool(self._ids_and_one_more)

    @property
    def next_cursor(self) -> str | None:
        """The page token of the next page (None: this is the last)."""
        if len(self._events_and_one_more) <= self.page_size:
            return None
        return Cursor.after_event(self.events[-1]).encode()

    @cached_property
    def counts(self) -> Counts:
        if not self.counting:
            # The page's own query first: what the filters read once per data version (names,
            # the longest event, a search's few matches) is read outside the counts' time
            # budget, and the page never waits behind a count.
            _ = self._ids_and_one_more
        return count_events(
            self.filters,
            results=self.results,
            expand=self.expanded_facet,
            expand_q=self.facet_search,
            counting=self.counting,
        )

    @cached_property
    def histogram(self) -> Histogram | None:
        """The events per month, or None while they are counted after the page
        (``months_deferred``) or when that took too long."""
        months = self.counts.months
        if months is None:
            return None
        return build_histogram(months, clip_start=self.filters.start, clip_end=self.filters.end)

    @property
    def total(self) -> int | None:
        """How many events match (None: not counted, as ``histogram``)."""
        return None if self.histogram is None else self.histogram.total

    @property
    def total_note(self) -> str:
        """What the page says in place of the total while it is not counted."""
        if self.months_deferred:
            return "Counting events…"
        return "The total is unavailable: counting took too long."

    @property
    def months_deferred(self) -> bool:
        """Whether the total and the histogram fetch themselves once the page is shown."""
        return self.counts.months_deferred

    @property
    def histogram_frame(self) -> Histogram:
        """An empty histogram: the size of the drawing while its counts are on their way."""
        return build_histogram({})

    @property
    def months_url(self) -> str:
        """Where the deferred total and histogram are fetched from (``#facet-months``)."""
        return self.links.without()

    @property
    def any_match(self) -> bool:
        """Whether any event matches, known without the total when it is not counted."""
        if self.total is not None:
            return self.total > 0
        return self.any_on_page or self.cursor is not None

    @cached_property
    def periods(self) -> tuple[PeriodCards, ...]:
        """The page's cards under month headings (a quarter or a year for events known only to
        it), whatever the span of the view: the same on its first page and on "Load more" pages,
        which count nothing, and known without the months, which may come after the page."""
        cards = event_cards(self.events, self.links)
        groups: list[tuple[str, str, list[EventCard]]] = []
        for event, card in zip(self.events, cards, strict=True):
            key, label = _period_of(event.date_start, event.precision_rank)
            if groups and groups[-1][0] == key:
                groups[-1][2].append(card)
            else:
                groups.append((key, label, [card]))
        # The previous page ended in the same period when the cursor (its last event) is in it:
        # its heading is already shown.
        continued = None
        if self.cursor is not None:
            cursor = self.cursor
            continued = _period_of(cursor.date_start, cursor.precision_rank)[0]
        return tuple(
            PeriodCards(label, index == 0 and key == continued, tuple(period_cards))
            for index, (key, label, period_cards) in enumerate(groups)
        )

    @cached_property
    def next_page_url(self) -> str:
        token = self.next_cursor
        return self.links.next_page(token) if token else ""

    @property
    def first_page_url(self) -> str:
        return self.links.without("after")

    @cached_property
    def facets(self) -> tuple[FacetGroup, ...]:
        return tuple(
            self._facet(facet)
            for facet in self.counts.facets.values()
            if facet.values or facet.param == self.expanded_facet or not facet.available
        )

    @property
    def counted(self) -> FacetGroup | None:
        """The facet of ``counting`` with its counts (None: it has no values here)."""
        return next((facet for facet in self.facets if facet.param == self.counting), None)

    def _facet(self, facet: Facet) -> FacetGroup:
        expanded = facet.param == self.expanded_facet
        return FacetGroup(
            param=facet.param,
            title=facet.title,
            total=facet.total,
            expanded=expanded,
            search=self.facet_search if expanded else "",
            toggle_url=self.links.without() if expanded else self.links.replace(facet=facet.param),
            values=tuple(
                FacetLink(
                    value.label,
                    value.count,
                    value.selected,
                    _escaped(self.links.toggle(facet.param, value.value)),
                    # A slug and a hash (dom_id): nothing to escape.
                    SafeString(f"facet-{facet.param}-{dom_id(value.value)}"),
                )
                for value in facet.values
            ),
            available=facet.available,
            counts_url=self._counts_url(facet) if facet.deferred else "",
        )

    def _counts_url(self, facet: Facet) -> str:
        """This view's address for the facet's own request: its filters, and the facet list
        when it is the expanded one."""
        if facet.param != self.expanded_facet:
            return self.links.without()
        return self.links.replace(facet=facet.param, facet_q=self.facet_search)

    @property
    def query_pairs(self) -> list[tuple[str, str]]:
        """The current view's parameters, for the hidden fields of the facet search form."""
        return [(key, value) for key, value, _ in self.links.pairs]

    @property
    def visual(self) -> bool:
        """Whether the visual timeline is asked for (``view=visual``)."""
        return any(key == "view" and value == "visual" for key, value, _ in self.links.pairs)

    @property
    def list_url(self) -> str:
        return self.links.without("view")

    @property
    def visual_url(self) -> str:
        return self.links.replace(view="visual")

    @property
    def newest_url(self) -> str:
        return self.links.without("sort")

    @property
    def oldest_url(self) -> str:
        return self.links.replace(sort="oldest")

    @property
    def data_query(self) -> str:
        """The query string the visual timeline passes to ``/export.json``."""
        return "&".join(pair for key, _, pair in self.links.pairs if key != "view")

    @cached_property
    def chips(self) -> tuple[ChipLink, ...]:
        """The active filters, each with the link that removes it."""
        filters, links, chips = self.filters, self.links, []
        if filters.q:
            chips.append(ChipLink("Search", f"“{filters.q}”", links.without("q")))
        for facet in self.counts.facets.values():
            chips += [
                ChipLink(facet.title, value.label, _escaped(links.toggle(facet.param, value.value)))
                for value in facet.selected
            ]
        if filters.start:
            chips.append(ChipLink("From", filters.echoes.get("start", ""), links.without("start")))
        if filters.end:
            chips.append(ChipLink("To", filters.echoes.get("end", ""), links.without("end")))
        return tuple(chips)

    @property
    def clear_url(self) -> str:
        """Every filter removed; the order kept."""
        return self.links.without("q", "actor", "type", "country", "tag", "source", "start", "end")

    @cached_property
    def bars(self) -> tuple[BarLink, ...]:
        return tuple(
            BarLink(
                bar,
                _escaped(self.links.replace(start=bar.period, end=bar.period)) if bar.count else "",
                f"{bar.label}: {bar.count:,} {_event_noun(bar.count)}",
            )
            for bar in (self.histogram.bars if self.histogram else ())
        )


def _event_noun(count: int) -> str:
    """ "event" after 1, "events" after any other count."""
    return "event" if count == 1 else "events"


def _period_of(day: date, precision_rank: int) -> tuple[str, str]:
    """The heading an event goes under: never finer than its date is known, so a year-precision
    event (stored from 1 January) is under "2023", not "January 2023"."""
    if precision_rank >= Precision.YEAR.rank:
        return str(day.year), str(day.year)
    if precision_rank == Precision.QUARTER.rank:
        quarter = (day.month - 1) // 3 + 1
        return f"{day.year}-Q{quarter}", f"Q{quarter} {day.year}"
    return f"{day.year}-{day.month:02d}", f"{MONTH_NAMES[day.month]} {day.year}"


MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
