"""What a reader meets on ``/``: every facet value reachable, headings as precise as the dates,
the visual view, and wording that explains itself (issue 16)."""

import re
from datetime import date

import pytest

from tests.factories import create_actor, create_event, create_source

pytestmark = pytest.mark.django_db


def facet_labels(html: str, param: str) -> list[str]:
    nav = html[html.index(f'id="facet-{param}"') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'<span class="facet-label">(?:<span[^>]*>[^<]*</span>)?([^<]+)</span>', nav)


@pytest.fixture
def twelve_actors():
    # Actor 00 acts in 12 events, Actor 01 in 11 ... Actor 11 in 1: the last two are outside
    # the busiest ten.
    actors = [create_actor(name=f"Actor {number:02d}") for number in range(12)]
    for count in range(12):
        create_event(title=f"Event {count}", event_type="ban", actors=actors[: 12 - count])
    return actors


def test_a_facet_beyond_its_top_ten_offers_show_all_with_a_plain_link(client, twelve_actors):
    html = client.get("/?type=ban").content.decode()

    assert len(facet_labels(html, "actor")) == 10
    assert "Actor 11" not in facet_labels(html, "actor")
    assert re.search(
        r'<a class="facet-more" href="/\?type=ban&amp;facet=actor#facet-actor" '
        r'hx-get="/\?type=ban&amp;facet=actor"[^>]*>Show all 12',
        html,
    )


def test_show_all_lists_every_value_and_opens_the_filters(client, twelve_actors):
    html = client.get("/?type=ban&facet=actor").content.decode()

    assert facet_labels(html, "actor") == [f"Actor {number:02d}" for number in range(12)]
    assert '<details class="filters" id="filters" open>' in html
    # Picking a value closes the long list again: the link does not carry facet=.
    assert 'href="/?type=ban&amp;actor=actor-11"' in html
    assert 'href="/?type=ban" hx-get="/?type=ban">Show the busiest only</a>' in html


def test_a_facet_search_narrows_its_values_by_name(client, twelve_actors):
    html = client.get("/?facet=actor&facet_q=r 1").content.decode()

    assert facet_labels(html, "actor") == ["Actor 10", "Actor 11"]
    assert '<input type="hidden" name="facet" value="actor">' in html
    assert 'name="facet_q" id="facet-actor-q" value="r 1"' in html

    html = client.get("/?facet=actor&facet_q=zebra").content.decode()
    assert "No actor contains “zebra”." in html


def test_headings_are_never_finer_than_the_dates_under_them(client):
    create_event(title="Day event", date_start=date(2023, 1, 1))
    create_event(
        title="Year event", date_start=date(2023, 1, 1), date_end=date(2023, 12, 31),
        precision="year",
    )  # fmt: skip
    create_event(
        title="Quarter event", date_start=date(2023, 4, 1), date_end=date(2023, 6, 30),
        precision="quarter",
    )  # fmt: skip

    html = client.get("/?sort=oldest").content.decode()

    headings = re.findall(r'<h2 class="period-heading">(.*?)</h2>', html)
    assert headings == ["January 2023", "2023", "Q2 2023"]
    assert html.index("2023</h2>") < html.index("Year event") < html.index("Q2 2023</h2>")


def test_the_visual_view_shares_the_filters_and_keeps_the_list_for_readers_without_scripts(
    client,
):
    create_event(title="Ban announced", event_type="ban")

    html = client.get("/?type=ban&view=visual").content.decode()

    assert 'data-src="/export.json?type=ban"' in html
    assert re.search(
        r'data-script="/static/vendor/vis-timeline/vis-timeline-graph2d\.min\.\w*\.?js"', html
    )
    assert '<input type="hidden" name="view" value="visual">' in html
    assert 'aria-current="true">Visual</a>' in html
    assert 'href="/?type=ban" hx-get="/?type=ban">List</a>' in html
    assert "Ban announced" in html  # the list is still there
    assert "style=" not in html


def test_the_list_view_links_to_the_visual_view_of_the_same_filters(client):
    create_event(title="Ban announced", event_type="ban")

    html = client.get("/?type=ban").content.decode()

    assert 'href="/?type=ban&amp;view=visual"' in html
    assert 'id="visual-timeline"' not in html


def test_empty_date_fields_show_no_example_that_could_pass_for_a_filter(client):
    create_event()

    html = client.get("/").content.decode()

    assert "placeholder=" not in html
    assert "2025-01-31, March 2025, Q1 2025" in html  # the examples are in the help text


def test_a_card_says_how_many_publishers_report_the_event(client):
    create_event(sources=[create_source(publisher="Wire")])

    html = client.get("/").content.decode()

    assert "Reported by 1 publisher</summary>" in html
    assert "independent source" not in html
