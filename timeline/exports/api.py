"""A read-only JSON API over published events: ``/api/events`` and ``/api/events/<id>``.

The list takes the same filters as ``/`` (timeline/queries.py) and pages with the page's own
keyset cursor (``after``), so a page costs the same however deep into the timeline it is, and
events published while a client pages never shift or repeat entries. Each event embeds its
actors, tags and citations. The schema is documented in docs/data-formats-and-api.md, "JSON API".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from timeline.exports.common import Permalinks
from timeline.exports.records import EventRecord, iter_record_chunks
from timeline.extraction.daterange import format_date_range
from timeline.models import Event
from timeline.queries import Cursor, EventFilterForm, EventFilters, events_after, filter_events

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _date(start: date | None, end: date | None, precision: str, text: str) -> dict | None:
    if start is None or end is None or not precision:
        return None
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "precision": precision,
        "display": format_date_range(start, end, precision),
        "text": text,
    }


def event_json(record: EventRecord, *, request: HttpRequest, permalinks: Permalinks) -> dict:
    """One event as the API shows it."""
    date_ = _date(record.date_start, record.date_end, record.precision, record.date_text)
    date_["basis"] = record.date_basis
    return {
        "id": record.id,
        "url": request.build_absolute_uri(reverse("api_event_detail", args=[record.id])),
        "permalink": permalinks(record.id),
        "title": record.title,
        "summary": record.summary,
        "type": record.event_type,
        "type_label": record.type_label,
        "date": date_,
        "country": record.country or None,
        "actors": [actor._asdict() for actor in record.actors],
        "tags": [tag._asdict() for tag in record.tags],
        "citations": [
            {
                "source": {
                    "id": citation.source_id,
                    "title": citation.title,
                    "publisher": citation.publisher,
                    "url": citation.url or None,
                    "published_on": (
                        citation.published_on.isoformat() if citation.published_on else None
                    ),
                },
                "quote": citation.quote,
                "date": _date(
                    citation.date_start, citation.date_end, citation.precision, citation.date_text
                ),
            }
            for citation in record.citations
        ],
        "published_at": (record.reviewed_at or record.created_at).isoformat(),
        "updated_at": record.updated_at.isoformat(),
    }


def _error(status: int, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _page_size(request: HttpRequest) -> int:
    raw = request.GET.get("limit", "")
    if not raw:
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_PAGE_SIZE}.")
    return int(raw)


@require_GET
def event_api_list(request: HttpRequest) -> JsonResponse:
    """``/api/events``: one page of published events matching the timeline's filters."""
    form = EventFilterForm(request.GET)
    filters: EventFilters = form.filters
    if "after" in form.errors:
        return _error(400, "The cursor is not valid; start again from the first page.")
    if form.errors:
        # A tool that sent a bad filter must hear about it, not silently get everything.
        return _error(400, "Some filters are not valid.", fields=form.errors.get_json_data())
    try:
        size = _page_size(request)
    except ValueError as error:
        return _error(400, str(error))
    events = filter_events(filters)
    if form.cursor is not None:
        events = events_after(events, form.cursor, newest_first=filters.newest_first)
    records = next(iter_record_chunks(events[: size + 1], chunk_size=size + 1), [])
    permalinks = Permalinks(request)
    next_url = None
    if len(records) > size:
        records = records[:size]
        last = records[-1]
        query = request.GET.copy()
        query["after"] = Cursor(last.date_start, last.precision_rank, last.id).encode()
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    response = JsonResponse(
        {
            "results": [
                event_json(record, request=request, permalinks=permalinks) for record in records
            ],
            "next": next_url,
            "limit": size,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def event_api_detail(request: HttpRequest, pk: int) -> JsonResponse | HttpResponsePermanentRedirect:
    """``/api/events/<id>``: one published event; a merged event redirects to its survivor."""
    found = Event.objects.filter(pk=pk).values("status", "merged_into_id").first()
    if found and found["merged_into_id"] is not None:
        return HttpResponsePermanentRedirect(
            reverse("api_event_detail", args=[found["merged_into_id"]])
        )
    if not found or found["status"] != Event.Status.PUBLISHED:
        return _error(404, f"No published event has id {pk}.")
    records = next(iter_record_chunks(Event.objects.filter(pk=pk)), [])
    response = JsonResponse(
        event_json(records[0], request=request, permalinks=Permalinks(request)),
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
