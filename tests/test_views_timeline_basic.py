from datetime import date

import pytest

from tests.factories import create_actor, create_event, create_source
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_home_lists_published_events_in_date_order_with_sources(client):
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

    assert html.index("Earlier event") < html.index("Later event")
    assert "Jan 2025" in html and "7 Mar 2025" in html
    assert "Department of Commerce" in html
    assert 'href="https://wire.example/a" rel="noopener noreferrer"' in html
    assert "Hidden candidate" not in html
