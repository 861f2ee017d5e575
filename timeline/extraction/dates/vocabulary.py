"""Vocabulary and pattern pieces the date rules share: month, weekday, unit and holiday words."""

from __future__ import annotations

import re

from timeline.extraction.daterange import (
    MONTHS,
)

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
    "a": 1, "an": 1, "a single": 1, "single": 1, "half a": 0.5, "half an": 0.5, "a half": 0.5,
    "a couple of": 2, "couple of": 2, "a couple": 2,
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
