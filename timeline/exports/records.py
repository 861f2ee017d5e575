"""The one reader of an event with its relations: every export, feed and the API read here.

``iter_record_chunks`` reads a queryset's events in chunks as ``EventRecord`` values (their
actors, tags and citations in three more queries per chunk, whatever their number); the page's
cards (``public.page.event_cards``) read the same rows for one page. ``csv_rows`` and
``csv_relations`` are the same event and relations for a CSV line, as the driver's plain rows
(no model, no named tuple per value): a million-row export builds nothing it does not write,
and needs no table kept ready by triggers.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from itertools import islice
from typing import Any, NamedTuple

from django.db import NotSupportedError
from django.db.models import CharField, F, Func, Lookup, QuerySet

from timeline.extraction.daterange import format_date_range
from timeline.models import Citation, Event, EventActor

#: Rows read per database round trip; also the unit in which the CSV is streamed.
CHUNK_SIZE = 2000


class ActorRef(NamedTuple):
    id: int
    name: str
    slug: str
    kind: str
    role: str


class TagRef(NamedTuple):
    id: int
    name: str
    slug: str


class CitationRef(NamedTuple):
    source_id: int
    title: str
    publisher: str
    url: str
    published_on: date | None
    quote: str
    date_start: date | None
    date_end: date | None
    precision: str
    date_text: str


@dataclass(slots=True)
class EventRecord:
    """One event with its actors, tags and citations, as plain values."""

    id: int
    title: str
    summary: str
    event_type: str
    status: str
    date_start: date
    date_end: date
    precision: str
    precision_rank: int
    date_text: str
    date_basis: str
    country: str
    created_at: datetime
    updated_at: datetime
    reviewed_at: datetime | None
    actors: list[ActorRef]
    tags: list[TagRef]
    citations: list[CitationRef]

    @property
    def date_display(self) -> str:
        return format_date_range(self.date_start, self.date_end, self.precision)

    @property
    def type_label(self) -> str:
        return Event.Type(self.event_type).label if self.event_type in Event.Type else "Other"

    @property
    def evidence(self) -> str:
        """The first quote among the citations (in the order they were added)."""
        return next((citation.quote for citation in self.citations if citation.quote), "")


# The event's own columns, in the order of EventRecord, which is built from them by position.
_EVENT_FIELDS = tuple(
    field.name for field in fields(EventRecord) if field.name not in {"actors", "tags", "citations"}
)


def iter_record_chunks(
    events: QuerySet[Event], *, chunk_size: int | None = None
) -> Iterator[list[EventRecord]]:
    """``events`` in their own order, as lists of at most ``chunk_size`` records.

    Four queries per chunk whatever the number of related rows; the event query runs through a
    server-side cursor on PostgreSQL (``iterator``), so nothing holds the whole result.
    """
    chunk_size = chunk_size or CHUNK_SIZE
    rows = events.prefetch_related(None).values_list(*_EVENT_FIELDS).iterator(chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        ids = [row[0] for row in chunk]
        actors, tags, citations = _related(ids)
        yield [EventRecord(*row, actors[row[0]], tags[row[0]], citations[row[0]]) for row in chunk]


def iter_records(
    events: QuerySet[Event], *, chunk_size: int | None = None
) -> Iterator[EventRecord]:
    """``events`` one record at a time (see ``iter_record_chunks``)."""
    for chunk in iter_record_chunks(events, chunk_size=chunk_size):
        yield from chunk


def _related(
    ids: Sequence[int],
) -> tuple[dict[int, list[ActorRef]], dict[int, list[TagRef]], dict[int, list[CitationRef]]]:
    # Each query is ordered by event first: that lets SQLite walk the event_id index for the IN
    # list instead of scanning the whole table in id order (and PostgreSQL does the same).
    actors: dict[int, list[ActorRef]] = defaultdict(list)
    roles = (
        EventActor.objects.filter(InIds(F("event_id"), ids))
        .order_by("event_id", "id")
        .values_list("event_id", "actor_id", "actor__name", "actor__slug", "actor__kind", "role")
    )
    for event_id, *actor in roles:
        actors[event_id].append(ActorRef(*actor))
    tags: dict[int, list[TagRef]] = defaultdict(list)
    tagged = (
        Event.tags.through.objects.filter(InIds(F("event_id"), ids))
        .order_by("event_id", "tag__name", "tag_id")
        .values_list("event_id", "tag_id", "tag__name", "tag__slug")
    )
    for event_id, *tag in tagged:
        tags[event_id].append(TagRef(*tag))
    citations: dict[int, list[CitationRef]] = defaultdict(list)
    cited = (
        Citation.objects.filter(InIds(F("event_id"), ids))
        .order_by("event_id", "id")
        .values_list(
            "event_id",
            "source_id",
            "source__title",
            "source__publisher",
            "source__url",
            "source__published_on",
            "quote",
            "date_start",
            "date_end",
            "precision",
            "date_text",
        )
    )
    for event_id, *citation in cited:
        citations[event_id].append(CitationRef(*citation))
    return actors, tags, citations


class IsoDate(Func):
    """A date column as YYYY-MM-DD text: the driver would otherwise build a ``date`` object
    per value only for the CSV to format it back.

    SQLite stores dates as that text already, but Django has its driver parse every column
    declared ``date`` (``detect_types``); the column inside an expression has no declared type.
    """

    output_field = CharField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        return super().as_sql(compiler, connection, template="CAST(%(expressions)s AS TEXT)")

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        return super().as_sql(
            compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')", **extra
        )


class InIds(Lookup):
    """``column IN (ids)`` with the ids as one parameter: an array on PostgreSQL
    (``= ANY(%s)``), a JSON list on SQLite (``IN (SELECT value FROM json_each(%s))``).

    A chunk of 2,000 ids as 2,000 placeholders cost the driver and the server a fifth of an
    export's time to parse, and its SQL changed with the chunk's length; with one parameter the
    SQL is compiled once per export.
    """

    lookup_name = "in_ids"
    prepare_rhs = False

    @staticmethod
    def parameter(vendor: str, ids: Sequence[int]) -> Any:
        return list(ids) if vendor == "postgresql" else json.dumps(list(ids))

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        raise NotSupportedError("The exports run on SQLite and PostgreSQL.")

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, list]:
        column, params = self.process_lhs(compiler, connection)
        ids = self.parameter(connection.vendor, self.rhs)
        return f"{column} IN (SELECT value FROM json_each(%s))", [*params, ids]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        column, params = self.process_lhs(compiler, connection)
        return f"{column} = ANY(%s)", [*params, self.parameter(connection.vendor, self.rhs)]


# --- The CSV: one query per chunk of events, three per chunk for their relations -------------

# Each relation of a chunk of events as plain rows, event by event, in the export's order:
# actors (name, role) and citations (title, publisher, URL, publication date, quote) in the
# order they were added, tags by name. Three grouped reads per chunk, each walking the link
# table's (event, ...) index for the chunk's ids: correlated subqueries building a JSON array
# per event and relation cost PostgreSQL four times the server time and both databases the
# parsing of the JSON. ``{ids}`` is the chunk's ids (``InIds``).
CSV_RELATIONS = {
    vendor: (
        """SELECT link.event_id, actor.name, link.role FROM timeline_eventactor link
        JOIN timeline_actor actor ON actor.id = link.actor_id
        WHERE {ids} ORDER BY link.event_id, link.id""",
        """SELECT link.event_id, tag.name FROM timeline_event_tags link
        JOIN timeline_tag tag ON tag.id = link.tag_id
        WHERE {ids} ORDER BY link.event_id, tag.name, tag.id""",
        f"""SELECT link.event_id, source.title, source.publisher, source.url, {published_on},
            link.quote
        FROM timeline_citation link JOIN timeline_source source ON source.id = link.source_id
        WHERE {{ids}} ORDER BY link.event_id, link.id""",
    )
    for vendor, published_on in (
        ("sqlite", "coalesce(source.published_on, '')"),
        ("postgresql", "coalesce(to_char(source.published_on, 'YYYY-MM-DD'), '')"),
    )
}
_CSV_IDS = {
    "sqlite": "link.event_id IN (SELECT value FROM json_each(%s))",
    "postgresql": "link.event_id = ANY(%s)",
}

CSV_FIELDS = (
    "id",
    "title",
    "summary",
    "event_type",
    IsoDate("date_start"),
    IsoDate("date_end"),
    "precision",
    "date_text",
    "date_basis",
    "country",
    "status",
)


def csv_rows(events: QuerySet[Event]) -> QuerySet:
    """``events`` as rows of ``CSV_FIELDS``, their own order and filters kept; their relations
    come from ``csv_relations``, a chunk at a time."""
    return events.prefetch_related(None).values_list(*CSV_FIELDS)


def csv_relations(cursor: Any, vendor: str, ids: Sequence[int]) -> tuple[list[tuple], ...]:
    """The actors, tags and citations of the events ``ids`` as rows, the event's id first,
    grouped by event in the export's order, read with ``cursor`` in three queries."""
    where, ids_param = _CSV_IDS[vendor], InIds.parameter(vendor, ids)
    relations = []
    for sql in CSV_RELATIONS[vendor]:
        cursor.execute(sql.format(ids=where), [ids_param])
        relations.append(cursor.fetchall())
    return tuple(relations)
