"""The review screen: candidates beside their evidence, decided in place, every decision kept."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import create_actor, create_event, create_source
from timeline.editors.review import Segment, highlight
from timeline.models import Citation, Event, EventActor, ReviewAction

pytestmark = pytest.mark.django_db

TEXT = (
    "The agency banned the app on government phones on Thursday. "
    "Officials <b>declined</b> to comment. "
    "A senator proposed a broader ban on Friday."
)
BAN = "The agency banned the app on government phones on Thursday."
PROPOSAL = "A senator proposed a broader ban on Friday."


def candidate_in(source, sentence, *, actors=(), day=date(2025, 3, 6), **fields):
    """A candidate event whose evidence is ``sentence`` of ``source``'s text."""
    event = create_event(status=Event.Status.CANDIDATE, date_start=day, actors=actors, **fields)
    start = source.text.index(sentence)
    Citation.objects.create(
        event=event,
        source=source,
        quote=sentence,
        start_offset=start,
        end_offset=start + len(sentence),
        date_start=day,
        date_end=day,
        precision="day",
        date_text="on Thursday",
    )
    return event


@pytest.fixture
def agency():
    return create_actor(name="Agency of Things")


@pytest.fixture
def article(agency):
    source = create_source(title="Agency bans app", text=TEXT, published_on=date(2025, 3, 8))
    ban = candidate_in(source, BAN, actors=[agency], title="Agency bans the app", event_type="ban")
    proposal = candidate_in(
        source, PROPOSAL, title="Senator proposes wider ban", day=date(2025, 3, 7)
    )
    return source, ban, proposal


@pytest.fixture
def published_elsewhere(agency):
    """The same ban, already published from another outlet, dated a day later."""
    other = create_source(title="Wire report", publisher="Wire", url="https://wire.example/ban")
    return create_event(
        title="Agency bans the app on official phones",
        event_type="ban",
        date_start=date(2025, 3, 7),
        actors=[agency],
        sources=[other],
    )


def card_data(event, source, **changes):
    """What the card's form posts, as rendered, with ``changes``."""
    from timeline.editors.forms import CandidateForm

    form = CandidateForm(instance=event)
    data = {name: form[name].value() for name in form.fields}
    data["date"] = form["date"].value() and form.fields["date"].prepare_value(form["date"].value())
    data |= {"source": source.pk, "action": "save"} | changes
    return {key: "" if value is None else value for key, value in data.items()}


def test_highlight_cuts_the_text_at_overlapping_evidence():
    segments = highlight("abcdefgh", [(1, 5, 10), (3, 7, 20), (50, 60, 30)])

    assert segments == [
        Segment("a"),
        Segment("bc", (10,), (10,)),
        Segment("de", (10, 20), (20,)),
        Segment("fg", (20,)),
        Segment("h"),
    ]


def test_the_list_shows_sources_with_undecided_candidates_newest_first(editor_client, article):
    source, _, _ = article
    newer = create_source(title="Newer article", text="Something happened on Friday.")
    candidate_in(newer, "Something happened on Friday.")
    decided = create_source(title="All decided", text="Done on Monday.")
    create_event(status=Event.Status.PUBLISHED, sources=[decided])

    html = editor_client.get("/review/").content.decode()

    assert html.index("Newer article") < html.index("Agency bans app")
    assert "All decided" not in html
    assert f'href="/review/sources/{source.pk}/"' in html


def test_the_source_page_shows_the_text_escaped_with_each_evidence_marked(editor_client, article):
    source, ban, proposal = article

    html = editor_client.get(f"/review/sources/{source.pk}/").content.decode()

    assert f'<mark class="evidence" id="evidence-{ban.pk}">{BAN}</mark>' in html
    assert f'<mark class="evidence" id="evidence-{proposal.pk}">{PROPOSAL}</mark>' in html
    assert "Officials &lt;b&gt;declined&lt;/b&gt; to comment." in html
    assert f'id="candidate-{ban.pk}"' in html
    assert 'value="6 Mar 2025"' in html  # the date, as a fuzzy date field
    assert "Agency of Things" in html  # actors
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'hx-post="/review/events/{ban.pk}/"' in html
    assert f'action="/review/events/{ban.pk}/"' in html  # the same form without JavaScript


def test_a_candidate_like_a_published_event_offers_to_add_it_as_a_source(
    editor_client, article, published_elsewhere
):
    source, ban, proposal = article

    response = editor_client.get(f"/review/sources/{source.pk}/")

    cards = {card["event"]: card for card in response.context["cards"]}
    assert [match.event for match in cards[ban]["matches"]] == [published_elsewhere]
    assert cards[proposal]["matches"] == []
    html = response.content.decode()
    assert "This looks like an event already published." in html
    assert "shared actors: Agency of Things" in html
    assert "Add as a source of “Agency bans the app on official phones”" in html
    assert (
        "This article dates it 6 Mar 2025; the published event says 7 Mar 2025. Both dates will "
        "be shown on the event."
    ) in html


def test_accepting_in_place_returns_the_card_and_publishes(editor_client, editor, article):
    source, ban, _ = article

    response = editor_client.post(
        f"/review/events/{ban.pk}/", card_data(ban, source, action="accept"), HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith("<article")
    assert "Published" in html and f'href="/events/{ban.pk}/"' in html
    ban.refresh_from_db()
    assert ban.status == Event.Status.PUBLISHED
    assert (ban.reviewed_by, ban.reviewed_at is not None) == (editor, True)
    assert list(ReviewAction.objects.values_list("action", "user")) == [("accepted", editor.pk)]
    assert "Agency bans the app" in editor_client.get("/").content.decode()


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_a_decided_candidate_can_be_reopened_and_decided_again(
    editor_client, editor, article, decision
):
    source, ban, _ = article
    editor_client.post(f"/review/events/{ban.pk}/", card_data(ban, source, action=decision))
    decided = editor_client.get(f"/review/sources/{source.pk}/").content.decode()
    assert 'value="reopen"' in decided

    response = editor_client.post(
        f"/review/events/{ban.pk}/",
        {"action": "reopen", "source": source.pk},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    ban.refresh_from_db()
    assert ban.status == Event.Status.CANDIDATE
    assert 'value="accept"' in html  # the card is editable again, in place
    assert "Agency bans the app" not in editor_client.get("/").content.decode()
    history = list(ReviewAction.objects.order_by("pk").values_list("action", flat=True))
    assert history == [{"accept": "accepted", "reject": "rejected"}[decision], "reopened"]

    editor_client.post(f"/review/events/{ban.pk}/", card_data(ban, source, action="accept"))
    ban.refresh_from_db()
    assert ban.status == Event.Status.PUBLISHED


def test_an_event_added_to_another_is_not_reopened(editor_client, article, published_elsewhere):
    source, ban, _ = article
    editor_client.post(
        f"/review/events/{ban.pk}/merge/", {"target": published_elsewhere.pk, "source": source.pk}
    )
    ban.refresh_from_db()
    assert ban.merged_into_id == published_elsewhere.pk

    editor_client.post(f"/review/events/{ban.pk}/", {"action": "reopen", "source": source.pk})

    ban.refresh_from_db()
    assert ban.merged_into_id == published_elsewhere.pk and not ban.is_candidate
    assert not ReviewAction.objects.filter(action="reopened").exists()


def test_without_javascript_a_decision_redirects_back_to_the_card(editor_client, article):
    source, ban, _ = article

    response = editor_client.post(
        f"/review/events/{ban.pk}/", card_data(ban, source, action="reject")
    )

    assert response.status_code == 302
    assert response.url == f"/review/sources/{source.pk}/#candidate-{ban.pk}"
    ban.refresh_from_db()
    assert ban.status == Event.Status.REJECTED


def test_editing_saves_the_corrections_and_keeps_the_candidate_undecided(
    editor_client, editor, article
):
    source, ban, _ = article

    response = editor_client.post(
        f"/review/events/{ban.pk}/",
        card_data(
            ban,
            source,
            title="Agency bars the app from official phones",
            date="early March 2025",
            add_actor_name="Ministry of Apps",
            tags="apps, security",
        ),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    ban.refresh_from_db()
    assert ban.title == "Agency bars the app from official phones"
    assert (ban.date_start, ban.date_end, ban.precision) == (
        date(2025, 3, 1),
        date(2025, 3, 10),
        "approximate",
    )
    assert ban.status == Event.Status.CANDIDATE
    assert sorted(ban.actors.values_list("name", flat=True)) == [
        "Agency of Things",
        "Ministry of Apps",
    ]
    assert EventActor.objects.get(event=ban, actor__name="Agency of Things").role == "initiator"
    assert sorted(ban.tags.values_list("name", flat=True)) == ["apps", "security"]
    citation = ban.citations.get()
    assert (citation.date_start, citation.date_end) == (date(2025, 3, 1), date(2025, 3, 10))
    assert list(ReviewAction.objects.values_list("action", flat=True)) == ["edited"]


def test_an_invalid_date_is_refused_on_the_card_and_nothing_is_saved(editor_client, article):
    source, ban, _ = article

    response = editor_client.post(
        f"/review/events/{ban.pk}/",
        card_data(ban, source, action="accept", date="32 March 2025"),
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert 'class="field-errors"' in html
    assert 'value="32 March 2025"' in html  # what the editor typed is kept
    ban.refresh_from_db()
    assert (ban.status, ban.date_start) == (Event.Status.CANDIDATE, date(2025, 3, 6))
    assert not ReviewAction.objects.exists()


def test_a_card_opened_before_someone_else_saved_is_refused(editor_client, article):
    source, ban, _ = article
    stale = card_data(ban, source, title="My title")
    Event.objects.filter(pk=ban.pk).update(title="Their title")
    Event.objects.get(pk=ban.pk).save()  # moves updated_at on

    response = editor_client.post(f"/review/events/{ban.pk}/", stale, HTTP_HX_REQUEST="true")

    assert "Someone else saved this event" in response.content.decode()
    ban.refresh_from_db()
    assert ban.title == "Their title"


def test_a_candidate_decided_meanwhile_is_shown_as_decided(editor_client, article):
    source, ban, _ = article
    data = card_data(ban, source, action="accept")
    Event.objects.filter(pk=ban.pk).update(status=Event.Status.REJECTED)

    response = editor_client.post(f"/review/events/{ban.pk}/", data, HTTP_HX_REQUEST="true")

    assert "Rejected" in response.content.decode()
    ban.refresh_from_db()
    assert ban.status == Event.Status.REJECTED


def test_adding_as_a_source_keeps_both_dates_visible(
    client, editor_client, editor, article, published_elsewhere
):
    source, ban, _ = article

    response = editor_client.post(
        f"/review/events/{ban.pk}/merge/",
        {"source": source.pk, "target": published_elsewhere.pk},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert "Added as a source of" in html and "Agency bans the app on official phones" in html
    ban.refresh_from_db()
    assert (ban.status, ban.merged_into) == (Event.Status.REJECTED, published_elsewhere)
    citation = published_elsewhere.citations.get(source=source)
    assert (citation.date_start, citation.quote) == (date(2025, 3, 6), BAN)
    action = ReviewAction.objects.get()
    assert (action.action, action.target, action.user) == ("merged", published_elsewhere, editor)
    # The public event shows both sources, and that this one dates it differently.
    public = client.get(f"/events/{published_elsewhere.pk}/").content.decode()
    assert "Agency bans app" in public and "Wire report" in public
    assert "dates it 6 Mar 2025" in public
    # On the review page the source's event is now the published one, disagreement shown.
    page = editor_client.get(f"/review/sources/{source.pk}/").content.decode()
    assert "This article dates it 6 Mar 2025; the event says 7 Mar 2025." in page


def test_adding_as_a_source_fills_the_evidence_of_a_citation_entered_by_hand(
    editor_client, article, published_elsewhere
):
    source, ban, _ = article
    Citation.objects.create(event=published_elsewhere, source=source)  # listed without a quote

    page = editor_client.get(f"/review/sources/{source.pk}/").content.decode()
    editor_client.post(
        f"/review/events/{ban.pk}/merge/", {"source": source.pk, "target": published_elsewhere.pk}
    )

    assert "already cites this article" in page
    citation = published_elsewhere.citations.get(source=source)
    assert (citation.quote, citation.start_offset) == (BAN, 0)
    assert (citation.date_start, citation.date_text) == (date(2025, 3, 6), "on Thursday")
    ban.refresh_from_db()
    assert ban.merged_into == published_elsewhere


def test_the_merge_search_finds_published_events(editor_client, article, published_elsewhere):
    source, ban, _ = article
    url = f"/review/events/{ban.pk}/merge/?source={source.pk}&q=official"

    fragment = editor_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    page = editor_client.get(url).content.decode()

    assert "<html" not in fragment and "<html" in page
    assert "Agency bans the app on official phones" in fragment
    assert f'name="target" value="{published_elsewhere.pk}"' in fragment
    nothing = editor_client.get(f"/review/events/{ban.pk}/merge/?source={source.pk}&q=zebra")
    assert "No published event matches “zebra”." in nothing.content.decode()


def test_bulk_accept_publishes_every_undecided_candidate_of_the_source(
    editor_client, editor, article
):
    source, ban, proposal = article
    Event.objects.filter(pk=proposal.pk).update(status=Event.Status.REJECTED)
    other_source = create_source(title="Other", text="Elsewhere on Monday.")
    elsewhere = candidate_in(other_source, "Elsewhere on Monday.")

    confirm = editor_client.get(f"/review/sources/{source.pk}/accept-all/").content.decode()
    response = editor_client.post(
        f"/review/sources/{source.pk}/accept-all/", HTTP_HX_REQUEST="true"
    )

    assert "Agency bans the app" in confirm and "Senator proposes" not in confirm
    assert 'id="candidates"' in response.content.decode()
    statuses = dict(Event.objects.values_list("pk", "status"))
    assert statuses[ban.pk] == Event.Status.PUBLISHED
    assert statuses[proposal.pk] == Event.Status.REJECTED
    assert statuses[elsewhere.pk] == Event.Status.CANDIDATE
    assert list(ReviewAction.objects.values_list("event", "action", "user")) == [
        (ban.pk, "accepted", editor.pk)
    ]


def test_the_review_page_needs_the_same_queries_for_2_or_12_candidates(editor_client, agency):
    def queries_for(count):
        text = " ".join(f"Item {n} happened on Thursday." for n in range(count))
        source = create_source(text=text)
        for n in range(count):
            candidate_in(source, f"Item {n} happened on Thursday.", actors=[agency])
        create_event(title=f"Published {count}", actors=[agency], date_start=date(2025, 3, 6))
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(f"/review/sources/{source.pk}/").status_code == 200
        return len(queries)

    few, many = queries_for(2), queries_for(12)
    assert few == many


POSTS = [
    ("/review/events/{ban}/", {"action": "accept"}),
    ("/review/events/{published}/", {"action": "reopen"}),
    ("/review/events/{ban}/merge/", {"target": "{published}"}),
    ("/review/sources/{source}/accept-all/", {}),
    ("/ingest/", {"text": "Agency banned the app on Thursday."}),
]


def _format(value, ids):
    return value.format(**ids) if isinstance(value, str) else value


@pytest.fixture
def ids(article, published_elsewhere):
    source, ban, _ = article
    return {"source": source.pk, "ban": ban.pk, "published": published_elsewhere.pk}


def _state():
    return list(Event.objects.values_list("pk", "status", "updated_at").order_by("pk")) + [
        ReviewAction.objects.count(),
        Citation.objects.count(),
    ]


@pytest.mark.parametrize(("path", "data"), POSTS)
def test_anonymous_posts_are_sent_to_sign_in_and_change_nothing(client, ids, path, data):
    before = _state()
    data = {key: _format(value, ids) for key, value in data.items()} | {"source": ids["source"]}

    response = client.post(_format(path, ids), data)
    htmx = client.post(_format(path, ids), data, HTTP_HX_REQUEST="true")

    assert response.status_code == 302 and response.url.startswith("/admin/login/?next=")
    assert htmx["HX-Redirect"].startswith("/admin/login/?next=")
    assert _state() == before


@pytest.mark.parametrize(("path", "data"), POSTS)
def test_signed_in_non_editors_get_403_on_every_post(client, django_user_model, ids, path, data):
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 12))
    before = _state()
    data = {key: _format(value, ids) for key, value in data.items()} | {"source": ids["source"]}

    response = client.post(_format(path, ids), data, HTTP_HX_REQUEST="true")

    assert response.status_code == 403
    assert _state() == before


def test_htmx_posts_carry_the_page_csrf_token_and_fail_without_it(editor, article):
    source, ban, _ = article
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(f"/review/sources/{source.pk}/")
    token = page.context["csrf_token"]
    data = card_data(ban, source, action="reject")

    refused = client.post(f"/review/events/{ban.pk}/", data, HTTP_HX_REQUEST="true")
    accepted = client.post(
        f"/review/events/{ban.pk}/",
        data | {"csrfmiddlewaretoken": str(token)},
        HTTP_HX_REQUEST="true",
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200
    ban.refresh_from_db()
    assert ban.status == Event.Status.REJECTED


def test_the_candidates_fragment_is_served_to_htmx_and_varies_on_it(editor_client, article):
    source, ban, _ = article

    page = editor_client.get(f"/review/sources/{source.pk}/")
    fragment = editor_client.get(f"/review/sources/{source.pk}/", HTTP_HX_REQUEST="true")

    assert "<html" in page.content.decode()
    html = fragment.content.decode()
    assert "<html" not in html and 'id="candidates"' in html
    assert f'id="candidate-{ban.pk}"' in html
    assert "HX-Request" in fragment["Vary"]


def test_editors_read_the_review_history_in_the_admin_but_cannot_change_it(
    editor_client, editor, article
):
    source, ban, _ = article
    editor_client.post(f"/review/events/{ban.pk}/", card_data(ban, source, action="reject"))
    action = ReviewAction.objects.get()

    listing = editor_client.get("/admin/timeline/reviewaction/")
    detail = editor_client.get(f"/admin/timeline/reviewaction/{action.pk}/change/")

    assert listing.status_code == 200 and "Agency bans the app" in listing.content.decode()
    assert detail.status_code == 200
    assert editor_client.get("/admin/timeline/reviewaction/add/").status_code == 403
    editor_client.post(f"/admin/timeline/reviewaction/{action.pk}/delete/", {"post": "yes"})
    assert ReviewAction.objects.filter(pk=action.pk).exists()
