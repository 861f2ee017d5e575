"""Rules for durations ("three years") and sets ("every week", "quarterly")."""

from __future__ import annotations

import re

from timeline.extraction.daterange import (
    MONTHS,
    SEASONS,
)
from timeline.extraction.dates.absolute import _previous_word
from timeline.extraction.dates.calendar import _duration_value, _num_value, _unit_key
from timeline.extraction.dates.registry import _rule
from timeline.extraction.dates.resolution import _Candidate, _Resolved
from timeline.extraction.dates.vocabulary import (
    _DURATION_ADJ,
    _DURATION_MOD,
    _FLAGS,
    _FULL_WEEKDAY,
    _NUM_OR_VAGUE,
    _UNIT,
    PARTS_OF_DAY,
    WEEKDAYS,
)

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
    rf"(?P<adj>{_DURATION_ADJ})?(?P<unit>{_UNIT})"
    r"(?:(?P<dash>-)(?P<suffix>old|long)|(?P<half>\s+and\s+a\s+half))?(?![\w-])"
)
def _duration(match: re.Match[str], text: str) -> _Candidate | None:
    """ "three months", "24 hours", "a 20-year", "nearly five months", "the next four years",
    "half an hour", "a year and a half"."""
    num_text, unit = match["num"], match["unit"]
    key = _unit_key(unit)
    count = _num_value(num_text)
    if match["half"] and count is not None:
        count += 0.5
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
        and not match["half"]
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
