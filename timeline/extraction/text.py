"""From what a user pastes or uploads to an article: clean body text plus its metadata.

A pasted web page carries its page chrome along: navigation menus, breadcrumbs, newsletter boxes,
share widgets, photo credits, "More from ..." lists of other headlines, FAQ and "Key Takeaways"
boxes, copyright lines. ``read_article`` classifies every line with general rules (short lines
without sentence punctuation, runs of headline-like lines, boilerplate words such as "Subscribe",
"min read", "©"), keeps the densest run of prose as the body, and reads the title, the publisher
and the publication date from the lines around it. An update stamp ("Last updated: ...") is
recorded as such and never taken for the publication date.

HTML goes through trafilatura (body and metadata) and htmldate (the original publication date,
from the markup alone: no network).

The body keeps every kept line verbatim, so ``Article.raw_span`` maps an offset range of the
clean text back to the input it came from (for plain text).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from timeline.extraction.fuzzy import MONTHS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# News agencies whose name in a dateline, "(Reuters) -", credits the wire story a page carries.
WIRE_SERVICES = {
    "reuters": "Reuters",
    "ap": "AP",
    "afp": "AFP",
    "bloomberg": "Bloomberg",
    "xinhua": "Xinhua",
    "upi": "UPI",
    "dpa": "dpa",
    "ians": "IANS",
    "pti": "PTI",
    "ani": "ANI",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "efe": "EFE",
    "ansa": "ANSA",
    "tass": "TASS",
    "cna": "CNA",
    "anadolu": "Anadolu",
}

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WIRE_NAMES = "|".join(sorted(WIRE_SERVICES, key=len, reverse=True))

# A date as publishers stamp it: "Mar 18, 2025", "18 March 2025", "2025-03-18", "March 18th 2025".
_STAMP_DATE = re.compile(
    rf"(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_NAMES})\.?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})(?!\d)"
    r"|(?P<y4>\d{4})/(?P<m4>\d{1,2})/(?P<d4>\d{1,2})(?!\d)"
    # "03/27/2025" (US), "21/05/2025", "05.03.2026" (day first): see ``_parse_stamp``.
    r"|(?<![\d/.])(?P<a5>\d{1,2})(?P<sep5>[/.])(?P<b5>\d{1,2})(?P=sep5)(?P<y5>\d{4})(?![\d/]))",
    re.IGNORECASE,
)
# Signs that a page writes numeric dates day first: European currency or time zones.
_DAY_FIRST_CUES = re.compile(r"[€£]|\b(?:BST|CET|CEST|EET|EEST|WET|AEST|AEDT|NZST|IST)\b")
_PUBLISHED_LABEL = re.compile(
    r"^(?:originally\s+|first\s+)?(?:published|posted|publication\s+date|date\s+published|"
    r"released|date|issued)\b(?!\s+by\b)\s*(?:on|at|:|-|–)?\s*",
    re.IGNORECASE,
)
# The pieces of a metadata line: "Published: ... | Updated: ...", "Source: X    Published: ...".
_STAMP_PARTS = re.compile(r"\s*[|·•]\s*|\s{3,}|\t+")
_UPDATED_LABEL = re.compile(
    r"^(?:last\s+|latest\s+)?(?:updated|modified|edited|revised|amended)\b\s*(?:on|at|:|-|–)?\s*",
    re.IGNORECASE,
)
# "WASHINGTON, Jan 29 (Reuters) -", "March 17 (Reuters) -", "(Reuters) -", "BEIJING (AP) —".
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Za-z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.'’ -]{{1,40}})*,?\s+)?"
    rf"(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\s*)?"
    rf"\((?P<wire>{_WIRE_NAMES})\)\s*[-–—]+\s*",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:[Ww]ritten\s+|[Rr]eported\s+)?[Bb]y\s+(?P<names>[A-Z][^\n]{1,200})$")
_PUBLISHED_BY = re.compile(
    r"^(?:published|posted|distributed|provided)\s+by\s+(?P<name>[^\n|]{2,100})$", re.IGNORECASE
)
_PUBLISHER_LABEL = re.compile(r"^(?:publisher|source)\s*:\s*(?P<name>[^\n|]{2,100})$", re.I)
_NEWSLETTER_FROM = re.compile(
    r"\b(?:newsletters?|news|updates|alerts|stories)\s+from\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:&\s+)?[A-Z][\w&'’.-]*){0,5})"
)
_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:&\s+)?[A-Z][\w&'’.-]*){0,5})",
    re.IGNORECASE,
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$|[.!?…]\s*[\"'”’][^\"'”’]{0,40}[.!?]$")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙*–-]\s*)+")
_BREADCRUMB = re.compile(r"\s[>/›»|]\s|^\s*(?:home|start)\s*[>/›»|]", re.IGNORECASE)
_GLUED_MENU = re.compile(r"[a-z][A-Z][a-z]")

# Lines that are never article text and do not interrupt it (an ad slot, a photo credit, a
# share bar inside the body).
_INLINE_CHROME = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?|ad|promoted|scroll to continue.*|"
    r"continue reading.*|story continues below.*|skip (?:to|ad).*|"
    r"(?:share|tweet|email|print|save|copy link|facebook|twitter|x|linkedin|whatsapp|reddit|"
    r"telegram|pinterest|comments?|\d+\s+comments?)(?:\s*(?:[|/·•,]\s*)?(?:share|tweet|email|print|"
    r"save|copy link|facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|this|"
    r"article|story|on))*|"
    r"(?:read|listen|watch)(?: more| also| next)?\s*:.*|also read\s*:.*|related\s*:.*|"
    r"\d+\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|listen)|reading time.*|"
    r"image for .*|.*\b(?:photo|image|picture|video|graphic|illustration)\s*:\s*.{0,60}|"
    r"(?:photo|image|file photo|picture)\s*(?:credit)?\s*[:/].*|"
    r".{0,80}\((?:photo|image|picture):?\s*[^)]*\)|(?:getty images|afp via getty images)\b.*|"
    # A photo's caption ending with its credit ("... on Wednesday. Photo by Ana Ruiz/EPA").
    r".{0,600}\b(?:photo|picture|image)\s+(?:by|courtesy of|credit:?)\s+(?-i:[A-Z])[\w '’-]{1,60}"
    r"(?:/[\w '’-]{1,30})?|"
    # An embedded video player's controls and caption ("Subtitles Off", "view video").
    r".{0,120}\b(?:subtitles (?:off|on)|view video|play video|closed captions)\b.{0,120})$",
    re.IGNORECASE,
)

# Lines that end the article or stand between it and the page around it.
_SECTION_MARKER = re.compile(
    r"^(?:more (?:from|on|in|about|stories|articles|news)\b.*|related(?:\s+\w+){0,3}|"
    r"recommended(?:\s+\w+){0,3}|read (?:more|next|also)|also read|see also|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in).*|"
    r"most (?:read|popular|viewed|shared)(?:\s+\w+){0,3}|trending(?:\s+\w+){0,3}|"
    r"latest (?:news|stories|articles|headlines)(?:\s+\w+){0,3}|top stories|editor'?s'? picks|"
    r"key (?:takeaways|points)|frequently asked questions.*|faqs?\b.*|quick summary|"
    r"summary|in brief|at a glance|highlights|explore more.*|view all.*|see all.*|"
    r"(?:previous|next)\b.{0,20}\b(?:post|article|story)\b.*|"
    r"(?:about|more by|more from) the author.*|leave a (?:comment|reply).*|"
    r"(?:\d+\s+)?comments?|join the conversation.*|follow us.*|download (?:our|the) app.*|"
    r"(?:get|sign up for|subscribe to) (?:our|the) (?:daily |weekly |free )?newsletters?.*|"
    r"editorial (?:&|and) advertiser disclosure|disclaimer.*|tags?\s*:.*|topics?\s*:.*|"
    r"filed under\s*:?.*|categories\s*:.*)$",
    re.IGNORECASE,
)
# Boilerplate words that mark a line as page furniture wherever they appear in a short line.
_BOILERPLATE = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcopyright\b|\bsubscribe\b|\bsubscription\b|"
    r"\bsign (?:up|in)\b|\blog ?in\b|\bnewsletters?\b|\bcookies?\b|\bprivacy policy\b|"
    r"\bterms (?:of|and) (?:use|service|conditions)\b|\bsitemap\b|\bunsubscribe\b|"
    r"\bcontact us\b|\babout us\b|\badvertis(?:e|ing) with us\b|\bsubscribed\b|"
    r"\bclick here\b|\bdownload (?:the|our) app\b",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"^[(\[]?\s*(?:reporting|writing|additional reporting|editing|compiled|edited)\s+by\b",
    re.IGNORECASE,
)

_LANGUAGE_STOPWORDS = {
    "en": _words(
        "the of and to in is that for on with as was by it at from are be has have this an "
        "said not but or its were will which their they he she who"
    ),
    "fr": _words(
        "le la les des du de et un une est que qui dans pour pas sur au aux par avec ce "
        "il elle sont ont été"
    ),
    "de": _words(
        "der die das und ist nicht ein eine zu den mit von dem sich des auf für im auch "
        "es sie wird wurde"
    ),
    "es": _words(
        "el la los las de y que en un una es por con para del se no al lo como más pero su sus fue"
    ),
    "it": _words("il la le di e che un una è per non con del della dei gli sono da si nel alla"),
    "pt": _words("o a os as de e que em um uma é para com não do da dos das se por mais foi"),
    "nl": _words("de het een en van in is dat op te zijn voor met niet die er aan ook"),
}
_SCRIPTS = (
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)


# The longest article accepted: a hundred times a long feature. Beyond it the input is a dump
# or a book, and reading it would take minutes.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Article:
    """A read article: metadata as the page states it and the clean body text.

    ``published`` is the original publication date; ``updated`` the latest update stamp, kept
    apart so it is never mistaken for the former. ``wire`` is the news agency credited in a
    dateline ("Reuters"), ``dateline`` the day that dateline states, if it states one.
    ``segments`` maps the body back to the input (plain text only).
    """

    title: str | None
    publisher: str | None
    published: date | None
    updated: date | None
    author: str | None
    text: str
    language: str | None = None
    url: str | None = None
    wire: str | None = None
    dateline: date | None = None
    segments: tuple[tuple[int, int, int], ...] = field(default=(), repr=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Offsets in the input of ``text[start:end]``, when the span lies in one kept line."""
        if not self.segments:
            return None
        starts = [segment[0] for segment in self.segments]
        index = bisect_right(starts, start) - 1
        if index < 0:
            return None
        clean_start, raw_start, length = self.segments[index]
        if end > clean_start + length:
            return None
        return raw_start + start - clean_start, raw_start + end - clean_start


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    text: str
    kind: str  # blank | prose | heading | inline | boundary | meta


def read_article(raw: str, *, content_type: str = "text/plain", url: str | None = None) -> Article:
    """Read a pasted page, a text file or an HTML document into an ``Article``.

    ``content_type`` "text/html" (or markup that starts like HTML) goes through trafilatura and
    htmldate; anything else is treated as text copied from a page, chrome and all.
    """
    # Markup is needed too: htmldate would fetch a bare string that looks like a URL.
    if _looks_like_html(raw, content_type) and "<" in raw[:20000]:
        return _read_html(raw, url=url)
    return _read_text(raw, url=url)


def text_problem(text: str) -> str | None:
    """Why a text cannot be read as an article, in words a user understands, or None."""
    if not text or not text.strip():
        return "The text is empty."
    if len(text) > MAX_ARTICLE_CHARS:
        return (
            f"The text has {len(text):,} characters; one article may have at most "
            f"{MAX_ARTICLE_CHARS:,}. Split it into its articles."
        )
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    replacement = sample.count("\ufffd")
    if (controls + replacement) > max(3, len(sample) // 100):
        return "The text looks like binary data, not an article (control characters found)."
    if not _WORD.search(sample):
        return "The text has no words."
    return None


def detect_language(text: str) -> str | None:
    """A two-letter language code from the script and common words, or None if unsure."""
    sample = text[:20000]
    letters = sum(1 for ch in sample if ch.isalpha())
    if not letters:
        return None
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) > letters * 0.3:
            return code
    words = [word.casefold() for word in _WORD.findall(sample)]
    if len(words) < 8:
        return None
    scores = {
        code: sum(1 for word in words if word in stopwords) / len(words)
        for code, stopwords in _LANGUAGE_STOPWORDS.items()
    }
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 0.08 else None


# Plain text --------------------------------------------------------------------------------


def _read_text(raw: str, *, url: str | None) -> Article:
    lines = _classify(raw)
    body = _body_lines(lines)
    body = body + _cut_last_sentence(lines, body)
    title = _find_title(lines, body)
    if title and body and body[0].text.strip() == title:
        body = body[1:]
    text, segments = _join(body)
    published, updated = _find_dates(lines, body)
    wire, dateline_date = _find_dateline(body)
    dateline = None
    if dateline_date is not None:
        dateline = _complete_dateline(dateline_date, lines, updated)
        published = published or dateline
    publisher = _find_publisher(lines, title)
    if wire and publisher and wire.casefold() not in publisher.casefold():
        publisher = f"{publisher} ({wire})"
    elif wire and not publisher:
        publisher = wire
    if title and publisher:
        title = _strip_site_suffix(title, publisher)
    return Article(
        title=title,
        publisher=publisher,
        published=published,
        updated=updated,
        author=_find_author(lines),
        text=text,
        language=detect_language(text or raw),
        url=url,
        wire=wire,
        dateline=dateline,
        segments=segments,
    )


def _classify(raw: str) -> list[_Line]:
    """Split into lines (offsets into ``raw``) and give each a kind."""
    lines = []
    position = 0
    for piece in raw.splitlines(keepends=True):
        content = piece.rstrip("\r\n")
        stripped = content.strip()
        lead = len(content) - len(content.lstrip())
        stamp = _leading_stamp(stripped)
        if stamp:
            # "date 2024-03-21 Attorney General ... said on Thursday ...": the stamp is page
            # metadata, the rest of the line is the article's first paragraph.
            rest = stripped[stamp:].lstrip()
            lines.append(_Line(position + lead, stripped[:stamp].rstrip(), "meta"))
            lead += len(stripped) - len(rest)
            stripped = rest
        lines.append(_Line(position + lead, stripped, _kind(stripped)))
        position += len(piece)
    return _announced_lists(lines)


# A line of prose that announces a list: "The company faced three charges:" (not "Read more
# from our reporters:", "See also:", which announce links).
_ANNOUNCES_LIST = re.compile(
    r"^(?!(?i:read|see|more|also|related|watch|explore|follow|share|listen|click|get|sign|"
    r"subscribe|download|join|recommended|trending|latest|popular|top)\b)"
    r"[A-Z][^:]*\b[a-z]{2,}\b[^:]*:$"
)


def _announced_lists(lines: list[_Line]) -> list[_Line]:
    """Bullets that list what the line before them announces ("It faced three charges:") are
    part of the story, not a menu: they do not end its run of prose."""
    announced = False
    for number, line in enumerate(lines):
        if line.kind == "blank":
            continue
        bullet = _BULLET.match(line.text) is not None
        if announced and bullet and line.kind == "boundary":
            lines[number] = _Line(line.start, line.text, "inline")
            continue
        announced = (
            not bullet
            and len(_WORD.findall(line.text)) >= 4
            and _ANNOUNCES_LIST.match(line.text) is not None
            and not _ADDRESSES_READER.search(line.text)
            and not _SECTION_MARKER.match(line.text.rstrip(":").strip())
        )
    return lines


def _leading_stamp(line: str) -> int:
    """The length of a publication stamp that starts a line of prose, or 0."""
    label = _PUBLISHED_LABEL.match(line)
    if not label:
        return 0
    stamp = _STAMP_DATE.match(line, label.end())
    if not stamp:
        return 0
    rest = line[stamp.end() :].strip()
    # The first paragraph may open with its wire's credit: "(Agency) The ministry said ...".
    if len(_WORD.findall(rest)) < 6 or not rest.lstrip("(")[:1].isupper():
        return 0
    return stamp.end()


def _kind(line: str) -> str:
    if not line:
        return "blank"
    plain = _BULLET.sub("", line).strip()
    words = _WORD.findall(plain)
    if _STAMP_DATE.search(plain) and any(
        _PUBLISHED_LABEL.match(part) for part in _STAMP_PARTS.split(plain)
    ):
        return "meta"  # "Source: Global Times    Published: Oct 15, 2025 11:48 PM"
    if _UPDATED_LABEL.match(plain) or _PUBLISHED_BY.match(plain) or _CREDITS.match(plain):
        return "meta"
    if _BYLINE.match(plain) and len(words) <= 20 and not plain.endswith("."):
        return "meta"
    if _only_a_stamp(plain):
        return "meta"
    if _INLINE_CHROME.match(plain):
        return "inline"
    if _SECTION_MARKER.match(plain.rstrip(":").strip()) and len(words) <= 12:
        return "boundary"
    if len(words) <= 40 and _BOILERPLATE.search(plain) and not _news_about_policies(plain, words):
        return "boundary"
    if _BREADCRUMB.search(plain) and not _ENDS_LIKE_SENTENCE.search(plain) and len(words) <= 30:
        return "boundary"
    if len(_GLUED_MENU.findall(plain)) >= 3 and " " not in plain.strip()[:30]:
        return "boundary"
    if line != plain and not _ENDS_LIKE_SENTENCE.search(plain):
        return "boundary"  # a bullet without a sentence: a menu or a list of links
    if len(words) >= 5 and _ENDS_LIKE_SENTENCE.search(plain):
        return "prose"
    if len(words) >= 25:
        return "prose"
    if not words:
        return "inline"
    return "heading"


# Words that are chrome in a banner ("We use cookies ...", "our privacy policy") and news in a
# report ("WhatsApp informed users about updates to its privacy policy").
_POLICY_TERMS = re.compile(
    r"\b(?:privacy policy|terms (?:of|and) (?:use|service|conditions)|cookies?|subscription|"
    r"newsletters?)\b",
    re.IGNORECASE,
)
_ADDRESSES_READER = re.compile(r"\b(?:you|your|our|we|us)\b", re.IGNORECASE)


def _news_about_policies(line: str, words: list[str]) -> bool:
    """A sentence of news that mentions a privacy policy or cookies, not a banner."""
    rest = _POLICY_TERMS.sub("", line)
    return (
        len(words) >= 15
        and bool(_ENDS_LIKE_SENTENCE.search(line))
        and not _BOILERPLATE.search(rest)
        and not _ADDRESSES_READER.search(line)
    )


def _only_a_stamp(line: str) -> bool:
    """A line that is just a date, perhaps with a weekday and a time ("Mar 18, 2025 09:16 PM"),
    or a press release's date line ("Friday, April 25, 2025:")."""
    line = line.removesuffix(":")
    match = _STAMP_DATE.search(line)
    if not match:
        return False
    rest = (line[: match.start()] + " " + line[match.end() :]).casefold()
    rest = re.sub(
        r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\d{1,2}[:.]\d{2}(?::\d{2})?|\b[ap]\.?m\b\.?|"
        r"\b(?:utc|gmt|[a-z]{1,2}[sd]t|bjt|cet|cest|ist|jst|et|pt|at)\b|[+-]\d{1,2}(?::?\d{2})?|"
        r"[,|·•()\s-]",
        "",
        rest,
    )
    return not rest


def _body_lines(lines: list[_Line]) -> list[_Line]:
    """The densest run of prose, with its subheadings, minus inline chrome.

    A run ends at a boundary line (metadata, a section marker, boilerplate, a menu) or at three
    headline-like lines in a row (a list of other articles' headlines).
    """
    runs: list[list[_Line]] = []
    # The lines that ended each run: one paywall line or an embedded post between two parts of
    # an article does not end the article.
    ends: list[list[_Line]] = []
    current: list[_Line] = []
    headings_in_a_row = 0
    for line in lines:
        if line.kind in {"boundary", "meta"}:
            if not current and ends:
                ends[-1].append(line)
                continue
            runs.append(current)
            ends.append([line])
            current, headings_in_a_row = [], 0
            continue
        if line.kind in {"blank", "inline"}:
            continue
        if line.kind == "heading":
            headings_in_a_row += 1
            if headings_in_a_row >= 3:
                if headings_in_a_row == 3:
                    # A stack of headings ends a run as a chrome line does, but joins nothing.
                    runs.append(_trim_trailing_headings(current))
                    ends.append([])
                    current = []
                continue
        else:
            headings_in_a_row = 0
        current.append(line)
    runs.append(current)
    ends.append([])
    index = max(range(len(runs)), key=lambda i: _prose_weight(runs[i]), default=0)
    best = runs[index] if runs else []
    # A neighbouring run joined by a single chrome line ("Sign up to read on", an embedded
    # post) continues the article when it is prose of its own.
    if index > 0 and _continues(runs[index - 1], ends[index - 1]):
        best = _trim_headings(runs[index - 1]) + best
    if index + 1 < len(runs) and _continues(runs[index + 1], ends[index]):
        best = best + _trim_headings(runs[index + 1])
    best = _trim_headings(best)
    return best if _prose_weight(best) else []


def _trim_headings(run: list[_Line]) -> list[_Line]:
    run = _trim_trailing_headings(run)
    while run and run[0].kind == "heading":
        run = run[1:]
    return run


def _continues(run: list[_Line], separator: list[_Line]) -> bool:
    """A run that is more of the same article across one chrome line."""
    if len(separator) != 1 or separator[0].kind != "boundary":
        return False
    if _SECTION_MARKER.match(separator[0].text.rstrip(":").strip()):
        return False  # "Related", "More from World": other articles follow
    prose = [line for line in run if line.kind == "prose"]
    long_lines = [line for line in prose if len(_WORD.findall(line.text)) >= 15]
    return len(long_lines) >= 2 or any(len(_WORD.findall(line.text)) >= 20 for line in prose)


def _trim_trailing_headings(run: list[_Line]) -> list[_Line]:
    while run and run[-1].kind == "heading":
        run = run[:-1]
    return run


# A sentence in sentence case: a capital (or a quotation mark) first, mostly small words after.
_SENTENCE_START = re.compile(r"[\"“‘']?[A-Z]")


def _cut_last_sentence(lines: list[_Line], body: list[_Line]) -> list[_Line]:
    """The page's last line when it is the body's next sentence cut off by the copy ("Officials
    said last month that the agency had"): nothing follows it, the body's last line ends a
    sentence, and it opens like one and runs on in small words, as no heading does."""
    if not body:
        return []
    rest = [line for line in lines if line.start > body[-1].start and line.kind != "blank"]
    if len(rest) != 1 or rest[0].kind != "heading":
        return []
    line = rest[0]
    words = _WORD.findall(line.text)
    small = [word for word in words[1:] if word[:1].islower()]
    if (
        len(words) < 6
        or not _SENTENCE_START.match(line.text)
        or len(small) < 0.6 * (len(words) - 1)
        or not _ENDS_LIKE_SENTENCE.search(body[-1].text)
    ):
        return []
    return [_Line(line.start, line.text, "prose")]


def _prose_weight(run: list[_Line]) -> int:
    return sum(len(line.text) for line in run if line.kind == "prose")


def _join(body: list[_Line]) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    parts, segments, position = [], [], 0
    for line in body:
        text = line.text
        if parts:
            position += 2
        segments.append((position, line.start, len(text)))
        parts.append(text)
        position += len(text)
    return "\n\n".join(parts), tuple(segments)


def _find_title(lines: list[_Line], body: list[_Line]) -> str | None:
    """The headline: a line the page repeats (page title and heading), else the heading above
    the byline or date, else the first heading-like line."""
    body_start = body[0].start if body else len(lines) and lines[-1].start + 1
    head = [line for line in lines if line.start < body_start and line.kind != "blank"]
    counts: dict[str, int] = {}
    for line in head:
        for candidate in _title_forms(line):
            counts[candidate] = counts.get(candidate, 0) + 1
    repeated = [
        line
        for line in head
        if line.kind in {"heading", "prose"}
        and counts.get(line.text, 0) >= 2
        and len(_WORD.findall(line.text)) >= 3
    ]
    if repeated:
        # The most repeated; among equals, the one nearest the body.
        return max(reversed(repeated), key=lambda line: counts[line.text]).text
    for index, line in enumerate(head):
        if line.kind == "meta":
            before = [
                earlier
                for earlier in head[:index]
                if earlier.kind == "heading" and len(_WORD.findall(earlier.text)) >= 3
            ]
            if before:
                return before[-1].text
    headings = [line for line in head if line.kind == "heading"]
    if headings and len(_WORD.findall(headings[-1].text)) >= 3:
        return headings[-1].text
    first = next((line for line in lines if line.kind != "blank"), None)
    if first is not None and first.kind == "heading" and len(_WORD.findall(first.text)) >= 3:
        return first.text
    return None


def _title_forms(line: _Line) -> list[str]:
    """The line itself, and the last crumb of a breadcrumb ("Home > News > Headline")."""
    forms = [line.text]
    parts = re.split(r"\s[>/›»|]\s", line.text)
    if len(parts) > 1:
        forms.extend({parts[0].strip(), parts[-1].strip()})
    return forms


def _strip_site_suffix(title: str, publisher: str) -> str:
    for separator in (" | ", " - ", " – ", " — ", " :: "):
        head, found, tail = title.rpartition(separator)
        if found and head and tail.strip().casefold() in publisher.casefold():
            return head.strip()
    return title


def _parse_stamp(text: str, *, day_first: bool = False) -> date | None:
    """The first date stamp in ``text``; an ambiguous numeric one ("03/04/2025") is read
    month first unless ``day_first`` (a dotted one, "05.03.2026", is always day first)."""
    match = _STAMP_DATE.search(text)
    if not match:
        return None
    groups = match.groupdict()
    try:
        if groups["y1"]:
            return date(int(groups["y1"]), MONTHS[groups["m1"].casefold()], int(groups["d1"]))
        if groups["y2"]:
            return date(int(groups["y2"]), MONTHS[groups["m2"].casefold()], int(groups["d2"]))
        if groups["y3"]:
            return date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        if groups["y4"]:
            return date(int(groups["y4"]), int(groups["m4"]), int(groups["d4"]))
        first, second, year = int(groups["a5"]), int(groups["b5"]), int(groups["y5"])
        if first > 12 or (second <= 12 and (day_first or groups["sep5"] == ".")):
            return date(year, second, first)
        return date(year, first, second)
    except ValueError:
        return None


def _find_dates(lines: list[_Line], body: list[_Line]) -> tuple[date | None, date | None]:
    """Publication and update stamps from the lines outside the body."""
    body_ids = {id(line) for line in body}
    day_first = any(_DAY_FIRST_CUES.search(line.text) for line in lines)
    labelled: date | None = None
    bare: date | None = None
    updated: date | None = None
    for line in lines:
        if id(line) in body_ids or line.kind not in {"meta", "heading", "inline", "boundary"}:
            continue
        for part in _STAMP_PARTS.split(line.text):
            part = _BULLET.sub("", part).strip()
            if _UPDATED_LABEL.match(part):
                stamp = _parse_stamp(part, day_first=day_first)
                if stamp and (updated is None or stamp > updated):
                    updated = stamp
            elif _PUBLISHED_LABEL.match(part):
                stamp = _parse_stamp(part, day_first=day_first)
                if stamp and labelled is None:
                    labelled = stamp
            elif _only_a_stamp(part) and bare is None or _BYLINE.match(part) and bare is None:
                bare = _parse_stamp(part, day_first=day_first)
    return labelled or bare, updated


def _find_dateline(body: list[_Line]) -> tuple[str | None, tuple[int, int, int | None] | None]:
    """The wire credited and the (month, day, year) of a dateline at the start of the body."""
    for line in body[:3]:
        match = _DATELINE.match(line.text)
        if match:
            wire = WIRE_SERVICES[match["wire"].casefold()]
            if match["month"]:
                month = MONTHS[match["month"].casefold()]
                year = int(match["year"]) if match["year"] else None
                return wire, (month, int(match["day"]), year)
            return wire, None
    return None, None


def _complete_dateline(
    parts: tuple[int, int, int | None], lines: list[_Line], updated: date | None
) -> date | None:
    """A dateline's day; its year is written, or taken from another stamp on the page."""
    month, day, year = parts
    reference = updated
    if year is None:
        if reference is None:
            stamps = [_parse_stamp(line.text) for line in lines if _STAMP_DATE.search(line.text)]
            known = [stamp for stamp in stamps if stamp is not None]
            reference = max(known) if known else None
        if reference is None:
            return None
        year = reference.year
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if reference is not None and found > reference and parts[2] is None:
        try:
            found = date(year - 1, month, day)
        except ValueError:
            return None
    return found


def _clean_name(name: str) -> str:
    name = re.sub(r"[®™℠]", "", name)
    name = re.sub(r"\s+", " ", name).strip(" .,-–—:;|")
    return name


def _find_publisher(lines: list[_Line], title: str | None) -> str | None:
    """The outlet, from "Published by X", "Publisher: X", "newsletters from X", a
    "Headline | Outlet" page title, or a copyright line, in that order of trust."""
    texts = [line.text for line in lines if line.text]
    for text in texts:
        plain = _BULLET.sub("", text).strip()
        match = _PUBLISHED_BY.match(plain) or _PUBLISHER_LABEL.match(plain)
        if match:
            name = _clean_name(match["name"])
            if name and not _STAMP_DATE.search(name):
                return name
    for text in texts:
        if len(_WORD.findall(text)) <= 40:
            match = _NEWSLETTER_FROM.search(text)
            if match:
                return _clean_name(match["name"])
    if title:
        # "Headline | Outlet" as the browser tab showed it, next to the bare headline.
        for text in texts:
            for separator in (" | ", " - ", " – ", " — "):
                head, found, tail = text.rpartition(separator)
                if found and head.strip() == title and 1 <= len(_WORD.findall(tail)) <= 5:
                    return _clean_name(tail)
    for text in texts:
        if len(_WORD.findall(text)) <= 40:
            match = _COPYRIGHT_HOLDER.search(text)
            if match and match["name"].casefold() not in {"all", "copyright"}:
                name = re.sub(r"\s+All(?:\s.*)?$", "", match["name"], flags=re.IGNORECASE)
                name = _clean_name(name)
                if name:
                    return name
    return None


def _find_author(lines: list[_Line]) -> str | None:
    for line in lines:
        if line.kind != "meta":
            continue
        match = _BYLINE.match(_BULLET.sub("", line.text).strip())
        if match:
            names = _STAMP_DATE.split(match["names"])[0]
            names = re.split(r"\s*[|·•]\s*", names)[0]
            return names.strip(" ,;-–—") or None
    return None


# HTML ----------------------------------------------------------------------------------------


def _looks_like_html(raw: str, content_type: str) -> bool:
    if "html" in content_type.casefold():
        return True
    head = raw.lstrip()[:1000].casefold()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in raw[:20000])


def _read_html(raw: str, *, url: str | None) -> Article:
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(
        raw,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    body = (document.text if document is not None else "") or ""
    # The markup is passed as a string, so htmldate never fetches anything.
    published = _iso(htmldate.find_date(raw, original_date=True, extensive_search=True, url=url))
    latest = _iso(htmldate.find_date(raw, original_date=False, extensive_search=True, url=url))
    lines = [line for line in _classify(body) if line.kind not in {"inline", "boundary"}]
    kept = [line for line in lines if line.kind in {"prose", "heading"}]
    title = _clean_name(document.title) if document is not None and document.title else None
    if title and kept and kept[0].text == title:
        kept = kept[1:]
    text, _ = _join(kept)
    wire, _ = _find_dateline(kept)
    publisher = document.sitename if document is not None else None
    publisher = _clean_name(publisher) if publisher else wire
    if wire and publisher and wire.casefold() not in publisher.casefold():
        publisher = f"{publisher} ({wire})"
    return Article(
        title=title,
        publisher=publisher or None,
        published=published,
        updated=latest if latest and published and latest > published else None,
        author=(document.author or None) if document is not None else None,
        text=text,
        language=detect_language(text),
        url=url or (document.url if document is not None else None),
        wire=wire,
    )


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
