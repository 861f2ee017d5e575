"""In a real browser: paste an article, follow the job, check the details, accept a candidate."""

import re

import pytest

from tests.browser.conftest import csp_violations, sign_in
from tests.factories import create_editor
from tests.ingest_samples import ARTICLE
from timeline.ingest import jobs
from timeline.models import Event, IngestJob

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long browser password"


@pytest.fixture
def editor_page(page):
    create_editor(username="ed", password=PASSWORD)
    sign_in(page, "ed", PASSWORD)
    return page


def test_an_editor_pastes_an_article_and_publishes_a_candidate(editor_page):
    page = editor_page
    page.goto("/ingest/")
    page.fill("textarea[name=text]", ARTICLE)
    page.get_by_role("button", name="Read articles").click()

    # The job page: the detected details, editable before extraction.
    page.wait_for_url(re.compile(r"/ingest/jobs/\d+/$"))
    assert page.input_value("input[name=form-0-publisher]") == "Example Wire"
    assert page.input_value("input[name=form-0-published_on]") == "2025-03-12"
    page.fill("input[name=form-0-url]", "https://wire.example.org/chips")
    page.get_by_role("button", name="Extract events").click()
    page.get_by_role("link", name="Review 2 candidates").click()

    # The review page: evidence highlighted, cards beside it.
    page.wait_for_url(re.compile(r"/review/sources/\d+/$"))
    assert page.locator("mark.evidence").count() == 2
    statement = Event.objects.get(event_type="statement")
    card = page.locator(f"#candidate-{statement.pk}")
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    card.locator("input[name=date]").fill("10 March 2025")
    card.locator("button[value=accept]").click()

    page.locator(f"#candidate-{statement.pk} .badge--published").wait_for()
    assert page.evaluate("window.__sameDocument") is True  # swapped in place by htmx
    statement.refresh_from_db()
    assert statement.status == Event.Status.PUBLISHED
    assert csp_violations(page) == []

    page.goto("/")
    assert page.locator(f"#event-{statement.pk}").count() == 1
    assert page.locator('a[href="https://wire.example.org/chips"]').count() == 1


def test_the_job_page_follows_the_job_and_stops_polling_when_it_waits(editor_page):
    page = editor_page
    job = jobs.create_job(user=None, text=ARTICLE)  # queued; no worker picks it up here
    polls = []
    page.on(
        "request",
        lambda request: (
            polls.append(request.url) if f"/ingest/jobs/{job.pk}/" in request.url else None
        ),
    )
    page.goto(f"/ingest/jobs/{job.pk}/")
    page.locator("text=Waiting for the background worker").wait_for()

    jobs.read_job(job.pk)  # what the worker does

    page.locator("text=Check the details below").wait_for(timeout=5_000)
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.CONFIRM
    settled = len(polls)
    page.wait_for_timeout(2_500)
    assert len(polls) == settled  # the fragment without hx-trigger ended the polling
    assert csp_violations(page) == []
