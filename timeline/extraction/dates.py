"""Time expressions in news text: find them, classify them, resolve them against a date.

``find_timexes(text, dct)`` returns the time expressions of ``text`` as ``Timex`` values with
TimeML TIMEX3 types and values, character offsets into ``text`` and, for dates, the inclusive
range of days they stand for with a precision (see ``daterange``). ``dct`` is the document
creation time: the publication date of the article, against which "on Tuesday", "last month"
or "in recent weeks" are resolved following the news conventions in DESIGN.md.

How it works: a set of precompiled patterns proposes candidate expressions (explicit dates in
every news spelling, relative days and periods, weekdays, quarters, seasons, decades, clock
times, durations and sets), each with a resolver. Overlapping candidates are settled longest
first; neighbours are then joined ("between March 3 and 7", "12:00 UTC Monday"). Resolvers run
in text order, so "the following day" can refer to the last day the text stated, and look at
the tense of the sentence around the expression: a bare weekday in a past-tense sentence is the
latest such day on or before the publication date, with a future verb the next one after it.

The patterns are deliberately conservative about words that are dates only sometimes ("May",
"March", "Sun", "second", "fall", four-digit numbers): a wrong date in a chronology is worse
than a missing one. No pattern searches the text with a date parser; every phrase found is
resolved by calendar arithmetic, which is both faster and predictable.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from timeline.extraction.daterange import (
    MONTHS,
    SEASONS,
    DateRange,
    DateRangeError,
    Precision,
    month_bounds,
    shift_months,
)

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression found in a text.

    ``start``/``end`` index the input text (Python str indices, end exclusive) and
    ``text == input[start:end]``. ``value`` is the TIMEX3 value ("2025-01-29", "2025-W05",
    "PAST_REF", "P3M", "XXXX-WXX-2" ...). DATE and TIME expressions that resolve to days carry
    an inclusive range (``date_start``..``date_end``) and a precision (day, week, month,
    quarter, year, approximate); DURATION and SET carry neither, nor do dates that name no
    bounded period ("in the past", a weekday without a publication date). ``anchored_on`` says
    what a relative expression was resolved against: "dct" (the publication date), "text" (a
    date stated earlier in the text) or "" for absolute expressions. A range joined from two
    dates ("from 2018 to 2020") keeps them in ``parts``, the way TimeML annotates ranges.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    precision: str | None
    date_start: date | None
    date_end: date | None
    anchored_on: str = ""
    parts: tuple[Timex, ...] = ()

    @property
    def date_range(self) -> DateRange | None:
        """The range as a ``DateRange``, or None when the expression names no bounded period."""
        if self.date_start is None or self.date_end is None or self.precision is None:
            return None
        return DateRange(self.date_start, self.date_end, Precision(self.precision))

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the ``timex --jsonl`` contract (dates as ISO strings)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "precision": self.precision,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
        }


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
# Abbreviations only count next to a full date ("Tue, Mar 18, 2025"): alone, "Sat", "Sun" and
# "Wed" are far more often a verb, a newspaper or a name.
WEEKDAY_ABBREVIATIONS = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12,
    "a": 1, "an": 1, "a single": 1, "single": 1, "half a": 0.5, "a half": 0.5, "a couple of": 2,
    "couple of": 2, "a couple": 2,
}  # fmt: skip
VAGUE_COUNTS = (
    "a few", "few", "several", "many", "some", "multiple", "dozens of", "hundreds of",
    "a number of", "numerous", "countless",
)  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip
# TIMEX3 unit letters; the flag says whether the unit is a time of day (PT...).
UNITS = {
    "second": ("S", True), "minute": ("M", True), "min": ("M", True), "hour": ("H", True),
    "hr": ("H", True), "day": ("D", False), "night": ("D", False), "week": ("W", False),
    "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "yr": ("Y", False), "decade": ("Y", False), "century": ("Y", False),
    "weekend": ("WE", False),
}  # fmt: skip
UNIT_FACTORS = {"fortnight": 2, "decade": 10, "century": 100}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
}  # fmt: skip
# Clock-time zones written after a time; UTC/GMT make a TIMEX3 "Z" suffix.
_TIME_ZONES = (
    r"UTC|GMT|Z|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST|EET|EEST|IST|JST|KST|"
    r"HKT|SGT|AEST|AEDT|AWST|MSK|WIB"
)
# Holidays with a fixed or computable day (the year follows the same rule as "March 7").
_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31), "new year's day": (1, 1),
    "new years day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
    "thanksgiving": ("thanksgiving", 0), "thanksgiving day": ("thanksgiving", 0),
    "black friday": ("thanksgiving", 1), "cyber monday": ("thanksgiving", 4),
    "labor day": ("labor", 0), "memorial day": ("memorial", 0), "good friday": ("easter", -2),
    "easter": ("easter", 0), "easter sunday": ("easter", 0), "easter monday": ("easter", 1),
}  # fmt: skip
# Weekday names that are part of a name, not a date ("Super Tuesday" has no fixed date, "The
# Sunday Times" is a newspaper).
_WEEKDAY_NAME_BEFORE = re.compile(
    r"(?:Black|Super|Ash|Palm|Holy|Maundy|Bloody|Blue|Giving|Shrove|Whit|Low|Plough)\s+$"
)
_WEEKDAY_NAME_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Independent|Mail|Tribune|Star|"
    r"Business\s+Post|Night\s+Football|Morning\s+Herald|School)\b"
)

# --------------------------------------------------------------------------------------------
# Pattern pieces
# --------------------------------------------------------------------------------------------

_MONTH_ALTERNATION = "|".join(
    sorted((name for name in MONTHS), key=len, reverse=True)
)  # "september|..." longest first so "Sept" wins over "Sep"
_FULL_WEEKDAY = "|".join(WEEKDAYS)
_ANY_WEEKDAY = "|".join(sorted([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS], key=len, reverse=True))


def _month(name: str = "month") -> str:
    """A month name; abbreviations may take a full stop ("Jan."), full names leave it alone."""
    return (
        rf"(?:(?P<{name}>{_MONTH_ALTERNATION})\b"
        r"(?:(?:(?<=\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))|(?<=\bsept))\.)?)"
    )


def _day(name: str = "day") -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:.,]\d|%)"


def _year(name: str = "year") -> str:
    return rf"(?P<{name}>[12]\d{{3}})\b(?![%]|[.,]\d)"


_WD_PREFIX = rf"(?:(?P<wd>{_ANY_WEEKDAY})\b\.?,?\s+)?"
_PART = (
    r"(?P<part>early|mid|middle|late|(?:(?:the\s+)?(?:very\s+)?"
    r"(?:end|beginning|start|middle|turn|close)\s+of(?:\s+the)?))(?:\s*-\s*|\s+)"
)
_NUM = (
    r"\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    r"(?:one|two|three|four|five|six|seven|eight|nine)|"
    + "|".join(
        sorted((re.escape(w).replace(r"\ ", r"\s+") for w in NUMBER_WORDS), key=len, reverse=True)
    )
)
_NUM_OR_VAGUE = rf"(?:{_NUM})(?:\s+and\s+a\s+half)?|" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in VAGUE_COUNTS
)
_UNIT = (
    r"(?:seconds|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|"
    r"quarters?|years?|yrs?|decades?|century|centuries|weekends?)"
)
_DURATION_MOD_WORDS = (
    r"(?:nearly|almost|about|around|roughly|approximately|some|more\s+than|less\s+than|"
    r"fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|just|only|barely|a\s+full|"
    r"the\s+(?:past|last|next|previous|coming|first|final|following|remaining|"
    r"preceding|prior))"
)
_DURATION_MOD = rf"(?:{_DURATION_MOD_WORDS}\s+)"
_DURATION_ADJ = (
    r"(?:(?:consecutive|straight|successive|trading|business|working|calendar|full|long|more|"
    r"additional|further|extra|whole|entire|previous|past|last)\s+)"
)

_FLAGS = re.IGNORECASE


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


# --------------------------------------------------------------------------------------------
# Candidates and resolution
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Resolved:
    value: str
    range: DateRange | None = None
    anchored_on: str = ""
    parts: tuple[tuple[_Candidate, _Resolved], ...] = ()


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    type: str
    resolve: Callable[[_Context], _Resolved | None]
    kind: str = ""  # what joins allow: "day", "date", "time", "year" ...
    priority: int = 0


class _Context:
    """What resolvers need: the publication date, the tense around an expression, anchors."""

    def __init__(self, text: str, dct: date | None) -> None:
        self.text = text
        self.dct = dct
        self.clauses = _Clauses(text)
        self.last_day: date | None = None
        self.last_range: DateRange | None = None
        self.start = 0
        self.end = 0

    # Anchors: the dates the text itself has stated so far.
    def text_anchor(self, unit: str) -> tuple[date, str] | None:
        """The last stated date fine enough for ``unit`` (day, week, month, year), or the dct."""
        if unit == "day" and self.last_day is not None:
            return self.last_day, "text"
        if unit != "day" and self.last_range is not None:
            fine_enough = {
                "week": {Precision.DAY, Precision.WEEK},
                "month": {Precision.DAY, Precision.WEEK, Precision.MONTH},
                "quarter": {Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.QUARTER},
                "year": set(Precision) - {Precision.APPROXIMATE},
            }[unit]
            if self.last_range.precision in fine_enough:
                return self.last_range.start, "text"
        if self.dct is not None:
            return self.dct, "dct"
        return None

    # Tense: the verb of the clause that governs the expression (news default: past).
    def tense(self) -> str:
        """ "future", "past" or "perfect" for the expression being resolved.

        "perfect" is a present perfect ("has announced") with nothing nearer: past for a day or
        a week, but no reason to move a month or quarter to the year before, since English does
        not put a present perfect with a finished period ("has closed plants in the fourth
        quarter" is about this year's).
        """
        return self.clauses.tense(self.start, self.end)


class _Clauses:
    """Sentences, clause boundaries and tense markers of a whole text, found in one pass each.

    The tense of an expression comes from the clause that governs it: the stretch of its
    sentence between the nearest clause boundaries (";", ",", quotes, brackets, dashes, and
    "that", "which", "who", "while", "but" ... or "and"/"or" before a new subject), so in
    "introduced a bill on Monday that would ban it" the "would" of the relative clause has no
    say over Monday. Within the clause the nearest marker wins, one before the expression
    ("said on Tuesday") a little ahead of one after it ("on Tuesday announced"); a clause
    without any marker ("On Tuesday, the minister said") borrows from the nearest one in the
    sentence. Everything is found once per text, so resolving n expressions costs O(n log n)
    however long the sentences are.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._blocks: dict[int, list[tuple[int, int, str, int]]] = {}
        self._break_blocks: dict[int, list[tuple[int, int, bool]]] = {}

    # Everything is found lazily, one block of ``_BLOCK`` characters at a time and only around
    # the expressions that ask: a text with few relative dates pays for little of it.
    def _block(self, index: int) -> list[tuple[int, int, str, int]]:
        """The tense markers starting in one block."""
        found = self._blocks.get(index)
        if found is not None:
            return found
        text = self.text
        first, last = index * _BLOCK, (index + 1) * _BLOCK
        markers: list[tuple[int, int, str, int]] = []
        # A little before the block, so the verb group of its first marker is seen whole.
        for match in _TENSE_MARKERS.finditer(text, max(0, first - 40), min(len(text), last + 60)):
            for group, tense, penalty in _TENSE_GROUPS:
                if match.group(group):
                    marker = (match.start(), match.end(), tense, penalty)
                    break
            # A future auxiliary takes the verb group along: "will remain closed" is future.
            if (
                markers
                and marker[2] == "past"
                and markers[-1][2] in {"future", "present"}
                and _VERB_GROUP_GAP.fullmatch(text, markers[-1][1], marker[0])
            ):
                continue
            markers.append(marker)
        found = [m for m in markers if first <= m[0] < last]
        self._blocks[index] = found
        return found

    def _break_block(self, index: int) -> list[tuple[int, int, bool]]:
        """Sentence ends (True) and clause boundaries (False) starting in one block."""
        found = self._break_blocks.get(index)
        if found is not None:
            return found
        text = self.text
        first, last = index * _BLOCK, (index + 1) * _BLOCK
        stop = min(len(text), last + 8)
        found = [
            (m.start(), m.end(), True)
            for m in _SENTENCE_BREAK.finditer(text, first, stop)
            if m.start() < last and not _is_abbreviation(text, m)
        ]
        found += [
            (m.start(), m.end(), False)
            for m in _CLAUSE_SPLIT.finditer(text, first, stop)
            if m.start() < last
        ]
        self._break_blocks[index] = found
        return found

    def _breaks(self, first: int, last: int) -> list[tuple[int, int, bool]]:
        return [
            item
            for index in range(first // _BLOCK, max(first, last - 1) // _BLOCK + 1)
            for item in self._break_block(index)
            if first <= item[0] < last
        ]

    def _bounds(self, start: int, end: int) -> tuple[int, int, int, int]:
        """The sentence and the clause around ``start..end``.

        Text without sentence ends (lists, tables) is read a few hundred characters around.
        """
        first, last = max(0, start - _SENTENCE_REACH), min(len(self.text), end + _SENTENCE_REACH)
        clause_first, clause_last = first, last
        for b_start, b_end, sentence in self._breaks(first, last):
            if b_end <= start:
                clause_first = max(clause_first, b_end)
                if sentence:
                    first = max(first, b_end)
            elif b_start >= end:
                clause_last = min(clause_last, b_start)
                if sentence:
                    last = min(last, b_start + 1)
        return first, last, max(clause_first, first), min(clause_last, last)

    def _markers_in(
        self, first: int, last: int, start: int, end: int
    ) -> list[tuple[int, int, str, int]]:
        """The markers in ``first..last`` nearest the expression: a few on each side.

        Nearer markers always win (the weak "-ed" penalty is smaller than a few words), so
        looking further would change nothing but the cost on text dense with markers.
        """
        markers = [
            m
            for index in range(first // _BLOCK, (max(first, last - 1)) // _BLOCK + 1)
            for m in self._block(index)
            if first <= m[0] < last
        ]
        middle = bisect.bisect_left([m[0] for m in markers], start)
        return markers[max(0, middle - _NEAREST) : middle + _NEAREST]

    def tense(self, start: int, end: int) -> str:
        first, last, clause_first, clause_last = self._bounds(start, end)
        in_clause = [
            m
            for m in self._markers_in(clause_first, clause_last, start, end)
            if (m[1] <= start or m[0] >= end) and m[1] <= clause_last
        ]
        before = self.text[max(clause_first, start - 8) : start]
        if _UNTIL_BEFORE.search(before) and any(m[2] != "past" for m in in_clause):
            # "has kept markets closed until Friday", "will remain shut through May": the
            # state runs from now to that day, which is still ahead.
            return "future"
        best = self._nearest(in_clause, start, end, crossing=0)
        if best is None:
            outside = [
                m
                for m in self._markers_in(first, last, start, end)
                if (m[1] <= clause_first or m[0] >= clause_last)
            ]
            best = self._nearest(outside, start, end, crossing=15)
        return best or "past"

    @staticmethod
    def _nearest(
        markers: list[tuple[int, int, str, int]], start: int, end: int, crossing: int
    ) -> str | None:
        best: tuple[int, str] | None = None
        for m_start, m_end, tense, penalty in markers:
            if tense == "present":
                continue  # "remains" says nothing about when a day was, only "until" uses it
            gap = start - m_end if m_end <= start else m_start - end + 8
            cost = gap + penalty + crossing
            if best is None or cost < best[0]:
                best = (cost, tense)
        return best[1] if best else None


def _is_abbreviation(text: str, match: re.Match[str]) -> bool:
    """A full stop after "Mr", "Jan" or an initial does not end the sentence."""
    if not match.group().startswith("."):
        return False
    before = text[max(0, match.start() - 6) : match.start() + 1]
    return _ABBREVIATION_END.search(before) is not None


_SENTENCE_REACH = 400
_NEAREST = 4  # markers looked at on each side of an expression
_BLOCK = 256  # characters of text scanned for tense markers at a time
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*")
# Clause boundaries: punctuation, quotes, and the words that open a new clause.
_CLAUSE_SPLIT = re.compile(
    r"[;:()\[\]\"“”–—]|``|''|\s-\s|,(?=\s)"
    r"|\b(?:that|which|who|whom|whose|while|whereas|but|although|though|because|whereby)\b"
    r"|\b(?:and|or)(?=\s+(?:he|she|it|they|we|I|you|there|officials|analysts)\b)",
    re.IGNORECASE,
)
_UNTIL_BEFORE = re.compile(r"(?:^|\W)(?:until|till|through|thru)\s+$", re.IGNORECASE)
# Between a future auxiliary and the participle of its verb group: one or two plain words.
_VERB_GROUP_GAP = re.compile(r"(?:\s+[a-z]+){0,2}\s+")

_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Prof|Inc|Corp|Co|Ltd|No|"
    r"vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Ave|U\.S|U\.K|U\.N|a\.m|p\.m)"
    r"|\b[A-Z])\.$"
)
# Verbs and words that set the tense of a clause; -ed words are weak evidence (penalty in chars).
# A future auxiliary takes its participle along ("will be finalized by June 10"), so the "-ed"
# does not read as a past tense; "has been scheduled" leaves "scheduled" to say future.
_FUTURE_PARTICIPLE = r"(?:\s+(?!scheduled|slated|planned)[a-z]+(?:ed|en|wn|ld|un|ne)\b)?"
_TENSE_MARKERS = re.compile(
    r"(?P<future>\b(?:(?:has|have|had)\s+been\s+(?:scheduled|slated|planned|set\s+for)|"
    r"(?:will|won't|wo\s+n't|shall|would|should|may|might|must|'ll|going\s+to|gonna)"
    r"(?:\s+(?:not|also|still|then|now|soon|likely|probably|only|either|again))?"
    r"(?:\s+(?:be|have\s+been|have|get))?" + _FUTURE_PARTICIPLE + "|"
    r"to\s+be" + _FUTURE_PARTICIPLE + "|"
    r"(?:is|are|was|were|be|been)\s+(?:set|due|scheduled|slated|expected|poised|likely|going|"
    r"about|planning|preparing)\s+to|(?:is|are)\s+to|plans?\s+to|planning\s+to|intends?\s+to|"
    r"aims?\s+to|upcoming|next|takes?\s+effect|to\s+take\s+effect|goes\s+into\s+effect|"
    r"go\s+into\s+effect|comes?\s+into\s+force|starting|effective|tomorrow|ahead\s+of|"
    r"later\s+this|"
    r"expects?\s+to|hopes?\s+to|wants?\s+to|seeks?\s+to|seeking\s+to|would\s+like\s+to|"
    r"scheduled|slated|planned\s+for|expected|"
    r"due\s+(?:on|by|in|to\s+(?:be|take|start|open|close|begin|end|meet|vote|arrive))|"
    r"deadline|in\s+the\s+coming)\b)"
    r"|(?P<perfect>\b(?:has|have|'ve)\s+(?:(?:also|already|now|just|since|recently|not|never|"
    r"repeatedly|previously)\s+)?(?:been\s+)?(?!been\b)(?:[a-z]+(?:ed|en|wn)|said|made|held|kept|"
    r"cut|put|hit|set|sent|sold|told|lost|won|left|paid|laid|led|met|built|spent|begun|done|"
    r"gone|come|become|seen|grown|shown|risen|fallen|written|chosen|taken|given)\b)"
    r"|(?P<past>\b(?:(?:was|were|had|has\s+been|have\s+been)"
    r"(?:\s+(?!scheduled|slated|planned|set)[a-z]+ed\b)?|"
    r"said|told|did|ago|last|earlier|yesterday|previously|"
    r"announced|reported|added|noted|wrote|stated|claimed|met|began|came|went|took|made|"
    r"gave|saw|won|lost|held|left|got|put|sent|sold|bought|rose|fell|hit|"
    r"signed|passed|launched|released|issued|unveiled|revealed|confirmed|agreed|voted|"
    r"ruled|filed|closed|opened|ended|started|decided|informed|emerged)\b)"
    r"|(?P<present>\b(?:remains?|stays?|continues?|persists?|lasts?)\b)"
    r"|(?P<weak_past>\b[a-z]{3,}ed\b)",
    re.IGNORECASE,
)
_TENSE_GROUPS = (
    ("future", "future", 0),
    ("perfect", "perfect", 0),
    ("past", "past", 0),
    ("present", "present", 0),
    ("weak_past", "past", 12),
)


# --------------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------------


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
    if tense == "past" and this_year.start > dct + timedelta(days=7):
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


def _anchored(ctx: _Context) -> str:
    return "dct" if ctx.dct is not None else ""


# --------------------------------------------------------------------------------------------
# Rules: pattern + handler that turns a match into a candidate
# --------------------------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], str], "_Candidate | Iterator[_Candidate] | None"]
_RULES: list[tuple[re.Pattern[str], _Handler]] = []


def _single_line(pattern: str) -> str:
    """The pattern with ``\\s`` unable to match a line break.

    Titles, datelines and page chrome sit on lines of their own: an expression never spans two
    ("Friday" ending a title is not the weekday of the dateline below it).
    """
    out, in_class, index = [], False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            pair = pattern[index : index + 2]
            if pair == r"\s":
                out.append(" \\t\u00a0" if in_class else r"[^\S\n]")
            else:
                out.append(pair)
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)


def _rule(pattern: str, *, flags: int = _FLAGS) -> Callable[[_Handler], _Handler]:
    compiled = re.compile(_single_line(pattern), flags)

    def register(handler: _Handler) -> _Handler:
        _RULES.append((compiled, handler))
        return handler

    return register


def _capitalised(match: re.Match[str], group: str) -> bool:
    word = match.group(group)
    return word is not None and word[:1].isupper()


def _month_number(match: re.Match[str], group: str = "month") -> int:
    return MONTHS[match.group(group).casefold().rstrip(".")]


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

        picked = _pick_year(ctx, build)
        return _resolved(picked, "dct") if picked else None

    return resolve


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
    if not _capitalised(match, "month"):
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
    if not _capitalised(match, "month"):
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
    if not _capitalised(match, "month"):
        return None
    return _day_span(match, match.start(), match.end())


@_rule(
    rf"(?<![\w$€£.,/-])(?:between\s+)?{_day('d1')}\s*(?:-|–|—|to|and)\s*{_day('d2')}\s+"
    rf"{_month()}(?:,?\s+{_year()})?"
)
def _day_day_month(match: re.Match[str], text: str) -> _Candidate | None:
    """ "3-7 March 2025": one range of days in one month."""
    if not _capitalised(match, "month"):
        return None
    return _day_span(match, match.start(), match.end())


@_rule(rf"\bbetween\s+{_month()}\s*{_day('d1')}\s+and\s+{_day('d2')}(?:(?:,\s*|\s+){_year()})?")
def _between_days(match: re.Match[str], text: str) -> _Candidate | None:
    if not _capitalised(match, "month"):
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
    if not _capitalised(match, "month"):
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
    r"(?<![\w$€£.,/-])(?:(?P<rel>this|last|next|coming|past|previous|the\s+coming|the\s+past|"
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
        if rel == "this":
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


def _relative_period(ctx: _Context, unit: str, shift: int) -> _Resolved | None:
    if ctx.dct is None:
        return _Resolved({-1: "PAST_REF", 1: "FUTURE_REF"}.get(shift, "PRESENT_REF"))
    return _resolved(_period(unit, ctx.dct, shift), "dct")


@_rule(
    r"(?<![\w-])(?:(?P<rel>this|last|next|coming|current|the\s+current|the\s+coming)\s+"
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
    """ "this week", "last month", "the following day", "the past year", "a day later"."""
    start, end = match.start(), match.end()
    if match["rel"]:
        rel = match["rel"].casefold().split()[-1]
        unit = match["unit"].casefold()
        if match["fiscal"] and match["fiscal"].casefold() != "calendar":
            return None  # "this fiscal year" has no calendar bounds without the company's
        if _previous_word(text, start) == "the" and rel in {"last", "next", "coming"}:
            return None  # "the last year" is the past twelve months, handled below
        shift = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[rel]
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
    shift = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1, "the": None}.get(rel)
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
    r"following|during|because|while|under|of\s+(?:the|this|that|last|next)\s+month)\b))"
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


@_rule(
    r"(?<![\w-])(?:(?P<rel>last|next|this|coming|past|previous)\s+)?"
    rf"(?P<wd>{_FULL_WEEKDAY})(?P<plural>s)?(?:['’]s)?"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?![\w-])"
)
def _weekday(match: re.Match[str], text: str) -> _Candidate | None:
    """ "on Tuesday", "last Friday", "Thursday night", "on Mondays" (a set)."""
    if not _capitalised(match, "wd"):
        return None
    before = text[max(0, match.start() - 20) : match.start()]
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
            day = _weekday_after(dct, weekday)
        else:
            day = _weekday_on_or_before(dct, weekday)
        value = day.isoformat() + (f"T{PARTS_OF_DAY[pod]}" if pod else "")
        return _Resolved(value, _day_range(day), "dct")

    return _Candidate(start, match.end(), "TIME" if pod else "DATE", resolve, kind="day")


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


def _present_ref(ctx: _Context) -> _Resolved:
    if ctx.dct is None:
        return _Resolved("PRESENT_REF")
    return _Resolved("PRESENT_REF", DateRange(ctx.dct, ctx.dct, Precision.APPROXIMATE), "dct")


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


# --------------------------------------------------------------------------------------------
# Clock times
# --------------------------------------------------------------------------------------------


@_rule(
    r"(?<![\w:.$€£/-])(?:(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?"
    r"|(?P<h2>1[0-2]|0?[1-9])[.:](?P<m2>[0-5]\d)(?=\s*[ap]\.?\s?m\b)"
    r"|(?P<h3>1[0-2]|0?[1-9])(?=\s*[ap]\.?\s?m\.?(?!\w))"
    rf"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?=\s*(?:hours|hrs|GMT|UTC|Z)\b))"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
    rf"(?:\s*(?P<tz>{_TIME_ZONES})\b(?:\s*(?P<offset>[+-]\s*\d{{1,2}}(?::?\d\d)?))?)?"
    r"(?:\s*\((?P<tz2>(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d\d)?|[A-Z]{2,5})\))?"
    r"(?:\s+(?:hours|hrs)\b)?"
    r"(?![\w:]|[.,]\d)"
)
def _clock_time(match: re.Match[str], text: str) -> _Candidate | None:
    """ "09:16 PM", "16:08 UTC", "6:40 p.m. (GMT +8)", "3 pm": a time of day."""
    hour = int(match["h"] or match["h2"] or match["h3"] or match["h4"])
    minute = int(match["m"] or match["m2"] or match["m4"] or 0)
    ampm = (match["ampm"] or "").casefold()
    if match["h3"] and not ampm:
        return None
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    after = text[match.end() : match.end() + 10]
    if re.match(r"\s*(?:min|minutes|read|watch|listen)\b", after, re.IGNORECASE):
        return None  # "6:30 min read", a video length
    if match["h"] and not (ampm or match["tz"] or match["tz2"]):
        before = _previous_word(text, match.start())
        if match["s"] is None and before in {"john", "verse", "chapter", "ratio", "by", "scale"}:
            return None
    tz = (match["tz"] or "").upper()
    utc = tz in {"UTC", "GMT", "Z"} and not match["offset"]
    clock = f"T{hour:02d}:{minute:02d}" + ("Z" if utc else "")

    def resolve(ctx: _Context) -> _Resolved:
        anchor = ctx.text_anchor("day")
        if anchor is None:
            return _Resolved(f"XXXX-XX-XX{clock}")
        # The day is a guess (the last day the text stated): the value carries it, the range
        # does not, so a clock time alone never dates an event.
        return _Resolved(anchor[0].isoformat() + clock, None, anchor[1])

    return _Candidate(match.start(), match.end(), "TIME", resolve, kind="time")


@_rule(r"(?<![\w-])(?P<word>noon|midday|midnight)(?![\w-])")
def _noon(match: re.Match[str], text: str) -> _Candidate:
    clock = "T12:00" if match["word"].casefold() != "midnight" else "T24:00"

    def resolve(ctx: _Context) -> _Resolved:
        anchor = ctx.text_anchor("day")
        if anchor is None:
            return _Resolved(f"XXXX-XX-XX{clock}")
        return _Resolved(anchor[0].isoformat() + clock, None, anchor[1])

    return _Candidate(match.start(), match.end(), "TIME", resolve, kind="time")


# --------------------------------------------------------------------------------------------
# Durations and sets
# --------------------------------------------------------------------------------------------

_DURATION_PREVIOUS_WORDS = {
    "for", "over", "in", "within", "after", "about", "around", "nearly", "almost", "than",
    "of", "least", "only", "just", "past", "last", "next", "first", "entire", "whole", "full",
    "roughly", "approximately", "some", "to", "under", "took", "take", "takes", "spent",
    "spend", "lasted", "half", "another", "extra", "additional", "each", "every",
    "per",
}  # fmt: skip
_SET_PREVIOUS_WORDS = {
    "once", "twice", "thrice", "times", "million", "billion", "thousand", "trillion",
    "hundred", "bn", "m", "k", "percent", "cent",
}  # fmt: skip


@_rule(
    rf"(?<![\w$€£.,-])(?P<mod>{_DURATION_MOD})?(?P<num>{_NUM_OR_VAGUE})(?:\s+|-)"
    rf"(?P<adj>{_DURATION_ADJ})?(?P<unit>{_UNIT})(?:(?P<dash>-)(?P<suffix>old|long))?(?![\w-])"
)
def _duration(match: re.Match[str], text: str) -> _Candidate | None:
    """ "three months", "24 hours", "a 20-year", "nearly five months", "the next four years"."""
    num_text, unit = match["num"], match["unit"]
    key = _unit_key(unit)
    count = _num_value(num_text)
    vague = count is None
    singular = not unit.casefold().endswith("s") or unit.casefold() in {"hrs", "mins"}
    if key == "second" and (singular or num_text.casefold() in {"a", "an"}):
        return None  # "a second term": an ordinal
    if num_text.casefold() in {"a", "an", "a single"} and not singular:
        return None
    if vague and singular:
        return None
    if key == "min" and re.match(
        r"\s+(?:read|watch|listen)\b", text[match.end() : match.end() + 40], _FLAGS
    ):
        return None  # "6 min read": page chrome
    if key in {"quarter"} and not (match["adj"] or not singular):
        return None  # "a quarter of the workers": a fraction
    if re.search(r"[$€£¥]\s*$", text[max(0, match.start() - 2) : match.start()]):
        return None
    if match["num"][0].isdigit() and re.match(r"\d{4}$", match["num"]):
        return None  # "2025 years" is not news copy; protects years in odd spellings
    value = _duration_value(count, key)
    previous = _previous_word(text, match.start())
    if (
        num_text.casefold() in {"a", "an", "one", "per"}
        and singular
        and not match["mod"]
        and previous not in _DURATION_PREVIOUS_WORDS
        and (previous in _SET_PREVIOUS_WORDS or re.match(r"[\d$€£]", previous or "x"))
    ):
        return _Candidate(match.start(), match.end(), "SET", lambda ctx: _Resolved(value))
    if match["suffix"] and match["suffix"].casefold() == "old":
        return _Candidate(match.start(), match.end(), "DURATION", lambda ctx: _Resolved(value))
    return _Candidate(match.start(), match.end(), "DURATION", lambda ctx: _Resolved(value))


@_rule(
    r"(?<![\w-])(?:(?P<prep>for|over\s+the|in)\s+)(?P<unit>years|decades|months|weeks|days|"
    r"hours|centuries)(?![\w-])(?!\s+(?:ago|of|later|earlier|before|after|old)\b)"
    r"|(?<![\w-])(?P<unit2>years|decades|months|weeks|days|hours|year|decade|month|week|day)"
    r"-long(?![\w-])"
)
def _vague_duration(match: re.Match[str], text: str) -> _Candidate | None:
    """ "for years", "over the years", "decades-long": a duration of unknown length."""
    unit = match["unit"] or match["unit2"]
    key = _unit_key(unit)
    singular = not unit.casefold().endswith("s")
    value = _duration_value(1 if singular else None, key)
    start = match.start("unit") if match["unit"] else match.start()
    if match["prep"] and match["prep"].casefold().startswith("over"):
        start = match.start()
    return _Candidate(start, match.end(), "DURATION", lambda ctx: _Resolved(value))


@_rule(
    r"(?<![\w-])(?:(?P<every>every|each)\s+(?:(?P<other>other)\s+|(?P<num>\d+|two|three|four|five|"
    r"six|ten|twelve)\s+)?(?P<unit>days?|weeks?|months?|quarters?|years?|hours?|minutes?|"
    r"decades?|weekends?|mornings?|evenings?|nights?|summers?|winters?|"
    + _FULL_WEEKDAY
    + "|"
    + "|".join(name for name in MONTHS if len(name) > 4 or name in {"may", "june", "july"})
    + r")"
    r"|(?P<adverb>daily|nightly|weekly|biweekly|fortnightly|monthly|bimonthly|quarterly|"
    r"annually|yearly|hourly|annual|biannual|semiannual|semi-annual|biennial|every\s+day)"
    r"|(?P<freq>once|twice|thrice|(?:\d+|two|three|four|five|six|ten)\s+times)\s+(?:a|an|per|"
    r"every|each)\s+(?P<unit2>day|week|month|quarter|year|hour|decade|minute)"
    r"|(?<![\w$])per\s+(?P<unit3>day|week|month|quarter|year|hour|annum|minute))(?![\w-])"
)
def _set(match: re.Match[str], text: str) -> _Candidate | None:
    """ "every Monday", "weekly", "twice a year", "per day": a recurring time."""
    adverb = (match["adverb"] or "").casefold()
    if adverb:
        if match["adverb"][0].isupper() and re.match(
            r"\s+[A-Z]", text[match.end() : match.end() + 40]
        ):
            return None  # "Daily Mail", "Weekly Standard"
        values = {
            "daily": "P1D", "every day": "P1D", "nightly": "P1D", "weekly": "P1W",
            "biweekly": "P2W", "fortnightly": "P2W", "monthly": "P1M", "bimonthly": "P2M",
            "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y",
            "hourly": "PT1H", "biannual": "P6M", "semiannual": "P6M", "semi-annual": "P6M",
            "biennial": "P2Y",
        }  # fmt: skip
        value = values[re.sub(r"\s+", " ", adverb)]
        return _Candidate(match.start(), match.end(), "SET", lambda ctx: _Resolved(value))
    if match["every"]:
        unit_text = match["unit"]
        name = unit_text.casefold().rstrip("s")
        if name in WEEKDAYS or name + "s" in WEEKDAYS:
            name = name if name in WEEKDAYS else name + "s"
            value = f"XXXX-WXX-{WEEKDAYS[name] + 1}"
        elif unit_text.casefold() in MONTHS:
            value = f"XXXX-{MONTHS[unit_text.casefold()]:02d}"
        elif name in {"morning", "evening", "night"}:
            value = f"XXXX-XX-XXT{PARTS_OF_DAY[name]}"
        elif name in {"summer", "winter"}:
            value = f"XXXX-{SEASONS[name][1]}"
        else:
            count = 2 if match["other"] else (_num_value(match["num"]) if match["num"] else 1)
            value = _duration_value(count, name)
        return _Candidate(match.start(), match.end(), "SET", lambda ctx: _Resolved(value))
    unit = (match["unit2"] or match["unit3"]).casefold()
    value = "P1Y" if unit == "annum" else _duration_value(1, unit)
    return _Candidate(match.start(), match.end(), "SET", lambda ctx: _Resolved(value))


# --------------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------------

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
    return [_to_timex(text, c, r) for c, r in _join(text, found)]


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
    _month_day: _MONTH_WORDS,
    _day_month: _MONTH_WORDS,
    _month_day_day: _MONTH_WORDS,
    _day_day_month: _MONTH_WORDS,
    _between_days: _MONTH_WORDS,
    _month_year: _MONTH_WORDS,
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
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
# Rules with the same trigger words share their windows ("#" rules, month rules ...).
_GROUPS: list[frozenset[str]] = []
_RULE_GROUP: list[int] = []
for _pattern, _handler in _RULES:
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
    for (pattern, handler), group in zip(_RULES, _RULE_GROUP, strict=True):
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
