"""The filtered timeline as CSV for spreadsheets, streamed.

Events are read in chunks as the driver's plain rows by the one reader of
timeline/exports/records.py, so memory stays flat and the number of queries grows with the number
of chunks, never with the number of rows. The CSV layout (columns, the "; " separator, the formula
guard) is shared with the importer in timeline/imports/csv.py and documented in
docs/data-formats-and-api.md.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from timeline.exports.common import (
    Permalinks,
    export_filename,
    requested_events,
    too_large_response,
)
from timeline.exports.records import CHUNK_SIZE, csv_relations, csv_rows
from timeline.models import Event

#: Largest CSV export (override with the TIMELINE_EXPORT_MAX_ROWS setting).
DEFAULT_CSV_MAX_ROWS = 1_000_000

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


_DONE = object()


def read_ahead(items: Generator[Any, None, None], connection: Any) -> Iterator[Any]:
    """``items``, each one read in a second thread while the caller works on the one before.

    An export alternates between waiting for the database and writing text in Python; on two
    cores this overlaps the two when the database is another process (PostgreSQL). Not for
    SQLite: its work runs in this process, and the driver takes the GIL back for every row it
    reads, so the two threads mostly wait for each other (more CPU time, and no less wall time
    on a loaded machine, in the export benchmark). The reading thread uses the request's own
    database ``connection`` (its transaction, its snapshot; Django's thread-sharing count
    allows it), never at the same time as the request's thread: the caller only writes text
    while the next read runs.
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

    This loop runs a million times for a big export, so it writes each line in one f-string,
    the cells of an event's relations written beforehand (``_relation_cells``), and quotes only
    the free-text cells (ids, dates, choice values and permalinks never hold a comma, a quote or
    a line break). On PostgreSQL the next chunk is fetched while this one is written
    (``read_ahead``); SQLite runs in this process and reads only while holding the GIL.
    """
    chunk_size = chunk_size or CHUNK_SIZE
    connection = connections[events.db]
    try:
        sql, params = csv_rows(events).query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing, e.g. ``.none()``
        return

    def read_chunks() -> Generator[tuple[list[tuple], tuple[list[tuple], ...]], None, None]:
        # Rows as the driver returns them, without the ORM's conversions; a server-side
        # cursor on PostgreSQL, so the result is never held whole.
        with connection.chunked_cursor() as cursor, connection.cursor() as related:
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(chunk_size):
                ids = [row[0] for row in chunk]
                yield chunk, csv_relations(related, connection.vendor, ids)

    cell, prefix, suffix = csv_cell, permalinks.prefix, permalinks.suffix
    chunks = read_chunks()
    if connection.vendor != "sqlite":
        chunks = read_ahead(chunks, connection)
    for chunk, relations in chunks:
        actors_of, tags_of, citations_of = _relation_cells(*relations)
        yield "".join(
            [
                f"{pk},{cell(title)},{cell(summary)},{event_type},{start},{end},{precision},"
                f"{cell(date_text)},{basis},{cell(country)},{actors_of.get(pk, _NO_ACTORS)},"
                f"{tags_of.get(pk, '')},{status},{citations_of.get(pk, _NO_CITATIONS)},"
                f"{prefix}{pk}{suffix}\r\n"
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
                ) in chunk
            ]
        )


# The cells of an event with no actors (actors, actor_roles) or no citations (source_titles,
# source_publishers, source_urls, source_dates, evidence).
_NO_ACTORS = ","
_NO_CITATIONS = ",,,,"


def _relation_cells(
    actor_rows: list[tuple], tag_rows: list[tuple], citation_rows: list[tuple]
) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """The cells of each event's actors, tags and citations as they are written, comma-joined,
    by event id, from ``records.csv_relations``' rows (grouped by event, the event's id first)."""
    cell, values_cell = csv_cell, csv_values_cell
    actors = {}
    for pk, rows in groupby(actor_rows, _FIRST):
        _, names, roles = zip(*rows, strict=True)
        actors[pk] = f"{values_cell(names)},{values_cell(roles)}"
    tags = {}
    for pk, rows in groupby(tag_rows, _FIRST):
        _, names = zip(*rows, strict=True)
        tags[pk] = values_cell(names)
    citations = {}
    for pk, rows in groupby(citation_rows, _FIRST):
        _, titles, publishers, urls, dates, quotes = zip(*rows, strict=True)
        citations[pk] = (
            f"{values_cell(titles)},{values_cell(publishers)},{values_cell(urls)},"
            f"{MULTI_VALUE_SEPARATOR.join(dates)},{cell(next(filter(None, quotes), ''))}"
        )
    return actors, tags, citations


_FIRST = itemgetter(0)

# csv_cell and csv_values_cell run up to eleven times per row of an export, so each is one
# call with the steps of neutralize_formula, join_values and _quoted inline (a call each cost a
# tenth of the export's time); tests check that they write what those functions write.


def csv_cell(text: str) -> str:
    """A free-text cell as written: the formula guard, then RFC 4180 quotes if needed."""
    if text and text[0] in _GUARD_FIRST and _FORMULA_START.match(text):
        text = "'" + text
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_values_cell(values: Sequence[str]) -> str:
    """A cell of several free-text values as written: ``csv_cell(join_values(values))``."""
    text = MULTI_VALUE_SEPARATOR.join(values)
    if "\\" in text or text.count(";") != len(values) - 1:  # none: join_values writes ""
        text = join_values(values)
    if text and text[0] in _GUARD_FIRST and _FORMULA_START.match(text):
        text = "'" + text
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


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
