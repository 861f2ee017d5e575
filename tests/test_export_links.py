"""The timeline page links every format for the filters it shows."""

from __future__ import annotations

import re

import pytest

from tests.factories import create_event
from timeline.models import Event

pytestmark = pytest.mark.django_db

FORMATS = ["/export.csv", "/export.json", "/feed.atom", "/calendar.ics", "/api/events"]


def export_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="export-links".*?</nav>', html, re.DOTALL).group()
    return re.findall(r'href="([^"]+)"', nav)


def test_every_format_is_linked_with_the_current_filters(client):
    create_event(title="A ban", event_type=Event.Type.BAN, country="US")

    html = client.get("/?type=ban&country=US&sort=newest").content.decode()

    assert export_links(html) == [
        f"{url}?type=ban&amp;country=US&amp;sort=newest" for url in FORMATS
    ]
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/calendar.ics?type=ban&amp;country=US&amp;sort=newest"' in html


def test_links_leave_out_the_page_cursor_and_follow_the_fragment(client):
    for number in range(30):
        create_event(title=f"Event {number}")
    first = client.get("/").content.decode()
    after = re.search(r"after=([\w-]+)", first).group(1)

    fragment = client.get(f"/?q=event&after={after}", headers={"HX-Request": "true"})

    assert export_links(fragment.content.decode()) == [f"{url}?q=event" for url in FORMATS]


def test_links_of_an_unfiltered_view_have_no_query(client):
    create_event()

    assert export_links(client.get("/").content.decode()) == FORMATS
