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
    """Replaces an event's date_start, date_end and precision by one fuzzy ``date`` field."""

    instance: Event

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk and event.date_start and event.date_end and event.precision:
            self.initial.setdefault(
                "date", DateRange(event.date_start, event.date_end, event.precision)
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        date_range = cleaned.get("date")
        if date_range is not None:
            self.instance.date_start = date_range.start
            self.instance.date_end = date_range.end
            self.instance.precision = date_range.precision.value
        return cleaned


class EventForm(EventDateFormMixin, forms.ModelForm):
    """An event as editors enter it: the date in one field."""

    date = FuzzyDateField()

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "event_type",
            "date",
            "date_text",
            "date_basis",
            "country",
            "tags",
            "status",
            "confidence",
            "merged_into",
        ]
