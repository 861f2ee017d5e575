""" "New since my last visit": a second visit marks only the events published in between."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import csp_violations
from tests.factories import create_event, create_source

pytestmark = pytest.mark.django_db(transaction=True)


def marked(page) -> list[str]:
    return page.locator(".event--new .event-title").all_inner_texts()


def test_a_second_visit_marks_only_the_event_published_since_the_first(page):
    create_event(
        title="Export rule published",
        reviewed_at=timezone.now() - timedelta(days=1),
        sources=[create_source()],
    )
    page.goto("/")
    page.wait_for_selector(".event")
    # A first visit has nothing to compare with.
    assert marked(page) == []

    create_event(
        title="Import ban announced", reviewed_at=timezone.now(), sources=[create_source()]
    )
    create_event(title="Still a candidate", status="candidate", sources=[create_source()])

    second = page.context.new_page()
    second.goto("/")
    second.wait_for_selector(".new-marker")
    assert marked(second) == ["Import ban announced"]
    assert second.locator(".event--new .new-marker").inner_text() == "New"
    # A reload is the same visit: the marker stays.
    second.reload()
    second.wait_for_selector(".new-marker")
    assert marked(second) == ["Import ban announced"]
    assert csp_violations(page) == []
    assert csp_violations(second) == []
