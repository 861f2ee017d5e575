"""Reading the article links out of what a watch polls: a feed, a news sitemap or a section page.

Plain Python, no Django: bytes in, a list of ``ListedArticle`` out, or ``ListingError`` with a
sentence for the editor. Each list holds an article once (by canonical URL and by feed id), in the
listing's order, and at most ``limit`` of them, so a feed of 10,000 items costs one bounded parse.

A gzipped listing (``news.xml.gz``) is unpacked first, never to more than ``max_bytes``: the
fetcher's size limit bounds the packed bytes, and a gzip bomb (kilobytes that unpack to
gigabytes) must be refused before it fills the memory. A sitemap index raises ``SitemapIndex``
with its child sitemaps, newest first, for the caller to fetch under its own rules.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
from lxml import etree

from timeline.ingest import IngestError, describe_size
from timeline.ingest.clean import canonical_url, decode

FEED = "feed"
SITEMAP = "sitemap"
SECTION = "section"
# The types a listing may be served as: feeds and sitemaps as any XML, section pages as HTML.
# HTML is accepted for every kind so that "this is a web page, not a feed" can be said in words.
LISTING_CONTENT_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        # A packed sitemap (news.xml.gz): servers name it by its packing, or by nothing at all.
        "application/gzip",
        "application/x-gzip",
        "application/octet-stream",
    }
)
GZIP_MAGIC = b"\x1f\x8b"
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# A link on a section page is taken for an article when its path ends in a long slug with
# hyphens ("/world/ministry-limits-chip-exports") or carries a number of four or more digits
# ("/2025/03/12/..." or "/news/123456"); navigation ("/world", "/about") does neither.
_SLUG = re.compile(r"[^/]*-[^/]*-[^/]{3,}/?$")
_NUMBER = re.compile(r"\d{4,}")


class ListingError(IngestError):
    """A listing that could not be read; the message says why in plain words."""


class SitemapIndex(ListingError):
    """The listing is a sitemap index: ``sitemaps`` are its child sitemaps' addresses, newest
    first by their stated ``lastmod`` (undated ones last, in the index's order)."""

    def __init__(self, message: str, *, sitemaps: list[str]) -> None:
        super().__init__(message)
        self.sitemaps = sitemaps


@dataclass(frozen=True, slots=True)
class ListedArticle:
    """One article link in a listing, with what the listing says about it."""

    url: str
    guid: str = ""
    title: str = ""
    published: date | None = None


def parse_listing(
    kind: str,
    content: bytes,
    *,
    url: str,
    content_type: str = "",
    charset: str | None = None,
    limit: int = 1000,
    max_bytes: int = 5 * 1024 * 1024,
) -> list[ListedArticle]:
    """The articles listed in ``content`` fetched from ``url``, at most ``limit`` of them.

    ``max_bytes`` bounds a gzipped listing once unpacked. Raises ``SitemapIndex`` for an index.
    """
    content = unpack(content, max_bytes=max_bytes)
    if kind == FEED:
        found = _feed_articles(content, url=url)
    elif kind == SITEMAP:
        found = _sitemap_articles(content)
    elif kind == SECTION:
        found = _section_articles(content, url=url, content_type=content_type, charset=charset)
    else:
        raise ValueError(f"unknown listing kind {kind!r}")
    return unique_articles(found, limit=limit)


def unique_articles(found: Iterable[ListedArticle], *, limit: int) -> list[ListedArticle]:
    """Each article once (the first of those sharing a canonical URL or a feed id), at most
    ``limit``; links that are not http(s) addresses are dropped."""
    articles: list[ListedArticle] = []
    urls: set[str] = set()
    guids: set[str] = set()
    for article in found:
        url = canonical_url(article.url)
        if not url or url in urls or (article.guid and article.guid in guids):
            continue
        urls.add(url)
        if article.guid:
            guids.add(article.guid)
        articles.append(
            ListedArticle(url[:2000], article.guid[:2000], article.title[:500], article.published)
        )
        if len(articles) >= limit:
            break
    return articles


def unpack(content: bytes, *, max_bytes: int) -> bytes:
    """``content`` unpacked if it is gzip, else as it is; ListingError if it unpacks to more than
    ``max_bytes`` (unpacking stops there) or is damaged."""
    if not content.startswith(GZIP_MAGIC):
        return content
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        unpacked = unpacker.decompress(content, max_bytes + 1)
    except zlib.error:
        raise ListingError(
            "The packed (gzip) listing is damaged and could not be unpacked."
        ) from None
    if len(unpacked) > max_bytes:
        raise ListingError(
            f"The packed (gzip) listing unpacks to more than {describe_size(max_bytes)}, the most "
            "a listing may be; it was refused unread."
        )
    if not unpacker.eof:
        raise ListingError("The packed (gzip) listing is cut short and could not be unpacked.")
    return unpacked


def _feed_articles(content: bytes, *, url: str) -> Iterator[ListedArticle]:
    # A file object, never a string: feedparser fetches a string that looks like a URL itself.
    parsed = feedparser.parse(io.BytesIO(content), response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        if _looks_like_html(content):
            raise ListingError(_html_instead_of_feed(content, url))
        raise ListingError(
            "The address did not return a feed: it is not RSS or Atom (the XML could not be read)."
        )
    for entry in parsed.entries:
        link = entry.get("link") or ""
        guid = entry.get("id") or ""
        if not link and guid.startswith(("http://", "https://")):
            link = guid
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*stamp[:3]) if stamp else None
        yield ListedArticle(urljoin(url, link), guid, entry.get("title") or "", published)


def _looks_like_html(content: bytes) -> bool:
    head = content[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _html_instead_of_feed(content: bytes, url: str) -> str:
    message = (
        "The address returned a web page, not a feed. Choose the kind “section page” to follow "
        "its article links"
    )
    try:
        page = lxml.html.fromstring(content)
    except (etree.ParserError, ValueError):
        return message + "."
    for link in page.iterfind(".//link[@rel='alternate']"):
        if any(kind in (link.get("type") or "") for kind in ("rss", "atom")) and link.get("href"):
            return message + f", or watch the feed the page names: {urljoin(url, link.get('href'))}"
    return message + "."


def _sitemap_articles(content: bytes) -> Iterator[ListedArticle]:
    # A sitemap never needs a document type; refusing one rules out entity expansion attacks
    # (the size is already bounded by the fetch).
    if b"<!DOCTYPE" in content[:4096].upper() or b"<!ENTITY" in content.upper():
        raise ListingError("The sitemap declares a document type, which sitemaps never need.")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        if _looks_like_html(content):
            raise ListingError(
                "The address returned a web page, not a sitemap. Choose the kind “section page” "
                "to follow its article links."
            ) from None
        raise ListingError(
            "The address did not return a sitemap (the XML could not be read)."
        ) from None
    if _local(root.tag) == "sitemapindex":
        sitemaps = _newest_first(
            (_text(node, "loc"), _text(node, "lastmod"))
            for node in root
            if _local(node.tag) == "sitemap"
        )
        raise SitemapIndex(
            "The address is a sitemap index, a list of sitemaps"
            + (f", e.g. {sitemaps[0]}" if sitemaps else ", and it lists none")
            + ".",
            sitemaps=sitemaps,
        )
    if _local(root.tag) != "urlset":
        raise ListingError("The address did not return a sitemap (no <urlset> in it).")
    for node in root:
        if _local(node.tag) != "url" or not (loc := _text(node, "loc")):
            continue
        stated = _text(node, "publication_date") or _text(node, "lastmod")
        match = _DATE.match(stated)
        published = None
        if match:
            try:
                published = date(*(int(part) for part in match.groups()))
            except ValueError:
                published = None
        yield ListedArticle(loc, "", _text(node, "title"), published)


def _newest_first(sitemaps: Iterable[tuple[str, str]]) -> list[str]:
    """The addresses of ``(loc, lastmod)`` pairs, each once, newest ``lastmod`` first."""
    stamped: dict[str, datetime | None] = {}
    for loc, lastmod in sitemaps:
        if loc and loc not in stamped:
            stamped[loc] = _timestamp(lastmod)
    oldest = datetime.min.replace(tzinfo=UTC)
    # sorted() is stable: undated sitemaps stay in the index's order, after the dated ones.
    return sorted(stamped, key=lambda loc: stamped[loc] or oldest, reverse=True)


def _timestamp(text: str) -> datetime | None:
    """A W3C datetime ("2025-03-12", "2025-03-12T08:00:00+01:00") as an aware datetime."""
    try:
        stamp = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(node: ElementTree.Element, name: str) -> str:
    """The text of the first descendant of ``node`` called ``name`` in any namespace."""
    for child in node.iter():
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _section_articles(
    content: bytes, *, url: str, content_type: str, charset: str | None
) -> Iterator[ListedArticle]:
    html = decode(content, declared_charset=charset, content_type=content_type or "text/html")
    try:
        page = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        raise ListingError("The section page could not be read as HTML.") from None
    section = urlsplit(url)
    for anchor in page.iterfind(".//a[@href]"):
        link = urljoin(url, anchor.get("href", "").strip())
        parts = urlsplit(link)
        if parts.scheme not in {"http", "https"} or parts.hostname != section.hostname:
            continue
        path = parts.path
        if path.rstrip("/") == section.path.rstrip("/"):
            continue
        if _SLUG.search(path) or _NUMBER.search(path):
            title = " ".join(anchor.text_content().split())
            yield ListedArticle(link.split("#", 1)[0], "", title, None)
