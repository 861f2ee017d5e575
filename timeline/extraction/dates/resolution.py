"""Candidates and their resolution: what a rule proposes, the context it is resolved in
(publication date, dates stated earlier, the tense of the sentence)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from timeline.extraction.daterange import (
    DateRange,
    Precision,
)


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
        self.last_year: tuple[int, int] | None = None  # (a stated year, where it ends)
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

    def sentence_year(self) -> int | None:
        """A year stated earlier in this sentence, before the publication year: "In 2019, the
        commission announced the schedule on March 10" dates March 10 in 2019."""
        if self.last_year is None or self.dct is None:
            return None
        year, end = self.last_year
        if year >= self.dct.year or _SENTENCE_BREAK.search(self.text, end, self.start):
            return None
        return year

    # Tense: the verb of the clause that governs the expression (news default: past).
    def tense(self) -> str:
        """ "future", "past", "perfect" or "planned" for the expression being resolved.

        "perfect" is a present perfect ("has announced") with nothing nearer: past for a day or
        a week, but no reason to move a month or quarter to the year before, since English does
        not put a present perfect with a finished period ("has closed plants in the fourth
        quarter" is about this year's). "planned" is a plan told in the past ("was set to take
        effect on Aug. 1"): its day may be on either side of the publication date.
        """
        return self.clauses.tense(self.start, self.end)


_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“])|\n")


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
                # "the deadline lapsed": a noun that looks ahead heads no verb group.
                and not _NOMINAL_FUTURE.search(text, markers[-1][0], markers[-1][1])
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
_NOMINAL_FUTURE = re.compile(r"\b(?:deadline|upcoming|next|tomorrow)$", re.IGNORECASE)
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
    r"(?:is|are|be|been)\s+(?:set|due|scheduled|slated|expected|poised|likely|going|"
    r"about|planning|preparing)\s+to|(?:is|are)\s+to|plans?\s+to|planning\s+to|intends?\s+to|"
    r"aims?\s+to|upcoming|next|takes?\s+effect|to\s+take\s+effect|goes\s+into\s+effect|"
    r"go\s+into\s+effect|comes?\s+into\s+force|starting|effective|tomorrow|ahead\s+of|"
    r"later\s+this|"
    r"expects?\s+to|hopes?\s+to|wants?\s+to|seeks?\s+to|seeking\s+to|would\s+like\s+to|"
    r"scheduled|slated|planned\s+for|expected|"
    r"due\s+(?:on|by|in|to\s+(?:be|take|start|open|close|begin|end|meet|vote|arrive))|"
    r"deadline|in\s+the\s+coming)\b)"
    # "was set to take effect on Aug. 1 but has been delayed": a plan told in the past, whose
    # day may lie on either side of the publication date.
    r"|(?P<planned>\b(?:was|were)\s+(?:set|due|scheduled|slated|expected|poised|likely|going|"
    r"about|planning|preparing)\s+to(?:\s+(?:take\s+effect|come\s+into\s+(?:force|effect)|"
    r"go\s+into\s+effect|be\s+[a-z]+|[a-z]+))?\b)"
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
    r"ruled|filed|closed|opened|ended|started|decided|informed|emerged|"
    # "the deadline lapsed on Monday": a time limit that ran out is behind us.
    r"expired|lapsed|elapsed|ran\s+out)\b)"
    r"|(?P<present>\b(?:remains?|stays?|continues?|persists?|lasts?)\b)"
    r"|(?P<weak_past>\b[a-z]{3,}ed\b)",
    re.IGNORECASE,
)
_TENSE_GROUPS = (
    ("future", "future", 0),
    ("planned", "planned", 0),
    ("perfect", "perfect", 0),
    ("past", "past", 0),
    ("present", "present", 0),
    ("weak_past", "past", 12),
)
