"""The reader's timeline at phone and desktop widths, and the visual view, in Chromium.

Screenshots go to docs/screenshots/ with UPDATE_SCREENSHOT=1 (elsewhere a temporary folder), so
ordinary runs leave the working tree alone.
"""

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import csp_violations, wait_for_view
from tests.factories import create_actor, create_citation, create_event, create_source
from timeline.models import Event
from timeline.sample_data.demo import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}


@pytest.fixture
def demo():
    load_demo()


@pytest.fixture
def viewport_page(browser, live_server):
    contexts = []

    def open_page(width: str):
        context = browser.new_context(
            base_url=live_server.url, viewport=WIDTHS[width], device_scale_factor=1
        )
        context.add_init_script(
            "window.__cspViolations = [];"
            "document.addEventListener('securitypolicyviolation', e => "
            "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str, tmp_path: Path) -> Path:
    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    page.screenshot(path=str(target))
    return target


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", ["390", "1280"])
def test_the_latest_event_is_on_the_first_screen_without_sideways_scrolling(
    viewport_page, demo, width, tmp_path
):
    page = viewport_page(width)
    page.goto("/")
    page.wait_for_load_state("networkidle")

    first_card = page.locator("#results .event").first
    top = first_card.bounding_box()["y"]
    latest = Event.objects.published().order_by("-date_start", "-precision_rank", "-id").first()

    assert top < page.viewport_size["height"]
    assert first_card.locator(".event-title").inner_text() == latest.title
    assert horizontal_overflow(page) <= 0
    assert csp_violations(page) == []
    assert screenshot(page, f"list-{width}.png", tmp_path).stat().st_size > 10_000


def test_on_a_phone_the_filters_open_from_one_disclosure_with_active_ones_as_chips(
    viewport_page, demo
):
    page = viewport_page("390")
    page.goto("/")
    assert not page.locator("#filter-form").is_visible()

    page.click("summary.filters-summary")
    page.locator(".facet a.facet-value").first.click()
    wait_for_view(page, re.compile(r"\?type="))

    assert page.locator(".chip").count() == 1
    assert "(1 active)" in page.locator("summary.filters-summary").inner_text()
    assert horizontal_overflow(page) <= 0


def test_a_value_outside_the_top_ten_is_two_clicks_away(page, live_server):
    actors = [create_actor(name=f"Agency {number:02d}") for number in range(12)]
    for count in range(12):
        create_event(title=f"Event {count}", actors=actors[: 12 - count])
    page.goto("/")

    page.locator("#facet-actor .facet-more").click()
    wait_for_view(page, re.compile(r"facet=actor"))
    page.locator("#facet-actor a", has_text="Agency 11").click()
    wait_for_view(page, re.compile(r"actor=agency-11"))

    assert page.locator("#results .event-title").all_inner_texts() == ["Event 0"]
    assert "facet=" not in page.url


@pytest.mark.parametrize("width", ["390", "1280"])
def test_the_visual_timeline_draws_the_filtered_events_and_opens_one(
    viewport_page, demo, width, tmp_path
):
    page = viewport_page(width)
    page.goto("/")
    page.click("text=Visual")
    wait_for_view(page, re.compile(r"view=visual"))
    page.locator("#visual-timeline .vis-item").first.wait_for()
    page.wait_for_load_state("networkidle")

    assert horizontal_overflow(page) <= 0
    assert csp_violations(page) == []
    screenshot(page, f"visual-{width}.png", tmp_path)

    item = page.locator("#visual-timeline .vis-item:not(.vis-cluster) .vis-item-content").first
    title = item.inner_text()
    item.click()
    page.wait_for_url(re.compile(r"/events/\d+/$"))
    assert page.locator("h1.event-title").inner_text() == title


@pytest.mark.parametrize("width", ["390", "1280"])
def test_an_event_page_shows_its_sources_and_evidence_without_sideways_scrolling(
    viewport_page, demo, width, tmp_path
):
    event = Event.objects.published().order_by("-date_start", "-id").first()
    # A second report with its evidence, in words written for this test.
    create_citation(
        event=event,
        source=create_source(
            title="What the new rule means",
            publisher="Example Wire",
            published_on=event.date_start,
        ),
        quote=f"Officials confirmed the step on {event.date_start:%d %B}, a spokesperson said.",
    )
    page = viewport_page(width)
    page.goto(event.get_absolute_url())
    page.wait_for_load_state("networkidle")

    title = page.locator("h1.event-title")
    assert title.inner_text() == event.title
    assert title.bounding_box()["y"] < page.viewport_size["height"]
    assert page.locator(".sources li.source").count() == event.citations.count() == 2
    assert page.get_by_text("Officials confirmed the step").is_visible()  # evidence is open
    assert horizontal_overflow(page) <= 0
    assert csp_violations(page) == []
    assert screenshot(page, f"event-{width}.png", tmp_path).stat().st_size > 10_000


def test_the_visual_view_without_javascript_is_the_list(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/?view=visual")

    assert not page.locator("#visual-timeline").is_visible()
    assert page.locator("#results .event").count() > 0
    context.close()
