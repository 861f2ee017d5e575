"""The CSV export: the whole file, the formula guard, streaming, the cap and who sees what."""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, date, datetime

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import create_actor, create_event, create_source, create_tag
from timeline.exports.common import export_filename
from timeline.exports.csv import (
    csv_cell,
    csv_line,
    csv_values_cell,
    event_export_csv,
    join_values,
    neutralize_formula,
    read_ahead,
    restore_formula,
    split_values,
)
from timeline.models import Actor, Event, EventActor
from timeline.queries import EventFilters

HEADER = (
    "id,title,summary,type,date_start,date_end,precision,date_text,date_basis,country,actors,"
    "actor_roles,tags,status,source_titles,source_publishers,source_urls,source_dates,evidence,"
    "permalink\r\n"
)


def csv_text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.django_db
def test_export_is_the_documented_file_byte_for_byte(client):
    """Header, column order, RFC 4180 quoting, CRLF line ends, "; " lists, formula guard."""
    wire = create_source(
        title='Chips, "advanced" ones',
        publisher="Wire",
        url="https://wire.example/a",
        published_on=date(2025, 3, 7),
    )
    blog = create_source(title="Follow-up", publisher="", url="https://b.example/x")
    blog.published_on = None
    blog.save()
    commerce = create_actor(name="Department of Commerce")
    nvidia = create_actor(name="Nvidia", kind=Actor.Kind.COMPANY)
    rule = create_event(
        title="Export rule tightened",
        summary="Line one,\nline two",
        event_type=Event.Type.EXPORT_CONTROL,
        country="US",
        date_text="on Friday",
        actors=[commerce],
        tags=[create_tag(name="semiconductors"), create_tag(name="china")],
        sources=[wire, blog],
    )
    EventActor.objects.create(event=rule, actor=nvidia, role=EventActor.Role.TARGET)
    formula = create_event(
        title='=HYPERLINK("http://evil.example")',
        summary="-5 percent",
        date_start=date(2025, 1, 1),
        date_end=date(2025, 3, 31),
        precision=Event.Precision.QUARTER,
        date_basis=Event.DateBasis.PUBLICATION,
    )

    response = client.get("/export.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_text(response) == (
        "\ufeff" + HEADER + f'{formula.pk},"\'=HYPERLINK(""http://evil.example"")",'
        f"'-5 percent,other,2025-01-01,2025-03-31,quarter,,publication,,,,,published,,,,,,"
        f"http://testserver/events/{formula.pk}/\r\n"
        f'{rule.pk},Export rule tightened,"Line one,\nline two",export_control,2025-03-07,'
        "2025-03-07,day,on Friday,stated,US,Department of Commerce; Nvidia,initiator; target,"
        'china; semiconductors,published,"Chips, ""advanced"" ones; Follow-up",Wire; ,'
        "https://wire.example/a; https://b.example/x,2025-03-07; ,Export rule tightened.,"
        f"http://testserver/events/{rule.pk}/\r\n"
    )


@pytest.mark.django_db
def test_export_of_an_empty_view_is_the_header_alone(client):
    assert csv_text(client.get("/export.csv?q=nothing-matches")) == "\ufeff" + HEADER


@pytest.mark.django_db
def test_export_uses_the_timeline_filters_and_names_the_file_after_them(client):
    create_event(title="A ban", event_type=Event.Type.BAN, country="US")
    create_event(title="A hearing", event_type=Event.Type.HEARING, country="US")

    response = client.get("/export.csv?type=ban&country=us&start=2025-01-01&sort=newest")

    body = csv_text(response)
    assert "A ban" in body and "A hearing" not in body
    assert re.fullmatch(
        r'attachment; filename="policy-timeline_type-ban_country-us_from-2025-01-01_'
        r'\d{4}-\d\d-\d\dT\d{4}Z\.csv"',
        response["Content-Disposition"],
    )


def test_file_name_says_what_was_exported_and_when():
    at = datetime(2026, 11, 23, 19, 13, 45, tzinfo=UTC)
    assert export_filename(EventFilters(), "csv", at=at) == (
        "policy-timeline_all_2026-11-23T1913Z.csv"
    )
    filters = EventFilters(q="chip exports", tags=("ai",), end=date(2025, 6, 30))
    assert export_filename(filters, "ics", at=at) == (
        "policy-timeline_q-chip-exports_tag-ai_to-2025-06-30_2026-11-23T1913Z.ics"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["", "?status=candidate", "?status=rejected", "?status=candidate&status=rejected"]
)
@pytest.mark.parametrize(
    "url", ["/export.csv", "/export.json", "/feed.atom", "/calendar.ics", "/api/events"]
)
def test_the_public_never_sees_candidates_or_rejected_events(client, url, query):
    create_event(title="Published ruling")
    create_event(title="Unreviewed candidate", status=Event.Status.CANDIDATE)
    create_event(title="Rejected duplicate", status=Event.Status.REJECTED)

    response = client.get(url + query)

    assert response.status_code == 200
    body = csv_text(response) if response.streaming else response.content.decode()
    assert "Published ruling" in body
    assert "Unreviewed candidate" not in body
    assert "Rejected duplicate" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("event_count", [1, 30])
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, event_count):
    """One cap check, one query for the events and three for their actors, tags and citations
    per chunk of events (and on PostgreSQL the planner setting of the export's read
    transaction, which inside the test's own transaction is a savepoint: two more)."""
    actor, tag = create_actor(), create_tag()
    for number in range(event_count):
        create_event(title=f"Event {number}", actors=[actor], tags=[tag], sources=[create_source()])

    with django_assert_num_queries(8 if connection.vendor == "postgresql" else 5):
        body = csv_text(client.get("/export.csv"))

    assert body.count("\r\n") == event_count + 1


@pytest.mark.django_db
def test_export_streams_one_piece_per_chunk(client, monkeypatch):
    monkeypatch.setattr("timeline.exports.csv.CHUNK_SIZE", 2)
    for number in range(5):
        create_event(title=f"Event {number}")

    response = client.get("/export.csv")

    assert response.streaming
    pieces = list(response.streaming_content)
    assert len(pieces) == 1 + 3  # the header, then chunks of 2, 2 and 1 events
    assert [piece.count(b"\r\n") for piece in pieces] == [1, 2, 2, 1]


@pytest.mark.django_db
def test_a_download_abandoned_midway_leaves_the_connection_to_the_request(rf, monkeypatch):
    """The reading thread finishes and lets go of the connection when the reader goes away."""
    monkeypatch.setattr("timeline.exports.csv.CHUNK_SIZE", 2)
    for number in range(5):
        create_event(title=f"Event {number}")

    response = event_export_csv(rf.get("/export.csv"))
    pieces = iter(response.streaming_content)
    next(pieces), next(pieces)  # the header and the first chunk
    # What the server does when the download is cancelled; as Django's test client does, keep
    # the end-of-request signal from closing the test database's connection.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)

    assert not connection.allow_thread_sharing
    assert Event.objects.count() == 5  # the request's thread can use its connection again


@pytest.mark.django_db
def test_export_over_the_cap_is_refused_with_a_clear_message(client, settings):
    settings.TIMELINE_EXPORT_MAX_ROWS = 2
    for number in range(3):
        create_event(title=f"Event {number}", event_type=Event.Type.BAN if number else "other")

    refused = client.get("/export.csv")
    narrowed = client.get("/export.csv?type=ban")

    assert refused.status_code == 400
    assert "more than 2 events" in refused.content.decode()
    assert "Narrow the filters" in refused.content.decode()
    assert narrowed.status_code == 200


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r", "\n", "\x00"])
def test_cells_a_spreadsheet_would_run_are_guarded_and_the_guard_undone(trigger):
    text = f"{trigger}1+2"
    assert neutralize_formula(text) == f"'{text}"
    assert restore_formula(neutralize_formula(text)) == text


@pytest.mark.parametrize("text", ["Plain title", "'Tis the season", "'", "", "a=b", "1-2"])
def test_harmless_cells_are_written_as_they_are(text):
    assert neutralize_formula(text) == text
    assert restore_formula(text) == text


@given(st.text())
def test_formula_guard_is_undone_exactly_and_never_leaves_a_formula(text):
    guarded = neutralize_formula(text)
    assert restore_formula(guarded) == text
    assert not guarded or guarded[0] not in "=+-@\t\r\n\x00"


_ITEM = st.text(min_size=1).map(str.strip).filter(bool)


@given(st.lists(_ITEM, min_size=1))
def test_lists_in_a_cell_split_back_into_the_same_values(values):
    """Semicolons and backslashes inside a value are escaped, so any list survives."""
    assert split_values(join_values(values)) == values


def test_hand_typed_lists_are_read_forgivingly():
    assert split_values("a;b ;  c") == ["a", "b", "c"]
    assert split_values("  ") == []
    assert split_values(r"AT\;T; Verizon") == ["AT;T", "Verizon"]


@given(st.lists(st.text(), min_size=2, max_size=8))
def test_csv_lines_are_what_the_csv_module_writes(cells):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)

    assert csv_line(cells) == buffer.getvalue()


_CELL_TEXT = st.text(alphabet=st.sampled_from("ab ;\\\",'=+-@\t\r\n\x00"))


@given(_CELL_TEXT)
def test_a_text_cell_is_guarded_then_written_as_the_csv_module_writes_it(text):
    assert csv_cell(text) == csv_line([neutralize_formula(text), ""])[:-3]


@given(st.lists(_CELL_TEXT, max_size=4))
def test_a_cell_of_several_values_is_the_guarded_cell_of_their_joined_text(values):
    """The export's one-call form of ``csv_cell(join_values(values))``."""
    assert csv_values_cell(values) == csv_cell(join_values(values))


def test_read_ahead_reads_the_next_item_in_another_thread_while_this_one_is_used():
    read: list[int] = []
    threads: set[str] = set()

    def source():
        for number in range(4):
            threads.add(threading.current_thread().name)
            read.append(number)
            yield number

    seen = []
    for item in read_ahead(source(), connection):
        if item < 3:  # give the reading thread its chance to fetch the next one
            deadline = time.monotonic() + 10
            while len(read) < item + 2 and time.monotonic() < deadline:
                time.sleep(0.001)
        seen.append((item, len(read)))

    assert [item for item, _ in seen] == [0, 1, 2, 3]
    # While item n is used, item n + 1 has been read, and never more.
    assert [count for _, count in seen] == [2, 3, 4, 4]
    assert threads and threading.current_thread().name not in threads
    assert not connection.allow_thread_sharing


def test_read_ahead_closed_early_finishes_the_read_in_flight_and_closes_the_source():
    closed = []

    def source():
        try:
            yield from range(100)
        finally:
            closed.append(True)

    items = read_ahead(source(), connection)
    assert next(items) == 0
    items.close()  # a download abandoned after its first chunk

    assert closed == [True]
    assert not connection.allow_thread_sharing


def test_read_ahead_raises_the_reading_threads_error_in_the_caller():
    def source():
        yield 1
        raise ValueError("the database went away")

    items = read_ahead(source(), connection)

    assert next(items) == 1
    with pytest.raises(ValueError, match="went away"):
        next(items)
    assert not connection.allow_thread_sharing
