"""Grouping candidates from different articles that report the same real-world event.

When five outlets report one ban, extraction yields five candidates, one per article. Two
candidates from different articles are *linked* when all of these hold, and each link keeps the
reasons an editor can read:

* **compatible types**: the same type, or one of them is "other" or a statement (the extractor
  types an announced measure as a statement when the sentence is about the announcement), or
  both are measures of one family (a ban, a restriction and an export control);
* **dates at their precision**: the ranges must overlap (a day in "last week", "in March");
  only when one source is fuzzy ("recently", "in recent weeks") may they lie within
  ``NEAR_DAYS`` of each other;
* **evidence of the same action**: actors in common after canonical naming (``name_key`` on the
  extractor's canonical names) together with some common wording, or clearly similar wording
  alone (``similarity.word_similarity`` on title, summary and evidence sentence).

Groups are built greedily from the strongest link down. A group only takes a candidate from an
article not yet in it that is linked to at least half its members and *compatible* with the
others (``compatible``: nothing rules out one event, nothing tells them apart, some words in
common), so a chain of loose links never glues two different events together, while a report
that names no actor, linked to one member, still joins the others. The order of the input does
not change the result. Plain Python; no Django.

An item is compared with many others: what ``link`` reads of it (its word sets, kinds of
measure, figures, measure names, actors at their level) is worked out once, when first needed,
and kept on the item (``GroupItem.features``). The cheap tests (article, types, dates, acting
actors) come first, so most pairs of unrelated items never need the rest.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from itertools import combinations
from typing import NamedTuple

from timeline.countries import COUNTRIES
from timeline.extraction.actors import (
    COMPANY,
    GOVERNMENT,
    PERSON,
    actor_lineage,
    body_served,
    country_code,
    country_names_as_codes,
    government_headed,
    government_name,
    government_served,
    is_country_word,
)
from timeline.extraction.daterange import Precision
from timeline.extraction.normalize import name_key
from timeline.extraction.similarity import (
    NEAR_DAYS,
    UNNAMED_MEASURES,
    action_objects,
    content_words,
    measure_kinds,
    set_similarity,
)

# Types the extractor may give to one measure, depending on the sentence's wording.
_MEASURES = frozenset({"ban", "restriction", "export_control"})
# Types that say little about the action: an announcement of anything, or an unknown kind.
_OPEN_TYPES = frozenset({"", "other", "statement"})
# A measure's own name: "the Digital Markets Act", "the Entity List", "the AI Safety Rule".
_MEASURE_NAME = re.compile(
    r"\b(?P<name>(?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|on|the|to)\s+)*){1,8}"
    r"(?:Act|Law|Bill|Rule|Regulation|Directive|List|Order|Code|Treaty|Agreement))\b"
)
# Words that do not make a measure's name specific: "the Executive Order", "the New Rule".
# Leading ones are dropped from a name; a name left with its head noun alone is no name.
_GENERIC_NAME_WORDS = frozenset(
    {"The", "This", "That", "New", "Draft", "Final", "Executive", "Interim", "Federal"}
)
# A percentage or a sum of money: "104%", "34 per cent", "$1.5 billion".
_FIGURE = re.compile(
    r"(?<![\w.,])[$€£¥]?(?P<number>\d{1,3}(?:,\d{3})*(?:\.\d+)?)"
    r"(?:\s*(?P<percent>%|per\s?cent\b|percent\b)|\s+(?:million|billion|trillion)\b)"
)
# Kinds that name the instrument, not what it does: a law may be a ban, a tariff or a tax.
_INSTRUMENTS = frozenset({"law"})
# A measure coming into force: "took effect", "came into force", "are effective Thursday",
# "started enforcing".
_IN_FORCE = re.compile(
    r"\b(?:takes?|took|taken|taking|goes|go|went|gone|going|comes?|came|coming|enters?|"
    r"entered|entering)\s+(?:in)?to\s+(?:effect|force)\b|\b(?:takes?|took|taking)\s+effect\b|"
    r"\b(?:is|are|was|were|be|becomes?|became)\s+(?:now\s+)?effective\b|"
    r"\b(?:starts?|started|begins?|began)\s+(?:enforcing|collecting|applying)\b",
    re.IGNORECASE,
)
# A measure referred to, not named: "announced the move", "defended its decision".
_UNNAMED_MOVE = re.compile(r"\b(?:the|this|its|their|his|her)\s+(?:move|step|decision)\b", re.I)
# A capitalised word inside a sentence, and the ones that name no participant.
_NAME_WORD = re.compile(r"(?<=[\w,;:)\"'’] )[A-Z][\w’'-]*[a-z][\w-]*")
_NOT_NAMES = frozenset(
    re.findall(
        r"\w+",
        "January February March April May June July August September October November "
        "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That These "
        "Those It He She They We President Prime Minister Secretary Government Ministry",
    )
)
# Words news uses interchangeably for one company buying another, and for a body stopping it
# (stems, as ``content_words`` gives them).
_SAME_THING = {
    **dict.fromkeys(("merger", "acquisition", "takeover", "buyout", "deal"), "deal"),
    **dict.fromkeys(("block", "prohibit", "veto"), "block"),
}
# With an actor in common, this much common wording shows the same action; without one, the
# wording alone must be this close.
WORDING_WITH_ACTOR = 0.12
WORDING_ALONE = 0.3


@dataclass(frozen=True)
class GroupItem:
    """One candidate as grouping sees it; ``source`` identifies its article."""

    key: Hashable
    source: Hashable
    title: str
    date_start: date
    date_end: date
    precision: str = "day"
    event_type: str = ""
    actors: tuple[str, ...] = ()
    summary: str = ""
    sentence: str = ""
    # (person, the government they head): "Donald Trump" as U.S. President is the U.S.
    # government's level for grouping (``actors.government_headed``).
    heads: tuple[tuple[str, str], ...] = ()
    # (person, the government they act for): a minister is part of their government
    # (``actors.government_served``), as a ministry is.
    serves: tuple[tuple[str, str], ...] = ()
    # The actor that acts ("" when the text names none); the others are targets or mentioned.
    initiator: str = ""
    # Its kind (``actors.COMPANY``, ...), "" when unknown.
    initiator_kind: str = ""

    @cached_property
    def features(self) -> Features:
        """What ``link`` reads of this item, each part worked out once (when first needed)."""
        return _features(self)


# The candidates stored in a date window are read again for each article that arrives: an item
# equal to one seen before (the same candidate, unchanged) shares its features.
@lru_cache(maxsize=4096)
def _features(item: GroupItem) -> Features:
    return Features(item)


# A name opening with its country, as a name or a demonym: "Ireland's data protection
# commission", "IRELAND'S Data Protection Commission", "the Irish data protection commission".
_COUNTRY_OPENING = re.compile(
    r"^(?:the\s+)?(?P<country>[A-Z][\w.]*?)(?:['’]s)?\s+(?P<rest>\S.*)$", re.I
)


@lru_cache(maxsize=4096)
def actor_key(name: str) -> str:
    """``name_key`` of an actor's name, its opening country written one way: "Irish data
    protection commission" and "Ireland's Data Protection Commission" are one key."""
    match = _COUNTRY_OPENING.match(name)
    if match:
        word = match["country"]
        code = country_code(word.capitalize() if word.isupper() and len(word) > 3 else word)
        if code:
            return name_key(f"{code} {_FUNCTION_NAME.sub(_function_words, match['rest'])}")
    return name_key(name)


# A regulator named by what it does, in the words news uses for it: "privacy watchdog", "data
# protection regulator", "data privacy authority" are one function and one kind of body.
_FUNCTION_NAME = re.compile(
    r"^(?P<function>data\s+protection|(?:data\s+)?privacy|competition|antitrust)\s+"
    r"(?:watchdog|regulator|authority)$",
    re.IGNORECASE,
)
_FUNCTIONS = {
    "data protection": "data protection",
    "privacy": "data protection",
    "data privacy": "data protection",
    "competition": "competition",
    "antitrust": "competition",
}


def _function_words(match: re.Match[str]) -> str:
    return f"{_FUNCTIONS[' '.join(match['function'].casefold().split())]} authority"


class Level(NamedTuple):
    """An actor at the level of grouping, with its ``name_key``, its lineage's keys and the key
    of the government its lineage ends with ("" for an actor of no known government)."""

    name: str
    key: str
    lineage: frozenset[str]
    government: str = ""


# Few actors recur in many items: each name is keyed and traced up its bodies once.
@lru_cache(maxsize=4096)
def _level(name: str) -> Level:
    lineage = actor_lineage(name)
    return Level(
        name,
        actor_key(name),
        frozenset(actor_key(n) for n in lineage),
        actor_key(lineage[-1]) if lineage else "",
    )


class Features:
    """What ``link`` compares of one item, derived from its text and actors."""

    def __init__(self, item: GroupItem) -> None:
        self.item = item

    @cached_property
    def event_type(self) -> str:
        """The item's type for grouping: "enacts a 34 percent tariff" is a restriction and "signs
        an executive order" no legislation, however the extractor typed them (one of
        ``_grouping_types``)."""
        item = self.item
        if item.event_type == "legislation" and "executive order" in item.title.casefold():
            return "other"
        if item.event_type == "legislation" and self.title_nouns == {"tariff"}:
            return "restriction"
        return item.event_type

    @cached_property
    def levels(self) -> tuple[Level, ...]:
        """The item's actors, a head of government standing for the government they head."""
        return _levels(self.item.actors, self._heads)

    @cached_property
    def initiator(self) -> Level | None:
        """The acting actor at its level, or None when the text names none."""
        if not self.item.initiator:
            return None
        return _levels((self.item.initiator,), self._heads)[0]

    @cached_property
    def _heads(self) -> dict[str, str]:
        return {_level(person).key: government for person, government in self.item.heads}

    @cached_property
    def text(self) -> str:
        return f"{self.item.title} {self.item.summary} {self.item.sentence}"

    @cached_property
    def words(self) -> frozenset[str]:
        # Actors count once, as actors: their names in the text are not also common wording.
        # A country is one word however its name is written ("Türkiye", "Turkey").
        return _one_word_per_action(
            content_words(country_names_as_codes(_without_actors(self.text, self.item.actors)))
        )

    @cached_property
    def title_words(self) -> frozenset[str]:
        return _one_word_per_action(
            content_words(
                country_names_as_codes(_without_actors(self.item.title, self.item.actors))
            )
        )

    @cached_property
    def served(self) -> dict[str, str]:
        """Person (by ``name_key``) -> the government they act for."""
        return {_level(person).key: government for person, government in self.item.serves}

    @cached_property
    def names(self) -> frozenset[str]:
        """Capitalised names inside the evidence sentence (not opening it), by ``name_key``,
        other than countries and the item's own actors: "Acme" in "regulators blocked Acme"."""
        item = self.item
        words = _NAME_WORD.findall(item.sentence)
        names = {name_key(w) for w in words if w not in _NOT_NAMES and not is_country_word(w)}
        own = {name_key(part) for actor in item.actors for part in actor.split()}
        return frozenset(names - own)

    @cached_property
    def nouns(self) -> frozenset[str]:
        """The kinds of measure the item names."""
        return measure_kinds(self.text)

    @cached_property
    def title_nouns(self) -> frozenset[str]:
        return measure_kinds(self.item.title)

    @cached_property
    def figures(self) -> frozenset[str]:
        """Percentages and sums the item states, written one way: "104 per cent" is "104%"."""
        return frozenset(
            f"{match['number'].replace(',', '')}{'%' if match['percent'] else ''}"
            for match in _FIGURE.finditer(self.text)
        )

    @cached_property
    def objects(self) -> frozenset[str]:
        """The content words of what the item's action is into or against, countries left out
        (one country's tariffs and its canola are two objects)."""
        return action_objects(f"{self.item.title} {self.item.sentence}")

    @cached_property
    def names_no_kind(self) -> bool:
        """Whether the item names its measures by no kind ("the sweeping measures")."""
        return not self.nouns and UNNAMED_MEASURES.search(self.text) is not None

    @cached_property
    def names_move(self) -> bool:
        """Whether the item refers to its action without naming it ("announced the move")."""
        return not self.nouns and _UNNAMED_MOVE.search(self.item.sentence) is not None

    @cached_property
    def in_force(self) -> bool:
        return _IN_FORCE.search(self.text) is not None

    @cached_property
    def measure_names(self) -> tuple[str, ...]:
        names = []
        for match in _MEASURE_NAME.finditer(self.text):
            words = match["name"].split()
            while words and words[0] in _GENERIC_NAME_WORDS:
                words.pop(0)
            if len(words) >= 2:
                names.append(" ".join(words))
        return tuple(names)

    @cached_property
    def name_tails(self) -> frozenset[str]:
        """The measure names' endings of two words or more, casefolded ("port security act")."""
        return frozenset(tail.casefold() for name in self.measure_names for tail in _tails(name))


# The words of a date ("Tuesday", "July"), as ``content_words`` gives them: in common, they
# say nothing of the action.
_DATE_WORDS = frozenset(
    content_words(
        "January February March April May June July August September October November December "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    )
)


def _undated(words: frozenset[str]) -> frozenset[str]:
    return words - _DATE_WORDS


def _one_word_per_action(words: frozenset[str]) -> frozenset[str]:
    """``words`` with the words news uses for one thing written as one (``_SAME_THING``): a
    report of a regulator prohibiting a merger and one of it blocking the acquisition share
    their wording."""
    return frozenset(_SAME_THING.get(word, word) for word in words)


def _body_of(kind: str, country: str) -> str:
    """The government a body of ``kind`` belongs to by its ``country`` ("Cabinet" of Nepal)."""
    return government_name(country) if kind == GOVERNMENT and country in COUNTRIES else ""


def actor_fields(actors: Iterable[tuple[str, str, str, str, str]]) -> dict[str, object]:
    """``GroupItem``'s actor fields from each actor's (name, role, office, country, kind),
    whether the actors come from a fresh extraction or from the database."""
    actors = tuple(actors)
    initiator = next((actor for actor in actors if actor[1] == "initiator"), None)
    return {
        "actors": tuple(actor[0] for actor in actors),
        "initiator": initiator[0] if initiator else "",
        "initiator_kind": initiator[4] if initiator else "",
        "heads": tuple(
            (name, government)
            for name, _, office, country, _ in actors
            if (government := government_headed(office, country))
        ),
        "serves": tuple(
            (name, government)
            for name, _, office, country, kind in actors
            if (
                government := body_served(office, country)
                or government_served(office, country)
                or _body_of(kind, country)
            )
            and government != name
        ),
    }


@dataclass(frozen=True, slots=True)
class Link:
    """Why two candidates look like one event, and how strongly (0 to 1)."""

    first: Hashable
    second: Hashable
    score: float
    reasons: tuple[str, ...]
    # The part of ``score`` owed to actors in common or related alone: two candidates of one
    # article are weighed against each other without it (``better_member``).
    actor_credit: float = 0.0


@dataclass(frozen=True, slots=True)
class Group:
    """Candidates (by key) grouped as one event, with the links that hold the group together."""

    keys: tuple[Hashable, ...]
    links: tuple[Link, ...]


def types_compatible(first: str, second: str) -> bool:
    """Whether two event types can describe one action."""
    if first == second or first in _OPEN_TYPES or second in _OPEN_TYPES:
        return True
    return first in _MEASURES and second in _MEASURES


def stored_types_compatible(first: str, second: str) -> bool:
    """Whether candidates the extractor typed ``first`` and ``second`` may be linked, whatever
    their titles: what a database may narrow by before ``link`` decides."""
    return any(
        types_compatible(one, other)
        for one in _grouping_types(first)
        for other in _grouping_types(second)
    )


def _grouping_types(event_type: str) -> tuple[str, ...]:
    """The types grouping may read an item of ``event_type`` as (``Features.event_type``)."""
    return (event_type, "other", "restriction") if event_type == "legislation" else (event_type,)


def dates_compatible(first: GroupItem, second: GroupItem) -> str | None:
    """The date reason for linking two candidates, or None when their dates rule it out."""
    if _overlapping(first, second):
        return (
            "same day"
            if first.date_start == first.date_end == second.date_start
            else ("overlapping dates")
        )
    # A week, a month or a year is a calendar range that holds its event ("last week" said on a
    # Wednesday is not that Wednesday); only a fuzzy phrase ("recently", "in recent weeks") gets
    # a few days' slack.
    if Precision.APPROXIMATE not in (first.precision, second.precision):
        return None
    # Gaps in days, not shifted dates: no day follows 31 Dec 9999.
    gap = max((first.date_start - second.date_end).days, (second.date_start - first.date_end).days)
    return f"dates within {gap} days, one source vaguer" if gap <= NEAR_DAYS else None


def _date_fit(first: GroupItem, second: GroupItem) -> float:
    """How much two candidates' date ranges coincide (common days over all their days): when
    one sentence tells two steps ("passed earlier in the year and signed in June"), the step of
    another report in June is the signing, the one "earlier this year" the passing."""
    common = (min(first.date_end, second.date_end) - max(first.date_start, second.date_start)).days
    spanned = (max(first.date_end, second.date_end) - min(first.date_start, second.date_start)).days
    return max(0, common + 1) / (spanned + 1)


def _overlapping(first: GroupItem, second: GroupItem) -> bool:
    return first.date_start <= second.date_end and second.date_start <= first.date_end


class _Pair(NamedTuple):
    """Two candidates of different articles that nothing cheap rules out as one event, each
    knowing the heads of government the other names, with what ``link`` reads of them first."""

    first: GroupItem
    second: GroupItem
    date_reason: str
    overlapping: bool
    one_government: bool
    targets: tuple[str, ...]
    different_initiators: bool


def _pair(first: GroupItem, second: GroupItem) -> _Pair | str:
    """``first`` and ``second`` as a pair, or, when their article, types, dates or acting actors
    rule out one event, which of them, in a few words (``apart_reason``)."""
    if first.source == second.source:
        return "one article"
    first, second = _with_heads_of(first, second), _with_heads_of(second, first)
    one, other = first.features, second.features
    if not types_compatible(one.event_type, other.event_type):
        return f"types ({first.event_type}, {second.event_type})"
    date_reason = dates_compatible(first, second)
    if date_reason is None:
        return "dates apart"
    # Two bodies of one government stating the same figure of one kind of measure in
    # overlapping dates ("a 34% tariff" by its finance ministry and by its tariff commission)
    # tell one step of it.
    overlapping = _overlapping(first, second)
    one_government = overlapping and _one_government(one, other)
    # A company credited with what the other report's body did to it: the target, in common.
    targets = _target_named(first, second) + _target_named(second, first)
    different_initiators = _different_initiators(one, other, targets)
    if different_initiators and not (one_government and _same_figure(one, other)):
        return "different acting actors"
    return _Pair(
        first, second, date_reason, overlapping, one_government, targets, different_initiators
    )


def compatible(first: GroupItem, second: GroupItem) -> bool:
    """Whether nothing rules out that two candidates of different articles report one event,
    though nothing may show it either: compatible types and dates, no different acting actors,
    nothing that tells them apart (``_told_apart``) and some words in common. A group takes a
    candidate linked to half its members when it is compatible with the others
    (``may_join``)."""
    pair = _pair(first, second)
    if isinstance(pair, str):
        return False
    one, other = pair.first.features, pair.second.features
    return not _told_apart(one, other) and bool(one.words & other.words)


def may_join(pairs: int, unlinked: Iterable[tuple[GroupItem, GroupItem]]) -> bool:
    """Whether two sets of candidates from different articles may become one group, given how
    many ``pairs`` of one from each there are and those of them no link joins: at least half
    the pairs linked and the others compatible. A report that names no actor, or tells the
    step in other words, is linked to one report of the event and not to another; two actions
    of one body that day share no words or differ in what tells them apart, so a loose chain
    of links does not join them."""
    unlinked = list(unlinked)
    return 2 * len(unlinked) <= pairs and all(
        compatible(first, second) for first, second in unlinked
    )


def apart_reason(first: GroupItem, second: GroupItem) -> str:
    """Why ``link`` finds no link between two candidates, in a few words ("" when it finds
    one), for the maintainers' scoring command: the first test that fails."""
    pair = _pair(first, second)
    if isinstance(pair, str):
        return pair
    if link(first, second) is not None:
        return ""
    wording = set_similarity(first.features.words, second.features.words)
    return f"no evidence of one action (common wording {wording:.2f})"


def link(first: GroupItem, second: GroupItem) -> Link | None:
    """The link between two candidates of different articles, or None when not one event."""
    pair = _pair(first, second)
    if isinstance(pair, str):
        return None
    first, second, date_reason, overlapping, one_government, targets, different_initiators = pair
    one, other = first.features, second.features
    # Both name their acting actor and it is one actor at the level of grouping.
    same_initiator = bool(one.initiator and other.initiator) and not different_initiators
    first_actors, second_actors = one.levels, other.levels
    second_keys = {level.key for level in second_actors}
    shared_levels = [level for level in first_actors if level.key in second_keys]
    shared = tuple(level.name for level in shared_levels)
    shared += targets
    shared_keys = {actor_key(name) for name in shared}
    related = _related_actors(
        [level for level in first_actors if level.key not in shared_keys],
        [level for level in second_actors if level.key not in shared_keys],
        one.served | other.served,
    )
    measures = _common_measures(one, other) if date_reason == "same day" else ()
    wording = set_similarity(one.words, other.words)
    same_day = date_reason == "same day"
    first_nouns, second_nouns = one.nouns, other.nouns
    nouns = first_nouns & second_nouns
    # "tariffs totalling 104 per cent" and "a 104% rate": the same figure of the same kind of
    # measure on the same day, or by one government.
    figures = (
        sorted(one.figures & other.figures)
        if (same_day or shared or (overlapping and related) or one_government) and nouns
        else []
    )
    # Two reports that a measure came into force that day ("took effect", "came into force"),
    # by the same government or without one: one step of one measure.
    # One government's "sweeping measures" name no kind; with that government in common they
    # are the kind the other report names.
    kinds = nouns or (
        bool(shared)
        and bool(first_nouns or second_nouns)
        and (one.names_no_kind or other.names_no_kind)
    )
    in_force = (
        same_day
        and bool(kinds)
        and one.in_force
        and other.in_force
        and bool(shared or related or not (first_actors and second_actors))
    )
    same_type = first.event_type == second.event_type and first.event_type not in _OPEN_TYPES
    # Names both sentences hold that neither lists as an actor: the one acted on, often.
    known = shared_keys | {actor_key(name) for name, _ in related}
    names = tuple(sorted((one.names - known) & (other.names - known)))
    # One government acting on one kind of measure the same day ("Beijing announced higher
    # levies" and "China raised its duties"): the same step.
    # The measure must be the action's own: in the titles, not in another clause of the sentence.
    same_actor_and_measure = (
        same_day and bool(one.title_nouns & other.title_nouns) and same_initiator
    )
    # "The prime minister announced the move on Monday" and "the government imposes a tariff":
    # one actor's unnamed move is the measure it took in the same days.
    move_named_elsewhere = (
        overlapping
        and same_initiator
        and ((one.names_move and bool(other.nouns)) or (other.names_move and bool(one.nouns)))
    )
    # One kind of step: the same specific type, or an announcement and a measure (or measures
    # typed two ways) naming one kind of measure: "launched a crackdown on chip exports" and
    # "announced rules curbing chip making" are both curbs.
    same_kind = same_type or (
        {first.event_type, second.event_type} <= _MEASURES | {"statement"}
        and bool((first_nouns & second_nouns) - _INSTRUMENTS)
    )
    # A report recalling the event at a coarser date ("signed in April", "its probe last month")
    # says little more than who did what kind of thing when: the same acting actor, the same
    # kind of step, a date holding the other's, and nothing that tells them apart.
    recalled = (
        same_kind
        and first.precision != second.precision
        and same_initiator
        and _holds_other(first, second)
        and not _told_apart(one, other)
    )
    # One person acting the same day in one kind of step, told in other words ("criticized
    # the platform", "commented on Wednesday"), with nothing that tells the two apart.
    same_person = (
        same_day
        and first.event_type == second.event_type
        and first.initiator_kind == second.initiator_kind == PERSON
        and one.initiator is not None
        and other.initiator is not None
        and one.initiator.key == other.initiator.key
        and len(_undated(one.words & other.words)) >= 2
        and not _told_apart(one, other)
    )
    if not (
        ((shared or related) and wording >= WORDING_WITH_ACTOR)
        or same_person
        or recalled
        or wording >= WORDING_ALONE
        # One body acting on one target, the same kind of action or the same day: the same
        # event in any words ("the regulator's statement" and "China's ban" of one company).
        or (
            (same_type or same_day)
            and len(shared) + len({name for name, _ in related}) + bool(names) >= 2
        )
        # A report naming no actor names who it is about: a name in common stands for one.
        or (names and not (first.actors and second.actors) and wording >= WORDING_WITH_ACTOR)
        # A candidate without an actor ("the act takes effect") names its measure instead.
        or (measures and not (first.actors and second.actors))
        or figures
        or in_force
        or same_actor_and_measure
        or move_named_elsewhere
    ):
        return None
    reasons = [date_reason]
    if first.event_type == second.event_type and first.event_type:
        reasons.append(f"same type ({first.event_type})")
    else:
        reasons.append(f"compatible types ({first.event_type or '?'}, {second.event_type or '?'})")
    if shared:
        reasons.append("shared actors: " + ", ".join(shared))
    if names:
        reasons.append("named in both: " + ", ".join(names))
    if related:
        reasons.append("related actors: " + ", ".join(f"{a} within {b}" for a, b in related))
    if recalled:
        reasons.append(
            f"the same actor and {'type' if same_type else 'kind of measure'}, "
            "one date holding the other"
        )
    if measures:
        reasons.append("same measure: " + ", ".join(measures))
    if figures:
        reasons.append("same figure: " + ", ".join(figures))
    if same_person:
        reasons.append("one person's step of one type that day, nothing telling them apart")
    if move_named_elsewhere:
        reasons.append("one actor's unnamed move and its measure")
    if in_force:
        reasons.append("both say it came into force: " + ", ".join(sorted(nouns) or ["measures"]))
    reasons.append(f"similar wording ({wording:.2f})")
    # The titles name the action; without the actors' names they break ties between two
    # candidates of one sentence ("pauses the tariffs" against "the tariffs took effect").
    titles = set_similarity(one.title_words, other.title_words)
    score = (
        0.3 * min(1.0, wording * 2)
        + 0.2 * titles
        + 0.25 * bool(shared or measures or figures or in_force or recalled)
        + 0.1 * bool(related)
        + 0.1 * bool(figures)
        + 0.25 * (date_reason == "same day")
        + 0.1 * _date_fit(first, second)
    )
    actor_credit = 0.25 * bool(shared and not (measures or figures or in_force or recalled))
    actor_credit += 0.1 * bool(related)
    return Link(first.key, second.key, round(score, 3), tuple(reasons), round(actor_credit, 3))


def group_items(items: Iterable[GroupItem]) -> list[Group]:
    """Groups of two or more candidates from different articles that report one event.

    Candidates left alone are not returned. Groups come ordered by their first key's position
    in the sorted keys, so the result is the same for any input order.
    """
    ordered = sorted(items, key=lambda item: repr(item.key))
    by_key = {item.key: item for item in ordered}
    links = {}
    for first, second in combinations(ordered, 2):
        if found := link(first, second):
            links[frozenset((first.key, second.key))] = found
    group_of: dict[Hashable, list[Hashable]] = {item.key: [item.key] for item in ordered}
    for found in sorted(links.values(), key=lambda f: (-f.score, repr(f.first), repr(f.second))):
        first, second = group_of[found.first], group_of[found.second]
        if first is second:
            continue
        if not _joinable(first, second, links, by_key):
            for group, alone in ((first, second), (second, first)):
                if replaced := better_member(group, alone, links, by_key):
                    group[group.index(replaced)] = alone[0]
                    group_of[alone[0]] = group
                    group_of[replaced] = [replaced]
                    break
            continue
        first.extend(second)
        for key in second:
            group_of[key] = first
    groups, seen = [], set()
    for item in ordered:
        members = group_of[item.key]
        if len(members) < 2 or id(members) in seen:
            continue
        seen.add(id(members))
        keys = tuple(sorted(members, key=repr))
        held = tuple(
            links[frozenset(pair)] for pair in combinations(keys, 2) if frozenset(pair) in links
        )
        groups.append(Group(keys, held))
    return groups


def _joinable(
    first: Sequence[Hashable],
    second: Sequence[Hashable],
    links: dict[frozenset, Link],
    by_key: dict[Hashable, GroupItem],
) -> bool:
    sources = {by_key[key].source for key in first}
    if any(by_key[key].source in sources for key in second):
        return False
    unlinked = [
        (by_key[a], by_key[b]) for a in first for b in second if frozenset((a, b)) not in links
    ]
    return may_join(len(first) * len(second), unlinked)


def better_member(
    group: list[Hashable],
    alone: Sequence[Hashable],
    links: dict[frozenset, Link],
    by_key: dict[Hashable, GroupItem],
) -> Hashable | None:
    """The member of ``group`` that a candidate left ``alone`` should take the place of, or
    None: one article may tell one event twice (a minister's statement that the government
    "has suspended" a project, and the suspension itself), and the candidate that joined first,
    on the stronger link, may not be the one that tells what the other reports tell. Of two
    candidates of one article with the same dates, the one linked to every other member, with
    the stronger links once what actors alone give them is left out, takes the place: the two
    name the same actors, or the same ones in other words (the minister, the ministry), so
    actors do not tell which one the others report. Never two candidates of one article in
    one group. Ingestion weighs an article's candidates that could join one stored group the
    same way (``review._group_candidates``)."""
    if len(alone) != 1 or len(group) < 3:
        return None
    newcomer = by_key[alone[0]]
    rivals = [key for key in group if by_key[key].source == newcomer.source]
    if len(rivals) != 1:
        return None
    rival = by_key[rivals[0]]
    # Two steps of one sentence ("pauses the tariffs that took effect that day") differ in
    # their titles alone, which the links' scores weigh already.
    if rival.sentence == newcomer.sentence or (rival.date_start, rival.date_end) != (
        newcomer.date_start,
        newcomer.date_end,
    ):
        return None
    others = [key for key in group if key != rival.key]
    if any(frozenset((newcomer.key, key)) not in links for key in others):
        return None

    def evidence(item: GroupItem) -> float:
        found = (links.get(frozenset((item.key, key))) for key in others)
        return sum(one.score - one.actor_credit for one in found if one)

    return rival.key if evidence(newcomer) > evidence(rival) else None


def _with_heads_of(item: GroupItem, other: GroupItem) -> GroupItem:
    """``item`` knowing the governments ``other`` says its people head: "Prime Minister Jane
    Roe" in a text naming several countries is the head of the government another report
    names her with ("Ruritanian Prime Minister Jane Roe"). Only a person named in full: one
    surname may be two people."""
    own = {_level(person).key for person, _ in item.heads}
    actors = {_level(name).key for name in item.actors if len(name.split()) >= 2}
    borrowed = tuple(
        (person, government)
        for person, government in other.heads
        if _level(person).key in actors - own
    )
    return replace(item, heads=item.heads + borrowed) if borrowed else item


def _different_initiators(first: Features, second: Features, targets: tuple[str, ...]) -> bool:
    """Whether the two name different actors as the one that acts ("China retaliated to
    Trump's tariffs" against "Trump paused the tariffs"), neither part of the other.

    A company credited with what a government body did to it ("the platform was blocked"
    read as the platform blocking; ``targets``, by ``_target_named``) is no other actor when
    the other report names it too.
    """
    one, other = first.initiator, second.initiator
    if one is None or other is None or targets:
        return False
    return one.key != other.key and not _related_actors(
        (one,), (other,), first.served | second.served
    )


def _one_government(first: Features, second: Features) -> bool:
    """Whether both acting actors are of one government: bodies of it, someone acting for it
    (``served``), or the government itself."""
    one, other = first.initiator, second.initiator
    if one is None or other is None:
        return False
    served = first.served | second.served
    governments = [
        {level.key, level.government, *_served_keys(level, served)} - {""} for level in (one, other)
    ]
    return bool(governments[0] & governments[1])


def _holds_other(first: GroupItem, second: GroupItem) -> bool:
    """Whether one item's dates hold the other's whole range."""
    return (first.date_start <= second.date_start and second.date_end <= first.date_end) or (
        second.date_start <= first.date_start and first.date_end <= second.date_end
    )


def _told_apart(first: Features, second: Features) -> bool:
    """Whether both name something of one kind and nothing in common: figures, measures'
    names, kinds of measure, what the action is into or against, or actors other than the
    acting one."""
    # The body the acting person heads or acts for ("the head of the Press Office, Rosa
    # Vidal,") is theirs, not another participant.
    others = [
        {level.key for level in features.levels}
        - {features.initiator.key, *_served_keys(features.initiator, features.served)}
        if features.initiator
        else set()
        for features in (first, second)
    ]
    return any(
        one and other and not one & other
        for one, other in (
            (first.figures, second.figures),
            (first.name_tails, second.name_tails),
            (first.nouns - _INSTRUMENTS, second.nouns - _INSTRUMENTS),
            (first.objects, second.objects),
            tuple(others),
        )
    )


def _same_figure(first: Features, second: Features) -> bool:
    """Whether both name one kind of measure and one figure ("34%", "$1.5 billion")."""
    return bool(first.nouns & second.nouns) and bool(first.figures & second.figures)


def _target_named(item: GroupItem, other: GroupItem) -> tuple[str, ...]:
    """``item``'s acting company when ``other`` credits the action to a body that is no company
    and names that company in its text: the one acted on, read as the one acting."""
    if item.initiator_kind != COMPANY or not other.initiator or other.initiator_kind == COMPANY:
        return ()
    named = re.search(rf"(?<![\w.-]){re.escape(item.initiator)}(?![\w-])", other.features.text)
    return (item.initiator,) if named else ()


def _levels(actors: Iterable[str], heads: dict[str, str]) -> tuple[Level, ...]:
    """``actors`` at their level, once each: a head of government (``heads``, by name key)
    stands for the government they head."""
    levels: dict[str, Level] = {}
    for name in actors:
        level = _level(heads.get(_level(name).key, name))
        levels.setdefault(level.key, level)
    return tuple(levels.values())


def _related_actors(
    first: Sequence[Level], second: Sequence[Level], served: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """Pairs of actors where one is part of the other (a bureau and its department; a
    minister, by ``served``, and their government)."""
    pairs = [(a, b) for a in first for b in second] + [(b, a) for a in first for b in second]
    found = [(one, other) for one, other in pairs if _part_of(one, other, served)]
    # A bureau "within" the secretary of its department says nothing more when the other
    # report also names the department the secretary is part of: one actor, counted once.
    found = [
        (one, other)
        for one, other in found
        if other.lineage
        or other.key not in served
        or not any(person == other and whole.key in one.lineage for person, whole in found)
    ]
    return tuple(dict.fromkeys((one.name, other.name) for one, other in found))


def _part_of(one: Level, other: Level, served: dict[str, str]) -> bool:
    if other.key in one.lineage:
        return True
    if one.key in served:
        # The body someone acts for, and what that body is part of: a minister is part of
        # their ministry and of its government.
        body = _level(served[one.key])
        if other.key == body.key or other.key in body.lineage:
            return True
    if other.key in served:
        # A bureau of the department someone's title names: the Bureau of Industry and
        # Security and the Commerce Secretary (not any body of the government a minister of
        # no named ministry serves).
        body = _level(served[other.key])
        if body.lineage and body.key in one.lineage:
            return True
    # "DeepSeek R1" is a product or unit of "DeepSeek": its name extends the other's.
    return one.key.startswith(other.key + " ")


def _served_keys(level: Level, served: dict[str, str]) -> tuple[str, ...]:
    """For someone acting for a body (``served``), that body's key and its government's."""
    if level.key not in served:
        return ()
    body = _level(served[level.key])
    return (body.key, body.government)


def _common_measures(first: Features, second: Features) -> tuple[str, ...]:
    """Measures one item names in full that the other names, in full or at the end of a
    longer capitalised run (a headline's "Senate Passes Port Security Act")."""
    found = set()
    for one, other in ((first, second), (second, first)):
        found.update(name for name in one.measure_names if name.casefold() in other.name_tails)
    return tuple(sorted(found, key=str.casefold))


def _tails(name: str) -> list[str]:
    words = name.split()
    return [" ".join(words[start:]) for start in range(len(words) - 1)]


def _without_actors(text: str, actors: Iterable[str]) -> str:
    for name in sorted(actors, key=len, reverse=True):
        text = text.replace(name, " ")
    return text
