"""Links built for the timeline page, the event cards, and which addresses may become links."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.utils.html import escape

from tests.factories import create_actor, create_event, create_source, create_tag
from timeline.public.page import Link, Links, dom_id, event_cards, safe_http_url


@pytest.fixture
def links():
    return Links("/", QueryDict("actor=a&q=&type=ban&after=TOKEN&sort=newest"))


def test_only_replaces_one_filter_and_keeps_the_rest(links):
    assert links.only("type", "report") == "/?actor=a&sort=newest&type=report"


def test_toggle_adds_or_removes_one_value(links):
    assert links.toggle("actor", "b") == "/?actor=a&type=ban&sort=newest&actor=b"
    assert links.toggle("actor", "a") == "/?type=ban&sort=newest"


def test_without_removes_parameters_and_an_empty_query_leaves_the_bare_path(links):
    assert links.without("actor", "type") == "/?sort=newest"
    assert Links("/", QueryDict("after=X&q=")).without("after") == "/"


def test_every_link_starts_a_new_view_at_its_first_page_except_the_next_page(links):
    assert "after" not in links.replace(start="2025-03", end="2025-03")
    assert links.next_page("NEXT") == "/?actor=a&type=ban&sort=newest&after=NEXT"


def test_values_are_url_encoded():
    links = Links("/", QueryDict())
    assert links.only("source", "Wire & Co/ü") == "/?source=Wire+%26+Co%2F%C3%BC"
    kept = Links("/", QueryDict("source=Wire+%26+Co%2F%C3%BC&q=a+b%3Dc"))
    assert kept.toggle("type", "ban") == "/?source=Wire+%26+Co%2F%C3%BC&q=a+b%3Dc&type=ban"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://news.example/a?b=1#c", True),
        ("http://news.example", True),
        ("HTTPS://NEWS.EXAMPLE/", True),
        ("javascript:alert(1)", False),
        (" https://news.example/", False),
        ("https://news.example/a b", False),
        ("https://user:pw@news.example/", False),
        ("//news.example/", False),
        ("/relative", False),
        ("data:text/html,x", False),
        ("", False),
        (None, False),
    ],
)
def test_only_absolute_http_addresses_become_links(url, shown):
    assert bool(safe_http_url(url)) is shown
    assert safe_http_url(url) in ("", url)


def test_dom_ids_are_stable_and_distinct_for_similar_values():
    assert dom_id("A.P.") == dom_id("A.P.")
    assert dom_id("A.P.") != dom_id("AP")
    assert dom_id("<x>").startswith("x-")


def test_templates_read_presenter_fields_and_print_nothing_for_a_missing_one():
    template = Template("{{ link.label }} <{{ link.url }}>{{ link.missing }}{{ link.label.upper }}")

    printed = template.render(Context({"link": Link(label="Ban & <b>", url="/?type=ban")}))

    assert printed == "Ban &amp; &lt;b&gt; </?type=ban>BAN &amp; &lt;B&gt;"


@pytest.mark.django_db
def test_a_card_links_to_its_event_and_prints_its_links_as_autoescaping_would():
    """The card's address is built once per page, its links escaped once when built: printed,
    both are what ``get_absolute_url`` and the template's own escaping would give."""
    actor, tag = create_actor(name="Trade & Industry"), create_tag(name="chips <b>")
    events = [
        create_event(title=f"e{n}", actors=[actor], tags=[tag], sources=[create_source()])
        for n in range(2)
    ]
    links = Links("/", QueryDict("q=a+%26+b&type=ban"))

    cards = event_cards(events, links)

    assert [card.url for card in cards] == [event.get_absolute_url() for event in events]
    template = Template("{{ card.dom_id }} {{ card.type.url }} {{ card.actors.0.url }}")
    printed = template.render(Context({"card": cards[0]}))
    first = events[0]
    expected = [
        f"event-{first.pk}",
        links.only("type", first.event_type),
        links.only("actor", actor.slug),
    ]
    assert printed == " ".join(escape(text) for text in expected)
    assert "&amp;" in printed and "&amp;amp;" not in printed
