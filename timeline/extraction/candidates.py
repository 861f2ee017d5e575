"""What the event extractor returns: the event types (the Event model's), ``EventCandidate``
with its ``EventActor`` parts, ``Extraction``, and the title and summary lengths."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from timeline.extraction.dates import Timex

BAN = "ban"
RESTRICTION = "restriction"
EXPORT_CONTROL = "export_control"
LEGISLATION = "legislation"
HEARING = "hearing"
STATEMENT = "statement"
REPORT = "report"
INVESTIGATION = "investigation"
PROPOSAL = "proposal"
AGREEMENT = "agreement"
LAWSUIT = "lawsuit"
OTHER = "other"

TITLE_MAX = 100
SUMMARY_MAX = 320


@dataclass(frozen=True, slots=True)
class EventActor:
    """An actor's part in a candidate: ``role`` is "initiator", "target" or "subject";
    ``office`` is what the text says a person is ("U.S. President")."""

    name: str
    kind: str
    country: str
    role: str
    office: str = ""


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """One event found in a text, with its evidence sentence (``text[start:end]``)."""

    title: str
    summary: str
    event_type: str
    date_start: date
    date_end: date
    precision: str
    date_text: str | None
    date_basis: str
    sentence: str
    start: int
    end: int
    actors: tuple[EventActor, ...]
    confidence: float
    country: str = ""
    # Another actor's act told in a clause of the sentence ("..., prompting China to respond"):
    # a second event, even on the same day and of the same type.
    apart: bool = field(default=False, repr=False, compare=False)
    # Told in a clause that sets the main one in time ("..., a day after the U.S. tightened its
    # curbs"): the next sentence's "the measure" or "it" is the main clause's, not this one's.
    background: bool = field(default=False, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the ``extract --jsonl`` contract."""
        return {
            "title": self.title,
            "summary": self.summary,
            "event_type": self.event_type,
            "date_start": self.date_start.isoformat(),
            "date_end": self.date_end.isoformat(),
            "precision": self.precision,
            "date_text": self.date_text,
            "date_basis": self.date_basis,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "actors": [actor.name for actor in self.actors],
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What ``extract`` found in one text."""

    published: date | None
    events: tuple[EventCandidate, ...]
    sentence_count: int = 0
    timexes: tuple[Timex, ...] = field(default=(), repr=False)
