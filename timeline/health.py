"""Honest answers when the database is away: a health check and a 503 instead of a traceback."""

from __future__ import annotations

import functools
import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from timeline.models import Event

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 15
# PostgreSQL's codes for a lock wait past lock_timeout and a statement past statement_timeout.
BUSY_SQLSTATES = frozenset({"55P03", "57014"})


def is_busy_database(error: BaseException) -> bool:
    """Whether ``error`` is the database giving up on a lock or a long statement.

    It is up but busy (a table lock, an import holding SQLite's write lock), as opposed to gone.
    """
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    return "database is locked" in str(error) or "database table is locked" in str(error)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and holds the timeline's schema, 503 with the reason otherwise.

    A connection alone proves little: SQLite opens (and creates) an empty file where the
    database was deleted, and every page then fails while a bare ``SELECT 1`` succeeds.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: database unavailable: %s", error)
        return _unavailable({"database": "unavailable"})
    try:
        problem = schema_problem()
    except DatabaseError as error:
        logger.warning("Health check: the timeline's tables cannot be read: %s", error)
        problem = "The timeline's tables cannot be read; run manage.py migrate."
    if problem:
        logger.warning("Health check: %s", problem)
        return _unavailable({"database": "ok", "schema": "missing", "reason": problem})
    return JsonResponse({"status": "ok", "database": "ok", "schema": "ok"})


def schema_problem() -> str | None:
    """What is wrong with the database's schema, as a sentence; None if every migration is applied.

    Reads the migration record and then the event table itself, which a page would read first.
    """
    applied = MigrationRecorder(connection).applied_migrations()
    if not applied:
        return "The database is empty (no migrations applied); run manage.py migrate."
    pending = sorted(
        f"{app}.{name}" for app, name in latest_migrations() if (app, name) not in applied
    )
    if pending:
        return f"Migrations not applied: {', '.join(pending)}; run manage.py migrate."
    Event.objects.exists()
    return None


@functools.cache
def latest_migrations() -> frozenset[tuple[str, str]]:
    """The last migration of every app, read once from the code."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


def _unavailable(details: dict[str, str]) -> JsonResponse:
    response = JsonResponse({"status": "unavailable", **details}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler: a lost or busy database becomes a 503 the reader can act on.

    Django calls this inside its exception handler, so ``sys.exc_info()`` is the error. The
    page is rendered without a request context: context processors would query the database.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        # Drop the broken connection so the next request opens a fresh one.
        connection.close_if_unusable_or_obsolete()
        context = {"busy": is_busy_database(error)}
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
