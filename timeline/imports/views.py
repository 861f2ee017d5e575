"""The admin's CSV import page: upload, preview what would change (a dry run), confirm.

Served at ``/admin/timeline/event/import/`` (linked from the event list in the admin) to editors
who may add and change events. The confirmed file is kept in the session between preview and
confirmation, and checked again when confirmed, since the database may have changed meanwhile.
A file of more than ``TIMELINE_IMPORT_BACKGROUND_ROWS`` rows is written by the background worker
(``timeline/imports/jobs.py``); its page, ``/admin/timeline/event/import/jobs/<id>/``, follows it.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from timeline.imports.csv import ImportFileError, ImportPlan, decode_csv, import_csv, read_csv
from timeline.imports.jobs import create_import_job
from timeline.models import Event, ImportJob
from timeline.tasks import import_events

IMPORT_PERMISSIONS = ("timeline.add_event", "timeline.change_event", "timeline.add_citation")
CREATE_PERMISSIONS = ("timeline.add_actor", "timeline.add_tag")
#: Largest file the page accepts (override with TIMELINE_IMPORT_MAX_BYTES); bigger imports go
#: through ``manage.py import_csv``.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SESSION_KEY = "timeline_csv_import"
#: Rows listed in the preview; the counts cover all of them.
PREVIEW_ROWS = 200
PREVIEW_ERRORS = 500


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="A file in the export's format (download one from the timeline's CSV link). "
        "UTF-8, with , or ; between cells.",
    )
    create_missing = forms.BooleanField(
        required=False,
        label="Create missing actors and tags",
        help_text="Without this, a name the database does not know is an error, so a typo "
        "cannot create a second actor.",
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        limit = getattr(settings, "TIMELINE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {upload.size / 1e6:.1f} MB; this page takes up to "
                f"{limit / 1e6:.0f} MB. Use “manage.py import_csv” for larger files."
            )
        data = upload.read()
        try:
            # Only whether the file can be read at all; rows are checked in the preview.
            read_csv(data)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return decode_csv(data)


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **admin.site.each_context(request),
        "title": "Import events from CSV",
        "opts": Event._meta,
        "preview_rows": PREVIEW_ROWS,
        **extra,
    }


def _preview_context(plan: ImportPlan) -> dict[str, Any]:
    changed = [row for row in plan.rows if row.action != "unchanged"]
    return {
        "plan": plan,
        "changed_rows": changed[:PREVIEW_ROWS],
        "more_changed": max(0, len(changed) - PREVIEW_ROWS),
        "errors": plan.errors[:PREVIEW_ERRORS],
        "more_errors": max(0, len(plan.errors) - PREVIEW_ERRORS),
    }


@require_http_methods(["GET", "POST"])
def event_import(request: HttpRequest) -> HttpResponse:
    """Upload a file and see what importing it would do; nothing is written at this step."""
    if not request.user.has_perms(IMPORT_PERMISSIONS):
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    context = _context(request, form=form)
    if request.method == "POST" and form.is_valid():
        text, create_missing = form.cleaned_data["file"], form.cleaned_data["create_missing"]
        if create_missing and not request.user.has_perms(CREATE_PERMISSIONS):
            raise PermissionDenied
        plan = import_csv(text, create_missing=create_missing, dry_run=True)
        context.update(_preview_context(plan), file_name=request.FILES["file"].name)
        if plan.is_valid:
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {
                "token": token,
                "text": text,
                "create_missing": create_missing,
                "file_name": request.FILES["file"].name,
                "rows": plan.row_count,
            }
            context["token"] = token
    return TemplateResponse(request, "admin/timeline/event/import_csv.html", context)


def _confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed file, checking it again first."""
    stored = request.session.get(SESSION_KEY)
    if not stored or not secrets.compare_digest(stored["token"], request.POST["token"]):
        messages.error(request, "That preview has expired or was replaced; upload the file again.")
        return redirect("event_import")
    if stored["create_missing"] and not request.user.has_perms(CREATE_PERMISSIONS):
        raise PermissionDenied
    if stored.get("rows", 0) > settings.TIMELINE_IMPORT_BACKGROUND_ROWS:
        job = create_import_job(
            text=stored["text"],
            create_missing=stored["create_missing"],
            file_name=stored["file_name"],
            row_count=stored["rows"],
            user=request.user,
        )
        import_events.enqueue(job.pk)
        del request.session[SESSION_KEY]
        return redirect(job)
    plan = import_csv(stored["text"], create_missing=stored["create_missing"], user=request.user)
    if not plan.is_valid:
        # The database changed between preview and confirmation (an actor renamed, an event
        # merged); say what, and write nothing.
        del request.session[SESSION_KEY]
        context = _context(request, form=CsvImportForm(), file_name=stored["file_name"])
        context.update(_preview_context(plan))
        return TemplateResponse(request, "admin/timeline/event/import_csv.html", context)
    del request.session[SESSION_KEY]
    messages.success(request, f"{plan.summary()} File: {stored['file_name']}.")
    return redirect("admin:timeline_event_changelist")


@require_http_methods(["GET"])
def event_import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background import's state; the page reloads itself until the import has run.

    Every editor who may import sees every import job, as with ingest jobs: imports are shared
    work on one timeline, and the page shows nothing the event list does not.
    """
    if not request.user.has_perms(IMPORT_PERMISSIONS):
        raise PermissionDenied
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    context = _context(request, job=job, title=f"Import of {job.file_name}")
    return TemplateResponse(request, "admin/timeline/event/import_job.html", context)
