"""The Editors group: people who ingest, review and publish, without being superusers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

EDITORS_GROUP = "Editors"
EDITOR_MODELS = ("source", "actor", "actoralias", "tag", "event", "eventactor", "citation", "watch")
# Records editors may read in the admin but never change: the review history and ingest jobs.
EDITOR_READ_ONLY_MODELS = ("reviewaction", "ingestjob", "ingestitem", "watchitem")


def ensure_editors_group(**kwargs: Any) -> Group:
    """Create the Editors group with every permission on the timeline's models (idempotent)."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="timeline", content_type__model__in=EDITOR_MODELS
    )
    group.permissions.add(*permissions)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="timeline",
            content_type__model__in=EDITOR_READ_ONLY_MODELS,
            codename__startswith="view_",
        )
    )
    return group


def is_editor(user: Any) -> bool:
    """Whether ``user`` may ingest, review and import."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists())
    )
