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
    first = f"{_part_of_month(start)} {MONTH_ABBR[start.month]}"
    last = f"{_part_of_month(end)} {MONTH_ABBR[end.month]}"
    if start.year != end.year:
        return f"c. {first} {start.year} – {last} {end.year}"
    if first == last:
        return f"c. {first} {start.year}"
    return f"c. {first} – {last} {start.year}"
