"""Public pages."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from timeline.models import Event
from timeline.queries import EventFilterForm, filter_events


@require_GET
def event_list(request: HttpRequest) -> TemplateResponse:
    form = EventFilterForm(request.GET)
    events = filter_events(form.filters)
    return TemplateResponse(request, "timeline/event_list.html", {"form": form, "events": events})


@require_GET
def event_detail(request: HttpRequest, pk: int):
    event = get_object_or_404(Event.objects.with_related(), pk=pk)
    if event.merged_into_id is not None:
        return redirect(event.merged_into, permanent=True)
    if event.status != Event.Status.PUBLISHED and not request.user.has_perm("timeline.view_event"):
        return get_object_or_404(Event.objects.none(), pk=pk)
    return TemplateResponse(request, "timeline/event_detail.html", {"event": event})
