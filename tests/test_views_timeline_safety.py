"""Text and links that readers, editors or imported articles supply are rendered inert."""

import re

import pytest

from tests.factories import create_actor, create_citation, create_event, create_source, create_tag

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
UNSAFE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/path",
    "/relative/path",
    "https://user:pass@evil.example/",
    "https://evil.example/a b",
]


@pytest.fixture
def hostile_event():
    event = create_event(
        title=f"Title {HOSTILE}",
        summary=f"Summary {HOSTILE}",
        actors=[create_actor(name=f"Actor {HOSTILE}")],
        tags=[create_tag(name=f"Tag {HOSTILE}")],
        country="US",
    )
    for number, url in enumerate(UNSAFE_URLS):
        create_citation(
            event=event,
            source=create_source(
                url=url, title=f"Unsafe {number} {HOSTILE}", publisher=f"Pub {HOSTILE}"
            ),
            quote=f"Quote </blockquote>{HOSTILE}",
        )
    create_citation(
        event=event,
        source=create_source(url="https://news.example/ok?a=1&b=2", title="Safe article"),
    )
    return event


def assert_inert(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "")
    hrefs = re.findall(r'href="([^"]*)"', html)
    for href in hrefs:
        assert href.startswith(("/", "?", "https://", "#")), href
        assert not href.startswith("//"), href
    assert not re.search(r"(?i)href=\"\s*(javascript|data|vbscript):", html)


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "fragment"])
def test_user_supplied_text_and_urls_are_inert_on_the_timeline(client, hostile_event, headers):
    html = client.get("/", headers=headers).content.decode()

    assert_inert(html)
    assert "Title &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Actor &quot;&gt;&lt;script&gt;" in html  # on the card and in the facet
    # Only the http(s) source became a link; the others are plain text.
    assert 'href="https://news.example/ok?a=1&amp;b=2" rel="noopener noreferrer"' in html
    assert html.count('rel="noopener noreferrer"') == 1
    assert html.count("<cite>Unsafe ") == len(UNSAFE_URLS)


def test_user_supplied_text_is_inert_on_the_event_page(client, hostile_event):
    html = client.get(f"/events/{hostile_event.pk}/").content.decode()

    assert_inert(html)
    assert "Quote &lt;/blockquote&gt;&quot;&gt;&lt;script&gt;" in html


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "fragment"])
def test_query_parameters_are_echoed_escaped(client, hostile_event, headers):
    response = client.get(
        "/",
        {"q": HOSTILE, "start": HOSTILE, "actor": HOSTILE, "source": HOSTILE},
        headers=headers,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert_inert(html)
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in html
