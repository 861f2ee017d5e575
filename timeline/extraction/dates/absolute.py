"""Rules for dates a text states outright: days, months, years, quarters, seasons, holidays."""

from __future__ import annotations

import re
from collections.abc import Callable

from timeline.extraction.daterange import (
    MONTHS,
    SEASONS,
    DateRange,
    Precision,
    month_bounds,
    shift_months,
)
from timeline.extraction.dates.calendar import (
    _day_range,
    _holiday,
    _pick_year,
    _relative_period,
    _resolved,
    _safe_date,
)
from timeline.extraction.dates.registry import _capitalised, _month_number, _rule
from timeline.extraction.dates.resolution import _Candidate, _Context, _Resolved
from timeline.extraction.dates.vocabulary import (
    _HOLIDAYS,
    _MONTH_ALTERNATION,
    _PART,
    _WD_PREFIX,
    ORDINALS,
    _day,
    _month,
    _year,
)


def _previous_word(text: str, position: int) -> str:
    found = _PREVIOUS_WORD.search(text, max(0, position - 40), position)
    return found.group(1).casefold() if found else ""


_PREVIOUS_WORD = re.compile(r"([A-Za-z$€£]+|\d[\d,.]*)[\s,]*$")
_MONTH_CONTEXT_BEFORE = {
    "in", "since", "until", "till", "by", "during", "from", "through", "of", "early", "mid",
    "late", "last", "next", "this", "before", "after", "between", "and", "to", "or", "on",
    "for", "throughout", "end", "beginning", "start", "middle", "past", "coming", "into",
    "around", "within", "as", "that", "each", "every", "month", "the",
}  # fmt: skip
_AMBIGUOUS_MONTHS = {"may", "march"}
_ABBREVIATED_MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct"}
_ABBREVIATED_MONTHS |= {"nov", "dec"}


_EVENT_NAME_AFTER = re.compile(
    r"[^\S\n]+(?:terror(?:ist)?\s+)?(?:attacks?|bombings?|massacres?|riots?|uprising|revolution|"
    r"coup|movement|incident|disaster|tragedy|commission)\b",
    re.IGNORECASE,
)


def _explicit_day(year: int | None, month: int, day: int) -> Callable[[_Context], _Resolved]:
    def resolve(ctx: _Context) -> _Resolved | None:
        if year is not None:
            found = _safe_date(year, month, day)
            return _resolved(_day_range(found)) if found else None
        if ctx.dct is None:
            return _Resolved(f"XXXX-{month:02d}-{day:02d}")

        def build(y: int) -> DateRange | None:
            found = _safe_date(y, month, day)
            return _day_range(found) if found else None

        stated = ctx.sentence_year()
        if stated is not None and ctx.tense() != "future":
            picked = build(stated)
            return _resolved(picked, "text") if picked else None
        picked = _pick_year(ctx, build)
        return _resolved(picked, "dct") if picked else None

    return resolve


# A month written in small letters next to its day or year ("on august 17", "on 17 august",
# "in june 2024"); "may" and "march" are verbs far more often than months.
LOWERCASE_MONTHS = frozenset(
    ["january", "february", "april", "june", "july", "august", "september", "october"]
    + ["november", "december"]
)


def _month_word(match: re.Match[str]) -> bool:
    """The match's month is written as a month: capitalised, or in small letters when the word
    is no verb ("17 august" is a day, "the 2 may be" is not)."""
    return _capitalised(match, "month") or match["month"] in LOWERCASE_MONTHS


def _valid_day(year: str | None, month: int, day: int) -> bool:
    return _safe_date(int(year) if year else 2000, month, day) is not None


def _stated_day(
    match: re.Match[str], month: int, day: int
) -> Callable[[_Context], _Resolved | None] | None:
    """How to resolve ``day`` of ``month`` with the match's ``year`` group, if it has one (else
    the year around the publication date); None when no year has that day ("February 30";
    without a year, February 29 stands)."""
    year = match["year"]
    if not _valid_day(year, month, day):
        return None
    return _explicit_day(int(year) if year else None, month, day)


@_rule(
    rf"(?<![\w$€£.,/-]){_WD_PREFIX}{_month()}\s*{_day()}(?:(?:,\s*|\s+|\s*,\s*(?:in\s+)?){_year()})?"
)
def _month_day(match: re.Match[str], text: str) -> _Candidate | None:
    if not _month_word(match):
        return None
    day_of = _stated_day(match, _month_number(match), int(match["day"]))
    if day_of is None:
        return None
    if not match["year"] and _EVENT_NAME_AFTER.match(text, match.end()):
        return None  # "the September 11 attacks", "the January 6 riot": a name, year unknown
    return _Candidate(match.start(), match.end(), "DATE", day_of, kind="day")


@_rule(
    rf"(?<![\w$€£.,/-]){_WD_PREFIX}(?:the\s+)?{_day()}(?:\s+of)?\s+{_month()}"
    rf"(?:,?\s+{_year()})?"
)
def _day_month(match: re.Match[str], text: str) -> _Candidate | None:
    if not _month_word(match):
        return None
    day_of = _stated_day(match, _month_number(match), int(match["day"]))
    if day_of is None:
        return None
    if not match["year"] and match["month"].casefold() == "may" and not match["wd"]:
        after = text[match.end() : match.end() + 12]
        if re.match(r"\s+(?:be|have|not|also|well|still|need|take|help|get|come)\b", after):
            return None  # "the 2 may be", a modal after a number
    return _Candidate(match.start(), match.end(), "DATE", day_of, kind="day")


@_rule(
    rf"(?<![\w$€£.,/-]){_month()}\s*{_day('d1')}\s*(?:-|–|—|to|through|until|and)\s*"
    rf"{_day('d2')}(?:(?:,\s*|\s+){_year()})?"
)
def _month_day_day(match: re.Match[str], text: str) -> _Candidate | None:
    """ "March 3-7", "Jan. 29 to 31, 2025": one range of days in one month."""
    if not _month_word(match):
        return None
    return _day_span(match, match.start(), match.end())


@_rule(
    rf"(?<![\w$€£.,/-])(?:between\s+)?{_day('d1')}\s*(?:-|–|—|to|and)\s*{_day('d2')}\s+"
    rf"{_month()}(?:,?\s+{_year()})?"
)
def _day_day_month(match: re.Match[str], text: str) -> _Candidate | None:
    """ "3-7 March 2025": one range of days in one month."""
    if not _month_word(match):
        return None
    return _day_span(match, match.start(), match.end())


@_rule(rf"\bbetween\s+{_month()}\s*{_day('d1')}\s+and\s+{_day('d2')}(?:(?:,\s*|\s+){_year()})?")
def _between_days(match: re.Match[str], text: str) -> _Candidate | None:
    if not _month_word(match):
        return None
    return _day_span(match, match.start(), match.end())


def _day_span(match: re.Match[str], start: int, end: int) -> _Candidate | None:
    month = _month_number(match)
    first, last = int(match.group("d1")), int(match.group("d2"))
    year = match.group("year")
    if not (1 <= first < last <= 31) or not _valid_day(year, month, last):
        return None

    def build(y: int) -> DateRange | None:
        a, b = _safe_date(y, month, first), _safe_date(y, month, last)
        return DateRange(a, b, Precision.APPROXIMATE) if a and b else None

    def resolve(ctx: _Context) -> _Resolved | None:
        if year:
            picked = build(int(year))
            return _resolved(picked) if picked else None
        if ctx.dct is None:
            return _Resolved(f"XXXX-{month:02d}-{first:02d}/XXXX-{month:02d}-{last:02d}")
        picked = _pick_year(ctx, build)
        return _resolved(picked, "dct") if picked else None

    return _Candidate(start, end, "DATE", resolve, kind="range")


@_rule(rf"(?<![\w$€£.,/-])(?:{_PART})?{_month()},?\s+(?:of\s+)?{_year()}")
def _month_year(match: re.Match[str], text: str) -> _Candidate | None:
    if not _month_word(match):
        return None
    month, year = _month_number(match), int(match.group("year"))
    part = _part_name(match.group("part"))
    if part:
        date_range = DateRange.part_of_month(year, month, part)
        value = f"{year}-{month:02d}"
        return _Candidate(
            match.start(), match.end(), "DATE", lambda ctx: _resolved(date_range, value=value)
        )
    date_range = DateRange.month(year, month)
    return _Candidate(match.start(), match.end(), "DATE", lambda ctx: _resolved(date_range))


def _part_name(part: str | None) -> str | None:
    if not part:
        return None
    words = part.casefold().split()
    if "middle" in words or "mid" in words:
        return "mid"
    if {"end", "close", "late"} & set(words):
        return "late"
    if {"beginning", "start", "early", "turn"} & set(words):
        return "early"
    return None


@_rule(
    rf"(?<![\w$€£.,/-])(?:(?P<rel>last|next|this|coming|past)\s+|{_PART})?"
    rf"(?P<month>{_MONTH_ALTERNATION})(?!\w)"
    r"(?:\s+of\s+(?P<relyear>this|last|next|the\s+following|the\s+previous|the\s+same)\s+year)?"
)
def _bare_month(match: re.Match[str], text: str) -> _Candidate | None:
    """ "in July", "last September", "mid-March": a month without a year."""
    if not _capitalised(match, "month"):
        return None
    name = match.group("month").casefold().rstrip(".")
    if name in _ABBREVIATED_MONTHS:
        return None  # "Jan", "Mar" alone are names or typos more often than months
    rel, part = match.group("rel"), _part_name(match.group("part"))
    if part and re.match(r"\s+[0-3]?\d\b(?![.,]\d|\s*(?:%|percent))", text[match.end() :]):
        return None  # "late July 7": the part of day before a date, not part of the month
    relyear = (match.group("relyear") or "").casefold().split()
    after = text[match.end() : match.end() + 30]
    previous = _previous_word(text, match.start())
    introduced = bool(rel or part) or previous in _MONTH_CONTEXT_BEFORE - {"the"}
    if not introduced and re.match(r"[^\S\n]+(?:[A-Z][a-z]+|\d{1,2}(?!\d))", after):
        return None  # "April Ryan", "June Carter": a name (days and years made longer matches)
    if name in _AMBIGUOUS_MONTHS and not introduced:
        return None  # "March on Washington", "May we": a verb, not a month
    if (
        previous == "the"
        and not (rel or part)
        and not re.match(r"\s+(?:of|issue|edition|meeting|deadline|report|session)\b", after)
    ):
        return None  # "the March" (a noun phrase) rarely means the month alone
    month = MONTHS[name]

    def build(y: int) -> DateRange | None:
        if part:
            return DateRange.part_of_month(y, month, part)
        return DateRange.month(y, month)

    def resolve(ctx: _Context) -> _Resolved | None:
        if ctx.dct is None:
            return _Resolved(f"XXXX-{month:02d}")
        dct = ctx.dct
        if relyear:
            # "October of next year"; "of the following year" counts from the text's year.
            anchor = ctx.text_anchor("year") if relyear[0] == "the" else (dct, "dct")
            shift = {"last": -1, "previous": -1, "next": 1, "following": 1}.get(relyear[-1], 0)
            if anchor is None:
                return None
            year = anchor[0].year + shift
            picked = build(year)
            return _resolved(picked, anchor[1], f"{year}-{month:02d}") if picked else None
        if rel in {"last", "past"}:
            year = dct.year if month < dct.month else dct.year - 1
        elif rel in {"next", "coming"}:
            year = dct.year if month > dct.month else dct.year + 1
        elif rel == "this":
            year = dct.year
        else:
            picked = _pick_year(ctx, build)
            return _resolved(picked, "dct", f"{picked.start.year}-{month:02d}") if picked else None
        picked = build(year)
        return _resolved(picked, "dct", f"{year}-{month:02d}") if picked else None

    return _Candidate(match.start(), match.end(), "DATE", resolve, kind="month")


@_rule(
    r"(?<![\w$€£.,/:-])(?P<y>[12]\d{3})[-/.](?P<m>[01]\d)[-/.](?P<d>[0-3]\d)"
    r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?P<z>Z|[+-]\d\d:?\d\d)?)?"
    r"(?![\w/-]|[.:]\d)"
)
def _iso_date(match: re.Match[str], text: str) -> _Candidate | None:
    found = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if found is None:
        return None
    if match.group("h"):
        value = f"{found.isoformat()}T{match['h']}:{match['mi']}" + (
            "Z" if match.group("z") == "Z" else ""
        )
        return _Candidate(
            match.start(),
            match.end(),
            "TIME",
            lambda ctx: _Resolved(value, _day_range(found)),
        )
    return _Candidate(
        match.start(), match.end(), "DATE", lambda ctx: _resolved(_day_range(found)), kind="day"
    )


@_rule(
    r"(?<![\w$€£.,/:-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?![\w/]|[.:]\d)"
)
def _numeric_date(match: re.Match[str], text: str) -> _Candidate | None:
    """ "1/29/2025", "29.01.2025"; "3/4/2025" only when the publication date settles it."""
    a, b, year_text = int(match["a"]), int(match["b"]), match["y"]
    if match["sep"] == "." and len(year_text) != 4:
        return None  # "1.5.2" is a version number
    readings = []
    for day, month in ((b, a), (a, b)) if match["sep"] == "/" else ((a, b),):
        if 1 <= month <= 12:
            readings.append((month, day))
    if not readings:
        return None

    def resolve(ctx: _Context) -> _Resolved | None:
        if len(year_text) == 4:
            year = int(year_text)
        elif ctx.dct is not None:
            year = (ctx.dct.year // 100) * 100 + int(year_text)
            if year > ctx.dct.year + 10:
                year -= 100
        else:
            return None
        days = {found for m, d in readings if (found := _safe_date(year, m, d))}
        if len(days) > 1 and ctx.dct is not None:
            # Ambiguous day/month order: keep the reading close to the publication date, if
            # exactly one is (a date a few weeks before it, or a few days after).
            near = {d for d in days if -45 <= (d - ctx.dct).days <= 7}
            days = near
        if len(days) != 1:
            return None
        return _resolved(_day_range(days.pop()))

    return _Candidate(match.start(), match.end(), "DATE", resolve, kind="day")


_STRONG_YEAR_BEFORE = {
    "in", "since", "by", "until", "till", "from", "during", "of", "before", "after", "through",
    "throughout", "early", "mid", "late", "end", "between", "and", "to", "or", "spring",
    "summer", "autumn", "fall", "winter", "fiscal", "year", "around", "circa", "c", "is", "was",
    "for", "as", "at", "into", "on", "than",
}  # fmt: skip
_COUNT_WORDS_BEFORE = {
    "about", "nearly", "almost", "some", "over", "approximately", "roughly", "least", "more",
    "up", "than", "only", "just", "another", "additional", "extra", "of", "top", "no", "number",
    "#", "page", "pages", "issue", "route", "flight", "room", "model", "version", "windows",
}  # fmt: skip
_NOT_NOUN_AFTER = {
    "was", "is", "has", "as", "its", "this", "thus", "plus", "versus", "across", "his",
    "unless", "always", "perhaps", "besides", "sales", "results", "elections", "figures",
    "levels", "earnings", "profits", "losses", "budgets", "games", "olympics", "accounts",
    "rules", "reforms", "talks", "protests", "polls", "statistics", "data", "numbers",
    "standards", "targets", "estimates", "forecasts", "campaigns",
}  # fmt: skip


@_rule(r"(?<![\w$€£#@/.,:'’-])(?P<year>1[89]\d\d|20\d\d)(?![\w%]|[.,]\d|:\d|['’]?s\b)")
def _bare_year(match: re.Match[str], text: str) -> _Candidate | None:
    """A year alone, "2019", unless it reads as an amount ("2000 workers", "$2025")."""
    year = int(match["year"])
    before = _previous_word(text, match.start())
    after = re.match(r"[\s-]+([A-Za-z]+)", text[match.end() : match.end() + 30])
    next_word = after.group(1) if after else ""
    if re.search(
        r"[$€£¥]\s*$|\b(?:US|USD|EUR|GBP|Rs|No)\.?\s*$",
        text[max(0, match.start() - 6) : match.start()],
    ):
        return None
    if re.match(r"\s*(?:million|billion|thousand|trillion|bn|m|k|mn|km|kg|mph|ft|per\s+cent|"
                r"percent|people|tonnes|tons|units|jobs|workers|employees|staff|troops|"
                r"soldiers|dollars|euros|pounds|yuan|yen|barrels|acres|miles|feet|metres|"
                r"meters)\b", text[match.end() : match.end() + 40], re.IGNORECASE):  # fmt: skip
        return None
    name_before = re.search(
        r"\b([A-Z][A-Za-z&]+)[^\S\n]+$", text[max(0, match.start() - 25) : match.start()]
    )
    if (
        name_before
        and name_before.group(1).casefold() not in _STRONG_YEAR_BEFORE | set(MONTHS)
        and re.match(r"[^\S\n]+[A-Z][a-z]", text[match.end() : match.end() + 3])
        and not re.search(
            r"(?:^|[.!?]\s+|\n)\S+\s+$", text[max(0, match.start() - 25) : match.start()]
        )
    ):
        return None  # "Russell 2000 Index", "Windows 2000 Server": part of a name
    if before not in _STRONG_YEAR_BEFORE:
        if before in _COUNT_WORDS_BEFORE and year % 100 == 0:
            return None  # "about 2000 people"
        if (
            next_word
            and next_word[0].islower()
            and next_word.endswith("s")
            and next_word.casefold() not in _NOT_NOUN_AFTER
        ):
            return None  # "2000 cars": a count
    date_range = DateRange.year(year)
    return _Candidate(
        match.start(), match.end(), "DATE", lambda ctx: _resolved(date_range), kind="year"
    )


@_rule(rf"(?<![\w$€£.,/-])(?:{_PART})(?P<year>[12]\d{{3}})\b(?![%]|[.,]\d|['’]?s\b)")
def _part_of_year(match: re.Match[str], text: str) -> _Candidate | None:
    year = int(match["year"])
    part = _part_name(match.group("part"))
    if part is None:
        return None
    date_range = DateRange.part_of_year(year, part)
    return _Candidate(
        match.start(), match.end(), "DATE", lambda ctx: _resolved(date_range, value=str(year))
    )


@_rule(
    r"(?<![\w$€£.,/-])(?P<y1>[12]\d{3})\s*(?:-|–|—|/)\s*"
    r"(?P<y2>[12]\d{3}|\d{2})(?![\w%]|[.,]\d|['’]?s\b)"
)
def _year_range(match: re.Match[str], text: str) -> _Candidate | None:
    """ "2018-2020", "2011-12": a span of whole years ("2018 to 2020" is joined later)."""
    first, second = int(match["y1"]), match["y2"]
    last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
    if not 1800 <= first < last <= 2100 or last - first > 60:
        return None
    if re.search(r"[$€£¥]\s*$", text[max(0, match.start() - 3) : match.start()]):
        return None
    date_range = DateRange.years(first, last)
    value = f"{first}/{last}"
    return _Candidate(
        match.start(), match.end(), "DATE", lambda ctx: _resolved(date_range, value=value)
    )


@_rule(r"(?<![\w$€£.,/'’-])['’](?P<yy>\d\d)(?![\w'’%]|[.,]\d)")
def _short_year(match: re.Match[str], text: str) -> _Candidate | None:
    """ "'82", "Q1 '25" (the quarter rule takes that): a year written with two digits."""
    before = _previous_word(text, match.start())
    if before not in _STRONG_YEAR_BEFORE | set(MONTHS) | {"class", "the"}:
        return None
    short = int(match["yy"])

    def resolve(ctx: _Context) -> _Resolved | None:
        base = ctx.dct.year if ctx.dct else 2000
        year = (base // 100) * 100 + short
        if year > base + 10:
            year -= 100
        return _resolved(DateRange.year(year))

    return _Candidate(match.start(), match.end(), "DATE", resolve, kind="year")


@_rule(
    r"(?<![\w$€£.,/-])(?:(?P<the>the\s+)(?:(?P<part>early|mid|late)[\s-]+)?)?"
    r"(?:(?P<full>1[0-9]\d0|20\d0)['’]?s|(?P<short>['’]\d0s|\d0s))(?!\w)"
)
def _decade(match: re.Match[str], text: str) -> _Candidate | None:
    """ "the 1990s", "the late '70s", "the 1800s" (a century)."""
    listed = re.search(
        r"\d0['’]?s,?\s+(?:and|or|to|through)\s+$", text[max(0, match.start() - 20) : match.start()]
    )
    if match["short"] and not (match["the"] or match["short"][0] in "'’" or listed):
        return None  # "in their 30s": an age; "the 70s and 80s" is a list of decades
    if match["full"]:
        first = int(match["full"])
    else:
        digits = int(match["short"].lstrip("'’")[:2])
        first = (2000 if digits < 20 else 1900) + digits
    century = first % 100 == 0 and match["full"] is not None and first < 2000
    span = 100 if century else 10
    last = first + span - 1
    part = match["part"]
    if part:
        third = span // 3 if century else 3
        if part.casefold() == "early":
            last = first + third
        elif part.casefold() == "mid":
            first, last = first + third + 1, first + span - third - 2
        else:
            first = last - third
    value = str(int(match["full"] or first) // span) if not part else str(first // span)
    if part:
        value = str((first - first % span) // span)
    date_range = DateRange.years(first, last)
    return _Candidate(
        match.start(), match.end(), "DATE", lambda ctx: _resolved(date_range, value=value)
    )


_CENTURY_ORDINALS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21,
}  # fmt: skip


# Only "the ... century" or the adjective "...-century": "his 15th century" in sports copy is a
# hundred runs, not a date.
@_rule(
    r"(?<![\w-])(?P<the>the\s+)?(?:(?P<num>1\d|2[01])(?:st|nd|rd|th)|(?P<word>"
    + "|".join(sorted(_CENTURY_ORDINALS, key=len, reverse=True))
    + r"))(?(the)[\s-]+|-)(?P<century>century)(?![\w])"
)
def _century(match: re.Match[str], text: str) -> _Candidate | None:
    """ "the 20th century", "the twenty-first century", "a 19th-century law"."""
    if _capitalised(match, "century") and re.match(r"\s+[A-Z]", text[match.end() :]):
        return None  # "21st Century Fox", "20th Century Studios": a name
    number = int(match["num"]) if match["num"] else _CENTURY_ORDINALS[match["word"].casefold()]
    # TimeML writes a century as its first two digits: the 20th century is "19" (1900-1999).
    date_range = DateRange.years((number - 1) * 100, number * 100 - 1)
    value = str(number - 1)
    ordinal = "num" if match["num"] else "word"
    # "the 19th-century law": "the" belongs to "law", the adjective alone is the date.
    hyphenated = text[match.start("century") - 1] == "-"
    start = match.start(ordinal) if hyphenated else match.start()
    return _Candidate(start, match.end(), "DATE", lambda ctx: _resolved(date_range, value=value))


_QUARTER_OF = (
    r"(?:(?:\s+of)?\s*,?\s*(?P<year>[12]\d{3})\b|\s+['’](?P<yy>\d\d)\b|\s+of\s+(?:the\s+)?"
    r"(?P<rel>this|last|next|the\s+(?:current|previous|prior|same|following|last|next)|"
    r"current|previous|prior|the)\s+(?:fiscal\s+|financial\s+|calendar\s+)?year)?"
)


@_rule(
    r"(?<![\w$€£.,/-])(?:(?P<the>the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|"
    r"3rd|4th)[\s-]+(?:fiscal\s+|financial\s+|calendar\s+)?quarter|Q(?P<q>[1-4])|(?P<q2>[1-4])Q)"
    + _QUARTER_OF
    + r"(?!\w)"
)
def _quarter(match: re.Match[str], text: str) -> _Candidate | None:
    """ "Q1 2025", "the first quarter", "third-quarter", "the fourth quarter of last year"."""
    ordinal = (match["ord"] or "").casefold()
    year_text = match["year"]
    rel = (match["rel"] or "").casefold()
    explicit_year = year_text is not None or match["yy"] is not None or bool(rel)
    if ordinal == "last" and not explicit_year:
        # "last quarter", "the last quarter": the one before the publication quarter.
        return _Candidate(
            match.start(),
            match.end(),
            "DATE",
            lambda ctx: _relative_period(ctx, "quarter", -1),
        )
    quarter = int(match["q"] or match["q2"] or ORDINALS[ordinal])

    def resolve(ctx: _Context) -> _Resolved | None:
        if year_text:
            return _resolved(DateRange.quarter(int(year_text), quarter))
        if ctx.dct is None:
            return _Resolved(f"XXXX-Q{quarter}")
        if match["yy"]:
            return _resolved(DateRange.quarter(2000 + int(match["yy"]), quarter))
        if rel:
            shift = {"last": -1, "previous": -1, "prior": -1, "next": 1, "following": 1}
            year = ctx.dct.year + shift.get(rel.split()[-1], 0)
            return _resolved(DateRange.quarter(year, quarter), "dct")
        picked = _pick_year(ctx, lambda y: DateRange.quarter(y, quarter))
        return _resolved(picked, "dct")

    return _Candidate(match.start(), match.end(), "DATE", resolve)


@_rule(
    r"(?<![\w$€£.,/-])(?:(?:the\s+)?(?P<ord>first|second|1st|2nd|latter)\s+half\s+of\s+"
    r"(?:(?P<year>[12]\d{3})\b|(?:the\s+)?(?P<rel>this|last|next|the|current|previous)\s+year)"
    r"|(?P<h>[12])H\s*(?P<y2>[12]\d{3}|\d\d)\b|H(?P<h2>[12])\s*(?P<y3>[12]\d{3}|['’]?\d\d)\b)"
)
def _half(match: re.Match[str], text: str) -> _Candidate | None:
    """ "the first half of 2025", "H2 2024", "the second half of this year"."""
    ordinal = (match["ord"] or "").casefold()
    half = int(match["h"] or match["h2"] or (1 if ordinal in {"first", "1st"} else 2))
    year_text = match["year"] or match["y2"] or match["y3"]
    rel = (match["rel"] or "").casefold()

    def resolve(ctx: _Context) -> _Resolved | None:
        if year_text:
            digits = year_text.lstrip("'’")
            year = int(digits) if len(digits) == 4 else 2000 + int(digits)
            anchored = ""
        elif ctx.dct is None:
            return _Resolved(f"XXXX-H{half}")
        else:
            year = ctx.dct.year + {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
            anchored = "dct"
        return _resolved(DateRange.half(year, half), anchored, f"{year}-H{half}")

    return _Candidate(match.start(), match.end(), "DATE", resolve)


def _reads_as_season(match: re.Match[str], text: str, season: str, rel: str) -> bool:
    """Whether "spring", "fall" ... is the season here, not a noun or verb ("a fall in prices")."""
    after = text[match.end() : match.end() + 20]
    ends_phrase = re.match(r"\s*(?:[,.;:)!?]|$)", after) is not None
    if rel or match["part"]:
        return True  # "last summer", "early autumn"
    if match["rel"]:  # "the summer"
        return ends_phrase or (
            re.match(r"\s+(?:months?|season|term|session|break|holidays?|recess)\b", after)
            is not None
            and season not in {"fall", "spring"}
        )
    if match["prep"]:  # "in the spring", "by summer"
        if season in {"fall", "spring"}:
            return (
                ends_phrase or re.match(r"\s+(?:and|or|when|as|before|after)\b", after) is not None
            )
        return re.match(r"\s+(?:of|in|from|on)\b", after) is None
    # A bare capitalised season after "in" or a possessive: "in Spring", "their Autumn meetings".
    previous = _previous_word(text, match.start())
    return match["season"][0].isupper() and previous in {"in", "their", "its", "his", "her", "our"}


@_rule(
    r"(?<![\w$€£.,/-])(?:(?P<mod>earlier|later)\s+(?=this\s))?"
    r"(?:(?P<rel>this|last|next|coming|past|previous|the\s+coming|the\s+past|"
    r"the\s+last|the\s+next|the)\s+|(?P<prep>in|by|during|until|since|over|through|throughout|"
    r"before|after)\s+(?:the\s+)?|(?:(?P<part>early|mid|late)[\s-]+))?"
    r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>[12]\d{3})\b)?"
    r"(?![\w-])"
)
def _season(match: re.Match[str], text: str) -> _Candidate | None:
    """ "last summer", "in the spring", "autumn 2024", "early winter"."""
    season = match["season"].casefold()
    rel = (match["rel"] or "the").casefold().split()[-1]
    rel = "" if rel == "the" else rel
    year_text = match["year"]
    if not (year_text or _reads_as_season(match, text, season, rel)):
        return None
    part = match["part"]

    def build(year: int) -> DateRange:
        full = DateRange.season(year, season)
        if not part:
            return full
        month_start = full.start
        offset = {"early": 0, "mid": 1, "late": 2}[part.casefold()]
        first = shift_months(month_start, offset)
        return DateRange(first, month_bounds(first.year, first.month)[1], Precision.APPROXIMATE)

    def value(date_range: DateRange) -> str:
        return f"{date_range.start.year}-{SEASONS[season][1]}"

    def resolve(ctx: _Context) -> _Resolved | None:
        if year_text:
            built = build(int(year_text))
            return _resolved(built, "", value(built))
        if ctx.dct is None:
            return _Resolved(f"XXXX-{SEASONS[season][1]}")
        dct = ctx.dct
        this = build(dct.year if not (season == "winter" and dct.month <= 2) else dct.year - 1)
        if rel == "this" and match["mod"] and this.start <= dct <= this.end:
            # "earlier this summer" said in August: from the season's start to the day said.
            earlier = match["mod"].casefold() == "earlier"
            part = (this.start, dct) if earlier else (dct, this.end)
            picked = DateRange(*part, Precision.APPROXIMATE)
        elif rel == "this":
            picked = this
        elif rel in {"last", "past", "previous"}:
            picked = this if this.end < dct else build(this.start.year - 1)
        elif rel in {"next", "coming"}:
            picked = this if this.start > dct else build(this.start.year + 1)
        else:
            tense = ctx.tense()
            picked = this
            if tense == "past" and this.start > dct:
                picked = build(this.start.year - 1)
            elif tense == "future" and this.end < dct:
                picked = build(this.start.year + 1)
        return _resolved(picked, "dct", value(picked))

    start = match.start("mod") if match["mod"] else -1
    if start < 0:
        start = match.start("rel") if match["rel"] else match.start("part")
    if start < 0:
        start = match.start("season")
    if match["rel"] and rel == "":
        start = match.start("season")  # "the summer": the season is the expression
    return _Candidate(start, match.end(), "DATE", resolve)


_HOLIDAY_PATTERN = "|".join(
    sorted((re.escape(h).replace(r"\ ", r"\s+") for h in _HOLIDAYS), key=len, reverse=True)
).replace("'", "['’]?")


@_rule(rf"(?<![\w-])(?P<name>{_HOLIDAY_PATTERN})(?:\s+(?P<year>[12]\d{{3}})\b)?(?![\w-])")
def _holiday_rule(match: re.Match[str], text: str) -> _Candidate | None:
    if not match["name"][0].isupper():
        return None
    name = re.sub(r"\s+", " ", match["name"].casefold().replace("’", "'"))
    if name not in _HOLIDAYS:
        name = name.replace("years", "year's")
    if name not in _HOLIDAYS:
        return None
    year_text = match["year"]

    def resolve(ctx: _Context) -> _Resolved | None:
        if year_text:
            return _resolved(_day_range(_holiday(name, int(year_text))))
        if ctx.dct is None:
            return None
        picked = _pick_year(ctx, lambda y: _day_range(_holiday(name, y)))
        return _resolved(picked, "dct")

    return _Candidate(match.start(), match.end(), "DATE", resolve, kind="day")
