"""Rules for clock times: "9:30 a.m.", "12:00 UTC", "noon"."""

from __future__ import annotations

import re

from timeline.extraction.dates.absolute import _previous_word
from timeline.extraction.dates.registry import _rule
from timeline.extraction.dates.resolution import _Candidate, _Context, _Resolved
from timeline.extraction.dates.vocabulary import _TIME_ZONES


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
    return _at_clock(match, f"T{hour:02d}:{minute:02d}" + ("Z" if utc else ""))


@_rule(r"(?<![\w-])(?P<word>noon|midday|midnight)(?![\w-])")
def _noon(match: re.Match[str], text: str) -> _Candidate:
    return _at_clock(match, "T12:00" if match["word"].casefold() != "midnight" else "T24:00")


def _at_clock(match: re.Match[str], clock: str) -> _Candidate:
    """A TIME expression at ``clock`` ("T14:30") on the last day the text stated."""

    def resolve(ctx: _Context) -> _Resolved:
        anchor = ctx.text_anchor("day")
        if anchor is None:
            return _Resolved(f"XXXX-XX-XX{clock}")
        # The day is a guess (the last day the text stated): the value carries it, the range
        # does not, so a clock time alone never dates an event.
        return _Resolved(anchor[0].isoformat() + clock, None, anchor[1])

    return _Candidate(match.start(), match.end(), "TIME", resolve, kind="time")
