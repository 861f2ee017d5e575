"""The admin as the editors' data-entry tool."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import create_actor, create_editor, create_event, create_source, create_tag
from timeline.models import Actor, ActorAlias, Citation, Event, EventActor, Source, Tag

pytestmark = pytest.mark.django_db

MODELS = ["event", "source", "actor", "tag"]


def _event_form(**overrides):
    data = {
        "title": "Agency bans an app",
        "summary": "",
        "event_type": "ban",
        "status": "candidate",
        "date": "early March 2025",
        "date_text": "",
        "date_basis": "stated",
        "country": "US",
        "confidence": "",
        "merged_into": "",
        "event_actors-TOTAL_FORMS": "0",
        "event_actors-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", MODELS)
def test_editor_sees_every_changelist_add_and_change_page(editor_client, model):
    event = create_event(actors=[create_actor()], tags=[create_tag()], sources=[create_source()])
    objects = {
        "event": event,
        "source": Source.objects.first(),
        "actor": Actor.objects.first(),
        "tag": Tag.objects.first(),
    }
    for url in (
        reverse(f"admin:timeline_{model}_changelist"),
        reverse(f"admin:timeline_{model}_add"),
        reverse(f"admin:timeline_{model}_change", args=[objects[model].pk]),
    ):
        assert editor_client.get(url).status_code == 200, url


def test_event_changelist_filters_and_searches(editor_client):
    commerce = create_actor(name="U.S. Department of Commerce")
    create_event(title="Commerce ban", actors=[commerce])
    create_event(title="Unrelated hearing", event_type="hearing")
    url = reverse("admin:timeline_event_changelist")
    by_actor = editor_client.get(url, {"actor": commerce.pk}).content.decode()
    assert "Commerce ban" in by_actor and "Unrelated hearing" not in by_actor
    by_type = editor_client.get(url, {"event_type__exact": "hearing"}).content.decode()
    assert "Unrelated hearing" in by_type and "Commerce ban" not in by_type
    searched = editor_client.get(url, {"q": "Department of Commerce"}).content.decode()
    assert "Commerce ban" in searched and "Unrelated hearing" not in searched


def test_editor_adds_an_event_with_a_citation_using_the_fuzzy_date(editor_client, editor):
    source = create_source(title="Report")
    actor = create_actor(name="Groq")
    data = _event_form(
        **{
            "date": "week of 27 Jan 2025",
            "status": "published",
            "event_actors-TOTAL_FORMS": "1",
            "event_actors-0-actor": str(actor.pk),
            "event_actors-0-role": "initiator",
            "citations-TOTAL_FORMS": "1",
            "citations-0-source": str(source.pk),
            "citations-0-quote": "The evidence.",
            "citations-0-date": "29 Jan 2025",
            "citations-0-date_text": "on Wednesday",
        }
    )
    response = editor_client.post(reverse("admin:timeline_event_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert (event.date_start, event.date_end, event.precision) == (
        date(2025, 1, 27),
        date(2025, 2, 2),
        "week",
    )
    assert event.reviewed_by == editor
    citation = Citation.objects.get()
    assert (citation.source, citation.date_start, citation.precision) == (
        source,
        date(2025, 1, 29),
        "day",
    )
    assert list(event.actors.all()) == [actor]


def test_ambiguous_date_is_a_form_error_and_nothing_is_saved(editor_client):
    source = create_source()
    data = _event_form(
        date="03/04/2025",
        **{
            "citations-TOTAL_FORMS": "1",
            "citations-0-source": str(source.pk),
            "citations-0-quote": "q",
        },
    )
    response = editor_client.post(reverse("admin:timeline_event_add"), data)
    assert response.status_code == 200
    assert "day-first or month-first" in response.content.decode()
    assert not Event.objects.exists() and not Citation.objects.exists()


def test_an_untouched_change_form_keeps_the_stored_range(editor_client):
    event = create_event(date_start=date(2025, 1, 27), date_end=date(2025, 1, 29), precision="week")
    url = reverse("admin:timeline_event_change", args=[event.pk])
    page = editor_client.get(url).content.decode()
    assert 'value="week of 27 Jan 2025 to 29 Jan 2025"' in page
    data = _event_form(
        title=event.title, date="week of 27 Jan 2025 to 29 Jan 2025", version=_version(page)
    )
    assert editor_client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.date_start, event.date_end, event.precision) == (
        date(2025, 1, 27),
        date(2025, 1, 29),
        "week",
    )


def _version(page: str) -> str:
    return re.search(r'name="version" value="([^"]+)"', page)[1]


def test_second_editor_saving_a_stale_form_is_told_and_the_first_edit_is_kept(client, editor):
    other = create_editor(username="other")
    event = create_event(title="Original")
    url = reverse("admin:timeline_event_change", args=[event.pk])
    client.force_login(editor)
    first_version = _version(client.get(url).content.decode())
    second = Client()
    second.force_login(other)
    second_version = _version(second.get(url).content.decode())
    saved = client.post(url, _event_form(title="First edit", version=first_version))
    assert saved.status_code == 302
    refused = second.post(url, _event_form(title="Second edit", version=second_version))
    assert refused.status_code == 200
    assert "Someone else saved this event" in refused.content.decode()
    event.refresh_from_db()
    assert event.title == "First edit"


def _run_action(client, model, action, objects):
    return client.post(
        reverse(f"admin:timeline_{model}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def test_publish_and_reject_actions_record_the_reviewer(editor_client, editor):
    first = create_event(title="one", status="candidate")
    second = create_event(title="two", status="candidate")
    response = _run_action(editor_client, "event", "publish", [first, second])
    assert "2 event(s) published" in response.content.decode()
    first.refresh_from_db()
    assert first.status == "published" and first.reviewed_by == editor
    _run_action(editor_client, "event", "reject", [second])
    second.refresh_from_db()
    assert second.status == "rejected"


def test_merge_action_keeps_every_citation_actor_and_tag_on_the_survivor(editor_client, client):
    reuters, times = create_source(publisher="Reuters"), create_source(publisher="Times")
    commerce, deepseek = create_actor(name="Commerce"), create_actor(name="DeepSeek")
    ai = create_tag(name="AI")
    survivor = create_event(title="Ban", sources=[reuters], actors=[commerce])
    duplicate = create_event(
        title="Ban again", sources=[times, reuters], actors=[commerce, deepseek], tags=[ai]
    )
    response = _run_action(editor_client, "event", "merge_selected", [survivor, duplicate])
    assert "Merged 1 event(s) into “Ban”" in response.content.decode()
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert {c.source for c in survivor.citations.all()} == {reuters, times}
    assert set(survivor.actors.all()) == {commerce, deepseek}
    assert list(survivor.tags.all()) == [ai]
    assert duplicate.merged_into == survivor and duplicate.status == "rejected"
    assert client.get(duplicate.get_absolute_url()).url == survivor.get_absolute_url()


def test_merging_a_single_event_is_refused_with_a_message(editor_client):
    event = create_event()
    response = _run_action(editor_client, "event", "merge_selected", [event])
    assert "Select at least two events to merge" in response.content.decode()
    event.refresh_from_db()
    assert event.merged_into is None


def test_actor_merge_moves_events_and_keeps_names_as_aliases(editor_client):
    canonical = create_actor(name="U.S. Department of Commerce")
    duplicate = create_actor(name="Commerce Department")
    ActorAlias.objects.create(actor=duplicate, name="US Commerce dept")
    event = create_event(actors=[duplicate])
    both = create_event(title="both", actors=[canonical, duplicate])
    _run_action(editor_client, "actor", "merge_selected", [canonical, duplicate])
    assert list(Actor.objects.all()) == [canonical]
    assert set(canonical.aliases.values_list("name", flat=True)) == {
        "Commerce Department",
        "US Commerce dept",
    }
    assert list(event.actors.all()) == [canonical]
    assert EventActor.objects.filter(event=both).count() == 1


def test_alias_owned_by_another_actor_is_refused_in_the_actor_form(editor_client):
    commerce = create_actor(name="U.S. Department of Commerce")
    ActorAlias.objects.create(actor=commerce, name="Commerce Department")
    data = {
        "name": "Department of State",
        "slug": "department-of-state",
        "kind": "government",
        "country": "US",
        "description": "",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Commerce Department",
    }
    response = editor_client.post(reverse("admin:timeline_actor_add"), data)
    assert "already an alias of U.S. Department of Commerce" in response.content.decode()
    assert not Actor.objects.filter(name="Department of State").exists()


def test_source_with_a_scheme_less_url_is_stored_as_https(editor_client, editor):
    data = {
        "url": "example.org/story",
        "title": "Story",
        "publisher": "",
        "author": "",
        "published_on": "2025-01-29",
        "updated_on": "",
        "language": "en",
        "text": "",
        "origin": "admin",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    response = editor_client.post(reverse("admin:timeline_source_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get()
    assert source.url == "https://example.org/story" and source.added_by == editor


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:timeline_event_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response.url
