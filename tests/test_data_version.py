"""Every write path shows on the timeline at once: the data version (migration 0014) changes
with every write, however it is made, and cached counts and pages are keyed by it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import create_actor, create_event, create_source
from timeline.editors.merging import merge_events
from timeline.imports.csv import import_csv
from timeline.models import Event
from timeline.results import data_version

ROOT = Path(__file__).resolve().parent.parent
RESULTS = {"HX-Request": "true", "HX-Target": "results"}


def shown(client) -> str:
    """The result count the timeline shows ("3 events"), read twice so the second answer comes
    from the cache when nothing changed."""
    first = client.get("/", headers=RESULTS).content.decode()
    second = client.get("/", headers=RESULTS).content.decode()
    assert first == second
    start = second.index('<p class="result-count">')
    return second[start : second.index("</p>", start)]


def exported(client) -> list[str]:
    """The titles in ``/export.csv``."""
    lines = client.get("/export.csv").getvalue().decode("utf-8-sig").splitlines()[1:]
    return sorted(line.split(",")[1] for line in lines)


def events(count: int) -> str:
    return f"<strong>{count}</strong> event{'s' if count != 1 else ''}"


@pytest.mark.django_db
def test_the_version_changes_with_every_kind_of_write():
    actor, source = create_actor(name="Agency"), create_source(title="Report")
    before = data_version()
    event = create_event(title="Ban", actors=[actor], sources=[source])
    seen = {before, data_version()}
    for write in (
        lambda: Event.objects.filter(pk=event.pk).update(title="Ban widened"),
        lambda: event.tags.create(name="chips", slug="chips"),
        lambda: event.citations.update(quote="New quote."),
        lambda: type(source).objects.filter(pk=source.pk).update(publisher="Wire"),
        lambda: type(actor).objects.filter(pk=actor.pk).update(name="Agency Two"),
        lambda: event.event_actors.all().delete(),
    ):
        write()
        version = data_version()
        assert version not in seen
        seen.add(version)


@pytest.mark.django_db
def test_a_bulk_update_shows_at_once(client):
    create_event(title="One")
    create_event(title="Two", status=Event.Status.CANDIDATE)
    assert events(1) in shown(client)

    Event.objects.update(status=Event.Status.PUBLISHED)  # sends no signal

    assert events(2) in shown(client)
    assert exported(client) == ["One", "Two"]


@pytest.mark.django_db
def test_the_admin_publish_action_shows_at_once(client, editor_client):
    candidates = [create_event(title=f"C{n}", status=Event.Status.CANDIDATE) for n in range(3)]
    create_event(title="Published")
    assert events(1) in shown(client)

    editor_client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "publish", "_selected_action": [event.pk for event in candidates]},
    )

    assert events(4) in shown(client)
    assert exported(client) == ["C0", "C1", "C2", "Published"]


@pytest.mark.django_db
def test_a_merge_shows_at_once(client):
    survivor = create_event(title="Ban announced")
    duplicate = create_event(title="Ban announced again")
    assert events(2) in shown(client)

    merge_events(survivor, [duplicate])

    assert events(1) in shown(client)
    assert exported(client) == ["Ban announced"]


@pytest.mark.django_db
def test_an_import_shows_at_once(client):
    create_event(title="Before")
    assert events(1) in shown(client)

    plan = import_csv(b"title,date_start,status\nImported,2025-03-07,published\n")

    assert plan.is_valid
    assert events(2) in shown(client)
    assert "Imported" in client.get("/").content.decode()


def subprocess_env() -> dict[str, str]:
    """This test database, for another process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings['NAME']}"
    else:
        url = (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
    return os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings"}


@pytest.mark.django_db(transaction=True)
def test_a_delete_from_a_shell_in_another_process_shows_at_once(client):
    for n in range(3):
        create_event(title=f"Event {n}")
    assert events(3) in shown(client)

    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from timeline.models import Event; Event.objects.filter(title='Event 1').delete()"],
        cwd=ROOT, env=subprocess_env(), check=True, capture_output=True, timeout=60,
    )  # fmt: skip

    assert events(2) in shown(client)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int) -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers=RESULTS)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def redis_url() -> str | None:
    """Redis db 7 on this machine when it runs (CI has it), for a cache both servers share."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return None
    return "redis://127.0.0.1:6379/7"


@pytest.mark.django_db(transaction=True)
def test_two_servers_sharing_the_database_and_cache_both_show_a_write_at_once():
    create_event(title="First")
    env = subprocess_env() | {"DJANGO_ALLOWED_HOSTS": "127.0.0.1"}
    if url := redis_url():
        env |= {"REDIS_URL": url, "TEST_CACHE_KEY_PREFIX": f"two-servers-{os.getpid()}"}
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for port in ports
    ]
    try:
        for port in ports:
            deadline = time.monotonic() + 30
            while True:
                try:
                    page = fetch(port)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            assert events(1) in page

        Event.objects.update(title="Renamed")
        create_event(title="Second")

        for port in ports:
            page = fetch(port)
            assert events(2) in page
            assert "Renamed" in page
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


@pytest.mark.django_db
def test_a_cached_page_shows_edited_titles_and_names_at_once(client):
    """The rendered page is cached too: a bulk edit of a title and of an actor's name (no
    signal) shows on the next request all the same."""
    actor = create_actor(name="Agency")
    create_event(title="Ban", actors=[actor])
    assert events(1) in shown(client)

    Event.objects.update(title="Ban widened")
    type(actor).objects.filter(pk=actor.pk).update(name="Renamed Agency")

    page = client.get("/", headers=RESULTS).content.decode()
    assert "Ban widened" in page and "Renamed Agency" in page
