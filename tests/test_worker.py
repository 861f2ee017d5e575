"""The background worker outlasts database faults and finishes the jobs of a killed worker.

The two worker tests run ``db_worker`` as a real process (``tests/worker_process.py``) against
the test database, and kill it with SIGKILL, as an out-of-memory killer or a lost machine would.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories import create_editor
from timeline import tasks
from timeline.ingest import jobs
from timeline.models import Citation, Event, IngestItem, IngestJob, Source, TaskLease
from timeline.worker import MAX_ATTEMPTS

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ARTICLES = 5


def confirmed_job(count=ARTICLES):
    """A job waiting for extraction: ``count`` read and confirmed articles, one event each."""
    items = [
        IngestItem(
            origin="paste",
            label=f"Article {n}",
            status=IngestItem.Status.READY,
            title=f"Gallium ban {n}",
            text=(
                f"The Ministry of Commerce banned exports of gallium batch {n} on {n} March "
                "2025, officials said."
            ),
            published_on=date(2025, 3, 20),
        )
        for n in range(1, count + 1)
    ]
    job = jobs.job_with_items(user=create_editor(), items=items)
    jobs.confirm_job(job)
    return job


def enqueue_extraction(job):
    with override_settings(TASKS=DATABASE_QUEUE):
        return tasks.extract_articles.enqueue(job.pk)


def worker_process(*options, slow_store_seconds=0.0, lock_timeout=10.0, **environ):
    """Start ``db_worker`` in a process of its own on the test database."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_LOG_LEVEL": "WARNING",
        "WORKER_SLOW_STORE_SECONDS": str(slow_store_seconds),
        "DJANGO_DB_LOCK_TIMEOUT": str(lock_timeout),
        **environ,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.worker_process", "--interval", "0.1", *options],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_a_worker_killed_mid_extraction_is_resumed_after_restart_without_duplicates():
    job = confirmed_job()
    result = enqueue_extraction(job)
    worker = worker_process("--lease-seconds", "1", slow_store_seconds=0.5)
    try:
        created = job.items.filter(status=IngestItem.Status.CREATED)
        wait_for(lambda: created.count() >= 2)
        # The third article is written but not committed: its transaction sleeps.
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.communicate(timeout=10)
    interrupted = DBTaskResult.objects.get(pk=result.id)
    assert interrupted.status == TaskResultStatus.RUNNING
    assert created.count() < ARTICLES

    time.sleep(1.1)  # the dead worker's lease runs out
    restarted = worker_process("--batch")
    output, _ = restarted.communicate(timeout=60)

    assert restarted.returncode == 0, output
    assert "back in the queue" in output
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    items = list(job.items.order_by("position"))
    assert [item.status for item in items] == [IngestItem.Status.CREATED] * ARTICLES
    assert [item.events_created for item in items] == [1] * ARTICLES
    assert Source.objects.count() == ARTICLES
    assert Event.objects.count() == ARTICLES
    assert Citation.objects.count() == ARTICLES
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert not TaskLease.objects.exists()


def test_the_worker_waits_out_a_locked_sqlite_database_instead_of_exiting():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock")
    job = confirmed_job(count=1)
    enqueue_extraction(job)
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    worker = worker_process("--batch", lock_timeout=0.2)
    try:
        # The lock is held until the worker has met it twice; a worker that exits instead
        # ends its output, and the loop with it.
        seen = []
        while sum("trying again" in line for line in seen) < 2:
            line = worker.stdout.readline()
            assert line, "".join(seen)
            seen.append(line)
        holder.rollback()
        output = "".join(seen) + worker.communicate(timeout=60)[0]
    finally:
        holder.close()
        if worker.poll() is None:
            worker.kill()
            worker.communicate()

    assert worker.returncode == 0, output
    assert "database is locked" in output
    assert "The database answers again" in output
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert Source.objects.count() == 1


def test_a_database_error_inside_a_task_leaves_it_to_run_again_not_failed(monkeypatch):
    job = confirmed_job(count=2)
    result = enqueue_extraction(job)
    real_extract_item = jobs.extract_item
    calls = []

    def locked_once(item, **kwargs):
        calls.append(item.position)
        if len(calls) == 2:
            raise OperationalError("database is locked")
        return real_extract_item(item, **kwargs)

    monkeypatch.setattr(jobs, "extract_item", locked_once)
    monkeypatch.setattr("timeline.worker.MAX_BACKOFF_SECONDS", 0.01)
    with override_settings(TASKS=DATABASE_QUEUE):
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    assert calls == [1, 2, 2]
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert Source.objects.count() == 2
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_task_interrupted_too_often_is_failed_with_the_reason():
    job = confirmed_job(count=1)
    result = enqueue_extraction(job)
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING)
    TaskLease.objects.create(
        task_result_id=result.id,
        worker_id="gone",
        expires_at=datetime(2025, 1, 1, tzinfo=UTC),
        attempts=MAX_ATTEMPTS,
    )
    with override_settings(TASKS=DATABASE_QUEUE):
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    failed = DBTaskResult.objects.get(pk=result.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "timeline.worker.InterruptedTooOften"
    assert Source.objects.count() == 0
    assert not TaskLease.objects.exists()


@pytest.mark.postgres
def test_the_worker_connections_get_the_longer_statement_limit():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statement_timeout (DATABASE_URL)")
    from timeline.management.commands.db_worker import worker_statement_timeout

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("20s",)
        worker_statement_timeout(sender=None, connection=connection)
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("5min",)
    connection.close()


def test_two_workers_on_one_queue_take_each_job_once():
    """Two ``db_worker`` processes polling one queue split the jobs between them, and no
    article is extracted twice: one source, one event and one citation per article."""
    workers = [
        worker_process("--lease-seconds", "30", slow_store_seconds=0.2, DJANGO_LOG_LEVEL="INFO")
        for _ in range(2)
    ]
    try:
        for worker in workers:  # both poll the queue before it fills, so they race for it
            lines = []
            while not any("Starting worker" in line for line in lines):
                lines.append(worker.stdout.readline())
                assert lines[-1], "".join(lines)
        jobs_queued = []
        # Queued in one transaction, the jobs appear together and the workers race for them;
        # queued one by one on a slow machine, one worker could finish each before the next.
        with transaction.atomic():
            for n in range(1, ARTICLES * 2 + 1):
                jobs_queued.append(_queued_germanium_job(n))
        done = IngestJob.objects.filter(status=IngestJob.Status.DONE)
        # A job is done inside its task, a moment before the worker records the task's result.
        unfinished = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        )
        wait_for(lambda: done.count() == len(jobs_queued) and not unfinished.exists(), seconds=120)
    finally:
        for worker in workers:
            worker.kill()
            worker.communicate(timeout=10)

    results = list(DBTaskResult.objects.all())
    assert {result.status for result in results} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(result.worker_ids) == 1 for result in results)
    assert len({result.worker_ids[0] for result in results}) == 2
    count = len(jobs_queued)
    assert Source.objects.count() == Event.objects.count() == Citation.objects.count() == count
    assert list(IngestItem.objects.values_list("events_created", flat=True)) == [1] * count


def _queued_germanium_job(n: int) -> IngestJob:
    item = IngestItem(
        origin="paste",
        label=f"Article {n}",
        status=IngestItem.Status.READY,
        title=f"Germanium ban {n}",
        text=f"The ministry banned exports of germanium lot {n} on {n} March 2025.",
        published_on=date(2025, 3, 20),
    )
    job = jobs.job_with_items(user=create_editor(username=f"editor{n}"), items=[item])
    jobs.confirm_job(job)
    enqueue_extraction(job)
    return job
