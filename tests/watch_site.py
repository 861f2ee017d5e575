"""A local web site for watch tests: feeds, sitemaps and articles served from 127.0.0.1.

Every page is made up for the tests (no real article text). The site records each request with
its headers and the time on a fake clock, so the per-host gap can be checked without sleeping.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

import pytest

from tests.conftest import QuietServer
from timeline.ingest.watch import Politeness

COUNTRIES = ("Freedonia", "Sylvania", "Ruritania", "Latveria", "Genovia", "Elbonia", "Zubrowka")
PRODUCTS = ("memory chips", "solar panels", "rare earth magnets", "drone parts", "fertiliser")


class FakeClock:
    """Monotonic seconds that move only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@dataclass
class Page:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    etag: str = ""
    last_modified: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    """The pages of the test site by path, and the requests it received."""

    def __init__(self, base: str, clock: FakeClock) -> None:
        self.base, self.clock = base, clock
        self.pages: dict[str, Page] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]

    def add_article(self, path: str, number: int = 0, **options: str) -> str:
        self.pages[path] = Page(body=article_html(number, **options).encode())
        return self.url(path)


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        site: Site = self.server.site
        with site.lock:
            site.requests.append(Request(self.path, dict(self.headers), site.clock.now))
        page = site.pages.get(self.path) or Page(404, b"not found", "text/plain")
        if page.delay:
            time.sleep(page.delay)
        if (page.etag and self.headers.get("If-None-Match") == page.etag) or (
            page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified
        ):
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(page.status)
        if page.content_type:
            self.send_header("Content-Type", page.content_type)
        if page.etag:
            self.send_header("ETag", page.etag)
        if page.last_modified:
            self.send_header("Last-Modified", page.last_modified)
        for name, value in page.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the fetcher may hang up early (time limit)
            self.wfile.write(page.body)


@pytest.fixture(name="fake_clock")
def fake_clock_fixture() -> FakeClock:
    return FakeClock()


@pytest.fixture(name="politeness")
def politeness_fixture(fake_clock: FakeClock) -> Politeness:
    """The per-host manners of one worker, on the fake clock."""
    return Politeness(clock=fake_clock.time, sleep=fake_clock.sleep)


@pytest.fixture(name="site")
def site_fixture(guarded_connections, fake_clock, settings):
    """A fresh local site; the fetcher may reach it (and only it)."""
    settings.INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    server = QuietServer(("127.0.0.1", 0), SiteHandler)
    host, port = server.server_address[:2]
    server.site = Site(f"http://{host}:{port}", fake_clock)
    guarded_connections.allow((host, port))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()


def article_html(
    number: int = 0, *, published: str = "2025-03-12", extra: str = "", title: str = ""
) -> str:
    """An article page with one dated policy event; ``number`` varies its actors and text."""
    country = COUNTRIES[number % len(COUNTRIES)]
    product = PRODUCTS[number // len(COUNTRIES) % len(PRODUCTS)]
    title = title or f"{country} limits exports of {product} ({number})"
    meta = f"<meta property='article:published_time' content='{published}T09:00:00Z'>"
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title>{meta if published else ''}</head><body><article>"
        f"<h1>{escape(title)}</h1>"
        f"<p>The Ministry of Commerce of {country} said on Monday that it would restrict "
        f"exports of {product} to three neighbouring countries, citing national security. "
        f"The rule is number {number} in a series of measures announced this year.</p>"
        "<p>Officials said the measure follows months of talks with industry groups, who had "
        "asked for more time to adjust their supply chains before any rule took effect.</p>"
        f"<p>{escape(extra)}</p></article></body></html>"
    )


def rss(items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed of ``items`` (keys: link, guid, title, date as an RFC 822 string)."""
    parts = [
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire</title>"
    ]
    for item in items:
        parts.append("<item>")
        for key, tag in (
            ("title", "title"),
            ("link", "link"),
            ("guid", "guid"),
            ("date", "pubDate"),
        ):
            if item.get(key):
                parts.append(f"<{tag}>{escape(item[key])}</{tag}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(tzinfo=UTC))


def sitemap(links: list[str], *, day: str = "2025-03-12") -> bytes:
    """A news sitemap (``<urlset>``) of ``links``, each published on ``day``."""
    urls = "".join(
        f"<url><loc>{escape(link)}</loc><news:news><news:publication_date>{day}"
        "</news:publication_date></news:news></url>"
        for link in links
    )
    return (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>"
    ).encode()


def sitemap_index(children: list[tuple[str, str]]) -> bytes:
    """A sitemap index of ``(loc, lastmod)`` children (an empty lastmod is left out)."""
    entries = "".join(
        f"<sitemap><loc>{escape(loc)}</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + "</sitemap>"
        for loc, lastmod in children
    )
    return (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"{entries}</sitemapindex>"
    ).encode()


def feed_page(items: list[dict[str, str]], *, etag: str = "") -> Page:
    return Page(body=rss(items), content_type="application/rss+xml", etag=etag)
