"""The demo chronology and the first editor login."""

import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from timeline.models import Actor, ActorAlias, Citation, Event, Source, Tag
from timeline.roles import EDITORS_GROUP
from timeline.sample_data.demo import DEMO_FILE, load_demo

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Actor, ActorAlias, Citation, Event, Source, Tag)
    } | {"events": list(Event.objects.values().order_by("pk"))}


def test_load_demo_is_idempotent():
    first = load_demo()
    snapshot = _snapshot()
    second = load_demo()
    assert first.created > 0
    assert (second.created, second.updated) == (0, 0)
    assert _snapshot() == snapshot


def test_demo_loads_every_event_published_with_its_source():
    load_demo()
    spec = json.loads(DEMO_FILE.read_text())
    assert Event.objects.published().count() == len(spec["events"]) == 10
    for event in Event.objects.all():
        assert event.citations.count() == 1, event
        assert event.actors.exists(), event
    hearing = Event.objects.get(event_type="hearing")
    assert (hearing.date_start, hearing.precision, hearing.date_text) == (
        date(2025, 1, 29),
        "day",
        "on Wednesday",
    )
    ban = Event.objects.get(event_type="ban")
    assert (ban.date_start, ban.date_end, ban.precision) == (
        date(2025, 2, 18),
        date(2025, 3, 18),
        "approximate",
    )
    assert set(Source.objects.values_list("published_on", flat=True)) == {
        date(2025, 3, 18),
        date(2025, 1, 29),
    }


def test_demo_repairs_an_edited_demo_event():
    load_demo()
    Event.objects.filter(event_type="hearing").update(status="rejected")
    counts = load_demo()
    assert counts.updated == 1
    assert Event.objects.get(event_type="hearing").status == "published"


def test_load_demo_command_reports_counts(capsys):
    call_command("load_demo")
    call_command("load_demo")
    assert "0 created, 0 updated" in capsys.readouterr().out


def test_create_editor_makes_one_non_superuser_editor_and_says_how_to_sign_in(tmp_path, capsys):
    password_file = tmp_path / "password"
    call_command("create_editor", password_file=str(password_file))
    output = capsys.readouterr().out
    user = get_user_model().objects.get(username="editor")
    password = password_file.read_text().strip()
    assert password in output and "/admin/" in output
    assert user.check_password(password)
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=EDITORS_GROUP).exists()
    assert user.has_perm("timeline.change_event") and user.has_perm("timeline.add_citation")
    call_command("create_editor", password_file=str(password_file))
    assert "exists" in capsys.readouterr().out
    assert get_user_model().objects.count() == 1


def test_make_run_never_undoes_what_editors_changed():
    """`make run` loads the demo with --if-empty on every start."""
    call_command("load_demo", "--if-empty")
    loaded = Event.objects.count()
    assert loaded == 10
    edited, rejected = Event.objects.order_by("pk")[:2]
    Event.objects.filter(pk=edited.pk).update(title="An editor's own headline")
    Event.objects.filter(pk=rejected.pk).update(status=Event.Status.REJECTED)

    call_command("load_demo", "--if-empty")

    assert Event.objects.count() == loaded
    assert Event.objects.get(pk=edited.pk).title == "An editor's own headline"
    assert Event.objects.get(pk=rejected.pk).status == Event.Status.REJECTED
