"""The review queue narrowed to one story: the articles one watch found, or one tag."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import create_event, create_source, create_tag
from timeline.models import Event, Source, Watch, WatchItem

pytestmark = pytest.mark.django_db

URL = "/review/"


def found_by(watch: Watch, *, title: str, tags=()) -> Source:
    """An article the watch found, with one candidate event."""
    source = create_source(title=title)
    WatchItem.objects.create(
        watch=watch, url=source.url, source=source, status=WatchItem.Status.STORED
    )
    create_event(status=Event.Status.CANDIDATE, sources=[source], tags=tags)
    return source


def test_a_watch_narrows_the_queue_to_the_articles_it_found(editor_client):
    chips = Watch.objects.create(url="https://news.example.org/chips.xml", name="Chips")
    other = Watch.objects.create(url="https://news.example.org/other.xml", name="Other")
    found_by(chips, title="Chip rule widened")
    found_by(other, title="Unrelated ruling")
    pasted = create_source(title="Pasted by hand")
    create_event(status=Event.Status.CANDIDATE, sources=[pasted])

    html = editor_client.get(URL, {"watch": chips.pk}).content.decode()

    assert "Chip rule widened" in html
    assert "Unrelated ruling" not in html
    assert "Pasted by hand" not in html
    assert "the articles of the watch “Chips”" in html


def test_a_tag_narrows_the_queue_and_counts_only_that_tags_candidates(editor_client):
    chips = create_tag(name="chips")
    source = create_source(title="Two stories in one article")
    create_event(status=Event.Status.CANDIDATE, sources=[source], tags=[chips])
    create_event(status=Event.Status.CANDIDATE, sources=[source])
    create_event(status=Event.Status.CANDIDATE, sources=[create_source(title="Untagged")])

    response = editor_client.get(URL, {"tag": chips.slug})

    html = response.content.decode()
    assert "Two stories in one article" in html
    assert "Untagged" not in html
    assert [source.undecided for source in response.context["sources"]] == [1]


def test_an_unknown_watch_narrows_to_nothing_and_says_so(editor_client):
    create_event(status=Event.Status.CANDIDATE, sources=[create_source(title="Anything")])

    html = editor_client.get(URL, {"watch": "999"}).content.decode()

    assert "Anything" not in html
    assert "No such watch or tag" in html


def test_the_htmx_fragment_is_the_narrowed_list_alone(editor_client):
    chips = Watch.objects.create(url="https://news.example.org/chips.xml", name="Chips")
    found_by(chips, title="Chip rule widened")

    response = editor_client.get(URL, {"watch": chips.pk}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="review-results"' in html
    assert "Chip rule widened" in html
    assert "HX-Request" in response["Vary"]


def test_the_full_page_keeps_the_story_in_its_form(editor_client):
    chips = Watch.objects.create(url="https://news.example.org/chips.xml", name="Chips")

    html = editor_client.get(URL, {"watch": chips.pk}).content.decode()

    assert "<html" in html
    assert f'<option value="{chips.pk}" selected>Chips</option>' in html
    assert 'hx-push-url="true"' in html


def test_a_story_costs_the_same_queries_for_one_article_or_twenty(
    editor_client, django_assert_num_queries
):
    chips = Watch.objects.create(url="https://news.example.org/chips.xml", name="Chips")
    tag = create_tag(name="chips")
    found_by(chips, title="Article 0", tags=[tag])
    query = {"watch": chips.pk, "tag": tag.slug}
    with CaptureQueriesContext(connection) as one:
        editor_client.get(URL, query)
    for number in range(1, 20):
        found_by(chips, title=f"Article {number}", tags=[tag])
    with django_assert_num_queries(len(one.captured_queries)):
        response = editor_client.get(URL, query)
    assert len(response.context["sources"]) == 20


def test_the_watch_page_links_to_the_review_of_its_story(editor_client):
    chips = Watch.objects.create(url="https://news.example.org/chips.xml", name="Chips")
    found_by(chips, title="Chip rule widened")

    html = editor_client.get("/watches/").content.decode()

    assert f'href="/review/?watch={chips.pk}"' in html
    assert "Review this story" in html


def test_the_watch_page_links_to_the_public_timeline_of_its_tag(editor_client):
    story = create_tag(name="Chips")
    Watch.objects.create(url="https://news.example.org/chips.xml", name="Chips", tag=story)

    html = editor_client.get("/watches/").content.decode()

    assert f'href="/?tag={story.slug}"' in html
    assert "Timeline of #Chips" in html


def test_an_editor_gives_a_new_watch_its_story_tag(editor_client, monkeypatch):
    monkeypatch.setattr("timeline.views_watches.check_watch_now", lambda watch: None)
    story = create_tag(name="Chips")

    editor_client.post(
        "/watches/",
        {
            "url": "https://news.example.org/chips.xml",
            "kind": "feed",
            "tag": story.pk,
            "interval_minutes": 60,
        },
    )

    assert Watch.objects.get().tag == story
