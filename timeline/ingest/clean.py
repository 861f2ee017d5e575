"""From what an editor hands us (bytes of a file or a page, or pasted text) to an ``Article``.

Decoding (``timeline.ingest.decoding``) follows what the input declares first (a byte-order
mark, the HTTP or upload charset, an HTML ``<meta charset>``), then UTF-8, UTF-16 without a
byte-order mark, Windows-1252 or a detected encoding, and refuses with a message when none of
them reads the bytes cleanly. Binary files (PDF, Word, images, anything with NUL bytes)
are refused by name. Reading the article itself (body, title, publisher, publication date) is
``timeline.extraction.text.read_article``.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from timeline.extraction.text import Article, read_article, text_problem
from timeline.ingest import IngestError
from timeline.ingest.decoding import decode_text

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
ACCEPTED_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# Query parameters that only track where a reader came from; the same article has many of them.
_TRACKING_PARAMETER = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|smid|taid)$",
    re.IGNORECASE,
)


def content_type_for(filename: str) -> str:
    """The content type an uploaded file is read as, from its name; IngestError if unsupported."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "text/html"
    if suffix in TEXT_SUFFIXES:
        return "text/plain"
    raise IngestError(
        "Only .txt and .html files can be read" + (f", not {suffix} files." if suffix else ".")
    )


def decode(data: bytes, *, declared_charset: str | None = None, content_type: str) -> str:
    """Bytes of a text or HTML document as text, or IngestError saying why they are not."""
    if not data.strip():
        raise IngestError("The file is empty.")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise IngestError(
                f"This is {kind}, not text or HTML; copy the article's text and paste it instead."
            )
    declared = (declared_charset, _html_meta_charset(data, content_type))
    if (text := decode_text(data, declared=declared)) is not None:
        return text
    if b"\x00" in data[:8192]:
        raise IngestError(
            "This is a binary file, not text or HTML; copy the article's text and paste it instead."
        )
    return _refuse_encoding()


def read_text(raw: str, *, content_type: str, url: str | None = None) -> Article:
    """The article in ``raw`` (pasted text, a text file or HTML), or IngestError."""
    if problem := text_problem(raw):
        raise IngestError(problem)
    article = read_article(raw, content_type=content_type, url=url or None)
    if not article.text.strip():
        raise IngestError(
            "No article text was found: the input looks like page navigation or a list of "
            "links rather than an article."
        )
    return article


def canonical_url(url: str) -> str:
    """The form of an article URL under which two links to it are the same.

    Lower-case scheme and host, no default port, no fragment, no tracking parameters
    (``utm_source`` and the like); the path and other parameters are kept as they are, since
    they can name different articles. Anything but an absolute http(s) URL gives "".
    """
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in {"http", "https"} or not host:
        return ""  # never store (and later link) a javascript:, data: or relative address
    if ":" in host:
        host = f"[{host}]"
    if port is not None and (scheme, port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMETER.match(key)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def _html_meta_charset(data: bytes, content_type: str) -> str | None:
    if "html" not in content_type:
        return None
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _refuse_encoding() -> str:
    raise IngestError(
        "The file is not UTF-8 and its character encoding could not be recognised; "
        "save it as UTF-8 text and try again."
    )
