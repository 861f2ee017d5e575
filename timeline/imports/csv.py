"""CSV import: the export's columns back into the database, all or nothing.

Three steps, each usable on its own:

1. ``read_csv`` turns the uploaded bytes into rows of cells. It accepts what spreadsheets write:
   a UTF-8 byte-order mark, CRLF or LF line ends, ``,`` or ``;`` (European spreadsheets) or tab
   as the delimiter, quoted cells with line breaks, and header names in any case.
2. ``plan_import`` checks every row against the rules and the database and says, per row, what
   would happen (create, update, unchanged) or what is wrong, in which row and column.
3. ``apply_plan`` writes a valid plan in one transaction.

``import_csv`` runs the three in one transaction and writes only if no row failed, so a bad date
in row 537 of 1,000 leaves the database exactly as it was. Importing a file twice changes nothing
the second time. The columns and their rules are in docs/data-formats-and-api.md, "CSV import".
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from timeline.exports.csv import CSV_COLUMNS, TEXT_COLUMNS, restore_formula
from timeline.exports.csv import split_values as split_cell
from timeline.exports.records import EventRecord, iter_records
from timeline.extraction.daterange import DateRange, DateRangeError, Precision
from timeline.extraction.fuzzy import FuzzyDateError, parse_fuzzy_date
from timeline.extraction.normalize import name_key
from timeline.ingest.decoding import decode_text
from timeline.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    Source,
    Tag,
    max_length,
)

REQUIRED_COLUMNS = ("title", "date_start")
#: Columns the importer reads; ``permalink`` is written by the export and ignored here.
KNOWN_COLUMNS = frozenset(CSV_COLUMNS)
_LOOKUP_CHUNK = 2000

_MAX_LENGTHS = {name: max_length(Event, name) for name in ("title", "date_text")}
_ACTOR_NAME_LENGTH = max_length(Actor, "name")
_TAG_NAME_LENGTH = max_length(Tag, "name")
_CHOICE_COLUMNS = {
    "type": ("event_type", Event.Type),
    "status": ("status", Event.Status),
    "date_basis": ("date_basis", Event.DateBasis),
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read (encoding, header); the message says how to fix it."""


@dataclass(frozen=True)
class RowError:
    """One problem in one cell (or one row, when ``column`` is empty)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row} (spreadsheet row {self.row + 1})"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CsvFile:
    """The rows of an uploaded file, each a mapping of known column to cell text.

    Cells of text columns are already un-guarded (see ``exports.neutralize_formula``); ``row``
    numbers count data rows from 1, so spreadsheet row = row + 1 (the header is row 1).
    """

    columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    delimiter: str
    errors: tuple[RowError, ...] = ()


def read_csv(data: bytes | str) -> CsvFile:
    """Read an uploaded CSV file; ImportFileError when it cannot be read at all."""
    text = decode_csv(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFileError("The file is empty.")
    delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [_column_name(name) for name in next(reader)]
        columns, ignored = _check_header(header)
        rows, errors = [], []
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            extra = cells[len(header) :]
            if any(cell.strip() for cell in extra):
                errors.append(
                    RowError(
                        number,
                        "",
                        f"has {len(cells)} cells but the header names {len(header)} columns; "
                        "is a cell missing its closing quote?",
                    )
                )
                continue
            cells = cells + [""] * (len(header) - len(cells))
            row = {
                name: restore_formula(cell) if name in TEXT_COLUMNS else cell
                for name, cell in zip(header, cells, strict=False)
                if name in KNOWN_COLUMNS
            }
            rows.append((number, row))
    except csv.Error as error:
        raise ImportFileError(
            f"The file is not valid CSV near line {reader.line_num}: {error}. A quote inside a "
            'cell must be doubled ("").'
        ) from None
    return CsvFile(tuple(columns), tuple(ignored), tuple(rows), delimiter, tuple(errors))


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-8, or UTF-16 with or without a byte-order mark (Excel's
    "Unicode text"); anything else is refused with how to save it as UTF-8."""
    if (text := decode_text(data, legacy=False)) is not None:
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). In Excel save it "
            "as “CSV UTF-8”; in LibreOffice choose the “Unicode (UTF-8)” character set."
        ) from None


def _column_name(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().casefold().replace(" ", "_").replace("-", "_")


def _detect_delimiter(text: str) -> str:
    """The delimiter under which the first line reads as the most known column names."""
    first_line = text.splitlines()[0]
    best, best_score = ",", 0
    for delimiter in (",", ";", "\t"):
        names = next(csv.reader([first_line], delimiter=delimiter), [])
        score = sum(_column_name(name) in KNOWN_COLUMNS for name in names)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _check_header(header: list[str]) -> tuple[list[str], list[str]]:
    columns = [name for name in header if name in KNOWN_COLUMNS]
    ignored = [name for name in header if name and name not in KNOWN_COLUMNS]
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if duplicates:
        raise ImportFileError(f"The header names these columns twice: {', '.join(duplicates)}.")
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            f"The first row must name the columns; {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing. The columns are: "
            f"{', '.join(CSV_COLUMNS)}."
        )
    return columns, ignored


# --- What a row says -----------------------------------------------------------------------


@dataclass(frozen=True)
class SourceInput:
    title: str
    publisher: str
    url: str
    published_on: date | None

    @property
    def identity(self) -> tuple[str, ...]:
        """A source is known by its URL, or by title and publisher when it has none."""
        return ("url", self.url) if self.url else ("title", self.title, self.publisher)

    @property
    def label(self) -> str:
        return self.url or f"{self.publisher}: {self.title}".strip(": ")


@dataclass
class RowInput:
    """The typed content of one row; ``None`` means the column is absent from the file."""

    row: int
    id: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    actors: list[tuple[str, str]] | None = None
    tags: list[str] | None = None
    sources: list[SourceInput] | None = None
    evidence: str | None = None


def parse_row(row: int, cells: dict[str, str]) -> tuple[RowInput, list[RowError]]:
    """Check one row's cells on their own (no database): types, lengths, dates, choices."""
    parsed, errors = RowInput(row), []

    def error(column: str, message: str) -> None:
        errors.append(RowError(row, column, message))

    for column, cell in cells.items():
        if "\x00" in cell:
            error(column, "contains a NUL character, which cannot be stored; delete it.")
    if errors:
        return parsed, errors

    raw_id = cells.get("id", "").strip()
    if raw_id:
        if raw_id.isdigit() and 0 < int(raw_id) < 2**63:
            parsed.id = int(raw_id)
        else:
            error("id", f"“{raw_id}” is not an event id (a whole number); leave it empty to add.")

    title = cells["title"]
    if not title.strip():
        error("title", "is empty; every event needs a title.")
    parsed.fields["title"] = title
    for column in ("summary", "date_text"):
        if column in cells:
            parsed.fields[column] = cells[column]
    for column, limit in _MAX_LENGTHS.items():
        if len(cells.get(column, "")) > limit:
            error(column, f"is {len(cells[column])} characters long; at most {limit} fit.")

    for column, (field_name, choices) in _CHOICE_COLUMNS.items():
        value = cells.get(column, "").strip()
        if value:
            choice = _choice(value, choices)
            if choice is None:
                allowed = ", ".join(choices.values)
                error(column, f"“{value}” is not one of: {allowed}.")
            else:
                parsed.fields[field_name] = choice

    if "country" in cells:
        country = cells["country"].strip().upper()
        if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
            error("country", f"“{cells['country']}” is not a two-letter code such as US or CN.")
        parsed.fields["country"] = country

    try:
        date_range = _date_range(cells)
    except _CellError as problem:
        error(problem.column, problem.message)
    else:
        parsed.fields.update(
            date_start=date_range.start,
            date_end=date_range.end,
            precision=date_range.precision.value,
        )

    if "actors" in cells:
        names = [name for name in split_cell(cells["actors"]) if name]
        roles = split_cell(cells.get("actor_roles", ""))
        if len(roles) > len(names):
            error("actor_roles", f"has {len(roles)} roles for {len(names)} actors.")
        parsed.actors = []
        for index, name in enumerate(names):
            role_text = roles[index] if index < len(roles) else ""
            role = _choice(role_text, EventActor.Role) if role_text else EventActor.Role.INITIATOR
            if role is None:
                error("actor_roles", f"“{role_text}” is not one of: initiator, target, subject.")
            elif not _name_key(name):
                error("actors", f"“{name}” is not a name (it needs a letter or a digit).")
            elif len(name) > _ACTOR_NAME_LENGTH:
                error("actors", f"“{name[:40]}…” is longer than {_ACTOR_NAME_LENGTH} characters.")
            else:
                parsed.actors.append((name, role))

    if "tags" in cells:
        parsed.tags = []
        for name in split_cell(cells["tags"]):
            if len(name) > _TAG_NAME_LENGTH:
                error("tags", f"“{name[:40]}…” is longer than {_TAG_NAME_LENGTH} characters.")
            elif name and name.casefold() not in {tag.casefold() for tag in parsed.tags}:
                parsed.tags.append(name)

    source_columns = ("source_titles", "source_publishers", "source_urls", "source_dates")
    if any(column in cells for column in source_columns):
        parsed.sources = _sources(cells, error)

    if "evidence" in cells:
        parsed.evidence = cells["evidence"]
    return parsed, errors


class _CellError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _choice(value: str, choices: Any) -> str | None:
    """A choice by value or label, ignoring case ("Export control" is "export_control")."""
    return _choice_names(choices).get(value.strip().casefold().replace(" ", "_"))


@functools.cache
def _choice_names(choices: Any) -> dict[str, str]:
    names = {}
    for choice_value, label in choices.choices:
        names[str(label).casefold().replace(" ", "_")] = choice_value
        names[choice_value.casefold()] = choice_value
    return names


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")


@functools.lru_cache(maxsize=50_000)
def _is_web_address(url: str) -> bool:
    """An http or https address with a host and no spaces (cached: a file cites the same
    articles over and over)."""
    if _SPACE_OR_CONTROL.search(url):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in {"http", "https"} and bool(parts.hostname)
    except ValueError:
        return False


# A file repeats the same names and dates thousands of times; each is worked out once.
_name_key = functools.lru_cache(maxsize=100_000)(name_key)
_parse_date = functools.lru_cache(maxsize=100_000)(parse_fuzzy_date)


def _date_range(cells: dict[str, str]) -> DateRange:
    """The event date from date_start, date_end and precision, through the fuzzy date rules.

    ISO dates with a precision (what the export writes) are taken exactly as they are; a
    date_start such as "March 2025" or "Q1 2025" alone brings its own range and precision.
    """
    start_text = cells["date_start"].strip()
    end_text = cells.get("date_end", "").strip()
    precision_text = cells.get("precision", "").strip().casefold()
    if not start_text:
        raise _CellError("date_start", "is empty; every event needs a date.")
    precision = None
    if precision_text:
        try:
            precision = Precision(precision_text)
        except ValueError:
            raise _CellError(
                "precision",
                f"“{cells['precision']}” is not one of: {', '.join(p.value for p in Precision)}.",
            ) from None
    first = _fuzzy(start_text, "date_start")
    last = _fuzzy(end_text, "date_end") if end_text else first
    if last.end < first.start:
        raise _CellError(
            "date_end",
            f"{end_text} is before the start {start_text}; the end date is the last day the "
            "event may have happened.",
        )
    if precision is None:
        precision = first.precision if first == last else Precision.APPROXIMATE
    try:
        return DateRange(first.start, last.end, precision)
    except DateRangeError as error:
        raise _CellError("precision", f"{error} Use “approximate” or another precision.") from None


def _fuzzy(text: str, column: str) -> DateRange:
    try:
        return _parse_date(text)
    except FuzzyDateError as error:
        raise _CellError(column, str(error)) from None


def _sources(cells: dict[str, str], error: Any) -> list[SourceInput]:
    titles = split_cell(cells.get("source_titles", ""))
    publishers = split_cell(cells.get("source_publishers", ""))
    urls = split_cell(cells.get("source_urls", ""))
    dates = split_cell(cells.get("source_dates", ""))
    count = max(len(titles), len(publishers), len(urls), len(dates))
    sources, seen = [], set()
    for index in range(count):

        def nth(values: list[str], index: int = index) -> str:
            return values[index] if index < len(values) else ""

        title, publisher, url, day = nth(titles), nth(publishers), nth(urls), nth(dates)
        position = f"source {index + 1}"
        if url and not _is_web_address(url):
            error("source_urls", f"{position}: “{url}” is not a web address (http:// or https://).")
            continue
        if not (url or title):
            error("source_titles", f"{position} has neither a title nor a URL.")
            continue
        published_on = None
        if day:
            try:
                published_on = date.fromisoformat(day)
            except ValueError:
                error("source_dates", f"{position}: “{day}” is not a date written YYYY-MM-DD.")
                continue
        if any(
            len(value) > max_length(Source, name)
            for name, value in (("title", title), ("publisher", publisher), ("url", url))
        ):
            error("source_titles", f"{position} has a title, publisher or URL that is too long.")
            continue
        source = SourceInput(title, publisher, url, published_on)
        if source.identity in seen:
            error("source_urls", f"{position} ({source.label}) is listed twice.")
            continue
        seen.add(source.identity)
        sources.append(source)
    return sources


# --- The plan ------------------------------------------------------------------------------

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass
class RowPlan:
    """What importing one row does. Related things are referred to as ("id", pk) when they exist
    and ("new", key) when the import creates them."""

    row: int
    action: str
    event_id: int | None
    input: RowInput
    actors: list[tuple[tuple[str, Any], str]] | None = None
    tags: list[tuple[str, Any]] | None = None
    sources: list[tuple[str, Any]] | None = None
    changes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.input.fields.get("title", "")


@dataclass
class ImportPlan:
    """Every row's fate, the actors, tags and sources to create, and every error."""

    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_actors: dict[str, str] = field(default_factory=dict)
    new_tags: dict[str, str] = field(default_factory=dict)
    new_sources: dict[tuple[str, ...], SourceInput] = field(default_factory=dict)
    ignored_columns: tuple[str, ...] = ()
    row_count: int = 0
    written: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(plan.action == action for plan in self.rows)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    def summary(self) -> str:
        """The outcome in one sentence, for messages and the command's output."""
        if not self.is_valid:
            bad_rows = len({error.row for error in self.errors})
            return (
                f"{self.row_count:,} rows checked: {len(self.errors):,} "
                f"{'error' if len(self.errors) == 1 else 'errors'} in {bad_rows:,} "
                f"{'row' if bad_rows == 1 else 'rows'}; nothing was written."
            )
        if self.written:
            text = (
                f"Imported {self.row_count:,} rows: {self.created:,} created, "
                f"{self.updated:,} updated, {self.unchanged:,} unchanged"
            )
        else:
            text = (
                f"Checked {self.row_count:,} rows: {self.created:,} to create, "
                f"{self.updated:,} to update, {self.unchanged:,} unchanged"
            )
        new = [
            f"{len(items):,} {noun}{'' if len(items) == 1 else 's'}"
            for items, noun in (
                (self.new_actors, "actor"),
                (self.new_tags, "tag"),
                (self.new_sources, "source"),
            )
            if items
        ]
        return text + (f"; new: {', '.join(new)}." if new else ".")


class _Lookups:
    """What the database already holds, loaded in a few queries for the whole file."""

    def __init__(self, inputs: Sequence[RowInput]) -> None:
        self.actor_by_key: dict[str, tuple[int, str]] = {
            key: (pk, name) for key, pk, name in Actor.objects.values_list("key", "id", "name")
        }
        names = dict(Actor.objects.values_list("id", "name"))
        for key, actor_id in ActorAlias.objects.values_list("key", "actor_id"):
            self.actor_by_key.setdefault(key, (actor_id, names[actor_id]))
        self.tag_by_name: dict[str, tuple[int, str]] = {}
        self.tag_by_folded: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for pk, name, slug in Tag.objects.values_list("id", "name", "slug"):
            self.tag_by_name[name] = (pk, slug)
            self.tag_by_folded[name.casefold()].append((pk, slug))

        urls = {s.url for row in inputs for s in row.sources or () if s.url}
        titles = {s.title for row in inputs for s in row.sources or () if not s.url}
        self.source_by_identity: dict[tuple[str, ...], int] = {}
        for chunk in _chunks(sorted(urls)):
            for pk, url in Source.objects.filter(url__in=chunk).values_list("id", "url"):
                self.source_by_identity[("url", url)] = pk
        for chunk in _chunks(sorted(titles)):
            found = (
                Source.objects.filter(url="", title__in=chunk)
                .order_by("id")
                .values_list("id", "title", "publisher")
            )
            for pk, title, publisher in found:
                self.source_by_identity.setdefault(("title", title, publisher), pk)

        ids = sorted({row.id for row in inputs if row.id is not None})
        self.merged_into: dict[int, int] = {}
        for chunk in _chunks(ids):
            merged = Event.objects.filter(id__in=chunk, merged_into__isnull=False)
            self.merged_into.update(merged.values_list("id", "merged_into_id"))
        # Rows without an id find their event by title and dates, so a file without ids can be
        # imported twice without doubling every event.
        self.by_natural_key: dict[tuple, list[int]] = defaultdict(list)
        keyless = sorted({row.fields["title"] for row in inputs if row.id is None})
        for chunk in _chunks(keyless):
            found = Event.objects.filter(title__in=chunk, merged_into__isnull=True).values_list(
                "id", "title", "date_start", "date_end"
            )
            for pk, title, start, end in found:
                self.by_natural_key[(title, start, end)].append(pk)
        wanted = set(ids)
        for key_ids in self.by_natural_key.values():
            wanted.update(key_ids)
        self.records: dict[int, EventRecord] = {}
        for chunk in _chunks(sorted(wanted)):
            for record in iter_records(Event.objects.filter(id__in=chunk).order_by("id")):
                self.records[record.id] = record


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _LOOKUP_CHUNK):
        yield values[start : start + _LOOKUP_CHUNK]


def plan_import(csv_file: CsvFile, *, create_missing: bool = False) -> ImportPlan:
    """Check every row and decide what importing the file would do; writes nothing."""
    plan = ImportPlan(
        errors=list(csv_file.errors),
        ignored_columns=csv_file.ignored_columns,
        row_count=len(csv_file.rows) + len(csv_file.errors),
    )
    parsed_rows = [parse_row(number, cells) for number, cells in csv_file.rows]
    # Rows with bad cells are still matched against the database, so that every problem of a
    # row (a bad date and an unknown actor) is reported at once.
    inputs = [parsed for parsed, _ in parsed_rows if "title" in parsed.fields]
    lookups = _Lookups(inputs)
    seen_ids: dict[int, int] = {}
    seen_keys: dict[tuple, int] = {}
    for parsed, errors in parsed_rows:
        if "title" not in parsed.fields:
            plan.errors.extend(errors)
            continue
        row_plan = _plan_row(parsed, lookups, plan, errors, create_missing=create_missing)
        key = _natural_key(parsed)
        if row_plan and row_plan.event_id is not None:
            if row_plan.event_id in seen_ids:
                errors.append(
                    RowError(
                        parsed.row,
                        "id" if parsed.id else "title",
                        f"is the same event as row {seen_ids[row_plan.event_id]} "
                        f"(id {row_plan.event_id}); an event may appear once per file.",
                    )
                )
            seen_ids.setdefault(row_plan.event_id, parsed.row)
        elif row_plan and key is not None:
            if key in seen_keys:
                errors.append(
                    RowError(
                        parsed.row,
                        "title",
                        f"row {seen_keys[key]} has the same title and dates; give each row an "
                        "id, or make them differ.",
                    )
                )
            seen_keys.setdefault(key, parsed.row)
        if errors:
            plan.errors.extend(errors)
        elif row_plan:
            plan.rows.append(row_plan)
    plan.errors.sort(key=lambda error: error.row)
    return plan


def _natural_key(parsed: RowInput) -> tuple | None:
    """Title and dates: how a row without an id finds its event (None without a valid date)."""
    if "date_start" not in parsed.fields:
        return None
    return (parsed.fields["title"], parsed.fields["date_start"], parsed.fields["date_end"])


def _plan_row(
    parsed: RowInput,
    lookups: _Lookups,
    plan: ImportPlan,
    errors: list[RowError],
    *,
    create_missing: bool,
) -> RowPlan | None:
    row = parsed.row
    existing: EventRecord | None = None
    if parsed.id is not None:
        if parsed.id in lookups.merged_into:
            errors.append(
                RowError(
                    row,
                    "id",
                    f"event {parsed.id} was merged into event "
                    f"{lookups.merged_into[parsed.id]}; use that id instead.",
                )
            )
            return None
        existing = lookups.records.get(parsed.id)
    else:
        matches = lookups.by_natural_key.get(_natural_key(parsed), [])
        if len(matches) > 1:
            errors.append(
                RowError(
                    row,
                    "id",
                    f"is empty and {len(matches)} events have this title and date (ids "
                    f"{', '.join(map(str, matches))}); put the id of the one to update.",
                )
            )
            return None
        if matches:
            existing = lookups.records[matches[0]]

    row_plan = RowPlan(
        row=row,
        action=CREATE if existing is None else UPDATE,
        event_id=existing.id if existing else parsed.id,
        input=parsed,
    )
    if parsed.actors is not None:
        row_plan.actors = []
        seen: dict[tuple, str] = {}
        for name, role in parsed.actors:
            ref = _actor_ref(name, lookups, plan, errors, row, create_missing)
            if ref is None:
                continue
            if ref in seen:
                errors.append(
                    RowError(row, "actors", f"“{name}” and “{seen[ref]}” are the same actor.")
                )
                continue
            seen[ref] = name
            row_plan.actors.append((ref, role))
    if parsed.tags is not None:
        row_plan.tags = []
        for name in parsed.tags:
            ref = _tag_ref(name, lookups, plan, errors, row, create_missing)
            if ref is not None and ref not in row_plan.tags:
                row_plan.tags.append(ref)
    if parsed.sources is not None:
        row_plan.sources = []
        for source in parsed.sources:
            pk = lookups.source_by_identity.get(source.identity)
            if pk is None:
                plan.new_sources.setdefault(source.identity, source)
                row_plan.sources.append(("new", source.identity))
            else:
                row_plan.sources.append(("id", pk))
    cited = (
        row_plan.sources
        if row_plan.sources is not None
        else (existing.citations if existing else [])
    )
    if parsed.evidence and not cited:
        errors.append(
            RowError(
                row, "evidence", "a quote needs a source; fill in source_urls or source_titles."
            )
        )
    if existing is not None:
        row_plan.changes = _changes(row_plan, existing)
        if not row_plan.changes:
            row_plan.action = UNCHANGED
    return row_plan


def _actor_ref(
    name: str,
    lookups: _Lookups,
    plan: ImportPlan,
    errors: list[RowError],
    row: int,
    create_missing: bool,
) -> tuple[str, Any] | None:
    key = _name_key(name)
    if key in lookups.actor_by_key:
        return ("id", lookups.actor_by_key[key][0])
    if not create_missing:
        errors.append(
            RowError(
                row,
                "actors",
                f"no actor is named “{name}” (nor has it as an alias). Add it in the admin, fix "
                "the spelling, or tick “create missing actors and tags”.",
            )
        )
        return None
    plan.new_actors.setdefault(key, name)
    return ("new", key)


def _tag_ref(
    name: str,
    lookups: _Lookups,
    plan: ImportPlan,
    errors: list[RowError],
    row: int,
    create_missing: bool,
) -> tuple[str, Any] | None:
    if name in lookups.tag_by_name:
        return ("id", lookups.tag_by_name[name][0])
    folded = lookups.tag_by_folded.get(name.casefold(), [])
    if len(folded) == 1:
        return ("id", folded[0][0])
    if not create_missing:
        errors.append(
            RowError(
                row,
                "tags",
                f"no tag is named “{name}”. Add it in the admin, fix the spelling, or tick "
                "“create missing actors and tags”.",
            )
        )
        return None
    plan.new_tags.setdefault(name.casefold(), name)
    return ("new", name.casefold())


def _changes(row_plan: RowPlan, existing: EventRecord) -> tuple[str, ...]:
    """The columns whose import would change ``existing``."""
    parsed, changes = row_plan.input, []
    for name, value in parsed.fields.items():
        if getattr(existing, name) != value:
            changes.append({"event_type": "type"}.get(name, name))
    if row_plan.actors is not None:
        current = [(("id", actor.id), actor.role) for actor in existing.actors]
        if current != row_plan.actors:
            changes.append("actors")
    if row_plan.tags is not None and {("id", tag.id) for tag in existing.tags} != set(
        row_plan.tags
    ):
        changes.append("tags")
    if row_plan.sources is not None:
        current_sources = {("id", citation.source_id) for citation in existing.citations}
        if current_sources != set(row_plan.sources):
            changes.append("sources")
    if parsed.evidence and parsed.evidence != existing.evidence:
        changes.append("evidence")
    return tuple(changes)


# --- Writing -------------------------------------------------------------------------------


def apply_plan(plan: ImportPlan, *, user: Any = None) -> None:
    """Write a valid plan. Call inside a transaction (``import_csv`` does)."""
    if not plan.is_valid:
        raise ValueError("A plan with errors cannot be written.")
    now = timezone.now()
    reviewer = user if user and user.is_authenticated else None
    actor_ids = _create_named(Actor, plan.new_actors, key=True)
    tag_ids = _create_named(Tag, plan.new_tags)
    source_ids = _create_sources(plan.new_sources, user=reviewer, now=now)

    def resolve(ref: tuple[str, Any], new_ids: dict) -> int:
        return ref[1] if ref[0] == "id" else new_ids[ref]

    creates = [row for row in plan.rows if row.action == CREATE]
    event_ids: dict[int, int] = {}  # row number → event id
    # Events with an id from the file (an export coming back) are inserted as plain rows; the
    # few typed without one go through the ORM, which reports the ids it was given.
    with_ids = [row for row in creates if row.event_id is not None]
    _insert_rows(Event, _EVENT_COLUMNS, [_event_values(row, reviewer, now) for row in with_ids])
    event_ids.update((row.row, row.event_id) for row in with_ids)
    if with_ids:
        # PostgreSQL's id sequence does not see explicit ids; move it past them before any
        # event is created without one.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Event]):
                cursor.execute(statement)
    without_ids = [row for row in creates if row.event_id is None]
    typed = []
    for row in without_ids:
        event = Event(**row.input.fields)
        event.precision_rank = Precision(event.precision).rank
        if event.status != Event.Status.CANDIDATE:
            event.reviewed_by, event.reviewed_at = reviewer, now
        typed.append(event)
    Event.objects.bulk_create(typed, batch_size=500)
    event_ids.update((row.row, event.pk) for row, event in zip(without_ids, typed, strict=True))

    updates = [row for row in plan.rows if row.action == UPDATE]
    existing = Event.objects.in_bulk([row.event_id for row in updates])
    for row in updates:
        event = existing[row.event_id]
        changed = [name for name in row.input.fields if name in _model_fields(row.changes)]
        for name in changed:
            setattr(event, name, row.input.fields[name])
        if "status" in changed and event.status != Event.Status.CANDIDATE:
            event.reviewed_by, event.reviewed_at = reviewer, now
            changed += ["reviewed_by", "reviewed_at"]
        event.save(update_fields=[*changed, "precision_rank", "updated_at"])
        event_ids[row.row] = event.pk

    # Link rows are plain tuples: a model instance per row would cost more than its insert.
    roles, tagged, citations = [], [], []
    tag_through = Event.tags.through
    for row in [*creates, *updates]:
        event_id = event_ids[row.row]
        is_new = row.action == CREATE
        if row.actors is not None and (is_new or "actors" in row.changes):
            if not is_new:
                EventActor.objects.filter(event_id=event_id).delete()
            roles += [(event_id, resolve(ref, actor_ids), role) for ref, role in row.actors]
        if row.tags is not None and (is_new or "tags" in row.changes):
            if not is_new:
                tag_through.objects.filter(event_id=event_id).delete()
            tagged += [(event_id, resolve(ref, tag_ids)) for ref in row.tags]
        citations += _citations(row, event_id, source_ids, resolve, is_new=is_new)
    _insert_rows(EventActor, ["event", "actor", "role"], roles)
    _insert_rows(tag_through, ["event", "tag"], tagged)
    created_at = connection.ops.adapt_datetimefield_value(now)
    _insert_rows(
        Citation,
        ["event", "source", "quote", "precision", "date_text", "created_at"],
        [(*citation, "", "", created_at) for citation in citations],
    )
    _set_evidence(
        [
            row
            for row in updates
            if row.input.evidence and {"evidence", "sources"} & set(row.changes)
        ],
        event_ids,
    )
    plan.written = True


_EVENT_COLUMNS = (
    "id",
    "title",
    "summary",
    "event_type",
    "status",
    "date_start",
    "date_end",
    "precision",
    "precision_rank",
    "date_text",
    "date_basis",
    "country",
    "reviewed_by",
    "reviewed_at",
    "created_at",
    "updated_at",
)


def _event_values(row: RowPlan, reviewer: Any, now: Any) -> tuple:
    """A new event as the values of ``_EVENT_COLUMNS``; absent columns take the model's
    defaults."""
    fields = row.input.fields
    ops = connection.ops

    def value(name: str) -> Any:
        return fields[name] if name in fields else Event._meta.get_field(name).get_default()

    reviewed = value("status") != Event.Status.CANDIDATE
    stamp = ops.adapt_datetimefield_value(now)
    return (
        row.event_id,
        value("title"),
        value("summary"),
        value("event_type"),
        value("status"),
        ops.adapt_datefield_value(fields["date_start"]),
        ops.adapt_datefield_value(fields["date_end"]),
        fields["precision"],
        Precision(fields["precision"]).rank,
        value("date_text"),
        value("date_basis"),
        value("country"),
        reviewer.pk if reviewed and reviewer else None,
        stamp if reviewed else None,
        stamp,
        stamp,
    )


def _create_sources(
    sources: dict[tuple[str, ...], SourceInput], *, user: Any, now: Any
) -> dict[tuple, int]:
    """Insert new sources as plain rows; returns {("new", identity): id}."""
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(now)
    _insert_rows(
        Source,
        (
            "url", "title", "publisher", "author", "published_on", "language", "text",
            "content_hash", "origin", "added_by", "added_at",
        ),
        [
            (
                source.url, source.title or source.url, source.publisher, "",
                ops.adapt_datefield_value(source.published_on), "en", "", "",
                Source.Origin.IMPORT.value, user.pk if user else None, stamp,
            )
            for source in sources.values()
        ],
    )  # fmt: skip
    # Read the ids back by what identifies a source; the planner made sure none existed.
    ids: dict[tuple, int] = {}
    urls = sorted(identity[1] for identity in sources if identity[0] == "url")
    for chunk in _chunks(urls):
        for pk, url in Source.objects.filter(url__in=chunk).values_list("id", "url"):
            ids[("new", ("url", url))] = pk
    titles = sorted({identity[1] for identity in sources if identity[0] == "title"})
    for chunk in _chunks(titles):
        found = Source.objects.filter(url="", title__in=chunk).order_by("id")
        for pk, title, publisher in found.values_list("id", "title", "publisher"):
            ids[("new", ("title", title, publisher))] = pk
    return ids


def _model_fields(changes: Sequence[str]) -> set[str]:
    return {{"type": "event_type"}.get(name, name) for name in changes}


def _create_named(model: type[Actor] | type[Tag], names: dict[str, str], *, key: bool = False):
    """Create actors or tags in one insert, with the slugs (and keys) ``save`` would give them.

    Returns {("new", plan key): id}.
    """
    taken = set(model.objects.values_list("slug", flat=True))
    objects = []
    for name in names.values():
        base = slugify(name)[:200] or "item"
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(slug)
        item = model(name=name, slug=slug)
        if key:
            item.key = name_key(name)
        objects.append(item)
    model.objects.bulk_create(objects, batch_size=500)
    return {("new", plan_key): item.pk for plan_key, item in zip(names, objects, strict=True)}


def _citations(
    row: RowPlan, event_id: int, source_ids: dict, resolve: Any, *, is_new: bool
) -> list[tuple[int, int, str]]:
    """Citations to add, as (event id, source id, quote): every source of a new event, the
    added sources of an updated one."""
    if row.sources is None:
        return []
    wanted = [resolve(ref, source_ids) for ref in row.sources]
    if is_new:
        evidence = row.input.evidence or ""
        return [
            (event_id, source_id, evidence if index == 0 else "")
            for index, source_id in enumerate(wanted)
        ]
    if "sources" not in row.changes:
        return []
    # Sources the file no longer lists go; the others keep their quotes and dates.
    Citation.objects.filter(event_id=event_id).exclude(source_id__in=wanted).delete()
    kept = set(Citation.objects.filter(event_id=event_id).values_list("source_id", flat=True))
    return [(event_id, pk, "") for pk in wanted if pk not in kept]


def _insert_rows(model: Any, names: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert rows of plain values, in the order of the field ``names``."""
    if not rows:
        return
    meta, quote = model._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(meta.get_field(name).column) for name in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY sends every row in one statement: executemany cost a network round trip per
            # row, and a long multi-row INSERT made psycopg parse thousands of placeholders.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(names))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def _set_evidence(rows: Sequence[RowPlan], event_ids: dict[int, int]) -> None:
    """Put each row's evidence on the citation that shows it: the first one with a quote, or
    else the first one."""
    for row in rows:
        citations = list(Citation.objects.filter(event_id=event_ids[row.row]).order_by("id"))
        if not citations:
            continue
        target = next((citation for citation in citations if citation.quote), citations[0])
        if target.quote == row.input.evidence:
            continue
        target.quote = row.input.evidence
        target.save(update_fields=["quote"])


def import_csv(
    data: bytes | str, *, create_missing: bool = False, dry_run: bool = False, user: Any = None
) -> ImportPlan:
    """Check a whole file and, unless ``dry_run`` or any row failed, write it in one transaction.

    Raises ImportFileError when the file cannot be read at all; row problems are in
    ``plan.errors`` and then nothing is written.
    """
    csv_file = read_csv(data)
    with transaction.atomic():
        plan = plan_import(csv_file, create_missing=create_missing)
        if plan.is_valid and not dry_run:
            apply_plan(plan, user=user)
    return plan
