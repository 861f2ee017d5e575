"""Rules for dates that refer to another: one the text stated ("the same day", "that time"), or
the present ("now", "recently", "two years ago", "in recent weeks")."""

from __future__ import annotations

import re
from datetime import timedelta

from timeline.extraction.daterange import (
    DateRange,
    Precision,
    shift_months,
)
from timeline.extraction.dates.calendar import (
    _day_range,
    _duration_value,
    _num_value,
    _period,
    _present_ref,
    _quarter_of,
    _unit_key,
)
from timeline.extraction.dates.registry import _rule
from timeline.extraction.dates.relative import _offset_from_anchor, _shifted
from timeline.extraction.dates.resolution import _Candidate, _Context, _Resolved
from timeline.extraction.dates.vocabulary import _DURATION_MOD_WORDS, _NUM


# "the same day", "the entire year", "late in the day", "for a second straight day", "that
# time": the period of the date the text last stated.
@_rule(
    r"(?<![\w-])(?:(?:the|that)\s+(?:same|entire|whole|full)\s+(?P<unit>day|week|month|year)"
    r"|(?P<part>early|late|later|earlier)\s+in\s+the\s+(?P<unit2>day|week|month|year)"
    r"|(?:a|the)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+"
    r"(?:straight|consecutive|successive)\s+(?P<unit3>day|week|month|year|session)"
    r"|(?P<that>that\s+time))(?![\w-])"
)
def _same_period(match: re.Match[str], text: str) -> _Candidate:
    unit = (match["unit"] or match["unit2"] or match["unit3"] or "").casefold()
    if unit == "session":
        unit = "day"
    part = (match["part"] or "").casefold()

    def resolve(ctx: _Context) -> _Resolved | None:
        if match["that"]:
            if ctx.last_range is None:
                return None
            return _Resolved(ctx.last_range.timex_value, ctx.last_range, "text")
        anchor = ctx.text_anchor(unit)
        if anchor is None:
            return None
        period = _period(unit, anchor[0])
        if part and unit != "day":
            period = DateRange(period.start, period.end, Precision.APPROXIMATE)
        return _Resolved(period.timex_value, period, anchor[1])

    return _Candidate(match.start(), match.end(), "DATE", resolve, kind="day")


@_rule(
    r"(?<![\w-])the\s+same\s+(?P<unit>period|month|quarter|week|time|day|season)\s+"
    r"(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier|before)|the\s+(?:previous|prior|last)"
    r"\s+year|(?:one|a)\s+year\s+(?:ago|earlier))(?![\w-])"
)
def _same_period_last_year(match: re.Match[str], text: str) -> _Candidate:
    """ "in February, compared with the same period last year": February of the year before."""
    unit = match["unit"].casefold()

    def resolve(ctx: _Context) -> _Resolved | None:
        if unit in {"month", "quarter", "week", "day"}:
            anchor = ctx.text_anchor(unit)
            if anchor is None:
                return None
            base, source = _period(unit, anchor[0]), anchor[1]
        elif ctx.last_range is not None:
            base, source = ctx.last_range, "text"
        else:
            return None
        shifted = _year_earlier(base)
        return _Resolved(shifted.timex_value, shifted, source)

    return _Candidate(match.start(), match.end(), "DATE", resolve)


def _year_earlier(period: DateRange) -> DateRange:
    """The same period one year earlier (29 February becomes the 28th)."""
    if period.precision is Precision.WEEK:
        return DateRange.week_of(period.start - timedelta(weeks=52))
    if period.precision is Precision.MONTH:
        return DateRange.month(period.start.year - 1, period.start.month)
    if period.precision is Precision.QUARTER:
        return DateRange.quarter(period.start.year - 1, _quarter_of(period.start))
    if period.precision is Precision.YEAR:
        return DateRange.year(period.start.year - 1)
    start, end = shift_months(period.start, -12), shift_months(period.end, -12)
    return DateRange(start, end, period.precision)


@_rule(
    r"(?<![\w-])the\s+(?P<unit>day|week|month|year)\s+(?P<rel>before|previous|earlier|after)"
    r"(?![\w-])(?!\s+(?:the|a|an|his|her|its|their|this|that|last|yesterday|tomorrow)\b)"
)
def _unit_before(match: re.Match[str], text: str) -> _Candidate:
    """ "the year before", "the day after": one period before or after the last stated date."""
    unit = match["unit"].casefold()
    shift = 1 if match["rel"].casefold() == "after" else -1

    def resolve(ctx: _Context) -> _Resolved | None:
        anchor = ctx.text_anchor(unit)
        if anchor is None:
            return None
        period = _period(unit, anchor[0], shift)
        return _Resolved(period.timex_value, period, anchor[1])

    return _Candidate(match.start(), match.end(), "DATE", resolve, kind="day")


@_rule(
    r"(?<![\w-])(?P<lead>(?:the\s+)?(?:start|end|close|rest|remainder|course|middle)\s+of\s+)?"
    r"the\s+day(?![\w-])(?!\s+(?:before|after|when|that|which|of|on|in|he|she|it|they|we|I)\b)"
)
def _the_day(match: re.Match[str], text: str) -> _Candidate | None:
    """ "ended the day", "for the day": in news, the day the text is about (the last stated)."""
    before = text[max(0, match.start() - 20) : match.start()].casefold()
    if re.search(r"(?:at\s+the\s+end\s+of|to\s+this|one|some|any|every|each)\s+$", before):
        return None  # "at the end of the day" is an idiom; "to this day" means until now
    if match["lead"] and "end of" in match["lead"].casefold() and before.endswith("at "):
        return None

    def resolve(ctx: _Context) -> _Resolved | None:
        anchor = ctx.text_anchor("day")
        if anchor is None:
            return None
        return _Resolved(anchor[0].isoformat(), _day_range(anchor[0]), anchor[1])

    return _Candidate(match.start(), match.end(), "DATE", resolve)


@_rule(
    rf"(?<![\w-])(?:(?P<mod>{_DURATION_MOD_WORDS})\s+)?(?P<num>{_NUM})(?:\s+|-)"
    r"(?P<unit>days?|weeks?|months?|years?|decades?|hours?|minutes?)\s+"
    r"(?P<dir>ago|earlier|later|before|after|from\s+now|hence)(?![\w-])"
)
def _ago(match: re.Match[str], text: str) -> _Candidate | None:
    """ "three days ago", "two years later", "a week ago": a date counted from another."""
    count = _num_value(match["num"])
    if count is None:
        return None
    unit = _unit_key(match["unit"])
    direction = match["dir"].casefold()
    sign = 1 if direction in {"later", "after", "from now", "hence"} else -1
    if unit in {"hour", "minute"}:
        value = _duration_value(count, unit)
        return _Candidate(match.start(), match.end(), "DURATION", lambda ctx: _Resolved(value))
    after = text[match.end() : match.end() + 12]
    if (
        direction in {"before", "after"} and re.match(r"\s+(?!that\b|then\b)[\w\"“]", after)
    ) or re.match(r"\s+than\b", after):
        # "three years after its launch", "three days later than planned": a length counted
        # from an undated event.
        value = _duration_value(count, unit)
        return _Candidate(
            match.start(), match.end("unit"), "DURATION", lambda ctx: _Resolved(value)
        )

    def resolve(ctx: _Context) -> _Resolved | None:
        if direction in {"ago", "from now", "hence"}:
            if ctx.dct is None:
                return _Resolved("PAST_REF" if sign < 0 else "FUTURE_REF")
            return _shifted(ctx.dct, unit, sign, count, "dct")
        return _offset_from_anchor(ctx, unit, sign, count)

    return _Candidate(match.start(), match.end(), "DATE", resolve, kind="day")


@_rule(
    r"(?<![\w-])(?:(?P<now>right\s+now|now|currently|presently|nowadays|at\s+present|"
    r"at\s+the\s+moment|at\s+this\s+time|for\s+the\s+time\s+being|these\s+days)"
    r"|(?P<past>recently|lately|more\s+recently|most\s+recently|in\s+the\s+past|the\s+past|"
    r"in\s+recent\s+(?:times|history)|recent)"
    r"|(?P<future>in\s+the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+future|later|"
    r"soon|shortly|(?:in|for|over)\s+the\s+(?:long|short|medium|near)(?:er)?\s+(?:term|run))"
    r")(?![\w-])"
)
def _reference(match: re.Match[str], text: str) -> _Candidate | None:
    """ "now" (PRESENT_REF), "recently" (PAST_REF), "in the future" (FUTURE_REF)."""
    word = match.group().casefold()
    before = text[max(0, match.start() - 8) : match.start()].casefold()
    after = text[match.end() : match.end() + 12]
    if word in {"soon", "shortly"} and (
        re.search(r"\b(?:as|how)\s+$", before) or re.match(r"\s+(?:after|before|as)\b", after)
    ):
        return None  # "as soon as", "soon after the vote": relative to something else
    if (
        word == "now"
        and (
            re.match(r"\s+that\b", after)
            or re.search(r"\b(?:from|until|till|by|just|right)\s+$", before)
        )
        and not re.search(r"\b(?:until|till|by|right)\s+$", before)
    ):
        return None  # "now that": a conjunction
    if word in {"the past", "the future"} and re.match(r"\s+(?:few|couple|several|\d)", after):
        return None  # "the past few weeks" is a longer expression
    if word == "later" and (
        re.match(r"\s+(?:than|on|in|that|this|stage|date|years?|life|versions?|models?)\b", after)
        or re.search(r"\b(?:no|or|sooner|much|and)\s+$", before)
    ):
        return None  # "later than", "later on", "sooner or later", "a later date"
    if match["now"]:
        return _Candidate(match.start(), match.end(), "DATE", _present_ref)
    if match["past"]:
        # "recently" is the month before the publication date.
        start = match.start()
        if word.startswith("in "):
            start = match.start() + 3
        if word == "recent" and not re.match(r"\s+[a-z]", after):
            return None  # "recent" describes a noun ("recent losses"); alone it is not a date
        if word == "recent" and re.search(r"\b(?:most|more|the\s+most)\s+$", before):
            return None  # "the most recent round": an order, not a time
        if word == "recent" and re.match(
            r"\s+(?:economic\s+)?(?:data|figures|statistics|numbers|polls|surveys|readings|"
            r"indicators|trends?|performance|gains|losses|prices)\b",
            after,
        ):
            return None  # "Recent data supports this stance": observations, not an event's time
        bounded = word in {"recently", "lately", "more recently", "most recently", "recent"}
        return _Candidate(
            start,
            match.end(),
            "DATE",
            lambda ctx: _recent(ctx, "month", 1) if bounded else _Resolved("PAST_REF"),
        )
    start = match.start()
    if re.match(r"(?:in|for|over)\s+the\s", word):
        start = match.start() + len(word.split()[0]) + 1
    return _Candidate(start, match.end(), "DATE", lambda ctx: _Resolved("FUTURE_REF"))


def _recent(ctx: _Context, unit: str, count: int) -> _Resolved:
    """An approximate range ending on the publication date ("in recent weeks": a month)."""
    if ctx.dct is None:
        return _Resolved("PAST_REF")
    if unit == "day":
        first = ctx.dct - timedelta(days=count)
    elif unit == "week":
        first = ctx.dct - timedelta(weeks=count)
    else:
        first = shift_months(ctx.dct, -count * (12 if unit == "year" else 1))
    return _Resolved("PAST_REF", DateRange(first, ctx.dct, Precision.APPROXIMATE), "dct")


@_rule(
    r"(?<![\w-])(?:(?P<recent>(?:in\s+|over\s+|during\s+)?(?:recent|the\s+(?:past|last)\s+"
    r"(?:few|couple\s+of|several))\s+(?P<unit>days|weeks|months|years|decades))"
    r"|(?P<coming>(?:in\s+|over\s+|during\s+)?the\s+(?:coming|next\s+(?:few|couple\s+of|several)"
    r"|following\s+few)\s+(?P<unit2>days|weeks|months|years)))(?![\w-])"
)
def _recent_periods(match: re.Match[str], text: str) -> _Candidate:
    """ "in recent weeks" (the month before publication), "in the coming months"."""
    start = match.start()
    first_word = match.group().split()[0].casefold()
    if first_word in {"in", "over", "during"}:
        start = match.start() + len(first_word) + 1
    if match["recent"]:
        unit = match["unit"].casefold()
        length = {"days": ("day", 7), "weeks": ("month", 1), "months": ("month", 3)}
        length |= {"years": ("year", 3), "decades": ("year", 20)}
        span_unit, count = length[unit]
        return _Candidate(start, match.end(), "DATE", lambda ctx: _recent(ctx, span_unit, count))
    unit = match["unit2"].casefold()

    def resolve(ctx: _Context) -> _Resolved:
        if ctx.dct is None:
            return _Resolved("FUTURE_REF")
        last = {
            "days": ctx.dct + timedelta(days=7),
            "weeks": shift_months(ctx.dct, 1),
            "months": shift_months(ctx.dct, 3),
            "years": shift_months(ctx.dct, 36),
        }[unit]
        return _Resolved("FUTURE_REF", DateRange(ctx.dct, last, Precision.APPROXIMATE), "dct")

    return _Candidate(start, match.end(), "DATE", resolve)
