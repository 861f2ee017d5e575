"""The timeline's filters and the one queryset built from them.

The page, its htmx partial, the feeds, the API and every export call ``filter_events`` with the
same ``EventFilterForm``, so what a reader sees is what they export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from timeline.extraction.fuzzy import FuzzyDateError, parse_date_filter
from timeline.models import Event, EventQuerySet


@dataclass(frozen=True)
class EventFilters:
    """What a reader asked for, already validated."""

    q: str = ""
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    newest_first: bool = False
    echoes: dict[str, str] = field(default_factory=dict, compare=False)


class DateFilterField(forms.CharField):
    """A date-range bound typed as ISO or natural language ("since January 2025", "Q1 2025")."""

    def __init__(self, *, bound: str, **kwargs) -> None:
        self.bound = bound
        super().__init__(required=False, max_length=100, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            date_range = parse_date_filter(text, today=timezone.localdate())
        except FuzzyDateError as error:
            raise forms.ValidationError(str(error)) from None
        return date_range.start if self.bound == "start" else date_range.end


class EventFilterForm(forms.Form):
    """The query string of ``/`` (URL contract in DESIGN.md)."""

    q = forms.CharField(required=False, max_length=200, strip=True, label="Search")
    actor = forms.MultipleChoiceField(required=False)
    type = forms.MultipleChoiceField(required=False, choices=Event.Type.choices)
    country = forms.MultipleChoiceField(required=False)
    tag = forms.MultipleChoiceField(required=False)
    source = forms.MultipleChoiceField(required=False)
    start = DateFilterField(bound="start", label="From")
    end = DateFilterField(bound="end", label="To")
    sort = forms.ChoiceField(
        required=False, choices=[("oldest", "Oldest first"), ("newest", "Newest first")]
    )

    def __init__(self, data: QueryDict | None = None, **kwargs) -> None:
        super().__init__(data if data is not None else QueryDict(), **kwargs)
        # Values are validated by shape, not against the database: an unknown actor matches
        # nothing, just as a search for an unknown word does.
        for name in ("actor", "country", "tag", "source"):
            self.fields[name].valid_value = lambda value: bool(value) and len(value) <= 200

    @property
    def filters(self) -> EventFilters:
        """The valid part of the query; invalid fields are ignored (and shown as errors)."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        return EventFilters(
            q=data.get("q", ""),
            actors=tuple(data.get("actor", ())),
            types=tuple(data.get("type", ())),
            countries=tuple(value.upper() for value in data.get("country", ())),
            tags=tuple(data.get("tag", ())),
            sources=tuple(data.get("source", ())),
            start=data.get("start"),
            end=data.get("end"),
            newest_first=data.get("sort") == "newest",
        )


def filter_events(filters: EventFilters, queryset: EventQuerySet | None = None) -> EventQuerySet:
    """Published events matching ``filters``, in timeline order, with what a card shows."""
    events = (queryset if queryset is not None else Event.objects.all()).published()
    if filters.q:
        events = events.filter(Q(title__icontains=filters.q) | Q(summary__icontains=filters.q))
    if filters.actors:
        events = events.filter(event_actors__actor__slug__in=filters.actors)
    if filters.types:
        events = events.filter(event_type__in=filters.types)
    if filters.countries:
        events = events.filter(country__in=filters.countries)
    if filters.tags:
        events = events.filter(tags__slug__in=filters.tags)
    if filters.sources:
        events = events.filter(citations__source__publisher__in=filters.sources)
    # Overlap, not containment: an event dated "Q1 2025" belongs to a view of February 2025.
    if filters.start:
        events = events.filter(date_end__gte=filters.start)
    if filters.end:
        events = events.filter(date_start__lte=filters.end)
    if filters.actors or filters.tags or filters.sources:
        events = events.distinct()
    order = ("-date_start", "precision_rank", "-id") if filters.newest_first else None
    events = events.order_by(*order) if order else events.chronological()
    return events.with_related()
