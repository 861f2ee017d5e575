"""Event candidates from article text: who did what, when, with the sentence that says so.

For each sentence the extractor looks for a policy action (a trigger: "banned", "export
controls", "confirmation hearing", "is weighing a ban", "said ... opposes", "sued", ...) outside
full quotations, outside relative and conditional clauses, not negated ("did not respond") and
not hypothetical ("would ban"). The action's type is the Event model's type. Then:

- the actors are the mentions in the sentence (``actors.find_actors`` over the whole text, so
  a surname later in the text is the person named earlier); the initiator is the actor that
  acts or speaks;
- the date is the sentence's own time expression nearest the trigger (``dates.find_timexes``
  over the whole text; durations and sets never date an event); a report in the present or a
  plain "said" without a date takes the publication date (``date_basis="publication"``);
- opinion and background do not make events: statements need a policy actor as speaker (a
  government body, an official, a company about a policy matter), and sentences attributed to
  experts, analysts or anonymous sources are left out, as are undated sentences in the past
  perfect ("had put forth") and full quotations without a date.

One real-world event told twice in an article becomes one candidate (same type or similar
words, overlapping dates, shared actors); the best-evidenced telling is kept.

This module reads a whole text or page: sentence by sentence, with what one sentence lends the
next (a pronoun's antecedent, "a day after" counted from the main clause's day), then the
duplicates merged. The parts live beside it: ``candidates`` (the returned values and event
types), ``triggers`` (the trigger table and its patterns), ``titles`` (title and summary),
``sentence_events`` (one sentence's candidate) and ``dedup`` (one event told twice). The public
API stays here: ``extract``, ``extract_events``, ``extract_page``, ``reference_day``, the values
and the type constants.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from timeline.extraction import actors as actor_kinds
from timeline.extraction.actors import ActorMention, find_actors, role_category
from timeline.extraction.candidates import (
    AGREEMENT,
    BAN,
    EXPORT_CONTROL,
    HEARING,
    INVESTIGATION,
    LAWSUIT,
    LEGISLATION,
    OTHER,
    PROPOSAL,
    REPORT,
    RESTRICTION,
    STATEMENT,
    SUMMARY_MAX,
    TITLE_MAX,
    EventActor,
    EventCandidate,
    Extraction,
)
from timeline.extraction.clauses import DAY_COUNTS, IRREGULAR_PAST, split_clauses
from timeline.extraction.dates import Timex, find_timexes, reanchored
from timeline.extraction.dedup import _acts_apart, _deduplicate
from timeline.extraction.sentence_events import (
    _COUNTED_DAYS,
    _ELIDED_SUBJECT,
    _TEMPORAL_LEAD,
    _act_of_its_own,
    _candidate,
    _clause,
    _confidence,
    _credited_speaker,
    _date_text,
    _event_actors,
    _event_country,
    _in_sentence,
    _points_back,
    _spoken_by_role,
)
from timeline.extraction.sentences import Sentence, split_sentences
from timeline.extraction.similarity import measure_kinds
from timeline.extraction.text import Article, read_article
from timeline.extraction.titles import (
    _BARE_VERB_START,
    _polish_title,
    _short_name,
    _shorten,
    _summary,
    _third_person,
    present_tense,
)
from timeline.extraction.triggers import _DATELINE, _Trigger

__all__ = [
    "AGREEMENT",
    "BAN",
    "EXPORT_CONTROL",
    "HEARING",
    "INVESTIGATION",
    "LAWSUIT",
    "LEGISLATION",
    "OTHER",
    "PROPOSAL",
    "REPORT",
    "RESTRICTION",
    "STATEMENT",
    "SUMMARY_MAX",
    "TITLE_MAX",
    "EventActor",
    "EventCandidate",
    "Extraction",
    "PageExtraction",
    "extract",
    "extract_events",
    "extract_page",
    "present_tense",
    "reference_day",
]


def extract(
    article_text: str,
    published: date | None = None,
    *,
    title: str | None = None,
    timexes: Sequence[Timex] | None = None,
) -> Extraction:
    """Event candidates in ``article_text`` (the clean body, see ``text.read_article``).

    ``published`` anchors relative dates and dates undated reports; without it only events
    with an absolute date are found. ``title`` (the headline) helps recognise actors.
    ``timexes`` are the text's time expressions when already computed (else they are found
    here). Offsets in the result index ``article_text``. Never raises on any string.
    """
    if timexes is None:
        timexes = find_timexes(article_text, published)
    sentences = split_sentences(article_text)
    mentions = _mentions(article_text, title)
    timex_starts = [timex.start for timex in timexes]
    mention_starts = [mention.start for mention in mentions]
    candidates = []
    for number, sentence in enumerate(sentences):
        own_timexes = _within(timexes, timex_starts, sentence)
        chained = _chained_timex(article_text, sentence, candidates)
        if chained is not None:
            own_timexes = sorted([*own_timexes, chained], key=lambda t: t.start)
        # "After the ministry banned it on Monday, the agency fined ...": the main clause is
        # read on its own (its actor, date and title); the fronted clause is a clause candidate.
        main_part = _after_fronted_clause(sentence)
        # "defended the levy she announced the previous week": the week is the announcing's.
        made = _reduced_relative_days(sentence, own_timexes)
        candidate = _candidate(
            article_text,
            main_part,
            [t for t in own_timexes if t.start >= main_part.start and t.start not in made],
            _within(mentions, mention_starts, main_part),
            published,
            lead=number < 2,
            main_clause=True,
        )
        if candidate is not None and main_part is not sentence:
            candidate = replace(
                candidate,
                sentence=sentence.text,
                start=sentence.start,
                end=sentence.end,
                summary=_summary(sentence.text),
            )
        counted_from = _stated_day(candidate)
        if _back_reference(sentence.text):
            candidate = None  # the clause after "comes after" tells the event
            # "The move came a day after ...": the move is the event the sentence before told.
            counted_from = next(
                (
                    _stated_day(c)
                    for c in reversed(candidates)
                    if number and c.start == sentences[number - 1].start and not c.background
                ),
                None,
            )
        elif candidate is None:
            # "DeepSeek could not be accessed on Wednesday, the day after ...": no event in the
            # main clause, but its day still counts.
            counted_from = _main_clause_day(sentence, own_timexes)
        if candidate is not None:
            candidates.append(candidate)
        candidates.extend(
            _clause_candidates(
                article_text,
                sentence,
                candidate,
                timexes,
                timex_starts,
                mentions,
                mention_starts,
                published,
                counted_from,
            )  # fmt: skip
        )
        # "he" in "the fee he announced" may stand for a person named a sentence or two before.
        recent = Sentence(sentences[max(0, number - 2)].start, sentence.start, "")
        candidates.extend(
            _made_measure_candidates(
                article_text,
                sentence,
                candidate,
                _within(timexes, timex_starts, sentence),
                _within(mentions, mention_starts, sentence),
                published,
                _within(mentions, mention_starts, recent),
            )
        )
        quoted_acts = _quoted_act_candidates(
            article_text,
            sentence,
            _within(timexes, timex_starts, sentence),
            _within(mentions, mention_starts, sentence),
            published,
        )
        if quoted_acts and candidate is None and main_part is sentence:
            # "“When the regulator ordered us to stop ...,” a spokesperson said Friday": the
            # company answers a policy act, so its statement is one on a policy matter.
            candidate = _candidate(
                article_text,
                sentence,
                own_timexes,
                _within(mentions, mention_starts, sentence),
                published,
                lead=number < 2,
                main_clause=True,
                cites_act=True,
            )
            if candidate is not None:
                candidates.append(candidate)
        candidates.extend(quoted_acts)
    events = _off_the_dateline(
        _with_named_kind(_deduplicate(_with_antecedents(candidates), published), sentences),
        sentences,
        article_text,
    )
    return Extraction(
        published=published,
        events=tuple(events),
        sentence_count=len(sentences),
        timexes=tuple(timexes),
    )


_TOLD_ON_A_WEEKDAY = re.compile(r"(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")


def _off_the_dateline(
    events: list[EventCandidate], sentences: list[Sentence], text: str
) -> list[EventCandidate]:
    """A wire dateline heading a lead ("June 21 (Wire) -- The department announced a ban ...")
    is page furniture: the evidence starts after it. A lead dated only by its dateline's day
    took place on the weekday the next sentence of its paragraph tells the same news by ("The
    bureau said Thursday ..."), when that day comes before it: the dateline is when the story
    was filed, not when the act was done."""
    starts = [sentence.start for sentence in sentences]
    moved = []
    for event in events:
        dateline = _DATELINE.match(event.sentence)
        if dateline is None or dateline.end() >= len(event.sentence):
            moved.append(event)
            continue
        head, rest = event.sentence[: dateline.end()], event.sentence[dateline.end() :]
        lead = replace(event, sentence=rest, start=event.start + dateline.end())
        if event.date_text and event.date_text in head and event.date_text not in rest:
            number = bisect_left(starts, event.end)
            after = sentences[number] if number < len(sentences) else None
            told = [
                other
                for other in events
                if after is not None
                and "\n\n" not in text[event.end : after.start]
                and after.start <= other.start < after.end
                and other.date_basis == "stated"
                and other.precision == "day"
                and _TOLD_ON_A_WEEKDAY.fullmatch(other.date_text or "")
                and 1 <= (event.date_start - other.date_start).days <= 6
            ]
            if told:
                lead = replace(
                    lead,
                    date_start=told[0].date_start,
                    date_end=told[0].date_end,
                    date_text=told[0].date_text,
                )
        moved.append(lead)
    return moved


# A year written out: what a quotation states as a dated fact, not a speaker's loose "then".
_STATED_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _quoted_act_candidates(
    text: str,
    sentence: Sentence,
    timexes: list[Timex],
    mentions: list[ActorMention],
    published: date | None,
) -> list[EventCandidate]:
    """Past acts a quotation tells with their year ("“When the regulator ordered us to stop
    selling it in 2023, we ...,” a spokesperson said"): a quotation is the speaker's words,
    mostly opinion, but an act told in the past with the year it happened is a fact it cites.
    Statements and plans inside a quotation stay out, as does anything without a year."""
    found = []
    for start, end in _clause(sentence.text).quotes:
        begin = sentence.start + start + 1
        found.extend(
            _quoted_acts(
                text,
                Sentence(begin, begin + end - start - 2, text[begin : begin + end - start - 2]),
                timexes,
                mentions,
                published,
                sentence,
            )
        )
    return found


def _quoted_acts(text, quotation, timexes, mentions, published, sentence):
    """The acts with their year in each clause of one quotation."""
    found = []
    for clause in split_clauses(quotation.text):
        body = clause.text[len(clause.lead) :].lstrip(" ,")
        begin = quotation.start + clause.end - len(body)
        part = Sentence(begin, quotation.start + clause.end, body)
        candidate = _candidate(
            text,
            part,
            [t for t in timexes if part.start <= t.start and t.end <= part.end],
            [m for m in mentions if part.start <= m.start and m.end <= part.end],
            published,
            main_clause=True,
        )
        if (
            candidate is None
            or candidate.date_basis != "stated"
            or candidate.event_type in {STATEMENT, PROPOSAL}
            or not _STATED_YEAR.search(candidate.date_text or "")
            or published is not None
            and candidate.date_end >= published
        ):
            continue
        found.append(
            replace(
                candidate,
                sentence=sentence.text,
                start=sentence.start,
                end=sentence.end,
                summary=_summary(sentence.text),
            )
        )
    return found


# A measure referred to by no kind: "the latest countermeasures", "the sweeping measures",
# "the move".
_VAGUE_MEASURE = re.compile(
    r"\b(?:counter)?measures\b|\b(?:the|this|that|its|their)\s+(?:latest\s+)?(?:move|step)\b",
    re.IGNORECASE,
)


def _with_named_kind(
    candidates: list[EventCandidate], sentences: Sequence[Sentence]
) -> list[EventCandidate]:
    """Candidates whose sentence names their measure by no kind ("The latest countermeasures are
    effective Thursday") with the sentence before, when it names the kind ("... announcing it
    would raise duties on imports to 84%"), opening their summary: what the measure is."""
    starts = [sentence.start for sentence in sentences]
    found = []
    for candidate in candidates:
        number = bisect_left(starts, candidate.start + 1) - 1
        if (
            number >= 1
            and _VAGUE_MEASURE.search(candidate.sentence)
            and not measure_kinds(candidate.sentence)
            and measure_kinds(before := sentences[number - 1].text)
        ):
            # The sentence before, cut to what the summary has room for, while it names the kind.
            room = SUMMARY_MAX - len(candidate.summary) - 1
            context = _shorten(_summary(before), room) if room > 0 else ""
            if measure_kinds(context):
                candidate = replace(candidate, summary=f"{context} {candidate.summary}")
        found.append(candidate)
    return found


def _after_fronted_clause(sentence: Sentence) -> Sentence:
    """The sentence from its main clause on, when a subordinate clause opens it ("After the
    ministry banned it on Monday, ..."); else the sentence itself."""
    clauses = split_clauses(sentence.text)
    if len(clauses) < 2 or not clauses[0].lead:
        return sentence
    begin = clauses[1].start
    return Sentence(sentence.start + begin, sentence.end, sentence.text[begin:])


# "The investigation comes after the U.S. last week launched its third crackdown": the main
# clause points back at a measure told elsewhere; the clause after "after" is its own event, with
# its own actor and date.
_BACK_REFERENCE = re.compile(
    r"(?:The|This|That|These|Those|Its|Their)\s+(?:[\w'’-]+\s+){0,3}"
    r"(?:comes?|came|is coming)(?:\s+(?:just|only|shortly|days|weeks|a\s+day|a\s+week))*$"
)


def _back_reference(sentence: str) -> bool:
    clauses = split_clauses(sentence)
    return (
        len(clauses) > 1
        and (clauses[1].lead.endswith("after") or clauses[1].lead == "following")
        and _BACK_REFERENCE.match(clauses[0].text) is not None
    )


def _with_antecedents(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """A candidate with no named actor whose subject points back ("it", "the measure") takes
    the actor of the nearest earlier candidate that names one."""
    resolved: list[EventCandidate] = []
    last: EventActor | None = None  # "it", "they": a body
    last_maker: EventActor | None = None  # "the order", "this decree": a body or a judge
    last_official: EventActor | None = None  # "the minister said": a person in office
    for candidate in sorted(candidates, key=lambda c: c.start):
        initiator = next((a for a in candidate.actors if a.role == "initiator"), None)
        pronoun = re.match(r"(?:It|They)\b", _DATELINE.sub("", candidate.sentence))
        antecedent = last if pronoun else last_maker
        if initiator is None and _spoken_by_role(candidate):
            antecedent = last_official
        elif not _points_back(candidate.sentence) or (
            pronoun and _SCHEDULED_STEP.search(candidate.sentence)
        ):
            antecedent = None  # "It is due to take effect": "it" is the measure, no actor
        if initiator is None and antecedent is not None:
            speaker = ActorMention(
                antecedent.name, antecedent.kind, antecedent.country, antecedent.name, 0, 0
            )
            candidate = replace(
                candidate,
                title=_polish_title(candidate.title, speaker),
                actors=(antecedent, *candidate.actors),
                country=antecedent.country,
            )
        elif initiator is not None and not candidate.background:
            last_maker = initiator
            if initiator.kind != actor_kinds.PERSON:
                last = initiator
            elif role_category(initiator.office) == "official":
                last_official = initiator
        if candidate.event_type == STATEMENT and not candidate.actors:
            continue  # "It said ..." with nobody named before: no one to credit
        resolved.append(candidate)
    return resolved


_CHAIN = re.compile(
    r"\b(?:(?:minutes|hours|moments)\s+later|later\s+(?:that|the\s+same)\s+day|"
    r"the\s+same\s+day)\b",
    re.IGNORECASE,
)


def _chained_timex(text: str, sentence: Sentence, earlier: list[EventCandidate]) -> Timex | None:
    """ "The administration minutes later filed a notice of appeal": the day of the event told
    just before (a relative chain resolves against the event it hangs on)."""
    match = _CHAIN.search(sentence.text)
    if match is None:
        return None
    last = next(
        (c for c in reversed(earlier) if c.date_basis == "stated" and c.precision == "day"), None
    )
    if last is None:
        return None
    start, end = sentence.start + match.start(), sentence.start + match.end()
    day = last.date_start
    return Timex(start, end, text[start:end], "DATE", day.isoformat(), "day", day, day, "text")


def _clause_candidates(
    text, sentence, main, timexes, timex_starts, mentions, mention_starts, published, counted_from
) -> list[EventCandidate]:
    """The events told in the sentence's other clauses, each with its own stated date: "China
    protested on Wednesday after the U.S. added 80 companies to its list on Tuesday"; a clause
    opened by "a day after" is dated from ``counted_from``, the main clause's event."""
    clauses = split_clauses(sentence.text)
    if len(clauses) < 2:
        return []
    found = []
    for clause in clauses:
        lead = len(clause.lead)
        body = clause.text[lead:].lstrip(" ,")
        begin = sentence.start + clause.end - len(body)
        part = Sentence(begin, sentence.start + clause.end, body)
        own_timexes = _within(timexes, timex_starts, part)
        consequence = _CONSEQUENCE.match(body) is not None
        sets_the_time = _TEMPORAL_LEAD.search(clause.lead) is not None
        counted = _counted_from(clause.lead, counted_from, begin)
        if counted is not None:
            # "..., a day after the ministry banned night crossings": the day counted from the
            # main clause's own date (a date inside the clause is another step's: "a day after
            # the U.S. urged Canada to adopt the tariffs it put in place in May").
            own_timexes = [counted]
        elif not any(t.type in {"DATE", "TIME"} and t.date_start for t in own_timexes):
            if consequence and main is not None and main.date_basis == "stated":
                # "..., prompting China to respond by raising its duties": another actor's act
                # on the day of the one that prompted it.
                own_timexes = [_same_day_as(main, begin)]
            else:
                continue
        own_mentions = _within(mentions, mention_starts, part)
        earlier = [m for m in _within(mentions, mention_starts, sentence) if m.end <= begin]
        elided = bool(earlier) and clause.lead == "and" and bool(_ELIDED_SUBJECT.match(body))
        if elided:
            # "The authority fined the airline in 2021, and in 2023 warned it": the
            # verb after "and" shares the sentence's subject.
            own_mentions = [earlier[0], *own_mentions]
        elif (
            clause.relative
            and earlier
            and (
                not _right_before(sentence, earlier[-1], clause)
                # "the ban, which the Commission announced on Tuesday": the clause names its
                # own subject.
                or _opens_with_subject(text, begin, own_mentions)
            )
        ):
            pass  # "..., Snow Leopard, which was released in 2009": the noun is no actor's
        elif earlier and (
            clause.relative
            # "..., after duties came into effect": a clause that sets the time has a subject
            # of its own, named or not ("since it was proposed" points back).
            or not own_mentions
            and (not sets_the_time or re.match(r"(?:it|they|he|she)\b", body) is not None)
        ):
            # "the National AI Committee, which was launched in September": the noun before
            # the clause is what the clause tells about.
            own_mentions = [earlier[-1], *own_mentions]
        # "the law, which takes effect Sunday": a short clause is still a clause.
        candidate = _candidate(text, part, own_timexes, own_mentions, published, min_length=12)
        if candidate is None or candidate.date_basis != "stated":
            continue
        if consequence:
            if not candidate.actors:
                continue
            # "China to respond by raising ..." → "China responds by raising ...".
            headline = re.sub(
                r"^((?:[A-Z][\w.'’-]*\s){1,4})to ([a-z]+)\b",
                lambda m: m[1] + _third_person(m[2]),
                candidate.title,
            )
            candidate = replace(candidate, apart=True, title=headline)
        if (
            not candidate.actors
            and not _SCHEDULED_STEP.search(body)
            # "..., after a federal judge blocked the law on Tuesday": the clause names who
            # acted, though not as a known body.
            and not (sets_the_time and _DESCRIBED_SUBJECT.match(body))
        ):
            continue  # "Voltra, which was fined in 2022": who acted is not said
        told_apart = main is not None and _act_of_its_own(sentence.text, clause)
        if told_apart:
            # Another actor's act on the main clause's day stays an event of its own.
            candidate = replace(candidate, apart=True)
        if (
            main is not None
            and not told_apart
            and (candidate.date_start, candidate.date_end)
            == (
                main.date_start,
                main.date_end,
            )
            and (candidate.event_type == main.event_type or candidate.date_text == main.date_text)
            and not _acts_apart(candidate, main)
        ):
            continue  # the clause the sentence's own candidate already tells
        title = candidate.title
        if elided and not title.startswith(_short_name(earlier[0])):
            title = _polish_title(f"{_short_name(earlier[0])} {title[:1].lower()}{title[1:]}",
                                  earlier[0])  # fmt: skip
        elif _BARE_VERB_START.match(title):
            # "which takes effect Sunday" → "The law takes effect": the clause's noun.
            before = sentence.text[: clause.start].rstrip(" ,")
            determiners = list(
                re.finditer(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hese)\s+", before)
            )
            subject = before[determiners[-1].end() :] if determiners else ""
            if 2 <= len(subject) <= 60 and not re.search(r"[,;]", subject):
                title = _polish_title(f"{subject} {title[:1].lower()}{title[1:]}", None)
        found.append(
            replace(
                candidate,
                title=title,
                background=sets_the_time,
                sentence=sentence.text,
                start=sentence.start,
                end=sentence.end,
                summary=_summary(sentence.text),
            )
        )
    return found


# A public body described, not named, then its verb: "the court upheld", "a federal judge
# blocked", "the two sides signed".
_PUBLIC_BODY_NOUN = (
    r"(?:court|judge|justices|panel|tribunal|regulator|watchdog|agency|authority|authorities|"
    r"ministry|government|administration|cabinet|council|parliament|legislature|senate|house|"
    r"lawmakers|legislators|commission|sides|countries|president|minister|officials?)"
)
_DESCRIBED_SUBJECT = re.compile(
    rf"(?:the|a|an)\s+(?:[a-z][\w-]*\s+){{0,3}}?{_PUBLIC_BODY_NOUN}\s+"
    rf"(?:[a-z]+ed|{IRREGULAR_PAST}|upheld|froze|cut|set|put|hit)\b"
)


def _opens_with_subject(text: str, begin: int, mentions: list[ActorMention]) -> bool:
    """Whether the clause that starts at ``begin`` opens with an actor named as its subject."""
    return (
        bool(mentions)
        and re.fullmatch(r"(?:the\s+)?", text[begin : mentions[0].start], re.I) is not None
    )


def _right_before(sentence: Sentence, mention: ActorMention, clause) -> bool:
    """Whether ``mention`` is the noun a relative clause hangs on: nothing but a comma or a
    closing bracket between them ("the National AI Committee, which was launched ...")."""
    between = sentence.text[mention.end - sentence.start : clause.start]
    return re.fullmatch(r"[\s,)\]”\"'’]*", between) is not None


# "the 34% announced last week", "an existing 10% base tariff introduced on April 5": a measure
# named with the day it was made, in a participle after its noun, or in a relative clause ("the
# export controls that the Commerce Department announced on Friday", "the fine, which the
# Commission imposed on March 4", "the duties that were imposed last week").
_CAPITALISED_NAME = r"(?:the\s+)?(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z][\w.'’-]*)){0,4}"
_MADE_MEASURE = re.compile(
    r"\b(?:a|an|the|its|their)\s+(?P<measure>(?:[\w%.,$€£’'-]+\s+){0,3}?(?:[\w-]+\s+)?"
    r"(?P<noun>\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)|tariffs?|dut(?:y|ies)|levies|levy|"
    r"fees?|bans?|sanctions|export\s+controls|restrictions|curbs|fines?|penalty|penalties|"
    r"rulings?|judge?ments?|verdicts?|orders?|decrees?))"
    r"(?:,?\s+(?:that|which)\s+(?:(?:was|were|(?:had|has|have)\s+been)\s+|"
    rf"(?P<subject>{_CAPITALISED_NAME})\s+)"
    # "the import fee he announced", "the fine the regulator issued": a relative clause without
    # "that" (and without a comma before it) with a subject of its own.
    rf"|\s+(?P<reduced>(?-i:he|she|it|they)|{_CAPITALISED_NAME}|"
    rf"the\s+(?:[a-z][\w-]*\s+){{0,2}}?{_PUBLIC_BODY_NOUN})\s+"
    r"|,?\s+)"
    r"(?:already\s+)?(?P<verb>announced|imposed|introduced|unveiled|adopted|enacted|levied|"
    r"issued|delivered|handed\s+down|put\s+in\s+place|approved|signed)\s+"
    # "the tariffs already put in place by President X's government in May": its maker.
    # "issued by the President since January": a limit, not the day it was made.
    r"(?:by\s+(?P<agent>(?:(?!(?:since|until|till|through|from|before|after)\b)[\w.'’-]+\s+)"
    r"{1,6}?))?(?:(?:on|in|late|early)\s+)?$",
    re.IGNORECASE,
)
# The same told with the date before the noun: "against the July 2024 final order issued by
# the regulator", "the March 3 ruling handed down by the court".
_DATED_MEASURE_BEFORE = re.compile(r"\b(?:the|its|their)\s+$", re.IGNORECASE)
_DATED_MEASURE = re.compile(
    r"\s+(?P<measure>(?:[\w-]+\s+){0,2}?(?P<noun>tariffs?|dut(?:y|ies)|levies|levy|bans?|"
    r"sanctions|export\s+controls|restrictions|fines?|penalty|penalties|rulings?|judge?ments?|"
    r"verdicts?|orders?|decrees?))(?P<subject>)(?P<reduced>)\s+(?P<verb>announced|imposed|"
    r"introduced|unveiled|adopted|enacted|levied|issued|delivered|handed\s+down)\s+by\s+"
    r"(?P<agent>(?:the\s+)?(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,4})",
    re.IGNORECASE,
)
# "curbs that have been in force since September 2023", "the ban, in place since 2019": a
# measure whose state began at a date; that date is when it came into force.
_IN_FORCE_SINCE = re.compile(
    r"\b(?P<measure>(?:(?:a|an|the|its|their)\s+)?(?:(?!(?:a|an|the|its|their|of|on|to|in|"
    r"for|with|by|from|and|or|that|which|said|says)\b)[\w%.,$€£’'-]+\s+){0,2}?"
    r"(?P<noun>tariffs?|dut(?:y|ies)|levies|levy|bans?|sanctions|export\s+controls|"
    r"restrictions|curbs|embargo(?:es)?|moratorium|curfew|quotas?))"
    r",?\s+(?:(?:that|which)\s+)?(?:(?:have|has|had)\s+been\s+)?"
    r"in\s+(?:force|place|effect)\s+since\s+$",
    re.IGNORECASE,
)
_CREDIT_AFTER = re.compile(r",\s*([^,]{2,80}?)\s(?:said|says|announced|told)\b")
_MEASURE_NOUN_TYPE = {
    "ban": BAN, "bans": BAN, "export controls": EXPORT_CONTROL,
    "ruling": LAWSUIT, "rulings": LAWSUIT, "judgment": LAWSUIT, "judgement": LAWSUIT,
    "judgments": LAWSUIT, "judgements": LAWSUIT, "verdict": LAWSUIT, "verdicts": LAWSUIT,
    "order": OTHER, "orders": OTHER, "decree": OTHER, "decrees": OTHER,
}  # fmt: skip


def _made_measure_candidates(
    text: str,
    sentence: Sentence,
    main: EventCandidate | None,
    timexes: list[Timex],
    mentions: list[ActorMention],
    published: date | None,
    recent: list[ActorMention],
) -> list[EventCandidate]:
    """Measures the sentence names with the day they were made ("in place of the 34% announced
    last week, the ministry said"): each an event of that day, by the credited speaker if the
    sentence has one, or by the subject of its relative clause ("the fee he announced last
    week"; ``recent`` are the actors named in the two sentences before, whom "he" may be)."""
    body = sentence.text
    dated = [t for t in timexes if t.type in {"DATE", "TIME"} and t.date_start is not None]
    if not dated:
        return []
    clause = _clause(body)
    local = _in_sentence(mentions, sentence)
    found = []
    for timex in dated:
        start = timex.start - sentence.start
        if clause.quoted(start, start + len(timex.text)):
            continue
        in_force = _IN_FORCE_SINCE.search(body, max(0, start - 90), start)
        if in_force is not None and in_force.end() == start:
            # "The ban, in force since January, was extended on Monday": the sentence's own
            # event is the measure's later step, its start only background; "new curbs on top
            # of curbs in force since 2023" tells of another, earlier measure.
            if (published is None or timex.date_start <= published) and (
                main is None or _DATELINE.sub("", body[: in_force.start()]).strip()
            ):
                found.append(_in_force_candidate(body, sentence, timex, in_force, mentions))
            continue
        made = _made_measure_at(body, start)
        # "against the July 2024 order issued by the regulator": the date before the noun.
        if (
            made is None
            and timex.precision in {"day", "month"}
            and _DATED_MEASURE_BEFORE.search(body, max(0, start - 8), start)
        ):
            made = _DATED_MEASURE.match(body, start + len(timex.text))
        if made is None:
            continue
        timex = _at_reference_time(timex, timexes, published)
        if published is not None and timex.date_start > published:
            continue
        # ", the ministry said ...": the one who says it made it.
        credit = _CREDIT_AFTER.search(body, start)
        # "that the Commerce Department announced", "that were announced last week by the
        # Commission": the relative clause's own subject, or its agent after the date.
        after = re.match(r"\s+by\s+", body[start + len(timex.text) :])
        agent = next(
            (
                m
                for m in local
                if made["agent"]
                and made.start("agent") <= m.start < made.end()
                or made["subject"]
                and made.start("subject") <= m.start < made.end("subject")
                or after
                and 0 <= m.start - (start + len(timex.text) + after.end()) <= 4
            ),
            None,
        )
        if made["reduced"]:
            # "the import fee he announced the previous week": the clause's own subject made
            # it; when that subject is no known actor, nobody else in the sentence did.
            agent = _reduced_subject(made, local, recent)
        if (
            main is not None
            and (main.date_start, main.date_end)
            == (
                timex.date_start,
                timex.date_end,
            )
            and (
                agent is None
                or agent.name in {a.name for a in main.actors if a.role == "initiator"}
            )
        ):
            continue  # the sentence's own event already has that date
        if made["reduced"]:
            speaker = agent
        else:
            speaker = (
                agent
                or next(
                    (m for m in local if credit and credit.start(1) <= m.start < credit.end(1)),
                    None,
                )
                or _credited_speaker(clause, local)
            )
        noun = re.sub(r"\s+", " ", made["noun"].casefold())
        event_type = _MEASURE_NOUN_TYPE.get(noun, RESTRICTION)
        actors = _event_actors([speaker], speaker, body) if speaker is not None else ()
        measure = re.sub(r"\s+", " ", made["measure"])
        verb, _, particle = re.sub(r"\s+", " ", made["verb"].lower()).partition(" ")
        title = f"{measure[:1].upper()}{measure[1:]} {made['verb'].lower()}"
        if speaker is not None:
            # "puts in place the duties": the verb takes the tense, its particle follows.
            verb = " ".join(filter(None, (present_tense(verb), particle)))
            title = f"{_short_name(speaker)} {verb} {measure}"
        trigger = _Trigger(made.start("verb"), made.end("verb"), event_type, 0.45, True)
        found.append(
            _stated_candidate(title, event_type, body, sentence, timex, trigger, speaker, actors)
        )
    return found


def _in_force_candidate(
    body: str,
    sentence: Sentence,
    timex: Timex,
    in_force: re.Match[str],
    mentions: list[ActorMention],
) -> EventCandidate:
    """The measure "in force since" the date came into force then; a government credited with
    the sentence (", the government said") is taken to have made it."""
    local = _in_sentence(mentions, sentence)
    start = timex.start - sentence.start
    credit = _CREDIT_AFTER.search(body, start)
    speaker = next(
        (m for m in local if credit and credit.start(1) <= m.start < credit.end(1)), None
    )
    if speaker is not None and speaker.kind not in _MAKER_KINDS:
        speaker = None
    noun = re.sub(r"\s+", " ", in_force["noun"].casefold())
    event_type = _MEASURE_NOUN_TYPE.get(noun, RESTRICTION)
    measure = re.sub(r"\s+", " ", in_force["measure"])
    verb = "come" if noun.endswith("s") else "comes"
    title = f"{measure[:1].upper()}{measure[1:]} {verb} into force"
    actors = _event_actors([speaker], speaker, body) if speaker is not None else ()
    trigger = _Trigger(in_force.start("noun"), in_force.end("noun"), event_type, 0.45, True)
    return _stated_candidate(title, event_type, body, sentence, timex, trigger, speaker, actors)


def _stated_candidate(
    title: str,
    event_type: str,
    body: str,
    sentence: Sentence,
    timex: Timex,
    trigger: _Trigger,
    speaker: ActorMention | None,
    actors: tuple[EventActor, ...],
) -> EventCandidate:
    """A candidate an act in a phrase of its sentence makes, dated by the date the phrase states."""
    return EventCandidate(
        title=_shorten(title, TITLE_MAX),
        summary=_summary(body),
        event_type=event_type,
        date_start=timex.date_start,
        date_end=timex.date_end,
        precision=timex.precision or "day",
        date_text=_date_text(body, timex, sentence.start),
        date_basis="stated",
        sentence=body,
        start=sentence.start,
        end=sentence.end,
        actors=actors,
        confidence=_confidence(trigger, speaker, "stated", timex.precision, False, actors),
        country=_event_country(actors),
    )


_MAKER_KINDS = {
    actor_kinds.GOVERNMENT,
    actor_kinds.LEGISLATURE,
    actor_kinds.COURT,
    actor_kinds.INTERNATIONAL,
    actor_kinds.COUNTRY,
}


def _reduced_relative_days(sentence: Sentence, timexes: list[Timex]) -> set[int]:
    """Where the dates start that a relative clause without "that" gives the act of its own
    subject ("the levy she announced the previous week"): they date that act, not the main
    clause's (a participle, "the 34% announced last week", has no subject of its own)."""
    return {
        timex.start
        for timex in timexes
        if (made := _made_measure_at(sentence.text, timex.start - sentence.start)) is not None
        and made["reduced"]
    }


def _made_measure_at(body: str, at: int) -> re.Match[str] | None:
    """The measure named with its making right before ``at``, where a date starts ("the levy
    Spain imposed |in January"), or None."""
    made = _MADE_MEASURE.search(body, max(0, at - 90), at)
    return made if made is not None and made.end() == at else None


def _reduced_subject(
    made: re.Match[str], mentions: list[ActorMention], recent: list[ActorMention]
) -> ActorMention | None:
    """The actor a relative clause without "that" names as its subject: the actor named there;
    for "he"/"she" the person named last before it (in the sentence, else in ``recent``), for
    "it"/"they" the body named last before it in the sentence."""
    pronoun = made["reduced"]
    if pronoun in {"he", "she"}:
        before = [*recent, *(m for m in mentions if m.end <= made.start("reduced"))]
        return next((m for m in reversed(before) if m.kind == actor_kinds.PERSON), None)
    if pronoun in {"it", "they"}:
        before = [m for m in mentions if m.end <= made.start("reduced")]
        return next((m for m in reversed(before) if m.kind != actor_kinds.PERSON), None)
    named = (m for m in mentions if made.start("reduced") <= m.start < made.end("reduced"))
    return next(named, None)


def _at_reference_time(timex: Timex, timexes: list[Timex], published: date | None) -> Timex:
    """A relative clause's "the previous week" or "the day before" counted from the time of the
    sentence it hangs on: the day the sentence states elsewhere, else the publication date (news
    tells what was done "the previous week" from the day it reports, not from whichever date the
    text named last)."""
    own_day = next(
        (
            t
            for t in timexes
            if t is not timex and t.type == "DATE" and t.precision == "day" and t.date_start
        ),
        None,
    )
    if own_day is not None:
        return reanchored(timex, own_day.date_start, "text")
    if published is not None:
        return reanchored(timex, published, "dct")
    return timex


# A consequence told as a participle: "prompting China to respond", "forcing the firm to".
_CONSEQUENCE = re.compile(r"(?:prompting|forcing|leading|pushing|spurring)\s+(?!to\b)\S")


def _stated_day(event: EventCandidate | None) -> date | None:
    """The event's day, when the text states it to the day."""
    if event is None or event.date_basis != "stated" or event.precision != "day":
        return None
    return event.date_start


def _main_clause_day(sentence: Sentence, timexes: list[Timex]) -> date | None:
    """The day the sentence's first clause states, if it states one."""
    clauses = split_clauses(sentence.text)
    if not clauses:
        return None
    return next(
        (
            t.date_start
            for t in timexes
            if t.precision == "day"
            and t.date_start is not None
            and t.start - sentence.start < clauses[0].end
        ),
        None,
    )


# "hours after", "just hours before", "a few hours later": the main clause's own day.
_COUNTED_HOURS = re.compile(
    r"(?:(?:just|only)\s+)?(?:(?:a\s+few|several|a|an|one|two|three|\d+)\s+)?hours?\s+"
    r"(?:after|before|later)"
)


def _counted_from(lead: str, day: date | None, at: int) -> Timex | None:
    """The day of a clause opened by "a day after", "two days later" or "hours after", counted
    from ``day`` (the main clause's), as an expression of no length at offset ``at``."""
    if day is not None and _COUNTED_HOURS.fullmatch(lead):
        return Timex(at, at, lead, "DATE", day.isoformat(), "day", day, day, "text")
    match = _COUNTED_DAYS.fullmatch(lead)
    if match is None or day is None:
        return None
    count = int(match[1]) if match[1].isdigit() else DAY_COUNTS[match[1]]
    # The clause after "a day after" happened before the main clause's day; "later" after it.
    sign = -1 if match[3] == "after" else 1
    if match[2].startswith("month"):
        months = day.year * 12 + day.month - 1 + sign * count
        first = date(months // 12, months % 12 + 1, 1)
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
        return Timex(at, at, lead, "DATE", f"{first:%Y-%m}", "month", first, last, "text")
    if match[2].startswith("week"):
        counted = day + timedelta(weeks=sign * count)
        monday = counted - timedelta(days=counted.weekday())
        year, week, _ = counted.isocalendar()
        value = f"{year}-W{week:02d}"
        return Timex(
            at, at, lead, "DATE", value, "week", monday, monday + timedelta(days=6), "text"
        )
    counted = day + timedelta(days=sign * count)
    return Timex(at, at, lead, "DATE", counted.isoformat(), "day", counted, counted, "text")


def _same_day_as(event: EventCandidate, at: int) -> Timex:
    """The date of ``event``, as an expression of no length at offset ``at``."""
    value = event.date_start.isoformat() if event.precision == "day" else ""
    return Timex(at, at, event.date_text or "", "DATE", value, event.precision,
                 event.date_start, event.date_end, "text")  # fmt: skip


# A measure's own step needs no actor: "the law, which takes effect Sunday".
_SCHEDULED_STEP = re.compile(
    r"\b(?:takes?|took|taken|taking|goes|go|went|going|comes?|came|coming|enters?|entered|"
    r"entering)\s+(?:in)?to\s+(?:effect|force)\b|\b(?:takes?|took|taken|taking)\s+effect\b|"
    r"\beffective\s|"
    r"\bkick(?:s|ed)?\s+in\b|\b(?:will|to)\s+be\s+applied\b",
    re.IGNORECASE,
)


def _within(items, starts: list[int], sentence: Sentence) -> list:
    """The items (sorted by start) that lie inside the sentence."""
    low = bisect_left(starts, sentence.start)
    high = bisect_left(starts, sentence.end)
    return [item for item in items[low:high] if item.end <= sentence.end]


def extract_events(
    article_text: str, published: date | None = None, *, title: str | None = None
) -> list[EventCandidate]:
    """The event candidates of ``extract`` as a list."""
    return list(extract(article_text, published, title=title).events)


def _mentions(text: str, title: str | None) -> list[ActorMention]:
    """Actor mentions of the text; the headline, read first, teaches names the body shortens."""
    if not title:
        return find_actors(text)
    joined = f"{title}\n\n{text}"
    shift = len(title) + 2
    return [
        ActorMention(m.name, m.kind, m.country, m.text, m.start - shift, m.end - shift, m.role)
        for m in find_actors(joined)
        if m.start >= shift
    ]


# A whole page -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageExtraction:
    """Events of a pasted page or document, read with ``text.read_article``.

    ``published`` is the publication date: the one given, else the one the page states; events
    are resolved against it, or against a wire dateline a day before it (``reference_day``).
    When ``offsets_in_input`` is true the events' offsets index the raw input (so
    ``raw[start:end] == sentence``); otherwise (HTML) they index ``article.text``.
    """

    article: Article
    published: date | None
    events: tuple[EventCandidate, ...]
    offsets_in_input: bool


def extract_page(
    raw: str,
    published: date | None = None,
    *,
    content_type: str = "text/plain",
    url: str | None = None,
) -> PageExtraction:
    """Read ``raw`` as an article, then extract its events; chrome never yields events."""
    article = read_article(raw, content_type=content_type, url=url)
    when = published or article.published
    events = extract(
        article.text, reference_day(when, article.dateline), title=article.title
    ).events
    mapped = []
    for event in events:
        span = article.raw_span(event.start, event.end)
        if span is None:
            found = raw.find(event.sentence)
            span = (found, found + len(event.sentence)) if found != -1 else None
        if span is None:
            return PageExtraction(article, when, events, offsets_in_input=not article.text)
        mapped.append(replace(event, start=span[0], end=span[1]))
    return PageExtraction(article, when, tuple(mapped), offsets_in_input=True)


def reference_day(published: date | None, dateline: date | None) -> date | None:
    """The day the story's "Tuesday" and "Wednesday" count from: a wire dateline a day before
    the page's own date ("BEIJING, Oct. 29 (Xinhua)" on a page stamped October 30) was written
    on the dateline's day, in the dateline's time zone."""
    if published is not None and dateline is not None and (published - dateline).days == 1:
        return dateline
    return published
