"""Rules for dates relative to the publication date: today, last week, on Tuesday, two years ago."""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.extraction.daterange import (
    DateRange,
    DateRangeError,
    Precision,
    month_bounds,
    shift_months,
)
from timeline.extraction.dates.absolute import _part_name, _previous_word, _stated_day
from timeline.extraction.dates.calendar import (
    _day_range,
    _duration_value,
    _period,
    _pick_year,
    _present_ref,
    _quarter_of,
    _resolved,
    _safe_date,
    _weekday_after,
    _weekday_on_or_before,
    _weekend,
    _weekend_value,
)
from timeline.extraction.dates.registry import _capitalised, _month_number, _rule
from timeline.extraction.dates.resolution import _Candidate, _Context, _Resolved
from timeline.extraction.dates.vocabulary import (
    _FULL_WEEKDAY,
    _PART,
    _WEEKDAY_NAME_AFTER,
    _WEEKDAY_NAME_BEFORE,
    ORDINALS,
    PARTS_OF_DAY,
    WEEKDAYS,
    _day,
    _month,
    _year,
)


# Relative days: today, yesterday, tomorrow, tonight, last night, this morning ...
@_rule(
    r"(?<![\w-])(?:(?P<mod>earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow)"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?![\w-])"
    r"|(?<![\w-])(?P<last>last|this|tomorrow|yesterday)\s+(?P<pod2>night|morning|afternoon|evening)"
    r"(?![\w-])"
    r"|(?<![\w-])the\s+day\s+(?P<around>before\s+yesterday|after\s+tomorrow)(?![\w-])"
)
def _relative_day(match: re.Match[str], text: str) -> _Candidate | None:
    if (
        match["word"]
        and match["word"].casefold() == "today"
        and (
            re.search(r"\bUSA\s+$", text[max(0, match.start() - 5) : match.start()])
            or text[match.start() : match.start() + 5] == "Today"
            and re.match(r"\s+(?:Show|Programme|Program)\b", text[match.end() : match.end() + 40])
        )
    ):
        return None
    word = (match["word"] or match["last"] or "").casefold()
    pod = (match["pod"] or match["pod2"] or "").casefold()
    if word == "today" and not match["mod"] and _TODAYS_PRESENT.match(text, match.end()):
        # "today's GM", "today's economy": the present age, not the publication day (unlike
        # "today's vote").
        return _Candidate(match.start(), match.end(), "DATE", _present_ref)
    if word == "last" and pod != "night":
        return None  # "last morning" is not English news usage
    around = (match["around"] or "").casefold()
    offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}
    shift = offset.get(word, 0)
    if around:
        shift = -2 if around.startswith("before") else 2
    if word == "tonight":
        pod = "tonight"
    suffix = f"T{PARTS_OF_DAY[pod]}" if pod else ""
    is_time = bool(match["pod"]) and word in {"yesterday", "tomorrow"}

    def resolve(ctx: _Context) -> _Resolved | None:
        if ctx.dct is None:
            return _Resolved("PRESENT_REF" if shift == 0 else "XXXX-XX-XX")
        day = ctx.dct + timedelta(days=shift)
        return _Resolved(day.isoformat() + suffix, _day_range(day), "dct")

    kind = "day" if not suffix else "daypart"
    return _Candidate(match.start(), match.end(), "TIME" if is_time else "DATE", resolve, kind=kind)


_TODAYS_PRESENT = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:economy|economies|world|society|generation|youth|children|kids|"
    r"culture|standards|technology|climate|politics|age|era|market\s+conditions|workforce|"
    r"consumers?|industry|business\s+environment)\b"
    # A name right after it ("today's GM") unless a day's event follows ("today's Senate vote").
    r"|['’]s\s+[A-Z][\w&.-]*(?![\w&.-])(?!\s+(?:[A-Z]\w*\s+)?(?:meeting|vote|session|hearing|"
    r"announcement|talks|debate|game|match|race|election|trading|speech|statement)s?\b)"
)


@_rule(
    r"(?<![\w-])(?:(?P<rel>this\s+past|this|last|next|coming|current|the\s+current|the\s+coming)\s+"
    r"(?:(?P<fiscal>fiscal|financial|calendar|academic|school)\s+)?"
    r"(?P<unit>week|weekend|month|quarter|year)"
    r"|(?P<rel2>the\s+(?:previous|prior|preceding|following|next|same|very\s+next))\s+"
    r"(?P<unit2>day|week|weekend|month|quarter|year|morning|afternoon|evening|night)"
    r"|(?P<rel3>that)\s+(?P<unit3>day|week|weekend|month|year|morning|afternoon|evening|night)"
    r"|(?P<past>(?:the\s+)?(?:past|last))\s+(?P<unit4>day|week|month|year|decade)"
    r"|(?P<ago>(?:a|one|an)\s+(?P<unit5>day|week|month|year)\s+(?:earlier|before|later|"
    r"after)))(?![\w-])"
)
def _period_rule(match: re.Match[str], text: str) -> _Candidate | None:
    """ "this week", "last month", "this past weekend", "the following day", "the past year",
    "a day later"."""
    start, end = match.start(), match.end()
    if match["rel"]:
        rel = match["rel"].casefold().split()[-1]
        unit = match["unit"].casefold()
        if match["fiscal"] and match["fiscal"].casefold() != "calendar":
            return None  # "this fiscal year" has no calendar bounds without the company's
        if _previous_word(text, start) == "the" and rel in {"last", "next", "coming"}:
            return None  # "the last year" is the past twelve months, handled below
        shift = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[rel]
        if unit == "weekend":
            return _Candidate(start, end, "DATE", lambda ctx: _weekend_resolve(ctx, rel))

        def resolve(ctx: _Context) -> _Resolved | None:
            if ctx.dct is None:
                return _Resolved({-1: "PAST_REF", 1: "FUTURE_REF"}.get(shift, "PRESENT_REF"))
            period = _period(unit, ctx.dct, shift)
            if unit == "week" and shift == 0 and ctx.tense() != "future":
                period = period.clipped_to(ctx.dct)
            return _Resolved(_period(unit, ctx.dct, shift).timex_value, period, "dct")

        return _Candidate(start, end, "DATE", resolve, kind=unit)
    if match["rel2"] or match["rel3"]:
        rel = (match["rel2"] or match["rel3"]).casefold().split()[-1]
        unit = (match["unit2"] or match["unit3"]).casefold()
        shift = {"previous": -1, "prior": -1, "preceding": -1, "following": 1, "next": 1}.get(
            rel, 0
        )
        pod = PARTS_OF_DAY.get(unit)
        if pod:
            if shift and unit == "night":
                pass
            unit = "day"
        if unit == "weekend":
            return None

        def resolve_anchored(ctx: _Context) -> _Resolved | None:
            anchor = ctx.text_anchor(unit)
            if anchor is None:
                return None
            day, source = anchor
            period = _period(unit, day, shift)
            value = period.timex_value + (f"T{pod}" if pod else "")
            return _Resolved(value, period, source)

        return _Candidate(
            start, end, "TIME" if pod else "DATE", resolve_anchored, kind="day" if not pod else ""
        )
    if match["past"]:
        unit = match["unit4"].casefold()
        words = match["past"].casefold().split()
        if unit == "decade":
            # "in the past decade": the ten years up to the publication date, valued as the
            # decade that holds most of them (TimeML writes decades as "201").
            def resolve_decade(ctx: _Context) -> _Resolved | None:
                if ctx.dct is None:
                    return _Resolved("PAST_REF")
                first = shift_months(ctx.dct, -120)
                middle = shift_months(ctx.dct, -60)
                period = DateRange(first, ctx.dct, Precision.APPROXIMATE)
                return _Resolved(str(middle.year // 10), period, "dct")

            return _Candidate(start, end, "DATE", resolve_decade)
        if "the" not in words and words[-1] == "last":
            return None  # "last week" is the calendar week, matched above

        def resolve_past(ctx: _Context) -> _Resolved | None:
            if ctx.dct is None:
                return _Resolved("PAST_REF")
            first = {
                "day": ctx.dct - timedelta(days=1),
                "week": ctx.dct - timedelta(days=7),
                "month": shift_months(ctx.dct, -1),
                "year": shift_months(ctx.dct, -12),
            }[unit]
            return _Resolved("PAST_REF", DateRange(first, ctx.dct, Precision.APPROXIMATE), "dct")

        return _Candidate(start, end, "DATE", resolve_past)
    unit = match["unit5"].casefold()
    direction = match["ago"].casefold().split()[-1]
    shift = -1 if direction in {"earlier", "before"} else 1
    after = text[end : end + 12]
    if direction in {"before", "after"} and re.match(r"\s+(?!that\b|then\b)[\w\"“]", after):
        # "a day after the vote": counted from an event whose date is unknown here, so only
        # the length is known (TimeML annotates the length as a duration).
        value = _duration_value(1, unit)
        return _Candidate(start, match.end("unit5"), "DURATION", lambda ctx: _Resolved(value))
    return _Candidate(
        start, end, "DATE", lambda ctx: _offset_from_anchor(ctx, unit, shift, 1), kind="day"
    )


def _offset_from_anchor(ctx: _Context, unit: str, sign: int, count: float) -> _Resolved | None:
    anchor = ctx.text_anchor("day" if unit in {"day", "week"} else unit)
    if anchor is None:
        return None
    day, source = anchor
    return _shifted(day, unit, sign, count, source)


def _shifted(day: date, unit: str, sign: int, count: float, source: str) -> _Resolved | None:
    whole = int(count)
    try:
        if unit == "day":
            return _resolved(_day_range(day + timedelta(days=sign * whole)), source)
        if unit == "week":
            return _resolved(_day_range(day + timedelta(weeks=sign * count)), source)
        if unit == "month":
            moved = shift_months(day, sign * whole)
            return _resolved(DateRange.month(moved.year, moved.month), source)
        if unit == "year":
            return _resolved(DateRange.year(day.year + sign * whole), source)
        if unit == "decade":
            return _resolved(DateRange.year(day.year + sign * whole * 10), source)
    except (ValueError, OverflowError, DateRangeError):
        return None
    return None


def _weekend_resolve(ctx: _Context, rel: str) -> _Resolved | None:
    if ctx.dct is None:
        return None
    shift = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}.get(rel)
    if shift is None:
        # "over the weekend": the last one in a past sentence, the next one in a future one.
        this = _weekend(ctx.dct)
        if ctx.tense() != "future":
            picked = this if this.start <= ctx.dct else _weekend(ctx.dct, -1)
        else:
            picked = this if this.start > ctx.dct else _weekend(ctx.dct, 1)
    else:
        picked = _weekend(ctx.dct, shift)
    return _Resolved(_weekend_value(picked), picked, "dct")


@_rule(r"(?<![\w-])the\s+weekend(?![\w-])")
def _the_weekend(match: re.Match[str], text: str) -> _Candidate:
    return _Candidate(match.start(), match.end(), "DATE", lambda ctx: _weekend_resolve(ctx, "the"))


@_rule(
    r"(?<![\w-])(?P<mod>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year|quarter)"
    r"(?![\w-])"
)
def _earlier_later(match: re.Match[str], text: str) -> _Candidate:
    """ "earlier this month" (the 1st to the publication date), "later this year"."""
    earlier = match["mod"].casefold() == "earlier"
    unit = match["unit"].casefold()

    def resolve(ctx: _Context) -> _Resolved | None:
        if ctx.dct is None:
            return _Resolved("PAST_REF" if earlier else "FUTURE_REF")
        period = _period(unit, ctx.dct)
        if earlier:
            part = DateRange(period.start, ctx.dct, Precision.APPROXIMATE)
        else:
            part = DateRange(ctx.dct, period.end, Precision.APPROXIMATE)
        if unit == "week":
            part = DateRange(part.start, part.end, Precision.WEEK)
        elif unit == "month":
            part = period  # "earlier this month" names the month, as "in March" does
        value = period.timex_value
        if not earlier and unit == "year" and _quarter_of(part.start) == _quarter_of(part.end):
            # "later this year" published in October: what is left lies in one quarter.
            value = DateRange.quarter(part.start.year, _quarter_of(part.start)).timex_value
        return _Resolved(value, part, "dct")

    return _Candidate(match.start(), match.end(), "DATE", resolve)


@_rule(
    rf"(?<![\w$€£.,/-])(?:{_PART})(?P<rel>this|last|next|the|the\s+current|the\s+previous)\s+"
    r"(?P<unit>year|month|week|decade)(?![\w-])"
)
def _part_of_period(match: re.Match[str], text: str) -> _Candidate | None:
    """ "late last year" (Sep-Dec of the year before), "the end of this month"."""
    part = _part_name(match["part"])
    if part is None:
        return None
    rel = match["rel"].casefold().split()[-1]
    unit = match["unit"].casefold()
    shift = {"last": -1, "previous": -1, "next": 1}.get(rel, 0)

    def resolve(ctx: _Context) -> _Resolved | None:
        if ctx.dct is None:
            return None
        if unit == "decade":
            first = (ctx.dct.year // 10 + shift) * 10
            thirds = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
            part_range = DateRange.years(first + thirds[0], first + thirds[1])
            return _Resolved(str(first // 10), part_range, "dct")
        period = _period(unit, ctx.dct, shift)
        if unit == "year":
            part_range = DateRange.part_of_year(period.start.year, part)
        elif unit == "month":
            part_range = DateRange.part_of_month(period.start.year, period.start.month, part)
        else:
            part_range = period  # "late last week" is still last week, as news dates it
        return _Resolved(period.timex_value, part_range, "dct")

    return _Candidate(match.start(), match.end(), "DATE", resolve)


@_rule(r"(?<![\w-])year[\s-]end(?![\w-])")
def _year_end(match: re.Match[str], text: str) -> _Candidate | None:
    """ "by year-end", "at year end": the end of the publication year ("the end of the year")."""
    if re.search(
        r"(?:\d{4}|fiscal|financial)\s*$", text[max(0, match.start() - 12) : match.start()]
    ):
        return None  # "the 2024 year-end", "fiscal year-end": another year than the publication's

    def resolve(ctx: _Context) -> _Resolved | None:
        if ctx.dct is None:
            return None
        year = ctx.dct.year
        return _Resolved(str(year), DateRange.part_of_year(year, "late"), "dct")

    return _Candidate(match.start(), match.end(), "DATE", resolve)


@_rule(
    r"(?<![\w-])(?:the\s+)?(?P<ord>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+"
    + _month()
    + r"(?:,?\s+(?P<year>[12]\d{3})\b)?"
)
def _week_of_month(match: re.Match[str], text: str) -> _Candidate | None:
    if not _capitalised(match, "month"):
        return None
    month = _month_number(match)
    ordinal = match["ord"].casefold()
    year_text = match["year"]

    def build(year: int) -> DateRange:
        # The week that has most of its days in the month.
        first, last = month_bounds(year, month)
        if ordinal in {"last", "final"}:
            return DateRange.week_of(last - timedelta(days=3))
        return DateRange.week_of(first + timedelta(days=3, weeks=ORDINALS[ordinal] - 1))

    def resolve(ctx: _Context) -> _Resolved | None:
        if year_text:
            return _resolved(build(int(year_text)))
        picked = _pick_year(ctx, build)
        return _resolved(picked, "dct") if picked else None

    return _Candidate(match.start(), match.end(), "DATE", resolve)


@_rule(
    rf"(?<![\w-])(?:the\s+)?week\s+of\s+(?:{_month()}\s*{_day()}"
    rf"|{_day('day2')}(?:\s+of)?\s+{_month('month2')})(?:,?\s+{_year()})?"
)
def _week_of_day(match: re.Match[str], text: str) -> _Candidate | None:
    """ "the week of June 23": the week (Monday to Sunday) containing that day, not the day."""
    month_group = "month" if match["month"] else "month2"
    if not _capitalised(match, month_group):
        return None
    day_of = _stated_day(
        match, _month_number(match, month_group), int(match["day"] or match["day2"])
    )
    if day_of is None:
        return None

    def resolve(ctx: _Context) -> _Resolved | None:
        resolved = day_of(ctx)
        if resolved is None or resolved.range is None:
            return resolved
        return _resolved(DateRange.week_of(resolved.range.start), resolved.anchored_on)

    return _Candidate(match.start(), match.end(), "DATE", resolve)


@_rule(
    r"(?<![\w-])on\s+(?P<expr>the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th))"
    r"(?=[^\S\n]*(?:[,.;:)]|$|(?:and|at|in|when|after|before|with|but|to|as|amid|over|for|"
    r"following|during|because|while|under|that|of\s+(?:the|this|that|last|next)\s+month)\b))"
)
def _day_of_month(match: re.Match[str], text: str) -> _Candidate | None:
    """ "on the 5th": that day of the month the text is about (the last stated month, else the
    publication month; in a past sentence a day after the publication day is last month's, in
    a future one a day before it next month's)."""
    day = int(match["day"])
    if not 1 <= day <= 31:
        return None

    def resolve(ctx: _Context) -> _Resolved | None:
        anchor = ctx.text_anchor("month")
        if anchor is None:
            return None
        base, source = anchor
        shift = 0
        if source == "dct":
            tense = ctx.tense()
            if tense in {"past", "perfect"} and day > base.day:
                shift = -1
            elif tense == "future" and day < base.day:
                shift = 1
        month = shift_months(base.replace(day=1), shift)
        found = _safe_date(month.year, month.month, day)
        return _resolved(_day_range(found), source) if found else None

    return _Candidate(match.start("expr"), match.end(), "DATE", resolve, kind="day")


# "by the end of Friday": a deadline at the close of the day named.
_END_OF_DAY_BEFORE = re.compile(r"\b(?:by|before|until) the (?:end|close) of\s+$", re.IGNORECASE)


@_rule(
    r"(?<![\w-])(?:(?P<part>early|late)\s+)?(?:(?P<rel>last|next|this|coming|past|previous)\s+)?"
    rf"(?P<wd>{_FULL_WEEKDAY})(?P<plural>s)?(?:['’]s)?"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?![\w-])"
)
def _weekday(match: re.Match[str], text: str) -> _Candidate | None:
    """ "on Tuesday", "last Friday", "Thursday night", "late Wednesday", "on Mondays" (a set)."""
    if not _capitalised(match, "wd"):
        return None
    # "early Thursday", "late Wednesday": the day, with its modifier in the expression as TimeML
    # writes it (mod="START"/"END"); names and sets begin at the weekday as before.
    first = match.start("rel") if match["rel"] else match.start("wd")
    before = text[max(0, first - 20) : first]
    if _WEEKDAY_NAME_BEFORE.search(before) or _WEEKDAY_NAME_AFTER.match(text, match.end("wd")):
        return None
    weekday = WEEKDAYS[match["wd"].casefold()]
    if match["plural"]:
        value = f"XXXX-WXX-{weekday + 1}"
        return _Candidate(
            match.start("wd"), match.end("wd") + 1, "SET", lambda ctx: _Resolved(value)
        )
    rel = (match["rel"] or "").casefold()
    pod = (match["pod"] or "").casefold()
    start = match.start()

    def resolve(ctx: _Context) -> _Resolved | None:
        if ctx.dct is None:
            return _Resolved(f"XXXX-WXX-{weekday + 1}" + (f"T{PARTS_OF_DAY[pod]}" if pod else ""))
        dct = ctx.dct
        if rel in {"last", "past", "previous"}:
            day = _weekday_on_or_before(dct - timedelta(days=1), weekday)
        elif rel in {"next", "coming"}:
            day = _weekday_after(dct, weekday)
        elif rel == "this":
            day = dct - timedelta(days=dct.weekday()) + timedelta(days=weekday)
        elif ctx.tense() == "future":
            # "will file by the end of Friday" in a Friday's story is that day: the end of
            # a day a week on is "the end of next Friday".
            today = dct.weekday() == weekday and _END_OF_DAY_BEFORE.search(before)
            day = dct if today else _weekday_after(dct, weekday)
        else:
            day = _weekday_on_or_before(dct, weekday)
        value = day.isoformat() + (f"T{PARTS_OF_DAY[pod]}" if pod else "")
        return _Resolved(value, _day_range(day), "dct")

    return _Candidate(start, match.end(), "TIME" if pod else "DATE", resolve, kind="day")
