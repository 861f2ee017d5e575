"""When the database is away, readers get an honest 503 and /healthz says why."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "schema": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_a_deleted_sqlite_file_replaced_by_an_empty_one(tmp_path):
    """SQLite creates an empty file where the database was: the connection opens, pages fail."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's database file")
    saved = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = str(tmp_path / "db.sqlite3")
    try:
        response = Client().get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved

    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "schema": "missing",
        "reason": "The database is empty (no migrations applied); run manage.py migrate.",
    }


def test_healthz_reports_a_migration_not_applied(client):
    latest = MigrationRecorder.Migration.objects.filter(app="timeline").order_by("-name").first()
    latest.delete()

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["reason"] == (
        f"Migrations not applied: timeline.{latest.name}; run manage.py migrate."
    )


def test_healthz_reports_a_missing_event_table(client):
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TABLE timeline_event" + (" CASCADE" if connection.vendor == "postgresql" else "")
        )

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["reason"] == (
        "The timeline's tables cannot be read; run manage.py migrate."
    )


def test_healthz_reports_an_unavailable_database_with_503():
    with mock.patch(
        "timeline.health.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response["Retry-After"] == "15"


def test_a_lost_database_gives_a_friendly_503_page_not_a_traceback():
    client = Client(raise_request_exception=False)
    with mock.patch(
        "timeline.public.page.data_version",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "briefly unavailable" in page
    assert "Traceback" not in page and "server closed" not in page
    assert response.headers["Content-Security-Policy"]


def test_other_errors_give_a_plain_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("timeline.public.page.data_version", side_effect=ValueError("internal detail")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "internal detail" not in response.content.decode()


def test_unknown_pages_get_a_helpful_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "the timeline" in response.content.decode()


def test_an_oversized_form_is_refused_with_a_clear_400():
    client = Client(raise_request_exception=False)
    response = client.post("/admin/login/", {"username": "x" * (6 * 1024 * 1024)})
    assert response.status_code == 400
    assert "limited to 5 MB" in response.content.decode()


def test_a_post_without_csrf_token_gets_an_explanation_and_changes_nothing():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Nothing was changed" in response.content.decode()
