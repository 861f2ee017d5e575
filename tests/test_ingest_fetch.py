"""The URL fetch guard: no address inside our network is ever connected to, limits hold.

The resolver is patched to return each forbidden address form and the socket's connect is guarded,
so a test fails if any connection is attempted; the local test server runs on 127.0.0.1, which
``allow_test_loopback`` lets through for the first request only.
"""

import io
import ipaddress
import socket
import time

import pytest
import requests

from timeline.ingest import fetch
from timeline.ingest.fetch import FetchError, fetch_url

real_getaddrinfo = socket.getaddrinfo

PRIVATE = "That address points inside a private network and cannot be fetched."
LOOPBACK = "That address points to this server itself and cannot be fetched."
LINK_LOCAL = (
    "That address is a link-local address (such as a cloud metadata service) and cannot be fetched."
)
MULTICAST = "That address is a multicast address and cannot be fetched."
RESERVED = "That address is in a reserved range and cannot be fetched."
UNSPECIFIED = "That address is the unspecified address and cannot be fetched."


def is_address(host):
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def resolver_returning(*addresses, calls=None):
    """A getaddrinfo stand-in that resolves every name to ``addresses``.

    An address given as the host resolves to itself, as with the real getaddrinfo; ``calls``
    collects the names that were looked up.
    """

    def getaddrinfo(host, port, *args, **kwargs):
        if is_address(host):
            return real_getaddrinfo(host, port, *args, **kwargs)
        if calls is not None:
            calls.append(host)
        infos = []
        for address in addresses:
            if ":" in address:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
            else:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
        return infos

    return getaddrinfo


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("127.0.0.1", LOOPBACK),
        ("127.8.9.10", LOOPBACK),
        ("10.0.0.1", PRIVATE),
        ("172.16.0.1", PRIVATE),
        ("172.31.255.254", PRIVATE),
        ("192.168.1.1", PRIVATE),
        ("169.254.169.254", LINK_LOCAL),
        ("100.64.0.1", PRIVATE),
        ("100.127.255.254", PRIVATE),
        ("224.0.0.1", MULTICAST),
        ("239.255.255.250", MULTICAST),
        ("240.0.0.1", RESERVED),
        ("255.255.255.255", RESERVED),
        ("0.0.0.0", UNSPECIFIED),
        ("192.0.2.10", RESERVED),
        ("::1", LOOPBACK),
        ("::", UNSPECIFIED),
        ("fe80::1", LINK_LOCAL),
        ("fc00::1", PRIVATE),
        ("fd12:3456::1", PRIVATE),
        ("ff02::1", MULTICAST),
        ("::ffff:127.0.0.1", LOOPBACK),
        ("::ffff:10.0.0.1", PRIVATE),
        ("::ffff:169.254.169.254", LINK_LOCAL),
        ("2002:a00:1::", PRIVATE),  # 6to4 wrapping 10.0.0.1
        ("64:ff9b::a00:1", RESERVED),  # NAT64 wrapping 10.0.0.1
        ("::127.0.0.1", RESERVED),  # IPv4-compatible (deprecated) form
    ],
)
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_name_resolving_to_a_forbidden_address_is_refused_without_connecting(
    monkeypatch, guarded_connections, address, message, scheme
):
    monkeypatch.setattr(socket, "getaddrinfo", resolver_returning(address))

    with pytest.raises(FetchError) as error:
        fetch_url(f"{scheme}://news.example.org/story")

    assert str(error.value) == message
    assert guarded_connections.attempts == []


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://[::1]:8000/", "http://2130706433/", "http://0x7f.1/"],
)
def test_literal_and_numeric_forms_of_loopback_in_the_url_are_refused(guarded_connections, url):
    with pytest.raises(FetchError, match="this server itself"):
        fetch_url(url)

    assert guarded_connections.attempts == []


def test_every_address_of_a_name_is_checked_not_only_the_first(monkeypatch, guarded_connections):
    monkeypatch.setattr(socket, "getaddrinfo", resolver_returning("93.184.216.34", "10.1.2.3"))

    with pytest.raises(FetchError, match="private network"):
        fetch_url("https://news.example.org/story")

    assert guarded_connections.attempts == []


def test_the_connection_goes_to_the_checked_address_after_a_single_lookup(
    monkeypatch, guarded_connections
):
    """A second lookup could be answered with 127.0.0.1 (DNS rebinding); there is none."""
    calls = []
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def rebinding_resolver(host, port, *args, **kwargs):
        if is_address(host):
            return real_getaddrinfo(host, port, *args, **kwargs)
        return resolver_returning(*next(answers), calls=calls)(host, port)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_resolver)

    # The guard refuses the (public) connection, so no traffic leaves the machine.
    with pytest.raises(AssertionError, match="connection to"):
        fetch_url("http://news.example.org/story")

    assert calls == ["news.example.org"]
    assert [attempt[:2] for attempt in guarded_connections.attempts] == [("93.184.216.34", 80)]


def test_an_unknown_host_name_gets_a_plain_message(monkeypatch, guarded_connections):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)

    with pytest.raises(FetchError) as error:
        fetch_url("https://no-such-host.example/")

    assert str(error.value) == "The server name no-such-host.example could not be found."


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/a.txt", "Only http and https addresses can be fetched, not “ftp”."),
        ("file:///etc/passwd", "Only http and https addresses can be fetched, not “file”."),
        ("gopher://example.org/", "Only http and https addresses can be fetched, not “gopher”."),
        ("javascript:alert(1)", "Only http and https addresses can be fetched, not “javascript”."),
        (
            "example.org/article",
            "“example.org/article” is not a full web address; it should start with https://.",
        ),
        ("http:///no-host", "“http:///no-host” has no server name."),
        ("http://example.org:99999/", "“http://example.org:99999/” is not a valid web address."),
        (
            "http://user:secret@example.org/",
            "Addresses with a user name or password in them cannot be fetched.",
        ),
    ],
)
def test_only_plain_http_and_https_urls_are_fetched(guarded_connections, url, message):
    with pytest.raises(FetchError) as error:
        fetch_url(url)

    assert str(error.value) == message
    assert guarded_connections.attempts == []


# Against a local test server on 127.0.0.1 -----------------------------------------------------


def test_the_local_server_is_refused_without_the_test_override(article_server):
    with pytest.raises(FetchError, match="this server itself"):
        fetch_url(f"{article_server}/article")


def test_an_html_page_is_fetched_with_its_type_and_charset(article_server):
    page = fetch_url(f"{article_server}/article", allow_test_loopback=True)

    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert b"The Ministry of Commerce banned exports of memory chips on Tuesday." in page.content
    assert page.url == f"{article_server}/article"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("http://10.0.0.1/admin", PRIVATE),
        ("http://169.254.169.254/latest/meta-data/", LINK_LOCAL),
        ("http://[::ffff:192.168.0.1]/", PRIVATE),
        ("http://127.0.0.1:1/", LOOPBACK),
        ("ftp://example.org/file", "Only http and https addresses can be fetched, not “ftp”."),
    ],
)
def test_a_redirect_into_a_forbidden_address_is_refused(
    article_server, guarded_connections, target, message
):
    """The test override lets the first request reach 127.0.0.1, never a redirect target."""
    with pytest.raises(FetchError) as error:
        fetch_url(f"{article_server}/redirect?to={target}", allow_test_loopback=True)

    assert str(error.value) == message
    server_port = int(article_server.rsplit(":", 1)[1])
    assert {attempt[1] for attempt in guarded_connections.attempts} == {server_port}


class Body(io.BytesIO):
    def read1(self, size=-1, decode_content=True):
        return super().read1(size)


def redirecting_server(monkeypatch, hops):
    """Stands in for the network: ``hops`` redirects, then a page; returns the URLs requested.

    The local test server cannot serve a redirect chain, since only its first request may reach
    127.0.0.1; the chain's logic is tested here without sockets.
    """
    requested = []

    def get(url, deadline, timeout, allow_test_loopback, headers=None):
        requested.append(url)
        response = requests.Response()
        response.url = url
        response.raw = Body(b"the article")
        if len(requested) <= hops:
            response.status_code = 302
            response.headers["Location"] = f"/hop/{len(requested)}"
        else:
            response.status_code = 200
            response.headers["Content-Type"] = "text/plain; charset=utf-8"
        return response

    monkeypatch.setattr(fetch, "_get", get)
    return requested


def test_up_to_three_redirects_are_followed(monkeypatch):
    requested = redirecting_server(monkeypatch, hops=3)

    page = fetch_url("https://news.example.org/start")

    assert requested == [
        "https://news.example.org/start",
        "https://news.example.org/hop/1",
        "https://news.example.org/hop/2",
        "https://news.example.org/hop/3",
    ]
    assert page.url == "https://news.example.org/hop/3"
    assert page.content == b"the article"


def test_a_fourth_redirect_is_refused(monkeypatch):
    requested = redirecting_server(monkeypatch, hops=4)

    with pytest.raises(FetchError) as error:
        fetch_url("https://news.example.org/start")

    assert str(error.value) == "The page redirected more than 3 times; it was not fetched."
    assert len(requested) == 4


def test_a_redirect_from_the_local_server_is_followed_and_checked(article_server):
    """One real redirect: 127.0.0.1 to a public name, which is resolved and checked too."""
    with pytest.raises(FetchError, match="could not be found|private network|reached"):
        fetch_url(f"{article_server}/redirect?to=http://name.invalid/", allow_test_loopback=True)


def test_a_page_announced_as_too_large_is_refused(article_server):
    with pytest.raises(FetchError) as error:
        fetch_url(
            f"{article_server}/big?size=3000000",
            max_bytes=2 * 1024 * 1024,
            allow_test_loopback=True,
        )

    assert str(error.value) == "The page is larger than 2 MB, the most an article may be."


def test_a_page_that_grows_too_large_while_streaming_is_cut_off(article_server):
    with pytest.raises(FetchError, match="larger than 1 MB"):
        fetch_url(
            f"{article_server}/big-unannounced?size=4000000",
            max_bytes=1024 * 1024,
            allow_test_loopback=True,
        )


def test_a_server_that_does_not_answer_in_time_is_given_up(article_server):
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        fetch_url(f"{article_server}/slow?seconds=3", timeout=0.5, allow_test_loopback=True)

    assert str(error.value) == "The page did not answer within 0.5 seconds."
    assert time.monotonic() - started < 2


def test_a_server_that_trickles_its_body_is_held_to_the_total_time_limit(article_server):
    """Each byte comes quickly, but the page as a whole would take 10 seconds."""
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer within 0.8 seconds"):
        fetch_url(f"{article_server}/trickle", timeout=0.8, allow_test_loopback=True)

    assert time.monotonic() - started < 2


def test_a_server_that_trickles_its_headers_is_held_to_the_total_time_limit(article_server):
    """A header line every 0.2 seconds never trips a read timeout; the whole fetch is cut off."""
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer within 0.8 seconds"):
        fetch_url(f"{article_server}/trickle-headers", timeout=0.8, allow_test_loopback=True)

    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "/pdf",
            "The address returned “application/pdf”, not an HTML page or plain text; download "
            "the article and paste its text instead.",
        ),
        (
            "/untyped",
            "The address returned an unstated type, not an HTML page or plain text; download "
            "the article and paste its text instead.",
        ),
        ("/missing", "The page answered with an error (404 Not Found)."),
    ],
)
def test_only_html_and_text_pages_are_accepted(article_server, path, message):
    with pytest.raises(FetchError) as error:
        fetch_url(f"{article_server}{path}", allow_test_loopback=True)

    assert str(error.value) == message


def test_a_server_that_refuses_the_connection_gets_a_plain_message(guarded_connections):
    with socket.socket() as probe:  # a port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    guarded_connections.allow(("127.0.0.1", port))

    with pytest.raises(FetchError) as error:
        fetch_url(f"http://127.0.0.1:{port}/article", allow_test_loopback=True)

    assert str(error.value) == "The server 127.0.0.1 could not be reached."
