"""One sentence's candidate: the clause that reports the action (quotations, relative and
conditional clauses masked out), its trigger, its initiator and other actors, its date and
date basis, whether it is worth an event (statements need a policy speaker) and its confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from timeline.extraction import actors as actor_kinds
from timeline.extraction.actors import ActorMention, government_name, role_category
from timeline.extraction.candidates import (
    BAN,
    EXPORT_CONTROL,
    INVESTIGATION,
    LEGISLATION,
    OTHER,
    PROPOSAL,
    RESTRICTION,
    STATEMENT,
    EventActor,
    EventCandidate,
)
from timeline.extraction.clauses import (
    DAY_COUNTS,
    IRREGULAR_PAST,
    Clause,
    measure_acted_on,
    split_clauses,
)
from timeline.extraction.dates import Timex, find_timexes
from timeline.extraction.sentences import Sentence
from timeline.extraction.titles import _summary, _title
from timeline.extraction.triggers import (
    _BY_AGENT,
    _CAPTION,
    _COMMISSIVE,
    _DATE_TEXT_PREPOSITION,
    _DATELINE,
    _EXCLUDED_BEFORE_DATE,
    _HEDGE,
    _HYPOTHETICAL,
    _INQUIRY_OBJECT,
    _LEGISLATION_NOUNS,
    _LEGISLATIVE_ACTION,
    _MAXIMUM_AFTER,
    _MODAL_AFTER,
    _NEGATION,
    _NON_POLICY_SPEAKER,
    _NOUN_TYPES,
    _PARTICIPLE_OPENING,
    _PAST_PERFECT,
    _POLICY_CONTENT,
    _PRIOR_INQUIRY,
    _PROPOSAL_GOVERNOR,
    _QUOTE_PAIRS,
    _STANCE_GOVERNOR,
    _SUBORDINATE,
    _THREAT,
    _TRIGGERS,
    _TYPE_RANK,
    _listing_span,
    _passive_listing,
    _Trigger,
)

_POLICY_KINDS = {
    actor_kinds.GOVERNMENT,
    actor_kinds.LEGISLATURE,
    actor_kinds.COURT,
    actor_kinds.INTERNATIONAL,
    actor_kinds.COUNTRY,
}


# A clause whose subject is a pronoun or the measure itself: "It added that on Jan. 31 it sent
# an inquiry", "The list was last updated on Sunday", "This was contained in a statement".
_ANAPHORIC_SUBJECT = re.compile(
    r"^(?:It|They|This|These|That|The\s+(?:[\w-]+\s+){0,3}(?:list|law|measure|measures|rule|rules|"
    r"ban|decision|move|order|tariffs?|restrictions?|curbs?|act|regulations?|requirement|"
    r"statement|announcement|disclosure|package|sanctions|controls?|directives?|decrees?))\b"
)


def _points_back(sentence: str) -> bool:
    """The subject, after any dateline or opening participle, is a pronoun or the measure."""
    body = re.sub(rf"^{_PARTICIPLE_OPENING}[^,]*,\s+", "", _DATELINE.sub("", sentence))
    return _ANAPHORIC_SUBJECT.match(body[:1].upper() + body[1:]) is not None


_TEMPORAL_LEAD = re.compile(r"\b(?:after|before|following|since|when)$")
# "a day after", "two days before", "three days later": a clause dated from the main clause;
# "two weeks before", "four months after": to the week or the month it falls in.
_COUNTED_DAYS = re.compile(
    rf"(?:(?:just|only)\s+)?({'|'.join(DAY_COUNTS)}|\d+) "
    r"(days?|weeks?|months?) (after|before|later)"
)


# "and in March, warned it", "and later fined": a verb with no subject of its own.
_ELIDED_SUBJECT = re.compile(
    r"\s*(?:(?:in|on|at|during|later|then|also|earlier)\b[^,]{0,30},?\s+)?(?:[a-z]+ly\s+)?"
    rf"(?:[a-z]+ed|{IRREGULAR_PAST})\b"
)


@dataclass(frozen=True, slots=True)
class _Clause:
    """The sentence with the parts that do not report the event masked out."""

    text: str
    quotes: tuple[tuple[int, int], ...]  # full quotations (sentence-relative)
    subordinate: tuple[tuple[int, int], ...]

    def masked(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quotes + self.subordinate)

    def quoted(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quotes)

    def in_any_quote(self, start: int, end: int) -> bool:
        """Inside a quotation or a quoted fragment ("technology NATO")."""
        if self.quoted(start, end):
            return True
        return any(m.start() < start and end < m.end() for m in _QUOTE_PAIRS.finditer(self.text))

    def unmasked(self) -> str:
        """The sentence with quotations and subordinate clauses blanked out."""
        chars = list(self.text)
        for a, b in self.quotes + self.subordinate:
            chars[a:b] = " " * (b - a)
        return "".join(chars)


def _candidate(
    text: str,
    sentence: Sentence,
    timexes: list[Timex],
    mentions: list[ActorMention],
    published: date | None,
    *,
    min_length: int = 20,
    lead: bool = False,
    main_clause: bool = False,
    cites_act: bool = False,
) -> EventCandidate | None:
    """The sentence's candidate, or None. ``cites_act``: the sentence quotes a policy act with
    its year (``events._quoted_act_candidates``), so a company's statement in it is on a policy
    matter."""
    body = sentence.text
    if len(body) < min_length or not re.search(r"[a-z]", body) or "\n" in body.strip():
        return None
    if _CAPTION.search(body):
        return None
    clause = _clause(body)
    triggers = _triggers(clause)
    if not triggers:
        return None
    local = [m for m in _in_sentence(mentions, sentence) if not clause.in_any_quote(m.start, m.end)]
    # A word of an actor's name is no action: the "Tariff Commission" imposes nothing by name.
    triggers = [
        t for t in triggers if not any(m.start <= t.start and t.end <= m.end for m in local)
    ]
    if not triggers:
        return None
    if main_clause:
        triggers = _in_main_clause(body, triggers)
        if not triggers:
            return None
    trigger = _main_trigger(triggers)
    initiator = _initiator(clause, trigger, local)
    if _attributed_to_non_policy(clause, trigger, local, initiator):
        return None
    # "It added that ...": the speaker is the body named before (``_with_antecedents``).
    anaphoric = initiator is None and (_points_back(body) or _official_by_role(body, trigger))
    if (
        trigger.type == STATEMENT
        and not anaphoric
        and not (cites_act and initiator is not None)
        and not _statement_worthy(clause, initiator, local)
    ):
        return None
    chosen = _date_for(clause, trigger, timexes, sentence.start)
    if chosen is not None and published is not None and chosen.date_start > published:
        chosen = _in_own_clause(body, chosen, sentence.start, published, part=not main_clause)
    hedged = bool(_HEDGE.search(body[: trigger.start]))
    if chosen is not None:
        start, end, precision = chosen.date_start, chosen.date_end, chosen.precision
        date_text = _date_text(body, chosen, sentence.start)
        basis = "stated"
        if published is not None and chosen.date_start > published and not _future(clause):
            return None  # a past-tense report dated after its own publication: misread
    else:
        if published is None or not (
            _may_take_publication_date(clause, trigger, initiator)
            or lead
            and _lead_action(clause, trigger, initiator)
        ):
            return None
        start = end = published
        precision, date_text, basis = "day", None, "publication"
    if precision is None or start is None or end is None:
        return None
    actors = _event_actors(local, initiator, body)
    if _passive_listing(body, trigger):
        actors = tuple(
            replace(a, role="target")
            if a.role != "initiator"
            and body.find(a.name) != -1
            and body.find(a.name) < trigger.start
            else a
            for a in actors
        )
    if not actors and trigger.type == STATEMENT and not anaphoric:
        return None
    confidence = _confidence(trigger, initiator, basis, precision, hedged, actors)
    if published is not None and (published - end).days > 365:
        # Background history ("founded in 1976") is rarely what the article reports.
        confidence = round(max(confidence - 0.15, 0.05), 2)
    titled = clause
    main = _main_clause(body) if main_clause else None
    if main is not None and main[2] and main[0] <= trigger.start < main[1]:
        # "Ministry bans night crossings", not "..., a day after the authority fined ...": the
        # next clause, with its own subject and verb, is an event of its own, not a headline's.
        titled = _clause(body[: main[1]])
    return EventCandidate(
        title=_title(titled, trigger, initiator, chosen, sentence.start),
        summary=_summary(body),
        event_type=trigger.type,
        date_start=start,
        date_end=end,
        precision=precision,
        date_text=date_text,
        date_basis=basis,
        sentence=body,
        start=sentence.start,
        end=sentence.end,
        actors=actors,
        confidence=confidence,
        country=_event_country(actors),
    )


def _main_clause(body: str) -> tuple[int, int, bool] | None:
    """Where the sentence's main clause lies, and whether a clause with its own subject and
    verb follows it ("..., a day after the ministry banned night crossings", "..., and the
    president signed it on Friday"); None for a sentence of one clause. The main clause runs
    on through verbs that share its subject ("..., and voluntarily suspended downloads") and
    leaves out a fronted phrase ("Following the investigation, ...")."""
    clauses = split_clauses(body)
    if len(clauses) < 2:
        return None
    # "After the ministry banned it on Monday, the agency fined ...": the main clause follows
    # the fronted subordinate one (the only clause with a lead at the start).
    first = 1 if clauses[0].lead else 0
    end = clauses[first].end
    clause_follows = False
    for clause in clauses[first + 1 :]:
        rest = clause.text[len(clause.lead) :]
        if clause.lead not in {"and", "but"} or not _ELIDED_SUBJECT.match(rest):
            # "before a Senate panel" is a place; "before the ministry banned it" a clause.
            subject_and_verb = " ".join(rest.split(",")[0].split()[:8])
            clause_follows = bool(
                _TEMPORAL_LEAD.search(clause.lead)
                and _FINITE_VERB.search(subject_and_verb)
                # "and President X signed", "while the Harbour Authority fined" (not "and a
                # substantially lowered tariff"): a named or pronoun subject, then its verb.
                or clause.lead in _COORDINATORS
                and _NAMED_SUBJECT_VERB.match(rest.lstrip(" ,"))
            )
            break
        end = clause.end
    fronted = _FRONTED_PHRASE.match(body)
    begin = clauses[1].start if first else fronted.end() if fronted else 0
    return begin, end, clause_follows


def _act_of_its_own(body: str, clause: Clause) -> bool:
    """Whether ``clause``, subordinate to the main clause, tells an act of its own: the main
    clause holds an action ("China vowed to respond after tariffs came into effect Wednesday",
    "The ministry protested, a day after the agency imposed ...") and the clause after it,
    opened by "after", "before", "following", "since", "when", "which" or "that", holds another.
    Such a clause is an event apart, dated by its own time expression; its date is not the
    main clause's."""
    if not (_TEMPORAL_LEAD.search(clause.lead) or clause.relative):
        return False
    main = _main_clause(body)
    if main is None or main[0] < clause.end and clause.start < main[1]:
        return False
    main_triggers = [t for t in _triggers(_clause(body)) if main[0] <= t.start < main[1]]
    if not main_triggers:
        return False
    if _triggers(_clause(clause.text[len(clause.lead) :].lstrip(" ,"))):
        return True
    # "criticised the tariffs that were imposed last week": the imposing is the clause's act;
    # in "The probe, which was opened on Monday, ..." the probe is the main clause's own.
    noun = measure_acted_on(body, clause)
    return noun is not None and any(t.end <= noun for t in main_triggers)


def _in_main_clause(body: str, triggers: list[_Trigger]) -> list[_Trigger]:
    """The triggers of the sentence's main clause, when it has any: "The authority fined the
    operator on Wednesday, a day after the ministry banned night crossings" is the fine, on
    Wednesday, by the authority; the ban is the later clause's own candidate."""
    main = _main_clause(body)
    if main is None:
        return triggers
    inside = [t for t in triggers if main[0] <= t.start < main[1]]
    if inside:
        return inside
    # "The app could not be downloaded on Wednesday, the day after the authority fined ...":
    # the fine is the counted clause's own event, not one of the main clause's day.
    counted = [c for c in split_clauses(body)[1:] if _COUNTED_DAYS.fullmatch(c.lead) is not None]
    return [t for t in triggers if not any(c.start <= t.start < c.end for c in counted)]


_COORDINATORS = {"and", "but", "while", "whereas"}
_NAMED_SUBJECT_VERB = re.compile(
    r"(?:[Tt]he\s+(?:[\w'’-]+\s+){1,4}|(?:[A-Z][\w.'’-]*\s+){1,5}|(?:it|they|he|she)\s+)"
    rf"(?:[a-z]+ly\s+)?(?:[a-z]{{3,}}ed|said|says|{IRREGULAR_PAST}|"
    r"froze|cut|set|put|hit|told|signs|bans|fines|blocks|announces|imposes|will|was|"
    r"were|is|are|has|have|had)\b"
)
_FINITE_VERB = re.compile(
    rf"\b(?:[a-z]{{3,}}ed|was|were|is|are|has|have|had|said|says|{IRREGULAR_PAST}|"
    r"came|froze|cut|set|put|hit|told)\b"
)
# "Following the investigation, ...", "After the ruling, ...": an opening phrase without a verb.
_FRONTED_PHRASE = re.compile(
    r"(?:After|Following|Before|Amid|Despite|Since|Ahead of|In response to|Prior to)\s[^,]{0,100},"
)


_SUBORDINATE_END = re.compile(r",|;|\s[—–]\s|\s--\s|\)")


def _in_sentence(mentions: list[ActorMention], sentence: Sentence) -> list[ActorMention]:
    """``mentions`` with their offsets counted from ``sentence``'s start, as its text's are."""
    return [
        replace(m, start=m.start - sentence.start, end=m.end - sentence.start) for m in mentions
    ]


def _clause(body: str) -> _Clause:
    quotes = []
    for match in _QUOTE_PAIRS.finditer(body):
        inner = match.group()[1:-1].strip()
        words = inner.split()
        # A full quotation (speech, opinion) starts with a capital and runs several words; a
        # quoted fragment inside a sentence ("is weighing a ban") is part of its syntax.
        if words and inner[0].isupper() and len(words) >= 4:
            quotes.append((match.start(), match.end()))
    quotes.extend(_unbalanced_quote(body))
    subordinate = []
    for match in _SUBORDINATE.finditer(body):
        start = match.start()
        # "the law — which the court upheld — came into effect": a clause set off by a dash
        # or a bracket ends there, not at the next comma; the main clause resumes after it.
        stop = _SUBORDINATE_END.search(body, match.end())
        subordinate.append((start, stop.start() if stop else len(body)))
    return _Clause(body, tuple(quotes), tuple(subordinate))


def _unbalanced_quote(body: str) -> list[tuple[int, int]]:
    """A quotation that began in an earlier sentence or runs into the next one."""
    spans = []
    if body.count('"') % 2:
        index = body.find('"')
        closing = index > 0 and not body[index - 1].isspace()
        spans.append((0, index + 1) if closing else (index, len(body)))
    for open_mark, close_mark in (("“", "”"), ("``", "''")):
        opening, closing_mark = body.find(open_mark), body.find(close_mark)
        if body.count(open_mark) != body.count(close_mark):
            if closing_mark != -1 and (opening == -1 or closing_mark < opening):
                spans.append((0, closing_mark + len(close_mark)))
            elif opening != -1:
                spans.append((opening, len(body)))
    return spans


def _triggers(clause: _Clause) -> list[_Trigger]:
    body = clause.text
    found: list[_Trigger] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind, strength, verbal, speech in _TRIGGERS:
        for match in pattern.finditer(body):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            if clause.masked(start, end):
                continue
            before = body[max(0, start - 60) : start]
            if _NEGATION.search(before):
                continue
            wider = body[max(0, start - 120) : start]
            if not speech and (_HYPOTHETICAL.search(wider) or _MODAL_AFTER.match(body, end)):
                continue
            if _THREAT.search(before) and _MAXIMUM_AFTER.match(body, end):
                continue
            event_type = kind
            if kind in _NOUN_TYPES and _STANCE_GOVERNOR.search(before):
                event_type, strength = STATEMENT, 0.4
            elif kind in _NOUN_TYPES and _PROPOSAL_GOVERNOR.search(before):
                event_type = PROPOSAL
            elif kind != STATEMENT and _COMMISSIVE.search(before):
                event_type, strength = STATEMENT, 0.4
            if kind == LEGISLATION and not _legislation_context(body, start, end):
                continue
            if _told_of_another_action(kind, verbal, before):
                continue
            if kind == OTHER and re.search(r"\b(?:free|able|allowed|want|wants)\s+to\s+$", before):
                continue  # "free to launch products": a permission, not a launch
            if not verbal and re.match(r"['’]s\b", body[end : end + 2]):
                continue  # "the deal's fiercest critic": the measure owns a thing, nothing done
            taken.append((start, end))
            found.append(_Trigger(start, end, event_type, strength, verbal, speech))
    found.sort(key=lambda t: t.start)
    if len(found) > 1 and found[0].speech and _FRONTED_SETTING.match(body[: found[0].end]):
        # "In a statement on Tuesday, the ministry said ...": the opening phrase sets the scene;
        # the verb after it, with its subject, tells who spoke.
        del found[0]
    return found


_FRONTED_SETTING = re.compile(
    r"\s*(?:[A-Z][\w.' -]{0,40}\s*[-–—]+\s*)?(?:In|At|During)\s+(?:a|an|the|its|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}(?:statement|letter|interview|press conference|briefing)$",
    re.IGNORECASE,
)


def _told_of_another_action(kind: str, verbal: bool, before: str) -> bool:
    """Whether a noun trigger names what another action is about or came after: the measure
    an inquiry looks into, or the inquiry a decision concluded."""
    if kind in {BAN, RESTRICTION, EXPORT_CONTROL, LEGISLATION} and not verbal:
        return _INQUIRY_OBJECT.search(before) is not None
    if kind == INVESTIGATION and not verbal:
        return _PRIOR_INQUIRY.search(before) is not None
    return False


def _legislation_context(body: str, start: int, end: int) -> bool:
    """ "act" and "law" are legislation only as the name of one ("the CHIPS Act", "a new law")."""
    word = body[start:end].casefold()
    if word in {"bill", "bills"} and body[start].isupper():
        # "the Online Safety Bill" is one; "Bill Strazzullo" is a man.
        before = body[max(0, start - 30) : start]
        return bool(re.search(r"[A-Z][\w-]*\s+$", before)) and not re.match(r"\s+[A-Z]", body[end:])
    if word in {"act", "acts"} and not (
        body[start].isupper() and start > 0 and body[start - 2 : start].strip() != ""
    ):
        return False
    if word == "law" and not re.search(
        r"\b(?:new|the|a|proposed|draft)\s+$", body[max(0, start - 12) : start]
    ):
        return False
    if word in _LEGISLATION_NOUNS:
        # A law named is not an event ("the FTC Act allows ...", "fined for breaching the
        # Act"); one acted on is ("introduced legislation", "the bill was signed").
        low = max(0, start - 80)
        return any(
            # "the Act allows the government to block ...": the infinitive is what the law
            # permits, not something done to it.
            not re.search(r"\bto\s+$", body[max(0, low + m.start() - 4) : low + m.start()])
            for m in _LEGISLATIVE_ACTION.finditer(body[low : end + 80])
        )
    return True


def _main_trigger(triggers: list[_Trigger]) -> _Trigger:
    return min(triggers, key=lambda t: (_TYPE_RANK[t.type], -t.strength, t.start))


def _initiator(clause: _Clause, trigger: _Trigger, mentions: list[ActorMention]):
    """The actor that acts: the nearest actor before the trigger, or the speaker credited
    after it ("..., Li said"); media that only report the news come last."""
    dateline_end = _dateline_end(clause.text)
    candidates = [
        m
        for m in mentions
        if m.kind != actor_kinds.MEDIA
        and not clause.masked(m.start, m.end)
        and not 0 <= m.start < dateline_end
    ]
    listing = _listing_span(clause.text, trigger)
    if listing is not None:
        # "Inspur units were added to the Commerce Department's Entity List": the list's
        # owner, the credited speaker or the by-agent acts; the units are the target.
        owner = [
            m
            for m in candidates
            if listing[0] <= m.start < listing[1] and m.kind not in {actor_kinds.COMPANY}
        ]
        if owner:
            return owner[0]
        speaker = _credited_speaker(clause, mentions)
        if speaker is not None and speaker.kind != actor_kinds.MEDIA:
            return speaker
        return None
    credited = _statement_author(clause.text, trigger, candidates)
    if credited is not None:
        return credited
    # "A US trade court blocked": the trigger ("court blocked") starts inside the actor.
    before = [m for m in candidates if m.end <= trigger.start or m.start < trigger.start < m.end]
    # "the Supreme Court Justice Rui da Costa ordered": the court is part of the judge's title.
    before = [m for m in before if not _in_title_of(clause.text, m, before)]
    # "users in Italy found the app inaccessible": a country named as the place acts not.
    before = [m for m in before if not _named_as_place(clause.text, m)]
    if any(_UNDERGOES.match(clause.text, m.end, trigger.start) for m in before):
        before = []  # "China now faces the steepest tariff": China is the target
    if before:
        subject = _clause_subject(clause, trigger, before)
        if subject is not None:
            return subject
    speaker = _credited_speaker(clause, mentions)
    if speaker is not None and speaker.kind != actor_kinds.MEDIA:
        return speaker
    # "The ban ... was extended by the Interior Ministry", "was signed by former President
    # Joe Biden": the agent of a passive acts.
    for mention in candidates:
        if mention.start > trigger.end and _BY_AGENT.search(
            clause.text[max(0, mention.start - 50) : mention.start]
        ):
            return mention
        if mention.start >= trigger.end and _FROM_AGENT.fullmatch(
            clause.text, trigger.start, mention.start
        ):
            return mention  # "an ultimatum from Judge X": the judge sets it
    after = [m for m in candidates if m.start >= trigger.end and m.kind != actor_kinds.COUNTRY]
    fronted = _FRONTED_STATEMENT.match(clause.text) if trigger.start == 0 else None
    if fronted is not None and trigger.type == STATEMENT:
        # "In a statement on Saturday, May 3, 2025, the agency's spokesman, ... described":
        # the subject right after the fronted statement made it.
        return next((m for m in after if fronted.end() - 4 <= m.start <= fronted.end()), None)
    if after and trigger.type == STATEMENT:
        return None
    return before[-1] if before else None


# A statement named in a fronted phrase, with its day: "In a statement on Friday, March 7,
# 2025, " (each comma-separated piece after the first holds a digit: the date's parts).
_FRONTED_STATEMENT = re.compile(
    r"In\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+)?(?:statement|letter|interview)\b"
    r"[^,;.]*?(?:,\s*[^,;.]*?\d[^,;.]*?)*,\s*(?:the\s+)?"
)


def _statement_author(body: str, trigger: _Trigger, candidates: list[ActorMention]):
    """ "a statement by the regulator on Thursday": the statement's author, named after it."""
    if trigger.type != STATEMENT or body[trigger.start : trigger.end].casefold() != "statement":
        return None
    agent = _STATEMENT_BY.match(body, trigger.end)
    if agent is None:
        return None
    # The mention may hold its article ("the Irish data protection commission") or not.
    return next((m for m in candidates if agent.start("name") <= m.start <= agent.end()), None)


_STATEMENT_BY = re.compile(
    r"\s+(?:issued\s+|released\s+|published\s+)?by\s+(?P<name>(?:the\s+)?)", re.IGNORECASE
)


def _named_as_place(body: str, mention: ActorMention) -> bool:
    """A country after "in", "across" or "throughout" that a plural noun holds ("users in
    Italy", "stores across Europe"): the place where something happened to others."""
    return mention.kind == actor_kinds.COUNTRY and (
        _PLACE_BEFORE.search(body, max(0, mention.start - 40), mention.start) is not None
    )


_PLACE_BEFORE = re.compile(r"\b[a-z]+s\s+(?:in|across|throughout)\s+$")


def _in_title_of(body: str, mention: ActorMention, others: list[ActorMention]) -> bool:
    """The mention is the body in a person's title, written just before the name."""
    return mention.kind != actor_kinds.PERSON and any(
        other.kind == actor_kinds.PERSON
        and other.role
        and other.start > mention.end
        and body[mention.start : other.start].rstrip().endswith(other.role)
        and len(body[mention.start : other.start]) <= len(other.role) + 12
        for other in others
    )


_FROM_AGENT = re.compile(
    r"ultimatum\s+from\s+(?:the\s+)?(?:(?:[A-Z][\w.'’-]*|former|then|acting)\s+){0,3}"
)
# A subject that undergoes the measure: "faces the steepest tariff", "was hit with a fine".
_UNDERGOES = re.compile(
    r"\s+(?:now\s+|also\s+|could\s+|would\s+|will\s+|may\s+)?(?:faces?|faced|facing|"
    r"(?:is|are|was|were|been)\s+(?:hit|slapped)\s+with|(?:is|are|was|were)\s+subject\s+to)\s"
    r"(?:[\w%.,'’-]+\s+){0,4}$"
)


def _clause_subject(clause: _Clause, trigger: _Trigger, before: list[ActorMention]):
    """The first actor of the clause the trigger is in (after any leading "When asked ...,")."""
    body = clause.text
    passive = re.search(
        r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$", body[: trigger.start]
    ) and re.match(r"\w+(?:ed|en|wn|ut)\b", body[trigger.start : trigger.end])
    # A "that"-clause: its own subject acts ("Reuters reported that the administration is..."),
    # unless the action is passive ("told staff that DeepSeek is banned": the teller acts).
    that = body.rfind(" that ", 0, trigger.start)
    pool = before
    if that != -1:
        inner = [m for m in before if m.start > that]
        outer = [m for m in before if m.start < that]
        # A stance reported in a that-clause ("said that Beijing opposes ...") is the
        # speaker's statement.
        stance = trigger.type == STATEMENT and any(m.kind == actor_kinds.PERSON for m in outer)
        if inner and not trigger.speech and not (passive and outer) and not stance:
            pool = inner
        else:
            pool = outer or before
    elif passive:
        return None  # "DeepSeek was banned": the one named is the target, not the actor
    people = [m for m in pool if m.kind == actor_kinds.PERSON]
    lead = [m for m in pool if m.kind not in {actor_kinds.COUNTRY}]
    if (trigger.speech or trigger.type == STATEMENT) and people:
        return people[0]
    if lead:
        return lead[0]
    return pool[0] if pool else None


def _credited_speaker(clause: _Clause, mentions: list[ActorMention]) -> ActorMention | None:
    """ ", Li said." / ", said Li." / ", a Meta spokesperson told Reuters." at the end."""
    body = clause.text
    match = re.search(
        r",\s*((?:[^,]{0,80}?)\s(?:said|says|told|added|asked|claimed|noted|wrote)\b[^,]{0,60}"
        r"|(?:said|says|added|according to)\s[^,]{0,80}(?:,[^,]{0,90})?)[.\"”]*$",
        body,
    )
    if not match:
        return None
    inside = [m for m in mentions if m.start >= match.start(1)]
    people = [m for m in inside if m.kind == actor_kinds.PERSON]
    if people:
        return people[0]
    return inside[0] if inside else None


def _attributed_to_non_policy(clause, trigger, mentions, initiator) -> bool:
    """Commentary: the sentence is credited to an expert, analyst or unnamed source."""
    body = clause.text
    credit = re.search(r",\s*(?:said|says|according to)\s([^,]{0,60}).{0,90}$", body) or re.search(
        # ("..., a move analysts said was a response": an aside about the act, not its source.)
        r",\s*([^,]{0,80}?)\s(?:said|says|told|added|asked|noted|argued|wrote)\b"
        r"(?!\s+(?:was|is|were|are|would|will|had|has)\b)[^,]*[.\"”]*$",
        body,
    )
    speaker_text = ""
    if credit:
        speaker_text = credit.group(1) or ""
    else:
        lead = re.match(r"^(.{0,80}?)\s(?:said|says|told|believe|believes|argued|noted)\b", body)
        if lead:
            speaker_text = lead.group(1)
    if speaker_text and _NON_POLICY_SPEAKER.search(speaker_text):
        named = [m for m in mentions if m.text in speaker_text and m.kind != actor_kinds.PERSON]
        if not named:
            return True
    if (
        initiator is not None
        and initiator.kind == actor_kinds.PERSON
        and role_category(initiator.role) == "expert"
    ):
        return True
    if credit and speaker_text:
        credited = [m for m in mentions if m.kind == actor_kinds.PERSON and m.text in speaker_text]
        if credited and role_category(credited[0].role) == "expert":
            return True
    return False


# An official named by role alone, the name given earlier: "the minister mentioned", "The
# former president earlier this week had asked": up to two modifiers, then words of time or
# tense between the role and the verb (no verb of its own, no preposition before "the").
_ROLE_SUBJECT = re.compile(
    r"(?:^|[,;:]\s+|\s)(?<!\bof\s)(?<!\bto\s)(?<!\bby\s)(?<!\bfor\s)(?<!\bwith\s)"
    r"(?<!\bfrom\s)(?<!\bat\s)(?<!\bon\s)(?<!\bin\s)[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}"
    r"(?P<role>[a-z]+)\s+(?:(?:earlier|later|last|this|on|had|has|already|also|then|again|"
    r"previously|recently|[A-Za-z]+day|week|month|morning|afternoon|evening|night)\s+){0,4}$"
)


def _spoken_by_role(candidate: EventCandidate) -> bool:
    """Whether a statement's subject is an official named by role alone (``_official_by_role``)."""
    if candidate.event_type != STATEMENT:
        return False
    triggers = _triggers(_clause(candidate.sentence))
    return bool(triggers) and _official_by_role(candidate.sentence, _main_trigger(triggers))


def _official_by_role(body: str, trigger: _Trigger) -> bool:
    """Whether the statement's subject is an official named by role alone ("the minister
    said"): the name came earlier, so no actor is found in the sentence, but an official spoke."""
    subject = _ROLE_SUBJECT.search(body[: trigger.start])
    return (
        trigger.type == STATEMENT
        and subject is not None
        and role_category(subject["role"]) == "official"
    )


def _statement_worthy(
    clause: _Clause, initiator: ActorMention | None, mentions: list[ActorMention] = ()
) -> bool:
    """A statement matters when a policy actor makes it, or a company on a policy matter: one
    whose words are about policy, or that reports what a government did ("The firm said last
    month that Washington had pledged to ...")."""
    if initiator is None:
        return False
    if initiator.kind in _POLICY_KINDS:
        return True
    if initiator.kind == actor_kinds.PERSON:
        category = role_category(initiator.role)
        if category == "official":
            return True
        if category == "executive":
            return bool(_POLICY_CONTENT.search(clause.unmasked())) or _reports_policy_act(
                clause, initiator, mentions
            )
        return False
    if initiator.kind == actor_kinds.COMPANY:
        return bool(_POLICY_CONTENT.search(clause.unmasked())) or _reports_policy_act(
            clause, initiator, mentions
        )
    return False


# "said last month that Washington had pledged", "says that the ministry has agreed": a
# reported clause whose subject is a government, then its verb.
_REPORTS_THAT = re.compile(
    r"\s(?:said|says|told\s+[\w\s]{1,40}?|confirmed|announced|disclosed)\b[^.;:,]{0,40}?"
    r"\bthat\s+(?:the\s+)?$"
)
_REPORTED_ACT = re.compile(
    r"\s+(?:had|has|have|was|were|would|will|[a-z]+ed|agreed|told|gave|made|set)\b"
)


def _reports_policy_act(
    clause: _Clause, initiator: ActorMention, mentions: list[ActorMention]
) -> bool:
    """The speaker reports a policy actor's act: the reported clause's subject is one (a
    country by its capital, "Washington", is its government; by its own name, a place)."""
    body = clause.text
    for mention in mentions:
        if mention.kind not in _POLICY_KINDS or mention.start <= initiator.end:
            continue
        if mention.kind == actor_kinds.COUNTRY and mention.text == mention.name:
            continue  # "that Germany was its biggest market": a place; "that Washington had"
        if clause.masked(mention.start, mention.end):
            continue
        if _REPORTS_THAT.search(body[initiator.end : mention.start]) and (
            _REPORTED_ACT.match(body, mention.end)
        ):
            return True
    return False


# A dateline opening a sentence: a place in capitals and, in parentheses, who filed it and
# when ("TOKYO (Outlet / Wire - 23rd July, 2023)").
_PARENTHESISED_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,40})*\s+\([^()]{2,80}\)|"
    # A byline with the time it was filed: "By Jane Roe (March 3, 2025, 8:54 PM EDT) -- ...".
    r"\s*By\s+(?:[A-Z][\w.'’-]*\s+){1,4}\([^()]{2,80}\)"
)


def _dateline_end(body: str) -> int:
    """Where a parenthesised dateline opening ``body`` ends (0 when there is none): its date
    and outlet say who filed the story and when, not who acted or when."""
    match = _PARENTHESISED_DATELINE.match(body)
    return match.end() if match else 0


def _date_for(clause: _Clause, trigger: _Trigger, timexes: list[Timex], offset: int):
    """The time expression that dates the trigger: outside quotations and clauses that do not
    hold the trigger, not a limit ("since ...", "by ..."), the nearest to the trigger."""
    body = clause.text
    dateline_end = _dateline_end(body)
    usable, filed = [], []
    for timex in timexes:
        if timex.type not in {"DATE", "TIME"} or timex.date_start is None:
            continue
        if timex.value == "PRESENT_REF":
            continue  # "now", "for the time being": the state of things, not when it happened
        start, end = timex.start - offset, timex.end - offset
        if clause.quoted(start, end):
            continue
        # "has been blocked since Friday": the day the measure was taken (a "since" clause
        # otherwise gives no date).
        since = timex.precision == "day" and _in_force_since(body, trigger, start)
        # "The inquiry, which began in 2018, examined ...": the measure's own start.
        began = start >= trigger.end and _BEGAN_CLAUSE.fullmatch(body, trigger.end, start)
        if (
            clause.masked(start, end)
            and not clause.masked(trigger.start, trigger.end)
            and not since
            and not began
        ):
            continue
        if (
            _EXCLUDED_BEFORE_DATE.search(body[max(0, start - 20) : start])
            and not since
            and not _scheduled_start(clause, trigger, timex, start)
        ):
            continue
        if _names_the_day_of_another_thing(body, trigger, timex, start, end):
            continue
        if 0 <= start < end <= dateline_end:
            filed.append(timex)  # "TOKYO (Outlet / Wire - 23rd July, 2023) ...": when it was filed
            continue
        if start >= trigger.end and re.search(r",\s+[a-z]+ing\b", body[trigger.end : start]):
            continue  # "launched a probe, accusing it of ... its purchase in 2020"
        if start >= trigger.end and re.search(r",\s+but\s|;", body[trigger.end : start]):
            continue  # "had agreed to lease the jets, but in 2003 a scandal erupted"
        if start >= trigger.end and _REASON_CLAUSE.search(body[trigger.end : start]):
            continue  # "restricted from ... as the government found that ... last year"
        distance = trigger.start - end if end <= trigger.start else start - trigger.end
        usable.append((max(distance, 0), 0 if end <= trigger.start else 1, timex))
    if not usable:
        # "LONDON, April 26 (Wire) - Britain said ...": a sentence with no date of its own tells
        # the news of the day its dateline was filed.
        return filed[0] if filed else None
    # One clause, one date: a date in the trigger's own clause wins over a nearer one in the
    # next clause ("announced Wednesday that he is pausing tariffs that went into effect
    # earlier in the day").
    own = next(
        (c for c in split_clauses(body) if c.start <= trigger.start < c.end),
        None,
    )
    if own is not None:
        inside = [item for item in usable if own.start <= item[2].start - offset < own.end]
        if not inside:
            # "China vowed to respond after tariffs came into effect Wednesday": the day is the
            # tariffs', told in a clause with an act of its own, not the vow's.
            apart = [
                c
                for c in split_clauses(body)
                if (c.start >= own.end or c.end <= own.start) and _act_of_its_own(body, c)
            ]
            inside = [
                item
                for item in usable
                if not any(c.start <= item[2].start - offset < c.end for c in apart)
            ]
            if not inside:
                return None
        usable = inside
    best = min(usable, key=lambda item: (item[0], item[1]))[2]
    if not trigger.speech and best.end - offset <= trigger.start:
        speech = _SPEECH_DATE.search(body[max(0, best.start - offset - 40) : best.start - offset])
        reported = _REPORTED_SUBJECT.match(body, best.end - offset)
        later = [item for item in usable if item[2].start - offset >= trigger.end]
        if speech is not None and reported is not None and later:
            # "The ministry said on Wednesday it had fined the operator on Monday": the day
            # after "said" is the statement's; the action's own day follows its verb.
            best = min(later, key=lambda item: item[0])[2]
    if best.precision in _COARSENESS:
        # "announce the schedule for General Elections 2024 ... on Saturday, March 16", "later
        # this week (14 March)": a finer date within the coarser one tells when.
        finer = [
            item
            for item in usable
            if _COARSENESS.get(item[2].precision, 9) < _COARSENESS[best.precision]
            and best.date_start <= item[2].date_start <= best.date_end
        ]
        if finer:
            return min(finer, key=lambda item: (item[0], item[1]))[2]
    return best


# "will prevent sales as of September 29", "takes effect from April 1": a scheduled measure's
# first day.
_STARTS_AT = re.compile(r"\b(?:as of|from)\s*$", re.IGNORECASE)
_SCHEDULED = re.compile(r"\b(?:will|shall|(?:is|are)\s+(?:set|due|scheduled)\s+to)\b", re.I)


def _scheduled_start(clause: _Clause, trigger: _Trigger, timex: Timex, start: int) -> bool:
    """Whether the day after "as of" or "from" is when a measure the clause schedules starts."""
    return (
        timex.precision == "day"
        and trigger.type not in {PROPOSAL, STATEMENT}
        and start >= trigger.end
        and _STARTS_AT.search(clause.text[max(0, start - 10) : start]) is not None
        and _SCHEDULED.search(clause.text[:start]) is not None
    )


_COARSENESS = {"day": 0, "week": 1, "month": 2, "year": 3}
# A day written between an article and a noun: "the April 2 presidential election".
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.IGNORECASE)
_NOUN_PHRASE_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\b")


def _names_the_day_of_another_thing(body, trigger, timex, start: int, end: int) -> bool:
    """Whether a day or month modifies a noun that is not the action ("delay the April 2 vote",
    "appealed the July 2024 order"): it names that thing's day, not when the action was done."""
    if timex.precision not in {"day", "month"} or not _ARTICLE_BEFORE.search(
        body[max(0, start - 8) : start]
    ):
        return False
    noun_phrase = _NOUN_PHRASE_AFTER.match(body, end)
    return noun_phrase is not None and not (end <= trigger.start < noun_phrase.end())


# A relative clause right after the measure's noun that tells when it began.
_BEGAN_CLAUSE = re.compile(
    r",?\s+(?:which|that)\s+(?:began|started|opened|was\s+(?:opened|launched|started))\s+"
    r"(?:(?:on|in)\s+)?"
)
# A date told with the speech that reports the action: "said on Wednesday (that) it had ...";
# the reported clause opens with its own subject ("announced on Saturday to open" is one act).
_REPORTED_SUBJECT = re.compile(r",?\s+(?:that\s+)?(?:it|they|he|she|the\s|[A-Z])")
_SPEECH_DATE = re.compile(
    r"\b(?:said|says|announced|confirmed|stated|told\s+(?:\w+\s+){1,2}?)\s*"
    r"(?:(?:on|late|early|late on|early on)\s+)?$"
)


# "The site has been blocked since Friday", "had remained suspended since the morning of 2 May":
# a measure in force since a day was taken that day.
_STATE_BEFORE = re.compile(
    r"\b(?:(?:has|have|had)\s+been|remain(?:s|ed)?|stay(?:s|ed)?)\s+(?:\w+ly\s+)?$", re.I
)
_MEASURE_STATE = re.compile(
    r"(?:blocked|banned|suspended|restricted|barred|frozen|halted|shut(?:\s+down)?|closed|"
    r"unavailable|inaccessible|offline|unreachable)$",
    re.IGNORECASE,
)
_SINCE_BEFORE_DAY = re.compile(
    r"^[^,.;:]{0,60}?\bsince\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?$",
    re.IGNORECASE,
)


def _in_force_since(body: str, trigger: _Trigger, date_start: int) -> bool:
    """The trigger is a measure in force "since" the day that starts at ``date_start``."""
    return (
        date_start >= trigger.end
        and _MEASURE_STATE.search(body[trigger.start : trigger.end]) is not None
        and _STATE_BEFORE.search(body[max(0, trigger.start - 30) : trigger.start]) is not None
        and _SINCE_BEFORE_DAY.match(body[trigger.end : date_start]) is not None
    )


# A reason told with its own subject and verb: its dates are the reason's, not the action's.
_REASON_CLAUSE = re.compile(
    r"\b(?:as|because|whereas)\s+(?:the|it|they|he|she|we)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:[a-z]+ed|said|found|saw|has|had|was|were)\b"
)


def _in_own_clause(
    body: str, timex: Timex, offset: int, published: date, *, part: bool = False
) -> Timex:
    """A date read as future because of a later clause ("introduced a bill on Monday that
    would ban ...", "approved it on Tuesday; it takes effect in May") or, in a ``part`` of a
    sentence, because of the main clause ("said it would appeal, after the court struck the ban
    down on Friday"): resolve it again with only its own clause as context."""
    end = timex.end - offset
    boundary = re.compile(r";|,|\s(?:that|which|who|but|while|and|after|before)\s")
    stop = boundary.search(body, end)
    segment = body[: stop.start()] if stop else body
    if len(segment) == len(body) and not part:
        return timex
    for again in find_timexes(segment, published):
        if again.start == timex.start - offset and again.date_start is not None:
            return replace(again, start=again.start + offset, end=again.end + offset)
    return timex


def _date_text(body: str, timex: Timex, offset: int) -> str:
    """The date phrase as written, with its preposition ("on Tuesday", "in recent weeks")."""
    start = timex.start - offset
    match = _DATE_TEXT_PREPOSITION.search(body[max(0, start - 12) : start])
    if match and not re.match(r"(?:on|in|during|at|over)\b", timex.text, re.IGNORECASE):
        return body[start - len(match.group()) : start] + timex.text
    return timex.text


def _future(clause: _Clause) -> bool:
    return bool(
        re.search(
            r"\b(?:will|shall|is set to|are set to|is due to|are due to|plans? to|takes? effect|"
            r"(?:goes|go|comes?) into (?:effect|force)|effective|starting|"
            r"scheduled|expected to|to be)\b",
            clause.text,
            re.IGNORECASE,
        )
    )


def _may_take_publication_date(clause, trigger, initiator) -> bool:
    """An undated report dates from its publication when it is news, not background: a named
    actor, present or present perfect tense or a plain "said", no past perfect, no quotation
    carrying the whole statement."""
    body = clause.text
    if initiator is None or initiator.kind == actor_kinds.COUNTRY:
        return False
    before = body[max(0, trigger.start - 40) : trigger.start]
    if _PAST_PERFECT.search(before + body[trigger.start : trigger.end]):
        return False
    if re.search(r"\b(?:former|previous|previously|last year|in the past|once)\b", body, re.I):
        return False
    if trigger.speech and clause.quotes:
        return False
    if trigger.type == STATEMENT and not _POLICY_CONTENT.search(clause.unmasked()):
        return False  # an undated remark is news only when it is about a policy matter
    return bool(
        re.search(
            r"\b(?:has|have|is|are|says|said|told|tells|added|announced|will)\b",
            body,
            re.IGNORECASE,
        )
    )


def _lead_action(clause: _Clause, trigger: _Trigger, initiator) -> bool:
    """The news lead tells the day's news without a date: "The Data Protection Commission
    fined WhatsApp 225 million euros" opens an article published that day."""
    return (
        initiator is not None
        and (
            initiator.kind in _POLICY_KINDS
            # "Justice Ada Brooks ordered ...": an official acts for the body
            or initiator.kind == actor_kinds.PERSON
            and role_category(initiator.role) == "official"
        )
        and trigger.verbal
        and trigger.type != STATEMENT
        and not _PAST_PERFECT.search(clause.text)
    )


def _event_actors(mentions: list[ActorMention], initiator: ActorMention | None, body: str):
    """The initiator (and any actor joined to it by "and"), then the others named."""
    ordered: list[ActorMention] = []
    partners: list[ActorMention] = []
    if initiator is not None:
        ordered.append(initiator)
        # "France, Germany and Italy agreed": a list that ends with "and"; a comma alone is
        # an apposition ("David Sacks, the White House's czar").
        chain, previous = [], initiator
        for mention in mentions:
            if mention.start < previous.end:
                continue
            join = re.fullmatch(
                r"\s*(,|,?\s*and|&)\s*(?:the\s+)?", body[previous.end : mention.start]
            )
            if not join:
                break
            chain.append((mention, join.group(1) != ","))
            previous = mention
        last_and = max((i for i, (_, joined) in enumerate(chain) if joined), default=-1)
        partners = [mention for mention, _ in chain[: last_and + 1]]
    ordered.extend(partners)
    dateline_end = _dateline_end(body)
    ordered.extend(
        m
        for m in mentions
        if m is not initiator and m not in partners and not 0 <= m.start < dateline_end
    )
    non_media = [m for m in ordered if m.kind != actor_kinds.MEDIA]
    if non_media:
        ordered = non_media
    result: list[EventActor] = []
    seen: set[str] = set()
    for mention in ordered:
        if mention.name in seen:
            continue
        leading = mention is initiator or mention in partners
        if leading and mention.kind == actor_kinds.COUNTRY and mention.country:
            # "China announced Tuesday", "Prague said": the country acts as its government.
            mention = replace(
                mention, name=government_name(mention.country), kind=actor_kinds.GOVERNMENT
            )
        if mention.kind == actor_kinds.COUNTRY and not leading:
            continue  # "the U.S. government", "U.S. rivals": setting, not a party
        seen.add(mention.name)
        role = "initiator" if leading else "subject"
        office = mention.role if mention.kind == actor_kinds.PERSON else ""
        result.append(EventActor(mention.name, mention.kind, mention.country, role, office))
    return tuple(result)


def _event_country(actors: tuple[EventActor, ...]) -> str:
    """The jurisdiction is the initiator's country; unknown without one."""
    return next((actor.country for actor in actors if actor.role == "initiator"), "")


def _confidence(trigger, initiator, basis, precision, hedged, actors) -> float:
    """From the cues: how strong the action word is, who acts, how the date is known."""
    score = 0.5 * trigger.strength
    if initiator is not None:
        if initiator.kind in _POLICY_KINDS or (
            initiator.kind == actor_kinds.PERSON and role_category(initiator.role) == "official"
        ):
            score += 0.3
        else:
            score += 0.2
    elif actors:
        score += 0.05
    if basis == "stated":
        score += 0.2 if precision == "day" else 0.15
    if hedged:
        score -= 0.1
    return round(min(max(score, 0.05), 0.99), 2)
