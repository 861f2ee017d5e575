"""An in-memory, columnar index of the published events: the timeline's counts and pages.

Counting facets in SQL costs a scan of every matching event per dimension, which at a million
events takes seconds for a busy actor or a common word. Here each event is a position in
timeline order (date_start, precision_rank, id) in a few NumPy arrays; a filter is a boolean
mask over those positions, a facet count is one ``bincount`` over the mask, and a page is the
next set positions after the cursor. The database stays the source of truth: the index is
rebuilt from it when events change (``queries.invalidate_facet_cache`` starts a new
generation), and full-text search still asks the database's own index for the matching ids.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
from django.db import connections
from django.db.models import F, Func, IntegerField, Value

from timeline.models import Citation, Event, EventActor, Source

# date.toordinal() of 1970-01-01: the database returns days since then, Python wants ordinals.
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()

# A position's sort key packed into one int64: day ordinal, precision rank (below 16), event id
# (below 2**32). Sorting by it is sorting by (date_start, precision_rank, id).
_RANK_SHIFT = 32
_DAY_SHIFT = 36


def sort_key(day: date, precision_rank: int, event_id: int) -> int:
    """The int64 key of an event (or a cursor) in timeline order."""
    return (day.toordinal() << _DAY_SHIFT) | (precision_rank << _RANK_SHIFT) | event_id


Mask = np.ndarray  # bool, one entry per position; None stands for "every event"


def _find(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``keys``, whether ``sorted_keys`` holds it; and the indexes of those found."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool), np.zeros(0, dtype=np.int64)
    found = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    hits = sorted_keys[found] == keys
    return hits, found[hits]


def _and(masks: Iterable[Mask | None]) -> Mask | None:
    result = None
    for mask in masks:
        if mask is None:
            continue
        result = mask if result is None else result & mask
    return result


# A mask with fewer matches than 1/SPARSE of the events is counted from its matches; a denser
# one by a pass over every event or link (sequential, which is faster than gathering so many).
SPARSE = 16

# Most values a single-valued dimension keeps a mask for (see Column).
MAX_VALUE_MASKS = 32


def _matches(mask: Mask) -> np.ndarray | None:
    """The positions set in ``mask`` when they are few enough to gather, else None."""
    matched = np.flatnonzero(mask)
    return matched if len(matched) * SPARSE < len(mask) else None


class Column:
    """A single-valued dimension (type, country): a small integer code per position."""

    def __init__(self, values: Sequence[str], labels: Sequence[str], codes: np.ndarray) -> None:
        self.values = tuple(values)
        self.labels = tuple(labels)
        self.codes = codes
        self.totals = np.bincount(codes, minlength=len(self.values))
        # One mask per value: filtering is an OR of masks, counting an AND and a popcount per
        # value, both sequential passes, cheaper than selecting codes through a dense mask. Each
        # costs a byte per event, so only a dimension with few values (types, not countries
        # when the timeline spans the world) keeps them.
        self.value_masks = (
            [codes == code for code in range(len(self.values))]
            if len(self.values) <= MAX_VALUE_MASKS
            else None
        )

    @classmethod
    def from_strings(cls, strings: Sequence[str], labels: dict[str, str] | None = None) -> Column:
        """A column of ``strings``; ``labels`` names values for people (the value by default)."""
        unique, codes = np.unique(
            np.asarray(strings, dtype=object).astype(str), return_inverse=True
        )
        values = tuple(str(value) for value in unique)
        names = tuple((labels or {}).get(value, value) for value in values)
        return cls(values, names, codes.astype(np.int32))

    def mask(self, selected: Iterable[str]) -> Mask:
        wanted = set(selected)
        codes = [code for code, value in enumerate(self.values) if value in wanted]
        if self.value_masks is None:
            return np.isin(self.codes, codes)
        return _or([self.value_masks[code] for code in codes], len(self.codes))

    def counts(self, mask: Mask | None) -> np.ndarray:
        if mask is None:
            return self.totals
        matched = _matches(mask)
        if matched is not None:
            return np.bincount(self.codes[matched], minlength=len(self.values))
        if self.value_masks is None:
            return np.bincount(self.codes[mask], minlength=len(self.values))
        return np.array([np.count_nonzero(mask & each) for each in self.value_masks], np.int64)


def _or(masks: Sequence[Mask], size: int) -> Mask:
    result = np.zeros(size, dtype=bool)
    for mask in masks:
        result |= mask
    return result


class Postings:
    """A many-to-many dimension (actors, tags, publishers): for each value, its events, and for
    each event, its values.

    Value-major: ``positions[offsets[code]:offsets[code + 1]]`` are the events with one value
    (filtering). Event-major: ``event_codes[event_offsets[p]:event_offsets[p + 1]]`` are the
    values of the event at position ``p``, ``link_positions`` that position per link
    (counting). A link appears once, so a count is a count of events.
    """

    def __init__(
        self,
        values: Sequence[str],
        labels: Sequence[str],
        positions: np.ndarray,
        codes: np.ndarray,
        size: int,
    ) -> None:
        self.values = tuple(values)
        self.labels = tuple(labels)
        # Drop repeated (event, value) links: an event names a publisher once however many of
        # its citations come from it.
        pairs = np.sort(codes.astype(np.int64) * (1 << 32) + positions.astype(np.int64))
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
        codes, positions = (pairs >> 32).astype(np.int32), (pairs & 0xFFFFFFFF).astype(np.int32)
        self.positions = positions
        self.offsets = np.searchsorted(codes, np.arange(len(self.values) + 1))
        self.totals = np.diff(self.offsets)
        by_event = np.argsort(positions, kind="stable")
        self.link_positions = positions[by_event]
        self.event_codes = codes[by_event]
        self.event_offsets = np.searchsorted(self.link_positions, np.arange(size + 1))

    def mask(self, selected: Iterable[str], size: int) -> Mask:
        mask = np.zeros(size, dtype=bool)
        wanted = set(selected)
        for code, value in enumerate(self.values):
            if value in wanted:
                mask[self.positions[self.offsets[code] : self.offsets[code + 1]]] = True
        return mask

    def counts(self, mask: Mask | None) -> np.ndarray:
        if mask is None:
            return self.totals
        matched = _matches(mask)
        if matched is None:
            links = mask[self.link_positions]
        else:
            # The links of the matched events: concatenated ranges of the event-major arrays.
            starts = self.event_offsets[matched]
            lengths = self.event_offsets[matched + 1] - starts
            ends = np.cumsum(lengths)
            links = np.arange(ends[-1] if len(ends) else 0) + np.repeat(
                starts - ends + lengths, lengths
            )
        return np.bincount(self.event_codes[links], minlength=len(self.values))


@dataclass(frozen=True)
class Selection:
    """The masks one set of filters makes: all of them, and all but each facet's own."""

    index: EventIndex
    masks: dict[str, Mask | None]

    @cached_property
    def mask(self) -> Mask | None:
        return _and(self.masks.values())

    def without(self, dimension: str) -> Mask | None:
        return _and(mask for name, mask in self.masks.items() if name != dimension)


class EventIndex:
    """The published events of one generation of the data, in timeline order."""

    def __init__(
        self,
        *,
        ids: np.ndarray,
        keys: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
        columns: dict[str, Column],
        postings: dict[str, Postings],
        version: str,
    ) -> None:
        self.ids = ids
        self.keys = keys
        self.starts = starts
        self.ends = ends
        self.columns = columns
        self.postings = postings
        self.version = version
        self.built_at = time.monotonic()
        self._ids_order = np.argsort(ids, kind="stable")
        self._sorted_ids = ids[self._ids_order]
        starts_as_dates = starts.astype("datetime64[D]") - np.timedelta64(EPOCH_ORDINAL, "D")
        months = starts_as_dates.astype("datetime64[M]").astype(np.int64)  # since Jan 1970
        self._month_starts = np.flatnonzero(np.diff(months, prepend=-1))
        self._month_numbers = months[self._month_starts]
        self._search_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._search_lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.ids)

    # Filters ----------------------------------------------------------------------------------

    def locate(self, event_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each id, whether it is in the index; and the positions of those that are."""
        hits, found = _find(self._sorted_ids, np.asarray(event_ids, dtype=np.int64))
        return hits, self._ids_order[found]

    def search_mask(self, key: str, matching_ids: Callable[[], np.ndarray]) -> Mask:
        """The positions of a full-text search, asked of the database once per generation and
        remembered for the most recent searches (a common word matches a third of a million
        events; finding them is the slowest part of a request). Kept as bits, an eighth of a
        mask's size: 64 searches over a million events hold 8 MB."""
        with self._search_lock:
            if key in self._search_cache:
                self._search_cache.move_to_end(key)
                return np.unpackbits(self._search_cache[key], count=len(self)).view(bool)
        mask = np.zeros(len(self), dtype=bool)
        mask[self.locate(matching_ids())[1]] = True
        with self._search_lock:
            self._search_cache[key] = np.packbits(mask)
            while len(self._search_cache) > SEARCH_CACHE_SIZE:
                self._search_cache.popitem(last=False)
        return mask

    def select(
        self,
        *,
        search: Mask | None = None,
        members: dict[str, Sequence[str]],
        start: date | None = None,
        end: date | None = None,
    ) -> Selection:
        """Masks for the filters; ``members`` maps a dimension ("types", "actors", ...) to the
        values chosen, any of which qualifies. Dates overlap: an event dated "Q1 2025" is in a
        view of February 2025."""
        masks: dict[str, Mask | None] = {"search": search}
        size = len(self)
        for dimension, selected in members.items():
            if not selected:
                masks[dimension] = None
            elif dimension in self.columns:
                masks[dimension] = self.columns[dimension].mask(selected)
            else:
                masks[dimension] = self.postings[dimension].mask(selected, size)
        dates = None
        if end is not None:
            dates = self.starts <= end.toordinal()
        if start is not None:
            later = self.ends >= start.toordinal()
            dates = later if dates is None else dates & later
        masks["dates"] = dates
        return Selection(self, masks)

    # Answers ----------------------------------------------------------------------------------

    def count(self, mask: Mask | None) -> int:
        return len(self) if mask is None else int(np.count_nonzero(mask))

    def facet_rows(self, dimension: str, mask: Mask | None) -> list[tuple[str, str, int]]:
        """(value, label, events) for every non-empty value of ``dimension`` that some event in
        ``mask`` has."""
        source = self.columns.get(dimension) or self.postings[dimension]
        counts, values, labels = source.counts(mask), source.values, source.labels
        # An empty value ("no country") is not something to filter by.
        return [
            (values[code], labels[code], int(counts[code]))
            for code in np.flatnonzero(counts)
            if values[code]
        ]

    def month_counts(self, mask: Mask | None) -> dict[str, int]:
        """Events per month of their start date ("2025-03": 12)."""
        if not len(self):
            return {}
        # Positions are in date order, so each month is one run of positions: a sum per run.
        if mask is None:
            counts = np.diff(np.append(self._month_starts, len(self)))
        else:
            counts = np.add.reduceat(mask, self._month_starts, dtype=np.int64)
        result = {}
        for month_number, count in zip(self._month_numbers.tolist(), counts.tolist(), strict=True):
            if count:
                year, month = divmod(month_number, 12)
                result[f"{year + 1970:04d}-{month + 1:02d}"] = count
        return result

    def page_ids(
        self, mask: Mask | None, *, after: int | None, newest_first: bool, count: int
    ) -> list[int]:
        """The ids of up to ``count`` events in ``mask`` that follow the sort key ``after``
        (None: from the start), in timeline order or its reverse. The cost does not depend on
        how deep the page is."""
        if newest_first:
            end = len(self) if after is None else int(np.searchsorted(self.keys, after, "left"))
            if mask is None:
                positions = np.arange(end - 1, max(end - count, 0) - 1, -1)
            else:
                positions = _last_set(mask, end, count)[::-1]
        else:
            start = 0 if after is None else int(np.searchsorted(self.keys, after, "right"))
            if mask is None:
                positions = np.arange(start, min(start + count, len(self)))
            else:
                positions = _first_set(mask, start, count)
        return self.ids[positions].tolist()


SEARCH_CACHE_SIZE = 64

# A page needs a handful of matches; scanning the mask in blocks stops at the first block that
# has them instead of listing every match of a broad filter.
_SCAN_BLOCK = 65_536


def _first_set(mask: Mask, start: int, count: int) -> np.ndarray:
    found: list[np.ndarray] = []
    total, position = 0, start
    while position < len(mask) and total < count:
        block = np.flatnonzero(mask[position : position + _SCAN_BLOCK]) + position
        found.append(block[: count - total])
        total += len(found[-1])
        position += _SCAN_BLOCK
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _last_set(mask: Mask, end: int, count: int) -> np.ndarray:
    found: list[np.ndarray] = []
    total, position = 0, end
    while position > 0 and total < count:
        low = max(position - _SCAN_BLOCK, 0)
        block = np.flatnonzero(mask[low:position]) + low
        found.insert(0, block[len(block) - min(len(block), count - total) :])
        total += len(found[0])
        position = low
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


# Loading from the database ---------------------------------------------------------------------


def table_rows(queryset) -> list[tuple]:
    """A queryset's rows as plain tuples, without model instances or field conversions (a
    million rows load in about a second this way)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _pairs(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """Two integer columns from rows of two integers."""
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    array = np.array(rows, dtype=np.int64)
    return array[:, 0], array[:, 1]


def _links(
    index: EventIndex,
    event_ids: np.ndarray,
    value_ids: np.ndarray,
    names: dict[int, tuple[str, str]],
) -> Postings:
    """Postings from (event id, value id) pairs; a value id missing from ``names`` (value,
    label by id) or an event missing from the index drops its pair."""
    known_ids = np.array(sorted(names), dtype=np.int64)
    values = [names[pk][0] for pk in known_ids.tolist()]
    labels = [names[pk][1] for pk in known_ids.tolist()]
    in_index, positions = index.locate(event_ids)
    known, codes = _find(known_ids, value_ids[in_index])
    return Postings(values, labels, positions[known], codes, len(index))


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


def load_index(
    version: str, *, actors: dict[int, tuple[str, str]], tags: dict[int, tuple[str, str]]
) -> EventIndex:
    """Build the index of the published events from the database (five queries). ``actors``
    and ``tags`` map ids to (slug, name), the value and label of their facets."""
    events = (
        Event.objects.published()
        .annotate(
            start_day=DaysBetween(F("date_start"), Value(date(1970, 1, 1))),
            end_day=DaysBetween(F("date_end"), Value(date(1970, 1, 1))),
        )
        .order_by()  # sorted below: cheaper than reading the table in index order
        .values_list("id", "start_day", "end_day", "precision_rank", "event_type", "country")
    )
    rows = table_rows(events)
    columns = list(zip(*rows, strict=True)) if rows else [()] * 6
    ids, starts, ends, ranks = (np.array(column, dtype=np.int64) for column in columns[:4])
    starts += EPOCH_ORDINAL
    ends += EPOCH_ORDINAL
    keys = (starts << _DAY_SHIFT) | (ranks << _RANK_SHIFT) | ids
    order = np.argsort(keys, kind="stable")
    types, countries = (np.array(column, dtype=object)[order] for column in columns[4:])
    index = EventIndex(
        ids=ids[order],
        keys=keys[order],
        starts=starts[order].astype(np.int32),
        ends=ends[order].astype(np.int32),
        columns={
            "types": Column.from_strings(types, dict(Event.Type.choices)),
            "countries": Column.from_strings(countries),
        },
        postings={},
        version=version,
    )
    index.postings["actors"] = _links(
        index, *_pairs(table_rows(EventActor.objects.values_list("event_id", "actor_id"))), actors
    )
    index.postings["tags"] = _links(
        index,
        *_pairs(table_rows(Event.tags.through.objects.values_list("event_id", "tag_id"))),
        tags,
    )
    # Publishers by source: an event counts once per publisher, whatever its citations.
    sources = table_rows(Source.objects.exclude(publisher="").values_list("id", "publisher"))
    publishers = sorted({publisher for _, publisher in sources})
    code_of = {publisher: code for code, publisher in enumerate(publishers)}
    source_ids = np.array([source_id for source_id, _ in sources], dtype=np.int64)
    source_codes = np.array([code_of[publisher] for _, publisher in sources], dtype=np.int64)
    by_source = np.argsort(source_ids)
    source_ids, source_codes = source_ids[by_source], source_codes[by_source]
    event_ids, cited = _pairs(table_rows(Citation.objects.values_list("event_id", "source_id")))
    has_publisher, found = _find(source_ids, cited)
    index.postings["sources"] = _links(
        index,
        event_ids[has_publisher],
        source_codes[found],
        {code: (publisher, publisher) for code, publisher in enumerate(publishers)},
    )
    return index
