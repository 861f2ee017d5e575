"""What must always hold in the data, enforced by the database and explained by validation."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import create_actor, create_event, create_source
from timeline.models import ActorAlias, Event, Source

pytestmark = pytest.mark.django_db


def _integrity_error(callable_) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_database_refuses_an_end_before_the_start():
    _integrity_error(
        lambda: Event.objects.create(
            title="x", date_start=date(2025, 3, 7), date_end=date(2025, 3, 6), precision="month"
        )
    )


def test_database_refuses_a_day_precision_range():
    _integrity_error(
        lambda: Event.objects.create(
            title="x", date_start=date(2025, 3, 7), date_end=date(2025, 3, 8), precision="day"
        )
    )


def test_database_refuses_confidence_outside_0_to_1():
    _integrity_error(lambda: create_event(confidence=1.5))


def test_database_refuses_an_event_merged_into_itself():
    event = create_event()
    event.merged_into_id = event.pk
    _integrity_error(event.save)


def test_database_refuses_the_same_text_twice():
    create_source(text="The same article.")
    _integrity_error(lambda: create_source(text="The   same\narticle."))


def test_database_refuses_the_same_url_twice_but_allows_many_without_url():
    create_source(url="https://example.org/a")
    _integrity_error(lambda: create_source(url="https://example.org/a"))
    create_source(url="", text="one")
    create_source(url="", text="two")
    assert Source.objects.filter(url="").count() == 2


def test_database_refuses_an_alias_key_twice():
    actor = create_actor(name="U.S. Department of Commerce")
    ActorAlias.objects.create(actor=actor, name="Commerce Department")
    _integrity_error(lambda: ActorAlias.objects.create(actor=actor, name="commerce  department."))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date_end": date(2025, 3, 1), "precision": "month"}, "date_end", "before the start"),
        ({"date_end": date(2025, 3, 9), "precision": "day"}, "precision", "single day"),
    ],
)
def test_validation_explains_bad_dates(fields, field, message):
    event = Event(title="x", date_start=date(2025, 3, 7), **fields)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_validation_names_the_actor_that_already_owns_an_alias():
    commerce = create_actor(name="U.S. Department of Commerce")
    ActorAlias.objects.create(actor=commerce, name="Commerce Department")
    other = create_actor(name="Department of State")
    alias = ActorAlias(actor=other, name="COMMERCE department")
    with pytest.raises(ValidationError, match="already an alias of U.S. Department of Commerce"):
        alias.full_clean()


def test_validation_names_the_source_that_already_holds_the_text():
    existing = create_source(title="First copy", text="Body of the article.")
    duplicate = Source(title="Second copy", text=" Body of the  article. ")
    with pytest.raises(ValidationError, match=f"source {existing.pk}"):
        duplicate.full_clean()


def test_events_sort_by_start_then_finer_precision_then_id():
    month = create_event(
        title="month", date_start=date(2025, 1, 1), date_end=date(2025, 1, 31), precision="month"
    )
    day = create_event(title="day", date_start=date(2025, 1, 1))
    later = create_event(title="later", date_start=date(2024, 12, 31))
    assert list(Event.objects.chronological()) == [later, day, month]


def test_event_shows_its_date_by_precision():
    event = create_event(
        date_start=date(2025, 2, 18), date_end=date(2025, 3, 18), precision="approximate"
    )
    assert event.date_display == "c. mid Feb – mid Mar 2025"
