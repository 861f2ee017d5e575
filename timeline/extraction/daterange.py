"""Date ranges with a precision: the shape every event date takes.

An event date is an inclusive range plus how precisely the sources know it. This module holds the
calendar arithmetic (months, ISO weeks, quarters, parts of a month) and the way a range is shown to
people, so the extractor, the editors' fuzzy date field and the templates all agree.
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_ABBR = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
# Month names and the abbreviations news copy uses, to month numbers.
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip
# "early/mid/late <year>": the months each third of a year covers.
PART_OF_YEAR_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
# Meteorological seasons of the northern hemisphere (first month, month count) and their TIMEX3
# codes; winter starts in December of the year it is named after.
SEASONS = {"spring": (3, "SP"), "summer": (6, "SU"), "autumn": (9, "FA"), "fall": (9, "FA")}
SEASONS["winter"] = (12, "WI")


class Precision(enum.StrEnum):
    """How precisely a date is known, finest first (the timeline's secondary sort order)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    APPROXIMATE = "approximate"

    @property
    def rank(self) -> int:
        """Sort key: finer precisions come first among events that start on the same day."""
        return list(Precision).index(self)


class DateRangeError(ValueError):
    """A range that cannot exist (end before start, a day with two dates)."""


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of days with its precision."""

    start: date
    end: date
    precision: Precision

    def __post_init__(self) -> None:
        # Model fields hold the precision as a plain string; compare enums everywhere.
        object.__setattr__(self, "precision", Precision(self.precision))
        if self.end < self.start:
            raise DateRangeError(
                f"The end date {self.end.isoformat()} is before the start date "
                f"{self.start.isoformat()}."
            )
        if self.precision is Precision.DAY and self.start != self.end:
            raise DateRangeError("A date with day precision must start and end on the same day.")

    @classmethod
    def day(cls, day: date) -> DateRange:
        return cls(day, day, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> DateRange:
        return cls(*month_bounds(year, month), Precision.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> DateRange:
        if not 1 <= quarter <= 4:
            raise DateRangeError(f"There is no quarter {quarter}; quarters run from 1 to 4.")
        first_month = 3 * (quarter - 1) + 1
        return cls(
            date(year, first_month, 1), month_bounds(year, first_month + 2)[1], Precision.QUARTER
        )

    @classmethod
    def year(cls, year: int) -> DateRange:
        return cls(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)

    @classmethod
    def week_of(cls, day: date) -> DateRange:
        """The ISO week (Monday to Sunday) that contains ``day``."""
        monday = day - timedelta(days=day.weekday())
        return cls(monday, monday + timedelta(days=6), Precision.WEEK)

    @classmethod
    def part_of_month(cls, year: int, month: int, part: str) -> DateRange:
        """'early' (1-10), 'mid' (11-20) or 'late' (21-end) of a month, an approximate range."""
        first, last = month_bounds(year, month)
        bounds = {
            "early": (first, first.replace(day=10)),
            "mid": (first.replace(day=11), first.replace(day=20)),
            "late": (first.replace(day=21), last),
        }
        if part not in bounds:
            raise DateRangeError(f"Unknown part of a month: {part!r}.")
        return cls(*bounds[part], Precision.APPROXIMATE)

    @classmethod
    def part_of_year(cls, year: int, part: str) -> DateRange:
        """'early' (Jan-Apr), 'mid' (May-Aug) or 'late' (Sep-Dec) of a year, approximate."""
        if part not in PART_OF_YEAR_MONTHS:
            raise DateRangeError(f"Unknown part of a year: {part!r}.")
        first_month, last_month = PART_OF_YEAR_MONTHS[part]
        return cls(
            date(year, first_month, 1), month_bounds(year, last_month)[1], Precision.APPROXIMATE
        )

    @classmethod
    def half(cls, year: int, half: int) -> DateRange:
        """The first or second half of a year (January-June, July-December), approximate."""
        if half not in (1, 2):
            raise DateRangeError(f"There is no half {half}; a year has two.")
        first, last = (1, 6) if half == 1 else (7, 12)
        return cls(date(year, first, 1), month_bounds(year, last)[1], Precision.APPROXIMATE)

    @classmethod
    def season(cls, year: int, season: str) -> DateRange:
        """A meteorological season of ``year`` (winter runs into the next year), approximate."""
        if season not in SEASONS:
            raise DateRangeError(f"Unknown season: {season!r}.")
        first_month = SEASONS[season][0]
        start = date(year, first_month, 1)
        end = shift_months(start, 3) - timedelta(days=1)
        return cls(start, end, Precision.APPROXIMATE)

    @classmethod
    def years(cls, first: int, last: int) -> DateRange:
        """Whole years from ``first`` to ``last`` (a decade, "2018 to 2020"), approximate."""
        return cls(date(first, 1, 1), date(last, 12, 31), Precision.APPROXIMATE)

    def clipped_to(self, latest: date) -> DateRange:
        """The same range with its end moved back to ``latest`` when it runs past it."""
        if self.end <= latest or self.start > latest:
            return self
        return DateRange(self.start, latest, self.precision)

    @property
    def timex_value(self) -> str:
        """The TIMEX3 value of the range where one exists ("2025-01-29", "2025-W05", ...)."""
        return timex_value(self.start, self.end, self.precision)

    def __str__(self) -> str:
        return format_date_range(self.start, self.end, self.precision)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def shift_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def timex_value(start: date, end: date, precision: Precision | str) -> str:
    """The TIMEX3 value for a range of the given precision ("XXXX" parts are never produced)."""
    precision = Precision(precision)
    if precision is Precision.DAY:
        return start.isoformat()
    if precision is Precision.WEEK:
        iso_year, iso_week, _ = start.isocalendar()
        return f"{iso_year}-W{iso_week:02d}"
    if precision is Precision.MONTH:
        return f"{start.year}-{start.month:02d}"
    if precision is Precision.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if precision is Precision.YEAR:
        return str(start.year)
    return f"{start.isoformat()}/{end.isoformat()}"


def _part_of_month(day: date) -> str:
    if day.day <= 10:
        return "early"
    if day.day <= 20:
        return "mid"
    return "late"


def format_date_range(start: date, end: date, precision: Precision | str) -> str:
    """Show a date the way an editor writes it, by precision.

    "29 Jan 2025", "week of 27 Jan 2025", "Jan 2025", "Q1 2025", "2025", and for approximate
    ranges "c. late Feb – mid Mar 2025" (the year shown once when both ends share it).
    """
    precision = Precision(precision)
    if precision is Precision.DAY:
        return f"{start.day} {MONTH_ABBR[start.month]} {start.year}"
    if precision is Precision.WEEK:
        return f"week of {start.day} {MONTH_ABBR[start.month]} {start.year}"
    if precision is Precision.MONTH:
        return f"{MONTH_ABBR[start.month]} {start.year}"
    if precision is Precision.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if precision is Precision.YEAR:
        return str(start.year)
    if start.day == 1 and end == month_bounds(end.year, end.month)[1]:
        # Whole months: "c. Sep – Dec 2025", "c. 2025".
        if (start.month, end.month, start.year) == (1, 12, end.year):
            return f"c. {start.year}"
        first, last = MONTH_ABBR[start.month], MONTH_ABBR[end.month]
        if start.year != end.year:
            return f"c. {first} {start.year} – {last} {end.year}"
        return f"c. {first} – {last} {start.year}" if first != last else f"c. {first} {start.year}"
    if (end - start).days < 10:
        # A short range is shown to the day: "c. 3–7 Mar 2025", "c. 28 Feb – 3 Mar 2025".
        if (start.year, start.month) == (end.year, end.month):
            return f"c. {start.day}–{end.day} {MONTH_ABBR[end.month]} {end.year}"
        if start.year == end.year:
            first = f"{start.day} {MONTH_ABBR[start.month]}"
            return f"c. {first} – {end.day} {MONTH_ABBR[end.month]} {end.year}"
        return (
            f"c. {start.day} {MONTH_ABBR[start.month]} {start.year} – "
            f"{end.day} {MONTH_ABBR[end.month]} {end.year}"
        )
    first = f"{_part_of_month(start)} {MONTH_ABBR[start.month]}"
    last = f"{_part_of_month(end)} {MONTH_ABBR[end.month]}"
    if start.year != end.year:
        return f"c. {first} {start.year} – {last} {end.year}"
    if first == last:
        return f"c. {first} {start.year}"
    return f"c. {first} – {last} {start.year}"
