"""Putting it together: run the rules around their trigger words, settle overlaps, resolve in
text order and join neighbours into ranges."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from timeline.extraction.daterange import (
    MONTHS,
    SEASONS,
    DateRange,
    DateRangeError,
    Precision,
)
from timeline.extraction.dates.absolute import (
    LOWERCASE_MONTHS,
    _bare_month,
    _bare_year,
    _between_days,
    _century,
    _day_day_month,
    _day_month,
    _decade,
    _half,
    _holiday_rule,
    _iso_date,
    _month_day,
    _month_day_day,
    _month_year,
    _numeric_date,
    _part_of_year,
    _quarter,
    _season,
    _short_year,
    _year_range,
)
from timeline.extraction.dates.clock import _clock_time, _noon
from timeline.extraction.dates.durations import _duration, _set, _vague_duration
from timeline.extraction.dates.references import (
    _ago,
    _recent_periods,
    _reference,
    _same_period,
    _same_period_last_year,
    _the_day,
    _unit_before,
)
from timeline.extraction.dates.registry import _RULES
from timeline.extraction.dates.relative import (
    _day_of_month,
    _earlier_later,
    _part_of_period,
    _period_rule,
    _relative_day,
    _the_weekend,
    _week_of_day,
    _week_of_month,
    _weekday,
    _year_end,
)
from timeline.extraction.dates.resolution import _Candidate, _Context, _Resolved
from timeline.extraction.dates.timex import Timex
from timeline.extraction.dates.vocabulary import UNITS, WEEKDAYS

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*$", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:\bfrom|\bbetween)\s+$", re.IGNORECASE)
# "12:00 UTC Monday", "Monday at 9 am", "Mar 18, 2025 09:16 PM"; with a comma between them
# ("at 16:15 UTC, June 1st") a time and a date are two expressions.
_TIME_DATE_GAP = re.compile(r"[^\S\n]*(?:(?:at|on)[^\S\n]+)?", re.IGNORECASE)


def find_timexes(text: str, dct: date | None) -> list[Timex]:
    """Every time expression in ``text``, sorted by start offset, resolved against ``dct``.

    Without a ``dct``, relative expressions keep an underspecified value ("XXXX-WXX-2") and no
    range; absolute ones ("29 January 2025") still resolve. Never raises on any string.
    """
    if not text:
        return []
    candidates = _select(_candidates(text))
    ctx = _Context(text, dct)
    found: list[tuple[_Candidate, _Resolved]] = []
    for candidate in candidates:
        ctx.start, ctx.end = candidate.start, candidate.end
        try:
            resolved = candidate.resolve(ctx)
        except (ValueError, OverflowError, DateRangeError):
            resolved = None  # a date outside the calendar (year 0, day 32): not a date
        if resolved is None:
            continue
        found.append((candidate, resolved))
        if candidate.type == "DATE" and resolved.range is not None:
            if resolved.range.precision is Precision.DAY:
                ctx.last_day = resolved.range.start
            if resolved.range.precision is not Precision.APPROXIMATE or candidate.kind == "range":
                ctx.last_range = resolved.range
            if resolved.range.precision is Precision.YEAR:
                ctx.last_year = (resolved.range.start.year, candidate.end)
    return [_to_timex(text, c, r) for c, r in _join(text, found)]


# "the previous week", "the week before", "the previous day", "the day before": one period
# before the narrative's reference time, whatever date the text happened to state last.
_PERIOD_BEFORE = re.compile(
    r"the\s+(?:(?:previous|prior|preceding)\s+(?:day|week)|(?:day|week)\s+before)",
    re.IGNORECASE,
)


def reanchored(timex: Timex, reference: date, anchored_on: str = "text") -> Timex:
    """``timex`` resolved again against ``reference`` when it is a period counted back from
    the text's last stated date ("the previous week"); else ``timex`` itself.

    ``find_timexes`` counts such a period from the last date the text stated, the right
    reading in a narrative ("On March 3 ... The previous day, ..."). A caller that knows the
    reference time the expression hangs on (the day of its own sentence, or the publication
    date when the sentence states none) gives it here, and says which it is in
    ``anchored_on``. "Last week" counts from the publication date already and is left alone.
    """
    if timex.anchored_on != "text" or not _PERIOD_BEFORE.fullmatch(timex.text):
        return timex
    again = find_timexes(timex.text, reference)
    if len(again) != 1 or again[0].end != len(timex.text) or again[0].date_start is None:
        return timex
    return replace(again[0], start=timex.start, end=timex.end, anchored_on=anchored_on)


# The words every match of a rule contains ("#" stands for any number; a capital first letter,
# "^may", for a word that must be capitalised): each rule scans only the text around its words,
# so a long text without dates costs little more than one pass of _TOKEN.
_MONTH_WORDS = frozenset(f"^{name}" for name in MONTHS)
_UNIT_WORDS = frozenset(
    f"{unit}{plural}" for unit in (*UNITS, "centurie", "min") for plural in ("", "s")
)
_PERIOD_WORDS = frozenset({"day", "week", "weekend", "month", "quarter", "year", "decade"})
_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
_RULE_TRIGGERS: dict[Callable[..., Any], frozenset[str]] = {
    _month_day: _MONTH_WORDS | LOWERCASE_MONTHS,
    _day_month: _MONTH_WORDS | LOWERCASE_MONTHS,
    _month_day_day: _MONTH_WORDS | LOWERCASE_MONTHS,
    _day_day_month: _MONTH_WORDS | LOWERCASE_MONTHS,
    _between_days: _MONTH_WORDS | LOWERCASE_MONTHS,
    _month_year: _MONTH_WORDS | LOWERCASE_MONTHS,
    _bare_month: _MONTH_WORDS,
    _week_of_month: _MONTH_WORDS,
    _week_of_day: _MONTH_WORDS,
    _day_of_month: frozenset({"st", "nd", "rd", "th"}),
    _iso_date: frozenset("#"),
    _numeric_date: frozenset("#"),
    _bare_year: frozenset("#"),
    _part_of_year: frozenset(
        {"early", "mid", "middle", "late", "end", "beginning", "start", "turn", "close"}
    ),
    _year_range: frozenset("#"),
    _short_year: frozenset("#"),
    _decade: frozenset("s"),
    _century: frozenset({"century"}),
    _clock_time: frozenset("#"),
    _quarter: frozenset({"quarter", "q"}),
    _half: frozenset({"half", "h"}),
    _season: frozenset(SEASONS),
    _holiday_rule: frozenset(
        {"^christmas", "^boxing", "^new", "^valentine", "^halloween", "^thanksgiving", "^black"}
        | {"^cyber", "^labor", "^memorial", "^good", "^easter"}
    ),
    _relative_day: frozenset({"today", "tonight", "yesterday", "tomorrow", "day"}) | _PARTS_OF_DAY,
    _period_rule: _PERIOD_WORDS | _PARTS_OF_DAY,
    _the_weekend: frozenset({"weekend"}),
    _year_end: frozenset({"year"}),
    _earlier_later: _PERIOD_WORDS,
    _part_of_period: _PERIOD_WORDS,
    _weekday: frozenset(f"^{day}" for day in WEEKDAYS) | frozenset(f"^{day}s" for day in WEEKDAYS),
    _same_period: _PERIOD_WORDS | {"session", "time"},
    _same_period_last_year: frozenset({"year"}),
    _unit_before: _PERIOD_WORDS,
    _the_day: frozenset({"day"}),
    _ago: _UNIT_WORDS,
    _reference: frozenset(
        {"now", "currently", "presently", "nowadays", "present", "moment", "time", "days"}
        | {"recently", "lately", "recent", "past", "history", "times", "future", "later"}
        | {"soon", "shortly", "term", "run"}
    ),
    _recent_periods: frozenset({"days", "weeks", "months", "years", "decades"}),
    _noon: frozenset({"noon", "midday", "midnight"}),
    _duration: _UNIT_WORDS,
    _vague_duration: _UNIT_WORDS,
    _set: frozenset(
        {"every", "each", "daily", "nightly", "weekly", "biweekly", "fortnightly", "monthly"}
        | {"bimonthly", "quarterly", "annually", "yearly", "hourly", "annual", "biannual"}
        | {"semiannual", "semi", "biennial", "once", "twice", "thrice", "times", "per"}
    ),
}
# Rules run in the order of their modules, then of their definitions: among candidates of the
# same length and priority the earlier rule wins, whatever order the modules were imported in.
_RULE_MODULES = tuple(
    f"timeline.extraction.dates.{name}"
    for name in ("absolute", "relative", "references", "clock", "durations")
)
_ORDERED_RULES = sorted(_RULES, key=lambda rule: _RULE_MODULES.index(rule[1].__module__))
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
# Rules with the same trigger words share their windows ("#" rules, month rules ...).
_GROUPS: list[frozenset[str]] = []
_RULE_GROUP: list[int] = []
for _pattern, _handler in _ORDERED_RULES:
    _triggers = _RULE_TRIGGERS[_handler]
    if _triggers not in _GROUPS:
        _GROUPS.append(_triggers)
    _RULE_GROUP.append(_GROUPS.index(_triggers))
_GROUPS_BY_TRIGGER: dict[str, tuple[int, ...]] = {}
for _group, _triggers in enumerate(_GROUPS):
    for _word in _triggers:
        _GROUPS_BY_TRIGGER[_word] = (*_GROUPS_BY_TRIGGER.get(_word, ()), _group)
# How far a match may reach before and after the trigger word it contains.
_REACH_BEFORE, _REACH_AFTER = 80, 80


def _candidates(text: str) -> list[_Candidate]:
    """Every rule's matches, each rule run only on the stretches around its trigger words.

    Overlapping stretches are merged as the tokens go by, so the work is linear in the text.
    """
    windows: list[list[list[int]]] = [[] for _ in _GROUPS]
    by_trigger = _GROUPS_BY_TRIGGER
    number_groups = by_trigger.get("#", ())
    for token in _TOKEN.finditer(text):
        word = token.group()
        if word[0].isdigit():
            groups = number_groups
        else:
            key = word.casefold()
            groups = by_trigger.get(key, ())
            if word[0].isupper():
                groups = groups + by_trigger.get("^" + key, ())
        if not groups:
            continue
        start, end = token.start() - _REACH_BEFORE, token.end() + _REACH_AFTER
        for group in groups:
            spans = windows[group]
            if spans and spans[-1][1] >= start:
                spans[-1][1] = end
            else:
                spans.append([max(0, start), end])
    candidates: list[_Candidate] = []
    for (pattern, handler), group in zip(_ORDERED_RULES, _RULE_GROUP, strict=True):
        for start, end in windows[group]:
            for match in pattern.finditer(text, start, end):
                if match.end() == match.start():
                    continue
                produced = handler(match, text)
                if produced is None:
                    continue
                if isinstance(produced, _Candidate):
                    candidates.append(produced)
                else:
                    candidates.extend(produced)
    return candidates


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first (then the earlier rule), in text order."""
    ordered = sorted(
        enumerate(candidates),
        key=lambda item: (-(item[1].end - item[1].start), item[1].priority, item[0]),
    )
    if not ordered:
        return []
    taken = bytearray(max(c.end for c in candidates))
    chosen: list[_Candidate] = []
    for _, candidate in ordered:
        if taken.find(1, candidate.start, candidate.end) != -1:
            continue
        taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _join(
    text: str, found: list[tuple[_Candidate, _Resolved]]
) -> list[tuple[_Candidate, _Resolved]]:
    """Join neighbours: "from 2018 to 2020" into one range, "12:00 UTC Monday" into one time."""
    joined: list[tuple[_Candidate, _Resolved]] = []
    for index, (candidate, resolved) in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if candidate.kind == "time" and following and following[1].range is not None:
            # "at 16:15 UTC, June 1st": two expressions, the time on the date after it.
            gap = text[candidate.end : following[0].start]
            day = following[1].range
            if re.fullmatch(r",[^\S\n]*", gap) and day.precision is Precision.DAY:
                clock = resolved.value[resolved.value.find("T") :]
                resolved = _Resolved(day.start.isoformat() + clock, None, "text")
        if joined:
            previous, previous_resolved = joined[-1]
            merged = _join_pair(text, previous, previous_resolved, candidate, resolved)
            if merged is not None:
                joined[-1] = merged
                continue
        joined.append((candidate, resolved))
    return joined


def _join_pair(
    text: str,
    first: _Candidate,
    first_resolved: _Resolved,
    second: _Candidate,
    second_resolved: _Resolved,
) -> tuple[_Candidate, _Resolved] | None:
    gap = text[first.end : second.start]
    if len(gap) > 8:
        return None
    # A clock time next to the day it happens on.
    time_and_day = (first.kind == "time" and second.kind == "day") or (
        first.kind == "day" and second.kind == "time"
    )
    if time_and_day and _TIME_DATE_GAP.fullmatch(gap) and "\n" not in gap:
        day_resolved = first_resolved if first.kind == "day" else second_resolved
        time_resolved = second_resolved if first.kind == "day" else first_resolved
        if day_resolved.range is None or day_resolved.range.precision is not Precision.DAY:
            return None
        clock = time_resolved.value[time_resolved.value.find("T") :]
        value = day_resolved.range.start.isoformat() + clock
        merged = _Candidate(first.start, second.end, "TIME", first.resolve, kind="daytime")
        return merged, _Resolved(value, day_resolved.range, day_resolved.anchored_on)
    # Two dates joined into a range.
    if first.type != "DATE" or second.type != "DATE":
        return None
    if first_resolved.range is None or second_resolved.range is None:
        return None
    if not _RANGE_JOIN.fullmatch(gap) or "\n" in gap:
        return None
    word = gap.strip().casefold()
    opener = _RANGE_OPENER.search(text, max(0, first.start - 10), first.start)
    if word == "and" and not (opener and opener.group().casefold().startswith("between")):
        return None
    if (
        word in {"to", "until", "till", "through", "thru"}
        and not opener
        and not (first.kind == "year" and second.kind == "year")
    ):
        return None
    if word in {"-", "–", "—"} and not (opener or first.kind == second.kind):
        return None
    start_day, end_day = first_resolved.range.start, second_resolved.range.end
    if end_day <= first_resolved.range.end:
        return None
    start = opener.start() if opener else first.start
    merged_range = DateRange(start_day, end_day, Precision.APPROXIMATE)
    merged = _Candidate(start, second.end, "DATE", first.resolve, kind="range")
    anchored = first_resolved.anchored_on or second_resolved.anchored_on
    parts = ((first, first_resolved), (second, second_resolved))
    return merged, _Resolved(merged_range.timex_value, merged_range, anchored, parts)


def _to_timex(text: str, candidate: _Candidate, resolved: _Resolved) -> Timex:
    date_range = resolved.range if candidate.type in {"DATE", "TIME"} else None
    return Timex(
        start=candidate.start,
        end=candidate.end,
        text=text[candidate.start : candidate.end],
        type=candidate.type,
        value=resolved.value,
        precision=date_range.precision.value if date_range else None,
        date_start=date_range.start if date_range else None,
        date_end=date_range.end if date_range else None,
        anchored_on=resolved.anchored_on,
        parts=tuple(_to_timex(text, c, r) for c, r in resolved.parts),
    )
