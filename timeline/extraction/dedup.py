"""One real-world event told twice in an article becomes one candidate: same type or similar
words, overlapping dates, shared actors; the best-evidenced telling is kept, with the actors of
both."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from timeline.extraction import actors as actor_kinds
from timeline.extraction.actors import government_headed, government_name
from timeline.extraction.candidates import (
    BAN,
    EXPORT_CONTROL,
    RESTRICTION,
    STATEMENT,
    EventActor,
    EventCandidate,
)
from timeline.extraction.similarity import action_objects

# A measure announced as a decision: "a final decision had been made", "its decision to"; or
# as the body's opposition to what it stops ("said it opposed the merger" the day it blocks it).
_DECISION = re.compile(r"\bdecision\b|\b(?:opposed|opposes|objected to|objects to) the\b", re.I)
_CONTENT_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "that this with from have has were will would could should their there they them "
        "which while about after before said says told also more than into over such "
        "some other been being only just what when where whose because",
    )
)


def _deduplicate(candidates: list[EventCandidate], published: date | None) -> list[EventCandidate]:
    """Merge tellings of one event; keep the best evidence and every actor named."""
    groups: list[list[EventCandidate]] = []
    # Two tellings of one event always share an actor (``_same_event``), so each candidate is
    # compared only with the groups naming one of its actors: long texts stay near-linear.
    by_actor: dict[str, list[int]] = {}
    for candidate in candidates:
        names = {actor.name for actor in candidate.actors} | {_headed(candidate)} - {""}
        nearby = sorted({index for name in names for index in by_actor.get(name, ())})
        for index in nearby:
            group = groups[index]
            if any(_same_event(candidate, other, published) for other in group) and not any(
                # Two dated tellings on different dates are two events, even when an
                # undated retelling resembles both.
                candidate.date_basis == other.date_basis == "stated"
                and (candidate.date_end < other.date_start or other.date_end < candidate.date_start)
                for other in group
            ):
                group.append(candidate)
                break
        else:
            index = len(groups)
            groups.append([candidate])
        for name in names:
            if index not in by_actor.setdefault(name, []):
                by_actor[name].append(index)
    merged = []
    for group in groups:
        best = max(group, key=_evidence_rank)
        names = {actor.name for actor in best.actors}
        extra = tuple(
            EventActor(a.name, a.kind, a.country, "subject", a.office)
            for other in group
            for a in other.actors
            if a.name not in names and not names.add(a.name)  # type: ignore[func-returns-value]
        )
        merged.append(_replace_actors(best, best.actors + extra))
    return sorted(merged, key=lambda c: (c.date_start, c.start))


def _evidence_rank(candidate: EventCandidate) -> tuple:
    return (
        candidate.date_basis == "stated",
        candidate.confidence,
        -(candidate.date_end - candidate.date_start).days,
        -candidate.start,
    )


def _same_event(a: EventCandidate, b: EventCandidate, published: date | None) -> bool:
    if a.start == b.start and a.sentence == b.sentence:
        # Two clauses of one sentence: two events unless one date phrase dates both.
        return (
            a.date_start == b.date_start
            and (a.event_type == b.event_type or a.date_text == b.date_text)
            and not _acts_apart(a, b)
        )
    first, second = _initiator_name(a), _initiator_name(b)
    if first and second:
        if first != second and not _one_country_acting(a, b) and not _one_step_in_force(a, b):
            return False
    elif not _key_actors(a) or not _key_actors(b):
        # A retelling that names no actor ("The units are among 80 companies added to the
        # list yesterday"): the same kind of event on the same dates in similar words.
        return (
            (a.date_start, a.date_end) == (b.date_start, b.date_end)
            and a.event_type == b.event_type
            and a.date_basis == b.date_basis == "stated"
            and _word_overlap(a.sentence, b.sentence) >= 0.2
        )
    elif not _key_actors(a) & _key_actors(b):
        return False
    if _objects_differ(a, b):
        return False
    similar = (
        a.event_type == b.event_type
        or _word_overlap(a.sentence, b.sentence) >= 0.3
        or _announces_the_decision(a, b)
    )
    if not similar:
        return False
    if a.date_start <= b.date_end and b.date_start <= a.date_end:
        return True
    # An undated retelling of an event the article dates elsewhere.
    undated, dated = (a, b) if a.date_basis == "publication" else (b, a)
    return (
        undated.date_basis == "publication"
        and dated.date_basis == "stated"
        and a.event_type == b.event_type
        and (published is None or dated.date_end <= published)
    )


def _one_country_acting(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether two initiators named apart are one country's public power acting on one actor
    named in both: the country as its government and a body of it ("the Netherlands fined
    Uber", "the Dutch watchdog on Monday fined Uber"), or a body and its own announcement of
    the decision under another spelling of its name ("Ireland's data protection commission
    fined LinkedIn"; "the decision ..., according to a statement by the Irish data protection
    commission on Thursday")."""
    one, other = (
        next(actor for actor in candidate.actors if actor.role == "initiator")
        for candidate in (a, b)
    )
    if one.country != other.country or not one.country:
        return False
    if one.kind != actor_kinds.GOVERNMENT or other.kind != actor_kinds.GOVERNMENT:
        return False
    levels = government_name(one.country) in {one.name, other.name}
    if not (levels or _announces_the_decision(a, b)):
        return False
    return bool((_key_actors(a) & _key_actors(b)) - {one.name, other.name})


# A measure coming into force, and the figure that names it ("104 per cent", "34%").
_IN_FORCE = re.compile(
    r"\b(?:in)?to\s+(?:effect|force)\b|\b(?:took|takes?|taken|taking)\s+effect\b"
)
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)


def _headed(candidate: EventCandidate) -> str:
    """The government the initiator is, or heads ("U.S. President Donald Trump"), or ""."""
    initiator = next((a for a in candidate.actors if a.role == "initiator"), None)
    if initiator is None:
        return ""
    if initiator.kind == actor_kinds.GOVERNMENT:
        return initiator.name
    if initiator.kind == actor_kinds.PERSON:
        return government_headed(initiator.office, initiator.country)
    return ""


def _one_step_in_force(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether two tellings say one government's measure of one figure came into force on one
    day, one naming the government ("U.S. tariffs of 104% came into effect Wednesday"), the
    other its head ("the President's 104% tariffs went into effect on Wednesday")."""
    return (
        a.precision == b.precision == "day"
        and (a.date_start, a.date_end) == (b.date_start, b.date_end)
        and bool(_headed(a))
        and _headed(a) == _headed(b)
        and all(_IN_FORCE.search(c.sentence) for c in (a, b))
        and bool(set(_FIGURE.findall(a.sentence)) & set(_FIGURE.findall(b.sentence)))
    )


def _announces_the_decision(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether one is its actor's announcement of "a decision" on the day of the other, its
    measure ("The authority fined the firm." and "It announced today a final decision"); the
    caller has checked that one actor acts in both."""
    statement, measure = (a, b) if a.event_type == STATEMENT else (b, a)
    return (
        statement.event_type == STATEMENT
        and measure.event_type in {BAN, RESTRICTION, EXPORT_CONTROL}
        and (statement.date_start, statement.date_end) == (measure.date_start, measure.date_end)
        and _DECISION.search(statement.sentence) is not None
    )


def _objects_differ(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether two sentences name what their actions are into or against and nothing in
    common ("a probe into its canola imports" and "an investigation into its tariffs")."""
    first, second = action_objects(a.sentence), action_objects(b.sentence)
    return bool(first and second) and not first & second


def _acts_apart(a: EventCandidate, b: EventCandidate) -> bool:
    """One of two events of a sentence is another actor's act told apart ("..., prompting China
    to respond"), and their actors differ."""
    first, second = _initiator_name(a), _initiator_name(b)
    return (a.apart or b.apart) and bool(first) and bool(second) and first != second


def _initiator_name(candidate: EventCandidate) -> str:
    return next((a.name for a in candidate.actors if a.role == "initiator"), "")


def _key_actors(candidate: EventCandidate) -> set[str]:
    return {
        actor.name
        for actor in candidate.actors
        if actor.kind not in {actor_kinds.COUNTRY, actor_kinds.MEDIA}
    }


def _word_overlap(a: str, b: str) -> float:
    words_a = {w for w in _CONTENT_WORD.findall(a.casefold()) if w not in _STOPWORDS}
    words_b = {w for w in _CONTENT_WORD.findall(b.casefold()) if w not in _STOPWORDS}
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


def _replace_actors(candidate: EventCandidate, actors: tuple[EventActor, ...]) -> EventCandidate:
    return replace(candidate, actors=actors)
