"""Batches of articles from the ingest page, processed by the background worker.

A job runs in two phases with the editor in between:

1. ``read_job``: fetch every URL, decode, read each article and detect its title, publisher, URL
   and publication date; an article already stored is marked as such right away.
2. The editor checks (and corrects) the detected details: the publication date decides how "on
   Tuesday" is resolved, so it must be right before extraction.
3. ``extract_job``: extract and store each confirmed article (``pipeline.store_article``).

Each article succeeds or fails on its own and says why; a failure never stops the batch.

A database error (an outage, a lock or statement timeout) is not the article's fault: it stops the
phase without failing anything, and the worker runs the phase again later (``timeline/worker.py``).
Each phase can be run again at any point, after a worker was killed too: it takes up the articles
not finished, and an article's writes (its source, events and new status) commit together or not
at all, so an interrupted article is redone, never stored twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from timeline.ingest import IngestError, describe_size
from timeline.ingest.clean import canonical_url, content_type_for, decode, read_text
from timeline.ingest.fetch import fetch_url
from timeline.ingest.pipeline import (
    ArticleInput,
    StoreResult,
    completion_message,
    duplicate_message,
    fallback_title,
    find_duplicate,
    store_article,
)
from timeline.models import IngestItem, IngestJob, Source, max_length

logger = logging.getLogger(__name__)

UNEXPECTED = "Something went wrong while {doing} this article; the error has been logged."
NO_PUBLICATION_DATE = (
    "No publication date was found. Enter it before extracting, or dates such as “on Tuesday” "
    "cannot be resolved."
)
Status = IngestItem.Status
# Errors of the database rather than of the article: the phase stops and runs again later.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def create_job(
    *,
    user: Any,
    text: str = "",
    files: Iterable[UploadedFile] = (),
    urls: Iterable[str] = (),
) -> IngestJob:
    """A queued job with one article per pasted text, file and URL, in that order."""
    items = [pasted_item(text)] if text.strip() else []
    items += [file_item(upload.name, upload.read(), charset=upload.charset) for upload in files]
    items += [url_item(url) for url in urls]
    return job_with_items(user=user, items=items)


@transaction.atomic
def job_with_items(*, user: Any, items: list[IngestItem]) -> IngestJob:
    """Store a queued job with ``items`` (unsaved, in order)."""
    job = IngestJob.objects.create(created_by=user)
    for position, item in enumerate(items, start=1):
        item.job, item.position = job, position
    IngestItem.objects.bulk_create(items)
    return job


def pasted_item(text: str) -> IngestItem:
    return IngestItem(origin=Source.Origin.PASTE, label="Pasted text", raw=text)


def url_item(url: str) -> IngestItem:
    return IngestItem(origin=Source.Origin.URL, label=url, requested_url=url)


def file_item(name: str, data: bytes, *, charset: str | None = None) -> IngestItem:
    """An uploaded file, decoded now while its bytes are at hand.

    A file that cannot be read becomes a failed item with the reason; the rest of the batch goes
    ahead.
    """
    item = IngestItem(origin=Source.Origin.UPLOAD, label=name)
    try:
        item.content_type = content_type_for(name)
        if len(data) > settings.INGEST_MAX_BYTES:
            raise IngestError(
                f"The file is larger than {describe_size(settings.INGEST_MAX_BYTES)}, the most "
                "an article may be."
            )
        item.raw = decode(data, declared_charset=charset, content_type=item.content_type)
    except IngestError as error:
        item.status, item.message = Status.FAILED, str(error)
    return item


def failed_item(label: str, message: str) -> IngestItem:
    """An input that could not even be opened (a missing file on the command line)."""
    return IngestItem(
        origin=Source.Origin.UPLOAD, label=label, status=Status.FAILED, message=message
    )


def read_job(job_id: int) -> None:
    """Phase 1: fetch and read every waiting article of the job."""
    job = IngestJob.objects.get(pk=job_id)
    _set_job_status(job, IngestJob.Status.READING)
    with _failing_job_on_error(job):
        # A fetching or reading article was interrupted (its worker died); read it again.
        unread = (Status.WAITING, Status.FETCHING, Status.READING)
        for item in job.items.filter(status__in=unread).order_by("position"):
            read_item(item)
        if job.items.filter(status=Status.READY).exists():
            _set_job_status(job, IngestJob.Status.CONFIRM)
        else:
            _finish(job)


def read_item(item: IngestItem) -> None:
    """Fetch (for a URL), decode and read one article; detect its metadata."""
    try:
        if item.origin == Source.Origin.URL:
            _set_status(item, Status.FETCHING)
            page = fetch_url(
                item.requested_url,
                timeout=settings.INGEST_FETCH_TIMEOUT,
                max_bytes=settings.INGEST_MAX_BYTES,
                max_redirects=settings.INGEST_MAX_REDIRECTS,
                allow_test_loopback=settings.INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS,
            )
            item.raw = decode(
                page.content, declared_charset=page.charset, content_type=page.content_type
            )
            item.content_type = page.content_type
            item.url = page.url
        _set_status(item, Status.READING)
        article = read_text(item.raw, content_type=item.content_type, url=item.url or None)
        item.text = article.text
        item.title = (article.title or fallback_title(article.text))[
            : max_length(IngestItem, "title")
        ]
        item.publisher = (article.publisher or "")[: max_length(IngestItem, "publisher")]
        item.url = canonical_url(article.url or item.url)[: max_length(IngestItem, "url")]
        item.published_on = article.published
        item.dateline = article.dateline
        item.updated_on = article.updated
        item.author = (article.author or "")[: max_length(IngestItem, "author")]
        item.language = (article.language or "")[: max_length(IngestItem, "language")]
        existing = find_duplicate(
            url=item.url, text=item.text, title=item.title, publisher=item.publisher
        )
        if existing is not None and existing.text:
            item.status, item.source = Status.DUPLICATE, existing
            item.message = duplicate_message(existing)
        else:
            item.status = Status.READY
            notes = [completion_message(existing)] if existing is not None else []
            if not item.published_on:
                notes.append(NO_PUBLICATION_DATE)
            item.message = " ".join(notes)
    except IngestError as error:
        item.status, item.message = Status.FAILED, str(error)
    except DATABASE_UNAVAILABLE:
        raise
    except Exception:
        logger.exception("Reading ingest item %s failed", item.pk)
        item.status, item.message = Status.FAILED, UNEXPECTED.format(doing="reading")
    if item.is_finished:
        item.raw = ""
    item.save()


def extract_job(job_id: int) -> None:
    """Phase 3: extract and store every confirmed article of the job."""
    job = IngestJob.objects.get(pk=job_id)
    _set_job_status(job, IngestJob.Status.EXTRACTING)
    with _failing_job_on_error(job):
        # An extracting article was interrupted: nothing of it was committed; extract it again.
        unextracted = (Status.READY, Status.EXTRACTING)
        for item in job.items.filter(status__in=unextracted).order_by("position"):
            extract_item(item, user=job.created_by)
        _finish(job)


def extract_item(item: IngestItem, *, user: Any = None) -> None:
    """Store one confirmed article with its candidate events, and its new status with them."""
    _set_status(item, Status.EXTRACTING)
    try:
        with transaction.atomic():
            result = store_article(
                ArticleInput(
                    text=item.text,
                    title=item.title,
                    publisher=item.publisher,
                    url=item.url,
                    published_on=item.published_on,
                    updated_on=item.updated_on,
                    author=item.author,
                    language=item.language,
                    origin=item.origin,
                    dateline=item.dateline,
                ),
                user=user,
            )
            item.status = {
                StoreResult.CREATED: Status.CREATED,
                StoreResult.DUPLICATE: Status.DUPLICATE,
                StoreResult.EMPTY: Status.EMPTY,
            }[result.status]
            item.source, item.events_created, item.message = (
                result.source,
                result.events,
                result.message,
            )
            item.raw = ""
            item.save()
    except DATABASE_UNAVAILABLE:
        raise
    except Exception:
        logger.exception("Extracting ingest item %s failed", item.pk)
        item.status, item.message = Status.FAILED, UNEXPECTED.format(doing="extracting events from")
        item.source, item.events_created, item.raw = None, 0, ""
        item.save()


def run_unattended(
    job: IngestJob,
    *,
    overrides: dict[str, Any] | None = None,
    on_progress: Callable[[int, int, IngestItem], None] | None = None,
) -> list[IngestItem]:
    """Both phases at once, without the editor's check (the command line does this).

    ``overrides`` (publisher, url, published_on) replace what was detected, for every article.
    """
    items = list(job.items.order_by("position"))
    _set_job_status(job, IngestJob.Status.READING)
    with _failing_job_on_error(job):
        for number, item in enumerate(items, start=1):
            if item.status == Status.WAITING:
                read_item(item)
            if item.status == Status.READY:
                for name, value in (overrides or {}).items():
                    if value:
                        setattr(item, name, value)
                item.save()
                extract_item(item, user=job.created_by)
            if on_progress is not None:
                on_progress(number, len(items), item)
        _finish(job)
    return items


def confirm_job(job: IngestJob, *, skipped: Iterable[int] = ()) -> None:
    """The editor has checked the details: leave out ``skipped`` items, queue extraction."""
    job.items.filter(pk__in=list(skipped), status=Status.READY).update(
        status=Status.SKIPPED, message="Left out by the editor.", raw=""
    )
    _set_job_status(job, IngestJob.Status.QUEUED)


def progress(job: IngestJob, items: list[IngestItem]) -> tuple[int, int]:
    """(done, total) of the phase the job is in: articles read, or articles extracted."""
    total = len(items)
    if job.status in {IngestJob.Status.QUEUED, IngestJob.Status.READING}:
        reading = {Status.WAITING, Status.FETCHING, Status.READING}
        return sum(1 for item in items if item.status not in reading), total
    if job.status == IngestJob.Status.CONFIRM:
        return sum(1 for item in items if item.status != Status.READY), total
    return sum(1 for item in items if item.is_finished), total


def _set_status(item: IngestItem, status: str) -> None:
    item.status = status
    IngestItem.objects.filter(pk=item.pk).update(status=status)


def _set_job_status(job: IngestJob, status: str) -> None:
    job.status = status
    job.save(update_fields=["status", "updated_at"])


def _finish(job: IngestJob) -> None:
    job.status, job.finished_at = IngestJob.Status.DONE, timezone.now()
    job.save(update_fields=["status", "finished_at", "updated_at"])


@contextmanager
def _failing_job_on_error(job: IngestJob) -> Iterator[None]:
    """Marks the job failed, with a reason, if its phase stops on an unexpected error."""
    try:
        yield
    except DATABASE_UNAVAILABLE:
        raise
    except Exception:
        logger.exception("Ingest job %s stopped", job.pk)
        job.status = IngestJob.Status.FAILED
        job.message = (
            "The background job stopped on an unexpected error (logged on the server); "
            "articles already processed are kept."
        )
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at", "updated_at"])
        raise
