"""In a real browser: the next page of candidates swaps in place, with a bookmarkable address."""

import re

import pytest

from tests.browser.conftest import csp_violations, sign_in
from tests.factories import create_editor
from tests.test_review_paging import long_article
from timeline.editors.review import CANDIDATES_PER_PAGE

pytestmark = pytest.mark.django_db(transaction=True)


def test_next_page_swaps_the_cards_and_the_text_and_updates_the_address(page):
    create_editor(username="ed", password="a long browser password")
    sign_in(page, "ed", "a long browser password")
    source, events = long_article(CANDIDATES_PER_PAGE + 3)
    page.goto(f"/review/sources/{source.pk}/")
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    page.get_by_role("link", name="Next page →").click()

    page.locator(f"#candidate-{events[-1].pk}").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    assert re.search(rf"/review/sources/{source.pk}/\?page=2$", page.url)
    assert page.locator("article.card").count() == 3
    assert page.locator("mark.evidence").count() == 3
    assert csp_violations(page) == []

    page.go_back()
    page.locator(f"#candidate-{events[0].pk}").wait_for()
    assert page.locator("article.card").count() == CANDIDATES_PER_PAGE
