"""Stored XSS on the editors' pages: hostile article text, quotes, names and URLs stay inert.

The public pages have their own checks in test_views_timeline_safety.py; these cover what an
article brought in by ingestion shows to editors, in the full page and in the htmx fragments.
"""

import re
from html.parser import HTMLParser

import pytest

from tests.factories import create_actor, create_citation, create_event, create_source, create_tag

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    '<div hx-get="/admin/" hx-trigger="load">x</div><a href="javascript:alert(3)">y</a>'
)


@pytest.fixture
def hostile_candidate():
    text = f"Intro line.\n\nThe agency {PAYLOAD} banned the app on Monday.\n\nEnd."
    source = create_source(
        url="javascript:alert(4)", title=f"Title {PAYLOAD}", publisher=f"Pub {PAYLOAD}", text=text
    )
    start = text.index("The agency")
    event = create_event(
        title=f"Candidate {PAYLOAD}",
        summary=f"Summary {PAYLOAD}",
        status="candidate",
        date_text=f"on {PAYLOAD}",
        actors=[create_actor(name=f"Actor {PAYLOAD}")],
        tags=[create_tag(name="Tag <script>alert(5)</script><b onclick=alert(6)>")],
    )
    create_citation(
        event=event,
        source=source,
        quote=text[start : text.index("Monday.") + 7],
        start_offset=start,
        end_offset=text.index("Monday.") + 7,
    )
    return event, source


class _Elements(HTMLParser):
    """Every element and attribute the browser would build from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data


def assert_inert(html: str) -> None:
    elements = _Elements()
    elements.feed(html)
    assert "alert(" not in elements.script_text
    for tag, name, value in elements.attributes:
        assert not name.startswith("on"), (tag, name, value)
        if name.startswith("hx-") or name in {"href", "src", "action", "formaction"}:
            assert 'admin/" hx-trigger' not in value
            assert not re.match(r"(?i)\s*(javascript|data|vbscript):", value), (tag, name, value)
    assert 'hx-trigger="load"' not in html


def _pages(event, source):
    return [
        "/review/",
        f"/review/sources/{source.pk}/",
        f"/review/events/{event.pk}/",
        f"/admin/timeline/event/{event.pk}/change/",
        f"/admin/timeline/source/{source.pk}/change/",
        "/admin/timeline/event/",
        "/admin/timeline/actor/",
    ]


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "fragment"])
def test_hostile_article_content_is_inert_on_every_editor_page(
    editor_client, hostile_candidate, headers
):
    event, source = hostile_candidate
    for path in _pages(event, source):
        response = editor_client.get(path, headers=headers)
        assert response.status_code == 200, path
        assert_inert(response.content.decode())


def test_the_review_screen_shows_the_hostile_text_escaped_inside_its_highlight(
    editor_client, hostile_candidate
):
    event, source = hostile_candidate
    html = editor_client.get(f"/review/sources/{source.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert re.search(r"<mark[^>]*>The agency &quot;&gt;&lt;script&gt;", html)
