"""Adding a candidate to a published event refuses, with a message, a target that is not one."""

import pytest

from tests.factories import create_event, create_source
from tests.test_review import BAN, PROPOSAL, TEXT, candidate_in
from timeline.models import Citation, Event, ReviewAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    source = create_source(title="Agency bans app", text=TEXT)
    ban = candidate_in(source, BAN, title="Agency bans the app", event_type="ban")
    proposal = candidate_in(source, PROPOSAL, title="Senator proposes wider ban")
    return source, ban, proposal


@pytest.fixture
def published_elsewhere():
    return create_event(title="Agency bans the app on official phones", event_type="ban")


NOT_AN_EVENT = "That is not the number of a published event"
BAD_TARGETS = [
    ("abc", NOT_AN_EVENT),
    ("1.5", NOT_AN_EVENT),
    ("1e3", NOT_AN_EVENT),
    ("-1", NOT_AN_EVENT),
    ("99999999999999999999", NOT_AN_EVENT),
    (" ", NOT_AN_EVENT),
]


def _unchanged(ban):
    ban.refresh_from_db()
    return (
        ban.status == Event.Status.CANDIDATE
        and ban.merged_into_id is None
        and not ReviewAction.objects.exists()
        and Citation.objects.filter(event=ban).count() == 1
    )


@pytest.mark.parametrize(("target", "message"), BAD_TARGETS)
def test_a_target_that_is_not_a_number_is_refused_on_the_card(
    editor_client, article, target, message
):
    source, ban, _ = article

    response = editor_client.post(
        f"/review/events/{ban.pk}/merge/",
        {"source": source.pk, "target": target},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200  # htmx swaps in the card with its message
    html = response.content.decode()
    assert f'id="candidate-{ban.pk}"' in html and message in html
    assert _unchanged(ban)


@pytest.mark.parametrize(("target", "message"), BAD_TARGETS)
def test_without_javascript_a_bad_target_gets_the_merge_page_with_a_400(
    editor_client, article, target, message
):
    source, ban, _ = article

    response = editor_client.post(
        f"/review/events/{ban.pk}/merge/", {"source": source.pk, "target": target}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'name="q"' in html
    assert _unchanged(ban)


@pytest.mark.parametrize("data", [{"target": ""}, {}], ids=["empty", "absent"])
def test_an_empty_or_absent_target_asks_for_one(editor_client, article, data):
    source, ban, _ = article

    plain = editor_client.post(f"/review/events/{ban.pk}/merge/", {"source": source.pk} | data)
    htmx = editor_client.post(
        f"/review/events/{ban.pk}/merge/", {"source": source.pk} | data, HTTP_HX_REQUEST="true"
    )

    assert plain.status_code == 400
    assert "Choose the published event to add this candidate to." in plain.content.decode()
    assert "Choose the published event to add this candidate to." in htmx.content.decode()
    assert _unchanged(ban)


def test_a_target_that_is_missing_a_candidate_or_merged_away_is_refused(
    editor_client, article, published_elsewhere
):
    source, ban, proposal = article
    merged_away = Event.objects.create(
        title="Merged away",
        date_start=ban.date_start,
        date_end=ban.date_end,
        status=Event.Status.PUBLISHED,
        merged_into=published_elsewhere,
    )
    missing = max(Event.objects.values_list("pk", flat=True)) + 1

    for target in (missing, proposal.pk, merged_away.pk):
        response = editor_client.post(
            f"/review/events/{ban.pk}/merge/", {"source": source.pk, "target": target}
        )
        assert response.status_code == 400
        assert NOT_AN_EVENT in response.content.decode()
    assert _unchanged(ban)


def test_a_published_target_by_its_number_takes_the_candidate(
    editor_client, article, published_elsewhere
):
    source, ban, _ = article

    response = editor_client.post(
        f"/review/events/{ban.pk}/merge/",
        {"source": source.pk, "target": f"{published_elsewhere.pk}"},
    )

    assert response.status_code == 302
    ban.refresh_from_db()
    assert ban.merged_into == published_elsewhere
