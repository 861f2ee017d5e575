"""Public pages: the timeline (full page and htmx fragments) and one page per event."""

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from timeline.models import Event
from timeline.public.counts import PART_OF
from timeline.public.page import Links, TimelinePage, event_cards
from timeline.queries import EventFilterForm


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware."""

    htmx: HtmxDetails


@require_GET
@vary_on_headers("HX-Request", "HX-Target", "HX-History-Restore-Request")
def event_list(request: HtmxHttpRequest) -> TemplateResponse:
    """The timeline, newest first unless ``sort=oldest``. htmx requests get the ``results``
    fragment, or only the next ``page`` of events when "Load more" asks, or one ``facet`` with
    its counts when a facet whose counts did not fit in the page's time budget asks for them
    (``#facet-<param>``), or the total and the histogram when their count did not
    (``#facet-months``); history restores and plain requests get the full page.
    ``facet=<param>`` lists every value of one filter (``facet_q`` narrows them by name);
    ``view=visual`` adds the visual timeline above the list."""
    form = EventFilterForm(request.GET, default_sort="newest")
    expand = request.GET.get("facet", "")
    expand_q = request.GET.get("facet_q", "").strip()[:100]
    links = Links(reverse("event_list"), request.GET)
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    target = (request.htmx.target or "") if fragment else ""
    counting = target.removeprefix("facet-") if target.removeprefix("facet-") in PART_OF else ""
    page = TimelinePage(
        form.filters,
        links=links,
        cursor=form.cursor,
        expand=expand,
        expand_q=expand_q,
        counting=counting,
    )
    if counting == "months":
        context = {"page": page, "answering": True}
        return TemplateResponse(request, "timeline/event_list.html#months", context)
    if counting:
        context = {"page": page, "facet": page.counted, "list_url": links.base_url}
        return TemplateResponse(request, "timeline/event_list.html#facet", context)
    template_name = "timeline/event_list.html"
    appending = fragment and request.htmx.target == "load-more" and form.cursor is not None
    if fragment:
        template_name += "#page" if appending else "#results"
    # The rendered results are cached ({% cache_rendering %}). Besides the two flags they depend
    # on the data (its version), the day ("last 90 days"), the query string and who asks: each
    # signed-in user has their own copy, so what one editor sees reaches nobody else.
    query, reader = request.GET.urlencode(), request.user.pk
    render_key = [page.version, timezone.localdate(), query, reader]
    context = {"form": form, "page": page, "render_key": render_key}
    context |= {"fragment": fragment, "appending": appending}
    return TemplateResponse(request, template_name, context)


@require_GET
def event_detail(request: HttpRequest, pk: int) -> TemplateResponse | HttpResponsePermanentRedirect:
    """One event with every citation; a merged event's address leads to the event it joined."""
    event = get_object_or_404(Event, pk=pk)
    if event.merged_into_id is not None:
        return HttpResponsePermanentRedirect(survivor_of(event).get_absolute_url())
    if event.status != Event.Status.PUBLISHED and not request.user.has_perm("timeline.view_event"):
        raise Http404("No published event has this number.")
    (card,) = event_cards([event], Links(reverse("event_list"), QueryDict()))
    return TemplateResponse(request, "timeline/event_detail.html", {"event": event, "card": card})


def survivor_of(event: Event) -> Event:
    """The event that ``event`` was merged into, following merges of merges."""
    seen = {event.pk}
    while event.merged_into_id is not None and event.merged_into_id not in seen:
        seen.add(event.merged_into_id)
        event = event.merged_into
    return event
