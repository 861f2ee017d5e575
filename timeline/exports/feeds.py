"""Feeds of the filtered timeline: Atom for feed readers, iCalendar for calendar apps.

Both take the query string of ``/`` and show only published events. The Atom feed lists the
events most recently published on the timeline first (what a feed reader wants to hear about);
the calendar holds each event as an all-day entry across its whole date range.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from timeline.exports.common import (
    Permalinks,
    describe_filters,
    export_filename,
    requested_events,
    too_large_response,
)
from timeline.exports.records import EventRecord, iter_records
from timeline.models import Event
from timeline.queries import EventFilterForm, EventFilters, filter_events
from timeline.validators import safe_http_url

#: Entries in one Atom document; readers poll, so the latest are what matters.
FEED_ENTRIES = 50
#: Largest calendar (override with TIMELINE_CALENDAR_MAX_EVENTS); calendar apps struggle well
#: before this.
DEFAULT_CALENDAR_MAX_EVENTS = 10_000


class EventAtomFeed(Feed):
    """``/feed.atom``: the latest published events of a filtered view, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return {"filters": EventFilterForm(request.GET).filters, "request": request}

    def title(self, obj: dict[str, Any]) -> str:
        return f"Policy Timeline: {describe_filters(obj['filters'])}"

    def subtitle(self, obj: dict[str, Any]) -> str:
        return "Government and industry actions, each with the articles that report it."

    def link(self, obj: dict[str, Any]) -> str:
        query = obj["request"].GET.urlencode()
        return reverse("event_list") + (f"?{query}" if query else "")

    def feed_url(self, obj: dict[str, Any]) -> str:
        return obj["request"].get_full_path()

    def feed_guid(self, obj: dict[str, Any]) -> str:
        # The feed's identity is its filtered view, so two filters are two feeds.
        return obj["request"].build_absolute_uri(obj["request"].get_full_path())

    def items(self, obj: dict[str, Any]) -> QuerySet[Event]:
        events = filter_events(obj["filters"]).annotate(
            published_at=Coalesce("reviewed_at", "created_at")
        )
        return events.order_by("-published_at", "-id")[:FEED_ENTRIES]

    def item_title(self, item: Event) -> str:
        return f"{item.date_display}: {item.title}"

    def item_description(self, item: Event) -> str:
        html = format_html(
            '<p><time datetime="{}">{}</time></p>', item.date_start.isoformat(), item.date_display
        )
        if item.summary:
            html += format_html("<p>{}</p>", item.summary)
        citations = item.citations.all()
        if citations:
            html += format_html(
                "<p>Sources:</p><ul>{}</ul>",
                format_html_join("", "<li>{}</li>", ((_citation_html(c),) for c in citations)),
            )
        return html

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Event) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Event) -> datetime:
        return item.updated_at

    def item_categories(self, item: Event) -> list[str]:
        return [item.get_event_type_display(), *(tag.name for tag in item.tags.all())]


def _citation_html(citation: Any) -> str:
    source = citation.source
    label = f"{source.publisher}: {source.title}" if source.publisher else source.title
    # Rows written through the ORM skip the model's validators: only http(s) becomes a link.
    url = safe_http_url(source.url)
    if url:
        return format_html('<a href="{}">{}</a>', url, label)
    return format_html("{}", label)


# --- iCalendar ---------------------------------------------------------------------------------

_CALENDAR_END = b"END:VCALENDAR\r\n"


def calendar_event(record: EventRecord, permalink: str, *, host: str) -> icalendar.Event:
    """One event as an all-day VEVENT spanning its whole date range (DTEND is exclusive)."""
    entry = icalendar.Event()
    entry.add("uid", f"event-{record.id}@{host}")
    entry.add("dtstamp", record.updated_at.astimezone(UTC))
    entry.add("last-modified", record.updated_at.astimezone(UTC))
    entry.add("dtstart", record.date_start)
    if record.date_end < date.max:
        entry.add("dtend", record.date_end + timedelta(days=1))
    else:
        # No date follows 31 Dec 9999; RFC 5545 lets a DURATION stand for the exclusive end.
        entry.add("duration", timedelta(days=(record.date_end - record.date_start).days + 1))
    entry.add("summary", record.title)
    entry.add("description", _calendar_description(record, permalink))
    entry.add("url", permalink)
    entry.add("categories", [record.type_label])
    # A range known only roughly is not a commitment to be there all week.
    entry.add("transp", "TRANSPARENT")
    return entry


def _calendar_description(record: EventRecord, permalink: str) -> str:
    lines = [f"Date: {record.date_display}"]
    # A calendar shows a year event as a 365-day block; say that it is the precision, not the
    # length of what happened.
    if record.precision == "approximate":
        lines[0] += ". The date is approximate, so this entry spans the likely range."
    elif record.precision != "day":
        lines[0] += f". Only the {record.precision} is known, so this entry spans all of it."
    if record.summary:
        lines += ["", record.summary]
    if record.citations:
        lines += ["", "Sources:"]
        for citation in record.citations:
            label = (
                f"{citation.publisher}: {citation.title}" if citation.publisher else citation.title
            )
            url = safe_http_url(citation.url)
            lines.append(f"- {label}" + (f" <{url}>" if url else ""))
    lines += ["", permalink]
    return "\n".join(lines)


def stream_calendar(
    events: QuerySet[Event], *, filters: EventFilters, permalinks: Permalinks, host: str
) -> Iterator[bytes]:
    """An iCalendar file (RFC 5545) in pieces: the calendar header, each event, the end line."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Policy Timeline//Policy Timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is written unescaped: a line break from a filter value would end the line.
    name = " ".join(f"Policy Timeline: {describe_filters(filters)}".split())
    calendar.add("x-wr-calname", name)
    header = calendar.to_ical()
    yield header.removesuffix(_CALENDAR_END)
    for record in iter_records(events):
        yield calendar_event(record, permalinks(record.id), host=host).to_ical()
    yield _CALENDAR_END


@require_GET
def event_calendar_ics(request: HttpRequest) -> HttpResponse:
    """``/calendar.ics``: the filtered timeline as a calendar to subscribe to."""
    filters, events, cap = requested_events(
        request, "TIMELINE_CALENDAR_MAX_EVENTS", DEFAULT_CALENDAR_MAX_EVENTS
    )
    if cap is not None:
        return too_large_response("calendar", cap)
    response = StreamingHttpResponse(
        stream_calendar(
            events, filters=filters, permalinks=Permalinks(request), host=request.get_host()
        ),
        content_type="text/calendar; charset=utf-8",
    )
    filename = export_filename(filters, "ics", at=timezone.now())
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
