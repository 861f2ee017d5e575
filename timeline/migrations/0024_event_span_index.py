"""An index on each event's length in days, then its status: the date filters' earliest start
(the longest published event, ``queries._earliest_start``) is the index's last entries instead of
a scan of every event (27 to 35 ms at 100,000 events on PostgreSQL and SQLite, cold).

The length comes first, so the index cannot serve a filter on the status alone: with the status
first, SQLite, which had statistics for the other indexes and none for this one, took it for
the timeline's status-only filters (a first page of 192 ms instead of 76). The table's statistics
are read again all the same (as in 0023), so that every index has them.

The expression is written as ``queries.DaysBetween`` compiles it on each database, so that the
planner matches it; not in the model's Meta, which cannot import ``queries``."""

from django.db import migrations

SPAN = {
    "postgresql": '("date_end" - "date_start")',
    "sqlite": 'CAST(julianday("date_end") - julianday("date_start") AS INTEGER)',
}


def create_span_index(apps, schema_editor) -> None:
    span = SPAN.get(schema_editor.connection.vendor)
    if span:
        schema_editor.execute(f"CREATE INDEX event_span_idx ON timeline_event ({span}, status)")
        schema_editor.execute("ANALYZE timeline_event")


def drop_span_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor in SPAN:
        schema_editor.execute("DROP INDEX IF EXISTS event_span_idx")
        schema_editor.execute("ANALYZE timeline_event")


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0023_event_filter_indexes_timeline_order"),
    ]

    operations = [migrations.RunPython(create_span_index, drop_span_index)]
