"""A long article is reviewed a page of cards at a time, beside its stretch of the text."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import create_actor, create_event, create_source
from tests.test_review import candidate_in, card_data
from timeline.editors.review import CANDIDATES_PER_PAGE
from timeline.models import Event

pytestmark = pytest.mark.django_db


def sentence(number):
    return f"Measure {number:03d} was announced on Thursday."


def long_article(count, *, actors=()):
    """A source of ``count`` sentences, each the evidence of one candidate, in text order."""
    source = create_source(text=" ".join(sentence(n) for n in range(count)))
    events = [
        candidate_in(source, sentence(n), title=f"Measure {n:03d}", actors=actors)
        for n in range(count)
    ]
    return source, events


def card_ids(html):
    return [int(pk) for pk in re.findall(r'<article class="card[^"]*" id="candidate-(\d+)"', html)]


def test_the_first_page_shows_25_cards_and_links_to_the_next(editor_client):
    source, events = long_article(CANDIDATES_PER_PAGE + 5)

    html = editor_client.get(f"/review/sources/{source.pk}/").content.decode()

    assert card_ids(html) == [event.pk for event in events[:CANDIDATES_PER_PAGE]]
    assert 'href="?page=2"' in html and 'hx-get="?page=2"' in html
    assert f"Candidates 1–25 of {CANDIDATES_PER_PAGE + 5}" in html
    # The whole undecided count, not the page's, is offered for bulk acceptance.
    assert f"Accept all {CANDIDATES_PER_PAGE + 5} undecided" in html
    # The text of the page runs up to the next page's first evidence.
    assert sentence(CANDIDATES_PER_PAGE - 1) in html
    assert sentence(CANDIDATES_PER_PAGE) not in html


def test_the_second_page_shows_the_next_cards_and_the_rest_of_the_text(editor_client):
    source, events = long_article(CANDIDATES_PER_PAGE + 5)

    html = editor_client.get(f"/review/sources/{source.pk}/?page=2").content.decode()

    assert card_ids(html) == [event.pk for event in events[CANDIDATES_PER_PAGE:]]
    assert 'href="?page=1"' in html and "?page=3" not in html
    assert f'<mark class="evidence" id="evidence-{events[-1].pk}">{sentence(29)}</mark>' in html
    assert sentence(CANDIDATES_PER_PAGE - 1) not in html


def test_the_next_page_comes_as_an_htmx_fragment_that_varies_on_it(editor_client):
    source, events = long_article(CANDIDATES_PER_PAGE + 1)

    fragment = editor_client.get(f"/review/sources/{source.pk}/?page=2", HTTP_HX_REQUEST="true")

    html = fragment.content.decode()
    assert "<html" not in html and 'id="review-page"' in html
    assert card_ids(html) == [events[-1].pk]
    assert "HX-Request" in fragment["Vary"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "999", ""])
def test_a_page_number_out_of_range_or_not_a_number_shows_a_page(editor_client, page):
    source, events = long_article(CANDIDATES_PER_PAGE + 1)

    response = editor_client.get(f"/review/sources/{source.pk}/", {"page": page})

    assert response.status_code == 200
    assert card_ids(response.content.decode()) in (
        [event.pk for event in events[:CANDIDATES_PER_PAGE]],
        [events[-1].pk],
    )


def test_without_javascript_a_decision_returns_to_the_cards_page(editor_client):
    source, events = long_article(CANDIDATES_PER_PAGE + 2)
    later = events[CANDIDATES_PER_PAGE + 1]

    response = editor_client.post(
        f"/review/events/{later.pk}/", card_data(later, source, action="reject")
    )

    assert response.status_code == 302
    assert response.url == f"/review/sources/{source.pk}/?page=2#candidate-{later.pk}"
    later.refresh_from_db()
    assert later.status == Event.Status.REJECTED


def test_the_queries_of_a_page_do_not_grow_with_the_candidates(
    editor_client, django_assert_max_num_queries
):
    agency = create_actor(name="Agency of Things")
    create_event(title="Published measure", actors=[agency], date_start=date(2025, 3, 6))
    few, _ = long_article(CANDIDATES_PER_PAGE + 1, actors=[agency])
    many, _ = long_article(3 * CANDIDATES_PER_PAGE, actors=[agency])
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(f"/review/sources/{few.pk}/").status_code == 200

    with django_assert_max_num_queries(len(queries)):
        response = editor_client.get(f"/review/sources/{many.pk}/?page=2")

    assert len(card_ids(response.content.decode())) == CANDIDATES_PER_PAGE
