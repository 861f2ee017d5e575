"""Large CSV imports, written by the background worker instead of inside the web request.

Checking and writing 100,000 rows takes longer than gunicorn gives a request. Above
``TIMELINE_IMPORT_BACKGROUND_ROWS`` rows, confirming the admin's import preview stores the file
in an ``ImportJob`` and queues it; the editor follows it on the job's page. The import is still
one transaction, checked again when it runs, and the job's outcome is saved in that transaction:
a worker killed half-way leaves nothing behind, and the task, run again, starts afresh.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from timeline.imports.csv import ImportFileError, import_csv
from timeline.models import ImportJob, max_length

logger = logging.getLogger(__name__)

#: Problems listed on the job page of a file the database no longer accepts.
LISTED_ERRORS = 50


def create_import_job(
    *, text: str, create_missing: bool, file_name: str, row_count: int, user: Any
) -> ImportJob:
    """Store a previewed file as a queued job, for the ``import_events`` task."""
    return ImportJob.objects.create(
        text=text,
        create_missing=create_missing,
        file_name=file_name[: max_length(ImportJob, "file_name")],
        row_count=row_count,
        created_by=user,
    )


def run_import_job(job_id: int) -> None:
    """Check and write the job's file, all or nothing, and record the outcome."""
    job = ImportJob.objects.get(pk=job_id)
    if not job.is_running:
        return  # finished by an earlier run of this task
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    try:
        with transaction.atomic():
            plan = import_csv(job.text, create_missing=job.create_missing, user=job.created_by)
            job.summary = plan.summary()
            if plan.is_valid:
                job.status = ImportJob.Status.DONE
            else:
                job.status = ImportJob.Status.FAILED
                listed = [str(error) for error in plan.errors[:LISTED_ERRORS]]
                if len(plan.errors) > LISTED_ERRORS:
                    listed.append(f"… and {len(plan.errors) - LISTED_ERRORS:,} more.")
                job.message = "\n".join(listed)
            _finish(job)
    except (OperationalError, InterfaceError):
        raise  # the database is away or busy: the worker runs the task again
    except ImportFileError as error:
        job.status, job.message = ImportJob.Status.FAILED, str(error)
        _finish(job)
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        job.status = ImportJob.Status.FAILED
        job.message = (
            "The import stopped on an unexpected error (logged on the server); nothing was written."
        )
        _finish(job)


def _finish(job: ImportJob) -> None:
    job.text, job.finished_at = "", timezone.now()
    job.save()
