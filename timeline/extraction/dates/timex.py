"""The ``Timex`` value the date finder returns and the TIMEX3 types it uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from timeline.extraction.daterange import (
    DateRange,
    Precision,
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
