"""A candidate's title and summary from its sentence: the actor and the action in the present
tense ("Commerce adds 12 companies to entity list"), shortened to ``TITLE_MAX`` and
``SUMMARY_MAX``."""

from __future__ import annotations

import re

from timeline.extraction import actors as actor_kinds
from timeline.extraction.actors import ActorMention
from timeline.extraction.candidates import STATEMENT, SUMMARY_MAX, TITLE_MAX
from timeline.extraction.triggers import (
    _BY_AGENT,
    _DATELINE,
    _PARTICIPLE_OPENING,
    _passive_listing,
)

_DATE_PREPOSITION = re.compile(
    r"\b(?:(?:since|on|in)\s+the\s+(?:(?:early|small)\s+hours|morning|afternoon|evening|night)"
    r"\s+of|since|as\s+of|from|on|in|of|during|at|over|earlier|late|early)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ADVERBS = re.compile(
    r"\b(?:reportedly|also|immediately|firmly|allegedly|eventually|still|already|now|"
    r"officially|formally|publicly|recently|previously|earlier|further|again)\s+",
    re.IGNORECASE,
)
# A decision named as a noun, with its maker after it: "the ruling was handed down ... by Judge
# X", "an ultimatum from the regulator".
_NOUN_DECISION = re.compile(r"(?i:ruling|judgment|judgement|verdict|ultimatum)\b")


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
        r"[^aeiou]in|[^aeiou]ud|[^aeiou]id|[aiou]k|[^aeiou]am|[^aeiou]om|[^aeiou]um|[^aeiou][aiou]l|"
        r"rg|ng|rc|nc|rs|ns|lv|rv|[^aeiou]ot|[^aeiou]ut|[^aeiou]it|dg|bl|pl|tl|kl|gl|cl|"
        r"[^aeiou]as|[^aeiou]ag|[^aeiou]ar|[^aeiou]ab|[^aeiou]ib|[^aeiou]ub|[^aeiou]ob|[^aeiou]iz|"
        # "retaliated", "evaluated", "created" (but "treated", "defeated": "-eat" verbs).
        r"eiz|yz|u|iat|uat|creat)ed$",
        lower,
    ) and not re.search(
        r"(?:ain|oin|eal|ail|oil|(?<!cr)eat|ait|oat|eed|ood|ead|eer|air)ed$", lower
    ):
        stem = lower[:-1] + "s"
    else:
        stem = lower[:-2] + "s"
    return _same_case(verb, stem)


def _capitalised(headline: str) -> str:
    """The headline with a capital first letter, unless it opens with a name written with a
    small one ("iPhone", "eBay")."""
    if re.match(r"[a-z]{1,2}[A-Z]", headline):
        return headline
    return headline[:1].upper() + headline[1:]


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
    (re.compile(r"^(?:has|have|had)\s+(?=(?:[a-z]+ly\s+)?\w+(?:ed|en)\b)"), ""),
    (re.compile(r"^(?:has|have|had)\s+been\s+(?=\w+(?:ed|en|wn|ut)\b)"), "is "),
    (re.compile(r"^(?:was|were)\s+(?=\w+(?:ed|en|wn|ut)\b)"), "is "),
    (re.compile(r"^(?:will|would)\s+be\b"), "is"),
)
_MODAL_VERB = re.compile(
    r"^(?:will|would)\s+(?!not\b|no\b|also\b|be\b)"
    r"((?:(?!(?:ap|sup|re|com|im|multi)ply\b|(?:r|t)?ally\b|rely\b)[a-z]{3,}ly\s+)?)([a-z]+)\b"
)


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
# A passive with its agent and no subject: "Was signed into law by Gov. X in May".
_AGENT_PASSIVE_START = re.compile(
    r"^(?:Was|Were|Is|Are|Has been|Have been|Had been)\s+(?=\w+(?:ed|en|wn)\b[^.]*\bby\s)"
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
        longer = re.match(rf"{re.escape(name)}(?:\s+[A-Z][\w.&'’-]*){{1,2}}(?=\s+[a-z])", polished)
        if longer and not _VERB_LIKE.fullmatch(longer.group().rsplit(maxsplit=1)[-1]):
            name = longer.group()  # "Apple Computer announced": the name as the text wrote it
        if _PRONOUN_SUBJECT.match(polished):
            polished = _PRONOUN_SUBJECT.sub(name + " ", polished, count=1)
        elif _AGENT_PASSIVE_START.match(polished):
            # "(and) was signed into law by Gov. X": the initiator is the agent, the subject told
            # in another clause; "Signed into law by Gov. X", not "X is signed ... by Gov. X".
            polished = _AGENT_PASSIVE_START.sub("", polished, count=1)
        elif _BARE_VERB_START.match(polished) and not _EFFECT_START.match(polished):
            polished = f"{name} {polished[:1].lower()}{polished[1:]}"
        if polished.startswith(name + " "):
            rest = polished[len(name) + 1 :]
            # "EU countries approved ...", "NATO allies agreed ...": the members are the subject.
            members = _MEMBERS.match(rest)
            if members:
                name, rest = f"{name} {members[1]}", rest[members.end() :]
            predicate = _present_predicate(rest)
            if _PLURAL_SUBJECT.search(name):
                predicate = _plural_verb(predicate)
            polished = f"{name} {predicate}"
    else:
        subject = re.match(r"^(\S+(?:\s\S+){0,5}?)\s(?=(?:will|would|was|were)\s)", polished)
        if subject:
            rest = _present_predicate(polished[subject.end() :])
            polished = f"{subject[1]} {rest}"
    polished = re.sub(r"\s+", " ", polished).strip(" ,;:—-")
    return _shorten(_capitalised(polished), TITLE_MAX)


_MEMBERS = re.compile(
    r"((?:member )?(?:states|countries|nations|members|leaders|ministers|governments|allies|"
    r"lawmakers|officials|regulators))\s+"
)
# A subject named by a plural common noun: "Polish authorities", "EU lawmakers", "officials".
_PLURAL_SUBJECT = re.compile(r"(?:^|\s)[a-z]+[^suiy\W]s$|(?:^|\s)[a-z]+ies$")


def _present_predicate(rest: str) -> str:
    """The predicate with its first verb in the headline present ("has fined" → "fines")."""
    for pattern, replacement in _AUXILIARY_PRESENT:
        rest = pattern.sub(replacement, rest, count=1)
    modal = _MODAL_VERB.match(rest)
    if modal:
        # "will effectively prevent" → "effectively prevents".
        return modal[1] + _third_person(modal[2]) + rest[modal.end() :]
    first, _, tail = rest.partition(" ")
    if not first.islower() or first in {"is", "are", "no", "not"}:
        return rest
    if _MANNER_ADVERB.fullmatch(first) and tail:
        # "has indefinitely suspended" → "indefinitely suspends"
        second, _, tail = tail.partition(" ")
        return f"{first} {present_tense(second)} {tail}".strip()
    verb = present_tense(first)
    return f"{verb} {tail}".strip()


# An adverb before the verb; verbs that end in -ly ("apply", "comply", "rally") are not.
_MANNER_ADVERB = re.compile(r"(?!(?:ap|sup|re|com|im|multi)ply$|(?:r|t)?ally$|rely$)[a-z]{3,}ly")


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
            # "has previously, on Jan. 31, requested": no empty commas where the date was.
            body = re.sub(r",\s*,", " ", body)
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
    headline = _capitalised(headline)
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
    if index == -1 or index > 80 or _BY_AGENT.search(body[:index]):
        return None  # not named, or the agent of a passive ("was passed by the legislature")
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
        r"negotiators?|regulators?|representatives?)\b\s*|^\s*",
        " ",
        rest,
    )
    # "India's retaliatory duties take effect": the subject is what the actor owns.
    possessive = re.match(r"\s*('s|’s)\b", rest)
    if possessive:
        name, rest = name + possessive[1], rest[possessive.end() :]
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
    """ "signs a deal" → "sign a deal" after a subject of two actors or a plural one ("Polish
    authorities order ...")."""
    first, _, others = predicate.partition(" ")
    irregular = {
        "says": "say",
        "has": "have",
        "is": "are",
        "was": "were",
        "does": "do",
        "goes": "go",
    }
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
