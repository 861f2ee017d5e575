"""The admin's CSV import page: upload, dry-run preview, confirm; editors only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from tests.factories import create_actor, create_editor, create_event
from timeline.imports.views import SESSION_KEY
from timeline.models import Actor, Event, ImportJob

pytestmark = pytest.mark.django_db

URL = "/admin/timeline/event/import/"
GOOD = (
    b"title,date_start,actors,status\r\n"
    b"Hearing held,2025-03-07,Senate Commerce Committee,published\r\n"
    b"Report out,Q1 2025,,published\r\n"
)


def upload(client, data: bytes, **fields):
    return client.post(URL, {"file": SimpleUploadedFile("events.csv", data), **fields})


def test_preview_shows_what_would_happen_and_writes_nothing(editor_client):
    response = upload(editor_client, GOOD, create_missing="on")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Checked 2 rows: 2 to create, 0 to update, 0 unchanged; new: 1 actor." in html
    assert "New actors: Senate Commerce Committee." in html
    assert "Confirm: write these changes" in html
    assert Event.objects.count() == 0 and Actor.objects.count() == 0


def test_confirming_the_preview_writes_the_file_once(editor_client, editor):
    upload(editor_client, GOOD, create_missing="on")
    token = editor_client.session[SESSION_KEY]["token"]

    response = editor_client.post(URL, {"token": token}, follow=True)

    assert response.redirect_chain[-1][0] == "/admin/timeline/event/"
    assert (
        "Imported 2 rows: 2 created, 0 updated, 0 unchanged; new: 1 actor. File: events.csv."
        in response.content.decode()
    )
    assert Event.objects.filter(status=Event.Status.PUBLISHED).count() == 2
    assert Event.objects.get(title="Hearing held").reviewed_by == editor
    again = editor_client.post(URL, {"token": token}, follow=True)
    assert "That preview has expired" in again.content.decode()
    assert Event.objects.count() == 2


def test_a_bad_file_lists_each_row_and_column_and_offers_no_confirmation(editor_client):
    data = b"title,date_start,actors\r\nFine,2025-03-07,\r\nBad,2025-02-30,Nobody Known\r\n"

    html = upload(editor_client, data).content.decode()

    assert "cannot be imported" in html
    assert (
        "<td>2</td><td>3</td><td>date_start</td>"
        "<td>February 2025 has no day 30; it runs from 1 to 28.</td>" in html
    )
    assert "<td>2</td><td>3</td><td>actors</td><td>no actor is named" in html
    assert "Confirm: write these changes" not in html
    assert SESSION_KEY not in editor_client.session
    assert Event.objects.count() == 0


def test_an_unreadable_file_is_refused_on_the_form(editor_client):
    html = upload(editor_client, b"name,when\r\nx,y\r\n").content.decode()

    assert "title and date_start are missing" in html
    assert Event.objects.count() == 0


def test_changes_between_preview_and_confirmation_are_caught(editor_client):
    create_actor(name="Senate Commerce Committee")
    upload(editor_client, GOOD)
    Actor.objects.all().delete()

    response = editor_client.post(URL, {"token": editor_client.session[SESSION_KEY]["token"]})

    assert "cannot be imported" in response.content.decode()
    assert Event.objects.count() == 0


def test_people_who_cannot_add_events_cannot_import(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)

    assert client.get(URL).status_code == 403
    assert upload(client, GOOD).status_code == 403
    assert Event.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_event_list_in_the_admin_links_to_the_import_page(editor_client):
    create_event()

    html = editor_client.get("/admin/timeline/event/").content.decode()

    assert f'href="{URL}"' in html


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_large_import_is_written_by_the_worker_and_followed_on_its_page(editor_client, settings):
    settings.TIMELINE_IMPORT_BACKGROUND_ROWS = 1
    with override_settings(TASKS=DATABASE_QUEUE):
        upload(editor_client, GOOD, create_missing="on")
        token = editor_client.session[SESSION_KEY]["token"]
        response = editor_client.post(URL, {"token": token})
        job = ImportJob.objects.get()
        assert response.url == f"/admin/timeline/event/import/jobs/{job.pk}/"
        assert Event.objects.count() == 0
        waiting = editor_client.get(response.url).content.decode()
        assert "events.csv: Waiting for the background worker" in waiting
        assert '<meta http-equiv="refresh" content="2">' in waiting

        run_worker()

    done = editor_client.get(response.url).content.decode()
    assert "events.csv: Imported" in done
    assert "Imported 2 rows: 2 created, 0 updated, 0 unchanged; new: 1 actor." in done
    assert "refresh" not in done
    assert Event.objects.count() == 2
    assert ImportJob.objects.get().text == ""


@pytest.mark.django_db(transaction=True)
def test_a_background_import_the_database_no_longer_accepts_writes_nothing_and_says_why(
    editor_client, settings
):
    settings.TIMELINE_IMPORT_BACKGROUND_ROWS = 1
    create_actor(name="Senate Commerce Committee")
    with override_settings(TASKS=DATABASE_QUEUE):
        upload(editor_client, GOOD)
        response = editor_client.post(URL, {"token": editor_client.session[SESSION_KEY]["token"]})
        Actor.objects.all().delete()
        run_worker()

    page = editor_client.get(response.url).content.decode()
    assert "events.csv: Not imported" in page
    assert "Nothing was written. 2 rows checked: 1 error in 1 row; nothing was written." in page
    assert "Row 1 (spreadsheet row 2), column actors: no actor is named" in page
    assert Event.objects.count() == 0


def test_a_file_at_the_background_threshold_is_still_written_in_the_request(
    editor_client, settings
):
    settings.TIMELINE_IMPORT_BACKGROUND_ROWS = 2
    upload(editor_client, GOOD, create_missing="on")

    editor_client.post(URL, {"token": editor_client.session[SESSION_KEY]["token"]})

    assert Event.objects.count() == 2
    assert not ImportJob.objects.exists()


def test_the_background_threshold_defaults_to_2000_rows():
    from django.conf import settings

    assert settings.TIMELINE_IMPORT_BACKGROUND_ROWS == 2000


def test_a_colleague_editor_follows_another_editors_import_which_names_who_confirmed_it(client):
    """Imports are shared work: every editor sees every import job and who started it."""
    job = ImportJob.objects.create(
        file_name="events.csv", text="", row_count=2, created_by=create_editor(username="amira")
    )
    client.force_login(create_editor(username="colleague"))

    response = client.get(f"/admin/timeline/event/import/jobs/{job.pk}/")

    assert response.status_code == 200
    assert "2 rows, confirmed by amira at" in response.content.decode()


def test_people_who_cannot_import_cannot_open_an_import_job(client, django_user_model):
    job = ImportJob.objects.create(file_name="events.csv", text="", created_by=create_editor())
    url = f"/admin/timeline/event/import/jobs/{job.pk}/"

    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    assert client.get(url).status_code == 403
    client.force_login(django_user_model.objects.create_user("reader"))
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
