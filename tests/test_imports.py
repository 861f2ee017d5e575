"""CSV import: round trips, all-or-nothing writes, plain-words errors, spreadsheet quirks."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import create_actor, create_event, create_source, create_tag
from timeline.editors.merging import merge_events
from timeline.imports.csv import ImportFileError, RowError, import_csv, read_csv
from timeline.models import Actor, ActorAlias, Citation, Event, EventActor, Source, Tag
from timeline.public.counts import facet_counts
from timeline.queries import EventFilters

pytestmark = pytest.mark.django_db


def export(client, query: str = "") -> bytes:
    return b"".join(client.get(f"/export.csv{query}").streaming_content)


def wipe() -> None:
    for model in (Event, Actor, Tag, Source):
        model.objects.all().delete()


def csv_bytes(rows: list[dict[str, str]], *, columns=None, delimiter=",", newline="\r\n") -> bytes:
    columns = columns or list(rows[0])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, delimiter=delimiter, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def snapshot() -> dict:
    """Everything an import could touch, to prove that nothing was."""
    return {
        "events": list(Event.objects.order_by("id").values()),
        "roles": list(EventActor.objects.order_by("id").values()),
        "tags": list(Event.tags.through.objects.order_by("id").values()),
        "citations": list(Citation.objects.order_by("id").values()),
        "actors": list(Actor.objects.order_by("id").values()),
        "sources": list(Source.objects.order_by("id").values()),
    }


def awkward_timeline() -> None:
    commerce = create_actor(name="Department of Commerce")
    ActorAlias.objects.create(actor=commerce, name="Commerce Dept")
    nvidia = create_actor(name="=Nvidia; Corp", kind=Actor.Kind.COMPANY)
    wire = create_source(
        title='Chips, "advanced"; new', publisher="Wire", url="https://w.example/1"
    )
    undated = create_source(title="No address", publisher="", url="", published_on=None)
    event = create_event(
        title="Rule tightened",
        summary="Two lines,\r\nwith CRLF and «guillemets» 中文",
        event_type=Event.Type.EXPORT_CONTROL,
        country="US",
        date_text="on Friday",
        actors=[commerce],
        tags=[create_tag(name="chips"), create_tag(name="china")],
        sources=[wire, undated],
    )
    EventActor.objects.create(event=event, actor=nvidia, role=EventActor.Role.TARGET)
    create_event(
        title="+Partial week",
        summary="@mention\nlast line",
        date_start=date(2025, 1, 27),
        date_end=date(2025, 1, 29),
        precision=Event.Precision.WEEK,
        date_basis=Event.DateBasis.PUBLICATION,
        sources=[wire],
    )
    create_event(
        title="Quarterly report",
        date_start=date(2025, 1, 1),
        date_end=date(2025, 3, 31),
        precision=Event.Precision.QUARTER,
    )


def test_export_import_export_gives_the_same_file(client):
    awkward_timeline()
    first = export(client)
    wipe()

    plan = import_csv(first, create_missing=True)

    assert plan.is_valid, plan.errors
    assert (plan.created, plan.updated, plan.unchanged) == (3, 0, 0)
    assert export(client) == first


def test_importing_the_same_file_again_changes_nothing(client):
    awkward_timeline()
    first = export(client)
    wipe()
    import_csv(first, create_missing=True)
    before = snapshot()

    again = import_csv(first, create_missing=True)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert snapshot() == before


def test_reimporting_an_export_into_its_own_database_changes_nothing(client):
    awkward_timeline()
    before = snapshot()

    plan = import_csv(export(client))

    assert (plan.created, plan.updated, plan.unchanged) == (0, 0, 3)
    assert snapshot() == before


def test_file_without_ids_can_be_imported_twice_without_duplicates():
    data = csv_bytes([{"title": "Hearing held", "date_start": "March 2025"}])

    first = import_csv(data)
    second = import_csv(data)

    assert (first.created, second.unchanged) == (1, 1)
    event = Event.objects.get()
    assert (event.date_start, event.date_end, event.precision) == (
        date(2025, 3, 1),
        date(2025, 3, 31),
        "month",
    )


def thousand_rows(bad_row: int | None = None) -> bytes:
    rows = [
        {"title": f"Event {number}", "date_start": "2025-03-07", "date_end": "", "precision": ""}
        for number in range(1, 1001)
    ]
    if bad_row:
        rows[bad_row - 1]["date_start"] = "2025-02-31"
    return csv_bytes(rows)


def test_a_bad_date_in_row_537_of_1000_writes_nothing_and_names_row_and_column():
    plan = import_csv(thousand_rows(bad_row=537))

    assert Event.objects.count() == 0
    assert not plan.written
    assert plan.errors == [
        RowError(537, "date_start", "February 2025 has no day 31; it runs from 1 to 28."),
    ]
    assert str(plan.errors[0]) == (
        "Row 537 (spreadsheet row 538), column date_start: "
        "February 2025 has no day 31; it runs from 1 to 28."
    )
    assert plan.summary() == "1,000 rows checked: 1 error in 1 row; nothing was written."


def test_import_command_reports_each_error_and_exits_non_zero(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_bytes(thousand_rows(bad_row=537))

    with pytest.raises(CommandError, match="1 error in 1 row; nothing was written"):
        call_command("import_csv", str(path))

    assert "Row 537 (spreadsheet row 538), column date_start" in capsys.readouterr().err
    assert Event.objects.count() == 0


def test_import_command_dry_run_reports_counts_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_bytes(thousand_rows())

    call_command("import_csv", str(path), "--dry-run")

    assert Event.objects.count() == 0
    assert capsys.readouterr().out.strip() == (
        "Checked 1,000 rows: 1,000 to create, 0 to update, 0 unchanged. "
        "Dry run: nothing was written."
    )
    call_command("import_csv", str(path))
    assert Event.objects.count() == 1000


def test_import_command_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*missing.csv: No such file"):
        call_command("import_csv", str(tmp_path / "missing.csv"))


def test_every_bad_cell_is_reported_in_plain_words():
    create_actor(name="Department of Commerce")
    data = csv_bytes(
        [
            {"id": "x1", "title": "", "date_start": "03/04/2025", "type": "edict",
             "country": "USA", "actors": "Commerce Department", "tags": "", "evidence": ""},
            {"id": "", "title": "Fine", "date_start": "2025-03-07", "type": "Export control",
             "country": "us", "actors": "department of commerce", "tags": "", "evidence": ""},
            {"id": "", "title": "Range", "date_start": "2025-03-09", "type": "", "country": "",
             "actors": "", "tags": "", "evidence": "a quote"},
        ]
    )  # fmt: skip

    plan = import_csv(data)

    assert [(error.row, error.column) for error in plan.errors] == [
        (1, "id"),
        (1, "title"),
        (1, "type"),
        (1, "country"),
        (1, "date_start"),
        (1, "actors"),
        (3, "evidence"),
    ]
    messages = [error.message for error in plan.errors]
    assert "“x1” is not an event id" in messages[0]
    assert "could be day-first or month-first" in messages[4]
    assert messages[5].startswith("no actor is named “Commerce Department”")
    assert messages[6] == "a quote needs a source; fill in source_urls or source_titles."
    assert Event.objects.count() == 0


def test_unknown_actors_and_tags_are_errors_unless_creating_them_is_confirmed():
    data = csv_bytes(
        [
            {"title": "One", "date_start": "2025-03-07", "actors": "New Agency", "tags": "ai"},
            {"title": "Two", "date_start": "2025-03-08", "actors": "new agency", "tags": "AI"},
        ]
    )

    refused = import_csv(data)
    confirmed = import_csv(data, create_missing=True)

    assert [(e.row, e.column) for e in refused.errors] == [
        (1, "actors"), (1, "tags"), (2, "actors"), (2, "tags"),
    ]  # fmt: skip
    assert "tick “create missing actors and tags”" in refused.errors[0].message
    assert confirmed.written
    assert list(Actor.objects.values_list("name", flat=True)) == ["New Agency"]
    assert list(Tag.objects.values_list("name", flat=True)) == ["ai"]
    assert Event.objects.filter(actors__name="New Agency", tags__name="ai").count() == 2


def test_actors_are_matched_by_alias_and_two_names_for_one_actor_are_refused():
    commerce = create_actor(name="Department of Commerce")
    ActorAlias.objects.create(actor=commerce, name="Commerce Dept.")
    data = csv_bytes(
        [
            {"title": "One", "date_start": "2025-03-07", "actors": "commerce dept"},
            {"title": "Two", "date_start": "2025-03-08",
             "actors": "Commerce Dept; Department of Commerce"},
        ]
    )  # fmt: skip

    plan = import_csv(data)

    assert plan.errors == [
        RowError(2, "actors", "“Department of Commerce” and “Commerce Dept” are the same actor.")
    ]
    import_csv(csv_bytes([{"title": "One", "date_start": "2025-03-07", "actors": "commerce dept"}]))
    assert list(Event.objects.get().actors.all()) == [commerce]


def test_an_id_updates_that_event_and_reports_what_changed(client):
    event = create_event(title="Old title", summary="Kept")
    other = create_event(title="Untouched")
    rows = list(csv.DictReader(io.StringIO(export(client).decode("utf-8-sig"))))
    rows[[row["id"] for row in rows].index(str(event.pk))]["title"] = "New title"

    plan = import_csv(csv_bytes(rows))

    assert (plan.created, plan.updated, plan.unchanged) == (0, 1, 1)
    assert [row.changes for row in plan.rows if row.action == "update"] == [("title",)]
    event.refresh_from_db()
    other.refresh_from_db()
    assert (event.title, event.summary, other.title) == ("New title", "Kept", "Untouched")


def test_editing_sources_and_evidence_keeps_the_other_quotes():
    kept, dropped = (
        create_source(url="https://a.example/1"),
        create_source(url="https://b.example/2"),
    )
    event = create_event(title="Sourced", sources=[dropped, kept])
    Citation.objects.filter(source=kept).update(quote="Quote from A.")
    data = csv_bytes(
        [
            {"id": str(event.pk), "title": "Sourced", "date_start": "2025-03-07",
             "source_urls": "https://a.example/1; https://new.example/3",
             "source_titles": "; New article", "evidence": "Quote from A."},
        ]
    )  # fmt: skip

    plan = import_csv(data)

    assert plan.rows[0].changes == ("sources", "evidence")
    citations = list(event.citations.order_by("id").values_list("source__url", "quote"))
    assert citations == [("https://a.example/1", "Quote from A."), ("https://new.example/3", "")]
    assert Source.objects.get(url="https://new.example/3").origin == Source.Origin.IMPORT


def test_rows_naming_merged_events_or_duplicates_are_refused():
    survivor, duplicate = create_event(title="Kept"), create_event(title="Folded")
    merge_events(survivor, [duplicate])
    create_event(title="Twin", date_start=date(2025, 5, 1))
    create_event(title="Twin", date_start=date(2025, 5, 1))
    data = csv_bytes(
        [
            {"id": str(duplicate.pk), "title": "Folded", "date_start": "2025-03-07"},
            {"id": "", "title": "Twin", "date_start": "2025-05-01"},
            {"id": str(survivor.pk), "title": "Kept", "date_start": "2025-03-07"},
            {"id": str(survivor.pk), "title": "Kept again", "date_start": "2025-03-07"},
        ]
    )

    plan = import_csv(data)

    assert [(error.row, error.column) for error in plan.errors] == [
        (1, "id"), (2, "id"), (4, "id"),
    ]  # fmt: skip
    assert f"merged into event {survivor.pk}; use that id" in plan.errors[0].message
    assert "2 events have this title and date" in plan.errors[1].message
    assert "is the same event as row 3" in plan.errors[2].message


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"date_start": "Q1 2025"}, (date(2025, 1, 1), date(2025, 3, 31), "quarter")),
        ({"date_start": "early March 2025"}, (date(2025, 3, 1), date(2025, 3, 10), "approximate")),
        ({"date_start": "2025-03-01", "date_end": "2025-03-10"},
         (date(2025, 3, 1), date(2025, 3, 10), "approximate")),
        ({"date_start": "2025-01-27", "date_end": "2025-01-29", "precision": "week"},
         (date(2025, 1, 27), date(2025, 1, 29), "week")),
        ({"date_start": "7 March 2025", "precision": "Day"},
         (date(2025, 3, 7), date(2025, 3, 7), "day")),
    ],
)  # fmt: skip
def test_dates_go_through_the_fuzzy_date_rules(cells, expected):
    plan = import_csv(csv_bytes([{"title": "Dated", **cells}]))

    assert plan.is_valid, plan.errors
    event = Event.objects.get()
    assert (event.date_start, event.date_end, event.precision) == expected


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"date_start": "2025-03-01", "date_end": "2025-03-10", "precision": "day"}, "precision",
         "A date with day precision must start and end on the same day."),
        ({"date_start": "2025-03-10", "date_end": "2025-03-01"}, "date_end",
         "is before the start"),
        ({"date_start": "2025-03-10", "precision": "fortnight"}, "precision",
         "“fortnight” is not one of: day, week, month, quarter, year, approximate."),
        ({"date_start": "7 March"}, "date_start", "has no year"),
        ({"date_start": ""}, "date_start", "is empty; every event needs a date."),
    ],
)  # fmt: skip
def test_bad_dates_name_their_column(cells, column, message):
    plan = import_csv(csv_bytes([{"title": "Dated", **cells}]))

    assert [(error.row, error.column) for error in plan.errors] == [(1, column)]
    assert message in plan.errors[0].message


def test_spreadsheet_files_with_bom_semicolons_crlf_and_quoted_newlines_are_read():
    data = (
        "\ufeffTitle;Summary;Date start;Tags;Source URLs\r\n"
        '"Ban; widened";"First line\r\nsecond; line";2025-03-07;"ai; chips";'
        '"https://a.example/1; https://b.example/2"\r\n'
        "\r\n"
        "'=SUM(A1);'-1;Q2 2025;;\r\n"
    ).encode()

    plan = import_csv(data, create_missing=True)

    assert plan.is_valid, plan.errors
    banned, guarded = Event.objects.order_by("date_start")
    assert banned.title == "Ban; widened"
    assert banned.summary == "First line\r\nsecond; line"
    assert sorted(banned.tags.values_list("name", flat=True)) == ["ai", "chips"]
    assert banned.citations.count() == 2
    assert (guarded.title, guarded.summary) == ("=SUM(A1)", "-1")
    assert guarded.status == Event.Status.CANDIDATE


def test_tab_separated_files_and_lf_line_ends_are_read():
    data = b"title\tdate_start\tstatus\nHearing\t2025-03-07\tPublished\n"

    plan = import_csv(data)

    assert plan.is_valid
    assert Event.objects.get().status == Event.Status.PUBLISHED


def test_extra_columns_are_ignored_and_said_so():
    plan = import_csv(b"title,date_start,notes\nHearing,2025-03-07,call back\n", dry_run=True)

    assert plan.ignored_columns == ("notes",)
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        ("title,date_start\nCaf\u00e9,2025-03-07\n".encode("cp1252"), "is not UTF-8 text"),
        (b"name,date\nx,2025\n", "title and date_start are missing"),
        (b"title,date_start,title\nx,2025,y\n", "names these columns twice: title"),
        (b'title,date_start\n"unclosed,2025\n', "not valid CSV"),
    ],
)
def test_unreadable_files_get_a_message_saying_how_to_fix_them(data, message):
    with pytest.raises(ImportFileError, match=message):
        read_csv(data)


def test_a_row_with_more_cells_than_the_header_is_reported():
    plan = import_csv(b"title,date_start\nOne,2025-03-07,surprise\n")

    assert plan.errors == [
        RowError(
            1,
            "",
            "has 3 cells but the header names 2 columns; is a cell missing its closing quote?",
        )
    ]


def test_a_failure_while_writing_rolls_back_every_row(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # The last step of a write, after events, sources and citations were inserted.
    monkeypatch.setattr("timeline.imports.csv._set_evidence", fail)
    data = csv_bytes(
        [{"title": "One", "date_start": "2025-03-07", "source_urls": "https://a.example/1"}]
    )

    with pytest.raises(RuntimeError):
        import_csv(data)

    assert (Event.objects.count(), Source.objects.count(), Citation.objects.count()) == (0, 0, 0)


def test_events_created_with_explicit_ids_leave_room_for_new_ones(client):
    import_csv(csv_bytes([{"id": "500", "title": "Imported", "date_start": "2025-03-07"}]))

    created_later = create_event(title="Entered by hand")

    assert Event.objects.get(pk=500).title == "Imported"
    assert created_later.pk > 500


def test_publishing_through_an_import_records_who_and_when(django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    data = csv_bytes([{"title": "One", "date_start": "2025-03-07", "status": "published"}])

    import_csv(data, user=editor)

    event = Event.objects.get()
    assert event.reviewed_by == editor and event.reviewed_at is not None


def test_the_timeline_counts_include_imported_events_at_once():
    """Imported rows are plain inserts (no signals), so the import refreshes the cached counts."""

    def ban_count() -> int:
        types = facet_counts(EventFilters())["type"].values
        return next((value.count for value in types if value.value == "ban"), 0)

    create_event(title="Earlier ban", event_type=Event.Type.BAN)
    assert ban_count() == 1  # now cached

    import_csv(
        csv_bytes([{"title": "Imported ban", "date_start": "2025-03-07", "type": "ban",
                    "status": "published"}])
    )  # fmt: skip

    assert ban_count() == 2
