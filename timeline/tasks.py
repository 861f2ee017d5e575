"""Background tasks (django-tasks): thin wrappers that run an ingest job's phases and large imports.

With the database backend (settings.TASKS) the web request only enqueues a row and returns;
``manage.py db_worker`` runs the task. Tests use the immediate backend, which runs it inline.
"""

from django_tasks import task

from timeline import import_jobs
from timeline.ingest import jobs


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
    import_jobs.run_import_job(job_id)
