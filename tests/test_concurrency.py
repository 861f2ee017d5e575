"""Several editors writing at once: nobody sees "database is locked", nothing is lost."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from tests.factories import create_event
from timeline.models import Citation, Event, Source

WRITERS = 6
ROUNDS = 15


@pytest.mark.django_db(transaction=True)
def test_concurrent_ingest_and_review_writes_all_succeed():
    to_review = [create_event(title=f"candidate {n}", status="candidate") for n in range(WRITERS)]
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS * 2)

    def ingest(writer: int) -> None:
        try:
            start.wait()
            for round_ in range(ROUNDS):
                with transaction.atomic():
                    source = Source.objects.create(
                        title=f"Article {writer}-{round_}", text=f"Body {writer} {round_}"
                    )
                    event = Event.objects.create(
                        title=f"Event {writer}-{round_}", date_start=date(2025, 1, 29),
                        date_end=date(2025, 1, 29),
                    )  # fmt: skip
                    Citation.objects.create(event=event, source=source, quote="q")
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def review(writer: int) -> None:
        try:
            start.wait()
            for round_ in range(ROUNDS):
                with transaction.atomic():
                    event = Event.objects.get(pk=to_review[writer].pk)
                    event.summary = f"reviewed {round_}"
                    event.status = "published"
                    event.save()
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ingest, args=(n,)) for n in range(WRITERS)]
    threads += [threading.Thread(target=review, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Source.objects.count() == WRITERS * ROUNDS
    assert Citation.objects.count() == WRITERS * ROUNDS
    assert Event.objects.filter(summary=f"reviewed {ROUNDS - 1}").count() == WRITERS
