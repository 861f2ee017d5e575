"""Fetching an article URL without letting the URL reach inside our own network.

An editor types a URL; the server fetches it. Without care that is server-side request forgery: a
URL (or a DNS name, or a redirect) pointing at 127.0.0.1, 10.0.0.0/8, the cloud metadata service
on 169.254.169.254 and so on would make this server read its own private network. So:

- only http and https URLs, without user names or passwords in them;
- the host name is resolved once, every address it resolves to is checked (loopback, private,
  link-local, carrier-grade NAT, multicast, reserved, unspecified, and IPv6 forms that embed an
  IPv4 address such as ``::ffff:10.0.0.1`` or 6to4), and the connection goes to the checked
  address: the HTTP library never resolves the name a second time, so the name cannot be rebound
  to another address between the check and the connection (DNS rebinding);
- every redirect is followed by hand and checked the same way, at most ``max_redirects`` of them;
- one time limit for the whole fetch: connecting, response headers, redirects and body. A read
  timeout alone restarts with every byte, so a server that sends one header line a second would
  hold the fetch for as long as it likes; a watchdog timer shuts the connection at the deadline,
  wherever the fetch is waiting;
- a size limit enforced while the body streams in (and on the announced Content-Length);
- only HTML and plain text are accepted; proxies from the environment are ignored.

The address pinning is requests-hardened's technique (its ``IPFilterAdapter``: connect to the IP,
send the original name as ``Host`` and as the TLS server name, check the certificate against the
name). Its adapter checks only the first address a name resolves to, so ``PinnedAddressAdapter``
does the resolution itself and checks all of them; the session is requests-hardened's, which
refuses to follow redirects on its own and always applies a timeout.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import EXTRA_BLOCKED_NET_RANGES
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from timeline.ingest import IngestError, describe_size

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
ARTICLE_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "PolicyTimeline/0.1 (news article reader; +https://github.com/)"
CHUNK_SIZE = 64 * 1024
# Networks that are "inside": RFC 1918, carrier-grade NAT (RFC 6598), IPv6 unique-local and the
# deprecated site-local range. Other non-global ranges are reported as reserved.
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
) + tuple(ipaddress.ip_network(network) for network in ("fc00::/7", "fec0::/10"))
TEST_LOOPBACK = ipaddress.ip_address("127.0.0.1")

PRIVATE_NETWORK = "That address points inside a private network and cannot be fetched."


class FetchError(IngestError):
    """A URL that could not be fetched; the message says why in plain words.

    ``transient``: the same fetch may well succeed later (a timeout, a connection refused or
    broken, a name not found, a 5xx or 429 answer), so it is worth trying again.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


# RFC 9111 (4.2): an answer's freshness lifetime comes from Cache-Control, else Expires minus
# Date, and its age from Date and the Age a cache on the way added.
CACHING_HEADERS = ("Cache-Control", "Expires", "Date", "Age")


class HTTPStatusError(FetchError):
    """The server answered with an error status (``status``: 404, 503 ...)."""

    def __init__(
        self, message: str, *, status: int, caching: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message, transient=status >= 500 or status == 429)
        self.status = status
        # How long the answer may be reused (``caching_headers``): a robots.txt's 404 is kept.
        self.caching = dict(caching or {})


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched document: where it ended up, what it says it is, and its bytes."""

    url: str
    content_type: str
    charset: str | None
    content: bytes
    # For conditional requests: 304 (not modified, no content) or 200, and the validators sent.
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    # How long the answer may be reused, as the server said it (``caching_headers``).
    caching: Mapping[str, str] = field(default_factory=dict)


def address_problem(address: IPAddress) -> str | None:
    """Why the server must not connect to ``address``, as a sentence; None if it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv6 form that carries an IPv4 address reaches that IPv4 address.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is not None and (problem := address_problem(embedded)):
            return problem
    if address.is_loopback:
        return "That address points to this server itself and cannot be fetched."
    if address.is_link_local:
        return (
            "That address is a link-local address (such as a cloud metadata service) and "
            "cannot be fetched."
        )
    if address.is_unspecified:
        return "That address is the unspecified address and cannot be fetched."
    if address.is_multicast:
        return "That address is a multicast address and cannot be fetched."
    if any(address in network for network in PRIVATE_NETWORKS):
        return PRIVATE_NETWORK
    if (
        address.is_reserved
        or not address.is_global
        or any(address in network for network in EXTRA_BLOCKED_NET_RANGES)
    ):
        return "That address is in a reserved range and cannot be fetched."
    return None


def resolve_public_address(host: str, port: int, *, allow_test_loopback: bool = False) -> str:
    """Resolve ``host`` once and return one of its addresses, if every one of them is public.

    ``allow_test_loopback`` lets exactly 127.0.0.1 through (tests only; see
    ``INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS``). Raises FetchError otherwise.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The server name {host} could not be found.", transient=True) from None
    addresses: list[IPAddress] = []
    for family, _, _, _, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        # Drop an IPv6 scope ("fe80::1%eth0") before parsing; the address alone decides.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"The server name {host} could not be found.", transient=True)
    for address in addresses:
        if allow_test_loopback and address == TEST_LOOPBACK:
            continue
        if problem := address_problem(address):
            raise FetchError(problem)
    chosen = addresses[0]
    return f"[{chosen}]" if chosen.version == 6 else str(chosen)


class Watchdog:
    """Shuts down every connection of one fetch when its deadline passes.

    Shutting a socket down wakes a read blocked on it, in the TLS layer or in the HTTP library's
    header parser alike, which no per-read timeout can promise.
    """

    def __init__(self, deadline: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(deadline - time.monotonic(), 0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # The HTTP library may have closed it already.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


# The watchdog of the fetch running in this thread, for the connections it opens.
current_watchdog: ContextVar[Watchdog | None] = ContextVar("current_watchdog", default=None)


class WatchedHTTPConnection(HTTPConnection):
    """An HTTP connection that hands its socket to the current fetch's watchdog."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        if (watchdog := current_watchdog.get()) is not None:
            watchdog.watch(sock)
        return sock


class WatchedHTTPSConnection(HTTPSConnection):
    """The TLS counterpart: shutting the plain socket down breaks the TLS stream over it."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        if (watchdog := current_watchdog.get()) is not None:
            watchdog.watch(sock)
        return sock


class WatchedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = WatchedHTTPConnection


class WatchedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = WatchedHTTPSConnection


class PinnedAddressAdapter(HTTPAdapter):
    """Connects to the checked address of the host, never to a second lookup of its name."""

    def __init__(self, *, allow_test_loopback: bool = False) -> None:
        super().__init__(max_retries=0)
        self.allow_test_loopback = allow_test_loopback

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": WatchedHTTPConnectionPool,
            "https": WatchedHTTPSConnectionPool,
        }

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        hostname = host_params["host"]
        if not hostname:
            raise FetchError("That web address has no server name.")
        port = host_params["port"] or (443 if host_params["scheme"] == "https" else 80)
        # The headers may be shared with other requests; change a copy.
        request.headers = CaseInsensitiveDict(request.headers or {})
        host_header = f"[{hostname}]" if ":" in hostname else hostname
        if host_params["port"] is not None:
            host_header += f":{host_params['port']}"
        request.headers["Host"] = host_header
        if host_params["scheme"] == "https":
            # The certificate is checked against the name, and the name is sent for SNI,
            # although the connection goes to the pinned address.
            pool_kwargs["assert_hostname"] = hostname
            pool_kwargs["server_hostname"] = hostname
        host_params["host"] = resolve_public_address(
            hostname, port, allow_test_loopback=self.allow_test_loopback
        )
        return host_params, pool_kwargs


def check_url(url: str) -> str:
    """The URL, stripped, if it is an http(s) address with a host; FetchError otherwise."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise FetchError(f"“{url}” is not a valid web address.") from None
    if not parts.scheme or (not parts.netloc and "." in parts.scheme):
        raise FetchError(f"“{url}” is not a full web address; it should start with https://.")
    if parts.scheme.lower() not in {"http", "https"}:
        raise FetchError(f"Only http and https addresses can be fetched, not “{parts.scheme}”.")
    if not parts.hostname:
        raise FetchError(f"“{url}” has no server name.")
    if parts.username is not None or parts.password is not None:
        raise FetchError("Addresses with a user name or password in them cannot be fetched.")
    return url


def check_address(url: str, *, allow_test_loopback: bool = False) -> None:
    """Raise FetchError unless ``url`` is an http(s) address whose host resolves only to public
    addresses: the checks ``fetch_url`` makes before it connects, for a link found in a listing
    that should be refused (not retried) before robots.txt is even asked for."""
    parts = urlsplit(check_url(url))
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    resolve_public_address(parts.hostname or "", port, allow_test_loopback=allow_test_loopback)


def fetch_url(
    url: str,
    *,
    timeout: float = 15,
    max_bytes: int = 5 * 1024 * 1024,
    max_redirects: int = 3,
    allow_test_loopback: bool = False,
    content_types: frozenset[str] = ALLOWED_CONTENT_TYPES,
    headers: Mapping[str, str] | None = None,
) -> FetchedPage:
    """Fetch an HTML or text page under the rules in this module's docstring.

    ``allow_test_loopback`` lets the first request (only) reach 127.0.0.1, for tests against a
    local server; redirects are always checked in full. ``content_types`` widens the accepted
    types (a feed is XML); ``headers`` are sent with the request: with If-None-Match or
    If-Modified-Since among them, a 304 answer returns a page with ``status`` 304 and no content.
    """
    conditional = bool(headers) and any(
        name.lower() in {"if-none-match", "if-modified-since"} for name in headers or {}
    )
    accept = ",".join(sorted(content_types))
    if content_types == ALLOWED_CONTENT_TYPES:
        accept = ARTICLE_ACCEPT
    request_headers = {"Accept": accept, **(headers or {})}
    deadline = time.monotonic() + timeout
    current = check_url(url)
    with Watchdog(deadline) as watchdog:
        token = current_watchdog.set(watchdog)
        try:
            for hop in range(max_redirects + 1):
                response = _get(
                    current, deadline, timeout, allow_test_loopback and hop == 0, request_headers
                )
                try:
                    if response.status_code in REDIRECT_STATUSES and "Location" in response.headers:
                        if hop == max_redirects:
                            raise FetchError(
                                f"The page redirected more than {max_redirects} times; it was "
                                "not fetched."
                            )
                        current = check_url(urljoin(current, response.headers["Location"]))
                        continue
                    if conditional and response.status_code == 304:
                        page = FetchedPage(current, "", None, b"", status=304)
                    else:
                        page = _read_page(
                            response, current, deadline, timeout, max_bytes, content_types
                        )
                finally:
                    response.close()
                # A connection shut by the watchdog can look like the end of the body.
                if watchdog.expired:
                    raise _timeout_error(timeout)
                return page
        except FetchError:
            # A connection shut by the watchdog surfaces as a broken or refused one.
            if watchdog.expired:
                raise _timeout_error(timeout) from None
            raise
        finally:
            current_watchdog.reset(token)
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def _session(allow_test_loopback: bool) -> requests.Session:
    session = HTTPSession(
        Config(
            ip_filter_enable=False,  # PinnedAddressAdapter below does the filtering.
            ip_filter_allow_loopback_ips=False,
            never_redirect=True,
            default_timeout=(5, 15),
            user_agent_override=USER_AGENT,
        )
    )
    # A proxy from the environment would resolve and connect on our behalf, unchecked.
    session.trust_env = False
    adapter = PinnedAddressAdapter(allow_test_loopback=allow_test_loopback)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _get(
    url: str,
    deadline: float,
    timeout: float,
    allow_test_loopback: bool,
    headers: Mapping[str, str] | None = None,
) -> requests.Response:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timeout_error(timeout)
    host = urlsplit(url).hostname
    try:
        with _session(allow_test_loopback) as session:
            return session.get(
                url,
                stream=True,
                allow_redirects=False,
                timeout=(remaining, remaining),
                headers=headers or {"Accept": ARTICLE_ACCEPT},
            )
    except requests.Timeout:
        raise _timeout_error(timeout) from None
    except requests.exceptions.SSLError:
        raise FetchError(
            f"The secure connection to {host} failed (its certificate could not be verified)."
        ) from None
    except requests.exceptions.InvalidURL:
        raise FetchError(f"“{url}” is not a valid web address.") from None
    except requests.ConnectionError:
        raise FetchError(f"The server {host} could not be reached.", transient=True) from None
    except requests.RequestException as error:
        raise FetchError(f"The page could not be fetched ({type(error).__name__}).") from None


def _read_page(
    response: requests.Response,
    url: str,
    deadline: float,
    timeout: float,
    max_bytes: int,
    content_types: frozenset[str] = ALLOWED_CONTENT_TYPES,
) -> FetchedPage:
    if response.status_code >= 400:
        raise HTTPStatusError(
            f"The page answered with an error ({response.status_code} {response.reason}).",
            status=response.status_code,
            caching=caching_headers(response),
        )
    if response.status_code != 200:
        raise FetchError(f"The page answered with status {response.status_code}, not a page.")
    media_type, charset = _parse_content_type(response.headers.get("Content-Type", ""))
    if media_type not in content_types:
        described = f"“{media_type}”" if media_type else "an unstated type"
        raise FetchError(
            f"The address returned {described}, not an HTML page or plain text; "
            "download the article and paste its text instead."
        )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large_error(max_bytes)
    content = _read_body(response, deadline, timeout, max_bytes)
    return FetchedPage(
        url=url,
        content_type=media_type,
        charset=charset,
        content=content,
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
        caching=caching_headers(response),
    )


def caching_headers(response: requests.Response) -> dict[str, str]:
    """The headers that say how long an answer may be reused (RFC 9111 section 4.2), by name;
    those the server did not send are left out."""
    return {name: response.headers[name] for name in CACHING_HEADERS if name in response.headers}


def _read_body(
    response: requests.Response, deadline: float, timeout: float, max_bytes: int
) -> bytes:
    """The body, read as it arrives, within the deadline and the size limit."""
    raw = response.raw
    connection = getattr(raw, "connection", None)
    sock = getattr(connection, "sock", None)
    chunks, size = [], 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _timeout_error(timeout)
        if sock is not None:
            # Each read waits at most until the deadline, so a server that trickles bytes
            # cannot stretch the fetch past the time limit.
            sock.settimeout(remaining)
        try:
            chunk = raw.read1(CHUNK_SIZE, decode_content=True)
        except (TimeoutError, urllib3.exceptions.ReadTimeoutError):
            raise _timeout_error(timeout) from None
        except (urllib3.exceptions.HTTPError, OSError):
            raise FetchError(
                "The connection broke while the page was being read.", transient=True
            ) from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise _too_large_error(max_bytes)
        chunks.append(chunk)


def _parse_content_type(header: str) -> tuple[str, str | None]:
    media_type = header.split(";", 1)[0].strip().lower()
    if "/" not in media_type:
        return media_type, None
    message = Message()
    message["Content-Type"] = header
    charset = message.get_param("charset")
    return media_type, str(charset).strip() if isinstance(charset, str) and charset else None


def _timeout_error(timeout: float) -> FetchError:
    return FetchError(f"The page did not answer within {timeout:g} seconds.", transient=True)


def _too_large_error(max_bytes: int) -> FetchError:
    return FetchError(
        f"The page is larger than {describe_size(max_bytes)}, the most an article may be."
    )
