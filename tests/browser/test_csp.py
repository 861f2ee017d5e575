"""The strict Content-Security-Policy holds in a real browser: no page trips it."""

import pytest

from tests.browser.conftest import csp_violations, sign_in
from tests.factories import create_actor, create_editor, create_event, create_source

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long browser password"


def _some_events() -> None:
    source = create_source(title="Report", publisher="Reuters")
    actor = create_actor(name="U.S. Department of Commerce")
    create_event(title="Ban on government devices", actors=[actor], sources=[source])
    create_event(title="Hearing", event_type="hearing", sources=[source])


def test_timeline_and_event_pages_load_without_csp_violations(page):
    _some_events()
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert page.locator("text=Ban on government devices").count() >= 1
    # htmx loaded and initialised: it is the only script and it must run under the policy.
    assert page.evaluate("typeof window.htmx") == "object"
    page.click("text=Ban on government devices")
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []


def test_an_inline_handler_injected_into_the_page_is_blocked_and_reported(page):
    """The policy forbids inline code: an injected handler never runs, and the test sees it."""
    page.goto("/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        ' \'<img src="/static/none.png" onerror="window.__ran = true">\')'
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran === true") is False
    assert any("script-src" in violation for violation in csp_violations(page))


def test_editor_and_admin_pages_load_without_csp_violations(page):
    _some_events()
    create_editor(username="ed", password=PASSWORD)
    sign_in(page, "ed", PASSWORD)
    for path in (
        "/admin/",
        "/admin/timeline/event/",
        "/admin/timeline/event/add/",
        "/admin/timeline/event/1/change/",
        "/admin/timeline/source/",
        "/admin/timeline/actor/add/",
        "/admin/timeline/event/import/",
        "/ingest/",
        "/review/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert csp_violations(page) == [], path
