"""Calendar helpers: day, week, month, quarter and year ranges, weekdays and holidays."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from timeline.extraction.daterange import (
    DateRange,
    Precision,
    shift_months,
)
from timeline.extraction.dates.resolution import _Context, _Resolved
from timeline.extraction.dates.vocabulary import (
    _HOLIDAYS,
    NUMBER_WORDS,
    UNIT_FACTORS,
    UNITS,
    VAGUE_COUNTS,
)


def _day_range(day: date) -> DateRange:
    return DateRange.day(day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _weekday_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lx = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lx) // 451
    month, day = divmod(h + lx - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday(name: str, year: int) -> date:
    rule = _HOLIDAYS[name]
    if isinstance(rule[0], int):
        return date(year, rule[0], rule[1])
    kind, offset = rule
    if kind == "easter":
        return _easter(year) + timedelta(days=offset)
    if kind == "thanksgiving":
        first = date(year, 11, 1)
        return _weekday_after(first - timedelta(days=1), 3) + timedelta(days=21 + offset)
    if kind == "labor":
        return _weekday_after(date(year, 8, 31), 0)
    last = date(year, 5, 31)  # memorial: the last Monday of May
    return _weekday_on_or_before(last, 0)


def _pick_year(ctx: _Context, build: Callable[[int], DateRange | None]) -> DateRange | None:
    """A date written without a year: the publication year, unless the tense says otherwise.

    In a past-tense sentence a period that would start clearly after the publication date is
    last year's; in a future sentence one that ended before it is next year's.
    """
    dct = ctx.dct
    if dct is None:
        return None
    this_year = build(dct.year)
    if this_year is None:
        return None
    tense = ctx.tense()
    # A present perfect is past for a day ("has been blocked since August 2"), not for a month.
    past = tense == "past" or (
        tense == "perfect" and this_year.precision in {Precision.DAY, Precision.WEEK}
    )
    if past and this_year.start > dct + timedelta(days=7):
        return build(dct.year - 1)
    if tense == "future" and this_year.end < dct:
        return build(dct.year + 1)
    return this_year


def _num_value(text: str) -> float | None:
    """The count in "three", "24", "two and a half", "a couple of" (None when vague)."""
    words = re.sub(r"\s+", " ", text.casefold().replace("-", " ")).strip()
    half = 0.0
    if words.endswith(" and a half"):
        words, half = words[: -len(" and a half")], 0.5
    if words in VAGUE_COUNTS:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) + half
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words] + half
    parts = words.split(" ")
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]] + half
    return None


def _format_count(value: float | None) -> str:
    if value is None:
        return "X"
    return str(int(value)) if value == int(value) else f"{value:g}"


def _unit_key(unit: str) -> str:
    unit = unit.casefold()
    if unit == "centuries":
        return "century"
    if unit.endswith("s") and unit[:-1] in UNITS:
        return unit[:-1]
    return unit


def _duration_value(count: float | None, unit: str) -> str:
    key = _unit_key(unit)
    letter, is_time = UNITS[key]
    factor = UNIT_FACTORS.get(key, 1)
    amount = None if count is None else count * factor
    return f"{'PT' if is_time else 'P'}{_format_count(amount)}{letter}"


def _period(unit: str, day: date, shift: int = 0) -> DateRange:
    """The calendar period (week, month, quarter, year) containing ``day``, moved by ``shift``."""
    if unit == "week":
        return DateRange.week_of(day + timedelta(weeks=shift))
    if unit == "month":
        moved = shift_months(day.replace(day=1), shift)
        return DateRange.month(moved.year, moved.month)
    if unit == "quarter":
        return DateRange.quarter(*_shift_quarter(day.year, _quarter_of(day), shift))
    if unit == "day":
        return DateRange.day(day + timedelta(days=shift))
    return DateRange.year(day.year + shift)


def _weekend(day: date, shift: int = 0) -> DateRange:
    saturday = day - timedelta(days=day.weekday()) + timedelta(days=5, weeks=shift)
    return DateRange(saturday, saturday + timedelta(days=1), Precision.APPROXIMATE)


def _weekend_value(weekend: DateRange) -> str:
    iso_year, iso_week, _ = weekend.start.isocalendar()
    return f"{iso_year}-W{iso_week:02d}-WE"


def _resolved(date_range: DateRange | None, anchored_on: str = "", value: str = "") -> _Resolved:
    if date_range is None:
        return _Resolved(value or "XXXX-XX-XX", None, anchored_on)
    return _Resolved(value or date_range.timex_value, date_range, anchored_on)


def _relative_period(ctx: _Context, unit: str, shift: int) -> _Resolved | None:
    if ctx.dct is None:
        return _Resolved({-1: "PAST_REF", 1: "FUTURE_REF"}.get(shift, "PRESENT_REF"))
    return _resolved(_period(unit, ctx.dct, shift), "dct")


def _present_ref(ctx: _Context) -> _Resolved:
    if ctx.dct is None:
        return _Resolved("PRESENT_REF")
    return _Resolved("PRESENT_REF", DateRange(ctx.dct, ctx.dct, Precision.APPROXIMATE), "dct")
