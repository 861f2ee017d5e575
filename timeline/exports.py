"""The timeline's data going out: CSV for spreadsheets and a TimelineJS3 data file for embeds.

Every export starts from the reader's own query string, through ``EventFilterForm`` and
``filter_events`` (timeline/queries.py), so what a reader sees is what they export; only published
events ever leave through here.

Events are read in chunks as plain values by the one reader of timeline/records.py, so memory
stays flat and the number of queries grows with the number of chunks, never with the number of
rows: every format reads a chunk of events and then its actors, tags and citations (the CSV as
the driver's plain rows). The CSV layout
(columns, the "; " separator, the formula guard) is shared with the importer in
timeline/imports.py and documented in docs/data-formats-and-api.md.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from timeline.extraction.daterange import Precision, format_date_range
from timeline.models import Actor, Event, Tag
from timeline.queries import EventFilterForm, EventFilters, filter_events
from timeline.records import (
    CHUNK_SIZE,
    CitationRef,
    EventRecord,
    csv_relations,
    csv_rows,
    iter_records,
)
from timeline.validators import safe_http_url

#: Largest CSV export (override with the TIMELINE_EXPORT_MAX_ROWS setting).
DEFAULT_CSV_MAX_ROWS = 1_000_000
#: Largest TimelineJS file: the whole file is built in memory and TimelineJS itself slows to a
#: crawl long before this (override with TIMELINE_TIMELINEJS_MAX_EVENTS).
DEFAULT_TIMELINEJS_MAX_EVENTS = 5_000

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "summary",
    "type",
    "date_start",
    "date_end",
    "precision",
    "date_text",
    "date_basis",
    "country",
    "actors",
    "actor_roles",
    "tags",
    "status",
    "source_titles",
    "source_publishers",
    "source_urls",
    "source_dates",
    "evidence",
    "permalink",
)
#: Columns of free text, which a spreadsheet could run as a formula; the typed columns (id,
#: dates, choice values, permalink) never start with a formula character and are left untouched.
TEXT_COLUMNS: frozenset[str] = frozenset(
    {
        "title",
        "summary",
        "date_text",
        "country",
        "actors",
        "actor_roles",
        "tags",
        "source_titles",
        "source_publishers",
        "source_urls",
        "evidence",
    }
)
MULTI_VALUE_SEPARATOR = "; "

# A cell a spreadsheet would evaluate starts with one of = + - @ tab CR LF NUL
# (https://owasp.org/www-community/attacks/CSV_Injection). Quotes already in front are counted
# so that the guard can be undone exactly: "'=x" is written "''=x" and read back as "'=x".
_FORMULA_START = re.compile(r"'*[=+\-@\t\r\n\x00]")
_GUARDED_FORMULA = re.compile(r"'+[=+\-@\t\r\n\x00]")
_GUARD_FIRST = frozenset("'=+-@\t\r\n\x00")


def neutralize_formula(text: str) -> str:
    """Prefix a single quote to text a spreadsheet would run as a formula."""
    if text and text[0] in _GUARD_FIRST and _FORMULA_START.match(text):
        return "'" + text
    return text


def restore_formula(cell: str) -> str:
    """Undo ``neutralize_formula``: the importer's view of a guarded cell."""
    return cell[1:] if _GUARDED_FORMULA.match(cell) else cell


def join_values(values: Sequence[str]) -> str:
    """Several values in one cell, separated by "; " (a ";" inside a value is written "\\;")."""
    if len(values) == 1 and ";" not in values[0] and "\\" not in values[0]:
        return values[0]
    joined = MULTI_VALUE_SEPARATOR.join(values)
    # Most cells hold no ";" or "\\" of their own; counting finds those that do without a loop.
    if "\\" not in joined and joined.count(";") == max(len(values) - 1, 0):
        return joined
    return MULTI_VALUE_SEPARATOR.join(
        value.replace("\\", "\\\\").replace(";", "\\;") for value in values
    )


def split_values(cell: str) -> list[str]:
    """The values of a multi-valued cell, each stripped; an empty cell holds none.

    The inverse of ``join_values``, and forgiving of hand-typed cells ("a;b", "a ; b").
    """
    if not cell.strip():
        return []
    if "\\" not in cell:
        return [value.strip() for value in cell.split(";")]
    values, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == ";":
            values.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    values.append("".join(current).strip())
    return values


def exceeds(events: QuerySet[Event], limit: int) -> bool:
    """Whether ``events`` holds more than ``limit`` rows, without counting all of them."""
    return events.order_by().values_list("pk", flat=True)[limit : limit + 1].exists()


def requested_events(
    request: HttpRequest, cap_setting: str, default_cap: int
) -> tuple[EventFilters, QuerySet[Event], int | None]:
    """The reader's filters and their published events, as on the timeline, and the cap of
    this format (setting ``cap_setting``) when the events exceed it, else None."""
    filters = EventFilterForm(request.GET).filters
    events = filter_events(filters)
    limit = getattr(settings, cap_setting, default_cap)
    return filters, events, limit if exceeds(events, limit) else None


class Permalinks:
    """Absolute event addresses, built once per request rather than reversed per row."""

    _PLACEHOLDER = 2_147_483_647

    def __init__(self, request: HttpRequest) -> None:
        url = request.build_absolute_uri(reverse("event_detail", args=[self._PLACEHOLDER]))
        #: What comes before and after the id.
        self.prefix, self.suffix = url.split(str(self._PLACEHOLDER))

    def __call__(self, event_id: int) -> str:
        return f"{self.prefix}{event_id}{self.suffix}"


# --- Describing what was exported --------------------------------------------------------------


def describe_filters(filters: EventFilters) -> str:
    """The filters in words, for feed titles and the TimelineJS title slide."""
    parts = []
    if filters.q:
        parts.append(f"matching “{filters.q}”")
    if filters.types:
        labels = [Event.Type(value).label for value in filters.types if value in Event.Type]
        parts.append("of type " + ", ".join(labels))
    if filters.actors:
        names = Actor.objects.filter(slug__in=filters.actors).values_list("name", flat=True)
        parts.append("involving " + ", ".join(sorted(names) or filters.actors))
    if filters.countries:
        parts.append("in " + ", ".join(filters.countries))
    if filters.tags:
        names = Tag.objects.filter(slug__in=filters.tags).values_list("name", flat=True)
        parts.append("tagged " + ", ".join(sorted(names) or filters.tags))
    if filters.sources:
        parts.append("reported by " + ", ".join(filters.sources))
    if filters.start:
        parts.append(f"from {filters.start.isoformat()}")
    if filters.end:
        parts.append(f"to {filters.end.isoformat()}")
    return "Events " + " ".join(parts) if parts else "All events"


def export_filename(filters: EventFilters, extension: str, *, at: datetime) -> str:
    """A file name that says what was exported and when.

    "policy-timeline_type-ban_country-us_from-2025-01-01_2026-11-23T1913Z.csv"; an unfiltered
    export is "policy-timeline_all_<time>".
    """
    parts = []
    for name, values in (
        ("q", [filters.q] if filters.q else []),
        ("type", filters.types),
        ("actor", filters.actors),
        ("country", filters.countries),
        ("tag", filters.tags),
        ("source", filters.sources),
        ("from", [filters.start.isoformat()] if filters.start else []),
        ("to", [filters.end.isoformat()] if filters.end else []),
    ):
        if values:
            parts.append(slugify(f"{name} {' '.join(values)}")[:60].strip("-"))
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H%MZ")
    described = "_".join(part for part in parts if part)[:150] or "all"
    return f"policy-timeline_{described}_{stamp}.{extension}"


# --- CSV ---------------------------------------------------------------------------------------


_DONE = object()


def read_ahead(items: Generator[Any, None, None], connection: Any) -> Iterator[Any]:
    """``items``, each one read in a second thread while the caller works on the one before.

    An export alternates between waiting for the database and writing text in Python; on two
    cores this overlaps the two. The reading thread uses the request's own database
    ``connection`` (its transaction, its snapshot; Django's thread-sharing count allows it),
    never at the same time as the request's thread: the caller only writes text while the
    next read runs.
    """
    connection.inc_thread_sharing()
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-read-ahead") as pool:
            pending = pool.submit(next, items, _DONE)
            try:
                while (item := pending.result()) is not _DONE:
                    pending = pool.submit(next, items, _DONE)
                    yield item
            finally:
                # A download closed early still waits for the read in flight before the
                # connection goes back to the request, then closes the cursor.
                futures_wait([pending])
                items.close()
    finally:
        connection.dec_thread_sharing()


def iter_csv_chunks(
    events: QuerySet[Event], permalinks: Permalinks, *, chunk_size: int | None = None
) -> Iterator[str]:
    """The CSV lines of ``events`` in their order, as one text per chunk of events: the
    events from one query (``records.csv_rows``), each chunk's relations from three more
    (``records.csv_relations``).

    This loop runs a million times for a big export, so it writes each line in one f-string
    and quotes only the free-text cells (ids, dates, choice values and permalinks never hold a
    comma, a quote or a line break). The next chunk is fetched while this one is written
    (``read_ahead``).
    """
    chunk_size = chunk_size or CHUNK_SIZE
    connection = connections[events.db]
    try:
        sql, params = csv_rows(events).query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing, e.g. ``.none()``
        return

    def read_chunks() -> Generator[tuple[list[tuple], tuple[dict[int, list], ...]], None, None]:
        # Rows as the driver returns them, without the ORM's conversions; a server-side
        # cursor on PostgreSQL, so the result is never held whole.
        with connection.chunked_cursor() as cursor, connection.cursor() as related:
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(chunk_size):
                ids = [row[0] for row in chunk]
                yield chunk, csv_relations(related, connection.vendor, ids)

    cell, prefix, suffix = csv_cell, permalinks.prefix, permalinks.suffix
    none: list[tuple] = []
    for chunk, (actors_of, tags_of, citations_of) in read_ahead(read_chunks(), connection):
        lines = []
        for (
            pk,
            title,
            summary,
            event_type,
            start,
            end,
            precision,
            date_text,
            basis,
            country,
            status,
        ) in chunk:
            actors = actors_of.get(pk, none)
            citations = citations_of.get(pk, none)
            lines.append(
                f"{pk},{cell(title)},{cell(summary)},{event_type},{start},{end},{precision},"
                f"{cell(date_text)},{basis},{cell(country)},"
                f"{cell(join_values([actor[1] for actor in actors]))},"
                f"{cell(join_values([actor[2] for actor in actors]))},"
                f"{cell(join_values([tag[1] for tag in tags_of.get(pk, none)]))},{status},"
                f"{cell(join_values([cited[1] for cited in citations]))},"
                f"{cell(join_values([cited[2] for cited in citations]))},"
                f"{cell(join_values([cited[3] for cited in citations]))},"
                f"{join_values([cited[4] for cited in citations])},"
                f"{cell(next((cited[5] for cited in citations if cited[5]), ''))},"
                f"{prefix}{pk}{suffix}\r\n"
            )
        yield "".join(lines)


def csv_cell(text: str) -> str:
    """A free-text cell as written: the formula guard, then RFC 4180 quotes if needed."""
    return _quoted(neutralize_formula(text))


def _quoted(cell: str) -> str:
    """A cell as ``csv.writer`` writes it with its defaults (RFC 4180): quoted, its quotes
    doubled, only when it holds a comma, a quote or a line break."""
    # Four substring tests: several times faster than one regular expression on long texts.
    if '"' in cell or "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_line(cells: Sequence[str]) -> str:
    """A CSV record of several cells as ``csv.writer`` writes it, with a CRLF line end; a test
    checks that both write the same bytes."""
    return ",".join([_quoted(cell) for cell in cells]) + "\r\n"


def stream_csv(events: QuerySet[Event], permalinks: Permalinks) -> Iterator[bytes]:
    """The CSV file as UTF-8 byte chunks: a byte-order mark and the header, then one chunk per
    ``CHUNK_SIZE`` events. RFC 4180 layout: CRLF line ends, quotes only where needed."""
    # The byte-order mark is what makes Excel read the file as UTF-8 rather than a legacy code
    # page, so non-Latin scripts survive a double-click.
    yield ("\ufeff" + csv_line(CSV_COLUMNS)).encode()
    with read_transaction(events.db):
        for text in iter_csv_chunks(events, permalinks):
            yield text.encode()


@contextlib.contextmanager
def read_transaction(using: str) -> Iterator[None]:
    """A transaction around a long read on PostgreSQL, nothing elsewhere.

    Outside a transaction Django declares PostgreSQL's server-side cursors WITH HOLD, and the
    server then computes the whole result before sending the first row; inside one, rows flow
    as they are fetched. (On SQLite a transaction would take the write lock: its readers need
    none.)

    Within it, the planner is told that every row of the cursor will be read
    (``cursor_tuple_fraction`` 1 instead of 0.1). By default it plans a cursor for a quick first
    tenth: walking the timeline index and looking up each event's cells one by one, which ran
    at a third of the speed of joining the two tables whole and sorting.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    # Outermost in a request (no savepoint then); nested, as in a test, a savepoint, so that a
    # download abandoned midway rolls back its own read and nothing around it.
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL cursor_tuple_fraction = 1")
        yield


def too_large_response(kind: str, limit: int) -> HttpResponse:
    """A plain-words refusal of an export bigger than its documented cap."""
    return HttpResponse(
        f"This {kind} would hold more than {limit:,} events, the most one export may hold. "
        "Narrow the filters (a date range, a type or a country) and export in parts.\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def event_export_csv(request: HttpRequest) -> HttpResponse:
    """``/export.csv``: the filtered timeline as a streamed CSV download."""
    filters, events, cap = requested_events(
        request, "TIMELINE_EXPORT_MAX_ROWS", DEFAULT_CSV_MAX_ROWS
    )
    if cap is not None:
        return too_large_response("CSV export", cap)
    response = StreamingHttpResponse(
        stream_csv(events, Permalinks(request)), content_type="text/csv; charset=utf-8"
    )
    filename = export_filename(filters, "csv", at=timezone.now())
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- TimelineJS --------------------------------------------------------------------------------

# Which parts of a date TimelineJS3 gets for each precision: a month is "2025-03" and shown as
# such, not pinned to its first day.
_DATE_PARTS = {
    Precision.DAY: ("year", "month", "day"),
    Precision.WEEK: ("year", "month", "day"),
    Precision.MONTH: ("year", "month"),
    Precision.QUARTER: ("year", "month"),
    Precision.YEAR: ("year",),
    Precision.APPROXIMATE: ("year", "month", "day"),
}


def _timelinejs_date(day: date, parts: Sequence[str], display: str | None = None) -> dict:
    value: dict[str, Any] = {part: getattr(day, part) for part in parts}
    if display:
        value["display_date"] = display
    return value


def timelinejs_slide(record: EventRecord, permalink: str) -> dict[str, Any]:
    """One event as a TimelineJS3 slide (https://timeline.knightlab.com/docs/json-format.html)."""
    precision = Precision(record.precision)
    parts = _DATE_PARTS[precision]
    display = record.date_display
    slide: dict[str, Any] = {
        "unique_id": f"event-{record.id}",
        "start_date": _timelinejs_date(record.date_start, parts, display),
        "display_date": display,
        "group": record.type_label,
        "text": {
            "headline": format_html('<a href="{}">{}</a>', permalink, record.title),
            "text": _timelinejs_text(record),
        },
        # Plain facts for other readers of this file (the site's own visual timeline): TimelineJS
        # ignores keys it does not know.
        "event": {
            "id": record.id,
            "url": permalink,
            "title": record.title,
            "date_start": record.date_start.isoformat(),
            "date_end": record.date_end.isoformat(),
            "precision": record.precision,
        },
    }
    # A single day or a single month/year is a point; anything else spans start to end.
    ends_elsewhere = {
        Precision.DAY: False,
        Precision.MONTH: False,
        Precision.YEAR: False,
        Precision.QUARTER: True,
        Precision.WEEK: True,
        Precision.APPROXIMATE: True,
    }[precision]
    if ends_elsewhere:
        slide["end_date"] = _timelinejs_date(record.date_end, parts)
    return slide


def _timelinejs_text(record: EventRecord) -> str:
    html = format_html("<p>{}</p>", record.summary) if record.summary else ""
    if record.actors:
        html += format_html("<p>Actors: {}</p>", ", ".join(actor.name for actor in record.actors))
    if record.citations:
        html += format_html(
            "<p>Sources:</p><ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                ((_source_link(citation),) for citation in record.citations),
            ),
        )
    return html


def _source_link(citation: CitationRef) -> str:
    label = f"{citation.publisher}: {citation.title}" if citation.publisher else citation.title
    if citation.published_on:
        label += f" ({format_date_range(citation.published_on, citation.published_on, 'day')})"
    # Rows written through the ORM skip the model's validators: only http(s) becomes a link.
    url = safe_http_url(citation.url)
    if not url:
        return format_html("{}", label)
    return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, label)


def timelinejs_data(
    records: Iterable[EventRecord], *, title: str, description: str, permalinks: Permalinks
) -> dict[str, Any]:
    """A TimelineJS3 data file: a title slide and one slide per event."""
    return {
        "title": {
            "text": {
                "headline": format_html("{}", title),
                "text": format_html("<p>{}</p>", description),
            }
        },
        "events": [timelinejs_slide(record, permalinks(record.id)) for record in records],
        "scale": "human",
    }


@require_GET
def event_export_json(request: HttpRequest) -> JsonResponse:
    """``/export.json``: the filtered timeline as a TimelineJS3 data file, ready to embed."""
    filters, events, cap = requested_events(
        request, "TIMELINE_TIMELINEJS_MAX_EVENTS", DEFAULT_TIMELINEJS_MAX_EVENTS
    )
    if cap is not None:
        response = JsonResponse(
            {
                "error": f"A TimelineJS file holds at most {cap:,} events; narrow the filters "
                "(a date range, a type or a country)."
            },
            status=400,
        )
    else:
        data = timelinejs_data(
            iter_records(events),
            title="Policy Timeline",
            description=describe_filters(filters),
            permalinks=Permalinks(request),
        )
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    # The TimelineJS embed runs on Knight Lab's origin and fetches this file from there; the data
    # is public, so any origin may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response
