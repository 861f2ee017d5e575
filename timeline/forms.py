"""Forms shared by the admin, the review screen and the timeline filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from timeline.extraction.daterange import DateRange
from timeline.extraction.fuzzy import FuzzyDateError, format_for_editing, parse_fuzzy_date
from timeline.models import Event

FUZZY_DATE_HELP = (
    "Type the date as precisely as it is known: “7 March 2025”, “Mar 2025”, “Q1 2025”, “2025”, "
    "“early March 2025”, “week of 27 Jan 2025”, “3–7 March 2025” or “2025-03-07”."
)


class FuzzyDateField(forms.Field):
    """One text field that yields a DateRange (start, end, precision) or a clear error."""

    widget = forms.TextInput(attrs={"maxlength": 100, "autocomplete": "off"})
    default_error_messages = {"required": "Enter the date of the event."}
    max_length = 100

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", FUZZY_DATE_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, DateRange):
            return format_for_editing(value)
        return value

    def to_python(self, value: Any) -> DateRange | None:
        if isinstance(value, DateRange):
            return value
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        if len(text) > self.max_length:
            raise ValidationError(
                f"A date is at most {self.max_length} characters long.", code="max_length"
            )
        try:
            return parse_fuzzy_date(text)
        except FuzzyDateError as error:
            raise ValidationError(str(error), code="invalid_date") from None


class EventDateFormMixin:
    """Replaces date_start, date_end and precision by one fuzzy ``date`` field.

    Serves events (the date is required) and citations (an empty date clears it).
    """

    instance: Event

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        obj = self.instance
        if obj.pk and obj.date_start and obj.date_end and obj.precision:
            self.initial.setdefault("date", DateRange(obj.date_start, obj.date_end, obj.precision))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # A field that failed validation is absent from cleaned_data: the stored date stays.
        if "date" in cleaned:
            date_range = cleaned["date"]
            self.instance.date_start = date_range.start if date_range else None
            self.instance.date_end = date_range.end if date_range else None
            self.instance.precision = date_range.precision.value if date_range else ""
        return cleaned


class VersionField(forms.CharField):
    """The hidden ``updated_at`` stamp of the row a form was opened with."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=forms.HiddenInput, required=False, **kwargs)


class ConcurrentEditFormMixin:
    """Refuses to save over changes someone else saved after this form was opened.

    The form declares ``version = VersionField()`` and carries the ``updated_at`` it was opened
    with; ``clean`` locks the row
    (``select_for_update``, inside the view's transaction) and compares. Two editors reviewing
    the same event: the second is told about the conflict instead of silently overwriting.
    """

    instance: Any
    data: Any
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["version"].initial = self.instance.updated_at.isoformat()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                type(self.instance)
                .objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            opened = cleaned.get("version") or ""
            if current is not None and current.isoformat() != opened:
                when = current.strftime("%H:%M:%S on %d %b %Y")
                raise ValidationError(
                    f"Someone else saved this event at {when} (UTC) after you opened it. Your "
                    "changes were not saved: reload the page to see theirs, then apply yours "
                    "again.",
                    code="edit_conflict",
                )
        return cleaned
