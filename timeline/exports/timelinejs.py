"""The filtered timeline as a TimelineJS3 data file, for embeds and the site's visual timeline.

Events come from the one reader of timeline/exports/records.py, in chunks; the whole file is built
in memory, so its size is capped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET

from timeline.exports.common import Permalinks, describe_filters, requested_events
from timeline.exports.records import CitationRef, EventRecord, iter_records
from timeline.extraction.daterange import Precision, format_date_range
from timeline.validators import safe_http_url

#: Largest TimelineJS file: the whole file is built in memory and TimelineJS itself slows to a
#: crawl long before this (override with TIMELINE_TIMELINEJS_MAX_EVENTS).
DEFAULT_TIMELINEJS_MAX_EVENTS = 5_000

# Which parts of a date TimelineJS3 gets for each precision: a month is "2025-03" and shown as
# such, not pinned to its first day.
_DATE_PARTS = {
    Precision.DAY: ("year", "month", "day"),
    Precision.WEEK: ("year", "month", "day"),
    Precision.MONTH: ("year", "month"),
    Precision.QUARTER: ("year", "month"),
    Precision.YEAR: ("year",),
    Precision.APPROXIMATE: ("year", "month", "day"),
}


def _timelinejs_date(day: date, parts: Sequence[str], display: str | None = None) -> dict:
    value: dict[str, Any] = {part: getattr(day, part) for part in parts}
    if display:
        value["display_date"] = display
    return value


def timelinejs_slide(record: EventRecord, permalink: str) -> dict[str, Any]:
    """One event as a TimelineJS3 slide (https://timeline.knightlab.com/docs/json-format.html)."""
    precision = Precision(record.precision)
    parts = _DATE_PARTS[precision]
    display = record.date_display
    slide: dict[str, Any] = {
        "unique_id": f"event-{record.id}",
        "start_date": _timelinejs_date(record.date_start, parts, display),
        "display_date": display,
        "group": record.type_label,
        "text": {
            "headline": format_html('<a href="{}">{}</a>', permalink, record.title),
            "text": _timelinejs_text(record),
        },
        # Plain facts for other readers of this file (the site's own visual timeline): TimelineJS
        # ignores keys it does not know.
        "event": {
            "id": record.id,
            "url": permalink,
            "title": record.title,
            "date_start": record.date_start.isoformat(),
            "date_end": record.date_end.isoformat(),
            "precision": record.precision,
        },
    }
    # A single day or a single month/year is a point; anything else spans start to end.
    ends_elsewhere = {
        Precision.DAY: False,
        Precision.MONTH: False,
        Precision.YEAR: False,
        Precision.QUARTER: True,
        Precision.WEEK: True,
        Precision.APPROXIMATE: True,
    }[precision]
    if ends_elsewhere:
        slide["end_date"] = _timelinejs_date(record.date_end, parts)
    return slide


def _timelinejs_text(record: EventRecord) -> str:
    html = format_html("<p>{}</p>", record.summary) if record.summary else ""
    if record.actors:
        html += format_html("<p>Actors: {}</p>", ", ".join(actor.name for actor in record.actors))
    if record.citations:
        html += format_html(
            "<p>Sources:</p><ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                ((_source_link(citation),) for citation in record.citations),
            ),
        )
    return html


def _source_link(citation: CitationRef) -> str:
    label = f"{citation.publisher}: {citation.title}" if citation.publisher else citation.title
    if citation.published_on:
        label += f" ({format_date_range(citation.published_on, citation.published_on, 'day')})"
    # Rows written through the ORM skip the model's validators: only http(s) becomes a link.
    url = safe_http_url(citation.url)
    if not url:
        return format_html("{}", label)
    return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, label)


def timelinejs_data(
    records: Iterable[EventRecord], *, title: str, description: str, permalinks: Permalinks
) -> dict[str, Any]:
    """A TimelineJS3 data file: a title slide and one slide per event."""
    return {
        "title": {
            "text": {
                "headline": format_html("{}", title),
                "text": format_html("<p>{}</p>", description),
            }
        },
        "events": [timelinejs_slide(record, permalinks(record.id)) for record in records],
        "scale": "human",
    }


@require_GET
def event_export_json(request: HttpRequest) -> JsonResponse:
    """``/export.json``: the filtered timeline as a TimelineJS3 data file, ready to embed."""
    filters, events, cap = requested_events(
        request, "TIMELINE_TIMELINEJS_MAX_EVENTS", DEFAULT_TIMELINEJS_MAX_EVENTS
    )
    if cap is not None:
        response = JsonResponse(
            {
                "error": f"A TimelineJS file holds at most {cap:,} events; narrow the filters "
                "(a date range, a type or a country)."
            },
            status=400,
        )
    else:
        data = timelinejs_data(
            iter_records(events),
            title="Policy Timeline",
            description=describe_filters(filters),
            permalinks=Permalinks(request),
        )
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    # The TimelineJS embed runs on Knight Lab's origin and fetches this file from there; the data
    # is public, so any origin may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response
