"""The timeline in a real browser: htmx updates in place, the URL follows, history works."""

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.browser.conftest import HTMX_IDLE, csp_violations, wait_for_view
from tests.factories import create_actor, create_event, create_source, create_tag
from timeline.sample_data.demo import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


@pytest.fixture
def events():
    commerce = create_actor(name="Department of Commerce")
    chips = create_tag(name="Chips")
    create_event(
        title="Export rule published",
        summary="Licences now needed for advanced chips.",
        event_type="export_control",
        country="US",
        date_start=date(2025, 1, 15),
        actors=[commerce],
        tags=[chips],
        sources=[create_source(publisher="Wire")],
    )
    create_event(
        title="Import ban announced",
        summary="Drones may no longer be imported.",
        event_type="ban",
        country="CN",
        date_start=date(2025, 3, 7),
        sources=[create_source(publisher="Daily")],
    )


def mark_document(page) -> None:
    """A flag that only survives if the page is never reloaded."""
    page.evaluate("window.__sameDocument = true")


def same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def titles(page) -> list[str]:
    return page.locator("#results .event-title").all_inner_texts()


def test_a_filter_link_updates_the_list_and_the_url_without_a_reload(page, live_server, events):
    page.goto("/")
    mark_document(page)

    page.locator(".facet a", has_text="Ban").click()
    wait_for_view(page, re.compile(r"\?type=ban$"))

    assert titles(page) == ["Import ban announced"]
    assert same_document(page)
    assert page.locator("#results-status").inner_text() == "1 event matches."
    assert " ".join(page.locator(".chip").inner_text().split()) == "Type: Ban ×"
    assert csp_violations(page) == []


def test_the_back_button_returns_to_the_previous_view(page, live_server, events):
    page.goto("/")
    mark_document(page)
    page.locator(".facet a", has_text="CN").click()
    wait_for_view(page, re.compile(r"country=CN"))
    page.locator(".event-actors a, .pill-type").first.click()
    wait_for_view(page, re.compile(r"type=ban"))

    page.go_back()
    wait_for_view(page, re.compile(r"\?country=CN$"))
    assert titles(page) == ["Import ban announced"]
    page.go_back()
    wait_for_view(page, f"{live_server.url}/")
    assert titles(page) == ["Import ban announced", "Export rule published"]
    assert same_document(page)


def test_search_and_sort_submit_in_place(page, live_server, events):
    page.goto("/")
    mark_document(page)

    page.fill("#id_q", "drones")
    page.press("#id_q", "Enter")
    wait_for_view(page, re.compile(r"q=drones"))
    assert titles(page) == ["Import ban announced"]

    page.locator(".chip-remove").click()
    wait_for_view(page, lambda url: "q=" not in url)
    page.click("text=Oldest first")
    wait_for_view(page, re.compile(r"sort=oldest"))
    assert titles(page) == ["Export rule published", "Import ban announced"]
    page.fill("#id_q", "ban")
    page.press("#id_q", "Enter")
    wait_for_view(page, re.compile(r"sort=oldest.*q=ban|q=ban.*sort=oldest"))
    assert titles(page) == ["Import ban announced"]
    assert same_document(page)


def test_a_date_in_words_is_read_back_and_a_wrong_one_explained(page, live_server, events):
    page.goto("/")
    page.fill("#id_start", "since March 2025")
    page.press("#id_start", "Enter")
    wait_for_view(page, re.compile(r"start=since"))
    assert page.locator(".field-echo").inner_text() == "Read as 1 Mar 2025"
    assert titles(page) == ["Import ban announced"]

    page.fill("#id_start", "next blursday")
    page.press("#id_start", "Enter")
    wait_for_view(page, re.compile(r"start=next"))
    assert "is not a date I can read" in page.locator(".field-error").inner_text()
    assert len(titles(page)) == 2


def test_load_more_appends_the_next_page_in_place(page, live_server):
    for number in range(30):
        create_event(title=f"Event {number:02d}", date_start=date(2025, 4, 1) + timedelta(number))
    page.goto("/")
    mark_document(page)
    assert len(titles(page)) == 25

    page.click("text=Load more events")
    page.locator("#results .event").nth(29).wait_for()
    page.wait_for_function(HTMX_IDLE)

    assert titles(page)[-1] == "Event 00"  # newest first
    assert page.url == f"{live_server.url}/"  # appending is not a new view
    assert page.locator("text=End of the timeline.").is_visible()
    assert page.locator("#results-status").inner_text() == "5 more events loaded."
    assert same_document(page)


def test_a_histogram_bar_narrows_to_its_month(page, live_server, events):
    page.goto("/")
    mark_document(page)

    page.locator("svg a.bar-link[aria-label^='Mar 2025']").click()
    wait_for_view(page, re.compile(r"start=2025-03&end=2025-03"))

    assert titles(page) == ["Import ban announced"]
    assert same_document(page)


def test_filters_work_from_the_keyboard_and_keep_focus(page, live_server, events):
    page.goto("/")
    link = page.locator(".facet a", has_text="Wire")
    link.focus()
    page.keyboard.press("Enter")
    wait_for_view(page, re.compile(r"source=Wire"))
    selected = page.locator(".facet a.is-selected", has_text="Wire")
    selected.wait_for()

    # htmx puts focus back on the element with the same id: the link, now "selected".
    assert selected.evaluate("link => link === document.activeElement")
    assert titles(page) == ["Export rule published"]


def test_the_page_works_without_javascript(browser, live_server, events):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.locator(".facet a", has_text="Ban").click()
    page.wait_for_url(re.compile(r"\?type=ban$"))
    assert titles(page) == ["Import ban announced"]
    page.fill("#id_q", "zebra")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"q=zebra"))
    assert page.locator("text=No events match these filters").is_visible()
    context.close()


def test_the_page_fits_a_phone_screen(browser, live_server, events):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert page.locator("#results .event").first.is_visible()
    context.close()


def test_screenshot_of_the_demo_timeline(browser, live_server, tmp_path):
    """The README's picture. Written to docs/ only with UPDATE_SCREENSHOT=1, so ordinary test
    runs leave the working tree alone."""
    load_demo()
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 1100}, device_scale_factor=1
    )
    page = context.new_page()
    page.goto("/")
    page.wait_for_load_state("networkidle")
    target = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path / "shot.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    context.close()

    assert target.read_bytes().startswith(b"\x89PNG")
    assert target.stat().st_size > 20_000
