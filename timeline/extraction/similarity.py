"""Whether two events are probably the same real-world event told by different sources.

Used by the review screen to say "this candidate looks like an event already published" and offer
to add the candidate's source to that event instead of publishing a duplicate. The signals are
the ones an editor weighs: dates that overlap (or nearly), actors in common, the same type of
action, and similar wording. Dates must be close; on top of that the events need shared actors
or clearly similar wording. Plain Python; no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from timeline.extraction.actors import country_names_as_codes
from timeline.extraction.normalize import name_key

NEAR_DAYS = 3
_WORD = re.compile(r"[^\W_]{3,}")
# Words that say nothing about which event a text describes.
_STOPWORD_TEXT = (
    "the and for with from that this was were are has have had its their his her our not "
    "but will would said says say about after before over into than then also been being "
    "which who what when where while amid against under more most some such other new"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# What an action is into or against ("a probe into the firm's pricing", "a case against the
# firm"), up to the clause's end or its date.
_ACTION_OBJECT = re.compile(
    r"\b(?:investigations?|probes?|inquir(?:y|ies)|reviews?|cases?|lawsuits?|suits?|"
    r"complaints?|proceedings)\s+(?:into|against)\s+(?P<object>(?:(?!(?:on|in|at|from|since|earlier|last|this|after|"
    r"before|which|that|who)\b)[^\s,.;:()]+\s*){1,6})",
    re.IGNORECASE,
)

# Kinds of measure, by the usual words for them; the value is the kind. News names one kind in
# many words: a crackdown on exports, export curbs, controls and restrictions are one kind.
MEASURE_KINDS = {
    **dict.fromkeys(("tariff", "tariffs", "duty", "duties", "levy", "levies"), "tariff"),
    **dict.fromkeys(("ban", "bans", "prohibition"), "ban"),
    **dict.fromkeys(("sanction", "sanctions"), "sanction"),
    **dict.fromkeys(("law", "act", "bill", "rule", "rules", "regulation", "regulations"), "law"),
    **dict.fromkeys(
        (
            *("control", "controls", "restriction", "restrictions"),
            *("curb", "curbs", "curbing", "curbed", "crackdown", "crackdowns"),
        ),
        "control",
    ),
    **dict.fromkeys(("tax", "taxes"), "tax"),
}
_MEASURE_KIND = re.compile(r"\b(?:" + "|".join(MEASURE_KINDS) + r")\b", re.IGNORECASE)
# Measures named by no kind: "the sweeping measures", "its countermeasures".
UNNAMED_MEASURES = re.compile(r"\b(?:counter)?measures\b", re.IGNORECASE)


def measure_kinds(text: str) -> frozenset[str]:
    """The kinds of measure ``text`` names (``MEASURE_KINDS``): "export curbs" is a control."""
    return frozenset(MEASURE_KINDS[word.casefold()] for word in _MEASURE_KIND.findall(text))


@dataclass(frozen=True, slots=True)
class EventSketch:
    """What similarity looks at in an event."""

    title: str
    date_start: date
    date_end: date
    summary: str = ""
    event_type: str = ""
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Likeness:
    """Why two events look alike, and how strongly (0 to 1)."""

    score: float
    reasons: tuple[str, ...]
    shared_actors: tuple[str, ...]


def likeness(candidate: EventSketch, other: EventSketch) -> Likeness | None:
    """How ``candidate`` resembles ``other``; None when they are not plausibly one event."""
    # Gaps in days, not shifted dates: no day follows 31 Dec 9999.
    gap_after = (candidate.date_start - other.date_end).days
    gap_before = (other.date_start - candidate.date_end).days
    if gap_after > NEAR_DAYS or gap_before > NEAR_DAYS:
        return None
    overlapping = candidate.date_start <= other.date_end and other.date_start <= candidate.date_end
    other_keys = {name_key(name) for name in other.actors}
    shared = tuple(name for name in candidate.actors if name_key(name) in other_keys)
    wording = word_similarity(
        f"{candidate.title} {candidate.summary}", f"{other.title} {other.summary}"
    )
    same_type = bool(candidate.event_type) and candidate.event_type == other.event_type
    # Actors like "DeepSeek" appear in most events of a story: an actor in common needs the
    # same type of action or some common wording too; without one, the wording must be close.
    if not (shared and (same_type or wording >= 0.2)) and wording < 0.35:
        return None
    reasons = ["overlapping dates" if overlapping else f"dates within {NEAR_DAYS} days"]
    if shared:
        reasons.append("shared actors: " + ", ".join(shared))
    if same_type:
        reasons.append("same type")
    if wording >= 0.2:
        reasons.append("similar wording")
    fewest_actors = max(1, min(len(candidate.actors), len(other.actors)))
    score = (
        0.3 * (1.0 if overlapping else 0.5)
        + 0.3 * min(1.0, len(shared) / fewest_actors)
        + 0.3 * min(1.0, wording * 2)
        + 0.1 * same_type
    )
    return Likeness(score=round(score, 3), reasons=tuple(reasons), shared_actors=shared)


def word_similarity(first: str, second: str) -> float:
    """Jaccard similarity of the content words of two texts (0 to 1)."""
    return set_similarity(content_words(first), content_words(second))


def set_similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """Jaccard similarity of two sets of content words (0 to 1; 0 when either is empty)."""
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that say which event it describes, lightly stemmed."""
    return frozenset(
        _stem(word) for word in _WORD.findall(text.casefold()) if word not in _STOPWORDS
    )


def _stem(word: str) -> str:
    """A light stem, so that "bans", "banned" and "banning" all meet "ban"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in {"ing", "ed"} and len(word) >= 4 and word[-1] == word[-2]:
                word = word[:-1]  # "bann" -> "ban", "barr" -> "bar"
            break
    return word


def action_objects(text: str) -> frozenset[str]:
    """The content words of what the actions of ``text`` are into or against, countries left
    out: one country's tariffs and its canola are two objects, "Canada" names neither."""
    return frozenset(
        word
        for match in _ACTION_OBJECT.finditer(text)
        for word in content_words(country_names_as_codes(match["object"]))
        if not word.startswith("country")
    )
