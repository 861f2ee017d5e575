"""The export cells the database keeps (``ExportCells``, migration 0009) follow every change.

After each kind of write an editor or the code makes (saves, bulk ``update()``, merges, deletes,
renames) every event's stored cells must equal what the written rules make of its current
actors, tags and citations, joined in Python.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from tests.factories import create_actor, create_event, create_source, create_tag
from timeline.exports import join_values
from timeline.merging import merge_actors, merge_events
from timeline.models import Citation, Event, EventActor, ExportCells, Source, Tag

pytestmark = pytest.mark.django_db


def expected_cells(event: Event) -> dict[str, str]:
    roles = list(event.event_actors.select_related("actor").order_by("id"))
    citations = list(event.citations.select_related("source").order_by("id"))
    sources = [citation.source for citation in citations]
    quotes = [citation.quote for citation in citations if citation.quote]
    return {
        "actors": join_values([role.actor.name for role in roles]),
        "actor_roles": join_values([role.role for role in roles]),
        "tags": join_values(list(event.tags.order_by("name", "id").values_list("name", flat=True))),
        "source_titles": join_values([source.title for source in sources]),
        "source_publishers": join_values([source.publisher for source in sources]),
        "source_urls": join_values([source.url for source in sources]),
        "source_dates": join_values(
            [source.published_on.isoformat() if source.published_on else "" for source in sources]
        ),
        "evidence": quotes[0] if quotes else "",
    }


def stored_cells(event: Event) -> dict[str, str]:
    """The event's stored cells; an event without a row has empty ones."""
    row = ExportCells.objects.filter(event=event).values().first()
    if row is None:
        return dict.fromkeys(expected_cells(event), "")
    row.pop("event_id")
    return row


def assert_cells_follow(*events: Event) -> None:
    for event in events:
        assert stored_cells(event) == expected_cells(event), event.title


@pytest.fixture
def story() -> tuple[Event, Event]:
    """Two events sharing an actor, a tag and a source, with awkward text in names."""
    commerce = create_actor(name="Commerce; Department")
    deepseek = create_actor(name="DeepSeek")
    chips, ai = create_tag(name="chips"), create_tag(name="AI \\ models")
    shared = create_source(title="Ban; or not", publisher="Wire")
    first = create_event(
        title="Ban", actors=[commerce, deepseek], tags=[chips, ai], sources=[shared]
    )
    second = create_event(
        title="Hearing", actors=[commerce], tags=[ai], sources=[shared, create_source()]
    )
    EventActor.objects.filter(event=first, actor=deepseek).update(role=EventActor.Role.TARGET)
    return first, second


def test_cells_are_written_when_events_are_linked(story):
    first, second = story
    assert stored_cells(first)["actors"] == "Commerce\\; Department; DeepSeek"
    assert stored_cells(first)["actor_roles"] == "initiator; target"
    assert stored_cells(first)["tags"] == "AI \\\\ models; chips"
    assert stored_cells(second)["source_titles"].startswith("Ban\\; or not; Article ")
    assert_cells_follow(first, second)


def test_renaming_an_actor_a_tag_or_a_source_rewrites_every_event_that_shows_it(story):
    first, second = story
    actor = Event.actors.through.objects.filter(event=first).first().actor
    actor.name = "Department of Commerce"
    actor.save()
    Tag.objects.filter(name="AI \\ models").update(name="Artificial intelligence")
    source = first.citations.get().source
    Source.objects.filter(pk=source.pk).update(
        title="A new headline", publisher="Other", url="https://example.org/x", published_on=None
    )

    assert stored_cells(second)["actors"] == "Department of Commerce"
    assert stored_cells(second)["tags"] == "Artificial intelligence"
    assert stored_cells(first)["source_dates"] == ""
    assert_cells_follow(first, second)


def test_removing_links_and_editing_citations_rewrites_the_cells(story):
    first, second = story
    first.event_actors.filter(role=EventActor.Role.TARGET).delete()
    first.tags.remove(Tag.objects.get(name="chips"))
    second.tags.clear()
    citation = second.citations.order_by("id").first()
    citation.quote = "The later quote is no longer the first."
    citation.save()
    Citation.objects.filter(pk=citation.pk).update(quote="")

    assert stored_cells(first)["actors"] == "Commerce\\; Department"
    assert stored_cells(second)["tags"] == ""
    assert_cells_follow(first, second)


def test_merging_events_and_actors_moves_their_cells(story):
    first, second = story
    duplicate_actor = create_actor(name="Commerce Dept")
    third = create_event(title="Duplicate", actors=[duplicate_actor], sources=[create_source()])
    commerce = first.actors.get(name="Commerce; Department")

    merge_events(first, [third])
    assert "Commerce Dept" in stored_cells(first)["actors"]
    merge_actors(commerce, [duplicate_actor])

    assert "Commerce Dept" not in stored_cells(first)["actors"]
    assert_cells_follow(first, second, third)


def test_a_deleted_event_takes_its_cells_with_it(story):
    first, second = story
    first.delete()

    assert not ExportCells.objects.filter(event_id=first.pk).exists()
    assert_cells_follow(second)


def test_an_event_never_linked_to_anything_exports_empty_cells():
    lonely = create_event(title="Alone")

    assert stored_cells(lonely) == expected_cells(lonely)
    assert all(value == "" for value in expected_cells(lonely).values())


def test_bulk_links_in_one_statement_write_each_events_cells():
    """A bulk insert (the importer, the generator) writes every event's cells at once."""
    actor, source = create_actor(), create_source()
    events = [create_event(title=f"Event {number}") for number in range(20)]

    EventActor.objects.bulk_create([EventActor(event=event, actor=actor) for event in events])
    Citation.objects.bulk_create(
        [Citation(event=event, source=source, quote=event.title) for event in events]
    )

    assert {stored_cells(event)["evidence"] for event in events} == {
        event.title for event in events
    }
    assert_cells_follow(*events)


@pytest.mark.django_db(transaction=True)
def test_a_citation_added_while_another_transaction_cites_the_same_event_is_kept():
    """The first editor's transaction has cited the event but not committed; the second cites
    it too and has to wait. Its trigger must then read the first citation, not overwrite the
    cells with what it saw before the wait."""
    event = create_event(title="Busy")
    first_source, second_source = create_source(), create_source()
    first_wrote, second_started = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first_editor() -> None:
        try:
            with transaction.atomic():
                Citation.objects.create(event=event, source=first_source, quote="first")
                first_wrote.set()
                second_started.wait(timeout=10)
                time.sleep(0.5)  # the second editor is now waiting for this transaction
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def second_editor() -> None:
        try:
            first_wrote.wait(timeout=10)
            second_started.set()
            with transaction.atomic():
                Citation.objects.create(event=event, source=second_source, quote="second")
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_editor), threading.Thread(target=second_editor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert stored_cells(event)["source_titles"] == f"{first_source.title}; {second_source.title}"
    assert_cells_follow(event)
