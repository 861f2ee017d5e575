"""Triggers: the words that make a sentence report a policy action of a type ("banned", "export
controls", "confirmation hearing", "sued"), and the patterns that qualify one (negated,
hypothetical, hedged, in a quotation or a subordinate clause, a dateline, a passive listing)."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
)


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
        r"lawsuit|petition)|indict(?:ed|s|ment)|injunction|"
        # "the court upheld", "a federal appeals court on Friday upheld the law".
        r"court (?:(?:on |last |this |also |unanimously )?\w+day )?(?:ruled|rules|blocked|"
        r"struck down|upheld|upholds)|ruled|"
        # "the ruling was handed down on Tuesday by Judge X", "a verdict delivered on Monday".
        r"(?:ruling|judgment|judgement|verdict) (?:was |were )?(?:made|issued|handed down|"
        r"delivered|released)|"
        # "the tribunal delivered its judgment Friday", "the judge handed down a verdict".
        r"(?:deliver(?:s|ed)|hand(?:s|ed) down|issu(?:es|ed)|gave|gives) (?:its|a|the|their|his|"
        r"her) (?:[\w-]+ ){0,2}(?:ruling|judgment|judgement|verdict)"), LAWSUIT, 0.6, True, False),
    (_t(r"signed into law|sign(?:s|ed)? (?:the |a )?(?:bill|law|legislation|executive order)|"
        r"executive orders?|pass(?:es|ed)? (?:the |a )?(?:bill|law|legislation|measure)|"
        r"bills?|legislation|law|acts?|enact(?:s|ed)?|ordinance|"
        r"(?:issued|adopted|finali[sz]ed|published) (?:the |its |a )?(?:new |final )?"
        r"(?:rules?|regulations?|directives?)|"
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
        # "imposed a 20% duty", "slapped new levies": a duty with its verb is a tariff.
        r"(?:issued|issues|imposed|imposes|levied|levies|slapped|slaps) (?:a |an |the )?"
        r"(?:[\w%.,-]+ ){0,4}(?:orders?|fines?|penalt(?:y|ies)|directions?|directives?|"
        r"dut(?:y|ies)|levy|levies|surcharges?|tax(?:es)?)|"
        # "raised the export duty on crude oil", "doubled its levies on steel".
        r"(?:raised|raises|hiked|hikes|increased|increases|doubled|doubles|tripled|triples) "
        r"(?:a |an |the |its |their )?(?:[\w%.,-]+ ){0,3}(?:dut(?:y|ies)|levy|levies|"
        r"surcharges?|tariffs?)"),
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
        r"rejected (?:[\w.'’-]+ ){0,3}(?:bid|request|motion|challenge|appeal)|"
        # A court's decision told by its verb, the date perhaps between: "A federal judge in
        # May rejected ...", "the court on Tuesday dismissed ...", "a judge last week denied".
        r"(?<!tennis )(?<!basketball )(?<!food )(?<!squash )(?<!royal )"
        r"(?:judge|court|justices|tribunal) (?:(?:in|on|last|this|earlier|late|early) "
        r"(?:[\w.]+ ){1,2}?|also )?(?:rejected|denied|dismissed|threw out|tossed out|granted|"
        r"sided with)"),
     LAWSUIT, 0.6, True, False),
    (_t(r"(?:held|holds|hold|hosting|hosted|hosts) (?:a |an |its |the )?(?:[\w-]+ ){0,2}"
        r"(?:hearing|session|meeting|roundtable|summit|talks|vote)|roundtable|"
        r"talks (?:that |which )?(?:took|take|takes) place|(?:media|news|press) briefing|"
        r"press release|"
        r"before (?:a |the )?(?:[A-Z.]+ )?(?:senate|house|congressional|parliamentary) "
        r"(?:panel|committee|subcommittee)|"
        # A trial's step: "the parties made their final arguments on March 3".
        r"(?:made|make|makes|presented|present|presents|delivered|gave) (?:their|its|his|her|the) "
        r"(?:final|closing|oral) (?:arguments|submissions)"),
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
    # A measure made known, told in the passive with its date: "the levy was announced in
    # 2020", "the curbs were first unveiled last March" (the maker may go unnamed).
    (_t(r"(?:was|were|had been|has been|have been) (?:first |originally |initially )?"
        r"(?:announced|unveiled|imposed)(?= (?:in|on|last|earlier) )"),
     OTHER, 0.45, True, False),
    (_t(r"approv(?:ed|es|ing) (?:the |a |an |its |their )?(?:[\w-]+ ){0,3}(?:plan|deal|merger|"
        r"acquisition|request|application|commitments?|licen[cs]es?|sale|auction|tender|"
        r"policy|strategy|framework|programme|program)"),
     OTHER, 0.45, True, False),
    # A measure named by its year and its author: "a 2024 Biden administration power plant
    # rule", "the 2019 EU copyright directive".
    (_t(r"(?:19|20)\d\d (?:[\w-]+ ){0,2}(?-i:[A-Z])[\w.-]* (?:[\w-]+ ){0,3}"
        r"(?:rules?|regulations?|directives?)"),
     LEGISLATION, 0.45, False, False),
    # A body given powers: "the regulator gained new powers this year", "the agency was
    # granted sweeping powers in 2023".
    (_t(r"(?:gained|gains|acquired|received|was given|were given|was granted|were granted) "
        r"(?:[\w-]+ ){0,2}powers"), OTHER, 0.45, True, False),
    # Licences withdrawn, deals cleared, offices raided, envoys summoned: common acts of
    # regulators, police and foreign ministries.
    (_t(r"(?:withdr(?:ew|aws|awn)|cancel(?:l?ed|s)|revok(?:ed|es)|pull(?:ed|s)|strip(?:ped|s)) "
        r"(?:[\w'’.-]+ ){0,3}(?:licen[cs]es?|permits?|accreditations?|registrations?)"),
     RESTRICTION, 0.5, True, False),
    (_t(r"(?:cleared|clears|authori[sz](?:ed|es)|granted|grants) (?:[\w'’.-]+ ){0,3}"
        r"(?:approval|takeover|merger|acquisition|deal|buyout)"),
     OTHER, 0.45, True, False),
    (_t(r"raid(?:ed|s)? (?:[\w'’.-]+ ){0,3}(?:offices?|headquarters|premises)"),
     INVESTIGATION, 0.5, True, False),
    (_t(r"summon(?:ed|s) (?:the |its |a )?(?:[\w-]+ ){0,2}(?:ambassador|envoy|diplomats?)|"
        r"expel(?:led|s) (?:[\w-]+ ){0,3}diplomats?|recall(?:ed|s) (?:its |their )?"
        r"(?:ambassador|envoy)"),
     OTHER, 0.5, True, False),
    (_t(r"repeal(?:ed|s)"), LEGISLATION, 0.5, True, False),
    (_t(r"overturn(?:ed|s)"), LAWSUIT, 0.5, True, False),
    # A platform taking an app or content down, usually at a government's request.
    (_t(r"(?:removed|removes|pulled|pulls|took down|takes down) (?:[\w'’.-]+ ){0,4}from "
        r"(?:its |the |their )?(?:[\w'’-]+ ){0,2}(?:App Store|app stores?|Play Store|stores?|"
        r"platforms?)"),
     RESTRICTION, 0.45, True, False),
    # A state taking what was private, or a head of state dismissing an elected body.
    (_t(r"nationali[sz](?:ed|es|ing)|expropriat(?:ed|es|ing)|"
        r"dissolv(?:ed|es|ing) (?:the |its )?(?:[\w-]+ )?(?:parliament|assembly|legislature|"
        r"congress|senate|national assembly)"),
     OTHER, 0.5, True, False),
    # People taking or leaving office: "the minister resigned on Tuesday", "appointed X as
    # finance minister", "named X as its chief executive", "was dismissed".
    (_t(r"resign(?:ed|s)|(?:stepped|steps) down|"
        r"(?:was|were|has been|had been) (?:fired|dismissed|sacked|ousted|removed from office)|"
        r"(?:fired|dismissed|sacked|ousted) (?:(?-i:[A-Z])[\w.'’-]* ){1,3}(?:as|from)|"
        r"(?:appointed|appoints|nominated|nominates|named|names) (?:(?-i:[A-Z])[\w.'’-]* ){1,4}"
        r"(?:as|to (?:lead|head|the post|the position|succeed))"),
     OTHER, 0.45, True, False),
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
    # A measure scheduled: "the rule will prevent sales of the devices as of May 1".
    (_t(r"(?<=\bwill )(?:\w+ly )?(?:prevent|stop|halt) (?:[\w'’-]+ ){0,4}?(?:downloads?|sales?|"
        r"resales?|imports?|exports?|purchases?|transactions?|licen[cs]ing|access|use)"),
     BAN, 0.55, True, False),
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
        r"audit(?:s|ed)?|"
        # Questions put formally are a step of an inquiry: "a request for information", "sent
        # an official request to the company demanding details" (not "asking for a delay").
        r"requests? for information|"
        r"(?:sent|sends|send|submitted|submits) (?:a|an) (?:formal |official |written )?"
        r"(?:request|questionnaire) (?:to [^.,;:]{1,60}? )?(?:demanding|asking|requesting|"
        r"seeking|for) (?:to clarify|clarification|details|information|data|explanations?|"
        r"answers)"), INVESTIGATION, 0.5, False, False),
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
    # ("a launch customer", "the release date": a noun before a noun names no launch.)
    (_t(r"(?:releas(?:e|es|ed|ing)|launch(?:es|ed|ing)?)(?! (?:customers?|dates?|events?|"
        r"pads?|sites?|windows?|prices?|part(?:y|ies)|vehicles?|notes?)\b)|"
        r"unveil(?:s|ed|ing)?|rolled out|"
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
        # A passive of disclosure with its agent: "the decision was disclosed on Friday by X".
        r"(?:was|were|has been|had been) (?:\w+ly )?(?:disclosed|made public|announced|"
        r"revealed)(?=[^.;]{0,40}?\bby\s)|"
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
    # ("the plan will prevent sales": the plan is the measure, its subject.)
    r"plan(?:s|ned|ning)?(?: to)?(?!\s+will\b)|push(?:es|ed|ing)? for|call(?:s|ed|ing)? for|"
    r"seek(?:s|ing)?|"
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
# A threat is no measure taken: "must sell the unit by June or face a ban", "faces fines of up
# to 4% of its turnover" (``_THREAT`` before the trigger, ``_MAXIMUM_AFTER`` after it).
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|may|should|if|supposed to|(?:was|were) to)\s+(?:\w+\s+){0,2}$|"
    r"\b(?:if|unless)\b[^,]*$|\bor\s+(?:else\s+)?(?:face|risk)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "by the", "by former President ": what stands between "by" and the agent's name.
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?(?:(?:[A-Z][\w.'’-]*|former|then|acting)\s+){0,3}$")
_THREAT = re.compile(r"\b(?:faces?|facing|risks?|risking)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_MAXIMUM_AFTER = re.compile(r"\s+(?:of\s+)?up\s+to\b", re.IGNORECASE)
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
_DATE_TEXT_PREPOSITION = re.compile(
    r"\b(?:on|in|during|at|over|earlier|late|early|as of|from)\s+$", re.I
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
