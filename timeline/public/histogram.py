"""The events-per-period histogram above the timeline, as plain data for an SVG template.

Counts come in per month ("2025-03": 12); the bars go out with their geometry already computed,
so the template only writes SVG attributes (the CSP forbids inline styles). A span longer than
``MAX_MONTH_BARS`` months is shown per year instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from timeline.extraction.daterange import MONTH_ABBR
from timeline.public.printable import Printable

MAX_MONTH_BARS = 48
WIDTH = 800
PLOT_HEIGHT = 120
HEIGHT = PLOT_HEIGHT + 22
# Headroom above the tallest bar keeps its outline inside the drawing.
TALLEST_BAR = PLOT_HEIGHT - 6
# A few periods are drawn as bars of this width at most, from the left, not as wide blocks.
WIDEST_SLOT = 56


@dataclass(frozen=True)
class Bar(Printable):
    """One period: its label, the filter value that narrows to it, and where it is drawn."""

    label: str
    period: str
    count: int
    x: float
    y: float
    width: float
    height: float
    tick: str = ""
    minor: bool = False
    """A tick that a narrow screen leaves out so the others stay legible."""

    @property
    def tick_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Histogram(Printable):
    """Bars for every period from the first event to the last, empty periods included."""

    unit: str
    bars: tuple[Bar, ...]
    total: int
    width: int = WIDTH
    height: int = HEIGHT
    plot_height: int = PLOT_HEIGHT

    @property
    def tick_y(self) -> int:
        return self.height - 6

    @property
    def peak(self) -> Bar | None:
        return max(self.bars, key=lambda bar: bar.count, default=None)

    @property
    def description(self) -> str:
        """A sentence that says what the picture shows, for screen readers."""
        if not self.bars:
            return "No events to chart."
        first, last, peak = self.bars[0], self.bars[-1], self.peak
        events = "event" if self.total == 1 else "events"
        span = first.label if first is last else f"{first.label} to {last.label}"
        return (
            f"{self.total:,} {events} per {self.unit}, {span}; the busiest {self.unit} is "
            f"{peak.label} with {peak.count:,}."
        )


def build_histogram(
    months: Mapping[str, int], *, clip_start: date | None = None, clip_end: date | None = None
) -> Histogram:
    """Bars for counts keyed by "YYYY-MM".

    Events that start before ``clip_start`` (they overlap the requested period) are counted in
    its first month, and those after ``clip_end`` in its last, so no bar lies outside the
    period a reader asked for.
    """
    counts: dict[tuple[int, int], int] = {}
    lowest = (clip_start.year, clip_start.month) if clip_start else None
    highest = (clip_end.year, clip_end.month) if clip_end else None
    for key, count in months.items():
        if not count:
            continue
        month = (int(key[:4]), int(key[5:7]))
        if lowest and month < lowest:
            month = lowest
        if highest and month > highest:
            month = highest
        counts[month] = counts.get(month, 0) + count
    if not counts:
        return Histogram(unit="month", bars=(), total=0)
    first, last = min(counts), max(counts)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > MAX_MONTH_BARS:
        return _year_bars(counts, first[0], last[0])
    return _month_bars(counts, first, span)


def _month_bars(counts: dict[tuple[int, int], int], first: tuple[int, int], span: int) -> Histogram:
    periods = []
    year, month = first
    for _ in range(span):
        count = counts.get((year, month), 0)
        # Up to a year: every month named, the year where it starts; longer: only the years.
        new_year = month == 1 or not periods
        if span <= 12:
            tick = f"{MONTH_ABBR[month]} {year}" if new_year else MONTH_ABBR[month]
        else:
            tick = str(year) if new_year else ""
        periods.append((f"{MONTH_ABBR[month]} {year}", f"{year}-{month:02d}", count, tick))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return _layout("month", periods)


def _year_bars(counts: dict[tuple[int, int], int], first: int, last: int) -> Histogram:
    per_year: dict[int, int] = {}
    for (year, _), count in counts.items():
        per_year[year] = per_year.get(year, 0) + count
    years = range(first, last + 1)
    step = 1 if len(years) <= 20 else 5
    periods = [
        (
            str(year),
            str(year),
            per_year.get(year, 0),
            str(year) if (year - first) % step == 0 else "",
        )
        for year in years
    ]
    return _layout("year", periods)


def _layout(unit: str, periods: list[tuple[str, str, int, str]]) -> Histogram:
    peak = max(count for _, _, count, _ in periods)
    slot = min(WIDTH / len(periods), WIDEST_SLOT)
    gap = 1.0 if slot >= 4 else 0.0
    bars = []
    for index, (label, period, count, tick) in enumerate(periods):
        # Any non-empty period stays visible, however small next to the busiest one.
        height = max(round(TALLEST_BAR * count / peak, 1), 2.0) if count else 0.0
        bars.append(
            Bar(
                label=label,
                period=period,
                count=count,
                x=round(index * slot + gap / 2, 2),
                y=round(PLOT_HEIGHT - height, 2),
                width=round(slot - gap, 2),
                height=height,
                tick=tick,
                minor=_is_minor(unit, tick, len(periods)),
            )
        )
    return Histogram(unit=unit, bars=tuple(bars), total=sum(count for _, _, count, _ in periods))


def _is_minor(unit: str, tick: str, bars: int) -> bool:
    """Month ticks without their year, and on a long run of years all but every fifth year."""
    if unit == "month":
        return bool(tick) and not tick[-4:].isdigit()
    return bars > 8 and bool(tick) and int(tick) % 5 != 0
