"""The chronology's data: sources, actors, tags, events and the citations that tie them together."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify

from timeline.extraction.daterange import Precision, format_date_range
from timeline.extraction.normalize import content_hash, name_key
from timeline.validators import validate_http_url


class Source(models.Model):
    """One article or document that reports events."""

    class Origin(models.TextChoices):
        PASTE = "paste", "Pasted text"
        UPLOAD = "upload", "Uploaded file"
        URL = "url", "Fetched from a URL"
        WATCH = "watch", "Found by a watch"
        IMPORT = "import", "CSV import"
        ADMIN = "admin", "Entered in the admin"
        DEMO = "demo", "Demo data"

    url = models.URLField(
        "URL",
        max_length=2000,
        blank=True,
        validators=[validate_http_url],
        help_text="Canonical address of the article (http or https). Two sources cannot share "
        "a URL.",
    )
    title = models.CharField(max_length=500, help_text="Headline of the article.")
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Outlet that published it, e.g. Reuters."
    )
    author = models.CharField(max_length=300, blank=True, help_text="Byline, if stated.")
    published_on = models.DateField(
        "publication date",
        null=True,
        blank=True,
        help_text="Date the article was first published, as the publisher states it (not an "
        "update date). Relative dates in the text ('on Tuesday') are resolved against it.",
    )
    updated_on = models.DateField(
        "last updated", null=True, blank=True, help_text="Latest update date shown on the page."
    )
    language = models.CharField(max_length=16, blank=True, default="en")
    text = models.TextField(blank=True, help_text="Clean article text, without page chrome.")
    content_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="SHA-256 of the normalised text; the same article is never stored twice.",
    )
    origin = models.CharField(max_length=16, choices=Origin, default=Origin.ADMIN)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources_added",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=~Q(content_hash=""),
                name="source_unique_content_hash",
            ),
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="source_unique_url"),
        ]
        indexes = [models.Index(fields=["publisher"], name="source_publisher_idx")]

    def __str__(self) -> str:
        if self.publisher:
            return f"{self.publisher}: {self.title}"
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.content_hash = content_hash(self.text) if self.text.strip() else ""
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.content_hash = content_hash(self.text) if self.text.strip() else ""
        if self.content_hash:
            same_text = Source.objects.filter(content_hash=self.content_hash).exclude(pk=self.pk)
            if duplicate := same_text.first():
                raise ValidationError(
                    {
                        "text": f"This text is already stored as “{duplicate}” "
                        f"(source {duplicate.pk})."
                    }
                )


class Actor(models.Model):
    """Who acts or is acted upon: a government body, a person, a company, a country..."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government body"
        LEGISLATURE = "legislature", "Legislature"
        COURT = "court", "Court"
        PERSON = "person", "Person"
        COMPANY = "company", "Company"
        COUNTRY = "country", "Country"
        INTERNATIONAL = "international", "International organisation"
        MEDIA = "media", "Media"
        OTHER = "other", "Other"

    name = models.CharField(
        max_length=200, unique=True, help_text="Canonical name, e.g. 'U.S. Department of Commerce'."
    )
    slug = models.SlugField(max_length=220, unique=True, help_text="Used in filter URLs.")
    key = models.CharField(
        max_length=200,
        unique=True,
        editable=False,
        help_text="The name with case, accents and punctuation removed.",
    )
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.OTHER)
    country = models.CharField(
        max_length=2,
        blank=True,
        help_text="ISO 3166-1 alpha-2 code of the actor's country, e.g. US, CN (EU for the "
        "European Union). Empty for international actors.",
    )
    description = models.TextField(
        blank=True, help_text="Role or title, e.g. 'Commerce Secretary'."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = name_key(self.name)
        if not self.slug:
            self.slug = unique_slug(Actor, self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.key = name_key(self.name)
        if not self.key:
            raise ValidationError({"name": "A name needs at least one letter or digit."})
        if Actor.objects.filter(key=self.key).exclude(pk=self.pk).exists():
            raise ValidationError({"name": "Another actor already has this name."})
        alias = ActorAlias.objects.filter(key=self.key).exclude(actor_id=self.pk).first()
        if alias is not None:
            raise ValidationError({"name": f"“{self.name}” is an alias of {alias.actor.name}."})


class ActorAlias(models.Model):
    """Another spelling of an actor's name ("Commerce Department", "US Commerce dept")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(
        max_length=200,
        unique=True,
        editable=False,
        help_text="The name with case, accents and punctuation removed; one actor per key.",
    )

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = name_key(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.key = name_key(self.name)
        if not self.key:
            raise ValidationError({"name": "An alias needs at least one letter or digit."})
        owner = (
            ActorAlias.objects.filter(key=self.key).exclude(pk=self.pk).select_related("actor")
        ).first()
        if owner is not None:
            raise ValidationError(
                {"name": f"“{self.name}” is already an alias of {owner.actor.name}."}
            )
        other_actor = Actor.objects.filter(key=self.key).exclude(pk=self.actor_id).first()
        if other_actor is not None:
            raise ValidationError({"name": f"“{self.name}” is the name of {other_actor.name}."})


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter URLs.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Tag, self.name)
        super().save(*args, **kwargs)


class EventQuerySet(models.QuerySet):
    def published(self) -> EventQuerySet:
        return self.filter(status=Event.Status.PUBLISHED)

    def candidates(self) -> EventQuerySet:
        return self.filter(status=Event.Status.CANDIDATE)

    def chronological(self) -> EventQuerySet:
        """Timeline order: by start date, then finer precision first, then id."""
        return self.order_by("date_start", "precision_rank", "id")

    def with_related(self) -> EventQuerySet:
        """Everything an event card shows, in a constant number of queries."""
        return self.prefetch_related(
            models.Prefetch(
                "event_actors", queryset=EventActor.objects.select_related("actor").order_by("id")
            ),
            "tags",
            models.Prefetch(
                "citations", queryset=Citation.objects.select_related("source").order_by("id")
            ),
        )


# The timeline's order of events (``date_start``, then the precision's rank, then ``id``) and
# ``date_end``, which a date filter reads from an index ending with them.
_TIMELINE_ORDER = ["date_start", "precision_rank", "id", "date_end"]


class Event(models.Model):
    """Something an actor did or said, on a date known to some precision, backed by citations."""

    class Type(models.TextChoices):
        BAN = "ban", "Ban"
        RESTRICTION = "restriction", "Restriction"
        EXPORT_CONTROL = "export_control", "Export control"
        LEGISLATION = "legislation", "Legislation"
        HEARING = "hearing", "Hearing or testimony"
        STATEMENT = "statement", "Statement"
        REPORT = "report", "Report"
        INVESTIGATION = "investigation", "Investigation"
        PROPOSAL = "proposal", "Proposal"
        AGREEMENT = "agreement", "Agreement"
        LAWSUIT = "lawsuit", "Lawsuit"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Candidate (awaiting review)"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"

    class Precision(models.TextChoices):
        DAY = Precision.DAY.value, "Day"
        WEEK = Precision.WEEK.value, "Week"
        MONTH = Precision.MONTH.value, "Month"
        QUARTER = Precision.QUARTER.value, "Quarter"
        YEAR = Precision.YEAR.value, "Year"
        APPROXIMATE = Precision.APPROXIMATE.value, "Approximate"

    class DateBasis(models.TextChoices):
        STATED = "stated", "Stated in the text"
        PUBLICATION = "publication", "Publication date of the source"

    title = models.CharField(max_length=300, help_text="A short headline in our own words.")
    summary = models.TextField(blank=True, help_text="One or two sentences: who did what.")
    event_type = models.CharField("type", max_length=20, choices=Type, default=Type.OTHER)
    status = models.CharField(
        max_length=12,
        choices=Status,
        default=Status.CANDIDATE,
        help_text="Only published events appear on the public timeline.",
    )
    date_start = models.DateField(help_text="First day the event may have happened.")
    date_end = models.DateField(
        help_text="Last day the event may have happened (inclusive). Same as the start for a "
        "single day."
    )
    precision = models.CharField(
        max_length=12,
        choices=Precision,
        default=Precision.DAY,
        help_text="How precisely the date is known: a day, a week, a month, a quarter, a year, "
        "or an approximate range.",
    )
    precision_rank = models.PositiveSmallIntegerField(
        editable=False, default=0, help_text="Sort key derived from the precision, finest first."
    )
    date_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="The date as the source words it, e.g. 'on Wednesday' or 'in recent weeks'.",
    )
    date_basis = models.CharField(
        max_length=12,
        choices=DateBasis,
        default=DateBasis.STATED,
        help_text="Whether the text states the date, or only the source's publication date "
        "dates it.",
    )
    country = models.CharField(
        "country or jurisdiction",
        max_length=2,
        blank=True,
        help_text="ISO 3166-1 alpha-2 code of the jurisdiction that acted, e.g. US, CN; "
        "EU for the European Union.",
    )
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events", blank=True)
    tags = models.ManyToManyField(Tag, related_name="events", blank=True)
    confidence = models.FloatField(
        null=True,
        blank=True,
        help_text="Extractor's confidence between 0 and 1; empty for events entered by hand.",
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_events",
        help_text="Set when this event was merged into another; its old address redirects there.",
    )
    group_lead = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_members",
        help_text="Set on a candidate that another article's candidate reports too: the "
        "candidate whose review card shows the group. Accepting that card publishes one event "
        "citing every article of the group.",
    )
    proposed_for = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_citations",
        help_text="Set on a candidate from a later article that probably reports this published "
        "event: its card proposes to attach the article as a source of it.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_reviewed",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date_start", "precision_rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_start__lte=F("date_end")), name="event_start_not_after_end"
            ),
            models.CheckConstraint(
                condition=~Q(precision="day") | Q(date_start=F("date_end")),
                name="event_day_precision_single_day",
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True)
                | (Q(confidence__gte=0) & Q(confidence__lte=1)),
                name="event_confidence_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("id")),
                name="event_not_merged_into_itself",
            ),
        ]
        indexes = [
            # The timeline order; date_end last so that a date filter (an overlap test) is
            # checked in the index while walking it, without reading each row.
            models.Index(fields=["status", *_TIMELINE_ORDER], name="event_timeline_idx"),
            # A type, a country or both, then the timeline order and date_end as above: the page,
            # the months and the matching ids of a view by type or country (with dates or not)
            # are read from the index alone, the page without sorting. The type and country
            # facets' grouped count (public.counts.count_events) reads the third one's prefix.
            models.Index(fields=["status", "event_type", *_TIMELINE_ORDER], name="event_type_idx"),
            models.Index(fields=["status", "country", *_TIMELINE_ORDER], name="event_country_idx"),
            models.Index(
                fields=["status", "event_type", "country", *_TIMELINE_ORDER],
                name="event_type_country_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_display}: {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.precision_rank = Precision(self.precision).rank
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("event_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.date_start and self.date_end:
            if self.date_end < self.date_start:
                errors["date_end"] = "The end date is before the start date."
            elif self.precision == Precision.DAY and self.date_start != self.date_end:
                errors["precision"] = (
                    "A date with day precision is a single day; choose another precision for "
                    "a range."
                )
        if self.pk is not None and self.merged_into_id == self.pk:
            errors["merged_into"] = "An event cannot be merged into itself."
        if errors:
            raise ValidationError(errors)

    @property
    def date_display(self) -> str:
        return format_date_range(self.date_start, self.date_end, self.precision)

    @property
    def is_candidate(self) -> bool:
        """Still awaiting review."""
        return self.status == self.Status.CANDIDATE


class EventActor(models.Model):
    """An actor's part in an event."""

    class Role(models.TextChoices):
        INITIATOR = "initiator", "Initiator (acts)"
        TARGET = "target", "Target (acted upon)"
        SUBJECT = "subject", "Subject (mentioned)"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_actors")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="event_roles")
    role = models.CharField(max_length=12, choices=Role, default=Role.INITIATOR)

    class Meta:
        verbose_name = "actor in event"
        verbose_name_plural = "actors in event"
        constraints = [
            models.UniqueConstraint(fields=["event", "actor"], name="eventactor_unique_actor")
        ]
        indexes = [models.Index(fields=["actor", "event"], name="eventactor_actor_idx")]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class Citation(models.Model):
    """A source reporting an event, with its evidence and the date as that source states it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    # Indexed with the event in Meta: the publisher facet reads both from the index alone.
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="citations", db_index=False
    )
    quote = models.TextField(
        blank=True, help_text="The evidence: the sentence of the source that reports the event."
    )
    start_offset = models.PositiveIntegerField(
        null=True, blank=True, help_text="Character offset of the quote in the source text."
    )
    end_offset = models.PositiveIntegerField(null=True, blank=True)
    date_start = models.DateField(
        null=True, blank=True, help_text="The event's date as this source states it."
    )
    date_end = models.DateField(null=True, blank=True)
    precision = models.CharField(max_length=12, choices=Event.Precision, blank=True)
    date_text = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "source"], name="citation_unique_source"),
            models.CheckConstraint(
                condition=Q(start_offset__isnull=True)
                | Q(end_offset__isnull=True)
                | Q(start_offset__lte=F("end_offset")),
                name="citation_offsets_ordered",
            ),
            models.CheckConstraint(
                condition=Q(date_start__isnull=True)
                | Q(date_end__isnull=True)
                | Q(date_start__lte=F("date_end")),
                name="citation_start_not_after_end",
            ),
        ]
        indexes = [models.Index(fields=["source", "event"], name="citation_source_event_idx")]

    def __str__(self) -> str:
        return f"{self.source} → {self.event.title}"

    def clean(self) -> None:
        if (
            self.start_offset is not None
            and self.end_offset is not None
            and self.end_offset < self.start_offset
        ):
            raise ValidationError({"end_offset": "The quote ends before it starts."})
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValidationError({"date_end": "The end date is before the start date."})

    @property
    def date_display(self) -> str:
        if self.date_start is None or self.date_end is None or not self.precision:
            return ""
        return format_date_range(self.date_start, self.date_end, self.precision)

    @property
    def disagrees(self) -> bool:
        """Whether this source dates the event differently from the event's own date."""
        if self.date_start is None or self.date_end is None or not self.precision:
            return False
        event = self.event
        return (self.date_start, self.date_end, self.precision) != (
            event.date_start,
            event.date_end,
            event.precision,
        )


def new_data_version() -> int:
    """A version no earlier state of the data had (see ``DataVersion``)."""
    return secrets.randbits(62)


class DataVersion(models.Model):
    """One row whose ``version`` changes whenever something the timeline shows changes.

    Database triggers (migration 0014) change it on every write to events, their actor and tag
    links, citations, sources, actors and tags, however the write is made: the ORM, a bulk
    ``update()``, the admin, an import, the worker, a shell, another process or machine. Cached
    counts and pages are keyed by it (``results.data_version``), so they are never older than
    the data. A new value is never one the data had before, even after a rollback: random on
    SQLite, a sequence on PostgreSQL.
    """

    version = models.BigIntegerField(default=new_data_version)

    def __str__(self) -> str:
        return f"Data version {self.version}"


class IngestJob(models.Model):
    """A batch of articles an editor submitted at once, read and extracted in the background.

    A job first reads every article (fetching URLs), then waits for the editor to confirm the
    detected publisher, URL and publication date, then extracts candidate events.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the background worker"
        READING = "reading", "Fetching and reading"
        CONFIRM = "confirm", "Waiting for the editor to check the details"
        EXTRACTING = "extracting", "Extracting events"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=12, choices=Status, default=Status.QUEUED)
    message = models.TextField(blank=True, help_text="Why the job as a whole failed, if it did.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="ingest_jobs",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Ingest job {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("ingest_job", args=[self.pk])

    @property
    def is_running(self) -> bool:
        """Whether the background worker still has work to do (the page keeps polling)."""
        return self.status in {self.Status.QUEUED, self.Status.READING, self.Status.EXTRACTING}


class IngestItem(models.Model):
    """One article of an ingest job: its input, what was detected, and what became of it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        FETCHING = "fetching", "Fetching"
        READING = "reading", "Reading"
        READY = "ready", "Read; check the details"
        SKIPPED = "skipped", "Left out"
        EXTRACTING = "extracting", "Extracting events"
        CREATED = "created", "Stored"
        DUPLICATE = "duplicate", "Already stored"
        EMPTY = "empty", "No events found"
        FAILED = "failed", "Failed"

    FINISHED = frozenset(
        {Status.SKIPPED, Status.CREATED, Status.DUPLICATE, Status.EMPTY, Status.FAILED}
    )

    job = models.ForeignKey(IngestJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    origin = models.CharField(max_length=16, choices=Source.Origin)
    label = models.CharField(
        max_length=2000, help_text="What the editor gave: a file name, a URL or 'Pasted text'."
    )
    requested_url = models.URLField(max_length=2000, blank=True, validators=[validate_http_url])
    raw = models.TextField(
        blank=True,
        help_text="The input as text (a fetched page once fetched); emptied once stored.",
    )
    content_type = models.CharField(max_length=100, default="text/plain")
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("URL", max_length=2000, blank=True, validators=[validate_http_url])
    published_on = models.DateField("publication date", null=True, blank=True)
    dateline = models.DateField(
        null=True,
        blank=True,
        help_text="The day a wire dateline in the text states; weekdays count from it when it "
        "is a day before the publication date.",
    )
    updated_on = models.DateField(null=True, blank=True)
    author = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField(blank=True, help_text="The clean article text, once read.")
    status = models.CharField(max_length=12, choices=Status, default=Status.WAITING)
    message = models.TextField(blank=True, help_text="What happened, in words for the editor.")
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="ingest_items"
    )
    events_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="ingestitem_unique_position")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class ReviewAction(models.Model):
    """Who decided what about a candidate event, and when: the review history."""

    class Action(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        EDITED = "edited", "Edited"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Added as a source of another event"
        REOPENED = "reopened", "Reopened for review"
        SPLIT = "split", "Split off from a group of articles"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="review_actions")
    action = models.CharField(max_length=12, choices=Action)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="review_actions",
    )
    target = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The event this candidate was added to as a source.",
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.user} at {self.at:%Y-%m-%d %H:%M}"


class ImportJob(models.Model):
    """A confirmed CSV import too large to write inside a web request, run by the worker.

    The file is kept until the import has run; the outcome is one sentence (``summary``) and, for
    a file the database no longer accepts, the problems found (``message``).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the background worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"

    status = models.CharField(max_length=12, choices=Status, default=Status.QUEUED)
    file_name = models.CharField(max_length=255)
    text = models.TextField(help_text="The file's text, until it has been imported.")
    create_missing = models.BooleanField(default=False)
    row_count = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True, help_text="The outcome in one sentence.")
    message = models.TextField(blank=True, help_text="Why nothing was written, if it was not.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("event_import_job", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class TaskLease(models.Model):
    """A background worker's claim on the task it is running, valid until ``expires_at``.

    The worker renews it while the task runs (``timeline/worker.py``). A worker that dies (killed,
    out of memory, its machine gone) stops renewing it; once it has expired, any worker puts the
    task back in the queue and runs it again.
    """

    task_result = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="lease",
    )
    worker_id = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveSmallIntegerField(
        default=1, help_text="How many times a worker has started this task."
    )

    def __str__(self) -> str:
        return f"Lease of task {self.task_result_id} by {self.worker_id} until {self.expires_at}"


class WatchQuerySet(models.QuerySet):
    def due(self, now: datetime) -> WatchQuerySet:
        """Watches to poll at ``now``: not paused, and due, or left half-polled by a dead worker."""
        stale = now - timedelta(minutes=Watch.STALE_POLL_MINUTES)
        return self.filter(paused=False).filter(
            Q(next_check__lte=now)
            | Q(next_check__isnull=True, poll_started_at__isnull=True)
            | Q(next_check__isnull=True, poll_started_at__lt=stale)
        )


class Watch(models.Model):
    """A feed, news sitemap or section page polled on a schedule for new articles.

    ``timeline/ingest/watch.py`` polls it; ``timeline/tasks.py`` schedules the polls.
    """

    # A poll that started this long ago without finishing died with its worker.
    STALE_POLL_MINUTES = 15

    class Kind(models.TextChoices):
        FEED = "feed", "RSS or Atom feed"
        SITEMAP = "sitemap", "News sitemap"
        SECTION = "section", "Section page (its article links are followed)"

    class Status(models.TextChoices):
        NEW = "new", "Not checked yet"
        OK = "ok", "Checked"
        NOT_MODIFIED = "not_modified", "Checked; nothing new since the last check"
        BLOCKED = "blocked", "Not allowed by the site's robots.txt"
        FAILED = "failed", "The last check failed"

    url = models.URLField(
        "URL", max_length=2000, validators=[validate_http_url], help_text="The address polled."
    )
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.FEED)
    name = models.CharField(max_length=200, blank=True, help_text="A label for editors.")
    required_words = models.TextField(
        blank=True,
        help_text="One word or phrase per line; an article must mention at least one of them "
        "(case does not matter). A trailing * matches any ending: “export control*”. Empty: "
        "every article.",
    )
    interval_minutes = models.PositiveIntegerField(
        default=60, help_text="Minutes between checks (at least 5)."
    )
    tag = models.ForeignKey(
        Tag,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="watches",
        help_text="The story this watch follows: the candidates of its articles get this tag, "
        "and the watch page links to the tag's public timeline.",
    )
    paused = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status, default=Status.NEW)
    last_error = models.TextField(blank=True, help_text="Why the last check failed, in words.")
    failures = models.PositiveIntegerField(
        default=0, help_text="Checks failed in a row; each one doubles the wait (back-off)."
    )
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    sitemap_validators = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="For a sitemap index: the ETag and Last-Modified of each child sitemap read, "
        "by its address, sent with the next request for it.",
    )
    last_checked = models.DateTimeField(null=True, blank=True)
    next_check = models.DateTimeField(null=True, blank=True, db_index=True)
    poll_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    polling_for = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The scheduled check a running poll is for.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="watches"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WatchQuerySet.as_manager()

    class Meta:
        ordering = ["name", "url", "id"]
        verbose_name_plural = "watches"
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=5), name="watch_interval_at_least_5_minutes"
            ),
            models.UniqueConstraint(fields=["url"], name="watch_unique_url"),
        ]

    def __str__(self) -> str:
        return self.name or self.url

    @property
    def word_list(self) -> list[str]:
        return [line.strip() for line in self.required_words.splitlines() if line.strip()]


class WatchItem(models.Model):
    """One article link a watch found, and what became of it; a link is handled once."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be fetched"
        STORED = "stored", "Stored with candidate events"
        HELD = "held", "Already stored; not fetched again"
        DUPLICATE = "duplicate", "The same text is already stored"
        EMPTY = "empty", "No dated events found"
        UNMATCHED = "unmatched", "Does not mention the watch's words"
        NO_TEXT = "no_text", "No article text (a consent wall or a paywall?)"
        BLOCKED = "blocked", "Not allowed by the site's robots.txt"
        REFUSED = "refused", "Its address may not be fetched (private network, not http)"
        RETRYING = "retrying", "Could not be fetched yet; will be tried again"
        FAILED = "failed", "Could not be fetched"

    watch = models.ForeignKey(Watch, on_delete=models.CASCADE, related_name="items")
    url = models.URLField("URL", max_length=2000, help_text="Canonical address of the article.")
    guid = models.CharField(max_length=2000, blank=True, help_text="The feed's id of the item.")
    title = models.CharField(max_length=500, blank=True)
    listed_on = models.DateField(
        null=True, blank=True, help_text="The date the feed or sitemap gives, if any."
    )
    status = models.CharField(max_length=12, choices=Status, default=Status.WAITING)
    message = models.TextField(blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="watch_items"
    )
    events_created = models.PositiveIntegerField(default=0)
    found_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveIntegerField(
        default=0, help_text="Fetches that failed for a passing reason (timeout, 5xx, no answer)."
    )
    retry_after = models.DateTimeField(
        null=True, blank=True, help_text="When a link that could not be fetched yet is tried again."
    )

    class Meta:
        ordering = ["-found_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["watch", "url"], name="watch_item_unique_url")
        ]
        indexes = [models.Index(fields=["watch", "status"], name="watch_item_status")]

    def __str__(self) -> str:
        return f"{self.url} ({self.get_status_display()})"


def max_length(model: type[models.Model], field_name: str) -> int:
    """How many characters ``field_name`` of ``model`` holds, to cut text from outside to fit."""
    return model._meta.get_field(field_name).max_length


def unique_slug(model: type[models.Model], name: str) -> str:
    """A slug for ``name`` not yet used by ``model`` ("commerce", "commerce-2", ...)."""
    base = slugify(name)[:200] or "item"
    slug, suffix = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug
