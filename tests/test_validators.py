"""Source addresses are http(s): refused otherwise when entered, never linked otherwise on output.

Django's URL fields also accept ftp:// and ftps://, and rows written through the ORM (a shell, a
script, an old import) skip validation, so the Atom feed, the TimelineJS file, the calendar and
the pages check each address again before it becomes a link.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import create_event, create_source
from timeline.models import Source
from timeline.validators import safe_http_url, validate_http_url

HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example.org/report.pdf",
    "ftps://files.example.org/report.pdf",
    "file:///etc/passwd",
    "//news.example.org/relative",
]


@pytest.mark.parametrize("url", ["https://news.example.org/a?b=c#d", "http://example.org/"])
def test_web_addresses_pass_the_validator(url):
    validate_http_url(url)
    assert safe_http_url(url) == url


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_other_schemes_fail_the_validator_and_are_never_links(url):
    with pytest.raises(ValidationError, match="starts with http:// or https://"):
        validate_http_url(url)
    assert safe_http_url(url) == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://files.example.org/report.pdf", "Enter a web address that starts with http://"),
        ("javascript:alert(1)", "Enter a valid URL."),
    ],
)
def test_the_admin_refuses_a_source_address_that_is_not_http(editor_client, url, message):
    data = {
        "url": url,
        "title": "Story",
        "published_on": "2025-01-29",
        "language": "en",
        "origin": "admin",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }

    response = editor_client.post(reverse("admin:timeline_source_add"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Source.objects.exists()


@pytest.fixture
def hostile_source(db):
    """A source whose address was written through the ORM, past the validators."""
    source = create_source(title="Planted", url="https://news.example.org/placeholder")
    Source.objects.filter(pk=source.pk).update(url="javascript:alert(document.cookie)")
    create_event(title="Ban announced", sources=[source])
    return source


def _content(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def test_the_atom_feed_links_only_web_addresses(client, hostile_source):
    atom = _content(client.get("/feed.atom"))

    assert "Planted" in atom
    assert "javascript:" not in atom


def test_the_timelinejs_file_links_only_web_addresses(client, hostile_source):
    data = json.loads(_content(client.get("/export.json")))

    text = data["events"][0]["text"]["text"]
    assert "Planted" in text and "href" not in text
    assert "javascript:" not in json.dumps(data)


def test_the_calendar_names_only_web_addresses(client, hostile_source):
    ics = _content(client.get("/calendar.ics"))

    assert "Planted" in ics
    assert "javascript:" not in ics


def test_pages_link_only_web_addresses(client, hostile_source):
    event = hostile_source.citations.get().event
    for url in ["/", event.get_absolute_url()]:
        html = _content(client.get(url))
        assert "Planted" in html
        assert "javascript:" not in html
