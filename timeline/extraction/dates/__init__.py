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

The package follows those steps: ``timex`` (the returned value), ``vocabulary`` (shared words
and pattern pieces), ``resolution`` (candidates and their context), ``calendar`` (range
arithmetic), ``registry`` (how a rule registers), the rule modules ``absolute``, ``relative``,
``references``, ``clock`` and ``durations``, and ``pipeline`` (``find_timexes``).
"""

from timeline.extraction.dates.pipeline import find_timexes, reanchored
from timeline.extraction.dates.timex import TIMEX_TYPES, Timex

__all__ = ["TIMEX_TYPES", "Timex", "find_timexes", "reanchored"]
