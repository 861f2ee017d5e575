"""Forms of the editors' pages: the ingest form, the details check, and the candidate card."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from timeline.countries import country_choices, is_country_code
from timeline.extraction.normalize import name_key
from timeline.forms import (
    ConcurrentEditFormMixin,
    EventDateFormMixin,
    FuzzyDateField,
    VersionField,
)
from timeline.ingest import IngestError, describe_size
from timeline.ingest.clean import ACCEPTED_SUFFIXES, content_type_for
from timeline.ingest.fetch import check_url
from timeline.ingest.pipeline import resolve_actor
from timeline.models import Event, EventActor, IngestItem, Tag, Watch, max_length


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (https://docs.djangoproject.com/en/5.2/topics/http/file-uploads/#uploading-multiple-files)."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class IngestForm(forms.Form):
    """One or more articles: pasted text, uploaded files and URLs, in any combination."""

    text = forms.CharField(
        label="Paste an article",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="The whole page is fine: menus, bylines and link lists are left out.",
    )
    files = MultipleFileField(
        label="Upload files",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(sorted(ACCEPTED_SUFFIXES))}),
        help_text="Text (.txt) or web pages saved as .html; several at once.",
    )
    urls = forms.CharField(
        label="Fetch URLs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false", "autocomplete": "off"}),
        help_text="One http or https address per line.",
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if len(text.encode("utf-8")) > settings.INGEST_MAX_BYTES:
            raise ValidationError(
                f"The pasted text is larger than {describe_size(settings.INGEST_MAX_BYTES)}, the "
                "most an article may be."
            )
        return text

    def clean_files(self) -> list[UploadedFile]:
        files = self.cleaned_data["files"]
        errors = []
        for upload in files:
            try:
                content_type_for(upload.name)
            except IngestError as error:
                errors.append(f"{upload.name}: {error}")
            if upload.size > settings.INGEST_MAX_BYTES:
                errors.append(
                    f"{upload.name} is larger than {describe_size(settings.INGEST_MAX_BYTES)}, the "
                    "most an article may be."
                )
        if errors:
            raise ValidationError(errors)
        return files

    def clean_urls(self) -> list[str]:
        urls, errors = [], []
        for number, line in enumerate(self.cleaned_data["urls"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                url = check_url(line)
            except IngestError as error:
                errors.append(f"Line {number}: {error}")
                continue
            if url not in urls:
                urls.append(url)
        if errors:
            raise ValidationError(errors)
        return urls

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        text, files, urls = cleaned["text"], cleaned["files"], cleaned["urls"]
        count = bool(text.strip()) + len(files) + len(urls)
        if count == 0:
            raise ValidationError("Paste an article, choose a file or enter a URL.")
        if count > settings.INGEST_MAX_ARTICLES:
            raise ValidationError(
                f"That is {count} articles; send at most {settings.INGEST_MAX_ARTICLES} at once."
            )
        return cleaned


class ItemDetailsForm(forms.ModelForm):
    """The detected details of one article, for the editor to check before extraction."""

    include = forms.BooleanField(
        label="Include this article",
        required=False,
        initial=True,
        help_text="Untick to leave it out.",
    )
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="The article's address; the same URL is never stored twice.",
    )

    class Meta:
        model = IngestItem
        fields = ["title", "publisher", "url", "published_on"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "published_on": "Relative dates in the text (“on Tuesday”) are resolved against it.",
        }


class BaseItemDetailsFormSet(forms.BaseModelFormSet):
    """The details of exactly the articles waiting for the check: no more, no fewer, each once.

    A form count or an id changed in the POST (or a batch changed since the page was opened)
    refuses the whole submission, so no article is saved from a form that does not match.
    """

    def clean(self) -> None:
        super().clean()
        waiting = {item.pk for item in self.get_queryset()}
        submitted = [form.instance.pk for form in self.forms]
        if len(submitted) != len(waiting) or set(submitted) != waiting:
            raise ValidationError(
                "This form no longer matches the articles of this batch, so nothing was saved. "
                "Reload the page and check the details again.",
                code="mismatch",
            )


# edit_only: even a form added to the POST never creates an article.
ItemDetailsFormSet = forms.modelformset_factory(
    IngestItem, form=ItemDetailsForm, formset=BaseItemDetailsFormSet, extra=0, edit_only=True
)


class CandidateForm(ConcurrentEditFormMixin, EventDateFormMixin, forms.ModelForm):
    """A candidate event on the review card: what the editor may correct before accepting.

    Each actor already linked has a ``role_<link id>`` select; the card's remove buttons post
    ``remove_actor`` with a link id, and ``add_actor_name``/``add_actor_role`` link one more.
    Validate and save it inside a transaction: the edit-conflict check locks the row.
    """

    date = FuzzyDateField()
    country = forms.TypedChoiceField(
        label="Country or jurisdiction",
        required=False,
        empty_value="",
        error_messages={
            "invalid_choice": "“%(value)s” is not a country code; choose a country from the "
            "list (EU for the European Union)."
        },
        help_text="Where the actor who acted has authority.",
    )
    add_actor_name = forms.CharField(
        label="Add an actor",
        required=False,
        max_length=200,
        help_text="A name not yet known creates an actor.",
    )
    add_actor_role = forms.ChoiceField(label="as", choices=EventActor.Role.choices, required=False)
    remove_actor = forms.IntegerField(required=False)
    tags = forms.CharField(required=False, help_text="Separated by commas.")
    version = VersionField()

    class Meta:
        model = Event
        fields = ["title", "summary", "event_type", "date", "country"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        event = self.instance
        # Unique ids per card: many of these forms share one page.
        self.auto_id = f"candidate-{event.pk}-%s"
        # By id, as the review page lists them; .all() keeps the page's prefetch.
        self.links = sorted(event.event_actors.all(), key=lambda link: link.pk)
        for link in self.links:
            # Not required: a link added by someone else after the card was opened has no
            # select in this post, and keeps its role.
            self.fields[f"role_{link.pk}"] = forms.ChoiceField(
                label=f"Role of {link.actor.name}",
                choices=EventActor.Role.choices,
                required=False,
                initial=link.role,
            )
        has_initiator = any(link.role == EventActor.Role.INITIATOR for link in self.links)
        self.fields["add_actor_role"].initial = (
            EventActor.Role.SUBJECT if has_initiator else EventActor.Role.INITIATOR
        )
        choices = [("", "Not set"), *country_choices()]
        if event.country and not is_country_code(event.country):
            # Shown as it is stored, so that the editor sees it and picks a valid one.
            choices.insert(1, (event.country, f"{event.country} (not a known code)"))
        self.fields["country"].choices = choices
        self.initial.setdefault("tags", ", ".join(tag.name for tag in event.tags.all()))

    @property
    def card_fields(self) -> list[forms.BoundField]:
        """The event's own fields, shown above its actors."""
        return [self[name] for name in ("title", "summary", "event_type", "date", "country")]

    @property
    def actor_rows(self) -> list[tuple[EventActor, forms.BoundField]]:
        """Each linked actor with the bound select of its role, for the template."""
        return [(link, self[f"role_{link.pk}"]) for link in self.links]

    def has_changed(self) -> bool:
        # The role offered for a new actor is only a suggestion until a name is typed.
        return bool(set(self.changed_data) - {"add_actor_role"})

    def clean_country(self) -> str:
        country = self.cleaned_data["country"]
        if country and not is_country_code(country):
            raise ValidationError(
                f"“{country}” is not a country code; choose a country from the list (EU for "
                "the European Union)."
            )
        return country

    def clean_add_actor_name(self) -> str:
        name = self.cleaned_data["add_actor_name"].strip()
        if name and not name_key(name):
            raise ValidationError("An actor’s name needs at least one letter or digit.")
        return name

    @transaction.atomic
    def save(self, commit: bool = True) -> Event:
        event = super().save()
        self._save_actors(event)
        self._save_tags(event)
        if event.status == Event.Status.CANDIDATE and "date" in self.changed_data:
            # The editor corrected how this source's date was read; the citation says the same.
            event.citations.update(
                date_start=event.date_start, date_end=event.date_end, precision=event.precision
            )
        return event

    def _save_actors(self, event: Event) -> None:
        removed = self.cleaned_data.get("remove_actor")
        for link in self.links:
            role = self.cleaned_data.get(f"role_{link.pk}")
            if link.pk == removed:
                EventActor.objects.filter(pk=link.pk).delete()
            elif role and role != link.role:
                EventActor.objects.filter(pk=link.pk).update(role=role)
        if name := self.cleaned_data["add_actor_name"]:
            actor = resolve_actor(name)
            EventActor.objects.update_or_create(
                event=event,
                actor=actor,
                defaults={
                    "role": self.cleaned_data["add_actor_role"]
                    or self.fields["add_actor_role"].initial
                },
            )

    def _save_tags(self, event: Event) -> None:
        tags = []
        for name in {part.strip(): None for part in self.cleaned_data["tags"].split(",")}:
            if not name:
                continue
            tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(
                name=name[: max_length(Tag, "name")]
            )
            tags.append(tag)
        event.tags.set(tags)


class MergeTargetForm(forms.Form):
    """The published event a candidate joins as one more source, by its number."""

    target = forms.ModelChoiceField(
        queryset=Event.objects.published().filter(merged_into__isnull=True),
        error_messages={
            "required": "Choose the published event to add this candidate to.",
            "invalid_choice": (
                "That is not the number of a published event (it may have been unpublished or "
                "merged meanwhile); search for the event again."
            ),
        },
    )


class WatchForm(forms.ModelForm):
    """A watch, new or edited: what to poll, how often, and the words an article must mention."""

    url = forms.URLField(
        label="URL",
        max_length=2000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="The feed, news sitemap or section page to check.",
    )
    interval_minutes = forms.IntegerField(
        label="Check every (minutes)",
        min_value=5,
        max_value=7 * 24 * 60,
        initial=60,
        help_text="At least 5 minutes; a failed check waits twice as long each time.",
    )

    class Meta:
        model = Watch
        fields = ["url", "kind", "name", "required_words", "tag", "interval_minutes"]
        widgets = {
            "required_words": forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        }

    def clean_url(self) -> str:
        try:
            return check_url(self.cleaned_data["url"])
        except IngestError as error:
            raise ValidationError(str(error)) from None


class ReviewFilterForm(forms.Form):
    """Narrows the review queue to one story: the articles of one watch, or one tag."""

    watch = forms.ModelChoiceField(
        queryset=Watch.objects.all(), required=False, empty_label="Every watch and article"
    )
    tag = forms.ModelChoiceField(
        queryset=Tag.objects.all(), to_field_name="slug", required=False, empty_label="Any tag"
    )
