"""Issue 16's editor, end to end in Chromium and never in the admin: sign in from the timeline,
paste an article, fix a wrong initiator on its card, add one candidate as a source of a published
event the article dates differently, accept the rest, and find them all on the timeline.

The task queue is the immediate backend (tests/settings.py), so each job runs when it is queued.
"""

import re
from datetime import date

import pytest

from tests.browser.conftest import csp_violations
from tests.factories import create_actor, create_editor, create_event, create_source
from timeline.models import Citation, Event, EventActor

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long browser password"
# Written for this test. The senator only welcomes the ministry's restriction, but the extractor
# makes her its initiator; the Commission's investigation is already published, dated 31 March.
ARTICLE = """Freedonia moves against the Quill Chat app | Example Wire
Freedonia moves against the Quill Chat app
By Ann Writer
Published: Apr 10, 2025

The Ministry of Commerce of Freedonia banned the Quill Chat app from government devices on \
Tuesday, citing national security.

Senator Maria Lindqvist welcomed the Trade Ministry of Ruritania's decision on Monday to restrict \
exports of memory chips.

The European Commission opened an investigation into Quill Chat's data transfers on April 2, \
according to a statement from its competition office.

Analysts said the rules could raise prices.
"""


def test_an_editor_publishes_a_pasted_article_without_the_admin(page):
    create_editor(username="ed", password=PASSWORD)
    commission = create_actor(name="European Commission")
    published = create_event(
        title="European Commission investigates Quill Chat's data transfers",
        event_type="investigation",
        date_start=date(2025, 3, 31),
        actors=[commission],
        sources=[create_source(title="Brussels looks at Quill Chat", publisher="Example Post")],
    )
    admin_pages = []  # every admin address but its sign-in form
    page.on(
        "request",
        lambda request: (
            admin_pages.append(request.url)
            if re.match(r"https?://[^/]+/admin/(?!login/)", request.url)
            else None
        ),
    )

    # Sign in from the timeline's header; the form returns to the review list.
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.fill("#id_username", "ed")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/review/")

    # Paste, check the detected details, extract.
    page.get_by_role("link", name="Ingest", exact=True).click()
    page.fill("textarea[name=text]", ARTICLE)
    page.get_by_role("button", name="Read articles").click()
    page.wait_for_url(re.compile(r"/ingest/jobs/\d+/$"))
    assert page.input_value("input[name=form-0-published_on]") == "2025-04-10"
    page.fill("input[name=form-0-publisher]", "Example Wire")
    page.get_by_role("button", name="Extract events").click()
    page.get_by_role("link", name=re.compile(r"Review \d+ candidates")).click()
    page.wait_for_url(re.compile(r"/review/sources/\d+/$"))

    candidates = Event.objects.filter(status=Event.Status.CANDIDATE)
    restriction = candidates.get(actors__name="Maria Lindqvist")
    investigation = candidates.get(event_type="investigation")
    others = set(candidates.values_list("pk", flat=True)) - {restriction.pk, investigation.pk}
    assert others, "the article has more events to accept"

    # The wrong initiator: the ministry acts, the senator is only mentioned.
    card = page.locator(f"#candidate-{restriction.pk}")
    assert card.get_by_label("Maria Lindqvist", exact=True).input_value() == "initiator"
    ministry = EventActor.objects.exclude(actor__name="Maria Lindqvist").get(event=restriction)
    card.get_by_label("Maria Lindqvist", exact=True).select_option("subject")
    card.get_by_label(ministry.actor.name, exact=True).select_option("initiator")
    card.get_by_role("button", name="Accept").click()
    page.locator(f"#candidate-{restriction.pk} .badge--published").wait_for()

    # The investigation is the published one, which the article dates two days later.
    card = page.locator(f"#candidate-{investigation.pk}")
    suggestion = card.locator(".similar li", has_text=published.title)
    assert "This article dates it 2 Apr 2025" in suggestion.inner_text()
    suggestion.get_by_role("button", name=re.compile("Add as a source of")).click()
    page.locator(f"#candidate-{investigation.pk}").get_by_text("Added as a source of").wait_for()

    page.get_by_role("button", name=re.compile(r"Accept all \d+ undecided")).click()
    for pk in others:
        page.locator(f"#candidate-{pk} .badge--published").wait_for()
    assert csp_violations(page) == []

    # The timeline shows what was accepted, the corrected initiator, and the attached article.
    page.goto("/")
    for event in Event.objects.filter(pk__in=others | {restriction.pk}):
        assert page.locator(f"#event-{event.pk}").count() == 1, event.title
    assert page.locator(f"#event-{investigation.pk}").count() == 0
    actors = page.locator(f"#event-{restriction.pk} .event-actors a.actor")
    assert actors.get_by_text(ministry.actor.name).get_attribute("title") == "Initiator (acts)"
    assert actors.get_by_text("Maria Lindqvist").get_attribute("title") == "Subject (mentioned)"
    page.goto(published.get_absolute_url())
    assert page.locator(".sources li.source").count() == 2
    assert page.get_by_text("Example Wire").count() == 1
    published.refresh_from_db()
    assert published.date_start == date(2025, 3, 31)
    citation = Citation.objects.get(event=published, source__publisher="Example Wire")
    assert citation.date_start == date(2025, 4, 2)
    assert admin_pages == []
