"""Synthetic benchmark events: marked, complete, searchable, and removable without touching
real data."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from tests.factories import create_actor, create_event, create_source, create_tag
from timeline.extraction.daterange import Precision
from timeline.models import Actor, Citation, Event, Source, Tag
from timeline.public.counts import facet_counts
from timeline.public.page import TimelinePage
from timeline.queries import EventFilters, filter_events
from timeline.sample_data.synthetic import SYNTHETIC_MARK, SYNTHETIC_URL

pytestmark = pytest.mark.django_db


def test_generated_events_are_published_marked_and_complete(capsys):
    call_command("generate_events", count=60)

    events = Event.objects.filter(tags__slug="synthetic")
    assert events.count() == 60
    assert set(events.values_list("status", flat=True)) == {Event.Status.PUBLISHED}
    assert "Created 60 synthetic events" in capsys.readouterr().out
    for event in events.prefetch_related("citations__source", "event_actors__actor"):
        assert event.precision_rank == Precision(event.precision).rank
        assert event.date_start <= event.date_end
        if event.precision == Precision.DAY:
            assert event.date_start == event.date_end
        assert event.citations.all(), event
        assert all(c.source.url.startswith(SYNTHETIC_URL) for c in event.citations.all())
        assert all(r.actor.description == SYNTHETIC_MARK for r in event.event_actors.all())


def test_generated_events_are_found_by_full_text_search():
    call_command("generate_events", count=30)

    assert filter_events(EventFilters(q="notice")).count() == 30


def test_generated_events_invalidate_cached_counts():
    assert TimelinePage(EventFilters()).total == 0
    assert facet_counts(EventFilters())["type"].values == ()

    call_command("generate_events", count=20)

    assert TimelinePage(EventFilters()).total == 20
    assert facet_counts(EventFilters())["type"].values != ()


def test_delete_removes_synthetic_rows_and_keeps_real_ones(capsys):
    real_tag = create_tag(name="chips")
    real_actor = create_actor(name="Department of Commerce")
    real = create_event(
        title="Real event",
        date_start=date(2025, 1, 29),
        tags=[real_tag],
        actors=[real_actor],
        sources=[create_source(url="https://news.example/real")],
    )
    call_command("generate_events", count=40)
    # A real event that cites a synthetic article keeps that article.
    shared = Source.objects.filter(url__startswith=SYNTHETIC_URL).first()
    Citation.objects.create(event=real, source=shared)

    call_command("generate_events", delete=True)

    assert list(Event.objects.all()) == [real]
    assert not Tag.objects.filter(slug="synthetic").exists()
    assert list(Tag.objects.all()) == [real_tag]
    assert list(Actor.objects.all()) == [real_actor]
    assert set(Source.objects.values_list("url", flat=True)) == {
        "https://news.example/real",
        shared.url,
    }
    assert "Deleted 40 synthetic events" in capsys.readouterr().out
    assert filter_events(EventFilters(q="notice")).count() == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "Give either --count N or --delete."),
        ({"count": 5, "delete": True}, "Give either --count N or --delete."),
        ({"count": 0}, "--count must be at least 1."),
    ],
)
def test_bad_arguments_are_refused_with_a_message(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_events", **options)
