"""Sentence splitting for news text, with offsets into the text.

News prose is full of full stops that do not end sentences: "U.S.", "Jan. 29", "Sen. Cantwell",
"Apple Inc.", "No. 5", initials ("J. D. Vance"), decimals. A full stop after an abbreviation that
can also end a sentence ("Inc.", "U.S.") ends one only when the next word is one that usually
starts a sentence ("the U.S. The talks..."). A question or exclamation inside a quote followed by
its attribution ('"Would the US ban it?" Li asked.') does not end the sentence. Paragraph breaks
(a blank line) and headings (a short line on its own without sentence punctuation) always do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A sentence longer than this is cut at a space: text without punctuation (a table, a dump)
# would otherwise make one unbounded "sentence" for everything downstream.
MAX_SENTENCE_CHARS = 2000

# Abbreviations that never end a sentence: titles and the like come before a name or a number.
_NEVER_FINAL = _words(
    "mr mrs ms messrs dr prof sen sens rep reps gov gen lt col maj capt cmdr adm sgt cpl pvt "
    "supt det insp rev hon pres st mt ft atty e.g i.e cf vs v approx amb"
)
# Abbreviations that end a sentence only when a sentence-starting word follows.
_MAYBE_FINAL = _words(
    "inc corp co ltd llc plc bros jr sr dept govt assn est etc al jan feb mar apr jun jul aug "
    "sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ave blvd no nos vol art "
    "sec ch fig figs pp para ref"
)
# Words that commonly open a sentence; after "Inc." or "U.S." they signal a new sentence.
_STARTERS = _words(
    "the a an it its he she they we i you this that these those there here but and or so yet "
    "in on at as for if when while after before since because although though however "
    "meanwhile still also last next earlier later under his her their our my some many most "
    "one two three both no not nor each every all any such other another what who which how "
    "why where then thus instead now today yesterday officials shares analysts critics"
)
_ATTRIBUTION = re.compile(
    r"\s*(?:(?:[A-Z][\w.'’-]*\s+){1,4}|(?:he|she|they|it|i|we|you)\s+)"
    r"(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|replied|continued|explained|"
    r"noted|argued|insisted|warned|claimed|recalled|joked|shouted|declared)\b",
    re.IGNORECASE,
)
# After a quotation closed by a full stop the attribution is short ("... a mistake.” Smith said
# on Sunday."); a speaker with a clause of their own ("The ministry says the service was
# halted because ...") begins a sentence.
_SHORT_ATTRIBUTION_END = re.compile(r"(?:\s+[\w'’.-]+){0,5}?\s*(?:[.,;:!?]|$)")


def _attributes_the_quote(following: str, punctuation: str) -> bool:
    attribution = _ATTRIBUTION.match(following)
    if attribution is None:
        return False
    if not punctuation.startswith("."):
        return True
    return _SHORT_ATTRIBUTION_END.match(following, attribution.end()) is not None


_END = re.compile(r"(?:\.{3}|…|[.!?])+(?P<close>[\"'”’»)\]]*)(?=\s|$)")
_WIRE_CREDIT = re.compile(r"/[^\W\d_][\w-]*/", re.IGNORECASE)
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_HEADING_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FUNCTION_END = _words("a an the of to in on for and or but with by at from that as")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, each with its offsets; whitespace between is left out."""
    sentences: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        for start, end in _split_block(text, block_start, block_end):
            sentences.extend(_bounded(text, start, end))
    return sentences


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs: runs of lines between blank lines, with headings and list items apart."""
    lines: list[tuple[int, int]] = []
    position = 0
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        lines.append((position, position + len(body)))
        position += len(piece)
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    after_heading = False
    for index, (start, end) in enumerate(lines):
        content = text[start:end]
        if not content.strip():
            if current:
                blocks.append(current)
            current = None
            after_heading = False
            continue
        previous = text[slice(*lines[index - 1])] if index else ""
        following = text[slice(*lines[index + 1])] if index + 1 < len(lines) else ""
        heading = _is_heading(content, previous, following, after_heading=after_heading)
        after_heading = heading
        if heading or _is_list_item(content):
            if current:
                blocks.append(current)
            blocks.append((start, end))
            current = None
            continue
        if current and _ends_sentence(text[slice(*current)]) and _is_list_item(content):
            blocks.append(current)
            current = None
        current = (current[0], end) if current else (start, end)
    if current:
        blocks.append(current)
    return blocks


def _is_heading(line: str, previous: str, following: str, *, after_heading: bool = False) -> bool:
    """A short line on its own: after a sentence's end, or after another such line (page
    chrome comes in runs: "Advertisement 3", "Story continues below", "Article content")."""
    stripped = line.strip()
    words = _HEADING_WORD.findall(stripped)
    if not words or len(words) > 12 or _ends_sentence(stripped) or stripped[-1] in ",;:-–—":
        return False
    if words[-1].casefold() in _FUNCTION_END:
        return False
    next_text = following.strip()
    if next_text and next_text[0].islower():
        return False
    if previous.strip() and not _ends_sentence(previous.strip()) and not after_heading:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return len(words) <= 8 or capitalised >= 0.6 * len(words)


def _is_list_item(line: str) -> bool:
    return bool(re.match(r"\s*(?:[•·▪●◦‣∙*]|\d{1,2}[.)])\s+\S", line))


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?…][\"'”’»)\]]*$", text))


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sentence_start = start
    cuts = [
        (match.end(), _is_boundary(text, match, end)) for match in _END.finditer(text, start, end)
    ]
    cuts += [(cut, True) for cut in _chrome_ends(text, start, end)]
    for cut, boundary in sorted(cuts):
        if cut >= end:
            break
        if boundary and cut > sentence_start:
            spans.append((sentence_start, cut))
            sentence_start = cut
    spans.append((sentence_start, end))
    return spans


# Page chrome run into a paragraph: a byline with its filing time ("By Jane Roe (March 3, 2025,
# 8:54 PM EDT) --"), and an embedded post's signature with its date ("— Outlet (@outlet)
# March 3, 2025"). Each is a piece apart: its date is the page's or the post's, no event's.
_BYLINE = re.compile(r"By\s+(?:[A-Z][\w.'’-]*\s+){1,4}\([^()]{2,80}\)\s*(?:[-–—]+\s*)?")
_POST_SIGNATURE = re.compile(
    r"\s[-–—]+\s*[^()\n]{1,60}\(@\w{1,30}\)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}"
)


def _chrome_ends(text: str, start: int, end: int) -> list[int]:
    """Where chrome pieces inside ``text[start:end]`` begin and end."""
    ends = []
    if byline := _BYLINE.match(text, start, end):
        ends.append(byline.end())
    for signature in _POST_SIGNATURE.finditer(text, start, end):
        ends += [signature.start(), signature.end()]
    return ends


# A name written with a small first letter and a capital after it ("iPhone", "eBay") may open
# a sentence.
_LOWER_NAME = re.compile(r"[a-z]{1,2}[A-Z][a-z]\w*")


def _is_boundary(text: str, match: re.Match[str], block_end: int) -> bool:
    following = text[match.end() : min(block_end, match.end() + 80)]
    rest = following.lstrip()
    if not rest:
        return True
    first = rest[0]
    if first.islower() and not _LOWER_NAME.match(rest):
        return False
    next_word = re.match(r"[\"'“‘(\[]*([\w'’.-]+)", rest)
    word = next_word.group(1).casefold().rstrip(".") if next_word else ""
    punctuation = match.group()
    if match["close"] and _attributes_the_quote(following, match.group()):
        return False
    if punctuation != "." or match["close"]:
        return True
    before = _TOKEN_BEFORE.search(text, max(0, match.start() - 40), match.start())
    token = before.group(1).lstrip("\"'“‘([").casefold() if before else ""
    if not token:
        return True
    if _WIRE_CREDIT.match(rest) or _WIRE_CREDIT.fullmatch(token):
        return False  # a wire dateline runs into its lead: "CITY, May 2. /AGENCY/. The ..."
    if re.fullmatch(r"[^\W\d_]", token):
        return False  # an initial: "J. D. Vance"
    if token in _NEVER_FINAL or f"{token}." in _NEVER_FINAL:
        return False
    dotted = re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", token) is not None
    if dotted or token in _MAYBE_FINAL:
        return word in _STARTERS
    return True


def _bounded(text: str, start: int, end: int) -> list[Sentence]:
    """The stripped span, cut at spaces into pieces no longer than MAX_SENTENCE_CHARS."""
    pieces = []
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append(Sentence(start, cut, text[start:cut]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append(Sentence(start, end, text[start:end]))
    return pieces
