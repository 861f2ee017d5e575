"""The review card without the admin: actors' roles, the country, and attaching an article to
an event the extractor dated differently."""

import csv
import io
from datetime import date

import pytest

from tests.factories import create_actor, create_citation, create_event, create_source
from timeline.countries import COUNTRIES, country_choices
from timeline.editors.forms import CandidateForm
from timeline.editors.review import SUGGESTION_DAYS, published_near
from timeline.models import Citation, Event, EventActor, ReviewAction

pytestmark = pytest.mark.django_db

SENTENCE = "The senator said the ministry would ban the app on Tuesday."


@pytest.fixture
def source():
    return create_source(title="Ban looms", text=SENTENCE, published_on=date(2025, 3, 5))


@pytest.fixture
def candidate(source):
    """A candidate whose extractor took the senator, not the ministry, as the initiator."""
    event = create_event(
        title="Ministry to ban the app",
        status=Event.Status.CANDIDATE,
        date_start=date(2025, 3, 4),
        actors=[create_actor(name="Senator Example"), create_actor(name="Ministry of Apps")],
    )
    create_citation(
        event=event,
        source=source,
        quote=SENTENCE,
        start_offset=0,
        end_offset=len(SENTENCE),
        date_start=date(2025, 3, 4),
        date_text="on Tuesday",
    )
    EventActor.objects.filter(event=event, actor__name="Ministry of Apps").update(role="subject")
    return event


def link(event, name):
    return EventActor.objects.get(event=event, actor__name=name)


def card_data(event, source, **changes):
    """What the card's form posts, as rendered, with ``changes``."""
    form = CandidateForm(instance=event)
    data = {name: form[name].value() for name in form.fields}
    data["date"] = form.fields["date"].prepare_value(form["date"].value())
    data |= {"source": source.pk} | changes
    return {key: "" if value is None else value for key, value in data.items()}


def post_card(client, event, data, *, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(f"/review/events/{event.pk}/", data, **headers)


def test_the_card_lists_each_actor_with_its_role_a_remove_button_and_an_add_field(
    editor_client, source, candidate
):
    html = editor_client.get(f"/review/sources/{source.pk}/").content.decode()

    senator, ministry = link(candidate, "Senator Example"), link(candidate, "Ministry of Apps")
    assert f'name="role_{senator.pk}"' in html and f'name="role_{ministry.pk}"' in html
    assert '<option value="initiator" selected>Initiator (acts)</option>' in html
    assert '<option value="subject" selected>Subject (mentioned)</option>' in html
    assert f'name="remove_actor" value="{senator.pk}"' in html
    assert 'name="add_actor_name"' in html and 'name="add_actor_role"' in html
    assert "<textarea" not in html.split('name="summary"')[1]  # no free-text actors box
    assert '<option value="EU">European Union (EU)</option>' in html
    assert '<option value="XK">Kosovo (XK)</option>' in html


def test_fixing_the_initiator_on_the_card_reaches_the_api_and_the_csv(
    client, editor_client, source, candidate
):
    senator, ministry = link(candidate, "Senator Example"), link(candidate, "Ministry of Apps")
    data = card_data(
        candidate,
        source,
        action="accept",
        country="FR",
        **{f"role_{senator.pk}": "subject", f"role_{ministry.pk}": "initiator"},
    )

    response = post_card(editor_client, candidate, data)

    assert response.status_code == 200 and "Published" in response.content.decode()
    (result,) = client.get("/api/events").json()["results"]
    assert result["country"] == "FR"
    assert [(a["name"], a["role"]) for a in result["actors"]] == [
        ("Senator Example", "subject"),
        ("Ministry of Apps", "initiator"),
    ]
    (row,) = csv.DictReader(io.StringIO(b"".join(client.get("/export.csv")).decode()))
    assert (row["country"], row["actors"], row["actor_roles"]) == (
        "FR",
        "Senator Example; Ministry of Apps",
        "subject; initiator",
    )
    assert list(ReviewAction.objects.values_list("action", flat=True)) == ["accepted", "edited"]


def test_a_remove_button_unlinks_its_actor_and_keeps_the_other_edits(
    editor_client, source, candidate
):
    senator = link(candidate, "Senator Example")
    data = card_data(candidate, source, title="Ministry bans the app", remove_actor=senator.pk)

    response = post_card(editor_client, candidate, data, htmx=False)

    assert response.status_code == 302  # without JavaScript: back to the card
    candidate.refresh_from_db()
    assert candidate.title == "Ministry bans the app"
    assert list(candidate.actors.values_list("name", flat=True)) == ["Ministry of Apps"]
    assert candidate.is_candidate


def test_an_added_actor_is_linked_with_the_chosen_role_and_a_new_name_creates_it(
    editor_client, source, candidate
):
    data = card_data(candidate, source, add_actor_name="App Maker Inc", add_actor_role="target")

    post_card(editor_client, candidate, data)

    assert link(candidate, "App Maker Inc").role == "target"
    assert candidate.actors.count() == 3


def test_the_role_offered_for_a_new_actor_is_initiator_only_when_there_is_none(candidate):
    assert CandidateForm(instance=candidate)["add_actor_role"].value() == "subject"
    EventActor.objects.filter(event=candidate).delete()
    assert CandidateForm(instance=candidate)["add_actor_role"].value() == "initiator"


def test_without_javascript_a_refused_save_shows_the_card_with_what_was_typed(
    editor_client, source, candidate
):
    senator = link(candidate, "Senator Example")
    data = card_data(
        candidate,
        source,
        action="accept",
        title="Typed title",
        country="QQ",
        add_actor_name="Ministry of Trade",
        **{f"role_{senator.pk}": "target"},
    )

    response = post_card(editor_client, candidate, data, htmx=False)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "“QQ” is not a country code; choose a country from the list" in html
    assert 'value="Typed title"' in html and 'value="Ministry of Trade"' in html
    assert '<option value="target" selected>Target (acted upon)</option>' in html
    candidate.refresh_from_db()
    assert (candidate.title, candidate.country, candidate.status) == (
        "Ministry to ban the app",
        "",
        Event.Status.CANDIDATE,
    )
    assert link(candidate, "Senator Example").role == "initiator"
    assert not candidate.actors.filter(name="Ministry of Trade").exists()
    assert not ReviewAction.objects.exists()


def test_an_actor_name_without_letters_is_refused(editor_client, source, candidate):
    response = post_card(
        editor_client, candidate, card_data(candidate, source, add_actor_name="--")
    )

    assert "An actor’s name needs at least one letter or digit." in response.content.decode()
    assert candidate.actors.count() == 2


def test_a_stored_code_outside_the_list_is_shown_and_must_be_replaced(
    editor_client, source, candidate
):
    Event.objects.filter(pk=candidate.pk).update(country="UK")
    candidate.refresh_from_db()

    html = editor_client.get(f"/review/sources/{source.pk}/").content.decode()
    refused = post_card(editor_client, candidate, card_data(candidate, source))
    post_card(editor_client, candidate, card_data(candidate, source, country="GB"))

    assert '<option value="UK" selected>UK (not a known code)</option>' in html
    assert "“UK” is not a country code" in refused.content.decode()
    candidate.refresh_from_db()
    assert candidate.country == "GB"


def test_the_country_list_is_iso_3166_with_the_eu_and_kosovo_ordered_by_name():
    assert len(COUNTRIES) == 251
    assert {"US", "CN", "GB", "DE", "TW", "EU", "XK"} <= COUNTRIES.keys()
    assert not {"UK", "UN", "ZZ", "EZ"} & COUNTRIES.keys()
    names = [name for _, name in country_choices()]
    assert names[:3] == ["Afghanistan (AF)", "Åland Islands (AX)", "Albania (AL)"]


# Attaching to an event dated differently --------------------------------------------------


def test_suggestions_are_published_events_within_28_days_nearest_first(candidate):
    def published(title, day, **fields):
        return create_event(title=title, date_start=day, **fields)

    same_day = published("Same day", date(2025, 3, 4))
    week_later = published("A week later", date(2025, 3, 11))
    limit_before = published("28 days before", date(2025, 2, 4))
    published("29 days after", date(2025, 4, 2))
    published("Candidate elsewhere", date(2025, 3, 4), status=Event.Status.CANDIDATE)
    published("Merged away", date(2025, 3, 4), merged_into=same_day)

    assert SUGGESTION_DAYS == 28
    assert published_near(candidate) == [same_day, week_later, limit_before]


@pytest.mark.parametrize("day", [date(1, 1, 2), date(9999, 12, 30)])
def test_suggestions_near_the_ends_of_the_calendar_do_not_overflow(day):
    edge = create_event(title="At the edge", date_start=day)
    candidate = create_event(status=Event.Status.CANDIDATE, date_start=day)

    assert published_near(candidate) == [edge]


def test_the_merge_search_without_words_suggests_events_with_both_dates(
    editor_client, source, candidate
):
    create_event(title="Ministry bans the app", date_start=date(2025, 3, 3))
    url = f"/review/events/{candidate.pk}/merge/?source={source.pk}"

    fragment = editor_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    card = editor_client.get(f"/review/sources/{source.pk}/").content.decode()

    assert "Published events dated within 28 days of 4 Mar 2025" in fragment
    assert "Ministry bans the app" in fragment
    assert "dated 3 Mar 2025; this article says 4 Mar 2025" in fragment
    assert f'href="{url}"' in card  # reachable without JavaScript too


def test_attaching_keeps_the_articles_date_on_its_citation_and_the_events_date(
    client, editor_client, source, candidate
):
    target = create_event(
        title="Ministry bans the app",
        date_start=date(2025, 3, 3),
        sources=[create_source(title="Earlier report")],
    )

    editor_client.post(
        f"/review/events/{candidate.pk}/merge/", {"source": source.pk, "target": target.pk}
    )

    target.refresh_from_db()
    assert (target.date_start, target.date_end, target.precision) == (
        date(2025, 3, 3),
        date(2025, 3, 3),
        "day",
    )
    citation = Citation.objects.get(event=target, source=source)
    assert (citation.date_start, citation.date_text, citation.quote) == (
        date(2025, 3, 4),
        "on Tuesday",
        SENTENCE,
    )
    assert "dates it 4 Mar 2025" in client.get(target.get_absolute_url()).content.decode()


def test_attaching_dates_a_citation_that_had_no_date_by_the_candidate(
    editor_client, source, candidate
):
    Citation.objects.filter(event=candidate).update(date_start=None, date_end=None, precision="")
    target = create_event(title="Ministry bans the app", date_start=date(2025, 3, 3))

    editor_client.post(
        f"/review/events/{candidate.pk}/merge/", {"source": source.pk, "target": target.pk}
    )

    citation = Citation.objects.get(event=target, source=source)
    assert (citation.date_start, citation.precision) == (date(2025, 3, 4), "day")
