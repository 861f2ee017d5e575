from datetime import date

import pytest
from django.contrib.staticfiles import finders

from tests.factories import create_actor, create_event, create_source
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_home_lists_published_events_newest_first_with_sources(client):
    source = create_source(title="Agency acts", publisher="Wire", url="https://wire.example/a")
    create_event(title="Later event", date_start=date(2025, 3, 7), sources=[source])
    create_event(
        title="Earlier event",
        date_start=date(2025, 1, 1),
        date_end=date(2025, 1, 31),
        precision=Event.Precision.MONTH,
        actors=[create_actor(name="Department of Commerce")],
    )
    create_event(title="Hidden candidate", status=Event.Status.CANDIDATE)

    html = client.get("/").content.decode()

    # Newest first: the latest news is on top.
    assert html.index("Later event") < html.index("Earlier event")
    assert "Jan 2025" in html and "7 Mar 2025" in html
    assert "Department of Commerce" in html
    assert 'href="https://wire.example/a" rel="noopener noreferrer"' in html
    assert "Hidden candidate" not in html


def test_a_visitor_finds_the_sign_in_link_and_an_editor_does_not(client, django_user_model):
    html = client.get("/").content.decode()
    assert ">Sign in</a>" in html and "/admin/login/?next=/review/" in html

    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert ">Sign in</a>" not in client.get("/").content.decode()


def test_every_page_names_a_favicon_that_is_served(client):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/timeline/favicon.svg"' in html
    assert finders.find("timeline/favicon.svg")


@pytest.mark.parametrize(
    ("count", "verb"), [(1, "1</strong> event matches"), (2, "2</strong> events match")]
)
def test_the_result_count_agrees_in_number(client, count, verb):
    for n in range(count):
        create_event(title=f"Tariff step {n}", date_start=date(2025, 3, 1 + n))
    html = client.get("/?q=tariff").content.decode()
    assert verb in html
