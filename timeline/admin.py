"""The admin: the editors' data-entry tool for sources, actors, tags, events and citations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from timeline.editors.merging import MergeError, merge_actors, merge_events
from timeline.forms import (
    ConcurrentEditFormMixin,
    EventDateFormMixin,
    FuzzyDateField,
    VersionField,
)
from timeline.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    IngestItem,
    IngestJob,
    ReviewAction,
    Source,
    Tag,
    Watch,
    WatchItem,
)

admin.site.site_header = "Policy Timeline"
admin.site.site_title = "Policy Timeline admin"
admin.site.index_title = "Chronology data"


class CalendarEndChangeList(ChangeList):
    """Django's date hierarchy bounds a year, month or day by the one after it, which the last
    of 9999 does not have: that drill-down goes back to the whole list (as any bad lookup does)
    instead of failing with a 500."""

    def get_filters(self, request: HttpRequest) -> Any:
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class EventAdminForm(ConcurrentEditFormMixin, EventDateFormMixin, forms.ModelForm):
    date = FuzzyDateField()
    version = VersionField()

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "event_type",
            "status",
            "date",
            "date_text",
            "date_basis",
            "country",
            "tags",
            "confidence",
            "merged_into",
        ]


class CitationForm(EventDateFormMixin, forms.ModelForm):
    """A citation, with the date as the source states it typed into one fuzzy field."""

    date = FuzzyDateField(
        required=False,
        label="Date as this source states it",
        help_text="Leave empty when the source agrees with the event's date.",
    )

    class Meta:
        model = Citation
        fields = ["source", "quote", "date", "date_text", "start_offset", "end_offset"]


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    extra = 1
    autocomplete_fields = ["source"]


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]


class ActorFilter(admin.SimpleListFilter):
    """Actors that appear in events, as a filter (a plain related filter lists every actor)."""

    title = "actor"
    parameter_name = "actor"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        actors = Actor.objects.filter(event_roles__isnull=False).distinct().order_by("name")
        return [(str(actor.pk), actor.name) for actor in actors]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(event_actors__actor_id=self.value())
        return queryset


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title", "date_display", "event_type", "status", "country", "source_count"]
    list_filter = ["status", "event_type", "precision", "country", ActorFilter, "tags"]
    search_fields = ["title", "summary", "citations__quote", "event_actors__actor__name"]
    date_hierarchy = "date_start"
    autocomplete_fields = ["tags", "merged_into"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at", "updated_at"]
    inlines = [EventActorInline, CitationInline]
    actions = ["publish", "reject", "merge_selected"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "event_type", "status", "version"]}),
        ("Date", {"fields": ["date", "date_text", "date_basis"]}),
        ("Where and what", {"fields": ["country", "tags"]}),
        (
            "Review",
            {
                "fields": [
                    "confidence",
                    "merged_into",
                    "reviewed_by",
                    "reviewed_at",
                    "created_at",
                    "updated_at",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return CalendarEndChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_source_count=Count("citations"))

    @admin.display(description="date", ordering="date_start")
    def date_display(self, event: Event) -> str:
        return event.date_display

    @admin.display(description="sources", ordering="_source_count")
    def source_count(self, event: Event) -> int:
        return event._source_count

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        if "status" in form.changed_data and obj.status != Event.Status.CANDIDATE:
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected events", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, Event.Status.PUBLISHED, "published")

    @admin.action(description="Reject selected events", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, Event.Status.REJECTED, "rejected")

    def _set_status(self, request: HttpRequest, queryset: QuerySet, status: str, verb: str) -> None:
        merged = queryset.filter(merged_into__isnull=False).count()
        count = queryset.filter(merged_into__isnull=True).update(
            status=status, reviewed_by=request.user, reviewed_at=timezone.now()
        )
        self.message_user(request, f"{count} event(s) {verb}.", messages.SUCCESS)
        if merged:
            self.message_user(
                request,
                f"{merged} merged event(s) left as they are: edit the event they were merged into.",
                messages.WARNING,
            )

    @admin.action(
        description="Merge selected events into the earliest-created one", permissions=["change"]
    )
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        events = list(queryset.order_by("created_at", "id"))
        if len(events) < 2:
            self.message_user(request, "Select at least two events to merge.", messages.ERROR)
            return
        survivor = next((event for event in events if event.merged_into_id is None), None)
        try:
            if survivor is None:
                raise MergeError("Every selected event was already merged into another one.")
            merge_events(survivor, events, user=request.user)
        except MergeError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            f"Merged {len(events) - 1} event(s) into “{survivor.title}”; their citations, actors "
            "and tags now belong to it.",
            messages.SUCCESS,
        )


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1
    fields = ["name"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "event_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]
    actions = ["merge_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_event_count=Count("event_roles"))

    @admin.display(description="events", ordering="_event_count")
    def event_count(self, actor: Actor) -> int:
        return actor._event_count

    @admin.action(
        description="Merge selected actors into the first-created one", permissions=["change"]
    )
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        actors = list(queryset.order_by("id"))
        try:
            merge_actors(actors[0], actors[1:])
        except MergeError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            f"Merged {len(actors) - 1} actor(s) into “{actors[0].name}”; their names are now its "
            "aliases.",
            messages.SUCCESS,
        )


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SourceCitationInline(admin.TabularInline):
    """The events a source reports, shown on the source's page."""

    model = Citation
    fields = ["event", "quote"]
    readonly_fields = ["event", "quote"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = "event reported"
    verbose_name_plural = "events reported"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "origin", "event_count", "added_at"]
    list_filter = ["publisher", "origin", "language"]
    search_fields = ["title", "publisher", "url", "author"]
    date_hierarchy = "published_on"
    readonly_fields = ["content_hash", "added_by", "added_at"]
    inlines = [SourceCitationInline]
    # Editors paste addresses without a scheme; https is the safe assumption.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return CalendarEndChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_event_count=Count("citations"))

    @admin.display(description="events", ordering="_event_count")
    def event_count(self, source: Source) -> int:
        return source._event_count

    def save_model(self, request: HttpRequest, obj: Source, form: Any, change: bool) -> None:
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records kept as they happened: shown, never edited in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReviewAction)
class ReviewActionAdmin(ReadOnlyAdmin):
    """Who decided what about which candidate, and when (the review screen writes these)."""

    list_display = ["at", "user", "action", "event", "target"]
    list_filter = ["action", "user"]
    search_fields = ["event__title", "target__title", "user__username"]
    date_hierarchy = "at"
    list_select_related = ["user", "event", "target"]


class IngestItemInline(admin.TabularInline):
    model = IngestItem
    fields = ["position", "label", "status", "message", "source", "events_created"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IngestJob)
class IngestJobAdmin(ReadOnlyAdmin):
    """Batches submitted on the ingest page or with ``manage.py ingest``."""

    list_display = ["__str__", "created_by", "created_at", "finished_at"]
    list_filter = ["status"]
    date_hierarchy = "created_at"
    inlines = [IngestItemInline]


class WatchItemInline(admin.TabularInline):
    model = WatchItem
    fields = [
        "url",
        "title",
        "listed_on",
        "status",
        "message",
        "tries",
        "retry_after",
        "source",
        "events_created",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-found_at", "-id"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Watch)
class WatchAdmin(admin.ModelAdmin):
    """Feeds, sitemaps and section pages checked on a schedule (the watch page adds them);
    each link a watch found is listed with what became of it."""

    list_display = ["__str__", "kind", "status", "paused", "last_checked", "next_check"]
    list_filter = ["kind", "status", "paused"]
    search_fields = ["url", "name"]
    readonly_fields = ["status", "last_error", "failures", "last_checked", "next_check"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [WatchItemInline]
