"""Polling a watch: its listing, then each new article through the ingest pipeline.

One poll (``poll``):

1. fetches the listing (feed, news sitemap or section page) through the safe fetcher, sending the
   ETag and Last-Modified of the last answer, so a listing that has not changed costs one 304;
2. records every new link as a waiting ``WatchItem`` (at most ``WATCH_MAX_LINKS_PER_POLL``), and
   only then keeps the listing's new validators, so a poll that dies here loses no link;
3. handles up to ``WATCH_ARTICLES_PER_POLL`` waiting items: an article whose canonical URL is
   already stored is never fetched again; the others are fetched, read, checked for the watch's
   words and stored with their candidate events (``pipeline.store_article``, which also refuses
   the same text twice). An item's result commits with its source and events, so a poll killed
   halfway redoes at most the item it was in, and stores nothing twice. An article that could not
   be fetched for a passing reason (timeout, 5xx, no connection) waits to be tried again, twice as
   long after each try, for a bounded number of tries (``_retry``); a refused address, robots.txt,
   a 404 or 410 are final. Items due for another try are handled with the waiting ones;
4. schedules the next check: the watch's interval after a good check, sooner while links wait or
   when a retry falls due, and twice as long after each failed check in a row (back-off), at most
   a day.

Every request, robots.txt included, waits its turn per host (``Politeness``: one request a second
by default, kept across worker processes through the shared cache) and every URL is checked
against the host's robots.txt, read by whichever worker needs it first and kept in the shared
cache for the others for as long as its answer may be reused (``robots_lifetime``: its
Cache-Control or Expires, an hour when it says nothing, less the age it already had on arrival,
at most a day); each worker parses each fetch of it once.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from timeline.ingest import IngestError
from timeline.ingest.clean import canonical_url, decode, read_text
from timeline.ingest.fetch import (
    FetchedPage,
    FetchError,
    HTTPStatusError,
    check_address,
    fetch_url,
)
from timeline.ingest.listings import (
    LISTING_CONTENT_TYPES,
    SITEMAP,
    ListedArticle,
    ListingError,
    SitemapIndex,
    parse_listing,
    unique_articles,
)
from timeline.ingest.pipeline import ArticleInput, StoreResult, store_article
from timeline.models import Event, Source, Watch, WatchItem, max_length

logger = logging.getLogger(__name__)

ROBOTS_AGENT = "PolicyTimeline"
# robots.txt is trusted for as long as its answer says it may be reused (``robots_lifetime``), an
# hour when it says nothing, never more than a day (RFC 9309, 2.4); one that could not be read is
# asked for again after ten minutes.
ROBOTS_CACHE_SECONDS = 3600
ROBOTS_MAX_CACHE_SECONDS = 24 * 3600
ROBOTS_RETRY_SECONDS = 600
# RFC 9309 (2.5): a crawler may stop parsing after 500 KiB, which also bounds the cached rules.
ROBOTS_MAX_BYTES = 500 * 1024
# RFC 9309 (2.3.1.2): at least five redirects are followed for robots.txt, whatever the limit
# for pages (INGEST_MAX_REDIRECTS).
ROBOTS_MIN_REDIRECTS = 5
# A host's lease is held for one cache read and one write; a holder that died frees it this late.
HOST_LEASE_SECONDS = 5
LEASE_RETRY_SECONDS = 0.005
MAX_BACKOFF = timedelta(days=1)
# While links wait to be fetched the next check comes this soon (the listing costs a 304).
WAITING_RECHECK = timedelta(minutes=1)
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
ItemStatus = WatchItem.Status


class Politeness:
    """Per-host manners: the robots.txt rules and a minimum gap between requests to a host, both
    kept in Django's cache, so shared by every worker process and machine that shares it.

    ``clock`` is wall-clock seconds, the one time every process on every machine shares, since
    the turns it gives are compared across processes. ``clock`` and ``sleep`` are injectable so
    tests can check the gaps without waiting.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.clock, self.sleep = clock, sleep
        # Each host's rules as last parsed here, with the rules they were parsed from.
        self._parsed: dict[str, tuple[RobotsRules, RobotFileParser]] = {}

    def wait_turn(self, url: str) -> None:
        """Take the next turn for a request to ``url``'s host and sleep until it comes.

        The host's last turn is kept in the shared cache (Redis in production), so the gap holds
        across worker processes and machines. Taking a turn reads it and writes the next one
        under a per-host lease (``cache.add``, held for a read and a write); the wait happens
        after the lease is let go, so workers queue for a busy host without holding it.
        """
        gap = settings.WATCH_HOST_INTERVAL
        if gap <= 0:
            return
        key = _host_key(url)
        with _lease(f"{key}:lease"):
            now = self.clock()
            last = cache.get(f"{key}:turn")
            turn = now if last is None else max(now, last + gap)
            # Kept a little longer than any wait it can cause, then forgotten.
            cache.set(f"{key}:turn", turn, timeout=turn - now + gap + 60)
        if turn > now:
            self.sleep(turn - now)

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets this product fetch ``url``."""
        return self.robots_check(url)[0]

    def robots_check(self, url: str) -> tuple[bool, str]:
        """Whether the host's robots.txt lets this product fetch ``url``, and why it could not
        be read ("" if it was read or is absent), from one read of it: one the server said not
        to reuse is read again for each question, not twice for one."""
        rules, parser = self._parsed_rules(url)
        return parser.can_fetch(ROBOTS_AGENT, url), rules.problem

    def refusal(self, url: str) -> str:
        """Why ``url`` may not be fetched, in words: its address (``address_refusal``) or the
        host's robots.txt; "" if it may."""
        if problem := address_refusal(url):
            return problem
        allowed, problem = self.robots_check(url)
        if not allowed:
            if problem:
                return f"The site's robots.txt could not be read. {problem}"
            return "The site's robots.txt does not allow it."
        return ""

    def _parsed_rules(self, url: str) -> tuple[RobotsRules, RobotFileParser]:
        """The host's rules, parsed once for each fetch of its robots.txt: every link of a
        listing is checked against them, and the shared cache holds them as plain lines."""
        host, rules = _host(url), self._rules(url)
        parsed = self._parsed.get(host)
        if parsed is None or parsed[0] != rules:
            parsed = self._parsed[host] = rules, rules.parser()
        return parsed

    def _rules(self, url: str) -> RobotsRules:
        """The host's robots.txt as last read by any worker sharing the cache, read again once
        its lifetime, counted from that fetch, is over."""
        key = f"{_host_key(url)}:robots"
        rules = cache.get(key)
        if rules is None or rules.expires_at <= self.clock():
            rules = self._read_robots(_host(url))
            cache.set(key, rules, timeout=rules.expires_at - rules.fetched_at)
        return rules

    def fetch(self, url: str, **options: object) -> FetchedPage:
        """``fetch_url`` with the settings' limits, after waiting for the host's turn."""
        self.wait_turn(url)
        limits = {
            "timeout": settings.INGEST_FETCH_TIMEOUT,
            "max_bytes": settings.INGEST_MAX_BYTES,
            "max_redirects": settings.INGEST_MAX_REDIRECTS,
            "allow_test_loopback": settings.INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS,
        }
        return fetch_url(url, **(limits | options))

    def _read_robots(self, host: str) -> RobotsRules:
        # RFC 9309 (2.3.1): no robots.txt (a 4xx answer) allows everything, for as long as that
        # answer may be reused; one that cannot be read (a 5xx, a timeout) disallows everything
        # until it can be (2.3.1.4), so it is asked for again soon, whatever the answer said.
        # A 429 is the server asking us to slow down, not a missing file: it counts as one that
        # cannot be read, as the large crawlers treat it.
        fetched_at = self.clock()
        try:
            page = self.fetch(
                f"{host}/robots.txt",
                content_types=frozenset({"text/plain", "text/html"}),
                max_redirects=max(ROBOTS_MIN_REDIRECTS, settings.INGEST_MAX_REDIRECTS),
            )
        except HTTPStatusError as error:
            if 400 <= error.status < 500 and error.status != HTTPStatus.TOO_MANY_REQUESTS:
                expires_at = self._expiry(error.caching, fetched_at)
                return RobotsRules(fetched_at, expires_at, allow_all=True)
            return RobotsRules(fetched_at, fetched_at + ROBOTS_RETRY_SECONDS, problem=str(error))
        except FetchError as error:
            return RobotsRules(fetched_at, fetched_at + ROBOTS_RETRY_SECONDS, problem=str(error))
        text = page.content[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
        expires_at = self._expiry(page.caching, fetched_at)
        return RobotsRules(fetched_at, expires_at, lines=tuple(text.splitlines()))

    def _expiry(self, caching: Mapping[str, str], requested_at: float) -> float:
        """When an answer with these caching headers, asked for at ``requested_at`` and
        received now, stops being fresh (``robots_lifetime``)."""
        received_at = self.clock()
        return received_at + robots_lifetime(
            caching, requested_at=requested_at, received_at=received_at
        )


def robots_lifetime(
    caching: Mapping[str, str], *, requested_at: float, received_at: float
) -> float:
    """How many more seconds, from ``received_at``, a robots.txt answer with these caching
    headers (``caching_headers``) may be trusted, RFC 9111's freshness lifetime less the answer's
    current age on arrival, never more than ``ROBOTS_MAX_CACHE_SECONDS`` (RFC 9309, 2.4) and
    never less than 0 (read again for the next check).

    The freshness lifetime (4.2.1) is Cache-Control max-age, else Expires minus Date (a missing
    Date is the time received, RFC 9110 6.6.1), else ``ROBOTS_CACHE_SECONDS``; it is 0 when the
    answer must not be reused (no-store, no-cache, an Expires that is not a date, 5.3). The age
    on arrival is RFC 9111's corrected initial age (4.2.3): the larger of the apparent age
    (``received_at`` less Date, at least 0) and the ``Age`` header a cache on the way added,
    plus the time the request took (``received_at - requested_at``). Times are wall-clock
    seconds, like Date: a server whose clock runs late makes its answers look older.
    """
    directives = _cache_directives(caching.get("Cache-Control", ""))
    if "no-store" in directives or "no-cache" in directives:
        return 0
    sent = _http_date(caching.get("Date", ""))
    sent = received_at if sent is None else sent
    max_age = directives.get("max-age", "")
    if max_age.isdigit():
        freshness = int(max_age)
    elif "Expires" in caching:
        expires = _http_date(caching["Expires"])
        if expires is None:  # RFC 9111 (5.3): an invalid date, such as "0", is in the past.
            return 0
        freshness = expires - sent
    else:
        freshness = ROBOTS_CACHE_SECONDS
    apparent_age = max(received_at - sent, 0)
    corrected_age = _age_header(caching.get("Age", "")) + (received_at - requested_at)
    return min(max(freshness - max(apparent_age, corrected_age), 0), ROBOTS_MAX_CACHE_SECONDS)


def _age_header(value: str) -> int:
    """The seconds of an Age header, 0 when there is none or it is not a number; the first of a
    list counts (RFC 9111, 5.1)."""
    first = value.split(",", 1)[0].strip()
    return int(first) if first.isdigit() else 0


def _cache_directives(cache_control: str) -> dict[str, str]:
    """A Cache-Control header's directives by lowercase name, with their values unquoted ("" for
    none); the first of a repeated directive counts (RFC 9111, 4.2.1). requests does not parse
    it, and Django's ``get_max_age`` reads only max-age, from a Django response."""
    directives: dict[str, str] = {}
    for directive in cache_control.split(","):
        name, _, value = directive.partition("=")
        if name := name.strip().lower():
            directives.setdefault(name, value.strip().strip('"'))
    return directives


def _http_date(text: str) -> float | None:
    """An HTTP date as wall-clock seconds, or None if it is not one."""
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # "-0000": UTC, the only zone HTTP dates use
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """A host's robots.txt as read at ``fetched_at`` (wall-clock seconds) and trusted until
    ``expires_at``: its lines, or no file (``allow_all``), or why it could not be read
    (``problem``, which disallows everything). Kept in the shared cache, so plain data."""

    fetched_at: float
    expires_at: float
    lines: tuple[str, ...] = ()
    allow_all: bool = False
    problem: str = ""

    def parser(self) -> RobotFileParser:
        """The standard library's parser for these rules."""
        parser = RobotFileParser()
        if self.allow_all:
            parser.allow_all = True
        elif self.problem:
            parser.disallow_all = True
        else:
            parser.parse(self.lines)
        return parser


def address_refusal(url: str) -> str:
    """Why ``url``'s address may never be fetched (the SSRF rules: not http(s), a private,
    loopback or link-local host), or "". A name that cannot be resolved just now is not refused:
    the fetch fails for a passing reason instead."""
    try:
        check_address(url, allow_test_loopback=settings.INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS)
    except FetchError as error:
        if not error.transient:
            return str(error)
    return ""


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _host_key(url: str) -> str:
    """The cache key of ``url``'s host: hashed, since a host name may be longer than a key."""
    return "watch-host:" + hashlib.sha256(_host(url).encode()).hexdigest()[:32]


@contextlib.contextmanager
def _lease(key: str) -> Iterator[None]:
    """Hold ``key`` in the shared cache while the block runs, waiting while another holds it.

    ``cache.add`` is atomic in Redis and in the in-memory cache, so one holder at a time. The
    lease expires on its own after ``HOST_LEASE_SECONDS``, in case its holder dies holding it.
    """
    while not cache.add(key, True, timeout=HOST_LEASE_SECONDS):
        time.sleep(LEASE_RETRY_SECONDS)
    try:
        yield
    finally:
        cache.delete(key)


POLITENESS = Politeness()


@dataclass
class PollResult:
    """What one poll did, for the command line and the logs."""

    status: str
    new_links: int = 0
    handled: dict[str, int] = field(default_factory=dict)
    waiting: int = 0
    error: str = ""
    # The earliest time an article that could not be fetched yet is due to be tried again.
    next_retry: datetime | None = None

    def __str__(self) -> str:
        done = ", ".join(f"{count} {status}" for status, count in sorted(self.handled.items()))
        text = f"{self.status}: {self.new_links} new links"
        text += f"; articles: {done}" if done else ""
        text += f"; {self.waiting} waiting" if self.waiting else ""
        return text + (f" ({self.error})" if self.error else "")


def claim(watch_id: int, *, due: datetime | None, now: datetime) -> Watch | None:
    """The watch, now marked as being polled, if this caller may poll it.

    ``due`` is the check the caller was scheduled for. The caller may poll if the watch is still
    scheduled for it, or if a poll for it was started and interrupted (the worker runs a killed
    task again), so that poll resumes. A watch rescheduled meanwhile ("check now", resume) or
    paused gives None. Without ``due`` (the command) the watch is claimed if ``due`` by
    ``WatchQuerySet.due``.
    """
    watches = Watch.objects.filter(pk=watch_id, paused=False)
    if due is None:
        watches = watches.due(now)
    else:
        watches = watches.filter(Q(next_check=due) | Q(next_check__isnull=True, polling_for=due))
    if not watches.update(next_check=None, polling_for=due, poll_started_at=now):
        return None
    return Watch.objects.get(pk=watch_id)


def poll(
    watch: Watch,
    *,
    politeness: Politeness = POLITENESS,
    now: Callable[[], datetime] = timezone.now,
) -> PollResult:
    """Poll a claimed watch once (see the module docstring) and schedule its next check."""
    try:
        result = _poll_listing(watch, politeness)
    except (FetchError, ListingError) as error:
        result = PollResult(Watch.Status.FAILED, error=str(error))
    if result.status != Watch.Status.FAILED:
        result.handled = _handle_waiting(watch, politeness)
        result.waiting = watch.items.filter(status=ItemStatus.WAITING).count()
        retries = watch.items.filter(status=ItemStatus.RETRYING)
        result.next_retry = retries.aggregate(next=Min("retry_after"))["next"]
    _schedule(watch, result, now())
    return result


def _poll_listing(watch: Watch, politeness: Politeness) -> PollResult:
    allowed, problem = politeness.robots_check(watch.url)
    if not allowed:
        if problem:
            error = (
                f"The site's robots.txt could not be read. {problem} Nothing is fetched from "
                "the site until it can be."
            )
        else:
            error = (
                "The site's robots.txt does not allow this address to be read; it was not "
                "fetched. Remove the watch or ask the site."
            )
        return PollResult(Watch.Status.BLOCKED, error=error)
    page = politeness.fetch(
        watch.url,
        content_types=LISTING_CONTENT_TYPES,
        headers=_conditional(watch.etag, watch.last_modified),
    )
    if page.status == 304:
        return PollResult(Watch.Status.NOT_MODIFIED)
    status, problem, child_validators = Watch.Status.OK, "", {}
    try:
        listed = _parse(watch.kind, page)
    except SitemapIndex as index:
        children = _read_child_sitemaps(index, politeness, watch.sitemap_validators)
        listed, problem, child_validators = children.listed, children.problem, children.validators
        if children.unchanged:
            status = Watch.Status.NOT_MODIFIED
        # A child sitemap changes without its index saying so: the index is asked for in full
        # each time (its validators are not kept), and each child conditionally.
        page = FetchedPage(page.url, page.content_type, page.charset, b"")
    known = set(
        watch.items.filter(url__in=[article.url for article in listed]).values_list(
            "url", flat=True
        )
    )
    new = [
        WatchItem(
            watch=watch,
            url=article.url,
            guid=article.guid,
            title=article.title,
            listed_on=article.published,
        )
        for article in listed
        if article.url not in known
    ]
    with transaction.atomic():
        WatchItem.objects.bulk_create(new, ignore_conflicts=True)
        # Kept only with the links they announced: a poll that dies before this line fetches
        # the whole listing again next time.
        Watch.objects.filter(pk=watch.pk).update(
            **_validators(page), sitemap_validators=child_validators
        )
    return PollResult(status, new_links=len(new), error=problem)


def _validators(page: FetchedPage) -> dict[str, str]:
    """The answer's ETag and Last-Modified as a watch keeps them (its own, or a child
    sitemap's in ``sitemap_validators``): the keyword arguments of ``_conditional``."""
    return {
        "etag": page.etag[: max_length(Watch, "etag")],
        "last_modified": page.last_modified[: max_length(Watch, "last_modified")],
    }


def _conditional(etag: str = "", last_modified: str = "") -> dict[str, str]:
    """The headers that ask for a listing only if it changed since the answer with these
    validators."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _parse(kind: str, page: FetchedPage, limit: int | None = None) -> list[ListedArticle]:
    return parse_listing(
        kind,
        page.content,
        url=page.url,
        content_type=page.content_type,
        charset=page.charset,
        limit=settings.WATCH_MAX_LINKS_PER_POLL if limit is None else limit,
        max_bytes=settings.INGEST_MAX_BYTES,
    )


@dataclass
class ChildSitemaps:
    """What the child sitemaps of an index gave: their articles, the children that could not be
    read (in words), each child's validators by address, and whether every child answered 304."""

    listed: list[ListedArticle]
    problem: str
    validators: dict[str, dict[str, str]]
    unchanged: bool


def _read_child_sitemaps(
    index: SitemapIndex, politeness: Politeness, known: dict[str, dict[str, str]]
) -> ChildSitemaps:
    """The articles of a sitemap index's newest child sitemaps (at most
    ``WATCH_MAX_CHILD_SITEMAPS``, and ``WATCH_MAX_LINKS_PER_POLL`` links in all), each fetched
    under the same rules as the index and asked for only if it changed since the validators
    ``known`` for it (a 304 lists nothing new). Raises ListingError when none could be read."""
    children = index.sitemaps[: settings.WATCH_MAX_CHILD_SITEMAPS]
    if not children:
        raise ListingError("The address is a sitemap index that lists no sitemaps.")
    listed: list[ListedArticle] = []
    problems = []
    validators = {child: known[child] for child in children if child in known}
    not_modified = 0
    for child in children:
        room = settings.WATCH_MAX_LINKS_PER_POLL - len(listed)
        if room <= 0:
            break
        try:
            if refusal := politeness.refusal(child):
                raise FetchError(refusal)
            page = politeness.fetch(
                child,
                content_types=LISTING_CONTENT_TYPES,
                headers=_conditional(**validators.get(child, {})),
            )
            if page.status == 304:
                not_modified += 1
                continue
            listed += _parse(SITEMAP, page, limit=room)
            validators[child] = _validators(page)
        except SitemapIndex:
            problems.append(f"{child}: a sitemap index inside an index is not followed.")
        except (FetchError, ListingError) as error:
            problems.append(f"{child}: {error}")
    if len(problems) == len(children):
        raise ListingError(
            f"None of the sitemaps the index lists could be read. {' '.join(problems)}"
        )
    problem = ""
    if problems:
        problem = f"{len(problems)} of the index's {len(children)} sitemaps could not be read. "
        problem += " ".join(problems)
    limit = settings.WATCH_MAX_LINKS_PER_POLL
    return ChildSitemaps(
        unique_articles(listed, limit=limit),
        problem,
        {child: found for child, found in validators.items() if any(found.values())},
        unchanged=not_modified == len(children),
    )


def _handle_waiting(watch: Watch, politeness: Politeness) -> dict[str, int]:
    handled: dict[str, int] = {}
    pattern = words_pattern(watch.word_list)
    due = Q(status=ItemStatus.WAITING) | Q(
        status=ItemStatus.RETRYING, retry_after__lte=timezone.now()
    )
    waiting = watch.items.filter(due).order_by("pk")
    for item in waiting[: settings.WATCH_ARTICLES_PER_POLL]:
        handle_item(item, politeness=politeness, pattern=pattern)
        handled[item.status] = handled.get(item.status, 0) + 1
    return handled


def handle_item(
    item: WatchItem, *, politeness: Politeness = POLITENESS, pattern: re.Pattern[str] | None = None
) -> None:
    """Fetch, read and store one waiting (or retried) article of a watch, or say why not;
    saves the item. A fetch that fails for a passing reason is tried again later (``_retry``);
    a refused address, robots.txt and an error answer such as 404 or 410 are final."""
    item.handled_at = timezone.now()
    item.retry_after = None
    held = Source.objects.filter(url=canonical_url(item.url)).first()
    if held is not None:
        _finish(item, ItemStatus.HELD, f"Already stored as source {held.pk}.", source=held)
        return
    if problem := address_refusal(item.url):
        _finish(item, ItemStatus.REFUSED, problem)
        return
    try:
        if not politeness.allowed(item.url):
            _finish(item, ItemStatus.BLOCKED, "The site's robots.txt does not allow it.")
            return
        page = politeness.fetch(item.url)
        raw = decode(page.content, declared_charset=page.charset, content_type=page.content_type)
        article = read_text(raw, content_type=page.content_type, url=page.url)
    except FetchError as error:
        _retry(item, error)
        return
    except IngestError as error:
        _finish(item, ItemStatus.NO_TEXT, str(error))
        return
    if len(article.text) < settings.WATCH_MIN_ARTICLE_CHARS:
        _finish(
            item,
            ItemStatus.NO_TEXT,
            f"The page has almost no text ({len(article.text)} characters): probably a consent "
            "wall or a paywall. Nothing was stored; paste the article on the ingest page.",
        )
        return
    if pattern is not None and not pattern.search(f"{article.title or ''}\n{article.text}"):
        _finish(item, ItemStatus.UNMATCHED, "It mentions none of the watch's words.")
        return
    try:
        with transaction.atomic():
            result = store_article(
                ArticleInput.from_article(
                    article,
                    origin=Source.Origin.WATCH,
                    url=article.url or page.url,
                    published_on=article.published or item.listed_on,
                    title=article.title or item.title or None,
                )
            )
            status = {
                StoreResult.CREATED: ItemStatus.STORED,
                StoreResult.DUPLICATE: ItemStatus.DUPLICATE,
                StoreResult.EMPTY: ItemStatus.EMPTY,
            }[result.status]
            if status == ItemStatus.STORED and item.watch.tag_id is not None:
                tag_candidates(result.source, item.watch.tag_id)
            _finish(item, status, result.message, source=result.source, events=result.events)
    except DATABASE_UNAVAILABLE:
        raise
    except Exception:
        logger.exception("Storing watch item %s failed", item.pk)
        _finish(item, ItemStatus.FAILED, "Something went wrong while storing it (logged).")


def _retry(item: WatchItem, error: FetchError) -> None:
    """Schedule another try of an article that could not be fetched for a passing reason, each
    try waiting twice as long (``WATCH_RETRY_MINUTES``, then double, ... at most a day), until
    ``WATCH_ARTICLE_TRIES`` tries have failed; then, or for a lasting reason, it has failed."""
    item.tries += 1
    if not error.transient:
        _finish(item, ItemStatus.FAILED, str(error))
    elif item.tries < settings.WATCH_ARTICLE_TRIES:
        wait = doubling_wait(timedelta(minutes=settings.WATCH_RETRY_MINUTES), item.tries)
        item.retry_after = item.handled_at + wait
        _finish(item, ItemStatus.RETRYING, str(error))
    else:
        _finish(item, ItemStatus.FAILED, f"{error} Given up after {item.tries} tries.")


def doubling_wait(base: timedelta, failures: int, *, most: timedelta = MAX_BACKOFF) -> timedelta:
    """The back-off after ``failures`` failures in a row (one or more): ``base`` after the
    first, twice as long after each further one, never more than ``most``. The one rule for a
    watch whose checks fail and for an article whose fetches fail."""
    wait = base
    for _ in range(failures - 1):
        if wait >= most:
            break
        wait *= 2
    return min(wait, most)


def tag_candidates(source: Source, tag_id: int) -> None:
    """Give the candidates of a watch's new article the watch's tag: its story."""
    events = Event.objects.candidates().filter(citations__source=source).distinct()
    Event.tags.through.objects.bulk_create(
        [
            Event.tags.through(event_id=pk, tag_id=tag_id)
            for pk in events.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )


def _finish(
    item: WatchItem, status: str, message: str, *, source: Source | None = None, events: int = 0
) -> None:
    item.status, item.message, item.source, item.events_created = status, message, source, events
    item.save()


def words_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """A case-blind pattern matching any of ``words`` as whole words; a trailing ``*`` matches
    any ending ("export control*" matches "export controls"). None when there are no words."""
    alternatives = []
    for word in words:
        parts = [re.escape(part).replace(r"\*", r"\w*") for part in word.split()]
        if parts:
            alternatives.append(r"\s+".join(parts))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _schedule(watch: Watch, result: PollResult, now: datetime) -> None:
    interval = timedelta(minutes=watch.interval_minutes)
    if result.status in {Watch.Status.FAILED, Watch.Status.BLOCKED}:
        watch.failures += 1
        wait = doubling_wait(interval, watch.failures, most=max(MAX_BACKOFF, interval))
    else:
        watch.failures = 0
        wait = min(interval, WAITING_RECHECK) if result.waiting else interval
        if result.next_retry is not None:
            # The check that retries an article comes when its retry is due, not an interval later.
            wait = min(wait, max(result.next_retry - now, WAITING_RECHECK))
    watch.status, watch.last_error = result.status, result.error
    watch.last_checked, watch.next_check = now, now + wait
    watch.poll_started_at = watch.polling_for = None
    watch.save(
        update_fields=[
            "status",
            "last_error",
            "failures",
            "last_checked",
            "next_check",
            "poll_started_at",
            "polling_for",
        ]
    )


def poll_due(*, politeness: Politeness = POLITENESS) -> list[tuple[Watch, PollResult]]:
    """Poll every watch that is due now, one after the other (``manage.py poll_watches``)."""
    polled = []
    for watch_id in Watch.objects.due(timezone.now()).values_list("pk", flat=True):
        claimed = claim(watch_id, due=None, now=timezone.now())
        if claimed is not None:
            polled.append((claimed, poll(claimed, politeness=politeness)))
    return polled
