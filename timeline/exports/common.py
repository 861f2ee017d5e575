"""What every export of the filtered timeline shares: the events a reader asked for, their
permalinks, the file name and the refusal of an export over its cap.

Every export starts from the reader's own query string, through ``EventFilterForm`` and
``filter_events`` (timeline/queries.py), so what a reader sees is what they export; only published
events ever leave through here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import slugify

from timeline.models import Actor, Event, Tag
from timeline.queries import EventFilterForm, EventFilters, filter_events


def exceeds(events: QuerySet[Event], limit: int) -> bool:
    """Whether ``events`` holds more than ``limit`` rows, without counting all of them."""
    return events.order_by().values_list("pk", flat=True)[limit : limit + 1].exists()


def requested_events(
    request: HttpRequest, cap_setting: str, default_cap: int
) -> tuple[EventFilters, QuerySet[Event], int | None]:
    """The reader's filters and their published events, as on the timeline, and the cap of
    this format (setting ``cap_setting``) when the events exceed it, else None."""
    filters = EventFilterForm(request.GET).filters
    events = filter_events(filters)
    limit = getattr(settings, cap_setting, default_cap)
    return filters, events, limit if exceeds(events, limit) else None


class Permalinks:
    """Absolute event addresses, built once per request rather than reversed per row."""

    _PLACEHOLDER = 2_147_483_647

    def __init__(self, request: HttpRequest) -> None:
        url = request.build_absolute_uri(reverse("event_detail", args=[self._PLACEHOLDER]))
        #: What comes before and after the id.
        self.prefix, self.suffix = url.split(str(self._PLACEHOLDER))

    def __call__(self, event_id: int) -> str:
        return f"{self.prefix}{event_id}{self.suffix}"


def describe_filters(filters: EventFilters) -> str:
    """The filters in words, for feed titles and the TimelineJS title slide."""
    parts = []
    if filters.q:
        parts.append(f"matching “{filters.q}”")
    if filters.types:
        labels = [Event.Type(value).label for value in filters.types if value in Event.Type]
        parts.append("of type " + ", ".join(labels))
    if filters.actors:
        names = Actor.objects.filter(slug__in=filters.actors).values_list("name", flat=True)
        parts.append("involving " + ", ".join(sorted(names) or filters.actors))
    if filters.countries:
        parts.append("in " + ", ".join(filters.countries))
    if filters.tags:
        names = Tag.objects.filter(slug__in=filters.tags).values_list("name", flat=True)
        parts.append("tagged " + ", ".join(sorted(names) or filters.tags))
    if filters.sources:
        parts.append("reported by " + ", ".join(filters.sources))
    if filters.start:
        parts.append(f"from {filters.start.isoformat()}")
    if filters.end:
        parts.append(f"to {filters.end.isoformat()}")
    return "Events " + " ".join(parts) if parts else "All events"


def export_filename(filters: EventFilters, extension: str, *, at: datetime) -> str:
    """A file name that says what was exported and when.

    "policy-timeline_type-ban_country-us_from-2025-01-01_2026-11-23T1913Z.csv"; an unfiltered
    export is "policy-timeline_all_<time>".
    """
    parts = []
    for name, values in (
        ("q", [filters.q] if filters.q else []),
        ("type", filters.types),
        ("actor", filters.actors),
        ("country", filters.countries),
        ("tag", filters.tags),
        ("source", filters.sources),
        ("from", [filters.start.isoformat()] if filters.start else []),
        ("to", [filters.end.isoformat()] if filters.end else []),
    ):
        if values:
            parts.append(slugify(f"{name} {' '.join(values)}")[:60].strip("-"))
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H%MZ")
    described = "_".join(part for part in parts if part)[:150] or "all"
    return f"policy-timeline_{described}_{stamp}.{extension}"


def too_large_response(kind: str, limit: int) -> HttpResponse:
    """A plain-words refusal of an export bigger than its documented cap."""
    return HttpResponse(
        f"This {kind} would hold more than {limit:,} events, the most one export may hold. "
        "Narrow the filters (a date range, a type or a country) and export in parts.\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )
