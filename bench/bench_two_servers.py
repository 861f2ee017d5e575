"""A publish through one web server, seen by another server on its next request.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/pt_bench   # never a real database
    export REDIS_URL=redis://127.0.0.1:6379/0
    .venv/bin/python bench/bench_two_servers.py --events 10000 --trials 20

Two deployments' worth of web servers on one machine: two gunicorn servers (production settings,
DEBUG off) on two ports, sharing only the PostgreSQL database and the Redis cache, as two
machines behind a load balancer would. The database gets N synthetic published events (``manage.py
generate_events``; reused when already there) and K candidate events tagged ``two-servers-bench``.

Each trial first reads, on server B, the timeline fragment (unfiltered total and the tag's
count), ``/export.csv``, ``/api/events`` and ``/feed.atom`` filtered by the tag, twice, so B's
answers are in the shared cache. An editor then publishes one candidate with the admin's
"Publish selected events" action on server A (a bulk ``update()``, which sends no signal). The
next request of each kind to server B must show it: one more event in the counts, the event's
title in the CSV, the API and the feed. The bench prints, per trial and URL, whether the first
request after the publish showed it, and the time from A's answer to B's answer.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from http.client import HTTPConnection, HTTPResponse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"
TAG = "two-servers-bench"
PASSWORD = secrets.token_urlsafe(16)
RESULTS = {"HX-Request": "true", "HX-Target": "results"}
# Production settings send cookies over HTTPS only; the servers sit behind a proxy that says so.
HTTPS = {"X-Forwarded-Proto": "https"}
TOTAL = re.compile(rb'class="result-count"><strong>([\d,]+)</strong>')


def server_env(args: argparse.Namespace) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "timeline.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=sys.stderr
    )


def prepare(env: dict[str, str], events: int, trials: int) -> list[tuple[int, str]]:
    """Synthetic events, ``trials`` fresh candidates with the bench tag, an editor; the
    candidates' (id, title)."""
    manage(env, "migrate", "--noinput", "-v", "0")
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from timeline.models import Event, Tag
    from timeline.sample_data.synthetic import SYNTHETIC_TAG

    marker = Tag.objects.filter(slug=SYNTHETIC_TAG).first()
    if (marker.events.count() if marker else 0) != events:
        if marker:
            manage(env, "generate_events", "--delete")
        manage(env, "generate_events", "--count", str(events))
    Event.objects.filter(tags__slug=TAG).delete()
    tag, _ = Tag.objects.get_or_create(slug=TAG, defaults={"name": "Two servers bench"})
    run = secrets.token_hex(3)
    candidates = []
    for n in range(1, trials + 1):
        event = Event.objects.create(
            title=f"Bench publish {run} number {n}",
            event_type="ban",
            status=Event.Status.CANDIDATE,
            date_start="2025-03-07",
            date_end="2025-03-07",
        )
        event.tags.add(tag)
        candidates.append((event.pk, event.title))
    get_user_model().objects.filter(username="two-servers-bench").delete()
    get_user_model().objects.create_superuser("two-servers-bench", password=PASSWORD)
    return candidates


class Browser:
    """One keep-alive connection to one server, with its own cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = HTTPConnection(HOST, port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, *, headers: dict | None = None, form: dict | None = None
    ) -> tuple[HTTPResponse, bytes]:
        headers = {**HTTPS, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HOST}:{self.port}{path}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response, content

    def csrf_token(self, path: str) -> str:
        _, content = self.request("GET", path)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)[1].decode()

    def log_in(self) -> None:
        token = self.csrf_token("/admin/login/")
        response, _ = self.request(
            "POST",
            "/admin/login/",
            form={
                "csrfmiddlewaretoken": token,
                "username": "two-servers-bench",
                "password": PASSWORD,
                "next": "/admin/",
            },
        )
        assert response.status == 302, f"admin login failed: {response.status}"

    def publish(self, event_id: int) -> None:
        """The admin's "Publish selected events" action on one event."""
        changelist = "/admin/timeline/event/"
        token = self.csrf_token(f"{changelist}?status__exact=candidate")
        response, content = self.request(
            "POST",
            f"{changelist}?status__exact=candidate",
            form={
                "csrfmiddlewaretoken": token,
                "action": "publish",
                "select_across": "0",
                "index": "0",
                "_selected_action": [str(event_id)],
            },
        )
        assert response.status == 302, f"publish failed: {response.status} {content[:300]!r}"


def observations(browser: Browser) -> dict[str, tuple[int, str, float]]:
    """What server B shows, per URL: (count, text to look for the title in, milliseconds)."""
    seen = {}
    tag = f"tag={TAG}"
    for url, path, headers in (
        ("/ (all events)", "/", RESULTS),
        (f"/?{tag}", f"/?{tag}", RESULTS),
        ("/export.csv", f"/export.csv?{tag}", {}),
        ("/api/events", f"/api/events?{tag}&limit=100", {}),
        ("/feed.atom", f"/feed.atom?{tag}", {}),
    ):
        started = time.perf_counter()
        response, content = browser.request("GET", path, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status == 200, (path, response.status)
        if url.startswith("/ (all"):
            count, text = int(TOTAL.search(content)[1].replace(b",", b"")), ""
        elif url.startswith("/?"):
            count, text = int(TOTAL.search(content)[1].replace(b",", b"")), content.decode()
        elif url == "/export.csv":
            text = content.decode("utf-8-sig")
            count = len(list(csv.reader(io.StringIO(text)))) - 1
        elif url == "/api/events":
            results = json.loads(content)["results"]
            count, text = len(results), json.dumps(results, ensure_ascii=False)
        else:
            text = content.decode()
            count = text.count("<entry>")
        seen[url] = (count, text, elapsed)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000, help="synthetic events")
    parser.add_argument("--trials", type=int, default=20, help="publishes to observe")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per server")
    parser.add_argument("--ports", type=int, nargs=2, default=(8731, 8732))
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pt_bench"),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("--database-url must name a PostgreSQL database")

    env = server_env(args)
    candidates = prepare(env, args.events, args.trials)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    servers = [
        subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "timeline.wsgi:application",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        for port in args.ports
    ]
    try:
        for port in args.ports:
            wait_for(HOST, port, "/healthz")
        editor, reader = Browser(args.ports[0]), Browser(args.ports[1])
        editor.log_in()
        latencies: dict[str, list[float]] = {}
        held: dict[str, int] = {}
        for n, (event_id, title) in enumerate(candidates):
            before = observations(reader)
            observations(reader)  # B's answers now come from the shared cache
            editor.publish(event_id)
            for url, (count, text, elapsed) in observations(reader).items():
                shown = count == before[url][0] + 1 and (not text or title in text)
                held[url] = held.get(url, 0) + shown
                latencies.setdefault(url, []).append(elapsed)
                if not shown:
                    print(f"trial {n + 1}: {url} on B does not show the publish yet")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(ROOT / "staticfiles", ignore_errors=True)

    print(
        f"\nPostgreSQL + Redis, {args.events:,} synthetic events, gunicorn {args.workers} "
        f"worker(s) per server, {args.trials} publishes on A (port {args.ports[0]}) read on B "
        f"(port {args.ports[1]})"
    )
    print(f"{'next request on B':<32}{'showed it':>12}{'p50 ms':>10}{'max ms':>10}")
    for url, samples in latencies.items():
        print(
            f"{url:<32}{f'{held[url]}/{args.trials}':>12}"
            f"{statistics.median(samples):>10.1f}{max(samples):>10.1f}"
        )
    print("\nms: the time of the first request to B after A answered the publish.")


if __name__ == "__main__":
    main()
