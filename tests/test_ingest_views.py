"""The ingest page and its jobs, end to end with the test client (jobs run inline in tests)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import create_editor
from tests.ingest_samples import ARTICLE, ARTICLE_REPASTED, NO_EVENTS
from timeline.ingest import jobs
from timeline.models import Event, IngestItem, IngestJob, ReviewAction, Source

pytestmark = pytest.mark.django_db


def details_data(response, **changes):
    """The details-check form as the page shows it, with ``changes`` typed in (form 0)."""
    formset = response.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for index, form in enumerate(formset):
        data[f"form-{index}-id"] = form.instance.pk
        for name in ("title", "publisher", "url"):
            data[f"form-{index}-{name}"] = form.initial.get(name) or ""
        published = form.initial.get("published_on")
        data[f"form-{index}-published_on"] = published.isoformat() if published else ""
        data[f"form-{index}-include"] = "on"
    for name, value in changes.items():
        if value is None:
            data.pop(f"form-0-{name}", None)
        else:
            data[f"form-0-{name}"] = value
    return data


def submit(client, **data):
    response = client.post("/ingest/", data, follow=True)
    assert response.status_code == 200
    return response


def client_for(user):
    """A client signed in as ``user``, beside the test's own client."""
    signed_in = Client()
    signed_in.force_login(user)
    return signed_in


def test_the_form_page_offers_paste_upload_and_urls(editor_client):
    html = editor_client.get("/ingest/").content.decode()

    assert 'name="text"' in html
    assert 'type="file" name="files"' in html and "multiple" in html
    assert 'name="urls"' in html
    assert 'enctype="multipart/form-data"' in html


def test_a_pasted_article_goes_from_paste_to_published_event_with_its_source(editor_client):
    # 1. Paste: the page returns at once with the job, already read (jobs run inline here).
    response = submit(editor_client, text=ARTICLE)
    job = IngestJob.objects.get()
    assert response.redirect_chain == [(f"/ingest/jobs/{job.pk}/", 302)]
    assert job.status == IngestJob.Status.CONFIRM
    html = response.content.decode()
    # 2. The detected details are filled in and editable before extraction.
    assert 'value="Ministry tightens rules on chip exports"' in html
    assert 'value="Example Wire"' in html
    assert 'value="2025-03-12"' in html
    assert "hx-trigger" not in html  # waiting for the editor: no polling

    response = editor_client.post(
        f"/ingest/jobs/{job.pk}/confirm/",
        details_data(response, url="https://wire.example.org/chips"),
        follow=True,
    )
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    item = job.items.get()
    assert item.status == IngestItem.Status.CREATED
    html = response.content.decode()
    assert "Review 2 candidates" in html
    assert f'href="/review/sources/{item.source_id}/"' in html

    # 3. Review: accept the statement in place (htmx), the event is on the timeline.
    statement = Event.objects.get(event_type="statement")
    response = editor_client.get(f"/review/sources/{item.source_id}/")
    assert statement.title in response.content.decode()
    [form] = [card["form"] for card in response.context["cards"] if card["event"] == statement]
    response = editor_client.post(
        f"/review/events/{statement.pk}/",
        {
            "source": item.source_id,
            "action": "accept",
            "title": statement.title,
            "summary": statement.summary,
            "event_type": statement.event_type,
            "date": "10 March 2025",
            "country": "",
            "add_actor_name": "Ministry of Commerce of Freedonia",
            "tags": "",
            "version": form["version"].value(),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "Published" in response.content.decode()

    timeline = editor_client.get("/").content.decode()
    assert statement.title in timeline
    assert "10 Mar 2025" in timeline
    assert 'href="https://wire.example.org/chips"' in timeline
    statement.refresh_from_db()
    assert statement.status == Event.Status.PUBLISHED
    assert statement.reviewed_by.username == "editor"
    assert ReviewAction.objects.filter(event=statement, action="accepted").exists()


def test_the_editor_corrects_the_publication_date_before_extraction(editor_client):
    response = submit(editor_client, text=ARTICLE)
    job = IngestJob.objects.get()

    editor_client.post(
        f"/ingest/jobs/{job.pk}/confirm/", details_data(response, published_on="2025-03-19")
    )

    statement = Event.objects.get(event_type="statement")
    assert statement.date_start == date(2025, 3, 17)  # the Monday before 19 March
    assert Source.objects.get().published_on == date(2025, 3, 19)


def test_an_article_can_be_left_out_at_the_details_check(editor_client):
    response = submit(editor_client, text=ARTICLE)
    job = IngestJob.objects.get()

    editor_client.post(f"/ingest/jobs/{job.pk}/confirm/", details_data(response, include=None))

    assert job.items.get().status == IngestItem.Status.SKIPPED
    assert Source.objects.count() == 0


def test_an_invalid_detail_is_refused_with_a_message_and_nothing_extracted(editor_client):
    response = submit(editor_client, text=ARTICLE)
    job = IngestJob.objects.get()

    response = editor_client.post(
        f"/ingest/jobs/{job.pk}/confirm/", details_data(response, published_on="12/03/2025x")
    )

    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert Source.objects.count() == 0
    job.refresh_from_db()
    assert job.status == IngestJob.Status.CONFIRM


def test_several_files_at_once_and_one_bad_file_does_not_stop_the_others(editor_client):
    files = [
        SimpleUploadedFile("chips.txt", ARTICLE.encode("utf-8"), content_type="text/plain"),
        SimpleUploadedFile("scan.txt", b"%PDF-1.7 binary", content_type="text/plain"),
        SimpleUploadedFile(
            "chips-latin1.html",
            (
                "<html><head><meta charset='iso-8859-1'><title>Une règle</title></head><body>"
                "<article><p>Le ministère du Commerce a annoncé lundi une règle sur les puces, "
                "et la Commission européenne a ouvert une enquête le 3 mars.</p></article>"
                "</body></html>"
            ).encode("latin-1"),
            content_type="text/html",
        ),
    ]

    response = submit(editor_client, files=files)

    job = IngestJob.objects.get()
    items = list(job.items.order_by("position"))
    assert [item.label for item in items] == ["chips.txt", "scan.txt", "chips-latin1.html"]
    assert [item.status for item in items] == ["ready", "failed", "ready"]
    assert "This is a PDF document, not text or HTML" in items[1].message
    assert "Le ministère du Commerce" in items[2].text
    html = response.content.decode()
    assert "This is a PDF document, not text or HTML" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   \n  "}, "Paste an article, choose a file or enter a URL."),
        ({}, "Paste an article, choose a file or enter a URL."),
        (
            {"urls": "https://wire.example/a\nftp://wire.example/b"},
            "Line 2: Only http and https addresses can be fetched, not “ftp”.",
        ),
        (
            {"urls": "wire.example/a"},
            "Line 1: “wire.example/a” is not a full web address; it should start with https://.",
        ),
        (
            {"urls": "\n".join(f"https://wire.example/{n}" for n in range(21))},
            "That is 21 articles; send at most 20 at once.",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_no_job(editor_client, data, message):
    response = editor_client.post("/ingest/", data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert IngestJob.objects.count() == 0


def test_a_file_of_the_wrong_type_is_refused_by_name(editor_client):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.7", content_type="application/pdf")

    response = editor_client.post("/ingest/", {"files": [upload]})

    assert "report.pdf: Only .txt and .html files can be read, not .pdf files." in (
        response.content.decode()
    )
    assert IngestJob.objects.count() == 0


@override_settings(INGEST_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused(editor_client):
    upload = SimpleUploadedFile("long.txt", b"word " * 300, content_type="text/plain")

    response = editor_client.post("/ingest/", {"files": [upload]})

    assert (
        "long.txt is larger than 1000 bytes, the most an article may be."
        in response.content.decode()
    )
    assert IngestJob.objects.count() == 0


@override_settings(INGEST_MAX_BYTES=1000)
def test_pasted_text_over_the_size_limit_is_refused(editor_client):
    response = editor_client.post("/ingest/", {"text": "word " * 300})

    assert "The pasted text is larger than 1000 bytes" in response.content.decode()
    assert IngestJob.objects.count() == 0


def test_the_same_article_twice_links_to_the_existing_source_and_says_so(editor_client):
    response = submit(editor_client, text=ARTICLE)
    editor_client.post(
        f"/ingest/jobs/{IngestJob.objects.get().pk}/confirm/", details_data(response)
    )
    source = Source.objects.get()

    response = submit(editor_client, text=ARTICLE_REPASTED)

    second = IngestJob.objects.order_by("pk").last()
    item = second.items.get()
    assert second.status == IngestJob.Status.DONE  # nothing left to confirm
    assert item.status == IngestItem.Status.DUPLICATE
    assert item.source == source
    html = response.content.decode()
    assert f"Already stored as “{source.title}” (source {source.pk})" in html
    assert f'href="/review/sources/{source.pk}/"' in html
    assert Source.objects.count() == 1


def test_an_article_without_events_says_so_and_stores_nothing(editor_client):
    response = submit(editor_client, text=NO_EVENTS)
    job = IngestJob.objects.get()
    assert "No publication date was found" in response.content.decode()

    response = editor_client.post(
        f"/ingest/jobs/{job.pk}/confirm/", details_data(response), follow=True
    )

    item = job.items.get()
    assert item.status == IngestItem.Status.EMPTY
    assert "Nothing was stored" in response.content.decode()
    assert Source.objects.count() == 0


@override_settings(INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS=True)
def test_urls_are_fetched_and_a_refused_one_does_not_stop_the_batch(editor_client, article_server):
    urls = [
        f"{article_server}/article",
        f"{article_server}/redirect?to=http://169.254.169.254/latest/meta-data/",
        f"{article_server}/pdf",
    ]

    response = submit(editor_client, urls="\n".join(urls))

    items = list(IngestJob.objects.get().items.order_by("position"))
    assert [item.status for item in items] == ["ready", "failed", "failed"]
    assert items[0].url == f"{article_server}/article"
    assert items[0].title == "Test article"
    assert items[1].message == (
        "That address is a link-local address (such as a cloud metadata service) and cannot "
        "be fetched."
    )
    assert items[2].message.startswith("The address returned “application/pdf”")
    html = response.content.decode()
    assert "cloud metadata service" in html


def test_the_job_page_polls_while_the_job_runs_and_stops_when_it_ends(editor_client, editor):
    job = jobs.create_job(user=editor, text=ARTICLE)  # queued, not started

    page = editor_client.get(f"/ingest/jobs/{job.pk}/")
    fragment = editor_client.get(f"/ingest/jobs/{job.pk}/", HTTP_HX_REQUEST="true")

    assert "<html" in page.content.decode()
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'hx-trigger="every 1s"' in html
    assert "Waiting for the background worker" in html
    assert fragment["Vary"] == "HX-Request" or "HX-Request" in fragment["Vary"]

    jobs.read_job(job.pk)
    html = editor_client.get(f"/ingest/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in html
    assert "Check the details below" in html


def test_the_job_page_shows_progress_n_of_m(editor_client, editor):
    job = jobs.create_job(user=editor, text=ARTICLE, urls=["https://wire.example/a"])
    IngestJob.objects.filter(pk=job.pk).update(status=IngestJob.Status.READING)
    job.items.filter(position=1).update(status=IngestItem.Status.READY)
    job.items.filter(position=2).update(status=IngestItem.Status.FETCHING)

    html = editor_client.get(f"/ingest/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()

    assert "Fetching and reading: 1 of 2 articles" in html
    assert '<progress max="2" value="1">' in html


def test_an_unexpected_error_fails_that_article_and_the_batch_goes_on(editor_client, monkeypatch):
    from timeline.ingest import jobs as jobs_module

    real_read_text = jobs_module.read_text

    def explode_on_first(raw, **kwargs):
        if "Ministry" in raw:
            raise ZeroDivisionError("bug")
        return real_read_text(raw, **kwargs)

    monkeypatch.setattr(jobs_module, "read_text", explode_on_first)
    files = [
        SimpleUploadedFile("a.txt", ARTICLE.encode()),
        SimpleUploadedFile("b.txt", NO_EVENTS.encode()),
    ]

    response = submit(editor_client, files=files)

    items = list(IngestJob.objects.get().items.order_by("position"))
    assert [item.status for item in items] == ["failed", "ready"]
    assert items[0].message == (
        "Something went wrong while reading this article; the error has been logged."
    )
    assert items[0].message in response.content.decode()


def test_a_job_that_stops_says_why(editor, monkeypatch):
    job = jobs.create_job(user=editor, text=ARTICLE)

    def broken_query(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(jobs, "read_item", broken_query)

    with pytest.raises(RuntimeError):
        jobs.read_job(job.pk)

    job.refresh_from_db()
    assert job.status == IngestJob.Status.FAILED
    assert "stopped on an unexpected error" in job.message


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_page_returns_at_once_and_the_worker_does_the_job(
    editor_client,
):
    """The production set-up: the request only enqueues; ``db_worker`` reads the articles."""
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=database_queue):
        response = editor_client.post("/ingest/", {"text": ARTICLE})
        job = IngestJob.objects.get()
        assert response.url == f"/ingest/jobs/{job.pk}/"
        assert job.status == IngestJob.Status.QUEUED
        polling = editor_client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
        assert 'hx-trigger="every 1s"' in polling

        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    job.refresh_from_db()
    assert job.status == IngestJob.Status.CONFIRM
    assert job.items.get().publisher == "Example Wire"


def test_the_job_page_needs_the_same_queries_for_1_or_10_articles(editor_client, editor):
    def queries_for(count):
        job = jobs.create_job(user=editor, urls=[f"https://wire.example/{n}" for n in range(count)])
        job.items.update(status=IngestItem.Status.FAILED, message="Unreachable.")
        IngestJob.objects.filter(pk=job.pk).update(status=IngestJob.Status.DONE)
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(f"/ingest/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
        assert response.content.decode().count("Unreachable.") == count
        return len(queries)

    assert queries_for(1) == queries_for(10)


def test_editors_see_ingest_jobs_in_the_admin(editor_client, editor):
    job = jobs.create_job(user=editor, text=ARTICLE)

    response = editor_client.get(f"/admin/timeline/ingestjob/{job.pk}/change/")

    assert response.status_code == 200
    assert "Pasted text" in response.content.decode()


def test_a_colleague_editor_opens_and_confirms_a_job_and_the_page_names_who_started_it(client):
    """Editors share one queue: a job started by one may be checked and confirmed by another."""
    job = jobs.create_job(user=create_editor(username="amira"), text=ARTICLE)
    jobs.read_job(job.pk)
    client.force_login(create_editor(username="colleague"))

    page = client.get(f"/ingest/jobs/{job.pk}/")
    assert page.status_code == 200
    assert "Started by amira on" in page.content.decode()
    response = client.post(f"/ingest/jobs/{job.pk}/confirm/", details_data(page), follow=True)

    assert response.status_code == 200
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert job.created_by.username == "amira"
    assert Event.objects.filter(status=Event.Status.CANDIDATE).exists()


@pytest.mark.parametrize("is_staff", [False, True])
def test_signed_in_people_outside_the_editors_group_cannot_open_or_confirm_a_job(
    client, editor, django_user_model, is_staff
):
    job = jobs.create_job(user=editor, text=ARTICLE)
    jobs.read_job(job.pk)
    data = details_data(client_for(editor).get(f"/ingest/jobs/{job.pk}/"))
    client.force_login(django_user_model.objects.create_user("reader", is_staff=is_staff))

    assert client.get(f"/ingest/jobs/{job.pk}/").status_code == 403
    assert client.get(f"/ingest/jobs/{job.pk}/confirm/").status_code == 403
    assert client.post(f"/ingest/jobs/{job.pk}/confirm/", data).status_code == 403
    job.refresh_from_db()
    assert job.status == IngestJob.Status.CONFIRM
    assert not Event.objects.exists()
