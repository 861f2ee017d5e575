"""The editors' pages: ingest articles, follow the job, review the candidates.

Every view is for editors only (``timeline.roles.is_editor``): anonymous visitors are sent to
the login page, signed-in non-editors get 403. Each htmx fragment is a named partial of its page
template, and every htmx POST is an ordinary form POST (CSRF token included) that also works
without JavaScript, answered with a redirect back to the page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from timeline.editors import review
from timeline.editors.forms import (
    CandidateForm,
    IngestForm,
    ItemDetailsFormSet,
    MergeTargetForm,
    ReviewFilterForm,
)
from timeline.editors.merging import MergeError
from timeline.ingest import jobs
from timeline.models import Event, IngestItem, IngestJob, ReviewAction, Source
from timeline.public.views import HtmxHttpRequest
from timeline.roles import is_editor
from timeline.tasks import extract_articles, read_articles

QUEUE_PATIENCE_SECONDS = 10


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous: to the login page (a full-page redirect for htmx); non-editor: 403."""

    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if request.htmx:
                return HttpResponseClientRedirect(
                    redirect_to_login(request.headers.get("HX-Current-URL", "/")).url
                )
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("Only editors may ingest and review articles.")
        return view(request, *args, **kwargs)

    return wrapper


def _fragment(request: HtmxHttpRequest, template_name: str, partial: str) -> str:
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template_name}#{partial}"
    return template_name


# Ingest -----------------------------------------------------------------------------------


@editor_required
@require_http_methods(["GET", "POST"])
def ingest(request: HtmxHttpRequest) -> HttpResponse:
    """The ingest form; a valid submission becomes a background job and its page."""
    form = IngestForm(request.POST, request.FILES) if request.method == "POST" else IngestForm()
    if form.is_bound and form.is_valid():
        job = jobs.create_job(user=request.user, **form.cleaned_data)
        read_articles.enqueue(job.pk)
        return redirect(job)
    recent = IngestJob.objects.filter(created_by=request.user).prefetch_related("items")[:10]
    return TemplateResponse(request, "timeline/ingest_form.html", {"form": form, "jobs": recent})


@editor_required
@require_GET
@vary_on_headers("HX-Request")
def ingest_job(request: HtmxHttpRequest, pk: int) -> TemplateResponse:
    """A job's progress; htmx polls the ``job`` fragment while the job runs.

    Any editor may open and confirm any job, not only its own: a newsroom's editors share one
    queue and take over each other's batches. The page names who started it.
    """
    job = get_object_or_404(IngestJob.objects.select_related("created_by"), pk=pk)
    template = _fragment(request, "timeline/ingest_job.html", "job")
    return TemplateResponse(request, template, _job_context(job))


@editor_required
@require_http_methods(["GET", "POST"])
def ingest_job_confirm(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The editor confirms (or corrects) the detected details; extraction is queued.

    GET shows the job page, whose form posts here.
    """
    if request.method == "GET":
        job = get_object_or_404(IngestJob.objects.select_related("created_by"), pk=pk)
        return TemplateResponse(request, "timeline/ingest_job.html", _job_context(job))
    # All or nothing, once: the job's row lock makes a second confirm (a double click, two
    # editors) wait and then find the job already queued; the task is queued in the same
    # transaction, so it exists exactly when the confirmation does.
    with transaction.atomic():
        job = get_object_or_404(IngestJob.objects.select_for_update(), pk=pk)
        if job.status != IngestJob.Status.CONFIRM:
            return redirect(job)
        formset = ItemDetailsFormSet(request.POST, queryset=_ready_items(job))
        if not formset.is_valid():
            context = _job_context(job, formset=formset)
            template = _fragment(request, "timeline/ingest_job.html", "job")
            return TemplateResponse(request, template, context)
        formset.save()
        skipped = [form.instance.pk for form in formset if not form.cleaned_data.get("include")]
        jobs.confirm_job(job, skipped=skipped)
        extract_articles.enqueue(job.pk)
    return redirect(job)


def _ready_items(job: IngestJob) -> Any:
    return job.items.filter(status=IngestItem.Status.READY).order_by("position")


def _job_context(job: IngestJob, *, formset: Any = None) -> dict[str, Any]:
    items = list(job.items.select_related("source").order_by("position"))
    done, total = jobs.progress(job, items)
    if job.status == IngestJob.Status.CONFIRM and formset is None:
        formset = ItemDetailsFormSet(queryset=_ready_items(job))
    waiting_long = (
        job.status == IngestJob.Status.QUEUED
        and (timezone.now() - job.updated_at).total_seconds() > QUEUE_PATIENCE_SECONDS
    )
    return {
        "job": job,
        "items": items,
        "done": done,
        "total": total,
        "formset": formset,
        "waiting_long": waiting_long,
        "max_redirects": settings.INGEST_MAX_REDIRECTS,
    }


# Review -----------------------------------------------------------------------------------


@editor_required
@require_GET
@vary_on_headers("HX-Request")
def review_list(request: HtmxHttpRequest) -> TemplateResponse:
    """Sources with undecided candidates, newest first; ``?watch=`` or ``?tag=`` narrows the
    list to one story (an unknown value narrows to nothing rather than showing everything)."""
    form = ReviewFilterForm(request.GET)
    if form.is_valid():
        sources = review.sources_to_review(**form.cleaned_data)
    else:
        sources = Source.objects.none()
    template = _fragment(request, "timeline/review_list.html", "results")
    return TemplateResponse(request, template, {"form": form, "sources": sources})


@editor_required
@require_GET
@vary_on_headers("HX-Request")
def review_source(request: HtmxHttpRequest, pk: int) -> TemplateResponse:
    """One source: its text with the evidence highlighted, and a card per candidate."""
    source = get_object_or_404(Source, pk=pk)
    template = _fragment(request, "timeline/review_source.html", "page")
    context = _source_context(source, page_number=request.GET.get("page"))
    return TemplateResponse(request, template, context)


@editor_required
@require_http_methods(["GET", "POST"])
def review_source_accept_all(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Publish every undecided candidate of a source at once (GET asks first)."""
    source = get_object_or_404(Source, pk=pk)
    if request.method == "GET":
        candidates = review.acceptable_at_once(source)
        context = {"source": source, "candidates": candidates.order_by("date_start", "pk")}
        return TemplateResponse(request, "timeline/review_accept_all.html", context)
    review.accept_all(source, request.user)
    page_number = request.POST.get("page")
    if request.htmx:
        context = _source_context(source, page_number=page_number)
        return TemplateResponse(request, "timeline/review_source.html#candidates", context)
    return redirect(_review_page_url(source, page_number))


@editor_required
@require_http_methods(["GET", "POST"])
def review_event(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One candidate's card. Its buttons POST here: accept (with any corrections), save the
    corrections, reject, or reopen a decided one."""
    event = get_object_or_404(Event.objects.select_related("reviewed_by", "merged_into"), pk=pk)
    source = _card_source(request, event)
    if request.method == "GET":
        context = _source_context(source, only=event)
        context["card"] = context["cards"][0]
        return TemplateResponse(request, "timeline/review_event.html", context)
    action = request.POST.get("action", "save")
    form = None
    with transaction.atomic():
        if action == "reopen":
            review.reopen(event, request.user)
        elif not event.is_candidate:
            pass  # decided meanwhile, by another editor: the card shows it as it is now
        elif action == "reject":
            review.reject(event, request.user)
        elif action == "split":
            review.split(event.group_lead or event, request.POST.get("member"), request.user)
        else:
            form = CandidateForm(request.POST, instance=event)
            if form.is_valid():
                if form.has_changed():
                    form.save()
                    review.record(event, ReviewAction.Action.EDITED, request.user)
                if action == "accept":
                    review.accept(event, request.user)
                form = None
    return _card_response(request, source, event, form=form)


def _card_source(request: HtmxHttpRequest, event: Event) -> Source:
    """The source whose review page the card is on (by default, the event's first source)."""
    source_id = request.POST.get("source") or request.GET.get("source")
    if source_id:
        return get_object_or_404(Source, pk=source_id if str(source_id).isdigit() else 0)
    citation = event.citations.select_related("source").order_by("pk").first()
    if citation is None:
        raise Http404("This event cites no source.")
    return citation.source


@editor_required
@require_http_methods(["GET", "POST"])
def review_event_merge(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """GET: search published events to add this candidate to; POST: add it as their source."""
    event = get_object_or_404(Event.objects.select_related("merged_into"), pk=pk)
    source = _card_source(request, event)
    if request.method == "GET":
        query = request.GET.get("q", "").strip()[:200]
        results = _merge_search(event, query)
        context = {
            "event": event,
            "source": source,
            "query": query,
            "results": results,
            "suggestion_days": review.SUGGESTION_DAYS,
        }
        template = _fragment(request, "timeline/review_merge.html", "results")
        return TemplateResponse(request, template, context)
    form = MergeTargetForm(request.POST)
    if not form.is_valid():
        return _merge_refused(request, source, event, form.errors["target"][0])
    error = ""
    if event.is_candidate:
        try:
            review.add_as_source(event, form.cleaned_data["target"], request.user)
        except MergeError as exc:
            error = str(exc)
    event.refresh_from_db()
    return _card_response(request, source, event, error=error)


def _merge_refused(
    request: HtmxHttpRequest, source: Source, event: Event, error: str
) -> HttpResponse:
    """A target that is not a published event: the card says so (htmx swaps only a success),
    or the merge page does, with a 400."""
    if request.htmx:
        return _card_response(request, source, event, error=error)
    context = {
        "event": event,
        "source": source,
        "query": "",
        "results": review.published_near(event),
        "suggestion_days": review.SUGGESTION_DAYS,
        "error": error,
    }
    return TemplateResponse(request, "timeline/review_merge.html", context, status=400)


def _merge_search(event: Event, query: str) -> list[Event]:
    if not query:
        return review.published_near(event)
    matches = Q(title__icontains=query) | Q(summary__icontains=query)
    if query.isdigit():
        matches |= Q(pk=int(query))
    events = Event.objects.published().filter(matches, merged_into__isnull=True)
    return list(events.exclude(pk=event.pk).order_by("-date_start")[:10])


def _card_response(
    request: HtmxHttpRequest, source: Source, event: Event, *, form: Any = None, error: str = ""
) -> HttpResponse:
    refused = error or (form is not None and form.errors)
    if not request.htmx and not refused:
        page_url = _review_page_url(source, review.page_of(source, event))
        return redirect(f"{page_url}#candidate-{event.pk}")
    context = _source_context(source, only=event, form=form, error=error)
    context["card"] = context["cards"][0]
    if not request.htmx:
        # Without JavaScript a refused save is shown on the card's own page, as typed.
        return TemplateResponse(request, "timeline/review_event.html", context)
    return TemplateResponse(request, "timeline/review_source.html#card", context)


def _review_page_url(source: Source, page_number: Any) -> str:
    url = reverse("review_source", args=[source.pk])
    number = str(page_number or "")
    return f"{url}?page={number}" if number.isdigit() and number != "1" else url


def _source_context(
    source: Source,
    *,
    page_number: Any = 1,
    only: Event | None = None,
    form: Any = None,
    error: str = "",
) -> dict[str, Any]:
    """What a page of the review shows; ``only``: just that event's card (an htmx answer)."""
    citations_in_order = review.source_citations(source)
    page = None
    if only is None:
        paginator = Paginator(citations_in_order, review.CANDIDATES_PER_PAGE)
        page = paginator.get_page(page_number)
        citations = list(page.object_list)
    else:
        # A candidate added as a source of another event no longer has its own citation.
        citations = list(citations_in_order.filter(event=only)) or [None]
    events = [c.event if c else only for c in citations]
    matches = review.similar_published(events, source=source)
    cards = [
        {
            "event": event,
            "citation": citation,
            "form": form or (CandidateForm(instance=event) if event.is_candidate else None),
            "matches": matches.get(event.pk, []),
            "error": error,
        }
        for event, citation in zip(events, citations, strict=True)
    ]
    return {
        "source": source,
        "cards": cards,
        "page": page,
        "segments": review.page_segments(source, page) if page else [],
        "undecided": (review.acceptable_at_once(source).distinct().count() if page else 0),
    }
