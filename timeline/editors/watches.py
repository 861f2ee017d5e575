"""The watch page for editors: every watch with its last and next check, what it found, and its
last error in words; add, edit, pause, resume and "check now".

Editors only, like the other editors' pages. Each action is an ordinary form POST that
redirects back to the page; with htmx it answers with the ``watches`` fragment instead, which
also refreshes itself while a check runs. A GET of an action's address shows the page.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from timeline.editors.forms import WatchForm
from timeline.editors.views import _fragment, editor_required
from timeline.models import Watch, WatchItem
from timeline.public.views import HtmxHttpRequest
from timeline.tasks import check_watch_now, queue_check

TEMPLATE = "timeline/watch_list.html"
EDIT_TEMPLATE = "timeline/watch_edit.html"


@editor_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def watch_list(request: HtmxHttpRequest) -> HttpResponse:
    """The watches; a valid POST adds one and checks it at once."""
    form = WatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        watch = form.save(commit=False)
        watch.created_by = request.user
        watch.save()
        check_watch_now(watch)
        return redirect("watch_list")
    context = {"form": form, **_watches_context()}
    return TemplateResponse(request, _fragment(request, TEMPLATE, "watches"), context)


@editor_required
@require_http_methods(["GET", "POST"])
def watch_pause(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Stop checking a watch; what it found stays."""
    if request.method == "POST":
        Watch.objects.filter(pk=pk).update(paused=True, next_check=None)
    return _answer(request, pk)


@editor_required
@require_http_methods(["GET", "POST"])
def watch_resume(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Check a paused watch now and on its schedule again."""
    if request.method == "POST":
        Watch.objects.filter(pk=pk).update(paused=False, failures=0)
    return watch_check(request, pk)


@editor_required
@require_http_methods(["GET", "POST"])
def watch_check(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Check a watch now (in the background), in place of its next scheduled check."""
    watch = get_object_or_404(Watch, pk=pk)
    if request.method == "POST" and not watch.paused:
        check_watch_now(watch)
    return _answer(request, pk)


@editor_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def watch_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change a watch's address, kind, name, words, story tag or interval; what it found stays.

    Bad input shows the form again with the editor's input and the reasons, the watch unchanged.
    """
    watch = get_object_or_404(Watch, pk=pk)
    heading = watch.name or watch.url
    form = WatchForm(request.POST or None, instance=watch)
    if request.method == "POST" and form.is_valid():
        _save_changes(form)
        if request.htmx:
            return HttpResponseClientRedirect(reverse("watch_list"))
        return redirect("watch_list")
    context = {"form": form, "watch": watch, "heading": heading}
    return TemplateResponse(request, _fragment(request, EDIT_TEMPLATE, "form"), context)


def _save_changes(form: WatchForm) -> None:
    """Save an edited watch, and check it again when what it polls or how often has changed."""
    watch = form.save(commit=False)
    changed = set(form.changed_data)
    # Only what the editor edits: a check running meanwhile owns the status and the schedule.
    fields = list(form.Meta.fields)
    if changed & {"url", "kind"}:
        # Another listing: the old one's validators and failures say nothing about it.
        watch.etag = watch.last_modified = watch.last_error = ""
        watch.failures = 0
        watch.status = Watch.Status.NEW
        fields += ["etag", "last_modified", "last_error", "failures", "status"]
    watch.save(update_fields=fields)
    watch.refresh_from_db(fields=["paused", "next_check", "last_checked"])
    if watch.paused or watch.next_check is None:
        return  # paused, or being checked now: that check schedules the next with the new values
    if changed & {"url", "kind"}:
        check_watch_now(watch)
    elif "interval_minutes" in changed:
        last = watch.last_checked or timezone.now()
        watch.next_check = max(last + timedelta(minutes=watch.interval_minutes), timezone.now())
        Watch.objects.filter(pk=watch.pk).update(next_check=watch.next_check)
        queue_check(watch)


def _answer(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Watch, pk=pk)
    if request.method == "GET":
        context = {"form": WatchForm(), **_watches_context()}
        return TemplateResponse(request, TEMPLATE, context)
    if request.htmx:
        return TemplateResponse(request, f"{TEMPLATE}#watches", _watches_context())
    return redirect("watch_list")


# The links an editor should know about: not fetched (yet), and why.
UNFETCHED = [
    WatchItem.Status.RETRYING,
    WatchItem.Status.FAILED,
    WatchItem.Status.REFUSED,
    WatchItem.Status.BLOCKED,
]
# How many of them each watch lists, newest first; the admin lists them all.
UNFETCHED_SHOWN = 10


def _watches_context() -> dict[str, object]:
    stored = Q(items__status=WatchItem.Status.STORED)
    unfetched = WatchItem.objects.filter(status__in=UNFETCHED).order_by("-handled_at", "-pk")
    watches = list(
        Watch.objects.select_related("tag")
        .annotate(
            links=Count("items"),
            stored=Count("items", filter=stored),
            waiting=Count("items", filter=Q(items__status=WatchItem.Status.WAITING)),
            unfetched=Count("items", filter=Q(items__status__in=UNFETCHED)),
            candidates=Sum("items__events_created", default=0),
        )
        .prefetch_related(Prefetch("items", unfetched[:UNFETCHED_SHOWN], to_attr="unfetched_items"))
    )
    now = timezone.now()
    # Due or running: the fragment refreshes itself until the worker has checked them.
    checking = any(
        not watch.paused and (watch.next_check is None or watch.next_check <= now)
        for watch in watches
    )
    return {
        "watches": watches,
        "checking": checking,
        "now": now,
        "article_tries": settings.WATCH_ARTICLE_TRIES,
    }
