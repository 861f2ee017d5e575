"""The rule registry: each rule is a pattern and a handler that turns a match into a candidate.

Rules register in import order, which breaks ties between candidates of the same length."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from timeline.extraction.daterange import (
    MONTHS,
)
from timeline.extraction.dates.resolution import _Candidate
from timeline.extraction.dates.vocabulary import _FLAGS

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
