"""Scoring cross-article grouping against gold events that several articles report.

The gold pairing comes from the gold events' facts: two gold events of different articles are
one real-world event when they have the same type, their dates overlap (a note's "Real-world:
<date>" narrows a vague gold range to that day) and they share an actor after canonical naming.
``READ_PAIRS`` adds the pairs a reader confirmed whose actors differ only in level (a bureau of
a ministry against "US government").

Extracted candidates are matched to gold events by the shared scorer's rule
(``event_scoring``: the evidence contains the gold anchor and the dates agree), one to one; a
gold event left unmatched then takes a candidate with agreeing dates and an actor in common
(the extractor may cite another sentence about the event than the one holding the anchor). The
scored pairs are the pairs of matched candidates from different articles: a pair is predicted
when grouping put both in one group, true when their gold events are a gold pair. Recall is
given twice: over every gold pair (a pair whose event the extractor missed counts as missed)
and over the gold pairs whose two events were both extracted (grouping's own share).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from typing import Any

from timeline.extraction.actors import find_actors
from timeline.extraction.event_scoring import (
    GoldArticle,
    actors_agree,
    dates_agree,
    normalize,
)
from timeline.extraction.grouping import Group
from timeline.extraction.normalize import name_key

# (article, gold event index) pairs confirmed by reading, beyond what the facts rule finds.
READ_PAIRS: tuple[tuple[tuple[str, int], tuple[str, int]], ...] = (
    # The US chip-export package of 2 December 2024: D09 tells it as the third US crackdown, of the
    # week before (actor "US government"), and D13 as BIS announcing a package of chip rules, with
    # the day, 2 December; the same with G09 of the grouping corpus.
    (("D09", 1), ("D13", 2)),
    (("D09", 1), ("G09", 0)),
    # China's 34% tariff on all US goods, announced on Friday 4 April 2025: D19 attributes it to
    # China's finance ministry, by the weekday; G05 of the grouping corpus (docs/grouping.md) to
    # China, dated the week before, and G10 in a noun phrase for last week's 34%.
    (("D19", 0), ("G05", 1)),
    (("D19", 0), ("G10", 3)),
    # China's ban on gallium, germanium and antimony exports to the US, 3 December 2024: D07 gives
    # the Commerce Ministry's announcement by its weekday (a ban), and G02's report of SAMR's
    # Nvidia probe mentions Beijing's ban of the week before on exports of chip-making materials
    # (actor "Chinese government").
    (("D07", 0), ("G02", 1)),
)
_REAL_WORLD = re.compile(r"Real-world: ([A-Z][a-z]+ \d{1,2}, \d{4})")

GoldKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class GroupingScore:
    """Pair counts and the ratios printed by ``evaluate_grouping``."""

    gold_pairs: int
    gold_pairs_extracted: int
    predicted_pairs: int
    true_pairs: int
    unscored_grouped_pairs: int
    found: tuple[tuple[GoldKey, GoldKey], ...] = field(default=())
    missed: tuple[tuple[GoldKey, GoldKey], ...] = field(default=())
    wrong: tuple[tuple[GoldKey, GoldKey], ...] = field(default=())

    @property
    def precision(self) -> float | None:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else None

    @property
    def recall(self) -> float | None:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else None

    @property
    def recall_extracted(self) -> float | None:
        extracted = self.gold_pairs_extracted
        return self.true_pairs / extracted if extracted else None


def gold_pairs(articles: Sequence[GoldArticle]) -> set[frozenset[GoldKey]]:
    """The pairs of gold events of different articles that are one real-world event."""
    events = [
        ((article.id, index), event)
        for article in articles
        for index, event in enumerate(article.events)
    ]
    pairs = set()
    for (first_key, first), (second_key, second) in combinations(events, 2):
        if first_key[0] == second_key[0] or first["type"] != second["type"]:
            continue
        (first_start, first_end), (second_start, second_end) = _span(first), _span(second)
        if first_start > second_end or second_start > first_end:
            continue
        first_actors = {key for name in first.get("actors", ()) for key in actor_keys(name)}
        if first_actors & {key for name in second.get("actors", ()) for key in actor_keys(name)}:
            pairs.add(frozenset((first_key, second_key)))
    known = {key for key, _ in events}
    for first_key, second_key in READ_PAIRS:
        if first_key in known and second_key in known:
            pairs.add(frozenset((first_key, second_key)))
    return pairs


def match_gold(article: GoldArticle, events: Sequence[Mapping[str, Any]]) -> dict[int, GoldKey]:
    """Extracted event index -> the gold event it matches, by the shared scorer's rule."""
    where = [normalize(e.get("sentence")) + " | " + normalize(e.get("date_text")) for e in events]
    matched: dict[int, GoldKey] = {}
    for gold_index, gold in enumerate(article.events):
        anchor = normalize(gold.get("anchor"))
        for index, event in enumerate(events):
            if (
                index not in matched
                and anchor
                and anchor in where[index]
                and dates_agree(event, gold, article.published)
            ):
                matched[index] = (article.id, gold_index)
                break
    # A candidate whose evidence sentence is another of the text's sentences about the event
    # (the lead, say) still reports it: same dates at the gold precision and an actor in common.
    taken = set(matched.values())
    for gold_index, gold in enumerate(article.events):
        if (article.id, gold_index) in taken:
            continue
        for index, event in enumerate(events):
            if (
                index not in matched
                and dates_agree(event, gold, article.published)
                and actors_agree(event.get("actors", ()), gold.get("actors", ()))
            ):
                matched[index] = (article.id, gold_index)
                break
    return matched


def score_grouping(
    articles: Sequence[GoldArticle],
    matched: Mapping[Hashable, GoldKey],
    groups: Iterable[Group],
) -> GroupingScore:
    """Score ``groups`` of candidate keys; ``matched`` maps a candidate key to its gold event."""
    truth = gold_pairs(articles)
    extracted_gold = set(matched.values())
    predicted, unscored = set(), 0
    for group in groups:
        for first, second in combinations(group.keys, 2):
            if first in matched and second in matched:
                predicted.add(frozenset((matched[first], matched[second])))
            else:
                unscored += 1
    true = predicted & truth
    return GroupingScore(
        gold_pairs=len(truth),
        gold_pairs_extracted=sum(1 for pair in truth if pair <= extracted_gold),
        predicted_pairs=len(predicted),
        true_pairs=len(true),
        unscored_grouped_pairs=unscored,
        found=_sorted(true),
        missed=_sorted(truth - predicted),
        wrong=_sorted(predicted - truth),
    )


def actor_keys(name: str) -> set[str]:
    """The keys a gold actor meets another under: its ``name_key`` and that of the extractor's
    canonical name for it ("Facebook" is "Meta", "Türkiye" and "Turkey" one country), when the
    extractor reads the name whole."""
    keys = {name_key(name)}
    mentions = find_actors(name)
    if len(mentions) == 1 and mentions[0].text == name.strip():
        keys.add(name_key(mentions[0].name))
    return keys


def _span(event: Mapping[str, Any]) -> tuple[date, date]:
    if found := _REAL_WORLD.search(event.get("note", "")):
        day = datetime.strptime(found.group(1), "%B %d, %Y").date()
        return day, day
    return date.fromisoformat(event["date_start"]), date.fromisoformat(event["date_end"])


def _sorted(pairs: set[frozenset[GoldKey]]) -> tuple[tuple[GoldKey, GoldKey], ...]:
    return tuple(sorted(tuple(sorted(pair)) for pair in pairs))
