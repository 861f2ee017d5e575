"""Storing an article: one source with its candidates, actors and citations, or nothing."""

import threading
from datetime import date

import pytest
from django.db import connection

from tests.factories import create_actor, create_source
from tests.ingest_samples import ARTICLE, ARTICLE_REPASTED, NO_EVENTS
from timeline.extraction.events import extract_page
from timeline.ingest import jobs, pipeline
from timeline.ingest.clean import read_text
from timeline.ingest.pipeline import ArticleInput, StoreResult, store_article
from timeline.models import Actor, ActorAlias, Citation, Event, EventActor, Source

pytestmark = pytest.mark.django_db


def article_input(raw=ARTICLE, **overrides):
    return ArticleInput.from_article(
        read_text(raw, content_type="text/plain"), origin=Source.Origin.PASTE, **overrides
    )


def test_an_article_is_stored_with_its_candidates_actors_and_evidence():
    result = store_article(article_input(url="https://wire.example/chips"))

    assert result.status == StoreResult.CREATED
    source = result.source
    assert (source.title, source.publisher, source.published_on) == (
        "Ministry tightens rules on chip exports",
        "Example Wire",
        date(2025, 3, 12),
    )
    assert source.url == "https://wire.example/chips"
    events = {event.title: event for event in Event.objects.all()}
    assert result.events == len(events) == 2
    assert all(event.status == Event.Status.CANDIDATE for event in events.values())
    investigation = next(e for e in events.values() if e.event_type == "investigation")
    assert (investigation.date_start, investigation.precision) == (date(2025, 3, 3), "day")
    statement = next(e for e in events.values() if e.event_type == "statement")
    assert statement.date_start == date(2025, 3, 10)  # "on Monday" before 12 March
    assert statement.date_text == "on Monday"
    for citation in Citation.objects.filter(source=source):
        assert source.text[citation.start_offset : citation.end_offset] == citation.quote
        assert (citation.date_start, citation.date_end) == (
            citation.event.date_start,
            citation.event.date_end,
        )
    assert set(Actor.objects.values_list("name", flat=True)) == {
        "European Commission",
        "Ministry of Commerce of Freedonia",
    }


def test_actors_are_matched_by_name_or_alias_before_any_is_created():
    commission = create_actor(name="European Commission", kind=Actor.Kind.INTERNATIONAL)
    ministry = create_actor(name="Freedonian Commerce Ministry")
    ActorAlias.objects.create(actor=ministry, name="Ministry of Commerce of Freedonia")

    store_article(article_input())

    assert Actor.objects.count() == 2
    assert set(EventActor.objects.values_list("actor_id", flat=True)) == {
        commission.pk,
        ministry.pk,
    }


def test_the_same_text_pasted_again_links_to_the_stored_source():
    first = store_article(article_input())

    again = store_article(article_input(ARTICLE_REPASTED))

    assert again.status == StoreResult.DUPLICATE
    assert again.source == first.source
    assert f"source {first.source.pk}" in again.message
    assert Source.objects.count() == 1
    assert Event.objects.count() == 2


def test_the_same_canonical_url_links_to_the_stored_source_even_with_other_text():
    stored = create_source(url="https://wire.example/chips?id=7", text="Another capture.")

    result = store_article(
        article_input(url="HTTPS://Wire.Example/chips?id=7&utm_source=newsletter#comments")
    )

    assert result.status == StoreResult.DUPLICATE
    assert result.source == stored
    assert Event.objects.count() == 0


def test_a_source_stored_without_text_receives_the_text_and_the_candidates():
    """Demo data and CSV imports list articles by title, publisher and URL only."""
    listed = create_source(
        title="Ministry tightens rules on chip exports",
        publisher="Example Wire",
        url="https://wire.example/chips",
        published_on=None,
        text="",
    )

    result = store_article(article_input())

    assert result.status == StoreResult.CREATED
    assert result.source == listed
    assert result.message == (
        f"Added the text to “{listed.title}” (source {listed.pk}), with 2 candidate events to "
        "review."
    )
    listed.refresh_from_db()
    assert listed.text.startswith("The Ministry of Commerce of Freedonia said on Monday")
    assert listed.published_on == date(2025, 3, 12)  # filled in, the URL kept
    assert listed.url == "https://wire.example/chips"
    assert Source.objects.count() == 1
    assert Citation.objects.filter(source=listed).count() == 2
    assert store_article(article_input()).status == StoreResult.DUPLICATE


def test_a_source_without_text_is_also_found_by_its_url():
    listed = create_source(title="Chip rules", url="https://wire.example/chips", text="")

    result = store_article(article_input(url="https://wire.example/chips#top"))

    assert (result.status, result.source) == (StoreResult.CREATED, listed)
    assert Source.objects.count() == 1


def test_a_source_with_other_text_under_the_same_title_is_another_article():
    create_source(
        title="Ministry tightens rules on chip exports",
        publisher="Example Wire",
        text="A different article that happens to share the headline.",
    )

    result = store_article(article_input())

    assert result.status == StoreResult.CREATED
    assert Source.objects.count() == 2


def test_an_article_without_events_stores_nothing_and_says_why():
    result = store_article(article_input(NO_EVENTS))

    assert result.status == StoreResult.EMPTY
    assert "publication date is unknown" in result.message
    assert "Nothing was stored" in result.message
    assert (Source.objects.count(), Event.objects.count(), Actor.objects.count()) == (0, 0, 0)


def test_an_article_without_events_but_with_a_date_says_so():
    result = store_article(article_input(NO_EVENTS, published_on=date(2025, 3, 1)))

    assert result.status == StoreResult.EMPTY
    assert result.message == (
        "The article states no dates, so no events could be dated. Nothing was stored."
    )


def test_a_failure_halfway_leaves_nothing_half_written(monkeypatch):
    stored = []
    real_store_candidate = pipeline.store_candidate

    def fail_on_second(source, candidate):
        if stored:
            raise RuntimeError("disk full")
        stored.append(real_store_candidate(source, candidate))

    monkeypatch.setattr(pipeline, "store_candidate", fail_on_second)

    with pytest.raises(RuntimeError):
        store_article(article_input())

    assert stored  # the first candidate was written before the failure...
    assert (Source.objects.count(), Event.objects.count(), Citation.objects.count()) == (0, 0, 0)


def test_losing_a_race_for_the_same_article_returns_the_winner(monkeypatch):
    """Between the duplicate check and the insert, another request stored the article."""
    winner = store_article(article_input()).source
    real_find = pipeline.find_duplicate
    calls = []

    def stale_then_fresh(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real_find(**kwargs)

    monkeypatch.setattr(pipeline, "find_duplicate", stale_then_fresh)

    result = store_article(article_input(ARTICLE_REPASTED))

    assert result.status == StoreResult.DUPLICATE
    assert result.source == winner
    assert Source.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_editors_submitting_the_same_article_at_once_end_with_one_source(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent transactions are tested on PostgreSQL (DATABASE_URL)")
    both_checked = threading.Barrier(2, timeout=10)
    real_extract = pipeline.extract

    def extract_after_both_checked(*args, **kwargs):
        # Both requests have found no duplicate; now both try to insert.
        both_checked.wait()
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract", extract_after_both_checked)
    inputs = [article_input(), article_input(ARTICLE_REPASTED)]
    results, errors = [None, None], []

    def submit(index):
        try:
            results[index] = store_article(inputs[index])
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(result.status for result in results) == [
        StoreResult.CREATED,
        StoreResult.DUPLICATE,
    ]
    assert results[0].source.pk == results[1].source.pk
    assert Source.objects.count() == 1
    assert Event.objects.count() == results[0].events + results[1].events == 2


# Written for this test. 29 October 2018 was a Monday: from the dateline, the story's Tuesday
# is the 23rd; counted from the page's own date, a Tuesday, it would be the 30th.
WIRE_STORY = """Freedonia opens inquiry into grain prices
Example Wire
2018-10-30

BEIJING, Oct. 29 (Xinhua) -- The Freedonian Ministry of Agriculture opened an inquiry into \
grain prices on Tuesday, the ministry said in a statement.
"""


def test_weekdays_of_a_wire_story_count_from_its_dateline_as_in_the_evaluation():
    measured = extract_page(WIRE_STORY)
    job = jobs.create_job(user=None, text=WIRE_STORY)
    item = job.items.get()
    jobs.read_item(item)
    item.refresh_from_db()
    assert (item.published_on, item.dateline) == (date(2018, 10, 30), date(2018, 10, 29))

    jobs.extract_item(item)

    stored = Event.objects.get()
    assert [event.date_start for event in measured.events] == [stored.date_start]
    assert stored.date_start == date(2018, 10, 23)


def test_the_dateline_rule_counts_from_the_publication_date_the_editor_confirmed():
    job = jobs.create_job(user=None, text=WIRE_STORY)
    item = job.items.get()
    jobs.read_item(item)
    item.refresh_from_db()
    item.published_on = date(
        2018, 11, 2
    )  # the editor's date: the dateline is no longer a day before
    item.save()

    jobs.extract_item(item)

    assert Event.objects.get().date_start == date(2018, 10, 30)  # the Tuesday before 2 November
