"""Plain keyword-only factories: each test names only what it depends on."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from timeline.models import Actor, Citation, Event, EventActor, Source, Tag

_sequence = count(1)


def create_source(*, title: str | None = None, **fields: Any) -> Source:
    number = next(_sequence)
    fields.setdefault("publisher", "Example News")
    fields.setdefault("url", f"https://news.example.org/articles/{number}")
    fields.setdefault("published_on", date(2025, 1, 29))
    return Source.objects.create(title=title or f"Article {number}", **fields)


def create_actor(*, name: str | None = None, **fields: Any) -> Actor:
    fields.setdefault("kind", Actor.Kind.GOVERNMENT)
    return Actor.objects.create(name=name or f"Agency {next(_sequence)}", **fields)


def create_tag(*, name: str | None = None) -> Tag:
    return Tag.objects.create(name=name or f"tag {next(_sequence)}")


def create_event(
    *,
    title: str = "Ban announced",
    date_start: date = date(2025, 3, 7),
    date_end: date | None = None,
    precision: str = Event.Precision.DAY,
    status: str = Event.Status.PUBLISHED,
    actors: list[Actor] | tuple[Actor, ...] = (),
    tags: list[Tag] | tuple[Tag, ...] = (),
    sources: list[Source] | tuple[Source, ...] = (),
    **fields: Any,
) -> Event:
    event = Event.objects.create(
        title=title,
        date_start=date_start,
        date_end=date_end or date_start,
        precision=precision,
        status=status,
        **fields,
    )
    for actor in actors:
        EventActor.objects.create(event=event, actor=actor)
    event.tags.add(*tags)
    for source in sources:
        Citation.objects.create(event=event, source=source, quote=f"{title}.")
    return event


def create_citation(*, event: Event, source: Source | None = None, **fields: Any) -> Citation:
    """A citation of ``event``; pass date_start/date_end/precision for the date it states."""
    fields.setdefault("quote", f"{event.title}.")
    if fields.get("date_start") and not fields.get("date_end"):
        fields["date_end"] = fields["date_start"]
    if fields.get("date_start"):
        fields.setdefault("precision", Event.Precision.DAY)
    return Citation.objects.create(event=event, source=source or create_source(), **fields)


def create_editor(*, username: str = "editor", password: str = "correct horse battery"):
    """A staff user in the Editors group (not a superuser)."""
    from django.contrib.auth import get_user_model

    from timeline.roles import ensure_editors_group

    user = get_user_model().objects.create_user(username=username, password=password, is_staff=True)
    user.groups.add(ensure_editors_group())
    return user
