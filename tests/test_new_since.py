"""What the "New since my last visit" marker reads: each card's publication time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.factories import create_event, create_source
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_a_card_carries_the_time_its_event_was_published(client):
    create_event(
        title="Export rule published",
        reviewed_at=datetime(2026, 3, 4, 5, 6, 7, 891234, tzinfo=UTC),
        sources=[create_source()],
    )

    html = client.get("/").content.decode()

    assert 'data-published="2026-03-04T05:06:07.891+00:00"' in html
    assert "/static/timeline/new-since.js" in html


def test_an_event_entered_as_published_is_dated_by_its_creation(client):
    event = create_event(title="Entered by hand", sources=[create_source()])
    created = Event.objects.get(pk=event.pk).created_at

    html = client.get(f"/events/{event.pk}/").content.decode()

    assert f'data-published="{created.isoformat(timespec="milliseconds")}"' in html
