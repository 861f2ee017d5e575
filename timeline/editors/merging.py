"""Merging duplicates: several events that are one real-world event, several actors that are one.

Both merges run in one transaction and keep what every duplicate carried, so no citation, actor,
tag or alias is lost, and old event addresses keep working through ``merged_into``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from timeline.extraction.normalize import name_key
from timeline.models import Actor, ActorAlias, Citation, Event, EventActor


class MergeError(ValueError):
    """A merge that cannot be done; the message says why."""


@transaction.atomic
def merge_events(survivor: Event, duplicates: Iterable[Event], *, user=None) -> Event:
    """Fold ``duplicates`` into ``survivor`` and return it.

    The survivor keeps its own title, date and summary, and gains every citation, actor and tag
    of the duplicates; a duplicate that cites a source the survivor already cites adds nothing.
    Each duplicate is marked rejected and points to the survivor, so its URL redirects there.
    """
    duplicates = [event for event in duplicates if event.pk != survivor.pk]
    if not duplicates:
        raise MergeError("Choose at least two different events to merge.")
    if survivor.merged_into_id is not None:
        raise MergeError(f"“{survivor.title}” was itself merged into another event.")
    cited = set(survivor.citations.values_list("source_id", flat=True))
    roles = set(survivor.event_actors.values_list("actor_id", flat=True))
    for duplicate in duplicates:
        for citation in duplicate.citations.all():
            if citation.source_id not in cited:
                Citation.objects.filter(pk=citation.pk).update(event=survivor)
                cited.add(citation.source_id)
        for role in duplicate.event_actors.all():
            if role.actor_id not in roles:
                EventActor.objects.filter(pk=role.pk).update(event=survivor)
                roles.add(role.actor_id)
        survivor.tags.add(*duplicate.tags.all())
        # Events merged into the duplicate earlier now point to the survivor directly.
        Event.objects.filter(merged_into=duplicate).update(merged_into=survivor)
    now = timezone.now()
    Event.objects.filter(pk__in=[event.pk for event in duplicates]).update(
        merged_into=survivor, status=Event.Status.REJECTED, reviewed_by=user, reviewed_at=now
    )
    return survivor


@transaction.atomic
def merge_actors(survivor: Actor, duplicates: Iterable[Actor]) -> Actor:
    """Fold ``duplicates`` into ``survivor``: their events, and their names as aliases."""
    duplicates = [actor for actor in duplicates if actor.pk != survivor.pk]
    if not duplicates:
        raise MergeError("Choose at least two different actors to merge.")
    for duplicate in duplicates:
        for role in duplicate.event_roles.all():
            if not EventActor.objects.filter(event_id=role.event_id, actor=survivor).exists():
                EventActor.objects.filter(pk=role.pk).update(actor=survivor)
        names = [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]
        duplicate.delete()
        for name in names:
            key = name_key(name)
            if key != survivor.key and not ActorAlias.objects.filter(key=key).exists():
                ActorAlias.objects.create(actor=survivor, name=name)
    return survivor
