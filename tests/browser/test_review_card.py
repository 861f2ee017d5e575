"""In a real browser at 1280 px: an editor fixes the initiator and the country on a review card,
then attaches another candidate to a published event the article dates a day later."""

import os
from datetime import date
from pathlib import Path

import pytest

from tests.browser.conftest import CSP_RECORDER, HTMX_IDLE, csp_violations, sign_in
from tests.factories import (
    create_actor,
    create_citation,
    create_editor,
    create_event,
    create_source,
)
from timeline.models import Citation, Event, EventActor

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long browser password"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TEXT = (
    "The senator said the ministry would ban the app on Tuesday. "
    "The regulator opened an inquiry into the app maker on Monday."
)


def candidate(source, sentence, *, day, actors, **fields):
    event = create_event(status=Event.Status.CANDIDATE, date_start=day, actors=actors, **fields)
    start = source.text.index(sentence)
    create_citation(
        event=event,
        source=source,
        quote=sentence,
        start_offset=start,
        end_offset=start + len(sentence),
        date_start=day,
    )
    return event


@pytest.fixture
def review_page(browser, live_server, request):
    """The review page of an article with two candidates, 1280 px wide unless parametrized."""
    width, height = getattr(request, "param", (1280, 1100))
    create_editor(username="ed", password=PASSWORD)
    source = create_source(title="Ban looms", text=TEXT, published_on=date(2025, 3, 5))
    senator, ministry = create_actor(name="Senator Example"), create_actor(name="Ministry of Apps")
    ban = candidate(
        source,
        TEXT.split(". ")[0] + ".",
        day=date(2025, 3, 4),
        actors=[senator, ministry],
        title="Ministry to ban the app",
        event_type="ban",
    )
    EventActor.objects.filter(actor=ministry).update(role="subject")
    inquiry = candidate(
        source,
        TEXT.split(". ")[1],
        day=date(2025, 3, 3),
        actors=[create_actor(name="Regulator")],
        title="Regulator opens an inquiry",
        event_type="investigation",
    )
    published = create_event(
        title="Regulator investigates the app maker",
        event_type="investigation",
        date_start=date(2025, 3, 4),
        sources=[create_source(title="Wire report")],
    )
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}, device_scale_factor=1
    )
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, "ed", PASSWORD)
    page.goto(f"/review/sources/{source.pk}/")
    yield page, ban, inquiry, published
    context.close()


def test_an_editor_fixes_the_initiator_and_the_country_on_the_card(review_page, tmp_path):
    page, ban, _, _ = review_page
    card = page.locator(f"#candidate-{ban.pk}")
    senator = EventActor.objects.get(event=ban, actor__name="Senator Example")
    ministry = EventActor.objects.get(event=ban, actor__name="Ministry of Apps")

    card.get_by_label("Senator Example", exact=True).select_option("subject")
    card.get_by_label("Ministry of Apps", exact=True).select_option("initiator")
    card.get_by_label("Country or jurisdiction").select_option("EU")
    with page.expect_response(lambda response: response.request.method == "POST"):
        card.get_by_label("Title", exact=True).press("Enter")  # saves; removes no actor
    page.wait_for_function(HTMX_IDLE)
    senator.refresh_from_db()
    ministry.refresh_from_db()
    ban.refresh_from_db()
    assert (senator.role, ministry.role, ban.country) == ("subject", "initiator", "EU")
    assert ban.is_candidate
    assert card.get_by_label("Country or jurisdiction").input_value() == "EU"
    assert card.get_by_label("Ministry of Apps", exact=True).input_value() == "initiator"

    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path
    target = folder / "review-card-1280.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(target))
    assert target.read_bytes().startswith(b"\x89PNG")
    assert csp_violations(page) == []


def test_an_editor_attaches_a_candidate_to_an_event_dated_a_day_later(review_page):
    page, _, inquiry, published = review_page
    card = page.locator(f"#candidate-{inquiry.pk}")

    card.get_by_text("Merge into another published event…").click()
    card.get_by_role("link", name="Published events dated near 3 Mar 2025").click()
    suggestion = card.locator(".merge-results li", has_text=published.title)
    suggestion.get_by_text("dated 4 Mar 2025; this article says 3 Mar 2025").wait_for()
    suggestion.get_by_role("button", name="Add as a source of this event").click()

    card.get_by_text("Added as a source of").wait_for()
    published.refresh_from_db()
    assert published.date_start == date(2025, 3, 4)
    citation = Citation.objects.get(event=published, quote__startswith="The regulator")
    assert citation.date_start == date(2025, 3, 3)
    assert csp_violations(page) == []


@pytest.mark.parametrize("review_page", [(390, 844)], indirect=True)
def test_on_a_phone_the_card_fits_the_screen_and_its_controls_work(review_page, tmp_path):
    page, ban, _, _ = review_page
    card = page.locator(f"#candidate-{ban.pk}")
    card.scroll_into_view_if_needed()

    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert card.bounding_box()["width"] <= 390
    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path
    page.screenshot(path=str(folder / "review-card-390.png"))

    card.get_by_label("Senator Example", exact=True).select_option("subject")
    card.get_by_label("Ministry of Apps", exact=True).select_option("initiator")
    card.get_by_role("button", name="Accept").click()
    page.locator(f"#candidate-{ban.pk} .badge--published").wait_for()
    assert EventActor.objects.get(event=ban, actor__name="Ministry of Apps").role == "initiator"
    assert csp_violations(page) == []
