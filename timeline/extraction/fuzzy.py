"""Dates as people type them: "7 March 2025", "Mar 2025", "Q1 2025", "early March 2025"...

``parse_fuzzy_date`` turns what an editor types into one field into a ``DateRange`` (start, end,
precision). Forms dateparser does not know (quarters, "early/mid/late", "week of", ranges,
"c." prefixes) are handled here; a full day date is handed to dateparser with strict settings.
Anything ambiguous ("03/04/2025") or incomplete ("7 March") is refused with a message that
says what to type instead: a wrong date in a chronology is worse than none.

``parse_date_filter`` accepts the same forms plus the relative ones a reader uses to narrow the
timeline ("since January 2025", "last 90 days", "this year"), resolved against today.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

import dateparser

from timeline.extraction.daterange import (
    MONTHS,
    PART_OF_YEAR_MONTHS,
    DateRange,
    DateRangeError,
    Precision,
    format_date_range,
    month_bounds,
)

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>\d{4})"
_PART = r"(?P<part>early|mid|middle|late|end of|beginning of|start of)[\s-]*"
_ORDINAL_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
_ORDINAL_WORDS["4th"] = 4

_PATTERNS = {
    "iso_day": re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    "iso_month": re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})"),
    "iso_week": re.compile(r"(?P<year>\d{4})-?w(?P<week>\d{1,2})"),
    "numeric_day": re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})"),
    "month_year": re.compile(_MONTH + r",?\s+" + _YEAR),
    "year": re.compile(_YEAR),
    "quarter": re.compile(
        r"(?:q(?P<q1>[1-4])\s*[-/]?\s*" + _YEAR + r"|" + r"(?P<y2>\d{4})\s*[-/]?\s*q(?P<q2>[1-4])"
        r"|(?P<q3>[1-4])q\s*(?P<y3>\d{4})"
        r"|(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
        r"(?:\s+of)?,?\s+(?P<y4>\d{4}))"
    ),
    "half": re.compile(
        r"(?:h(?P<h1>[12])\s*" + _YEAR + r"|(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half"
        r"(?:\s+of)?,?\s+(?P<y2>\d{4}))"
    ),
    "part_month": re.compile(_PART + _MONTH + r",?\s+" + _YEAR),
    "part_year": re.compile(_PART + _YEAR),
    "week_of": re.compile(r"(?:the\s+)?week\s+(?:of|beginning|starting|commencing)\s+(?P<rest>.+)"),
    "decade": re.compile(r"(?:the\s+)?(?P<decade>\d{3}0)s"),
}
_PATTERNS = {
    name: re.compile(pattern.pattern, re.IGNORECASE) for name, pattern in _PATTERNS.items()
}
_RANGE_SPLIT = re.compile(r"\s*(?:–|—|\s-\s|\bto\b|\buntil\b|\bthrough\b|\bthru\b|/)\s*")
_PARTIAL_WEEK = re.compile(
    r"(?:the\s+)?week\s+of\s+(?P<first>.+?),?\s+(?:to|until|through|–|-)\s+(?P<last>.+)",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)", re.IGNORECASE)
_APPROX_PREFIX = re.compile(
    r"(?:c\.|ca\.|circa|about|around|approximately|approx\.)\s*", re.IGNORECASE
)
_DAY_MONTH_LIST = re.compile(
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:–|-|to)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+"
    + _MONTH
    + r",?\s+"
    + _YEAR,
    re.IGNORECASE,
)
_MONTH_DAY_LIST = re.compile(
    _MONTH + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:–|-|to)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    r",?\s+" + _YEAR,
    re.IGNORECASE,
)
_HAS_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)")
_PART_RANGES = PART_OF_YEAR_MONTHS

EXAMPLES = (
    '"7 March 2025", "Mar 2025", "Q1 2025", "2025", "early March 2025", "week of 27 Jan 2025"'
)


class FuzzyDateError(ValueError):
    """Input that cannot be read as a date without guessing; the message says why."""


class DateOutOfRangeError(FuzzyDateError):
    """A date, or a period counted back from today, that leaves the years 1 to 9999.

    Python's ``date`` (and the databases' date columns as Django maps them) hold only these
    years; "last 99999 years" or "week of 27 Dec 9999" would overflow the arithmetic.
    """

    def __init__(self, text: str) -> None:
        super().__init__(f"“{text}” is outside the years 1 to 9999.")


# Year 0 matches the four-digit patterns but has no calendar day; a five-digit number in a date
# is a year past 9999.
_YEAR_OUT_OF_RANGE = re.compile(r"(?<!\d)(?:0000|[1-9]\d{4})(?!\d)")


def parse_fuzzy_date(text: str) -> DateRange:
    """Read a date an editor typed into a range with its precision, or raise FuzzyDateError.

    A date outside the years 1 to 9999 raises DateOutOfRangeError (a FuzzyDateError).
    """
    cleaned = _clean(text)
    if not cleaned:
        raise FuzzyDateError(f"Enter a date, for example {EXAMPLES}.")
    if _YEAR_OUT_OF_RANGE.search(cleaned):
        raise DateOutOfRangeError(cleaned)
    try:
        return _parse_cleaned(cleaned)
    except OverflowError:
        # A week or range that runs past 31 Dec 9999 ("week of 27 Dec 9999").
        raise DateOutOfRangeError(cleaned) from None


def _parse_cleaned(cleaned: str) -> DateRange:
    approximate = False
    prefix = _APPROX_PREFIX.match(cleaned)
    if prefix:
        approximate, cleaned = True, cleaned[prefix.end() :]
    result = _parse_partial_week(cleaned) or _parse_range(cleaned) or _parse_single(cleaned)
    if approximate and result.precision is not Precision.APPROXIMATE:
        result = DateRange(result.start, result.end, Precision.APPROXIMATE)
    return result


def parse_date_filter(text: str, *, today: date) -> DateRange:
    """Read a date-filter field: any fuzzy date, or a period relative to ``today``.

    "since January 2025" runs from January 2025 to today, "last 90 days" is the 90 days ending
    today, "this year", "last month", "yesterday" are the calendar periods.
    """
    cleaned = _clean(text)
    relative = _parse_relative(cleaned, today)
    if relative is not None:
        return relative
    since = re.fullmatch(r"(?:since|from|after)\s+(?P<rest>.+)", cleaned, re.IGNORECASE)
    if since:
        start = parse_fuzzy_date(since["rest"]).start
        return DateRange(start, max(start, today), Precision.APPROXIMATE)
    before = re.fullmatch(r"(?:before|until|up to|through)\s+(?P<rest>.+)", cleaned, re.IGNORECASE)
    if before:
        end = parse_fuzzy_date(before["rest"]).end
        return DateRange(date(1, 1, 1), end, Precision.APPROXIMATE)
    return parse_fuzzy_date(cleaned)


def _clean(text: str) -> str:
    text = text.replace("\u2013", "–").replace("\u2014", "—").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text.strip()).strip(" ,;")


_RELATIVE_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
_RELATIVE_UNITS |= {"year": 365, "years": 365}
_NAMED_PERIODS: dict[str, Callable[[date], DateRange]] = {
    "today": DateRange.day,
    "yesterday": lambda today: DateRange.day(today - timedelta(days=1)),
    "this week": DateRange.week_of,
    "last week": lambda today: DateRange.week_of(today - timedelta(days=7)),
    "this month": lambda today: DateRange.month(today.year, today.month),
    "last month": lambda today: DateRange.month(*_month_before(today)),
    "this year": lambda today: DateRange.year(today.year),
    "last year": lambda today: DateRange.year(today.year - 1),
}


def _parse_relative(cleaned: str, today: date) -> DateRange | None:
    match = re.fullmatch(
        r"(?:the\s+)?(?:last|past|previous)\s+(?P<n>\d+)\s+(?P<unit>\w+)", cleaned, re.IGNORECASE
    )
    if match and match["unit"].casefold() in _RELATIVE_UNITS:
        # Compared as day numbers: a count too large for timedelta must not overflow first.
        days = int(match["n"]) * _RELATIVE_UNITS[match["unit"].casefold()]
        if days < 1:
            raise FuzzyDateError("A period needs at least one day.")
        if days > today.toordinal():
            raise DateOutOfRangeError(cleaned)
        return DateRange(today - timedelta(days=days - 1), today, Precision.APPROXIMATE)
    period = _NAMED_PERIODS.get(cleaned.casefold())
    if period is None:
        return None
    try:
        return period(today)
    except (OverflowError, ValueError):
        # "yesterday" on 1 Jan 0001, "this week" in the last days of 9999.
        raise DateOutOfRangeError(cleaned) from None


def _month_before(day: date) -> tuple[int, int]:
    return (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)


def _parse_range(cleaned: str) -> DateRange | None:
    """Two dates joined by a dash, "to" or "between ... and ...": an approximate range."""
    for pattern in (_DAY_MONTH_LIST, _MONTH_DAY_LIST):
        match = pattern.fullmatch(cleaned)
        if match:
            year, month = int(match["year"]), MONTHS[match["month"].casefold()]
            first, last = (_make_date(year, month, int(match[g])) for g in ("d1", "d2"))
            return _span(DateRange.day(first), DateRange.day(last), cleaned)
    between = _BETWEEN.fullmatch(cleaned)
    parts = [between["a"], between["b"]] if between else _RANGE_SPLIT.split(cleaned)
    if len(parts) != 2 or not all(parts) or _PATTERNS["iso_day"].fullmatch(cleaned):
        return None
    first_text, last_text = parts
    # "late Feb – mid Mar 2025": the year written once, on the last part.
    if not re.search(r"\d{4}", first_text):
        year = re.search(r"\d{4}", last_text)
        if year:
            first_text = f"{first_text} {year.group()}"
    first, last = _parse_single(first_text), _parse_single(last_text)
    return _span(first, last, cleaned)


def _parse_partial_week(cleaned: str) -> DateRange | None:
    """ "week of 27 Jan 2025 to 29 Jan 2025": a week known only up to a day (a report's "this
    week" ends on its publication day)."""
    match = _PARTIAL_WEEK.fullmatch(cleaned)
    if not match:
        return None
    first = _parse_day(match["first"])
    # The Monday alone, not the whole week: the last week of 9999 ends in a year no date holds.
    monday = first - timedelta(days=first.weekday())
    last = _parse_day(match["last"])
    if not 0 <= (last - monday).days <= 6:
        raise FuzzyDateError(f"“{match['last']}” is not in the week of “{match['first']}”.")
    return DateRange(monday, last, Precision.WEEK)


def _span(first: DateRange, last: DateRange, cleaned: str) -> DateRange:
    if last.end < first.start:
        raise FuzzyDateError(f"“{cleaned}” ends before it starts.")
    return DateRange(first.start, last.end, Precision.APPROXIMATE)


def _parse_single(cleaned: str) -> DateRange:
    p = _PATTERNS
    cleaned = cleaned.strip()
    if match := p["iso_day"].fullmatch(cleaned):
        return DateRange.day(_make_date(int(match["year"]), int(match["month"]), int(match["day"])))
    if match := p["iso_week"].fullmatch(cleaned):
        return _iso_week(int(match["year"]), int(match["week"]))
    if match := p["iso_month"].fullmatch(cleaned):
        return _month(int(match["year"]), int(match["month"]))
    if match := p["numeric_day"].fullmatch(cleaned):
        return DateRange.day(_numeric_day(int(match["a"]), int(match["b"]), int(match["year"])))
    if match := p["quarter"].fullmatch(cleaned):
        quarter = (
            match["q1"]
            or match["q2"]
            or match["q3"]
            or _ORDINAL_WORDS.get((match["ord"] or "").casefold())
        )
        year = match["year"] or match["y2"] or match["y3"] or match["y4"]
        return DateRange.quarter(int(year), int(quarter))
    if match := p["half"].fullmatch(cleaned):
        half = int(match["h1"] or _ORDINAL_WORDS[match["ord"].casefold()])
        year = int(match["year"] or match["y2"])
        first = DateRange.quarter(year, 2 * half - 1)
        return DateRange(first.start, DateRange.quarter(year, 2 * half).end, Precision.APPROXIMATE)
    if match := p["part_month"].fullmatch(cleaned):
        return DateRange.part_of_month(
            int(match["year"]), MONTHS[match["month"].casefold()], _part_name(match["part"])
        )
    if match := p["part_year"].fullmatch(cleaned):
        first_month, last_month = _PART_RANGES[_part_name(match["part"])]
        year = int(match["year"])
        return DateRange(
            date(year, first_month, 1), month_bounds(year, last_month)[1], Precision.APPROXIMATE
        )
    if match := p["week_of"].fullmatch(cleaned):
        return DateRange.week_of(_parse_day(match["rest"]))
    if match := p["month_year"].fullmatch(cleaned):
        return _month(int(match["year"]), MONTHS[match["month"].casefold()])
    if match := p["year"].fullmatch(cleaned):
        return DateRange.year(int(match["year"]))
    if match := p["decade"].fullmatch(cleaned):
        decade = int(match["decade"])
        return DateRange(date(decade, 1, 1), date(decade + 9, 12, 31), Precision.APPROXIMATE)
    return DateRange.day(_parse_day(cleaned))


def _part_name(part: str) -> str:
    part = part.strip().casefold()
    if part in {"middle"}:
        return "mid"
    if part in {"beginning of", "start of"}:
        return "early"
    if part == "end of":
        return "late"
    return part


def _make_date(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise FuzzyDateError(f"There is no month {month}; months run from 1 to 12.")
    try:
        return date(year, month, day)
    except ValueError:
        last = calendar.monthrange(year, month)[1]
        raise FuzzyDateError(
            f"{calendar.month_name[month]} {year} has no day {day}; it runs from 1 to {last}."
        ) from None


def _month(year: int, month: int) -> DateRange:
    if not 1 <= month <= 12:
        raise FuzzyDateError(f"There is no month {month}; months run from 1 to 12.")
    return DateRange.month(year, month)


def _iso_week(year: int, week: int) -> DateRange:
    try:
        return DateRange.week_of(date.fromisocalendar(year, week, 1))
    except ValueError:
        raise FuzzyDateError(f"{year} has no week {week}.") from None


def _numeric_day(first: int, second: int, year: int) -> date:
    """03/04/2025 is 3 April in Europe and 4 March in the US: refuse rather than guess."""
    if first <= 12 and second <= 12 and first != second:
        raise FuzzyDateError(
            f"“{first:02d}/{second:02d}/{year}” could be day-first or month-first; write the "
            "month as a word (e.g. 3 April 2025) or use YYYY-MM-DD."
        )
    day, month = (first, second) if first > 12 else (second, first)
    return _make_date(year, month, day)


def _parse_day(text: str) -> date:
    """A full calendar day written with a month name, via dateparser in strict mode."""
    text = text.strip()
    has_month = any(re.search(rf"\b{name}\b", text, re.IGNORECASE) for name in MONTHS)
    has_year = re.search(r"\b\d{4}\b", text) is not None
    if has_month and not has_year:
        raise FuzzyDateError(f"“{text}” has no year; add one, e.g. “{text} 2025”.")
    if not (has_month and _HAS_DAY_NUMBER.search(re.sub(r"\b\d{4}\b", "", text))):
        raise FuzzyDateError(f"“{text}” is not a date I can read. Try {EXAMPLES}.")
    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DATES_FROM": "past",
                "RELATIVE_BASE": datetime(2000, 1, 1),
            },
        )
    except (ValueError, OverflowError, DateRangeError):
        parsed = None
    if parsed is None:
        raise FuzzyDateError(f"“{text}” is not a date I can read. Try {EXAMPLES}.")
    return parsed.date()


def format_for_editing(date_range: DateRange) -> str:
    """Text for a date field that reads back as exactly the same range.

    The display form ("Q1 2025", "c. late Feb – mid Mar 2025") when it parses back unchanged,
    otherwise ISO dates ("c. 2025-02-18 to 2025-03-18"), so saving an untouched form never
    shifts a date.
    """
    shown = str(date_range)
    if date_range.precision is Precision.WEEK and (date_range.end - date_range.start).days != 6:
        shown = f"{shown} to {format_date_range(date_range.end, date_range.end, Precision.DAY)}"
    try:
        if parse_fuzzy_date(shown) == date_range:
            return shown
    except FuzzyDateError:
        pass
    return f"c. {date_range.start.isoformat()} to {date_range.end.isoformat()}"
