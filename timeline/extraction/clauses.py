"""Clause splitting: the parts of a sentence that can each report an action with its own date.

"China protested on Wednesday after the U.S. added 80 companies to its list on Tuesday" tells two
events; so does "The Senate approved the bill late on Thursday, following which the House passed
it early on Friday". A clause starts at the start of the sentence, after a semicolon or a dash,
or at a connective that opens a new predication: "after", "before", "following", "a day after",
", and", ", but", ", while", ", which", ", who", ", as". Clause text never loses its
characters: each ``Clause`` is a slice of the sentence, with ``lead`` the connective that opens
it ("after", "which", "" for the first clause), so offsets stay those of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Clause:
    """``sentence[start:end]``, opened by ``lead`` (lower case, "" for the first clause)."""

    start: int
    end: int
    text: str
    lead: str

    @property
    def relative(self) -> bool:
        """A relative clause ("which was launched in September") hangs on a noun before it."""
        return self.lead in {"which", "who", "that"}


# Past tenses of the verbs news tells actions with that do not end in "-ed" (events.py too).
IRREGULAR_PAST = "took|made|began|gave|won|went|sent|held|brought|struck"
# How many days a counted clause is from the main one ("a day after", "four days before");
# events.py dates the clause by it. Digits count too.
DAY_COUNTS = {
    "a": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_HOW_MANY = "|".join([*(word for word in DAY_COUNTS if word != "the"), "several", r"\d+"])
# "a day after", "two weeks before", "the day after", "just days after", "hours later".
_COUNTED = (
    rf"(?:(?:just|only)\s+)?(?:(?:{_HOW_MANY}|the)\s+"
    r"(?:days?|weeks?|months?|hours?|minutes?)|days|weeks|months|hours)\s+(?:after|before|later)"
)
# Without a comma, "the day after" is a date ("on the day after the vote"), not a clause.
_COUNTED_BEFORE_AFTER = (
    rf"(?:(?:just|only)\s+)?(?:(?:{_HOW_MANY})\s+(?:days?|weeks?|hours?)|"
    r"days|weeks|hours)\s+(?:after|before)"
)
# A count before "days after" is no boundary ("four days after" opens one clause, not two).
_NOT_AFTER_A_COUNT = "".join(
    rf"(?<!\b{word})" for word in ("just", "only", "several", *DAY_COUNTS) if word != "a"
)
# "four months after" opens one clause; "in the months after" is no count, and "after" opens one.
_NOT_AFTER_COUNTED_MONTHS = "".join(
    rf"(?<!\b{word}\smonth)(?<!\b{word}\smonths)"
    for word in ("just", "only", "several", *DAY_COUNTS)
    if word != "the"
)
# Nouns that name a measure, and what a relative clause after one says was done with it: its
# own step ("took effect"), a passive ("was announced") or a named subject's act ("the
# Commission imposed", "Washington announced").
_MEASURE_NOUN = (
    r"(?:tariffs?|duties|duty|levy|levies|tax|taxes|bans?|sanctions|controls|curbs|"
    r"restrictions|rules?|regulations?|laws?|bills?|measures?|orders?|decrees?|fines?|"
    r"penalty|penalties|probe|investigation|polic(?:y|ies)|decision|requirements?)"
)
_RELATIVE_ACT = (
    r"(?:(?:went|goes|took|takes|came|comes|entered|enters|kicked)\s"
    rf"|(?:was|were|(?:had|has|have)\s+been)\s+(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|en)|{IRREGULAR_PAST}|"
    r"put|set|cut)\b"
    r"|(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,5}(?:[a-z]+ly\s+)?"
    rf"(?:[a-z]+ed|{IRREGULAR_PAST}|put|set|imposes|announces|adopts)\b)"
)
# The connective is part of the clause it opens; the boundary is where it starts.
_BOUNDARY = re.compile(
    r"\s*;\s*|\s+[—–]\s+"
    # A participle opens a clause; "including", "regarding" and the like are prepositions.
    r"|,\s*(?=(?!(?:including|excluding|regarding|concerning)\b)[a-z]+ing\s(?!that\b))"
    # A trailing attribution with its own date: "..., the ministry said on Friday."
    r"|,\s*(?=(?:[\w.'’-]+\s+){1,8}(?:said|says|told|announced)\b[^,]{0,60}$)"
    # "tariffs that went into effect earlier in the day": a measure's own dated step.
    r"|\s+(?=that\s+(?:went|goes|go|took|takes|take|came|comes|entered|enters)\s)"
    # "the ban which took effect on March 3", "the rules that were announced last week", "the
    # controls that the Commerce Department announced on Friday": a measure named with the act
    # that made it or brought it into force, in a relative clause of its own.
    rf"|\b{_MEASURE_NOUN}\s+(?=(?:that|which)\s+{_RELATIVE_ACT})"
    # "began its probe in October 2023 and initially approved a plan in April 2024".
    rf"|\s+(?=and\s+(?:[a-z]+ly\s+)?(?:(?:was|were)\s+[a-z]+(?:ed|en)|[a-z]+ed|{IRREGULAR_PAST})\s)"
    r"|\s+(?=since\s+(?:it|they|he|she|the)\s(?!(?:morning|afternoon|evening|night)\s+of\b))"
    # "will come into effect on Oct. 1 while the surtax will be applied on Oct. 15".
    r"|\s+(?=(?:while|whereas)\s+(?:the|its|their|[A-Z][\w.'’-]*(?:'s|’s)?)\s+[^,]{0,60}?"
    r"\b(?:will|would|was|were|is|are|has|have|had)\b)"
    rf"|,\s*(?=(?:and|but|while|whereas|which|who|as|after|before|following|since|when|"
    rf"{_COUNTED})\b)"
    r"|(?<!\bday)(?<!\bdays)(?<!\bweek)(?<!\bweeks)(?<!\bhour)(?<!\bhours)"
    rf"{_NOT_AFTER_A_COUNT}{_NOT_AFTER_COUNTED_MONTHS}(?<![\w,]\sa)(?<!\d)(?<!\d\smonths)"
    rf"\s+(?=(?:after|before|following|{_COUNTED_BEFORE_AFTER})"
    r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?[A-Za-z])",
    re.IGNORECASE,
)
_LEAD = re.compile(
    rf"(?:and|but|while|whereas|which|who|that|as|after|before|following|since|when|"
    rf"{_COUNTED})\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"(?:which|who|that)\b", re.IGNORECASE)
MIN_WORDS = 3
# "After Spain imposed duties on Monday, Portugal vowed ...": a subordinate clause, with its
# subject and verb, before the main one; it ends at its comma. A phrase without a verb
# ("Following the ruling on Monday, ...") or without a subject ("When asked, ...") is none.
_FRONTED_CLAUSE = re.compile(
    r"(?:After|Before|Following|Since|When)\s+(?![a-z]+(?:ed|ing)\b)"
    r"(?=[^,;]{0,80}?\s(?:[a-z]{3,}ed|was|were|had|has|have|is|are|"
    rf"{IRREGULAR_PAST}|came|froze|cut|set|put|hit)\b)[^,;]{{3,160}}?,\s+"
)
# "Shortly after ...", "Soon after ...", "Just before ...": an adverb before the connective.
_OPENING_ADVERB = re.compile(r"[A-Z][a-z]+ly|Soon|Just|Right|Long|Only|Even|Not\s+long")


def measure_acted_on(sentence: str, clause: Clause) -> int | None:
    """Where the measure's noun starts when ``clause`` is a relative clause after it that tells
    what was done with it ("the tariffs that were imposed last week", "the ban which took
    effect ..."), else None."""
    if not clause.relative:
        return None
    noun = re.search(rf"\b{_MEASURE_NOUN},?\s*$", sentence[: clause.start], re.IGNORECASE)
    if noun is None or not re.match(rf"(?:that|which)\s+{_RELATIVE_ACT}", clause.text, re.I):
        return None
    return noun.start()


@lru_cache(maxsize=4096)  # the extractor asks again for each trigger of a sentence
def split_clauses(sentence: str) -> tuple[Clause, ...]:
    """The clauses of ``sentence``, in order; a sentence without connectives is one clause.

    A piece too short to hold a predication (fewer than three words) stays with the clause
    before it, so "banned it, as expected" is one clause.
    """
    cuts = [0]
    fronted = _FRONTED_CLAUSE.match(sentence)
    if fronted:
        cuts.append(fronted.end())
    for match in _BOUNDARY.finditer(sentence):
        if match.start() > cuts[-1]:
            cuts.append(match.end())
    cuts.append(len(sentence))
    # A relative clause ends at the next comma: "Voltra, which was fined in 2022, reported ...".
    ends = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        comma = next(
            (
                m.start()
                for m in re.finditer(",", sentence[start:end])
                # "which goes into effect on 1 January, 2025": that comma is the date's.
                if not re.match(r",\s*\d{4}\b", sentence[start + m.start() :])
            ),
            -1,
        )
        if start and _RELATIVE.match(sentence, start) and comma != -1:
            comma += start
            ends.append(comma + 1)
        ends.append(end)
    clauses: list[Clause] = []
    pieces = list(zip([0, *ends], ends, strict=False))
    if len(pieces) > 1 and _OPENING_ADVERB.fullmatch(sentence[: pieces[0][1]].strip()):
        # "Shortly after taking office, X signed ...": an adverb opening the sentence belongs
        # to the clause it modifies, which stays the first.
        pieces[:2] = [(0, pieces[1][1])]
    for start, end in pieces:
        piece = sentence[start:end]
        start += len(piece) - len(piece.lstrip())
        piece = piece.lstrip()
        lead_match = _LEAD.match(piece) if start or fronted else None
        lead = lead_match.group().lower() if lead_match else ""
        text = piece.rstrip(" ,;")
        end = start + len(text)
        if clauses and len(text.split()) < MIN_WORDS and not clauses[-1].relative:
            last = clauses[-1]
            clauses[-1] = Clause(last.start, end, sentence[last.start : end], last.lead)
            continue
        if text:
            clauses.append(Clause(start, end, text, lead))
    return tuple(clauses)
