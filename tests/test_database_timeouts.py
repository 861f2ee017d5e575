"""A request that waits on a database lock gives up in the database and answers 503.

Without a lock or statement timeout such a request waits until gunicorn kills it, and the reader
gets a bare 500 after 30 seconds. The timeouts here are shortened so each test takes well under
a second of waiting.
"""

import sqlite3
import time

import pytest
from django.conf import settings
from django.db import close_old_connections, connection, connections
from django.test import Client

from tests.factories import create_event

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def short_timeouts():
    """Connections opened during the test wait 0.2 s for a lock and run a statement 2 s at most."""
    options = connection.settings_dict["OPTIONS"]
    saved = dict(options)
    if connection.vendor == "sqlite":
        options["timeout"] = 0.2
    else:
        options["options"] = "-c lock_timeout=200 -c statement_timeout=2000"
    connection.close()
    yield
    connection.close()
    options.clear()
    options.update(saved)


def assert_busy_503(response, started):
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "busy with other work" in page
    assert "Traceback" not in page and "locked" not in page
    assert time.monotonic() - started < 5


def test_settings_give_the_database_lock_and_statement_timeouts_below_gunicorns():
    assert settings.DB_LOCK_TIMEOUT == 10
    assert settings.DB_STATEMENT_TIMEOUT == 20
    if connection.vendor == "sqlite":
        assert connection.settings_dict["OPTIONS"]["timeout"] == 10
    else:
        options = connection.settings_dict["OPTIONS"]["options"]
        assert "-c lock_timeout=10000" in options
        assert "-c statement_timeout=20000" in options


def test_a_request_leaves_its_database_connection_open_for_the_next(client):
    """SQLite's as well as PostgreSQL's: a new SQLite connection reads the schema again and
    starts with an empty page cache, a few milliseconds of every request."""
    client.get("/healthz")
    kept = connection.connection
    assert kept is not None

    close_old_connections()  # what Django does once a response is sent

    assert connection.connection is kept


@pytest.mark.django_db
def test_postgresql_connections_compile_no_query_to_machine_code():
    """JIT compiling took 56 to 110 ms of each grouped count at 1,000,000 events."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's JIT")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_a_write_behind_sqlites_write_lock_gets_503_with_retry_after(editor, short_timeouts):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        response = client.post("/ingest/", {"text": "The ministry banned exports on Tuesday."})
    finally:
        holder.rollback()
        holder.close()

    assert_busy_503(response, started)


@pytest.mark.postgres
def test_a_read_behind_a_postgresql_table_lock_gets_503_with_retry_after(short_timeouts):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's table locks (DATABASE_URL)")
    create_event(title="Ban announced", status="published")
    holder = connections.create_connection("default")
    holder.set_autocommit(False)
    try:
        with holder.cursor() as cursor:
            cursor.execute("LOCK TABLE timeline_event IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        response = Client(raise_request_exception=False).get("/")
    finally:
        holder.rollback()
        holder.close()

    assert_busy_503(response, started)
    assert Client().get("/").status_code == 200
