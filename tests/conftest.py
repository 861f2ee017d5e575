"""Shared fixtures."""

import os
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, settings

from tests.factories import create_actor, create_editor, create_event, create_source, create_tag
from timeline.models import Event

# Property tests: a quick random run in every suite; the same examples on every run in CI
# (HYPOTHESIS_PROFILE=ci, set by .ci/run), so a submission never fails on a draw of the dice; a
# long random run with HYPOTHESIS_PROFILE=nightly (make test-nightly) finds what CI does not. No
# deadline and no too-slow check in CI: its machines are shared and timing is not what is tested.
# https://hypothesis.readthedocs.io/en/latest/reference/api.html#settings-profiles
# Hypothesis derandomizes by itself where it detects CI (CI=true); default and nightly say
# derandomize=False so a profile means the same everywhere.
settings.register_profile("default", max_examples=60, deadline=None, derandomize=False)
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=60,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "nightly",
    max_examples=2000,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def editor(db):
    return create_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def _facets_counted_whatever_the_load(settings):
    """The facets' time budget is wall-clock time, which a busy machine (parallel tests, CI)
    spends on other work: tests see every count unless they set a budget to test it."""
    settings.TIMELINE_FACET_TIME_LIMIT_MS = 0


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test sends no signal that would
    invalidate what it cached (facet counts)."""
    cache.clear()
    yield
    cache.clear()


class ConnectionAttempted(AssertionError):
    """A test tried to open a network connection it was not allowed to."""


@pytest.fixture
def guarded_connections(monkeypatch):
    """Fail the test if any socket connects anywhere except the addresses listed in ``allowed``.

    Yields the guard: ``guard.attempts`` lists every address a connection was attempted to, and
    ``guard.allow(address)`` lets one (host, port) through, for a local test server.
    """
    real_connect = socket.socket.connect

    class Guard:
        def __init__(self):
            self.attempts = []
            self.allowed = set()

        def allow(self, address):
            self.allowed.add(address)

    guard = Guard()

    def connect(sock, address, *args):
        guard.attempts.append(address)
        if tuple(address[:2]) in guard.allowed:
            return real_connect(sock, address, *args)
        sock.close()  # the HTTP library closes a socket only on OSError
        raise ConnectionAttempted(f"a connection to {address} was attempted")

    def connect_ex(sock, address, *args):
        return connect(sock, address, *args) or 0

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return guard


class ArticleHandler(BaseHTTPRequestHandler):
    """A tiny web server of articles, redirects and misbehaving pages, for fetch tests."""

    protocol_version = "HTTP/1.0"
    article = (
        b"<!doctype html><html><head><meta charset='utf-8'><title>Test article</title>"
        b"<meta property='article:published_time' content='2025-03-12T09:00:00Z'></head>"
        b"<body><article><h1>Test article</h1>"
        b"<p>The Ministry of Commerce banned exports of memory chips on Tuesday.</p>"
        b"</article></body></html>"
    )

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        path, _, query = self.path.partition("?")
        params = dict(parse_qsl(query))
        if path == "/article":
            self._send(200, self.article, "text/html; charset=utf-8")
        elif path == "/latin1":
            body = "<html><body><p>Le ministère a annoncé une règle.</p></body></html>"
            self._send(200, body.encode("latin-1"), "text/html; charset=iso-8859-1")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", params["to"])
            self.end_headers()
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/chain/{left - 1}" if left else "/article")
            self.end_headers()
        elif path == "/big":
            self._send(200, b"x" * int(params["size"]), "text/plain")
        elif path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(int(params["size"]) // 1024):
                self.wfile.write(b"y" * 1024)
        elif path == "/slow":
            time.sleep(float(params.get("seconds", "3")))
            self._send(200, b"late", "text/plain")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"z")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/trickle-headers":
            # One header line at a time, each well within a read timeout, for 4 seconds.
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.flush_headers()
                for number in range(20):
                    self.wfile.write(f"X-Padding-{number}: z\r\n".encode())
                    self.wfile.flush()
                    time.sleep(0.2)
                self.end_headers()
                self.wfile.write(b"late")
            except OSError:
                pass
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/untyped":
            self._send(200, b"what am I", None)
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status, body, content_type):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that hangs up early (the size and time limits do) is expected here."""


@pytest.fixture(scope="session")
def article_server_address():
    """A local HTTP server on 127.0.0.1 for the whole test session: (host, port)."""
    server = QuietServer(("127.0.0.1", 0), ArticleHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def article_server(article_server_address, guarded_connections):
    """The base URL of the local test server (e.g. ``http://127.0.0.1:54321``), the only address
    the connection guard lets through."""
    host, port = article_server_address
    guarded_connections.allow((host, port))
    return f"http://{host}:{port}"


@pytest.fixture
def small_world():
    """Four published events and a candidate, with the counts worked out by hand:

    e1 ban/US, actors A+B, tag t1, two articles from publisher P
    e2 ban/CN, actor A, tags t1+t2, one article from Q
    e3 statement/US, actors B+C, no tags, articles from P and Q
    e5 report/no country, no actors, tag t1, no sources
    e4 is a candidate (never counted): statement/US, actor C, tag t2
    """
    a, b, c = (create_actor(name=name) for name in ("Agency A", "Agency B", "Agency C"))
    t1, t2 = create_tag(name="t1"), create_tag(name="t2")
    p1, p2 = create_source(publisher="P"), create_source(publisher="P")
    q1, q2 = create_source(publisher="Q"), create_source(publisher="Q")
    e1 = create_event(
        title="e1",
        event_type="ban",
        country="US",
        date_start=date(2025, 1, 10),
        actors=[a, b],
        tags=[t1],
        sources=[p1, p2],
    )
    e2 = create_event(
        title="e2",
        event_type="ban",
        country="CN",
        date_start=date(2025, 2, 5),
        actors=[a],
        tags=[t1, t2],
        sources=[q1],
    )
    e3 = create_event(
        title="e3",
        event_type="statement",
        country="US",
        date_start=date(2025, 2, 20),
        actors=[b, c],
        sources=[p1, q2],
    )
    create_event(
        title="e4",
        event_type="statement",
        country="US",
        date_start=date(2025, 3, 1),
        actors=[c],
        tags=[t2],
        status=Event.Status.CANDIDATE,
    )
    e5 = create_event(title="e5", event_type="report", date_start=date(2024, 12, 31), tags=[t1])
    return {"a": a, "b": b, "c": c, "t1": t1, "t2": t2, "events": (e1, e2, e3, e5)}
