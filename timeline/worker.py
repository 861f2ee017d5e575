"""The background worker: django-tasks' database worker, made to outlast faults.

django_tasks_db's ``Worker`` exits on the first database error other than a lock while it looks
for a task (an outage, SQLite's "database is locked" on ``BEGIN``), marks a task failed when the
database is briefly unavailable, and leaves a task whose worker was killed as running for good.
This worker, run by ``manage.py db_worker``:

- retries a database error with exponential back-off (logged each time) and never exits on one;
- holds a lease on the task it runs (``TaskLease``), renewed by a heartbeat thread. A task whose
  lease has expired, because its worker was killed or lost the database, goes back to the queue
  and runs again; the ingest phases are written to be run again (``timeline/ingest/jobs.py``);
- gives up on a task started ``MAX_ATTEMPTS`` times, so one that kills its worker every time
  (a page that exhausts memory, say) does not keep the queue busy for ever.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from datetime import timedelta
from typing import Any

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    transaction,
)
from django.db import connection as default_connection
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskContext, TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from timeline.models import TaskLease

logger = logging.getLogger(__name__)

# Errors of the database itself, as opposed to a task's own bug: retried, never fatal.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
MAX_ATTEMPTS = 5
MAX_BACKOFF_SECONDS = 60.0


class InterruptedTooOften(Exception):
    """A task whose workers stopped ``MAX_ATTEMPTS`` times while running it."""


class LeasingWorker(Worker):
    """A ``db_worker`` that survives database faults and resumes the tasks of dead workers."""

    def __init__(self, *, lease_seconds: float, **options: Any) -> None:
        super().__init__(**options)
        self.lease_seconds = lease_seconds

    def run(self) -> None:
        logger.info(
            "Starting worker worker_id=%s queues=%s lease=%gs",
            self.worker_id,
            ",".join(self.queue_names),
            self.lease_seconds,
        )
        failures = 0
        while self.running:
            try:
                task_result = self.claim_next()
                if task_result is not None:
                    self.run_task(task_result)
            except DATABASE_UNAVAILABLE as error:
                failures += 1
                delay = min(max(self.interval, 0.5) * 2 ** (failures - 1), MAX_BACKOFF_SECONDS)
                logger.warning(
                    "Database error (%s); trying again in %.1f s (attempt %d).",
                    str(error).strip() or type(error).__name__,
                    delay,
                    failures,
                )
                # The connection may be broken; the next query opens a fresh one.
                default_connection.close()
                if self.running:
                    time.sleep(delay)
                continue
            if failures:
                logger.warning("The database answers again; the worker goes on.")
                failures = 0
            if self.batch and task_result is None:
                logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Ran the maximum of %d tasks - exiting.", self._run_tasks)
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def claim_next(self) -> DBTaskResult | None:
        """Claim the next ready task with a lease, after putting back those of dead workers."""
        requeue_expired(self.backend_name, self.lease_seconds)
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        # One writer at a time claims: SQLite's transactions begin IMMEDIATE (settings.py), and
        # PostgreSQL's rows are locked, skipping those another worker is claiming.
        with transaction.atomic(using=tasks.db):
            task_result = tasks.get_locked()
            if task_result is None:
                return None
            task_result.claim(self.worker_id)
            lease, created = TaskLease.objects.get_or_create(
                task_result=task_result,
                defaults={"worker_id": self.worker_id, "expires_at": self.lease_expiry()},
            )
            if not created:
                lease.attempts += 1
                lease.worker_id, lease.expires_at = self.worker_id, self.lease_expiry()
                lease.save()
        if lease.attempts > MAX_ATTEMPTS:
            logger.error(
                "Task %s was interrupted %d times; giving up.", task_result.pk, MAX_ATTEMPTS
            )
            task_result.set_failed(
                InterruptedTooOften(
                    f"The worker running this task stopped {MAX_ATTEMPTS} times; not tried again."
                )
            )
            lease.delete()
            return None
        if lease.attempts > 1:
            logger.warning("Resuming task %s (attempt %d).", task_result.pk, lease.attempts)
        return task_result

    def lease_expiry(self) -> Any:
        return timezone.now() + timedelta(seconds=self.lease_seconds)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run the task under a renewed lease; on a database error, leave it to run again."""
        self.running_task = True
        try:
            with Heartbeat(db_task_result.pk, self.lease_seconds):
                task = db_task_result.task
                task_result = db_task_result.task_result
                backend_type = task.get_backend()
                task_started.send(sender=backend_type, task_result=task_result)
                args, kwargs = task_result.args, task_result.kwargs
                if task.takes_context:
                    return_value = task.call(TaskContext(task_result=task_result), *args, **kwargs)
                else:
                    return_value = task.call(*args, **kwargs)
                db_task_result.set_successful(return_value)
            TaskLease.objects.filter(task_result=db_task_result).delete()
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except DATABASE_UNAVAILABLE:
            logger.warning(
                "Task %s stopped on a database error; it will run again.", db_task_result.pk
            )
            release_lease(db_task_result.pk)
            raise
        except BaseException as error:
            logger.exception("Task %s failed", db_task_result.pk)
            db_task_result.set_failed(error)
            TaskLease.objects.filter(task_result=db_task_result).delete()
            task_finished.send(
                sender=type(db_task_result.task.get_backend()),
                task_result=db_task_result.task_result,
            )
        finally:
            self.running_task = False
            self._run_tasks += 1


def requeue_expired(backend_name: str, lease_seconds: float) -> int:
    """Put the running tasks whose lease has expired back in the queue; how many there were.

    A running task without a lease (claimed by django_tasks_db's own worker, before this one was
    deployed) counts as expired once it has run for a lease period.
    """
    now = timezone.now()
    expired = Q(lease__expires_at__lt=now) | Q(
        lease__isnull=True, started_at__lt=now - timedelta(seconds=lease_seconds)
    )
    count = (
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, backend_name=backend_name)
        .filter(expired)
        .update(status=TaskResultStatus.READY)
    )
    if count:
        logger.warning("Put %d task(s) whose worker stopped back in the queue.", count)
    return count


def release_lease(task_id: Any) -> None:
    """Let the next worker take the task up at once rather than after the lease runs out."""
    # With the database away, the lease runs out on its own instead.
    with contextlib.suppress(DatabaseError):
        TaskLease.objects.filter(task_result_id=task_id).update(expires_at=timezone.now())


class Heartbeat:
    """Renews a task's lease, three times per lease period, while the task runs.

    A thread of its own (with its own database connection), so a task busy for minutes in one
    article still shows its worker is alive.
    """

    def __init__(self, task_id: Any, lease_seconds: float) -> None:
        self.task_id = task_id
        self.lease_seconds = lease_seconds
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{task_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopped.set()
        self._thread.join()

    def _beat(self) -> None:
        try:
            while not self._stopped.wait(self.lease_seconds / 3):
                expiry = timezone.now() + timedelta(seconds=self.lease_seconds)
                try:
                    TaskLease.objects.filter(task_result_id=self.task_id).update(expires_at=expiry)
                except DatabaseError as error:
                    logger.warning("Could not renew the lease of task %s: %s", self.task_id, error)
                    default_connection.close()
        finally:
            default_connection.close()
