"""The details check of an ingest batch is saved all or nothing, from a form that matches it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.ingest_samples import ARTICLE, NO_EVENTS
from tests.test_ingest_views import details_data, submit
from timeline.models import Event, IngestItem, IngestJob, Source

pytestmark = pytest.mark.django_db

MISMATCH = "This form no longer matches the articles of this batch, so nothing was saved."


@pytest.fixture
def waiting(editor_client):
    """A batch of two articles waiting for the check, and the check's form as the page shows it."""
    upload = SimpleUploadedFile("quiet.txt", NO_EVENTS.encode(), content_type="text/plain")
    response = submit(editor_client, text=ARTICLE, files=[upload])
    job = IngestJob.objects.get()
    assert job.status == IngestJob.Status.CONFIRM and job.items.count() == 2
    return job, details_data(response, title="Corrected title")


def _extra_form(data):
    data = dict(data)
    data["form-TOTAL_FORMS"] = "3"
    data |= {"form-2-title": "Smuggled", "form-2-include": "on", "form-2-published_on": ""}
    return data


def _other_jobs_item(data):
    other = IngestJob.objects.create()
    item = IngestItem.objects.create(job=other, position=1, label="Elsewhere", title="Elsewhere")
    return data | {"form-1-id": item.pk}


TAMPERINGS = {
    "one more form": _extra_form,
    "one more form with an id": lambda data: _extra_form(data) | {"form-2-id": data["form-0-id"]},
    "one form fewer": lambda data: data | {"form-TOTAL_FORMS": "1"},
    "a made-up id": lambda data: data | {"form-1-id": "999999"},
    "an id that is not a number": lambda data: data | {"form-1-id": "1e3"},
    "an id given twice": lambda data: data | {"form-1-id": data["form-0-id"]},
    "another batch's article": _other_jobs_item,
}


@pytest.mark.parametrize("tamper", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_a_tampered_check_is_refused_with_a_message_and_nothing_is_saved(
    editor_client, waiting, tamper
):
    job, data = waiting
    data = tamper(data)
    before = list(IngestItem.objects.values().order_by("pk"))

    response = editor_client.post(f"/ingest/jobs/{job.pk}/confirm/", data)

    assert response.status_code == 200
    assert MISMATCH in response.content.decode()
    job.refresh_from_db()
    assert job.status == IngestJob.Status.CONFIRM
    assert list(IngestItem.objects.values().order_by("pk")) == before
    assert not Source.objects.exists() and not Event.objects.exists()


def test_the_untampered_check_saves_every_correction_and_extracts(editor_client, waiting):
    job, data = waiting

    response = editor_client.post(f"/ingest/jobs/{job.pk}/confirm/", data)

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert job.items.order_by("position").first().title == "Corrected title"
    assert Source.objects.filter(title="Corrected title").exists()


def test_confirming_twice_extracts_once(editor_client, waiting):
    job, data = waiting
    editor_client.post(f"/ingest/jobs/{job.pk}/confirm/", data)
    counts = (Source.objects.count(), Event.objects.count())

    again = editor_client.post(f"/ingest/jobs/{job.pk}/confirm/", data)

    assert again.status_code == 302 and again.url == f"/ingest/jobs/{job.pk}/"
    assert (Source.objects.count(), Event.objects.count()) == counts
