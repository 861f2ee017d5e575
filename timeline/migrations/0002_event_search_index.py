"""Full-text search over event titles and summaries, one index per database.

SQLite: an FTS5 table with external content (the rows of timeline_event), stemmed with the
Porter stemmer, kept in sync by triggers. PostgreSQL: a GIN index on the English tsvector of
title and summary; timeline.queries.text_search repeats the exact expression so it is used.
"""

from django.db import migrations

from timeline.migrations._sql import run_sql

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE timeline_event_fts USING fts5(
        title, summary, content='timeline_event', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER timeline_event_fts_insert AFTER INSERT ON timeline_event BEGIN
        INSERT INTO timeline_event_fts(rowid, title, summary)
        VALUES (new.id, new.title, new.summary);
    END
    """,
    """
    CREATE TRIGGER timeline_event_fts_delete AFTER DELETE ON timeline_event BEGIN
        INSERT INTO timeline_event_fts(timeline_event_fts, rowid, title, summary)
        VALUES ('delete', old.id, old.title, old.summary);
    END
    """,
    """
    CREATE TRIGGER timeline_event_fts_update AFTER UPDATE OF title, summary ON timeline_event
    BEGIN
        INSERT INTO timeline_event_fts(timeline_event_fts, rowid, title, summary)
        VALUES ('delete', old.id, old.title, old.summary);
        INSERT INTO timeline_event_fts(rowid, title, summary)
        VALUES (new.id, new.title, new.summary);
    END
    """,
    "INSERT INTO timeline_event_fts(timeline_event_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS timeline_event_fts_insert",
    "DROP TRIGGER IF EXISTS timeline_event_fts_delete",
    "DROP TRIGGER IF EXISTS timeline_event_fts_update",
    "DROP TABLE IF EXISTS timeline_event_fts",
]
POSTGRESQL_FORWARD = [
    "CREATE INDEX timeline_event_search_idx ON timeline_event "
    "USING gin (to_tsvector('english'::regconfig, title || ' ' || summary))",
]
POSTGRESQL_BACKWARD = ["DROP INDEX IF EXISTS timeline_event_search_idx"]


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]

    operations = [
        migrations.RunPython(
            run_sql(sqlite=SQLITE_FORWARD, postgresql=POSTGRESQL_FORWARD),
            run_sql(sqlite=SQLITE_BACKWARD, postgresql=POSTGRESQL_BACKWARD),
        ),
    ]
