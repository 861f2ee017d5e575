"""Issue 17's figure: an editor publishes a five-article event as one event citing five sources
in at most three clicks, in Chromium."""

import re
from datetime import date

import pytest

from tests.browser.conftest import csp_violations
from tests.factories import create_editor
from tests.test_review_grouping import FIVE_REPORTS
from timeline.ingest.pipeline import ArticleInput, store_article
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long browser password"


def test_five_reports_become_one_event_citing_five_sources_in_three_clicks(page):
    create_editor(username="ed", password=PASSWORD)
    for n, (text, day) in enumerate(FIVE_REPORTS, start=1):
        store_article(
            ArticleInput(
                text=text,
                title=f"Drone ban, report {n}",
                publisher=f"Outlet {n}",
                published_on=date(2025, 3, day),
            )
        )
    page.goto("/review/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/review/")

    clicks = 0
    page.get_by_role("link", name="Drone ban, report 1").click()
    clicks += 1
    page.wait_for_url(re.compile(r"/review/sources/\d+/$"))
    card = page.locator("article.card", has_text="Reported by 5 articles.")
    for n in range(1, 6):
        assert card.get_by_text(f"Outlet {n}").count() == 1
    card.get_by_role("button", name="Accept", exact=True).click()
    clicks += 1
    card = page.locator("article.card .badge--published").first
    card.wait_for()

    assert clicks <= 3
    event = Event.objects.published().get()
    assert event.citations.count() == 5
    assert not Event.objects.candidates().exists()
    assert csp_violations(page) == []
