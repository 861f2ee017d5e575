"""The read-only JSON API: filters, keyset pagination, embedded actors, tags and citations."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import create_actor, create_event, create_source, create_tag
from timeline.editors.merging import merge_events
from timeline.models import Event, EventActor

pytestmark = pytest.mark.django_db


def walk(client, url: str) -> list[dict]:
    """Every page from ``url`` on, following ``next``."""
    results = []
    while url:
        page = client.get(url).json()
        results += page["results"]
        url = page["next"]
    return results


def test_event_embeds_its_actors_tags_and_citations(client):
    source = create_source(title="Rules tightened", publisher="Wire", url="https://wire.example/a")
    commerce = create_actor(name="Department of Commerce")
    event = create_event(
        title="Export rule",
        summary="Chips.",
        event_type=Event.Type.EXPORT_CONTROL,
        country="US",
        date_text="on Friday",
        actors=[commerce],
        tags=[create_tag(name="chips")],
        sources=[source],
    )
    EventActor.objects.filter(event=event).update(role=EventActor.Role.TARGET)

    response = client.get("/api/events")
    (result,) = response.json()["results"]

    assert response["Access-Control-Allow-Origin"] == "*"
    assert result == {
        "id": event.pk,
        "url": f"http://testserver/api/events/{event.pk}",
        "permalink": f"http://testserver/events/{event.pk}/",
        "title": "Export rule",
        "summary": "Chips.",
        "type": "export_control",
        "type_label": "Export control",
        "date": {
            "start": "2025-03-07",
            "end": "2025-03-07",
            "precision": "day",
            "display": "7 Mar 2025",
            "text": "on Friday",
            "basis": "stated",
        },
        "country": "US",
        "actors": [
            {
                "id": commerce.pk,
                "name": "Department of Commerce",
                "slug": commerce.slug,
                "kind": "government",
                "role": "target",
            }
        ],
        "tags": [{"id": event.tags.get().pk, "name": "chips", "slug": "chips"}],
        "citations": [
            {
                "source": {
                    "id": source.pk,
                    "title": "Rules tightened",
                    "publisher": "Wire",
                    "url": "https://wire.example/a",
                    "published_on": "2025-01-29",
                },
                "quote": "Export rule.",
                "date": None,
            }
        ],
        "published_at": event.created_at.isoformat(),
        "updated_at": event.updated_at.isoformat(),
    }
    assert client.get(result["url"]).json() == result


@pytest.mark.parametrize("sort", ["oldest", "newest"])
def test_cursor_pages_visit_every_event_once_in_timeline_order(client, sort):
    for day in (5, 1, 5, 3, 5, 2, 4):
        create_event(title=f"Day {day}", date_start=date(2025, 3, day))
    create_event(
        title="March", date_start=date(2025, 3, 1), date_end=date(2025, 3, 31), precision="month"
    )
    one_page = client.get(f"/api/events?sort={sort}&limit=200").json()["results"]

    paged = walk(client, f"/api/events?sort={sort}&limit=3")

    assert [result["id"] for result in paged] == [result["id"] for result in one_page]
    assert len({result["id"] for result in paged}) == 8
    titles = [result["title"] for result in paged]
    if sort == "oldest":
        assert titles == ["Day 1", "March", "Day 2", "Day 3", "Day 4", "Day 5", "Day 5", "Day 5"]
    else:
        assert titles[:5] == ["Day 5", "Day 5", "Day 5", "Day 4", "Day 3"]


def test_pages_keep_the_filters(client):
    for number in range(5):
        create_event(title=f"Ban {number}", event_type=Event.Type.BAN)
    create_event(title="Hearing", event_type=Event.Type.HEARING)

    first = client.get("/api/events?type=ban&limit=2").json()

    assert "type=ban" in first["next"]
    assert [result["title"] for result in walk(client, "/api/events?type=ban&limit=2")] == [
        f"Ban {number}" for number in range(5)
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=0", "limit must be a whole number from 1 to 200."),
        ("limit=abc", "limit must be a whole number from 1 to 200."),
        ("after=not-a-cursor", "The cursor is not valid; start again from the first page."),
        ("start=31 February 2025", "Some filters are not valid."),
    ],
)
def test_bad_parameters_get_a_400_with_the_reason(client, query, message):
    response = client.get(f"/api/events?{query}")

    assert response.status_code == 400
    assert response.json()["error"] == message


@pytest.mark.parametrize("page_size", [1, 20])
def test_query_count_does_not_grow_with_the_page_size(client, django_assert_num_queries, page_size):
    actor, tag = create_actor(), create_tag()
    for number in range(25):
        create_event(title=f"Event {number}", actors=[actor], tags=[tag], sources=[create_source()])

    with django_assert_num_queries(4):
        response = client.get(f"/api/events?limit={page_size}")

    assert len(response.json()["results"]) == page_size


def test_unpublished_events_are_not_found_and_merged_ones_redirect(client):
    candidate = create_event(title="Candidate", status=Event.Status.CANDIDATE)
    survivor, duplicate = create_event(title="Kept"), create_event(title="Folded")
    merge_events(survivor, [duplicate])

    missing = client.get(f"/api/events/{candidate.pk}")
    moved = client.get(f"/api/events/{duplicate.pk}")

    assert missing.status_code == 404
    assert missing.json() == {"error": f"No published event has id {candidate.pk}."}
    assert moved.status_code == 301
    assert moved["Location"] == f"/api/events/{survivor.pk}"
