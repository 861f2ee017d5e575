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
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from timeline.extraction import actors as actor_kinds
from timeline.extraction.actors import ActorMention, find_actors, government_name, role_category
from timeline.extraction.clauses import DAY_COUNTS, IRREGULAR_PAST, split_clauses
from timeline.extraction.dates import Timex, find_timexes
from timeline.extraction.sentences import Sentence, split_sentences
from timeline.extraction.similarity import action_objects
from timeline.extraction.text import Article, read_article

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

_POLICY_KINDS = {
    actor_kinds.GOVERNMENT,
    actor_kinds.LEGISLATURE,
    actor_kinds.COURT,
    actor_kinds.INTERNATIONAL,
    actor_kinds.COUNTRY,
}


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


# Triggers ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    type: str
    strength: float
    verbal: bool  # a verb ("banned") rather than a noun ("a ban")
    speech: bool = False


def _t(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


# "Signed on Monday, the decree ...": a participle that tells when the measure was made.
_PARTICIPLE_OPENING = (
    r"(?:Issued|Signed|Adopted|Announced|Published|Approved|Passed|Unveiled|Introduced|"
    r"Released|Enacted|Imposed)\b(?=[^,]{0,40},\s+(?:[Tt]his|[Tt]hese|[Tt]he|[Ii]ts)\s)"
)

# (pattern, type, strength, verbal, speech). Order matters only for equal spans.
_TRIGGERS: tuple[tuple[re.Pattern[str], str, float, bool, bool], ...] = (
    (_t(r"export[- ]controls?|export (?:restrictions?|curbs?|bans?|licen[cs]es?)|entity list"),
     EXPORT_CONTROL, 0.6, False, False),
    (_t(r"restrict(?:s|ed|ing)? (?:the )?exports?|export(?:s|ed)? (?:was|were|are|is) "
        r"(?:banned|restricted)"), EXPORT_CONTROL, 0.6, True, False),
    (_t(r"confirmation hearing|hearings?(?! (?:loss|aids?|impair\w*|test\w*))|"
        r"testif(?:y|ies|ied|ying)|testimony"),
     HEARING, 0.6, False, False),
    (_t(r"(?:told|tells|telling|addressed|briefed) (?:the )?(?:[A-Z.]+ )?(?:senate|house|"
        r"congress|parliament|lawmakers|legislators|committee|subcommittee)"),
     HEARING, 0.5, True, False),
    (_t(r"charg(?:ed|es|ing) (?:[\w'’-]+ ){0,6}with|indicted|pleaded guilty|convicted|"
        r"sentenced|(?:filed|files|brought) (?:criminal )?charges"), LAWSUIT, 0.6, True, False),
    (_t(r"vot(?:ed|es|ing)\s+(?:\d+\s*[-–to]+\s*\d+\s+)?(?:on \w+ )?(?:to|for|against|"
        r"in favou?r)|approv(?:ed|es|ing) (?:the |a |an |its )?(?:[\w-]+ ){0,3}(?:bill|measure|"
        r"legislation|law|act|amendment|package|budget|regulation|rules?|directive)|"
        r"introduc(?:ed|es|ing) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:bill|legislation|measure|"
        r"resolution|amendment)"), LEGISLATION, 0.55, True, False),
    (_t(r"su(?:e|es|ed|ing)|lawsuits?|complaints?(?= (?:from|by) (?:the )?(?-i:[A-Z]))|"
        r"(?:filed|files|file) (?:a )?(?:suit|complaint|"
        r"lawsuit|petition)|indict(?:ed|s|ment)|injunction|court (?:ruled|rules|blocked|"
        r"struck down|upheld)|ruled|"
        # "the ruling was handed down on Tuesday by Judge X", "a verdict delivered on Monday".
        r"(?:ruling|judgment|judgement|verdict) (?:was |were )?(?:made|issued|handed down|"
        r"delivered|released)"), LAWSUIT, 0.6, True, False),
    (_t(r"signed into law|sign(?:s|ed)? (?:the |a )?(?:bill|law|legislation|executive order)|"
        r"executive orders?|pass(?:es|ed)? (?:the |a )?(?:bill|law|legislation|measure)|"
        r"bills?|legislation|law|acts?|enact(?:s|ed)?|ordinance|"
        r"(?:issued|adopted|finali[sz]ed|published) (?:new )?(?:rules?|regulations?)|"
        # The bill named before: "and the president signed it into law on Friday", "after the
        # Senate passed it on Monday".
        r"sign(?:s|ed)? (?:it|them) into law|(?:pass(?:es|ed)|approv(?:es|ed)|ratif(?:ies|ied)) "
        r"(?:it|them) (?=on\s+(?!to\b)|(?:late|early|last|unanimously)\b|by\s+(?:\d|a\b))"),
     LEGISLATION, 0.5, False, False),
    (_t(r"(?:told|tells|ordered|orders|instructed|instructs|directed|directs|advised|"
        r"advises) (?:[\w-]+ ){0,5}(?:not to (?:use|download|install|buy|purchase)|to stop using|"
        r"to (?:remove|delete|uninstall))"), BAN, 0.6, True, False),
    (_t(r"fined|fines? (?:of|totall?ing)|penali[sz]ed|(?:imposed|imposes) (?:a |an )?"
        r"(?:[\w€$£.,-]+ ){0,3}(?:fine|penalty)|"
        # "announced the fine on Friday": announcing a penalty is imposing it.
        r"(?:announced|announces) (?:a|an|the|its) (?:[\w€$£.,-]+ ){0,3}(?:fine|penalty)|"
        r"ordered (?:[\w-]+ ){0,3}to (?:stop|halt|cease|"
        r"suspend|remove|pay|divest|sell|delete|end|block|ban|bar|shut|close|restrict)|"
        # A deadline set: "gave the company 24 hours to comply", "until Monday to comply".
        r"(?:gave|given) (?:[\w'’-]+ ){1,4}(?:(?:\d+|a|one|two|three|five|ten|\w+-\w+) "
        r"(?:hours?|days?|weeks?)|until \w+) to (?:comply|remove|appoint|name|respond|pay|stop|"
        r"delete)|"
        r"revok(?:ed|es|ing)|revocation|pull(?:s|ed|ing)? (?:[\w-]+ ){0,4}from|"
        r"withdr(?:ew|awn|aws) (?:[\w-]+ ){0,4}from|withh(?:old|olds|olding|eld)|"
        # A demand with a deadline: "an ultimatum from the regulator on Wednesday".
        r"ultimatum|"
        # "ordered on Monday the closure of ...", "froze its bank accounts".
        r"order(?:ed|s)? (?:[\w,-]+ ){0,3}?(?:the |an? )?[\"“]?(?:[\w-]+ ){0,2}(?:suspension|"
        r"closure|removal|blocking|shutdown)|(?:froze|frozen|freez(?:e|es|ing)) (?:[\w'’-]+ ){0,5}"
        r"(?:assets|accounts|funds)"),
     RESTRICTION, 0.6, True, False),
    (_t(r"(?:took|take|takes|taking|went|go|goes|going|came|come|comes|coming|entered|enters|"
        r"enter|entering) (?:in)?to (?:effect|force)|(?:took|take|takes|taking) effect|"
        # "Canada's will kick in Oct. 1": a measure's start with its day.
        r"kick(?:s|ed)? in(?= (?:on |from )?(?:[A-Z][a-z]{2,8}\.? \d|[A-Z][a-z]+day\b))|"
        r"effective(?= (?:immediately|from|on|as of|starting|[A-Z]\w+day\b|"
        r"[A-Z][a-z]{2,8}\.? \d))|starting(?= (?:[A-Z][a-z]{2,8}\.? \d|on [A-Z]))"),
     OTHER, 0.5, True, False),
    # "cut off mobile data in two provinces", "access to the network was cut on Friday": a
    # service cut by an authority, often told without its agent.
    (_t(r"cut(?:s|ting)?(?: off)? (?:[\w'’-]+ ){0,4}?(?:internet|access|connections?|mobile data|"
        r"networks?)|(?:internet|access|connections?|data|networks?) (?:[\w'’-]+ ){0,10}?"
        r"(?:was|were|has been|have been|had been) cut(?: off)?"), RESTRICTION, 0.55, True, False),
    # "the regulator vetoed the takeover": the deal named is what the veto stops, not agreed.
    (_t(r"vetoe[sd]|vetoing"), RESTRICTION, 0.55, True, False),
    # A platform acting on a post: "the platform removed two of the minister's posts".
    (_t(r"(?:deleted|deletes|removed|removes|took down|takes down) (?:[\w'’-]+ ){0,6}?"
        r"(?:tweets?|posts?|videos?)"), OTHER, 0.5, True, False),
    # "have decided to temporarily block the app": the decision is the measure.
    (_t(r"(?:decided|decides|moved|moves|resolved) to (?:\w+ly )?(?:block|suspend|halt|restrict|"
        r"bar|shut down|close|freeze|revoke)"), RESTRICTION, 0.55, True, False),
    (_t(r"cease[- ]and[- ]desist|slapp(?:ed|ing|s)? (?:[\w-]+ ){0,3}with|"
        # "puts on hold the processing of data", "put the deal on hold".
        r"put(?:s|ting)? (?:[\w'’-]+ ){0,4}?on hold|"
        # "hit the company with a fine": only with a penalty named ("hit with criticism" is not).
        r"hit(?:s|ting)? (?:[\w.-]+ ){0,3}with (?:[\w€$£.,()-]+ ){0,4}(?:fines?|penalt(?:y|ies)|"
        r"sanctions|tariffs|dut(?:y|ies))|"
        r"(?:issued|issues|imposed|imposes|levied|levies) (?:a |an |the )?(?:[\w-]+ ){0,4}"
        r"(?:orders?|fines?|penalt(?:y|ies)|directions?|directives?)"),
     RESTRICTION, 0.6, True, False),
    (_t(r"(?:added|adds|adding|placed|places|put|puts) (?:[\w.,'’-]+ ){0,8}(?:to|on) "
        r"(?:its |the |a |their )?(?:[\w’'-]+ ){0,4}(?:list|blacklist)"),
     EXPORT_CONTROL, 0.6, True, False),
    # A measure made official by its publication: "the order was published in the official
    # gazette on Monday".
    (_t(r"(?:published|gazetted) in (?:the |its |[A-Z][\w.]*['’]s )?(?:official )?"
        r"(?:gazette|journal)"), OTHER, 0.5, True, False),
    (_t(r"(?:fil(?:ed|es|e|ing)|lodg(?:ed|es|e|ing)) (?:[\w-]+ ){0,3}(?:suit|lawsuit|complaint|"
        r"petition|"
        r"notice of appeal|appeal|motion)|appeal(?:ed|s)? (?:the|a|its|against)|"
        r"rejected (?:[\w.'’-]+ ){0,3}(?:bid|request|motion|challenge|appeal)"),
     LAWSUIT, 0.6, True, False),
    (_t(r"(?:held|holds|hold|hosting|hosted|hosts) (?:a |an |its |the )?(?:[\w-]+ ){0,2}"
        r"(?:hearing|session|meeting|roundtable|summit|talks|vote)|roundtable|"
        r"talks (?:that |which )?(?:took|take|takes) place|(?:media|news|press) briefing|"
        r"press release|"
        r"before (?:a |the )?(?:[A-Z.]+ )?(?:senate|house|congressional|parliamentary) "
        r"(?:panel|committee|subcommittee)"),
     HEARING, 0.5, True, False),
    (_t(r"designat(?:e|es|ed|ing|ion)|(?:began|begins|begin|started|starts|start|launched|"
        r"launches|opened|opens|initiated|initiates) (?:[\w-]+ ){0,3}(?:looking into|"
        r"investigation|probe|inquiry|review|case|proceedings)"),
     INVESTIGATION, 0.55, True, False),
    # A measure passes a chamber: "the bill, which passed the state Senate in March".
    (_t(r"pass(?:es|ed)? (?:the |its )?(?:[\w'’-]+ ){0,2}(?:legislature|parliament|senate|"
        r"assembly|congress|house(?! of\b))"), LEGISLATION, 0.5, True, False),
    (_t(r"(?:was|were|had been|has been|have been) (?:\w+ly )?(?:signed|passed|enacted|adopted|"
        r"approved|vetoed|ratified|introduced)(?: into law)?(?= (?:by|in|on|last|earlier|this)\b)"),
     LEGISLATION, 0.5, True, False),
    (_t(r"approv(?:ed|es|ing) (?:the |a |an |its |their )?(?:[\w-]+ ){0,3}(?:plan|deal|merger|"
        r"acquisition|request|application|commitments?|licen[cs]es?|sale|auction|tender|"
        r"policy|strategy|framework|programme|program)"),
     OTHER, 0.45, True, False),
    # A measure named by its year and its author: "a 2024 Biden administration power plant
    # rule", "the 2019 EU copyright directive".
    (_t(r"(?:19|20)\d\d (?:[\w-]+ ){0,2}(?-i:[A-Z])[\w.-]* (?:[\w-]+ ){0,3}"
        r"(?:rules?|regulations?|directives?)"),
     LEGISLATION, 0.45, False, False),
    # Monetary policy decisions: "cut its main cash rate", "left its key rates unchanged",
    # "maintained its interest rates unchanged", "rates were held steady".
    (_t(r"(?:cut|cuts|lowered|lowers|reduced|reduces|raised|raises|hiked|hikes|increased|"
        r"increases|held|holds|kept|keeps|left|leaves|maintained|maintains) (?:its |their |the "
        r")?(?:[\w-]+ ){0,3}(?:interest|cash|policy|benchmark|key|repo|deposit) rates?|"
        r"rates? (?:was |were |are |is )?(?:held|kept|left) (?:steady|unchanged|on hold)"),
     OTHER, 0.55, True, False),
    # "according to a 2020 US International Trade Commission report": its author may be long;
    # a pasted page may glue a link's number to the word ("a 2020 [7]report").
    (_t(r"(?:according to|in|cited) (?:a|an|the|its|their) (?:(?:[\w-]+ ){0,2}|"
        r"(?:(?:19|20)\d\d |(?-i:[A-Z])[\w.&'’-]* ){1,6})(?:\[\d+\])?(?:report|study|"
        r"assessment|survey|white paper)"), REPORT, 0.45, False, False),
    (_t(r"preliminary findings|formal proceedings|statement of objections|"
        r"opened (?:a |an )?(?:formal |new )?(?:case|proceedings)|subpoena(?:s|ed)?|"
        r"civil investigative demands?"), INVESTIGATION, 0.6, False, False),
    (_t(r"ban(?:s|ned|ning)?|prohibit(?:s|ed|ing|ion)?|outlaw(?:s|ed|ing)?|barred|"
        r"bars? (?:\w+ ){1,3}from"),
     BAN, 0.6, False, False),
    (_t(r"restrict(?:s|ed|ing)?|restrictions?|curbs?|curbed|block(?:s|ed|ing)|blacklist(?:s|ed)?|"
        r"sanctions?|sanctioned|suspend(?:s|ed)?|tariffs?|limits? on|limited|crack(?:s|ed)? down|"
        r"halt(?:s|ed)|shut(?:s|ting)? down|"
        r"crackdowns?|"
        # Trade remedies are tariffs by another name: "renew anti-dumping duties".
        r"(?:anti-?dumping|countervailing|safeguard|anti-?subsidy) (?:dut(?:y|ies)|measures?)|"
        r"surtax(?:es)?|"
        r"dut(?:y|ies) (?:will be |would be |are |were )?(?:levied|collected|imposed)"),
     RESTRICTION, 0.5, False, False),
    (_t(r"investigat(?:e|es|ed|ing|ion|ions)|probes?|probed|probing|inquiry|inquiries|"
        r"audit(?:s|ed)?"), INVESTIGATION, 0.5, False, False),
    (_t(r"agree(?:s|d)? (?:to|on|with)|agreements?|deals?|accords?|pacts?|treaty|treaties|"
        r"memorandum of understanding|truce|ceasefire|sign(?:s|ed)? (?:a|an|the) "
        r"(?:deal|agreement|memorandum|pact)"), AGREEMENT, 0.5, False, False),
    (_t(r"propos(?:e|es|ed|ing|al|als)|weigh(?:s|ed|ing)|consider(?:s|ed|ing)|mull(?:s|ed|ing)|"
        r"plan(?:s|ned)? to|push(?:es|ed|ing)? for|call(?:s|ed|ing)? for|draft(?:s|ed|ing)?|"
        r"put forth|floated|seek(?:s|ing)? to|sought to|prepar(?:es|ed|ing) to"),
     PROPOSAL, 0.45, True, False),
    (re.compile(rf"^{_PARTICIPLE_OPENING}"), OTHER, 0.45, True, False),
    (_t(r"(?:released|published|issued|releases|publishes) (?:a |an |its |the )?(?:new )?"
        r"(?:report|study|assessment|findings|review|white paper|guidance|guidelines|"
        r"dashboard|code of (?:practice|conduct))|report (?:found|finds|"
        r"released|published)"), REPORT, 0.5, True, False),
    # A service cut off since a day: "has been unavailable in the country since Saturday".
    (_t(r"(?<=been )(?:unavailable|inaccessible|offline|unreachable)(?=[^.;]{0,60}?\bsince\s)"),
     OTHER, 0.45, True, False),
    # A service found cut off on a day: "could not be accessed on Wednesday in app stores",
    # "users found the app inaccessible": a restriction seen by its effect.
    (_t(r"(?:could|can)(?:not| not|n[o'’]t) be (?:accessed|downloaded)|"
        r"found (?:[\w'’-]+ ){1,3}?(?:inaccessible|unavailable|blocked)"),
     RESTRICTION, 0.45, True, False),
    # Ending a measure: "began unblocking the platform", "restored access to the site", "the
    # block was lifted"; and a service cut off: "was taken offline on Friday".
    (_t(r"unblock(?:s|ed|ing)?|restor(?:ed|es|ing) access|"
        r"lift(?:ed|s|ing)? (?:the |its |a )?(?:[\w-]+ ){0,3}(?:block|blockade|suspension)|"
        r"(?:block|blockade|suspension|ban|restrictions?|sanctions|curbs?|embargo)"
        r"(?:, (?:which|in force|in place) [^,]{1,60},)? (?:was|were|"
        r"has been|have been|had been|is|are) (?:\w+ly )?lifted|taken offline"),
     OTHER, 0.5, True, False),
    (_t(r"releas(?:e|es|ed|ing)|launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?|rolled out|"
        r"rolls out|debut(?:s|ed)?|new (?:ai )?(?:model|chip|product|app|version|service|"
        r"platform)"), OTHER, 0.35, True, False),
    (_t(r"said|says|say|told|tells|stated|states|announced|announces|announce|declared|"
        r"indicated|indicates|"
        r"warned|warns|urged|urges|criticized|criticised|condemned|denounced|opposes|opposed|"
        r"rejected|rejects|denied|denies|confirmed|confirms|vowed|vows|pledged|pledges|"
        r"promised|expressed|voiced|raised concerns?|added|claimed|argued|insisted|"
        r"accused|accuses|remarked|commented|mentioned|stressed|emphasi[sz]ed|reiterated|"
        r"request(?:ed|s)(?= that\b| (?:[\w'’-]+ ){1,4}?to\b)|"
        # A regulator's request for information: "requested information on its use of data".
        r"(?:request(?:ed|s)|sought|seeks) (?:more |further |additional )?(?:information|details|"
        r"clarifications?) (?=on|about|from|regarding)|"
        r"(?:hit|hits|lashed|lashes) out at|"
        # A request is said to someone: "asked its users to delete the app", "called on
        # companies to stop", "asked experts for opinions" ("asked for comment" is the reporter's).
        r"ask(?:ed|s) (?!for\b|about\b|by\b|whether\b|if\b)(?:[\w'’-]+ ){1,4}?(?:to|for)"
        r"(?! comment)|call(?:ed|s) on (?:[\w'’-]+ ){1,4}?to|"
        # "The move follows comments on Monday by the minister": a remark named as a noun,
        # dated and credited.
        r"(?:comments|remarks|criticism|warnings?)(?=\s+(?:made\s+)?(?:(?:late|early|earlier)\s+)?"
        r"on\s+[A-Z][a-z]+day\b[^.;]{0,12}?\s+by\s)|"
        # "according to a statement by the regulator on Thursday": a statement named as a
        # noun, credited and dated.
        r"statement(?=\s+(?:issued\s+|released\s+|published\s+)?by\s+[^.;]{2,80}?\s+on\s+"
        r"[A-Z][a-z]+day\b)|"
        r"in a statement|interview|press conference|briefing|sent (?:a |an )?(?:joint )?letter|"
        r"in a letter|wrote to|"
        # Advice given to another party: "encouraged Canada to do the same".
        r"encourag(?:ed|es) (?:[\w'’-]+ ){1,4}?to"),
     STATEMENT, 0.3, True, True),
)  # fmt: skip

# Which type wins when a sentence has several triggers.
_TYPE_RANK = {
    HEARING: 0,
    LAWSUIT: 1,
    EXPORT_CONTROL: 2,
    LEGISLATION: 3,
    BAN: 4,
    RESTRICTION: 5,
    INVESTIGATION: 6,
    AGREEMENT: 7,
    PROPOSAL: 8,
    REPORT: 9,
    OTHER: 10,
    STATEMENT: 11,
}
_LEGISLATION_NOUNS = {"bill", "bills", "legislation", "law", "act", "acts", "ordinance"}
_LEGISLATIVE_ACTION = re.compile(
    r"\b(?:introduc|pass|approv|sign|enact|adopt|vot|unveil|propos|draft|tabl|clear|veto|"
    r"block|struck|strike|overturn|amend|repeal|advanc|ratif|sponsor|endors|halt|suspend|"
    r"push|rush|fast-track|revis|debat)\w*|\b(?:takes?|took|taking) effect|\binto (?:force|law)",
    re.IGNORECASE,
)
_NOUN_TYPES = {BAN, RESTRICTION, EXPORT_CONTROL, LEGISLATION, LAWSUIT, AGREEMENT, INVESTIGATION}

_PROPOSAL_GOVERNOR = re.compile(
    r"\b(?:weigh(?:s|ed|ing)?|consider(?:s|ed|ing)?|mull(?:s|ed|ing)?|propos(?:e|es|ed|ing)|"
    r"plan(?:s|ned|ning)?(?: to)?|push(?:es|ed|ing)? for|call(?:s|ed|ing)? for|seek(?:s|ing)?|"
    r"sought|draft(?:s|ed|ing)?|pursu(?:e|es|ed|ing)|explor(?:e|es|ed|ing)|discuss(?:es|ed|ing)?|"
    r"potential|possible|proposed|planned)\b(?:\W+\w+){0,5}\W*$",
    re.IGNORECASE,
)
# "opposes the new tariffs", "criticised the ban": a position on a measure, not the measure.
_STANCE_GOVERNOR = re.compile(
    r"\b(?:oppos(?:e|es|ed|ing)|critici[sz](?:e|es|ed|ing)|condemn(?:s|ed|ing)?|"
    r"denounc(?:e|es|ed|ing)|reject(?:s|ed|ing)?|slam(?:s|med)?|protest(?:s|ed)?|"
    r"welcom(?:e|es|ed)|prais(?:e|es|ed)|support(?:s|ed)?|defend(?:s|ed)?|"
    r"complain(?:s|ed)? about)\b(?:\W+\w+){0,6}\W*$",
    re.IGNORECASE,
)
_COMMISSIVE = re.compile(
    r"\b(?:vow(?:s|ed)?|pledg(?:e|es|ed)|promis(?:e|es|ed)|threaten(?:s|ed)?|"
    r"warn(?:s|ed)?|want(?:s|ed)?|hope(?:s|d)?|intend(?:s|ed)?)\s+to\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|n't|declined to|refused to|failed to|without)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|may|should|if|supposed to|(?:was|were) to)\s+(?:\w+\s+){0,2}$|"
    r"\b(?:if|unless)\b[^,]*$",
    re.IGNORECASE,
)
# "banning it would be symbolic": the action is the subject of a hypothetical.
# ("legislation that would prohibit ..." is a relative clause describing a real bill.)
# ("signed into law in May": the month is no modal.)
_MODAL_AFTER = re.compile(
    r"(?:\s+(?!that\b|which\b|who\b)\w+){0,2}\s+(?:would|could|might|(?-i:may))\b", re.IGNORECASE
)
# "its investigations against Canada's tariffs", "a probe into the export ban": the measure
# is what the inquiry is about, not the action told.
_INQUIRY_OBJECT = re.compile(
    r"\b(?:investigat\w*|probes?|inquir(?:y|ies)|reviews?)\s+(?:into|against|of|on|over)\s+"
    r"(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
# "a final decision following an inquiry", "fined after a two-year investigation": the inquiry
# came before the action told.
_PRIOR_INQUIRY = re.compile(
    r"\b(?:following|after|concluding|upon|at the (?:end|close) of|on completion of)\s+"
    r"(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A measure announced as a decision: "a final decision had been made", "its decision to"; or
# as the body's opposition to what it stops ("said it opposed the merger" the day it blocks it).
_DECISION = re.compile(r"\bdecision\b|\b(?:opposed|opposes|objected to|objects to) the\b", re.I)
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+\s+){0,2}\w+(?:ed|en|wn|ut|ne)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|appear(?:s|ed)? to|may have|might have)\b", re.I)
_NON_POLICY_SPEAKER = re.compile(
    r"\b(?:experts?|analysts?|technologists?|sources?|researchers?|observers?|critics?|"
    r"investors?|economists?|professors?|scholars?|people familiar|person familiar|"
    r"insiders?|commentators?|some|many)\b",
    re.IGNORECASE,
)
_POLICY_CONTENT = re.compile(
    r"\b(?:ban|restrict|sanction|tariff|export|regulat|law|legislat|rules?|government|"
    r"national security|security|oppos|investigat|review|lawsuit|court|"
    r"protect|countermeasure|policy|policies|block|prohibit|intellectual property|"
    # A company answering a regulator's penalty: "the regulator's move to fine the firm".
    r"antitrust|watchdog|regulator|fined|fines\b|to fine\b|penalt)",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"(?:,\s*|\s)(?:which|who|whom|whose|where)\s|,\s*(?:as|since|because|although|though|while|"
    r"whereas)\s|^(?:if|unless|although|though|while|as|since|because|whether)\s|"
    r"\bsimilar to\b|\blike\s|\ssince\s+(?:the\s+|a\s+|an\s+)?[A-Za-z]",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,40})*,?\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?\s*)?\([A-Za-z. ]{2,20}\)\s*[-–—]+\s*"
)
_QUOTE_PAIRS = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’(?!\w)|``.*?''")
_EXCLUDED_BEFORE_DATE = re.compile(
    r"\b(?:since|until|till|through|by|before|after|from|as of|ahead of|press time on)\s*$|"
    # "according to media reports Sunday": when it was reported, not when it happened;
    # "Copyright (c) 2024": page chrome glued to the last sentence.
    r"\breports?\s+$|(?:copyright|\(c\)|©)\s*$|\bperiod\s+(?:is|was|runs|ran|covers|will be)?\s*$",
    re.IGNORECASE,
)
# A photo caption: a present-tense description with a full date ("X speaks to the media ... in
# Geneva on May 11, 2025."), never news of its own.
_CAPTION = re.compile(
    r"\b(?:speaks|talks|attends|arrives|walks|looks on|gestures|poses|waves|listens|sits|stands|"
    r"is seen|are seen|carries|displays|holds up|delivers remarks)\b[^.]*\b(?:on|in)\s+"
    r"(?:[A-Z][a-z]+day,?\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\.?\s*(?:\([^)]*\))?\s*$"
)
_DATE_TEXT_PREPOSITION = re.compile(r"\b(?:on|in|during|at|over|earlier|late|early)\s+$", re.I)
_DATE_PREPOSITION = re.compile(
    r"\b(?:(?:since|on|in)\s+the\s+(?:(?:early|small)\s+hours|morning|afternoon|evening|night)"
    r"\s+of|since|on|in|of|during|at|over|earlier|late|early)\s+$",
    re.IGNORECASE,
)
_ADVERBS = re.compile(
    r"\b(?:reportedly|also|immediately|firmly|allegedly|eventually|still|already|now|"
    r"officially|formally|publicly|recently|previously|earlier|further|again)\s+",
    re.IGNORECASE,
)
_CONTENT_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "that this with from have has were will would could should their there they them "
        "which while about after before said says told also more than into over such "
        "some other been being only just what when where whose because",
    )
)


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
        candidate = _candidate(
            article_text,
            sentence,
            own_timexes,
            _within(mentions, mention_starts, sentence),
            published,
            lead=number < 2,
            main_clause=True,
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
        candidates.extend(
            _made_measure_candidates(
                article_text,
                sentence,
                candidate,
                _within(timexes, timex_starts, sentence),
                _within(mentions, mention_starts, sentence),
                published,
            )
        )
    events = _deduplicate(_with_antecedents(candidates), published)
    return Extraction(
        published=published,
        events=tuple(events),
        sentence_count=len(sentences),
        timexes=tuple(timexes),
    )


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
        elif not _points_back(candidate.sentence):
            antecedent = None
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
        if not candidate.actors and not _SCHEDULED_STEP.search(body):
            continue  # "Voltra, which was fined in 2022": who acted is not said
        if (
            main is not None
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


# "the 34% announced last week", "an existing 10% base tariff introduced on April 5": a measure
# named with the day it was made, in a participle after its noun.
_MADE_MEASURE = re.compile(
    r"\b(?:a|an|the|its|their)\s+(?P<measure>(?:[\w%.,$€£’'-]+\s+){0,3}?(?:[\w-]+\s+)?"
    r"(?P<noun>\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)|tariffs?|dut(?:y|ies)|levies|levy|"
    r"fees?|bans?|sanctions|export\s+controls|restrictions|curbs))\s+"
    r"(?:already\s+)?(?P<verb>announced|imposed|introduced|unveiled|adopted|enacted|"
    r"put\s+in\s+place)\s+"
    # "the tariffs already put in place by President X's government in May": its maker.
    r"(?:by\s+(?P<agent>(?:[\w.'’-]+\s+){1,6}?))?(?:(?:on|in|late|early)\s+)?$",
    re.IGNORECASE,
)
_CREDIT_AFTER = re.compile(r",\s*([^,]{2,80}?)\s(?:said|says|announced|told)\b")
_MEASURE_NOUN_TYPE = {"ban": BAN, "bans": BAN, "export controls": EXPORT_CONTROL}


def _made_measure_candidates(
    text: str,
    sentence: Sentence,
    main: EventCandidate | None,
    timexes: list[Timex],
    mentions: list[ActorMention],
    published: date | None,
) -> list[EventCandidate]:
    """Measures the sentence names with the day they were made ("in place of the 34% announced
    last week, the ministry said"): each an event of that day, by the credited speaker if the
    sentence has one."""
    body = sentence.text
    found = []
    for timex in timexes:
        if timex.type not in {"DATE", "TIME"} or timex.date_start is None:
            continue
        start = timex.start - sentence.start
        made = _MADE_MEASURE.search(body, max(0, start - 90), start)
        if made is None or made.end() != start:
            continue
        if published is not None and timex.date_start > published:
            continue
        if main is not None and (main.date_start, main.date_end) == (
            timex.date_start,
            timex.date_end,
        ):
            continue  # the sentence's own event already has that date
        clause = _clause(body)
        if clause.quoted(start, start + len(timex.text)):
            continue
        local = [
            ActorMention(m.name, m.kind, m.country, m.text, m.start - sentence.start,
                         m.end - sentence.start, m.role)
            for m in mentions
        ]  # fmt: skip
        # ", the ministry said ...": the one who says it made it.
        credit = _CREDIT_AFTER.search(body, start)
        agent = next(
            (m for m in local if made["agent"] and made.start("agent") <= m.start < made.end()),
            None,
        )
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
            EventCandidate(
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
        )
    return found


# A consequence told as a participle: "prompting China to respond", "forcing the firm to".
_CONSEQUENCE = re.compile(r"(?:prompting|forcing|leading|pushing|spurring)\s+(?!to\b)\S")


_TEMPORAL_LEAD = re.compile(r"\b(?:after|before|following|since|when)$")
# "a day after", "two days before", "three days later": a clause dated from the main clause;
# "two weeks before", "four months after": to the week or the month it falls in.
_COUNTED_DAYS = re.compile(
    rf"(?:(?:just|only)\s+)?({'|'.join(DAY_COUNTS)}|\d+) "
    r"(days?|weeks?|months?) (after|before|later)"
)


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


def _counted_from(lead: str, day: date | None, at: int) -> Timex | None:
    """The day of a clause opened by "a day after" or "two days later", counted from ``day``
    (the main clause's), as an expression of no length at offset ``at``."""
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


# "and in March, warned it", "and later fined": a verb with no subject of its own.
_ELIDED_SUBJECT = re.compile(
    r"\s*(?:(?:in|on|at|during|later|then|also|earlier)\b[^,]{0,30},?\s+)?(?:[a-z]+ly\s+)?"
    rf"(?:[a-z]+ed|{IRREGULAR_PAST})\b"
)
# A measure's own step needs no actor: "the law, which takes effect Sunday".
_SCHEDULED_STEP = re.compile(
    r"\b(?:takes?|took|taking|goes|go|went|going|comes?|came|coming|enters?|entered)\s+"
    r"(?:in)?to\s+(?:effect|force)\b|\b(?:takes?|took|taking)\s+effect\b|\beffective\s|"
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


# One sentence --------------------------------------------------------------------------------


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
) -> EventCandidate | None:
    body = sentence.text
    if len(body) < min_length or not re.search(r"[a-z]", body) or "\n" in body.strip():
        return None
    if _CAPTION.search(body):
        return None
    clause = _clause(body)
    triggers = _triggers(clause)
    if not triggers:
        return None
    local = [
        ActorMention(m.name, m.kind, m.country, m.text, m.start - sentence.start,
                     m.end - sentence.start, m.role)
        for m in mentions
        if not clause.in_any_quote(m.start - sentence.start, m.end - sentence.start)
    ]  # fmt: skip
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
    if trigger.type == STATEMENT and not anaphoric and not _statement_worthy(clause, initiator):
        return None
    chosen = _date_for(clause, trigger, timexes, sentence.start)
    if chosen is not None and published is not None and chosen.date_start > published:
        chosen = _in_own_clause(body, chosen, sentence.start, published)
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
    end = clauses[0].end
    clause_follows = False
    for clause in clauses[1:]:
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
    begin = fronted.end() if fronted else 0
    return begin, end, clause_follows


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
    if after and trigger.type == STATEMENT:
        return None
    return before[-1] if before else None


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
# A decision named as a noun, with its maker after it: "the ruling was handed down ... by Judge
# X", "an ultimatum from the regulator".
_NOUN_DECISION = re.compile(r"(?i:ruling|judgment|judgement|verdict|ultimatum)\b")
# "by the", "by former President ": what stands between "by" and the agent's name.
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?(?:(?:[A-Z][\w.'’-]*|former|then|acting)\s+){0,3}$")
# A subject that undergoes the measure: "faces the steepest tariff", "was hit with a fine".
_UNDERGOES = re.compile(
    r"\s+(?:now\s+|also\s+|could\s+|would\s+|will\s+|may\s+)?(?:faces?|faced|facing|"
    r"(?:is|are|was|were|been)\s+(?:hit|slapped)\s+with|(?:is|are|was|were)\s+subject\s+to)\s"
    r"(?:[\w%.,'’-]+\s+){0,4}$"
)
_PASSIVE_LISTING = re.compile(
    r"(?:\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?|[a-z]s\s+)(?:added|placed|put)\s+"
    r"(?:to|on)\s+[^,;]{0,80}?\b(?:list|blacklist)\b",
    re.IGNORECASE,
)


def _listing_span(body: str, trigger: _Trigger) -> tuple[int, int] | None:
    """Where "were added to the ... list" is said, when it is the trigger's action."""
    for match in _PASSIVE_LISTING.finditer(body):
        if match.start() - 40 <= trigger.start <= match.end():
            return match.span()
    return None


def _passive_listing(body: str, trigger: _Trigger) -> bool:
    """ "were added to the list", "entities added to the list", "was placed on the list"."""
    return _listing_span(body, trigger) is not None


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


def _statement_worthy(clause: _Clause, initiator: ActorMention | None) -> bool:
    """A statement matters when a policy actor makes it, or a company on a policy matter."""
    if initiator is None:
        return False
    if initiator.kind in _POLICY_KINDS:
        return True
    if initiator.kind == actor_kinds.PERSON:
        category = role_category(initiator.role)
        if category == "official":
            return True
        if category == "executive":
            return bool(_POLICY_CONTENT.search(clause.unmasked()))
        return False
    if initiator.kind == actor_kinds.COMPANY:
        return bool(_POLICY_CONTENT.search(clause.unmasked()))
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
        if _EXCLUDED_BEFORE_DATE.search(body[max(0, start - 20) : start]) and not since:
            continue
        if _names_the_day_of_another_thing(body, trigger, timex, start, end):
            continue
        if 0 <= start < end <= dateline_end:
            filed.append(timex)  # "TOKYO (Outlet / Wire - 23rd July, 2023) ...": when it was filed
            continue
        if start >= trigger.end and re.search(r",\s+[a-z]+ing\b", body[trigger.end : start]):
            continue  # "launched a probe, accusing it of ... its purchase in 2020"
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
        usable = inside or usable
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


_COARSENESS = {"day": 0, "week": 1, "month": 2, "year": 3}
# A day written between an article and a noun: "the April 2 presidential election".
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.IGNORECASE)
_NOUN_PHRASE_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\b")


def _names_the_day_of_another_thing(body, trigger, timex, start: int, end: int) -> bool:
    """Whether a day modifies a noun that is not the action ("delay the April 2 vote"):
    it names that thing's day, not when the action was done."""
    if timex.precision != "day" or not _ARTICLE_BEFORE.search(body[max(0, start - 8) : start]):
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


def _in_own_clause(body: str, timex: Timex, offset: int, published: date) -> Timex:
    """A date read as future because of a later clause ("introduced a bill on Monday that
    would ban ...", "approved it on Tuesday; it takes effect in May"): resolve it again with
    only its own clause as context."""
    end = timex.end - offset
    boundary = re.compile(r";|,|\s(?:that|which|who|but|while|and|after|before)\s")
    stop = boundary.search(body, end)
    segment = body[: stop.start()] if stop else body
    if len(segment) == len(body):
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


# Titles and summaries ------------------------------------------------------------------------

_IRREGULAR = {
    "said": "says", "told": "tells", "took": "takes", "made": "makes", "put": "puts",
    "gave": "gives", "began": "begins", "won": "wins", "lost": "loses", "sought": "seeks",
    "brought": "brings", "held": "holds", "met": "meets", "sent": "sends", "set": "sets",
    "spoke": "speaks", "wrote": "writes", "became": "becomes", "went": "goes", "came": "comes",
    "found": "finds", "left": "leaves", "cut": "cuts", "hit": "hits", "led": "leads",
    "paid": "pays", "bought": "buys", "sold": "sells", "kept": "keeps", "struck": "strikes",
    "froze": "freezes", "chose": "chooses", "drew": "draws", "withdrew": "withdraws",
    "added": "adds", "had": "has", "was": "is", "were": "are", "did": "does", "ran": "runs",
    "saw": "sees", "got": "gets", "overtook": "overtakes", "undertook": "undertakes",
    "forbade": "forbids", "upheld": "upholds", "shut": "shuts", "quit": "quits", "bid": "bids",
    "rocked": "rocks", "vetoed": "vetoes", "postponed": "postpones", "condoned": "condones",
    "phoned": "phones", "zoned": "zones", "cloned": "clones", "embargoed": "embargoes",
}  # fmt: skip
_PARTICIPLES = {
    "taken": "takes", "given": "gives", "made": "makes", "begun": "begins", "written": "writes",
    "spoken": "speaks", "chosen": "chooses", "drawn": "draws", "withdrawn": "withdraws",
    "frozen": "freezes", "struck": "strikes", "sought": "seeks", "brought": "brings",
    "held": "holds", "sent": "sends", "set": "sets", "put": "puts", "said": "says",
    "told": "tells", "found": "finds", "led": "leads", "cut": "cuts", "won": "wins",
    "become": "becomes", "gone": "goes", "come": "comes", "paid": "pays", "kept": "keeps",
    "shut": "shuts", "upheld": "upholds", "forbidden": "forbids", "undertaken": "undertakes",
}  # fmt: skip
_DOUBLED = re.compile(r"([bdgmnprt])\1ed$")


def present_tense(verb: str) -> str:
    """Headline tense: "banned" → "bans", "imposed" → "imposes", "said" → "says".

    Regular verbs follow the spelling rules; words that are not past forms come back as they
    are.
    """
    lower = verb.casefold()
    if lower in _IRREGULAR:
        return _same_case(verb, _IRREGULAR[lower])
    if not lower.endswith("ed") or len(lower) < 4:
        return verb
    if lower.endswith("ied") and len(lower) > 4:
        stem = lower[:-3] + "ies"
    elif lower.endswith("eed"):
        stem = lower[:-1] + "s"  # agreed, guaranteed, freed
    elif _DOUBLED.search(lower) and len(lower) >= 6:
        stem = lower[:-3] + "s"
    elif re.search(r"(?:ss|sh|ch|x|zz)ed$", lower):
        stem = lower[:-2] + "es"
    elif re.search(
        r"(?:[^aeiou][aeiou][sczvg]|[^aeiou]at|[aeiou]s|[^aeiou]ur|[^aeiou]ir|[^aeiou]or|"
        r"[^aeiou]in|[^aeiou]ud|[^aeiou]id|[aiou]k|[^aeiou]am|[^aeiou]om|[^aeiou][aiou]l|"
        r"rg|ng|rc|nc|rs|ns|lv|rv|[^aeiou]ot|[^aeiou]ut|[^aeiou]it|dg|bl|pl|tl|kl|gl|cl|"
        r"[^aeiou]as|[^aeiou]ag|[^aeiou]ar|[^aeiou]ab|[^aeiou]ib|[^aeiou]ub|[^aeiou]iz|yz|u)ed$",
        lower,
    ) and not re.search(r"(?:ain|oin|eal|ail|oil|eat|ait|oat|eed|ood|ead|eer|air)ed$", lower):
        stem = lower[:-1] + "s"
    else:
        stem = lower[:-2] + "s"
    return _same_case(verb, stem)


def _same_case(original: str, word: str) -> str:
    return word[0].upper() + word[1:] if original[:1].isupper() else word


def _title(clause, trigger, initiator, timex, offset) -> str:
    """A short headline of our own: actor, verb in the present tense, object."""
    listing = _listing_title(clause, trigger, initiator, timex, offset)
    if listing:
        return listing
    decision = _NOUN_DECISION.match(clause.text, trigger.start)
    if decision and initiator is not None and initiator.start >= trigger.end:
        noun = decision.group().lower()
        article = "an" if noun[0] in "aeiou" else "a"
        return _shorten(f"{_short_name(initiator)} issues {article} {noun}", TITLE_MAX)
    made = _MEASURE_MADE.match(clause.text)
    if made and trigger.start == 0:
        # "Signed on Monday, the decree sets ..." → "Decree signed".
        return f"{made['measure'][:1].upper()}{made['measure'][1:]} {made['verb'].lower()}"
    plain = _plain_title(clause, trigger, initiator, timex, offset)
    if plain == _shorten(re.sub(r"\s+", " ", clause.text).strip(), TITLE_MAX):
        return plain  # the clause as written, kept when cleaning left nothing to rework
    return _polish_title(plain, initiator)


_MEASURE_MADE = re.compile(
    rf"(?P<verb>{_PARTICIPLE_OPENING}\w*)[^,]*,\s+(?:[Tt]his|[Tt]hese|[Tt]he|[Ii]ts)\s+"
    r"(?P<measure>(?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+(?:[a-z]+s|was|is|has|had|will|would|"
    r"gave|made|set|put)\b)"
)


def _listing_title(clause, trigger, initiator, timex, offset) -> str | None:
    """ "Six units were added to the Commerce Department's Entity List" →
    "Commerce Department adds six units to its Entity List"."""
    if initiator is None or not _passive_listing(clause.text, trigger):
        return None
    body = _DATELINE.sub("", clause.text)
    match = re.match(
        r"^(?P<target>[^,;]+?)\s+(?:(?:was|were|is|are|been|being|have been|has been)\s+)?"
        r"(?:\w+ly\s+)?(?P<verb>added|placed|put)\s+(?P<prep>to|on)\s+(?P<list>[^,;]+?\b(?i:list))\b",
        body,
    )
    if not match:
        return None
    target = re.sub(r"^(?:The|the)\s+", "", match["target"]).strip()
    target = re.sub(r"\s+(?:are|is)\s+among\s+", " and ", target)
    first = target.split(" ", 1)[0]
    if first.casefold() in _LOWERCASE_OPENERS or first.casefold() in _COUNT_WORDS:
        target = first.casefold() + target[len(first) :]
    listed = re.sub(r"^(?:the\s+)?[^’']+[’']s\s+", "its ", match["list"])
    name = _short_name(initiator)
    headline = f"{name} {present_tense(match['verb'])} {target} {match['prep']} {listed}"
    return _shorten(headline[:1].upper() + headline[1:], TITLE_MAX)


def _short_name(mention: ActorMention) -> str:
    """The name a headline uses: "Commerce Department" as the text wrote it when short."""
    text = re.sub(r"^(?:The|the)\s+", "", mention.text)
    return text if len(text) <= len(mention.name) and text[:1].isupper() else mention.name


_COUNT_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozens",
        "several",
        "some",
        "many",
        "about",
        "more",
        "nearly",
        "over",
        "most",
        "all",
    ]
)


# Auxiliaries and past forms a headline puts in the present: "has fined" → "fines",
# "was launched" → "is launched", "will take effect" → "takes effect".
_AUXILIARY_PRESENT = (
    (re.compile(r"^(?:has|have|had)\s+(?=\w+(?:ed|en)\b)"), ""),
    (re.compile(r"^(?:has|have|had)\s+been\s+(?=\w+(?:ed|en|wn|ut)\b)"), "is "),
    (re.compile(r"^(?:was|were)\s+(?=\w+(?:ed|en|wn|ut)\b)"), "is "),
    (re.compile(r"^(?:will|would)\s+be\b"), "is"),
)
_MODAL_VERB = re.compile(r"^(?:will|would)\s+(?!not\b|no\b|also\b|be\b)([a-z]+)\b")


def _third_person(verb: str) -> str:
    """ "take" → "takes", "push" → "pushes"."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


_PRONOUN_SUBJECT = re.compile(r"^(?:It|They|He|She)\s+(?=[a-z])")
_LEADING_ADVERBIAL = re.compile(
    r"^(?:In|According to|Under|However|Meanwhile|On|At|After|Following|Also|Earlier|Later|"
    r"Separately|Last|This|Shortly after)\b[^,]{0,60},\s*"
)
_BARE_VERB_START = re.compile(
    r"^(?:Was|Were|Is|Are|Will|Would|Has|Have|Had|Takes|Took|Take|Goes|Went|Go|Comes|Came|"
    r"Enters|Entered|Initially|Also)\b"
)
# A measure's own step: its subject is the measure, never the actor named elsewhere.
_EFFECT_START = re.compile(
    r"^(?:Will\s+)?(?:Takes?|Took|Goes|Go|Went|Comes?|Came|Enters?|Entered)\b"
)


def _polish_title(title: str, initiator: ActorMention | None) -> str:
    """Headline shape: no leading adverbial, no "(ABC)", a name instead of "It", the first
    verb in the present tense, an actor before a bare verb."""
    polished = _LEADING_ADVERBIAL.sub("", title) if title.count(" ") > 4 else title
    polished = re.sub(r"\s*\((?:[A-Z][\w.&-]{1,10}|\s*)\)", "", polished)
    if initiator is not None:
        name = _short_name(initiator)
        written = re.sub(r"^(?:The|the)\s+", "", initiator.text)
        if written != name and polished.startswith(written + " "):
            name = written
        if _PRONOUN_SUBJECT.match(polished):
            polished = _PRONOUN_SUBJECT.sub(name + " ", polished, count=1)
        elif _BARE_VERB_START.match(polished) and not _EFFECT_START.match(polished):
            polished = f"{name} {polished[:1].lower()}{polished[1:]}"
        if polished.startswith(name + " "):
            polished = f"{name} {_present_predicate(polished[len(name) + 1 :])}"
    else:
        subject = re.match(r"^(\S+(?:\s\S+){0,5}?)\s(?=(?:will|would|was|were)\s)", polished)
        if subject:
            rest = _present_predicate(polished[subject.end() :])
            polished = f"{subject[1]} {rest}"
    polished = re.sub(r"\s+", " ", polished).strip(" ,;:—-")
    return _shorten(polished[:1].upper() + polished[1:], TITLE_MAX)


def _present_predicate(rest: str) -> str:
    """The predicate with its first verb in the headline present ("has fined" → "fines")."""
    for pattern, replacement in _AUXILIARY_PRESENT:
        rest = pattern.sub(replacement, rest, count=1)
    modal = _MODAL_VERB.match(rest)
    if modal:
        return _third_person(modal[1]) + rest[modal.end() :]
    first, _, tail = rest.partition(" ")
    if not first.islower() or first in {"is", "are", "no", "not"}:
        return rest
    verb = present_tense(first)
    return f"{verb} {tail}".strip()


def _plain_title(clause, trigger, initiator, timex, offset) -> str:
    body = _DATELINE.sub("", clause.text)
    shift = len(clause.text) - len(body)
    credited = _CREDIT_AT_END.match(body)
    if (
        credited
        and trigger.type == STATEMENT
        and initiator is not None
        and initiator.text in credited["credit"]
        and timex is None
    ):
        # "Applications will be reviewed ..., the agency said." → "Agency says applications ..."
        content = credited["content"]
        first = content.split(" ", 1)[0]
        if first in _LOWERCASE_OPENERS:
            content = first.casefold() + content[len(first) :]
        body = f"{credited['credit'].strip()} said {content}"
    # Remove the date phrase, full quotations and credits that the headline does not need.
    if timex is not None:
        start, end = timex.start - offset - shift, timex.end - offset - shift
        if 0 <= start < end <= len(body):
            prefix = _DATE_PREPOSITION.search(body[max(0, start - 30) : start])
            cut = start - (len(prefix.group()) if prefix else 0)
            body = body[:cut].rstrip() + " " + body[end:].lstrip()
    body = re.sub(
        r",\s*(?=[^\s,])[^,]{1,80}?\s(?:said|says|told|reported|wrote)(?:\s[^,]{0,30})?$", "", body
    )
    # ", said Li." / ", according to the ministry." credit a speaker; ", said the decision sent
    # a message" is the speaker's predicate and stays.
    credit = re.search(
        r",\s*(?:said|according to|citing)\s+(?P<who>(?:[A-Z]|(?:a|an|the)\s)[^,]{0,60})"
        r"(?:,[^,]{0,90})?$",
        body,
    )
    if credit and not _CLAUSE_VERB.search(credit["who"]):
        body = body[: credit.start()]
    body = re.sub(r",\s*(?:citing|cited)\b.*$", "", body)
    body = re.sub(r"^(?:When|As|After|While|Before|Asked|In addition to)\b[^,]{0,80},\s*", "", body)
    # (with the statement's own day: "said on Wednesday it had fined ... on Monday")
    body = re.sub(r"^[A-Z][\w .'’-]{0,40}\s(?:reported|reports|said|says)\s+"
                  r"(?:(?:on\s+)?[A-Z][a-z]+day\s+)?(?:that\s+)?", "",
                  body) if trigger.type != STATEMENT else body  # fmt: skip
    if initiator is not None:
        # "Reuters reported that the administration is weighing ...": headline the report.
        frames = list(
            re.finditer(r"\b(?:reported|reports|said|says|wrote|told \w+(?: \w+)?)\s+that\s+", body)
        )
        if frames and body.find(initiator.text) >= frames[-1].end():
            body = body[frames[-1].end() :]
    body = _ADVERBS.sub("", body)
    body = re.sub(r"[\"“”]", "", body)
    body = re.sub(r"\s+", " ", body).strip(" ,.;:")
    subject = _subject_phrase(body, initiator)
    if subject is not None:
        name, rest = subject
        if " and " not in name:
            rest = _headline_predicate(rest)
        headline = f"{name} {rest}".strip()
    else:
        headline = _drop_parenthetical(body)
    headline = re.sub(r"^(?:The|the)\s+", "", headline)
    headline = re.sub(r"\s+([;,.:])", r"\1", headline)
    head, semicolon, _ = headline.partition(";")
    if semicolon and len(head) >= 20:
        headline = head  # the second clause of "X did Y; it takes effect Z" is a detail
    headline = headline[:1].upper() + headline[1:]
    if not re.search(r"\w", headline):
        # Cleaning left nothing ("A00 BANNED said 2000" is all credit and date): the clause as
        # written is the headline, since a candidate without a title cannot be reviewed.
        headline = re.sub(r"\s+", " ", clause.text).strip()
    return _shorten(headline, TITLE_MAX)


# A verb makes "said the decision sent a message" a statement, not a credit ("said the minister").
_CLAUSE_VERB = re.compile(
    r"\b(?:\w{3,}ed|sent|was|is|were|are|has|have|had|will|would|must|should|could|can|may|"
    r"made|put|set|gave|took|found|faces?|needs?|plans?|wants?)\b"
)
_CREDIT_AT_END = re.compile(
    r"^(?P<content>[^\"“”]{20,}?),\s*(?P<credit>[^,]{2,60}?)\s(?:said|says|added|told \w+)[.\"”]*$"
)
_LOWERCASE_OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Applications",
        "Companies",
        "Officials",
        "Users",
        "Prices",
        "Rules",
        "Exports",
        "Imports",
        "Sales",
        "Shipments",
        "Licenses",
        "Licences",
    ]
)


def _subject_phrase(body: str, initiator: ActorMention | None) -> tuple[str, str] | None:
    if initiator is None:
        return None
    index = body.find(initiator.text)
    if index == -1 or index > 80:
        return None
    name = initiator.name if initiator.kind == actor_kinds.PERSON else initiator.text
    name = re.sub(r"^(?:the|The)\s+", "", name)
    rest = body[index + len(initiator.text) :]
    # Skip appositions: "Jonathan Ross, chief executive of Groq, an AI company, has taken ..."
    rest = _skip_appositions(rest)
    partner = re.match(
        r"^\s*(?:and|&)\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}),?\s+", rest
    )
    if partner:
        name, rest = f"{name} and {partner.group(1)}", rest[partner.end() :]
        return name, _plural_verb(_headline_predicate(rest))
    rest = re.sub(
        r"^(?:'s|’s)?\s*(?:(?:top|senior|chief|press|trade)\s+)?(?:bureaus?|officials?|"
        r"spokes(?:person|man|woman)|advisers?|advisors?|staff|staffers|leaders?|lawmakers|"
        r"negotiators?|regulators?|representatives?)?\s*",
        " ",
        rest,
    )
    if not rest.strip() or rest.lstrip().startswith(","):
        return None
    return name, rest.strip()


_VERB_LIKE = re.compile(
    r"(?:has|have|had|is|are|was|were|will|would|did|does|do|can|may|also|\w+ed|"
    + "|".join(_IRREGULAR)
    + r")\b",
    re.IGNORECASE,
)


def _skip_appositions(rest: str) -> str:
    """After a name, skip ", chief executive of Groq, an AI company," up to the verb."""
    if not rest.startswith(","):
        return rest
    for match in re.finditer(r",\s*", rest[1:]):
        after = rest[1 + match.end() :]
        if _VERB_LIKE.match(after):
            return after
        if match.start() > 200:
            break
    return rest


def _plural_verb(predicate: str) -> str:
    """ "signs a deal" → "sign a deal" after a subject of two actors."""
    first, _, others = predicate.partition(" ")
    irregular = {"says": "say", "has": "have", "is": "are", "does": "do", "goes": "go"}
    lower = first.casefold()
    if lower in irregular:
        first = irregular[lower]
    elif lower.endswith("ies") and len(lower) > 4:
        first = first[:-3] + "y"
    elif re.search(r"(?:ss|sh|ch|x|zz)es$", lower):
        first = first[:-2]
    elif lower.endswith("s") and not lower.endswith("ss"):
        first = first[:-1]
    return f"{first} {others}".strip()


def _drop_parenthetical(body: str) -> str:
    """ "The ban, in force since 2024, was extended" → "The ban was extended"."""
    match = re.search(r",[^,]{2,120},\s*", body[:200])
    if match and _VERB_LIKE.match(body, match.end()):
        return body[: match.start()] + " " + body[match.end() :]
    return body


def _headline_predicate(rest: str) -> str:
    words = rest.split()
    if not words:
        return rest
    if words[0].casefold() in {"has", "have"} and len(words) > 1:
        participle = words[1].casefold()
        if participle in _PARTICIPLES:
            words = [_PARTICIPLES[participle], *words[2:]]
        elif participle.endswith("ed"):
            words = [present_tense(words[1]), *words[2:]]
    elif words[0].casefold() in {"did"} and len(words) > 1:
        words = words
    else:
        words[0] = present_tense(words[0])
    if len(words) > 2 and words[1].casefold() == "that":
        del words[1]
    elif len(words) > 3 and words[2].casefold() == "that":
        del words[2]
    return " ".join(words)


def _shorten(text: str, limit: int) -> str:
    """Cut at the last phrase boundary that fits, never mid-word."""
    text = text.strip()
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    for boundary in (
        r",\s",
        r";\s",
        r"\s(?:that|which|who|whether)\s",
        r"\s(?:over|after|amid|because|while|though|but|and|as|from|on|in|for|to|with|during)\s",
        r"\s",
    ):
        cuts = [m.start() for m in re.finditer(boundary, window) if m.start() >= limit // 2]
        if cuts:
            cut = text[: cuts[-1]].rstrip(" ,;:")
            return re.sub(r"\s+(?:the|a|an|of|to|and|or|that|its|their|his|her)$", "", cut)
    return text[:limit].rstrip()


def _summary(body: str) -> str:
    summary = _DATELINE.sub("", body).strip()
    return _shorten(summary, SUMMARY_MAX) if len(summary) > SUMMARY_MAX else summary


# Deduplication -------------------------------------------------------------------------------


def _deduplicate(candidates: list[EventCandidate], published: date | None) -> list[EventCandidate]:
    """Merge tellings of one event; keep the best evidence and every actor named."""
    groups: list[list[EventCandidate]] = []
    # Two tellings of one event always share an actor (``_same_event``), so each candidate is
    # compared only with the groups naming one of its actors: long texts stay near-linear.
    by_actor: dict[str, list[int]] = {}
    for candidate in candidates:
        names = {actor.name for actor in candidate.actors}
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
        if first != second and not _one_country_acting(a, b):
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
