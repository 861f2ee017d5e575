"""``manage.py db_worker`` in a process of its own, for tests that kill it or lock it out.

Run as ``python -m tests.worker_process [db_worker options]`` with DATABASE_URL naming the test
database. With WORKER_SLOW_STORE_SECONDS set, each article's extraction waits that long before
its transaction commits, so a test can kill the worker while an article is half-written. With
WORKER_FETCH_LOCAL_SITE set, fetches may reach a test server on 127.0.0.1 (watch tests).
"""

import os
import sys
import time

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

if __name__ == "__main__":
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from timeline.ingest import jobs

    # The tests' settings run tasks inline; this process is the database queue's worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS = bool(os.environ.get("WORKER_FETCH_LOCAL_SITE"))
    pause = float(os.environ.get("WORKER_SLOW_STORE_SECONDS", "0"))
    if pause:
        store_article = jobs.store_article

        def slow_store_article(*args, **kwargs):
            result = store_article(*args, **kwargs)
            time.sleep(pause)
            return result

        jobs.store_article = slow_store_article
    call_command("db_worker", "--no-reload", "--no-startup-delay", *sys.argv[1:])
