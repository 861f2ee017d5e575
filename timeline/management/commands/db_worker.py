"""``manage.py db_worker``: django_tasks_db's command, running the worker of timeline/worker.py.

Same options as django_tasks_db's, plus ``--lease-seconds``. The worker's database connections
get their own statement limit (DJANGO_DB_WORKER_STATEMENT_TIMEOUT): a long import or extraction
is the worker's job, while a web request is held to DJANGO_DB_STATEMENT_TIMEOUT.
"""

import logging
import os
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.db import connection as default_connection
from django.db.backends.signals import connection_created
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from timeline.worker import LeasingWorker


def worker_statement_timeout(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "postgresql":
        milliseconds = int(settings.DB_WORKER_STATEMENT_TIMEOUT * 1000)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{milliseconds}"])


class Command(db_worker.Command):
    help = "Run the background worker: database faults are retried, dead workers' tasks resumed."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease-seconds",
            type=db_worker.valid_interval,
            default=60,
            help=(
                "How long a task stays claimed without a sign of life from its worker; after "
                "that another worker runs it again (default: %(default)r)"
            ),
        )

    def handle(self, *, verbosity: int, reload: bool, lease_seconds: float, **options: Any) -> None:
        self.configure_logging(verbosity)
        logging.getLogger("timeline.worker").setLevel(
            logging.CRITICAL if verbosity == 0 else logging.INFO
        )
        connection_created.connect(worker_statement_timeout, dispatch_uid=__name__)
        # A connection opened before (by the system checks) gets the worker's limit too.
        if default_connection.connection is not None:
            worker_statement_timeout(sender=None, connection=default_connection)
        try:
            self.run_worker(reload=reload, lease_seconds=lease_seconds, **options)
        finally:
            connection_created.disconnect(dispatch_uid=__name__)

    def run_worker(self, *, reload: bool, lease_seconds: float, **options: Any) -> None:
        if reload and options["batch"]:
            reload = False
        worker = LeasingWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            lease_seconds=lease_seconds,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
