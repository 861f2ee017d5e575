"""Playwright driving Debian's Chromium against the live test server.

Browser tests carry the ``browser`` marker. Without Chromium they skip with a message, except
under ``CI=true``, where a missing browser is a failure (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Records every Content-Security-Policy violation the page reports; init scripts are injected by
# the browser itself, so the policy under test does not block this one.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}`
  );
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required under CI=true: apt-get install -y chromium")
        pytest.skip("Chromium not found: run `apt-get install -y chromium` to enable browser tests")
    return executable


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator:
    """A fresh browser page that records CSP violations (``csp_violations(page)``)."""
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def sign_in(page, username: str, password: str) -> None:
    """Sign in through the admin login form, as a person would."""
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


# htmx pushes the new URL *before* it swaps the response in, and wires up the new controls only
# when the swap settles (20 ms later). A test that acts as soon as the URL changes can read the
# old list or change a control htmx is not yet listening to; this waits for the whole update.
HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def wait_for_view(page, url) -> None:
    """Wait until the page shows ``url`` (a string, glob, regex or predicate) and htmx is idle."""
    page.wait_for_url(url)
    page.wait_for_function(HTMX_IDLE)
