"""The demo chronology: a small, hand-checked dataset that shows what the product does.

It lives in ``timeline/fixtures/demo.json`` (written in our own words), so the demo needs nothing
outside the repository. Loading is idempotent: every row is found by a natural key (actor name,
tag name, source URL, event title and source) and only created or corrected, never duplicated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from timeline.models import Actor, ActorAlias, Citation, Event, EventActor, Source, Tag

DEMO_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "demo.json"


@dataclass(frozen=True)
class DemoCounts:
    created: int
    updated: int
    unchanged: int


class _Counter:
    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = 0

    def sync(self, model: type, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        """Create the row, or correct the fields that differ, and count what happened."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            self.created += 1
            return model.objects.create(**lookup, **values)
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(obj, name, value)
            obj.save()
            self.updated += 1
        else:
            self.unchanged += 1
        return obj


@transaction.atomic
def load_demo(path: Path = DEMO_FILE) -> DemoCounts:
    """Load the demo chronology as published events; running it again changes nothing."""
    data = json.loads(path.read_text(encoding="utf-8"))
    counter = _Counter()
    tags = {name: counter.sync(Tag, {"name": name}, {}) for name in data["tags"]}
    actors = {}
    for spec in data["actors"]:
        actor = counter.sync(
            Actor,
            {"name": spec["name"]},
            {"kind": spec["kind"], "country": spec["country"], "description": spec["description"]},
        )
        actors[spec["name"]] = actor
        for alias in spec["aliases"]:
            counter.sync(ActorAlias, {"actor": actor, "name": alias}, {})
    sources = {}
    for spec in data["sources"]:
        sources[spec["key"]] = counter.sync(
            Source,
            {"url": spec["url"]},
            {
                "title": spec["title"],
                "publisher": spec["publisher"],
                "published_on": date.fromisoformat(spec["published_on"]),
                "origin": Source.Origin.DEMO,
            },
        )
    for spec in data["events"]:
        source = sources[spec["source"]]
        event = counter.sync(
            Event,
            {"title": spec["title"]},
            {
                "summary": spec["summary"],
                "event_type": spec["event_type"],
                "country": spec["country"],
                "date_start": date.fromisoformat(spec["date_start"]),
                "date_end": date.fromisoformat(spec["date_end"]),
                "precision": spec["precision"],
                "date_text": spec["date_text"],
                "date_basis": spec["date_basis"],
                "status": Event.Status.PUBLISHED,
            },
        )
        for name, role in spec["actors"]:
            counter.sync(EventActor, {"event": event, "actor": actors[name]}, {"role": role})
        missing_tags = [tags[name] for name in spec["tags"] if tags[name] not in event.tags.all()]
        if missing_tags:
            event.tags.add(*missing_tags)
        counter.sync(
            Citation,
            {"event": event, "source": source},
            {
                "date_start": event.date_start,
                "date_end": event.date_end,
                "precision": event.precision,
                "date_text": event.date_text,
            },
        )
    return DemoCounts(counter.created, counter.updated, counter.unchanged)
