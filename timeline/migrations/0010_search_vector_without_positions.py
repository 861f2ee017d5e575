"""PostgreSQL: keep the search vectors without word positions (``strip``).

Positions serve phrase searches and ranking, and the timeline does neither: a search is every
word (the last as a prefix) with results in date order. Without them a vector is a third
smaller (331 to 226 bytes on average over the synthetic events), and a search for a common word,
which reads the search table's pages for the ids of its matches, reads a third fewer. The GIN
index holds no positions and is unchanged. SQLite is unchanged.

While the table is empty, its ``event_id`` becomes a ``bigint`` like the events' ids (0008 made
it an ``integer``, which an id past 2**31 would overflow, failing the event's insert).
"""

from django.db import migrations

from timeline.migrations._sql import SEARCH_VECTOR, run_sql, search_write_function


def statements(vector: str) -> list[str]:
    """Write every vector again as ``vector`` (of ``title`` and ``summary``), and keep doing so.

    Backwards the column stays a bigint: narrowing it again would only bring the overflow back.
    """
    return [
        search_write_function(vector),
        # A new table's worth of rows, then the index built once: faster than updating each
        # row, and it leaves no dead rows for a search to read past.
        "DROP INDEX IF EXISTS timeline_event_search_vector_idx",
        "TRUNCATE timeline_event_search",
        "ALTER TABLE timeline_event_search ALTER COLUMN event_id TYPE bigint",
        "INSERT INTO timeline_event_search (event_id, vector) "
        f"SELECT id, {vector.format(title='title', summary='summary')} FROM timeline_event",
        "CREATE INDEX timeline_event_search_vector_idx ON timeline_event_search USING gin (vector)",
    ]


class Migration(migrations.Migration):
    dependencies = [("timeline", "0009_export_cells")]

    operations = [
        migrations.RunPython(
            run_sql(postgresql=statements(f"strip({SEARCH_VECTOR})")),
            run_sql(postgresql=statements(SEARCH_VECTOR)),
        )
    ]
