"""Background tasks (django-tasks): thin wrappers that run an ingest job's phases and large imports.

With the database backend (settings.TASKS) the web request only enqueues a row and returns;
``manage.py db_worker`` runs the task. Tests use the immediate backend, which runs it inline.
"""

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from timeline.imports.jobs import run_import_job
from timeline.ingest import jobs, watch
from timeline.models import Watch


@task()
def read_articles(job_id: int) -> None:
    """Fetch and read every article of an ingest job, detecting their details."""
    jobs.read_job(job_id)


@task()
def extract_articles(job_id: int) -> None:
    """Extract candidate events from the confirmed articles of an ingest job and store them."""
    jobs.extract_job(job_id)


@task()
def import_events(job_id: int) -> None:
    """Write a confirmed CSV import that is too large for a web request."""
    run_import_job(job_id)


@task()
def poll_watch(watch_id: int, due: str) -> None:
    """Poll a watch for its check scheduled at ``due`` (ISO 8601), then queue the next check.

    A task whose check was replaced ("check now", resume, pause) does nothing: each watch has one
    chain of checks, the one carrying its current ``next_check``.
    """
    claimed = watch.claim(watch_id, due=datetime.fromisoformat(due), now=timezone.now())
    if claimed is not None:
        watch.poll(claimed)
        queue_check(claimed)


def queue_check(watched: Watch) -> None:
    """Queue the next check of a polled watch at its ``next_check``.

    Only a backend that can run a task later (the database one) keeps the chain going; with the
    immediate backend (tests) and with ``manage.py poll_watches`` on a timer, nothing is queued.
    """
    if watched.next_check is not None and poll_watch.get_backend().supports_defer:
        poll_watch.using(run_after=watched.next_check).enqueue(
            watched.pk, watched.next_check.isoformat()
        )


def check_watch_now(watched: Watch) -> None:
    """Schedule a check of the watch now, replacing the chain of checks it had."""
    now = timezone.now()
    Watch.objects.filter(pk=watched.pk).update(next_check=now)
    watched.next_check = now
    poll_watch.enqueue(watched.pk, now.isoformat())
